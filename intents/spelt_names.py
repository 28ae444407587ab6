"""A proper name an item writes in one script only where people may type the other (하이창원 / HyChangwon).

A program's Korean text may name a joint venture, a plant or a partner (`진흥원과 두산중공업이 함께 출자한 특수목적법인
하이창원이 ...`) while its aliases give the Latin form only (HyChangwon), or the reverse. A question typing the other
form (`하이창원은 뭐하는 회사예요?`) then matched the answer text at half weight, or nothing, and got a suggestion at
best. Where one item writes a Korean word and a Latin word that spell the same sounds (the Korean word's Revised
Romanization and the Latin word share their consonant skeleton) and the Korean word is no word of the language
(a loanword, 플랜트 / plant, is), the pair is a proper name:
two scripts of one thing. Where no other item writes either form, both name that item as an alias does (its strong
phrasings, intents/matcher.py): a name no other item writes is strong evidence for the item.

Nothing here names an item or a knowledge base: it reads any knowledge base's own texts, once, when it is indexed.
"""
from __future__ import annotations

import re
from typing import Callable, Collection, Iterable

_INITIALS = ("g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h")
_VOWELS = ("a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu",
           "eu", "ui", "i")
_FINALS = ("", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng",
           "t", "t", "k", "t", "p", "t")
# Sounds either script may write with another letter (g/k, d/t, b/p, r/l, f/p, v/b, z/j): one class each.
_CLASSES = str.maketrans({"g": "k", "c": "k", "q": "k", "d": "t", "b": "p", "f": "p", "v": "p", "r": "l", "z": "j"})
_VOWEL_LETTERS = re.compile(r"[aeiouwy]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
MIN_SYLLABLES = 3  # a Korean word shorter than this is too often an everyday word
MIN_SKELETON = 4  # consonants the two spellings share, at least


def romanize(word: str) -> str:
    """The Revised Romanization of the Hangul syllables of `word` (other characters dropped), letter by letter."""
    out = []
    for ch in word:
        code = ord(ch) - 0xAC00
        if 0 <= code < 11172:
            out.append(_INITIALS[code // 588] + _VOWELS[(code % 588) // 28] + _FINALS[code % 28])
    return "".join(out)


def skeleton(latin: str) -> str:
    """The consonants of a Latin spelling, in sound classes, doubled letters once: hychangwon -> hkhnkn."""
    letters = _VOWEL_LETTERS.sub("", re.sub(r"[^a-z]", "", latin.lower()).translate(_CLASSES))
    return re.sub(r"(.)\1+", r"\1", letters)


def is_hangul_word(word: str) -> bool:
    return len(word) >= MIN_SYLLABLES and all(0xAC00 <= ord(ch) <= 0xD7A3 for ch in word)


def same_name(korean: str, latin: str) -> bool:
    """Whether a Korean word and a Latin word spell the same name (하이창원, HyChangwon)."""
    if not is_hangul_word(korean) or len(latin) < 5:
        return False
    key = skeleton(romanize(korean))
    return len(key) >= MIN_SKELETON and key == skeleton(latin)


def latin_words(texts: Iterable[str]) -> set[str]:
    return {w for text in texts for w in _LATIN_WORD.findall(text) if len(w) >= 5}


def spelt_names(items: dict[str, list[str]], terms: Callable[[str], Iterable[str]],
                real: Collection[str] = frozenset()) -> dict[str, list[str]]:
    """Item id -> the names (both spellings) it alone writes in two scripts. `items`: each item's texts (all of
    them: names, aliases, questions, answers); `terms`: what a text is read as (the analyser's terms); `real`: words
    of Korean (intents/real_words.py), which are loanwords spelt both ways (플랜트, plant; 멘토링, mentoring), no
    names. Each spelling must read as terms no other item writes: `Bootcamp` reads as 교육 (synonyms.yaml), which
    would make every question about training that program's."""
    read = {i: {t for text in texts for t in terms(text)} for i, texts in items.items()}
    owners: dict[str, int] = {}
    for item_terms in read.values():
        for term in item_terms:
            owners[term] = owners.get(term, 0) + 1

    def own(word: str) -> bool:
        said = list(terms(word))
        return bool(said) and all(owners.get(t, 0) == 1 for t in said)

    found: dict[str, list[str]] = {}
    for item_id, texts in items.items():
        koreans = sorted(w for w in read[item_id] if is_hangul_word(w) and w not in real and own(w))
        by_key: dict[str, list[str]] = {}
        for latin in sorted(latin_words(texts)):
            if own(latin):
                by_key.setdefault(skeleton(latin), []).append(latin)
        for korean in koreans:
            for latin in by_key.get(skeleton(romanize(korean)), ()):
                if same_name(korean, latin):
                    found.setdefault(item_id, []).extend((korean, latin))
    return found

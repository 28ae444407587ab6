"""English as people type it, brought to the words the lexicon knows (intents/lexicon/english.yaml).

Three gaps made English questions miss items whose Korean text says the same thing:
- Meaning spread over several words (`lost my job`, `how do I get to your building`, `trade show`): the
  analyser reads one word at a time, so `phrases` rewrites such a phrase into the word of the concept
  (구직, 위치, 전시회) before the words are read. Knowledge texts go through the same rewrite, so an
  English question and an English item text still meet. People write a phrase in many shapes, so a phrase
  is matched word by word on base forms (`started a company`, `starting companies` and `start company`
  are all `start a company`), with articles and possessives between its words optional (`lost job`, `lost
  my job`, `lost the job`: non-native English drops or swaps them), and `(a|b)` in a phrase spells out
  alternatives (`(plan|want) to (start|open) (business|company)`).
- Word forms the light stemmer gets wrong or cannot know (`textiles` -> textil, `bought`, `exhibiting` kept
  whole because a knowledge text happens to use it): `lemmas` lists the plausible base forms of a word, and
  the analyser takes the first one the synonym groups know, so every form of `exhibit` means 전시회.
- Vocabulary: `dictionary` pairs English words of the domain with the Korean word a knowledge base writes;
  a group takes part only for a knowledge base that uses one of its words (Analyzer.finish). A word of the
  dictionary is a real word even where its group does not take part: never the typo of another (`foreigners`
  is not `foreign` shortened, so not 해외).
- Non-native English: `function_words` name nothing a program is about (`make`, `come`, `again`, `ourself`)
  and count as stopwords where the knowledge base never writes them, so `i want make fashion brand` is about
  fashion brands, not also about an unknown `make` that no item writes.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping

from intents.english_ages import AgeReading
from intents.lexicon import LEXICON_DIR, read_yaml

# Words that may stand, or not, between the words of a phrase: `lost (my) job`, `start (a|my own) business`.
# Only between them: a phrase that opens with one (`your place`) needs it, or it would be one common word.
# `to` too: non-native English drops it (`want start company`, `go your office`).
OPTIONAL = frozenset({"a", "an", "the", "my", "our", "your", "his", "her", "their", "its", "some", "own", "to"})
_ALTERNATIVES = re.compile(r"\(([^()]*)\)")


@dataclass(frozen=True)
class English:
    phrases: Mapping[str, str] = field(default_factory=dict)  # "lost my job" -> "구직", as written (spelt out)
    forms: Mapping[str, str] = field(default_factory=dict)  # "bought" -> "buy"
    dictionary: tuple[tuple[str, ...], ...] = ()  # groups, each led by its Korean word
    function_words: frozenset[str] = frozenset()  # words that name nothing (make, come, again)
    everyday_words: frozenset[str] = frozenset()  # words of any sentence (new, year): light where a knowledge base writes them
    # first base form -> (the phrase's base forms, its concept word), longest first
    _index: Mapping[str, tuple[tuple[tuple[str, ...], str], ...]] = field(default_factory=dict)
    _bases: dict[str, str] = field(default_factory=dict, compare=False)  # word -> base_form, as met
    _words: frozenset[str] = frozenset()  # the dictionary's English words
    ages: AgeReading = field(default_factory=AgeReading)  # under 39 -> 청년 39, in my 20s -> 20

    @classmethod
    def load(cls, folder: Path = LEXICON_DIR) -> "English":
        path = folder / "english.yaml"
        data = read_yaml(path) if path.exists() else {}
        forms = {str(k).lower(): str(v).lower() for k, v in (data.get("forms") or {}).items()}
        phrases: dict[str, str] = {}
        for target, said in (data.get("phrases") or {}).items():
            for phrase in said or []:
                for spelt in spell_out(str(phrase)):
                    phrases.setdefault(spelt, str(target))
        for target, said in (data.get("people_phrases") or {}).items():
            for phrase in said or []:
                for spelt in spell_out(str(phrase)):  # foreign students -> foreigner students
                    phrases.setdefault(spelt, f"{target} {spelt.split()[-1]}")
        dictionary = tuple(tuple(str(w).lower() for w in group) for group in data.get("dictionary") or [] if group)
        function = frozenset(str(w).lower() for w in data.get("function_words") or [])
        everyday = frozenset(str(w).lower() for w in data.get("everyday_words") or [])
        return cls(phrases, forms, dictionary, function, everyday, _phrase_index(phrases, forms),
                   _words=frozenset(w for group in dictionary for w in group if w.isascii()),
                   ages=AgeReading.from_data(data.get("ages") or {}, spell_out))

    def groups_for(self, known: set[str]) -> Iterator[tuple[str, ...]]:
        """The dictionary groups a knowledge base uses: one of their words is among its `known` words, or a
        Korean word of two or more syllables is part of one (로봇 in 협동로봇)."""
        korean = "\n".join(w for w in known if not w.isascii())  # one string: a substring search per word
        for group in self.dictionary:
            if any(word in known for word in group) or any(
                    len(word) >= 2 and word in korean for word in group if not word.isascii()):
                yield group

    def rewrite(self, normalized: str) -> str:
        """Each known phrase of a normalised text replaced by the word of its concept, at each place the
        longest phrase that starts there. Words of other scripts stay as they are."""
        normalized = self.ages.read(normalized)  # under 39, 39세 이하 -> 청년 39 (intents/english_ages.py)
        if not _has_latin(normalized):
            return normalized
        if not self._index:
            return normalized
        tokens = normalized.split()
        keys = [self._base(t) for t in tokens]
        out: list[str] = []
        i = 0
        while i < len(tokens):
            end, target = self._phrase_at(tokens, keys, i)
            if target is None:
                out.append(tokens[i])
                i += 1
            else:
                out.append(target)
                i = end
        return " ".join(out)

    def opens_phrase(self, normalized: str) -> bool:
        """Whether a normalised text starts with one of the phrases (`not registered yet ...`)."""
        tokens = normalized.split()
        if not tokens or not self._index:
            return False
        return self._phrase_at(tokens, [self._base(t) for t in tokens], 0)[1] is not None

    def _base(self, word: str) -> str:
        base = self._bases.get(word)
        if base is None:
            base = base_form(word, self.forms)
            if len(self._bases) < 100_000:  # bounded: words people type are many but not endless
                self._bases[word] = base
        return base

    def _phrase_at(self, tokens: list[str], keys: list[str], start: int) -> tuple[int, str | None]:
        """(the index after the longest phrase starting at `start`, its concept word), or (start, None)."""
        for phrase, target in self._index.get(keys[start], ()):
            j = start + 1
            for word in phrase[1:]:
                while j < len(tokens) and keys[j] != word and tokens[j] in OPTIONAL:
                    j += 1
                if j >= len(tokens) or keys[j] != word:
                    break
                j += 1
            else:
                return j, target
        return start, None

    def says_nothing(self, word: str, stopwords: frozenset[str] | set[str]) -> bool:
        """Whether an English word is a form of a stopword (finding, needs, getting, wanted): a word a
        knowledge base's English text happens to use (`Finding Future Growth Industries`) would otherwise
        make a question that uses it in passing (`any help finding work?`) look like that item's."""
        return any(lemma in stopwords for lemma in itertools.islice(self.lemmas(word), 1, None))

    def is_function_word(self, word: str, known: set[str]) -> bool:
        """Whether a word is a form of a function word (`make`, `making`, `again`) that no `known` word (the
        knowledge base's) is a form of: where an item writes `make a prototype`, the word stays."""
        lemmas = list(self.lemmas(word))
        return any(lemma in self.function_words for lemma in lemmas) and not any(lemma in known for lemma in lemmas)

    def everyday_terms(self, terms: Iterable[str], stem: Callable[[str], str]) -> frozenset[str]:
        """Of a knowledge base's English terms, those that are an everyday word (`everyday_words`) or a form of one,
        as the analyser writes it (`handles` -> handl): they say how a thing is put, not what it is about."""
        # a stem of three letters is too short to be told from another word (`names` -> nam, a place's syllable)
        words = self.everyday_words | {s for s in map(stem, self.everyday_words) if len(s) > 3}
        return frozenset(t for t in terms if t.isascii() and any(lemma in words for lemma in self.lemmas(t)))

    def knows(self, word: str) -> bool:
        """Whether a word is one of the dictionary's English words, whether or not its group takes part."""
        return word in self._words

    def is_word(self, word: str) -> bool:
        """Whether the dictionary knows an English word or one of its base forms: a real word, never another
        one misspelt (`foreigners` is no typo of `foreign`)."""
        return any(lemma in self._words for lemma in self.lemmas(word))

    def lemmas(self, word: str) -> Iterator[str]:
        """The word, then the base forms it may have, likeliest first (textiles: textile, textil; exhibiting:
        exhibit, exhibite; studies: study). Only candidates: the caller keeps the first one it knows."""
        yield word
        if word in self.forms:
            yield self.forms[word]
        n = len(word)
        if n > 4 and word.endswith("ies"):
            yield word[:-3] + "y"
        if n > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
            yield word[:-1]
            if n > 4 and word.endswith("es"):
                yield word[:-2]
        if n > 5 and word.endswith("ing"):
            yield word[:-3]
            yield word[:-3] + "e"
        if n > 4 and word.endswith("ed"):
            yield word[:-2]
            yield word[:-1]
            if n > 5 and word.endswith("ied"):
                yield word[:-3] + "y"
            if word[-3] == word[-4]:  # planned -> plan
                yield word[:-3]
        if n > 4 and word.endswith("er") and not word.endswith("eer"):
            yield word[:-2]  # exporter -> export: the synonym groups list the thing, not the doer
        if n > 4 and word.endswith("ly"):
            yield word[:-2]


def spell_out(phrase: str) -> list[str]:
    """A phrase with `(a|b)` alternatives as every phrase it stands for, lower case, apostrophes dropped
    (as normalised text has them): `(plan|want) to start` -> `plan to start`, `want to start`."""
    text = phrase.lower().replace("'", "")
    parts = _ALTERNATIVES.split(text)  # literal, alternatives, literal, ...
    choices = [[part] if i % 2 == 0 else [a.strip() for a in part.split("|")] for i, part in enumerate(parts)]
    return list(dict.fromkeys(" ".join("".join(combo).split()) for combo in itertools.product(*choices)))


def base_form(word: str, forms: Mapping[str, str]) -> str:
    """A key under which the forms of one English word meet, for phrase matching only (not a lemma: `make`
    and `making` are both `mak`): irregular forms from `forms`, then a plural or -ing/-ed ending, a doubled
    consonant before it (planning, planned -> plan) and a final e dropped."""
    word = forms.get(word, word)
    n = len(word)
    if n > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif n > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
        if word.endswith(("sse", "xe", "ze", "che", "she")):
            word = word[:-1]
    elif n > 5 and word.endswith("ing") or n > 4 and word.endswith("ed"):
        word = word[:-3] if word.endswith("ing") else word[:-2]
        if len(word) > 2 and word[-1] == word[-2] and word[-1] not in "lsz":
            word = word[:-1]
    if len(word) > 3 and word.endswith("e") and not word.endswith("ee"):
        word = word[:-1]
    return word


def _phrase_index(phrases: Mapping[str, str], forms: Mapping[str, str]
                  ) -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    """Phrases by their first word's base form, each as the base forms of its words (optional words after
    the first dropped: the text may have them or not), longest first."""
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase, target in phrases.items():
        words = phrase.split()
        if not words:
            continue
        key = (base_form(words[0], forms), *(base_form(w, forms) for w in words[1:] if w not in OPTIONAL))
        index.setdefault(key[0], []).append((key, target))
    return {first: tuple(sorted(dict.fromkeys(entries), key=lambda e: -len(e[0]))) for first, entries in index.items()}


def _has_latin(text: str) -> bool:
    return any("a" <= ch <= "z" for ch in text)

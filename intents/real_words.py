"""Real Korean words: what a typo repair must never turn into another word.

A knowledge base writes a few thousand words; people write the whole language. A word the knowledge base never
writes is often a real word one letter away from one it does (전세 from 전시, 정착 from 정책, 가격 from 자격, 수술 from
수출, 미술 from 기술), and repairing it as a typo answers a question nobody asked. So the analyser and the speller
(intents/analyzer.py, intents/spelling.py) repair a word only when it is no word of Korean, and the near-miss check
(intents/scope.py) reads such a word as the other thing a question is about.

The words are wordfreq's Korean list (the `wordfreq` package: words seen at least once in a million in
subtitles, Wikipedia, news, web text and chat; Apache-2.0 code, data CC BY-SA 4.0), about 30,000 tokens cut
by a morphological analyser, so a verb form (하자, 뽑고, 좋지) is mostly not in it: its stem and ending are listed
apart, though many forms are listed whole too (만든다, 붙었는지, 배워). Typos are not in it: too rare to reach the
list. Hangul words of two syllables or more are kept, no less frequent than `real_words_min_zipf` in
intents/lexicon/spelling.yaml (read once per process).

Since the list holds verb forms, a word that ends as a verb form does (`VerbForms`: intents/lexicon/scope.yaml) is
not taken for a real word that stands alone: 배워 may still be read as 배우 (to learn), 붙었는지 stays in pieces. The
nouns that end like verb forms (비자, 창고, 복지: `nouns_ending_like_verbs` in intents/lexicon/words.yaml) are
names all the same.
"""
from __future__ import annotations

import functools
import gzip
import importlib.util
import logging
from dataclasses import dataclass
from pathlib import Path

from intents.hangul import is_syllable, to_jamo
from intents.lexicon import LEXICON_DIR, read_yaml

log = logging.getLogger(__name__)
ZIPF_TOP = 9.0  # wordfreq's bucket 0: a word of every second token; each bucket after it is 0.01 Zipf less
MIN_ZIPF = 3.0  # once in a million words: the floor of wordfreq's small lists


@functools.lru_cache(maxsize=1)
def real_korean_words() -> frozenset[str]:
    """The real Korean words (Hangul only, two syllables or more); empty, with one log line, where the wordfreq
    package is missing (then every unknown word may be repaired, as before)."""
    buckets = _korean_list()
    if buckets is None:  # pragma: no cover - installed by requirements.txt
        log.warning("wordfreq is not installed: real Korean words may be repaired as typos")
        return frozenset()
    floor = float(read_yaml(LEXICON_DIR / "spelling.yaml").get("real_words_min_zipf") or MIN_ZIPF)
    words: set[str] = set()
    for bucket, group in enumerate(buckets):
        if ZIPF_TOP - bucket / 100 < floor:
            break
        words.update(w for w in group if len(w) >= 2 and all(is_syllable(ch) for ch in w))
    return frozenset(words)


def _korean_list() -> list[list[str]] | None:
    """wordfreq's small Korean list, words by frequency bucket; None without the package.

    Read from its data file (gzipped msgpack: a header, then the buckets) where it is where wordfreq 3 keeps
    it: importing wordfreq itself (its tokenisers, ftfy, langcodes) is a quarter of a second of every start.
    Anything else: wordfreq's own `get_frequency_list`, the same list."""
    spec = importlib.util.find_spec("wordfreq")
    if spec is None:
        return None
    try:
        import msgpack

        folder = Path(spec.origin or "").parent
        with gzip.open(folder / "data" / "small_ko.msgpack.gz", "rb") as handle:
            data = msgpack.load(handle, raw=False)
        if isinstance(data, list) and data and data[0] == {"format": "cB", "version": 1}:
            return data[1:]
    except (ImportError, OSError, ValueError):
        pass
    import wordfreq

    return wordfreq.get_frequency_list("ko", wordlist="small")


@dataclass(frozen=True)
class VerbForms:
    """How a Korean verb or adjective form ends (intents/lexicon/scope.yaml), and the nouns that end the same way
    (intents/lexicon/words.yaml). Loaded where the analyser and the scope are built, so a reload reads edits."""

    final_syllables: frozenset[str]
    final_jongseong: frozenset[str]
    nouns: frozenset[str]

    @classmethod
    def load(cls) -> "VerbForms":
        scope = read_yaml(LEXICON_DIR / "scope.yaml")
        words = read_yaml(LEXICON_DIR / "words.yaml")
        return cls(frozenset(str(s) for s in scope.get("verb_final_syllables") or []),
                   frozenset(str(s) for s in scope.get("verb_final_jongseong") or []),
                   frozenset(str(w) for w in words.get("nouns_ending_like_verbs") or []))

    def ends_like_one(self, word: str) -> bool:
        """Whether a Korean word ends as a verb or adjective form does (뽑고, 했던, 만든다), and is no noun that
        ends the same way (비자, 창고)."""
        if not word or word in self.nouns:
            return False
        return word[-1] in self.final_syllables or word[-2:] in self.final_syllables \
            or to_jamo(word[-1])[-1:] in self.final_jongseong


_FIRST, _FINALS_AT = 0xAC00, 28  # a Hangul syllable is (initial * 21 + medial) * 28 + final
_FINAL = {"": 0, "ㄴ": 4, "ㄹ": 8, "ㅁ": 16, "ㅂ": 17, "ㅆ": 20}
STEM, INFINITIVE, BOUND, TENSED, ADNOMINAL = "stem", "infinitive", "bound", "tensed", "adnominal"


def _final(syllable: str) -> int:
    return (ord(syllable) - _FIRST) % _FINALS_AT


def _with_final(syllable: str, final: str) -> str:
    """A syllable with no final consonant given one (나 + ㄴ -> 난); ㄹ is dropped first (알 -> 아 -> 안)."""
    code = ord(syllable) - _FIRST
    return chr(_FIRST + code - code % _FINALS_AT + _FINAL[final])


@dataclass(frozen=True)
class EverydayVerbs:
    """Everyday verbs and adjectives conjugated (intents/lexicon/words.yaml `everyday_verbs`): 나와요, 쓸, 내야, 갖고,
    가지고, 받으면 read as 나오다, 쓰다, 내다, 갖다, 가지다, 받다. Such a word says how a thing is asked, not what
    about: the matcher counts the knowledge base's terms that are such forms as no evidence of an item's topic
    (intents/matcher.py `verb_terms`). The analyser still reads them as before, and the typo fixer may still
    "correct" one (갖고 -> 찾고): every variant of either measured cost an out-of-scope case (docs/matching.md
    "Everyday verb forms").

    A word is recognised as one of four parts of a verb followed by what may follow that part: a bare stem (나오, 받)
    and an ending starting as `after_stem` says (나오면, 받으면, 갖고); the 아/어 form (나와, 써), alone or before
    `after_infinitive` (나와요, 내야); the past or formal form (나왔, 썼, 나옵), alone or before any ending; an
    adnominal (쓸, 나온, 가진), alone or before `after_adnominal` (쓸수, 가진게). Everything after the part must be
    made of ending syllables (`ending_syllables`: the analyser's particles, stopwords and verb endings). Nouns that
    end like verbs (가게, 보고서: words.yaml `nouns_ending_like_verbs`) are never verbs."""

    parts: dict[str, tuple[tuple[str, str], ...]]  # 나와 -> ((나오다, infinitive),): each part, what it is of
    after_stem: tuple[str, ...]
    after_infinitive: tuple[str, ...]
    after_adnominal: frozenset[str]
    nouns: frozenset[str]

    @classmethod
    def from_data(cls, words: dict, key: str = "everyday_verbs") -> "EverydayVerbs":  # type: ignore[type-arg]
        parts: dict[str, list[tuple[str, str]]] = {}

        def add(part: str, verb: str, kind: str) -> None:
            if part and (verb, kind) not in parts.setdefault(part, []):
                parts[part].append((verb, kind))

        for verb, forms in (words.get(key) or {}).items():
            verb = str(verb)
            if isinstance(forms, dict):  # meaning_verbs: {forms: [...], means: ...}
                forms = forms.get("forms")
            forms = [str(f) for f in forms or []]
            if not verb.endswith("다") or len(verb) < 2 or not forms:
                continue
            stems = [verb[:-1], *forms[1:]]  # 어렵다: 어렵 and 어려우
            infinitive = forms[0]
            # A 아/어 form that is the stem itself (내, 가, 나) is a verb only with an ending (내야, 가요): alone, 내 is
            # "my" and 나 "I" far more often.
            add(infinitive, verb, INFINITIVE if infinitive != verb[:-1] else BOUND)
            add(infinitive[:-1] + _with_final(infinitive[-1], "ㅆ"), verb, TENSED)  # 나와 -> 나왔
            for stem in stems:
                add(stem, verb, STEM)
                last = stem[-1]
                if _final(last) == _FINAL["ㄹ"]:  # 알다: 알 (future), 아 + 는, 안, 압니다
                    add(stem, verb, ADNOMINAL)
                    bare = stem[:-1] + _with_final(last, "")
                    add(bare, verb, STEM)
                    last, stem = bare[-1], bare
                    finals: tuple[str, ...] = ("ㄴ", "ㅂ")
                elif _final(last) == 0:
                    finals = ("ㄴ", "ㄹ", "ㅂ")  # not ㅁ: 도움, 그림 are nouns
                else:
                    continue  # 받다: 받은, 받을 are the stem and an ending
                for final in finals:
                    add(stem[:-1] + _with_final(last, final), verb, TENSED if final == "ㅂ" else ADNOMINAL)
        return cls({p: tuple(v) for p, v in parts.items()},
                   tuple(str(e) for e in words.get("after_stem") or []),
                   tuple(str(e) for e in words.get("after_infinitive") or []),
                   frozenset(str(e) for e in words.get("after_adnominal") or []),
                   frozenset(str(w) for w in words.get("nouns_ending_like_verbs") or []))

    @classmethod
    def load(cls, key: str = "everyday_verbs") -> "EverydayVerbs":
        """The verbs of words.yaml `key` (`meaning_verbs` too: the same conjugation rules)."""
        return cls.from_data(read_yaml(LEXICON_DIR / "words.yaml"), key)

    @property
    def verbs(self) -> frozenset[str]:
        """The dictionary forms (나오다, 쓰다): the words a recognised form reads as."""
        return frozenset(verb for found in self.parts.values() for verb, _ in found)

    def dictionary_form(self, word: str, ending_syllables: frozenset[str]) -> str | None:
        """The everyday verb `word` is a form of (나와요 -> 나오다), or None."""
        if not word or word in self.nouns or not all(is_syllable(ch) for ch in word):
            return None
        for cut in range(min(len(word), 5), 0, -1):
            found = self.parts.get(word[:cut])
            if not found:
                continue
            rest = word[cut:]
            if rest and not all(ch in ending_syllables for ch in rest):
                continue
            for verb, kind in found:
                if self._follows(kind, word[:cut], rest):
                    return verb
        return None

    def _follows(self, kind: str, part: str, rest: str) -> bool:
        if kind == STEM:
            return bool(rest) and rest.startswith(self.after_stem)
        if kind in (INFINITIVE, BOUND):
            return (not rest and kind == INFINITIVE) or rest.startswith(self.after_infinitive)
        if kind == ADNOMINAL:  # alone, a one-syllable past adnominal is more often another word (안: not, 든, 난)
            return (not rest and (len(part) > 1 or _final(part[-1]) == _FINAL["ㄹ"])) \
                or rest in self.after_adnominal or rest[:1] in self.after_adnominal
        return True  # TENSED: 나왔어요, 했는데, 옵니다

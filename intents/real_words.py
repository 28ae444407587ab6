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

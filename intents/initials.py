"""초성 chat the analyser cannot expand alone: `ㅊㅇ ㅈㅇㄱ`, `ㅇㅂㅊㅇ ㅈㅇ`.

Two consonants abbreviate too many words to be read one at a time (ㅊㅇ is 창업, 창원, 채용, 취업, 참여 ...), and a
run of them may be two words typed together. Read together they are rarely ambiguous: of all the ways to
read every abbreviation of a message, the one whose words an item of the knowledge base uses together is
meant (ㅊㅇ ㅈㅇㄱ: 창업 지원금, which programs name together). `spell_out` replaces each abbreviation the
analyser leaves unknown by the reading some item holds whose words the knowledge base writes most often,
words naming a topic before generic ones; an abbreviation no item explains is left as typed.

Bounded: at most MAX_TOKENS abbreviations, each cut into at most three pieces of two letters or more, each
piece read as one of its MAX_READINGS most frequent words.
"""
from __future__ import annotations

import itertools
import math
from typing import TYPE_CHECKING, Iterable

from intents.analyzer import UNKNOWN_PREFIX, normalize
from intents.hangul import is_initials_only

if TYPE_CHECKING:
    from intents.analyzer import Analyzer

MAX_TOKENS = 4
MAX_READINGS = 8
MAX_PIECES = 3
PLAIN_PENALTY = 1.5  # in units of log word frequency


def spell_out(text: str, analyzer: "Analyzer", item_terms: list[frozenset[str]],
              plain: frozenset[str] = frozenset()) -> str:
    """`text` with each 초성 abbreviation the analyser cannot place spelt out as the words items use together.
    `plain` words (generic words, aspect cues and places: 지원, 신청, 창원) name no item: a reading without them
    is preferred.
    Chat abbreviations (ㄱㄱ, ㅁㄹ) are the analyser's; a lone abbreviation has nothing to be read with."""
    if not any("ㄱ" <= ch <= "ㅎ" for ch in text):
        return text
    tokens = normalize(text).split()
    if len(tokens) < 2:
        return text
    unplaced = [i for i, token in enumerate(tokens)
                if is_initials_only(token) and token not in analyzer.lexicon.initials_slang
                and _unknown(analyzer, token)]
    if not unplaced or len(unplaced) > MAX_TOKENS:
        return text
    # What the other words name; their aspect cues, question words and places no item need hold (ㅇㅊ ㅇㅋㄷㅁ 언제:
    # 어촌 아카데미, though no item writes 언제).
    known = {t for i, token in enumerate(tokens) if i not in unplaced
             for t in analyzer.analyze(token).terms if not t.startswith(UNKNOWN_PREFIX) and t not in plain}
    changed = False
    for index in unplaced:
        best = _best_reading(tokens[index], analyzer, item_terms, known, plain)
        if best is not None:
            words, terms = best
            tokens[index] = " ".join(words)
            known |= terms
            changed = True
    return " ".join(tokens) if changed else text


def _unknown(analyzer: "Analyzer", token: str) -> bool:
    terms = analyzer.analyze(token).terms
    return not terms or all(t.startswith(UNKNOWN_PREFIX) for t in terms)


def _best_reading(token: str, analyzer: "Analyzer", item_terms: list[frozenset[str]], known: set[str],
                  plain: frozenset[str]) -> tuple[tuple[str, ...], frozenset[str]] | None:
    best: tuple[float, int, tuple[str, ...], frozenset[str]] | None = None
    for pieces in _cuts(token):
        readings = [_readings(piece, analyzer) for piece in pieces]
        if not all(readings):
            continue
        for words in itertools.product(*readings):
            terms = frozenset(t for word in words for t in analyzer.analyze(word).terms
                              if not t.startswith(UNKNOWN_PREFIX))
            if not terms:
                continue
            wanted = terms | known
            support = sum(1 for own in item_terms if wanted <= own)
            if not support:
                continue
            # Words the knowledge base writes often are what people abbreviate (ㅈㅇ: 지원, not 중인); a plain
            # word counts for less than a word naming a topic (ㅅㅊ ㅅㄷㅎ: 수출 상담회, not 신청 상담회).
            score = sum(math.log1p(analyzer.frequency(word)) for word in words) \
                - PLAIN_PENALTY * sum(1 for t in terms if t in plain)
            key = (score, support)
            if best is None or key > best[:2]:
                best = (score, support, words, terms)
    return (best[2], best[3]) if best else None


def _cuts(token: str) -> Iterable[tuple[str, ...]]:
    """The ways to cut `token` into one to MAX_PIECES pieces of two letters or more, fewest pieces first."""
    n = len(token)
    yield (token,)
    for first in range(2, n - 1):
        yield token[:first], token[first:]
    if MAX_PIECES >= 3:
        for first in range(2, n - 3):
            for second in range(first + 2, n - 1):
                yield token[:first], token[first:second], token[second:]


def _readings(piece: str, analyzer: "Analyzer") -> list[str]:
    words = analyzer.initials_words(piece)
    return sorted(words, key=lambda w: (-analyzer.frequency(w), w))[:MAX_READINGS]

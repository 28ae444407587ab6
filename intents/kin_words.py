"""Kin words: a question's word the knowledge base never writes, read as the knowledge base's nearest word.

A paraphrase asks in the asker's words (`렌탈`, `테스트`, `월급`), the knowledge base writes its own (`대여`, `시험`,
`인건비`). intents/lexicon/synonyms.yaml maps general Korean pairs by hand; this maps the rest with the model: the
knowledge base's own content words (the terms of its programs', FAQs' and referrals' names, aliases and
questions: matcher.py `kin_vocabulary` says why not their summaries and answers) are embedded alone when the
knowledge base is indexed (cached on disk with the item vectors), and at question time each unknown word of the
question is embedded alone and compared with them. A word whose nearest knowledge-base word is at least `cosine`
similar, and clearly nearer than the rest (`lead` over the next word), is *kin* to it: the items that write that
word get `credit` of the unknown word's weight as lexical evidence (matcher.py `rank`, only in the fusion: hybrid
mode). The unknown word keeps its full weight in the
question's total, so an item gains only part of what the word costs it.

Why it is thin and hybrid-only: measured on the tuning sets (bench/synonym_counts.py), out-of-scope questions'
unknown words map as close as a paraphrase's (웨딩 -> 박람회 0.875, 테스트 -> 시험 0.949, 렌탈 -> 대여 0.84): a
single word's vector says what field it is in more than what it means. docs/matching.md "Kin words" has the
figures. The numbers are in intents/lexicon/kin.yaml; `credit` 0 switches it off.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence

import numpy as np
import yaml

from intents.analyzer import UNKNOWN_PREFIX
from intents.lexicon import checked_numbers
from intents.semantic import Embedder, SemanticCache

KIN_FILE = Path(__file__).resolve().parent / "lexicon" / "kin.yaml"


@dataclass(frozen=True)
class KinSettings:
    credit: float = 0.0  # a kin word's credit for the items writing its knowledge-base word (a name's word: 1.0)
    cosine: float = 0.92  # the nearest knowledge-base word must be at least this similar to the unknown word
    lead: float = 0.0  # ... and lead the next knowledge-base word by this much
    words: int = 3  # unknown words of one question read at most (each is one model call)

    @classmethod
    def load(cls, path: Path = KIN_FILE) -> "KinSettings":
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        return cls(**checked_numbers(cls, raw.get("numbers") or {}, path))


def readable(term: str) -> bool:
    """Whether an unknown term is a word the model can read alone: two Hangul syllables or more, or three Latin
    letters or more (not a number, a lone ending, a jamo run or an emoji)."""
    word = term[len(UNKNOWN_PREFIX):] if term.startswith(UNKNOWN_PREFIX) else term
    if word.isascii():
        return len(word) >= 3 and word.isalpha()
    return len(word) >= 2 and all("가" <= ch <= "힣" for ch in word)


def vocabulary(items: Iterable[tuple[int, Iterable[str]]], plain: Callable[[str], bool]) -> dict[str, frozenset[int]]:
    """Content word -> the entries that write it, from (entry index, terms) pairs; `plain` words (generic words,
    aspect cues, stopwords, places, everyday verbs), numbers and single letters left out."""
    writers: dict[str, set[int]] = {}
    for index, terms in items:
        for term in terms:
            if term.startswith(UNKNOWN_PREFIX) or plain(term) or not readable(term):
                continue
            writers.setdefault(term, set()).add(index)
    return {word: frozenset(found) for word, found in sorted(writers.items())}


@dataclass(frozen=True)
class KinWords:
    """The knowledge base's content words, their vectors and their writers."""

    words: tuple[str, ...]
    writers: Mapping[str, frozenset[int]]
    matrix: np.ndarray
    settings: KinSettings

    @classmethod
    def build(cls, writers: Mapping[str, frozenset[int]], cache: SemanticCache, embedder: Embedder,
              settings: KinSettings) -> "KinWords":
        words = tuple(writers)
        matrix = cache.vectors_for(list(words), embedder) if words else np.zeros((0, embedder.dim), np.float32)
        return cls(words, writers, matrix, settings)

    def kin(self, term: str, vector: np.ndarray) -> str | None:
        """The knowledge-base word an unknown word (its vector) stands for, if any is near and clearly nearest."""
        if not len(self.words):
            return None
        similarity = self.matrix @ vector
        if len(self.words) > 1:
            second, first = np.argpartition(similarity, -2)[-2:]
            if similarity[second] > similarity[first]:
                first, second = second, first
            if similarity[first] - similarity[second] < self.settings.lead:
                return None
        else:
            first = 0
        return self.words[int(first)] if similarity[first] >= self.settings.cosine else None

    def credits(self, terms: Iterable[str],
                vectors_of: Callable[[list[str]], Sequence[np.ndarray]]) -> dict[str, dict[int, float]]:
        """Unknown term -> {entry index: credit} for the items writing its kin word (`vectors_of` embeds words,
        all in one call: the model's fixed cost a call is most of a short word's, Embedder.embed_each)."""
        if self.settings.credit <= 0:
            return {}
        out: dict[str, dict[int, float]] = {}
        unknown = [t for t in dict.fromkeys(terms) if t.startswith(UNKNOWN_PREFIX) and readable(t)]
        read = unknown[: self.settings.words]
        if not read:
            return out
        for term, vector in zip(read, vectors_of([term[len(UNKNOWN_PREFIX):] for term in read])):
            word = self.kin(term, vector)
            if word is not None:
                out[term] = {index: self.settings.credit for index in self.writers[word]}
        return out

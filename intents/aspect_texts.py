"""The semantic signal for aspects: which of the chosen program's own texts a question is nearest to.

Used only where no cue word says which aspect is asked (intents/aspects.py found none). Comparing the question
with generic example questions per aspect was tried and is unreliable: an embedding of a whole question
mostly encodes its topic, and the examples share none. The program's own texts share the topic with the
question, so what tells them apart is the aspect: `무역사절단 가면 비행기 값은요` is nearer the support text
(which names what is paid) than the summary or the period text. The summary competes too: a question nearest
to it asks about the program as a whole, and one whose nearest text leads the next by less than `margin`
is not sure enough to leave the summary for.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

import numpy as np

from intents.semantic import Embedder, SemanticCache
from knowledge.model import KnowledgeBase

MARGIN = 0.02  # cosine lead the nearest text needs over the next: below it, the summary (no aspect)


@dataclass(frozen=True)
class AspectTexts:
    """Per program and language: the aspect names (None for the summary) and their texts' vectors."""

    texts: Mapping[tuple[str, str], tuple[tuple[str | None, ...], np.ndarray]] = field(default_factory=dict)
    margin: float = MARGIN

    @classmethod
    def build(cls, kb: KnowledgeBase, cache: SemanticCache, embedder: Embedder) -> "AspectTexts":
        """The vectors of every program's summary and aspect texts (cached on disk with the other texts)."""
        keys: list[tuple[str, str, str | None]] = []
        texts: list[str] = []
        for program in kb.programs:
            if not program.aspects:
                continue
            for lang in ("ko", "en"):
                for aspect, text in ((None, program.summary), *program.aspects.items()):
                    body = " ".join(text.get(lang).split())
                    if body:
                        keys.append((program.id, lang, aspect))
                        texts.append(body)
        vectors = cache.vectors_for(texts, embedder)
        grouped: dict[tuple[str, str], tuple[list[str | None], list[np.ndarray]]] = {}
        for (program_id, lang, aspect), vector in zip(keys, vectors):
            names, rows = grouped.setdefault((program_id, lang), ([], []))
            names.append(aspect)
            rows.append(vector)
        return cls({k: (tuple(names), np.stack(rows)) for k, (names, rows) in grouped.items()})

    def nearest(self, program_id: str, lang: str, query: np.ndarray) -> str | None:
        """The aspect whose text the question (its vector) is nearest to, by at least the margin; None where
        the summary is nearest or nothing leads clearly."""
        found = self.texts.get((program_id, lang)) or self.texts.get((program_id, "ko"))
        if found is None:
            return None
        names, matrix = found
        if len(names) < 2:
            return None
        similarity = matrix @ query
        first, second = np.argsort(-similarity)[:2]
        if similarity[first] - similarity[second] < self.margin:
            return None
        return names[first]

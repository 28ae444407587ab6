"""Small stand-ins for a ranked item (intents/scored.py), for unit tests of the re-ranking rules."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StubItem:
    id: str
    kind: str


@dataclass(frozen=True)
class StubRanked:
    item: StubItem
    score: float
    topic_coverage: float

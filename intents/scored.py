"""What the re-ranking rules (roles.py, specialised.py) need of a ranked item: the item, its score and how
much of the question's topic it explains. matcher.Ranked has these; tests pass small stand-ins."""
from __future__ import annotations

from typing import Protocol, TypeVar

from knowledge.model import Item


class Scored(Protocol):
    @property
    def item(self) -> Item: ...

    @property
    def score(self) -> float: ...

    @property
    def topic_coverage(self) -> float: ...


R = TypeVar("R", bound=Scored)

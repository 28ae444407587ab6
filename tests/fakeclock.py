"""A clock for the store that tests move by hand: retries and retention come due without sleeping."""
from __future__ import annotations

from datetime import datetime, timedelta


class Clock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at

    def advance(self, **kw: float) -> None:
        self.at += timedelta(**kw)

"""What every part of the store shares: the connection and the clock."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any

from sqlite_utils import Database

from store.database import iso


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class StoreBase:
    """The connection (owned by the thread that opened it) and an injectable clock for tests."""

    db: Database
    clock: Callable[[], datetime]

    def _now(self) -> str:
        return iso(self.clock())

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """Group several writes into one transaction (e.g. a ticket and its staff card in the outbox)."""
        with self.db.atomic():
            yield

    def _one(self, sql: str, params: tuple | dict = ()) -> dict[str, Any] | None:
        return next(iter(self.db.query(sql, params)), None)

    def _all(self, sql: str, params: tuple | dict = ()) -> list[dict[str, Any]]:
        return list(self.db.query(sql, params))


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def loads(text: str | None) -> Any:
    return json.loads(text) if text else None

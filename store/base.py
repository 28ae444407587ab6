"""What every part of the store shares: the connection, the clock, transactions and checkpoints.

EnquiryStore (enquiry_store.py) owns the connection; each part (enquiries, tickets, outbox, privacy,
stats) is a `Part` over it, reached by name: `store.tickets.close(7, by=staff_id)`.
"""
from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from store.database import iso

if TYPE_CHECKING:
    from store.enquiry_store import EnquiryStore

log = logging.getLogger(__name__)

# Pauses between tries of a checkpoint that a reader blocks: about 0.15 s in all, so a handler on the
# event loop is held up for no longer than that (the connection's 5 s busy timeout is not used for it).
CHECKPOINT_WAITS_S = (0.01, 0.02, 0.04, 0.08)


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class Connection:
    """The connection (owned by the thread that opened it) and an injectable clock for tests."""

    db: Database
    clock: Callable[[], datetime]
    _checkpoint_pending: bool = False

    def now_iso(self) -> str:
        return iso(self.clock())

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """Group several writes into one transaction (e.g. a ticket and its staff card in the outbox)."""
        with self.db.atomic():
            yield

    def checkpoint(self, waits: tuple[float, ...] = CHECKPOINT_WAITS_S) -> tuple[int, int, int]:
        """Copy the write-ahead log into the database file and truncate it: (busy, log, checkpointed).

        The log keeps the old page images of whatever was deleted or overwritten (forgotten personal data
        among them) until it is emptied. Another connection in the middle of a read (the CLI, a backup)
        keeps it from being emptied; then this tries again after each of `waits` and, if the reader is
        still there, leaves the checkpoint pending: see pending_checkpoint and retry_checkpoint(). So does
        a call inside an open transaction (the caller's atomic() block), where no checkpoint can run.
        """
        conn = self.db.conn
        if conn.in_transaction:  # inside the caller's atomic(): SQLite cannot checkpoint there
            self._checkpoint_pending = True
            return (1, -1, -1)
        timeout = conn.execute("PRAGMA busy_timeout").fetchone()[0]
        conn.execute("PRAGMA busy_timeout = 0")  # the waits above instead of blocking for seconds
        try:
            for wait in (*waits, None):
                row = tuple(conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone())
                if not row[0] or wait is None:
                    break
                time.sleep(wait)
        finally:
            conn.execute(f"PRAGMA busy_timeout = {int(timeout)}")
        self._checkpoint_pending = bool(row[0])
        return row  # type: ignore[return-value]

    @property
    def pending_checkpoint(self) -> bool:
        """True when the last checkpoint could not empty the write-ahead log (a reader held it)."""
        return self._checkpoint_pending

    def retry_checkpoint(self) -> bool:
        """Try once more, without waiting, to empty the log if a checkpoint is pending; True once it is empty.

        The outbox's due() calls this, so with the bot running a pending checkpoint is retried every few
        seconds until the reader has let go.
        """
        if self._checkpoint_pending:
            self.checkpoint(waits=())
            if not self._checkpoint_pending:
                log.info("pending checkpoint done: the write-ahead log is empty")
        return not self._checkpoint_pending

    def vacuum(self) -> None:
        """Rebuild the file without free pages, then empty the write-ahead log.

        Takes a moment on a large file and needs no other connection writing; run it from the daily job.
        """
        self.checkpoint()  # fold in what earlier forgets left, so VACUUM rebuilds from a complete file
        self.db.execute("VACUUM")
        if self.checkpoint()[0]:
            log.warning("vacuum: a reader kept the write-ahead log from being emptied; retried later")


class Part:
    """One part of the store over the shared connection; it reads the store's clock at every call."""

    def __init__(self, store: "EnquiryStore") -> None:
        self._store = store

    @property
    def db(self) -> Database:
        return self._store.db

    def _now(self) -> str:
        return self._store.now_iso()

    def _one(self, sql: str, params: tuple | dict = ()) -> dict[str, Any] | None:
        return next(iter(self.db.query(sql, params)), None)

    def _all(self, sql: str, params: tuple | dict = ()) -> list[dict[str, Any]]:
        return list(self.db.query(sql, params))


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def loads(text: str | None) -> Any:
    return json.loads(text) if text else None

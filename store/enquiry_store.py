"""EnquiryStore: the one object the bot holds to reach its SQLite file."""
from __future__ import annotations

import logging
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from store.base import utc_now
from store.database import open_database
from store.enquiries import EnquiryLog

log = logging.getLogger(__name__)


class EnquiryStore(EnquiryLog):
    """The enquiry log, tickets, the outbox and privacy tools over one SQLite file.

    Every method is synchronous and short, and commits before it returns (use `atomic()` to group
    several). The connection belongs to the thread that created the store: call it from the event loop
    thread only. `clock` returns the current time as an aware datetime; tests pass a fake one.
    """

    def __init__(self, path: str | os.PathLike[str], *, clock: Callable[[], datetime] = utc_now,
                 synchronous: str = "NORMAL") -> None:
        self.path = Path(path)
        self.clock = clock
        self.db = open_database(self.path, synchronous=synchronous)
        self._blocked_chats: set[int] = set()

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "EnquiryStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

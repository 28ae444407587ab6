"""EnquiryStore: the one object the bot holds to reach its SQLite file."""
from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from store.base import utc_now
from store.database import open_database
from store.enquiries import EnquiryLog
from store.outbox import Outbox
from store.privacy import Privacy
from store.stats import Stats
from store.tickets import TicketDesk


class EnquiryStore(EnquiryLog, TicketDesk, Outbox, Privacy, Stats):
    """The enquiry log, tickets, the outbox and privacy tools over one SQLite file.

    Every method is synchronous and short, and commits before it returns (use `atomic()` to group
    several). The connection belongs to the thread that created the store: call it from the event loop
    thread only. `clock` returns the current time as an aware datetime; tests pass a fake one.

    Each part lives in its own module: enquiries.py (the log), tickets.py, outbox.py, privacy.py and
    stats.py; their docstrings list the keys of the dicts they return.
    """

    def __init__(self, path: str | os.PathLike[str], *, clock: Callable[[], datetime] = utc_now,
                 synchronous: str = "NORMAL") -> None:
        self.path = Path(path)
        self.clock = clock
        self.db = open_database(self.path, synchronous=synchronous)
        self._load_blocked()

    def close(self, number: int | None = None, staff_id: int | None = None) -> Any:  # type: ignore[override]
        """close() closes the database; close(number, staff_id) closes a ticket (same as close_ticket).

        Two contracts name this method; the ticket form needs both arguments so that neither can be
        reached by mistake.
        """
        if number is None and staff_id is None:
            self.db.close()
            return None
        if number is None or staff_id is None:
            raise TypeError("close(number, staff_id) closes a ticket; close() closes the database")
        return self.close_ticket(number, staff_id)

    def __enter__(self) -> "EnquiryStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.db.close()

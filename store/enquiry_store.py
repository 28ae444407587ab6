"""EnquiryStore: the one object the bot holds to reach its SQLite file, its parts reached by name."""
from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from store.alerts import Alerts
from store.base import Connection, utc_now
from store.database import open_database
from store.enquiries import Enquiries
from store.outbox import Outbox
from store.privacy import Privacy
from store.stats import Stats
from store.tickets import Tickets


class EnquiryStore(Connection):
    """The enquiry log, tickets, the outbox, privacy and figures over one SQLite file:

        store.enquiries.record(...)       store.tickets.close(7, by=staff_id)
        store.outbox.enqueue(...)         store.privacy.forget_user(user_id)
        store.stats.summary()             with store.atomic(): ...   (several writes, one transaction)
        store.alerts.subscribe(...)       (alert subscriptions and the alerts sent for them)

    Every method is synchronous and short, and commits before it returns (use `atomic()` to group
    several). The connection belongs to the thread that created the store: call it from the event loop
    thread only. `clock` returns the current time as an aware datetime; tests pass a fake one (every part
    reads it at each call, so replacing store.clock moves them all).
    """

    def __init__(self, path: str | os.PathLike[str], *, clock: Callable[[], datetime] = utc_now,
                 synchronous: str = "NORMAL") -> None:
        self.path = Path(path)
        self.clock = clock
        self.db = open_database(self.path, synchronous=synchronous)
        self.enquiries = Enquiries(self)
        self.tickets = Tickets(self)
        self.outbox = Outbox(self)
        self.privacy = Privacy(self)
        self.stats = Stats(self)
        self.alerts = Alerts(self)
        self.outbox.load_blocked()

    def close(self) -> None:
        """Close the database (a ticket is closed with store.tickets.close)."""
        self.db.close()

    def __enter__(self) -> "EnquiryStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.db.close()

"""Privacy: what a user may see of their data, forgetting them, and the retention purge.

Forgetting deletes the user's enquiries and ratings and blanks the personal fields of their tickets
(name, contact, question, every message text, and the outbox copies such as the staff card). The ticket
rows stay, marked deleted and closed (closed_by NULL: nobody on the staff closed it), so that staff see
what happened to a ticket they were handling, and /inbox, `enquiries list --status open` and the open
counts no longer hold it. With
`PRAGMA secure_delete` the old bytes are zeroed as they are freed, and forget_user() checkpoints and empties
the write-ahead log (which still holds the old page images); vacuum() also rebuilds the file. When another
connection is reading at that moment the log cannot be emptied: the checkpoint is then left pending and
retried (store.pending_checkpoint, retry_checkpoint(), called by the outbox's due() every few seconds).
Measured by tests/test_store_privacy.py: none of the forgotten bytes are left anywhere in the files.
"""
from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import cast

from store.base import Part
from store.database import iso, parse_iso
from store.enquiries import IS_QUESTION, IS_UNANSWERED
from store.rows import Forgotten, Kept, KeptTicket
from store.search import fold_deleted

log = logging.getLogger(__name__)

# The first deletion time is kept when the retention purge later also unlinks a forgotten ticket.
_BLANK_TICKET = ("name = NULL, contact = NULL, contact_kind = NULL, question = NULL, deleted = 1,"
                 " deleted_at = coalesce(deleted_at, ?)")


class Privacy(Part):
    """Forgetting a person, what is kept about them, and the retention purge (store.privacy)."""

    def _blank_tickets(self, numbers: list[int], now: str, *, unlink: bool = False) -> None:
        """Blank the tickets' personal fields; with `unlink` (the retention purge) also their user and chat.

        Forgetting keeps the ids, so that the user's /mydata still shows the tickets as deleted.
        """
        if not numbers:
            return
        marks = ", ".join("?" * len(numbers))
        blank = _BLANK_TICKET + (", user_id = NULL, chat_id = NULL" if unlink else "")
        self.db.execute(f"UPDATE tickets SET {blank} WHERE number IN ({marks})", (now, *numbers))
        # Nobody will handle them now: a ticket still open is closed (closed_by stays NULL, no staff member
        # closed it); one staff had closed keeps its closing time.
        self.db.execute(f"UPDATE tickets SET status = 'closed', closed_at = ? WHERE number IN ({marks})"
                        " AND status != 'closed'", (now, *numbers))
        self.db.execute(f"UPDATE ticket_messages SET text = NULL WHERE ticket IN ({marks})", tuple(numbers))
        # The staff card and the answers sent carry the same personal data.
        self._blank_outbox(f"ticket IN ({marks})", tuple(numbers))

    def _blank_outbox(self, where: str, params: tuple) -> None:
        """Blank outbox copies of personal data; what was still to be sent is never sent ("forgotten").

        Edits that blank a message (purpose note_edit: a placeholder, no personal data) are left to go
        out: the retention purge writes them just before it runs.
        """
        self.db.execute(
            "UPDATE outbox SET text = '', reply_markup = NULL,"
            " status = CASE status WHEN 'pending' THEN 'failed' ELSE status END,"
            f" last_error = CASE status WHEN 'pending' THEN 'forgotten' ELSE last_error END"
            f" WHERE ({where}) AND purpose != 'note_edit'",
            params,
        )

    def forget_user(self, user_id: int) -> Forgotten:
        """Delete the user's enquiries and feedback, blank their tickets' personal fields (marked deleted).

        Returns what was done: {"enquiries": n, "feedback": n, "tickets": [numbers]}. Freed bytes are
        zeroed (secure_delete) and the write-ahead log is checkpointed and emptied here (or, while another
        connection reads, as soon as it lets go: see pending_checkpoint); vacuum() (from the daily job)
        also rebuilds the file without free pages.
        """
        now = self._now()
        with self.db.atomic():
            feedback = self.db.execute(
                "DELETE FROM feedback WHERE user_id = ? OR enquiry_id IN (SELECT id FROM enquiries WHERE user_id = ?)",
                (user_id, user_id),
            ).rowcount
            enquiries = self.db.execute("DELETE FROM enquiries WHERE user_id = ?", (user_id,)).rowcount
            numbers = [r["number"] for r in self.db.query("SELECT number FROM tickets WHERE user_id = ?", (user_id,))]
            self._blank_tickets(numbers, now)
            # Messages to their private chat (whose id is the user id) that no ticket names.
            self._blank_outbox("chat_id = ?", (user_id,))
            self.db.execute("DELETE FROM blocked_users WHERE user_id = ? OR chat_id = ?", (user_id, user_id))
            if enquiries:
                fold_deleted(self.db)  # their words out of the search index's older segments too
            self.db.execute("DELETE FROM subscriptions WHERE user_id = ?", (user_id,))  # and their alerts_sent
        self._store.outbox.forget_chat(user_id)
        # The write-ahead log still holds page images from before the deletion: fold it in and empty it.
        if self._store.checkpoint()[0]:
            log.warning("forget: a reader kept the write-ahead log from being emptied; retried later")
        # Counts only: the log outlives the data, so it must not say whom this was about.
        log.info("forget: %d enquiries, %d ratings, %d tickets", enquiries, feedback, len(numbers))
        return {"enquiries": enquiries, "feedback": feedback, "tickets": numbers}

    def unanswered_since(self, user_id: int, since: datetime) -> int:
        """How many questions of the user since `since` the bot did not answer outright (what /stats lists,
        grouped, in people's own words)."""
        row = self._one(
            f"SELECT count(*) AS n FROM enquiries WHERE user_id = ? AND time >= ? AND {IS_QUESTION}"
            f" AND {IS_UNANSWERED} AND text != ''", (user_id, iso(since)))
        return row["n"] if row else 0

    def first_unanswered_at(self, user_id: int) -> datetime | None:
        """When the user's first question the bot did not answer outright was asked (what reports quote)."""
        row = self._one(f"SELECT min(time) AS first FROM enquiries WHERE user_id = ? AND {IS_QUESTION}"
                        f" AND {IS_UNANSWERED} AND text != ''", (user_id,))
        return parse_iso(row["first"]) if row and row["first"] else None

    def user_data(self, user_id: int, recent: int = 5) -> Kept:
        """What is kept about a user (for /mydata): counts, recent questions, tickets with their fields."""
        counts = self._one(
            "SELECT count(*) AS n, min(time) AS first, max(time) AS last FROM enquiries WHERE user_id = ?",
            (user_id,),
        ) or {}
        feedback = self._one("SELECT count(*) AS n FROM feedback WHERE user_id = ?", (user_id,)) or {}
        recent_texts = [r["text"] for r in self.db.query(
            f"SELECT text FROM enquiries WHERE user_id = ? AND {IS_QUESTION} ORDER BY id DESC LIMIT ?",
            (user_id, recent),
        )]
        tickets = [
            cast(KeptTicket, {**t, "anonymous": bool(t["anonymous"]), "deleted": bool(t["deleted"])})
            for t in self.db.query(
                "SELECT number, status, created_at, name, contact, contact_kind, question, consent_at,"
                " consent_version, anonymous, deleted FROM tickets WHERE user_id = ? ORDER BY number DESC",
                (user_id,),
            )
        ]
        blocked = self._one("SELECT 1 AS b FROM blocked_users WHERE user_id = ? OR chat_id = ?", (user_id, user_id))
        return {
            "user_id": user_id,
            "enquiries": counts.get("n", 0),
            "first_enquiry_at": counts.get("first"),
            "last_enquiry_at": counts.get("last"),
            "recent": recent_texts,
            "feedback": feedback.get("n", 0),
            "tickets": tickets,
            "blocked": blocked is not None,
        }

    def purge_older_than(self, days: float, now: datetime | None = None) -> dict[str, int]:
        """Remove personal data older than the retention period.

        Enquiries older than that are anonymised (text, user and chat ids blanked; the decision and time
        stay for the statistics); tickets whose last activity is older are blanked as if forgotten and
        lose their user and chat ids too (forgotten ones included), so nothing links them to a person;
        finished outbox rows and old blocked-user records are deleted. Returns the counts.
        """
        cutoff = iso((now or self._store.clock()) - timedelta(days=days))
        stamp = self._now()
        with self.db.atomic():
            self.db.execute(
                "UPDATE feedback SET user_id = NULL WHERE user_id IS NOT NULL"
                " AND enquiry_id IN (SELECT id FROM enquiries WHERE time < ?)",
                (cutoff,),
            )
            enquiries = self.db.execute(
                "UPDATE enquiries SET text = '', user_id = NULL, chat_id = NULL, update_id = NULL"
                " WHERE time < ? AND (user_id IS NOT NULL OR text != '')",
                (cutoff,),
            ).rowcount
            numbers = self._due_for_purge(cutoff)
            self._blank_tickets(numbers, stamp, unlink=True)
            outbox = self.db.execute(
                "DELETE FROM outbox WHERE created_at < ? AND status != 'pending'", (cutoff,)).rowcount
            blocked = self.db.execute("DELETE FROM blocked_users WHERE blocked_at < ?", (cutoff,)).rowcount
            if enquiries:
                fold_deleted(self.db)
        self._store.outbox.load_blocked()
        counts = {"enquiries": enquiries, "tickets": len(numbers), "outbox": outbox, "blocked": blocked}
        log.info("retention purge (%s days): %s", days, counts)
        return counts

    def due_for_purge(self, days: float, now: datetime | None = None) -> list[int]:
        """The tickets the retention purge would blank now (so that what was posted about them in the staff
        chat can be found before the purge deletes old outbox rows)."""
        return self._due_for_purge(iso((now or self._store.clock()) - timedelta(days=days)))

    def cards_quoting_old_questions(self, days: float, now: datetime | None = None) -> list[int]:
        """Tickets the purge keeps whose cards list their person's recent questions, some of which the
        purge is about to anonymise: their cards are redrawn after it, without those questions."""
        cutoff = iso((now or self._store.clock()) - timedelta(days=days))
        return [r["number"] for r in self.db.query(
            "SELECT number FROM tickets WHERE staff_card_message_id IS NOT NULL AND deleted = 0"
            " AND updated_at >= ? AND user_id IN (SELECT user_id FROM enquiries WHERE time < ?"
            " AND user_id IS NOT NULL)", (cutoff, cutoff))]

    def _due_for_purge(self, cutoff: str) -> list[int]:
        return [r["number"] for r in self.db.query(
            "SELECT number FROM tickets WHERE updated_at < ?"
            " AND (deleted = 0 OR user_id IS NOT NULL OR chat_id IS NOT NULL)", (cutoff,))]

    def daily_maintenance(self, retention_days: float, now: datetime | None = None) -> dict[str, int]:
        """The daily job's work: the retention purge, then VACUUM (which also catches earlier forgets).

        VACUUM rewrites the whole file, so it blocks for a moment that grows with the file (measure it
        with bench/bench_store.py); run this at a quiet hour.
        """
        counts = self.purge_older_than(retention_days, now)
        self._store.vacuum()
        return counts

"""Follow-up tickets: what the bot could not answer, handed to staff, and the messages about it.

Status moves open -> claimed -> answered -> closed. A user's reply puts the ticket back in the inbox
(open, or claimed if someone holds it); reopen() does the same for a closed one.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime
from typing import Any, cast

from store.base import Part
from store.contact import normalise_contact
from store.database import iso
from store.rows import Ticket, TicketMessage

log = logging.getLogger(__name__)

STATUSES = ("open", "claimed", "answered", "closed")


def ticket_row(row: dict[str, Any]) -> Ticket:
    row = dict(row)
    row["anonymous"] = bool(row["anonymous"])
    row["deleted"] = bool(row["deleted"])
    return cast(Ticket, row)


class Tickets(Part):
    """The tickets (store.tickets): rows are store.rows.Ticket."""

    def create(self, user_id: int, chat_id: int, name: str | None, contact: str | None,
               question: str, consent_version: str | None, consent_at: datetime | str | None,
               anonymous: bool = False, *, lang: str | None = None) -> Ticket:
        """Open a ticket. Anonymous tickets (consent refused) keep no name or contact.

        The contact is stored in its normalised form when it is a phone number or e-mail address.
        """
        if anonymous:
            name = contact = None
        kind = None
        if contact:
            found = normalise_contact(contact)
            if found:
                kind, contact = found
            else:
                contact = contact.strip()
        if isinstance(consent_at, datetime):
            consent_at = iso(consent_at)
        now = self._now()
        with self.db.atomic():
            cursor = self.db.execute(
                "INSERT INTO tickets (user_id, chat_id, lang, name, contact, contact_kind, question,"
                " consent_at, consent_version, anonymous, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (user_id, chat_id, lang, (name or "").strip() or None, contact or None, kind, question,
                 consent_at, consent_version, int(bool(anonymous)), now, now),
            )
            number = int(cursor.lastrowid or 0)
            self.db.execute(
                "INSERT INTO ticket_messages (ticket, who, text, time) VALUES (?, 'user', ?, ?)",
                (number, question, now),
            )
        log.info("ticket %d opened (anonymous=%s)", number, bool(anonymous))
        return self.get(number)  # type: ignore[return-value]

    def get(self, number: int) -> Ticket | None:
        """One ticket with its messages, oldest first; None if there is no such ticket."""
        row = self._one("SELECT * FROM tickets WHERE number = ?", (number,))
        if row is None:
            return None
        ticket = ticket_row(row)
        ticket["messages"] = cast(list[TicketMessage], self._all(
            "SELECT id, who, text, time, staff_id, staff_name FROM ticket_messages WHERE ticket = ? ORDER BY id",
            (number,),
        ))
        return ticket

    def select(self, status: str | Iterable[str] | None = None, since: datetime | str | None = None
               ) -> list[Ticket]:
        """Tickets oldest first (the inbox order), filtered by status (one or several) and creation time."""
        where: list[str] = ["1 = 1"]
        params: list[Any] = []
        if status is not None:
            statuses = [status] if isinstance(status, str) else list(status)
            unknown = set(statuses) - set(STATUSES)
            if unknown:
                raise ValueError(f"unknown ticket status {sorted(unknown)}")
            where.append(f"status IN ({', '.join('?' * len(statuses))})")
            params += statuses
        if since is not None:
            where.append("created_at >= ?")
            params.append(iso(since) if isinstance(since, datetime) else since)
        rows = self._all(f"SELECT * FROM tickets WHERE {' AND '.join(where)} ORDER BY number", tuple(params))
        return [ticket_row(r) for r in rows]

    def of_user(self, user_id: int) -> list[Ticket]:
        """A user's tickets, newest first (for /mytickets)."""
        rows = self._all("SELECT * FROM tickets WHERE user_id = ? ORDER BY number DESC", (user_id,))
        return [ticket_row(r) for r in rows]

    def open_for_user(self, user_id: int) -> Ticket | None:
        """The user's latest ticket that is not closed: where their replies go."""
        row = self._one(
            "SELECT number FROM tickets WHERE user_id = ? AND status != 'closed' AND deleted = 0"
            " ORDER BY number DESC LIMIT 1",
            (user_id,),
        )
        return self.get(row["number"]) if row else None

    def for_message(self, chat_id: int, message_id: int) -> Ticket | None:
        """The ticket a staff member replied to: its card, or any other message the bot sent about it."""
        row = self._one(
            "SELECT number FROM tickets WHERE staff_chat_id = ? AND staff_card_message_id = ?",
            (chat_id, message_id),
        ) or self._one(
            "SELECT ticket AS number FROM outbox WHERE chat_id = ? AND sent_message_id = ? AND ticket IS NOT NULL"
            " AND purpose != 'inbox_view'",  # an /inbox listing names many tickets: replying to it answers none
            (chat_id, message_id),
        )
        return self.get(row["number"]) if row else None

    def _update(self, number: int, sql: str, params: tuple = ()) -> Ticket | None:
        cursor = self.db.execute(f"UPDATE tickets SET {sql}, updated_at = ? WHERE number = ?",
                                 (*params, self._now(), number))
        return self.get(number) if cursor.rowcount else None

    def claim(self, number: int, staff_id: int, staff_name: str | None) -> Ticket | None:
        """A staff member takes the ticket (taking over from a colleague is allowed)."""
        ticket = self._update(
            number,
            "claimed_by = ?, claimed_by_name = ?, claimed_at = ?,"
            " status = CASE status WHEN 'open' THEN 'claimed' ELSE status END",
            (staff_id, staff_name, self._now()),
        )
        if ticket:
            log.info("ticket %d claimed by staff %d", number, staff_id)
        return ticket

    def answer(self, number: int, staff_id: int, text: str, staff_name: str | None = None) -> Ticket | None:
        """Record a staff answer (delivering it is the outbox's job): status answered, first answer time."""
        if self._one("SELECT 1 FROM tickets WHERE number = ?", (number,)) is None:
            return None
        now = self._now()
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO ticket_messages (ticket, who, text, time, staff_id, staff_name)"
                " VALUES (?, 'staff', ?, ?, ?, ?)",
                (number, text, now, staff_id, staff_name),
            )
            ticket = self._update(
                number,
                "status = 'answered', answered_at = coalesce(answered_at, ?),"
                " answered_by = coalesce(answered_by, ?), claimed_by = coalesce(claimed_by, ?),"
                " claimed_by_name = coalesce(claimed_by_name, ?), claimed_at = coalesce(claimed_at, ?)",
                (now, staff_id, staff_id, staff_name, now),
            )
        log.info("ticket %d answered by staff %d", number, staff_id)
        return ticket

    def add_user_message(self, number: int, text: str) -> Ticket | None:
        """The user wrote again about the ticket: keep it and put the ticket back in the inbox."""
        if self._one("SELECT 1 FROM tickets WHERE number = ?", (number,)) is None:
            return None
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO ticket_messages (ticket, who, text, time) VALUES (?, 'user', ?, ?)",
                (number, text, self._now()),
            )
            ticket = self._update(
                number,
                "status = CASE WHEN claimed_by IS NULL THEN 'open' ELSE 'claimed' END, closed_at = NULL,"
                " closed_by = NULL",
            )
        log.info("ticket %d: message from the user", number)
        return ticket

    def close(self, number: int, *, by: int) -> Ticket | None:
        """Mark the ticket done; `by` is the staff member's id."""
        ticket = self._update(number, "status = 'closed', closed_at = ?, closed_by = ?",
                              (self._now(), by))
        if ticket:
            log.info("ticket %d closed by staff %d", number, by)
        return ticket

    def reopen(self, number: int) -> Ticket | None:
        """Put the ticket back in the inbox: claimed if someone holds it, else open."""
        ticket = self._update(
            number,
            "status = CASE WHEN claimed_by IS NULL THEN 'open' ELSE 'claimed' END,"
            " closed_at = NULL, closed_by = NULL",
        )
        if ticket:
            log.info("ticket %d reopened", number)
        return ticket

    def set_card_message(self, number: int, chat_id: int, message_id: int) -> None:
        """Remember the staff chat message that shows this ticket's card (edited in place later)."""
        self.db.execute(
            "UPDATE tickets SET staff_chat_id = ?, staff_card_message_id = ? WHERE number = ?",
            (chat_id, message_id, number),
        )

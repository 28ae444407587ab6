"""The outbox: messages that must reach someone, written down before anyone tries to send them.

A sender job takes `due()` rows, sends each, and reports back with mark_sent / mark_retry /
mark_failed / mark_blocked. A row is only a pending row until then, so a crash between enqueue and send
loses nothing: the next start sends it. Rows to one chat go out in the order they were written: a row is
not due while an earlier row to the same chat is still pending.
"""
from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any, cast

from store.base import Part, dumps, loads
from store.database import iso
from store.rows import OutboxRow

log = logging.getLogger(__name__)

OUTBOX_STATUSES = ("pending", "sent", "failed", "blocked")

# What a row is for (its `purpose`), written by the staff desk (handlers/desk.py). The sender needs to
# know some of them: a card edit finds its card's message id when it is sent (the card may not have been
# sent when the edit was written), and notes in the staff chat are sent as replies to their ticket's card.
CARD = "staff_card"            # a new ticket card in the staff chat (mark_sent records its message id)
CARD_EDIT = "card_edit"        # the card edited in place to show its status
STAFF_NOTE = "staff_note"      # a note about a ticket in the staff chat (a user blocked the bot, ...)
USER_NOTE = "user_note"        # the user's further message, posted in the staff chat
ANSWER = "staff_answer"        # a staff answer delivered to the user
NOTE_EDIT = "note_edit"        # a note or view in the staff chat blanked after /forget
# Messages the bot sent directly about a ticket, written down as sent so that a reply to them reaches it:
TICKET_VIEW = "ticket_view"    # /ticket N
STATS_VIEW = "stats_view"      # /stats: it lists frequent unanswered questions, in people's own words
INBOX_VIEW = "inbox_view"      # /inbox: one row per ticket it lists (text left empty), so that forgetting
                               # one of them finds the listing; a reply to it answers no ticket
CONFIRM = "staff_confirm"      # "answer recorded" to the staff member
USER_PROMPT = "user_prompt"    # "write your message for staff", to the user
REPORT = "report"              # the staff report (its chart, the summary as caption): /report and weekly
REPORT_EDIT = "report_edit"    # a report drawn again (after /forget) in place of the one sent: chart and caption
REPLY_TO_CARD = (STAFF_NOTE, USER_NOTE)


def outbox_row(row: dict[str, Any]) -> OutboxRow:
    row = dict(row)
    row["reply_markup"] = loads(row.get("reply_markup"))
    return cast(OutboxRow, row)


class Outbox(Part):
    """The outbox (store.outbox): rows are store.rows.OutboxRow; the chats that blocked the bot."""

    max_attempts: int = 12             # failures (not flood waits) before a row is given up as failed
    backoff_base_s: float = 2.0        # 2, 4, 8, ... seconds after the 1st, 2nd, 3rd ... failure
    backoff_cap_s: float = 3600.0      # ... but never more than an hour apart

    def __init__(self, store: Any) -> None:
        super().__init__(store)
        self._blocked_chats: set[int] = set()

    def load_blocked(self) -> None:
        """Read the blocked chats from the file (at start-up and after the retention purge)."""
        self._blocked_chats = {r["chat_id"] for r in self.db.query("SELECT chat_id FROM blocked_users")}

    def enqueue(self, chat_id: int, text: str, *, parse_mode: str | None = "HTML",
                reply_markup: Any = None, purpose: str, ticket: int | None = None,
                edit_message_id: int | None = None, not_before: datetime | None = None,
                photo: bytes | None = None, period: str | None = None) -> int:
        """Write a message to send; committed (or part of the caller's `atomic()` block). Returns its id.

        With `photo` (PNG or JPEG bytes) the row is sent as that picture with `text` as its caption
        (at most 1,024 characters); the bytes are dropped from the file once it is sent. With
        edit_message_id too, that picture and caption replace those of the message. A report row keeps
        its `period` ("<since>/<until>"), so that it can be drawn again.

        reply_markup is the Bot API's JSON form (a dict), or any object with to_dict() (such as
        python-telegram-bot's InlineKeyboardMarkup). With edit_message_id the sender edits that message
        in place instead of sending a new one (how a staff card shows its new status).
        """
        if hasattr(reply_markup, "to_dict"):
            reply_markup = reply_markup.to_dict()
        now = self._now()
        cursor = self.db.execute(
            "INSERT INTO outbox (chat_id, text, parse_mode, reply_markup, edit_message_id, purpose, ticket,"
            " created_at, next_attempt_at, photo, period) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (chat_id, text, parse_mode, dumps(reply_markup) if reply_markup is not None else None,
             edit_message_id, purpose, ticket, now, iso(not_before) if not_before else now, photo, period),
        )
        outbox_id = int(cursor.lastrowid or 0)
        log.debug("outbox %d queued (%s, ticket %s)", outbox_id, purpose, ticket)
        return outbox_id

    def due(self, now: datetime | None = None, limit: int = 20) -> list[OutboxRow]:
        """Pending rows whose time has come, in the order they were written.

        A row is held back while an earlier row to the same chat waits for a retry, so one chat's
        messages never overtake each other. When a row of the batch fails, the sender should skip the
        batch's later rows to the same chat; they come back in the next batch.

        The outbox job calls this every few seconds, so it also retries a checkpoint a reader kept
        from emptying the write-ahead log (see retry_checkpoint): forgotten data leaves the log soon after.
        """
        self._store.retry_checkpoint()
        at = iso(now) if now else self._now()
        rows = self._all(
            "SELECT * FROM outbox o WHERE o.status = 'pending' AND o.next_attempt_at <= ?"
            " AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.chat_id = o.chat_id AND e.status = 'pending'"
            " AND e.id < o.id AND e.next_attempt_at > ?)"
            " ORDER BY o.id LIMIT ?",
            (at, at, limit),
        )
        return [outbox_row(r) for r in rows]

    def row(self, outbox_id: int) -> OutboxRow | None:
        row = self._one("SELECT * FROM outbox WHERE id = ?", (outbox_id,))
        return outbox_row(row) if row else None

    def posted_about(self, tickets: list[int]) -> list[OutboxRow]:
        """Rows about these tickets that became a message (sent_message_id), whatever their status now."""
        if not tickets:
            return []
        marks = ", ".join("?" * len(tickets))
        return [outbox_row(r) for r in self._all(
            f"SELECT * FROM outbox WHERE ticket IN ({marks}) AND sent_message_id IS NOT NULL ORDER BY id",
            tuple(tickets))]

    def posted_since(self, purpose: str, since: datetime) -> list[OutboxRow]:
        """Rows of one purpose written since `since` that became a message (sent_message_id)."""
        return [outbox_row(r) for r in self._all(
            "SELECT * FROM outbox WHERE purpose = ? AND created_at >= ? AND sent_message_id IS NOT NULL"
            " ORDER BY id", (purpose, iso(since)))]

    def rows(self, status: str | None = None) -> list[OutboxRow]:
        if status is None:
            return [outbox_row(r) for r in self._all("SELECT * FROM outbox ORDER BY id")]
        return [outbox_row(r) for r in self._all("SELECT * FROM outbox WHERE status = ? ORDER BY id", (status,))]

    def mark_sent(self, outbox_id: int, message_id: int | None = None) -> bool:
        """Delivered. A sent staff card (purpose "staff_card") becomes its ticket's card message. A sent
        report keeps neither its picture nor its caption, which quotes what people asked (forget could not
        find them there: a report belongs to no one's chat or ticket).

        Only a pending row becomes "sent": one forgotten while it was being sent (/forget, the retention
        purge) keeps its status, and this returns False, so that the sender can blank what it just posted.
        Its message id is recorded either way (a card's too), so that the blanking edit finds the message.
        """
        now = self._now()
        with self.db.atomic():
            was_pending = self.db.execute(
                "UPDATE outbox SET status = 'sent', sent_at = ?, sent_message_id = ?, attempts = attempts + 1,"
                " photo = NULL, text = CASE WHEN purpose IN (?, ?) THEN '' ELSE text END"
                " WHERE id = ? AND status = 'pending'",
                (now, message_id, REPORT, REPORT_EDIT, outbox_id),
            ).rowcount > 0
            if not was_pending:
                self.db.execute("UPDATE outbox SET sent_message_id = ? WHERE id = ?", (message_id, outbox_id))
            row = self._one("SELECT chat_id, purpose, ticket, edit_message_id FROM outbox WHERE id = ?",
                            (outbox_id,))
            if (row and row["purpose"] == CARD and row["ticket"] is not None
                    and row["edit_message_id"] is None and message_id is not None):
                self.db.execute(
                    "UPDATE tickets SET staff_chat_id = ?, staff_card_message_id = ? WHERE number = ?",
                    (row["chat_id"], message_id, row["ticket"]),
                )
        return was_pending

    def backoff_s(self, attempts: int) -> float:
        """Seconds to wait after the `attempts`-th failure: exponential, capped."""
        return min(self.backoff_cap_s, self.backoff_base_s * 2 ** max(0, attempts - 1))

    def mark_retry(self, outbox_id: int, error: str, retry_after_s: float | None = None) -> OutboxRow | None:
        """A failure worth retrying (network, 5xx, 429). Returns the updated row (status tells if given up).

        With retry_after_s (Telegram's 429 flood wait) the row waits exactly that long and is never given
        up for it; otherwise it backs off exponentially and fails for good after outbox_max_attempts.
        """
        row = self._one("SELECT attempts FROM outbox WHERE id = ? AND status = 'pending'", (outbox_id,))
        if row is None:
            return self.row(outbox_id)
        attempts, status = row["attempts"], "pending"
        if retry_after_s is not None:
            # Counted apart: a flood wait says nothing about whether the message can be delivered.
            wait, counter = float(retry_after_s), "flood_waits = flood_waits + 1"
        else:
            attempts += 1
            wait, counter = self.backoff_s(attempts), "attempts = attempts + 1"
            if attempts >= self.max_attempts:
                status = "failed"
        self.db.execute(
            f"UPDATE outbox SET {counter}, status = ?, last_error = ?, next_attempt_at = ? WHERE id = ?",
            (status, error[:500], iso(self._store.clock() + timedelta(seconds=wait)), outbox_id),
        )
        if status == "failed":
            log.warning("outbox %d given up after %d attempts: %s", outbox_id, attempts, error[:200])
        return self.row(outbox_id)

    def mark_failed(self, outbox_id: int, error: str) -> None:
        """A failure that retrying cannot fix (a 400 Bad Request, say): stop trying."""
        self.db.execute(
            "UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?",
            (error[:500], outbox_id),
        )
        log.warning("outbox %d failed: %s", outbox_id, error[:200])

    def mark_blocked(self, outbox_id: int, error: str = "Forbidden: bot was blocked by the user"
                     ) -> OutboxRow | None:
        """The recipient blocked the bot (403): stop sending to that chat and remember it.

        Every other pending row to the same chat is marked blocked too. Returns the row (its ticket tells
        whom to inform).
        """
        row = self.row(outbox_id)
        if row is None:
            return None
        chat_id = row["chat_id"]
        now = self._now()
        user = self._one("SELECT user_id FROM tickets WHERE number = ?", (row["ticket"],)) if row["ticket"] else None
        with self.db.atomic():
            self.db.execute(
                "UPDATE outbox SET status = 'blocked', last_error = ?, attempts = attempts + 1 WHERE id = ?",
                (error[:500], outbox_id),
            )
            self.db.execute(
                "UPDATE outbox SET status = 'blocked', last_error = ? WHERE chat_id = ? AND status = 'pending'",
                (error[:500], chat_id),
            )
            self.db.execute(
                "INSERT INTO blocked_users (chat_id, user_id, blocked_at, outbox_id, ticket) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (chat_id) DO UPDATE SET blocked_at = excluded.blocked_at,"
                " outbox_id = excluded.outbox_id, ticket = excluded.ticket",
                (chat_id, user["user_id"] if user else (chat_id if chat_id > 0 else None), now, outbox_id,
                 row["ticket"]),
            )
        self._blocked_chats.add(chat_id)
        # A private chat's id is the user's id, which the log (kept longer than the data) must not hold.
        log.warning("outbox %d: %s blocked the bot (ticket %s)", outbox_id,
                    "the user" if chat_id > 0 else f"chat {chat_id}", row["ticket"])
        return self.row(outbox_id)

    def is_blocked(self, chat_id: int) -> bool:
        return chat_id in self._blocked_chats

    def blocked_users(self) -> list[dict[str, Any]]:
        return self._all("SELECT * FROM blocked_users ORDER BY blocked_at")

    def unblock(self, chat_id: int) -> None:
        """The user is reachable again (they wrote to the bot)."""
        self.db.execute("DELETE FROM blocked_users WHERE chat_id = ?", (chat_id,))
        self._blocked_chats.discard(chat_id)

    def forget_chat(self, chat_id: int) -> None:
        """Drop a forgotten user's blocked mark from memory (privacy deletes its row)."""
        self._blocked_chats.discard(chat_id)

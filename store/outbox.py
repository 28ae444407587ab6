"""The outbox: messages that must reach someone, written down before anyone tries to send them.

A sender job takes `due()` rows, sends each, and reports back with mark_sent / mark_retry /
mark_failed / mark_blocked. A row is only a pending row until then, so a crash between enqueue and send
loses nothing: the next start sends it. Rows to one chat go out in the order they were written: a row is
not due while an earlier row to the same chat is still pending.
"""
from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from store.base import StoreBase, dumps, loads
from store.database import iso

log = logging.getLogger(__name__)

OUTBOX_STATUSES = ("pending", "sent", "failed", "blocked")


def outbox_row(row: dict[str, Any]) -> dict[str, Any]:
    row = dict(row)
    row["reply_markup"] = loads(row.get("reply_markup"))
    return row


class Outbox(StoreBase):
    """Keys of an outbox row: id, chat_id, text, parse_mode, reply_markup (dict or None), edit_message_id,
    purpose, ticket, status, attempts, created_at, next_attempt_at, sent_at, last_error, sent_message_id,
    flood_waits. attempts counts the tries that ended (sent, failed, blocked, or to be retried after a
    failure); flood_waits counts Telegram's 429s, which are not failures."""

    outbox_max_attempts: int = 12      # failures (not flood waits) before a row is given up as failed
    backoff_base_s: float = 2.0        # 2, 4, 8, ... seconds after the 1st, 2nd, 3rd ... failure
    backoff_cap_s: float = 3600.0      # ... but never more than an hour apart
    _blocked_chats: set[int]

    def _load_blocked(self) -> None:
        self._blocked_chats = {r["chat_id"] for r in self.db.query("SELECT chat_id FROM blocked_users")}

    def enqueue(self, chat_id: int, text: str, *, parse_mode: str | None = "HTML",
                reply_markup: Any = None, purpose: str, ticket: int | None = None,
                edit_message_id: int | None = None, not_before: datetime | None = None) -> int:
        """Write a message to send; committed (or part of the caller's `atomic()` block). Returns its id.

        reply_markup is the Bot API's JSON form (a dict), or any object with to_dict() (such as
        python-telegram-bot's InlineKeyboardMarkup). With edit_message_id the sender edits that message
        in place instead of sending a new one (how a staff card shows its new status).
        """
        if hasattr(reply_markup, "to_dict"):
            reply_markup = reply_markup.to_dict()
        now = self._now()
        cursor = self.db.execute(
            "INSERT INTO outbox (chat_id, text, parse_mode, reply_markup, edit_message_id, purpose, ticket,"
            " created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (chat_id, text, parse_mode, dumps(reply_markup) if reply_markup is not None else None,
             edit_message_id, purpose, ticket, now, iso(not_before) if not_before else now),
        )
        outbox_id = int(cursor.lastrowid)
        log.debug("outbox %d queued (%s, ticket %s)", outbox_id, purpose, ticket)
        return outbox_id

    def due(self, now: datetime | None = None, limit: int = 20) -> list[dict[str, Any]]:
        """Pending rows whose time has come, in the order they were written.

        A row is held back while an earlier row to the same chat waits for a retry, so one chat's
        messages never overtake each other. When a row of the batch fails, the sender should skip the
        batch's later rows to the same chat; they come back in the next batch.

        The outbox job calls this every few seconds, so it also retries a checkpoint a reader kept
        from emptying the write-ahead log (see retry_checkpoint): forgotten data leaves the log soon after.
        """
        self.retry_checkpoint()
        at = iso(now) if now else self._now()
        rows = self._all(
            "SELECT * FROM outbox o WHERE o.status = 'pending' AND o.next_attempt_at <= ?"
            " AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.chat_id = o.chat_id AND e.status = 'pending'"
            " AND e.id < o.id AND e.next_attempt_at > ?)"
            " ORDER BY o.id LIMIT ?",
            (at, at, limit),
        )
        return [outbox_row(r) for r in rows]

    def outbox_row(self, outbox_id: int) -> dict[str, Any] | None:
        row = self._one("SELECT * FROM outbox WHERE id = ?", (outbox_id,))
        return outbox_row(row) if row else None

    def outbox_rows(self, status: str | None = None) -> list[dict[str, Any]]:
        if status is None:
            return [outbox_row(r) for r in self._all("SELECT * FROM outbox ORDER BY id")]
        return [outbox_row(r) for r in self._all("SELECT * FROM outbox WHERE status = ? ORDER BY id", (status,))]

    def mark_sent(self, outbox_id: int, message_id: int | None = None) -> None:
        """Delivered. A sent staff card (purpose "staff_card") becomes its ticket's card message."""
        now = self._now()
        with self.db.atomic():
            self.db.execute(
                "UPDATE outbox SET status = 'sent', sent_at = ?, sent_message_id = ?, attempts = attempts + 1"
                " WHERE id = ?",
                (now, message_id, outbox_id),
            )
            row = self._one("SELECT chat_id, purpose, ticket, edit_message_id FROM outbox WHERE id = ?",
                            (outbox_id,))
            if (row and row["purpose"] == "staff_card" and row["ticket"] is not None
                    and row["edit_message_id"] is None and message_id is not None):
                self.db.execute(
                    "UPDATE tickets SET staff_chat_id = ?, staff_card_message_id = ? WHERE number = ?",
                    (row["chat_id"], message_id, row["ticket"]),
                )

    def backoff_s(self, attempts: int) -> float:
        """Seconds to wait after the `attempts`-th failure: exponential, capped."""
        return min(self.backoff_cap_s, self.backoff_base_s * 2 ** max(0, attempts - 1))

    def mark_retry(self, outbox_id: int, error: str, retry_after_s: float | None = None) -> dict[str, Any] | None:
        """A failure worth retrying (network, 5xx, 429). Returns the updated row (status tells if given up).

        With retry_after_s (Telegram's 429 flood wait) the row waits exactly that long and is never given
        up for it; otherwise it backs off exponentially and fails for good after outbox_max_attempts.
        """
        row = self._one("SELECT attempts FROM outbox WHERE id = ? AND status = 'pending'", (outbox_id,))
        if row is None:
            return self.outbox_row(outbox_id)
        attempts, status = row["attempts"], "pending"
        if retry_after_s is not None:
            # Counted apart: a flood wait says nothing about whether the message can be delivered.
            wait, counter = float(retry_after_s), "flood_waits = flood_waits + 1"
        else:
            attempts += 1
            wait, counter = self.backoff_s(attempts), "attempts = attempts + 1"
            if attempts >= self.outbox_max_attempts:
                status = "failed"
        self.db.execute(
            f"UPDATE outbox SET {counter}, status = ?, last_error = ?, next_attempt_at = ? WHERE id = ?",
            (status, error[:500], iso(self.clock() + timedelta(seconds=wait)), outbox_id),
        )
        if status == "failed":
            log.warning("outbox %d given up after %d attempts: %s", outbox_id, attempts, error[:200])
        return self.outbox_row(outbox_id)

    def mark_failed(self, outbox_id: int, error: str) -> None:
        """A failure that retrying cannot fix (a 400 Bad Request, say): stop trying."""
        self.db.execute(
            "UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?",
            (error[:500], outbox_id),
        )
        log.warning("outbox %d failed: %s", outbox_id, error[:200])

    def mark_blocked(self, outbox_id: int, error: str = "Forbidden: bot was blocked by the user"
                     ) -> dict[str, Any] | None:
        """The recipient blocked the bot (403): stop sending to that chat and remember it.

        Every other pending row to the same chat is marked blocked too. Returns the row (its ticket tells
        whom to inform).
        """
        row = self.outbox_row(outbox_id)
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
        return self.outbox_row(outbox_id)

    def is_blocked(self, chat_id: int) -> bool:
        return chat_id in self._blocked_chats

    def blocked_users(self) -> list[dict[str, Any]]:
        return self._all("SELECT * FROM blocked_users ORDER BY blocked_at")

    def unblock(self, chat_id: int) -> None:
        """The user is reachable again (they wrote to the bot)."""
        self.db.execute("DELETE FROM blocked_users WHERE chat_id = ?", (chat_id,))
        self._blocked_chats.discard(chat_id)

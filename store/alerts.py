"""Alert subscriptions and the alerts sent for them (handlers/alerts.py decides when one is due).

A subscription is a person's wish to hear when a program (or any program of an area) opens a window.
An alert is recorded with its outbox row in one transaction, under a key unique per subscription and
window: `record_alert` returns None for a pair already recorded, so the check can run as often as it
likes, across restarts, and each window is announced to each subscription once.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any, Iterable

from store.base import Part
from store.database import parse_iso

ALERT = "alert"  # the outbox purpose of an alert message
KINDS = ("program", "area")


class Alerts(Part):
    """Keys of a subscription dict: id, user_id, chat_id, kind, target, lang, created_at."""

    def subscribe(self, user_id: int, chat_id: int, kind: str, target: str, lang: str | None = None) -> bool:
        """Subscribe; False if the person already was (the first subscription's time is kept)."""
        if kind not in KINDS:
            raise ValueError(f"kind: {kind!r}")
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO subscriptions (user_id, chat_id, kind, target, lang, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)", (user_id, chat_id, kind, target, lang, self._now()))
        return cursor.rowcount == 1

    def unsubscribe(self, user_id: int, subscription_id: int) -> dict[str, Any] | None:
        """Stop one of the person's subscriptions; returns it, or None if it is not theirs (or gone)."""
        row = self._one("SELECT * FROM subscriptions WHERE id = ? AND user_id = ?", (subscription_id, user_id))
        if row is not None:
            self.db.execute("DELETE FROM subscriptions WHERE id = ?", (subscription_id,))
        return row

    def subscription(self, user_id: int, kind: str, target: str) -> dict[str, Any] | None:
        return self._one("SELECT * FROM subscriptions WHERE user_id = ? AND kind = ? AND target = ?",
                         (user_id, kind, target))

    def subscriptions(self, user_id: int | None = None) -> list[dict[str, Any]]:
        """One person's subscriptions, or everyone's (user_id None), oldest first."""
        if user_id is None:
            return self._all("SELECT * FROM subscriptions ORDER BY id")
        return self._all("SELECT * FROM subscriptions WHERE user_id = ? ORDER BY id", (user_id,))

    def forget(self, user_id: int) -> int:
        """Delete the person's subscriptions and the record of their alerts; returns how many subscriptions."""
        return self.db.execute("DELETE FROM subscriptions WHERE user_id = ?", (user_id,)).rowcount

    def windows_first_seen(self, keys: Iterable[str]) -> dict[str, datetime]:
        """When each window was first seen in the knowledge files; the unseen ones are noted as seen now."""
        keys = list(dict.fromkeys(keys))
        now = self._now()
        with self._store.atomic():
            self.db.conn.executemany("INSERT OR IGNORE INTO windows_seen (window, first_seen_at) VALUES (?, ?)",
                                [(key, now) for key in keys])
        seen: dict[str, datetime] = {}
        for start in range(0, len(keys), 500):  # SQLite's limit on parameters, with room to spare
            part = keys[start:start + 500]
            marks = ", ".join("?" * len(part))
            for row in self.db.query(f"SELECT window, first_seen_at FROM windows_seen WHERE window IN ({marks})", part):
                seen[row["window"]] = parse_iso(row["first_seen_at"])  # type: ignore[assignment]
        return seen

    def alerted(self, user_id: int, window: str) -> bool:
        """Whether the person was already told of this window, through any of their subscriptions."""
        return self._one(
            "SELECT 1 AS x FROM alerts_sent a JOIN subscriptions s ON s.id = a.subscription"
            " WHERE s.user_id = ? AND a.window = ? AND a.outbox_id IS NOT NULL", (user_id, window)) is not None

    def record_alert(self, subscription: dict[str, Any], window: str, text: str, *,
                     reply_markup: Any = None) -> int | None:
        """Write the alert and its message in one transaction; the outbox id, or None if already recorded.

        When the person was already told of the window through another subscription, the pair is
        recorded without a message (so it is not looked at again) and None is returned.
        """
        with self._store.atomic():
            told = self.alerted(subscription["user_id"], window)
            cursor = self.db.execute(
                "INSERT OR IGNORE INTO alerts_sent (subscription, window, created_at) VALUES (?, ?, ?)",
                (subscription["id"], window, self._now()))
            if cursor.rowcount != 1 or told:
                return None
            outbox_id = self._store.outbox.enqueue(subscription["chat_id"], text, reply_markup=reply_markup,
                                                   purpose=ALERT)
            self.db.execute("UPDATE alerts_sent SET outbox_id = ? WHERE subscription = ? AND window = ?",
                            (outbox_id, subscription["id"], window))
        return outbox_id

    def alerts_sent(self, user_id: int | None = None) -> list[dict[str, Any]]:
        """The alerts recorded (with the subscription's user and target), oldest first."""
        where, params = ("WHERE s.user_id = ?", (user_id,)) if user_id is not None else ("", ())
        return self._all(
            "SELECT a.*, s.user_id, s.chat_id, s.kind, s.target FROM alerts_sent a"
            f" JOIN subscriptions s ON s.id = a.subscription {where} ORDER BY a.created_at, a.subscription", params)

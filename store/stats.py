"""Figures for /stats: today and the last seven days, counted in the agency's local days (KST)."""
from __future__ import annotations

import statistics
from datetime import datetime, timedelta, tzinfo
from typing import Any

from review.clusters import GROUP_LIMIT, group_questions
from store.base import Part
from store.database import KST, day_start, iso, parse_iso
from store.enquiries import IS_ANSWERED, IS_QUESTION, IS_UNANSWERED


class Stats(Part):
    """Figures for /stats and reports (store.stats)."""

    def period(self, since: datetime, until: datetime, *, top: int = 5) -> dict[str, Any]:
        """Counts for enquiries and tickets created in [since, until).

        enquiries: typed questions the bot decided on (not button presses, commands, or what was typed into
        the follow-up flow or written back to staff); answered: those the bot answered
        outright; tickets: follow-ups opened, open: of those, still waiting for staff (open or claimed);
        median_first_answer_s: from a ticket's creation to the first staff answer, over the tickets
        answered so far; top_unmatched: the most frequent questions without an outright answer, similar
        wordings grouped; unmatched_other: of those questions, how many were too rare to be grouped
        (beyond the GROUP_LIMIT most frequent wordings, which keeps /stats quick).
        """
        start, end = iso(since), iso(until)
        q = self._one(
            f"SELECT count(*) AS enquiries, coalesce(sum({IS_ANSWERED}), 0) AS answered FROM enquiries"
            f" WHERE time >= ? AND time < ? AND {IS_QUESTION} AND kind IS NOT NULL",
            (start, end),
        ) or {"enquiries": 0, "answered": 0}
        t = self._one(
            "SELECT count(*) AS tickets, coalesce(sum(status IN ('open', 'claimed')), 0) AS open"
            " FROM tickets WHERE created_at >= ? AND created_at < ?",
            (start, end),
        ) or {"tickets": 0, "open": 0}
        waits = [
            (parse_iso(r["answered_at"]) - parse_iso(r["created_at"])).total_seconds()  # type: ignore[operator]
            for r in self.db.query(
                "SELECT created_at, answered_at FROM tickets WHERE created_at >= ? AND created_at < ?"
                " AND answered_at IS NOT NULL",
                (start, end),
            )
        ]
        unmatched = [r["text"] for r in self.db.query(
            f"SELECT text FROM enquiries WHERE time >= ? AND time < ? AND {IS_QUESTION}"
            f" AND {IS_UNANSWERED} AND text != '' ORDER BY id",
            (start, end),
        )]
        grouping = group_questions(unmatched, limit=GROUP_LIMIT)
        enquiries, answered = q["enquiries"], q["answered"]
        return {
            "since": start,
            "until": end,
            "enquiries": enquiries,
            "answered": answered,
            "answered_share": answered / enquiries if enquiries else None,
            "tickets": t["tickets"],
            "open": t["open"],
            "answered_tickets": len(waits),
            "median_first_answer_s": statistics.median(waits) if waits else None,
            "top_unmatched": [g.as_dict() for g in grouping.groups[:top]],
            "unmatched_other": grouping.other,
        }

    def summary(self, now: datetime | None = None, *, tz: tzinfo = KST, top: int = 5) -> dict[str, Any]:
        """{"today": {...}, "week": {...}, "open_now": n}; week is today and the six days before it."""
        now = now or self._store.clock()
        today = day_start(now.astimezone(tz).date(), tz)
        until = now + timedelta(milliseconds=1)  # stored times have millisecond precision
        open_now = self._one("SELECT count(*) AS n FROM tickets WHERE status IN ('open', 'claimed')") or {"n": 0}
        return {
            "now": iso(now),
            "today": self.period(today, until, top=top),
            "week": self.period(today - timedelta(days=6), until, top=top),
            "open_now": open_now["n"],
        }

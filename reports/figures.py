"""A period's figures, read from the bot's SQLite file with plain SQL (nothing is written).

Days are the agency's local days (KST); the file stores UTC. Questions are what people typed (not button
presses or commands) and the bot decided on, as /stats counts them.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlite_utils import Database

from knowledge.model import Item, KnowledgeBase, korean_name
from review.clusters import GROUP_LIMIT, Group, group_questions
from store.database import KST, day_start, iso, parse_iso
from store.enquiries import IS_ANSWERED, IS_DISLIKED, IS_QUESTION, IS_UNANSWERED

TOP_PROGRAMS = 8
TOP_TOPICS = 8
# SQLite's date() of a stored UTC time, in KST: the local day an enquiry belongs to.
LOCAL_DAY = "date({column}, '+9 hours')"


@dataclass(frozen=True)
class Day:
    day: date
    questions: int = 0      # typed questions the bot decided on
    answered: int = 0       # ... answered outright (and not rated 👎: as /stats counts)
    disliked: int = 0       # ... answered outright, but the person rated the answer 👎
    suggested: int = 0      # ... answered with "did you mean" suggestions
    fallback: int = 0       # ... not understood
    tickets: int = 0        # follow-up tickets opened


@dataclass(frozen=True)
class ProgramFigures:
    item_id: str
    name: str               # Korean name from the knowledge base (the id when the item is gone)
    asked: int = 0          # questions answered with it
    helpful: int = 0        # 👍 on its answers
    unhelpful: int = 0      # 👎


class _Total:
    """A read-only total of Figures: the sum of the field `count` over the rows in its field `rows`."""

    def __init__(self, rows: str, count: str) -> None:
        self.rows, self.count = rows, count

    def __get__(self, figures: object, owner: type | None = None) -> int:
        return sum(getattr(row, self.count) for row in getattr(figures, self.rows))


@dataclass(frozen=True)
class Figures:
    since: datetime
    until: datetime
    days: tuple[Day, ...]
    programs: tuple[ProgramFigures, ...]          # most asked first
    feedback: tuple[ProgramFigures, ...]          # programs with any 👍/👎, most rated first
    topics: tuple[Group, ...]                     # unanswered questions grouped, biggest first
    tickets_answered: int = 0                     # of the period's tickets, those staff answered
    median_first_answer_s: float | None = None    # from a ticket's creation to the first staff answer
    open_now: int = 0                             # tickets waiting for staff (open or claimed) right now
    unanswered_other: int = 0                     # unanswered questions too rare to be grouped
    item_kinds: dict[str, str] = field(default_factory=dict, repr=False)

    # The period's totals: one count summed over the days or over the rated programs.
    questions = _Total("days", "questions")
    answered = _Total("days", "answered")
    tickets = _Total("days", "tickets")
    helpful = _Total("feedback", "helpful")
    unhelpful = _Total("feedback", "unhelpful")

    @property
    def answered_share(self) -> float | None:
        return self.answered / self.questions if self.questions else None

    @property
    def first_day(self) -> date:
        return self.days[0].day

    @property
    def last_day(self) -> date:
        return self.days[-1].day


def period(now: datetime, days: int = 7, *, last_day: date | None = None) -> tuple[datetime, datetime]:
    """[since, until) of `days` local days ending with `last_day` (default: today, up to `now`)."""
    if days < 1:
        raise ValueError("days must be at least 1")
    if last_day is None:
        last_day = now.astimezone(KST).date()
        until = now + timedelta(milliseconds=1)  # stored times have millisecond precision
    else:
        until = day_start(last_day + timedelta(days=1))
    return day_start(last_day - timedelta(days=days - 1)), until


def collect(db: Database, since: datetime, until: datetime, *, kb: KnowledgeBase | None = None) -> Figures:
    """The figures of [since, until) from the database `db` (opened read-only by the caller, or the bot's)."""
    start, end = iso(since), iso(until)
    days = _days(db, since, until, start, end)
    names = _names(kb)
    programs, feedback = _programs(db, start, end, names, kb)
    texts = [r["text"] for r in db.query(
        f"SELECT text FROM enquiries WHERE time >= ? AND time < ? AND {IS_QUESTION} AND {IS_UNANSWERED}"
        " AND text != '' ORDER BY id", (start, end))]
    grouping = group_questions(texts, limit=GROUP_LIMIT)
    waits = [(parse_iso(r["answered_at"]) - parse_iso(r["created_at"])).total_seconds()  # type: ignore[operator]
             for r in db.query("SELECT created_at, answered_at FROM tickets WHERE created_at >= ? AND created_at < ?"
                               " AND answered_at IS NOT NULL", (start, end))]
    open_now = next(iter(db.query("SELECT count(*) AS n FROM tickets WHERE status IN ('open', 'claimed')")))["n"]
    return Figures(since=since, until=until, days=days, programs=programs, feedback=feedback,
                   topics=tuple(grouping.groups[:TOP_TOPICS]), tickets_answered=len(waits),
                   median_first_answer_s=statistics.median(waits) if waits else None, open_now=open_now,
                   unanswered_other=grouping.other + sum(g.count for g in grouping.groups[TOP_TOPICS:]))


def _days(db: Database, since: datetime, until: datetime, start: str, end: str) -> tuple[Day, ...]:
    """Every local day of the period, also those without a single enquiry (a chart needs the zeros)."""
    counts: dict[str, dict[str, int]] = {}
    for row in db.query(
        f"SELECT {LOCAL_DAY.format(column='time')} AS day, count(*) AS questions,"
        f" sum({IS_ANSWERED}) AS answered, sum(kind = 'answer' AND {IS_DISLIKED}) AS disliked,"
        " sum(kind = 'suggest') AS suggested, sum(kind = 'fallback') AS fallback"
        f" FROM enquiries WHERE time >= ? AND time < ? AND {IS_QUESTION} AND kind IS NOT NULL GROUP BY day",
        (start, end),
    ):
        counts[row.pop("day")] = row
    tickets = {r["day"]: r["n"] for r in db.query(
        f"SELECT {LOCAL_DAY.format(column='created_at')} AS day, count(*) AS n FROM tickets"
        " WHERE created_at >= ? AND created_at < ? GROUP BY day", (start, end))}
    first = since.astimezone(KST).date()
    last = (until - timedelta(milliseconds=1)).astimezone(KST).date()
    days = []
    for offset in range((last - first).days + 1):
        day = first + timedelta(days=offset)
        row = counts.get(day.isoformat(), {})
        days.append(Day(day, **{k: int(v or 0) for k, v in row.items()}, tickets=tickets.get(day.isoformat(), 0)))
    return tuple(days)


def _names(kb: KnowledgeBase | None) -> dict[str, str]:
    if kb is None:
        return {}
    items: tuple[Item, ...] = (*kb.programs, *kb.faqs, *kb.referrals)
    return {item.id: korean_name(item) for item in items}


def _programs(db: Database, start: str, end: str, names: dict[str, str], kb: KnowledgeBase | None
              ) -> tuple[tuple[ProgramFigures, ...], tuple[ProgramFigures, ...]]:
    """Programs by questions answered with them, and by 👍/👎 given in the period.

    With a knowledge base only programs count (not FAQs, greetings or other intents); without one, every
    item the bot answered with.
    """
    programs = {p.id for p in kb.programs} if kb is not None else None
    asked = {r["item_id"]: r["n"] for r in db.query(
        f"SELECT item_id, count(*) AS n FROM enquiries WHERE time >= ? AND time < ? AND {IS_QUESTION}"
        " AND kind = 'answer' AND item_id IS NOT NULL GROUP BY item_id", (start, end))}
    rated = {r["item_id"]: (r["up"], r["down"]) for r in db.query(
        "SELECT e.item_id, sum(f.helpful = 1) AS up, sum(f.helpful = 0) AS down FROM feedback f"
        " JOIN enquiries e ON e.id = f.enquiry_id WHERE f.time >= ? AND f.time < ? AND e.item_id IS NOT NULL"
        " GROUP BY e.item_id", (start, end))}

    def row(item_id: str) -> ProgramFigures:
        up, down = rated.get(item_id, (0, 0))
        return ProgramFigures(item_id, names.get(item_id, item_id), asked.get(item_id, 0), up or 0, down or 0)

    ids = [i for i in {*asked, *rated} if programs is None or i in programs]
    by_asked = sorted((row(i) for i in ids if asked.get(i)), key=lambda p: (-p.asked, p.name))
    by_rated = sorted((row(i) for i in ids if i in rated), key=lambda p: (-(p.helpful + p.unhelpful), p.name))
    return tuple(by_asked[:TOP_PROGRAMS]), tuple(by_rated[:TOP_PROGRAMS])

"""What the enquiry log shows about questions the knowledge could answer better. Plain SQL, read-only.

- A suggestion picked: a typed question got "is it one of these?", and the same person's next button
  press chose one of the offered items. The question belongs to that item.
- A ticket staff answered: its question, and the staff's answers (which may name the program).
- Questions left unanswered: typed questions the bot suggested something for or did not understand,
  apart from those whose suggestion was picked.
"""
from __future__ import annotations

import json
import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from store.database import iso
from store.enquiries import IS_QUESTION, IS_UNANSWERED

# The pressed button's data, as the recorder logs a press: "label [p:pre-founder:apply]".
_PRESSED = re.compile(r"\[(?:p|f|i):([a-z0-9-]+)(?::[^\]]*)?\]$")


@dataclass(frozen=True)
class Picked:
    enquiry_id: int
    text: str
    item_id: str


@dataclass(frozen=True)
class AnsweredTicket:
    number: int
    question: str
    answers: tuple[str, ...]          # what staff wrote back, oldest first


def picked_suggestions(db: Database, since: datetime) -> list[Picked]:
    """Questions answered with suggestions whose next press by the same person picked an offered item."""
    rows = db.query(
        """
        SELECT q.id, q.text, q.candidates, b.text AS pressed
          FROM enquiries b
          JOIN enquiries q ON q.id = (SELECT max(e.id) FROM enquiries e
                                       WHERE e.user_id = b.user_id AND e.id < b.id AND e.source != 'button')
         WHERE b.source = 'button' AND b.time >= ? AND q.kind = 'suggest' AND q.text != ''
           AND b.user_id IS NOT NULL
           AND b.id = (SELECT min(e.id) FROM enquiries e WHERE e.user_id = b.user_id AND e.id > q.id)
         ORDER BY q.id
        """,
        (iso(since),),
    )
    found = []
    for row in rows:
        match = _PRESSED.search(row["pressed"] or "")
        offered = {c.get("id") for c in json.loads(row["candidates"] or "[]")}
        if match and match.group(1) in offered:
            found.append(Picked(row["id"], row["text"], match.group(1)))
    return found


def answered_tickets(db: Database, since: datetime) -> list[AnsweredTicket]:
    """Tickets opened since `since` that staff answered, with their answers (forgotten ones left out)."""
    tickets = []
    for row in db.query("SELECT number, question FROM tickets WHERE created_at >= ? AND answered_at IS NOT NULL"
                        " AND deleted = 0 AND question IS NOT NULL AND question != '' ORDER BY number",
                        (iso(since),)):
        answers = tuple(r["text"] for r in db.query(
            "SELECT text FROM ticket_messages WHERE ticket = ? AND who = 'staff' AND text IS NOT NULL ORDER BY id",
            (row["number"],)))
        tickets.append(AnsweredTicket(row["number"], row["question"], answers))
    return tickets


def unanswered_questions(db: Database, since: datetime, *, except_ids: Collection[int] = frozenset()) -> list[str]:
    """Typed questions without an outright answer since `since`, oldest first."""
    return [r["text"] for r in db.query(
        f"SELECT id, text FROM enquiries WHERE time >= ? AND {IS_QUESTION} AND {IS_UNANSWERED} AND text != ''"
        " ORDER BY id", (iso(since),)) if r["id"] not in except_ids]

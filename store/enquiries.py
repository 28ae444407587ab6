"""The enquiry log: every message and button press, the decision about it, and its rating."""
from __future__ import annotations

from typing import Any, Callable, cast, get_args

from intents.decision import Decision
from store.base import Part, dumps, loads
from store.rows import Enquiry, Source


SOURCES: tuple[str, ...] = get_args(Source)  # every source, as the row type spells them
# Sources that are questions typed by a person (what "unanswered" and the stats count).
QUESTION_SOURCES = ("message", "edited")
# Decisions that are not an outright answer: the question is "unanswered".
UNANSWERED_KINDS = ("suggest", "fallback")


def sql_list(values: tuple[str, ...]) -> str:
    """A constant tuple as an SQL list, "('message', 'edited')" (for the fixed names above only)."""
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


# A reply to a step of a flow (handlers/routing.py marks it) is never a question, whatever its source.
IS_QUESTION = f"(source IN {sql_list(QUESTION_SOURCES)} AND step_reply = 0)"
# An answer the person rated 👎 did not answer them either: staff see it among the unanswered questions
# (`enquiries unanswered`, /stats), and it is not counted as answered by the bot.
IS_DISLIKED = "id IN (SELECT enquiry_id FROM feedback WHERE helpful = 0)"
IS_UNANSWERED = f"(kind IN {sql_list(UNANSWERED_KINDS)} OR {IS_DISLIKED})"
IS_ANSWERED = f"(kind = 'answer' AND NOT {IS_DISLIKED})"

_ENQUIRY_COLUMNS = """
    e.id, e.time, e.user_id, e.chat_id, e.lang, e.text, e.source, e.update_id, e.step_reply,
    e.kind, e.item_id, e.aspect, e.score, e.candidates, e.elapsed_ms, f.helpful
"""
ENQUIRY_SELECT = f"SELECT {_ENQUIRY_COLUMNS} FROM enquiries e LEFT JOIN feedback f ON f.enquiry_id = e.id"


def is_question(enquiry: Enquiry) -> bool:
    """A question typed to the bot (IS_QUESTION): not a button, command or sticker, nor a reply to a step."""
    return enquiry["source"] in QUESTION_SOURCES and not enquiry["step_reply"]


def is_unanswered(enquiry: Enquiry) -> bool:
    """A typed question the bot did not answer: no outright answer, or an answer rated 👎 (IS_UNANSWERED)."""
    return (is_question(enquiry) and bool(enquiry["text"])
            and (enquiry["kind"] in UNANSWERED_KINDS or enquiry["helpful"] is False))


def enquiry_row(row: dict[str, Any]) -> Enquiry:
    """A stored row as callers see it: candidates decoded, helpful as True/False/None."""
    row = dict(row)
    row["candidates"] = loads(row.get("candidates")) or []
    helpful = row.get("helpful")
    row["helpful"] = None if helpful is None else bool(helpful)
    row["step_reply"] = bool(row.get("step_reply"))
    return cast(Enquiry, row)


class Enquiries(Part):
    """The enquiry log (store.enquiries): rows are store.rows.Enquiry."""

    def record(self, *, user_id: int, chat_id: int, lang: str | None, text: str,
                       source: str = "message", update_id: int | None = None) -> int:
        """Log one incoming message or button press; committed before it returns. Returns its id."""
        if source not in SOURCES:
            raise ValueError(f"source must be one of {SOURCES}, not {source!r}")
        cursor = self.db.execute(
            "INSERT INTO enquiries (time, user_id, chat_id, lang, text, source, update_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (self._now(), user_id, chat_id, lang, text if text is not None else "", source, update_id),
        )
        if self._store.outbox.is_blocked(chat_id):
            # Someone who writes to the bot has unblocked it: deliveries to them may resume.
            self._store.outbox.unblock(chat_id)
        return int(cursor.lastrowid or 0)

    def record_decision(self, enquiry_id: int, decision: Decision, elapsed_ms: float) -> None:
        """Store what the matcher decided about an enquiry and how long it took."""
        candidates = [{"id": c.id, "kind": c.kind, "score": round(float(c.score), 2)}
                      for c in decision.candidates]
        self.db.execute(
            "UPDATE enquiries SET kind = ?, item_id = ?, aspect = ?, score = ?, candidates = ?, elapsed_ms = ?"
            " WHERE id = ?",
            (decision.kind, decision.id, decision.aspect, round(float(decision.score), 2), dumps(candidates),
             round(float(elapsed_ms), 3), enquiry_id),
        )

    def record_feedback(self, enquiry_id: int, user_id: int, helpful: bool) -> bool:
        """👍/👎 on an answer; a later rating of the same answer replaces the earlier one. Whether it counted.

        Only an answer can be rated: an enquiry the bot answered with a card (kind "answer": a question,
        a button picked, a /start deep link), not a command such as /help, a photo, a suggestion list or a
        fallback, whose buttons never carry 👍/👎 (forged data). A rating of an enquiry that no longer
        exists (the user asked to be forgotten) is ignored too.
        """
        return self.db.execute(
            "INSERT INTO feedback (enquiry_id, user_id, helpful, time)"
            " SELECT id, ?, ?, ? FROM enquiries WHERE id = ? AND kind = 'answer'"
            " ON CONFLICT (enquiry_id) DO UPDATE SET user_id = excluded.user_id,"
            " helpful = excluded.helpful, time = excluded.time",
            (user_id, int(bool(helpful)), self._now(), enquiry_id),
        ).rowcount > 0

    def redact(self, enquiry_id: int, placeholder: str) -> None:
        """Replace a logged message's text, e.g. a name or phone number typed into the follow-up flow:
        those are kept on the ticket, with consent, and must not sit in the enquiry log as well."""
        self.db.execute("UPDATE enquiries SET text = ? WHERE id = ?", (placeholder, enquiry_id))

    def get(self, enquiry_id: int) -> Enquiry | None:
        row = self._one(f"{ENQUIRY_SELECT} WHERE e.id = ?", (enquiry_id,))
        return enquiry_row(row) if row else None

    def recent(self, user_id: int, limit: int = 5) -> list[Enquiry]:
        """The user's latest enquiries, newest first."""
        rows = self._all(f"{ENQUIRY_SELECT} WHERE e.user_id = ? ORDER BY e.id DESC LIMIT ?", (user_id, limit))
        return [enquiry_row(r) for r in rows]

    def mark_step_reply(self, enquiry_id: int) -> None:
        """The message answered a step of a flow (handlers/routing.py): logged, but never a question."""
        self.db.execute(f"UPDATE enquiries SET step_reply = 1 WHERE id = ? AND source IN {sql_list(QUESTION_SOURCES)}",
                        (enquiry_id,))  # a command or a sticker is no question anyway

    def last_unanswered(self, user_id: int, worth: Callable[[str], bool] | None = None,
                        lookback: int = 30) -> str | None:
        """Text of the user's latest typed question that got no outright answer (to prefill a follow-up).

        `worth`: whether a text asks anything worth passing on (handlers/followup/words.py worth_passing_on): a
        sigh, an emoji line or pasted markup is passed over for the question before it, among the latest
        `lookback` such messages."""
        rows = self._all(
            f"SELECT text FROM enquiries WHERE user_id = ? AND {IS_QUESTION}"
            f" AND {IS_UNANSWERED} AND text != '' ORDER BY id DESC LIMIT ?",
            (user_id, 1 if worth is None else lookback),
        )
        return next((str(r["text"]) for r in rows if worth is None or worth(str(r["text"]))), None)

    def select(self, *, since: str | None = None, until: str | None = None,
               user_id: int | None = None) -> list[Enquiry]:
        """All enquiries in time order, optionally from `since` / before `until` (stored ISO form)."""
        where: list[str] = ["1 = 1"]
        params: list[Any] = []
        if since:
            where.append("e.time >= ?")
            params.append(since)
        if until:
            where.append("e.time < ?")
            params.append(until)
        if user_id is not None:
            where.append("e.user_id = ?")
            params.append(user_id)
        rows = self._all(f"{ENQUIRY_SELECT} WHERE {' AND '.join(where)} ORDER BY e.id", tuple(params))
        return [enquiry_row(r) for r in rows]

"""The rows the store returns, typed: what each key holds, checked by mypy where they are read.

They are plain dicts at run time (TypedDict), so a row still reads as `ticket["number"]` and is cheap to
build from sqlite-utils' query rows.
"""
from __future__ import annotations

from typing import Any, Literal, NotRequired, TypedDict

Source = Literal["message", "edited", "button", "command", "nontext"]
DecisionKind = Literal["answer", "suggest", "fallback"]
TicketStatus = Literal["open", "claimed", "answered", "closed"]
OutboxStatus = Literal["pending", "sent", "failed", "blocked"]


class Candidate(TypedDict):
    id: str
    kind: str
    score: float


class Enquiry(TypedDict):
    """One logged message or button press; kind .. elapsed_ms stay None until the decision is recorded."""

    id: int
    time: str                      # UTC ISO-8601, fixed width
    user_id: int | None            # None once the retention purge anonymised it
    chat_id: int | None
    lang: str | None
    text: str
    source: Source
    update_id: int | None
    step_reply: bool               # an answer to a step of a flow (a typed 네, a name): never a question
    kind: DecisionKind | None
    item_id: str | None
    aspect: str | None
    score: float | None
    candidates: list[Candidate]
    elapsed_ms: float | None
    helpful: bool | None           # the user's 👍 (True) / 👎 (False), None if not rated


class TicketMessage(TypedDict):
    id: int
    who: Literal["user", "staff"]
    text: str | None               # None once forgotten
    time: str
    staff_id: int | None
    staff_name: str | None


class Ticket(TypedDict):
    """A follow-up ticket; `messages` (oldest first) only from Tickets.get."""

    number: int
    user_id: int | None            # None once the retention purge unlinked it
    chat_id: int | None
    lang: str | None
    name: str | None               # personal fields: None when anonymous or forgotten
    contact: str | None
    contact_kind: Literal["phone", "email"] | None
    question: str | None
    status: TicketStatus
    claimed_by: int | None
    claimed_by_name: str | None
    claimed_at: str | None
    consent_at: str | None         # None: left without consent (anonymous)
    consent_version: str | None
    anonymous: bool
    created_at: str
    updated_at: str
    answered_at: str | None
    answered_by: int | None
    closed_at: str | None
    closed_by: int | None
    staff_chat_id: int | None
    staff_card_message_id: int | None
    deleted: bool
    deleted_at: str | None
    messages: NotRequired[list[TicketMessage]]


class OutboxRow(TypedDict):
    """A message to deliver. attempts counts the tries that ended (sent, failed, blocked, or to be retried
    after a failure); flood_waits counts Telegram's 429s, which are not failures."""

    id: int
    chat_id: int
    text: str | None
    parse_mode: str | None
    reply_markup: dict[str, Any] | None
    edit_message_id: int | None
    purpose: str
    ticket: int | None
    status: OutboxStatus
    attempts: int
    created_at: str
    next_attempt_at: str
    sent_at: str | None
    last_error: str | None
    sent_message_id: int | None
    flood_waits: int
    photo: bytes | None            # a picture sent with text as its caption; None once sent
    period: str | None             # a report's "<since>/<until>" (UTC ISO-8601), to draw it again


class KeptTicket(TypedDict):
    number: int
    status: TicketStatus
    created_at: str
    name: str | None
    contact: str | None
    contact_kind: str | None
    question: str | None
    consent_at: str | None
    consent_version: str | None
    anonymous: bool
    deleted: bool


class Kept(TypedDict):
    """What is kept about one user (/mydata)."""

    user_id: int
    enquiries: int
    first_enquiry_at: str | None
    last_enquiry_at: str | None
    recent: list[str]
    feedback: int
    tickets: list[KeptTicket]
    blocked: bool


class Forgotten(TypedDict):
    """What /forget deleted: counts, and the numbers of the tickets blanked."""

    enquiries: int
    feedback: int
    tickets: list[int]

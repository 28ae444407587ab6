"""The outbox sender: delivers what the store's outbox holds, from a JobQueue job.

Every message that must reach someone (a staff card and its edits, a staff answer to a user, a note in
the staff chat) is written to the outbox first (store.enqueue) and sent here, so a crash between writing
and sending loses nothing: the next process sends the pending rows when its job first runs.

    register(app)       # a repeating job (every OUTBOX_INTERVAL_S) that also runs once at start-up
    kick(app)           # run it now, after enqueueing something (JobQueue.run_once(..., 0))
    await deliver_due(app)  # one pass, what the job runs; tests call it instead of sleeping

What happens to a row (store.outbox explains the states):
- sent: mark_sent with Telegram's message id (a staff card's id becomes its ticket's card message);
- 429 (RetryAfter): waits exactly Telegram's retry_after, never given up for it;
- network errors, timeouts and 5xx: retried with the store's exponential backoff, failed after its limit;
- 403 (the user blocked the bot, or the bot left the staff group): blocked, and staff are told;
- 400: "message is not modified" counts as sent (a card edit to what it already shows); anything else
  cannot be fixed by retrying and is marked failed.
Delivery is at least once: a timeout after Telegram took a message, or a crash between sending and
mark_sent, sends it again.
"""
from __future__ import annotations

import asyncio
import logging
import warnings
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Awaitable, Callable

from telegram import InlineKeyboardMarkup, Message, ReplyParameters
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError
from telegram.ext import Application, CallbackContext
from telegram.warnings import PTBDeprecationWarning

if TYPE_CHECKING:
    from store import EnquiryStore

_log = logging.getLogger(__name__)

OUTBOX_INTERVAL_S = 5.0   # how often pending rows (and retries whose time has come) are looked for
JOB_NAME = "outbox"
KICK_NAME = "outbox-kick"
BATCH = 20                # rows per query; a pass keeps querying while rows come back
SENDER_KEY = "outbox_sender"

# Purposes of outbox rows written by the staff desk (handlers/staff.py). The sender needs to know some
# of them: a card edit finds its card's message id when it is sent (the card may not have been sent
# when the edit was written), and notes in the staff chat are sent as replies to their ticket's card.
CARD = "staff_card"            # a new ticket card in the staff chat (store.mark_sent records its id)
CARD_EDIT = "card_edit"        # the card edited in place to show its status
STAFF_NOTE = "staff_note"      # a note about a ticket in the staff chat (a user blocked the bot, ...)
USER_NOTE = "user_note"        # the user's further message, posted in the staff chat
ANSWER = "staff_answer"        # a staff answer delivered to the user
NOTE_EDIT = "note_edit"        # a note or view in the staff chat blanked after /forget
# Messages the bot sent directly about a ticket, written down as sent so that a reply to them reaches it:
TICKET_VIEW = "ticket_view"    # /ticket N
CONFIRM = "staff_confirm"      # "answer recorded" to the staff member
USER_PROMPT = "user_prompt"    # "write your message for staff", to the user
REPLY_TO_CARD = (STAFF_NOTE, USER_NOTE)

# Called when a row is blocked (403) or given up, so that staff hear of it: (application, row, status).
Problem = Callable[[Application, dict[str, Any], str], Awaitable[None] | None]


@dataclass
class _Sender:
    """One pass at a time per Application; a kick during a pass makes the pass look again at the end."""

    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    again: bool = False
    on_problem: Problem | None = None


def _sender(app: Application) -> _Sender:
    sender = app.bot_data.get(SENDER_KEY)
    if sender is None:
        sender = app.bot_data[SENDER_KEY] = _Sender()
    return sender


def register(app: Application, *, on_problem: Problem | None = None) -> None:
    """Send pending rows at start-up and every OUTBOX_INTERVAL_S; `on_problem` hears of blocked/failed rows."""
    _sender(app).on_problem = on_problem
    if app.job_queue is None:  # python-telegram-bot without the job-queue extra: nothing would deliver
        raise RuntimeError("the outbox needs python-telegram-bot[job-queue]")
    # A pass can outlast the interval (the rate limiter waiting out a flood limit): the next run then
    # returns at once (deliver_due lets one pass run at a time), rather than being skipped with a warning.
    app.job_queue.run_repeating(send_due, interval=OUTBOX_INTERVAL_S, first=0, name=JOB_NAME,
                                job_kwargs={"max_instances": 2, "coalesce": True})


async def send_due(context: CallbackContext) -> None:
    """The job's callback."""
    await deliver_due(context.application)


def kick(app: Application) -> None:
    """Deliver soon (right away when the JobQueue runs) rather than at the next interval.

    Nothing when the sender is not registered (the console chat): what was written stays pending.
    """
    if app.job_queue is not None and app.job_queue.get_jobs_by_name(JOB_NAME):
        app.job_queue.run_once(send_due, 0, name=KICK_NAME)


async def deliver_due(app: Application) -> int:
    """Send every row that is due now; returns how many were delivered. Never raises for a send failure."""
    sender = _sender(app)
    if sender.lock.locked():
        sender.again = True  # the running pass picks up what was just written
        return 0
    delivered = 0
    async with sender.lock:
        while True:
            sender.again = False
            done, more = await _pass(app, sender)
            delivered += done
            if not (more or sender.again):
                return delivered


async def _pass(app: Application, sender: _Sender) -> tuple[int, bool]:
    """One batch: (rows delivered, whether to look again at once)."""
    store: EnquiryStore = app.bot_data["store"]
    rows = store.due(limit=BATCH)
    held: set[int] = set()  # chats with a failed row in this batch: their later rows wait their turn
    delivered = 0
    progressed = False
    for row in rows:
        if row["chat_id"] in held:
            continue
        outcome = await _send_row(app, store, row)
        progressed = True
        if outcome == "sent":
            delivered += 1
            continue
        held.add(row["chat_id"])
        if outcome in ("blocked", "failed") and sender.on_problem is not None:
            try:
                result = sender.on_problem(app, store.outbox_row(row["id"]) or row, outcome)
                if asyncio.iscoroutine(result):
                    await result
                sender.again = True  # what it wrote (a note to staff) goes out in this same run
            except Exception:  # noqa: BLE001 - telling staff must not stop the deliveries
                _log.exception("outbox %d: could not report the %s row", row["id"], outcome)
    # A full batch may have more behind it; rows held back come again at the next interval.
    return delivered, progressed and len(rows) == BATCH and not held


async def _send_row(app: Application, store: "EnquiryStore", row: dict[str, Any]) -> str:
    """Send one row and record the outcome: "sent", "retry", "blocked" or "failed"."""
    outbox_id = row["id"]
    try:
        message_id = await _deliver(app, store, row)
    except RetryAfter as error:
        store.mark_retry(outbox_id, f"429 flood control: retry after {_seconds(error)} s", retry_after_s=_seconds(error))
        _log.info("outbox %d: flood control, waiting %.0f s", outbox_id, _seconds(error))
        return "retry"
    except Forbidden as error:
        store.mark_blocked(outbox_id, f"Forbidden: {error.message}")
        return "blocked"
    except BadRequest as error:
        if "not modified" in error.message.lower():
            store.mark_sent(outbox_id, row["edit_message_id"])
            return "sent"
        store.mark_failed(outbox_id, f"Bad Request: {error.message}")
        return "failed"
    except _Unresolved as error:
        store.mark_failed(outbox_id, str(error))
        return "failed"
    except TelegramError as error:  # NetworkError, TimedOut, 5xx, and anything else worth another try
        updated = store.mark_retry(outbox_id, f"{type(error).__name__}: {error.message}")
        _log.info("outbox %d: %s, will retry", outbox_id, type(error).__name__)
        return "failed" if updated and updated["status"] == "failed" else "retry"
    except Exception as error:  # noqa: BLE001 - a bug must not stop the other deliveries; retried later
        _log.exception("outbox %d: unexpected error while sending", outbox_id)
        updated = store.mark_retry(outbox_id, f"{type(error).__name__}")
        return "failed" if updated and updated["status"] == "failed" else "retry"
    store.mark_sent(outbox_id, message_id)
    return "sent"


class _Unresolved(Exception):
    """A card edit whose card was never sent: nothing to edit."""


async def _deliver(app: Application, store: "EnquiryStore", row: dict[str, Any]) -> int | None:
    """The Bot API call for one row; returns the message id it produced (or edited)."""
    bot = app.bot
    markup = InlineKeyboardMarkup.de_json(row["reply_markup"], bot) if row["reply_markup"] else None
    # parse_mode None must reach the Bot API as "no parse mode", not as the Application's default (HTML).
    parse_mode = row["parse_mode"]
    edit_id = row["edit_message_id"]
    if row["purpose"] == CARD_EDIT and edit_id is None:
        edit_id = _card_message_id(store, row)
    if edit_id is not None:
        edited = await bot.edit_message_text(row["text"], chat_id=row["chat_id"], message_id=edit_id,
                                             parse_mode=parse_mode, reply_markup=markup)
        return edited.message_id if isinstance(edited, Message) else edit_id
    reply_to = None
    if row["purpose"] in REPLY_TO_CARD and row["ticket"] is not None:
        card = _card_message_id(store, row, required=False)
        if card is not None:
            reply_to = ReplyParameters(card, allow_sending_without_reply=True)
    sent = await bot.send_message(row["chat_id"], row["text"], parse_mode=parse_mode, reply_markup=markup,
                                  reply_parameters=reply_to)
    return sent.message_id


def _card_message_id(store: "EnquiryStore", row: dict[str, Any], *, required: bool = True) -> int | None:
    ticket = store.ticket(row["ticket"]) if row["ticket"] is not None else None
    if ticket and ticket["staff_card_message_id"] and ticket["staff_chat_id"] == row["chat_id"]:
        return int(ticket["staff_card_message_id"])
    if required:
        raise _Unresolved("the ticket's card was never sent to this chat")
    return None


def _seconds(error: RetryAfter) -> float:
    with warnings.catch_warnings():  # int now, timedelta in a later major version of the library
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)

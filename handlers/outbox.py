"""The outbox sender: delivers what the store's outbox holds, from a JobQueue job.

Every message that must reach someone (a staff card and its edits, a staff answer to a user, a note in
the staff chat) is written to the outbox first (store.enqueue) and sent here, so a crash between writing
and sending loses nothing: the next process sends the pending rows when its job first runs.

    register(app)       # a repeating job (every OUTBOX_INTERVAL_S) that also runs once at start-up;
                        # the OutboxSender it makes is services.sender
    kick(app)           # run it now, after enqueueing something (JobQueue.run_once(..., 0))
    await deliver_due(app)  # one pass, what the job runs; tests call it instead of sleeping

What happens to a row (store.outbox explains the states):
- sent: mark_sent with Telegram's message id (a staff card's id becomes its ticket's card message);
- 429 (RetryAfter): waits exactly Telegram's retry_after, never given up for it;
- network errors, timeouts and 5xx: retried with the store's exponential backoff, failed after its limit;
- 403 (the user blocked the bot, or the bot left the staff group): blocked, and staff are told;
- 400: "message is not modified" counts as sent (a card edit to what it already shows); anything else
  cannot be fixed by retrying and is marked failed.
- over Telegram's length limit (counted as Telegram does, handlers/html_split.visible_len): a new message
  is sent in parts, an edit shortened to what fits; either way staff are told (on_problem "split" or
  "shortened"), so nothing is silently lost.
Each row is read again just before it is sent: one forgotten meanwhile (/forget or the retention purge
during a pass) is not sent, and "sent" never overwrites "forgotten". If it was forgotten while already on
its way, what it posted in the staff chat is blanked at once.
Delivery is at least once: a timeout after Telegram took a message, or a crash between sending and
mark_sent, sends it again.
"""
from __future__ import annotations

import asyncio
import logging
import warnings
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Awaitable, Callable

from telegram import InlineKeyboardMarkup, InputFile, InputMediaPhoto, Message, ReplyParameters
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError
from telegram.ext import Application, CallbackContext
from telegram.warnings import PTBDeprecationWarning

from handlers.html_split import MESSAGE_LIMIT, split_html
from handlers.services import services_of
from store.outbox import ANSWER, CARD, CARD_EDIT, NOTE_EDIT, REPLY_TO_CARD
from store.rows import OutboxRow

if TYPE_CHECKING:
    from store import EnquiryStore

_log = logging.getLogger(__name__)

OUTBOX_INTERVAL_S = 5.0   # how often pending rows (and retries whose time has come) are looked for
JOB_NAME = "outbox"
KICK_NAME = "outbox-kick"
BATCH = 20                # rows per query; a pass keeps querying while rows come back
# Outcomes of a row that was delivered after all, but not as written (staff hear of them too).
ADJUSTED = ("split", "shortened")
# Called when a row is blocked (403), given up, split or shortened, so that staff hear of it:
# (application, row, status).
Problem = Callable[[Application, OutboxRow, str], Awaitable[None] | None]


@dataclass
class OutboxSender:
    """One pass at a time per Application; a kick during a pass makes the pass look again at the end.

    Kept in services.sender once registered; the console chat has none (nothing it writes is sent).
    """

    app: Application
    on_problem: Problem | None = None
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    again: bool = False

    def kick(self) -> None:
        """Deliver soon (right away when the JobQueue runs) rather than at the next interval."""
        if self.app.job_queue is not None and self.app.job_queue.get_jobs_by_name(JOB_NAME):
            self.app.job_queue.run_once(send_due, 0, name=KICK_NAME)

    async def deliver_due(self) -> int:
        """Send every row that is due now; returns how many were delivered. Never raises for a send failure."""
        if self.lock.locked():
            self.again = True  # the running pass picks up what was just written
            return 0
        delivered = 0
        async with self.lock:
            while True:
                self.again = False
                done, more = await _pass(self.app, self)
                delivered += done
                if not (more or self.again):
                    return delivered


def register(app: Application, *, on_problem: Problem | None = None) -> OutboxSender:
    """Send pending rows at start-up and every OUTBOX_INTERVAL_S; `on_problem` hears of blocked/failed rows."""
    if app.job_queue is None:  # python-telegram-bot without the job-queue extra: nothing would deliver
        raise RuntimeError("the outbox needs python-telegram-bot[job-queue]")
    sender = services_of(app).sender = OutboxSender(app, on_problem)
    # A pass can outlast the interval (the rate limiter waiting out a flood limit): the next run then
    # returns at once (deliver_due lets one pass run at a time), rather than being skipped with a warning.
    app.job_queue.run_repeating(send_due, interval=OUTBOX_INTERVAL_S, first=0, name=JOB_NAME,
                                job_kwargs={"max_instances": 2, "coalesce": True})
    return sender


async def send_due(context: CallbackContext) -> None:
    """The job's callback."""
    await deliver_due(context.application)


def kick(app: Application) -> None:
    """Deliver soon rather than at the next interval; nothing when no sender is registered (the console
    chat): what was written stays pending."""
    sender = services_of(app).sender
    if sender is not None:
        sender.kick()


async def deliver_due(app: Application) -> int:
    """One pass of the registered sender (tests call this instead of waiting for the job)."""
    services = services_of(app)
    if services.sender is None:
        services.sender = OutboxSender(app)
    return await services.sender.deliver_due()


async def _pass(app: Application, sender: OutboxSender) -> tuple[int, bool]:
    """One batch: (rows delivered, whether to look again at once)."""
    store = services_of(app).store
    rows = store.outbox.due(limit=BATCH)
    held: set[int] = set()  # chats with a failed row in this batch: their later rows wait their turn
    delivered = 0
    progressed = False
    for row in rows:
        if row["chat_id"] in held:
            continue
        outcome = await _send_row(app, store, row)
        progressed = True
        if outcome == "skipped":  # forgotten since due() read it
            continue
        if outcome in ("sent", *ADJUSTED):
            delivered += 1
        else:
            held.add(row["chat_id"])
        if outcome in ("blocked", "failed", *ADJUSTED) and sender.on_problem is not None:
            try:
                result = sender.on_problem(app, store.outbox.row(row["id"]) or row, outcome)
                if asyncio.iscoroutine(result):
                    await result
                sender.again = True  # what it wrote (a note to staff) goes out in this same run
            except Exception:  # noqa: BLE001 - telling staff must not stop the deliveries
                _log.exception("outbox %d: could not report the %s row", row["id"], outcome)
    # A full batch may have more behind it; rows held back come again at the next interval.
    return delivered, progressed and len(rows) == BATCH and not held


async def _send_row(app: Application, store: "EnquiryStore", row: OutboxRow) -> str:
    """Send one row and record the outcome: "sent", "split", "shortened", "retry", "blocked", "failed",
    or "skipped" (no longer pending: forgotten since the batch was read)."""
    outbox_id = row["id"]
    # Read again: earlier rows of the batch took time to send, and a /forget may have blanked this one.
    current = store.outbox.row(outbox_id)
    if current is None or current["status"] != "pending":
        return "skipped"
    row = current
    try:
        message_id, adjusted = await _deliver(app, store, row)
    except RetryAfter as error:
        store.outbox.mark_retry(outbox_id, f"429 flood control: retry after {_seconds(error)} s", retry_after_s=_seconds(error))
        _log.info("outbox %d: flood control, waiting %.0f s", outbox_id, _seconds(error))
        return "retry"
    except Forbidden as error:
        store.outbox.mark_blocked(outbox_id, f"Forbidden: {error.message}")
        return "blocked"
    except BadRequest as error:
        if "not modified" in error.message.lower():
            store.outbox.mark_sent(outbox_id, row["edit_message_id"])
            return "sent"
        store.outbox.mark_failed(outbox_id, f"Bad Request: {error.message}")
        return "failed"
    except _Unresolved as error:
        store.outbox.mark_failed(outbox_id, str(error))
        return "failed"
    except TelegramError as error:  # NetworkError, TimedOut, 5xx, and anything else worth another try
        updated = store.outbox.mark_retry(outbox_id, f"{type(error).__name__}: {error.message}")
        _log.info("outbox %d: %s, will retry", outbox_id, type(error).__name__)
        return "failed" if updated and updated["status"] == "failed" else "retry"
    except Exception as error:  # noqa: BLE001 - a bug must not stop the other deliveries; retried later
        _log.exception("outbox %d: unexpected error while sending", outbox_id)
        updated = store.outbox.mark_retry(outbox_id, f"{type(error).__name__}")
        return "failed" if updated and updated["status"] == "failed" else "retry"
    if not store.outbox.mark_sent(outbox_id, message_id):
        _blank_late(app, store, row, message_id)
        return "skipped"
    return adjusted or "sent"


def _blank_late(app: Application, store: "EnquiryStore", row: OutboxRow, message_id: int | None) -> None:
    """A row forgotten while it was being sent: blank what it just posted about the person.

    A note in the staff chat is edited to the "deleted" placeholder; a card is redrawn by the card edit
    that forgetting wrote (it finds the card's id, which mark_sent recorded); an edit is overwritten by
    the forgetting's own edit. A message to the user's own chat is theirs, and stays.
    """
    if message_id is None or row["purpose"] in (CARD, ANSWER, CARD_EDIT) or row["edit_message_id"] is not None:
        return
    services = services_of(app)
    placeholder = services.texts.get("staff.card.deleted", "ko")
    store.outbox.enqueue(row["chat_id"], placeholder, purpose=NOTE_EDIT, ticket=row["ticket"],
                         edit_message_id=message_id)
    _log.info("outbox %d: forgotten while it was sent; its message is blanked", row["id"])
    if services.sender is not None:
        services.sender.again = True


class _Unresolved(Exception):
    """A card edit whose card was never sent: nothing to edit."""


async def _deliver(app: Application, store: "EnquiryStore", row: OutboxRow) -> tuple[int | None, str | None]:
    """The Bot API call(s) for one row: (the message id it produced or edited, "split"/"shortened"/None).

    A text over Telegram's limit is sent in parts (markup under the last, the first replying to the card;
    the first part's id is the row's) or, for an edit, shortened to its first part.
    """
    bot = app.bot
    markup = InlineKeyboardMarkup.de_json(row["reply_markup"], bot) if row["reply_markup"] else None
    # parse_mode None must reach the Bot API as "no parse mode", not as the Application's default (HTML).
    parse_mode = row["parse_mode"]
    if row.get("photo") and row["edit_message_id"] is not None:  # a report drawn again, in place
        media = InputMediaPhoto(InputFile(row["photo"], filename=f"outbox-{row['id']}.png"),
                                caption=row["text"] or None, parse_mode=parse_mode)
        edited = await bot.edit_message_media(media, chat_id=row["chat_id"], message_id=row["edit_message_id"],
                                              reply_markup=markup)
        return (edited.message_id if isinstance(edited, Message) else row["edit_message_id"]), None
    if row.get("photo"):  # a picture with its caption (the weekly report): the writer keeps the caption short
        sent = await bot.send_photo(row["chat_id"], InputFile(row["photo"], filename=f"outbox-{row['id']}.png"),
                                    caption=row["text"] or None, parse_mode=parse_mode, reply_markup=markup)
        return sent.message_id, None
    parts = fit(row["text"], parse_mode)
    edit_id = row["edit_message_id"]
    if row["purpose"] == CARD_EDIT and edit_id is None:
        edit_id = _card_message_id(store, row)
    if edit_id is not None:
        edited = await bot.edit_message_text(parts[0], chat_id=row["chat_id"], message_id=edit_id,
                                             parse_mode=parse_mode, reply_markup=markup)
        message_id = edited.message_id if isinstance(edited, Message) else edit_id
        return message_id, ("shortened" if len(parts) > 1 else None)
    reply_to = None
    if row["purpose"] in REPLY_TO_CARD and row["ticket"] is not None:
        card = _card_message_id(store, row, required=False)
        if card is not None:
            reply_to = ReplyParameters(card, allow_sending_without_reply=True)
    first: int | None = None
    for index, part in enumerate(parts):
        sent = await bot.send_message(row["chat_id"], part, parse_mode=parse_mode,
                                      reply_markup=markup if index == len(parts) - 1 else None,
                                      reply_parameters=reply_to if index == 0 else None)
        first = sent.message_id if first is None else first
    return first, ("split" if len(parts) > 1 else None)


def fit(text: str, parse_mode: str | None) -> list[str]:
    """`text` as messages within Telegram's limit: [text] when it fits (the usual case)."""
    if parse_mode is not None and str(parse_mode).upper() == "HTML":
        return split_html(text)
    parts: list[str] = []
    start, end, size = 0, 0, 0
    for end, char in enumerate(text):  # plain text: cut by UTF-16 units, never inside a surrogate pair
        units = 2 if ord(char) > 0xFFFF else 1
        if size + units > MESSAGE_LIMIT:
            parts.append(text[start:end])
            start, size = end, 0
        size += units
    parts.append(text[start:])
    return parts


def _card_message_id(store: "EnquiryStore", row: OutboxRow, *, required: bool = True) -> int | None:
    ticket = store.tickets.get(row["ticket"]) if row["ticket"] is not None else None
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

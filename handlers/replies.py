"""Putting cards on screen: a new message, or the pressed button's message edited in place.

Long texts are split under Telegram's limit (html_split); the buttons go under the last part.
"""
from __future__ import annotations

import asyncio
import logging
from typing import Awaitable, Callable, TypeVar

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, ReplyParameters, Update
from telegram.constants import ChatType
from telegram.error import BadRequest, NetworkError
from telegram.ext import CallbackContext

from handlers.html_split import split_html

_log = logging.getLogger(__name__)

# What Telegram says when a button press is answered too late (about 15 s after it was made: a backlog
# after a restart, a long flood wait) or twice. The press is then past answering; what it asked for
# (a card, an edit) can and should still happen.
_LATE_ANSWER = ("query is too old", "query id is invalid")

# Seconds to wait before each new try of a direct reply after a network error, a timeout or a 5xx
# (python-telegram-bot raises NetworkError for all three; AIORateLimiter retries only 429). Short: the
# person is waiting for the answer, and a blip of the Bot API usually passes within a second or two.
RETRY_DELAYS: tuple[float, ...] = (0.5, 1.5)

T = TypeVar("T")


async def retrying(call: Callable[[], Awaitable[T]]) -> T:
    """`call()`, tried again after RETRY_DELAYS when the Bot API could not be reached or failed (5xx).

    BadRequest (a NetworkError subclass in python-telegram-bot) and Forbidden are answers, not
    blips: they are raised at once. A timed-out send may in fact have arrived, so a retry can rarely
    show a message twice; losing the answer (or a ticket number) is the worse outcome.
    """
    for delay in RETRY_DELAYS:
        try:
            return await call()
        except BadRequest:
            raise
        except NetworkError as error:
            _log.info("Bot API call failed (%s); trying again in %.1f s", error.message, delay)
            await asyncio.sleep(delay)
    return await call()


async def answer_query(query: CallbackQuery, text: str | None = None, *, show_alert: bool = False) -> bool:
    """Answer a button press (stop its spinner, show `text` as a toast or alert); False if it was too late.

    Every handler answers presses through this, so that a late press still gets its card instead of
    the error apology. Other errors are raised as usual.
    """
    try:
        await query.answer(text, show_alert=show_alert)
    except BadRequest as error:
        if not any(part in error.message.lower() for part in _LATE_ANSWER):
            raise
        _log.info("a button press was answered too late (%s)", error.message)
        return False
    return True


async def send(update: Update, context: CallbackContext, text: str,
               markup: InlineKeyboardMarkup | None = None) -> Message | None:
    """Send `text` to the update's chat as one or more messages, `markup` under the last one."""
    chat = update.effective_chat
    if chat is None:
        return None
    reply_to = _quote(update)
    sent: Message | None = None
    chunks = split_html(text)
    for index, chunk in enumerate(chunks):
        last = index == len(chunks) - 1
        sent = await retrying(lambda: context.bot.send_message(
            chat.id, chunk, reply_markup=markup if last else None,
            reply_parameters=reply_to if index == 0 else None))
    return sent


async def show(update: Update, context: CallbackContext, text: str,
               markup: InlineKeyboardMarkup | None = None) -> Message | None:
    """Show `text` in place of the message whose button was pressed; send it anew when that fails."""
    query = update.callback_query
    message = query.message if query else None
    if not isinstance(message, Message):  # not a button press, or the message is no longer accessible
        return await send(update, context, text, markup)
    chunks = split_html(text)
    try:
        edited = await retrying(lambda: message.edit_text(chunks[0],
                                                         reply_markup=markup if len(chunks) == 1 else None))
    except BadRequest as error:
        if "not modified" in error.message.lower():
            return message  # the same button pressed twice: nothing to change
        # Too old, deleted, or not a text message: a new message still gets the answer across.
        _log.info("could not edit message (%s); sending a new one", error.message)
        return await send(update, context, text, markup)
    for index, chunk in enumerate(chunks[1:], start=1):
        last = index == len(chunks) - 1
        edited = await retrying(lambda: context.bot.send_message(message.chat_id, chunk,
                                                                 reply_markup=markup if last else None))
    return edited if isinstance(edited, Message) else message


def _quote(update: Update) -> ReplyParameters | None:
    """In groups, and for edited questions, the answer quotes the message it answers."""
    message = update.effective_message
    if message is None or update.callback_query is not None:
        return None
    if update.edited_message is not None or message.chat.type != ChatType.PRIVATE:
        return ReplyParameters(message.message_id, allow_sending_without_reply=True)
    return None

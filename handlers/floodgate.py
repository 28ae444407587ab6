"""The flood gate: one person cannot use up the bot's share of Telegram's ~30 messages a second.

A handler group of its own, before every other (FLOOD_GROUP): each person may send RATE_LIMIT updates
(messages, edits, button presses) in RATE_WINDOW_S seconds. Beyond that the bot says once, politely,
that it is pausing (flood.slow_down), and then answers nothing of theirs until they have kept under the
rate for a whole window again. Everything that comes in meanwhile is still written to the enquiry log
(handlers/recorder.py) - "recorded but not answered" - and the update goes no further
(ApplicationHandlerStop), so it costs one SQLite commit and no Bot API call.

The updates a flood sends all count, answered or not: whoever keeps sending faster than the rate is not
answered again until they slow down. A message is timed by its own date (when the person sent it), so a
backlog fetched at once after the bot was down is not taken for a flood; a button press, which has no
date, by the clock. Staff are not gated. Together with handlers/processing.py (a flooding chat holds one
of the shared slots at a time) other people are still answered at once.
"""
from __future__ import annotations

import logging
import time
from collections import deque
from dataclasses import dataclass

from telegram import Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import Application, ApplicationHandlerStop, TypeHandler

from handlers.addressing import is_addressed
from handlers.context import BotContext, user_lang
from handlers.recorder import record_update
from handlers.staff_gate import is_staff

FLOOD_GROUP = -5          # before the staff gate (-4): a flood of refused staff commands is gated too
RATE_LIMIT = 8            # updates a person may send ...
RATE_WINDOW_S = 10.0      # ... in this many seconds; a person reading and typing stays far below
PRUNE_EVERY_S = 60.0      # how often people who went quiet are forgotten (memory stays flat)

_log = logging.getLogger(__name__)


@dataclass
class _Sender:
    times: deque[float]    # the latest `limit` updates' times
    warned: bool = False   # the slow-down note was sent in this flood


class FloodGate:
    """The per-person sliding window, kept in memory (a restart forgives everyone)."""

    def __init__(self, limit: int | None = None, window_s: float | None = None) -> None:
        self.limit = limit or RATE_LIMIT  # read when the gate is built (the test harness widens it)
        self.window_s = window_s or RATE_WINDOW_S
        self._senders: dict[int, _Sender] = {}
        self._pruned_at: float | None = None
        self.held = 0  # updates recorded but not answered since start (for `status` and the benchmark)

    def over_limit(self, user_id: int, at: float) -> tuple[bool, bool]:
        """(held, first): whether this update is over the rate, and whether it is the first of a flood."""
        self._prune(at)
        sender = self._senders.setdefault(user_id, _Sender(deque(maxlen=self.limit)))
        times = sender.times
        held = len(times) == self.limit and at - times[0] < self.window_s
        times.append(at)  # a held update counts too: a steady flood stays held
        if not held:
            sender.warned = False
            return False, False
        first = not sender.warned
        sender.warned = True
        return True, first

    def _prune(self, now: float) -> None:
        if self._pruned_at is None:
            self._pruned_at = now
        if now - self._pruned_at < PRUNE_EVERY_S:
            return
        self._pruned_at = now
        quiet = [uid for uid, s in self._senders.items() if not s.times or now - s.times[-1] > self.window_s]
        for uid in quiet:
            del self._senders[uid]

    @property
    def tracked(self) -> int:
        return len(self._senders)

    async def __call__(self, update: Update, context: BotContext) -> None:
        user = update.effective_user
        if user is None or is_staff(context, user) or not _meant_for_bot(update, context):
            return
        held, first = self.over_limit(user.id, _sent_at(update))
        if not held:
            return
        self.held += 1
        await record_update(update, context)  # recorded like any other message, never lost
        if first:
            _log.info("flood gate: user %s sent more than %d updates in %.0f s; holding answers",
                      user.id, self.limit, self.window_s)
            await _slow_down(update, context)
        raise ApplicationHandlerStop


def _meant_for_bot(update: Update, context: BotContext) -> bool:
    """Button presses, private messages, and group messages addressed to the bot; not group chatter."""
    if update.callback_query is not None:
        return True
    message = update.effective_message
    if message is None:
        return False
    return message.chat.type == ChatType.PRIVATE or is_addressed(message, context.bot)


def _sent_at(update: Update) -> float:
    message = update.edited_message or update.message
    if message is not None:
        sent = message.edit_date if update.edited_message is not None and message.edit_date else message.date
        if sent is not None:
            return sent.timestamp()
    return time.time()


async def _slow_down(update: Update, context: BotContext) -> None:
    """The one note of a flood: as an alert on a button, else a message in the private chat."""
    text = context.texts.get("flood.slow_down", user_lang(update, context))
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(text, show_alert=True)
        elif update.effective_chat is not None and update.effective_chat.type == ChatType.PRIVATE:
            await context.bot.send_message(update.effective_chat.id, text)
    except TelegramError as error:  # the note is a courtesy; what they sent is recorded already
        _log.warning("flood gate: could not send the slow-down note: %s", error.message)


def register(app: Application) -> FloodGate:
    gate = FloodGate()
    app.add_handler(TypeHandler(Update, gate), group=FLOOD_GROUP)
    return gate

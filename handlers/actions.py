"""Intent actions ("browse", "followup", "forget"): which coroutine runs when an intent asks for one.

An intent's `action` in intents/*.yaml names what to do in code. Each handler module registers the
actions it provides; a module registered later replaces an earlier one's action (the follow-up desk
replaces the placeholder "followup" that only says how to reach the agency).
"""
from __future__ import annotations

import logging
from typing import Awaitable, Callable

from telegram import Update
from telegram.ext import Application

from handlers.context import BotContext

Action = Callable[[Update, BotContext, str], Awaitable[None]]  # (update, context, lang)
ACTIONS_KEY = "actions"
_log = logging.getLogger(__name__)


def register_action(app: Application, name: str, action: Action) -> None:
    app.bot_data.setdefault(ACTIONS_KEY, {})[name] = action


async def run_action(name: str, update: Update, context: BotContext, lang: str) -> bool:
    """Run the action `name`; False (and a warning) when no module provides it."""
    action = context.bot_data.get(ACTIONS_KEY, {}).get(name)
    if action is None:
        _log.warning("no handler for intent action %r", name)
        return False
    await action(update, context, lang)
    return True

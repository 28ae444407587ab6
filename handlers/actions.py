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


def register_action(app: Application, name: str, action: Action, *, after_reply: bool = True) -> None:
    """Provide the action `name`. `after_reply=False` for a stand-in whose own message replaces the
    intent's reply (which promises what the real action does)."""
    app.bot_data.setdefault(ACTIONS_KEY, {})[name] = (action, after_reply)


def action_for(context: BotContext, name: str) -> tuple[Action, bool] | None:
    """(action, whether the intent's reply goes before it), or None (and a warning) if nothing provides it."""
    found = context.bot_data.get(ACTIONS_KEY, {}).get(name)
    if found is None:
        _log.warning("no handler for intent action %r", name)
    return found

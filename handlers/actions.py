"""Intent actions ("browse", "followup", "forget"): which coroutine runs when an intent asks for one.

An intent's `action` in intents/*.yaml names what to do in code. Each handler module registers the
actions it provides; a module registered later replaces an earlier one's action (the follow-up desk
replaces the placeholder "followup" that only says how to reach the agency).
"""
from __future__ import annotations

import logging
from telegram.ext import Application

from handlers.context import BotContext
from handlers.services import Action, services_of
_log = logging.getLogger(__name__)


def register_action(app: Application, name: str, action: Action, *, after_reply: bool = True) -> None:
    """Provide the action `name`. `after_reply=False` for a stand-in whose own message replaces the
    intent's reply (which promises what the real action does)."""
    services_of(app).actions[name] = (action, after_reply)


def action_for(context: BotContext, name: str) -> tuple[Action, bool] | None:
    """(action, whether the intent's reply goes before it), or None (and a warning) if nothing provides it."""
    found = context.services.actions.get(name)
    if found is None:
        _log.warning("no handler for intent action %r", name)
    return found

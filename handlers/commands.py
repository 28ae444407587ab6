"""Commands are run for new messages only.

Telegram sends an edit of a message as an update too, and python-telegram-bot's CommandHandler takes
edits as well: editing "/reply 12 text" would send the person a second answer, editing "/forget" would
ask again. Every command of the bot is registered through `command()`, which takes new messages only;
what an edited command gets instead is up to the area (the staff desk says an edited answer is not
sent again; elsewhere an edit of a command gets no answer).
"""
from __future__ import annotations

from typing import Any

from telegram.ext import CommandHandler, filters
from telegram.ext.filters import BaseFilter

NEW_MESSAGE = filters.UpdateType.MESSAGE


def command(name: str, callback: Any, extra: BaseFilter | None = None) -> CommandHandler:
    """CommandHandler(name, callback) for new messages only (and `extra`, when given)."""
    return CommandHandler(name, callback, filters=NEW_MESSAGE & extra if extra is not None else NEW_MESSAGE)


def command_name(text: str | None, bot_username: str | None) -> str | None:
    """"inbox" for "/inbox" or "/inbox@this_bot ..."; None for other texts and other bots' commands.

    The one reading of "/cmd@bot" (the staff gate, the unknown-command reply).
    """
    if not text or not text.startswith("/"):
        return None
    name, _, target = text.split(maxsplit=1)[0][1:].partition("@")
    if target and target.lower() != (bot_username or "").lower():
        return None
    return name.lower()

"""Stickers, photos, voice, files, locations...: a short polite note that the bot reads text."""
from __future__ import annotations

from telegram import Update
from telegram.ext import Application, MessageHandler, filters

from handlers.addressing import ADDRESSED
from handlers.context import BotContext, user_lang
from handlers.replies import send


async def ask_for_text(update: Update, context: BotContext) -> None:
    """Reply that only text is read."""
    await send(update, context, context.texts.get("nontext.reply", user_lang(update, context)))


def register(app: Application) -> None:
    # New messages only: an edited photo caption needs no second note.
    app.add_handler(MessageHandler(
        filters.UpdateType.MESSAGE & ~filters.TEXT & ~filters.StatusUpdate.ALL & ADDRESSED, ask_for_text))

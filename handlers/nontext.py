"""Stickers, photos, voice, files, locations...: a short polite note that the bot reads text.

A photo or file with a caption ("수소충전소 신청 방법" under a screenshot) gets the caption answered as
a question instead; the photo or file itself is not looked at.
"""
from __future__ import annotations

from telegram import Update
from telegram.ext import Application, MessageHandler, filters

from handlers.addressing import ADDRESSED
from handlers.asking import answer_text
from handlers.context import BotContext, user_lang
from handlers.replies import send


async def ask_for_text(update: Update, context: BotContext) -> None:
    """Answer the caption as a question; without one, reply that only text is read."""
    caption = " ".join((update.effective_message.caption or "").split())
    if caption:
        await answer_text(update, context, caption)
        return
    await send(update, context, context.texts.get("nontext.reply", user_lang(update, context)))


def register(app: Application) -> None:
    # New messages only: an edited photo caption needs no second note.
    app.add_handler(MessageHandler(
        filters.UpdateType.MESSAGE & ~filters.TEXT & ~filters.StatusUpdate.ALL & ADDRESSED, ask_for_text))

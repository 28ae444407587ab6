"""Deleting one's data, for now: a polite note that it is coming and whom to ask meanwhile.

The privacy desk (/forget, /mydata) replaces the "forget" action when it is registered after this module.
"""
from __future__ import annotations

from telegram import Update
from telegram.ext import Application

from handlers.actions import register_action
from handlers.context import BotContext
from handlers.replies import send


async def forget_not_ready(update: Update, context: BotContext, lang: str) -> None:
    await send(update, context, context.texts.get("privacy.forget_not_ready", lang))


def register(app: Application) -> None:
    register_action(app, "forget", forget_not_ready, after_reply=False)  # its reply promises the real desk

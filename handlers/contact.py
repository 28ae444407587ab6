"""담당자 문의 (ask staff), for now: how to reach the agency.

The follow-up desk (tickets that staff answer from Telegram) takes over the "fu:start" button and the
"followup" action when it is registered after this module.
"""
from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler

from handlers import callback_data as cb
from handlers import cards
from handlers.actions import register_action
from handlers.context import BotContext, user_lang
from handlers.replies import send


async def how_to_reach_staff(update: Update, context: BotContext, lang: str | None = None) -> None:
    """Say how to reach the agency's staff, with the main menu."""
    lang = lang or user_lang(update, context)
    if update.callback_query is not None:
        await update.callback_query.answer()  # stops the spinner; the answer is a new message
    await send(update, context, context.texts.get("contact.how_to_reach", lang),
               cards.main_menu(context.texts, lang))


async def staff_button(update: Update, context: BotContext) -> None:
    await how_to_reach_staff(update, context)


def register(app: Application) -> None:
    app.add_handler(CallbackQueryHandler(staff_button, pattern=f"^{cb.STAFF}$"))
    register_action(app, "followup", how_to_reach_staff, after_reply=False)  # its reply promises the real desk

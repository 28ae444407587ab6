"""/help: what to ask, every command, and how to reach staff."""
from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler

from handlers import callback_data as cb
from handlers import cards, staff_cards
from handlers.commands import command
from handlers.context import BotContext, user_lang
from handlers.replies import answer_query, send, show
from handlers.staff import is_staff


async def show_help(update: Update, context: BotContext) -> None:
    """The help text with the main menu: from /help (a new message) or the menu's button (in place)."""
    lang = user_lang(update, context)
    text, markup = cards.help_text(context.texts, lang), cards.main_menu(context.texts, lang)
    if is_staff(context, update.effective_user):  # staff commands are listed to staff only
        text += "\n\n" + staff_cards.help_section(context.texts, lang)
    if update.callback_query is not None:
        await answer_query(update.callback_query)  # stops the spinner; the help replaces the menu
        await show(update, context, text, markup)
    else:
        await send(update, context, text, markup)


def register(app: Application) -> None:
    app.add_handler(command("help", show_help))
    app.add_handler(CallbackQueryHandler(show_help, pattern=f"^{cb.menu('help')}$"))

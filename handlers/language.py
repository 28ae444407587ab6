"""/lang: answer in Korean or English. The choice is kept in user_data, which survives a restart."""
from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler

from handlers import callback_data as cb
from handlers import cards
from handlers.commands import command
from handlers.context import CHOSEN_LANG, BotContext, user_lang
from handlers.errors import answer_stale
from handlers.replies import answer_query, send, show
from handlers.texts import LANGS


async def choose_lang(update: Update, context: BotContext) -> None:
    """Offer the two languages as buttons."""
    await send(update, context, *cards.lang_card(context.texts, user_lang(update, context)))


async def set_lang(update: Update, context: BotContext) -> None:
    """Keep the chosen language and confirm it in that language, with the menu."""
    query = update.callback_query
    lang = cb.rest(query.data or "", cb.LANG)
    if lang not in LANGS:
        await answer_stale(update, context)
        return
    context.user_data[CHOSEN_LANG] = lang
    await answer_query(query)  # stops the spinner; the confirmation replaces the choice
    await show(update, context, context.texts.get("lang.set", lang), cards.main_menu(context.texts, lang))


def register(app: Application) -> None:
    app.add_handler(command("lang", choose_lang))
    app.add_handler(CallbackQueryHandler(set_lang, pattern=cb.pattern(cb.LANG)))

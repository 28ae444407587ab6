"""/start: the greeting and the main menu; `/start <program-id>` (a deep link) opens that card."""
from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler

from handlers import callback_data as cb
from handlers import cards
from handlers.asking import record_pick, show_item
from handlers.commands import command
from handlers.context import BotContext, user_lang
from handlers.replies import answer_query, send, show


async def start(update: Update, context: BotContext) -> None:
    """Greet the user and show the main menu, or open the card a deep link points at."""
    lang = user_lang(update, context)
    texts = context.texts
    if context.args:
        # t.me/<bot>?start=<id>: the agency prints these on posters and its web site.
        item = context.kb.get(context.args[0].strip().lower())
        if item is not None and item.kind in ("program", "faq", "referral"):
            record_pick(context, item, cb.SUMMARY, lang)
            await show_item(update, context, item, lang)
            return
        await send(update, context, texts.get("start.unknown_program", lang), cards.main_menu(texts, lang))
        return
    user = update.effective_user
    text = (texts.get("start.greeting", lang, name=user.first_name) if user and user.first_name
            else texts.get("start.greeting_anonymous", lang))
    await send(update, context, text, cards.main_menu(texts, lang))


async def show_menu(update: Update, context: BotContext) -> None:
    """The main menu again, in place of the message whose "back" button was pressed."""
    await answer_query(update.callback_query)  # stops the spinner; the menu replaces the message
    await show(update, context, *cards.menu_card(context.texts, user_lang(update, context)))


def register(app: Application) -> None:
    app.add_handler(command("start", start))
    app.add_handler(CallbackQueryHandler(show_menu, pattern=f"^{cb.menu('menu')}$"))

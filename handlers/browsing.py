"""/programs: areas -> programs -> card, with back buttons, all in one message edited in place."""
from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler

from handlers import callback_data as cb
from handlers import cards
from handlers.actions import register_action
from handlers.commands import command
from handlers.context import BotContext, user_lang
from handlers.conversing import remember_options
from handlers.errors import answer_stale
from handlers.replies import answer_query, send, show


async def list_areas(update: Update, context: BotContext) -> None:
    """/programs: the business areas as buttons, in a new message."""
    await send_areas(update, context, user_lang(update, context))


async def send_areas(update: Update, context: BotContext, lang: str) -> None:
    """The areas in a new message; also the "browse" action of the list-programs intent."""
    await send(update, context, *cards.areas_card(context.kb, context.texts, lang))


async def browse(update: Update, context: BotContext) -> None:
    """A browse button: the areas, or one page of a list of programs, in place."""
    query = update.callback_query
    lang = user_lang(update, context)
    data = query.data or ""
    if data == cb.AREAS:
        card = cards.areas_card(context.kb, context.texts, lang)
    else:
        key = cb.ListKey.parse(cb.rest(data, cb.BROWSE))
        card = cards.list_card(context.kb, context.texts, lang, key, now=context.store.clock()) if key else None
    if card is None:  # an area removed from the knowledge base since the button was sent
        await answer_stale(update, context)
        return
    await answer_query(query)  # stops the spinner; the list replaces the message
    await show(update, context, *card)
    if data != cb.AREAS and key is not None:  # `자격은?` next asks which of these (handlers/conversing.py)
        remember_options(context, (p.id for p in cards.list_programs(context.kb, key) or ()))


def register(app: Application) -> None:
    app.add_handler(command("programs", list_areas))
    app.add_handler(CallbackQueryHandler(browse, pattern=cb.pattern(cb.BROWSE)))
    register_action(app, "browse", send_areas)

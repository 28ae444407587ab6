"""/lang: answer in Korean or English (the choice is kept in user_data, which survives a restart); and the
language a typed message is in, for the answer to it (`said_lang`)."""
from __future__ import annotations

import re
import unicodedata

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler

from handlers import callback_data as cb
from handlers import cards
from handlers.commands import command
from handlers.context import CHOSEN_LANG, BotContext, user_lang
from handlers.errors import answer_stale
from handlers.replies import answer_query, send, show
from handlers.texts import LANGS
from intents.analyzer import clear_lang
from intents.decision import Decision
from intents.markup import strip_markup

# What carries no language: a web address, and a word of code (`alert('x')`, `x=1;`, `{...}`).
_ADDRESS = re.compile(r"\S*://\S*|\bwww\.\S+|\S+@\S+\.\S+")
_CODE_WORD = re.compile(r"\S*[(){}\[\];=<>$`\\|]\S*")


def spoken_text(text: str) -> str:
    """`text` without what carries no language: markup, code, web and e-mail addresses, emoji."""
    text = _CODE_WORD.sub(" ", _ADDRESS.sub(" ", strip_markup(text)))
    return " ".join("".join(ch for ch in text if unicodedata.category(ch)[0] in "LNZP").split())


def said_lang(text: str, decision: Decision) -> tuple[str, bool]:
    """(the language of a typed message, whether it tells one) for the answer to it (context.question_lang).

    A message whose letters are all markup, code, an address or emoji (`<script>alert('x')</script>`) tells
    none: the chat keeps its language. A message in a script other than Hangul and Latin (你好, привет, こんにちは)
    is answered in English, the bot's language for anyone not writing Korean. Otherwise the matcher's language
    counts where it understood the message (an answer or suggestions) or the message is plainly in it."""
    spoken = spoken_text(text)
    letters = [ch for ch in spoken if ch.isalpha()]
    if not letters:
        return decision.lang, False
    if not any(_hangul(ch) for ch in letters) and any(not _hangul(ch) and not ch.isascii() and not _latin(ch)
                                                      for ch in letters):
        return "en", True
    understood = decision.kind in ("answer", "suggest") or clear_lang(spoken) == decision.lang
    return decision.lang, understood


def _hangul(ch: str) -> bool:
    return "HANGUL" in unicodedata.name(ch, "")


def _latin(ch: str) -> bool:
    return "LATIN" in unicodedata.name(ch, "")


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

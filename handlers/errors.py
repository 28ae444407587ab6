"""When something goes wrong: the error handler, and buttons the bot no longer understands."""
from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden, NetworkError, TelegramError
from telegram.ext import Application, CallbackQueryHandler

from handlers.context import BotContext, user_lang
from handlers.replies import answer_query

_log = logging.getLogger(__name__)


async def answer_stale(update: Update, context: BotContext) -> None:
    """A button from an old message, or for something removed from the knowledge base since."""
    query = update.callback_query
    if query is not None:
        # Every press must be answered, or the user's button spins for a long while; here the answer
        # itself says the button is out of date.
        await answer_query(query, context.texts.get("errors.stale_button", user_lang(update, context)),
                           show_alert=True)


async def handle_error(update: object, context: BotContext) -> None:
    """Log the error without personal data, and tell the user politely that it went wrong."""
    error = context.error
    update_id = update.update_id if isinstance(update, Update) else None
    if isinstance(error, Forbidden):  # the user blocked the bot: nobody to tell
        _log.info("update %s: the bot may not write to this chat (%s)", update_id, error.message)
        return
    if isinstance(error, NetworkError) and not isinstance(update, Update):
        _log.warning("network problem while talking to the Bot API: %s", error.message)
        return
    # The traceback shows where it failed; the update itself (names, texts) is deliberately not logged.
    _log.error("error while handling update %s: %s", update_id, type(error).__name__, exc_info=error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    lang = user_lang(update, context)
    text = context.texts.get("errors.generic", lang)
    try:
        if update.callback_query is not None:
            try:
                await update.callback_query.answer(text, show_alert=True)
                return
            except TelegramError:  # already answered before the error: say it in the chat instead
                pass
        await context.bot.send_message(update.effective_chat.id, text)
    except TelegramError as again:  # the error itself is logged above
        _log.warning("could not tell the user about the error: %s", again.message)


def register(app: Application) -> None:
    app.add_error_handler(handle_error)


def register_fallback(app: Application) -> None:
    """Last in group 0: any button no other handler claimed."""
    app.add_handler(CallbackQueryHandler(answer_stale))

"""/help: what to ask, every command, and how to reach staff; and the answer to a command the bot lacks."""
from __future__ import annotations

from telegram import Message, Update
from telegram.constants import ChatType
from telegram.ext import Application, CallbackQueryHandler, MessageHandler, filters

from handlers import callback_data as cb
from handlers import cards, staff_cards
from handlers.commands import command, command_name
from handlers.context import BotContext, user_lang
from handlers.replies import answer_query, send, show
from handlers.staff_gate import is_staff


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


async def unknown_command(update: Update, context: BotContext) -> None:
    """A command no handler took ("/unknowncmd", a lone "/"): say so briefly and point to /help."""
    await send(update, context, context.texts.get("help.unknown_command", user_lang(update, context)))


class _UnknownCommandFor(filters.MessageFilter):
    """A new message starting with "/" in a private chat, or in a group naming this bot ("/x@our_bot").

    A plain "/x" in a group may be for another bot there, so the bot stays quiet about it.
    """

    def filter(self, message: Message) -> bool:
        text = message.text or ""
        if not text.startswith("/"):
            return False
        if message.chat.type == ChatType.PRIVATE:
            return True
        named = "@" in text.split(maxsplit=1)[0]
        return named and command_name(text, message.get_bot().username) is not None


UNKNOWN_COMMAND = filters.UpdateType.MESSAGE & _UnknownCommandFor(name="UnknownCommand")


def register_unknown_command(app: Application) -> None:
    """After every command handler, before the question answerer (which would take a lone "/" as a question)."""
    app.add_handler(MessageHandler(UNKNOWN_COMMAND, unknown_command))


def register(app: Application) -> None:
    app.add_handler(command("help", show_help))
    app.add_handler(CallbackQueryHandler(show_help, pattern=f"^{cb.menu('help')}$"))

"""Who may use the staff desk: the gate that refuses staff actions to anyone else.

STAFF_USER_IDS are the staff; STAFF_CHAT_ID is the staff group where cards are posted. The gate, in its
own handler group (STAFF_GATE_GROUP, before everything but the flood gate), looks at every update: a staff
command, a staff button ("stf:...") or a reply to a ticket's message in the staff chat from anyone not in
STAFF_USER_IDS is refused politely and goes no further; so is a staff command from staff anywhere but the
staff chat or a private chat (its answer would show names and phone numbers).
"""
from __future__ import annotations

import logging
from typing import NoReturn

from telegram import Chat, Message, Update, User
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import Application, ApplicationHandlerStop, TypeHandler, filters

from handlers import staff_cards as sc
from handlers.commands import command_name
from handlers.context import BotContext, user_lang
from handlers.replies import answer_query
from settings import Settings
from store.rows import Ticket

_log = logging.getLogger(__name__)

STAFF_GATE_GROUP = -4   # refuses staff actions to anyone else, before anything sees them (flood gate: -5)
COMMANDS = ("inbox", "ticket", "reply", "close", "reopen", "stats", "report",  # report: handlers/report.py
            "reload")  # reload: handlers/reload.py


def is_staff(context: BotContext, user: User | None) -> bool:
    return context.desk.is_staff(user)


def staff_chat(context: BotContext) -> int | None:
    return context.settings.staff_chat_id


def staff_in_staff_chat(update: Update, context: BotContext) -> bool:
    """Staff working in the staff chat: kept out of the enquiry log, which holds users' enquiries only."""
    chat = update.effective_chat
    return (chat is not None and chat.id == staff_chat(context)
            and is_staff(context, update.effective_user))


def reply_ticket(context: BotContext, message: Message | None) -> Ticket | None:
    """The ticket a message in the staff chat replies to (its card or a later message about it)."""
    if message is None or message.chat.id != staff_chat(context):
        return None
    original = message.reply_to_message
    if original is None or original.from_user is None or original.from_user.id != context.bot.id:
        return None
    return context.store.tickets.for_message(message.chat.id, original.message_id)


def is_staff_action(update: Update, context: BotContext) -> bool:
    """A staff command, a staff button, or a reply to a ticket in the staff chat."""
    query = update.callback_query
    if query is not None:
        return (query.data or "").startswith(sc.STAFF_PREFIX + ":")
    message = update.effective_message
    if message is None:
        return False
    if command_name(message.text, context.bot.username) in COMMANDS:
        return True
    return reply_ticket(context, message) is not None


def in_desk_chat(context: BotContext, chat: Chat | None) -> bool:
    """The staff chat or a private chat: where staff commands may show names and phone numbers."""
    return chat is not None and (chat.type == ChatType.PRIVATE or chat.id == staff_chat(context))


async def staff_gate(update: Update, context: BotContext) -> None:
    """Refuse staff commands, buttons and card replies to anyone not in STAFF_USER_IDS; stop them there.

    Staff commands from staff in any other chat (an ordinary group) are stopped too, with a note: their
    answers show names and phone numbers, which belong in the staff chat only.
    """
    if not is_staff_action(update, context):
        return
    user_id = update.effective_user.id if update.effective_user else None
    if not is_staff(context, update.effective_user):
        _log.info("staff action refused to user %s", user_id)
        await _stop_with_note(update, context, "staff.refused", "staff.refused_button")
    if update.callback_query is None and not in_desk_chat(context, update.effective_chat):
        _log.info("staff command of user %s refused outside the staff chat", user_id)
        await _stop_with_note(update, context, "staff.wrong_chat", "staff.wrong_chat")


async def _stop_with_note(update: Update, context: BotContext, message_key: str, button_key: str) -> NoReturn:
    """Say why nothing happens (a message, or an alert for a button) and stop the update, whatever happens."""
    lang = user_lang(update, context)
    try:
        if update.callback_query is not None:
            # An alert: the press must be answered anyway, and the alert says why nothing happened.
            await answer_query(update.callback_query, context.texts.get(button_key, lang), show_alert=True)
        elif update.message is not None:  # edits of refused messages are not answered again
            await update.message.reply_text(context.texts.get(message_key, lang))
    except TelegramError as error:  # Telegram down, the person blocked the bot...: the note is lost
        _log.warning("could not say why a staff action was refused: %s", error.message)
    except Exception:  # noqa: BLE001 - a bug in the note must not let the update through either
        _log.exception("could not say why a staff action was refused")
    finally:
        # Whatever happened above, the update goes no further: the desk never sees it.
        raise ApplicationHandlerStop  # noqa: B012


def staff_members(settings: Settings) -> filters.BaseFilter:
    """Updates from STAFF_USER_IDS (none when it is empty)."""
    return filters.User(user_id=settings.staff_user_ids, allow_empty=False)


def staff_command_filter(settings: Settings) -> filters.BaseFilter:
    """A staff command the desk serves: from staff, in a private chat or the staff chat.

    The gate has let only those through already; the desk's handlers (staff.py, report.py, reload.py) say
    so again, so that a change to the gate cannot open the desk.
    """
    desk_chat: filters.BaseFilter = filters.ChatType.PRIVATE
    if settings.staff_chat_id is not None:
        desk_chat = desk_chat | filters.Chat(chat_id=settings.staff_chat_id)
    return staff_members(settings) & desk_chat


def register(app: Application) -> None:
    app.add_handler(TypeHandler(Update, staff_gate), group=STAFF_GATE_GROUP)

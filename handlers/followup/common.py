"""What the follow-up modules share: states, limits, callback data, the draft, and how a step ends.

The conversation (python-telegram-bot's ConversationHandler, handlers/followup/conversation.py) owns the
state, in its own handler group ahead of the areas; see handlers/routing.py for how a step stops an
update there or lets it go on.
"""
from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import Application, ConversationHandler

from handlers import callback_data as cb
from handlers.context import BotContext, user_lang
from handlers.replies import answer_query, send
from handlers.routing import LET_GO, handled, stopping  # noqa: F401 - the flow's modules take them from here
from handlers.texts import Texts

_log = logging.getLogger(__name__)

CONVERSATION_NAME = "followup"
FOLLOWUP_GROUP = -1   # after the recorder (-2), before the areas (0)

# States. Strings rather than numbers: they are kept in the state file across versions of the bot.
NAME, CONTACT, QUESTION, CONFIRM = "name", "contact", "question", "confirm"
END = ConversationHandler.END
# What the enquiry log keeps of a message that comes in while these steps wait (see personal_placeholder).
PERSONAL_STEPS = {NAME: "[name]", CONTACT: "[contact]"}

TIMEOUT = timedelta(minutes=30)       # a step left unanswered this long ends the flow politely
NAME_LIMIT = 40                       # characters
QUESTION_LIMIT = 2000                 # characters: room for detail, and the staff card stays readable
QUESTION_MIN = 2                      # characters that are not spaces

# user_data keys (kept in the state file)
DRAFT = "followup"                    # the flow's answers so far; gone when it ends
OFFER = "followup_offer"              # (chat id, message id) of the consent notice still on screen
PERSONAL_MESSAGES = "personal_messages"  # [message id, placeholder] of messages that gave a name or contact
PERSONAL_KEPT = 20                    # ... the latest this many

# Callback data ("fu:start" is the menu's 담당자 문의 in handlers/callback_data.py).
START = cb.STAFF
REFUSE = "fu:refuse"
KEEP = "fu:keep"
OTHER = "fu:other"
SEND = "fu:send"
CANCEL = "fu:cancel"
FIX = "fu:fix"                        # fu:fix:name | contact | question, before 접수

Draft = dict[str, Any]
def is_private(update: Update) -> bool:
    return update.effective_chat is not None and update.effective_chat.type == ChatType.PRIVATE


def cancel_button(texts: Texts, lang: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(texts.get("followup.cancel", lang), callback_data=CANCEL)


async def send_private_link(update: Update, context: BotContext, text_key: str, payload: str = "") -> None:
    """In a group: say that this happens in a one-to-one chat, with a button that opens one."""
    lang = user_lang(update, context)
    link = f"https://t.me/{context.bot.username}" + (f"?start={payload}" if payload else "")
    markup = InlineKeyboardMarkup([[InlineKeyboardButton(context.texts.get("followup.open_private", lang), url=link)]])
    await send(update, context, context.texts.get(text_key, lang), markup)


def now(context: BotContext) -> datetime:
    return context.store.clock()  # the store's clock: ticket times and consent times agree


# -- buttons on screen ------------------------------------------------------------------------------------

async def strip(context: BotContext, where: tuple[int, int] | list[int] | None) -> None:
    """Take the buttons off a message the flow sent, so that only the current step's buttons work."""
    if not where:
        return
    try:
        await context.bot.edit_message_reply_markup(where[0], where[1], reply_markup=None)
    except TelegramError as error:  # already without buttons, deleted, or too old: nothing to take off
        _log.debug("could not take the buttons off a follow-up message: %s", error.message)


async def strip_pressed(update: Update, context: BotContext) -> None:
    """Answer the button press and take the buttons off its message (it is no longer the flow's to strip)."""
    query = update.callback_query
    if query is None:
        return
    await answer_query(query)  # stops the spinner; the next step comes as a new message
    message = query.message
    if not isinstance(message, Message) or message.reply_markup is None:
        return
    where = (message.chat_id, message.message_id)
    await strip(context, where)
    data = context.user_data if context.user_data is not None else {}
    if tuple(data.get(OFFER) or ()) == where:
        del data[OFFER]
    draft = data.get(DRAFT)
    if draft is not None and tuple(draft.get("prompt") or ()) == where:
        draft["prompt"] = None


# -- the draft ----------------------------------------------------------------------------------------------

def new_draft(context: BotContext, *, anonymous: bool, consent_version: str | None = None) -> Draft:
    moment = now(context)
    draft: Draft = {"anonymous": anonymous, "consent_version": consent_version,
                    "consent_at": None if anonymous else moment, "name": None, "contact": None, "question": None,
                    "prefill": None, "prompt": None, "fixing": False, "touched": moment}
    context.user_data[DRAFT] = draft
    return draft


def expired(draft: Draft, moment: datetime) -> bool:
    touched = draft.get("touched")
    return not isinstance(touched, datetime) or moment - touched > TIMEOUT


async def drop_draft(update: Update, context: BotContext) -> bool:
    """Forget the flow's answers and its on-screen buttons. Whether there was anything to drop.

    The change is marked for the state file: python-telegram-bot marks the data of the update being
    handled, but not when the conversation timeout (a job) ends the flow.
    """
    data = context.user_data
    if data is None:
        return False
    draft, offer = data.pop(DRAFT, None), data.pop(OFFER, None)
    if draft or offer:
        user, chat = update.effective_user, update.effective_chat
        context.application.mark_data_for_update_persistence(
            user_ids=[user.id] if user else None, chat_ids=[chat.id] if chat else None)
    if draft:
        await strip(context, draft.get("prompt"))
    if offer:
        await strip(context, offer)
    return bool(draft or offer)


def remember_personal(context: BotContext, message: Message | None, state: str) -> None:
    """Note a message that gave a name or contact: an edit of it later is kept out of the enquiry log."""
    if message is None or context.user_data is None:
        return
    kept = list(context.user_data.get(PERSONAL_MESSAGES) or [])
    kept.append([message.message_id, PERSONAL_STEPS[state]])
    context.user_data[PERSONAL_MESSAGES] = kept[-PERSONAL_KEPT:]


# -- the conversation's own state ----------------------------------------------------------------------------

def conversation(app: Application) -> ConversationHandler | None:
    return next((h for h in app.handlers.get(FOLLOWUP_GROUP, []) if isinstance(h, ConversationHandler)
                 and h.name == CONVERSATION_NAME), None)


# python-telegram-bot has no public way to read, list or end conversations from outside an update; these
# use its internals, and the tests of the flow and the daily job hold them to its behaviour.

def flow_state(app: Application, chat_id: int | None, user_id: int | None) -> object:
    """The step a person's flow is at (NAME, CONTACT, ...), or None outside the flow."""
    handler = conversation(app)
    if handler is None or chat_id is None or user_id is None:
        return None
    return handler._conversations.get((chat_id, user_id))  # noqa: SLF001


def conversation_keys(handler: ConversationHandler) -> list[tuple[int | str, ...]]:
    return list(handler._conversations)  # noqa: SLF001


def end_conversation(handler: ConversationHandler, key: tuple[int | str, ...]) -> None:
    """End one person's conversation, as the handler returning END does (the state file follows)."""
    handler._update_state(END, key)  # noqa: SLF001

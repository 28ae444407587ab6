"""Group -2: every message and button press meant for the bot is written to the enquiry log first.

It runs before any handler that answers, and the store commits before it returns, so an enquiry is kept
even when answering it fails. The enquiry id is left on the context for the handler that answers.
While the follow-up flow waits for a person's name or contact, their messages are logged as "[name]" or
"[contact]" (handlers/followup/exits.py personal_placeholder): those belong on the ticket only. A phone number
or e-mail address anywhere else in what people type is logged as "[phone]" / "[email]"
(handlers/personal_data.py). What staff do
in the staff chat is not logged at all (the desk keeps their work on the tickets).
"""
from __future__ import annotations

import logging

from telegram import CallbackQuery, Message, Update
from telegram.ext import Application, TypeHandler

from handlers.addressing import is_addressed
from handlers.bounds import bounded
from handlers.context import BotContext, user_lang
from handlers.followup import personal_placeholder
from handlers.personal_data import mask_personal
from handlers.staff_gate import staff_in_staff_chat

RECORDER_GROUP = -2   # after the staff desk (-3), before the follow-up flow (-1) and the areas (0)
_log = logging.getLogger(__name__)

# How a message that is not text is written in the log: "[photo] caption".
_NONTEXT_KINDS = ("sticker", "photo", "voice", "audio", "video", "video_note", "animation", "document",
                  "location", "venue", "contact", "poll", "dice")


async def record_update(update: Update, context: BotContext) -> None:
    """Write the update to the enquiry log (committed) and keep its id on the context."""
    entry = describe(update, context)
    if entry is None:
        return
    text, source = entry
    user, chat = update.effective_user, update.effective_chat
    try:
        context.enquiry_id = context.store.enquiries.record(
            user_id=user.id if user else 0, chat_id=chat.id if chat else 0, lang=user_lang(update, context),
            text=text, source=source, update_id=update.update_id)
    except Exception:  # noqa: BLE001 - the user still gets an answer; the failure is logged for staff
        _log.exception("could not record update %s in the enquiry log", update.update_id)


def describe(update: Update, context: BotContext) -> tuple[str, str] | None:
    """(text, source) for the log, or None for what is not meant for the bot (group chatter, staff work)."""
    if staff_in_staff_chat(update, context):
        return None
    if update.callback_query is not None:
        return _button_text(update.callback_query), "button"
    message = update.effective_message
    if message is None or not is_addressed(message, context.bot):
        return None
    typed = bounded(message.text)  # a text over Telegram's limit (a forged update) is cut before anything
    if update.edited_message is None and (typed or "").startswith("/"):
        return mask_personal(typed), "command"
    # While the follow-up flow waits for a name or contact, what comes in is logged as a placeholder.
    personal = personal_placeholder(update, context)
    text = _nontext(message, personal) if typed is None else personal or mask_personal(typed)
    if update.edited_message is not None:
        return text, "edited"
    return text, "nontext" if message.text is None else "message"


def _button_text(query: CallbackQuery) -> str:
    """The label of the pressed button (what the user saw) and its data (what it meant)."""
    data = query.data or ""
    message = query.message
    if isinstance(message, Message) and message.reply_markup:
        for row in message.reply_markup.inline_keyboard:
            for button in row:
                if button.callback_data == data:
                    return f"{button.text} [{data}]"
    return f"[{data}]"


def _nontext(message: Message, placeholder: str | None = None) -> str:
    """"[photo] caption" (the caption as `placeholder` when it may hold a name or contact)."""
    kind = next((k for k in _NONTEXT_KINDS if getattr(message, k, None)), "other")
    caption = (placeholder or mask_personal(bounded(message.caption))) if message.caption else None
    return f"[{kind}] {caption}" if caption else f"[{kind}]"


def register(app: Application) -> None:
    app.add_handler(TypeHandler(Update, record_update), group=RECORDER_GROUP)

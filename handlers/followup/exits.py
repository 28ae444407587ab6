"""Leaving the flow: /cancel and 취소, another command, the timeout, drafts left by a restart; and what the
enquiry log keeps of what was typed into the flow."""
from __future__ import annotations

from datetime import datetime

from telegram import Update
from telegram.ext import Application

from handlers import cards
from handlers.context import BotContext, user_lang
from handlers.followup.names import typed_before_consent
from handlers.followup.common import (DRAFT, END, LET_GO, OFFER, PERSONAL_MESSAGES, PERSONAL_STEPS, TIMEOUT,
                                      conversation, conversation_keys, drop_draft, end_conversation, expired,
                                      flow_state, is_private, strip_pressed)
from handlers.replies import send


async def cancel(update: Update, context: BotContext) -> object:
    """/cancel or 취소, at any step (also on the notice, before the flow has started)."""
    data = context.user_data or {}
    had_something = bool(data.get(DRAFT) or data.get(OFFER))
    if update.callback_query is not None:
        await strip_pressed(update, context)
    await drop_draft(update, context)
    lang = user_lang(update, context)
    key = "followup.cancelled" if had_something else "followup.nothing_to_cancel"
    await send(update, context, context.texts.get(key, lang), cards.main_menu(context.texts, lang))
    return END


async def leave_for_command(update: Update, context: BotContext) -> object:
    """Another command (or a privacy button) in the middle of the flow: the flow ends, then it runs."""
    if await drop_draft(update, context):
        await send(update, context, context.texts.get("followup.left", user_lang(update, context)))
    return LET_GO


async def edited(update: Update, context: BotContext) -> object:
    """An edit of a message already taken: it does not change the draft; say so (the state stays)."""
    await send(update, context, context.texts.get("followup.edited", user_lang(update, context)))
    return None


async def timed_out(update: Update, context: BotContext) -> None:
    """conversation_timeout: tell them politely that it stopped and nothing was kept (the draft is gone
    from the state file at its next write: drop_draft marks it)."""
    await drop_draft(update, context)
    lang = user_lang(update, context)
    await send(update, context, context.texts.get("followup.timeout", lang,
                                                 minutes=int(TIMEOUT.total_seconds() // 60)))


def sweep_stale_drafts(app: Application, moment: datetime) -> int:
    """Drafts left behind by a restart (their timeout job died with the process); for the daily job.

    Their conversations end too, and so does any conversation left without a draft (its person's data
    was dropped some other way): what they type next is a question again, not a step of the flow.
    Returns how many drafts were dropped.
    """
    swept = []
    for user_id, data in list(app.user_data.items()):
        draft = data.get(DRAFT)
        if draft is not None and expired(draft, moment):
            del data[DRAFT]
            swept.append(user_id)
    if swept:
        app.mark_data_for_update_persistence(user_ids=swept)
    handler = conversation(app)
    if handler is not None:
        for key in conversation_keys(handler):
            if DRAFT not in app.user_data.get(int(key[-1]), {}):  # per chat and user: (chat id, user id)
                end_conversation(handler, key)
    return len(swept)


def personal_placeholder(update: Update, context: BotContext) -> str | None:
    """What the enquiry log keeps instead of this message's text: "[name]" or "[contact]" while the user's
    flow waits for their name or contact, or for an edit of a message that gave one; None when the text
    may be logged as it is.

    For the recorder, which logs every message before the flow sees it. A name or contact belongs on the
    ticket (with consent), never in the enquiry log, /mydata's recent questions, staff cards or exports;
    so whatever comes in at those steps (an answer, an edit, a photo's caption) is logged as the
    placeholder from the start, and the text never touches the database. A draft past its timeout counts
    too: what comes next is most likely the answer the person was asked for.
    """
    if not is_private(update) or context.user_data is None:
        return None
    placeholder = personal_edit_placeholder(update, context) or typed_at_notice(update, context)
    if placeholder is not None:
        return placeholder
    if not context.user_data.get(DRAFT):
        return None
    chat, user = update.effective_chat, update.effective_user
    state = flow_state(context.application, chat.id if chat else None, user.id if user else None)
    return PERSONAL_STEPS.get(str(state))


def typed_at_notice(update: Update, context: BotContext) -> str | None:
    """"[name]"/"[contact]" for a name or contact typed while the consent notice is on screen, before 동의
    (handlers/followup/names.py typed_before_consent): it was given without consent, so it is not logged."""
    message = update.message
    if context.user_data is None or not context.user_data.get(OFFER) or message is None or not message.text:
        return None
    return typed_before_consent(message.text)


def personal_edit_placeholder(update: Update, context: BotContext) -> str | None:
    """"[name]"/"[contact]" for an edit of a message that gave the flow one (even after the flow ended)."""
    edited_message = update.edited_message
    if edited_message is None or context.user_data is None:
        return None
    for message_id, placeholder in context.user_data.get(PERSONAL_MESSAGES) or ():
        if message_id == edited_message.message_id:
            return str(placeholder)
    return None


async def personal_edit(update: Update, context: BotContext) -> None:
    """Such an edit after the flow: not a question (it is a name or number); say the edit changes nothing."""
    await send(update, context, context.texts.get("followup.edited", user_lang(update, context)))

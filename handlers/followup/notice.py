"""The consent notice and the answers to it: the ways into the follow-up flow.

The notice (consent.yaml) is shown by /contact, every 담당자 문의 button (the menu, the fallback, "none of
these", the apology after a 👎) and the `human` intent. It is not a state of the conversation: the
intent's action runs inside the question answerer, which cannot start a conversation. Its answers - the
buttons, or the same typed ("네", "동의해요", "아니요") while the notice is on screen - are the
conversation's entry points instead, so it behaves the same however it was reached.
"""
from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from handlers import cards
from handlers import callback_data as cb
from handlers.consent import AGREE, retention_text
from handlers.context import BotContext, user_lang
from handlers.followup.common import (END, NAME, OFFER, QUESTION, REFUSE, cancel_button, drop_draft, is_private,
                                      new_draft, send_private_link, strip, strip_pressed)
from handlers.followup.prompts import ask
from handlers.replies import answer_query, send
from handlers.typed import typed_answer

_log = logging.getLogger(__name__)


def consent_card(context: BotContext, lang: str) -> cards.Card:
    consent, texts = context.services.consent, context.texts
    text = consent.render(lang, retention_text(texts, lang, context.settings.retention_days))
    markup = InlineKeyboardMarkup([
        [InlineKeyboardButton(texts.get("followup.agree", lang), callback_data=f"{AGREE}:{consent.version}"),
         InlineKeyboardButton(texts.get("followup.refuse", lang), callback_data=REFUSE)],
        [cancel_button(texts, lang)],
    ])
    return text, markup


async def offer_consent(update: Update, context: BotContext) -> object:
    """Show the consent notice (every way into the flow starts here); ends a flow already under way."""
    if update.callback_query is not None:
        await answer_query(update.callback_query)  # stops the spinner; the notice is a new message
    return await show_consent(update, context)


async def show_consent(update: Update, context: BotContext) -> object:
    if not is_private(update):
        await send_private_link(update, context, "followup.private_only", "contact")
        return END
    await drop_draft(update, context)
    lang = user_lang(update, context)
    message = await send(update, context, *consent_card(context, lang))
    if message is not None:
        context.user_data[OFFER] = (message.chat_id, message.message_id)
    return END


async def personal_before_consent(update: Update, context: BotContext) -> object:
    """A name or contact typed while the notice is on screen (not logged: exits.typed_at_notice): it is not
    taken, since nothing was agreed to yet; the notice is shown again with a word on why."""
    offer = context.user_data.get(OFFER) if context.user_data is not None else None
    if offer:
        await strip(context, offer)
    await send(update, context, context.texts.get("followup.consent_first", user_lang(update, context)))
    return await show_consent(update, context)


async def offer_from_intent(update: Update, context: BotContext, lang: str) -> None:
    """The `human` intent's action: its reply ("I'll pass your question on") is followed by the notice."""
    await offer_consent(update, context)


async def agree(update: Update, context: BotContext) -> object:
    """동의: note the consent (time and version of the text shown) and ask for the name."""
    consent = context.services.consent
    if not is_private(update):
        return await offer_consent(update, context)
    version = cb.rest(update.callback_query.data or "", AGREE) if update.callback_query else consent.version
    await strip_pressed(update, context)
    if version != consent.version:
        # The notice changed since this one was shown: agreeing to it would be agreeing to another text.
        await send(update, context, context.texts.get("followup.consent_changed", user_lang(update, context)))
        return await show_consent(update, context)
    await drop_draft(update, context)
    draft = new_draft(context, anonymous=False, consent_version=consent.version)
    _log.info("follow-up: consent given (notice %s)", consent.version)
    return await ask(update, context, draft, NAME, lead="followup.agreed")


async def refuse(update: Update, context: BotContext) -> object:
    """동의하지 않음: nothing personal is asked; the question can still be left (answered in this chat when a
    staff chat is connected)."""
    if not is_private(update):
        return await offer_consent(update, context)
    await strip_pressed(update, context)
    await drop_draft(update, context)
    draft = new_draft(context, anonymous=True)
    _log.info("follow-up: consent refused; an anonymous question may follow")
    lead = "followup.refused" if context.settings.staff_chat_id is not None else "followup.refused_unstaffed"
    return await ask(update, context, draft, QUESTION, lead=lead, prefill=True)


async def typed_consent(update: Update, context: BotContext) -> object:
    """"네", "동의합니다", "아니요" typed while the notice is on screen: the same as its buttons.

    The notice the person answers is the one on screen, so the consent is to its current version.
    """
    answer = typed_answer(update.effective_message.text if update.effective_message else None)
    offer = context.user_data.get(OFFER) if context.user_data is not None else None
    if offer:
        await strip(context, offer)
        context.user_data.pop(OFFER, None)
    if answer == "yes":
        return await agree(update, context)
    return await refuse(update, context)

"""The steps of the flow: name, contact, question, the summary (with corrections), and 접수.

    consent ─동의─▶ name ─▶ contact ─▶ question ─▶ confirm ─접수─▶ ticket (its number shown)
       └─동의하지 않음──────────────────▶ question ─▶ confirm ─접수─▶ anonymous ticket
                                  confirm ─고치기─▶ name | contact | question ─▶ confirm

Each handler gets the draft (what has been typed so far, user_data[DRAFT]) and returns the next state;
`step` stops the update there, so that nothing typed into the flow reaches the question answerer.
"""
from __future__ import annotations

import functools
import logging
from collections.abc import Coroutine
from typing import Any, Callable

from telegram import Update
from telegram.error import TelegramError

from handlers import callback_data as cb
from handlers import cards
from handlers.context import BotContext, user_lang
from handlers.followup.common import (CONFIRM, CONTACT, DRAFT, END, FIX, LET_GO, NAME, NAME_LIMIT, OFFER, QUESTION,
                                      QUESTION_LIMIT, QUESTION_MIN, TIMEOUT, Draft, drop_draft, expired, flow_state,
                                      now, remember_personal, stopping, strip_pressed)
from handlers.followup.names import extract_name, is_plausible_name, visible
from handlers.followup.prompts import after, ask
from handlers.followup.words import closes_flow, readable
from handlers.personal_data import mask_personal
from handlers.replies import answer_query, send
from handlers.typed import typed_answer
from store import normalise_contact

_log = logging.getLogger(__name__)

Step = Callable[[Update, BotContext, Draft], Coroutine[Any, Any, object]]


def step(callback: Step, *, question: bool = False) -> Callable[[Update, BotContext], Coroutine[Any, Any, object]]:
    """A handler of a step: gets the draft, or ends the flow politely if it is gone or too old.

    What the person typed is a reply to the step, never a question to the bot (routing.mark_step_reply),
    except at the question step (`question`): that is their question, and /mydata lists it.
    """

    @functools.wraps(callback)
    async def run(update: Update, context: BotContext) -> object:
        draft = context.user_data.get(DRAFT) if context.user_data is not None else None
        moment = now(context)
        if draft is None or expired(draft, moment):
            return await lost(update, context, timed_out=draft is not None)
        state = await callback(update, context, draft)
        draft["touched"] = moment
        return state

    return stopping(run, step_reply=not question)


def question_step(callback: Step) -> Callable[[Update, BotContext], Coroutine[Any, Any, object]]:
    """The step that takes the person's question (logged as a question, unlike other steps' replies)."""
    return step(callback, question=True)


async def lost(update: Update, context: BotContext, *, timed_out: bool) -> object:
    """The draft is gone (deleted with /forget) or outlived the timeout (a restart killed its timer)."""
    await drop_draft(update, context)
    if update.callback_query is not None:
        await answer_query(update.callback_query)
    lang = user_lang(update, context)
    if timed_out:
        text = context.texts.get("followup.timeout", lang, minutes=int(TIMEOUT.total_seconds() // 60))
    else:
        text = context.texts.get("followup.left", lang)
    await send(update, context, text)
    # What they typed now is most likely a new question: the other handlers take it.
    return END if update.callback_query is not None else LET_GO


def _text(update: Update) -> str:
    message = update.effective_message
    return (message.text or "") if message is not None else ""


async def closed(update: Update, context: BotContext) -> object:
    """A closing typed at a step (`thanks, bye`, 됐어요, nevermind: words.closes_flow): the flow ends politely, in
    the chat's language, saying that nothing was kept (a ticket is only made at 접수)."""
    await drop_draft(update, context)
    lang = user_lang(update, context)
    await send(update, context, context.texts.get("followup.closed", lang), cards.main_menu(context.texts, lang))
    return END


def _closes(update: Update, context: BotContext, refusing: bool = False) -> bool:
    return closes_flow(_text(update), context.matcher.lexicon, refusing)


@step
async def receive_name(update: Update, context: BotContext, draft: Draft) -> object:
    """The name, taken out of the sentence around it ("김민수입니다" is 김민수); a closing ends the flow."""
    remember_personal(context, update.effective_message, NAME)
    if _closes(update, context, refusing=True):  # thanks, bye; 아니요: no name
        return await closed(update, context)
    name = extract_name(_text(update))
    if not name:
        return await ask(update, context, draft, NAME)
    if not is_plausible_name(name, NAME_LIMIT):
        return await ask(update, context, draft, NAME, lead="followup.name_invalid", limit=NAME_LIMIT)
    draft["name"] = name
    return await ask(update, context, draft, after(draft, NAME), prefill=False)


@step
async def receive_contact(update: Update, context: BotContext, draft: Draft) -> object:
    """A phone number or e-mail address, in any usual spelling (store.contact normalises it)."""
    remember_personal(context, update.effective_message, CONTACT)
    found = normalise_contact(_text(update))
    if found is None and _closes(update, context):
        return await closed(update, context)
    if found is None:
        return await ask(update, context, draft, CONTACT, lead="followup.contact_invalid")
    draft["contact_kind"], draft["contact"] = found
    following = after(draft, CONTACT)
    return await ask(update, context, draft, following, prefill=following == QUESTION)


@question_step
async def receive_question(update: Update, context: BotContext, draft: Draft) -> object:
    if _closes(update, context):
        return await closed(update, context)
    question = visible_lines(readable(_text(update)))  # pasted markup is kept from the ticket (words.readable)
    if len("".join(question.split())) < QUESTION_MIN:
        return await ask(update, context, draft, QUESTION, lead="followup.question_too_short")
    if len(question) > QUESTION_LIMIT:
        return await ask(update, context, draft, QUESTION, lead="followup.question_too_long",
                         length=len(question), limit=QUESTION_LIMIT)
    lead = None
    if draft["anonymous"]:
        # Left without consent: a phone number or address typed into it is neither kept nor shown to staff.
        masked = mask_personal(question)
        lead = "followup.question_masked" if masked != question else None
        question = masked
    draft["question"] = question
    draft["fixing"] = False
    return await ask(update, context, draft, CONFIRM, lead=lead)


def visible_lines(text: str) -> str:
    """The question without invisible or direction-changing characters, its line breaks kept."""
    return "\n".join(visible(line) for line in text.strip().splitlines()).strip()


@step
async def keep_question(update: Update, context: BotContext, draft: Draft) -> object:
    """이 질문으로 접수: the question shown from earlier."""
    await strip_pressed(update, context)
    prefill = draft.get("prefill")
    if not prefill:
        return await ask(update, context, draft, QUESTION)
    draft["question"] = mask_personal(prefill) if draft["anonymous"] else prefill
    return await ask(update, context, draft, CONFIRM)


@step
async def other_question(update: Update, context: BotContext, draft: Draft) -> object:
    """다른 질문 적기: ask for it (typing it straight away works as well)."""
    await strip_pressed(update, context)
    draft["prefill"] = None
    return await ask(update, context, draft, QUESTION)


@step
async def fix(update: Update, context: BotContext, draft: Draft) -> object:
    """이름/연락처/질문 고치기 on the summary: ask for that part again, then come back to the summary."""
    part = cb.rest(update.callback_query.data or "", FIX) if update.callback_query else ""
    await strip_pressed(update, context)
    state = {"name": NAME, "contact": CONTACT, "question": QUESTION}.get(part)
    if state is None or (draft["anonymous"] and state != QUESTION):
        return await ask(update, context, draft, CONFIRM)
    draft["fixing"] = True
    draft["prefill"] = None
    return await ask(update, context, draft, state)


@step
async def typed_at_confirm(update: Update, context: BotContext, draft: Draft) -> object:
    """Text at the last step: "네"/"접수" sends it; anything else shows the summary again with its buttons."""
    if typed_answer(_text(update)) == "yes":
        return await submit_draft(update, context, draft)
    return await ask(update, context, draft, CONFIRM, lead="followup.press_a_button")


@step
async def submit(update: Update, context: BotContext, draft: Draft) -> object:
    """접수 (the button)."""
    await strip_pressed(update, context)
    return await submit_draft(update, context, draft)


async def submit_draft(update: Update, context: BotContext, draft: Draft) -> object:
    """The ticket and its card for the staff chat (one transaction), then the ticket number."""
    user, chat = update.effective_user, update.effective_chat
    lang = user_lang(update, context)
    store = context.store
    # The ticket and its staff card are written together: if the card cannot be queued, there is no
    # ticket either, and the user is told something went wrong rather than given a number nobody sees.
    with store.atomic():
        ticket = store.tickets.create(
            user.id, chat.id, draft["name"], draft["contact"], draft["question"],
            consent_version=draft["consent_version"], consent_at=draft["consent_at"],
            anonymous=draft["anonymous"], lang=lang)
        context.desk.post_card(ticket)  # also runs the outbox sender soon
    context.user_data.pop(DRAFT, None)
    context.user_data.pop(OFFER, None)
    if context.settings.staff_chat_id is None:
        key = "followup.done_unstaffed"  # nobody will see it in a staff chat: promise no answer
    else:
        key = "followup.done_anonymous" if ticket["anonymous"] else "followup.done"
    try:
        await send(update, context, context.texts.get(key, lang, number=ticket["number"]))
    except TelegramError as error:
        # The ticket stands and staff have its card: the error apology would say the opposite. The
        # person finds the ticket in /mytickets, and staff's answer comes to this chat.
        _log.warning("ticket #%d made, but its confirmation could not be sent: %s", ticket["number"], error.message)
    return END


@step
async def not_text(update: Update, context: BotContext, draft: Draft) -> object:
    """A sticker, photo, file... where the step needs text: say so and ask again."""
    chat, user = update.effective_chat, update.effective_user
    state = flow_state(context.application, chat.id if chat else None, user.id if user else None)
    return await ask(update, context, draft, str(state or NAME), lead="followup.nontext")

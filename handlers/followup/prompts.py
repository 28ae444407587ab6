"""What the flow says at each step: the prompt, its buttons, and the question offered from earlier."""
from __future__ import annotations

from datetime import timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from handlers import cards
from handlers.context import BotContext, user_lang
from handlers.followup.common import (CONFIRM, CONTACT, FIX, KEEP, NAME, OTHER, QUESTION, QUESTION_LIMIT, SEND,
                                      Draft, cancel_button, now, strip)
from handlers.followup.words import readable, worth_passing_on
from handlers.replies import send
from handlers.texts import Texts, shorten
from store.database import parse_iso
from store.enquiries import UNANSWERED_KINDS, is_question

PREFILL_WITHIN = timedelta(days=1)    # "the question you asked earlier" means today's, not last month's
PREFILL_LOOKBACK = 30                 # the user's latest enquiries searched for it


def prompt_card(texts: Texts, draft: Draft, state: str, lang: str) -> cards.Card:
    """The text and buttons that ask for `state`'s answer."""
    cancel = [cancel_button(texts, lang)]
    if state == NAME:
        return texts.get("followup.ask_name", lang), InlineKeyboardMarkup([cancel])
    if state == CONTACT:
        return texts.get("followup.ask_contact", lang, name=draft["name"]), InlineKeyboardMarkup([cancel])
    if state == QUESTION:
        prefill = draft.get("prefill")
        if prefill:
            return (texts.get("followup.ask_question_prefilled", lang, question=prefill),
                    InlineKeyboardMarkup([[InlineKeyboardButton(texts.get("followup.keep_question", lang),
                                                                callback_data=KEEP),
                                           InlineKeyboardButton(texts.get("followup.other_question", lang),
                                                                callback_data=OTHER)], cancel]))
        return texts.get("followup.ask_question", lang), InlineKeyboardMarkup([cancel])
    return confirm_card(texts, draft, lang)


def confirm_card(texts: Texts, draft: Draft, lang: str) -> cards.Card:
    """The summary before 접수, with a button to correct each part of it."""
    key = "followup.confirm_anonymous" if draft["anonymous"] else "followup.confirm"
    text = texts.get(key, lang, name=draft["name"] or "", contact=draft["contact"] or "",
                     question=shorten(draft["question"], QUESTION_LIMIT))
    parts = ("question",) if draft["anonymous"] else ("name", "contact", "question")
    fixes = [InlineKeyboardButton(texts.get(f"followup.fix_{part}", lang), callback_data=f"{FIX}:{part}")
             for part in parts]
    send_button = InlineKeyboardButton(texts.get("followup.submit", lang), callback_data=SEND)
    return text, InlineKeyboardMarkup([[send_button, cancel_button(texts, lang)], fixes])


async def ask(update: Update, context: BotContext, draft: Draft, state: str, *, lead: str | None = None,
              prefill: bool = False, **values: object) -> str:
    """Send the prompt for `state` (after a `lead` text, e.g. why the answer was not taken) and go there.

    `prefill`: entering the question step afresh, offer the question the bot could not answer earlier.
    """
    lang = user_lang(update, context)
    if prefill and update.effective_user is not None:
        draft["prefill"] = earlier_question(context, update.effective_user.id)
    text, markup = prompt_card(context.texts, draft, state, lang)
    if lead:
        text = context.texts.get(lead, lang, **values) + "\n\n" + text
    await strip(context, draft.get("prompt"))
    message = await send(update, context, text, markup)
    draft["prompt"] = (message.chat_id, message.message_id) if message is not None else None
    return state


def after(draft: Draft, state: str) -> str:
    """The step after `state`: the next one, or back to the summary when a part was being corrected."""
    if draft.get("fixing"):
        return CONFIRM
    return {NAME: CONTACT, CONTACT: QUESTION}.get(state, CONFIRM)


def earlier_question(context: BotContext, user_id: int) -> str | None:
    """The user's latest question that the bot could not answer, or whose answer they rated 👎.

    Like store.enquiries.last_unanswered, and also the question under a 👎 (the usual way here); only from
    the last day, not one they already left for staff, and only a message that asks something
    (handlers/followup/words.py worth_passing_on); with none, the person is asked to type the question.
    """
    moment = now(context)
    asked = {t["question"] for t in context.store.tickets.of_user(user_id) if t["question"]}
    for enquiry in context.store.enquiries.recent(user_id, limit=PREFILL_LOOKBACK):
        when = parse_iso(enquiry["time"])
        if when is None or moment - when > PREFILL_WITHIN:
            break
        if not is_question(enquiry) or not worth_passing_on(enquiry["text"], context.matcher.lexicon):
            # `...`, a sigh (ㅠㅠ 너무 어렵네요), an emoji line or pasted markup asks nothing to pass on: the
            # question before it may
            continue
        if enquiry["kind"] in UNANSWERED_KINDS or enquiry["helpful"] is False:
            text = readable(enquiry["text"]).strip()  # pasted markup is no part of the question
            if text in asked or len(text) > QUESTION_LIMIT:
                return None
            return text
    return None

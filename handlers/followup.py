"""담당자 문의: leaving a question for staff as a ticket, after consent; and /mytickets.

    consent ─동의─▶ name ─▶ contact ─▶ question ─▶ confirm ─접수─▶ ticket (its number shown)
       └─동의하지 않음──────────────────▶ question ─▶ confirm ─접수─▶ anonymous ticket (answered in this chat)

The consent notice (consent.yaml: the text and its version) is shown by /contact, every 담당자 문의
button (the menu, the fallback, "none of these", the apology after a 👎) and the `human` intent. It is not
a state of the conversation: the intent's action runs inside the question answerer, which cannot start a
conversation. The notice's buttons are the conversation's entry points instead, so it behaves the same
however it was reached.

The conversation is persistent (the state file beside the database, handlers/persistence.py), kept
per chat and user, in private chats only: a group would see the name and contact. What has been typed so
far is kept in user_data[DRAFT] until the ticket is made or the flow ends. python-telegram-bot's timeout
jobs die with the process, so the draft carries the time of its last step and a draft older than the
timeout is treated as timed out when the user comes back (and swept by the daily privacy job).

Inside the flow: /cancel, the 취소 button or a message that is just "취소" (CANCEL_WORDS) ends it, any other command ends it and then runs as usual,
anything but text gets a polite re-ask, and only the latest prompt keeps live buttons.
"""
from __future__ import annotations

import functools
import logging
import re
import unicodedata
import warnings
from datetime import datetime, timedelta
from typing import Any, Awaitable, Callable, Mapping

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import (Application, BaseHandler, CallbackQueryHandler, ConversationHandler,
                          MessageHandler, TypeHandler, filters)
from telegram.warnings import PTBUserWarning

from handlers import callback_data as cb
from handlers import cards
from handlers.actions import register_action
from handlers.commands import command
from handlers.context import BotContext, user_lang
from handlers.replies import answer_query, send
from handlers.consent import AGREE, retention_text
from handlers.texts import Texts, shorten
from store import normalise_contact
from store.database import KST, parse_iso

_log = logging.getLogger(__name__)

CONVERSATION_NAME = "followup"

# States. Strings rather than numbers: they are kept in the persistence file across versions of the bot.
NAME, CONTACT, QUESTION, CONFIRM = "name", "contact", "question", "confirm"
END = ConversationHandler.END
# What the enquiry log keeps of a message that comes in while these steps wait (see personal_placeholder).
PERSONAL_STEPS = {NAME: "[name]", CONTACT: "[contact]"}

TIMEOUT = timedelta(minutes=30)       # a step left unanswered this long ends the flow politely
NAME_LIMIT = 40                       # characters
QUESTION_LIMIT = 2000                 # characters: room for detail, and the staff card stays readable
QUESTION_MIN = 2                      # characters that are not spaces
PREFILL_WITHIN = timedelta(days=1)    # "the question you asked earlier" means today's, not last month's
PREFILL_LOOKBACK = 30                 # the user's latest enquiries searched for it

# user_data keys (persisted with the conversation)
DRAFT = "followup"                    # the flow's answers so far; gone when it ends
OFFER = "followup_offer"              # (chat id, message id) of the consent notice still on screen

# Callback data ("fu:start" is the menu's 담당자 문의 in handlers/callback_data.py).
START = cb.STAFF
REFUSE = "fu:refuse"
KEEP = "fu:keep"
OTHER = "fu:other"
SEND = "fu:send"
CANCEL = "fu:cancel"


# A message that is only one of these (any case, spaces, trailing punctuation) works like /cancel inside
# the flow: people type it rather than look for the command or the button.
CANCEL_WORDS = frozenset({"취소", "취소요", "취소할게요", "취소합니다", "그만", "그만할게요", "그만요",
                          "cancel", "stop", "quit"})


def is_cancel_word(text: str | None) -> bool:
    """Whether `text` is a typed "cancel" (see CANCEL_WORDS)."""
    if not text:
        return False
    normal = unicodedata.normalize("NFKC", text).casefold()
    normal = re.sub(r"[\s.!~?…。]+", "", normal)
    return normal in CANCEL_WORDS


class _CancelWord(filters.MessageFilter):
    def filter(self, message: Message) -> bool:
        return is_cancel_word(message.text)


CANCEL_WORD = _CancelWord(name="followup.CANCEL_WORD")


# -- the consent notice --------------------------------------------------------------------------------

def consent_card(context: BotContext, lang: str) -> cards.Card:
    consent = context.services.consent
    texts = context.texts
    text = consent.render(lang, retention_text(texts, lang, context.settings.retention_days))
    markup = InlineKeyboardMarkup([
        [InlineKeyboardButton(texts.get("followup.agree", lang), callback_data=f"{AGREE}:{consent.version}"),
         InlineKeyboardButton(texts.get("followup.refuse", lang), callback_data=REFUSE)],
        [cancel_button(texts, lang)],
    ])
    return text, markup


# -- small helpers -------------------------------------------------------------------------------------

def cancel_button(texts: Texts, lang: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(texts.get("followup.cancel", lang), callback_data=CANCEL)


def is_private(update: Update) -> bool:
    return update.effective_chat is not None and update.effective_chat.type == ChatType.PRIVATE


async def send_private_link(update: Update, context: BotContext, text_key: str, payload: str = "") -> None:
    """In a group: say that this happens in a one-to-one chat, with a button that opens one."""
    lang = user_lang(update, context)
    link = f"https://t.me/{context.bot.username}" + (f"?start={payload}" if payload else "")
    markup = InlineKeyboardMarkup([[InlineKeyboardButton(context.texts.get("followup.open_private", lang), url=link)]])
    await send(update, context, context.texts.get(text_key, lang), markup)


async def _strip(context: BotContext, where: tuple[int, int] | list[int] | None) -> None:
    """Take the buttons off a message the flow sent, so that only the current step's buttons work."""
    if not where:
        return
    try:
        await context.bot.edit_message_reply_markup(where[0], where[1], reply_markup=None)
    except TelegramError as error:  # already without buttons, deleted, or too old: nothing to take off
        _log.debug("could not take the buttons off a follow-up message: %s", error.message)


async def _strip_pressed(update: Update, context: BotContext) -> None:
    """Answer the button press and take the buttons off its message (it is no longer the flow's to strip)."""
    query = update.callback_query
    await answer_query(query)  # stops the spinner; the next step comes as a new message
    message = query.message
    if not isinstance(message, Message) or message.reply_markup is None:
        return
    where = (message.chat_id, message.message_id)
    await _strip(context, where)
    data = context.user_data if context.user_data is not None else {}
    if data.get(OFFER) == where:
        del data[OFFER]
    draft = data.get(DRAFT)
    if draft is not None and draft.get("prompt") == where:
        draft["prompt"] = None


def _now(context: BotContext) -> datetime:
    return context.store.clock()  # the store's clock: ticket times and consent times agree


def _new_draft(context: BotContext, *, anonymous: bool, consent_version: str | None = None) -> dict[str, Any]:
    now = _now(context)
    draft = {"anonymous": anonymous, "consent_version": consent_version,
             "consent_at": None if anonymous else now, "name": None, "contact": None, "question": None,
             "prefill": None, "prompt": None, "step": None, "touched": now}
    context.user_data[DRAFT] = draft
    return draft


def _expired(draft: dict[str, Any], now: datetime) -> bool:
    touched = draft.get("touched")
    return not isinstance(touched, datetime) or now - touched > TIMEOUT


async def _drop_draft(update: Update, context: BotContext) -> bool:
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
        await _strip(context, draft.get("prompt"))
    if offer:
        await _strip(context, offer)
    return bool(draft or offer)


async def redispatch(update: Update, context: BotContext) -> None:
    """Let the other handlers of group 0 handle an update the flow let go (a command, a late question).

    python-telegram-bot gives an update to one handler per group; the flow, first in the group, has taken
    this one, so it hands it on itself to the first other handler that accepts it.
    """
    app = context.application
    for handler in app.handlers.get(0, []):
        if isinstance(handler, ConversationHandler) and handler.name == CONVERSATION_NAME:
            continue
        check = handler.check_update(update)
        if check is not None and check is not False:
            await handler.handle_update(update, app, check, context)
            return


# -- entering: the notice and its buttons ------------------------------------------------------------

async def offer_consent(update: Update, context: BotContext) -> object:
    """Show the consent notice (every way into the flow starts here); ends a flow already under way."""
    if update.callback_query is not None:
        await answer_query(update.callback_query)  # stops the spinner; the notice is a new message
    return await _show_consent(update, context)


async def _show_consent(update: Update, context: BotContext) -> object:
    if not is_private(update):
        await send_private_link(update, context, "followup.private_only", "contact")
        return END
    await _drop_draft(update, context)
    lang = user_lang(update, context)
    message = await send(update, context, *consent_card(context, lang))
    if message is not None:
        context.user_data[OFFER] = (message.chat_id, message.message_id)
    return END


async def offer_from_intent(update: Update, context: BotContext, lang: str) -> None:
    """The `human` intent's action: its reply ("I'll pass your question on") is followed by the notice."""
    await offer_consent(update, context)


async def agree(update: Update, context: BotContext) -> object:
    """동의: note the consent (time and version of the text shown) and ask for the name."""
    consent = context.services.consent
    if not is_private(update):
        return await offer_consent(update, context)
    version = cb.rest(update.callback_query.data or "", AGREE)
    await _strip_pressed(update, context)
    if version != consent.version:
        # The notice changed since this one was shown: agreeing to it would be agreeing to another text.
        await send(update, context, context.texts.get("followup.consent_changed", user_lang(update, context)))
        return await _show_consent(update, context)
    await _drop_draft(update, context)
    draft = _new_draft(context, anonymous=False, consent_version=consent.version)
    _log.info("follow-up: consent given (notice %s)", consent.version)
    return await _ask(update, context, draft, NAME, lead="followup.agreed")


async def refuse(update: Update, context: BotContext) -> object:
    """동의하지 않음: nothing personal is asked; the question can still be left, answered in this chat."""
    if not is_private(update):
        return await offer_consent(update, context)
    await _strip_pressed(update, context)
    await _drop_draft(update, context)
    draft = _new_draft(context, anonymous=True)
    _log.info("follow-up: consent refused; an anonymous question may follow")
    return await _ask(update, context, draft, QUESTION, lead="followup.refused")


# -- the steps -----------------------------------------------------------------------------------------

Step = Callable[[Update, BotContext, dict], Awaitable[object]]


def step(callback: Step) -> Callable[[Update, BotContext], Awaitable[object]]:
    """A handler of a step: gets the draft, or ends the flow politely if it is gone or too old."""

    @functools.wraps(callback)
    async def run(update: Update, context: BotContext) -> object:
        draft = context.user_data.get(DRAFT) if context.user_data is not None else None
        now = _now(context)
        if draft is None or _expired(draft, now):
            return await _lost(update, context, timed_out=draft is not None)
        state = await callback(update, context, draft)
        draft["touched"] = now
        return state

    return run


async def _lost(update: Update, context: BotContext, *, timed_out: bool) -> object:
    """The draft is gone (deleted with /forget) or outlived the timeout (a restart killed its timer)."""
    await _drop_draft(update, context)
    if update.callback_query is not None:
        await answer_query(update.callback_query)
    lang = user_lang(update, context)
    if timed_out:
        text = context.texts.get("followup.timeout", lang, minutes=int(TIMEOUT.total_seconds() // 60))
    else:
        text = context.texts.get("followup.left", lang)
    await send(update, context, text)
    if update.callback_query is None:
        await redispatch(update, context)  # what they typed now is most likely a new question
    return END


def _prompt_card(context: BotContext, draft: dict[str, Any], state: str, lang: str) -> cards.Card:
    """The text and buttons that ask for `state`'s answer."""
    texts = context.texts
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
    key = "followup.confirm_anonymous" if draft["anonymous"] else "followup.confirm"
    text = texts.get(key, lang, name=draft["name"] or "", contact=draft["contact"] or "",
                     question=shorten(draft["question"], QUESTION_LIMIT))
    send_button = InlineKeyboardButton(texts.get("followup.submit", lang), callback_data=SEND)
    return text, InlineKeyboardMarkup([[send_button, cancel_button(texts, lang)]])


async def _ask(update: Update, context: BotContext, draft: dict[str, Any], state: str, *,
               lead: str | None = None, **values: object) -> str:
    """Send the prompt for `state` (after a `lead` text, e.g. why the answer was not taken) and go there."""
    lang = user_lang(update, context)
    if state == QUESTION and draft.get("step") != QUESTION:
        draft["prefill"] = _prefill(context, update.effective_user.id)
    text, markup = _prompt_card(context, draft, state, lang)
    if lead:
        text = context.texts.get(lead, lang, **values) + "\n\n" + text
    await _strip(context, draft.get("prompt"))
    message = await send(update, context, text, markup)
    draft["prompt"] = (message.chat_id, message.message_id) if message is not None else None
    draft["step"] = state
    return state


def _prefill(context: BotContext, user_id: int) -> str | None:
    """The user's latest question that the bot could not answer, or whose answer they rated 👎.

    Like store.last_unanswered, and also the question under a 👎 (the usual way here); only from the
    last day, and not one they already left for staff.
    """
    now = _now(context)
    asked = {t["question"] for t in context.store.tickets.of_user(user_id) if t["question"]}
    for enquiry in context.store.enquiries.recent(user_id, limit=PREFILL_LOOKBACK):
        when = parse_iso(enquiry["time"])
        if when is None or now - when > PREFILL_WITHIN:
            break
        if enquiry["source"] not in ("message", "edited") or not enquiry["text"].strip():
            continue
        if enquiry["kind"] in ("suggest", "fallback") or enquiry["helpful"] is False:
            text = enquiry["text"].strip()
            if text in asked or len(text) > QUESTION_LIMIT:
                return None
            return text
    return None


def personal_placeholder(update: Update, context: BotContext) -> str | None:
    """What the enquiry log keeps instead of this message's text: "[name]" or "[contact]" while the user's
    flow waits for their name or contact; None when the text may be logged as it is.

    For the recorder (group -1), which logs every message before the flow sees it. A name or contact
    belongs on the ticket (with consent), never in the enquiry log, /mydata's recent questions, staff
    cards or exports; so whatever comes in at those steps (an answer, an edit, a photo's caption) is
    logged as the placeholder from the start, and the text never touches the database. A draft past its
    timeout counts too: what comes next is most likely the answer the person was asked for.
    """
    if not is_private(update) or context.user_data is None:
        return None
    draft = context.user_data.get(DRAFT)
    return PERSONAL_STEPS.get(draft.get("step")) if draft else None


@step
async def receive_name(update: Update, context: BotContext, draft: dict) -> object:
    """The name: one line, not too long, and not a phone number typed a step early."""
    name = " ".join((update.effective_message.text or "").split())
    if not name:
        return await _ask(update, context, draft, NAME, lead="followup.name_empty")
    if len(name) > NAME_LIMIT or normalise_contact(name) is not None:
        return await _ask(update, context, draft, NAME, lead="followup.name_invalid", limit=NAME_LIMIT)
    draft["name"] = name
    return await _ask(update, context, draft, CONTACT)


@step
async def receive_contact(update: Update, context: BotContext, draft: dict) -> object:
    """A phone number or e-mail address, in any usual spelling (store.contact normalises it)."""
    found = normalise_contact(update.effective_message.text or "")
    if found is None:
        return await _ask(update, context, draft, CONTACT, lead="followup.contact_invalid")
    draft["contact_kind"], draft["contact"] = found
    return await _ask(update, context, draft, QUESTION)


@step
async def receive_question(update: Update, context: BotContext, draft: dict) -> object:
    question = (update.effective_message.text or "").strip()
    if len("".join(question.split())) < QUESTION_MIN:
        return await _ask(update, context, draft, QUESTION, lead="followup.question_too_short")
    if len(question) > QUESTION_LIMIT:
        return await _ask(update, context, draft, QUESTION, lead="followup.question_too_long",
                          length=len(question), limit=QUESTION_LIMIT)
    draft["question"] = question
    return await _ask(update, context, draft, CONFIRM)


@step
async def keep_question(update: Update, context: BotContext, draft: dict) -> object:
    """이 질문으로 접수: the question shown from earlier."""
    await _strip_pressed(update, context)
    if not draft.get("prefill"):
        return await _ask(update, context, draft, QUESTION)
    draft["question"] = draft["prefill"]
    return await _ask(update, context, draft, CONFIRM)


@step
async def other_question(update: Update, context: BotContext, draft: dict) -> object:
    """다른 질문 적기: ask for it (typing it straight away works as well)."""
    await _strip_pressed(update, context)
    draft["prefill"] = None
    return await _ask(update, context, draft, QUESTION, lead="followup.type_question")


@step
async def press_a_button(update: Update, context: BotContext, draft: dict) -> object:
    """Text at the last step: the summary again, with its buttons under it."""
    return await _ask(update, context, draft, CONFIRM, lead="followup.press_a_button")


@step
async def submit(update: Update, context: BotContext, draft: dict) -> object:
    """접수: the ticket, its card for the staff chat (one transaction), then the ticket number."""
    await _strip_pressed(update, context)
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


# -- leaving the flow ----------------------------------------------------------------------------------

async def cancel(update: Update, context: BotContext) -> object:
    """/cancel or 취소, at any step (also on the notice, before the flow has started)."""
    data = context.user_data or {}
    had_something = bool(data.get(DRAFT) or data.get(OFFER))
    if update.callback_query is not None:
        await _strip_pressed(update, context)
    await _drop_draft(update, context)
    lang = user_lang(update, context)
    key = "followup.cancelled" if had_something else "followup.nothing_to_cancel"
    await send(update, context, context.texts.get(key, lang), cards.main_menu(context.texts, lang))
    return END


async def leave_for_command(update: Update, context: BotContext) -> object:
    """Another command (or a privacy button) in the middle of the flow: the flow ends, then it runs."""
    if await _drop_draft(update, context):
        await send(update, context, context.texts.get("followup.left", user_lang(update, context)))
    await redispatch(update, context)
    return END


@step
async def not_text(update: Update, context: BotContext, draft: dict) -> object:
    """A sticker, photo, file... where the step needs text: say so and ask again."""
    return await _ask(update, context, draft, draft.get("step") or NAME, lead="followup.nontext")


async def edited(update: Update, context: BotContext) -> None:
    """An edit of a message already taken: it does not change the draft; say so (the state stays)."""
    await send(update, context, context.texts.get("followup.edited", user_lang(update, context)))


async def timed_out(update: Update, context: BotContext) -> None:
    """conversation_timeout: tell them politely that it stopped and nothing was kept (the draft is gone
    from the state file at its next write: _drop_draft marks it)."""
    await _drop_draft(update, context)
    lang = user_lang(update, context)
    await send(update, context, context.texts.get("followup.timeout", lang,
                                                 minutes=int(TIMEOUT.total_seconds() // 60)))


def sweep_stale_drafts(app: Application, now: datetime) -> int:
    """Drafts left behind by a restart (their timeout job died with the process); for the daily job.

    Their conversations end too, and so does any conversation left without a draft (its person's data
    was dropped some other way): what they type next is a question again, not a step of the flow.
    Returns how many drafts were dropped.
    """
    swept = []
    for user_id, data in list(app.user_data.items()):
        draft = data.get(DRAFT)
        if draft is not None and _expired(draft, now):
            del data[DRAFT]
            swept.append(user_id)
    if swept:
        app.mark_data_for_update_persistence(user_ids=swept)
    conversation = _conversation(app)
    if conversation is not None:
        for key in _conversation_keys(conversation):
            if DRAFT not in app.user_data.get(key[-1], {}):  # per chat and user: (chat id, user id)
                _end_conversation(conversation, key)
    return len(swept)


def _conversation(app: Application) -> ConversationHandler | None:
    return next((h for h in app.handlers.get(0, []) if isinstance(h, ConversationHandler)
                 and h.name == CONVERSATION_NAME), None)


# python-telegram-bot has no public way to list or end conversations from outside an update; these two
# use its internals, and the tests of the daily job (tests/test_privacy.py) hold them to its behaviour.

def _conversation_keys(conversation: ConversationHandler) -> list[tuple[int, ...]]:
    return list(conversation._conversations)  # noqa: SLF001


def _end_conversation(conversation: ConversationHandler, key: tuple[int, ...]) -> None:
    """End one person's conversation, as the handler returning END does.

    The key leaves the handler's tracked dict, so the next persistence update removes it from the state
    file as well.
    """
    conversation._update_state(END, key)  # noqa: SLF001


# -- /mytickets ----------------------------------------------------------------------------------------

TICKETS_SHOWN = 10


def local_date(stored: str | None, fmt: str = "%Y-%m-%d") -> str:
    moment = parse_iso(stored)
    return moment.astimezone(KST).strftime(fmt) if moment else "-"


def ticket_status(texts: Texts, lang: str, ticket: Mapping[str, Any]) -> str:
    return texts.get("tickets.status.deleted" if ticket["deleted"] else f"tickets.status.{ticket['status']}", lang)


async def my_tickets(update: Update, context: BotContext) -> None:
    """/mytickets: the user's tickets, newest first: number, status, date and the question's start."""
    if not is_private(update):
        await send_private_link(update, context, "privacy.private_only")
        return
    lang, texts = user_lang(update, context), context.texts
    tickets = context.store.tickets.of_user(update.effective_user.id)
    if not tickets:
        await send(update, context, texts.get("tickets.none", lang))
        return
    lines = [texts.get("tickets.title", lang)]
    for ticket in tickets[:TICKETS_SHOWN]:
        lines.append(texts.get("tickets.line", lang, number=ticket["number"],
                               status=ticket_status(texts, lang, ticket), date=local_date(ticket["created_at"])))
        if ticket["question"]:
            lines.append(texts.get("tickets.question", lang, question=shorten(ticket["question"], 60)))
    if len(tickets) > TICKETS_SHOWN:
        lines.append(texts.get("tickets.more", lang, count=len(tickets) - TICKETS_SHOWN))
    lines.append("\n" + texts.get("tickets.hint", lang))
    await send(update, context, "\n".join(lines))


# -- registration --------------------------------------------------------------------------------------

def build_conversation(app: Application) -> ConversationHandler:
    text = filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND & ~CANCEL_WORD
    entry_points: list[BaseHandler] = [
        command("contact", offer_consent, filters.ChatType.PRIVATE),
        # t.me/<bot>?start=contact: the link a group chat gets (the flow takes place in private)
        command("start", offer_consent, filters.ChatType.PRIVATE & filters.Regex(r"^/start(@\w+)?\s+contact\s*$")),
        CallbackQueryHandler(offer_consent, pattern=f"^{START}$"),
        CallbackQueryHandler(agree, pattern=cb.pattern(AGREE)),
        CallbackQueryHandler(refuse, pattern=f"^{REFUSE}$"),
    ]
    states: dict[object, list[BaseHandler]] = {
        NAME: [MessageHandler(text, receive_name)],
        CONTACT: [MessageHandler(text, receive_contact)],
        QUESTION: [MessageHandler(text, receive_question),
                   CallbackQueryHandler(keep_question, pattern=f"^{KEEP}$"),
                   CallbackQueryHandler(other_question, pattern=f"^{OTHER}$")],
        CONFIRM: [CallbackQueryHandler(submit, pattern=f"^{SEND}$"), MessageHandler(text, press_a_button)],
        ConversationHandler.TIMEOUT: [TypeHandler(Update, timed_out)],
    }
    fallbacks: list[BaseHandler] = [
        command("cancel", cancel),
        MessageHandler(filters.UpdateType.MESSAGE & filters.TEXT & CANCEL_WORD, cancel),
        CallbackQueryHandler(cancel, pattern=f"^{CANCEL}$"),
        # An edit (of a command too) changes nothing in the flow: before the command fallback, which
        # would end the flow for an edited command.
        MessageHandler(filters.UpdateType.EDITED_MESSAGE, edited),
        MessageHandler(filters.COMMAND, leave_for_command),
        CallbackQueryHandler(leave_for_command, pattern=r"^pv:"),  # /forget's buttons
        MessageHandler(filters.UpdateType.MESSAGE & ~filters.TEXT & ~filters.StatusUpdate.ALL, not_text),
    ]
    with warnings.catch_warnings():
        # PTB warns that with per_message=False a button is tracked per chat and user rather than per
        # message: that is what this flow wants (a step's buttons and typed answers are one conversation).
        warnings.filterwarnings("ignore", message=".*per_message=False", category=PTBUserWarning)
        return ConversationHandler(
            entry_points=entry_points, states=states, fallbacks=fallbacks,
            allow_reentry=True,  # /contact or 담당자 문의 in the middle starts afresh
            conversation_timeout=TIMEOUT.total_seconds(),
            name=CONVERSATION_NAME, persistent=app.persistence is not None,
        )


def register(app: Application) -> None:
    """The flow (first in group 0, so that its steps get the user's text), then what works outside it."""
    app.add_handler(build_conversation(app))
    # Outside the flow: /contact in a group (answered with a link to a private chat); /cancel, 취소 and a
    # typed "취소" on the notice (before 동의 there is no conversation yet; with nothing to cancel, the
    # answer says so and shows the menu).
    app.add_handler(command("contact", offer_consent))
    app.add_handler(command("cancel", cancel))
    app.add_handler(MessageHandler(filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE & CANCEL_WORD, cancel))
    app.add_handler(CallbackQueryHandler(cancel, pattern=f"^{CANCEL}$"))
    app.add_handler(command("mytickets", my_tickets))
    register_action(app, "followup", offer_from_intent)

"""The staff desk inside Telegram: ticket cards in the staff chat, staff answers, staff commands.

For the follow-up flow (handlers/followup.py):

    notify_new_ticket(context, ticket)        # post the new ticket's card to the staff chat (via the outbox)
    notify_user_message(context, ticket, text)  # the user wrote again about their ticket
    kick_outbox(context)                      # deliver what was just written to the outbox, now
    refresh_cards(context, numbers)           # show tickets' new state on their cards (e.g. after /forget)

Who may do what. STAFF_USER_IDS are the staff; STAFF_CHAT_ID is the staff group where cards are posted.
A gate in its own handler group (STAFF_GATE_GROUP, before everything) looks at every update: a staff
command, a staff button ("stf:...") or a reply to a ticket's message in the staff chat from anyone not in
STAFF_USER_IDS is refused politely and goes no further; so is a staff command from staff anywhere but the
staff chat or a private chat (its answer would show names and phone numbers). The desk's handlers
(STAFF_GROUP, also before the enquiry recorder) then serve staff, and stop the update there, as they do
with anything else staff write in the staff chat (neither answered nor logged): staff work is kept in
the ticket tables (who answered and when), not in the enquiry log, which holds users' questions (and
which /forget, keyed by the user's id, could not clean of the user's details quoted in an answer).

Staff answer by replying to a ticket's card (or to any later message the bot posted about that ticket) in
the staff chat, or with `/reply N text`. The answer is recorded (store.answer), written to the outbox for
the user, and the card is edited to show it. Under the delivered answer the user finds a button to write
back; a Telegram reply to the answer does the same. Either way their message joins the same ticket and is
posted to the staff chat as a reply to the card.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import Any, NoReturn

from telegram import Chat, ForceReply, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update, User
from telegram.constants import ChatType
from telegram.error import BadRequest, TelegramError
from telegram.ext import (Application, ApplicationHandlerStop, CallbackContext, CallbackQueryHandler,
                          MessageHandler, TypeHandler, filters)

from handlers import outbox
from handlers import staff_cards as sc
from handlers.commands import command
from handlers.context import BotContext, user_lang
from handlers.html_split import split_html
from handlers.replies import answer_query, send
from handlers.texts import shorten

_log = logging.getLogger(__name__)

STAFF_GATE_GROUP = -3   # refuses staff actions to anyone else, before anything sees them
STAFF_GROUP = -2        # the desk itself; it stops what it handles before the recorder (group -1)
STAFF_LANG = "ko"       # cards and notes in the staff chat; command answers follow the staff member's language
COMMANDS = ("inbox", "ticket", "reply", "close", "reopen", "stats")

# "/reply 12 text" with the text's own line breaks kept (context.args would join words with spaces).
_REPLY_ARGS = re.compile(r"^/\S+\s+#?(\d+)\s+(.+)$", re.S)
_NUMBER_ARG = re.compile(r"^#?(\d+)$")


# -- the interface for the follow-up flow ---------------------------------------------------------------

def notify_new_ticket(context: CallbackContext, ticket: dict[str, Any]) -> None:
    """Write the new ticket's card to the outbox for the staff chat, and deliver it soon.

    Does nothing (but warn) when STAFF_CHAT_ID is not set: the ticket waits in /inbox and the CLI.
    """
    chat_id = _staff_chat(context)
    if chat_id is None:
        _log.warning("ticket %d: STAFF_CHAT_ID is not set, so no card was posted", ticket["number"])
        return
    text, markup = render_card(context, ticket)
    context.bot_data["store"].enqueue(chat_id, text, reply_markup=markup, purpose=outbox.CARD,
                                      ticket=ticket["number"])
    kick_outbox(context)


def notify_user_message(context: CallbackContext, ticket: dict[str, Any], text: str) -> dict[str, Any] | None:
    """The user wrote again about `ticket`: keep it on the ticket (back in the inbox), tell the staff chat.

    Returns the updated ticket (None if it no longer exists).
    """
    store = context.bot_data["store"]
    updated = store.add_user_message(ticket["number"], text)
    if updated is None:
        return None
    chat_id = updated["staff_chat_id"] or _staff_chat(context)
    if chat_id is None:
        _log.warning("ticket %d: a message from the user, but STAFF_CHAT_ID is not set", updated["number"])
        return updated
    texts = context.bot_data["texts"]
    note = texts.get("staff.note.user_message", STAFF_LANG, number=updated["number"],
                     text=shorten(text, 3500, keep_lines=True))
    with store.atomic():
        store.enqueue(chat_id, note, purpose=outbox.USER_NOTE, ticket=updated["number"])
        _enqueue_card_edit(context, updated)
    kick_outbox(context)
    return updated


def kick_outbox(context: CallbackContext) -> None:
    """Run the outbox sender now (a JobQueue job) rather than at its next interval."""
    outbox.kick(context.application)


def refresh_cards(context: CallbackContext, numbers: Iterable[int]) -> None:
    """Edit these tickets' cards to show their current state.

    After /forget (the tickets are marked deleted) the cards lose the personal data, and so do the other
    messages in the staff chat that quoted the user: their further messages and /ticket views.
    """
    store = context.bot_data["store"]
    tickets = [t for t in (store.ticket(n) for n in numbers) if t is not None]
    deleted = {t["number"] for t in tickets if t["deleted"]}
    # Rows of forgotten tickets have no text left, but still say which message they became.
    quoting = [row for row in store.outbox_rows("sent") if deleted and row["ticket"] in deleted
               and row["purpose"] in (outbox.USER_NOTE, outbox.TICKET_VIEW) and row["sent_message_id"]]
    placeholder = context.bot_data["texts"].get("staff.card.deleted", STAFF_LANG)
    with store.atomic():
        for ticket in tickets:
            _enqueue_card_edit(context, ticket)
        for row in quoting:
            store.enqueue(row["chat_id"], placeholder, purpose=outbox.NOTE_EDIT, ticket=row["ticket"],
                          edit_message_id=row["sent_message_id"])
    kick_outbox(context)


# -- access ---------------------------------------------------------------------------------------------

def is_staff(context: CallbackContext, user: User | None) -> bool:
    return user is not None and user.id in context.bot_data["settings"].staff_user_ids


def _staff_chat(context: CallbackContext) -> int | None:
    return context.bot_data["settings"].staff_chat_id


def staff_in_staff_chat(update: Update, context: CallbackContext) -> bool:
    """Staff working in the staff chat: kept out of the enquiry log, which holds users' enquiries only."""
    chat = update.effective_chat
    return (chat is not None and chat.id == _staff_chat(context)
            and is_staff(context, update.effective_user))


def _command_name(message: Message, bot_username: str) -> str | None:
    """"inbox" for "/inbox" or "/inbox@this_bot ..."; None for other texts and other bots' commands."""
    text = message.text or ""
    if not text.startswith("/"):
        return None
    name, _, target = text.split(maxsplit=1)[0][1:].partition("@")
    if target and target.lower() != bot_username.lower():
        return None
    return name.lower()


def _reply_ticket(context: CallbackContext, message: Message | None) -> dict[str, Any] | None:
    """The ticket a message in the staff chat replies to (its card or a later message about it)."""
    if message is None or message.chat.id != _staff_chat(context):
        return None
    original = message.reply_to_message
    if original is None or original.from_user is None or original.from_user.id != context.bot.id:
        return None
    return context.bot_data["store"].ticket_for_message(message.chat.id, original.message_id)


def is_staff_action(update: Update, context: CallbackContext) -> bool:
    """A staff command, a staff button, or a reply to a ticket in the staff chat."""
    query = update.callback_query
    if query is not None:
        return (query.data or "").startswith(sc.STAFF_PREFIX + ":")
    message = update.effective_message
    if message is None:
        return False
    if _command_name(message, context.bot.username or "") in COMMANDS:
        return True
    return _reply_ticket(context, message) is not None


def in_desk_chat(context: CallbackContext, chat: Chat | None) -> bool:
    """The staff chat or a private chat: where staff commands may show names and phone numbers."""
    return chat is not None and (chat.type == ChatType.PRIVATE or chat.id == _staff_chat(context))


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


# -- cards ----------------------------------------------------------------------------------------------

def render_card(context: CallbackContext, ticket: dict[str, Any], *, lang: str = STAFF_LANG,
                thread: bool = False) -> tuple[str, InlineKeyboardMarkup | None]:
    """A ticket's card with the bot's guesses on its question and the user's recent questions."""
    store, kb = context.bot_data["store"], context.bot_data["kb"]
    decision = context.bot_data["matcher"].match(ticket["question"][:1000]) if ticket["question"] else None
    recent = store.recent_enquiries(ticket["user_id"], limit=20) if not ticket["deleted"] else []
    return sc.ticket_card(ticket, kb=kb, texts=context.bot_data["texts"], lang=lang, decision=decision,
                          recent=recent, thread=thread)


def _enqueue_card_edit(context: CallbackContext, ticket: dict[str, Any]) -> None:
    """Write the card's new look to the outbox; the sender edits the card message in place.

    If the card itself is still waiting in the outbox, the edit finds its message id when it is sent
    (rows to one chat go out in order).
    """
    chat_id = ticket["staff_chat_id"] or _staff_chat(context)
    if chat_id is None:
        return
    text, markup = render_card(context, ticket)
    context.bot_data["store"].enqueue(chat_id, text, reply_markup=markup,
                                      purpose=outbox.CARD_EDIT, ticket=ticket["number"],
                                      edit_message_id=ticket["staff_card_message_id"])


def _journal(context: BotContext, message: Message | None, ticket: int, purpose: str) -> None:
    """Note a message the bot just sent about a ticket, so that a reply to it reaches the ticket.

    It is written to the outbox as already sent (store.ticket_for_message looks there).
    """
    if message is None:
        return
    store = context.store
    with store.atomic():
        outbox_id = store.enqueue(message.chat_id, message.text_html or "", purpose=purpose, ticket=ticket)
        store.mark_sent(outbox_id, message.message_id)


# -- answering ------------------------------------------------------------------------------------------

def deliver_answer(context: BotContext, ticket: dict[str, Any], staff: User, text: str) -> dict[str, Any]:
    """Record a staff answer, write it to the outbox for the user, and edit the card. Returns the ticket."""
    store, texts = context.store, context.texts
    name = staff.full_name
    lang = ticket["lang"] or STAFF_LANG
    body = texts.get("staff.user.answer", lang, number=ticket["number"], text=text)
    markup = InlineKeyboardMarkup([[InlineKeyboardButton(texts.get("staff.user.more_button", lang),
                                                         callback_data=sc.user_more_data(ticket["number"]))]])
    chunks = split_html(body)
    with store.atomic():
        updated = store.answer(ticket["number"], staff.id, text, staff_name=name)
        for index, chunk in enumerate(chunks):
            store.enqueue(ticket["chat_id"], chunk, purpose=outbox.ANSWER, ticket=ticket["number"],
                          reply_markup=markup if index == len(chunks) - 1 else None)
        _enqueue_card_edit(context, updated)
    kick_outbox(context)
    return updated


async def _answer_and_confirm(update: Update, context: BotContext, ticket: dict[str, Any], text: str) -> None:
    lang = user_lang(update, context)
    message = update.effective_message
    if ticket["deleted"]:
        await message.reply_text(context.texts.get("staff.ticket_deleted", lang, number=ticket["number"]))
        return
    blocked = context.store.is_blocked(ticket["chat_id"])
    deliver_answer(context, ticket, update.effective_user, text)
    confirm = context.texts.get("staff.answer_queued", lang, number=ticket["number"])
    if blocked:
        confirm += "\n" + context.texts.get("staff.answer_blocked_before", lang)
    _journal(context, await message.reply_text(confirm), ticket["number"], outbox.CONFIRM)


async def answer_by_reply(update: Update, context: BotContext) -> None:
    """A staff member's message in the staff chat: an answer when it replies to a ticket's card (or to a
    later message about it); anything else staff say there is their own talk and goes no further (not
    to the question answerer, not to the enquiry log)."""
    message = update.effective_message
    ticket = _reply_ticket(context, message)
    if ticket is None:
        raise ApplicationHandlerStop
    lang = user_lang(update, context)
    if update.edited_message is not None:
        await message.reply_text(context.texts.get("staff.answer_edited", lang))
    elif not message.text:
        await message.reply_text(context.texts.get("staff.answer_not_text", lang))
    elif not message.text.strip():
        await message.reply_text(context.texts.get("staff.answer_empty", lang))
    else:
        await _answer_and_confirm(update, context, ticket, message.text.strip())
    raise ApplicationHandlerStop


# -- staff commands -------------------------------------------------------------------------------------

async def _ticket_arg(update: Update, context: BotContext, usage: str) -> dict[str, Any] | None:
    """The ticket named by the command's first argument; says how to use the command when it is missing."""
    lang = user_lang(update, context)
    args = context.args or []
    match = _NUMBER_ARG.match(args[0]) if len(args) == 1 else None
    if match is None:
        await update.effective_message.reply_text(context.texts.get(f"staff.usage.{usage}", lang))
        return None
    number = int(match.group(1))
    ticket = context.store.ticket(number)
    if ticket is None:
        await update.effective_message.reply_text(context.texts.get("staff.no_ticket", lang, number=number))
    return ticket


async def inbox_command(update: Update, context: BotContext) -> None:
    """/inbox: open and claimed tickets, oldest first."""
    tickets = context.store.tickets(status=("open", "claimed"))
    text = sc.inbox_text(tickets, context.store.clock(), context.texts, user_lang(update, context))
    await send(update, context, text)
    raise ApplicationHandlerStop


async def ticket_command(update: Update, context: BotContext) -> None:
    """/ticket N: the ticket's card with its whole thread and buttons."""
    ticket = await _ticket_arg(update, context, "ticket")
    if ticket is not None:
        text, markup = render_card(context, ticket, lang=user_lang(update, context), thread=True)
        view = await update.effective_message.reply_text(text, reply_markup=markup)
        _journal(context, view, ticket["number"], outbox.TICKET_VIEW)
    raise ApplicationHandlerStop


async def reply_command(update: Update, context: BotContext) -> None:
    """/reply N text: answer ticket N."""
    message = update.effective_message
    match = _REPLY_ARGS.match(message.text or "")
    lang = user_lang(update, context)
    if match is None or not match.group(2).strip():
        await message.reply_text(context.texts.get("staff.usage.reply", lang))
        raise ApplicationHandlerStop
    number = int(match.group(1))
    ticket = context.store.ticket(number)
    if ticket is None:
        await message.reply_text(context.texts.get("staff.no_ticket", lang, number=number))
    else:
        await _answer_and_confirm(update, context, ticket, match.group(2).strip())
    raise ApplicationHandlerStop


async def close_command(update: Update, context: BotContext) -> None:
    """/close N."""
    ticket = await _ticket_arg(update, context, "close")
    if ticket is not None:
        await _change(update, context, ticket, "close")
    raise ApplicationHandlerStop


async def reopen_command(update: Update, context: BotContext) -> None:
    """/reopen N."""
    ticket = await _ticket_arg(update, context, "reopen")
    if ticket is not None:
        await _change(update, context, ticket, "reopen")
    raise ApplicationHandlerStop


async def stats_command(update: Update, context: BotContext) -> None:
    """/stats: today and the last seven days."""
    await send(update, context, sc.stats_text(context.store.stats(), context.texts, user_lang(update, context)))
    raise ApplicationHandlerStop


async def edited_command(update: Update, context: BotContext) -> None:
    """A staff command edited after it was sent: it is not run again (an answer is not sent twice)."""
    message = update.effective_message
    name = _command_name(message, context.bot.username or "")
    if name not in COMMANDS:
        return  # /help and the like, edited: nothing for the desk (and the public commands ignore edits)
    if name == "reply":
        await message.reply_text(context.texts.get("staff.reply_edited", user_lang(update, context)))
    raise ApplicationHandlerStop


_REPLY_KEYS = {"close": "staff.closed_reply", "reopen": "staff.reopened_reply"}
_TOAST_KEYS = {"claim": "staff.claimed", "close": "staff.closed", "reopen": "staff.reopened"}


def _apply(context: BotContext, ticket: dict[str, Any], action: str, staff: User) -> dict[str, Any] | None:
    """Claim, close or reopen; the card is edited to match. None if the ticket is gone."""
    store = context.store
    with store.atomic():
        if action == "claim":
            updated = store.claim(ticket["number"], staff.id, staff.full_name)
        elif action == "close":
            updated = store.close_ticket(ticket["number"], staff.id)
        else:
            updated = store.reopen(ticket["number"])
        if updated is not None:
            _enqueue_card_edit(context, updated)
    kick_outbox(context)
    return updated


async def _change(update: Update, context: BotContext, ticket: dict[str, Any], action: str) -> None:
    lang = user_lang(update, context)
    if ticket["deleted"] and action != "close":
        await update.effective_message.reply_text(context.texts.get("staff.ticket_deleted", lang,
                                                                    number=ticket["number"]))
        return
    _apply(context, ticket, action, update.effective_user)
    await update.effective_message.reply_text(context.texts.get(_REPLY_KEYS[action], lang, number=ticket["number"]))


# -- staff buttons --------------------------------------------------------------------------------------

async def staff_button(update: Update, context: BotContext) -> None:
    """담당하기 / 완료 / 다시 열기 on a card (or on a /ticket view)."""
    query = update.callback_query
    lang = user_lang(update, context)
    if not is_staff(context, update.effective_user):  # the gate refuses these; this holds if it ever did not
        await answer_query(query, context.texts.get("staff.refused_button", lang), show_alert=True)
        raise ApplicationHandlerStop
    parsed = sc.parse_staff_data(query.data or "")
    ticket = context.store.ticket(parsed[1]) if parsed else None
    if parsed is None or ticket is None:
        await answer_query(query, context.texts.get("errors.stale_button", lang), show_alert=True)
        raise ApplicationHandlerStop
    action, number = parsed
    if ticket["deleted"] and action != "close":
        await answer_query(query, context.texts.get("staff.ticket_deleted", lang, number=number), show_alert=True)
        raise ApplicationHandlerStop
    updated = _apply(context, ticket, action, update.effective_user)
    # The pop-up confirms at once; the card itself is edited through the outbox.
    await answer_query(query, context.texts.get(_TOAST_KEYS[action], lang, number=number))
    pressed = query.message
    if (updated is not None and isinstance(pressed, Message)
            and pressed.message_id != updated["staff_card_message_id"]):
        # Pressed on a /ticket view rather than the card: that view shows the new state too.
        text, markup = render_card(context, updated, lang=lang, thread=True)
        try:
            await pressed.edit_text(text, reply_markup=markup)
        except BadRequest as error:
            _log.info("could not update a ticket view: %s", error.message)
    raise ApplicationHandlerStop


# -- the user's side ------------------------------------------------------------------------------------

class _ReplyToOwnTicket(filters.MessageFilter):
    """A user's reply, in their private chat, to a message the bot sent them about their ticket."""

    __slots__ = ("application",)

    def __init__(self, application: Application) -> None:
        super().__init__(name="ReplyToOwnTicket")
        self.application = application

    def filter(self, message: Message) -> bool:
        ticket = _own_ticket(self.application.bot_data["store"], message)
        return ticket is not None


def _own_ticket(store: Any, message: Message) -> dict[str, Any] | None:
    original = message.reply_to_message
    if original is None or message.from_user is None:
        return None
    ticket = store.ticket_for_message(message.chat.id, original.message_id)
    if ticket is None or ticket["deleted"] or ticket["user_id"] != message.from_user.id:
        return None
    return ticket


async def user_reply(update: Update, context: BotContext) -> None:
    """The user replied to a staff answer (or to the "write back" prompt): it joins their ticket."""
    message = update.effective_message
    ticket = _own_ticket(context.store, message)
    if ticket is None:
        return
    notify_user_message(context, ticket, message.text)
    lang = ticket["lang"] or user_lang(update, context)
    await send(update, context, context.texts.get("staff.user.forwarded", lang, number=ticket["number"]))


async def user_more(update: Update, context: BotContext) -> None:
    """"Write back to staff" under an answer: ask for the message as a reply (Telegram opens the reply)."""
    query = update.callback_query
    number = sc.parse_user_more(query.data or "")
    ticket = context.store.ticket(number) if number is not None else None
    lang = user_lang(update, context)
    if ticket is None or ticket["deleted"] or ticket["user_id"] != update.effective_user.id:
        await answer_query(query, context.texts.get("staff.user.not_yours", lang), show_alert=True)
        return
    await answer_query(query)  # stops the spinner; the prompt is a new message
    lang = ticket["lang"] or lang
    prompt = await context.bot.send_message(
        ticket["chat_id"], context.texts.get("staff.user.more_prompt", lang, number=ticket["number"]),
        reply_markup=ForceReply(input_field_placeholder=context.texts.get("staff.user.more_placeholder", lang)))
    _journal(context, prompt, ticket["number"], purpose=outbox.USER_PROMPT)


# -- problems reported by the outbox --------------------------------------------------------------------

async def report_problem(app: Application, row: dict[str, Any], status: str) -> None:
    """A delivery was blocked (403) or given up: tell the staff chat (no personal data in the log)."""
    settings, store, texts = app.bot_data["settings"], app.bot_data["store"], app.bot_data["texts"]
    staff_chat = settings.staff_chat_id
    if staff_chat is None or row["chat_id"] == staff_chat or row["purpose"] not in (outbox.ANSWER,):
        return  # the staff chat itself is unreachable, or the row was not something a user waited for
    number = row["ticket"]
    if number is None:
        text = texts.get("staff.note.blocked_no_ticket", STAFF_LANG)
    else:
        text = texts.get(f"staff.note.{'blocked' if status == 'blocked' else 'failed'}", STAFF_LANG, number=number)
    store.enqueue(staff_chat, text, purpose=outbox.STAFF_NOTE, ticket=number)


# -- registration ---------------------------------------------------------------------------------------

def register(app: Application, *, outbox_sender: bool = True) -> None:
    """The gate and the desk (before the recorder), the user's side (group 0), and the outbox sender."""
    settings = app.bot_data["settings"]
    app.add_handler(TypeHandler(Update, staff_gate), group=STAFF_GATE_GROUP)

    # The gate has let only staff, and staff commands only in the staff chat or a private chat, through to
    # here; the filters say so again, so that a change to the gate cannot open the desk.
    staff_only = filters.User(user_id=settings.staff_user_ids, allow_empty=False)
    staff_chat = filters.Chat(chat_id=settings.staff_chat_id) if settings.staff_chat_id is not None else None
    desk_chat = filters.ChatType.PRIVATE | staff_chat if staff_chat is not None else filters.ChatType.PRIVATE
    for name, callback in (("inbox", inbox_command), ("ticket", ticket_command), ("reply", reply_command),
                           ("close", close_command), ("reopen", reopen_command), ("stats", stats_command)):
        app.add_handler(command(name, callback, staff_only & desk_chat), group=STAFF_GROUP)
    app.add_handler(MessageHandler(filters.UpdateType.EDITED_MESSAGE & filters.COMMAND & staff_only,
                                   edited_command), group=STAFF_GROUP)
    app.add_handler(CallbackQueryHandler(staff_button, pattern=f"^{sc.STAFF_PREFIX}:"), group=STAFF_GROUP)
    if staff_chat is not None:
        app.add_handler(MessageHandler(staff_chat & staff_only & ~filters.COMMAND, answer_by_reply),
                        group=STAFF_GROUP)

    # Group 0, before the question answerer: a user's reply about their ticket goes to the ticket.
    app.add_handler(MessageHandler(filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE & filters.TEXT
                                   & ~filters.COMMAND & filters.REPLY & _ReplyToOwnTicket(app), user_reply))
    app.add_handler(CallbackQueryHandler(user_more, pattern=f"^{sc.USER_PREFIX}:more:"))

    if outbox_sender:
        outbox.register(app, on_problem=report_problem)


__all__ = ["notify_new_ticket", "notify_user_message", "kick_outbox", "refresh_cards", "is_staff",
           "deliver_answer", "register", "STAFF_GATE_GROUP", "STAFF_GROUP"]

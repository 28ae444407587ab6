"""The staff desk inside Telegram: the gate, staff commands and buttons, answers by reply, the user's side.

What the desk does to tickets (cards, answers, edits) is the desk service, handlers/desk.py
(`context.desk`); this module is the Telegram side of it.

Who may do what is checked first by the gate (handlers/staff_gate.py). The desk's handlers
(STAFF_GROUP, also before the enquiry recorder) then serve staff, and stop the update there, as they do
with anything else staff write in the staff chat (neither answered nor logged): staff work is kept in
the ticket tables (who answered and when), not in the enquiry log, which holds users' questions (and
which /forget, keyed by the user's id, could not clean of the user's details quoted in an answer).

Staff answer by replying to a ticket's card (or to any later message the bot posted about that ticket) in
the staff chat, or with `/reply N text`. The answer is recorded (store.tickets.answer), written to the outbox for
the user, and the card is edited to show it. The user may write back (handlers/ticket_replies.py).
"""
from __future__ import annotations

import functools
import logging
import re

from telegram import Message, Update
from telegram.error import BadRequest
from telegram.ext import (Application, ApplicationHandlerStop, CallbackQueryHandler,
                          MessageHandler, filters)

from handlers import outbox
from handlers import staff_cards as sc
from handlers import staff_gate, ticket_replies
from handlers.bounds import bounded
from handlers.commands import command, command_name
from handlers.context import BotContext, user_lang
from handlers.desk import Change
from handlers.html_split import split_html
from handlers.replies import answer_query, retrying
from handlers.routing import Callback, stopping
from handlers.staff_gate import (COMMANDS, STAFF_GATE_GROUP, is_staff, reply_ticket, staff_command_filter,
                                 staff_members)
from handlers.services import services_of
from store import outbox as purpose
from store.rows import Ticket

_log = logging.getLogger(__name__)

STAFF_GROUP = -3        # the desk itself; it stops what it handles before the recorder (group -2)

# "/reply 12 text" with the text's own line breaks kept (context.args would join words with spaces).
_REPLY_ARGS = re.compile(r"^/\S+\s+#?(\d+)\s+(.+)$", re.S)
_NUMBER_ARG = re.compile(r"^#?(\d+)$")


# -- answering ------------------------------------------------------------------------------------------

async def _answer_and_confirm(update: Update, context: BotContext, ticket: Ticket, text: str) -> None:
    lang = user_lang(update, context)
    message = update.effective_message
    if ticket["deleted"]:
        await message.reply_text(context.texts.get("staff.ticket_deleted", lang, number=ticket["number"]))
        return
    blocked = ticket["chat_id"] is not None and context.store.outbox.is_blocked(ticket["chat_id"])
    context.desk.answer(ticket, update.effective_user, text)
    confirm = context.texts.get("staff.answer_queued", lang, number=ticket["number"])
    if blocked:
        confirm += "\n" + context.texts.get("staff.answer_blocked_before", lang)
    context.desk.journal(await message.reply_text(confirm), ticket["number"], purpose.CONFIRM)


async def answer_by_reply(update: Update, context: BotContext) -> None:
    """A staff member's message in the staff chat: an answer when it replies to a ticket's card (or to a
    later message about it); anything else staff say there is their own talk and goes no further (not
    to the question answerer, not to the enquiry log)."""
    message = update.effective_message
    ticket = reply_ticket(context, message)
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
        await _answer_and_confirm(update, context, ticket, bounded(message.text).strip())
    raise ApplicationHandlerStop


# -- staff commands -------------------------------------------------------------------------------------

async def _ticket_arg(update: Update, context: BotContext, usage: str) -> Ticket | None:
    """The ticket named by the command's first argument; says how to use the command when it is missing."""
    lang = user_lang(update, context)
    args = context.args or []
    match = _NUMBER_ARG.match(args[0]) if len(args) == 1 else None
    if match is None:
        await update.effective_message.reply_text(context.texts.get(f"staff.usage.{usage}", lang))
        return None
    number = int(match.group(1))
    ticket = context.store.tickets.get(number)
    if ticket is None:
        await update.effective_message.reply_text(context.texts.get("staff.no_ticket", lang, number=number))
    return ticket


async def inbox_command(update: Update, context: BotContext) -> None:
    """/inbox: open and claimed tickets, oldest first."""
    tickets = context.store.tickets.select(status=("open", "claimed"))
    text = sc.inbox_text(tickets, context.store.clock(), context.texts, user_lang(update, context))
    listed = [t["number"] for t in tickets[:sc.INBOX_LIMIT]]
    message = update.effective_message
    for part in split_html(text):
        # Each message is noted against the tickets it lists, so that /forget and the retention purge
        # can blank it (it shows names and questions).
        context.desk.journal_listing(await retrying(functools.partial(message.reply_text, part)), listed)
    raise ApplicationHandlerStop


async def ticket_command(update: Update, context: BotContext) -> None:
    """/ticket N: the ticket's card with its whole thread and buttons."""
    ticket = await _ticket_arg(update, context, "ticket")
    if ticket is not None:
        text, markup = context.desk.card(ticket, lang=user_lang(update, context), thread=True)
        view = await update.effective_message.reply_text(text, reply_markup=markup)
        context.desk.journal(view, ticket["number"], purpose.TICKET_VIEW)
    raise ApplicationHandlerStop


async def reply_command(update: Update, context: BotContext) -> None:
    """/reply N text: answer ticket N."""
    message = update.effective_message
    match = _REPLY_ARGS.match(bounded(message.text) or "")
    lang = user_lang(update, context)
    if match is None or not match.group(2).strip():
        await message.reply_text(context.texts.get("staff.usage.reply", lang))
        raise ApplicationHandlerStop
    number = int(match.group(1))
    ticket = context.store.tickets.get(number)
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
    """/stats: today and the last seven days (noted, so that /forget can blank the questions it quotes)."""
    text = sc.stats_text(context.store.stats.summary(), context.texts, user_lang(update, context))
    message = update.effective_message
    for part in split_html(text):
        context.desk.journal_stats(await retrying(functools.partial(message.reply_text, part)))
    raise ApplicationHandlerStop


async def edited_command(update: Update, context: BotContext) -> None:
    """A staff command edited after it was sent: it is not run again (an answer is not sent twice)."""
    message = update.effective_message
    name = command_name(message.text, context.bot.username)
    if name not in COMMANDS:
        return  # /help and the like, edited: nothing for the desk (and the public commands ignore edits)
    if name == "reply":
        await message.reply_text(context.texts.get("staff.reply_edited", user_lang(update, context)))
    raise ApplicationHandlerStop


_REPLY_KEYS = {"close": "staff.closed_reply", "reopen": "staff.reopened_reply"}
_TOAST_KEYS = {"claim": "staff.claimed", "close": "staff.closed", "reopen": "staff.reopened"}


async def _change(update: Update, context: BotContext, ticket: Ticket, action: Change) -> None:
    lang = user_lang(update, context)
    if ticket["deleted"] and action != "close":
        await update.effective_message.reply_text(context.texts.get("staff.ticket_deleted", lang,
                                                                    number=ticket["number"]))
        return
    context.desk.change(ticket, action, update.effective_user)
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
    ticket = context.store.tickets.get(parsed[1]) if parsed else None
    if parsed is None or ticket is None:
        await answer_query(query, context.texts.get("errors.stale_button", lang), show_alert=True)
        raise ApplicationHandlerStop
    action, number = parsed
    if ticket["deleted"] and action != "close":
        await answer_query(query, context.texts.get("staff.ticket_deleted", lang, number=number), show_alert=True)
        raise ApplicationHandlerStop
    updated = context.desk.change(ticket, action, update.effective_user)
    # The pop-up confirms at once; the card itself is edited through the outbox.
    await answer_query(query, context.texts.get(_TOAST_KEYS[action], lang, number=number))
    pressed = query.message
    if (updated is not None and isinstance(pressed, Message)
            and pressed.message_id != updated["staff_card_message_id"]):
        # Pressed on a /ticket view rather than the card: that view shows the new state too.
        text, markup = context.desk.card(updated, lang=lang, thread=True)
        try:
            await pressed.edit_text(text, reply_markup=markup)
        except BadRequest as error:
            _log.info("could not update a ticket view: %s", error.message)
    raise ApplicationHandlerStop


# -- registration ---------------------------------------------------------------------------------------

def desk(callback: Callback) -> Callback:
    """A desk handler: a failure in it is reported (and answered) and stops the update, rather than
    passing a staff member's command or answer on to the enquiry log and the areas."""
    return stopping(callback, always=False)


def register(app: Application, *, outbox_sender: bool = True) -> None:
    """The gate and the desk (before the recorder), the user's side (group 0), and the outbox sender."""
    services = services_of(app)
    settings = services.settings
    staff_gate.register(app)

    # The gate has let only staff, and staff commands only in the staff chat or a private chat, through to
    # here; the filters say so again, so that a change to the gate cannot open the desk.
    staff_only, served = staff_members(settings), staff_command_filter(settings)
    staff_chat = filters.Chat(chat_id=settings.staff_chat_id) if settings.staff_chat_id is not None else None
    for name, callback in (("inbox", inbox_command), ("ticket", ticket_command), ("reply", reply_command),
                           ("close", close_command), ("reopen", reopen_command), ("stats", stats_command)):
        app.add_handler(command(name, desk(callback), served), group=STAFF_GROUP)
    app.add_handler(MessageHandler(filters.UpdateType.EDITED_MESSAGE & filters.COMMAND & staff_only,
                                   desk(edited_command)), group=STAFF_GROUP)
    app.add_handler(CallbackQueryHandler(desk(staff_button), pattern=f"^{sc.STAFF_PREFIX}:"), group=STAFF_GROUP)
    if staff_chat is not None:
        app.add_handler(MessageHandler(staff_chat & staff_only & ~filters.COMMAND, desk(answer_by_reply)),
                        group=STAFF_GROUP)

    ticket_replies.register(app)  # group 0: a user's reply about their ticket goes to the ticket

    if outbox_sender:
        outbox.register(app, on_problem=services.staff_desk.report_problem)


__all__ = ["STAFF_GATE_GROUP", "STAFF_GROUP", "register", "staff_button"]

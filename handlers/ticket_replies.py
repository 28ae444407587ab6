"""The user's side of a ticket: writing back to staff about it, after an answer.

Under a delivered answer the user finds a button to write back; a Telegram reply to the answer does the
same. Either way their message joins the same ticket and is posted to the staff chat as a reply to the card.
"""
from __future__ import annotations

from telegram import ForceReply, Message, Update
from telegram.ext import Application, CallbackQueryHandler, MessageHandler, filters

from handlers import staff_cards as sc
from handlers.bounds import bounded
from handlers.context import BotContext, user_lang
from handlers.replies import answer_query, send
from handlers.services import services_of
from handlers.typed import ApplicationFilter
from store import EnquiryStore
from store import outbox as purpose
from store.rows import Ticket


class _ReplyToOwnTicket(ApplicationFilter):
    """A user's reply, in their private chat, to a message the bot sent them about their ticket."""

    def filter(self, message: Message) -> bool:
        ticket = _own_ticket(services_of(self.application).store, message)
        return ticket is not None


def _own_ticket(store: EnquiryStore, message: Message) -> Ticket | None:
    original = message.reply_to_message
    if original is None or message.from_user is None:
        return None
    ticket = store.tickets.for_message(message.chat.id, original.message_id)
    if ticket is None or ticket["deleted"] or ticket["user_id"] != message.from_user.id:
        return None
    return ticket


async def user_reply(update: Update, context: BotContext) -> None:
    """The user replied to a staff answer (or to the "write back" prompt): it joins their ticket."""
    message = update.effective_message
    ticket = _own_ticket(context.store, message)
    if ticket is None:
        return
    context.desk.user_wrote(ticket, bounded(message.text))  # acknowledged, so posted whole (in parts)
    lang = ticket["lang"] or user_lang(update, context)
    await send(update, context, context.texts.get("staff.user.forwarded", lang, number=ticket["number"]))


async def user_more(update: Update, context: BotContext) -> None:
    """"Write back to staff" under an answer: ask for the message as a reply (Telegram opens the reply)."""
    query = update.callback_query
    number = sc.parse_user_more(query.data or "")
    ticket = context.store.tickets.get(number) if number is not None else None
    lang = user_lang(update, context)
    if ticket is None or ticket["deleted"] or ticket["user_id"] != update.effective_user.id:
        await answer_query(query, context.texts.get("staff.user.not_yours", lang), show_alert=True)
        return
    await answer_query(query)  # stops the spinner; the prompt is a new message
    lang = ticket["lang"] or lang
    prompt = await context.bot.send_message(
        ticket["chat_id"], context.texts.get("staff.user.more_prompt", lang, number=ticket["number"]),
        reply_markup=ForceReply(input_field_placeholder=context.texts.get("staff.user.more_placeholder", lang)))
    context.desk.journal(prompt, ticket["number"], purpose.USER_PROMPT)


def register(app: Application) -> None:
    """In the areas' group, before the question answerer: a user's reply about their ticket goes to it."""
    app.add_handler(MessageHandler(filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE & filters.TEXT
                                   & ~filters.COMMAND & filters.REPLY & _ReplyToOwnTicket(app, "ReplyToOwnTicket"), user_reply))
    app.add_handler(CallbackQueryHandler(user_more, pattern=f"^{sc.USER_PREFIX}:more:"))

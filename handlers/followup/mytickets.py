"""/mytickets: the user's tickets, newest first."""
from __future__ import annotations

from telegram import Update

from handlers.context import BotContext, user_lang
from handlers.followup.common import is_private, send_private_link
from handlers.replies import send
from handlers.texts import Texts, shorten
from store.database import kst_text
from store.rows import KeptTicket, Ticket

TICKETS_SHOWN = 10


def local_date(stored: str | None, fmt: str = "%Y-%m-%d") -> str:
    return kst_text(stored, fmt)


def ticket_status(texts: Texts, lang: str, ticket: Ticket | KeptTicket) -> str:
    return texts.get("tickets.status.deleted" if ticket["deleted"] else f"tickets.status.{ticket['status']}", lang)


async def my_tickets(update: Update, context: BotContext) -> None:
    """/mytickets: the user's tickets, newest first: number, status, date and the question's start."""
    if not is_private(update) or update.effective_user is None:
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
    # Without a staff chat nobody answers here: say how else to reach the agency instead.
    hint = "tickets.hint" if context.settings.staff_chat_id is not None else "tickets.hint_unstaffed"
    lines.append("\n" + texts.get(hint, lang))
    await send(update, context, "\n".join(lines))

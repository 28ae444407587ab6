"""The staff desk as a service: tickets' cards and their edits, answers delivered, cards refreshed.

Built once by bot.build_application and reached as `context.services.desk` by the follow-up flow, the
staff commands, /forget and the outbox's problem reports. Everything that must reach a person is written
to the outbox (store.outbox) and delivered by the outbox sender (handlers/outbox.py), which `kick()` wakes.

    desk.post_card(ticket)                 the new ticket's card, for the staff chat
    desk.user_wrote(ticket, text)          the user wrote again about their ticket
    desk.answer(ticket, staff, text)       a staff answer: recorded, sent to the user, the card edited
    desk.change(ticket, action, staff)     claim / close / reopen, the card edited
    desk.refresh_cards(numbers)            the cards show their tickets' state now (e.g. after /forget)
    desk.card(ticket)                      a ticket's card (text and buttons)
"""
from __future__ import annotations

import logging
from datetime import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, User
from telegram.ext import Application

from handlers import staff_cards as sc
from handlers.html_split import split_html
from store import outbox as purpose
from store.rows import OutboxRow, Ticket

if TYPE_CHECKING:
    from handlers.services import Services

_log = logging.getLogger(__name__)

STAFF_LANG = "ko"       # cards and notes in the staff chat; command answers follow the staff member's language
Change = Literal["claim", "close", "reopen"]


class Desk:
    """The desk's work on tickets, over the services (store, texts, settings, knowledge)."""

    def __init__(self, services: "Services") -> None:
        self.services = services

    # -- where things go -------------------------------------------------------------------------------

    @property
    def staff_chat(self) -> int | None:
        return self.services.settings.staff_chat_id

    def is_staff(self, user: User | None) -> bool:
        return user is not None and user.id in self.services.settings.staff_user_ids

    def kick(self) -> None:
        """Deliver what was just written to the outbox now (nothing without a sender: the console)."""
        sender = self.services.sender
        if sender is not None:
            sender.kick()

    # -- cards -------------------------------------------------------------------------------------------

    def card(self, ticket: Ticket, *, lang: str = STAFF_LANG, thread: bool = False
             ) -> tuple[str, InlineKeyboardMarkup | None]:
        """A ticket's card with the bot's guesses on its question and the user's recent questions."""
        store, knowledge = self.services.store, self.services.knowledge
        decision = knowledge.matcher.match(ticket["question"][:1000]) if ticket["question"] else None
        recent = (store.enquiries.recent(ticket["user_id"], limit=20)
                  if not ticket["deleted"] and ticket["user_id"] is not None else [])
        return sc.ticket_card(ticket, kb=knowledge.kb, texts=self.services.texts, lang=lang, decision=decision,
                              recent=recent, thread=thread)

    def post_card(self, ticket: Ticket) -> None:
        """Write the new ticket's card to the outbox for the staff chat, and deliver it soon.

        Does nothing (but warn) when STAFF_CHAT_ID is not set: the ticket waits in /inbox and the CLI.
        """
        if self.staff_chat is None:
            _log.warning("ticket %d: STAFF_CHAT_ID is not set, so no card was posted", ticket["number"])
            return
        text, markup = self.card(ticket)
        self.services.store.outbox.enqueue(self.staff_chat, text, reply_markup=markup, purpose=purpose.CARD,
                                           ticket=ticket["number"])
        self.kick()

    def _edit_card(self, ticket: Ticket) -> None:
        """Write the card's new look to the outbox; the sender edits the card message in place.

        If the card itself is still waiting in the outbox, the edit finds its message id when it is sent
        (rows to one chat go out in order).
        """
        chat_id = ticket["staff_chat_id"] or self.staff_chat
        if chat_id is None:
            return
        text, markup = self.card(ticket)
        self.services.store.outbox.enqueue(chat_id, text, reply_markup=markup, purpose=purpose.CARD_EDIT,
                                           ticket=ticket["number"], edit_message_id=ticket["staff_card_message_id"])

    def refresh_cards(self, numbers: Iterable[int]) -> None:
        """Edit these tickets' cards to show their current state.

        After /forget or the retention purge (the tickets are marked deleted) the cards lose the personal
        data, and so does every other message the bot posted that quoted the person (blank_quotes).
        """
        store = self.services.store
        tickets = [t for t in (store.tickets.get(n) for n in numbers) if t is not None]
        with store.atomic():
            for ticket in tickets:
                self._edit_card(ticket)
            self.blank_quotes([t["number"] for t in tickets if t["deleted"]])
        self.kick()

    def blank_quotes(self, numbers: Iterable[int]) -> int:
        """Blank the messages (other than the cards) that the bot posted about these tickets: the user's
        further messages, /ticket views and /inbox listings, in the staff chat or a staff member's chat.

        Each is edited to a placeholder (an /inbox listing to a note to run /inbox again, since it may
        list other tickets too). The outbox rows say which messages they became, even once their text is
        blanked. The retention purge calls this before it deletes old outbox rows. Returns how many.
        """
        wanted = set(numbers)
        if not wanted:
            return 0
        store, texts = self.services.store, self.services.texts
        placeholders = {purpose.USER_NOTE: texts.get("staff.card.deleted", STAFF_LANG),
                        purpose.TICKET_VIEW: texts.get("staff.card.deleted", STAFF_LANG),
                        purpose.INBOX_VIEW: texts.get("staff.inbox.blanked", STAFF_LANG)}
        seen: set[tuple[int, int]] = set()
        with store.atomic():
            for row in store.outbox.posted_about(sorted(wanted)):
                where = (row["chat_id"], row["sent_message_id"])
                if row["purpose"] in placeholders and where not in seen:
                    seen.add(where)
                    store.outbox.enqueue(row["chat_id"], placeholders[row["purpose"]], purpose=purpose.NOTE_EDIT,
                                         ticket=row["ticket"], edit_message_id=row["sent_message_id"])
        self.kick()
        return len(seen)

    # -- what happens to a ticket ------------------------------------------------------------------------

    def user_wrote(self, ticket: Ticket, text: str) -> Ticket | None:
        """The user wrote again about `ticket`: keep it on the ticket (back in the inbox), tell the staff chat.

        Returns the updated ticket (None if it no longer exists).
        """
        store = self.services.store
        updated = store.tickets.add_user_message(ticket["number"], text)
        if updated is None:
            return None
        chat_id = updated["staff_chat_id"] or self.staff_chat
        if chat_id is None:
            _log.warning("ticket %d: a message from the user, but STAFF_CHAT_ID is not set", updated["number"])
            return updated
        note = self.services.texts.get("staff.note.user_message", STAFF_LANG, number=updated["number"],
                                       text=text.strip())
        with store.atomic():
            # The whole message reaches staff: in parts when the note is over Telegram's limit (emoji count
            # twice); it was acknowledged to the user, so it must not be cut or refused.
            for part in split_html(note):
                store.outbox.enqueue(chat_id, part, purpose=purpose.USER_NOTE, ticket=updated["number"])
            self._edit_card(updated)
        self.kick()
        return updated

    def answer(self, ticket: Ticket, staff: User, text: str) -> Ticket:
        """Record a staff answer, write it to the outbox for the user, and edit the card. Returns the ticket."""
        store, texts = self.services.store, self.services.texts
        lang = ticket["lang"] or STAFF_LANG
        body = texts.get("staff.user.answer", lang, number=ticket["number"], text=text)
        markup = InlineKeyboardMarkup([[InlineKeyboardButton(texts.get("staff.user.more_button", lang),
                                                             callback_data=sc.user_more_data(ticket["number"]))]])
        chunks = split_html(body)
        with store.atomic():
            updated = store.tickets.answer(ticket["number"], staff.id, text, staff_name=staff.full_name)
            if updated is None:  # the ticket row is gone: nothing to deliver
                return ticket
            chat_id = ticket["chat_id"]
            for index, chunk in enumerate(chunks if chat_id is not None else []):
                store.outbox.enqueue(chat_id, chunk, purpose=purpose.ANSWER, ticket=ticket["number"],
                                     reply_markup=markup if index == len(chunks) - 1 else None)
            self._edit_card(updated)
        self.kick()
        return updated

    def change(self, ticket: Ticket, action: Change, staff: User) -> Ticket | None:
        """Claim, close or reopen; the card is edited to match. None if the ticket is gone."""
        store = self.services.store
        with store.atomic():
            if action == "claim":
                updated = store.tickets.claim(ticket["number"], staff.id, staff.full_name)
            elif action == "close":
                updated = store.tickets.close(ticket["number"], by=staff.id)
            else:
                updated = store.tickets.reopen(ticket["number"])
            if updated is not None:
                self._edit_card(updated)
        self.kick()
        return updated

    def journal_listing(self, message: Message | None, tickets: Iterable[int]) -> None:
        """Note an /inbox message against every ticket it lists (no copy of its text), so that
        forgetting any of them blanks it (blank_quotes)."""
        if message is None:
            return
        store = self.services.store
        with store.atomic():
            for number in tickets:
                outbox_id = store.outbox.enqueue(message.chat_id, "", purpose=purpose.INBOX_VIEW, ticket=number)
                store.outbox.mark_sent(outbox_id, message.message_id)

    def journal_stats(self, message: Message | None) -> None:
        """Note a /stats message (no copy of its text): it quotes unanswered questions, and forgetting
        their author blanks it (blank_stats)."""
        if message is None:
            return
        store = self.services.store
        with store.atomic():
            store.outbox.mark_sent(store.outbox.enqueue(message.chat_id, "", purpose=purpose.STATS_VIEW),
                                   message.message_id)

    def blank_stats(self, since: datetime) -> int:
        """Edit every /stats message posted since `since` to a note to run /stats again. Returns how many."""
        store = self.services.store
        note = self.services.texts.get("staff.stats.blanked", STAFF_LANG)
        rows = store.outbox.posted_since(purpose.STATS_VIEW, since)
        with store.atomic():
            for row in rows:
                store.outbox.enqueue(row["chat_id"], note, purpose=purpose.NOTE_EDIT,
                                     edit_message_id=row["sent_message_id"])
        self.kick()
        return len(rows)

    def journal(self, message: Message | None, ticket: int, kind: str) -> None:
        """Note a message the bot just sent about a ticket, so that a reply to it reaches the ticket.

        It is written to the outbox as already sent (store.tickets.for_message looks there).
        """
        if message is None:
            return
        store = self.services.store
        with store.atomic():
            outbox_id = store.outbox.enqueue(message.chat_id, message.text_html or "", purpose=kind, ticket=ticket)
            store.outbox.mark_sent(outbox_id, message.message_id)

    # -- problems reported by the outbox -----------------------------------------------------------------

    async def report_problem(self, app: Application, row: OutboxRow, status: str) -> None:
        """Tell the staff chat (no personal data in the log) about a row that did not go out as written:

        - an answer to a user blocked (403) or given up;
        - a card or a user's message for the staff chat that Telegram refused (a 400), so that a message
          acknowledged to the user is never silently lost: staff are pointed to /ticket N;
        - a card, note or answer over Telegram's length limit, sent in parts or shortened ("split",
          "shortened": handlers/outbox.py).
        """
        staff_chat = self.staff_chat
        texts, number, store = self.services.texts, row["ticket"], self.services.store
        if staff_chat is None or row["purpose"] in (purpose.STAFF_NOTE, purpose.NOTE_EDIT):
            return  # no staff chat, or the row was itself a note to staff: no note about a note
        if status in ("split", "shortened"):
            if number is not None:
                store.outbox.enqueue(staff_chat, texts.get(f"staff.note.{status}", STAFF_LANG, number=number),
                                     purpose=purpose.STAFF_NOTE, ticket=number)
            return
        if row["chat_id"] == staff_chat:
            if status == "failed" and number is not None and row["purpose"] in (purpose.CARD, purpose.USER_NOTE):
                store.outbox.enqueue(staff_chat, texts.get("staff.note.not_posted", STAFF_LANG, number=number),
                                     purpose=purpose.STAFF_NOTE, ticket=number)
            return  # blocked: the bot is out of the staff chat, and nobody there can be told
        if row["purpose"] != purpose.ANSWER:
            return  # not something a user waited for
        if number is None:
            text = texts.get("staff.note.blocked_no_ticket", STAFF_LANG)
        else:
            text = texts.get(f"staff.note.{'blocked' if status == 'blocked' else 'failed'}", STAFF_LANG,
                             number=number)
        store.outbox.enqueue(staff_chat, text, purpose=purpose.STAFF_NOTE, ticket=number)

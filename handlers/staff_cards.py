"""What the staff desk shows, as HTML texts (and keyboards): ticket cards, the inbox, the figures.

Pure functions over the store's dicts, the knowledge base and the texts; no Telegram calls. Everything a
person typed is escaped where it is inserted (Texts.get escapes values; `Html` marks what is built here).
Long texts are cut so that a card always fits in one Telegram message, which is edited in place later.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from handlers import cards
from handlers.html_split import MESSAGE_LIMIT, visible_len
from handlers.texts import Html, Texts, escape, shorten
from intents.decision import Decision
from knowledge.model import KnowledgeBase
from store.database import kst_text, parse_iso
from store.enquiries import is_question
from store.rows import Enquiry, Ticket

if TYPE_CHECKING:
    from handlers.desk import Change

# Callback data of the staff buttons: "stf:<action>:<ticket>". Checked by the staff gate before anything.
STAFF_PREFIX = "stf"
ACTIONS = ("claim", "close", "reopen")
# The user's "write back to staff" button under a delivered answer: "stu:more:<ticket>".
USER_PREFIX = "stu"

QUESTION_LIMIT = 1500     # characters of the question on a card (the whole text stays in the store)
LINE_LIMIT = 160          # characters of one recent message or inbox question
THREAD_LIMIT = 600        # characters of one message in a ticket's thread (/ticket N)
THREAD_MESSAGES = 12      # the latest messages of a thread shown by /ticket N
RECENT = 5                # recent questions of the user on a card
CARD_LIMIT = MESSAGE_LIMIT  # Telegram's limit, counted as Telegram does (visible_len: UTF-16, after parsing)
INBOX_LIMIT = 30          # tickets listed by /inbox


def staff_data(action: str, number: int) -> str:
    return f"{STAFF_PREFIX}:{action}:{number}"


def parse_staff_data(data: str) -> "tuple[Change, int] | None":
    parts = data.split(":")
    if len(parts) != 3 or parts[0] != STAFF_PREFIX or parts[1] not in ACTIONS or not parts[2].isdigit():
        return None
    return cast("Change", parts[1]), int(parts[2])


def user_more_data(number: int) -> str:
    return f"{USER_PREFIX}:more:{number}"


def parse_user_more(data: str) -> int | None:
    parts = data.split(":")
    if len(parts) != 3 or parts[:2] != [USER_PREFIX, "more"] or not parts[2].isdigit():
        return None
    return int(parts[2])


def local_time(value: str | datetime | None) -> str:
    """A stored time as the staff read it: Korean time, "11-24 20:31"."""
    return kst_text(value, "%m-%d %H:%M", "—")


def staff_name(ticket: Mapping[str, Any], key: str = "claimed_by") -> str:
    name = ticket.get(f"{key}_name")
    staff_id = ticket.get(key)
    return name or (f"#{staff_id}" if staff_id else "—")


# -- the ticket card ------------------------------------------------------------------------------------

def status_line(ticket: Ticket, texts: Texts, lang: str) -> str:
    if ticket["deleted"]:  # closed when its personal data went (store.privacy)
        return texts.get("staff.status.deleted", lang, time=local_time(ticket["deleted_at"]))
    status = ticket["status"]
    if status == "claimed":
        return texts.get("staff.status.claimed", lang, staff=staff_name(ticket))
    if status == "answered":
        return texts.get("staff.status.answered", lang, staff=staff_name(ticket),
                         time=local_time(ticket["answered_at"]))
    if status == "closed":
        return texts.get("staff.status.closed", lang, time=local_time(ticket["closed_at"]))
    return texts.get("staff.status.open", lang)


def person_line(ticket: Ticket, texts: Texts, lang: str) -> str:
    if ticket["deleted"]:
        return texts.get("staff.card.deleted", lang)
    if ticket["anonymous"]:
        return texts.get("staff.card.anonymous", lang)
    return texts.get("staff.card.person", lang,
                     name=ticket["name"] or texts.get("staff.card.no_name", lang),
                     contact=ticket["contact"] or texts.get("staff.card.no_contact", lang))


def guesses(decision: Decision | None, kb: KnowledgeBase, texts: Texts, lang: str) -> list[str]:
    """The matcher's candidates for the question, with names (the bot's best guesses)."""
    lines = []
    for candidate in decision.candidates if decision else ():
        item = kb.get(candidate.id)
        if item is None:
            continue
        kind = texts.get(f"staff.card.kind_{candidate.kind}", lang) if candidate.kind in (
            "program", "faq", "intent") else candidate.kind
        lines.append(texts.get("staff.card.guess", lang, name=shorten(cards.label(item, lang), 80), kind=kind,
                               score=round(candidate.score)))
    return lines or [texts.get("staff.card.no_guess", lang)]


def recent_lines(enquiries: Sequence[Enquiry], question: str | None, kb: KnowledgeBase, texts: Texts,
                 lang: str) -> list[str]:
    """The user's latest questions to the bot (newest-first input), oldest first, with what the bot did.

    Only typed questions the matcher saw: what was typed into the follow-up flow itself (name, phone
    number) has no decision and is left out, as is the ticket's own question.
    """
    shown = []
    for enquiry in enquiries:
        if enquiry.get("kind") is None or not is_question(enquiry):
            continue
        if question and enquiry["text"].strip() == question.strip():
            continue
        shown.append(enquiry)
        if len(shown) == RECENT:
            break
    lines = []
    for enquiry in reversed(shown):
        kind = enquiry["kind"]
        if kind == "answer":
            item = kb.get(enquiry["item_id"]) if enquiry.get("item_id") else None
            result = texts.get("staff.card.result_answer", lang,
                               name=shorten(cards.label(item, lang), 40) if item else enquiry.get("item_id") or "?")
        else:
            result = texts.get(f"staff.card.result_{'suggest' if kind == 'suggest' else 'fallback'}", lang)
        lines.append(texts.get("staff.card.recent_line", lang, time=local_time(enquiry["time"]),
                               text=shorten(enquiry["text"], LINE_LIMIT), result=Html(result)))
    return lines


def thread_lines(ticket: Ticket, texts: Texts, lang: str) -> list[str]:
    """The ticket's messages after the question (the user's replies, staff answers), latest last."""
    lines = []
    for message in ticket.get("messages", [])[1:][-THREAD_MESSAGES:]:
        text = shorten(message["text"], THREAD_LIMIT, keep_lines=True) if message["text"] is not None else "—"
        if message["who"] == "staff":
            lines.append(texts.get("staff.card.thread_staff", lang, time=local_time(message["time"]),
                                   staff=message["staff_name"] or f"#{message['staff_id']}", text=text))
        else:
            lines.append(texts.get("staff.card.thread_user", lang, time=local_time(message["time"]), text=text))
    return lines


def ticket_card(ticket: Ticket, *, kb: KnowledgeBase, texts: Texts, lang: str,
                decision: Decision | None, recent: Sequence[Enquiry] = (),
                thread: bool = False) -> tuple[str, InlineKeyboardMarkup | None]:
    """The card of a ticket: who, what, the bot's guesses, recent messages, status; claim/close buttons.

    `thread` adds the messages exchanged since (for /ticket N). Sections are dropped from the end, then
    the question shortened, until the card fits in one message.
    """
    head = [texts.get("staff.card.title", lang, number=ticket["number"]) + " · " + status_line(ticket, texts, lang),
            person_line(ticket, texts, lang),
            texts.get("staff.card.created", lang, time=local_time(ticket["created_at"]))]
    sections: list[list[str]] = []
    if not ticket["deleted"]:
        sections.append([texts.get("staff.card.guesses", lang), *guesses(decision, kb, texts, lang)])
        recent_part = recent_lines(recent, ticket["question"], kb, texts, lang)
        if recent_part:
            sections.append([texts.get("staff.card.recent", lang), *recent_part])
    if thread:
        lines = thread_lines(ticket, texts, lang)
        if lines:
            sections.append([texts.get("staff.card.thread", lang), *lines])

    def build(question_limit: int, kept: list[list[str]]) -> str:
        parts = ["\n".join(head)]
        if not ticket["deleted"]:
            question = shorten(ticket["question"], question_limit, keep_lines=True)
            parts.append(texts.get("staff.card.question", lang) + "\n" + escape(question))
        parts += ["\n".join(section) for section in kept]
        if ticket["status"] != "closed" and not ticket["deleted"]:
            parts.append(texts.get("staff.card.reply_hint", lang))
        return "\n\n".join(parts)

    text = build(QUESTION_LIMIT, sections)
    while visible_len(text) > CARD_LIMIT and sections:
        sections.pop()
        text = build(QUESTION_LIMIT, sections)
    limit = QUESTION_LIMIT
    while visible_len(text) > CARD_LIMIT and limit > 100:  # an emoji is two units, shorten() counts one
        limit //= 2
        text = build(limit, sections)
    return text, card_buttons(ticket, texts, lang)


def card_buttons(ticket: Ticket, texts: Texts, lang: str) -> InlineKeyboardMarkup | None:
    number = ticket["number"]
    if ticket["status"] == "closed":
        return None if ticket["deleted"] else InlineKeyboardMarkup(
            [[InlineKeyboardButton(texts.get("staff.button.reopen", lang), callback_data=staff_data("reopen", number))]])
    row = [InlineKeyboardButton(texts.get("staff.button.close", lang), callback_data=staff_data("close", number))]
    if ticket["status"] == "open" and not ticket["deleted"]:  # once claimed or answered, it has its owner
        row.insert(0, InlineKeyboardButton(texts.get("staff.button.claim", lang),
                                           callback_data=staff_data("claim", number)))
    return InlineKeyboardMarkup([row])


# -- the inbox and the figures --------------------------------------------------------------------------

def age(created_at: str, now: datetime, texts: Texts, lang: str) -> str:
    moment = parse_iso(created_at)
    minutes = max(0, int((now - moment).total_seconds() // 60)) if moment else 0
    if minutes < 60:
        return texts.get("staff.age.minutes", lang, n=minutes)
    if minutes < 48 * 60:
        return texts.get("staff.age.hours", lang, n=minutes // 60)
    return texts.get("staff.age.days", lang, n=minutes // (24 * 60))


def inbox_text(tickets: Sequence[Ticket], now: datetime, texts: Texts, lang: str) -> str:
    """Open and claimed tickets, oldest first (the order they come in)."""
    if not tickets:
        return texts.get("staff.inbox.empty", lang)
    lines = [texts.get("staff.inbox.title", lang, count=len(tickets))]
    for ticket in tickets[:INBOX_LIMIT]:
        status = (texts.get("staff.inbox.claimed", lang, staff=staff_name(ticket))
                  if ticket["status"] == "claimed" else texts.get("staff.inbox.open", lang))
        if ticket["deleted"]:
            who = texts.get("staff.card.deleted", lang)
        elif ticket["anonymous"]:
            who = texts.get("staff.inbox.anonymous", lang)
        else:
            who = ticket["name"] or texts.get("staff.card.no_name", lang)
        lines.append(texts.get("staff.inbox.line", lang, number=ticket["number"], status=Html(status), who=who,
                               question=shorten(ticket["question"] or "—", 60),
                               age=Html(age(ticket["created_at"], now, texts, lang))))
    if len(tickets) > INBOX_LIMIT:
        lines.append(texts.get("staff.inbox.more", lang, count=len(tickets) - INBOX_LIMIT))
    lines.append(texts.get("staff.inbox.hint", lang))
    return "\n".join(lines)


def duration(seconds: float | None, texts: Texts, lang: str) -> str:
    if seconds is None:
        return texts.get("staff.stats.none", lang)
    minutes = int(round(seconds / 60))
    if minutes < 60:
        return texts.get("staff.stats.minutes", lang, n=minutes)
    if minutes < 24 * 60:
        return texts.get("staff.stats.hours", lang, h=minutes // 60, m=minutes % 60)
    return texts.get("staff.stats.days", lang, d=minutes // (24 * 60), h=minutes % (24 * 60) // 60)


def stats_text(stats: dict[str, Any], texts: Texts, lang: str) -> str:
    """/stats: today and the last seven days, and the most frequent questions the bot could not answer."""

    def period(figures: dict[str, Any]) -> Html:
        share = figures["answered_share"]
        return Html(texts.get("staff.stats.period", lang, enquiries=figures["enquiries"],
                              answered=figures["answered"],
                              share="—" if share is None else f"{share:.0%}",
                              tickets=figures["tickets"], open=figures["open"],
                              median=Html(duration(figures["median_first_answer_s"], texts, lang))))

    body = texts.get("staff.stats.body", lang, now=local_time(stats["now"]), today=period(stats["today"]),
                     week=period(stats["week"]), open_now=stats["open_now"])
    groups = stats["week"]["top_unmatched"]
    lines = [texts.get("staff.stats.unmatched_line", lang, text=shorten(g["text"], 80), count=g["count"])
             for g in groups] or [texts.get("staff.stats.no_unmatched", lang)]
    return body + "\n\n" + texts.get("staff.stats.unmatched", lang) + "\n" + "\n".join(lines)


def help_section(texts: Texts, lang: str) -> str:
    """The staff part of /help (shown to staff only)."""
    lines = [f"/{key.split('.', 1)[1]} — {escape(texts.get(key, lang))}" for key in texts.keys("staff_commands.")]
    return texts.get("staff.help_section", lang, commands=Html("\n".join(lines)))


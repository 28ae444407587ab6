"""What the bot shows, as (HTML text, inline keyboard) pairs built from the knowledge and the texts.

Pure functions, no Telegram calls: the handlers decide where a card goes (a new message or an edit).
Every knowledge text is escaped where it is inserted.
"""
from __future__ import annotations

from datetime import datetime
from typing import Iterable, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from handlers import callback_data as cb
from handlers.callback_data import ListKey
from handlers.texts import Html, Texts, escape, shorten
from handlers.window_status import program_status
from intents.decision import Candidate
from knowledge.model import Faq, Intent, Item, KnowledgeBase, Program

Card = tuple[str, InlineKeyboardMarkup | None]

NO_AREA = "-"          # the ListKey value of programs written without an area
PAGE_SIZE = 8          # programs per browse page: a screenful of buttons on a phone
LABEL_LIMIT = 48       # characters of a button label before it is shortened
AUDIENCE_LISTS = ("founder", "job_seeker")  # the main menu's 창업 지원 and 일자리·인재
RELATED_LIMIT = 5      # related-program buttons under an FAQ answer


def button(label: str, data: str | None) -> InlineKeyboardButton | None:
    return InlineKeyboardButton(shorten(label, LABEL_LIMIT), callback_data=data) if data else None


def keyboard(rows: Iterable[Sequence[InlineKeyboardButton | None]]) -> InlineKeyboardMarkup | None:
    kept = [[b for b in row if b is not None] for row in rows]
    kept = [row for row in kept if row]
    return InlineKeyboardMarkup(kept) if kept else None


def staff_button(texts: Texts, lang: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(texts.get("menu.staff", lang), callback_data=cb.STAFF)


def main_menu(texts: Texts, lang: str) -> InlineKeyboardMarkup:
    markup = keyboard([
        [button(texts.get("menu.areas", lang), cb.AREAS)],
        [button(texts.get("menu.finder", lang), cb.FINDER)],
        [button(texts.get("menu.startup", lang), cb.program_list(ListKey("u", "founder"))),
         button(texts.get("menu.jobs", lang), cb.program_list(ListKey("u", "job_seeker")))],
        [staff_button(texts, lang), button(texts.get("menu.help", lang), cb.menu("help"))],
    ])
    assert markup is not None
    return markup


def menu_card(texts: Texts, lang: str) -> Card:
    return texts.get("menu.prompt", lang), main_menu(texts, lang)


# -- answers -------------------------------------------------------------------------------------------

def program_card(program: Program, texts: Texts, lang: str, *, aspect: str = cb.SUMMARY,
                 enquiry_id: int | None = None, back: ListKey | None = None, now: datetime | None = None) -> Card:
    """A program's name and one aspect (or its summary), with buttons for the other aspects.

    With `back` it is a browse card (a back button to its list); otherwise an answer, rated with 👍/👎
    against `enquiry_id`. With `now`, the state of its application window under the name (when known).
    """
    body = program.aspect(aspect) if aspect else None
    if body is None:
        aspect = cb.SUMMARY
        body = program.summary
    heading = f"<b>{escape(program.name.get(lang))}</b>"
    window = program_status(program, now, texts, lang) if now is not None else None
    if window:
        heading += f"\n📅 {escape(window)}"
    if aspect:
        heading += f"\n<i>{escape(texts.get('aspects.' + aspect, lang))}</i>"
    text = f"{heading}\n\n{escape(body.get(lang))}"

    shown = [(cb.SUMMARY, "aspects.summary")] if aspect else []
    shown += [(name, "aspects." + name) for name in program.aspects if name != aspect]
    aspect_buttons = [button(texts.get(key, lang), cb.program(program.id, name, back)) for name, key in shown]
    rows: list[list[InlineKeyboardButton | None]] = [aspect_buttons[i:i + 3] for i in range(0, len(aspect_buttons), 3)]
    link = InlineKeyboardButton(texts.get("card.url", lang), url=program.url) if program.url else None
    rows.append([link, staff_button(texts, lang)])
    rows.append([button(texts.get("alerts.subscribe_program", lang), cb.alert_program(program.id))])
    if back is not None:
        rows.append([button(texts.get("card.back", lang), cb.program_list(back))])
    elif enquiry_id is not None:
        rows.append(feedback_buttons(texts, lang, enquiry_id))
    return text, keyboard(rows)


def feedback_buttons(texts: Texts, lang: str, enquiry_id: int) -> list[InlineKeyboardButton | None]:
    return [button(texts.get("card.helpful", lang), cb.feedback(enquiry_id, True)),
            button(texts.get("card.not_helpful", lang), cb.feedback(enquiry_id, False))]


def faq_card(faq: Faq, kb: KnowledgeBase, texts: Texts, lang: str, *, enquiry_id: int | None = None) -> Card:
    """An FAQ's answer, with its related programs as buttons."""
    related = [p for p in (kb.program(pid) for pid in faq.programs) if p is not None][:RELATED_LIMIT]
    text = escape(faq.answer.get(lang))
    if related:
        text += "\n\n" + texts.get("card.related", lang)
    rows: list[list[InlineKeyboardButton | None]] = [
        [button(p.name.get(lang), cb.program(p.id))] for p in related]
    rows.append([staff_button(texts, lang)])
    if enquiry_id is not None:
        rows.append(feedback_buttons(texts, lang, enquiry_id))
    return text, keyboard(rows)


def intent_card(intent: Intent, texts: Texts, lang: str) -> Card:
    """An intent's fixed reply, with the main menu under it (a greeting is usually followed by a choice)."""
    return escape(intent.reply.get(lang)) if intent.reply else texts.get("menu.prompt", lang), main_menu(texts, lang)


def suggestion_card(candidates: Sequence[Candidate], kb: KnowledgeBase, texts: Texts, lang: str) -> Card:
    """"Is one of these what you are looking for?" with up to three picks and "none of these"."""
    rows = []
    for candidate in candidates[:3]:
        item = kb.get(candidate.id)
        if item is not None:
            rows.append([button(label(item, lang), item_data(item))])
    rows.append([InlineKeyboardButton(texts.get("suggest.none", lang), callback_data=cb.STAFF)])
    return texts.get("suggest.ask", lang), keyboard(rows)


def fallback_card(kb: KnowledgeBase, texts: Texts, lang: str) -> Card:
    """A polite apology, a few questions the bot can answer, and the main menu (with 담당자 문의)."""
    parts = [texts.get("fallback.sorry", lang)]
    examples = [texts.get(f"fallback.example_{aspect}", lang, name=program.name.get(lang))
                for aspect, program in zip(("eligibility", "support", "apply"), example_programs(kb))]
    if examples:
        parts.append(texts.get("fallback.examples_intro", lang) + "\n" + "\n".join(f"• {e}" for e in examples))
    parts.append(texts.get("fallback.staff_hint", lang))
    return "\n\n".join(parts), main_menu(texts, lang)


def example_programs(kb: KnowledgeBase, count: int = 3) -> list[Program]:
    """One program from each of the first `count` areas (then any others), so the examples show range."""
    chosen: list[Program] = []
    for area in kb.areas:
        programs = kb.programs_in(area.id)
        if programs:
            chosen.append(programs[0])
    chosen += [p for p in kb.programs if p not in chosen]
    return chosen[:count]


def label(item: Item, lang: str) -> str:
    """A button label for any knowledge item: a program's name, else a question in the user's language."""
    if isinstance(item, Program):
        return item.name.get(lang)
    phrases = item.questions if isinstance(item, Faq) else item.examples
    in_lang = [p for p in phrases if _is_korean(p) == (lang == "ko")]
    return (in_lang or list(phrases) or [item.id])[0]


def item_data(item: Item) -> str | None:
    if isinstance(item, Program):
        return cb.program(item.id)
    if isinstance(item, Faq):
        return cb.faq(item.id)
    return cb.intent(item.id)


# -- browsing ------------------------------------------------------------------------------------------

def areas_card(kb: KnowledgeBase, texts: Texts, lang: str) -> Card:
    rows = [[button(area.name.get(lang), cb.program_list(ListKey("a", area.id)))]
            for area in kb.areas if kb.programs_in(area.id)]
    if kb.programs_in(None):
        rows.append([button(texts.get("browse.other_area", lang), cb.program_list(ListKey("a", NO_AREA)))])
    rows.append([button(texts.get("browse.back_to_menu", lang), cb.menu("menu"))])
    return texts.get("browse.areas", lang), keyboard(rows)


def list_programs(kb: KnowledgeBase, key: ListKey) -> tuple[Program, ...] | None:
    """The programs of one browse list, or None if the list no longer exists."""
    if key.kind == "a":
        if key.value == NO_AREA:
            return kb.programs_in(None)
        return kb.programs_in(key.value) if any(a.id == key.value for a in kb.areas) else None
    if key.kind == "u" and key.value in AUDIENCE_LISTS:
        return tuple(p for p in kb.programs if key.value in p.audience)
    return None


def list_card(kb: KnowledgeBase, texts: Texts, lang: str, key: ListKey) -> Card | None:
    """One page of a browse list, with page and back buttons; None if the list no longer exists."""
    programs = list_programs(kb, key)
    if programs is None:
        return None
    pages = max(1, -(-len(programs) // PAGE_SIZE))
    key = key.at(min(key.page, pages - 1))
    if key.kind == "a":
        area = next((a for a in kb.areas if a.id == key.value), None)
        name = area.name.get(lang) if area else texts.get("browse.other_area", lang)
        title = texts.get("browse.area", lang, area=name)
        back = button(texts.get("browse.back_to_areas", lang), cb.AREAS)
    else:
        title = texts.get(f"browse.audience_{key.value}", lang)
        back = button(texts.get("browse.back_to_menu", lang), cb.menu("menu"))
    if not programs:
        title += "\n\n" + texts.get("browse.empty", lang)
    page = programs[key.page * PAGE_SIZE:(key.page + 1) * PAGE_SIZE]
    rows: list[list[InlineKeyboardButton | None]] = [
        [button(p.name.get(lang), cb.program(p.id, cb.SUMMARY, key))] for p in page]
    rows.append([
        button(texts.get("browse.previous_page", lang), cb.program_list(key.at(key.page - 1))) if key.page > 0 else None,
        button(texts.get("browse.next_page", lang), cb.program_list(key.at(key.page + 1))) if key.page < pages - 1 else None,
    ])
    if key.kind == "a" and key.value != NO_AREA:
        rows.append([button(texts.get("alerts.subscribe_area", lang), cb.alert_area(key.value))])
    rows.append([back])
    return title, keyboard(rows)


# -- helpers -------------------------------------------------------------------------------------------

def _is_korean(text: str) -> bool:
    return any("\uac00" <= ch <= "\ud7a3" or "\u3131" <= ch <= "\u318e" for ch in text)


def lang_card(texts: Texts, lang: str) -> Card:
    return texts.get("lang.choose", lang), keyboard([[
        button(texts.get("lang.korean", lang), cb.lang("ko")),
        button(texts.get("lang.english", lang), cb.lang("en")),
    ]])


def help_text(texts: Texts, lang: str) -> str:
    lines = [f"/{key.split('.', 1)[1]} — {escape(texts.get(key, lang))}" for key in texts.keys("commands.")]
    return texts.get("help.body", lang, commands=Html("\n".join(lines)))

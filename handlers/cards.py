"""What the bot shows, as (HTML text, inline keyboard) pairs built from the knowledge and the texts.

Pure functions, no Telegram calls: the handlers decide where a card goes (a new message or an edit).
Every knowledge text is escaped where it is inserted.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Collection, Iterable, Mapping, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from handlers import callback_data as cb
from handlers import facts, gist
from handlers.callback_data import ListKey
from handlers.texts import Html, Texts, escape
from handlers.provenance import provenance_line, when
from handlers.window_status import program_status
from intents.decision import Candidate, Decision
from knowledge.model import Agency, Faq, Intent, Item, KnowledgeBase, Program, Referral
from knowledge.windows import KST, expects_rounds

Card = tuple[str, InlineKeyboardMarkup | None]

NO_AREA = "-"          # the ListKey value of programs written without an area
PAGE_SIZE = 8          # programs per browse page: a screenful of buttons on a phone
LABEL_LIMIT = 48       # characters of a button label before it is shortened
AUDIENCE_LISTS = ("founder", "job_seeker")  # the main menu's 창업 지원 and 일자리·인재
RELATED_LIMIT = 3      # related-program buttons under an FAQ answer
EXAMPLE_FLOOR = 15.0   # a candidate scoring less says nothing about what the person asked
BLURB_LIMIT = 70       # characters of a program's one-line description in a list


def button(label: str, data: str | None) -> InlineKeyboardButton | None:
    return InlineKeyboardButton(gist.clip(label, LABEL_LIMIT), callback_data=data) if data else None


def keyboard(rows: Iterable[Sequence[InlineKeyboardButton | None]]) -> InlineKeyboardMarkup | None:
    kept = [[b for b in row if b is not None] for row in rows]
    kept = [row for row in kept if row]
    return InlineKeyboardMarkup(kept) if kept else None


def with_row(card: Card, row: Sequence[InlineKeyboardButton | None] | None, *, replacing: str | None = None) -> Card:
    """`card` with `row` added as its keyboard's last row (the card as it is for no row); the card's button
    whose data is `replacing` goes (the menu's plain finder button, where the row offers the finder with
    what the question said: one finder button, not two)."""
    added = [b for b in row or () if b is not None]
    if not added:
        return card
    text, markup = card
    rows = [[b for b in r if replacing is None or b.callback_data != replacing]
            for r in (markup.inline_keyboard if markup is not None else ())]
    return text, InlineKeyboardMarkup([*(r for r in rows if r), added])


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
                 enquiry_id: int | None = None, back: ListKey | None = None, now: datetime | None = None,
                 agency: Agency | None = None, question: str | None = None,
                 general: Mapping[str, Faq] | None = None, reader: facts.Reader | None = None) -> Card:
    """A program's name (with the state of its application window, given `now`, when known) and the aspect
    asked, or its overview, then when its facts held, with at most two rows of buttons: the other aspects;
    then the link, 🔔 opening alert, staff, and 👍/👎 (an answer) or back (browsing).

    The overview is the summary and the first sentence of each aspect written, so a first answer says what
    the knowledge knows. An aspect asked but not written gets the sentences of the other sections that
    answer it (a date for 일정), said to be that, or, with none, one sentence saying so and the overview;
    never another question's answer as if it were this one's. A detail the `question` names that nothing
    in the program's texts mentions (항공료), whether it costs anything (무료인가요?) or how much it gives
    (얼마나 받아요?) where its texts do not say, is said to be missing from the guide before the text shown.
    `general` (gist.general_faqs) holds the knowledge base's answers for all its programs: a part not written
    (신청방법) is answered, after the program's own facts, with the general one, said to be that; a cost not
    stated, with the general one about costs. Without a link of its own the card links to the agency's
    announcements. With a `reader` (the matcher's words), the program's sentences that write what the
    question asks (handlers/facts.py: `총사업비`, `which countries`) come first where the part shown does not
    hold them; in an overview, they follow their part's first sentence.
    """
    heading = f"<b>{escape(program.name.get(lang))}</b>"
    window = program_status(program, now, texts, lang) if now is not None else None
    if window:
        heading += f"\n📅 {escape(window)}"
    subtitle = [escape(texts.get("aspects." + aspect, lang))] if aspect else []
    if program.run_by:
        subtitle.append(escape(program.run_by.get(lang)))
    if subtitle:
        heading += "\n<i>" + " · ".join(subtitle) + "</i>"
    parts = [heading]
    gaps = gist.gaps(question, program, aspect) if question else gist.Gaps()
    about = About(general or {}, agency, texts, lang)
    opening = gap_parts(gaps, program, aspect, about)
    # How much one receives, said not to be given, is not answered by a total cost found elsewhere.
    money_said = gaps.amount or bool(gaps.amount_whole) or bool(gaps.amount_of) or gaps.cost
    found = facts.found(question, program, lang, reader, visible(program, aspect, lang, opening),
                        leave=("amount",) if money_said else ()) if question and reader is not None else []
    if found and aspect:  # the fact asked, from the part that writes it, before the part asked
        block = [texts.get("card.facts_found", lang), "\n".join(f"• {escape(f.sentence)}" for f in found)]
        opening = opening[:-1] + block + opening[-1:] if opening else block + [then_line(program, aspect, texts, lang)]
    parts += opening
    # A time asked that is no recruitment period (언제 조성돼요, 몇 년 있을 수 있어요) is not answered with the
    # general text about recruitment periods.
    parts += card_body(program, aspect, texts, lang, None if gaps.other_time else about,
                       said=bool(gaps) or bool(lengths_found(gaps, program, aspect, lang)),
                       more=facts.by_section(found) if not aspect else None)
    line = provenance_line(program.as_of, program.sources, texts, lang)
    if line:
        parts.append(line)
    text = "\n\n".join(parts)

    shown = [cb.SUMMARY] if aspect else []
    shown += [name for name in program.aspects if name != aspect]
    aspect_row = [button(texts.get("aspect_buttons." + (name or "summary"), lang), cb.program(program.id, name, back))
                  for name in shown]
    action_row = [link_button(program.url, agency, texts, lang), card_staff_button(texts, lang),
                  alert_button(program, texts, lang, now)]
    if back is not None:
        action_row.append(button(texts.get("card.back", lang), cb.program_list(back)))
    elif enquiry_id is not None:
        action_row += feedback_buttons(texts, lang, enquiry_id)
    return text, keyboard([aspect_row, action_row])


_GENERAL: dict[int, tuple[KnowledgeBase, Mapping[str, Faq]]] = {}


def general_answers(kb: KnowledgeBase, faq_aspects: Mapping[str, str]) -> Mapping[str, Faq]:
    """gist.general_faqs of the knowledge base in use, found once (about 10 ms) rather than per card; a
    reload brings a new knowledge base and they are found again."""
    hit = _GENERAL.get(id(kb))
    if hit is None or hit[0] is not kb:
        _GENERAL.clear()  # the one knowledge base the bot answers from
        hit = _GENERAL[id(kb)] = (kb, gist.general_faqs(kb, faq_aspects))
    return hit[1]


@dataclass(frozen=True)
class About:
    """What a card says besides the program: the knowledge base's general answers (aspect or "cost" -> FAQ)
    and the agency they are about."""

    general: Mapping[str, Faq]
    agency: Agency | None
    texts: Texts
    lang: str

    def block(self, key: str, intro: str) -> list[str]:
        """The general answer for `key`: `intro` (card.general_*, naming the agency and when it held), its text
        without invitations, and the advice to check this program's call. [] where there is none."""
        faq = self.general.get(key)
        said = gist.general_text(faq, self.lang) if faq is not None else ""
        if faq is None or not said:
            return []
        texts, lang = self.texts, self.lang
        name = self.agency.name.get(lang) if self.agency is not None else texts.get("fallback.our_agency", lang)
        dated = texts.get("card.general_dated", lang, when=when(faq.as_of, texts, lang)) if faq.as_of else ""
        return [texts.get(intro, lang, agency=name, dated=Html(dated)), escape(said),
                texts.get("card.general_check", lang)]


def gap_parts(gaps: gist.Gaps, program: Program, aspect: str, about: About) -> list[str]:
    """The lines that open a card whose question asks what the program's texts do not say: the details
    named, whether it costs anything (then the general answer about costs), or how much; then a line
    introducing what the guide does say."""
    texts, lang = about.texts, about.lang
    found = lengths_found(gaps, program, aspect, lang)
    if not gaps and not found:
        return []
    parts: list[str] = []
    if found:  # 입주 기간 얼마나 돼요: stated in another part than the one shown (the support text), said first
        parts += [texts.get("card.duration_found", lang), "\n".join(f"• {escape(s)}" for s in found)]
    if gaps.details:
        parts.append(texts.get("card.detail_missing", lang,
                               details=texts.get("card.detail_sep", lang).join(gaps.details)))
    elif gaps.cost:
        parts.append(texts.get("card.cost_missing", lang))
    elif gaps.amount_of:
        parts.append(texts.get("card.amount_missing_of", lang, detail=gaps.amount_of))
    elif gaps.amount_whole:  # 200억 원 규모 is no amount anyone receives: said plainly, then the text
        kind = "both" if len(gaps.amount_whole) > 1 else gaps.amount_whole[0]
        parts.append(texts.get(f"card.amount_whole.{kind}", lang))
    elif gaps.amount:
        parts.append(texts.get("card.amount_missing", lang))
    if gaps.count:  # 기업당 몇 명까지: a number the guide does not give, said before the text that is no answer
        parts.append(texts.get(f"card.count_missing.{gaps.count}", lang))
    if gaps.event:  # 언제 조성돼요: when it is built, not when applications are taken
        parts.append(texts.get("card.event_missing", lang, event=gaps.event))
    if gaps.duration:  # 몇 년 있을 수 있어요: how long, not when to apply
        parts.append(texts.get("card.duration_missing", lang))
    if gaps.cost:
        parts += about.block("cost", "card.general_cost")[:2]  # its own advice to ask: the line above's
    parts.append(then_line(program, aspect, texts, lang))
    return parts


def then_line(program: Program, aspect: str, texts: Texts, lang: str) -> str:
    """"참고로 이 사업의 지원내용 안내는 다음과 같습니다.": what follows a card's opening lines."""
    if not aspect or program.aspect(aspect) is not None:
        return texts.get("card.detail_then", lang, aspect=texts.get("aspects." + (aspect or "summary"), lang))
    return texts.get("card.detail_then_any", lang)


def visible(program: Program, aspect: str, lang: str, opening: Sequence[str]) -> list[str]:
    """The program's texts a card shows anyway (the part asked; for an overview, the summary and each part's
    first sentence; for a part not written, the sentences that answer it, else the overview), and the
    sentences its opening lines quote: what a sentence found for the question must beat."""
    body = program.aspect(aspect) if aspect else None
    if body is not None:
        shown = [body.get(lang)]
    elif aspect and (answering := gist.answering(program, aspect, lang)):
        shown = answering
    else:
        shown = [program.summary.get(lang), *(gist.first_sentence(t, lang) for t in program.aspects.values())]
    return shown + [s for s in gist.lengths(program, lang) if any(s in line for line in opening)]


def lengths_found(gaps: gist.Gaps, program: Program, aspect: str, lang: str) -> list[str]:
    """Where a length of time is asked (몇 년 있을 수 있어요) and stated: the sentences stating it that the part
    shown does not hold."""
    if gaps.other_time != "length" or gaps.duration:
        return []
    shown = program.aspect(aspect) if aspect else None
    return [s for s in gist.lengths(program, lang) if shown is None or s not in shown.get(lang)]


def card_body(program: Program, aspect: str, texts: Texts, lang: str, about: About | None = None, *,
              said: bool = False, more: Mapping[str, Sequence[str]] | None = None) -> list[str]:
    """The paragraphs (HTML) under a card's heading: the aspect's text; for an aspect not written, what
    the other sections say about it, else the overview (the program's own facts first) and then the
    knowledge base's general answer for that part, said to be general, or a sentence saying the part is
    not written (left out where the card's first line `said` what is missing); else the overview, with
    `more` (aspect -> sentences the question asks, handlers/facts.py) after each part's first sentence."""
    body = program.aspect(aspect) if aspect else None
    if body is not None:
        return [escape(body.get(lang))]
    if not aspect:
        return overview(program, texts, lang, more)
    found = gist.answering(program, aspect, lang)
    if found:
        return [texts.get(f"card.aspect_found.{aspect}", lang), "\n".join(f"• {escape(s)}" for s in found),
                texts.get("card.aspect_found_check", lang)]
    parts = overview(program, texts, lang)
    general = about.block(aspect, f"card.general.{aspect}") if about is not None else []
    if general:
        return parts + general
    if said:
        return parts
    return parts + [texts.get("card.aspect_missing", lang, aspect=texts.get("aspects." + aspect, lang))]


def overview(program: Program, texts: Texts, lang: str, more: Mapping[str, Sequence[str]] | None = None) -> list[str]:
    """The summary, then a line for each aspect written: its first sentence, whole (a fact is never cut in
    the middle), and the sentences of that part the question asks (`more`), in the order written."""
    parts = [escape(program.summary.get(lang))]
    lines = [texts.get("card.gist_line", lang, aspect=texts.get("aspects." + name, lang),
                       line=" ".join(gist.first_sentences(text.get(lang), (more or {}).get(name, ()))))
             for name, text in program.aspects.items()]
    if lines:
        parts.append("\n".join(lines) + "\n" + texts.get("card.gist_more", lang))
    return parts


def alert_button(program: Program, texts: Texts, lang: str, now: datetime | None) -> InlineKeyboardButton | None:
    """🔔 접수 알림 받기, only where a next application round is something to wait for."""
    if not expects_rounds(program, now or datetime.now(KST)):
        return None
    return button(texts.get("alerts.subscribe_program", lang), cb.alert_program(program.id))


def link_button(url: str | None, agency: Agency | None, texts: Texts, lang: str) -> InlineKeyboardButton | None:
    """The item's own page, else the agency's announcements (공고), else nothing."""
    if url:
        return InlineKeyboardButton(texts.get("card.url", lang), url=url)
    if agency is not None and agency.url:
        return InlineKeyboardButton(texts.get("card.announcements", lang), url=agency.url)
    return None


def card_staff_button(texts: Texts, lang: str) -> InlineKeyboardButton:
    """담당자 문의 in a card's row of four, where the menu's longer label would be cut off."""
    return InlineKeyboardButton(texts.get("card.staff", lang), callback_data=cb.STAFF)


def feedback_buttons(texts: Texts, lang: str, enquiry_id: int) -> list[InlineKeyboardButton | None]:
    return [button(texts.get("card.helpful", lang), cb.feedback(enquiry_id, True)),
            button(texts.get("card.not_helpful", lang), cb.feedback(enquiry_id, False))]


def faq_card(faq: Faq, kb: KnowledgeBase, texts: Texts, lang: str, *, enquiry_id: int | None = None) -> Card:
    """An FAQ's answer and when it held, its related programs as buttons, then link, staff and 👍/👎."""
    related = [p for p in (kb.program(pid) for pid in faq.programs) if p is not None][:RELATED_LIMIT]
    parts = [escape(faq.answer.get(lang))]
    line = provenance_line(faq.as_of, faq.sources, texts, lang)
    if line:
        parts.append(line)
    if related:
        parts.append(texts.get("card.related", lang))
    rows: list[list[InlineKeyboardButton | None]] = [
        [button(p.name.get(lang), cb.program(p.id))] for p in related]
    action_row = [link_button(faq.url, None, texts, lang), card_staff_button(texts, lang)]
    if enquiry_id is not None:
        action_row += feedback_buttons(texts, lang, enquiry_id)
    rows.append(action_row)
    return "\n\n".join(parts), keyboard(rows)


def referral_card(referral: Referral, texts: Texts, lang: str, *, enquiry_id: int | None = None,
                  aspect: str = "", question: str | None = None) -> Card:
    """"이 문의는 ○○에서 담당합니다", what to ask there, how to reach it and when that held; the link. Asked
    for its contact (`전화번호 좀 알려주세요` after it: the aspect, or the `question`'s words), how to reach it
    comes first."""
    parts = [texts.get("card.referral", lang, name=referral.name.get(lang)), escape(referral.answer.get(lang))]
    if referral.contact:
        contact = texts.get("card.referral_contact", lang, contact=referral.contact.get(lang))
        first = aspect == "contact" or (question is not None and gist.asks(question, "contact"))
        parts.insert(1, contact) if first else parts.append(contact)
    line = provenance_line(referral.as_of, referral.sources, texts, lang)
    if line:
        parts.append(line)
    link = (InlineKeyboardButton(texts.get("card.referral_url", lang), url=referral.url)
            if referral.url else None)
    row = [link, card_staff_button(texts, lang)]
    if enquiry_id is not None:
        row += feedback_buttons(texts, lang, enquiry_id)
    return "\n\n".join(parts), keyboard([row])


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


EXAMPLE_ASPECTS = ("eligibility", "support", "apply")


def example_aspect(program: Program, turn: int) -> str:
    """The aspect to ask about in the `turn`th example: one the program has, varied from line to line."""
    order = EXAMPLE_ASPECTS[turn % 3:] + EXAMPLE_ASPECTS[:turn % 3]
    return next((a for a in order if program.aspect(a) is not None), "summary")


def label(item: Item, lang: str) -> str:
    """A button label for any knowledge item: a program's or institution's name, else a question in the
    user's language."""
    if isinstance(item, (Program, Referral)):
        return item.name.get(lang)
    phrases = item.questions if isinstance(item, Faq) else item.examples
    in_lang = [p for p in phrases if _is_korean(p) == (lang == "ko")]
    phrase = (in_lang or list(phrases) or [item.id])[0]
    # questions are written as people type them ("is there a guide ..."); a button starts as a sentence does
    return phrase[:1].upper() + phrase[1:]


def also_row(kb: KnowledgeBase, decision: Decision, texts: Texts, lang: str) -> list[InlineKeyboardButton | None]:
    """Buttons for the other items a message asked about beside the one answered (Decision.also)."""
    items = [item for item in (kb.get(i) for i in decision.also if i != decision.id) if item is not None]
    template = texts.get("card.also_asked", lang)  # a button's label is plain text: not escaped as HTML
    return [button(template.replace("{name}", label(item, lang)), item_data(item)) for item in items[:RELATED_LIMIT]]


def item_data(item: Item) -> str | None:
    if isinstance(item, Program):
        return cb.program(item.id)
    if isinstance(item, Faq):
        return cb.faq(item.id)
    if isinstance(item, Referral):
        return cb.referral(item.id)
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


def list_card(kb: KnowledgeBase, texts: Texts, lang: str, key: ListKey, now: datetime | None = None, *,
              marks: Mapping[str, str] | None = None, intro: str | None = None,
              leave_out: Collection[str] = ()) -> Card | None:
    """One page of a list of programs - an area's (also the answer to `수소 관련 지원사업 뭐 있어요`) or an
    audience's: each program's name and what it is in one line, a button each, page and back buttons, and
    for an area with a program whose next round is worth waiting for, its 🔔. None if the list no longer
    exists. `marks` (program id -> HTML) are put after a program's line, `intro` (HTML) under the title:
    how the programs fit what the asker said (handlers/fitting.py). `leave_out`: ids not listed (ruled out by
    the asker: `그거 말고 ...`); a page button shows the whole list again."""
    programs = list_programs(kb, key)
    if programs is None:
        return None
    programs = tuple(p for p in programs if p.id not in leave_out)
    pages = max(1, -(-len(programs) // PAGE_SIZE))
    key = key.at(min(key.page, pages - 1))
    if key.kind == "a":
        area = kb.area(key.value)
        name = area.name.get(lang) if area else texts.get("browse.other_area", lang)
        title = texts.get("browse.area", lang, area=name, count=len(programs))
        back = button(texts.get("browse.back_to_areas", lang), cb.AREAS)
    else:
        title = texts.get(f"browse.audience_{key.value}", lang)
        back = button(texts.get("browse.back_to_menu", lang), cb.menu("menu"))
    page = programs[key.page * PAGE_SIZE:(key.page + 1) * PAGE_SIZE]
    if intro:
        title += "\n\n" + intro
    if not programs:
        title += "\n\n" + texts.get("browse.empty", lang)
    else:
        title += "\n\n" + "\n".join(f"• <b>{escape(p.name.get(lang))}</b> — {escape(blurb(p, lang))}"
                                     + (f"\n   {marks[p.id]}" if marks and p.id in marks else "") for p in page)
    rows: list[list[InlineKeyboardButton | None]] = [
        [button(p.name.get(lang), cb.program(p.id, cb.SUMMARY, key))] for p in page]
    rows.append([
        button(texts.get("browse.previous_page", lang), cb.program_list(key.at(key.page - 1))) if key.page > 0 else None,
        button(texts.get("browse.next_page", lang), cb.program_list(key.at(key.page + 1))) if key.page < pages - 1 else None,
    ])
    if key.kind == "a" and key.value != NO_AREA and any(expects_rounds(p, now or datetime.now(KST)) for p in programs):
        rows.append([button(texts.get("alerts.subscribe_area", lang), cb.alert_area(key.value))])
    rows.append([back])
    return title, keyboard(rows)


def blurb(program: Program, lang: str) -> str:
    """What a program is, in one short line: the first sentence of its summary, cut between words."""
    return gist.first_sentence(program.summary, lang, BLURB_LIMIT)


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

"""Answers that fit the person who asks: what the question says about them, against the programs shown.

    52살인데 일자리 매칭 신청할 수 있나요?  -> the card, opened by "⚠️ 이 사업은 만 39세 이하 대상이라 ...",
                                             the same area's programs that do not conflict, the finder
    (a youth program without an age range)  -> "ℹ️ ... 나이 조건을 먼저 확인해 주세요"
    52세 구직자인데 일자리 지원 뭐 있어요?  -> the area's list, each program that leaves them out marked ✘
    50대도 창업 지원 되나요?               -> the startup area's list (the matcher's: intents/asked_area.py),
                                             saying nothing said rules the asker out

The question answerer (handlers/asking.py) hands every decision here (`show`); a question that says
nothing about the asker, or whose answer nothing said conflicts with, is shown as it always was. Only a
program's `criteria:` are judged (knowledge/asker.py): nothing is said of a program without them, but for
a youth program whose sources give no age.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Awaitable, Callable, Iterable, Sequence

import yaml

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from handlers import callback_data as cb
from handlers import cards, conversing, facts, finder
from handlers import finder_cards as fc
from handlers.context import BotContext
from handlers.replies import send
from handlers.texts import Html, Texts, escape
from intents.decision import Decision
from knowledge.asker import Asker, Fit, fit, fits_of, meets, read
from knowledge.eligibility import Check
from knowledge.model import Faq, KnowledgeBase, Program

ALTERNATIVES = 3  # programs of the same area offered under a card that leaves the asker out
MATCH_LIMIT = 4096

Offer = list[InlineKeyboardButton | None] | None
Otherwise = Callable[..., Awaitable[None]]


async def show(update: Update, context: BotContext, text: str, decision: Decision, lang: str, *,
               offer: Offer = None, otherwise: Otherwise) -> None:
    """Show `decision` for the question `text`, fitted to what it says about the asker; `otherwise`
    (asking.show_decision) where there is nothing to fit."""
    # What the question rules out says nothing of the asker: `예비창업자 말고 방산 쪽 지원은 없습니까` is no
    # pre-founder asking (the matcher's asked part, as handlers/finder_route.py reads it).
    text = context.matcher.asked(text[:MATCH_LIMIT])
    asker = read(text)
    if not asker or not any(p.criteria for p in context.kb.programs):
        await otherwise(update, context, decision, lang, offer=offer)
        return
    kb = context.kb
    item = kb.get(decision.id) if decision.kind == "answer" and decision.id else None
    if decision.area and kb.area(decision.area) is not None:
        await _show_area(update, context, asker, decision.area, lang, offer)
    elif isinstance(item, Program) and (found := fit(item, asker)) is not None:
        await _show_program(update, context, asker, item, found, decision, lang, offer, text)
    elif isinstance(item, Program) and decision.aspect == "eligibility" and (met := meets(item, text[:MATCH_LIMIT])):
        await _show_met(update, context, asker, item, met, decision, lang, offer)  # 30살인데 되나요?: yes, by age
    elif isinstance(item, Program) and decision.aspect == "eligibility" and asker.age is not None \
            and not writes_age(item):
        await _show_no_age(update, context, asker, item, decision, lang, offer)  # 50살인데 예비창업자 지원 되나요?
    elif isinstance(item, Faq) and (warned := offered_note(_programs(kb, item.programs), asker, context.texts, lang)):
        await _show_faq(update, context, asker, item, warned, lang, offer)
    elif decision.kind == "suggest" and (warned := offered_note(
            _programs(kb, [c.id for c in decision.suggestions[:3]]), asker, context.texts, lang)):
        card = cards.suggestion_card(decision.suggestions, kb, context.texts, lang)
        await send(update, context, *cards.with_row((warned + "\n\n" + card[0], card[1]), offer))
        conversing.remember_options(context, (c.id for c in decision.suggestions), None)  # as asking.show_decision
    else:
        await otherwise(update, context, decision, lang, offer=offer)


def _programs(kb: KnowledgeBase, ids: Iterable[str]) -> list[Program]:
    return [p for p in (kb.program(pid) for pid in ids) if p is not None]


def offered_note(programs: Sequence[Program], asker: Asker, texts: Texts, lang: str) -> str | None:
    """`⚠️ 말씀하신 조건(52세)으로는 다음 사업의 신청 대상이 아닐 수 있습니다: 신산업 연계 청년일자리(만 39세
    이하)`, for the programs offered that leave the asker out; None when none does."""
    failing = [(p, f) for p in programs if (f := fit(p, asker)) is not None and f.outcome == "fails"]
    if not failing:
        return None
    names = [texts.get("asker.offered_item", lang, name=p.name.get(lang),
                       condition=" · ".join(fc.check_label(c, texts, lang) for c in f.checks)) for p, f in failing]
    return texts.get("asker.offered", lang, said=said(asker, [f for _, f in failing], texts, lang),
                     programs=Html(", ".join(names)))


async def _show_faq(update: Update, context: BotContext, asker: Asker, faq: Faq, warned: str, lang: str,
                    offer: Offer) -> None:
    """An FAQ's answer opened by the note, its related programs that do not leave the asker out first."""
    from handlers import asking  # it calls this module: imported when used

    asking.remember(context, faq)
    text, markup = cards.faq_card(faq, context.kb, context.texts, lang, enquiry_id=context.enquiry_id)
    failing = {cb.program(p.id) for p in _programs(context.kb, faq.programs)
               if (f := fit(p, asker)) is not None and f.outcome == "fails"}
    rows = [list(r) for r in markup.inline_keyboard] if markup is not None else []
    related = [r for r in rows if len(r) == 1 and r[0].callback_data in {cb.program(pid) for pid in faq.programs}]
    rest = [r for r in rows if r not in related]
    related.sort(key=lambda r: r[0].callback_data in failing)  # stable: the file's order otherwise
    await send(update, context, warned + "\n\n" + text,
               cards.keyboard([*related, *rest, list(offer or _finder_offer(context, asker, lang) or ())]))


async def _show_area(update: Update, context: BotContext, asker: Asker, area: str, lang: str, offer: Offer) -> None:
    kb, texts = context.kb, context.texts
    programs = kb.programs_in(area)
    fits = fits_of(programs, asker)
    marks = {pid: _mark(f, texts, lang) for pid, f in fits.items()}
    intro = None
    if marks:
        intro = texts.get("asker.list_intro", lang, said=said(asker, fits.values(), texts, lang))
        if all(fits.get(p.id) is not None and fits[p.id].outcome == "fails" for p in programs):
            intro += "\n" + texts.get("asker.list_none", lang)
    elif any(p.criteria for p in programs) and (told := said(asker, (), texts, lang)):
        # 50대도 창업 지원 되나요?: what they asked, answered: no stated condition rules them out
        intro = texts.get("asker.list_fits", lang, said=told)
    card = cards.list_card(kb, texts, lang, cb.ListKey("a", area), now=context.store.clock(), marks=marks, intro=intro)
    if card is None:
        return
    await send(update, context, *cards.with_row(card, offer or (_finder_offer(context, asker, lang) if marks else None)))
    conversing.remember_options(context, (p.id for p in programs))


async def _show_program(update: Update, context: BotContext, asker: Asker, program: Program, found: Fit,
                        decision: Decision, lang: str, offer: Offer, asked: str = "") -> None:
    kb, texts = context.kb, context.texts
    text, markup = _card(update, context, program, decision, lang)
    served = _served_note(found, asker, program, asked, texts, lang)
    if served is not None:  # 41살 군필: the limit its text stretches for military service, or that it writes none
        found, opening = served
    else:
        opening = note(found, asker, texts, lang)
    parts = [opening]
    rows: list[Sequence[InlineKeyboardButton | None]] = []
    if found.outcome == "fails" and program.area is not None:
        others = [p for p in kb.programs_in(program.area.id)
                  if p.id != program.id and p.criteria and _open_to(p, asker, asked)][:ALTERNATIVES]
        parts.append(texts.get("asker.others" if others else "asker.no_others", lang))
        rows = [[cards.button(p.name.get(lang), cb.program(p.id))] for p in others]
    text = "\n".join(parts) + "\n\n" + text
    await send(update, context, text, _rows_before(markup, rows, offer or _finder_offer(context, asker, lang)))


async def _show_met(update: Update, context: BotContext, asker: Asker, program: Program, met: Sequence[Check],
                    decision: Decision, lang: str, offer: Offer) -> None:
    """The eligibility card opened by what the asker said that meets its conditions (knowledge/asker.py `meets`)."""
    texts = context.texts
    text, markup = _card(update, context, program, decision, lang)
    condition = " · ".join(fc.check_label(c, texts, lang) for c in met)
    opening = texts.get("asker.meets", lang, condition=condition, said=said(asker, [Fit("check", tuple(met))], texts, lang))
    await send(update, context, opening + "\n\n" + text, _rows_before(markup, [], offer))


async def _show_no_age(update: Update, context: BotContext, asker: Asker, program: Program, decision: Decision,
                       lang: str, offer: Offer) -> None:
    """The eligibility card opened by what the guide says of the age the asker gave: nothing (no age limit
    written), to be checked in the current call."""
    text, markup = _card(update, context, program, decision, lang)
    opening = context.texts.get("asker.no_age", lang, said=age_text(asker, context.texts, lang))
    await send(update, context, opening + "\n\n" + text, _rows_before(markup, [], offer))


_WORDS = yaml.safe_load(Path(__file__).with_name("fitting.yaml").read_text(encoding="utf-8"))
_AGE_WRITTEN = [re.compile(p) for p in _WORDS["age_written"]]
_AGE_EXTENDED = [re.compile(p) for p in _WORDS["age_extended"]]
_SERVED = [re.compile(p) for p in _WORDS["served"]]


def extended_age(program: Program) -> int | None:
    """The age up to which the program's eligibility text says military service stretches its limit (`군 복무를 마친
    청년은 … 최대 만 42세까지`), or None where it writes none (handlers/fitting.yaml `age_extended`)."""
    text = program.aspect("eligibility")
    written = " ".join(v for _, v in text.values).lower() if text is not None else ""
    found = [int(m.group(1)) for p in _AGE_EXTENDED for m in p.finditer(written)]
    return max(found) if found else None


def says_served(text: str) -> bool:
    """Whether the asker says they did military service (handlers/fitting.yaml `served`)."""
    lowered = text.lower()
    return any(p.search(lowered) for p in _SERVED)


def writes_age(program: Program) -> bool:
    """Whether the program states an age condition: in its criteria, or in its eligibility text or summary as
    written (handlers/fitting.yaml `age_written`: 만 39세, 청년, aged 18-39)."""
    if any(c.age_min is not None or c.age_max is not None or c.youth for c in program.criteria):
        return True
    texts = [t for t in (program.aspect("eligibility"), program.summary) if t is not None]
    written = " ".join(v for t in texts for _, v in t.values).lower()
    return any(p.search(written) for p in _AGE_WRITTEN)


def _card(update: Update, context: BotContext, program: Program, decision: Decision,
          lang: str) -> tuple[str, InlineKeyboardMarkup | None]:
    """The program's card for the aspect asked, remembered as the chat's last answer (as asking.show_item)."""
    from handlers import asking  # it calls this module: imported when used

    asking.remember(context, program)
    return cards.program_card(program, context.texts, lang, aspect=decision.aspect or cb.SUMMARY,
                              enquiry_id=context.enquiry_id, now=context.store.clock(), agency=context.kb.agency,
                              question=asking.asked_text(update), general=asking.general_answers(context),
                              reader=facts.Reader.of(context.matcher))


def _open_to(program: Program, asker: Asker, asked: str) -> bool:
    """Whether nothing said leaves the asker out of `program`: no condition against them, or (they say they served)
    only an age past its limit but within the stretch its criteria (`up_to`) or text give for military service."""
    found = fit(program, asker)
    if found is None:
        return True
    if found.outcome != "check" or asker.age is None or not says_served(asked) \
            or any(c.kind != "age" for c in found.checks) or not found.checks:
        return False
    up_to = max((c.values[2] for c in found.checks if len(c.values) == 3 and isinstance(c.values[2], int)),
                default=extended_age(program))
    return up_to is not None and asker.age[0] <= up_to


def _served_note(found: Fit, asker: Asker, program: Program, asked: str, texts: Texts,
                 lang: str) -> tuple[Fit, str] | None:
    """Where only the age leaves the asker out: the program's own text may stretch the limit for military service
    (`최대 만 42세`): within it, the age is to be checked, not a failure; where the asker says they served and the text
    writes no such thing, the failure says the guide writes none. None otherwise (the usual note)."""
    if found.outcome != "fails" or not found.checks or any(c.kind != "age" for c in found.checks) or asker.age is None:
        return None
    condition = " · ".join(fc.check_label(c, texts, lang) for c in found.checks)
    who_said = said(asker, [found], texts, lang)
    up_to = extended_age(program)
    if up_to is not None and asker.age[0] <= up_to:
        checked = Fit("check", found.checks)
        return checked, texts.get("asker.check_served", lang, condition=condition, up_to=str(up_to), said=who_said)
    if up_to is None and says_served(asked):
        return found, texts.get("asker.fails", lang, condition=condition, said=who_said) + " " + \
            texts.get("asker.no_extension", lang)
    return None


def note(found: Fit, asker: Asker, texts: Texts, lang: str) -> str:
    """The sentence that opens a card: the asker may not be eligible, or should check the age."""
    who_said = said(asker, [found], texts, lang)
    if found.outcome == "fails":
        condition = " · ".join(fc.check_label(c, texts, lang) for c in found.checks)
        return texts.get("asker.fails", lang, condition=condition, said=who_said)
    if not found.checks or found.checks[0].values == ("youth",):
        return texts.get("asker.check_youth", lang, said=who_said)
    return texts.get("asker.check_range", lang, condition=fc.check_label(found.checks[0], texts, lang), said=who_said)


def said(asker: Asker, fits: Iterable[Fit], texts: Texts, lang: str) -> str:
    """What the asker said that the fits turn on, as they said it (52살) or in the finder's words (대학생)."""
    # No checks: a youth program without criteria (the age), or nothing against the asker (all they said).
    kinds = {c.kind for f in fits for c in f.checks} or {"age", "who", "founded_within"}
    parts = []
    if asker.age is not None and "age" in kinds:
        parts.append(age_text(asker, texts, lang))
    if asker.who and kinds & {"who", "founded_within", "size"}:
        parts += [fc.option_label(texts, lang, "who", w) for w in asker.who]
    if asker.years is not None and "founded_within" in kinds:
        parts.append(texts.get("finder.answer.years", lang, band=fc.option_label(texts, lang, "years", asker.years)))
    return texts.get("asker.said_sep", lang).join(dict.fromkeys(parts)) if parts else ""


age_text = fc.age_text  # 52세, 50대, 중장년 (also the finder's, for a question that starts it)


def _mark(found: Fit, texts: Texts, lang: str) -> str:
    """A list line's mark (escaped HTML): `✘ 만 39세 이하 대상`, `? 청년 대상(나이 기준은 공고 확인)`."""
    if found.outcome == "fails":
        condition = " · ".join(fc.check_label(c, texts, lang) for c in found.checks)
        return escape(texts.get("asker.mark_fails", lang, condition=condition))
    label = fc.check_label(found.checks[0], texts, lang) if found.checks else texts.get("asker.youth", lang)
    return escape(texts.get("asker.mark_check", lang, condition=label))


def _finder_offer(context: BotContext, asker: Asker, lang: str) -> Offer:
    return finder.offer_row(context, asker.finder_profile(), lang)


def _rows_before(markup: InlineKeyboardMarkup | None, rows: Sequence[Sequence[InlineKeyboardButton | None]],
                 last: Offer) -> InlineKeyboardMarkup | None:
    """The card's keyboard with `rows` (the programs offered instead) above it and `last` under it."""
    kept = [list(r) for r in rows] + ([list(r) for r in markup.inline_keyboard] if markup is not None else [])
    return cards.keyboard([*kept, list(last or ())])


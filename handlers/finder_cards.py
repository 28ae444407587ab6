"""What the finder shows: its questions, the list of programs that fit (with a reason per criterion),
and "why not" for a close miss. Pure functions: (HTML text, keyboard) pairs, no Telegram calls.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from datetime import datetime

from telegram import InlineKeyboardButton

from handlers import callback_data as cb
from handlers.cards import Card, button, keyboard
from handlers.texts import Html, Texts, escape
from handlers.window_status import program_status
from intents.lexicon import read_yaml
from knowledge.asker import ASKER_FILE, Asker, fit
from knowledge.eligibility import (AGE_BANDS, AUDIENCES_OF_WHO, FIELDS, HOME_REGIONS, NEEDS, SIZES, WHO, YEAR_BANDS,
                                   YOUTH_AGE_MAX, Assessment, Check, Profile, age_band, assess)
from knowledge.model import KnowledgeBase, Program
from knowledge.profile_text import topics_of
from knowledge.windows import status, takes_applications

PREFIX = "fd"
STEPS = ("who", "years", "size", "age", "region", "field", "need")
OPTIONS: dict[str, tuple[str, ...]] = {"who": WHO, "years": tuple(YEAR_BANDS), "size": SIZES,
                                       "age": tuple(AGE_BANDS), "region": HOME_REGIONS, "field": FIELDS,
                                       "need": NEEDS}
FITS_SHOWN = 6      # programs listed in full; more are counted
CLOSE_SHOWN = 3     # close misses offered with "why not"
MAYBE_SHOWN = 4     # programs without criteria that may concern the person ("확인 필요")
SEP = " · "


@dataclass(frozen=True)
class Result:
    program: Program
    assessment: Assessment


def steps_for(profile: Profile) -> tuple[str, ...]:
    """The questions for this kind of person: years for startups, size for companies, age for people."""
    steps = ["who"]
    if profile.who == "startup":
        steps.append("years")
    if profile.who == "sme":
        steps.append("size")
    else:
        steps.append("age")
    return (*steps, "region", "field", "need")


def next_step(profile: Profile, asked: list[str]) -> str | None:
    return next((s for s in steps_for(profile) if s not in asked), None)


# -- words -----------------------------------------------------------------------------------------

def option_label(texts: Texts, lang: str, step: str, value: str) -> str:
    return texts.get(f"finder.option.{step}.{value}", lang)


def profile_text(profile: Profile, texts: Texts, lang: str) -> str:
    """"창업기업 · 업력 1~3년 · 창원 · 제조" (plain text; escaped where inserted)."""
    parts = []
    for step in STEPS:
        value = getattr(profile, step)
        if value is None or (step == "years" and profile.who != "startup") or (step == "size" and profile.who != "sme"):
            continue
        label = option_label(texts, lang, step, value)
        parts.append(texts.get("finder.answer.years", lang, band=label) if step == "years" else label)
    return SEP.join(parts) or texts.get("finder.nothing_answered", lang)


def age_text(asker: Asker, texts: Texts, lang: str) -> str:
    """The age the asker gave in one form: 52세, 50대, 40세 이상; a band's word as they wrote it (중장년)."""
    if asker.age_said or asker.age is None:
        return asker.age_said
    low, high = asker.age
    if high is None:
        return texts.get("asker.age_over", lang, age=low)
    if low == high:
        return texts.get("asker.age_exact", lang, age=low)
    if low % 10 == 0 and high == low + 9:
        return texts.get("asker.age_decade", lang, age=low)
    return texts.get("asker.age_range", lang, low=low, high=high)


def _names(texts: Texts, lang: str, step: str, values: tuple[str, ...]) -> str:
    return "·".join(option_label(texts, lang, step, v) for v in values)


def check_label(check: Check, texts: Texts, lang: str) -> str:
    """What a criterion asks for, in words: "창원 소재", "업력 3년 이내", "만 39세 이하"."""
    t = "finder.check."
    if check.kind == "who":
        return texts.get(t + "who", lang, who=_names(texts, lang, "who", check.values))
    if check.kind == "region":
        return texts.get(t + f"region_{check.values[0]}", lang)
    if check.kind == "founded_within":
        return texts.get(t + "founded_within", lang, years=check.values[0])
    if check.kind == "size":
        return texts.get(t + "size", lang, size=_names(texts, lang, "size", check.values))
    if check.kind == "age":
        if check.values == ("youth",) and check.outcome == "fail":  # past every usual limit (beyond_youth)
            return texts.get(t + "age_youth_over", lang, max=YOUTH_AGE_MAX)
        if check.values == ("youth",):
            return texts.get(t + "age_youth", lang)
        low, high, *up_to = check.values
        if low is not None and high is not None:
            label = texts.get(t + "age_range", lang, min=low, max=high)
        else:
            label = texts.get(t + "age_max", lang, max=high) if high is not None else texts.get(t + "age_min", lang, min=low)
        return texts.get(t + "age_up_to", lang, age=label, up_to=up_to[0]) if up_to else label
    step = check.kind  # field, need
    return texts.get(t + step, lang, **{step: _names(texts, lang, step, check.values)})


def checks_line(assessment: Assessment, texts: Texts, lang: str) -> str:
    """`창원 소재 ✔ · 업력 3년 이내 ✔ · 만 39세 이하 ✘` (escaped HTML)."""
    return SEP.join(f"{escape(check_label(c, texts, lang))} {texts.get('finder.marks.' + c.outcome, lang)}"
                    for c in assessment.checks)


# -- judging the knowledge base --------------------------------------------------------------------

@functools.cache
def _is_also(key: str = "is_also") -> dict[str, dict[str, tuple[str, ...]]]:
    """intents/lexicon/asker.yaml `is_also` (or `may_be`): step -> answer -> the answers it surely (or may
    well) is too."""
    data = read_yaml(ASKER_FILE).get(key) or {}
    return {str(step): {str(k): tuple(str(v) for v in (vs or ())) for k, vs in (pairs or {}).items()}
            for step, pairs in data.items()}


def kinds_of(step: str, answer: str | None) -> tuple[str, ...]:
    """An answer and what it surely is too: startup -> (startup, sme); defense -> (defense, manufacturing)."""
    return () if answer is None else (answer, *_is_also().get(step, {}).get(answer, ()))


def maybe_kinds(step: str, answer: str | None) -> tuple[str, ...]:
    """What an answer may well be too (`may_be`): student -> (pre_founder,)."""
    return () if answer is None else _is_also("may_be").get(step, {}).get(answer, ())


def judge(program: Program, profile: Profile) -> Assessment | None:
    """The program's criteria against the person as each kind they surely are (a start-up is judged as an
    SME too), and as each kind they may be (a student may be founding: who is then "?"), the best fit
    counting; for a program without criteria, a miss where it is named for a sector the person said is not
    theirs (`sector_miss`); None where there is nothing to judge."""
    if program.criteria:
        found = [a for who in (kinds_of("who", profile.who) or (None,))
                 if (a := assess(program.criteria, replace(profile, who=who))) is not None]
        found += [_maybe(a, who) for who in maybe_kinds("who", profile.who)
                  if (a := assess(program.criteria, replace(profile, who=who))) is not None]
        return min(found, key=Assessment.rank) if found else None
    sectors = sector_miss(program, profile)
    return Assessment((Check("field", "fail", sectors),)) if sectors else None


def _maybe(assessment: Assessment, who: str) -> Assessment:
    """An assessment made as a kind the person may be: what it meets only as that kind (who they are, and
    the years or size that follow from it: a pre-founder has founded nothing) is to be checked
    (`예비창업자 ?`), never ✔."""
    def checked(c: Check) -> Check:
        if c.outcome != "pass" or c.kind not in ("who", "founded_within", "size"):
            return c
        return Check(c.kind, "unknown", (who,) if c.kind == "who" else c.values)
    return Assessment(tuple(checked(c) for c in assessment.checks))


def sector_miss(program: Program, profile: Profile) -> tuple[str, ...]:
    """The sectors a program without criteria is named for (its name, aliases, area), none of them the
    person's: `방산 중소기업 기술경쟁력 강화` for a manufacturer outside defence. A sector named beside its
    broader one (방위·항공부품: defense and manufacturing) counts as the narrower. Empty where the person gave
    no field (or "other") or one of the program's."""
    if profile.field in (None, "other"):
        return ()
    words = [v for _, v in program.name.values] + list(program.aliases)
    if program.area is not None:
        words += [v for _, v in program.area.name.values]
    named, _ = topics_of(" ".join(words))
    narrow = named - {broad for f in named for broad in kinds_of("field", f)[1:]}
    if not narrow or narrow & set(kinds_of("field", profile.field)):
        return ()
    return tuple(f for f in FIELDS if f in narrow)


def rank_programs(kb: KnowledgeBase, profile: Profile, now: datetime) -> tuple[list[Result], list[Result], int]:
    """(programs that fit, those that miss on one point, how many programs have no criteria), best first.

    Best: fewest criteria failed, then most met, then fewest left open; among equals an open window
    first, then the knowledge files' order.
    """
    judged: list[tuple[tuple, Result]] = []
    unjudged = 0
    for order, program in enumerate(kb.programs):
        assessment = judge(program, profile)
        if assessment is None:
            unjudged += 1
            continue
        current = status(program.windows, now)
        open_rank = {"open": 0, "upcoming": 1}.get(current[0], 2) if current else 2
        # Among equals, a program for the kind the person said before one for a kind they surely are too
        # (창업기업: start-up programs before those for every SME).
        own = assess(program.criteria, profile) if program.criteria else None
        broader = int(own is None or own.rank() != assessment.rank())
        judged.append(((*assessment.rank(), broader, open_rank, order), Result(program, assessment)))
    judged.sort(key=lambda pair: pair[0])
    fits = [r for _, r in judged if r.assessment.fails == 0]
    # A close miss fails on one point the person could meet (what they need, where, when founded): a program
    # for another kind of person (a job seeker's, for a start-up; a company's, without criteria, for a
    # student) is not one.
    close = [r for _, r in judged if r.assessment.fails == 1
             and not any(c.kind == "who" and c.outcome == "fail" for c in r.assessment.checks)
             and (r.program.criteria or for_who(r.program, profile))]
    return fits, close, unjudged


def may_concern(program: Program, profile: Profile) -> bool:
    """Whether a program the finder cannot judge (no criteria) may concern the person: one people apply
    to, written for who they are (its `audience`), and about what they need or their field where they
    said (its name, aliases, area and summary mention it). Never a judgement of eligibility: listed as
    "확인 필요"."""
    if program.criteria or not takes_applications(program) or sector_miss(program, profile):
        return False  # judged already (a sector not theirs: a close miss), or nothing to apply to (an event)
    if not for_who(program, profile):
        return False
    wanted = {w for w in (profile.need, profile.field) if w not in (None, "other")}
    if not wanted:
        return profile.who is not None  # who they are is all there is to go by
    words = [v for _, v in program.name.values] + list(program.aliases) + [v for _, v in program.summary.values]
    if program.area is not None:
        words += [v for _, v in program.area.name.values]
    fields, needs = topics_of(" ".join(words))
    return bool(wanted & (fields | needs))


def for_who(program: Program, profile: Profile) -> bool:
    """Whether a program's `audience` is written for who the person said they are, or may be (a student
    may be founding: founder programs too); True where they did not say."""
    if profile.who is None:
        return True
    kinds = (profile.who, *maybe_kinds("who", profile.who))
    return bool(set(program.audience) & {a for k in kinds for a in AUDIENCES_OF_WHO.get(k, ())})


def unassessed(kb: KnowledgeBase, profile: Profile) -> tuple[list[Program], int]:
    """(programs without criteria that may concern the person, in file order; how many others have no
    criteria)."""
    unjudged = [p for p in kb.programs if not p.criteria and not sector_miss(p, profile)]
    maybe = [p for p in unjudged if may_concern(p, profile)]
    band = age_band(profile.age)
    if band is not None and band[0] > YOUTH_AGE_MAX:
        # A program written for young people (청년 in its name or summary) comes last for an older person.
        older = Asker(age=band)
        maybe.sort(key=lambda p: fit(p, older) is not None)
    return maybe, len(unjudged) - len(maybe)


# -- cards -----------------------------------------------------------------------------------------

def question_card(step: str, profile: Profile, asked: list[str], texts: Texts, lang: str, *,
                  intro: str | None = None) -> Card:
    steps = steps_for(profile)
    number = steps.index(step) + 1 if step in steps else len(asked) + 1
    lines = [intro] if intro else []
    lines.append(f"<i>{texts.get('finder.progress', lang, step=number, steps=len(steps))}</i>")
    if profile.to_dict() and not intro:
        lines.append(texts.get("finder.so_far", lang, profile=profile_text(profile, texts, lang)))
    lines.append(f"<b>{texts.get('finder.question.' + step, lang)}</b>")
    options = [button(option_label(texts, lang, step, v), f"{PREFIX}:a:{step}:{v}") for v in OPTIONS[step]]
    rows: list[list[InlineKeyboardButton | None]] = [options[i:i + 2] for i in range(0, len(options), 2)]
    rows.append([button(texts.get("finder.skip", lang), f"{PREFIX}:s:{step}"),
                 button(texts.get("finder.back", lang), f"{PREFIX}:b") if asked else None])
    if profile.to_dict():
        rows.append([button(texts.get("finder.show_now", lang), f"{PREFIX}:go")])
    return "\n\n".join(lines), keyboard(rows)


def resume_card(profile: Profile, texts: Texts, lang: str) -> Card:
    return texts.get("finder.resume", lang, profile=profile_text(profile, texts, lang)), keyboard([[
        button(texts.get("finder.use_saved", lang), f"{PREFIX}:r"),
        button(texts.get("finder.start_over", lang), f"{PREFIX}:new")]])


def results_card(kb: KnowledgeBase, profile: Profile, now: datetime, texts: Texts, lang: str) -> Card:
    """The programs that fit; those that miss on one point (❔ why); those without criteria that may
    concern the person, apart and marked 확인 필요; a count of the rest."""
    fits, close, _ = rank_programs(kb, profile, now)
    maybe, unjudged = unassessed(kb, profile)
    described = profile_text(profile, texts, lang)
    parts = [texts.get("finder.results.title" if fits else "finder.results.none", lang, profile=described)]
    rows: list[list[InlineKeyboardButton | None]] = []
    for number, result in enumerate(fits[:FITS_SHOWN], start=1):
        parts.append(_program_lines(number, result, now, texts, lang))
        rows.append([button(texts.get("finder.results.open_card", lang, name=result.program.name.get(lang)),
                            cb.program(result.program.id))])
    if len(fits) > FITS_SHOWN:
        parts.append(texts.get("finder.results.more", lang, count=len(fits) - FITS_SHOWN))
    if close[:CLOSE_SHOWN]:
        parts.append(texts.get("finder.results.close_title", lang))
        for result in close[:CLOSE_SHOWN]:
            parts.append(_program_lines(None, result, now, texts, lang))
            rows.append([button(texts.get("finder.results.why_not_button", lang, name=result.program.name.get(lang)),
                                f"{PREFIX}:w:{result.program.id}")])
    if maybe:
        parts.append(texts.get("finder.results.maybe_title", lang))
        parts.append("\n".join(_maybe_line(program, now, texts, lang) for program in maybe[:MAYBE_SHOWN]))
        if len(maybe) > MAYBE_SHOWN:
            parts.append(texts.get("finder.results.maybe_more", lang, count=len(maybe) - MAYBE_SHOWN))
        for program in maybe[:MAYBE_SHOWN]:
            rows.append([button(texts.get("finder.results.open_card", lang, name=program.name.get(lang)),
                                cb.program(program.id))])
        rows.append([InlineKeyboardButton(texts.get("finder.results.ask_staff", lang), callback_data=cb.STAFF)])
    if unjudged:
        key = "finder.results.unjudged_others" if maybe else "finder.results.unjudged"
        parts.append(texts.get(key, lang, count=unjudged))
    for kind in maybe_kinds("who", profile.who):  # 대학생: 창업을 준비 중이면 예비창업자로도
        label = option_label(texts, lang, "who", kind)
        parts.append(texts.get("finder.results.as_kind", lang, kind=label))
        rows.append([button(texts.get("finder.results.as_kind_button", lang, kind=label), f"{PREFIX}:a:who:{kind}")])
    parts.append(f"<i>{texts.get('finder.results.legend', lang)}</i>")
    rows.append([button(texts.get("finder.restart", lang), f"{PREFIX}:new")])
    return "\n\n".join(parts), keyboard(rows)


def _program_lines(number: int | None, result: Result, now: datetime, texts: Texts, lang: str) -> str:
    name = f"<b>{escape(result.program.name.get(lang))}</b>"
    head = f"{number}. {name}" if number is not None else f"• {name}"
    window = program_status(result.program, now, texts, lang)
    if window:
        head += f" — {escape(window)}"
    return f"{head}\n{checks_line(result.assessment, texts, lang)}"


def _maybe_line(program: Program, now: datetime, texts: Texts, lang: str) -> str:
    """`• 이름 — 접수 상태 (확인 필요)`: what the program is, never whether the person may apply."""
    window = program_status(program, now, texts, lang)
    name = f"• <b>{escape(program.name.get(lang))}</b>"
    if window:
        name += f" — {escape(window)}"
    return f"{name} {texts.get('finder.results.maybe_mark', lang)}"


def why_not_card(program: Program, profile: Profile, texts: Texts, lang: str) -> Card | None:
    assessment = judge(program, profile)
    if assessment is None:
        return None
    failed = [check_label(c, texts, lang) for c in assessment.checks if c.outcome == "fail"]
    text = texts.get("finder.why_not", lang, name=program.name.get(lang),
                     checks=Html(checks_line(assessment, texts, lang)), failed=", ".join(failed) or "-")
    return text, keyboard([[button(texts.get("finder.results.open_card", lang, name=program.name.get(lang)),
                                   cb.program(program.id))],
                           [InlineKeyboardButton(texts.get("menu.staff", lang), callback_data=cb.STAFF)]])


def encode_profile(profile: Profile) -> str:
    """A profile in 7 characters for a button's data (64 bytes at most): per step the answer's place
    among its options, or "-" for none. Nothing is stored until the button is pressed."""
    return "".join("-" if getattr(profile, step) is None else str(OPTIONS[step].index(getattr(profile, step)))
                   for step in STEPS)


def decode_profile(code: str) -> Profile | None:
    """encode_profile's string back to a profile; None for anything else (an old or forged button)."""
    if len(code) != len(STEPS):
        return None
    values: dict[str, str] = {}
    for step, char in zip(STEPS, code):
        if char == "-":
            continue
        if not char.isdigit() or int(char) >= len(OPTIONS[step]):
            return None
        values[step] = OPTIONS[step][int(char)]
    return Profile(**values)


def parse_answer(data: str) -> tuple[str, str] | None:
    """"fd:a:<step>:<value>" -> (step, value) when both are known."""
    parts = data.split(":")
    if len(parts) != 4 or parts[:2] != [PREFIX, "a"] or parts[2] not in OPTIONS or parts[3] not in OPTIONS[parts[2]]:
        return None
    return parts[2], parts[3]


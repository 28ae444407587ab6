"""An answer from another business area than the one the question names is no answer.

`일자리를 구하고 싶어요` was answered with the office-space FAQ: it shares the verb stem 구(하다) with one of its
questions, a rare term, while 일자리 is one of the jobs area's own words (the words of an area that two or more
of its programs' names share and no other program's name has, or its name's: matcher.area_words). Where the
asking part (a story's asking unit, intents/story.py) names exactly one area by such a word, the answered item
is not in it (a program's area; an FAQ's programs' areas), holds none of the words that named it, and the
question does not name the item itself (by name, alias or a word of its name that tells it from its
neighbours), a confident card would be for the wrong program. The answer becomes suggestions with the items
outside the area put last at 0, as scope.py does with a contradicted item (the fallback where nothing else
is left); intents/asked_area.py may then still find the area's list. A referral keeps its answer: it is
another body's service, written in words of its own. Nothing here names an area or a program.
"""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from intents.analyzer import Analysis
from intents.decision import Decision, DecisionKind
from knowledge.model import Faq, Program

if TYPE_CHECKING:
    from intents.matcher import Matcher


def named_areas(matcher: "Matcher", asked: Analysis) -> dict[str, frozenset[str]]:
    """Area -> the words of it the question's topic holds (the agency's own name aside)."""
    topic = set(matcher._topic_terms(asked)) - matcher.agency_terms
    found = {area: frozenset(topic & words) for area, words in matcher.area_words.items()}
    return {area: words for area, words in found.items() if words}


def outside(matcher: "Matcher", asked: Analysis, item_id: str,
            named: dict[str, frozenset[str]] | None = None) -> bool:
    """Whether the item is outside the one area the question names (`named`: named_areas, if known),
    holds none of its words and is not named by the question."""
    named = named_areas(matcher, asked) if named is None else named
    if len(named) != 1:
        return False
    (area, words), = named.items()
    item = matcher.kb.get(item_id)
    if isinstance(item, Program):
        if item.area is None or item.area.id == area:
            return False
    elif isinstance(item, Faq):
        programs = [matcher.kb.program(p) for p in item.programs]
        if not programs or any(p is not None and p.area is not None and p.area.id == area for p in programs):
            return False
    else:
        return False  # small talk, or a referral: another body's service, in words of its own
    index = matcher.index_of[item_id]
    entry = matcher.entries[index]
    if any(w in entry.strong or w in entry.weak for w in words):
        return False
    own_name = matcher.name_terms.get(item_id, frozenset())
    compact = asked.normalized.replace(" ", "")
    return own_name.isdisjoint(asked.terms) and not any(
        i == index and name in compact for name, i in matcher.names)


def review(matcher: "Matcher", decision: Decision, asked: Analysis) -> Decision:
    """`decision`, or its suggestions where it answers with an item outside the area the question names:
    the items outside it are offered last and scored 0, as scope.py does with a contradicted item, so that
    what is offered first is what the area's words point at (the fallback where nothing else is left)."""
    if decision.kind != "answer" or decision.area is not None or not decision.id:
        return decision
    named = named_areas(matcher, asked)
    if not outside(matcher, asked, decision.id, named):
        return decision
    ruled_out = {c.id for c in decision.candidates if outside(matcher, asked, c.id, named)} | {decision.id}
    candidates = (*(c for c in decision.candidates if c.id not in ruled_out),
                  *(replace(c, score=0.0) for c in decision.candidates if c.id in ruled_out))
    kind: DecisionKind = "suggest" if candidates and candidates[0].id not in ruled_out else "fallback"
    return replace(decision, kind=kind, id=None, aspect=decision.aspect if kind == "suggest" else None,
                   candidates=candidates)

"""A message the whole of which does not decide, read part by part (issue #7, points 5 and 7).

People tell a story and then ask, ask two things in one message (`견적 받으려면 어떻게 해요? 그리고 교육도
있나요`), or wrap the need in words about whose it is and what for. The words of all the parts together then
look like no item, and the matcher honestly falls back or suggests, although one part alone says plainly
what is asked. The message is cut into parts (intents/clauses.py: sentences and the clauses a connective
joins) and each part that asks is matched alone, lexically (no model call: the one the message had is its
budget):

- a part decides when it is answered outright on its own words (`Matcher._decide_analysis`), names a topic of
  its own (not only the agency or help), points at nothing another part named (`how do I get there?`:
  story.yaml `pointers`, `parts.pointers`), and is not tied to its item by one shared word alone
  (intents/relevance.py `single_word`), nor fits several items while the parts before it tell of another
  (story.py `_story_says_other`: `... 스마트팜용 양액 제어기를 ... 실증해 볼 수 있는 곳이 있을까요?`); its item
  is a program, an FAQ or a referral, never small talk;
- only parts that ask decide: a part telling who asks (`저희 회사는 방산 부품을 만드는데요.` decides a defence
  program alone) answers nothing;
- the part's item must be what the whole message ranks first (or an FAQ about it, or its program): the part
  decides what the whole only suggested. A question's general words alone (`창업 준비하는 데 도움받을 수 있는
  게 있을까요?`) pick another item than the story around it; the whole ranks the story's item first, and the
  honest suggestion stands. Only for a story (two sentences, or a run-on: intents/sentences.py): a short
  message of one sentence is a question with its context (`대학생인데 해외 마케팅 배우는 프로그램 있어요?`);
- of several such parts, the one with a question mark and the highest score answers.

`with_parts` gives an answer the other items the asking parts decide, beside the one answered (`Decision.also`): a
message asking two things (`시험인증 수수료 지원은 어떻게 신청해요? 그리고 재직자 교육도 있나요?`) is answered on one
and the card offers the other as a button (handlers/asking.py), never merged into one answer. An FAQ and the
programs it is about count as one item (its card lists them). Nothing here names an item; the words are in
intents/lexicon/story.yaml (`parts`).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from intents.clauses import WORDS, Part, split
from intents.decision import Decision
from intents.story import DATA as STORY
from intents.story import Story, _own_topic, _story_says_other
from knowledge.model import Intent

if TYPE_CHECKING:
    from intents.matcher import Matcher


@dataclass(frozen=True)
class Decided:
    """A part that decides alone: the part, its decision, and where it stands in the message."""

    part: Part
    decision: Decision
    position: int


def decided_parts(matcher: "Matcher", text: str, lang: str, excluded: frozenset[int]) -> list[Decided]:
    """The asking parts of `text` that each decide an item alone (see the module's doc), in order."""
    parts = split(text)
    if len(parts) < 2:
        return []
    out: list[Decided] = []
    for position, part in enumerate(parts):
        if not part.asks:
            continue
        analysis = matcher.analyzer.analyze(part.text)
        if not _own_topic(matcher, analysis) or (position and _points_back(analysis.normalized)):
            continue  # a part pointing back (`how do I get there?`) leans on the one before it
        decision = matcher._decide_analysis(analysis, lang, excluded)
        item = matcher.kb.get(decision.id or "")
        if decision.kind != "answer" or decision.area is not None or item is None or isinstance(item, Intent):
            continue
        if matcher.relevance.single_word(decision, analysis, part.text):
            continue  # one shared word is no answer (`교육도 있나요`)
        told = Story(tuple(p.text for p in parts), position)
        if _story_says_other(matcher, told, analysis, decision, matcher.index_of[item.id]):
            continue  # its words fit several items, and the parts before it tell of another (intents/story.py)
        out.append(Decided(part, decision, position))
    return out


def with_parts(matcher: "Matcher", text: str, decision: Decision, lang: str, excluded: frozenset[int], *,
               decide: bool) -> Decision:
    """`decision` read with the message's parts, which are matched once: where the whole did not answer and
    `decide` (a story), the answer of the part that decides (`from_parts`); an answer carries the other items
    the parts ask about (`Decision.also`, offered on its card)."""
    if decision.kind == "answer":
        if decision.also or decision.id is None:
            return decision
        return replace(decision, also=_others(matcher, decision.id, decided_parts(matcher, text, lang, excluded)))
    if not decide or not _may_decide(decision):
        return decision
    return _decided(matcher, decision, decided_parts(matcher, text, lang, excluded), lang) or decision


def from_parts(matcher: "Matcher", text: str, whole: Decision, lang: str,
               excluded: frozenset[int]) -> Decision | None:
    """The answer of the part that decides, where the whole message did not answer but ranks that part's
    item first (the part decides what the whole only suggested); None otherwise."""
    if not _may_decide(whole):
        return None
    return _decided(matcher, whole, decided_parts(matcher, text, lang, excluded), lang)


def _may_decide(whole: Decision) -> bool:
    """Whether parts may answer where the whole did not: it neither answered nor listed an area, and ranked
    some item first."""
    return whole.kind != "answer" and whole.area is None and bool(whole.candidates)


def _decided(matcher: "Matcher", whole: Decision, every: list[Decided], lang: str) -> Decision | None:
    """Of the parts that decide (`every`), the one whose item the whole ranks first, as the answer."""
    first = _related(matcher, whole.candidates[0].id)
    decided = [d for d in every if d.decision.id in first]
    if not decided:
        return None
    best = max(decided, key=lambda d: (d.part.marked, d.decision.score, -d.position))
    return Decision("answer", best.decision.id, best.decision.aspect, best.decision.score,
                    best.decision.candidates, lang,
                    also=_others(matcher, best.decision.id or "", every))


def _others(matcher: "Matcher", answered: str, decided: list[Decided]) -> tuple[str, ...]:
    """Items decided by parts, other than `answered` and the items related to it (see _related)."""
    related = _related(matcher, answered)
    return tuple(dict.fromkeys(d.decision.id for d in decided if d.decision.id and d.decision.id not in related))


def _points_back(normalized: str) -> bool:
    """Whether a part holds a word pointing at what another part named (story.yaml `pointers`, `parts.pointers`)."""
    padded = f" {normalized} "
    for phrase in WORDS.not_pointers:
        padded = padded.replace(f" {phrase} ", " ")
    return any(f" {pointer}" in padded for pointer in (*STORY.pointers, *WORDS.pointers))


def _related(matcher: "Matcher", item_id: str) -> set[str]:
    """An item, the programs it is about (an FAQ's `programs`) and the FAQs about it."""
    index = matcher.index_of.get(item_id)
    if index is None:
        return {item_id}
    about = {matcher.entries[i].item.id for i in matcher.faq_programs.get(index, ())}
    faqs = {matcher.entries[i].item.id for i, programs in matcher.faq_programs.items() if index in programs}
    return {item_id} | about | faqs

"""A long message whose question points back into its story: `청년어업인 정착 지원이 있다고 들었는데요. 제가
신청할 수 있는 조건이 되는지 궁금합니다.`

The asking sentence names no program; the story does, in one sentence of its own. Matched whole, the story's
other words dilute every item's score below what may be answered, though the right item is first. So each
sentence is also matched alone, and the whole message's first item is answered when:
- one sentence of the message that names something, alone, is answered outright with that very item
  (local evidence; `신청하려면 어떻게 해야 하나요?` names nothing and is none), and
- it is the whole message's first candidate too (the story as a whole agrees), and
- the asking sentence names nothing that item does not cover (`... 들었는데, B도 있나요?` asks about B).
The aspect is the asking sentence's. Small talk is never answered this way (a story's `안녕하세요.` is not
what it asks). Work: one more ranking per sentence of the focused message (at most about five).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from intents.analyzer import UNKNOWN_PREFIX, normalize
from intents.decision import Decision
from intents.focus import sentences
from knowledge.model import Intent, Program

if TYPE_CHECKING:
    from intents.matcher import Matcher

MAX_SENTENCES = 5  # sentences of the focused message tried alone, nearest the question first


def answer_from_story(matcher: "Matcher", text: str, whole: Decision, asking: str, lang: str,
                      excluded: frozenset[int]) -> Decision | None:
    """The whole message's first item, answered on the evidence of one of its sentences; None if not."""
    if whole.kind == "answer" or not whole.candidates:
        return None
    first = matcher.kb.get(whole.candidates[0].id)
    if first is None or isinstance(first, Intent):
        return None
    parts = sentences(text)
    if len(parts) < 2:
        return None
    entry = next(e for e in matcher.entries if e.item.id == first.id)
    asked = matcher.analyzer.analyze(asking)
    own = entry.strong | entry.weak
    if any(t not in own for t in matcher._topic_terms(asked)):
        return None  # the question names something else, known or not (주차장 민원)
    for part in reversed(parts[-MAX_SENTENCES:]):
        analysis = matcher.analyzer.analyze(part)
        topic = [t for t in matcher._topic_terms(analysis) if not t.startswith(UNKNOWN_PREFIX)]
        if not any(t in entry.strong for t in topic):
            continue  # `신청하려면 어떻게 해야 하나요?` names nothing, nor a sentence without the item's words
        local = matcher._decide_analysis(analysis, lang, excluded)
        if local.kind == "answer" and local.id == first.id:
            aspect = matcher._aspect(normalize(asking), asked.terms) if isinstance(first, Program) else None
            return Decision("answer", first.id, aspect, local.score, whole.candidates, lang)
    return None

"""An area asked about by someone who says who they are: `50대도 창업 지원 되나요?`, `in my 50s, any startup
support?`, `대학생인데 수출 지원은요?`.

Who asks (knowledge/asker.py) is words the knowledge base never writes (50대, 중장년), so they weigh against
every item, and a question that is an area's list once they are out (`창업 지원 되나요?`) gets suggestions
or the fallback. Where the matcher gave no answer, the question less who asks is matched again, and its
area's list is taken when that is what it asks for; anything else keeps the first decision. A group the
question asks a service *for* that the scope knows as another body's (`60대 일자리`, `노인 일자리`:
intents/audience.py, intents/lexicon/scope.yaml) stays out of scope. The answer then marks what fits the
asker (handlers/fitting.py).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from intents.decision import Decision
from knowledge.asker import normalize, read, without

if TYPE_CHECKING:
    from intents.context import MatchContext
    from intents.matcher import Matcher


def area_asked(matcher: "Matcher", text: str, decision: Decision, lang: str | None,
               context: "MatchContext | None") -> Decision:
    """`decision`, or the area's list the question asks for once who asks is out of it."""
    if decision.kind == "answer" or decision.area is not None:
        return decision
    rest = _less_asker(matcher, text)
    if rest is None:
        return decision
    # Only the lexical reading makes an area's list, and the model is not consulted where it has: the rest is
    # read without the model (one model call fewer, the same area), unless it can be cut shorter again, as
    # whether that next turn is taken depends on what the model answers it.
    semantic = _less_asker(matcher, rest) is not None
    second = matcher.match(rest, lang, context, semantic=semantic)  # shorter each time: the recursion ends
    return second if second.area is not None else decision


def _less_asker(matcher: "Matcher", text: str) -> str | None:
    """The text less who asks, or None: nothing says who asks, or it asks for a group the scope keeps out."""
    asker = read(text)
    if not asker:
        return None
    # The analyzer splits 60대 into 60 대: the group's word is looked for in the text as typed too.
    if any(matcher.scope.audience.named(t) for t in (matcher.analyzer.analyze(text).normalized, normalize(text))):
        return None  # 60대 일자리, 70대도 노인 일자리: a service for a group the scope keeps out
    rest = without(text, asker)
    return rest if rest and len(rest) < len(text) else None

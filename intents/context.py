"""What the matcher may know about a conversation: the item the bot answered last in that chat.

A message with no topic of its own (`그럼 신청은요?`, `자격은?`, `거기 전화번호`, `how about eligibility?`) is
about that item. The handler keeps it (in chat_data) and passes it in; the matcher stays pure.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from knowledge.model import Program, Referral

if TYPE_CHECKING:
    from intents.analyzer import Analysis
    from intents.decision import Decision
    from intents.matcher import Matcher

POINTS_BACK = "@last"  # what `그거 말고` rules out: the item the chat was answered last
CONTEXT_SECONDS = 15 * 60  # after this a follow-up question is not read as about the last answer


@dataclass(frozen=True)
class MatchContext:
    last_id: str | None = None  # the program or FAQ answered last in the chat
    at: float = 0.0  # when (time.time())

    def current(self, now: float | None = None) -> str | None:
        """The last item's id while it is recent enough to be what a follow-up means."""
        now = time.time() if now is None else now
        if self.last_id and 0 <= now - self.at <= CONTEXT_SECONDS:
            return self.last_id
        return None


NO_CONTEXT = MatchContext()


def remembered(item: object) -> bool:
    """Whether an item the bot showed is what a later follow-up may be about: a program, an FAQ, or another
    institution's referral (`실업급여 받을 수 있나요` then `그럼 신청은요?`: that referral's own how-to).
    Small talk (an intent) is never context."""
    return getattr(item, "kind", None) in ("program", "faq", "referral")


class Talk:
    """The conversation's own words, read against one knowledge base (built once by the Matcher).

    - status words (`아직`, `still`) ask whether something still runs: no topic, the period in a follow-up;
    - other words (`다른`, `other`) ask for the rest of an area (`그거 말고 다른 수출 지원은요?`);
    - a name or alias made only of common words (`business registration` is 기업 + 등록) still names its
      item: `How do I register my business?` after a program is that item, not the program's apply aspect;
    - an area's name alone (`창업 지원`, `청년 일자리`, `수출지원ㅋㅋ`) asks for the area's list, as the
      menu button of the same name shows.
    """

    def __init__(self, matcher: "Matcher") -> None:
        lex = matcher.lexicon
        analyze = matcher.analyzer.analyze
        self.status_terms = frozenset(t for w in lex.status_words for t in analyze(w).terms) | lex.status_words
        self._other_ko = tuple(w for w in lex.other_words if not w.isascii())
        self._other_en = frozenset(w for w in lex.other_words if w.isascii())
        self.silent = self.status_terms | self._other_en  # words that name no topic
        self._who = lex.who_words
        plain = matcher.generic | matcher.cue_terms | lex.light_words | self.status_terms
        self.plain_names: list[tuple[frozenset[str], int]] = []
        for index, entry in enumerate(matcher.entries):
            item = entry.item
            if not isinstance(item, (Program, Referral)):
                continue
            for name in (*(v for _, v in item.name.values), *item.aliases):
                terms = frozenset(analyze(name).terms)
                if len(terms) >= 2 and terms <= plain:
                    self.plain_names.append((terms, index))
        # Each program's name words: `항공부품` names one program, though the defense area's name holds it too.
        self._program_names = [frozenset(matcher._name_terms(p)) for p in matcher.kb.programs]
        self.area_names: dict[str, frozenset[str]] = {}  # area -> the topic words of its names
        self._full_names: dict[str, list[frozenset[str]]] = {}  # area -> each language's name, whole
        for area in matcher.kb.areas:
            if area.id not in matcher.area_words:
                continue
            common = matcher.generic | matcher.cue_terms | lex.light_words
            names = [frozenset(analyze(n).terms) - common for _, n in area.name.values]
            self._full_names[area.id] = [n for n in names if n]
            self.area_names[area.id] = frozenset().union(*names)

    def full_name(self, area: str, topic: set[str]) -> bool:
        """Whether `topic` is the whole of the area's name in one language (수소 산업, not 수소 alone)."""
        return any(topic == name for name in self._full_names.get(area, ()))

    def without_who(self, normalized: str) -> str | None:
        """The message less the words naming who may apply (`외국인도 되나요` -> `되나요`); None when it names
        nobody. A Korean word counts with what follows it (외국인도, 대학생인데), an English one as a word."""
        words = normalized.split()
        kept = [w for w in words if not any(w == who or (not who.isascii() and w.startswith(who))
                                             for who in self._who)]
        return " ".join(kept) if len(kept) < len(words) else None

    def also(self, normalized: str) -> bool:
        """`외국인도`, `students too`, `can ... also`: asks whether it goes for them as well."""
        words = normalized.split()
        return any(w in ("too", "also") for w in words) or any(
            w.startswith(who) and w[len(who):].startswith("도") for w in words for who in self._who if not who.isascii())

    def status(self, analysis: "Analysis") -> bool:
        """`그거 아직 해요?`, `is it still on?`: asks whether it still runs."""
        return any(t in self.status_terms for t in analysis.terms) or any(
            w in self.status_terms for w in analysis.normalized.split())

    def asks_others(self, normalized: str) -> bool:
        """`다른 수출 지원은요?`, `any other export programs`: asks for the other items."""
        words = normalized.split()
        return any(w in self._other_en for w in words) or any(
            w.startswith(cue) for w in words for cue in self._other_ko)

    def names_another(self, analysis: "Analysis", last_index: int) -> bool:
        """Whether the message holds every word of a common-word name of an item other than the last."""
        terms = set(analysis.terms)
        return any(index != last_index and name <= terms for name, index in self.plain_names)

    def bare_area(self, topic: set[str], analysis: "Analysis", plain: frozenset[str]) -> str | None:
        """The area a message names and nothing else (`창업 지원`, `청년 일자리`): its topic words all of one
        area's name (all of it, or words no single program's name holds alone), every other word `plain`
        (generic words, question words, words of support: no aspect is asked)."""
        if not topic or any(t not in topic and t not in plain for t in analysis.terms):
            return None
        areas = [area for area, words in self.area_names.items() if topic <= words]
        if len(areas) != 1:
            return None
        if not self.full_name(areas[0], topic) and sum(topic <= name for name in self._program_names) == 1:
            return None  # 항공 부품: part of the area's name, all of one program's
        return areas[0]


def context_after(decision: "Decision", matcher: "Matcher", context: MatchContext | None) -> MatchContext | None:
    """What a chat remembers after a decision: the item it answered (remembered()), nothing after
    "is it one of these?" (the options shown are newer than any answer: `자격은?` then asks which of them),
    else what it had. The handlers keep the same (handlers/asking.py); eval replays chats with this."""
    item = matcher.kb.get(decision.id) if decision.kind == "answer" and decision.id else None
    if item is not None and remembered(item):
        return MatchContext(item.id, time.time())
    if decision.kind == "suggest" and decision.suggestions:
        return None
    return context


def bare_aspect(matcher: "Matcher", text: str) -> str | None:
    """The aspect a message asks with no topic of its own (`자격은?`, `what are the eligibility
    requirements?`), None when it names a topic or asks no aspect: with nothing answered before, the bot
    asks which program is meant instead of offering unrelated FAQs."""
    analysis = matcher.analyzer.analyze(matcher.asked(text))
    if not analysis.normalized or matcher._topic_terms(analysis):
        return None
    return matcher._aspect(analysis.normalized, analysis.terms)


def asks_beyond(matcher: "Matcher", text: str, item_id: str) -> bool:
    """Whether `text` names something the item's own words do not: `Do you have an English speaking
    staff?` is a question about staff (English, speaking), not the request `담당자 연결해 주세요`."""
    index = matcher.index_of.get(item_id)
    if index is None:
        return False
    own = matcher.entries[index].strong
    analysis = matcher.analyzer.analyze(matcher.asked(text))
    return any(t not in own for t in matcher._topic_terms(analysis))

"""Whether an item offered as "is it one of these?" is plausibly what the person asked about.

The lexical matcher ranks every item that shares any term with a question, and the model adds its nearest
item; under the answer bar the best few are offered. For a question the knowledge base does not cover
(`대학생인데 인턴 할 수 있는 곳`, `출산 지원금 얼마`), what it shares with them is a question word, an aspect cue
or a word every program writes (지원, 신청, 자격): three programs that have nothing to do with the question,
which a new user reads as the bot not listening. An offered item stays only where it is related to the
question by something of its own:

- it writes a *distinctive* word of the question: a word of the knowledge base that is not a cue, a
  question word, a word a third of the programs write (intents/matcher.py `generic`) or a number;
- or the question names its business area (the area's name, or words only that area's programs' names
  share: 수소 for the hydrogen area); an FAQ belongs to the areas of the programs it is about;
- or it is a program for the kind of person the question says is asking (`대학생인데 ...` -> programs for job
  seekers; knowledge/asker.py reads who, knowledge/eligibility.py maps who to a program's `audience`).

Small talk (an intent) is offered only as the best guess and is left as it is. Where no offered item is
related, the suggestions become the fallback (with the staff offer): better than noise. Items ruled out stay
among the candidates for the record, last and scored 0, as intents/scope.py leaves them.

The same test tells the fallback card which of the matcher's weak candidates may be given as example
questions (handlers/fallback.py). Nothing here names an item: it reads the knowledge base's own words.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Callable, Iterable

from intents.analyzer import UNKNOWN_PREFIX, Analysis
from intents.real_words import real_korean_words
from intents.decision import Candidate, Decision
from intents.story import read_story, stated_need
from knowledge import asker as asker_reader
from knowledge.eligibility import AUDIENCES_OF_WHO
from knowledge.model import Faq, Intent, Program

if TYPE_CHECKING:
    from intents.matcher import Matcher


@dataclass(frozen=True)
class Reading:
    """What relates a question to items (see Relevance.read)."""

    words: frozenset[str]  # its distinctive words
    audiences: frozenset[str]  # the program audiences of who says they are asking
    elsewhere: tuple[str, ...]  # its words for what other bodies provide (intents/lexicon/elsewhere.yaml)
    needs: frozenset[str] = frozenset()  # the kinds of service it asks for (intents/needs.py)


class Relevance:
    """Built once per matcher; `review` and `related` are pure."""

    def __init__(self, matcher: "Matcher") -> None:
        self.matcher = matcher
        self.kb = matcher.kb
        self.words = {e.item.id: e.strong | e.weak for e in matcher.entries}
        # Aspect cues (자격, 기간, 담당자) are in every program's text: they relate a question to an FAQ only,
        # one whose own questions ask with the cue (자부담 for the FAQ about own contributions).
        self.cues = frozenset(matcher.cue_terms)
        self.faq_cues = {e.item.id: self.cues & (e.strong | e.weak) for e in matcher.entries if isinstance(e.item, Faq)}
        # Area id -> the words that name it (intents/matcher.py _area_words), with its name's own terms.
        # A program's naming words (its names' and aliases' terms), and the words for the asker's size (작은).
        self.names = {p.id: frozenset(matcher._name_terms(p)) for p in self.kb.programs}
        self.asker_words = frozenset(t for w in matcher.ranking.asker_words for t in matcher.analyzer.analyze(w).terms)
        self.area_words = {area.id: frozenset(matcher.area_words.get(area.id, frozenset())) | frozenset(
            t for _, name in area.name.values for t in matcher.analyzer.analyze(name).terms
            if matcher._names_topic(t)) for area in self.kb.areas}

    def distinctive(self, analysis: Analysis, modified: bool = True, solid: bool = False) -> frozenset[str]:
        """The question's words that may relate it to an item: words of the knowledge base that are no
        question word, no word a third of the programs write, no number and no one-syllable leftover. Aspect
        cues count only towards an FAQ about them (`related`). With `modified` False, not a word a novel
        Korean word (one the knowledge base never writes) stands right before either: `웨딩 박람회` is a kind
        of fair the knowledge base does not know, not its exhibitions (for the fallback's examples: on
        suggestions it also took back right ones, `카약 체험`). With `solid` (the suggestions' review), not a word a
        word of Korean the knowledge base never writes is written solid with (`_kind_of`: 스마트공장); not for an
        answer's checks, where such a compound is often the item's kind (정년퇴직 and re-employment after 퇴직)."""
        m = self.matcher
        skip = m.generic | m.lexicon.light_words | m.lexicon.followup_cues | m.lexicon.stopwords
        terms = analysis.terms
        return frozenset(t for i, t in enumerate(terms)
                         if t in m.idf and t not in skip and not t.isdigit() and len(t) > (2 if t.isascii() else 1)
                         and not (i and (solid or not modified) and self._kind_of(terms[i - 1], t, analysis.normalized,
                                                                                   modified)))

    def _kind_of(self, before: str, term: str, normalized: str, modified: bool) -> bool:
        """Whether the word `before` makes `term` another kind of thing than the knowledge base's: a novel word
        (`웨딩 박람회`), where `modified` is False; or a word of Korean the knowledge base never writes, written solid
        with it (`스마트공장`: a smart factory is no hydrogen plant, though both are 공장), or spaced (`공무원 시험`)
        where `modified` is False. A word of Korean is no typo (intents/real_words.py), so the
        near-miss check's novelty, which takes a word one letter from a known one (스마트, 스타트) for a typo, misses
        it."""
        if before.isascii() or not before.startswith(UNKNOWN_PREFIX):
            return False
        if not modified and self.matcher.scope.is_novel(before):
            return True
        word = before[len(UNKNOWN_PREFIX):]
        if len(word) < 2 or word not in real_korean_words():
            return False
        return not modified or f"{word}{term}" in normalized

    def audiences(self, text: str) -> frozenset[str]:
        """The program audiences (founder, company, job_seeker) of the person the question says is asking."""
        who = asker_reader.read(text).who
        return frozenset(a for w in who for a in AUDIENCES_OF_WHO.get(w, ()))

    def read(self, text: str) -> Reading:
        """A message read as the matcher reads it (chat habits tidied, typos repaired, `X 말고` set aside)."""
        m = self.matcher
        kept, _ = m._split_exclusion(m._prepare(text))
        analysis = m.analyzer.analyze(kept)
        return Reading(self.distinctive(analysis, modified=False), self.audiences(kept), m.scope.elsewhere(analysis),
                       m.needs.asked(kept))

    def by_words(self, analysis: Analysis, text: str) -> Callable[[str], bool]:
        """Whether an item is related to the question by something of its own (a distinctive word, an area it
        names, who asks), the kind of service asked aside: the second piece of evidence intents/needs.py wants."""
        words, audiences = self.distinctive(analysis), self.audiences(text)
        return lambda item_id: self.related(item_id, words, audiences)

    def related(self, item_id: str, words: frozenset[str], audiences: Iterable[str] = (),
                needs: frozenset[str] = frozenset()) -> bool:
        """Whether the item shares a distinctive word with the question, is in an area it names, is a
        program for who is asking, or offers the kind of service the question asks for (`needs`)."""
        item = self.kb.get(item_id)
        if item is None:
            return False
        if self.matcher.needs.serves(item_id, needs):
            return True  # 전문가가 와서 봐줄수 있나 -> a program that sends experts (intents/needs.py)
        if isinstance(item, Intent) or not words.isdisjoint(self.words.get(item_id, frozenset()) - self.cues):
            return True
        if not words.isdisjoint(self.faq_cues.get(item_id, frozenset())):
            return True  # 자부담 있나요 -> the FAQ about own contributions
        if any(not words.isdisjoint(self.area_words.get(area, frozenset())) for area in self._areas(item_id)):
            return True
        return isinstance(item, Program) and not set(item.audience).isdisjoint(audiences)

    def single_word(self, decision: Decision, analysis: Analysis, text: str, last: str | None = None) -> bool:
        """Whether a program answered is tied to the question by one word alone: it shares at most one
        distinctive word with it (aspect cues and the asker's size aside: 담당, 작은), the question says no word
        of the program's names, aliases or characteristic words (intents/specialised.py), and the program does
        not offer a kind of service the question asks for (intents/needs.py). `담당 부서 전화번호` shares 부서 with
        a planning program whose one phrasing asks for its department; `식품 공장 같은 공간` shares 제조 with a
        capability program. One shared word, the rest unexplained, is no answer. Not the program answered
        just before (a follow-up), nor one typed as its own phrasing (score 100)."""
        m = self.matcher
        item = self.kb.get(decision.id or "")
        if decision.kind != "answer" or decision.area is not None or not isinstance(item, Program) \
                or decision.score >= 100 or item.id == last:
            return False
        said = frozenset(analysis.terms) | self._need_terms(text)
        # A word of its name that says what it does (구축 of 수소충전소 구축: intents/generic.py) names none.
        if said & ((self.names[item.id] - m.action_terms) | m.characteristic.get(item.id, frozenset())):
            return False
        if m.needs.serves(item.id, m.needs.asked(text)):
            return False
        shared = (self.distinctive(analysis) - self.cues - self.asker_words) & m._writes(item.id)
        if len(shared) == 1 and len(m.postings.get(next(iter(shared)), ())) <= 1:
            return False  # a word no other item writes is the program's own (군납): it names it
        return len(shared) <= 1

    def _need_terms(self, text: str) -> frozenset[str]:
        """The terms of the need a story states in everyday words (intents/story.py `stated_need`: 장사가 안돼서
        -> 소상공인 지원): the story path reads its question as that need, so its words are said."""
        story = read_story(text)
        if story is None:
            return frozenset()
        need = stated_need(" ".join(story.units[: story.asking + 1]))
        return frozenset(self.matcher.analyzer.analyze(need).terms) if need else frozenset()

    def confirm(self, decision: Decision, analysis: Analysis, text: str, last: str | None = None) -> Decision:
        """A program answered by one shared word alone (`single_word`), as suggestions."""
        if not self.single_word(decision, analysis, text, last):
            return decision
        return self.review(replace(decision, kind="suggest", id=None), analysis, text)

    def _areas(self, item_id: str) -> set[str]:
        item = self.kb.get(item_id)
        if isinstance(item, Program):
            return {item.area.id} if item.area else set()
        if isinstance(item, Faq):
            return {p.area.id for p in (self.kb.program(pid) for pid in item.programs) if p and p.area}
        return set()

    def review(self, decision: Decision, analysis: Analysis, text: str) -> Decision:
        """Suggestions with the unrelated ones no longer offered; none related: the fallback."""
        if decision.kind != "suggest" or decision.area is not None or not decision.suggestions:
            return decision
        words = self.distinctive(analysis, solid=True)  # 스마트공장 offers no hydrogen plant (`_kind_of`)
        audiences = self.audiences(text)
        needs = self.matcher.needs.asked(text)
        offered = decision.suggestions
        unrelated = {c.id for c in offered if not self.related(c.id, words, audiences, needs)}
        if not unrelated:
            return decision
        if len(unrelated) == len(offered):
            return replace(decision, kind="fallback", aspect=None)
        return replace(decision, candidates=_last(decision.candidates, unrelated))


def _last(candidates: tuple[Candidate, ...], ruled_out: set[str]) -> tuple[Candidate, ...]:
    """The candidates with `ruled_out` moved after the others and scored 0 (kept for the record)."""
    return (*(c for c in candidates if c.id not in ruled_out),
            *(replace(c, score=0.0) for c in candidates if c.id in ruled_out))

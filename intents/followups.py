"""Follow-ups that speak of the person or a detail, and follow-ups to an FAQ that points to programs (#7).

A new user's test found follow-ups that lost the conversation where the message had words of its own, but
none naming a topic of its own (intents/options.py calls this from `Options.after`):

- **The person or a detail, with an aspect.** After a program, `돈 내야돼?` or `그거 지원금은 얼마예요?` (money)
  asks its support, `나 거제 사는데 괜찮아?`, `졸업 전에도 돼?` or `나이가 58인데 신청 가능한가요` (a place, a
  status, an age) its eligibility: not the general FAQ about funding or about living elsewhere. Detail
  words are language data (options.yaml `details_ko/en`, places.yaml's places, conversation.yaml's
  who_words) and whatever knowledge/asker.py reads as the asker's age or status; the handler then judges the
  age against the program's criteria as for any question (handlers/fitting.py). A message that names
  another item as typed, or holds a topic word that is no detail, moves on as usual.
- **After an FAQ that points to several programs.** A short question whose topic words are the FAQ's or its
  programs' own (`입주기간은 얼마나 돼요` after the office-space FAQ, which points to the incubation centre) is
  about the one program whose own words hold them all, else the FAQ again.
- **Whether what was said is true** (`오사카 가는거 진짜야?` after the trade mission, whose text names Osaka;
  options.yaml `confirm_ko/en`) is about the answer just given, as pointing back is (`Options._still_about`).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from intents.analyzer import UNKNOWN_PREFIX, Analysis
from intents.aspects import PERMISSION
from intents.cues import english_cue_in, korean_cue_in
from intents.decision import Candidate, Decision
from intents.lexicon import read_yaml
from knowledge.asker import read, without
from knowledge.model import Faq, Program
from knowledge.profile_text import asks_for_a_list

if TYPE_CHECKING:
    from pathlib import Path

    from intents.matcher import Matcher

MAX_WORDS = 8  # words of a follow-up (a longer message tells a story and is matched as usual)


class FollowUps:
    """Reads a message against the item answered last (built once by Options, with the Matcher)."""

    def __init__(self, matcher: "Matcher", path: "Path") -> None:
        self.matcher = matcher
        data = read_yaml(path)
        analyze = matcher.analyzer.analyze
        lex = matcher.lexicon
        words = [str(w).lower() for w in (*(data.get("details_ko") or ()), *(data.get("details_en") or ()))]
        words += [*lex.places, *lex.who_words]
        # A word as typed, and as the analyser reads it where that is one term (돈 -> 지원금); not the parts of
        # a compound (개인사업자 is a detail, 사업자 alone may name a topic: business registration).
        self.details = frozenset(words) | frozenset(terms[0].removeprefix(UNKNOWN_PREFIX) for w in words
                                                    if len(terms := analyze(w).terms) == 1)
        self._confirm_ko = tuple(str(w).replace(" ", "") for w in data.get("confirm_ko") or ())
        self._confirm_en = tuple(str(w).lower() for w in data.get("confirm_en") or ())
        self._confirm_words = frozenset(t for w in self._confirm_ko for t in analyze(w).terms)
        self._verb_endings = tuple(str(w) for w in data.get("verb_endings_ko") or ())
        self._yes_no_ko = tuple(str(w).replace(" ", "") for w in data.get("yes_no_ko") or ())

    def is_detail(self, term: str) -> bool:
        """Whether a term speaks of the asker or a detail of their case (돈, 사는, 거제, 58), not a topic."""
        word = term.removeprefix(UNKNOWN_PREFIX)
        return word in self.details or word.isdigit()

    def confirms(self, analysis: Analysis) -> bool:
        """Whether the message asks if what was said is true (진짜야?, 정말이에요?, really?, is that true?)."""
        return korean_cue_in(analysis.normalized.replace(" ", ""), self._confirm_ko) \
            or english_cue_in(analysis.normalized.split(), self._confirm_en)

    def confirms_word(self, term: str) -> bool:
        """Whether a term is one of asking whether something is true (정말, 진짜): no topic."""
        return term.removeprefix(UNKNOWN_PREFIX) in self._confirm_words

    def verb_like(self, term: str) -> bool:
        """Whether a word the knowledge never uses ends as a Korean verb does (올리면, 내준다는): a verb form the
        analyser did not cut, naming no topic."""
        word = term.removeprefix(UNKNOWN_PREFIX)
        return len(word) >= 2 and not word.isascii() and word.endswith(self._verb_endings)

    def _yes_no(self, prepared: str, analysis: Analysis) -> bool:
        """Whether the message asks yes or no (`돼요?`, `괜찮아?`, a question mark)."""
        return "?" in prepared or analysis.normalized.replace(" ", "").endswith(self._yes_no_ko)

    # ---- the person or a detail --------------------------------------------------------------------

    def about_person(self, decision: Decision, text: str, program: Program) -> Decision | None:
        """That aspect of `program` where the message asks one and its only topic words are details."""
        if decision.area is not None or (decision.kind == "answer" and decision.id == program.id):
            return None
        analysis, prepared = self._read(text)
        if analysis is None or self._lists(analysis) or asks_for_a_list(prepared) \
                or self.matcher.talk.names_another(analysis, self.matcher.index_of[program.id]):
            # what there is (for them: 예비창업자인데 받을 수 있는 지원 있나요? is the finder's); another item named
            # (as typed, or a name of common words)
            return None
        asker = read(prepared)
        rest = self.matcher.analyzer.analyze(without(prepared, asker)) if asker.spans else analysis
        # One Korean syllable left (중인데, 전에도) names nothing; nor does asking whether it is true.
        topic = [t for t in self.matcher._topic_terms(rest)
                 if not self.confirms_word(t) and (len(t) > 1 or t.isascii())]
        details = [t for t in topic if self.is_detail(t)]
        if any(t.startswith(UNKNOWN_PREFIX) or t in self.matcher.item_terms for t in topic if t not in details):
            return None  # a topic of its own: a word some item is named or asked by, or one the knowledge never uses
        if not (asker or details):
            return None  # no detail at all (a bare follow-up: the matcher's own)
        aspect = self.matcher.aspects.detect(prepared, analysis.terms)
        if aspect is None and asker and self._yes_no(prepared, analysis):
            aspect = PERMISSION  # 졸업 안 했는데 돼요?: whether they may, who they are said
        if aspect is None:
            return None
        return Decision("answer", program.id, aspect, 100.0, (Candidate(program.id, program.kind, 100.0),),
                        decision.lang)

    # ---- after an FAQ ------------------------------------------------------------------------------

    def after_faq(self, decision: Decision, text: str, faq: Faq, asks: bool) -> Decision | None:
        """After `faq` (pointing to programs), a question nothing answered whose topic words are all its own
        or its programs': the one program holding them all (with the aspect asked), else the FAQ.
        `asks`: the message asks an aspect or a question word."""
        if decision.kind == "answer" or decision.area is not None or not asks:
            return None
        analysis, prepared = self._read(text)
        if analysis is None or self._names_other(analysis, (faq.id, *faq.programs)):
            return None
        topic = self.matcher._topic_terms(analysis)
        if not topic or any(t.startswith(UNKNOWN_PREFIX) for t in topic):
            return None
        programs = [p for p in (self.matcher.kb.program(i) for i in faq.programs) if p is not None]
        holders = [p for p in programs if all(t in self._own(p.id) for t in topic)]
        if len(holders) == 1:
            aspect = self.matcher.aspects.detect(prepared, analysis.terms)
            return Decision("answer", holders[0].id, aspect, 100.0,
                            (Candidate(holders[0].id, holders[0].kind, 100.0),), decision.lang)
        if all(any(t in self._own(i) for i in (faq.id, *faq.programs)) for t in topic):
            return Decision("answer", faq.id, None, 100.0, (Candidate(faq.id, faq.kind, 100.0),), decision.lang)
        return None

    # ---- shared ------------------------------------------------------------------------------------

    def _read(self, text: str) -> tuple[Analysis | None, str]:
        """The message's analysis where it is a short follow-up that rules nothing out, and its prepared text."""
        prepared = self.matcher._prepare(text)
        if self.matcher.asked(prepared) != prepared:
            return None, prepared  # something is ruled out (그거 말고): read by the matcher
        analysis = self.matcher.analyzer.analyze(prepared)
        words = analysis.normalized.split()
        return (analysis if words and len(words) <= MAX_WORDS else None), prepared

    def _names_other(self, analysis: Analysis, own: tuple[str, ...]) -> bool:
        return bool(self.matcher.talk.typed_names(analysis.normalized, own))

    def _lists(self, analysis: Analysis) -> bool:
        """Whether the message asks what there is (뭐 있어요, what programs): not about one item."""
        lex = self.matcher.lexicon
        return korean_cue_in(analysis.normalized.replace(" ", ""), lex.list_cues_ko) \
            or english_cue_in(analysis.normalized.split(), lex.list_cues_en)

    def _own(self, item_id: str) -> frozenset[str]:
        index = self.matcher.index_of.get(item_id)
        return self.matcher.entries[index].strong if index is not None else frozenset()

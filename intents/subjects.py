"""Whose question a follow-up is: the card's, the agency's, or the asker's own case (issue #7, helper `context4`).

Right after a card the matcher reads a message with no topic of its own as about that card. Two kinds of
message are read wrongly so, each by a general rule:

- **The agency itself named** (`진흥원 전화번호`, `진흥원 연락처 알려줘` after the incubation centre's card): the
  agency's own name (진흥원, `agency`; not a place it is named after, such as 창원) is no word of any card, so the
  message had no topic and got the card's contact. A person who names the agency asks about the agency: where
  the message, read without the card, is answered outright by an FAQ about the agency (its questions name the
  agency; no area, no program, no general aspect such as how to apply), that FAQ is the answer. Pointing at the
  card (`거기 전화번호`) keeps the card; the agency as the one who pays (`what share of the fee did the agency
  cover?`) is no such FAQ and keeps it too.
- **The asker's own case** (`own_case`): right after a program's card, a question whether it may be had, said of
  the asker - in the first person (`we're a software company, not a manufacturer. can we still join?`, `am I
  eligible if I incorporated 2 years ago?`), of a kind of person or company said with 도 / too (`우리같은 조선
  기자재 회사도 대상이에요?`, `사업자 없는 예비창업자도 들어갈 수 있어요?`, `can pre-founders move in too?`), or
  under a condition of theirs (`군대 갔다오면 몇살까지 됨`) - is the card's eligibility. The words describing the
  asker are no topic of their own: the matcher read 조선, 기자재, software as subjects (the fallback), and the
  name of a program that is a kind of person (예비창업자, pre-founders) as that program. What the question asks
  beside them must be the card's or no item's: another item named as typed (not a kind of person), a word another
  item names that the card does not write, the agency, a list or a subject of its own moves on.
- **A question is no request** (`not_a_request`): right after a program's card, a question (a question word, a
  question mark, a yes-or-no ending) that a request such as "talk to a person" took through one word of its
  examples (`그럼 우리 애가 직접 받는 건 뭐가 있어요`: 직접 of `사람이랑 직접 상담하고 싶어요`), with no request cue
  (words.yaml `request_cues`) and no other word of content but the card's own, is the card's, with the aspect asked.
- **The asker narrows a list** (`narrows`): under a list of programs, a statement of who the asker is (knowledge/asker.py:
  a status, an age, years since founding, a size; `창업한 지 2년 됐어요`, `저는 예비창업자예요`) that names nothing
  else and asks no other aspect leaves out the programs whose criteria it fails: the one left is answered with its
  eligibility, several are offered again, in the list's order (all of them where none is ruled out and nothing
  answered). A program of the list the matcher answered stays.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from intents.analyzer import UNKNOWN_PREFIX, normalize
from intents.aspects import PERMISSION
from intents.decision import Candidate, Decision
from intents.lexicon import read_yaml
from knowledge.asker import Asker, fit, read, without
from knowledge.model import Intent, Program

MAX_WORDS = 16  # words of a question about the asker's own case (a longer one tells a story: matched as usual)
HEAD_MIN = 3  # letters of a word ending in a one-syllable head (구직자, 대학생; not 투자)

if TYPE_CHECKING:
    from pathlib import Path

    from intents.analyzer import Analysis
    from intents.matcher import Matcher


class Subjects:
    """Reads whose question a follow-up is (built once by Options, with the Matcher)."""

    def __init__(self, matcher: "Matcher", path: "Path") -> None:
        self.matcher = matcher
        lex = matcher.lexicon
        data = read_yaml(path)

        def words(key: str) -> tuple[str, ...]:
            return tuple(str(w).lower() for w in data.get(key) or ())

        self._first_ko, self._first_prefixes = frozenset(words("first_person_ko")), words("first_person_prefixes_ko")
        self._first_en = frozenset(words("first_person_en"))
        self._heads_ko, self._alone_ko = words("asker_heads_ko"), frozenset(words("asker_alone_ko"))
        self._heads_en = frozenset(words("asker_heads_en"))
        self._also_en = tuple(f" {w} " for w in words("also_en"))
        self._modal_en = frozenset(words("modal_en"))
        self._conditions_ko, self._conditions_en = words("condition_endings_ko"), frozenset(words("condition_en"))
        self._tails = frozenset(words("tails_ko"))
        self._addressed_en, self._addressed_ko = frozenset(words("agency_addressed_en")), words("agency_addressed_ko")
        # The agency's own words: its name less the places it is named after (창원산업진흥원: 진흥원, not 창원) and
        # less who may apply; `창원 사는데` names no agency.
        self.agency_words = frozenset(t for t in matcher.agency_terms
                                      if t not in lex.places and t not in lex.who_words and len(t) > 1)
        # The FAQs about the agency itself: of no area and no program, not a general answer about one aspect
        # (how to apply, deadlines: those stand in for the card's aspect), their own questions naming the agency,
        # and the one giving the agency's own contact (Talk.agency_contact: `대표 전화번호가 뭐예요`).
        self.agency_faqs = frozenset(
            faq.id for faq in matcher.kb.faqs
            if faq.id == matcher.talk.agency_contact or faq.area is None and not faq.programs
            and faq.id not in matcher.talk.faq_aspects and matcher.entries[matcher.index_of[faq.id]].strong & self.agency_words)

    def names_agency(self, text: str) -> bool:
        """Whether a message names the agency itself (진흥원, `agency`), not pointing at the card as well."""
        if not self.agency_words:
            return False
        analysis = self.matcher.analyzer.analyze(self.matcher.asked(self.matcher._prepare(text)))
        return (bool(self.agency_words & set(analysis.terms)) or self._addresses_agency(text)) \
            and not self.matcher.options.followups.carry.points(analysis)

    def _addresses_agency(self, text: str) -> bool:
        """`where is your office?`, `귀 기관 주소`: spoken to the agency, which the bot answers for."""
        lowered = text.lower()
        return bool(self._addressed_en & set(re.findall(r"[a-z']+", lowered))) \
            or any(w in lowered.replace(" ", "") for w in self._addressed_ko)

    def agency_asked(self, text: str, lang: str | None, last: str, sides: frozenset[str],
                     semantic: bool = True) -> "Decision | None":
        """Right after `last` (a card), a message naming the agency that, read without the card, an FAQ about
        the agency answers outright: that answer (`진흥원 전화번호` is the agency's phone number, not the card's
        contact). None: the card's reading stands."""
        if last in self.agency_faqs or not self.names_agency(text):
            return None
        fresh = self.matcher._match(text, lang, None, semantic, sides)
        if fresh.kind == "answer" and fresh.id in self.agency_faqs:
            return fresh
        return None

    # ---- the asker's own case ----------------------------------------------------------------------

    def own_case(self, decision: Decision, text: str, program: Program) -> Decision | None:
        """Right after `program`'s card, a question whether it may be had, said of the asker (first person, a kind
        of person or company with 도 / too, a condition of theirs) and asking nothing of another item: the card's
        eligibility. None: the other rules decide."""
        answered = self.matcher.kb.get(decision.id or "") if decision.kind == "answer" else None
        if decision.area is not None or answered is not None and (
                answered.id == program.id or isinstance(answered, Intent) and answered.action):
            return None
        matcher = self.matcher
        prepared = matcher._prepare(text)
        analysis = matcher.analyzer.analyze(prepared)
        tokens = [t for t in (w.strip("?!.,~") for w in analysis.normalized.split()) if t]
        if not tokens or len(tokens) > MAX_WORDS or matcher.options.followups._lists(analysis) or self.names_agency(text):
            return None
        latin = all(t.isascii() for t in tokens)
        heads = [n for n, t in enumerate(tokens) if self._asker_head(t, latin)]
        conditions = [n for n, t in enumerate(tokens) if self._condition(t, n, tokens, latin)]
        said = self._first_person(tokens, latin) or conditions or heads and (
            not latin or any(cue in f" {analysis.normalized.rstrip('?!. ')} " for cue in self._also_en))
        if not said or not self._asks_permission(prepared, analysis, latin):
            return None
        asked = self._asking_part(prepared, tokens, heads, conditions, latin)
        if self._names_other(analysis, asked, tokens, heads, program):
            return None
        return Decision("answer", program.id, PERMISSION, 100.0, (Candidate(program.id, program.kind, 100.0),),
                        decision.lang)

    def _asking_part(self, prepared: str, tokens: list[str], heads: list[int], conditions: list[int],
                     latin: bool) -> str:
        """What the message asks, less the words describing the asker: in Korean the words after the last kind of
        person said with 도 or condition (`조선 기자재 회사도` | `대상이에요?`); in English its last sentence up to an
        `if` (`we're a software company.` | `can we still join?`; `am I eligible` | `if I incorporated ...`)."""
        if not latin:
            return " ".join(tokens[max([*heads, *conditions], default=-1) + 1:])
        last = [normalize(s) for s in re.split(r"[.!?;]+", prepared) if normalize(s)]
        words = last[-1].split() if last else []
        cut = next((n for n, w in enumerate(words) if w in self._conditions_en), len(words))
        return " ".join(words[:cut])

    def _first_person(self, tokens: list[str], latin: bool) -> bool:
        """Whether the message speaks of the asker in the first person (저도, 우리같은, we're, my)."""
        if latin:
            return any(t in self._first_en for t in tokens)
        return any(t in self._first_ko or t.startswith(self._first_prefixes)
                   or any(t.startswith(w) and t[len(w):] in self._tails for w in self._first_ko) for t in tokens)

    def _condition(self, token: str, n: int, tokens: list[str], latin: bool) -> bool:
        """Whether a word opens or closes a condition of the asker's (`군대 갔다오면`, `if I ...`): `if`, or a Korean
        verb form ending in 면 that names nothing of the knowledge, before the question's last word."""
        if latin:
            return token in self._conditions_en
        matcher = self.matcher
        return n + 1 < len(tokens) and token.endswith(self._conditions_ko) and len(token) > 2 \
            and matcher.options.followups.verb_like(UNKNOWN_PREFIX + token) \
            and not any(term in matcher.item_terms for term in matcher.analyzer.analyze(token).terms)

    def _asker_head(self, token: str, latin: bool) -> bool:
        """Whether a word is a kind of person or company said with 도 (회사도, 예비창업자도, 애도), or in English
        one of the kinds (companies, pre-founders)."""
        if latin:
            return token.split("-")[-1] in self._heads_en
        if not token.endswith("도") or len(token) < 2:
            return False
        stem = token[:-1]
        return stem in self._alone_ko or any(
            stem.endswith(head) and (len(head) > 1 or len(stem) >= HEAD_MIN) for head in self._heads_ko)

    def _asks_permission(self, prepared: str, analysis: "Analysis", latin: bool) -> bool:
        """Whether the message asks whether the asker may take part: the eligibility aspect, or in English a
        sentence opening with a modal (`can we still join?`, `are we eligible`)."""
        if self.matcher.aspects.detect(prepared, analysis.terms) == PERMISSION:
            return True
        sentences = (normalize(s).split() for s in re.split(r"[.!?;,]+", prepared))
        return latin and any(words and words[0] in self._modal_en for words in sentences)

    def _names_other(self, analysis: "Analysis", asked: str, tokens: list[str], heads: list[int],
                     program: Program) -> bool:
        """Whether the message names another item as typed, not as a kind of person (예비창업자도, pre-founders: who
        asks), or what it asks holds a subject of its own: a word another item names that the card does not
        write, a noun the knowledge never uses, a word the knowledge never uses of three letters or more."""
        matcher = self.matcher
        said = ["".join(tokens[max(0, n - 2):n + 1]) for n in heads]  # 예비창업자도; can pre founders
        if any(not self._person_name(item_id, said) for item_id in matcher.talk.typed_names(analysis.normalized, (program.id,))):
            return True
        rest = matcher.analyzer.analyze(asked)
        if not rest.normalized:
            return False
        followups = matcher.options.followups
        unknown = [t for t in matcher._topic_terms(rest) if t.startswith(UNKNOWN_PREFIX) and not followups.verb_like(t)]
        carry = followups.carry
        # A thing asked (퇴직금도 받을 수 있어요?, 축하금도 돼요?): a Korean word of content the card does not write.
        foreign = [w for w in carry.words(rest) if not w.typed.isascii() and not carry.writes(program.id, w)]
        return bool(unknown or foreign or followups.novel(rest)) or carry.leaves(rest, program.id)

    def _person_name(self, item_id: str, said: list[str]) -> bool:
        """Whether an item typed in the message is named there as a kind of person: a name or alias of it (as
        typed, three letters on) lies inside words said with 도 / too (예비창업자도, pre-founders)."""
        return any(item == item_id and any(key in words for words in said) for key, item in self.matcher.talk._typed)

    # ---- the asker narrows a list ------------------------------------------------------------------

    def _said_of_asker(self, text: str) -> tuple[str, "Asker", "Analysis"] | None:
        """The message prepared, what it says of the asker (knowledge/asker.py), and the analysis of the rest; None
        where it says nothing of the asker or rules something out (`초창패 말고`: another reading)."""
        matcher = self.matcher
        prepared = matcher._prepare(text)
        asker = read(prepared)
        if not asker or not asker.spans or matcher.asked(prepared) != prepared:
            return None
        return prepared, asker, matcher.analyzer.analyze(without(prepared, asker))

    def narrows(self, decision: Decision, text: str, options: list[Program]) -> Decision | None:
        """Under `options` (a list of programs), a statement of who the asker is that rules some of them out (their
        criteria, knowledge/asker.py `fit`): the one left with its eligibility, else those left offered. None where
        the matcher answered one of the options, the message says something else, or nothing is ruled out."""
        if len(options) < 2 or decision.kind == "answer" and decision.id in {p.id for p in options}:
            return None
        matcher = self.matcher
        said = self._said_of_asker(text)
        if said is None:
            return None
        prepared, asker, rest = said
        followups = matcher.options.followups
        topic = [t for t in matcher._topic_terms(rest) if not followups.is_detail(t) and (len(t) > 1 or t.isascii())
                 and not (t.startswith(UNKNOWN_PREFIX) and (followups.verb_like(t) or followups.plain(t)))]
        aspect = matcher.aspects.detect(prepared, rest.terms)
        if topic or aspect not in (None, PERMISSION) or followups._lists(rest) or matcher.talk.typed_names(rest.normalized):
            return None
        left = [p for p in options if (found := fit(p, asker)) is None or found.outcome != "fails"]
        if not left or len(left) == len(options) and decision.kind != "fallback":
            return None  # nothing ruled out: the matcher's reading stands, but for a fallback (the list again)
        if len(left) == 1:
            return Decision("answer", left[0].id, PERMISSION, 100.0, (Candidate(left[0].id, left[0].kind, 100.0),),
                            decision.lang)
        return Decision("suggest", None, PERMISSION, 100.0, tuple(Candidate(p.id, p.kind, 100.0) for p in left),
                        decision.lang)

    # ---- the asker's facts pick a program named loosely --------------------------------------------

    def asker_named(self, decision: Decision, text: str) -> Decision | None:
        """`제가 41살 전역자인데 청년 채용 사업 돼요?`, `청년 일자리 그거 나도 되냐 30살인데`: a question whether the asker
        may take part, stating who they are (knowledge/asker.py: an age, a status), about a program named loosely
        (the matcher offered several). The programs offered whose criteria the asker fails are left out; the one
        program left, or the one whose own name (else name or alias) holds every topic word of the question (less
        the asker's words) and whose criteria the asker does not fail, is answered with its eligibility, where the
        card then says how the asker stands (handlers/fitting.py). None: the offer stands."""
        if decision.kind != "suggest" or decision.area is not None or len(decision.candidates) < 2:
            return None
        if not read(text):
            return None  # (most suggestions say nothing of the asker: nothing more is read)
        matcher = self.matcher
        said = self._said_of_asker(text)
        if said is None:
            return None
        prepared, asker, rest = said
        aspect = matcher.aspects.detect(prepared, rest.terms)
        if aspect not in ("eligibility", PERMISSION) and not matcher.options.followups._yes_no(prepared, rest):
            return None
        offered = [p for c in decision.candidates if (p := matcher.kb.program(c.id)) is not None]
        if len(offered) < 2 or matcher.options.followups._lists(rest):
            return None
        left = [p for p in offered if (found := fit(p, asker)) is None or found.outcome != "fails"]
        # `저희는 진해에 있고`: where the asker is names no program (진해 in 진해 지식산업센터)
        topic = set(matcher._topic_terms(rest)) & matcher.item_terms - matcher.lexicon.places
        # Its name proper first (`청년 일자리`: 신산업 연계 청년일자리), then its aliases too.
        by_name = [p for p in left if topic and topic <= {t for _, n in p.name.values for t in matcher._terms(n)}]
        named = by_name if len(by_name) == 1 else [p for p in left if topic and topic <= frozenset(matcher._name_terms(p))]
        # The one program left must be named by a word of the question too: what the asker said of themselves
        # rules programs out, it names none (`저희는 진해에 있고 직원 45명이에요 조선업도 되나요?` is no question about
        # the one program a company of 45 is not ruled out of, whose name holds 진해).
        lone = [p for p in left if topic & frozenset(matcher._name_terms(p))]
        chosen = lone if len(left) == 1 and len(left) < len(offered) and lone else named if len(named) == 1 else []
        if not chosen:
            return None
        program = chosen[0]
        return Decision("answer", program.id, "eligibility", 100.0, (Candidate(program.id, program.kind, 100.0),),
                        decision.lang)

    # ---- a question is no request ------------------------------------------------------------------

    def not_a_request(self, decision: Decision, text: str, program: Program) -> Decision | None:
        """Right after `program`'s card, a request (an intent with an action, not the list of programs) answered
        through one word of its examples, for a question that asks no request and names nothing but the card's
        own words: the card, with the aspect asked. None: the other rules decide."""
        matcher = self.matcher
        answered = matcher.kb.get(decision.id or "") if decision.kind == "answer" else None
        if not isinstance(answered, Intent) or not answered.action or answered.action == "browse":
            return None
        prepared = matcher._prepare(text)
        kept = matcher.asked(prepared)  # 초창패 말고 …: what is ruled out is no word of the question
        analysis = matcher.analyzer.analyze(kept)
        followups = matcher.options.followups
        words = analysis.normalized.split()
        # A question: a question mark, a question word (뭐, 무슨: `… 받는 건 뭐가 있어요`), a yes-or-no ending.
        asks = followups._questions(kept, analysis) or followups._lists(analysis) \
            or any(w.startswith(followups.carry._question_words) for w in words)
        if not words or len(words) > MAX_WORDS or not asks or self._requests(analysis) \
                or matcher.talk.typed_names(analysis.normalized):
            return None
        shared = set(analysis.terms) & matcher.entries[matcher.index_of[answered.id]].strong
        if len(shared) != 1:
            return None
        rest = [t for t in matcher._topic_terms(analysis) if t not in shared and t not in self.agency_words
                and (len(t) > 1 or t.isascii()) and not (t.startswith(UNKNOWN_PREFIX) and followups.verb_like(t))]
        own = matcher.entries[matcher.index_of[program.id]]
        if any(t not in own.strong and t not in own.weak for t in rest) or followups.novel(analysis):
            return None
        aspect = matcher.aspects.detect(kept, analysis.terms)
        return Decision("answer", program.id, aspect, 100.0, (Candidate(program.id, program.kind, 100.0),), decision.lang)

    def _requests(self, analysis: "Analysis") -> bool:
        """Whether the message asks for something to be done (words.yaml `request_cues`: 연결해, 알려주세요)."""
        lex = self.matcher.lexicon
        compact = analysis.normalized.replace(" ", "")
        return any(cue in compact for cue in lex.request_cues_ko) \
            or any(cue in f" {analysis.normalized} " for cue in (f" {c} " for c in lex.request_cues_en))

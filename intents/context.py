"""What the matcher may know about a conversation: the item the bot answered last in that chat.

A message with no topic of its own (`그럼 신청은요?`, `자격은?`, `거기 전화번호`, `how about eligibility?`) is
about that item. The handler keeps it (in chat_data) and passes it in; the matcher stays pure.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from intents.analyzer import normalize
from knowledge.asker import read as read_asker
from knowledge.model import Faq, Intent, Program, Referral

from intents.decision import Decision

if TYPE_CHECKING:
    from collections.abc import Iterable

    from intents.analyzer import Analysis
    from intents.matcher import Matcher
    from knowledge.model import KnowledgeBase

POINTS_BACK = "@last"  # what `그거 말고` rules out: the item the chat was answered last
# An option that is a whole area's list (the areas /programs shows): "area:<id>". Item ids never hold ':'.
AREA_OPTION = "area:"
NO_AREA = "-"  # the area option of the programs written without an area (/programs' 기타, handlers/cards.py)
CONTEXT_SECONDS = 15 * 60  # after this a follow-up question is not read as about the last answer
TYPED_NAME_CHARS = 3  # a name or alias this long (spaces aside) names its item wherever it is typed


@dataclass(frozen=True)
class MatchContext:
    last_id: str | None = None  # the program or FAQ answered last in the chat
    at: float = 0.0  # when (time.time())
    # What the bot listed last (the areas as `area:<id>`, an area's programs, suggestions, "which program?",
    # /deadlines, the finder's results), in the order shown, and the aspect "which program?" asked (자격요건
    # for `자격은?`): a follow-up may pick one of them (`두번째 거요`, `예비창업자요`; intents/options.py).
    options: tuple[str, ...] = ()
    asked: str | None = None
    options_at: float = 0.0
    # The side the asker said they are on earlier in the chat (intents/sides.py: a job seeker, a company hiring
    # or training its staff; `조카가 미취업이에요` then `교육 받을 수 있는 거 있어요?`), and when it was said: it breaks
    # ties between the sides' items in later questions that take no side of their own (Matcher.rank).
    sides: frozenset[str] = frozenset()
    sides_at: float = 0.0

    def current(self, now: float | None = None) -> str | None:
        """The last item's id while it is recent enough to be what a follow-up means."""
        now = time.time() if now is None else now
        if self.last_id and 0 <= now - self.at <= CONTEXT_SECONDS:
            return self.last_id
        return None

    def current_options(self, now: float | None = None) -> tuple[str, ...]:
        """The options shown last, while recent enough to be what a follow-up picks from."""
        return self.options if self._recent_options(now) else ()

    def current_asked(self, now: float | None = None) -> str | None:
        """The aspect the last "which program?" asked, while recent."""
        return self.asked if self._recent_options(now) else None

    def current_sides(self, now: float | None = None) -> frozenset[str]:
        """The side the asker said they are on, while recent (the same window as the last answer)."""
        now = time.time() if now is None else now
        return self.sides if 0 <= now - self.sides_at <= CONTEXT_SECONDS else frozenset()

    def _recent_options(self, now: float | None) -> bool:
        now = time.time() if now is None else now
        return 0 <= now - self.options_at <= CONTEXT_SECONDS


NO_CONTEXT = MatchContext()


def area_option(area_id: str) -> str:
    """The option an area's button stands for, among the options a chat keeps."""
    return AREA_OPTION + area_id


def option_area(option: str) -> str | None:
    """The area an option opens, or None for an item's id."""
    return option[len(AREA_OPTION):] if option.startswith(AREA_OPTION) else None


def area_options(kb: "KnowledgeBase", *, other: bool = True) -> tuple[str, ...]:
    """The areas as /programs lists them (handlers/cards.py areas_card), in that order: each area with
    programs, then (`other`) the programs without an area; "which program?" lists the areas alone."""
    shown = [area_option(a.id) for a in kb.areas if kb.programs_in(a.id)]
    if other and kb.programs_in(None):
        shown.append(area_option(NO_AREA))
    return tuple(shown)


FAQ_BUTTONS = 3  # related programs an FAQ's answer shows as buttons (handlers/cards.py RELATED_LIMIT)


def related_programs(kb: "KnowledgeBase", item_id: str | None) -> tuple[str, ...]:
    """The programs an FAQ's answer shows as buttons (its related programs, those still in the knowledge base),
    in their order; none for any other item. After such an answer they are what a topic-less aspect question
    asks which of: `그거 언제 신청해요?` after the office-space FAQ is "which of its programs' 일정?", not "which
    area?" (the bot and eval's replay alike)."""
    faq = kb.get(item_id or "")
    if not isinstance(faq, Faq):
        return ()
    return tuple(p.id for p in (kb.program(i) for i in faq.programs) if p is not None)[:FAQ_BUTTONS]


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
        # Each program's and referral's name and alias words, by id: what an exclusion's X names (exclusion.py).
        named_items: list[Program | Referral] = [*matcher.kb.programs, *matcher.kb.referrals]
        self.name_words: dict[str, frozenset[str]] = {item.id: frozenset(matcher._name_terms(item)) for item in named_items}
        self.area_names: dict[str, frozenset[str]] = {}  # area -> the topic words of its names
        self._full_names: dict[str, list[frozenset[str]]] = {}  # area -> each language's name, whole
        for area in matcher.kb.areas:
            if area.id not in matcher.area_words:
                continue
            common = matcher.generic | matcher.cue_terms | lex.light_words
            names = [frozenset(analyze(n).terms) - common for _, n in area.name.values]
            self._full_names[area.id] = [n for n in names if n]
            self.area_names[area.id] = frozenset().union(*names)
        # Each program's and referral's names and aliases as typed (spaces removed): `수출상담회참가신청` right
        # after the trade mission names the export consultation, though its one topic word (수출) is the
        # trade mission's own too.
        named: list[Program | Referral] = [*matcher.kb.programs, *matcher.kb.referrals]
        self._typed: list[tuple[str, str]] = [
            (key, item.id) for item in named
            for key in dict.fromkeys(_compact(n) for n in (*(v for _, v in item.name.values), *item.aliases))
            if len(key) >= TYPED_NAME_CHARS]
        self._typed.sort(key=lambda pair: -len(pair[0]))  # the longest first: 해외바이어상담회 before 상담회
        self._ids = [entry.item.id for entry in matcher.entries]
        self._faq_programs = {faq.id: faq.programs for faq in matcher.kb.faqs}
        self.agency_contact: str | None = _agency_contact(matcher)
        self.faq_aspects: dict[str, str] = _faq_aspects(matcher)

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
        """Whether the message names an item other than the last (entries[last_index]; after an FAQ, the
        programs it points to are its own too): every word of a common-word name of another item, or
        another item's name or alias as typed, once the last item's own names are taken out (`사절단 언제
        가요` names only the trade mission; `수출상담회참가신청` after it names the export consultation)."""
        terms = set(analysis.terms)
        if any(index != last_index and name <= terms for name, index in self.plain_names):
            return True
        last = self._ids[last_index]
        return bool(self.typed_names(analysis.normalized, (last, *self._faq_programs.get(last, ()))))

    def typed_names(self, normalized: str, but: "Iterable[str]" = ()) -> list[str]:
        """The programs and referrals named as typed in a message (spaces aside), longest name first, less
        the items `but` and whatever their own names cover."""
        compact = _compact(normalized)
        own = set(but)
        for key, item_id in self._typed:
            if item_id in own and key in compact:
                compact = compact.replace(key, " ")
        found: list[str] = []
        for key, item_id in self._typed:
            if key in compact:
                compact = compact.replace(key, " ")  # 해외바이어상담회: one name, not 상담회 as well
                if item_id not in own:
                    found.append(item_id)
        return list(dict.fromkeys(found))

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


def _compact(text: str) -> str:
    return normalize(text).replace(" ", "")


def _agency_contact(matcher: "Matcher") -> str | None:
    """The FAQ that gives the agency's own contact: about no area and no program, at least half its questions
    asking for a contact (`진흥원 전화번호 알려주세요`). Asked for a program's contact that its knowledge does
    not give, the person gets this rather than "not in this guide"."""
    best: tuple[float, str] | None = None
    for faq in matcher.kb.faqs:
        if faq.area is not None or faq.programs or not faq.questions:
            continue
        share = sum(matcher.aspects.detect(q) == "contact" for q in faq.questions) / len(faq.questions)
        if share >= 0.5 and (best is None or share > best[0]):
            best = (share, faq.id)
    return best[1] if best else None


def _faq_aspects(matcher: "Matcher") -> dict[str, str]:
    """FAQ id -> the aspect it answers in general (`how-to-apply`: apply, `deadlines`: period): about no area
    and no program, every one of its (three or more) questions asking that aspect. Such an answer invites a
    program's name (`사업 이름을 적어 주시면...`): `언제까지예요?` -> the deadlines FAQ -> `예비창업자 지원이요` is
    that program's period."""
    found: dict[str, str] = {}
    for faq in matcher.kb.faqs:
        if faq.area is not None or faq.programs or len(faq.questions) < 3:
            continue
        aspects = {matcher.aspects.detect(q) for q in faq.questions}
        if len(aspects) == 1 and None not in aspects:
            found[faq.id] = aspects.pop()  # type: ignore[assignment]
    return found


def context_after(decision: "Decision", matcher: "Matcher", context: MatchContext | None,
                  text: str | None = None) -> MatchContext | None:
    """What a chat remembers after a decision (_context_after), with the side the asker said they are on
    (asker_sides): said now, or said before and still recent."""
    after = _context_after(decision, matcher, context, text)
    now = time.time()
    said = asker_sides(matcher, text) if text is not None else frozenset()
    sides, at = (said, now) if said else (context.sides, context.sides_at) if context is not None else (frozenset(), 0.0)
    if not sides or not 0 <= now - at <= CONTEXT_SECONDS:
        return after
    return replace(after if after is not None else NO_CONTEXT, sides=sides, sides_at=at)


def asker_sides(matcher: "Matcher", text: str) -> frozenset[str]:
    """The one side a message says the asker is on, or none: the sides' own words (intents/lexicon/roles.yaml
    `sides`: 취업, 직원 뽑고 싶은데) or who the asker says they are (knowledge/asker.py statuses: 미취업, 대학생,
    재직자), mapped to a side by roles.yaml `sides.statuses`. Both sides, or none: nothing to remember."""
    taken = set(matcher.side_words.taken(normalize(text)))
    taken |= {matcher.side_words.statuses[who] for who in read_asker(text).who if who in matcher.side_words.statuses}
    return frozenset(taken) if len(taken) == 1 else frozenset()


def _context_after(decision: "Decision", matcher: "Matcher", context: MatchContext | None,
                   text: str | None = None) -> MatchContext | None:
    """What a chat remembers after a decision, as the handlers keep it (handlers/asking.py, conversing.py);
    eval replays chats with this:

    - an item answered (remembered()): that item; the options shown before stay while it is one of them
      (the person goes down the list); a general FAQ about one aspect (faq_aspects) asks it of the program
      named next;
    - "which program?" (`text` asks an aspect with no topic, which_aspect()): the options stay, with that aspect
      (after an FAQ's answer: its related programs, related_programs());
    - an area's list or suggestions: those options, in the order shown (the answer before them is over); a
      which-question is asked only among programs alone (a lone program among FAQs is no answer to `when
      is the deadline?`); the browse intent: the areas (`area_options`), as its action lists them;
    - else what it had."""
    now = time.time()
    kb = matcher.kb
    if decision.area is not None and kb.programs_in(decision.area):
        # An area picked from "which program?"'s areas keeps the aspect asked (the Decision carries it).
        return MatchContext(options=option_ids(p.id for p in kb.programs_in(decision.area) if p.id not in decision.left_out),
                            asked=decision.aspect, options_at=now)
    item = kb.get(decision.id) if decision.kind == "answer" and decision.id else None
    if isinstance(item, Intent) and item.action == "browse":
        return MatchContext(options=area_options(kb), options_at=now)  # the areas, as the browse action shows them
    if item is not None and remembered(item):
        kept = context.current_options(now) if context is not None else ()
        if item.id in kept:
            return MatchContext(item.id, now, kept, None, context.options_at if context is not None else 0.0)
        general = matcher.talk.faq_aspects.get(item.id)  # the deadlines FAQ: a program's name next is its period
        return MatchContext(item.id, now, asked=general, options_at=now if general else 0.0)
    options = context.current_options(now) if context is not None else ()
    programs = options if all(kb.program(i) is not None for i in options) else ()
    if not options and context is not None:
        programs = related_programs(kb, context.current(now))  # an FAQ's answer with its programs' buttons
    aspect = which_aspect(matcher, text, decision, bool(programs)) if text is not None else None
    if aspect is not None:  # "which program?": those programs, else the areas (handlers/conversing.py ask_which)
        return MatchContext(options=programs or area_options(kb, other=False), asked=aspect, options_at=now)
    if decision.kind == "suggest" and decision.suggestions:
        return MatchContext(options=option_ids(c.id for c in decision.suggestions), options_at=now)
    last = context.current(now) if context is not None else None
    if context is not None and last is not None and text is not None and rules_out(matcher, text, last):
        return replace(context, last_id=None)  # 사절단 말고 골프 레슨은요 (nothing answered): the mission is over too
    return context


def rules_out(matcher: "Matcher", text: str, item_id: str) -> bool:
    """Whether `text` rules out the item `item_id` ("X 말고 Y", `그거 말고`, `not the fund`): after it, X is never
    what a later follow-up without a topic is about, whatever was answered for Y (nothing: the next `신청은요?`
    asks which program, it is not X's). Only a message holding a marker of exclusion is read further."""
    pattern = matcher._exclusion
    index = matcher.index_of.get(item_id)
    if pattern is None or index is None or not pattern.search(normalize(text)):
        return False
    kept, terms = matcher._split_exclusion(matcher._prepare(text))
    if not terms:
        return False
    if POINTS_BACK in terms:
        return True
    return index in matcher._excluded_items([t for t in terms if t != POINTS_BACK], kept)


KEPT_OPTIONS = 12  # options a follow-up may pick from (`마지막 거`): a whole area's list


def option_ids(ids: "Iterable[str]") -> tuple[str, ...]:
    """The options kept for follow-ups: each once, in the order shown."""
    return tuple(dict.fromkeys(ids))[:KEPT_OPTIONS]


def which_aspect(matcher: "Matcher", text: str, decision: "Decision", options: bool) -> str | None:
    """The aspect to ask "which program?" about, or None. A topic-less aspect question (`자격은?`) that
    nothing answered: under options just shown even a general FAQ gives way (`신청은 어떻게 해요?`: the
    person is asking about one of them), and small talk never answers an aspect question (`자격 조건이
    어떻게 됩니까` is no "help")."""
    if decision.area is not None:
        return None
    answered = matcher.kb.get(decision.id or "") if decision.kind == "answer" else None
    small_talk = isinstance(answered, Intent) and not answered.action
    if answered is not None and not small_talk and not (options and isinstance(answered, Faq)):
        return None
    return bare_aspect(matcher, text)


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


def side_said(matcher: "Matcher", decision: Decision, text: str, sides: frozenset[str],
              last: str | None = None) -> Decision:
    """An answer serving only the other side than the one the asker said earlier (`sides`; `조카가 미취업이에요`,
    then `교육 받을 수 있는 거 있어요?` answered with the employees' course) is no answer where the question takes no
    side of its own and names no item: the candidates serving the said side are offered first. The ranking
    already weighs the said side (Matcher.rank); this keeps the model's nearest item (hybrid) from deciding a
    tie the person's own words broke. The item just answered (a follow-up) stays."""
    if not sides or decision.kind != "answer" or decision.area is not None or decision.id in (None, last):
        return decision
    served = matcher.item_sides.get(decision.id or "", frozenset())
    normalized = normalize(text)
    if not served or served & sides or matcher.side_words.taken(normalized) \
            or matcher.program_names_in(text) or matcher.talk.typed_names(normalized):
        return decision
    serving = [c for c in decision.candidates if matcher.item_sides.get(c.id, frozenset()) & sides]
    if not serving:
        return decision
    rest = [c for c in decision.candidates if c not in serving]
    return Decision("suggest", None, decision.aspect, decision.score, (*serving, *rest), decision.lang)

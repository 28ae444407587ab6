"""Follow-ups to the options the bot just showed: an area's list, "is it one of these?", "which program?".

A new user answers a list in words as often as with its buttons (last session's test: about one in eight
follow-ups got the fallback). Read against the options shown (`MatchContext.options`, in their order):

- **A position** (of whatever was shown: the areas of /programs, programs, FAQs, another institution's
  referral, /deadlines, the finder's results): `두번째 거요`, `첫번째꺼 신청 언제까지?`, `3번`, `세 번째 분야요`,
  `마지막 거 자세히`, `the second one`, `number 2` is that option, with the aspect the message asks (else the
  one "which program?" asked, else its summary); an area opens its list, as its button does.
- **A position and nothing else that picks nothing** (`9번` under five areas, `3번` with no list shown or one
  shown too long ago) is never matched as a topic: the matcher falls back, and the handlers say how many the
  list has and show it again (`bare_position`; handlers/browsing.py).
- **Part of one option's name**: `예비창업자 거 자격은요?`, `보육센터는 어디 있어요?`, `항공 거는 누가 신청해요?`
  is matched among the options first: the one option whose name or aliases hold the message's topic words
  (the rest of them among its own words) is meant, though a program outside the list shares the word. Under
  the areas, every word of the message (list words aside: 분야, `one`) of one area's name: `수출지원요`,
  `export one`, `인력양성 분야`.
- **The others**: `다른 건요?`, `또 뭐 있어요?`, `what else?` (`more` only under a list) asks for the rest:
  after a program, its area's list; after a list, every area (the browse intent).
- **The aspect "which program?" asked** stays with the answer in words: `자격은?` -> which? -> `예비창업자요` is
  that program's eligibility.

The words are in intents/lexicon/options.yaml; nothing here names an item.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from intents.analyzer import UNKNOWN_PREFIX, Analysis, detect_lang, normalize
from intents.clauses import both_asked
from intents.context import FAQ_BUTTONS, NO_AREA, option_area
from intents.decision import Candidate, Decision
from intents.body import body_texts
from intents.aspect_lengths import length_part
from intents.aspects import PERMISSION
from intents.exclusion import Split
from intents.exclusion import split as split_exclusion
from intents.followups import FollowUps, past_tense
from intents.lexicon import LEXICON_DIR, read_yaml
from intents.subjects import Subjects
from knowledge.asker import read as read_asker
from knowledge.model import Area, Faq, Intent, Item, Program, Referral, Text

if TYPE_CHECKING:
    from intents.context import MatchContext
    from intents.matcher import Matcher

OPTIONS_FILE = LEXICON_DIR / "options.yaml"
MAX_FOLLOW_WORDS = 8  # words of a question about the program just answered (a story is matched as usual)
NAMED_TERMS = 2  # topic words a pick by name may hold beyond its option's name (보육센터 어디: 2 in the name)
POINTER_WORDS = 4  # words of a reply that only points at what is listed (`그럼 그거는?`, `what about that one`)
BARE_WORDS = 2  # words beside a position in a reply that is only a position (`3번 보여주세요`, `세번째 분야요`)
POSITION_LIMIT = 30  # a bare number above this is no place in a list (a year, a phone number such as 1357)
POLITE_EN = frozenset({"please", "pls", "ok", "okay", "the", "one", "ones", "that", "this", "program", "option", "i",
                       "want", "mean", "meant", "choose", "pick", "take", "go", "with", "about", "tell", "me", "show"})


DEFINING_LETTERS = 4  # English words of a follow-up read against what each option is (`fund`; not `is`, `the`)

T = TypeVar("T")


def _singular(word: str) -> str:
    """An English word without a plural's s (funds -> fund; not `ss`: business)."""
    return word[:-1] if len(word) > DEFINING_LETTERS and word.endswith("s") and not word.endswith("ss") else word


def sole_best(scored: list[tuple[int, T]]) -> T | None:
    """The one option with the most words named, or None where none is or several tie (then it is asked)."""
    if not scored:
        return None
    top = max(n for n, _ in scored)
    chosen = [option for n, option in scored if n == top]
    return chosen[0] if len(chosen) == 1 else None


@dataclass(frozen=True)
class OptionWords:
    """The words of intents/lexicon/options.yaml, ready to match."""

    ordinals_ko: tuple[tuple[re.Pattern[str], int], ...]
    ordinals_en: dict[str, int]
    number_words_en: frozenset[str]
    others_ko: tuple[str, ...]
    others_en: frozenset[str]
    more_ko: tuple[str, ...]
    more_en: frozenset[str]
    spellings: tuple[tuple[str, str], ...] = ()
    asking_ko: tuple[str, ...] = ()
    asking_en: tuple[str, ...] = ()  # " word word "
    pointers_en: frozenset[str] = frozenset()
    list_words: tuple[str, ...] = ()  # words naming a list's entry (분야, 사업, `one`): no topic beside a position
    numbered_ko: re.Pattern[str] | None = None  # any number with a counter: 9번, 7번째, 10번째
    numbered_en: re.Pattern[str] | None = None  # any English ordinal in figures: 7th, 21st
    pointers_ko: frozenset[str] = frozenset()  # 그거, 거기: pointing words proper (not 그럼, 그리고)
    pointing_en: frozenset[str] = frozenset()  # that, those: pointing words proper (not `it` of `is it`)
    place_words: tuple[str, ...] = ()  # 주소, 찾아가는 길, address: where a thing is (as written)
    where_is: tuple[str, ...] = ()  # 어디에있, where is it located: asking where it is (Korean without spaces)
    searches_ko: tuple[str, ...] = ()  # 같은건없, 위한지원: asking whether there is something (Korean, no spaces)
    searches_en: tuple[str, ...] = ()  # " is there any ": the same in English (padded)

    @classmethod
    def load(cls, path: Path = OPTIONS_FILE) -> "OptionWords":
        data = read_yaml(path)
        ko = sorted(((str(w), int(p)) for p, words in (data.get("ordinals_ko") or {}).items() for w in words),
                    key=lambda pair: -len(pair[0]))
        # 두 번째 = 두번째; a number is not the end of a longer one (12번).
        patterns = tuple((re.compile(r"(?<![0-9])" + r"\s*".join(map(re.escape, word))), p) for word, p in ko)
        en = {str(w).lower(): int(p) for p, words in (data.get("ordinals_en") or {}).items() for w in words}

        def words(key: str) -> tuple[str, ...]:
            return tuple(str(w).lower().replace(" ", "") for w in data.get(key) or ())

        spellings = tuple((str(k), str(v)) for k, v in (data.get("spellings") or {}).items())
        counters = sorted((str(w) for w in data.get("number_suffixes_ko") or ()), key=lambda w: -len(w))
        numbered_ko = re.compile(r"(?<![0-9])([0-9]{1,2})\s*(?:" + "|".join(map(re.escape, counters)) + ")") \
            if counters else None
        endings = [str(w) for w in data.get("ordinal_suffixes_en") or ()]
        numbered_en = re.compile(r"([0-9]{1,2})(?:" + "|".join(map(re.escape, endings)) + ")") if endings else None
        return cls(patterns, en, frozenset(words("number_words_en")), words("others_ko"),
                   frozenset(words("others_en")), words("more_ko"), frozenset(words("more_en")), spellings,
                   words("asking_ko"), tuple(f" {str(w).lower()} " for w in data.get("asking_en") or ()),
                   frozenset(words("pointers_en")), (*words("list_words_ko"), *words("list_words_en")),
                   numbered_ko, numbered_en, frozenset(words("pointers_ko")), frozenset(words("pointing_en")),
                   tuple(str(w) for w in data.get("place_words") or ()),
                   tuple(str(w).lower() if str(w).isascii() else str(w).replace(" ", "") for w in data.get("where_is") or ()),
                   words("searches_ko"), tuple(f" {str(w).lower()} " for w in data.get("searches_en") or ()))


class Options:
    """Reads a message against the options shown (built once by the Matcher)."""

    def __init__(self, matcher: "Matcher", words: OptionWords | None = None) -> None:
        self.matcher = matcher
        self.words = words or OptionWords.load()
        self.followups = FollowUps(matcher, OPTIONS_FILE)  # the person, a detail, an FAQ's programs
        self.subjects = Subjects(matcher, OPTIONS_FILE)  # whose question: the card's, the agency's (intents/subjects.py)
        # Each program's name terms and its names and aliases as typed (spaces removed, lower case).
        self._names: dict[str, frozenset[str]] = {}
        self._typed: dict[str, tuple[str, ...]] = {}
        # ... and the name terms of the names a list shows in each script (Hangul or Latin): a Korean message
        # picks by the Korean names it read, not by a translation's word (`Defense Innovation Pilot` reads
        # as 실증, yet `실증사업은 어디서 해요` under the defense list names the hydrogen demonstration).
        self._shown_names: dict[tuple[str, bool], frozenset[str]] = {}
        for program in matcher.kb.programs:
            self._names[program.id] = frozenset(matcher._name_terms(program))
            shown = (*(v for _, v in program.name.values), *program.aliases)
            for latin in (False, True):
                self._shown_names[(program.id, latin)] = frozenset(
                    t for n in shown if n.isascii() == latin for t in matcher._terms(n))
            self._typed[program.id] = tuple(
                n.replace(" ", "").lower() for n in (*(v for _, v in program.name.values), *program.aliases))
        self._defined: dict[str, frozenset[str]] = {}  # each program's defining English words (_defining)
        analyze = matcher.analyzer.analyze
        # Where a thing is (`주소`, `찾아가는 길`, `address`), as the analyser reads it: _place_asked.
        self._place_terms = frozenset(t for w in self.words.place_words for t in analyze(w).terms) \
            - matcher.generic - matcher.lexicon.light_words
        # Each program's body (its eligibility, support, apply and period texts) as terms: what its card says.
        bodies = body_texts(matcher.kb)
        self._body = {pid: frozenset(t for text in texts for t in analyze(text).terms if not t.startswith(UNKNOWN_PREFIX))
                      for pid, texts in bodies.items()}
        # ... and its texts as written (summary too), spaces removed: where a word the analyser does not know is.
        self._written = {p.id: normalize(" ".join((*bodies.get(p.id, ()), *(v for _, v in p.summary.values)))).replace(
            " ", "") for p in matcher.kb.programs}
        self._list_terms = frozenset(t for w in self.words.list_words for t in (w, *analyze(w).terms))
        # Each area's name words in every language (수출, 지원) and its names as typed (수출지원, exportsupport).
        self._area_terms: dict[str, frozenset[str]] = {}
        self._area_typed: dict[str, tuple[str, ...]] = {}
        for area in matcher.kb.areas:
            names = [v for _, v in area.name.values]
            self._area_terms[area.id] = frozenset(t for n in names for t in analyze(n).terms)
            self._area_typed[area.id] = tuple(normalize(n).replace(" ", "") for n in names)

    # ---- the hooks the Matcher calls ---------------------------------------------------------------

    def follow(self, text: str, lang: str | None, context: "MatchContext | None") -> Decision | None:
        """The decision for a message that answers the options shown, or asks for others; else None."""
        if context is None:
            return self._unpicked(text, lang)
        listed = self.shown(context, related=False)
        shown = listed or self.shown(context)  # else an FAQ's related programs, by their place only
        options = [item for item in listed if isinstance(item, Program)]  # what a name can pick
        areas = [item for item in listed if isinstance(item, Area)]
        last = context.current()
        if not shown and last is None:
            return self._unpicked(text, lang)
        prepared = self.matcher._prepare(text)
        kept = self.matcher.asked(prepared)
        if kept != prepared:
            return None  # 그거 말고 ...: what is ruled out is read by the matcher
        analysis = self.matcher.analyzer.analyze(kept)
        if not analysis.normalized:
            return None
        lang = lang or detect_lang(prepared, self.matcher.lexicon.neutral_words)
        if shown:
            by_place = self._by_position(analysis, shown)
            picked = by_place or self._by_name(analysis, options, lang) or self._area_by_name(analysis, areas) \
                or self._by_typed_part(analysis, prepared, options) or self._by_what_it_is(analysis, prepared, options)
            if by_place is not None:  # the aspect is asked beside the position: `number 2` asks no contact
                place = self.position(analysis.normalized)
                prepared = place[1] if place is not None else prepared
                analysis = self.matcher.analyzer.analyze(prepared)
            if isinstance(picked, Area):  # the areas of /programs: that area's list, as its button opens it
                return self._area_list(picked.id, self._picked_aspect(prepared, analysis) or context.current_asked(),
                                       lang)
            if picked is not None:
                aspect = (self._picked_aspect(prepared, analysis) or context.current_asked()) \
                    if isinstance(picked, Program) else None
                return Decision("answer", picked.id, aspect, 100.0, (Candidate(picked.id, picked.kind, 100.0),), lang)
            pointed = self._pointed(analysis, prepared, [i for i in shown if not isinstance(i, Area)], lang)
            if pointed is None and listed:
                pointed = self._which_pointed(analysis, prepared, [i for i in listed if not isinstance(i, Area)], lang)
                if pointed is None and not self._card_since(context):
                    pointed = self._aspect_worded(analysis, prepared, options if len(options) == len(listed) else [], text, lang)
            elif pointed is None and self._faq_silent(context.current(), analysis):
                # an FAQ's answer and its programs' buttons (사무실 구해요): a cost it does not write is theirs
                pointed = self._aspect_worded(analysis, prepared, [i for i in shown if isinstance(i, Program)], text, lang)
            if pointed is not None:
                return pointed
        return self._others(analysis, prepared, bool(listed), last, lang) or self._unpicked(text, lang)

    def _pointed(self, analysis: Analysis, prepared: str, shown: list[Item], lang: str) -> Decision | None:
        """`거기 전화번호`, `phone number of that place` under a list of items (suggestions, an FAQ's programs):
        pointing at one of them without naming it, and asking an aspect. The one the list makes clear - the
        only other institution (a referral) where a contact is asked, else the only item - is answered; with
        several, the person is asked which, by offering them again. Never the agency's own phone number: the
        person points at what is on screen."""
        words = analysis.normalized.split()
        if not shown or len(words) > MAX_FOLLOW_WORDS \
                or not any(w in self.words.pointers_ko or w in self.words.pointing_en for w in words):
            return None
        aspect = self._aspect(prepared, analysis)
        # Aspect words name nothing (`그건 어디에 물어봐요?`: 물어봐 of 어디에 물어봐).
        asked = self.followups.carry.aspect_terms(analysis)
        if aspect is None or [t for t in self.matcher._topic_terms(analysis) if t not in asked] \
                or self.followups.novel(analysis) or self.matcher.talk.typed_names(analysis.normalized):
            return None
        places = [i for i in shown if isinstance(i, Referral)] if aspect == "contact" else []
        chosen = places if len(places) == 1 else shown if len(shown) == 1 else []
        if chosen:
            item = chosen[0]
            meant = aspect if isinstance(item, Program) else None
            return Decision("answer", item.id, meant, 100.0, (Candidate(item.id, item.kind, 100.0),), lang)
        candidates = tuple(Candidate(i.id, i.kind, 100.0) for i in shown if not isinstance(i, Intent))
        return Decision("suggest", None, aspect, 100.0, candidates, lang) if candidates else None

    def _which_pointed(self, analysis: Analysis, prepared: str, listed: list[Item], lang: str) -> Decision | None:
        """`그건요?`, `그럼 그거는?`, `what about that one?` under a list: pointing at one of them, asking nothing and
        naming nothing. Several listed: which one is meant is asked, by offering them again (as `자격은요?` there
        asks which program); one: that one."""
        words = analysis.normalized.split()
        if not listed or len(words) > POINTER_WORDS or not any(self._points(w) for w in words):
            return None
        if self._aspect(prepared, analysis) is not None or self.followups.novel(analysis) \
                or self.matcher.talk.typed_names(analysis.normalized) \
                or [t for t in self.matcher._topic_terms(analysis) if t not in POLITE_EN]:
            return None
        if len(listed) == 1:
            item = listed[0]
            return Decision("answer", item.id, None, 100.0, (Candidate(item.id, item.kind, 100.0),), lang)
        candidates = tuple(Candidate(i.id, i.kind, 100.0) for i in listed if not isinstance(i, Intent))
        return Decision("suggest", None, None, 100.0, candidates, lang) if candidates else None

    @staticmethod
    def _card_since(context: "MatchContext") -> bool:
        """Whether an item was answered after the options were listed (`수소 특화단지 입주 요건` picked from an area's
        list): an aspect asked then (`일정은`) is that card's, not a question of which listed program."""
        return context.current() is not None and context.at >= context.options_at

    def _aspect_worded(self, analysis: Analysis, prepared: str, listed: list[Program], text: str,
                       lang: str) -> Decision | None:
        """`사무실 월세는 얼마입니까`, `임대료는요?` under a list of programs: an aspect asked in an aspect's own words
        (carry.py `aspect_terms`: 월세, 수수료, 교육비), any other word of content one the listed programs write. It
        is about one of them: the one program whose texts write such a word is answered with that aspect; else
        which of them is asked, by offering them again with it. Not where the message names an item as typed, the
        agency, or a word of its own (`택배 요금은 얼마예요`: 택배 none of them writes)."""
        if not listed or len(analysis.normalized.split()) > MAX_FOLLOW_WORDS:
            return None
        aspect = self._aspect(prepared, analysis)
        asked = self._aspect_things(analysis)
        if aspect is None or not asked or [t for t in self.followups.novel(analysis) if t not in asked] \
                or self.matcher.talk.typed_names(analysis.normalized) or self.subjects.names_agency(text):
            return None
        if aspect != "contact" and self._chat_act(text, lang):
            return None  # 담당자랑 통화 가능할까요: a person asked for, not which program's 자격요건
        written = frozenset().union(*(self._body.get(p.id, frozenset()) | self._names[p.id] for p in listed))
        ids = {p.id for p in listed}
        named_elsewhere = frozenset().union(*(w for i, w in self._names.items() if i not in ids))  # other programs'
        if any(t not in asked and (t not in written or t in named_elsewhere) for t in self.matcher._topic_terms(analysis)):
            return None  # a word of its own, or one naming another item (실증 사업 under the defense list)
        # A thing given that only one of them writes picks it (임대료: the knowledge centre's rent); 비용, which all
        # write, none. Only for what is given (support): 신청 of `신청은 어떻게 해요?` is no thing of one program's.
        writing: set[str] = set()
        for word in (t.removeprefix(UNKNOWN_PREFIX) for t in asked if aspect == "support"):
            writers = [p.id for p in listed if len(word) >= 2 and word in self._written.get(p.id, "")]
            writing |= set(writers) if len(writers) == 1 else set()
        if len(writing) == 1:
            chosen = next(p for p in listed if p.id in writing)
            return Decision("answer", chosen.id, aspect, 100.0, (Candidate(chosen.id, chosen.kind, 100.0),), lang)
        if len(listed) == 1:
            return Decision("answer", listed[0].id, aspect, 100.0, (Candidate(listed[0].id, listed[0].kind, 100.0),), lang)
        return Decision("suggest", None, aspect, 100.0, tuple(Candidate(p.id, p.kind, 100.0) for p in listed), lang)

    def _faq_silent(self, last: str | None, analysis: Analysis) -> bool:
        """Whether the FAQ answered last writes none of the aspect words a message asks in (`월세` after the office-space
        FAQ): the question is then about one of its programs, not the FAQ itself (`수수료는요?` after an FAQ on fees is
        the FAQ's)."""
        faq = self.matcher.kb.get(last or "")
        if not isinstance(faq, Faq):
            return False
        written = normalize(" ".join(v for _, v in faq.answer.values)).replace(" ", "")
        asked = [t.removeprefix(UNKNOWN_PREFIX) for t in self._aspect_things(analysis)]
        return bool(asked) and not any(len(w) >= 2 and w in written for w in asked)

    def _chat_act(self, text: str, lang: str) -> bool:
        """Whether the message read alone (no chat, no model) is one of the agency's intents (a person, help)."""
        alone = self.matcher.match(text, lang, semantic=False)
        return alone.kind == "answer" and isinstance(self.matcher.kb.get(alone.id or ""), Intent)

    def _aspect_things(self, analysis: Analysis) -> frozenset[str]:
        """The aspect words of a message that name a thing (월세, 임대료, 수수료), not a question word (얼마, 어떻게)."""
        light = self.matcher.lexicon.light_words
        return frozenset(t for t in self.followups.carry.aspect_terms(analysis) if t not in light)

    def _points(self, word: str) -> bool:
        """Whether a word points at something shown: a pointer (options.yaml), with a particle after it (그건요,
        그거는, 거기는요) in Korean."""
        if word in self.words.pointers_ko or word in self.words.pointing_en:
            return True
        return any(word.startswith(p) and (tail := word[len(p):]) and (tail in self.followups._particles or tail == "요"
                                                                     or tail.removesuffix("요") in self.followups._particles)
                   for p in self.words.pointers_ko)

    def shown(self, context: "MatchContext", *, related: bool = True) -> list[Item | Area]:
        """The options shown last, while recent, in their order: items, and areas (an area's list); those no
        longer in the knowledge base left out. With none, an FAQ's answer just shown lists its related
        programs as buttons (handlers/cards.py faq_card): `두번째 거요` under it is the second (`related`)."""
        found: list[Item | Area] = []
        if related and not context.current_options():
            faq = self.matcher.kb.get(context.current() or "")
            if isinstance(faq, Faq):
                found += [p for p in (self.matcher.kb.program(i) for i in faq.programs) if p is not None]
                return found[:FAQ_BUTTONS]
        for option in context.current_options():
            area_id = option_area(option)
            if area_id is None:
                item = self.matcher.kb.get(option)
                if item is not None:
                    found.append(item)
            elif area_id == NO_AREA:
                if self.matcher.kb.programs_in(None):
                    found.append(Area(NO_AREA, Text(())))  # 기타: picked by its place only
            elif (area := self.matcher.kb.area(area_id)) is not None:
                found.append(area)
        return found

    def bare_position(self, text: str) -> int | None:
        """The position a message says and nothing else (`9번`, `세번째요`, `3번 보여주세요`, `the third one`,
        `2`), or None: no topic, no aspect, no question word beside it."""
        found = self.position(normalize(text))
        if found is None or not (found[0] == -1 or 0 <= found[0] <= POSITION_LIMIT):
            return None
        position, rest = found
        return position if self.says_nothing(rest) else None

    def says_nothing(self, rest: str) -> bool:
        """Whether what a reply says beside its pick (a position, or an answer the finder reads: `예비창업자요`
        less 예비창업자) is no more than a few words with no topic, aspect or question word in them."""
        if len(rest.split()) > BARE_WORDS:
            return False
        analysis = self.matcher.analyzer.analyze(rest)
        if self._aspect(rest, analysis) is not None or self._asking(analysis):
            return False
        return not [t for t in self.matcher._topic_terms(analysis)
                    if t not in POLITE_EN and t not in self._list_terms and len(t) > 1]

    def _unpicked(self, text: str, lang: str | None) -> Decision | None:
        """A position and nothing else that picked nothing (beyond the list, or no list shown, or one shown
        too long ago): not a question about anything, so no topic is guessed (`5번이요` is no award
        ceremony); the handlers show the list again or say there is none."""
        if self.bare_position(text) is None:
            return None
        return Decision("fallback", lang=lang or detect_lang(text, self.matcher.lexicon.neutral_words))

    def _area_list(self, area_id: str, aspect: str | None, lang: str) -> Decision:
        """An area's list, as the matcher gives it for `수소 관련 지원사업 뭐 있어요`: the browse intent with
        the area; `aspect` is the one "which program?" asked, kept for the pick that follows."""
        matcher = self.matcher
        programs = matcher.kb.programs_in(None if area_id == NO_AREA else area_id)
        candidates = tuple(Candidate(p.id, p.kind, 0.0) for p in programs[:matcher.settings.max_candidates])
        browse = matcher.browse_intent
        if browse is not None:
            return Decision("answer", browse.id, aspect, 100.0, candidates, lang, area_id)
        return Decision("suggest", None, aspect, 100.0, candidates, lang, area_id)

    def after(self, decision: Decision, text: str, context: "MatchContext | None") -> Decision:
        """The matcher's decision read once more against the chat (_after); then, chat or not, suggestions that the
        asker's stated facts narrow to one program (Subjects.asker_named), and a length of time asked of a program
        answered by the part stating one (`입주 기간은?`, `몇 년까지 있을 수 있어요?` after the incubation centre: its
        support text, where its period is when to apply; intents/aspect_lengths.py), as a first question's is
        (Matcher._asked_aspect)."""
        decision = self._after(decision, text, context)
        both = self._both(decision, text)  # 수출 바우처랑 스마트공장 둘 다 알고 싶어요: each read alone
        if both is not None:
            return both
        if decision.kind == "suggest":  # 41살 전역자인데 청년 채용 사업 돼요?: the one the asker's facts pick
            return self.subjects.asker_named(decision, text) or decision
        if decision.kind != "answer" or decision.aspect != "period":
            return decision
        program = self.matcher.kb.program(decision.id or "")
        if program is None or not self.matcher.aspects.asks_length(self.matcher.asked(self.matcher._prepare(text))):
            return decision
        part = length_part(program)
        return replace(decision, aspect=part) if part is not None else decision

    def _after(self, decision: Decision, text: str, context: "MatchContext | None") -> Decision:
        """"Which program?" answered with a name keeps the aspect it asked; a short question about the program
        just answered stays with it."""
        if context is None:
            return decision
        if self._searches_others(text, context.current()):  # 경력단절 여성 지원 같은 건 없나요?: not the card's
            return self.matcher.match(text, decision.lang) if decision.id == context.current() else decision
        switched = self._other_audience(decision, text, context) or self._place_asked(text, context.current())
        if switched is not None:
            return switched
        asked = context.current_asked()
        if asked is not None and decision.kind == "answer" and decision.aspect is None \
                and isinstance(self.matcher.kb.get(decision.id or ""), Program):
            return replace(decision, aspect=asked)  # 자격은? -> which? -> 예비창업자요
        listed = [self.matcher.kb.program(i) for i in context.current_options()]
        if listed and all(listed):  # 창업한 지 2년 됐어요 under the startup list: the programs left (intents/subjects.py)
            narrowed = self.subjects.narrows(decision, text, [p for p in listed if p is not None])
            if narrowed is not None:
                return narrowed
        last = context.current()
        program = self.matcher.kb.get(last) if last is not None else None
        if isinstance(program, Faq) and len(program.programs) == 1:
            pointed = self.matcher.kb.program(program.programs[0])  # an FAQ about one program: that program
            detail = self.followups.about_person(decision, text, pointed) if pointed is not None else None
            return detail or self.followups.shown_fits(decision, text, program, self._asks(text)) or decision
        if isinstance(program, Faq) and program.programs:
            return self.followups.after_faq(decision, text, program, self._asks(text)) \
                or self.followups.faq_aspect(decision, text, program) \
                or self.followups.shown_fits(decision, text, program, self._asks(text)) or decision
        if isinstance(program, (Faq, Referral)):  # 전문가가 몇 명이나 참여하고 있습니까 after the FAQ that says so
            return self.followups.shown_fits(decision, text, program, self._asks(text)) or decision
        if not isinstance(program, Program):
            return decision
        detail = self.followups.about_person(decision, text, program) \
            or self.followups.also_them(decision, text, program) \
            or self.subjects.own_case(decision, text, program) \
            or self.subjects.not_a_request(decision, text, program)  # 돈 내야돼?, 우리같은 … 회사도 대상이에요?, … 직접 받는 건
        if detail is not None:
            return detail
        carried, leaving = self._carried(decision, text, program)  # a word of its own: pointed at, the card's
        if carried is not None:
            return carried
        if leaving:  # another item's word the card does not write: never held on the card
            return self.followups.neighbour(decision, text, program) or decision
        # 몇 명까지 돼요? (no statistics FAQ); 실증 지원은요? (the area's own program of that name)
        moved = self.followups.bare_aspect(decision, text, program) \
            or self.followups.question_word(decision, text, program, self._asks(text), POLITE_EN) \
            or self.followups.general_aspect(decision, text, program) \
            or self.followups.neighbour(decision, text, program)
        if moved is not None:
            return moved
        if decision.area is not None:
            return decision
        # 채용된 청년에게 주는 혜택도 있습니까: the card's, though its sibling's name says 채용
        shown = self.followups.shown_fits(decision, text, program, self._asks(text))
        if shown is not None:
            return shown
        if decision.kind == "answer":
            return self._held(decision, text, program) or self._about_card(decision, text, program) or decision
        held = self._still_about(decision, text, program)
        if held is None and decision.kind == "suggest" and decision.candidates:
            held = self._held(decision, text, program, decision.candidates[0].id)  # small talk offered first
        return held or self._about_card(decision, text, program) or decision

    def _searches_others(self, text: str, last: str | None) -> bool:
        """Whether, after a program's card, a message is a search of its own: `경력단절 여성 지원 같은 건 없나요?` names who
        (a who-word) and asks whether there is something for them (options.yaml `searches_ko`/`searches_en`), with
        no 도/too and no pointer at the card - not whether the card takes them (`외국인도 되나요?`). It is read
        without the card (Options._after); the guide having nothing for it is the honest fallback."""
        if last is None or not isinstance(self.matcher.kb.get(last), Program):
            return False
        normalized = normalize(text)
        compact, padded = normalized.replace(" ", ""), f" {normalized} "
        if not any(w in compact for w in self.words.searches_ko) and not any(w in padded for w in self.words.searches_en):
            return False
        talk = self.matcher.talk
        words = [w.strip("?!.,~") for w in normalized.split()]
        return talk.without_who(normalized) is not None and not talk.also(normalized) \
            and not any(self._points(w) for w in words)

    def _other_audience(self, decision: Decision, text: str, context: "MatchContext") -> Decision | None:
        """`재직자 말고 구직자용이요` after a course for employees: what is ruled out is an audience, not a topic. The
        topic (the area of the card just shown) stays, and the item is the one for the other audience: the area's
        programs serving the side the asked part names and not the side ruled out (else those serving it at all),
        one answered with the aspect asked, several offered. None where X and Y are not one side each, or the
        asked part names an item as typed. Under a list of one area's programs (`교육 프로그램 뭐 있어요?`, then
        `재직자 말고 구직자용입니다`) that area is the topic, as a card's is."""
        pattern = self.matcher._exclusion
        if pattern is None or not pattern.search(normalize(text)):
            return None
        last = context.current()
        program = self.matcher.kb.program(last) if last is not None else None
        area_id = program.area.id if program is not None and program.area is not None else self._listed_area(context)
        if area_id is None:
            return None
        found = exclusion_split(self.matcher, text)
        if found is None:
            return None
        ruled, wanted = self._side(found.excluded), self._side(found.kept)
        if ruled is None or wanted is None or ruled == wanted or self.matcher.talk.typed_names(normalize(found.kept)):
            return None
        if self.matcher.talk.also(normalize(found.kept)) or self.matcher.aspects.reading(found.kept)[1] == PERMISSION:
            return None  # 대학생 말고 직장인도 돼요?: whether the card takes them too, not another program
        sides = self.matcher.item_sides
        area = [p for p in self.matcher.kb.programs_in(area_id) if program is None or p.id != program.id]
        serving = [p for p in area if wanted in sides.get(p.id, frozenset())]
        only = [p for p in serving if ruled not in sides.get(p.id, frozenset())]
        chosen = only or serving
        if not chosen:
            return None
        if decision.kind == "answer" and decision.id in {p.id for p in chosen}:
            return decision
        lang = decision.lang
        if len(chosen) == 1:
            aspect = self.matcher.aspects.detect(found.kept)
            return Decision("answer", chosen[0].id, aspect, 100.0, (Candidate(chosen[0].id, chosen[0].kind, 100.0),), lang)
        return Decision("suggest", None, None, 100.0, tuple(Candidate(p.id, p.kind, 100.0) for p in chosen), lang)

    def _listed_area(self, context: "MatchContext") -> str | None:
        """The one area of the programs listed last (an area's list, suggestions of one area), or None."""
        listed = [self.matcher.kb.program(i) for i in context.current_options()]
        areas = {p.area.id if p.area is not None else None for p in listed if p is not None}
        return areas.pop() if listed and all(listed) and len(areas) == 1 else None

    def _both(self, decision: Decision, text: str) -> Decision | None:
        """Two things asked at once (intents/clauses.py `both_asked`: `수출 바우처랑 스마트공장 둘 다 알고 싶어요`), each
        read alone with the rest of the question (lexically, without the chat): both answered, the first is answered
        and the second offered on its card (`Decision.also`); one answered, it is, and the other is said to be
        outside the guide (`Decision.unanswered`, as typed); neither: the matcher's decision stands."""
        pair = both_asked(text)
        if pair is None or decision.area is not None:
            return None
        found = [self._one_of_both(part, decision.lang) for part in pair]
        if any(r is not None and r.kind != "answer" for r in found):
            return None  # a part that is neither answered nor outside the guide: the matcher's reading stands
        answered = [r for r in found if r is not None]
        if not answered or len(answered) == 2 and answered[0].id == answered[1].id:
            return None
        first = answered[0]
        if len(answered) == 2:
            return replace(first, also=(answered[1].id or "",), lang=decision.lang)
        missing = pair[found.index(None)]
        said = " ".join(w for w in missing.split() if w not in pair[1 - found.index(None)].split()) or missing
        return replace(first, unanswered=(said,), lang=decision.lang)

    def _one_of_both(self, part: str, lang: str) -> Decision | None:
        """One of two things asked at once, read alone: its answer (a program, FAQ or referral; else the one program
        or referral its words name as typed), None where nothing fits (the fallback), else the reading itself."""
        reading = self.matcher._match(part, lang, None, False)
        if reading.kind == "answer" and isinstance(self.matcher.kb.get(reading.id or ""), (Program, Faq, Referral)):
            return reading
        typed = self.matcher.talk.typed_names(normalize(part))
        if len(typed) == 1:
            item = self.matcher.kb.get(typed[0])
            if item is not None:
                return Decision("answer", item.id, reading.aspect, 100.0, (Candidate(item.id, item.kind, 100.0),), lang)
        return None if reading.kind == "fallback" else reading

    def _place_asked(self, text: str, last: str | None) -> Decision | None:
        """Right after a program's card, a message whose only topic is where a thing is (options.yaml `place_words`:
        `주소요`, `찾아가는 길 알려주세요`, `주소 부탁드립니다`): that card's contact, where its address is written. Not
        where the agency is named (`진흥원 위치가 어디예요?`: the agency's own), nor where the asker says where they
        live or who they are (a place, an age, a status: `주소도 창원이에요`), nor another item named."""
        program = self.matcher.kb.program(last) if last is not None else None
        if program is None or not self._place_terms or not self._names_place(normalize(text)):
            return None  # (no place word nor where-is form as typed: nothing more is read, per message)
        analysis, prepared = self.followups._read(text)
        if analysis is None or len(analysis.normalized.split()) > MAX_FOLLOW_WORDS:
            return None
        topic = set(self.matcher._topic_terms(analysis))
        if not topic and self._asks_where(analysis.normalized) and self._aspect(prepared, analysis) is None:
            topic = set(self._place_terms)  # 어디에 있어요?: where it is, though no word names a place
        if not topic or not topic <= self._place_terms or read_asker(prepared) \
                or any(t in self.matcher.lexicon.places for t in analysis.terms) \
                or self.subjects.names_agency(text) or self.matcher.talk.typed_names(analysis.normalized):
            return None
        return Decision("answer", program.id, "contact", 100.0, (Candidate(program.id, program.kind, 100.0),),
                        detect_lang(prepared, self.matcher.lexicon.neutral_words))

    def _names_place(self, normalized: str) -> bool:
        """Whether a message holds a place word (options.yaml `place_words`) or asks where, as typed."""
        compact, padded = normalized.replace(" ", ""), f" {normalized} "
        return self._asks_where(normalized) or any(
            (f" {w} " in padded) if w.isascii() else (w.replace(" ", "") in compact) for w in self.words.place_words)

    def _asks_where(self, normalized: str) -> bool:
        """Whether a message asks where a thing is (options.yaml `where_is`)."""
        compact, padded = normalized.replace(" ", ""), f" {normalized} "
        return any((f" {w} " in padded) if w.isascii() else (w in compact) for w in self.words.where_is)

    def _side(self, words: str) -> str | None:
        """The one side (a job seeker, a company) words name: who someone is (재직자, 구직자: knowledge/asker.py
        statuses) or the sides' own words (구직자용, for job seekers); None for none or both."""
        side_words = self.matcher.side_words
        said = set(side_words.taken(normalize(words)))
        said |= {side_words.statuses[w] for w in read_asker(words).who if w in side_words.statuses}
        return said.pop() if len(said) == 1 else None

    def _carried(self, decision: Decision, text: str, program: Program) -> tuple[Decision | None, bool]:
        """After `program`'s card, a follow-up with a word of its own (intents/carry.py): pointing at the card
        in words it writes (`그 SPC에는 누가 출자했어요`), or in a word the card writes and few others do
        (`지식서비스업은요`): the card's; a word another item writes and the card does not (`입주하면 얼마나 있을
        수 있어요?` after a fund): not held on the card (True: leaving). (None, False): the other rules decide."""
        carry = self.followups.carry
        analysis, prepared = carry.read(text)
        if analysis is None or self.matcher.talk.names_another(analysis, self.matcher.index_of[program.id]):
            return None, False
        found = carry.pointed(decision, analysis, prepared, program) \
            or (None if self._lists(analysis) else carry.keeps(decision, analysis, prepared, program)
                or carry.aspect_only(decision, analysis, prepared, program))  # 비용은 회사가 얼마나 내요?
        if found is not None:
            return found, False
        return None, not (decision.kind == "answer" and decision.id == program.id) and carry.leaves(analysis, program.id)

    def _about_card(self, decision: Decision, text: str, program: Program) -> Decision | None:
        """After `program`'s card, a short question about a fact of it that no aspect cue names (`그때 가서
        성과는 어땠어요` after the trade mission, whose support text gives the results; `예전엔 어디서 했었죠?`):
        its words of content - less question words, times (그때, 예전), verb forms the analyser did not cut, details
        and asking whether it is true - are all the card's own (its names, questions, summary and parts, or a
        word no name writes that its text writes as typed), or there are none. Answered with the part of the
        card that writes them (intents/aspect_words.py), else the aspect asked, else the summary. It takes the
        place of the fallback, small talk or a general FAQ (of no area, not pointing to the program); of an FAQ
        of an area only where the message points back or speaks of that time (그거, 그때). The agency named
        (진흥원 위치) is the agency's."""
        answered = self.matcher.kb.get(decision.candidates[0].id if decision.kind == "suggest" and decision.candidates
                                       else decision.id or "") if decision.kind != "fallback" else None
        if isinstance(answered, (Program, Referral)) or decision.area is not None \
                or (isinstance(answered, Faq) and program.id in answered.programs) \
                or (isinstance(answered, Intent) and answered.action):
            return None
        read = self._card_words(text, program)
        if read is None:
            return None
        analysis, prepared, aspect, content, own, anchored = read
        followups = self.followups
        if len(own) < len(content):
            return None  # a word the card does not write: another subject, or one the guide may not cover (unsaid)
        if any(t in self.matcher.agency_terms for t in content):
            return None  # 진흥원 위치: the agency's, whatever the card writes of it
        if isinstance(answered, Faq) and answered.area is not None and not anchored:
            return None  # an FAQ of an area holds the words too: only a question pointing back is the card's
        if isinstance(answered, Intent) and not content and not followups._counts(analysis):
            return None  # 너 누구야?: small talk, unless it asks how many, how much, when or where
        if aspect is None and content:
            strong = self.matcher.entries[self.matcher.index_of[program.id]].strong
            aspect = self.matcher.aspect_words.asked(program.id, (t for t in content if t not in strong))
        return Decision("answer", program.id, aspect, 100.0, (Candidate(program.id, program.kind, 100.0),),
                        decision.lang)

    def _card_words(self, text: str, program: Program) -> tuple[Analysis, str, str | None, list[str], list[str], bool] | None:
        """A short question after `program`'s card that names no other item and no subject of its own: its
        analysis, prepared text, the aspect asked, its words of content (less question words, times, verb forms
        the analyser did not cut, details, asking whether it is true; a word the knowledge never uses from two
        letters), those of them the card writes, and whether it points back or speaks of that time (그거, 그때)."""
        followups = self.followups
        analysis, prepared = followups._read(text)
        if analysis is None or self._lists(analysis) or self.matcher.talk.without_who(analysis.normalized) is not None:
            return None
        index = self.matcher.index_of[program.id]
        if self.matcher.talk.names_another(analysis, index) or followups.novel(analysis):
            return None
        aspect = self._aspect(prepared, analysis)
        if not (aspect or self._asking(analysis) or followups._questions(prepared, analysis)):
            return None
        entry = self.matcher.entries[index]
        body = self._body.get(program.id, frozenset())
        written = self._written.get(program.id, "")
        # Words the knowledge never uses count from two letters (날씨, 맛집: the topic's own reading starts at three).
        unknown = [t for t in analysis.terms if t.startswith(UNKNOWN_PREFIX) and len(t) > 2]
        content = [t for t in dict.fromkeys([*self.matcher._topic_terms(analysis), *unknown])
                   if (len(t) > 1 or t.isascii()) and not followups.confirms_word(t) and not followups.is_detail(t)
                   and not followups.plain(t) and not self._question_word(t)
                   and not ((t.startswith(UNKNOWN_PREFIX) or past_tense(t)) and followups.verb_like(t))]
        own = [t for t in content if t in entry.strong or t in entry.weak or t in body
               or t.startswith(UNKNOWN_PREFIX) and t[1:] in written]
        words = analysis.normalized.split()
        anchored = any(w in self.words.pointers_ko or w in self.words.pointing_en for w in words) \
            or any(followups.plain(t) for t in analysis.terms)
        return analysis, prepared, aspect, content, own, anchored

    def unsaid(self, text: str, context: "MatchContext | None") -> Program | None:
        """The card a fallen-back question is plainly about though the card does not say it: right after a
        program's card, a short question that points back or speaks of that time (`그때 바이어 이름은 뭐였어요?`),
        names no other item, the agency or a subject of its own, and asks in words of which some the card does
        not write. The handler says that the guide does not give it for that program and offers staff, instead
        of the fallback's examples of other programs (handlers/conversing.py)."""
        last = context.current() if context is not None else None
        program = self.matcher.kb.get(last) if last is not None else None
        if isinstance(program, Faq) and len(program.programs) == 1:
            program = self.matcher.kb.program(program.programs[0])
        if not isinstance(program, Program):
            return None
        read = self._card_words(text, program)
        if read is None:
            return None
        _, _, _, content, own, anchored = read
        if not anchored or len(own) == len(content) or any(t in self.matcher.agency_terms for t in content):
            return None
        return program

    def _question_word(self, term: str) -> bool:
        """Whether a term is a Korean question word with its ending (어땠어 of 어땠어요: how it went)."""
        word = term.removeprefix(UNKNOWN_PREFIX)
        return not word.isascii() and word.startswith(self.words.asking_ko)

    def _held(self, decision: Decision, text: str, program: Program, first: str | None = None) -> Decision | None:
        """After `program`'s card, an answer about something else taken back for a short question about the card:
        one that points at it (`그거 온라인으로도 신청돼요?`: 그거, not the tax office's online filing), or small
        talk matched by a question in the card's own words (`채용공고는 어디서 봐요?` is no goodbye). It asks an
        aspect or a question word, names no other item (as typed, or by a word of its name) and no word the card
        does not write that the knowledge never uses; an FAQ that points to the program stays."""
        answered = self.matcher.kb.get(first or decision.id or "")  # `first`: the suggestion offered first
        if answered is None or isinstance(answered, Program) or (isinstance(answered, Faq) and program.id in answered.programs):
            return None
        small_talk = isinstance(answered, Intent) and not answered.action
        if isinstance(answered, Intent) and not small_talk:
            return None  # 담당자 연결해 주세요, 메뉴: a request of its own
        prepared = self.matcher._prepare(text)
        if self.matcher.asked(prepared) != prepared:
            return None
        analysis = self.matcher.analyzer.analyze(prepared)
        words = analysis.normalized.split()
        if not words or len(words) > MAX_FOLLOW_WORDS or self._lists(analysis) \
                or self.matcher.talk.without_who(analysis.normalized) is not None:
            return None
        aspect = self._aspect(prepared, analysis)
        if not (aspect or self._asking(analysis)):
            return None
        pointing = any(w in self.words.pointers_ko or w in self.words.pointing_en for w in words)
        index = self.matcher.index_of[program.id]
        entry = self.matcher.entries[index]
        body = self._body.get(program.id, frozenset())
        written = self._written.get(program.id, "")
        # Asking whether it is true names nothing; nor do the words that made it small talk (봐요 of 또 봐요).
        topic = [t for t in self.matcher._topic_terms(analysis) if not self.followups.confirms_word(t)
                 and not (small_talk and t in self.matcher.entries[self.matcher.index_of[answered.id]].strong)]
        own = [t for t in topic if t in entry.strong or t in entry.weak or t in body
               or t.startswith(UNKNOWN_PREFIX) and t[1:] in written]
        # The agency named (진흥원 전화번호, 진흥원 홈페이지) asks about the agency, whatever the card writes of it.
        in_own_words = bool(own) and all(t in own or self.followups.is_detail(t) for t in topic) \
            and not any(t in self.matcher.agency_terms for t in topic)
        general = isinstance(answered, Faq) and answered.area is None  # about no area: said in general
        if not (pointing or in_own_words and (small_talk and self.followups._counts(analysis) or general)):
            return None
        if self.matcher.talk.names_another(analysis, index) or self.followups.novel(analysis):
            return None  # another item named, or a subject of its own
        names = self.matcher.talk.name_words
        if any(t not in own and (t.startswith(UNKNOWN_PREFIX) and not self.followups.verb_like(t)
                                 and not self.followups.plain(t)
                                 or any(t in n for i, n in names.items() if i != program.id)) for t in topic):
            return None  # a word the knowledge never uses, or a word of another item's name
        return Decision("answer", program.id, aspect, 100.0, (Candidate(program.id, program.kind, 100.0),),
                        decision.lang)

    def _asks(self, text: str) -> bool:
        """Whether a message asks an aspect or a question word (어디, 몇, who, where)."""
        prepared = self.matcher._prepare(text)
        analysis = self.matcher.analyzer.analyze(prepared)
        return self._aspect(prepared, analysis) is not None or self._asking(analysis)

    def _asking(self, analysis: Analysis) -> bool:
        words = analysis.normalized.split()
        return any(w.startswith(cue) for w in words for cue in self.words.asking_ko) \
            or any(cue in f" {analysis.normalized} " for cue in self.words.asking_en)

    def _still_about(self, decision: Decision, text: str, program: Program) -> Decision | None:
        """After `program`'s answer, a message nothing answers, or that ties the program with others (`예약은
        어떻게 해?`), asking an aspect, pointing back or asking where/how many/who (`몇 시까지 열어요?`,
        `where are they?`) is about that program. Not a message that names another item's own words."""
        prepared = self.matcher._prepare(text)
        kept = self.matcher.asked(prepared)
        if kept != prepared:
            return None  # something is ruled out: read by the matcher
        analysis = self.matcher.analyzer.analyze(kept)
        words = analysis.normalized.split()
        if not words or len(words) > MAX_FOLLOW_WORDS:
            return None
        if self.matcher.talk.without_who(analysis.normalized) is not None or self._lists(analysis):
            return None  # 예비창업자인데 받을 수 있는 지원 있나요?: who asks, or what there is: not this program
        first = decision.candidates[0] if decision.candidates else None
        listed = decision.kind == "suggest" and any(c.id == program.id for c in decision.candidates)
        tied = listed and first is not None and any(
            c.id == program.id and c.score >= first.score for c in decision.candidates)
        if decision.kind != "fallback" and not listed:
            return None
        aspect = self._aspect(prepared, analysis)
        asking = self._asking(analysis)
        pointing = any(w in self.words.pointers_en or w in self.matcher.lexicon.followup_cues for w in words)
        index = self.matcher.index_of[program.id]
        entry = self.matcher.entries[index]
        # Asking whether it is true names nothing; an unknown word read as a verb (올리면, 내준다는) names nothing
        # either where the rest is anchored below.
        topic = [t for t in self.matcher._topic_terms(analysis) if not self.followups.confirms_word(t)]
        verbs = [t for t in topic if t.startswith(UNKNOWN_PREFIX) and (self.followups.verb_like(t)
                                                                      or self.followups.plain(t))]
        # Anchored: its known topic words (details aside: 창원, 돈) are all in the program's own text, firmly
        # so in its own words (name, aliases, questions). Asking whether what was said is true (진짜야?,
        # really?) is about the answer just given, as pointing back is.
        known = [t for t in topic if not t.startswith(UNKNOWN_PREFIX)]
        anchors = [t for t in known if not self.followups.is_detail(t)]
        # The card just shown is read: a word of its own texts (who may apply, what it gives, how and when:
        # 교통비 on its support) anchors the question to it as its summary's words do.
        body = self._body.get(program.id, frozenset())
        anchored = bool(anchors) and all(t in entry.strong or t in entry.weak or t in body for t in anchors)
        firmly = bool(anchors) and all(t in entry.strong for t in anchors)
        # A word the knowledge's names and questions never use that the card itself writes (주거정착금 on its
        # support): the person read it there.
        written = self._written.get(program.id, "")
        own = [t for t in topic if t.startswith(UNKNOWN_PREFIX) and t not in verbs and t[1:] in written]
        confirming = self.followups.confirms(analysis)
        if decision.kind != "fallback" and not tied and not (
                (anchored or own) and all(t in entry.strong or t in entry.weak or t in body or t in own or t in verbs
                                          or self.followups.is_detail(t) for t in topic)):
            return None  # suggestions with the card among them: only for a question in the card's own words
        if not (aspect or asking or pointing or tied or confirming):
            return None
        # A one-syllable leftover (고 of 미취업이고) names nothing, nor does a word of the card's own text.
        unknown = any(t.startswith(UNKNOWN_PREFIX) and len(t) > 2 and t not in own and not self.followups.plain(t)
                      for t in analysis.terms)
        if not pointing and (len(known) + len(verbs) + len(own) < len(topic)
                             or unknown and not (firmly or confirming and anchored)):
            # 로또 번호 알려줘, 비트코인 얼마예요: a word the knowledge never uses, not pointing back. Short unknown
            # words (올려, 진짜) pass where the rest is the program's own (채용공고 어디다 올려야 하죠), or its
            # text's when the person asks whether it is true (오사카 가는거 진짜야?); 오사카 맛집 어디예요 does not.
            return None
        if decision.kind == "fallback" and self.matcher.program_names_in(analysis.normalized):
            return None  # a program's name it was not matched to: not this one
        if not tied and any(t not in entry.strong and t not in entry.weak and t not in body
                            and not self.followups.is_detail(t) and self._names_other(t, index) for t in known):
            return None  # who is the president?: another item's word, not the program's
        lang = decision.lang
        return Decision("answer", program.id, aspect, 100.0, (Candidate(program.id, program.kind, 100.0),), lang)

    def _lists(self, analysis: Analysis) -> bool:
        """Whether the message asks what there is (a list cue: 뭐 있어요, what programs)."""
        return self.followups._lists(analysis)

    def _names_other(self, term: str, index: int) -> bool:
        """Whether an item other than entries[index] (small talk aside) holds `term` in its own words."""
        return any(i != index and term in e.strong and not isinstance(e.item, Intent)
                   for i, e in enumerate(self.matcher.entries))

    # ---- positions ---------------------------------------------------------------------------------

    def position(self, normalized: str) -> tuple[int, str] | None:
        """The position a message points at (1 first, -1 last) and the message without the words saying it."""
        for typed, meant in self.words.spellings:
            normalized = normalized.replace(typed, meant)  # 두번쨰 -> 두번째
        words = normalized.split()
        if len(words) == 1 and words[0].isascii() and words[0].isdigit():  # not 𐹠, a digit int() refuses
            return int(words[0]), ""  # `2`
        for pattern, position in self.words.ordinals_ko:
            found = pattern.search(normalized)
            if found is not None:
                return position, (normalized[:found.start()] + " " + normalized[found.end():]).strip()
        found = self.words.numbered_ko.search(normalized) if self.words.numbered_ko is not None else None
        if found is not None:  # 9번, 7번째 (the words above go to 10; figures go on)
            return int(found.group(1)), (normalized[:found.start()] + " " + normalized[found.end():]).strip()
        for i, word in enumerate(words):
            position_en = self.words.ordinals_en.get(word)
            figures = self.words.numbered_en.fullmatch(word) if self.words.numbered_en is not None else None
            if position_en is None and figures is not None:
                position_en = int(figures.group(1))  # 7th
            before = words[i - 1] if i else ""
            after = words[i + 1] if i + 1 < len(words) else ""
            if position_en is not None and (before == "the" or after in ("one", "ones", "program", "option")
                                            or all(w in POLITE_EN for w in words[:i] + words[i + 1:])):
                return position_en, " ".join(words[:i] + words[i + 1:])
            if word in self.words.number_words_en and after.isascii() and after.isdigit():
                return int(after), " ".join(words[:i] + words[i + 2:])
        return None

    def _by_position(self, analysis: Analysis, options: list[Item | Area]) -> Item | Area | None:
        found = self.position(analysis.normalized)
        if found is None:
            return None
        position, rest = found
        if position == -1:
            chosen = options[-1]
        elif 1 <= position <= len(options):
            chosen = options[position - 1]
        else:
            return None
        # What else it says must be about that option (첫번째꺼 신청 언제까지?), not another topic; words naming
        # an entry of a list (세 번째 분야요, 두번째 사업) name none.
        rest_topic = [t for t in self.matcher._topic_terms(self.matcher.analyzer.analyze(rest))
                      if t not in POLITE_EN and t not in self._list_terms
                      and len(t) > 1]  # 제일 위에 있는 거: a particle left alone names nothing
        own = self._own(chosen)
        return chosen if all(t in own for t in rest_topic) else None

    # ---- names -------------------------------------------------------------------------------------

    def _by_name(self, analysis: Analysis, options: list[Program], lang: str = "ko") -> Program | None:
        """The one option whose name or aliases, as the list showed them in the message's script, hold the
        message's topic words (the rest among its own words). A message that types the name of a program
        outside the list names its own topic and is matched fresh (`실증사업은 어디서 하는데요` is no pick)."""
        topic = [t for t in dict.fromkeys(self.matcher._topic_terms(analysis))
                 if not t.startswith(UNKNOWN_PREFIX) and t not in POLITE_EN]  # `the incubation one`
        if not topic or len(topic) > NAMED_TERMS + 1:
            return None
        asked = self.followups.carry.aspect_terms(analysis)  # 사절단은 누구한테 물어봐요: 물어봐 asks, names nothing
        topic = [t for t in topic if t not in asked] or topic
        shown = {p.id for p in options}
        if any(i not in shown for i in self.matcher.talk.typed_names(analysis.normalized, shown)):
            return None  # another program or referral named as typed: a question of its own
        latin = lang == "en"
        best: list[tuple[int, Program]] = []
        for program in options:
            named = [t for t in topic if self._names_it(t, program, latin)]
            own = self._own(program)
            if not named or any(t not in named and t not in own for t in topic):
                continue
            if len(topic) > NAMED_TERMS and len(named) < len(topic):
                continue  # a longer question: every word of it in the name, or it is matched as usual
            best.append((len(named), program))
        return sole_best(best)

    def _by_typed_part(self, analysis: Analysis, prepared: str, options: list[Program]) -> Program | None:
        """The one option a word of the message is typed inside the name of, where the analyser reads that word
        as an aspect's cue and so as no topic (`상담회는 언제 해요?` under the export list: 상담회 of 수출상담회;
        `비용` of no name as typed picks none). The message asks an aspect or a question word, its other topic
        words are the option's own, and it types no name of an item outside the list."""
        if not options or not (self._aspect(prepared, analysis) or self._asking(analysis)):
            return None
        carry = self.followups.carry
        words = analysis.normalized.split()
        if len(words) > MAX_FOLLOW_WORDS:
            return None
        shown = {p.id for p in options}
        if any(i not in shown for i in self.matcher.talk.typed_names(analysis.normalized, shown)):
            return None
        picks: set[str] = set()
        for token in words:
            token = token.strip("?!.,~")
            if token.isascii() or token in self.words.pointers_ko or carry._tail(token):
                continue
            stem = carry._stem(token)
            holders = [p.id for p in options if len(stem) >= 2 and any(stem in typed for typed in self._typed[p.id])]
            if len(holders) == 1:
                picks.add(holders[0])
        if len(picks) != 1:
            return None
        (chosen,) = picks
        program = next(p for p in options if p.id == chosen)
        own = self._own(program)
        if any(t not in own for t in self.matcher._topic_terms(analysis) if len(t) > 1 and t not in POLITE_EN):
            return None
        return program

    def _by_what_it_is(self, analysis: Analysis, prepared: str, options: list[Program]) -> Program | None:
        """An English follow-up naming the thing one option is, as its English name or the first sentence of its
        summary says (`How big is the fund?` under the startup list: only the fund's card begins `Venture funds
        that invest …`): that option. Every word of four letters or more is of that option's defining words or
        asks an aspect; the message asks an aspect or a question word."""
        if not options or not prepared.isascii() or not (self._aspect(prepared, analysis) or self._asking(analysis)):
            return None
        tokens = [t.strip("?!.,~'\"") for t in analysis.normalized.split()]
        if len(tokens) > MAX_FOLLOW_WORDS:
            return None
        asked = self.followups.carry.aspect_terms(analysis)
        content = [t for t in tokens if len(t) >= DEFINING_LETTERS and t not in POLITE_EN
                   and not (set(self.matcher.analyzer.analyze(t).terms) & asked)
                   and not any(f" {t} " in cue for cue in self.words.asking_en)]
        if not content:
            return None
        holders = [p for p in options if all(_singular(t) in self._defining(p) for t in content)]
        return holders[0] if len(holders) == 1 else None

    def _defining(self, program: Program) -> frozenset[str]:
        """The words of a program's English name and of its English summary's first sentence, singular."""
        found = self._defined.get(program.id)
        if found is None:
            summary = program.summary.get("en") or ""
            text = " ".join((*(v for lang, v in program.name.values if lang == "en"), summary.split(". ")[0]))
            found = frozenset(_singular(w.strip(".,;:()'\"")) for w in normalize(text).lower().split())
            self._defined[program.id] = found
        return found

    def _names_it(self, term: str, program: Program, latin: bool | None = None) -> bool:
        """Whether `term` is of the program's names (`latin`: of those written in that script only)."""
        if term in (self._names[program.id] if latin is None else self._shown_names[(program.id, latin)]):
            return True
        if term.isascii() or len(term) < 2:
            return False
        return any(term in typed for typed in self._typed[program.id])  # 항공 in 항공우주 청년인재

    def _area_by_name(self, analysis: Analysis, areas: list[Area]) -> Area | None:
        """The one area shown whose name holds every word of the message, list words aside (`수출지원요`,
        `export one`, `인력양성 분야`, `청년 일자리요`); a word in two areas' names alone (`지원요`) picks none."""
        if not areas:
            return None
        words = [t for t in dict.fromkeys(analysis.terms) if t not in POLITE_EN and t not in self._list_terms]
        if not words:
            return None
        best: list[tuple[int, Area]] = []
        for area in areas:
            terms = self._area_terms.get(area.id, frozenset())
            typed = self._area_typed.get(area.id, ())  # a word inside a name counts: 양성 in 인력양성·교육
            named = [t for t in words if t in terms or not t.isascii() and len(t.lstrip(UNKNOWN_PREFIX)) >= 2
                     and any(t.lstrip(UNKNOWN_PREFIX) in name for name in typed)]
            if len(named) == len(words):
                best.append((len(named), area))
        return sole_best(best)

    def _own(self, item: Item | Area) -> frozenset[str]:
        if isinstance(item, Area):
            return self._area_terms.get(item.id, frozenset())
        index = self.matcher.index_of.get(item.id)
        strong = self.matcher.entries[index].strong if index is not None else frozenset()
        return self._names.get(item.id, frozenset()) | strong

    # ---- the others --------------------------------------------------------------------------------

    def _others(self, analysis: Analysis, prepared: str, listed: bool, last: str | None, lang: str) -> Decision | None:
        """`다른 건요?` after a program: its area's list; after a list (or `more` there): every area."""
        matcher = self.matcher
        if matcher._topic_terms(analysis) or self._aspect(prepared, analysis) is not None:
            return None
        compact = analysis.normalized.replace(" ", "")
        words = set(analysis.normalized.split())
        others = any(c in compact for c in self.words.others_ko) or bool(words & self.words.others_en)
        more = any(c in compact for c in self.words.more_ko) or bool(words & self.words.more_en)
        if not (others or (more and listed)):
            return None
        browse = matcher.browse_intent
        item = matcher.kb.get(last) if last is not None and not listed else None
        if isinstance(item, Faq) and len(item.programs) == 1:
            item = matcher.kb.program(item.programs[0]) or item
        area = item.area.id if isinstance(item, (Program, Faq)) and item.area is not None else None
        if area is not None and matcher.kb.programs_in(area):
            inside = matcher.kb.programs_in(area)
            candidates = tuple(Candidate(p.id, p.kind, 0.0) for p in inside[:matcher.settings.max_candidates])
            if browse is not None:
                return Decision("answer", browse.id, None, 100.0, candidates, lang, area)
            return Decision("suggest", None, None, 100.0, candidates, lang, area)
        if browse is not None and (listed or last is not None):
            return Decision("answer", browse.id, None, 100.0, (Candidate(browse.id, browse.kind, 100.0),), lang)
        return None

    def _picked_aspect(self, prepared: str, analysis: Analysis) -> str | None:
        """The aspect a pick asks, read without the words that say its place: `number 2` asks no phone
        number (a new user's test, tester5: the Korean card then gave the agency's contact)."""
        found = self.position(analysis.normalized)
        if found is None:
            return self._aspect(prepared, analysis)
        return self._aspect(found[1], self.matcher.analyzer.analyze(found[1]))

    def _aspect(self, prepared: str, analysis: Analysis) -> str | None:
        aspect = self.matcher.aspects.detect(prepared, analysis.terms)
        if aspect is None and self.matcher.talk.status(analysis):
            return "period"  # 두번째 거 아직 해요?
        return aspect


def exclusion_split(matcher: "Matcher", text: str) -> Split | None:
    """Where a message rules something out, read as the matcher reads it (its prepared text, intents/exclusion.py)."""
    return split_exclusion(matcher._prepare(text), matcher._exclusion, matcher.analyzer.english)

"""Whether a follow-up with a word of its own carries the card just shown, or leaves it (issue #7, helper `carry`).

Right after a program's card a person often asks on in a word of their own: a word they have just read on
the card (`지식서비스업은요` after a card whose eligibility names 지식서비스업), a thing of it pointed at (`그
SPC에는 누가 출자했어요`), or a word of another program altogether (`입주하면 얼마나 있을 수 있어요?` after an
investment fund's card: 입주 is what the incubation centre writes, never the fund). The matcher reads such a
message as a new question; the context rules held it on the card only where it had no topic of its own.

What decides is the word as typed, read against each item's texts as written (names, aliases, questions,
summary, every section; spaces removed), not only the analyser's terms, which map a word to its synonym
(입주 reads as 사무실, and a fund that invests in companies with a head office writes that synonym):

- **written on the card**: a word of the message is the card's where the card writes it as typed (its stem:
  the word less a particle or an ending, options.yaml `tails_ko`), or the card's own terms hold all the
  analyser reads in it;
- **pointed at** (`Carry.points`: options.yaml pointers, or a determiner such as 그, 해당 before a word): a
  follow-up whose every word of content is written on the card is the card's, whatever another item shares;
- **the card's own word** (`Carry.keeps`): a short follow-up whose every word of content is written on the
  card, one of them (or two side by side, `채용 공고`) written by at most FEW other items and named in none's
  names or questions, is the card's;
- **another item's word** (`Carry.leaves`): a word of content (one the knowledge uses) that the card does not
  write while another item writes it as typed: the message is not the card's, whatever aspect it asks.

The aspect is the one asked, unless the section of the card that writes the words differs from it and the cue
was only a question word (누가, 어디): then that section (`그 SPC에는 누가 출자했어요` is in the summary).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from intents.analyzer import UNKNOWN_PREFIX, Analysis, normalize
from intents.decision import Candidate, Decision
from intents.lexicon import read_yaml
from knowledge.model import Faq, Intent, Item, Program, Referral, Text

if TYPE_CHECKING:
    from pathlib import Path

    from intents.followups import FollowUps
    from intents.matcher import Matcher

FEW = 2  # other items that may write a word and it still be the card's own (`지식서비스업`: none does)
MAX_POINTED_WORDS = 12  # words of a follow-up pointing at the card (a story is matched as usual)
MAX_KEEP_WORDS = 6  # words of a follow-up kept on the card for a word of its own (longer: matched as usual)
MAX_ASPECT_WORDS = 8  # words of a follow-up asking an aspect in aspect words (longer: matched as usual)
MIN_STEM = 2  # letters of a stem read as typed (one syllable is any word's part)
SUMMARY = ""  # the summary among a program's sections


@dataclass(frozen=True)
class Word:
    """A word of content of a message: as typed, its stem as written by some item (or by none), its terms."""

    typed: str
    stem: str
    terms: tuple[str, ...]


def _in_order(tokens: list[str], cue: tuple[str, ...]) -> bool:
    """Whether an English cue's words stand side by side among the message's words (`how big`)."""
    n = len(cue)
    return any(tuple(tokens[i:i + n]) == cue for i in range(len(tokens) - n + 1))


def _compact(text: str) -> str:
    return normalize(text).replace(" ", "").lower()


def _texts(item: Item, korean: bool = False) -> tuple[list[str], dict[str, str]]:
    """An item's own texts (names, aliases, questions) and its sections as written, by name (SUMMARY: the
    summary; an FAQ's or a referral's answer is its summary). `korean`: the Korean texts only."""
    def values(text: Text | None) -> list[str]:
        return [v for lang, v in text.values if not korean or lang == "ko"] if text is not None else []

    own: list[str] = []
    sections: dict[str, str] = {}
    if isinstance(item, Program):
        own = [*values(item.name), *item.aliases, *item.questions]
        sections[SUMMARY] = " ".join(values(item.summary) + values(item.run_by))
        for name, text in item.aspects.items():
            sections[name] = " ".join(values(text))
    elif isinstance(item, Referral):
        own = [*values(item.name), *item.aliases, *item.questions]
        sections[SUMMARY] = " ".join(values(item.answer) + values(item.contact))
    elif isinstance(item, Faq):
        own = list(item.questions)
        sections[SUMMARY] = " ".join(values(item.answer))
    return own, sections


class Carry:
    """Each item's texts as written, and the reading of a follow-up's words against them (built once by
    FollowUps with the Matcher)."""

    def __init__(self, matcher: "Matcher", followups: "FollowUps", path: "Path") -> None:
        self.matcher = matcher
        self.followups = followups
        data = read_yaml(path)
        self._tails = frozenset(str(w) for w in data.get("tails_ko") or ())
        self._determiners = frozenset(str(w) for w in data.get("determiners_ko") or ())
        self._introducing = tuple(str(w) for w in data.get("introducing_ko") or ())
        self._question_words = tuple(str(w) for w in data.get("question_words_ko") or ())
        self._pointers = frozenset(str(w) for w in (*(data.get("pointers_ko") or ()), *(data.get("pointing_en") or ())))
        self._ids: list[str] = []
        self._own: list[str] = []  # names, aliases and questions, compact
        self._full: list[str] = []  # everything written, compact
        self._sections: dict[str, dict[str, str]] = {}
        self._section_words: dict[str, dict[str, tuple[str, ...]]] = {}  # the same, word by word
        for entry in matcher.entries:
            item = entry.item
            if isinstance(item, Intent):
                continue
            own, sections = _texts(item)
            self._ids.append(item.id)
            self._own.append(_compact(" ".join(own)))
            self._full.append(_compact(" ".join((*own, *sections.values()))))
            self._sections[item.id] = {name: _compact(text) for name, text in sections.items()}
            self._section_words[item.id] = {name: tuple(normalize(text).lower().split()) for name, text in sections.items()}
        self._index = {item_id: i for i, item_id in enumerate(self._ids)}
        # The aspects' cue words and phrases, and the things a "can I" asks as an aspect (aspects.yaml): a word
        # of a follow-up inside one of them asks an aspect, it names no topic of its own (`aspect_worded`).
        cues = matcher.aspects
        grammar = cues.grammar
        owners: dict[str, set[str]] = {}
        for found in (cues.korean, grammar.subjects_ko):
            for name, listed in found.items():
                for cue in listed:
                    if len(cue) >= MIN_STEM:
                        owners.setdefault(cue, set()).add(name)
        self._aspect_ko = tuple(sorted(owners, key=len, reverse=True))
        # Of them, the cue words and phrases proper (비용은, 부담해, 중복): a thing a "can I" asks (물류비, 통역) may
        # also be what a neighbour programme is named for (`물류비 지원도 있어요?`: the logistics-cost programme).
        self._cues_ko = frozenset(c for listed in cues.korean.values() for c in listed)
        # A cue of one aspect says what it asks where no cue of the sentence did (`온라인으로 해요?`: apply).
        self._cue_aspect = {cue: next(iter(names)) for cue, names in owners.items() if len(names) == 1}
        english: dict[str, set[str]] = {}
        for found in (cues.english, grammar.subjects_en):
            for name, listed in found.items():
                for cue in listed:
                    if len(cue.split()) == 1:
                        english.setdefault(cue.strip(), set()).add(name)
        self._cue_aspect.update({cue: next(iter(names)) for cue, names in english.items() if len(names) == 1})
        self._benefactive = tuple(str(w) for w in data.get("benefactive_ko") or ())
        self._fees = tuple(str(w) for w in data.get("fee_suffixes_ko") or ())
        self._aspect_en = tuple(tuple(c.split()) for found in (*cues.english.values(), *grammar.subjects_en.values())
                                for c in found if c.strip())
        # Each program's terms as its Korean texts read (an English text's `head office` reads as 사무실 too, yet a
        # Korean word read as that synonym was never written on the Korean card).
        analyze = matcher.analyzer.analyze
        self._korean: dict[str, frozenset[str]] = {}
        for program in matcher.kb.programs:
            own, sections = _texts(program, korean=True)
            self._korean[program.id] = frozenset(t for text in (*own, *sections.values()) for t in analyze(text).terms)
        # The FAQs that point to a program are of its family: they write its words without being another item.
        self._family: dict[str, frozenset[str]] = {}
        for faq in matcher.kb.faqs:
            for pid in faq.programs:
                self._family[pid] = self._family.get(pid, frozenset({pid})) | {faq.id}

    # ---- reading a message -------------------------------------------------------------------------

    def _stem(self, token: str) -> str:
        """The word less a particle or an ending (`지식서비스업은요` -> 지식서비스업, `입주하면` -> 입주, `SPC에는` ->
        spc, `공고는` -> 공고): the shortest stem the tails allow that some item writes, else the shortest."""
        if token.isascii():
            return token.strip("?!.,'\"")
        latin = len(token) - len(token.lstrip("abcdefghijklmnopqrstuvwxyz0123456789"))
        if latin >= MIN_STEM:
            return token[:latin]  # SPC에는: the Latin part is the word
        cut = [token[:n] for n in range(MIN_STEM, len(token) + 1) if self._tail(token[n:])]  # the shortest first
        for stem in cut:
            if any(stem in full for full in self._full):
                return stem
        return cut[0] if cut else token

    def _tail(self, rest: str) -> bool:
        """Whether `rest` is nothing, a tail of tails_ko, or two of them (에는, 은요, 들이: 들 + 이)."""
        return not rest or rest in self._tails or any(
            rest[:n] in self._tails and rest[n:] in self._tails for n in range(1, len(rest)))

    def words(self, analysis: Analysis) -> list[Word]:
        """The message's words of content: each typed word whose analysis holds a topic term or a word the
        knowledge never uses (two letters on), less pointers, details of the asker, times, question words,
        asking whether it is true and verb forms."""
        matcher, followups = self.matcher, self.followups
        out: list[Word] = []
        for token in analysis.normalized.split():
            token = token.strip("?!.,~")
            if not token or token in self._pointers or token in self._determiners or self._tail(token):
                continue  # a particle split from a Latin word (`SPC에는` -> spc 에는) names nothing
            terms = matcher.analyzer.analyze(token).terms
            topical = [t for t in terms if (self._known_topic(t) or t.startswith(UNKNOWN_PREFIX) and len(t) > 2)
                       and not followups.is_detail(t) and not followups.plain(t) and not followups.confirms_word(t)
                       and not (t.startswith(UNKNOWN_PREFIX) and followups.verb_like(t))
                       and not t.removeprefix(UNKNOWN_PREFIX).startswith(followups._asking_ko)]
            if topical and not followups.is_detail(token):
                out.append(Word(token, self._stem(token), tuple(topical)))
        return out

    def read(self, text: str) -> tuple[Analysis | None, str]:
        """The message's analysis where it is a follow-up (MAX_POINTED_WORDS at most) that rules nothing out."""
        return self.followups._read(text, MAX_POINTED_WORDS)

    def _known_topic(self, term: str) -> bool:
        """A word the knowledge uses (in any text) that is no cue, generic or light word, verb form or pointer."""
        matcher = self.matcher
        return not term.startswith(UNKNOWN_PREFIX) and (len(term) > 1 or term.isascii()) \
            and term not in matcher.cue_terms and term not in matcher.generic and term not in matcher.verb_terms \
            and term not in matcher.lexicon.light_words and term not in matcher.lexicon.followup_cues \
            and term not in matcher.talk.silent

    def phrases(self, analysis: Analysis) -> list[str]:
        """Two words side by side as one stem (`채용 공고` -> 채용공고), pointers and question words aside."""
        stems = [self._stem(t.strip("?!.,~")) for t in analysis.normalized.split()
                 if t not in self._pointers and t not in self._determiners and not t.startswith(self._question_words)
                 and not self._tail(t.strip("?!.,~"))]
        return [a + b for a, b in zip(stems, stems[1:]) if len(a) >= MIN_STEM and len(b) >= MIN_STEM]

    def points(self, analysis: Analysis) -> bool:
        """Whether the message points at what was shown: a pointer (그거, 거기, 그 사업: options.yaml) or a
        determiner before a word (`그 SPC에는`, `해당 사업`)."""
        tokens = self._before_own_clause(analysis.normalized.split())
        compact = "".join(tokens)
        return any(t in self._pointers for t in tokens) \
            or any(t in self._determiners for t in tokens[:-1]) \
            or any(p in compact for p in self._pointers if not p.isascii() and len(p) > 2 and p.startswith("그"))

    def _before_own_clause(self, tokens: list[str]) -> list[str]:
        """The tokens up to the first clause that brings up something of its own (`… 있다던데`): a pointer after
        it points at that, not at the card."""
        for n, token in enumerate(tokens):
            if n + 1 < len(tokens) and token.endswith(self._introducing):
                return tokens[:n + 1]
        return tokens

    def writes(self, item_id: str, word: Word) -> bool:
        """Whether the item writes the word: its stem as typed, or (a program) its own terms hold all the
        analyser reads in it."""
        i = self._index.get(item_id)
        if i is not None and len(word.stem) >= MIN_STEM and word.stem in self._full[i]:
            return True
        index = self.matcher.index_of.get(item_id)
        if index is None:
            return False
        entry, body = self.matcher.entries[index], self.matcher.body[index]
        korean = self._korean.get(item_id)
        if korean is not None and not word.typed.isascii() \
                and any(t.removeprefix(UNKNOWN_PREFIX) not in word.stem for t in word.terms):
            # A Korean word read as a synonym (입주 -> 사무실): the program's Korean texts must read so; its English
            # text's `head office` (a fund investing in firms with one) is no 입주.
            return all(t in korean for t in word.terms)
        return all(t in entry.strong or t in entry.weak or t in body for t in word.terms)

    def others(self, item_id: str, stem: str) -> list[str]:
        """The items besides `item_id` (and the FAQs pointing to it) that write `stem` as typed."""
        family = self._family.get(item_id, frozenset({item_id}))
        return [self._ids[i] for i, full in enumerate(self._full)
                if self._ids[i] not in family and len(stem) >= MIN_STEM and stem in full]

    def _plain(self, item_id: str, word: Word) -> bool:
        """Whether a word the knowledge uses names no item (포함돼요): texts write it, no name or question does."""
        return self._known(word) and not self._named_by(word.stem, self.others(item_id, word.stem))

    def _named_by(self, stem: str, ids: list[str]) -> bool:
        return any(stem in self._own[self._index[i]] for i in ids)

    def _known(self, word: Word) -> bool:
        return any(not t.startswith(UNKNOWN_PREFIX) for t in word.terms)

    def aspect_worded(self, analysis: Analysis, words: list[Word], shown: str = "") -> list[Word]:
        """The words of content that lie inside an aspect's cue or phrase as typed (`비용은 누가 부담해요`: 부담 of
        누가부담; `교육비는`, `중복`, `how big`): what they ask is an aspect, not a topic of their own, though an
        item's name or text holds them (a program named `… 수수료 지원`). A thing a "can I" asks as an aspect
        (`통역도`, `물류비`) counts where no item but `shown` is named by it."""
        tokens = [t.strip("?!.,~") for t in analysis.normalized.split()]
        compact = "".join(tokens)
        covered = [False] * len(compact)
        by_cue = [False] * len(compact)
        for cue in self._aspect_ko:
            start = compact.find(cue)
            while start >= 0:
                covered[start:start + len(cue)] = [True] * len(cue)
                if cue in self._cues_ko:
                    by_cue[start:start + len(cue)] = [True] * len(cue)
                start = compact.find(cue, start + 1)
        names = self.matcher.talk.name_words
        spans: dict[str, tuple[int, int]] = {}
        at = 0
        for token in tokens:
            spans.setdefault(token, (at, at + len(token)))
            at += len(token)
        english = {w for cue in self._aspect_en if _in_order(tokens, cue) for w in cue}
        out = []
        for word in words:
            if word.typed.isascii():
                if word.typed in english:
                    out.append(word)
                continue
            begin, _ = spans.get(word.typed, (-1, -1))
            stem = word.stem if word.typed.startswith(word.stem) else word.typed
            # One syllable more than the cue names its doer or its kind (통역사 of 통역): still the thing asked.
            inside = stem[:-1] if len(stem) > MIN_STEM and not covered[begin + len(stem) - 1] else stem
            if begin >= 0 and self._fee(word):
                out.append(word)  # 출장비, 등록료: a fee of a kind the knowledge never names asks what is paid
                continue
            if begin < 0 or not all(covered[begin:begin + len(inside)]):
                continue
            if all(by_cue[begin:begin + len(inside)]) or not any(
                    t in named for item_id, named in names.items() if item_id != shown for t in word.terms):
                out.append(word)
        return out

    def _worded_aspect(self, worded: list[Word]) -> str | None:
        """The one aspect the cues holding the words ask (`온라인으로`: apply), or None."""
        found = {a for w in worded for cue, a in self._cue_aspect.items()
                 if (w.typed == cue if w.typed.isascii() else w.stem.startswith(cue) or cue in w.typed
                     and len(cue) >= len(w.stem))}
        return next(iter(found)) if len(found) == 1 else None

    def _fee(self, word: Word) -> bool:
        """Whether a word the knowledge never uses is a fee of some kind: a noun of three syllables or more
        ending in a fee's suffix (options.yaml `fee_suffixes_ko`: 출장비, 대관료), one word as typed."""
        return len(word.terms) == 1 and word.terms[0].startswith(UNKNOWN_PREFIX) and len(word.stem) > MIN_STEM \
            and word.terms[0].removeprefix(UNKNOWN_PREFIX) == word.stem and word.stem.endswith(self._fees)

    def _benefactive_verb(self, word: Word) -> bool:
        """Whether a word the knowledge never uses is a verb done for the asker (붙여줘요: ?붙여 + 줘요)."""
        if len(word.terms) != 1 or not word.terms[0].startswith(UNKNOWN_PREFIX):
            return False
        stem = word.terms[0].removeprefix(UNKNOWN_PREFIX)
        if not word.typed.startswith(stem):
            return False
        rest = word.typed[len(stem):]
        return bool(rest) and rest.startswith(self._benefactive) or len(stem) > MIN_STEM and stem.endswith(self._benefactive)

    def aspect_terms(self, analysis: Analysis) -> frozenset[str]:
        """The terms of every word of the message that lies inside an aspect's cue or phrase as typed (물어봐 of
        `어디에 물어봐요`): what the matcher may count as a topic though it only asks an aspect."""
        tokens = [t.strip("?!.,~") for t in analysis.normalized.split()]
        words = [Word(t, self._stem(t), self.matcher.analyzer.analyze(t).terms) for t in tokens if t]
        return frozenset(t for w in self.aspect_worded(analysis, words) for t in w.terms)

    # ---- the rules ---------------------------------------------------------------------------------

    def aspect_only(self, decision: Decision, analysis: Analysis, prepared: str, program: Program) -> Decision | None:
        """Right after `program`'s card, a short question that asks an aspect and whose words of content are
        aspect words (`aspect_worded`) or the card's own: the card's, though the matcher went to an item whose
        name or text holds such a word (`비용은 회사가 얼마나 내요?` after a mentoring card is no fee-support
        programme; `교육비는 무료예요?`, `중복 참여 가능해요?`, `통역도 붙여줘요?`). A question with no topic of its
        own but aspect words is about the card (issue #7, point 3). Not where it names another item as typed,
        the agency, a list, or a word neither an aspect's nor the card's (`웨딩박람회 비용은 얼마예요?`)."""
        answered = self.matcher.kb.get(decision.id or "") if decision.kind == "answer" else None
        if decision.area is not None or answered is not None and (answered.id == program.id or isinstance(answered, Intent)):
            return None
        # A verb the analyser did not know, done for the asker (붙여줘요, 잡아주나요), and a figure with its unit
        # (30억짜리, 4년차): they ask or tell the asker's case, they name nothing.
        tokens = [t.strip("?!.,~") for t in analysis.normalized.split()]
        if len(self._before_own_clause(tokens)) < len(tokens):
            return None  # `취업하면 돈 주는거 있다던데 그거 뭐임`: a clause brings up something of its own
        counted = {b for a, b in zip(tokens, tokens[1:]) if a.isdigit()}  # 30 억짜리: the figure's unit
        words = [w for w in self.words(analysis) if not self._benefactive_verb(w) and not w.typed[:1].isdigit()
                 and w.typed not in counted]
        if not words or len(analysis.normalized.split()) > MAX_ASPECT_WORDS:
            return None
        worded = self.aspect_worded(analysis, words, program.id)
        aspect = self.matcher.aspects.detect(prepared, analysis.terms) or self._worded_aspect(worded)
        if aspect is None:
            return None
        # Without an aspect word, every word the part of the card that answers the aspect asked writes as typed,
        # at the start of a word there (`매출 30억짜리 회사는 안 되는 거예요?` after a card whose eligibility states
        # a turnover: 매출 of 매출액이; not 취업 inside 미취업자); beside one, every Korean word the card writes and
        # every English word that part writes (an English word elsewhere on the card says too little).
        section = self._section_words.get(program.id, {}).get(aspect, ())

        def in_section(word: Word) -> bool:
            return len(word.stem) >= MIN_STEM and any(t.startswith(word.stem) for t in section)

        if any(w not in worded and not (in_section(w) or worded and not w.typed.isascii() and self.writes(program.id, w))
               for w in words):
            return None
        if any(t in self.matcher.agency_terms for w in words for t in w.terms):
            return None
        return Decision("answer", program.id, aspect, 100.0, (Candidate(program.id, program.kind, 100.0),), decision.lang)


    def leaves(self, analysis: Analysis, shown: str) -> bool:
        """Whether a word of the message is another item's and not the card's: one the knowledge uses, that
        the card does not write while another item writes it as typed (`입주하면 …` after the fund). Not
        where the message points at the card."""
        if self.points(analysis):
            return False
        # Korean as typed: an English word's forms (start, starts, starting) are not read from their stem.
        return any(not w.typed.isascii() and self._known(w) and not self.writes(shown, w)
                   and self._named_by(w.stem, self.others(shown, w.stem)) for w in self.words(analysis))

    def pointed(self, decision: Decision, analysis: Analysis, prepared: str, program: Program) -> Decision | None:
        """A follow-up pointing at the card (`그 사업으로 취업하면 본인한테 주는 건 뭐가 있어요?`) whose every word
        of content the card writes: the card's, with the aspect asked or the section writing its words."""
        if decision.kind == "answer" and decision.id == program.id or not self.points(analysis):
            return None
        words = self.words(analysis)
        written = [w for w in words if self.writes(program.id, w)]
        # Every word the card's, or one the knowledge never writes (`그 SPC`: the card writes 특수목적법인);
        # one at least the card's (`거기 맛집 어디예요?` names nothing of it).
        if not written or any(w not in written and self._named_by(w.stem, self.others(program.id, w.stem))
                              for w in words):
            return None
        chosen = self.matcher.index_of.get(decision.id or "") if decision.kind == "answer" else None
        if chosen is not None and any(w not in written and self._known(w)
                                      and all(t in self.matcher.entries[chosen].strong for t in w.terms) for w in words):
            return None  # a word the card does not write names the item the matcher chose: that item
        return self._answer(program, written, prepared, analysis, decision.lang)

    def keeps(self, decision: Decision, analysis: Analysis, prepared: str, program: Program) -> Decision | None:
        """A short follow-up whose every word of content the card writes, one of them (or two side by side)
        written by at most FEW other items and named by none (`지식서비스업은요` after the card that names it):
        the card's. Not where the item chosen writes that word too."""
        if decision.kind == "answer" and decision.id == program.id:
            return None
        tokens = analysis.normalized.split()
        words = self.words(analysis)
        if not words or len(tokens) > MAX_KEEP_WORDS \
                or not all(self.writes(program.id, w) or self._plain(program.id, w) for w in words):
            return None
        stems = [w.stem for w in words if len(w.stem) >= MIN_STEM]
        stems += self.phrases(analysis)  # 채용 공고: the card writes 채용공고
        chosen = decision.id if decision.kind == "answer" else None
        full = self._full[self._index[program.id]]
        own = [s for s in stems if s in full
               and len(others := self.others(program.id, s)) <= FEW and not self._named_by(s, others)
               and not (chosen is not None and chosen in others)]
        if not own:
            return None
        return self._answer(program, words, prepared, analysis, decision.lang, own)

    def _answer(self, program: Program, words: list[Word], prepared: str, analysis: Analysis, lang: str,
                stems: list[str] | None = None) -> Decision:
        """The card, with the aspect asked; where the words are written in one section only and the aspect
        asked is not that one's, that section (the summary: no aspect)."""
        asked = self.matcher.aspects.detect(prepared, analysis.terms)
        sections = self._sections.get(program.id, {})
        looked = stems if stems else [w.stem for w in words if len(w.stem) >= MIN_STEM]
        writing = {name for name, text in sections.items() if any(s in text for s in looked)}
        aspect = asked
        if len(writing) == 1 and asked not in writing and not self._cued(analysis, words, looked, asked):
            (section,) = writing
            aspect = section or None
        elif asked is None and words:
            strong = self.matcher.entries[self.matcher.index_of[program.id]].strong
            aspect = self.matcher.aspect_words.asked(program.id, (t for w in words for t in w.terms if t not in strong))
        return Decision("answer", program.id, aspect, 100.0, (Candidate(program.id, program.kind, 100.0),), lang)

    def _cued(self, analysis: Analysis, words: list[Word], looked: list[str], asked: str | None) -> bool:
        """Whether the aspect asked has a cue of its own: the message less its words of content and its question
        words (누가, 어디: options.yaml `question_words_ko`) still asks it (`지식서비스업 신청은요`, not `채용 공고는
        어디서 봐요`, whose 공고 is the card's word, nor `누가 출자했어요`)."""
        if asked is None:
            return False
        content = {w.typed for w in words}
        rest = [t for t in analysis.normalized.split() if t.strip("?!.,~") not in content
                and not t.startswith(self._question_words)
                and not any(self._stem(t.strip("?!.,~")) in stem for stem in looked)]  # 공고 of 채용 공고
        kept = " ".join(rest)
        return bool(rest) and self.matcher.aspects.detect(kept, self.matcher.analyzer.analyze(kept).terms) == asked

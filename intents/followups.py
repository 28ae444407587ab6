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

from typing import TYPE_CHECKING, Literal, overload

from intents.analyzer import UNKNOWN_PREFIX, Analysis, normalize
from intents.aspects import PERMISSION
from intents.carry import Carry
from intents.context import POINTS_BACK
from intents.cues import english_cue_in, korean_cue_in
from intents.decision import Candidate, Decision
from intents.lexicon import read_yaml
from knowledge.asker import read, without
from knowledge.model import Faq, Intent, Item, Program
from knowledge.profile_text import asks_for_a_list

if TYPE_CHECKING:
    from pathlib import Path

    from intents.matcher import Matcher

MAX_WORDS = 8  # words of a follow-up (a longer message tells a story and is matched as usual)
# The card just shown keeps a follow-up whose topic words it writes, all of them, where it fits them at least
# this share as well as the item the matcher chose (each word by its weight, a word in an item's own names and
# questions counting fully and one only its texts write half, as the ranking counts them): `채용된 청년에게
# 주는 혜택도 있습니까` after a youth-jobs card is that card's, not its sibling's whose name says 채용.
SHOWN_FIT = 0.75
WRITTEN = 0.5  # the credit of a word an item's texts write, not its names or questions (matcher.WEAK)
_SSANG_SIOT = 20  # the final ㅆ among a Hangul syllable's 28 finals: the past (했, 왔, 골랐) and 있, never a noun's


def past_tense(word: str) -> bool:
    """Whether a Korean word holds a syllable ending in ㅆ before its last (골랐어, 줄었대, 했었죠, 있었나): a verb
    form, past or 있다; nouns do not end a syllable so."""
    return any("가" <= ch <= "힣" and (ord(ch) - 0xAC00) % 28 == _SSANG_SIOT for ch in word[:-1])


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
        self._contrast_ko = tuple(str(w) for w in data.get("contrast_ko") or ())
        self._contrast_en = tuple(f" {str(w).lower()} " for w in data.get("contrast_en") or ())
        self._verb_endings = tuple(str(w) for w in data.get("verb_endings_ko") or ())
        self._endings = (*self._verb_endings, *(str(w) for w in data.get("copula_endings_ko") or ()))
        self._particles = frozenset(("", *(str(w) for w in data.get("particles_ko") or ())))
        self._plain = frozenset(str(w) for w in data.get("plain_nouns_ko") or ())
        self._things_ko = tuple(str(w) for w in data.get("things_ko") or ())
        self._things_en = frozenset(str(w).lower() for w in data.get("things_en") or ())
        self._thing_tails = self._particles | {"요", "예요", "이에요", "있", "있어요", "있나요", "없"}
        self._yes_no_ko = tuple(str(w).replace(" ", "") for w in data.get("yes_no_ko") or ())
        # Words only small talk writes (`go` of goodbye): in a question they name nothing the knowledge answers.
        self._small_talk = frozenset().union(*(e.strong for e in matcher.entries if isinstance(e.item, Intent)))
        self._counting_ko = tuple(str(w) for w in data.get("counting_ko") or ())
        self._counting_en = tuple(f" {str(w).lower()} " for w in data.get("counting_en") or ())
        self._asking_ko = tuple(str(w) for w in data.get("asking_ko") or ())
        self._asking_en = tuple(f" {str(w).lower()} " for w in data.get("asking_en") or ())
        # Details that speak of the person (where they live, who they are), as typed and as analysed.
        person = [str(w).lower() for w in (*(data.get("residence_ko") or ()), *(data.get("residence_en") or ()))]
        person += [*lex.places, *lex.who_words]
        self._person = frozenset(person) | frozenset(terms[0].removeprefix(UNKNOWN_PREFIX) for w in person
                                                     if len(terms := analyze(w).terms) == 1)
        # Nouns that alone ask an aspect of the card just shown (`인원은요?`, `나이?`, `시간은?`): options.yaml.
        self._bare_aspects = {str(w): str(a) for a, listed in (data.get("bare_aspects_ko") or {}).items()
                              for w in listed or ()}
        self.carry = Carry(matcher, self, path)  # a word of its own: the card's, pointed at, or another item's

    def is_detail(self, term: str) -> bool:
        """Whether a term speaks of the asker or a detail of their case (돈, 사는, 거제, 58), not a topic; a
        detail the analyser left with its ending (상태고: 상태 + 고) too."""
        word = term.removeprefix(UNKNOWN_PREFIX)
        return word in self.details or word.isdigit() or term.startswith(UNKNOWN_PREFIX) and any(
            word.endswith(ending) and word[:-len(ending)] in self.details and len(word) - len(ending) >= 2
            for ending in self._endings)

    def novel(self, analysis: Analysis) -> list[str]:
        """Two-syllable words the knowledge never uses, typed as nouns: alone before another noun or with a
        particle (`산재 처리 문의는`, `비자 연장은`). The matcher counts a word the knowledge never uses as a
        topic from three syllables on (two are too often an ending it did not cut); in a follow-up such a
        noun names a subject of its own, so the message is a new question, not the card's."""
        words = analysis.normalized.split()
        found = []
        for term in dict.fromkeys(analysis.terms):
            word = term.removeprefix(UNKNOWN_PREFIX)
            if not term.startswith(UNKNOWN_PREFIX) or len(word) != 2 or word.isascii() or self.is_detail(term) \
                    or self.confirms_word(term) or term in self._confirm_words or self.verb_like(term) \
                    or word in self.matcher.lexicon.followup_cues or term in self.matcher.talk.silent \
                    or word in self.matcher.talk.silent or word in self._plain:
                continue
            for i, token in enumerate(words):
                if token.startswith(word) and token[2:] and token[2:] in self._particles:
                    found.append(term)  # 연장은, 산재를
                    break
                if token == word and i + 1 < len(words) and self._noun(words[i + 1]):
                    found.append(term)  # 산재 처리, 택배 요금
                    break
        return found

    def _noun(self, token: str) -> bool:
        """Whether a word is typed as a noun: a stem of two or more syllables the analyser reads whole as one
        term, alone or with a particle (처리, 문의는; not 신청해도, whose stem the analyser cut)."""
        for particle in sorted(self._particles, key=len, reverse=True):
            stem = token[:len(token) - len(particle)] if particle else token
            if particle and not token.endswith(particle):
                continue
            terms = self.matcher.analyzer.analyze(stem).terms if len(stem) >= 2 and not stem.isascii() else ()
            if len(terms) == 1 and terms[0].removeprefix(UNKNOWN_PREFIX) == stem:
                return True
        return False

    def plain(self, term: str) -> bool:
        """Whether a word the knowledge never uses is one of every conversation (작년, 이제: `plain_nouns_ko`),
        alone or with a particle (작년엔, 작년에는)."""
        word = term.removeprefix(UNKNOWN_PREFIX)
        return word in self._plain or any(word.startswith(p) and word[len(p):] in self._particles | {"엔", "앤"}
                                          for p in self._plain)

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
        return len(word) >= 2 and not word.isascii() and (word.endswith(self._verb_endings) or past_tense(word))

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
        if self.novel(rest):
            return None  # 저 산재 처리 중인데 돼요?: a subject of its own beside the person
        # One Korean syllable left (중인데, 전에도) names nothing; nor does asking whether it is true.
        topic = [t for t in self.matcher._topic_terms(rest)
                 if not self.confirms_word(t) and (len(t) > 1 or t.isascii())]
        details = [t for t in topic if self.is_detail(t)]
        if any(t.startswith(UNKNOWN_PREFIX) or t in self.matcher.item_terms for t in topic if t not in details):
            return None  # a topic of its own: a word some item is named or asked by, or one the knowledge never uses
        # Where they live or who they are, among all its words (창원 is generic where most programs name it).
        person = bool(asker) or any(self._of_person(t) for t in rest.terms)
        # A request asks as a question does (`주소도 알려주세요`, `위치 좀 알려주시겠습니까`: the card's place, not
        # where the asker lives).
        statement = person and not self._questions(prepared, analysis) and not self.matcher.options.subjects._requests(analysis)
        if not (asker or details or statement):
            return None  # no detail at all (a bare follow-up: the matcher's own)
        aspect = self.matcher.aspects.detect(prepared, analysis.terms)
        if aspect is None and asker and self._yes_no(prepared, analysis):
            aspect = PERMISSION  # 졸업 안 했는데 돼요?: whether they may, who they are said
        if statement:
            # 저 아직 미취업이고 주소도 창원이에요: no question, only who they are or where they live, right after
            # a program's card: the rest of the question the card answered, whether they may take part. What
            # it says of the person asks nothing (주소도 is where they live, not the agency's address).
            told = " ".join(w for w in without(prepared, asker).split() if not self._tells_of_person(w))
            aspect = self.matcher.aspects.detect(told) if told else None
            aspect = aspect or PERMISSION
        if aspect is None:
            return None
        return Decision("answer", program.id, aspect, 100.0, (Candidate(program.id, program.kind, 100.0),),
                        decision.lang)

    def _tells_of_person(self, word: str) -> bool:
        """Whether a word as typed says where the asker lives or who they are (주소도, 창원이에요, 살아요)."""
        terms = self.matcher.analyzer.analyze(word).terms
        return bool(terms) and all(self._of_person(t) or self.is_detail(t) for t in terms)

    def _of_person(self, term: str) -> bool:
        """Whether a detail says where the asker lives or who they are (a place, a who-word), not money."""
        word = term.removeprefix(UNKNOWN_PREFIX)
        return word in self._person

    def _questions(self, prepared: str, analysis: Analysis) -> bool:
        """Whether a message asks anything (a question mark, a question word, a yes-or-no ending): a
        statement asks nothing."""
        words = analysis.normalized.split()
        return self._yes_no(prepared, analysis) or any(
            w.startswith(cue) for w in words for cue in self._asking_ko) or any(
            cue in f" {analysis.normalized} " for cue in self._asking_en)

    # ---- a question word, a neighbour ---------------------------------------------------------------

    def question_word(self, decision: Decision, text: str, program: Program, asks: bool,
                      fillers: frozenset[str] = frozenset()) -> Decision | None:
        """After `program`, a short question that names nothing (one-syllable leftovers such as 척 or 쓸, words
        only small talk writes such as `go`, `fillers` such as `one` aside) and that nothing answered,
        or an FAQ or referral only through its question words, or small talk where it asks how many, how much,
        when or where: that program, with the aspect asked. `몇 명까지 돼요?` is no question about how many
        companies the agency supported; `how many companies go?` is no goodbye. An FAQ that points to the
        program stays (`몇 개 지어요?` after the refuelling stations: the FAQ about their count)."""
        item = self.matcher.kb.get(decision.id or "") if decision.kind == "answer" else None
        if not asks or decision.area is not None or isinstance(item, Program) \
                or (isinstance(item, Faq) and program.id in item.programs):
            return None
        analysis, prepared = self._read(text)
        if analysis is None or self._lists(analysis) or self.matcher.talk.without_who(analysis.normalized) is not None:
            return None
        if isinstance(item, Intent) and not (self._counts(analysis) or self.matcher.aspects.detect(prepared, analysis.terms)):
            return None  # 너 누구야?, who are you?: small talk; `who can go?` asks who may (not goodbye's `go`)
        if self.novel(analysis):
            return None  # 비자 연장은 어디에 물어봐요?: a subject of its own
        topic = [t for t in self.matcher._topic_terms(analysis) if (len(t) > 1 or t.isascii()) and t not in fillers
                 and (t in self.matcher.item_terms or t not in self._small_talk)]
        if topic:
            return None
        aspect = self.matcher.aspects.detect(prepared, analysis.terms)
        return Decision("answer", program.id, aspect, 100.0, (Candidate(program.id, program.kind, 100.0),),
                        decision.lang)

    def bare_aspect(self, decision: Decision, text: str, program: Program) -> Decision | None:
        """Right after `program`'s card, a message of one noun that asks an aspect of whatever it follows
        (`인원은요?`, `나이?`, `시간은?`, `강사는요?`: options.yaml `bare_aspects_ko`), which nothing answered or
        small talk took: that aspect of the card. Alone, these nouns name no subject; the card is what is asked."""
        answered = self.matcher.kb.get(decision.id or "") if decision.kind == "answer" else None
        if decision.area is not None or decision.kind == "suggest" or answered is not None and not (
                isinstance(answered, Intent) and not answered.action):
            return None
        words = normalize(self.matcher._prepare(text)).split()
        if len(words) != 1:
            return None
        token = words[0].strip("?!.,~")
        carry = self.carry
        aspect = next((a for noun, a in self._bare_aspects.items()
                       if token.startswith(noun) and carry._tail(token[len(noun):])), None)
        if aspect is None:
            return None
        return Decision("answer", program.id, aspect, 100.0, (Candidate(program.id, program.kind, 100.0),),
                        decision.lang)

    def general_aspect(self, decision: Decision, text: str, program: Program) -> Decision | None:
        """After `program`, the general answer about one aspect (`발표는 언제 나요?` -> the deadlines FAQ, whose
        questions all ask a period; Talk.faq_aspects) stands in for a program not named: the program is named
        by the chat, so it is that aspect of the program, where the message's topic words are all that FAQ's
        or the program's own and it names no other item."""
        general = self.matcher.talk.faq_aspects.get(decision.id or "") if decision.kind == "answer" else None
        if general is None:
            return None
        analysis, prepared = self._read(text)
        if analysis is None or self._lists(analysis) \
                or self.matcher.talk.names_another(analysis, self.matcher.index_of[program.id]):
            return None
        topic = [t for t in self.matcher._topic_terms(analysis) if len(t) > 1 or t.isascii()]
        if any(t not in self._own(decision.id or "") and t not in self._own(program.id) for t in topic) \
                or self.novel(analysis):
            return None
        aspect = self.matcher.aspects.detect(prepared, analysis.terms) or general
        return Decision("answer", program.id, aspect, 100.0, (Candidate(program.id, program.kind, 100.0),),
                        decision.lang)

    def neighbour(self, decision: Decision, text: str, program: Program) -> Decision | None:
        """After `program`, a short question nothing answers outright whose topic words name another program
        of the same area, and no program of it but one (`실증 지원은 누가 신청해요?` after the smart fish farm
        build-out: the aquaculture pilot, not the electric-ship demonstration that 실증 names too; `그거 말고
        사업화 지원은 어떻게 신청해요?`): that program, with the aspect asked. The area the person is in
        tells which of the items a shared word names."""
        if decision.area is not None or program.area is None:
            return None
        answered = self.matcher.kb.get(decision.id or "") if decision.kind == "answer" else None
        if isinstance(answered, (Program, Intent)):
            return None
        prepared = self.matcher._prepare(text)
        kept, ruled = self.matcher._split_exclusion(prepared)
        analysis = self.matcher.analyzer.analyze(kept)
        words = analysis.normalized.split()
        if not words or len(words) > MAX_WORDS or self._lists(analysis):
            return None
        excluded = {self.matcher.entries[i].item.id for i in self.matcher._excluded_items(
            [t for t in ruled if t != POINTS_BACK], kept)}
        # A figure (1등, 2024) or one Korean syllable left names no program.
        topic = [t for t in self.matcher._topic_terms(analysis) if not self.confirms_word(t) and not t.isdigit()
                 and (len(t) > 1 or t.isascii())]
        names = self.matcher.talk.name_words
        own_name = names.get(program.id, frozenset())
        area = self.matcher.kb.programs_in(program.area.id)
        # A cue word that is part of a name of the area (상담 in 수출상담회) names a program here.
        named_cues = [t for t in analysis.terms if t in self.matcher.cue_terms and t not in own_name
                      and any(t in names.get(p.id, frozenset()) for p in area)]
        known = list(dict.fromkeys([t for t in topic if not t.startswith(UNKNOWN_PREFIX)] + named_cues))
        if not known or (answered is not None and any(t in self._own(answered.id) for t in known)):
            return None  # nothing named, or an FAQ or referral that holds the words asked
        found = [p for p in area
                 if p.id != program.id and p.id not in excluded and all(t in self._own(p.id) for t in known)
                 and any(t in names.get(p.id, frozenset()) and t not in own_name for t in known)]
        if len(found) != 1:
            return None
        chosen = found[0]
        unknown = [t for t in topic if t.startswith(UNKNOWN_PREFIX) and not self.verb_like(t)]
        first = decision.candidates[0].id if decision.candidates else None
        if unknown and first != chosen.id:
            return None  # a word the knowledge never uses: the matcher's reading must point there too
        aspect = self.matcher.aspects.detect(kept, analysis.terms)
        return Decision("answer", chosen.id, aspect, 100.0, (Candidate(chosen.id, chosen.kind, 100.0),), decision.lang)

    # ---- "X도 돼요?": whether the card takes X too ----------------------------------------------------

    def also_them(self, decision: Decision, text: str, program: Program) -> Decision | None:
        """Right after `program`'s card, a short question whether it may be had (an eligibility cue: 돼요?,
        가능해요?) by someone or something said with 도 ("too") and nothing else of its own: `우리 같은
        스타트업도 돼요?`, `고딩도 되는거임?`, `중소기업도 신청 가능해요?` ask whether the card takes them as well,
        its eligibility; not the office-space FAQ that shares 창업, not the fallback for a word (고딩) the
        knowledge never uses. Not where that word names another item as typed, the agency, a time (정도,
        이번에도) or is a word of its own the analyser knows whole with 도 (제도)."""
        answered = self.matcher.kb.get(decision.id or "") if decision.kind == "answer" else None
        if decision.area is not None or (answered is not None and answered.id == program.id) \
                or isinstance(answered, Intent) and answered.action:
            return None
        analysis, prepared = self._read(text)
        if analysis is None or self._lists(analysis) or asks_for_a_list(prepared) \
                or self.matcher.aspects.detect(prepared, analysis.terms) != PERMISSION:
            return None
        also = [w[:-1] for w in analysis.normalized.split()
                if len(w) >= 3 and w.endswith("도") and not w.isascii() and w not in self.matcher.idf]
        if len(also) != 1 or self.plain(also[0]) or also[0] in self._plain:
            return None
        said = set(self.matcher.analyzer.analyze(also[0]).terms)
        if said & self.matcher.agency_terms or self.matcher.talk.typed_names(analysis.normalized, (program.id,)):
            return None
        # Everything it names is in the word said with 도: its topic words, and the words the knowledge never uses.
        named = [*(t for t in self.matcher._topic_terms(analysis) if len(t) > 1 or t.isascii()),
                 *(t for t in analysis.terms if t.startswith(UNKNOWN_PREFIX) and len(t) > 2 and not self.verb_like(t))]
        if not named or any(t not in said for t in named):
            return None
        return Decision("answer", program.id, PERMISSION, 100.0, (Candidate(program.id, program.kind, 100.0),),
                        decision.lang)

    # ---- a general answer about one aspect, after an FAQ that points to programs ----------------------

    def faq_aspect(self, decision: Decision, text: str, faq: Faq) -> Decision | None:
        """After `faq` (pointing to programs), the general answer about one aspect (`how do we apply?` -> the
        how-to-apply FAQ, Talk.faq_aspects) stands in for programs the chat names: that aspect of the FAQ's one
        program, or of which of its programs, offered with the aspect (the bot asks "which program's 신청방법?"
        with their buttons), where the message's topic words are all that general FAQ's or this FAQ's and
        its programs' own and it names no other item. The startup-funding FAQ names the C-Bluewing fund:
        `how do we apply?` next asks how to apply to it, not "type a program's name"."""
        general = self.matcher.talk.faq_aspects.get(decision.id or "") if decision.kind == "answer" else None
        programs = [p for p in (self.matcher.kb.program(i) for i in faq.programs) if p is not None]
        if general is None or not programs:
            return None
        analysis, prepared = self._read(text)
        if analysis is None or self._lists(analysis) or self._names_other(analysis, (faq.id, *faq.programs)) \
                or self.novel(analysis):
            return None
        own = (decision.id or "", faq.id, *faq.programs)
        topic = [t for t in self.matcher._topic_terms(analysis) if len(t) > 1 or t.isascii()]
        if any(not any(t in self._own(i) for i in own) for t in topic):
            return None
        aspect = self.matcher.aspects.detect(prepared, analysis.terms) or general
        holders = [p for p in programs if topic and all(t in self._own(p.id) for t in topic)]
        chosen = holders if len(holders) == 1 else programs
        candidates = tuple(Candidate(p.id, p.kind, 100.0) for p in chosen)
        return Decision("answer" if len(chosen) == 1 else "suggest", chosen[0].id if len(chosen) == 1 else None,
                        aspect, 100.0, candidates, decision.lang)

    # ---- the card shown, against the item chosen ---------------------------------------------------

    def shown_fits(self, decision: Decision, text: str, shown: Item, asks: bool) -> Decision | None:
        """Right after `shown` (a program's card, an FAQ's or a referral's answer), a short question answered
        with another item, offered with another item first, or (`asks`: it asks an aspect or a question word)
        nothing answered, whose topic words the shown item writes, every
        one, about as well as that other item does (SHOWN_FIT): the shown item, with the aspect asked.
        `채용된 청년에게 주는 혜택도 있습니까` after the quality-jobs card is that card's support (its sibling's name
        says 채용, the card's text does too); `보증 상담은 어디서 받아요` after the credit-guarantee referral is
        that referral, not a program whose text mentions a guarantee fee; `전문가가 몇 명이나 참여하고
        있습니까` after the FAQ on joining as an expert is that FAQ (it says how many). Not where the message
        names another item as typed, a subject of its own (a noun the knowledge never uses), the agency or
        a list, nor one that sets its topic against the card (`수출 성과는요?` after the FAQ on results: the
        export results; options.yaml `contrast_ko/en`); not where the item chosen is the shown FAQ's program,
        or an FAQ about the shown program (the thread goes on there), or small talk or a request."""
        if decision.area is not None or decision.kind == "suggest" and not decision.candidates:
            return None
        other_id = decision.id if decision.kind == "answer" else decision.candidates[0].id if decision.candidates else None
        other = self.matcher.kb.get(other_id or "")
        if decision.kind == "fallback" and not asks:
            return None  # nothing answered, and nothing asked: not a question about the card
        if isinstance(other, Intent):
            if decision.kind == "answer" or other.action:
                return None  # small talk or a request answered (or offered first: a request)
            other = None  # small talk offered first (a word of 또 봐요): no other item asked
        if other is not None and (other.id == shown.id or (isinstance(shown, Faq) and other.id in shown.programs)
                                  or (isinstance(other, Faq) and shown.id in other.programs)):
            return None
        analysis, prepared = self._read(text)
        if analysis is None or self._lists(analysis) or asks_for_a_list(prepared) or self.contrasts(analysis):
            return None
        index = self.matcher.index_of[shown.id]
        if self.matcher.talk.names_another(analysis, index) or self.novel(analysis):
            return None
        topic = [t for t in dict.fromkeys(self.matcher._topic_terms(analysis))
                 if (len(t) > 1 or t.isascii()) and not self.confirms_word(t) and t not in self.matcher.verb_terms
                 and not (t.startswith(UNKNOWN_PREFIX) and (self.verb_like(t) or self.plain(t)))]
        if not topic or any(t.startswith(UNKNOWN_PREFIX) or t in self.matcher.agency_terms for t in topic):
            return None
        other_index = self.matcher.index_of[other.id] if other is not None else None
        # A detail (청년, 창원, 돈) counts where either item writes it: 청년에게 is the youth-jobs cards' word.
        topic = [t for t in topic if not self.is_detail(t) or self._fit(index, [t], {})
                 or other_index is not None and self._fit(other_index, [t], {})]
        if not topic or self._fit(index, topic, {}) is None:
            return None  # a topic word the shown item does not write
        # How well each fits all that is asked: the topic and how it is asked (혜택, 상담), not verb forms.
        weights = self.matcher._weights(analysis.terms)
        asked = [t for t in dict.fromkeys(analysis.terms) if t in weights and t not in self.matcher.verb_terms
                 and (len(t) > 1 or t.isascii()) and not t.startswith(UNKNOWN_PREFIX)]
        if other_index is not None and self._fit(index, asked, weights, partly=True) \
                < SHOWN_FIT * self._fit(other_index, asked, weights, partly=True):
            return None
        aspect = self.matcher.aspects.detect(prepared, analysis.terms) if isinstance(shown, Program) else None
        if aspect is None and isinstance(shown, Program):
            strong = self.matcher.entries[index].strong
            aspect = self.matcher.aspect_words.asked(shown.id, (t for t in topic if t not in strong))
        return Decision("answer", shown.id, aspect, 100.0, (Candidate(shown.id, shown.kind, 100.0),), decision.lang)

    def contrasts(self, analysis: Analysis) -> bool:
        """Whether a message sets a topic against what was said (`수출 성과는요?`: "and the export results?",
        `what about the fund?`): its last word a topic word with a contrast particle and nothing after it."""
        words = analysis.normalized.rstrip("?!. ").split()
        if any(cue in f" {analysis.normalized} " for cue in self._contrast_en):
            return True
        if not words or words[-1].isascii():
            return False
        last = words[-1]
        ending = next((e for e in self._contrast_ko if last.endswith(e) and len(last) > len(e)), None)
        if ending is None:
            return False
        stem = self.matcher.analyzer.analyze(last[:-len(ending)]).terms
        return bool(stem) and all(self.matcher._names_topic(t) for t in stem)

    @overload
    def _fit(self, index: int, terms: list[str], weights: dict[str, float], partly: Literal[True]) -> float: ...

    @overload
    def _fit(self, index: int, terms: list[str], weights: dict[str, float], partly: bool = False) -> float | None: ...

    def _fit(self, index: int, terms: list[str], weights: dict[str, float], partly: bool = False) -> float | None:
        """How well entries[index] writes `terms`: each by its weight, fully in its own names and questions,
        WRITTEN in its texts; None where it does not write one of them (`partly`: 0 for that one)."""
        entry = self.matcher.entries[index]
        body = self.matcher.body[index]
        fit = 0.0
        for term in terms:
            credit = 1.0 if term in entry.strong else WRITTEN if term in entry.weak or term in body else 0.0
            if not credit and not partly:
                return None
            fit += weights.get(term, 1.0) * credit
        return fit

    # ---- "그거 말고": something else ---------------------------------------------------------------

    def rest_of_area(self, analysis: Analysis, last: str, excluded: frozenset[int], lang: str) -> Decision | None:
        """`그거 말고 올해 신청할 수 있는 거요`, `not that one, what else can we join?` after a program: the item
        just shown is ruled out (the caller has), and the rest asks for a thing (거, 사업, `one`, `else`) with no
        topic of its own: the other programs of its area, where one is left that one (as `Matcher._area`)."""
        matcher = self.matcher
        item = matcher.kb.get(last)
        if isinstance(item, Faq) and len(item.programs) == 1:
            item = matcher.kb.program(item.programs[0]) or item
        if not isinstance(item, Program) or item.area is None or not self._asks_a_thing(analysis) \
                or matcher._topic_terms(analysis) or self.novel(analysis) or matcher.talk.typed_names(analysis.normalized):
            return None
        inside = matcher.kb.programs_in(item.area.id)
        left = [p for p in inside if matcher.index_of[p.id] not in excluded and p.id != item.id]
        return matcher.area_list(item.area.id, inside, left, analysis, lang) if left else None

    def _asks_a_thing(self, analysis: Analysis) -> bool:
        """Whether a message asks for a thing rather than an aspect: a word naming one (`things_ko/en`: 거요,
        건요, 사업은, `one`, `else`), or a list cue (뭐 있어요)."""
        if self._lists(analysis) or self.matcher.talk.asks_others(analysis.normalized):
            return True
        for token in analysis.normalized.split():
            if token.isascii():
                if token.strip("?.!,") in self._things_en:
                    return True
            elif any(token.startswith(word) and token[len(word):] in self._thing_tails for word in self._things_ko):
                return True
        return False

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

    def _read(self, text: str, max_words: int = MAX_WORDS) -> tuple[Analysis | None, str]:
        """The message's analysis where it is a follow-up of at most max_words that rules nothing out, and its
        prepared text."""
        prepared = self.matcher._prepare(text)
        if self.matcher.asked(prepared) != prepared:
            return None, prepared  # something is ruled out (그거 말고): read by the matcher
        analysis = self.matcher.analyzer.analyze(prepared)
        words = analysis.normalized.split()
        return (analysis if words and len(words) <= max_words else None), prepared

    def _names_other(self, analysis: Analysis, own: tuple[str, ...]) -> bool:
        return bool(self.matcher.talk.typed_names(analysis.normalized, own))

    def _counts(self, analysis: Analysis) -> bool:
        """Whether the message asks how many, how much, when or where (`counting_ko/en`)."""
        return any(w.startswith(cue) for w in analysis.normalized.split() for cue in self._counting_ko) \
            or any(cue in f" {analysis.normalized} " for cue in self._counting_en)

    def _lists(self, analysis: Analysis) -> bool:
        """Whether the message asks what there is (뭐 있어요, what programs): not about one item."""
        lex = self.matcher.lexicon
        return korean_cue_in(analysis.normalized.replace(" ", ""), lex.list_cues_ko) \
            or english_cue_in(analysis.normalized.split(), lex.list_cues_en)

    def _own(self, item_id: str) -> frozenset[str]:
        index = self.matcher.index_of.get(item_id)
        return self.matcher.entries[index].strong if index is not None else frozenset()

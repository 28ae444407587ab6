"""Which aspect of a program a message asks about: eligibility, support, apply, period or contact.

From cue words and phrases (intents/lexicon/aspects.yaml): Korean ones are looked for in the message with
spaces removed, English ones as words in order (intents/cues.py). Three structures decide between cues:

- Where the question is. A Korean question says what it asks at its end; what comes before a connective
  (-려면, -는데, -면, -서) or in an earlier statement is the asker's situation. So the clauses are tried
  from the last: `창업 보육 들어가려면 어떤 조건이 있어요?` asks the condition (자격), not how to get in, and
  `직원들 교육 보내고 싶은데 재직자 교육 있나요?` asks no aspect at all. An earlier clause counts only
  where the asking one names none (`자격이 되는지 궁금한데 알려줄 수 있어요?`), and a story's statements
  never do.
- Which cue. Within a clause the longest cue wins; one holding a question word (언제, 얼마, 누가, when)
  counts as longer: it says what is asked more surely than a longer one naming a matter.
- What a "can I / is it possible" asks about. `받을 수 있나요`, `도 되나요`, `가능?` ask eligibility of a
  person (`휴학생도 되나요`), but support of a benefit (`통역 지원도 되나요`, `부스 비용도 받을 수 있나요`),
  period of a time (`지금 신청 가능해요?`) and apply of a way of applying (`온라인으로 신청 가능?`): the
  thing named before the cue decides.

A misspelt cue the analyser corrected (신텅 -> 신청) counts too, but only where the message holds a word
spelt like it: a synonym the analyser folded in (직원 -> 담당자, 자문 -> 상담) names the topic, not a contact.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

from intents.analyzer import normalize
from intents.cues import english_cue_in
from intents.focus import asking_index, is_asking, sentences
from intents.lexicon import LEXICON_DIR, Lexicon, read_yaml

ASKING_BONUS = 10
PERMISSION = "eligibility"  # what a bare "can I" asks when it names nothing else
SUPPORT = "support"  # the aspect an amount of money asks (얼마, how much)
PERIOD = "period"  # the aspect a time named of the predicate asks (올해도 해요?)


@dataclass(frozen=True)
class AspectGrammar:
    """How a question is cut into clauses, and what a "can I" asks by what it names (aspects.yaml `grammar`)."""

    asking_words: tuple[str, ...] = ()  # 언제, 얼마, " when ": Korean as a part of a cue, English as a word
    connectives: tuple[str, ...] = ()  # Korean word endings that close a clause of situation (-려면, -는데)
    permission_ko: tuple[str, ...] = ()  # "can I / is it possible" said in Korean, spaces removed
    permission_en: tuple[str, ...] = ()
    subjects_ko: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # aspect -> things it names
    subjects_en: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    defer_ko: frozenset[str] = frozenset()  # cues asking "what is needed" for the clause before
    framed: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # aspect -> verbs asking it of a thing
    folded: frozenset[str] = frozenset()  # cue words whose synonyms ask the same (시기 -> 기간)
    final_ko: tuple[str, ...] = ()  # a clause ending so asks as a "can I" does (대학생도?)
    final_not_ko: tuple[str, ...] = ()  # endings that look so but do not (얼마 정도)
    requests_ko: tuple[str, ...] = ()  # "could you tell me" (알 수 있을까요): a request, not a "can I"
    lacking_ko: tuple[str, ...] = ()  # 없어도, 아니어도: the thing named is a condition lacked, not a benefit
    degree_ko: tuple[str, ...] = ()  # 얼마나: asks money unless a verb of quantity or size follows (얼마나 생산해요)
    degree_skip: tuple[str, ...] = ()  # 더, 정도: passed over on the way to that verb
    degree_not_money: tuple[str, ...] = ()  # 생산, 커: verbs after an 얼마나 that ask a quantity or size, no money
    not_cues_ko: tuple[str, ...] = ()  # 담당자들, 담당자 교육: a cue naming the asker's own people, not a contact
    lengths_ko: tuple[str, ...] = ()  # 몇 년까지, 얼마 동안: a length of time asked (intents/aspect_lengths.py)
    lengths_en: tuple[str, ...] = ()  # how long
    stays_ko: tuple[str, ...] = ()  # 입주, 이용: a noun of staying or using whose 기간 is a length (입주 기간은?)
    times_ko: tuple[str, ...] = ()  # 올해, 내년, 하반기: a time named, asking the period only of a bare predicate
    time_room: int = 1  # words a time word may have between it and the clause's last word and still ask
    question_words_ko: tuple[str, ...] = ()  # 언제, 어디, 몇: passed over when counting those words
    narrating_en: tuple[str, ...] = ()  # open a, open my: a cue word the asker does, not the program

    def asking_bonus(self, cue: str) -> int:
        """A cue holding a question word (언제, 얼마, 누가, when) says what is asked more surely than a longer
        one naming a matter (신청할 수 있는 게 있으면 언제 모집하는지: when, not who may apply)."""
        return ASKING_BONUS if any(word in f" {cue} " for word in self.asking_words) else 0

    def asks_money(self, words: list[str], index: int, at: int) -> bool:
        """Whether the amount word at `at` of `words[index]` (a message's words as typed) asks money: `얼마` alone
        (얼마예요, 얼마 나와요, 얼마까지) or any other word does, and `얼마나` unless a verb of quantity, size or
        time follows it (`하루에 얼마나 생산해요`, `얼마나 커요`)."""
        word = words[index]
        degree = next((d for d in sorted(self.degree_ko, key=len, reverse=True) if word.startswith(d, at)), None)
        if degree is None:
            return True
        rest = word[at + len(degree):] + "".join(words[index + 1:])
        skipped = True
        while skipped:
            skipped = False
            for skip in self.degree_skip:
                if rest.startswith(skip):
                    rest, skipped = rest[len(skip):], True
        return not rest.startswith(self.degree_not_money)

    def unmoneyed(self, clause: str) -> str:
        """A clause (words as typed) with each `얼마나` that asks no money blanked out: what the support cues
        are read in."""
        words = clause.split()
        for i, word in enumerate(words):
            for degree in self.degree_ko:
                if word.startswith(degree) and not self.asks_money(words, i, 0):
                    words[i] = "_" * len(degree) + word[len(degree):]
                    break
        return " ".join(words)

    @classmethod
    def load(cls, path: Path = LEXICON_DIR / "aspects.yaml") -> "AspectGrammar":
        grammar = (read_yaml(path) if path.exists() else {}).get("grammar") or {}
        permission = grammar.get("permission") or {}
        subjects = permission.get("subjects") or {}
        return cls(
            asking_words=tuple(str(w) if not str(w).isascii() else f" {str(w).lower()} "
                               for w in grammar.get("asking_words") or []),
            connectives=tuple(str(c) for c in grammar.get("connectives_ko") or []),
            permission_ko=_compact(permission.get("ko")),
            permission_en=tuple(str(c).lower() for c in permission.get("en") or []),
            subjects_ko={str(a): _compact(s.get("ko")) for a, s in subjects.items()},
            subjects_en={str(a): tuple(str(c).lower() for c in s.get("en") or []) for a, s in subjects.items()},
            defer_ko=frozenset(_compact(grammar.get("defer_ko"))),
            framed={str(a): _compact(v) for a, v in (grammar.get("framed") or {}).items()},
            folded=frozenset(str(w) for w in grammar.get("folded") or []),
            final_ko=_compact(permission.get("final_ko")),
            final_not_ko=_compact(permission.get("final_not_ko")),
            requests_ko=_compact(permission.get("requests_ko")),
            lacking_ko=_compact(permission.get("lacking_ko")),
            degree_ko=_compact((grammar.get("degree") or {}).get("ko")),
            degree_skip=_compact((grammar.get("degree") or {}).get("skip")),
            degree_not_money=_compact((grammar.get("degree") or {}).get("not_money")),
            not_cues_ko=_compact(grammar.get("not_cues_ko")),
            lengths_ko=_compact((grammar.get("lengths") or {}).get("ko")),
            lengths_en=tuple(str(c).lower() for c in (grammar.get("lengths") or {}).get("en") or []),
            stays_ko=_compact((grammar.get("lengths") or {}).get("stays_ko")),
            times_ko=_compact((grammar.get("times") or {}).get("ko")),
            time_room=int((grammar.get("times") or {}).get("room", 1)),
            question_words_ko=tuple(str(w) for w in grammar.get("asking_words") or [] if not str(w).isascii()),
            narrating_en=tuple(str(c).lower() for c in grammar.get("narrating_en") or []),
        )

    def time_cue(self, words: list[str]) -> str | None:
        """A time word that asks the period in a clause (its words, normalised), or None. A time named says
        when the program runs only where it is said of the clause's predicate alone (`무역사절단 올해도 가요?`,
        `울산관 올해 어디 가요`, `하반기 모집 있어요?`); followed by more of the story it tells the asker's
        (`올해 들어온 사원들 교육 보낼 곳 있어요?`, `올해 퇴직했는데`). At a word's start only: 상시 is no time
        inside 임상시험. Question words between (언제, 어디, 몇) do not count."""
        for start, word in enumerate(words):
            for time in self.times_ko:
                joined, end = word, start
                while len(joined) < len(time) and end + 1 < len(words):  # 이번 달, 다음 달: spaced apart
                    end += 1
                    joined += words[end]
                if not joined.startswith(time) or len(joined) > len(time) + 2:  # 올해도, 상반기에는; not 상시근로자
                    continue
                between = [w for w in words[end + 1:-1] if not w.startswith(self.question_words_ko)]
                if len(between) <= self.time_room and not (end + 1 < len(words) and _past(words[-1])):
                    return time
        return None

    def narrated(self, words: list[str]) -> list[str]:
        """English words with each cue word the asker does blanked out: `open` of `I want to open a cafe` asks
        no period (`is it open`, `applications open` still do)."""
        out = list(words)
        for phrase in self.narrating_en:
            parts = phrase.split()
            for i in range(len(out) - len(parts) + 1):
                if out[i:i + len(parts)] == parts:
                    out[i] = "_"
        return out


def _compact(cues: Iterable[object] | None) -> tuple[str, ...]:
    return tuple(str(c).replace(" ", "") for c in cues or [])


class AspectCues:
    """Reads the asked aspect from a message's cue words and phrases."""

    def __init__(self, lexicon: Lexicon, cue_aspects: Mapping[str, str],
                 grammar: AspectGrammar | None = None) -> None:
        """`cue_aspects`: a cue's analysed term -> its aspect, for cues the analyser may have corrected."""
        self.grammar = grammar or AspectGrammar.load()
        # A time word (올해, 하반기) weighs as a cue in the matcher, but asks the period only by the time rule
        # (AspectGrammar.time_cue): it is no cue found anywhere in a clause.
        self.korean = {a: tuple(c for c in (*lexicon.aspect_cues_ko.get(a, ()), *lexicon.aspect_phrases_ko.get(a, ()))
                                if not self._timed(c))
                       for a in lexicon.aspect_cues_ko}
        self.english = {a: tuple(c.strip() for c in (*lexicon.aspect_cues_en.get(a, ()),
                                                     *lexicon.aspect_phrases_en.get(a, ())))
                        for a in lexicon.aspect_cues_ko}
        self.cue_aspects = cue_aspects
        # Cues that are one whole word (신청, 자격, 언제) of one aspect: what a misspelt word may be corrected to.
        owners: dict[str, set[str]] = {}
        for aspect, cues in lexicon.aspect_cues_ko.items():
            for cue in cues:
                owners.setdefault(cue, set()).add(aspect)
        self.words = {cue: next(iter(a)) for cue, a in owners.items()
                      if len(a) == 1 and len(cue) >= 2 and not self._timed(cue)}
        # Each cue with its weight (its length, more where it holds a question word) and an English cue's
        # words, worked out once: every clause of every reading of a message is held against every cue.
        bonus = self.grammar.asking_bonus
        self._weighted = tuple(
            (aspect, tuple((cue, len(cue) + bonus(cue)) for cue in cues),
             tuple((cue, len(cue) + bonus(f" {cue} "), frozenset(cue.split())) for cue in self.english.get(aspect, ())))
            for aspect, cues in self.korean.items())

    def _timed(self, cue: str) -> bool:
        """Whether a cue is a time word with a particle at most (올해, 올해도, 내년에도): read by the time rule only."""
        return any(cue.startswith(t) and len(cue) <= len(t) + 2 for t in self.grammar.times_ko)

    def detect(self, text: str, terms: tuple[str, ...] = (), names: Iterable[str] = ()) -> str | None:
        """The aspect a message asks (as typed, or normalised), or None: it asks about the program as a whole.
        `names`: the names of the item answered; a "can I" naming only it (`초기 창업기업 성장 지원도 받을 수
        있을까요?`: its name ends in 지원) asks whether one may have it, not a benefit."""
        spelt = tuple(sorted({normalize(n).replace(" ", "") for n in names if len(n.replace(" ", "")) >= 3},
                             key=len, reverse=True))
        for clause, before in self.asking_clauses(text):
            aspect = self._clause_aspect(clause, before, spelt)
            if aspect:
                return aspect
        return self._corrected(normalize(text), terms)

    def asking_clauses(self, text: str) -> list[tuple[str, str]]:
        """The normalised clauses that may say what is asked, each with the clauses before it in its sentence,
        the most telling first: those of the sentence that asks (intents/focus.py), from its end; then those
        of the sentences after it, and of the asking ones before it, nearest first (신청 기간이 궁금합니다.
        알려주세요.). A statement before the question tells the asker's story and is left out, a question word
        inside it too (어디서부터 시작해야 할지 막막하네요.): a sentence before asks only at its end."""
        parts = sentences(text)
        if not parts:
            return []
        last = asking_index(parts)
        order = [last] + [i for i in range(len(parts) - 1, -1, -1)
                          if i != last and (i > last or _asks_at_end(parts[i]))]
        found = []
        for i in order:
            clauses = self._clauses(parts[i])
            found += [(clauses[k], " ".join(clauses[:k])) for k in range(len(clauses) - 1, -1, -1)]
        return found

    def _clauses(self, sentence: str) -> list[str]:
        """A sentence cut at commas and after each word that ends with a connective (신청하려면 | 어떤 조건이
        있어요), each normalised."""
        clauses: list[str] = []
        for part in sentence.split(","):
            current: list[str] = []
            for word in normalize(part).split():
                current.append(word)
                if any(word.endswith(c) and len(word) > len(c) for c in self.grammar.connectives):
                    clauses.append(" ".join(current))
                    current = []
            if current:
                clauses.append(" ".join(current))
        return clauses

    def asks_length(self, text: str) -> bool:
        """Whether the asking part of a message asks a length of time (몇 년까지 있을 수, 얼마 동안, how long), or the
        기간 of staying or using (입주 기간은?, 이용 기간이 어떻게 돼요): how long one may stay, not when to apply."""
        for clause, _ in self.asking_clauses(text)[:1]:
            compact = clause.replace(" ", "")
            return any(c in compact for c in self.grammar.lengths_ko) \
                or any(f"{noun}기간" in compact for noun in self.grammar.stays_ko) \
                or english_cue_in(clause.split(), self.grammar.lengths_en)
        return False

    def reading(self, text: str, names: Iterable[str] = ()) -> tuple[str | None, str]:
        """The aspect `detect` reads from the clauses and the cue that decided it ("" for none; `permission` where
        a "can I" did): what bench/aspect_confusion.py counts by, never a message's text."""
        spelt = tuple(sorted({normalize(n).replace(" ", "") for n in names if len(n.replace(" ", "")) >= 3},
                             key=len, reverse=True))
        for clause, before in self.asking_clauses(text):
            self._last_cue = ""
            aspect = self._clause_aspect(clause, before, spelt)
            if aspect:
                return aspect, self._last_cue
        return None, ""

    _last_cue = ""

    def _clause_aspect(self, clause: str, before: str = "", names: tuple[str, ...] = ()) -> str | None:
        """The aspect one clause asks, or None where it names none. `before`: the clauses before it in its
        sentence, which a cue asking "what is needed" (뭐가 필요해요) defers to; `names`: the item's, spaceless."""
        compact = clause.replace(" ", "")
        for word in self.grammar.not_cues_ko:  # 품질 담당자들이 들을 수 있는 교육: no contact asked
            compact = compact.replace(word, "_" * len(word))
        words = self.grammar.narrated(clause.split()) if self.grammar.narrating_en else clause.split()
        best: tuple[int, str, str] | None = None  # (weight, aspect, cue)
        present = frozenset(words)  # an English cue whose words are not all here cannot be in order here
        # 하루에 얼마나 생산해요 asks no money: its 얼마나 is no support cue (얼마나 걸려요 stays a period's).
        unmoneyed = self.grammar.unmoneyed(clause).replace(" ", "") if self.grammar.degree_ko else compact
        for word in self.grammar.not_cues_ko:
            unmoneyed = unmoneyed.replace(word, "_" * len(word))
        for aspect, korean, english in self._weighted:
            read = unmoneyed if aspect == SUPPORT else compact
            for cue, weight in korean:
                if cue in read and (best is None or weight > best[0]):
                    best = (weight, aspect, cue)
            for cue, weight, parts in english:
                if (best is None or weight > best[0]) and parts <= present and english_cue_in(words, (cue,)):
                    best = (weight, aspect, cue)
        time = self.grammar.time_cue(words) if self.grammar.times_ko else None
        if time is not None and (best is None or len(time) > best[0]):
            best = (len(time), PERIOD, time)
        for aspect, verbs in self.grammar.framed.items():
            subjects = self.grammar.subjects_ko.get(aspect, ())
            for verb in verbs:
                at = compact.find(verb)
                if at > 0 and (best is None or len(verb) > best[0]) and any(0 <= compact.find(s) < at for s in subjects):
                    best = (len(verb), aspect, verb)
        if best is not None and best[2] in self.grammar.defer_ko and before:
            earlier = self._clause_aspect(before)
            if earlier:
                return earlier
        permission = self._permission(compact, words, names)
        # "Who can have it" (누가 받을 수 있어요, who can get it) asks who, whatever it names before the "can".
        asks_who = best is not None and best[1] == PERMISSION and best[0] > len(best[2])
        if permission is not None and not asks_who \
                and (best is None or best[1] == PERMISSION or permission[0] >= best[0]):
            self._last_cue = "permission"
            return permission[1]
        self._last_cue = best[2] if best else ""
        return best[1] if best else None

    def _permission(self, compact: str, words: list[str], names: tuple[str, ...] = ()) -> tuple[int, str] | None:
        """A "can I / is it possible" in the clause: its weight, and the aspect it asks by the last thing it
        names before the cue (eligibility where it names nothing listed). None without such a cue. A request
        (알 수 있을까요, 알려줄 수 있나요) is no such cue: it asks what it names."""
        g = self.grammar
        for request in g.requests_ko:
            compact = compact.replace(request, "_" * len(request))
        korean = [(len(c), compact.find(c)) for c in g.permission_ko if c in compact]
        if not compact.endswith(g.final_not_ko):
            korean += [(len(c), len(compact) - len(c)) for c in g.final_ko
                       if compact.endswith(c) and len(compact) > len(c)]
        if korean:
            weight, start = max(korean)
            named = [(compact.rfind(s, 0, start), aspect) for aspect, subjects in g.subjects_ko.items()
                     for s in subjects if 0 <= compact.rfind(s, 0, start) < start]
            # The program's own name (성장 지원도 받을 수 있을까요) names no benefit: may one have it.
            spans = [(at, at + len(n)) for n in names if (at := compact.find(n)) >= 0]
            named = [(at, aspect) for at, aspect in named if not any(a <= at < b for a, b in spans)]
            # 사무실이 없어도 참여할 수 있나요: the thing named is lacked, a condition of the asker's.
            if named and any(w in compact[max(named)[0]:start] for w in g.lacking_ko):
                named = []
        else:
            english = [len(c) for c in g.permission_en if english_cue_in(words, (c,))]
            if not english:
                return None
            weight = max(english)
            named = [(max(i for i, w in enumerate(words) if w == s.split()[0]), aspect)
                     for aspect, subjects in g.subjects_en.items() for s in subjects if english_cue_in(words, (s,))]
        return weight, (max(named)[1] if named else PERMISSION)

    def _corrected(self, normalized: str, terms: tuple[str, ...]) -> str | None:
        """The aspect of a cue word the analyser corrected from a misspelling (신텅 -> 신청) or folded a synonym
        into (시기 -> 기간, where aspects.yaml lets it), if any."""
        compact = normalized.replace(" ", "")
        for term in terms:
            aspect = self.words.get(term) or self.cue_aspects.get(term)
            if aspect and term not in compact and (term in self.grammar.folded or _spelt_like(term, compact)):
                return aspect
        return None


_INDIRECT = ("모르겠", "모릅니다", "몰라요")  # 뭘 준비해야 하는지 모르겠어요: a question said as a statement


def _asks_at_end(sentence: str) -> bool:
    """Whether a sentence before the question asks too (신청 기간이 궁금합니다.): a question mark, or an asking word
    in its last two words. A statement holding a question word (어디서부터 시작해야 할지 막막하네요) tells the
    asker's story, however it asks inside; not knowing it (모르겠어요) asks it."""
    end = " ".join(sentence.split()[-2:])
    return "?" in sentence or "？" in sentence or is_asking(end) or any(w in end for w in _INDIRECT)


def _past(word: str) -> bool:
    """Whether a Korean predicate is in the past tense (퇴직했어요, 들어왔는데): a syllable closed by ㅆ, other than
    있 (있어요 asks whether it exists). A time said of a past event tells the asker's story."""
    return any(0xAC00 <= ord(ch) <= 0xD7A3 and (ord(ch) - 0xAC00) % 28 == 20 and ch != "있" for ch in word)


def _spelt_like(word: str, compact: str) -> bool:
    """Whether `compact` holds `word` with one syllable changed (신텅 for 신청), as a typo would."""
    size = len(word)
    return any(sum(a != b for a, b in zip(word, compact[i:i + size])) == 1
               for i in range(len(compact) - size + 1))

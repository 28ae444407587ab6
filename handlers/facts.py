"""The sentences of a program that write what a question asks in its own words, wherever they sit.

A new user's test (tester8) met answers whose card hid the fact asked: `액화수소 플랜트 총사업비랑 착공일` got
the support text while the summary says `2021년 7월 28일 착공했고, 총사업비는 950억 원`; `which countries were
the buyers from?` got an overview whose support line stopped before `Indonesia, Thailand and Vietnam`;
`연구 보고서는 공개됩니까` one whose line stopped before `보고서 공개 여부는 이 안내에 없습니다`. The aspect is
what the question asks about; the fact may sit in any part of the program.

A sentence answers the question when it writes the question's own words (its terms, read by the matcher's
analyser, less the program's names and the words that name no fact: cues, generic and light words) that
few of the program's sentences write; and, where the question asks a kind of fact (how much, how many, when,
where, which country: handlers/gist.yaml `kinds`), when it states one (an amount of 원, a number of people, a
date, a place, a country's name). The card shows those sentences that its visible text does not already
answer as well (handlers/cards.py). Nothing is made up: only the program's own sentences are shown.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any, Callable, Collection, Mapping, Sequence

from handlers import gist
from knowledge.model import Program

FOUND_MOST = 2  # sentences added at most: the card answers one question, it does not retell the program
# A term written by more than this share of a program's sentences tells none of them apart (its topic).
SPREAD = 1 / 3
# Numbers of things done (37건, 2회), besides the people and companies gist reads; not per one (1건당).
_COUNT_MORE = re.compile(r"\d[\d,]*\s*(?:건|회|차례)(?!\s*당)|\b\d[\d,]*\s+(?:cases|times|deals|contracts|MOUs?)\b", re.I)
_YEAR = re.compile(r"(?:19|20)\d\d\s*년|\b(?:19|20)\d\d\b")


@dataclass(frozen=True)
class Reader:
    """How a card reads words: the matcher's analyser (text -> terms), the terms that name no fact (cues,
    generic, light words), and a program's own terms (its names and aliases: what chose it)."""

    analyse: Callable[[str], Sequence[str]]
    plain: Callable[[str], bool]
    own: Callable[[str], frozenset[str]]

    @classmethod
    def of(cls, matcher: Any) -> "Reader":
        """The reader of the matcher in use (intents/matcher.py), built once per matcher."""
        hit = _READERS.get(id(matcher))
        if hit is not None and hit[0] is matcher:
            return hit[1]
        lexicon = matcher.lexicon
        plain = frozenset(matcher.generic | matcher.cue_terms | lexicon.light_words | lexicon.followup_cues
                          | lexicon.stopwords | matcher.roles.units)

        def own(program_id: str) -> frozenset[str]:
            index = matcher.index_of.get(program_id)
            return frozenset(matcher.entries[index].strong) if index is not None else frozenset()

        reader = cls(lambda text: matcher.analyzer.analyze(text).terms, plain.__contains__, own)
        _READERS.clear()  # the one matcher the bot answers with (a reload brings a new one)
        _READERS[id(matcher)] = (matcher, reader)
        return reader


_READERS: dict[int, tuple[Any, Reader]] = {}


@dataclass(frozen=True)
class Fact:
    section: str  # "" for the summary, else the aspect that writes it
    sentence: str


def asked_kinds(question: str) -> tuple[str, ...]:
    """The kinds of fact the question asks (amount, count, date, place, country), by gist.yaml `kinds.asked`."""
    return tuple(kind for kind, words in gist.data().kinds.items()
                 if _asks(question, kind, words.asked) and not gist.holds(question, words.unless))


def _asks(question: str, kind: str, asked: Sequence[str]) -> bool:
    """Whether the question holds a word asking `kind`; an `얼마나` asks an amount only with a word of money
    after it (gist.asks_amount): `하루에 얼마나 생산해요` asks a quantity, answered by the words it writes."""
    if kind != "amount":
        return gist.holds(question, asked)
    degrees = gist.degree_words()  # 얼마나: the words it starts with (얼마) are read by gist.asks_amount
    return gist.holds(question, [w for w in asked if not any(d.startswith(w) for d in degrees)]) \
        or gist.asks_amount(question)


def states(sentence: str, kind: str) -> bool:
    """Whether a sentence states a fact of `kind`: an amount of 원 or a share, a number of people or things,
    a date or a year, a place or a country's name (gist.yaml `kinds.stated` for the last two)."""
    if kind == "amount" and (gist.says_amount(sentence) or gist.holds(sentence, gist.data().amounts.stated)):
        return True
    if kind == "count" and (gist.states_count(sentence) or _COUNT_MORE.search(sentence)):
        return True
    if kind == "date" and gist.states_date(sentence):
        return True
    if kind == "year" and (gist.states_date(sentence) or _YEAR.search(sentence)):
        return True
    words = gist.data().kinds.get(kind)
    return words is not None and gist.holds(sentence, words.stated)


def found(question: str, program: Program, lang: str, reader: Reader, visible: Sequence[str],
          leave: Collection[str] = ()) -> list[Fact]:
    """The program's sentences (in `lang`) that answer `question` better than every sentence of `visible`
    (the texts the card shows anyway), at most FOUND_MOST, best first then as written. `leave`: kinds the
    card already answers (an amount one receives, said not to be given: a total cost is no answer to it)."""
    asked = gist.asking_part(question)
    kinds = tuple(k for k in asked_kinds(asked) if k not in leave)
    own = reader.own(program.id)
    words = {t for t in reader.analyse(asked) if _telling(t, reader) and t not in own}
    if not words and not kinds:
        return []
    sections = [("", program.summary), *program.aspects.items()]
    written = [(name, s, frozenset(reader.analyse(s))) for name, text in sections for s in gist.sentences(text.get(lang))]
    if not written:
        return []
    spread = Counter(t for _, _, terms in written for t in terms)
    most = max(1, int(len(written) * SPREAD))
    # Only the words some sentence writes, and few do, tell one from another (작년, or `count` read from
    # `countries`, tell none); where the question has such words, a sentence must write one of them.
    words = {t for t in words if 0 < spread[t] <= most}
    kind_words = [w for k in kinds for w in gist.data().kinds[k].asked]
    # The kind words the question writes itself (사업비): a sentence writing one (총사업비는 950억 원) shares a
    # word with it, though the analyser reads the two apart.
    own_kind_words = [w for w in kind_words if gist.holds(asked, (w,))]

    def score(sentence: str, terms: frozenset[str]) -> int:
        shared = sum(1 for t in words if t in terms)
        if words and not shared and not gist.holds(sentence, own_kind_words):
            return 0
        if kinds:
            if not any(states(sentence, k) for k in kinds):
                return 0
            # The question's own kind word written beside the fact (규모 in `900억 원 규모`) says it more surely.
            return 1 + shared + (1 if gist.holds(sentence, kind_words) else 0)
        return shared

    shown = [s for text in visible for s in gist.sentences(text)]
    bar = max((score(s, frozenset(reader.analyse(s))) for s in shown), default=0)
    scored = [(score(s, terms), order, Fact(name, s)) for order, (name, s, terms) in enumerate(written)
              if s not in shown]
    kept = sorted((x for x in scored if x[0] > bar and x[0] > 0), key=lambda x: (-x[0], x[1]))[:FOUND_MOST]
    return [fact for _, _, fact in sorted(kept, key=lambda x: x[1])]


def _telling(term: str, reader: Reader) -> bool:
    """A term that may name a fact: not a number, a lone syllable or a word that names none."""
    word = term.lstrip("?")
    if len(word) < 2 or any(ch.isdigit() for ch in word):
        return False
    return not reader.plain(term) and not reader.plain(word)


def by_section(facts: Sequence[Fact]) -> Mapping[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for fact in facts:
        grouped.setdefault(fact.section, []).append(fact.sentence)
    return grouped

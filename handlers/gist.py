"""The knowledge's texts read sentence by sentence, for answers that say what the knowledge knows.

    clip("... 창업 교육, 멘토링, 사업화를 상시 지원하며, 정부 예비창업패키지 ...", 60)
        -> "... 창업 교육, 멘토링, 사업화를 상시 지원하며…"     (cut at a clause, never inside a word)
    answering(program, "period", "ko")   # a program with no `period:` asked 언제 해요?
        -> ["2025년 11월 5~7일에는 창원시가 ... 1:1 상담회를 열었습니다."]   (from its `support:`)
    unstated_details("참가비 지원되나요? 항공료 같은거", program)
        -> ["참가비", "항공료"]     (named in the question, mentioned nowhere in the program's texts)
    gaps("그거 얼마나 받을 수 있어요?", program, "support")
        -> Gaps(amount=True)        (asks an amount; the support text states none)
    general_faqs(kb, faq_aspects)
        -> {"apply": <how-to-apply>, "cost": <cost-free>}   (FAQs about all programs, found by structure)

Pure functions over knowledge/model.py's objects; the words are language data in handlers/gist.yaml.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping, Sequence

import yaml

from intents.aspects import AspectGrammar
from intents.focus import asking_index, is_asking
from intents.focus import sentences as focus_sentences
from knowledge.model import ASPECTS, Faq, KnowledgeBase, Program, Text

GIST_FILE = Path(__file__).with_name("gist.yaml")
ELLIPSIS = "…"
# A cut is made no earlier than this share of the limit: "창원…" is no gist of a long sentence.
CLAUSE_FLOOR = 0.45
WORD_FLOOR = 0.5
# A sentence ends at . ! ? (or their full-width forms) followed by a space or the end: "1.5배" and "No.1"
# are not ends. A line break always ends one.
_SENTENCE_END = re.compile(r"(?<=[.!?。？！])[\"'”’)\]]*\s+|\n+")
# Dates finer than a year: 11월, 5~7일, 2025.11.5, 11/5, and English month names.
_DATE_KO = re.compile(r"\d{1,2}\s*월|\d{1,2}\s*(?:[~∼-]\s*\d{1,2}\s*)?일(?![자반])|\d{4}\s*[.\-/]\s*\d{1,2}\s*[.\-/]\s*\d{1,2}")
_MONTH_EN = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
             r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
# A month name beside a number (5 May, May 2024): "may" and "march" alone are words too.
_MONTHS_EN = re.compile(rf"\b\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?\s+{_MONTH_EN}\b|\b{_MONTH_EN}\s+\d{{1,4}}\b", re.I)
_PHONE = re.compile(r"\d{2,4}-\d{3,4}-\d{4}")
# An amount of money or a share: 150만 원, 1억 원, 2,400만원, 5천 원, 80%, 1.5 million won, 50 percent. A sum
# in another currency (968만 5천 달러 of deals made) is no amount of support in won.
_AMOUNT = re.compile(r"\d[\d,.]*\s*(?:[억만천]\s*(?:[\d,.]+\s*[만천]\s*)?)?원|\d[\d,.]*\s*(?:%|퍼센트|percent\b)|"
                     r"\d[\d,.]*\s*(?:million|billion|thousand)?\s*won\b", re.I)
# A number of people, companies or teams: 146명, 117개 기업, 12개사, 30곳, 5팀, 40 companies; not 1명당 (per person).
_COUNT = re.compile(r"\d[\d,]*\s*(?:명|곳|팀|개\s*(?:사|기업|업체|회사|팀|소)|개사)(?!\s*당)|"
                    r"\b\d[\d,]*\s+(?:companies|firms|people|persons|participants|teams|businesses|startups|SMEs)\b", re.I)
# A length of time: 2년간, 최대 2년, 3개월, 6주, 10일간, 2 years, 6 months (not a year such as 2025년, nor an age:
# 7 years old).
_DURATION = re.compile(r"(?<!\d)\d{1,2}\s*(?:년\s*(?:간|동안|까지)|개월|달|주\s*(?:간|동안)|일\s*(?:간|동안))|"
                       r"최대\s*\d{1,2}\s*년|\b\d{1,2}\s*(?:years?|months?|weeks?)\b(?!\s+old)", re.I)
# A year or a finer date: what says when something was or will be built (2030년 준공, completed in 2024).
_WHEN = re.compile(r"(?:19|20)\d\d\s*년|\b(?:19|20)\d\d\b")
_PERCENT = re.compile(r"\d[\d,.]*\s*(?:%|퍼센트|percent\b)", re.I)


@dataclass(frozen=True)
class Detail:
    """A thing people ask about (항공료): the words that ask it, and the wider ones that also answer it."""

    asked: tuple[str, ...]
    stated: tuple[str, ...]


@dataclass(frozen=True)
class Kind:
    """A kind of fact a question asks (how much, when, where): the words that ask it, the words that state one
    (besides what the numbers say), and words that make the question ask something else (`어디서 신청해요` asks
    how to apply, not a place)."""

    asked: tuple[str, ...]
    stated: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()


@dataclass(frozen=True)
class GistData:
    ko_ends: tuple[str, ...]
    en_opens: tuple[str, ...]
    answers: Mapping[str, Mapping[str, tuple[str, ...]]]  # aspect -> lang -> words
    details: tuple[Detail, ...]
    pointers: tuple[str, ...] = ()  # "최신 공고에서 확인해 주세요": a sentence that tells no fact
    amounts: Detail = Detail((), ())  # 얼마, how much; 절반, 전액 (besides a number of 원 or a %)
    amount_other: tuple[str, ...] = ()  # 기간, how long: an 얼마 that asks no amount of money
    not_this: tuple[str, ...] = ()  # "...는 진흥원 사업이 아니며": a sentence about another body's program
    costs: Detail = Detail((), ())  # 무료, 자부담, is it free; what a text says about costs
    general_aspects: tuple[str, ...] = ()  # the parts a general FAQ answers for every program
    invitations: tuple[str, ...] = ()  # "사업 이름을 적어 주시면": an FAQ's sentence that asks for the next message
    whole: tuple[str, ...] = ()  # 규모, 출자, fund: an amount of a program or fund as a whole
    each: tuple[str, ...] = ()  # 기업당, 최대, 월, up to, per: an amount someone receives
    other_bodies: tuple[str, ...] = ()  # "정부 ...", "The government's ...": a sentence about another body's program
    counts: Detail = Detail((), ())  # 몇 명, how many companies; `stated` holds the per-unit words (기업당, per company)
    events: tuple[str, ...] = ()  # 조성, 준공, built: a time asked that is no recruitment period
    durations: tuple[str, ...] = ()  # 몇 년, 얼마 동안, how long: a length asked, no recruitment period either
    # Kinds of fact a question asks (handlers/facts.py): kind -> the words that ask it, and the words that
    # state one (places, countries; amounts, counts and dates are read from their numbers).
    kinds: Mapping[str, Kind] = field(default_factory=dict)
    whole_asked: tuple[str, ...] = ()  # 규모, 예산, how big: asks the size of the whole, which a fund's size answers
    settings: tuple[str, ...] = ()  # 때, 경우: a word closing a clause of situation (평가할 때)
    generic: tuple[str, ...] = ()  # 비용, 사업: words any program writes, which say nothing of what is asked


@lru_cache(maxsize=1)
def data() -> GistData:
    """handlers/gist.yaml, read once."""
    with GIST_FILE.open(encoding="utf-8") as handle:
        raw: Mapping[str, Any] = yaml.safe_load(handle) or {}
    clauses = raw.get("clauses") or {}
    answers = {aspect: {lang: tuple(str(w) for w in words or ()) for lang, words in (by_lang or {}).items()}
               for aspect, by_lang in (raw.get("answers") or {}).items()}
    unknown = set(answers) - set(ASPECTS)
    if unknown:
        raise ValueError(f"{GIST_FILE}: answers for unknown aspects {sorted(unknown)}")
    details = tuple(Detail(tuple(str(w) for w in d.get("asked") or ()), tuple(str(w) for w in d.get("stated") or ()))
                    for d in raw.get("details") or ())
    general = raw.get("general") or {}
    unknown = set(general.get("aspects") or ()) - set(ASPECTS)
    if unknown:
        raise ValueError(f"{GIST_FILE}: general answers for unknown aspects {sorted(unknown)}")
    return GistData(tuple(clauses.get("ko_ends") or ()), tuple(clauses.get("en_opens") or ()), answers, details,
                    _by_langs(raw.get("pointers")), _detail(raw.get("amounts")),
                    tuple(str(w) for w in (raw.get("amounts") or {}).get("other") or ()),
                    _by_langs(raw.get("not_this")), _detail(raw.get("costs")),
                    tuple(str(a) for a in general.get("aspects") or ()), _by_langs(general.get("invitations")),
                    _by_langs((raw.get("amounts") or {}).get("whole")), _by_langs((raw.get("amounts") or {}).get("each")),
                    _by_langs((raw.get("amounts") or {}).get("other_bodies")),
                    Detail(tuple(str(w) for w in (raw.get("counts") or {}).get("asked") or ()),
                           tuple(str(w) for w in (raw.get("counts") or {}).get("each") or ())),
                    _by_langs(raw.get("events")), _by_langs(raw.get("durations")),
                    {str(kind): Kind(_by_langs(d.get("asked")), _by_langs(d.get("stated")), _by_langs(d.get("unless")))
                     for kind, d in (raw.get("kinds") or {}).items()},
                    _by_langs((raw.get("amounts") or {}).get("whole_asked")),
                    tuple(str(w) for w in raw.get("settings_ko") or ()), tuple(str(w) for w in raw.get("generic_ko") or ()))


def _detail(raw: Mapping[str, Any] | None) -> Detail:
    raw = raw or {}
    return Detail(tuple(str(w) for w in raw.get("asked") or ()), tuple(str(w) for w in raw.get("stated") or ()))


def _by_langs(raw: Mapping[str, Any] | None) -> tuple[str, ...]:
    """The words of a {ko: [...], en: [...]} map, both languages together (holds() tells them apart)."""
    return tuple(str(w) for lang in ("ko", "en") for w in (raw or {}).get(lang) or ())


# -- sentences and cuts ----------------------------------------------------------------------------

def sentences(text: str) -> list[str]:
    """The sentences of a text, each on one line."""
    return [" ".join(part.split()) for part in _SENTENCE_END.split(text.strip()) if part and part.strip()]


def clip(text: str, limit: int) -> str:
    """`text` on one line in at most `limit` characters: whole when it fits, else cut after a clause (a
    comma, a Korean clause ending, before an English clause word), else between words, and marked with …;
    inside a word only when the text has no space to cut at (a long name written without one)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    # Where the text may be cut: before a space, leaving room for the … within the limit.
    spaces = [i for i in range(1, limit) if text[i] == " "]
    clauses = [i for i in spaces if _ends_clause(text[:i], text[i + 1:])]
    cut = _last_from(clauses, limit * CLAUSE_FLOOR) or _last_from(spaces, limit * WORD_FLOOR)
    if cut is None:
        return text[:limit - 1].rstrip() + ELLIPSIS
    kept = _drop_open_bracket(text[:cut].rstrip(" ,;:·-–—("), limit)
    return kept + ELLIPSIS


def first_sentence(text: Text | str, lang: str, limit: int | None = None) -> str:
    """A text's first sentence, clipped to `limit` characters (whole without one)."""
    body = text if isinstance(text, str) else text.get(lang)
    found = sentences(body)
    if not found:
        return ""
    return clip(found[0], limit) if limit is not None else found[0]


def first_sentences(text: str, more: Sequence[str] = ()) -> list[str]:
    """A text's first sentence and those of `more` it holds, each whole, in the order written."""
    found = sentences(text)
    return [s for i, s in enumerate(found) if i == 0 or s in more]


def _ends_clause(before: str, after: str) -> bool:
    """Whether a clause ends between `before` and `after` (split at a space)."""
    words = data()
    last = before.rsplit(" ", 1)[-1]
    if last and last[-1] in ",;:":
        return True
    if any(last.endswith(end) and len(last) > len(end) for end in words.ko_ends):
        return True
    following = after.split(" ", 1)[0].lower()
    return following in words.en_opens


def _last_from(positions: list[int], floor: float) -> int | None:
    kept = [i for i in positions if i >= floor]
    return kept[-1] if kept else None


def _drop_open_bracket(kept: str, limit: int) -> str:
    """A cut inside brackets, "Center (Ministry of", loses the bracket's part where enough is left."""
    opened = kept.rfind("(")
    if opened > kept.rfind(")") and opened >= limit * WORD_FLOOR:
        return kept[:opened].rstrip(" ,;:·")
    return kept


# -- sentences that answer an aspect -----------------------------------------------------------------

def answering(program: Program, aspect: str, lang: str, count: int = 3) -> list[str]:
    """Up to `count` sentences of the program's other sections (its summary, then its aspects) that answer
    `aspect`, which it does not write: for a period, those with a date; for the others, those with the
    aspect's words (handlers/gist.yaml). In the order written, each once."""
    found: list[str] = []
    sections = [program.summary, *(text for name, text in program.aspects.items() if name != aspect)]
    for section in sections:
        for sentence in sentences(section.get(lang)):
            if sentence not in found and answers(sentence, aspect, lang):
                found.append(sentence)
    return found[:count]


def answers(sentence: str, aspect: str, lang: str) -> bool:
    """Whether a sentence says something about `aspect`: a date for a period, a phone number for a
    contact, or one of the aspect's words; never one that only sends the reader to the current notices."""
    if holds(sentence, data().pointers):
        return False
    if aspect == "period" and (_DATE_KO.search(sentence) or _MONTHS_EN.search(sentence)):
        return True
    if aspect == "contact" and _PHONE.search(sentence):
        return True
    by_lang = data().answers.get(aspect, {})
    return holds(sentence, by_lang.get("ko", ())) or holds(sentence, by_lang.get("en", ()))


# -- details the knowledge does not state ------------------------------------------------------------

def unstated_details(question: str, program: Program) -> list[str]:
    """The details the question names (항공료, 참가비) that nothing in the program's texts mentions, as the
    question wrote them; [] when it names none, or the texts mention each."""
    said: list[str] = []
    written = _program_words(program)
    question = point(question, program)
    for detail in data().details:
        asked = [w for w in detail.asked if says(question, w)]
        if asked and not holds(written, detail.asked + detail.stated):
            said.append(_as_written(question, max(asked, key=len)))
    flat = _flat(question)
    return sorted(dict.fromkeys(said), key=lambda word: flat.find(_flat(word)))  # in the question's order


def point(question: str, program: Program) -> str:
    """The question less its clauses of situation (`시제품 평가할 때`, `통역 필요한데`) where the clause that asks
    (a sentence's last) names something the program's texts write besides its name (대학 장비 of an equipment
    text): a detail named in the situation is the setting, and the card answers what is asked. Otherwise
    the question as it is (`항공료 지원받으려면 어떻게 해요`: the asking clause names nothing, the detail is
    the point)."""
    kept: list[str] = []
    body = _flat(" ".join(v for t in (program.summary, *program.aspects.values()) for _, v in t.values))
    names = sorted({_flat(n) for n in (*(v for _, v in program.name.values), *program.aliases) if n.strip()},
                   key=len, reverse=True)
    for sentence in focus_sentences(question) or [question]:
        clauses = _situation_clauses(sentence)
        last = clauses[-1] if clauses else sentence
        kept.append(last if len(clauses) > 1 and _names_written(last, body, names) else sentence)
    return " ".join(kept)


def _situation_clauses(sentence: str) -> list[str]:
    """A sentence cut after each word ending with a connective (-려면, -는데) or at a word of situation (때)."""
    connectives = _grammar().connectives
    settings = data().settings
    clauses: list[str] = []
    current: list[str] = []
    for word in sentence.split():
        current.append(word)
        bare = word.rstrip(",.?!")
        if bare in settings or any(bare.endswith(c) and len(bare) > len(c) for c in connectives):
            clauses.append(" ".join(current))
            current = []
    if current:
        clauses.append(" ".join(current))
    return clauses


def _names_written(clause: str, body: str, names: Sequence[str]) -> bool:
    """Whether a clause names something the program's texts (`body`, flat) write: a word of two syllables or more
    (its longest start of two or more the texts hold) that is no generic word and not part of the program's
    name or an alias the clause writes (the program named is what chose it, not what is asked of it)."""
    flat = _flat(clause)
    for name in names:
        flat = flat.replace(name, " ")
    generic = (*data().generic, *(w for by_lang in data().answers.values() for w in by_lang.get("ko", ())))
    for token in _plain(clause).split():
        token = token.strip(",.?!")
        if not _is_korean(token) or _flat(token) not in flat:
            continue
        for size in range(len(token), 1, -1):
            start = token[:size]
            if start in body:
                if not any(start.startswith(g) or g.startswith(start) for g in generic):
                    return True
                break
    return False


def _program_words(program: Program) -> str:
    texts: Sequence[Text] = [program.name, program.summary, *program.aspects.values()]
    return " ".join([*(v for t in texts for _, v in t.values), *program.aliases])


def _as_written(question: str, word: str) -> str:
    """The word as the question has it (its case), else as listed."""
    found = re.search(re.escape(word), question, re.I)
    return found.group(0) if found else word


# -- money the texts do not state --------------------------------------------------------------------

@dataclass(frozen=True)
class Gaps:
    """What a question asks that the program's texts do not say, for the line that opens its card."""

    details: tuple[str, ...] = ()  # details named that nothing mentions (항공료), as the question wrote them
    cost: bool = False  # asks whether taking part costs anything; nothing in the texts says
    amount: bool = False  # asks how much; the support text states no amount someone receives
    amount_of: str = ""  # the detail whose amount is asked (임대료 얼마예요), as written; "" for the support
    amount_whole: tuple[str, ...] = ()  # ...but amounts of the whole ("whole": a fund's size) or of "other" bodies
    count: str = ""  # asks how many ("each": per company) and no sentence states such a number; "" otherwise
    event: str = ""  # asks when something is built or opened (조성), as written, and no sentence dates it
    duration: bool = False  # asks how long (몇 년 있을 수 있어요) and no sentence states a length of time
    other_time: str = ""  # "event" or "length": asks a time that is no recruitment period, stated or not

    def __bool__(self) -> bool:
        return bool(self.details) or self.cost or self.amount or bool(self.count) or bool(self.event) or self.duration


def gaps(question: str, program: Program, aspect: str) -> Gaps:
    """What `question` asks of `program` that its texts leave out: details (unstated_details), whether it
    costs anything (`무료인가요?`), and how much (`얼마나 받을 수 있어요?`, asked of its support or of the
    program as a whole; `얼마나 걸려요` asks a period and is left to it)."""
    words = data()
    asked = asking_part(question)
    details = tuple(unstated_details(asked, program))
    money = aspect in ("", "summary", "support")  # 얼마나 걸려요 is a period's; 뭐 내야 돼요, an application's
    cost = money and holds(asked, words.costs.asked) and not states_cost(program)
    stated = amounts_stated(program)
    # 얼마 규모예요 asks the size of the whole: a fund's size answers it, and no line says otherwise, wherever
    # the program writes it (총사업비는 950억 원 in the summary of a program whose support text has no amount).
    whole = holds(asked, words.whole_asked) and "whole" in (stated | amounts_stated(program, everywhere=True))
    amount = (money and asks_amount(asked) and not holds(asked, words.amount_other)
              and "each" not in stated and not whole)
    # The thing whose amount is asked (임대료 얼마예요), unless it is what the program is (시제품 제작 지원)
    names = " ".join([*(v for _, v in program.name.values), *program.aliases])
    named = [_as_written(asked, max(found, key=len)) for d in words.details
             if (found := [w for w in d.asked if says(asked, w)]) and not holds(names, found)]
    return Gaps(details, cost, amount, named[0] if amount and named else "",
                tuple(k for k in ("whole", "other") if k in stated) if amount else (),
                _count_gap(asked, program) if money else "", *_time_gaps(asked, program, aspect))


def asks_amount(question: str) -> bool:
    """Whether a question asks an amount of money (gist.yaml `amounts.asked`): `얼마예요`, `금액`, `how much`,
    and `얼마나` unless a verb of quantity, size or time follows it (`하루에 얼마나 생산해요`: a quantity produced;
    `얼마나 커요`; intents/lexicon/aspects.yaml `grammar.degree`).
    Read word by word as typed: `얼마 나와요` is 얼마 and 나와요, not 얼마나."""
    asked = data().amounts.asked
    if not holds(question, asked):
        return False
    words = _plain(question).split()
    grammar = _grammar()
    for word in asked:
        if not _is_korean(word):
            if holds(question, (word,)):
                return True
            continue
        for index, token in enumerate(words):
            at = token.find(word)
            while at >= 0:
                if grammar.asks_money(words, index, at):
                    return True
                at = token.find(word, at + 1)
    return False


@lru_cache(maxsize=1)
def _grammar() -> AspectGrammar:
    return AspectGrammar.load()


def degree_words() -> tuple[str, ...]:
    """얼마나, 얼만큼: the words that ask money only where no verb of quantity or size follows."""
    return _grammar().degree_ko


def _time_gaps(asked: str, program: Program, aspect: str) -> tuple[str, bool, str]:
    """Of a period asked: the event asked and undated (_event_gap), whether a length asked is stated nowhere,
    and which time that is no recruitment period it asks ("event", "length" or "")."""
    if aspect != "period":
        return "", False, ""
    event = _event_gap(asked, program)
    length = not holds(asked, data().events) and holds(asked, data().durations)
    stated = length and any(_DURATION.search(s) for s in _program_sentences(program))
    return event, length and not stated, "length" if length else "event" if holds(asked, data().events) else ""


def lengths(program: Program, lang: str, count: int = 3) -> list[str]:
    """Up to `count` sentences of the program's texts stating a length of time (기본 3년, 최대 20년까지; 6
    months), in the order written: what answers `몇 년 있을 수 있어요` wherever the program writes it."""
    found: list[str] = []
    for section in (program.summary, *program.aspects.values()):
        for sentence in sentences(section.get(lang)):
            if sentence not in found and _DURATION.search(sentence) and not holds(sentence, data().pointers):
                found.append(sentence)
    return found[:count]


def says_amount(sentence: str) -> bool:
    """Whether a sentence states an amount of money or a share (150만 원, 80%, 1.5 million won)."""
    return bool(_AMOUNT.search(sentence))


def states_date(sentence: str) -> bool:
    """Whether a sentence states a date finer than a year (11월, 5~7일, 2025.11.5, 5 November)."""
    return bool(_DATE_KO.search(sentence) or _MONTHS_EN.search(sentence))


def states_count(sentence: str) -> bool:
    """Whether a sentence states a number of people, companies or teams (146명, 117개 기업, 40 companies)."""
    return bool(_COUNT.search(sentence))


def _program_sentences(program: Program) -> list[str]:
    """Every sentence of the program's summary and parts, in every language."""
    return [sentence for text in (program.summary, *program.aspects.values()) for _, value in text.values
            for sentence in sentences(value)]


def _count_gap(asked: str, program: Program) -> str:
    """"each" where the question asks how many per company (기업당 몇 명까지) and no sentence states a number
    with such a unit; "all" where it asks how many (몇 명 뽑아요) and no sentence states a number of people,
    companies or teams at all; "" otherwise."""
    counts = data().counts
    if not holds(asked, counts.asked):
        return ""
    found = [s for s in _program_sentences(program) if _COUNT.search(s)]
    if holds(asked, counts.stated):
        return "" if any(holds(s, counts.stated) for s in found) else "each"
    return "" if found else "all"


def _event_gap(asked: str, program: Program) -> str:
    """The word as the question wrote it where it asks when something is built or opened (언제 조성돼요) and
    no sentence of the program holds such a word with a year or date; "" otherwise."""
    events = data().events
    asked_words = [w for w in events if holds(asked, (w,))]
    if not asked_words:
        return ""
    if any(holds(s, events) and (_WHEN.search(s) or _DATE_KO.search(s) or _MONTHS_EN.search(s))
           for s in _program_sentences(program)):
        return ""
    return _as_written(asked, max(asked_words, key=len))


def asks(question: str, aspect: str) -> bool:
    """Whether the asking part of `question` holds a word of `aspect` (gist.yaml `answers`, either
    language): `전화번호 좀 알려주세요` asks a contact."""
    by_lang = data().answers.get(aspect, {})
    asked = asking_part(question)
    return holds(asked, by_lang.get("ko", ())) or holds(asked, by_lang.get("en", ()))


def asking_part(question: str) -> str:
    """The message less the statements before its question: `교육비가 만만치 않네요. 신청은 어떻게 하나요?`
    asks how to apply, not what it costs (intents/focus.py finds the question). What follows the question
    (`참가비 지원되나요? 항공료 같은거`) stays: it says more of what is asked."""
    parts = focus_sentences(question)
    if len(parts) < 2:
        return question
    first = asking_index(parts)
    return " ".join(p for i, p in enumerate(parts) if i >= first or is_asking(p))


def states_cost(program: Program) -> bool:
    """Whether the program's texts say anything about what taking part costs: a cost word (무료, 자부담,
    참가비, fee) or a share paid (80%)."""
    written = _program_words(program)
    return holds(written, data().costs.stated) or bool(_PERCENT.search(written))


def states_amount(program: Program) -> bool:
    """Whether the program's support text (all its texts where it has none) states an amount someone
    receives: a number of 원 or a %, or a word such as 절반, 전액; not in a sentence about another body's
    program, nor only the size of a fund or of the program as a whole (amounts_stated)."""
    return "each" in amounts_stated(program)


def amounts_stated(program: Program, everywhere: bool = False) -> frozenset[str]:
    """The kinds of amount the program's support text (all its texts where it has none) states, in any
    language: "each" (what someone receives, or a share: 기업당 한도 100만 원, 80%; also any amount that does
    not say it is a whole), "whole" (a fund's or the program's size only: `200억 원 규모`, `10억 원을 출자`)
    and "other" (of another body's program: `정부의 예비창업패키지(최대 1억 원)는 진흥원 사업이 아니며`).
    Each language is read alone; "each" holds where every language that states an amount states one so
    (a translation that leaves out 규모 says no more than the Korean). `everywhere`: all its texts always."""
    support = program.aspect("support")
    sections: Sequence[Text] = [support] if support and not everywhere else [program.summary, *program.aspects.values()]
    words = data()
    by_lang: dict[str, set[str]] = {}
    for section in sections:
        for lang, text in section.values:
            for sentence in sentences(text):
                if not (_AMOUNT.search(sentence) or holds(sentence, words.amounts.stated)):
                    continue
                found = by_lang.setdefault(lang, set())
                if holds(sentence, words.not_this) or _opens(sentence, words.other_bodies):
                    found.add("other")
                elif holds(sentence, words.whole) and not holds(sentence, words.each):
                    found.add("whole")
                else:
                    found.add("each")
    kinds = set().union(*by_lang.values()) if by_lang else set()
    if not all("each" in found for found in by_lang.values()):
        kinds.discard("each")
    return frozenset(kinds)


def _opens(sentence: str, openings: Sequence[str]) -> bool:
    """Whether a sentence begins with one of `openings` (case and spaces aside)."""
    flat = _flat(sentence)
    return any(flat.startswith(_flat(o)) for o in openings)


# -- general answers for every program ---------------------------------------------------------------

def general_faqs(kb: KnowledgeBase, faq_aspects: Mapping[str, str]) -> dict[str, Faq]:
    """The FAQs that answer a part for all the knowledge base's programs: for each aspect of
    gist.yaml `general.aspects`, the first FAQ `faq_aspects` (FAQ id -> the one aspect all its questions ask,
    of no area and no program: intents/context.py) gives it; for "cost", the first FAQ of no area whose
    questions name no program and mostly ask a cost (`자부담금 있나요`, `is it free to join your programs`)."""
    words = data()
    found: dict[str, Faq] = {}
    for faq in kb.faqs:
        aspect = faq_aspects.get(faq.id)
        if aspect in words.general_aspects:
            found.setdefault(aspect, faq)
        elif "cost" not in found and _asks_costs(faq, kb):
            found["cost"] = faq
    return found


def _asks_costs(faq: Faq, kb: KnowledgeBase) -> bool:
    if faq.area is not None or len(faq.questions) < 2:
        return False
    asking = sum(holds(q, data().costs.asked) for q in faq.questions)
    return 2 * asking >= len(faq.questions) and not any(_names_program(q, kb) for q in faq.questions)


def _names_program(question: str, kb: KnowledgeBase) -> bool:
    flat = _flat(question)
    return any(len(key) >= 2 and key in flat
               for program in kb.programs
               for key in (_flat(n) for n in (*(v for _, v in program.name.values), *program.aliases)))


def general_text(faq: Faq, lang: str) -> str:
    """An FAQ's answer as said inside a program's card: without the sentences that invite the next message
    (`관심 있는 사업 이름을 적어 주시면 ...`)."""
    kept = [s for s in sentences(faq.answer.get(lang)) if not holds(s, data().invitations)]
    return " ".join(kept)


# -- matching words ----------------------------------------------------------------------------------

def holds(text: str, words: Sequence[str]) -> bool:
    """Whether `text` holds one of `words`: a Korean word anywhere with spaces ignored, any other word
    whole (case ignored)."""
    flat = _flat(text)
    lowered = _plain(text)
    for word in words:
        if _is_korean(word):
            if _flat(word) in flat:
                return True
        elif re.search(r"(?<![a-z0-9])" + re.escape(_plain(word)) + r"(?![a-z0-9])", lowered):
            return True
    return False


def says(question: str, word: str) -> bool:
    """Whether a question names `word`: a Korean word of one piece within one of its words (대출이자, 이자는),
    not across two (`불량이 자꾸` holds 이자 only once its spaces are gone); else as `holds` reads it."""
    if _is_korean(word) and " " not in word.strip():
        return any(_flat(word) in token for token in _plain(question).split())
    return holds(question, (word,))


def _plain(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


def _flat(text: str) -> str:
    return "".join(_plain(text).split())


def _is_korean(word: str) -> bool:
    return any("\uac00" <= ch <= "\ud7a3" for ch in word)

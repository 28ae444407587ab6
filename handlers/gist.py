"""The knowledge's texts read sentence by sentence, for answers that say what the knowledge knows.

    clip("... 창업 교육, 멘토링, 사업화를 상시 지원하며, 정부 예비창업패키지 ...", 60)
        -> "... 창업 교육, 멘토링, 사업화를 상시 지원하며…"     (cut at a clause, never inside a word)
    answering(program, "period", "ko")   # a program with no `period:` asked 언제 해요?
        -> ["2025년 11월 5~7일에는 창원시가 ... 1:1 상담회를 열었습니다."]   (from its `support:`)
    unstated_details("참가비 지원되나요? 항공료 같은거", program)
        -> ["참가비", "항공료"]     (named in the question, mentioned nowhere in the program's texts)

Pure functions over knowledge/model.py's objects; the words are language data in handlers/gist.yaml.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping, Sequence

import yaml

from knowledge.model import ASPECTS, Program, Text

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


@dataclass(frozen=True)
class Detail:
    """A thing people ask about (항공료): the words that ask it, and the wider ones that also answer it."""

    asked: tuple[str, ...]
    stated: tuple[str, ...]


@dataclass(frozen=True)
class GistData:
    ko_ends: tuple[str, ...]
    en_opens: tuple[str, ...]
    answers: Mapping[str, Mapping[str, tuple[str, ...]]]  # aspect -> lang -> words
    details: tuple[Detail, ...]
    pointers: tuple[str, ...] = ()  # "최신 공고에서 확인해 주세요": a sentence that tells no fact


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
    pointers = tuple(str(w) for lang in ("ko", "en") for w in (raw.get("pointers") or {}).get(lang) or ())
    return GistData(tuple(clauses.get("ko_ends") or ()), tuple(clauses.get("en_opens") or ()), answers, details,
                    pointers)


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


def first_sentence(text: Text | str, lang: str, limit: int) -> str:
    """A text's first sentence, clipped to `limit` characters."""
    body = text if isinstance(text, str) else text.get(lang)
    found = sentences(body)
    return clip(found[0], limit) if found else ""


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
    for detail in data().details:
        asked = [w for w in detail.asked if holds(question, (w,))]
        if asked and not holds(written, detail.asked + detail.stated):
            said.append(_as_written(question, max(asked, key=len)))
    flat = _flat(question)
    return sorted(dict.fromkeys(said), key=lambda word: flat.find(_flat(word)))  # in the question's order


def _program_words(program: Program) -> str:
    texts: Sequence[Text] = [program.name, program.summary, *program.aspects.values()]
    return " ".join([*(v for t in texts for _, v in t.values), *program.aliases])


def _as_written(question: str, word: str) -> str:
    """The word as the question has it (its case), else as listed."""
    found = re.search(re.escape(word), question, re.I)
    return found.group(0) if found else word


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


def _plain(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


def _flat(text: str) -> str:
    return "".join(_plain(text).split())


def _is_korean(word: str) -> bool:
    return any("\uac00" <= ch <= "\ud7a3" for ch in word)

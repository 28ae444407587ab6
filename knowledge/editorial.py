"""Notes to editors left in the texts people read, for `python bot.py check`.

Whoever writes the knowledge from its sources leaves notes beside a fact: `1357 (2014년 기준)` next to a
number, `(주소는 확인된 출처가 없어 싣지 않았습니다)` where an address is missing, `(연도 미상 보도)` after a
figure. The bot prints every text as written, so such a note reaches the person asking. Dates and sources
have fields of their own (`as_of:`, `source:`, shown under each card in one line, never as its body); what
the person should know is said to them in a sentence. A bracket holding a word of knowledge/lint/editorial.yaml
is reported as a warning, with the item's line; a date in brackets is left alone.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import yaml

from knowledge.model import Faq, Intent, KnowledgeBase, Program, Referral, Text

WORDS_FILE = Path(__file__).parent / "lint" / "editorial.yaml"
_BRACKET = re.compile(r"[(（]([^()（）]{1,200})[)）]")
SHOWN = 60  # characters of a note quoted in a warning


@lru_cache(maxsize=1)
def _words() -> tuple[tuple[str, ...], re.Pattern[str] | None]:
    """(Korean words without spaces, one pattern of the English words as whole words)."""
    with WORDS_FILE.open(encoding="utf-8") as handle:
        notes = (yaml.safe_load(handle) or {}).get("notes") or {}
    english = [re.escape(str(w).lower()) for w in notes.get("en") or ()]
    pattern = re.compile(r"(?<![a-z0-9])(?:" + "|".join(english) + r")(?![a-z0-9])") if english else None
    return tuple(str(w).replace(" ", "") for w in notes.get("ko") or ()), pattern


def is_note(inside: str) -> bool:
    """Whether a bracket's content reads as a note to editors."""
    korean, english = _words()
    plain = " ".join(unicodedata.normalize("NFKC", inside).lower().split())
    flat = plain.replace(" ", "")
    return any(word in flat for word in korean) or bool(english and english.search(plain))


def _shown_texts(kb: KnowledgeBase) -> Iterable[tuple[Program | Faq | Referral | Intent, str, Text]]:
    """Every text a card prints as its body, with the item and the field it is under."""
    for program in kb.programs:
        yield program, "name", program.name
        yield program, "summary", program.summary
        for aspect, text in program.aspects.items():
            yield program, aspect, text
    for faq in kb.faqs:
        yield faq, "answer", faq.answer
    for referral in kb.referrals:
        yield referral, "name", referral.name
        yield referral, "answer", referral.answer
        yield referral, "contact", referral.contact
    for intent in kb.intents:
        if intent.reply is not None:
            yield intent, "reply", intent.reply


def editorial_warnings(kb: KnowledgeBase) -> list[tuple[str, int, str, str]]:
    """(file, line, message, hint) for each note to editors in a text people read."""
    found = []
    for item, field, text in _shown_texts(kb):
        for lang, value in text.values:
            for match in _BRACKET.finditer(value):
                if not is_note(match.group(1)):
                    continue
                note = match.group(0) if len(match.group(0)) <= SHOWN else match.group(0)[:SHOWN - 1] + "…"
                found.append((item.source.file if item.source else "?", item.source.line if item.source else 0,
                              f"{field} ({lang}) of {item.kind} '{item.id}' holds a note to editors: {note}",
                              "people read this text as written: say it to them in a sentence, or keep the "
                              "date in as_of: and the source in source:"))
    return found

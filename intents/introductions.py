"""A greeting followed by who the asker is, with nothing asked yet, is a greeting.

`안녕하세요 저는 창원에서 작은 부품회사 운영하는 김대표입니다` or `hello im new here, I run a cafe` opens a conversation:
an officer greets back and asks how to help. Read as a question, the introduction's words (부품회사, cafe) matched
nothing well and the asker was told that no answer was found, or offered programs they had not asked about.

Where the matcher gives no answer, a message that opens with a greeting (the lexicon's opening phrases), then
speaks of the asker (저는, 저희, I am, we run: intents/lexicon/introductions.yaml) and neither asks (a question mark,
word or ending: intents/focus.py) nor wants anything (싶어요, 필요, need, looking for) is answered as its greeting
alone: the agency's own greeting intent, whatever it is called. An answer the matcher found is kept (`안녕하세요,
전역한 예비창업자입니다` gets the pre-founder program): the introduction then named what the asker is after.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from intents.decision import Decision
from intents.focus import is_asking
from intents.lexicon import LEXICON_DIR, read_yaml
from knowledge.model import Program, Referral

if TYPE_CHECKING:
    from intents.matcher import Matcher

GREETING_WORDS = 3  # a greeting phrase opening a message is at most this many words


@dataclass(frozen=True)
class Introductions:
    self_ko: tuple[str, ...]
    self_en: tuple[str, ...]
    wants_ko: tuple[str, ...]
    wants_en: tuple[str, ...]
    copula_endings: tuple[str, ...]

    @classmethod
    def load(cls, path: Path = LEXICON_DIR / "introductions.yaml") -> "Introductions":
        data = read_yaml(path) or {}

        def words(key: str) -> tuple[str, ...]:
            return tuple(str(w).lower() for w in data.get(key) or [])
        return cls(words("self_ko"), words("self_en"), words("wants_ko"), words("wants_en"),
                   tuple(w.replace(" ", "") for w in words("copula_endings")))

    def greeting_of(self, text: str, openings: frozenset[str]) -> str | None:
        """The greeting that opens `text` followed by an introduction that asks and wants nothing, or None."""
        words = text.split()
        for size in range(min(GREETING_WORDS, len(words) - 1), 0, -1):
            if _plain(" ".join(words[:size])) in openings:
                rest = " ".join(words[size:])
                return " ".join(words[:size]) if self.introduces(rest) else None
        return None

    def introduces(self, rest: str) -> bool:
        """Whether `rest` speaks of the asker and neither asks nor wants anything."""
        if not rest.strip() or is_asking(rest):
            return False
        plain = f" {_plain(rest)} "
        korean = plain.replace(" ", "")
        if any(w in korean for w in self.wants_ko) or any(f" {w} " in plain for w in self.wants_en):
            return False
        return any(f" {w}" in plain for w in self.self_ko) or any(f" {w} " in plain for w in self.self_en) \
            or korean.endswith(self.copula_endings)


def _plain(text: str) -> str:
    """Lower case, punctuation as spaces, one space between words; an apostrophe is kept (i'm)."""
    return " ".join(re.sub(r"[^\w\s']", " ", text.lower()).split())


@functools.lru_cache(maxsize=1)
def introductions() -> Introductions:
    return Introductions.load()


def introduced(matcher: "Matcher", text: str, decision: Decision, lang: str | None) -> Decision:
    """`decision`, or the greeting the message opens with where it only says who the asker is. An answer stands
    where the message names its item (a name or alias: `무역사절단에 참가했던 회사입니다`); one found through a word of
    the introduction alone (`선박 부품 만드는 회사 대표입니다` -> an aircraft-parts program) does not."""
    if decision.area is not None or (decision.kind == "answer" and _names(matcher, decision.id or "", text)):
        return decision
    greeting = introductions().greeting_of(text, matcher.lexicon.openings)
    if greeting is None:
        return decision
    greeted = matcher.match(greeting, lang, semantic=False)
    return greeted if greeted.kind == "answer" else decision


def _names(matcher: "Matcher", item_id: str, text: str) -> bool:
    """Whether `text` writes the item's name (in a language) or one of its aliases, spaces aside."""
    item = matcher.kb.get(item_id)
    if not isinstance(item, (Program, Referral)):
        return True  # an intent (help, a person) or an FAQ has no name to check: its answer stands
    compact = "".join(text.lower().split())
    names = [value for _, value in item.name.values] + list(item.aliases)
    return any("".join(name.lower().split()) in compact for name in names if name)

"""Body evidence: the words of a program's own texts (who may apply, what it gives, how and when to apply) as
thin evidence beside its names, aliases and questions.

A paraphrase often uses a word that only a program's body writes (`비행기 값` for a trade mission whose support
text names the flights). Indexing those texts like the names was measured and failed: their words stopped
counting as unknown, so out-of-scope questions sharing one of them came in, and neighbours gained credit from
incidental words of long texts. Here the body is read with the analyser as it stands (its words are *not*
learned: a word the names and questions never write stays unknown to the scope checks and keeps its full
weight against every item) and each of its words gives an item a thin credit:

- only a fraction (`credit`) of what a name or question word gives, scaled by how distinctive the word is among
  the programs' bodies (a word in more than `spread` of them is worth nothing: 공고, 기업, 지원);
- never numbers, dates, places, units, aspect cues, question words or words generic to the programs' names:
  what out-of-scope near misses share with a program;
- at most `cap` of the question's weight per item, and only for an item that already explains part of the
  question's topic by its other words (matcher.py `rank`): body words alone never make a candidate.

The numbers are in intents/lexicon/body.yaml.

**Confirmation in the fusion** (`confirms`, matcher.py `_fuse`). Where the model's nearest item is the fused
first and the lexical matcher has it among its first three, yet the fused score stays under the bar, a word of
the question that no name, alias or question of any item writes but that item's own body does (`bodies`) is
evidence the question is about that item: an out-of-scope near miss shares the item's topic word, but its
other words are not in the item's body.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence, TypeVar

import yaml

from intents.analyzer import UNKNOWN_PREFIX
from intents.lexicon import checked_numbers
from knowledge.model import KnowledgeBase

T = TypeVar("T")
BODY_FILE = Path(__file__).resolve().parent / "lexicon" / "body.yaml"
BODY_ASPECTS = ("eligibility", "support", "apply", "period")  # contact: phone numbers and offices, no topic


@dataclass(frozen=True)
class BodySettings:
    credit: float = 0.0  # a body word's credit for an item, relative to a name or question word (1.0)
    cap: float = 0.15  # at most this share of a question's weight explained by body words, per item
    spread: float = 0.1  # a word in more than this share of the programs' bodies is worth nothing
    min_programs: int = 4  # fewer programs than this: no body evidence (distinctiveness cannot be told)


def load_body_settings(path: Path = BODY_FILE) -> BodySettings:
    with path.open(encoding="utf-8") as handle:
        raw = yaml.safe_load(handle) or {}
    return BodySettings(**checked_numbers(BodySettings, raw.get("numbers") or {}, path))


def body_texts(kb: KnowledgeBase) -> dict[str, list[str]]:
    """Program id -> its body texts in every language (summary aside: it is weak evidence already)."""
    out: dict[str, list[str]] = {}
    for program in kb.programs:
        out[program.id] = [value for aspect in BODY_ASPECTS if (text := program.aspect(aspect)) is not None
                           for _, value in text.values if value.strip()]
    return out


def plain_term(term: str, ignored: Callable[[str], bool]) -> bool:
    """Whether a body term says nothing of what a program is about: a number or date, a lone syllable left
    unknown (an ending's leftover; a known one such as 돈 names something), or a word the caller ignores
    (places, units, cues, generic words)."""
    unknown = term.startswith(UNKNOWN_PREFIX)
    word = term[len(UNKNOWN_PREFIX):] if unknown else term
    if len(word) < (2 if unknown or word.isascii() else 1) or any(ch.isdigit() for ch in word):
        return True
    return ignored(word) or ignored(term)


def bodies(texts: Mapping[str, Sequence[T]], analyse: Callable[[T], Iterable[str]],
           ignored: Callable[[str], bool]) -> dict[str, frozenset[str]]:
    """Program id -> the terms of its body texts that may say what it is about (`plain_term` aside). A text
    may come analysed already (`analyse` then only hands its terms on)."""
    return {pid: frozenset(t for text in found for t in analyse(text) if not plain_term(t, ignored))
            for pid, found in texts.items()}


def own_words(found: dict[str, frozenset[str]], settings: BodySettings) -> dict[str, frozenset[str]]:
    """Program id -> the words of its body that few bodies write (at most `spread` of them): what tells it from
    the others (a program's 발표, 최신 or current are every program's). None with fewer than `min_programs`."""
    if len(found) < max(settings.min_programs, 2):
        return {}
    df: dict[str, int] = defaultdict(int)
    for words in found.values():
        for word in words:
            df[word] += 1
    most = settings.spread * len(found)
    return {pid: frozenset(w for w in words if df[w] <= most) for pid, words in found.items()}


def confirms(topic: Iterable[str], body: frozenset[str], own: Callable[[str], bool]) -> bool:
    """Whether a topic word of a question that the item's names and questions lack (`own` false) is written by
    the item's body, two letters or more (`body` holds no word any item's names or questions write)."""
    return any(t in body and not own(t) and len(t.removeprefix(UNKNOWN_PREFIX)) >= 2 for t in topic)


def body_credits(texts: dict[str, list[str]], analyse: Callable[[str], Iterable[str]],
                 ignored: Callable[[str], bool], settings: BodySettings) -> dict[str, dict[str, float]]:
    """Program id -> {term: credit} of the words of its body, each `credit` times its distinctiveness among
    the programs' bodies (1 for a word one body writes, falling with log(N / programs writing it) to 0 at
    `spread` of them). `analyse` is the matcher's analyser (text -> terms, unknown words prefixed)."""
    if settings.credit <= 0 or len(texts) < max(settings.min_programs, 2):
        return {}
    terms = bodies(texts, analyse, ignored)
    df: dict[str, int] = defaultdict(int)
    for found in terms.values():
        for term in found:
            df[term] += 1
    n = len(texts)
    most = settings.spread * n
    out: dict[str, dict[str, float]] = {}
    for pid, found in terms.items():
        credits = {t: settings.credit * math.log(n / df[t]) / math.log(n) for t in found if df[t] <= most}
        out[pid] = {t: c for t, c in credits.items() if c > 0}
    return out

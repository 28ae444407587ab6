"""A message cut into its parts: sentences, and the clauses a connective joins, each to be matched alone.

intents/sentences.py cuts a story into units for the story readings (a run-on into clauses only where it has
no punctuation). Where the whole message does not decide (intents/parts.py), each part is tried alone, so
the cut here is finer: every sentence (., ?, !, a line break, `;`) into its clauses, after a Korean clause
ending (`...는데`, `...거든요`), after a connective ending followed by a comma (`궁금하고,`, `없어서,`),
before a Korean connective word (`그리고`, `또`, `근데`) and before an English one (`and also`, `also`) or
an English asking opener (`is there`). `견적 받으려면 어떻게 해요? 그리고 교육도 있나요` is two parts,
each a question of its own. The words are language data in intents/lexicon/story.yaml (`parts`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from intents.focus import is_asking, sentences
from intents.sentences import STORY_FILE

_TRIM = ",~.?!。？！…\"'()"
_QUESTION_MARK = re.compile(r"[?？]")


@dataclass(frozen=True)
class PartWords:
    """story.yaml `parts`: where a message is cut into parts, and how a part asks."""

    ends_ko: tuple[str, ...] = ()  # a word so ended closes a clause (...는데, ...거든요)
    comma_ends_ko: tuple[str, ...] = ()  # a word so ended and followed by a comma closes one (...하고, ...어서,)
    opens_ko: tuple[str, ...] = ()  # a word that starts a new clause (그리고, 또, 근데)
    opens_en: tuple[tuple[str, ...], ...] = ()  # words that start a new clause (and also, also, is there)
    pointers: tuple[str, ...] = ()  # words pointing at what another part named (there, 거기서), beside story.yaml's
    not_pointers: tuple[str, ...] = ()  # is there, there are: `there` pointing at nothing
    most_parts: int = 8  # parts tried at most (the last ones: the question is mostly at the end)
    both_ko: tuple[str, ...] = ()  # 둘 다: two things asked at once (both_asked), spaces removed
    and_ko: tuple[str, ...] = ()  # 이랑, 랑: the particle joining the first thing to the second
    and_words_ko: tuple[str, ...] = ()  # 및: a word joining them
    both_en: tuple[str, ...] = ()  # both


def load_part_words(path: Path = STORY_FILE) -> PartWords:
    with path.open(encoding="utf-8") as handle:
        raw = (yaml.safe_load(handle) or {}).get("parts") or {}

    def words(key: str) -> tuple[str, ...]:
        return tuple(sorted({str(w).lower() for w in raw.get(key) or ()}, key=len, reverse=True))

    return PartWords(ends_ko=words("ends_ko") + words("sentence_ends_ko"), comma_ends_ko=words("comma_ends_ko"),
                     opens_ko=words("opens_ko"),
                     opens_en=tuple(tuple(w.split()) for w in words("opens_en")),
                     pointers=tuple(f"{w} " for w in words("pointers")),
                     not_pointers=words("not_pointers"), most_parts=int(raw.get("most_parts", 8)),
                     both_ko=tuple(w.replace(" ", "") for w in words("both_ko")), and_ko=words("and_ko"),
                     and_words_ko=words("and_words_ko"), both_en=words("both_en"))


WORDS = load_part_words()


@dataclass(frozen=True)
class Part:
    """One sentence or clause of a message, and whether it asks (a question mark, a question word or an
    asking ending: intents/focus.py `is_asking`)."""

    text: str
    asks: bool
    marked: bool  # it holds a question mark: it asks for certain


def split(text: str, words: PartWords = WORDS) -> tuple[Part, ...]:
    """The parts of `text`, in order: its sentences cut into clauses. One part where nothing cuts it."""
    pieces: list[str] = []
    for sentence in sentences(text):
        for chunk in sentence.split(";"):
            pieces.extend(_clauses(chunk.split(), words))
    parts = tuple(_part(p) for p in pieces if p.strip(_TRIM + " "))
    return parts[-words.most_parts:]


def _part(text: str) -> Part:
    marked = bool(_QUESTION_MARK.search(text))
    return Part(text, marked or is_asking(text), marked)


def _clauses(tokens: list[str], words: PartWords) -> list[str]:
    out: list[list[str]] = [[]]
    covered = 0  # the words of an English opener already begun (`and also`: `also` opens nothing new)
    opening = 0  # how many words of the part so far are connectives (`and also | is there`: one part)
    for index, token in enumerate(tokens):
        lowered = token.lower()
        bare = lowered.strip(_TRIM)
        opener = next((len(o) for o in words.opens_en if _at(tokens, index, o)), 0) if index >= covered else 0
        covered = index + opener if opener else covered
        opens = bare in words.opens_ko or bool(opener)
        if out[-1] and opens and opening < len(out[-1]):
            out.append([])
            opening = 0
        if opens or index < covered:
            opening += 1 if len(out[-1]) == opening else 0
        out[-1].append(token)
        if index < len(tokens) - 1 and (bare.endswith(words.ends_ko)
                                        or (lowered.endswith(",") and bare.endswith(words.comma_ends_ko))):
            out.append([])
            opening = 0
    return [" ".join(piece) for piece in out if piece]


def _at(tokens: list[str], index: int, opener: tuple[str, ...]) -> bool:
    return tuple(t.lower().strip(_TRIM) for t in tokens[index: index + len(opener)]) == opener


def both_asked(text: str, words: PartWords = WORDS) -> tuple[str, str] | None:
    """The two things a message asks about at once, each with the rest of its question, or None:
    `수출 바우처랑 스마트공장 둘 다 알고 싶어요` -> (`수출 바우처 알고 싶어요`, `스마트공장 알고 싶어요`); `both the fund and
    the incubator, please` -> (`the fund please`, `the incubator please`). A word saying both must be there
    (story.yaml `parts.both_ko/en`): `X랑 Y` alone may be one thing done with another (`대학생이랑 같이 창업`)."""
    tokens = text.split()
    bare = [t.strip(_TRIM).lower() for t in tokens]
    english = all(t.isascii() for t in bare)
    if english:
        return _both_en(bare, words)
    compact = [t.replace(" ", "") for t in bare]
    for start in range(len(compact)):
        for size in (1, 2, 3):
            said = "".join(compact[start:start + size])
            if said and said in words.both_ko and start > 1:
                return _both_ko(bare[:start], bare[start + size:], words)
    return None


def _both_ko(before: list[str], rest: list[str], words: PartWords) -> tuple[str, str] | None:
    """The things joined before `둘 다` (the last joining particle or word splits them) and the question after."""
    for index in range(len(before) - 1, -1, -1):
        token = before[index]
        if token in words.and_words_ko and 0 < index < len(before) - 1:
            first, second = before[:index], before[index + 1:]
            break
        particle = next((p for p in words.and_ko if token.endswith(p) and len(token) > len(p)), None)
        if particle is not None and index < len(before) - 1:
            first, second = [*before[:index], token[: -len(particle)]], before[index + 1:]
            break
    else:
        return None
    tail = " ".join(rest)
    return f"{' '.join(first)} {tail}".strip(), f"{' '.join(second)} {tail}".strip()


def _both_en(bare: list[str], words: PartWords) -> tuple[str, str] | None:
    """`both X and Y ...`: X and Y, each with what follows Y's clause (a comma or the end)."""
    at = next((i for i, t in enumerate(bare) if t in words.both_en), None)
    if at is None or "and" not in bare[at + 1:]:
        return None
    joint = bare.index("and", at + 1)
    first, second = bare[at + 1: joint], bare[joint + 1:]
    if not first or not second:
        return None
    lead = " ".join(bare[:at])
    return f"{lead} {' '.join(first)}".strip(), f"{lead} {' '.join(second)}".strip()

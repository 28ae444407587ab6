"""A long message cut into units: its sentences, or the clauses of a message typed without punctuation.

`나 올해 졸업했는데 아직 백수야 ... 일자리 매칭 해준다던데 그거 어떻게 신청해` is one sentence to focus.py,
but three things said one after another: who asks, what they heard of (the topic) and what they ask. A
Korean word ending a clause (`...는데`, `...거든요`, `...지만`) or an English asking opener (`is there`,
`who should`) starts a new unit there. The unit that asks is found as for sentences (focus.asking_index).
The words are language data in intents/lexicon/story.yaml.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from intents.focus import asking_index, sentences
from intents.lexicon import checked_numbers

STORY_FILE = Path(__file__).resolve().parent / "lexicon" / "story.yaml"
_END_PUNCTUATION = ".?!。？！…"


@dataclass(frozen=True)
class StoryData:
    """The language data and numbers of story.yaml."""

    clause_ends: tuple[str, ...] = ()  # a Korean word ending so closes a clause (...는데, ...거든요)
    asking_opens_en: tuple[str, ...] = ()  # is there, who should: an English clause that asks starts here
    clause_opens_ko: tuple[str, ...] = ()  # 근데, 그래서, 혹시: a Korean word that starts a new clause
    pointers: tuple[str, ...] = ()  # 그거, 이 사업: the asking unit points back at the story's topic
    max_units: int = 6
    run_on_words: int = 10
    semantic_chars: int = 100
    question_share: float = 0.6
    latin_cost: float = 0.45


def load_story_data(path: Path = STORY_FILE) -> StoryData:
    with path.open(encoding="utf-8") as handle:
        raw = yaml.safe_load(handle) or {}

    def words(key: str) -> tuple[str, ...]:
        return tuple(str(w).lower() for w in raw.get(key) or ())

    return StoryData(clause_ends=words("clause_ends_ko"), asking_opens_en=words("asking_opens_en"),
                     clause_opens_ko=words("clause_opens_ko"), pointers=words("pointers"),
                     **checked_numbers(StoryData, raw.get("numbers") or {}, path))


def clauses(sentence: str, ends: tuple[str, ...], opens_en: tuple[str, ...] = (),
            opens_ko: tuple[str, ...] = ()) -> list[str]:
    """`sentence` cut after every word ending in one of `ends` (trailing punctuation aside), before every
    English opener of `opens_en` and before every Korean word of `opens_ko` (a connective that starts a new
    clause: `...들어가고 싶어 근데 경력이 없어서`); empty pieces dropped. One piece when nothing cuts it."""
    words = sentence.split()
    out: list[list[str]] = [[]]
    covered = 0  # the words of an English opener already begun (`who should i`: `should i` opens nothing new)
    for index, word in enumerate(words):
        lowered = word.lower()
        opener = next((len(o.split()) for o in opens_en if _opens_at(words, index, o)), 0) if index >= covered else 0
        covered = index + opener if opener else covered
        if out[-1] and (lowered.strip(",~" + _END_PUNCTUATION) in opens_ko or opener):
            out.append([])
        out[-1].append(word)
        if lowered.rstrip(",~" + _END_PUNCTUATION).endswith(ends) and index < len(words) - 1:
            out.append([])
    return [" ".join(piece) for piece in out if piece]


def _opens_at(words: list[str], index: int, opener: str) -> bool:
    parts = opener.split()
    window = [w.lower().strip(",") for w in words[index: index + len(parts)]]
    return window == parts


def units(text: str, data: StoryData) -> tuple[list[str], bool]:
    """(units, whether they are clauses): a message's sentences; of a message of one sentence typed without
    punctuation (a run-on) of `run_on_words` words or more, its clauses. A shorter one is a question with
    its context (`요트 체험 회사 운영 3년차인데 마케팅 지원 받고 싶어요`), read whole."""
    parts = sentences(text)
    if len(parts) != 1 or len(parts[0].split()) < data.run_on_words:
        return parts, False
    return clauses(parts[0], data.clause_ends, data.asking_opens_en, data.clause_opens_ko), True


@dataclass(frozen=True)
class Story:
    """A message of several units and the one that asks."""

    units: tuple[str, ...]
    asking: int
    clauses: bool = False  # the units are the clauses of a run-on, not sentences

    @property
    def question(self) -> str:
        return self.units[self.asking]

    def before(self, most: int) -> list[tuple[int, str]]:
        """The units before the question, nearest first, at most `most` of them."""
        start = max(0, self.asking - most)
        return [(i, self.units[i]) for i in range(self.asking - 1, start - 1, -1)]


def read(text: str, data: StoryData) -> Story | None:
    """The story of a message of two units or more; None for one unit."""
    parts, are_clauses = units(text, data)
    if len(parts) < 2:
        return None
    return Story(tuple(parts), asking_index(parts), are_clauses)

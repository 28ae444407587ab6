"""A general need is answered by the FAQ that introduces the programs it ties between.

`취업 도와주는 프로그램 있나요`, `구직자 지원 같은 게 있나요`: the question names a need (취업, 구직) and no program.
Several programs serve it and score alike (job matching, the youth-job programs), so the matcher asked which
one was meant, or fell back where the asker's story diluted the scores. A knowledge base often holds an
overview FAQ for exactly that need, whose answer introduces those programs and offers them to pick
(`programs:` in knowledge-format.md: `job-seeker-help` lists job matching, the youth jobs and the talent
programs). That FAQ is the answer to the general question: it is no guess between the programs, it is the
question "which one?" asked with the right options and the facts that decide it.

The overview answers where (all structure of the knowledge base, no item named):
- it introduces two programs or more (an FAQ about one program, such as how many stations it builds, is
  about that program, not an overview of a need);
- it scores within `near` points of the first item;
- every program ranked above it is one it lists, and no other FAQ is (another overview is another need);
- the question names none of its programs by name or by a word that tells one from its neighbours
  (`일자리 매칭 신청` asks for that program), and holds no topic word that a program ranked above it writes and
  it does not (`... program that connects job seekers with local companies?` says what job matching does);
- it scores at least the answer score, leads every other item it does not list by the margin an answer
  needs (intents/matcher.py `_decide`: more where it explains less of the topic), and explains the
  question's topic as an answer must.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

import yaml

from intents.lexicon import checked_numbers
from intents.scored import R

OVERVIEW_FILE = Path(__file__).resolve().parent / "lexicon" / "overview.yaml"


@dataclass(frozen=True)
class OverviewSettings:
    near: float = 5.0  # the overview scores at most this many points under the first item

    @classmethod
    def load(cls, path: Path = OVERVIEW_FILE) -> "OverviewSettings":
        with path.open(encoding="utf-8") as handle:
            raw = yaml.safe_load(handle) or {}
        return cls(**checked_numbers(cls, raw.get("numbers") or {}, path))


def overview_first(ranked: Sequence[R], lists: Callable[[str], frozenset[str]], named: Callable[[str, str], bool],
                   own: Callable[[str, str], bool], near: float, answer_score: float, margin: float,
                   per_uncovered: float, topic_coverage: float) -> R | None:
    """The overview FAQ of `ranked` (best first) that answers a question tying between its programs, or None.
    `lists(id)`: the ids of the programs an FAQ introduces (empty for anything else); `named(overview, id)`:
    whether the question names the program `id` by a word the overview's own phrasings do not write;
    `own(overview, id)`: whether the question holds a topic word item `id` writes and the overview does not."""
    if not ranked:
        return None
    first = ranked[0]
    for position, overview in enumerate(ranked[:4]):
        programs = lists(overview.item.id)
        if len(programs) < 2:
            continue  # an FAQ about one program (how many stations, becoming a mentor) is no overview
        above = ranked[:position]
        if overview.score < answer_score or first.score - overview.score > near \
                or overview.topic_coverage < topic_coverage or any(r.item.id not in programs for r in above):
            return None
        if any(named(overview.item.id, p) for p in programs) or any(own(overview.item.id, r.item.id) for r in above):
            return None
        rival = next((r for r in ranked[position + 1:] if r.item.id not in programs and r.item.kind != "intent"), None)
        if rival is not None and overview.score - rival.score < margin + per_uncovered * (1 - overview.topic_coverage):
            return None
        return overview
    return None

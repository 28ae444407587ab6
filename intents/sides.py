"""Which side the asker is on: a company that hires, or a job seeker looking for work.

`청년 채용하면 지원금 나와요?` and `청년 취업 지원 있나요?` share their topic words (청년, 지원; 채용 and 일자리
across a knowledge base's items), yet the first is an employer's question about wage support and the second a
job seeker's. The words of asking are language data (intents/lexicon/roles.yaml `sides`): a hiring verb said
as the one who hires (직원 뽑고 싶은데, 채용하면, we want to hire) or the asker's own company (저희 회사) is the
company side; looking for work (취업, 일자리 구하는 중, looking for a job) the job seeker's.

An item's sides come from its own texts, never its id: a program's `audience:` (company, job_seeker) and the
same side words in its names, aliases and questions; an FAQ has only its questions (`직원 뽑으려는데 도와주나요`
is the company side's, `일자리 찾고 있어요` the job seeker's). An item whose texts say neither serves anyone as
far as we know and is never moved.

Where a question takes exactly one side and an item serving it is a candidate, the items that serve only
the other side and outrank it are scored `factor` times lower (intents/roles.py role_first, the same rule as
giving or getting mentoring): the job seekers' FAQ is not first for an employer, the companies' hiring FAQ
not first for a job seeker.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence

import yaml

from intents.roles import ROLES_FILE, role_first
from intents.scored import R

_HANGUL = "가-힣"


@dataclass(frozen=True)
class SideWords:
    """The sides' patterns, compiled once from roles.yaml."""

    patterns: Mapping[str, tuple[re.Pattern[str], ...]]
    audiences: Mapping[str, frozenset[str]]
    factor: float
    # Who the asker says they are (knowledge/asker.py statuses) -> the side it puts them on, remembered for
    # the chat's later questions (intents/context.py asker_sides).
    statuses: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path = ROLES_FILE) -> "SideWords":
        with path.open(encoding="utf-8") as handle:
            raw = (yaml.safe_load(handle) or {}).get("sides") or {}
        starts = frozenset(str(w) for w in raw.get("at_word_start") or ())
        patterns: dict[str, tuple[re.Pattern[str], ...]] = {}
        for side, words in raw.items():
            if not isinstance(words, dict) or "ko" not in words:
                continue
            ko = sorted((str(w).lower() for w in words.get("ko") or ()), key=len, reverse=True)
            en = sorted((str(w).lower() for w in words.get("en") or ()), key=len, reverse=True)
            found = []
            if ko:
                # Spaces optional between a Korean entry's words (직원 뽑고, 직원뽑고).
                plain = [r"\s*".join(map(re.escape, w.split())) for w in ko if w not in starts]
                bounded = [re.escape(w) for w in ko if w in starts]
                alternatives = [*(plain and [f"(?:{'|'.join(plain)})"]),
                                *(bounded and [f"(?<![{_HANGUL}])(?:{'|'.join(bounded)})"])]
                found.append(re.compile("|".join(alternatives)))
            if en:
                found.append(re.compile(r"\b(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in en)
                                        + r")\b"))
            patterns[str(side)] = tuple(found)
        audiences = {str(side): frozenset(str(a) for a in values)
                     for side, values in (raw.get("audiences") or {}).items()}
        statuses = {str(who): str(side) for who, side in (raw.get("statuses") or {}).items() if str(side) in patterns}
        return cls(patterns, audiences, float(raw.get("factor", 0.7)), statuses)

    def taken(self, normalized: str) -> frozenset[str]:
        """The sides a (normalised) text takes: none, one or both."""
        return frozenset(side for side, found in self.patterns.items() if any(p.search(normalized) for p in found))

    def of_item(self, audience: Iterable[str], phrasings: Iterable[str]) -> frozenset[str]:
        """The sides an item serves: its `audience:` values and what its own (normalised) phrasings take."""
        listed = frozenset(audience)
        sides = {side for side, values in self.audiences.items() if values & listed}
        for text in phrasings:
            sides |= self.taken(text)
        return frozenset(sides)


def side_first(ranked: Sequence[R], asked: frozenset[str], sides_of: Callable[[str], frozenset[str]],
               factor: float, rescore: Callable[[R, float], R]) -> list[R]:
    """`ranked` with the items that serve only other sides than the one asked, and outrank a candidate that
    serves it, scored `factor` times lower; sorted again. Unchanged unless the question takes exactly one
    side. An item whose texts name no side is never moved (nothing says whom it serves)."""
    return role_first(ranked, asked, sides_of, factor, rescore, unmarked_stay=True)

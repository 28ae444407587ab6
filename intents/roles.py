"""Giving or receiving: whether a question wants to be a mentor or to get mentoring.

`멘토 하고 싶은데 어떻게 신청해요` and `멘토링 받고 싶어요` share every topic word: 멘토(링), 신청. A knowledge base
that has both a mentoring program and a "become a mentor" FAQ tells them apart only by the verb that goes
with the noun: a Korean role noun followed by being or doing (멘토로 참여, 멘토 하려면, 강사가 되고 싶어요) takes
the role; followed by getting (멘토링 받고, 멘토 연결해 주세요) receives it. In English the verb comes first
(become a mentor, need a mentor). The words are language data (intents/lexicon/roles.yaml), never an item.

Asking how many is a form of the same kind: `수소 충전소 몇 군데나 생겨요` shares its words with the station
program and with the FAQ that counts the stations; the FAQ asks the count (몇 곳, 몇 개, 건수, how many; a
Korean 몇 only before a counter, since 몇 살 and 몇 시 ask an age or a time).

An item takes the roles its own phrasings (names, aliases, questions) take. Where a question takes one role
and an item that takes it too is a candidate, the items whose phrasings never do so and that outrank it are
scored `role_factor` times lower: the FAQ for would-be mentors comes first for `멘토로 활동해 보고 싶어요`, the
mentoring program for `멘토링 받을 수 있나요`. A question that takes no role, or both, changes nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

import yaml

from intents.lexicon import checked_numbers
from intents.scored import R

ROLES_FILE = Path(__file__).resolve().parent / "lexicon" / "roles.yaml"
GIVE, GET, COUNT = "give", "get", "count"




@dataclass(frozen=True)
class _Numbers:
    role_factor: float = 0.7


class Roles:
    """The role patterns of roles.yaml, compiled once."""

    def __init__(self, path: Path = ROLES_FILE) -> None:
        with path.open(encoding="utf-8") as handle:
            raw = yaml.safe_load(handle) or {}
        self.factor = _Numbers(**checked_numbers(_Numbers, raw.get("numbers") or {}, path)).role_factor

        def words(key: str) -> list[str]:
            return sorted((str(w).lower() for w in raw.get(key) or ()), key=len, reverse=True)

        nouns_ko = "|".join(map(re.escape, words("role_nouns_ko")))
        nouns_en = "|".join(map(re.escape, words("role_nouns_en")))
        particle = r"(?:으로서|로서|으로|로|가|이|를|을|는|은|도)?"

        def korean(verbs: list[str]) -> re.Pattern[str]:
            # A verb's spaces may be typed or not (하고 싶 / 하고싶).
            alternatives = "|".join(r"\s*".join(map(re.escape, v.split())) for v in verbs)
            return re.compile(rf"(?:{nouns_ko}){particle}\s*(?:{alternatives})")

        def english(verbs: list[str]) -> re.Pattern[str]:
            alternatives = "|".join(r"\s+".join(map(re.escape, v.split())) for v in verbs)
            return re.compile(rf"\b(?:{alternatives})\s+(?:(?:a|an|the|one|some)\s+)?(?:{nouns_en})\b")

        self._give = [korean(words("giver_after_ko")), english(words("giver_before_en"))]
        self._get = [korean(words("receiver_after_ko")), english(words("receiver_before_en"))]
        counters = "|".join(map(re.escape, words("counters_ko")))
        count_words = "|".join(map(re.escape, words("count_words_ko")))
        count_en = "|".join(r"\s+".join(map(re.escape, p.split())) for p in words("count_phrases_en"))
        # 몇 before a counter, its particle aside, and nothing after it in the same word (몇 번까지 is a limit).
        self._count = [re.compile(rf"몇\s*(?:{counters})(?:이나|이|가|을|를|은|는|도|나)?(?![가-힣])"),
                       re.compile(rf"(?:{count_words})"), re.compile(rf"\b(?:{count_en})\b")]

    def taken(self, normalized: str) -> frozenset[str]:
        """The roles a (normalised) text takes: give, get, both or none; and count where it asks how many."""
        out = set()
        if any(p.search(normalized) for p in self._give):
            out.add(GIVE)
        if any(p.search(normalized) for p in self._get):
            out.add(GET)
        if any(p.search(normalized) for p in self._count):
            out.add(COUNT)
        return frozenset(out)

    def of_phrasings(self, texts: Iterable[str]) -> frozenset[str]:
        """The roles any of an item's (normalised) phrasings take."""
        return frozenset().union(*(self.taken(t) for t in texts))


def role_first(ranked: Sequence[R], asked: frozenset[str], roles_of: Callable[[str], frozenset[str]], factor: float,
               rescore: Callable[[R, float], R], *, unmarked_stay: bool = False) -> list[R]:
    """`ranked` with the items that never take the asked role and outrank one that does scored `factor` times
    lower; sorted again. Unchanged unless the question takes exactly one role. Items below it are left as
    they are: widening its lead that way answered a held-out out-of-scope question that asked how many.
    With `unmarked_stay`, an item that takes no role at all is left where it is too (the asker's side,
    intents/sides.py: nothing says whom it serves)."""
    if len(asked) != 1:
        return list(ranked)
    role = next(iter(asked))
    taker = next((r for r in ranked if role in roles_of(r.item.id) and r.topic_coverage > 0), None)
    if taker is None:
        return list(ranked)
    out = [rescore(r, r.score * factor) if r.score >= taker.score and r is not taker
           and r.item.kind != "intent" and role not in roles_of(r.item.id)
           and (roles_of(r.item.id) or not unmarked_stay) else r for r in ranked]
    if all(a is b for a, b in zip(out, ranked)):
        return list(ranked)
    return sorted(out, key=lambda r: (-r.score, r.item.id))

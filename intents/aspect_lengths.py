"""A length of time asked is answered by the part of the program that states one.

`입주하면 몇 년까지 있을 수 있어요`, `how long does the support last`: the cue words read a period (intents/aspects.py),
but a program's period part is most often when applications are taken, and the length - `기본 3년, 최대 20년까지`,
`for 6 months` - is written where the program says what it gives, its support part. So where the question asks a
length (aspects.yaml `grammar.lengths`) and the program's period text states none, the one other part that states
a length is the part asked; where the period text states one, or no part or several do, the period stays.
Structure of the knowledge base, not words of one agency: any program's texts are read the same way.
"""
from __future__ import annotations

import re
from typing import Iterable

from knowledge.model import Program

# A length of time: 2년간, 최대 2년, 3개월, 6주, 10일간, 2 years, 6 months (not a year such as 2025년, nor an age:
# 7 years old). The same reading as handlers/gist.py's lengths.
LENGTH = re.compile(r"(?<!\d)\d{1,2}\s*(?:년\s*(?:간|동안|까지)|개월|달|주\s*(?:간|동안)|일\s*(?:간|동안))|"
                    r"최대\s*\d{1,2}\s*년|\b\d{1,2}\s*(?:years?|months?|weeks?)\b(?!\s+old)", re.I)
PERIOD = "period"


# What follows a length that makes it a limit of a condition, not how long something lasts: 창업 7년 이내, 입주 후
# 3개월 안에 창업할, 업력 3년 미만 (an eligibility text's), not 최대 2년간 쓸 수 있고 (a support text's).
LIMIT_AFTER = re.compile(r"\s*(?:이내|안에|내에|미만|이상|이하|초과|이전|지난|경과|차)")
# ... and what precedes one: 최근 12개월 전기요금 (a look back), within 6 months.
LIMIT_BEFORE = re.compile(r"(?:최근|지난|within|under|less than|more than|over|at least|the last|the past)\s*$", re.I)


def states_length(values: Iterable[tuple[str, str]]) -> bool:
    """Whether a text states how long something lasts (a length of time that is not a condition's limit)."""
    return any(not LIMIT_AFTER.match(text, found.end()) and not LIMIT_BEFORE.search(text[:found.start()])
               for _, text in values for found in LENGTH.finditer(text))


def length_part(program: Program) -> str | None:
    """The part a length asked of `program` is answered by, where it is not the period: the one other aspect
    whose text states a length, where the period text states none. None: keep the period."""
    period = program.aspect(PERIOD)
    if period is not None and states_length(period.values):
        return None
    stating = [name for name, text in program.aspects.items() if name != PERIOD and states_length(text.values)]
    return stating[0] if len(stating) == 1 else None

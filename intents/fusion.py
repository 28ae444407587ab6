"""How the model's similarities enter the fused score, and what the model adds to the candidates.

- **The top of the scale is the best similarity.** The model's cosine is scaled from [floor, ceiling] to
  [0, 1]. A fixed ceiling clips: where the model finds several items more similar than the ceiling (short
  questions in the agency's own words, `진흥원 사이트 링크 좀 주세요`: the website FAQ 0.978, the agency's
  introduction 0.962), all of them scored 1 and the lexical score alone ordered them, though the model
  clearly preferred one. For the order of the candidates, the top of the scale is the ceiling or the best
  similarity, whichever is higher, so the model's order among items above the ceiling survives. Whether
  the first is answered is still decided on the clipped scale: scaling up to the best similarity widens
  the lead of whatever comes first, which answered a held-out out-of-scope question; reordering alone
  cannot make an answer.
- **The model's nearest item is offered.** Where the model was consulted and its nearest program, FAQ or
  referral is similar enough (`least`) but is not among the candidates, it takes the last place: the
  lexical matcher's third guess is rarely right where the model's first is missed altogether.
- **A weak lexical answer the model disputes is taken back.** Under the score where a lexical answer is
  final, it stands only if the model finds its item similar enough (`floor`); and where the model finds
  another item more similar by a clear `gap`, only if it finds the answer more similar still (`disputed`).
  Two neighbours sharing the question's words, one preferred by each signal, are a question to ask, not
  an answer: the candidates are offered (the model's nearest among them).
"""
from __future__ import annotations

from typing import Callable, Sequence, TypeVar

import numpy as np

C = TypeVar("C")


def best_per_row(matrix: np.ndarray, rows: np.ndarray, query: np.ndarray, size: int) -> dict[int, float]:
    """Item -> the best cosine of `query` with any of the item's vectors (`rows[k]`: the item of row k)."""
    if not len(rows):
        return {}
    best = np.full(size, -1.0, dtype=np.float32)
    np.maximum.at(best, rows, matrix @ query)
    return {int(i): float(best[i]) for i in np.flatnonzero(best > -1.0)}


def with_bodies(cosines: dict[int, float], bodies: dict[int, float]) -> dict[int, float]:
    """The model's similarity of each item for the fused ORDER: the better of its phrasings' and its body's
    (a program's summary, eligibility, support, apply and period texts). Only items already among `cosines`."""
    return {i: max(c, bodies.get(i, c)) for i, c in cosines.items()}


def semantic_shares(cosines: dict[int, float], floor: float, ceiling: float, relative: bool = False) -> dict[int, float]:
    """Item -> the model's similarity scaled from [floor, ceiling] to [0, 1]; `relative`: from [floor, top],
    top = max(ceiling, the best similarity), which keeps the model's order among items above the ceiling."""
    if not cosines:
        return {}
    top = max(ceiling, max(cosines.values())) if relative else ceiling
    span = max(top - floor, 1e-6)
    return {i: min(max((c - floor) / span, 0.0), 1.0) for i, c in cosines.items()}


def with_nearest(candidates: Sequence[C], ids: Callable[[C], str], nearest: str | None, make: Callable[[str], C],
                 size: int) -> tuple[C, ...]:
    """`candidates` with `nearest` in the last of `size` places where it is not among them already."""
    if nearest is None or any(ids(c) == nearest for c in candidates[:size]):
        return tuple(candidates)
    kept = list(candidates[: size - 1])
    return (*kept, make(nearest), *candidates[size - 1:][1:])


def model_nearest(cosines: dict[int, float], eligible: Callable[[int], bool], least: float) -> int | None:
    """The eligible item the model finds most similar, if at least `least` similar."""
    best = max((i for i in cosines if eligible(i)), key=lambda i: cosines[i], default=None)
    return best if best is not None and cosines[best] >= least else None


def taken_back(mine: float, other: float, floor: float, disputed: float, gap: float) -> bool:
    """Whether the model takes back a weak lexical answer: its similarity to the answered item `mine` is
    under `floor`, or under `disputed` while another item's (`other`, the best of the rest) is `gap` higher."""
    return mine < floor or (mine < disputed and other - mine >= gap)


def weak_answer_stands(cosines: dict[int, float], item: int, cosine: float, shift: float = 0.0,
                       near: float = 0.0) -> bool:
    """Whether the model lets a weak lexical answer (`item`) stand: it finds the item at least `cosine`
    similar to the question; or, for a question in a language whose cosines sit `shift` lower
    (intents/semantic.py `language_offsets`), at least `cosine - shift` similar and no other item more than
    `near` nearer. Nearness is required on the lower scale: wrong and out-of-scope English answers in that
    band had another item clearly nearer to the question; right ones were the nearest or within a hair of it
    (two of an agency's items in the same words: the model cannot tell them apart by 0.01)."""
    mine = cosines.get(item, 0.0)
    if mine >= cosine:
        return True
    return shift > 0 and mine >= cosine - shift and all(c <= mine + near for i, c in cosines.items() if i != item)

"""Counts of bench/near_bar.py's rows under candidate rules, set by set (R right first, W wrong first, O out of scope).

`python bench/near_table.py DIR [MODE]`: every DIR/*.MODE.json. A rule is worth shipping only where it takes R
cases on most sets and W or O on almost none: each line prints, per set, R/W/O the rule would answer.
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Callable

Row = dict
def _m(r: Row) -> bool:
    return r["readings"]["model"]


def _rel(r: Row) -> float:
    """The runner-up's fused score as a share of the first's."""
    return (r["fused"] - r["lead"]) / r["fused"] if r.get("fused") else 1.0


RULES: dict[str, Callable[[Row], bool]] = {
    "all": lambda r: True,
    "model": _m,
    "model lead10": lambda r: _m(r) and r.get("lead", 0) >= 10,
    "model lead15": lambda r: _m(r) and r.get("lead", 0) >= 15,
    "model lead15 f30": lambda r: _m(r) and r.get("lead", 0) >= 15 and r["fused"] >= 30,
    "model lead15 f35": lambda r: _m(r) and r.get("lead", 0) >= 15 and r["fused"] >= 35,
    "model lead20": lambda r: _m(r) and r.get("lead", 0) >= 20,
    "model rel.6": lambda r: _m(r) and _rel(r) <= .6,
    "model rel.6 f30": lambda r: _m(r) and _rel(r) <= .6 and r["fused"] >= 30,
    "model rel.5 f30": lambda r: _m(r) and _rel(r) <= .5 and r["fused"] >= 30,
    "model rel.6 f30 lex": lambda r: _m(r) and _rel(r) <= .6 and r["fused"] >= 30 and r["readings"]["lex"],
    "model rel.6 f30 nonovel": lambda r: _m(r) and _rel(r) <= .6 and r["fused"] >= 30 and not r["novel"],
    "model rel.6 f30 out.02": lambda r: _m(r) and _rel(r) <= .6 and r["fused"] >= 30 and r["outside"] >= .02,
    "model rel.6 f30 gap.01": lambda r: _m(r) and _rel(r) <= .6 and r["fused"] >= 30 and r["cos_gap"] >= .01,
    "model rel.6 f30 z1": lambda r: _m(r) and _rel(r) <= .6 and r["fused"] >= 30 and r["cos_z"] >= 1,
    "model lead10 f30 tells": lambda r: _m(r) and r.get("lead", 0) >= 10 and r["fused"] >= 30 and r["tells"] > 0,
    "model lead10 f30 lex": lambda r: _m(r) and r.get("lead", 0) >= 10 and r["fused"] >= 30 and r["readings"]["lex"],
    "lex+model": lambda r: r["readings"]["lex"] and _m(r),
    "lex+model no novel": lambda r: r["readings"]["lex"] and _m(r) and not r["novel"],
    "family": lambda r: r["family"],
}


def main() -> None:
    folder = Path(sys.argv[1])
    mode = sys.argv[2] if len(sys.argv) > 2 else "hybrid"
    only = sys.argv[3] if len(sys.argv) > 3 else None
    kind = sys.argv[4] if len(sys.argv) > 4 else None  # "suggest": only suggestions shown
    sets = {p.name.split(".")[0]: json.loads(p.read_text())["rows"] for p in sorted(folder.glob(f"*.{mode}.json"))}
    for name, rule in RULES.items():
        if only and only not in name:
            continue
        total: Counter[str] = Counter()
        cells = []
        for s, rows in sets.items():
            c = Counter(r["cls"] for r in rows if rule(r) and kind in (None, r["kind"]))
            total.update(c)
            if c:
                cells.append(f"{s}:{c['R']}/{c['W']}/{c['O']}")
        print(f"{name:32} R{total['R']:4} W{total['W']:4} O{total['O']:4} | {' '.join(cells)}")


if __name__ == "__main__":
    main()

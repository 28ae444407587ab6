"""Counts over bench/para_features.py's rows: which ranking puts the right item first, and what a rule under the
fused bar would answer (right / wrong / out of scope), per set. Counts only.

`python bench/para_table.py DIR`"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

TUNED = ("people", "eval", "alt", "altpara", "altnear", "blind", "blindpara", "blindnear")


def rules() -> dict:
    def base(r):
        return r["cos_rank"] == 1 and r["lex_rank"] <= 3
    return {
        "shipped-like (no novel, out>=.06, cos>=.92, lead>=.05)":
            lambda r: base(r) and not r["novel"] and r["outside"] >= .06 and r["cos"] >= .92 and r["lead"] >= .05,
        "out>=.06 lead>=.05 cos>=.92 (novel ok)":
            lambda r: base(r) and r["outside"] >= .06 and r["cos"] >= .92 and r["lead"] >= .05,
        "out>=.04 lead>=.05 body1":
            lambda r: base(r) and r["outside"] >= .04 and r["lead"] >= .05 and r["body_rank"] == 1,
        "out>=.05 body1 no novel":
            lambda r: base(r) and r["outside"] >= .05 and r["body_rank"] == 1 and not r["novel"],
        "z>=2.5 out>=.04": lambda r: base(r) and r["z"] >= 2.5 and r["outside"] >= .04,
        "z>=3 ": lambda r: base(r) and r["z"] >= 3,
        "z>=3 out>=.03": lambda r: base(r) and r["z"] >= 3 and r["outside"] >= .03,
        "gap>=.02 out>=.04": lambda r: base(r) and r["cos_gap"] >= .02 and r["outside"] >= .04,
        "lexfirst body1 out>=.04": lambda r: base(r) and r["lex_rank"] == 1 and r["body_rank"] == 1 and r["outside"] >= .04,
    }


def main() -> None:
    folder = Path(sys.argv[1])
    data = {p.stem: json.loads(p.read_text()) for p in sorted(folder.glob("*.json"))}
    print("== right item first among in-scope reaching fusion (answered right now / all) by ranking")
    for name, rows in data.items():
        ins = [r for r in rows if r["scope"]]
        c: Counter[str] = Counter()
        for r in ins:
            for k, v in r["variants"].items():
                c[k] += v
                c[k + "_lost"] += (r["right"] and not v)
        print(f"{name:15s} n={len(ins):3d} right_now={sum(r['right'] for r in ins):3d} " +
              " ".join(f"{k}={c[k]}(-{c[k + '_lost']})" for k in ("cur", "bmax", "b3", "rrf", "rrf3")))
    print("== rules under the bar: +right / +wrong / +oos (on rows not answered now)")
    for label, rule in rules().items():
        tot: dict[str, Counter[str]] = {"tuned": Counter(), "held": Counter()}
        parts = []
        for name, rows in data.items():
            c: Counter[str] = Counter()  # type: ignore[no-redef]
            for r in rows:
                if r["answered"] or not rule(r):
                    continue
                c["R" if r["scope"] and r["first_right"] else "W" if r["scope"] else "O"] += 1
            tot["tuned" if name in TUNED else "held"].update(c)
            if c:
                parts.append(f"{name}:{c['R']}/{c['W']}/{c['O']}")
        print(f"{label:50s} tuned {tot['tuned']['R']}/{tot['tuned']['W']}/{tot['tuned']['O']}  "
              f"held {tot['held']['R']}/{tot['held']['W']}/{tot['held']['O']}  | " + " ".join(parts))


if __name__ == "__main__":
    main()

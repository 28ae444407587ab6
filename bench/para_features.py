"""Numeric features of every question that reaches the fusion under its bar, per case, no text (held-out safe
as counts: analyse with bench/para_table.py, thresholds from the tuning sets only).

`python bench/para_features.py CASES KNOWLEDGE OUT.json`: hybrid mode; one row per case reaching `_fuse` with a
lexical non-answer: its class (in scope: right item first or not, answered or not; out of scope), the
fused first item's features, and for in-scope cases whether other rankings put the right item first.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.para_ranks import CAPTURED, body_cosines, capture  # noqa: E402
from intents.evaluate import DEFAULT_CACHE, load_cases  # noqa: E402
from intents.matcher import Matcher  # noqa: E402
from knowledge.model import Intent, Program  # noqa: E402
from knowledge.loader import load_or_raise  # noqa: E402
from bench.replay import context_before  # noqa: E402


def main() -> None:
    cases_path, knowledge, out = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    kb = load_or_raise(knowledge, Path("intents"))
    cases, _ = load_cases(cases_path, {item.id for item in kb.items()})
    capture()
    m = Matcher.for_mode(kb, "hybrid", DEFAULT_CACHE, cache_size=0)
    s = m.settings
    rows = []
    for case in cases:
        context = context_before(m, case)
        CAPTURED.clear()
        decision = m.match(case.text, context=context)
        if not CAPTURED or CAPTURED[-1]["query"] is None:
            continue
        cap = CAPTURED[-1]
        cos, lex, q = cap["cos"], cap["lex"], cap["query"]
        items = [i for i in set(cos) | set(lex) if not isinstance(m.entries[i].item, Intent)]
        if not items:
            continue
        body = body_cosines(m, q)
        def share(c: float) -> float:
            return min(max((c - s.semantic_floor) / (s.semantic_ceiling - s.semantic_floor), 0), 1)
        fused = {i: .5 * lex.get(i, 0) + .5 * share(cos.get(i, 0)) for i in items}
        bmax = {i: .5 * lex.get(i, 0) + .5 * share(max(cos.get(i, 0), body.get(i, 0))) for i in items}
        b3 = {i: .5 * lex.get(i, 0) + .25 * share(cos.get(i, 0)) + .25 * share(body.get(i, cos.get(i, 0))) for i in items}
        m_order = sorted(items, key=lambda i: -cos.get(i, -1))
        l_order = [i for i in cap["ranked"] if i in items]
        b_order = sorted((i for i in items if i in body), key=lambda i: -body[i])
        def rr(order: list[int], i: int) -> float:
            return 1 / (10 + (order.index(i) + 1 if i in order else 30))
        rrf = {i: rr(l_order, i) + rr(m_order, i) for i in items}
        rrf3 = {i: rr(l_order, i) + rr(m_order, i) + rr(b_order, i) for i in items}
        orders = {k: sorted(items, key=lambda i: -v[i]) for k, v in
                  {"cur": fused, "bmax": bmax, "b3": b3, "rrf": rrf, "rrf3": rrf3}.items()}
        f = orders["bmax"][0]  # the shipped order (intents/fusion.py with_bodies)
        vals = np.array([cos.get(i, 0) for i in items])
        outside = m.outside.nearest(q) if m.outside is not None else -1
        right = decision.kind == "answer" and decision.id == case.expect
        e = m.index_of.get(case.expect or "", -1)
        row = {
            "scope": case.expect is not None, "right": right, "answered": decision.kind == "answer",
            "tags": list(case.tags), "kind": decision.kind,
            "first_right": f == e, "fused": fused[f],
            "lead": fused[f] - max((fused[i] for i in items if i != f), default=0),
            "cos": cos.get(f, 0), "cos_rank": m_order.index(f) + 1,
            "cos_gap": cos.get(f, 0) - max((cos.get(i, 0) for i in items if i != f), default=0),
            "z": float((cos.get(f, 0) - vals.mean()) / (vals.std() + 1e-6)),
            "lex": lex.get(f, 0), "lex_rank": l_order.index(f) + 1 if f in l_order else 99,
            "body": body.get(f, -1), "body_rank": b_order.index(f) + 1 if f in b_order else 99,
            "program": isinstance(m.entries[f].item, Program),
            "outside": cos.get(f, 0) - outside, "novel": cap["novel"],
            "variants": {k: o[0] == e for k, o in orders.items()},
            "e_rank": {k: (o.index(e) + 1 if e in o else 99) for k, o in orders.items()},
        }
        if os.environ.get("TUNED_TEXT"):  # tuning sets only (HELPERS.md): never set for a held-out set
            row["text"] = case.text
            row["expect"] = case.expect
            row["first"] = m.entries[f].item.id
        row["needs_asked"] = bool(m.needs.asked(case.text))
        row["needs_served"] = m.needs.serves(m.entries[f].item.id, m.needs.asked(case.text))
        pairs = m.scope._pairs(case.text)
        asked = set(m.analyzer.analyze(case.text).terms)
        named = [*(p.id for p in m.kb.programs), *(r.id for r in m.kb.referrals)]
        row["contrast"] = cap["novel"] and any(m.scope.contrast(pairs, asked, i, case.text.isascii()) for i in named)
        rows.append(row)
    out.write_text(json.dumps(rows))
    print(out, len(rows))


if __name__ == "__main__":
    main()

"""Where the right item sits for the questions that reach the fusion, by signal; counts only (held-out safe).

`python bench/para_ranks.py CASES KNOWLEDGE [TAG]`: hybrid mode. For every case whose lexical decision is not an
answer and so reaches the fused ranking (intents/matcher.py `_fuse`), the rank of the expected item by the
lexical matcher, by the model's nearest phrasing, by the model's nearest program body (summary and aspect
texts, intents/aspect_texts.py) and by the fusion, and the final outcome; out-of-scope cases are counted
by the same features of their fused first item. With TAG, only cases carrying that tag (and every
out-of-scope case). Prints counts, never a case's text (HELPERS.md).
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from intents.evaluate import DEFAULT_CACHE, load_cases  # noqa: E402
from intents.matcher import Matcher  # noqa: E402
from knowledge.model import Intent  # noqa: E402
from knowledge.loader import load_or_raise  # noqa: E402
from bench.counts import print_classes  # noqa: E402
from bench.replay import context_before  # noqa: E402

CAPTURED: list[dict] = []


def capture() -> None:
    original = Matcher._fuse

    def wrapper(self, lexical, analysis, cosines, lang, excluded, *rest, **named):
        result = original(self, lexical, analysis, cosines, lang, excluded, *rest, **named)
        if lexical.kind != "answer":
            ranked = self.rank(analysis, excluded)
            query = self._last_query[1] if self._last_query is not None else None
            CAPTURED.append({"ranked": [self.index_of[r.item.id] for r in ranked],
                             "lex": {self.index_of[r.item.id]: r.score / 100 for r in ranked},
                             "cos": dict(cosines), "query": query, "result": result,
                             "novel": any(self.scope.is_novel(t) for t in analysis.terms)})
        return result

    Matcher._fuse = wrapper  # type: ignore[method-assign]


def body_cosines(m: Matcher, query: np.ndarray) -> dict[int, float]:
    out: dict[int, float] = {}
    if m.aspect_texts is None:
        return out
    for (pid, _lang), (_names, matrix) in m.aspect_texts.texts.items():
        i = m.index_of[pid]
        out[i] = max(out.get(i, -1.0), float((matrix @ query).max()))
    return out


def rank_of(order: list[int], item: int) -> str:
    if item not in order:
        return "none"
    r = order.index(item) + 1
    return str(r) if r <= 3 else "4+"


def main() -> None:
    cases_path, knowledge = Path(sys.argv[1]), Path(sys.argv[2])
    tag = sys.argv[3] if len(sys.argv) > 3 else None
    kb = load_or_raise(knowledge, Path("intents"))
    cases, _ = load_cases(cases_path, {item.id for item in kb.items()})
    capture()
    m = Matcher.for_mode(kb, "hybrid", DEFAULT_CACHE, cache_size=0)
    s = m.settings
    counts: dict[str, Counter[str]] = {"in": Counter(), "oos": Counter()}
    for case in cases:
        if tag is not None and case.expect is not None and tag not in case.tags:
            continue
        context = context_before(m, case)
        CAPTURED.clear()
        decision = m.match(case.text, context=context)
        cls = "in" if case.expect is not None else "oos"
        c = counts[cls]
        c["cases"] += 1
        right = decision.kind == "answer" and decision.id == case.expect
        if not CAPTURED:
            c["no fusion: " + ("right" if right else decision.kind if cls == "oos" else
                               "wrong" if decision.kind == "answer" else "unanswered")] += 1
            continue
        cap = CAPTURED[-1]
        cos, lex = cap["cos"], cap["lex"]
        items = [i for i in set(cos) | set(lex) if not isinstance(m.entries[i].item, Intent)]
        shares = {i: min(max((cos.get(i, 0) - s.semantic_floor) / (s.semantic_ceiling - s.semantic_floor), 0), 1)
                  for i in items}
        fused = {i: s.semantic_weight * lex.get(i, 0) + (1 - s.semantic_weight) * shares[i] for i in items}
        f_order = sorted(items, key=lambda i: -fused[i])
        m_order = sorted(items, key=lambda i: -cos.get(i, -1))
        l_order = [i for i in cap["ranked"] if i in items]
        body = body_cosines(m, cap["query"]) if cap["query"] is not None else {}
        b_order = sorted(body, key=lambda i: -body[i])
        # Reciprocal rank fusion of the lexical and the model's orders.
        rrf = {i: 1 / (60 + (l_order.index(i) + 1 if i in l_order else 50)) + 1 / (60 + m_order.index(i) + 1)
               for i in items}
        r_order = sorted(items, key=lambda i: -rrf[i])
        outcome = "right" if right else ("wrong" if decision.kind == "answer" else decision.kind)
        c["fusion: " + outcome] += 1
        if cls == "in":
            e = m.index_of.get(case.expect or "", -1)
            if right:
                continue
            c["unanswered/wrong reaching fusion"] += 1
            c["rank fused: " + rank_of(f_order, e)] += 1
            c["rank model: " + rank_of(m_order, e)] += 1
            c["rank lexical: " + rank_of(l_order, e)] += 1
            c["rank body: " + rank_of(b_order, e)] += 1
            c["rank rrf: " + rank_of(r_order, e)] += 1
            first = {"F": f_order[:1] == [e], "M": m_order[:1] == [e], "L": l_order[:1] == [e]}
            c["first right by " + ("".join(k for k, v in first.items() if v) or "-")] += 1
            c["first right by F|M|L|B: " + str(any(first.values()) or b_order[:1] == [e])] += 1
            if f_order and f_order[0] != e and e in fused:
                gap = fused[f_order[0]] - fused[e]
                c[f"fused gap to right: {'<.05' if gap < .05 else '<.1' if gap < .1 else '<.2' if gap < .2 else '>=.2'}"] += 1
            if f_order[:1] == [e]:
                top = fused[e]
                c[f"right first, fused: {'<.3' if top < .3 else '<.4' if top < .4 else '<.5' if top < .5 else '>=.5'}"] += 1
                c["right first, novel word: " + str(cap["novel"])] += 1
        else:
            if not f_order:
                continue
            b = f_order[0]
            first = {"F": True, "M": m_order[:1] == [b], "L": l_order[:1] == [b]}
            c["oos fused first also first by " + "".join(k for k, v in first.items() if v)] += 1
            top = fused[b]
            c[f"oos fused: {'<.3' if top < .3 else '<.4' if top < .4 else '<.5' if top < .5 else '>=.5'}"] += 1
            c["oos novel word: " + str(cap["novel"])] += 1
    print(f"{cases_path} tag={tag}")
    print_classes(counts)


if __name__ == "__main__":
    main()

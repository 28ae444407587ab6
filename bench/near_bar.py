"""Unanswered questions whose first candidate is right, against near misses and wrong firsts; counts only.

`python bench/near_bar.py CASES KNOWLEDGE [MODE] OUT.json`: one row per case the matcher did not answer but
offered candidates for (suggestions, or a fallback that kept them for the record), no text: its class (R: the
right item first, W: in scope with another item first, O: out of scope), where the non-answer arose (`under`:
the lexical decision or the fusion stayed under its bar; `vetoed`: a review after it took an answer back) and
independent evidence about the first candidate:

- `readings`: which readings rank it first: the whole message lexically (`lex`), an asking part of it alone
  (`part`, intents/parts.py), the model's nearest item (`model`); `other_area`: a reading ranks an item of
  another business area first;
- `idf`: the rarest distinctive word (intents/relevance.py) the question shares with the item, as a share of the
  knowledge base's largest IDF; `own`: it shares a word at most two items write;
- `cos`, `cos_gap`, `cos_z`: the model's similarity to it, its lead over the next item, and that lead over the
  spread of the model's similarities to all items for this question;
- `family`: the candidates offered are all of one area (siblings);
- the lexical `score`, `coverage`, `topic` coverage and the runner-up's share of the score (`ratio`).

Read it with bench/near_table.py (thresholds chosen on many sets at once). Never a case's text (HELPERS.md).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.replay import cases_and_matcher, context_before  # noqa: E402
from intents.clauses import split  # noqa: E402
from intents.decision import Decision  # noqa: E402
from intents.matcher import Matcher  # noqa: E402
from knowledge.model import Faq, Intent, Program  # noqa: E402

SEEN: dict[str, object] = {}


def capture() -> None:
    """Record the decision before the reviews (`_match_text`) and the model's similarities (`_hybrid`)."""
    text_original = Matcher._match_text
    hybrid_original = Matcher._hybrid

    def match_text(self, *args, **named):  # type: ignore[no-untyped-def]
        result = text_original(self, *args, **named)
        SEEN.setdefault("before", result)
        return result

    def hybrid(self, lexical, analysis, text, *args, **named):  # type: ignore[no-untyped-def]
        SEEN.setdefault("cos", self.semantic_scores(text))
        return hybrid_original(self, lexical, analysis, text, *args, **named)

    fuse_original = Matcher._fuse
    arbitrate_original = Matcher._arbitrate

    def fuse(self, lexical, *args, **named):  # type: ignore[no-untyped-def]
        result = fuse_original(self, lexical, *args, **named)
        SEEN.setdefault("fuse", (lexical.kind, result.kind))
        return result

    def arbitrate(self, lexical, *args, **named):  # type: ignore[no-untyped-def]
        result = arbitrate_original(self, lexical, *args, **named)
        SEEN.setdefault("arbitrate", result.kind)
        return result

    Matcher._fuse = fuse  # type: ignore[method-assign]
    Matcher._arbitrate = arbitrate  # type: ignore[method-assign]
    Matcher._match_text = match_text  # type: ignore[method-assign]
    Matcher._hybrid = hybrid  # type: ignore[method-assign]


def areas(m: Matcher, item_id: str) -> frozenset[str]:
    item = m.kb.get(item_id)
    if isinstance(item, Program):
        return frozenset({item.area.id}) if item.area else frozenset()
    if isinstance(item, Faq):
        return frozenset(p.area.id for p in (m.kb.program(pid) for pid in item.programs) if p and p.area)
    return frozenset()


def lexical_first(m: Matcher, text: str) -> str | None:
    ranked = [r for r in m.rank(m.analyzer.analyze(text)) if not isinstance(r.item, Intent)]
    return ranked[0].item.id if ranked else None


def features(m: Matcher, text: str, decision: Decision) -> dict:
    first = decision.candidates[0].id
    kept, _ = m._split_exclusion(m._prepare(text))
    analysis = m.analyzer.analyze(kept)
    ranked = [r for r in m.rank(analysis) if not isinstance(r.item, Intent)]
    mine = next((r for r in ranked if r.item.id == first), None)
    rival = next((r for r in ranked if r.item.id != first), None)
    parts = [lexical_first(m, p.text) for p in split(kept) if p.asks]
    cos: dict[int, float] = SEEN.get("cos") or {}  # type: ignore[assignment]
    cos = {i: c for i, c in cos.items() if not isinstance(m.entries[i].item, Intent)}
    index = m.index_of[first]
    nearest = max(cos, key=cos.__getitem__) if cos else None
    firsts = [ranked[0].item.id if ranked else None, *parts, m.entries[nearest].item.id if nearest is not None else None]
    home = areas(m, first)
    other_area = any(f is not None and f != first and areas(m, f) and home and not (areas(m, f) & home) for f in firsts)
    shared = (m.relevance.distinctive(analysis) - m.relevance.cues) & m._writes(first)
    top_idf = max(m.idf.values()) if m.idf else 1.0
    values = np.array(list(cos.values())) if cos else np.zeros(1)
    rest = max((c for i, c in cos.items() if i != index), default=0.0)
    offered = [c.id for c in decision.suggestions] or [first]
    families = [areas(m, c) for c in offered]
    words = m.relevance.distinctive(analysis) - m.relevance.cues
    rivals = [c.id for c in decision.candidates[1:3] if not isinstance(m.kb.get(c.id), Intent)]
    strong = m.entries[index].strong
    tells = [t for t in words if t in strong and not any(t in m._writes(r) for r in rivals)]
    rival_tells = [t for t in words for r in rivals if t in m.entries[m.index_of[r]].strong and t not in m._writes(first)]
    query = m._last_query[1] if m._last_query is not None and cos else None
    scores = [c.score for c in decision.candidates]
    return {
        "tells": len(tells), "tells_idf": max((m.idf[t] for t in tells), default=0.0) / top_idf,
        "rival_tells": len(rival_tells), "told_idfs": sorted((m.idf[t] / top_idf for t in tells), reverse=True),
        "told_spread": sorted((len(m.postings.get(t, ())) / len(m.entries) for t in tells)),
        "fused": scores[0], "lead": scores[0] - max(scores[1:], default=0.0),
        "outside": (cos.get(index, 0.0) - m.outside.nearest(query)) if query is not None and m.outside else -1.0,
        "readings": {"lex": bool(ranked) and ranked[0].item.id == first, "part": first in parts,
                     "parts": len(parts), "model": nearest == index},
        "other_area": other_area,
        "idf": max((m.idf[t] for t in shared), default=0.0) / top_idf,
        "own": any(len(m.postings.get(t, ())) <= 2 for t in shared), "shared": len(shared),
        "novel": any(m.scope.is_novel(t) for t in analysis.terms),
        "cos": cos.get(index, 0.0), "cos_gap": cos.get(index, 0.0) - rest,
        "cos_z": float((cos.get(index, 0.0) - rest) / (values.std() + 1e-6)) if cos else 0.0,
        "family": len(offered) > 1 and all(f and f == families[0] for f in families),
        "offered": len(offered),
        "score": mine.score if mine else 0.0, "coverage": mine.coverage if mine else 0.0,
        "topic": mine.topic_coverage if mine else 0.0,
        "ratio": (rival.score / mine.score) if mine and rival and mine.score else 0.0,
        "item": m.entries[index].item.kind,
    }


def main() -> None:
    args = [a for a in sys.argv if not a.endswith(".json")]
    out = Path(next(a for a in sys.argv if a.endswith(".json")))
    _, mode, cases, m = cases_and_matcher(args)
    capture()
    rows = []
    for case in cases:
        context = context_before(m, case)
        SEEN.clear()
        decision = m.match(case.text, context=context)
        if decision.kind == "answer" or not decision.candidates:
            continue
        before = SEEN.get("before")
        first = decision.candidates[0].id
        cls = "O" if case.expect is None else "R" if first == case.expect else "W"
        row = {"cls": cls, "kind": decision.kind, "tags": list(case.tags), "turns": len(case.before) + 1,
               "stage": "vetoed" if isinstance(before, Decision) and before.kind == "answer" else "under"}
        fused = SEEN.get("fuse")
        row["origin"] = "review" if row["stage"] == "vetoed" else "lexical" if fused is None else \
            "arbitrate" if SEEN.get("arbitrate") == "suggest" else "veto" if fused == ("answer", "suggest") \
            else f"fuse-{fused[0]}"  # type: ignore[index]
        row.update(features(m, case.text, decision))
        rows.append(row)
    out.write_text(json.dumps({"mode": mode, "cases": len(cases), "rows": rows}))


if __name__ == "__main__":
    main()

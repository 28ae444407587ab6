"""Aggregate classes of the cases that rule something out ("X 말고 Y", "not X"), without printing any case's text.

`python bench/exclusion_classes.py CASES KNOWLEDGE [MODE]`: for every case whose message holds an exclusion marker
(or is tagged `exclusion`), the outcome (right, wrong, suggested, fallback), which reading of X applied (a topic,
the agency, the last item, a place, nothing), how many items X rules out, whether the expected item is among them
and how X reaches it (its names, its area, only its questions), and whether the answer is itself ruled out.
Counts only: usable on held-out sets (HELPERS.md).
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.counts import print_classes  # noqa: E402
from bench.replay import cases_and_matcher, context_before  # noqa: E402
from intents import exclusion  # noqa: E402
from intents.context import POINTS_BACK  # noqa: E402
from knowledge.model import Program  # noqa: E402


def outcome(decision, expect: str | None) -> str:
    if expect is None:
        return "oos rejected" if decision.kind != "answer" else "oos answered"
    if decision.kind == "answer":
        return "right" if decision.id == expect else "wrong"
    if decision.kind == "suggest":
        return "suggested with it" if expect in [c.id for c in decision.candidates[:3]] else "suggested without it"
    return "fallback"


def main() -> None:
    cases_path, mode, cases, m = cases_and_matcher(sys.argv)
    counts: dict[str, Counter[str]] = {}
    for case in cases:
        prepared = m._prepare(case.text)
        found = exclusion.split(m._without_lacked(prepared), m._exclusion, m.analyzer.english)
        if found is None and "exclusion" not in case.tags:
            continue
        context = context_before(m, case)
        decision = m.match(case.text, context=context)
        kind = outcome(decision, case.expect)
        c = counts.setdefault(kind, Counter())
        c["all"] += 1
        c["context: " + ("yes" if case.before else "no")] += 1
        c["tagged exclusion: " + ("yes" if "exclusion" in case.tags else "no")] += 1
        if found is None:
            c["reading: no marker"] += 1
            continue
        kept, terms = m._split_exclusion(prepared)
        if not terms:
            c["reading: read whole (place or cue)"] += 1
            continue
        reading = "agency" if exclusion.AGENCY in terms else "last item" if POINTS_BACK in terms else "topic"
        c["reading: " + reading] += 1
        topic = [t for t in terms if t not in (exclusion.AGENCY, POINTS_BACK)]
        out = m._excluded_items(topic if reading == "topic" else terms, kept)
        ids = {m.entries[i].item.id for i in out}
        c[f"items ruled out: {min(len(ids), 5)}{'+' if len(ids) >= 5 else ''}"] += 1
        c["X an area's word: " + ("yes" if any(set(topic) <= w for w in m.area_words.values()) and topic else "no")] += 1
        c[f"X terms: {min(len(topic), 3)}"] += 1
        if case.expect is not None:
            if case.expect in ids:
                item = m.kb.get(case.expect)
                named = set(topic) <= m.talk.name_words.get(case.expect, frozenset())
                in_area = isinstance(item, Program) and item.area is not None and any(
                    set(topic) <= m.area_words.get(item.area.id, frozenset()) for _ in (0,))
                c["expected ruled out: " + ("by its names" if named else "by its area" if in_area
                                            else "by its questions only")] += 1
            else:
                c["expected ruled out: no"] += 1
        if decision.kind == "answer" and decision.id in ids:
            c["answer itself ruled out"] += 1
        kept_topic = m._topic_terms(m.analyzer.analyze(kept))
        c["asked part names a topic: " + ("yes" if kept_topic else "no")] += 1
        if decision.area is not None:
            c["answered as an area list"] += 1
    in_scope = sum(1 for case in cases if case.expect is not None)
    print(f"{cases_path} {mode}: {len(cases)} cases ({in_scope} in scope)")
    print_classes(counts)


if __name__ == "__main__":
    main()

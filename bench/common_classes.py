"""Aggregate counts: answers decided by words many items write, without printing any case's text.

`python bench/common_classes.py CASES KNOWLEDGE [MODE]`: for every case answered outright, whether it was right,
wrong (in scope, another item) or a near miss let through (out of scope), against features of what the question
shares with the item answered: whether every shared topic word is common in the knowledge base (written by a
share of its items), whether the question also holds a novel word (one the knowledge base never writes, two
syllables included) or a known topic word the item does not write. Counts only: usable on held-out sets.
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.counts import print_classes  # noqa: E402
from bench.replay import cases_and_matcher, context_before  # noqa: E402
from intents.analyzer import UNKNOWN_PREFIX  # noqa: E402
from knowledge.model import Intent  # noqa: E402


def main() -> None:
    cases_path, mode, cases, m = cases_and_matcher(sys.argv)
    topical = [e for e in m.entries if not isinstance(e.item, Intent)]
    df: Counter[str] = Counter(t for e in topical for t in e.strong | e.weak)
    n = len(topical)
    counts: dict[str, Counter[str]] = {}
    for case in cases:
        context = context_before(m, case)
        decision = m.match(case.text, context=context)
        if decision.kind != "answer" or decision.area is not None:
            continue
        item = m.kb.get(decision.id or "")
        if item is None or isinstance(item, Intent):
            continue
        cls = "oos" if case.expect is None else "right" if decision.id == case.expect else "wrong"
        c = counts.setdefault(cls, Counter())
        c["all"] += 1
        last = context.current() if context is not None else None
        if last == decision.id:
            c["the last item (follow-up)"] += 1
            continue
        if decision.score >= 100:
            c["score 100"] += 1
            continue
        kept, _ = m._split_exclusion(m._prepare(case.text))
        analysis = m.analyzer.analyze(kept)
        entry = m.entries[m.index_of[item.id]]
        topic = [t for t in dict.fromkeys(m._topic_terms(analysis, short_novel=True))]
        known = [t for t in topic if not t.startswith(UNKNOWN_PREFIX) and not t.isdigit()]
        novel = [t for t in topic if m.scope.is_novel(t)]
        shared = [t for t in known if t in entry.strong or t in entry.weak]
        other = [t for t in known if t not in shared]
        names = m.relevance.names.get(item.id, frozenset())
        for share in (0.1, 0.15, 0.2):
            rare = [t for t in shared if df[t] < share * n]
            rare_named = [t for t in rare if t in names]
            if novel and len(rare) <= 1:
                c[f"A df>={share}: novel, <=1 rare shared"] += 1
            if novel and not rare:
                c[f"B df>={share}: novel, no rare shared"] += 1
            if novel and len(rare) <= 1 and not rare_named:
                c[f"C df>={share}: novel, <=1 rare shared, not a name word"] += 1
            if novel and len(novel) >= len(rare):
                c[f"D df>={share}: novel >= rare shared"] += 1
            if (novel or other) and not rare:
                c[f"E df>={share}: novel|other, no rare shared"] += 1
            if other and not novel and not rare:
                c[f"F df>={share}: other known only, no rare shared"] += 1
        c[f"shared {min(len(shared), 3)}"] += 1
        c["kind: " + item.kind] += 1
        c["novel: " + ("yes" if novel else "no")] += 1
        c["other known: " + ("yes" if other else "no")] += 1
        c["a shared word is a name word: " + ("yes" if set(shared) & names else "no")] += 1
    print(f"{cases_path} {mode} ({n} items)")
    print_classes(counts)


if __name__ == "__main__":
    main()

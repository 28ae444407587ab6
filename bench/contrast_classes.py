"""Aggregate counts: why the near-miss contrast (intents/scope.py) did not rule out an answered item, without
printing any case's text.

`python bench/contrast_classes.py CASES KNOWLEDGE [MODE]`: for every case answered outright with a program, FAQ or
referral whose question holds a novel word (one the knowledge base never writes), right, wrong or out of scope:
where each novel word stands (beside a word the item writes or not), whether the item's names put a word in that
slot, and why no rival word was left (the question says it, it is generic, not of the same class). Counts only.
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.counts import print_classes  # noqa: E402
from bench.replay import cases_and_matcher, context_before  # noqa: E402
from intents.analyzer import UNKNOWN_PREFIX  # noqa: E402
from knowledge.model import Faq, Intent, Program, Referral  # noqa: E402


def main() -> None:
    cases_path, mode, cases, m = cases_and_matcher(sys.argv)
    sc = m.scope
    counts: dict[str, Counter[str]] = {}
    for case in cases:
        context = context_before(m, case)
        decision = m.match(case.text, context=context)
        item = m.kb.get(decision.id or "")
        if decision.kind != "answer" or decision.area is not None or item is None or isinstance(item, Intent):
            continue
        if context is not None and context.current() == decision.id:
            continue
        kept, _ = m._split_exclusion(m._prepare(case.text))
        analysis = m.analyzer.analyze(kept)
        novel = [t for t in analysis.terms if sc.is_novel(t)]
        cls = "oos" if case.expect is None else "right" if decision.id == case.expect else "wrong"
        c = counts.setdefault(cls, Counter())
        c["all"] += 1
        if not novel:
            c["no novel word"] += 1
            continue
        c["novel words: " + str(min(len(novel), 3))] += 1
        c["item kind: " + item.kind] += 1
        writes = m._writes(item.id)
        pairs = sc._pairs(kept)
        latin = all(not ("가" <= ch <= "힣") for ch in kept)
        named = [item.id] if isinstance(item, (Program, Referral)) else list(getattr(item, "programs", ()))
        own = set().union(*(sc._name_pairs.get((n, latin), frozenset()) for n in named)) if named else set()
        c["item has name pairs: " + ("yes" if own else "no")] += 1
        beside = [(a, b, inside, after) for a, b, inside, after in pairs
                  if (a in novel and b in writes) or (b in novel and a in writes)]
        c["a novel word beside a word the item writes: " + ("yes" if beside else "no")] += 1
        if not beside:
            far = any(t in writes for t in analysis.terms if not t.startswith(UNKNOWN_PREFIX))
            c["  not beside; item writes some question word: " + ("yes" if far else "no")] += 1
            continue
        reasons = set()
        for a, b, inside, after in beside:
            shared = b if a in novel else a
            if shared in m.generic:
                reasons.add("shared word generic")
                continue
            if shared.startswith(UNKNOWN_PREFIX):
                reasons.add("shared word unknown")
                continue
            if a in sc.askers or b in sc.askers or after in sc.askers:
                reasons.add("asker phrase")
            slot = {x for x, y in own if y == shared} if a in novel else {y for x, y in own if x == shared}
            if not slot:
                reasons.add("no name word in that slot" + (" (novel after)" if b in novel else " (novel before)"))
                continue
            rivals = {x for x in slot if x not in set(analysis.terms) and x not in m.generic}
            if not rivals:
                reasons.add("slot word said or generic")
                continue
            if a in novel and inside:
                reasons.add("novel inside a compound")
            reasons.add("rival left (other check)")
        for r in reasons:
            c["  why: " + r] += 1
        if isinstance(item, Faq):
            c["  FAQ about programs: " + ("yes" if item.programs else "no")] += 1
    print(f"{cases_path} {mode}")
    print_classes(counts)


if __name__ == "__main__":
    main()

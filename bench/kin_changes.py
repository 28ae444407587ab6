"""What kin words (intents/kin_words.py) change, case by case, as numbers only (held-out safe: no case text).

`python bench/kin_changes.py CASES KNOWLEDGE`: hybrid mode, every case matched with and without kin words. For each
case whose outcome changes: its class before -> after (right, wrong, suggest/fallback for in-scope cases; answered or
rejected for out-of-scope ones), the path that answered (clear lexical lead confirmed by the model, or the fusion),
and for each kin word used: its cosine to the knowledge-base word, its lead over the next word, how many items write
that word and whether the answered item writes it in its names and questions (strong) or only in its summary or
answer (weak).
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from intents.analyzer import UNKNOWN_PREFIX  # noqa: E402
from intents.evaluate import DEFAULT_CACHE, load_cases  # noqa: E402
from intents.kin_words import readable  # noqa: E402
from intents.matcher import Matcher  # noqa: E402
from knowledge.loader import load_or_raise  # noqa: E402
from bench.replay import context_before  # noqa: E402

SEEN: dict[str, object] = {}


def outcome(decision, expect) -> str:  # type: ignore[no-untyped-def]
    if expect is None:
        return "oos-answered" if decision.kind == "answer" else "oos-rejected"
    if decision.kind == "answer":
        return "right" if decision.id == expect else "wrong"
    return decision.kind


def main() -> None:
    cases_path, knowledge = Path(sys.argv[1]), Path(sys.argv[2])
    kb = load_or_raise(knowledge, Path("intents"))
    cases, _ = load_cases(cases_path, {item.id for item in kb.items()})
    m = Matcher.for_mode(kb, "hybrid", DEFAULT_CACHE, cache_size=0)
    kin = m.kin_words
    assert kin is not None and m.embedder is not None
    confirmed = Matcher._confirmed

    def spy(self, *args, **named):  # type: ignore[no-untyped-def]
        found = confirmed(self, *args, **named)
        SEEN["confirmed"] = found is not None
        return found

    Matcher._confirmed = spy  # type: ignore[method-assign]
    changes: Counter[str] = Counter()
    for case in cases:
        decisions = []
        for words in (None, kin):
            m.kin_words = words
            context = context_before(m, case)
            SEEN.clear()
            decisions.append((m.match(case.text, context=context), SEEN.get("confirmed", False)))
        (before, _), (after, by_lead) = decisions
        a, b = outcome(before, case.expect), outcome(after, case.expect)
        if a == b and before.id == after.id:
            continue
        changes[f"{a} -> {b}"] += 1
        rows = []
        terms = m.analyzer.analyze(case.text).terms
        for term in dict.fromkeys(t for t in terms if t.startswith(UNKNOWN_PREFIX) and readable(t)):
            similarity = kin.matrix @ m.embedder.embed_one(term[len(UNKNOWN_PREFIX):])
            order = np.argsort(-similarity)[:2]
            word = kin.words[int(order[0])]
            if similarity[order[0]] < kin.settings.cosine:
                continue
            index = m.index_of.get(after.id or "", -1)
            entry = m.entries[index] if index >= 0 else None
            how = "strong" if entry is not None and word in entry.strong else \
                "weak" if entry is not None and word in entry.weak else "-"
            rows.append(f"cos={similarity[order[0]]:.3f} lead={similarity[order[0]] - similarity[order[1]]:.3f} "
                        f"writers={len(kin.writers[word])} {how}")
        print(f"{a:13s} -> {b:13s} path={'lead' if by_lead else 'fusion'} {after.kind:8s} | " + " ; ".join(rows))
    print(f"{cases_path}: " + ", ".join(f"{k} {n}" for k, n in sorted(changes.items())))


if __name__ == "__main__":
    main()

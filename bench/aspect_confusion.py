"""Where the aspect figure is lost, per evaluation set: aggregate counts only (docs/matching.md).

    PYTHONPATH=. python bench/aspect_confusion.py [hybrid|lexical] [SET ...]

For the cases that expect an aspect: how many were not answered with their item (the aspect figure counts
them as missed), and for the answered ones a confusion count of the aspect expected -> the aspect shown
(`-` for none), with the lexicon cue that decided each wrong one (a word of intents/lexicon/aspects.yaml, or
`permission` for a "can I"; `-` where no cue did: the model's text or the section words). Only totals and
lexicon words are printed, so held-out sets may be measured without reading a case.
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from intents.evaluate import DEFAULT_CACHE, evaluate, load_cases
from intents.matcher import Matcher
from knowledge.loader import load_or_raise

D = Path("tests/data")
K = Path("knowledge")
SETS = [("eval", D / "eval.yaml", K), ("holdout", D / "holdout.yaml", K), ("people", D / "people.yaml", K),
        ("people_holdout", D / "people_holdout.yaml", K), ("alt", D / "alt/eval.yaml", D / "alt/knowledge"),
        ("blind", D / "blind/eval.yaml", D / "blind/knowledge"),
        ("blind2", D / "blind2/eval.yaml", D / "blind2/knowledge"),
        ("blind3", D / "blind3/eval.yaml", D / "blind3/knowledge")] + [
    (f"fresh{n}", D / f"fresh{n}.yaml", K) for n in ("", "2", "3", "4", "5", "6", "7")]


def confusion(cases_path: Path, knowledge: Path, mode: str) -> tuple[int, int, Counter[tuple[str, str]], Counter[str]]:
    kb = load_or_raise(knowledge, Path("intents"))
    matcher = Matcher.for_mode(kb, mode, DEFAULT_CACHE, cache_size=0)
    cases, _ = load_cases(cases_path, {item.id for item in kb.items()})
    total = unanswered = 0
    pairs: Counter[tuple[str, str]] = Counter()
    cues: Counter[str] = Counter()
    for outcome in evaluate(matcher, cases):
        if not (outcome.in_scope and outcome.case.aspect):
            continue
        total += 1
        if not outcome.answered:
            unanswered += 1
            continue
        pairs[(outcome.case.aspect, outcome.decision.aspect or "-")] += 1
        if outcome.decision.aspect != outcome.case.aspect:
            program = kb.program(outcome.decision.id or "")
            names = [*(v for _, v in program.name.values), *program.aliases] if program else []
            cue = matcher.aspects.reading(outcome.case.text, names)[1] or "-"
            cues[f"{outcome.case.aspect[:4]}>{(outcome.decision.aspect or '-')[:4]}:{cue}"] += 1
    return total, unanswered, pairs, cues


def main() -> int:
    args = sys.argv[1:]
    mode = args.pop(0) if args and args[0] in ("hybrid", "lexical") else "hybrid"
    wanted = set(args)
    for name, cases, knowledge in SETS:
        if (wanted and name not in wanted) or not cases.exists():
            continue
        total, unanswered, pairs, cues = confusion(cases, knowledge, mode)
        right = sum(n for (a, b), n in pairs.items() if a == b)
        missed = " ".join(f"{a[:4]}>{b[:4]}:{n}" for (a, b), n in sorted(pairs.items()) if a != b)
        print(f"{name:15s} {mode} aspect cases={total} right={right} unanswered={unanswered} | {missed}")
        if cues:
            print(f"{'':15s} cues: " + " ".join(f"{k}={n}" for k, n in sorted(cues.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())

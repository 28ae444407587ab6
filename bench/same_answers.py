"""Whether a speed change left every answer as it was: each case's whole decision, digested, before and after.

    .venv/bin/python bench/same_answers.py --save /tmp/before.json     # on the old code
    .venv/bin/python bench/same_answers.py --compare /tmp/before.json  # on the new code: exit 1 on a change

Every evaluation set (the held-out ones too) in both modes, run as `bot.py eval` runs them (the chat before a
multi-turn case included, no decision cache). A decision is compared whole: kind, item, aspect, score, every
candidate with its score, language and area, so a change that moves a score without changing a figure shows
too. Only digests and counts are printed and saved: no case of a held-out set is shown or written out.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from intents.decision import Decision  # noqa: E402
from intents.evaluate import DEFAULT_CACHE, evaluate, load_cases  # noqa: E402
from intents.matcher import Matcher  # noqa: E402
from knowledge.loader import load_or_raise  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SHIPPED = ROOT / "knowledge"
# (name, cases, knowledge): the sets /work/grid.sh reports.
SETS = [("eval", DATA / "eval.yaml", SHIPPED), ("holdout", DATA / "holdout.yaml", SHIPPED),
        ("people", DATA / "people.yaml", SHIPPED), ("people_holdout", DATA / "people_holdout.yaml", SHIPPED),
        ("alt", DATA / "alt" / "eval.yaml", DATA / "alt" / "knowledge"),
        ("blind", DATA / "blind" / "eval.yaml", DATA / "blind" / "knowledge"),
        ("blind2", DATA / "blind2" / "eval.yaml", DATA / "blind2" / "knowledge"),
        ("fresh", DATA / "fresh.yaml", SHIPPED),
        ("blind3", DATA / "blind3" / "eval.yaml", DATA / "blind3" / "knowledge"),
        ("fresh2", DATA / "fresh2.yaml", SHIPPED), ("fresh3", DATA / "fresh3.yaml", SHIPPED)]


def digest(decision: Decision) -> str:
    """A short hash of everything a decision says."""
    whole = repr((decision.kind, decision.id, decision.aspect, decision.score, decision.lang, decision.area,
                  tuple((c.id, c.kind, c.score) for c in decision.candidates)))
    return hashlib.sha256(whole.encode("utf-8")).hexdigest()[:12]


def run(modes: list[str]) -> dict[str, list[str]]:
    """`set/mode` -> the digest of each case's decision, in the order of the file."""
    from intents.semantic import shared_embedder

    out: dict[str, list[str]] = {}
    for mode in modes:
        embedder = shared_embedder() if mode == "hybrid" else None
        for name, cases_path, knowledge in SETS:
            if not cases_path.exists():
                continue
            kb = load_or_raise(knowledge, ROOT / "intents")
            cases, _ = load_cases(cases_path, {item.id for item in kb.items()})
            matcher = Matcher(kb, cache_size=0, embedder=embedder, cache_dir=DEFAULT_CACHE)
            out[f"{name}/{matcher.mode}"] = [digest(o.decision) for o in evaluate(matcher, cases)]
            print(f"{name:<15} {matcher.mode:<7} {len(cases):>4} cases", file=sys.stderr)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", type=Path, help="write the digests here")
    group.add_argument("--compare", type=Path, help="compare with digests saved before")
    parser.add_argument("--modes", nargs="+", default=["hybrid", "lexical"])
    args = parser.parse_args()
    digests = run(args.modes)
    if args.save:
        args.save.write_text(json.dumps(digests))
        return 0
    before = json.loads(args.compare.read_text())
    changed = 0
    for key, now in digests.items():
        then = before.get(key)
        if then is None:
            print(f"{key:<22} not in the saved run")
            continue
        differ = sum(a != b for a, b in zip(then, now)) + abs(len(then) - len(now))
        changed += differ
        print(f"{key:<22} {len(now):>4} cases, {differ} decisions changed")
    print("same answers" if not changed else f"{changed} decisions changed")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())

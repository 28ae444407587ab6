"""Where long messages fail, in counts only: safe to run on the held-out sets (no case text is printed).

    .venv/bin/python bench/long_outcomes.py [--mode hybrid|lexical] [--tag long] [SET ...]

For every case of a set carrying the tag (default `long`), its outcome: in scope `right` (aspect missed or
not), `wrong`, `suggest` with the expected item among the first three or not, `fallback` with it or without;
out of scope `rejected` or `answered`. Then the same outcomes crossed with what the message looks like, read
structurally (how many units the story has, whether its asking unit is English, how many question marks, whether
the asking unit names a topic of its own, whether the first reading of the story decided it). Only counts are
printed, never a text, an id or a line number. SET names are those of bench/same_answers.py (default: all).
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from intents.evaluate import DEFAULT_CACHE, Outcome, evaluate, load_cases  # noqa: E402
from intents.matcher import Matcher  # noqa: E402
from intents.story import _own_topic, asking_clause, first_reading, read_story, stated_need, without_asker  # noqa: E402
from knowledge.loader import load_or_raise  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SHIPPED = ROOT / "knowledge"
SETS = {"eval": (DATA / "eval.yaml", SHIPPED), "holdout": (DATA / "holdout.yaml", SHIPPED),
        "people": (DATA / "people.yaml", SHIPPED), "people_holdout": (DATA / "people_holdout.yaml", SHIPPED),
        "long": (DATA / "long.yaml", SHIPPED),
        "alt": (DATA / "alt" / "eval.yaml", DATA / "alt" / "knowledge"),
        "alt_long": (DATA / "alt" / "long.yaml", DATA / "alt" / "knowledge"),
        "blind": (DATA / "blind" / "eval.yaml", DATA / "blind" / "knowledge"),
        "blind_long": (DATA / "blind" / "long.yaml", DATA / "blind" / "knowledge"),
        "blind2": (DATA / "blind2" / "eval.yaml", DATA / "blind2" / "knowledge"),
        "blind3": (DATA / "blind3" / "eval.yaml", DATA / "blind3" / "knowledge"),
        "fresh": (DATA / "fresh.yaml", SHIPPED), "fresh2": (DATA / "fresh2.yaml", SHIPPED),
        "fresh3": (DATA / "fresh3.yaml", SHIPPED), "fresh4": (DATA / "fresh4.yaml", SHIPPED),
        "fresh5": (DATA / "fresh5.yaml", SHIPPED), "fresh6": (DATA / "fresh6.yaml", SHIPPED)}
_HANGUL = re.compile(r"[가-힣]")


def outcome(o: Outcome) -> str:
    d, expect = o.decision, o.case.expect
    if expect is None:
        return "oos_answered" if d.kind == "answer" else "oos_rejected"
    if o.answered:
        return "right" if not o.case.aspect or o.aspect_shown else "right_aspect_missed"
    if d.kind == "answer":
        return "wrong_top3" if o.top3 else "wrong"
    near = "_top3" if expect in [c.id for c in d.candidates[:3]] else ""
    return f"{d.kind}{near}"


def shape(matcher: Matcher, o: Outcome) -> dict[str, str]:
    """What the message looks like, structurally (no text)."""
    text = o.case.text
    story = read_story(matcher._split_exclusion(matcher._prepare(text))[0])
    if story is None:
        return {"units": "1", "ask_lang": "en" if not _HANGUL.search(text) else "ko",
                "qmarks": str(min(text.count("?") + text.count("？"), 2)), "own_topic": "-", "first_reading": "-",
                "context": "yes" if o.case.before else "no", "question_alone": "-", "stated_need": "-",
                "asker_words": "-"}
    asked = matcher.analyzer.analyze(story.question)
    lang = "ko" if _HANGUL.search(story.question) else "en"
    first = first_reading(matcher, story, lang, frozenset())
    told, asking = asking_clause(story)
    alone = matcher.match(story.question)  # the question sent alone, every reading (hybrid: the model too)
    expect = o.case.expect
    need = stated_need(" ".join((*story.units[: story.asking], told)))
    with_need = matcher._decide_analysis(matcher.analyzer.analyze(f"{need} {without_asker(asking)}"), lang, frozenset()) \
        if need else None
    need_says = "-" if with_need is None else "right" if with_need.kind == "answer" and with_need.id == expect \
        else "wrong" if with_need.kind == "answer" else "top1" if with_need.candidates and \
        with_need.candidates[0].id == expect else "other"
    alone_says = "right" if alone.kind == "answer" and alone.id == expect else "wrong" if alone.kind == "answer" \
        else "top1" if alone.candidates and alone.candidates[0].id == expect else "other"
    return {"units": str(min(len(story.units), 5)) + ("c" if story.clauses else "s"),
            "ask_lang": lang, "qmarks": str(min(text.count("?") + text.count("？"), 2)),
            "own_topic": "yes" if _own_topic(matcher, asked) else "no",
            "first_reading": "none" if first is None else first.kind,
            "context": "yes" if o.case.before else "no",
            "question_alone": alone_says,
            "stated_need": need_says,
            "asker_words": "yes" if without_asker(asking) != " ".join(asking.lower().split()).strip(" ?.!") else "no"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", default=list(SETS))
    parser.add_argument("--mode", default="hybrid", choices=("hybrid", "lexical"))
    parser.add_argument("--tag", default="long")
    args = parser.parse_args()
    for name in args.sets:
        cases_path, knowledge = SETS[name]
        if not cases_path.exists():
            continue
        kb = load_or_raise(knowledge, ROOT / "intents")
        cases, _ = load_cases(cases_path, {item.id for item in kb.items()})
        tagged = [c for c in cases if args.tag in c.tags]
        if not tagged:
            continue
        matcher = Matcher.for_mode(kb, args.mode, DEFAULT_CACHE, cache_size=0)
        outcomes = evaluate(matcher, tagged)
        total = Counter(outcome(o) for o in outcomes)
        print(f"{name} {args.mode} {args.tag}: {len(tagged)} cases: "
              + " ".join(f"{k}={v}" for k, v in sorted(total.items())))
        shapes = [(shape(matcher, o), outcome(o)) for o in outcomes]
        for key in ("units", "ask_lang", "qmarks", "own_topic", "first_reading", "context", "question_alone",
                    "stated_need", "asker_words"):
            cross: dict[str, Counter[str]] = {}
            for features, result in shapes:
                cross.setdefault(features[key], Counter())[result] += 1
            row = "; ".join(f"{value}: " + " ".join(f"{k}={v}" for k, v in sorted(c.items()))
                            for value, c in sorted(cross.items()))
            print(f"  {key:13s} {row}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`python bot.py eval CASES`: score evaluation cases against a knowledge base.

The JSON keys are a contract other tools read (see ../shared/knowledge-format.md); add keys, never
rename or drop them.
"""
from __future__ import annotations

import json
import os
import statistics
import sys
import time
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import IO, Final, Union

import yaml

from intents.context import context_after
from intents.decision import Decision
from intents.matcher import Matcher
from knowledge.model import ASPECTS


@dataclass(frozen=True)
class Case:
    text: str  # the message scored; with earlier turns, the last of them
    expect: str | None
    aspect: str | None = None
    tags: tuple[str, ...] = ()
    line: int = 0
    before: tuple[str, ...] = ()  # earlier messages of the same chat (a multi-turn case), oldest first


@dataclass
class Outcome:
    case: Case
    decision: Decision
    ms: float

    @property
    def in_scope(self) -> bool:
        return self.case.expect is not None

    @property
    def answered(self) -> bool:
        return self.decision.kind == "answer" and self.decision.id == self.case.expect

    @property
    def wrong(self) -> bool:
        return self.in_scope and self.decision.kind == "answer" and self.decision.id != self.case.expect

    @property
    def top3(self) -> bool:
        # An area's list is answered with the browse intent while its candidates are the area's programs:
        # a right outright answer is among the first three whatever the candidates hold.
        return self.answered or self.case.expect in [c.id for c in self.decision.candidates[:3]]

    @property
    def correct(self) -> bool:
        """The right outright answer in scope; no outright answer out of scope."""
        return self.answered if self.in_scope else self.decision.kind != "answer"

    @property
    def aspect_shown(self) -> bool:
        return self.answered and self.decision.aspect == self.case.aspect


@dataclass
class Report:
    outcomes: list[Outcome]
    problems: list[str] = field(default_factory=list)
    mode: str = "lexical"

    def figures(self) -> dict:
        outcomes = self.outcomes
        in_scope = [o for o in outcomes if o.in_scope]
        out_scope = [o for o in outcomes if not o.in_scope]
        with_aspect = [o for o in in_scope if o.case.aspect]
        times = sorted(o.ms for o in outcomes)
        tags: dict[str, list[Outcome]] = {}
        for outcome in outcomes:
            for tag in outcome.case.tags:
                tags.setdefault(tag, []).append(outcome)
        return {
            "cases": len(outcomes),
            "in_scope": len(in_scope),
            "out_of_scope": len(out_scope),
            "answered": _share(in_scope, lambda o: o.answered),
            "top3": _share(in_scope, lambda o: o.top3),
            "wrong": _share(in_scope, lambda o: o.wrong),
            "oos_rejected": _share(out_scope, lambda o: o.decision.kind != "answer"),
            "aspect": _share(with_aspect, lambda o: o.aspect_shown),
            "p50_ms": round(_percentile(times, 50), 3),
            "p99_ms": round(_percentile(times, 99), 3),
            "by_tag": {tag: {"cases": len(items), "correct": _share(items, lambda o: o.correct)}
                       for tag, items in sorted(tags.items())},
            "oos_suggested": _share(out_scope, lambda o: o.decision.kind == "suggest"),
            "mode": self.mode,
            "tags": {tag: _tag_figures(items) for tag, items in sorted(tags.items())},
            # Extensions (not in the contract): first candidate right, and how decisions split.
            "top1": _share(in_scope, lambda o: bool(o.decision.candidates)
                           and o.decision.candidates[0].id == o.case.expect),
            "suggested": _share(outcomes, lambda o: o.decision.kind == "suggest"),
            "invalid_cases": len(self.problems),
        }


def _tag_figures(items: list[Outcome]) -> dict:
    """The contract's figures for the cases of one tag."""
    in_scope = [o for o in items if o.in_scope]
    out_scope = [o for o in items if not o.in_scope]
    with_aspect = [o for o in in_scope if o.case.aspect]
    figures = {"cases": len(items), "correct": _share(items, lambda o: o.correct), "in_scope": len(in_scope),
               "out_of_scope": len(out_scope)}
    if in_scope:
        figures.update(answered=_share(in_scope, lambda o: o.answered), top3=_share(in_scope, lambda o: o.top3),
                       wrong=_share(in_scope, lambda o: o.wrong))
    if out_scope:
        figures.update(oos_rejected=_share(out_scope, lambda o: o.decision.kind != "answer"),
                       oos_suggested=_share(out_scope, lambda o: o.decision.kind == "suggest"))
    if with_aspect:
        figures["aspect"] = _share(with_aspect, lambda o: o.aspect_shown)
    return figures


def _share(items: list[Outcome], test) -> float:
    return round(sum(1 for o in items if test(o)) / len(items), 4) if items else 0.0


def _percentile(sorted_values: list[float], pct: float) -> float:
    if not sorted_values:
        return 0.0
    if len(sorted_values) == 1:
        return sorted_values[0]
    return statistics.quantiles(sorted_values, n=100, method="inclusive")[int(pct) - 1] if pct < 100 \
        else sorted_values[-1]


def load_cases(path: Path, known_ids: set[str] | None = None) -> tuple[list[Case], list[str]]:
    """Cases and problems ("file:line: what is wrong"); a bad case is skipped, not fatal."""
    source = path.read_text(encoding="utf-8")
    try:
        root = yaml.compose(source, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise ValueError(f"{where}: not valid YAML: {getattr(error, 'problem', error)}") from None
    if root is None:
        return [], [f"{path}: no cases"]
    if not isinstance(root, yaml.SequenceNode):
        raise ValueError(f"{path}:{root.start_mark.line + 1}: expected a list of cases")
    cases: list[Case] = []
    problems: list[str] = []
    for node in root.value:
        line = node.start_mark.line + 1
        fields = _fields(node)
        text, expect = fields.get("text", _MISSING), fields.get("expect", _MISSING)
        before: tuple[str, ...] = ()
        if isinstance(text, list) and text and all(isinstance(t, str) for t in text):
            # A multi-turn case: the messages of one chat in order; the last one is scored.
            *earlier, text = text
            before = tuple(str(t) for t in earlier)  # texts, as checked above
        if not isinstance(text, str) or expect is _MISSING or isinstance(expect, list):
            problems.append(f"{path}:{line}: a case needs `text` (a string, or a list of messages) and "
                            "`expect` (an id or null)")
            continue
        if expect is not None and known_ids is not None and expect not in known_ids:
            problems.append(f"{path}:{line}: expect '{expect}' is not an id in the knowledge base; case skipped")
            continue
        written = fields.get("aspect")
        aspect = written if isinstance(written, str) and written in ASPECTS else None
        if written is not None and aspect is None:
            problems.append(f"{path}:{line}: aspect '{written}' is not one of {', '.join(ASPECTS)}")
        tags = fields.get("tags")
        tags = tags if isinstance(tags, list) else [tags] if isinstance(tags, str) else []
        cases.append(Case(text, expect, aspect, tuple(dict.fromkeys(t for t in tags if t)), line, before))
    return cases, problems


class _Missing(Enum):
    """A field written as something a case cannot hold (a mapping), or not written at all."""
    MISSING = "missing"


_MISSING: Final = _Missing.MISSING
# A case's field as written: text, null, a list of texts, or _MISSING.
Field = Union[str, None, list[Union[str, None]], _Missing]
# The model's vectors of knowledge texts, kept between runs (beside the default database).
DEFAULT_CACHE = Path(__file__).resolve().parent.parent / "data" / "cache"


def _fields(node: yaml.Node) -> dict[str, Field]:
    """A case's fields as written: plain values stay text (`text: no` is "no", not False, as in the
    knowledge loader); null is None; a list is a list of texts."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    fields: dict[str, Field] = {}
    for key, value in node.value:
        if isinstance(value, yaml.SequenceNode):
            fields[str(key.value)] = [_scalar(v) for v in value.value if isinstance(v, yaml.ScalarNode)]
        elif isinstance(value, yaml.ScalarNode):
            fields[str(key.value)] = _scalar(value)
        else:
            fields[str(key.value)] = _MISSING
    return fields


def _scalar(node: yaml.ScalarNode) -> str | None:
    if node.tag == "tag:yaml.org,2002:null" or (node.style is None and node.value in ("", "~", "null", "Null", "NULL")):
        return None
    return node.value


def evaluate(matcher: Matcher, cases: list[Case]) -> list[Outcome]:
    outcomes = []
    for case in cases:
        context = None
        for earlier in case.before:  # the chat so far, remembered as the bot remembers it
            context = context_after(matcher.match(earlier, context=context), matcher, context, earlier)
        start = time.perf_counter()
        decision = matcher.match(case.text, context=context)
        outcomes.append(Outcome(case, decision, (time.perf_counter() - start) * 1000))
    return outcomes


def run_eval(cases_path: Path, knowledge_dir: Path, intents_dir: Path, *, as_json: bool = False,
             failures: bool = False, out: IO[str] = sys.stdout, mode: str | None = None,
             cache_dir: Path | None = DEFAULT_CACHE) -> int:
    """`mode`: "hybrid" or "lexical"; None reads MATCHER_MODE (default hybrid), as the bot does."""
    from knowledge.loader import KnowledgeError, load_or_raise

    try:
        kb = load_or_raise(knowledge_dir, intents_dir)
    except KnowledgeError as error:
        print(f"The knowledge base has errors; run `python bot.py check`:\n{error}", file=sys.stderr)
        return 1
    try:
        cases, problems = load_cases(cases_path, {item.id for item in kb.items()})
    except (OSError, ValueError) as error:
        print(error, file=sys.stderr)
        return 1
    for problem in problems:
        print(problem, file=sys.stderr)
    mode = mode or os.environ.get("MATCHER_MODE", "").strip().lower() or "hybrid"
    matcher = Matcher.for_mode(kb, mode, cache_dir, cache_size=0)  # time every case as if it were new
    report = Report(evaluate(matcher, cases), problems, matcher.mode)
    figures = report.figures()
    if failures:
        _print_failures(report.outcomes, out)
    if as_json:
        print(json.dumps(figures, ensure_ascii=False), file=out)
    else:
        _print_table(figures, out)
    return 0


def _print_table(figures: dict, out: IO[str]) -> None:
    print(f"cases {figures['cases']} (in scope {figures['in_scope']}, out of scope {figures['out_of_scope']})",
          file=out)
    print(f"  mode          {figures['mode']}", file=out)
    for key in ("answered", "top3", "wrong", "oos_rejected", "oos_suggested", "aspect", "top1", "suggested"):
        print(f"  {key:<13} {figures[key]:.3f}", file=out)
    print(f"  p50_ms        {figures['p50_ms']:.3f}\n  p99_ms        {figures['p99_ms']:.3f}", file=out)
    print("by tag:", file=out)
    for tag, row in figures["by_tag"].items():
        print(f"  {tag:<13} {row['correct']:.3f}  ({row['cases']} cases)", file=out)


def _print_failures(outcomes: list[Outcome], out: IO[str]) -> None:
    for o in outcomes:
        aspect_missed = o.case.aspect and o.answered and not o.aspect_shown
        if o.correct and not aspect_missed:
            continue
        d = o.decision
        got = f"{d.kind} {d.id or ''}".strip()
        cands = ", ".join(f"{c.id} {c.score:.0f}" for c in d.candidates)
        expected = o.case.expect or "(out of scope)"
        extra = f" aspect {d.aspect} != {o.case.aspect}" if aspect_missed else ""
        turns = "".join(f"{t!r} -> " for t in o.case.before)
        print(f"line {o.case.line}: {turns}{o.case.text!r}: expected {expected}, got {got}{extra} [{cands}]", file=out)

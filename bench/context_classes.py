"""Aggregate how multi-turn (context) cases end, without printing any case's text.

`python bench/context_classes.py CASES KNOWLEDGE [MODE]`: for every case with earlier messages, what the chat
remembered before the last message (the last item's kind, options shown and of what kind), how the expected
item relates to it (the last item, one of the options, a program the last FAQ points to, another), and how the
last message was decided (right, wrong, suggestions holding the expected item, fallback, small talk). Counts
only: usable on held-out sets (HELPERS.md).
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from intents.analyzer import UNKNOWN_PREFIX  # noqa: E402
from intents.context import option_area  # noqa: E402
from intents.matcher import Matcher  # noqa: E402
from knowledge.model import Faq, Intent  # noqa: E402
from bench.replay import cases_and_matcher, context_before  # noqa: E402


def features(m: Matcher, text: str, last: str) -> list[str]:
    """Aggregate features of a follow-up message read against the last item (no text)."""
    prepared = m._prepare(text)
    kept, excluded = m._split_exclusion(prepared)
    analysis = m.analyzer.analyze(kept)
    words = analysis.normalized.split()
    topic = m._topic_terms(analysis)
    entry = m.entries[m.index_of[last]]
    body = m.options._body.get(last, frozenset())
    unknown = [t for t in topic if t.startswith(UNKNOWN_PREFIX)]
    written = m.options._written.get(last, "")
    unknown_written = [t for t in unknown if t[1:] in written]
    known = [t for t in topic if not t.startswith(UNKNOWN_PREFIX)]
    own = [t for t in known if t in entry.strong or t in entry.weak or t in body]
    other = [t for t in known if t not in own and m.options._names_other(t, m.index_of[last])]
    pointing = any(w in m.options.words.pointers_ko or w in m.options.words.pointing_en for w in words)
    out = [f"words {min(len(words), 9)}", f"topic words {min(len(topic), 4)}",
           f"unknown topic {min(len(unknown), 2)} (card writes {len(unknown_written)})",
           f"known topic own/not {len(own)}/{len(known) - len(own)}", f"other item's word {min(len(other), 2)}",
           f"aspect {m.aspects.detect(prepared, analysis.terms)}", f"lang {analysis.lang}",
           f"asking {m.options._asking(analysis)}", f"pointing {pointing}",
           f"novel {bool(m.options.followups.novel(analysis))}", f"excluded {bool(excluded)}",
           f"question mark {'?' in text}"]
    f = m.options.followups
    out.append(f"contrast {f.contrasts(analysis)}")
    out.append(f"names another {m.talk.names_another(analysis, m.index_of[last])}")
    terms = [t for t in analysis.terms if not t.startswith(UNKNOWN_PREFIX) and t not in m.verb_terms]
    weights = m._weights(analysis.terms)
    best = max((i for i in range(len(m.entries)) if i != m.index_of[last]),
               key=lambda i: f._fit(i, terms, weights, partly=True))
    rival = f._fit(best, terms, weights, partly=True)
    mine = f._fit(m.index_of[last], terms, weights, partly=True)
    out.append(f"fit ratio {min(9, round(mine / rival, 1)) if rival else 'inf'}")
    out.append(f"card writes all topic {f._fit(m.index_of[last], [t for t in known], {}) is not None}")
    return out


def main() -> None:
    cases_path, mode, cases, m = cases_and_matcher(sys.argv)
    counts: Counter[str] = Counter()
    details: Counter[str] = Counter()
    for case in cases:
        if not case.before:
            continue
        context = context_before(m, case)
        decision = m.match(case.text, context=context)
        last = context.current() if context is not None else None
        options = context.current_options() if context is not None else ()
        item = m.kb.get(last or "")
        remembered = f"last {item.kind if item else 'none'}" + (
            f", options {'areas' if any(option_area(o) for o in options) else len(options)}" if options else "")
        expect = case.expect
        if expect is None:
            relation = "oos"
        elif expect == last:
            relation = "expects the last item"
        elif expect in options:
            relation = "expects an option"
        elif isinstance(item, Faq) and expect in item.programs:
            relation = "expects a program the FAQ points to"
        else:
            relation = "expects another item"
        answered = m.kb.get(decision.id or "") if decision.kind == "answer" else None
        if expect is None:
            outcome = "rejected" if decision.kind != "answer" else "answered (oos let through)"
        elif decision.kind == "answer" and decision.id == expect:
            outcome = "right" + ("" if not case.aspect or decision.aspect == case.aspect else " (aspect missed)")
        elif decision.kind == "answer" and isinstance(answered, Intent):
            outcome = "small talk / intent"
        elif decision.kind == "answer":
            outcome = "wrong: the last item" if decision.id == last else "wrong: another item"
        elif decision.kind == "suggest":
            outcome = "suggest, expected in top3" if expect in [c.id for c in decision.candidates[:3]] \
                else "suggest without it"
        else:
            outcome = "fallback" + (" (which-aspect)" if decision.aspect else "")
        counts[f"{relation} | {remembered} | {outcome}"] += 1
        if relation == "expects the last item" and not outcome.startswith("right"):
            place = [c.id for c in decision.candidates].index(last) + 1 if last in [c.id for c in decision.candidates] else 0
            details[f"{outcome}: " + ", ".join(features(m, case.text, last or "")) + f", last item's place {place}"
                    + (f", answered {answered.kind}" if answered is not None else "")] += 1
    print(f"{cases_path} {mode}: context cases {sum(counts.values())}")
    for key, n in sorted(counts.items()):
        print(f"  {n:3d}  {key}")
    print("  misses on the last item, by feature:")
    for key, n in sorted(details.items()):
        print(f"  {n:3d}  {key}")


if __name__ == "__main__":
    main()

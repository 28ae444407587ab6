"""Why English questions miss: aggregate classes of the cases tagged `english`, counts only (held-out safe).

`python bench/english_classes.py CASES KNOWLEDGE [MODE]`: for every case tagged english, its outcome (right,
wrong, offered with the right item among the first three, offered without it, fallback with or without it) and,
per outcome, the features that may explain it: one message or several, length in words, sentences, a
self-introduction, how many words the analyser does not know (and whether the knowledge base never writes
them), whether the lexical ranking and the model's nearest item put the right item first, the aspect asked and
shown. Prints counts, never a case's text (HELPERS.md).
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from intents.analyzer import UNKNOWN_PREFIX  # noqa: E402
from bench.counts import print_classes  # noqa: E402
from bench.replay import cases_and_matcher, context_before  # noqa: E402

INTRO = re.compile(r"\b(i am|i'm|im|we are|we're|my name|i run|we run|i own|i work|our company|my company|"
                   r"this is)\b", re.I)
# Ordinary English words of any sentence (a broad list, for counting only: which unknown words are these).
COMMON = frozenset("""a about above after again against all am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had has have having he
her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now
of off on once only or other our ours ourselves out over own same she should so some such than that the their
theirs them themselves then there these they this those through to too under until up very was we were what when
where which while who whom why will with would you your yours yourself yourselves hi hello dear sir madam thanks
thank please regards kindly would like want wanted wondering wonder could possible possibly also still yet already
currently recently soon later next last year years month months week weeks day days time times people person guy
guys someone anyone everyone something anything nothing thing things kind sort type lot lots bit little big
small large new old good great best better nice ok okay sure yes yeah really actually basically just even
maybe perhaps whether either neither every each many much more less least enough quite rather pretty very so
around about approximately roughly mostly mainly usually often sometimes always never ever again already
get got getting give given gave go going went gone come coming came make making made take taking took put
let know knew known think thought see seen saw look looking find found tell told say said ask asked use used
need needed try tried start started help helped work working run running keep kept""".split())


def outcome(case, decision) -> str:
    top3 = [c.id for c in decision.candidates[:3]]
    if case.expect is None:
        return "oos rejected" if decision.kind != "answer" else "oos ANSWERED"
    if decision.kind == "answer":
        return "right" if decision.id == case.expect else "WRONG"
    if decision.kind == "suggest":
        return "offered, right in top3" if case.expect in top3 else "offered, right not in top3"
    return "fallback, right in top3" if case.expect in top3 else "fallback, right not in top3"


def main() -> None:
    tag = sys.argv[4] if len(sys.argv) > 4 else "english"
    cases_path, mode, cases, m = cases_and_matcher(sys.argv)
    counts: dict[str, Counter[str]] = {}
    total: Counter[str] = Counter()
    for case in cases:
        if tag not in case.tags:
            continue
        context = context_before(m, case)
        decision = m.match(case.text, context=context)
        cls = outcome(case, decision)
        total[cls] += 1
        c = counts.setdefault(cls, Counter())
        c["turns: " + ("several" if case.before else "one")] += 1
        words = len(case.text.split())
        c["words: " + ("<=6" if words <= 6 else "7-12" if words <= 12 else "13-25" if words <= 25 else ">25")] += 1
        sentences = len([s for s in re.split(r"[.?!]+\s", case.text.strip()) if s.strip()])
        c["sentences: " + (str(sentences) if sentences < 3 else "3+")] += 1
        if INTRO.search(case.text):
            c["self-introduction"] += 1
        c["decision lang: " + decision.lang] += 1
        prepared = m._prepare(case.text)
        kept, _ = m._split_exclusion(prepared)
        analysis = m.analyzer.analyze(kept)
        unknown = [t[len(UNKNOWN_PREFIX):] for t in analysis.terms if t.startswith(UNKNOWN_PREFIX)]
        latin = [w for w in unknown if w.isascii()]
        novel = [t for t in analysis.terms if t.startswith(UNKNOWN_PREFIX) and m.scope.is_novel(t)]
        c[f"unknown English words: {min(len(latin), 3)}{'+' if len(latin) >= 3 else ''}"] += 1
        common = [w for w in latin if w in COMMON]
        if common:
            c["unknown words that are common English: yes"] += 1
        c["novel words (kb never writes): " + ("yes" if novel else "no")] += 1
        known = [t for t in analysis.terms if not t.startswith(UNKNOWN_PREFIX)]
        c[f"known terms: {min(len(known), 4)}{'+' if len(known) >= 4 else ''}"] += 1
        if case.expect is not None and case.expect in m.index_of:
            ranked = m.rank(analysis)
            entry = m.entries[m.index_of[case.expect]]
            topic = {t for t in m._topic_terms(analysis) if not t.startswith(UNKNOWN_PREFIX)}
            shared = sum(1 for t in topic if t in entry.strong or t in entry.weak)
            c[f"known topic words shared with right item: {min(shared, 2)}{'+' if shared >= 2 else ''}"] += 1
            c[f"known topic words the right item lacks: {min(len(topic) - shared, 2)}"
              f"{'+' if len(topic) - shared >= 2 else ''}"] += 1
            first = ranked[0].item.id if ranked else None
            c["lexical first item right: " + ("yes" if first == case.expect else "no")] += 1
            if ranked and first != case.expect:
                rank = next((i for i, r in enumerate(ranked) if r.item.id == case.expect), None)
                c["lexical rank of right: " + ("none" if rank is None else str(rank + 1) if rank < 3 else "4+")] += 1
            if m.embedder is not None:
                cos = m.semantic_scores(kept)
                if cos:
                    best = max(cos, key=lambda i: cos[i])
                    right = m.index_of[case.expect]
                    c["model nearest right: " + ("yes" if best == right else "no")] += 1
                    r = cos.get(right, 0.0)
                    c["model cosine of right: " + ("<.80" if r < .80 else "<.85" if r < .85 else "<.90" if r < .90
                                                   else ">=.90")] += 1
            item = m.kb.get(case.expect)
            texts = " ".join([*(getattr(item, "questions", ()) or ()), *(getattr(item, "aliases", ()) or ()),
                              *(getattr(item, "examples", ()) or ())])
            name = getattr(item, "name", None)
            has_en = bool(re.search(r"[A-Za-z]{4,}", texts)) or bool(name and name.get("en"))
            c["right item has English text: " + ("yes" if has_en else "no")] += 1
            if case.aspect:
                c["aspect asked; shown: " + ("yes" if decision.aspect == case.aspect else
                                             f"no ({decision.aspect or 'none'})")] += 1
    print(f"{cases_path} {mode} [{tag}]: " + ", ".join(f"{k} {v}" for k, v in sorted(total.items())))
    print_classes(dict(sorted(counts.items())))


if __name__ == "__main__":
    main()

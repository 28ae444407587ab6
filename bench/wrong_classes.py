"""Aggregate classes of confident wrong answers and near misses, without printing any case's text.

`python bench/wrong_classes.py CASES KNOWLEDGE [MODE]`: for every in-scope case answered with another item
(wrong) and every out-of-scope case answered (a near miss let through), which decision path produced the
answer, the question's language, tags, whether it holds words the knowledge base never writes, and how many
topic words it shares with the item answered. Counts only: usable on held-out sets (HELPERS.md).
"""
from __future__ import annotations

import functools
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from intents import matcher as matcher_module  # noqa: E402
from intents import story as story_module  # noqa: E402
from intents.analyzer import UNKNOWN_PREFIX  # noqa: E402
from intents.decision import Decision  # noqa: E402
from intents.matcher import Matcher  # noqa: E402
from bench.counts import print_classes  # noqa: E402
from bench.replay import cases_and_matcher, context_before  # noqa: E402

EVENTS: list[tuple[str, object]] = []


def traced(name: str, function):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        result = function(*args, **kwargs)
        EVENTS.append((name, result))
        return result
    return wrapper


def instrument() -> None:
    for name in ("_follow_up", "_who_follow_up", "_area", "_decide_analysis", "_chat_phrase", "_confirmed",
                 "_body_confirms", "_fuse", "_arbitrate", "_hybrid", "_match_text"):
        setattr(Matcher, name, traced(name, getattr(Matcher, name)))
    for name in ("first_reading", "answer_from_story", "story_agrees", "area_asked"):
        setattr(matcher_module, name, traced(name, getattr(matcher_module, name)))
    story_module.as_persona = traced("as_persona", story_module.as_persona)


def path_of(final: Decision) -> str:
    """The path that produced the final answer: the first event, in precedence order, that answered it."""
    def answered(result: object) -> bool:
        return isinstance(result, Decision) and result.kind == "answer" and result.id == final.id

    names = [n for n, r in EVENTS if answered(r)]
    bools = {n for n, r in EVENTS if r is True}
    if not any(n == "_match_text" for n in names):
        return "options/area_asked (after)"
    for name in ("_follow_up", "_who_follow_up"):
        if name in names:
            return name
    if "first_reading" in names:
        return "story first_reading"
    if "answer_from_story" in names and "_decide_analysis" not in names:
        return "story answer_from_story"
    if "_area" in names:
        return "area list"
    if "_chat_phrase" in names:
        return "chat phrase"
    if "_confirmed" in names:
        return "hybrid confirmed"
    if "_decide_analysis" in names:
        return "lexical answer" + (" (kept by model)" if "_hybrid" in {n for n, _ in EVENTS} else "")
    if "_fuse" in names:
        if "_body_confirms" in bools:
            return "hybrid body"
        if "story_agrees" in bools:
            return "hybrid story"
        return "hybrid fused"
    return "other"


def why_not_novel(m: Matcher, term: str) -> str:
    word = term[len(UNKNOWN_PREFIX):].replace(" ", "")
    sc = m.scope
    if word.isascii():
        if len(word) < 3 or not word.isalpha():
            return "en short/not alpha"
        if word in sc._english:
            return "en in kb"
        if word in sc.words.english_function:
            return "en function word"
        return "en misspelt-like"
    if len(word) < 2:
        return "ko one syllable"
    if word in sc._korean:
        return f"ko inside kb text ({len(word)} syl)"
    if m.analyzer.verb_forms.ends_like_one(word):
        return f"ko verb-like ending ({len(word)} syl)"
    if sc._misspelt(word):
        return f"ko near a kb word ({len(word)} syl)"
    return "ko other"


def main() -> None:
    instrument()
    cases_path, mode, cases, m = cases_and_matcher(sys.argv)
    counts: dict[str, Counter[str]] = {}
    total: Counter[str] = Counter()
    for case in cases:
        context = context_before(m, case)
        EVENTS.clear()
        decision = m.match(case.text, context=context)
        if decision.kind != "answer" or decision.id == case.expect:
            continue
        cls = "wrong" if case.expect is not None else "oos_answered"
        total[cls] += 1
        c = counts.setdefault(cls, Counter())
        c["path: " + path_of(decision)] += 1
        c["lang: " + decision.lang] += 1
        c["context: " + ("yes" if case.before else "no")] += 1
        prepared = m._prepare(case.text)
        kept, excluded = m._split_exclusion(prepared)
        c["exclusion: " + ("yes" if excluded else "no")] += 1
        analysis = m.analyzer.analyze(kept)
        unknown = [t for t in analysis.terms if t.startswith(UNKNOWN_PREFIX)]
        novel = [t for t in unknown if m.scope.is_novel(t)]
        c["unknown words: " + ("none" if not unknown else "novel" if novel else "only non-novel")] += 1
        if any(len(t) == 3 for t in unknown):
            c["has 2-char unknown word"] += 1
        for t in set(unknown) - set(novel):
            c["non-novel unknown because: " + why_not_novel(m, t)] += 1
        if novel:
            topic_all = m._topic_terms(analysis)
            c["novel word hidden from topic terms: " + ("yes" if any(t not in topic_all for t in novel) else "no")] += 1
        if context is not None:
            last = context.current()
            c["context: answered the last item" if decision.id == last else "context: answered another item"] += 1
            if case.expect is not None:
                c["context: expected the last item" if case.expect == last else "context: expected another item"] += 1
            c["context: followup (no topic)" if m._is_followup(analysis) else "context: has topic"] += 1
        if case.expect is not None:
            c["expected in candidates top3: " + ("yes" if case.expect in [x.id for x in decision.candidates[:3]] else "no")] += 1
        item = m.kb.get(decision.id or "")
        c["answered kind: " + (item.kind if item else "?")] += 1
        if item is not None and decision.id in m.index_of:
            entry = m.entries[m.index_of[decision.id]]
            topic = [t for t in m._topic_terms(analysis) if not t.startswith(UNKNOWN_PREFIX)]
            shared = sum(1 for t in set(topic) if t in entry.strong or t in entry.weak)
            c[f"shared topic words: {min(shared, 3)}{'+' if shared >= 3 else ''}"] += 1
            c[f"topic words not shared: {min(len(set(topic)) - shared, 3)}"] += 1
        c["long (>60 chars): " + ("yes" if len(case.text) > 60 else "no")] += 1
        for tag in case.tags:
            c["tag: " + tag] += 1
    in_scope = sum(1 for c in cases if c.expect is not None)
    print(f"{cases_path} {mode}: in scope {in_scope}, wrong {total['wrong']}; "
          f"out of scope {len(cases) - in_scope}, answered {total['oos_answered']}")
    print_classes(counts)


if __name__ == "__main__":
    main()

"""What people asked that the bot could not answer, grouped, with where in the knowledge it belongs.

For each group of similar unanswered questions: the knowledge item it comes closest to, and a YAML line
staff can paste under that item so that the bot answers it next time (`questions:` for programs and FAQs,
`examples:` for intents).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import yaml
from rapidfuzz import fuzz, process

from knowledge.model import Intent, KnowledgeBase
from review.clusters import GROUP_LIMIT, Group, group_similar, normalise

MAX_EXAMPLES = 5


@dataclass(frozen=True)
class Suggestion:
    group: Group
    item_id: str | None = None
    item_kind: str | None = None          # program | faq | intent
    score: float | None = None
    yaml_line: str | None = None          # questions: [..] to add under item_id


def yaml_list_line(key: str, texts: Sequence[str]) -> str:
    """`questions: [a, b]` with YAML quoting wherever a text needs it (colons, commas, quotes...)."""
    flow = yaml.safe_dump(list(texts), default_flow_style=True, allow_unicode=True, width=10**6).strip()
    return f"{key}: {flow}"


def matcher_closest(kb: KnowledgeBase) -> Callable[[Sequence[str]], tuple[str, float] | None]:
    """Closest item by the bot's own matcher: candidate scores summed over the group's wordings."""
    from intents.matcher import Matcher

    matcher = Matcher(kb)

    def closest(texts: Sequence[str]) -> tuple[str, float] | None:
        totals: dict[str, float] = defaultdict(float)
        for text in texts:
            decision = matcher.match(text)
            if decision.kind == "fallback":
                # The matcher would not even suggest anything: an out-of-scope question (the weather, a
                # joke) must not be proposed as a new wording of whatever item scored highest.
                continue
            for candidate in decision.candidates:
                totals[candidate.id] += candidate.score
        if not totals:
            return None
        best = max(totals, key=totals.__getitem__)
        return best, totals[best] / len(texts)

    return closest


def fuzzy_closest(kb: KnowledgeBase) -> Callable[[Sequence[str]], tuple[str, float] | None]:
    """Closest item by plain string similarity to its names, aliases and questions (no matcher needed)."""
    phrasings: list[str] = []
    owners: list[str] = []
    for program in kb.programs:
        for text in (*(name for _, name in program.name.values), *program.aliases, *program.questions):
            phrasings.append(normalise(text))
            owners.append(program.id)
    for faq in kb.faqs:
        for text in faq.questions:
            phrasings.append(normalise(text))
            owners.append(faq.id)

    def closest(texts: Sequence[str]) -> tuple[str, float] | None:
        best: tuple[str, float] | None = None
        for text in texts:
            found = process.extractOne(normalise(text), phrasings, scorer=fuzz.token_set_ratio, processor=None,
                                       score_cutoff=40)
            if found and (best is None or found[1] > best[1]):
                best = (owners[found[2]], float(found[1]))
        return best

    return closest


def suggest(texts: Sequence[str], kb: KnowledgeBase | None = None, *, use_matcher: bool = True,
            limit: int | None = GROUP_LIMIT) -> list[Suggestion]:
    """Group the unanswered texts and attach, where a knowledge base is given, the closest item."""
    return suggest_for(group_similar(texts, limit=limit), kb, use_matcher=use_matcher)


def suggest_for(groups: Sequence[Group], kb: KnowledgeBase | None = None, *, use_matcher: bool = True
                ) -> list[Suggestion]:
    """The closest knowledge item for each group (already grouped, e.g. by group_questions)."""
    if kb is None:
        return [Suggestion(g) for g in groups]
    closest = None
    if use_matcher:
        try:
            closest = matcher_closest(kb)
        except Exception:  # the matcher is optional here: fall back to plain similarity
            closest = None
    closest = closest or fuzzy_closest(kb)

    suggestions = []
    for group in groups:
        examples = list(group.examples[:MAX_EXAMPLES])
        found = closest(examples)
        if found is None:
            suggestions.append(Suggestion(group))
            continue
        item_id, score = found
        item = kb.get(item_id)
        kind = item.kind if item is not None else None
        known = {normalise(q) for q in _phrasings(item)}
        new = [t for t in examples if normalise(t) not in known]
        key = "examples" if isinstance(item, Intent) else "questions"
        suggestions.append(Suggestion(group, item_id, kind, round(score, 1),
                                      yaml_list_line(key, new) if new else None))
    return suggestions


def _phrasings(item: Any) -> tuple[str, ...]:
    if item is None:
        return ()
    return tuple(getattr(item, "questions", ()) or getattr(item, "examples", ()))

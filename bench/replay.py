"""Replaying a multi-turn case's earlier messages, as the bot would have seen them, for the diagnostic scripts."""

from __future__ import annotations

from pathlib import Path

from intents.context import MatchContext, context_after
from intents.evaluate import DEFAULT_CACHE, Case, load_cases
from intents.matcher import Matcher
from knowledge.loader import load_or_raise


def cases_and_matcher(argv: list[str]) -> tuple[Path, str, list[Case], Matcher]:
    """`CASES KNOWLEDGE [MODE]` (the diagnostic scripts' arguments): the cases' file, the mode (hybrid unless
    said), the cases and a matcher in that mode with no answer cache, so that every case is matched afresh."""
    cases_path, knowledge = Path(argv[1]), Path(argv[2])
    mode = argv[3] if len(argv) > 3 else "hybrid"
    kb = load_or_raise(knowledge, Path("intents"))
    cases, _ = load_cases(cases_path, {item.id for item in kb.items()})
    return cases_path, mode, list(cases), Matcher.for_mode(kb, mode, DEFAULT_CACHE, cache_size=0)


def context_before(matcher: Matcher, case: Case) -> MatchContext | None:
    """The conversation context after the case's earlier messages (None for a single message)."""
    context = None
    for earlier in case.before:
        context = context_after(matcher.match(earlier, context=context), matcher, context, earlier)
    return context

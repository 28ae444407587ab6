"""Replaying a multi-turn case's earlier messages, as the bot would have seen them, for the diagnostic scripts."""

from __future__ import annotations

from intents.context import MatchContext, context_after
from intents.evaluate import Case
from intents.matcher import Matcher


def context_before(matcher: Matcher, case: Case) -> MatchContext | None:
    """The conversation context after the case's earlier messages (None for a single message)."""
    context = None
    for earlier in case.before:
        context = context_after(matcher.match(earlier, context=context), matcher, context, earlier)
    return context

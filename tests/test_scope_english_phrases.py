"""An English phrase the analyser reads as one concept (`trade show` -> 전시회) makes a contrast as the Korean word
does (intents/scope.py `_pairs` reads the question with the phrases rewritten): `cosmetics trade show support` is
another kind of fair than the defense exhibition, as `화장품 박람회` is. Through the real Matcher on the shipped
knowledge, in both modes' lexical part (the contrast is checked after either)."""
from __future__ import annotations

import pytest

from intents.matcher import Matcher


@pytest.mark.parametrize("question", [
    "cosmetics trade show support",
    "wedding trade show booth support",
    "is there support for a cosmetics trade show",
    "화장품 박람회 지원",
])
def test_another_kind_of_trade_show_is_not_the_defense_exhibition(shipped_matcher: Matcher, question: str) -> None:
    decision = shipped_matcher.match(question)
    assert decision.kind != "answer"
    assert "defense-exhibition" not in [c.id for c in decision.suggestions]


@pytest.mark.parametrize("question", ["defense trade show support", "trade show support for defense companies"])
def test_the_items_own_kind_in_english_is_still_answered(shipped_matcher: Matcher, question: str) -> None:
    decision = shipped_matcher.match(question)
    assert (decision.kind, decision.id) == ("answer", "defense-exhibition")

"""Property-based: whatever arrives, match() returns a well-formed Decision and never raises."""
from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intents.decision import Decision
from intents.matcher import Matcher
from knowledge.loader import load_or_raise

ROOT = Path(__file__).resolve().parent.parent
MATCHER = Matcher(load_or_raise(ROOT / "knowledge", ROOT / "intents"))
IDS = {item.id for item in MATCHER.kb.items()}

hangul = st.text(alphabet=st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3), max_size=40)
jamo = st.text(alphabet=st.characters(min_codepoint=0x3131, max_codepoint=0x318E), max_size=20)
anything = st.text(max_size=300)
mixed = st.lists(st.one_of(hangul, jamo, anything, st.sampled_from(["창업", "지원금", " ", "ㅊㅊㅅ", "\n", "🙏"])),
                 max_size=12).map("".join)


def _well_formed(decision: Decision) -> None:
    assert decision.kind in ("answer", "suggest", "fallback")
    assert len(decision.candidates) <= 3
    assert all(c.id in IDS and 0 <= c.score <= 100 for c in decision.candidates)
    if decision.kind == "answer":
        assert decision.id in IDS
    else:
        assert decision.id is None
    assert decision.lang in ("ko", "en")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(anything, hangul, jamo, mixed))
def test_any_text_gives_a_decision(text: str) -> None:
    _well_formed(MATCHER.match(text))


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=1000, max_value=20_000), st.sampled_from(["가", "a", "ㅋ", "😀", "창업 ", "\x07"]))
def test_huge_texts_give_a_decision(size: int, unit: str) -> None:
    _well_formed(MATCHER.match(unit * size))

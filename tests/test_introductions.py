"""A greeting followed by who the asker is, asking nothing yet, is answered as a greeting (intents/introductions.py),
through the real Matcher on the frozen knowledge and on another agency's."""
from __future__ import annotations

from pathlib import Path

import pytest

from intents.introductions import introductions
from intents.matcher import Matcher
from knowledge.loader import load_or_raise

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("text", [
    "안녕하세요 저는 창원에서 작은 부품회사 운영하는 김대표입니다",
    "처음 뵙겠습니다. 저는 용접공입니다",
    "안녕하세요 OO기업 인사팀입니다",
    "hello im new here, I run a cafe",
    "Hi! My name is Anna and I live in Changwon.",
])
def test_an_introduction_after_a_greeting_is_greeted(matcher: Matcher, text: str) -> None:
    decision = matcher.match(text)
    assert (decision.kind, decision.id) == ("answer", "greeting")


@pytest.mark.parametrize("text", [
    "안녕하세요 저는 창업 지원 받고 싶은 대학생입니다",  # wants something
    "안녕하세요 저는 대학생인데 수출 지원도 되나요",  # asks
    "hi, I run a cafe. any support for small shops?",
    "hi, we are a drone startup looking for funding",
])
def test_an_introduction_that_asks_or_wants_is_a_question(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).id != "greeting"


def test_what_an_introduction_names_keeps_its_answer(matcher: Matcher) -> None:
    """The matcher's answer stands: the introduction said what the asker is after."""
    decision = matcher.match("안녕하세요, 무역사절단에 참가했던 회사입니다")
    assert (decision.kind, decision.id) == ("answer", "trade-mission")


def test_a_statement_without_a_greeting_is_not_one() -> None:
    reading = introductions()
    openings = frozenset({"안녕하세요", "hello"})
    assert reading.greeting_of("저는 창원에서 부품회사 운영합니다", openings) is None
    assert reading.greeting_of("안녕하세요", openings) is None  # nothing after it: the matcher's own greeting
    assert reading.greeting_of("안녕하세요 저는 용접공입니다", openings) == "안녕하세요"


def test_another_agency_greets_an_introduction_too() -> None:
    data = ROOT / "tests" / "data" / "alt"
    other = Matcher(load_or_raise(data / "knowledge", ROOT / "intents"))
    decision = other.match("안녕하세요 저는 부산에서 수산물 가공 공장을 하고 있습니다")
    assert (decision.kind, decision.id) == ("answer", "greeting")

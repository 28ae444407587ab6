"""Follow-ups after an area's list (intents/options.py) and questions spoken to the agency (intents/subjects.py),
found by a tester replaying earlier conversations (tester18). Through the real Matcher on the frozen knowledge."""
from __future__ import annotations

import time

from conftest import after

from intents.context import MatchContext
from intents.matcher import Matcher

HYDROGEN = ("hydrogen-stations", "hydrogen-energy-demo", "liquid-hydrogen", "hydrogen-complex", "hydrogen-workshop")
STARTUP = ("pre-founder", "early-startup", "startup-incubation")


def listed(*options: str, card: str | None = None) -> MatchContext:
    """An area's list shown a minute ago; `card`: an item answered after it."""
    now = time.time()
    return MatchContext(last_id=card, at=now if card else 0.0, options=options, options_at=now - 60)


def test_an_aspect_after_a_card_picked_from_a_list_is_that_cards(matcher: Matcher) -> None:
    decision = matcher.match("일정은", context=listed(*HYDROGEN, card="hydrogen-complex"))
    assert (decision.kind, decision.id, decision.aspect) == ("answer", "hydrogen-complex", "period")


def test_an_aspect_under_a_list_still_asks_which(matcher: Matcher) -> None:
    decision = matcher.match("담당자 연락처는요?", context=listed(*STARTUP))
    assert (decision.kind, decision.aspect) == ("suggest", "contact")
    assert {c.id for c in decision.candidates} == set(STARTUP)


def test_a_call_request_under_a_list_is_the_request(matcher: Matcher) -> None:
    decision = matcher.match("담당자랑 통화 가능할까요", context=listed(*STARTUP))
    assert (decision.kind, decision.id) == ("answer", "human")


def test_your_office_after_a_card_is_the_agencys(matcher: Matcher) -> None:
    decision = matcher.match("where is your office?", context=after("job-matching"))
    assert decision.kind == "answer" and decision.id != "job-matching"
    assert matcher.match("how do I apply for it?", context=after("job-matching")).id == "job-matching"

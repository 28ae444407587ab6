"""An area asked about by someone who says who they are (intents/asked_area.py): the matcher answers with
the area's list where, without who asks, the question asks for it; a service for a group stays out."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import write_knowledge
from intents.matcher import Matcher
from test_fitting import KNOWLEDGE


@pytest.fixture(scope="module")
def jobs_matcher(tmp_path_factory: pytest.TempPathFactory) -> Matcher:
    return Matcher(write_knowledge(Path(tmp_path_factory.mktemp("kb")), KNOWLEDGE))


@pytest.mark.parametrize("text", ["60대도 청년 일자리 되나요?", "50대인데 청년 일자리 있나요?", "in my 50s, any youth jobs?",
                                  "대학생도 청년 일자리 되나요?"])
def test_who_asks_does_not_hide_the_area_asked_about(jobs_matcher: Matcher, text: str) -> None:
    assert jobs_matcher.match(text).area == "jobs"


def test_without_who_asks_the_decision_is_the_matchers_own(jobs_matcher: Matcher) -> None:
    # the same words with nothing about the asker: decided as before, and never worse for the words
    assert jobs_matcher.match("청년 일자리 되나요?").area == "jobs"
    assert jobs_matcher.match("60대도 청년 일자리 채용 지원 자격 되나요?").id == "youth-hires"  # an answer stands


@pytest.mark.parametrize("text", ["60대 일자리 있나요", "노인 일자리 있나요", "70대도 노인 일자리 되나요?"])
def test_a_service_for_a_group_stays_out(jobs_matcher: Matcher, text: str) -> None:
    decision = jobs_matcher.match(text)
    assert decision.area is None and decision.kind != "answer"


def test_on_the_shipped_knowledge(shipped_matcher: Matcher) -> None:
    """The tester's question, and its English: the startup area's list."""
    for text in ("50대도 창업 지원 되나요?", "in my 50s, any startup support?"):
        decision = shipped_matcher.match(text)
        assert (decision.kind, decision.area) == ("answer", "startup"), text

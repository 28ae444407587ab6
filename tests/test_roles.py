"""Giving or receiving a role: be a mentor, or get mentoring (intents/roles.py)."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tests.ranked_stubs import StubItem, StubRanked
from intents.analyzer import normalize
from intents.matcher import Matcher
from intents.roles import COUNT, GET, GIVE, Roles, role_first
from knowledge.loader import load_or_raise
from knowledge.model import KnowledgeBase

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def roles() -> Roles:
    return Roles()


@pytest.mark.parametrize("text, expected", [
    ("멘토 하고 싶은데 어떻게 신청해요", {GIVE}),
    ("멘토로 참여하고 싶어요", {GIVE}),
    ("강사가 되고 싶어요", {GIVE}),
    ("퇴직 엔지니어인데 멘토 할수 있나요", {GIVE}),
    ("I want to be a mentor for small companies", {GIVE}),
    ("멘토링 받고싶어요", {GET}),
    ("생산현장 문제 상담해줄 멘토 연결해 주세요", {GET}),
    ("can I get a mentor for my startup", {GET}),
    ("현장애로 멘토링 신청하려면 어떻게 해요", set()),  # applying names no role: the program's own wording
    ("수출 상담회 일정", set()),
])
def test_the_verb_with_the_role_noun_says_giving_or_receiving(roles: Roles, text: str, expected: set[str]) -> None:
    assert roles.taken(normalize(text)) == expected




ROLES = {"mentoring": frozenset({GET}), "be-a-mentor": frozenset({GIVE})}
RANKED = [StubRanked(StubItem("mentoring", "program"), 88.0, 1.0), StubRanked(StubItem("be-a-mentor", "faq"), 68.0, 1.0)]


def _ids(asked: set[str]) -> list[tuple[str, float]]:
    out = role_first(RANKED, frozenset(asked), lambda i: ROLES.get(i, frozenset()), 0.7, lambda r, s: replace(r, score=s))
    return [(r.item.id, round(r.score, 1)) for r in out]


def test_an_item_that_never_takes_the_asked_role_falls_behind_one_that_does() -> None:
    assert _ids({GIVE}) == [("be-a-mentor", 68.0), ("mentoring", 61.6)]


def test_receiving_or_no_role_keeps_the_order() -> None:
    assert _ids({GET}) == [("mentoring", 88.0), ("be-a-mentor", 68.0)]
    assert _ids(set()) == [("mentoring", 88.0), ("be-a-mentor", 68.0)]
    assert _ids({GIVE, GET}) == [("mentoring", 88.0), ("be-a-mentor", 68.0)]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_or_raise(ROOT / "knowledge", ROOT / "intents")


def test_the_shipped_knowledge_tells_the_would_be_mentor_from_the_mentored(kb: KnowledgeBase) -> None:
    matcher = Matcher(kb)
    assert matcher.match("멘토 하고 싶은데 어떻게 신청해요").candidates[0].id == "become-mentor"
    assert matcher.match("멘토링 받고 싶어요").candidates[0].id == "onsite-mentoring"


def test_asking_how_many_is_told_by_a_counter_after_몇(roles: Roles) -> None:
    assert roles.taken(normalize("수소 충전소 몇 군데나 생겨요")) == {COUNT}
    assert roles.taken(normalize("how many companies did you support")) == {COUNT}
    assert roles.taken(normalize("정책연구 건수")) == {COUNT}
    assert roles.taken(normalize("몇 살까지 신청돼요")) == set()  # an age, not a number of things
    assert roles.taken(normalize("몇 시에 열어요")) == set()


def test_a_count_question_goes_to_the_item_that_counts(kb: KnowledgeBase) -> None:
    matcher = Matcher(kb)
    decision = matcher.match("수소 충전소 몇 군데나 생겨요")
    assert (decision.kind, decision.id) == ("answer", "hydrogen-station-count")
    assert matcher.match("수소 충전소 어디에 생겨요").candidates[0].id == "hydrogen-stations"

"""Which side the asker is on: a company hiring, or a job seeker (intents/sides.py)."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tests.ranked_stubs import StubItem, StubRanked
from intents.analyzer import normalize
from intents.matcher import Matcher
from intents.sides import SideWords, side_first
from knowledge.loader import load_or_raise
from knowledge.model import KnowledgeBase

ROOT = Path(__file__).resolve().parent.parent
COMPANY, SEEKER = "company", "job_seeker"


@pytest.fixture(scope="module")
def words() -> SideWords:
    return SideWords.load()


@pytest.mark.parametrize("text, expected", [
    ("젊은 직원 뽑고싶은데 인건비 지원되는거 있나요", {COMPANY}),
    ("청년 채용하면 지원금 나와요?", {COMPANY}),
    ("공장에 일할 사람이 없어요 청년 고용하면 지원 있나요", {COMPANY}),
    ("직원뽑으려는데 도와주나요", {COMPANY}),  # typed solid
    ("we want to hire young engineers, any wage support?", {COMPANY}),
    ("취업하고 싶은데 도와주는 거 있어요?", {SEEKER}),
    ("일자리 구하는 중인데요", {SEEKER}),
    ("나이 많아도 재취업 되나요", {SEEKER}),
    ("I study mechanical engineering, what company hire foreigner?", {SEEKER}),
    ("청년 채용하는 회사 알려주세요", {SEEKER}),  # a company that hires: the job seeker asks
    ("연구직 공고 있나요", set()),  # 구직 inside 연구직 is no job seeking
    ("저희 회사 수출 지원 받고 싶어요", set()),  # a company asking about export takes no side here
    ("수출 상담회 일정", set()),
])
def test_hiring_is_the_company_side_and_looking_for_work_the_job_seekers(
        words: SideWords, text: str, expected: set[str]) -> None:
    assert words.taken(normalize(text)) == expected


def test_an_items_sides_are_its_audience_and_its_own_phrasings(words: SideWords) -> None:
    assert words.of_item(["company", "founder"], []) == {COMPANY}
    assert words.of_item([], [normalize("직원 뽑으려는데 도와주나요")]) == {COMPANY}
    assert words.of_item([], [normalize("일자리 찾고 있어요")]) == {SEEKER}
    assert words.of_item(["founder"], [normalize("모집 마감 언제예요")]) == set()  # says no side


SIDES = {"seekers-faq": frozenset({SEEKER}), "hiring-faq": frozenset({COMPANY}),
         "both": frozenset({COMPANY, SEEKER}), "deadlines": frozenset()}
RANKED = [StubRanked(StubItem("seekers-faq", "faq"), 80.0, 1.0), StubRanked(StubItem("deadlines", "faq"), 75.0, 1.0),
          StubRanked(StubItem("hiring-faq", "faq"), 70.0, 1.0), StubRanked(StubItem("both", "program"), 60.0, 1.0)]


def _order(asked: set[str]) -> list[tuple[str, float]]:
    out = side_first(RANKED, frozenset(asked), lambda i: SIDES.get(i, frozenset()), 0.7,
                     lambda r, s: replace(r, score=s))
    return [(r.item.id, round(r.score, 1)) for r in out]


def test_an_item_of_the_other_side_falls_behind_one_serving_the_askers() -> None:
    assert _order({COMPANY}) == [("deadlines", 75.0), ("hiring-faq", 70.0), ("both", 60.0), ("seekers-faq", 56.0)]


def test_an_item_that_says_no_side_or_serves_both_is_never_moved() -> None:
    assert _order({SEEKER}) == [("seekers-faq", 80.0), ("deadlines", 75.0), ("hiring-faq", 70.0), ("both", 60.0)]
    assert _order(set()) == _order({COMPANY, SEEKER}) == [
        ("seekers-faq", 80.0), ("deadlines", 75.0), ("hiring-faq", 70.0), ("both", 60.0)]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_or_raise(ROOT / "knowledge", ROOT / "intents")


def test_the_shipped_knowledge_reads_sides_from_audience_and_questions(kb: KnowledgeBase) -> None:
    matcher = Matcher(kb)
    assert matcher.item_sides["hiring-help"] == {COMPANY}  # an FAQ: its questions say it
    assert matcher.item_sides["job-seeker-help"] == {SEEKER}
    assert matcher.item_sides["regional-talent"] == {SEEKER}  # a program's audience
    assert matcher.item_sides["become-mentor"] == frozenset()


def test_a_job_seeker_is_not_answered_with_training_for_employees(kb: KnowledgeBase) -> None:
    """The employees' training shares 교육 and the programs' own words; a job seeker asks for another kind."""
    decision = Matcher(kb).match("일자리 구하는데 교육 프로그램 있어요")
    assert decision.id != "worker-training"
    assert decision.candidates[0].id in {"industry-expert", "regional-talent"}

"""A specialised item lacking its specialising word ties with a general neighbour (intents/specialised.py)."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tests.ranked_stubs import StubItem, StubRanked
from intents.matcher import Matcher
from intents.specialised import characteristic_terms, general_first
from knowledge.loader import load_or_raise
from knowledge.model import KnowledgeBase

ROOT = Path(__file__).resolve().parent.parent




CHARACTERISTIC = {"aero-jobs": frozenset({"채용", "항공", "청년"}), "hiring": frozenset({"채용"})}
HOLDS = {"aero-jobs": frozenset({"채용", "항공", "청년", "인건비"}), "hiring": frozenset({"채용", "직원"})}


def _order(ranked: list[StubRanked], terms: set[str]) -> list[tuple[str, float]]:
    out = general_first(ranked, terms, lambda i: CHARACTERISTIC.get(i, frozenset()),
                        lambda i: HOLDS.get(i, frozenset()), lambda r, s: replace(r, score=s), near=0.7)
    return [(r.item.id, r.score) for r in out]


RANKED = [StubRanked(StubItem("aero-jobs", "program"), 85.0, 1.0), StubRanked(StubItem("hiring", "faq"), 66.0, 0.72)]


def test_characteristic_words_are_what_most_phrasings_hold() -> None:
    phrasings = [frozenset({"방산", "전시회"}), frozenset({"방산", "부스"}), frozenset({"전시회", "방산", "비용"})]
    assert characteristic_terms(phrasings, lambda t: True, 0.5) == {"방산", "전시회"}
    assert characteristic_terms(phrasings, lambda t: t != "전시회", 0.5) == {"방산"}
    assert characteristic_terms([], lambda t: True, 0.5) == frozenset()


def test_a_specialised_item_ties_with_the_general_one_when_its_word_is_missing() -> None:
    # 채용하면 인건비 지원돼요: hiring in general; nothing says aerospace or youth.
    assert _order(RANKED, {"채용", "인건비", "지원"}) == [("hiring", 66.0), ("aero-jobs", 66.0)]


def test_naming_the_specialising_word_keeps_the_specialised_item_first() -> None:
    assert _order(RANKED, {"청년", "채용", "인건비"}) == [("aero-jobs", 85.0), ("hiring", 66.0)]


def test_no_general_neighbour_or_too_little_of_the_topic_changes_nothing() -> None:
    assert _order(RANKED, {"인건비", "지원"}) == [("aero-jobs", 85.0), ("hiring", 66.0)]  # 채용 not asked
    thin = [RANKED[0], StubRanked(StubItem("hiring", "faq"), 40.0, 0.5)]  # explains far less than the program
    assert _order(thin, {"채용", "인건비"}) == [("aero-jobs", 85.0), ("hiring", 40.0)]


def test_only_programs_are_specialised_kinds() -> None:
    faq_first = [StubRanked(StubItem("aero-jobs", "faq"), 85.0, 1.0), RANKED[1]]
    assert _order(faq_first, {"채용", "인건비"})[0] == ("aero-jobs", 85.0)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_or_raise(ROOT / "knowledge", ROOT / "intents")


def test_the_shipped_knowledge_asks_rather_than_answer_the_specialised_program(kb: KnowledgeBase) -> None:
    matcher = Matcher(kb)
    hiring = matcher.match("채용하면 인건비 지원돼요")  # the hiring FAQ, or the aerospace youth wage subsidy?
    assert hiring.kind != "answer" or hiring.id == "hiring-help"
    assert hiring.candidates[0].id == "hiring-help"
    assert "aerospace-youth-jobs" in [c.id for c in hiring.candidates]
    # Naming what sets the program apart answers it.
    named = matcher.match("항공 청년 채용하면 인건비 지원돼요")
    assert (named.kind, named.id) == ("answer", "aerospace-youth-jobs")
    assert "방산" in matcher.characteristic["defense-exhibition"]
    assert "진흥원" not in matcher.characteristic["phone-number"]  # in too many items to characterise one

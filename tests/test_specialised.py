"""A specialised item lacking its specialising word ties with a general neighbour (intents/specialised.py)."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tests.ranked_stubs import StubItem, StubRanked
from intents.matcher import Matcher
from intents.specialised import Kinds, characteristic_terms, general_first, kind_first
from knowledge.loader import load_or_raise
from knowledge.model import KnowledgeBase

ROOT = Path(__file__).resolve().parent.parent




CHARACTERISTIC = {"aero-jobs": frozenset({"채용", "항공", "청년"}), "hiring": frozenset({"채용"})}
HOLDS = {"aero-jobs": frozenset({"채용", "항공", "청년", "인건비"}), "hiring": frozenset({"채용", "직원"})}


def _order(ranked: list[StubRanked], terms: set[str]) -> list[tuple[str, float]]:
    out = general_first(ranked, terms, lambda i: CHARACTERISTIC.get(i, frozenset()),
                        lambda i: HOLDS.get(i, frozenset()), lambda r, s, _: replace(r, score=s), near=0.7)
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


# ---- a program of a sector the question does not name, under the general item it is a kind of (kind_first)

KIND_CHARACTERISTIC = {"defence-fair": frozenset({"방산", "전시회"}), "overseas": frozenset({"해외"}),
                       "hiring": frozenset({"채용"}), "youth-new": frozenset({"신산업", "청년"})}
KIND_WRITES = {"defence-fair": frozenset({"방산", "전시회", "해외", "참가", "지원", "비용"}),
               "overseas": frozenset({"해외", "전시회", "수출", "지원", "비용", "참가"}),
               "hiring": frozenset({"채용", "인건비", "지원", "청년", "신산업"}),
               "youth-new": frozenset({"신산업", "청년", "채용", "인건비", "지원"})}
KINDS = Kinds(lambda i: KIND_CHARACTERISTIC.get(i, frozenset()), lambda i: KIND_WRITES.get(i, frozenset()),
              frozenset({"방산", "항공"}), frozenset({"청년"}))


def _kinds(ranked: list[StubRanked], terms: set[str]) -> list[tuple[str, float]]:
    out = kind_first(ranked, terms, lambda t: t != "지원", KINDS, lambda r, s, _: replace(r, score=s))
    return [(r.item.id, r.score) for r in out]


FAIR = [StubRanked(StubItem("defence-fair", "program"), 76.0, 0.6), StubRanked(StubItem("overseas", "program"), 38.0, 0.4)]


def test_a_sector_program_yields_to_the_general_item_when_the_sector_is_unsaid() -> None:
    # 해외 전시회 참가비 지원: exhibitions abroad, nothing says defence.
    assert _kinds(FAIR, {"해외", "전시회", "비용", "지원"}) == [("overseas", 38.0), ("defence-fair", 38.0)]


def test_naming_the_sector_keeps_the_sector_program() -> None:
    assert _kinds(FAIR, {"방산", "전시회", "지원"})[0] == ("defence-fair", 76.0)


def test_a_question_word_the_general_item_never_writes_keeps_the_order() -> None:
    writes_less = Kinds(KINDS.characteristic, lambda i: KIND_WRITES[i] - {"전시회"} if i == "overseas" else
                        KIND_WRITES.get(i, frozenset()), KINDS.fields, KINDS.who)
    out = kind_first(FAIR, {"해외", "전시회", "지원"}, lambda t: t != "지원", writes_less,
                     lambda r, s, general: replace(r, score=s))
    assert [(r.item.id, r.score) for r in out] == [("defence-fair", 76.0), ("overseas", 38.0)]


def test_another_item_still_above_the_general_one_changes_nothing() -> None:
    # Lowering the sector program would only lift the item between them into an answer.
    between = [FAIR[0], StubRanked(StubItem("domestic-fair", "referral"), 70.0, 0.6), FAIR[1]]
    assert _kinds(between, {"해외", "전시회", "비용", "지원"})[0] == ("defence-fair", 76.0)


def test_the_shipped_knowledge_puts_general_items_before_sector_programs(kb: KnowledgeBase) -> None:
    matcher = Matcher(kb)
    for question in ("직원 인건비 지원 사업", "사람 한 명 더 쓰면 인건비 지원 되나요"):
        decision = matcher.match(question)  # not the closed aerospace youth-hiring program of 2023 first
        assert decision.kind != "answer" or decision.id == "hiring-help", question
        assert decision.candidates[0].id == "hiring-help", question
    fair = matcher.match("해외 전시회 나가려는데 도와주나요")
    assert fair.kind != "answer" or fair.id == "overseas-expansion"  # not the defence exhibition programme
    assert "방산" in matcher.fields and "청년" not in matcher.fields
    named = matcher.match("방산 전시회 참가비 지원해주나요")
    assert (named.kind, named.id) == ("answer", "defense-exhibition")

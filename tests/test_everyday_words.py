"""Everyday words for an agency's formal ones (intents/lexicon/synonyms.yaml, the `para` block): what a person
says (테스트, 실업수당, 빌릴) is read as what a notice writes (시험, 실업급여, 대여) - through a real knowledge base
(tests/data/blind, a fictional agency) and the real lexicon."""
from __future__ import annotations

from pathlib import Path

import pytest

from intents.matcher import Matcher
from knowledge.loader import load_or_raise

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def blind() -> Matcher:
    return Matcher(load_or_raise(ROOT / "tests" / "data" / "blind" / "knowledge", ROOT / "intents"))


@pytest.mark.parametrize("everyday, formal", [("테스트", "시험"), ("실업수당", "실업급여"), ("렌탈", "대여"), ("빌릴", "대여"),
                                              ("배송비", "물류비"), ("구경", "견학"), ("자가용", "차량")])
def test_an_everyday_word_is_read_as_the_formal_one(blind: Matcher, everyday: str, formal: str) -> None:
    assert blind.analyzer.analyze(everyday).terms == blind.analyzer.analyze(formal).terms


def test_a_test_asked_in_everyday_words_finds_the_testing_program(blind: Matcher) -> None:
    # The textile-testing program's texts say 시험 (test) throughout; `테스트` was an unknown word against every item.
    decision = blind.match("원단 세탁 테스트 받을 수 있나요")
    assert (decision.kind, decision.id) == ("answer", "textile-testing")


def test_a_benefit_by_its_everyday_name_finds_the_referral(blind: Matcher) -> None:
    decision = blind.match("실업수당 신청 어디서 해요")
    assert (decision.kind, decision.id) == ("answer", "ref-employment-center")


def test_a_near_miss_stays_out(blind: Matcher) -> None:
    # The new words join known ones; the near miss's own word (청소기) is still unknown and keeps it out.
    assert blind.match("로봇청소기 렌탈 가격 얼마예요").kind != "answer"

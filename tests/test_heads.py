"""What is asked for, not what it is for: the head of a Korean noun phrase (intents/heads.py)."""
from __future__ import annotations

from dataclasses import replace

import pytest

from conftest import write_knowledge
from tests.ranked_stubs import StubItem, StubRanked
from intents.heads import head, head_first
from intents.matcher import Matcher

TERMS = {"국방": ("방산",), "품질인증": ("품질", "인증"), "받는거": (), "지원해주나요": ("지원",), "뭐": (),
         "준비해야": ("준비",), "돼요": ()}
TOPICAL = {"방산", "품질", "인증", "준비"}


def _head(text: str) -> tuple[str, frozenset[str]] | None:
    return head(text, lambda w: TERMS.get(w, ()), TOPICAL.__contains__)


def test_the_head_is_the_last_topic_word_and_its_modifiers_come_before_it() -> None:
    assert _head("국방 품질인증 받는거 지원해주나요") == ("인증", frozenset({"방산", "품질"}))
    assert _head("뭐 준비해야 돼요") is None  # a lone word: nothing it is a kind of


WRITES = {"training": frozenset({"방산", "품질", "교육"}), "certification": frozenset({"시험", "인증"})}
CHARACTERISTIC = {"training": frozenset({"교육"}), "certification": frozenset({"인증"})}
RANKED = [StubRanked(StubItem("training", "program"), 66.0, 0.6),
          StubRanked(StubItem("certification", "program"), 45.0, 0.4)]


def _order(asked: tuple[str, frozenset[str]] | None) -> list[tuple[str, float]]:
    out = head_first(RANKED, asked, lambda i: WRITES[i], lambda i: WRITES[i], lambda r, s: replace(r, score=s),
                     lambda i: CHARACTERISTIC[i])
    return [(r.item.id, r.score) for r in out]


def test_a_program_sharing_only_the_modifiers_ties_with_the_one_holding_the_head() -> None:
    assert _order(("인증", frozenset({"방산", "품질"}))) == [("certification", 45.0), ("training", 45.0)]


def test_nothing_moves_where_the_first_program_writes_the_head_or_shares_no_modifier() -> None:
    assert _order(("교육", frozenset({"방산", "품질"}))) == [("training", 66.0), ("certification", 45.0)]
    assert _order(("인증", frozenset({"수출"}))) == [("training", 66.0), ("certification", 45.0)]
    assert _order(None) == [("training", 66.0), ("certification", 45.0)]


# Characteristic words are read against the whole knowledge base: a few other programs around the two.
KNOWLEDGE = """
programs:
  - id: staff-training
    name: {ko: 재직자 역량강화 교육, en: Staff training}
    aliases: [방산 품질 교육, 재직자 교육]
    summary: 중소기업 재직자에게 방산 품질 교육과 수출 실무 교육을 합니다.
    questions: [우리 직원들 교육시킬 프로그램 있나요, 방산 품질 교육 지원되나요, 방산 협력사 품질 교육 받을 수 있나요]
  - id: cert-fees
    name: {ko: 시험 인증 수수료 지원, en: Testing and certification fees}
    aliases: [인증 수수료]
    summary: 제품 시험과 인증에 드는 수수료를 덜어 드립니다.
    questions: [시험 인증 수수료 줄여 주나요, 인증 비용 부담을 덜 수 있나요]
  - id: other-0
    name: {ko: 수출 상담회, en: Other 0}
    summary: 수출 상담회 사업입니다.
    questions: [수출 상담회 알려주세요]
  - id: other-1
    name: {ko: 해외 지사화, en: Other 1}
    summary: 해외 지사화 사업입니다.
    questions: [해외 지사화 알려주세요]
  - id: other-2
    name: {ko: 창업 보육, en: Other 2}
    summary: 창업 보육 사업입니다.
    questions: [창업 보육 알려주세요]
  - id: other-3
    name: {ko: 수소 충전소, en: Other 3}
    summary: 수소 충전소 사업입니다.
    questions: [수소 충전소 알려주세요]
  - id: other-4
    name: {ko: 청년 일자리, en: Other 4}
    summary: 청년 일자리 사업입니다.
    questions: [청년 일자리 알려주세요]
  - id: other-5
    name: {ko: 로봇 실증, en: Other 5}
    summary: 로봇 실증 사업입니다.
    questions: [로봇 실증 알려주세요]
"""


@pytest.fixture(scope="module")
def matcher(tmp_path_factory: pytest.TempPathFactory) -> Matcher:
    return Matcher(write_knowledge(tmp_path_factory.mktemp("heads"), KNOWLEDGE))


def test_a_certification_asked_for_is_not_answered_with_training_about_quality(matcher: Matcher) -> None:
    decision = matcher.match("방산 품질인증 받는거 지원해주나요")
    assert decision.id != "staff-training"
    assert decision.candidates[0].id == "cert-fees"


def test_training_asked_for_still_is(matcher: Matcher) -> None:
    assert matcher.match("방산 품질 교육 받을 수 있나요").candidates[0].id == "staff-training"

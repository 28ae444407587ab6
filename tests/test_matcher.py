"""The matcher, through real knowledge files: what people type and what it decides."""
from __future__ import annotations

from pathlib import Path

import pytest

from intents.matcher import Matcher
from knowledge.loader import load_or_raise

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def shipped() -> Matcher:
    return Matcher(load_or_raise(ROOT / "knowledge", ROOT / "intents"))


@pytest.mark.parametrize("text, expected, aspect", [
    ("청창사 언제 모집해요?", "youth-startup-academy", "period"),  # alias + ending + aspect
    ("청년창업사관학교 신청 자격", "youth-startup-academy", "eligibility"),
    ("ㅊㅊㅅ", "youth-startup-academy", None),  # 초성 of an alias
    ("청 창 사", "youth-startup-academy", None),  # odd spacing
    ("수출바우쳐 신청", "export-voucher", "apply"),  # one-letter typo, no space
    ("수출 바우처 담당자 번호", "export-voucher", "contact"),
    ("Youth Startup Academy contact", "youth-startup-academy", "contact"),
])
def test_answers_programs_as_people_type_them(mini: Matcher, text: str, expected: str, aspect: str | None) -> None:
    decision = mini.match(text)
    assert (decision.kind, decision.id, decision.aspect) == ("answer", expected, aspect)


@pytest.mark.parametrize("text, expected", [
    ("창업지원금신청방법", "startup-funding"),
    ("창엄 지윈금", "startup-funding"),
    ("how do I join a trade mission", "trade-mission"),
    ("ㄱㅅㄱㅇ 육성사업", "strong-sme"),
    ("무역 사절단 참가하고 싶어요", "trade-mission"),
    ("startup 지원금 받을 수 있나요", "startup-funding"),
    ("안녕하세요", "greeting"),
    ("thank you!", "thanks"),
    ("담당자랑 통화하고 싶어요", "human"),
])
def test_answers_the_shipped_knowledge(shipped: Matcher, text: str, expected: str) -> None:
    decision = shipped.match(text)
    assert (decision.kind, decision.id) == ("answer", expected)


@pytest.mark.parametrize("text", [
    "오늘 점심 뭐 먹지", "국민연금 조회", "수소차 구매 보조금", "청창사 언제 모집해요?", "주말 날씨 어때요",
    "what's the capital of France",
])
def test_does_not_answer_what_it_does_not_know(shipped: Matcher, text: str) -> None:
    assert shipped.match(text).kind != "answer"


def test_unsure_offers_up_to_three_candidates_best_first(shipped: Matcher) -> None:
    # (수소 alone, or with a generic word, names the hydrogen area: its list, test_matcher_followups)
    decision = shipped.match("수소 행사")
    assert decision.kind == "suggest"
    assert 1 < len(decision.candidates) <= 3
    scores = [c.score for c in decision.candidates]
    assert scores == sorted(scores, reverse=True)
    assert sum(c.id.startswith("hydrogen") for c in decision.candidates) >= 2


def test_an_answer_lists_itself_first_among_candidates(shipped: Matcher) -> None:
    decision = shipped.match("무역사절단 신청 방법")
    assert decision.kind == "answer"
    assert decision.candidates[0].id == decision.id == "trade-mission"
    assert decision.aspect == "apply"


def test_language_is_detected(shipped: Matcher) -> None:
    assert shipped.match("trade mission please").lang == "en"
    assert shipped.match("무역사절단").lang == "ko"
    assert shipped.match("무역사절단", lang="en").lang == "en"


def test_a_question_without_a_topic_gets_no_program(shipped: Matcher) -> None:
    decision = shipped.match("신청 방법 알려주세요")
    assert all(c.kind != "program" for c in decision.candidates)


@pytest.mark.parametrize("text", ["", "   ", "😀😀😀", "\x00\x01\x02", "?!?!", "a" * 10_000, "가" * 10_000,
                                  "ㄱ" * 500, "<b>hello</b>", "\u200b\u200b", "مرحبا", "Привет мир"])
def test_bad_input_yields_a_decision(shipped: Matcher, text: str) -> None:
    decision = shipped.match(text)
    assert decision.kind in ("answer", "suggest", "fallback")

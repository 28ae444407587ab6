"""Who a question is for, and a shopper's question (intents/audience.py through intents/scope.py): a question
for a group of people no item serves (노인 일자리, jobs for retired people), or a shopper's (할인 쿠폰), gets the
honest fallback; the items' own questions, an item that writes the group, and a group word that says who is
asking still get their answer. A small knowledge base of its own, written as YAML files."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from intents.evaluate import run_eval
from conftest import with_shipped_intents
from intents.matcher import Matcher
from intents.scope import ScopeWords
from knowledge.loader import load_or_raise

PROGRAMS = """\
programs:
  - id: job-matching
    name: {ko: 구인 구직 일자리 매칭, en: Job Matching}
    aliases: [일자리 매칭, 취업 매칭, job matching]
    summary: 구직자와 지역 기업을 연결합니다.
    questions: [일자리 매칭 서비스 신청, 취업 연결해 주세요, 일자리 구하고 싶어요]
  - id: youth-jobs
    name: {ko: 청년 일자리 지원, en: Youth Jobs}
    aliases: [청년 일자리, youth jobs]
    summary: 지역 기업에 취업하는 청년을 지원합니다.
    questions: [청년 일자리 사업 신청, 청년 채용 지원금]
  - id: reemployment
    name: {ko: 중장년 재취업 지원, en: Re-employment for Older Workers}
    aliases: [재취업 지원]
    summary: 퇴직한 중장년과 고령자의 재취업을 돕습니다.
    questions: [재취업 교육 신청]
  - id: robot-hall
    name: {ko: 로봇 체험관, en: Robot Experience Hall}
    aliases: [체험관, robot hall]
    summary: 기업 임직원이 로봇을 체험하는 전시관입니다. 관람은 누리집에서 예매합니다.
    questions: [로봇 체험관 관람 신청, 체험관 예매 방법]
  - id: drone-show
    name: {ko: 드론 공연, en: Drone Show}
    aliases: [드론쇼]
    summary: 누구나 볼 수 있는 드론 공연입니다.
    questions: [드론쇼 언제 해요]
  - id: business-loan
    name: {ko: 소상공인 대출 지원, en: Small Business Loans}
    aliases: [소상공인 대출, 사업자 대출]
    summary: 소상공인의 운영 자금 대출을 돕습니다.
    questions: [소상공인 대출 신청, 사업자 대출 받고 싶어요]
"""


@pytest.fixture(scope="module")
def matcher(tmp_path_factory: pytest.TempPathFactory) -> Matcher:
    return Matcher(with_shipped_intents(tmp_path_factory.mktemp("audience"), PROGRAMS))


@pytest.mark.parametrize("question", [
    "노인 일자리 신청",             # a group bare before what it modifies
    "어르신들 일자리 구하고 싶어요",
    "노인일자리 매칭",              # written solid
    "장애인 전용 일자리 매칭",       # with 전용
    "어린이를 위한 로봇 체험관",     # ~를 위한
    "job matching for retired people",
    "kids robot hall",
])
def test_a_question_for_a_group_no_item_serves_is_not_answered(matcher: Matcher, question: str) -> None:
    decision = matcher.match(question)
    assert decision.kind == "fallback", decision
    assert decision.candidates, "the candidates stay for the record (top3)"


@pytest.mark.parametrize("question, expected", [
    ("청년 일자리 사업 신청", "youth-jobs"),
    ("일자리 매칭 서비스 신청", "job-matching"),
    ("노인 재취업 지원", "reemployment"),                # its text writes 고령자: it serves seniors
    ("저는 주부인데 일자리 매칭 신청할 수 있어요?", "job-matching"),  # who asks, not who it is for
    ("체험관 예매 방법", "robot-hall"),                  # it writes 예매 itself
    ("어린이 드론쇼 언제 해요", "drone-show"),            # open to anyone (누구나): it serves every group
])
def test_the_items_own_questions_are_still_answered(matcher: Matcher, question: str, expected: str) -> None:
    decision = matcher.match(question)
    assert (decision.kind, decision.id) == ("answer", expected), decision


@pytest.mark.parametrize("question", ["로봇 체험관 할인 쿠폰", "robot hall tickets discount"])
def test_a_shoppers_question_is_not_answered_by_an_item_that_never_speaks_of_it(matcher: Matcher,
                                                                                  question: str) -> None:
    assert matcher.match(question).kind == "fallback"


def test_groups_are_named_only_where_they_say_who_the_thing_is_for(matcher: Matcher) -> None:
    audience = matcher.scope.audience
    assert audience.named("노인 일자리 신청") == {"seniors"}
    assert audience.named("노인인데 일자리 있어요") == frozenset(), "노인인데 says who asks"
    assert audience.named("summer camp for kids") == {"children"}
    assert audience.named("my kids") == frozenset()
    assert audience.uncovered(frozenset({"seniors"}), (), "reemployment") is None
    assert audience.uncovered(frozenset({"seniors"}), (), "job-matching") == "audience"


def test_the_groups_and_cues_are_language_data() -> None:
    words = ScopeWords.load()
    assert "노인" in words.audiences["seniors"] and "kids" in words.audiences["children"]
    assert "할인" in words.consumer_cues_ko and "tickets" in words.consumer_cues_en


ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("cases, knowledge", [
    ("tests/data/alt/nearmiss.yaml", "tests/data/alt/knowledge"),
    ("tests/data/blind/nearmiss.yaml", "tests/data/blind/knowledge"),
])
def test_near_miss_sets_on_other_knowledge_bases_hold_their_floor(cases: str, knowledge: str) -> None:
    """Near misses written against two other agencies' knowledge bases (and in-scope controls with the same head
    nouns): a floor below the figures measured when they were written (lexical oos_rejected alt 1.0, blind .83)."""
    out = io.StringIO()
    assert run_eval(ROOT / cases, ROOT / knowledge, ROOT / "intents", as_json=True, out=out, mode="lexical") == 0
    figures = json.loads(out.getvalue().strip().splitlines()[-1])
    assert figures["out_of_scope"] >= 20 and figures["invalid_cases"] == 0
    assert figures["oos_rejected"] >= 0.75 and figures["answered"] == 1.0, figures


def test_a_question_on_an_unknown_thing_is_offered_no_small_talk(matcher: Matcher) -> None:
    decision = matcher.match("배멀미 안 하는 방법")
    assert decision.kind == "fallback" and decision.candidates, "greeting or help buttons are no answer to it"
    assert matcher.match("안녕하세요").id == "greeting"

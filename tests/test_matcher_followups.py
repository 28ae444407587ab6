"""Follow-ups that lost or wrongly kept their context (intents/context.py Talk, the matcher's follow-up path):
status words, `그거 말고`, other items of an area, an area's bare name, referrals as context, and a
follow-up that names another item in common words. Lexical mode, through the frozen knowledge (`matcher`)
or a small knowledge base written here, so that no rule can rest on one program of ours."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from conftest import write_knowledge
from intents.context import MatchContext, remembered
from intents.matcher import Matcher


def _after(item_id: str) -> MatchContext:
    return MatchContext(item_id, time.time())


@pytest.mark.parametrize("text", ["그거 아직 해요?", "아직도 하나요?", "지금도 해요?", "is it still on?"])
def test_a_status_word_asks_whether_the_last_program_still_runs(matcher: Matcher, text: str) -> None:
    decision = matcher.match(text, context=_after("test-certification"))
    assert (decision.kind, decision.id, decision.aspect) == ("answer", "test-certification", "period")


def test_a_status_word_is_no_topic_of_its_own(matcher: Matcher) -> None:
    # 아직 is written in a program's summary (아직 사업자를 내지 않은): it must not pull that program in.
    assert matcher.match("그거 아직 해요?", context=_after("trade-mission")).id == "trade-mission"


def test_that_one_ruled_out_gives_the_rest_of_its_area(matcher: Matcher) -> None:
    decision = matcher.match("그거 말고 다른 수출 지원은요?", context=_after("export-consultation"))
    assert decision.area == "export"
    assert decision.id != "export-consultation"


def test_that_one_ruled_out_is_never_the_answer(matcher: Matcher) -> None:
    decision = matcher.match("그거 말고 다른 거요", context=_after("trade-mission"))
    assert decision.id != "trade-mission"


@pytest.mark.parametrize("text, area", [
    ("창업 지원", "startup"), ("청년 일자리", "jobs"), ("수출 지원", "export"), ("수출지원ㅋㅋ", "export"),
    ("창업 지원ㅋㅋ", "startup"), ("수소", "hydrogen"),
    ("수출 신청", None),       # an aspect of something: not the list
    ("수출상담회", None),      # one program, named
    ("항공부품", None),        # part of an area's name, but one program's whole name
])
def test_an_areas_bare_name_asks_for_its_list(matcher: Matcher, text: str, area: str | None) -> None:
    assert matcher.match(text).area == area


def test_excluded_topic_is_never_the_answer(matcher: Matcher) -> None:
    decision = matcher.match("수출 말고 스마트공장 구축 지원은 있나요?")
    assert decision.area != "export"
    assert all(not c.id.startswith(("export", "trade", "overseas")) for c in decision.candidates)


def test_a_follow_up_after_a_referral_is_about_that_referral(matcher: Matcher) -> None:
    assert remembered(matcher.kb.get("ref-work24"))
    assert not remembered(matcher.kb.get("greeting"))
    decision = matcher.match("그럼 신청은요?", context=_after("ref-work24"))
    assert (decision.kind, decision.id) == ("answer", "ref-work24")


def test_a_follow_up_that_names_another_item_in_common_words_is_not_captured(matcher: Matcher) -> None:
    # register + business are an apply cue and a generic word, but together they are the referral's alias.
    decision = matcher.match("How do I register my business?", context=_after("trade-mission"))
    assert (decision.kind, decision.id) == ("answer", "ref-hometax")
    assert matcher.match("how do I apply?", context=_after("trade-mission")).id == "trade-mission"


def test_the_rules_hold_on_another_knowledge_base(tmp_path: Path) -> None:
    kb = write_knowledge(tmp_path, """
area: {id: food, name: {ko: 식품 산업, en: Food industry}}
programs:
  - {id: kimchi-fair, name: 김치 식품 박람회, summary: 박람회, period: 10월, questions: [김치 박람회 언제 해요]}
  - {id: snack-lab, name: 과자 식품 연구소, summary: 연구소, questions: [과자 연구소 입주]}
  - {id: rice-export, name: 쌀 식품 수출, summary: 수출, questions: [쌀 수출 지원]}
""", """
intents:
  - {id: list-programs, examples: [사업 목록], action: browse}
""")
    m = Matcher(kb)
    assert m.match("식품 산업").area == "food"
    assert m.match("그거 아직 해요?", context=_after("kimchi-fair")).aspect == "period"
    others = m.match("그거 말고 다른 식품 지원은요?", context=_after("kimchi-fair"))
    assert others.area == "food" and others.id != "kimchi-fair"


@pytest.mark.parametrize("text", ["외국인도 신청 가능해요?", "대학원생도 되나요?", "can freelancers join too?"])
def test_naming_only_who_asks_is_the_last_programs_eligibility(matcher: Matcher, text: str) -> None:
    decision = matcher.match(text, context=_after("startup-incubation"))
    assert (decision.kind, decision.id, decision.aspect) == ("answer", "startup-incubation", "eligibility")


def test_a_who_word_that_names_a_program_is_that_program(matcher: Matcher) -> None:
    assert matcher.match("예비창업자는요?", context=_after("startup-incubation")).id == "pre-founder"

"""The clause that asks decides a story's topic (intents/story.py, intents/matcher.py `_area`), against the
shipped knowledge base through the matcher's public entry, lexical mode: the story's words (부품, 회사) no
longer pick a neighbouring program where the question names an area, and a question that names nothing but
the agency and help leaves the topic to the story."""
from __future__ import annotations

import pytest

from intents.matcher import Matcher


@pytest.mark.parametrize("text, area", [
    ("진흥원 수출 지원 뭐 있어요", "export"),
    ("진흥원에서 하는 창업 지원사업 뭐 있나요", "startup"),
])
def test_the_agencys_own_name_does_not_hide_the_area_asked_for(shipped_matcher: Matcher, text: str, area: str) -> None:
    decision = shipped_matcher.match(text)
    assert decision.answered and decision.area == area


def test_the_agencys_own_name_is_what_a_question_about_the_agency_asks(shipped_matcher: Matcher) -> None:
    # no area named: the agency's own FAQs answer as before
    assert shipped_matcher.match("진흥원 소개 좀 해주세요").id == "agency-intro"
    assert shipped_matcher.match("진흥원 연락처 알려주세요").id == "phone-number"


@pytest.mark.parametrize("text, area", [
    ("연료전지 스택 부품을 납품하는 회사인데요 진흥원 수소 관련 지원사업 뭐 있어요", "hydrogen"),
    ("저희는 자동차 부품 만드는 회사인데요 진흥원 수출 지원 뭐 있나요", "export"),
])
def test_a_story_whose_question_asks_for_an_areas_list_gets_the_list(shipped_matcher: Matcher, text: str,
                                                                      area: str) -> None:
    # The whole message scores a defence-parts program best on the story's 부품; the question is the list.
    whole = shipped_matcher._decide_analysis(shipped_matcher.analyzer.analyze(text), "ko")
    assert whole.area is None
    decision = shipped_matcher.match(text)
    assert decision.answered and decision.area == area


def test_a_question_naming_only_the_agency_and_help_is_not_read_alone(shipped_matcher: Matcher) -> None:
    question = "agency can help me?"
    alone = shipped_matcher.match(question)
    # Alone, some program's English question holds `agency` and `help`: it leads (offered among suggestions since
    # intents/relevance.py `single_word`: one shared word is no answer), and the story must not be answered with it.
    assert alone.kind in ("answer", "suggest") and alone.candidates
    lead = alone.id or alone.candidates[0].id
    assert shipped_matcher.kb.get(lead) is not None
    story = ("hi, my name is Tran. i came from the philippines and live in changwon. "
             "i want to start a small shop selling filipino snacks. " + question)
    decision = shipped_matcher.match(story)
    assert decision.id != lead

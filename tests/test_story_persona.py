"""A story whose question names nothing, told by a retired expert: what they can give (intents/story.py
`as_persona`). Lexical mode, against a small knowledge base written here (another agency's, in the same
format), so that what is tested is the rule, not the shipped items."""
from __future__ import annotations

import pytest

from conftest import write_knowledge
from intents.matcher import Matcher
from intents.story import gives

KNOWLEDGE = """
programs:
  - id: field-mentoring
    name: {ko: 현장 기술 멘토링, en: On-site technical mentoring}
    aliases: [기술 멘토링]
    summary: 퇴직 전문가가 중소기업의 생산 현장 애로를 풀어 드립니다.
    questions: [현장 기술 멘토링 받고 싶어요, 공장 불량 문제 전문가 상담]
  - id: job-link
    name: {ko: 중장년 일자리 연계, en: Jobs for older workers}
    aliases: [중장년 일자리]
    summary: 중장년 구직자와 지역 기업을 이어 드립니다.
    questions: [중장년 재취업 지원 있나요, 나이 많아도 취업 연계 되나요]
faqs:
  - id: be-a-mentor
    questions: [퇴직 엔지니어인데 멘토 할수 있나요, 전문가 멘토로 참여하고 싶어요]
    answer: 전문가 멘토는 공고를 보고 신청하실 수 있습니다.
  - id: pension
    questions: [퇴직연금 문의]
    answer: 연금은 저희 업무가 아닙니다.
"""


@pytest.fixture(scope="module")
def matcher(tmp_path_factory: pytest.TempPathFactory) -> Matcher:
    return Matcher(write_knowledge(tmp_path_factory.mktemp("persona"), KNOWLEDGE))


def test_a_retired_engineer_asking_what_there_is_is_a_would_be_mentor(matcher: Matcher) -> None:
    decision = matcher.match("안녕하세요. 저는 61세이고 조선소에서 설계 엔지니어로 30년 일하다 작년에 퇴직했습니다. "
                             "아직 건강하고 경험을 살려서 일을 더 하고 싶은데 도움 받을 수 있는 게 있을까요?")
    assert (decision.kind, decision.id) == ("answer", "be-a-mentor")


def test_retired_alone_or_experience_alone_is_no_offer() -> None:
    assert gives("30년 일하다 작년에 퇴직한 엔지니어입니다")
    assert gives("I retired last year after 30 years as an engineer")
    assert not gives("작년에 퇴직했습니다. 생활이 어려운데 도움 받을 수 있는 게 있을까요?")  # no experience offered
    assert not gives("엔지니어로 10년 일했습니다. 이직하고 싶어요")  # not retired


def test_a_story_without_the_offer_is_not_read_as_a_mentors(matcher: Matcher) -> None:
    decision = matcher.match("작년에 퇴직했습니다. 생활이 어려운데 도움 받을 수 있는 게 있을까요?")
    assert decision.id != "be-a-mentor"

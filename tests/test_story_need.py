"""A story whose question names no topic of its own, read as the need it states (intents/story.py `as_need`,
story.yaml `stated_needs`), on the shipped knowledge, lexical mode."""
from __future__ import annotations

from intents.matcher import Matcher
from intents.story import NEEDS, stated_need

STORY = ("저는 마흔한 살이고 아이 셋을 키우느라 8년 동안 집에만 있었어요. 전에는 물류회사 경리였는데 다시 일하고 "
         "싶어서요. 진흥원에서 도와주실 수 있는 게 있을까요?")


def test_a_need_is_read_from_the_storys_own_words() -> None:
    assert stated_need("아이 키우느라 일을 쉬었어요. 이제 다시 일하고 싶어요") == "구직자 지원"
    assert stated_need("친구랑 카페 창업을 준비하고 있어요") == "예비창업자 지원"
    assert stated_need("저는 창원에 삽니다") is None
    # two needs stated: which one is asked is the question's, not ours to pick
    assert stated_need("창업 준비를 하다가 접었고 지금은 다시 취업 준비 중이에요") is None
    assert all(words for words in NEEDS.values())


def test_a_question_without_a_topic_is_read_as_the_stated_need(shipped_matcher: Matcher) -> None:
    whole = shipped_matcher._decide_analysis(shipped_matcher.analyzer.analyze(STORY), "ko")
    assert whole.kind != "answer"  # the agency and help alone: nothing the whole message answers
    decision = shipped_matcher.match(STORY)
    assert decision.kind == "answer" and decision.id == "job-seeker-help"


def test_a_question_with_its_own_topic_is_not_replaced(shipped_matcher: Matcher) -> None:
    # The story states a job seeker's need, the question asks about export consultations: the question decides.
    text = "회사를 그만두고 다시 취업 준비 중이에요. 해외 바이어 수출상담회는 언제 열리나요?"
    assert shipped_matcher.match(text).id != "job-seeker-help"

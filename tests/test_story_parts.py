"""A message read part by part where its whole does not decide (intents/clauses.py, intents/parts.py).

Against the shipped knowledge base through the matcher's public entry (lexical mode), and through the real
Application: a message asking two things is answered on one, the card offering the other as a button."""
from __future__ import annotations

import pytest

from conftest import buttons
from intents.clauses import split
from intents.decision import Candidate, Decision
from intents.matcher import Matcher
from intents.parts import decided_parts, from_parts

TWO_QUESTIONS = "시험인증 수수료 지원은 어떻게 신청해요? 그리고 재직자 교육도 있나요?"
# A story whose asking sentence runs on into the next without its full stop; the whole falls back.
STORY = ("저희는 작은 스타트업이고 사무실이 없어서 카페에서 일해요. 창업보육센터 입주 신청하려면 뭐가 필요한지 "
         "알려주세요 팀원은 세 명이고 다들 개발자예요.")


@pytest.mark.parametrize("text, parts", [
    (TWO_QUESTIONS, ["시험인증 수수료 지원은 어떻게 신청해요?", "그리고 재직자 교육도 있나요?"]),
    ("예비창업자 지원 자격이 궁금하고, 창업보육센터 입주도 가능한가요?",
     ["예비창업자 지원 자격이 궁금하고,", "창업보육센터 입주도 가능한가요?"]),
    ("how do I join the trade mission? and also is there a buyer meeting this year?",
     ["how do I join the trade mission?", "and also is there a buyer meeting this year?"]),
    ("We make pumps; also, how do we apply for the fee support?",
     ["We make pumps", "also, how do we apply for the fee support?"]),
    ("방산 전시회 참가 지원은 어떻게 받나요 요즘 경기가 안 좋아서",
     ["방산 전시회 참가 지원은 어떻게 받나요", "요즘 경기가 안 좋아서"]),
    # not cut: 하고 without a comma joins one clause (신청하고 싶어요); 다니다 is no formal ending (니다)
    ("회사 다니다 그만두고 신청하고 싶어요", ["회사 다니다 그만두고 신청하고 싶어요"]),
])
def test_a_message_is_cut_into_sentences_and_the_clauses_a_connective_joins(text: str, parts: list[str]) -> None:
    assert [p.text for p in split(text)] == parts


def test_which_parts_ask() -> None:
    text = "저희 회사는 방산 부품을 만드는데요. 방산 전시회 참가 지원은 어떻게 받나요 요즘 경기가 안 좋아서"
    asks = [p.asks for p in split(text)]
    assert asks == [False, True, False]


def test_a_message_asking_two_things_is_answered_on_one_and_offers_the_other(shipped_matcher: Matcher) -> None:
    decision = shipped_matcher.match(TWO_QUESTIONS)
    assert decision.answered
    asked = {"test-certification", "worker-training"}
    assert decision.id in asked and set(decision.also) == asked - {decision.id}


def test_one_question_asked_twice_offers_nothing_more(shipped_matcher: Matcher) -> None:
    decision = shipped_matcher.match("무역사절단 신청 자격이 궁금하고요, 올해는 언제 모집하나요?")
    assert decision.id == "trade-mission" and decision.also == ()


def test_a_story_whose_whole_falls_back_is_answered_by_its_asking_part(shipped_matcher: Matcher) -> None:
    whole = shipped_matcher._decide_analysis(shipped_matcher.analyzer.analyze(STORY), "ko")
    assert whole.kind != "answer" and whole.candidates[0].id == "startup-incubation"
    decision = shipped_matcher.match(STORY)
    assert decision.answered and decision.id == "startup-incubation"


def test_a_part_deciding_another_item_than_the_whole_ranks_first_does_not_answer(shipped_matcher: Matcher) -> None:
    # The asking part alone decides the incubation centre; a whole that ranks something else first (the story
    # told about it) keeps its honest suggestion.
    other = Decision("suggest", None, None, 40.0, (Candidate("pre-founder", "program", 40.0),
                                                   Candidate("startup-incubation", "program", 38.0)), "ko")
    assert from_parts(shipped_matcher, STORY, other, "ko", frozenset()) is None
    first = Decision("suggest", None, None, 40.0, (Candidate("startup-incubation", "program", 40.0),), "ko")
    answered = from_parts(shipped_matcher, STORY, first, "ko", frozenset())
    assert answered is not None and answered.id == "startup-incubation"


def test_a_part_pointing_at_what_another_named_decides_nothing(shipped_matcher: Matcher) -> None:
    # `there` is the festival, not the agency: alone, `how do I get to ...` is the agency's location.
    text = ("A friend told me that Changwon has a famous festival in Jinhae every spring. "
            "When is the festival this year and how do I get there from Busan?")
    assert decided_parts(shipped_matcher, text, "en", frozenset()) == []
    assert not shipped_matcher.match(text).answered


def test_a_part_tied_to_its_item_by_one_word_decides_nothing(shipped_matcher: Matcher) -> None:
    text = "아이가 다닐 수영장을 찾고 있는데요. 강습 교육 프로그램도 있나요?"
    assert all(d.decision.id != "worker-training" for d in decided_parts(shipped_matcher, text, "ko", frozenset()))
    assert shipped_matcher.match(text).id != "worker-training"


async def test_the_card_of_a_two_question_message_offers_the_other_item(bot, matcher: Matcher) -> None:
    decision = matcher.match(TWO_QUESTIONS)
    assert decision.answered and decision.also
    other = decision.also[0]
    sent = await bot.say(TWO_QUESTIONS, user_id=4711)
    offered = [(label, data) for label, data in buttons(sent[-1]) if data.split(":")[1:2] == [other]]
    assert offered and offered[0][0].startswith("➕"), buttons(sent[-1])
    shown = await bot.press(offered[0][1], user_id=4711)
    assert matcher.kb.get(other) is not None
    name = matcher.kb.get(other)
    assert shown and (getattr(name, "name", None) is None or name.name.get("ko") in shown[-1]["text"])

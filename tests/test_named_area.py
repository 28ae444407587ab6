"""An answer from another area than the one the question names is not given (intents/named_area.py), a
message of two short sentences is read as a story (its asking one decides), and a story's lone everyday word
the knowledge base never writes no longer vetoes an answer every reading agrees on (intents/story.py
novel_question). The shipped knowledge base through the matcher's public entry, lexical mode, and the blind
agency's for the model."""
from __future__ import annotations

from pathlib import Path

from intents.matcher import Matcher
from intents.named_area import named_areas, outside
from intents.story import novel_question, read_story
from knowledge.loader import load_or_raise

ROOT = Path(__file__).resolve().parent.parent


def test_an_item_of_another_area_than_the_one_named_is_not_answered(shipped_matcher: Matcher) -> None:
    text = "일자리를 구하고 싶어요"  # shares only the stem 구(하다) with the office-space FAQ
    asked = shipped_matcher.analyzer.analyze(text)
    assert list(named_areas(shipped_matcher, asked)) == ["jobs"]
    assert outside(shipped_matcher, asked, "office-space")
    decision = shipped_matcher.match(text)
    assert decision.kind == "suggest"
    assert [c.id for c in decision.suggestions][0] != "office-space"
    assert {"job-matching", "ref-work24"} <= {c.id for c in decision.candidates[:2]}


def test_an_item_inside_the_named_area_or_holding_its_word_is_answered(shipped_matcher: Matcher) -> None:
    assert shipped_matcher.match("사무실 구하고 있어요").id == "office-space"  # no area named
    decision = shipped_matcher.match("요즘 일자리 구하는 중인데 도와주실 수 있나요")
    assert decision.answered and decision.id == "job-seeker-help"  # an FAQ about the area's programs
    asked = shipped_matcher.analyzer.analyze("일자리를 구하고 싶어요")
    assert not outside(shipped_matcher, asked, "job-matching")
    assert not outside(shipped_matcher, asked, "ref-work24")  # a referral keeps its answer


def test_two_short_sentences_are_read_as_a_story(shipped_matcher: Matcher) -> None:
    # The whole message left too much unexplained; its asking sentence alone is clear.
    decision = shipped_matcher.match("what about office space? I'd need a desk somewhere cheap")
    assert decision.answered and decision.id == "office-space"
    decision = shipped_matcher.match("수출 지원 있어요? 베트남 쪽이요")
    assert decision.answered and decision.area == "export"


def test_a_lone_everyday_word_is_not_a_novel_question_a_word_in_anothers_slot_is() -> None:
    matcher = Matcher(load_or_raise(ROOT / "tests" / "data" / "blind" / "knowledge", ROOT / "intents"))
    lone = read_story("다음 주에 상담받으러 갑니다. 짐이 많아서 차를 가지고 가요. 건물 안에 차 세울 곳이 있나요?")
    assert lone is not None and any(matcher.scope.is_novel(t) for t in matcher.analyzer.analyze(lone.question).terms)
    assert not novel_question(matcher, lone)
    compound = read_story("직원은 네 명입니다. 지금 쓰는 사무실 계약이 곧 끝나는데 입주할 곳이 있을까요?")
    assert compound is not None and not novel_question(matcher, compound)  # 계약 beside 사무실: no name's slot
    other = read_story("주말마다 박람회를 돌아다니고 있어요. 이번 달에 열리는 웨딩박람회 일정 좀 알 수 있을까요?")
    assert other is not None and novel_question(matcher, other)  # 웨딩 where a fair's name has another word
    coding = read_story("아이가 초등학생이에요. 집 근처에 로봇 코딩 학원 있을까요?")
    assert coding is not None and novel_question(matcher, coding)

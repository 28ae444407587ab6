"""One common word does not decide the answer (docs/matching.md "One common word does not decide"), through the real
Matcher on the shipped knowledge:

- a word of a program's name that says what it does (구축 of 수소충전소 구축: intents/lexicon/generic.yaml) is no
  evidence of the program for a question pairing it with a topic of its own (`사무실 구축`);
- an asker who names their own industry's parts (`자동차 부품 회사`) is no maker of another industry's parts: the
  program named for that one (항공부품) is no answer (intents/scope.py `contrast`), unless the question names it;
- `X 말고` rules out the items X names (names, aliases), not a program whose sample question mentions X
  (intents/exclusion.py `ruled_out`)."""
from __future__ import annotations

import pytest

from intents import exclusion
from intents.generic import action_words
from intents.matcher import Matcher


def test_action_words_are_language_data_and_generic(shipped_matcher: Matcher) -> None:
    assert {"구축", "육성", "build"} <= set(action_words())
    assert {"구축", "육성"} <= shipped_matcher.generic  # few programs write them, yet they name none


@pytest.mark.parametrize("question", [
    "사무실 구축 지원해주세요",   # 구축 is only the hydrogen stations' action word: office space is what is asked
    "사무실 구축",
])
def test_an_action_word_of_a_name_does_not_answer(shipped_matcher: Matcher, question: str) -> None:
    decision = shipped_matcher.match(question)
    assert decision.id != "hydrogen-stations"
    assert decision.kind != "answer"
    assert "office-space" in [c.id for c in decision.suggestions]


@pytest.mark.parametrize("question, expected", [
    ("수소충전소 구축 지원 받으려면", "hydrogen-stations"),   # the program's own topic with its action word
    ("충전소 구축 사업 알려주세요", "hydrogen-stations"),
])
def test_the_programs_own_topic_still_answers(shipped_matcher: Matcher, question: str, expected: str) -> None:
    decision = shipped_matcher.match(question)
    assert (decision.kind, decision.id) == ("answer", expected)


@pytest.mark.parametrize("question", [
    "전기차 부품 업체로 전환하려는데 도와주는 사업 있어요",
    "자동차 부품 회사인데 지원 받을 수 있는 사업",
    "배터리 부품 업체인데 육성 사업 있나요",
])
def test_another_industrys_parts_maker_is_not_answered_with_the_aerospace_parts(
        shipped_matcher: Matcher, question: str) -> None:
    decision = shipped_matcher.match(question)
    assert decision.id != "aerospace-parts"
    assert decision.kind != "answer"


@pytest.mark.parametrize("question", [
    "자동차 부품 만드는 회사인데 항공부품 사업 지원 받을 수 있나요",   # names the program: it answers
    "항공 부품 회사인데 지원 있나요",                                 # the program's own industry
])
def test_a_parts_maker_naming_the_programs_industry_still_gets_it(shipped_matcher: Matcher, question: str) -> None:
    decision = shipped_matcher.match(question)
    assert (decision.kind, decision.id) == ("answer", "aerospace-parts")


def test_x_rules_out_what_it_names_not_what_mentions_it(shipped_matcher: Matcher) -> None:
    """부품 is a word of the defense area's name (방위·항공부품): the parts programs it names go, the defense
    technology program, one of whose questions speaks of parts, stays in the defense list."""
    decision = shipped_matcher.match("부품 말고 방산 지원 사업 뭐 있어요")
    assert decision.area == "defense"
    assert "aerospace-parts" in decision.left_out
    assert "defense-tech" not in decision.left_out
    assert "defense-tech" in [c.id for c in decision.candidates]


def test_an_faq_is_named_by_its_questions() -> None:
    """An area's word rules out the programs whose names hold it and the FAQs whose questions do (an FAQ has no other
    name); a program that only mentions it in a question stays."""
    names = {"parts": frozenset({"부품", "항공"}), "tech": frozenset({"방산", "기술"})}
    out = exclusion.ruled_out(["parts", "tech", "faq"], ["부품"], names, [frozenset({"부품", "항공", "방산"})])
    assert out == {"parts", "faq"}
    # X no name holds: whatever holds it in its questions is what X can mean.
    assert exclusion.ruled_out(["tech", "faq"], ["부품"], names, []) == {"tech", "faq"}

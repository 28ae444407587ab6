"""The kind of service a question asks for and a program offers (intents/needs.py, intents/lexicon/needs.yaml), on the
shipped knowledge and on another agency's (tests/data/blind), lexical mode: a description of a problem reaches the
program made for it."""
from __future__ import annotations

from pathlib import Path

import pytest

from intents.decision import Candidate, Decision
from intents.matcher import Matcher
from intents.needs import Needs, load_kinds
from knowledge.loader import load_or_raise
from knowledge.model import KnowledgeBase

ROOT = Path(__file__).resolve().parent.parent
# A problem described, no program named: most of its words are words no item writes.
PROBLEM = "용접 불량이 계속 생겨서 머리 아픈데 전문가가 공장에 와서 봐 줄 수 있나요"


@pytest.fixture(scope="module")
def other_kb() -> KnowledgeBase:
    return load_or_raise(ROOT / "tests" / "data" / "blind" / "knowledge", ROOT / "intents")


def test_the_lexicon_has_both_sides_of_every_kind() -> None:
    kinds = load_kinds()
    assert {"expert", "training", "hiring", "space", "funding", "market"} <= set(kinds)
    for kind in kinds.values():
        assert kind.asks_ko and kind.asks_en and kind.offers_ko and kind.offers_en
        assert all(" " not in w for w in (*kind.asks_ko, *kind.offers_ko))  # Korean is compared spaces removed


def test_a_question_asks_for_a_kind_in_everyday_words(shipped_kb: KnowledgeBase) -> None:
    needs = Needs(shipped_kb)
    assert needs.asked(PROBLEM) == {"expert"}
    assert "training" in needs.asked("우리 직원들 교육 보낼 만한 과정 있을까요")
    assert "hiring" in needs.asked("공장에 일할 사람이 없어서 큰일이에요")
    assert "space" in needs.asked("혼자 일할 공간이 필요한데요")
    assert "expert" in needs.asked("we keep getting defects, can an expert come and look?")
    assert needs.asked("진흥원 전화번호 알려주세요") == frozenset()


def test_a_program_offers_what_its_own_text_says_it_gives(shipped_kb: KnowledgeBase, other_kb: KnowledgeBase) -> None:
    needs = Needs(shipped_kb)
    # Read from each program's name, summary and support text: no program is named in the lexicon.
    assert needs.offers("onsite-mentoring") == {"expert"}
    assert "training" in needs.offers("worker-training")
    assert "space" in needs.offers("startup-incubation")
    assert needs.offers("hydrogen-stations") == frozenset()
    assert needs.offers("no-such-item") == frozenset()
    # Another agency's knowledge base in the same format is read the same way.
    other = Needs(other_kb)
    assert {k for p in other_kb.programs for k in other.offers(p.id)} >= {"expert", "training", "funding"}


def test_one_program_serving_the_need_is_told_from_the_rest(shipped_kb: KnowledgeBase) -> None:
    needs = Needs(shipped_kb)
    asked = needs.asked(PROBLEM)
    assert needs.sole(["onsite-mentoring", "industry-expert", "global-sme"], asked) == "onsite-mentoring"
    assert needs.sole(["onsite-mentoring", "pre-founder"], asked) is None  # two offer it: no single one
    assert needs.sole(["onsite-mentoring"], frozenset()) is None


def test_a_described_problem_is_answered_with_the_program_made_for_it(shipped_matcher: Matcher) -> None:
    # Before: the fallback (its topic words explain a fifth of the question), though its first candidate was right.
    decision = shipped_matcher.match(PROBLEM)
    assert decision.kind == "answer" and decision.id == "onsite-mentoring"


def test_the_need_alone_is_no_topic(shipped_matcher: Matcher) -> None:
    # A repairer for a household appliance: the same need, but no word of the program's own: not answered with it.
    decision = shipped_matcher.match("가전제품이 고장났는데 고쳐 줄 사람 있나요")
    assert decision.kind != "answer"
    assert shipped_matcher.match("집에 물이 새는데 와서 봐줄 사람 있어요?").kind != "answer"


def test_a_need_two_programs_serve_is_left_to_the_asker(shipped_kb: KnowledgeBase) -> None:
    needs = Needs(shipped_kb)
    question = "사업 시작하려는데 전문가 조언 받을 수 있나요"
    both = Decision("suggest", None, None, 40.0, (Candidate("pre-founder", "program", 40.0),
                                                  Candidate("onsite-mentoring", "program", 35.0)), "ko")
    assert needs.answer(both, question, lambda _: True) is both  # both offer experts: which one is the asker's
    one = Decision("suggest", None, None, 40.0, (Candidate("onsite-mentoring", "program", 40.0),
                                                 Candidate("hydrogen-stations", "program", 35.0)), "ko")
    assert needs.answer(one, question, lambda _: True).id == "onsite-mentoring"
    assert needs.answer(one, question, lambda _: False) is one  # no word of its own: the need alone decides nothing
    fallback = Decision("fallback", None, None, 17.0, one.candidates, "ko")
    assert needs.review(fallback, question, lambda _: True).kind == "suggest"
    assert needs.review(fallback, "진흥원 위치가 어디예요", lambda _: True) is fallback


def test_staff_training_is_not_taken_for_another_kind_of_course(shipped_matcher: Matcher) -> None:
    # 보낼 (만한) is a verb form, not a novel noun naming another kind of training (intents/lexicon/scope.yaml).
    decision = shipped_matcher.match("우리 신입들 직무 교육 보낼만한 과정 있을까요")
    assert decision.kind in ("suggest", "answer")
    assert decision.candidates[0].id == "worker-training"


def test_the_fallback_examples_are_the_programs_offering_the_need(shipped_matcher: Matcher) -> None:
    reading = shipped_matcher.relevance.read(PROBLEM)
    assert reading.needs == {"expert"}
    assert shipped_matcher.relevance.related("onsite-mentoring", frozenset(), (), reading.needs)
    assert not shipped_matcher.relevance.related("hydrogen-stations", frozenset(), (), reading.needs)


@pytest.mark.parametrize("text", ["웨딩 박람회 일정 알려주세요", "전기차 충전기 설치 지원 되나요", "로또 번호 추천해 주세요"])
def test_out_of_scope_near_misses_stay_out(shipped_matcher: Matcher, text: str) -> None:
    assert shipped_matcher.match(text).kind != "answer"


def test_more_kinds_are_read_on_both_sides(shipped_kb: KnowledgeBase, other_kb: KnowledgeBase) -> None:
    needs = Needs(shipped_kb)
    assert "pilot" in needs.asked("개발한 장비를 실제 현장에서 써보게 하고 싶어요")
    assert "equipment" in needs.asked("분석 장비를 잠깐 빌려 쓸 수 있나요")
    # A program's own pilot year (`2019년 시범 운영`, `In the 2019 pilot`) offers no testbed.
    assert "pilot" not in needs.offers("onsite-mentoring")
    other = Needs(other_kb)
    assert any("pilot" in other.offers(p.id) for p in other_kb.programs)


def test_a_word_ending_as_a_verb_form_modifies_nothing(shipped_matcher: Matcher) -> None:
    # 부족해서 is a predicate (lacking, so): not a novel kind of 교육 beside the program's own 재직자 교육.
    text = "신입들이 현장 지식이 부족해서 교육을 좀 보내고 싶어요"
    analysis = shipped_matcher.analyzer.analyze(text)
    assert shipped_matcher.scope.uncovered(text, analysis, "worker-training") is None
    near = "웨딩 박람회 참가 지원 되나요"  # a novel word bare before the shared one still names another kind
    assert shipped_matcher.scope.uncovered(near, shipped_matcher.analyzer.analyze(near), "defense-exhibition") == "contrast"

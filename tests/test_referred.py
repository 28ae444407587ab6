"""A person's matter another body serves, asked in everyday words (intents/needs.py `Referred`, needs.yaml
`referred`): answered with the referral whose own phrasings say it serves it, through the real Matcher on real
knowledge; a knowledge base without such a referral, or with a program serving the matter itself, is untouched."""
from __future__ import annotations

from pathlib import Path

import pytest

from intents.matcher import Matcher
from intents.needs import Needs
from knowledge.loader import load_or_raise

ROOT = Path(__file__).resolve().parent.parent


def fictional(agency: str) -> Matcher:
    data = ROOT / "tests" / "data"
    return Matcher(load_or_raise(data / agency / "knowledge", data / "semantic" / "intents"))


@pytest.fixture(scope="module")
def blind3() -> Matcher:
    return fictional("blind3")


@pytest.mark.parametrize("question", [
    "회사 그만두고 제과 배우고 싶은데 국비 되나요",
    "지게차 배우고 싶어요",
    "I lost my job and want to learn programming",
    "훈련장려금은 얼마 나와요",
    # another body's referral answered through a word the matter owns (government): the matter's body instead
    "I want to learn computer or cooking. free class? government pay?",
])
def test_an_individual_learner_is_referred_to_the_training_card(matcher: Matcher, question: str) -> None:
    decision = matcher.match(question)
    assert (decision.kind, decision.id) == ("answer", "ref-work24")


def test_a_workers_change_of_workplace_is_referred_to_the_employment_centre(matcher: Matcher) -> None:
    decision = matcher.match("사업장 변경하고 싶어요")
    assert (decision.kind, decision.id) == ("answer", "ref-work24")


@pytest.mark.parametrize("question", ["월급을 석 달째 못 받았어요", "I did not get my salary"])
def test_unpaid_wages_go_to_the_labour_office_only(matcher: Matcher, question: str) -> None:
    """blind2 refers the labour office (임금체불): it answers. Ours has only the employment centre, whose texts do
    not say it handles wages: no answer, and no program sharing only the matter's words."""
    decision = fictional("blind2").match(question)
    assert (decision.kind, decision.id) == ("answer", "ref-labor-office")
    assert matcher.match(question).kind != "answer"
    assert matcher.match("my boss has not paid me for two months").kind != "answer"  # not the agency head's card


@pytest.mark.parametrize("question, expected", [
    ("우리 직원들 용접 교육 보내고 싶은데 비용 지원 돼요", "worker-training"),  # a company sends its staff
    ("해외마케팅 배우고 싶은데 국비 지원돼요?", "global-marketer"),  # the program's own word
])
def test_a_program_the_question_names_stays(matcher: Matcher, question: str, expected: str) -> None:
    assert matcher.match(question).id == expected


def test_a_childs_academy_fee_is_no_training_card(matcher: Matcher) -> None:
    assert matcher.match("우리 아이 수학 학원비 지원 되나요").kind != "answer"


def test_the_first_tier_a_referral_writes_decides(blind3: Matcher) -> None:
    """blind3 has the employment centre and an employment-permit referral: a foreign worker's change of workplace
    is the permit system's (its own words), not the employment centre's."""
    found = blind3.needs.referred_to("E-9 비자인데 다른 회사로 옮길 수 있어요?")
    assert found is not None and blind3.kb.get(found[1]) is not None
    assert "고용허가제" in blind3.kb.get(found[1]).aliases  # type: ignore[union-attr]


def test_a_program_serving_the_matter_itself_stays(blind3: Matcher) -> None:
    """blind3 teaches welding to job seekers free of charge: its own course, not the training card."""
    decision = blind3.match("용접 배우고 싶은데 돈이 없어요")
    assert decision.kind == "answer" and blind3.kb.get(decision.id or "").kind == "program"  # type: ignore[union-attr]


def test_a_knowledge_base_without_such_a_referral_is_untouched() -> None:
    """alt (a fishery agency) has no referral serving these matters: nothing is referred."""
    alt = fictional("alt")
    needs = Needs(alt.kb)
    assert needs.referred_to("회사 잘리고 용접 배워보고 싶은데") is None
    assert needs.referred_to("월급을 못 받았어요") is None

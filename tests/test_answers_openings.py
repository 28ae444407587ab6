"""A card opens with what was asked, never with a line about something nobody asked (tester9, "worst problems"
3, 7 and 10). Through the real Application, the matcher and the frozen copy of the shipped knowledge:

- `얼마나` asks money only with a word of money after it: `하루에 얼마나 생산해요` asks a quantity, so no line says
  that the support amount is not in the guide, and the sentence that states it (하루 5톤) is shown;
- a detail named in a clause of situation (`시제품 평가할 때`) is the setting, not what is asked, where the asking
  clause names what the program writes (대학 장비: its 장비사용료 text);
- `품질 담당자들이 들을 수 있는 교육` names the asker's staff, not whom to ask: no contact card.
Layout and figures: docs/answers.md.
"""
from __future__ import annotations

import pytest

from handlers import gist
from intents.aspect_lengths import length_part, states_length
from intents.matcher import Matcher
from knowledge.model import KnowledgeBase

AMOUNT_MISSING = "지원 금액은 안내에 나와 있지 않습니다"


async def test_a_quantity_asked_with_eolmana_is_no_amount_of_money(bot) -> None:
    (card,) = await bot.say("액화수소 플랜트는 하루에 얼마나 생산해요?")
    text = card["plain"]
    assert text.startswith("액화수소 플랜트")
    assert AMOUNT_MISSING not in text
    assert "하루 5톤 규모의 액화수소 플랜트" in text  # the fact asked, said once and not denied


async def test_an_amount_asked_with_eolmana_still_says_it_is_not_given(bot) -> None:
    (card,) = await bot.say("액화수소 플랜트 얼마나 받을 수 있어요")
    assert AMOUNT_MISSING in card["plain"] or "받을 수 있는 금액은 안내에 나와 있지 않습니다" in card["plain"]


@pytest.mark.parametrize("question, money", [
    ("하루에 얼마나 생산해요?", False),
    ("얼마나 커요", False),
    ("입주하면 얼마나 있을 수 있어요", False),
    ("얼마나 받을 수 있어요", True),
    ("얼마나 많이 받아요", True),
    ("얼마나 빌릴 수 있어요", True),  # any verb not of quantity or size asks money
    ("지원금은 얼마나?", True),  # nothing after it: money, as before
    ("얼마예요", True),
    ("한도가 어떻게 돼요", True),
    ("how much do we get", True),
])
def test_which_eolmana_asks_money(question: str, money: bool) -> None:
    assert gist.asks_amount(question) is money


async def test_a_detail_in_the_situation_is_not_said_to_be_missing(bot) -> None:
    (card,) = await bot.say("시제품 평가할 때 대학 장비 빌려 쓰는 비용 지원도 있나요")
    text = card["plain"]
    assert text.startswith("중소기업 역량강화 지원")
    assert "시제품에 관한 내용은" not in text
    assert "장비사용료" in text


def test_a_detail_that_is_the_point_is_still_said_to_be_missing(kb: KnowledgeBase) -> None:
    mission = kb.program("trade-mission")
    assert mission is not None
    assert gist.unstated_details("무역사절단 참가비 지원되나요? 항공료 같은거", mission) == ["참가비", "항공료"]
    # the asking clause names nothing the program writes: the detail in the situation is the point
    assert gist.unstated_details("항공료 지원받으려면 어떻게 해요", mission) == ["항공료"]
    assert gist.unstated_details("무역사절단 가려면 항공료도 지원되나요", mission) == ["항공료"]
    # ...and the program's own name in the asking clause is what chose it, not something asked of it
    assert gist.unstated_details("항공료가 걱정인데 무역사절단 지원 되나요", mission) == ["항공료"]


async def test_the_askers_staff_as_learners_is_no_contact_asked(bot) -> None:
    (card,) = await bot.say("안녕하십니까. 저는 성산구에서 자주포 구동기어를 생산하는 직원 110명 방산업체의 "
                            "품질보증팀장입니다. 진흥원에서 품질 담당자들이 들을 수 있는 교육이 있습니까?")
    text = card["plain"]
    assert "연락처는 이 안내에 따로 없어" not in text
    assert text.startswith("재직자 역량강화 교육")


@pytest.mark.parametrize("text, aspect", [
    ("품질 담당자들이 들을 수 있는 교육 있나요", None),
    ("구매 담당자 교육도 있어요?", None),
    ("담당자들 연락처 알려주세요", "contact"),  # another cue still asks it
    ("담당자 번호 알려주세요", "contact"),
    ("하루에 얼마나 생산해요", None),  # a quantity, not the support
    ("얼마나 받을 수 있어요", "support"),
    ("입주하면 얼마나 있을 수 있어요", "period"),
    ("창원에 얼마나 살아야 돼요", "eligibility"),
    ("예비창업자인데 받을 수 있는 지원 뭐 있어요?", "support"),  # what one gets
    ("무역사절단 가면 회사는 뭘 부담해요", "support"),
    ("시제품 제작비도 포함돼요", "support"),
    ("저희도 포함돼요?", "eligibility"),
    ("대상에 포함되나요", "eligibility"),
    ("휴학생인데 참여 돼요", "eligibility"),
    ("교육 받으면 수료증 나와요", "support"),
    ("해외 전시회 부스비 전액 지원이에요", "support"),
    ("그거 투자 심사는 누가 함?", "apply"),
    ("재직자 교육은 누가 신청할 수 있어요?", "eligibility"),
    ("강사는 누가 와요", "support"),
])
def test_aspects_new_users_ask(matcher: Matcher, text: str, aspect: str | None) -> None:
    analysis = matcher.analyzer.analyze(text)
    assert matcher.aspects.detect(text, analysis.terms) == aspect


def test_a_can_i_naming_only_the_program_asks_whether_one_may_have_it(matcher: Matcher) -> None:
    text = "초기 창업기업 성장 지원도 받을 수 있을까요?"
    analysis = matcher.analyzer.analyze(text)
    assert matcher.aspects.detect(text, analysis.terms) == "support"  # 지원도: a benefit, read alone
    assert matcher.aspects.detect(text, analysis.terms, ["초기 창업기업 성장 지원"]) == "eligibility"
    assert matcher.aspects.detect("통역 지원도 받을 수 있나요", (), ["해외지사화"]) == "support"


@pytest.mark.parametrize("question", ["지원금 얼마 나와요?", "얼마 나와요"])
def test_eolma_then_a_verb_is_no_eolmana(question: str) -> None:
    # 얼마 나와요 is 얼마 and 나와요 (how much is paid), not 얼마나 with 와요: read word by word as typed.
    assert gist.asks_amount(question)


def test_a_length_asked_is_the_part_that_states_one(kb: KnowledgeBase, matcher: Matcher) -> None:
    # The incubation centre's stay (기본 3년, 최대 20년까지) is written in its support text; its period text is when
    # applications are taken. A program whose period states a length, or with no part stating one, keeps it.
    incubation = kb.program("startup-incubation")
    assert incubation is not None and length_part(incubation) == "support"
    decision = matcher.match("창업 보육센터 들어가면 몇 년까지 있을 수 있어요")
    assert (decision.id, decision.aspect) == ("startup-incubation", "support")
    assert matcher.match("창업 보육센터 모집 기간 언제예요").aspect == "period"  # when, not how long
    assert all(length_part(p) is None for p in kb.programs if not any(
        states_length(t.values) for t in p.aspects.values()))


@pytest.mark.parametrize("text, aspect", [
    ("채용 공고는 학생들이 어디서 찾아보면 돼요?", "apply"),  # where the notice is: how to apply
    ("공고는 언제 나와요", "period"),
    ("직원 수가 몇 명 이하여야 해요", "eligibility"),  # a company's size: who may apply
    ("몇 명 뽑아요", "support"),
    ("누가 검토해요", "apply"),
])
def test_where_the_notice_is_and_how_big_a_company_may_be(matcher: Matcher, text: str, aspect: str) -> None:
    assert matcher.aspects.detect(text, matcher.analyzer.analyze(text).terms) == aspect

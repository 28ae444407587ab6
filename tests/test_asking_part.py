"""What is asked inside a longer message, and a small trade in everyday words (helper story4): a time word that
narrates asks no period (intents/aspects.py `time_cue`), a statement before the question never names the aspect,
cue wording people use, and a shop owner's wording reaching the small-business referrals (intents/trade.py).
Through the real lexicon, the real Matcher and real knowledge."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import with_shipped_intents
from intents.matcher import Matcher
from intents.trade import load_trades


def _aspect(matcher: Matcher, text: str) -> str | None:
    return matcher.aspects.detect(text, matcher.analyzer.analyze(text).terms)


@pytest.mark.parametrize("text, aspect", [
    # a time said of the predicate alone asks when (or whether) it runs
    ("그 행사 내년에도 해요?", "period"),
    ("상반기 모집 있어요?", "period"),
    ("다음 달에 교육 있어요?", "period"),  # spaced apart
    ("박람회 올해는 어디서 해요?", "period"),  # question words between do not count
    # a time followed by more of the story narrates
    ("올해 입사한 신입들 보낼 교육 있어요?", None),
    ("올해 회사를 그만뒀어요", None),  # a past predicate narrates
    ("올해 행사 안내 책자를 우편으로 받을 수 있어요?", "apply"),  # the way asked, not the year
    ("임상시험 비용 지원", None),  # 상시 inside a word is no time
    ("상시근로자 수 기준이 어떻게 돼요", "eligibility"),
    # English: what the asker opens is no period
    ("I want to open a bakery next to the station", None),
    ("is the office open on Saturday", "period"),
])
def test_a_time_word_asks_only_of_the_predicate(mini: Matcher, text: str, aspect: str | None) -> None:
    assert _aspect(mini, text) == aspect


@pytest.mark.parametrize("text, aspect", [
    # a statement before the question holding a question word tells the story
    ("창업 2년차예요. 어떻게 시작해야 할지 막막하네요. 투자하는 펀드가 있나요?", None),
    # not knowing it asks it
    ("수출을 처음 해봐요. 뭘 준비해야 하는지 모르겠어요. 도와주는 사업이 있나요?", "apply"),
    # an earlier sentence that asks still counts
    ("신청 기간이 궁금합니다. 알려주세요.", "period"),
])
def test_only_a_sentence_that_asks_names_the_aspect(mini: Matcher, text: str, aspect: str | None) -> None:
    assert _aspect(mini, text) == aspect


@pytest.mark.parametrize("text, aspect", [
    ("외국인 창업자한테도 투자하나요", "eligibility"),  # for whom too
    ("본사가 창원에 있어야 되나요", "eligibility"),
    ("예전에 받았는데 또 돼요?", "eligibility"),
    ("상시 근로자 몇 인 이하까지 돼요", "eligibility"),
    ("참여 기업한테 주는 지원금 얼마 정도", "support"),
    ("교육 비용 드나요", "support"),
    ("사무실 임대료", "support"),
    ("전문가 보내주는 사업", None),  # sending, no paying for one (내주는)
    ("선정은 누가 결정해요", "apply"),
    ("결정은 누가 해요", "apply"),
    ("공고는 어느 사이트에 올라와요", "apply"),
    ("검사는 어느 기관에 의뢰해야 돼요", "apply"),
    ("입주하려면 뭐가 필요해요", "apply"),  # as 들어가려면
    ("장비 이용 시간", "period"),
    ("what are the opening hours", "period"),
    ("will you hold the seminar again", "period"),
    ("what is the co-payment", "support"),
])
def test_cues_in_everyday_wording(mini: Matcher, text: str, aspect: str) -> None:
    assert _aspect(mini, text) == aspect


def test_a_story_narrating_this_year_gets_no_schedule(shipped_matcher: Matcher) -> None:
    # `올해 퇴직했어요` and `아직 일할 수 있고` tell the story; the question asks for the service (no part of it).
    text = ("저는 쉰여덟이고 올해 공장에서 퇴직했어요. 아직 일할 수 있고 다시 취업하고 싶어요. "
            "구직자랑 기업을 연결해 주는 서비스가 있나요?")
    decision = shipped_matcher.match(text)
    assert decision.aspect != "period"


def test_trade_words_are_read() -> None:
    trades = load_trades()
    assert trades.concept == "소상공인"
    assert trades.named("작은 치킨집을 하는데요") == "치킨집"
    assert trades.named("we run a small bakery") == "bakery"
    assert trades.named("전시회에 가게 되면 비용 지원 되나요") is None  # 가다, no shop
    assert trades.named("수출 지원 사업 있어요") is None


@pytest.mark.parametrize("text, expected", [
    ("작은 분식집을 하는데 운영자금 대출 받을 곳 있을까요", "ref-gnsinbo"),
    ("미용실 차리기 전에 경영 컨설팅 받아볼 수 있는 곳 있나요", "ref-semas"),
    ("We run a small bakery and need a loan for new ovens", "ref-gnsinbo"),
])
def test_a_shop_owners_wording_reaches_the_small_business_referral(shipped_matcher: Matcher, text: str,
                                                                   expected: str) -> None:
    decision = shipped_matcher.match(text)
    assert (decision.kind, decision.id) == ("answer", expected)


def test_a_trade_named_with_nothing_a_small_business_item_writes_is_not_answered(shipped_matcher: Matcher) -> None:
    # 위생 점검 is nothing the referrals write: naming a restaurant does not make it their question.
    assert shipped_matcher.match("식당 위생 점검 신청은 어디서 해요").kind != "answer"
    assert shipped_matcher.match("근처에 맛있는 식당 추천해 주세요").kind != "answer"


def test_a_knowledge_base_without_the_concept_is_left_as_it_was(tmp_path: Path) -> None:
    kb = with_shipped_intents(tmp_path, """
area:
  id: finance
  name: {ko: 자금}
programs:
  - id: loan-guide
    name: {ko: 운영자금 융자 안내}
    aliases: [운영자금 대출]
    summary: {ko: 중소기업 운영자금 융자를 안내합니다.}
    questions: [운영자금 대출 받고 싶어요]
""")
    matcher = Matcher(kb)
    plain = matcher._decide_analysis(matcher.analyzer.analyze("분식집 하는데 운영자금 대출 있을까요"), "ko")
    assert matcher.match("분식집 하는데 운영자금 대출 있을까요").kind == plain.kind


TRADE_KB = """
area:
  id: startup
  name: {ko: 창업}
programs:
  - id: startup-money
    name: {ko: 기술창업 성장 지원}
    summary: {ko: 기술 창업기업에 창업 자금을 지원합니다.}
    questions: [창업 자금 지원 받고 싶어요, 창업 지원금 있나요]
  - id: cafe-startup
    name: {ko: 카페 창업 자금 지원}
    summary: {ko: 카페를 여는 청년에게 창업 자금을 지원합니다.}
    questions: [카페 창업 자금 지원 받고 싶어요]
referrals:
  - id: ref-small-business
    name: {ko: 소상공인 지원센터}
    aliases: [소상공인 창업 자금, 소상공인 대출]
    questions: [소상공인 창업 자금 받고 싶어요, 소상공인 대출 받을 수 있나요]
    answer: {ko: 소상공인 창업 자금과 대출은 소상공인 지원센터가 안내합니다.}
    contact: {ko: 지원센터 누리집을 보세요.}
"""


def test_a_shops_startup_money_is_the_small_business_question(tmp_path: Path) -> None:
    # The tech founders' fund writes neither 소상공인 nor the trade: a salon's start-up money is the referral's.
    matcher = Matcher(with_shipped_intents(tmp_path, TRADE_KB))
    decision = matcher.match("미용실 창업 자금 지원 받고 싶어요")
    assert (decision.kind, decision.id) == ("answer", "ref-small-business")
    # a program for the trade itself stands, and without a trade the founders' fund does; one named stands too
    assert matcher.match("미용실 하는데 기술창업 성장 지원 자금 받을 수 있나요").id == "startup-money"
    assert matcher.match("카페 창업 자금 지원 받고 싶어요").id == "cafe-startup"
    assert matcher.match("창업 자금 지원 받고 싶어요").id == "startup-money"

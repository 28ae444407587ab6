"""Aspects said in the asker's own words (issue #7, aspect bar): thresholds, who a program is for, costs named
by their kind, how many are chosen, how selection runs, how long one stays, where to ask; which cue decides
when several appear; and, where no cue says it, the one part of the program's text that writes the question's
word (intents/aspect_words.py). Through the real lexicon and knowledge."""
from __future__ import annotations

import pytest

from intents.aspect_words import AspectWords
from intents.matcher import Matcher
from knowledge.model import KnowledgeBase, Program, Text


def _aspect(matcher: Matcher, text: str) -> str | None:
    return matcher.aspects.detect(text, matcher.analyzer.analyze(text).terms)


@pytest.mark.parametrize("text, aspect", [
    # a threshold to meet, who it is for, what one may lack
    ("매출이 얼마 이상이어야 하나요", "eligibility"),  # 얼마 is no amount received here
    ("직원이 몇 명 이상이어야 돼요", "eligibility"),
    ("대표가 여성이어야 해요?", "eligibility"),
    ("누구를 위한 사업이에요", "eligibility"),
    ("나이는 상관없어요?", "eligibility"),
    ("제외되는 업종 있어요", "eligibility"),
    ("현지에 사무실이 없어도 참여할 수 있는지 궁금합니다", "eligibility"),  # 사무실 lacked, not a benefit
    ("컨설팅은 누가 받을 수 있어요", "eligibility"),  # who, whatever is named before "can"
    ("저 같은 신인도 받을 수 있는 지원이 있나요?", "eligibility"),
    ("who is the course meant for", "eligibility"),
    ("any prerequisites", "eligibility"),
    ("is there a revenue threshold", "eligibility"),
    # what is given, what it costs, how many are chosen
    ("사무실도 받을 수 있나요", "support"),  # a benefit named before "can": still support
    ("선정되면 뭘 지원받을 수 있나요", "support"),
    ("비행기표는 누가 내요", "support"),  # who pays: a cost, not who may apply
    ("교육비 내야 돼요?", "support"),
    ("관리비 따로 내요?", "support"),
    ("정원이 몇 명이에요", "support"),
    ("지원 항목이 뭐예요", "support"),
    ("지원금 나와요?", "support"),  # money named before a verb of giving
    ("이거 하면 뭘 얻을 수 있어요", "support"),  # what one gains, not whether one may
    ("어떤 거 해줘요", "support"),
    ("any financial help", "support"),
    ("what's provided", "support"),
    ("how many companies are selected", "support"),
    ("is the travel reimbursed", "support"),
    # how to take part, how selection runs
    ("선발 방법은요", "apply"),
    ("선정은 어떻게 해요", "apply"),
    ("지원하는 법 알려줘", "apply"),
    ("직접 가야 하나요", "apply"),
    ("가려면 미리 등록해야 돼요?", "apply"),
    ("서류 내야 돼요?", "apply"),  # documents handed in, not a fee
    ("가입은 어떻게", "apply"),
    ("참여하고 싶은데 어떻게 해요", "apply"),  # the wish before 는데 says what the "how" is of
    ("what's the first step", "apply"),
    ("how do I enroll", "apply"),
    ("do I need to visit in person", "apply"),
    # when, how long, whether it still runs
    ("입주 기간 얼마나 돼요", "period"),  # 얼마 of a period is no amount
    ("입주하면 몇 년 있을 수 있어요", "period"),
    ("몇 년까지 있을 수 있어요", "period"),  # a stay, not whether one may
    ("지금 신청 받고 있어요?", "period"),
    ("공고 났어요?", "period"),
    ("교육 시간이 어떻게 돼요", "period"),
    ("what's the application deadline", "period"),  # not how to apply
    ("is it still running", "period"),
    ("is it held every year", "period"),
    # where to ask
    ("위치 알려주세요", "contact"),
    ("문의할 곳", "contact"),
    ("is there a hotline", "contact"),
    ("연락 어떻게 해요", "contact"),
    ("where is their office", "contact"),
])
def test_an_aspect_in_the_askers_words(mini: Matcher, text: str, aspect: str) -> None:
    assert _aspect(mini, text) == aspect


def test_a_word_of_one_part_of_the_text_says_the_aspect() -> None:
    """No cue: the section that alone writes the question's word answers it; a word in the summary or in two
    sections asks about the program as a whole."""
    program = Program(id="p", name=Text.of("테스트 사업"), summary=Text.of("기업 돕는 사업입니다."),
                      aspects={"eligibility": Text.of("매출 10억 원 이하 기업"),
                               "support": Text.of("항공료와 숙박비를 지원합니다"),
                               "apply": Text.of("사업계획서를 누리집에 올립니다")})
    kb = KnowledgeBase(programs=(program,), faqs=(), intents=())
    words = AspectWords.build(kb, lambda text: text.replace("를", " ").replace("와", " ").split(), lambda t: False)
    assert words.asked("p", ["항공료"]) == "support"
    assert words.asked("p", ["사업계획서"]) == "apply"
    assert words.asked("p", ["매출"]) == "eligibility"
    assert words.asked("p", ["항공료", "사업계획서"]) is None  # two parts: cannot tell
    assert words.asked("p", ["기업"]) is None  # summary and eligibility both write it
    assert words.asked("p", ["전기차"]) is None
    assert words.asked("other", ["항공료"]) is None


def test_the_knowledge_word_decides_where_no_cue_does(shipped_kb: KnowledgeBase) -> None:
    matcher = Matcher(shipped_kb)
    # No cue word; of the trade mission's texts only the support text writes 계약 (가계약 23건).
    decision = matcher.match("무역사절단 가계약")
    assert (decision.kind, decision.id, decision.aspect) == ("answer", "trade-mission", "support")
    assert matcher.match("무역사절단").aspect is None  # its name alone: the program as a whole

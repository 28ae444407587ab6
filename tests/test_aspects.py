"""Which aspect a question asks (intents/aspects.py, intents/lexicon/aspects.yaml), as people ask it,
through the real lexicon; and that a phrase saying the aspect never changes what a question is about."""
from __future__ import annotations

import pytest

from intents.matcher import Matcher


def _aspect(matcher: Matcher, text: str) -> str | None:
    analysis = matcher.analyzer.analyze(text)
    return matcher.aspects.detect(text, analysis.terms)


@pytest.mark.parametrize("text, aspect", [
    ("얼마나 살아야 돼요", "eligibility"),
    ("사무실도 줘요?", "support"),
    ("몇 번까지 무료", "support"),
    ("언제 개강", "period"),
    ("지정되면 뭐가 좋은데", "support"),  # what one gets, said as "what is good"
    ("선정되면 어떤 점이 좋아요", "support"),
    ("뭘 어떻게 지원해줘요", "support"),  # not how to apply (어떻게 지원)
    ("되려면 뭐가 필요해요", "eligibility"),
    ("우리 회사도 갈 수 있나요", "eligibility"),
    ("참가하고 싶어요", "apply"),
    ("몇 년 유지돼요", "period"),
    ("어디로 물어보면 돼요", "contact"),
    ("what are the benefits", "support"),
    ("am I eligible", "eligibility"),
    ("who is in charge of it", "contact"),
    ("신청하면 언제 발표해요", "period"),  # a question word outweighs a longer matter
    ("알려주세요", None),
    ("어떤 support 받을 수 있나요", "support"),  # 어떤 + an English word: what 어떤 지원 asks (tester8)
    ("저희 회사도 support 받을 수 있나요", "eligibility"),  # whether one may have it
    ("성과공유회는 올해 어디서 해요", "period"),  # where an event is held, this year: not how to apply
])
def test_the_asked_aspect_as_people_ask(mini: Matcher, text: str, aspect: str | None) -> None:
    assert _aspect(mini, text) == aspect


@pytest.mark.parametrize("text, expected, aspect", [
    ("청년창업사관학교 장점", "youth-startup-academy", "support"),
    ("청창사 참가하고 싶어요", "youth-startup-academy", "apply"),
    ("수출바우처 어디로 물어보면 돼요", "export-voucher", "contact"),
    # A long message: the aspect is read from its question, not from the story before it.
    ("작년에 창업 동아리를 하면서 신청서를 써 봤어요. 청년창업사관학교 언제 모집해요?", "youth-startup-academy",
     "period"),
])
def test_a_program_answer_carries_the_aspect(mini: Matcher, text: str, expected: str, aspect: str) -> None:
    decision = mini.match(text)
    assert (decision.kind, decision.id, decision.aspect) == ("answer", expected, aspect)


@pytest.mark.parametrize("text, aspect", [
    # The question is at the end: a clause closed by -려면/-는데/-면 tells the situation.
    ("창업 보육 들어가려면 어떤 조건이 있어요?", "eligibility"),
    ("요건 충족하려면 뭐가 있어야 하나요", "eligibility"),
    ("신청하려면 뭐가 필요해요?", "apply"),  # "what is needed" asks about the clause before it
    ("되려면 뭐가 필요해요", "eligibility"),
    ("자격이 되는지 궁금한데 알려줄 수 있어요?", "eligibility"),  # the last clause names none: the one before
    ("작년에 신청했는데 떨어졌어요. 올해는 언제 모집해요?", "period"),
    # A story's statements never decide: its question names no aspect, so none is asked.
    ("작년에 신청서를 냈습니다. 이 사업은 뭐예요?", None),
    ("저희 회사 직원들 교육 보내고 싶은데 재직자 교육 있나요?", None),
    ("회사 기술 문제로 전문가 자문 받고 싶어요", None),  # 자문 folds into 상담: a synonym, not a typed cue
    # "Can I / is it possible" asks what the thing named before it is.
    ("통역이나 번역 지원도 되나요?", "support"),
    ("부스 비용 같은 걸 지원받을 수 있을까요?", "support"),
    ("어떤 도움을 받을 수 있어요?", "support"),
    ("지금 신청 가능해요?", "period"),
    ("온라인으로 신청 가능?", "apply"),
    ("휴학생 가능?", "eligibility"),
    ("법인만 되나요?", "eligibility"),
    ("작년에 받았는데 올해 또 받을 수 있나요?", "eligibility"),
    ("김해 사는데 신청돼요?", "eligibility"),
    ("can a foreigner apply?", "eligibility"),
    ("can I apply online?", "apply"),
    ("what can I get", "support"),
    # Cue words people type, banmal and 존댓말.
    ("교육 기간은 얼마나 돼요", "period"),  # 얼마 with 기간: how long, not how much
    ("접수 끝났어요?", "period"),
    ("컨설팅도 해줘요?", "support"),
    ("뭐 지원해줌?", "support"),
    ("휴학생도 됨?", "eligibility"),
    ("비용은 회사가 내야 하나요?", "support"),
    ("전번 좀", "contact"),
    ("is it free?", "support"),
    ("is it still open?", "period"),
    ("인재양셩 프로그램 신텅", "apply"),  # a misspelt cue the analyser corrected
    ("모집 시기가 궁금해요", "period"),  # a synonym of a cue word aspects.yaml lets count (시기 -> 기간)
    ("신청 기간이 궁금합니다. 알려주세요.", "period"),  # the question may be an earlier asking sentence
    ("자격 요건 문의드립니다", "eligibility"),  # 문의드립니다 says "I ask", not "whom do I ask"
    ("대학생도?", "eligibility"),  # a clause ending in 도 asks as "can I" does
    ("사무실도요?", "support"),
    ("한 달 정도?", None),  # 정도 is no "X too?"
    ("대구에 본사 없으면 안 돼요?", "eligibility"),
    ("몇 명 뽑아요?", "support"),
    ("뭐 준비해야 돼요?", "apply"),
    ("공고 떴어요?", "period"),
    ("접수는 어디로 해요", "apply"),
    ("담당자랑 통화하고 싶어요", "contact"),
    ("who's it for?", "eligibility"),
    ("what's included?", "support"),
    ("where do I apply?", "apply"),
    ("who can I talk to about it?", "contact"),
    ("what documents do I need", "apply"),
    ("담당자분 연락처 알 수 있을까요?", "contact"),  # a request said as "can I" asks what it names
    ("신청할 때 개인도 가능한가요?", "eligibility"),
    ("어떤 지원을 받을 수 있나요", "support"),
    ("무역사절단 가면 항공료 나와요?", "support"),  # 나와요 asks support only of a cost named before it
    ("결과 나와요?", None),
    ("현지에서 뭘 도와줘요?", "support"),
    ("does the trade mission cover flights?", "support"),
    ("인재양성 교육 들을 수 있을까요?", "eligibility"),
    ("개인사업자는 못 가요?", "eligibility"),
    ("I want to join the trade mission", "apply"),  # a wish to take part asks how
    ("Can foreign-owned companies take part?", "eligibility"),
    ("돈 줌?", "support"),
])
def test_where_and_what_a_question_asks(mini: Matcher, text: str, aspect: str | None) -> None:
    assert _aspect(mini, text) == aspect


def test_a_word_like_a_cue_inside_a_topic_is_no_cue(mini: Matcher) -> None:
    # 양식 is also aquaculture; a bare form word is not how to apply.
    assert _aspect(mini, "양식장 데이터 분석 플랫폼") is None


def test_aspect_phrases_say_the_aspect_only(mini: Matcher) -> None:
    # 지정, 장점, start may name what a program is about elsewhere: a phrase holding them says which aspect is
    # asked, but never makes them a cue word that counts less when the matcher weighs the topic.
    for word in ("지정", "장점", "start", "유지"):
        assert all(term not in mini.cue_terms for term in mini.analyzer.analyze(word).terms)


def test_a_referral_asked_for_its_contact_carries_the_contact_aspect(matcher: Matcher) -> None:
    # Its card then puts how to reach the institution first (handlers/cards.py referral_card).
    decision = matcher.match("고용센터 전화번호 알려주세요")
    assert (decision.kind, decision.id, decision.aspect) == ("answer", "ref-work24", "contact")
    decision = matcher.match("실업급여 신청 어디서 해요")
    assert (decision.id, decision.aspect) == ("ref-work24", None)  # no other part of a referral is told apart


def test_a_need_answered_takes_the_aspect_asked_and_something_done_for_one_asks_support(matcher: Matcher) -> None:
    # intents/needs.py answers the one program giving the service described; 봐줄 수 있나 (done for the asker)
    # asks whether it is given, not who may have it (it got the mentoring program's 자격요건).
    decision = matcher.match("가공 불량이 자꾸 나서 골치인데 전문가가 와서 봐줄수 있나")
    assert (decision.kind, decision.id, decision.aspect) == ("answer", "onsite-mentoring", "support")

"""A story whose question names no topic of its own, read as the need it states (intents/story.py `as_need`,
story.yaml `stated_needs`), on the shipped knowledge, lexical mode."""
from __future__ import annotations

from pathlib import Path

from conftest import write_knowledge
from intents.matcher import Matcher
from intents.story import NEEDS, asking_clause, read_story, stated_need, without_asker

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


# Who asks is a condition, not a topic (story.yaml `asker_words` and the follow-ups' who words); the need may be said
# in English; the clause before the question in the same sentence tells like the story (helper long3).
ENGLISH = ("Hi, I am Minh, I studied mechatronics in Busan and my visa lets me stay and work. I finish my degree this "
           "summer and I'd like to get a job at a company in Changwon. Can the agency help foreign graduates?")


def test_the_need_is_read_from_english_words_too() -> None:
    assert stated_need("I finish my degree this summer and I'd like to get a job in Changwon.") == "구직자 지원"
    assert stated_need("I want to open a shop selling handmade soap.") == "예비창업자 지원"
    assert stated_need("I live in Changwon with my family.") is None


def test_who_asks_is_set_aside_from_the_questions_topic() -> None:
    assert without_asker("Can the agency help foreign graduates?") == "can the agency help"
    assert without_asker("외국인 유학생도 도와주시나요?") == "도 도와주시나요"
    assert without_asker("Is there a program for exporters?") == "is there a program for exporters"


def test_a_question_naming_only_who_asks_is_read_as_the_stated_need(shipped_matcher: Matcher) -> None:
    story = read_story(ENGLISH)
    assert story is not None and story.asking == len(story.units) - 1
    # Read whole, or with the question's `foreign graduates` as its topic, nothing is answered.
    assert shipped_matcher._decide_analysis(shipped_matcher.analyzer.analyze(ENGLISH), "en").kind != "answer"
    decision = shipped_matcher.match(ENGLISH)
    assert decision.kind == "answer" and decision.id == "job-seeker-help"


def test_the_need_said_in_the_asking_sentence_before_its_question(shipped_matcher: Matcher) -> None:
    text = ("저희 언니가 결혼하고 애 키우느라 9년 동안 집에만 있었어요. 원래 은행 창구 일을 했고요. "
            "이제 다시 일을 시작하고 싶다고 하는데 이런 사람도 도움 받을 데가 있을까요?")
    story = read_story(text)
    assert story is not None
    told, asking = asking_clause(story)
    assert told.endswith("하는데") and asking.startswith("이런")
    decision = shipped_matcher.match(text)
    assert decision.kind == "answer" and decision.id == "job-seeker-help"


def test_a_question_whose_topic_is_more_than_who_asks_keeps_it(shipped_matcher: Matcher) -> None:
    # The story states a founder's need; the question asks about hiring for a company: not the founder's item.
    text = ("I am planning to start a business making furniture. Next year I will need staff. "
            "Is there support for companies that hire young people?")
    assert shipped_matcher.match(text).id != "pre-founder"


def test_a_question_with_a_general_topic_is_decided_by_the_stated_need(shipped_matcher: Matcher) -> None:
    # `일자리 구하는 사람을 도와주는 프로그램` fits job matching and the job seekers' FAQ alike; the story states a job
    # seeker's need (`다시 취업하고 싶어서요`), which the FAQ's words answer and the question's `일자리` is one of.
    text = ("저는 쇼핑몰 물류센터에서 5년 일하다가 그만두고 1년째 쉬고 있어요. 이제 다시 취업하고 싶어서요. "
            "일자리 구하는 사람을 도와주는 프로그램 있나요?")
    decision = shipped_matcher.match(text)
    assert decision.kind == "answer" and decision.id == "job-seeker-help"


def test_a_run_on_asking_the_agency_is_cut_before_its_question(shipped_matcher: Matcher) -> None:
    # Typed without punctuation: `can the agency` opens the clause that asks (story.yaml `asking_opens_en`), the
    # clause before it states the need (`want to get a job`) and the question names only who asks.
    text = ("hello my name is Joon i studied robotics in Daegu and finish in august i want to get a job "
            "near changwon can the agency help new graduates like me")
    story = read_story(text)
    assert story is not None and story.clauses and story.question.startswith("can the agency")
    decision = shipped_matcher.match(text)
    assert decision.kind == "answer" and decision.id == "job-seeker-help"


def test_a_korean_run_on_states_the_need_in_its_own_clause(shipped_matcher: Matcher) -> None:
    text = "저는 베트남에서 온 대학원생이고 올해 8월에 학위를 받아요 그 뒤에 경남에서 취직하고 싶은데 외국인도 도와주시나요"
    assert stated_need(read_story(text).units[0]) == "구직자 지원"  # type: ignore[union-attr]
    decision = shipped_matcher.match(text)
    assert decision.kind == "answer" and decision.id == "job-seeker-help"


# A small business owner's need (story.yaml `stated_needs` 소상공인 지원) and a formal statement ending (`...입니다`)
# closing a clause of a run-on (story.yaml `clause_ends_ko` 니다), helper long4.
SHOP_KNOWLEDGE = """
programs:
  - id: small-shop-aid
    name: {ko: 소상공인 경영안정 지원, en: Small business stabilisation}
    aliases: [소상공인 지원]
    summary: 매출이 줄어든 소상공인에게 경영 자금과 컨설팅을 지원합니다.
    questions: [소상공인 지원 있나요, 소상공인 경영 자금 받을 수 있나요]
  - id: export-fair
    name: {ko: 해외 바이어 수출상담회, en: Export buyer fair}
    aliases: [수출상담회]
    summary: 해외 바이어를 초청해 수출 상담을 주선합니다.
    questions: [해외 바이어 만날 수 있는 행사 있나요, 수출상담회 언제 열려요]
  - id: job-match
    name: {ko: 구인 구직 일자리 매칭, en: Job matching}
    aliases: [일자리 매칭]
    summary: 구직자와 지역 기업을 이어 드립니다.
    questions: [구직자랑 기업 연결해 주는 사업, 일자리 매칭 신청]
"""
SHOP_STORY = "김해에서 분식집을 하는 사장입니다 요즘 장사가 영 안돼서 걱정이에요 혹시 도움 받을 수 있는 게 있을까요"


def test_a_small_business_owners_need_is_read_from_the_story() -> None:
    assert stated_need("요즘 장사가 너무 안돼서 걱정이에요") == "소상공인 지원"
    assert stated_need("동네에서 작은 식당을 운영하고 있어요") == "소상공인 지원"
    assert stated_need("I run a small restaurant near the station.") == "소상공인 지원"
    # spaces are ignored, so `장사` alone would be found in `공장 사무실`: the entries carry a particle
    assert stated_need("공장 사무실이 좁아요") is None
    # opening a shop is a founder's need; running one and opening another states two: none is picked
    assert stated_need("I want to open a shop selling soap.") == "예비창업자 지원"


def test_a_formal_statement_ends_a_clause_of_a_run_on() -> None:
    story = read_story(SHOP_STORY)
    assert story is not None and story.clauses
    assert story.units[0] == "김해에서 분식집을 하는 사장입니다"
    assert story.question == "혹시 도움 받을 수 있는 게 있을까요"


def test_a_shop_owners_story_is_answered_with_the_small_business_program(tmp_path: Path) -> None:
    matcher = Matcher(write_knowledge(tmp_path, SHOP_KNOWLEDGE))
    # Read whole, the owner's story names nothing the knowledge base answers.
    assert matcher._decide_analysis(matcher.analyzer.analyze(SHOP_STORY), "ko").kind != "answer"
    decision = matcher.match(SHOP_STORY)
    assert decision.kind == "answer" and decision.id == "small-shop-aid"

"""Long messages, the question's focus (intents/sentences.py, intents/story.py): a run-on cut at a Korean
connective, a question that fits several programs decided by its story, the unit a pointing question asks
about. Real matcher, lexical mode, against a small knowledge base written here (another agency's, in the
same format)."""
from __future__ import annotations

import pytest

from conftest import write_knowledge
from intents.matcher import Matcher
from intents.sentences import units
from intents.story import DATA, read_story, semantic_text

KNOWLEDGE = """
programs:
  - id: farm-testbed
    name: {ko: 스마트팜 기자재 실증, en: Smart farm equipment testbed}
    summary: 스마트팜 센서와 제어기를 만드는 기업이 실증 온실에서 성능을 검증하도록 지원합니다.
    questions: [스마트팜 센서 온실에서 테스트, 개발한 스마트팜 장비 실증하고 싶어요]
  - id: clinic-testbed
    name: {ko: 병원 연계 실증 지원, en: Hospital testbed}
    summary: 개발한 의료기기를 협력 병원 현장에서 시험해 보도록 연결합니다.
    questions: [의료기기 병원에서 실증해 볼 수 있나요, 병원 현장 실증]
  - id: serving-robots
    name: {ko: 서비스로봇 현장 실증, en: Service robot pilot}
    summary: 서빙 로봇과 안내 로봇을 식당과 공공시설에서 실증하도록 지원합니다.
    questions: [서빙 로봇 써볼 곳, 안내 로봇 공공시설에 들이기]
  - id: defence-course
    name: {ko: 방산 전문인력 양성 과정, en: Defence talent course}
    summary: 방산 기업에 취업하려는 청년에게 실무 교육을 합니다.
    questions: [방산 관련 교육 과정 있나요, 방산 기업 취업 교육]
  - id: buyer-fair
    name: {ko: 해외 바이어 수출상담회, en: Export buyer fair}
    summary: 해외 바이어를 초청해 수출 상담을 주선합니다.
    questions: [해외 바이어 만날 수 있는 행사 있나요, 수출상담회 언제 열려요]
  - id: startup-space
    name: {ko: 창업 보육 공간, en: Startup incubation space}
    summary: 창업기업에 사무 공간을 빌려 줍니다.
    questions: [창업 사무실 구하고 있어요, 입주할 수 있는 공간 있나요]
  - id: branch-office
    name: {ko: 해외지사화 지원, en: Overseas branch service}
    summary: 현지 지사가 없는 기업의 해외 업무를 대신해 드립니다.
    questions: [해외 지사 없이 현지 업무 대행, 해외지사화 사업 신청]
  - id: test-fee
    name: {ko: 시험 인증 수수료 지원, en: Testing and certification fees}
    summary: 제품 시험과 인증에 드는 수수료를 지원합니다.
    questions: [시험 인증 비용 부담 줄이는 방법, 인증 수수료 부담이 커요]
  - id: design-voucher
    name: {ko: 제품 디자인 바우처, en: Product design voucher}
    summary: 중소기업의 제품 디자인 개발 비용을 지원합니다.
    questions: [제품 디자인 비용 지원, 포장 디자인 바꾸고 싶어요]
  - id: patent-help
    name: {ko: 특허 출원 지원, en: Patent filing support}
    summary: 특허 출원 비용을 지원합니다.
    questions: [특허 내는 비용 지원, 상표 등록 도와주나요]
  - id: export-logistics
    name: {ko: 수출 물류비 지원, en: Export logistics costs}
    summary: 해외로 보내는 운송비 일부를 지원합니다.
    questions: [수출 운송비 지원, 해외 배송비가 너무 비싸요]
"""


@pytest.fixture(scope="module")
def focus_matcher(tmp_path_factory: pytest.TempPathFactory) -> Matcher:
    return Matcher(write_knowledge(tmp_path_factory.mktemp("focus"), KNOWLEDGE))


def test_a_run_on_is_cut_before_a_korean_connective() -> None:
    # `싶어` and `걱정이야` end clauses no list of endings can hold; the connective after them starts one.
    text = ("나 올해 스물셋이고 전문대 기계과 나왔는데 방산 쪽 회사 들어가고 싶어 근데 경력이 없어서 걱정이야 "
            "방산 관련 교육 과정 같은 거 있어")
    parts, are_clauses = units(text, DATA)
    assert are_clauses
    assert parts == ["나 올해 스물셋이고 전문대 기계과 나왔는데", "방산 쪽 회사 들어가고 싶어",
                     "근데 경력이 없어서 걱정이야 방산 관련 교육 과정 같은 거 있어"]


def test_a_question_fitting_several_programs_is_decided_by_its_story(focus_matcher: Matcher) -> None:
    question = "실증해 볼 수 있는 곳이 있을까요?"
    assert focus_matcher.match(question).id == "clinic-testbed"  # alone: its own words are that program's
    text = f"저희는 스마트팜용 양액 제어기를 만드는 스타트업이에요. 실제 온실에서 써 본 적이 없어서 팔기가 어렵습니다. {question}"
    decision = focus_matcher.match(text)
    assert not (decision.kind == "answer" and decision.id == "clinic-testbed")
    assert "farm-testbed" in [c.id for c in decision.candidates[:3]]


def test_a_question_that_names_its_program_keeps_its_answer_after_any_story(focus_matcher: Matcher) -> None:
    text = ("저희는 스마트팜 온실 제어기를 만드는 회사입니다. 이번에 수술 도구도 개발했어요. "
            "의료기기 병원에서 실증해 볼 수 있나요?")
    decision = focus_matcher.match(text)
    assert (decision.kind, decision.id) == ("answer", "clinic-testbed")


def test_a_question_pointing_back_is_read_with_the_unit_naming_its_topic(focus_matcher: Matcher) -> None:
    story_told = "저희 회사는 서빙 로봇을 개발했어요. 식당 몇 군데에서 테스트는 해봤는데 공공장소에서도 실증을 해보고 싶습니다."
    text = f"{story_told} 그런 걸 지원하는 사업이 있나요?"
    story = read_story(text)
    assert story is not None
    assert semantic_text(focus_matcher, story, text, "serving-robots").startswith("저희 회사는 서빙 로봇을 개발했어요.")
    # With a topic of its own, the question is read with the nearest unit holding the item's word.
    asking = f"{story_told} 공공시설 실증 사업이 있나요?"
    story = read_story(asking)
    assert story is not None
    assert semantic_text(focus_matcher, story, asking, "serving-robots").startswith("식당 몇 군데에서")


def test_the_model_reads_whole_words_within_its_budget(focus_matcher: Matcher) -> None:
    # Cut at a character count, the model read `손이 부족해서 ...` or `식장을 ...`: half a word is noise to it.
    text = ("저희는 부산 기장군 바닷가에서 넙치 양식장을 20년째 하고 있는데 요즘 일손이 부족해서 사료 주는 것부터 "
            "수질 관리하는 것까지 자동화해서 하는 설비를 들이고 싶습니다 지원받을 수 있는 사업이 있을까요 답변 부탁드립니다")
    assert len(text) > DATA.semantic_chars + 10
    read = semantic_text(focus_matcher, None, text, None)
    assert len(read) <= DATA.semantic_chars and text.endswith(read)
    assert text[len(text) - len(read) - 1] == " "  # it starts where a word starts
    story = read_story("스마트팜 온실 제어기를 만드는 회사입니다. " * 3 + "실증해 볼 수 있는 곳이 있을까요?")
    assert story is not None
    both = semantic_text(focus_matcher, story, " ".join(story.units), "farm-testbed")
    assert all(word in " ".join(story.units).split() for word in both.split())


def test_an_english_question_keeps_as_many_words_as_a_korean_one(focus_matcher: Matcher) -> None:
    # The budget is the model's work: an English word of five letters is one or two of its tokens.
    english = "We have a prototype but no hospital has tried it yet, so can you connect us with a hospital to test it?"
    assert len(english) > DATA.semantic_chars
    assert semantic_text(focus_matcher, None, english, None) == english
    korean = ("시제품은 만들었는데 아직 병원에서 써 본 적이 없어서요 협력하는 병원이랑 연결해서 의료진 의견도 받고 "
              "시험해 볼 수 있게 도와주실 수 있나요 답변 부탁드려요")
    assert len(korean) > DATA.semantic_chars
    assert len(semantic_text(focus_matcher, None, korean, None)) <= DATA.semantic_chars

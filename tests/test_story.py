"""Long messages (intents/sentences.py, intents/story.py): the question inside a story is read from its
asking unit and the unit that names its topic, not from every word of the story. Lexical mode, against a
small knowledge base written here (another agency's, in the same format), so that what is tested is the
structure, not the shipped programs."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from conftest import write_knowledge
from intents.matcher import Matcher
from intents.sentences import STORY_FILE, clauses, load_story_data, read, units
from intents.story import DATA, read_story, semantic_text

KNOWLEDGE = """
programs:
  - id: buyer-fair
    name: {ko: 해외 바이어 수출상담회, en: Export buyer fair}
    aliases: [수출상담회, 바이어 상담회]
    summary: 해외 바이어를 초청해 수출 상담을 주선합니다.
    eligibility: 관내 중소기업
    support: 통역과 상담장을 제공합니다.
    apply: 누리집에서 신청합니다.
    period: 매년 5월
    contact: 수출지원팀 055-000-0000
    questions: [해외 바이어 만날 수 있는 행사 있나요, 수출상담회 언제 열려요]
  - id: branch-office
    name: {ko: 해외지사화 지원, en: Overseas branch service}
    aliases: [해외지사화]
    summary: 현지 지사가 없는 기업의 해외 업무를 대신해 드립니다.
    support: 현지 업무 대행 비용의 70%를 지원합니다.
    contact: 수출지원팀 055-000-0001
    questions: [해외 지사 없이 현지 업무 대행, 해외지사화 사업 신청]
  - id: test-fee
    name: {ko: 시험 인증 수수료 지원, en: Testing and certification fees}
    aliases: [인증 수수료]
    summary: 제품 시험과 인증에 드는 수수료를 지원합니다.
    support: 수수료의 절반을 지원합니다.
    questions: [시험 인증 비용 부담 줄이는 방법, 인증 수수료 부담이 커요]
  - id: job-match
    name: {ko: 구인 구직 일자리 매칭, en: Job matching}
    aliases: [일자리 매칭, 구인구직]
    summary: 구직자와 지역 기업을 이어 드립니다.
    apply: 일자리센터에 구직 등록을 합니다.
    questions: [구직자랑 기업 연결해 주는 사업, 일자리 매칭 신청]
faqs:
  - id: fees
    questions: [참가비 따로 있어요, 자부담금 있나요]
    answer: 대부분의 사업은 참가비가 없습니다.
"""


@pytest.fixture(scope="module")
def story_matcher(tmp_path_factory: pytest.TempPathFactory) -> Matcher:
    return Matcher(write_knowledge(tmp_path_factory.mktemp("story"), KNOWLEDGE))


# ---- units ------------------------------------------------------------------------------------------

def test_a_run_on_is_cut_into_clauses_at_korean_clause_endings() -> None:
    text = "나 올해 졸업했는데 아직 백수야 기계과 나왔고 일자리 매칭 해준다던데 그거 어떻게 신청해"
    parts, are_clauses = units(text, DATA)
    assert are_clauses
    assert parts == ["나 올해 졸업했는데", "아직 백수야 기계과 나왔고 일자리 매칭 해준다던데", "그거 어떻게 신청해"]
    story = read(text, DATA)
    assert story is not None and story.question == "그거 어떻게 신청해"


def test_a_short_run_on_is_one_question_with_its_context() -> None:
    # Under run_on_words words, a clause leans on the one before it: read whole.
    assert read("요트 체험 회사 운영 3년차인데 마케팅 지원 받고 싶어요", DATA) is None


def test_sentences_are_the_units_of_a_punctuated_story() -> None:
    story = read("저희는 부품 회사예요. 무역사절단에 참가해 보려고요. 그런데 신청은 언제까지 하나요? 감사합니다.", DATA)
    assert story is not None and not story.clauses
    assert story.question == "그런데 신청은 언제까지 하나요?"
    assert [part for _, part in story.before(2)] == ["무역사절단에 참가해 보려고요.", "저희는 부품 회사예요."]


def test_an_english_run_on_starts_a_unit_at_each_asking_opener() -> None:
    text = ("hi we are a startup with 6 people we make sensors for fuel cells is there a demonstration project "
            "we can join and who should i contact")
    parts = clauses(text, (), DATA.asking_opens_en)
    assert parts[1].startswith("is there a demonstration project") and parts[-1] == "who should i contact"


def test_a_typo_in_story_numbers_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "story.yaml"
    shutil.copy(STORY_FILE, path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["numbers"]["max_unit"] = 3
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValueError, match=r"story\.yaml: unknown settings \['max_unit'\]"):
        load_story_data(path)


# ---- reading a story --------------------------------------------------------------------------------

def test_the_topic_named_two_sentences_before_a_question_that_points_back(story_matcher: Matcher) -> None:
    text = ("해외지사화 사업에 대해 문의드립니다. 저희는 창원에서 밸브를 만드는 회사이고 직원은 25명입니다. "
            "혹시 이 사업은 누구에게 물어보면 될까요?")
    decision = story_matcher.match(text)
    assert (decision.kind, decision.id, decision.aspect) == ("answer", "branch-office", "contact")


def test_a_question_of_cost_words_follows_the_program_the_story_names(story_matcher: Matcher) -> None:
    # Alone, `비용은 얼마나 부담해야 하나요?` is the test-fee program's own question; here it asks about the branch.
    question = "비용은 얼마나 부담해야 하나요?"
    assert story_matcher.match(question).id == "test-fee"
    text = f"지난주에 수출상담회 문의드렸던 사람인데요. 그건 잘 해결됐고요. 이번엔 해외지사화 사업에 대해 여쭤보려고요. " \
           f"{question}"
    decision = story_matcher.match(text)
    assert (decision.kind, decision.id, decision.aspect) == ("answer", "branch-office", "support")


def test_of_several_topics_the_one_the_question_names_is_answered(story_matcher: Matcher) -> None:
    text = "작년에 해외지사화 지원을 받아서 도움이 많이 됐습니다. 올해는 바이어를 직접 만나고 싶어요. 수출상담회는 언제 열리나요?"
    decision = story_matcher.match(text)
    assert (decision.kind, decision.id, decision.aspect) == ("answer", "buyer-fair", "period")


def test_a_run_on_banmal_story_is_answered_from_its_topic_clause(story_matcher: Matcher) -> None:
    text = "나 올해 졸업했는데 아직 백수야 기계과 나왔고 창원 공장 쪽으로 가고 싶어 일자리 매칭 해준다던데 그거 어떻게 신청해"
    decision = story_matcher.match(text)
    assert (decision.kind, decision.id, decision.aspect) == ("answer", "job-match", "apply")


def test_the_aspect_is_the_asking_clauses_not_the_purposes(story_matcher: Matcher) -> None:
    text = ("저는 진해에서 식품 제조업을 하고 있어요. 직원은 8명입니다. 해외 바이어 상담회에 나가보고 싶은데요. "
            "참가하려면 어떤 자격이 필요한가요?")
    decision = story_matcher.match(text)
    assert (decision.kind, decision.id, decision.aspect) == ("answer", "buyer-fair", "eligibility")


def test_a_question_about_something_else_is_not_answered_with_the_storys_program(story_matcher: Matcher) -> None:
    text = ("수출상담회 때문에 문의드렸다가 다른 게 궁금해졌어요. 저희 딸이 이번에 결혼을 하는데요. "
            "창원 웨딩홀 주차장 예약은 어떻게 하나요?")
    assert story_matcher.match(text).kind != "answer"


def test_the_model_reads_the_topic_unit_and_the_question(story_matcher: Matcher) -> None:
    text = ("해외지사화 사업에 대해 문의드립니다. 저희는 창원에서 밸브를 만드는 회사이고 직원은 25명입니다. "
            "주로 국내에 납품해 왔습니다. 혹시 이 사업은 누구에게 물어보면 될까요?")
    story = read_story(text)
    assert story is not None
    read_by_model = semantic_text(story_matcher, story, text, "branch-office")
    assert read_by_model == "해외지사화 사업에 대해 문의드립니다. 혹시 이 사업은 누구에게 물어보면 될까요?"
    assert len(semantic_text(story_matcher, story, text * 3, "branch-office")) <= DATA.semantic_chars
    short = "가나다 " * 40
    assert semantic_text(story_matcher, None, short, None) == short[-DATA.semantic_chars:]
    assert semantic_text(story_matcher, story, "가" * 200, "branch-office") == ""  # not words: not consulted

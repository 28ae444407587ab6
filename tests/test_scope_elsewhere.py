"""What other bodies provide (intents/lexicon/elsewhere.yaml through intents/analyzer.py and intents/scope.py):
an everyday word such as 전세 or passport stays the word it is (never a typo of a known word), and a question
asking for it is not answered by an item that never writes it; an item that writes it, and a word that names
the asker's own business, still get their answer. A small knowledge base of its own, written as YAML files."""
from __future__ import annotations

from pathlib import Path

import pytest

from intents.analyzer import UNKNOWN_PREFIX
from intents.lexicon import load_lexicon
from conftest import with_shipped_intents
from intents.matcher import Matcher
from knowledge.loader import load_or_raise

PROGRAMS = """\
programs:
  - id: textile-fair
    name: {ko: 섬유 전시회 참가 지원, en: Textile Fair Support}
    aliases: [섬유 전시회, 전시회 참가 지원]
    summary: 해외 섬유 전시회에 나가는 기업의 부스 비용을 지원합니다.
    questions: [섬유 전시회 참가비 지원, 전시회 부스 지원 받을 수 있나요]
  - id: youth-settlement
    name: {ko: 청년 정착 지원, en: Youth Settlement Support}
    aliases: [청년 정착 지원금]
    summary: 지역 기업에 취업한 청년에게 주거비와 정착금을 지원합니다.
    questions: [청년 정착 지원금 신청, 지역 기업 취업 청년 지원]
  - id: startup-fund
    name: {ko: 창업 자금 지원, en: Startup Funding}
    aliases: [창업 지원금, 창업 자금]
    summary: 예비창업자와 초기 창업기업에 사업화 자금을 지원합니다.
    questions: [창업 자금 지원 받을 수 있나요, 창업 지원금 신청 방법]
"""


@pytest.fixture(scope="module")
def matcher(tmp_path_factory: pytest.TempPathFactory) -> Matcher:
    return Matcher(with_shipped_intents(tmp_path_factory.mktemp("elsewhere"), PROGRAMS))


def test_an_everyday_word_is_kept_as_typed(matcher: Matcher) -> None:
    terms = matcher.analyzer.analyze(matcher._prepare("청년 전세 대출")).terms
    assert UNKNOWN_PREFIX + "전세" in terms, "전세 is no typo of 전시(회), which the knowledge base writes"
    assert matcher.analyzer.analyze("주거").terms == ("주거",), "the knowledge base writes 주거비: a known word"
    # A longer word the vocabulary does not hold stays whole, as it would without the everyday words.
    assert matcher.analyzer.analyze("전세계").terms == (UNKNOWN_PREFIX + "전세계",)
    assert matcher.analyzer.analyze("대학원").terms == (UNKNOWN_PREFIX + "대학원",)


@pytest.mark.parametrize("question", [
    "청년 전세 대출",                # housing
    "전세 자금 지원 받을 수 있나요",
    "창업 말고 개인 신용대출 받고 싶어요",  # household finance
    "여권 재발급 신청 어디서 해요",    # civil documents
    "섬유 전시회 택배 배송 조회",      # shopping and delivery
    "youth housing support",
    "startup passport application",
])
def test_a_question_for_what_another_body_provides_is_not_answered(matcher: Matcher, question: str) -> None:
    decision = matcher.match(question)
    assert decision.kind != "answer", decision


@pytest.mark.parametrize("question, expected", [
    ("청년 주거비 지원 받을 수 있나요", "youth-settlement"),  # the item writes 주거비 itself
    ("택배 회사 창업 자금 지원 받을 수 있나요", "startup-fund"),  # 택배 names the asker's business
    ("섬유 전시회 참가비 지원", "textile-fair"),
])
def test_an_item_that_names_it_or_the_askers_business_still_answers(matcher: Matcher, question: str,
                                                                   expected: str) -> None:
    decision = matcher.match(question)
    assert (decision.kind, decision.id) == ("answer", expected), decision


def test_the_words_are_language_data() -> None:
    lexicon = load_lexicon()
    assert {"전세", "여권", "passport"} <= lexicon.elsewhere
    assert "전세계" in lexicon.real_words and "전세계" not in lexicon.elsewhere
    assert "월세" not in lexicon.elsewhere, "office rent is a company's question"


def test_an_everyday_word_is_not_torn_into_a_syllable_and_an_ending() -> None:
    root = Path(__file__).resolve().parent.parent
    alt = Matcher(load_or_raise(root / "tests/data/alt/knowledge", root / "intents"))
    assert alt.analyzer.analyze("주거").terms == (UNKNOWN_PREFIX + "주거",), "not 주 + the stopword 거"
    assert alt.match("청년 주거 정착 지원 받을 수 있나요").kind != "answer", "the young fishers' settlement is no housing"


def test_school_admission_and_shop_questions_on_real_knowledge_bases() -> None:
    """입학 (school admissions) is another body's; `where i can buy`, as non-native English orders it, asks for a
    shop as `where can i buy` does. On the shipped and the alternate knowledge base, which share words with both."""
    root = Path(__file__).resolve().parent.parent
    own = Matcher(load_or_raise(root / "knowledge", root / "intents"))
    assert own.match("고등학교 입학 설명회 언제예요").kind == "fallback"
    assert own.match("기업지원 설명회 언제 해요").kind == "answer", "the agency's own briefing is still answered"
    marine = Matcher(load_or_raise(root / "tests" / "data" / "alt" / "knowledge", root / "intents"))
    assert marine.scope.is_place_question("where i can buy seafood")
    assert marine.match("where i can buy frozen seafood").kind != "answer"

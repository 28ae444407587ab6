"""Everyday business English (intents/lexicon/english.yaml): the words of trade, hiring, investment and formal
letters mapped to the concepts the Korean lexicon already uses, English everyday words read lightly where a
knowledge base writes them, English aspect cues of fees, deadlines and whom to contact, and self-introductions
told as who asks. Real lexicon files, real analyser and matcher."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from intents.analyzer import Analyzer
from intents.english import English
from intents.lexicon import load_lexicon
from intents.matcher import Matcher
from intents.ranking import load_ranking
from knowledge.loader import load_or_raise

from conftest import learned_analyzer

ROOT = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=1)
def _shipped() -> Matcher:
    return Matcher(load_or_raise(ROOT / "knowledge", ROOT / "intents"))


def _term(analyzer: Analyzer, text: str) -> str:
    return analyzer.analyze(text).terms[0]


def test_trade_and_investment_words_meet_the_korean_concepts() -> None:
    analyzer = learned_analyzer("해외 판로 개척", "벤처 투자 펀드", "전시회 참가 지원", "해외지사화 지원", "시험 인증 수수료")
    assert analyzer.analyze("we need a distributor in vietnam").terms[0] == _term(analyzer, "판로")
    assert analyzer.analyze("looking for local agents").terms[0] == _term(analyzer, "판로")
    assert _term(analyzer, "can you co-invest with us") == _term(analyzer, "투자")
    assert _term(analyzer, "seed capital") == _term(analyzer, "투자")
    assert _term(analyzer, "book a stall at the fair") == _term(analyzer, "전시회")
    assert _term(analyzer, "sales office in Hanoi") == _term(analyzer, "지사")
    assert _term(analyzer, "CE marking for Europe") == _term(analyzer, "인증")


def test_a_companys_own_staff_are_employees_not_the_agencys_officers() -> None:
    analyzer = learned_analyzer("재직자 교육", "담당자 연락처")
    assert analyzer.analyze("training for our staff").terms == (_term(analyzer, "교육"), _term(analyzer, "재직자"))
    assert analyzer.analyze("our staff will reply").terms[0] == _term(analyzer, "담당자")
    assert _term(analyzer, "upskilling") == _term(analyzer, "교육")
    # whom to ask, formally, is the officer in charge
    assert _term(analyzer, "whom should I contact") == _term(analyzer, "담당자")
    assert _term(analyzer, "point of contact") == _term(analyzer, "담당자")


def test_fees_british_spellings_and_sectors() -> None:
    analyzer = learned_analyzer("참가비 무료", "지원 사업 programs", "주요 사업분야")
    assert analyzer.analyze("are your programmes chargeable").terms == analyzer.analyze("programs fee").terms
    assert _term(analyzer, "free of cost") == _term(analyzer, "비용")
    assert _term(analyzer, "what sectors") == _term(analyzer, "분야")
    # a graduate in his or her first job, as Indian English says it: where the knowledge base writes 졸업
    graduates = learned_analyzer("졸업생 채용 지원")
    assert _term(graduates, "freshers") == _term(graduates, "졸업")


def test_formal_frames_name_nothing() -> None:
    analyzer = learned_analyzer("재직자 교육")
    assert analyzer.analyze("I'd like to enquire regarding staff training").terms == \
        analyzer.analyze("staff training").terms
    assert analyzer.analyze("kindly share the details").terms == ()


def test_everyday_words_the_knowledge_base_writes_weigh_as_cues() -> None:
    matcher = _shipped()
    # `year` (the year-end event's English name), `main`, `local` are written in English texts
    assert {"year", "main", "local"} <= matcher.cue_terms
    # a word programs are named by, and a topic, keep their weight
    assert "new" not in matcher.cue_terms and "hydrogen" not in matcher.cue_terms
    # a word the knowledge base never writes stays unknown: a topic no item explains
    assert matcher.analyzer.analyze("final").terms[0].startswith("?")
    english = English.load()
    assert english.everyday_terms({"handles", "handled", "hydrogen", "로봇"}, lambda w: w) == {"handles", "handled"}
    # a stem of three letters is no everyday word (`names` -> nam: a syllable of a romanised place)
    assert english.everyday_terms({"nam", "handl"}, lambda w: w[:-2] if w.endswith("es") else w[:-1]) == {"handl"}


def test_english_aspect_cues_of_fees_deadlines_and_whom_to_ask() -> None:
    aspects = _shipped().aspects
    assert aspects.detect("is there a fee to join the trade mission?") == "support"
    assert aspects.detect("What is the last date for submission?") == "period"
    assert aspects.detect("Whom should I contact regarding the branch service?") == "contact"
    assert aspects.detect("how do we go about the mentoring?") == "apply"


def test_a_self_introduction_by_role_is_who_asks() -> None:
    ranking = load_ranking()
    from intents.ranking import TermRoles

    roles = TermRoles(ranking, lambda text: tuple(text.split()), lambda word: word)
    context, rest = roles.context_clause("i handle exports at a small valve maker we want to join a trade mission")
    assert context.startswith("i handle exports")
    assert "trade mission" in rest


def test_business_english_questions_meet_the_shipped_items() -> None:
    matcher = _shipped()
    cases = {
        "Are your programmes chargeable?": ("cost-free", None),
        "Whom should I contact regarding the overseas branch service?": ("overseas-branch", "contact"),
        "I'd like to enquire about training for our staff": ("worker-training", None),
        "is there a fee to join the trade mission?": ("trade-mission", "support"),
        "What is the last date for submission for the trade mission?": ("trade-mission", "period"),
    }
    for text, (item, aspect) in cases.items():
        decision = matcher.match(text)
        assert (decision.kind, decision.id, decision.aspect) == ("answer", item, aspect), text
    # `sectors` is the knowledge base's 분야 (its fields of business): that FAQ first
    assert matcher.match("What sectors does the agency cover?").candidates[0].id == "business-areas"

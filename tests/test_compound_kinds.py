"""A word of Korean the knowledge base never writes, written solid with one of its words, makes another kind of
thing (intents/relevance.py `_kind_of`): `스마트공장` is no hydrogen plant, though both are 공장. Such suggestions are
not offered; an honest fallback is better than noise. Through the real Matcher and fallback card."""
from __future__ import annotations

from handlers.fallback import example_programs
from intents.matcher import Matcher


def test_a_smart_factory_is_offered_no_plant(matcher: Matcher) -> None:
    decision = matcher.match("스마트공장 지원 받을 수 있나요")
    assert decision.kind == "fallback"
    assert not example_programs(matcher.kb, matcher, matcher.relevance.read("스마트공장 지원 받을 수 있나요"),
                                "스마트공장 지원 받을 수 있나요", decision)


def test_an_exam_fee_is_no_test_certification(matcher: Matcher) -> None:
    """공무원 시험 (spaced) is a civil-service exam: the product-testing program is no example for the fallback."""
    text = "공무원 시험 응시료 지원"
    decision = matcher.match(text)
    assert decision.kind == "fallback"
    assert "test-certification" not in [p.id for p in example_programs(matcher.kb, matcher, matcher.relevance.read(text),
                                                                         text, decision)]


def test_the_knowledge_bases_own_compound_still_relates(matcher: Matcher) -> None:
    """A compound whose first word the knowledge base writes (수출상담회) is its own: nothing changes."""
    assert matcher.match("수출상담회 참가하고 싶어요").id == "export-consultation"

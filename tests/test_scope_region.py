"""Another region's own programme (intents/scope.py `Scope.region`, words in intents/lexicon/scope.yaml and
intents/lexicon/places.yaml): `서울시 청년 인턴` asks about Seoul's internships, which an agency whose knowledge
base never writes 서울 does not run; where the asker is (서울시 소재 기업, 부산시 회사인데) or where an event is
(서울에서 열리는 전시회) is no such question, and the agency's own region still gets its answer. A small
knowledge base of its own, written as YAML files."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import with_shipped_intents
from intents.matcher import Matcher
from knowledge.loader import load_or_raise

PROGRAMS = """\
programs:
  - id: youth-intern
    name: {ko: 청년 인턴 매칭, en: Youth Internship Matching}
    aliases: [청년 인턴, 인턴 매칭]
    summary: 대구 지역 기업과 청년 구직자를 인턴으로 연결합니다.
    questions: [청년 인턴 신청하고 싶어요, 인턴 매칭 받을 수 있나요]
  - id: fair-support
    name: {ko: 전시회 참가 지원, en: Trade Fair Support}
    aliases: [전시회 참가비 지원, 전시회 지원]
    summary: 대구 기업이 국내외 전시회에 나갈 때 부스 비용을 지원합니다.
    questions: [전시회 참가비 지원 받을 수 있나요, 전시회 부스 지원]
  - id: startup-fund
    name: {ko: 창업 자금 지원, en: Startup Funding}
    aliases: [창업 지원금, 창업 자금]
    summary: 대구의 예비창업자와 초기 창업기업에 사업화 자금을 지원합니다.
    questions: [창업 자금 지원 받을 수 있나요, 창업 지원금 신청 방법]
"""


@pytest.fixture(scope="module")
def matcher(tmp_path_factory: pytest.TempPathFactory) -> Matcher:
    return Matcher(with_shipped_intents(tmp_path_factory.mktemp("region"), PROGRAMS))


@pytest.mark.parametrize("question, place", [
    ("서울시 청년 인턴 모집 공고 있나요", "서울"),
    ("경기도 청년 창업 지원금 신청 방법", "경기"),
    ("부산광역시 전시회 참가 지원", "부산"),
])
def test_another_regions_programme_is_not_answered(matcher: Matcher, question: str, place: str) -> None:
    assert matcher.scope.region(question) == place
    decision = matcher.match(question)
    assert decision.kind == "fallback", decision
    programs = [c for c in decision.candidates if c.kind == "program"]
    assert programs and all(c.score == 0.0 for c in programs), "ruled-out programs stay for the record only"


@pytest.mark.parametrize("question, expected", [
    ("대구시 청년 인턴 신청하고 싶어요", "youth-intern"),        # the knowledge base's own region
    ("서울시 소재 기업인데 청년 인턴 받을 수 있나요", "youth-intern"),  # where the asker is
    ("부산시 회사인데 전시회 참가비 지원 받을 수 있나요", "fair-support"),  # who asks
    ("서울에서 열리는 전시회 참가비 지원 받을 수 있나요", "fair-support"),  # where the fair is
])
def test_where_the_asker_or_the_event_is_is_no_other_regions_programme(
        matcher: Matcher, question: str, expected: str) -> None:
    assert matcher.scope.region(question) is None
    decision = matcher.match(question)
    assert decision.kind == "answer" and decision.id == expected, decision


def test_a_place_the_knowledge_base_writes_is_its_own() -> None:
    """The foreign places are those the knowledge base never writes, read from places.yaml, not a fixed list."""
    root = Path(__file__).resolve().parent.parent
    own = Matcher(load_or_raise(root / "knowledge", root / "intents"))
    assert own.scope.region("창원시 청년 일자리 사업") is None
    assert own.scope.region("서울시 청년 일자리 사업") == "서울"


def test_a_list_asked_for_another_region_by_its_bare_name() -> None:
    """A list question names no fair that could be held there: a bare place the knowledge base never writes,
    before the area's words, asks for that region's programmes (the Busan marine knowledge base, which writes
    부산 but not 강원); where the asker lives is still no such question."""
    root = Path(__file__).resolve().parent.parent
    marine = Matcher(load_or_raise(root / "tests" / "data" / "alt" / "knowledge", root / "intents"))
    assert marine.match("해양 창업 지원 사업 뭐 있어요").area is not None
    assert marine.match("강원 해양 창업 지원 사업 뭐 있어요").kind == "fallback"
    assert marine.match("서울 사는데 해양 창업 지원 사업 뭐 있어요").area is not None

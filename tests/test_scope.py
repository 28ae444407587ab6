"""Near misses (intents/scope.py): a question that shares a word with an item but names another kind of thing,
or asks where a place is, gets the honest fallback rather than the item; the item's own questions still
get it. A small knowledge base of its own, written as YAML files, so that no rule leans on the shipped one."""
from __future__ import annotations

from pathlib import Path

import pytest

from intents.analyzer import UNKNOWN_PREFIX
from conftest import write_knowledge
from intents.matcher import Matcher
from intents.scope import ScopeWords
from knowledge.loader import load_or_raise

PROGRAMS = """\
programs:
  - id: hydrogen-stations
    name: {ko: 수소충전소 구축, en: Hydrogen Refuelling Stations}
    aliases: [수소충전소, 수소 충전소, 충전소, 충전소 구축, hydrogen station]
    summary: 창원에 수소충전소를 구축하는 사업입니다.
    questions: [수소충전소 구축 사업에 대해 알려주세요, 충전소 구축 계획 어떻게 돼요, 수소충전소 설치 사업 참여]
  - id: defense-exhibition
    name: {ko: 방산 전시회 참가 지원, en: Defense Exhibition Support}
    aliases: [방산 전시회, 방산전시회, defense expo]
    summary: 방산 중소기업의 전시회 참가를 지원합니다.
    questions: [방산 전시회 부스 지원, 방위산업 전시회 나가고 싶어요]
  - id: quality-jobs
    name: {ko: 양질의 일자리 창출 지원, en: Quality Job Creation}
    aliases: [양질의 일자리, 청년 일자리, 일자리 창출]
    summary: 지역 기업의 청년 일자리를 늘립니다.
    questions: [청년 일자리 사업 신청, 일자리 창출 지원 받으려면]
  - id: knowledge-center
    name: {ko: 진해 지식산업센터, en: Jinhae Knowledge-industry Centre}
    aliases: [지식산업센터]
    summary: 중소기업이 싸게 입주하는 공공임대 지식산업센터입니다.
    contact: 센터 주소는 창원시 진해구 여좌동 924-1입니다.
    questions: [지식산업센터 입주 조건, 지식산업센터 임대료]
  - id: job-matching
    name: {ko: 구인 구직 일자리 매칭, en: Job Matching}
    aliases: [일자리 매칭, 취업 매칭]
    summary: 구직자와 기업을 연결합니다.
    questions: [일자리 매칭 서비스 신청, 취업 연결해 주세요]
  - id: trade-mission
    name: {ko: 무역사절단 파견, en: Trade Missions}
    aliases: [사절단, 무역사절단]
    summary: 창원 기업들로 사절단을 꾸려 해외 바이어를 만납니다.
    questions: [수출 사절단 모집, 해외 시장 개척단 참가]
  - id: startup-incubation
    name: {ko: 창업 보육, en: Startup Incubation}
    aliases: [창업보육센터, 보육센터, 청년 창업 보육]
    summary: 창업기업에 사무 공간과 경영 지원을 제공합니다.
    questions: [창업보육센터 입주 신청, 보육센터 입주 조건]
faqs:
  - id: station-count
    questions: [수소충전소 몇 개 지어요, 충전소 몇 곳 생기나요]
    answer: 2020년까지 충전소 10곳을 구축하는 계획이었습니다.
    programs: [hydrogen-stations]
"""


@pytest.fixture(scope="module")
def matcher(tmp_path_factory: pytest.TempPathFactory) -> Matcher:
    return Matcher(write_knowledge(tmp_path_factory.mktemp("scope"), PROGRAMS))


@pytest.mark.parametrize("question", [
    "전기차 충전소 설치 지원",       # 전기차 where the name says 수소
    "전기차 충전기 설치비 지원",
    "웨딩 박람회 일정",              # 박람회 = 전시회; 웨딩 where the name says 방산
    "웨딩박람회",
    "노인 일자리 사업 신청",          # 노인 where the names say 양질의 / 청년
    "wedding expo",
])
def test_another_kind_of_the_same_thing_is_not_answered(matcher: Matcher, question: str) -> None:
    decision = matcher.match(question)
    assert decision.kind == "fallback", decision
    assert decision.candidates, "the candidates stay for the record (top3)"


@pytest.mark.parametrize("question, expected", [
    ("수소충전소 설치 지원", "hydrogen-stations"),
    ("충전소 구축 사업", "hydrogen-stations"),
    ("방산 전시회 참가 지원", "defense-exhibition"),
    ("청년 일자리 사업 신청", "quality-jobs"),
    ("일쟈리 매칭 서비스", "job-matching"),  # a typo of the item's own word is no other kind
    ("드론 창업 보육 입주 신청", "startup-incubation"),  # 드론 창업 says who asks, not what is asked
])
def test_the_items_own_kind_is_still_answered(matcher: Matcher, question: str, expected: str) -> None:
    decision = matcher.match(question)
    assert (decision.kind, decision.id) == ("answer", expected), decision


def test_where_is_a_place_only_an_item_that_gives_one_answers(matcher: Matcher) -> None:
    assert matcher.match("수소충전소 구축 사업").id == "hydrogen-stations"
    where = matcher.match("수소충전소 어디 있어요")
    assert where.kind == "fallback", "a program that builds stations does not say where one is"
    assert matcher.match("hydrogen station near me").kind == "fallback"
    assert matcher.match("방산 전시회 티켓 어디서 사요").kind == "fallback", "where to buy is for a shop"
    centre = matcher.match("지식산업센터 어디 있어요")
    assert (centre.kind, centre.id) == ("answer", "knowledge-center"), "its text gives an address"


def test_novel_words_are_names_not_verb_forms_typos_or_known_words(matcher: Matcher) -> None:
    scope = matcher.scope
    novel = [w for w in ("전기차", "웨딩", "노인", "wedding") if scope.is_novel(UNKNOWN_PREFIX + w)]
    assert novel == ["전기차", "웨딩", "노인", "wedding"]
    # Real words that end as verb endings do (자, 지, 고, 요) or sit a letter from a known word (전시): names too.
    for word in ("비자", "피자", "토지", "창고"):
        assert scope.is_novel(UNKNOWN_PREFIX + word), word
    for word in ("뽑고", "했던", "키워주", "반년째",   # verb forms and counters
                 "일쟈리", "staion",                 # typos of known words
                 "충전"):                             # inside a known word (수소충전소)
        assert not scope.is_novel(UNKNOWN_PREFIX + word), word
    assert not scope.is_novel("충전소"), "a known term is never novel"


def test_a_ruled_out_item_stays_for_the_record_but_is_offered_nowhere(matcher: Matcher) -> None:
    decision = matcher.match("전기차 충전소 몇 개 생기나요")
    assert decision.kind == "fallback"
    ruled_out = {c.id: c.score for c in decision.candidates if c.id in ("hydrogen-stations", "station-count")}
    assert ruled_out and set(ruled_out.values()) == {0.0}, "scored 0: no suggestion, no example question"
    assert [c.score for c in decision.candidates] == sorted((c.score for c in decision.candidates), reverse=True)
    # The FAQ about the stations is about what the program's name names: asked about its own kind, it answers.
    assert matcher.match("수소충전소 몇 개 생기나요").id == "station-count"


def test_the_words_are_language_data() -> None:
    words = ScopeWords.load()
    assert "고" in words.verb_final_syllables
    assert any("위치" == cue for cue in words.location_cues_ko)
    assert words.address_patterns and words.address_patterns[0].search("창원대로18번길 46")


def test_what_the_asker_makes_is_who_asks(matcher: Matcher) -> None:
    """`전기차 충전소 만드는 회사`: a phrase followed by a maker verb and who asks (scope.yaml maker_words) is the
    asker's product, not another kind of what the item offers."""
    assert matcher.match("전기차 충전소 구축 사업 참여할 수 있나요").kind == "fallback"
    decision = matcher.match("전기차 충전소 만드는 회사인데 충전소 구축 사업 참여할 수 있나요")
    assert (decision.kind, decision.id) == ("answer", "hydrogen-stations"), decision


def test_an_english_description_names_no_other_kind() -> None:
    """eco-friendly, battery powered: an unknown English word ending as an adverb or a participle describes the
    item's thing (english_modifier_endings); the alternate knowledge base's green-ship programs answer."""
    root = Path(__file__).resolve().parent.parent
    marine = Matcher(load_or_raise(root / "tests" / "data" / "alt" / "knowledge", root / "intents"))
    assert not any("friendly" in pair[:2] or "?friendly" in pair[:2] for pair in marine.scope._pairs("eco-friendly ship"))
    assert marine.match("battery powered ship demonstration").id == "electric-ship-test"
    assert marine.match("eco-friendly ship technology development").id == "green-ship-rnd"

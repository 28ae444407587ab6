"""Choosing between neighbouring items (intents/ranking.py): what is asked outweighs who asks, and a thin
lead the model doubts becomes suggestions. Through the real lexicon and the shipped knowledge base."""
from __future__ import annotations

from pathlib import Path

import pytest

from intents.matcher import Matcher
from intents.ranking import RankingData, distinctive_names, doubtful, load_ranking, mentioned, unnamed_tie
from knowledge.loader import load_or_raise

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def shipped() -> Matcher:
    return Matcher(load_or_raise(ROOT / "knowledge", ROOT / "intents"))


@pytest.mark.parametrize("text, context", [
    ("직원 20명 자동차부품 만드는데 수출 지원 받을 수 있나요", "직원 20 명 자동차부품 만드는데"),
    ("20대인데 교육 받을 수 있는 곳", "20 대인데"),
    ("i run a small machining shop with 20 staff we want to export", "i run a small machining shop with 20 staff"),
    # where the asker comes from and works, non-native English too
    ("i am from vietnam work in changwon factory 3 years as welding engineer i want learn more skill",
     "i am from vietnam work in changwon factory 3 years as welding engineer"),
    # Wanting or intending is what is asked, not context.
    ("멘토 하고 싶은데 어떻게 신청해요", ""),
    ("수출 시작하려는데 도움 받을 수 있나요", ""),
    ("수출상담회 신청", ""),
])
def test_a_clause_about_the_asker_is_found(shipped: Matcher, text: str, context: str) -> None:
    found, rest = shipped.roles.context_clause(shipped.analyzer.analyze(text).normalized)
    assert found == context
    assert rest  # the question itself is never taken for context


def test_numbers_of_age_or_size_count_less_than_the_topic(shipped: Matcher) -> None:
    data = shipped.ranking
    analysis = shipped.analyzer.analyze("55살인데 일자리 찾고 있어요")
    factors = shipped.roles.factors(analysis.normalized, analysis.terms, shipped._names_topic, shipped.idf.__contains__)
    assert factors["55"] == data.number_factor
    assert "일자리" not in factors  # the topic keeps its weight
    # A number the knowledge base uses, without a unit of age or size, may be what is asked (2년, 3회).
    known = next(t for t in shipped.idf if t.isdigit())
    assert known not in shipped.roles.factors(known, (known,), shipped._names_topic, shipped.idf.__contains__)


def test_a_context_clause_counts_less_only_when_the_rest_names_a_topic(shipped: Matcher) -> None:
    def factors(text: str) -> dict[str, float]:
        analysis = shipped.analyzer.analyze(text)
        return shipped.roles.factors(analysis.normalized, analysis.terms, shipped._names_topic,
                                     shipped.idf.__contains__)

    assert factors("창업 초기라 사무실 월세가 부담되는데 공간 지원해주는 거 있나요")["창업"] == \
        shipped.ranking.context_factor
    # `취준생인데 뭐 도와주나요`: the rest only asks for help, so being a job seeker is the topic.
    assert factors("취준생인데 뭐 도와주나요") == {}


@pytest.mark.parametrize("text, expected", [
    ("55살인데 일자리 찾고 있어요", "job-seeker-help"),  # the age no longer drowns the topic
    ("직원 30명 회사인데 수출상담회 참가하고 싶어요", "export-consultation"),
    ("우리 회사는 부품 만드는데 해외 바이어 만나는 출장 같은 거 있어요?", "export-consultation"),
])
def test_the_asked_topic_decides(shipped: Matcher, text: str, expected: str) -> None:
    decision = shipped.match(text)
    assert (decision.kind, decision.id) == ("answer", expected)


def test_who_asks_does_not_pick_a_program_for_them(shipped: Matcher) -> None:
    # `small` (the asker's size) is in a defense program's English name; `export` is what is asked.
    decision = shipped.match("what about export support for small companies")
    assert decision.id != "defense-tech"


def test_a_thin_lead_the_model_doubts_becomes_suggestions() -> None:
    data = RankingData(thin_margin=15, doubt_cosine=0.012)
    assert doubtful(data, 88.5, 81.0, 0.942, 0.958)  # 멘토 하려면 어떻게 해요: become a mentor, or be mentored?
    assert not doubtful(data, 88.5, 81.0, 0.958, 0.942)  # the model agrees with the lead
    assert not doubtful(data, 88.5, 70.0, 0.942, 0.958)  # the lead is clear
    assert not doubtful(data, 88.5, 81.0, 0.942, 0.950)  # the model hardly prefers the runner-up


def test_the_shipped_numbers_load() -> None:
    data = load_ranking()
    assert 0 < data.context_factor < 1 and 0 < data.number_factor < 1 and data.thin_margin > 0
    assert "는데" in data.context_ends and "싶" in data.topic_marks


def test_names_that_tell_a_program_apart() -> None:
    names = {"stations": {"수소", "충전소", "구축"}, "complex": {"수소", "단지", "첨단"},
             "liquid": {"수소", "액화"}, "count": {"충전소"}}
    found = distinctive_names(names)
    assert found["stations"] == {"충전소", "구축"}  # 수소 is in every hydrogen program's name
    assert found["complex"] == {"단지", "첨단"}


def test_an_unnamed_tie_is_asked_not_answered() -> None:
    data = RankingData(thin_margin=15)
    assert unnamed_tie(data, lead=10.4, best_topic=0.61, runner_topic=0.61, named=False)
    assert not unnamed_tie(data, lead=10.4, best_topic=0.61, runner_topic=0.61, named=True)
    assert not unnamed_tie(data, lead=10.4, best_topic=0.80, runner_topic=0.61, named=False)  # explains more
    assert not unnamed_tie(data, lead=30.0, best_topic=0.61, runner_topic=0.61, named=False)  # clear lead


def test_a_question_naming_only_the_neighbour_is_not_answered_with_the_other(shipped: Matcher) -> None:
    # 특화단지 is the hydrogen complex's word; the station program leads on `어디에 생겨요` alone.
    decision = shipped.match("수소 특화단지 어디에 생겨요")
    assert decision.id != "hydrogen-stations"
    assert "hydrogen-complex" in [c.id for c in decision.candidates]
    # Named, it is answered outright.
    assert shipped.match("수소충전소 어디에 생겨요").id == "hydrogen-stations"


def test_the_longest_name_typed_is_the_one_mentioned() -> None:
    names = [("강소기업", 1), ("글로벌강소기업", 2), ("수출상담회", 3)]
    assert mentioned("글로벌강소기업지정기간", names) == {2}  # not the 강소기업 program it contains
    assert mentioned("수출상담회담당부서어디예요", names) == {3}
    assert mentioned("수출지원", names) == set()


def test_a_program_named_as_typed_wins_over_one_sharing_a_side_word(shipped: Matcher) -> None:
    # 수출상담회 analyses into common words (수출, 상담); 부서 is a word of another program's question.
    decision = shipped.match("수출상담회 담당 부서 어디예요")
    assert decision.candidates[0].id == "export-consultation"
    assert decision.id in (None, "export-consultation")
    # An FAQ about a named program is named with it: the count FAQ still answers how many stations.
    assert shipped.match("수소 충전소 개수").id == "hydrogen-station-count"


def test_who_asks_is_no_topic_of_a_follow_up(shipped: Matcher) -> None:
    # `my company is small, 20 people`: an asker word and a size say who asks; the follow-up stays on the
    # program just answered and asks how to apply to it (before: a defence program's apply aspect).
    import time

    from intents.context import MatchContext

    decision = shipped.match("my company is small, 20 people. company must apply or me?",
                             context=MatchContext("worker-training", time.time()))
    assert (decision.kind, decision.id, decision.aspect) == ("answer", "worker-training", "apply")
    analysis = shipped.analyzer.analyze("my company is small, 20 people")
    assert not {"small", "20", "people"} & set(shipped._topic_terms(analysis))
    assert "교육" in shipped._topic_terms(shipped.analyzer.analyze("작은 회사 직원 교육"))


def test_help_is_no_topic_of_its_own(shipped: Matcher) -> None:
    # `help` asks for help with what is named: the help intent's word counts lightly, like a question word, so
    # `help ... as mentor` offers the would-be mentors' FAQ, while `help` alone is still the help text.
    assert "도움말" in shipped.cue_terms
    decision = shipped.match("i am engineer, retire now, want help small company as mentor", "en")
    assert "become-mentor" in [c.id for c in decision.candidates[:3]]
    assert shipped.match("help").id == "help"
    assert shipped.match("can you help me").id == "help"

"""A general need is answered by the FAQ that introduces the programs it ties between (intents/overview.py):
the rule on small stand-ins, then through the matcher on the shipped knowledge (lexical mode)."""
from __future__ import annotations

from tests.ranked_stubs import StubItem, StubRanked
from intents.matcher import Matcher
from intents.overview import OverviewSettings, overview_first

LISTS = {"seeker-help": frozenset({"matching", "talent"}), "count": frozenset({"stations"})}
NAMES = {"matching": {"매칭"}}
WRITES = {"matching": {"연결"}}


def _first(ranked: list[StubRanked], asked: set[str] = frozenset()) -> str | None:  # type: ignore[assignment]
    best = overview_first(
        ranked, lambda i: LISTS.get(i, frozenset()), lambda overview, p: bool(NAMES.get(p, set()) & asked),
        lambda overview, other: bool(WRITES.get(other, set()) & asked),
        near=5, answer_score=30, margin=3, per_uncovered=10, topic_coverage=0.3)
    return best.item.id if best is not None else None


def _r(item: str, kind: str, score: float, topic: float = 0.9) -> StubRanked:
    return StubRanked(StubItem(item, kind), score, topic)


TIE = [_r("matching", "program", 80.9), _r("seeker-help", "faq", 80.9), _r("talent", "program", 69.1),
       _r("aero-jobs", "program", 65.0)]


def test_the_overview_answers_a_tie_between_its_own_programs() -> None:
    assert _first(TIE) == "seeker-help"
    assert _first([TIE[1], TIE[0], TIE[3]]) == "seeker-help"  # first already: a tie with its program is no rival


def test_naming_a_program_or_saying_what_only_it_does_asks_for_that_program() -> None:
    assert _first(TIE, {"매칭"}) is None
    assert _first(TIE, {"연결"}) is None


def test_an_faq_about_one_program_is_no_overview() -> None:
    assert _first([_r("stations", "program", 64.2), _r("count", "faq", 64.9)]) is None


def test_another_item_close_behind_or_ahead_keeps_the_question_open() -> None:
    assert _first([TIE[1], TIE[0], _r("aero-jobs", "program", 79.0)]) is None  # not listed, within the margin
    assert _first([_r("aero-jobs", "program", 82.0), *TIE[:2]]) is None  # ranked above it, not listed
    assert _first([_r("matching", "program", 50.0), _r("seeker-help", "faq", 44.0)]) is None  # too far behind
    assert _first([_r("seeker-help", "faq", 28.0), _r("matching", "program", 27.0)]) is None  # under the answer score


def test_the_settings_are_read_from_their_file() -> None:
    assert OverviewSettings.load().near > 0


def test_a_general_need_gets_the_overview_faq(shipped_matcher: Matcher) -> None:
    # job seeking in general: job matching and the FAQ for job seekers tie on 취업 alone
    decision = shipped_matcher.match("취업 도와주는 프로그램 있나요")
    assert decision.kind == "answer" and decision.id == "job-seeker-help"
    assert "job-matching" in [c.id for c in decision.candidates]


def test_a_question_for_one_program_keeps_it(shipped_matcher: Matcher) -> None:
    assert shipped_matcher.match("구직자랑 기업을 이어주는 프로그램 있나요").id == "job-matching"
    assert shipped_matcher.match("일자리 매칭 신청하고 싶어요").id == "job-matching"


def test_a_run_ons_clause_asking_a_general_need_is_answered_with_the_overview(shipped_matcher: Matcher) -> None:
    # Who asks (graduated, 25, lives in Gimhae), then a general need in the clause after `...사는데`: the clause is
    # read alone, though a clause of a run-on otherwise leans on the one before it (intents/story.py).
    text = "작년에 전문대를 졸업한 스물다섯 살이고 김해에 사는데 취업 도와주는 사업 같은 거 있어요?"
    whole = shipped_matcher._decide_analysis(shipped_matcher.analyzer.analyze(text), "ko")
    assert whole.kind != "answer"  # every word of the story weighed alike: the need is diluted
    decision = shipped_matcher.match(text)
    assert decision.kind == "answer" and decision.id == "job-seeker-help"

"""Eligibility criteria: read from real YAML (tests/data/finder), checked by `check`, judged against profiles."""
from __future__ import annotations

import io

import pytest

from conftest import knowledge_files
from knowledge.check import run_check
from knowledge.eligibility import Criteria, Profile, assess, check_track
from knowledge.loader import load
from knowledge.profile_text import parse_profile
from finder_fixtures import finder_kb  # noqa: F401 - the finder's test knowledge


@pytest.fixture
def kb(finder_kb):
    """The finder's test knowledge (tests/data/finder), loaded once for the session."""
    return finder_kb


def test_criteria_are_read_with_their_alternatives(kb):
    incubator = kb.program("incubator")
    assert incubator.criteria == (Criteria(who=("pre_founder", "startup"), founded_within=7, region="changwon",
                                           need=("space", "mentoring"), line=incubator.criteria[0].line),)
    assert kb.program("founder-allowance").criteria[0].age_min == 18
    assert kb.program("founder-allowance").criteria[0].age_max == 39
    youth = kb.program("youth-jobs").criteria
    assert [t.who for t in youth] == [("job_seeker",), ("sme",)] and youth[0].age_max == 39 and youth[0].age_min is None
    assert kb.program("plain-program").criteria == ()


def test_each_criterion_passes_fails_or_stays_open():
    track = Criteria(who=("startup",), founded_within=3, age_min=18, age_max=39, region="changwon", need=("funding",))
    fits = check_track(track, Profile(who="startup", years="1-3", age="30-34", region="changwon", need="funding"))
    assert [(c.kind, c.outcome) for c in fits.checks] == [
        ("who", "pass"), ("region", "pass"), ("founded_within", "pass"), ("age", "pass"), ("need", "pass")]
    older = check_track(track, Profile(who="startup", years="3-7", age="40-49", region="gyeongnam"))
    assert {c.kind: c.outcome for c in older.checks} == {
        "who": "pass", "region": "fail", "founded_within": "fail", "age": "fail", "need": "unknown"}
    # a band across the limit is not a failure: 만 35~39세 against "34 or under" must be checked by a person
    assert check_track(Criteria(age_max=34), Profile(age="30-34")).checks[0].outcome == "pass"
    assert check_track(Criteria(age_max=36), Profile(age="35-39")).checks[0].outcome == "unknown"
    # a pre-founder has founded nothing yet: within any limit
    assert check_track(Criteria(founded_within=3), Profile(who="pre_founder")).checks[0].outcome == "pass"
    # Changwon is in Gyeongnam; elsewhere is neither
    assert check_track(Criteria(region="gyeongnam"), Profile(region="changwon")).checks[0].outcome == "pass"
    assert check_track(Criteria(region="changwon"), Profile(region="gyeongnam")).checks[0].outcome == "fail"


def test_an_age_limit_stretched_for_some_is_to_be_checked_not_failed(tmp_path):
    # age: {max: 39, up_to: 42}: past 39 but not past 42 (military service, say) is for a person to check
    track = Criteria(age_max=39, age_up_to=42)
    assert check_track(track, Profile(age="41")).checks[0].outcome == "unknown"
    assert check_track(track, Profile(age="43")).checks[0].outcome == "fail"
    assert check_track(track, Profile(age="35")).checks[0].outcome == "pass"
    assert check_track(track, Profile(age="40-49")).checks[0].outcome == "unknown"  # a band reaching into it
    assert check_track(track, Profile(age="41")).checks[0].values == (None, 39, 42)
    stretched = """\
programs:
  - id: stretched
    name: {ko: 늘어난 사업, en: Stretched}
    summary: {ko: 요약, en: Summary}
    source: made up for this test
    criteria:
      age: {max: 39, up_to: 42}
  - id: upside-down
    name: {ko: 거꾸로 사업, en: Upside down}
    summary: {ko: 요약, en: Summary}
    source: made up for this test
    criteria:
      age: {max: 39, up_to: 35}
"""
    kb, problems = load(*knowledge_files(tmp_path, stretched, name="stretched.yaml"))
    assert kb.program("stretched").criteria[0] == Criteria(age_max=39, age_up_to=42, line=7)
    assert [(p.line, "up_to must be above max" in p.message) for p in problems if p.severity == "error"] == [(13, True)]


def test_the_best_fitting_alternative_counts(kb):
    youth = kb.program("youth-jobs").criteria
    company = assess(youth, Profile(who="sme", region="changwon", need="hiring"))
    assert company.fails == 0 and company.passes == 3
    person = assess(youth, Profile(who="job_seeker", age="50+", region="changwon"))
    assert person.fails == 1 and [c.kind for c in person.checks if c.outcome == "fail"] == ["age"]
    assert assess((), Profile(who="sme")) is None


def test_stored_answers_from_an_older_version_are_not_trusted():
    assert Profile.from_dict({"who": "startup", "years": "1-3", "age": "99-120", "colour": "blue"}) == \
        Profile(who="startup", years="1-3")
    assert Profile.from_dict(None) == Profile()


BROKEN = """\
programs:
  - id: broken
    name: {ko: 고장난 사업, en: Broken}
    summary: {ko: 요약, en: Summary}
    criteria:
      who: [startups]
      founded_within: seven
      age: 40-18
      region: [changwon, gyeongnam]
      colour: blue
"""


def test_check_explains_bad_criteria_with_their_lines(tmp_path):
    kb, problems = load(*knowledge_files(tmp_path, BROKEN, name="broken.yaml"))
    errors = {(p.line, p.message.split(" in ")[0]) for p in problems if p.severity == "error"}
    assert (6, "unknown who 'startups'") in errors
    assert (7, "founded_within") in {(line, m.split(" ")[0]) for line, m in errors}
    assert any(line == 8 and "not a possible range" in m for line, m in
               ((p.line, p.message) for p in problems))
    assert any(p.line == 9 and "region" in p.message for p in problems)
    assert any(p.line == 10 and "unknown criterion 'colour'" in p.message for p in problems)
    assert "did you mean 'startup'?" in next(p.hint for p in problems if p.line == 6)
    # the program itself still loads (only its criteria were bad), and `check` fails the run
    assert kb.program("broken") is not None
    out = io.StringIO()
    assert run_check(tmp_path / "knowledge", tmp_path / "intents", out) == 1
    assert "broken.yaml:6: error: unknown who 'startups'" in out.getvalue()


@pytest.mark.parametrize("text, expected", [
    ("창업 2년차 제조업인데 받을 수 있는 지원", Profile(who="startup", years="1-3", field="manufacturing")),
    ("예비창업자인데 사무실 지원 받을 수 있나요", Profile(who="pre_founder", need="space")),
    ("창원에서 방산 부품 만드는 중소기업인데 수출 지원 뭐가 있나요",
     Profile(who="sme", region="changwon", field="defense", need="market")),
    ("30대 초반 구직자인데 받을 수 있는 지원 있을까요", Profile(who="job_seeker", age="30-34")),
    ("창업한 지 8개월 됐는데 자금 지원 받을 수 있나요", Profile(who="startup", years="0-1", need="funding")),
    ("I run a small business in Changwon, what support can I get for exports?",
     Profile(who="sme", region="changwon", need="market")),
])
def test_a_stated_profile_is_read(text, expected):
    assert parse_profile(text) == expected


@pytest.mark.parametrize("text", [
    "청창사 언제 모집해요",                 # a question about a program, no profile
    "예비창업패키지 신청 방법",             # names a program; asks how, not what fits
    "창원산업진흥원 전화번호 알려주세요",    # the agency's name is not where the person is
    "what is it about?",                  # "it" is not ICT
    "오늘 점심 뭐 먹지",
])
def test_other_questions_are_not_taken_for_a_profile(text):
    assert parse_profile(text) is None


@pytest.mark.parametrize("text, rest", [
    ("우리회사 수출지원 받을수있어요?", "수출지원"),
    ("창업 2년차 제조업인데 받을 수 있는 지원 있나요?", ""),         # nothing named: the finder's question
    ("나한테 맞는 사업 찾아줘", ""),
    ("수소 지원 받을 수 있나요", "수소 지원"),                      # a field asked about, not said as who
    ("창원에서 방산 부품 만드는 중소기업인데 수출 지원 뭐가 있나요", "수출"),
])
def test_what_is_left_once_the_person_is_taken_out_names_the_topic(text, rest):
    from knowledge.profile_text import asks_for_self, without_profile

    assert asks_for_self(text)
    # what is left, less particles and asking endings, holds the topic words and nothing of the person
    kept = without_profile(text)
    assert all(word in kept for word in rest.split())
    assert not any(word in kept for word in ("회사", "창업", "제조", "창원", "중소기업", "방산 부품", "나한테"))


def test_a_question_without_asking_words_does_not_ask_for_oneself():
    from knowledge.profile_text import asks_for_self

    assert not asks_for_self("무역사절단 신청 방법")
    assert not asks_for_self("오늘 점심 뭐 먹지")

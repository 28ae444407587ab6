"""Reading who asks from the question (knowledge/asker.py, intents/lexicon/asker.yaml), and judging a
program's criteria on what was said only."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import write_knowledge
from knowledge.asker import Asker, fit, read, without
from knowledge.eligibility import Profile, age_band

AGES = [
    ("52살인데 일자리 매칭 신청할 수 있나요?", (52, 52)),
    ("만 45세 구직자입니다", (45, 45)),
    ("50대도 창업 지원 되나요?", (50, 59)),
    ("30대 후반인데요", (36, 39)),
    ("40대 이상도 되나요", (40, None)),
    ("마흔두 살인데 창업 가능?", (42, 42)),
    ("중장년도 신청 가능한가요", (40, None)),
    ("신중년 일자리 있어요?", (50, None)),       # the longer word, not the 중년 inside it
    ("시니어 창업 지원 있나요", (40, None)),
    ("I'm 60 years old, can I apply?", (60, 60)),
    ("I am 45 and unemployed", (45, 45)),
    ("in my 50s, any startup support?", (50, 59)),
    ("in my late 30s", (36, 39)),
    ("over the age of 50, can I join?", (50, None)),
]


@pytest.mark.parametrize(("text", "age"), AGES)
def test_an_age_or_age_band_is_read_as_a_range(text: str, age: tuple[int, int | None]) -> None:
    assert read(text).age == age


@pytest.mark.parametrize("text", [
    "만 39세 이하만 되나요",          # a condition written out, not who asks
    "18~39세 청년 대상인가요",
    "under 35 only?",
    "I'm 30 minutes away",            # a number that is no age
    "2030대 청년 정책",               # 20s and 30s as a generation
    "100세 시대 준비",
    "10살 아이 체험",
    "청년 창업 지원",                 # a program's audience, not the asker's age
])
def test_no_age_is_read_from_conditions_or_other_numbers(text: str) -> None:
    assert read(text).age is None


@pytest.mark.parametrize(("text", "who"), [
    ("대학생도 받을 수 있는 지원 있어요?", ("student",)),
    ("졸업예정자인데 취업 지원", ("student",)),
    ("재직자 교육 있나요", ("employee",)),
    ("예비창업자인데요", ("pre_founder",)),
    ("경력단절 여성인데 취업 교육 있나요", ("job_seeker",)),
    ("저희는 중소기업인데요", ("sme",)),
    ("창업 3년차인데 입주 가능한가요", ("startup",)),
    ("직원 30명 제조업체인데 수출 지원", ("sme",)),
    ("I'm a university student", ("student",)),
    ("our company makes parts", ("sme",)),
    ("중소기업 지원사업 뭐 있어요", ()),  # a topic, not said as theirs
    ("스타트업 지원", ()),
    ("외국인 근로자 채용 관련해서도 도움 받을 수 있나요", ()),  # whom they hire, not who they are
    ("대학생 뽑으려는데 지원 있나요", ()),
    ("저는 근로자인데 교육 받을 수 있나요", ("employee",)),
])
def test_a_status_is_read_in_the_finders_words(text: str, who: tuple[str, ...]) -> None:
    assert read(text).who == who


def test_company_facts_and_traits() -> None:
    company = read("창업한 지 6개월 됐어요")
    assert (company.who, company.years) == (("startup",), "0-1")
    assert read("we are a 3-year-old startup with 12 employees").years == "1-3"
    assert read("직원 30명 제조업체인데").staff == 30
    assert read("저희는 소기업입니다").size == "small"
    assert read("저희는 중소기업인데요").size is None  # 소기업 inside 중소기업 is no size
    foreigner = read("외국인도 창업 지원 받을 수 있나요")
    assert foreigner.traits == ("foreigner",) and not foreigner  # read, never judged


def test_what_says_who_asks_is_taken_out_with_its_particle() -> None:
    assert without("50대도 창업 지원 되나요?", read("50대도 창업 지원 되나요?")) == "창업 지원 되나요?"
    text = "창업한 지 6개월 됐어요 입주 가능?"
    assert without(text, read(text)) == "됐어요 입주 가능?"


def test_the_finders_profile_takes_a_band_only_where_one_holds_the_age() -> None:
    assert read("52살 구직자").finder_profile() == Profile(who="job_seeker", age="50+")
    assert read("30대 구직자").finder_profile() == Profile(who="job_seeker")  # 30-39 spans two bands
    assert Asker(age=(36, 39)).finder_profile().age == "35-39"


def test_an_age_band_reads_finder_bands_and_stated_ages() -> None:
    assert age_band("35-39") == (35, 39) and age_band("50+") == (50, None)
    assert age_band("52") == (52, 52) and age_band("50-59") == (50, 59) and age_band("40-") == (40, None)
    assert age_band("x") is None and age_band(None) is None


PROGRAMS = """\
programs:
  - id: youth-hires
    name: {ko: 테스트 청년 채용, en: Test Youth Hires}
    summary: {ko: 청년 채용을 지원합니다., en: Supports hiring young people.}
    source: made up for this test
    criteria:
      - who: job_seeker
        age: -39
      - who: sme
        need: hiring
  - id: youth-call
    name: {ko: 테스트 청년 일자리, en: Test Youth Jobs}
    summary: {ko: 청년 일자리 사업입니다., en: Jobs for young people.}
    source: made up for this test
    criteria: {who: job_seeker, age: youth}
  - id: mid-career
    name: {ko: 테스트 재도전, en: Test Second Chance}
    summary: {ko: 34세에서 45세 구직자를 돕습니다., en: Helps job seekers aged 34 to 45.}
    source: made up for this test
    criteria: {who: job_seeker, age: 34-45}
  - id: company-only
    name: {ko: 테스트 기업 인증, en: Test Certification}
    summary: {ko: 중소기업의 인증을 지원합니다., en: Certification for SMEs.}
    source: made up for this test
    criteria: {who: sme}
  - id: youth-no-criteria
    name: {ko: 테스트 청년 행사, en: Test Youth Event}
    summary: {ko: 청년을 위한 행사입니다., en: An event for young people.}
    source: made up for this test
"""


def test_a_program_fails_only_on_what_the_asker_said(tmp_path: Path) -> None:
    kb = write_knowledge(tmp_path, PROGRAMS)
    hires, call, mid, company, event = (kb.program(i) for i in
                                        ("youth-hires", "youth-call", "mid-career", "company-only", "youth-no-criteria"))
    fifty_two = read("52살인데요")
    # an age alone is a person's: the company's way in does not hide the age limit
    found = fit(hires, fifty_two)
    assert found is not None and found.outcome == "fails"
    assert [(c.kind, c.values) for c in found.checks] == [("age", (None, 39))]
    # a youth program without a range, or without criteria: to be checked, never a verdict
    assert fit(call, fifty_two).outcome == "check" and fit(event, fifty_two).outcome == "check"
    assert fit(call, read("25살 구직자")) is None  # young by every definition: nothing to check
    # a band straddling a limit is to be checked; one inside passes
    assert fit(mid, read("30대 구직자")).outcome == "check"
    assert fit(mid, read("40살 구직자")) is None
    # a company speaking passes the company's way in, whatever the age of its owner
    assert fit(hires, read("52세 대표인데 저희 회사도 채용 지원 되나요")) is None
    # who: a student is never a company; an employee may be looking for work
    assert [c.kind for c in fit(company, read("대학생인데요")).checks] == ["who"]
    assert fit(hires, read("재직자인데 이직 준비 중")) is None
    # nothing said about the asker: nothing to say
    assert fit(hires, read("테스트 청년 채용 자격")) is None


def test_an_age_word_introduces_the_number_unit_or_not() -> None:
    from knowledge.asker import read as read_asker
    assert read_asker("나이가 58인데 신청 가능한가요").age == (58, 58)
    assert read_asker("제 나이는 52예요").age == (52, 52)
    assert read_asker("연령 20년 경력").age is None  # a number of years of something else
    assert read_asker("나이는 39세 이하").age is None  # a condition written out

"""A program written for young people (청년) whose sources give no age range (`age: youth`) is never ticked
as a full match: /finder shows the age as "확인 필요" for a person who may be young by some definition, and as
a miss (✘, among the close misses, not first) for one past every usual limit (tester: /finder for 구직자 · 만 50세
이상 ranked 양질의 일자리 first, "청년 대상 ?"). And the shipped knowledge says so for each of its youth programs
(tester: 양질의 일자리 was "구직자 ✔" for a 50+ job seeker)."""
from __future__ import annotations

import re
from pathlib import Path

from conftest import write_knowledge
from knowledge.eligibility import Profile, assess

YOUTH_PROGRAM = """\
programs:
  - id: youth-hires
    name: {ko: 테스트 청년 채용, en: Test Youth Hires}
    summary: {ko: 청년을 채용하는 기업과 그 청년을 지원합니다., en: "Supports firms hiring young people, and the hires."}
    source: made up for this test
    criteria:
      - who: sme
        need: hiring
      - who: job_seeker
        age: youth
"""


async def finder_result(make_bot, kb, age: str) -> str:
    async with make_bot(kb) as bot:
        await bot.command("/finder")
        for data in ("fd:a:who:job_seeker", f"fd:a:age:{age}", "fd:a:region:changwon", "fd:a:field:other"):
            await bot.press(data)
        return (await bot.press("fd:a:need:training"))[-1]["plain"]


async def test_a_youth_program_without_an_age_range_is_never_a_full_match(tmp_path: Path, make_bot) -> None:
    kb = write_knowledge(tmp_path, YOUTH_PROGRAM)
    text = await finder_result(make_bot, kb, "35-39")
    assert "1. 테스트 청년 채용\n구직자 ✔ · 청년 대상(나이 기준은 공고 확인) ?" in text


async def test_past_every_limit_of_youth_it_is_a_miss_not_a_first_match(tmp_path: Path, make_bot) -> None:
    kb = write_knowledge(tmp_path, YOUTH_PROGRAM)
    text = await finder_result(make_bot, kb, "50+")
    assert "조건에 모두 맞는 사업을 찾지 못했습니다" in text and "1. 테스트 청년 채용" not in text
    assert "• 테스트 청년 채용\n구직자 ✔ · 청년 대상(보통 만 39세 이하) ✘" in text


def test_youth_is_unknown_for_every_age_in_a_track_and_a_miss_past_39_in_the_finder() -> None:
    from knowledge.eligibility import Criteria, check_track
    youth = Criteria(who=("job_seeker",), youth=True)
    for band in ("18-29", "50+", None):
        checks = check_track(youth, Profile(who="job_seeker", age=band)).checks
        assert [(c.kind, c.outcome) for c in checks] == [("who", "pass"), ("age", "unknown")]
    for band, outcome in (("35-39", "unknown"), ("40-49", "fail"), ("50+", "fail"), ("52", "fail"), (None, "unknown")):
        found = assess((youth,), Profile(who="job_seeker", age=band))
        assert found is not None and [c.outcome for c in found.checks if c.kind == "age"] == [outcome], band


UNJUDGED = """\
programs:
  - id: youth-academy
    name: {ko: 테스트 청년 아카데미, en: Test Youth Academy}
    audience: [job_seeker]
    summary: {ko: 청년 구직자에게 직무 교육을 합니다., en: Job training for young job seekers.}
    apply: {ko: 공고에 따라 신청합니다., en: Apply as the call says.}
    source: made up for this test
  - id: career-school
    name: {ko: 테스트 직업학교, en: Test Career School}
    audience: [job_seeker]
    summary: {ko: 구직자에게 직무 교육을 합니다., en: Job training for job seekers.}
    apply: {ko: 공고에 따라 신청합니다., en: Apply as the call says.}
    source: made up for this test
"""


def test_for_an_older_person_the_youth_programs_without_criteria_come_last(tmp_path: Path) -> None:
    from handlers.finder_cards import unassessed
    kb = write_knowledge(tmp_path, UNJUDGED)
    young, _ = unassessed(kb, Profile(who="job_seeker", age="18-29"))
    older, _ = unassessed(kb, Profile(who="job_seeker", age="50+"))
    assert [p.id for p in young] == ["youth-academy", "career-school"]  # the files' order
    assert [p.id for p in older] == ["career-school", "youth-academy"]


def test_each_shipped_youth_program_states_an_age_for_people(shipped_kb) -> None:
    """A program whose name or summary is about 청년/young people has an age condition on every track for a
    person (job seeker or student): a range from its sources, or `youth` when they give none."""
    youth = re.compile(r"청년|young", re.I)
    people = {"job_seeker", "student", "pre_founder"}
    for program in shipped_kb.programs:
        said = " ".join(v for _, v in program.name.values) + " " + " ".join(v for _, v in program.summary.values)
        if not youth.search(said):
            continue
        for track in program.criteria:
            if set(track.who) & people:
                assert track.youth or track.age_min is not None or track.age_max is not None, program.id
    jobs = assess(shipped_kb.program("quality-jobs").criteria, Profile(who="job_seeker", age="35-39"))
    assert jobs is not None and jobs.unknowns >= 1
    older = assess(shipped_kb.program("quality-jobs").criteria, Profile(who="job_seeker", age="50+"))
    assert older is not None and older.fails == 1

"""A program written for young people (청년) whose sources give no age range (`age: youth`) is never ticked
as a full match: /finder shows the age as "확인 필요", for a person of 50 as for anyone. And the shipped
knowledge says so for each of its youth programs (tester: 양질의 일자리 was "구직자 ✔" for a 50+ job seeker)."""
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


async def test_a_youth_program_without_an_age_range_is_never_a_full_match(tmp_path: Path, make_bot) -> None:
    kb = write_knowledge(tmp_path, YOUTH_PROGRAM)
    async with make_bot(kb) as bot:
        await bot.command("/finder")
        for data in ("fd:a:who:job_seeker", "fd:a:age:50+", "fd:a:region:changwon", "fd:a:field:other"):
            await bot.press(data)
        text = (await bot.press("fd:a:need:training"))[-1]["plain"]
    assert "테스트 청년 채용" in text
    assert "구직자 ✔ · 청년 대상(나이 기준은 공고 확인) ?" in text


def test_youth_is_unknown_for_every_age_and_a_company_is_not_asked() -> None:
    from knowledge.eligibility import Criteria, check_track
    for band in ("18-29", "50+", None):
        checks = check_track(Criteria(who=("job_seeker",), youth=True), Profile(who="job_seeker", age=band)).checks
        assert [(c.kind, c.outcome) for c in checks] == [("who", "pass"), ("age", "unknown")]


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
    jobs = assess(shipped_kb.program("quality-jobs").criteria, Profile(who="job_seeker", age="50+"))
    assert jobs is not None and jobs.unknowns >= 1

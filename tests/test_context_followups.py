"""Conversation context and "X 말고 Y" (#7, part 3; intents/followups.py, exclusion.py, options.py):

- a question with no topic of its own asked with a question word (`몇 명까지 돼요?`) after a program is about
  that program, not a statistics FAQ that shares the question word; an FAQ that points to the program stays;
- a word that names programs of two areas names the one in the area the person is in;
- X names what it names: an item that only mentions X in its questions is not ruled out with it, and an
  area's list with all but one program ruled out is that program;
- a position under a list asks no aspect by its own words (`number 2` is no phone number).

Lexical mode through the frozen knowledge (the `matcher` fixture), knowledge written here, and the real
python-telegram-bot Application serving the Bot API in-process (the `bot` fixture)."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from conftest import FROZEN_INTENTS, ROOT, after, answer_after, knowledge_files
from intents.context import MatchContext
from intents.matcher import Matcher
from knowledge.loader import load_or_raise



def test_a_question_word_after_a_program_is_about_it_not_a_statistics_faq(matcher: Matcher) -> None:
    # Alone, `몇 명까지 돼요?` shares only 몇 with the FAQ about how many companies the agency supported.
    assert answer_after(matcher, "몇 명까지 돼요?")[1] == "companies-supported"
    assert answer_after(matcher, "몇 명까지 돼요?", "new-industry-youth-jobs") == \
        ("answer", "new-industry-youth-jobs", "support")


def test_an_faq_that_points_to_the_program_still_answers(matcher: Matcher) -> None:
    # The refuelling stations' count is an FAQ of their own: the follow-up is that FAQ, not the summary.
    assert answer_after(matcher, "몇 개 지어요?", "hydrogen-stations")[:2] == ("answer", "hydrogen-station-count")


def test_small_talk_is_not_held_by_the_program(matcher: Matcher) -> None:
    assert answer_after(matcher, "너 누구야?", "new-industry-youth-jobs")[1] != "new-industry-youth-jobs"


FISH = """
area:
  id: fish
  name: {ko: 양식, en: Fish farming}
programs:
  - id: farm-build
    name: {ko: 양식장 구축 지원, en: Fish farm build-out}
    summary: {ko: 양식장 설비를 지원합니다., en: Equipment for fish farms.}
    questions: [양식장 설비 지원 받을 수 있나요]
  - id: farm-pilot
    name: {ko: 양식 기술실증 지원, en: Fish farming pilot}
    summary: {ko: 새 양식 기술의 실증을 지원합니다., en: Pilots of new fish farming technology.}
    eligibility: {ko: 양식 기술 기업이 대상입니다., en: Fish farming technology companies.}
    questions: [양식 신기술 실증하고 싶어요]
  - id: farm-disease
    name: {ko: 양식 질병 진단, en: Fish disease diagnosis}
    summary: {ko: 양식 어가의 질병을 진단합니다., en: Disease diagnosis for fish farms.}
    questions: [물고기 병 진단 받고 싶어요]
  - id: farm-data
    name: {ko: 양식 데이터 플랫폼, en: Fish farming data platform}
    summary: {ko: 양식 데이터를 모아 보여 줍니다., en: Fish farming data in one place.}
    questions: [양식 데이터 어디서 봐요]
faqs:
  - id: how-to-apply
    questions: [지원사업 신청은 어떻게 하나요, 신청 절차가 어떻게 돼요, 누가 신청할 수 있나요]
    answer: {ko: 공고를 보고 신청합니다., en: Apply under each call.}
"""
SHIPS = """
area:
  id: ships
  name: {ko: 선박, en: Ships}
programs:
  - id: ship-pilot
    name: {ko: 전기선박 실증, en: Electric ship pilot}
    summary: {ko: 전기추진 선박의 실증을 지원합니다., en: Pilots of electric ships.}
    questions: [전기배 시험운항]
  - id: ship-course
    name: {ko: 선박 정비 교육, en: Ship maintenance course}
    summary: {ko: 선박 정비 교육 과정입니다., en: A ship maintenance course.}
    questions: [선박 정비 배우고 싶어요]
  - id: ship-show
    name: {ko: 선박 전시관, en: Ship exhibition hall}
    summary: {ko: 선박을 전시하고 학생 단체 견학을 받습니다., en: A hall of ships; school groups visit.}
    questions: [학생들 데리고 선박 전시관 견학 교육]
"""
def _areas(folder: Path, *files: str) -> Matcher:
    """A matcher over one knowledge file per area (the format holds one area a file)."""
    for n, text in enumerate(files):
        knowledge_files(folder, text, name=f"area{n}.yaml")
    return Matcher(load_or_raise(folder / "knowledge", folder / "intents"))


def test_a_word_of_two_areas_names_the_program_of_the_area_the_person_is_in(tmp_path: Path) -> None:
    matcher = _areas(tmp_path, FISH, SHIPS)
    text = "실증 지원은 누가 신청해요?"
    assert answer_after(matcher, text)[:2] != ("answer", "farm-pilot")  # alone, 실증 names both pilots
    assert answer_after(matcher, text, "farm-build") == ("answer", "farm-pilot", "eligibility")
    assert answer_after(matcher, "그거 말고 실증은 어떻게 신청해요?", "farm-build") == ("answer", "farm-pilot", "apply")


def test_x_rules_out_what_it_names_not_what_mentions_it(tmp_path: Path) -> None:
    matcher = _areas(tmp_path, FISH, SHIPS)
    # The hall's question speaks of 교육 (school groups), but `선박 교육` names the course.
    assert answer_after(matcher, "선박 교육 아니고 선박 전시관 견학이요")[:2] == ("answer", "ship-show")


@pytest.fixture(scope="module")
def alt() -> Matcher:
    """Another agency's knowledge (tests/data/alt: a marine agency), with the frozen intents."""
    return Matcher(load_or_raise(ROOT / "tests" / "data" / "alt" / "knowledge", FROZEN_INTENTS))


def test_an_area_with_one_program_left_is_that_program(alt: Matcher) -> None:
    # The young fishers' area has two programs: ruling out one leaves the other.
    listed = alt.match("청년어업인 사업 뭐 있어요?")
    assert listed.area == "fishers" and len(listed.candidates) == 2
    assert answer_after(alt, "정착 지원 빼고 청년어업인 사업 뭐 있어요?")[:2] == ("answer", "fishing-village-academy")
    # Three left of four: the list, less the one ruled out.
    left = alt.match("양식 질병 빼고 스마트양식 사업 뭐 있어요?")
    assert left.area == "aquaculture" and "fish-health" not in [c.id for c in left.candidates]
    assert len(left.candidates) == 3


def test_a_position_asks_no_aspect_by_its_own_words(matcher: Matcher, kb) -> None:
    areas = MatchContext(options=tuple(f"area:{a.id}" for a in kb.areas if kb.programs_in(a.id)),
                         options_at=time.time())
    decision = matcher.match("number 2", context=areas)
    assert decision.area == [a.id for a in kb.areas if kb.programs_in(a.id)][1] and decision.aspect is None
    assert matcher.match("number 2 phone number?", context=areas).aspect == "contact"  # asked beside it


async def test_a_pick_after_asking_a_phone_number_shows_the_program_not_its_contact(bot, kb) -> None:
    # A new user's test (tester5): a referral, `phone number please`, /programs, `number 2`, `second one`
    # showed "This guide has no separate contact for ..." for the program picked.
    await bot.say("I lost my job. government give money?", lang="en")
    await bot.say("phone number please", lang="en")
    await bot.command("/programs", lang="en")
    area = [a for a in kb.areas if kb.programs_in(a.id)][1]
    listed = await bot.say("number 2", lang="en")
    assert kb.programs_in(area.id)[0].name.get("en") in listed[-1]["plain"]
    sent = await bot.say("second one", lang="en")
    program = kb.programs_in(area.id)[1]
    assert program.name.get("en") in sent[0]["plain"]
    assert "no separate contact" not in sent[0]["plain"]
    assert (bot.last_enquiry()["item_id"], bot.last_enquiry()["aspect"]) == (program.id, None)


async def test_how_many_after_a_program_card_is_its_support_through_the_application(bot, kb) -> None:
    program = kb.program("new-industry-youth-jobs")
    await bot.say("신산업 연계 청년일자리 알려주세요")
    sent = await bot.say("몇 명까지 돼요?")
    assert program.aspect("support").get("ko") in sent[0]["plain"]  # 기업당 최대 3명
    enquiry = bot.last_enquiry()
    assert (enquiry["kind"], enquiry["item_id"], enquiry["aspect"]) == ("answer", program.id, "support")

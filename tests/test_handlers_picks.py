"""Replying to ANY list the bot shows by its position or by a name (handlers/browsing.py, intents/options.py),
through the real Application, the in-process Bot API, a real SQLite store and the frozen knowledge: the areas
of /programs (a new user's first list), the areas of "which program?", a page of an area's list, /deadlines,
the finder's results; a position beyond the list, with none shown, or long after."""
from __future__ import annotations

import pytest

from conftest import button_data, write_knowledge
from finder_fixtures import clock, finder_bot, finder_kb, finder_settings, kst, open_bot  # noqa: F401
from handlers.conversing import LAST_OPTIONS
from intents.context import CONTEXT_SECONDS

CHAT = 1001


def _areas(kb) -> list:
    return [a for a in kb.areas if kb.programs_in(a.id)]


def _screen(sent: list[dict]) -> tuple[str, list[str]]:
    """What a person sees of the last message: its text and its buttons."""
    return sent[-1]["plain"], button_data(sent[-1])


@pytest.mark.parametrize("reply, place", [
    ("세번째요", 3), ("3번", 3), ("세 번째 분야요", 3), ("3", 3), ("3번 보여주세요", 3), ("5번이요", 5),
    ("마지막 거요", -1), ("7번", 7),
])
async def test_a_position_under_the_areas_opens_that_area_as_its_button_does(bot, kb, reply, place):
    areas = _areas(kb)
    area = areas[place - 1] if place > 0 else areas[-1]
    shown = (await bot.command("/programs"))[0]
    assert f"b:a.{area.id}" in button_data(shown)
    typed = await bot.say(reply)
    pressed = await bot.press(f"b:a.{area.id}", message_id=shown["message_id"])
    assert _screen(typed) == _screen(pressed)  # the same list, the same buttons
    assert typed[-1]["plain"].startswith(f"{area.name.get('ko')} 분야 사업")
    # and that list is now what a position points at
    card = (await bot.say("두번째 거요"))[0]
    second = kb.programs_in(area.id)[1]
    assert bot.last_enquiry()["item_id"] == second.id
    assert card["plain"].startswith(second.name.get("ko"))


@pytest.mark.parametrize("reply, lang, area", [
    ("수출지원요", "ko", "export"), ("수출 쪽이요", "ko", "export"), ("인력양성 분야", "ko", "talent"),
    ("기업지원이요", "ko", "business"), ("third one", "en", "talent"), ("export one", "en", "export"),
    ("the last one", "en", "future"),
])
async def test_a_name_or_an_english_position_under_the_areas_opens_that_area(bot, kb, reply, lang, area):
    await bot.command("/programs", lang=lang)
    typed = await bot.say(reply, lang=lang)
    assert typed[-1]["plain"].startswith(kb.area(area).name.get(lang))
    assert button_data(typed[-1])[0] == f"p:{kb.programs_in(area)[0].id}::a.{area}"


async def test_a_word_in_two_areas_names_picks_none(bot):
    await bot.command("/programs")
    sent = await bot.say("지원요")  # 기업지원, 수출지원
    assert not sent[-1]["plain"].startswith("기업지원 분야") and not sent[-1]["plain"].startswith("수출지원 분야")


async def test_a_position_beyond_the_areas_says_how_many_and_shows_them_again(bot, kb):
    areas = _areas(kb)
    await bot.command("/programs")
    reply = (await bot.say("9번"))[0]
    assert reply["plain"].startswith(f"보여 드린 목록에는 {len(areas)}개가 있습니다.")
    assert f"3. {areas[2].name.get('ko')}" in reply["plain"]
    assert button_data(reply)[:len(areas)] == [f"b:a.{a.id}" for a in areas]
    assert bot.last_enquiry()["kind"] == "fallback"  # logged as not understood: no item guessed
    # and the list shown again is what the next number means
    listed = (await bot.say("2번"))[0]
    assert listed["plain"].startswith(f"{areas[1].name.get('ko')} 분야 사업")


async def test_beyond_a_program_list_in_english(bot, kb):
    programs = kb.programs_in("export")
    await bot.say("What export programs do you have?", lang="en")
    reply = (await bot.say("the 7th one", lang="en"))[0]
    assert reply["plain"].startswith(f"The list I showed has {len(programs)} entries.")
    assert button_data(reply)[:len(programs)] == [f"p:{p.id}" for p in programs]


async def test_a_position_with_no_list_shown_is_not_read_as_a_topic(bot):
    reply = (await bot.say("5번이요"))[0]
    assert reply["plain"].startswith("번호만으로는 무엇을 고르신 것인지 알 수 없습니다.")
    assert bot.last_enquiry()["kind"] == "fallback" and bot.last_enquiry()["item_id"] is None
    assert "b:areas" in button_data(reply)  # the menu, to find a list


async def test_a_position_long_after_the_list_is_not_read_against_it(bot):
    await bot.command("/programs")
    chat_data = bot.app.chat_data[CHAT]
    ids, at, asked = chat_data[LAST_OPTIONS]
    chat_data[LAST_OPTIONS] = (ids, at - CONTEXT_SECONDS - 60, asked)  # the list was shown 16 minutes ago
    reply = (await bot.say("세번째요"))[0]
    assert reply["plain"].startswith("번호만으로는 무엇을 고르신 것인지 알 수 없습니다.")


async def test_a_newer_screen_replaces_the_list_a_number_points_at(bot, kb):
    await bot.say("수출 지원 뭐 있어요?")
    await bot.command("/programs")
    listed = (await bot.say("2번"))[0]  # the second area, not the second export program
    assert listed["plain"].startswith(f"{_areas(kb)[1].name.get('ko')} 분야 사업")


async def test_back_to_the_areas_and_the_browse_intent_record_the_areas(bot, kb):
    areas = _areas(kb)
    await bot.say("수출 지원 뭐 있어요?")
    shown = (await bot.say("분야별로 사업 목록 보여주세요"))[-1]
    assert button_data(shown)[0] == f"b:a.{areas[0].id}"
    listed = (await bot.say("4번"))[-1]
    assert listed["plain"].startswith(f"{areas[3].name.get('ko')} 분야 사업")
    await bot.press("b:areas", message_id=listed["message_id"])  # ◀ 분야 목록
    again = (await bot.say("첫번째요"))[-1]
    assert again["plain"].startswith(f"{areas[0].name.get('ko')} 분야 사업")


async def test_which_program_then_an_area_by_position_keeps_the_aspect(bot, kb):
    reply = (await bot.say("자격은?"))[0]
    assert reply["plain"].startswith("어느 사업의 자격요건")
    await bot.say("다섯번째요")  # the fifth area (export), typed instead of pressed
    card = (await bot.say("두번째 거요"))[0]
    assert bot.last_enquiry()["item_id"] == kb.programs_in("export")[1].id
    assert "자격요건" in "\n".join(card["plain"].split("\n")[:3])


async def test_a_position_on_the_second_page_counts_on_that_page(make_bot, tmp_path):
    programs = "\n".join(f"  - {{id: p{i}, name: 사업{i}, summary: 요약{i}, questions: [질문{i}]}}" for i in range(12))
    kb = write_knowledge(tmp_path, f"area: {{id: many, name: 많은 분야}}\nprograms:\n{programs}\n")
    async with make_bot(kb) as bot:
        await bot.command("/programs")
        page = (await bot.say("1번"))[-1]
        assert "p:p0::a.many" in button_data(page) and "b:a.many.1" in button_data(page)
        second = (await bot.press("b:a.many.1", message_id=page["message_id"]))[-1]
        assert "p:p8::a.many.1" in button_data(second)
        await bot.say("첫번째 거요")
        assert bot.last_enquiry()["item_id"] == "p8"  # the first of the page shown, not of the whole area


async def test_deadlines_are_a_list_a_position_picks_from(finder_bot, clock):
    clock.at = kst(2026, 2, 5, 10)
    shown = (await finder_bot.command("/deadlines"))[0]
    assert button_data(shown) == ["p:founder-allowance", "p:defense-tech", "p:incubator"]
    await finder_bot.say("두번째 거 신청 방법")
    assert finder_bot.last_enquiry()["item_id"] == "defense-tech"
    assert finder_bot.last_enquiry()["aspect"] == "apply"


async def test_an_empty_deadlines_screen_ends_the_list_before_it(finder_bot, clock):
    clock.at = kst(2026, 6, 1, 10)
    await finder_bot.say("창업 지원 뭐 있어요?")
    await finder_bot.command("/deadlines")  # nothing open
    reply = (await finder_bot.say("2번"))[0]
    assert reply["plain"].startswith("번호만으로는 무엇을 고르신 것인지 알 수 없습니다.")


async def test_the_finders_results_are_a_list_a_position_picks_from(finder_bot):
    await finder_bot.command("/finder")
    for data in ("fd:a:who:startup", "fd:a:years:1-3", "fd:a:age:30-34", "fd:a:region:changwon",
                 "fd:a:field:manufacturing"):
        await finder_bot.press(data)
    result = (await finder_bot.press("fd:a:need:funding"))[-1]
    opened = [d.split(":")[-1] for d in button_data(result) if d.startswith(("p:", "fd:w:"))]
    # 1. and 2. fit (a start-up is an SME too: the SME program), then the close miss
    assert opened[:3] == ["founder-allowance", "strong-firm", "incubator"]
    await finder_bot.say("세번째요")
    assert finder_bot.last_enquiry()["item_id"] == "incubator"


async def test_the_related_programs_under_an_faq_answer_are_picked_by_their_place(bot, kb):
    answer = (await bot.say("창업 지원금 받을 수 있나요"))[0]
    assert bot.last_enquiry()["item_id"] == "startup-funding"
    related = [d.split(":")[1] for d in button_data(answer) if d.startswith("p:")]
    assert related == list(kb.get("startup-funding").programs)
    await bot.say("두번째 거 자격요건")
    assert (bot.last_enquiry()["item_id"], bot.last_enquiry()["aspect"]) == (related[1], "eligibility")


async def test_beyond_the_related_programs_of_an_faq_they_are_shown_again(bot, kb):
    await bot.say("창업 지원금 받을 수 있나요")
    reply = (await bot.say("5번이요"))[0]
    assert reply["plain"].startswith("보여 드린 목록에는 3개가 있습니다.")
    assert button_data(reply)[:3] == [f"p:{p}" for p in kb.get("startup-funding").programs]

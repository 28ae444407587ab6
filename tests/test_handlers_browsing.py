"""/programs: areas -> programs -> card and back again, all in one message."""
from __future__ import annotations

from conftest import button_data, buttons, write_knowledge


async def test_browsing_edits_one_message_in_place(bot, kb):
    areas = (await bot.command("/programs"))[0]
    message_id = areas["message_id"]
    assert areas["plain"].startswith("분야별 사업")
    area_buttons = button_data(areas)
    assert area_buttons[:len(kb.areas)] == [f"b:a.{a.id}" for a in kb.areas]
    assert area_buttons[-1] == "m:menu"

    steps = []
    listing = await bot.press("b:a.hydrogen")
    steps += listing
    programs = kb.programs_in("hydrogen")
    assert button_data(listing[0])[:len(programs)] == [f"p:{p.id}::a.hydrogen" for p in programs]
    assert button_data(listing[0])[-1] == "b:areas"

    card = await bot.press(f"p:{programs[0].id}::a.hydrogen")
    steps += card
    assert card[0]["plain"].startswith(programs[0].name.get("ko"))
    assert ("◀ 목록으로", "b:a.hydrogen") in buttons(card[0])
    assert not any(d.startswith("fb:") for d in button_data(card[0]))  # browsing is not an answer to rate
    aspect = next(iter(programs[0].aspects))  # the first aspect written, whichever it is
    assert f"p:{programs[0].id}:{aspect}:a.hydrogen" in button_data(card[0])

    steps += await bot.press(f"p:{programs[0].id}:{aspect}:a.hydrogen")
    steps += await bot.press("b:a.hydrogen")
    steps += await bot.press("b:areas")
    steps += await bot.press("m:menu")
    assert [(s["method"], s["message_id"]) for s in steps] == [("editMessageText", message_id)] * 6
    assert len(bot.api.sent_to(1001)) == 7


async def test_main_menu_lists_by_audience(bot, kb):
    await bot.command("/start")
    founders = (await bot.press("b:u.founder"))[0]
    expected = [f"p:{p.id}::u.founder" for p in kb.programs if "founder" in p.audience]
    assert button_data(founders)[:len(expected)] == expected
    assert founders["plain"].startswith("창업 지원")
    card = (await bot.press(expected[0]))[0]
    assert ("◀ 목록으로", "b:u.founder") in buttons(card)


async def test_long_lists_are_paged(tmp_path, make_bot):
    programs = "\n".join(f"  - {{id: p{i}, name: 사업{i}, summary: 요약{i}, questions: [질문{i}]}}" for i in range(19))
    kb = write_knowledge(tmp_path, f"area: {{id: many, name: 많은 분야}}\nprograms:\n{programs}\n")
    async with make_bot(kb) as bot:
        await bot.command("/programs")
        page = (await bot.press("b:a.many"))[0]
        assert button_data(page)[:8] == [f"p:p{i}::a.many" for i in range(8)]
        assert ("다음 ▶", "b:a.many.1") in buttons(page)
        last = (await bot.press("b:a.many.2"))[0]
        assert button_data(last)[:3] == ["p:p16::a.many.2", "p:p17::a.many.2", "p:p18::a.many.2"]
        assert ("◀ 이전", "b:a.many.1") in buttons(last) and "b:a.many.3" not in button_data(last)
        back = (await bot.press("p:p17::a.many.2"))[0]
        assert ("◀ 목록으로", "b:a.many.2") in buttons(back)


async def test_a_removed_area_or_program_gets_a_polite_answer(bot):
    await bot.command("/programs")
    assert await bot.press("b:a.no-such-area") == []
    assert bot.api.answers[-1]["text"].startswith("이 버튼은 더 이상 사용할 수 없습니다")
    assert await bot.press("p:no-such-program") == []
    assert bot.api.answers[-1]["show_alert"] is True

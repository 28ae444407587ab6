"""/start: greeting and main menu, deep links, and the menu's own buttons."""
from __future__ import annotations

from conftest import button_data, buttons

MENU = ["b:areas", "fd:start", "b:u.founder", "b:u.job_seeker", "fu:start", "m:help"]


async def test_start_greets_by_name_with_the_main_menu(bot):
    sent = await bot.command("/start")
    assert len(sent) == 1
    reply = sent[0]
    assert reply["parse_mode"] == "HTML"
    assert "안녕하세요, Tester님" in reply["plain"]
    assert [label for label, _ in buttons(reply)] == [
        "📂 분야별 사업 보기", "🔎 나에게 맞는 사업 찾기", "🚀 창업 지원", "💼 일자리·인재", "🙋 담당자 문의", "❓ 도움말"]
    assert button_data(reply) == MENU
    assert bot.last_enquiry()["source"] == "command"


async def test_start_in_english_for_an_english_telegram(bot):
    reply = (await bot.command("/start", lang="en-US"))[0]
    assert reply["plain"].startswith("Hello, Tester!")
    assert buttons(reply)[0][0] == "📂 Programs by area"


async def test_start_in_korean_when_the_language_is_unknown_or_absent(bot):
    assert "안녕하세요" in (await bot.command("/start", lang="ja"))[0]["plain"]
    assert "안녕하세요" in (await bot.command("/start", lang=None, user_id=1002))[0]["plain"]


async def test_deep_link_opens_the_program_card(bot, kb):
    reply = (await bot.command("/start", args="trade-mission"))[0]
    program = kb.program("trade-mission")
    assert reply["plain"].startswith(program.name.get("ko"))
    assert program.summary.get("ko") in reply["plain"]
    assert "p:trade-mission:apply" in button_data(reply)
    enquiry = bot.last_enquiry()
    assert (enquiry["text"], enquiry["kind"], enquiry["item_id"]) == ("/start trade-mission", "answer", "trade-mission")
    assert f"fb:{enquiry['id']}:1" in button_data(reply)


async def test_deep_link_to_an_unknown_program_is_polite(bot):
    reply = (await bot.command("/start", args="no-such-program"))[0]
    assert "찾지 못했습니다" in reply["plain"]
    assert button_data(reply) == MENU


async def test_main_menu_button_edits_in_place(bot):
    start = (await bot.command("/start"))[0]
    shown = await bot.press("m:help")
    assert [(s["method"], s["message_id"]) for s in shown] == [("editMessageText", start["message_id"])]
    back = await bot.press("m:menu")
    assert back[0]["message_id"] == start["message_id"]
    assert "무엇을 도와드릴까요" in back[0]["plain"]


async def test_html_in_the_users_name_is_escaped(bot):
    bot.updates.first_name = "<b>Kim</b> & Co"
    reply = (await bot.command("/start"))[0]
    assert "&lt;b&gt;Kim&lt;/b&gt; &amp; Co" in reply["text"]
    assert "<b>Kim</b> & Co" in reply["plain"]  # shown literally, not as bold

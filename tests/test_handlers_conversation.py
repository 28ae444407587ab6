"""Conversation through the real Application: follow-ups about the last answer, area questions, language."""
from __future__ import annotations

import asyncio
import os
import re
import sys
import time
from pathlib import Path

from botapi import UpdateFactory
from botapi.loopback import LoopbackBotAPIServer
from conftest import FROZEN_ARGS, button_data

ROOT = Path(__file__).resolve().parent.parent


async def test_a_follow_up_without_a_topic_gets_the_last_programs_aspect(bot, kb):
    first = await bot.say("창업보육센터 알려주세요")
    program = kb.program("startup-incubation")
    assert first[0]["plain"].startswith(program.name.get("ko"))
    sent = await bot.say("그럼 신청은 어떻게 해요?")
    # the name, the state of its application window when one is known, then the aspect
    assert re.match(rf"<b>{program.name.get('ko')}</b>\n(📅 [^\n]*\n)?<i>신청방법", sent[0]["text"])
    assert program.aspect("apply").get("ko") in sent[0]["plain"]
    enquiry = bot.last_enquiry()
    assert (enquiry["kind"], enquiry["item_id"], enquiry["aspect"]) == ("answer", "startup-incubation", "apply")


async def test_a_follow_up_in_another_chat_knows_nothing(bot, kb):
    await bot.say("창업보육센터 알려주세요")
    sent = await bot.say("그럼 신청은 어떻게 해요?", chat_id=2002, user_id=2002)
    enquiry = bot.last_enquiry(2002)
    assert enquiry["item_id"] != "startup-incubation"
    assert not sent[0]["text"].startswith(f"<b>{kb.program('startup-incubation').name.get('ko')}</b>")


async def test_a_question_about_a_whole_area_lists_its_programs(bot, kb):
    sent = await bot.say("수소 관련 지원사업 뭐 있어요?")
    listed = [d.split(":")[1] for d in button_data(sent[0]) if d.startswith("p:")]
    assert listed and set(listed) <= {p.id for p in kb.programs_in("hydrogen")}
    assert "수소" in sent[0]["plain"]  # the list's title names the area
    assert bot.last_enquiry()["item_id"] == "list-programs"


async def test_korean_with_a_latin_acronym_is_answered_in_korean(bot):
    sent = await bot.say("MOU 몇 건 했어요?")
    assert any("\uac00" <= ch <= "\ud7a3" for ch in sent[0]["plain"])


async def test_ok_is_an_acknowledgement_in_the_users_language(bot, kb):
    sent = await bot.say("ok")  # nothing answered yet: no "glad I could help", but what can I help with (desk6)
    assert sent[0]["plain"].startswith("네, 궁금하신 점이 있으시면 편하게 물어봐 주세요")
    assert bot.app.user_data[1001].get("seen_lang") in (None, "ko")


async def _wait(predicate, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out waiting for the bot"
        await asyncio.sleep(0.02)


async def test_a_follow_up_over_http_through_bot_py(tmp_path, kb):
    """`python bot.py` long-polling a Bot API over HTTP: asked about a program, then `그럼 신청은 어떻게 해요?`;
    in English, `what about the deadline?` after the trade mission."""
    async with LoopbackBotAPIServer() as server:
        env = {**os.environ, "TELEGRAM_BOT_TOKEN": "123:TEST", "TELEGRAM_BASE_URL": server.base_url,
               "BOT_DB": str(tmp_path / "bot.db"), "PYTHONUNBUFFERED": "1"}
        proc = await asyncio.create_subprocess_exec(sys.executable, str(ROOT / "bot.py"), *FROZEN_ARGS, cwd=ROOT, env=env,
                                                    stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
        factory = UpdateFactory(None, api=server.api)
        try:
            await _wait(lambda: server.api.calls_of("getUpdates"), 30)
            server.push_update(factory.message("창업보육센터 알려주세요", user_id=7))
            await _wait(lambda: len(server.api.sent_to(7)) >= 1, 15)
            server.push_update(factory.message("그럼 신청은 어떻게 해요?", user_id=7))
            await _wait(lambda: len(server.api.sent_to(7)) >= 2, 15)
            # The same in English, in another chat: the follow-up names no program either.
            server.push_update(factory.message("tell me about the trade mission", user_id=8))
            await _wait(lambda: len(server.api.sent_to(8)) >= 1, 15)
            server.push_update(factory.message("what about the deadline?", user_id=8))
            await _wait(lambda: len(server.api.sent_to(8)) >= 2, 15)
        finally:
            proc.terminate()
            await asyncio.wait_for(proc.communicate(), 20)
    program = kb.program("startup-incubation")
    first, second = server.api.sent_to(7)[:2]
    assert first["text"].startswith(f"<b>{program.name.get('ko')}</b>")
    assert re.match(rf"<b>{program.name.get('ko')}</b>\n(📅 [^\n]*\n)?<i>신청방법", second["text"])
    mission = kb.program("trade-mission")
    first, second = server.api.sent_to(8)[:2]
    assert first["text"].startswith(f"<b>{mission.name.get('en')}</b>")
    assert re.match(rf"<b>{mission.name.get('en')}</b>\n(📅 [^\n]*\n)?<i>Schedule", second["text"])
    assert mission.aspect("period").get("en")[:40] in second["text"]


async def test_html_in_a_question_is_read_as_its_words(bot, kb):
    """`<b>창업</b> 지원 있나요`: the tags are formatting pasted with the question, not words of it (read as
    words b ... b, the question was one about something unknown: the fallback)."""
    sent = await bot.say("<b>창업</b> 지원 있나요")  # 창업 지원: the startup area's name, so its list
    assert sent[0]["plain"].startswith("창업 분야 사업")
    offered = {d.split(":")[1] for d in button_data(sent[0]) if d.startswith(("p:", "f:"))}
    assert offered and offered <= {p.id for p in kb.programs_in("startup")} | {f.id for f in kb.faqs}

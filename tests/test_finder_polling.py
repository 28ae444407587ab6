"""The finder and alerts through `python bot.py` over HTTP, on the loopback Bot API, with the bot's clock
set by BOT_TEST_NOW (tests only): /finder to a list with reasons; a profile stated in free text
prefilled; a question naming a topic answered with the finder offered; a subscription that fires once
when its window opens, and not again after a restart."""
from __future__ import annotations

import asyncio
import os
import shutil
import sqlite3
import sys
from contextlib import asynccontextmanager
from pathlib import Path
from typing import AsyncIterator

import pytest

from botapi import UpdateFactory
from botapi.loopback import LoopbackBotAPIServer
from test_polling import wait_until

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "finder"
FINDER_USER, TEXT_USER, ALERT_USER, ASKING_USER = 11, 12, 13, 14


@pytest.fixture
async def server():
    async with LoopbackBotAPIServer() as srv:
        yield srv


@asynccontextmanager
async def running_bot(server: LoopbackBotAPIServer, db: Path, now: str) -> AsyncIterator[None]:
    """`python bot.py` on the finder's test knowledge, its clock starting at `now`; stopped with SIGTERM."""
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": "123:TEST", "TELEGRAM_BASE_URL": server.base_url,
           "BOT_DB": str(db), "BOT_TEST_NOW": now, "MATCHER_MODE": "lexical", "PYTHONUNBUFFERED": "1"}
    proc = await asyncio.create_subprocess_exec(
        sys.executable, str(ROOT / "bot.py"), "--knowledge", str(DATA / "knowledge"), "--intents",
        str(DATA / "intents"), cwd=ROOT, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    polls = len(server.api.calls_of("getUpdates"))
    try:
        await wait_until(lambda: len(server.api.calls_of("getUpdates")) > polls, timeout=60)
        yield
    finally:
        proc.terminate()
        output, _ = await asyncio.wait_for(proc.communicate(), 30)
        assert proc.returncode == 0, output.decode("utf-8", "replace")[-2000:]
        assert "123:TEST" not in output.decode("utf-8", "replace")


def texts_to(server: LoopbackBotAPIServer, chat: int) -> list[str]:
    return [m["plain"] or "" for m in server.api.sent_to(chat)]


def said(server: LoopbackBotAPIServer, chat: int, words: str) -> bool:
    return any(words in text for text in texts_to(server, chat))


async def test_finder_prefill_and_an_alert_that_fires_once_across_restarts(server, tmp_path):
    factory = UpdateFactory(None, api=server.api)
    db = tmp_path / "bot.db"

    async with running_bot(server, db, "2026-02-20T10:00:00+09:00"):
        # /finder, answered with buttons, to the list with a reason per criterion
        server.push_update(factory.command("/finder", user_id=FINDER_USER))
        await wait_until(lambda: said(server, FINDER_USER, "어떤 분이신가요?"), timeout=20)
        steps = [("fd:a:who:startup", "창업하신 지 얼마나"), ("fd:a:years:1-3", "나이(만 나이)"),
                 ("fd:a:age:30-34", "사업장(사업장이 없으면"), ("fd:a:region:changwon", "어떤 분야인가요?"),
                 ("fd:a:field:manufacturing", "가장 필요한 지원"), ("fd:a:need:funding", "조건에 맞는 지원사업입니다")]
        for data, next_words in steps:  # each answer edits the question in place into the next one
            before = len(texts_to(server, FINDER_USER))
            server.push_update(factory.callback(data, user_id=FINDER_USER))
            await wait_until(lambda: len(texts_to(server, FINDER_USER)) > before, timeout=20)
            assert next_words in texts_to(server, FINDER_USER)[-1]
        result = texts_to(server, FINDER_USER)[-1]
        assert "1. 테스트 창업수당 — 접수 중 · 마감 D-" not in result  # closed on 9 Feb: the clock says 20 Feb
        assert "1. 테스트 창업수당 — 접수 마감" in result
        assert "창업기업 ✔ · 창원 소재 ✔ · 업력 3년 이내 ✔ · 만 18~39세 ✔ · 자금 지원 ✔" in result
        assert "테스트 방산기술" in result and "접수 중 · 마감 D-8 (2026년 2월 28일 18:00)" in result

        # a profile stated in free text starts the finder with those answers
        server.push_update(factory.message("창업 2년차 제조업인데 받을 수 있는 지원 있나요?", user_id=TEXT_USER))
        await wait_until(lambda: said(server, TEXT_USER, "말씀하신 내용"), timeout=20)
        assert said(server, TEXT_USER, "말씀하신 내용(창업기업 · 업력 1~3년 · 제조)을 조건에 넣었습니다")

        # a question naming a topic is answered (the area's programs), the finder offered, not started;
        # in the message's language (Korean), though Telegram says the person uses English
        server.push_update(factory.message("우리회사 수출지원 받을수있어요?", user_id=ASKING_USER, lang="en"))
        await wait_until(lambda: said(server, ASKING_USER, "수출 분야 사업 2개입니다"), timeout=20)
        (listing,) = server.api.sent_to(ASKING_USER)
        offer = listing["reply_markup"]["inline_keyboard"][-1][0]
        assert (offer["text"], offer["callback_data"]) == ("🔎 내 조건에 맞는 사업 찾기", "fd:o:2-----3")
        server.push_update(factory.callback("fd:o:2-----3", user_id=ASKING_USER, lang="en"))
        await wait_until(lambda: said(server, ASKING_USER, "기업 규모는 어떻게 되나요?"), timeout=20)
        assert said(server, ASKING_USER, "말씀하신 내용(중소·중견기업 · 판로·수출)을 조건에 넣었습니다")

        # 🔔 on the incubator's card, before its window opens (2 March)
        server.push_update(factory.callback("p:incubator", user_id=ALERT_USER))
        await wait_until(lambda: said(server, ALERT_USER, "접수 예정 · 2026년 3월 2일부터"), timeout=20)
        server.push_update(factory.callback("al:p:incubator", user_id=ALERT_USER))
        await wait_until(lambda: any((a["text"] or "").startswith("알림을 신청했습니다") for a in server.api.answers),
                         timeout=20)
    assert not said(server, ALERT_USER, "🔔")

    async with running_bot(server, db, "2026-03-02T10:00:00+09:00"):  # the morning the window opens
        await wait_until(lambda: said(server, ALERT_USER, "🔔 테스트 창업보육센터 접수가 시작되었습니다"), timeout=30)

    async with running_bot(server, db, "2026-03-03T10:00:00+09:00"):  # another restart, the window still open
        # the alert check runs at start-up; give it and the outbox sender a few seconds
        await asyncio.sleep(4)
    alerts = [t for t in texts_to(server, ALERT_USER) if t.startswith("🔔")]
    assert len(alerts) == 1
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM alerts_sent").fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM outbox WHERE purpose = 'alert'").fetchone()[0] == 1


NEW_NOTICE = """      need: funding
    windows:
      - opens: 2026-03-04
        closes: 2026-03-31
        round: {ko: 2026년 추가 모집, en: 2026 extra call}

  - id: defense-tech"""


async def test_a_notice_staff_add_to_the_files_reaches_subscribers_without_a_restart(server, tmp_path):
    """Staff post a 공고 by adding a window to the program in the knowledge files: the hot reload picks it
    up and the subscribers hear of it at once, not at the alert job's next round."""
    shutil.copytree(DATA, tmp_path / "kb")
    business = tmp_path / "kb" / "knowledge" / "business.yaml"
    factory = UpdateFactory(None, api=server.api)
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": "123:TEST", "TELEGRAM_BASE_URL": server.base_url,
           "BOT_DB": str(tmp_path / "bot.db"), "BOT_TEST_NOW": "2026-03-05T10:00:00+09:00", "MATCHER_MODE": "lexical",
           "PYTHONUNBUFFERED": "1"}
    proc = await asyncio.create_subprocess_exec(
        sys.executable, str(ROOT / "bot.py"), "--knowledge", str(tmp_path / "kb" / "knowledge"), "--intents",
        str(tmp_path / "kb" / "intents"), cwd=ROOT, env=env, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT)
    try:
        await wait_until(lambda: server.api.calls_of("getUpdates"), timeout=60)
        server.push_update(factory.callback("al:p:strong-firm", user_id=ALERT_USER))
        await wait_until(lambda: any((a["text"] or "").startswith("알림을 신청했습니다") for a in server.api.answers),
                         timeout=20)
        await asyncio.sleep(1.5)  # the alert job's first run at start-up has passed: nothing to announce
        assert not said(server, ALERT_USER, "🔔")
        text = business.read_text(encoding="utf-8")
        assert "      need: funding\n\n  - id: defense-tech" in text
        business.write_text(text.replace("      need: funding\n\n  - id: defense-tech", NEW_NOTICE, 1), encoding="utf-8")
        await wait_until(lambda: said(server, ALERT_USER, "🔔 테스트 강소기업 접수가 시작되었습니다 (2026년 추가 모집)"),
                         timeout=30)
    finally:
        proc.terminate()
        await asyncio.wait_for(proc.communicate(), 30)

"""/report in the staff chat and the weekly report job, through the real Application and the outbox."""
from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from fakeclock import Clock
from handlers import outbox, report
from report_data import MONDAY, fill_week
from settings import Settings
from store import EnquiryStore

STAFF_CHAT = -1001234
STAFF = 501
USER = 1001


@pytest.fixture
def clock() -> Clock:
    return Clock(MONDAY)


@pytest.fixture
def store(db_path: Path, clock: Clock, kb):
    store = EnquiryStore(db_path, clock=clock)
    fill_week(store, clock, kb)  # leaves the clock on Wednesday 3.5
    yield store
    store.close()


@pytest.fixture
def settings(db_path: Path) -> Settings:
    return Settings(token=None, db_path=db_path, staff_chat_id=STAFF_CHAT, staff_user_ids=frozenset({STAFF}))


async def deliver(bot: Any) -> list[dict]:
    before = len(bot.api.sent)
    await outbox.deliver_due(bot.app)
    return bot.api.sent[before:]


async def staff_command(bot: Any, text: str, *, user_id: int = STAFF, chat_id: int = STAFF_CHAT) -> list[dict]:
    name, _, args = text.partition(" ")
    update = bot.updates.command(name, args, user_id=user_id, chat_id=chat_id,
                                 chat_type="supergroup" if chat_id < 0 else "private")
    return await bot.send(update)


async def test_report_in_the_staff_chat_sends_the_chart_with_its_summary(bot, store):
    assert await staff_command(bot, "/report") == []  # written to the outbox; the sender delivers it
    [row] = [r for r in store.outbox.rows() if r["purpose"] == "report"]
    assert row["chat_id"] == STAFF_CHAT and row["photo"].startswith(b"\x89PNG")
    [sent] = await deliver(bot)
    assert sent["method"] == "sendPhoto" and sent["chat_id"] == STAFF_CHAT
    assert sent["content"].startswith(b"\x89PNG") and len(sent["content"]) > 20_000
    caption = sent["plain"]
    # Today is Wednesday 3.5: the last seven days are 2.27 to 3.5, which holds the whole filled week.
    assert caption.startswith("챗봇 문의 주간 보고서 2.27(목) ~ 3.5(수)")
    assert "문의: 12건" in caption and "챗봇이 바로 답변: 50%" in caption and "담당자 문의 접수: 3건" in caption
    assert "• 주차장은 어디에 있나요 (3건)" in caption and len(caption) <= 1024
    sent_row = store.outbox.row(row["id"])
    # Once sent, neither the picture nor the caption (which quotes people's questions) stays in the file.
    assert sent_row["status"] == "sent" and sent_row["photo"] is None and sent_row["text"] == ""


async def test_report_for_a_number_of_days_and_bad_numbers(bot, store, clock):
    clock.advance(days=10)  # 3.15: the filled week is older than 7 days, within 30
    await staff_command(bot, "/report 30")
    [sent] = await deliver(bot)
    assert "문의: 12건" in sent["plain"]
    await staff_command(bot, "/report")
    [sent] = await deliver(bot)
    assert "문의: 0건" in sent["plain"] and "이 기간에는 문의가 없었습니다" in sent["plain"]
    for bad in ("/report 0", "/report 1000", "/report 일주일", "/report 7 8"):
        [note] = await staff_command(bot, bad)
        assert "1일에서 92일 사이" in note["text"]
    assert await deliver(bot) == []


async def test_report_is_for_staff_only(bot, store):
    [note] = await staff_command(bot, "/report", user_id=USER, chat_id=USER)
    assert "담당자만" in note["text"]
    [note] = await staff_command(bot, "/report", chat_id=-100999)  # staff, in some other group
    assert "담당자 대화방" in note["text"]
    assert [r for r in store.outbox.rows() if r["purpose"] == "report"] == []
    await staff_command(bot, "/report", chat_id=STAFF)  # a private chat with the bot is fine
    [sent] = await deliver(bot)
    assert sent["chat_id"] == STAFF and sent["method"] == "sendPhoto"


async def test_the_weekly_job_sends_last_week_to_the_staff_chat_on_monday_morning(bot, store, clock):
    [job] = bot.app.job_queue.get_jobs_by_name(report.JOB_NAME)
    trigger = str(job.job.trigger)
    assert "day_of_week='mon'" in trigger and "hour='9'" in trigger and "minute='0'" in trigger
    clock.at = MONDAY + timedelta(days=7, hours=-1)  # the next Monday, 09:00 KST
    await job.run(bot.app)
    [sent] = await deliver(bot)
    assert sent["chat_id"] == STAFF_CHAT and sent["plain"].startswith("챗봇 문의 주간 보고서 3.3(월) ~ 3.9(일)")
    assert "문의: 12건" in sent["plain"]


async def test_no_staff_chat_no_weekly_job_and_none_in_the_console(kb, matcher, store, db_path, api):
    from bot import build_application

    for settings, jobs in ((Settings(token=None, db_path=db_path, staff_user_ids=frozenset({STAFF})), True),
                           (Settings(token=None, db_path=db_path, staff_chat_id=STAFF_CHAT), False)):
        app = build_application(settings, kb=kb, matcher=matcher, store=store, request=api, get_updates_request=api,
                                background_jobs=jobs)
        assert not app.job_queue.get_jobs_by_name(report.JOB_NAME)

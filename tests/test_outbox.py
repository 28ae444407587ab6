"""The outbox sender (handlers/outbox.py) through the real Application: retries, flood waits, blocked users,
per-chat order, and nothing lost when the process dies between writing a message and sending it."""
from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

import pytest

from bot import build_application
from botapi.inprocess import InProcessBotAPI
from handlers import outbox, staff
from store import EnquiryStore
from store import outbox as purpose
from tests.conftest import BotHarness
from tests.test_staff_desk import (STAFF, STAFF_CHAT, USER, card_now, clock, deliver,  # noqa: F401 - fixtures
                                   open_ticket, posted_ticket, settings, staff_command, staff_says, store)

OTHER_USER = 1002


@pytest.fixture
def api() -> InProcessBotAPI:
    return InProcessBotAPI(read_timeout=0.2)  # a slow Bot API times out quickly in these tests


async def answered_ticket(bot, text: str = "답변드립니다.", **kwargs) -> dict:
    """A ticket with its card posted and a staff answer written to the outbox (not yet delivered)."""
    ticket, _ = await posted_ticket(bot, **kwargs)
    await staff_command(bot, f"/reply {ticket['number']} {text}")
    return ticket


def answers(bot, chat_id: int = USER) -> list[str]:
    return [s["plain"] for s in bot.api.sent_to(chat_id)]


# -- the job --------------------------------------------------------------------------------------------

async def test_the_job_repeats_and_a_kick_delivers_at_once(bot):
    [job] = bot.app.job_queue.get_jobs_by_name(outbox.JOB_NAME)
    assert job.job.trigger.interval == timedelta(seconds=outbox.OUTBOX_INTERVAL_S)
    await bot.app.start()  # the JobQueue runs: nothing here calls the sender by hand
    try:
        open_ticket(bot)  # notify_new_ticket kicks the sender
        for _ in range(100):
            if bot.api.sent_to(STAFF_CHAT):
                break
            await asyncio.sleep(0.01)
        assert len(bot.api.sent_to(STAFF_CHAT)) == 1
    finally:
        await bot.app.stop()


async def test_two_passes_at_once_send_each_message_once(bot):
    open_ticket(bot)
    open_ticket(bot, user_id=OTHER_USER)
    bot.api.delay_next("sendMessage", 0.05)
    await asyncio.gather(outbox.deliver_due(bot.app), outbox.deliver_due(bot.app))
    assert len(bot.api.sent_to(STAFF_CHAT)) == 2


# -- failures -------------------------------------------------------------------------------------------

async def test_a_5xx_is_retried_with_backoff_and_the_message_still_delivered(bot, clock):
    ticket, _ = await posted_ticket(bot)
    await staff_command(bot, f"/reply {ticket['number']} 답변드립니다.")
    bot.api.fail_next("sendMessage", 500, "Internal Server Error", times=2)
    await deliver(bot)
    [row] = [r for r in bot.store.outbox.rows() if r["purpose"] == purpose.ANSWER]
    assert (row["status"], row["attempts"]) == ("pending", 1) and "Internal Server Error" in row["last_error"]
    clock.advance(seconds=1)
    await deliver(bot)
    assert answers(bot) == []  # not due yet: the first retry waits 2 s
    clock.advance(seconds=1)
    await deliver(bot)        # second failure: now 4 s
    assert bot.store.outbox.row(row["id"])["attempts"] == 2 and answers(bot) == []
    clock.advance(seconds=4)
    await deliver(bot)
    assert len(answers(bot)) == 1 and "답변드립니다." in answers(bot)[0]
    assert bot.store.outbox.row(row["id"])["status"] == "sent"


async def test_a_429_waits_exactly_as_long_as_telegram_asks(bot, clock):
    bot.api.fail_next("sendMessage", 429, retry_after=7)
    ticket = open_ticket(bot)
    assert await deliver(bot) == []
    [row] = bot.store.outbox.rows()
    assert row["status"] == "pending" and "retry after 7" in row["last_error"]
    clock.advance(seconds=6.9)
    assert await deliver(bot) == []
    clock.advance(seconds=0.1)
    [card] = await deliver(bot)
    assert card["chat_id"] == STAFF_CHAT and bot.store.tickets.get(ticket["number"])["staff_card_message_id"]


async def test_a_timeout_and_a_bad_gateway_are_retried(bot, clock):
    bot.api.delay_next("sendMessage", 1.0)  # longer than the read timeout
    open_ticket(bot)
    assert await deliver(bot) == []
    assert "TimedOut" in bot.store.outbox.rows()[0]["last_error"]
    clock.advance(seconds=2)
    bot.api.fail_next("sendMessage", 502, "Bad Gateway")
    assert await deliver(bot) == []
    clock.advance(seconds=4)
    assert len(await deliver(bot)) == 1


async def test_one_chat_keeps_its_order_and_other_chats_do_not_wait(bot, clock):
    first, _ = await posted_ticket(bot)
    other, _ = await posted_ticket(bot, user_id=OTHER_USER)
    await staff_command(bot, f"/reply {first['number']} 첫 번째 답변")
    await staff_command(bot, f"/reply {first['number']} 두 번째 답변")
    await staff_command(bot, f"/reply {other['number']} 다른 분께 드리는 답변")
    bot.api.fail_next("sendMessage", 503, "Service Unavailable")  # the first answer's first try
    await deliver(bot)
    assert answers(bot) == []                                   # the second waits behind the first
    assert "다른 분께 드리는 답변" in answers(bot, OTHER_USER)[0]  # another chat is not held up
    clock.advance(seconds=2)
    await deliver(bot)
    got = answers(bot)
    assert len(got) == 2 and "첫 번째 답변" in got[0] and "두 번째 답변" in got[1]
    assert other["number"] != first["number"]


async def test_a_bad_request_is_not_retried(bot, clock):
    ticket = await answered_ticket(bot)
    bot.api.fail_next("sendMessage", 400, "Bad Request: chat not found")
    await deliver(bot)
    [row] = [r for r in bot.store.outbox.rows() if r["purpose"] == purpose.ANSWER]
    assert row["status"] == "failed" and "chat not found" in row["last_error"].lower()
    clock.advance(hours=2)
    await deliver(bot)
    assert answers(bot) == [] and bot.store.tickets.get(ticket["number"])["status"] == "answered"


async def test_an_answer_given_up_after_many_tries_is_reported_to_staff(bot, clock):
    bot.store.outbox.max_attempts = 3
    ticket = await answered_ticket(bot)
    for _ in range(3):
        bot.api.fail_next("sendMessage", 500)
        await deliver(bot)
        clock.advance(hours=1)
    notes = [s for s in bot.api.sent_to(STAFF_CHAT) if "여러 번 시도했지만" in (s["plain"] or "")]
    assert len(notes) == 1 and f"문의 #{ticket['number']}" in notes[0]["plain"]
    assert answers(bot) == []


# -- a user who blocked the bot -------------------------------------------------------------------------

async def test_a_403_marks_the_user_blocked_and_staff_are_told_without_personal_data_in_the_log(bot, caplog):
    ticket, card = await posted_ticket(bot)
    await staff_says(bot, "비밀스러운 답변 내용", reply_to=card["message_id"])
    await staff_command(bot, f"/reply {ticket['number']} 덧붙이는 말")
    bot.api.fail_next("sendMessage", 403, "Forbidden: bot was blocked by the user")
    caplog.clear()
    with caplog.at_level(logging.INFO):  # the production level (DEBUG shows the Bot API's parameters)
        await deliver(bot)
    assert bot.store.outbox.is_blocked(USER) and answers(bot) == []
    rows = [r for r in bot.store.outbox.rows() if r["purpose"] == purpose.ANSWER]
    assert [r["status"] for r in rows] == ["blocked", "blocked"]  # the later answer is not tried either
    [note] = [s for s in bot.api.sent_to(STAFF_CHAT) if "차단" in (s["plain"] or "")]
    assert f"문의 #{ticket['number']}" in note["plain"] and "홍길동" not in note["plain"]
    assert bot.api.message(STAFF_CHAT, note["message_id"])["reply_to_message"]["message_id"] == card["message_id"]
    for secret in ("홍길동", "010-1234-5678", "01012345678", "비밀스러운", "수소충전소"):
        assert secret not in caplog.text, secret
    # Answering again warns that it may not arrive.
    said = await staff_command(bot, f"/reply {ticket['number']} 한 번 더")
    assert "차단한 상태" in said[-1]["plain"]
    # Writing to the bot again shows they unblocked it; the next answer reaches them.
    await bot.say("다시 왔습니다")
    assert not bot.store.outbox.is_blocked(USER)
    await staff_command(bot, f"/reply {ticket['number']} 다시 안내드립니다.")
    await deliver(bot)
    assert any("다시 안내드립니다." in text for text in answers(bot))


async def test_when_the_staff_chat_itself_is_unreachable_the_rows_stop_and_nothing_loops(bot):
    bot.api.fail_next("sendMessage", 403, "Forbidden: bot was kicked from the supergroup chat")
    open_ticket(bot)
    assert await deliver(bot) == []
    assert bot.store.outbox.rows()[0]["status"] == "blocked" and bot.store.outbox.is_blocked(STAFF_CHAT)
    assert len(bot.store.outbox.rows()) == 1  # no note about it to the same unreachable chat


# -- a crash between writing and sending ----------------------------------------------------------------

async def test_pending_rows_are_sent_by_the_next_process(settings, kb, matcher, db_path, clock):
    first_store = EnquiryStore(db_path, clock=clock)
    first_api = InProcessBotAPI()
    first = build_application(settings, kb=kb, matcher=matcher, store=first_store, request=first_api,
                              get_updates_request=first_api)
    async with first:
        bot = BotHarness(first, first_api, first_store)
        ticket, card = await posted_ticket(bot)
        await staff_says(bot, "재시작 전에 쓴 답변", reply_to=card["message_id"])
        open_ticket(bot, question="재시작 전에 접수된 두 번째 문의", user_id=OTHER_USER)
        # The process dies here: the answer, the card's edit and the second card were written, not sent.
    assert first_api.sent_to(USER) == [] and len(first_api.sent_to(STAFF_CHAT)) == 2  # card, confirmation
    pending = [r["purpose"] for r in first_store.outbox.rows("pending")]
    assert sorted(pending) == sorted([purpose.ANSWER, purpose.CARD_EDIT, purpose.CARD])

    second_store = EnquiryStore(db_path, clock=clock)  # a new process: a new connection, a new Bot API
    second_api = InProcessBotAPI()
    second_api.messages.update(first_api.messages)     # Telegram still has the messages sent before
    second = build_application(settings, kb=kb, matcher=matcher, store=second_store, request=second_api,
                               get_updates_request=second_api)
    async with second:
        [job] = second.job_queue.get_jobs_by_name(outbox.JOB_NAME)
        await job.run(second)
    assert "재시작 전에 쓴 답변" in second_api.sent_to(USER)[0]["plain"]
    sent_to_staff = second_api.sent_to(STAFF_CHAT)
    assert [s["method"] for s in sent_to_staff] == ["editMessageText", "sendMessage"]
    assert "답변 완료" in sent_to_staff[0]["plain"] and "두 번째 문의" in sent_to_staff[1]["plain"]
    assert second_store.outbox.rows("pending") == []
    second_store.close()
    first_store.close()


async def test_the_interface_for_the_follow_up_flow(bot):
    """notify_user_message keeps the message on the ticket even when it cannot be posted anywhere."""
    ticket = open_ticket(bot)
    bot.services.settings = type(bot.services.settings)(token=None, staff_user_ids=frozenset({STAFF}))
    updated = bot.services.staff_desk.user_wrote(ticket, "추가 질문")
    assert updated["messages"][-1]["text"] == "추가 질문"
    assert bot.services.staff_desk.user_wrote({**ticket, "number": 999}, "x") is None
    bot.services.staff_desk.kick()
    assert bot.app.job_queue.get_jobs_by_name(outbox.KICK_NAME)

"""The staff desk through the real Application and the in-process Bot API: cards, answers, commands, access."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from handlers import outbox, staff
from settings import Settings
from tests.conftest import button_data, buttons

STAFF_CHAT = -1001234
STAFF = 501          # staff members
STAFF2 = 502
USER = 1001          # a person asking
STRANGER = 9009      # neither


@pytest.fixture
def settings(db_path: Path) -> Settings:
    """The bot of these tests has a staff chat and two staff members."""
    return Settings(token=None, db_path=db_path, staff_chat_id=STAFF_CHAT, staff_user_ids=frozenset({STAFF, STAFF2}))


class Ctx:
    """What notify_* need of a handler's context, for creating tickets without the follow-up flow."""

    def __init__(self, app):
        self.application, self.bot_data, self.bot = app, app.bot_data, app.bot


async def deliver(bot) -> list[dict]:
    """Run the outbox job's callback once (what the JobQueue does every few seconds); what it sent."""
    before = len(bot.api.sent)
    job = bot.app.job_queue.get_jobs_by_name(outbox.JOB_NAME)[0]
    await job.run(bot.app)
    return bot.api.sent[before:]


async def open_ticket(bot, question="수소충전소 설치 보조금은 어디에 문의하나요?", *, name="홍길동",
                      contact="010-1234-5678", anonymous=False, user_id=USER) -> dict:
    ticket = bot.store.create_ticket(user_id, user_id, name, contact, question, "v1",
                                     datetime.now(timezone.utc), anonymous, lang="ko")
    staff.notify_new_ticket(Ctx(bot.app), ticket)
    return ticket


async def test_a_new_ticket_is_posted_to_the_staff_chat_as_a_card(bot):
    await bot.say("청년 창업 지원 받을 수 있나요?")
    ticket = await open_ticket(bot)
    sent = await deliver(bot)
    assert [s["chat_id"] for s in sent] == [STAFF_CHAT]
    card = sent[0]["plain"]
    for part in (f"#{ticket['number']}", "홍길동", "010-1234-5678", "수소충전소 설치 보조금", "수소충전소 구축",
                 "청년 창업 지원 받을 수 있나요?", "담당자 없음"):
        assert part in card, part
    assert button_data(sent[0]) == [f"stf:claim:{ticket['number']}", f"stf:close:{ticket['number']}"]
    assert bot.store.ticket(ticket["number"])["staff_card_message_id"] == sent[0]["message_id"]

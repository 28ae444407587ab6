"""After /forget and after the retention purge, nothing the bot posted still shows the person: their card,
their further messages, /ticket views and /inbox listings are redrawn or blanked; a /forget during an
outbox pass does not post their pending messages, and "sent" never overwrites "forgotten".

The real Application, the in-process Bot API (whose message store holds every message as it now reads)
and a real SQLite file.
"""
from __future__ import annotations

import asyncio
import io
from datetime import timedelta
from pathlib import Path
from typing import Any


from handlers import outbox, privacy
from desk_fixtures import STAFF, STAFF_CHAT, desk, settings  # noqa: F401 - a staff chat, the JobQueue running
from test_followup import AGREE

USER = 1001
NAME, PHONE, QUESTION = "정하윤", "010-5836-2147", "스마트공장 구축 지원금 신청 서류가 궁금합니다"
FURTHER = "추가로 여쭙니다 제 이메일은 hayoon.jung@example.org 입니다"
SECRETS = (NAME, PHONE, "01058362147", QUESTION, "스마트공장 구축 지원금", "hayoon.jung@example.org")


async def deliver(bot: Any) -> None:
    """Outbox passes until nothing is left to send (what the job does every few seconds)."""
    for _ in range(10):
        await outbox.deliver_due(bot.app)
        if not bot.store.outbox.rows("pending"):
            return


def showing_the_person(bot: Any, chat_id: int = STAFF_CHAT) -> list[str]:
    """Every message in the chat, as it reads now, that still shows any of the person's details."""
    texts = [m.get("text") or "" for (chat, _), m in bot.api.messages.items() if chat == chat_id]
    return [t for t in texts if any(secret in t for secret in SECRETS)]


async def staff_command(bot: Any, command: str, args: str = "") -> list[dict]:
    return await bot.command(command, args, user_id=STAFF, chat_id=STAFF_CHAT, chat_type="supergroup")


async def everything_posted(bot: Any) -> dict:
    """A ticket left through the flow, answered, written to again, listed by /inbox and shown by /ticket:
    every kind of message the bot posts about a person in the staff chat."""
    await bot.say(QUESTION)
    await bot.command("/contact")
    await bot.press(AGREE)
    await bot.say(NAME)
    await bot.say(PHONE)
    await bot.say(QUESTION)
    await bot.press("fu:send")
    await deliver(bot)
    [ticket] = bot.store.tickets.of_user(USER)
    card = ticket["staff_card_message_id"]
    await bot.send(bot.updates.message("다음 달부터 신청하실 수 있습니다.", user_id=STAFF, chat_id=STAFF_CHAT,
                                       chat_type="supergroup", reply_to=card))
    await deliver(bot)
    [answer] = [s for s in bot.api.sent_to(USER) if "다음 달부터" in s["plain"]]
    await bot.say(FURTHER, reply_to=answer["message_id"])
    await deliver(bot)
    await staff_command(bot, "/inbox")
    await staff_command(bot, "/ticket", str(ticket["number"]))
    shown = showing_the_person(bot)
    assert len(shown) >= 4  # the card, the further message, the /inbox listing, the /ticket view
    return ticket


async def test_forget_leaves_nothing_about_the_person_in_the_staff_chat(desk):
    ticket = await everything_posted(desk)
    await desk.command("/forget")
    await desk.press("pv:forget:yes")
    await deliver(desk)
    assert showing_the_person(desk) == []
    card = desk.api.message(STAFF_CHAT, ticket["staff_card_message_id"])
    assert "삭제" in card["text"]
    # The /inbox listing says why it was cleared, and a reply to it answers nothing.
    assert any("/inbox" in (m.get("text") or "") and "지웠습니다" in (m.get("text") or "")
               for (chat, _), m in desk.api.messages.items() if chat == STAFF_CHAT)
    assert not desk.store.outbox.rows("pending")


async def test_the_retention_purge_leaves_nothing_about_the_person_in_the_staff_chat(desk, settings):
    ticket = await everything_posted(desk)
    real_clock = desk.store.clock
    desk.store.clock = lambda: real_clock() + timedelta(days=settings.retention_days + 1)
    [job] = desk.app.job_queue.get_jobs_by_name(privacy.JOB_NAME)
    await job.run(desk.app)  # what the JobQueue runs once a day
    await deliver(desk)
    assert showing_the_person(desk) == []
    purged = desk.store.tickets.get(ticket["number"])
    assert purged["deleted"] and purged["user_id"] is None
    assert "삭제" in desk.api.message(STAFF_CHAT, ticket["staff_card_message_id"])["text"]


async def test_the_purge_redraws_live_cards_that_list_questions_it_anonymised(desk, settings):
    """A ticket still within the retention period keeps its card, but not the old questions listed on it."""
    real_clock = desk.store.clock
    desk.store.clock = lambda: real_clock() - timedelta(days=settings.retention_days + 10)
    await desk.say(QUESTION)  # asked long ago
    desk.store.clock = real_clock
    await desk.say("무역사절단 신청 방법")
    await desk.command("/contact")
    await desk.press(AGREE)
    await desk.say(NAME)
    await desk.say(PHONE)
    await desk.say("수출 바우처 신청 기간이 궁금합니다")
    await desk.press("fu:send")
    await deliver(desk)
    [ticket] = desk.store.tickets.of_user(USER)
    assert QUESTION in desk.api.message(STAFF_CHAT, ticket["staff_card_message_id"])["text"]
    [job] = desk.app.job_queue.get_jobs_by_name(privacy.JOB_NAME)
    await job.run(desk.app)
    await deliver(desk)
    card = desk.api.message(STAFF_CHAT, ticket["staff_card_message_id"])["text"]
    assert QUESTION not in card and NAME in card and "무역사절단 신청 방법" in card


async def test_a_reply_to_an_inbox_listing_answers_no_ticket(desk):
    """The listing is noted against every ticket it names, but staff answer by replying to a card."""
    ticket = await everything_posted(desk)
    before = desk.store.tickets.get(ticket["number"])
    [listing] = [s for s in desk.api.sent_to(STAFF_CHAT) if s["plain"].startswith("처리할 문의")]
    await desk.send(desk.updates.message("이건 답변이 아닙니다", user_id=STAFF, chat_id=STAFF_CHAT,
                                         chat_type="supergroup", reply_to=listing["message_id"]))
    await deliver(desk)
    assert not any("이건 답변이 아닙니다" in s["plain"] for s in desk.api.sent_to(USER))
    after = desk.store.tickets.get(ticket["number"])
    assert len(after["messages"]) == len(before["messages"]) and after["status"] == before["status"]


async def test_forget_during_an_outbox_pass_posts_nothing_and_sent_never_overwrites_forgotten(desk):
    ticket = await everything_posted(desk)
    # Two more messages from the user, waiting in the outbox for the staff chat.
    [answer] = [s for s in desk.api.sent_to(USER) if "다음 달부터" in s["plain"]]
    await desk.app.job_queue.stop(wait=False)  # only the pass below sends
    for text in ("첫째 추가 질문 " + PHONE, "둘째 추가 질문 " + NAME):
        await desk.say(text, reply_to=answer["message_id"])
    pending = desk.store.outbox.rows("pending")
    assert any(PHONE in r["text"] for r in pending)
    desk.api.delay_next("sendMessage", 0.3)  # the first note is on its way when the person forgets
    passing = asyncio.ensure_future(outbox.deliver_due(desk.app))
    await asyncio.sleep(0.1)
    await desk.command("/forget")
    await desk.press("pv:forget:yes")
    await passing
    await deliver(desk)
    assert showing_the_person(desk) == []
    staff_texts = [s["plain"] for s in desk.api.sent_to(STAFF_CHAT) if s["method"] == "sendMessage"]
    assert not any("둘째 추가 질문" in t for t in staff_texts)  # never posted
    for row in desk.store.outbox.rows():
        if row["ticket"] == ticket["number"] and row["last_error"] == "forgotten":
            assert row["status"] != "sent" and row["text"] == ""


async def test_forget_blanks_stats_that_may_quote_the_persons_questions(desk):
    """/stats lists the week's frequent unanswered questions in people's own words."""
    unanswered = "블록체인 해커톤 참가비 환불 규정"
    for _ in range(3):
        await desk.say(unanswered)
    assert desk.store.privacy.unanswered_since(USER, desk.store.clock() - timedelta(days=1)) == 3
    await staff_command(desk, "/stats")
    [stats] = [s for s in desk.api.sent_to(STAFF_CHAT) if s["plain"].startswith("문의 통계")]
    assert unanswered in stats["plain"]
    await desk.command("/forget")
    await desk.press("pv:forget:yes")
    await deliver(desk)
    now = desk.api.message(STAFF_CHAT, stats["message_id"])["text"]
    assert "해커톤" not in now and "/stats" in now


async def test_forget_closes_the_persons_tickets_in_every_staff_view(desk, db_path):
    """After /forget (confirmed by typing 네) the ticket is closed, not only blanked: its card says so and
    keeps no buttons, /inbox no longer lists it, and the `enquiries` CLI shows it closed and deleted."""
    ticket = await everything_posted(desk)
    number = ticket["number"]
    assert f"#{number}" in (await staff_command(desk, "/inbox"))[-1]["plain"]
    await desk.command("/forget")
    await desk.say("네")
    await deliver(desk)
    closed = desk.store.tickets.get(number)
    assert (closed["status"], closed["deleted"], closed["closed_by"]) == ("closed", True, None)
    assert closed["closed_at"] == closed["deleted_at"]
    card = desk.api.message(STAFF_CHAT, closed["staff_card_message_id"])
    assert "🗑 삭제 · 종결" in card["text"] and not card.get("reply_markup")
    inbox = (await staff_command(desk, "/inbox"))[-1]["plain"]
    assert inbox.startswith("처리할 문의가 없습니다") and f"#{number}" not in inbox
    listing = enquiries(db_path, "list")
    [row] = [line for line in listing.splitlines() if "(deleted)" in line]
    assert row.split()[0] == str(number) and " closed " in row and not any(s in listing for s in SECRETS)
    assert enquiries(db_path, "list", "--status", "open").startswith("No open tickets")
    shown = enquiries(db_path, "show", str(number))
    assert "when its personal data was deleted" in shown and not any(s in shown for s in SECRETS)


def enquiries(db_path: Path, *args: str) -> str:
    """`python bot.py enquiries ARGS` on the bot's database, in process."""
    from bot import build_parser
    from review.cli import run_enquiries

    out = io.StringIO()
    assert run_enquiries(build_parser().parse_args(["enquiries", *args]), out=out, env={"BOT_DB": str(db_path)}) == 0
    return out.getvalue()


async def test_forget_redraws_the_reports_that_quote_the_person_and_a_new_one_leaves_them_out(desk):
    """/report's caption and chart list unanswered questions in people's own words: after /forget, the
    reports posted since the person's first such question are drawn again in place, without it."""
    unanswered = "블록체인 해커톤 참가비 환불 규정"
    for _ in range(2):
        await desk.say(unanswered)
    await staff_command(desk, "/report")
    await deliver(desk)
    [report] = [s for s in desk.api.sent_to(STAFF_CHAT) if s["method"] == "sendPhoto"]
    assert "해커톤" in report["plain"]
    chart = desk.api.message(STAFF_CHAT, report["message_id"])["photo"][0]["file_id"]
    await desk.command("/forget")
    await desk.press("pv:forget:yes")
    await deliver(desk)
    [redrawn] = [s for s in desk.api.sent_to(STAFF_CHAT) if s["method"] == "editMessageMedia"]
    assert redrawn["message_id"] == report["message_id"] and redrawn["content"].startswith(b"\x89PNG")
    now = desk.api.message(STAFF_CHAT, report["message_id"])
    assert "해커톤" not in now["caption"] and now["photo"][0]["file_id"] != chart
    await staff_command(desk, "/report")
    await deliver(desk)
    latest = [s for s in desk.api.sent_to(STAFF_CHAT) if s["method"] == "sendPhoto"][-1]
    assert latest["message_id"] != report["message_id"] and "해커톤" not in latest["plain"]
    assert all(row["text"] == "" and row["photo"] is None for row in desk.store.outbox.rows()
               if row["purpose"] in ("report", "report_edit"))  # no copy of either in the file

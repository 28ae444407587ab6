"""Telegram's length limit, counted as Telegram counts it (UTF-16 units after the HTML is parsed): cards and
notes about emoji-heavy messages still reach the staff chat, split or shortened, and staff are told.

The real Application and the in-process Bot API, which refuses "message is too long" exactly as Telegram.
"""
from __future__ import annotations

from typing import Any

from botapi.telegram_html import utf16_len
from store import outbox
from handlers.html_split import MESSAGE_LIMIT, visible_len
from desk_fixtures import desk, settings  # noqa: F401 - a staff chat, the JobQueue running
from test_staff_desk import STAFF, STAFF_CHAT, USER, deliver, posted_ticket, staff_says


def staff_messages(bot: Any) -> list[dict]:
    return [s for s in bot.api.sent_to(STAFF_CHAT) if s["method"] == "sendMessage"]


def nothing_failed(bot: Any) -> bool:
    return not bot.store.outbox.rows("failed") and not bot.store.outbox.rows("pending")


async def test_an_emoji_heavy_question_still_gets_its_card(desk):
    """1,500 emoji are 3,000 UTF-16 units: with the recent questions the card was over the limit."""
    for _ in range(5):
        await desk.say("🙏" * 150 + " 지원 사업")
    question = "😊" * 1995 + " 궁금합니다"
    ticket, card = await posted_ticket(desk, question=question)
    assert utf16_len(card["plain"]) <= MESSAGE_LIMIT and "😊😊😊" in card["plain"]
    assert "홍길동" in card["plain"] and nothing_failed(desk)


async def test_a_long_emoji_reply_from_the_user_reaches_staff_in_full(desk):
    ticket, card = await posted_ticket(desk)
    await staff_says(desk, "신청은 다음 달부터입니다.", reply_to=card["message_id"])
    [answer] = [s for s in await deliver(desk) if s["chat_id"] == USER]
    reply = "😊" * 2040 + "끝"  # 4,081 UTF-16 units: a message Telegram accepts from the user
    said = await desk.say(reply, reply_to=answer["message_id"])
    assert f"(문의 #{ticket['number']})" in said[-1]["plain"]  # acknowledged...
    before = len(staff_messages(desk))
    await deliver(desk)
    notes = staff_messages(desk)[before:]
    assert len(notes) == 2 and all(utf16_len(n["plain"]) <= MESSAGE_LIMIT for n in notes)
    # ...and delivered whole, in two parts, each replying to the card.
    assert "".join(n["plain"] for n in notes).count("😊") == 2040 and notes[-1]["plain"].endswith("끝")
    for note in notes:
        assert desk.api.message(STAFF_CHAT, note["message_id"])["reply_to_message"]["message_id"] == card["message_id"]
    assert nothing_failed(desk)


async def test_an_over_long_note_is_sent_in_parts_and_staff_are_told(desk):
    ticket, card = await posted_ticket(desk)
    text = "<b>긴 메모</b>\n" + "🌸 " * 1500  # 4,500 units
    desk.store.outbox.enqueue(STAFF_CHAT, text, purpose=outbox.USER_NOTE, ticket=ticket["number"])
    sent = await deliver(desk)
    parts = [s for s in sent if "🌸" in s["plain"]]
    assert len(parts) == 2 and sum(p["plain"].count("🌸") for p in parts) == 1500
    [told] = [s for s in sent if s["plain"].startswith("ℹ️")]
    assert f"문의 #{ticket['number']}" in told["plain"] and "나누어" in told["plain"]
    assert nothing_failed(desk)


async def test_an_over_long_edit_is_shortened_and_staff_are_told(desk):
    ticket, card = await posted_ticket(desk)
    desk.store.outbox.enqueue(STAFF_CHAT, "🌸" * 2100, purpose=outbox.CARD_EDIT, ticket=ticket["number"])
    sent = await deliver(desk)
    shown = desk.api.message(STAFF_CHAT, card["message_id"])
    assert shown["text"].startswith("🌸") and visible_len(shown["text"]) <= MESSAGE_LIMIT
    assert any(s["plain"].startswith("ℹ️") and "줄여" in s["plain"] for s in sent)
    assert nothing_failed(desk)


async def test_a_note_telegram_refuses_is_reported_to_staff(desk):
    ticket, card = await posted_ticket(desk)
    desk.store.outbox.enqueue(STAFF_CHAT, "<unknown>tag</unknown>", purpose=outbox.USER_NOTE, ticket=ticket["number"])
    sent = await deliver(desk)
    [told] = [s for s in sent if s["plain"].startswith("⚠️")]
    assert f"/ticket {ticket['number']}" in told["plain"]
    [failed] = desk.store.outbox.rows("failed")
    assert failed["purpose"] == outbox.USER_NOTE

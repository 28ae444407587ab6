"""The staff desk through the real Application and the in-process Bot API: cards, answers, commands, access.

Tickets are opened with store.create_ticket + notify_new_ticket, which is what the follow-up flow does
(one test goes through that flow itself); the outbox is delivered by running its job's callback.
"""
from __future__ import annotations

import sqlite3
import logging
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from telegram import Update
from telegram.ext import ApplicationHandlerStop, CommandHandler

from bot import set_commands
from handlers import outbox, staff
from settings import Settings
from store import EnquiryStore
from tests.conftest import button_data
from fakeclock import Clock
from desk_fixtures import STAFF, STAFF_CHAT

STAFF2 = 502         # a second staff member (STAFF is the first)
USER = 1001          # a person asking
STRANGER = 9009      # neither
T0 = datetime(2025, 11, 24, 1, 0, tzinfo=timezone.utc)  # 10:00 in Korea
COMMANDS = ("inbox", "ticket", "reply", "close", "reopen", "stats")


@pytest.fixture
def clock() -> Clock:
    return Clock(T0)


@pytest.fixture
def store(db_path: Path, clock: Clock):
    store = EnquiryStore(db_path, clock=clock)
    yield store
    store.close()


@pytest.fixture
def settings(db_path: Path) -> Settings:
    """The bot of these tests has a staff chat and two staff members."""
    return Settings(token=None, db_path=db_path, staff_chat_id=STAFF_CHAT, staff_user_ids=frozenset({STAFF, STAFF2}))


async def deliver(bot: Any) -> list[dict]:
    """Run the outbox job's callback once (what the JobQueue does every few seconds); what it sent."""
    before = len(bot.api.sent)
    [job] = bot.app.job_queue.get_jobs_by_name(outbox.JOB_NAME)
    await job.run(bot.app)
    return bot.api.sent[before:]


def open_ticket(bot: Any, question: str = "수소충전소 설치 보조금은 어디에 문의하나요?", *, name: str | None = "홍길동",
                contact: str | None = "010-1234-5678", anonymous: bool = False, user_id: int = USER,
                lang: str = "ko") -> dict:
    ticket = bot.store.tickets.create(user_id, user_id, name, contact, question, "v1", bot.store.clock(),
                                     anonymous, lang=lang)
    bot.services.staff_desk.post_card(ticket)
    return ticket


async def posted_ticket(bot: Any, **kwargs: Any) -> tuple[dict, dict]:
    """A ticket whose card is in the staff chat: (ticket, the card as sent)."""
    ticket = open_ticket(bot, **kwargs)
    await deliver(bot)
    ticket = bot.store.tickets.get(ticket["number"])
    [card] = [s for s in bot.api.sent_to(STAFF_CHAT)
              if s["method"] == "sendMessage" and s["message_id"] == ticket["staff_card_message_id"]]
    return ticket, card


def card_now(bot: Any, ticket: dict) -> dict:
    """The card message as it stands in the staff chat (after edits)."""
    return bot.api.message(STAFF_CHAT, bot.store.tickets.get(ticket["number"])["staff_card_message_id"])


async def staff_says(bot: Any, text: str, *, reply_to: int | None = None, user_id: int = STAFF) -> list[dict]:
    update = bot.updates.message(text, user_id=user_id, chat_id=STAFF_CHAT, chat_type="supergroup",
                                 reply_to=reply_to)
    return await bot.send(update)


async def staff_command(bot: Any, text: str, *, user_id: int = STAFF, chat_id: int = STAFF_CHAT) -> list[dict]:
    command, _, args = text.partition(" ")
    chat_type = "supergroup" if chat_id < 0 else "private"
    return await bot.command(command, args, user_id=user_id, chat_id=chat_id, chat_type=chat_type)


async def press_on_card(bot: Any, ticket: dict, action: str, *, user_id: int = STAFF) -> list[dict]:
    card_id = bot.store.tickets.get(ticket["number"])["staff_card_message_id"]
    return await bot.press(f"stf:{action}:{ticket['number']}", user_id=user_id, chat_id=STAFF_CHAT,
                           message_id=card_id)


# -- the card -------------------------------------------------------------------------------------------

async def test_a_new_ticket_is_posted_to_the_staff_chat_as_a_card(bot):
    await bot.say("청년 창업 지원 받을 수 있나요?")
    await bot.say("스마트공장 지원 자격")
    ticket = open_ticket(bot)
    assert bot.api.sent_to(STAFF_CHAT) == []  # written to the outbox, sent by the job
    sent = await deliver(bot)
    assert [s["chat_id"] for s in sent] == [STAFF_CHAT]
    card = sent[0]["plain"]
    for part in (f"문의 #{ticket['number']}", "홍길동", "010-1234-5678", "수소충전소 설치 보조금은 어디에 문의하나요?",
                 "봇의 추정", "수소충전소 구축", "최근 메시지", "청년 창업 지원 받을 수 있나요?", "스마트공장 지원 자격",
                 "담당자 없음", "이 카드에 답장하시면"):
        assert part in card, part
    # Recent messages oldest first, each with what the bot did about it.
    assert card.index("청년 창업 지원") < card.index("스마트공장 지원 자격")
    assert "→ 답변함" in card
    assert button_data(sent[0]) == [f"stf:claim:{ticket['number']}", f"stf:close:{ticket['number']}"]
    assert bot.store.tickets.get(ticket["number"])["staff_card_message_id"] == sent[0]["message_id"]


async def test_anonymous_tickets_and_html_in_what_people_typed(bot):
    ticket, card = await posted_ticket(bot, question="<b>굵게</b> & <script>는 어떻게?", name=None, contact=None,
                                       anonymous=True)
    assert "익명" in card["plain"] and "<b>굵게</b> & <script>는 어떻게?" in card["plain"]
    assert "&lt;b&gt;굵게&lt;/b&gt; &amp; &lt;script&gt;" in card["text"]
    named, card = await posted_ticket(bot, name="<i>김</i>&이", contact="a@b.kr")
    assert "<i>김</i>&이 · a@b.kr" in card["plain"]


async def test_a_very_long_question_still_fits_one_card(bot):
    ticket, card = await posted_ticket(bot, question="사업계획서 작성 요령 & 제출 서류 " * 400)
    assert len(card["plain"]) <= 4096 and "…" in card["plain"]
    assert bot.store.tickets.get(ticket["number"])["question"].startswith("사업계획서")  # the whole text is kept


async def test_no_staff_chat_no_card(bot, caplog):
    bot.services.settings = Settings(token=None, staff_user_ids=frozenset({STAFF}))
    with caplog.at_level(logging.WARNING):
        open_ticket(bot)
    assert await deliver(bot) == [] and bot.store.outbox.rows() == []
    assert "STAFF_CHAT_ID is not set" in caplog.text and "홍길동" not in caplog.text


# -- claim and close ------------------------------------------------------------------------------------

async def test_claim_close_and_reopen_edit_the_card_in_place(bot):
    ticket, card = await posted_ticket(bot)
    number = ticket["number"]
    await press_on_card(bot, ticket, "claim")
    assert bot.api.answers[-1]["text"] == f"문의 #{number}를 담당하셨습니다."
    edits = await deliver(bot)
    assert [(e["method"], e["message_id"]) for e in edits] == [("editMessageText", card["message_id"])]
    assert "Tester 님 담당" in card_now(bot, ticket)["text"]
    assert button_data(card_now(bot, ticket)) == [f"stf:close:{number}"]  # no 🙋 담당하기 once claimed
    assert bot.store.tickets.get(number)["status"] == "claimed" and bot.store.tickets.get(number)["claimed_by"] == STAFF

    await press_on_card(bot, ticket, "close", user_id=STAFF2)
    await deliver(bot)
    shown = card_now(bot, ticket)
    assert "완료" in shown["text"] and "답장하시면" not in shown["text"]
    assert button_data(shown) == [f"stf:reopen:{number}"]
    assert bot.store.tickets.get(number)["status"] == "closed" and bot.store.tickets.get(number)["closed_by"] == STAFF2

    await press_on_card(bot, ticket, "reopen")
    await deliver(bot)
    assert "Tester 님 담당" in card_now(bot, ticket)["text"]
    assert button_data(card_now(bot, ticket)) == [f"stf:close:{number}"]
    assert bot.store.tickets.get(number)["status"] == "claimed"
    # Every card message in the staff chat is the same one, edited: no second card was posted.
    assert [s["method"] for s in bot.api.sent_to(STAFF_CHAT)] == ["sendMessage"] + ["editMessageText"] * 3


async def test_a_claim_before_the_card_was_sent_is_shown_once_it_is(bot, clock):
    bot.api.fail_next("sendMessage", 502, "Bad Gateway")
    ticket = open_ticket(bot)
    assert await deliver(bot) == []
    bot.services.staff_desk.user_wrote(ticket, "추가로 여쭙니다")
    bot.store.tickets.claim(ticket["number"], STAFF, "김담당")
    bot.services.staff_desk.refresh_cards([ticket["number"]])
    assert await deliver(bot) == []  # all wait behind the card: one chat's messages keep their order
    clock.advance(seconds=3)
    sent = await deliver(bot)
    # The card, the note (a reply to it), then the card's edit; the second edit would change nothing.
    assert [s["method"] for s in sent] == ["sendMessage", "sendMessage", "editMessageText"]
    card_id = sent[0]["message_id"]
    assert sent[2]["message_id"] == card_id
    assert all(row["status"] == "sent" for row in bot.store.outbox.rows())
    note = bot.api.message(STAFF_CHAT, sent[1]["message_id"])
    assert note["reply_to_message"]["message_id"] == card_id and "추가로 여쭙니다" in note["text"]
    assert "김담당 님 담당" in card_now(bot, ticket)["text"]


# -- answering ------------------------------------------------------------------------------------------

async def test_a_reply_to_the_card_is_delivered_to_the_user_and_recorded(bot, clock):
    ticket, card = await posted_ticket(bot)
    number = ticket["number"]
    clock.advance(minutes=42)
    said = await staff_says(bot, "안녕하세요. 수소충전소 보조금은\n에너지산업팀(055-000-0000)에서 안내합니다.",
                            reply_to=card["message_id"])
    assert f"문의 #{number} 답변을 기록했고" in said[-1]["plain"]
    assert bot.api.sent_to(USER) == []  # the outbox delivers it
    sent = await deliver(bot)
    [answer] = [s for s in sent if s["chat_id"] == USER]
    assert "담당자 답변" in answer["plain"] and f"문의 #{number}" in answer["plain"]
    assert "수소충전소 보조금은\n에너지산업팀(055-000-0000)에서 안내합니다." in answer["plain"]
    assert button_data(answer) == [f"stu:more:{number}"]
    stored = bot.store.tickets.get(number)
    assert stored["status"] == "answered" and stored["answered_by"] == STAFF
    assert stored["answered_at"] == (T0 + timedelta(minutes=42)).isoformat(timespec="milliseconds")
    assert stored["messages"][-1]["who"] == "staff" and stored["messages"][-1]["staff_name"] == "Tester"
    shown = card_now(bot, ticket)["text"]
    assert "답변 완료" in shown and "Tester 님 담당" in shown
    # The staff member's reply is desk work, not an enquiry: the log holds the user's questions only.
    assert bot.store.enquiries.recent(STAFF) == []


async def test_reply_command_answers_from_anywhere_keeping_line_breaks(bot):
    ticket, _ = await posted_ticket(bot)
    said = await staff_command(bot, f"/reply {ticket['number']} 첫 줄입니다.\n둘째 줄 <b>그대로</b> & 끝",
                               chat_id=STAFF2, user_id=STAFF2)  # in a staff member's private chat
    assert f"문의 #{ticket['number']} 답변을 기록했고" in said[-1]["plain"]
    [answer] = [s for s in await deliver(bot) if s["chat_id"] == USER]
    assert "첫 줄입니다.\n둘째 줄 <b>그대로</b> & 끝" in answer["plain"]
    assert bot.store.tickets.get(ticket["number"])["answered_by"] == STAFF2


async def test_a_reply_to_a_later_message_about_the_ticket_also_answers_it(bot):
    ticket, card = await posted_ticket(bot)
    said = await staff_says(bot, "먼저 확인해 보겠습니다.", reply_to=card["message_id"])
    await deliver(bot)
    # Replying to the bot's confirmation (not the card) continues the same ticket.
    await staff_says(bot, "확인했습니다. 신청 가능합니다.", reply_to=said[-1]["message_id"])
    await deliver(bot)
    answers = [s["plain"] for s in bot.api.sent_to(USER)]
    assert len(answers) == 2 and "신청 가능합니다" in answers[1]
    assert [m["who"] for m in bot.store.tickets.get(ticket["number"])["messages"]] == ["user", "staff", "staff"]
    # A /ticket view is about the ticket too.
    view = await staff_command(bot, f"/ticket {ticket['number']}")
    await staff_says(bot, "세 번째 답변", reply_to=view[-1]["message_id"])
    assert bot.store.tickets.get(ticket["number"])["messages"][-1]["text"] == "세 번째 답변"


async def test_a_very_long_answer_is_delivered_in_parts(bot):
    ticket, _ = await posted_ticket(bot)
    await staff_command(bot, f"/reply {ticket['number']} " + "자세히 안내드리겠습니다. " * 330)
    parts = [s for s in await deliver(bot) if s["chat_id"] == USER]
    assert len(parts) == 2 and all(len(p["plain"]) <= 4096 for p in parts)
    assert button_data(parts[0]) == [] and button_data(parts[-1]) == [f"stu:more:{ticket['number']}"]


async def test_edits_and_photos_in_reply_to_a_card_are_not_delivered(bot):
    ticket, card = await posted_ticket(bot)
    chat = {"id": STAFF_CHAT, "type": "supergroup", "title": "Staff"}
    person = {"id": STAFF, "is_bot": False, "first_name": "Tester", "language_code": "ko"}
    photo = {"message_id": bot.api.new_message_id(STAFF_CHAT), "date": 1, "chat": chat, "from": person,
             "photo": [{"file_id": "p1", "file_unique_id": "u1", "width": 90, "height": 60}],
             "reply_to_message": bot.api.message(STAFF_CHAT, card["message_id"])}
    said = await bot.send(Update.de_json({"update_id": bot.api.next_update_id(), "message": photo}, bot.app.bot))
    assert "글로 된 답변만" in said[-1]["plain"]

    draft = bot.updates.message("답변 초안", user_id=STAFF, chat_id=STAFF_CHAT, chat_type="supergroup",
                                reply_to=card["message_id"])
    await bot.send(draft)
    edit = {**bot.api.message(STAFF_CHAT, draft.message.message_id), "text": "고친 답변", "edit_date": 2}
    said = await bot.send(Update.de_json({"update_id": bot.api.next_update_id(), "edited_message": edit},
                                         bot.app.bot))
    assert "다시 전달되지 않습니다" in said[-1]["plain"]
    assert [m["text"] for m in bot.store.tickets.get(ticket["number"])["messages"]][1:] == ["답변 초안"]
    # A photo in the staff chat that replies to nothing is not the desk's business.
    assert await bot.send(bot.updates.photo(user_id=STAFF, chat_id=STAFF_CHAT)) == []


# -- the user's side ------------------------------------------------------------------------------------

async def test_the_user_replies_to_the_answer_and_it_reaches_the_same_ticket(bot):
    ticket, card = await posted_ticket(bot)
    await staff_says(bot, "신청은 다음 달부터입니다.", reply_to=card["message_id"])
    [answer] = [s for s in await deliver(bot) if s["chat_id"] == USER]
    said = await bot.say("서류는 무엇이 필요한가요?", reply_to=answer["message_id"])
    assert f"담당자에게 전달했습니다 (문의 #{ticket['number']})" in said[-1]["plain"]
    stored = bot.store.tickets.get(ticket["number"])
    assert stored["status"] == "claimed"  # back in the inbox, with the staff member who answered
    assert stored["messages"][-1] == {**stored["messages"][-1], "who": "user", "text": "서류는 무엇이 필요한가요?"}
    sent = await deliver(bot)
    [note] = [s for s in sent if s["method"] == "sendMessage"]
    assert note["chat_id"] == STAFF_CHAT and "서류는 무엇이 필요한가요?" in note["plain"]
    assert bot.api.message(STAFF_CHAT, note["message_id"])["reply_to_message"]["message_id"] == card["message_id"]
    assert "답변 전" in card_now(bot, ticket)["text"]
    # Staff answer the note by replying to it.
    await staff_says(bot, "사업계획서 한 부면 됩니다.", reply_to=note["message_id"])
    await deliver(bot)
    assert "사업계획서 한 부면 됩니다." in bot.api.sent_to(USER)[-1]["plain"]


async def test_the_write_back_button_asks_for_a_reply(bot):
    ticket, card = await posted_ticket(bot)
    await staff_says(bot, "답변드립니다.", reply_to=card["message_id"])
    await deliver(bot)
    prompt = await bot.press(f"stu:more:{ticket['number']}")
    assert "답장으로 적어 주세요" in prompt[-1]["plain"]
    assert bot.api.calls_of("sendMessage")[-1]["reply_markup"]["force_reply"] is True
    said = await bot.say("하나 더 여쭙겠습니다.", reply_to=prompt[-1]["message_id"])
    assert "담당자에게 전달했습니다" in said[-1]["plain"]
    assert bot.store.tickets.get(ticket["number"])["messages"][-1]["text"] == "하나 더 여쭙겠습니다."
    # Someone else's ticket: the button does nothing for them.
    await bot.press(f"stu:more:{ticket['number']}", user_id=STRANGER, chat_id=USER)
    assert bot.api.answers[-1]["show_alert"] is True


async def test_other_replies_and_plain_messages_still_go_to_the_question_answerer(bot):
    ticket, card = await posted_ticket(bot)
    await staff_says(bot, "답변드립니다.", reply_to=card["message_id"])
    await deliver(bot)
    first = await bot.say("청년 창업 지원 받을 수 있나요?")
    said = await bot.say("스마트공장 자격요건", reply_to=first[-1]["message_id"])
    assert "담당자에게 전달했습니다" not in said[-1]["plain"]
    said = await bot.say("스마트공장 자격요건")
    assert "담당자에게 전달했습니다" not in said[-1]["plain"]
    assert len(bot.store.tickets.get(ticket["number"])["messages"]) == 2


# -- staff commands -------------------------------------------------------------------------------------

async def test_inbox_lists_open_and_claimed_tickets_oldest_first(bot, clock):
    assert "처리할 문의가 없습니다" in (await staff_command(bot, "/inbox"))[-1]["plain"]
    first, _ = await posted_ticket(bot, question="첫 번째 질문")
    clock.advance(hours=3)
    second, _ = await posted_ticket(bot, question="두 번째 질문", name=None, contact=None, anonymous=True)
    clock.advance(hours=1)
    answered, card = await posted_ticket(bot, question="답변한 질문")
    await staff_says(bot, "답변", reply_to=card["message_id"])
    closed, _ = await posted_ticket(bot, question="끝난 질문")
    await staff_command(bot, f"/close {closed['number']}")
    await press_on_card(bot, second, "claim", user_id=STAFF2)
    clock.advance(minutes=5)
    text = (await staff_command(bot, "/inbox"))[-1]["plain"]
    assert "처리할 문의 2건" in text
    assert text.index("첫 번째 질문") < text.index("두 번째 질문")
    assert "답변한 질문" not in text and "끝난 질문" not in text
    assert f"#{first['number']} 🟢 접수 · 홍길동 · 첫 번째 질문 (4시간 전)" in text
    assert f"#{second['number']} 🟡 Tester · 익명 · 두 번째 질문 (1시간 전)" in text


async def test_ticket_shows_the_card_with_the_thread(bot):
    ticket, card = await posted_ticket(bot)
    await staff_says(bot, "확인 중입니다.", reply_to=card["message_id"])
    await deliver(bot)
    answer = bot.api.sent_to(USER)[-1]
    await bot.say("감사합니다. 언제쯤 될까요?", reply_to=answer["message_id"])
    view = (await staff_command(bot, f"/ticket {ticket['number']}"))[-1]
    for part in ("홍길동", "주고받은 메시지", "🧑‍💼 Tester: 확인 중입니다.", "👤 감사합니다. 언제쯤 될까요?"):
        assert part in view["plain"], part
    # Answered, then written to again: the person who answered has it; no 🙋 담당하기 on the view.
    assert button_data(view) == [f"stf:close:{ticket['number']}"]
    # Pressing a button on the view changes the ticket, the card and the view itself.
    await bot.press(f"stf:close:{ticket['number']}", user_id=STAFF, chat_id=STAFF_CHAT,
                    message_id=view["message_id"])
    assert "완료" in bot.api.message(STAFF_CHAT, view["message_id"])["text"]
    await deliver(bot)
    assert "완료" in card_now(bot, ticket)["text"]
    assert "문의 #999를 찾을 수 없습니다" in (await staff_command(bot, "/ticket 999"))[-1]["plain"]
    assert "사용법: /ticket 번호" in (await staff_command(bot, "/ticket"))[-1]["plain"]
    assert "사용법: /ticket 번호" in (await staff_command(bot, "/ticket abc"))[-1]["plain"]


async def test_close_and_reopen_commands(bot):
    ticket, _ = await posted_ticket(bot)
    number = ticket["number"]
    assert f"문의 #{number}를 완료 처리했습니다." in (await staff_command(bot, f"/close {number}"))[-1]["plain"]
    assert bot.store.tickets.get(number)["status"] == "closed"
    assert f"문의 #{number}를 다시 열었습니다." in (await staff_command(bot, f"/reopen #{number}"))[-1]["plain"]
    assert bot.store.tickets.get(number)["status"] == "open"
    await deliver(bot)
    assert "담당자 없음" in card_now(bot, ticket)["text"]
    assert "사용법: /close 번호" in (await staff_command(bot, "/close"))[-1]["plain"]
    assert "사용법: /reply 번호 답변 내용" in (await staff_command(bot, f"/reply {number}"))[-1]["plain"]
    assert "문의 #77를 찾을 수 없습니다" in (await staff_command(bot, "/reply 77 답변"))[-1]["plain"]
    english = await bot.command("/close", str(number), user_id=STAFF, chat_id=STAFF, lang="en")
    assert english[-1]["plain"] == f"Ticket #{number} is closed."


async def test_stats_today_and_the_last_seven_days(bot, clock):
    await bot.say("청년 창업 지원 받을 수 있나요?")       # answered by the bot
    await bot.say("주차장 요금 할인 되나요?")            # not answered
    await bot.say("주차 요금 할인되나요")
    ticket, card = await posted_ticket(bot)
    clock.advance(minutes=90)
    await staff_says(bot, "답변드립니다.", reply_to=card["message_id"])
    open_ticket(bot, question="두 번째")
    clock.advance(seconds=1)  # the store's times have millisecond precision: "now" is just after them
    text = (await staff_command(bot, "/stats"))[-1]["plain"]
    for part in ("오늘", "최근 7일", "질문 3건, 챗봇이 답변 1건 (33%)", "담당자 문의 2건, 아직 처리 중 1건",
                 "첫 답변까지 걸린 시간 (중앙값): 1시간 30분", "지금 처리할 문의: 1건", "답하지 못한 질문",
                 "(2회)"):
        assert part in text, part
    english = (await bot.command("/stats", user_id=STAFF, chat_id=STAFF, lang="en"))[-1]["plain"]
    assert "Questions: 3, answered by the bot: 1 (33%)" in english


# -- access ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("chat_id", [STRANGER, STAFF_CHAT])
async def test_every_staff_command_and_button_is_refused_to_anyone_else(bot, chat_id):
    ticket, card = await posted_ticket(bot)
    before = bot.store.tickets.get(ticket["number"])
    for text in ("/inbox", f"/ticket {ticket['number']}", f"/reply {ticket['number']} 가짜 답변",
                 f"/close {ticket['number']}", f"/reopen {ticket['number']}", "/stats"):
        said = await staff_command(bot, text, user_id=STRANGER, chat_id=chat_id)
        assert len(said) == 1 and "담당자만 사용하실 수 있습니다" in said[0]["plain"], text
    for action in ("claim", "close", "reopen"):
        said = await bot.press(f"stf:{action}:{ticket['number']}", user_id=STRANGER, chat_id=STAFF_CHAT,
                               message_id=card["message_id"])
        assert said == [] and bot.api.answers[-1] == {**bot.api.answers[-1], "show_alert": True,
                                                       "text": "담당자만 사용할 수 있는 버튼입니다."}
    if chat_id == STAFF_CHAT:  # a member of the staff group who is not staff replies to the card
        said = await staff_says(bot, "제가 답해도 되나요?", reply_to=card["message_id"], user_id=STRANGER)
        assert "담당자만" in said[-1]["plain"]
    assert bot.store.tickets.get(ticket["number"]) == before
    assert await deliver(bot) == [] and bot.api.sent_to(USER) == []
    assert bot.store.enquiries.recent(STRANGER) == []  # refused before anything else saw it


async def test_staff_commands_addressed_to_this_bot_in_the_group(bot):
    await posted_ticket(bot)
    said = await bot.send(bot.updates.message("/inbox@agency_demo_bot", user_id=STAFF, chat_id=STAFF_CHAT,
                                              chat_type="supergroup",
                                              entities=[{"type": "bot_command", "offset": 0, "length": 22}]))
    assert "처리할 문의 1건" in said[-1]["plain"]
    said = await bot.send(bot.updates.message("/inbox@other_bot", user_id=STRANGER, chat_id=STAFF_CHAT,
                                              chat_type="supergroup",
                                              entities=[{"type": "bot_command", "offset": 0, "length": 16}]))
    assert said == []  # another bot's command: neither answered nor refused


async def test_no_staff_configured_means_nobody_is_staff(bot):
    bot.services.settings = Settings(token=None, staff_chat_id=STAFF_CHAT)
    said = await staff_command(bot, "/inbox")
    assert "담당자만" in said[-1]["plain"]


# -- help and the command menu --------------------------------------------------------------------------

async def test_staff_commands_are_listed_to_staff_only(bot):
    registered = {c for handlers in bot.app.handlers.values() for h in handlers if isinstance(h, CommandHandler)
                  for c in h.commands}
    assert set(COMMANDS) <= registered
    for lang in ("ko", "en"):
        text = (await bot.command("/help", user_id=STAFF, chat_id=STAFF, lang=lang))[-1]["plain"]
        for command in COMMANDS:
            assert f"/{command} — " in text, (lang, command)
        public = (await bot.command("/help", lang=lang))[-1]["plain"]
        assert not any(f"/{command} — " in public for command in COMMANDS)


async def test_the_staff_chat_menu_has_the_staff_commands_and_the_public_menu_not(bot):
    await set_commands(bot.app)
    scoped = {key: [c["command"] for c in cmds] for key, cmds in bot.api.commands.items()}
    public = [v for (scope, _), v in scoped.items() if '"default"' in scope]
    staff_menus = [v for (scope, _), v in scoped.items() if str(STAFF_CHAT) in scope]
    assert len(public) == 3 and len(staff_menus) == 3
    assert all(not set(COMMANDS) & set(menu) for menu in public)
    assert all(set(COMMANDS) <= set(menu) and set(public[0]) <= set(menu) for menu in staff_menus)


# -- after /forget --------------------------------------------------------------------------------------

async def test_refresh_cards_after_forget_removes_personal_data_from_the_card(bot):
    ticket, card = await posted_ticket(bot)
    forgotten = bot.store.privacy.forget_user(USER)
    bot.services.staff_desk.refresh_cards(forgotten["tickets"])
    await deliver(bot)
    shown = card_now(bot, ticket)["text"]
    assert "홍길동" not in shown and "010" not in shown and "수소충전소" not in shown and "삭제" in shown
    said = await staff_says(bot, "답변", reply_to=card["message_id"])
    assert "삭제되어 처리할 수 없습니다" in said[-1]["plain"]
    await press_on_card(bot, ticket, "claim")
    assert "삭제" in bot.api.answers[-1]["text"]


# -- through the follow-up flow -------------------------------------------------------------------------

async def leave_ticket_through_the_flow(bot: Any, *, agree: bool = True) -> dict:
    """What a person does: ask, /contact, consent (or not), name, phone, question, send."""
    from handlers.consent import load_consent

    await bot.say("수소 충전소 부지 임대료는 얼마인가요")
    await bot.command("/contact")
    if agree:
        await bot.press(f"fu:agree:{load_consent().version}")
        await bot.say("김민지")
        await bot.say("010 2468 1357")
        await bot.say("수소충전소 부지를 임대할 수 있는 조건이 궁금합니다")
    else:
        await bot.press("fu:refuse")
        await bot.press("fu:other")
        await bot.say("부지 임대 조건을 알고 싶습니다")
    await bot.press("fu:send")
    return bot.store.tickets.of_user(USER)[0]


async def test_the_whole_way_from_a_question_to_an_answer_and_back(bot):
    ticket = await leave_ticket_through_the_flow(bot)
    await deliver(bot)
    card = card_now(bot, ticket)
    for part in ("김민지", "010-2468-1357", "수소충전소 부지를 임대할 수 있는 조건이 궁금합니다", "봇의 추정",
                 "수소 충전소 부지 임대료는 얼마인가요"):
        assert part in card["text"], part
    assert "김민지" not in card["text"].split("최근 메시지")[-1]  # what was typed into the flow is not "recent"

    await press_on_card(bot, ticket, "claim")
    await staff_says(bot, "임대 조건은 공고문 3쪽에 있습니다.", reply_to=card["message_id"])
    await deliver(bot)
    answer = bot.api.sent_to(USER)[-1]
    assert "임대 조건은 공고문 3쪽에 있습니다." in answer["plain"]
    said = await bot.say("감사합니다. 신청서는 어디서 받나요?", reply_to=answer["message_id"])
    assert "담당자에게 전달했습니다" in said[-1]["plain"]
    await deliver(bot)
    assert "신청서는 어디서 받나요?" in bot.api.sent_to(STAFF_CHAT)[-2]["plain"]  # the note, then the card's edit
    mine = await bot.command("/mytickets")
    assert f"{ticket['number']}" in mine[-1]["plain"]

    # /forget: the card, the user's note and a /ticket view in the staff chat lose the personal data.
    view = await staff_command(bot, f"/ticket {ticket['number']}")
    await bot.command("/forget")
    await bot.press("pv:forget:yes")
    await deliver(bot)
    staff_chat = [m for (chat, _), m in bot.api.messages.items() if chat == STAFF_CHAT
                  and m["from"]["id"] == bot.api.bot_user["id"]]
    for secret in ("김민지", "2468", "임대할 수 있는 조건", "신청서는 어디서"):
        assert not any(secret in (m.get("text") or "") for m in staff_chat), secret
    assert "삭제" in bot.api.message(STAFF_CHAT, view[-1]["message_id"])["text"]


async def test_an_anonymous_question_through_the_flow_is_answered_in_the_chat(bot):
    ticket = await leave_ticket_through_the_flow(bot, agree=False)
    await deliver(bot)
    card = card_now(bot, ticket)
    assert "익명" in card["text"] and "부지 임대 조건을 알고 싶습니다" in card["text"]
    await staff_command(bot, f"/reply {ticket['number']} 이 대화방으로 안내드립니다.")
    await deliver(bot)
    assert "이 대화방으로 안내드립니다." in bot.api.sent_to(USER)[-1]["plain"]


# -- access when Telegram fails -------------------------------------------------------------------------

TOO_OLD = "Bad Request: query is too old and response timeout expired or query id is invalid"


@pytest.mark.parametrize("status, description", [(400, TOO_OLD), (502, "Bad Gateway"), (403, "")])
async def test_a_refusal_that_cannot_be_sent_still_stops_the_stranger(bot, status, description):
    """The gate's pop-up fails (a late press, Telegram down): the press must still go no further."""
    ticket, card = await posted_ticket(bot)
    before = bot.store.tickets.get(ticket["number"])
    for action in ("claim", "close"):
        bot.api.fail_next("answerCallbackQuery", status, description)
        await bot.press(f"stf:{action}:{ticket['number']}", user_id=STRANGER, chat_id=STAFF_CHAT,
                        message_id=card["message_id"])
    bot.api.fail_next("sendMessage", status, description)
    await staff_command(bot, f"/close {ticket['number']}", user_id=STRANGER, chat_id=STRANGER)
    assert bot.store.tickets.get(ticket["number"]) == before
    assert await deliver(bot) == []
    assert bot.store.enquiries.recent(STRANGER) == []


async def test_the_staff_button_itself_checks_who_pressed_it(bot):
    """Defence in depth: even called directly (the gate bypassed), a stranger's press changes nothing."""
    ticket, card = await posted_ticket(bot)
    before = bot.store.tickets.get(ticket["number"])
    update = bot.updates.callback(f"stf:close:{ticket['number']}", user_id=STRANGER, chat_id=STAFF_CHAT,
                                  message_id=card["message_id"])
    [handler] = [h for h in bot.app.handlers[staff.STAFF_GROUP]
                 if getattr(getattr(h, "callback", None), "__wrapped__", None) is staff.staff_button]
    with pytest.raises(ApplicationHandlerStop):
        await handler.handle_update(update, bot.app, handler.check_update(update),
                                    bot.app.context_types.context.from_update(update, bot.app))
    assert bot.store.tickets.get(ticket["number"]) == before
    assert bot.api.answers[-1]["show_alert"] is True


# -- where staff commands work --------------------------------------------------------------------------

OTHER_GROUP = -100777


@pytest.mark.parametrize("text", ["/inbox", "/ticket {n}", "/reply {n} 그룹에서 보낸 답변", "/close {n}", "/stats"])
async def test_staff_commands_in_another_group_point_to_the_staff_chat(bot, text):
    """A staff member in an ordinary group: no names or phone numbers there, and nothing is done."""
    ticket, _ = await posted_ticket(bot)
    before = bot.store.tickets.get(ticket["number"])
    said = await staff_command(bot, text.format(n=ticket["number"]), chat_id=OTHER_GROUP)
    assert len(said) == 1 and said[0]["chat_id"] == OTHER_GROUP
    assert "담당자 대화방" in said[0]["plain"]
    assert "홍길동" not in said[0]["plain"] and "010" not in said[0]["plain"]
    assert bot.store.tickets.get(ticket["number"]) == before
    assert await deliver(bot) == [] and bot.store.enquiries.recent(STAFF) == []


async def test_staff_commands_work_in_the_staff_chat_and_in_private(bot):
    ticket, _ = await posted_ticket(bot)
    for chat_id in (STAFF_CHAT, STAFF):
        said = await staff_command(bot, f"/ticket {ticket['number']}", chat_id=chat_id)
        assert "홍길동" in said[-1]["plain"] and said[-1]["chat_id"] == chat_id


# -- edited commands ------------------------------------------------------------------------------------

async def edit(bot: Any, chat_id: int, message_id: int, text: str) -> list[dict]:
    """The person edits a message they sent (a command keeps its bot_command entity, as in Telegram)."""
    edited = {**bot.api.message(chat_id, message_id), "text": text, "edit_date": 2}
    return await bot.send(Update.de_json({"update_id": bot.api.next_update_id(), "edited_message": edited},
                                         bot.app.bot))


@pytest.mark.parametrize("chat_id", [STAFF_CHAT, STAFF])
async def test_an_edited_reply_command_is_not_sent_again(bot, chat_id):
    ticket, _ = await posted_ticket(bot)
    update = bot.updates.command("/reply", f"{ticket['number']} 첫 답변입니다", user_id=STAFF, chat_id=chat_id,
                                 chat_type="supergroup" if chat_id < 0 else "private")
    await bot.send(update)
    said = await edit(bot, chat_id, update.message.message_id, f"/reply {ticket['number']} 고친 답변입니다")
    assert len(said) == 1 and "다시 전달되지 않습니다" in said[0]["plain"]
    answers = [s["plain"] for s in await deliver(bot) if s["chat_id"] == USER]
    assert len(answers) == 1 and "첫 답변입니다" in answers[0]
    assert [m["text"] for m in bot.store.tickets.get(ticket["number"])["messages"] if m["who"] == "staff"] == ["첫 답변입니다"]
    assert bot.store.enquiries.recent(STAFF) == []


async def test_other_edited_staff_commands_do_nothing(bot):
    ticket, _ = await posted_ticket(bot)
    update = bot.updates.command("/close", str(ticket["number"]), user_id=STAFF, chat_id=STAFF_CHAT,
                                 chat_type="supergroup")
    await bot.send(update)
    await staff_command(bot, f"/reopen {ticket['number']}")
    assert await edit(bot, STAFF_CHAT, update.message.message_id, f"/close {ticket['number']} ") == []
    assert bot.store.tickets.get(ticket["number"])["status"] == "open"
    assert bot.store.enquiries.recent(STAFF) == []


async def test_a_staff_press_too_old_to_answer_still_claims_the_ticket(bot):
    ticket, _ = await posted_ticket(bot)
    bot.api.fail_next("answerCallbackQuery", 400, TOO_OLD)
    await press_on_card(bot, ticket, "claim")
    assert bot.store.tickets.get(ticket["number"])["status"] == "claimed"
    assert not any("문제가 생겼습니다" in (s["plain"] or "") for s in bot.api.sent)
    assert not any("문제가 생겼습니다" in (a["text"] or "") for a in bot.api.answers)


# -- the staff chat is not an enquiry channel -----------------------------------------------------------

async def test_staff_talking_in_the_staff_chat_is_neither_answered_nor_logged(bot):
    await posted_ticket(bot)
    inbox = (await staff_command(bot, "/inbox"))[-1]
    stats = (await staff_command(bot, "/stats"))[-1]
    # Replies to bot messages that are not about a ticket, and a mention with a question.
    assert await staff_says(bot, "무역사절단 신청 방법", reply_to=inbox["message_id"]) == []
    assert await staff_says(bot, "이 수치 맞나요?", reply_to=stats["message_id"], user_id=STAFF2) == []
    mention = bot.updates.message("@agency_demo_bot 무역사절단 신청 방법", user_id=STAFF, chat_id=STAFF_CHAT,
                                  chat_type="supergroup", entities=[{"type": "mention", "offset": 0, "length": 16}])
    assert await bot.send(mention) == []
    # Public commands still work for staff there (/help lists the staff commands), unlogged.
    assert "/reply — " in (await staff_command(bot, "/help"))[-1]["plain"]
    assert bot.store.enquiries.recent(STAFF) == [] and bot.store.enquiries.recent(STAFF2) == []


async def test_a_staff_command_that_fails_goes_no_further(bot):
    """A failing staff command is answered with the apology and stops there: not logged as an enquiry
    under the staff member's id, not answered as an unknown command."""
    other = sqlite3.connect(bot.store.path)
    other.execute("ALTER TABLE tickets RENAME TO tickets_away")  # /inbox now fails inside the store
    other.commit()
    try:
        sent = await staff_command(bot, "/inbox", chat_id=STAFF)
    finally:
        other.execute("ALTER TABLE tickets_away RENAME TO tickets")
        other.commit()
        other.close()
    assert len(sent) == 1 and "/help" not in sent[0]["text"]  # the apology, not "no such command"
    assert bot.store.enquiries.recent(STAFF, limit=5) == []

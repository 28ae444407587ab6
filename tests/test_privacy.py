"""The privacy desk end to end: /mydata, /forget down to the bytes of the database file, the daily purge."""
from __future__ import annotations

import logging
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from conftest import BotHarness, button_data, buttons
from desk_fixtures import STAFF_CHAT, desk, settings  # noqa: F401 - a staff chat, its JobQueue
from handlers import followup, outbox, privacy
from store.database import KST
from test_followup import AGREE, CONSENT, USER, draft, state, to_user

OTHER = 2002
NAME, PHONE, EMAIL = "박서연", "010-3141-5926", "seoyeon.park@example.org"
QUESTION = "방산 부품 전시회 참가비 지원 한도가 궁금합니다"
OTHER_NAME = "최도윤"
# Every spelling of this user's personal data that could be left in a file.
SECRETS = [NAME, PHONE, PHONE.replace("-", ""), EMAIL, QUESTION, "연락 주세요 01031415926"]


async def leave_ticket(bot: BotHarness, name: str, contact: str, question: str, user: int = USER) -> dict:
    await bot.command("/contact", user_id=user)
    await bot.press(AGREE, user_id=user)
    await bot.say(name, user_id=user)
    await bot.say(contact, user_id=user)
    await bot.say(question, user_id=user)
    await bot.press("fu:send", user_id=user)
    return bot.store.tickets.of_user(user)[0]


def file_bytes(path: Path) -> bytes:
    """The database file and whatever sits beside it (-wal, -shm)."""
    return b"".join(p.read_bytes() for p in sorted(path.parent.glob(path.name + "*")))


# -- /mydata -------------------------------------------------------------------------------------------

async def test_mydata_shows_what_is_kept(desk):
    await desk.say("방산 전시회 참가비 지원 한도")
    ticket = await leave_ticket(desk, NAME, PHONE, QUESTION)
    await desk.command("/lang")
    await desk.press("l:ko")
    shown = to_user(await desk.command("/mydata"))[0]["plain"]
    assert shown.startswith("보관 중인 내 정보")
    assert f"텔레그램 사용자 번호: {USER}" in shown and "대화 기록(질문·버튼·명령):" in shown
    assert "방산 전시회 참가비 지원 한도" in shown  # a recent question
    assert f"{ticket['number']}번" in shown and f"이름 {NAME}" in shown
    assert "연락처 010-****-5926" in shown  # half hidden on screen
    assert f"안내문 {CONSENT.version}" in shown and "개인정보 동의 " in shown
    assert "언어 한국어" in shown and "1년이 지나면" in shown and "/forget" in shown


async def test_the_name_and_contact_typed_into_the_flow_are_not_kept_as_questions(desk):
    await leave_ticket(desk, NAME, PHONE, QUESTION)
    recent = desk.store.privacy.user_data(USER, recent=10)["recent"]
    assert QUESTION in recent
    assert NAME not in recent and PHONE not in recent


async def test_mydata_leaves_the_name_and_contact_placeholders_out_of_recent_questions(desk):
    await leave_ticket(desk, NAME, PHONE, QUESTION)
    shown = to_user(await desk.command("/mydata"))[0]["plain"]
    recent = shown.split("최근 질문:")[1].split("\n•")[0]
    assert QUESTION in recent
    assert "[name]" not in shown and "[contact]" not in shown


async def test_forget_with_no_tickets_does_not_speak_of_zero_tickets(desk):
    await desk.say("방산 전시회 참가비 지원 한도")
    ask = to_user(await desk.command("/forget"))[0]["plain"]
    assert "0건의" not in ask and "접수하신 문의는 없습니다" in ask
    ask = to_user(await desk.command("/forget", lang="en", user_id=OTHER), OTHER)[0]["plain"]
    assert "(0)" not in ask and "no tickets" in ask


async def test_mydata_shows_anonymous_tickets_as_such(desk):
    await desk.command("/contact")
    await desk.press("fu:refuse")
    await desk.say("익명으로 남기는 질문입니다")
    await desk.press("fu:send")
    shown = to_user(await desk.command("/mydata"))[0]["plain"]
    assert "접수하신 문의: 1건" in shown and "이름과 연락처 없이 접수" in shown and "이름 " not in shown


async def test_mydata_and_forget_only_in_a_private_chat(desk):
    for command in ("/mydata", "/forget"):
        sent = to_user(await desk.command(command, chat_id=-100123), user=-100123)
        assert "1:1 대화에서만" in sent[0]["plain"], command
        assert buttons(sent[0])[0][1] == "https://t.me/agency_demo_bot"


# -- /forget -------------------------------------------------------------------------------------------

async def test_forget_asks_first_and_can_be_called_off(desk):
    await leave_ticket(desk, NAME, PHONE, QUESTION)
    ask = to_user(await desk.command("/forget"))[0]
    assert ask["plain"].startswith("내 정보 삭제") and "되돌릴 수 없습니다" in ask["plain"]
    assert "문의 1건" in ask["plain"]
    assert button_data(ask) == ["pv:forget:yes", "pv:forget:no"]
    kept = await desk.press("pv:forget:no")
    assert kept[0]["method"] == "editMessageText" and kept[0]["plain"].startswith("삭제를 취소했습니다")
    assert desk.store.tickets.of_user(USER)[0]["name"] == NAME


async def test_the_forget_intent_asks_the_same(desk, kb):
    sent = to_user(await desk.say("내 정보 삭제해 주세요"))
    assert sent[0]["plain"] == kb.get("forget-me").reply.get("ko")
    assert sent[1]["plain"].startswith("내 정보 삭제") and "pv:forget:yes" in button_data(sent[1])


async def test_a_phone_number_said_outside_the_flow_offers_no_deletion(desk):
    """`제 번호는 …예요` shares the forget intent's nouns; a deletion is only offered when asked for by its verb."""
    await leave_ticket(desk, NAME, PHONE, QUESTION)
    for typed in (f"제 번호는 {PHONE}예요", "내 연락처 바꾸고 싶어요"):
        sent = to_user(await desk.say(typed))
        assert sent and not any("pv:forget:yes" in button_data(m) for m in sent)
        assert not any(m["plain"].startswith("내 정보 삭제") for m in sent)
    assert desk.store.tickets.of_user(USER)[0]["name"] == NAME


async def test_forget_then_vacuum_leaves_none_of_the_users_data_in_the_file(desk, db_path, settings):
    await desk.say(QUESTION)
    await desk.say("연락 주세요 01031415926")
    phone_ticket = await leave_ticket(desk, NAME, PHONE, QUESTION)
    email_ticket = await leave_ticket(desk, NAME, EMAIL, "전시회 일정도 알려 주세요")
    other_ticket = await leave_ticket(desk, OTHER_NAME, "010-2718-2818", "다른 분의 질문입니다", user=OTHER)
    await outbox.deliver_due(desk.app)  # the staff cards are in the staff chat
    desk.store.checkpoint()
    before = file_bytes(db_path)
    # The check below can see them (the number typed as a question is logged as "[phone]" from the start).
    masked = {"연락 주세요 01031415926", PHONE.replace("-", "")}
    assert all(secret.encode() in before for secret in SECRETS if secret not in masked)

    await desk.command("/forget")
    done = await desk.press("pv:forget:yes")
    assert done[0]["plain"].startswith("삭제했습니다")
    desk.store.vacuum()
    after = file_bytes(db_path)
    for secret in SECRETS:
        assert secret.encode() not in after, secret
    assert OTHER_NAME.encode() in after  # someone else's data is untouched

    # Staff see the tickets as deleted: the rows stay, without the personal fields, and the cards say so.
    for number in (phone_ticket["number"], email_ticket["number"]):
        ticket = desk.store.tickets.get(number)
        assert ticket["deleted"] and ticket["name"] is None and ticket["contact"] is None
        assert ticket["question"] is None
    assert not desk.store.tickets.get(other_ticket["number"])["deleted"]
    await outbox.deliver_due(desk.app)
    card = desk.api.message(STAFF_CHAT, desk.store.tickets.get(phone_ticket["number"])["staff_card_message_id"])
    assert NAME not in card["text"] and PHONE not in card["text"] and QUESTION not in card["text"]
    assert desk.store.privacy.user_data(USER)["enquiries"] == 0 and desk.store.privacy.user_data(USER)["feedback"] == 0
    assert "삭제됨" in to_user(await desk.command("/mytickets"))[0]["plain"]


async def test_forget_in_the_middle_of_the_flow_drops_the_draft_everywhere(desk, settings):
    await desk.command("/lang")
    await desk.press("l:en")
    await desk.command("/contact")
    await desk.press(AGREE)
    await desk.say(NAME)
    await desk.app.update_persistence()
    assert NAME.encode() in settings.state_path.read_bytes()  # the draft is in the state file

    sent = to_user(await desk.command("/forget"))
    assert sent[0]["plain"].startswith("I have stopped the question")
    await desk.press("pv:forget:yes")
    assert draft(desk) is None and await state(desk) is None
    state_file = settings.state_path.read_bytes()
    assert NAME.encode() not in state_file
    assert desk.app.user_data.get(USER, {}).get("lang") is None  # the language choice went too
    assert await desk.app.persistence.get_user_data() in ({}, {USER: {}})


async def test_no_personal_data_in_the_log_of_forget_and_the_daily_job(desk, caplog):
    caplog.set_level(logging.INFO)
    for name in ("handlers", "store"):
        caplog.set_level(logging.DEBUG, logger=name)
    await leave_ticket(desk, NAME, EMAIL, QUESTION)
    await desk.command("/mydata")
    await desk.command("/forget")
    await desk.press("pv:forget:yes")
    await privacy.daily_maintenance(job_context(desk))
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "forget:" in logged and "daily privacy maintenance" in logged
    for secret in (NAME, EMAIL, QUESTION):
        assert secret not in logged


# -- the daily job -------------------------------------------------------------------------------------

def job_context(bot: BotHarness) -> Any:
    """The context a JobQueue job gets (the Application's context type, bound to no chat)."""
    return bot.app.context_types.context.from_job(bot.app.job_queue.get_jobs_by_name(privacy.JOB_NAME)[0],
                                                   bot.app)


async def test_the_daily_purge_runs_at_four_in_the_morning_korean_time(desk):
    """VACUUM holds the event loop for a moment: at a quiet hour, not 24 hours after whenever the bot started."""
    [job] = desk.app.job_queue.get_jobs_by_name(privacy.JOB_NAME)
    first = job.next_t.astimezone(KST)
    assert (first.hour, first.minute, first.second) == (4, 0, 0)
    now = datetime.now(KST)
    assert timedelta(0) < first - now <= timedelta(days=1)
    following = job.job.trigger.get_next_fire_time(job.next_t, job.next_t + timedelta(seconds=1))
    assert following - job.next_t == timedelta(days=1)


async def test_the_daily_job_purges_data_older_than_the_retention_period(desk, caplog):
    old = await leave_ticket(desk, NAME, PHONE, QUESTION)
    await desk.command("/contact")
    await desk.press(AGREE)
    await desk.say(OTHER_NAME)  # a draft left in the middle, as a restart leaves one
    real_clock = desk.store.clock
    desk.store.clock = lambda: real_clock() + timedelta(days=desk.services.settings.retention_days + 1)
    caplog.set_level(logging.INFO, logger="handlers.privacy")
    [job] = desk.app.job_queue.get_jobs_by_name(privacy.JOB_NAME)
    await job.run(desk.app)  # what the JobQueue runs once a day
    ticket = desk.store.tickets.get(old["number"])
    assert ticket["deleted"] and ticket["name"] is None and ticket["question"] is None
    assert all(e["text"] == "" for e in desk.store.enquiries.select())  # old enquiries anonymised
    assert draft(desk) is None  # the forgotten draft swept
    [line] = [r.getMessage() for r in caplog.records if "daily privacy maintenance" in r.getMessage()]
    assert "'tickets': 1" in line and "'drafts': 1" in line
    # The conversation ended with it: what they type next is a question again.
    sent = to_user(await desk.say("무역사절단 신청 방법"))
    assert len(sent) == 1 and sent[0]["plain"].startswith("무역사절단")


async def test_the_daily_job_ends_stale_conversations_in_the_state_file(desk, settings):
    await desk.command("/contact")
    await desk.press(AGREE)
    await desk.say(NAME)
    await desk.say(PHONE)
    await desk.command("/contact", user_id=OTHER)
    await desk.press(AGREE, user_id=OTHER)  # someone still in the middle of it: left alone
    await desk.app.update_persistence()
    assert NAME.encode() in settings.state_path.read_bytes() and await state(desk) == "question"
    real_clock = desk.store.clock
    desk.store.clock = lambda: real_clock() + followup.TIMEOUT + timedelta(minutes=1)
    desk.app.user_data[OTHER][followup.DRAFT]["touched"] = desk.store.clock()
    counts = await privacy.daily_maintenance(job_context(desk))
    assert counts["drafts"] == 1
    assert await state(desk) is None and await state(desk, OTHER) == "name"
    state_file = settings.state_path.read_bytes()
    assert NAME.encode() not in state_file and PHONE.encode() not in state_file


async def test_recent_data_survives_the_daily_job(desk):
    ticket = await leave_ticket(desk, NAME, PHONE, QUESTION)
    counts = await privacy.daily_maintenance(job_context(desk))
    assert counts == {"enquiries": 0, "tickets": 0, "outbox": 0, "blocked": 0, "drafts": 0, "state": 0}
    assert desk.store.tickets.get(ticket["number"])["name"] == NAME


# -- what reaches the enquiry log during the flow ------------------------------------------------------

async def test_a_name_or_contact_typed_into_the_flow_never_reaches_the_database_file(desk, db_path):
    """New messages, edits and photo captions at the name and contact steps are logged as placeholders.

    The recorder writes the placeholder in the first place: a text written and then overwritten would
    stay in the write-ahead log and the file's free pages.
    """
    await desk.command("/contact")
    await desk.press(AGREE)
    await desk.send(desk.updates.photo(caption=f"제 이름은 {NAME}"))  # at the name step: asked again
    typed = desk.updates.message(NAME)
    await desk.send(typed)
    assert await state(desk) == "contact"
    # At the contact step: an edit of the name message (a correction), a business card with a caption.
    await desk.send(desk.updates.edited(f"{NAME} {PHONE}", message_id=typed.message.message_id))
    await desk.send(desk.updates.photo(caption=f"명함입니다 {PHONE}"))
    await desk.say(PHONE)
    assert await state(desk) == "question"
    logged = [e["text"] for e in reversed(desk.store.enquiries.recent(USER, limit=10))]
    # The edit is of the message that gave the name: logged as what it was, whatever the step now.
    assert logged == ["/contact", logged[1], "[photo] [name]", "[name]", "[name]", "[photo] [contact]",
                      "[contact]"]
    assert logged[1].endswith(f"[{AGREE}]")  # the button press, as its label and data
    for secret in (NAME, PHONE, PHONE.replace("-", "")):
        assert secret.encode() not in file_bytes(db_path), secret


async def test_commands_and_later_steps_are_logged_as_typed(desk):
    await desk.command("/contact")
    await desk.press(AGREE)
    await desk.command("/mytickets")  # ends the flow, then runs
    await desk.say(QUESTION)
    logged = [e["text"] for e in desk.store.enquiries.recent(USER, limit=2)]
    assert logged == [QUESTION, "/mytickets"]


# -- phone numbers and e-mail addresses outside the flow -----------------------------------------------

@pytest.mark.parametrize("typed, logged", [
    ("제 번호는 010-3141-5926 입니다", "제 번호는 [phone] 입니다"),
    ("01031415926", "[phone]"),
    ("010 3141 5926으로 연락 주세요", "[phone]으로 연락 주세요"),
    ("+82 10-3141-5926", "[phone]"),
    ("０１０－３１４１－５９２６", "[phone]"),
    ("010.3141.5926", "[phone]"),
    ("010ㅡ3141ㅡ5926 로 연락", "[phone] 로 연락"),
    ("82-10-3141-5926", "[phone]"),
    ("seoyeon.park@example.org 로 회신 부탁드립니다", "[email] 로 회신 부탁드립니다"),
    ("2026.11.24 마감인 지원사업 예산 3,000,000원", "2026.11.24 마감인 지원사업 예산 3,000,000원"),
])
async def test_a_phone_number_or_address_typed_outside_the_flow_is_logged_masked(desk, db_path, typed, logged):
    """E.g. typed after a crash lost the person's place in the flow: personal data only with consent."""
    await desk.say(typed)
    assert desk.store.enquiries.recent(USER, limit=1)[0]["text"] == logged
    for secret in (PHONE, PHONE.replace("-", ""), EMAIL):
        assert secret.encode() not in file_bytes(db_path), secret


async def test_captions_edits_and_commands_are_masked_too(desk, db_path):
    await desk.send(desk.updates.photo(caption=f"명함입니다 {PHONE}"))
    typed = desk.updates.message("문의드립니다")
    await desk.send(typed)
    await desk.send(desk.updates.edited(f"문의드립니다 {EMAIL}", message_id=typed.message.message_id))
    await desk.command("/start", PHONE.replace("-", " "))
    logged = [e["text"] for e in reversed(desk.store.enquiries.recent(USER, limit=4))]
    assert logged == ["[photo] 명함입니다 [phone]", "문의드립니다", "문의드립니다 [email]", "/start [phone]"]
    for secret in (PHONE, PHONE.replace("-", " "), EMAIL):
        assert secret.encode() not in file_bytes(db_path), secret

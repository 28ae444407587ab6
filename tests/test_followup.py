"""The follow-up desk end to end: consent, name, contact, question, confirm -> a ticket and its staff card.

Every test drives the real Application (bot.build_application) through the in-process Bot API, with the
JobQueue running as in production (conversation timeouts, the outbox sender).
"""
from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from telegram import Update

from bot import build_application
from botapi.inprocess import InProcessBotAPI
from conftest import BotHarness, button_data, buttons
from desk_fixtures import STAFF, STAFF_CHAT, desk, settings  # noqa: F401 - a staff chat, its JobQueue
from handlers import consent, followup
from handlers.persistence import SQLitePersistence
from settings import Settings
from store import EnquiryStore
from store.state import StateStore

USER = 1001
CONFIRM_BUTTONS = ["fu:send", "fu:cancel", "fu:fix:name", "fu:fix:contact", "fu:fix:question"]
CONSENT = consent.load_consent()
AGREE = f"fu:agree:{CONSENT.version}"

# The text of every consent version ever shown (see consent_fingerprint). A ticket names the version its
# author agreed to, so a version's text must never change: give a new text a new version, and add it here.
CONSENT_FINGERPRINTS = {
    "2026-11-v1": "a7a0825309eb24d5367712149fcb28de893e0ae4d7c7260d8848c2b763bbf899",
}

NAME, PHONE, QUESTION = "김민지", "010-2468-1357", "수소충전소 부지를 임대할 수 있는 조건이 궁금합니다"


@contextlib.asynccontextmanager
async def running(app: Any) -> Any:
    """An Application initialised and with its JobQueue running (what run_polling does, without polling)."""
    async with app:
        await app.job_queue.start()
        try:
            yield app
        finally:
            await app.job_queue.stop(wait=False)


def to_user(sent: list[dict], user: int = USER) -> list[dict]:
    """What the user saw as new messages (the outbox may post the staff card in between)."""
    return [s for s in sent if s["chat_id"] == user and s["method"] == "sendMessage"]


def draft(bot: BotHarness, user: int = USER) -> dict | None:
    return bot.app.user_data.get(user, {}).get(followup.DRAFT)


async def state(bot: BotHarness, user: int = USER) -> object:
    """The flow's step for the user, as saved in the persistence file (None: not in the flow)."""
    await bot.app.update_persistence()
    return (await bot.app.persistence.get_conversations(followup.CONVERSATION_NAME)).get((user, user))


async def fill_in(bot: BotHarness, name: str = NAME, contact: str = PHONE, question: str = QUESTION) -> list[dict]:
    """/contact, 동의, name, contact, question typed: returns what the confirm step showed."""
    await bot.command("/contact")
    await bot.press(AGREE)
    await bot.say(name)
    await bot.say(contact)
    return to_user(await bot.say(question))


# -- the whole flow ------------------------------------------------------------------------------------

async def test_the_whole_flow_makes_a_ticket_with_consent_and_posts_its_card(desk):
    notice = to_user(await desk.command("/contact"))[0]
    assert notice["plain"].startswith("개인정보 수집·이용 동의")
    for part in ("수집·이용 목적", "수집 항목", "이름, 연락처", "문의 내용", "보유·이용 기간", "1년",
                 "거부하실 권리", "이름과 연락처 없이"):
        assert part in notice["plain"], part
    assert button_data(notice) == [AGREE, "fu:refuse", "fu:cancel"]

    asked_name = to_user(await desk.press(AGREE))[0]
    assert "성함" in asked_name["plain"] and button_data(asked_name) == ["fu:cancel"]
    assert desk.api.message(USER, notice["message_id"]).get("reply_markup") is None  # 동의 pressed: no buttons left

    asked_contact = to_user(await desk.say(f"  {NAME} "))[0]
    assert asked_contact["plain"].startswith(f"{NAME}님") and "휴대전화 번호" in asked_contact["plain"]
    asked_question = to_user(await desk.say("010 2468 1357"))[0]
    assert "질문" in asked_question["plain"]
    confirm = to_user(await desk.say(QUESTION))[0]
    assert f"이름: {NAME}" in confirm["plain"] and f"연락처: {PHONE}" in confirm["plain"]
    assert f"질문: {QUESTION}" in confirm["plain"]
    assert button_data(confirm) == CONFIRM_BUTTONS

    done = to_user(await desk.press("fu:send"))[0]
    [ticket] = desk.store.tickets.of_user(USER)
    assert f"접수 번호는 {ticket['number']}번" in done["plain"] and "/mytickets" in done["plain"]
    assert (ticket["name"], ticket["contact"], ticket["contact_kind"], ticket["question"]) == (
        NAME, PHONE, "phone", QUESTION)
    assert ticket["status"] == "open" and not ticket["anonymous"]
    assert ticket["consent_version"] == CONSENT.version and ticket["consent_at"] <= ticket["created_at"]
    assert ticket["lang"] == "ko" and ticket["chat_id"] == USER
    # D's staff card, written in the same transaction as the ticket.
    cards = [r for r in desk.store.outbox.rows() if r["ticket"] == ticket["number"] and r["purpose"] == "staff_card"]
    assert len(cards) == 1 and cards[0]["chat_id"] == STAFF_CHAT and NAME in cards[0]["text"]
    assert draft(desk) is None and await state(desk) is None  # the flow is over and keeps nothing


async def test_the_flow_in_english(desk):
    notice = to_user(await desk.command("/contact", lang="en"))[0]
    assert notice["plain"].startswith("Consent to the collection and use of personal information")
    assert "one year" in notice["plain"] and "right to refuse" in notice["plain"]
    await desk.press(AGREE, lang="en")
    assert "mobile number" in to_user(await desk.say("Jane Kim", lang="en"))[0]["plain"]
    await desk.say("jane.kim@Example.COM", lang="en")
    confirm = to_user(await desk.say("Can a foreign founder apply?", lang="en"))[0]
    assert "Contact: jane.kim@example.com" in confirm["plain"]
    done = to_user(await desk.press("fu:send", lang="en"))[0]
    assert done["plain"].startswith("Sent. Your ticket number is")
    assert desk.store.tickets.of_user(USER)[0]["contact_kind"] == "email"


@pytest.mark.parametrize("way", ["menu", "human intent", "thumbs down", "start link"])
async def test_every_way_in_shows_the_notice(desk, way):
    if way == "menu":
        await desk.command("/start")
        sent = await desk.press("fu:start")
    elif way == "human intent":
        sent = await desk.say("담당자 연결해 주세요")
        assert to_user(sent)[0]["plain"] == desk.services.knowledge.kb.get("human").reply.get("ko")
    elif way == "thumbs down":
        await desk.say("무역사절단 신청 방법")
        enquiry = desk.last_enquiry()
        sorry = to_user(await desk.press(f"fb:{enquiry['id']}:0"))[0]
        assert desk.store.enquiries.get(enquiry["id"])["helpful"] is False  # the rating is stored first
        assert "fu:start" in button_data(sorry)
        sent = await desk.press("fu:start")
    else:
        sent = await desk.command("/start", "contact")
    assert to_user(sent)[-1]["plain"].startswith("개인정보 수집·이용 동의")


async def test_the_question_is_prefilled_with_the_last_unanswered_one(desk):
    unanswered = "수소 충전소 부지 임대료는 얼마인가요"
    await desk.say(unanswered)
    assert desk.last_enquiry()["kind"] in ("suggest", "fallback")
    await desk.say("감사합니다")  # answered (an intent): not what they want to ask staff
    assert desk.last_enquiry()["kind"] == "answer"
    await desk.command("/contact")
    await desk.press(AGREE)
    await desk.say(NAME)
    asked = to_user(await desk.say(PHONE))[0]
    assert unanswered in asked["plain"] and button_data(asked) == ["fu:keep", "fu:other", "fu:cancel"]
    confirm = to_user(await desk.press("fu:keep"))[0]
    assert f"질문: {unanswered}" in confirm["plain"]
    await desk.press("fu:send")
    assert desk.store.tickets.of_user(USER)[0]["question"] == unanswered

    # A question already left for staff is not offered again.
    await desk.command("/contact")
    await desk.press(AGREE)
    await desk.say(NAME)
    asked = to_user(await desk.say(PHONE))[0]
    assert unanswered not in asked["plain"] and button_data(asked) == ["fu:cancel"]


async def test_a_message_that_says_nothing_is_not_the_prefilled_question(desk):
    unanswered = "수소 충전소 부지 임대료는 얼마인가요"
    await desk.say(unanswered)
    await desk.say("...")  # a new user's test met "..." offered as the question to pass on
    await desk.command("/contact")
    await desk.press(AGREE)
    await desk.say(NAME)
    asked = to_user(await desk.say(PHONE))[0]
    assert unanswered in asked["plain"] and "<blockquote>...</blockquote>" not in asked["text"]


async def test_a_thumbs_down_answer_is_the_prefilled_question(desk):
    await desk.say("무역사절단 신청 방법")
    rated = desk.last_enquiry()
    assert rated["kind"] == "answer"
    await desk.press(f"fb:{rated['id']}:0")
    await desk.press("fu:start")
    await desk.press("fu:refuse")
    asked = to_user(await desk.press("fu:keep"))[0]  # the question shown was the rated one
    assert "질문: 무역사절단 신청 방법" in asked["plain"]


# -- refusing consent ----------------------------------------------------------------------------------

async def test_refusing_consent_still_takes_the_question_anonymously(desk):
    await desk.say("수소 충전소 부지 임대료는 얼마인가요")
    await desk.command("/contact")
    asked = to_user(await desk.press("fu:refuse"))[0]
    assert asked["plain"].startswith("괜찮습니다. 이름과 연락처 없이")
    assert "수소 충전소 부지 임대료는 얼마인가요" in asked["plain"]  # prefilled here too
    typing = to_user(await desk.press("fu:other"))[0]  # "type another"
    assert "질문을 적어 주세요" in typing["plain"] and button_data(typing) == ["fu:cancel"]
    confirm = to_user(await desk.say("부지 임대 조건을 알고 싶습니다"))[0]
    assert "이름과 연락처 없이" in confirm["plain"] and "이름:" not in confirm["plain"]
    done = to_user(await desk.press("fu:send"))[0]
    assert "이 대화방으로 답변" in done["plain"] and "연락처로" not in done["plain"]
    [ticket] = desk.store.tickets.of_user(USER)
    assert ticket["anonymous"] and ticket["name"] is None and ticket["contact"] is None
    assert ticket["consent_at"] is None and ticket["consent_version"] is None
    assert ticket["question"] == "부지 임대 조건을 알고 싶습니다" and ticket["chat_id"] == USER
    assert any(r["purpose"] == "staff_card" and r["ticket"] == ticket["number"] for r in desk.store.outbox.rows())


# -- /cancel and 취소 at every step ---------------------------------------------------------------------

STEPS = ["consent", "name", "contact", "question", "confirm"]


async def test_a_typed_cancel_with_nothing_to_cancel_says_so(desk):
    said = to_user(await desk.say("취소"))[0]
    assert said["plain"].startswith("지금은 취소할 문의 접수가 없습니다") and "fu:start" in button_data(said)


async def test_a_question_containing_a_cancel_word_is_still_an_answer(desk):
    await walk_to(desk, "question")
    await desk.say("취소 수수료가 있나요")
    assert draft(desk)["question"] == "취소 수수료가 있나요" and await state(desk) == "confirm"


async def walk_to(bot: BotHarness, step: str) -> None:
    await bot.command("/contact")
    for at, action in zip(STEPS[1:], (lambda: bot.press(AGREE), lambda: bot.say(NAME),
                                      lambda: bot.say(PHONE), lambda: bot.say(QUESTION))):
        if STEPS.index(step) < STEPS.index(at):
            return
        await action()


@pytest.mark.parametrize("how", ["/cancel", "button", "취소", " Cancel! ", "그만", "취소할게요.", "stop"])
@pytest.mark.parametrize("step", STEPS)
async def test_cancel_at_every_step(desk, step, how):
    await walk_to(desk, step)
    assert ((await state(desk)) or "consent") == step
    if how == "/cancel":
        sent = await desk.command("/cancel")
    elif how == "button":
        sent = await desk.press("fu:cancel")
    else:
        sent = await desk.say(how)  # typed rather than the command or the button
    said = to_user(sent)[0]
    assert said["plain"].startswith("문의 접수를 취소했습니다") and "fu:start" in button_data(said)
    assert draft(desk) is None and await state(desk) is None and desk.store.tickets.of_user(USER) == []
    assert desk.api.last_message_with_buttons(USER)["message_id"] == said["message_id"]  # no step buttons left
    # What they type next is a question again, not an answer to the flow.
    assert to_user(await desk.say("무역사절단 신청 방법"))[0]["plain"].startswith("무역사절단")
    assert to_user(await desk.command("/cancel"))[0]["plain"].startswith("지금은 취소할 문의 접수가 없습니다")


# -- a restart in the middle ---------------------------------------------------------------------------

async def test_a_restart_in_the_middle_of_the_flow_continues_where_it_was(settings, kb, matcher, db_path):
    first_api, store = InProcessBotAPI(), EnquiryStore(db_path)
    app = build_application(settings, kb=kb, matcher=matcher, store=store, request=first_api,
                            get_updates_request=first_api)
    async with running(app):  # shutting down saves the conversation, as stopping the bot does
        bot = BotHarness(app, first_api, store)
        await bot.command("/contact")
        await bot.press(AGREE)
        await bot.say(NAME)
    store.close()
    assert settings.state_path.exists()

    api, store = InProcessBotAPI(), EnquiryStore(db_path)
    app = build_application(settings, kb=kb, matcher=matcher, store=store, request=api, get_updates_request=api)
    try:
        async with running(app):
            bot = BotHarness(app, api, store)
            asked = to_user(await bot.say(PHONE))[0]  # the contact step, where it was left
            assert "질문" in asked["plain"]
            await bot.say(QUESTION)
            done = to_user(await bot.press("fu:send"))[0]
            assert "접수 번호는" in done["plain"]
            [ticket] = store.tickets.of_user(USER)
            assert (ticket["name"], ticket["contact"], ticket["consent_version"]) == (NAME, PHONE, CONSENT.version)
    finally:
        store.close()


async def test_a_crash_in_the_middle_of_the_flow_loses_at_most_a_second(settings, kb, matcher, store):
    """kill -9 skips the write at shutdown: each step must reach the state file on its own, soon after."""
    api = InProcessBotAPI()
    app = build_application(settings, kb=kb, matcher=matcher, store=store, request=api, get_updates_request=api)
    async with app:
        await app.start()  # runs the state file's writer, as run_polling does
        try:
            bot = BotHarness(app, api, store)
            await bot.command("/contact")
            await bot.press(AGREE)
            await bot.say(NAME)
            await asyncio.sleep(1.5)
            # What a new process would read, the running one not having stopped (the crash).
            on_disk = SQLitePersistence(StateStore(settings.state_path))
            assert (await on_disk.get_conversations(followup.CONVERSATION_NAME)).get((USER, USER)) == "contact"
            assert (await on_disk.get_user_data())[USER][followup.DRAFT]["name"] == NAME
        finally:
            await app.stop()


async def test_a_draft_left_by_a_restart_expires_when_they_come_back(desk):
    """The timeout job died with the process; the draft's own time says it is too old."""
    await desk.command("/contact")
    await desk.press(AGREE)
    await desk.say(NAME)
    real_clock = desk.store.clock
    desk.store.clock = lambda: real_clock() + followup.TIMEOUT + timedelta(minutes=1)
    sent = to_user(await desk.say("무역사절단 신청 방법"))
    assert sent[0]["plain"].startswith("30분 동안 입력이 없어")
    assert sent[1]["plain"].startswith("무역사절단")  # and the message is answered as a question
    assert draft(desk) is None and await state(desk) is None


async def test_the_conversation_timeout_ends_politely(desk):
    await desk.command("/contact")
    await desk.press(AGREE)
    await desk.say(NAME)
    [job] = desk.app.job_queue.get_jobs_by_name("_trigger_timeout")  # PTB's, named after its callback
    before = len(desk.api.sent)
    await job.run(desk.app)  # what the JobQueue does after followup.TIMEOUT of silence
    said = to_user(desk.api.sent[before:])[0]
    assert said["plain"].startswith("30분 동안 입력이 없어 문의 접수를 멈췄습니다")
    assert draft(desk) is None and await state(desk) is None
    assert desk.api.last_message_with_buttons(USER) is None  # the name prompt's 취소 was taken off


async def test_a_timed_out_draft_leaves_the_state_file(desk, settings):
    """The timeout runs in a job, not an update: the dropped draft must still reach the state file."""
    await desk.command("/contact")
    await desk.press(AGREE)
    await desk.say(NAME)
    await desk.say(PHONE)
    await desk.app.update_persistence()
    assert NAME.encode() in settings.state_path.read_bytes()
    [job] = desk.app.job_queue.get_jobs_by_name("_trigger_timeout")
    await job.run(desk.app)
    await desk.app.update_persistence()  # what the Application does every minute
    state_file = settings.state_path.read_bytes()
    assert NAME.encode() not in state_file and PHONE.encode() not in state_file


# -- re-asks -------------------------------------------------------------------------------------------

async def test_an_invalid_contact_is_asked_again_politely(desk):
    await desk.command("/contact")
    await desk.press(AGREE)
    await desk.say(NAME)
    for wrong in ("010-12", "모르겠어요", "010-1234-5678, 010-8765-4321", "name@"):
        again = to_user(await desk.say(wrong))[0]
        assert again["plain"].startswith("죄송합니다. 전화번호나 이메일 주소를 알아보지 못했습니다"), wrong
        assert await state(desk) == "contact"
    await desk.say("+82 (0)10 2468 1357")
    assert draft(desk)["contact"] == PHONE  # one canonical form, whatever the spelling


async def test_a_name_that_is_a_phone_number_or_too_long_is_asked_again(desk):
    await desk.command("/contact")
    await desk.press(AGREE)
    for wrong in (PHONE, "가" * (followup.NAME_LIMIT + 1)):
        again = to_user(await desk.say(wrong))[0]
        assert again["plain"].startswith(f"성함은 {followup.NAME_LIMIT}자 이내로")
        assert await state(desk) == "name"


@pytest.mark.parametrize("typed", ["   ", "\u3000"])
async def test_an_empty_name_is_asked_for_again(desk, typed):
    await desk.command("/contact")
    await desk.press(AGREE)
    said = to_user(await desk.say(typed))[0]["plain"]
    assert said.startswith("성함을 적어 주세요") and "자 이내" not in said
    assert await state(desk) == "name"


async def test_a_question_too_long_or_too_short_is_asked_again(desk):
    await walk_to(desk, "question")
    assert "줄여서" in to_user(await desk.say("가" * (followup.QUESTION_LIMIT + 1)))[0]["plain"]
    assert "자세히" in to_user(await desk.say(" ? "))[0]["plain"]
    assert await state(desk) == "question"


async def test_non_text_edits_and_typing_at_the_confirm_step_are_answered_politely(desk):
    await desk.command("/contact")
    await desk.press(AGREE)
    sticker = to_user(await desk.send(desk.updates.sticker()))[0]
    assert sticker["plain"].startswith("죄송합니다. 이 단계에서는 글로 적어") and "성함" in sticker["plain"]
    photo = to_user(await desk.send(desk.updates.photo(caption="명함")))[0]
    assert "글로 적어" in photo["plain"]
    edit = to_user(await desk.send(desk.updates.edited("김민지2")))[0]
    assert "새 메시지로" in edit["plain"]
    assert await state(desk) == "name"
    await desk.say(NAME)
    await desk.say(PHONE)
    await desk.say(QUESTION)
    again = to_user(await desk.say("잠깐만요"))[0]
    assert again["plain"].startswith("위 내용으로 접수하시려면") and button_data(again) == CONFIRM_BUTTONS
    assert desk.store.tickets.of_user(USER) == []  # not sent, and not taken for a question either


async def test_another_command_ends_the_flow_and_runs(desk):
    await desk.command("/contact")
    await desk.press(AGREE)
    sent = to_user(await desk.command("/programs"))
    assert sent[0]["plain"].startswith("작성 중이던 문의 접수는 멈췄습니다")
    assert sent[1]["plain"].startswith("분야별 사업")
    assert draft(desk) is None and await state(desk) is None


async def test_contact_in_the_middle_starts_again(desk):
    await walk_to(desk, "question")
    notice = to_user(await desk.command("/contact"))[0]
    assert notice["plain"].startswith("개인정보 수집·이용 동의")
    assert draft(desk) is None and await state(desk) is None


async def test_agreeing_to_an_old_version_of_the_notice_shows_the_new_one(desk):
    await desk.command("/contact")
    sent = to_user(await desk.press("fu:agree:2020-01-v0"))
    assert sent[0]["plain"].startswith("그사이 개인정보 안내 내용이 바뀌었습니다")
    assert AGREE in button_data(sent[1])
    assert draft(desk) is None


async def test_in_a_group_the_flow_is_offered_in_a_private_chat(desk):
    sent = to_user(await desk.command("/contact", chat_id=-100123), user=-100123)
    [(label, url)] = buttons(sent[0])
    assert "1:1 대화" in sent[0]["plain"] and url == "https://t.me/agency_demo_bot?start=contact"
    sent = to_user(await desk.command("/mytickets", chat_id=-100123), user=-100123)
    assert "1:1 대화에서만" in sent[0]["plain"]
    assert desk.app.user_data.get(USER, {}).get(followup.DRAFT) is None


# -- /mytickets ----------------------------------------------------------------------------------------

async def test_mytickets_lists_number_status_and_date(desk):
    assert to_user(await desk.command("/mytickets"))[0]["plain"].startswith("아직 접수하신 문의가 없습니다")
    await fill_in(desk)
    await desk.press("fu:send")
    await fill_in(desk, question="창업 공간 입주 기간 연장 신청 방법")
    await desk.press("fu:send")
    first, second = sorted(t["number"] for t in desk.store.tickets.of_user(USER))
    desk.store.tickets.claim(first, STAFF, "담당자")
    listing = to_user(await desk.command("/mytickets"))[0]["plain"]
    assert listing.startswith("내 문의 내역")
    assert listing.index(f"{second}번 · 접수됨") < listing.index(f"{first}번 · 담당자 확인 중")
    assert followup.local_date(desk.store.tickets.get(first)["created_at"]) in listing
    assert "창업 공간 입주 기간 연장" in listing
    english = to_user(await desk.command("/mytickets", lang="en"))[0]["plain"]
    assert f"#{first} · being handled" in english


# -- the texts -----------------------------------------------------------------------------------------

def consent_fingerprint(path: Path = consent.CONSENT_FILE) -> str:
    text = yaml.safe_load(path.read_text(encoding="utf-8"))["text"]
    return hashlib.sha256(json.dumps(text, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def test_the_consent_text_of_a_version_never_changes():
    assert CONSENT.version in CONSENT_FINGERPRINTS, (
        f"new consent version {CONSENT.version}: add it to CONSENT_FINGERPRINTS with {consent_fingerprint()}")
    assert consent_fingerprint() == CONSENT_FINGERPRINTS[CONSENT.version], (
        f"consent.yaml's text changed under version {CONSENT.version}, which tickets already name:"
        " give the new text a new version")


def test_a_broken_consent_file_is_explained(tmp_path):
    path = tmp_path / "consent.yaml"
    path.write_text("version: v2\ntext: {ko: '보관 {days}', en: ''}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"\{retention\}.*no text for en|no text for en"):
        consent.load_consent(path)


def test_the_retention_period_is_said_as_people_say_it(bot):
    texts = bot.services.texts
    assert [consent.retention_text(texts, "ko", d) for d in (365, 730, 90)] == ["1년", "2년", "90일"]
    assert [consent.retention_text(texts, "en", d) for d in (365, 730, 90)] == ["one year", "2 years", "90 days"]


async def test_a_shorter_retention_period_is_shown_in_the_notice(kb, matcher, store, db_path):
    settings = Settings(token=None, db_path=db_path, retention_days=180)
    api = InProcessBotAPI()
    app = build_application(settings, kb=kb, matcher=matcher, store=store, request=api, get_updates_request=api)
    async with running(app):
        notice = (await BotHarness(app, api, store).command("/contact"))[0]
    assert "180일이 지나면" in notice["plain"]


async def test_no_name_phone_or_question_reaches_the_log(desk, caplog):
    caplog.set_level(logging.INFO)
    for name in ("handlers", "store"):
        caplog.set_level(logging.DEBUG, logger=name)
    await fill_in(desk)
    await desk.press("fu:send")
    await desk.command("/mytickets")
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "ticket" in logged  # something was logged...
    for secret in (NAME, PHONE, "01024681357", QUESTION):
        assert secret not in logged  # ...but none of this


async def test_an_edited_command_in_the_middle_does_not_end_the_flow(desk):
    update = desk.updates.command("/contact")
    await desk.send(update)
    await desk.press(AGREE)
    await desk.say(NAME)
    edited = {**desk.api.message(USER, update.message.message_id), "text": "/contact ", "edit_date": 2}
    said = to_user(await desk.send(Update.de_json({"update_id": desk.api.next_update_id(), "edited_message": edited},
                                                  desk.app.bot)))
    assert len(said) == 1 and "새 메시지로" in said[0]["plain"]
    assert await state(desk) == "contact" and draft(desk)["name"] == NAME


@pytest.mark.parametrize("status, times", [(502, 3), (400, 1)])
async def test_the_ticket_stands_when_its_confirmation_cannot_be_sent(bot, status, times, caplog):
    """The ticket exists once 접수 is pressed: a failed "done" message must not say something went wrong."""
    await fill_in(bot)
    bot.api.fail_next("sendMessage", status, times=times)
    with caplog.at_level(logging.WARNING):
        sent = await bot.press("fu:send")
    [ticket] = bot.store.tickets.of_user(USER)
    assert ticket["name"] == NAME
    assert not any("문제가 생겼습니다" in s["plain"] for s in sent)
    assert not any("문제가 생겼습니다" in (a["text"] or "") for a in bot.api.answers)
    assert draft(bot) is None and await state(bot) is None
    assert f"#{ticket['number']}" in caplog.text and NAME not in caplog.text
    mine = to_user(await bot.command("/mytickets"))[0]["plain"]
    assert f"{ticket['number']}" in mine


@pytest.mark.parametrize("status", [500, 502, 503])
async def test_the_ticket_number_arrives_despite_a_5xx_or_two(bot, status):
    """A blip of the Bot API at 접수: the confirmation is sent again, so the person gets the number."""
    await fill_in(bot)
    bot.api.fail_next("sendMessage", status, times=2)
    done = to_user(await bot.press("fu:send"))
    [ticket] = bot.store.tickets.of_user(USER)
    assert [f"접수 번호는 {ticket['number']}번" in d["plain"] for d in done] == [True]


async def test_without_a_staff_chat_nobody_is_promised_an_answer(kb, matcher, store, db_path):
    """STAFF_CHAT_ID unset (the console chat, a bot not yet set up): the question is recorded, and the
    person is told how else to reach the agency rather than that staff will answer here."""
    api = InProcessBotAPI()
    app = build_application(Settings(token=None, db_path=db_path), kb=kb, matcher=matcher, store=store,
                            request=api, get_updates_request=api)
    async with app:
        bot = BotHarness(app, api, store)
        await fill_in(bot)
        done = to_user(await bot.press("fu:send"))[0]["plain"]
    [ticket] = store.tickets.of_user(USER)
    assert f"기록 번호는 {ticket['number']}번" in done and "직접 문의" in done
    assert "답변드리겠습니다" not in done

"""The follow-up as people type it: yes/no instead of buttons, names in sentences, corrections before 접수,
anonymous questions kept free of phone numbers, edits after the flow, and no staff chat."""
from __future__ import annotations

from pathlib import Path
import pytest

from conftest import BotHarness, button_data
from desk_fixtures import STAFF_CHAT, settings  # noqa: F401 - a staff chat, its JobQueue
from handlers.followup.names import extract_name, typed_before_consent
from handlers.typed import typed_answer
from settings import Settings
from store import outbox as purpose

USER = 1001


def to_user(sent: list[dict]) -> list[dict]:
    return [s for s in sent if s["chat_id"] == USER and s["method"] == "sendMessage"]


def file_bytes(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(path.parent.glob(path.name + "*")))


@pytest.mark.parametrize("typed", ["네", "동의", "네 동의해요", "동의합니다.", "yes", "I agree"])
async def test_consent_can_be_typed(bot: BotHarness, typed: str) -> None:
    await bot.command("/contact")
    asked = to_user(await bot.say(typed))
    assert len(asked) == 1 and "성함" in asked[0]["plain"]
    assert bot.store.enquiries.recent(USER, limit=1)[0]["kind"] is None  # not answered as a question


@pytest.mark.parametrize("typed", ["아니요", "동의하지 않아요", "no"])
async def test_refusing_can_be_typed(bot: BotHarness, typed: str) -> None:
    await bot.command("/contact")
    asked = to_user(await bot.say(typed))
    assert "이름과 연락처 없이" in asked[0]["plain"] and "질문" in asked[0]["plain"]


async def test_yes_without_a_notice_on_screen_is_an_ordinary_message(bot: BotHarness) -> None:
    sent = to_user(await bot.say("네"))
    assert sent and "성함" not in sent[0]["plain"]


@pytest.mark.parametrize(("typed", "name"), [
    ("김민수입니다", "김민수"), ("최영희요", "최영희"), ("저는 홍길동이라고 합니다", "홍길동"),
    ("제 이름은 이서준이에요", "이서준"), ("My name is Jane Doe", "Jane Doe"), ("김다", "김다"),
    ("김\u200b민\u202e수", "김민수"),
])
def test_the_name_is_taken_out_of_the_sentence(typed: str, name: str) -> None:
    assert extract_name(typed) == name


def test_typed_answers() -> None:
    assert [typed_answer(t) for t in ("네!", "예", "취소할게요", "아니오", "동의하지 않습니다", "okay")] == [
        "yes", "yes", "cancel", "no", "no", "yes"]
    assert typed_answer("네 그런데 신청은 언제까지예요?") is None


async def fill_in(bot: BotHarness, name: str) -> dict:
    await bot.command("/contact")
    await bot.say("네")
    await bot.say(name)
    await bot.say("010 2468 1357")
    return to_user(await bot.say("수소충전소 부지 임대 조건이 궁금합니다"))[0]


async def test_the_name_from_a_sentence_reaches_the_ticket_and_can_be_corrected(bot: BotHarness) -> None:
    confirm = await fill_in(bot, "김민수입니다")
    assert "이름: 김민수\n" in confirm["plain"] + "\n"
    asked = to_user(await bot.press("fu:fix:name"))[0]
    assert "성함" in asked["plain"]
    again = to_user(await bot.say("박민수요"))[0]
    assert "이름: 박민수" in again["plain"] and "fu:send" in button_data(again)  # straight back to the summary
    to_user(await bot.press("fu:fix:question"))
    again = to_user(await bot.say("수출 바우처 신청 기간이 궁금합니다"))[0]
    assert "수출 바우처" in again["plain"] and "이름: 박민수" in again["plain"]
    done = to_user(await bot.say("네 접수해 주세요"))[0]
    assert "접수 번호" in done["plain"]
    [ticket] = bot.store.tickets.of_user(USER)
    assert ticket["name"] == "박민수" and ticket["question"] == "수출 바우처 신청 기간이 궁금합니다"


async def test_an_anonymous_question_keeps_no_phone_number_or_address(bot: BotHarness, db_path: Path) -> None:
    await bot.command("/contact")
    await bot.press("fu:refuse")
    confirm = to_user(await bot.say("부지 임대 조건이 궁금합니다. 055-123-4567 이나 kim@example.com 으로 연락 주세요"))[0]
    assert "빼고 전해 드립니다" in confirm["plain"] and "055" not in confirm["plain"]
    await bot.press("fu:send")
    [ticket] = bot.store.tickets.of_user(USER)
    assert ticket["anonymous"] and "[phone]" in ticket["question"] and "[email]" in ticket["question"]
    [card] = [r for r in bot.store.outbox.rows() if r["purpose"] == purpose.CARD]
    assert "055" not in card["text"] and "kim@" not in card["text"]
    for secret in ("055-123-4567", "kim@example.com"):
        assert secret.encode() not in file_bytes(db_path), secret


async def test_editing_the_name_message_after_the_flow_is_not_a_question(bot: BotHarness) -> None:
    await bot.command("/contact")
    await bot.say("네")
    typed = bot.updates.message("김민수입니다")
    await bot.send(typed)
    await bot.say("010 2468 1357")
    await bot.say("수소충전소 부지 임대 조건이 궁금합니다")
    await bot.press("fu:send")
    sent = to_user(await bot.send(bot.updates.edited("김민수 010-9999-8888", message_id=typed.message.message_id)))
    assert len(sent) == 1 and "새 메시지로" in sent[0]["plain"]
    texts = [e["text"] for e in bot.store.enquiries.recent(USER, limit=20)]
    assert "[name]" in texts and not any("김민수" in t or "9999" in t for t in texts)
    assert all(e["kind"] is None for e in bot.store.enquiries.recent(USER, limit=1))


async def test_without_a_staff_chat_the_refusal_and_mytickets_promise_no_answer(bot: BotHarness) -> None:
    bot.services.settings = Settings(token=None, db_path=bot.services.settings.db_path)
    await bot.command("/contact")
    refused = to_user(await bot.press("fu:refuse"))[0]
    assert "연결되어 있지 않습니다" in refused["plain"] and "보내 드립니다" not in refused["plain"]
    await bot.say("부지 임대 조건이 궁금합니다")
    await bot.press("fu:send")
    listing = to_user(await bot.command("/mytickets"))[0]
    assert "연결되어 있지 않습니다" in listing["plain"] and "보내 드립니다" not in listing["plain"]


async def test_no_sentence_is_said_twice(bot: BotHarness) -> None:
    await bot.command("/contact")
    await bot.say("네")
    for text in ("   ", "저는"):
        for message in to_user(await bot.say(text)):
            sentences = [s.strip() for s in message["plain"].replace("\n", ". ").split(".") if s.strip()]
            assert len(sentences) == len(set(sentences)), message["plain"]


async def test_the_forget_confirmation_can_be_answered_by_typing(bot: BotHarness) -> None:
    await bot.say("청창사 모집 기간 알려주세요")
    await bot.command("/forget")
    kept = to_user(await bot.say("아니요"))
    assert len(kept) == 1 and kept[0]["plain"].startswith("삭제를 취소했습니다")
    assert bot.store.privacy.user_data(USER)["enquiries"] > 0
    await bot.command("/forget")
    done = to_user(await bot.say("네"))
    assert len(done) == 1 and done[0]["plain"].startswith("삭제했습니다")
    assert bot.store.privacy.user_data(USER)["enquiries"] == 0
    # Without a confirmation on screen, "네" is an ordinary message again.
    assert "삭제" not in to_user(await bot.say("네"))[0]["plain"]


async def test_a_reply_to_a_step_is_never_one_of_the_persons_questions(bot: BotHarness) -> None:
    """Typed 네 (consent, /forget's confirmation cancelled with 아니요), the name, the contact and 접수 typed
    at the summary: logged, but /mydata, the staff card and `unanswered` list only the questions (the one
    asked of the bot, and the one left for staff)."""
    await bot.say("해외 전시회 참가비 지원은 몇 번까지 되나요")  # a real question first
    await fill_in(bot, "김민수입니다")
    await bot.say("네")            # 접수, typed at the summary
    await bot.command("/forget")
    await bot.say("아니요")         # keep everything
    await bot.say("취소")           # nothing to cancel
    logged = bot.store.enquiries.recent(USER, limit=20)
    steps = [e["text"] for e in logged if e["step_reply"]]
    assert steps == ["취소", "아니요", "네", "[contact]", "[name]", "네"]
    mydata = to_user(await bot.command("/mydata"))[0]["plain"]
    listed = [line.strip(" –") for line in mydata.splitlines() if line.startswith("   – ")]
    assert listed == ["수소충전소 부지 임대 조건이 궁금합니다", "해외 전시회 참가비 지원은 몇 번까지 되나요"]
    assert bot.store.enquiries.last_unanswered(USER) != "네"
    [card] = [r for r in bot.store.outbox.rows() if r["purpose"] == purpose.CARD]
    assert "해외 전시회 참가비" in card["text"] and "[name]" not in card["text"]


@pytest.mark.parametrize(("typed", "placeholder"), [
    ("Minji Park", "[name]"), ("김민지", "[name]"), ("박민지입니다", "[name]"), ("제 이름은 이서준이에요", "[name]"),
    ("my name is jane doe", "[name]"), ("minji.park@example", "[contact]"), ("010 2468 1357", "[contact]"),
    ("수출", None), ("창업 지원 뭐 있어요", None), ("네 그런데 신청은 언제까지예요?", None), ("I want a human", None),
    ("이름 말해야 돼요?", None), ("정부지원", None),
])
def test_a_name_or_contact_typed_before_consent_is_recognised(typed: str, placeholder: str | None) -> None:
    assert typed_before_consent(typed) == placeholder


@pytest.mark.parametrize("typed", ["Minji Park", "minji.park@example"])
async def test_a_name_or_contact_typed_at_the_notice_is_not_taken_nor_logged(
        bot: BotHarness, db_path: Path, typed: str) -> None:
    """People type their details straight away instead of pressing 동의: nothing was agreed to, so the text
    is neither answered as a question nor kept; the notice is shown again, with a word on why."""
    await bot.command("/contact")
    sent = to_user(await bot.say(typed))
    assert "동의해 주신 뒤에" in sent[0]["plain"] and "저장하지 않았습니다" in sent[0]["plain"]
    assert any(data.startswith("fu:agree:") for data in button_data(sent[-1]))  # the notice again
    [logged] = bot.store.enquiries.recent(USER, limit=1)
    assert logged["text"] in ("[name]", "[contact]") and logged["step_reply"] and logged["kind"] is None
    assert typed.encode() not in file_bytes(db_path)
    asked = to_user(await bot.say("네"))  # agreeing to the notice shown again still works
    assert "성함" in asked[0]["plain"]


async def test_a_question_typed_at_the_notice_is_still_answered(bot: BotHarness) -> None:
    await bot.command("/contact")
    sent = to_user(await bot.say("해외 전시회 참가비 지원은 몇 번까지 되나요"))
    assert "동의해 주신 뒤에" not in sent[0]["plain"]
    assert bot.store.enquiries.recent(USER, limit=1)[0]["text"] == "해외 전시회 참가비 지원은 몇 번까지 되나요"

"""The "talk to a person" flow as new users typed it (desk helper): a call request starts the flow, a number asked
is a contact question, a closing at a step ends the flow, only a real question is offered as the earlier one,
and markup keeps the chat's language. Through the real Application and Bot over the in-process Bot API, real
SQLite, the frozen knowledge."""
from __future__ import annotations

import pytest

from conftest import BotHarness, button_data
from desk_fixtures import STAFF, STAFF_CHAT, desk, settings  # noqa: F401 - a staff chat, its JobQueue
from handlers import consent, followup
from intents.decision import Decision

USER = 1001
AGREE = f"fu:agree:{consent.load_consent().version}"
NOTICE_KO, NOTICE_EN = "개인정보 수집·이용 동의", "Consent to the collection and use of personal information"
NAME, PHONE = "김민지", "010-2468-1357"


def to_user(sent: list[dict]) -> list[dict]:
    return [s for s in sent if s["chat_id"] == USER and s["method"] == "sendMessage"]


def shows_notice(sent: list[dict]) -> bool:
    return any(m["plain"].startswith((NOTICE_KO, NOTICE_EN)) for m in to_user(sent))


# -- wanting to talk with a person starts the flow --------------------------------------------------------

@pytest.mark.parametrize("typed", [
    "담당자분과 직접 통화해서 상담받고 싶은데 가능할까요?",
    "실제 담당자랑 통화하고 싶은데",
    "직원분이랑 얘기 좀 하고 싶어요",
    "I'd like to speak to someone from the export team",
    "can someone call me back?",
    "please call me back",
])
async def test_a_call_request_starts_the_flow_at_once(desk: BotHarness, typed: str) -> None:
    sent = await desk.say(typed)
    assert shows_notice(sent), [m["plain"][:60] for m in to_user(sent)]
    assert not any(m["plain"].startswith(("그 내용은 이 안내에 없어", "This guide does not cover that"))
                   for m in to_user(sent))


async def test_a_call_request_after_a_card_is_no_part_of_that_card(desk: BotHarness) -> None:
    card = to_user(await desk.say("무역사절단 신청 방법"))[0]
    assert card["plain"].startswith("무역사절단")
    sent = await desk.say("담당자분과 직접 통화해서 상담받고 싶은데 가능할까요?")
    assert shows_notice(sent)
    assert not any(m["plain"].startswith("무역사절단") for m in to_user(sent))  # not its 자격 or contact part


async def test_someone_who_speaks_english_is_told_the_guide_says_nothing_of_it_and_the_flow_starts(desk) -> None:
    sent = to_user(await desk.say("Can I talk to someone who speaks English?", lang="en"))
    assert sent[0]["plain"].startswith("This guide says nothing about whether the staff can talk with you in English")
    assert sent[-1]["plain"].startswith(NOTICE_EN)
    sent = to_user(await desk.say("영어로 상담 가능한 직원이랑 통화하고 싶어요"))
    assert sent[0]["plain"].startswith("이 안내에는 담당자와 영어로 상담할 수 있는지에 대한 내용이 없습니다")
    assert sent[-1]["plain"].startswith(NOTICE_KO)


async def test_asking_for_a_number_is_a_contact_question_not_the_flow(desk: BotHarness) -> None:
    sent = await desk.say("담당자 전화번호 알려주세요")
    assert not shows_notice(sent)
    assert "전화번호" in to_user(sent)[0]["plain"]  # the agency's contact FAQ
    assert not desk.app.user_data.get(USER, {}).get(followup.DRAFT)


async def test_a_question_about_the_staff_themselves_still_gets_the_offer(desk: BotHarness) -> None:
    reply = to_user(await desk.say("Do you have an English speaking staff?"))[0]
    assert reply["plain"].startswith("This guide does not cover that") and button_data(reply) == ["fu:start"]


# -- a closing at a step ends the flow ----------------------------------------------------------------

async def at_step(bot: BotHarness, step: str, lang: str = "ko") -> None:
    await bot.command("/contact", lang=lang)
    await bot.press(AGREE, lang=lang)
    if step in ("contact", "question"):
        await bot.say(NAME, lang=lang)
    if step == "question":
        await bot.say(PHONE, lang=lang)


@pytest.mark.parametrize("step", ["name", "contact", "question"])
@pytest.mark.parametrize(("typed", "lang", "said"), [
    ("thanks, bye", "en", "All right, I have stopped the question for staff here; nothing you typed for it was kept."),
    ("nevermind", "en", "All right, I have stopped"),
    ("됐어요", "ko", "알겠습니다. 담당자 문의 접수는 여기서 마치겠습니다. 적어 주신 내용은 저장하지 않았습니다."),
    ("아 네 괜찮아요 감사합니다", "ko", "알겠습니다. 담당자 문의 접수는 여기서 마치겠습니다."),
])
async def test_a_closing_at_a_step_ends_the_flow_politely(desk: BotHarness, step: str, typed: str, lang: str,
                                                         said: str) -> None:
    await at_step(desk, step, lang)
    reply = to_user(await desk.say(typed, lang=lang))[0]
    assert reply["plain"].startswith(said)
    assert typed not in reply["plain"]  # not taken as the name ("Thank you, thanks, bye")
    assert not desk.app.user_data.get(USER, {}).get(followup.DRAFT)
    assert desk.store.tickets.of_user(USER) == []
    # What comes next is a question again, not a step of the flow.
    assert not shows_notice(await desk.say("무역사절단 신청 방법"))
    assert desk.last_enquiry()["kind"] == "answer"


@pytest.mark.parametrize(("typed", "lang"), [("아니요", "ko"), ("아닙니다 됐습니다", "ko"), ("no", "en")])
async def test_a_no_where_the_name_is_asked_is_no_name(desk: BotHarness, typed: str, lang: str) -> None:
    await at_step(desk, "name", lang)
    reply = to_user(await desk.say(typed, lang=lang))[0]
    assert f"{typed}님" not in reply["plain"] and "Thank you, no" not in reply["plain"]  # tester16: "아니님, …"
    assert not desk.app.user_data.get(USER, {}).get(followup.DRAFT)
    assert desk.store.tickets.of_user(USER) == []


async def test_a_name_is_still_a_name(desk: BotHarness) -> None:
    await at_step(desk, "name")
    assert to_user(await desk.say("네 김민지입니다"))[0]["plain"].startswith(f"{NAME}님")


# -- only a question is offered as the earlier one --------------------------------------------------------

QUESTION = "수소 충전소 부지 임대료는 얼마인가요"


@pytest.mark.parametrize("junk", ["ㅠㅠ 너무 어렵네요", "🤔🤔", "<script>alert('x')</script>", "헐 대박 ㅋㅋㅋ",
                                  "https://example.com/x?y=1", "ㅇㅋ ㄱㄱ"])
async def test_junk_after_a_question_is_not_offered_the_question_before_it_is(desk: BotHarness, junk: str) -> None:
    await desk.say(QUESTION)
    await desk.say(junk)
    await desk.command("/contact")
    await desk.press(AGREE)
    await desk.say(NAME)
    asked = to_user(await desk.say(PHONE))[0]
    assert f"<blockquote>{QUESTION}</blockquote>" in asked["text"]


async def test_with_only_junk_before_it_the_person_is_asked_to_type_the_question(desk: BotHarness) -> None:
    await desk.say("ㅠㅠ 너무 어렵네요")
    await desk.say("<script>alert('x')</script>")
    await desk.command("/contact")
    await desk.press(AGREE)
    await desk.say(NAME)
    asked = to_user(await desk.say(PHONE))[0]
    assert "blockquote" not in asked["text"] and button_data(asked) == ["fu:cancel"]
    assert asked["plain"].startswith("담당자에게 전할 질문을 적어 주세요")


def test_the_store_passes_over_what_is_not_worth_passing_on(store) -> None:
    for text in (QUESTION, "ㅠㅠ"):
        enquiry = store.enquiries.record(user_id=USER, chat_id=USER, lang="ko", text=text)
        store.enquiries.record_decision(enquiry, _fallback(), 1.0)
    assert store.enquiries.last_unanswered(USER) == "ㅠㅠ"
    assert store.enquiries.last_unanswered(USER, worth=lambda text: text != "ㅠㅠ") == QUESTION


def _fallback() -> Decision:
    return Decision("fallback", None, None, 0.0, (), "ko")


# -- markup keeps the chat's language -----------------------------------------------------------------------

async def test_markup_alone_keeps_a_korean_chat_korean(desk: BotHarness) -> None:
    await desk.say("무역사절단 신청 방법")
    reply = to_user(await desk.say("<script>alert('x')</script>"))[0]
    assert reply["plain"].startswith("죄송합니다")
    assert desk.app.user_data[USER]["seen_lang"] == "ko"


# -- greetings in other languages, laughter and emoji after an answer ----------------------------------------

@pytest.mark.parametrize("hello", ["xin chào", "hola", "bonjour", "你好", "こんにちは", "привет", "salam"])
async def test_a_greeting_in_another_language_is_greeted_in_english(desk: BotHarness, hello: str) -> None:
    reply = to_user(await desk.say(hello))[0]  # a user Telegram calls Korean
    assert reply["plain"].startswith("Hello! This is"), reply["plain"][:60]
    assert desk.last_enquiry()["item_id"] == "greeting"


async def test_a_korean_greeting_is_still_greeted_in_korean(desk: BotHarness) -> None:
    assert to_user(await desk.say("안녕하세요"))[0]["plain"].startswith("안녕하세요!")


@pytest.mark.parametrize("nod", ["ㅋㅋㅋ", "🤔", "ㅎㅎ"])
async def test_laughter_or_an_unclear_emoji_just_after_an_answer_is_a_nod(desk: BotHarness, nod: str) -> None:
    assert to_user(await desk.say(nod))[0]["plain"].startswith("궁금하신 내용을 한 문장으로")  # nothing answered yet
    await desk.say("무역사절단 뭐예요")
    assert to_user(await desk.say(nod))[0]["plain"] == "더 궁금하신 점이 있으시면 편하게 물어보세요."


async def test_thanks_emoji_after_an_intents_reply_is_thanks(desk: BotHarness) -> None:
    await desk.say("도움말")
    assert desk.last_enquiry()["item_id"] == "help"
    assert to_user(await desk.say("🙏🙏"))[0]["plain"].startswith("도움이 되었다니 다행입니다")


async def test_a_consultation_about_a_topic_is_no_call_request(desk: BotHarness) -> None:
    # 전문가/직원 without a particle of talking with someone, or beside a program's topic: the matcher's answer.
    for typed in ("직원 교육 상담받고 싶어요", "개발한 의료기기 식약처 허가 받는 방법을 전문가한테 상담받고 싶어요"):
        assert not shows_notice(await desk.say(typed)), typed


async def test_a_call_request_naming_a_program_is_the_flow_not_its_contact_lines(desk: BotHarness) -> None:
    assert shows_notice(await desk.say("무역사절단 담당자랑 통화하고 싶어요"))

"""What new users said to the bot about the bot itself, and the talk-to-a-person flow (desk6 helper's testers): the
bot's features asked in words (alerts, their tickets), a call request after a card with no contact, code typed as
a test, an upset question, greetings and thanks in the languages of foreign workers, thanks with nothing answered,
contact details typed into the chat, and markup offered to staff. Through the real Application and Bot over the
in-process Bot API, real SQLite, the frozen knowledge (and blind2's, whose agency has an FAQ on its own alerts)."""
from __future__ import annotations

import pytest

from conftest import ROOT, BotHarness, FROZEN_INTENTS, button_data
from desk_fixtures import desk, settings  # noqa: F401 - a staff chat, its JobQueue
from handlers import callback_data as cb
from handlers import consent, followup
from handlers.followup import words
from intents.matcher import Matcher
from knowledge.loader import load_or_raise

USER = 1001
AGREE = f"fu:agree:{consent.load_consent().version}"
NOTICE_KO, NOTICE_EN = "개인정보 수집·이용 동의", "Consent to the collection and use of personal information"
NAME, PHONE = "김민지", "010-2468-1357"
ALERTS_KO = "지원사업 안내 카드의 🔔 '접수 알림 받기' 버튼을 누르시면"
ALERTS_EN = "Press 🔔 'Tell me when it opens' on a program's card"


def to_user(sent: list[dict]) -> list[dict]:
    return [s for s in sent if s["chat_id"] == USER and s["method"] == "sendMessage"]


def shows_notice(sent: list[dict]) -> bool:
    return any(m["plain"].startswith((NOTICE_KO, NOTICE_EN)) for m in to_user(sent))


# -- the bot's features asked in words --------------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "said"), [
    ("마감 전에 알림 받고 싶어요", ALERTS_KO), ("새 공고 뜨면 알려 주세요", ALERTS_KO), ("알림 신청 가능한가요", ALERTS_KO),
    ("Can you notify me when a new program opens?", ALERTS_EN), ("let me know when new programs open", ALERTS_EN),
])
async def test_alerts_asked_in_words_are_told_how_with_the_areas(desk: BotHarness, typed: str, said: str) -> None:
    sent = to_user(await desk.say(typed))
    assert len(sent) == 1 and sent[0]["plain"].startswith(said), sent[0]["plain"][:60]
    assert "/alerts" in sent[0]["plain"] and cb.AREAS in button_data(sent[0])


async def test_alerts_asked_list_the_persons_own_alerts_as_alerts_does(desk: BotHarness) -> None:
    await desk.say("무역사절단 뭐예요")
    await desk.press("al:p:trade-mission")
    reply = to_user(await desk.say("새 공고 뜨면 알려 주세요"))[0]
    assert "신청하신 알림" in reply["plain"] and "무역사절단" in reply["plain"]
    assert any(d.startswith("al:x:") for d in button_data(reply))  # its stop button, as /alerts shows it


async def test_an_alert_asked_for_a_named_program_is_its_card_with_the_bell(desk: BotHarness) -> None:
    sent = to_user(await desk.say("무역사절단 공고 나오면 알려주세요"))  # only suggested: the how, and its card's button
    assert sent[0]["plain"].startswith(ALERTS_KO) and cb.program("trade-mission") in button_data(sent[0])
    sent = to_user(await desk.say("무역사절단 모집 시작되면 알림 받고 싶어요"))  # answered: the mission's card
    assert sent[0]["plain"].startswith("아래 카드의 🔔 '접수 알림 받기' 버튼을 누르시면 무역사절단")
    assert sent[1]["plain"].startswith("무역사절단") and "al:p:trade-mission" in button_data(sent[1])


async def test_a_period_question_is_no_alert_request(desk: BotHarness) -> None:
    sent = to_user(await desk.say("무역사절단 마감 언제예요"))
    assert not any(ALERTS_KO in m["plain"] or "🔔 '접수 알림" in m["plain"][:40] for m in sent)
    assert desk.last_enquiry()["item_id"] == "trade-mission"


async def test_an_agencys_own_faq_on_alerts_answers_for_it(make_bot) -> None:
    kb = load_or_raise(ROOT / "tests" / "data" / "blind2" / "knowledge", FROZEN_INTENTS)
    async with make_bot(kb, Matcher(kb)) as other:
        reply = (await other.say("새 공고 나오면 알림 받을 수 있나요"))[0]
    assert reply["plain"].startswith(kb.get("notice-alerts").answer.get("ko")[:20])


@pytest.mark.parametrize(("typed", "said"), [
    ("내 문의 처리됐나요?", "아직 접수하신 문의가 없습니다"), ("제가 남긴 질문 답변 왔어요?", "아직 접수하신 문의가 없습니다"),
    ("did staff answer my question?", "You have no tickets yet"),
])
async def test_tickets_asked_in_words_are_what_mytickets_shows(desk: BotHarness, typed: str, said: str) -> None:
    lang = "en" if typed.isascii() else "ko"
    assert to_user(await desk.say(typed, lang=lang))[0]["plain"].startswith(said)
    await desk.command("/contact")
    await desk.press(AGREE)
    await desk.say(NAME)
    await desk.say(PHONE)
    await desk.say("수소 충전소 부지 임대료는 얼마인가요")
    await desk.press("fu:send")
    listed = to_user(await desk.say(typed, lang=lang))[0]["plain"]
    assert listed.startswith(("내 문의 내역", "Your tickets")) and "수소 충전소" in listed


@pytest.mark.parametrize("typed", ["내년 문의 처리 일정 알려주세요", "제출 서류 확인은 어디서 해요", "자격 알려 주세요",
                                   "신청 가능하면 알려주세요", "my question is about export",
                                   "Please answer my question about the trade mission"])
def test_words_of_a_program_question_ask_for_no_feature(typed: str) -> None:
    assert words.feature_asked(typed) is None


# -- talking to a person after a card without a staff contact -------------------------------------------------------

@pytest.mark.parametrize(("card", "typed"), [("고용24", "담당자랑 통화하고 싶어요"),
                                             ("글로벌 마케터 육성", "담당자한테 전화 좀 하고 싶은데요"),
                                             ("글로벌 마케터 육성", "담당자분께 전화해보고 싶어요"),
                                             ("무역사절단", "담당자한테 전화할게요")])
async def test_a_call_request_after_a_card_without_staff_starts_the_flow(desk: BotHarness, card: str, typed: str) -> None:
    await desk.say(card)
    assert shows_notice(await desk.say(typed))


async def test_a_call_request_naming_the_referred_body_keeps_its_card(desk: BotHarness) -> None:
    await desk.say("고용24")
    sent = await desk.say("고용센터 담당자랑 통화하고 싶어요")
    assert not shows_notice(sent) and "055-239-0940" in to_user(sent)[0]["plain"]


# -- code typed as a test ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("junk", ["' OR 1=1 --", "'; DROP TABLE users; --", "<script>alert(1)</script>", "{{7*7}}"])
async def test_code_is_not_understood_and_starts_nothing(desk: BotHarness, junk: str) -> None:
    sent = await desk.say(junk)
    assert to_user(sent)[0]["plain"].startswith("죄송합니다, 보내 주신 내용을 이해하지 못했습니다")
    assert not shows_notice(sent) and not desk.app.user_data.get(USER, {}).get(followup.DRAFT)


# -- upset beside a question ---------------------------------------------------------------------------------------

async def test_an_upset_question_is_apologised_for_first_then_answered(desk: BotHarness) -> None:
    sent = to_user(await desk.say("😡 무역사절단 신청했는데 연락이 없어요 언제 알려줘요"))
    assert sent[0]["plain"] == "불편을 드려 죄송합니다. 확인할 수 있는 내용을 안내해 드리겠습니다."
    assert sent[1]["plain"].startswith("무역사절단")
    calm = to_user(await desk.say("무역사절단 신청 방법"))
    assert not calm[0]["plain"].startswith("불편을 드려")
    moved = to_user(await desk.say("감사합니다 😭"))
    assert moved[0]["plain"].startswith("도움이 되었다니 다행입니다")


@pytest.mark.parametrize("typed", ["너무 늦게 신청했는데 되나요", "몇 번째 기수예요?", "I graduated last year and still no job",
                                   "아버지가 집에만 계시니 답답해하셔서 일자리 찾아요"])
def test_words_of_another_trouble_are_no_upset(typed: str) -> None:
    assert not words.says_upset(typed)


# -- greetings and thanks of foreign workers; thanks with nothing answered -----------------------------------------

@pytest.mark.parametrize("hello", ["Magandang umaga po", "Kumusta po", "selamat sore", "สวัสดีครับ", "नमस्ते",
                                   "assalomu alaykum", "доброе утро", "早上好", "сайн уу"])
async def test_greetings_of_foreign_workers_are_greeted(desk: BotHarness, hello: str) -> None:
    reply = to_user(await desk.say(hello))[0]
    assert reply["plain"].startswith("Hello! This is"), reply["plain"][:60]


@pytest.mark.parametrize("thanks", ["salamat po", "cảm ơn", "terima kasih", "ขอบคุณครับ", "спасибо", "谢谢", "баярлалаа"])
async def test_thanks_of_foreign_workers_are_thanks(desk: BotHarness, thanks: str) -> None:
    await desk.say("무역사절단 뭐예요")
    await desk.say(thanks)
    assert desk.last_enquiry()["item_id"] == "thanks"


async def test_thanks_after_only_a_hello_is_no_thanks_for_help(desk: BotHarness) -> None:
    await desk.say("안녕하세요")
    assert to_user(await desk.say("🙏🙏🙏"))[0]["plain"].startswith("궁금하신 내용을 한 문장으로")
    assert to_user(await desk.say("감사합니다"))[0]["plain"].startswith("네, 궁금하신 점이 있으시면")
    await desk.say("무역사절단 뭐예요")
    assert to_user(await desk.say("감사합니다"))[0]["plain"].startswith("도움이 되었다니 다행입니다")


# -- contact details typed into the chat -----------------------------------------------------------------------------

@pytest.mark.parametrize("typed", ["제 번호는 010-9876-5432예요", "내 연락처 바꾸고 싶어요", "my email is minji@example.com"])
async def test_contact_details_point_to_the_staff_flow_and_are_not_kept(desk: BotHarness, typed: str) -> None:
    reply = to_user(await desk.say(typed))[0]
    assert reply["plain"].startswith(("개인정보 보호를 위해", "To protect your privacy")) and cb.STAFF in button_data(reply)
    assert "/mytickets" in reply["plain"]
    logged = desk.last_enquiry()["text"]
    assert "9876" not in logged and "minji@" not in logged


# -- markup offered or kept for staff --------------------------------------------------------------------------------

async def test_markup_is_stripped_from_the_question_offered_and_kept(desk: BotHarness) -> None:
    await desk.say("<b>urgent</b> <script>alert(1)</script> please reply")
    await desk.command("/contact")
    await desk.press(AGREE)
    await desk.say(NAME)
    asked = to_user(await desk.say(PHONE))[0]
    assert "<blockquote>urgent please reply</blockquote>" in asked["text"] and "script" not in asked["plain"]
    await desk.press("fu:other")
    await desk.say("<i>수소 충전소</i> 부지 <script>x()</script>임대료는 얼마인가요")
    await desk.press("fu:send")
    assert desk.store.tickets.of_user(USER)[0]["question"] == "수소 충전소 부지 임대료는 얼마인가요"

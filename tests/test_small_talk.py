"""Small talk that asks nothing of the knowledge base (handlers/conversing.py answer_small_talk,
intents/chat.py, intents/lexicon/conversation.yaml), through the real Application, the in-process Bot API,
a real SQLite store and the frozen knowledge: "are you a bot?" answered honestly, `...` with a short prompt,
emoji-only messages by what their emoji mean, and the chat phrases people write landing on their intents."""
from __future__ import annotations

import pytest

from conftest import FROZEN_INTENTS, ROOT, button_data
from handlers import callback_data as cb
from handlers.followup.common import DRAFT
from intents.chat import asks_identity, emoji_mood, says_nothing
from intents.lexicon import load_lexicon
from intents.matcher import Matcher
from knowledge.loader import load_or_raise

USER = 1001
LEXICON = load_lexicon()


@pytest.mark.parametrize("text", ["너 봇이야?", "사람이에요?", "AI야?", "누구세요", "챗봇이에요?", "진짜 사람 맞아요?",
                                  "봇이야 사람이야?", "실제 사람이 답하는 거예요?"])
async def test_are_you_a_bot_is_answered_honestly_in_korean(bot, kb, text):
    sent = await bot.say(text)
    assert len(sent) == 1, "one honest answer, no contact flow after it"
    reply = sent[0]
    assert reply["plain"].startswith("저는 사람이 아니라 창원산업진흥원의 자동 안내 챗봇입니다")
    assert kb.areas[0].name.get("ko") in reply["plain"]  # what it can do: the knowledge base's areas
    assert "담당자" in reply["plain"] and cb.STAFF in button_data(reply)  # and a person can follow up
    assert not bot.app.user_data.get(USER, {}).get(DRAFT)  # `사람이에요?` asks, it does not ask for staff


@pytest.mark.parametrize("text", ["are you a bot", "Are you a bot or a human?", "r u a bot?", "is this a real person?",
                                  "who are you?"])
async def test_are_you_a_bot_is_answered_honestly_in_english(bot, text):
    reply = (await bot.say(text))[0]
    assert reply["plain"].startswith("I'm not a person: I'm an automated guide bot for Changwon Industry Promotion Agency")
    assert "staff" in reply["plain"] and cb.STAFF in button_data(reply)


async def test_the_bots_name_is_the_agency_the_knowledge_base_names(make_bot):
    kb = load_or_raise(ROOT / "tests" / "data" / "blind" / "knowledge", FROZEN_INTENTS)
    async with make_bot(kb, Matcher(kb)) as other:
        reply = (await other.say("너 봇이야?"))[0]
    assert "달구벌융합산업진흥원의 자동 안내 챗봇" in reply["plain"] and "창원" not in reply["plain"]
    alt = load_or_raise(ROOT / "tests" / "data" / "alt" / "knowledge", FROZEN_INTENTS)  # names no agency
    async with make_bot(alt, Matcher(alt)) as nameless:
        reply = (await nameless.say("are you a bot?"))[0]
    assert reply["plain"].startswith("I'm not a person: I'm an automated guide bot for the agency.")


async def test_questions_that_only_share_a_word_are_not_asked_of_the_bot(bot):
    reply = (await bot.say("AI 빅데이터 기업 청년 채용 지원 있어요?"))[0]
    assert not reply["plain"].startswith("저는 사람이 아니라")
    sent = await bot.say("사람이랑 얘기하고 싶어요")
    assert any("개인정보" in m["plain"] for m in sent)  # a request for a person still starts the contact flow


@pytest.mark.parametrize("text", ["...", "??", "ㅡㅡ", "!", "ㅋㅋ"])
async def test_a_message_that_says_nothing_gets_a_short_prompt_not_the_apology(bot, text):
    reply = (await bot.say(text))[0]
    assert reply["plain"].startswith("궁금하신 내용을 한 문장으로 적어 주시면")
    assert "찾지 못했습니다" not in reply["plain"]
    assert cb.AREAS in button_data(reply)  # with the menu


async def test_emoji_thanks_after_an_answer_but_not_before_one(bot):
    first = (await bot.say("😀👍🙏"))[0]  # nothing answered yet: nothing to thank for
    assert first["plain"].startswith("궁금하신 내용을 한 문장으로")
    await bot.say("무역사절단 뭐예요")
    assert bot.last_enquiry()["item_id"] == "trade-mission"
    after = (await bot.say("😀👍🙏"))[0]
    assert after["plain"].startswith("도움이 되었다니 다행입니다")


async def test_a_smile_alone_is_a_hello_and_sadness_or_anger_is_never_thanks(bot):
    assert (await bot.say("😀"))[0]["plain"].startswith("안녕하세요! 창원산업진흥원 안내 챗봇입니다")
    await bot.say("무역사절단 뭐예요")
    for face in ("😢", "😡"):
        reply = (await bot.say(face))[0]
        assert reply["plain"].startswith("불편을 드렸다면 죄송합니다")
        assert "도움이 되었다니" not in reply["plain"] and cb.STAFF in button_data(reply)
    assert (await bot.say("🤔"))[0]["plain"].startswith("궁금하신 내용을 한 문장으로")  # no clear meaning, nor just answered


@pytest.mark.parametrize(("text", "intent"), [
    ("뭐해?", "greeting"), ("심심해", "greeting"), ("반가워요", "greeting"),
    ("im bored", "greeting"), ("how are you?", "greeting"),
    ("수고하셨습니다", "goodbye"), ("잘 모르겠어요", "help"), ("어떻게 써요?", "help"),
    ("무슨 말이에요?", "help"), ("help me", "help"), ("what is this", "help"), ("i dont understand", "help")])
async def test_chat_phrases_people_write_land_on_their_intent(bot, text, intent):
    await bot.say(text)
    assert bot.last_enquiry()["item_id"] == intent


def test_identity_and_emoji_are_read_from_the_chat_lexicon():
    assert asks_identity("넌 로봇이니?", LEXICON) and asks_identity("hey, am I talking to a human?", LEXICON)
    assert not asks_identity("로봇 도입 지원 있나요", LEXICON) and not asks_identity("봇 말고 사람", LEXICON)
    assert says_nothing("?!...", LEXICON) and not says_nothing("👍", LEXICON) and not says_nothing("수출", LEXICON)
    assert emoji_mood("👍🏻", LEXICON) == "thanks" and emoji_mood("🙂", LEXICON) == "greeting"
    assert emoji_mood("🆘", LEXICON) is None  # read by the matcher as its word (도와주세요)
    assert emoji_mood("안녕 😊", LEXICON) is None  # beside words an emoji is decoration

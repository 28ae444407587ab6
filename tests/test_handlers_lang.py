"""/lang, and which language the bot answers in."""
from __future__ import annotations

from bot import build_application
from botapi.inprocess import InProcessBotAPI
from botapi.updates import UpdateFactory
from conftest import button_data


async def test_lang_offers_both_languages_and_keeps_the_choice(bot):
    choice = (await bot.command("/lang"))[0]
    assert button_data(choice) == ["l:ko", "l:en"]
    confirmed = await bot.press("l:en")
    assert (confirmed[0]["method"], confirmed[0]["message_id"]) == ("editMessageText", choice["message_id"])
    assert confirmed[0]["plain"] == "I will answer in English from now on."
    assert (await bot.command("/start"))[0]["plain"].startswith("Hello")
    # A Korean question is answered in English once English is chosen.
    assert "Trade Mission" in (await bot.say("무역사절단 신청 방법"))[0]["plain"]
    await bot.press("l:ko")
    assert (await bot.command("/start"))[0]["plain"].startswith("안녕하세요")


async def test_unknown_language_button_is_stale(bot):
    await bot.command("/lang")
    assert await bot.press("l:fr") == []
    assert "no longer" in bot.api.answers[-1]["text"] or "더 이상" in bot.api.answers[-1]["text"]


async def test_the_chosen_language_survives_a_restart(settings, kb, matcher, store):
    for run in range(2):
        api = InProcessBotAPI()
        app = build_application(settings, kb=kb, matcher=matcher, store=store, request=api, get_updates_request=api)
        async with app:
            updates = UpdateFactory(app.bot)
            if run == 0:
                await app.process_update(updates.command("/lang"))
                await app.process_update(updates.callback("l:en"))
            else:
                await app.process_update(updates.command("/start"))
                assert api.sent[-1]["plain"].startswith("Hello")
    # Kept beside the database, readable by its owner only (it may hold what people typed mid-conversation).
    assert settings.state_path.parent == settings.db_path.parent
    assert settings.state_path.stat().st_mode & 0o077 == 0


KOREAN_FALLBACK = "죄송합니다. 말씀하신 내용에 맞는 안내를 찾지 못했습니다"


async def test_text_without_words_does_not_switch_a_korean_user_to_english(bot):
    """Markup, entities or symbols tell no language: Telegram's language_code (here ko) stands."""
    for typed in ("<b>x</b>", "&amp;"):  # (markup alone reads as code: "could not understand", desk6)
        sent = await bot.say(typed)
        assert sent[0]["plain"].startswith((KOREAN_FALLBACK, "죄송합니다, 보내 주신 내용을 이해하지 못했습니다")), typed
    for typed in ("???", "~~"):  # saying nothing: the short prompt (handlers/conversing.py), in Korean too
        sent = await bot.say(typed)
        assert sent[0]["plain"].startswith("궁금하신 내용을 한 문장으로"), typed
    # ...and nothing was kept: the next unclear message is still answered in Korean.
    sent = await bot.say("1234")
    assert sent[0]["plain"].startswith(KOREAN_FALLBACK)
    assert bot.app.user_data[1001].get("seen_lang") in (None, "ko")


async def test_an_english_question_that_is_understood_is_answered_in_english(bot):
    sent = await bot.say("How do I apply for the trade mission?")
    assert not sent[0]["plain"].startswith(KOREAN_FALLBACK) and "신청" not in sent[0]["plain"][:20]
    assert bot.app.user_data[1001]["seen_lang"] == "en"


async def test_a_plainly_english_question_nobody_can_answer_gets_the_fallback_in_english(bot):
    """Telegram calls this user Korean, but the sentence is plainly English: the apology is English too.
    A Korean sentence afterwards switches back, unanswerable as well."""
    sent = await bot.say("Can you book me a table at a seafood restaurant near the harbour?")
    assert not sent[0]["plain"].startswith(KOREAN_FALLBACK) and sent[0]["plain"].startswith("I'm sorry")
    assert bot.app.user_data[1001]["seen_lang"] == "en"
    sent = await bot.say("항구 근처 횟집 예약 좀 해 주세요")
    assert sent[0]["plain"].startswith(KOREAN_FALLBACK)


async def test_a_language_chosen_with_lang_is_kept_whatever_is_typed(bot):
    await bot.command("/lang")
    await bot.press("l:ko")
    await bot.say("How do I apply for the trade mission?")
    sent = await bot.say("&amp;")
    assert sent[0]["plain"].startswith(KOREAN_FALLBACK)
    assert bot.app.user_data[1001].get("seen_lang") != "en"


async def test_a_courtesy_keeps_the_language_the_chat_is_in(bot):
    """A new user's test (tester7): `thx!` after Korean questions was thanked in English, with an English menu.
    Thanks, bye and hello say nothing of the language the person reads; the chat's language stands, and the
    next question still decides its own. In a chat with no language yet, a courtesy is answered in its own."""
    await bot.say("무역사절단 신청 방법")
    (thanked,) = await bot.say("thx!")
    assert "help" not in thanked["plain"].lower() and bot.app.user_data[1001]["seen_lang"] == "ko"
    assert any("\uac00" <= ch <= "\ud7a3" for ch in thanked["plain"])
    await bot.say("How do I apply for the trade mission?")
    (thanked,) = await bot.say("감사합니다")
    assert not any("\uac00" <= ch <= "\ud7a3" for ch in thanked["plain"]), thanked["plain"]


async def test_a_courtesy_first_is_answered_in_its_own_language(bot):
    (hello,) = await bot.say("hello")
    assert hello["plain"].startswith("Hello"), hello["plain"]

"""The in-process Bot API: a real python-telegram-bot Application and Bot talking to it."""
from __future__ import annotations

import asyncio
import datetime as dt
import html
import time

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    MessageHandler,
    filters,
)

from botapi import InProcessBotAPI, UpdateFactory
from botapi.inprocess import BOT_ID, BOT_USERNAME
from botapi.telegram_html import HTMLParseError, parse_html


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Echo the text in bold, with one callback button and one URL button."""
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("자격요건", callback_data="aspect:eligibility"),
                                      InlineKeyboardButton("홈페이지", url="https://www.cwip.or.kr")]])
    await update.effective_message.reply_text(f"<b>echo</b> {html.escape(update.effective_message.text)}",
                                              reply_markup=keyboard)


async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer the button press, then edit the message it was on."""
    query = update.callback_query
    await query.answer()
    await query.edit_message_text(f"pressed <code>{html.escape(query.data)}</code>")


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.effective_message.reply_text("welcome " + " ".join(context.args))


@pytest.fixture
def api() -> InProcessBotAPI:
    return InProcessBotAPI()


@pytest.fixture
def app(api):
    application = (
        ApplicationBuilder().token("123:TEST").request(api).get_updates_request(api).updater(None)
        .defaults(Defaults(parse_mode=ParseMode.HTML)).build()
    )
    application.add_handler(CommandHandler("start", start))
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    application.add_handler(CallbackQueryHandler(pressed))
    return application


@pytest.fixture
def factory(app) -> UpdateFactory:
    return UpdateFactory(app.bot)


async def test_echo_reply_is_recorded_with_parse_mode_and_buttons(app, api, factory):
    async with app:
        assert app.bot.id == BOT_ID and app.bot.username == BOT_USERNAME
        await app.process_update(factory.message("청창사 <언제> 모집해요"))
    [reply] = api.sent
    assert reply["method"] == "sendMessage"
    assert reply["chat_id"] == 1001
    assert reply["text"] == "<b>echo</b> 청창사 &lt;언제&gt; 모집해요"
    assert reply["plain"] == "echo 청창사 <언제> 모집해요"
    assert reply["parse_mode"] == "HTML"
    buttons = reply["reply_markup"]["inline_keyboard"][0]
    assert [b["text"] for b in buttons] == ["자격요건", "홈페이지"]
    assert buttons[0]["callback_data"] == "aspect:eligibility"
    assert ("getMe", {}) in api.calls


async def test_sent_message_is_a_full_message_with_increasing_ids(app, api):
    async with app:
        first = await app.bot.send_message(42, "one")
        second = await app.bot.send_message(42, "two")
        other = await app.bot.send_message(43, "three")
    assert second.message_id == first.message_id + 1
    assert other.message_id == 1
    assert first.from_user.id == BOT_ID and first.from_user.is_bot
    assert first.chat.id == 42 and first.chat.type == "private"
    assert abs(first.date.timestamp() - time.time()) < 5
    assert [e["text"] for e in api.sent_to(42)] == ["one", "two"]


async def test_button_press_answers_and_edits_the_stored_message(app, api, factory):
    async with app:
        await app.process_update(factory.message("hello"))
        card = api.sent[-1]
        await app.process_update(factory.callback("aspect:eligibility"))
    edit = api.sent[-1]
    assert edit["method"] == "editMessageText"
    assert edit["message_id"] == card["message_id"]
    assert edit["reply_markup"] is None  # an edit that does not repeat the keyboard drops it
    assert len(api.answers) == 1
    stored = api.message(1001, card["message_id"])
    assert stored["text"] == "pressed aspect:eligibility"
    assert stored["entities"] == [{"type": "code", "offset": 8, "length": 18}]
    assert "edit_date" in stored


async def test_user_and_bot_messages_share_the_chat_sequence(app, api, factory):
    async with app:
        question = factory.message("hi")
        await app.process_update(question)
    assert api.sent[-1]["message_id"] == question.message.message_id + 1


async def test_command_with_deep_link_argument(app, api, factory):
    update = factory.command("/start", args="cyc")
    assert update.message.entities[0].type == "bot_command"
    async with app:
        await app.process_update(update)
    assert api.sent[-1]["text"] == "welcome cyc"


async def test_editing_to_the_same_content_is_refused_like_telegram(app, api):
    async with app:
        msg = await app.bot.send_message(5, "same")
        with pytest.raises(BadRequest, match="not modified"):
            await app.bot.edit_message_text("same", chat_id=5, message_id=msg.message_id)
        with pytest.raises(BadRequest, match="not found"):
            await app.bot.edit_message_text("x", chat_id=5, message_id=999)


async def test_bad_html_and_limits_are_refused_like_telegram(app, api):
    async with app:
        with pytest.raises(BadRequest, match="(?i)can't parse entities"):
            await app.bot.send_message(5, "a < b")
        with pytest.raises(BadRequest, match="(?i)unsupported start tag \"br\""):
            await app.bot.send_message(5, "line<br>line")
        with pytest.raises(BadRequest, match="too long"):
            await app.bot.send_message(5, "가" * 4097)
        with pytest.raises(BadRequest, match="(?i)text is empty"):
            await app.bot.send_message(5, "<b> </b>")
        too_long = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="d" * 65)]])
        with pytest.raises(BadRequest, match="(?i)button_data_invalid"):
            await app.bot.send_message(5, "ok", reply_markup=too_long)
        await app.bot.send_message(5, "가" * 4096)  # exactly at the limit is fine
    assert len(api.sent) == 1


async def test_length_is_counted_like_telegram_in_utf16_after_parsing(app, api):
    """An emoji is two UTF-16 units; tags count nothing and &amp; one: as Telegram counts (sends and edits)."""
    async with app:
        with pytest.raises(BadRequest, match="(?i)message is too long"):
            await app.bot.send_message(5, "😊" * 2049)  # 2,049 characters, 4,098 units
        msg = await app.bot.send_message(5, "😊" * 2048)  # 4,096 units: fits
        with pytest.raises(BadRequest, match="(?i)message is too long"):
            await app.bot.edit_message_text("😊" * 2048 + "가", chat_id=5, message_id=msg.message_id)
        await app.bot.send_message(5, "<b>" + "가" * 4096 + "</b>")
        await app.bot.send_message(5, "&amp;" * 4096)
    assert len(api.sent) == 3


async def test_a_button_notification_over_200_characters_is_refused_like_telegram(app, api, factory):
    async with app:
        with pytest.raises(BadRequest, match="(?i)message_too_long"):
            await factory.callback("x").callback_query.answer("😊" * 101, show_alert=True)  # 202 units
        await factory.callback("y").callback_query.answer("가" * 200, show_alert=True)
    assert [a["text"] for a in api.answers] == ["가" * 200]


async def test_answering_a_callback_query_twice_fails(app, api, factory):
    async with app:
        update = factory.callback("x")
        await update.callback_query.answer()
        with pytest.raises(BadRequest, match="(?i)query is too old"):
            await update.callback_query.answer()


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # PTB 22 warns on RetryAfter.retry_after
async def test_fault_injection(app, api):
    async with app:
        api.fail_next("sendMessage", 429, retry_after=3)
        with pytest.raises(RetryAfter) as info:
            await app.bot.send_message(5, "x")
        assert info.value.retry_after in (3, dt.timedelta(seconds=3))
        api.fail_next("sendMessage", 403)
        with pytest.raises(Forbidden, match="blocked"):
            await app.bot.send_message(5, "x")
        api.fail_next("*", 502, times=2)
        for _ in range(2):
            with pytest.raises(NetworkError):
                await app.bot.send_message(5, "x")
        await app.bot.send_message(5, "finally")
    assert [e["text"] for e in api.sent] == ["finally"]
    assert len(api.calls_of("sendMessage")) == 5


async def test_delay_longer_than_read_timeout_times_out(app, api):
    async with app:
        api.delay_next("sendMessage", 0.3)
        with pytest.raises(TimedOut):
            await app.bot.send_message(5, "slow", read_timeout=0.05)
        api.delay_next("sendMessage", 0.05)
        await app.bot.send_message(5, "late but fine", read_timeout=1)
    assert [e["text"] for e in api.sent] == ["late but fine"]


async def test_unknown_method_is_an_error(app, api):
    status, body = await api.serve("sendDice", {"chat_id": 1})
    assert status == 404
    assert body == {"ok": False, "error_code": 404, "description": "Not Found: method not found"}


async def test_commands_chat_actions_and_documents(app, api):
    from telegram import BotCommand, BotCommandScopeAllPrivateChats

    async with app:
        await app.bot.set_my_commands([BotCommand("start", "시작"), BotCommand("help", "도움말")], language_code="ko")
        await app.bot.set_my_commands([BotCommand("start", "Start")], scope=BotCommandScopeAllPrivateChats())
        assert [c.command for c in await app.bot.get_my_commands(language_code="ko")] == ["start", "help"]
        assert await app.bot.get_my_commands() == ()
        with pytest.raises(BadRequest, match="(?i)bot_command_invalid"):
            await app.bot.set_my_commands([BotCommand("Bad-Name", "x")])
        await app.bot.delete_my_commands(language_code="ko")
        assert await app.bot.get_my_commands(language_code="ko") == ()
        assert await app.bot.send_chat_action(5, "typing")
        doc = await app.bot.send_document(5, b"a,b\n1,2\n", filename="export.csv", caption="내보내기")
        assert doc.document.file_name == "export.csv"
        chat = await app.bot.get_chat(5)
        assert chat.type == "private"
    entry = api.sent[-1]
    assert entry["method"] == "sendDocument" and entry["file_name"] == "export.csv"
    assert entry["content"] == b"a,b\n1,2\n" and entry["text"] == "내보내기"


async def test_forward_and_copy_for_the_staff_desk(app, api, factory):
    async with app:
        question = factory.message("담당자와 통화하고 싶어요", user_id=7)
        forwarded = await app.bot.forward_message(-100555, from_chat_id=7, message_id=question.message.message_id)
        copied = await app.bot.copy_message(-100555, from_chat_id=7, message_id=question.message.message_id)
    assert forwarded.text == "담당자와 통화하고 싶어요"
    assert forwarded.forward_origin.sender_user.id == 7
    assert api.message(-100555, copied.message_id)["text"] == "담당자와 통화하고 싶어요"


async def test_get_updates_long_poll_waits_and_wakes(app, api, factory):
    async with app:
        started = time.perf_counter()
        assert await app.bot.get_updates(timeout=0.2) == ()
        assert time.perf_counter() - started >= 0.19

        async def push_later() -> None:
            await asyncio.sleep(0.05)
            api.push_update(factory.message("late").to_dict())

        pusher = asyncio.create_task(push_later())
        started = time.perf_counter()
        updates = await app.bot.get_updates(timeout=5)
        assert time.perf_counter() - started < 3  # woken early, not at the 5 s timeout; room for a loaded machine
        await pusher
        assert [u.message.text for u in updates] == ["late"]
        # confirmed by the next offset, as the Updater does
        assert await app.bot.get_updates(offset=updates[-1].update_id + 1) == ()


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # PTB 22 warns on Voice.duration
def test_update_factory_shapes_without_a_bot():
    f = UpdateFactory(None)
    group = f.group_message("질문 있어요", mention=True)
    assert group.message.text == "@agency_demo_bot 질문 있어요"
    assert group.message.entities[0].type == "mention"
    assert group.message.chat.type == "supergroup"
    assert f.group_message("네", reply_to_bot=True).message.reply_to_message.from_user.is_bot
    assert f.sticker().message.sticker.emoji == "👍"
    assert f.photo(caption="이거요").message.photo[-1].width == 1280
    assert f.voice().message.voice.duration == 3
    assert f.document().message.document.file_name.endswith(".hwp")
    assert f.location().message.location.latitude == pytest.approx(35.2279)
    edited = f.edited("고친 질문")
    assert edited.edited_message.text == "고친 질문" and edited.message is None
    english = f.message("hello", lang="en", user_id=9)
    assert english.effective_user.language_code == "en" and english.effective_chat.id == 9
    assert f.message("x", lang=None).effective_user.language_code is None
    ids = [f.message("x").update_id for _ in range(3)]
    assert ids == sorted(set(ids))


@pytest.mark.parametrize(
    ("source", "plain", "entities"),
    [
        ("<b>굵게</b> 보통", "굵게 보통", [{"type": "bold", "offset": 0, "length": 2}]),
        ('<a href="https://x.kr/?a=1&amp;b=2">링크</a>', "링크",
         [{"type": "text_link", "offset": 0, "length": 2, "url": "https://x.kr/?a=1&b=2"}]),
        ("👍 <i>ok</i>", "👍 ok", [{"type": "italic", "offset": 3, "length": 2}]),  # emoji = 2 UTF-16 units
        ("<b><i>both</i></b>", "both", [{"type": "bold", "offset": 0, "length": 4},
                                        {"type": "italic", "offset": 0, "length": 4}]),
        ("1 &lt; 2 &amp;&amp; AT&T", "1 < 2 && AT&T", []),
        ('<pre><code class="language-python">x</code></pre>', "x",
         [{"type": "pre", "offset": 0, "length": 1, "language": "python"}]),
    ],
)
def test_parse_html(source, plain, entities):
    assert parse_html(source) == (plain, entities)


@pytest.mark.parametrize("bad", ["<b>open", "</b>", "<b><i>x</b></i>", "<p>x</p>", "3 < 4", '<span class="x">s</span>'])
def test_parse_html_rejects_what_telegram_rejects(bad):
    with pytest.raises(HTMLParseError):
        parse_html(bad)

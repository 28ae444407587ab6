"""Long polling over real HTTP: python-telegram-bot's Updater and HTTPXRequest against the loopback Bot API.

These exercise the network path the in-process tests skip: getUpdates long polls, the Updater's
retry loop on 5xx and timeouts, and AIORateLimiter riding out a 429 with retry_after.
"""
from __future__ import annotations

import asyncio
import html
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    ContextTypes,
    Defaults,
    MessageHandler,
    filters,
)

from botapi import UpdateFactory
from botapi.loopback import LoopbackBotAPIServer
from conftest import FROZEN_ARGS, wait_until

ROOT = Path(__file__).resolve().parent.parent


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Echo in bold with a button, as the real handlers answer: HTML and an inline keyboard."""
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("다시", callback_data="again")]])
    await update.effective_message.reply_text(f"<b>{html.escape(update.effective_message.text)}</b>",
                                              reply_markup=keyboard)


def echo_app(server: LoopbackBotAPIServer, *, rate_limiter: AIORateLimiter | None = None,
             poll_read_timeout: float = 2) -> Application:
    builder = (
        ApplicationBuilder().token("123:TEST").base_url(server.base_url)
        .defaults(Defaults(parse_mode=ParseMode.HTML))
        .get_updates_read_timeout(poll_read_timeout).read_timeout(2)
    )
    if rate_limiter is not None:
        builder = builder.rate_limiter(rate_limiter)
    app = builder.build()
    app.add_handler(MessageHandler(filters.TEXT, echo))
    return app


@pytest.fixture
async def server():
    async with LoopbackBotAPIServer() as srv:
        yield srv


async def start_polling(app: Application) -> None:
    await app.initialize()
    await app.start()
    await app.updater.start_polling(poll_interval=0, timeout=1)


async def stop_polling(app: Application) -> None:
    await app.updater.stop()
    await app.stop()
    await app.shutdown()


async def test_polling_fetches_updates_and_replies_over_http(server):
    app = echo_app(server)
    factory = UpdateFactory(None, api=server.api)
    await start_polling(app)
    try:
        server.push_update(factory.message("청창사 <언제> 모집해요"))
        await wait_until(lambda: server.api.sent)
    finally:
        await stop_polling(app)
    reply = server.api.sent[-1]
    assert reply["text"] == "<b>청창사 &lt;언제&gt; 모집해요</b>"
    assert reply["parse_mode"] == "HTML"
    assert reply["reply_markup"] == {"inline_keyboard": [[{"text": "다시", "callback_data": "again"}]]}
    methods = [m for m, _ in server.api.calls]
    assert methods[:2] == ["getMe", "deleteWebhook"] and "getUpdates" in methods
    # the Updater confirmed the update: nothing is left to deliver twice
    assert server.api.pending_updates == []


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # PTB 22 warns on RetryAfter.retry_after
async def test_a_429_with_retry_after_is_survived(server):
    app = echo_app(server, rate_limiter=AIORateLimiter(max_retries=2))
    factory = UpdateFactory(None, api=server.api)
    server.api.fail_next("sendMessage", 429, retry_after=1)
    await start_polling(app)
    try:
        started = time.monotonic()
        server.push_update(factory.message("flood"))
        await wait_until(lambda: server.api.sent)
        waited = time.monotonic() - started
    finally:
        await stop_polling(app)
    assert server.api.sent[-1]["text"] == "<b>flood</b>"
    assert len(server.api.calls_of("sendMessage")) == 2  # refused once, then delivered
    assert waited >= 1.0  # the limiter honoured retry_after


async def test_getupdates_errors_and_timeouts_do_not_stop_polling(server):
    app = echo_app(server, poll_read_timeout=0.3)
    factory = UpdateFactory(None, api=server.api)
    await start_polling(app)
    try:
        server.api.fail_next("getUpdates", 502)  # the Updater waits 1 s after a server error
        server.api.delay_next("getUpdates", 3)  # longer than the 1 s long poll + 0.3 s read timeout
        server.push_update(factory.message("still there?"))
        await wait_until(lambda: server.api.sent, timeout=15)
    finally:
        await stop_polling(app)
    assert server.api.sent[-1]["text"] == "<b>still there?</b>"


async def test_run_polling_owns_its_loop_and_stops_cleanly():
    """`Application.run_polling` itself, in a thread of its own, against a server in another thread."""
    async with LoopbackBotAPIServer(threaded=True) as server:
        app = echo_app(server)
        factory = UpdateFactory(None, api=server.api)
        loop = asyncio.new_event_loop()

        def run() -> None:
            asyncio.set_event_loop(loop)
            app.run_polling(poll_interval=0, timeout=1, stop_signals=None, close_loop=False)

        runner = asyncio.get_running_loop().run_in_executor(None, run)
        try:
            server.push_update(factory.message("run_polling"))
            await wait_until(lambda: server.api.sent)
        finally:
            await wait_until(lambda: app.running)
            loop.call_soon_threadsafe(app.stop_running)
            await asyncio.wait_for(runner, 15)
            loop.close()
    assert server.api.sent[-1]["text"] == "<b>run_polling</b>"


async def test_bot_py_runs_on_a_bot_api_at_telegram_base_url(server, tmp_path):
    """`python bot.py` with a token and TELEGRAM_BASE_URL: the real application long-polls our server."""
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": "123:TEST", "TELEGRAM_BASE_URL": server.base_url,
           "BOT_DB": str(tmp_path / "bot.db"), "PYTHONUNBUFFERED": "1"}
    proc = await asyncio.create_subprocess_exec(
        sys.executable, str(ROOT / "bot.py"), *FROZEN_ARGS, cwd=ROOT, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )
    factory = UpdateFactory(None, api=server.api)
    try:
        await wait_until(lambda: server.api.calls_of("getUpdates"), timeout=30)
        server.push_update(factory.command("/start", user_id=1))
        await wait_until(lambda: server.api.sent_to(1), timeout=15)
        server.push_update(factory.message("청년창업사관학교 신청 자격이 어떻게 되나요", user_id=1))
        await wait_until(lambda: len(server.api.sent_to(1)) >= 2, timeout=15)
    finally:
        proc.terminate()
        output, _ = await asyncio.wait_for(proc.communicate(), 20)
    greeting, answer = server.api.sent_to(1)[:2]
    assert greeting["reply_markup"]["inline_keyboard"]
    assert answer["parse_mode"] == "HTML" and answer["text"]
    assert "123:TEST" not in output.decode("utf-8", "replace")  # the token is never printed


async def test_http_bodies_decode_like_the_bot_sent_them(server):
    """Form values that look like JSON stay text; uploads arrive as multipart; the control paths work."""
    import httpx

    app = echo_app(server)
    async with app:
        await app.bot.send_message(5, "123")
        await app.bot.send_message(5, "[공지] 모집 {안내}")
        await app.bot.send_document(5, b"a,b\n", filename="export.csv", caption="내보내기")
    assert [e["plain"] for e in server.api.sent] == ["123", "[공지] 모집 {안내}", "내보내기"]
    assert server.api.sent[-1]["content"] == b"a,b\n" and server.api.sent[-1]["file_name"] == "export.csv"
    control = server.base_url.removesuffix("/bot") + "/_loopback/"
    async with httpx.AsyncClient() as client:
        pushed = await client.post(control + "push", json=[UpdateFactory(None).message("hi").to_dict()])
        stats = (await client.get(control + "stats")).json()["result"]
        unknown = await client.post(server.base_url + "123:TEST/sendDice", data={"chat_id": "5"})
    assert pushed.json()["ok"] and stats["pending_updates"] == 1 and stats["sent"] == 3
    assert unknown.status_code == 404 and unknown.json()["ok"] is False

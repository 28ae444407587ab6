"""`python bot.py run --webhook URL --listen ADDR --port N`: python-telegram-bot's webhook server, with
Telegram's secret header required; the Bot API is the loopback server."""
from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import sys
from pathlib import Path

import httpx

from botapi.loopback import LoopbackBotAPIServer
from botapi.updates import UpdateFactory
from conftest import FROZEN_ARGS, free_port, wait_until

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456789:AAH-secret-token-value"
SECRET = "s3cret-Header_value"


async def test_updates_with_the_secret_are_answered_others_get_403_and_are_not_logged(tmp_path):
    port = free_port()
    db = tmp_path / "bot.db"
    async with LoopbackBotAPIServer() as server:
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONUNBUFFERED": "1", "TELEGRAM_BOT_TOKEN": TOKEN,
               "TELEGRAM_BASE_URL": server.base_url, "BOT_DB": str(db), "WEBHOOK_SECRET": SECRET}
        proc = await asyncio.create_subprocess_exec(
            sys.executable, str(ROOT / "bot.py"), "run", *FROZEN_ARGS, "--webhook", "https://bot.example.kr/tg/hook",
            "--listen", "127.0.0.1", "--port", str(port), cwd=ROOT, env=env,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
        updates = UpdateFactory(None, api=server.api)
        url = f"http://127.0.0.1:{port}/tg/hook"
        try:
            await wait_until(lambda: server.api.calls_of("setWebhook"))
            registered = server.api.calls_of("setWebhook")[-1]
            assert registered["url"] == "https://bot.example.kr/tg/hook" and registered["secret_token"] == SECRET
            async with httpx.AsyncClient() as client:
                async def post(text: str, user_id: int, headers: dict) -> int:
                    body = json.dumps(updates.message(text, user_id=user_id).to_dict())
                    for _ in range(100):  # the server may still be starting
                        try:
                            answer = await client.post(url, content=body, headers={
                                "Content-Type": "application/json", **headers})
                            return answer.status_code
                        except httpx.ConnectError:
                            await asyncio.sleep(0.1)
                    raise AssertionError("the webhook server never listened")

                wrong = await post("무역사절단 신청 방법 (wrong)", 2, {"X-Telegram-Bot-Api-Secret-Token": "guess"})
                missing = await post("무역사절단 신청 방법 (missing)", 3, {})
                right = await post("무역사절단 신청 방법", 1, {"X-Telegram-Bot-Api-Secret-Token": SECRET})
            await wait_until(lambda: server.api.sent_to(1))
        finally:
            proc.terminate()
            output, _ = await asyncio.wait_for(proc.communicate(), 30)
    assert (wrong, missing, right) == (403, 403, 200)
    assert server.api.sent_to(1)[0]["plain"].startswith("무역사절단")
    assert not server.api.sent_to(2) and not server.api.sent_to(3)
    with sqlite3.connect(db) as conn:
        users = [row[0] for row in conn.execute("SELECT DISTINCT user_id FROM enquiries")]
    assert users == [1]  # the refused requests never reached the enquiry log
    text = output.decode("utf-8", "replace")
    assert TOKEN not in text and SECRET not in text


async def test_webhook_mode_without_the_secret_does_not_start(tmp_path):
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TELEGRAM_BOT_TOKEN": TOKEN, "BOT_DB": str(tmp_path / "b.db")}
    proc = await asyncio.create_subprocess_exec(
        sys.executable, str(ROOT / "bot.py"), "run", "--webhook", "https://bot.example.kr/hook", cwd=ROOT, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(proc.communicate(), 30)
    assert proc.returncode == 2
    assert err.decode().startswith("Configuration error: WEBHOOK_SECRET must be set in webhook mode")

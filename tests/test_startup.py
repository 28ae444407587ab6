"""`python bot.py` starting against a Bot API that refuses it or is not there (issue: the token printed).

The bot runs as the operator runs it, a process of its own, against the loopback Bot API; its whole
output is checked for the token.
"""
from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest

from botapi.loopback import LoopbackBotAPIServer
from botapi.updates import UpdateFactory
from conftest import FROZEN_ARGS, free_port

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456789:AAH-secret-token-value"


async def run_bot(env: dict[str, str], *args: str) -> asyncio.subprocess.Process:
    environment = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONUNBUFFERED": "1",
                   "TELEGRAM_BOT_TOKEN": TOKEN, **env}
    return await asyncio.create_subprocess_exec(
        sys.executable, str(ROOT / "bot.py"), *FROZEN_ARGS, *args, cwd=ROOT, env=environment,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)


async def finish(proc: asyncio.subprocess.Process, timeout: float = 30) -> tuple[int, str, str]:
    out, err = await asyncio.wait_for(proc.communicate(), timeout)
    return proc.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace")


async def test_a_rejected_token_is_one_line_without_the_token(tmp_path):
    async with LoopbackBotAPIServer() as server:
        server.api.fail_next("getMe", 401, times=50)  # what Telegram answers to a revoked token
        code, out, err = await finish(await run_bot({"TELEGRAM_BASE_URL": server.base_url,
                                                     "BOT_DB": str(tmp_path / "bot.db")}))
    assert code == 1
    assert TOKEN not in out + err and "Traceback" not in err
    assert err.strip().splitlines()[-1] == err.strip().splitlines()[0]  # one line on stderr
    assert "rejected the bot token" in err and "TELEGRAM_BOT_TOKEN" in err


async def test_a_wrong_base_url_is_one_line_without_the_token(tmp_path):
    async with LoopbackBotAPIServer() as server:
        wrong = server.base_url.removesuffix("/bot") + "/telegram/"  # the server answers 404 there
        code, out, err = await finish(await run_bot({"TELEGRAM_BASE_URL": wrong, "BOT_DB": str(tmp_path / "bot.db")}))
    assert code == 1
    assert TOKEN not in out + err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert "404" in err and "TELEGRAM_BASE_URL" in err and f"127.0.0.1:{server.port}" in err


async def test_a_typo_in_a_variable_stops_the_start_with_one_line(tmp_path):
    code, out, err = await finish(await run_bot({"STAF_CHAT_ID": "-100", "BOT_DB": str(tmp_path / "bot.db")}))
    assert code == 2 and err.strip() == ("Configuration error: the environment variable STAF_CHAT_ID is not a setting "
                                        "of this bot; did you mean STAFF_CHAT_ID? (rename or unset it)")
    assert not (tmp_path / "bot.db").exists()


async def test_no_network_at_start_is_waited_out_then_the_bot_runs(tmp_path):
    """Nothing listens at the address yet: the bot says so in a line, tries again, and runs once it is up."""
    port = free_port()
    proc = await run_bot({"TELEGRAM_BASE_URL": f"http://127.0.0.1:{port}/bot", "BOT_DB": str(tmp_path / "bot.db")})
    lines: list[str] = []
    try:
        while len(lines) < 2:  # two failed tries, with a wait between them
            line = (await asyncio.wait_for(proc.stderr.readline(), 20)).decode()
            assert line, "the bot stopped instead of waiting for the network"
            if "cannot reach the Bot API" in line:
                lines.append(line)
        assert proc.returncode is None
        async with LoopbackBotAPIServer(port=port) as server:
            server.push_update(UpdateFactory(None, api=server.api).command("/start", user_id=5))
            for _ in range(300):
                if server.api.sent_to(5):
                    break
                await asyncio.sleep(0.05)
            assert server.api.sent_to(5), "no answer after the Bot API came up"
            proc.terminate()
            code, out, err = await finish(proc)
    finally:
        if proc.returncode is None:
            proc.kill()
    assert "trying again in 1 s" in lines[0] and "trying again in 2 s" in lines[1]
    assert "Traceback" not in "".join(lines) + err and TOKEN not in "".join(lines) + out + err

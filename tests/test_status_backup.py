"""`python bot.py status` and `python bot.py backup FILE` beside a running `python bot.py`."""
from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from botapi.loopback import LoopbackBotAPIServer
from botapi.updates import UpdateFactory
from conftest import FROZEN_ARGS, FROZEN_INTENTS, FROZEN_KNOWLEDGE
from operations.knowledge_files import version
from store import EnquiryStore

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456789:AAH-secret-token-value"


async def cli(env: dict[str, str], *args: str) -> tuple[int, str, str]:
    proc = await asyncio.create_subprocess_exec(sys.executable, str(ROOT / "bot.py"), *args, cwd=ROOT, env=env,
                                                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(proc.communicate(), 60)
    return proc.returncode, out.decode(), err.decode()


async def test_status_and_a_backup_while_the_bot_runs(tmp_path):
    db = tmp_path / "bot.db"
    with EnquiryStore(db) as store:  # what earlier days left: tickets, and a message still to deliver
        for user in (11, 12, 13):
            store.tickets.create(user, user, None, None, "질문", None, None, anonymous=True)
        store.tickets.close(3, by=42)
        later = datetime.now(timezone.utc) + timedelta(hours=1)
        store.outbox.enqueue(11, "나중에 보낼 메시지", purpose="staff_note", not_before=later)
    async with LoopbackBotAPIServer() as server:
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONUNBUFFERED": "1", "TELEGRAM_BOT_TOKEN": TOKEN,
               "TELEGRAM_BASE_URL": server.base_url, "BOT_DB": str(db)}
        bot = await asyncio.create_subprocess_exec(sys.executable, str(ROOT / "bot.py"), *FROZEN_ARGS, cwd=ROOT, env=env,
                                                   stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
        try:
            updates = UpdateFactory(None, api=server.api)
            update_id = server.push_update(updates.message("무역사절단 신청 방법", user_id=5))
            deadline = time.monotonic() + 30
            status: dict = {}
            while status.get("bot", {}).get("last_update_id") != str(update_id):  # the next heartbeat
                assert time.monotonic() < deadline, status
                await asyncio.sleep(0.5)
                code, out, err = await cli(env, "status", "--json", *FROZEN_ARGS)
                assert code == 0, err
                status = json.loads(out)
            code, text, _ = await cli(env, "status", *FROZEN_ARGS)
            code_b, out_b, err_b = await cli(env, "backup", str(tmp_path / "copy.db"))
        finally:
            bot.terminate()
            await asyncio.wait_for(bot.communicate(), 30)
    assert status["bot"]["running"] is True and status["bot"]["mode"] == "polling"
    assert status["bot"]["knowledge_version"] == version((FROZEN_KNOWLEDGE, FROZEN_INTENTS))
    assert status["knowledge_files_version"] == status["bot"]["knowledge_version"]
    assert status["bot"]["matcher_mode_setting"] == "hybrid" and status["bot"]["matcher_mode"] in ("hybrid", "lexical")
    assert status["enquiries"]["total"] == 1 and status["enquiries"]["today"] == 1
    assert status["tickets"] == {"open": 2, "claimed": 0, "answered": 0, "closed": 1}
    assert [t["number"] for t in status["open_tickets"]] == [1, 2]
    assert status["outbox"]["pending"] == 1 and status["outbox"]["oldest_pending_at"]
    assert "Open tickets  #1" in text and "running (polling" in text and "the files on disk are the same" in text
    assert code_b == 0 and "Backed up" in out_b, err_b
    copy = tmp_path / "copy.db"
    assert oct(copy.stat().st_mode & 0o777) == "0o600" and not (tmp_path / "copy.db-wal").exists()
    with sqlite3.connect(copy) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM enquiries").fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM tickets").fetchone()[0] == 3


def test_status_on_a_fresh_checkout_says_there_are_no_enquiries_yet_and_where_it_looked(tmp_path):
    """No database yet is the state of every new installation, not a failure: exit 0, the path it read."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "BOT_DB": str(tmp_path / "data" / "bot.db")}
    code, out, err = asyncio.run(cli(env, "status"))
    assert code == 0 and not err, err
    assert out.startswith("No enquiries yet") and str(tmp_path / "data" / "bot.db") in out
    assert "console" not in out  # no console chat has run here
    code, out, _ = asyncio.run(cli(env, "status", "--json"))
    status = json.loads(out)
    assert code == 0 and status["database_exists"] is False and status["enquiries"]["total"] == 0
    assert status["database"] == str(tmp_path / "data" / "bot.db") and status["bot"]["running"] is False
    assert not (tmp_path / "data" / "bot.db").exists()  # looking created nothing
    # After `python bot.py chat`, the console's own database is named, with how to read it.
    EnquiryStore(tmp_path / "data" / "console.db").close()
    code, out, _ = asyncio.run(cli(env, "status"))
    assert code == 0 and f"BOT_DB={tmp_path / 'data' / 'console.db'} python bot.py status" in out


def test_backup_of_a_missing_database_says_so_in_one_line(tmp_path):
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "BOT_DB": str(tmp_path / "none.db")}
    result = asyncio.run(cli(env, "backup", str(tmp_path / "copy.db")))
    assert result[0] == 1 and len(result[2].strip().splitlines()) == 1 and "none.db" in result[2]
    assert not (tmp_path / "copy.db").exists()


def test_status_of_a_file_that_is_no_database_fails_in_one_line(tmp_path):
    (tmp_path / "bot.db").write_text("not a database")
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "BOT_DB": str(tmp_path / "bot.db")}
    code, _, err = asyncio.run(cli(env, "status"))
    assert code == 1 and len(err.strip().splitlines()) == 1 and "bot.db" in err


def test_status_does_not_load_the_telegram_layer(tmp_path):
    """It runs from cron and by hand on a busy server: python-telegram-bot is loaded only to run the bot."""
    import subprocess

    EnquiryStore(tmp_path / "bot.db").close()
    code = ("import sys, bot\nstatus = bot.main(['status'])\n"
            "print('LOADED', sorted({m.split('.')[0] for m in sys.modules if m.startswith(('telegram', 'handlers'))}), status)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60,
                            env={"PATH": "/usr/bin:/bin", "BOT_DB": str(tmp_path / "bot.db")})
    assert "LOADED [] 0" in result.stdout, result.stdout + result.stderr

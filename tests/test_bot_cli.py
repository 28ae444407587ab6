"""Configuration, logging and the `run`/`chat` commands of bot.py."""
from __future__ import annotations

import asyncio
import logging
import subprocess
import sys
import time
from pathlib import Path

import pytest

import bot
from botapi.loopback import LoopbackBotAPIServer
from botapi.updates import UpdateFactory
from console.chat import CONSOLE_USER_ID
from handlers import alerts, outbox, privacy
from handlers.services import services_of
from settings import DEFAULT_BASE_URL, Settings, SettingsError
from store import EnquiryStore

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456789:AAH-secret-token-value"


def test_settings_defaults(tmp_path):
    settings = Settings.from_env({}, env_file=None)
    assert settings.token is None
    assert settings.base_url == DEFAULT_BASE_URL == "https://api.telegram.org/bot"
    assert settings.db_path == ROOT / "data" / "bot.db"
    assert settings.state_path == ROOT / "data" / "bot-state.db"
    assert (settings.staff_chat_id, settings.staff_user_ids, settings.retention_days, settings.log_level) == (
        None, frozenset(), 365, "INFO")


def test_settings_from_the_environment_and_dotenv(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text(f"TELEGRAM_BOT_TOKEN={TOKEN}\nBOT_DB=from-dotenv.db\nSTAFF_CHAT_ID=-1001\n"
                        "STAFF_USER_IDS=11, 22,33\nRETENTION_DAYS=30\nLOG_LEVEL=debug\n", encoding="utf-8")
    settings = Settings.from_env({"BOT_DB": str(tmp_path / "real.db"),
                                  "TELEGRAM_BASE_URL": "http://127.0.0.1:8081/bot"}, env_file=env_file)
    assert settings.token == TOKEN
    assert settings.db_path == tmp_path / "real.db"  # the real environment wins over .env
    assert settings.base_url == "http://127.0.0.1:8081/bot"
    assert settings.staff_chat_id == -1001 and settings.staff_user_ids == {11, 22, 33}
    assert settings.retention_days == 30 and settings.log_level == "DEBUG"
    assert TOKEN not in repr(settings)


@pytest.mark.parametrize("given, used", [
    ("http://127.0.0.1:8081/bot", "http://127.0.0.1:8081/bot"),
    ("http://127.0.0.1:8081", "http://127.0.0.1:8081/bot"),
    ("http://127.0.0.1:8081/", "http://127.0.0.1:8081/bot"),
    ("https://proxy.example/tg/bot{token}", "https://proxy.example/tg/bot{token}"),
])
def test_the_bot_api_address_with_or_without_bot(given, used):
    assert Settings.from_env({"TELEGRAM_BASE_URL": given}, env_file=None).base_url == used


@pytest.mark.parametrize("name, value", [("STAFF_CHAT_ID", "staff"), ("STAFF_USER_IDS", "1,two"),
                                         ("RETENTION_DAYS", "0"), ("LOG_LEVEL", "LOUD")])
def test_bad_settings_name_the_variable(name, value):
    with pytest.raises(SettingsError, match=name):
        Settings.from_env({name: value}, env_file=None)


def test_the_token_never_reaches_the_log(capsys):
    settings = Settings(token=TOKEN, log_level="DEBUG")
    bot.configure_logging(settings)
    try:
        logging.getLogger("telegram.test").error("POST https://api.telegram.org/bot%s/getMe failed", TOKEN)
        try:
            raise RuntimeError(f"url was https://api.telegram.org/bot{TOKEN}/sendMessage")
        except RuntimeError:
            logging.getLogger("telegram.test").exception("with a traceback")
        assert logging.getLogger("httpx").getEffectiveLevel() >= logging.WARNING
    finally:
        logging.basicConfig(force=True, handlers=[logging.NullHandler()])
    err = capsys.readouterr().err
    assert TOKEN not in err and err.count("<token>") >= 2


def run_bot_py(*args: str, stdin: str = "", env: dict[str, str] | None = None, tmp_path: Path) -> subprocess.CompletedProcess:
    environment = {"PATH": "/usr/bin:/bin", "BOT_DB": str(tmp_path / "data" / "bot.db"), **(env or {})}
    return subprocess.run([sys.executable, str(ROOT / "bot.py"), *args], input=stdin, capture_output=True,
                          text=True, env=environment, cwd=tmp_path, timeout=60)


def test_without_a_token_a_notice_then_the_console_chat(tmp_path):
    result = run_bot_py(stdin="무역사절단 신청 방법\n", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("TELEGRAM_BOT_TOKEN is not set: starting the console chat")
    assert not any("TELEGRAM_BOT_TOKEN" in line for line in lines[1:])
    assert "무역사절단 파견" in result.stdout and "신청방법" in result.stdout
    assert (tmp_path / "data" / "console.db").exists()  # the console chat's own database beside BOT_DB


def test_chat_command_opens_the_console_without_the_notice(tmp_path):
    result = run_bot_py("chat", stdin="/help\n", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "TELEGRAM_BOT_TOKEN" not in result.stdout and "/programs" in result.stdout


def test_broken_knowledge_is_reported_with_file_and_line_and_exit_1(tmp_path):
    knowledge = tmp_path / "kb"
    knowledge.mkdir()
    (knowledge / "broken.yaml").write_text("programs:\n  - id: Bad Id\n    name: 이름\n", encoding="utf-8")
    result = run_bot_py("--knowledge", str(knowledge), tmp_path=tmp_path)
    assert result.returncode == 1
    assert "broken.yaml:" in result.stderr and "cannot start" in result.stderr
    assert not (tmp_path / "data" / "bot.db").exists()  # nothing started


async def test_build_application_uses_base_url_and_rides_out_a_429(tmp_path, kb, matcher, store):
    """The real HTTP path: base_url from the settings, AIORateLimiter retrying after retry_after."""
    async with LoopbackBotAPIServer() as server:
        settings = Settings(token="123:TEST", base_url=server.base_url, db_path=tmp_path / "bot.db")
        app = bot.build_application(settings, kb=kb, matcher=matcher, store=store)
        updates = UpdateFactory(None, api=server.api)
        server.api.fail_next("sendMessage", 429, retry_after=1)
        await app.initialize()
        await app.start()
        await app.updater.start_polling(poll_interval=0, timeout=1, allowed_updates=bot.ALLOWED_UPDATES)
        try:
            server.push_update(updates.message("무역사절단 신청 방법", user_id=7))
            deadline = time.monotonic() + 15
            while not server.api.sent_to(7) and time.monotonic() < deadline:
                await asyncio.sleep(0.02)
        finally:
            await app.updater.stop()
            await app.stop()
            await app.shutdown()
    assert server.api.sent_to(7)[0]["plain"].startswith("무역사절단")
    assert len(server.api.calls_of("sendMessage")) == 2  # refused once with 429, sent after retry_after
    assert store.enquiries.recent(7)[0]["item_id"] == "trade-mission"


def test_build_application_needs_a_token_or_a_request(settings, kb, matcher, store):
    with pytest.raises(ValueError, match="TELEGRAM_BOT_TOKEN"):
        bot.build_application(settings, kb=kb, matcher=matcher, store=store)


def test_the_console_chat_leaves_the_real_database_alone(tmp_path):
    """Trying the bot in a terminal never reads, sends or marks what the real bot keeps in BOT_DB."""
    real = EnquiryStore(tmp_path / "data" / "bot.db")
    row = real.outbox.enqueue(5, "담당자 답변입니다.", purpose="staff_answer")
    real.close()
    real_state = tmp_path / "data" / "bot-state.db"
    result = run_bot_py("chat", stdin="무역사절단 신청 방법\n", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "담당자 답변입니다" not in result.stdout
    real = EnquiryStore(tmp_path / "data" / "bot.db")
    try:
        assert real.outbox.row(row)["status"] == "pending"  # still waiting for the real bot to send it
        assert real.enquiries.recent(CONSOLE_USER_ID) == []
    finally:
        real.close()
    console = EnquiryStore(tmp_path / "data" / "console.db")
    try:
        assert console.enquiries.recent(CONSOLE_USER_ID)[0]["text"] == "무역사절단 신청 방법"
    finally:
        console.close()
    assert not real_state.exists() and (tmp_path / "data" / "console-state.db").exists()


def test_the_console_chat_runs_no_outbox_sender_and_no_daily_job(tmp_path, monkeypatch):
    """What the console's Application has on its JobQueue, and which database it writes to."""
    seen: dict = {}

    async def fake_console(app, api, **kwargs):
        seen["jobs"] = {job.name for job in app.job_queue.jobs()}
        seen["db"] = services_of(app).settings.db_path
        services_of(app).store.outbox.enqueue(5, "대기 중인 답변", purpose="staff_answer")
        outbox.kick(app)  # what a new ticket does: with no sender there is nothing to kick
        seen["after_kick"] = {job.name for job in app.job_queue.jobs()}

    import console.chat

    monkeypatch.setattr(console.chat, "run_console", fake_console)
    monkeypatch.setenv("BOT_DB", str(tmp_path / "data" / "bot.db"))
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    try:
        assert bot.run_bot(bot.DEFAULT_KNOWLEDGE, bot.DEFAULT_INTENTS, chat=True) == 0
    finally:
        logging.basicConfig(force=True, handlers=[logging.NullHandler()])
    assert seen["db"] == tmp_path / "data" / "console.db"
    assert outbox.JOB_NAME not in seen["jobs"] and privacy.JOB_NAME not in seen["jobs"]
    assert outbox.KICK_NAME not in seen["after_kick"]


async def test_build_application_without_background_jobs(settings, kb, matcher, store, api):
    app = bot.build_application(settings, kb=kb, matcher=matcher, store=store, request=api,
                                get_updates_request=api, background_jobs=False)
    assert app.job_queue.jobs() == ()
    app = bot.build_application(settings, kb=kb, matcher=matcher, store=store, request=api, get_updates_request=api)
    assert {job.name for job in app.job_queue.jobs()} == {outbox.JOB_NAME, privacy.JOB_NAME, alerts.JOB_NAME}


def test_an_empty_environment_variable_does_not_hide_the_dotenv_value(tmp_path):
    """`export TELEGRAM_BOT_TOKEN=` (or a compose file's empty default) leaves the .env value in force."""
    env_file = tmp_path / ".env"
    env_file.write_text(f"TELEGRAM_BOT_TOKEN={TOKEN}\nSTAFF_CHAT_ID=-1001\n", encoding="utf-8")
    settings = Settings.from_env({"TELEGRAM_BOT_TOKEN": "", "STAFF_CHAT_ID": "  "}, env_file=env_file)
    assert settings.token == TOKEN and settings.staff_chat_id == -1001


@pytest.mark.parametrize("level", ["INFO", "DEBUG"])
def test_the_job_queue_does_not_log_every_run_of_every_job(level):
    """The outbox sender runs every 5 s: APScheduler's "executed successfully" lines would bury the log."""
    bot.configure_logging(Settings(log_level=level))
    try:
        assert not logging.getLogger("apscheduler.executors.default").isEnabledFor(logging.INFO)
        assert not logging.getLogger("apscheduler.scheduler").isEnabledFor(logging.INFO)
        assert logging.getLogger("apscheduler.executors.default").isEnabledFor(logging.WARNING)
        assert logging.getLogger("bot").isEnabledFor(logging.INFO)
    finally:
        logging.basicConfig(force=True, handlers=[logging.NullHandler()])


def test_the_console_chat_shows_errors_only():
    """Warnings about running on Telegram (no staff chat set...) would land in the middle of the chat."""
    bot.configure_logging(Settings(log_level="INFO"), console=True)
    try:
        assert not logging.getLogger("handlers.staff").isEnabledFor(logging.WARNING)
        assert logging.getLogger("handlers.staff").isEnabledFor(logging.ERROR)
    finally:
        logging.basicConfig(force=True, handlers=[logging.NullHandler()])


@pytest.mark.parametrize("command", [["check"], ["enquiries", "list"]])
def test_check_and_enquiries_do_not_load_the_telegram_layer(tmp_path, command):
    """They run on a server by hand or from cron: python-telegram-bot and the handlers (some 0.4 s and
    30 MB) are loaded only to run the bot."""
    from store import EnquiryStore

    EnquiryStore(tmp_path / "bot.db").close()
    code = ("import sys, bot\n"
            f"status = bot.main({command!r})\n"
            "loaded = sorted({m.split('.')[0] for m in sys.modules if m.startswith(('telegram', 'handlers'))})\n"
            "print('LOADED', loaded, status)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60,
                            env={"PATH": "/usr/bin:/bin", "BOT_DB": str(tmp_path / "bot.db")})
    assert "LOADED [] 0" in result.stdout, result.stdout + result.stderr


@pytest.mark.parametrize("kind", ["not a database", "a folder"])
def test_a_bad_bot_db_is_one_clear_line_and_exit_1(tmp_path, kind):
    path = tmp_path / "bot.db"
    if kind == "a folder":
        path.mkdir()
    else:
        path.write_bytes(b"this is not an SQLite file, but someone's notes" * 100)
    result = run_bot_py(env={"BOT_DB": str(path), "TELEGRAM_BOT_TOKEN": TOKEN,
                             "TELEGRAM_BASE_URL": "http://127.0.0.1:9/bot"}, tmp_path=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith("Cannot open the database") and "BOT_DB" in result.stderr

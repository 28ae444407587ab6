"""The configuration table (settings.py): typos of our variables and malformed values stop the start."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

import settings as settings_module
from settings import VARIABLES, Settings, SettingsError

TOKEN = "123456789:AAH-secret-token-value"


def dotenv(tmp_path: Path, text: str, mode: int = 0o600) -> Path:
    path = tmp_path / ".env"
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return path


@pytest.mark.parametrize("typo, meant", [("TELEGRAM_BOT_TOKN", "TELEGRAM_BOT_TOKEN"), ("STAF_CHAT_ID", "STAFF_CHAT_ID"),
                                         ("STAFF_USERS_IDS", "STAFF_USER_IDS"), ("log_level", "LOG_LEVEL"),
                                         ("RETENTON_DAYS", "RETENTION_DAYS"), ("WEBHOK_SECRET", "WEBHOOK_SECRET")])
@pytest.mark.parametrize("where", ["environment", ".env"])
def test_a_typo_of_one_of_our_variables_fails_naming_both(tmp_path, typo, meant, where):
    env, env_file = ({typo: "1"}, None) if where == "environment" else ({}, dotenv(tmp_path, f"{typo}=1\n"))
    with pytest.raises(SettingsError) as caught:
        Settings.from_env(env, env_file=env_file)
    message = str(caught.value)
    assert typo in message and f"did you mean {meant}?" in message and "\n" not in message


def test_an_unknown_name_with_our_prefix_in_dotenv_fails_but_other_variables_pass(tmp_path):
    with pytest.raises(SettingsError, match="TELEGRAM_PROXY"):
        Settings.from_env({}, env_file=dotenv(tmp_path, "TELEGRAM_PROXY=http://x\n"))
    # Everything else a machine has in its environment is not ours, and not mistaken for ours.
    ordinary = {"PATH": "/usr/bin", "HOME": "/root", "LOGNAME": "bot", "HOSTNAME": "srv", "LANG": "ko_KR.UTF-8",
                "TERM": "xterm", "USER": "bot", "PWD": "/srv", "SHELL": "/bin/bash", "TZ": "Asia/Seoul",
                "PYTHONPATH": "/srv", "VIRTUAL_ENV": "/srv/.venv", "DEBUG": "1", "BOT_NAME": "x", **os.environ}
    Settings.from_env(ordinary, env_file=dotenv(tmp_path, "COMPOSE_PROJECT_NAME=bot\n"))  # no SettingsError


@pytest.mark.parametrize("name, value, expected", [
    ("TELEGRAM_BOT_TOKEN", "not-a-token", "does not look like a bot token"),
    ("TELEGRAM_BASE_URL", "api.telegram.org", "http(s)://"),
    ("LOG_FORMAT", "xml", "text, json"),
    ("MATCHER_MODE", "smart", "hybrid, lexical"),
    ("WEBHOOK_URL", "http://bot.example.kr/tg", "https://"),
    ("WEBHOOK_PORT", "70000", "1-65535"),
    ("WEBHOOK_SECRET", "has spaces in it", "A-Z"),
    ("RETENTION_DAYS", "-3", "positive"),
])
def test_a_malformed_value_names_the_variable_in_one_line(name, value, expected):
    with pytest.raises(SettingsError) as caught:
        Settings.from_env({name: value}, env_file=None)
    assert name in str(caught.value) and expected in str(caught.value) and "\n" not in str(caught.value)


def test_a_malformed_token_is_not_repeated_in_the_message():
    almost = TOKEN.replace(":", ";")
    with pytest.raises(SettingsError) as caught:
        Settings.from_env({"TELEGRAM_BOT_TOKEN": almost}, env_file=None)
    assert almost not in str(caught.value)


def test_every_variable_of_the_table_is_read(tmp_path):
    env = {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_BASE_URL": "http://127.0.0.1:8081", "BOT_DB": str(tmp_path / "x.db"),
           "BOT_CACHE_DIR": str(tmp_path / "vectors"),
           "STAFF_CHAT_ID": "-100123", "STAFF_USER_IDS": "1,2", "RETENTION_DAYS": "90", "MATCHER_MODE": "lexical",
           "LOG_LEVEL": "warning", "LOG_FORMAT": "JSON", "WEBHOOK_URL": "https://bot.example.kr/tg/hook",
           "WEBHOOK_LISTEN": "0.0.0.0", "WEBHOOK_PORT": "8443", "WEBHOOK_SECRET": "s3cret_-X",
           "STAFF_WEB_ACCOUNTS": "kim:pbkdf2_sha256$1000$salt$aGFzaA==",
           "BOT_TEST_NOW": "2026-03-02T10:00"}
    assert set(env) == {v.name for v in VARIABLES}
    s = Settings.from_env(env, env_file=None)
    assert (s.token, s.base_url, s.db_path, s.staff_chat_id, s.staff_user_ids, s.retention_days) == (
        TOKEN, "http://127.0.0.1:8081/bot", tmp_path / "x.db", -100123, {1, 2}, 90)
    assert (s.matcher_mode, s.log_level, s.log_format) == ("lexical", "WARNING", "json")
    assert (s.webhook_url, s.webhook_listen, s.webhook_port, s.webhook_secret, s.webhook_mode) == (
        "https://bot.example.kr/tg/hook", "0.0.0.0", 8443, "s3cret_-X", True)
    assert s.staff_web_accounts == env["STAFF_WEB_ACCOUNTS"]
    assert s.cache_dir == tmp_path / "vectors"
    assert s.test_now.isoformat() == "2026-03-02T10:00:00+09:00"  # Korean time when no offset is given
    assert TOKEN not in repr(s) and "s3cret_-X" not in repr(s) and "pbkdf2" not in repr(s)
    assert all(f"`{v.name}`" in settings_module.markdown_table() for v in VARIABLES)


def test_the_vector_cache_does_not_follow_the_database(tmp_path):
    # A bot started on a new BOT_DB folder (a second instance, a test run) must find the vectors already built,
    # not answer lexically for half a minute while it embeds the knowledge again.
    moved = Settings.from_env({"BOT_DB": str(tmp_path / "elsewhere" / "bot.db")}, env_file=None)
    default = Settings.from_env({}, env_file=None)
    assert moved.cache_dir == default.cache_dir == settings_module.HERE / "data" / "cache"


def test_webhook_mode_needs_the_secret():
    s = Settings.from_env({}, env_file=None).overridden({"WEBHOOK_URL": "https://bot.example.kr/hook"})
    with pytest.raises(SettingsError, match="WEBHOOK_SECRET"):
        s.check_webhook()
    Settings.from_env({}, env_file=None).check_webhook()  # polling needs none


@pytest.mark.parametrize("mode, warned", [(0o600, False), (0o640, True), (0o644, True)])
def test_a_dotenv_others_can_read_is_warned_about(tmp_path, mode, warned):
    s = Settings.from_env({}, env_file=dotenv(tmp_path, f"TELEGRAM_BOT_TOKEN={TOKEN}\n", mode))
    assert bool(s.warnings) == warned
    if warned:
        assert "chmod 600" in s.warnings[0] and TOKEN not in s.warnings[0]

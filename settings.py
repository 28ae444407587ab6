"""Configuration: one table of variables, read from the environment or from a `.env` file beside the bot
(the real environment wins; an empty environment variable counts as unset).

`VARIABLES` below is that table: each row names the variable, its default, how its value is checked and
what it means; `python -c "import settings; print(settings.markdown_table())"` prints it for the docs.
Start-up fails with one line naming the variable when

- a value is malformed (`STAFF_CHAT_ID=staff`, `LOG_FORMAT=xml`, a token that is not `digits:letters`), or
- a variable looks like one of ours but is not (`TELEGRAM_BOT_TOKN`, `STAF_CHAT_ID`, `log_level`): a typo
  would otherwise be ignored silently and the bot would run without it. In `.env` any unknown name with
  one of our prefixes (`TELEGRAM_`, `STAFF_`, `WEBHOOK_`, ...) counts too, since that file is the bot's own.

The token and the webhook secret are secrets: they are kept out of `repr()`, out of every error message
here, and out of the log (bot.py). A `.env` that other users of the machine can read gets a warning
(`Settings.warnings`, logged at start).
"""
from __future__ import annotations

import dataclasses
import logging
import os
import re
import stat
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable, Mapping
from urllib.parse import urlsplit

from dotenv import dotenv_values

HERE = Path(__file__).resolve().parent
DEFAULT_ENV_FILE = HERE / ".env"
DEFAULT_BASE_URL = "https://api.telegram.org/bot"
DEFAULT_DB = Path("data/bot.db")
# The model's vectors of the knowledge texts, keyed by each text: shared by every database and by `eval`, so a
# bot started with a new BOT_DB folder (a test run, a second instance) answers in hybrid mode at once.
DEFAULT_CACHE_DIR = Path("data/cache")
# The console chat's database, beside BOT_DB: trying the bot in a terminal never touches the real one.
CONSOLE_DB = "console.db"
DEFAULT_RETENTION_DAYS = 365
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
LOG_FORMATS = ("text", "json")
MATCHER_MODES = ("hybrid", "lexical")
# Prefixes of our variables: in .env (the bot's own file) an unknown name with one of them is a mistake.
OUR_PREFIXES = ("TELEGRAM_", "BOT_", "STAFF_", "RETENTION_", "LOG_", "MATCHER_", "WEBHOOK_")
# Telegram's token format (BotFather): the bot's numeric id, a colon, then letters, digits, - and _.
_TOKEN_RE = re.compile(r"^\d+:[A-Za-z0-9_-]+$")
# Telegram's rule for setWebhook's secret_token: 1-256 characters A-Z, a-z, 0-9, _ and -.
_SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


class SettingsError(ValueError):
    """A configuration value cannot be used; the message names the variable and what is expected."""


def bot_api_url(url: str) -> str:
    """The Bot API base URL as python-telegram-bot wants it, ending in /bot (the token follows).

    Both `http://127.0.0.1:8081/bot` and `http://127.0.0.1:8081` are accepted, as servers are written
    either way; a URL with a `{token}` placeholder is left as it is.
    """
    url = url.strip()
    if "{token}" in url or url.endswith("/bot"):
        return url
    return url.rstrip("/") + "/bot"


# -- parsers: text -> value, or SettingsError with a message naming the variable ---------------------------

def _token(name: str, value: str) -> str:
    if not _TOKEN_RE.match(value):
        # The value itself is not repeated: it may be a real token with one character wrong.
        raise SettingsError(f"{name} does not look like a bot token from @BotFather "
                            "(digits, a colon, then letters and digits, e.g. 123456789:AAH...)")
    return value


def _url(name: str, value: str, *, https: bool = False) -> str:
    parts = urlsplit(value)
    schemes = ("https",) if https else ("http", "https")
    if parts.scheme not in schemes or not parts.hostname:
        want = "an https:// address (Telegram sends webhooks over HTTPS only)" if https else "an http(s):// address"
        raise SettingsError(f"{name} must be {want} (got {value!r})")
    return value


def _base_url(name: str, value: str) -> str:
    return bot_api_url(_url(name, value))


def _int(name: str, value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number (got {value!r})") from None


def _positive(name: str, value: str) -> int:
    number = _int(name, value)
    if number < 1:
        raise SettingsError(f"{name} must be a positive number (got {number})")
    return number


def _port(name: str, value: str) -> int:
    number = _int(name, value)
    if not 1 <= number <= 65535:
        raise SettingsError(f"{name} must be a TCP port, 1-65535 (got {number})")
    return number


def _ids(name: str, value: str) -> frozenset[int]:
    return frozenset(_int(name, part.strip()) for part in value.split(",") if part.strip())


def _choice(choices: tuple[str, ...], *, upper: bool = False) -> Callable[[str, str], str]:
    def parse(name: str, value: str) -> str:
        value = value.upper() if upper else value.lower()
        if value not in choices:
            raise SettingsError(f"{name} must be one of {', '.join(choices)} (got {value!r})")
        return value
    return parse


def _secret(name: str, value: str) -> str:
    if not _SECRET_RE.match(value):
        raise SettingsError(f"{name} must be 1-256 characters of A-Z, a-z, 0-9, _ and - (Telegram's rule)")
    return value


def _moment(name: str, value: str) -> datetime:
    """An ISO 8601 time; without an offset it is taken as Korean time (+09:00)."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise SettingsError(f"{name} must be an ISO 8601 time such as 2026-03-02T10:00+09:00 (got {value!r})") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone(timedelta(hours=9)))


def _path(name: str, value: str) -> Path:
    # A relative path is taken from the bot's folder, so it does not depend on where it is started.
    return HERE / Path(value)


@dataclass(frozen=True)
class Variable:
    """One row of the configuration table."""

    name: str
    field: str                              # the Settings attribute it fills
    parse: Callable[[str, str], Any]        # (name, text) -> value, or SettingsError
    default: str                            # as shown in the table
    meaning: str


VARIABLES: tuple[Variable, ...] = (
    Variable("TELEGRAM_BOT_TOKEN", "token", _token, "(none: the console chat)", "the bot's token from @BotFather"),
    Variable("TELEGRAM_BASE_URL", "base_url", _base_url, DEFAULT_BASE_URL,
             "the Bot API address (a self-hosted Bot API server)"),
    Variable("BOT_DB", "db_path", _path, str(DEFAULT_DB),
             "the SQLite file of enquiries (relative: from the bot's folder); state is kept beside it"),
    Variable("BOT_CACHE_DIR", "cache_dir", _path, str(DEFAULT_CACHE_DIR),
             "the folder of the model's cached vectors (keyed by text; safe to share, to delete, or to copy)"),
    Variable("STAFF_CHAT_ID", "staff_chat_id", _int, "(none)", "the staff group's chat id (negative)"),
    Variable("STAFF_USER_IDS", "staff_user_ids", _ids, "(none)", "staff members' user ids, comma separated"),
    Variable("RETENTION_DAYS", "retention_days", _positive, str(DEFAULT_RETENTION_DAYS),
             "days personal data is kept"),
    Variable("MATCHER_MODE", "matcher_mode", _choice(MATCHER_MODES), "hybrid", "how questions are matched"),
    Variable("LOG_LEVEL", "log_level", _choice(LOG_LEVELS, upper=True), "INFO", ", ".join(LOG_LEVELS)),
    Variable("LOG_FORMAT", "log_format", _choice(LOG_FORMATS), "text",
             "text (one line per event) or json (one JSON object per line)"),
    Variable("WEBHOOK_URL", "webhook_url", lambda n, v: _url(n, v, https=True), "(none: long polling)",
             "the public https:// address Telegram posts updates to; set = webhook mode (also --webhook)"),
    Variable("WEBHOOK_LISTEN", "webhook_listen", lambda n, v: v, "127.0.0.1",
             "the address the webhook server listens on (also --listen)"),
    Variable("WEBHOOK_PORT", "webhook_port", _port, "8080", "its port (also --port)"),
    Variable("WEBHOOK_SECRET", "webhook_secret", _secret, "(none; required for webhooks)",
             "the secret Telegram sends with every update; others get 403"),
    # Checked by `bot.py web` (web/accounts.py), the one command that uses it.
    Variable("STAFF_WEB_ACCOUNTS", "staff_web_accounts", lambda n, v: v, "(none: `web` will not start)",
             "staff web view logins, name:hash,... (hashes from `bot.py web hash-password`; docs/staff-web.md)"),
    Variable("BOT_TEST_NOW", "test_now", _moment, "(none: the real clock)",
             "TESTS ONLY: the bot's clock starts at this ISO 8601 time and runs on (windows, alerts)"),
)
KNOWN_NAMES = frozenset(v.name for v in VARIABLES)


@dataclass(frozen=True)
class Settings:
    token: str | None = field(default=None, repr=False)
    base_url: str = DEFAULT_BASE_URL
    db_path: Path = DEFAULT_DB
    cache_dir: Path = DEFAULT_CACHE_DIR
    staff_chat_id: int | None = None
    staff_user_ids: frozenset[int] = frozenset()
    retention_days: int = DEFAULT_RETENTION_DAYS
    matcher_mode: str = "hybrid"
    log_level: str = "INFO"
    log_format: str = "text"
    webhook_url: str | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8080
    webhook_secret: str | None = field(default=None, repr=False)
    staff_web_accounts: str | None = field(default=None, repr=False)
    # BOT_TEST_NOW, for tests that run `python bot.py` and need windows to open and close: the bot's clock
    # starts at this time and runs on from there. Unset (always, in production), the real clock is used.
    test_now: datetime | None = None
    # The flood gate (handlers/floodgate.py) holds one person's answers beyond a rate no person types at.
    # The console chat turns it off: its one user is the operator at the keyboard, and a script piped into
    # it (`printf 'a\nb\n...' | python bot.py chat`) sends its lines faster than anyone types.
    flood_gate: bool = True
    # Problems worth a warning at start that do not stop the bot (a .env readable by others).
    warnings: tuple[str, ...] = field(default=(), compare=False)

    def clock(self) -> Callable[[], datetime]:
        """The time as the bot sees it (the store's clock): the real one, or BOT_TEST_NOW's running on."""
        if self.test_now is None:
            return lambda: datetime.now(timezone.utc)
        start, started = self.test_now, time.monotonic()
        return lambda: start + timedelta(seconds=time.monotonic() - started)

    @property
    def state_path(self) -> Path:
        """Where user settings and follow-up conversations are kept between restarts: a SQLite file beside
        the database."""
        return self.db_path.with_name(self.db_path.stem + "-state.db")

    @property
    def legacy_state_path(self) -> Path:
        """Where earlier versions kept that state as a pickle: never loaded (see bot.default_persistence)."""
        return self.db_path.with_name(self.db_path.stem + "-state.pickle")

    @property
    def secrets(self) -> list[str]:
        """Values that must never be printed."""
        return [s for s in (self.token, self.webhook_secret) if s]

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, *,
                 env_file: Path | None = DEFAULT_ENV_FILE) -> "Settings":
        """Settings from `env` (default: os.environ), filling gaps from `env_file` when it exists."""
        environment = os.environ if env is None else env
        from_file: dict[str, str] = {}
        warnings: list[str] = []
        if env_file is not None and env_file.is_file():
            from_file = {k: v for k, v in dotenv_values(env_file).items() if v is not None}
            warnings += _readable_by_others(env_file)
        _check_names(environment, from_file, env_file)
        # An empty variable (`export TELEGRAM_BOT_TOKEN=`, a compose file's empty default) counts as unset,
        # so it does not hide the value in .env.
        values = {**from_file, **{k: v for k, v in environment.items() if v.strip()}}
        parsed: dict[str, Any] = {}
        for variable in VARIABLES:
            text = values.get(variable.name, "").strip()
            if text:
                parsed[variable.field] = variable.parse(variable.name, text)
        parsed.setdefault("db_path", HERE / DEFAULT_DB)
        parsed.setdefault("cache_dir", HERE / DEFAULT_CACHE_DIR)
        return cls(**parsed, warnings=tuple(warnings))

    def overridden(self, values: Mapping[str, str | int | None]) -> "Settings":
        """These settings with values given on the command line (keyed by variable name) in force."""
        changes = {}
        for variable in VARIABLES:
            value = values.get(variable.name)
            if value is not None and str(value).strip():
                changes[variable.field] = variable.parse(variable.name, str(value).strip())
        return dataclasses.replace(self, **changes)

    @property
    def webhook_mode(self) -> bool:
        return self.webhook_url is not None

    def check_webhook(self) -> None:
        """SettingsError unless webhook mode has what it needs (Telegram's secret header is required)."""
        if self.webhook_mode and not self.webhook_secret:
            raise SettingsError("WEBHOOK_SECRET must be set in webhook mode (1-256 characters A-Z, a-z, 0-9, _, -; "
                                "e.g. from `openssl rand -hex 32`)")

    @property
    def log_level_number(self) -> int:
        return logging.getLevelName(self.log_level)


def markdown_table() -> str:
    """The configuration table in Markdown, for the docs."""
    rows = ["| variable | default | meaning |", "| --- | --- | --- |"]
    rows += [f"| `{v.name}` | {v.default} | {v.meaning} |" for v in VARIABLES]
    return "\n".join(rows)


def lookalike(name: str) -> str | None:
    """The variable of ours that `name` is probably a typo of, or None (also for our own names)."""
    if name in KNOWN_NAMES:
        return None
    upper = name.upper()
    best = min(KNOWN_NAMES, key=lambda known: _distance(upper, known))
    # Two edits (three for long names) catch a dropped, doubled or swapped letter without taking
    # unrelated variables (LOGNAME, HOSTNAME, ...) for ours.
    allowed = 3 if len(best) >= 14 else 2 if len(best) >= 8 else 1
    return best if _distance(upper, best) <= allowed else None


def _distance(a: str, b: str) -> int:
    from rapidfuzz.distance import Levenshtein  # only when a name is not ours: keeps `check` light

    return Levenshtein.distance(a, b)


def _check_names(environment: Mapping[str, str], from_file: Mapping[str, str], env_file: Path | None) -> None:
    """SettingsError for the first variable that looks like ours but is not one."""
    for name in from_file:
        guess = lookalike(name)
        if guess is None and name not in KNOWN_NAMES and name.upper().startswith(OUR_PREFIXES):
            raise SettingsError(f"{name} in {env_file} is not a setting of this bot "
                                f"(known: {', '.join(v.name for v in VARIABLES)})")
        if guess is not None:
            raise SettingsError(f"{name} in {env_file} is not a setting of this bot; did you mean {guess}?")
    for name in environment:
        guess = lookalike(name)
        if guess is not None:
            raise SettingsError(f"the environment variable {name} is not a setting of this bot; "
                                f"did you mean {guess}? (rename or unset it)")


def _readable_by_others(path: Path) -> list[str]:
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        return [f"{path} can be read by other users of this machine (mode {mode:o}) and holds the bot's "
                f"secrets: run chmod 600 {path}"]
    return []

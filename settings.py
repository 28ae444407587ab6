"""Configuration from the environment, or from a `.env` file beside the bot (the real environment wins;
an empty environment variable counts as unset).

| variable            | default                          | meaning                                              |
| ------------------- | -------------------------------- | ---------------------------------------------------- |
| TELEGRAM_BOT_TOKEN  | (none: the console chat)         | the bot's token from @BotFather                      |
| TELEGRAM_BASE_URL   | https://api.telegram.org/bot     | the Bot API address (for a self-hosted Bot API)      |
| BOT_DB              | data/bot.db (in the bot's folder)| the SQLite file of enquiries; state is kept beside it|
| STAFF_CHAT_ID       | (none)                           | the staff group's chat id                            |
| STAFF_USER_IDS      | (none)                           | staff members' user ids, comma separated             |
| RETENTION_DAYS      | 365                              | how long personal data is kept                       |
| LOG_LEVEL           | INFO                             | DEBUG, INFO, WARNING, ERROR                          |

The token is a secret: it is kept out of `repr()` and the log (see bot.py's logging setup).
"""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from dotenv import dotenv_values

HERE = Path(__file__).resolve().parent
DEFAULT_ENV_FILE = HERE / ".env"
DEFAULT_BASE_URL = "https://api.telegram.org/bot"
DEFAULT_DB = Path("data/bot.db")
DEFAULT_RETENTION_DAYS = 365
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


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


@dataclass(frozen=True)
class Settings:
    token: str | None = field(default=None, repr=False)
    base_url: str = DEFAULT_BASE_URL
    db_path: Path = DEFAULT_DB
    staff_chat_id: int | None = None
    staff_user_ids: frozenset[int] = frozenset()
    retention_days: int = DEFAULT_RETENTION_DAYS
    log_level: str = "INFO"

    @property
    def state_path(self) -> Path:
        """Where user settings and follow-up conversations are kept between restarts: a SQLite file beside
        the database."""
        return self.db_path.with_name(self.db_path.stem + "-state.db")

    @property
    def legacy_state_path(self) -> Path:
        """Where earlier versions kept that state as a pickle: never loaded (see bot.default_persistence)."""
        return self.db_path.with_name(self.db_path.stem + "-state.pickle")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, *,
                 env_file: Path | None = DEFAULT_ENV_FILE) -> "Settings":
        """Settings from `env` (default: os.environ), filling gaps from `env_file` when it exists."""
        values: dict[str, str] = {}
        if env_file is not None and env_file.is_file():
            values.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
        # An empty variable (`export TELEGRAM_BOT_TOKEN=`, a compose file's empty default) counts as unset,
        # so it does not hide the value in .env.
        values.update({k: v for k, v in (os.environ if env is None else env).items() if v.strip()})

        def text(name: str) -> str | None:
            value = values.get(name, "").strip()
            return value or None

        log_level = (text("LOG_LEVEL") or "INFO").upper()
        if log_level not in LOG_LEVELS:
            raise SettingsError(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)} (got {log_level!r})")
        retention = _int("RETENTION_DAYS", text("RETENTION_DAYS"))
        if retention is not None and retention < 1:
            raise SettingsError(f"RETENTION_DAYS must be a positive number of days (got {retention})")
        return cls(
            token=text("TELEGRAM_BOT_TOKEN"),
            base_url=bot_api_url(text("TELEGRAM_BASE_URL") or DEFAULT_BASE_URL),
            # A relative path is taken from the bot's folder, so it does not depend on where it is started.
            db_path=HERE / Path(text("BOT_DB") or DEFAULT_DB),
            staff_chat_id=_int("STAFF_CHAT_ID", text("STAFF_CHAT_ID")),
            staff_user_ids=frozenset(_int("STAFF_USER_IDS", part.strip())
                                     for part in (text("STAFF_USER_IDS") or "").split(",") if part.strip()),
            retention_days=DEFAULT_RETENTION_DAYS if retention is None else retention,
            log_level=log_level,
        )

    @property
    def log_level_number(self) -> int:
        return logging.getLevelName(self.log_level)


def _int(name: str, value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number (got {value!r})") from None

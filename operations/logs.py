"""The log: one line per event, as text or JSON (LOG_FORMAT), with the bot's secrets removed.

Secrets (the token appears in every Bot API URL; the webhook secret) are removed twice over: from each
formatted log line, and from everything written to stdout and stderr at all (`guard_output`), so that a
traceback printed by Python itself or a library's stray print cannot leak them either. Personal data is
kept out by the callers, which log ids and counts, never what people wrote.
"""
from __future__ import annotations

import io
import json
import logging
import sys
import traceback
from datetime import datetime, timezone
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from settings import Settings

REDACTED = "<token>"
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def redact(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        if secret:
            text = text.replace(secret, REDACTED)
    return text


def one_line_traceback(exc_info: tuple) -> str:
    """A traceback in one line: the error, then where it happened, innermost last ("file:line in f")."""
    kind, error, tb = exc_info
    frames = traceback.extract_tb(tb)
    where = " < ".join(f"{frame.filename.rsplit('/', 1)[-1]}:{frame.lineno} in {frame.name}"
                       for frame in reversed(frames[-6:]))
    summary = "".join(traceback.format_exception_only(kind, error)).strip().replace("\n", " | ")
    return f"{summary} (at {where})" if where else summary


class RedactingFormatter(logging.Formatter):
    """One line per event (a traceback folded into it), secrets removed."""

    def __init__(self, fmt: str, secrets: list[str]) -> None:
        super().__init__(fmt)
        self.secrets = [s for s in secrets if s]

    def formatException(self, ei) -> str:  # noqa: N802 - logging's name
        return one_line_traceback(ei)

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record).replace("\n", " | ")
        return redact(text, self.secrets)


class JsonFormatter(RedactingFormatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message and, for errors, error."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__("%(message)s", secrets)

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["error"] = one_line_traceback(record.exc_info)
        return redact(json.dumps(entry, ensure_ascii=False), self.secrets)


class RedactingStream(io.TextIOBase):
    """A text stream that removes secrets from what is written to the stream it wraps."""

    def __init__(self, stream: TextIO, secrets: list[str]) -> None:
        self.stream = stream
        self.secrets = [s for s in secrets if s]

    def write(self, text: str) -> int:
        self.stream.write(redact(text, self.secrets))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self.stream.encoding


def guard_output(secrets: list[str]) -> None:
    """From now on nothing written to sys.stdout or sys.stderr contains one of `secrets`."""
    secrets = [s for s in secrets if s]
    if not secrets:
        return
    if not isinstance(sys.stdout, RedactingStream):
        sys.stdout = RedactingStream(sys.stdout, secrets)
    if not isinstance(sys.stderr, RedactingStream):
        sys.stderr = RedactingStream(sys.stderr, secrets)


def configure_logging(settings: Settings, *, console: bool = False) -> None:
    handler = logging.StreamHandler()
    if settings.log_format == "json":
        handler.setFormatter(JsonFormatter(settings.secrets))
    else:
        handler.setFormatter(RedactingFormatter(TEXT_FORMAT, settings.secrets))
    level = settings.log_level_number
    if console and level > logging.DEBUG:
        # The chat owns the terminal: only failures interrupt it (a warning such as "STAFF_CHAT_ID is not
        # set" is about running on Telegram, and would land in the middle of the conversation).
        level = max(level, logging.ERROR)
    logging.basicConfig(level=level, handlers=[handler], force=True)
    logging.captureWarnings(True)  # Python's warnings go through the same formatter (one line, redacted)
    # APScheduler (the JobQueue) logs every run of every job at INFO: the outbox sender's, every 5 s.
    logging.getLogger("apscheduler").setLevel(max(level, logging.WARNING))
    # httpx logs every request at INFO with its URL, and Bot API URLs contain the token.
    logging.getLogger("httpx").setLevel(max(level, logging.WARNING))
    logging.getLogger("httpcore").setLevel(max(level, logging.WARNING))
    # At DEBUG python-telegram-bot logs every request's parameters, the texts users and staff wrote among them.
    logging.getLogger("telegram").setLevel(max(level, logging.INFO))
    # tornado (the webhook server) logs each request at INFO with its path, which is the webhook's secret
    # place; failures (a 403 for a wrong secret) are WARNING and stay.
    logging.getLogger("tornado.access").setLevel(max(level, logging.WARNING))

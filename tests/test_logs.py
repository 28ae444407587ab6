"""The log: one line per event, text or JSON (LOG_FORMAT), never the token."""
from __future__ import annotations

import json
import logging

import pytest

from operations.logs import configure_logging
from settings import Settings

TOKEN = "123456789:AAH-secret-token-value"


@pytest.fixture(autouse=True)
def restore_logging():
    yield
    logging.basicConfig(force=True, handlers=[logging.NullHandler()])


def emit() -> None:
    log = logging.getLogger("handlers.test")
    log.info("sent to https://api.telegram.org/bot%s/sendMessage", TOKEN)
    try:
        raise RuntimeError(f"failed at https://api.telegram.org/bot{TOKEN}/getMe\nsecond line")
    except RuntimeError:
        log.exception("update %s failed", 17)


def test_json_lines_one_object_per_event_without_the_token(capsys):
    configure_logging(Settings(token=TOKEN, log_format="json"))
    emit()
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 2
    info, error = (json.loads(line) for line in lines)
    assert info["level"] == "INFO" and info["logger"] == "handlers.test" and info["time"].endswith("+00:00")
    assert error["message"] == "update 17 failed" and "RuntimeError" in error["error"]
    assert "test_logs.py" in error["error"] and "emit" in error["error"]  # where it happened
    assert TOKEN not in "".join(lines) and "<token>" in info["message"]


def test_text_lines_fold_a_traceback_into_the_line(capsys):
    configure_logging(Settings(token=TOKEN, log_format="text"))
    emit()
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 2 and " ERROR handlers.test: update 17 failed " in lines[1]
    assert "RuntimeError" in lines[1] and "test_logs.py:" in lines[1] and TOKEN not in "".join(lines)

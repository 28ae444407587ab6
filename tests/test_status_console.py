"""`bot.py status` on a database no bot has beaten on says why plainly: the console chat's database gets no
heartbeat by design, and a fresh bot database has simply not seen the bot run (nothing was "upgraded")."""
from __future__ import annotations

from pathlib import Path

from conftest import ROOT
from operations.status import collect, render
from store import EnquiryStore

FOLDERS = (ROOT / "tests" / "data" / "frozen" / "knowledge", ROOT / "tests" / "data" / "frozen" / "intents")


def _status_text(path: Path) -> str:
    EnquiryStore(path).close()
    return render(collect(path, FOLDERS))


def test_the_console_database_is_named_as_such(tmp_path: Path) -> None:
    text = _status_text(tmp_path / "console.db")
    assert "console chat database (the console chat writes no heartbeat" in text
    assert "upgraded" not in text


def test_a_bot_database_without_a_heartbeat_says_the_bot_has_not_run(tmp_path: Path) -> None:
    text = _status_text(tmp_path / "bot.db")
    assert "no heartbeat recorded (the bot has not run with a token on this database)" in text
    assert "upgraded" not in text

"""Smaller hardening: an empty database file is refused, forged ratings of what was not an answer are not
counted, and no input is read past Telegram's 4,096 characters (a 20 MB message, a 20 MB console line).

Through the real Application and the in-process Bot API, a real SQLite file, and `python bot.py`.
"""
from __future__ import annotations

import io
import sqlite3
import time

import pytest

from console.chat import read_line
from handlers.bounds import INPUT_LIMIT
from store import EnquiryStore
from test_bot_cli import run_bot_py


# -- an empty database file ------------------------------------------------------------------------------

def test_an_empty_database_file_is_refused_not_started_afresh(tmp_path):
    path = tmp_path / "bot.db"
    path.write_bytes(b"")  # cut to nothing (a full disk, a bad copy): its tickets were numbered already
    with pytest.raises(sqlite3.DatabaseError, match="empty"):
        EnquiryStore(path)
    assert path.read_bytes() == b""  # left as it was, for whoever restores it


def test_bot_py_says_so_in_one_line(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "console.db").write_bytes(b"")
    result = run_bot_py("chat", stdin="/help\n", tmp_path=tmp_path)
    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert "console.db" in line and "empty (0 bytes)" in line and "ticket numbers from 1" in line
    assert (data / "console.db").read_bytes() == b""


def test_a_new_database_is_still_created(tmp_path):
    with EnquiryStore(tmp_path / "new.db") as store:
        assert store.enquiries.record(user_id=1, chat_id=1, lang="ko", text="x") == 1


# -- ratings -------------------------------------------------------------------------------------------

async def test_only_answers_can_be_rated(bot):
    await bot.command("/help")
    command = bot.last_enquiry()
    assert await bot.press(f"fb:{command['id']}:1") == []  # forged: there was no 👍 under /help
    assert "더 이상" in bot.api.answers[-1]["text"] or "no longer" in bot.api.answers[-1]["text"]
    await bot.say("무역사절단 신청 방법")
    answered = bot.last_enquiry()
    await bot.press(f"fb:{answered['id']}:1")
    assert bot.store.db.execute("SELECT enquiry_id FROM feedback").fetchall() == [(answered["id"],)]


# -- input past Telegram's limit -----------------------------------------------------------------------

async def test_a_20_mb_message_is_cut_to_telegrams_limit_before_anything(bot):
    """Telegram never sends more than 4,096 characters; a forged update or a private Bot API server can."""
    huge = "무역사절단 신청 방법 " + "가" * 20_000_000
    started = time.process_time()
    sent = await bot.send(bot.updates.message(huge))
    elapsed = time.process_time() - started
    assert sent and sent[0]["plain"].startswith("무역사절단")
    stored = bot.last_enquiry()
    assert len(stored["text"]) == INPUT_LIMIT and stored["text"].startswith("무역사절단 신청 방법")
    assert elapsed < 2.0  # recording, masking and matching 4,096 characters, not 20 million


def test_a_20_mb_console_line_is_read_in_pieces_and_cut():
    stream = io.StringIO("가" * 20_000_000 + "\n/help\n")
    line = read_line(stream)
    assert line == "가" * INPUT_LIMIT + "\n"
    assert read_line(stream) == "/help\n" and read_line(stream) == ""
    short = io.StringIO("무역사절단\n")
    assert read_line(short) == "무역사절단\n"

"""The state file (store/state.py, handlers/persistence.py): JSON in SQLite, no pickle; survives restarts,
refuses files that are not safely ours, recovers from damage in one log line, expires and forgets.

The bot's tests drive the real Application through the in-process Bot API, on real SQLite files.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

import bot
from botapi.inprocess import InProcessBotAPI
from conftest import BotHarness
from desk_fixtures import STAFF, STAFF_CHAT
from handlers import followup, privacy
from handlers.persistence import SQLitePersistence
from settings import Settings
from store.database import iso
from store.state import USER, Change, StateFileError, StateStore, decode, encode
from test_followup import AGREE, USER as FOLLOWUP_USER

USER_ID = 1001
NAME = "이서준"


@contextlib.asynccontextmanager
async def running_bot(settings: Settings, kb: Any, matcher: Any, store: Any) -> Any:
    """A bot as `python bot.py` builds it (default_persistence on settings.state_path), with its JobQueue."""
    api = InProcessBotAPI()
    app = bot.build_application(settings, kb=kb, matcher=matcher, store=store, request=api, get_updates_request=api)
    async with app:
        await app.job_queue.start()
        try:
            yield BotHarness(app, api, store)
        finally:
            await app.job_queue.stop(wait=False)


async def half_way_in_english(harness: BotHarness) -> None:
    """English chosen with /lang, then /contact left at its second step (the name given): state to keep."""
    await harness.command("/lang")
    await harness.press("l:en")
    await harness.command("/contact")
    await harness.press(AGREE)
    await harness.say(NAME)


def rows(path: Path) -> list[tuple]:
    """The state file's rows, read by a separate connection as another process would."""
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT kind, key, value, updated_at FROM state ORDER BY kind, key").fetchall()


def state_files(path: Path) -> bytes:
    """The state file and whatever SQLite keeps beside it."""
    return b"".join(p.read_bytes() for p in sorted(path.parent.glob(path.name + "*")))


# -- values ------------------------------------------------------------------------------------------

def test_values_round_trip_as_json_with_their_types():
    when = datetime(2026, 11, 30, 12, 5, 1, 123000, tzinfo=timezone.utc)
    value = {"lang": "en", "followup": {"touched": when, "prompt": (1001, 57), "name": "김민지", "n": None},
             "ids": [1, 2.5, True], "by_id": {7: "x", (1, 2): "y"}, "$odd": "kept"}
    text = encode(value)
    assert "김민지" in text and text.startswith("{")  # readable JSON, not a binary format
    assert decode(text) == value
    assert isinstance(decode(text)["followup"]["prompt"], tuple)


def test_only_plain_values_can_be_kept():
    class Anything:
        pass

    with pytest.raises(TypeError, match="plain values only"):
        encode({"x": Anything()})


# -- surviving a restart -----------------------------------------------------------------------------

async def test_language_and_an_unfinished_flow_survive_a_restart(settings, kb, matcher, store):
    settings = Settings(token=None, db_path=settings.db_path, staff_chat_id=STAFF_CHAT, staff_user_ids=frozenset({STAFF}))
    async with running_bot(settings, kb, matcher, store) as first:
        await half_way_in_english(first)
    assert not list(settings.db_path.parent.glob("*.pickle"))
    async with running_bot(settings, kb, matcher, store) as second:
        asked = [s for s in await second.say("010-2468-1357") if s["chat_id"] == FOLLOWUP_USER]
        assert "question" in asked[0]["plain"].lower()  # the next step, in the chosen language
        assert second.app.user_data[USER_ID][followup.DRAFT]["name"] == NAME


async def test_only_what_changed_is_written(settings, kb, matcher, store):
    """Each round writes the entries that changed, not the whole file."""
    path = settings.state_path
    old = datetime.now(timezone.utc) - timedelta(days=3)
    seeded = StateStore(path, clock=lambda: old)
    seeded.apply([Change(USER, uid, {"lang": "ko"}, user_id=uid) for uid in range(5000, 5200)])
    seeded.close()
    async with running_bot(settings, kb, matcher, store) as harness:
        await harness.command("/lang")
        await harness.press("l:en")
        await harness.app.update_persistence()
        stamps = {json_key: stamp for _, json_key, _, stamp in rows(path)}
    fresh = [key for key, stamp in stamps.items() if stamp > iso(old)]
    assert fresh == [str(USER_ID)] and len(stamps) == 201


async def test_a_write_does_not_run_on_the_event_loop(settings):
    """The file work happens on the state file's own thread."""
    import threading

    state = StateStore(settings.state_path)
    seen: list[str] = []
    apply = state.apply

    def apply_and_note(changes):
        seen.append(threading.current_thread().name)
        return apply(changes)

    state.apply = apply_and_note  # type: ignore[method-assign]  (a probe, not a stand-in: it calls through)
    persistence = SQLitePersistence(state)
    await persistence.update_user_data(1, {"lang": "en"})
    await persistence.flush()
    assert seen and seen[0].startswith("state-file") and seen[0] != threading.current_thread().name
    assert await SQLitePersistence(StateStore(settings.state_path)).get_user_data() == {1: {"lang": "en"}}


# -- files that are not safely ours ------------------------------------------------------------------

async def test_an_old_pickle_is_never_loaded(settings, kb, matcher, store, tmp_path, caplog):
    marker = tmp_path / "ran"
    # What a planted pickle could hold: loading it would call exec and create the marker file.
    settings.legacy_state_path.parent.mkdir(parents=True, exist_ok=True)
    settings.legacy_state_path.write_bytes(
        b"cbuiltins\nexec\n(Vopen(%r, 'w').write('x')\ntR." % str(marker).encode())
    caplog.set_level(logging.WARNING)
    async with running_bot(settings, kb, matcher, store) as harness:
        await harness.command("/start")
    assert not marker.exists()
    [line] = [r.getMessage() for r in caplog.records if "pickle" in r.getMessage()]
    assert "ignored" in line and "never loaded" in line


def test_a_symbolic_link_is_refused_and_its_target_left_alone(settings, tmp_path):
    target = tmp_path / "elsewhere.db"
    target.write_bytes(b"")
    target.chmod(0o644)
    settings.state_path.parent.mkdir(parents=True, exist_ok=True)
    settings.state_path.symlink_to(target)
    with pytest.raises(StateFileError, match="symbolic link"):
        StateStore(settings.state_path)
    assert target.stat().st_mode & 0o777 == 0o644 and target.read_bytes() == b""


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_another_users_file_is_refused(settings):
    settings.state_path.parent.mkdir(parents=True, exist_ok=True)
    settings.state_path.write_bytes(b"")
    settings.state_path.chmod(0o644)
    os.chown(settings.state_path, 4321, -1)
    with pytest.raises(StateFileError, match="another user"):
        StateStore(settings.state_path)
    assert settings.state_path.stat().st_mode & 0o777 == 0o644


def test_python_bot_py_refuses_a_linked_state_file_in_one_line(tmp_path):
    from test_bot_cli import run_bot_py

    data = tmp_path / "data"
    data.mkdir()
    (tmp_path / "target").write_text("")
    (data / "console-state.db").symlink_to(tmp_path / "target")
    result = run_bot_py("chat", stdin="/help\n", tmp_path=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"Cannot use the state file {data / 'console-state.db'}: the state file is a symbolic link; refusing to follow it"]


def test_a_readable_state_file_of_ours_is_made_private(settings, caplog):
    StateStore(settings.state_path).close()
    settings.state_path.chmod(0o644)
    StateStore(settings.state_path).close()
    assert settings.state_path.stat().st_mode & 0o777 == 0o600


# -- damage --------------------------------------------------------------------------------------------

def filled_state(path: Path, users: int = 300) -> None:
    state = StateStore(path)
    state.apply([Change(USER, uid, {"lang": "en", "seen_lang": "en", "note": "x" * 200}, user_id=uid)
                 for uid in range(users)])
    state.close()


@pytest.mark.parametrize("damage", ["truncated", "overwritten", "emptied"])
async def test_a_damaged_state_file_is_reported_once_and_the_bot_starts_afresh(damage, settings, kb, matcher,
                                                                               store, caplog):
    path = settings.state_path
    filled_state(path)
    data = path.read_bytes()
    if damage == "truncated":  # a full disk in the middle of a write
        path.write_bytes(data[: len(data) // 3])
    elif damage == "overwritten":
        path.write_bytes(b"\x80\x04not a database at all" * 100)
    else:
        path.write_bytes(b"")
    caplog.set_level(logging.INFO)
    async with running_bot(settings, kb, matcher, store) as harness:
        sent = await harness.command("/start")
        assert sent[0]["plain"].startswith("안녕하세요")  # answering; nothing of the old state
        await harness.command("/lang")
        await harness.press("l:en")
    problems = [r for r in caplog.records if r.name.startswith("store.state") and r.levelno >= logging.WARNING]
    assert len(problems) == 1, [r.getMessage() for r in problems]
    assert problems[0].exc_info is None and "\n" not in problems[0].getMessage()
    assert str(path) in problems[0].getMessage()
    assert StateStore(path).user_data() == {USER_ID: {"lang": "en"}}  # the new file works


# -- retention and forgetting -----------------------------------------------------------------------

async def test_entries_older_than_the_retention_period_expire(settings, kb, matcher, store):
    settings = Settings(token=None, db_path=settings.db_path, retention_days=30)
    async with running_bot(settings, kb, matcher, store) as harness:
        await harness.command("/lang")
        await harness.press("l:en")
        await harness.command("/lang", user_id=2002)
        await harness.press("l:en", user_id=2002)
        await harness.app.update_persistence()
        state = harness.app.persistence.state
        later = state.clock() + timedelta(days=31)
        state.clock = lambda: later - timedelta(days=1)  # user 2002 comes back a day before the purge
        await harness.command("/start", user_id=2002)
        await harness.app.update_persistence()
        real_clock = harness.store.clock
        harness.store.clock = lambda: later
        job_context = harness.app.context_types.context.from_job(
            harness.app.job_queue.get_jobs_by_name(privacy.JOB_NAME)[0], harness.app)
        counts = await privacy.daily_maintenance(job_context)
        harness.store.clock = real_clock
        assert counts["state"] == 1
        assert [key for _, key, _, _ in rows(settings.state_path)] == ["2002"]
        # Gone from memory as well: the first user is answered in Korean again.
        assert (await harness.command("/start"))[0]["plain"].startswith("안녕하세요")
        assert (await harness.command("/start", user_id=2002))[0]["plain"].startswith("Hello")


def test_entries_older_than_the_retention_period_go_at_start_up(settings):
    old = datetime.now(timezone.utc) - timedelta(days=40)
    state = StateStore(settings.state_path, clock=lambda: old)
    state.apply([Change(USER, 1, {"lang": "en"}, user_id=1)])
    state.clock = lambda: old + timedelta(days=35)
    state.apply([Change(USER, 2, {"lang": "en"}, user_id=2)])
    state.close()
    assert StateStore(settings.state_path, retention_days=30).user_data() == {2: {"lang": "en"}}


async def test_forget_removes_every_entry_about_the_person(settings, kb, matcher, store):
    settings = Settings(token=None, db_path=settings.db_path, staff_chat_id=STAFF_CHAT, staff_user_ids=frozenset({STAFF}))
    async with running_bot(settings, kb, matcher, store) as harness:
        await half_way_in_english(harness)
        await harness.command("/lang", user_id=2002)
        await harness.press("l:en", user_id=2002)
        await harness.app.update_persistence()
        assert NAME.encode() in state_files(settings.state_path)
        await harness.command("/forget")
        await harness.press("pv:forget:yes")
        assert [key for _, key, _, _ in rows(settings.state_path)] == ["2002"]
        assert NAME.encode() not in state_files(settings.state_path)


async def test_a_failed_write_is_logged_once_and_tried_again(settings, caplog):
    """A write that fails (here: another process holds the file's write lock; in production a full disk)
    keeps its changes, deletions included, for the next round."""
    state = StateStore(settings.state_path)
    persistence = SQLitePersistence(state)
    await persistence.update_user_data(1, {"lang": "en"})
    await persistence.update_user_data(2, {"lang": "en"})
    state.conn.execute("PRAGMA busy_timeout = 20")
    blocker = sqlite3.connect(settings.state_path)
    blocker.execute("BEGIN IMMEDIATE")
    caplog.set_level(logging.WARNING)
    # One round, as Application.update_persistence gathers it: one transaction, one line if it fails.
    await asyncio.gather(persistence.update_user_data(1, {"lang": "ko"}), persistence.drop_user_data(2))
    [line] = [r.getMessage() for r in caplog.records if r.name == "handlers.persistence"]
    assert "could not write the state file" in line and "2 changes kept" in line
    blocker.rollback()
    blocker.close()
    await persistence.update_user_data(3, {"lang": "en"})  # the next round writes all of it
    await persistence.flush()
    assert StateStore(settings.state_path).user_data() == {1: {"lang": "ko"}, 3: {"lang": "en"}}


async def test_a_value_that_is_not_plain_is_left_out_and_the_rest_written(settings, caplog):
    persistence = SQLitePersistence(StateStore(settings.state_path))
    caplog.set_level(logging.ERROR)
    await asyncio.gather(persistence.update_user_data(1, {"lang": "en", "odd": object()}),
                         persistence.update_user_data(2, {"lang": "en"}))
    await persistence.flush()
    assert StateStore(settings.state_path).user_data() == {2: {"lang": "en"}}
    assert any("not saved" in r.getMessage() for r in caplog.records)

"""A bot over the finder's test knowledge (tests/data/finder) with a store whose clock the test sets.

    async def test_x(finder_bot, clock):
        clock.at = kst(2026, 3, 2, 10)
        sent = await finder_bot.command("/finder")
"""
from __future__ import annotations

import contextlib
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from bot import build_application
from botapi.inprocess import InProcessBotAPI
from conftest import BotHarness
from fakeclock import Clock
from intents.matcher import Matcher
from knowledge.loader import load_or_raise
from knowledge.windows import KST
from settings import Settings
from store import EnquiryStore

DATA = Path(__file__).parent / "data" / "finder"


def kst(*args: int) -> datetime:
    return datetime(*args, tzinfo=KST)


@pytest.fixture(scope="session")
def finder_kb():
    return load_or_raise(DATA / "knowledge", DATA / "intents")


@pytest.fixture
def clock() -> Clock:
    return Clock(kst(2026, 3, 2, 10))  # a Monday morning: the incubator's window opens that day


@pytest.fixture
def finder_settings(tmp_path: Path) -> Settings:
    return Settings(token=None, db_path=tmp_path / "data" / "bot.db")


@pytest.fixture
def open_bot(finder_settings: Settings, finder_kb: Any, clock: Clock) -> Any:
    """`async with open_bot() as bot:` the bot on the same files each time (a restart, in between)."""

    @contextlib.asynccontextmanager
    async def make() -> Any:
        store = EnquiryStore(finder_settings.db_path, clock=clock)
        api = InProcessBotAPI()
        app = build_application(finder_settings, kb=finder_kb, matcher=Matcher(finder_kb), store=store,
                                request=api, get_updates_request=api)
        try:
            async with app:
                yield BotHarness(app, api, store)
        finally:
            store.close()

    return make


@pytest.fixture
async def finder_bot(open_bot: Any) -> Any:
    async with open_bot() as bot:
        yield bot

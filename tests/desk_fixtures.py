"""Fixtures for the desk's test modules: `from desk_fixtures import settings, desk, STAFF_CHAT, STAFF`.

A module that imports `settings` has a bot with a staff chat; one that imports `desk` runs its JobQueue.
(Their bots, like every bot of the tests, answer from the frozen knowledge: conftest's `kb`.)
"""
from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from conftest import BotHarness
from settings import Settings

STAFF_CHAT = -100500  # the staff group
STAFF = 42            # a staff member


@pytest.fixture
def settings(db_path: Path) -> Settings:
    """A staff chat is set, so a new ticket's card is written to the outbox for it."""
    return Settings(token=None, db_path=db_path, staff_chat_id=STAFF_CHAT, staff_user_ids=frozenset({STAFF}))


@pytest.fixture
async def desk(bot: BotHarness) -> AsyncIterator[BotHarness]:
    """The `bot` harness with its JobQueue running, as run_polling has it."""
    await bot.app.job_queue.start()
    try:
        yield bot
    finally:
        await bot.app.job_queue.stop(wait=False)

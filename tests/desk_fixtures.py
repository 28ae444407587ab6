"""Fixtures for the desk's test modules: `from desk_fixtures import kb, matcher` (and `settings`, `desk`).

The follow-up and staff-desk tests are about the desk, not the knowledge, which staff rewrite; their bots
answer from a frozen copy. The knowledge's own tests and quality bars keep the shipped files.
A module that imports `settings` has a bot with a staff chat; one that imports `desk` runs its JobQueue.
"""
from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from conftest import BotHarness
from intents.matcher import Matcher
from knowledge.model import KnowledgeBase
from settings import Settings

STAFF_CHAT = -100500  # the staff group
STAFF = 42            # a staff member


@pytest.fixture
def kb(frozen_kb: KnowledgeBase) -> KnowledgeBase:
    return frozen_kb


@pytest.fixture
def matcher(frozen_matcher: Matcher) -> Matcher:
    return frozen_matcher


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

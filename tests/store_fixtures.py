"""Fixtures shared by the store's own tests: a real SQLite file whose clock the test moves by hand.

Import them into a test module (`from store_fixtures import T0, clock, store`) to use them there; the
handler tests keep conftest's plain `store`.
"""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from fakeclock import Clock
from store import EnquiryStore

T0 = datetime(2025, 3, 3, 1, 0, tzinfo=timezone.utc)  # 10:00 KST, a Monday


@pytest.fixture
def clock() -> Clock:
    return Clock(T0)


@pytest.fixture
def store(tmp_path, clock):
    s = EnquiryStore(tmp_path / "bot.db", clock=clock)
    yield s
    s.close()

"""/deadlines: what is open now (closing soonest first, ⏰ within a week) and what opens within a month."""
from __future__ import annotations

from conftest import button_data
from finder_fixtures import clock, finder_bot, finder_kb, finder_settings, kst, open_bot  # noqa: F401


async def test_open_now_closing_soon_and_opening_soon(finder_bot, clock):
    clock.at = kst(2026, 2, 5, 10)
    reply = (await finder_bot.command("/deadlines"))[0]
    text = reply["plain"]
    assert text.startswith("접수 일정 (2026년 2월 5일 10:00 기준)")
    open_part, upcoming_part = text.split("곧 접수 시작")
    # the founder allowance closes on 9 Feb (D-4: soon), the defence programme on 28 Feb
    assert (open_part.index("⏰ • 테스트 창업수당 — 접수 중 · 마감 D-4")
            < open_part.index("• 테스트 방산기술 — 접수 중 · 마감 D-23"))
    assert "⏰ • 테스트 방산기술" not in open_part
    assert "• 테스트 창업보육센터 — 접수 예정 · 2026년 3월 2일부터" in upcoming_part
    assert "청년일자리" not in text and "강소기업" not in text  # closed, and no window known
    assert button_data(reply) == ["p:founder-allowance", "p:defense-tech", "p:incubator"]


async def test_nothing_open_is_said_plainly(finder_bot, clock):
    clock.at = kst(2026, 6, 1, 10)
    reply = (await finder_bot.command("/deadlines", lang="en"))[0]
    assert "No program has a window open now or opening soon in our records" in reply["plain"]
    assert reply.get("reply_markup") is None

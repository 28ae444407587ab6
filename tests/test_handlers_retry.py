"""Direct replies survive a blip of the Bot API: a 5xx, a network error or a timeout is tried again
(twice, after a short wait); a 400 or 403 is an answer and is not."""
from __future__ import annotations

import pytest

from conftest import button_data

QUESTION = "수소충전소 신청 방법"


async def answer_of(bot, text: str = QUESTION) -> list[dict]:
    return [s for s in await bot.say(text) if s["method"] == "sendMessage"]


def apology(sent: list[dict]) -> bool:
    return any("문제가 생겼습니다" in s["plain"] for s in sent)


@pytest.mark.parametrize("times", [1, 2])
@pytest.mark.parametrize("status", [500, 502, 503, 504])
async def test_an_answer_is_sent_again_after_a_5xx(bot, status, times):
    bot.api.fail_next("sendMessage", status, times=times)
    sent = await answer_of(bot)
    assert len(sent) == 1 and not apology(sent) and "수소" in sent[0]["plain"]
    assert len(bot.api.calls_of("sendMessage")) == times + 1


async def test_an_answer_is_sent_again_after_a_timeout(bot):
    bot.api._read_timeout = 0.05
    bot.api.delay_next("sendMessage", 1.0)
    sent = await answer_of(bot)
    assert len(sent) == 1 and not apology(sent)


async def test_three_failures_in_a_row_end_in_the_apology(bot):
    bot.api.fail_next("sendMessage", 502, times=3)
    sent = await answer_of(bot)
    assert apology(sent)


@pytest.mark.parametrize("status", [400, 403])
async def test_a_bad_request_or_forbidden_is_not_tried_again(bot, status):
    bot.api.fail_next("sendMessage", status, "Bad Request: chat not found" if status == 400 else "")
    await answer_of(bot)
    assert len([c for c in bot.api.calls_of("sendMessage") if "수소" in c.get("text", "")]) == 1


async def test_an_edit_in_place_is_tried_again(bot):
    sent = await answer_of(bot, "무역사절단 신청 방법")
    data = [d for d in button_data(sent[-1]) if d.startswith("p:")]
    assert data
    bot.api.fail_next("editMessageText", 502)
    shown = await bot.press(data[0])
    assert [s["method"] for s in shown if s["method"] in ("editMessageText", "sendMessage")] == ["editMessageText"]
    assert not apology(shown)


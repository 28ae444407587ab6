"""English chat words inside a request (intents/matcher.py `_topic_terms`): `ok` is chat in both languages
(words.yaml `neutral_words`), never a topic, so `ok, I would like to talk to someone from your staff` is the
request for a person it says, not a question about the staff that the guide cannot answer. Through the real
Application, the in-process Bot API, a real SQLite store and the frozen knowledge (tests/conftest.py)."""
from __future__ import annotations


async def test_ok_then_a_request_for_staff_starts_the_staff_flow(bot) -> None:
    sent = await bot.say("ok, I would like to talk to someone from your staff")
    assert not any(m["plain"].startswith("This guide does not cover that") for m in sent)
    assert any("staff" in m["plain"] for m in sent)

"""How much of what people send the bot reads: Telegram's own limit on a message.

Telegram never delivers a text longer than 4,096 characters; a self-hosted Bot API server, a forged
update or the console chat's standard input can. What is past the limit is cut where a text comes in,
before it is stored, masked, matched or forwarded to staff: nobody means more than Telegram lets them
send, and the work on one message stays bounded (a 20 MB paste costs what 4,096 characters cost).
"""
from __future__ import annotations

INPUT_LIMIT = 4096  # characters, Telegram's limit on a message's text


def bounded(text: str | None, limit: int = INPUT_LIMIT) -> str | None:
    """`text` cut to `limit` characters (None stays None)."""
    return text if text is None or len(text) <= limit else text[:limit]

"""What the matcher may know about a conversation: the item the bot answered last in that chat.

A message with no topic of its own (`그럼 신청은요?`, `자격은?`, `거기 전화번호`, `how about eligibility?`) is
about that item. The handler keeps it (in chat_data) and passes it in; the matcher stays pure.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

CONTEXT_SECONDS = 15 * 60  # after this a follow-up question is not read as about the last answer


@dataclass(frozen=True)
class MatchContext:
    last_id: str | None = None  # the program or FAQ answered last in the chat
    at: float = 0.0  # when (time.time())

    def current(self, now: float | None = None) -> str | None:
        """The last item's id while it is recent enough to be what a follow-up means."""
        now = time.time() if now is None else now
        if self.last_id and 0 <= now - self.at <= CONTEXT_SECONDS:
            return self.last_id
        return None


NO_CONTEXT = MatchContext()

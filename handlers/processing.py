"""How updates are run concurrently: many chats at once, but each chat's updates in the order they came.

Answering one update is mostly waiting for the Bot API, so several are handled at once. Two messages
from the same person must still be handled in order (the second question is answered second, and a
conversation's steps cannot overtake each other), so updates of one chat wait for each other.

That is also what python-telegram-bot's ConversationHandler needs (its docs ask for no concurrency
because one conversation's updates must be processed one by one): a conversation lives in one chat.

The order of the two waits matters. An update first waits for its chat's turn, and only then for one of
the shared slots: a chat that floods the bot holds at most one slot while the rest of its updates queue
behind its own lock, so other chats still find a free slot at once. (The other way round, 300 messages
from one person filled all 8 slots with updates waiting for that person's lock, and another person's
question waited 9.7 s behind them instead of 0.03 s.) python-telegram-bot's own semaphore in
BaseUpdateProcessor.process_update, which is taken before any of this, is therefore made wide enough
never to bind; the slots that count are `self._slots`.
"""
from __future__ import annotations

import asyncio
from typing import Any, Awaitable

from telegram import Update
from telegram.ext import BaseUpdateProcessor

# python-telegram-bot's outer semaphore: wide enough never to make an update wait (the Application creates
# one task per fetched update whatever this number is; it only decides where they wait).
_UNBOUNDED = 1 << 30


class ChatOrderedUpdateProcessor(BaseUpdateProcessor):
    """Up to `max_concurrent_updates` at once; within one chat (or user), one at a time, in order."""

    __slots__ = ("_chats", "_slots", "_limit", "_active")

    def __init__(self, max_concurrent_updates: int) -> None:
        if max_concurrent_updates < 1:
            raise ValueError("`max_concurrent_updates` must be a positive integer!")
        super().__init__(_UNBOUNDED)
        self._limit = max_concurrent_updates
        self._slots = asyncio.BoundedSemaphore(max_concurrent_updates)
        self._active = 0
        self._chats: dict[int, tuple[asyncio.Lock, list[int]]] = {}  # chat -> (lock, [updates using it])

    @property
    def slots(self) -> int:
        """The updates handled at once. (`max_concurrent_updates` is the outer, unbounded number: the base
        class sizes its semaphore from it.)"""
        return self._limit

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = _chat_key(update)
        if key is None:
            async with self._slots:
                await self._run(coroutine)
            return
        lock, users = self._chats.setdefault(key, (asyncio.Lock(), [0]))
        users[0] += 1
        try:
            # The chat's turn first (asyncio.Lock wakes waiters first come, first served: the order
            # holds), then a shared slot: a flooding chat waits on its own lock, not in the slots.
            async with lock, self._slots:
                await self._run(coroutine)
        finally:
            users[0] -= 1
            if not users[0]:
                del self._chats[key]

    async def _run(self, coroutine: Awaitable[Any]) -> None:
        self._active += 1
        try:
            await coroutine
        finally:
            self._active -= 1

    @property
    def current_concurrent_updates(self) -> int:
        """Updates being handled right now (not counting those waiting for their chat or a slot)."""
        return self._active

    @property
    def waiting_chats(self) -> int:
        """Chats with an update in flight or waiting (for `status` and tests)."""
        return len(self._chats)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""


def _chat_key(update: object) -> int | None:
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    return update.effective_user.id if update.effective_user else None

"""How updates are run concurrently: many chats at once, but each chat's updates in the order they came.

Answering one update is mostly waiting for the Bot API, so several are handled at once. Two messages
from the same person must still be handled in order (the second question is answered second, and a
conversation's steps cannot overtake each other), so updates of one chat wait for each other.

That is also what python-telegram-bot's ConversationHandler needs (its docs ask for no concurrency
because one conversation's updates must be processed one by one): a conversation lives in one chat.
A flood from one chat can fill every slot while its updates wait their turn; other chats then wait
too, as they would with no concurrency at all (each update takes milliseconds).
"""
from __future__ import annotations

import asyncio
from typing import Any, Awaitable

from telegram import Update
from telegram.ext import BaseUpdateProcessor


class ChatOrderedUpdateProcessor(BaseUpdateProcessor):
    """Up to `max_concurrent_updates` at once; within one chat (or user), one at a time, in order."""

    __slots__ = ("_chats",)

    def __init__(self, max_concurrent_updates: int) -> None:
        super().__init__(max_concurrent_updates)
        self._chats: dict[int, tuple[asyncio.Lock, list[int]]] = {}  # chat -> (lock, [updates using it])

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = _chat_key(update)
        if key is None:
            await coroutine
            return
        lock, users = self._chats.setdefault(key, (asyncio.Lock(), [0]))
        users[0] += 1
        try:
            async with lock:  # asyncio.Lock wakes waiters first come, first served: the order holds
                await coroutine
        finally:
            users[0] -= 1
            if not users[0]:
                del self._chats[key]

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

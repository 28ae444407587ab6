"""python-telegram-bot's persistence on the state file (store/state.py), without pickle.

What survives a restart: user_data (the /lang choice, the language last seen, a follow-up draft), chat
data (empty today, and an empty dict keeps no row) and the step of the persistent follow-up conversation.
bot_data holds the services, built afresh at every start, and is not kept; nor is callback data (the bot
does not use arbitrary callback data).

Application.update_persistence (every STATE_WRITE_INTERVAL, and at shutdown) hands this class what changed
one call at a time; the calls of one round are gathered into one transaction and written on the state
file's own thread, so the event loop only deep-copies the changed entries (python-telegram-bot's part).
A write that fails (a full disk) is logged in one line and tried again with the next round.
"""
from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import Any, TypeVar

from telegram.ext import Application, BasePersistence, ConversationHandler, PersistenceInput
from telegram.ext._utils.types import CDCData, ConversationDict, ConversationKey

from store.state import BOT, CALLBACK, CHAT, CONVERSATION, USER, Change, Expired, StateStore

log = logging.getLogger(__name__)

T = TypeVar("T")


class SQLitePersistence(BasePersistence[dict, dict, dict]):
    """BasePersistence over a StateStore; its file work runs on one worker thread, in order."""

    def __init__(self, state: StateStore, *, update_interval: float = 60,
                 store_data: PersistenceInput | None = None) -> None:
        super().__init__(store_data=store_data or PersistenceInput(bot_data=False, callback_data=False),
                         update_interval=update_interval)
        self.state = state
        self._executor: ThreadPoolExecutor | None = None
        self._pending: dict[tuple[str, Any], Change] = {}
        self._writing: asyncio.Future[None] | None = None

    async def _call(self, function: Callable[..., T], *args: Any) -> T:
        """Run a StateStore method on the state file's thread (one thread: calls keep their order)."""
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="state-file")
        return await asyncio.get_running_loop().run_in_executor(self._executor, function, *args)

    # -- writing: staged, then one transaction per round --------------------------------------------

    async def _stage(self, change: Change) -> None:
        self._pending[(change.kind, change.key)] = change
        if self._writing is None:
            self._writing = asyncio.ensure_future(self._write_pending())
        await asyncio.shield(self._writing)

    async def _write_pending(self) -> None:
        # python-telegram-bot starts every call of a round together: by the time this runs, the round's
        # other changes are staged too.
        await asyncio.sleep(0)
        changes, self._pending = self._pending, {}
        self._writing = None
        if not changes:
            return
        try:
            await self._call(self.state.apply, list(changes.values()))
        except (sqlite3.Error, OSError) as error:
            log.warning("could not write the state file (%s); %d changes kept for the next try", error, len(changes))
            for ident, change in changes.items():
                self._pending.setdefault(ident, change)  # a newer change staged meanwhile wins

    async def update_user_data(self, user_id: int, data: dict) -> None:
        await self._stage(Change(USER, user_id, data, user_id=user_id))

    async def drop_user_data(self, user_id: int) -> None:
        await self._stage(Change(USER, user_id, None, user_id=user_id))

    async def update_chat_data(self, chat_id: int, data: dict) -> None:
        await self._stage(Change(CHAT, chat_id, data, chat_id=chat_id))

    async def drop_chat_data(self, chat_id: int) -> None:
        await self._stage(Change(CHAT, chat_id, None, chat_id=chat_id))

    async def update_bot_data(self, data: dict) -> None:
        await self._stage(Change(BOT, 0, data))

    async def update_callback_data(self, data: CDCData) -> None:
        await self._stage(Change(CALLBACK, 0, data))

    async def update_conversation(self, name: str, key: ConversationKey, new_state: object | None) -> None:
        # A per-chat, per-user conversation's key is (chat id, user id): forget_user reaches it by either.
        chat_id = int(key[0]) if key else None
        user_id = int(key[1]) if len(key) > 1 else None
        await self._stage(Change(CONVERSATION + name, tuple(key), new_state, user_id=user_id, chat_id=chat_id))

    async def flush(self) -> None:
        """At shutdown: write what is staged, then let the file and the thread go (both come back if the
        Application is started again)."""
        if self._writing is not None:
            await asyncio.shield(self._writing)
        if self._pending:
            await self._write_pending()
        if self._executor is not None:
            await self._call(self.state.close)
            self._executor.shutdown(wait=False)
            self._executor = None

    # -- reading (once, when the Application initialises) -------------------------------------------

    async def get_user_data(self) -> dict[int, dict]:
        return await self._call(self.state.user_data)

    async def get_chat_data(self) -> dict[int, dict]:
        return await self._call(self.state.chat_data)

    async def get_bot_data(self) -> dict:
        return await self._call(self.state.bot_data) or {}

    async def get_callback_data(self) -> CDCData | None:
        return await self._call(self.state.callback_data)

    async def get_conversations(self, name: str) -> ConversationDict:
        return await self._call(self.state.conversations, name)

    # The data in memory is always the latest: nothing to refresh from the file before an update.
    async def refresh_user_data(self, user_id: int, user_data: dict) -> None:
        pass

    async def refresh_chat_data(self, chat_id: int, chat_data: dict) -> None:
        pass

    async def refresh_bot_data(self, bot_data: dict) -> None:
        pass

    # -- privacy -------------------------------------------------------------------------------------

    async def forget_user(self, user_id: int) -> int:
        """Delete every entry about one person now (after what is already staged). Returns how many went."""
        if self._writing is not None:
            await asyncio.shield(self._writing)
        self._pending = {ident: change for ident, change in self._pending.items()
                         if user_id not in (change.user_id, change.chat_id)}
        return await self._call(self.state.forget_user, user_id)

    async def expire(self, days: float, now: datetime) -> Expired:
        """Delete entries not written for `days`; returns whose they were."""
        return await self._call(self.state.expire, days, now)


async def expire_state(app: Application, days: float, now: datetime) -> int:
    """The retention period for the state (the daily job): old entries leave the file and the memory.

    Users' and chats' data are dropped from the Application (so they are not written back) and expired
    conversations end, as if the person had cancelled. Returns how many entries expired.
    """
    persistence = app.persistence
    if not isinstance(persistence, SQLitePersistence):
        return 0
    expired = await persistence.expire(days, now)
    for user_id in expired.users:
        if user_id in app.user_data:
            app.drop_user_data(user_id)
    for chat_id in expired.chats:
        if chat_id in app.chat_data:
            app.drop_chat_data(chat_id)
    for name, keys in expired.conversations.items():
        for handler in (h for hs in app.handlers.values() for h in hs):
            if isinstance(handler, ConversationHandler) and handler.name == name:
                for key in keys:
                    end_conversation(handler, key)
    return len(expired)


async def forget_state(app: Application, user_id: int) -> int:
    """/forget: every entry about the user leaves the state file at once (not at the next round)."""
    persistence = app.persistence
    if isinstance(persistence, SQLitePersistence):
        return await persistence.forget_user(user_id)
    return 0


# python-telegram-bot has no public way to end a conversation from outside an update; the tests of the
# daily job (tests/test_privacy.py, tests/test_persistence.py) hold this to its behaviour.

def end_conversation(conversation: ConversationHandler, key: tuple) -> None:
    """End one conversation, as its handler returning END does (the next round removes it from the file)."""
    if key in conversation._conversations:  # noqa: SLF001
        conversation._update_state(ConversationHandler.END, key)  # noqa: SLF001

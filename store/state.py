"""The bot's conversation state (user_data, chat_data, conversation steps) in a SQLite file of its own.

It lives beside the database (`bot-state.db` beside `bot.db`), apart from the enquiry log: the state is
expendable (a damaged file is removed and the bot starts with no saved state, which costs people their
/lang choice and an unfinished follow-up), the enquiry log is not. It is written from its own thread
(handlers/persistence.py), so a file of its own also keeps those writes from waiting on the log's lock.

One row per user, chat or conversation, written only when it changed; values are JSON (see `encode`),
never pickle, so reading the file can never run code. Every row carries the time it was last written:
rows older than the retention period are deleted at start-up and by the daily job (`expire`), and
`forget_user` deletes everything about one person. An empty dict is not kept (its row is deleted), so
people who never chose anything leave no row.

The file is opened only if it is a regular file owned by this process's user: a symbolic link or someone
else's file is refused (StateFileError), never followed or chmod-ed. A file SQLite cannot read (truncated,
overwritten, not a database) is reported in one log line, removed and started afresh.

Journal mode DELETE with `secure_delete`: a deleted or overwritten value is zeroed in the file, and the
rollback journal holding its old page is deleted at each commit, so no forgotten bytes stay in any file.
"""
from __future__ import annotations

import errno
import json
import logging
import os
import sqlite3
import stat
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from store.base import utc_now
from store.database import iso

log = logging.getLogger(__name__)

# Row kinds; a conversation's kind is CONVERSATION + its ConversationHandler's name.
USER, CHAT, BOT, CALLBACK, CONVERSATION = "user", "chat", "bot", "callback", "conversation:"
# An unchanged value is written again (to refresh its time) at most this often: retention counts days.
RESTAMP_AFTER = timedelta(hours=1)
# The files SQLite may keep beside the state file.
SIDE_FILES = ("-journal", "-wal", "-shm")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS state (
    kind TEXT NOT NULL,         -- user, chat, bot, callback, conversation:<name>
    key TEXT NOT NULL,          -- JSON: the user id, chat id or conversation key
    user_id INTEGER,            -- whose it is, so that forgetting a person reaches it
    chat_id INTEGER,
    value TEXT NOT NULL,        -- JSON (see encode)
    updated_at TEXT NOT NULL,   -- UTC ISO-8601, for the retention period
    PRIMARY KEY (kind, key)
)
"""


class StateFileError(OSError):
    """The state file cannot be used safely (a symbolic link, another user's file, not a file)."""


# -- values --------------------------------------------------------------------------------------------
# JSON with three tags for what JSON lacks: {"$datetime": iso}, {"$tuple": [...]}, and {"$dict": [[k, v]]}
# for a dict whose keys are not all strings (or could be mistaken for a tag).

def _tagged(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, tuple):
        return {"$tuple": [_tagged(v) for v in value]}
    if isinstance(value, list):
        return [_tagged(v) for v in value]
    if isinstance(value, Mapping):
        if all(isinstance(k, str) and not k.startswith("$") for k in value):
            return {k: _tagged(v) for k, v in value.items()}
        return {"$dict": [[_tagged(k), _tagged(v)] for k, v in value.items()]}
    raise TypeError(f"a {type(value).__name__} cannot be kept in the state file (plain values only)")


def _untagged(value: Any) -> Any:
    if isinstance(value, list):
        return [_untagged(v) for v in value]
    if not isinstance(value, dict):
        return value
    if len(value) == 1:
        (tag, inner), = value.items()
        if tag == "$datetime":
            return datetime.fromisoformat(inner)
        if tag == "$tuple":
            return tuple(_untagged(v) for v in inner)
        if tag == "$dict":
            return {_hashable(_untagged(k)): _untagged(v) for k, v in inner}
    return {k: _untagged(v) for k, v in value.items()}


def _hashable(key: Any) -> Any:
    return tuple(key) if isinstance(key, list) else key


def encode(value: Any) -> str:
    """A plain value (dicts, lists, tuples, str, numbers, bools, None, datetimes) as JSON text."""
    return json.dumps(_tagged(value), ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def decode(text: str) -> Any:
    """The inverse of encode: tuples and datetimes come back as they went in."""
    return _untagged(json.loads(text))


# -- the file ------------------------------------------------------------------------------------------

def check_state_file(path: Path) -> bool:
    """Make sure `path` is safe to open: create it (mode 0600) or check that it is ours. Whether it existed.

    Refuses (StateFileError) a symbolic link, something that is not a regular file, or a file owned by
    another user; an existing file of ours readable by others is set to 0600 through its own descriptor,
    opened without following links, so the change can only ever reach this file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except FileExistsError:
        pass
    else:
        os.fchmod(fd, 0o600)  # the umask can only have removed bits; make sure
        os.close(fd)
        return False
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise StateFileError(errno.ELOOP, "the state file is a symbolic link; refusing to follow it",
                                 str(path)) from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise StateFileError(errno.EINVAL, "the state file is not a regular file", str(path))
        if info.st_uid != os.geteuid():
            raise StateFileError(errno.EPERM, f"the state file belongs to another user (uid {info.st_uid}),"
                                 " not to the bot's", str(path))
        mode = stat.S_IMODE(info.st_mode)
        if mode & 0o077:
            log.warning("state file was mode %o; setting it to 600", mode)
            os.fchmod(fd, 0o600)
    finally:
        os.close(fd)
    return True


def _remove(path: Path) -> None:
    for name in (path.name, *(path.name + side for side in SIDE_FILES)):
        try:
            (path.parent / name).unlink()
        except FileNotFoundError:
            pass


@dataclass(frozen=True)
class Change:
    """One row to write (value set) or delete (value None)."""

    kind: str
    key: Any
    value: Any = None
    user_id: int | None = None
    chat_id: int | None = None


@dataclass
class Expired:
    """What the retention expiry deleted: whose data to drop from memory too."""

    users: list[int]
    chats: list[int]
    conversations: dict[str, list[tuple]]

    def __len__(self) -> int:
        return len(self.users) + len(self.chats) + sum(len(keys) for keys in self.conversations.values())


class StateStore:
    """The state file. Synchronous; safe to call from one thread at a time (handlers/persistence.py
    keeps it on one worker thread, so the event loop never waits on the disk)."""

    def __init__(self, path: str | os.PathLike[str], *, retention_days: float | None = None,
                 clock: Callable[[], datetime] = utc_now) -> None:
        self.path = Path(path)
        self.clock = clock
        self._lock = threading.Lock()
        # (kind, key json) -> (value json, when written): unchanged values are not written again.
        self._written: dict[tuple[str, str], tuple[str, datetime]] = {}
        self._conn: sqlite3.Connection | None = self._open()
        if retention_days is not None:
            self.expire(retention_days)

    # -- opening -------------------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        existed = check_state_file(self.path)
        if existed and self.path.stat().st_size == 0:
            # Not something SQLite ever leaves behind once the table exists: the file was cut short.
            log.warning("state file %s was empty (cut short?): starting with no saved state", self.path)
        try:
            return self._connect()
        except sqlite3.DatabaseError as error:
            # One line; no traceback: the cause is the file, and there is nothing in it to save.
            log.warning("state file %s is damaged (%s): removed, starting with no saved state", self.path, error)
            self._written.clear()
            _remove(self.path)
            check_state_file(self.path)
            return self._connect()

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        try:
            conn.execute("PRAGMA busy_timeout = 5000")
            conn.execute("PRAGMA secure_delete = ON")
            conn.execute("PRAGMA journal_mode = DELETE")
            conn.execute("PRAGMA synchronous = NORMAL")
            problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
            if problems != ["ok"]:
                raise sqlite3.DatabaseError("; ".join(problems[:3]))
            conn.execute(_SCHEMA)
            self._check_rows(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    def _check_rows(self, conn: sqlite3.Connection) -> None:
        """Note what each row holds (see apply), and delete rows whose value cannot be read (written by
        hand, say), with one line for all of them."""
        bad = []
        for kind, key, value, updated_at in conn.execute("SELECT kind, key, value, updated_at FROM state"):
            try:
                json.loads(key)
                decode(value)
                self._written[(kind, key)] = (value, datetime.fromisoformat(updated_at))
            except (ValueError, TypeError):
                bad.append((kind, key))
        if bad:
            conn.executemany("DELETE FROM state WHERE kind = ? AND key = ?", bad)
            log.warning("state file %s: %d unreadable entries removed", self.path, len(bad))

    @property
    def conn(self) -> sqlite3.Connection:
        """The connection; opened again (and checked again) if close() was called."""
        if self._conn is None:
            self._written.clear()
            self._conn = self._open()
        return self._conn

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    # -- reading -------------------------------------------------------------------------------------

    def _rows(self, kind: str) -> list[tuple[Any, Any]]:
        with self._lock:
            rows = self.conn.execute("SELECT key, value FROM state WHERE kind = ?", (kind,)).fetchall()
        return [(_hashable(_untagged(json.loads(key))), decode(value)) for key, value in rows]

    def user_data(self) -> dict[int, Any]:
        return dict(self._rows(USER))

    def chat_data(self) -> dict[int, Any]:
        return dict(self._rows(CHAT))

    def bot_data(self) -> Any:
        rows = self._rows(BOT)
        return rows[0][1] if rows else None

    def callback_data(self) -> Any:
        rows = self._rows(CALLBACK)
        return rows[0][1] if rows else None

    def conversations(self, name: str) -> dict[tuple, object]:
        return dict(self._rows(CONVERSATION + name))

    # -- writing -------------------------------------------------------------------------------------

    def apply(self, changes: Iterable[Change]) -> int:
        """Write and delete rows in one transaction; returns how many rows were written or deleted.

        An unchanged value is skipped unless its time is older than RESTAMP_AFTER; an empty dict or list
        is deleted rather than kept. A value that cannot be encoded (not a plain value) is left out with
        one log line, and the others are written. If the transaction fails, nothing of it counts as
        written, so the same changes can simply be applied again.
        """
        with self._lock:
            conn = self.conn  # (re)opened first: opening reads what the file holds into _written
            now = self.clock()
            stamp = iso(now)
            writes, deletes = [], []
            before: dict[tuple[str, str], tuple[str, datetime] | None] = {}  # to undo _written on failure
            for change in changes:
                key = json.dumps(_tagged(change.key), separators=(",", ":"))
                ident = (change.kind, key)
                if change.value is None or change.value == {} or change.value == []:
                    if ident in self._written:  # else there is no row to delete
                        before.setdefault(ident, self._written.pop(ident))
                        deletes.append(ident)
                    continue
                try:
                    value = encode(change.value)
                except TypeError as error:
                    log.error("state: a %s entry was not saved: %s", change.kind.rstrip(":"), error)
                    continue
                written = self._written.get(ident)
                if written is not None and written[0] == value and now - written[1] < RESTAMP_AFTER:
                    continue
                before.setdefault(ident, written)
                writes.append((change.kind, key, change.user_id, change.chat_id, value, stamp))
                self._written[ident] = (value, now)
            if not writes and not deletes:
                return 0
            try:
                conn.execute("BEGIN IMMEDIATE")
                conn.executemany("DELETE FROM state WHERE kind = ? AND key = ?", deletes)
                conn.executemany(
                    "INSERT INTO state (kind, key, user_id, chat_id, value, updated_at) VALUES (?, ?, ?, ?, ?, ?)"
                    " ON CONFLICT (kind, key) DO UPDATE SET value = excluded.value,"
                    " updated_at = excluded.updated_at, user_id = excluded.user_id, chat_id = excluded.chat_id",
                    writes)
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                for ident, old in before.items():  # as it was: the same changes are applied again later
                    if old is None:
                        self._written.pop(ident, None)
                    else:
                        self._written[ident] = old
                raise
        return len(writes) + len(deletes)

    def forget_user(self, user_id: int) -> int:
        """Delete every row about one person: their user data, their private chat's data (whose id is
        theirs) and any conversation whose key names them. Returns how many rows went."""
        with self._lock:
            conn = self.conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                gone = conn.execute("DELETE FROM state WHERE user_id = ? OR chat_id = ?", (user_id, user_id)).rowcount
                for kind, key in conn.execute(
                        "SELECT kind, key FROM state WHERE kind LIKE 'conversation:%'").fetchall():
                    if _names(key, user_id):
                        gone += conn.execute("DELETE FROM state WHERE kind = ? AND key = ?", (kind, key)).rowcount
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        self._written = {ident: w for ident, w in self._written.items()
                         if not _names(ident[1], user_id)}
        return gone

    def expire(self, days: float, now: datetime | None = None) -> Expired:
        """Delete rows not written for `days` (RETENTION_DAYS); returns whose they were."""
        cutoff = iso((now or self.clock()) - timedelta(days=days))
        with self._lock:
            conn = self.conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                rows = conn.execute("SELECT kind, key FROM state WHERE updated_at < ?", (cutoff,)).fetchall()
                conn.execute("DELETE FROM state WHERE updated_at < ?", (cutoff,))
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        expired = Expired(users=[], chats=[], conversations={})
        for kind, key in rows:
            self._written.pop((kind, key), None)
            ident = _hashable(_untagged(json.loads(key)))
            if kind == USER:
                expired.users.append(ident)
            elif kind == CHAT:
                expired.chats.append(ident)
            elif kind.startswith(CONVERSATION):
                expired.conversations.setdefault(kind[len(CONVERSATION):], []).append(ident)
        if rows:
            log.info("state: %d entries older than %s days removed", len(rows), days)
        return expired


def _names(key_json: str, user_id: int) -> bool:
    """Whether a stored key is or contains the id (a user, a private chat, a conversation key)."""
    key = _untagged(json.loads(key_json))
    return key == user_id or (isinstance(key, tuple) and user_id in key)

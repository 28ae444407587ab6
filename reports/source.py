"""Opening the bot's database for reading only, while the bot goes on writing to it (WAL)."""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from sqlite_utils import Database


def open_read_only(path: Path) -> Database:
    """The database at `path` through a read-only connection; FileNotFoundError if there is none.

    mode=ro: nothing here can change the file, create it, or run the schema's migrations.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no database at {path}")
    conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True)
    conn.execute("PRAGMA busy_timeout = 5000")
    return Database(conn)


class Unreadable(Exception):
    """The database could not be opened or read; the message names the file, for a command to print."""


@contextmanager
def reading(path: Path) -> Iterator[Database]:
    """open_read_only(path) for the body of a with-block, closed after it.

    A database that cannot be opened, or an SQLite error while the body reads it, comes out as Unreadable;
    anything else the body raises passes through unchanged.
    """
    try:
        db = open_read_only(path)
    except (FileNotFoundError, sqlite3.Error) as error:
        raise Unreadable(f"cannot read the database {path} (BOT_DB): {error}") from error
    try:
        yield db
    except sqlite3.Error as error:
        raise Unreadable(f"cannot read the database {path}: {error}") from error
    finally:
        db.close()

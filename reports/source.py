"""Opening the bot's database for reading only, while the bot goes on writing to it (WAL)."""
from __future__ import annotations

import sqlite3
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

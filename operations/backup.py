"""`python bot.py backup FILE`: a consistent copy of the database while the bot runs.

SQLite's online backup API (sqlite3.Connection.backup) copies the database page by page as one
consistent snapshot, including what is still in the write-ahead log, while the bot goes on writing (it
restarts a step when the bot writes in between; with small steps and short pauses the bot never waits
long). The copy is written beside FILE first and renamed into place when complete, so FILE is never a
half-written database; it is created readable by this user only (it holds personal data), checked with
`PRAGMA integrity_check`, and switched out of WAL mode so that it is one self-contained file.
"""
from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

PAGES_PER_STEP = 256     # 1 MB at SQLite's default 4 kB pages: the bot's writes slip in between steps
PAUSE_S = 0.005


def backup(source: Path, target: Path) -> int:
    """Copy `source` to `target` atomically; returns the copy's size in bytes."""
    if not source.is_file():
        raise FileNotFoundError(f"no database at {source}")
    if target.resolve() == source.resolve():
        raise ValueError("the backup must go to another file than the database itself")
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    dst = sqlite3.connect(partial)
    try:
        src.backup(dst, pages=PAGES_PER_STEP, sleep=PAUSE_S)
        dst.execute("PRAGMA journal_mode = DELETE")  # one file: no -wal beside the copy
        result = dst.execute("PRAGMA integrity_check").fetchone()[0]
        if result != "ok":
            raise sqlite3.DatabaseError(f"the copy failed its integrity check: {result}")
    except BaseException:
        dst.close()
        partial.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    dst.close()
    os.replace(partial, target)
    return target.stat().st_size


def run_backup(source: Path, target: Path) -> int:
    try:
        size = backup(source, target)
    except (sqlite3.Error, OSError, ValueError) as error:
        print(f"Backup failed: {error}", file=sys.stderr)
        return 1
    print(f"Backed up {source} to {target} ({size / 1e6:.1f} MB)")
    return 0

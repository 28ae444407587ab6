"""Opening the SQLite file: private file mode, pragmas, WAL and the schema, once per connection.

Times are stored as UTC ISO-8601 text with a fixed width ("2025-11-24T11:31:05.123+00:00"), so that
ordering and range tests on the text agree with ordering in time.
"""
from __future__ import annotations

import errno
import logging
import os
import sqlite3
import stat
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from pathlib import Path

from sqlite_utils import Database

from store.schema import migrations

log = logging.getLogger(__name__)

# Korea keeps +09:00 all year (no daylight saving), so a fixed offset needs no tz database.
KST = timezone(timedelta(hours=9), "KST")
# What every SQLite 3 database file starts with.
SQLITE_HEADER = b"SQLite format 3\x00"


def iso(moment: datetime) -> str:
    """The stored form of a time: UTC, millisecond precision, fixed width."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: pass an aware datetime (UTC or KST)")
    return moment.astimezone(timezone.utc).isoformat(timespec="milliseconds")


def parse_iso(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def day_start(day: date, tz: tzinfo = KST) -> datetime:
    """Midnight of a local calendar day (staff think in Korean days, the file stores UTC)."""
    return datetime.combine(day, time(0), tzinfo=tz)


def parse_since(text: str | None, tz: tzinfo = KST) -> datetime | None:
    """`--since 2025-11-24` (a local day) or a full ISO time; None passes through."""
    if not text:
        return None
    try:
        return day_start(date.fromisoformat(text), tz)
    except ValueError:
        moment = datetime.fromisoformat(text)
        return moment if moment.tzinfo else moment.replace(tzinfo=tz)


def _create_private_file(path: Path) -> None:
    """Create the database file with mode 0600 before SQLite opens it.

    SQLite would create it with the process umask (often 0644); it then gives the -wal and -shm files
    the same mode as the database file, so setting it here covers all three.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        # Something else by that name (BOT_DB naming a folder, say): refuse it, and never chmod it.
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, "the database path is a directory, not a file", str(path)) from None
        if not path.is_file():
            raise OSError(errno.EINVAL, "the database path is not a regular file", str(path)) from None
        with open(path, "rb") as existing:
            header = existing.read(len(SQLITE_HEADER))
        if header and header != SQLITE_HEADER:
            # Some other file (a CSV export, say): SQLite would refuse it anyway; leave its mode alone too.
            raise sqlite3.DatabaseError("file is not a database") from None
        if not header and not _has_content(path.with_name(path.name + "-wal")):
            # SQLite would take it as a new database and number tickets from 1 again, next to tickets
            # already answered with those numbers: a database cut to nothing (a full disk, a bad copy).
            raise sqlite3.DatabaseError(
                "the database file is empty (0 bytes); not starting afresh with ticket numbers from 1."
                " Restore it from a backup, or delete it to start a new database") from None
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            # An existing file readable by others (copied in, restored from a backup): tighten it.
            log.warning("database file was mode %o; setting it to 600", mode)
            os.chmod(path, 0o600)
        return
    os.close(fd)
    # os.open's mode is filtered by the umask, which can only remove bits; make sure it is exactly 0600.
    os.chmod(path, 0o600)


def _has_content(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def open_database(path: str | os.PathLike[str], *, synchronous: str = "NORMAL") -> Database:
    """Open (creating if needed) the bot's database: file mode 0600, WAL, busy timeout, schema applied.

    synchronous=NORMAL in WAL mode: a committed write survives the process dying at any point; only an
    operating-system crash or power cut can lose the last commits. FULL also syncs every commit to disk,
    at a cost the benchmark (bench/bench_store.py) shows.
    """
    path = Path(path)
    _create_private_file(path)
    db = Database(path, execute_plugins=False)
    conn = db.conn
    # Readers (the CLI, a backup) may hold the file briefly; wait for them rather than fail.
    conn.execute("PRAGMA busy_timeout = 5000")
    if synchronous.upper() not in ("OFF", "NORMAL", "FULL", "EXTRA"):
        raise ValueError(f"synchronous: {synchronous!r}")
    conn.execute(f"PRAGMA synchronous = {synchronous.upper()}")
    conn.execute("PRAGMA foreign_keys = ON")
    # Deleted and overwritten content is zeroed, so forgotten personal data does not linger in free
    # pages until the next VACUUM.
    conn.execute("PRAGMA secure_delete = ON")
    # WAL is a property of the file: this only does something the first time.
    db.enable_wal()
    migrations.apply(db)
    return db


def kst(stored: str | datetime | None) -> datetime | None:
    """A stored UTC time (or an aware datetime) in Korean time; None stays None."""
    moment = parse_iso(stored) if isinstance(stored, str) else stored
    return moment.astimezone(KST) if moment else None


def kst_text(stored: str | datetime | None, fmt: str = "%Y-%m-%d %H:%M", missing: str = "-") -> str:
    """A stored time as staff and users read it, in Korean time ("2025-11-24 20:31"); `missing` for none.

    The one formatter of times for people: /mytickets, /mydata, staff cards and the `enquiries` CLI.
    """
    moment = kst(stored)
    return moment.strftime(fmt) if moment else missing

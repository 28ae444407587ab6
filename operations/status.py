"""`python bot.py status`: how the bot is doing, from its database alone (safe while it runs).

Counts of enquiries and tickets, the open tickets, the outbox's backlog and its oldest pending message,
and what the running bot last wrote about itself (handlers/heartbeat.py): how it runs, the last update it
handled, the knowledge version and the matcher mode. The database is opened read-only; nothing here
loads python-telegram-bot. No personal data is shown: counts, ticket numbers and times only.
"""
from __future__ import annotations

import json
import sqlite3
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from operations.knowledge_files import version as files_version
from settings import CONSOLE_DB
from store.database import KST

STALE_AFTER_S = 30.0   # no heartbeat for this long (6 beats): the bot is not running
OPEN = ("open", "claimed")


def _open_read_only(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise FileNotFoundError(f"no database at {path}")
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    conn.row_factory = sqlite3.Row
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # fails here if it is not a database
    return conn


def _table_exists(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", [name]).fetchone() is not None


def _parse(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def collect(db_path: Path, folders: tuple[Path, Path], now: datetime | None = None) -> dict[str, Any]:
    """Every figure of the status, as plain values (the --json output)."""
    now = now or datetime.now(timezone.utc)
    conn = _open_read_only(db_path)
    try:
        today = datetime.combine(now.astimezone(KST).date(), datetime.min.time(), KST)
        week = today - timedelta(days=6)

        def one(sql: str, *params: Any) -> Any:
            return conn.execute(sql, params).fetchone()[0]

        enquiries = {"total": one("SELECT count(*) FROM enquiries"),
                     "today": one("SELECT count(*) FROM enquiries WHERE time >= ?", _utc(today)),
                     "last_7_days": one("SELECT count(*) FROM enquiries WHERE time >= ?", _utc(week))}
        tickets = {status: 0 for status in ("open", "claimed", "answered", "closed")}
        tickets.update({row["status"]: row["n"] for row in conn.execute(
            "SELECT status, count(*) AS n FROM tickets GROUP BY status")})
        open_tickets = [{"number": row["number"], "status": row["status"], "created_at": row["created_at"]}
                        for row in conn.execute("SELECT number, status, created_at FROM tickets "
                                                "WHERE status IN ('open', 'claimed') ORDER BY number")]
        outbox = {"pending": one("SELECT count(*) FROM outbox WHERE status = 'pending'"),
                  "failed": one("SELECT count(*) FROM outbox WHERE status = 'failed'"),
                  "oldest_pending_at": one("SELECT min(created_at) FROM outbox WHERE status = 'pending'")}
        bot: dict[str, str] = {}
        if _table_exists(conn, "bot_status"):
            bot = {row["key"]: row["value"] for row in conn.execute("SELECT key, value FROM bot_status")}
    finally:
        conn.close()
    beat = _parse(bot.get("heartbeat_at"))
    running = beat is not None and (now - beat).total_seconds() < STALE_AFTER_S
    return {
        "database": str(db_path),
        "database_exists": True,
        "database_bytes": db_path.stat().st_size,
        "bot": {"running": running, **bot},
        "knowledge_files_version": files_version(folders),
        "enquiries": enquiries,
        "tickets": tickets,
        "open_tickets": open_tickets,
        "outbox": outbox,
    }


def _utc(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="milliseconds")


def _local(text: str | None) -> str:
    moment = _parse(text)
    return moment.astimezone(KST).strftime("%Y-%m-%d %H:%M:%S KST") if moment else "-"


def _ago(text: str | None, now: datetime) -> str:
    moment = _parse(text)
    if moment is None:
        return ""
    seconds = max(0, int((now - moment).total_seconds()))
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size:
            return f" ({seconds // size} {unit} ago)"
    return f" ({seconds} s ago)"


def render(status: dict[str, Any], now: datetime | None = None) -> str:
    """The status as a few aligned lines for a person."""
    now = now or datetime.now(timezone.utc)
    bot, enq, tickets, outbox = status["bot"], status["enquiries"], status["tickets"], status["outbox"]
    if bot.get("heartbeat_at"):
        state = "running" if bot["running"] else "not running"
        bot_line = (f"{state} ({bot.get('mode', '?')}, pid {bot.get('pid', '?')}, started {_local(bot.get('started_at'))}); "
                    f"last heartbeat {_local(bot['heartbeat_at'])}{_ago(bot['heartbeat_at'], now)}")
    elif Path(status["database"]).name == CONSOLE_DB:
        bot_line = "console chat database (the console chat writes no heartbeat; only the bot run with a token does)"
    else:
        bot_line = "no heartbeat recorded (the bot has not run with a token on this database)"
    last = (f"{_local(bot['last_update_at'])}{_ago(bot['last_update_at'], now)}, update {bot.get('last_update_id')}; "
            f"{bot.get('updates_handled', 0)} handled since the start" if bot.get("last_update_at") else "none yet")
    files = status["knowledge_files_version"]
    running_version = bot.get("knowledge_version")
    if running_version is None:
        knowledge = f"files {files}"
    elif running_version == files:
        knowledge = f"{running_version} (the files on disk are the same)"
    else:
        knowledge = (f"{running_version} in use; the files on disk are {files} "
                     "(a reload is under way, or the files have errors: python bot.py check)")
    oldest = outbox["oldest_pending_at"]
    outbox_line = f"{outbox['pending']} pending" + (
        f", the oldest since {_local(oldest)}{_ago(oldest, now)}" if oldest else "") + f"; {outbox['failed']} failed"
    open_list = ", ".join(f"#{t['number']}{_ago(t['created_at'], now)}" for t in status["open_tickets"][:10])
    more = len(status["open_tickets"]) - 10
    lines = [
        ("Database", f"{status['database']} ({status['database_bytes'] / 1e6:.1f} MB)"),
        ("Bot", bot_line),
        ("Last update", last),
        ("Knowledge", knowledge),
        ("Matcher mode", _matcher_line(bot)),
        ("Enquiries", f"{enq['total']} in all; {enq['today']} today; {enq['last_7_days']} in the last 7 days"),
        ("Tickets", ", ".join(f"{count} {name}" for name, count in tickets.items())),
        ("Open tickets", (open_list + (f" and {more} more" if more > 0 else "")) or "none"),
        ("Outbox", outbox_line),
    ]
    return "\n".join(f"{name:<13} {value}" for name, value in lines)


def _matcher_line(bot: dict[str, str]) -> str:
    mode, setting = bot.get("matcher_mode"), bot.get("matcher_mode_setting")
    if mode is None:
        return "-"
    if setting and setting != mode:
        return f"{mode} (MATCHER_MODE={setting}: the semantic index is being built, or the model cannot run here)"
    return mode


def empty(db_path: Path, folders: tuple[Path, Path]) -> dict[str, Any]:
    """The status before the bot's first message: no database yet, so nothing to count (the --json shape)."""
    return {
        "database": str(db_path),
        "database_exists": False,
        "database_bytes": 0,
        "bot": {"running": False},
        "knowledge_files_version": files_version(folders),
        "enquiries": {"total": 0, "today": 0, "last_7_days": 0},
        "tickets": {status: 0 for status in ("open", "claimed", "answered", "closed")},
        "open_tickets": [],
        "outbox": {"pending": 0, "failed": 0, "oldest_pending_at": None},
    }


def no_database_text(db_path: Path) -> str:
    """A fresh checkout: where the status looked, and where the console chat keeps its own enquiries."""
    text = (f"No enquiries yet: there is no database at {db_path} (BOT_DB). "
            "The bot creates it with its first message.")
    console = db_path.with_name(CONSOLE_DB)
    if console.is_file():
        text += f" The console chat's enquiries are in {console}: BOT_DB={console} python bot.py status"
    return text


def run_status(db_path: Path, folders: tuple[Path, Path], *, as_json: bool = False) -> int:
    if not db_path.exists() and not db_path.is_symlink():  # nothing asked yet: not a failure
        print(json.dumps(empty(db_path, folders), ensure_ascii=False) if as_json else no_database_text(db_path))
        return 0
    try:
        status = collect(db_path, folders)
    except (sqlite3.Error, OSError) as error:
        print(f"Cannot read the database {db_path} (BOT_DB): {error}", file=sys.stderr)
        return 1
    print(json.dumps(status, ensure_ascii=False) if as_json else render(status))
    return 0

"""`python bot.py enquiries ...`: the staff desk outside Telegram (list, show, export, unanswered).

The database is the one the bot writes: settings.Settings reads BOT_DB from the environment, else from the
`.env` file beside bot.py, else data/bot.db; a relative path is taken from the bot's folder, so the command
finds the same file wherever it is started from.
"""
from __future__ import annotations

import argparse
import io
import os
import sqlite3
import sys
import unicodedata
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import IO, Any, cast

from settings import CONSOLE_DB, DEFAULT_ENV_FILE, Settings, SettingsError
from store.database import KST, iso, kst_text, parse_since
from store.enquiries import is_question, is_unanswered
from store.private_files import private_file
from store.rows import Enquiry
from review.export import (ENQUIRY_COLUMNS, TICKET_COLUMNS, enquiry_values, printable, ticket_values,
                          write_csv, write_xlsx)

LED_TO = 5       # questions before a ticket that `show` lists
EXPORTS_FOLDER = "exports"
WEAK_SCORE = 50  # below this the closest item is only a guess; say so next to it
# Distinct wordings `unanswered` groups (quadratic: 2,000 take about 1.5 s; /stats groups 500).
UNANSWERED_GROUP_LIMIT = 2000


def db_path(env: dict[str, str] | None = None, env_file: Path = DEFAULT_ENV_FILE) -> Path:
    """The bot's database path, as the bot reads it (settings.Settings: the environment wins over .env)."""
    return Settings.from_env(env, env_file=env_file).db_path


def width(text: str) -> int:
    """Columns a text takes in a terminal (Hangul and other wide characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def fit(text: Any, columns: int) -> str:
    """The text cut to `columns` terminal columns (with … when cut) and padded to exactly that."""
    text = " ".join(str("" if text is None else text).split())
    if width(text) > columns:
        out, used = "", 0
        for ch in text:
            if used + width(ch) > columns - 1:
                break
            out += ch
            used += width(ch)
        text = out + "…"
    return text + " " * (columns - width(text))


def clip(text: Any, limit: int = 300) -> str:
    """One line of at most `limit` characters: a 10,000-character message should not fill the screen."""
    text = " ".join(str("" if text is None else text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def when(stored: str | None) -> str:
    return kst_text(stored)


def _since(args: argparse.Namespace) -> tuple[str | None, str]:
    """(stored ISO form or None, words for messages) of --since."""
    text = getattr(args, "since", None)
    if not text:
        return None, ""
    try:
        # OverflowError: a day such as 0001-01-01 that falls outside the years a datetime holds in UTC.
        return iso(parse_since(text)), f" since {text}"  # type: ignore[arg-type]
    except (ValueError, OverflowError):
        raise SystemExit(f"--since: expected a date like 2025-03-01, got {text!r}") from None


def cmd_list(store, args: argparse.Namespace, out: IO[str]) -> int:
    since, since_words = _since(args)
    tickets = store.tickets.select(status=args.status, since=since)
    if not tickets:
        what = f"{args.status} tickets" if args.status else "tickets"
        print(f"No {what}{since_words}.", file=out)
        return 0
    print(f"{fit('#', 5)} {fit('created (KST)', 16)} {fit('status', 8)} {fit('staff', 10)} {fit('name', 11)}"
          f" {fit('contact', 24)} question", file=out)
    for t in tickets:
        name = "(deleted)" if t["deleted"] else ("(anonymous)" if t["anonymous"] else t["name"])
        print(f"{fit(t['number'], 5)} {fit(when(t['created_at']), 16)} {fit(t['status'], 8)}"
              f" {fit(t['claimed_by_name'] or t['claimed_by'] or '-', 10)} {fit(name, 11)}"
              f" {fit(t['contact'] or '-', 24)} {fit(t['question'] or '', 50).rstrip()}", file=out)
    counts = Counter(t["status"] for t in tickets)
    summary = ", ".join(f"{counts[s]} {s}" for s in ("open", "claimed", "answered", "closed") if counts[s])
    print(f"{len(tickets)} ticket{'s' if len(tickets) != 1 else ''}{since_words}: {summary}", file=out)
    return 0


def cmd_show(store, args: argparse.Namespace, out: IO[str]) -> int:
    t = store.tickets.get(args.number)
    if t is None:
        print(f"No ticket #{args.number}.", file=out)
        return 1
    claimed = f" by {t['claimed_by_name'] or t['claimed_by']}" if t["claimed_by"] else ""
    print(f"Ticket #{t['number']}: {t['status']}{claimed}", file=out)
    # No user or chat once the retention purge has unlinked the ticket from its person.
    print(f"  created    {when(t['created_at'])} KST, user {t['user_id'] or '-'} (chat {t['chat_id'] or '-'}),"
          f" language {t['lang'] or '-'}", file=out)
    if t["deleted"]:
        print(f"  personal data deleted {when(t['deleted_at'])} KST", file=out)
    elif t["anonymous"]:
        print("  anonymous: consent not given, so no name or contact; answer in the chat", file=out)
    else:
        print(f"  name       {t['name'] or '-'}", file=out)
        kind = f" ({t['contact_kind']})" if t["contact_kind"] else ""
        print(f"  contact    {t['contact'] or '-'}{kind}", file=out)
        print(f"  consent    {when(t['consent_at'])} KST, text version {t['consent_version'] or '-'}", file=out)
    if t["answered_at"]:
        print(f"  answered   first {when(t['answered_at'])} KST by {t['answered_by']}", file=out)
    if t["closed_at"]:
        # Nobody on the staff closed a ticket whose personal data was deleted (/forget, the retention purge).
        by = f"by {t['closed_by']}" if t["closed_by"] is not None else "when its personal data was deleted"
        print(f"  closed     {when(t['closed_at'])} KST {by}", file=out)
    if t["staff_card_message_id"]:
        print(f"  staff card chat {t['staff_chat_id']}, message {t['staff_card_message_id']}", file=out)
    print("Messages:", file=out)
    for m in t["messages"]:
        who = "user" if m["who"] == "user" else f"staff {m['staff_name'] or m['staff_id']}"
        text = clip(m["text"]) if m["text"] is not None else "(deleted)"
        print(f"  {when(m['time'])}  {fit(who, 14)} {text}", file=out)
    linked = not t["deleted"] and t["user_id"] is not None
    # What led to the ticket: the person's questions to the bot just before they left it.
    before = [e for e in store.enquiries.select(user_id=t["user_id"], until=t["created_at"])
              if is_question(e)][-LED_TO:] if linked else []
    recent = [e for e in store.enquiries.recent(t["user_id"], limit=5) if e["time"] >= t["created_at"]] if linked else []
    for title, enquiries in (("What the user asked the bot before the ticket:", before),
                             ("The user's latest messages to the bot since:", recent)):
        if enquiries:
            print(title, file=out)
        for e in enquiries:
            print(f"  {when(e['time'])}  {fit(decided(e), 28)} {clip(e['text'])}", file=out)
    return 0


def decided(enquiry: Enquiry) -> str:
    """What the bot made of an enquiry: "answer program-id", "fallback", with 👎 when it was rated so."""
    decision: str = enquiry["kind"] or "-"
    if enquiry["item_id"]:
        decision += f" {enquiry['item_id']}"
    return decision + (" 👎" if enquiry["helpful"] is False else "")


def cmd_export(store, args: argparse.Namespace, out: IO[str]) -> int:
    since, since_words = _since(args)
    rows = [enquiry_values(r) for r in store.enquiries.select(since=since)]
    if args.format == "csv":
        if args.out:
            path = private_file(args.out)
            with open(path, "wb") as f:
                count = write_csv(f, ENQUIRY_COLUMNS, rows)
            print(f"Wrote {count} enquiries{since_words} to {path}.", file=out)
        else:
            out.flush()
            stream = getattr(out, "buffer", None)
            if stream is None:  # a text-only stream (tests): write the same bytes through it
                buffer = io.BytesIO()
                write_csv(buffer, ENQUIRY_COLUMNS, rows)
                out.write(buffer.getvalue().decode("utf-8"))
            else:
                write_csv(stream, ENQUIRY_COLUMNS, rows)
                stream.flush()
            print(f"{len(rows)} enquiries{since_words}.", file=sys.stderr)
        return 0
    # Named by the Korean date, like the times inside it; in the data folder, never the code folder.
    path = private_file(args.out or exports_folder(store.path) / f"enquiries-{datetime.now(KST):%Y-%m-%d}.xlsx")
    tickets = [store.tickets.get(t["number"]) for t in store.tickets.select(since=since)]
    write_xlsx(path, [("enquiries", ENQUIRY_COLUMNS, rows),
                            ("tickets", TICKET_COLUMNS, [ticket_values(t) for t in tickets])])
    print(f"Wrote {len(rows)} enquiries and {len(tickets)} tickets{since_words} to {path}.", file=out)
    return 0


def exports_folder(database: Path) -> Path:
    """Where exports go by default: `exports/` beside the database (data/, which git ignores)."""
    return database.parent / EXPORTS_FOLDER




def cmd_unanswered(store, args: argparse.Namespace, out: IO[str]) -> int:
    from review.clusters import group_questions
    from review.unanswered import suggest_for

    since, since_words = _since(args)
    texts = [e["text"] for e in store.enquiries.select(since=since) if is_unanswered(e)]
    if not texts:
        print(f"No unanswered questions{since_words}.", file=out)
        return 0
    kb, note = None, ""
    try:
        from knowledge.loader import load_or_raise

        kb = load_or_raise(args.knowledge, args.intents)
    except Exception as exc:  # the grouping is useful without the knowledge base
        first_line = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        note = f"(knowledge not loaded, so no closest items: {first_line}; try `python bot.py check`)"
    grouping = group_questions(texts, limit=UNANSWERED_GROUP_LIMIT, keep_wordless=True)
    suggestions = suggest_for(grouping.groups, kb)
    print(f"{len(texts)} unanswered question{'s' if len(texts) != 1 else ''}{since_words}"
          f" in {len(suggestions)} group{'s' if len(suggestions) != 1 else ''}, most frequent first.", file=out)
    if grouping.other:
        print(f"({grouping.other} of them, in {grouping.other_wordings} rarer wordings, are not grouped: only the"
              f" {UNANSWERED_GROUP_LIMIT} most frequent wordings are compared; `enquiries export` has them all)",
              file=out)
    if note:
        print(note, file=out)
    for i, s in enumerate(suggestions, start=1):
        g = s.group
        print(f"\n{i:>3}. {clip(g.text, 200)}  ({g.count}×)", file=out)
        others = [clip(e, 80) for e in g.examples[1:5]]
        if others:
            print(f"     also: {' · '.join(others)}", file=out)
        if s.item_id:
            weak = ", a weak match: check it fits" if s.score is not None and s.score < WEAK_SCORE else ""
            print(f"     closest: {s.item_id} ({s.item_kind}, score {s.score:g}{weak})", file=out)
            if s.yaml_line:
                print(f"     add under {s.item_id}:  {s.yaml_line}", file=out)
        elif kb is not None:
            print("     closest: nothing close; a new program or FAQ may be needed", file=out)
    return 0


COMMANDS = {"list": cmd_list, "show": cmd_show, "export": cmd_export, "unanswered": cmd_unanswered}


def run_enquiries(args: argparse.Namespace, *, out: IO[str] | None = None, env: dict[str, str] | None = None
                  ) -> int:
    """Run one `enquiries` action for bot.py's parsed arguments; returns the exit code."""
    stream = cast(IO[str], _Printable(out or sys.stdout))  # writes like a text stream
    try:
        path = db_path(env)
    except SettingsError as exc:
        print(f"Settings: {exc}", file=stream)
        return 1
    if not path.exists():
        console = path.with_name(CONSOLE_DB)
        if console.is_file():
            print(f"No database at {path} yet; the console chat's is {console}: to look at it,"
                  f" run with BOT_DB={console}", file=stream)
        else:
            print(f"No database at {path} yet: the bot creates it with its first message (or set BOT_DB).",
                  file=stream)
        return 1
    if not path.is_file():
        print(f"BOT_DB {path} is not a file: set it to the bot's SQLite file.", file=stream)
        return 1
    from store import EnquiryStore

    try:
        store = EnquiryStore(path)
    except (sqlite3.DatabaseError, OSError) as exc:
        print(f"Cannot open the database {path}: {_one_line(exc)}", file=stream)
        return 1
    try:
        return COMMANDS[args.enquiries_command](store, args, stream)
    except BrokenPipeError:
        # `enquiries export | head`: the reader has all it wants. Quietly, and without Python's own
        # complaint when it flushes standard output at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except sqlite3.DatabaseError as exc:  # damage past the first pages shows only when they are read
        print(f"Cannot read the database {path}: {_one_line(exc)}", file=stream)
        return 1
    finally:
        store.db.close()


class _Printable:
    """A text stream that drops what users typed for a terminal to act on (escape sequences, bidi
    overrides) before it reaches the staff member's terminal; the CSV bytes path has its own guard."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self.buffer = getattr(stream, "buffer", None)

    def write(self, text: str) -> int:
        return self._stream.write(printable(text))

    def flush(self) -> None:
        self._stream.flush()


def _one_line(exc: BaseException) -> str:
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return " ".join(reason.split()) or type(exc).__name__

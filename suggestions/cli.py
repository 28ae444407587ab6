"""`python bot.py suggest`: the patch (or, with --cases, a reviewed patch as evaluation cases)."""
from __future__ import annotations

import argparse
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from knowledge.model import KnowledgeBase

ROOT = Path(__file__).resolve().parent.parent


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--days", type=int, default=30, help="look at the enquiries of the last DAYS days (default 30)")
    parser.add_argument("--out", type=Path, metavar="FILE", help="write here (default: standard output)")
    parser.add_argument("--db", type=Path, metavar="FILE", help="the bot's database (default: BOT_DB)")
    parser.add_argument("--cases", type=Path, metavar="PATCH",
                        help="instead: turn a reviewed patch into evaluation cases")


def run_suggest(args: argparse.Namespace, db_path: Path, kb: KnowledgeBase) -> int:
    if args.cases is not None:
        return _cases(args, kb)
    if args.days < 1:
        print("suggest: --days must be 1 or more", file=sys.stderr)
        return 2
    from intents.matcher import Matcher
    from reports.source import Unreadable, reading
    from suggestions.evidence import answered_tickets, picked_suggestions, unanswered_questions
    from suggestions.patch import build, render

    now = datetime.now(timezone.utc)
    since = now - timedelta(days=args.days)
    try:
        with reading(db_path) as db:
            picked = picked_suggestions(db, since)
            tickets = answered_tickets(db, since)
            unanswered = unanswered_questions(db, since, except_ids={p.enquiry_id for p in picked})
    except Unreadable as error:
        print(f"suggest: {error}", file=sys.stderr)
        return 1
    patch = build(kb, Matcher(kb), picked, tickets, unanswered, since=since, made=now)
    return _write(args.out, render(patch, kb, ROOT))


def _cases(args: argparse.Namespace, kb: KnowledgeBase) -> int:
    from suggestions.cases import PatchError, cases_from_patch, render_cases

    try:
        cases = cases_from_patch(args.cases.read_text(encoding="utf-8"), kb)
    except (OSError, UnicodeDecodeError) as error:
        print(f"suggest: cannot read {args.cases}: {error}", file=sys.stderr)
        return 1
    except PatchError as error:
        print(f"suggest: {args.cases}: {error}", file=sys.stderr)
        return 1
    return _write(args.out, render_cases(cases))


def _write(out: Path | None, text: str) -> int:
    from store.private_files import write_private  # here: the store (SQLite, numpy) is no cost of `bot.py check`

    if out is None:
        sys.stdout.write(text)
        return 0
    try:
        write_private(out, text)  # it quotes what people asked: readable by this user only
    except OSError as error:
        print(f"suggest: cannot write {out}: {error}", file=sys.stderr)
        return 1
    print(out)
    return 0

"""Entry point and command line of the agency's enquiry bot.

    python bot.py                 run on Telegram (long polling), or the console chat when no token is set
    python bot.py chat            the console chat over the same handlers
    python bot.py check           validate the knowledge and intent files
    python bot.py eval CASES      score an evaluation case file against a knowledge base
    python bot.py enquiries ...   the staff desk outside Telegram (list, show, export, unanswered)

This file only parses arguments and wires parts together; the logic lives in the packages.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_KNOWLEDGE = HERE / "knowledge"
DEFAULT_INTENTS = HERE / "intents"


def _add_kb_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--knowledge", type=Path, default=DEFAULT_KNOWLEDGE, metavar="DIR",
                        help="folder of knowledge YAML files (default: knowledge/)")
    parser.add_argument("--intents", type=Path, default=DEFAULT_INTENTS, metavar="DIR",
                        help="folder of intent YAML files (default: intents/)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bot.py", description="The agency's enquiry bot.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = sub.add_parser("run", help="run on Telegram; without a token, the console chat (the default)")
    _add_kb_args(run)
    chat = sub.add_parser("chat", help="chat with the bot in this terminal, no Telegram needed")
    _add_kb_args(chat)

    check = sub.add_parser("check", help="validate knowledge and intent files; exit 1 on errors")
    _add_kb_args(check)

    ev = sub.add_parser("eval", help="score evaluation cases against a knowledge base")
    ev.add_argument("cases", type=Path, help="YAML file of evaluation cases")
    _add_kb_args(ev)
    ev.add_argument("--json", action="store_true", help="print the figures as one JSON object (last line)")
    ev.add_argument("--failures", action="store_true", help="list each case that went wrong")

    enq = sub.add_parser("enquiries", help="review and export enquiries and tickets")
    enq_sub = enq.add_subparsers(dest="enquiries_command", metavar="ACTION", required=True)
    ls = enq_sub.add_parser("list", help="list tickets")
    ls.add_argument("--status", choices=["open", "claimed", "answered", "closed"])
    ls.add_argument("--since", metavar="DATE", help="YYYY-MM-DD")
    show = enq_sub.add_parser("show", help="show one ticket with its messages")
    show.add_argument("number", type=int)
    export = enq_sub.add_parser("export", help="export enquiries as CSV or XLSX")
    export.add_argument("--format", choices=["csv", "xlsx"], default="csv")
    export.add_argument("--since", metavar="DATE", help="YYYY-MM-DD")
    export.add_argument("--out", type=Path, metavar="FILE", help="output file (default: standard output for CSV)")
    unanswered = enq_sub.add_parser("unanswered", help="unmatched questions grouped by similarity")
    unanswered.add_argument("--since", metavar="DATE", help="YYYY-MM-DD")
    _add_kb_args(unanswered)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    command = args.command or "run"

    if command == "check":
        from knowledge.check import run_check

        return run_check(args.knowledge, args.intents)
    if command == "eval":
        from intents.evaluate import run_eval

        return run_eval(args.cases, args.knowledge, args.intents, as_json=args.json, failures=args.failures)
    if command == "enquiries":
        from store.cli import run_enquiries

        return run_enquiries(args)
    if command in ("run", "chat"):
        # Implemented with the Telegram layer (issue 3).
        raise SystemExit("not wired yet")
    return 2


if __name__ == "__main__":
    sys.exit(main())

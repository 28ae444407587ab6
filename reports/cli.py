"""`python bot.py report --out FILE`: the report as a PNG and an HTML page."""
from __future__ import annotations

import argparse
import sys
from datetime import date, datetime, timezone
from pathlib import Path



def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, required=True, metavar="FILE",
                        help="where to write the report: FILE.png and FILE.html (any suffix is replaced)")
    parser.add_argument("--days", type=int, default=7, help="how many days the report covers (default: 7)")
    parser.add_argument("--until", metavar="DATE", help="the last day covered, YYYY-MM-DD (default: today)")
    parser.add_argument("--db", type=Path, metavar="FILE", help="the bot's database (default: BOT_DB)")


def run_report(args: argparse.Namespace, db_path: Path, kb: object | None) -> int:
    """Write FILE.png and FILE.html; 0, or 1 with one line on standard error."""
    # Imported here: building bot.py's argument parser must not load the report's modules.
    from reports.charts import render_png
    from reports.figures import collect, period
    from reports.fonts import FontMissing
    from reports.page import render_html
    from reports.source import Unreadable, reading
    from store.private_files import write_private

    try:
        last_day = date.fromisoformat(args.until) if args.until else None
        since, until = period(datetime.now(timezone.utc), args.days, last_day=last_day)
    except ValueError as error:
        print(f"report: {error} (--until YYYY-MM-DD, --days 1 or more)", file=sys.stderr)
        return 2
    try:
        with reading(db_path) as db:
            figures = collect(db, since, until, kb=kb)  # type: ignore[arg-type]
            png = render_png(figures)
    except (Unreadable, FontMissing) as error:
        print(f"report: {error}", file=sys.stderr)
        return 1
    html = render_html(figures, png, generated=datetime.now(timezone.utc))
    png_path, html_path = args.out.with_suffix(".png"), args.out.with_suffix(".html")
    try:
        # The report quotes what people asked: readable by this user only, like the database.
        write_private(png_path, png)
        write_private(html_path, html)
    except OSError as error:
        print(f"report: cannot write {args.out}: {error}", file=sys.stderr)
        return 1
    print(f"{png_path}\n{html_path}")
    return 0

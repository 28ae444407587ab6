"""Exports of the enquiry log for staff: CSV (UTF-8 with a BOM, so Excel reads Korean) and XLSX.

User text is untrusted. A spreadsheet runs a cell that starts with = + - @ as a formula, so in CSV such a
text cell gets a leading apostrophe (OWASP's advice; a cell that starts with an apostrophe gets one more, which
keeps the escape reversible: see unescape_cell). So does a sign behind leading spaces, a no-break space,
zero-width characters or a line break, which a spreadsheet may skip, and a full-width ＝. In XLSX every
text cell is typed as text instead, so nothing needs changing there.
"""
from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from store.database import kst

ENQUIRY_COLUMNS = ("id", "time_utc", "time_kst", "user_id", "chat_id", "lang", "source", "text", "decision",
                   "item_id", "aspect", "score", "candidates", "elapsed_ms", "helpful")
TICKET_COLUMNS = ("number", "status", "created_kst", "user_id", "name", "contact", "contact_kind", "question",
                  "claimed_by", "claimed_by_name", "answered_kst", "answered_by", "closed_kst",
                  "consent_kst", "consent_version", "anonymous", "deleted", "messages")

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")
_FORMULA_SIGNS = ("=", "+", "-", "@")


def local_time(stored: str | None) -> datetime | None:
    """A stored UTC time as a naive Korean local time (what a spreadsheet shows)."""
    moment = kst(stored)
    return moment.replace(tzinfo=None, microsecond=0) if moment else None


def _candidates(cands: Sequence[dict[str, Any]]) -> str:
    return "; ".join(f"{c['id']} {c['score']:g}" for c in cands)


def enquiry_values(row: dict[str, Any]) -> list[Any]:
    """One enquiry as a row of plain values, in ENQUIRY_COLUMNS order."""
    helpful = row.get("helpful")
    return [
        row["id"], row["time"], local_time(row["time"]), row["user_id"], row["chat_id"], row["lang"],
        row["source"], row["text"], row["kind"], row["item_id"], row["aspect"], row["score"],
        _candidates(row.get("candidates") or []), row["elapsed_ms"],
        None if helpful is None else ("yes" if helpful else "no"),
    ]


def ticket_values(ticket: dict[str, Any]) -> list[Any]:
    messages = "\n".join(
        f"[{local_time(m['time']):%Y-%m-%d %H:%M}] {m['who']}{' ' + str(m['staff_id']) if m['staff_id'] else ''}:"
        f" {m['text'] or ''}"
        for m in ticket.get("messages", [])
    )
    return [
        ticket["number"], ticket["status"], local_time(ticket["created_at"]), ticket["user_id"], ticket["name"],
        ticket["contact"], ticket["contact_kind"], ticket["question"], ticket["claimed_by"],
        ticket["claimed_by_name"], local_time(ticket["answered_at"]), ticket["answered_by"],
        local_time(ticket["closed_at"]), local_time(ticket["consent_at"]), ticket["consent_version"],
        "yes" if ticket["anonymous"] else "no", "yes" if ticket["deleted"] else "no", messages,
    ]


# Characters a user can type that a terminal or spreadsheet would act on rather than show: C0 and C1
# control characters (ESC starts terminal escape sequences) and the bidirectional overrides.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` without control characters or bidi overrides (tabs and line breaks kept)."""
    return _UNSAFE.sub("", text)


def csv_cell(value: Any) -> str:
    """The text a CSV cell holds: '' for None, local times without a zone, formulas in text defused.

    Only text (what users typed) is escaped: a number such as a group chat's id -1001234 is written as
    it is, so that a spreadsheet still reads it as a number.
    """
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, str):
        value = printable(value)
        return "'" + value if value.startswith(_FORMULA_START) or _hidden_formula(value) else value
    return str(value)


def _hidden_formula(text: str) -> bool:
    """A formula sign behind what a spreadsheet may skip or trim: spaces, a no-break space, zero-width and
    other format characters, line breaks (" =1+1", "\u00a0=...", "\u200b@...", "\n-..."), or written in
    full width ("＝"), which some spreadsheets read as "=" too."""
    start = 0
    while start < len(text) and (text[start].isspace() or unicodedata.category(text[start]) in ("Cf", "Zs")):
        start += 1
    return unicodedata.normalize("NFKC", text[start:start + 1]) in _FORMULA_SIGNS


def unescape_cell(text: str) -> str:
    """Undo csv_cell's formula escape (for programs that read the CSV back)."""
    return text[1:] if text.startswith("'") else text


def write_csv(out: IO[bytes], columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Write UTF-8 CSV with a BOM to a binary stream; returns the number of rows."""
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=True)
    writer = csv.writer(text)
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
        count += 1
    text.flush()
    text.detach()  # leave `out` open for the caller
    return count


def _display_width(value: Any) -> int:
    if isinstance(value, datetime):
        return 19
    text = "" if value is None else str(value)
    longest = max(text.split("\n"), key=len) if text else ""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in longest)


def write_xlsx(path: Path, sheets: Sequence[tuple[str, Sequence[str], Sequence[Sequence[Any]]]]) -> None:
    """An XLSX workbook, one sheet per (title, columns, rows): bold frozen header, filters, fitted widths."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, columns, rows in sheets:
        sheet = workbook.create_sheet(title)
        sheet.append(list(columns))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        widths = [len(c) for c in columns]
        for r, row in enumerate(rows, start=2):
            for c, value in enumerate(row, start=1):
                if isinstance(value, str):
                    # Control characters a chat message may carry are not allowed in XLSX.
                    value = ILLEGAL_CHARACTERS_RE.sub("", value)
                cell = sheet.cell(row=r, column=c, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"  # text, never a formula, whatever it starts with
                    if "\n" in value:
                        cell.alignment = Alignment(wrap_text=True, vertical="top")
                elif isinstance(value, datetime):
                    cell.number_format = "yyyy-mm-dd hh:mm:ss"
                widths[c - 1] = max(widths[c - 1], _display_width(value))
        for c, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(c)].width = min(60, max(6, width + 2))
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(1, sheet.max_row)}"
    workbook.save(path)

"""How the bot's Telegram messages look in a terminal: HTML made readable, buttons numbered.

Bold, italic and the like become ANSI styles on a terminal and plain text elsewhere (a pipe, a file,
a test); links become "text (url)"; HTML entities are unescaped. Inline keyboards keep their rows and
number the buttons from 1 across rows, which is the number a person types to press one.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from botapi.telegram_html import HTMLParseError, parse_html

_ANSI = {
    "bold": "1", "italic": "3", "underline": "4", "strikethrough": "9", "spoiler": "2",
    "code": "36", "pre": "36", "text_link": "4", "blockquote": "2", "expandable_blockquote": "2",
}
_RESET = "\x1b[0m"


@dataclass(frozen=True)
class Button:
    number: int
    text: str
    callback_data: str | None
    url: str | None


def buttons_of(reply_markup: dict | None) -> list[list[Button]]:
    """The inline keyboard as rows of numbered buttons (numbering runs across rows)."""
    rows: list[list[Button]] = []
    number = 0
    for row in (reply_markup or {}).get("inline_keyboard", []):
        out = []
        for button in row:
            number += 1
            out.append(Button(number, str(button.get("text", "")), button.get("callback_data"), button.get("url")))
        rows.append(out)
    return rows


def _utf16_index(plain: str) -> list[int]:
    """Map UTF-16 offsets (what entities count) to str indexes."""
    index = []
    for i, ch in enumerate(plain):
        index.append(i)
        if ord(ch) > 0xFFFF:
            index.append(i)
    index.append(len(plain))
    return index


def render_text(text: str | None, parse_mode: str | None, *, ansi: bool) -> str:
    """Telegram message text as a terminal shows it."""
    if not text:
        return ""
    if not parse_mode or parse_mode.upper() != "HTML":
        return text
    try:
        plain, entities = parse_html(text)
    except HTMLParseError:
        return text  # the fake API would have refused it; show it raw rather than hide it
    index = _utf16_index(plain)
    opens: dict[int, list[dict]] = {}
    closes: dict[int, list[dict]] = {}
    for e in entities:
        start, end = index[e["offset"]], index[e["offset"] + e["length"]]
        opens.setdefault(start, []).append(e)
        closes.setdefault(end, []).append(e)

    out: list[str] = []
    active: list[dict] = []

    def style() -> str:
        codes = [_ANSI[e["type"]] for e in active if e["type"] in _ANSI]
        return _RESET + (f"\x1b[{';'.join(codes)}m" if codes else "")

    for i in range(len(plain) + 1):
        changed = False
        for e in closes.get(i, []):
            if e in active:
                active.remove(e)
                changed = True
            if e["type"] == "text_link" and e.get("url") and plain[index[e["offset"]]:i] != e["url"]:
                if ansi and changed:
                    out.append(style())
                    changed = False
                out.append(f" ({e['url']})")
        for e in opens.get(i, []):
            active.append(e)
            changed = True
        if ansi and changed:
            out.append(style())
        if i < len(plain):
            out.append(plain[i])
    if ansi and out and entities:
        out.append(_RESET)
    return _quote_blocks("".join(out), plain, entities) if any(
        e["type"].endswith("blockquote") for e in entities) and not ansi else "".join(out)


def _quote_blocks(rendered: str, plain: str, entities: list[dict]) -> str:
    # Without styles a quote would vanish into the text; mark its lines the way e-mail does.
    index = _utf16_index(plain)
    quoted = [plain[index[e["offset"]]:index[e["offset"] + e["length"]]]
              for e in entities if e["type"].endswith("blockquote")]
    for block in quoted:
        rendered = rendered.replace(block, "\n".join("│ " + line for line in block.split("\n")), 1)
    return rendered


def render_buttons(reply_markup: dict | None, *, ansi: bool) -> list[str]:
    """One line per keyboard row: "[1] 자격요건  [2] 지원내용"; URL buttons marked with 🔗."""
    lines = []
    for row in buttons_of(reply_markup):
        cells = []
        for b in row:
            label = f"{b.text} 🔗" if b.url else b.text
            number = f"\x1b[1;36m[{b.number}]\x1b[0m" if ansi else f"[{b.number}]"
            cells.append(f"{number} {label}")
        lines.append("  ".join(cells))
    return lines


def display_width(text: str) -> int:
    """Columns a terminal uses for `text`: Hangul and other wide characters take two."""
    width = 0
    in_escape = False
    for ch in text:
        if in_escape:
            in_escape = ch != "m"
            continue
        if ch == "\x1b":
            in_escape = True
            continue
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def wrap(line: str, width: int, indent: str) -> list[str]:
    """Wrap one line at spaces to `width` columns; continuation lines start with `indent`.

    The terminal would wrap on its own, but at column 0, which breaks the indented layout.
    """
    if width <= len(indent) + 10 or display_width(line) <= width:
        return [line]
    out: list[str] = []
    body = line.lstrip(" ")
    current = line[: len(line) - len(body)]  # the line's own indent stays on its first part
    for word in body.split(" "):
        candidate = f"{current} {word}" if current.strip() else current + word
        if current.strip() and display_width(candidate) > width:
            out.append(current)
            current = indent + word
        else:
            current = candidate
    out.append(current)
    return out

"""Split a long Telegram HTML text into messages under the 4096-character limit.

Cuts prefer a paragraph break, then a line break, then a space, in the second half of a message; a tag or
an entity (&amp;) is never cut, and tags open at a cut are closed at the end of one message and opened
again at the start of the next, so every message is valid HTML on its own.

Lengths are counted as Telegram counts them: in UTF-16 code units (an emoji is two) of the text after
the HTML is parsed (a tag counts nothing, `&amp;` one). `visible_len` gives that count for any text, for
the other places that must keep a message under the limit (staff cards, the outbox).
"""
from __future__ import annotations

import re

# Telegram's own rules, shared with the in-process Bot API that holds the tests to them.
from botapi.telegram_html import HTMLParseError, parse_html, utf16_len

MESSAGE_LIMIT = 4096

# Every character of the input falls into exactly one unit; long words are cut into 100-character units.
_UNIT = re.compile(r"<[^<>]*>|&#?\w+;|\n{2,}|\n|[ \t]+|[^<&\s]{1,100}|[<&]|\s", re.S)
_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][\w-]*)")
_PARAGRAPH, _LINE, _SPACE = 3, 2, 1

Stack = tuple[tuple[str, str], ...]  # open tags: (name, the opening tag as written)


def visible_len(text: str) -> int:
    """Telegram's length of an HTML message: UTF-16 units of its text once the tags are parsed.

    Text that is not valid Telegram HTML counts as written (Telegram would refuse it anyway).
    """
    try:
        plain, _ = parse_html(text)
    except HTMLParseError:
        return utf16_len(text)
    return utf16_len(plain)


def _unit_len(unit: str) -> int:
    """What one unit adds to the visible length: nothing for a tag, one character for an entity."""
    if unit.startswith("<") and _TAG.match(unit):
        return 0
    if unit.startswith("&") and unit.endswith(";") and len(unit) > 2:
        return visible_len(unit)
    return utf16_len(unit)


def split_html(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """`text` as a list of messages, each at most `limit` long (visible_len); [text] when it already fits."""
    if visible_len(text) <= limit:
        return [text]
    units = _UNIT.findall(text)
    chunks: list[str] = []
    carried: Stack = ()
    start = 0
    while start < len(units):
        while start < len(units) and units[start].isspace():
            start += 1  # a message never starts with the whitespace it was cut at
        if start >= len(units):
            break
        prefix = "".join(opening for _, opening in carried)
        end, stack = _fill(units, start, carried, 0, limit)  # the reopened tags count nothing
        body = list(units[start:end])
        while body and body[-1].isspace():
            body.pop()
        chunk = prefix + "".join(body) + _closers(stack)
        if _visible(body):
            chunks.append(chunk)
        carried, start = stack, end
    return chunks


def _fill(units: list[str], start: int, carried: Stack, size: int, limit: int) -> tuple[int, Stack]:
    """Take units from `start` while they fit; return where to cut and the tags open there."""
    stack = carried
    best: dict[int, tuple[int, Stack, int]] = {}  # priority -> (cut index, open tags, size) of the latest
    visible = False
    for i in range(start, len(units)):
        unit = units[i]
        new_stack = _apply(stack, unit)
        new_size = size + _unit_len(unit)
        if new_size > limit and i > start:
            return _choose(best, (i, stack), limit)
        stack, size = new_stack, new_size
        visible = visible or not (unit.isspace() or _TAG.match(unit))
        priority = _priority(unit)
        if priority and visible:
            best[priority] = (i + 1, stack, size)
    return len(units), stack


def _choose(best: dict[int, tuple[int, Stack, int]], here: tuple[int, Stack], limit: int) -> tuple[int, Stack]:
    for priority in (_PARAGRAPH, _LINE, _SPACE):
        if priority in best and best[priority][2] >= limit // 2:
            return best[priority][:2]
    if best:  # no good break in the second half: the latest break of any kind
        cut, stack, _ = max(best.values(), key=lambda b: b[0])
        return cut, stack
    return here


def _priority(unit: str) -> int:
    if unit.startswith("\n\n"):
        return _PARAGRAPH
    if unit == "\n":
        return _LINE
    if unit.isspace():
        return _SPACE
    return 0


def _apply(stack: Stack, unit: str) -> Stack:
    match = _TAG.match(unit) if unit.startswith("<") else None
    if not match:
        return stack
    closing, name = match.group(1), match.group(2).lower()
    if not closing:
        return (*stack, (name, unit))
    for index in range(len(stack) - 1, -1, -1):
        if stack[index][0] == name:
            return stack[:index] + stack[index + 1:]
    return stack


def _closers(stack: Stack) -> str:
    return "".join(f"</{name}>" for name, _ in reversed(stack))


def _visible(units: list[str]) -> bool:
    return any(not (u.isspace() or _TAG.match(u)) for u in units)

"""Telegram's HTML parse mode: text with tags -> plain text and message entities.

The fake Bot API parses what the bot sends the way Telegram does, so a handler that inserts an
unescaped ``<`` from a knowledge text, or uses a tag Telegram does not know (``<br>``, ``<p>``), fails
in the tests with the same "can't parse entities" error it would meet in production.

Entity offsets and lengths are counted in UTF-16 code units, as in the Bot API.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

# tag name -> entity type; Telegram's documented set (https://core.telegram.org/bots/api#html-style)
_TAGS: dict[str, str] = {
    "b": "bold", "strong": "bold",
    "i": "italic", "em": "italic",
    "u": "underline", "ins": "underline",
    "s": "strikethrough", "strike": "strikethrough", "del": "strikethrough",
    "tg-spoiler": "spoiler", "span": "spoiler",
    "a": "text_link",
    "code": "code", "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}

_TAG_RE = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>\"']+))?)*)\s*>"
)
_ATTR_RE = re.compile(r"([a-zA-Z-]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>\"']+)))?")
# Telegram knows only these named entities; numeric ones are all accepted.
_ENTITY_RE = re.compile(r"&(?:lt|gt|amp|quot|#[0-9]+|#x[0-9a-fA-F]+);")


class HTMLParseError(ValueError):
    """The text is not valid Telegram HTML; the message is worded like Telegram's."""


@dataclass
class _Open:
    tag: str
    kind: str
    start: int  # UTF-16 offset in the plain text
    attrs: dict[str, str]
    seq: int  # opening order, so that an outer tag sorts before an inner one over the same text


def utf16_len(text: str) -> int:
    """Length of `text` in UTF-16 code units (what Telegram's offsets count)."""
    return len(text.encode("utf-16-le")) // 2


def _attrs(raw: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in _ATTR_RE.finditer(raw):
        value = next((g for g in m.groups()[1:] if g is not None), "")
        out[m.group(1).lower()] = html.unescape(value)
    return out


def _unescape(chunk: str) -> str:
    # Only the entities Telegram decodes; "&nbsp;" and a bare "&" stay as typed.
    return _ENTITY_RE.sub(lambda m: html.unescape(m.group(0)), chunk)


def parse_html(text: str) -> tuple[str, list[dict]]:
    """Return (plain text, entities) for `text` in Telegram HTML, or raise HTMLParseError."""
    plain: list[str] = []
    length = 0  # UTF-16 length of what is in `plain`
    stack: list[_Open] = []
    entities: list[dict] = []
    pos = 0
    seq = 0
    order: dict[int, int] = {}  # id(entity) -> seq

    def byte_offset(i: int) -> int:
        return len(text[:i].encode("utf-8"))

    while True:
        lt = text.find("<", pos)
        chunk = text[pos:] if lt < 0 else text[pos:lt]
        if chunk:
            piece = _unescape(chunk)
            plain.append(piece)
            length += utf16_len(piece)
        if lt < 0:
            break
        m = _TAG_RE.match(text, lt)
        if not m:
            raise HTMLParseError(
                f"Can't parse entities: unexpected \"<\" or unsupported tag at byte offset {byte_offset(lt)}"
            )
        closing, name, raw_attrs = m.group(1) == "/", m.group(2).lower(), m.group(3)
        if name not in _TAGS:
            kind = "end" if closing else "start"
            raise HTMLParseError(
                f'Can\'t parse entities: unsupported {kind} tag "{name}" at byte offset {byte_offset(lt)}'
            )
        if closing:
            if not stack or stack[-1].tag != name:
                raise HTMLParseError(
                    f'Can\'t parse entities: unmatched end tag at byte offset {byte_offset(lt)}, '
                    f'expected "</{stack[-1].tag if stack else ""}>", found "</{name}>"'
                )
            opened = stack.pop()
            if length > opened.start:
                entity: dict = {"type": opened.kind, "offset": opened.start, "length": length - opened.start}
                if opened.kind == "text_link":
                    entity["url"] = opened.attrs.get("href", "")
                if opened.kind == "pre" and "language" in opened.attrs:
                    entity["language"] = opened.attrs["language"]
                if opened.kind == "custom_emoji":
                    entity["custom_emoji_id"] = opened.attrs.get("emoji-id", "")
                order[id(entity)] = opened.seq
                entities.append(entity)
        else:
            attrs = _attrs(raw_attrs)
            kind = _TAGS[name]
            if name == "span" and attrs.get("class") != "tg-spoiler":
                raise HTMLParseError(
                    f'Can\'t parse entities: unsupported start tag "span" at byte offset {byte_offset(lt)}'
                )
            if name == "a" and "href" not in attrs:
                # Telegram drops the link but keeps the text; mirror that by not making an entity.
                kind = "_plain"
            if name == "blockquote" and "expandable" in attrs:
                kind = "expandable_blockquote"
            if name == "code" and stack and stack[-1].kind == "pre":
                # <pre><code class="language-x"> gives the pre block its language
                lang = attrs.get("class", "")
                if lang.startswith("language-"):
                    stack[-1].attrs["language"] = lang[len("language-"):]
                kind = "_plain"
            stack.append(_Open(name, kind, length, attrs, seq))
            seq += 1
        pos = m.end()

    if stack:
        raise HTMLParseError(f'Can\'t parse entities: can\'t find end tag corresponding to start tag "{stack[-1].tag}"')
    entities = [e for e in entities if not e["type"].startswith("_")]
    entities.sort(key=lambda e: (e["offset"], -e["length"], order[id(e)]))
    return "".join(plain), entities

"""Markup people paste into a chat: HTML tags and entities.

`<b>창업</b> 지원 있나요` is a question about 창업 지원; the tags are formatting copied from a web page or
typed by habit, not words. They are removed before matching only: whatever the bot echoes of the message
is the text as typed, escaped where it is inserted (handlers/texts.py).
"""
from __future__ import annotations

import html
import re

# A tag: <b>, </b>, <br/>, <a href="...">, <!-- ... -->. Only tag-shaped text (a letter or / after <),
# so a comparison typed in a question (`직원 < 10명`, `<3`) stays as typed.
_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]{0,200})?/?>", re.DOTALL)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9A-Fa-f]{1,6}|[A-Za-z]{2,8});")


def strip_markup(text: str) -> str:
    """`text` without HTML tags and with HTML entities decoded. (Markdown marks such as ** need nothing:
    normalisation reads punctuation as spaces.)

    A tag is replaced by a space when it separates words (`<br>`), by nothing inside a word (`창<b>업</b>`)."""
    if "<" not in text and "&" not in text:
        return text  # the usual message: nothing to do
    text = _TAG.sub(_tag_gap, text)
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)


def _tag_gap(found: re.Match[str]) -> str:
    tag = found.group(0).lower()
    # Inline formatting (b, i, u, span, a, ...) sits inside running text; block tags and line breaks
    # separate what is on either side of them.
    name = re.match(r"</?([a-z0-9-]*)", tag)
    inline = name is not None and name.group(1) in _INLINE
    return "" if inline else " "


_INLINE = frozenset({"b", "i", "u", "s", "em", "strong", "span", "a", "code", "mark", "small", "big", "sub",
                     "sup", "tt", "font", "ins", "del", "strike"})

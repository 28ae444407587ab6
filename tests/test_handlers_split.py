"""Splitting long HTML answers under Telegram's 4096-character limit."""
from __future__ import annotations

import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from botapi.telegram_html import parse_html, utf16_len
from handlers.html_split import MESSAGE_LIMIT, split_html, visible_len


def test_short_text_is_one_message():
    assert split_html("<b>짧은</b> 답") == ["<b>짧은</b> 답"]


def test_paragraphs_are_preferred_over_lines_and_spaces():
    paragraph = "가나다 " * 300  # about 1,200 characters
    text = "\n\n".join([paragraph.strip()] * 5)
    parts = split_html(text)
    assert len(parts) == 2
    assert all(p.startswith("가나다") and p.endswith("가나다") for p in parts)
    assert parts[0].count("\n\n") == 2


def test_tags_open_at_a_cut_are_closed_and_reopened():
    text = '<a href="https://example.org/x">' + "링크 " * 2000 + "</a>"
    parts = split_html(text)
    assert len(parts) == 2
    assert parts[0].startswith('<a href="https://example.org/x">') and parts[0].endswith("</a>")
    assert parts[1].startswith('<a href="https://example.org/x">')
    for part in parts:
        parse_html(part)


def test_a_word_longer_than_a_message_is_cut_outside_entities():
    text = "&amp;" * 3000
    parts = split_html(text)
    assert all(re.fullmatch(r"(&amp;)+", p) for p in parts)
    assert "".join(parts) == text


def test_emoji_count_as_two_utf16_units():
    text = "😊" * 3000  # 6,000 UTF-16 units
    parts = split_html(text)
    assert len(parts) == 2 and all(utf16_len(p) <= MESSAGE_LIMIT for p in parts)


words = st.sampled_from(["지원", "사업", "R&D", "<중요>", "😊", "apply", "x" * 120, "창업" * 40])
blocks = st.lists(st.tuples(st.sampled_from(["", "b", "i", "u", "code"]), st.lists(words, min_size=1, max_size=60),
                            st.sampled_from([" ", "\n", "\n\n"])), min_size=1, max_size=40)


@settings(max_examples=60, deadline=None)
@given(blocks=blocks, limit=st.sampled_from([200, 700, MESSAGE_LIMIT]))
def test_every_part_fits_is_valid_html_and_nothing_is_lost(blocks, limit):
    pieces = []
    for tag, block_words, separator in blocks:
        body = " ".join(html.escape(w, quote=False) for w in block_words)
        pieces.append((f"<{tag}>{body}</{tag}>" if tag else body) + separator)
    text = "".join(pieces)
    parts = split_html(text, limit)
    plain_parts = []
    for part in parts:
        plain, _ = parse_html(part)  # valid on its own: every tag closed, no entity cut
        assert utf16_len(plain) <= limit and visible_len(part) == utf16_len(plain)
        assert plain.strip()
        plain_parts.append(plain)
    original, _ = parse_html(text)
    assert "".join("".join(p.split()) for p in plain_parts) == "".join(original.split())


def test_length_is_counted_after_the_html_is_parsed():
    """Telegram's limit is on the text once the tags are parsed: tags count nothing, &amp; one unit."""
    assert visible_len("<b>가</b>&amp;😊") == 1 + 1 + 2
    bold = "<b>" + "가" * 4000 + "</b>"  # 4,007 characters of HTML, 4,000 of text: one message
    assert split_html(bold) == [bold]
    escaped = "&lt;" * 4096  # 16,384 characters of HTML, 4,096 of text
    assert split_html(escaped) == [escaped]
    emoji = "<i>" + "😊" * 2100 + "</i>"  # 2,100 characters, 4,200 UTF-16 units
    parts = split_html(emoji)
    assert len(parts) == 2 and all(visible_len(p) <= MESSAGE_LIMIT for p in parts)
    assert all(p.startswith("<i>") and p.endswith("</i>") for p in parts)

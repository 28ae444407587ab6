"""The bot's texts: both languages everywhere, the same placeholders, and every key the code uses exists."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from botapi.telegram_html import parse_html
from handlers.texts import LANGS, Html, Texts, TextsError, placeholders

HANDLERS = Path(__file__).resolve().parent.parent / "handlers"


def test_every_text_has_korean_and_english_with_the_same_placeholders():
    texts = Texts.load()
    for key, by_lang in texts.entries.items():
        assert set(by_lang) == set(LANGS), key
        assert placeholders(by_lang["ko"]) == placeholders(by_lang["en"]), key


def test_every_text_is_valid_telegram_html():
    for by_lang in Texts.load().entries.values():
        for template in by_lang.values():
            filled = template.format_map({name: "x" for name in placeholders(template)})
            parse_html(filled)  # raises on markup Telegram would refuse


def test_every_key_the_handlers_use_is_written():
    texts = Texts.load()
    used = set()
    for source in HANDLERS.rglob("*.py"):
        used |= set(re.findall(r"""texts\.get\(\s*f?["']([a-z_.{}]+)["']""", source.read_text(encoding="utf-8")))
    assert used, "no texts.get(...) calls found"
    for key in used:
        if "{" in key or key.endswith("."):  # a key built in code: its fixed part must start written keys
            assert texts.keys(key.split("{")[0]), key
        else:
            assert key in texts.entries, key


def test_inserted_values_are_escaped_unless_marked_html():
    texts = Texts.from_mapping({"t": {"ko": "<b>{a}</b> {b}", "en": "<b>{a}</b> {b}"}})
    assert texts.get("t", "ko", a="<i>&", b=Html("<i>ok</i>")) == "<b>&lt;i&gt;&amp;</b> <i>ok</i>"
    assert texts.get("t", "fr", a="1", b="2") == "<b>1</b> 2"  # an unknown language gets Korean


@pytest.mark.parametrize("data, problem", [
    ({"a": {"ko": "안녕"}}, "no text for en"),
    ({"a": {"ko": "{x}", "en": "{y}"}}, "different placeholders"),
    ({"a": ["list"]}, "expected {ko: ..., en: ...}"),
])
def test_mistakes_in_texts_are_explained(data, problem):
    with pytest.raises(TextsError, match=re.escape(problem)):
        Texts.from_mapping(data)

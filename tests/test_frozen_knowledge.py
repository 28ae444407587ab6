"""The bot's tests answer from a frozen copy of the knowledge (tests/data/frozen), not from the shipped files
that staff rewrite; only tests of the shipped files themselves (eval floors, the matcher measured on them)
read knowledge/, and none of those drives the bot (conftest.py)."""
from __future__ import annotations

import re

from conftest import FROZEN_INTENTS, FROZEN_KNOWLEDGE, ROOT
from knowledge.loader import load

READS_SHIPPED = re.compile(r'ROOT\s*/\s*"(knowledge|intents)"')
# What a test that drives the bot holds: the Application, a Bot API for `python bot.py` to poll, the console
# chat, or the harness fixtures.
DRIVES_THE_BOT = re.compile(
    r'build_application|LoopbackBotAPIServer|"bot\.py", "chat"|def test_\w+\([^)]*\b(bot|make_bot|desk)\b')


def test_the_frozen_copy_loads_cleanly_with_every_kind_of_item(kb) -> None:
    _, problems = load(FROZEN_KNOWLEDGE, FROZEN_INTENTS)
    assert [p for p in problems if p.severity == "error"] == []
    assert kb.programs and kb.faqs and kb.referrals and kb.intents and kb.areas


def test_no_test_that_drives_the_bot_reads_the_shipped_files() -> None:
    sources = {path.name: path.read_text(encoding="utf-8") for path in (ROOT / "tests").glob("test_*.py")}
    readers = {name for name, text in sources.items() if READS_SHIPPED.search(text)}
    assert "test_evaluation.py" in readers  # the quality bars stay on the real files
    assert {name for name in readers if DRIVES_THE_BOT.search(sources[name])} == set()

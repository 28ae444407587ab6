"""The bot's tests answer from a frozen copy of the knowledge (tests/data/frozen), not from the shipped files
that staff rewrite; only the tests of the shipped files themselves read knowledge/ (conftest.py)."""
from __future__ import annotations

import re

from conftest import FROZEN_INTENTS, FROZEN_KNOWLEDGE, ROOT
from knowledge.loader import load

# Tests of the shipped knowledge itself: its quality bars (eval floors) and the matcher measured on it.
SHIPPED_FILE_TESTS = {"test_evaluation.py", "test_matcher.py", "test_matcher_properties.py"}
READS_SHIPPED = re.compile(r'ROOT\s*/\s*"(knowledge|intents)"')


def test_the_frozen_copy_loads_cleanly_with_every_kind_of_item(kb) -> None:
    _, problems = load(FROZEN_KNOWLEDGE, FROZEN_INTENTS)
    assert [p for p in problems if p.severity == "error"] == []
    assert kb.programs and kb.faqs and kb.referrals and kb.intents and kb.areas


def test_only_the_tests_of_the_shipped_files_read_them() -> None:
    readers = {path.name for path in (ROOT / "tests").glob("test_*.py") if READS_SHIPPED.search(path.read_text())}
    assert readers <= SHIPPED_FILE_TESTS, readers - SHIPPED_FILE_TESTS

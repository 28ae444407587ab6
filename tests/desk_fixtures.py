"""The frozen knowledge (tests/data/desk) for the desk's test modules: `from desk_fixtures import kb, matcher`.

The follow-up and staff-desk tests are about the desk, not the knowledge, which staff rewrite; their bots
answer from a frozen copy. The knowledge's own tests and quality bars keep the shipped files.
"""
from __future__ import annotations

import pytest

from intents.matcher import Matcher
from knowledge.model import KnowledgeBase


@pytest.fixture
def kb(frozen_kb: KnowledgeBase) -> KnowledgeBase:
    return frozen_kb


@pytest.fixture
def matcher(frozen_matcher: Matcher) -> Matcher:
    return frozen_matcher

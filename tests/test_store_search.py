"""Searching enquiry texts (store/search.py over schema m005's trigram index), on a real SQLite file."""
from __future__ import annotations

import pytest

from store.search import SEARCH_INDEX, search
from store_fixtures import T0, clock, store  # noqa: F401 - fixtures

TEXTS = ["절차가 궁금합니다", "수소충전소 부지 임대 조건", "100% 지원되나요?", "Hydrogen STATION map", "a_b 문의"]


@pytest.fixture
def filled(store):  # noqa: F811
    for n, text in enumerate(TEXTS):
        store.enquiries.record(user_id=10 + n, chat_id=10 + n, lang="ko", text=text)
    return store


def found(store, term: str) -> list[str]:  # noqa: F811
    return [row["text"] for row in search(store.db, term)]


@pytest.mark.parametrize("term, text", [
    ("절차", "절차가 궁금합니다"),          # two syllables: shorter than a trigram, found by the scan
    ("절차가 궁금", "절차가 궁금합니다"),    # the index, across the space
    ("충전소", "수소충전소 부지 임대 조건"),  # inside a word: no word boundaries needed
    ("수소", "수소충전소 부지 임대 조건"),
    ("hydrogen station", "Hydrogen STATION map"),  # Latin letters in any case
    ("%", "100% 지원되나요?"),            # LIKE's wildcards are plain characters here
    ("_", "a_b 문의"),
])
def test_a_term_finds_the_texts_that_contain_it(filled, term, text):
    assert found(filled, term) == [text]


@pytest.mark.parametrize("term", ["", "   ", "절차를", '"', "없는말입니다"])
def test_nothing_matches_nothing(filled, term):
    assert found(filled, term) == []


def test_newest_first_and_blanked_or_forgotten_texts_are_gone(filled):
    later = filled.enquiries.record(user_id=99, chat_id=99, lang="ko", text="신청 절차가 어떻게 되나요")
    assert found(filled, "절차가") == ["신청 절차가 어떻게 되나요", "절차가 궁금합니다"]
    filled.enquiries.redact(later, "[name]")
    assert found(filled, "절차가") == ["절차가 궁금합니다"]
    filled.privacy.forget_user(10)
    assert found(filled, "궁금합니다") == [] and found(filled, "절차") == []
    # Nothing of the forgotten text is left in the index's own tables either.
    leftovers = filled.db.execute(f"SELECT count(*) FROM {SEARCH_INDEX} WHERE {SEARCH_INDEX} MATCH '\"궁금합\"'")
    assert leftovers.fetchone()[0] == 0
    data = b"".join(row[0] for row in filled.db.execute(f"SELECT block FROM {SEARCH_INDEX}_data") if row[0])
    assert "궁금".encode() not in data


def test_the_retention_purge_empties_the_index_too(filled, clock):  # noqa: F811
    clock.advance(days=400)
    filled.privacy.purge_older_than(365)
    for term in ("절차", "수소충전소", "hydrogen"):
        assert found(filled, term) == []

"""The enquiry log on a real SQLite file."""
from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from intents.decision import Candidate, Decision
from store import EnquiryStore


@pytest.fixture
def store(tmp_path):
    s = EnquiryStore(tmp_path / "data" / "bot.db")
    yield s
    s.close()


def test_creates_private_wal_file_with_schema(tmp_path):
    path = tmp_path / "nested" / "dir" / "bot.db"
    old = os.umask(0o022)
    try:
        s = EnquiryStore(path)
        s.enquiries.record(user_id=1, chat_id=1, lang="ko", text="안녕하세요")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    wal = path.with_name(path.name + "-wal")
    assert wal.exists() and stat.S_IMODE(wal.stat().st_mode) == 0o600
    s.close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"enquiries", "feedback", "_sqlite_migrations"} <= tables
    conn.close()


def test_reopening_applies_no_migration_twice(tmp_path):
    path = tmp_path / "bot.db"
    EnquiryStore(path).close()
    s = EnquiryStore(path)
    names = [r["name"] for r in s.db.query("SELECT name FROM _sqlite_migrations")]
    assert len(names) == len(set(names)) >= 1
    s.close()


def test_existing_loose_file_is_tightened(tmp_path):
    path = tmp_path / "bot.db"
    EnquiryStore(path).close()
    os.chmod(path, 0o644)  # copied in, restored from a backup...
    EnquiryStore(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_record_message_is_committed_before_it_returns(store):
    eid = store.enquiries.record(user_id=1001, chat_id=1001, lang="ko", text="청창사 언제 모집해요", update_id=7)
    # A second connection (another process, a crash-restart) sees it at once.
    other = sqlite3.connect(store.path)
    row = other.execute("SELECT user_id, text, source, update_id, kind FROM enquiries WHERE id = ?",
                        (eid,)).fetchone()
    other.close()
    assert row == (1001, "청창사 언제 모집해요", "message", 7, None)


def test_record_decision_and_read_back(store):
    eid = store.enquiries.record(user_id=5, chat_id=5, lang="en", text="when is the academy open", source="edited")
    decision = Decision("answer", id="youth-startup-academy", aspect="period", score=91.234,
                        candidates=(Candidate("youth-startup-academy", "program", 91.234),
                                    Candidate("office-space", "faq", 40.0)), lang="en")
    store.enquiries.record_decision(eid, decision, 1.23456)
    row = store.enquiries.get(eid)
    assert row["kind"] == "answer" and row["item_id"] == "youth-startup-academy"
    assert row["aspect"] == "period" and row["score"] == pytest.approx(91.23)
    assert row["candidates"] == [{"id": "youth-startup-academy", "kind": "program", "score": 91.23},
                                 {"id": "office-space", "kind": "faq", "score": 40.0}]
    assert row["elapsed_ms"] == pytest.approx(1.235)
    assert row["source"] == "edited" and row["lang"] == "en" and row["helpful"] is None
    assert row["time"].endswith("+00:00")


def test_unknown_source_is_refused(store):
    with pytest.raises(ValueError):
        store.enquiries.record(user_id=1, chat_id=1, lang=None, text="x", source="carrier-pigeon")


def test_feedback_latest_rating_wins(store):
    eid = store.enquiries.record(user_id=1, chat_id=1, lang="ko", text="사무실 지원")
    store.enquiries.record_decision(eid, Decision("answer", "office-space", None, 90.0), 1.0)
    store.enquiries.record_feedback(eid, 1, True)
    assert store.enquiries.get(eid)["helpful"] is True
    store.enquiries.record_feedback(eid, 1, False)
    assert store.enquiries.get(eid)["helpful"] is False
    assert store.db.execute("SELECT count(*) FROM feedback").fetchone()[0] == 1


def test_only_answers_can_be_rated(store):
    """A command, a fallback or a suggestion list never carries 👍/👎: a rating of one is forged, and ignored."""
    command = store.enquiries.record(user_id=1, chat_id=1, lang="ko", text="/help", source="command")
    fallback = store.enquiries.record(user_id=1, chat_id=1, lang="ko", text="ㅁㄴㅇㄹ")
    store.enquiries.record_decision(fallback, Decision("fallback"), 1.0)
    answered = store.enquiries.record(user_id=1, chat_id=1, lang="ko", text="사무실 지원")
    store.enquiries.record_decision(answered, Decision("answer", "office-space", None, 90.0), 1.0)
    assert not store.enquiries.record_feedback(command, 1, True)
    assert not store.enquiries.record_feedback(fallback, 1, True)
    assert store.enquiries.record_feedback(answered, 1, True)
    assert store.db.execute("SELECT enquiry_id FROM feedback").fetchall() == [(answered,)]


def test_feedback_on_missing_enquiry_is_ignored(store):
    store.enquiries.record_feedback(12345, 1, True)
    assert store.db.execute("SELECT count(*) FROM feedback").fetchone()[0] == 0


def test_recent_enquiries_newest_first_and_per_user(store):
    for i in range(7):
        store.enquiries.record(user_id=1, chat_id=1, lang="ko", text=f"질문 {i}")
    store.enquiries.record(user_id=2, chat_id=2, lang="ko", text="다른 사람")
    recent = store.enquiries.recent(1)
    assert [r["text"] for r in recent] == [f"질문 {i}" for i in (6, 5, 4, 3, 2)]
    assert [r["text"] for r in store.enquiries.recent(1, limit=2)] == ["질문 6", "질문 5"]
    assert store.enquiries.recent(99) == []


def test_last_unanswered_skips_answers_buttons_and_other_users(store):
    def ask(user, text, kind, source="message"):
        eid = store.enquiries.record(user_id=user, chat_id=user, lang="ko", text=text, source=source)
        if kind:
            store.enquiries.record_decision(eid, Decision(kind), 0.5)

    assert store.enquiries.last_unanswered(1) is None
    ask(1, "드론 교육 있나요", "fallback")
    ask(1, "수소 충전소 어디", "suggest")
    ask(1, "청창사 언제 모집해요", "answer")
    ask(1, "cb:menu", "fallback", source="button")
    ask(1, "/contact", None, source="command")
    ask(2, "남의 질문", "fallback")
    assert store.enquiries.last_unanswered(1) == "수소 충전소 어디"


def test_enquiry_missing_is_none(store):
    assert store.enquiries.get(42) is None


def test_redact_enquiry_replaces_the_text_only(store):
    enquiry = store.enquiries.record(user_id=3, chat_id=3, lang="ko", text="홍길동 010-1234-5678")
    store.enquiries.redact(enquiry, "[contact]")
    row = store.enquiries.get(enquiry)
    assert row["text"] == "[contact]" and row["user_id"] == 3
    assert all("010-1234-5678" not in e["text"] for e in store.enquiries.recent(3))


def test_what_counts_as_a_typed_question_is_defined_once():
    """QUESTION_SOURCES and UNANSWERED_KINDS in store/enquiries.py; the row types (rows.py) and schema.py's
    CHECK list every source and kind."""
    store_dir = Path(__file__).resolve().parent.parent / "store"
    for literal in ("'message', 'edited'", '"message", "edited"', "'suggest', 'fallback'", '"suggest", "fallback"'):
        hits = sorted(p.name for p in store_dir.glob("*.py")
                      if p.name not in ("schema.py", "rows.py") and literal in p.read_text())
        assert hits in ([], ["enquiries.py"]), (literal, hits)

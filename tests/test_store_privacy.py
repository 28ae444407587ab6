"""Privacy: /mydata, /forget down to the bytes of the file, and the retention purge."""
from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from intents.decision import Decision
from store import EnquiryStore
from store_fixtures import T0, clock, store  # noqa: F401 - fixtures used by the tests below


NAME, PHONE, EMAIL = "홍길동", "010-9876-5432", "gildong.hong@example.com"
QUESTION = "수소충전소 부지 임대 조건이 궁금합니다"
FOLLOW_UP = "추가로 보증금 문의드립니다"
SECRETS = [NAME, PHONE, "01098765432", EMAIL, QUESTION, FOLLOW_UP, "제 전화는 01098765432"]


def file_bytes(path: Path) -> bytes:
    """The database file and whatever sits beside it (-wal, -shm, -journal)."""
    return b"".join(p.read_bytes() for p in sorted(path.parent.glob(path.name + "*")))


def fill(store: EnquiryStore, user_id: int, name: str, phone: str, email: str, question: str) -> int:
    for text in (question, f"제 전화는 {phone.replace('-', '')}", "고맙습니다"):
        eid = store.enquiries.record(user_id=user_id, chat_id=user_id, lang="ko", text=text)
        store.enquiries.record_decision(eid, Decision("answer", "trade-mission", None, 88.0), 0.4)
        store.enquiries.record_feedback(eid, user_id, False)
    with store.atomic():
        t = store.tickets.create(user_id, user_id, name, phone, question, "v1", T0, False)
        card = store.outbox.enqueue(-100123, f"#{t['number']} {name} {phone} {question}", purpose="staff_card",
                             ticket=t["number"])
    store.outbox.mark_sent(card, 900 + t["number"])
    store.tickets.answer(t["number"], 501, "담당자 답변입니다")
    store.outbox.enqueue(user_id, "담당자 답변입니다", purpose="staff_answer", ticket=t["number"])
    store.tickets.add_user_message(t["number"], FOLLOW_UP if user_id == 1001 else "추가 질문 있어요")
    second = store.tickets.create(user_id, user_id, name, email, question, "v1", T0, False)
    store.outbox.enqueue(-100123, f"#{second['number']} {name} {email}", purpose="staff_card", ticket=second["number"])
    return t["number"]


def test_forget_then_vacuum_leaves_no_personal_bytes(store):
    fill(store, 1001, NAME, PHONE, EMAIL, QUESTION)
    other = fill(store, 2002, "김철수", "010-1111-2222", "cs.kim@example.org", "드론 교육 일정 알려주세요")
    store.checkpoint()
    raw = file_bytes(store.path)
    assert all(s.encode() in raw for s in SECRETS)  # the test can see them before forgetting

    done = store.privacy.forget_user(1001)
    assert done["enquiries"] == 3 and done["feedback"] == 3 and len(done["tickets"]) == 2
    store.vacuum()

    raw = file_bytes(store.path)
    for secret in SECRETS:
        assert secret.encode() not in raw, secret
    # The other user is untouched.
    assert "김철수".encode() in raw and "cs.kim@example.org".encode() in raw
    assert store.tickets.get(other)["name"] == "김철수"
    assert len(store.enquiries.recent(2002)) == 3


def test_forgotten_tickets_are_marked_deleted_for_staff(store):
    number = fill(store, 1001, NAME, PHONE, EMAIL, QUESTION)
    store.privacy.forget_user(1001)
    t = store.tickets.get(number)
    assert t["deleted"] is True and t["deleted_at"] is not None
    assert (t["name"], t["contact"], t["question"]) == (None, None, None)
    assert all(m["text"] is None for m in t["messages"])
    # Nobody can handle it now: closed, by no staff member; who had claimed it and its card stay.
    assert (t["status"], t["closed_by"], t["closed_at"]) == ("closed", None, t["deleted_at"])
    assert t["claimed_by"] is not None and t["staff_card_message_id"] == 900 + number  # staff can still find it
    assert store.enquiries.recent(1001) == [] and store.enquiries.last_unanswered(1001) is None
    assert store.tickets.open_for_user(1001) is None
    # Nothing pending may go out with their data; the staff card text is gone too.
    assert all(r["text"] == "" for r in store.outbox.rows() if r["ticket"] in (number, number + 1))
    assert [r for r in store.outbox.due() if r["ticket"] in (number, number + 1)] == []


def test_user_data_lists_what_is_kept(store, clock):
    number = fill(store, 1001, NAME, PHONE, EMAIL, QUESTION)
    data = store.privacy.user_data(1001)
    assert data["enquiries"] == 3 and data["feedback"] == 3 and data["blocked"] is False
    assert data["recent"][0] == "고맙습니다" and QUESTION in data["recent"]
    assert [t["number"] for t in data["tickets"]] == [number + 1, number]
    assert data["tickets"][1]["name"] == NAME and data["tickets"][1]["contact"] == PHONE
    assert data["tickets"][0]["contact"] == EMAIL and data["tickets"][0]["consent_version"] == "v1"
    store.privacy.forget_user(1001)
    after = store.privacy.user_data(1001)
    assert after["enquiries"] == 0 and after["recent"] == [] and after["feedback"] == 0
    assert all(t["deleted"] and t["name"] is None for t in after["tickets"])
    assert store.privacy.user_data(5)["tickets"] == [] and store.privacy.user_data(5)["first_enquiry_at"] is None


def test_purge_blanks_only_what_is_older_than_retention(store, clock):
    old_ticket = fill(store, 1001, NAME, PHONE, EMAIL, QUESTION)
    clock.advance(days=200)
    new_ticket = fill(store, 2002, "김철수", "010-1111-2222", "cs.kim@example.org", "드론 교육 일정")
    clock.advance(days=200)  # the first user's data is 400 days old, the second's 200

    counts = store.privacy.purge_older_than(365)
    assert counts["enquiries"] == 3 and counts["tickets"] == 2
    assert store.tickets.get(old_ticket)["name"] is None and store.tickets.get(old_ticket)["deleted"] is True
    assert store.tickets.get(new_ticket)["name"] == "김철수"
    rows = store.enquiries.select()
    assert [r["user_id"] for r in rows] == [None] * 3 + [2002] * 3
    assert all(r["text"] == "" and r["kind"] == "answer" for r in rows[:3])  # statistics survive
    assert store.privacy.purge_older_than(365) == {"enquiries": 0, "tickets": 0, "outbox": 0, "blocked": 0}
    store.vacuum()
    raw = file_bytes(store.path)
    assert NAME.encode() not in raw and QUESTION.encode() not in raw and "김철수".encode() in raw


def test_purge_keeps_tickets_with_recent_activity(store, clock):
    number = fill(store, 1001, NAME, PHONE, EMAIL, QUESTION)
    clock.advance(days=360)
    store.tickets.add_user_message(number, "아직 답변을 기다립니다")
    clock.advance(days=10)
    store.privacy.purge_older_than(365)
    assert store.tickets.get(number)["name"] == NAME      # last activity 10 days ago
    assert store.tickets.get(number + 1)["name"] is None  # untouched for 370 days


def test_purge_drops_old_finished_outbox_rows_and_blocks(store, clock):
    sent = store.outbox.enqueue(1, "x", purpose="a")
    store.outbox.mark_sent(sent, 1)
    pending = store.outbox.enqueue(2, "y", purpose="a")
    store.outbox.mark_blocked(store.outbox.enqueue(3, "z", purpose="a"))
    clock.advance(days=400)
    counts = store.privacy.purge_older_than(365)
    assert counts["outbox"] == 2 and counts["blocked"] == 1
    assert [r["id"] for r in store.outbox.rows()] == [pending]
    assert not store.outbox.is_blocked(3)


def test_forget_alone_already_clears_the_files(store):
    """secure_delete zeroes freed bytes and forget_user empties the write-ahead log, even before VACUUM."""
    fill(store, 1001, NAME, PHONE, EMAIL, QUESTION)
    store.privacy.forget_user(1001)
    raw = file_bytes(store.path)
    assert [s for s in SECRETS if s.encode() in raw] == []


def test_daily_maintenance_purges_and_vacuums(store, clock):
    fill(store, 1001, NAME, PHONE, EMAIL, QUESTION)
    clock.advance(days=30)
    assert store.privacy.daily_maintenance(7)["tickets"] == 2
    raw = file_bytes(store.path)
    assert [s for s in SECRETS if s.encode() in raw] == []
    assert store.db.execute("PRAGMA freelist_count").fetchone()[0] == 0


def wal_secrets(store: EnquiryStore) -> list[str]:
    wal = store.path.with_name(store.path.name + "-wal")
    raw = wal.read_bytes() if wal.exists() else b""
    return [s for s in SECRETS if s.encode() in raw]


def test_a_reader_during_forget_delays_emptying_the_log_only_until_the_next_retry(store):
    """Another connection (the CLI, a backup) reading while the user is forgotten keeps the write-ahead log,
    with the old page images, from being emptied. forget_user must not wait out the 5 s busy timeout on
    the event loop; it leaves the checkpoint pending, and a later retry empties the log."""
    fill(store, 1001, NAME, PHONE, EMAIL, QUESTION)
    reader = sqlite3.connect(store.path, isolation_level=None)
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM enquiries").fetchone()  # holds a read snapshot
        started = time.perf_counter()
        store.privacy.forget_user(1001)
        assert time.perf_counter() - started < 1.0
        assert store.pending_checkpoint is True
        assert wal_secrets(store)  # still there while the reader holds its snapshot
        assert store.retry_checkpoint() is False  # still held: stays pending
        reader.execute("COMMIT")
    finally:
        reader.close()
    assert store.retry_checkpoint() is True
    assert store.pending_checkpoint is False
    assert wal_secrets(store) == [] and [s for s in SECRETS if s.encode() in file_bytes(store.path)] == []


def test_the_outbox_poll_retries_a_pending_checkpoint(store):
    fill(store, 1001, NAME, PHONE, EMAIL, QUESTION)
    reader = sqlite3.connect(store.path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT 1 FROM tickets").fetchone()
    store.privacy.forget_user(1001)
    reader.close()
    assert store.pending_checkpoint is True
    store.outbox.due()  # the outbox job polls every few seconds: the log is emptied by then
    assert store.pending_checkpoint is False and wal_secrets(store) == []


def test_daily_maintenance_with_a_reader_leaves_the_checkpoint_pending(store, clock):
    fill(store, 1001, NAME, PHONE, EMAIL, QUESTION)
    clock.advance(days=30)
    reader = sqlite3.connect(store.path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT 1 FROM tickets").fetchone()
    started = time.perf_counter()
    assert store.privacy.daily_maintenance(7)["tickets"] == 2
    assert time.perf_counter() - started < 1.0 and store.pending_checkpoint is True
    reader.close()
    assert store.retry_checkpoint() is True
    assert [s for s in SECRETS if s.encode() in file_bytes(store.path)] == []


def test_purged_tickets_are_no_longer_linked_to_the_person(store, clock):
    old = fill(store, 1001, NAME, PHONE, EMAIL, QUESTION)
    forgotten = fill(store, 3003, "이영희", "010-3333-4444", "yh@example.com", "질문")
    store.privacy.forget_user(3003)
    clock.advance(days=400)
    counts = store.privacy.purge_older_than(365)
    assert counts["tickets"] == 4  # the forgotten user's tickets lose their ids too, once they are old
    for number in (old, old + 1, forgotten, forgotten + 1):
        t = store.tickets.get(number)
        assert (t["user_id"], t["chat_id"], t["deleted"]) == (None, None, True)
        assert t["status"] == "closed" and t["closed_by"] is None  # out of /inbox; nobody can handle it now
    assert store.tickets.get(forgotten)["deleted_at"] < store.tickets.get(old)["deleted_at"]  # first deletion kept
    assert store.tickets.of_user(1001) == [] and store.privacy.user_data(1001)["tickets"] == []
    assert store.db.execute("SELECT count(*) FROM tickets WHERE user_id IN (1001, 3003)"
                            " OR chat_id IN (1001, 3003)").fetchone()[0] == 0
    assert store.privacy.purge_older_than(365)["tickets"] == 0
    number = store.tickets.create(1001, 1001, "홍길동", PHONE, "새 질문", "v1", clock(), False)["number"]
    assert number == forgotten + 2  # numbers are never reused


def test_m003_lets_an_older_database_unlink_its_tickets(tmp_path, clock):
    """A file made before m003 (tickets.user_id and chat_id NOT NULL) is rebuilt in place on opening."""
    from sqlite_utils import Database

    from store.schema import migrations

    path = tmp_path / "old.db"
    db = Database(path)
    db.enable_wal()
    db.execute("PRAGMA foreign_keys = ON")
    migrations.apply(db, stop_before="m003_tickets_can_lose_their_user")
    for n, user in ((1, 1001), (2, 2002)):
        db.execute("INSERT INTO tickets (number, user_id, chat_id, name, question, created_at, updated_at)"
                   " VALUES (?, ?, ?, '홍길동', '질문', ?, ?)", (n, user, user, "2024-01-01T00:00:00.000+00:00",
                                                                  "2024-01-01T00:00:00.000+00:00"))
        db.execute("INSERT INTO ticket_messages (ticket, who, text, time) VALUES (?, 'user', '질문', '2024')", (n,))
        db.execute("INSERT INTO outbox (chat_id, text, purpose, ticket, status, created_at, next_attempt_at)"
                   " VALUES (?, 'x', 'answer', ?, 'sent', '2024', '2024')", (user, n))
    db.execute("UPDATE sqlite_sequence SET seq = 7 WHERE name = 'tickets'")  # 3..7 were never committed
    db.conn.commit()
    db.close()

    store = EnquiryStore(path, clock=clock)
    try:
        columns = {c.name: c.notnull for c in store.db["tickets"].columns}
        assert (columns["user_id"], columns["chat_id"], columns["created_at"]) == (0, 0, 1)
        assert {i.name for i in store.db["tickets"].indexes} >= {"tickets_user", "tickets_status", "tickets_card"}
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert [m["text"] for m in store.tickets.get(1)["messages"]] == ["질문"] and store.tickets.get(2)["user_id"] == 2002
        assert store.tickets.create(5, 5, None, None, "q", None, None, True)["number"] == 8
        assert store.privacy.purge_older_than(365)["tickets"] == 2
        assert store.tickets.get(1)["user_id"] is None and store.tickets.get(2)["chat_id"] is None
    finally:
        store.close()


def test_forget_and_purge_log_counts_only(store, clock, caplog):
    fill(store, 1001, NAME, PHONE, EMAIL, QUESTION)
    fill(store, 2002, "김철수", "010-1111-2222", "cs.kim@example.org", "드론 교육 일정")
    caplog.set_level("DEBUG", logger="store")
    store.privacy.forget_user(1001)
    clock.advance(days=400)
    store.privacy.purge_older_than(365)
    messages = [r.getMessage() for r in caplog.records]
    assert any("3 enquiries" in m for m in messages)
    assert [m for m in messages if "1001" in m or "2002" in m] == []


def test_forget_stops_every_pending_message_to_the_user_the_same_way(store):
    number = fill(store, 1001, NAME, PHONE, EMAIL, QUESTION)
    loose = store.outbox.enqueue(1001, f"{NAME}님, 안내드립니다", purpose="reminder")  # to their chat, no ticket
    store.privacy.forget_user(1001)
    rows = {r["id"]: r for r in store.outbox.rows()}
    pending_before = [r for r in rows.values() if r["ticket"] in (number, number + 1) or r["id"] == loose]
    assert rows[loose]["text"] == "" and rows[loose]["reply_markup"] is None
    assert (rows[loose]["status"], rows[loose]["last_error"]) == ("failed", "forgotten")
    assert all(r["status"] != "pending" for r in pending_before)


def test_a_checkpoint_inside_a_transaction_waits_for_its_end(store):
    """A caller may forget (or poll the outbox) inside its own atomic() block: no checkpoint can run there."""
    fill(store, 1001, NAME, PHONE, EMAIL, QUESTION)
    with store.atomic():
        store.privacy.forget_user(1001)
        store.outbox.enqueue(-100123, "staff note", purpose="note")
        assert store.outbox.due() and store.pending_checkpoint is True
    assert store.retry_checkpoint() is True and wal_secrets(store) == []

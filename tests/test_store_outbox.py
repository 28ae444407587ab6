"""The outbox: written before sending, retried with backoff, blocked recipients remembered."""
from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

from store import EnquiryStore
from store_fixtures import T0, clock, store  # noqa: F401 - fixtures used by the tests below


MARKUP = {"inline_keyboard": [[{"text": "담당하기", "callback_data": "claim:1"}]]}


def test_enqueue_is_committed_and_survives_a_crash(tmp_path, clock):
    path = tmp_path / "bot.db"
    store = EnquiryStore(path, clock=clock)
    oid = store.outbox.enqueue(-100123, "<b>새 문의</b>", reply_markup=MARKUP, purpose="staff_card")
    # The process dies here: no close, no send. A new process finds the row pending.
    other = sqlite3.connect(path)
    assert other.execute("SELECT status FROM outbox WHERE id = ?", (oid,)).fetchone() == ("pending",)
    other.close()
    restarted = EnquiryStore(path, clock=clock)
    [row] = restarted.outbox.due()
    assert row["id"] == oid and row["text"] == "<b>새 문의</b>" and row["parse_mode"] == "HTML"
    assert row["reply_markup"] == MARKUP and row["purpose"] == "staff_card" and row["attempts"] == 0
    restarted.close()
    store.close()


def test_reply_markup_objects_with_to_dict(store):
    class Markup:
        def to_dict(self):
            return MARKUP

    oid = store.outbox.enqueue(1, "x", reply_markup=Markup(), purpose="answer", parse_mode=None)
    row = store.outbox.row(oid)
    assert row["reply_markup"] == MARKUP and row["parse_mode"] is None


def test_mark_sent_records_message_id_and_staff_card(store):
    n = store.tickets.create(1, 1, "홍길동", "010-1111-2222", "질문", "v1", T0, False)["number"]
    oid = store.outbox.enqueue(-100123, "card", purpose="staff_card", ticket=n)
    store.outbox.mark_sent(oid, 4242)
    row = store.outbox.row(oid)
    assert row["status"] == "sent" and row["sent_message_id"] == 4242 and row["attempts"] == 1
    t = store.tickets.get(n)
    assert (t["staff_chat_id"], t["staff_card_message_id"]) == (-100123, 4242)
    assert store.outbox.due() == []
    # Editing the card in place does not replace the card's message id.
    edit = store.outbox.enqueue(-100123, "card, claimed", purpose="staff_card", ticket=n, edit_message_id=4242)
    store.outbox.mark_sent(edit, 4242)
    assert store.tickets.get(n)["staff_card_message_id"] == 4242


def test_retry_backoff_is_exponential_capped_and_gives_up(store, clock):
    store.outbox.max_attempts = 5
    store.outbox.backoff_cap_s = 10
    oid = store.outbox.enqueue(1, "answer", purpose="staff_answer")
    waits = []
    for _ in range(1, 6):
        [row] = store.outbox.due()
        row = store.outbox.mark_retry(row["id"], "500 Internal Server Error")
        if row["status"] == "failed":
            break
        wait = (datetime.fromisoformat(row["next_attempt_at"]) - clock()).total_seconds()
        waits.append(wait)
        assert store.outbox.due() == []           # not before its time
        clock.advance(seconds=wait)
    assert waits == [2, 4, 8, 10]          # 2, 4, 8, then the cap
    row = store.outbox.row(oid)
    assert row["status"] == "failed" and row["attempts"] == 5 and row["last_error"].startswith("500")
    assert store.outbox.due() == []


def test_retry_after_waits_exactly_and_never_gives_up(store, clock):
    store.outbox.max_attempts = 2
    oid = store.outbox.enqueue(1, "answer", purpose="staff_answer")
    for _ in range(4):
        row = store.outbox.mark_retry(oid, "429 Too Many Requests", retry_after_s=7)
        assert row["status"] == "pending"
        assert store.outbox.due() == []
        clock.advance(seconds=7)
        assert [r["id"] for r in store.outbox.due()] == [oid]
    row = store.outbox.row(oid)
    assert (row["attempts"], row["flood_waits"]) == (0, 4)  # flood waits are not failures


def test_flood_waits_do_not_count_toward_the_backoff_or_giving_up(store, clock):
    store.outbox.max_attempts = 2
    oid = store.outbox.enqueue(1, "answer", purpose="staff_answer")
    for _ in range(5):
        store.outbox.mark_retry(oid, "429 Too Many Requests", retry_after_s=3)
        clock.advance(seconds=3)
    row = store.outbox.mark_retry(oid, "502 Bad Gateway")
    wait = (datetime.fromisoformat(row["next_attempt_at"]) - clock()).total_seconds()
    assert (row["status"], row["attempts"], row["flood_waits"], wait) == ("pending", 1, 5, 2)  # the first failure
    clock.advance(seconds=2)
    store.outbox.mark_retry(oid, "429 Too Many Requests", retry_after_s=3)
    clock.advance(seconds=3)
    row = store.outbox.mark_retry(oid, "502 Bad Gateway")
    assert (row["status"], row["attempts"], row["flood_waits"]) == ("failed", 2, 6)  # the second failure


def test_due_keeps_each_chats_order_and_limit(store, clock):
    first = store.outbox.enqueue(1, "first", purpose="a")
    second = store.outbox.enqueue(1, "second", purpose="a")
    other = store.outbox.enqueue(2, "other chat", purpose="a")
    assert [r["id"] for r in store.outbox.due()] == [first, second, other]
    assert [r["id"] for r in store.outbox.due(limit=2)] == [first, second]
    store.outbox.mark_retry(first, "timeout")
    # The second message to chat 1 waits for the first; chat 2 is not held up.
    assert [r["id"] for r in store.outbox.due()] == [other]
    clock.advance(seconds=2)
    assert [r["id"] for r in store.outbox.due()] == [first, second, other]


def test_not_before_and_explicit_now(store):
    oid = store.outbox.enqueue(1, "later", purpose="reminder", not_before=T0 + timedelta(hours=1))
    assert store.outbox.due() == []
    assert [r["id"] for r in store.outbox.due(T0 + timedelta(hours=1))] == [oid]


def test_mark_failed_stops_at_once(store):
    oid = store.outbox.enqueue(1, "x", purpose="a")
    store.outbox.mark_failed(oid, "400 Bad Request: chat not found")
    assert store.outbox.row(oid)["status"] == "failed" and store.outbox.due() == []


def test_blocked_user_is_recorded_and_their_queue_stopped(store):
    n = store.tickets.create(1001, 1001, "홍길동", "010-1111-2222", "질문", "v1", T0, False)["number"]
    a = store.outbox.enqueue(1001, "answer 1", purpose="staff_answer", ticket=n)
    b = store.outbox.enqueue(1001, "answer 2", purpose="staff_answer", ticket=n)
    c = store.outbox.enqueue(2002, "someone else", purpose="staff_answer")
    row = store.outbox.mark_blocked(a)
    assert row["status"] == "blocked" and row["ticket"] == n
    assert store.outbox.row(b)["status"] == "blocked"
    assert [r["id"] for r in store.outbox.due()] == [c]
    assert store.outbox.is_blocked(1001) and not store.outbox.is_blocked(2002)
    [blocked] = store.outbox.blocked_users()
    assert blocked["chat_id"] == 1001 and blocked["user_id"] == 1001 and blocked["ticket"] == n
    # Writing to the bot again shows they unblocked it.
    store.enquiries.record(user_id=1001, chat_id=1001, lang="ko", text="다시 왔어요")
    assert not store.outbox.is_blocked(1001) and store.outbox.blocked_users() == []


def test_blocked_state_survives_restart(tmp_path, clock):
    path = tmp_path / "bot.db"
    s = EnquiryStore(path, clock=clock)
    s.outbox.mark_blocked(s.outbox.enqueue(5, "x", purpose="a"))
    s.close()
    s = EnquiryStore(path, clock=clock)
    assert s.outbox.is_blocked(5)
    s.close()


def test_mark_on_missing_rows(store):
    assert store.outbox.mark_blocked(999) is None
    assert store.outbox.mark_retry(999, "x") is None

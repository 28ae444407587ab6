"""Follow-up tickets: creation, the staff workflow, lookups, on a real SQLite file."""
from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from store_fixtures import T0, clock, store  # noqa: F401 - fixtures used by the tests below


def new_ticket(store, user_id=1001, **kw):
    args = dict(name="홍길동", contact="010 1234 5678", question="드론 교육 있나요?", consent_version="2025-01",
                consent_at=T0, anonymous=False)
    args.update(kw)
    return store.tickets.create(user_id, user_id, args.pop("name"), args.pop("contact"), args.pop("question"),
                               args.pop("consent_version"), args.pop("consent_at"), args.pop("anonymous"), **args)


def test_create_ticket_numbers_and_fields(store):
    t = new_ticket(store, lang="ko")
    assert t["number"] == 1
    assert t["status"] == "open" and t["name"] == "홍길동"
    assert (t["contact_kind"], t["contact"]) == ("phone", "010-1234-5678")  # normalised
    assert t["consent_version"] == "2025-01" and t["consent_at"] == "2025-03-03T01:00:00.000+00:00"
    assert t["anonymous"] is False and t["deleted"] is False and t["lang"] == "ko"
    assert [(m["who"], m["text"]) for m in t["messages"]] == [("user", "드론 교육 있나요?")]
    assert new_ticket(store, user_id=1002)["number"] == 2


def test_anonymous_ticket_keeps_no_name_or_contact(store):
    t = new_ticket(store, anonymous=True, consent_version=None, consent_at=None)
    assert t["anonymous"] is True and t["name"] is None and t["contact"] is None and t["consent_at"] is None
    assert t["question"] == "드론 교육 있나요?"


def test_unrecognised_contact_is_kept_as_typed(store):
    t = new_ticket(store, contact="  카카오톡 hong123 ")
    assert t["contact"] == "카카오톡 hong123" and t["contact_kind"] is None


def test_email_contact(store):
    t = new_ticket(store, contact="Hong@Example.COM")
    assert (t["contact_kind"], t["contact"]) == ("email", "Hong@example.com")


def test_staff_workflow_claim_answer_user_reply_close_reopen(store, clock):
    n = new_ticket(store)["number"]
    clock.advance(minutes=5)
    t = store.tickets.claim(n, 501, "김담당")
    assert t["status"] == "claimed" and t["claimed_by"] == 501 and t["claimed_by_name"] == "김담당"

    clock.advance(minutes=10)
    t = store.tickets.answer(n, 501, "다음 주에 드론 교육 공고가 나갑니다.", staff_name="김담당")
    assert t["status"] == "answered"
    assert t["answered_at"] == "2025-03-03T01:15:00.000+00:00" and t["answered_by"] == 501
    assert t["messages"][-1] == {**t["messages"][-1], "who": "staff", "staff_id": 501,
                                 "text": "다음 주에 드론 교육 공고가 나갑니다."}

    clock.advance(minutes=1)
    t = store.tickets.add_user_message(n, "감사합니다. 신청은 어디서 하나요?")
    assert t["status"] == "claimed"  # back in the inbox, still held by the same person
    clock.advance(minutes=1)
    t = store.tickets.answer(n, 502, "홈페이지 공고를 보세요.")
    assert t["answered_at"] == "2025-03-03T01:15:00.000+00:00" and t["answered_by"] == 501  # first answer kept
    assert [m["who"] for m in t["messages"]] == ["user", "staff", "user", "staff"]

    t = store.tickets.close(n, by=501)
    assert t["status"] == "closed" and t["closed_by"] == 501
    assert store.tickets.open_for_user(1001) is None
    t = store.tickets.reopen(n)
    assert t["status"] == "claimed" and t["closed_at"] is None
    assert store.tickets.close(n, by=501)["status"] == "closed"


def test_answer_without_claim_claims_it(store):
    n = new_ticket(store)["number"]
    t = store.tickets.answer(n, 777, "답변입니다")
    assert t["claimed_by"] == 777 and t["status"] == "answered"
    assert store.tickets.reopen(n)["status"] == "claimed"


def test_unknown_ticket_returns_none(store):
    assert store.tickets.get(99) is None
    assert store.tickets.claim(99, 1, "x") is None
    assert store.tickets.answer(99, 1, "x") is None
    assert store.tickets.add_user_message(99, "x") is None
    assert store.tickets.close(99, by=1) is None
    assert store.tickets.reopen(99) is None


def test_close_needs_the_staff_member(store):
    """A ticket is closed by someone: the staff id is a required keyword, never a positional slip."""
    with pytest.raises(TypeError):
        store.tickets.close(1)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        store.tickets.close(1, 9)  # type: ignore[misc]


def test_inbox_listing_and_filters(store, clock):
    a = new_ticket(store, user_id=1)["number"]
    clock.advance(days=1)
    b = new_ticket(store, user_id=2)["number"]
    c = new_ticket(store, user_id=3)["number"]
    store.tickets.claim(b, 9, "staff")
    store.tickets.close(c, by=9)
    assert [t["number"] for t in store.tickets.select()] == [a, b, c]
    assert [t["number"] for t in store.tickets.select(status=("open", "claimed"))] == [a, b]
    assert [t["number"] for t in store.tickets.select(status="closed")] == [c]
    assert [t["number"] for t in store.tickets.select(since=T0 + timedelta(hours=1))] == [b, c]
    with pytest.raises(ValueError):
        store.tickets.select(status="lost")


def test_user_tickets_and_open_ticket_for_user(store):
    first = new_ticket(store)["number"]
    second = new_ticket(store, question="수출 바우처")["number"]
    new_ticket(store, user_id=2)
    assert [t["number"] for t in store.tickets.of_user(1001)] == [second, first]
    assert store.tickets.open_for_user(1001)["number"] == second
    store.tickets.close(second, by=9)
    assert store.tickets.open_for_user(1001)["number"] == first
    assert store.tickets.open_for_user(424242) is None


def test_card_message_lookup(store):
    n = new_ticket(store)["number"]
    store.tickets.set_card_message(n, -100123, 55)
    t = store.tickets.get(n)
    assert (t["staff_chat_id"], t["staff_card_message_id"]) == (-100123, 55)
    assert store.tickets.for_message(-100123, 55)["number"] == n
    assert store.tickets.for_message(-100123, 56) is None
    # Any other message the bot sent about the ticket works as a reply target too.
    oid = store.outbox.enqueue(-100123, "사용자가 답장했습니다", purpose="staff_note", ticket=n)
    store.outbox.mark_sent(oid, 77)
    assert store.tickets.for_message(-100123, 77)["number"] == n


def test_ticket_and_card_in_one_transaction(store):
    with pytest.raises(RuntimeError):
        with store.atomic():
            n = new_ticket(store)["number"]
            store.outbox.enqueue(-100123, f"새 문의 #{n}", purpose="staff_card", ticket=n)
            raise RuntimeError("crash before commit")
    assert store.tickets.select() == [] and store.outbox.rows() == []


def test_logs_carry_numbers_not_personal_data(store, caplog):
    caplog.set_level(logging.DEBUG, logger="store")
    n = new_ticket(store, name="홍길동", contact="hong@example.com", question="비밀 질문입니다")["number"]
    store.tickets.claim(n, 5, "김담당")
    store.tickets.answer(n, 5, "답변 내용")
    store.tickets.add_user_message(n, "추가 질문")
    store.tickets.close(n, by=5)
    store.privacy.forget_user(1001)
    text = caplog.text
    assert f"ticket {n}" in text
    for secret in ("홍길동", "hong@example.com", "비밀 질문", "답변 내용", "추가 질문", "김담당"):
        assert secret not in text

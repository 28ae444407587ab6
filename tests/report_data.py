"""A week of enquiries written through the store's own API, for the report's and the web view's tests.

Decisions are given rather than matched, so the figures are known exactly: the report is under test here,
not the matcher. Programs are the knowledge base's first three, whatever they are.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from fakeclock import Clock
from intents.decision import Candidate, Decision
from knowledge.model import KnowledgeBase
from store import EnquiryStore

MONDAY = datetime(2025, 3, 3, 1, 0, tzinfo=timezone.utc)   # 10:00 KST
UNANSWERED = ["주차장은 어디에 있나요", "주차장 어디에 있나요?", "주차장은 어디있나요", "드론 교육 신청하고 싶어요"]


@dataclass(frozen=True)
class Week:
    programs: tuple[str, ...]     # the ids used, most asked first
    questions: int
    answered: int
    tickets: int


def fill_week(store: EnquiryStore, clock: Clock, kb: KnowledgeBase) -> Week:
    """Monday: 4 answers about program 0 (2 👍, 1 👎), 2 about program 1, the 4 unanswered questions and a
    ticket answered after 2 hours. Wednesday: 1 answer about program 2, one more unanswered question and a
    ticket answered after 4 hours. A button press and a command, which are not questions."""
    ids = tuple(p.id for p in kb.programs[:3])
    user = 1000

    def ask(text: str, decision: Decision) -> int:
        nonlocal user
        user += 1
        enquiry = store.enquiries.record(user_id=user, chat_id=user, lang="ko", text=text)
        store.enquiries.record_decision(enquiry, decision, 3.0)
        return enquiry

    clock.at = MONDAY
    rated = [ask(f"{kb.programs[0].name.get('ko')} 신청 방법 {n}", Decision("answer", ids[0], "apply", 90.0))
             for n in range(4)]
    store.enquiries.record_feedback(rated[0], 1001, True)
    store.enquiries.record_feedback(rated[1], 1002, True)
    store.enquiries.record_feedback(rated[2], 1003, False)
    for n in range(2):
        ask(f"{kb.programs[1].name.get('ko')} 자격 {n}", Decision("answer", ids[1], "eligibility", 88.0))
    for text in UNANSWERED:
        ask(text, Decision("fallback"))
    store.enquiries.record(user_id=1, chat_id=1, lang="ko", text="p:x:apply", source="button")
    store.enquiries.record(user_id=1, chat_id=1, lang="ko", text="/start", source="command")
    ticket = store.tickets.create(2001, 2001, "김민수", "010-1234-5678", "드론 교육 신청하고 싶어요", "v1",
                                 clock(), lang="ko")
    clock.advance(hours=2)
    store.tickets.answer(ticket["number"], 77, "안내드립니다.", "박담당")

    clock.at = MONDAY + timedelta(days=2)
    ask(f"{kb.programs[2].name.get('ko')} 일정", Decision("answer", ids[2], "period", 85.0))
    ask("절차가 궁금합니다", Decision("suggest", candidates=(Candidate(ids[0], "program", 60.0),)))
    ticket = store.tickets.create(2002, 2002, None, None, "절차가 궁금합니다", None, None, True, lang="ko")
    clock.advance(hours=4)
    store.tickets.answer(ticket["number"], 77, "절차는 공고를 확인해 주세요.", "박담당")
    store.tickets.create(2003, 2003, "이영희", "test@example.com", "수출 상담 예약 가능한가요", "v1", clock(), lang="ko")
    return Week(programs=ids, questions=12, answered=6, tickets=3)  # 7 answers, one of them rated 👎

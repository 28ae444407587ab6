"""Figures for /stats, counted in Korean calendar days."""
from __future__ import annotations


from datetime import datetime, timedelta, timezone

import pytest

from intents.decision import Decision
from store import EnquiryStore
from review.clusters import GROUP_LIMIT, group_questions, group_similar
from fakeclock import Clock
from store_fixtures import store  # noqa: F401 - on this module's clock

# 2025-03-10 09:00 KST (a Monday), i.e. 00:00 UTC.
NOW = datetime(2025, 3, 10, 0, 0, tzinfo=timezone.utc)


@pytest.fixture
def clock():
    return Clock(NOW)


def ask(store, clock, at, text, kind, source="message", user=1):
    clock.at = at
    eid = store.enquiries.record(user_id=user, chat_id=user, lang="ko", text=text, source=source)
    if kind:
        store.enquiries.record_decision(eid, Decision(kind), 1.0)
    return eid


def ticket(store, clock, at, answered_after=None):
    clock.at = at
    n = store.tickets.create(1, 1, "이름", "010-1234-5678", "질문", "v1", at, False)["number"]
    if answered_after is not None:
        clock.at = at + answered_after
        store.tickets.answer(n, 9, "답")
    return n


def test_empty_database(store):
    s = store.stats.summary(NOW)
    assert s["open_now"] == 0
    for period in (s["today"], s["week"]):
        assert period["enquiries"] == 0 and period["answered"] == 0 and period["answered_share"] is None
        assert period["tickets"] == 0 and period["median_first_answer_s"] is None and period["top_unmatched"] == []


def test_today_and_week_in_korean_days(store, clock):
    today_kst_morning = datetime(2025, 3, 9, 15, 30, tzinfo=timezone.utc)  # 00:30 KST on the 10th
    yesterday_late = datetime(2025, 3, 9, 14, 30, tzinfo=timezone.utc)     # 23:30 KST on the 9th
    eight_days_ago = NOW - timedelta(days=8)
    ask(store, clock, today_kst_morning, "청창사 언제 모집해요", "answer")
    ask(store, clock, today_kst_morning, "드론 교육 있나요", "fallback")
    ask(store, clock, today_kst_morning, "드론 교육 받을 수 있나요", "suggest")
    ask(store, clock, today_kst_morning, "cb:menu", "answer", source="button")      # not a question
    ask(store, clock, yesterday_late, "드론교육 있어요?", "fallback")
    ask(store, clock, yesterday_late, "주차장 어디예요", "fallback")
    ask(store, clock, yesterday_late, "수출 바우처", "answer")
    ask(store, clock, eight_days_ago, "오래된 질문", "fallback")

    ticket(store, clock, today_kst_morning, answered_after=timedelta(minutes=30))
    ticket(store, clock, yesterday_late, answered_after=timedelta(minutes=90))
    ticket(store, clock, yesterday_late)
    ticket(store, clock, yesterday_late, answered_after=timedelta(minutes=10))
    ticket(store, clock, eight_days_ago)

    s = store.stats.summary(NOW)
    today, week = s["today"], s["week"]
    assert (today["enquiries"], today["answered"], today["tickets"], today["open"]) == (3, 1, 1, 0)
    assert today["answered_share"] == pytest.approx(1 / 3)
    assert today["median_first_answer_s"] == 30 * 60
    assert (week["enquiries"], week["answered"], week["tickets"], week["open"]) == (6, 2, 4, 1)
    assert week["median_first_answer_s"] == 30 * 60   # median of 30, 90, 10 minutes
    assert week["top_unmatched"][0] == {"text": "드론 교육 있나요", "count": 3,
                                        "examples": ["드론 교육 있나요", "드론 교육 받을 수 있나요", "드론교육 있어요?"]}
    assert [g["text"] for g in week["top_unmatched"]] == ["드론 교육 있나요", "주차장 어디예요"]
    assert s["open_now"] == 2
    assert today["since"] == "2025-03-09T15:00:00.000+00:00"   # midnight KST


def test_grouping_similar_questions():
    groups = group_similar([
        "청창사 언제 모집해요", "청창사는 언제 모집하나요", "청창사 언제 모집해요?",
        "where is the hydrogen station", "hydrogen station where", "Where is the HYDROGEN station??",
        "지원", "지원금", "오늘 점심 뭐 먹지", "  ", "?!",
    ])
    assert [(g.text, g.count) for g in groups[:2]] == [("청창사 언제 모집해요", 3),
                                                       ("where is the hydrogen station", 3)]
    assert groups[0].examples == ("청창사 언제 모집해요", "청창사 언제 모집해요?", "청창사는 언제 모집하나요")
    # Short texts only group with identical ones; blank and punctuation-only texts are dropped.
    assert {g.text for g in groups[2:]} == {"지원", "지원금", "오늘 점심 뭐 먹지"}


def test_only_questions_the_bot_decided_on_count(store, clock):
    ask(store, clock, NOW - timedelta(minutes=5), "창업 지원금", "answer")
    ask(store, clock, NOW - timedelta(minutes=4), "[name]", None)  # typed into the follow-up flow
    ask(store, clock, NOW - timedelta(minutes=3), "감사합니다, 하나 더 여쭤볼게요", None)  # written back to staff
    today = store.stats.summary(NOW)["today"]
    assert (today["enquiries"], today["answered"], today["answered_share"]) == (1, 1, 1.0)


def test_a_ticket_made_this_very_moment_is_counted(store, clock):
    clock.at = NOW
    store.tickets.create(user_id=1, chat_id=1, name=None, contact=None, question="질문", consent_version=None,
                        consent_at=None, anonymous=True)
    assert store.stats.summary(NOW)["today"]["tickets"] == 1


def many_questions(distinct: int) -> list[str]:
    """`distinct` different questions, each a few wordings of one topic, some asked more than once."""
    topics = ["드론 교육", "청년창업사관학교", "수소충전소", "스마트공장", "수출 바우처", "무역사절단"]
    asks = ["언제 모집해요", "신청 방법 알려주세요", "자격 요건이 뭔가요", "서류 뭐 필요해요", "지원금 얼마예요"]
    return [f"{topics[i % 6]} {asks[i // 6 % 5]} {i}" for i in range(distinct)] + ["드론 교육 언제 모집해요 0"] * 5


def test_grouping_thousands_of_questions_compares_only_the_most_frequent():
    """Comparing every wording with every other is quadratic: 3,000 took 2.8 s on the event loop (/stats).
    Only the GROUP_LIMIT most frequent wordings are compared; the rarer rest is counted as other (the time
    itself is measured by the benchmarks, not asserted here)."""
    texts = many_questions(3000)
    grouping = group_questions(texts)
    assert grouping.other_wordings == 3000 - GROUP_LIMIT and grouping.other == 3000 - GROUP_LIMIT
    assert sum(g.count for g in grouping.groups) + grouping.other == len(texts)  # every message counted once
    assert grouping.groups[0].examples[0] == "드론 교육 언제 모집해요 0" and grouping.groups[0].count >= 6


def test_the_limit_keeps_the_most_frequent_wordings():
    texts = ["주차장 있나요"] * 3 + ["주차장 있나요?", "주차 가능한가요"] * 2 + ["오늘 점심 뭐 먹지", "드론 교육 있나요"]
    grouping = group_questions(texts, limit=2)  # "주차장 있나요?" is the same wording as "주차장 있나요"
    assert [(g.text, g.count) for g in grouping.groups] == [("주차장 있나요", 5), ("주차 가능한가요", 2)]
    assert (grouping.other, grouping.other_wordings) == (2, 2)
    assert group_similar(texts, limit=None)[2:] != [] and group_questions(texts, limit=None).other == 0


def test_stats_count_the_ungrouped_rest(store, clock, monkeypatch):
    from store import stats as stats_module

    monkeypatch.setattr(stats_module, "GROUP_LIMIT", 1)
    for minutes, text in enumerate(["드론 교육 있나요", "드론 교육 있나요", "주차장 어디예요"]):
        ask(store, clock, NOW - timedelta(minutes=10 - minutes), text, "fallback")
    today = store.stats.summary(NOW)["today"]
    assert today["top_unmatched"] == [{"text": "드론 교육 있나요", "count": 2, "examples": ["드론 교육 있나요"]}]
    assert today["unmatched_other"] == 1

"""Application windows: read from real YAML, their state and D-day at a given time, and `check`'s warnings."""
from __future__ import annotations

import io

import pytest

from conftest import knowledge_files
from handlers.window_status import program_status
from knowledge.check import run_check
from knowledge.loader import load
from knowledge.windows import parse_moment, status
from finder_fixtures import DATA, finder_kb, kst  # noqa: F401 - the finder's test knowledge


@pytest.fixture
def kb(finder_kb):
    """The finder's test knowledge (tests/data/finder), loaded once for the session."""
    return finder_kb


def test_windows_are_read_as_korean_days(kb):
    (window,) = kb.program("incubator").windows
    assert window.opens == kst(2026, 3, 2) and window.closes == kst(2026, 3, 20, 23, 59, 59)
    assert window.round.get("ko") == "2026년 1차" and window.source == "https://example.org/notice/1"
    assert kb.program("defense-tech").windows[0].closes == kst(2026, 2, 28, 18, 0)
    assert kb.program("youth-jobs").windows[0].opens is None
    assert parse_moment("2026.3.2") == kst(2026, 3, 2) and parse_moment("2026-02-30") is None


@pytest.mark.parametrize("now, expected", [
    (kst(2026, 2, 27, 9), None),  # not yet: see the next case for the upcoming text
    (kst(2026, 3, 1, 23, 59), "접수 예정 · 2026년 3월 2일부터 · 2026년 1차"),
    (kst(2026, 3, 2, 0, 0), "접수 중 · 마감 D-18 (2026년 3월 20일) · 2026년 1차"),
    (kst(2026, 3, 17, 10), "접수 중 · 마감 D-3 (2026년 3월 20일) · 2026년 1차"),
    (kst(2026, 3, 20, 23, 0), "접수 중 · 오늘 마감 (2026년 3월 20일) · 2026년 1차"),
    (kst(2026, 3, 21, 0, 0), "접수 마감 (지난 접수: 2026년 3월 2일 ~ 2026년 3월 20일) · 2026년 1차"),
    (kst(2026, 12, 31, 23, 0), "접수 마감 (지난 접수: 2026년 3월 2일 ~ 2026년 3월 20일) · 2026년 1차"),
    # a call of an earlier year: the last one known, this year's to be seen in the notices (not "closed")
    (kst(2027, 1, 1, 0, 0),
     "최근 확인된 접수: 2026년 3월 2일 ~ 2026년 3월 20일 · 2026년 1차 · 올해 일정은 최신 공고에서 확인해 주세요"),
])
def test_a_card_says_open_with_d_day_upcoming_or_closed(kb, texts, now, expected):
    line = program_status(kb.program("incubator"), now, texts, "ko")
    if expected is None:
        assert line.startswith("접수 예정")
    else:
        assert line == expected


def test_nothing_is_said_without_a_window_and_english_reads_naturally(kb, texts):
    assert program_status(kb.program("strong-firm"), kst(2026, 3, 5), texts, "ko") is None
    assert program_status(kb.program("incubator"), kst(2026, 3, 17, 10), texts, "en") == \
        "Open · closes in 3 days (20 Mar 2026) · 2026 round 1"
    assert program_status(kb.program("defense-tech"), kst(2026, 2, 28, 17), texts, "ko") == \
        "접수 중 · 오늘 마감 (2026년 2월 28일 18:00)"
    assert program_status(kb.program("defense-tech"), kst(2026, 2, 28, 18, 1), texts, "ko").startswith("접수 마감")
    assert program_status(kb.program("incubator"), kst(2028, 5, 1), texts, "en") == \
        "Last known call: 2 Mar 2026 to 20 Mar 2026 · 2026 round 1 · for this year's, see the current notices"


def test_the_window_that_matters_is_the_open_one_else_the_next_else_the_last(kb):
    windows = kb.program("incubator").windows + kb.program("founder-allowance").windows
    assert status(windows, kst(2026, 2, 1))[1].opens == kst(2026, 1, 19)
    assert status(windows, kst(2026, 2, 20))[0] == "upcoming"
    assert status(windows, kst(2026, 4, 1)) == ("closed", kb.program("incubator").windows[0])
    assert status((), kst(2026, 4, 1)) is None


def test_check_warns_about_programs_whose_windows_are_all_past(texts):
    out = io.StringIO()
    assert run_check(DATA / "knowledge", DATA / "intents", out, now=kst(2026, 3, 5)) == 0
    report = out.getvalue()
    assert "startup.yaml:34: warning: every window of 'founder-allowance' is past (the last closed on 2026-02-09)" in report
    assert "'youth-jobs' is past" in report
    assert "'incubator'" not in report  # its window is yet to close
    assert "0 errors, 3 warnings" in report


BAD = """\
programs:
  - id: bad-windows
    name: {ko: 일정, en: Dates}
    summary: {ko: 요약, en: Summary}
    windows:
      - opens: 2026-03-20
        closes: 2026-03-02
      - opens: next month
      - round: {ko: 1차, en: round 1}
      - opens: 2026-05-01
        source: 홈페이지
        deadline: 2026-05-10
"""


def test_bad_windows_are_explained_on_their_lines(tmp_path):
    kb, problems = load(*knowledge_files(tmp_path, BAD, name="bad.yaml"))
    found = {(p.line, p.message) for p in problems if p.severity == "error"}
    assert (6, "a window of program 'bad-windows' closes before it opens") in found
    assert (8, "opens of a window of program 'bad-windows' is not a date") in found
    assert (9, "a window of program 'bad-windows' has neither opens nor closes") in found
    assert (11, "source of a window of program 'bad-windows' is not a web address") in found
    assert any(line == 12 and "unknown key 'deadline'" in m for line, m in found)
    assert kb.program("bad-windows").windows[0].opens == kst(2026, 5, 1)  # the good part is kept


def test_a_next_round_is_worth_waiting_for_only_where_the_data_says_people_apply(kb):
    """expects_rounds decides the 🔔: windows (not a rolling intake open now), criteria or an apply aspect."""
    from dataclasses import replace

    from knowledge.model import Text
    from knowledge.windows import Window, expects_rounds

    now = kst(2026, 3, 5, 10)
    plain = kb.program("founders-night")
    assert not expects_rounds(plain, now)  # an event nobody applies to
    assert expects_rounds(kb.program("plain-program"), now)  # no window or criteria, but an apply aspect
    assert expects_rounds(kb.program("founder-allowance"), now)  # its window closed: the next round is news
    assert expects_rounds(kb.program("incubator"), now)  # open now, closing on 20 March
    assert expects_rounds(kb.program("strong-firm"), now)  # no window yet, but criteria: people apply
    assert expects_rounds(replace(plain, aspects={"apply": Text.of("공고가 나면 신청합니다.")}), now)
    rolling = replace(plain, windows=(Window(opens=kst(2026, 1, 5), closes=None, line=1),))
    assert not expects_rounds(rolling, now)  # always open: nothing to wait for
    assert expects_rounds(rolling, kst(2026, 1, 1))  # before the intake starts, its opening is news

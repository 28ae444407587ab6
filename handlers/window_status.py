"""A program's application window in words: `접수 중 · 마감 D-3`, `접수 예정 · 3월 2일부터`, `접수 마감`, and for
a call of an earlier year `최근 확인된 접수: 2016년 7월 11일 ~ 2016년 8월 5일 · 올해 일정은 최신 공고에서 확인해 주세요`.

Pure functions over knowledge/windows.py; `now` comes from the store's clock, so tests (and BOT_TEST_NOW)
control it. Nothing is said for a program without windows: the bot does not guess timing.
"""
from __future__ import annotations

import calendar
from datetime import datetime

from handlers.texts import Html, Texts
from knowledge.model import Program
from knowledge.windows import KST, Window, status

SOON_DAYS = 7  # "closing soon" in /deadlines: within a week


def day(moment: datetime | None, lang: str) -> str:
    """A Korean calendar day as each language writes dates ("2026년 3월 2일", "2 Mar 2026"), with the
    time when one was given."""
    if moment is None:
        return ""
    local = moment.astimezone(KST)
    if lang == "ko":
        text = f"{local.year}년 {local.month}월 {local.day}일"
    else:
        text = f"{local.day} {calendar.month_abbr[local.month]} {local.year}"
    if (local.hour, local.minute) not in ((0, 0), (23, 59)):
        text += local.strftime(" %H:%M")
    return text


def period(window: Window, texts: Texts, lang: str) -> str:
    """"2026년 1월 19일 ~ 2026년 2월 9일", either end left blank where unknown."""
    return texts.get("windows.period", lang, opens=day(window.opens, lang), closes=day(window.closes, lang)).strip()


def window_line(window: Window, now: datetime, texts: Texts, lang: str) -> str:
    """One window's state: open (with D-day), upcoming (from when) or closed (when it ran)."""
    state = window.state(now)
    if state == "upcoming":
        return texts.get("windows.upcoming", lang, date=day(window.opens, lang))
    if state == "closed":
        if long_closed(window, now):
            return last_known(window, texts, lang, with_round=False)
        return texts.get("windows.closed", lang, period=period(window, texts, lang))
    left = window.days_left(now)
    if left is None:
        return texts.get("windows.open_rolling", lang)
    if left == 0:
        return texts.get("windows.open_today", lang, date=day(window.closes, lang))
    return texts.get("windows.open", lang, days=left, date=day(window.closes, lang))


def long_closed(window: Window, now: datetime) -> bool:
    """Whether a window closed in an earlier calendar year (Korean time) than `now`: what the knowledge knows
    of the program's calls ends then, and this year's call, if any, is not in it."""
    closes = window.closes or window.opens
    return closes is not None and closes.astimezone(KST).year < now.astimezone(KST).year


def last_known(window: Window, texts: Texts, lang: str, *, with_round: bool) -> str:
    """A call of an earlier year, said as the last one known (its round with it) and this year's as not
    known, rather than "closed", which reads as a program closed for good."""
    round_ = texts.get("windows.round", lang, round=window.round.get(lang)) if with_round and window.round else ""
    return texts.get("windows.last_known", lang, period=period(window, texts, lang), round=Html(round_))


def program_status(program: Program, now: datetime, texts: Texts, lang: str) -> str | None:
    """The line a card shows under the program's name, or None when no window is known."""
    current = status(program.windows, now)
    if current is None:
        return None
    state, window = current
    if state == "closed" and long_closed(window, now):
        return last_known(window, texts, lang, with_round=True)
    line = window_line(window, now, texts, lang)
    if window.round:
        line += texts.get("windows.round", lang, round=window.round.get(lang))
    return line

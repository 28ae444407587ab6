"""Alerts: 🔔 subscribes, the check tells each subscriber once when a window opens (or staff post a new
one), /alerts lists and stops, /forget removes them. Real Application, real SQLite, a clock set by hand."""
from __future__ import annotations

import dataclasses

from conftest import button_data, buttons
from finder_fixtures import clock, finder_bot, finder_kb, finder_settings, kst, open_bot  # noqa: F401
from handlers import alerts
from handlers.outbox import deliver_due
from handlers.services import services_of
from intents.matcher import Matcher
from knowledge.windows import Window
from store import EnquiryStore

USER, OTHER = 1001, 2002


def alerts_to(bot, chat_id: int = USER) -> list[dict]:
    return [m for m in bot.api.sent_to(chat_id) if m["plain"] and m["plain"].startswith("🔔")]


async def test_a_subscription_fires_once_when_its_window_opens(open_bot, clock):
    clock.at = kst(2026, 2, 20, 10)  # before the incubator's window (2 March)
    async with open_bot() as bot:
        card = (await bot.press("p:incubator"))[-1]
        assert "접수 예정 · 2026년 3월 2일부터" in card["plain"]
        assert ("🔔 접수 알림 받기", "al:p:incubator") in buttons(card)
        await bot.press("al:p:incubator")
        assert bot.api.answers[-1]["text"].startswith("알림을 신청했습니다. 테스트 창업보육센터의 접수가 시작되면")
        await bot.press("al:p:incubator")
        assert bot.api.answers[-1]["text"].startswith("이미 알림을 신청하셨습니다")
        assert await alerts.check_alerts(bot.app) == 0  # not open yet

        clock.at = kst(2026, 3, 2, 9, 30)  # the day it opens, in the morning
        assert await alerts.check_alerts(bot.app) == 1
        assert await alerts.check_alerts(bot.app) == 0  # the same window is not announced again
        await deliver_due(bot.app)
        (message,) = alerts_to(bot)
        assert message["plain"].startswith("🔔 테스트 창업보육센터 접수가 시작되었습니다 (2026년 1차).")
        assert "접수 중 · 마감 D-18 (2026년 3월 20일)" in message["plain"]
        assert buttons(message) == [("ℹ️ 테스트 창업보육센터", "p:incubator"), ("📄 공고 보기", "https://example.org/notice/1")]

    clock.at = kst(2026, 3, 3, 10)
    async with open_bot() as bot:  # a restart: the store remembers what was announced
        assert await alerts.check_alerts(bot.app) == 0
        assert len(bot.store.alerts.alerts_sent(USER)) == 1


async def test_a_window_open_when_subscribing_is_not_news_but_a_new_notice_is(open_bot, clock, finder_kb):
    clock.at = kst(2026, 3, 5, 10)  # the incubator is open: its card says so
    async with open_bot() as bot:
        await bot.press("p:incubator")
        await bot.press("al:p:incubator")
        assert await alerts.check_alerts(bot.app) == 0

        # staff add a second round to the knowledge files (live at the next start): that is news
        incubator = finder_kb.program("incubator")
        posted = Window(opens=kst(2026, 3, 4), closes=kst(2026, 3, 31, 23, 59, 59), line=99,
                        round=dataclasses.replace(incubator.windows[0].round, values=(("ko", "추가 모집"),)))
        kb = dataclasses.replace(finder_kb, programs=tuple(
            dataclasses.replace(p, windows=p.windows + (posted,)) if p.id == "incubator" else p
            for p in finder_kb.programs))
        clock.advance(minutes=10)
        services_of(bot.app).swap_knowledge(kb, Matcher(kb))  # what a reload of the files does
        assert await alerts.check_alerts(bot.app) == 1
        await deliver_due(bot.app)
        assert "(추가 모집)" in alerts_to(bot)[0]["plain"]


async def test_an_area_subscription_and_one_message_per_person_per_window(finder_bot, clock):
    clock.at = kst(2026, 1, 10, 10)
    listing = (await finder_bot.press("b:a.business"))[-1]
    assert ("🔔 이 분야 공고 알림 받기", "al:a:business") in buttons(listing)
    await finder_bot.press("al:a:business")
    await finder_bot.press("al:p:defense-tech")  # the same program through two subscriptions
    await finder_bot.press("al:a:business", user_id=OTHER)

    clock.at = kst(2026, 2, 1, 3, 0)  # the defence window opens at midnight: nobody is woken up
    assert await alerts.check_alerts(finder_bot.app) == 0
    clock.at = kst(2026, 2, 1, 9, 0)
    assert await alerts.check_alerts(finder_bot.app) == 2  # one for each person
    await deliver_due(finder_bot.app)
    assert len(alerts_to(finder_bot, USER)) == 1 and len(alerts_to(finder_bot, OTHER)) == 1


async def test_alerts_lists_and_stops(finder_bot):
    none = (await finder_bot.command("/alerts"))[0]
    assert none["plain"].startswith("신청하신 알림이 없습니다")
    await finder_bot.press("al:p:incubator")
    await finder_bot.press("al:a:business")
    listing = (await finder_bot.command("/alerts"))[0]
    assert "• 테스트 창업보육센터" in listing["plain"] and "• 기업지원 분야 전체" in listing["plain"]
    first = finder_bot.store.alerts.subscriptions(USER)[0]["id"]
    assert button_data(listing)[0] == f"al:x:{first}"
    shown = (await finder_bot.press(f"al:x:{first}"))[-1]
    assert finder_bot.api.answers[-1]["text"] == "테스트 창업보육센터 알림을 껐습니다."
    assert "테스트 창업보육센터" not in shown["plain"] and "기업지원" in shown["plain"]
    # someone else's subscription cannot be stopped with a forged button
    second = finder_bot.store.alerts.subscriptions(USER)[0]["id"]
    await finder_bot.press(f"al:x:{second}", user_id=OTHER)
    assert finder_bot.api.answers[-1]["text"] == "이미 꺼진 알림입니다."
    assert len(finder_bot.store.alerts.subscriptions(USER)) == 1


async def test_alerts_are_set_up_in_private_only_and_forget_removes_them(finder_bot):
    await finder_bot.send(finder_bot.updates.callback("al:p:incubator", chat_id=-100123))
    assert finder_bot.api.answers[-1]["text"] == "알림은 개인 대화방에서 신청하실 수 있습니다."
    assert finder_bot.store.alerts.subscriptions() == []
    await finder_bot.press("al:p:incubator")
    await finder_bot.command("/forget")
    await finder_bot.press("pv:forget:yes")
    assert finder_bot.store.alerts.subscriptions() == []


def test_record_alert_is_idempotent_across_connections(tmp_path, clock):
    with EnquiryStore(tmp_path / "bot.db", clock=clock) as store:
        store.alerts.subscribe(USER, USER, "program", "incubator", "ko")
        subscription = store.alerts.subscriptions(USER)[0]
        assert store.alerts.record_alert(subscription, "incubator/20260302", "🔔 열림") is not None
        assert store.alerts.record_alert(subscription, "incubator/20260302", "🔔 열림") is None
    with EnquiryStore(tmp_path / "bot.db", clock=clock) as store:
        assert store.alerts.record_alert(subscription, "incubator/20260302", "🔔 열림") is None
        assert len(store.outbox.rows()) == 1 and store.outbox.rows()[0]["purpose"] == "alert"
        assert store.alerts.forget(USER) == 1 and store.alerts.alerts_sent() == []


async def test_no_bell_where_nobody_waits_for_a_round(finder_bot):
    """A program without windows, criteria or a way to apply (an event, infrastructure) gets no 🔔; an old
    card's button is refused politely and subscribes nobody."""
    card = (await finder_bot.press("p:founders-night"))[-1]
    assert "테스트 창업인의 밤" in card["plain"]
    assert not [data for data in button_data(card) if data.startswith("al:")]
    with_bell = (await finder_bot.press("p:plain-program"))[-1]  # no window or criteria, but one applies to it
    assert "al:p:plain-program" in button_data(with_bell)

    await finder_bot.press("al:p:founders-night")
    assert finder_bot.api.answers[-1]["text"].startswith("테스트 창업인의 밤: 회차를 정해 신청을 받는 사업이 아니어서")
    assert finder_bot.store.alerts.subscriptions() == []

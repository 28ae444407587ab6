"""Alerts: 🔔 on a program's card (or an area's list) subscribes; /alerts lists and stops them; a
JobQueue job tells each subscriber once when a window opens.

When is a window news to a subscriber? When it is open now and it either opened after they subscribed
(a round they were waiting for) or appeared in the knowledge files after they subscribed (staff posted a
new 공고 entry: a window added to the program's `windows:` in knowledge/*.yaml, live at the next start).
A window already open when they subscribed is not: its card showed it. The store records each alert
under a key unique per subscription and window, together with its outbox row, so a window is announced
to a subscription once, across restarts; the outbox sender delivers at Telegram's pace.

Alerts are written between ALERT_HOURS only (Korean time): a window that opens at midnight is announced
in the morning, not in the night.
"""
from __future__ import annotations

import logging
from datetime import datetime
from typing import Any, Iterator

from telegram import InlineKeyboardButton, Update
from telegram.constants import ChatType
from telegram.ext import Application, CallbackContext, CallbackQueryHandler

from handlers import outbox
from handlers.cards import button, keyboard
from handlers import callback_data as cb
from handlers.commands import command
from handlers.context import BotContext, user_lang
from handlers.errors import answer_stale
from handlers.replies import answer_query, send, show
from handlers.services import services_of
from handlers.texts import Texts
from handlers.window_status import window_line
from knowledge.model import KnowledgeBase, Program
from knowledge.windows import KST, Window, expects_rounds
from store.database import parse_iso

_log = logging.getLogger(__name__)

PREFIX = "al"
JOB_NAME = "alerts"
KICK_NAME = "alerts-kick"
ALERT_INTERVAL_S = 600.0      # windows open on calendar days: every ten minutes is prompt enough
ALERT_HOURS = range(9, 21)    # 09:00-20:59 KST


def window_id(program: Program, window: Window) -> str:
    return f"{program.id}/{window.key}"


def targets(kb: KnowledgeBase, kind: str, target: str) -> tuple[Program, ...]:
    if kind == "program":
        program = kb.program(target)
        return (program,) if program else ()
    return kb.programs_in(target)


def target_name(kb: KnowledgeBase, kind: str, target: str, lang: str) -> str | None:
    if kind == "program":
        program = kb.program(target)
        return program.name.get(lang) if program else None
    area = next((a for a in kb.areas if a.id == target), None)
    return area.name.get(lang) if area else None


def due(kb: KnowledgeBase, subscriptions: list[dict[str, Any]], first_seen: dict[str, datetime],
        now: datetime) -> Iterator[tuple[dict[str, Any], Program, Window]]:
    """(subscription, program, window) for each window that is news to a subscription now."""
    for subscription in subscriptions:
        subscribed = parse_iso(subscription["created_at"])
        for program in targets(kb, subscription["kind"], subscription["target"]):
            for window in program.windows:
                if window.state(now) != "open":
                    continue
                seen = first_seen.get(window_id(program, window), now)
                news_since = max(window.opens, seen) if window.opens is not None else seen
                if subscribed is not None and news_since > subscribed:
                    yield subscription, program, window


def alert_message(program: Program, window: Window, now: datetime, texts: Texts, lang: str) -> tuple[str, Any]:
    round_ = texts.get("alerts.round", lang, round=window.round.get(lang)) if window.round else ""
    text = texts.get("alerts.message", lang, name=program.name.get(lang), round=round_,
                     status=window_line(window, now, texts, lang))
    rows = [[button(texts.get("alerts.card_button", lang, name=program.name.get(lang)), cb.program(program.id))]]
    if window.source:
        rows.append([InlineKeyboardButton(texts.get("alerts.notice_button", lang), url=window.source)])
    return text, keyboard(rows)


async def check_alerts(app: Application) -> int:
    """Record (and queue) every alert that is due; returns how many messages were queued."""
    services = services_of(app)
    store, kb, texts = services.store, services.knowledge.kb, services.texts
    now = store.clock()
    if now.astimezone(KST).hour not in ALERT_HOURS:
        return 0
    first_seen = store.alerts.windows_first_seen(window_id(p, w) for p in kb.programs for w in p.windows)
    queued = 0
    for subscription, program, window in due(kb, store.alerts.subscriptions(), first_seen, now):
        if store.outbox.is_blocked(subscription["chat_id"]):
            continue
        text, markup = alert_message(program, window, now, texts, subscription["lang"] or "ko")
        if store.alerts.record_alert(subscription, window_id(program, window), text, reply_markup=markup) is not None:
            queued += 1
    if queued:
        _log.info("alerts: %d queued", queued)  # counts only: who subscribed to what is personal
        outbox.kick(app)
    return queued


async def run_check(context: CallbackContext) -> None:
    """The job's callback."""
    await check_alerts(context.application)


def kick(app: Application) -> bool:
    """Look for news now rather than at the next interval: after a reload of the knowledge files (a 공고
    staff just added). Nothing where the job is not running (the console chat); True if scheduled."""
    if app.job_queue is None or not app.job_queue.get_jobs_by_name(JOB_NAME):
        return False
    app.job_queue.run_once(run_check, 0, name=KICK_NAME)
    return True


# -- subscribing and stopping ----------------------------------------------------------------------

async def subscribe(update: Update, context: BotContext) -> None:
    """🔔 on a card or an area's list: subscribe (in a private chat, where alerts can be delivered)."""
    query = update.callback_query
    parts = (query.data or "").split(":", 2)
    kind = {"p": "program", "a": "area"}.get(parts[1]) if len(parts) == 3 else None
    lang = user_lang(update, context)
    name = target_name(context.kb, kind, parts[2], lang) if kind else None
    if name is None:
        await answer_stale(update, context)
        return
    if update.effective_chat.type != ChatType.PRIVATE:
        await answer_query(query, context.texts.get("alerts.private_only", lang), show_alert=True)
        return
    now = context.store.clock()
    if not any(expects_rounds(p, now) for p in targets(context.kb, kind, parts[2])):
        # An old card's 🔔 on a program that takes no applications by round (any more): nothing to wait for.
        await answer_query(query, context.texts.get("alerts.no_rounds", lang, name=name), show_alert=True)
        return
    # Windows already on the card were seen by the person: note them before the subscription's time.
    context.store.alerts.windows_first_seen(window_id(p, w) for p in targets(context.kb, kind, parts[2]) for w in p.windows)
    created = context.store.alerts.subscribe(update.effective_user.id, update.effective_chat.id, kind, parts[2], lang)
    key = "alerts.subscribed" if created else "alerts.already"
    # An alert (pop-up) rather than a message: the card stays as it was, and the toast is easy to miss.
    await answer_query(query, context.texts.get(key, lang, name=name), show_alert=True)


def alerts_card(context: BotContext, user_id: int, lang: str) -> tuple[str, Any]:
    texts, kb = context.texts, context.kb
    subscriptions = context.store.alerts.subscriptions(user_id)
    if not subscriptions:
        return texts.get("alerts.none", lang), None
    lines = [texts.get("alerts.list_title", lang)]
    rows = []
    for s in subscriptions:
        name = target_name(kb, s["kind"], s["target"], lang) or s["target"]  # a target since removed: its id
        lines.append(texts.get(f"alerts.list_{s['kind']}", lang, name=name))
        rows.append([button(texts.get("alerts.stop_button", lang, name=name), f"{PREFIX}:x:{s['id']}")])
    lines.append("\n" + texts.get("alerts.list_hint", lang))
    return "\n".join(lines), keyboard(rows)


async def list_alerts(update: Update, context: BotContext) -> None:
    """/alerts: the person's subscriptions, each with a button to stop it."""
    await send(update, context, *alerts_card(context, update.effective_user.id, user_lang(update, context)))


async def stop(update: Update, context: BotContext) -> None:
    """🔕 under /alerts: stop one subscription and show the list again in place."""
    query = update.callback_query
    tail = (query.data or "").split(":")[-1]
    lang = user_lang(update, context)
    stopped = context.store.alerts.unsubscribe(update.effective_user.id, int(tail)) if tail.isdigit() else None
    if stopped is None:
        await answer_query(query, context.texts.get("alerts.gone", lang))
    else:
        name = target_name(context.kb, stopped["kind"], stopped["target"], lang) or stopped["target"]
        await answer_query(query, context.texts.get("alerts.stopped", lang, name=name))
    await show(update, context, *alerts_card(context, update.effective_user.id, lang))


def my_data_lines(context: BotContext, user_id: int, lang: str) -> list[str]:
    """/mydata's line for the person's alert subscriptions."""
    subscriptions = context.store.alerts.subscriptions(user_id)
    if not subscriptions:
        return []
    names = [target_name(context.kb, s["kind"], s["target"], lang) or s["target"] for s in subscriptions]
    return [context.texts.get("alerts.mydata", lang, names=", ".join(names))]


def register(app: Application, *, job: bool = True) -> None:
    app.add_handler(command("alerts", list_alerts))
    app.add_handler(CallbackQueryHandler(subscribe, pattern=f"^{PREFIX}:[pa]:"))
    app.add_handler(CallbackQueryHandler(stop, pattern=f"^{PREFIX}:x:"))
    if job and app.job_queue is not None:
        # At start-up (a window that opened while the bot was down) and then every ALERT_INTERVAL_S.
        app.job_queue.run_repeating(run_check, interval=ALERT_INTERVAL_S, first=1, name=JOB_NAME)

"""/report in the staff chat and the weekly report job: the report's chart with its summary as caption.

Both write one outbox row (the PNG and the caption) for the chat and let the outbox sender deliver it, so
a report survives a restart or a Telegram outage like every other message to staff. The row keeps the
period: after /forget, the reports that may quote the person's questions are drawn again in place. The figures are read
on the event loop (short SQL on the bot's own connection); the chart is drawn in a worker thread (about
half a second of matplotlib), so answering people goes on meanwhile.

The staff gate (handlers/staff.py, where "report" is among the staff commands) refuses /report to anyone
not in STAFF_USER_IDS and outside the staff chat and private chats.
"""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime, time, timedelta

from telegram import Update
from telegram.ext import Application, ApplicationHandlerStop, CallbackContext

from handlers import outbox
from handlers.commands import command
from handlers.context import BotContext, user_lang
from handlers.replies import send
from handlers.services import services_of
from handlers.staff import STAFF_GROUP
from handlers.staff_gate import staff_command_filter
from reports.caption import caption
from reports.charts import render_png
from reports.figures import collect, period
from store.database import KST, iso, parse_iso
from store.outbox import REPORT, REPORT_EDIT

_log = logging.getLogger(__name__)

JOB_NAME = "weekly-report"
WEEKLY_DAY = 1                          # python-telegram-bot counts 0 = Sunday: Monday morning
WEEKLY_AT = time(9, 0, tzinfo=KST)      # ... at 09:00, for the seven days that ended on Sunday
MAX_DAYS = 92


async def enqueue_report(app: Application, chat_id: int, since: datetime, until: datetime, *,
                         edit_message_id: int | None = None) -> int:
    """Collect, draw and write the report for [since, until) to the outbox for `chat_id`; returns the row id.

    With `edit_message_id` it replaces that report message's chart and caption (redraw_reports).
    """
    services = services_of(app)
    figures = collect(services.store.db, since, until, kb=services.knowledge.kb)
    png = await asyncio.to_thread(render_png, figures)
    row = services.store.outbox.enqueue(chat_id, caption(figures), photo=png, period=f"{iso(since)}/{iso(until)}",
                                        purpose=REPORT if edit_message_id is None else REPORT_EDIT,
                                        edit_message_id=edit_message_id)
    outbox.kick(app)
    return row


async def redraw_reports(app: Application, since: datetime) -> int:
    """Draw every report posted since `since` again for its own period, in place (after /forget: the chart
    and the caption quote unanswered questions in people's words, and the person's are deleted now).
    Returns how many."""
    store = services_of(app).store
    redrawn = 0
    for row in store.outbox.posted_since(REPORT, since):
        if not row["period"] or row["sent_message_id"] is None:
            continue  # written before reports kept their period
        start, _, end = row["period"].partition("/")
        await enqueue_report(app, row["chat_id"], parse_iso(start), parse_iso(end),  # type: ignore[arg-type]
                             edit_message_id=row["sent_message_id"])
        redrawn += 1
    return redrawn


async def report_command(update: Update, context: BotContext) -> None:
    """/report [days]: the last seven days (today included), or as many as asked for."""
    lang = user_lang(update, context)
    args = context.args or []
    days = int(args[0]) if len(args) == 1 and args[0].isdigit() else (7 if not args else 0)
    if not 1 <= days <= MAX_DAYS:
        await send(update, context, context.texts.get("staff.report_days", lang, max=MAX_DAYS))
        raise ApplicationHandlerStop
    since, until = period(context.store.clock(), days)
    try:
        await enqueue_report(context.application, update.effective_chat.id, since, until)
    except Exception:  # noqa: BLE001 - a font or drawing problem: say so, and keep it in the log
        _log.exception("/report failed")
        await send(update, context, context.texts.get("staff.report_failed", lang))
    raise ApplicationHandlerStop


async def weekly_report(context: CallbackContext) -> None:
    """The job: last Monday to yesterday (Sunday), to the staff chat."""
    services = services_of(context.application)
    chat_id = services.settings.staff_chat_id
    if chat_id is None:
        return
    yesterday = services.store.clock().astimezone(KST).date() - timedelta(days=1)
    since, until = period(services.store.clock(), 7, last_day=yesterday)
    await enqueue_report(context.application, chat_id, since, until)
    _log.info("weekly report for %s to %s written to the outbox", since.date(), yesterday)


def register(app: Application, *, weekly_job: bool = True) -> None:
    """/report for staff (in STAFF_GROUP, behind the staff gate) and, with a staff chat, the weekly job."""
    settings = services_of(app).settings
    app.add_handler(command("report", report_command, staff_command_filter(settings)), group=STAFF_GROUP)
    if weekly_job and settings.staff_chat_id is not None and app.job_queue is not None:
        app.job_queue.run_daily(weekly_report, WEEKLY_AT, days=(WEEKLY_DAY,), name=JOB_NAME)

"""python-telegram-bot handlers, one module per conversation area; texts in texts.yaml beside them.

`register_all(app)` is the one place where handlers are registered, in order. Within a group the first
handler that accepts an update handles it, so the order below matters.
"""
from __future__ import annotations

from telegram.ext import Application

from handlers import asking, browsing, errors, followup, help, language, nontext, privacy, recorder, start
from handlers import alerts, deadlines, finder, floodgate, report, staff
from handlers.services import services_of


def register_all(app: Application, *, background_jobs: bool = True) -> None:
    """Every handler, in order; `background_jobs=False` leaves out the outbox sender and the daily job."""
    # Group -5: the flood gate. Beyond a person's rate (8 updates in 10 s) one polite note, then their
    # updates are recorded (it calls the recorder itself) and stopped there, unanswered, until they slow down.
    # Not in the console chat (Settings.flood_gate): one trusted operator, whose piped scripts type fast.
    if services_of(app).settings.flood_gate:
        floodgate.register(app)

    # Group -2: the recorder writes every message and button press to the enquiry log before anything
    # answers it, so nothing a user sends is lost even when answering fails.
    recorder.register(app)

    # Group -1: the follow-up conversation, so that while someone is leaving a question for staff their
    # messages reach it rather than the question answerer; it stops what it takes and lets other commands
    # go on to their handlers (handlers/routing.py). Also (group 0) /contact in groups, /cancel, /mytickets.
    followup.register(app)     # 담당자 문의 (/contact, its buttons, the "followup" action)

    # Group 0: the areas. At most one handler answers each update.
    start.register(app)        # /start, /start <program-id>, the main menu button
    help.register(app)         # /help and the menu's 도움말
    language.register(app)     # /lang and its buttons
    browsing.register(app)     # /programs: areas -> programs (in place); the "browse" action
    finder.register(app)       # /finder and the menu's 🔎: questions with buttons -> programs that fit
    deadlines.register(app)    # /deadlines: windows open now and opening soon
    alerts.register(app, job=background_jobs)  # 🔔 on cards, /alerts; the job that sends window alerts
    # /mydata, /forget and its buttons, the "forget" action; the daily purge job
    privacy.register(app, daily_job=background_jobs)
    # The staff desk: its gate (group -4) refuses staff commands, buttons and card replies to anyone not
    # in STAFF_USER_IDS, and staff commands outside the staff chat and private chats; the desk (group -3)
    # serves staff before the recorder, which keeps users' enquiries only; the outbox sender job. Here in
    # group 0: a user's reply about their ticket.
    staff.register(app, outbox_sender=background_jobs)
    report.register(app, weekly_job=background_jobs)  # /report (staff group, behind the gate); the weekly job
    help.register_unknown_command(app)  # any other "/..." in a private chat: there is no such command
    asking.register(app)       # free text (new and edited), program/aspect/suggestion buttons, 👍/👎
    nontext.register(app)      # stickers, photos, voice, files, locations
    errors.register_fallback(app)  # last: any button nobody claimed is answered as out of date

    # Errors in any handler: logged without personal data; the user gets a polite answer.
    errors.register(app)

"""Privacy: /mydata (what is kept about me), /forget (delete it, after a confirmation), the daily purge.

/forget deletes the user's enquiries and ratings and blanks the personal fields of their tickets
(store.forget_user: staff then see those tickets as deleted, and their cards are edited to say so); it
also drops what the bot keeps for them outside the database (user_data: the language choice, a follow-up
draft) and deletes it from the state file at once rather than at the next periodic save.

A JobQueue job runs store.privacy.daily_maintenance(RETENTION_DAYS) every day at 04:00 Korean time (VACUUM
holds the event loop for a moment, so at a quiet hour): personal data older than the retention period
is purged and the file is VACUUMed (which also leaves no trace of earlier /forgets in the file's free
pages); state-file entries (language choices, drafts, conversation steps) not written for that long go
too. Every message the bot posted in the staff chat about a purged ticket (its card, the user's further
messages, /ticket views, /inbox listings) is redrawn or blanked, as after /forget. Its log line holds
counts only: names, phone numbers and e-mail addresses never reach the log.
"""
from __future__ import annotations

import logging
import time
from datetime import time as dtime
from datetime import timedelta
from typing import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import Application, ApplicationHandlerStop, CallbackQueryHandler, MessageHandler, filters

from handlers import alerts, cards, finder, followup, report
from handlers.actions import register_action
from handlers.commands import command
from handlers.consent import retention_text
from handlers.context import CHOSEN_LANG, BotContext, user_lang
from handlers.errors import answer_stale
from handlers.persistence import expire_state, forget_state
from handlers.replies import answer_query, send, show
from handlers.routing import stopping
from handlers.texts import Texts, shorten
from handlers.typed import Awaiting, TypedAnswer, typed_answer
from store import mask_contact
from store.rows import Kept
from store.database import KST

_log = logging.getLogger(__name__)

FORGET = "pv:forget"         # pv:forget:yes | pv:forget:no, the confirmation's buttons
FORGET_OFFER = "forget_offer"  # user_data: (chat id, message id) of the confirmation on screen
JOB_NAME = "privacy-daily"
# VACUUM rewrites the database file and holds the event loop meanwhile (answers wait): at a quiet hour.
JOB_TIME = dtime(4, 0, tzinfo=KST)
RECENT_SHOWN = 5
# /stats covers the last seven days: a /stats message of the last week (plus a day) may quote questions
# asked up to two weeks ago.
STATS_REACH = timedelta(days=8)


# -- /mydata -------------------------------------------------------------------------------------------

def is_placeholder(text: str) -> bool:
    """Whether a logged text is only what stands for a name or contact ("[name]", "[photo] [contact]").

    Those are not questions, and "[contact]" among "recent questions" reads like a bug.
    """
    placeholders = set(followup.PERSONAL_STEPS.values())
    words = text.split()
    return bool(words) and words[-1] in placeholders and all(w.startswith("[") and w.endswith("]") for w in words)


def my_data_text(texts: Texts, lang: str, kept: Kept, user_data: dict | None, retention: str,
                 also: Sequence[str] = ()) -> str:
    """Everything the store and the bot keep about one user, in their language (`also`: other areas' lines,
    such as the finder's answers and alert subscriptions)."""
    t = "privacy.mydata."
    lines = [texts.get(t + "title", lang), texts.get(t + "user", lang, user_id=kept["user_id"])]
    if kept["enquiries"]:
        lines.append(texts.get(t + "enquiries", lang, count=kept["enquiries"],
                               first=followup.local_date(kept["first_enquiry_at"]),
                               last=followup.local_date(kept["last_enquiry_at"])))
    recent = [text for text in kept["recent"] if not is_placeholder(text)][:RECENT_SHOWN]
    if recent:
        lines.append(texts.get(t + "recent", lang))
        lines += [texts.get(t + "recent_item", lang, text=shorten(text, 80)) for text in recent]
    if kept["feedback"]:
        lines.append(texts.get(t + "feedback", lang, count=kept["feedback"]))
    if kept["tickets"]:
        lines.append(texts.get(t + "tickets", lang, count=len(kept["tickets"])))
    for ticket in kept["tickets"]:
        date = followup.local_date(ticket["created_at"])
        status = followup.ticket_status(texts, lang, ticket)
        if ticket["deleted"]:
            lines.append(texts.get(t + "ticket_deleted", lang, number=ticket["number"], date=date))
        elif ticket["anonymous"]:
            lines.append(texts.get(t + "ticket_anonymous", lang, number=ticket["number"], date=date, status=status))
        else:
            lines.append(texts.get(
                t + "ticket_named", lang, number=ticket["number"], date=date, status=status,
                name=ticket["name"] or "-", contact=mask_contact(ticket["contact"]) or "-",
                consent_at=followup.local_date(ticket["consent_at"], "%Y-%m-%d %H:%M"),
                consent_version=ticket["consent_version"] or "-"))
    chosen = (user_data or {}).get(CHOSEN_LANG)
    if chosen:
        lines.append(texts.get(t + "settings", lang, lang=texts.get(f"privacy.lang_names.{chosen}", lang)))
    lines += also
    lines.append("\n" + texts.get(t + "retention", lang, retention=retention))
    return "\n".join(lines)


async def show_my_data(update: Update, context: BotContext) -> None:
    """/mydata: what is kept (the contact half hidden, in case someone looks over their shoulder)."""
    if not followup.is_private(update):
        await followup.send_private_link(update, context, "privacy.private_only")
        return
    lang = user_lang(update, context)
    # A few more than shown: placeholders among them are left out (is_placeholder).
    kept = context.store.privacy.user_data(update.effective_user.id, recent=RECENT_SHOWN * 2)
    retention = retention_text(context.texts, lang, context.settings.retention_days)
    also = finder.my_data_lines(context, lang) + alerts.my_data_lines(context, update.effective_user.id, lang)
    await send(update, context, my_data_text(context.texts, lang, kept, context.user_data, retention, also))


# -- /forget -------------------------------------------------------------------------------------------

async def ask_to_forget(update: Update, context: BotContext, lang: str | None = None) -> None:
    """/forget and the forget-me intent: what would be deleted, with 삭제합니다 / 취소."""
    if not followup.is_private(update):
        await followup.send_private_link(update, context, "privacy.private_only")
        return
    lang = lang or user_lang(update, context)
    texts = context.texts
    kept = context.store.privacy.user_data(update.effective_user.id, recent=0)
    key = "privacy.forget.confirm" if kept["tickets"] else "privacy.forget.confirm_no_tickets"
    text = texts.get(key, lang, enquiries=kept["enquiries"], feedback=kept["feedback"],
                     tickets=len(kept["tickets"]))
    markup = InlineKeyboardMarkup([[
        InlineKeyboardButton(texts.get("privacy.forget.delete_button", lang), callback_data=f"{FORGET}:yes"),
        InlineKeyboardButton(texts.get("privacy.forget.keep_button", lang), callback_data=f"{FORGET}:no"),
    ]])
    message = await send(update, context, text, markup)
    if message is not None and context.user_data is not None:
        context.user_data[FORGET_OFFER] = (message.chat_id, message.message_id)  # "네" typed answers it


async def forget_command(update: Update, context: BotContext) -> None:
    await ask_to_forget(update, context)


async def forget_answer(update: Update, context: BotContext) -> None:
    """The confirmation's buttons: delete everything, or keep it."""
    query = update.callback_query
    if not followup.is_private(update) or query.data not in (f"{FORGET}:yes", f"{FORGET}:no"):
        await answer_stale(update, context)
        return
    await answer_query(query)  # stops the spinner; the confirmation is replaced by the outcome
    await forget_or_keep(update, context, confirmed=query.data.endswith(":yes"))


async def typed_answer_to_forget(update: Update, context: BotContext) -> None:
    """"네" / "삭제해 주세요", or "아니요" / "취소", typed while the confirmation is on screen: its buttons."""
    offer = context.user_data.pop(FORGET_OFFER, None) if context.user_data is not None else None
    if offer:
        try:
            await context.bot.edit_message_reply_markup(offer[0], offer[1], reply_markup=None)
        except TelegramError as error:  # already gone or too old: nothing to take off
            _log.debug("could not take the buttons off the /forget confirmation: %s", error.message)
    message = update.effective_message
    await forget_or_keep(update, context, confirmed=typed_answer(message.text if message else None) == "yes")
    raise ApplicationHandlerStop  # a typed answer is never a question as well


async def forget_or_keep(update: Update, context: BotContext, *, confirmed: bool) -> None:
    """Delete everything kept about the person, or say that nothing was deleted."""
    lang = user_lang(update, context)
    if context.user_data is not None:
        context.user_data.pop(FORGET_OFFER, None)
    if not confirmed:
        await show(update, context, context.texts.get("privacy.forget.kept", lang),
                   cards.main_menu(context.texts, lang))
        return
    user_id, chat_id = update.effective_user.id, update.effective_chat.id
    # /stats lists the last week's unanswered questions in people's own words: if theirs could be among
    # them, the /stats messages of that week are blanked too.
    week_ago = context.store.clock() - STATS_REACH
    quoted_in_stats = context.store.privacy.unanswered_since(user_id, week_ago - STATS_REACH) > 0
    # The staff reports (/report, weekly) quote them too, in the caption and the chart: each report posted
    # since their first unanswered question is drawn again without it.
    first_unanswered = context.store.privacy.first_unanswered_at(user_id)
    result = context.store.privacy.forget_user(user_id)
    if result["tickets"]:
        context.desk.refresh_cards(result["tickets"])  # staff see the tickets as deleted
    if quoted_in_stats:
        context.desk.blank_stats(since=week_ago)
    if first_unanswered is not None:
        await report.redraw_reports(context.application, since=first_unanswered)
    await show(update, context, context.texts.get("privacy.forget.done", lang), cards.main_menu(context.texts, lang))
    # What the bot keeps outside the database: the language choice, a follow-up draft (the flow itself
    # was ended before this button reached here). Gone from the state file now, not at the next write.
    app = context.application
    app.drop_user_data(user_id)
    app.drop_chat_data(chat_id)
    finder.forget(app, user_id)  # the finder's answers went with user_data; its conversation ends too
    if app.persistence is not None:
        await app.update_persistence()
        await forget_state(app, user_id)
    _log.info("forget: %d enquiries, %d ratings and %d tickets' personal data deleted",
              result["enquiries"], result["feedback"], len(result["tickets"]))


# -- the daily job -------------------------------------------------------------------------------------

async def daily_maintenance(context: BotContext) -> dict[str, int]:
    """The retention purge and VACUUM (store.daily_maintenance), follow-up drafts left by a restart, and
    state-file entries older than the retention period."""
    started = time.perf_counter()
    days = context.settings.retention_days
    now = context.store.clock()
    # What was posted about the tickets to purge is found (and blanked) before the purge deletes old
    # outbox rows; their cards are redrawn, as deleted, after it.
    purged = context.store.privacy.due_for_purge(days, now)
    quoting = context.store.privacy.cards_quoting_old_questions(days, now)  # live cards listing old questions
    context.desk.blank_quotes(purged)
    counts = dict(context.store.privacy.daily_maintenance(days, now))
    context.desk.refresh_cards([*purged, *quoting])
    counts["drafts"] = followup.sweep_stale_drafts(context.application, now)
    counts["state"] = await expire_state(context.application, days, now)
    _log.info("daily privacy maintenance (retention %d days) in %.0f ms: %s",
              context.settings.retention_days, (time.perf_counter() - started) * 1000, counts)
    return counts


def schedule_daily_maintenance(app: Application) -> None:
    if app.job_queue is None:  # python-telegram-bot without its job-queue extra
        _log.warning("no JobQueue: the daily retention purge will not run")
        return
    app.job_queue.run_daily(daily_maintenance, time=JOB_TIME, name=JOB_NAME)


def register(app: Application, *, daily_job: bool = True) -> None:
    app.add_handler(command("mydata", show_my_data))
    app.add_handler(command("forget", forget_command))
    app.add_handler(CallbackQueryHandler(forget_answer, pattern=f"^{FORGET}:"))
    # Typed answers to the confirmation, ahead of the areas (where "취소" would be the follow-up's cancel
    # and "네" a question): in the follow-up's group, after its conversation.
    app.add_handler(MessageHandler(filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
                                   & TypedAnswer("yes", "no", "cancel") & Awaiting(app, FORGET_OFFER),
                                   stopping(typed_answer_to_forget)), group=followup.FOLLOWUP_GROUP)
    register_action(app, "forget", ask_to_forget)
    if daily_job:
        schedule_daily_maintenance(app)

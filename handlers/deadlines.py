"""/deadlines: the programs taking applications now (closing soonest first) and those opening soon."""
from __future__ import annotations

from datetime import datetime, timedelta

from telegram import Update
from telegram.ext import Application

from handlers import callback_data as cb
from handlers.browsing import remember_shown
from handlers.cards import Card, button, keyboard
from handlers.commands import command
from handlers.context import BotContext, user_lang
from handlers.replies import send
from handlers.texts import Texts
from handlers.window_status import SOON_DAYS, day, program_status
from knowledge.model import KnowledgeBase
from knowledge.windows import status

UPCOMING_DAYS = 30   # "opening soon": within a month
BUTTONS = 8


def deadlines_card(kb: KnowledgeBase, now: datetime, texts: Texts, lang: str) -> Card:
    open_now, upcoming = [], []
    for program in kb.programs:
        current = status(program.windows, now)
        if current is None:
            continue
        state, window = current
        if state == "open":
            open_now.append((window.closes or datetime.max.replace(tzinfo=now.tzinfo), program, window))
        elif state == "upcoming" and window.opens is not None and window.opens - now <= timedelta(days=UPCOMING_DAYS):
            upcoming.append((window.opens, program, window))
    parts = [texts.get("deadlines.title", lang, date=day(now, lang))]
    if not open_now and not upcoming:
        parts.append(texts.get("deadlines.none", lang))
        return "\n\n".join(parts), None
    shown = []
    for title, found in (("deadlines.open_now", sorted(open_now, key=lambda f: f[0])),
                         ("deadlines.upcoming", sorted(upcoming, key=lambda f: f[0]))):
        if not found:
            continue
        lines = [texts.get(title, lang)]
        for _, program, window in found:
            left = window.days_left(now)
            soon = texts.get("deadlines.soon_mark", lang) if left is not None and left <= SOON_DAYS and \
                window.state(now) == "open" else ""
            lines.append(soon + texts.get("deadlines.item", lang, name=program.name.get(lang),
                                          status=program_status(program, now, texts, lang)))
            shown.append(program)
        parts.append("\n".join(lines))
    parts.append(f"<i>{texts.get('deadlines.note', lang)}</i>")
    rows = [[button(p.name.get(lang), cb.program(p.id))] for p in shown[:BUTTONS]]
    return "\n\n".join(parts), keyboard(rows)


async def show_deadlines(update: Update, context: BotContext) -> None:
    """/deadlines."""
    lang = user_lang(update, context)
    text, markup = deadlines_card(context.kb, context.store.clock(), context.texts, lang)
    await send(update, context, text, markup)
    remember_shown(context, markup)  # `2번` opens the second program listed


def register(app: Application) -> None:
    app.add_handler(command("deadlines", show_deadlines))

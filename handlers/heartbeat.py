"""What `python bot.py status` reads about the running bot: a few key-value rows in the bot's database.

A handler in the earliest group notes each update's arrival (in memory, no I/O); a JobQueue job writes
the notes every HEARTBEAT_S to the `bot_status` table (key, value): when the bot started and how it
runs (polling or webhook), its process id, the last update handled (time and update id), how many
updates it has handled, the knowledge version and the matcher mode, and the time of this write, by
which `status` tells a running bot from a stopped one. No personal data: ids of updates, never of
people.
"""
from __future__ import annotations

import os
import time
from datetime import datetime, timezone

from telegram import Update
from telegram.ext import Application, CallbackContext, TypeHandler

from handlers.floodgate import FLOOD_GROUP
from handlers.services import services_of

HEARTBEAT_GROUP = FLOOD_GROUP - 1   # a group of its own before the flood gate: every update counts
HEARTBEAT_S = 5.0
JOB_NAME = "heartbeat"
TABLE = "bot_status"


def _iso(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, timezone.utc).isoformat(timespec="seconds")


class Heartbeat:
    def __init__(self, app: Application, mode: str) -> None:
        self.app = app
        self.mode = mode
        self.started_at = time.time()
        self.updates = 0
        self.last_update_at: float | None = None
        self.last_update_id: int | None = None

    async def note(self, update: Update, context: CallbackContext) -> None:
        """Each update, as it is taken up (before the flood gate and the rest)."""
        self.updates += 1
        self.last_update_at = time.time()
        self.last_update_id = update.update_id

    def rows(self) -> list[dict[str, str]]:
        from handlers.reload import reloader_of

        services = services_of(self.app)
        values = {
            "started_at": _iso(self.started_at), "mode": self.mode, "pid": str(os.getpid()),
            "updates_handled": str(self.updates),
            "last_update_at": _iso(self.last_update_at) if self.last_update_at else "",
            "last_update_id": str(self.last_update_id or ""),
            # The mode in use ("hybrid" once the semantic index is ready, "lexical" until then or where the
            # model cannot run) and the one asked for (MATCHER_MODE).
            "matcher_mode": getattr(services.knowledge.matcher, "mode", services.settings.matcher_mode),
            "matcher_mode_setting": services.settings.matcher_mode,
            "heartbeat_at": _iso(time.time()),
        }
        try:
            values["knowledge_version"] = reloader_of(self.app).version
        except KeyError:  # no reloader registered (tests that build a bare Application)
            pass
        return [{"key": key, "value": value} for key, value in values.items()]

    def write(self) -> None:
        services_of(self.app).store.db.table(TABLE).upsert_all(self.rows(), pk="key")


async def _beat(context: CallbackContext) -> None:
    heartbeat = services_of(context.application).heartbeat
    if heartbeat is not None:
        heartbeat.write()


def register(app: Application, mode: str) -> Heartbeat:
    heartbeat = Heartbeat(app, mode)
    services_of(app).heartbeat = heartbeat
    app.add_handler(TypeHandler(Update, heartbeat.note), group=HEARTBEAT_GROUP)
    if app.job_queue is not None:
        app.job_queue.run_repeating(_beat, interval=HEARTBEAT_S, first=0, name=JOB_NAME)
    return heartbeat

"""Knowledge hot reload: edits to the knowledge and intent files take effect without a restart.

Three ways in, one reload:

- a JobQueue job looks at the YAML files every WATCH_INTERVAL_S (their names, sizes and modification
  times) and reloads once a change has stayed put for one look (an editor's save is then complete);
- SIGHUP (`systemctl reload`, `kill -HUP`);
- the staff command `/reload`, which answers with the outcome.

Loading and building the matcher run in a worker thread (both are pure), then the new knowledge base and
its matcher are swapped in together (Services.swap_knowledge); an update being handled finishes with the
pair it started with. When the files have errors nothing is swapped: the bot goes on answering from the
last good knowledge, and the errors, each with its file and line, go to the log and, through the outbox,
to the staff chat (once per broken state of the files, not at every look).

The knowledge version is a short hash of the files' contents: the same files give the same version
(`python bot.py status` shows it).
"""
from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from telegram import Update
from telegram.ext import Application, ApplicationHandlerStop, CallbackContext

from handlers import alerts, outbox
from handlers.commands import command
from handlers.context import BotContext, user_lang
from handlers.services import services_of
from handlers.staff import STAFF_GROUP
from handlers.staff_gate import staff_command_filter
from operations.knowledge_files import signature, version
from store.outbox import STAFF_NOTE

if TYPE_CHECKING:
    from intents.matcher import Matcher
    from knowledge.model import KnowledgeBase

WATCH_INTERVAL_S = 1.0      # a new question is answered within about two looks of saving the file
JOB_NAME = "knowledge-watch"
MAX_ERROR_LINES = 15        # errors listed in the staff chat; the log has them all
STAFF_LANG = "ko"

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    ok: bool
    version: str
    items: int = 0
    errors: str = ""     # one error per line, "file:line: message", when not ok


class Reloader:
    """Reloads the knowledge of one Application from two folders."""

    def __init__(self, app: Application, knowledge_dir: Path, intents_dir: Path,
                 build_matcher: Callable[["KnowledgeBase"], "Matcher"]) -> None:
        self.app = app
        self.knowledge_dir = knowledge_dir
        self.intents_dir = intents_dir
        self.build_matcher = build_matcher
        self.folders = (knowledge_dir, intents_dir)
        self.version = version(self.folders)       # of the knowledge in use
        self._seen = signature(self.folders)        # the files as last loaded (or found broken)
        self._pending: tuple | None = None          # a change seen once, waiting to settle
        self._lock = asyncio.Lock()

    async def reload(self, reason: str, *, report_errors: bool = True) -> Outcome:
        """Load the files; swap them in if they are valid, else keep the last good knowledge."""
        from knowledge.loader import KnowledgeError, load_or_raise

        async with self._lock:
            self._seen = signature(self.folders)
            new_version = version(self.folders)

            def build() -> tuple["KnowledgeBase", "Matcher"]:
                kb = load_or_raise(self.knowledge_dir, self.intents_dir)
                return kb, self.build_matcher(kb)

            try:
                kb, matcher = await asyncio.to_thread(build)
            except KnowledgeError as error:
                outcome = Outcome(False, new_version, errors=str(error))
                _log.error("knowledge reload (%s) failed; still answering from version %s: %s",
                           reason, self.version, " | ".join(str(error).splitlines()))
                if report_errors:
                    self._tell_staff(outcome)
                return outcome
            services_of(self.app).swap_knowledge(kb, matcher)
            alerts.kick(self.app)  # a window staff just added is news to its subscribers now, not in 10 minutes
            self.version = new_version
            items = len(kb.programs) + len(kb.faqs)
            _log.info("knowledge reloaded (%s): version %s, %d programs and FAQs", reason, new_version, items)
            return Outcome(True, new_version, items)

    async def look(self) -> Outcome | None:
        """The watcher's one look: reload when the files changed and have not changed since the last look."""
        now = signature(self.folders)
        if now == self._seen:
            self._pending = None
            return None
        if now != self._pending:  # still being written, perhaps: look again next time
            self._pending = now
            return None
        self._pending = None
        return await self.reload("files changed")

    def _tell_staff(self, outcome: Outcome) -> None:
        services = services_of(self.app)
        staff_chat = services.settings.staff_chat_id
        if staff_chat is None:
            return
        lines = outcome.errors.splitlines()
        shown = "\n".join(lines[:MAX_ERROR_LINES])
        more = len(lines) - MAX_ERROR_LINES
        text = services.texts.get("reload.failed", STAFF_LANG, version=self.version, errors=shown)
        if more > 0:
            text += "\n" + services.texts.get("reload.more_errors", STAFF_LANG, count=more)
        services.store.outbox.enqueue(staff_chat, text, purpose=STAFF_NOTE)
        outbox.kick(self.app)


def reloader_of(app: Application) -> Reloader:
    """The reloader (services.reloader, built after the services by register() below); KeyError without."""
    reloader = services_of(app).reloader
    if reloader is None:
        raise KeyError("no knowledge reloader is registered")
    return reloader


async def _watch(context: CallbackContext) -> None:
    await reloader_of(context.application).look()


async def _install_sighup(context: CallbackContext) -> None:
    """SIGHUP reloads (installed from inside the running loop; not on platforms without signals)."""
    app = context.application
    try:
        asyncio.get_running_loop().add_signal_handler(
            signal.SIGHUP, lambda: app.create_task(reloader_of(app).reload("SIGHUP")))
    except (NotImplementedError, AttributeError, RuntimeError):
        _log.info("SIGHUP is not available here; the knowledge is reloaded by the file watcher and /reload")


async def reload_command(update: Update, context: BotContext) -> None:
    """/reload (staff): reload now and say how it went."""
    outcome = await reloader_of(context.application).reload("/reload", report_errors=False)
    lang = user_lang(update, context)
    if outcome.ok:
        text = context.texts.get("reload.done", lang, version=outcome.version, items=outcome.items)
    else:
        lines = outcome.errors.splitlines()
        text = context.texts.get("reload.failed", lang, version=reloader_of(context.application).version,
                                 errors="\n".join(lines[:MAX_ERROR_LINES]))
    await update.effective_message.reply_text(text)
    raise ApplicationHandlerStop  # staff work: neither logged as an enquiry nor answered again


def register(app: Application, knowledge_dir: Path, intents_dir: Path,
             build_matcher: Callable[["KnowledgeBase"], "Matcher"], *, watch: bool = True) -> Reloader:
    """The reloader, the staff command, and (with `watch`) the file watcher and SIGHUP."""
    reloader = Reloader(app, knowledge_dir, intents_dir, build_matcher)
    services_of(app).reloader = reloader
    settings = services_of(app).settings
    app.add_handler(command("reload", reload_command, staff_command_filter(settings)), group=STAFF_GROUP)
    if watch and app.job_queue is not None:
        app.job_queue.run_repeating(_watch, interval=WATCH_INTERVAL_S, first=WATCH_INTERVAL_S, name=JOB_NAME)
        app.job_queue.run_once(_install_sighup, 0)
    return reloader

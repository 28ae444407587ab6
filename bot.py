"""Entry point and command line of the agency's enquiry bot.

    python bot.py                 run on Telegram (long polling), or the console chat when no token is set
    python bot.py run --webhook URL --listen ADDR --port N   run on Telegram with a webhook server
    python bot.py status          how the bot is doing (counts, open tickets, outbox, last update, versions)
    python bot.py backup FILE     a consistent copy of the database, also while the bot runs
    python bot.py chat            the console chat over the same handlers
    python bot.py check           validate the knowledge and intent files
    python bot.py eval CASES      score an evaluation case file against a knowledge base
    python bot.py enquiries ...   the staff desk outside Telegram (list, show, export, unanswered)
    python bot.py report --out F  the staff report: charts as F.png and an HTML page F.html
    python bot.py web             the staff web view (Datasette, read-only) on 127.0.0.1:8001
    python bot.py suggest         a reviewable YAML patch for the knowledge (new questions, candidate FAQs)

This file only parses arguments and wires parts together; the logic lives in the packages.
"""
from __future__ import annotations

import argparse
import dataclasses
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from settings import CONSOLE_DB, Settings, SettingsError

# python-telegram-bot and the handlers are imported where the bot is built, not here: `check`, `eval`
# and `enquiries` do not need them, and they would triple those commands' start-up time and memory.
if TYPE_CHECKING:
    from telegram.ext import Application, BasePersistence
    from telegram.request import BaseRequest

    from handlers.consent import Consent
    from handlers.texts import Texts
    from intents.matcher import Matcher
    from knowledge.model import KnowledgeBase
    from store import EnquiryStore

HERE = Path(__file__).resolve().parent
DEFAULT_KNOWLEDGE = HERE / "knowledge"
DEFAULT_INTENTS = HERE / "intents"

# Updates handled at once (each chat's still in order). Answering is mostly waiting on the Bot API, so a
# few at a time keep the connection busy; many more only queue inside httpx's connection pool, which
# gets slower as concurrency rises. See README "Performance" for the measurements behind this number.
CONCURRENT_UPDATES = 8
# HTTP connections to the Bot API: a few more than the updates in flight. python-telegram-bot's default
# (256) measured slower per request at the same concurrency (bench/bench_bot.py, README "Performance").
CONNECTION_POOL = 16
# A placeholder token for the console chat: the in-process Bot API accepts any.
CONSOLE_TOKEN = "123456:CONSOLE-CHAT"
# What the bot asks Telegram to send it; everything else (channel posts, polls, ...) it does not use.
ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]  # telegram.Update's MESSAGE, ...
# Seconds between writes of the state file (only what changed; python-telegram-bot's default is 60). A crash
# loses at most this much of a follow-up conversation; the write runs on the state file's own thread
# (docs/state.md, bench/bench_state.py).
STATE_WRITE_INTERVAL = 1.0
NO_TOKEN_NOTICE = "TELEGRAM_BOT_TOKEN is not set: starting the console chat (see .env.example to go live)."

log = logging.getLogger("bot")


def _add_kb_args(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    """--knowledge and --intents, accepted before the command and after it.

    Only the top-level parser carries the defaults: a subcommand's default would silently overwrite a
    folder given before the command (`bot.py --knowledge DIR eval CASES` scored against knowledge/).
    """
    knowledge, intents = (DEFAULT_KNOWLEDGE, DEFAULT_INTENTS) if top else (argparse.SUPPRESS, argparse.SUPPRESS)
    parser.add_argument("--knowledge", type=Path, default=knowledge, metavar="DIR",
                        help="folder of knowledge YAML files (default: knowledge/)")
    parser.add_argument("--intents", type=Path, default=intents, metavar="DIR",
                        help="folder of intent YAML files (default: intents/)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bot.py", description="The agency's enquiry bot.")
    _add_kb_args(parser, top=True)  # for `python bot.py` without a command, which runs the bot
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = sub.add_parser("run", help="run on Telegram; without a token, the console chat (the default)")
    _add_kb_args(run)
    # -- ops: webhook mode (the WEBHOOK_* settings give the defaults) --
    run.add_argument("--webhook", metavar="URL", help="the public https:// address Telegram posts updates to "
                     "(webhook mode; default: WEBHOOK_URL, else long polling)")
    run.add_argument("--listen", metavar="ADDR", help="address the webhook server listens on (default: "
                     "WEBHOOK_LISTEN or 127.0.0.1)")
    run.add_argument("--port", type=int, metavar="N", help="its port (default: WEBHOOK_PORT or 8080)")
    chat = sub.add_parser("chat", help="chat with the bot in this terminal, no Telegram needed")
    _add_kb_args(chat)

    check = sub.add_parser("check", help="validate knowledge and intent files; exit 1 on errors")
    _add_kb_args(check)

    ev = sub.add_parser("eval", help="score evaluation cases against a knowledge base")
    ev.add_argument("cases", type=Path, help="YAML file of evaluation cases")
    _add_kb_args(ev)
    ev.add_argument("--json", action="store_true", help="print the figures as one JSON object (last line)")
    ev.add_argument("--failures", action="store_true", help="list each case that went wrong")

    enq = sub.add_parser("enquiries", help="review and export enquiries and tickets")
    enq_sub = enq.add_subparsers(dest="enquiries_command", metavar="ACTION", required=True)
    ls = enq_sub.add_parser("list", help="list tickets")
    ls.add_argument("--status", choices=["open", "claimed", "answered", "closed"])
    ls.add_argument("--since", metavar="DATE", help="YYYY-MM-DD")
    show = enq_sub.add_parser("show", help="show one ticket with its messages")
    show.add_argument("number", type=int)
    export = enq_sub.add_parser("export", help="export enquiries as CSV or XLSX")
    export.add_argument("--format", choices=["csv", "xlsx"], default="csv")
    export.add_argument("--since", metavar="DATE", help="YYYY-MM-DD")
    export.add_argument("--out", type=Path, metavar="FILE", help="output file (default: standard output for CSV)")
    unanswered = enq_sub.add_parser("unanswered", help="unmatched questions grouped by similarity")
    unanswered.add_argument("--since", metavar="DATE", help="YYYY-MM-DD")
    _add_kb_args(unanswered)
    add_insight_commands(sub)
    add_ops_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    command = args.command or "run"

    if command == "check":
        from knowledge.check import run_check

        return run_check(args.knowledge, args.intents)
    if command == "eval":
        from intents.evaluate import run_eval

        return run_eval(args.cases, args.knowledge, args.intents, as_json=args.json, failures=args.failures)
    if command == "enquiries":
        from review.cli import run_enquiries

        return run_enquiries(args)
    if command in ("run", "chat"):
        overrides = {"WEBHOOK_URL": getattr(args, "webhook", None), "WEBHOOK_LISTEN": getattr(args, "listen", None),
                     "WEBHOOK_PORT": getattr(args, "port", None)}
        return run_bot(args.knowledge, args.intents, chat=command == "chat", overrides=overrides)
    if command in OPS_COMMANDS:
        return run_ops(command, args)
    if command in INSIGHT_COMMANDS:
        return run_insight(command, args)
    return 2


# -- ops: status and backup (operations/) ----------------------------------------------------------------

OPS_COMMANDS = ("status", "backup")


def add_ops_commands(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    status = sub.add_parser("status", help="counts, open tickets, the outbox, and the running bot's state")
    status.add_argument("--json", action="store_true", help="one JSON object instead of lines")
    _add_kb_args(status)
    backup = sub.add_parser("backup", help="a consistent copy of the database, also while the bot runs")
    backup.add_argument("file", type=Path, metavar="FILE", help="where to write the copy")


def settings_or_complain() -> Settings | None:
    """The settings from the environment and .env, or None after one line saying what is wrong."""
    try:
        return Settings.from_env()
    except SettingsError as error:
        print(f"Configuration error: {error}", file=sys.stderr)
        return None


def run_ops(command: str, args: argparse.Namespace) -> int:
    settings = settings_or_complain()
    if settings is None:
        return 2
    if command == "status":
        from operations.status import run_status

        return run_status(settings.db_path, (args.knowledge, args.intents), as_json=args.json)
    from operations.backup import run_backup

    return run_backup(settings.db_path, args.file)


# -- insight: the staff report (reports/) and web view (web/) ----------------------------------------------------------------

INSIGHT_COMMANDS = ("report", "web", "suggest")


def add_insight_commands(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    from reports.cli import add_arguments as add_report_arguments

    report = sub.add_parser("report", help="the staff report (charts): FILE.png and FILE.html")
    add_report_arguments(report)
    _add_kb_args(report)

    from suggestions.cli import add_arguments as add_suggest_arguments

    suggest = sub.add_parser("suggest", help="a reviewable YAML patch of new questions and candidate FAQs")
    add_suggest_arguments(suggest)
    _add_kb_args(suggest)

    web = sub.add_parser("web", help="the staff web view (Datasette) on 127.0.0.1; see docs/staff-web.md")
    web.add_argument("--port", type=int, default=8001, help="port on 127.0.0.1 (default: 8001)")
    _add_kb_args(web)
    web_sub = web.add_subparsers(dest="web_command", metavar="ACTION")
    hash_password = web_sub.add_parser("hash-password", help="make a password hash for STAFF_WEB_ACCOUNTS")
    hash_password.add_argument("--name", default="NAME", help="the account name to print before the hash")


def run_insight(command: str, args: argparse.Namespace) -> int:
    settings = settings_or_complain()
    if settings is None:
        return 2
    if command == "report":
        from reports.cli import run_report

        kb = load_knowledge(args.knowledge, args.intents)
        if kb is None:
            return 1
        return run_report(args, args.db or settings.db_path, kb)
    if command == "suggest":
        from suggestions.cli import run_suggest

        kb = load_knowledge(args.knowledge, args.intents)
        if kb is None:
            return 1
        return run_suggest(args, args.db or settings.db_path, kb)
    if command == "web":
        from web.cli import run_hash_password, run_web

        if args.web_command == "hash-password":
            return run_hash_password(args.name)
        kb = load_knowledge(args.knowledge, args.intents)
        if kb is None:
            return 1
        return run_web(settings, kb, port=args.port)
    return 2


# -- the Application -----------------------------------------------------------------------------------

def build_application(settings: Settings, *, kb: "KnowledgeBase", matcher: "Matcher", store: "EnquiryStore",
                      texts: "Texts | None" = None, consent: "Consent | None" = None,
                      request: BaseRequest | None = None, get_updates_request: BaseRequest | None = None,
                      persistence: "BasePersistence | None | bool" = None, rate_limit: bool | None = None,
                      concurrent_updates: int = CONCURRENT_UPDATES, background_jobs: bool = True) -> Application:
    """The bot's Application with every handler registered and its services (handlers/services.py).

    `texts`/`consent`: the bot's texts and consent notice when already loaded (tests load them once);
    by default read from handlers/. `request`/`get_updates_request`: a Bot API other than HTTP (the
    console chat and tests pass botapi.inprocess.InProcessBotAPI). `persistence`: None keeps /lang and
    conversations in the state file beside BOT_DB (default_persistence); False keeps nothing.
    `rate_limit` (default: on unless `request` is given) paces
    sending to Telegram's flood limits and retries after a 429. `background_jobs=False` leaves out the
    outbox sender and the daily privacy job (the console chat, which must not deliver anything).
    """
    from telegram.constants import ParseMode
    from telegram.ext import AIORateLimiter, ApplicationBuilder, BasePersistence, Defaults

    from handlers import register_all
    from handlers.consent import load_consent
    from handlers.context import CONTEXT_TYPES
    from handlers.desk import Desk
    from handlers.processing import ChatOrderedUpdateProcessor
    from handlers.services import Knowledge, Services, install
    from handlers.texts import Texts

    token = settings.token or (CONSOLE_TOKEN if request is not None else None)
    if not token:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    builder = (
        ApplicationBuilder()
        .token(token)
        .base_url(settings.base_url)
        .defaults(Defaults(parse_mode=ParseMode.HTML))
        .context_types(CONTEXT_TYPES)
        .concurrent_updates(ChatOrderedUpdateProcessor(concurrent_updates))
        .post_init(set_commands)
    )
    if request is not None:
        builder = builder.request(request)
    else:
        builder = builder.connection_pool_size(CONNECTION_POOL)
    if get_updates_request is not None:
        builder = builder.get_updates_request(get_updates_request)
    if rate_limit if rate_limit is not None else request is None:
        builder = builder.rate_limiter(AIORateLimiter(max_retries=3))  # type: ignore[arg-type]  # PTB's own pairing
    if persistence is None:
        persistence = default_persistence(settings)
    if isinstance(persistence, BasePersistence):
        builder = builder.persistence(persistence)
    app = builder.build()
    # The long-lived services, one typed object (bot_data is not persisted: see default_persistence).
    # services.knowledge holds the knowledge base and its matcher together; a reload swaps it with
    # services.swap_knowledge(kb, matcher), and handlers read it per update (BotContext.knowledge).
    services = install(app, Services(settings=settings, store=store, texts=texts or Texts.load(),
                                     consent=consent or load_consent(), knowledge=Knowledge(kb, matcher)))
    services.desk = Desk(services)
    register_all(app, background_jobs=background_jobs)
    return app


def default_persistence(settings: Settings) -> BasePersistence:
    """/lang choices and the follow-up conversations, kept in a SQLite file beside the database so they
    survive a restart (handlers/persistence.py, store/state.py). Raises StateFileError for a state file
    that is not safe to open (a symbolic link, another user's file)."""
    from handlers.persistence import SQLitePersistence
    from store.state import StateStore

    legacy = settings.legacy_state_path
    if legacy.exists() or legacy.is_symlink():
        # Loading a pickle can run any code; the old file is never opened.
        log.warning("%s (the old pickle state file) is ignored and never loaded; delete it", legacy.name)
    state = StateStore(settings.state_path, retention_days=settings.retention_days)
    return SQLitePersistence(state, update_interval=STATE_WRITE_INTERVAL)


async def set_commands(app: Application) -> None:
    """The command menu in Korean (also the default for other languages) and English.

    The staff chat gets its own menu (a chat scope replaces the default there): the same commands and the
    staff commands, which the public menu never shows.
    """
    from telegram import BotCommand, BotCommandScopeChat
    from telegram.error import TelegramError

    from handlers.texts import LANGS

    from handlers.services import services_of

    services = services_of(app)
    texts, staff_chat = services.texts, services.settings.staff_chat_id

    def menu(prefix: str, lang: str | None) -> list["BotCommand"]:
        return [BotCommand(key.split(".", 1)[1], texts.get(key, lang)) for key in texts.keys(prefix)]

    # None: the default menu, for languages other than ours (Korean texts).
    public = {lang: menu("commands.", lang) for lang in (None, *LANGS)}
    try:
        for lang, commands in public.items():
            await app.bot.set_my_commands(commands, language_code=lang)
    except TelegramError as error:  # the bot still works without the menu; try again at the next start
        log.warning("could not set the command menu: %s", error.message)
    if staff_chat is None:
        return
    try:  # fails if the bot is not (yet) in the staff chat; the public menu is set by then
        for lang, commands in public.items():
            await app.bot.set_my_commands(commands + menu("staff_commands.", lang),
                                          scope=BotCommandScopeChat(staff_chat), language_code=lang)
    except TelegramError as error:
        log.warning("could not set the staff chat's command menu: %s", error.message)


# -- running -------------------------------------------------------------------------------------------

def run_bot(knowledge_dir: Path, intents_dir: Path, *, chat: bool = False,
            overrides: dict[str, str | int | None] | None = None) -> int:
    """Long polling (or a webhook server) with a token; the console chat (on console.db) when `chat` is
    asked for or there is no token."""
    from operations.logs import configure_logging, guard_output

    try:
        settings = Settings.from_env().overridden(overrides or {})
        settings.check_webhook()
    except SettingsError as error:
        print(f"Configuration error: {error}", file=sys.stderr)
        return 2
    guard_output(settings.secrets)  # from here on nothing printed can contain the token
    console = chat or not settings.token
    configure_logging(settings, console=console)
    for warning in settings.warnings:
        log.warning("%s", warning)
    kb = load_knowledge(knowledge_dir, intents_dir)
    if kb is None:
        return 1
    if not chat and not settings.token:
        print(NO_TOKEN_NOTICE, flush=True)
    if settings.test_now is not None:
        log.warning("BOT_TEST_NOW is set: the clock starts at %s (for tests only)", settings.test_now.isoformat())

    from intents.matcher import Matcher
    from store import EnquiryStore

    os.umask(0o077)  # the database and the state file hold personal data: readable by this user only
    if console:
        settings = console_settings(settings)
    import sqlite3

    from store.state import StateFileError

    try:
        store = EnquiryStore(settings.db_path, clock=settings.clock())
    except (sqlite3.DatabaseError, OSError) as error:  # not a database, a folder, no permission...
        print(f"Cannot open the database {settings.db_path} (BOT_DB): {error}", file=sys.stderr)
        return 1
    # The model's vectors of the knowledge texts are cached beside the database (MATCHER_MODE=hybrid).
    matcher = Matcher.for_mode(kb, settings.matcher_mode, settings.cache_dir, background=True)
    try:
        if console:
            import asyncio

            return asyncio.run(_console_chat(settings, kb, matcher, store, knowledge_dir, intents_dir))
        from operations.serve import Webhook, serve

        app = build_application(settings, kb=kb, matcher=matcher, store=store)
        # -- ops: knowledge hot reload (file watcher, SIGHUP, staff /reload) --
        from handlers import reload

        # A reload builds its matcher like the one above: lexical at once, the semantic index (only texts
        # not in the cache are embedded) completed in the background.
        reload.register(app, knowledge_dir, intents_dir,
                        lambda new_kb: Matcher.for_mode(new_kb, settings.matcher_mode, settings.cache_dir,
                                                        background=True))
        # -- ops: what `python bot.py status` reads (handlers/heartbeat.py) --
        from handlers import heartbeat

        heartbeat.register(app, "webhook" if settings.webhook_mode else "polling")
        webhook = None
        if settings.webhook_mode:
            # Both are set in webhook mode (Settings.check_webhook refuses to start without them).
            webhook = Webhook(settings.webhook_url or "", settings.webhook_listen, settings.webhook_port,
                              settings.webhook_secret or "")
        return serve(app, settings.base_url, ALLOWED_UPDATES, webhook)
    except StateFileError as error:  # a symbolic link or someone else's file where the state file goes
        print(f"Cannot use the state file {settings.state_path}: {error.strerror}", file=sys.stderr)
        return 1
    finally:
        store.close()


def console_settings(settings: Settings) -> Settings:
    """The console chat's settings: its own database (console.db) beside BOT_DB, and so its own state file;
    no flood gate (its one user is the operator at the keyboard, and piped scripts send lines at once).

    Trying the bot in a terminal must not touch the real bot's enquiries, tickets, outbox or the state
    file the running bot writes.
    """
    return dataclasses.replace(settings, db_path=settings.db_path.with_name(CONSOLE_DB), flood_gate=False)


async def _console_chat(settings: Settings, kb: "KnowledgeBase", matcher: "Matcher", store: "EnquiryStore",
                        knowledge_dir: Path, intents_dir: Path) -> int:
    import console.chat
    from botapi.inprocess import InProcessBotAPI
    from handlers import reload
    from intents.matcher import Matcher

    api = InProcessBotAPI()
    # No outbox sender and no daily privacy job: nothing the console does is delivered anywhere.
    app = build_application(settings, kb=kb, matcher=matcher, store=store, request=api, get_updates_request=api,
                            background_jobs=False)
    # The console's /reload (console/chat.py) reads the files again, as the running bot's watcher does.
    reload.register(app, knowledge_dir, intents_dir,
                    lambda new_kb: Matcher.for_mode(new_kb, settings.matcher_mode, settings.cache_dir,
                                                    background=True), watch=False)
    await console.chat.run_console(app, api)
    return 0


def load_knowledge(knowledge_dir: Path, intents_dir: Path) -> "KnowledgeBase | None":
    """The knowledge base, or None after printing every error with its file:line."""
    from knowledge.loader import KnowledgeError, load_or_raise

    try:
        return load_or_raise(knowledge_dir, intents_dir)
    except KnowledgeError as error:
        print(f"The knowledge files have errors; the bot cannot start until they are fixed:\n{error}",
              file=sys.stderr)
        return None


def configure_logging(settings: Settings, *, console: bool = False) -> None:
    """One line per event (LOG_FORMAT text or json), secrets removed: see operations/logs.py."""
    from operations.logs import configure_logging as configure

    configure(settings, console=console)


if __name__ == "__main__":
    sys.exit(main())

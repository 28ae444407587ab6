"""Updates per second through the bot's Application, beside a bare python-telegram-bot echo bot.

    .venv/bin/python bench/bench_bot.py                 # the full table (about a minute)
    .venv/bin/python bench/bench_bot.py --quick         # fewer settings and updates
    .venv/bin/python bench/bench_bot.py --json          # also one JSON object as the last line

Two ways in, each at several `concurrent_updates` settings, the real application (matching, the
enquiry log in SQLite, HTML answers with buttons) and the echo bot in the same run on the same updates:

- in-process: updates go into `application.update_queue`, replies to `InProcessBotAPI`; no network.
- HTTP: the Bot API is `botapi.loopback` in a child process on the other core, like Telegram on
  another machine; the bot long-polls it and sends its replies with python-telegram-bot's own
  HTTPXRequest, at several `connection_pool_size` settings.

The bot process is pinned to one core. The AIORateLimiter is left out on purpose: in production it
holds sending to Telegram's ~30 messages/s, which would measure the limiter, not the bot. The texts
are the held-out evaluation questions (tests/data/holdout.yaml), each from a different user.
Not a test: it prints numbers for the README and for choosing the concurrency setting.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
from telegram import Update  # noqa: E402
from telegram.ext import Application, ApplicationBuilder, ContextTypes, MessageHandler, filters  # noqa: E402
from telegram.request import HTTPXRequest  # noqa: E402

from bench.questions import load_texts  # noqa: E402
from botapi import InProcessBotAPI, UpdateFactory  # noqa: E402

TOKEN = "123456:BENCH"


@dataclass
class Result:
    bot: str
    transport: str
    concurrency: int
    pool: int | None
    updates: int
    seconds: float
    cpu_seconds: float

    @property
    def cpu_ms(self) -> float:
        """The bot process's CPU time per update: less disturbed by other work than the rate."""
        return self.cpu_seconds / self.updates * 1000

    @property
    def rate(self) -> float:
        return self.updates / self.seconds if self.seconds else 0.0


def make_updates(n: int, texts: list[tuple[str, str]]) -> list[dict]:
    factory = UpdateFactory(None)
    updates = []
    for i in range(n):
        text, lang = texts[i % len(texts)]
        # a different user per update: one chat's updates are handled in order, different chats in parallel
        updates.append(factory.message(text, user_id=100_000 + i, lang=lang).to_dict())
    return updates


# -- the two bots --------------------------------------------------------------------------------------

async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The bare echo bot: the text back, nothing else."""
    message = update.effective_message
    if message is not None and message.text is not None:  # always, under filters.TEXT
        await message.reply_text(message.text)


def build_echo(concurrency: int, request, get_updates_request, base_url: str | None = None) -> Application:
    builder = ApplicationBuilder().token(TOKEN).concurrent_updates(concurrency)
    builder = builder.request(request).get_updates_request(get_updates_request)
    if base_url:
        builder = builder.base_url(base_url)
    else:
        builder = builder.updater(None)
    app = builder.build()
    app.add_handler(MessageHandler(filters.TEXT, echo))
    return app


class RealBot:
    """Builds the bot's own Application (bot.build_application) on a fresh SQLite file each time."""

    def __init__(self, workdir: Path) -> None:
        from bot import build_application
        from intents.matcher import Matcher
        from knowledge.loader import load_or_raise
        from settings import Settings
        from store import EnquiryStore

        self._build = build_application
        self._store_class = EnquiryStore
        self._settings_class = Settings
        self.kb = load_or_raise(ROOT / "knowledge", ROOT / "intents")
        self.matcher = Matcher(self.kb)
        self.workdir = workdir
        self.runs = 0
        self.stores: list = []

    def build(self, concurrency: int, request, get_updates_request, base_url: str | None = None) -> Application:
        self.runs += 1
        db = self.workdir / f"run{self.runs}" / "bot.db"
        settings = self._settings_class(token=TOKEN, base_url=base_url or "http://127.0.0.1:9/bot", db_path=db,
                                        log_level="WARNING")
        store = self._store_class(db)
        self.stores.append(store)
        app = self._build(settings, kb=self.kb, matcher=self.matcher, store=store, request=request,
                          get_updates_request=get_updates_request, persistence=False, rate_limit=False,
                          concurrent_updates=concurrency)
        if base_url is None:
            app.updater = None  # in-process runs feed the update queue directly
        return app

    def close(self) -> None:
        for store in self.stores:
            store.close()


# -- in-process ----------------------------------------------------------------------------------------

async def _until(api: InProcessBotAPI, target: int, timeout: float) -> None:
    """Wait until `target` chats have had a reply (counted by the API's listener, no polling).

    Every update comes from its own chat, so this is "every update answered", whether the bot sends
    one message per question or more.
    """
    done = asyncio.Event()
    answered: set = set()

    def on_call(method: str, params: dict, result: object) -> None:
        if method == "sendMessage":
            answered.add(params["chat_id"])
            if len(answered) >= target:
                done.set()

    stop = api.listen(on_call)
    try:
        await asyncio.wait_for(done.wait(), timeout)
    finally:
        stop()


async def run_inprocess(build: Callable[..., Application], concurrency: int,
                        updates: list[dict]) -> tuple[float, float, int]:
    """Seconds to answer all `updates`, the CPU seconds it took, and how many messages the bot sent."""
    api = InProcessBotAPI()
    app = build(concurrency, api, api)
    objects = [Update.de_json(u, app.bot) for u in updates]
    async with app:
        await app.start()
        waiter = asyncio.create_task(_until(api, len(updates), timeout=600))
        await asyncio.sleep(0)
        cpu = time.process_time()
        started = time.perf_counter()
        for update in objects:
            app.update_queue.put_nowait(update)
        await waiter
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu
        await app.stop()
    return elapsed, cpu, len(api.calls_of("sendMessage"))


# -- over HTTP -----------------------------------------------------------------------------------------

class ServerProcess:
    """`python -m botapi.loopback` in a child process on the other core."""

    def __init__(self, cpu: int | None, latency_ms: float = 0.0) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "botapi.loopback", "--latency-ms", str(latency_ms)],
                                     cwd=ROOT, stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None  # stdout=PIPE
        self.base_url = self.proc.stdout.readline().strip()
        if cpu is not None and hasattr(os, "sched_setaffinity"):
            os.sched_setaffinity(self.proc.pid, {cpu})
        self.control = self.base_url.removesuffix("/bot") + "/_loopback/"

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)


async def run_http(build: Callable[..., Application], server: ServerProcess, concurrency: int, pool: int,
                   updates: list[dict]) -> tuple[float, float]:
    """Seconds (and CPU seconds) from the start of polling until every update's chat had a reply over HTTP."""
    async with httpx.AsyncClient(timeout=60) as control:
        await control.post(server.control + "reset")
        await control.post(server.control + "push", content=json.dumps(updates, ensure_ascii=False),
                           headers={"Content-Type": "application/json"})
        request = HTTPXRequest(connection_pool_size=pool, read_timeout=30, pool_timeout=30)
        polling = HTTPXRequest(connection_pool_size=1, read_timeout=30)
        app = build(concurrency, request, polling, base_url=server.base_url)
        updater = app.updater
        assert updater is not None  # built with a base_url: it polls
        async with app:
            await app.start()
            cpu = time.process_time()
            started = time.perf_counter()
            await updater.start_polling(poll_interval=0, timeout=1)
            # One request that the server answers when every chat has had its reply: no polling that
            # would cost the bot being measured.
            waited = await control.get(server.control + "wait", params={"chats": len(updates), "timeout": 600},
                                       timeout=610)
            elapsed = time.perf_counter() - started
            cpu = time.process_time() - cpu
            if not waited.json()["result"]["reached"]:
                raise RuntimeError("the bot did not answer every update within 10 minutes")
            await updater.stop()
            await app.stop()
    return elapsed, cpu


# -- the run -------------------------------------------------------------------------------------------

def table(results: list[Result]) -> str:
    lines = [f"{'transport':<10} {'conc':>5} {'pool':>5} {'echo upd/s':>11} {'app upd/s':>10} {'app/echo':>9}"
             f" {'echo ms CPU':>12} {'app ms CPU':>11}",
             "-" * 80]
    keyed = {(r.bot, r.transport, r.concurrency, r.pool): r for r in results}
    for r in results:
        if r.bot != "echo":
            continue
        app = keyed.get(("app", r.transport, r.concurrency, r.pool))
        app_rate = f"{app.rate:10.0f}" if app else f"{'-':>10}"
        ratio = f"{app.rate / r.rate:9.2f}" if app and r.rate else f"{'-':>9}"
        pool = "-" if r.pool is None else str(r.pool)
        app_cpu = f"{app.cpu_ms:11.2f}" if app else f"{'-':>11}"
        lines.append(f"{r.transport:<10} {r.concurrency:>5} {pool:>5} {r.rate:11.0f} {app_rate} {ratio}"
                     f" {r.cpu_ms:12.2f} {app_cpu}")
    return "\n".join(lines)


async def main_async(args: argparse.Namespace) -> list[Result]:
    texts = load_texts()
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as tmp:
        try:
            real = RealBot(Path(tmp))
        except ImportError as error:  # before bot.build_application exists: the echo bot alone
            print(f"(the real application is not available: {error}; echo bot only)")
            real = None
        per_update: dict[str, float] = {}
        bots: list[tuple[str, Callable[..., Application]]] = [("echo", build_echo)]
        if real is not None:
            bots.append(("app", real.build))

        in_updates = make_updates(args.n, texts)
        for concurrency in ([] if args.skip_inprocess else args.concurrency):
            best: dict[str, tuple[float, float]] = {}
            # Echo and app take turns, best of --repeat: other work on the machine slows single runs.
            for _ in range(args.repeat):
                for name, build in bots:
                    elapsed, cpu, sent = await run_inprocess(build, concurrency, in_updates)
                    best[name] = min(best.get(name, (elapsed, cpu)), (elapsed, cpu))
                    per_update[name] = sent / args.n
            for name, _ in bots:
                r = Result(name, "in-process", concurrency, None, args.n, *best[name])
                results.append(r)
                print(f"  in-process {name:<4} conc={concurrency:<4} {r.rate:8.0f} updates/s "
                      f"{r.cpu_ms:6.2f} ms CPU/update", flush=True)

        if args.http_n:
            server = ServerProcess(cpu=1 if (os.cpu_count() or 1) > 1 else None, latency_ms=args.latency_ms)
            http_updates = make_updates(args.http_n, texts)
            try:
                for concurrency in args.concurrency:
                    for pool in args.pool:
                        if args.pool_rule and pool > max(concurrency, 1) * 4 and pool != args.pool[-1]:
                            continue  # a pool much bigger than the concurrency adds nothing
                        best = {}
                        for _ in range(args.repeat):
                            for name, build in bots:
                                elapsed, cpu = await run_http(build, server, concurrency, pool, http_updates)
                                best[name] = min(best.get(name, (elapsed, cpu)), (elapsed, cpu))
                        for name, _ in bots:
                            r = Result(name, "http", concurrency, pool, args.http_n, *best[name])
                            results.append(r)
                            print(f"  http       {name:<4} conc={concurrency:<4} pool={pool:<4} {r.rate:8.0f} updates/s "
                                  f"{r.cpu_ms:6.2f} ms CPU/update", flush=True)
            finally:
                server.close()
        if real is not None:
            real.close()
    print("messages sent per update: " + ", ".join(f"{k} {v:.2f}" for k, v in per_update.items()))
    return results


def _load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Updates per second: the bot's Application vs a bare echo bot.")
    parser.add_argument("-n", type=int, default=1000, help="updates per in-process run (default 1000)")
    parser.add_argument("--http-n", type=int, default=400, help="updates per HTTP run (default 400; 0 skips HTTP)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per setting; the best counts (default 3)")
    parser.add_argument("--concurrency", type=lambda s: [int(x) for x in s.split(",")], default=[1, 8, 64, 256],
                        help="concurrent_updates settings (default 1,8,64,256)")
    parser.add_argument("--pool", type=lambda s: [int(x) for x in s.split(",")], default=[1, 8, 256],
                        help="HTTPXRequest connection_pool_size settings (default 1,8,256)")
    parser.add_argument("--latency-ms", type=float, default=0.0,
                        help="the HTTP server answers each call after this delay, like Telegram's round trip")
    parser.add_argument("--all-pools", dest="pool_rule", action="store_false",
                        help="also run pools much larger than the concurrency")
    parser.add_argument("--skip-inprocess", action="store_true", help="only the HTTP runs")
    parser.add_argument("--quick", action="store_true", help="n=500, http-n=200, concurrency 1,8, pool 8, repeat 2")
    parser.add_argument("--json", action="store_true", help="print the results as one JSON object (last line)")
    args = parser.parse_args(argv)
    if args.quick:
        args.n, args.http_n, args.concurrency, args.pool, args.repeat = 500, 200, [1, 8], [8], 2

    logging.basicConfig(level=logging.ERROR)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {0})  # the bot on one core; the HTTP server gets the other
    print(f"python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} cores; bot pinned to core 0; "
          f"load average {_load()}")
    results = asyncio.run(main_async(args))
    print()
    print(table(results))
    print(f"load average at the end {_load()} (above ~0.5 other work shares the cores: numbers run low)")
    if args.json:
        print(json.dumps([{**r.__dict__, "rate": round(r.rate, 1), "cpu_ms": round(r.cpu_ms, 3)} for r in results]))
    return 0


if __name__ == "__main__":
    sys.exit(main())

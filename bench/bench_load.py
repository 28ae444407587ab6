"""A day's traffic in minutes: many simulated users through the HTTP Bot API, the bot as it is shipped.

    .venv/bin/python bench/bench_load.py                # 10,000 updates from 1,000 users (~8 minutes)
    .venv/bin/python bench/bench_load.py --quick        # 1,000 updates from 100 users
    .venv/bin/python bench/bench_load.py --json         # also one JSON object as the last line

The bot is `python bot.py` in a process of its own, exactly as an operator starts it: long polling,
AIORateLimiter as shipped (Telegram's ~30 messages a second), the flood gate, the heartbeat and the
knowledge watcher, a fresh SQLite file. The Bot API is botapi.loopback (HTTP on 127.0.0.1) served from a
thread of this process. Each simulated user sends `--per-user` questions (the held-out evaluation
questions, Korean and English), the users taking turns, pushed at `--rate` updates a second: a pace a
person keeps (one question from each user every ~40 s), below the rate limiter's 30/s so that the times
measured are the bot's and not a queue in front of the limiter.

Measured: that every update was answered and handled exactly once (each has a reply, and each update_id is
in the enquiry log exactly once; the echo bot: replies = updates), p50/p99 time from pushing an update to
the first message of its reply, updates/s, the bot process's CPU ms per update (utime + stime from
/proc, between the first push and the last reply) and RSS at the first push and at the end. Beside it, in
the same run and the same way: a bare python-telegram-bot echo bot (its own process, same rate limiter)
over `--echo-updates` updates. Loopback only; not a test (nothing is asserted), it prints figures.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.questions import load_texts  # noqa: E402
from botapi.loopback import LoopbackBotAPIServer  # noqa: E402
from botapi.updates import UpdateFactory  # noqa: E402

TOKEN = "123456:LOAD-BENCH"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
ECHO_BOT = """
import sys
from telegram.ext import AIORateLimiter, ApplicationBuilder, MessageHandler, filters

async def echo(update, context):
    await update.effective_message.reply_text(update.effective_message.text)

app = (ApplicationBuilder().token(sys.argv[1]).base_url(sys.argv[2]).concurrent_updates(8)
       .rate_limiter(AIORateLimiter(max_retries=3)).build())
app.add_handler(MessageHandler(filters.TEXT, echo))
app.run_polling(drop_pending_updates=False)
"""


@dataclass
class Run:
    bot: str
    users: int
    updates: int
    replies: int
    answered_once: bool
    seconds: float
    p50_ms: float
    p99_ms: float
    cpu_ms_per_update: float
    rss_start_mb: float
    rss_end_mb: float

    @property
    def rate(self) -> float:
        return self.updates / self.seconds if self.seconds else 0.0


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


async def settle(proc: subprocess.Popen, idle_share: float = 0.05, limit_s: float = 300.0) -> None:
    """Wait until the process uses under `idle_share` of a core over a second (its start-up work done)."""
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        before = cpu_seconds(proc.pid)
        await asyncio.sleep(1.0)
        if cpu_seconds(proc.pid) - before < idle_share:
            return


MATCHER_MODE = "hybrid"  # as shipped; --matcher-mode lexical measures the bot without the semantic signal


def start_bot(kind: str, base_url: str, workdir: Path) -> subprocess.Popen:
    if kind == "ours":
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TELEGRAM_BOT_TOKEN": TOKEN,
               "TELEGRAM_BASE_URL": base_url, "BOT_DB": str(workdir / "bot.db"), "LOG_LEVEL": "WARNING",
               "MATCHER_MODE": MATCHER_MODE}
        args = [sys.executable, str(ROOT / "bot.py")]
    else:
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}
        args = [sys.executable, "-c", ECHO_BOT, TOKEN, base_url]
    return subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def stop_bot(proc: subprocess.Popen) -> None:
    """Stop a bot started by `start_bot`: a polite SIGTERM, and SIGKILL if it has not gone in 30 s."""
    proc.terminate()
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()


def handled_once(kind: str, workdir: Path, total: int) -> bool:
    """Our bot: every update is in the enquiry log exactly once (none lost, none handled twice).
    The echo bot keeps no log: it answers with one message, so replies == updates says the same."""
    import sqlite3

    if kind != "ours":
        return True
    with sqlite3.connect(workdir / "bot.db") as conn:
        distinct, rows = conn.execute("SELECT count(DISTINCT update_id), count(*) FROM enquiries").fetchone()
    return distinct == rows == total


def run_one(kind: str, users: int, per_user: int, rate: float, texts: list[tuple[str, str]],
            workdir: Path) -> Run:
    """Start the bot, push users x per_user questions at `rate`/s, wait for every reply, measure."""

    async def main() -> Run:
        async with LoopbackBotAPIServer(threaded=True) as server:
            replies: dict[int, list[float]] = {}
            lock = threading.Lock()

            def on_call(method: str, params: dict, result: object) -> None:
                if method == "sendMessage" and isinstance(result, dict):
                    with lock:
                        replies.setdefault(result["chat"]["id"], []).append(time.monotonic())

            server.api.listen(on_call)
            proc = start_bot(kind, server.base_url, workdir)
            try:
                while not server.api.calls_of("getUpdates"):  # started and polling
                    if proc.poll() is not None:
                        said = proc.stderr.read().decode() if proc.stderr else ""
                        raise RuntimeError(f"the {kind} bot stopped: {said[-2000:]}")
                    await asyncio.sleep(0.1)
                await settle(proc)  # start-up work (the semantic index, the command menu) is done
                factory = UpdateFactory(None)
                pushed: dict[int, list[float]] = {}
                total = users * per_user
                cpu0, rss0 = cpu_seconds(proc.pid), rss_mb(proc.pid)
                started = time.monotonic()
                for i in range(total):
                    due = started + i / rate
                    delay = due - time.monotonic()
                    if delay > 0:
                        await asyncio.sleep(delay)
                    user = 500_000 + i % users
                    text, lang = texts[i % len(texts)]
                    pushed.setdefault(user, []).append(time.monotonic())
                    server.push_update(factory.message(text, user_id=user, lang=lang).to_dict())
                deadline = time.monotonic() + 120
                while time.monotonic() < deadline:
                    with lock:
                        done = sum(len(v) for v in replies.values())
                    if done >= total:
                        break
                    await asyncio.sleep(0.1)
                await asyncio.sleep(2.0)  # a second reply to anything would arrive now
                with lock:
                    got = {chat: list(times) for chat, times in replies.items()}
                last = max((t for times in got.values() for t in times), default=time.monotonic())
                cpu1, rss1 = cpu_seconds(proc.pid), rss_mb(proc.pid)
            finally:
                stop_bot(proc)
        # A user's questions are far apart (users x per_user / rate seconds), so the reply to one is the
        # first message to that chat after it was pushed (some answers are two messages: an intent's
        # reply and what its action shows, e.g. the consent notice).
        latencies, unanswered = [], 0
        for user, times in pushed.items():
            for at in times:
                first = next((t for t in got.get(user, []) if t >= at), None)
                if first is None:
                    unanswered += 1
                else:
                    latencies.append((first - at) * 1000)
        once = unanswered == 0 and set(got) <= set(pushed) and handled_once(kind, workdir, total)
        return Run(kind, users, total, sum(len(v) for v in got.values()), once, last - started,
                   round(percentile(latencies, 0.50), 1), round(percentile(latencies, 0.99), 1),
                   round((cpu1 - cpu0) / total * 1000, 2), round(rss0, 1), round(rss1, 1))

    return asyncio.run(main())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--per-user", type=int, default=10)
    parser.add_argument("--rate", type=float, default=25.0, help="updates pushed per second (default 25)")
    parser.add_argument("--echo-updates", type=int, default=2000, help="updates for the echo bot (default 2000)")
    parser.add_argument("--quick", action="store_true", help="100 users x 10, echo 500")
    parser.add_argument("--matcher-mode", choices=["hybrid", "lexical"], default="hybrid",
                        help="MATCHER_MODE of our bot (default: hybrid, as shipped)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    global MATCHER_MODE
    MATCHER_MODE = args.matcher_mode
    if args.quick:
        args.users, args.echo_updates = 100, 500
    texts = load_texts()
    print(f"python {platform.python_version()}, {os.cpu_count()} CPUs; {args.users} users x {args.per_user} "
          f"questions at {args.rate:g}/s; MATCHER_MODE={args.matcher_mode}; echo bot {args.echo_updates} updates", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        echo_users = max(1, args.echo_updates // args.per_user)
        echo = run_one("echo", echo_users, args.per_user, args.rate, texts, Path(tmp))
        ours = run_one("ours", args.users, args.per_user, args.rate, texts, Path(tmp))
    if echo.replies != echo.updates:
        echo.answered_once = False
    print("| bot | users | updates | replies | each answered once | updates/s | p50 ms | p99 ms "
          "| CPU ms/update | RSS start MB | RSS end MB |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for run in (echo, ours):
        print(f"| {run.bot} | {run.users:,} | {run.updates:,} | {run.replies:,} | {'yes' if run.answered_once else 'NO'} "
              f"| {run.rate:.1f} | {run.p50_ms} | {run.p99_ms} | {run.cpu_ms_per_update} | {run.rss_start_mb} "
              f"| {run.rss_end_mb} |")
    ratio = ours.cpu_ms_per_update / echo.cpu_ms_per_update if echo.cpu_ms_per_update else float("nan")
    growth = ours.rss_end_mb - ours.rss_start_mb
    print(f"CPU per update ours/echo: {ratio:.2f}x (bar <= 2.5x); RSS growth {growth:+.1f} MB (bar < 30 MB)")
    if args.json:
        print(json.dumps({"echo": asdict(echo), "ours": asdict(ours), "cpu_ratio": round(ratio, 2),
                          "rss_growth_mb": round(growth, 1)}))


if __name__ == "__main__":
    main()

"""Start-up and footprint of the bot as shipped: `bot.py check`, ready to answer after a start, RSS running.

    .venv/bin/python bench/bench_ready.py                    # 3 starts, 300 questions after each
    .venv/bin/python bench/bench_ready.py --starts 5 --questions 1000

- `python bot.py check` on the shipped files: wall time and peak RSS (bars 1.5 s, 150 MB; no model).
- Ready: `python bot.py` exactly as an operator starts it (long polling against botapi.loopback on 127.0.0.1,
  MATCHER_MODE=hybrid, one model thread, a fresh database), with a question already waiting and the model's
  vectors of the knowledge texts already cached beside the database (a first start, not counted, fills the
  cache where it lacks anything): the time from starting the process to its first getUpdates, and to the
  reply to that question (bar 3 s).
- RSS of the running bot (VmRSS, and VmHWM: the most it ever held) after it answered `--questions`
  questions of the tuning sets one after another (bar 300 MB).
Not a test (nothing is asserted): it prints figures, and the machine's load average beside them.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_load import cpu_seconds, rss_mb, settle, start_bot, stop_bot  # noqa: E402
from botapi.loopback import LoopbackBotAPIServer  # noqa: E402
from botapi.updates import UpdateFactory  # noqa: E402
from intents.evaluate import load_cases  # noqa: E402

QUESTION = "창업 지원 사업 신청은 어떻게 하나요?"


def peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


# `bot.py check` run as `python bot.py check` runs it, saying at exit the most memory its process held (VmHWM:
# counted from the exec, unlike getrusage's maxrss of a child, which includes the forking parent's pages).
CHECK = """
import runpy, sys
sys.argv = ["bot.py", "check"]
try:
    runpy.run_path("bot.py", run_name="__main__")
finally:
    print(next(l for l in open("/proc/self/status") if l.startswith("VmHWM:")).split()[1], file=sys.__stderr__)
"""


def check() -> tuple[float, float]:
    """Seconds and peak RSS (MB) of `python bot.py check` on the shipped files."""
    begin = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", CHECK], cwd=ROOT, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - begin
    return seconds, int(done.stderr.split()[-1]) / 1024


def start(workdir: Path, questions: list[str]) -> dict[str, float]:
    """One start of the bot: seconds to its first getUpdates and to the reply to a question waiting for it;
    then `questions` answered one by one, and its RSS."""

    async def main() -> dict[str, float]:
        async with LoopbackBotAPIServer(threaded=True) as server:
            replies: list[float] = []
            lock = threading.Lock()

            def on_call(method: str, params: dict, result: object) -> None:
                if method == "sendMessage":
                    with lock:
                        replies.append(time.monotonic())

            server.api.listen(on_call)
            factory = UpdateFactory(None)
            server.push_update(factory.message(QUESTION, user_id=700_001, lang="ko").to_dict())
            begin = time.monotonic()
            proc = start_bot("ours", server.base_url, workdir)
            polled = answered = float("nan")
            try:
                deadline = begin + 120
                while time.monotonic() < deadline:
                    if proc.poll() is not None:
                        said = proc.stderr.read().decode() if proc.stderr else ""
                        raise RuntimeError(f"the bot stopped: {said[-2000:]}")
                    if polled != polled and server.api.calls_of("getUpdates"):
                        polled = time.monotonic() - begin
                    with lock:
                        if replies:
                            answered = replies[0] - begin
                            break
                    await asyncio.sleep(0.005)
                await settle(proc)  # anything else it does at start (the command menu) is done
                rss_ready = rss_mb(proc.pid)
                cpu0 = cpu_seconds(proc.pid)
                for i, text in enumerate(questions):
                    with lock:
                        before = len(replies)
                    server.push_update(factory.message(text, user_id=700_100 + i % 50).to_dict())
                    until = time.monotonic() + 30
                    while time.monotonic() < until:
                        with lock:
                            if len(replies) > before:
                                break
                        await asyncio.sleep(0.002)
                await asyncio.sleep(0.5)
                figures = {"polled_s": polled, "answered_s": answered, "rss_ready_mb": rss_ready,
                           "rss_mb": rss_mb(proc.pid), "peak_mb": peak_mb(proc.pid),
                           "cpu_ms_per_question": (cpu_seconds(proc.pid) - cpu0) / max(1, len(questions)) * 1000}
            finally:
                stop_bot(proc)
            return figures

    return asyncio.run(main())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--starts", type=int, default=3, help="measured starts (after one that warms the cache)")
    parser.add_argument("--questions", type=int, default=300, help="questions answered after each start")
    parser.add_argument("--cache", type=Path, default=ROOT / "data" / "cache",
                        help="a vector cache to start from (copied; the bot's own goes beside its database)")
    args = parser.parse_args(argv)
    texts = [c.text for name in ("eval.yaml", "people.yaml") for c in load_cases(ROOT / "tests" / "data" / name)[0]]
    questions = texts[: args.questions]
    load = os.getloadavg()[0]
    seconds, peak = check()
    print(f"load average {load:.2f} (2 cores)")
    print(f"bot.py check: {seconds:.2f} s, peak RSS {peak:.0f} MB (bars 1.5 s, 150 MB)")
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        if args.cache.is_dir():
            shutil.copytree(args.cache, workdir / "cache")
        start(workdir, [])  # fills the cache where it lacks a text: a start with a warm cache is measured
        runs = []
        print("| start | first getUpdates s | reply to the waiting question s | RSS ready MB "
              f"| RSS after {len(questions)} questions MB | peak MB | CPU ms/question |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for n in range(args.starts):
            for old in workdir.glob("bot.db*"):  # a fresh database each start (the cache stays)
                old.unlink()
            run = start(workdir, questions)
            runs.append(run)
            print(f"| {n + 1} | {run['polled_s']:.2f} | {run['answered_s']:.2f} | {run['rss_ready_mb']:.0f} "
                  f"| {run['rss_mb']:.0f} | {run['peak_mb']:.0f} | {run['cpu_ms_per_question']:.1f} |", flush=True)
    print(f"median: ready {statistics.median(r['answered_s'] for r in runs):.2f} s (bar 3 s); RSS "
          f"{statistics.median(r['rss_mb'] for r in runs):.0f} MB, peak {max(r['peak_mb'] for r in runs):.0f} MB"
          f" (bar 300 MB); load average now {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()

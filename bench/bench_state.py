"""What the state file costs the event loop: one round of writes with N users kept.

    .venv/bin/python bench/bench_state.py [-n 20000] [--changed 1 100 1000] [--dir DIR]

Fills a state file (store/state.py) with N users' data (a language; every tenth with a follow-up draft),
then, through handlers/persistence.SQLitePersistence as python-telegram-bot drives it, times rounds in
which `changed` users' data changed: the round's wall time, and how long the event loop was held up
(the longest gap seen by a 1 ms ticker running meanwhile). Also the start-up read of the whole file.

Baseline, in the same process: the whole state serialised and written to a file on the event loop at
every round, as the old whole-file state did (here as JSON; the old pickle measured 47 ms at 20,000
users in the issue's report). Not a test: numbers for docs/state.md.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from handlers.persistence import SQLitePersistence  # noqa: E402
from store.state import USER, Change, StateStore  # noqa: E402

ROUNDS = 20


def user_data(uid: int) -> dict:
    data: dict = {"lang": "ko" if uid % 3 else "en", "seen_lang": "ko"}
    if uid % 10 == 0:
        data["followup"] = {"anonymous": False, "consent_version": "2026-11-v1", "name": "김민지",
                            "contact": "010-2468-1357", "question": "수소충전소 부지 임대 조건이 궁금합니다",
                            "touched": datetime.now(timezone.utc), "prompt": (uid, 57), "step": "question"}
    return data


async def loop_lag(during: asyncio.Future) -> float:
    """The longest the event loop went without running a 1 ms ticker while `during` ran (seconds)."""
    worst = 0.0
    while not during.done():
        before = time.perf_counter()
        await asyncio.sleep(0.001)
        worst = max(worst, time.perf_counter() - before - 0.001)
    return worst


async def timed_round(work) -> tuple[float, float]:
    started = time.perf_counter()
    task = asyncio.ensure_future(work())
    lag = await loop_lag(task)
    await task
    return time.perf_counter() - started, lag


async def bench(folder: Path, n: int, changed_counts: list[int]) -> None:
    path = folder / "bench-state.db"
    users = {uid: user_data(uid) for uid in range(n)}
    state = StateStore(path)
    state.apply([Change(USER, uid, data, user_id=uid) for uid, data in users.items()])
    state.close()

    started = time.perf_counter()
    persistence = SQLitePersistence(StateStore(path))
    loaded = await persistence.get_user_data()
    print(f"  start-up: open, check and read {len(loaded):,} users    {(time.perf_counter() - started) * 1000:8.1f} ms")

    baseline_file = folder / "bench-state.json"

    def whole_file() -> None:
        text = json.dumps({str(k): v for k, v in users.items()}, default=str, ensure_ascii=False)
        baseline_file.write_text(text, encoding="utf-8")

    for changed in changed_counts:
        walls, lags, base = [], [], []
        for round_ in range(ROUNDS):
            ids = [(round_ * changed + i * 7) % n for i in range(changed)]
            for uid in ids:
                users[uid]["lang"] = "en" if users[uid]["lang"] == "ko" else "ko"

            async def one_round() -> None:
                # What Application.update_persistence does: one call per changed user, gathered.
                await asyncio.gather(*(persistence.update_user_data(uid, dict(users[uid])) for uid in ids))

            wall, lag = await timed_round(one_round)
            walls.append(wall)
            lags.append(lag)
            started = time.perf_counter()
            whole_file()  # the baseline runs on the loop: all of it is lag
            base.append(time.perf_counter() - started)
        ms = lambda xs: statistics.median(xs) * 1000  # noqa: E731
        print(f"  {changed:>5} changed: round {ms(walls):7.2f} ms, event loop held up {ms(lags):6.2f} ms (median)"
              f" | whole-file rewrite on the loop {ms(base):7.2f} ms  ({ms(base) / max(ms(lags), 0.001):,.0f}x)")
    await persistence.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=20000, help="users kept (default 20000)")
    parser.add_argument("--changed", type=int, nargs="+", default=[1, 100, 1000])
    parser.add_argument("--dir", type=Path, help="folder for the files (default: a temporary one)")
    args = parser.parse_args()
    print(f"state file, {args.n:,} users; Python {platform.python_version()}, {os.cpu_count()} CPUs")
    if args.dir:
        args.dir.mkdir(parents=True, exist_ok=True)
        asyncio.run(bench(args.dir, args.n, args.changed))
    else:
        with tempfile.TemporaryDirectory() as folder:
            asyncio.run(bench(Path(folder), args.n, args.changed))


if __name__ == "__main__":
    main()

"""How long the enquiry log's synchronous writes take: is a writer thread needed?

    .venv/bin/python bench/bench_store.py [-n 5000] [--dir DIR]

Records N enquiries, each with its decision (two committed writes, as the bot does for every message),
then N/5 ratings and reads of a user's last unanswered question, forgets one user and vacuums, on a fresh WAL database, with
synchronous=NORMAL (the store's setting) and with FULL (an fsync on every commit) for comparison.
Prints writes per second and the p50/p99/max time of one write. Not a test: numbers for the README.
"""
from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from intents.decision import Candidate, Decision  # noqa: E402
from store import EnquiryStore  # noqa: E402

TEXTS = ["청창사 언제 모집해요", "드론 교육 있나요", "수출 바우처 신청 방법 알려주세요", "수소 충전소 어디에 있어요",
         "hydrogen refuelling stations in Changwon", "창업 사무실 임대 지원 있나요"]
DECISIONS = [
    Decision("answer", id="youth-startup-academy", aspect="period", score=91.2,
             candidates=(Candidate("youth-startup-academy", "program", 91.2), Candidate("office-space", "faq", 40.1))),
    Decision("suggest", score=55.0, candidates=(Candidate("drone-training", "program", 55.0),
                                                Candidate("worker-training", "program", 51.0),
                                                Candidate("job-fair", "faq", 44.0))),
    Decision("fallback"),
]


def percentile(sorted_values: list[float], q: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(q * len(sorted_values)))]


def line(label: str, samples_s: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples_s)
    total = sum(samples_s)
    return (f"  {label:<28} {len(ms) / total:>9,.0f}/s   p50 {statistics.median(ms):6.3f} ms"
            f"   p99 {percentile(ms, 0.99):6.3f} ms   max {ms[-1]:7.3f} ms")


def run(folder: Path, n: int, synchronous: str) -> None:
    path = folder / f"bench-{synchronous.lower()}.db"
    store = EnquiryStore(path, synchronous=synchronous)
    message, decision, pair, feedback, reads = [], [], [], [], []
    ids = []
    clock = time.perf_counter
    for i in range(n):
        user = 1000 + i % 200
        t0 = clock()
        eid = store.enquiries.record(user_id=user, chat_id=user, lang="ko", text=TEXTS[i % len(TEXTS)],
                                   update_id=i)
        t1 = clock()
        store.enquiries.record_decision(eid, DECISIONS[i % len(DECISIONS)], 1.234)
        t2 = clock()
        message.append(t1 - t0)
        decision.append(t2 - t1)
        pair.append(t2 - t0)
        ids.append((eid, user))
    for eid, user in ids[: n // 5]:
        t0 = clock()
        store.enquiries.record_feedback(eid, user, True)
        feedback.append(clock() - t0)
    for _, user in ids[: n // 5]:
        t0 = clock()
        store.enquiries.last_unanswered(user)
        reads.append(clock() - t0)
    size = path.stat().st_size + path.with_name(path.name + "-wal").stat().st_size
    t0 = clock()
    store.privacy.forget_user(1000)
    forget_ms = (clock() - t0) * 1000
    t0 = clock()
    store.vacuum()
    vacuum_ms = (clock() - t0) * 1000
    store.close()
    print(f"synchronous={synchronous} (WAL), {n} messages, file {size / 1e6:.1f} MB")
    print(line("record_message", message))
    print(line("record_decision", decision))
    print(line("message + decision (pair)", pair))
    print(line("record_feedback", feedback))
    print(line("last_unanswered (read)", reads))
    print(f"  forget_user (one user, {n // 200} messages) {forget_ms:.1f} ms; vacuum {vacuum_ms:.1f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=5000, help="messages to record (default 5000)")
    parser.add_argument("--dir", type=Path, help="where to put the database (default: a temporary folder)")
    parser.add_argument("--full", action=argparse.BooleanOptionalAction, default=True,
                        help="also measure synchronous=FULL (default: yes)")
    args = parser.parse_args()
    print(f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, {platform.machine()},"
          f" {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        print(f"database in {folder}")
        run(Path(folder), args.n, "NORMAL")
        if args.full:
            run(Path(folder), args.n, "FULL")
    return 0


if __name__ == "__main__":
    sys.exit(main())

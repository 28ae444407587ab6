"""What the search over enquiry texts costs: a search, and each write (the index's triggers).

    .venv/bin/python bench/bench_search.py [-n 100000]

Fills a fresh store with N enquiries (Korean and English questions with a running number, so that texts
differ), then times the web view's 문의 검색 (store/search.py) for terms of 1-2 characters (a LIKE scan:
no trigram covers them) and of 3+ characters (the FTS5 trigram index), against a plain LIKE over every text
as the baseline. Then the cost the index adds to a write: the same inserts into a table without it, and
folding the index after a forget (store/search.fold_deleted). Prints figures, not a test.
"""
from __future__ import annotations

import argparse
import platform
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from store import EnquiryStore  # noqa: E402
from store.search import fold_deleted, search  # noqa: E402

TEXTS = ["청창사 언제 모집해요 {n}", "드론 교육 있나요 {n}번째 문의", "수출 바우처 신청 절차가 궁금합니다 {n}",
         "수소충전소 부지 임대 조건 {n}", "hydrogen refuelling stations in Changwon {n}", "창업 사무실 임대 지원 {n}"]
RARE = "특허 출원 비용도 지원되나요 {n}"   # one text in RARE_EVERY: what staff usually look for
RARE_EVERY = 1000
TERMS = {"short, common (LIKE)": ["절차", "수소"], "short, rare (LIKE)": ["특허"],
         "long, common (index)": ["절차가", "hydrogen"], "long, rare (index)": ["특허 출원", "출원 비용"]}


def text(i: int) -> str:
    return (RARE if i % RARE_EVERY == 0 else TEXTS[i % len(TEXTS)]).format(n=i)


def timed(fn, repeat: int = 20) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=100_000)
    n = parser.parse_args().n
    print(f"SQLite {sqlite3.sqlite_version}, Python {platform.python_version()}, {n} enquiries")
    with tempfile.TemporaryDirectory() as folder:
        store = EnquiryStore(Path(folder) / "bot.db")
        start = time.perf_counter()
        with store.atomic():
            for i in range(n):
                store.enquiries.record(user_id=i % 5000, chat_id=i % 5000, lang="ko", text=text(i))
        with_index = (time.perf_counter() - start) / n * 1e6
        plain = sqlite3.connect(Path(folder) / "plain.db")
        plain.execute("CREATE TABLE enquiries (id INTEGER PRIMARY KEY, time TEXT, user_id INT, chat_id INT,"
                      " lang TEXT, text TEXT, source TEXT)")
        start = time.perf_counter()
        with plain:
            for i in range(n):
                plain.execute("INSERT INTO enquiries (time, user_id, chat_id, lang, text, source)"
                              " VALUES ('2026-01-01', ?, ?, 'ko', ?, 'message')",
                              (i % 5000, i % 5000, text(i)))
        without = (time.perf_counter() - start) / n * 1e6
        print(f"insert: {with_index:.1f} us with the index's trigger, {without:.1f} us without"
              f" (x{with_index / without:.1f}; one transaction, so this is the index's own cost)")

        for label, terms in TERMS.items():
            for term in terms:
                p50, worst = timed(lambda: search(store.db, term, limit=200))
                base, _ = timed(lambda: list(store.db.query(
                    "SELECT id FROM enquiries WHERE text LIKE ? ORDER BY id DESC LIMIT 200", (f"%{term}%",))))
                print(f"search {label:22} {term!r:14} p50 {p50:7.2f} ms, max {worst:7.2f} ms"
                      f"   plain LIKE {base:7.2f} ms (x{p50 / base:.2f})")
        start = time.perf_counter()
        store.privacy.forget_user(7)
        forget = (time.perf_counter() - start) * 1000
        store.db.execute("DELETE FROM enquiries WHERE user_id = 8")
        start = time.perf_counter()
        fold_deleted(store.db)
        fold = (time.perf_counter() - start) * 1000
        print(f"forget one user ({n // 5000} enquiries): {forget:.0f} ms in all, of which folding the index"
              f" (merging its segments) about {fold:.0f} ms")
        store.close()


if __name__ == "__main__":
    main()

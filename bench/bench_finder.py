"""Finder and alerts benchmark: what a /finder result, a stated profile and one run of the alert check cost.

    .venv/bin/python bench/bench_finder.py                 # shipped knowledge + synthetic 1k and 10k programs
    .venv/bin/python bench/bench_finder.py --sizes 1000

Prints, for the shipped knowledge base and for synthetic ones (every program with criteria and a window):
p50/p99 of rank_programs (judging every program against a profile and sorting) beside a baseline in the
same run, a plain sort of the same programs by name (the least any ordered list costs); p50/p99 of
parse_profile over stated profiles and ordinary questions; p50/p99 of the finder's routing of a question
(handlers/finder_route.py: profile, topic, area) beside the lexical matcher's own match of the same texts
(uncached), the cost every question already pays; p50/p99 of listing the programs without criteria that
may concern a profile ("확인 필요"); and the time `due()` takes to find the news for 1,000 subscriptions
(the alert job's pure part; the SQLite writes are one per alert sent).
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handlers.alerts import due, window_id  # noqa: E402
from handlers.finder_cards import rank_programs, unassessed  # noqa: E402
from handlers.finder_route import route  # noqa: E402
from intents.matcher import Matcher  # noqa: E402
from knowledge.eligibility import AGE_BANDS, FIELDS, HOME_REGIONS, NEEDS, SIZES, WHO, YEAR_BANDS, Criteria, Profile  # noqa: E402
from knowledge.loader import load_or_raise  # noqa: E402
from knowledge.model import KnowledgeBase, Program, Text  # noqa: E402
from knowledge.profile_text import parse_profile  # noqa: E402
from knowledge.windows import KST, Window  # noqa: E402

NOW = datetime(2026, 3, 2, 10, tzinfo=KST)
TEXTS = ["창업 2년차 제조업인데 받을 수 있는 지원", "예비창업자인데 사무실 지원 받을 수 있나요",
         "창원에서 방산 부품 만드는 중소기업인데 수출 지원 뭐가 있나요", "30대 초반 구직자인데 받을 수 있는 지원 있을까요",
         "청창사 언제 모집해요", "무역사절단 신청 방법", "오늘 점심 뭐 먹지",
         "I run a small business in Changwon, what support can I get?"]


def pct(samples: list[float]) -> tuple[float, float]:
    samples = sorted(samples)
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.99))]


def timed(call, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        out.append((time.perf_counter() - started) * 1000)
    return out


def random_profile(rng: random.Random) -> Profile:
    def pick(values):
        return rng.choice((*values, None))
    return Profile(who=rng.choice(WHO), years=pick(tuple(YEAR_BANDS)), size=pick(SIZES), age=pick(tuple(AGE_BANDS)),
                   region=pick(HOME_REGIONS), field=pick(FIELDS), need=pick(NEEDS))


def synthetic(size: int, rng: random.Random) -> KnowledgeBase:
    programs = []
    for n in range(size):
        opens = NOW + timedelta(days=rng.randint(-60, 60))
        criteria = Criteria(who=tuple(rng.sample(WHO, 2)), founded_within=rng.choice((None, 3, 7)),
                            age_max=rng.choice((None, 34, 39)), region=rng.choice((None, "changwon", "gyeongnam")),
                            field=tuple(rng.sample(FIELDS, 2)), need=tuple(rng.sample(NEEDS, 2)))
        programs.append(Program(id=f"p{n}", name=Text.of(f"사업 {n}"), summary=Text.of("요약"), criteria=(criteria,),
                                windows=(Window(opens, opens + timedelta(days=20)),)))
    return KnowledgeBase(programs=tuple(programs))


def bench_kb(label: str, kb: KnowledgeBase, rng: random.Random, repeat: int) -> None:
    profiles = [random_profile(rng) for _ in range(repeat)]
    it = iter(profiles)
    ranks = timed(lambda: rank_programs(kb, next(it), NOW), repeat)
    base = timed(lambda: sorted(kb.programs, key=lambda p: p.name.get("ko")), repeat)
    (r50, r99), (b50, b99) = pct(ranks), pct(base)
    print(f"{label:>22}: {len(kb.programs):>6} programs  rank_programs p50 {r50:7.3f} ms p99 {r99:7.3f} ms"
          f"  | baseline sort p50 {b50:7.3f} ms p99 {b99:7.3f} ms ({r50 / max(b50, 1e-9):5.1f}x at p50)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args(argv)
    rng = random.Random(7)
    shipped = load_or_raise(ROOT / "knowledge", ROOT / "intents")
    bench_kb("shipped", shipped, rng, args.repeat)
    for size in args.sizes:
        bench_kb(f"synthetic {size}", synthetic(size, rng), rng, max(20, args.repeat // (size // 1000 or 1)))
    p50, p99 = pct(timed(lambda: [parse_profile(t) for t in TEXTS], args.repeat))
    print(f"{'parse_profile':>22}: p50 {p50 / len(TEXTS) * 1000:7.1f} µs p99 {p99 / len(TEXTS) * 1000:7.1f} µs per text")
    matcher = Matcher(shipped)
    decisions = {t: matcher.match(t) for t in TEXTS}
    routing = timed(lambda: [route(t, decisions[t], matcher) for t in TEXTS], args.repeat)
    matching = timed(lambda: [matcher._match(t, None) for t in TEXTS], args.repeat)  # noqa: SLF001 - uncached
    (q50, q99), (m50, m99) = pct(routing), pct(matching)
    print(f"{'finder routing':>22}: p50 {q50 / len(TEXTS):7.3f} ms p99 {q99 / len(TEXTS):7.3f} ms per text"
          f"  | lexical match p50 {m50 / len(TEXTS):7.3f} ms p99 {m99 / len(TEXTS):7.3f} ms ({q50 / max(m50, 1e-9):4.2f}x)")
    profiles = [random_profile(rng) for _ in range(args.repeat)]
    it = iter(profiles)
    u50, u99 = pct(timed(lambda: unassessed(shipped, next(it)), args.repeat))
    print(f"{'to be checked':>22}: shipped, p50 {u50:7.3f} ms p99 {u99:7.3f} ms per result list")
    kb = synthetic(1000, rng)
    subs = [{"id": i, "user_id": i, "chat_id": i, "kind": "program", "target": f"p{i % 1000}", "lang": "ko",
             "created_at": (NOW - timedelta(days=30)).isoformat()} for i in range(1000)]
    seen = {window_id(p, w): NOW - timedelta(days=90) for p in kb.programs for w in p.windows}
    started = time.perf_counter()
    found = list(due(kb, subs, seen, NOW))
    print(f"{'alert check (pure)':>22}: 1000 subscriptions, 1000 programs: {len(found)} due in "
          f"{(time.perf_counter() - started) * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())

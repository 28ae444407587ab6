"""Matcher benchmark: latency, index build time and memory, beside plain rapidfuzz in the same run.

    .venv/bin/python bench/bench_matcher.py            # shipped knowledge base + 1k, 10k, 100k strings
    .venv/bin/python bench/bench_matcher.py --sizes 1000 --queries 300
    .venv/bin/python bench/bench_matcher.py --sizes          # only the shipped knowledge base, both modes

First, the shipped knowledge base in both modes side by side (MATCHER_MODE lexical and hybrid, one model
thread): p50/p99 of `match` over the eval and people cases, how many of them consulted the model, the time
to build the matcher with a warm vector cache, and the CPU time of the worst inputs (4,096 characters without
a space, a 4,096-character story). Then the lexical matcher on synthetic knowledge bases:

For each knowledge base it prints p50/p99 of `Matcher.match` over realistic queries, the time to build
the index, the memory building it takes (tracemalloc peak, on a second build) and, as a baseline, p50/p99 of
`rapidfuzz.process.extractOne(query, strings, scorer=fuzz.WRatio)` over the very same strings, and `top1`:
how often the first candidate is the expected item (eval.yaml's expectations for the shipped knowledge base;
the program a synthetic query was made from), to show that the candidate index loses nothing.
Synthetic knowledge bases are made by combining Korean and English words into programs with names,
aliases and questions, so the index sees the same kind of text as a real one.
"""
from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

from rapidfuzz import fuzz, process

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from intents.evaluate import load_cases  # noqa: E402
from intents.matcher import Matcher  # noqa: E402
from knowledge.loader import load_or_raise  # noqa: E402
from knowledge.model import Area, KnowledgeBase, Program, Text  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

TOPICS = ["창업", "수출", "수소", "방산", "항공", "부품", "인재", "교육", "멘토링", "일자리", "채용", "전시회", "특허",
          "디자인", "마케팅", "스마트공장", "로봇", "바이오", "조선", "해양", "물류", "관광", "문화", "콘텐츠", "농업",
          "식품", "소재", "반도체", "배터리", "자동차", "기계", "금형", "용접", "도금", "섬유", "에너지", "환경",
          "데이터", "인공지능", "소프트웨어", "게임", "의료", "헬스케어", "건설", "건축", "안전", "품질", "인증",
          "시험", "분석", "컨설팅", "투자", "융자", "보증", "세무", "회계", "법률", "노무", "청년", "여성", "장애인",
          "시니어", "재직자", "대학생", "유학생", "소상공인", "전통시장", "골목상권", "공유오피스", "메이커",
          "시제품", "양산", "판로", "홍보", "브랜드", "온라인", "수출입", "통관", "해외인증", "바이어", "박람회"]
KINDS = ["지원사업", "육성사업", "바우처", "아카데미", "센터", "프로그램", "협의회", "실증사업", "클러스터", "펀드"]
PREFIXES = ["창원", "경남", "지역", "글로벌", "미래", "스마트", "그린", "디지털", "혁신", "청년"]
ENGLISH = ["startup", "export", "hydrogen", "defense", "training", "mentoring", "jobs", "patent", "design",
           "marketing", "factory", "robot", "bio", "shipbuilding", "logistics", "tourism", "content", "food",
           "battery", "machinery", "energy", "data", "software", "medical", "safety", "quality", "investment"]
ASKS = ["{} 신청 방법", "{} 언제 모집해요", "{} 지원 대상이 누구예요", "{} 문의처 알려주세요", "how to apply for {}",
        "{} 어떤 지원 받을 수 있나요"]


def synthetic_kb(n_strings: int, seed: int = 7) -> KnowledgeBase:
    """About `n_strings` names, aliases and questions spread over programs of 10 strings each."""
    rng = random.Random(seed)
    area = Area("synthetic", Text.of({"ko": "합성", "en": "Synthetic"}))
    programs = []
    seen: set[tuple[str, ...]] = set()
    number = 0
    while number < max(1, n_strings // 10):
        # Three topic words and a kind make a name; like real program names, mostly unique.
        words = (*rng.sample(TOPICS, 3), rng.choice(KINDS))
        if words in seen:
            continue
        seen.add(words)
        topic = f"{words[0]}{words[1]} {words[2]} {words[3]}"
        name = f"{rng.choice(PREFIXES)} {topic}"
        english = f"{rng.choice(ENGLISH)} {rng.choice(ENGLISH)} {rng.choice(ENGLISH)} program"
        alias = f"{words[0][:2]}{words[1][:2]}{words[2][:2]}"
        questions = tuple(ask.format(topic) for ask in rng.sample(ASKS, 5)) + (
            f"{words[0]} {words[2]} {words[3]} 있나요", f"{words[1]} {words[2]} 관련 {words[3]} 알려주세요")
        programs.append(Program(id=f"p{number}", name=Text.of({"ko": name, "en": english}),
                                summary=Text.of(f"{name} 사업입니다."), aliases=(alias,),
                                questions=questions, area=area))
        number += 1
    return KnowledgeBase(areas=(area,), programs=tuple(programs))


def strings_of(kb: KnowledgeBase) -> list[str]:
    out: list[str] = []
    for item in kb.items():
        out.extend(getattr(item, "questions", ()) or getattr(item, "examples", ()))
        out.extend(getattr(item, "aliases", ()))
        name = getattr(item, "name", None)
        if name:
            out.extend(v for _, v in name.values)
    return out


def synthetic_queries(kb: KnowledgeBase, count: int, seed: int = 11) -> list[tuple[str, str | None]]:
    """(query, the program it was made from) pairs, with typos and lost spaces; a few out of scope."""
    rng = random.Random(seed)
    queries: list[tuple[str, str | None]] = []
    for _ in range(count):
        program = rng.choice(kb.programs)
        text = rng.choice(program.questions)
        if rng.random() < 0.3:  # a one-letter slip, as people type
            i = rng.randrange(len(text))
            text = text[:i] + text[i + 1:]
        if rng.random() < 0.2:
            text = text.replace(" ", "")
        queries.append((text, program.id))
    queries += [(q, None) for q in ["오늘 점심 뭐 먹지", "국민연금 조회", "ㅊㅊㅅ", "hello"]] * max(1, count // 100)
    return queries


def percentiles(samples: list[float]) -> tuple[float, float]:
    qs = statistics.quantiles(samples, n=100, method="inclusive")
    return qs[49], qs[98]


def time_calls(call, queries: list[str]) -> tuple[float, float]:
    for query in queries[:20]:
        call(query)  # warm caches
    samples = []
    for query in queries:
        start = time.perf_counter()
        call(query)
        samples.append((time.perf_counter() - start) * 1000)
    return percentiles(samples)


def bench(label: str, kb: KnowledgeBase, cases: list[tuple[str, str | None]]) -> None:
    queries = [q for q, _ in cases]
    gc.collect()
    start = time.perf_counter()
    matcher = Matcher(kb, cache_size=0)  # time the work, not the cache of repeated questions
    build_s = time.perf_counter() - start
    # Memory is measured on a second build: tracemalloc slows Python down several times over.
    gc.collect()
    tracemalloc.start()
    Matcher(kb)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    strings = strings_of(kb)
    m50, m99 = time_calls(matcher.match, queries)
    r50, r99 = time_calls(lambda q: process.extractOne(q, strings, scorer=fuzz.WRatio), queries)
    # Is the candidate index losing the right item? First candidate = the item the query came from.
    in_scope = [(q, expect) for q, expect in cases if expect]
    top1 = sum(1 for q, expect in in_scope if (d := matcher.match(q)).candidates and d.candidates[0].id == expect)
    print(f"{label:<10} {len(strings):>7} {build_s:>8.2f} {peak / 2**20:>8.1f} {m50:>8.3f} {m99:>8.3f}"
          f" {r50:>9.3f} {r99:>9.3f} {r99 / m99:>7.1f}x {top1 / max(1, len(in_scope)):>6.3f}")


def spread(samples: list[float]) -> tuple[float, float, float, float]:
    """p50, p95, p99 and max of a list of times."""
    qs = statistics.quantiles(samples, n=100, method="inclusive")
    return qs[49], qs[94], qs[98], max(samples)


def reference_ms() -> float:
    """CPU time of a fixed piece of pure Python (sorting and hashing strings): the machine's pace at that
    moment, so runs at different loads can be compared (a figure divided by it moves less than the figure)."""
    begin = time.process_time()
    words = [f"{i * 7919 % 10007}창업" for i in range(20_000)]
    for _ in range(5):
        sorted(words)
        len({w[::-1] for w in words})
    return (time.process_time() - begin) * 1000


def bench_modes(kb: KnowledgeBase, cases: list[str], cache_dir: Path, rounds: int = 2) -> None:
    """The shipped knowledge base, lexical and hybrid side by side: each case timed in both modes, the
    modes taking turns round by round, so a change in the machine's load touches both alike."""
    import os
    import resource

    from intents.semantic import shared_embedder

    load_before, reference_before = os.getloadavg()[0], reference_ms()
    start = time.perf_counter()
    embedder = shared_embedder()
    load_s = time.perf_counter() - start
    matchers: dict[str, Matcher] = {}
    builds: dict[str, float] = {}
    model_ms: list[float] = []  # CPU of each model call (hybrid)
    for mode in ("lexical", "hybrid"):
        Matcher(kb, embedder=embedder if mode == "hybrid" else None, cache_dir=cache_dir)  # warm the cache
        start = time.perf_counter()
        matchers[mode] = Matcher(kb, cache_size=0, embedder=embedder if mode == "hybrid" else None,
                                 cache_dir=cache_dir)
        builds[mode] = time.perf_counter() - start
    hybrid = matchers["hybrid"]
    if hybrid.embedder is not None:
        model = hybrid.embedder._model  # the engine itself: its CPU time per call

        class Timed:
            dim = model.dim  # type: ignore[attr-defined]

            def query(self, texts: object) -> object:
                begin = time.process_time()
                try:
                    return model.query(texts)  # type: ignore[attr-defined]
                finally:
                    model_ms.append((time.process_time() - begin) * 1000)
        hybrid.embedder._model = Timed()
    for matcher in matchers.values():
        for query in cases[:20]:
            matcher.match(query)  # warm caches
    wall: dict[str, list[float]] = {mode: [] for mode in matchers}
    cpu: dict[str, list[float]] = {mode: [] for mode in matchers}
    in_model: list[float] = []  # hybrid: the model's CPU in each match
    used = 0
    for _ in range(rounds):
        for mode, matcher in matchers.items():
            if matcher.embedder is not None:
                getattr(matcher.embedder, "_recent", {}).clear()  # every message read by the model as if new
                calls = len(model_ms)
            for query in cases:
                before = len(model_ms)
                begin_wall, begin_cpu = time.perf_counter(), time.process_time()
                matcher.match(query)
                cpu[mode].append((time.process_time() - begin_cpu) * 1000)
                wall[mode].append((time.perf_counter() - begin_wall) * 1000)
                if mode == "hybrid":
                    in_model.append(sum(model_ms[before:]))
            if matcher.embedder is not None:
                used = len(model_ms) - calls
    worst: dict[str, dict[str, float]] = {}
    for mode, matcher in matchers.items():
        worst[mode] = {}
        for name, text in (("nospace", ("창업지원신청방법수소충전소" * 400)[:4096]),
                           ("story", ("저희 회사는 창원에서 부품을 만듭니다. " * 200)[:4090] + " 수출 지원 있나요?")):
            begin = time.process_time()
            matcher.match(text)
            worst[mode][name] = (time.process_time() - begin) * 1000
    load_after, reference_after = os.getloadavg()[0], reference_ms()
    print(f"model load {load_s:.2f} s (one thread); shipped knowledge base, {len(cases)} cases x {rounds} rounds, "
          f"the modes taking turns")
    print(f"load average {load_before:.2f} -> {load_after:.2f} (2 cores); reference {reference_before:.0f} -> "
          f"{reference_after:.0f} ms CPU (bench/bench_matcher.py reference_ms: higher = a busier machine)")
    print(f"{'mode':<8} {'build_s':>7} | {'wall ms: p50':>12} {'p95':>6} {'p99':>6} {'max':>6} | {'cpu ms: p50':>11}"
          f" {'p95':>6} {'p99':>6} {'max':>6} | {'model_used':>10} {'4096nospace_cpu':>15} {'4096story_cpu':>13}")
    rows = {}
    for mode in matchers:
        w, c = spread(wall[mode]), spread(cpu[mode])
        rows[mode] = (w, c)
        share = used / len(cases) if mode == "hybrid" else 0.0
        print(f"{mode:<8} {builds[mode]:>7.2f} | {w[0]:>12.2f} {w[1]:>6.1f} {w[2]:>6.1f} {w[3]:>6.1f} | {c[0]:>11.2f}"
              f" {c[1]:>6.1f} {c[2]:>6.1f} {c[3]:>6.1f} | {share:>10.2f} {worst[mode]['nospace']:>15.1f}"
              f" {worst[mode]['story']:>13.1f}")
    (lw, lc), (hw, hc) = rows["lexical"], rows["hybrid"]
    print(f"hybrid/lexical wall p50 {hw[0] / lw[0]:.1f}x, p99 {hw[2] / lw[2]:.1f}x; cpu p50 {hc[0] / lc[0]:.1f}x,"
          f" p99 {hc[2] / lc[2]:.1f}x; hybrid p99 / reference {hw[2] / reference_after:.2f}")
    if len(model_ms) >= 2:
        per_call = spread(model_ms)
        # Where the hybrid tail goes: the model's share of all matching, and of the slowest 1% of matches.
        slowest = sorted(range(len(in_model)), key=lambda i: -cpu["hybrid"][i])[: max(1, len(in_model) // 100)]
        tail = sum(in_model[i] for i in slowest) / max(sum(cpu["hybrid"][i] for i in slowest), 1e-9)
        print(f"model: {len(model_ms)} calls, CPU ms a call p50 {per_call[0]:.1f}, p99 {per_call[2]:.1f}, max"
              f" {per_call[3]:.1f}; {sum(model_ms) / max(sum(cpu['hybrid']), 1e-9):.0%} of hybrid matching's CPU,"
              f" {tail:.0%} of the slowest 1% of matches'")
    print(f"max RSS of this process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1_000, 10_000, 100_000])
    parser.add_argument("--queries", type=int, default=500, help="queries per synthetic knowledge base")
    parser.add_argument("--cache", type=Path, default=ROOT / "data" / "cache", help="the model's vector cache")
    parser.add_argument("--rounds", type=int, default=2, help="times each case is matched in each mode")
    args = parser.parse_args()

    shipped = load_or_raise(ROOT / "knowledge", ROOT / "intents")
    texts = [c.text for name in ("eval.yaml", "people.yaml")
             for c in load_cases(ROOT / "tests" / "data" / name)[0]]
    bench_modes(shipped, texts, args.cache, args.rounds)

    print(f"{'kb':<10} {'strings':>7} {'build_s':>8} {'index_MB':>8} {'p50_ms':>8} {'p99_ms':>8}"
          f" {'rf_p50_ms':>9} {'rf_p99_ms':>9} {'rf/ours':>8} {'top1':>6}")
    cases, _ = load_cases(ROOT / "tests" / "data" / "eval.yaml")
    bench("shipped", shipped, [(c.text, c.expect) for c in cases])
    for size in args.sizes:
        kb = synthetic_kb(size)
        bench(f"{size // 1000}k", kb, synthetic_queries(kb, args.queries))


if __name__ == "__main__":
    main()

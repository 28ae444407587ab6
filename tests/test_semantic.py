"""The semantic layer: CPU probe, fallback to lexical, the on-disk cache, and what the model changes.

The model is loaded once per test session (intents.semantic keeps one per process); the knowledge base here
is small so that embedding it cold is quick. Every other matcher test runs lexical."""
from __future__ import annotations

import io
import json
import logging
from pathlib import Path

import numpy as np
import pytest

from intents.evaluate import run_eval
from intents.matcher import Matcher
from intents.semantic import Embedder, SemanticCache, cpu_supported, shared_embedder
from knowledge.loader import load_or_raise
from knowledge.model import KnowledgeBase

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "tests" / "data" / "semantic"


@pytest.fixture(scope="module")
def small() -> KnowledgeBase:
    return load_or_raise(SMALL / "knowledge", SMALL / "intents")


def _cpuinfo(tmp_path: Path, flags: str) -> Path:
    path = tmp_path / "cpuinfo"
    path.write_text(f"processor\t: 0\nmodel name\t: test\nflags\t\t: {flags}\n\n", encoding="ascii")
    return path


def test_the_cpu_is_probed_before_the_engine_is_loaded(tmp_path: Path) -> None:
    assert cpu_supported(_cpuinfo(tmp_path, "fpu sse2 avx avx2 fma"), "x86_64") == (True, "")
    assert cpu_supported(_cpuinfo(tmp_path, "fpu sse2 avx"), "x86_64") == (False, "the CPU has no AVX2")
    assert not cpu_supported(tmp_path / "missing", "x86_64")[0]
    assert not cpu_supported(tmp_path / "missing", "riscv64")[0]


def test_no_avx2_means_lexical_with_one_log_line(tmp_path: Path, small: KnowledgeBase,
                                                caplog: pytest.LogCaptureFixture) -> None:
    if cpu_supported()[0] is False:
        pytest.skip("this machine's own CPU is unsupported")
    with caplog.at_level(logging.WARNING, logger="intents.semantic"):
        assert Embedder.load(_cpuinfo(tmp_path, "fpu sse2 avx")) is None
    assert [r.getMessage() for r in caplog.records] == ["semantic matching off (the CPU has no AVX2): matching is lexical"]
    matcher = Matcher(small, embedder=None)
    assert matcher.mode == "lexical" and matcher.match("수소충전소 구축").id == "hydrogen-stations"


def test_vectors_are_cached_on_disk_by_content(tmp_path: Path, small: KnowledgeBase, embedder: Embedder) -> None:
    first = Matcher(small, embedder=embedder, cache_dir=tmp_path)
    assert first.mode == "hybrid"
    cached = tmp_path / f"{embedder.name}.npz"
    assert cached.is_file()
    # A model that cannot embed anything: the index comes from the cache alone, or the matcher goes lexical.
    no_model = Embedder(model=None, version=embedder.version)
    second = Matcher(small, embedder=no_model, cache_dir=tmp_path)
    assert second.mode == "hybrid"
    assert np.array_equal(first.semantic_matrix, second.semantic_matrix)
    # A knowledge text changed: only it needs the model; without one the matcher stays lexical.
    edited = load_or_raise(SMALL / "knowledge", SMALL / "intents")
    from dataclasses import replace
    program = replace(edited.programs[0], questions=(*edited.programs[0].questions, "새로 추가한 질문 문장"))
    changed = replace(edited, programs=(program, *edited.programs[1:]))
    assert Matcher(changed, embedder=no_model, cache_dir=tmp_path).mode == "lexical"


def test_a_broken_cache_file_is_rebuilt(tmp_path: Path, small: KnowledgeBase, embedder: Embedder,
                                        caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / f"{embedder.name}.npz").write_bytes(b"not a numpy file")
    with caplog.at_level(logging.WARNING):
        matcher = Matcher(small, embedder=embedder, cache_dir=tmp_path)
    assert matcher.mode == "hybrid" and "could not be read" in caplog.text
    # Rewritten whole: every phrase, the programs' own texts (for aspects, intents/aspect_texts.py), some of
    # which are phrases too, the sentences about everyday needs (intents/outside.py) and the knowledge base's
    # content words (intents/kin_words.py).
    assert matcher.aspect_texts is not None and matcher.outside is not None
    program_texts = sum(matrix.shape[0] for _, matrix in matcher.aspect_texts.texts.values())
    words = len(matcher.kin_words.words) if matcher.kin_words is not None else 0
    cached = len(SemanticCache(tmp_path, embedder.name).vectors)
    assert matcher.semantic_matrix.shape[0] < cached \
        <= matcher.semantic_matrix.shape[0] + program_texts + matcher.outside.matrix.shape[0] + words


def test_the_model_takes_back_an_answer_that_only_shares_a_word(small: KnowledgeBase, embedder: Embedder) -> None:
    lexical, hybrid = Matcher(small), Matcher(small, embedder=embedder)
    # 박람회 is a synonym of 전시회: the lexical score alone would answer with the defense exhibition program;
    # the structural near-miss rule (intents/scope.py) now refuses it in both modes, the model's veto too.
    assert lexical._match_text("웨딩 박람회 일정 알려주세요", None).id == "defense-exhibition"
    assert lexical.match("웨딩 박람회 일정 알려주세요").kind != "answer"
    assert hybrid.match("웨딩 박람회 일정 알려주세요").kind != "answer"
    assert hybrid.match("방산 전시회 참가 지원").id == "defense-exhibition"  # sure lexical answers stand


def test_the_model_ranks_a_paraphrase_with_no_shared_word(small: KnowledgeBase, embedder: Embedder) -> None:
    hybrid = Matcher(small, embedder=embedder)
    scores = hybrid.semantic_scores("factory floor problems expert")
    best = max(scores, key=scores.__getitem__)
    assert hybrid.entries[best].item.id == "onsite-mentoring"
    assert hybrid.match("factory floor problems expert").candidates[0].id == "onsite-mentoring"


def test_eval_reports_the_mode(tmp_path: Path, embedder: Embedder) -> None:
    cases = tmp_path / "cases.yaml"
    cases.write_text("- {text: 수소충전소 구축, expect: hydrogen-stations}\n- {text: 웨딩 박람회 일정, expect: null}\n",
                     encoding="utf-8")
    for mode, rejected in (("hybrid", 1.0), ("lexical", 1.0)):  # the near miss is refused in both modes
        out = io.StringIO()
        assert run_eval(cases, SMALL / "knowledge", SMALL / "intents", as_json=True, out=out, mode=mode,
                        cache_dir=tmp_path) == 0
        figures = json.loads(out.getvalue().splitlines()[-1])
        assert (figures["mode"], figures["answered"], figures["oos_rejected"]) == (mode, 1.0, rejected)


def test_a_cold_cache_is_filled_in_the_background_while_matching_stays_lexical(
        tmp_path: Path, small: KnowledgeBase, embedder: Embedder) -> None:
    matcher = Matcher(small, embedder=embedder, cache_dir=tmp_path, background=True)
    assert matcher.match("수소충전소 구축").id == "hydrogen-stations"  # answered at once, whatever the mode
    assert matcher.semantic_ready.wait(60)
    assert matcher.mode == "hybrid" and (tmp_path / f"{embedder.name}.npz").is_file()
    warm = Matcher(small, embedder=embedder, cache_dir=tmp_path, background=True)
    assert warm.mode == "hybrid"  # everything cached: ready before the constructor returns

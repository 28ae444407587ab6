"""How the model's similarities enter the fused score, the model's nearest item offered, and a weak lexical
answer the model disputes taken back (intents/fusion.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

import numpy as np

from intents.fusion import best_per_row, model_nearest, semantic_shares, taken_back, with_bodies, with_nearest
from intents.matcher import Matcher
from intents.semantic import Embedder
from knowledge.loader import load_or_raise

ROOT = Path(__file__).resolve().parent.parent


def test_similarities_above_the_ceiling_keep_the_models_order() -> None:
    shares = semantic_shares({0: 0.978, 1: 0.962, 2: 0.90}, floor=0.85, ceiling=0.95, relative=True)
    assert shares[0] == pytest.approx(1.0)
    assert shares[0] > shares[1] > shares[2] > 0
    # Nothing above the ceiling: scaled from [floor, ceiling] as before.
    assert semantic_shares({0: 0.90, 1: 0.80}, floor=0.85, ceiling=0.95, relative=True) == pytest.approx({0: 0.5, 1: 0.0})
    assert semantic_shares({0: 0.978, 1: 0.962}, floor=0.85, ceiling=0.95) == {0: 1.0, 1: 1.0}  # clipped
    assert semantic_shares({}, 0.85, 0.95) == {}


def test_the_models_nearest_item_takes_the_last_place_when_missing() -> None:
    ids = ["a", "b", "c"]
    assert with_nearest(ids, str, "x", str, 3) == ("a", "b", "x")
    assert with_nearest(ids, str, "b", str, 3) == ("a", "b", "c")  # already offered
    assert with_nearest(["a"], str, "x", str, 3) == ("a", "x")
    assert with_nearest(ids, str, None, str, 3) == ("a", "b", "c")


def test_the_nearest_must_be_eligible_and_similar_enough() -> None:
    cosines = {0: 0.95, 1: 0.93, 2: 0.80}
    assert model_nearest(cosines, lambda i: True, 0.89) == 0
    assert model_nearest(cosines, lambda i: i != 0, 0.89) == 1  # small talk is not offered
    assert model_nearest(cosines, lambda i: i == 2, 0.89) is None


def test_a_weak_answer_the_model_disputes_is_taken_back() -> None:
    assert taken_back(0.87, 0.80, floor=0.88, disputed=0.90, gap=0.015), "unlike the question: the old veto"
    assert taken_back(0.885, 0.91, floor=0.88, disputed=0.90, gap=0.015), "another item clearly more similar"
    assert not taken_back(0.885, 0.895, floor=0.88, disputed=0.90, gap=0.015), "no clear preference"
    assert not taken_back(0.91, 0.95, floor=0.88, disputed=0.90, gap=0.015), "similar enough whatever else is"


def test_a_command_word_in_a_question_leaves_the_model_its_nearest_item(embedder: Embedder) -> None:
    """`수출 경험 없는 수산업체인데 어디서부터 시작하죠` on the alternate knowledge base: the lexical matcher once led
    with the program list on the menu's `시작` (다시 시작) and the model, preferring the first-export FAQ, could
    only dispute it (neither was answered). A command word inside a question is no command (intents/acts.py):
    the list is no candidate, lexically the FAQ is offered, and with the model the FAQ is answered."""
    kb = load_or_raise(ROOT / "tests/data/alt/knowledge", ROOT / "intents")
    question = "수출 경험 없는 수산업체인데 어디서부터 시작하죠"
    lexical = Matcher(kb).match(question)
    assert lexical.id != "list-programs" and lexical.candidates[0].id == "first-export"
    decision = Matcher(kb, embedder=embedder).match(question)
    assert decision.kind == "answer" and decision.id == "first-export", decision


def test_each_item_scores_its_best_row() -> None:
    matrix = np.array([[1.0, 0.0], [0.0, 1.0], [0.6, 0.8]], dtype=np.float32)
    rows = np.array([0, 0, 2])
    assert best_per_row(matrix, rows, np.array([0.0, 1.0], dtype=np.float32), 3) == pytest.approx({0: 1.0, 2: 0.8})
    assert best_per_row(matrix[:0], rows[:0], np.array([0.0, 1.0], dtype=np.float32), 3) == {}


def test_a_body_nearer_than_the_phrasings_counts_for_the_order() -> None:
    cosines = {0: 0.90, 1: 0.91, 2: 0.88}
    merged = with_bodies(cosines, {0: 0.93, 1: 0.85, 5: 0.99})
    assert merged == {0: 0.93, 1: 0.91, 2: 0.88}, "the better of the two; no item the phrasings did not score"


def test_a_paraphrase_in_a_programs_body_words_ranks_that_program_first(embedder: Embedder) -> None:
    """`양식 면허 있는 어가인데 설비 현대화 비용 지원 되나요` (alt/para.yaml, tuned): a fish farm asking for its
    equipment to be modernised. The smart-farm building program's name and questions speak of 스마트양식장, sensors
    and feeders; its eligibility text of 양식업 면허 and 양식 어가, its support text of 설비 도입 비용. With the
    bodies in the fused order it leads the candidates; on the phrasings alone it was not among the first three."""
    kb = load_or_raise(ROOT / "tests/data/alt/knowledge", ROOT / "intents")
    matcher = Matcher(kb, embedder=embedder)
    question = "양식 면허 있는 어가인데 설비 현대화 비용 지원 되나요"
    assert matcher.match(question).candidates[0].id == "smart-farm-build"
    # An FAQ's or a referral's body is its answer: asked in the answer's own words, that item is the body's nearest.
    faq = next(f for f in kb.faqs if f.answer.get("ko"))
    bodies = matcher.body_scores(faq.answer.get("ko"))
    assert max(bodies, key=bodies.__getitem__) == matcher.index_of[faq.id]
    assert bodies[matcher.index_of[faq.id]] == pytest.approx(1.0, abs=1e-3)
    matcher.body_rows = matcher.body_rows[:0]
    matcher._cached_match.cache_clear()
    assert "smart-farm-build" not in [c.id for c in matcher.match(question).candidates[:3]]

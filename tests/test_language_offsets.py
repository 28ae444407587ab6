"""Cross-language calibration of the model's thresholds (intents/semantic.py language_offsets,
weak_answer_stands; used by the matcher's veto on weak lexical answers)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from intents.fusion import weak_answer_stands
from intents.semantic import Embedder, language_offsets
from intents.matcher import Matcher
from knowledge.loader import load_or_raise

ROOT = Path(__file__).resolve().parent.parent


def _unit(*rows: list[float]) -> np.ndarray:
    matrix = np.asarray(rows, dtype=np.float32)
    return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


def _phrasings(n_items: int, ko_angle: float, en_angle: float) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Each item: two Korean phrasings `ko_angle` apart and one English one `en_angle` from the first."""
    vectors, rows, langs = [], [], []
    for item in range(n_items):
        axis = np.zeros(2 * n_items + 2)
        axis[2 * item] = 1.0
        side = np.zeros_like(axis)
        side[2 * item + 1] = 1.0
        for angle, lang in ((0.0, "ko"), (ko_angle, "ko"), (en_angle, "en")):
            vectors.append(np.cos(angle) * axis + np.sin(angle) * side)
            rows.append(item)
            langs.append(lang)
    return _unit(*vectors), np.asarray(rows), langs


def test_a_language_whose_paraphrases_sit_further_apart_gets_the_difference() -> None:
    # Korean phrasings of an item 0.3 rad apart (cos 0.955), the English one 0.4 rad off the first on the
    # other side (cos 0.921 to its nearest own phrasing): English cosines sit 0.034 lower.
    matrix, rows, langs = _phrasings(10, ko_angle=0.3, en_angle=-0.4)
    offsets = language_offsets(matrix, rows, langs)
    assert set(offsets) == {"en"}
    assert offsets["en"] == pytest.approx(np.cos(0.3) - np.cos(0.4), abs=1e-3)


def test_no_offset_without_enough_phrasings_and_never_a_wide_one() -> None:
    matrix, rows, langs = _phrasings(3, ko_angle=0.1, en_angle=-1.2)
    assert language_offsets(matrix, rows, langs) == {}  # three English phrasings are no measurement
    matrix, rows, langs = _phrasings(12, ko_angle=0.1, en_angle=-1.2)
    assert language_offsets(matrix, rows, langs)["en"] == pytest.approx(0.08)  # capped
    matrix, rows, langs = _phrasings(12, ko_angle=0.6, en_angle=-0.1)
    assert language_offsets(matrix, rows, langs)["en"] == 0.0  # English nearer than Korean: nothing to add
    assert language_offsets(np.zeros((0, 4)), np.zeros(0, dtype=int), []) == {}


def test_a_weak_answer_stands_on_the_lower_scale_only_as_the_models_nearest_item() -> None:
    assert weak_answer_stands({0: 0.89, 1: 0.95}, 0, 0.88)  # similar enough, whatever else is nearer
    assert not weak_answer_stands({0: 0.85, 1: 0.80}, 0, 0.88)  # no offset: taken back
    assert weak_answer_stands({0: 0.85, 1: 0.80}, 0, 0.88, shift=0.04)  # nearest and within the offset
    assert not weak_answer_stands({0: 0.85, 1: 0.86}, 0, 0.88, shift=0.04)  # another item is nearer
    assert not weak_answer_stands({0: 0.83, 1: 0.80}, 0, 0.88, shift=0.04)  # below even the lower scale
    assert not weak_answer_stands({1: 0.80}, 0, 0.88, shift=0.04)  # the model has no score for it
    assert weak_answer_stands({0: 0.85, 1: 0.86}, 0, 0.88, shift=0.04, near=0.02)  # within a hair of the nearest
    assert not weak_answer_stands({0: 0.85, 1: 0.88}, 0, 0.88, shift=0.04, near=0.02)  # clearly behind it
    assert not weak_answer_stands({0: 0.85, 1: 0.86}, 0, 0.88, near=0.02)  # no offset: no lower scale at all


def test_english_phrasings_of_a_real_knowledge_base_sit_lower(embedder: Embedder) -> None:
    kb = load_or_raise(ROOT / "tests" / "data" / "alt" / "knowledge", ROOT / "intents")
    matcher = Matcher(kb, embedder=embedder, cache_dir=ROOT / "data" / "cache")
    assert set(matcher.language_offsets) == {"en"}
    assert 0.02 <= matcher.language_offsets["en"] <= 0.08

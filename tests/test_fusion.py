"""How the model's similarities enter the fused score, and the model's nearest item offered (intents/fusion.py)."""
from __future__ import annotations

import pytest

from intents.fusion import model_nearest, semantic_shares, with_nearest


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

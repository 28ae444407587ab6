"""The semantic signal for aspects (intents/aspect_texts.py): which of the chosen program's own texts a
question no cue word reads is nearest to, with the summary competing - through the real model and the
shipped knowledge base."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from intents.aspect_texts import AspectTexts
from intents.semantic import Embedder, SemanticCache, shared_embedder
from knowledge.loader import load_or_raise

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def texts(embedder: Embedder) -> AspectTexts:
    kb = load_or_raise(ROOT / "knowledge", ROOT / "intents")
    return AspectTexts.build(kb, SemanticCache(None, embedder.name), embedder)


@pytest.mark.parametrize("program, text, aspect", [
    ("trade-mission", "무역사절단 가면 현지 바이어 상담도 잡아주나요", "support"),  # what the support text says it does
    ("trade-mission", "trade mission to Japan in June?", "period"),
    ("trade-mission", "무역사절단이 뭐예요", None),  # about the program as a whole: the summary is nearest
    ("overseas-branch", "해외지사화 사업 알려주세요", None),
])
def test_the_nearest_of_a_programs_own_texts(texts: AspectTexts, embedder: Embedder, program: str, text: str,
                                             aspect: str | None) -> None:
    lang = "en" if text.isascii() else "ko"
    assert texts.nearest(program, lang, embedder.embed_one(text)) == aspect


def test_a_text_must_lead_the_next_by_the_margin() -> None:
    unit = np.eye(3, dtype=np.float32)
    texts = AspectTexts({("p", "ko"): ((None, "support", "period"), unit)}, margin=0.02)
    near_support = np.array([0.50, 0.60, 0.10], dtype=np.float32)
    assert texts.nearest("p", "ko", near_support) == "support"
    assert texts.nearest("p", "ko", np.array([0.59, 0.60, 0.10], dtype=np.float32)) is None  # too close to call
    assert texts.nearest("p", "ko", np.array([0.90, 0.20, 0.10], dtype=np.float32)) is None  # the summary
    assert texts.nearest("p", "en", near_support) == "support"  # no English texts: the Korean ones
    assert texts.nearest("unknown", "ko", near_support) is None

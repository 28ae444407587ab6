"""A fused first item under the bar, told apart from its neighbours by two rare words of its own (intents/confirm.py
`told_apart`): answered where it is the lexical first too and the model finds it nearer the question than everyday
needs of a person; a near miss sharing one word, or an item named only by common words, is not.

The alternate agency's knowledge base (tests/data/alt: fisheries, marine bio, smart farms), with the real model;
without intents, so that embedding it cold stays quick."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from intents.confirm import ConfirmSettings, told_apart, told_words
from conftest import hybrid_on
from intents.matcher import Matcher
from intents.semantic import shared_embedder
from knowledge.loader import load_or_raise

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = ConfirmSettings.load()
# A seaweed cosmetics maker: 미역 and 제품 are the prototype program's own words; the smart-farm pilot and the
# equipment-sharing program next to it write neither. Fused under the bar (the model finds them alike).
PARAPHRASE = "미역 성분으로 생각해 둔 제품을 시험 삼아 한번 만들어볼 수 있나요"


@pytest.fixture(scope="module")
def hybrid(tmp_path_factory: pytest.TempPathFactory) -> Matcher:
    return hybrid_on("alt", tmp_path_factory)


def test_two_rare_words_of_its_own_answer_the_first_item(hybrid: Matcher) -> None:
    decision = hybrid.match(PARAPHRASE)
    assert (decision.kind, decision.id) == ("answer", "bio-prototype")


def test_without_the_rule_it_is_only_offered(hybrid: Matcher) -> None:
    kept = hybrid.confirm
    try:
        hybrid.confirm = replace(kept, told_words=99)
        hybrid._cached_match.cache_clear()
        decision = hybrid.match(PARAPHRASE)
        assert decision.kind != "answer" and decision.candidates[0].id == "bio-prototype"
    finally:
        hybrid.confirm = kept
        hybrid._cached_match.cache_clear()


def test_a_near_miss_sharing_one_word_stays_out(hybrid: Matcher) -> None:
    assert hybrid.match("요트 면허 학원 추천").kind != "answer"
    assert hybrid.match("양식 레스토랑 창업 교육").kind != "answer"


def test_only_rare_words_no_rival_writes_count() -> None:
    own = frozenset({"미역", "제품", "사업"})
    spread = {"미역": 0.03, "제품": 0.08, "사업": 0.47}.__getitem__
    assert told_words({"미역", "제품"}, own, [frozenset({"농장"})], spread, SETTINGS.told_spread) == 2
    assert told_words({"미역", "제품"}, own, [frozenset({"제품"})], spread, SETTINGS.told_spread) == 1  # a rival writes it
    assert told_words({"미역", "사업"}, own, [], spread, SETTINGS.told_spread) == 1  # 사업: half the items write it


def test_it_needs_the_lexical_first_and_the_margin_over_everyday_needs() -> None:
    assert told_apart(SETTINGS, 2, lexical_first=True, outside_margin=0.05)
    assert not told_apart(SETTINGS, 1, lexical_first=True, outside_margin=0.05)
    assert not told_apart(SETTINGS, 2, lexical_first=False, outside_margin=0.05)
    assert not told_apart(SETTINGS, 2, lexical_first=True, outside_margin=0.0)


def test_lexical_mode_needs_three_such_words() -> None:
    # No model, so no margin over everyday needs: a third word of the item's own stands in for it. A fisher's story
    # (어선, 엔진, 친환경: the retrofit program's words, the smart-farm programs next to it write none of them) is
    # diluted under every bar by the story around its question.
    kb = load_or_raise(ROOT / "tests" / "data" / "alt" / "knowledge", ROOT / "intents")
    lexical = Matcher(kb)
    story = ("10년 된 연안 어선을 가지고 있습니다. 엔진이 낡아서 검은 연기가 많이 나요. 친환경 엔진으로 바꾸고 싶은데 "
             "제가 지원 대상이 되는지 궁금합니다.")
    decision = lexical.match(story)
    assert (decision.kind, decision.id) == ("answer", "fishing-boat-retrofit")
    lexical.confirm = replace(lexical.confirm, told_words_lexical=99)
    lexical._cached_match.cache_clear()
    assert lexical.match(story).kind != "answer"

"""Kin words (intents/kin_words.py): a question's word the knowledge base never writes, read as the knowledge
base's nearest word by the model, credits the items that write that word - thinly, in hybrid mode only."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from intents.kin_words import KIN_FILE, KinSettings, KinWords, readable, vocabulary
from intents.matcher import Matcher
from intents.semantic import Embedder
from knowledge.model import Intent, KnowledgeBase

ROOT = Path(__file__).resolve().parent.parent


def unit(*values: float) -> np.ndarray:
    vector = np.asarray(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def kin_words(settings: KinSettings) -> KinWords:
    # Three knowledge-base words on three axes; 대여 written by items 1 and 4, 시험 by 2, 수출 by 3.
    words = ("대여", "시험", "수출")
    return KinWords(words, {"대여": frozenset({1, 4}), "시험": frozenset({2}), "수출": frozenset({3})},
                    np.stack([unit(1, 0, 0), unit(0, 1, 0), unit(0, 0, 1)]), settings)


def test_only_words_the_model_can_read_alone_are_looked_up() -> None:
    assert readable("?렌탈") and readable("?rental") and readable("대여")
    for term in ("?ㅋㅋ", "?12", "?ab", "?가", "?3D", "?😀😀"):
        assert not readable(term), term


def test_the_vocabulary_holds_content_words_and_who_writes_them() -> None:
    plain = {"지원", "신청"}.__contains__
    found = vocabulary([(0, {"장비", "대여", "지원", "2026", "?렌탈"}), (1, {"대여", "신청", "x"}), (2, {"rental"})], plain)
    assert found == {"rental": frozenset({2}), "대여": frozenset({0, 1}), "장비": frozenset({0})}


def test_an_unknown_word_is_read_as_its_nearest_word_only_when_near_and_clearly_nearest() -> None:
    near = kin_words(KinSettings(credit=1.0, cosine=0.9, lead=0.05))
    assert near.kin("?렌탈", unit(1, 0.2, 0)) == "대여"  # cosine 0.98, lead over 시험 0.78
    assert near.kin("?결혼", unit(1, 1, 0)) is None  # 0.71 to both: near nothing
    assert near.kin("?렌탈", unit(1, 0.9, 0)) is None  # 0.74 to 대여, 0.67 to 시험: too far
    tied = kin_words(KinSettings(credit=1.0, cosine=0.6, lead=0.05))
    assert tied.kin("?렌탈", unit(1, 0.97, 0)) is None  # as near one word as the next: no kin
    assert tied.kin("?렌탈", unit(1, 0.5, 0)) == "대여"


def test_credits_go_to_every_item_writing_the_kin_word() -> None:
    words = kin_words(KinSettings(credit=0.5, cosine=0.9, words=2))
    vectors = {"렌탈": unit(1, 0.1, 0), "테스트": unit(0, 1, 0.1), "웨딩": unit(1, 1, 1), "수출": unit(0, 0, 1)}
    looked_up: list[list[str]] = []

    def vectors_of(batch: list[str]) -> list[np.ndarray]:
        looked_up.append(batch)
        return [vectors[word] for word in batch]

    credits = words.credits(("?렌탈", "장비", "?웨딩", "?렌탈", "?ㅋㅋ", "?테스트"), vectors_of)
    assert credits == {"?렌탈": {1: 0.5, 4: 0.5}}  # 웨딩 is near nothing; 테스트 is past the 2 words read
    # One model call for both; known words, repeats and unreadable ones are not read
    assert looked_up == [["렌탈", "웨딩"]]
    assert kin_words(KinSettings(credit=0.0)).credits(("?렌탈",), vectors_of) == {}
    assert words.credits(("장비", "?ㅋㅋ"), vectors_of) == {} and len(looked_up) == 1  # nothing to read: no call


def test_the_shipped_numbers_load_and_are_in_range() -> None:
    settings = KinSettings.load(KIN_FILE)
    assert 0 <= settings.credit <= 1 and 0.8 <= settings.cosine < 1 and settings.words >= 1


def test_a_kin_credit_lifts_the_items_writing_the_word(shipped_matcher: Matcher) -> None:
    # 기자재 is a word no text of the shipped knowledge base writes; read as 장비 (equipment), it counts for
    # the items writing 장비, at the credit given, and for no other item.
    analysis = shipped_matcher.analyzer.analyze("기자재 구입 지원 사업")
    unknown = next(t for t in analysis.terms if t.startswith("?"))
    writers = {i for i, e in enumerate(shipped_matcher.entries) if "장비" in e.strong | e.weak}
    assert writers
    before = {r.item.id: r for r in shipped_matcher.rank(analysis)}
    after = {r.item.id: r for r in shipped_matcher.rank(analysis, kin={unknown: {i: 1.0 for i in writers}})}
    lifted = {item_id for item_id, r in after.items()
              if item_id not in before or r.coverage > before[item_id].coverage}
    assert lifted == {shipped_matcher.entries[i].item.id for i in writers}
    assert all(r.score == before[item_id].score for item_id, r in after.items() if item_id not in lifted)


def test_lexical_mode_has_no_kin_words(shipped_matcher: Matcher) -> None:
    # No model, no vocabulary built and no credit: nothing changes in lexical mode.
    assert shipped_matcher.kin_words is None and shipped_matcher.kin_writers == {}


def test_the_vocabulary_holds_the_content_words_not_the_generic_ones(shipped_matcher: Matcher) -> None:
    words = shipped_matcher.kin_vocabulary()
    assert {"수출", "전시회"} <= set(words)
    assert not {"지원", "신청", "2026"} & set(words)
    # Names, aliases and questions only: a word only summaries and answers write is often incidental to the item.
    strong = frozenset().union(*(e.strong for e in shipped_matcher.entries))
    weak_only = frozenset().union(*(e.weak for e in shipped_matcher.entries)) - strong
    assert weak_only and set(words) <= strong and not set(words) & weak_only
    assert all(words[w] == {i for i, e in enumerate(shipped_matcher.entries) if w in e.strong
                            and not isinstance(e.item, Intent)} for w in words)


@pytest.fixture(scope="module")
def shipped_hybrid(shipped_kb: KnowledgeBase, embedder: Embedder) -> Matcher:
    return Matcher(shipped_kb, embedder=embedder, cache_dir=ROOT / "data" / "cache", cache_size=0)


def test_a_word_the_knowledge_base_never_writes_is_read_as_its_kin(shipped_hybrid: Matcher) -> None:
    # 세계 (world) is written nowhere; the model reads it as 글로벌, a word of the global-SME program's names and
    # questions. Without that, the paraphrase stays a suggestion under the fused bar.
    question = "세계 시장에서 통하는 기업으로 키워주는 프로그램 있어요?"
    assert shipped_hybrid.kin_words is not None and "글로벌" in shipped_hybrid.kin_words.words
    decision = shipped_hybrid.match(question)
    assert (decision.kind, decision.id) == ("answer", "global-sme")
    kin_words, shipped_hybrid.kin_words = shipped_hybrid.kin_words, None
    try:
        assert shipped_hybrid.match(question).kind != "answer"
    finally:
        shipped_hybrid.kin_words = kin_words


def test_an_out_of_scope_word_near_nothing_gets_no_kin(shipped_hybrid: Matcher) -> None:
    assert shipped_hybrid.match("웨딩 박람회 일정").kind == "fallback"
    assert shipped_hybrid.match("전기차 충전기 설치 보조금").kind != "answer"

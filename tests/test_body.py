"""Body evidence (intents/body.py): a word only a program's eligibility, support, apply or period text writes
is thin evidence for that program, never enough alone, and never a word out-of-scope questions share (numbers,
generic agency words) - through the shipped knowledge base and the real lexicon."""
from __future__ import annotations

import math
from pathlib import Path

import pytest

from intents.body import (BodySettings, bodies, body_credits, body_texts, confirms, load_body_settings, own_words,
                          plain_term)
from intents.matcher import Matcher
from intents.semantic import Embedder
from knowledge.model import KnowledgeBase

ROOT = Path(__file__).resolve().parent.parent


def test_a_word_only_the_support_text_writes_lifts_the_program_to_an_answer(shipped_matcher: Matcher) -> None:
    # 불량률 (defect rate) is written only in the on-site mentoring program's support text; 전문가 is in its
    # questions. Without the body the question was a suggestion (score 32, topic covered 0.35).
    decision = shipped_matcher.match("불량률 줄이는 전문가 도움 받고 싶어요")
    assert (decision.kind, decision.id) == ("answer", "onsite-mentoring")


def test_body_words_decide_between_candidates(shipped_matcher: Matcher) -> None:
    # 공정 개선 (process improvement) is what the mentoring program's support text says it does; by names and
    # questions alone the expert-pool program came first and nothing was offered.
    decision = shipped_matcher.match("공정 개선 전문가 있나요")
    assert decision.candidates and decision.candidates[0].id == "onsite-mentoring"


def test_a_body_word_alone_is_never_evidence(shipped_matcher: Matcher) -> None:
    assert shipped_matcher.match("불량률").kind == "fallback"
    assert shipped_matcher.rank(shipped_matcher.analyzer.analyze("불량률")) == []


def test_body_words_stay_unknown_to_the_vocabulary(shipped_matcher: Matcher) -> None:
    # Learning them was what let out-of-scope questions in: their words stopped weighing against every item.
    assert shipped_matcher.analyzer.analyze("불량률").terms == ("?불량률",)


def test_out_of_scope_near_misses_stay_out(shipped_matcher: Matcher) -> None:
    assert shipped_matcher.match("웨딩 박람회 일정").kind == "fallback"


def test_numbers_dates_and_generic_words_give_no_credit(shipped_matcher: Matcher, shipped_kb: KnowledgeBase) -> None:
    credited = {t for credits in shipped_matcher.body for t in credits}
    assert credited, "the shipped programs' bodies give some evidence"
    assert not any(ch.isdigit() for t in credited for ch in t)
    for word in ("공고", "지원", "기업", "신청", "진흥원"):  # in most bodies, or cues, or generic to the names
        assert not {t for t in shipped_matcher.analyzer.analyze(word).terms} & credited, word
    assert not credited & shipped_matcher.lexicon.places
    # A word some item's names or questions write is that item's: another program's body only mentions it
    # (실적 in a program's support text against the results FAQ `정책연구 실적`).
    assert not credited & {t for e in shipped_matcher.entries for t in e.strong}
    settings = load_body_settings()
    assert all(0 < c <= settings.credit for credits in shipped_matcher.body for c in credits.values())
    assert not any(shipped_matcher.body[i] for i, e in enumerate(shipped_matcher.entries)
                   if e.item.kind != "program")
    assert set(body_texts(shipped_kb)) == {p.id for p in shipped_kb.programs}


def test_credit_falls_with_the_bodies_that_write_a_word() -> None:
    own = "abcdefghij"
    texts = {f"p{i}": [f"own{own[i]} {'pair' if i < 2 else 'shared'} common"] for i in range(10)}
    credits = body_credits(texts, str.split, lambda word: False, BodySettings(credit=0.5, spread=0.2))
    assert credits["p3"] == {"ownd": 0.5}  # `common` and `shared` are in most bodies: worth nothing
    assert math.isclose(credits["p0"]["pair"], 0.5 * math.log(5) / math.log(10))
    assert body_credits(texts, str.split, lambda word: False, BodySettings(credit=0.0)) == {}
    assert body_credits({"p": ["w"]}, str.split, lambda word: False, BodySettings(credit=0.5)) == {}


def test_plain_terms() -> None:
    ignored = {"서울"}.__contains__
    assert plain_term("2018", ignored) and plain_term("?20일", ignored) and plain_term("?고", ignored)
    assert plain_term("서울", ignored) and plain_term("?서울", ignored)
    assert not plain_term("돈", ignored)  # a known word of one syllable names something
    assert not plain_term("?불량률", ignored)


def test_bodies_hold_every_word_that_may_name_a_topic() -> None:
    texts = {"p": ["ownword 2024 seoul common"], "q": ["common"]}
    words = bodies(texts, str.split, {"seoul"}.__contains__)
    assert words == {"p": frozenset({"ownword", "common"}), "q": frozenset({"common"})}


def test_a_body_confirms_a_topic_word_the_items_names_lack() -> None:
    body = frozenset({"?불량률", "공정", "돈"})
    own = {"공정"}.__contains__  # the item's names or questions write it: no news from the body
    assert confirms(["전문가", "?불량률"], body, own)
    assert not confirms(["전문가", "공정"], body, own)
    assert not confirms(["돈"], body, own)  # one letter: an ending's leftover as often as a word
    assert not confirms(["?웨딩", "전문가"], body, own)  # a near miss's other word is not in the body


def test_only_words_few_bodies_write_tell_a_program_apart() -> None:
    found = {f"p{i}": frozenset({f"own{i}", "current"} | ({"pair"} if i < 2 else set())) for i in range(10)}
    words = own_words(found, BodySettings(spread=0.2))
    assert words["p0"] == {"own0", "pair"} and words["p5"] == {"own5"}  # `current`: every body's
    assert own_words({"p": frozenset({"w"})}, BodySettings()) == {}  # too few programs to tell


@pytest.fixture(scope="module")
def hybrid(shipped_kb: KnowledgeBase, embedder: Embedder) -> Matcher:
    return Matcher(shipped_kb, embedder=embedder, cache_dir=ROOT / "data" / "cache")


def _confirms(matcher: Matcher, text: str, item_id: str) -> bool:
    analysis = matcher.analyzer.analyze(text)
    return matcher._body_confirms(matcher.index_of[item_id], analysis, matcher.semantic_scores(text),
                                  matcher.rank(analysis))


def test_the_fusion_reads_a_programs_body_as_confirmation(hybrid: Matcher) -> None:
    # 불량률 (defect rate) is in the on-site mentoring program's support text only; the lexical matcher puts
    # the expert-pool program first, the model the mentoring program, which its body confirms.
    question = "라인 불량률 잡아줄 전문가 와주나요"
    assert _confirms(hybrid, question, "onsite-mentoring")
    assert not _confirms(hybrid, question, "industry-expert")  # not the model's nearest, nor its body's word
    # A near miss shares the topic word (전문가) but not the body's: no confirmation.
    assert not _confirms(hybrid, "웨딩 사진 전문가 와주나요", "onsite-mentoring")

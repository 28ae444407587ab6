"""Everyday verbs conjugated (intents/lexicon/words.yaml `everyday_verbs`, intents/real_words.py EverydayVerbs):
나와요, 쓸, 내야, 갖고 are forms of 나오다, 쓰다, 내다, 갖다; 안내, 가게, 도움 are nouns that only look like one.
Through the real lexicon and the real Matcher over the shipped knowledge."""
from __future__ import annotations

import pytest

from intents.matcher import Matcher
from intents.real_words import EverydayVerbs


@pytest.mark.parametrize("word, verb", [
    ("나와요", "나오다"), ("나와", "나오다"), ("나오나요", "나오다"), ("나왔어요", "나오다"), ("나오는", "나오다"),
    ("쓸", "쓰다"), ("쓸수", "쓰다"), ("써도", "쓰다"), ("내야", "내다"), ("냈는데", "내다"),
    ("갖고", "갖다"), ("가지고", "가지다"), ("가진게", "가지다"), ("받으면", "받다"), ("받았어요", "받다"),
    ("아는", "알다"), ("어려운", "어렵다"), ("도와주세요", "돕다"), ("합니다", "하다"), ("할까요", "하다"),
])
def test_a_conjugated_everyday_verb_reads_as_its_dictionary_form(shipped_matcher: Matcher, word: str,
                                                                 verb: str) -> None:
    assert shipped_matcher.analyzer.everyday_verb(word) == verb


@pytest.mark.parametrize("word", [
    "안내", "주요", "가게", "보고서", "나라", "도움", "내용", "하나", "맞춤", "남자", "주기", "나이", "가능",
    "안", "내", "나",  # alone, "not", "my" and "I" far more often than 알다, 내다, 나다
])
def test_a_noun_that_looks_like_a_verb_form_is_none(shipped_matcher: Matcher, word: str) -> None:
    assert shipped_matcher.analyzer.everyday_verb(word) is None


def test_the_ending_table_is_data() -> None:
    # A verb the YAML does not list is no everyday verb; one added to it is, with its forms derived by rule.
    data = {"everyday_verbs": {"나오다": ["나와"]}, "after_stem": ["면"], "after_infinitive": ["요"],
            "after_adnominal": ["수"]}
    verbs = EverydayVerbs.from_data(data)
    endings = frozenset("요면수")
    assert verbs.dictionary_form("나와요", endings) == "나오다"
    assert verbs.dictionary_form("나오면", endings) == "나오다"
    assert verbs.dictionary_form("나올", endings) == "나오다"  # the adnominal, derived: 나오 + ㄹ
    assert verbs.dictionary_form("나왔", endings) == "나오다"  # the past, derived: 나와 + ㅆ
    assert verbs.dictionary_form("쓸", endings) is None
    assert verbs.verbs == frozenset({"나오다"})


def test_a_place_or_synonym_is_never_a_verb_form(shipped_matcher: Matcher) -> None:
    analyzer = shipped_matcher.analyzer
    assert analyzer.everyday_verb("빌릴") is None  # a synonym of 대여 (synonyms.yaml): read as that word
    assert analyzer.everyday_verb("빌리고") == "빌리다"


def test_a_verb_the_knowledge_writes_is_no_evidence_of_a_topic(shipped_matcher: Matcher) -> None:
    # The deadlines FAQ asks `올해 공고 언제 나와요`: its 나와 made `돈 나와요` (does the training pay) its question, and
    # the FAQ was answered on that verb alone. The verb still weighs; it explains nothing of what is asked.
    assert "나와" in shipped_matcher.verb_terms
    ranked = {r.item.id: r for r in shipped_matcher.rank(shipped_matcher.analyzer.analyze("그 교육 받으면 돈 나와요?"))}
    assert ranked["deadlines"].topic_coverage == 0.0
    decision = shipped_matcher.match("그 교육 받으면 돈 나와요?")
    assert decision.id != "deadlines" and decision.kind != "answer"
    # The FAQ's own question, verb and all, is still its question.
    assert shipped_matcher.match("올해 공고 언제 나와요").id == "deadlines"

"""Everyday words for an agency's words, third step (helper `para4`): verbs that mean an agency's word whatever
their object (words.yaml `meaning_verbs`: 뽑으면 is 채용, 배워서 교육), verbs read only with their noun
(`phrase_verbs`: 일 구하다 is 구직, 차를 가지고 is 주차), a one-syllable noun and its particle (돈을, 차를), and a few
synonyms and dictionary groups (사원 as 재직자, 이용료 as 비용, 비번 as 비밀번호) - through the real
lexicon and real knowledge bases (ours, and tests/data/blind, a fictional agency)."""
from __future__ import annotations

from pathlib import Path

import pytest

from intents.matcher import Matcher
from knowledge.loader import load_or_raise

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def ours() -> Matcher:
    return Matcher(load_or_raise(ROOT / "knowledge", ROOT / "intents"))


@pytest.fixture(scope="module")
def blind() -> Matcher:
    return Matcher(load_or_raise(ROOT / "tests" / "data" / "blind" / "knowledge", ROOT / "intents"))


@pytest.mark.parametrize("everyday, formal", [("뽑으면", "채용"), ("뽑는", "채용"), ("배워서", "교육"), ("배웠으면", "교육"),
                                              ("가르쳐", "교육"), ("사원들", "재직자"), ("이용료", "비용"), ("돈을", "지원금"),
                                              ("일 구하는데", "취업"), ("사람 구하는데", "채용"), ("차를 가지고", "주차")])
def test_an_everyday_form_reads_as_the_agency_word(blind: Matcher, everyday: str, formal: str) -> None:
    assert blind.analyzer.analyze(everyday).terms == blind.analyzer.analyze(formal).terms


@pytest.mark.parametrize("word", ["배우", "아이", "계획 세우다", "부스 차리는"])
def test_a_word_that_only_looks_like_one_keeps_its_own_reading(blind: Matcher, word: str) -> None:
    # 배우 alone is an actor, not a form of 배우다; 아이 is no 아 + 이; 세우다 and 차리다 mean something only with their noun.
    terms = blind.analyzer.analyze(word).terms
    assert not {"교육", "설립", "창업"} & set(terms)


def test_a_meaning_the_message_already_says_counts_once(blind: Matcher) -> None:
    # `배워 보려는데 교육 받을 곳`: the verb adds nothing the noun does not say, so the other words keep their share.
    assert blind.analyzer.analyze("처음 배워 보려는데 교육 받을 곳").terms.count("교육") == 1


def test_hiring_in_everyday_words_finds_the_hiring_help(ours: Matcher) -> None:
    decision = ours.match("사람 하나 더 뽑으려는데 진흥원에서 도와주는 거 있어요?")
    assert (decision.kind, decision.id) == ("answer", "hiring-help")


def test_employees_as_sawon_find_the_worker_training(ours: Matcher) -> None:
    decision = ours.match("올해 들어온 사원들 직무 교육 보낼만한 곳 있어요?")
    assert (decision.kind, decision.id) == ("answer", "worker-training")


def test_how_old_the_agency_is_asks_its_founding(ours: Matcher) -> None:
    assert (ours.match("How old is your agency?").kind, ours.match("How old is your agency?").id) == \
        ("answer", "agency-founded")
    assert ours.match("how old do I need to be").id != "agency-founded"  # an age, not the agency's


def test_a_car_brought_along_is_parking(blind: Matcher) -> None:
    decision = blind.match("차를 가지고 가도 되나요")
    assert (decision.kind, decision.id) == ("answer", "parking")


@pytest.mark.parametrize("text", ["로또 번호 뽑아줘", "아이돌 오디션에 뽑히려면 어떻게 해요",
                                  "운전 배우고 싶은데 학원 추천해 주세요"])
def test_near_misses_stay_out(ours: Matcher, text: str) -> None:
    # Drawing lottery numbers is no hiring; driving lessons are no program's training.
    assert ours.match(text).kind != "answer"

"""One word of a message must not decide what the whole sentence means (docs/matching.md "One word is not the
sentence"): a question is never a thanks (conversation.yaml `acts.never_asked`, `question_endings`), a particle
the analyser does not strip hides the word before it (words.yaml `particles`), and a function adverb (따로, 이미:
words.yaml `function_adverbs`) never carries a match alone. Lexical mode, through the real lexicon, analyser and
matcher on the frozen knowledge (tests/data/frozen), and another agency's (tests/data/blind) for the rule's reach."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FROZEN_INTENTS
from intents.acts import ends_as_question
from intents.lexicon import load_lexicon
from intents.matcher import Matcher
from knowledge.loader import load_or_raise

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def blind() -> Matcher:
    return Matcher(load_or_raise(ROOT / "tests" / "data" / "blind" / "knowledge", FROZEN_INTENTS))


def _offered(matcher: Matcher, text: str) -> list[str]:
    decision = matcher.match(text)
    if decision.kind == "answer":
        return [decision.id or ""]
    return [c.id for c in decision.suggestions] if decision.kind == "suggest" else []


# -- a question is never a thanks --------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["그래도 되나요", "신청할 수 있습니까", "이것도 됩니까", "대상인가요", "되는 건가요",
                                  "같이 해도 될까", "같이 해도 될까요ㅠㅠ", "신청 가능하냐", "그래요?", "really?"])
def test_a_question_ending_is_read_as_one(text: str) -> None:
    assert ends_as_question(text, load_lexicon().question_endings)


@pytest.mark.parametrize("text", ["감사합니다", "고맙습니다 많이 배웠어요", "잘 가요", "그래요", "수고 많으십니다",
                                  "뭐가 뭔지 알았어요 감사합니다", "thanks", "ㅋㅋ"])
def test_thanks_and_statements_are_no_question(text: str) -> None:
    assert not ends_as_question(text, load_lexicon().question_endings)


@pytest.mark.parametrize("text", ["지금은 회사 안다니는데 그래도 되나요", "지금은 회사 안 다니는데 그래도 됩니까",
                                  "그래요?", "회사 그만뒀는데 그래도 신청할 수 있을까요"])
def test_a_question_sharing_a_word_with_thanks_is_not_thanks(matcher: Matcher, text: str) -> None:
    assert "thanks" not in _offered(matcher, text)


def test_a_question_is_not_thanks_for_another_agency_either(blind: Matcher) -> None:
    assert "thanks" not in _offered(blind, "지금은 회사 안다니는데 그래도 되나요")


@pytest.mark.parametrize("text", ["그래요", "감사합니다", "고맙습니다 많이 배웠어요", "자세히 알려주셔서 감사합니다", "ㄳ",
                                  "감사해용"])
def test_thanks_and_ok_said_plainly_stay_thanks(matcher: Matcher, text: str) -> None:
    decision = matcher.match(text)
    assert (decision.kind, decision.id) == ("answer", "thanks")


def test_a_goodbye_said_plainly_stays_a_goodbye(matcher: Matcher) -> None:
    decision = matcher.match("수고 많으십니다")
    assert (decision.kind, decision.id) == ("answer", "goodbye")


# -- particles -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("word, particle", [
    ("전화번호", "라도"), ("전화번호", "이라도"), ("사무실", "조차"), ("사무실", "마저"), ("사무실", "밖에"),
    ("기업", "마다"), ("지원", "까지도"), ("창업", "에서만"), ("예비창업자", "라면"), ("기업", "으로서"),
    ("연락처", "든지"), ("담당자", "께"), ("교육", "부터"), ("교육", "이든지"), ("기업", "이라")])
def test_a_particle_or_a_stack_of_two_is_stripped(matcher: Matcher, word: str, particle: str) -> None:
    analyze = matcher.analyzer.analyze
    assert analyze(word + particle).terms == analyze(word).terms
    assert not any(t.startswith("?") for t in analyze(word + particle).terms)


@pytest.mark.parametrize("text", ["그럼 진흥원 전화번호라도 알려주세요", "진흥원 전화번호라도 알려주세요"])
def test_a_phone_number_asked_with_rado_is_the_phone_number(matcher: Matcher, text: str) -> None:
    decision = matcher.match(text)
    assert (decision.kind, decision.id) == ("answer", "phone-number")


# -- function adverbs -------------------------------------------------------------------------------------------

def test_a_function_adverb_is_no_topic_and_weighs_lightly(matcher: Matcher) -> None:
    assert "따로" in matcher.cue_terms
    assert not matcher._topic_terms(matcher.analyzer.analyze("따로 없나요"))


@pytest.mark.parametrize("text", ["중장년 재취업 지원 프로그램은 따로없나요", "중장년 재취업 지원 프로그램은 따로 없나요"])
def test_a_function_adverb_never_carries_a_match(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).id != "cost-free"
    assert "cost-free" not in _offered(matcher, text)


def test_the_fee_asked_with_the_adverb_is_still_the_fee(matcher: Matcher) -> None:
    decision = matcher.match("참가비 따로 있어요?")
    assert (decision.kind, decision.id) == ("answer", "cost-free")


# -- a known word and a junk piece -----------------------------------------------------------------------------

def test_a_particle_syllable_before_unknown_ones_begins_a_word(matcher: Matcher) -> None:
    """지역가입자 is 지역 and 가입자 (a word the knowledge never writes), not 지역, the particle 가 and 입자."""
    assert matcher.analyzer.analyze("지역가입자").terms == ("지역", "?가입자")
    assert matcher.analyzer.analyze("지역가입자는").terms == ("지역", "?가입자")


def test_a_particle_after_unknown_syllables_may_still_be_an_ending(matcher: Matcher) -> None:
    assert matcher.analyzer.analyze("붙었는지").terms == ("?붙었", "?지")


# -- everyday verb phrases -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["사업자 내야되나요", "사업자를 내려면", "사업자 낼 때", "사업자 만들려면"])
def test_an_everyday_verb_phrase_reads_as_the_word_it_means(matcher: Matcher, text: str) -> None:
    assert matcher.analyzer.analyze(text).terms[:2] == matcher.analyzer.analyze("사업자등록").terms


@pytest.mark.parametrize("text", ["사업자 냈는데", "사업자 낸 지 1년", "사업자 만들었어요"])
def test_a_phrase_in_the_past_tells_what_was_done_not_what_is_asked(matcher: Matcher, text: str) -> None:
    assert "등록" not in matcher.analyzer.analyze(text).terms


def test_a_noun_without_the_phrase_verb_stays_itself(matcher: Matcher) -> None:
    assert "등록" not in matcher.analyzer.analyze("사업자 있어요").terms
    assert "등록" not in matcher.analyzer.analyze("내 사업자").terms


def test_registering_a_business_asked_in_everyday_words_is_the_tax_office(matcher: Matcher) -> None:
    decision = matcher.match("사업자 내려면 어디로 가요")
    assert (decision.kind, decision.id) == ("answer", "ref-hometax")


# -- an out-of-scope word beside in-scope evidence ----------------------------------------------------------

def test_a_schooling_word_beside_job_training_words_is_no_other_bodys_business(matcher: Matcher) -> None:
    """학원 alone is schooling (elsewhere.yaml); beside 국비 or 자격증 it is job training (`in_scope_beside`)."""
    assert matcher.relevance.read("국비로 cnc 자격증 학원 다닐수 있나요").elsewhere == ()
    assert matcher.relevance.read("초등학생 영어 학원 추천해 주세요").elsewhere == ("학원",)


# -- people in the plural are no contact ---------------------------------------------------------------------

def test_staff_in_the_plural_who_take_part_ask_for_no_contact(matcher: Matcher) -> None:
    decision = matcher.match("진흥원에서 품질 담당자들이 들을 수 있는 교육이 있습니까")
    assert (decision.id, decision.aspect) == ("worker-training", None)


def test_one_contact_person_asked_for_is_still_the_contact(matcher: Matcher) -> None:
    decision = matcher.match("재직자 교육 담당자 연락처")
    assert (decision.id, decision.aspect) == ("worker-training", "contact")

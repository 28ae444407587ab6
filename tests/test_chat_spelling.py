"""Chat spellings of function words and stray keys (intents/spelling.py, intents/lexicon/spelling.yaml): a function
word typed solid with the word before or after it, a stray space inside a word, a stray letter beside one, and a
verb ending the analyser read as particles. Real lexicon files and the shipped knowledge base, lexical mode."""
from __future__ import annotations

import pytest

from intents.analyzer import UNKNOWN_PREFIX
from intents.matcher import Matcher


def _unknown(matcher: Matcher, text: str) -> list[str]:
    return [t for t in matcher.analyzer.analyze(text).terms if t.startswith(UNKNOWN_PREFIX)]


@pytest.mark.parametrize("typed, repaired", [
    ("지원됌", "지원돼요"), ("문의드림", "문의드립니다"),  # a chat ending after a word the analyser places
    ("들어갈수잇나요", "들어갈수있나요"),  # a slipped function verb after a word typed solid with it
    ("머해야돼요", "뭐 해야돼요"), ("어케해야되요", "어떻게 해야되요"),  # a question word before a verb
    ("잇나여", "있나요"), ("할수있나여", "할수있나요"),  # a chat ending on a slipped word, or on a right one
    ("잇는건가요", "있는건가요"), ("업는데", "없는데"), ("됫나요", "됐나요"),  # a function verb's syllable in chat
    ("뭐지", "뭐예요"), ("업어요", "없어요"), ("잇슴", "있어요"),  # whole chat spellings (spelling.yaml slang)
    ("이써요", "있어요"), ("업서요", "없어요"), ("마니", "많이"), ("어떠케", "어떻게"),  # spelled as they sound
])
def test_function_words_in_chat_spelling_are_repaired(shipped_matcher: Matcher, typed: str, repaired: str) -> None:
    assert shipped_matcher.speller.word(typed) == repaired


@pytest.mark.parametrize("word", [
    "업무", "웨딩", "노인", "전기차",  # words the knowledge base never writes: no function word is made of them
    "조아요", "머거요",  # spelled as they sound, but no function words: left to the analyser
    "업체", "지원", "신청",  # known words
])
def test_other_words_are_no_chat_spelling(shipped_matcher: Matcher, word: str) -> None:
    assert shipped_matcher.speller.word(word) == word


@pytest.mark.parametrize("text", ["웨딩잇어요", "웨딩됌", "노인머해요"])
def test_an_unknown_word_glued_to_a_chat_spelling_stays_unknown(shipped_matcher: Matcher, text: str) -> None:
    # Only the function word may be repaired: the word beside it is never turned into a topic word.
    terms = shipped_matcher.analyzer.analyze(shipped_matcher.speller.repair(text)).terms
    assert terms and all(t.startswith(UNKNOWN_PREFIX) for t in terms)


@pytest.mark.parametrize("typed, joined", [
    ("창업 지원 금 얼마", "창업 지원금 얼마"),
    ("수출 상담 회 언제 해요", "수출 상담회 언제 해요"),
    ("지원 금은 얼마", "지원금은 얼마"),  # before a particle
])
def test_a_stray_space_inside_a_known_word_is_closed(shipped_matcher: Matcher, typed: str, joined: str) -> None:
    assert shipped_matcher.speller.rejoin(typed) == joined


@pytest.mark.parametrize("text", [
    "지원 은 얼마",  # a particle typed apart makes no longer word
    "신청 좀 해요",  # an adverb said between words
    "웨딩 박람회",  # two words, neither joined to a known one
    "결혼 지원 받고 싶어요",
])
def test_words_apart_stay_apart(shipped_matcher: Matcher, text: str) -> None:
    assert shipped_matcher.speller.rejoin(text) == text


@pytest.mark.parametrize("typed, repaired", [
    ("신청ㅇ 방법", "신청 방법"), ("창업ㅂ보육", "창업보육"), ("ㅁ무역사절단", "무역사절단"),
    ("ㅊㅊㅅ 뭐예요", "ㅊㅊㅅ 뭐예요"),  # 초성 typed as a run stays for the 초성 reading
])
def test_a_stray_letter_beside_a_word_is_dropped(shipped_matcher: Matcher, typed: str, repaired: str) -> None:
    assert shipped_matcher.speller.repair(typed) == repaired


@pytest.mark.parametrize("text", ["할수있나요", "받을수있나요", "잇는건가요"])
def test_a_verb_ending_is_no_particle_left_unknown(shipped_matcher: Matcher, text: str) -> None:
    # 할수있나요 had 요 and 나 stripped as particles, leaving 할수있 and an unknown 있.
    assert _unknown(shipped_matcher, shipped_matcher.speller.repair(text)) == []


@pytest.mark.parametrize("typed, right", [
    ("창업 지원 금 얼마까지 받아요", "창업 지원금 얼마까지 받아요"),
    ("수출 상담 회 언제해요", "수출 상담회 언제해요"),
    ("c블루윙펀드 투자받을라면 어케해야되요", "c블루윙펀드 투자받을라면 어떻게 해야 돼요"),
    ("재직자 교육 신청ㅇ 방법", "재직자 교육 신청 방법"),
])
def test_a_question_typed_in_chat_is_answered_as_typed_right(shipped_matcher: Matcher, typed: str,
                                                               right: str) -> None:
    got, expected = shipped_matcher.match(typed), shipped_matcher.match(right)
    assert expected.kind == "answer"
    assert (got.kind, got.id, got.aspect) == (expected.kind, expected.id, expected.aspect)


@pytest.mark.parametrize("text", [
    "웨딩 박람회 지원 되나여", "결혼 지원 금 잇나요", "노인 일짜리 잇나여", "전기차 충전쇼 설치 지원 잇어요?",
])
def test_out_of_scope_questions_in_chat_spelling_stay_out(shipped_matcher: Matcher, text: str) -> None:
    assert shipped_matcher.match(text).kind != "answer"

"""Typos and chat slang repaired before matching (intents/spelling.py), through the real lexicon files and the
shipped and alternate knowledge bases, in lexical mode."""
from __future__ import annotations

from pathlib import Path

import pytest

from intents.matcher import Matcher
from intents.spelling import SpellingWords, slip_distance
from knowledge.loader import load_or_raise

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def alt_matcher() -> Matcher:
    return Matcher(load_or_raise(ROOT / "tests" / "data" / "alt" / "knowledge", ROOT / "intents"))


@pytest.mark.parametrize("typed, repaired", [
    ("일짜리", "일자리"),  # a shifted twin (ㅉ for ㅈ); 일자리 is made of syllables endings use, still a word
    ("잇어", "있어"), ("잇나요", "있나요"),  # ㅅ for ㅆ: a function word, for a shifted twin only
    ("전번", "전화번호"), ("머냐", "뭐예요"), ("전번은", "전화번호은"),  # slang, also before a particle
    ("있어여", "있어요"), ("얼마임", "얼마예요"), ("알려주삼", "알려주세요"),  # chat endings
    ("진흥원전번", "진흥원전화번호"),  # run together with a known word
    ("있나요오오", "있나요"), ("신청이요오", "신청이요"), ("그래애", "그래"),  # a vowel drawn out
    ("helppp", "help"), ("seeee", "see"),  # a letter held down: one letter, else two
    ("됬나요", "됐나요"), ("몇일", "며칠"), ("할께요", "할게요"), ("어딨어요", "어디 있어요"),  # misspelt as often as not
])
def test_words_the_analyser_cannot_place_are_repaired(shipped_matcher: Matcher, typed: str, repaired: str) -> None:
    assert shipped_matcher.speller.word(typed) == repaired


@pytest.mark.parametrize("word", [
    "전기차", "웨딩", "노인", "주식", "사야", "수혜기업", "딸기",  # real words the knowledge base never writes
    "청년", "일자리", "수출",  # known words
    "내요", "주요", "통하는", "지어요",  # real words a vowel from a function word or a stroke from another word
    "아이", "바이오",  # a last syllable of the vowel before it that is part of the word, not a drawl
    "last", "match", "wedding",  # English: too short to tell from another word, or no known word that close
    "event", "haven", "creating", "unemployment",  # function words are no target; a known word's form; first letter
    "전세", "정착", "수용", "가격이", "농장",  # real words one letter from known ones (전시, 정책, 수요, 자격, 공장)
])
def test_known_and_real_words_are_left_as_typed(shipped_matcher: Matcher, word: str) -> None:
    assert shipped_matcher.speller.word(word) == word


@pytest.mark.parametrize("word", ["넘었는데", "스마트팜", "사는데", "딸기", "shops"])
def test_real_words_of_another_knowledge_base_are_left_as_typed(alt_matcher: Matcher, word: str) -> None:
    # 넘었는데 is three keys from 들었는데, 스마트팜 a key and a stroke from 스마트화, 사는데 one key from 하는데,
    # shops one key from ships.
    assert alt_matcher.speller.word(word) == word


def test_english_slips_are_repaired_with_swapped_letters(shipped_matcher: Matcher) -> None:
    speller = shipped_matcher.speller
    assert speller.word("hydorgen") == "hydrogen"  # two letters swapped: one edit
    assert speller.word("Hydorgen") == "hydrogen"


def test_punctuation_and_other_words_stay_where_they_were(shipped_matcher: Matcher) -> None:
    assert shipped_matcher.speller.repair("쳥년 일짜리 잇어?") == "쳥년 일자리 있어?"


def test_a_tie_between_two_known_words_repairs_nothing() -> None:
    words = SpellingWords.load()
    near = words.near_ko
    cost = slip_distance("ㅈㅏ", "ㅉㅏ", lambda a, b: 0.5 if frozenset((a, b)) in near else 1.0)
    assert cost == 0.5
    from intents.spelling import _unique
    assert _unique([(0.5, "가"), (0.5, "나")], 1.0) is None
    assert _unique([(0.5, "가"), (0.75, "나")], 1.0) == "가"
    assert _unique([(1.5, "가")], 1.0) is None


def test_keyboard_neighbours_come_from_the_rows() -> None:
    words = SpellingWords.load()
    assert frozenset("ㅂㅁ") in words.keys_ko  # q over a
    assert frozenset("ㅓㅕ") in words.keys_ko  # j under u
    assert frozenset("ㄱㄹ") in words.keys_ko  # r over f
    assert frozenset("ㅂㅎ") not in words.keys_ko
    assert frozenset("sd") in words.near_en and frozenset("sl") not in words.near_en


@pytest.mark.parametrize("text, expected", [
    ("야 진흥원 전번 뭐냐", "phone-number"),
    ("지원사업 마감 언제임", "deadlines"),
    ("진흥원 위치 어디임", "agency-location"),
])
def test_slang_questions_are_answered(shipped_matcher: Matcher, text: str, expected: str) -> None:
    decision = shipped_matcher.match(text)
    assert (decision.kind, decision.id) == ("answer", expected)


def test_a_typo_question_is_read_like_the_question_typed_right(shipped_matcher: Matcher) -> None:
    typed, right = shipped_matcher.match("쳥년 일짜리 잇어?"), shipped_matcher.match("청년 일자리 있어?")
    assert typed.kind == right.kind != "fallback"
    assert [c.id for c in typed.candidates] == [c.id for c in right.candidates]


def test_a_novel_word_beside_a_slip_still_rules_the_item_out(shipped_matcher: Matcher) -> None:
    # 잇어요 is repaired; 전기차 stays a word the knowledge base never writes, so the stations program is no answer.
    decision = shipped_matcher.match("전기차 충전소 설치 지원 잇어요?")
    assert decision.kind == "fallback"


def test_initials_are_read_without_the_question_words_beside_them(alt_matcher: Matcher) -> None:
    # ㅇㅊ is 어촌 because an item writes 어촌 beside 아카데미 (ㅇㅋㄷㅁ, which the analyser expands alone); no item
    # writes 언제, which only asks when.
    from intents.initials import spell_out
    plain = alt_matcher.generic | alt_matcher.cue_terms | alt_matcher.lexicon.places
    assert spell_out("ㅇㅊ ㅇㅋㄷㅁ 언제", alt_matcher.analyzer, alt_matcher._item_terms, plain) == "어촌 ㅇㅋㄷㅁ 언제"
    decision = alt_matcher.match("ㅇㅊ ㅇㅋㄷㅁ 언제")
    assert (decision.kind, decision.id, decision.aspect) == ("answer", "fishing-village-academy", "period")

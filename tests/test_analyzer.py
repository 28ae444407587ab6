"""Korean-aware text handling: normalisation, jamo, and how words are cut down to what they are about."""
from __future__ import annotations

import pytest

from intents.analyzer import Analyzer, clear_lang, english_stem, normalize
from intents.hangul import initials, is_initials_only, to_jamo
from intents.lexicon import load_lexicon
from intents.real_words import real_korean_words

from conftest import learned_analyzer


def test_normalize_cleans_without_losing_meaning() -> None:
    assert normalize("  창업\u200b지원금?!  ") == "창업지원금"
    assert normalize("Startup지원금") == "startup 지원금"
    assert normalize("ＡＢＣ１２３") == "abc123"  # full-width forms
    assert normalize("<b>신청</b>") == "b 신청 b"
    assert normalize("don't") == "dont"
    assert normalize("ㅊㅊㅅ") == "ㅊㅊㅅ"  # NFKC must not turn typed jamo into conjoining ones
    assert normalize("😀\x00\x07") == ""


def test_hangul_arithmetic() -> None:
    assert initials("강소기업") == "ㄱㅅㄱㅇ"
    assert to_jamo("창업") == "ㅊㅏㅇㅇㅓㅂ"
    assert is_initials_only("ㅊㅊㅅ") and not is_initials_only("ㅊ") and not is_initials_only("ㅊㅊ사")


def test_english_stems() -> None:
    assert english_stem("applications") == "application"
    assert english_stem("studies") == "study"
    assert english_stem("business") == "business"


def test_particles_endings_and_compounds() -> None:
    analyzer = learned_analyzer("무역사절단 참가 신청 방법", "수출 상담회")
    assert analyzer.analyze("무역사절단은 어떻게 신청하나요?").terms == ("사절단", "어떻게", "신청")
    assert analyzer.analyze("무역사절단신청방법").terms == ("사절단", "신청", "방법")


def test_a_greeting_glued_to_a_longer_word_is_part_of_it() -> None:
    """하이 (hi) typed solid with more (하이창원, a company the knowledge writes; 하이테크) is that word's start, not a
    greeting; a greeting on its own, doubled or with an ending stays one."""
    analyzer = learned_analyzer("하이창원이 짓는 액화수소 플랜트", "창원 기업 지원", "안녕하세요", "하이")
    greeting = analyzer.analyze("하이").terms
    assert greeting and analyzer.analyze("하이창원은 어떤 회사예요").terms[0] == "하이창원"
    assert not set(greeting) & set(analyzer.analyze("하이테크 기업 지원").terms)
    assert analyzer.analyze("하이 창원 기업").terms[:1] == greeting
    assert analyzer.analyze("하이하이").terms == greeting


def test_typos_are_corrected_at_the_jamo_level_but_real_words_stay_unknown() -> None:
    analyzer = learned_analyzer("창업 지원금 신청", "전시회 참가")
    assert analyzer.analyze("창엄 지윈금").terms == ("창업", "지원금")
    assert "?전기요금" in analyzer.analyze("전기요금").terms or "전시회" not in analyzer.analyze("전기요금").terms


def test_a_real_word_is_never_corrected_to_a_known_one() -> None:
    # One jamo from a known word each (전시, 정책, 자격, 수출, 기술), but words of Korean the knowledge never writes.
    analyzer = learned_analyzer("전시 참가", "정책 연구", "자격 요건", "수출 지원", "기술 개발")
    for word in ("전세", "정착", "가격", "수술", "미술"):
        assert analyzer.analyze(word).terms == (f"?{word}",), word
    assert analyzer.analyze("졍책").terms == ("정책",)  # a typo is no word: still corrected


def test_a_real_word_run_together_with_a_known_one_is_kept_whole() -> None:
    analyzer = learned_analyzer("창업 지원", "외국 기업")
    assert analyzer.analyze("창업동아리").terms == ("창업", "?동아리")  # not 창업, ?동, 아 (a stopword), ?리
    assert analyzer.analyze("외국인").terms == ("해외", "?인")  # the known word (외국, 해외) says more than a word it is in
    assert analyzer.analyze("만나고").terms == ("?만", "?고")  # only a whole run: not 만나 (a real word) and 고


def test_a_loan_is_no_grant_and_being_selected_asks_the_criteria() -> None:
    analyzer = learned_analyzer("창업 지원금 신청", "소상공인 대출 상담", "신청 자격 조건")
    assert analyzer.analyze("융자").terms == analyzer.analyze("대출").terms == ("대출",)
    assert analyzer.analyze("보조금").terms == ("지원금",)
    assert analyzer.analyze("선정 기준").terms[0] == analyzer.analyze("선발").terms[0] == "자격"


def test_the_real_words_come_from_the_word_list() -> None:
    words = real_korean_words()
    assert len(words) > 20_000 and {"전세", "비자", "동아리", "가격"} <= words
    assert not {"창엄", "지윈금", "일짜리", "하자", "뽑고"} & words  # typos and verb forms are not listed


def test_initials_expand_to_known_names() -> None:
    analyzer = learned_analyzer("강소기업 육성")
    analyzer.learn_phrase_initials("강소기업")
    assert analyzer.analyze("ㄱㅅㄱㅇ").terms[0] == "강소기업"
    assert analyzer.analyze("ㅋㅋㅋ").terms == ("?ㅋㅋㅋ",)


def test_synonyms_fold_languages_together() -> None:
    analyzer = learned_analyzer("창업 지원금")
    assert analyzer.analyze("스타트업 보조금").terms == analyzer.analyze("startup grant").terms == ("창업", "지원금")


@pytest.mark.parametrize(("text", "lang"), [
    ("Any support for smart factory?", "en"),
    ("I run a small factory", "en"),
    ("항구 근처 횟집 예약", "ko"),
    ("MOU 몇 건 했어요", "ko"),          # an acronym is no English word
    ("<b>x</b>", None), ("ㅋㅋㅋ", None), ("1234", None), ("ok", None), ("안녕", None),
    ("R&D 지원 for startups", None),    # both languages: too little to tell
])
def test_clear_lang_needs_real_words_of_one_language(text: str, lang: str | None) -> None:
    assert clear_lang(text) == lang

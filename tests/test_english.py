"""English as people type it (intents/english.py, intents/lexicon/english.yaml): phrases, word forms and the
bilingual dictionary, through the real lexicon files and the analyser."""
from __future__ import annotations

from pathlib import Path

from intents.analyzer import Analyzer
from intents.english import English
from intents.lexicon import LEXICON_DIR, load_lexicon, read_yaml
from intents.matcher import Matcher
from knowledge.loader import load_or_raise

ROOT = Path(__file__).resolve().parent.parent


def _analyzer(*texts: str) -> Analyzer:
    analyzer = Analyzer(load_lexicon())
    analyzer.learn(texts)
    analyzer.finish()
    return analyzer


def test_a_phrase_means_what_its_korean_word_means() -> None:
    analyzer = _analyzer("구직자 취업 지원", "오시는 길 위치")
    korean = analyzer.analyze("구직 중인데 도와주세요").terms[0]
    assert analyzer.analyze("I lost my job last month").terms[0] == korean
    assert "?laid" not in analyzer.analyze("I got laid off").terms
    assert analyzer.analyze("How do I get to your building?").terms[-1] == analyzer.analyze("위치").terms[0]


def test_the_longest_phrase_wins_and_words_inside_other_words_stay() -> None:
    english = English.load()
    assert english.rewrite("is there money for starting a business") == "is there money for 창업"
    assert english.rewrite("capability building program") == "capability building program"
    assert english.rewrite("수출 지원") == "수출 지원"  # no Latin letters: untouched


def test_word_forms_meet_their_base() -> None:
    analyzer = _analyzer("섬유 전시회 참가 지원", "textile exhibition")
    textile = analyzer.analyze("섬유").terms
    assert analyzer.analyze("textiles").terms == analyzer.analyze("fabrics").terms == textile
    assert analyzer.analyze("exhibiting").terms == analyzer.analyze("전시회").terms


def test_the_knowledge_bases_own_word_is_kept() -> None:
    """`registered` a business (사업자등록) is not `register` for a program (신청)."""
    analyzer = _analyzer("사업자 등록 전 예비창업자", "not yet registered a business")
    assert analyzer.analyze("registered").terms != analyzer.analyze("신청").terms


def test_dictionary_words_count_only_where_the_knowledge_base_uses_them() -> None:
    with_robots = _analyzer("협동로봇 도입 지원")
    assert with_robots.analyze("robot arm").terms[0] == with_robots.analyze("로봇").terms[0]
    without = _analyzer("수소충전소 구축 지원")
    # A topic this knowledge base never mentions stays unknown, so a near miss still looks like one.
    assert without.analyze("전기차 충전기").terms[0].startswith("?")
    assert without.analyze("robot").terms[0].startswith("?")


def test_dictionary_words_are_no_typo_targets() -> None:
    analyzer = _analyzer("export consultations in Japan", "수출 상담회")
    assert analyzer.analyze("japan").terms == analyzer.analyze("일본").terms == ("일본",)
    assert "일본" not in analyzer.analyze("일반 수출").terms  # 일반 (general) is one letter from 일본


def test_yaml_words_that_look_like_booleans_stay_words() -> None:
    lexicon = load_lexicon()
    assert {"on", "off"} <= lexicon.stopwords or "on" in lexicon.stopwords
    assert {"yes", "no"} <= {skill.name for skill in lexicon.skills}
    assert read_yaml(LEXICON_DIR / "english.yaml")["phrases"]


def test_every_phrase_names_a_word_the_lexicon_knows() -> None:
    lexicon, english = load_lexicon(), English.load()
    known = set(lexicon.synonyms) | {group[0] for group in english.dictionary}
    assert not {target for target in english.phrases.values() if target not in known}


def test_english_questions_reach_items_written_in_korean_words() -> None:
    shipped = Matcher(load_or_raise(ROOT / "knowledge", ROOT / "intents"))
    assert shipped.match("is there money for starting a business?").id == "startup-funding"
    assert shipped.match("How do I get to your place?").id == "agency-location"
    assert shipped.match("I'm about to start a company").id == "pre-founder"

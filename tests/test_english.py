"""English as people type it (intents/english.py, intents/lexicon/english.yaml): phrases, word forms and the
bilingual dictionary, through the real lexicon files and the analyser."""
from __future__ import annotations

from pathlib import Path

from intents.analyzer import Analyzer
from intents.context import asks_beyond
from intents.english import English
from intents.lexicon import LEXICON_DIR, load_lexicon, read_yaml
from intents.matcher import Matcher
from knowledge.loader import load_or_raise

from conftest import learned_analyzer

ROOT = Path(__file__).resolve().parent.parent


def test_a_phrase_means_what_its_korean_word_means() -> None:
    analyzer = learned_analyzer("구직자 취업 지원", "오시는 길 위치")
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
    analyzer = learned_analyzer("섬유 전시회 참가 지원", "textile exhibition")
    textile = analyzer.analyze("섬유").terms
    assert analyzer.analyze("textiles").terms == analyzer.analyze("fabrics").terms == textile
    assert analyzer.analyze("exhibiting").terms == analyzer.analyze("전시회").terms


def test_the_knowledge_bases_own_word_is_kept() -> None:
    """`registered` a business (사업자등록) is not `register` for a program (신청)."""
    analyzer = learned_analyzer("사업자 등록 전 예비창업자", "not yet registered a business")
    assert analyzer.analyze("registered").terms != analyzer.analyze("신청").terms


def test_dictionary_words_count_only_where_the_knowledge_base_uses_them() -> None:
    with_robots = learned_analyzer("협동로봇 도입 지원")
    assert with_robots.analyze("robot arm").terms[0] == with_robots.analyze("로봇").terms[0]
    without = learned_analyzer("수소충전소 구축 지원")
    # A topic this knowledge base never mentions stays unknown, so a near miss still looks like one.
    assert without.analyze("전기차 충전기").terms[0].startswith("?")
    assert without.analyze("robot").terms[0].startswith("?")


def test_dictionary_words_are_no_typo_targets() -> None:
    analyzer = learned_analyzer("export consultations in Japan", "수출 상담회")
    assert analyzer.analyze("japan").terms == analyzer.analyze("일본").terms == ("일본",)
    assert "일본" not in analyzer.analyze("일반 수출").terms  # 일반 (general) is one letter from 일본


def test_yaml_words_that_look_like_booleans_stay_words() -> None:
    lexicon = load_lexicon()
    assert {"on", "off"} <= lexicon.stopwords or "on" in lexicon.stopwords
    assert {"yes", "no"} <= {skill.name for skill in lexicon.skills}
    assert read_yaml(LEXICON_DIR / "english.yaml")["phrases"]


def test_every_phrase_names_a_word_the_lexicon_knows() -> None:
    lexicon, english = load_lexicon(), English.load()
    known = set(lexicon.synonyms) | {word for group in english.dictionary for word in group}
    # a person phrase's target is its concept word and the person as typed (foreigner students)
    assert not {target for target in english.phrases.values() if target.split()[0] not in known}


def test_english_questions_reach_items_written_in_korean_words() -> None:
    shipped = Matcher(load_or_raise(ROOT / "knowledge", ROOT / "intents"))
    assert shipped.match("is there money for starting a business?").id == "startup-funding"
    assert shipped.match("How do I get to your place?").id == "agency-location"
    assert shipped.match("I'm about to start a company").id == "pre-founder"


def test_a_phrase_is_matched_on_base_forms_with_articles_optional() -> None:
    """Non-native English drops or swaps articles and inflects freely: each shape is the same phrase."""
    english = English.load()
    for said in ("I lost job", "i lost the job", "losing my job"):
        assert english.rewrite(said).split()[-1] == "구직", said
    for said in ("started a company", "starting companies", "start company", "i am make startup"):
        assert "창업" in english.rewrite(said).split(), said
    assert english.rewrite("your place") == "위치"
    assert english.rewrite("place") == "place"  # a phrase that opens with a possessive needs it


def test_alternatives_in_a_phrase_are_spelt_out() -> None:
    from intents.english import spell_out
    assert spell_out("(plan|want) to start (business|company)") == [
        "plan to start business", "plan to start company", "want to start business", "want to start company"]


def test_starting_something_else_is_no_company_to_found() -> None:
    english = English.load()
    assert "예비창업" in english.rewrite("i am planning to open my own business")
    assert "예비창업" not in english.rewrite("we want to start exporting can the agency help")


def test_forms_of_stopwords_carry_no_topic() -> None:
    analyzer = learned_analyzer("구직자 취업 지원", "Finding Future Growth Industries")
    assert analyzer.analyze("finding growth industries").terms == analyzer.analyze("growth industries").terms
    assert analyzer.analyze("it needs").terms == ()


def test_a_dictionary_word_joins_its_korean_words_canonical_term() -> None:
    """입주 is already 사무실 (synonyms.yaml): a tenant is too, not a term of its own."""
    analyzer = learned_analyzer("창업보육센터 입주 기업 모집")
    assert analyzer.analyze("tenant").terms == analyzer.analyze("입주").terms == analyzer.analyze("office").terms


def test_r_and_d_is_research_and_development() -> None:
    analyzer = learned_analyzer("방산 중소기업 연구개발 지원")
    assert analyzer.analyze("R&D").terms == analyzer.analyze("연구개발").terms \
        == analyzer.analyze("research and development").terms


def test_an_email_address_asks_no_place() -> None:
    shipped = Matcher(load_or_raise(ROOT / "knowledge", ROOT / "intents"))
    decision = shipped.match("email address for the job matching")
    assert (decision.kind, decision.id, decision.aspect) == ("answer", "job-matching", "contact")
    assert shipped.match("website address of the agency").id == "agency-website"


def test_english_aspect_phrases_say_which_aspect_is_asked() -> None:
    shipped = Matcher(load_or_raise(ROOT / "knowledge", ROOT / "intents"))
    assert shipped.match("what does the trade mission cover").aspect == "support"
    assert shipped.match("what month is the trade mission").aspect == "period"
    assert shipped.match("who should I ask about the trade mission").aspect == "contact"


def test_romanised_places_meet_their_korean_names() -> None:
    """`Gimhae` is 김해 where the knowledge base writes 김해; elsewhere it stays unknown like any place."""
    analyzer = learned_analyzer("김해에 있는 기업도 지원 가능한가요")
    assert analyzer.analyze("gimhae").terms == analyzer.analyze("김해").terms
    assert analyzer.analyze("busan").terms[0].startswith("?")


def test_words_of_program_names_meet_their_korean_words() -> None:
    analyzer = learned_analyzer("방산 중소기업 기술경쟁력 강화", "시험 인증 수수료 지원")
    assert analyzer.analyze("competitiveness").terms == analyzer.analyze("경쟁력").terms
    assert analyzer.analyze("expenses").terms == analyzer.analyze("비용").terms


def test_no_company_yet_is_a_founder_to_be_in_non_native_english_too() -> None:
    """`no company yet`, `before (starting a) company`, `not start yet`: the asker has no company, as 예비창업."""
    english = English.load()
    for said in ("we dont have a company yet", "i not have business yet", "support before starting a company",
                 "what is there before company", "we have not started yet", "how can i open my own business"):
        assert "예비창업" in english.rewrite(said).split(), said
    assert "예비창업" not in english.rewrite("before the deadline")
    assert "예비창업" not in english.rewrite("our company has no office yet")


def test_paying_part_of_the_cost_is_the_own_share() -> None:
    english = English.load()
    for said in ("must company pay some money too", "we pay some part of money", "pay a share of the cost"):
        assert "자부담" in english.rewrite(said).split(), said
    assert "자부담" not in english.rewrite("how much do we pay")


def test_a_dropped_to_is_the_same_phrase() -> None:
    english = English.load()
    assert english.rewrite("i want start company") == english.rewrite("i want to start a company")
    assert english.rewrite("how i go your office") .split()[-1] == "위치"


def test_function_words_name_nothing_unless_the_knowledge_base_writes_them() -> None:
    """`make` in `i want make fashion brand` is no unknown topic word; where an item writes `make a
    prototype`, the word stays one of its words."""
    without = learned_analyzer("패션 브랜드 창업 지원")
    assert without.analyze("i want make fashion brand again").terms == without.analyze("fashion brand").terms
    written = learned_analyzer("시제품 제작 지원", "we make prototypes")
    assert "make" in written.analyze("make a prototype").terms


def test_a_dictionary_word_is_no_typo_of_another_word() -> None:
    """`foreigners` shares its first letters with `foreign` (해외, business abroad) but means people from
    abroad: where the knowledge base never writes 외국인, the word stays unknown, not 해외."""
    analyzer = learned_analyzer("해외 진출 지원", "foreign markets")
    assert analyzer.analyze("foreign").terms == analyzer.analyze("해외").terms
    assert analyzer.analyze("foreigners").terms[0].startswith("?")
    assert analyzer.analyze("foreigner").terms[0].startswith("?")
    with_foreigners = learned_analyzer("외국인 근로자 고용 지원")
    assert with_foreigners.analyze("foreigners").terms == with_foreigners.analyze("외국인").terms


def test_not_yet_is_a_state_not_an_exclusion() -> None:
    from intents import exclusion
    pattern = exclusion.marker_pattern(load_lexicon())
    assert exclusion.split("i want to open a shop but have not started yet", pattern) is None
    assert exclusion.split("we are not registered yet, any support?", pattern) is None
    found = exclusion.split("not the trade mission, the export fair", pattern)
    assert found is not None and found.excluded == "the trade mission"


def test_non_native_questions_reach_the_items_korean_words() -> None:
    shipped = Matcher(load_or_raise(ROOT / "knowledge", ROOT / "intents"))
    assert shipped.match("we no have company yet, is there support for us?").id == "pre-founder"
    assert shipped.match("before open business, can i learn how to start?").id == "pre-founder"
    blind = Matcher(load_or_raise(ROOT / "tests/data/blind/knowledge", ROOT / "intents"))
    assert blind.match("what papers we need for the application?").id == "required-documents"
    assert blind.match("when do the results come out?").id == "selection-results"
    assert blind.match("can we apply again after we got support last year?").id == "duplicate-support"


def test_a_foreign_person_is_a_foreigner_not_business_abroad() -> None:
    """`foreign student`, `foreign workers`: people from abroad (외국인), while a `foreign market` is abroad
    (해외). Where the knowledge base never writes 외국인 the person stays an unknown word, never 외국 + 인."""
    analyzer = learned_analyzer("해외 진출 지원", "foreign markets", "대학생 학생")
    abroad = analyzer.analyze("해외").terms[0]
    assert analyzer.analyze("foreign market").terms[0] == abroad
    for said in ("internship for foreign student", "international students", "hire foreign workers",
                 "migrant worker", "i am not korean"):
        terms = analyzer.analyze(said).terms
        assert abroad not in terms and "?foreigner" in terms, (said, terms)
    assert analyzer.analyze("foreign students").terms[-1] == analyzer.analyze("학생").terms[0]  # the person stays
    with_foreigners = learned_analyzer("외국인 근로자 고용 지원")
    assert with_foreigners.analyze("foreign workers").terms[0] == with_foreigners.analyze("외국인").terms[0]


def test_an_age_limit_in_english_is_the_youth_one() -> None:
    """`under 39`, `39 or younger`, `aged 19-34` is how a youth program's condition is written (청년); a limit
    past the youth ages, a number of something else or a company's age is left as typed."""
    english = English.load()
    for said in ("program for under 39 age", "39 or younger", "age 19 34", "between 19 and 34 years old",
                 "under the age of 35", "aged 18 to 39"):
        assert "청년" in english.rewrite(said).split(), said
    for said in ("under 50 can apply", "company of 10 to 20 people", "startup 2 years old", "under 5 employees"):
        assert "청년" not in english.rewrite(said).split(), said
    assert english.rewrite("program for under 39 age").split()[-1] == "39"  # the number stays, as in 39세 이하


def test_the_askers_own_age_is_the_number_alone() -> None:
    """`I'm 25 years old`, `25yo`, `25 y/o` are the number, as `I'm 25` always was: no unknown `yo`, `y`, `o`
    weighing as topics; `in my 20s` names nothing asked."""
    english = English.load()
    assert english.rewrite("im 25 years old") == english.rewrite("25yo") == english.rewrite("25 y o") == "25"
    assert english.rewrite("i am in my 20s any program") == "any program"
    assert english.rewrite("2 years old startup") != "2 startup"  # no person's age: its phrases as before


def test_ages_and_hearsay_in_non_native_questions() -> None:
    shipped = Matcher(load_or_raise(ROOT / "knowledge", ROOT / "intents"))
    youth = shipped.match("my friend say there is program for under 39 age, what is it?")
    assert youth.kind != "fallback" and "new-industry-youth-jobs" in [c.id for c in youth.candidates[:3]]
    assert shipped.match("I am in my 30s, lost job last month. any support?").candidates[0].id == "job-seeker-help"
    student = shipped.match("I study mechanical engineering, what company hire foreigner?")
    assert student.kind != "answer"
    assert shipped.match("who is boss of agency?").id == "agency-head"


def test_korean_ages_read_as_the_english_ones_do() -> None:
    """`만 39세 이하`, `19~34세` are a youth program's limit, read as `under 39` is (청년 and the number); the
    asker's own age (`만 34세인데`, `서른다섯인데`) is the number alone, without 세, 살 or 만 as unknown words."""
    analyzer = learned_analyzer("청년 인턴 매칭", "만 39세 이하 청년 스마트팜 교육")
    youth = analyzer.analyze("청년").terms[0]
    for said in ("만 39세 이하 교육", "39살 이하만 되나요", "19~34세 대상", "만 19세 이상 34세 이하"):
        assert youth in analyzer.analyze(said).terms, said
    assert analyzer.analyze("만 39세 이하").terms == analyzer.analyze("under 39").terms
    for said, age in (("만 34세인데 인턴 신청 가능?", "34"), ("서른다섯인데 교육 받을 수 있나요", "35"),
                      ("스물한살이에요", "21"), ("50세 이상도 되나요", "50"), ("19세 이상", "19")):
        terms = analyzer.analyze(said).terms
        assert age in terms and youth not in terms and not any(t.startswith("?") for t in terms), (said, terms)
    for said in ("3세 아이 돌봄", "직원 30명", "세 번째 신청", "1세대 창업"):  # no person's age
        assert "청년" not in English.load().rewrite(said)


def test_english_words_of_fish_robots_and_first_exports_meet_their_korean_words() -> None:
    """A disease is 질병; a cobot is a collaborative robot (협동로봇), not any robot; never having
    exported is a first export (처음 수출)."""
    analyzer = learned_analyzer("양식장 질병 진단", "협동로봇 도입 지원", "수출 처음 해보는데", "농업 로봇")
    assert analyzer.analyze("fish disease").terms[-1] == analyzer.analyze("질병").terms[0]
    assert analyzer.analyze("disease diagnosis").terms == analyzer.analyze("질병 진단").terms
    assert analyzer.analyze("a cobot").terms == analyzer.analyze("collaborative robots").terms \
        == analyzer.analyze("협동로봇").terms != analyzer.analyze("robot").terms
    assert analyzer.analyze("our company never export before").terms[-2:] == analyzer.analyze("처음 수출").terms


def test_english_aspect_cues_of_age_booking_and_sending() -> None:
    blind = Matcher(load_or_raise(ROOT / "tests/data/blind/knowledge", ROOT / "intents"))
    assert blind.match("what age for the youth intern program?").aspect == "eligibility"
    assert blind.match("can I just walk in the robot hall or need booking?").aspect == "apply"
    assert blind.match("how to send fabric samples for the textile testing?").aspect == "apply"


def test_a_place_the_knowledge_base_never_names_is_another_region() -> None:
    """`company from Ulsan, can apply?` asks what `다른 지역 회사도 신청되나요` asks (places.yaml `unnamed`); a place
    the knowledge base names stays itself, and where it never writes 지역 an unnamed place stays unknown."""
    analyzer = learned_analyzer("부산이 아닌 지역 업체도 신청할 수 있나요", "can companies outside Busan apply")
    region = analyzer.analyze("지역").terms[0]
    assert analyzer.analyze("outside").terms == (region,)
    for said in ("company from Ulsan, can apply?", "울산에 있는 회사인데 신청할 수 있나요", "we are based in seoul"):
        assert region in analyzer.analyze(said).terms, said
    assert region not in analyzer.analyze("부산 회사").terms
    plain = learned_analyzer("수출 지원 사업")
    assert plain.analyze("울산 회사").terms[0].startswith("?")
    alt = Matcher(load_or_raise(ROOT / "tests/data/alt/knowledge", ROOT / "intents"))
    assert alt.match("our company is in Gumi, can we apply too?").id == "outside-busan"


def test_how_cheap_or_often_names_no_topic_unless_the_knowledge_base_writes_it() -> None:
    """`a tiny startup ... somewhere cheap`, `how often`: words that describe what is asked were unknown words
    weighing as novel topics no item explains; where an item writes `cheap`, it stays its word."""
    analyzer = learned_analyzer("창업 사무실 지원", "office space for startups")
    terms = analyzer.analyze("we are a tiny startup and need somewhere cheap to work from").terms
    assert not any(t.lstrip("?") in ("tiny", "somewhere", "cheap") for t in terms)
    assert analyzer.analyze("how often does the class start").terms == analyzer.analyze("how does the class start").terms
    written = learned_analyzer("창업 사무실 지원", "cheap office space")
    assert "cheap" in written.analyze("somewhere cheap").terms


def test_ok_is_no_topic_of_a_request_for_a_person() -> None:
    """`ok` (words.yaml neutral_words) is chat: beside a request for a person it asks nothing beyond it."""
    matcher = Matcher(load_or_raise(ROOT / "knowledge", ROOT / "intents"))
    assert matcher.match("ok, I would like to talk to someone from your staff").id == "human"
    assert not asks_beyond(matcher, "ok, I would like to talk to someone from your staff", "human")
    assert asks_beyond(matcher, "Do you have an English speaking staff?", "human")  # the staff themselves

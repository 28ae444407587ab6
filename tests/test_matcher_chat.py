"""Chat as people type it: laughter, repeated 초성, chat spellings, smileys, courtesy around a question, typos
in small talk, long stories whose question points back into them, English typed solid or misspelt.
Lexical mode, through the real knowledge files and lexicon (and the alternate agency's, for stories)."""
from __future__ import annotations

from pathlib import Path

import pytest

from intents.chat import tidy
from intents.lexicon import load_lexicon
from intents.matcher import Matcher
from knowledge.loader import load_or_raise

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def alt_matcher() -> Matcher:
    return Matcher(load_or_raise(ROOT / "tests" / "data" / "alt" / "knowledge", ROOT / "intents"))


@pytest.mark.parametrize("text, tidied", [
    ("감사합니다ㅎㅎ", "감사합니다"), ("감사해요ㅎ", "감사해요"), ("ㅋㅋㅋㅋ", ""), ("ㅠㅠ", ""), ("하하하", ""),
    ("ㄳㄳㄳ", "ㄳ"), ("ㄳ요", "ㄳ"), ("ㅂㅂㅂ", "ㅂㅂ"), ("ㅂㅇㅂㅇ", "ㅂㅇ"), ("ㅎㅇㅎㅇ", "ㅎㅇㅎㅇ"),
    ("see u", "see you"), ("thnx pls", "thanks please"),
    ("안녕 😊", "안녕"), ("👋", "👋"),  # an emoji beside words is decoration; alone it is what is said
    ("ok bye", "bye"), ("아 네 감사해요", "감사해요"), ("ok", "ok"),
    ("ㄱㅅㄱㅇ 신청", "ㄱㅅㄱㅇ 신청"),  # 초성 of a program's name is left to the analyser
])
def test_chat_habits_are_tidied(text: str, tidied: str) -> None:
    assert tidy(text, load_lexicon()) == tidied


def test_courtesy_around_a_question_is_set_aside_but_courtesy_alone_stays() -> None:
    lexicon = load_lexicon()
    assert tidy("안녕하세요. 저희는 창원의 부품 회사인데 수출 지원 받을 수 있나요? 감사합니다!", lexicon) == \
        "저희는 창원의 부품 회사인데 수출 지원 받을 수 있나요?"
    assert tidy("Hi, I run a small machining shop in Changwon.", lexicon) == "I run a small machining shop in Changwon."
    assert tidy("안녕하세요 처음 이용해봐요", lexicon) == "안녕하세요 처음 이용해봐요"
    assert tidy("can I apply for it later", lexicon) == "can I apply for it later"  # English needs punctuation
    # ... except a greeting opening a message (conversation.yaml `opening_skills`): a hello asks nothing
    assert tidy("hello i am from vietnam, i want learn more skill", lexicon) == "i am from vietnam, i want learn more skill"
    assert tidy("nice program for startups, how to apply", lexicon) == "nice program for startups, how to apply"
    assert tidy("hello there", lexicon) == "hello there"


@pytest.mark.parametrize("text, expected", [
    ("ㄳㄳㄳ", "thanks"), ("ㄳ요", "thanks"), ("감사합니다 ㅎㅎ", "thanks"), ("감삼다", "thanks"), ("고마웡", "thanks"),
    ("안녀하세요", "greeting"), ("안녕 😊", "greeting"), ("안냥", "greeting"),
    ("ㅂㅇㅂㅇ", "goodbye"), ("ok bye", "goodbye"), ("see u", "goodbye"), ("수고링", "goodbye"),
    ("what kind of questions can I ask?", "help"), ("도움말 보여줘", "help"),
    ("직원분 계세요?", "human"), ("I'd like to talk to a staff member", "human"),
    ("처음으로 돌아가기", "list-programs"),
])
def test_small_talk_as_people_type_it(matcher: Matcher, text: str, expected: str) -> None:
    decision = matcher.match(text)
    assert (decision.kind, decision.id) == ("answer", expected), text


@pytest.mark.parametrize("text", ["ㅋㅋㅋㅋ", "ㅠㅠㅠ", "하하하"])
def test_laughter_alone_is_answered_with_nothing(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).kind == "fallback"


def test_a_chat_phrase_word_is_never_a_typos_correction(alt_matcher: Matcher) -> None:
    # 노후 (old, of fishing boats) is one letter from 오후 (afternoon, in 좋은 오후예요): it must stay itself.
    assert "오후" not in alt_matcher.analyzer.analyze("노후 어선 바꾸는 데 지원").terms


def test_a_story_names_what_its_question_points_at(alt_matcher: Matcher) -> None:
    story = ("안녕하세요. 저는 서른두 살이고 서울에서 회사를 다니다가 작년에 그만뒀습니다. 고향이 기장이라 내려와서 "
             "아버지 배를 물려받아 어업을 해볼까 생각 중이에요. 청년어업인 정착 지원이라는 게 있다고 들었는데요. "
             "제가 신청할 수 있는 조건이 되는지 궁금합니다.")
    decision = alt_matcher.match(story)
    assert (decision.kind, decision.id, decision.aspect) == ("answer", "young-fisher-settlement", "eligibility")


def test_a_story_whose_question_names_something_else_is_not_answered_with_the_story(alt_matcher: Matcher) -> None:
    story = ("안녕하세요. 청년어업인 정착 지원이라는 게 있다고 들었는데요. 저는 그건 해당이 안 되고요. "
             "혹시 구청에 주차장 민원은 어떻게 넣나요?")
    assert alt_matcher.match(story).id != "young-fisher-settlement"


@pytest.mark.parametrize("text, terms", [
    ("hydrogen staions", ("수소", "충전소")),  # a letter dropped
    ("aplication deadline", ("신청", "기간")),
])
def test_english_typos_that_drop_a_letter_are_corrected(matcher: Matcher, text: str, terms: tuple[str, ...]) -> None:
    assert matcher.analyzer.analyze(text).terms == terms


def test_an_english_word_typed_solid_is_its_two_words(alt_matcher: Matcher) -> None:
    terms = alt_matcher.analyzer.analyze("biomaterials bank").terms[:2]
    # bio is the dictionary's 바이오 where the knowledge base writes it (english.yaml): still its own word
    assert terms == alt_matcher.analyzer.analyze("bio materials").terms
    assert terms[0] == alt_matcher.analyzer.analyze("bio").terms[0] != alt_matcher.analyzer.analyze("materials").terms[0]


@pytest.mark.parametrize("text, spelt", [
    ("ㅊㅇ ㅈㅇㄱ", "창업 ㅈㅇㄱ"),  # 지원금 the analyser reads itself; ㅊㅇ is read with it: 창업, not 창원
    ("ㅅㅊ ㅅㄷㅎ", "수출 ㅅㄷㅎ"),  # 수출 상담회: a word naming a topic before a plain one (신청)
    ("ㅊㅇ ㅈㅇ", "창업 지원"),  # a place (창원) is rarely what two letters abbreviate
])
def test_initials_are_read_together(matcher: Matcher, text: str, spelt: str) -> None:
    from intents.initials import spell_out
    plain = matcher.generic | matcher.cue_terms | matcher.lexicon.places
    assert spell_out(text, matcher.analyzer, matcher._item_terms, plain) == spelt


@pytest.mark.parametrize("text", ["ㄱㄱ", "ㅁㄹ", "ㅊㅇ", "창업 지원"])
def test_chat_initials_lone_abbreviations_and_words_are_left_alone(matcher: Matcher, text: str) -> None:
    from intents.initials import spell_out
    assert spell_out(text, matcher.analyzer, matcher._item_terms) == text


def test_initials_chat_reaches_the_program(matcher: Matcher) -> None:
    decision = matcher.match("ㅊㅇ ㅈㅇㄱ")
    assert (decision.kind, decision.id) == ("answer", "startup-funding")
    assert matcher.match("ㅊㅇ ㅈㅇ").area == "startup"  # 창업 지원: several programs, the area's list


def test_yaml_booleans_in_the_lexicon_stay_words() -> None:
    # YAML 1.1 reads bare yes/no/on as booleans: "yes" must be a phrase and "on" a stopword, not True/False.
    lexicon = load_lexicon()
    phrases = {p for skill in lexicon.skills for p in skill.phrases}
    assert {"yes", "no"} <= phrases and not {"True", "False"} & phrases
    assert "on" in lexicon.stopwords and "true" not in lexicon.stopwords
    assert "yes" in lexicon.fillers


def test_a_follow_up_within_the_last_programs_words_is_about_it(matcher: Matcher) -> None:
    import time
    from intents.context import MatchContext
    context = MatchContext("startup-incubation", time.time())
    decision = matcher.match("사무실도 줘요?", context=context)  # 사무실 is the centre's own word, and an FAQ's
    assert (decision.kind, decision.id, decision.aspect) == ("answer", "startup-incubation", "support")
    assert matcher.match("예비창업자는요?", context=context).id == "pre-founder"  # another program, named
    # Ruling out what was just answered never answers it.
    mission = MatchContext("trade-mission", time.time())
    decision = matcher.match("사절단 말고 수출상담회는요?", context=mission)
    assert decision.id != "trade-mission" and decision.candidates[0].id == "export-consultation"
    assert "trade-mission" not in [c.id for c in decision.candidates]


@pytest.mark.parametrize("text", ["ㅇㅇ 그래서 신청 어케함", "ㅇㅋ 신청은 어케해요?",
                                  "응 그럼 신청 어떻게 해?", "신청은 어떻게 해?"])
def test_a_chat_yes_before_a_follow_up_is_not_the_answer(matcher: Matcher, text: str) -> None:
    """ㅇㅇ/ㅇㅋ open a sentence as 네 does (a filler, not thanks), and 어케 is how people type 어떻게."""
    import time
    from intents.context import MatchContext
    decision = matcher.match(text, context=MatchContext("trade-mission", time.time()))
    assert (decision.kind, decision.id, decision.aspect) == ("answer", "trade-mission", "apply")
    assert tidy("ㅇㅇ 그래서 신청 어케함", load_lexicon()) == "그래서 신청 어떻게 해요"

"""Small-talk words inside a question about a program do not take the answer (intents/precedence.py)."""
from __future__ import annotations

from dataclasses import dataclass

from intents.matcher import Matcher
from intents.precedence import topic_before_chat
from knowledge.model import Faq, Intent, Item, Text


@dataclass(frozen=True)
class _Ranked:
    item: Item
    topic_coverage: float


HUMAN = Intent(id="human", examples=("담당자 연결",))
FAQ = Faq(id="phone-number", questions=("전화번호",), answer=Text.of("055"))


def test_an_intent_that_explains_none_of_the_topic_moves_behind_the_agency_items() -> None:
    ranked = [_Ranked(HUMAN, 0.0), _Ranked(FAQ, 0.5)]
    assert [r.item.id for r in topic_before_chat(ranked, 0.3)] == ["phone-number", "human"]


def test_an_intent_keeps_its_place_where_it_explains_part_of_the_topic_or_nothing_else_does() -> None:
    assert topic_before_chat([_Ranked(HUMAN, 0.2), _Ranked(FAQ, 0.5)], 0.3)[0].item.id == "human"
    assert topic_before_chat([_Ranked(HUMAN, 0.0), _Ranked(FAQ, 0.2)], 0.3)[0].item.id == "human"
    assert topic_before_chat([_Ranked(HUMAN, 0.0)], 0.3)[0].item.id == "human"


def test_the_contact_of_a_named_program_is_not_a_request_for_a_person(shipped_matcher: Matcher) -> None:
    # 담당자 is all the human intent shares with it: the program leads (answered or offered first, never
    # a tie with the intent that ends in the fallback), asked for its contact.
    decision = shipped_matcher.match("수출상담회 담당자 연락처 알려주세요")
    assert decision.kind != "fallback" and decision.candidates[0].id == "export-consultation"
    assert decision.aspect == "contact" and "human" not in [c.id for c in decision.candidates[:1]]


def test_small_talk_without_a_program_topic_still_reaches_the_intents(shipped_matcher: Matcher) -> None:
    assert shipped_matcher.match("담당자 연결해 주세요").id == "human"
    assert shipped_matcher.match("고마워요 수출 도움 많이 됐어요").id == "thanks"


def test_small_talk_that_names_an_area_in_other_words_is_not_small_talk(shipped_matcher: Matcher) -> None:
    # 나중에 is a goodbye's word (나중에 봬요), but the message is about starting a business: no goodbye is
    # answered or offered. Thanks said whole beside a topic is still thanks.
    for text in ("나중에 창업하고 싶어요", "아들이 나중에 창업하고 싶대요"):
        decision = shipped_matcher.match(text)
        assert "goodbye" not in [c.id for c in decision.suggestions], text
        assert decision.id != "goodbye", text
    assert shipped_matcher.match("창업 지원 정보 감사합니다").id == "thanks"
    assert shipped_matcher.match("다음에 또 올게요").id == "goodbye"


def test_an_intent_with_an_action_keeps_its_place_beside_a_named_topic() -> None:
    human = Intent(id="human", examples=("담당자 연결",), action="followup")
    assert topic_before_chat([_Ranked(human, 0.5), _Ranked(FAQ, 0.5)], 0.3, names_unsaid=True)[0].item.id == "human"
    greeting = Intent(id="greeting", examples=("안녕하세요",))
    assert topic_before_chat([_Ranked(greeting, 0.5), _Ranked(FAQ, 0.5)], 0.3, names_unsaid=True)[0].item.id == \
        "phone-number"


def test_an_english_chat_word_inside_a_question_is_no_small_talk(shipped_matcher: Matcher) -> None:
    # `ok` is the yes of thanks, `see` a goodbye's word (see you): inside a question about something else (a
    # word the intent never writes), neither is answered or offered.
    for text, intent in (("I am 31 age, foreigner ok?", "thanks"), ("youth job program, age 38 ok?", "thanks"),
                         ("where i can see program announcement?", "goodbye")):
        decision = shipped_matcher.match(text, "en")
        assert intent not in [c.id for c in decision.candidates[:3]] and decision.id != intent, text
    # `foreigner ok?` names nothing the agency's items explain: not understood, rather than thanks
    assert shipped_matcher.match("I am 31 age, foreigner ok?", "en").kind == "fallback"
    # changing jobs is looking for one (english.yaml 구직): the job seeker's FAQ, not the help text
    assert shipped_matcher.match("i want change job, can you help?", "en").id == "job-seeker-help"


def test_english_small_talk_said_whole_is_still_small_talk(shipped_matcher: Matcher) -> None:
    assert shipped_matcher.match("ok").id == "thanks"
    assert shipped_matcher.match("thank you so much teacher").id == "thanks"
    assert shipped_matcher.match("thanks teacher").id == "thanks"
    assert shipped_matcher.match("see you later").id == "goodbye"
    assert shipped_matcher.match("can you help me").id == "help"


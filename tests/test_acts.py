"""A chat phrase inside a real question is not the message's act (intents/acts.py, conversation.yaml `acts`):
`지금 원장님은 누구세요` asks who heads the agency, `처음 출범할 때 규모는요` is no "back to the start", `how did it go
back then?` no "back", while thanks, a request for a person and the menu said alone keep working. Lexical mode,
through the real matcher, lexicon and knowledge files (ours, and two other agencies' for the rule's reach), and
the staff reply through the in-process bot."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FROZEN_INTENTS, button_data
from handlers.followup.common import DRAFT
from intents.acts import COMMAND, STAND, Acts, courtesy_not_offered, joined_skills
from intents.decision import Candidate, Decision
from intents.lexicon import Skill, load_lexicon
from intents.matcher import Matcher
from knowledge.loader import load_or_raise

ROOT = Path(__file__).resolve().parent.parent
USER = 1001


@pytest.fixture(scope="module")
def blind() -> Matcher:
    return Matcher(load_or_raise(ROOT / "tests" / "data" / "blind" / "knowledge", FROZEN_INTENTS))


@pytest.fixture(scope="module")
def alt() -> Matcher:
    return Matcher(load_or_raise(ROOT / "tests" / "data" / "alt" / "knowledge", FROZEN_INTENTS))


def _offered(matcher: Matcher, text: str) -> list[str]:
    decision = matcher.match(text)
    return [decision.id or ""] if decision.kind == "answer" else [c.id for c in decision.suggestions] \
        if decision.kind == "suggest" else []


# -- a chat phrase beside a word the knowledge base writes -------------------------------------------------

def test_who_is_the_head_is_not_who_are_you(matcher: Matcher) -> None:
    for text in ("지금 원장님은 누구세요", "원장님은 누구세요"):
        decision = matcher.match(text)
        assert decision.candidates[0].id == "agency-head" and "help" not in _offered(matcher, text)
    assert matcher.match("누구세요").id == "help"  # said alone it still asks who answers


def test_help_words_around_another_agencys_topic_ask_about_that_topic(blind: Matcher, alt: Matcher) -> None:
    # `모르겠어요`, `도와주세요` are the help intent's words; with a program's word beside them they ask about it.
    assert blind.match("저희가 만든 혈압계 식약처 허가 받아야 하는데 어디서부터 해야 할지 모르겠어요").id \
        == "meddev-approval-consulting"
    decision = alt.match("양식장 데이터 잘 모르겠어요")
    assert decision.kind == "answer" and decision.id == "aquaculture-data"


def test_a_request_for_a_person_in_a_question_about_a_program_is_not_offered(matcher: Matcher) -> None:
    # 연결 is the human intent's word; 방산 names programs, and no phrase of the request is said whole.
    offered = _offered(matcher, "아이템이 드론인데 방산 쪽이랑 연결될까요")
    assert "human" not in offered and offered


def test_thanks_and_requests_held_whole_still_stand_beside_a_topic(matcher: Matcher, blind: Matcher) -> None:
    assert blind.match("창업 정보 감사합니다").id == "thanks"
    assert blind.match("웹툰 담당자 연결해 주세요").id == "human"
    # a request for a person in other words, beside a word only the guide's answers write (답변)
    assert matcher.match("답변이 잘 이해가 안 돼서요. 직원분이 직접 연락 주실 수 있나요?").id == "human"


def test_where_the_question_is_asked_is_no_topic(alt: Matcher) -> None:
    # The alternate agency names no agency block: 진흥원 is a word of its FAQs, yet asks nothing of its own.
    assert alt.match("진흥원 사업 뭐뭐 있는지 다 보여줘").id == "list-programs"


# -- commands only said alone ------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["처음으로", "처음", "메뉴", "go back", "back", "처음 화면"])
def test_the_menu_said_alone_is_the_menu(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).id == "list-programs"


@pytest.mark.parametrize("text", ["처음 출범할 때 규모는요", "how did it go back then?", "what was it like back then?"])
def test_a_command_word_inside_a_question_is_no_command(matcher: Matcher, text: str) -> None:
    decision = matcher.match(text)
    assert decision.id != "list-programs" and decision.area is None


def test_a_command_word_inside_a_question_is_no_command_elsewhere_either(blind: Matcher, alt: Matcher) -> None:
    assert blind.match("처음 시작할 때 비용은요").id != "list-programs"
    assert alt.match("수출 경험 없는 수산업체인데 어디서부터 시작하죠").id != "list-programs"
    assert blind.match("처음 화면").id == "list-programs"


# -- courtesy is never offered as a guess --------------------------------------------------------------

def test_a_hello_the_matcher_is_unsure_of_is_not_offered(matcher: Matcher) -> None:
    decision = matcher.match("노래 추천해줘 심심함")
    assert decision.kind != "suggest" or "greeting" not in [c.id for c in decision.suggestions]


def test_courtesy_behind_an_item_leaves_the_item_offered() -> None:
    courtesy = frozenset({"greeting"})
    both = Decision("suggest", None, None, 40.0, (Candidate("greeting", "intent", 40.0),
                                                  Candidate("office-space", "faq", 35.0)))
    moved = courtesy_not_offered(both, courtesy)
    assert moved.kind == "suggest" and [c.id for c in moved.suggestions] == ["office-space"]
    alone = Decision("suggest", None, None, 40.0, (Candidate("greeting", "intent", 40.0),))
    assert courtesy_not_offered(alone, courtesy).kind == "fallback"
    assert courtesy_not_offered(alone, courtesy).candidates == alone.candidates  # kept for the fallback's examples
    help_first = Decision("suggest", None, None, 40.0, (Candidate("help", "intent", 40.0),))
    assert courtesy_not_offered(help_first, courtesy) is help_first  # "how do I use this?" is worth offering


# -- the rule's parts -------------------------------------------------------------------------------

def test_skills_join_the_intent_their_first_matching_target_names() -> None:
    skills = [Skill("browse", ("list-programs", "browse"), ("지원사업 보기",)),
              Skill("menu", ("menu", "list-programs"), ("처음으로",)),
              Skill("greeting", ("hello",), ("안녕",))]
    joined = joined_skills([("list-programs", "browse"), ("hi", None)], skills)
    assert [(s.name, place) for s, place in joined["list-programs"]] == [("browse", 0), ("menu", 1)]
    assert "hi" not in joined  # `hello` names no intent here


def test_command_words_are_those_only_its_commands_write(matcher: Matcher) -> None:
    acts = Acts.build([(0, "list-programs", "browse", ["지원사업 보기", "처음으로", "메뉴 보여줘"]),
                       (1, "human", "followup", ["담당자 연결해 주세요", "상담원"])],
                      [Skill("browse", ("list-programs",), ("지원사업 보기",)),
                       Skill("menu", ("list-programs",), ("처음으로", "메뉴 보여줘")),
                       Skill("human", ("human",), ("담당자 연결해 주세요", "상담원"))],
                      {"menu": COMMAND, "human": STAND}, matcher._terms)
    assert "처음" in acts.command_words[0] and "메뉴" in acts.command_words[0]
    assert not acts.command_words[1] and acts.stands(1) and not acts.stands(0)
    assert acts.held(1, ["수출 담당자 연결해주세요"], STAND)  # whole across spacing, from a word's start
    assert not acts.held(1, ["방산 쪽이랑 연결될까요"], STAND)


def test_the_lexicon_names_real_skills_in_acts() -> None:
    lexicon = load_lexicon()
    names = {skill.name for skill in lexicon.skills}
    assert lexicon.skill_acts and set(lexicon.skill_acts) <= names
    assert set(lexicon.skill_acts.values()) <= {STAND, COMMAND}
    assert lexicon.asked_where


# -- the staff reply, through the bot -------------------------------------------------------------------

async def test_a_request_for_a_person_about_a_covered_topic_starts_the_staff_flow(bot) -> None:
    sent = await bot.say("ok, can I talk to a person about the export programs?")
    assert not any(m["plain"].startswith("This guide does not cover that") for m in sent)
    assert any("staff" in m["plain"] for m in sent)
    sent = await bot.say("수출 담당자 연결해 주세요")
    assert not any(m["plain"].startswith("그 내용은 이 안내에 없어") for m in sent)
    assert any("개인정보" in m["plain"] for m in sent)  # the consent notice of the contact flow


async def test_a_question_about_the_staff_themselves_still_gets_the_offer(bot) -> None:
    reply = (await bot.say("Do you have an English speaking staff?"))[0]
    assert reply["plain"].startswith("This guide does not cover that") and button_data(reply) == ["fu:start"]
    assert not bot.app.user_data.get(USER, {}).get(DRAFT)


async def test_who_heads_the_agency_gets_no_help_text(bot) -> None:
    sent = await bot.say("지금 원장님은 누구세요")
    assert not any(m["plain"].startswith("진흥원 지원사업에 대해 평소 말투로") for m in sent)
    assert not any(m["plain"].startswith("저는 사람이 아니라") for m in sent)


def test_an_adverb_between_words_is_no_syllable_of_a_word_typed_apart(matcher: Matcher) -> None:
    # `좀 알 수` was read as one word typed apart (좀알수), an unknown word weighing against every item.
    terms = matcher.analyzer.analyze("홍보 담당자분 연락처 좀 알 수 있을까요").terms
    assert not any(t.startswith("?좀") for t in terms) and "담당자분" in terms
    assert matcher.analyzer.analyze("수 소 충 전 소").terms[:1] == ("수소",)  # a word typed apart still joins

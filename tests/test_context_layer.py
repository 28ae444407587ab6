"""Conversation context, the next layer (#7, helper ctx5): a short question about a fact of the card just
shown that no aspect names is that card's (the part that writes its words); a message naming a topic of its
own is matched fresh under a list, not forced into it; the side the asker said they are on (a job seeker, a
company) breaks later ties, in eval's replay and over the real bot alike. Lexical mode through the frozen
knowledge (the `matcher` fixture) and the real Application."""
from __future__ import annotations

import time

import pytest

from conftest import button_data
from intents.context import CONTEXT_SECONDS, MatchContext, asker_sides, context_after
from intents.followups import past_tense
from intents.matcher import Matcher


def _after(item_id: str) -> MatchContext:
    return MatchContext(item_id, time.time())


def _replay(matcher: Matcher, *texts: str) -> MatchContext | None:
    context = None
    for text in texts:
        context = context_after(matcher.match(text, context=context), matcher, context, text)
    return context


# ---- a fact of the card just shown ---------------------------------------------------------------------

@pytest.mark.parametrize("last, text, aspect", [
    ("trade-mission", "그때 계약은 몇 건 했어요?", "support"),  # 가계약 23건: its support text
    ("onsite-mentoring", "그때 불량률은 얼마나 줄었대요?", "support"),  # a word only its text writes
    ("trade-mission", "예전엔 어디서 했었죠?", None),  # no word of content: the card's summary (Osaka)
    ("overseas-branch", "그땐 무역관을 몇 군데 중에서 골랐어요?", None),  # 무역관: summary and support alike
    ("trade-mission", "저번엔 계약 몇 건 했어요?", "support"),  # 저번: a time of every conversation
])
def test_a_fact_of_the_card_asked_without_an_aspect_is_the_cards(matcher: Matcher, last: str, text: str,
                                                                 aspect: str | None) -> None:
    decision = matcher.match(text, context=_after(last))
    assert (decision.kind, decision.id, decision.aspect) == ("answer", last, aspect)


@pytest.mark.parametrize("last, text", [
    ("trade-mission", "그때 계약은 몇 건 했어요?"),
    ("onsite-mentoring", "그때 불량률은 얼마나 줄었대요?"),
])
def test_without_the_card_the_same_question_is_not_it(matcher: Matcher, last: str, text: str) -> None:
    assert matcher.match(text).id != last


@pytest.mark.parametrize("last, text", [
    ("trade-mission", "그때 오사카 날씨는 어땠어요?"),  # 날씨: a word the card does not write
    ("onsite-mentoring", "진흥원 위치는 어디예요?"),  # the agency's, whatever the card writes of it
])
def test_a_word_the_card_does_not_write_is_not_the_card(matcher: Matcher, last: str, text: str) -> None:
    assert matcher.match(text, context=_after(last)).id != last


def test_a_past_verb_form_names_nothing() -> None:
    assert past_tense("골랐어") and past_tense("줄었대") and past_tense("했었죠")
    assert not past_tense("계약") and not past_tense("있")  # a noun; a lone syllable is no form to read


def test_a_particle_is_not_taken_from_a_known_word(matcher: Matcher) -> None:
    # 성과는: 성과 + 는, not 성 + 과는 (the analyser's greedy particles left an unknown syllable)
    assert matcher.analyzer.analyze("성과는").terms == matcher.analyzer.analyze("성과").terms


# ---- a topic of its own under a list ----------------------------------------------------------------

@pytest.mark.parametrize("text", ["실증 사업 참여는 어떻게 해요?", "실증은 어디서 해요?"])
def test_a_topic_of_its_own_under_a_list_is_matched_fresh(matcher: Matcher, text: str) -> None:
    # The defense list's pilot program is named `... Defense Innovation Pilot` in English, which reads as 실증;
    # a Korean message picks by the Korean names it read, and 실증 names the hydrogen demonstration.
    context = _replay(matcher, "방산 지원 뭐 있어요")
    assert context is not None and "defense-cluster" in context.current_options()
    decision = matcher.match(text, context=context)
    assert (decision.kind, decision.id) == ("answer", "hydrogen-energy-demo")
    after = context_after(decision, matcher, context, text)
    assert matcher.match("예산 규모는?", context=after).id == "hydrogen-energy-demo"  # the thread follows it


def test_a_pick_by_name_under_a_list_still_works(matcher: Matcher) -> None:
    context = _replay(matcher, "청년 일자리 뭐 있어요")
    decision = matcher.match("항공 거는 누가 신청해요?", context=context)
    assert (decision.id, decision.aspect) == ("aerospace-youth-jobs", "eligibility")


# ---- the asker's side, remembered -------------------------------------------------------------------

@pytest.mark.parametrize("text, side", [
    ("우리 조카가 백수예요", "job_seeker"),  # a status (asker.yaml), said of someone else
    ("저는 대학생인데요", "job_seeker"),
    ("저 재직자인데요", "company"),
    ("직원 뽑고 싶은데요", "company"),  # the sides' own words (roles.yaml)
    ("교육 받을 수 있는 거 있어요?", None),
])
def test_the_side_a_message_says(matcher: Matcher, text: str, side: str | None) -> None:
    assert asker_sides(matcher, text) == (frozenset({side}) if side else frozenset())


def test_the_side_said_earlier_breaks_a_later_tie(matcher: Matcher) -> None:
    question = "배울 수 있는 과정 있나요?"
    alone = matcher.match(question)
    assert alone.candidates[0].id == "worker-training"  # the employees' course first, nothing said
    context = _replay(matcher, "우리 조카가 백수예요")
    assert context is not None and context.current_sides() == frozenset({"job_seeker"})
    decision = matcher.match(question, context=context)
    assert "worker-training" not in [c.id for c in decision.candidates[:1]]
    assert matcher.item_sides[decision.candidates[0].id] & {"job_seeker"}


def test_the_side_said_is_forgotten_after_the_window(matcher: Matcher) -> None:
    old = time.time() - CONTEXT_SECONDS - 60
    context = MatchContext(sides=frozenset({"job_seeker"}), sides_at=old)
    assert context.current_sides() == frozenset()
    assert matcher.match("배울 수 있는 과정 있나요?", context=context).candidates[0].id == "worker-training"


def test_the_side_is_kept_through_other_turns(matcher: Matcher) -> None:
    context = _replay(matcher, "조카가 미취업이에요", "무역사절단 알려주세요")
    assert context is not None and context.current_sides() == frozenset({"job_seeker"})
    assert context.current() == "trade-mission"


def test_a_side_of_its_own_wins_over_the_one_remembered(matcher: Matcher) -> None:
    context = _replay(matcher, "조카가 미취업이에요")
    decision = matcher.match("우리 직원들 교육시킬 프로그램 있나요", context=context)
    assert decision.id == "worker-training"


async def test_the_side_said_earlier_is_used_over_the_bot(bot) -> None:
    """The bot keeps the side in chat_data as eval's replay keeps it: the employees' course is not what a job
    seeker's relative is offered first."""
    await bot.say("우리 조카가 백수예요")
    sent = await bot.say("배울 수 있는 과정 있나요?")
    offered = [data for data in button_data(sent[0]) if data.startswith("p:")]
    assert offered and not offered[0].startswith("p:worker-training:"), offered
    assert offered[0].split(":")[1] in ("global-marketer", "industry-expert", "regional-talent")


# ---- pointing at one item of a list ------------------------------------------------------------------

def test_pointing_at_the_one_institution_of_a_list_is_its_contact(matcher: Matcher) -> None:
    context = MatchContext(options=("ref-gnsinbo", "startup-funding"), options_at=time.time())
    decision = matcher.match("거기 전화번호", context=context)
    assert (decision.kind, decision.id) == ("answer", "ref-gnsinbo")


@pytest.mark.parametrize("first, text", [
    ("사업자금 대출 받고 싶어요", "거기 전화번호"),  # two institutions and an FAQ offered: which one?
    ("창업 자금 어디서 빌려요", "거기 전화번호 알려줘"),  # an FAQ pointing to three programs
])
def test_pointing_into_a_list_of_several_asks_which(matcher: Matcher, first: str, text: str) -> None:
    context = _replay(matcher, first)
    assert context is not None
    shown = set(context.current_options()) or set(matcher.kb.get(context.current() or "").programs)
    decision = matcher.match(text, context=context)
    assert decision.kind == "suggest" and decision.aspect == "contact"
    assert {c.id for c in decision.candidates} <= shown  # never the agency's own phone number


# ---- the card does not say it ------------------------------------------------------------------------

def test_a_question_plainly_about_the_card_in_words_it_does_not_write_is_unsaid(matcher: Matcher) -> None:
    options = matcher.options
    asked = "그때 참여한 대학 이름은 뭐예요?"  # 대학 is in the card's summary, their names are not
    assert matcher.match(asked, context=_after("onsite-mentoring")).kind == "fallback"
    assert options.unsaid(asked, _after("onsite-mentoring")).id == "onsite-mentoring"
    assert options.unsaid("참여한 대학 이름은 뭐예요?", _after("onsite-mentoring")) is None  # not pointing back
    assert options.unsaid("그때 계약은 몇 건 했어요?", _after("trade-mission")) is None  # the card says it
    assert options.unsaid("그때 묵은 호텔 이름이 뭐예요?", _after("trade-mission")) is None  # a subject of its own
    assert options.unsaid(asked, None) is None  # no card shown


async def test_the_bot_says_the_guide_does_not_give_it_for_that_card(bot, kb) -> None:
    await bot.say("현장애로 멘토링 알려주세요")
    sent = await bot.say("그때 참여한 대학 이름은 뭐예요?")
    name = kb.program("onsite-mentoring").name.get("ko")
    assert name in sent[0]["plain"] and "안내 자료에 나와 있지 않습니다" in sent[0]["plain"]
    data = button_data(sent[0])
    assert any(d.startswith("p:onsite-mentoring") for d in data) and "fu:start" in data  # its card, and staff
    assert bot.last_enquiry()["item_id"] is None  # still logged as the fallback it is

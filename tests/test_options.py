"""Reading a message against the options the bot showed (intents/options.py), on the frozen knowledge: the
positions people type, a name's part matched among the options first, and what must not be read as a pick."""
from __future__ import annotations

import time

import pytest

from intents.context import CONTEXT_SECONDS, MatchContext, context_after


def listed(kb, area: str, asked: str | None = None, at: float | None = None) -> MatchContext:
    # the time is taken when a test runs, not when the module is imported: in a slow full run (20+ minutes under
    # load) an import-time clock is older than CONTEXT_SECONDS and every context here would have expired
    return MatchContext(options=tuple(p.id for p in kb.programs_in(area)), asked=asked,
                        options_at=time.time() if at is None else at)


@pytest.mark.parametrize("text,position", [
    ("두번째 거요", 2), ("두 번째요", 2), ("2번째요", 2), ("3번", 3), ("첫번째꺼 신청 언제까지", 1), ("첫째 거", 1),
    ("마지막 거 자세히", -1), ("맨 마지막 거요", -1), ("제일 위에 있는 거", 1), ("두번쨰 거", 2), ("2", 2),
    ("the second one", 2), ("second", 2), ("tell me about the last one", -1), ("number 3", 3), ("2nd one", 2),
    ("9번", 9), ("7번째 거요", 7), ("12번째 사업", 12), ("일곱번째요", 7), ("the 7th one", 7),
])
def test_positions_people_type(matcher, text, position):
    found = matcher.options.position(text)
    assert found is not None and found[0] == position


@pytest.mark.parametrize("text", ["what do I do first", "이번 달에 해요", "처음 신청하는데요",
                                  "last year results", "one more question", "7th floor"])
def test_words_that_point_at_no_position(matcher, text):
    assert matcher.options.position(text) is None  # `first` alone in a question points nowhere


def test_a_position_picks_from_the_list_in_its_order(matcher, kb):
    shown = kb.programs_in("export")
    decision = matcher.match("두번째 거 신청 방법", context=listed(kb, "export"))
    assert (decision.kind, decision.id, decision.aspect) == ("answer", shown[1].id, "apply")
    assert matcher.match("마지막 거요", context=listed(kb, "export")).id == shown[-1].id


def test_a_position_beyond_the_list_or_without_a_list_picks_nothing(matcher, kb):
    assert matcher.match("7번째 거요", context=listed(kb, "export")).kind != "answer"
    assert matcher.match("두번째 거요").kind != "answer"


def test_old_options_are_forgotten(matcher, kb):
    old = listed(kb, "export", at=time.time() - CONTEXT_SECONDS - 1)
    assert matcher.match("두번째 거요", context=old).kind != "answer"


def test_a_name_part_is_matched_among_the_options_first(matcher, kb):
    # 항공 is in the aerospace parts program's name too; among the youth-jobs list it is the hiring program
    decision = matcher.match("항공 거는 누가 신청해요?", context=listed(kb, "jobs"))
    assert (decision.id, decision.aspect) == ("aerospace-youth-jobs", "eligibility")
    assert matcher.match("항공 거는 누가 신청해요?").id != "aerospace-youth-jobs"


def test_a_word_several_options_share_picks_none(matcher, kb):
    # 창업 is in every startup program's name: no one of them is meant
    assert matcher.options.follow("창업 거요", None, listed(kb, "startup")) is None


def test_a_topic_outside_the_list_is_matched_as_usual(matcher, kb):
    assert matcher.match("무역사절단은요?", context=listed(kb, "startup")).id == "trade-mission"


def test_the_aspect_which_program_asked_goes_with_the_answer_in_words(matcher, kb):
    which = context_after(matcher.match("자격은?"), matcher, None, "자격은?")
    assert which is not None and which.asked == "eligibility"
    decision = matcher.match("예비창업자요", context=which)
    assert (decision.id, decision.aspect) == ("pre-founder", "eligibility")


def test_an_area_list_is_kept_as_options_and_going_down_it_keeps_it(matcher, kb):
    after_list = context_after(matcher.match("창업 지원 뭐 있어요?"), matcher, None, "창업 지원 뭐 있어요?")
    assert after_list.options == tuple(p.id for p in kb.programs_in("startup"))
    first = matcher.match("첫번째 거요", context=after_list)
    kept = context_after(first, matcher, after_list, "첫번째 거요")
    assert kept.last_id == first.id and kept.options == after_list.options
    assert matcher.match("세번째는요?", context=kept).id == kb.programs_in("startup")[2].id
    elsewhere = context_after(matcher.match("무역사절단 뭐예요"), matcher, kept, "무역사절단 뭐예요")
    assert elsewhere.options == ()


def test_others_after_a_program_ask_for_its_area(matcher, kb):
    decision = matcher.match("다른 건요?", context=MatchContext("trade-mission", time.time()))
    assert decision.area == "export"
    assert matcher.match("what else is there?", context=MatchContext("trade-mission", time.time())).area == "export"


def test_more_asks_for_every_area_only_under_a_list(matcher, kb):
    under_list = matcher.match("more", context=listed(kb, "startup"))
    assert under_list.kind == "answer" and under_list.id == matcher.browse_intent.id and under_list.area is None
    assert matcher.match("more", context=MatchContext("trade-mission", time.time())).id != matcher.browse_intent.id


def test_the_agencys_contact_faq_is_found_by_its_questions(matcher):
    assert matcher.talk.agency_contact == "phone-number"


def test_a_short_question_nothing_answers_stays_with_the_program_just_answered(matcher, kb):
    last = MatchContext("trade-mission", time.time())
    assert matcher.match("how many companies do they pick?").kind == "fallback"
    assert matcher.match("how many companies do they pick?", context=last).id == "trade-mission"
    assert matcher.match("where are they?", context=MatchContext("hydrogen-stations", time.time())).id == "hydrogen-stations"


@pytest.mark.parametrize("text", ["오늘 날씨 어때요?", "비트코인 얼마예요?", "점심 뭐 먹지", "what's the weather like?"])
def test_small_talk_and_other_topics_after_a_program_stay_out(matcher, text):
    assert matcher.match(text, context=MatchContext("trade-mission", time.time())).kind == "fallback"


def test_general_answers_about_one_aspect_are_known_by_their_questions(matcher):
    assert matcher.talk.faq_aspects.get("how-to-apply") == "apply"
    assert matcher.talk.faq_aspects.get("deadlines") == "period"
    assert "agency-founded" not in matcher.talk.faq_aspects  # 진흥원 언제 생겼어요 is no question about programs


# ---- the areas of /programs, and a position that picks nothing (handlers/browsing.py shows the replies) ----

def areas_shown(kb, asked: str | None = None) -> MatchContext:
    from intents.context import area_options
    return MatchContext(options=area_options(kb), asked=asked, options_at=time.time())


def test_the_browse_intent_leaves_the_areas_as_the_options(matcher, kb):
    from intents.context import area_option
    decision = matcher.match("사업 목록 보여주세요")
    assert decision.id == matcher.browse_intent.id and decision.area is None
    after = context_after(decision, matcher, None, "사업 목록 보여주세요")
    assert after.current_options() == tuple(area_option(a.id) for a in kb.areas if kb.programs_in(a.id))


@pytest.mark.parametrize("text,place", [("세번째요", 3), ("3번", 3), ("세 번째 분야요", 3), ("5번이요", 5), ("3", 3),
                                        ("third one", 3), ("마지막 분야요", -1)])
def test_a_position_under_the_areas_is_that_areas_list(matcher, kb, text, place):
    areas = [a for a in kb.areas if kb.programs_in(a.id)]
    decision = matcher.match(text, context=areas_shown(kb))
    assert decision.area == areas[place - 1 if place > 0 else -1].id
    after = context_after(decision, matcher, areas_shown(kb), text)
    assert after.current_options() == tuple(p.id for p in kb.programs_in(decision.area))  # the next pick's list


def test_an_area_picked_keeps_the_aspect_which_program_asked(matcher, kb):
    decision = matcher.match("두번째요", context=areas_shown(kb, asked="eligibility"))
    after = context_after(decision, matcher, areas_shown(kb, asked="eligibility"), "두번째요")
    picked = matcher.match("첫번째 거요", context=after)
    assert (picked.id, picked.aspect) == (kb.programs_in(decision.area)[0].id, "eligibility")


@pytest.mark.parametrize("text", ["9번", "7번째 거요", "the 9th one"])
def test_a_bare_position_beyond_the_list_guesses_no_topic(matcher, kb, text):
    decision = matcher.match(text, context=listed(kb, "export"))
    assert decision.kind == "fallback" and not decision.candidates


@pytest.mark.parametrize("text", ["5번이요", "세번째요", "3번", "2"])
def test_a_bare_position_with_no_list_or_an_old_one_guesses_no_topic(matcher, kb, text):
    assert matcher.match(text).kind == "fallback"
    old = listed(kb, "export", at=time.time() - CONTEXT_SECONDS - 60)
    assert matcher.match(text, context=old).kind == "fallback"


@pytest.mark.parametrize("text", ["첫번째로 뭘 해야 하나요", "3번 출구 어디예요", "두번째 거 신청 방법", "1357", "2026"])
def test_a_position_with_more_to_say_is_not_bare(matcher, text):
    assert matcher.options.bare_position(text) is None


def test_an_faqs_buttons_are_as_many_as_the_options_read_from_it():
    from handlers.cards import RELATED_LIMIT
    from intents.options import FAQ_BUTTONS
    assert FAQ_BUTTONS == RELATED_LIMIT

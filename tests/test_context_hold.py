"""Context that holds when it should and lets go when it should (#7, helper ctx4; intents/followups.py,
matcher.py's follow-up gate): a statement about the asker right after a program's card is that program's
eligibility; a follow-up naming a subject of its own (a two-syllable noun the knowledge never uses) is a new
question; "그거 말고" and a request for something else is the rest of the area; `that place` points back.
Lexical mode through the frozen knowledge (the `matcher` fixture) and the real Application."""
from __future__ import annotations

import time

import pytest

from intents.context import MatchContext, context_after
from intents.matcher import Matcher


def _after(item_id: str) -> MatchContext:
    return MatchContext(item_id, time.time())


@pytest.mark.parametrize("last, text", [
    ("new-industry-youth-jobs", "아 저 아직 미취업이고 주소도 창원이에요"),  # status and residence
    ("new-industry-youth-jobs", "저 창원 살아요"),  # a place most programs name (generic) still says where they live
    ("new-industry-youth-jobs", "지금 미취업 상태고 나이는 31살입니다"),  # 상태고: a detail with its ending
    ("job-matching", "저는 김해에 살고 있어요"),
    ("worker-training", "저희 회사는 직원이 30명 정도예요"),
    ("global-marketer", "난 대학생이고 아직 졸업 안 했어"),
    ("job-matching", "I'm 33 and I live in Changwon"),
])
def test_a_statement_about_the_asker_after_a_card_is_its_eligibility(matcher: Matcher, last: str, text: str) -> None:
    decision = matcher.match(text, context=_after(last))
    assert (decision.kind, decision.id, decision.aspect) == ("answer", last, "eligibility")


@pytest.mark.parametrize("text", ["아 저 아직 미취업이고 주소도 창원이에요", "저 창원 살아요"])
def test_a_statement_with_no_card_before_is_no_programs(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).id != "new-industry-youth-jobs"


def test_a_statement_naming_a_topic_of_its_own_moves_on(matcher: Matcher) -> None:
    # 수출 is a topic some items are named by: not a detail of the asker
    decision = matcher.match("저 수출하는 회사 다녀요", context=_after("new-industry-youth-jobs"))
    assert decision.id != "new-industry-youth-jobs"


@pytest.mark.parametrize("last, text", [
    ("industry-expert", "산재 처리 문의는 어디로 하나요"),  # an industrial accident: not the course's contact
    ("overseas-branch", "비자 연장은 어디에 물어봐요?"),
    ("export-consultation", "택배 요금은 얼마예요"),
])
def test_a_follow_up_naming_a_subject_of_its_own_is_a_new_question(matcher: Matcher, last: str, text: str) -> None:
    decision = matcher.match(text, context=_after(last))
    assert decision.id != last and decision.kind != "answer"


@pytest.mark.parametrize("last, text, aspect", [
    ("industry-expert", "교육 문의는 어디로 해요", "contact"),  # the card's own word keeps it
    ("industry-expert", "그럼 문의는 어디로 하나요", "contact"),  # no subject at all
    ("new-industry-youth-jobs", "이제 신청해도 돼요?", None),  # 이제: a word of every conversation
])
def test_the_cards_own_words_and_plain_words_keep_the_thread(matcher: Matcher, last: str, text: str,
                                                             aspect: str | None) -> None:
    decision = matcher.match(text, context=_after(last))
    assert (decision.kind, decision.id) == ("answer", last)
    if aspect is not None:
        assert decision.aspect == aspect


def test_novel_reads_two_syllable_nouns_only(matcher: Matcher) -> None:
    novel = matcher.options.followups.novel
    analyze = matcher.analyzer.analyze
    assert novel(analyze("산재 처리 문의는 어디로 하나요")) == ["?산재", "?처리"]
    assert novel(analyze("비자 연장은 어디에 물어봐요?")) == ["?비자", "?연장"]
    assert novel(analyze("진짜 그거 돼요?")) == []  # asking whether it is true
    assert novel(analyze("작년에 몇 명 뽑았어요?")) == []  # a time
    assert novel(analyze("이제 신청해도 돼요?")) == []  # before a verb: no noun compound


@pytest.mark.parametrize("last, text", [
    ("aerospace-youth-jobs", "그거 말고 올해 신청할 수 있는 거요"),
    ("aerospace-youth-jobs", "그거 말고 지금 신청할 수 있는 건요?"),
    ("trade-mission", "이거 말고 올해 참여할 수 있는 거 있어요?"),
    ("trade-mission", "not that one, what else can we join?"),
])
def test_ruling_out_the_card_and_asking_for_something_else_lists_the_rest_of_its_area(
        matcher: Matcher, kb, last: str, text: str) -> None:
    decision = matcher.match(text, context=_after(last))
    area = kb.program(last).area.id
    assert decision.area == area and decision.id == "list-programs"
    assert last not in [c.id for c in decision.candidates]
    assert {c.id for c in decision.candidates} <= {p.id for p in kb.programs_in(area)}
    assert decision.left_out == (last,)  # the list shown leaves it out too
    remembered = context_after(decision, matcher, _after(last), text)
    assert remembered is not None and remembered.options and last not in remembered.options  # eval replays as sent


async def test_the_list_after_ruling_out_the_card_leaves_it_out_over_the_bot(bot, kb) -> None:
    """`그거 말고 ...` after a card: the area's list the bot sends names the other programs, not the card's, and a
    position picks among those shown (`1번` is the first of them)."""
    card = kb.program("aerospace-youth-jobs")
    await bot.say("항공우주 청년인재 채용지원 모집 언제예요?")
    sent = await bot.say("그거 말고 올해 신청할 수 있는 거요")
    others = [p for p in kb.programs_in(card.area.id) if p.id != card.id]
    assert card.name.get("ko") not in sent[0]["plain"]
    assert all(p.name.get("ko") in sent[0]["plain"] for p in others[:5])
    await bot.say("1번")
    assert bot.last_enquiry()["item_id"] == others[0].id


def test_ruling_out_the_card_without_asking_for_a_thing_is_no_list(matcher: Matcher) -> None:
    # 그거 말고 자격은요?: which aspect, not which program: no area list guessed
    assert matcher.match("그거 말고 자격은요?", context=_after("industry-expert")).area is None


@pytest.mark.parametrize("last, text, aspect", [
    ("startup-incubation", "what is the phone number of that place?", "contact"),
    ("new-industry-youth-jobs", "그럼 어디서 지원해요", "apply"),  # 지원하다: to apply
    ("job-matching", "어디에 지원하면 돼요?", "apply"),
])
def test_pointing_back_and_applying_in_other_words(matcher: Matcher, last: str, text: str, aspect: str) -> None:
    decision = matcher.match(text, context=_after(last))
    assert (decision.kind, decision.id, decision.aspect) == ("answer", last, aspect)


def test_a_statement_then_where_to_apply_keeps_the_program(matcher: Matcher) -> None:
    context = None
    for text in ("신산업 청년일자리 나도 할 수 있어?", "난 창원 살고 29살이야"):
        context = context_after(matcher.match(text, context=context), matcher, context, text)
    decision = matcher.match("그럼 어디서 지원해?", context=context)
    assert (decision.id, decision.aspect) == ("new-industry-youth-jobs", "apply")


async def test_a_statement_after_a_card_gets_its_eligibility_over_the_bot(bot, kb) -> None:
    await bot.say("신산업 청년일자리 그거 나도 신청 가능?")
    sent = await bot.say("아 저 아직 미취업이고 주소도 창원이에요")
    program = kb.program("new-industry-youth-jobs")
    assert program.aspect("eligibility").get("ko") in sent[0]["plain"]
    enquiry = bot.last_enquiry()
    assert (enquiry["item_id"], enquiry["aspect"]) == ("new-industry-youth-jobs", "eligibility")


@pytest.mark.parametrize("last, text, aspect", [
    ("new-industry-youth-jobs", "교통비는 얼마나 나와요?", "support"),  # its question's word, though 나와 is the deadlines FAQ's
    ("overseas-branch", "참가비는 얼마나 내요?", "support"),  # a word of its support text
    ("quality-jobs", "주거정착금은 누가 받아요?", None),  # a word no name or question writes, but its card does
])
def test_a_word_of_the_card_just_shown_keeps_the_thread(matcher: Matcher, last: str, text: str,
                                                        aspect: str | None) -> None:
    decision = matcher.match(text, context=_after(last))
    assert (decision.kind, decision.id) == ("answer", last)
    if aspect is not None:
        assert decision.aspect == aspect


def test_a_word_the_card_does_not_write_still_moves_on(matcher: Matcher) -> None:
    decision = matcher.match("교통카드 충전은 어디서 해요?", context=_after("new-industry-youth-jobs"))
    assert decision.kind != "answer"


@pytest.mark.parametrize("last, text, aspect", [
    ("worker-training", "그거 온라인으로도 신청돼요?", "apply"),  # 그거 points at the card; 온라인 is the tax office's too
    ("job-matching", "채용공고는 어디서 봐요?", None),  # no goodbye: its own words, asking where
    ("new-industry-youth-jobs", "교통비도 준다던데 얼마에요", "support"),  # 준다던: hearsay, a verb
])
def test_pointing_at_the_card_or_asking_in_its_words_keeps_it(matcher: Matcher, last: str, text: str,
                                                              aspect: str | None) -> None:
    decision = matcher.match(text, context=_after(last))
    assert (decision.kind, decision.id) == ("answer", last)
    if aspect is not None:
        assert decision.aspect == aspect


@pytest.mark.parametrize("last, text, expected", [
    ("worker-training", "부가세 신고도 온라인으로 되나요?", "ref-hometax"),  # no pointing: the tax office
    ("job-matching", "그럼 실업급여는 어디서 받아요?", "ref-work24"),  # 그럼 goes on; a referral named
])
def test_without_pointing_another_items_question_moves_on(matcher: Matcher, last: str, text: str,
                                                          expected: str) -> None:
    assert matcher.match(text, context=_after(last)).id == expected

"""A follow-up with a word of its own (intents/carry.py): the card just shown keeps it where the card writes the
word and few other items do, or where it is pointed at (그 SPC, 해당 사업); another item's word leaves the card.
The frozen knowledge, lexical mode; one chat through the real Application."""
from __future__ import annotations

from conftest import after, answer_after

from intents.context import context_after
from intents.decision import Decision
from intents.matcher import Matcher


def test_a_word_only_the_card_writes_keeps_it_with_the_section_that_writes_it(matcher: Matcher) -> None:
    assert answer_after(matcher, "지식서비스업이면요?", "strong-sme") == ("answer", "strong-sme", "eligibility")
    # The chat does it: alone the word answers nothing.
    assert matcher.match("지식서비스업이면요?").id != "strong-sme"


def test_a_thing_of_the_card_pointed_at_is_the_card_even_in_a_word_it_does_not_write(matcher: Matcher) -> None:
    # The card writes 특수목적법인 and 출자, never SPC; who invested is in its summary, not who may apply.
    assert answer_after(matcher, "그 SPC는 누가 출자한 거예요?", "liquid-hydrogen") == ("answer", "liquid-hydrogen", None)
    assert answer_after(matcher, "해당 사업으로 취직하면 교통비 나와요?", "new-industry-youth-jobs") \
        == ("answer", "new-industry-youth-jobs", "support")


def test_pointing_in_words_the_card_does_not_write_is_not_pointing_at_it(matcher: Matcher, kb) -> None:
    carry = matcher.options.followups.carry
    fallback = Decision("fallback", lang="ko")
    analysis, prepared = carry.read("거기 맛집 어디예요?")  # nothing of the trade mission's
    assert analysis is not None and carry.points(analysis)
    assert carry.pointed(fallback, analysis, prepared, kb.program("trade-mission")) is None
    analysis, prepared = carry.read("그 사절단 입주 공간은 어디예요?")  # 입주: what other items write
    assert analysis is not None
    assert carry.pointed(fallback, analysis, prepared, kb.program("trade-mission")) is None


def test_two_words_the_card_writes_side_by_side_give_their_section(matcher: Matcher) -> None:
    # 채용 공고 is written in the apply text (where young people find the postings); 공고 alone cues the period.
    assert answer_after(matcher, "채용 공고는 어디서 찾아봐요?", "new-industry-youth-jobs") \
        == ("answer", "new-industry-youth-jobs", "apply")


def test_another_items_word_leaves_the_card(matcher: Matcher) -> None:
    # 입주 is what the incubation centre and the office FAQs write; the fund never does (the analyser reads it as
    # 사무실, which the fund's text has as a synonym of a head office).
    for text in ("입주하면 얼마나 있을 수 있어요?", "입주하면 사무실 말고 다른 것도 해줘요?"):
        assert answer_after(matcher, text, "c-bluewing-fund")[1] != "c-bluewing-fund", text
    # ... and after the incubation centre, whose card writes it, it stays.
    assert answer_after(matcher, "입주하면 얼마나 있을 수 있어요?", "startup-incubation")[1] == "startup-incubation"


def test_the_stem_of_a_typed_word(matcher: Matcher) -> None:
    carry = matcher.options.followups.carry
    assert carry._stem("지식서비스업은요") == "지식서비스업"
    assert carry._stem("입주하면") == "입주"
    assert carry._stem("공고는") == "공고"
    assert carry._stem("학생들이") == "학생"
    assert carry._stem("spc") == "spc"


def test_the_replay_of_a_chat_keeps_the_card_as_the_bot_does(matcher: Matcher) -> None:
    first = matcher.match("창원형 강소기업 매출 기준 알려주세요")
    assert first.id == "strong-sme"
    context = context_after(first, matcher, None, "창원형 강소기업 매출 기준 알려주세요")
    assert matcher.match("지식서비스업이면요?", context=context).id == "strong-sme"
    assert matcher.match("지식서비스업이면요?", context=after("strong-sme")).id == "strong-sme"


async def test_a_chat_points_at_the_card_through_the_application(bot, kb) -> None:
    await bot.say("액화수소 플랜트 알려주세요")
    assert bot.last_enquiry()["item_id"] == "liquid-hydrogen"
    sent = await bot.say("그 SPC는 누가 출자한 거예요?")
    enquiry = bot.last_enquiry()
    assert (enquiry["kind"], enquiry["item_id"]) == ("answer", "liquid-hydrogen")
    assert kb.program("liquid-hydrogen").summary.get("ko")[:20] in sent[0]["plain"]


def test_a_pointer_after_a_clause_of_its_own_points_at_what_the_clause_brought_up(matcher: Matcher) -> None:
    carry = matcher.options.followups.carry
    analysis, _ = carry.read("취업하면 돈 주는거 있다던데 그거 뭐임")  # 그거: the money just brought up
    assert analysis is not None and not carry.points(analysis)
    assert answer_after(matcher, "취업하면 돈 주는거 있다던데 그거 뭐임", "regional-talent")[1] != "regional-talent"
    analysis, _ = carry.read("그거 취업하면 돈 주는 거예요?")  # said first, 그거 is the card
    assert analysis is not None and carry.points(analysis)

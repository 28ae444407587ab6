"""A follow-up whose only words are aspect words is about the card just shown (intents/carry.py `aspect_only`,
issue #7 point 3): `비용은 누가 부담해요?` after the trade mission is its support, though a fee-support programme's
text writes 부담. Not where it names another item, the agency or a subject neither an aspect's nor the card's.
The frozen knowledge, lexical mode; one chat through the real Application."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import answer_after

from intents.context import MatchContext
from intents.decision import Decision
from intents.matcher import Matcher
from knowledge.loader import load_or_raise

ALT = Path(__file__).resolve().parent / "data" / "alt"


@pytest.mark.parametrize(("shown", "text", "aspect"), [
    ("trade-mission", "비용은 누가 부담해요?", "support"),  # 부담: the fee-support programme's summary word
    ("global-marketer", "중복 참여 가능해요?", "eligibility"),  # 중복: a word the knowledge never uses
    ("trade-mission", "통역도 붙여줘요?", "support"),  # 통역 and a verb done for the asker
    ("export-consultation", "온라인으로 해요?", "apply"),  # 온라인: a way of applying; the tax office writes it
])
def test_aspect_words_alone_ask_the_card(matcher: Matcher, shown: str, text: str, aspect: str) -> None:
    assert answer_after(matcher, text, shown) == ("answer", shown, aspect)


@pytest.mark.parametrize(("shown", "text"), [
    ("onsite-mentoring", "웨딩박람회 비용은 얼마예요?"),  # a subject of its own beside the cost word
    ("export-consultation", "택배 요금은 얼마예요"),
    ("overseas-branch", "비자 연장은 어디에 물어봐요?"),
    ("trade-mission", "진흥원 원장님은 누구세요?"),  # the agency
])
def test_a_subject_of_its_own_beside_the_aspect_words_leaves_the_card(matcher: Matcher, shown: str, text: str) -> None:
    assert answer_after(matcher, text, shown)[1] != shown


def test_another_items_name_typed_beside_the_aspect_words_is_that_item(matcher: Matcher) -> None:
    assert answer_after(matcher, "수출상담회 참가비는요?", "startup-incubation")[1] != "startup-incubation"


def test_a_thing_a_neighbour_is_named_for_is_that_neighbour() -> None:
    # 물류비 is a thing a "can I" asks as support, and the name of the seafood logistics-cost programme.
    kb = load_or_raise(ALT / "knowledge", Path(__file__).resolve().parent.parent / "intents")
    alt = Matcher(kb)
    assert answer_after(alt, "물류비 지원도 있어요?", "seafood-certification")[1] == "seafood-logistics"


def test_aspect_worded_reads_the_words_as_typed(matcher: Matcher) -> None:
    carry = matcher.options.followups.carry
    analysis, _ = carry.read("비용은 회사가 얼마나 부담해요?")
    assert analysis is not None
    assert [w.typed for w in carry.aspect_worded(analysis, carry.words(analysis))] == ["부담해요"]
    analysis, _ = carry.read("웨딩박람회 비용은 얼마예요?")
    assert analysis is not None
    assert carry.aspect_only(Decision("fallback", lang="ko"), analysis, "웨딩박람회 비용은 얼마예요?",
                             matcher.kb.program("onsite-mentoring")) is None


async def test_aspect_words_after_a_card_through_the_application(bot) -> None:
    await bot.say("무역사절단 파견 알려주세요")
    assert bot.last_enquiry()["item_id"] == "trade-mission"
    await bot.say("비용은 누가 부담해요?")
    enquiry = bot.last_enquiry()
    assert (enquiry["kind"], enquiry["item_id"]) == ("answer", "trade-mission")


def listed(kb, area: str) -> MatchContext:
    return MatchContext(options=tuple(p.id for p in kb.programs_in(area)), options_at=time.time())


def test_a_word_typed_inside_one_options_name_picks_it_though_it_reads_as_a_cue(matcher: Matcher, kb) -> None:
    # 상담회 of 수출상담회: the analyser reads 상담 as a contact cue, so no topic named it.
    decision = matcher.match("상담회는 언제 해요?", context=listed(kb, "export"))
    assert (decision.kind, decision.id, decision.aspect) == ("answer", "export-consultation", "period")
    assert matcher.match("상담회는 언제 해요?").id != "export-consultation"  # the list does it
    # A cost word no option's name writes as typed picks none (시험·인증 수수료 reads as 비용 too).
    assert matcher.match("비용은 얼마예요?", context=listed(kb, "business")).id != "test-certification"


def test_pointing_at_a_list_in_aspect_words_asks_which(matcher: Matcher, kb) -> None:
    decision = matcher.match("그건 어디에 물어봐요?", context=listed(kb, "startup"))
    assert (decision.kind, decision.aspect) == ("suggest", "contact")
    assert {c.id for c in decision.candidates} == {p.id for p in kb.programs_in("startup")}


@pytest.mark.parametrize(("text", "aspect"), [("인원은요?", "support"), ("나이?", "eligibility"), ("시간은요", "period")])
def test_one_noun_alone_asks_that_aspect_of_the_card(matcher: Matcher, text: str, aspect: str) -> None:
    assert answer_after(matcher, text, "global-marketer") == ("answer", "global-marketer", aspect)
    assert matcher.match(text).id != "global-marketer"


def test_a_condition_the_cards_eligibility_writes_with_a_figure(matcher: Matcher) -> None:
    # The card's eligibility states a turnover (매출액 50억~1,000억); 20억 is the asker's figure.
    assert answer_after(matcher, "매출 20억이면 안 되는 거죠?", "strong-sme") == ("answer", "strong-sme", "eligibility")


def test_who_can_go_is_no_goodbye_after_a_card(matcher: Matcher) -> None:
    assert answer_after(matcher, "who can go?", "overseas-branch") == ("answer", "overseas-branch", "eligibility")
    assert answer_after(matcher, "is it online?", "trade-mission") == ("answer", "trade-mission", "apply")


def test_an_english_word_for_what_one_option_is_picks_it(matcher: Matcher, kb) -> None:
    # Only the fund's card begins "Venture funds that invest ..."; no name of the list says `fund`.
    decision = matcher.match("How big is the fund?", context=listed(kb, "startup"))
    assert (decision.kind, decision.id, decision.aspect) == ("answer", "c-bluewing-fund", "support")
    assert matcher.match("How big is the wedding fund?", context=listed(kb, "startup")).id != "c-bluewing-fund"

"""What a message rules out ("X 말고 Y", "not X"), markup pasted into it, and list cues in either language.
Lexical mode, through the real knowledge files and lexicon."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import write_knowledge
from intents import exclusion
from intents.cues import english_cue_in
from intents.lexicon import load_lexicon
from intents.markup import strip_markup
from intents.matcher import Matcher


@pytest.mark.parametrize("text, expected", [
    ("<b>창업</b> 지원 있나요", "창업 지원 있나요"),
    ("창<b>업</b>", "창업"),
    ("수출<br>상담회", "수출 상담회"),
    ("R&amp;D 지원", "R&D 지원"),
    ("<a href=\"https://example.com\">링크</a> 확인", "링크 확인"),
    ("직원 < 10명 이면 <3", "직원 < 10명 이면 <3"),  # not tags: kept as typed
    ("평범한 질문", "평범한 질문"),
])
def test_markup_is_removed_before_matching(text: str, expected: str) -> None:
    assert strip_markup(text) == expected


def test_a_question_in_tags_is_matched_as_its_words(matcher: Matcher) -> None:
    plain = matcher.match("무역사절단 신청 방법")
    tagged = matcher.match("<b>무역사절단</b> <i>신청</i> 방법")
    assert (tagged.kind, tagged.id, tagged.aspect) == (plain.kind, plain.id, plain.aspect) == \
        ("answer", "trade-mission", "apply")


@pytest.mark.parametrize("text, kept, excluded", [
    ("방산 말고 일반 전시회 지원", " 일반 전시회 지원", "방산"),
    ("청년일자리말고 중장년 재취업은요?", " 중장년 재취업은요?", "청년일자리"),
    ("수출 지원 중에 방산 말고 다른 거", " 다른 거", "중에 방산"),
    ("the export fair, not the trade mission", "the export fair,  ", "the trade mission"),
])
def test_the_marker_splits_what_is_asked_from_what_is_ruled_out(text: str, kept: str, excluded: str) -> None:
    found = exclusion.split(text, exclusion.marker_pattern(load_lexicon()))
    assert found is not None and (found.kept, found.excluded) == (kept, excluded)


def test_a_place_is_never_ruled_out() -> None:
    places = load_lexicon().places
    for text in ("창원", "김해시", "창원에서", "Gimhae"):
        assert exclusion.names_a_place(text, places), text
    for text in ("창업", "수출상담회", "방산", "부산물"):
        assert not exclusion.names_a_place(text, places), text


def test_x_malgo_y_rules_out_the_item_x_names_not_all_that_share_a_word(matcher: Matcher) -> None:
    # 수출상담회 is one program; 해외지사화 also helps exporters and must stay in the race.
    decision = matcher.match("수출상담회 말고 해외지사화는 뭐에요?")
    assert (decision.kind, decision.id) == ("answer", "overseas-branch")
    assert "export-consultation" not in [c.id for c in decision.candidates]
    decision = matcher.match("무역사절단말고 수출상담회 일정")  # the marker written solid
    assert (decision.kind, decision.id, decision.aspect) == ("answer", "export-consultation", "period")


def test_living_elsewhere_is_an_eligibility_question_not_an_exclusion(matcher: Matcher) -> None:
    decision = matcher.match("창원 말고 김해 사는데도 신청돼요?")
    assert (decision.kind, decision.id) == ("answer", "eligibility-outside-changwon")


def test_an_aspect_word_or_a_generic_word_alone_rules_nothing_out(matcher: Matcher) -> None:
    # 신청 말고 자격: how a thing is asked, not which thing; 지원 말고: a word every program shares.
    for text in ("신청 말고 자격은?", "지원 말고 교육은요", "창원 말고 김해"):
        assert matcher._split_exclusion(text) == (text, []), text
    assert matcher._split_exclusion("방산 말고 교육은요") == (" 교육은요", ["방산"])


def test_english_not_x_rules_out_x(matcher: Matcher) -> None:
    decision = matcher.match("not the trade mission, the export consultation fair")
    assert decision.id != "trade-mission" and "trade-mission" not in [c.id for c in decision.candidates]


@pytest.mark.parametrize("words, found", [
    ("do you have any hydrogen programs", True), ("any programs", True), ("what kind of support", True),
    ("any of the new hydrogen programs", False),  # three words apart: no longer one phrase
    ("programs any", False),
])
def test_english_cues_allow_the_topic_between_their_words(words: str, found: bool) -> None:
    assert english_cue_in(words.split(), ["any programs", "what kind of support"]) is found


@pytest.mark.parametrize("text", ["Do you have any hydrogen programs?", "what hydrogen programs are there",
                                  "수소 관련 지원사업 뭐 있어요"])
def test_an_area_question_is_recognised_in_either_language(matcher: Matcher, text: str) -> None:
    decision = matcher.match(text)
    assert decision.area == "hydrogen", text


def test_a_lexicon_without_places_still_excludes(tmp_path: Path) -> None:
    kb = write_knowledge(tmp_path, """
programs:
  - {id: fair, name: 수출 상담회, summary: 바이어 상담, questions: [수출 상담회 언제 해요]}
  - {id: mission, name: 무역 사절단, summary: 해외 시장 개척, questions: [무역 사절단 모집]}
""")
    decision = Matcher(kb).match("무역 사절단 말고 수출 상담회")
    assert decision.id != "mission" and all(c.id != "mission" for c in decision.candidates)


# ---- the agency itself ruled out, and a condition the asker lacks (intents/lexicon/exclusion.yaml) ----------

def test_ruling_out_the_agency_leaves_another_bodys_referral(matcher: Matcher) -> None:
    # The agency's own overseas-branch program is what 해외지사화 names; 진흥원 거 말고 / 여기 말고 asks for the
    # province's, which the knowledge has as a referral.
    assert matcher.match("해외지사화 자부담 비율").id == "overseas-branch"
    for text in ("진흥원 거 말고 경남도 해외지사화는요", "여기 말고 경남도 해외지사화",
                 "진흥원에서 하는 거 말고 경상남도 해외지사화"):
        decision = matcher.match(text)
        assert (decision.kind, decision.id) == ("answer", "ref-gyeongnam-trade"), text
        assert "overseas-branch" not in [c.id for c in decision.candidates], text


def test_the_agency_is_told_from_a_topic_and_from_its_city(matcher: Matcher) -> None:
    found = matcher._split_exclusion("진흥원 말고 다른 기관 수출 지원")
    assert found == (" 다른 기관 수출 지원", [exclusion.AGENCY])
    assert matcher._split_exclusion("방산 말고 교육은요")[1] == ["방산"]  # a topic: only what names it
    assert matcher._split_exclusion("창원 말고 김해 사는데도 신청돼요?")[1] == []  # the agency's city alone: a place
    # Another body whose name holds the agency's word (경남투자경제진흥원) is not the agency.
    assert exclusion.AGENCY not in matcher._split_exclusion("경남투자경제진흥원 말고 창원 수출 지원")[1]


def test_the_agency_words_come_from_the_knowledge_base(tmp_path: Path) -> None:
    kb = write_knowledge(tmp_path, """
agency: {name: {ko: 해양수산재단, en: Marine Fisheries Foundation}}
programs:
  - {id: logistics, name: 수산물 수출 물류비 지원, summary: 수출 물류비 일부 지원, questions: [수출 물류비 지원 받을 수 있나요]}
referrals:
  - {id: ref-city, name: 바다시 수출지원센터, aliases: [바다시 물류비 지원], questions: [바다시 수출 물류비 지원 신청],
     answer: 바다시 수출지원센터에서 신청합니다., url: "https://example.org/bada"}
""")
    m = Matcher(kb)
    assert m.match("수출 물류비 지원 받을 수 있나요").id == "logistics"
    decision = m.match("재단 거 말고 바다시 물류비 지원은요")
    assert (decision.kind, decision.id) == ("answer", "ref-city")
    assert "logistics" not in [c.id for c in decision.candidates]


@pytest.mark.parametrize("text, kept", [
    ("모바일 게임 만드는 스타트업인데 제조업 아니어도 진흥원 지원 받을수 있음?",
     "모바일 게임 만드는 스타트업인데 진흥원 지원 받을수 있음?"),
    ("제조업이아니어도 되나요", "되나요"),
    ("현지에 사무실이 없어도 참여할 수 있나요", "현지에 참여할 수 있나요"),
    ("we are not a manufacturer, can we still apply?", ", can we still apply?"),
    ("even if we are not a manufacturer can we apply", "can we apply"),
])
def test_a_condition_lacked_is_not_what_is_asked(matcher: Matcher, text: str, kept: str) -> None:
    assert matcher._without_lacked(text) == kept


@pytest.mark.parametrize("text", ["본사가 창원이 아니어도 신청되나요", "그건 아닌데요", "다름이 아니라 문의드려요"])
def test_a_place_or_no_topic_is_not_taken_out(matcher: Matcher, text: str) -> None:
    assert matcher._without_lacked(text) == text


def test_items_for_the_condition_lacked_do_not_win_on_its_word(matcher: Matcher) -> None:
    # Before: the manufacturing programs were the examples (the opposite of the question).
    text = "모바일 게임 만드는 스타트업인데 제조업 아니어도 진흥원 지원 받을수 있음?"
    decision = matcher.match(text)
    assert not {"sme-capability", "aerospace-parts"} & {c.id for c in decision.candidates}
    # A program named outright is still the answer, and who may apply is what is asked.
    decision = matcher.match("제조업 아니어도 강소기업 되나요")
    assert (decision.kind, decision.id, decision.aspect) == ("answer", "strong-sme", "eligibility")


@pytest.mark.parametrize("text, ruled_out", [
    ("사절단 말고도 수출 지원 뭐 있어요", "trade-mission"),  # besides X: the rest of its area
    ("방산 빼구 전시회 지원", "defense-exhibition"),
])
def test_more_markers_rule_out_what_they_follow(matcher: Matcher, text: str, ruled_out: str) -> None:
    decision = matcher.match(text)
    assert decision.id != ruled_out and ruled_out not in [c.id for c in decision.candidates], text


def test_a_marker_inside_a_word_rules_nothing_out(matcher: Matcher) -> None:
    text = "해외에 사무소가 없는데 현지에서 대신 뛰어주는 서비스 있어요?"  # 외에, 대신: no markers
    assert matcher._split_exclusion(text) == (text, [])


def test_a_topic_qualified_by_the_agency_rules_out_only_its_items_of_that_topic(matcher: Matcher) -> None:
    # 진흥원 해외지사화 말고: the agency's overseas-branch program goes, the topic stays what is asked.
    kept, terms = matcher._split_exclusion("진흥원 해외지사화 말고 경남도 거는요")
    assert terms[0] == exclusion.AGENCY and "지사화" in terms and "해외지사화" in kept
    out = {matcher.entries[i].item.id for i in matcher._excluded_items(terms, kept)}
    assert "overseas-branch" in out and "trade-mission" not in out  # not every program of the agency
    decision = matcher.match("진흥원 해외지사화 말고 경남도 거는요")
    assert (decision.kind, decision.id) == ("answer", "ref-gyeongnam-trade")

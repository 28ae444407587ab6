"""The matcher in conversation: chat skills, follow-ups, exclusions, areas, language, long messages,
referrals and honest fallbacks. Lexical mode, through the frozen copy of the knowledge (tests/data/frozen:
the `matcher` fixture), so that staff rewriting knowledge/ do not change what these tests mean."""
from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import pytest

from conftest import write_knowledge
from intents.context import CONTEXT_SECONDS, MatchContext
from intents.focus import FOCUS_CHARS, focus, question_sentence
from intents.matcher import Matcher
from knowledge.model import Referral, Text

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("text, expected", [
    ("ㅎㅇ", "greeting"), ("하이요", "greeting"), ("👋", "greeting"), ("good evening", "greeting"),
    ("ㄳㄳ", "thanks"), ("땡스", "thanks"), ("🙏", "thanks"), ("appreciate it", "thanks"), ("고마워용", "thanks"),
    ("ㅂㅂ", "goodbye"), ("또 봐요", "goodbye"), ("see ya", "goodbye"),
    ("너 뭐 할 수 있어?", "help"), ("what can I ask you", "help"),
    ("상담원 연결해줘", "human"), ("real person please", "human"),
    ("메뉴", "list-programs"), ("다른 사업은요?", "list-programs"),
    ("기록 지워줘", "forget-me"),
])
def test_chat_skills_reach_the_agencys_intents(matcher: Matcher, text: str, expected: str) -> None:
    decision = matcher.match(text)
    assert (decision.kind, decision.id) == ("answer", expected)


@pytest.mark.parametrize("text", ["내 정보 삭제해 주세요", "기록 남기지 마세요", "개인정보 파기요청", "탈퇴할게요", "내정보삭제",
                                  "제 정보는 저장하지 말아 주세요",
                                  "please erase my chat history", "delete my data"])
def test_deleting_ones_data_is_asked_with_its_verb(matcher: Matcher, text: str) -> None:
    assert (matcher.match(text).kind, matcher.match(text).id) == ("answer", "forget-me")


@pytest.mark.parametrize("text", ["제 번호는 010-9876-5432예요", "내 연락처 바꾸고 싶어요", "제 전화번호 010-1234-5678 입니다",
                                  "my number is 010 1234 5678"])
def test_ones_own_details_without_a_deleting_verb_are_no_request_to_delete(matcher: Matcher, text: str) -> None:
    """They share the forget intent's nouns (내, 번호 -> 문의) and delete nothing (conversation.yaml acts.verbs)."""
    decision = matcher.match(text)
    assert decision.id != "forget-me" and "forget-me" not in [c.id for c in decision.candidates]


@pytest.mark.parametrize("text", ["ㄱㄱ", "ㄷㄷ", "ㅁㄹ"])
def test_chosung_chat_that_means_go_awe_or_dont_know_is_not_thanks_staff_or_browsing(matcher: Matcher,
                                                                                      text: str) -> None:
    assert matcher.match(text).id not in ("thanks", "human", "list-programs")


def test_skills_join_another_agencys_intents_by_action(tmp_path: Path) -> None:
    kb = write_knowledge(tmp_path, "programs: [{id: p, name: 수출 상담회, summary: 상담회, questions: [수출 상담회]}]\n", """
intents:
  - id: sagwa
    examples: [사과드립니다]
    reply: 네
  - id: jikwon
    examples: [직원]
    action: followup
""")
    decision = Matcher(kb).match("상담원 연결해줘")
    assert (decision.kind, decision.id) == ("answer", "jikwon")


def test_a_follow_up_is_about_the_last_program(matcher: Matcher) -> None:
    context = MatchContext("startup-incubation", time.time())
    for text, aspect in [("그럼 신청은요?", "apply"), ("자격은?", "eligibility"), ("언제까지예요?", "period"),
                         ("거기 전화번호", "contact"), ("how about eligibility?", "eligibility")]:
        decision = matcher.match(text, context=context)
        assert (decision.kind, decision.id, decision.aspect) == ("answer", "startup-incubation", aspect), text


def test_an_old_or_missing_context_is_not_followed(matcher: Matcher) -> None:
    stale = MatchContext("startup-incubation", time.time() - CONTEXT_SECONDS - 1)
    assert matcher.match("그럼 신청은요?", context=stale).id != "startup-incubation"
    assert matcher.match("그럼 신청은요?").id != "startup-incubation"
    assert matcher.match("그럼 신청은요?", context=MatchContext("no-such-id", time.time())).kind != "answer" or \
        matcher.match("그럼 신청은요?", context=MatchContext("no-such-id", time.time())).id != "no-such-id"


def test_a_message_with_its_own_topic_ignores_the_context(matcher: Matcher) -> None:
    context = MatchContext("startup-incubation", time.time())
    assert matcher.match("무역사절단 신청 방법", context=context).id == "trade-mission"


def test_x_malgo_y_excludes_x(matcher: Matcher) -> None:
    plain = matcher.match("방산 전시회 지원")
    assert plain.candidates and plain.candidates[0].id.startswith("defense")
    excluded = matcher.match("방산 말고 일반 전시회 지원")
    assert excluded.id is None or not excluded.id.startswith("defense")
    assert all(not c.id.startswith("defense") for c in excluded.candidates)


def test_a_question_about_a_whole_area_names_the_area(matcher: Matcher) -> None:
    decision = matcher.match("수소 관련 지원사업 뭐 있어요")
    assert decision.area == "hydrogen"
    assert matcher.match("수소충전소 구축 지원").area is None  # one program, named


@pytest.mark.parametrize("text, area", [
    ("수출 도와주세요", "export"), ("수소 알려줘", "hydrogen"), ("help with exports", "export"),
    ("도와주세요", None),                      # no area: the help intent
    ("수출상담회 도와주세요", None),            # one program, named
    ("수출 신청 방법 알려주세요", None),        # an aspect of something, not the list
])
def test_a_bare_area_word_with_a_request_asks_for_the_area(matcher: Matcher, text: str, area: str | None) -> None:
    assert matcher.match(text).area == area


@pytest.mark.parametrize("text, lang", [
    ("MOU 몇 건", "ko"), ("R&D 지원 있나요", "ko"), ("SME 지원 사업", "ko"), ("startup 지원금 있나요", "ko"),
    ("Is there 창업 support for students?", "en"), ("how do I apply", "en"), ("ok", "ko"),
])
def test_the_reply_language_follows_the_sentence(matcher: Matcher, text: str, lang: str) -> None:
    assert matcher.match(text).lang == lang


def test_the_question_inside_a_long_story_is_found() -> None:
    story = "저는 창원에서 작은 부품 회사를 운영하고 있습니다. " * 12 + "수출 상담회는 언제 열리나요?"
    assert len(story) > FOCUS_CHARS
    kept = focus(story)
    assert len(kept) <= FOCUS_CHARS and kept.endswith("수출 상담회는 언제 열리나요?")
    assert question_sentence("직원이 20명입니다. 수출 지원 받을 수 있나요? 감사합니다.") == "수출 지원 받을 수 있나요?"
    assert len(focus("가" * 4096)) <= FOCUS_CHARS


def test_a_long_story_is_answered_by_its_question(matcher: Matcher) -> None:
    story = ("안녕하세요. 저희는 창원에서 20년째 기계부품을 만드는 회사이고 직원은 30명 정도입니다. 요즘 국내 납품이 줄어서 "
             "고민이 많습니다. 대표님이 올해는 해외로 나가 보자고 하셔서 알아보는 중입니다. 무역사절단은 언제 모집하나요?")
    decision = matcher.match(story)
    assert (decision.kind, decision.id, decision.aspect) == ("answer", "trade-mission", "period")


@pytest.mark.parametrize("text", ["로또 번호 추천해줘", "택배 언제 와요", "내일 날씨 어때", "맛집 추천해주세요"])
def test_out_of_scope_gets_no_suggestions(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).kind == "fallback"


def _with_referrals(tmp_path: Path) -> Matcher:
    kb = write_knowledge(tmp_path, """
programs:
  - id: startup-loan
    name: {ko: 창업 초기자금 융자, en: Early startup loans}
    summary: 창업 3년 이내 기업에 운영자금을 빌려 드립니다.
    questions: [창업 자금 대출 받을 수 있나요, 창업 초기 자금 융자]
""")
    referrals = (
        Referral("soho-loan", Text.of({"ko": "소상공인시장진흥공단", "en": "SEMAS"}),
                 ("소상공인 대출", "소상공인 정책자금 대출", "소상공인 자금 융자"),
                 Text.of("소상공인 정책자금은 소상공인시장진흥공단에서 신청합니다.")),
        Referral("jobless-benefit", Text.of({"ko": "고용센터", "en": "Employment center"}),
                 ("실업급여 신청", "실업급여 받으려면", "unemployment benefits"),
                 Text.of("실업급여는 고용센터에서 신청합니다.")),
    )
    return Matcher(dataclasses.replace(kb, referrals=referrals))


def test_a_referral_answers_another_institutions_question_but_never_outranks_a_program(tmp_path: Path) -> None:
    matcher = _with_referrals(tmp_path)
    decision = matcher.match("실업급여 신청하려면 어떻게 해요")
    assert (decision.kind, decision.id) == ("answer", "jobless-benefit")
    assert matcher.match("소상공인 대출").id == "soho-loan"
    # Both share 대출/융자 and 자금: the agency's own program comes first.
    decision = matcher.match("창업 자금 대출 받을 수 있나요")
    assert (decision.kind, decision.id) == ("answer", "startup-loan")
    assert decision.candidates[0].id == "startup-loan"
    # A question with no topic of its own (only how/what words) is never another institution's.
    assert all(c.id not in ("jobless-benefit", "soho-loan") for c in matcher.match("신청 방법").candidates)


@pytest.mark.parametrize("text, aspect", [
    ("창원에 얼마나 살아야 돼요", "eligibility"), ("사무실도 줘요?", "support"), ("몇 번까지 무료예요", "support"),
    ("언제 개강해요", "period"), ("그건 언제까지 신청해요", "period"),
    ("신청할 수 있는 게 있으면 언제 모집하는지 알려주세요", "period"),  # the question word decides
])
def test_aspects_from_cue_words(matcher: Matcher, text: str, aspect: str) -> None:
    from intents.analyzer import normalize
    assert matcher._aspect(normalize(text)) == aspect


def test_a_topic_word_that_holds_a_cue_is_not_an_aspect(matcher: Matcher) -> None:
    assert matcher.match("해외 바이어 수출상담회 참가하고 싶어요").aspect != "contact"  # 상담 in 수출상담회

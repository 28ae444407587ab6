"""Conversation context (helper `convo`): what an exclusion leaves, a length of time asked, a place asked after a
card, formal requests, `그건요?` under a list, and the asker's facts picking a program named loosely. Through the
real Matcher on the frozen knowledge, eval's replay (context_after) and the real Application."""
from __future__ import annotations

import time

from conftest import after, answer_after, button_data, write_knowledge

from intents.context import MatchContext, bare_aspect, context_after, rules_out
from intents.matcher import Matcher
from knowledge.asker import fit, meets, read


def _chat(matcher: Matcher, *turns: str) -> tuple[MatchContext | None, object]:
    """The context after each turn, as eval replays a chat; the last decision."""
    context, decision = None, None
    for turn in turns:
        decision = matcher.match(turn, context=context)
        context = context_after(decision, matcher, context, turn)
    return context, decision


# ---- "X 말고 Y": X is no later follow-up's subject ---------------------------------------------------------

def test_an_exclusion_answered_with_nothing_forgets_what_it_rules_out(matcher):
    context, decision = _chat(matcher, "무역사절단 알려주세요", "사절단 말고 요트 면허 지원은요?")
    assert decision.kind != "answer"
    assert context is not None and context.current() is None  # the mission is over, nothing took its place
    follow = matcher.match("신청은 어떻게 해요?", context=context)
    assert follow.id != "trade-mission"


def test_an_exclusion_answered_with_y_leaves_y_the_subject(matcher):
    context, _ = _chat(matcher, "해외지사화 지원 알려주세요", "해외지사화 말고 수출상담회는요?")
    assert context is not None and context.current() == "export-consultation"
    assert answer_after(matcher, "언제 해요?", "export-consultation") == ("answer", "export-consultation", "period")


def test_only_what_is_ruled_out_is_forgotten(matcher):
    assert rules_out(matcher, "그거 말고 다른 건요?", "trade-mission")
    assert rules_out(matcher, "사절단 말고 골프 레슨은요", "trade-mission")
    assert not rules_out(matcher, "방산 말고 수출 쪽은요", "trade-mission")  # X names other items
    assert not rules_out(matcher, "신청은 어떻게 해요?", "trade-mission")  # no exclusion at all
    assert not rules_out(matcher, "창원 말고 김해 사는데도 돼요?", "trade-mission")  # a place rules nothing out


def test_an_audience_ruled_out_keeps_the_area_and_switches_the_audience(matcher):
    decision = matcher.match("재직자 말고 구직자용은 없어요?", context=after("worker-training"))
    # The talent area's programs for job seekers alone, not the jobs area nor the course for employees.
    assert decision.kind == "suggest"
    assert {c.id for c in decision.candidates} == {"regional-talent", "global-marketer"}


def test_an_audience_with_no_side_rules_out_as_usual(matcher):
    decision = matcher.match("초기창업 말고 예비창업자 지원 자격", context=after("early-startup"))
    assert (decision.kind, decision.id, decision.aspect) == ("answer", "pre-founder", "eligibility")


async def test_the_bot_forgets_a_card_the_person_ruled_out(bot):
    await bot.say("무역사절단 알려주세요")
    await bot.say("사절단 말고 요트 면허 지원은요?")
    await bot.say("신청은 어떻게 해요?")
    assert bot.last_enquiry()["item_id"] != "trade-mission"


# ---- how long, where, formal requests ---------------------------------------------------------------------

def test_a_length_asked_after_a_card_is_the_part_that_states_one(matcher):
    for text in ("입주 기간은요?", "몇 년까지 있을 수 있어요?", "how long can a company stay there?"):
        assert answer_after(matcher, text, "startup-incubation") == ("answer", "startup-incubation", "support"), text


def test_a_period_to_apply_stays_the_period(matcher):
    for text in ("신청 기간은요?", "입주 신청 기간은?", "모집 언제 해요?"):
        assert answer_after(matcher, text, "startup-incubation")[2] == "period", text


def test_where_a_centre_is_asked_after_its_card_is_its_contact(matcher):
    for text in ("주소도 알려주세요", "주소 좀 알려주시겠어요?", "위치도 알려 주십시오", "주소 알려주시면 감사하겠습니다"):
        assert answer_after(matcher, text, "jinhae-knowledge-center") == (
            "answer", "jinhae-knowledge-center", "contact"), text


def test_where_the_asker_lives_stays_a_statement(matcher):
    # No request, no question: where they live, the rest of the card's question (may they take part?).
    assert answer_after(matcher, "저 아직 미취업이고 주소도 창원이에요", "new-industry-youth-jobs") == (
        "answer", "new-industry-youth-jobs", "eligibility")


def test_formal_requests_read_as_plain_ones(matcher):
    for plain, formal in (("창업보육센터 입주 조건 알려 주세요", "창업보육센터 입주 조건 알려 주십시오"),
                          ("담당자 연결해 주세요", "담당자 연결해 주시겠습니까")):
        a, b = matcher.match(plain), matcher.match(formal)
        assert (a.kind, a.id, a.aspect) == (b.kind, b.id, b.aspect), formal


# ---- pointing under a list -------------------------------------------------------------------------------

def test_pointing_under_a_list_asks_which_one(matcher):
    for text in ("그건요?", "그럼 그거는?"):
        context, _ = _chat(matcher, "일자리 지원 뭐 있어요")
        decision = matcher.match(text, context=context)
        assert decision.kind == "suggest", text
        assert [c.id for c in decision.candidates] == list(context.options), text


async def test_the_bot_offers_the_list_again_for_that_one(bot, kb):
    await bot.say("일자리 지원 뭐 있어요")
    sent = await bot.say("그건요?")
    offered = {d.split(":")[1] for d in button_data(sent[0]) if d.startswith("p:")}
    assert offered and offered <= {p.id for p in kb.programs_in("jobs")}


# ---- the asker's facts pick a program named loosely ---------------------------------------------------------

def test_an_age_past_one_limit_but_within_anothers_extension_picks_that_program(shipped_matcher, shipped_kb):
    # The shipped knowledge counts military service up to 42 for one youth program (its criteria's `up_to`).
    text = "40살이고 군대 다녀왔는데 청년 채용 사업 해당돼요?"
    decision = shipped_matcher.match(text)
    assert (decision.kind, decision.aspect) == ("answer", "eligibility")
    program = shipped_kb.program(decision.id)
    assert program is not None and fit(program, read(text)).outcome != "fails"


def test_an_age_one_offered_program_rules_out_picks_the_other(matcher):
    decision = matcher.match("17살인데 청년 채용 사업 해당돼요?")  # one youth program takes 18 on, the other no minimum
    assert (decision.kind, decision.id, decision.aspect) == ("answer", "new-industry-youth-jobs", "eligibility")


def test_a_program_named_loosely_by_its_own_name_is_answered(matcher):
    # 30 rules no youth program out; 청년 일자리 is in one program's name (another's alias only): that one.
    decision = matcher.match("청년 일자리 그거 나도 되냐 30살인데")
    assert (decision.kind, decision.id, decision.aspect) == ("answer", "new-industry-youth-jobs", "eligibility")


def test_facts_that_pick_nothing_leave_the_offer(matcher):
    # 35 rules no startup program out, and no one program's name holds 창업 지원: which one is not guessed.
    assert matcher.match("저 35살인데 창업 지원 받을 수 있나요").kind == "suggest"


def test_where_the_asker_is_names_no_program(matcher):
    # 진해 is where the company is; the one program a company of 45 is not ruled out of (진해 지식산업센터) is no
    # answer to whether shipbuilding is covered (tester16)
    decision = matcher.match("저희는 진해에 있고 직원 45명이에요 조선업도 되나요?")
    assert decision.kind != "answer" or decision.id != "jinhae-knowledge-center"


def test_a_kind_the_asker_may_also_be_is_no_condition_met(shipped_kb):
    # a student may also be a job seeker: enough not to rule a program out, not to say they meet its 구직자 condition
    program = shipped_kb.program("quality-jobs")
    assert meets(program, "대학생인데 양질의 일자리 창출 지원 받을 수 있나요") == ()
    assert [c.kind for c in meets(program, "구직자인데 양질의 일자리 창출 지원 받을 수 있나요")] == ["who"]


async def test_the_card_says_when_the_asker_meets_a_condition(bot, kb):
    sent = await bot.say("30살인데 신산업 연계 청년일자리 신청할 수 있어요?")
    opening = sent[0]["plain"].split("\n")[0]
    assert opening.startswith("✅") and "30세" in opening and "39" in opening  # their age, the program's limit
    assert kb.program("new-industry-youth-jobs").name.get("ko") in sent[0]["plain"]


async def test_the_card_still_warns_when_the_asker_fails_one(bot):
    sent = await bot.say("52살인데 신산업 연계 청년일자리 신청할 수 있어요?")
    assert sent[0]["plain"].startswith("⚠️") and "✅" not in sent[0]["plain"]


# ---- two things asked at once ---------------------------------------------------------------------------------

def test_two_things_both_in_the_guide_answer_one_and_offer_the_other(matcher):
    decision = matcher.match("무역사절단이랑 수출상담회 둘 다 신청 방법 알려주세요")
    assert (decision.kind, decision.id, decision.aspect) == ("answer", "trade-mission", "apply")
    assert decision.also == ("export-consultation",)


def test_two_things_one_outside_the_guide_says_so(matcher):
    decision = matcher.match("창업보육센터랑 골프장 둘 다 알려주세요")
    assert (decision.kind, decision.id) == ("answer", "startup-incubation")
    assert decision.unanswered == ("골프장",)


def test_one_thing_done_with_another_is_no_pair(matcher):
    from intents.clauses import both_asked
    assert both_asked("두 군데 동시에 붙으면 둘 다 받아도 되는 거예요?") is None
    assert both_asked("대학생이랑 같이 창업하려는데 지원 있어요?") is None  # no word saying both


async def test_the_bot_says_which_of_the_two_it_does_not_cover(bot, kb):
    sent = await bot.say("창업보육센터랑 골프장 둘 다 알려주세요")
    assert sent[0]["plain"].startswith(kb.program("startup-incubation").name.get("ko"))
    assert "골프장" in sent[-1]["plain"] and "다루지 않는" in sent[-1]["plain"]


# ---- a place written in another part of the card ------------------------------------------------------------

PLACE_KNOWLEDGE = """
programs:
  - id: maker-space
    name: {ko: 메이커 스페이스, en: Maker space}
    summary: {ko: 시제품을 만들 수 있는 공간과 장비를 빌려 줍니다., en: Space and tools to build prototypes.}
    eligibility:
      ko: 지역 창업기업이 이용할 수 있습니다. 센터 주소는 대구시 중구 동성로 1길 12입니다.
      en: Local start-ups may use it. The centre's address is 12 Dongseong-ro 1-gil, Jung-gu, Daegu.
    questions: [메이커 스페이스 이용하고 싶어요]
faqs:
  - id: agency-phone
    questions: [진흥원 전화번호 알려주세요, 진흥원 연락처, 진흥원 문의 전화]
    answer: {ko: 진흥원 대표 전화는 053-000-0000입니다., en: The agency's number is 053-000-0000.}
"""


async def test_a_place_written_in_another_part_is_shown_not_the_agencys_contact(tmp_path, make_bot):
    kb = write_knowledge(tmp_path, PLACE_KNOWLEDGE)
    async with make_bot(kb) as bot:
        await bot.say("메이커 스페이스 알려주세요")
        (card,) = await bot.say("주소 알려 주십시오")
        assert bot.last_enquiry()["item_id"] == "maker-space"
        text = card["plain"]
        assert text.startswith("메이커 스페이스\n문의처")  # under the contact header, not 자격요건
        assert "동성로 1길 12" in text  # the card's own sentence first; the agency's number may follow, said so
        assert "053-000-0000" not in text or text.index("동성로 1길 12") < text.index("053-000-0000")
        (phone,) = await bot.say("그럼 전화번호는요?")  # no place asked: the agency's own number, as before
        assert "053-000-0000" in phone["plain"]


# ---- convo6: what an exclusion leaves, ages, lists, searches of their own, the reply's language -------------------

def test_an_exclusion_leaving_an_area_is_its_list_and_a_follow_up_asks_which(matcher):
    context, decision = _chat(matcher, "예비창업자 말고 방산 쪽 지원은 없습니까")
    assert (decision.kind, decision.area) == ("answer", "defense")  # 없습니까 asks, it names nothing
    follow = matcher.match("그건 누가 신청할 수 있습니까", context=context)
    assert (follow.kind, follow.aspect) == ("suggest", "eligibility")
    assert {c.id for c in follow.candidates} <= {p.id for p in matcher.kb.programs_in("defense")}


def test_an_exclusion_leaving_one_item_keeps_it_for_the_follow_up(matcher):
    _, decision = _chat(matcher, "무역사절단 말고 방산 전시회 쪽은 없습니까", "그건 누가 신청할 수 있습니까")
    assert (decision.kind, decision.id, decision.aspect) == ("answer", "defense-exhibition", "eligibility")


def test_an_audience_ruled_out_under_a_list_keeps_the_lists_area(matcher):
    for first in ("교육 프로그램 뭐 있어요", "인재양성 사업 뭐 있어요"):
        _, decision = _chat(matcher, first, "재직자 말고 구직자용입니다")
        assert decision.kind == "suggest", first
        assert {c.id for c in decision.candidates} == {"regional-talent", "global-marketer"}, first


def test_a_search_naming_who_after_a_card_is_not_the_cards_eligibility(matcher):
    for shown, text in (("global-marketer", "경력단절 여성 지원 같은 건 없나요?"),
                        ("new-industry-youth-jobs", "중장년 위한 사업은 없어요?"),
                        ("job-matching", "장애인 지원 같은 건 없나요?")):
        assert answer_after(matcher, text, shown)[1] != shown, text
    # ... but whether the card takes them too is still the card's.
    assert answer_after(matcher, "경력단절 여성도 신청 되나요?", "global-marketer") == (
        "answer", "global-marketer", "eligibility")


def test_an_aspect_in_its_own_words_under_a_list_is_one_of_them(matcher):
    context = MatchContext(options=("startup-incubation", "jinhae-knowledge-center"), options_at=time.time())
    # The one that writes the word is answered; a word both or neither writes asks which.
    rent = matcher.match("임대료는 얼마예요?", context=context)
    assert (rent.kind, rent.id, rent.aspect) == ("answer", "jinhae-knowledge-center", "support")
    which = matcher.match("사무실 월세는 얼마입니까", context=context)
    assert (which.kind, which.aspect) == ("suggest", "support")
    assert [c.id for c in which.candidates] == ["startup-incubation", "jinhae-knowledge-center"]
    # A word of its own is no aspect of theirs: the fallback, not "which of them?".
    assert matcher.match("택배 요금은 얼마예요", context=context).kind == "fallback"


async def test_who_can_apply_under_a_list_asks_which_not_the_finder(bot):
    await bot.say("예비창업자 말고 방산 쪽 지원은 없습니까")
    (reply,) = await bot.say("그건 누가 신청할 수 있습니까")
    assert "질문 1/5" not in reply["plain"] and "자격요건" in reply["plain"]
    assert any(data.startswith("p:defense-") for data in button_data(reply))


async def test_an_age_asked_of_a_program_named_is_its_eligibility_with_no_age_written(bot):
    sent = await bot.say("50살인데 예비창업자 지원 받을 수 있어요?")
    assert "질문" not in sent[0]["plain"]  # not the finder
    assert "나이 제한이 적혀 있지 않습니다" in sent[0]["plain"] and "50세" in sent[0]["plain"]
    assert bot.last_enquiry()["item_id"] == "pre-founder"


async def test_a_korean_sentence_after_english_turns_is_answered_in_korean(bot):
    await bot.say("hello, what startup support do you have?")
    (reply,) = await bot.say("아 그냥 안 할게요")
    assert not reply["plain"].isascii()


async def test_a_program_named_by_a_person_word_and_its_head_is_answered_in_english_too(bot):
    (reply,) = await bot.say("I'm 50, can I apply for the pre-founder support?")
    assert "This guide states no age limit" in reply["plain"] and bot.last_enquiry()["item_id"] == "pre-founder"


def test_it_does_not_matter_asks_whether_one_may_take_part(matcher):
    assert answer_after(matcher, "나이 상관없어요?", "worker-training") == ("answer", "worker-training", "eligibility")
    assert bare_aspect(matcher, "나이 상관없나요?") == "eligibility"  # nothing shown: which program's eligibility

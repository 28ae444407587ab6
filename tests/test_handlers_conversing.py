"""What the bot does around an answer (handlers/conversing.py), through the real Application, the
in-process Bot API, a real SQLite store and the frozen knowledge (tests/data/frozen): follow-ups after a
referral, a list or suggestions nobody tapped; `자격은?` with nothing before it; a question about staff."""
from __future__ import annotations

from conftest import button_data, buttons
from handlers import conversing
from handlers.followup.common import DRAFT

USER = 1001


async def test_a_follow_up_after_a_referral_shows_that_referral_again(bot):
    await bot.say("실업급여 받을 수 있을까요")
    assert bot.last_enquiry()["item_id"] == "ref-work24"
    reply = (await bot.say("그럼 신청은요?"))[0]
    assert bot.last_enquiry()["item_id"] == "ref-work24"
    assert reply["plain"].startswith("이 문의는 고용24")


async def test_a_topic_less_aspect_question_first_asks_which_program_by_area(bot, kb):
    reply = (await bot.say("자격은?"))[0]
    assert reply["plain"].startswith("어느 사업의 자격요건 안내를 원하시나요?")
    data = button_data(reply)
    assert [d for d in data if d.startswith("b:a.")] == [f"b:a.{a.id}" for a in kb.areas if kb.programs_in(a.id)]
    assert data[-1] == "fu:start"  # and staff, as under every card that cannot answer
    # an area opens its list; the next topic-less question asks which of those programs
    await bot.press(f"b:a.{kb.areas[0].id}", message_id=reply["message_id"])
    again = (await bot.say("신청은 어떻게 해요?"))[0]
    assert again["plain"].startswith("어느 사업의 신청방법 안내를 원하시나요?")
    inside = kb.programs_in(kb.areas[0].id)
    assert button_data(again)[:-1] == [f"p:{p.id}:apply" for p in inside][:conversing.MAX_OPTIONS]
    card = (await bot.press(f"p:{inside[0].id}:apply", message_id=again["message_id"]))[0]
    assert card["plain"].startswith(inside[0].name.get("ko"))
    assert "신청방법" in card["plain"]


async def test_suggestions_nobody_tapped_replace_the_last_answer(bot):
    await bot.say("무역사절단 뭐예요")
    assert bot.last_enquiry()["item_id"] == "trade-mission"
    offered = (await bot.say("수소 시설"))[0]
    assert bot.last_enquiry()["kind"] == "suggest"
    programs = [d.split(":")[1] for d in button_data(offered) if d.startswith("p:")]
    reply = (await bot.say("자격 조건이 어떻게 됩니까"))[0]
    # not the trade mission answered before the suggestions, but which of the suggestions
    assert reply["plain"].startswith("어느 사업의 자격요건 안내를 원하시나요?")
    assert button_data(reply)[:-1] == [f"p:{p}:eligibility" for p in programs]


async def test_an_area_list_answered_then_a_follow_up_asks_which_of_its_programs(bot, kb):
    listed = (await bot.say("창업 지원"))[0]
    assert listed["plain"].startswith("창업 분야 사업")
    reply = (await bot.say("What are the eligibility requirements?"))[0]
    assert reply["plain"].startswith("Which program's Eligibility would you like?")
    assert [d for d in button_data(reply) if d.startswith("p:")] == \
        [f"p:{p.id}:eligibility" for p in kb.programs_in("startup")][:conversing.MAX_OPTIONS]


async def test_a_question_about_staff_is_answered_with_the_offer_not_the_consent_flow(bot):
    reply = (await bot.say("Do you have an English speaking staff?"))[0]
    assert reply["plain"].startswith("This guide does not cover that")
    assert button_data(reply) == ["fu:start"]
    assert not bot.app.user_data.get(USER, {}).get(DRAFT)
    assert "consent" not in reply["plain"].lower()


async def test_a_request_for_staff_still_starts_the_flow(bot):
    sent = await bot.say("담당자 연결해 주세요")
    assert any("개인정보" in m["plain"] for m in sent)  # the consent notice, as before


async def test_a_request_for_staff_after_a_filler_starts_the_flow_not_the_guide_lacks_it(bot):
    # tester9: `ok, ...` named nothing the request does not, yet the reply said "This guide does not cover that".
    sent = await bot.say("ok, I would like to talk to someone from your staff")
    assert not any(m["plain"].startswith("This guide does not cover that") for m in sent)
    assert any("personal" in m["plain"].lower() for m in sent)  # the consent notice of the staff flow


async def test_that_one_ruled_out_lists_the_rest_of_its_area(bot):
    await bot.say("수출상담회 참가하고 싶어요")
    reply = (await bot.say("그거 말고 다른 수출 지원은요?"))[0]
    assert reply["plain"].startswith("수출지원 분야 사업")


async def test_a_ruled_out_topic_does_not_become_the_finders_area(bot):
    reply = (await bot.say("수출 말고 스마트공장 구축 지원은 있나요?"))[0]
    assert not reply["plain"].startswith("수출지원 분야")


async def test_a_lone_program_among_other_options_is_not_taken_as_meant(bot, kb):
    # Suggestions mixing one program with FAQs or referrals: a topic-less follow-up may be about any of them
    # (or none), so it is asked which program, never answered as that lone program (the tester's "when is
    # the deadline?" answered for the one program among three options).
    offered = (await bot.say("신중년 재취업 교육 같은 거 있습니까"))[0]
    programs = [d.split(":")[1] for d in button_data(offered) if d.startswith("p:")]
    assert len(programs) == 1  # beside an FAQ and a referral
    card = (await bot.say("자격 조건이 어떻게 됩니까"))[0]
    assert not card["plain"].startswith(kb.program(programs[0]).name.get("ko"))
    assert card["plain"].startswith("어느 사업의 자격요건 안내를 원하시나요?")
    assert any(d.startswith("b:a.") for d in button_data(card))

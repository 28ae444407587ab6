"""Follow-ups to the options the bot showed (intents/options.py, handlers/conversing.py), through the real
Application, the in-process Bot API, a real SQLite store and the frozen knowledge (tests/data/frozen): a
position (`두번째 거요`, `the last one`), part of one option's name (`보육센터는 어디 있어요?`), the bot's
"which program?" answered in words, `다른 건요?`, and a program's contact the knowledge does not give."""
from __future__ import annotations

from conftest import button_data

USER = 1001


def _head(card: dict) -> str:
    """A card's name and the lines under it (window state, the aspect's subtitle), before the answer."""
    return "\n".join(card["plain"].split("\n")[:3])


def _names(reply: dict) -> list[str]:
    return [d.split(":")[1] for d in button_data(reply) if d.startswith("p:")]


async def test_a_position_picks_that_option_of_the_list_shown(bot, kb):
    listed = (await bot.say("창업 지원 뭐 있어요?"))[0]
    shown = _names(listed)
    assert shown == [p.id for p in kb.programs_in("startup")]
    card = (await bot.say("두번째 거요"))[0]
    assert bot.last_enquiry()["item_id"] == shown[1]
    assert card["plain"].startswith(kb.program(shown[1]).name.get("ko"))
    # going down the list: the list is still what a position points at
    await bot.say("세 번째는요?")
    assert bot.last_enquiry()["item_id"] == shown[2]


async def test_a_position_with_an_aspect_opens_that_aspect(bot, kb):
    shown = _names((await bot.say("수출 지원 뭐 있어요?"))[0])
    card = (await bot.say("첫번째꺼 신청 언제까지?"))[0]
    assert bot.last_enquiry()["item_id"] == shown[0]
    assert card["plain"].startswith(kb.program(shown[0]).name.get("ko"))
    assert "일정" in _head(card)  # the period's subtitle under the name


async def test_the_last_one_in_english(bot, kb):
    shown = _names((await bot.say("What startup programs do you have?"))[0])
    card = (await bot.say("tell me about the last one"))[0]
    assert bot.last_enquiry()["item_id"] == shown[-1]
    assert card["plain"].startswith(kb.program(shown[-1]).name.get("en"))


async def test_a_position_beyond_the_list_is_not_an_answer(bot):
    await bot.say("수출 지원 뭐 있어요?")  # four programs
    await bot.say("7번째 거요")
    assert bot.last_enquiry()["kind"] != "answer"


async def test_part_of_an_options_name_is_matched_among_the_options_first(bot, kb):
    await bot.say("청년 일자리 뭐 있어요?")
    # 항공 names the aerospace parts program outside the list too; the list's aerospace youth hiring is meant
    card = (await bot.say("항공 거는 누가 신청해요?"))[0]
    assert bot.last_enquiry()["item_id"] == "aerospace-youth-jobs"
    assert "자격요건" in _head(card)


async def test_without_the_list_the_same_words_are_matched_as_usual(bot):
    await bot.say("항공 거는 누가 신청해요?")
    assert bot.last_enquiry()["item_id"] != "aerospace-youth-jobs"


async def test_a_topic_outside_the_list_is_still_answered(bot):
    await bot.say("창업 지원 뭐 있어요?")
    await bot.say("무역사절단은요?")
    assert bot.last_enquiry()["item_id"] == "trade-mission"


async def test_which_program_answered_in_words_keeps_the_aspect_asked(bot, kb):
    reply = (await bot.say("자격은?"))[0]
    assert reply["plain"].startswith("어느 사업의 자격요건 안내를 원하시나요?")
    card = (await bot.say("예비창업자요"))[0]
    assert bot.last_enquiry()["item_id"] == "pre-founder"
    assert "자격요건" in _head(card)


async def test_which_program_then_an_area_then_a_position_keeps_the_aspect(bot, kb):
    reply = (await bot.say("대상은?"))[0]
    assert reply["plain"].startswith("어느 사업의 자격요건")
    await bot.press("b:a.export", message_id=reply["message_id"])
    card = (await bot.say("두번째 거요"))[0]
    second = kb.programs_in("export")[1]
    assert bot.last_enquiry()["item_id"] == second.id
    assert "자격요건" in _head(card)


async def test_others_after_a_program_list_the_rest_of_its_area(bot):
    await bot.say("무역사절단 뭐예요")
    reply = (await bot.say("다른 건요?"))[0]
    assert reply["plain"].startswith("수출지원 분야 사업")


async def test_more_after_a_list_shows_every_area(bot, kb):
    await bot.say("What startup programs do you have?")
    sent = await bot.say("more")
    areas = [d for m in sent for d in button_data(m) if d.startswith("b:a.")]
    assert len(areas) == len([a for a in kb.areas if kb.programs_in(a.id)])


async def test_a_programs_contact_not_written_gives_the_agencys_own(bot, kb):
    assert kb.program("startup-incubation").aspect("contact") is None
    await bot.say("창업보육센터 알려주세요")
    reply = (await bot.say("담당자 전화번호"))[0]
    assert bot.last_enquiry()["item_id"] == "startup-incubation"
    assert reply["plain"].startswith("창업 보육 담당자 연락처는 이 안내에 따로 없어")
    assert kb.get("phone-number").answer.get("ko") in reply["plain"]
    assert "fu:start" in button_data(reply)  # and staff, as under every FAQ


async def test_a_programs_own_contact_is_shown_as_written(bot, kb):
    program = kb.program("jinhae-knowledge-center")
    await bot.say("진해 지식산업센터 알려주세요")
    reply = (await bot.say("문의처 알려주세요"))[0]
    assert bot.last_enquiry()["item_id"] == program.id
    assert program.aspect("contact").get("ko") in reply["plain"]


async def test_a_short_question_nothing_else_answers_stays_with_the_program_just_answered(bot):
    await bot.say("무역사절단 뭐예요")
    card = (await bot.say("how many companies do they pick?"))[0]
    assert bot.last_enquiry()["item_id"] == "trade-mission"
    assert card["plain"].startswith("Trade Missions Abroad")
    await bot.say("무역사절단 뭐예요")
    await bot.say("오늘 날씨 어때요?")
    assert bot.last_enquiry()["kind"] == "fallback"


async def test_a_position_under_suggestions_picks_what_was_offered_there(bot, kb):
    # "is it one of these?" offering a program beside an FAQ and a referral: the second button, by position
    offered = (await bot.say("신중년 재취업 교육 같은 거 있습니까"))[0]
    picks = [d.split(":")[1] for d in button_data(offered) if d.split(":")[0] in ("p", "f", "r", "i")]
    assert len(picks) >= 2
    await bot.say("두번째 거요")
    assert bot.last_enquiry()["item_id"] == picks[1]


async def test_a_general_answer_about_an_aspect_then_a_programs_name_gives_that_aspect(bot, kb):
    # The deadlines FAQ says "type a program's name": the name typed next is asked for its period
    await bot.say("언제까지예요?")
    general = bot.last_enquiry()["item_id"]
    assert kb.get(general).kind == "faq" and not kb.get(general).programs
    card = (await bot.say("예비창업자 지원이요"))[0]
    assert bot.last_enquiry()["item_id"] == "pre-founder"
    assert "일정" in _head(card)
    # only the name typed next: a program asked about after that is read as asked
    await bot.say("무역사절단 뭐예요")
    assert (bot.last_enquiry()["item_id"], bot.last_enquiry()["aspect"]) == ("trade-mission", None)


async def test_number_2_asks_no_phone_number(bot, kb):
    """A new user's test (tester5): `/programs`, `number 2`, `second one` gave the agency's contact for the
    program picked: `number` was read as asking a phone number and kept as the aspect of the pick."""
    await bot.command("/programs", lang="en")
    listed = (await bot.say("number 2", lang="en"))[0]
    shown = _names(listed)
    assert shown == [p.id for p in kb.programs_in(kb.areas[1].id)]
    card = (await bot.say("second one", lang="en"))[0]
    assert bot.last_enquiry()["item_id"] == shown[1]
    assert card["plain"].startswith(kb.program(shown[1]).name.get("en"))
    assert "how to reach the agency" not in card["plain"] and "contact" not in _head(card).lower()

"""Which questions start the finder, through the real Application on the finder's test knowledge:
a question naming a topic is answered (an area's list, a program) with the finder offered under it;
one asking what fits the person without naming anything starts the finder, in the message's language."""
from __future__ import annotations

from conftest import button_data, buttons
from finder_fixtures import clock, finder_bot, finder_kb, finder_settings, kst, open_bot  # noqa: F401
from handlers import finder
from handlers.finder_cards import decode_profile, encode_profile
from knowledge.eligibility import Profile

USER = 1001
STORY = ("저희는 창원에서 자동차 부품을 만드는 직원 20명 규모의 제조업체입니다. 최근 해외 바이어 문의가 늘어서 "
         "수출을 본격적으로 해보려고 하는데요, 수출 관련해서 지원받을 수 있는 게 있을까요?")


def finder_state(bot) -> dict | None:
    return bot.app.user_data.get(USER, {}).get(finder.FINDER)


async def test_a_can_i_get_question_naming_an_area_gets_the_area_and_an_offer(finder_bot):
    (reply,) = await finder_bot.say("우리회사 수출지원 받을수있어요?")
    assert reply["plain"].startswith("수출 분야 사업 2개입니다")
    assert "테스트 수출상담회" in reply["plain"] and "테스트 수출마케팅" in reply["plain"]
    # the finder is offered, carrying what was said (a company, sales and exports), not started
    assert ("🔎 내 조건에 맞는 사업 찾기", "fd:o:2-----3") in buttons(reply)
    assert finder_state(finder_bot) is None

    started = (await finder_bot.press("fd:o:2-----3"))[-1]
    assert started["method"] == "sendMessage"  # under the list, which stays readable
    assert "말씀하신 내용(중소·중견기업 · 판로·수출)을 조건에 넣었습니다" in started["plain"]
    assert "기업 규모는 어떻게 되나요?" in started["plain"]
    assert finder_state(finder_bot)["answers"] == {"who": "sme", "need": "market"}


async def test_a_story_asking_for_export_help_is_answered_in_its_own_language(finder_bot):
    # Telegram says English; the message is Korean: the answer is Korean
    (reply,) = await finder_bot.say(STORY, lang="en")
    assert reply["plain"].startswith("수출 분야 사업 2개입니다")
    assert "fd:o:2---003" in button_data(reply)  # company, Changwon, manufacturing, sales and exports
    assert finder_state(finder_bot) is None
    started = (await finder_bot.press("fd:o:2---003", lang="en"))[-1]
    assert "기업 규모는 어떻게 되나요?" in started["plain"]  # the language of the last question, not Telegram's


async def test_what_a_company_makes_describes_it_what_it_asks_for_is_the_topic(finder_bot):
    (reply,) = await finder_bot.say("20명 규모 자동차 부품 제조업체인데 수출 지원 받을 수 있을까요?")
    assert reply["plain"].startswith("수출 분야 사업 2개입니다")
    assert "fd:o:2----03" in button_data(reply)


async def test_asking_for_programs_for_oneself_starts_the_finder_in_the_messages_language(finder_bot):
    (first,) = await finder_bot.say("나한테 맞는 사업 찾아줘", lang="en")
    assert first["plain"].startswith("몇 가지만 여쭤보고 조건에 맞는 지원사업을 찾아 드리겠습니다")
    assert "어떤 분이신가요?" in first["plain"]
    assert finder_state(finder_bot) == {"answers": {}, "asked": []}
    await finder_bot.press("fd:a:who:startup", lang="en")  # the steps go on in Korean
    assert "창업하신 지 얼마나" in finder_bot.api.sent[-1]["plain"]
    # skip and back work on a finder a message started (outside the conversation's own entry)
    assert "나이(만 나이)" in (await finder_bot.press("fd:s:years"))[-1]["plain"]
    assert "창업하신 지 얼마나" in (await finder_bot.press("fd:b"))[-1]["plain"]

    (english,) = await finder_bot.say("what can I apply for", user_id=2002, chat_id=2002)
    assert english["plain"].startswith("A few quick questions")
    assert "Which describes you best?" in english["plain"]


async def test_a_pre_founder_sees_programs_the_finder_cannot_judge_apart_as_to_be_checked(finder_bot):
    (question,) = await finder_bot.say("예비창업자인데 받을 수 있는 지원 있나요?")
    assert "말씀하신 내용(예비창업자)을 조건에 넣었습니다" in question["plain"]
    result = (await finder_bot.press("fd:go"))[-1]
    text = result["plain"]
    fits, checked = text.split("확인이 필요한 사업")
    assert "1. 테스트 창업보육센터" in fits and "테스트 일반사업" not in fits
    # the program without criteria, written for founders: listed apart, never said to fit
    assert "판단하지 못했습니다" in checked and "• 테스트 일반사업 (확인 필요)" in checked
    assert "테스트 수출마케팅" not in text  # written for companies: not a pre-founder's
    assert "테스트 창업인의 밤" not in text  # an event for founders: nothing to apply to
    assert "그 밖에 자격 조건이 정리되지 않은 사업 2개는 판단하지 않았습니다" in text
    assert ("📄 테스트 일반사업", "p:plain-program") in buttons(result)
    assert ("💬 담당자에게 확인하기", "fu:start") in buttons(result)


async def test_what_they_need_narrows_the_programs_to_be_checked(finder_bot):
    await finder_bot.say("우리회사 수출지원 받을수있어요?")
    await finder_bot.press("fd:o:2-----3")
    for data in ("fd:s:size", "fd:s:region", "fd:s:field"):
        result = (await finder_bot.press(data))[-1]
    text = result["plain"]
    assert "1. 테스트 수출상담회" in text  # judged: a company that needs sales and exports
    assert "• 테스트 수출마케팅 (확인 필요)" in text  # not judged; about overseas markets, for companies
    assert "테스트 일반사업" not in text


async def test_a_named_program_or_a_follow_up_is_answered_not_taken_over(finder_bot):
    (card,) = await finder_bot.say("테스트 수출상담회 참가할 수 있나요? 우리 회사는 제조업입니다")
    # The program's card, opened by what the asker said that meets its conditions (handlers/fitting.py)
    assert card["plain"].split("\n\n", 1)[card["plain"].startswith("✅")].startswith("테스트 수출상담회")
    assert button_data(card)[-1] == "fd:o:2----03"  # offered (a company, manufacturing, exports), not started
    assert finder_state(finder_bot) is None

    await finder_bot.press("p:incubator")
    (follow_up,) = await finder_bot.say("신청할 수 있나요?")
    assert follow_up["plain"].startswith("테스트 창업보육센터")  # about the card just shown
    (who_asks,) = await finder_bot.say("예비창업자도 신청할 수 있나요?")
    # whether they may apply to that one: yes, by what they said (handlers/fitting.py), then the card
    assert who_asks["plain"].startswith("✅") and "예비창업자" in who_asks["plain"].split("\n")[0]
    assert who_asks["plain"].split("\n\n", 1)[1].startswith("테스트 창업보육센터\n📅")
    assert "자격요건" in who_asks["plain"] and button_data(who_asks)[-1] == "fd:o:0------"
    assert finder_state(finder_bot) is None
    # asking what there is for them, even under a card, is the finder's question
    (listing,) = await finder_bot.say("예비창업자인데 받을 수 있는 지원 있나요?")
    assert "말씀하신 내용(예비창업자)을 조건에 넣었습니다" in listing["plain"]


async def test_another_bodys_topic_under_a_card_is_not_read_as_a_follow_up(finder_bot):
    # "can I get" asks whether they may, but a mortgage or a 전세 loan is another body's business: neither the
    # card just shown nor the finder answers it
    await finder_bot.press("p:incubator")
    (mortgage,) = await finder_bot.say("where can I get a mortgage")
    assert not mortgage["plain"].startswith("테스트 창업보육센터") and "outside the work" in mortgage["plain"]
    (lease,) = await finder_bot.say("전세 대출 받을 수 있나요?")
    assert not lease["plain"].startswith("테스트 창업보육센터") and "업무가 아니어서" in lease["plain"]
    assert finder_state(finder_bot) is None


async def test_an_old_or_forged_offer_is_refused_politely(finder_bot):
    await finder_bot.press("fd:o:9------")
    assert finder_bot.api.answers[-1]["text"] == "이 버튼은 지난 질문의 것입니다. /finder 로 다시 시작해 주세요."
    assert finder_state(finder_bot) is None


def test_a_profile_fits_in_a_button_and_back():
    profile = Profile(who="startup", years="1-3", age="35-39", region="other", field="ict", need="mentoring")
    assert decode_profile(encode_profile(profile)) == profile
    assert len(f"fd:o:{encode_profile(profile)}") <= 64
    assert decode_profile(encode_profile(Profile())) == Profile()
    assert decode_profile("x") is None and decode_profile("0000009") is None


async def test_another_institutions_service_gets_its_referral_without_an_offer(finder_bot):
    (reply,) = await finder_bot.say("실업급여 받을 수 있나요?")
    assert "테스트 고용센터에서 신청합니다" in reply["plain"]
    assert not [data for data in button_data(reply) if data.startswith("fd:")]


async def test_the_programs_to_be_checked_in_english(finder_bot):
    (question,) = await finder_bot.say("I'm planning to start a business, what can I apply for?", lang="en")
    assert "I have noted what you told me (Planning a startup)" in question["plain"]
    text = (await finder_bot.press("fd:go", lang="en"))[-1]["plain"]
    assert "To be checked: these programs have no structured criteria, so I cannot tell whether you may apply" in text
    assert "• Test Plain Program (to be checked)" in text
    assert "2 other programs have no structured criteria yet and were not judged" in text


async def test_whether_a_company_elsewhere_may_apply_is_no_finder_question(finder_bot):
    for question in ("is my company in Gimhae eligible?", "김해에 있는 회사도 신청할 수 있나요?"):
        await finder_bot.say(question)
        assert finder_state(finder_bot) is None, question


async def test_an_age_no_answer_holds_is_said_back_when_the_finder_starts(finder_bot):
    """A new user's test (tester5): `그럼 중장년은 받을 수 있는게 없나요?` started the finder's first question
    without a word about what was asked. The age said (중장년: 40 and over, no one band of the finder) is
    named in its first line; a 52-year-old's age is filled in as before."""
    (first,) = await finder_bot.say("그럼 중장년은 받을 수 있는게 없나요?")
    assert first["plain"].startswith("말씀하신 조건(중장년)으로 신청할 수 있는 사업이 있는지")
    assert "어떤 분이신가요?" in first["plain"]
    assert finder_state(finder_bot) == {"answers": {}, "asked": []}
    (filled,) = await finder_bot.say("52살인데 나한테 맞는 사업 찾아줘")
    assert filled["plain"].startswith("말씀하신 내용(만 50세 이상)을 조건에 넣었습니다")


async def test_a_scheme_the_knowledge_never_names_is_not_taken_for_anything_for_me(finder_bot):
    """A new user's test (tester7): `두루누리 사회보험료 지원 받을 수 있나요` started the finder's first question, as
    if they had asked what there is for them; it names a scheme the knowledge base never writes, so the answer
    is that it was not found. Who asks stays the finder's question however they describe themselves."""
    (scheme,) = await finder_bot.say("두루누리 사회보험료 지원 받을 수 있나요?")
    assert finder_state(finder_bot) is None
    assert "어떤 분이신가요?" not in scheme["plain"]
    for asker in ("장애인도 받을 수 있는 지원 있나요?", "30대 여성인데 받을 수 있는 지원 뭐 있어요"):
        (started,) = await finder_bot.say(asker)
        assert "어떤 분이신가요?" in started["plain"], asker
        finder_bot.app.user_data[USER].pop(finder.FINDER)
    await finder_bot.press("p:incubator")  # nor, under a card, whether they may apply to that one
    (scheme,) = await finder_bot.say("두루누리 사회보험료 지원 받을 수 있나요?")
    assert "자격요건" not in scheme["plain"] and finder_state(finder_bot) is None

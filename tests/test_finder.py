"""/finder through the real Application: questions with buttons -> the programs that fit, with reasons;
a profile stated in free text prefills it; answers persist; /forget removes them."""
from __future__ import annotations

from conftest import button_data, buttons
from finder_fixtures import clock, finder_bot, finder_kb, finder_settings, kst, open_bot  # noqa: F401
from handlers import finder

USER = 1001


async def answer_all(bot, *answers: str) -> list[dict]:
    """/finder, then press each answer ("who:startup") or skip ("skip:age") in turn; the last screen."""
    sent = await bot.command("/finder")
    for choice in answers:
        step, value = choice.split(":")
        sent = await bot.press(f"fd:s:{value}" if step == "skip" else f"fd:a:{step}:{value}")
    return sent


async def test_from_finder_to_a_list_with_a_reason_per_criterion(finder_bot):
    first = (await finder_bot.command("/finder"))[0]
    assert "어떤 분이신가요?" in first["plain"] and "질문 1/" in first["plain"]
    assert [label for label, _ in buttons(first)][:6] == ["예비창업자", "창업기업", "중소·중견기업", "구직자", "재직자", "대학생"]

    edited = await finder_bot.press("fd:a:who:startup")
    assert edited[-1]["method"] == "editMessageText" and "창업하신 지 얼마나" in edited[-1]["plain"]
    for data in ("fd:a:years:1-3", "fd:a:age:30-34", "fd:a:region:changwon", "fd:a:field:manufacturing"):
        await finder_bot.press(data)
    result = (await finder_bot.press("fd:a:need:funding"))[-1]
    text = result["plain"]

    assert "창업기업 · 업력 1~3년 · 만 30~34세 · 창원 · 제조 · 자금 조건에 맞는 지원사업" in text
    # the founder allowance fits on every point; its window is shown (it closed in February)
    assert "1. 테스트 창업수당" in text
    assert "창업기업 ✔ · 창원 소재 ✔ · 업력 3년 이내 ✔ · 만 18~39세 ✔ · 자금 지원 ✔" in text
    assert "접수 마감 (지난 접수: 2026년 1월 19일 ~ 2026년 2월 9일)" in text
    # the incubator misses on one point (it offers space and mentoring, not funding): a close miss, with ❔
    assert "조건 하나가 맞지 않는 사업" in text and "공간·멘토링·애로 지원 ✘" in text
    assert ("📄 테스트 창업수당", "p:founder-allowance") in buttons(result)
    assert ("❔ 테스트 창업보육센터", "fd:w:incubator") in buttons(result)
    # a program without structured criteria is not judged, and the list says so rather than guessing
    assert "자격 조건이 정리되지 않은 사업 3개는 판단하지 않았습니다" in text
    assert "확인 필요)" not in text  # neither is about funding: nothing listed as "to be checked"
    # job programs for job seekers are not offered to a startup at all
    assert "청년일자리" not in text

    why = (await finder_bot.press("fd:w:incubator"))[-1]
    assert "맞지 않는 조건: 공간·멘토링·애로 지원" in why["plain"]
    assert "예비창업자·창업기업 ✔ · 창원 소재 ✔ · 업력 7년 이내 ✔" in why["plain"]
    assert button_data(why) == ["p:incubator", "fu:start"]
    card = (await finder_bot.press("p:incubator"))[-1]
    assert "접수 중 · 마감 D-18 (2026년 3월 20일) · 2026년 1차" in card["plain"]


async def test_skipped_questions_stay_open_and_the_steps_follow_the_person(finder_bot):
    await finder_bot.command("/finder")
    company = (await finder_bot.press("fd:a:who:sme"))[-1]
    assert "기업 규모" in company["plain"]  # companies are asked their size, not years or age
    await finder_bot.press("fd:a:size:small")
    after_size = (await finder_bot.press("fd:s:region"))[-1]
    assert "어떤 분야인가요?" in after_size["plain"]  # no age question for a company
    await finder_bot.press("fd:a:field:defense")
    text = (await finder_bot.press("fd:a:need:funding"))[-1]["plain"]
    # the region was skipped: "?" rather than a failure, so both defence programs are listed
    assert "1. 테스트 강소기업" in text and "창원 소재 ?" in text
    assert "테스트 방산기술" in text and "경남 소재 ?" in text


async def test_back_clears_the_last_answer(finder_bot):
    await finder_bot.command("/finder")
    await finder_bot.press("fd:a:who:job_seeker")
    back = (await finder_bot.press("fd:b"))[-1]
    assert "어떤 분이신가요?" in back["plain"]
    assert finder_bot.app.user_data[USER][finder.FINDER] == {"answers": {}, "asked": []}


async def test_a_profile_stated_in_free_text_prefills_the_finder(finder_bot):
    sent = await finder_bot.say("창업 2년차 제조업인데 받을 수 있는 지원 있나요?")
    assert len(sent) == 1
    text = sent[0]["plain"]
    assert "말씀하신 내용(창업기업 · 업력 1~3년 · 제조)을 조건에 넣었습니다" in text
    assert "나이(만 나이)" in text  # the first question not answered by the text
    assert "fd:go" in button_data(sent[0])
    assert finder_bot.app.user_data[USER][finder.FINDER]["answers"] == {
        "who": "startup", "years": "1-3", "field": "manufacturing"}
    # the question is still logged as an enquiry, with the matcher's decision
    assert finder_bot.last_enquiry()["text"].startswith("창업 2년차")

    await finder_bot.press("fd:a:age:35-39")
    await finder_bot.press("fd:a:region:changwon")
    result = (await finder_bot.press("fd:a:need:funding"))[-1]
    assert "1. 테스트 창업수당" in result["plain"]
    assert "창업기업 · 업력 1~3년 · 만 35~39세 · 창원 · 제조 · 자금" in result["plain"]


async def test_a_question_about_a_named_program_is_answered_as_usual(finder_bot):
    sent = await finder_bot.say("테스트 창업수당 받을 수 있나요? 창업 2년차입니다")
    # The program's card, not the finder (opened by what the asker said that meets its conditions: handlers/fitting.py)
    assert sent[0]["plain"].split("\n\n", 1)[sent[0]["plain"].startswith("✅")].startswith("테스트 창업수당")
    assert finder.FINDER not in finder_bot.app.user_data.get(USER, {})


async def test_answers_persist_across_a_restart_and_forget_removes_them(open_bot, finder_settings):
    async with open_bot() as bot:
        await answer_all(bot, "who:pre_founder", "age:18-29", "region:changwon", "field:ict", "need:space")
    async with open_bot() as bot:  # a restart: the state file beside the database
        await bot.app.update_persistence()
        assert (await bot.app.persistence.get_conversations(finder.CONVERSATION_NAME))[(USER, USER)] == "shown"
        resume = (await bot.command("/finder"))[0]
        assert "지난번에 답하신 조건은 예비창업자 · 만 18~29세 · 창원 · ICT · 공간입니다" in resume["plain"]
        shown = (await bot.press("fd:r"))[-1]
        assert "1. 테스트 창업보육센터" in shown["plain"]
        await bot.press("al:p:incubator")
        mydata = (await bot.command("/mydata"))[0]["plain"]
        assert "• 지원사업 찾기 답변: 예비창업자 · 만 18~29세 · 창원 · ICT · 공간" in mydata
        assert "• 접수 알림 신청: 테스트 창업보육센터" in mydata
        await bot.command("/forget")
        await bot.press("pv:forget:yes")
        assert finder.FINDER not in bot.app.user_data.get(USER, {})
        await bot.app.update_persistence()
        # ended (python-telegram-bot keeps an ended conversation's key with None)
        assert (await bot.app.persistence.get_conversations(finder.CONVERSATION_NAME)).get((USER, USER)) is None
        assert b"pre_founder" not in finder_settings.state_path.read_bytes()
        mydata = (await bot.command("/mydata"))[0]["plain"]
        assert "지원사업 찾기" not in mydata and "접수 알림" not in mydata
        again = (await bot.command("/finder"))[0]
        assert "어떤 분이신가요?" in again["plain"]  # asked afresh


async def test_an_old_finder_button_gets_a_polite_answer(finder_bot):
    await answer_all(finder_bot, "who:student", "age:18-29", "region:other", "field:other", "need:training")
    await finder_bot.command("/finder")
    await finder_bot.press("fd:new")  # answering afresh
    await finder_bot.press("fd:w:not-a-program")
    assert finder_bot.api.answers[-1]["text"] == "이 버튼은 지난 질문의 것입니다. /finder 로 다시 시작해 주세요."


async def test_english(finder_bot):
    first = (await finder_bot.command("/finder", lang="en"))[0]
    assert "Which describes you best?" in first["plain"]
    for data in ("fd:a:who:sme", "fd:a:size:medium", "fd:a:region:changwon", "fd:a:field:manufacturing"):
        await finder_bot.press(data, lang="en")
    text = (await finder_bot.press("fd:a:need:funding", lang="en"))[-1]["plain"]
    assert "Programs that fit SME or mid-sized company · Medium-sized · Changwon · Manufacturing · Funding" in text
    assert "SME or mid-sized company ✔ · based in Changwon ✔ · Small business·Medium-sized ✔" in text

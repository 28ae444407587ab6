"""Answers typed under the finder's question on screen (handlers/finder_typed.py), through the real
Application, the in-process Bot API, a real SQLite store and the finder's test knowledge: a place (`2`,
`두번째`, `the second one`), a button's label or what it says of the person (`예비창업자요`, `창업 2년차요`,
`25살`), skip and back in words, `네`/`아니요` under "search with these again?", and a question under the
finder's question answered as a question."""
from __future__ import annotations

from conftest import button_data
from finder_fixtures import clock, finder_bot, finder_kb, finder_settings, kst, open_bot  # noqa: F401
from handlers import finder

USER = 1001


def _answers(bot) -> dict:
    return bot.app.user_data[USER][finder.FINDER]


async def test_a_place_typed_answers_the_question_as_its_button(finder_bot):
    await finder_bot.command("/finder")
    years = await finder_bot.say("2")
    assert len(years) == 1 and years[0]["method"] == "sendMessage"
    assert "창업하신 지 얼마나" in years[0]["plain"] and "지금까지: 창업기업" in years[0]["plain"]
    age = (await finder_bot.say("두번째요"))[0]
    assert "나이(만 나이)" in age["plain"] and "업력 1~3년" in age["plain"]
    await finder_bot.say("마지막 거")
    assert _answers(finder_bot)["answers"] == {"who": "startup", "years": "1-3", "age": "50+"}
    # a typed answer is no question: nothing logged as matched
    assert finder_bot.last_enquiry()["kind"] is None


async def test_a_label_or_what_it_says_of_the_person_answers_it(finder_bot):
    await finder_bot.command("/finder")
    age = (await finder_bot.say("예비창업자요"))[0]
    assert "지금까지: 예비창업자" in age["plain"] and "나이(만 나이)" in age["plain"]
    assert "예비창업자 지원" not in age["plain"]  # not a program's card
    region = (await finder_bot.say("25살이에요"))[0]
    assert "사업장" in region["plain"] and "만 18~29세" in region["plain"]
    await finder_bot.say("창원이요")
    await finder_bot.say("제조업입니다")
    results = (await finder_bot.say("멘토링·애로요"))[-1]
    assert "조건 하나가 맞지 않는 사업" in results["plain"] or "조건에 맞는 지원사업" in results["plain"]
    assert _answers(finder_bot)["answers"] == {"who": "pre_founder", "age": "18-29", "region": "changwon",
                                              "field": "manufacturing", "need": "mentoring"}


async def test_more_than_the_question_asked_fills_the_later_steps(finder_bot):
    await finder_bot.command("/finder")
    age = (await finder_bot.say("창업 2년차 제조업이요"))[0]
    assert "나이(만 나이)" in age["plain"]
    assert _answers(finder_bot)["answers"] == {"who": "startup", "years": "1-3", "field": "manufacturing"}
    # ◀ 이전 goes back past what was said with it, to the question asked
    back = (await finder_bot.say("이전"))[0]
    assert "창업하신 지 얼마나" in back["plain"]


async def test_skip_and_english(finder_bot):
    await finder_bot.command("/finder", lang="en")
    years = (await finder_bot.say("the second one", lang="en"))[0]
    assert "How long ago" in years["plain"]
    age = (await finder_bot.say("skip", lang="en"))[0]
    assert "How old are you?" in age["plain"]
    assert _answers(finder_bot) == {"answers": {"who": "startup"}, "asked": ["who", "years"]}
    await finder_bot.say("건너뛸게요")
    assert _answers(finder_bot)["asked"] == ["who", "years", "age"]


async def test_a_place_beyond_the_answers_or_a_yes_asks_again(finder_bot):
    await finder_bot.command("/finder")
    again = (await finder_bot.say("9번"))[0]
    assert "이 질문의 답은 6가지입니다" in again["plain"] and "어떤 분이신가요?" in again["plain"]
    assert "fd:a:who:student" in button_data(again)
    yes = (await finder_bot.say("네"))[0]
    assert "6가지 중에서 골라 주세요" in yes["plain"]
    assert (await finder_bot.say("6"))[0]["plain"].count("지금까지: 대학생") == 1


async def test_a_question_under_the_finder_is_answered_as_a_question(finder_bot):
    await finder_bot.command("/finder")
    card = (await finder_bot.say("테스트 창업수당 신청은 어떻게 하나요?"))[0]
    assert card["plain"].startswith("테스트 창업수당")
    assert finder_bot.last_enquiry()["item_id"] == "founder-allowance"
    assert _answers(finder_bot) == {"answers": {}, "asked": []}
    # the card came after the question: `2` is no longer its answer
    await finder_bot.say("2")
    assert _answers(finder_bot) == {"answers": {}, "asked": []}


async def test_a_list_shown_after_the_question_is_what_a_place_picks(finder_bot):
    await finder_bot.command("/finder")
    await finder_bot.command("/programs")
    await finder_bot.say("2")
    assert _answers(finder_bot) == {"answers": {}, "asked": []}


async def test_yes_or_no_under_search_with_these_again(finder_bot):
    await finder_bot.command("/finder")
    for data in ("fd:a:who:startup", "fd:a:years:1-3", "fd:a:age:30-34", "fd:a:region:changwon",
                 "fd:a:field:manufacturing", "fd:a:need:funding"):
        await finder_bot.press(data)
    resume = (await finder_bot.command("/finder"))[0]
    assert "이 조건으로 다시 찾아볼까요?" in resume["plain"]
    results = (await finder_bot.say("네"))[0]
    assert "1. 테스트 창업수당" in results["plain"]
    await finder_bot.command("/finder")
    first = (await finder_bot.say("아니요"))[0]
    assert "어떤 분이신가요?" in first["plain"] and "질문 1/" in first["plain"]
    assert _answers(finder_bot) == {"answers": {}, "asked": []}

"""/finder through the real Application over the frozen knowledge (tests/data/frozen): what an answer
surely is too (a start-up is an SME: intents/lexicon/asker.yaml `is_also`), and a program named for a sector
the person said is not theirs is a miss with its reason, not "확인 필요" (handlers/finder_cards.py)."""
from __future__ import annotations

from conftest import button_data, buttons
from handlers import callback_data as cb
from handlers import cards
from handlers.finder_cards import encode_profile
from knowledge.eligibility import Profile

STARTUP_MAKER = ("who:startup", "years:0-1", "age:18-29", "region:changwon", "field:manufacturing", "need:funding")


async def answer_all(bot, *answers: str) -> dict:
    """/finder, then each answer ("who:startup") pressed in turn; the results."""
    sent = await bot.command("/finder")
    if "fd:new" in button_data(sent[-1]):  # a profile kept from before: start over
        sent = await bot.press("fd:new")
    for choice in answers:
        step, value = choice.split(":")
        sent = await bot.press(f"fd:a:{step}:{value}")
    return sent[-1]


async def test_a_start_up_meets_a_condition_for_smes(bot, kb):
    result = await answer_all(bot, *STARTUP_MAKER)
    text = result["plain"]
    lines = text.splitlines()
    name = kb.program("test-certification").name.get("ko")
    at = next(i for i, line in enumerate(lines) if name in line)
    assert lines[at].startswith(("1. ", "2. ", "3. ", "4. ", "5. ", "6. "))  # among the programs that fit
    assert "중소·중견기업 ✔" in lines[at + 1] and "중소·중견기업 ✘" not in text
    # the start-up's own programs come before those for every SME
    assert text.index(kb.program("c-bluewing-fund").name.get("ko")) < text.index(name)
    why = (await bot.press("fd:w:test-certification"))[-1]
    assert "중소·중견기업 ✔" in why["plain"]


async def test_a_program_named_for_another_sector_is_a_miss_with_its_reason(bot, kb):
    result = await answer_all(bot, *STARTUP_MAKER)
    text = result["plain"]
    name = kb.program("defense-tech").name.get("ko")
    assert not any(name in line and "확인 필요" in line for line in text.splitlines())  # not "to be checked"
    why = (await bot.press("fd:w:defense-tech"))[-1]
    assert why["plain"].startswith(name) or name in why["plain"]
    assert "방산" in why["plain"] and "✘" in why["plain"]
    # the same program is no miss for a defence maker: it stays one to check
    other = await answer_all(bot, "who:startup", "years:0-1", "age:18-29", "region:changwon", "field:defense",
                             "need:funding")
    assert ("📄 " + name, "p:defense-tech") in buttons(other)


async def test_a_loan_question_gets_what_answers_loans_not_the_whole_startup_list(bot, kb):
    """`창업자금대출 받을수있나` asks whether they may (the finder's route) about a loan: narrower than the
    startup area, so the matcher's offer (the funding FAQ, the loan-guarantee referral) stands."""
    reply = (await bot.say("창업자금대출 받을수있나"))[0]
    assert not reply["plain"].startswith("창업 분야 사업")
    data = button_data(reply)
    assert not [d for d in data if d.startswith("p:")]  # no program of the startup area listed
    assert {"f:startup-funding", "r:ref-gnsinbo"} & set(data)
    assert "fd:" in " ".join(data)  # the finder is still offered under it
    listed = (await bot.say("창업 지원 받을 수 있나요?"))[0]  # the area alone still gets its list
    assert listed["plain"].startswith("창업 분야 사업")


STUDENT = ("who:student", "age:18-29", "region:changwon", "field:ict")


async def test_a_student_may_be_a_pre_founder_to_be_checked_never_a_sure_fit(bot, kb):
    """A new user's test (tester5): a 대학생 in a start-up club found nothing, and 예비창업자 지원 was never
    offered. A student may be founding (asker.yaml `may_be`): a pre-founder's program is listed with
    `예비창업자 ?`, never ✔, and the results offer to search again as a pre-founder."""
    name = kb.program("pre-founder").name.get("ko")
    mentoring = (await answer_all(bot, *STUDENT, "need:mentoring"))["plain"]
    line = next(i for i, text in enumerate(mentoring.splitlines()) if name in text)
    assert "예비창업자 ? · 교육·멘토링·애로 지원 ✔" in mentoring.splitlines()[line + 1]
    assert "예비창업자 ✔" not in mentoring
    funding = await answer_all(bot, *STUDENT, "need:funding")
    text = funding["plain"]
    assert "조건에 모두 맞는 사업을 찾지 못했습니다" in text
    assert f"• {name}\n예비창업자 ? · 교육·멘토링·애로 지원 ✘" in text  # a close miss, on the need only
    # a company's program without criteria is no close miss for a student (it was: 방산·항공 분야 ✘)
    assert kb.program("defense-tech").name.get("ko") not in text
    assert "예비창업자에도 해당하시면" in text
    again = (await bot.press("fd:a:who:pre_founder"))[-1]["plain"]
    assert again.startswith("예비창업자 · 만 18~29세 · 창원 · ICT · 자금")
    assert "예비창업자 ✔ · 교육·멘토링·애로 지원 ✘" in again


async def test_a_job_seeker_gets_no_founder_maybe(bot, kb):
    text = (await answer_all(bot, "who:job_seeker", "age:18-29", "region:changwon", "field:ict",
                             "need:mentoring"))["plain"]
    assert kb.program("pre-founder").name.get("ko") not in text and "해당하시면" not in text


async def test_a_fallback_with_the_finder_offered_has_one_finder_button(bot, texts):
    """A new user's test (tester5): the fallback under a long question showed two finder buttons (the menu's
    `🔎 나에게 맞는 사업 찾기` and the offer `🔎 내 조건에 맞는 사업 찾기`); the offer, which carries what the
    question said, replaces the menu's."""
    (reply,) = await bot.say("창원 성산구 자동화설비 제조업체(직원 60명) 인사담당자입니다. 올해 신입 채용이랑 직원 교육 "
                             "관련해서 받을 수 있는 지원이 있을까요?")
    finders = [d for d in button_data(reply) if d.startswith("fd:")]
    assert len(finders) == 1  # whatever the matcher answers it with: never two ways into the finder
    # the fallback's menu: its finder button is the offer's, the rest stays
    offer = [cards.button(texts.get("finder.offer", "ko"), f"fd:o:{encode_profile(Profile(who='sme'))}")]
    card = cards.with_row(cards.menu_card(texts, "ko"), offer, replacing=cb.FINDER)
    data = button_data({"reply_markup": card[1].to_dict()})
    assert [d for d in data if d.startswith("fd:")] == ["fd:o:2------"]
    assert "b:areas" in data and "fu:start" in data

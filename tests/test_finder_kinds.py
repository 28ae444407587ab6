"""/finder through the real Application over the frozen knowledge (tests/data/frozen): what an answer
surely is too (a start-up is an SME: intents/lexicon/asker.yaml `is_also`), and a program named for a sector
the person said is not theirs is a miss with its reason, not "확인 필요" (handlers/finder_cards.py)."""
from __future__ import annotations

from conftest import button_data, buttons

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

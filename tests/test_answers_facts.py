"""When the bot understands, its answer says what was asked (issue #7, tester8's "worst problems" 5, 8, 10).

Through the real Application, the matcher and the frozen copy of the shipped knowledge: the program's
sentence that writes the question's own words (총사업비, 착공, 보고서 공개) or states the kind of fact asked (an
amount, a date, a place, a country) is shown whichever part of the program it sits in; a part's first
sentence is never cut in the middle; a question about a fund's size is not told that what one receives is
not given; `어디서 해요` of an event asks where it is held, not how to apply. Layout: docs/answers.md.
"""
from __future__ import annotations

import pytest

from handlers import facts
from handlers.texts import Texts
from intents.matcher import Matcher
from knowledge.model import KnowledgeBase

FOUND_KO = "문의하신 내용은 이 사업 안내에 이렇게 나와 있습니다."


async def test_a_figure_in_the_summary_answers_a_question_read_as_the_support_part(bot) -> None:
    # 사업비 asks the support part; the support text holds neither the cost nor the start, the summary both.
    (card,) = await bot.say("액화수소 플랜트 총사업비랑 착공일")
    text = card["plain"]
    assert "지원내용" in text.splitlines()[1]
    fact = "• 2021년 7월 28일 착공했고, 총사업비는 950억 원(민간 680억 원)입니다."
    assert FOUND_KO in text and fact in text
    # the fact first, then the part asked, introduced as that
    assert text.index(fact) < text.index("참고로 이 사업의 지원내용 안내는 다음과 같습니다.") \
        < text.index("2023년 기준 진흥원의 수소 사업은")


async def test_the_size_of_a_program_asked_in_one_word(bot) -> None:
    (card,) = await bot.say("수소에너지 순환시스템 실증사업 규모")
    assert "약 900억 원이 들어가는 사업이었습니다" in card["plain"]


async def test_a_sentence_behind_a_parts_first_one_is_shown_when_it_is_what_was_asked(bot) -> None:
    (card,) = await bot.say("which countries were the buyers from?", lang="en")
    lines = [line for line in card["plain"].splitlines() if line.startswith("• Support")]
    assert len(lines) == 1 and "Indonesia, Thailand and Vietnam" in lines[0]
    assert lines[0].startswith("• Support: Overseas buyers are invited or matched")  # its first sentence first
    (card,) = await bot.say("연구 보고서는 공개됩니까")
    assert "보고서 공개 여부는 이 안내에 없습니다." in card["plain"]  # the honest "not in this guide", written there


async def test_a_card_that_already_says_it_adds_nothing(bot) -> None:
    (card,) = await bot.say("예비창업자 지원 알려주세요")
    assert FOUND_KO not in card["plain"]
    (card,) = await bot.say("성과공유회는 올해 어디서 해요")  # the place is in the period text shown
    text = card["plain"]
    assert text.splitlines()[1] == "일정" and "창원컨벤션센터에서 열렸고" in text
    assert FOUND_KO not in text and "신청방법" not in text  # not how to apply: where it is held


async def test_a_funds_size_asked_gets_no_line_about_what_one_receives(bot) -> None:
    (card,) = await bot.say("라이콘 투자조합은 얼마 규모예요")
    text = card["plain"]
    assert "2호(200억 원)" in text and "4호는 30억 원 규모" in text
    assert "받을 수 있는 금액은 안내에 나와 있지 않습니다" not in text


async def test_a_total_cost_asked_is_found_outside_the_support_text(bot) -> None:
    # 사업비 asks the whole: the summary's total cost answers it, though the support text states no amount and
    # the analyser reads 사업비 and 총사업비 apart (tester11: "지원 금액은 안내에 나와 있지 않습니다" instead)
    fact = "• 2021년 7월 28일 착공했고, 총사업비는 950억 원(민간 680억 원)입니다."
    for question in ("액화수소 플랜트 사업비 얼마예요?", "하이창원 액화수소 플랜트 사업비"):
        (card,) = await bot.say(question)
        assert FOUND_KO in card["plain"] and fact in card["plain"], question
        assert "지원 금액은 안내에 나와 있지 않습니다" not in card["plain"], question


async def test_a_total_cost_is_no_answer_to_how_much_one_receives(bot) -> None:
    (card,) = await bot.say("액화수소 플랜트 얼마나 받을 수 있어요")
    text = card["plain"]
    assert "지원 금액은 안내에 나와 있지 않습니다" in text
    assert "총사업비" not in text and FOUND_KO not in text


def test_found_keeps_to_the_programs_own_sentences(kb: KnowledgeBase, matcher: Matcher) -> None:
    reader = facts.Reader.of(matcher)
    assert facts.Reader.of(matcher) is reader  # built once per matcher
    program = kb.program("liquid-hydrogen")
    support = program.aspect("support").get("ko")
    found = facts.found("총사업비 얼마예요", program, "ko", reader, [support])
    assert [f.section for f in found] == [""] and "950억 원" in found[0].sentence
    assert facts.found("총사업비 얼마예요", program, "ko", reader, [program.summary.get("ko")]) == []  # shown
    assert facts.found("알려주세요", program, "ko", reader, [support]) == []  # nothing asked


@pytest.mark.parametrize("question, kinds", [
    ("성과공유회 어디서 해요", ("place",)),
    ("신청은 어디서 해요", ()),  # where to apply: an application's question
    ("총사업비 얼마예요", ("amount",)),
    ("몇 명 뽑아요", ("count",)),
    ("착공일이 언제예요", ("date",)),
    ("바이어는 어느 나라였어요", ("country",)),
    ("which countries were the buyers from?", ("country",)),
    ("where do I apply", ()),
])
def test_the_kind_of_fact_asked(question: str, kinds: tuple[str, ...]) -> None:
    assert facts.asked_kinds(question) == kinds


def test_every_shipped_card_keeps_under_telegrams_limit(shipped_kb: KnowledgeBase, texts: Texts) -> None:
    from handlers.cards import program_card
    from intents.matcher import Matcher as Shipped

    reader = facts.Reader.of(Shipped(shipped_kb))
    for program in shipped_kb.programs:
        for aspect in ("", *program.aspects):
            for lang, question in (("ko", "언제 어디서 얼마 규모로 몇 명이 어느 나라에서 했어요"),
                                   ("en", "when and where, how much, how many and which countries")):
                text, _ = program_card(program, texts, lang, aspect=aspect, question=question, reader=reader)
                assert len(text) < 4096, (program.id, aspect, lang)


async def test_how_many_is_answered_by_a_number_of_people_not_by_one_per_hire(bot) -> None:
    # `청년 1명당` in the support text is an amount per hire, no number of people: the summary's count is shown.
    (card,) = await bot.say("지역주도형 청년일자리 몇 명 뽑아요")
    text = card["plain"]
    assert FOUND_KO in text and "117개 기업이 청년 146명을 채용했고" in text
    assert text.index("146명") < text.index("청년 1명당")

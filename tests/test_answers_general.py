"""Answers that help where the knowledge is thin (a new user's test, tester4: problems 6, 7 and 10).

Through the real Application, the frozen copy of the shipped knowledge, and knowledge written here:
- a part a program does not write (`군납 하려면 어떻게 해야되나요`) gives the program's own facts first, then the
  knowledge base's general answer for that part, said to be general; the FAQ is found by its structure
  (about no program, every question asking that part), so another agency's knowledge base works the same;
  without one, the facts still come first and the "not prepared" sentence last;
- a follow-up asking how much (`그거 얼마나 받을수 있어요?`) or whether it is free (`is it free?`) where the
  texts do not say is told so, with the general answer about costs;
- texts people read hold no notes to editors, and `check` warns about such notes in any knowledge base.
Layout and figures: docs/answers.md.
"""
from __future__ import annotations

import io
from pathlib import Path

from conftest import FROZEN_INTENTS, ROOT, buttons, write_knowledge
from handlers import cards, gist
from handlers.texts import Texts
from intents.matcher import Matcher
from knowledge.check import run_check
from knowledge.editorial import editorial_warnings, is_note
from knowledge.loader import load_or_raise
from knowledge.model import KnowledgeBase

APOLOGY = "아직 준비되지 않았습니다"


def paragraphs(card: dict) -> list[str]:
    return card["plain"].split("\n\n")


# -- 1. a part not written: the facts, then the general way ------------------------------------------

async def test_how_to_apply_for_a_program_without_it_gives_its_facts_then_the_general_way(bot, kb) -> None:
    (card,) = await bot.say("군납 하려면 어떻게 해야되나요")
    program = kb.program("defense-market")
    assert program.name.get("ko") in paragraphs(card)[0] and program.aspect("apply") is None
    text = card["plain"]
    assert APOLOGY not in text
    assert paragraphs(card)[1] == program.summary.get("ko")  # its own facts first, not an apology
    intro = text.index("창원산업진흥원 지원사업에 공통으로 안내된 신청 방법을 알려 드립니다(2025년 12월 기준).")
    general = text.index("진흥원 지원사업은 보통 사업별 모집 공고가 진흥원 누리집(cwip.or.kr)에 올라오면")
    assert text.index(program.summary.get("ko")) < intro < general
    assert "사업 이름을 적어 주시면" not in text  # the FAQ's invitation to type a name: not inside a card
    assert "이 사업에 그대로 해당하는지는 최신 공고에서 확인하시거나 🙋 담당자 버튼으로 문의해 주세요." in text
    assert "🙋 담당자" in [label for label, _ in buttons(card)]


async def test_in_english_the_general_way_is_labelled_as_general(bot) -> None:
    (card,) = await bot.say("how do I apply for the defense market opening program", lang="en")
    text = card["plain"]
    assert "section for this program yet" not in text
    assert ("This guide has no section on how to apply for this program; this is how to apply for "
            "Changwon Industry Promotion Agency's programs in general (as of December 2025):") in text
    assert "For the agency's programs, apply once the program's call (공고) is posted" in text
    assert "Type the name of a program" not in text


async def test_without_a_general_answer_the_facts_come_first_and_the_gap_last(tmp_path, make_bot) -> None:
    kb = write_knowledge(tmp_path, """
programs:
  - id: drone-school
    name: {ko: 드론 교육, en: Drone school}
    summary: {ko: 드론 조종 교육을 합니다., en: Drone piloting courses.}
    eligibility: {ko: 창원 시민이 대상입니다., en: For Changwon residents.}
    questions: [드론 교육 있나요]
faqs:
  - id: drone-apply-faq
    questions: [드론 교육 신청은 어떻게 해요, 드론 교육 신청 방법, 드론 교육 어디서 신청]
    answer: {ko: 드론 교육은 구청에서 신청합니다., en: Apply at the district office.}
    programs: [drone-school]
""")
    assert gist.general_faqs(kb, Matcher(kb).talk.faq_aspects) == {}  # an FAQ about one program is not general
    async with make_bot(kb) as bot:
        (card,) = await bot.say("드론 교육 일정 알려주세요")
        parts = paragraphs(card)
        assert parts[1] == "드론 조종 교육을 합니다."
        assert parts[-1] == "이 사업의 일정 안내는 아직 준비되지 않았습니다. 최신 공고에서 확인해 주세요."


def test_the_general_answers_are_found_by_structure_in_another_agencys_knowledge(texts: Texts) -> None:
    alt = load_or_raise(ROOT / "tests/data/alt/knowledge", FROZEN_INTENTS)
    found = gist.general_faqs(alt, Matcher(alt).talk.faq_aspects)
    assert {aspect: faq.id for aspect, faq in found.items()} == {
        "apply": "how-to-apply", "period": "deadlines", "contact": "phone-number", "cost": "self-funding"}
    program = next(p for p in alt.programs if p.aspect("apply") is None)
    text, _ = cards.program_card(program, texts, "ko", aspect="apply", general=found)
    assert "저희 기관 지원사업에 공통으로 안내된 신청 방법" in text  # no agency: named as such
    assert found["apply"].answer.get("ko").split(". ")[0] in text and APOLOGY not in text


# -- 2. how much, and is it free --------------------------------------------------------------------

async def test_how_much_after_a_card_says_the_amount_is_not_stated(bot, kb) -> None:
    await bot.say("예비창업자 지원 자격이 어떻게 되나요")
    (card,) = await bot.say("그거 얼마나 받을수 있어요?")
    parts = paragraphs(card)
    # its only amount (1억) is the government package's, which the text says is not the agency's: said so
    assert parts[1] == ("이 사업으로 기업이나 개인이 받을 수 있는 금액은 안내에 나와 있지 않습니다. 안내에 나오는 금액은 "
                        "진흥원 사업이 아닌 다른 기관 사업의 금액입니다. 정확한 내용은 🙋 담당자 버튼으로 문의해 주세요.")
    assert "참고로 이 사업의 지원내용 안내는 다음과 같습니다." in parts
    # the support text is shown
    assert kb.program("pre-founder").aspect("support").get("ko") in parts
    (card,) = await bot.say("해외지사화 지원금 얼마예요")  # an amount the texts give (참가비의 80%): as always
    assert "안내에 나와 있지 않습니다" not in card["plain"] and "80%" in card["plain"]


async def test_how_much_of_a_program_whose_amounts_are_fund_sizes_says_what_they_are(bot, kb) -> None:
    """A new user's test (tester5): `얼마나 받을수 있어요?` on 초기 창업기업 성장 지원 showed "C-블루윙 펀드
    2호(200억 원 규모) ... 30억 원 이상 투자 ... 정부 초기창업패키지(최대 1억 원 ...)" with nothing saying that
    none of it is what the asker gets. Now the card says so, and what the amounts are."""
    await bot.say("초기 창업기업 성장 지원 알려주세요")
    (card,) = await bot.say("얼마나 받을수 있어요?")
    parts = paragraphs(card)
    assert parts[1].startswith("이 사업으로 기업이나 개인이 받을 수 있는 금액은 안내에 나와 있지 않습니다.")
    assert "펀드나 사업 전체의 규모(투자 목표 등), 또는 진흥원 사업이 아닌 다른 기관 사업의 금액" in parts[1]
    assert kb.program("early-startup").aspect("support").get("ko") in parts  # then the text, as it is
    (card,) = await bot.say("how much can a company get from the C-Bluewing fund?", lang="en")
    assert paragraphs(card)[1].startswith("This guide does not say how much a company or person receives")
    assert "the size of a fund or of the program as a whole" in paragraphs(card)[1]
    # an amount one receives (기업당 한도 100만 원, 50%) is as always
    (card,) = await bot.say("시험 인증 수수료 지원 얼마나 받아요?")
    assert "안내에 나와 있지 않습니다" not in card["plain"] and "100만 원" in card["plain"]


def test_amounts_of_a_whole_and_of_another_body_are_no_amount_received(kb: KnowledgeBase) -> None:
    assert gist.amounts_stated(kb.program("early-startup")) == {"whole", "other"}
    assert gist.amounts_stated(kb.program("c-bluewing-fund")) == {"whole"}
    assert gist.amounts_stated(kb.program("pre-founder")) == {"other"}
    assert "each" in gist.amounts_stated(kb.program("strong-sme"))  # 사업 예산 beside 기업당 한도: received
    assert "each" in gist.amounts_stated(kb.program("test-certification"))


async def test_how_much_do_i_pay_asks_a_cost_not_an_amount_received(bot) -> None:
    """`얼마 내야돼요?` under 창업 보육 got "지원 금액은 안내에 나와 있지 않습니다": what he gets, not what he pays."""
    await bot.say("창업 보육 알려주세요")
    (card,) = await bot.say("얼마 내야돼요?")
    assert paragraphs(card)[1].startswith("이 사업에 참가 비용이 드는지, 무료인지는 이 사업 안내에 나와 있지 않습니다.")
    assert "지원 금액" not in card["plain"] and "받을 수 있는 금액" not in card["plain"]


def test_how_long_is_no_amount(kb: KnowledgeBase) -> None:
    program = kb.program("pre-founder")
    assert gist.gaps("그거 얼마나 받을수 있어요?", program, "support").amount
    assert not gist.gaps("지원 기간은 얼마나 돼요", program, "support").amount
    assert not gist.gaps("얼마나 걸려요", program, "period")
    assert not gist.states_amount(kb.program("trade-mission"))  # 968만 5천 달러 of deals: no support in won
    assert gist.states_amount(kb.program("jinhae-knowledge-center"))  # 임대료는 민간의 절반 수준


async def test_is_it_free_after_a_card_says_the_cost_is_not_stated_with_the_general_answer(bot) -> None:
    await bot.say("job matching how to apply", lang="en")
    (card,) = await bot.say("is it free?", lang="en")
    text = card["plain"]
    assert paragraphs(card)[1] == ("This guide does not say whether this program costs anything or is free. "
                                   "Please press 🙋 Staff to ask our staff.")
    assert "On costs, the guide says this of Changwon Industry Promotion Agency's programs in general" in text
    assert "It depends on the program." in text
    assert 'no "Support" section' not in text
    assert "For reference, this is what the guide says about this program:" in text
    (card,) = await bot.say("해외지사화 무료인가요?")  # a cost the texts state (참가비의 80%): as always
    assert "무료인지는" not in card["plain"] and "80%" in card["plain"]


def test_a_story_before_the_question_asks_no_cost(kb: KnowledgeBase) -> None:
    program = kb.program("worker-training")
    assert gist.gaps("재직자 교육 무료인가요?", program, "support").cost
    assert not gist.gaps("교육비가 만만치 않네요. 재직자 교육 무료 여부보다 신청은 어떻게 하나요?", program, "apply")
    assert not gist.gaps("교육비가 만만치 않네요. 재직자 교육은 뭘 지원해 주나요?", program, "support").cost
    # what follows the question still says what is asked
    assert gist.gaps("무역사절단 지원되나요? 항공료 같은거", kb.program("trade-mission"), "support").details


# -- 3. no notes to editors --------------------------------------------------------------------------

def test_shipped_texts_hold_no_notes_to_editors(shipped_kb: KnowledgeBase, kb: KnowledgeBase, texts: Texts) -> None:
    assert editorial_warnings(shipped_kb) == []
    assert [r.id for r in shipped_kb.referrals] == [r.id for r in kb.referrals]  # every id kept
    assert all(r.url or r.contact for r in shipped_kb.referrals)
    for referral in shipped_kb.referrals:
        for lang in ("ko", "en"):
            text, _ = cards.referral_card(referral, texts, lang)
            body = text.rsplit("\n\n", 1)[0] if "ℹ️" in text else text  # the ℹ️ line names the sources
            for note in ("출처가 없어", "싣지 않았", "미상", "not yet confirmed", "year not given", "(2014년 기준)"):
                assert note not in body, (referral.id, lang, note)


def test_check_warns_about_a_note_to_editors_in_any_knowledge_base(tmp_path: Path, kb: KnowledgeBase) -> None:
    assert len(editorial_warnings(kb)) == 8  # the frozen copy holds the old referrals' notes
    write_knowledge(tmp_path, """
programs:
  - id: drone-school
    name: {ko: 드론 교육, en: Drone school}
    summary: {ko: "드론 교육을 합니다(2024년 기준).", en: Drone courses (as of 2024).}
    contact: {ko: "구청 (전화번호는 확인된 출처가 없어 싣지 않았습니다)", en: The district office (number unconfirmed)}
    questions: [드론 교육 있나요]
    source: [https://example.org/drone]
""")
    out = io.StringIO()
    assert run_check(tmp_path / "knowledge", tmp_path / "intents", out=out) == 0  # a warning, not an error
    lines = [line for line in out.getvalue().splitlines() if "note to editors" in line]
    assert len(lines) == 2 and all("program 'drone-school'" in line for line in lines)
    assert "(전화번호는 확인된 출처가 없어 싣지 않았습니다)" in lines[0] and "(number unconfirmed)" in lines[1]
    assert not is_note("2024년 기준") and not is_note("as of 2024")  # a date in brackets is no note

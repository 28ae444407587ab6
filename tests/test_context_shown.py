"""Follow-ups that keep the thread when they carry a topic word of their own (#7, helper follow2;
intents/followups.py `shown_fits`, `also_them`, `faq_aspect`, intents/context.py `related_programs`):

- the card just shown wins a follow-up whose topic words it writes, every one, about as well as the item the
  matcher chose (a sibling program, a program sharing one word with a referral, a statistics FAQ);
- `X도 돼요?` right after a card asks whether it takes X too: its eligibility;
- after an FAQ that names programs, the general how-to-apply answer stands in for those programs, and the bot
  asks which of them (their buttons), not which area;
- two particles after a known word (`성과는요`) leave the word, not a syllable of it.

Lexical mode through the frozen knowledge (the `matcher` fixture), knowledge written here, and the real
python-telegram-bot Application serving the Bot API in-process (the `bot` fixture)."""
from __future__ import annotations

import time
from pathlib import Path

from conftest import after, answer_after, write_knowledge
from intents.context import MatchContext, context_after
from intents.matcher import Matcher



def test_a_sibling_program_does_not_take_a_question_the_card_shown_answers(matcher: Matcher) -> None:
    # Alone, the aerospace hiring programme's name holds 채용 and leads (though, naming no 항공, it is no answer:
    # intents/specialised.py kind_first); its sibling's card, just shown, writes 채용 (in its texts), 청년 and 혜택
    # too: the question is about that card.
    question = "채용된 청년에게 주는 혜택도 있습니까"
    assert answer_after(matcher, question)[1] != "quality-jobs"
    assert answer_after(matcher, question, "quality-jobs") == ("answer", "quality-jobs", "support")


def test_the_thread_then_stays_on_the_card_shown(matcher: Matcher) -> None:
    context = None
    for text in ("지역주도형 청년일자리사업은 1인당 얼마 지원됩니까", "채용된 청년에게 주는 혜택도 있습니까"):
        context = context_after(matcher.match(text, context=context), matcher, context, text)
    decision = matcher.match("신청은 어떻게 합니까", context=context)
    assert (decision.id, decision.aspect) == ("quality-jobs", "apply")


def test_a_referral_shown_keeps_a_question_in_its_words(matcher: Matcher) -> None:
    # 보증 is the guarantee foundation's and an SME programme's (a guarantee fee, once); 상담 is the referral's.
    assert answer_after(matcher, "보증 상담은 어디서 받아요")[1] != "ref-gnsinbo"
    assert answer_after(matcher, "보증 상담은 어디서 받아요", "ref-gnsinbo")[:2] == ("answer", "ref-gnsinbo")


def test_an_faq_shown_keeps_a_question_only_it_writes_the_topic_of(matcher: Matcher) -> None:
    # The FAQ on joining as an expert says how many experts take part; the statistics FAQ shares only 몇, 참여.
    assert answer_after(matcher, "지원단에는 전문가가 몇 명이나 참여하고 있습니까", "become-mentor")[:2] == \
        ("answer", "become-mentor")


def test_another_item_named_or_a_word_the_card_does_not_write_moves_on(matcher: Matcher) -> None:
    assert answer_after(matcher, "실업급여는 어디서 받아요?", "quality-jobs")[1] == "ref-work24"
    assert answer_after(matcher, "항공우주 청년인재 채용지원 혜택은요", "quality-jobs")[1] == "aerospace-youth-jobs"
    assert answer_after(matcher, "진흥원 전화번호 알려주세요", "ref-gnsinbo")[1] != "ref-gnsinbo"


def test_someone_said_with_do_asks_whether_the_card_takes_them_too(matcher: Matcher) -> None:
    assert answer_after(matcher, "고딩도 되는거임?") [0] != "answer"  # alone: a word the knowledge never uses
    assert answer_after(matcher, "고딩도 되는거임?", "job-matching") == ("answer", "job-matching", "eligibility")
    assert answer_after(matcher, "우리 같은 스타트업도 돼요?", "test-certification") == \
        ("answer", "test-certification", "eligibility")
    assert answer_after(matcher, "중소기업도 신청 가능해요?", "test-certification") == \
        ("answer", "test-certification", "eligibility")


def test_a_programme_named_with_do_is_that_programme(matcher: Matcher) -> None:
    assert answer_after(matcher, "수출상담회도 신청 가능해요?", "job-matching")[1] != "job-matching"


def test_a_general_how_to_apply_after_an_faq_naming_programs_offers_them(matcher: Matcher) -> None:
    faq = matcher.kb.get("startup-funding")
    decision = matcher.match("how do we apply?", context=after("startup-funding"))
    assert (decision.kind, decision.aspect) == ("suggest", "apply")
    assert [c.id for c in decision.candidates] == list(faq.programs)[:3]
    assert matcher.match("how do we apply?").id == "how-to-apply"  # alone: the general answer


def test_two_particles_after_a_known_word_leave_the_word(matcher: Matcher) -> None:
    assert matcher.analyzer.analyze("성과는요").terms == ("성과",)
    assert matcher.analyzer.analyze("자격은요").terms == ("자격",)


def test_a_list_answered_with_its_own_word_picks_the_option_holding_it(matcher: Matcher) -> None:
    options = MatchContext(options=("support-results", "export-results"), options_at=time.time())
    assert matcher.match("수출 쪽 성과는요", context=options).id == "export-results"


SIBLINGS = """
area:
  id: jobs
  name: {ko: 일자리, en: Jobs}
programs:
  - id: city-jobs
    name: {ko: 도시 청년 일자리, en: City youth jobs}
    summary: {ko: 청년을 채용한 기업에 인건비를 지원합니다., en: Wages for companies hiring young people.}
    support: {ko: 채용된 청년에게 교통비와 주거비 혜택을 줍니다., en: Young hires get travel and housing benefits.}
    questions: [청년 일자리 인건비 지원, 청년 혜택은 뭐가 있나요]
  - id: ship-jobs
    name: {ko: 조선 청년 채용 지원, en: Shipbuilding youth hiring}
    summary: {ko: 조선 기업의 청년 채용을 지원합니다., en: Hiring young people in shipbuilding.}
    support: {ko: 채용 혜택으로 인건비를 줍니다., en: Wages as a hiring benefit.}
    questions: [조선 청년 채용 혜택]
"""


def test_the_card_shown_wins_over_its_sibling_in_written_knowledge(tmp_path: Path) -> None:
    matcher = Matcher(write_knowledge(tmp_path, SIBLINGS))
    question = "채용된 청년 혜택은요?"
    assert matcher.match(question).id == "ship-jobs"
    assert matcher.match(question, context=after("city-jobs")).id == "city-jobs"
    assert matcher.match("조선 청년 채용 혜택은요?", context=after("city-jobs")).id == "ship-jobs"


async def test_a_when_question_after_an_faq_asks_which_of_its_programs(bot, kb) -> None:
    # A new user's test (tester8): `그거 언제 신청해요?` after the office-space FAQ asked "which area?".
    faq = kb.get("office-space")
    await bot.say("창업 사무실 지원해 주나요")
    assert bot.last_enquiry()["item_id"] == faq.id
    sent = await bot.say("그거 언제 신청해요?")
    buttons = [b["text"] for row in sent[-1]["reply_markup"]["inline_keyboard"] for b in row]
    for program_id in faq.programs:
        assert kb.program(program_id).name.get("ko") in buttons
    assert not any(area.name.get("ko") in buttons for area in kb.areas)
    picked = await bot.say("두번째 거요")
    second = kb.program(faq.programs[1])
    assert second.name.get("ko") in picked[0]["plain"]
    assert (bot.last_enquiry()["item_id"], bot.last_enquiry()["aspect"]) == (second.id, "period")


async def test_the_card_shown_keeps_the_thread_through_the_application(bot, kb) -> None:
    await bot.say("지역주도형 청년일자리사업은 1인당 얼마 지원됩니까")
    await bot.say("채용된 청년에게 주는 혜택도 있습니까")
    assert (bot.last_enquiry()["item_id"], bot.last_enquiry()["aspect"]) == ("quality-jobs", "support")
    sent = await bot.say("신청은 어떻게 합니까")
    assert kb.program("quality-jobs").name.get("ko") in sent[0]["plain"]
    assert (bot.last_enquiry()["item_id"], bot.last_enquiry()["aspect"]) == ("quality-jobs", "apply")


def test_someone_asked_for_or_named_in_slang_is_who_asks(matcher: Matcher) -> None:
    # A nephew who lives elsewhere: the card's eligibility, not a new subject (조카는: a noun the knowledge never
    # uses, with a particle).
    assert answer_after(matcher, "조카는 진주 살아요 창원 안살아도 돼요?", "global-marketer") == \
        ("answer", "global-marketer", "eligibility")
    assert answer_after(matcher, "취준생도 신청 돼요?", "new-industry-youth-jobs") == \
        ("answer", "new-industry-youth-jobs", "eligibility")

"""Follow-ups that keep the thread (#7, intents/followups.py, options.py, context.py): a message about the
person or a detail (money, a place, an age, a status) is that aspect of the item just shown; a program named
outright moves on; after an FAQ pointing to several programs, the one whose words the question uses; asking
whether what was said is true stays with it; out-of-scope words stay out. Lexical mode through the frozen
knowledge (the `matcher` fixture), a knowledge base written here, and the real Application."""
from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from conftest import write_knowledge
from intents.context import MatchContext
from intents.matcher import Matcher


def _after(item_id: str) -> MatchContext:
    return MatchContext(item_id, time.time())


def _answer(matcher: Matcher, text: str, after: str) -> tuple[str, str | None, str | None]:
    decision = matcher.match(text, context=_after(after))
    return decision.kind, decision.id, decision.aspect


@pytest.mark.parametrize("last, text, aspect", [
    ("new-industry-youth-jobs", "돈 내야돼?", "support"),          # money: its support, not the funding FAQ
    ("pre-founder", "그거 지원금은 얼마예요?", "support"),
    ("worker-training", "돈 드나요?", "support"),
    ("job-matching", "does it cost money?", "support"),
    ("new-industry-youth-jobs", "나 거제 사는데 괜찮아?", "eligibility"),  # a place
    ("overseas-branch", "저희 회사 김해에 있는데 신청돼요?", "eligibility"),
    ("startup-incubation", "I live in Busan, can I apply?", "eligibility"),
    ("new-industry-youth-jobs", "졸업 전에도 돼?", "eligibility"),    # a status
    ("new-industry-youth-jobs", "졸업 안 했는데 돼요?", "eligibility"),
    ("pre-founder", "나이가 58인데 신청 가능한가요", "eligibility"),  # an age
    ("startup-incubation", "저 35살인데 괜찮나요?", "eligibility"),
])
def test_a_detail_with_an_aspect_is_that_aspect_of_the_last_program(matcher: Matcher, last: str, text: str,
                                                                     aspect: str) -> None:
    assert _answer(matcher, text, last) == ("answer", last, aspect)


@pytest.mark.parametrize("text", ["돈 내야돼?", "그거 지원금은 얼마예요?", "나 거제 사는데 괜찮아?"])
def test_without_a_program_just_shown_a_detail_is_not_captured(matcher: Matcher, text: str) -> None:
    decision = matcher.match(text)
    assert decision.id not in ("new-industry-youth-jobs", "pre-founder")


@pytest.mark.parametrize("last, text", [
    ("new-industry-youth-jobs", "창업 지원금 얼마예요?"),  # a topic of its own (창업): matched as usual
    ("worker-training", "수출상담회 비용 있어요?"),  # another program named
])
def test_a_detail_beside_a_topic_of_its_own_moves_on(matcher: Matcher, last: str, text: str) -> None:
    assert matcher.match(text, context=_after(last)).id != last


@pytest.mark.parametrize("last, text, expected, aspect", [
    ("trade-mission", "수출상담회참가신청", "export-consultation", "apply"),
    ("startup-incubation", "예비창업자지원신청방법", "pre-founder", "apply"),
    ("export-consultation", "사절단은언제가요", "trade-mission", "period"),
])
def test_a_program_named_as_typed_beats_the_context(matcher: Matcher, last: str, text: str, expected: str,
                                                    aspect: str) -> None:
    assert _answer(matcher, text, last) == ("answer", expected, aspect)
    assert _answer(matcher, "사절단 언제 가요", "trade-mission") == ("answer", "trade-mission", "period")  # its own


def test_after_an_faq_pointing_to_programs_the_one_holding_the_words(matcher: Matcher) -> None:
    # job-seeker-help points to three programs; only the youth-jobs one speaks of 교통비
    assert _answer(matcher, "교통비는 얼마 줘요?", "job-seeker-help") == ("answer", "new-industry-youth-jobs", "support")
    # office-space points to two programs that both hold 입주/사무실: the FAQ again (it gives the stay)
    assert _answer(matcher, "입주기간은 얼마나 돼요", "office-space")[:2] == ("answer", "office-space")


def test_the_faqs_own_question_again_stays_with_the_faq(matcher: Matcher) -> None:
    # become-mentor points to one program (onsite mentoring); asked again in other words, it is the FAQ, not
    # how a company applies for that program (a new user's test met this)
    assert _answer(matcher, "멘토로 활동하고 싶은데 어떻게 하면 되나요", "become-mentor")[:2] == ("answer", "become-mentor")


@pytest.mark.parametrize("last, text", [
    ("trade-mission", "오사카 가는거 진짜야?"),  # its own text names Osaka
    ("overseas-branch", "코트라가 80% 내준다는 거 정말이에요?"),
])
def test_asking_whether_what_was_said_is_true_stays_with_it(matcher: Matcher, last: str, text: str) -> None:
    assert _answer(matcher, text, last)[:2] == ("answer", last)


def test_a_short_unknown_verb_passes_where_the_rest_is_the_programs_own(matcher: Matcher) -> None:
    assert _answer(matcher, "채용공고는 어디다 올려야 하죠", "new-industry-youth-jobs") == \
        ("answer", "new-industry-youth-jobs", "apply")


@pytest.mark.parametrize("last, text", [
    ("trade-mission", "오사카 맛집 어디예요?"),  # in its text, but no confirming, and a word it never uses
    ("new-industry-youth-jobs", "나 배고픈데 돈 좀 빌려줘"),
    ("worker-training", "부산 날씨 어때요?"),
    ("pre-founder", "로또 1등 진짜야?"),
])
def test_out_of_scope_words_stay_out_after_a_program(matcher: Matcher, last: str, text: str) -> None:
    decision = matcher.match(text, context=_after(last))
    assert decision.kind != "answer" or decision.id != last


def test_the_words_themselves(matcher: Matcher) -> None:
    follow = matcher.options.followups
    assert follow.is_detail("지원금") and follow.is_detail("?거제") and follow.is_detail("58")
    assert not follow.is_detail("사업자")  # a part of 개인사업자 (who_words), but a topic alone
    assert follow.verb_like("?올리면") and not follow.verb_like("?박람회")
    assert matcher.talk.typed_names("수출상담회참가신청", ("trade-mission",)) == ["export-consultation"]
    assert matcher.talk.typed_names("무역사절단 신청", ("trade-mission",)) == []


def test_the_rules_hold_on_another_agencys_knowledge(tmp_path: Path) -> None:
    kb = write_knowledge(tmp_path, """
programs:
  - id: farm-machines
    name: {ko: 농기계 임대, en: Farm Machine Rental}
    summary: {ko: 농가에 트랙터와 이앙기를 싸게 빌려주는 사업입니다., en: Tractors and planters rented cheaply to farms.}
    eligibility: {ko: 군내에 주소를 둔 농업인이 대상입니다., en: Farmers living in the county.}
    support: {ko: 임대료의 절반을 군이 냅니다., en: The county pays half the rent.}
    questions: [농기계 빌릴 수 있나요, 트랙터 임대 신청]
  - id: seed-grant
    name: {ko: 종자 구입 지원, en: Seed Grant}
    summary: {ko: 종자 구입비를 지원합니다., en: Help buying seed.}
    questions: [종자 구입비 지원]
faqs:
  - id: cost-faq
    questions: [지원금 얼마나 받아요, 돈 내야 하나요]
    answer: {ko: 사업마다 다릅니다., en: It depends on the program.}
""")
    matcher = Matcher(kb)
    assert _answer(matcher, "돈 내야 돼요?", "farm-machines") == ("answer", "farm-machines", "support")
    assert _answer(matcher, "저 거창 사는데 괜찮아요?", "farm-machines") == ("answer", "farm-machines", "eligibility")
    assert _answer(matcher, "종자구입지원 신청은요", "farm-machines")[:2] == ("answer", "seed-grant")
    assert matcher.match("돈 내야 돼요?").id == "cost-faq"  # without the program, the general answer


async def test_an_age_after_a_program_gets_its_eligibility_with_the_age_judged(bot, kb) -> None:
    program = kb.program("new-industry-youth-jobs")
    await bot.say("신산업 청년일자리 알려주세요")
    sent = await bot.say("나이가 58인데 신청 가능한가요")
    assert sent[0]["plain"].startswith("⚠️")  # the age judged against the program's criteria (만 39세 이하)
    assert "58" in sent[0]["plain"]
    assert program.aspect("eligibility").get("ko") in sent[0]["plain"]
    enquiry = bot.last_enquiry()
    assert (enquiry["kind"], enquiry["item_id"], enquiry["aspect"]) == ("answer", program.id, "eligibility")


async def test_money_after_a_program_gets_its_support_not_the_funding_faq(bot, kb) -> None:
    program = kb.program("pre-founder")
    await bot.say("예비창업자 지원 알려줘")
    sent = await bot.say("그거 지원금은 얼마예요?")
    assert re.match(rf"<b>{program.name.get('ko')}</b>\n", sent[0]["text"])
    assert program.aspect("support").get("ko") in sent[0]["plain"]
    assert bot.last_enquiry()["aspect"] == "support"

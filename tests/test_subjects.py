"""Whose question a follow-up is (intents/subjects.py): the agency named is the agency's, not the card's; a question
whether the card takes the asker, said of the asker's own case, is the card's eligibility. The frozen knowledge,
lexical mode, through the real Matcher with the chat's context; one chat through the real Application."""
from __future__ import annotations

from conftest import answer_after

from intents.context import context_after
from intents.matcher import Matcher


def chat(matcher: Matcher, *messages: str) -> tuple[str, str | None, str | None]:
    """(kind, id, aspect) of the last message's decision, the earlier ones remembered as eval and the bot do."""
    context = None
    for text in messages[:-1]:
        context = context_after(matcher.match(text, context=context), matcher, context, text)
    decision = matcher.match(messages[-1], context=context)
    return decision.kind, decision.id, decision.aspect


def test_the_agency_named_after_a_card_is_the_agencys_own_faq(matcher: Matcher) -> None:
    assert chat(matcher, "창업보육센터", "진흥원 전화번호") == ("answer", "phone-number", None)
    assert chat(matcher, "창업보육센터", "진흥원 연락처 알려줘")[1] == "phone-number"
    assert chat(matcher, "창업보육센터", "진흥원 어디 있어요?")[1] == "agency-location"


def test_pointing_at_the_card_keeps_it_and_a_topic_less_follow_up_stays(matcher: Matcher) -> None:
    assert chat(matcher, "창업보육센터", "거기 전화번호") == ("answer", "startup-incubation", "contact")
    assert chat(matcher, "창업보육센터", "그럼 신청은요?") == ("answer", "startup-incubation", "apply")
    assert chat(matcher, "창업보육센터", "how about eligibility?")[1:] == ("startup-incubation", "eligibility")
    # A new topic still leaves the card.
    assert chat(matcher, "창업보육센터", "취업 프로그램은요?")[1] != "startup-incubation"


def test_the_agency_as_the_one_who_pays_is_no_faq_about_it(matcher: Matcher) -> None:
    subjects = matcher.options.subjects
    assert subjects.names_agency("what share of the fee did the agency cover?")
    assert subjects.agency_asked("what share of the fee did the agency cover?", None, "overseas-branch",
                                 frozenset()) is None
    assert not subjects.names_agency("창원 사는데 신청돼요?")  # 창원 names the agency's city, not the agency


def test_a_kind_of_person_said_with_do_is_the_cards_eligibility(matcher: Matcher) -> None:
    # 예비창업자 is a program's name too: said with 도 it is who asks, not that program.
    assert chat(matcher, "창업보육센터 입주하고 싶어요", "사업자 없는 예비창업자도 들어갈 수 있어요?") \
        == ("answer", "startup-incubation", "eligibility")
    assert chat(matcher, "startup incubation", "can pre-founders move in too?")[1:] \
        == ("startup-incubation", "eligibility")
    # Words describing the asker's company name no subject of their own.
    assert chat(matcher, "시험인증 수수료 지원 사업 뭐예요", "우리같은 조선 기자재 회사도 대상이에요?") \
        == ("answer", "test-certification", "eligibility")


def test_the_first_person_or_a_condition_of_the_askers_is_the_cards_eligibility(matcher: Matcher) -> None:
    assert chat(matcher, "tell me about the overseas branch service",
                "we're a software company, not a manufacturer. can we still join?")[1:] == ("overseas-branch", "eligibility")
    assert chat(matcher, "신산업 청년일자리", "군대 갔다오면 몇살까지 됨")[1:] == ("new-industry-youth-jobs", "eligibility")


def test_another_item_or_a_thing_of_its_own_moves_on(matcher: Matcher) -> None:
    # Another program typed is that program, not a kind of person.
    assert chat(matcher, "구인·구직 일자리 매칭", "수출상담회도 신청 가능해요?")[1] != "job-matching"
    # A thing the card does not write, in the first person: no eligibility of the card.
    assert answer_after(matcher, "can I get money for my wedding?", "overseas-branch")[1] != "overseas-branch"
    assert answer_after(matcher, "주식 투자도 돼요?", "export-consultation")[1] != "export-consultation"


async def test_a_kind_of_person_after_a_card_through_the_application(bot) -> None:
    await bot.say("창업보육센터 알려주세요")
    assert bot.last_enquiry()["item_id"] == "startup-incubation"
    await bot.say("사업자 없는 예비창업자도 들어갈 수 있어요?")
    enquiry = bot.last_enquiry()
    assert (enquiry["kind"], enquiry["item_id"]) == ("answer", "startup-incubation")
    await bot.say("진흥원 전화번호")
    enquiry = bot.last_enquiry()
    assert (enquiry["kind"], enquiry["item_id"]) == ("answer", "phone-number")


def test_who_the_asker_is_narrows_a_list_to_the_programs_left(matcher: Matcher) -> None:
    # Under the jobs list a 45-year-old job seeker fails every youth program's age: the one left, its eligibility.
    assert chat(matcher, "일자리 지원 뭐 있어요", "45살 구직자예요") == ("answer", "quality-jobs", "eligibility")
    # A student is no employee: the training list less the employees' course, offered again in its order.
    kind, _, aspect = chat(matcher, "교육 프로그램 뭐 있어요", "저 대학생이에요")
    decision = matcher.match("저 대학생이에요", context=context_after(
        matcher.match("교육 프로그램 뭐 있어요"), matcher, None, "교육 프로그램 뭐 있어요"))
    assert (kind, aspect) == ("suggest", "eligibility")
    assert "worker-training" not in [c.id for c in decision.candidates]
    # A program of the list the matcher answered stays (창업한 지 5년: the early-startup program).
    assert chat(matcher, "창업 지원", "창업한 지 5년 됐어요")[1] == "early-startup"


def test_a_question_through_one_word_of_a_request_is_the_cards(matcher: Matcher) -> None:
    # 직접 is a word of "사람이랑 직접 상담하고 싶어요" (talk to a person); asked as a question after a card it is the
    # card's: what the agency itself does there.
    assert chat(matcher, "창업보육센터", "진흥원이 직접 해주는 건 뭐예요?") == ("answer", "startup-incubation", "support")
    # The request itself still starts the hand-over.
    assert chat(matcher, "창업보육센터", "사람이랑 직접 상담하고 싶어요")[:2] == ("answer", "human")

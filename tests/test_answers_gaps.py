"""An answer says plainly what the guide does not give (issue #7, a new user's test, tester6 bugs 8 and 9).

Through the real texts and the frozen copy of the shipped knowledge: a question about how many (per company)
where no sentence states such a number, about when something is built where nothing dates it (and not with the
general text about recruitment periods), and about the asker's own pay where a program pays companies for
hiring, each gets a line saying so before what the guide does say.
"""
from __future__ import annotations

from handlers import gist
from handlers.cards import program_card
from handlers.texts import Texts
from knowledge.model import KnowledgeBase, Program, Text


def test_a_count_per_company_nobody_states_is_said_to_be_missing(kb: KnowledgeBase, texts: Texts) -> None:
    program = kb.program("quality-jobs")  # totals (117개 기업, 146명), no limit per company
    assert gist.gaps("기업당 몇 명까지 돼요?", program, "support").count == "each"
    text, _ = program_card(program, texts, "ko", aspect="support", question="기업당 몇 명까지 돼요?")
    assert "한 기업(한 곳)당 몇 명, 몇 건까지 지원되는지는 이 사업 안내에 나와 있지 않습니다." in text
    assert program.aspect("support").get("ko") in text  # then what the guide says, as before
    english, _ = program_card(program, texts, "en", aspect="support", question="how many people per company?")
    assert "This guide does not say how many people or places one company can have supported" in english


def test_a_count_the_texts_state_is_answered_as_always(kb: KnowledgeBase) -> None:
    # 기업당 최대 3명: a sentence with the unit and a number answers it.
    assert not gist.gaps("기업당 몇 명까지 돼요?", kb.program("new-industry-youth-jobs"), "support")
    # A total answers "how many": 117개 기업이 청년 146명을 채용.
    assert not gist.gaps("몇 명 뽑아요?", kb.program("quality-jobs"), "support")
    # How many is asked of a support or of the whole program, not of who may apply (직원 몇 명 이상이어야).
    assert not gist.gaps("직원 몇 명 이상이어야 해요?", kb.program("quality-jobs"), "eligibility")


def test_when_it_is_built_is_not_answered_with_recruitment_periods(kb: KnowledgeBase, texts: Texts) -> None:
    program = kb.program("hydrogen-complex")  # 조성하는 특화단지, with no date
    general = {"period": next(f for f in kb.faqs if f.id == "deadlines")}
    text, _ = program_card(program, texts, "ko", aspect="period", question="언제 조성돼요", general=general)
    assert "문의하신 <b>조성</b> 시기는 이 사업 안내에 나와 있지 않습니다." in text
    assert program.summary.get("ko") in text
    assert "공통으로 안내된" not in text and "준비되지 않았습니다" not in text
    # A question about its schedule as such still gets the general text.
    plain, _ = program_card(program, texts, "ko", aspect="period", question="일정 알려주세요", general=general)
    assert "공통으로 안내된" in plain


def test_a_dated_event_is_no_gap() -> None:
    program = Program(id="park", name=Text.of("테스트 단지"), summary=Text.of("2030년 준공을 목표로 조성하는 단지입니다."))
    assert not gist.gaps("언제 완공돼요?", program, "period")
    assert not gist.gaps("언제 조성돼요?", program, "period")


def test_the_askers_own_pay_is_not_a_hiring_subsidy(kb: KnowledgeBase, texts: Texts) -> None:
    program = kb.program("new-industry-youth-jobs")  # pays companies 150만 원 a month per hire
    assert gist.unstated_details("월급은 얼마나 받아요", program) == ["월급"]
    assert gist.unstated_details("what is the salary", program) == ["salary"]
    text, _ = program_card(program, texts, "ko", aspect="support", question="월급은 얼마나 받아요")
    assert "문의하신 <b>월급</b>에 관한 내용은 이 사업 안내에 나와 있지 않습니다." in text
    # The company's side asks its subsidy, which the texts state.
    assert gist.unstated_details("인건비 지원 얼마예요", program) == []


def test_how_long_is_answered_with_the_length_wherever_it_is_written(kb: KnowledgeBase, texts: Texts) -> None:
    program = kb.program("startup-incubation")  # its period text: a recruitment; its support: 기본 3년 ... 최대 20년
    gaps = gist.gaps("입주 기간 얼마나 돼요", program, "period")
    assert gaps.other_time == "length" and not gaps.duration
    text, _ = program_card(program, texts, "ko", aspect="period", question="입주 기간 얼마나 돼요")
    assert "이 사업 안내에서 기간에 관한 내용은 다음과 같습니다." in text
    assert text.index("최대 20년") < text.index(program.aspect("period").get("ko"))
    assert "이 사업 안내에서 기간에 관한" not in program_card(program, texts, "ko", aspect="period",
                                                        question="모집 언제 해요")[0]
    # A company's age (up to 7 years old) is no length of a stay.
    assert gist.lengths(program, "en") == [s for s in gist.lengths(program, "en") if "years old" not in s]
    assert any("3 years" in s for s in gist.lengths(program, "en"))


def test_how_long_nobody_states_is_said_so_without_recruitment_periods(kb: KnowledgeBase, texts: Texts) -> None:
    program = kb.program("hydrogen-complex")
    general = {"period": next(f for f in kb.faqs if f.id == "deadlines")}
    text, _ = program_card(program, texts, "ko", aspect="period", question="입주하면 몇 년 있을 수 있어요",
                           general=general)
    assert "얼마 동안 지원되거나 머물 수 있는지(기간)는 이 사업 안내에 나와 있지 않습니다." in text
    assert "공통으로 안내된" not in text

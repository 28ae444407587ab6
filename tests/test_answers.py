"""Answers say what the knowledge knows (issue #7, a new user's test: "its answers say little").

Through the real Application and the frozen copy of the shipped knowledge: an overview gives the gist of each
part; an aspect a program does not write is answered from its other parts when they say something about it;
a call of an earlier year is said as the last one known; a detail the question names that the program's
texts never mention is said to be missing; button labels are cut between words. Layout: docs/answers.md.
"""
from __future__ import annotations

import re

from conftest import buttons
from handlers import gist
from handlers.cards import LABEL_LIMIT, button, program_card
from handlers.texts import Texts
from knowledge.model import KnowledgeBase

PHONE_SCREEN = 700  # characters of a Korean overview at most: about a phone screen (docs/answers.md)


def plain_lines(sent: dict) -> list[str]:
    return sent["plain"].splitlines()


# -- 1. the overview ---------------------------------------------------------------------------------

async def test_an_overview_gives_a_line_for_each_part_the_program_writes(bot, kb: KnowledgeBase) -> None:
    (card,) = await bot.say("예비창업자 지원 알려주세요")
    program = kb.program("pre-founder")
    text = card["plain"]
    assert program.summary.get("ko").split(". ")[0] in text  # the summary, as before
    lines = [line for line in plain_lines(card) if line.startswith("• ")]
    assert [line.split(" · ")[0] for line in lines] == ["• 자격요건", "• 지원내용", "• 신청방법", "• 일정"]
    for line, aspect in zip(lines, program.aspects.values()):  # each part's first sentence, whole
        assert gist.sentences(aspect.get("ko"))[0] == line.split(" · ", 1)[1]
    assert "문의처" not in text  # not written: no line
    assert "아래 버튼" in text and [label for label, _ in buttons(card)][:4] == ["자격", "지원", "신청", "일정"]
    assert len(text) <= PHONE_SCREEN


async def test_a_long_first_sentence_is_shown_whole_never_cut_in_the_middle(bot, kb: KnowledgeBase) -> None:
    # tester8: a line cut at a fixed length stopped before the fact asked; each part's first sentence is whole.
    (card,) = await bot.say("신산업 연계 청년일자리 알려주세요")
    lines = [line for line in plain_lines(card) if line.startswith("• ")]
    assert len(lines) == len(kb.program("new-industry-youth-jobs").aspects) == 4
    sources = [gist.sentences(t.get("ko"))[0] for t in kb.program("new-industry-youth-jobs").aspects.values()]
    assert any(len(source) > 60 for source in sources)  # a long one, cut before this change
    for line, source in zip(lines, sources):
        assert line.split(" · ", 1)[1] == source and not line.endswith("…")


async def test_an_english_overview_reads_the_same(bot) -> None:
    (card,) = await bot.say("tell me about the pre-founder support", lang="en")
    lines = plain_lines(card)
    starts = [line.split(": ")[0] for line in lines if line.startswith("• ")]
    assert starts == ["• Eligibility", "• Support", "• How to apply", "• Schedule"]
    assert "Press a button below to read each part in full." in lines


def test_every_shipped_overview_fits_a_phone_screen(shipped_kb: KnowledgeBase, texts: Texts) -> None:
    for program in shipped_kb.programs:
        for lang, most in (("ko", PHONE_SCREEN), ("en", 2 * PHONE_SCREEN)):
            text = re.sub(r"<[^>]+>", "", program_card(program, texts, lang)[0])
            assert len(text) <= most, (program.id, lang, len(text))


# -- 2. a part the program does not write ------------------------------------------------------------

async def test_a_missing_schedule_is_answered_from_the_dates_written_elsewhere(bot) -> None:
    (card,) = await bot.say("바이어 상담회 일정 알려주세요")
    text = card["plain"]
    assert "해외 바이어 수출상담회" in text
    assert "이 사업의 일정은 따로 안내되어 있지 않지만, 안내에 이런 내용이 있습니다." in text
    assert "• 2025년 11월 5~7일에는 창원시가 인도네시아·태국·베트남 바이어 12명을 초청해 1:1 상담회를 열었습니다." in text
    assert "최신 내용은 공고에서 확인해 주세요." in text
    assert "준비되지 않았습니다" not in text


async def test_in_english_too(bot) -> None:
    (card,) = await bot.say("when is the export consultation with overseas buyers", lang="en")
    text = card["plain"]
    assert "This guide has no section on this program's schedule, but it says this:" in text
    assert "• On 5-7 November 2025, Changwon City invited 12 buyers" in text


def test_a_missing_way_to_apply_is_answered_by_what_is_said_about_applying(kb: KnowledgeBase, texts: Texts) -> None:
    text, _ = program_card(kb.program("defense-cluster"), texts, "ko", aspect="apply")
    assert "이 사업의 신청방법은 따로 안내되어 있지 않지만" in text
    assert "• 2021년에는 5월 27일부터 6월 17일까지 신청을 받았습니다." in text
    bullets = [line for line in text.splitlines() if line.startswith("• ")]
    assert len(bullets) == 2 and not any("최신 공고" in line for line in bullets)  # a pointer tells no fact


def test_with_nothing_said_about_it_the_card_says_so_and_gives_the_overview(kb: KnowledgeBase, texts: Texts) -> None:
    program = kb.program("hydrogen-complex")
    text, _ = program_card(program, texts, "ko", aspect="period")
    assert "이 사업의 일정 안내는 아직 준비되지 않았습니다. 최신 공고에서 확인해 주세요." in text
    assert program.summary.get("ko") in text


def test_only_sentences_that_answer_count() -> None:
    assert gist.answers("2025년 11월 5~7일에는 상담회를 열었습니다.", "period", "ko")
    assert gist.answers("It opened on 19 February 2025.", "period", "en")
    assert not gist.answers("2019년에는 5,743억 원 규모의 수출 상담이 이루어졌습니다.", "period", "ko")  # a year alone
    assert not gist.answers("The agency plans projects it may take on.", "period", "en")  # may, not May
    assert not gist.answers("올해 일정은 최신 공고에서 확인해 주세요.", "period", "ko")  # sends elsewhere: no fact
    assert not gist.answers("일자리 500개를 만들었습니다.", "period", "ko")  # 일자리 is no day


# -- 3. a call of an earlier year --------------------------------------------------------------------

async def test_a_call_years_ago_is_the_last_known_not_a_closed_program(bot) -> None:
    (card,) = await bot.say("해외지사화 지원 알려주세요")
    heading = plain_lines(card)[1]
    assert heading == ("📅 최근 확인된 접수: 2016년 7월 11일 ~ 2016년 8월 5일 · 2016년 하반기 · "
                       "올해 일정은 최신 공고에서 확인해 주세요")
    assert "접수 마감" not in card["plain"]


# -- 4. a detail the knowledge does not state --------------------------------------------------------

async def test_a_detail_nothing_in_the_program_mentions_is_said_to_be_missing(bot) -> None:
    (card,) = await bot.say("무역사절단 참가비 지원되나요? 항공료 같은거")
    text = card["plain"]
    assert "문의하신 참가비·항공료에 관한 내용은 이 사업 안내에 나와 있지 않습니다." in text
    assert "참고로 이 사업의 지원내용 안내는 다음과 같습니다." in text
    assert "🙋 담당자" in [label for label, _ in buttons(card)]


async def test_a_detail_the_program_states_is_answered_as_always(bot) -> None:
    (card,) = await bot.say("해외지사화 참가비 지원되나요?")  # its texts: 참가비의 80%를 지원
    assert "나와 있지 않습니다" not in card["plain"] and "참가비의 80%" in card["plain"]


def test_details_are_named_words_not_general_ones(kb: KnowledgeBase) -> None:
    mission = kb.program("trade-mission")
    assert gist.unstated_details("Does it cover airfare and hotels?", mission) == ["airfare", "hotels"]
    assert gist.unstated_details("무역사절단 비용 지원되나요", mission) == []  # 비용: what the texts answer
    assert gist.unstated_details("항공부품 기업도 가나요", mission) == []  # 항공 is a field, not a fare
    # 이자 (interest) is no word of `불량이 자꾸` though its letters run across the space (a new user's test)
    assert gist.unstated_details("가공 불량이 자꾸 나서 전문가가 와서 봐줄수 있나", mission) == []
    assert gist.unstated_details("이자도 지원되나요", mission) == ["이자"]


def test_a_system_certification_and_a_foreign_national_are_details_to_ask(kb: KnowledgeBase) -> None:
    """A new user's test (tester5): `AS9100 인증 비용 지원` got 시험·인증 수수료 지원 without a word that a
    management-system certification may not be covered; `can foreigner join youth job program?` got its
    eligibility with nationality unaddressed."""
    fees = kb.program("test-certification")
    assert gist.unstated_details("AS9100 인증 비용 지원", fees) == ["AS9100"]
    assert gist.unstated_details("시험 인증 비용 지원", fees) == []  # what the program is
    jobs = kb.program("new-industry-youth-jobs")
    assert gist.unstated_details("can foreigner join youth job program?", jobs) == ["foreigner"]
    assert gist.unstated_details("외국인도 신청할 수 있나요?", jobs) == ["외국인"]


# -- 5. button labels --------------------------------------------------------------------------------

def test_a_long_label_is_cut_between_words_in_both_languages(kb: KnowledgeBase) -> None:
    english = kb.get("ref-work24").name.get("en")  # Work24 and the Changwon Employment Center (Ministry ...)
    label = button(english, "x").text
    assert label == "Work24 and the Changwon Employment Center…" and len(label) <= LABEL_LIMIT
    korean = "창원시 1인 창조기업 지원센터 입주 신청과 창업보육센터 입주 기업 지원 안내 전체를 한 번에 보기"
    label = button(korean, "x").text
    assert label.endswith("…") and korean.startswith(label[:-1]) and korean[len(label) - 1] == " "
    assert button("짧은 이름", "x").text == "짧은 이름"
    assert gist.clip("가" * 60, 10) == "가" * 9 + "…"  # no space to cut at: at the limit


def test_a_suggestion_of_another_institution_is_cut_between_words(kb: KnowledgeBase, texts: Texts) -> None:
    from handlers.cards import suggestion_card
    from intents.decision import Candidate
    _, markup = suggestion_card([Candidate("ref-work24", "referral", 60.0)], kb, texts, "en")
    assert markup.inline_keyboard[0][0].text == "Work24 and the Changwon Employment Center…"

"""Shipped knowledge against the facts files (/work/shared/agency-facts*.md), where a tester found a text that
answered another question: checks of the files themselves (knowledge/), not of the bot."""
from __future__ import annotations

import re

PHONE = re.compile(r"\b0\d{1,2}-\d{3,4}-\d{4}\b")


def test_the_phone_answer_gives_no_number_that_is_not_the_agencys(shipped_kb) -> None:
    """No source gives the agency's own number; the one found (055-259-3011) is another body's, and
    quoting it invites misdialling. The answer points to the website and /contact instead."""
    answer = shipped_kb.get("phone-number").answer
    for lang in ("ko", "en"):
        text = answer.get(lang)
        assert PHONE.search(text) is None, text
        assert "cwip.or.kr" in text and "/contact" in text


def test_pre_founder_eligibility_says_who_may_apply_before_anything_else(shipped_kb) -> None:
    """자격은요? on 예비창업자 지원 answers who the support is for; the incubator's move-in rules (입주) are a
    pointer at most, never the answer's opening."""
    eligibility = shipped_kb.program("pre-founder").aspect("eligibility")
    first_ko = eligibility.get("ko").split(".")[0]
    first_en = eligibility.get("en").split(".")[0]
    assert "예비창업자" in first_ko and "입주" not in first_ko and "창조기업" not in first_ko
    assert "not yet registered a business" in first_en and "centre" not in first_en


def test_no_answer_asks_people_to_type_a_phrase_instead_of_naming_the_command(shipped_kb) -> None:
    """"'지원사업 보기'를 입력해 주세요" reads like a command that does not exist: answers name the real one
    (/programs), which Telegram turns into a link."""
    phrase = re.compile(r"'[^']+'(을|를) 입력해 주세요|type \"[^\"]+\"", re.I)
    for item in (*shipped_kb.programs, *shipped_kb.faqs):
        texts = [item.answer] if hasattr(item, "answer") else [item.summary, *item.aspects.values()]
        for text in texts:
            for lang in ("ko", "en"):
                assert phrase.search(text.get(lang)) is None, (item.id, text.get(lang))

"""Questions another institution handles: a referral card naming it, what to ask there and how to reach it.

The referrals ship in knowledge/referrals.yaml; these tests run the frozen copy of the knowledge
(tests/data/frozen, referrals included) through the real matcher and bot.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import button_data, buttons



@pytest.fixture(scope="module")
def kb_with_referrals(kb):
    assert kb.referrals, "the frozen knowledge has referrals"
    return kb


@pytest.mark.parametrize("question, institution", [
    ("실업급여 신청 방법", "고용24 · 창원고용센터 (고용노동부)"),
    ("사업자등록 어떻게 해요", "국세청 홈택스 · 관할 세무서"),
    ("소상공인 대출", "경남신용보증재단"),
])
async def test_the_three_questions_get_a_card_naming_the_institution(kb_with_referrals, make_bot, question,
                                                                      institution):
    async with make_bot(kb_with_referrals) as bot:
        card = (await bot.say(question))[0]
        referral = kb_with_referrals.get(bot.last_enquiry()["item_id"])
        assert referral.kind == "referral"
        assert card["text"].startswith(f"<b>이 문의는 {institution}에서 담당합니다.</b>\n\n")
        assert referral.answer.get("ko") in card["plain"]
        if referral.contact:
            assert f"☎ {referral.contact.get('ko')}" in card["plain"]
        assert "ℹ️" in card["plain"]  # when the contact data held, and where it came from
        if referral.url:
            assert ("🔗 담당 기관 누리집", referral.url) in buttons(card)
        assert len(card["reply_markup"]["inline_keyboard"]) == 1
        assert button_data(card)[-3:] == ["fu:start", *(f"fb:{bot.last_enquiry()['id']}:{v}" for v in (1, 0))]


async def test_a_referral_never_outranks_the_agencys_own_program(kb_with_referrals, make_bot):
    async with make_bot(kb_with_referrals) as bot:
        await bot.say("예비창업자 지원사업 신청하고 싶어요")
        assert bot.last_enquiry()["item_id"] == "pre-founder"


async def test_a_referral_opens_by_deep_link_and_from_suggestions_in_english(kb_with_referrals, make_bot):
    async with make_bot(kb_with_referrals) as bot:
        card = (await bot.command("/start", args="ref-hometax", lang="en"))[0]
        assert card["plain"].startswith("This is handled by National Tax Service (Hometax) and your local tax office.")
        assert "☎ NTS call centre 126" in card["plain"]
        picked = await bot.press("r:ref-sme-1357", lang="en")
        assert picked[0]["plain"].startswith("This is handled by SME call centre 1357.")
        assert bot.last_enquiry()["item_id"] == "ref-sme-1357"
        assert await bot.press("r:pre-founder") == []  # a program's id under r: is a stale button, not misread


async def test_asked_for_its_phone_number_the_referral_gives_it_first(bot, kb):
    """A new user's test (tester5): `전화번호 좀 알려주세요` after the 고용24 referral got the same card again,
    the number at the bottom. Asked for a contact, the card gives how to reach the institution first."""
    first = (await bot.say("실업급여는 어디서 받나요"))[0]
    referral = kb.get(bot.last_enquiry()["item_id"])
    assert referral.kind == "referral" and referral.contact
    contact = f"☎ {referral.contact.get('ko')}"
    assert first["plain"].index(referral.answer.get("ko")) < first["plain"].index(contact)  # as always
    again = (await bot.say("전화번호 좀 알려주세요"))[0]
    assert bot.last_enquiry()["item_id"] == referral.id
    assert again["plain"].index(contact) < again["plain"].index(referral.answer.get("ko"))

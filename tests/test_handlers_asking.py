"""Questions in free text: answer cards, aspect buttons, suggestions, fallback, intents and 👍/👎."""
from __future__ import annotations

import pytest

from conftest import button_data, buttons, write_knowledge

MENU = ["b:areas", "fd:start", "b:u.founder", "b:u.job_seeker", "fu:start", "m:help"]


async def test_answer_card_shows_the_aspect_asked_with_buttons_for_the_others(bot, kb):
    sent = await bot.say("무역사절단 신청 방법")
    assert len(sent) == 1
    card = sent[0]
    program = kb.program("trade-mission")
    assert card["parse_mode"] == "HTML"
    assert card["text"].startswith(f"<b>{program.name.get('ko')}</b>\n<i>신청방법</i>")
    assert program.aspect("apply").get("ko") in card["plain"]
    enquiry = bot.last_enquiry()
    assert (enquiry["text"], enquiry["kind"], enquiry["item_id"], enquiry["aspect"]) == (
        "무역사절단 신청 방법", "answer", "trade-mission", "apply")
    assert enquiry["elapsed_ms"] is not None
    # The aspects in one row; the link to the agency's notices, staff, the opening alert and 👍/👎 in the other.
    rows = card["reply_markup"]["inline_keyboard"]
    assert [b["callback_data"] for b in rows[0]] == (
        ["p:trade-mission"] + [f"p:trade-mission:{a}" for a in program.aspects if a != "apply"])
    assert [label for label, _ in buttons(card)][:2] == ["개요", "자격"]
    assert [b.get("url") or b["callback_data"] for b in rows[1]] == [
        kb.agency.url, "fu:start", "al:p:trade-mission", f"fb:{enquiry['id']}:1", f"fb:{enquiry['id']}:0"]
    assert len(rows) == 2
    # When the facts held, and where from, in one line under the card.
    assert card["plain"].endswith("ℹ️ 2018년 6월 기준 · 출처: hankyung.com")


async def test_the_enquiry_and_decision_are_committed_before_the_reply(bot, store):
    seen: list[dict | None] = []
    bot.api.listen(lambda method, params, result: seen.append(store.enquiries.recent(1001, 1)[0])
                   if method == "sendMessage" else None)
    await bot.say("무역사절단 신청 방법")
    assert seen and seen[0]["text"] == "무역사절단 신청 방법" and seen[0]["kind"] == "answer"


async def test_aspect_button_edits_the_card_in_place(bot, kb):
    card = (await bot.say("무역사절단 신청 방법"))[0]
    shown = await bot.press("p:trade-mission:period")
    assert [(s["method"], s["message_id"]) for s in shown] == [("editMessageText", card["message_id"])]
    assert "<i>일정</i>" in shown[0]["text"]
    assert kb.program("trade-mission").aspect("period").get("ko") in shown[0]["plain"]
    assert "p:trade-mission:apply" in button_data(shown[0])
    assert "p:trade-mission:period" not in button_data(shown[0])
    press = bot.last_enquiry()
    assert press["source"] == "button" and press["text"] == "일정 [p:trade-mission:period]"
    assert (press["kind"], press["item_id"], press["aspect"]) == ("answer", "trade-mission", "period")
    assert f"fb:{press['id']}:1" in button_data(shown[0])  # a rating rates what is shown now
    summary = await bot.press("p:trade-mission")
    assert kb.program("trade-mission").summary.get("ko") in summary[0]["plain"]
    assert "p:trade-mission" not in button_data(summary[0])


async def test_only_the_aspects_written_get_buttons_and_a_url_gets_a_link(tmp_path, make_bot):
    kb = write_knowledge(tmp_path, """
programs:
  - id: rnd-voucher
    name: {ko: "R&D <바우처>", en: "R&D <Voucher>"}
    summary: {ko: "연구개발 비용을 <일부> 지원합니다 & 더.", en: "Pays for <part> of R&D."}
    eligibility: {ko: 중소기업, en: Small companies}
    apply: {ko: 공고를 확인하세요, en: See the announcement}
    url: https://example.org/rnd
    questions: [연구개발 바우처 있나요]
""")
    async with make_bot(kb) as bot:
        card = (await bot.say("연구개발 바우처 있나요"))[0]
        assert card["text"].startswith("<b>R&amp;D &lt;바우처&gt;</b>")
        assert "연구개발 비용을 &lt;일부&gt; 지원합니다 &amp; 더." in card["text"]
        assert card["plain"].startswith("R&D <바우처>")
        data = button_data(card)
        assert data[:2] == ["p:rnd-voucher:eligibility", "p:rnd-voucher:apply"]
        assert ("🔗 누리집", "https://example.org/rnd") in buttons(card)
        assert "ℹ️" not in card["plain"]  # no as_of and no source: no line


async def test_feedback_is_stored_against_the_enquiry_it_rates(bot, store):
    await bot.say("무역사절단 신청 방법")
    enquiry_id = bot.last_enquiry()["id"]
    sent = await bot.press(f"fb:{enquiry_id}:1")
    assert sent == []  # a toast, not a message
    assert bot.api.answers[-1]["text"] == "의견 감사합니다! 더 좋은 안내에 참고하겠습니다."
    assert store.enquiries.get(enquiry_id)["helpful"] is True
    sent = await bot.press(f"fb:{enquiry_id}:0")
    assert store.enquiries.get(enquiry_id)["helpful"] is False  # the latest rating wins
    assert len(sent) == 1 and "죄송합니다" in sent[0]["plain"]
    assert button_data(sent[0]) == ["fu:start"]


async def test_feedback_for_an_unknown_enquiry_is_answered_politely(bot):
    await bot.say("무역사절단 신청 방법")
    assert await bot.press("fb:999999:1") == []
    assert bot.api.answers[-1]["text"].startswith("이 버튼은 더 이상 사용할 수 없습니다")


async def test_suggestions_offer_up_to_three_and_none_of_these(bot, kb):
    sent = await bot.say("수소 시설")  # (수소 alone names the area: its list)
    assert bot.last_enquiry()["kind"] == "suggest"
    reply = sent[0]
    assert reply["plain"] == "이 중에 찾으시는 내용이 있나요?"
    labels = buttons(reply)
    assert 2 <= len(labels) <= 4
    assert labels[-1] == ("없어요 (담당자 문의)", "fu:start")
    first = labels[0][1]
    assert first.startswith("p:hydrogen-")
    picked = await bot.press(first)
    # A new message: the suggestions stay on screen, so another one can still be tried.
    assert picked[0]["method"] == "sendMessage"
    assert picked[0]["plain"].startswith(kb.program(first[2:]).name.get("ko"))
    assert bot.api.message(1001, reply["message_id"])["reply_markup"] == reply["reply_markup"]
    second = await bot.press(labels[1][1], message_id=reply["message_id"])
    assert second[0]["method"] == "sendMessage"
    aspect = await bot.press(f"{first}:eligibility", message_id=picked[0]["message_id"])
    assert (aspect[0]["method"], aspect[0]["message_id"]) == ("editMessageText", picked[0]["message_id"])


async def test_faq_answer_shows_its_related_programs(bot, kb):
    faq = kb.get("startup-funding")
    reply = (await bot.say(faq.questions[0]))[0]
    assert bot.last_enquiry()["item_id"] == "startup-funding"
    assert faq.answer.get("ko") in reply["plain"]
    data = button_data(reply)
    assert data[:len(faq.programs)] == [f"p:{pid}" for pid in faq.programs]
    assert "fu:start" in data and data[-2].startswith("fb:")
    assert data[-1] == "fd:o:------0"  # "받을 수 있나요?": the finder offered, with the need it said (funding)
    assert "관련 사업" in reply["plain"]
    card = await bot.press(f"p:{faq.programs[0]}")
    assert card[0]["method"] == "sendMessage"  # the FAQ answer stays readable above the card
    assert card[0]["plain"].startswith(kb.program(faq.programs[0]).name.get("ko"))


async def test_fallback_apologises_and_offers_the_menu_with_staff(bot):
    reply = (await bot.say("오늘 점심 뭐 먹지"))[0]
    assert bot.last_enquiry()["kind"] == "fallback"
    assert reply["plain"].startswith("죄송합니다")
    # Nothing related to lunch: no example questions about programs picked at random (handlers/fallback.py).
    assert "이렇게 물어보시면" not in reply["plain"] and "•" not in reply["plain"]
    assert "담당자에게 직접 문의" in reply["plain"]
    assert button_data(reply) == MENU
    staff = await bot.press("fu:start")
    assert staff[0]["plain"].startswith("개인정보 수집·이용 동의")  # the follow-up desk (tests/test_followup.py)


async def test_intent_replies(bot, kb):
    greeting = (await bot.say("안녕하세요"))[0]
    assert greeting["plain"] == kb.get("greeting").reply.get("ko")
    assert button_data(greeting) == MENU

    browse = await bot.say("지원사업 보기")
    assert [s["plain"] for s in browse][0] == kb.get("list-programs").reply.get("ko")
    assert browse[1]["plain"].startswith("분야별 사업") and "b:areas" not in button_data(browse[1])

    # Intents with an action: the reply, then what the action shows (the follow-up and privacy desks).
    human = await bot.say("담당자 연결해 주세요")
    assert [s["plain"] for s in human][0] == kb.get("human").reply.get("ko")
    assert human[1]["plain"].startswith("개인정보 수집·이용 동의")

    forget = await bot.say("내 정보 삭제해 주세요")
    assert [s["plain"] for s in forget][0] == kb.get("forget-me").reply.get("ko")
    assert forget[1]["plain"].startswith("내 정보 삭제")


async def test_an_english_question_is_answered_in_english_until_a_language_is_chosen(bot, kb):
    card = (await bot.say("who can apply for trade mission"))[0]
    assert card["plain"].startswith(kb.program("trade-mission").name.get("en"))
    assert "Eligibility" in card["plain"]
    more = await bot.press("p:trade-mission:support")
    assert "Support" in more[0]["plain"] and "Overview" in [label for label, _ in buttons(more[0])]
    assert bot.last_enquiry()["lang"] == "en"  # the log keeps the language the user is answered in


async def test_a_suggested_faq_or_intent_opens_as_a_new_message(bot, kb):
    await bot.say("수소")
    faq = await bot.press("f:how-to-apply")
    assert faq[0]["method"] == "sendMessage" and faq[0]["plain"].startswith(kb.get("how-to-apply").answer.get("ko"))
    assert bot.last_enquiry()["item_id"] == "how-to-apply"
    intent = await bot.press("i:greeting")
    assert intent[0]["plain"] == kb.get("greeting").reply.get("ko")
    assert await bot.press("f:greeting") == []  # an id of the wrong kind is stale, not misread


async def test_ask_staff_opens_the_follow_up_desk(bot):
    sent = await bot.press("fu:start")
    assert sent[0]["plain"].startswith("개인정보 수집·이용 동의")
    assert bot.api.answers[-1]["text"] is None  # the press is answered, silently


async def test_only_the_person_who_asked_can_rate_the_answer(bot, store):
    """In a group anyone sees the 👍/👎 under an answer, and callback data can be forged: only the person
    the answer was for changes its rating."""
    group = -100555
    mention = "@agency_demo_bot 무역사절단 신청 방법"
    entities = [{"type": "mention", "offset": 0, "length": 16}]
    await bot.send(bot.updates.message(mention, user_id=1001, chat_id=group, chat_type="supergroup",
                                       entities=entities))
    enquiry_id = bot.last_enquiry()["id"]
    await bot.press(f"fb:{enquiry_id}:1", chat_id=group)
    assert store.enquiries.get(enquiry_id)["helpful"] is True
    for user_id, chat_id in ((2002, group), (3003, 3003)):  # another member; a forged press in private
        sent = await bot.press(f"fb:{enquiry_id}:0", user_id=user_id, chat_id=chat_id)
        assert sent == [] and bot.api.answers[-1]["text"] == "감사합니다!"
        assert store.enquiries.get(enquiry_id)["helpful"] is True


@pytest.mark.parametrize("typed", ["   ", "\n\t "])
async def test_a_message_of_only_spaces_in_a_private_chat_asks_for_the_question(bot, typed):
    sent = await bot.say(typed)
    assert len(sent) == 1 and sent[0]["plain"].startswith("궁금하신 점을 글로 적어 주시면")
    assert "언급" not in sent[0]["plain"]


async def test_every_shipped_program_card_has_two_rows_one_link_and_says_staff_only_on_its_button(
        make_bot, shipped_kb, shipped_matcher):
    """A check of the shipped files themselves (not of the frozen copy the other tests answer from)."""
    kb = shipped_kb
    async with make_bot(kb, shipped_matcher) as bot:
        for program in kb.programs:
            card = (await bot.command("/start", args=program.id))[0]
            rows = card["reply_markup"]["inline_keyboard"]
            assert len(rows) <= 2, program.id
            links = [b["url"] for row in rows for b in row if "url" in b]
            assert links == [program.url or kb.agency.url], program.id
            assert "'담당자 문의'를 눌러" not in card["plain"] and "이 챗봇은" not in card["plain"], program.id
            if program.as_of:
                assert "ℹ️ " in card["plain"] and " 기준" in card["plain"], program.id


async def test_an_aspect_asked_but_not_written_says_so_and_shows_the_summary(tmp_path, make_bot):
    kb = write_knowledge(tmp_path, """
agency: {name: {ko: 진흥원, en: Agency}, url: https://example.org/notices}
programs:
  - id: rnd-voucher
    name: {ko: 연구개발 바우처, en: R&D voucher}
    run_by: {ko: 창원시 사업, en: A city program}
    summary: {ko: 연구개발 비용을 지원합니다., en: Pays for R&D.}
    eligibility: {ko: 창원 중소기업 (2024년 기준), en: Changwon SMEs (as of 2024)}
    questions: [연구개발 바우처 있나요]
    as_of: 2024-03-05
    source: [https://www.example.org/notice, 2024년 공고문]
""")
    async with make_bot(kb) as bot:
        card = (await bot.say("연구개발 바우처 일정 알려주세요"))[0]
        assert card["plain"].startswith("연구개발 바우처\n일정 · 창원시 사업\n\n")
        assert "이 사업의 일정 안내는 아직 준비되지 않았습니다. 최신 공고에서 확인해 주세요." in card["plain"]
        assert "연구개발 비용을 지원합니다." in card["plain"]
        assert card["plain"].endswith("ℹ️ 2024년 3월 5일 기준 · 출처: example.org 외 1건")
        assert ("📢 최신 공고", "https://example.org/notices") in buttons(card)
        english = (await bot.say("when can I apply for the R&D voucher", lang="en"))[0]
        assert english["plain"].endswith("ℹ️ As of 5 March 2024 · Source: example.org and 1 more")


@pytest.mark.parametrize("question, area", [("수소 관련 지원사업 뭐 있어요", "hydrogen"),
                                            ("청년 일자리 뭐 있어요", "jobs"),
                                            ("수출 도와주세요", "export"),  # a bare area word with a request
                                            ("방산 쪽 알려 주세요", "defense")])
async def test_a_whole_area_question_lists_that_areas_programs(bot, kb, question, area):
    reply = (await bot.say(question))[0]
    programs = kb.programs_in(area)
    assert reply["plain"].startswith(f"{kb.area(area).name.get('ko')} 분야 사업 {len(programs)}개입니다.")
    for program in programs:
        assert f"• {program.name.get('ko')} — " in reply["plain"]
    assert button_data(reply)[:len(programs)] == [f"p:{p.id}::a.{area}" for p in programs]


def _examples(plain: str) -> list[str]:
    return [line.split(" ", 1)[1] for line in plain.splitlines() if line.startswith("• ")]


async def test_the_fallback_examples_follow_what_was_asked_and_who_asks(bot, kb):
    # Nothing near the question and nothing said about who asks: no examples at all.
    assert _examples((await bot.say("오늘 점심 뭐 먹지"))[0]["plain"]) == []
    # A student asking something the knowledge base does not cover: programs for job seekers, the kind
    # of person a student is (knowledge/asker.py, knowledge/eligibility.py), none of them for companies.
    plain = (await bot.say("대학생인데 인턴 할 수 있는 곳 있나요"))[0]["plain"]
    assert bot.last_enquiry()["kind"] == "fallback"
    examples = _examples(plain)
    assert examples
    shown = [p for p in kb.programs if any(e.startswith(p.name.get("ko")) for e in examples)]
    assert len(shown) == len(examples) and all("job_seeker" in p.audience for p in shown)

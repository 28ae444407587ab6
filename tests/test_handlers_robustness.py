"""Nothing a user sends breaks the bot: media, edits, groups, huge messages, long answers, errors."""
from __future__ import annotations

import asyncio
import logging

import pytest
from telegram import Update

from botapi.telegram_html import utf16_len
from conftest import button_data, write_knowledge
from handlers import callback_data as cb
from handlers.cards import AUDIENCE_LISTS
from handlers.processing import ChatOrderedUpdateProcessor
from intents.decision import Decision

NONTEXT_REPLY = "죄송합니다. 저는 글로 적어 주신 질문만 읽을 수 있습니다. 궁금한 점을 글로 적어 주세요. 🙂"


@pytest.mark.parametrize("kind", ["sticker", "photo", "voice", "document", "location"])
async def test_media_gets_a_short_note_that_the_bot_reads_text(bot, kind):
    sent = await bot.send(getattr(bot.updates, kind)())
    assert [s["plain"] for s in sent] == [NONTEXT_REPLY]
    enquiry = bot.last_enquiry()
    assert enquiry["source"] == "nontext" and enquiry["text"].startswith(f"[{kind}]")


async def test_an_edited_message_is_answered_as_a_new_question(bot, kb):
    await bot.say("오늘 점심 뭐 먹지")
    sent = await bot.send(bot.updates.edited("무역사절단 신청 방법"))
    assert sent[0]["plain"].startswith(kb.program("trade-mission").name.get("ko"))
    enquiry = bot.last_enquiry()
    assert (enquiry["source"], enquiry["item_id"]) == ("edited", "trade-mission")
    assert bot.api.calls_of("sendMessage")[-1]["reply_parameters"]  # quotes the edited question


async def test_in_groups_only_mentions_and_replies_are_answered_or_recorded(bot, store):
    assert await bot.send(bot.updates.group_message("무역사절단 신청 방법")) == []
    assert store.enquiries.recent(1001) == []  # other people's conversation is not kept

    mentioned = await bot.send(bot.updates.group_message("무역사절단 신청 방법", mention=True))
    assert mentioned[0]["chat_id"] == -100123 and "무역사절단" in mentioned[0]["plain"]
    enquiry = bot.last_enquiry()
    assert enquiry["text"] == "@agency_demo_bot 무역사절단 신청 방법" and enquiry["item_id"] == "trade-mission"
    assert bot.api.calls_of("sendMessage")[-1]["reply_parameters"]  # in a group the answer quotes the question

    replied = await bot.send(bot.updates.group_message("오늘 점심 뭐 먹지", reply_to_bot=True))
    assert replied[0]["plain"].startswith("죄송합니다")

    called = await bot.send(bot.updates.group_message("", mention=True))
    assert called[0]["plain"].startswith("부르셨나요?")

    assert await bot.send(bot.updates.sticker(chat_id=-100123)) == []
    assert await bot.send(bot.updates.message("/help@other_bot", chat_id=-100123, chat_type="supergroup",
                                              entities=[{"type": "bot_command", "offset": 0, "length": 15}])) == []
    assert (await bot.send(bot.updates.message("/help", chat_id=-100123, chat_type="supergroup",
                                               entities=[{"type": "bot_command", "offset": 0, "length": 5}])))


async def test_a_10000_character_message_is_cut_to_telegrams_limit_and_answered(bot):
    """Telegram sends at most 4,096 characters; a longer text (a forged update) is cut before it is kept."""
    text = ("수소충전소 구축 사업에 대해 여쭤보고 싶습니다. " * 400)[:10_000]
    sent = await bot.say(text)
    assert sent and all(utf16_len(s["plain"]) <= 4096 for s in sent)
    assert bot.last_enquiry()["text"] == text[:4096]
    assert bot.last_enquiry()["kind"] is not None


async def test_a_long_answer_is_split_at_paragraphs_with_buttons_under_the_last_part(tmp_path, make_bot):
    paragraphs = [f"{i}번째 문단입니다. <중요> & 참고: " + "진흥원의 지원사업 안내 문장입니다. " * 25 for i in range(20)]
    answer = "\n\n".join(paragraphs)
    assert len(answer) > 10_000
    kb = write_knowledge(tmp_path, "faqs:\n  - id: long-one\n    questions: [아주 긴 안내 보여 주세요]\n"
                                   "    answer: |\n" + "".join(f"      {line}\n" for line in answer.split("\n")))
    async with make_bot(kb) as bot:
        sent = await bot.say("아주 긴 안내 보여 주세요")
    assert len(sent) >= 3
    assert all(s["method"] == "sendMessage" and utf16_len(s["plain"]) <= 4096 for s in sent)
    assert all(s["reply_markup"] is None for s in sent[:-1]) and button_data(sent[-1])[-1].startswith("fb:")
    # Cut only between paragraphs (the space ending one is dropped at a cut), nothing lost or escaped twice.
    shown = [p.strip() for s in sent for p in s["plain"].split("\n\n")]
    assert shown == [p.strip() for p in paragraphs]


class BrokenMatcher:
    def match(self, text: str, lang: str | None = None, context: object = None) -> Decision:
        raise RuntimeError("boom")


async def test_an_error_in_a_handler_gets_a_polite_answer_and_the_enquiry_is_kept(kb, make_bot, store, caplog):
    async with make_bot(kb, matcher=BrokenMatcher()) as bot:
        with caplog.at_level(logging.ERROR):
            sent = await bot.say("개인정보 홍길동 010-1234-5678 무역사절단")
    assert [s["plain"] for s in sent] == [
        "죄송합니다. 요청을 처리하는 중에 문제가 생겼습니다. 잠시 후 다시 시도해 주세요. "
        "문제가 계속되면 '담당자 문의'를 이용해 주세요."]
    assert store.enquiries.recent(1001)[0]["text"] == "개인정보 홍길동 [phone] 무역사절단"  # kept, the number masked
    assert "RuntimeError" in caplog.text
    assert "홍길동" not in caplog.text and "010-1234-5678" not in caplog.text  # no personal data in the log


async def test_an_error_after_a_button_was_answered_still_reaches_the_user(bot, monkeypatch):
    await bot.say("무역사절단 신청 방법")

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("handlers.cards.program_card", broken)
    sent = await bot.press("p:trade-mission:period")
    assert sent[-1]["plain"].startswith("죄송합니다. 요청을 처리하는 중에")


async def test_a_user_who_blocked_the_bot_does_not_break_it(bot):
    bot.api.fail_next("sendMessage", 403, "Forbidden: bot was blocked by the user")
    assert await bot.say("무역사절단 신청 방법") == []
    assert bot.last_enquiry()["item_id"] == "trade-mission"
    assert (await bot.say("무역사절단 신청 방법"))[0]["plain"].startswith("무역사절단")


async def test_unknown_buttons_are_answered_as_out_of_date(bot):
    await bot.command("/start")
    for data in ("zz:old-format", "p:", "p:trade-mission:nonsense", "fb:abc:1", "b:x.y", "f:no-such-faq", "i:nope"):
        assert await bot.press(data) == [], data
        assert bot.api.answers[-1]["show_alert"] is True
    assert len(bot.api.answers) == 7  # every press answered, so no button keeps spinning


def test_every_callback_of_the_shipped_knowledge_fits_telegrams_limit(shipped_kb):
    kb = shipped_kb  # a check of the shipped files themselves
    lists = [cb.ListKey("a", a.id, 9) for a in kb.areas] + [cb.ListKey("u", u, 9) for u in AUDIENCE_LISTS]
    for program in kb.programs:
        for aspect in ("", *program.aspects):
            for back in lists:
                data = cb.program(program.id, aspect, back)
                assert data == f"p:{program.id}:{aspect}:{back}" and cb.fits(data)
                assert cb.parse_program(data) == cb.ProgramButton(program.id, aspect, back)
    for item in (*kb.faqs, *kb.intents):
        assert cb.faq(item.id) and cb.intent(item.id)


def test_a_program_id_too_long_for_a_back_link_still_gets_a_button():
    long_id = "a" * 50
    assert cb.program(long_id, "eligibility", cb.ListKey("u", "job_seeker", 3)) == f"p:{long_id}:eligibility"
    assert cb.program("b" * 70) is None


async def test_updates_of_one_chat_run_in_order_while_other_chats_run_alongside():
    processor = ChatOrderedUpdateProcessor(8)
    events: list[str] = []

    async def work(name: str, delay: float) -> None:
        events.append(f"start {name}")
        await asyncio.sleep(delay)
        events.append(f"end {name}")

    class Update_:  # only effective_chat is read
        def __init__(self, chat_id: int) -> None:
            self.effective_chat = type("Chat", (), {"id": chat_id})()

    from telegram import Update

    def update(chat_id: int, update_id: int) -> Update:
        return Update.de_json({"update_id": update_id, "message": {
            "message_id": update_id, "date": 0, "chat": {"id": chat_id, "type": "private"}, "text": "x"}}, None)

    async with processor:
        await asyncio.gather(
            processor.process_update(update(1, 1), work("a1", 0.03)),
            processor.process_update(update(1, 2), work("a2", 0.0)),
            processor.process_update(update(2, 3), work("b1", 0.0)),
        )
    assert events.index("end a1") < events.index("start a2")  # same chat: one after the other
    assert events.index("end b1") < events.index("end a1")    # another chat did not wait
    assert processor._chats == {}                            # nothing left behind


@pytest.mark.parametrize("command", ["/start", "/help", "/lang", "/programs", "/contact", "/cancel", "/mytickets",
                                     "/mydata", "/forget"])
async def test_an_edited_command_is_not_run_again(bot, command):
    update = bot.updates.command(command)
    first = await bot.send(update)
    assert first  # the command itself was answered
    edited = {**bot.api.message(1001, update.message.message_id), "text": command + " ", "edit_date": 2}
    said = await bot.send(Update.de_json({"update_id": bot.api.next_update_id(), "edited_message": edited},
                                         bot.app.bot))
    assert said == []


TOO_OLD = "Bad Request: query is too old and response timeout expired or query id is invalid"
APOLOGY = "요청을 처리하는 중에 문제가 생겼습니다"


async def _card(bot):
    card = (await bot.say("무역사절단 신청 방법"))[-1]
    return next(d for d in button_data(card) if d.startswith("p:") and d != "p:trade-mission:")


@pytest.mark.parametrize("setup, data, shown", [
    (lambda bot: bot.command("/programs"), lambda bot: "b:a.hydrogen", "수소"),
    (lambda bot: bot.command("/lang"), lambda bot: "l:en", "I will answer in English"),
    (lambda bot: bot.command("/start"), lambda bot: "m:help", "/programs"),
    (lambda bot: bot.command("/help"), lambda bot: "m:menu", ""),
    (lambda bot: bot.command("/start"), lambda bot: "fu:start", "개인정보"),
    (lambda bot: bot.command("/forget"), lambda bot: "pv:forget:no", ""),
    (_card, None, "무역사절단"),
    (lambda bot: bot.say("안녕"), lambda bot: "zz:unknown", None),
])
async def test_a_press_too_old_to_answer_still_gets_its_card(bot, setup, data, shown):
    """A late press (a backlog after a restart, a long flood wait): Telegram refuses to answer the query,
    the press still does what it was for, and nobody gets the error apology."""
    result = await setup(bot)
    press = result if data is None else data(bot)
    bot.api.fail_next("answerCallbackQuery", 400, TOO_OLD)
    said = await bot.press(press)
    assert not any(APOLOGY in s["plain"] for s in said)
    assert not any(APOLOGY in (a["text"] or "") for a in bot.api.answers)
    if shown is not None:
        assert said and shown in said[-1]["plain"]


@pytest.mark.parametrize("kind", ["photo", "document"])
async def test_a_caption_is_answered_as_the_question(bot, kb, kind):
    """A screenshot captioned with a question: the caption is answered (the picture itself is not read)."""
    sent = await bot.send(getattr(bot.updates, kind)(caption="  무역사절단 신청 방법 "))
    assert len(sent) == 1 and sent[0]["plain"].startswith(kb.program("trade-mission").name.get("ko"))
    enquiry = bot.last_enquiry()
    assert enquiry["text"].startswith(f"[{kind}]") and "무역사절단 신청 방법" in enquiry["text"]
    assert enquiry["item_id"] == "trade-mission"


async def test_a_caption_of_only_spaces_gets_the_note(bot):
    sent = await bot.send(bot.updates.photo(caption="   "))
    assert [s["plain"] for s in sent] == [NONTEXT_REPLY]

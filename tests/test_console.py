"""The console chat: a scripted conversation through a real Application and the in-process Bot API."""
from __future__ import annotations

import html
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    MessageHandler,
    filters,
)

from botapi import InProcessBotAPI
from conftest import FROZEN_ARGS, FROZEN_INTENTS, FROZEN_KNOWLEDGE
from console.chat import run_console
from console.render import display_width, render_text, wrap
from test_reload import NEW_FAQ

ROOT = Path(__file__).resolve().parent.parent
MENU = InlineKeyboardMarkup([
    [InlineKeyboardButton("자격요건", callback_data="aspect:eligibility"),
     InlineKeyboardButton("지원내용", callback_data="aspect:support")],
    [InlineKeyboardButton("홈페이지", url="https://www.cwip.or.kr")],
])


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Greet by name, with the menu."""
    name = html.escape(update.effective_user.first_name)
    await update.effective_message.reply_text(f"안녕하세요, <b>{name}</b>님!\n무엇을 도와드릴까요?", reply_markup=MENU)


async def ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    text = html.escape(update.effective_message.text)
    await update.effective_message.reply_text(
        f'<i>{text}</i>에 대한 안내는 <a href="https://www.cwip.or.kr/notice">공고</a>를 보세요 &amp; 문의 주세요.')


async def press(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer with a toast and edit the card in place, keeping the keyboard."""
    query = update.callback_query
    await query.answer(f"{query.data} 선택")
    await query.edit_message_text(f"<b>{query.data}</b> 안내입니다.", reply_markup=MENU)


async def nontext(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.effective_message.reply_text("글로 적어 주세요.")


@pytest.fixture
def api() -> InProcessBotAPI:
    return InProcessBotAPI()


@pytest.fixture
def app(api):
    application = (ApplicationBuilder().token("123:TEST").request(api).get_updates_request(api).updater(None)
                   .defaults(Defaults(parse_mode=ParseMode.HTML)).build())
    application.add_handler(CommandHandler("start", start))
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, ask))
    application.add_handler(CallbackQueryHandler(press))
    application.add_handler(MessageHandler(~filters.TEXT, nontext))
    return application


async def chat(app, api, script: str, **kw) -> str:
    out = io.StringIO()
    await run_console(app, api, stdin=io.StringIO(script), stdout=out, **kw)
    return out.getvalue()


async def test_scripted_conversation_transcript(app, api):
    transcript = await chat(app, api, "/start\n2\n3\n9\n창업 자금 <지원>\n1\n/quit\nnever read\n")
    lines = transcript.splitlines()
    assert lines[0].startswith("창원산업진흥원 안내 챗봇")
    assert "번호" in lines[1] and "/quit" in lines[2]
    body = "\n".join(lines[3:])
    expected = """
나> /start
봇: 안녕하세요, 방문자님!
    무엇을 도와드릴까요?
    [1] 자격요건  [2] 지원내용
    [3] 홈페이지 🔗

나> 2
    → 지원내용
    ⓘ aspect:support 선택
봇 (수정됨): aspect:support 안내입니다.
    [1] 자격요건  [2] 지원내용
    [3] 홈페이지 🔗

나> 3
    → 홈페이지
    이 버튼은 링크를 엽니다: https://www.cwip.or.kr

나> 9
    9번 버튼은 없습니다 (1–3번 중에서 골라 주세요).

나> 창업 자금 <지원>
봇: 창업 자금 <지원>에 대한 안내는 공고 (https://www.cwip.or.kr/notice)를 보세요 & 문의 주세요.

나> 1
봇: 1에 대한 안내는 공고 (https://www.cwip.or.kr/notice)를 보세요 & 문의 주세요.

대화를 마칩니다. 이용해 주셔서 감사합니다."""
    assert body == expected
    assert "\x1b[" not in transcript  # no colour codes into a pipe
    # the button press reached the handler as a callback query on the menu's message
    assert api.sent[1]["method"] == "editMessageText" and api.sent[1]["message_id"] == api.sent[0]["message_id"]


async def test_eof_ends_and_non_text_and_english(app, api):
    transcript = await chat(app, api, "1\n:sticker\n:photo 사업자등록증\n/start", user_lang="en")
    assert transcript.splitlines()[0].startswith("Changwon Industry Promotion Agency")
    assert "There are no buttons to press" in transcript
    assert transcript.count("Bot: 글로 적어 주세요.") == 2
    assert "Hello" not in transcript and "Visitor" in transcript  # the user's name follows the language
    assert transcript.rstrip().endswith("Goodbye, and thank you.")
    assert app.running is False  # run_console started and stopped the application itself


async def test_the_goodbye_follows_the_language_chosen_with_lang(settings, kb, matcher, store):
    from bot import build_application

    api = InProcessBotAPI()
    real = build_application(settings, kb=kb, matcher=matcher, store=store, request=api, get_updates_request=api,
                             background_jobs=False)
    transcript = await chat(real, api, "/lang\n2\n/quit\n")
    assert "I will answer in English from now on." in transcript
    assert transcript.rstrip().endswith("Goodbye, and thank you.")


async def test_greet_sends_start_first(app, api):
    transcript = await chat(app, api, "", greet=True)
    assert "봇: 안녕하세요, 방문자님!" in transcript
    assert api.calls_of("sendMessage")[0]["chat_id"] == 1


def test_wrap_keeps_the_indent_and_counts_hangul_as_two_columns():
    line = "    " + "가나다 " * 10
    parts = wrap(line.rstrip(), 20, "    ")
    assert all(display_width(p) <= 20 for p in parts)
    assert all(p.startswith("    ") for p in parts)
    assert " ".join(p.strip() for p in parts) == line.strip()


def test_render_text_with_ansi_styles():
    styled = render_text('<b>굵게</b> <a href="https://x.kr">링크</a>', "HTML", ansi=True)
    assert "\x1b[0;1m" not in styled and "\x1b[1m굵게" in styled.replace("\x1b[0m\x1b[1m", "\x1b[1m")
    assert "링크" in styled and "(https://x.kr)" in styled
    assert render_text("a <b>b</b>", None, ansi=False) == "a <b>b</b>"  # not HTML: shown as sent
    assert render_text("<blockquote>인용</blockquote>끝", "HTML", ansi=False) == "│ 인용끝"


def test_bot_py_chat_with_piped_stdin_and_no_token(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    env.update(BOT_DB=str(tmp_path / "bot.db"), NO_COLOR="1")
    script = "/start\n1\n청년창업사관학교 신청 자격이 어떻게 되나요\n"
    done = subprocess.run([sys.executable, "bot.py", "chat", *FROZEN_ARGS], cwd=ROOT, env=env, input=script,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "나> /start" in out and "봇:" in out
    assert "[1]" in out  # the main menu's buttons, numbered
    assert "봇 (수정됨):" in out or out.count("봇:") >= 3  # pressing 1 edited the menu or answered anew
    assert "Traceback" not in done.stderr


def test_a_piped_script_is_answered_line_by_line_with_one_label_language(tmp_path):
    """The console's one user is the operator: twelve lines piped at once are all answered (no flood gate),
    and an English question between Korean ones does not switch the labels to "You>"/"Bot:"."""
    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    env.update(BOT_DB=str(tmp_path / "bot.db"), NO_COLOR="1")
    lines = ["/help", "안녕하세요", "hello", "무역사절단 신청 방법", "how do I apply for the trade mission",
             "창업보육센터 알려주세요", "수소 관련 지원사업 뭐 있어요", "고맙습니다", "thanks", "/programs",
             "청년 일자리 뭐 있어요", "안녕히 계세요"]
    done = subprocess.run([sys.executable, "bot.py", "chat", *FROZEN_ARGS], cwd=ROOT, env=env,
                          input="\n".join(lines) + "\n", capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "잠시 답변을 멈추었습니다" not in out and "paused my answers" not in out
    echoed = [line for line in out.splitlines() if line.endswith(tuple(lines)) and ">" in line]
    assert [line.split("> ", 1)[0] for line in echoed] == ["나"] * len(lines)
    assert "You>" not in out and "Bot:" not in out
    answers = [line for line in out.splitlines() if line.startswith(("봇:", "봇 (수정됨):"))]
    assert len(answers) >= len(lines)  # every line answered (a program list edits its message in place)


def test_bot_py_chat_reloads_the_knowledge_files(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    env.update(BOT_DB=str(tmp_path / "bot.db"), NO_COLOR="1")
    done = subprocess.run([sys.executable, "bot.py", "chat", *FROZEN_ARGS], cwd=ROOT, env=env,
                          input="/reload\n", capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "콘솔: ✅ 지식 파일을 다시 읽었습니다." in done.stdout


async def test_reload_in_the_console_answers_from_the_edited_files(tmp_path, settings, store):
    """The operator edits a knowledge file and types /reload: the next question is answered from it."""
    from bot import build_application
    from console.chat import ConsoleChat
    from handlers import reload
    from intents.matcher import Matcher
    from knowledge.loader import load_or_raise

    knowledge, intents = tmp_path / "knowledge", tmp_path / "intents"
    shutil.copytree(FROZEN_KNOWLEDGE, knowledge)
    shutil.copytree(FROZEN_INTENTS, intents)
    kb = load_or_raise(knowledge, intents)
    api = InProcessBotAPI()
    app = build_application(settings, kb=kb, matcher=Matcher(kb), store=store, request=api, get_updates_request=api,
                            background_jobs=False)
    reload.register(app, knowledge, intents, Matcher, watch=False)
    out = io.StringIO()
    chat = ConsoleChat(app, api, stdin=io.StringIO(), stdout=out)
    api.listen(chat.on_call)
    async with app:
        await chat.send("진흥원 주차장 이용 시간 알려주세요")
        assert "테스트 답변입니다" not in out.getvalue()
        agency = knowledge / "agency.yaml"
        agency.write_text(agency.read_text(encoding="utf-8") + NEW_FAQ, encoding="utf-8")
        await chat.send("/reload")
        assert "콘솔: ✅ 지식 파일을 다시 읽었습니다." in out.getvalue()
        await chat.send("진흥원 주차장 이용 시간 알려주세요")
        assert out.getvalue().rstrip().endswith("테스트 답변입니다. 주차장 안내는 담당자에게 문의해 주세요.") or \
            "봇: 테스트 답변입니다" in out.getvalue()
        (knowledge / "broken.yaml").write_text("faqs:\n  - id: Bad Id\n", encoding="utf-8")
        await chat.send("/reload")
        assert "broken.yaml" in out.getvalue() and "이전 버전" in out.getvalue()


async def test_digits_longer_than_any_button_number_are_text(app, api):
    """At a step that expects text (a phone number), `123` is not "button 123": with three buttons on the
    last message only a one-digit number can be meant as a button."""
    transcript = await chat(app, api, "/start\n123\n/quit\n")
    assert "123번 버튼은 없습니다" not in transcript
    assert "봇: 123에 대한 안내는" in transcript

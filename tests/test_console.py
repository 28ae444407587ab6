"""The console chat: a scripted conversation through a real Application and the in-process Bot API."""
from __future__ import annotations

import html
import io
import os
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
from conftest import FROZEN_ARGS
from console.chat import run_console
from console.render import display_width, render_text, wrap

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

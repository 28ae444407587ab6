"""The follow-up and the staff desk through `python bot.py`, long polling the loopback Bot API over HTTP.

What people met (issue #9), end to end in the real process: consent given by typing 네, a name given as
"김민수입니다", a phone number typed into an anonymous question, a 👎 on an answer; then the operator's
`enquiries` commands on the same database.
"""
from __future__ import annotations

import asyncio
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

from botapi import UpdateFactory
from conftest import FROZEN_ARGS
from botapi.loopback import LoopbackBotAPIServer
from conftest import wait_until
from handlers import callback_data as cb

ROOT = Path(__file__).resolve().parent.parent
# The frozen knowledge of the bot's tests (tests/data/frozen), not the shipped files staff rewrite.
KNOWLEDGE = FROZEN_ARGS
STAFF_CHAT, STAFF = -100777, 501
NAMED, ANONYMOUS, RATER, FORGETTER = 11, 12, 13, 14
PHONE = "055-123-4567"


def texts_to(server: LoopbackBotAPIServer, chat: int) -> list[str]:
    return [entry.get("plain") or entry.get("text") or "" for entry in server.api.sent_to(chat)]


async def say(server: LoopbackBotAPIServer, factory: UpdateFactory, user: int, text: str, expect: str) -> None:
    """Send `text` as `user` and wait for a new message to them containing `expect`."""
    before = len(server.api.sent_to(user))
    server.push_update(factory.command(text, user_id=user) if text.startswith("/") else
                       factory.message(text, user_id=user))
    await wait_until(lambda: any(expect in t for t in texts_to(server, user)[before:]))


async def leave_a_ticket(server: LoopbackBotAPIServer, factory: UpdateFactory, user: int, introduction: str,
                         name: str, contact: str, question: str) -> None:
    """The follow-up typed through: consent by 네, the name in a sentence (`introduction`), the contact, the
    question, 접수 by 네; each step waits for the bot's next prompt."""
    for text, expect in (("/contact", "개인정보 수집·이용 동의"), ("네", "성함"), (introduction, f"{name}님"),
                         (contact, "질문"), (question, "접수할까요"), ("네", "접수 번호")):
        await say(server, factory, user, text, expect)


def enquiries(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "bot.py"), "enquiries", *args], cwd=ROOT, timeout=60,
                          env={**os.environ, "BOT_DB": str(db)}, capture_output=True, text=True)


async def test_the_desk_bars_through_bot_py_over_http(tmp_path: Path) -> None:
    db = tmp_path / "data" / "bot.db"
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": "123:TEST", "BOT_DB": str(db), "PYTHONUNBUFFERED": "1",
           "STAFF_CHAT_ID": str(STAFF_CHAT), "STAFF_USER_IDS": str(STAFF)}
    async with LoopbackBotAPIServer() as server:
        env["TELEGRAM_BASE_URL"] = server.base_url
        proc = await asyncio.create_subprocess_exec(sys.executable, str(ROOT / "bot.py"), *KNOWLEDGE, cwd=ROOT, env=env,
                                                    stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
        factory = UpdateFactory(None, api=server.api)
        try:
            await wait_until(lambda: bool(server.api.calls_of("getUpdates")), timeout=30)
            # Consent typed, a name in a sentence.
            await leave_a_ticket(server, factory, NAMED, "김민수입니다", "김민수", "010 2468 1357",
                                 "수소충전소 부지 임대 조건이 궁금합니다")
            # Consent refused by typing, a phone number in the question.
            await say(server, factory, ANONYMOUS, "/contact", "개인정보 수집·이용 동의")
            await say(server, factory, ANONYMOUS, "아니요", "질문")
            await say(server, factory, ANONYMOUS, f"수출 바우처 문의입니다. {PHONE} 로 연락 주세요", "빼고 전해")
            await say(server, factory, ANONYMOUS, "네", "접수 번호")
            # An answer rated 👎.
            await say(server, factory, RATER, "예비창업자 지원 신청 자격이 어떻게 되나요", "")
            answer = server.api.sent_to(RATER)[-1]
            down = next(b["callback_data"] for row in answer["reply_markup"]["inline_keyboard"] for b in row
                        if b.get("callback_data", "").startswith("fb:") and b["callback_data"].endswith(":0"))
            assert cb.parse_feedback(down) is not None
            before = len(server.api.calls)
            server.push_update(factory.callback(down, user_id=RATER, message_id=answer["message_id"]))
            await wait_until(lambda: len(server.api.calls) > before + 1)
            await wait_until(lambda: len(server.api.sent_to(STAFF_CHAT)) >= 2)  # both cards posted
            # A ticket, then /forget confirmed by typing: the card is edited to deleted and closed.
            await leave_a_ticket(server, factory, FORGETTER, "박지우입니다", "박지우", "jiwoo.park@example.org",
                                 "방산 전시회 참가 지원 문의드립니다")
            await wait_until(lambda: len(server.api.sent_to(STAFF_CHAT)) >= 3)
            await say(server, factory, FORGETTER, "/forget", "삭제할까요")
            await say(server, factory, FORGETTER, "네", "삭제했습니다")
            await wait_until(lambda: any(e["method"] == "editMessageText" and "삭제 · 종결" in (e.get("plain") or "")
                                         for e in server.api.sent_to(STAFF_CHAT)))
        finally:
            proc.terminate()
            output, _ = await asyncio.wait_for(proc.communicate(), 20)
    assert proc.returncode is not None and "Traceback" not in output.decode("utf-8", "replace")

    with sqlite3.connect(db) as conn:
        tickets = dict(conn.execute("SELECT user_id, coalesce(name, '') || '|' || question FROM tickets"))
        helpful = conn.execute("SELECT helpful FROM feedback").fetchall()
    assert tickets[NAMED].startswith("김민수|")
    assert PHONE not in tickets[ANONYMOUS] and "[phone]" in tickets[ANONYMOUS]
    assert helpful == [(0,)]
    raw = b"".join(p.read_bytes() for p in db.parent.glob(db.name + "*"))
    assert PHONE.encode() not in raw
    cards = texts_to(server, STAFF_CHAT)
    assert any("김민수" in card for card in cards) and not any(PHONE in card for card in cards)

    exported = enquiries(db, "export", "--format", "xlsx")
    [xlsx] = list((db.parent / "exports").glob("enquiries-*.xlsx"))
    assert exported.returncode == 0 and stat.S_IMODE(xlsx.stat().st_mode) == 0o600
    ignored = subprocess.run(["git", "check-ignore", "-q", "data/exports/enquiries-2026-01-01.xlsx"], cwd=ROOT)
    assert ignored.returncode == 0  # the default data folder is git-ignored

    forgotten = [line for line in enquiries(db, "list").stdout.splitlines() if "(deleted)" in line]
    assert len(forgotten) == 1 and " closed " in forgotten[0]
    assert "No open tickets" not in enquiries(db, "list", "--status", "open").stdout  # the other two wait
    staff_chat_now = [m.get("text") or "" for (chat, _), m in server.api.messages.items() if chat == STAFF_CHAT]
    assert any("삭제 · 종결" in text for text in staff_chat_now)
    assert not any("박지우" in text or "jiwoo" in text for text in staff_chat_now)  # the card as it reads now

    unanswered = enquiries(db, "unanswered", *KNOWLEDGE)
    assert unanswered.returncode == 0 and "예비창업자 지원 신청 자격이 어떻게 되나요" in unanswered.stdout

"""Chat with the bot in a terminal: the same Application and handlers, no Telegram.

The Application is built on an `InProcessBotAPI`; every line typed becomes the update Telegram would
send (a message, a /command, or a button press when the line is the number of a button on the bot's
latest message) and goes through
`application.process_update`. What the bot sends comes back through the API's listener and is
printed: HTML made readable, buttons numbered, edits of earlier messages marked as such.

Piped input works too (`printf '/start\n1\n' | python bot.py chat`): without a terminal there is no
prompt and no colour, and each input line is echoed so that the output reads as a conversation.

A few lines stand for what a keyboard cannot type: `:photo`, `:sticker`, `:voice`, `:file`,
`:location` send those kinds of message, and `:edit TEXT` edits your last message. `/reload` reads the
knowledge files again (handlers/reload.py), for whoever edits them and tries the result here; /quit ends.

The console's own lines (the prompt's "나>", "봇:", notices, goodbye) keep one language: the console's
(ko, or en for an English user_lang), or the one chosen with /lang. The bot answers each question in its
language as on Telegram, but the labels do not switch with it.
"""
from __future__ import annotations

import asyncio
import os
import shutil
import signal
import sys
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any, TextIO

import yaml
from telegram import Update
from telegram.ext import Application

from botapi.inprocess import InProcessBotAPI
from botapi.updates import Sender, UpdateFactory
from console.render import buttons_of, render_buttons, render_text, wrap
from handlers.bounds import INPUT_LIMIT
from handlers.context import CHOSEN_LANG
from handlers.services import services_of
from handlers.texts import LANGS

TEXTS_FILE = Path(__file__).with_name("texts.yaml")
QUIT_COMMANDS = frozenset({"/quit", "/exit"})
RELOAD_COMMAND = "/reload"
CONSOLE_USER_ID = 1
_INDENT = "    "


@lru_cache(maxsize=1)
def _texts() -> dict[str, dict[str, str]]:
    with open(TEXTS_FILE, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def read_line(stream: TextIO, limit: int = INPUT_LIMIT) -> str:
    """One line of at most `limit` characters (plus its line break); the rest of a longer line is read
    and dropped in pieces, so a 20 MB line never sits in memory whole. "" at the end of the input."""
    line = stream.readline(limit + 1)
    if len(line) <= limit or line.endswith("\n"):
        return line
    while True:  # drain the rest of the line
        rest = stream.readline(1 << 16)
        if not rest or rest.endswith("\n"):
            return line[:limit] + "\n"


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


class ConsoleChat:
    """One terminal conversation between a person (user 1, private chat) and the Application."""

    def __init__(self, application: Application, api: InProcessBotAPI, *, stdin: TextIO, stdout: TextIO,
                 user_lang: str = "ko", user_id: int = CONSOLE_USER_ID) -> None:
        self.application = application
        self.api = api
        self.stdin = stdin
        self.stdout = stdout
        self.user_id = user_id
        self.user_lang = user_lang
        self.lang = "en" if user_lang.lower().startswith("en") else "ko"
        self.interactive = _isatty(stdin)
        self.ansi = _isatty(stdout) and not os.environ.get("NO_COLOR")
        self.factory = UpdateFactory(application.bot, api=api, first_name=self.t("user_name"))
        self._last_user_message_id: int | None = None

    def t(self, key: str, **values: Any) -> str:
        text = _texts()[key][self.current_lang()]
        return text.format(**values) if values else text

    def current_lang(self) -> str:
        """The language of the console's own lines (prompt, labels, notices, goodbye): /lang's choice, else
        the console's own (from `user_lang`). Not the last question's: an English question between Korean
        ones would switch "나>" to "You>" and back."""
        chosen = (self.application.user_data.get(self.user_id) or {}).get(CHOSEN_LANG)
        return chosen if chosen in LANGS else self.lang

    # ------------------------------------------------------------------ output
    def _write(self, text: str) -> None:
        self.stdout.write(text + "\n")
        self.stdout.flush()

    def _style(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.ansi else text

    def _print_message(self, label: str, text: str, reply_markup: dict | None) -> None:
        lines = text.split("\n") if text else []
        lines += render_buttons(reply_markup, ansi=self.ansi)
        lines = [f"{self._style(label, '1;32')} {lines[0] if lines else ''}".rstrip()] + [
            _INDENT + line if line else "" for line in lines[1:]]
        # On a terminal, wrap to its width keeping the indent; into a pipe, leave lines whole.
        width = shutil.get_terminal_size().columns - 1 if self.ansi else 0
        for line in lines:
            for part in wrap(line, width, _INDENT):
                self._write(part)

    def on_call(self, method: str, params: dict, result: Any) -> None:
        """Print what the bot just did, as it happens (the API calls this after each call)."""
        entry = self.api.sent[-1] if self.api.sent else None
        bot = self.t("bot")
        if method in ("sendMessage", "editMessageText", "editMessageCaption", "sendDocument", "sendPhoto",
                      "forwardMessage", "copyMessage", "editMessageReplyMarkup", "deleteMessage"):
            if entry is None:
                return
            label = f"{bot}:"
            if entry["chat_id"] != self.user_id:
                label = f"{bot} → {self.t('to_chat', chat=entry['chat_id'])}:"
            if method == "deleteMessage":
                self._write(self._style(self.t("deleted"), "2"))
                return
            if method == "editMessageReplyMarkup" and not entry.get("reply_markup"):
                return  # buttons taken off a message already answered: nothing a reader needs to see
            if method.startswith("edit"):
                what = self.t("buttons_changed") if method == "editMessageReplyMarkup" else self.t("edited")
                label = f"{bot} ({what}):"
            if method == "editMessageReplyMarkup":
                text = ""
            elif method in ("forwardMessage", "copyMessage"):
                text = entry.get("plain") or ""
            else:
                text = render_text(entry["text"], entry["parse_mode"], ansi=self.ansi)
            if method in ("sendDocument", "sendPhoto"):
                name = entry.get("file_name") or self.t("file")
                text = f"📎 {name}" + (f"\n{text}" if text else "")
            self._print_message(label, text, entry["reply_markup"])
        elif method == "answerCallbackQuery" and params.get("text"):
            if params.get("show_alert"):
                self._write(f"{_INDENT}[{self.t('alert')}] {params['text']}")
            else:
                self._write(_INDENT + self._style(f"ⓘ {params['text']}", "2"))

    # ------------------------------------------------------------------ input -> updates
    def update_for(self, line: str) -> Update | str | None:
        """The update a typed line stands for; a str is a console notice to print instead."""
        text = line.strip()
        if not text:
            return None
        if text.isdigit() and len(text) <= 3:
            pressed = self._press(int(text))
            if pressed is not None:
                return pressed
        kw: Sender = {"user_id": self.user_id, "lang": self.user_lang}
        if text.startswith("/"):
            command, _, args = text.partition(" ")
            return self.factory.command(command, args.strip(), **kw)
        if text.startswith(":"):
            word, _, rest = text[1:].partition(" ")
            special = {
                "photo": lambda: self.factory.photo(caption=rest or None, **kw),
                "사진": lambda: self.factory.photo(caption=rest or None, **kw),
                "sticker": lambda: self.factory.sticker(**kw),
                "스티커": lambda: self.factory.sticker(**kw),
                "voice": lambda: self.factory.voice(**kw),
                "음성": lambda: self.factory.voice(**kw),
                "file": lambda: self.factory.document(**kw),
                "파일": lambda: self.factory.document(**kw),
                "location": lambda: self.factory.location(**kw),
                "위치": lambda: self.factory.location(**kw),
            }
            if word.lower() in special:
                return special[word.lower()]()
            if word.lower() in ("edit", "수정") and rest:
                return self.factory.edited(rest, message_id=self._last_user_message_id, **kw)
        update = self.factory.message(text, **kw)
        self._last_user_message_id = update.message.message_id
        return update

    def _latest_bot_message(self) -> dict | None:
        """The bot's newest message in this chat (edited in place, it keeps its place)."""
        bot_id = self.api.bot_user["id"]
        mine = [m for (chat, _), m in self.api.messages.items()
                if chat == self.user_id and m.get("from", {}).get("id") == bot_id]
        return max(mine, key=lambda m: m["message_id"], default=None)

    def _press(self, number: int) -> Update | str | None:
        """Press button `number` of the bot's latest message; None when that message has no buttons
        (the number is then sent as text: an older message's buttons are out of reach, as they are
        out of sight in a real chat)."""
        message = self._latest_bot_message()
        if message is None:
            return self.t("no_buttons")
        if not message.get("reply_markup"):
            return None
        buttons = [b for row in buttons_of(message.get("reply_markup")) for b in row]
        if not 1 <= number <= len(buttons):
            if len(str(number)) > len(str(len(buttons))):
                return None  # longer than any button's number (123 for a phone): what was typed is text
            return self.t("no_such_button", number=number, count=len(buttons))
        button = buttons[number - 1]
        self._write(_INDENT + self._style(f"→ {button.text}", "2"))
        if button.url:
            return self.t("open_link", url=button.url)
        if button.callback_data is None:
            return self.t("unusable_button")
        return self.factory.callback(button.callback_data, user_id=self.user_id, lang=self.user_lang,
                                     message_id=message["message_id"])

    async def send(self, line: str) -> None:
        """Turn one typed line into an update and let the Application handle it."""
        if line.strip().lower() == RELOAD_COMMAND:
            await self.reload()
            return
        update = self.update_for(line)
        if update is None:
            return
        if isinstance(update, str):
            self._write(_INDENT + update)
            return
        await self.application.process_update(update)

    async def reload(self) -> None:
        """/reload: the knowledge files read again, and the outcome (the staff command's texts)."""
        reloader = services_of(self.application).reloader
        if reloader is None:  # an Application built without one (a test's)
            self._write(_INDENT + self.t("no_reload"))
            return
        outcome = await reloader.reload("console /reload", report_errors=False)
        texts, lang = services_of(self.application).texts, self.current_lang()
        if outcome.ok:
            text = texts.get("reload.done", lang, version=outcome.version, items=outcome.items)
        else:
            text = texts.get("reload.failed", lang, version=reloader.version, errors=outcome.errors)
        self._print_message(f"{self.t('console')}:", render_text(text, "HTML", ansi=self.ansi), None)

    # ------------------------------------------------------------------ the loop
    def _start_reader(self, loop: asyncio.AbstractEventLoop, lines: asyncio.Queue, ready: threading.Event) -> None:
        """Read lines in a daemon thread (stdin blocks); prompt only after the bot has answered."""
        prompt = f"{self.t('you')}> "
        use_input = self.interactive and self.stdin is sys.stdin

        def read() -> None:
            while True:
                ready.wait()
                ready.clear()
                try:
                    if use_input:
                        line: str | None = input(prompt)[:INPUT_LIMIT]  # readline: editing and history
                    else:
                        if self.interactive:
                            self._write_raw(prompt)
                        line = read_line(self.stdin)
                        if line == "":
                            line = None
                except (EOFError, KeyboardInterrupt, ValueError, OSError):
                    line = None
                loop.call_soon_threadsafe(lines.put_nowait, line)
                if line is None:
                    return

        threading.Thread(target=read, name="console-stdin", daemon=True).start()

    def _write_raw(self, text: str) -> None:
        self.stdout.write(text)
        self.stdout.flush()

    async def run(self, *, greet: bool) -> None:
        loop = asyncio.get_running_loop()
        lines: asyncio.Queue[str | None] = asyncio.Queue()
        ready = threading.Event()
        self._write(self._style(self.t("banner"), "2") if self.ansi else self.t("banner"))
        unsubscribe = self.api.listen(self.on_call)
        own_lifecycle = not self.application.running
        sigint = self._catch_sigint(loop, lines)
        try:
            if own_lifecycle:
                await self.application.initialize()
                await self.application.start()
            if greet:
                self._write("")
                await self.send("/start")
            self._start_reader(loop, lines, ready)
            while True:
                self._write("")
                ready.set()
                line = await lines.get()
                if line is None or line.strip().lower() in QUIT_COMMANDS:
                    break
                if not self.interactive and line.strip():
                    self._write(f"{self.t('you')}> {line.strip()}")
                await self.send(line)
        finally:
            unsubscribe()
            if sigint:
                loop.remove_signal_handler(signal.SIGINT)
            if own_lifecycle and self.application.running:
                await self.application.stop()
            if own_lifecycle:
                await self.application.shutdown()
            if self.interactive:
                self._write("")
            self._write(self.t("bye"))

    def _catch_sigint(self, loop: asyncio.AbstractEventLoop, lines: asyncio.Queue) -> bool:
        """Ctrl-C ends the chat cleanly (after the answer being written) instead of a traceback."""
        if not self.interactive or threading.current_thread() is not threading.main_thread():
            return False
        try:
            loop.add_signal_handler(signal.SIGINT, lines.put_nowait, None)
        except (NotImplementedError, RuntimeError):
            return False
        return True


async def run_console(application: Application, api: InProcessBotAPI, *, stdin: TextIO | None = None,
                      stdout: TextIO | None = None, user_lang: str = "ko", greet: bool | None = None) -> None:
    """Chat with `application` in the terminal until EOF, /quit or Ctrl-C.

    `application` must be built with `request=api`, `get_updates_request=api` and `updater(None)`.
    `greet` sends /start first, as Telegram's START button does; by default only on a terminal, so
    that piped scripts say exactly what they contain.
    """
    stdin = stdin if stdin is not None else sys.stdin
    stdout = stdout if stdout is not None else sys.stdout
    chat = ConsoleChat(application, api, stdin=stdin, stdout=stdout, user_lang=user_lang)
    await chat.run(greet=chat.interactive if greet is None else greet)

"""A Bot API served in-process: a `telegram.request.BaseRequest` that answers Bot API calls itself.

python-telegram-bot talks to Telegram only through a `BaseRequest` (`do_request(url, method,
request_data, ...) -> (status, json bytes)`); giving the Application this one instead of
`HTTPXRequest` runs the real Application, handlers and Bot against a small, faithful imitation of the
Bot API, with no network. The console chat, the tests and the benchmark use it; `botapi.loopback`
serves the very same object over HTTP on 127.0.0.1.

What it imitates closely, because handlers depend on it: sendMessage returns a full Message that can
be edited later; HTML parse mode is parsed like Telegram does (bad markup is a 400 "can't parse
entities"); over-long texts, empty texts, callback data over 64 bytes, editing a message into
exactly what it already is ("message is not modified") and answering a callback query twice fail
as they do on Telegram. Faults (429 with retry_after, 5xx, 403 blocked) and delays are injected
with `fail_next` and `delay_next`.
"""
from __future__ import annotations

import asyncio
import inspect
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from telegram import Update
from telegram._utils.defaultvalue import DefaultValue
from telegram.error import TimedOut
from telegram.request import BaseRequest, RequestData

from botapi.telegram_html import HTMLParseError, parse_html, utf16_len

BOT_ID = 777000111
BOT_USERNAME = "agency_demo_bot"
BOT_FIRST_NAME = "Agency Bot"
MAX_TEXT_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
MAX_CALLBACK_DATA_BYTES = 64
MAX_CALLBACK_ANSWER_LENGTH = 200  # answerCallbackQuery's text (a notification or alert)
_COMMAND_RE = re.compile(r"^[a-z0-9_]{1,32}$")

Params = dict[str, Any]
Listener = Callable[[str, Params, Any], None]


class BotAPIError(Exception):
    """An error answer of the Bot API: HTTP status, description and the optional parameters."""

    def __init__(self, status: int, description: str = "", *, retry_after: int | None = None) -> None:
        self.status = status
        self.description = description or _default_description(status, retry_after)
        self.retry_after = retry_after
        super().__init__(self.description)

    def to_json(self) -> dict:
        body: dict[str, Any] = {"ok": False, "error_code": self.status, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def _default_description(status: int, retry_after: int | None) -> str:
    if status == 429:
        return f"Too Many Requests: retry after {retry_after or 1}"
    if status == 403:
        return "Forbidden: bot was blocked by the user"
    if status == 400:
        return "Bad Request"
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return f"Error {status}"


def _resolve(waiter: asyncio.Future) -> None:
    """Wake one getUpdates long poll (in its own loop), unless it has finished meanwhile."""
    if not waiter.done():
        waiter.set_result(None)


def _bad_request(what: str) -> BotAPIError:
    return BotAPIError(400, f"Bad Request: {what}")


def _not_modified() -> BotAPIError:
    return _bad_request("message is not modified: specified new message content and reply markup are exactly the "
                        "same as a current content and reply markup of the message")


@dataclass
class _Fault:
    method: str  # a Bot API method name, or "*" for any
    times: int
    status: int = 0
    description: str = ""
    retry_after: int | None = None
    delay: float = 0.0


def _normalise_chat_id(value: Any) -> int | str:
    if isinstance(value, int):
        return value
    text = str(value)
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    return text


class InProcessBotAPI(BaseRequest):
    """The Bot API as a `BaseRequest`: every call is answered here and recorded.

    Pass the same instance as both `request` and `get_updates_request` of the ApplicationBuilder.
    Designed for one event loop; the state is plain lists and dicts.
    """

    def __init__(
        self,
        *,
        bot_id: int = BOT_ID,
        username: str = BOT_USERNAME,
        first_name: str = BOT_FIRST_NAME,
        read_timeout: float | None = 5.0,
    ) -> None:
        self.bot_user: dict = {"id": bot_id, "is_bot": True, "first_name": first_name, "username": username}
        self._read_timeout = read_timeout
        # Seconds every call waits before it is answered: Telegram's round trip, for benchmarks that
        # need the network's latency (and so the value of concurrency) without the network.
        self.latency = 0.0
        self.calls: list[tuple[str, Params]] = []
        self.sent: list[dict] = []
        self.answers: list[dict] = []  # answerCallbackQuery calls, in order
        self.commands: dict[tuple[str, str], list[dict]] = {}  # (scope json, language_code) -> commands
        self.messages: dict[tuple[int | str, int], dict] = {}  # (chat_id, message_id) -> Message JSON
        self.chats: dict[int | str, dict] = {}
        self._next_message_id: dict[int | str, int] = {}
        self._next_update_id = 1
        self._next_file = 1
        self._answered_queries: set[str] = set()
        self._updates: list[dict] = []
        self._waiters: set[asyncio.Future] = set()
        self._faults: list[_Fault] = []
        self._listeners: list[Listener] = []
        self._methods: dict[str, Callable[[Params, dict], Any]] = {
            "getMe": self._get_me,
            "getUpdates": self._get_updates,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "editMessageCaption": self._edit_message_caption,
            "editMessageMedia": self._edit_message_media,
            "deleteMessage": self._delete_message,
            "answerCallbackQuery": self._answer_callback_query,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "sendChatAction": self._true,
            "deleteWebhook": self._delete_webhook,
            "setWebhook": self._true,
            "getWebhookInfo": self._get_webhook_info,
            "getChat": self._get_chat,
            "close": self._true,
            "logOut": self._true,
            "sendDocument": lambda p, f: self._send_media("document", p, f),
            "sendPhoto": lambda p, f: self._send_media("photo", p, f),
            "forwardMessage": self._forward_message,
            "copyMessage": self._copy_message,
            "setMyDescription": self._true,
            "setMyShortDescription": self._true,
            "setMyName": self._true,
            "setChatMenuButton": self._true,
        }

    # ------------------------------------------------------------------ BaseRequest
    @property
    def read_timeout(self) -> float | None:
        return self._read_timeout

    async def initialize(self) -> None:
        """Nothing to open: the 'server' is this object."""

    async def shutdown(self) -> None:
        """Nothing to close; the recorded state stays readable after the Application stops."""

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        api_method = url.rstrip("/").rsplit("/", 1)[-1]
        params: Params = dict(request_data.parameters) if request_data else {}
        files: dict[str, dict] = {}
        if request_data is not None and request_data.contains_files:
            for name, (filename, content, mime) in request_data.multipart_data.items():
                data = content if isinstance(content, bytes) else content.read()
                files[name] = {"file_name": filename, "mime_type": mime, "content": data}
        if isinstance(read_timeout, DefaultValue):
            read_timeout = self._read_timeout
        status, body = await self.serve(api_method, params, files, read_timeout=read_timeout)
        return status, json.dumps(body, ensure_ascii=False).encode("utf-8")

    # ------------------------------------------------------------------ public API
    async def serve(
        self, method: str, params: Params, files: dict[str, dict] | None = None, *, read_timeout: float | None = None
    ) -> tuple[int, dict]:
        """Answer one Bot API call: (HTTP status, JSON body). Used by do_request and the HTTP server.

        A delay longer than `read_timeout` raises `telegram.error.TimedOut` after `read_timeout`
        seconds, as HTTPXRequest would; the timed-out call is then not carried out.
        """
        self.calls.append((method, params))
        if self.latency:
            await asyncio.sleep(self.latency)
        fault = self._take_fault(method) if self._faults else None
        if fault is not None and fault.delay:
            if read_timeout is not None and fault.delay > read_timeout:
                await asyncio.sleep(read_timeout)
                raise TimedOut(f"Timed out: {method} took longer than {read_timeout}s")
            await asyncio.sleep(fault.delay)
        if fault is not None and fault.status:
            return fault.status, BotAPIError(fault.status, fault.description, retry_after=fault.retry_after).to_json()
        handler = self._methods.get(method)
        if handler is None:
            return 404, BotAPIError(404, "Not Found: method not found").to_json()
        try:
            result = handler(params, files or {})
            if inspect.isawaitable(result):
                result = await result
        except BotAPIError as exc:
            return exc.status, exc.to_json()
        for listener in list(self._listeners):
            listener(method, params, result)
        return 200, {"ok": True, "result": result}

    def fail_next(
        self, method: str, status: int, description: str = "", retry_after: int | None = None, times: int = 1
    ) -> None:
        """Make the next `times` calls of `method` ("*" for any) answer with this HTTP error."""
        self._faults.append(_Fault(method, times, status, description, retry_after))

    def delay_next(self, method: str, seconds: float, times: int = 1) -> None:
        """Make the next `times` calls of `method` ("*" for any) take `seconds` before answering."""
        self._faults.append(_Fault(method, times, delay=seconds))

    def listen(self, listener: Listener) -> Callable[[], None]:
        """Call `listener(method, params, result)` after every successful call; returns an unsubscribe."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def sent_to(self, chat_id: int | str) -> list[dict]:
        chat_id = _normalise_chat_id(chat_id)
        return [entry for entry in self.sent if entry["chat_id"] == chat_id]

    def calls_of(self, method: str) -> list[Params]:
        return [params for name, params in self.calls if name == method]

    def clear(self) -> None:
        """Forget the recorded calls, sends and answers (the chat history and updates stay)."""
        self.calls.clear()
        self.sent.clear()
        self.answers.clear()

    def message(self, chat_id: int | str, message_id: int) -> dict | None:
        """The current state of a message (after edits), as Telegram would send it."""
        return self.messages.get((_normalise_chat_id(chat_id), message_id))

    def last_message_with_buttons(self, chat_id: int | str) -> dict | None:
        """The newest message from the bot in `chat_id` that still has an inline keyboard."""
        chat_id = _normalise_chat_id(chat_id)
        best = None
        for (cid, _mid), msg in self.messages.items():
            if cid == chat_id and msg.get("from", {}).get("id") == self.bot_user["id"] and msg.get("reply_markup"):
                if best is None or msg["message_id"] > best["message_id"]:
                    best = msg
        return best

    def new_message_id(self, chat_id: int | str) -> int:
        """The next message id in a chat; user and bot messages share one sequence, as in Telegram."""
        chat_id = _normalise_chat_id(chat_id)
        mid = self._next_message_id.get(chat_id, 0) + 1
        self._next_message_id[chat_id] = mid
        return mid

    def remember_chat(self, chat: dict) -> None:
        self.chats[_normalise_chat_id(chat["id"])] = dict(chat)

    def store_message(self, message: dict) -> None:
        """Keep a message (e.g. one a user sent) so that replies, forwards and edits can find it."""
        chat_id = _normalise_chat_id(message["chat"]["id"])
        self.remember_chat(message["chat"])
        self.messages[(chat_id, message["message_id"])] = message
        self._next_message_id[chat_id] = max(self._next_message_id.get(chat_id, 0), message["message_id"])

    def push_update(self, update: dict | Update) -> int:
        """Queue an update for getUpdates (long polling); returns its update_id."""
        data = update.to_dict() if isinstance(update, Update) else dict(update)
        if "update_id" not in data or data["update_id"] < self._next_update_id:
            data["update_id"] = self._next_update_id
        self._next_update_id = data["update_id"] + 1
        for key in ("message", "edited_message", "channel_post"):
            if key in data:
                self.store_message(data[key])
        if "callback_query" in data and "message" in data["callback_query"]:
            self.remember_chat(data["callback_query"]["message"]["chat"])
        self._updates.append(data)
        self._wake_waiters()
        return data["update_id"]

    @property
    def pending_updates(self) -> list[dict]:
        return list(self._updates)

    def next_update_id(self) -> int:
        uid = self._next_update_id
        self._next_update_id += 1
        return uid

    def next_file_id(self, kind: str) -> tuple[str, str]:
        n = self._next_file
        self._next_file += 1
        return f"{kind}-file-{n}", f"{kind}-uniq-{n}"

    # ------------------------------------------------------------------ internals
    def _take_fault(self, method: str) -> _Fault | None:
        for fault in self._faults:
            if fault.method in (method, "*"):
                fault.times -= 1
                if fault.times <= 0:
                    self._faults.remove(fault)
                return fault
        return None

    def _wake_waiters(self) -> None:
        for fut in list(self._waiters):
            if not fut.done():
                loop = fut.get_loop()
                # push_update may come from another thread (a test driving the HTTP server)
                loop.call_soon_threadsafe(_resolve, fut)

    def _chat(self, chat_id: int | str) -> dict:
        known = self.chats.get(chat_id)
        if known is not None:
            return known
        if isinstance(chat_id, str):
            return {"id": chat_id, "type": "channel", "title": chat_id}
        if chat_id > 0:
            return {"id": chat_id, "type": "private", "first_name": "User"}
        return {"id": chat_id, "type": "supergroup", "title": "Group"}

    def _chat_id(self, params: Params) -> int | str:
        if params.get("chat_id") in (None, ""):
            raise _bad_request("chat_id is empty")
        return _normalise_chat_id(params["chat_id"])

    def _stored(self, params: Params, verb: str) -> dict:
        chat_id = self._chat_id(params)
        try:
            message_id = int(params["message_id"])
        except (KeyError, TypeError, ValueError):
            raise _bad_request("message identifier is not specified") from None
        msg = self.messages.get((chat_id, message_id))
        if msg is None:
            raise _bad_request(f"message to {verb} not found")
        return msg

    def _text_and_entities(self, params: Params, field: str, limit: int) -> tuple[str, list[dict]]:
        raw = params.get(field)
        text = "" if raw is None else str(raw)
        mode = params.get("parse_mode")
        if mode and str(mode).upper() == "HTML":
            try:
                plain, entities = parse_html(text)
            except HTMLParseError as exc:
                raise _bad_request(str(exc)) from None
        else:
            plain, entities = text, list(params.get("entities") or params.get("caption_entities") or [])
        if field == "text" and not plain.strip():
            raise _bad_request("message text is empty")
        if utf16_len(plain) > limit:
            raise _bad_request("message is too long" if field == "text" else "message caption is too long")
        return plain, entities

    def _inline_markup(self, params: Params) -> dict | None:
        markup = params.get("reply_markup")
        if isinstance(markup, str):
            markup = json.loads(markup)
        if not markup or "inline_keyboard" not in markup:
            return None  # reply keyboards are not echoed back in the Message, as on Telegram
        for row in markup["inline_keyboard"]:
            for button in row:
                if not str(button.get("text", "")).strip():
                    raise _bad_request("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
                data = button.get("callback_data")
                if data is not None and not 1 <= len(str(data).encode("utf-8")) <= MAX_CALLBACK_DATA_BYTES:
                    raise _bad_request("BUTTON_DATA_INVALID")
                url = button.get("url")
                if url is not None and not re.match(r"^(https?|tg)://\S+$", str(url)):
                    raise _bad_request(f"inline keyboard button URL '{url}' is invalid: Wrong HTTP URL")
        return markup

    def _record(self, method: str, msg: dict, params: Params, **extra: Any) -> None:
        entry = {
            "method": method,
            "chat_id": _normalise_chat_id(msg["chat"]["id"]),
            "message_id": msg["message_id"],
            "text": params.get("text", params.get("caption")),
            "parse_mode": params.get("parse_mode"),
            "reply_markup": msg.get("reply_markup"),
            "plain": msg.get("text", msg.get("caption")),
        }
        entry.update(extra)
        self.sent.append(entry)

    def _new_message(self, chat_id: int | str, params: Params) -> dict:
        msg: dict[str, Any] = {
            "message_id": self.new_message_id(chat_id),
            "date": int(time.time()),
            "chat": self._chat(chat_id),
            "from": dict(self.bot_user),
        }
        reply = params.get("reply_parameters") or {}
        reply_to = reply.get("message_id") if isinstance(reply, dict) else None
        reply_to = reply_to or params.get("reply_to_message_id")
        if reply_to:
            original = self.messages.get((chat_id, int(reply_to)))
            if original is not None:
                msg["reply_to_message"] = {k: v for k, v in original.items() if k != "reply_to_message"}
        return msg

    # ------------------------------------------------------------------ Bot API methods
    def _true(self, params: Params, files: dict) -> bool:
        return True

    def _get_me(self, params: Params, files: dict) -> dict:
        return {**self.bot_user, "can_join_groups": True, "can_read_all_group_messages": False,
                "supports_inline_queries": False}

    async def _get_updates(self, params: Params, files: dict) -> list[dict]:
        offset = params.get("offset")
        limit = max(1, min(int(params.get("limit") or 100), 100))
        timeout = float(params.get("timeout") or 0)
        if offset is not None:
            offset = int(offset)
            if offset < 0:
                self._updates = self._updates[offset:]
            else:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
        if not self._updates and timeout > 0:
            fut = asyncio.get_running_loop().create_future()
            self._waiters.add(fut)
            try:
                await asyncio.wait({fut}, timeout=timeout)
            finally:
                self._waiters.discard(fut)
                fut.cancel()
        return self._updates[:limit]

    def _delete_webhook(self, params: Params, files: dict) -> bool:
        if str(params.get("drop_pending_updates", "")).lower() in ("true", "1"):
            self._updates.clear()
        return True

    def _get_webhook_info(self, params: Params, files: dict) -> dict:
        return {"url": "", "has_custom_certificate": False, "pending_update_count": len(self._updates)}

    def _get_chat(self, params: Params, files: dict) -> dict:
        chat = dict(self._chat(self._chat_id(params)))
        chat.setdefault("accent_color_id", 0)
        chat.setdefault("max_reaction_count", 11)
        chat.setdefault("accepted_gift_types", {"unlimited_gifts": False, "limited_gifts": False,
                                                "unique_gifts": False, "premium_subscription": False,
                                                "gifts_from_channels": False})
        return chat

    def _send_message(self, params: Params, files: dict) -> dict:
        chat_id = self._chat_id(params)
        plain, entities = self._text_and_entities(params, "text", MAX_TEXT_LENGTH)
        markup = self._inline_markup(params)
        msg = self._new_message(chat_id, params)
        msg["text"] = plain
        if entities:
            msg["entities"] = entities
        if markup:
            msg["reply_markup"] = markup
        self.messages[(chat_id, msg["message_id"])] = msg
        self._record("sendMessage", msg, params)
        return msg

    def _editable(self, params: Params) -> dict | None:
        """The stored bot message an edit names; None for an inline message (not kept here: its edit is True)."""
        if params.get("inline_message_id"):
            return None
        msg = self._stored(params, "edit")
        if msg.get("from", {}).get("id") != self.bot_user["id"]:
            raise _bad_request("message can't be edited")
        return msg

    def _edited(self, method: str, msg: dict, markup: dict | None, params: Params) -> dict:
        """`msg` with its new keyboard (none if `markup` is None: Telegram drops one an edit does not repeat)."""
        self._set_markup(msg, markup)
        msg["edit_date"] = int(time.time())
        self._record(method, msg, params)
        return msg

    def _edit_message_text(self, params: Params, files: dict) -> dict | bool:
        msg = self._editable(params)
        if msg is None:
            return True
        if "text" not in msg:
            raise _bad_request("there is no text in the message to edit")
        plain, entities = self._text_and_entities(params, "text", MAX_TEXT_LENGTH)
        markup = self._inline_markup(params)
        if plain == msg["text"] and entities == msg.get("entities", []) and markup == msg.get("reply_markup"):
            raise _not_modified()
        msg["text"] = plain
        msg.pop("entities", None)
        if entities:
            msg["entities"] = entities
        return self._edited("editMessageText", msg, markup, params)

    def _edit_message_caption(self, params: Params, files: dict) -> dict | bool:
        msg = self._editable(params)
        if msg is None:
            return True
        msg["caption"], _ = self._text_and_entities(params, "caption", MAX_CAPTION_LENGTH)
        return self._edited("editMessageCaption", msg, self._inline_markup(params), params)

    def _edit_message_media(self, params: Params, files: dict) -> dict | bool:
        """A photo replaced by another (uploaded as "attach://<name>"), with its new caption."""
        msg = self._editable(params)
        if msg is None:
            return True
        media = params.get("media")
        media = json.loads(media) if isinstance(media, str) else dict(media or {})
        if media.get("type") != "photo" or "photo" not in msg:
            raise _bad_request("only a photo can replace a photo here")
        # Over HTTP the media names its upload ("attach://<name>"); in process the reference is left out of
        # the parameters and the upload is the request's one file.
        reference = str(media.get("media") or "")
        if reference.startswith("attach://"):
            upload = files.get(reference.removeprefix("attach://"))
        else:
            upload = None if reference else next(iter(files.values()), None)
        if upload is None and not reference:
            raise _bad_request("there is no media in the request")
        file_id, unique_id = self.next_file_id("photo")
        msg["photo"] = [{"file_id": file_id, "file_unique_id": unique_id, "width": 640, "height": 480}]
        plain, entities = self._text_and_entities(media, "caption", MAX_CAPTION_LENGTH)
        msg.pop("caption", None)
        msg.pop("caption_entities", None)
        if plain:
            msg["caption"] = plain
            if entities:
                msg["caption_entities"] = entities
        self._set_markup(msg, self._inline_markup(params))
        msg["edit_date"] = int(time.time())
        self._record("editMessageMedia", msg, media, content=(upload or {}).get("content"))
        return msg

    def _edit_message_reply_markup(self, params: Params, files: dict) -> dict | bool:
        msg = self._editable(params)
        if msg is None:
            return True
        markup = self._inline_markup(params)
        if markup == msg.get("reply_markup"):
            raise _not_modified()
        return self._edited("editMessageReplyMarkup", msg, markup, {"parse_mode": None})

    @staticmethod
    def _set_markup(msg: dict, markup: dict | None) -> None:
        if markup:
            msg["reply_markup"] = markup
        else:
            msg.pop("reply_markup", None)

    def _delete_message(self, params: Params, files: dict) -> bool:
        msg = self._stored(params, "delete")
        del self.messages[(_normalise_chat_id(msg["chat"]["id"]), msg["message_id"])]
        self.sent.append({"method": "deleteMessage", "chat_id": _normalise_chat_id(msg["chat"]["id"]),
                          "message_id": msg["message_id"], "text": None, "parse_mode": None,
                          "reply_markup": None, "plain": None})
        return True

    def _answer_callback_query(self, params: Params, files: dict) -> bool:
        query_id = str(params.get("callback_query_id") or "")
        if not query_id or query_id in self._answered_queries:
            raise _bad_request("query is too old and response timeout expired or query ID is invalid")
        text = params.get("text")
        if text is not None and utf16_len(str(text)) > MAX_CALLBACK_ANSWER_LENGTH:
            raise _bad_request("MESSAGE_TOO_LONG")  # Telegram's answer to a notification over 200 characters
        self._answered_queries.add(query_id)
        self.answers.append({"callback_query_id": query_id, "text": params.get("text"),
                             "show_alert": bool(params.get("show_alert")), "url": params.get("url")})
        return True

    @staticmethod
    def _scope_key(params: Params) -> tuple[str, str]:
        scope = params.get("scope") or {"type": "default"}
        if isinstance(scope, str):
            scope = json.loads(scope)
        return json.dumps(scope, sort_keys=True), str(params.get("language_code") or "")

    def _set_my_commands(self, params: Params, files: dict) -> bool:
        commands = params.get("commands") or []
        if isinstance(commands, str):
            commands = json.loads(commands)
        if len(commands) > 100:
            raise _bad_request("too many commands")
        for cmd in commands:
            if not _COMMAND_RE.match(str(cmd.get("command", ""))):
                raise _bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(str(cmd.get("description", "")).strip()) <= 256:
                raise _bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        self.commands[self._scope_key(params)] = [dict(c) for c in commands]
        return True

    def _get_my_commands(self, params: Params, files: dict) -> list[dict]:
        return self.commands.get(self._scope_key(params), [])

    def _delete_my_commands(self, params: Params, files: dict) -> bool:
        self.commands.pop(self._scope_key(params), None)
        return True

    def _send_media(self, kind: str, params: Params, files: dict) -> dict:
        chat_id = self._chat_id(params)
        plain, entities = self._text_and_entities(params, "caption", MAX_CAPTION_LENGTH)
        upload = files.get(kind)
        if upload is None and not params.get(kind):
            raise _bad_request(f"there is no {kind} in the request")
        file_id, unique_id = self.next_file_id(kind)
        msg = self._new_message(chat_id, params)
        if kind == "photo":
            msg["photo"] = [{"file_id": file_id, "file_unique_id": unique_id, "width": 640, "height": 480}]
        else:
            msg["document"] = {"file_id": file_id, "file_unique_id": unique_id,
                               "file_name": (upload or {}).get("file_name") or str(params.get(kind)),
                               "mime_type": (upload or {}).get("mime_type") or "application/octet-stream"}
        if plain:
            msg["caption"] = plain
            if entities:
                msg["caption_entities"] = entities
        markup = self._inline_markup(params)
        if markup:
            msg["reply_markup"] = markup
        self.messages[(chat_id, msg["message_id"])] = msg
        method = "sendDocument" if kind == "document" else "sendPhoto"
        self._record(method, msg, params, file_name=(upload or {}).get("file_name"),
                     content=(upload or {}).get("content"))
        return msg

    def _source_message(self, params: Params) -> dict:
        src = self.messages.get((_normalise_chat_id(params.get("from_chat_id")), int(params.get("message_id") or 0)))
        if src is None:
            raise _bad_request("message to forward not found" if "from_chat_id" in params else "message not found")
        return src

    def _content_of(self, src: dict) -> dict:
        keep = ("text", "entities", "caption", "caption_entities", "photo", "document", "sticker", "voice",
                "location")
        return {k: v for k, v in src.items() if k in keep}

    def _forward_message(self, params: Params, files: dict) -> dict:
        chat_id = self._chat_id(params)
        src = self._source_message(params)
        msg = self._new_message(chat_id, {})
        msg.update(self._content_of(src))
        sender = src.get("from") or {}
        msg["forward_origin"] = {"type": "user", "sender_user": sender, "date": src.get("date", int(time.time()))}
        self.messages[(chat_id, msg["message_id"])] = msg
        self._record("forwardMessage", msg, {"text": src.get("text"), "parse_mode": None},
                     from_chat_id=_normalise_chat_id(params.get("from_chat_id")), source_message_id=src["message_id"])
        return msg

    def _copy_message(self, params: Params, files: dict) -> dict:
        chat_id = self._chat_id(params)
        src = self._source_message(params)
        msg = self._new_message(chat_id, params)
        msg.update(self._content_of(src))
        if "caption" in params:
            plain, entities = self._text_and_entities(params, "caption", MAX_CAPTION_LENGTH)
            msg["caption"] = plain
        markup = self._inline_markup(params)
        if markup:
            msg["reply_markup"] = markup
        self.messages[(chat_id, msg["message_id"])] = msg
        self._record("copyMessage", msg, {"text": src.get("text"), "parse_mode": None},
                     from_chat_id=_normalise_chat_id(params.get("from_chat_id")), source_message_id=src["message_id"])
        return {"message_id": msg["message_id"]}

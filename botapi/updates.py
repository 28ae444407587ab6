"""Build the updates Telegram would send: messages, commands, button presses, edits, media.

    f = UpdateFactory(app.bot)              # or UpdateFactory(None, api=server.api) for the HTTP server
    await app.process_update(f.message("청창사 언제 모집해요"))
    await app.process_update(f.callback("aspect:cyc:apply"))   # presses a button on the bot's last keyboard

Every method returns a `telegram.Update` bound to the bot; `update.to_dict()` is the JSON Telegram
would send (what `api.push_update` takes). When the bot's request is an `InProcessBotAPI` (or `api`
is given), user messages share the chat's message-id sequence with the bot's replies and are stored
there, so replies, forwards and callback queries refer to real messages, as on Telegram.
"""
from __future__ import annotations

import copy
import itertools
import time
from typing import Any, TypedDict

from telegram import Bot, Update

from botapi.inprocess import BOT_USERNAME, InProcessBotAPI
from botapi.telegram_html import utf16_len

_query_ids = itertools.count(int(time.time() * 1000) % 10**9 * 1000)


class Sender(TypedDict):
    """Who sends an update, as keyword arguments every UpdateFactory method takes: `f.message(text, **sender)`."""
    user_id: int
    lang: str | None


class UpdateFactory:
    """Makes `telegram.Update` objects (and their JSON) for tests, the console and benchmarks."""

    def __init__(self, bot: Bot | None, *, api: InProcessBotAPI | None = None, first_name: str = "Tester") -> None:
        self.bot = bot
        request = getattr(bot, "request", None)  # None without a bot
        if api is None and isinstance(request, InProcessBotAPI):
            api = request
        self.api = api
        self.first_name = first_name
        self._update_ids = itertools.count(1)
        self._message_ids: dict[int, int] = {}

    # ------------------------------------------------------------------ helpers
    @property
    def bot_username(self) -> str:
        if self.api is not None:
            return self.api.bot_user["username"]
        if self.bot is not None:
            try:
                return self.bot.username
            except RuntimeError:  # not initialised yet
                pass
        return BOT_USERNAME

    def _bot_user(self) -> dict:
        if self.api is not None:
            return dict(self.api.bot_user)
        return {"id": 777000111, "is_bot": True, "first_name": "Agency Bot", "username": self.bot_username}

    def user(self, user_id: int, lang: str | None = "ko") -> dict:
        data: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": self.first_name}
        if lang:
            data["language_code"] = lang
        return data

    def _private_chat(self, user_id: int, chat_id: int | None) -> dict:
        if chat_id is None or chat_id == user_id:
            return {"id": user_id, "type": "private", "first_name": self.first_name}
        if chat_id < 0:
            return {"id": chat_id, "type": "supergroup", "title": "Test group"}
        return {"id": chat_id, "type": "private", "first_name": self.first_name}

    def _next_message_id(self, chat_id: int) -> int:
        if self.api is not None:
            return self.api.new_message_id(chat_id)
        mid = self._message_ids.get(chat_id, 0) + 1
        self._message_ids[chat_id] = mid
        return mid

    def _update(self, data: dict) -> Update:
        data["update_id"] = self.api.next_update_id() if self.api is not None else next(self._update_ids)
        return Update.de_json(data, self.bot)

    def _message(self, user_id: int, chat: dict, lang: str | None, reply_to: int | dict | None, **content: Any) -> dict:
        msg: dict[str, Any] = {
            "message_id": self._next_message_id(chat["id"]),
            "date": int(time.time()),
            "chat": chat,
            "from": self.user(user_id, lang),
            **content,
        }
        if reply_to is not None:
            if isinstance(reply_to, dict):
                msg["reply_to_message"] = reply_to
            else:
                original = self.api.message(chat["id"], reply_to) if self.api is not None else None
                msg["reply_to_message"] = original or {"message_id": reply_to, "date": msg["date"], "chat": chat}
        if self.api is not None:
            self.api.store_message(msg)
        return msg

    # ------------------------------------------------------------------ messages
    def message(
        self,
        text: str,
        user_id: int = 1001,
        chat_id: int | None = None,
        lang: str | None = "ko",
        chat_type: str = "private",
        reply_to: int | dict | None = None,
        entities: list[dict] | None = None,
    ) -> Update:
        """A text message from a user (in their private chat unless chat_id/chat_type say otherwise)."""
        chat = self._private_chat(user_id, chat_id)
        if chat_type != "private" and chat["type"] == "private":
            chat = {"id": chat_id or -100123, "type": chat_type, "title": "Test group"}
        content: dict[str, Any] = {"text": text}
        if entities:
            content["entities"] = entities
        return self._update({"message": self._message(user_id, chat, lang, reply_to, **content)})

    def command(self, command: str, args: str = "", user_id: int = 1001, chat_id: int | None = None,
                lang: str | None = "ko", chat_type: str = "private") -> Update:
        """A /command (with the bot_command entity Telegram adds), optionally with arguments."""
        if not command.startswith("/"):
            command = "/" + command
        text = f"{command} {args}".rstrip() if args else command
        entity = {"type": "bot_command", "offset": 0, "length": utf16_len(command)}
        return self.message(text, user_id=user_id, chat_id=chat_id, lang=lang, chat_type=chat_type,
                            entities=[entity])

    def edited(self, text: str, user_id: int = 1001, chat_id: int | None = None, lang: str | None = "ko",
               message_id: int | None = None) -> Update:
        """An edited message: by default an edit of a new message id, else of `message_id`."""
        chat = self._private_chat(user_id, chat_id)
        now = int(time.time())
        msg = {
            "message_id": message_id if message_id is not None else self._next_message_id(chat["id"]),
            "date": now - 30,
            "edit_date": now,
            "chat": chat,
            "from": self.user(user_id, lang),
            "text": text,
        }
        if self.api is not None:
            self.api.store_message(msg)
        return self._update({"edited_message": msg})

    def _media(self, user_id: int, chat_id: int | None, lang: str | None, **content: Any) -> Update:
        chat = self._private_chat(user_id, chat_id)
        return self._update({"message": self._message(user_id, chat, lang, None, **content)})

    def _file_ids(self, kind: str) -> dict:
        if self.api is not None:
            file_id, unique = self.api.next_file_id(kind)
        else:
            n = next(self._update_ids)
            file_id, unique = f"{kind}-file-u{n}", f"{kind}-uniq-u{n}"
        return {"file_id": file_id, "file_unique_id": unique}

    def sticker(self, emoji: str = "👍", user_id: int = 1001, chat_id: int | None = None, lang: str | None = "ko") -> Update:
        sticker = {**self._file_ids("sticker"), "type": "regular", "width": 512, "height": 512,
                   "is_animated": False, "is_video": False, "emoji": emoji}
        return self._media(user_id, chat_id, lang, sticker=sticker)

    def photo(self, caption: str | None = None, user_id: int = 1001, chat_id: int | None = None,
              lang: str | None = "ko") -> Update:
        photo = [{**self._file_ids("photo"), "width": 90, "height": 60},
                 {**self._file_ids("photo"), "width": 1280, "height": 853}]
        content: dict[str, Any] = {"photo": photo}
        if caption:
            content["caption"] = caption
        return self._media(user_id, chat_id, lang, **content)

    def voice(self, duration: int = 3, user_id: int = 1001, chat_id: int | None = None, lang: str | None = "ko") -> Update:
        voice = {**self._file_ids("voice"), "duration": duration, "mime_type": "audio/ogg"}
        return self._media(user_id, chat_id, lang, voice=voice)

    def document(self, file_name: str = "사업계획서.hwp", user_id: int = 1001, chat_id: int | None = None,
                 lang: str | None = "ko", caption: str | None = None) -> Update:
        document = {**self._file_ids("document"), "file_name": file_name, "mime_type": "application/octet-stream"}
        content: dict[str, Any] = {"document": document}
        if caption:
            content["caption"] = caption
        return self._media(user_id, chat_id, lang, **content)

    def location(self, latitude: float = 35.2279, longitude: float = 128.6811, user_id: int = 1001,
                 chat_id: int | None = None, lang: str | None = "ko") -> Update:
        return self._media(user_id, chat_id, lang, location={"latitude": latitude, "longitude": longitude})

    # ------------------------------------------------------------------ groups
    def group_message(self, text: str, chat_id: int = -100123, mention: bool = False, reply_to_bot: bool = False,
                      user_id: int = 1001, lang: str | None = "ko") -> Update:
        """A message in a supergroup; `mention` prefixes @bot (with the mention entity), `reply_to_bot`
        makes it a reply to the bot's latest message there (or to a made-up one)."""
        chat = {"id": chat_id, "type": "supergroup", "title": "Test group"}
        content: dict[str, Any] = {"text": text}
        if mention:
            handle = "@" + self.bot_username
            content["text"] = f"{handle} {text}"
            content["entities"] = [{"type": "mention", "offset": 0, "length": utf16_len(handle)}]
        reply_to: dict | None = None
        if reply_to_bot:
            reply_to = self._latest_bot_message(chat_id) or {
                "message_id": self._next_message_id(chat_id), "date": int(time.time()) - 60, "chat": chat,
                "from": self._bot_user(), "text": "…",
            }
        return self._update({"message": self._message(user_id, chat, lang, reply_to, **content)})

    def _latest_bot_message(self, chat_id: int) -> dict | None:
        if self.api is None:
            return None
        mine = [m for (cid, _), m in self.api.messages.items()
                if cid == chat_id and m.get("from", {}).get("id") == self.api.bot_user["id"]]
        return max(mine, key=lambda m: m["message_id"]) if mine else None

    # ------------------------------------------------------------------ buttons
    def callback(self, data: str, user_id: int = 1001, message_id: int | None = None, chat_id: int | None = None,
                 lang: str | None = "ko") -> Update:
        """A press of an inline button with callback `data` on one of the bot's messages.

        Without `message_id` the message is the bot's latest one with buttons in that chat (when the
        api is known), which is what a person taps in practice.
        """
        chat = self._private_chat(user_id, chat_id)
        message: dict | None = None
        if self.api is not None:
            if message_id is None:
                message = self.api.last_message_with_buttons(chat["id"])
            else:
                message = self.api.message(chat["id"], message_id)
            # the update carries a snapshot, as Telegram's does; later edits must not change it
            message = copy.deepcopy(message)
        if message is None:
            message = {"message_id": message_id or 1, "date": int(time.time()), "chat": chat,
                       "from": self._bot_user(), "text": "…"}
        query = {
            "id": str(next(_query_ids)),
            "from": self.user(user_id, lang),
            "message": message,
            "chat_instance": f"ci{chat['id']}",
            "data": data,
        }
        return self._update({"callback_query": query})

"""What people type instead of pressing a button: yes, no, cancel (Korean and English).

Every step that shows buttons also understands the typed equivalent ("네", "동의", "네 동의해요",
"아니요", "취소", "yes", "no", "cancel"), so that a typed answer is never taken for a new question. Only a
whole message counts: "네 그런데 신청은 언제까지예요?" is a question.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Literal

from telegram import Message
from telegram.ext import Application, filters

Answer = Literal["yes", "no", "cancel"]

# Whole messages, compared without spaces, case or trailing punctuation and politeness endings.
YES_WORDS = frozenset({
    "네", "예", "넵", "넹", "응", "좋아요", "좋습니다", "그래요", "알겠습니다", "동의", "동의함", "동의합니다",
    "동의해요", "동의할게요", "네동의", "네동의합니다", "네동의해요", "네동의할게요", "예동의합니다", "확인",
    "삭제", "삭제합니다", "삭제해주세요", "네삭제해주세요", "접수", "접수합니다", "접수해주세요", "네접수해주세요",
    "yes", "y", "yeah", "yep", "sure", "ok", "okay", "iagree", "agree", "yesiagree", "send", "delete",
})
NO_WORDS = frozenset({
    "아니요", "아니오", "아뇨", "아니", "싫어요", "동의안함", "동의하지않음", "동의하지않습니다", "동의안해요",
    "동의하지않아요", "동의안합니다", "비동의", "거부", "거절", "안할게요",
    "no", "n", "nope", "idonotagree", "idontagree", "disagree", "decline",
})
CANCEL_WORDS = frozenset({
    "취소", "취소요", "취소할게요", "취소합니다", "취소해주세요", "그만", "그만할게요", "그만요", "그만둘게요",
    "cancel", "stop", "quit",
})
_NOISE = re.compile(r"[\s.,!~?…。·'\"]+")
_POLITE_END = re.compile(r"(요|용)$")


def _normal(text: str) -> str:
    return _NOISE.sub("", unicodedata.normalize("NFKC", text).casefold())


def typed_answer(text: str | None) -> Answer | None:
    """"yes", "no" or "cancel" when the whole message says so; None for anything else."""
    if not text or len(text) > 40:
        return None
    normal = _normal(text)
    for answer, words in (("cancel", CANCEL_WORDS), ("no", NO_WORDS), ("yes", YES_WORDS)):
        if normal in words or _POLITE_END.sub("", normal) in words:
            return answer  # type: ignore[return-value]
    return None


def is_cancel_word(text: str | None) -> bool:
    return typed_answer(text) == "cancel"


class TypedAnswer(filters.MessageFilter):
    """A text message that is a typed yes / no / cancel (any of `answers`)."""

    def __init__(self, *answers: Answer) -> None:
        super().__init__(name=f"TypedAnswer{answers}")
        self.answers = answers

    def filter(self, message: Message) -> bool:
        return typed_answer(message.text) in self.answers


class ApplicationFilter(filters.MessageFilter):
    """A filter that needs the bot's data (a user's user_data, the store): filters see only the message,
    so it holds the Application."""

    __slots__ = ("application",)

    def __init__(self, application: Application, name: str) -> None:
        super().__init__(name=name)
        self.application = application


class Awaiting(ApplicationFilter):
    """The sender has a question with buttons on screen, noted in their user_data under `key`."""

    __slots__ = ("key",)

    def __init__(self, application: Application, key: str) -> None:
        super().__init__(application, f"Awaiting({key})")
        self.key = key

    def filter(self, message: Message) -> bool:
        user = message.from_user
        return user is not None and bool(self.application.user_data.get(user.id, {}).get(self.key))


CANCEL_WORD = TypedAnswer("cancel")

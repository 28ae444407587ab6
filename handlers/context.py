"""The callback context every handler receives, and the user's language.

python-telegram-bot builds one context per update and hands the same object to the handler of every
group, so the recorder (group -1) can leave the enquiry id on it for the handler that answers (group 0).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from telegram import Update
from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from handlers.services import services_of
from handlers.texts import DEFAULT_LANG, LANGS

if TYPE_CHECKING:
    from handlers.services import Knowledge, Services

# user_data keys. Both survive a restart through the persistence.
CHOSEN_LANG = "lang"      # set by /lang: always wins
SEEN_LANG = "seen_lang"   # the language of the user's last question, used until they choose one

T = TypeVar("T")


class _Via(Generic[T]):
    """A read-only attribute of BotContext that reads one service through the context (typed by `read`)."""

    def __init__(self, read: Callable[[BotContext], T]) -> None:
        self._read = read

    def __get__(self, context: BotContext, owner: type | None = None) -> T:
        return self._read(context)


class BotContext(CallbackContext[ExtBot, dict, dict, dict]):
    """CallbackContext with typed access to the long-lived services (handlers/services.py)."""

    def __init__(self, application: Application, chat_id: int | None = None, user_id: int | None = None):
        super().__init__(application, chat_id=chat_id, user_id=user_id)
        # The enquiry the recorder wrote for this update; None if nothing was recorded.
        self.enquiry_id: int | None = None
        self._knowledge: "Knowledge | None" = None

    @property
    def services(self) -> "Services":
        return services_of(self.application)

    @property
    def knowledge(self) -> "Knowledge":
        """The knowledge base and matcher this update is answered with: the first read is kept, so that
        a reload in the middle of handling the update cannot mix an old matcher with a new base."""
        if self._knowledge is None:
            self._knowledge = self.services.knowledge
        return self._knowledge

    # The services a handler uses most, each read where it is kept at every use.
    kb = _Via(lambda context: context.knowledge.kb)
    matcher = _Via(lambda context: context.knowledge.matcher)
    store = _Via(lambda context: context.services.store)
    texts = _Via(lambda context: context.services.texts)
    settings = _Via(lambda context: context.services.settings)
    desk = _Via(lambda context: context.services.staff_desk)


CONTEXT_TYPES: ContextTypes[BotContext, dict, dict, dict] = ContextTypes(context=BotContext)


def lang_from_code(code: str | None) -> str:
    """Telegram's language_code ("en-US", "ko", None) as one of our languages; Korean when unknown."""
    base = (code or "").split("-")[0].lower()
    return base if base in LANGS else DEFAULT_LANG


def user_lang(update: object, context: CallbackContext[Any, Any, Any, Any]) -> str:
    """The language to answer in: chosen with /lang, else that of the last question, else Telegram's."""
    data = context.user_data if isinstance(update, Update) and update.effective_user else None
    if data:
        for key in (CHOSEN_LANG, SEEN_LANG):
            if data.get(key) in LANGS:
                return data[key]
    user = update.effective_user if isinstance(update, Update) else None
    return lang_from_code(user.language_code if user else None)


def question_lang(update: Update, context: BotContext, detected: str, *, understood: bool = True,
                  courtesy: bool = False) -> str:
    """The language for the answer to a free-text question: the chosen one, else the question's own.

    The question's own language counts (and is kept for what follows) only when the matcher
    `understood` it (an answer or suggestions): "<b>x</b>", "&amp;" or "ㅋㅋ" have no words to tell a
    language by, and must not switch a Korean user to English for good. A `courtesy` (thanks, bye, hello)
    in a chat that already has a language keeps it: `thx!` after Korean questions is thanked in Korean.
    """
    data = context.user_data
    if data is not None and data.get(CHOSEN_LANG) in LANGS:
        return data[CHOSEN_LANG]
    if courtesy and data is not None and data.get(SEEN_LANG) in LANGS:
        return data[SEEN_LANG]
    if not understood or detected not in LANGS:
        return user_lang(update, context)
    if data is not None:
        data[SEEN_LANG] = detected
    return detected

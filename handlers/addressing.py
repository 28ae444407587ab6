"""Which messages are meant for the bot: all of a private chat; in a group only a mention or a reply.

In groups the bot reads only what is addressed to it (with Telegram's privacy mode on, that is all it is
sent anyway); it neither answers nor records other people's conversation.
"""
from __future__ import annotations

import re

from telegram import Bot, Message, MessageEntity
from telegram.constants import ChatType
from telegram.ext import filters

# What is left around a removed mention: "@bot, 청창사 언제?" -> "청창사 언제?"
_EDGE = " \t\n,.:;!?~·"


def is_reply_to_bot(message: Message, bot: Bot) -> bool:
    original = message.reply_to_message
    return bool(original and original.from_user and original.from_user.id == bot.id)


def addressed_text(message: Message, bot: Bot) -> str | None:
    """The text of a message meant for the bot, without the @mention; None if it is not meant for it."""
    text = message.text
    if text is None:
        return None
    if message.chat.type == ChatType.PRIVATE:
        return text.strip()
    mentioned = False
    username = (bot.username or "").lower()
    for entity, value in message.parse_entities([MessageEntity.MENTION, MessageEntity.TEXT_MENTION]).items():
        if entity.type == MessageEntity.MENTION and username and value.lower() == "@" + username:
            mentioned = True
            text = re.sub(re.escape(value), " ", text, flags=re.IGNORECASE)
        elif entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.id == bot.id:
            mentioned = True
            text = text.replace(value, " ", 1)
    if not mentioned and not is_reply_to_bot(message, bot):
        return None
    return " ".join(text.split()).strip(_EDGE)


def is_addressed(message: Message, bot: Bot) -> bool:
    """A text meant for the bot, or anything else sent in a private chat or as a reply to the bot."""
    if message.text is not None:
        if message.text.startswith("/") and message.chat.type != ChatType.PRIVATE:
            # "/help" is for every bot in the group, "/help@other_bot" is not for us.
            target = message.text.split(maxsplit=1)[0].partition("@")[2]
            return not target or target.lower() == (bot.username or "").lower()
        return addressed_text(message, bot) is not None
    return message.chat.type == ChatType.PRIVATE or is_reply_to_bot(message, bot)


class _Addressed(filters.MessageFilter):
    """Messages (and edited messages) meant for the bot; see is_addressed."""

    __slots__ = ()

    def filter(self, message: Message) -> bool:
        return is_addressed(message, message.get_bot())


ADDRESSED = _Addressed(name="Addressed")

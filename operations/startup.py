"""Reaching the Bot API at start: a wrong token or address ends in one plain line, a network failure waits.

python-telegram-bot checks the token with getMe when the Application is initialised. Left to itself, a
rejected token (401) or a wrong TELEGRAM_BASE_URL (404) ends the process with a traceback whose last line
quotes the token (`InvalidToken: The token `...` was rejected`), and an unreachable Telegram ends it the
same way. Here the bot's getMe is made first, before `run_polling`/`run_webhook`:

- 401: StartupError "Telegram rejected the bot token (TELEGRAM_BOT_TOKEN) ..." - nothing to retry;
- 404 or another refusal: StartupError naming TELEGRAM_BASE_URL (the address is wrong, not the network);
- no connection, a timeout or a 5xx: one log line, then again after 1, 2, 4 ... up to 60 s, for as long
  as it takes (systemd or docker would otherwise restart the bot in a tight loop).

Neither message contains the token: the address is shown without it.
"""
from __future__ import annotations

import asyncio
import logging
from urllib.parse import urlsplit

from telegram import Bot
from telegram.error import InvalidToken, NetworkError, TelegramError

log = logging.getLogger(__name__)

FIRST_RETRY_S = 1.0
MAX_RETRY_S = 60.0


class StartupError(RuntimeError):
    """The bot cannot start; the message is one line for the operator, without secrets."""


def public_address(base_url: str) -> str:
    """The Bot API address as it can be printed: scheme, host and port only."""
    parts = urlsplit(base_url.replace("{token}", ""))
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else "(no address)"


async def connect(bot: Bot, base_url: str, *, first_retry_s: float = FIRST_RETRY_S,
                  max_retry_s: float = MAX_RETRY_S, max_tries: int | None = None) -> None:
    """Initialise `bot` (getMe), waiting out network failures; StartupError when it cannot work at all."""
    address = public_address(base_url)
    delay = first_retry_s
    tries = 0
    while True:
        tries += 1
        try:
            await bot.initialize()
            log.info("connected to the Bot API at %s as @%s", address, bot.username)
            return
        except InvalidToken as error:
            raise StartupError(_refusal(error, address)) from None
        except NetworkError as error:  # also TimedOut and 5xx answers
            if max_tries is not None and tries >= max_tries:
                raise StartupError(f"cannot reach the Bot API at {address}: {_reason(error)}") from None
            log.warning("cannot reach the Bot API at %s (%s); trying again in %.0f s",
                        address, _reason(error), delay)
        except TelegramError as error:  # anything else Telegram says no to: not going to change by waiting
            raise StartupError(f"the Bot API at {address} refused to start the bot: {_reason(error)}") from None
        await asyncio.sleep(delay)
        delay = min(delay * 2, max_retry_s)


def _reason(error: TelegramError) -> str:
    return error.message


def _refusal(error: InvalidToken, address: str) -> str:
    # Bot.initialize wraps the request's InvalidToken (whose message is the server's description) in one
    # that quotes the token: only the inner one is looked at.
    cause = error.__cause__
    description = cause.message if isinstance(cause, TelegramError) else ""
    if "unauthorized" in description.lower():
        return ("Telegram rejected the bot token (TELEGRAM_BOT_TOKEN, 401 Unauthorized): copy it again from "
                "@BotFather (/mybots -> API Token)")
    return (f"the Bot API at {address} does not know this bot (404 {description or 'Not Found'}): "
            "check TELEGRAM_BASE_URL (and TELEGRAM_BOT_TOKEN)")

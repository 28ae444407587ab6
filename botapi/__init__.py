"""A fake Telegram Bot API for the console chat, the tests and the benchmarks.

`InProcessBotAPI` answers the Bot API inside the process (a python-telegram-bot `BaseRequest`),
`UpdateFactory` makes the updates Telegram would send, and `LoopbackBotAPIServer` serves the same
API over HTTP on 127.0.0.1 for long-polling, fault and throughput tests.
"""
from botapi.inprocess import BotAPIError, InProcessBotAPI
from botapi.updates import UpdateFactory

__all__ = ["BotAPIError", "InProcessBotAPI", "UpdateFactory"]

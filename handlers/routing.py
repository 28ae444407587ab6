"""How a handler that runs ahead of the areas (the staff desk, the follow-up flow) ends an update.

python-telegram-bot gives an update to one handler per group, group by group. A handler ahead of the
areas that has dealt with an update stops it there with `ApplicationHandlerStop` (inside a
ConversationHandler, `ApplicationHandlerStop(state)` also moves the conversation to `state`). One that
leaves the update to the others (a command typed in the middle of the follow-up) returns `LET_GO`, and
python-telegram-bot routes it on as if the handler had not been there.

An exception in a handler would normally be reported and the update then passed on to the next groups:
a staff command that failed would reach the enquiry recorder (a staff answer logged under the staff
member's id) and the unknown-command reply; a name typed into the flow would reach the question
answerer. `stopping` reports the error (the error handler answers politely) and stops the update.
"""
from __future__ import annotations

import functools
from collections.abc import Coroutine
from typing import Any, Callable, NoReturn

from telegram import Update
from telegram.ext import ApplicationHandlerStop, CallbackContext, ConversationHandler

LET_GO = "let-go"   # a callback's result: end here (a conversation ends) and let the update go on

Callback = Callable[[Update, Any], Coroutine[Any, Any, Any]]


def handled(state: object = None) -> NoReturn:
    """Stop the update here, moving a conversation to `state` (None: it stays where it is)."""
    raise ApplicationHandlerStop(state)


def stopping(callback: Callback, *, always: bool = True) -> Callback:
    """A callback whose update stops once it has run (or failed), unless it returns LET_GO.

    `always=False`: only a failure stops the update; otherwise the callback decides (it raises
    ApplicationHandlerStop itself where it has dealt with the update).
    """

    @functools.wraps(callback)
    async def run(update: Update, context: CallbackContext[Any, Any, Any, Any]) -> object:
        try:
            state = await callback(update, context)
        except ApplicationHandlerStop:
            raise
        except Exception as error:  # noqa: BLE001 - reported to the error handler, then stopped
            await context.application.process_error(update, error)
            handled()
        if state == LET_GO:
            return ConversationHandler.END
        if not always:
            return state
        handled(state)

    return run

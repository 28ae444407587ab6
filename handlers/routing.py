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

A message a handler ahead of the areas keeps (a typed 네 at the consent notice or /forget's confirmation,
a name, the follow-up's question) was a reply to a step, not a question to the bot: `stopping` marks its
enquiry so (store.enquiries.mark_step_reply), and /mydata, the statistics and `enquiries unanswered` leave
it out. One let go (LET_GO) stays a question.
"""
from __future__ import annotations

import functools
from collections.abc import Coroutine
from typing import Any, Callable, NoReturn

from telegram import Update
from telegram.ext import ApplicationHandlerStop, CallbackContext, ConversationHandler

from handlers.services import services_of

LET_GO = "let-go"   # a callback's result: end here (a conversation ends) and let the update go on

Callback = Callable[[Update, Any], Coroutine[Any, Any, Any]]


def handled(state: object = None) -> NoReturn:
    """Stop the update here, moving a conversation to `state` (None: it stays where it is)."""
    raise ApplicationHandlerStop(state)


def stopping(callback: Callback, *, always: bool = True, step_reply: bool = True) -> Callback:
    """A callback whose update stops once it has run (or failed), unless it returns LET_GO.

    `always=False`: only a failure stops the update; otherwise the callback decides (it raises
    ApplicationHandlerStop itself where it has dealt with the update). `step_reply=False`: the message it
    stops is still the person's question (the follow-up's question step), not a reply to a step.
    """

    def stop(update: Update, context: CallbackContext[Any, Any, Any, Any]) -> None:
        if step_reply:
            mark_step_reply(update, context)


    @functools.wraps(callback)
    async def run(update: Update, context: CallbackContext[Any, Any, Any, Any]) -> object:
        try:
            state = await callback(update, context)
        except ApplicationHandlerStop:
            stop(update, context)
            raise
        except Exception as error:  # noqa: BLE001 - reported to the error handler, then stopped
            await context.application.process_error(update, error)
            stop(update, context)
            handled()
        if state == LET_GO:
            return ConversationHandler.END
        if not always:
            return state
        stop(update, context)
        handled(state)

    return run


def mark_step_reply(update: Update, context: CallbackContext[Any, Any, Any, Any]) -> None:
    """The message this update brought answered a step: its enquiry (logged by the recorder) is no question."""
    enquiry_id = getattr(context, "enquiry_id", None)
    if enquiry_id and update.callback_query is None:
        services_of(context.application).store.enquiries.mark_step_reply(enquiry_id)

"""The follow-up conversation and its registration.

The conversation is persistent (the state file beside the database, handlers/persistence.py), kept per
chat and user, in private chats only: a group would see the name and contact. It runs in its own handler
group (FOLLOWUP_GROUP), after the enquiry recorder and ahead of the areas: its steps stop the updates
they take; a command typed in the middle ends the flow and goes on to its own handler.
python-telegram-bot's timeout jobs die with the process, so the draft carries the time of its last step
and a draft older than the timeout is treated as timed out when the user comes back (and swept by the
daily privacy job).

Inside the flow: /cancel, the 취소 button or a message that is just "취소" ends it, any other command ends
it and then runs as usual, anything but text gets a polite re-ask, and only the latest prompt keeps live
buttons. Every step with buttons also takes the typed answer (handlers/typed.py).
"""
from __future__ import annotations

import warnings

from telegram import Message, Update
from telegram.ext import (Application, BaseHandler, CallbackQueryHandler, ConversationHandler, MessageHandler,
                          TypeHandler, filters)
from telegram.warnings import PTBUserWarning

from handlers import callback_data as cb
from handlers.actions import register_action
from handlers.commands import command
from handlers.consent import AGREE
from handlers.followup import exits, notice, steps
from handlers.followup.common import (CANCEL, CONFIRM, CONTACT, CONVERSATION_NAME, FIX, FOLLOWUP_GROUP, KEEP, NAME,
                                      OFFER, OTHER, PERSONAL_MESSAGES, QUESTION, REFUSE, SEND, START, TIMEOUT,
                                      stopping)
from handlers.followup.mytickets import my_tickets
from handlers.followup.names import typed_before_consent
from handlers.typed import CANCEL_WORD, ApplicationFilter, Awaiting, TypedAnswer


class TypedPersonal(filters.MessageFilter):
    """A text that is a name or contact given a step early (handlers/followup/names.py)."""

    def filter(self, message: Message) -> bool:
        return typed_before_consent(message.text or "") is not None


class _PersonalEdit(ApplicationFilter):
    """An edit, in a private chat, of a message that gave the flow a name or contact."""

    def filter(self, message: Message) -> bool:
        user = message.from_user
        kept = self.application.user_data.get(user.id, {}).get(PERSONAL_MESSAGES) if user else None
        return any(message_id == message.message_id for message_id, _ in kept or ())


def build_conversation(app: Application) -> ConversationHandler:
    private = filters.ChatType.PRIVATE
    text = filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND & ~CANCEL_WORD
    entry_points: list[BaseHandler] = [
        command("contact", stopping(notice.offer_consent), private),
        # t.me/<bot>?start=contact: the link a group chat gets (the flow takes place in private)
        command("start", stopping(notice.offer_consent), private & filters.Regex(r"^/start(@\w+)?\s+contact\s*$")),
        CallbackQueryHandler(stopping(notice.offer_consent), pattern=f"^{START}$"),
        CallbackQueryHandler(stopping(notice.agree), pattern=cb.pattern(AGREE)),
        CallbackQueryHandler(stopping(notice.refuse), pattern=f"^{REFUSE}$"),
        # "네" / "아니요" typed while the notice is on screen
        MessageHandler(private & filters.UpdateType.MESSAGE & TypedAnswer("yes", "no") & Awaiting(app, OFFER),
                       stopping(notice.typed_consent)),
        # a name or contact typed there instead, before any consent: not taken, the notice asked again
        MessageHandler(private & filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND & Awaiting(app, OFFER)
                       & TypedPersonal(), stopping(notice.personal_before_consent)),
    ]
    states: dict[object, list[BaseHandler]] = {
        NAME: [MessageHandler(text, steps.receive_name)],
        CONTACT: [MessageHandler(text, steps.receive_contact)],
        QUESTION: [MessageHandler(text, steps.receive_question),
                   CallbackQueryHandler(steps.keep_question, pattern=f"^{KEEP}$"),
                   CallbackQueryHandler(steps.other_question, pattern=f"^{OTHER}$")],
        CONFIRM: [CallbackQueryHandler(steps.submit, pattern=f"^{SEND}$"),
                  CallbackQueryHandler(steps.fix, pattern=cb.pattern(FIX)),
                  MessageHandler(text, steps.typed_at_confirm)],
        ConversationHandler.TIMEOUT: [TypeHandler(Update, exits.timed_out)],
    }
    fallbacks: list[BaseHandler] = [
        command("cancel", stopping(exits.cancel)),
        MessageHandler(filters.UpdateType.MESSAGE & filters.TEXT & CANCEL_WORD, stopping(exits.cancel)),
        CallbackQueryHandler(stopping(exits.cancel), pattern=f"^{CANCEL}$"),
        # An edit (of a command too) changes nothing in the flow: before the command fallback, which
        # would end the flow for an edited command.
        MessageHandler(filters.UpdateType.EDITED_MESSAGE, stopping(exits.edited)),
        MessageHandler(filters.COMMAND, stopping(exits.leave_for_command)),
        CallbackQueryHandler(stopping(exits.leave_for_command), pattern=r"^pv:"),  # /forget's buttons
        MessageHandler(filters.UpdateType.MESSAGE & ~filters.TEXT & ~filters.StatusUpdate.ALL, steps.not_text),
    ]
    with warnings.catch_warnings():
        # PTB warns that with per_message=False a button is tracked per chat and user rather than per
        # message: that is what this flow wants (a step's buttons and typed answers are one conversation).
        warnings.filterwarnings("ignore", message=".*per_message=False", category=PTBUserWarning)
        return ConversationHandler(
            entry_points=entry_points, states=states, fallbacks=fallbacks,
            allow_reentry=True,  # /contact or 담당자 문의 in the middle starts afresh
            conversation_timeout=TIMEOUT.total_seconds(),
            name=CONVERSATION_NAME, persistent=app.persistence is not None,
        )


def register(app: Application) -> None:
    """The flow in its own group, ahead of the areas; then what works outside it (in the areas' group)."""
    app.add_handler(build_conversation(app), group=FOLLOWUP_GROUP)
    # After the flow has ended, an edit of the message that gave the name or contact: not a question.
    personal_edit = filters.ChatType.PRIVATE & filters.UpdateType.EDITED_MESSAGE & _PersonalEdit(app, "PersonalEdit")
    app.add_handler(MessageHandler(personal_edit, stopping(exits.personal_edit)), group=FOLLOWUP_GROUP)
    # Outside the flow: /contact in a group (answered with a link to a private chat); /cancel, 취소 and a
    # typed "취소" on the notice (before 동의 there is no conversation yet; with nothing to cancel, the
    # answer says so and shows the menu).
    app.add_handler(command("contact", notice.offer_consent))
    app.add_handler(command("cancel", exits.cancel))
    app.add_handler(MessageHandler(filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE & CANCEL_WORD,
                                   stopping(exits.cancel)))  # a typed 취소 is no question either
    app.add_handler(CallbackQueryHandler(exits.cancel, pattern=f"^{CANCEL}$"))
    app.add_handler(command("mytickets", my_tickets))
    register_action(app, "followup", notice.offer_from_intent)

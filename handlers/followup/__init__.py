"""담당자 문의: leaving a question for staff as a ticket, after consent; and /mytickets.

    consent ─동의─▶ name ─▶ contact ─▶ question ─▶ confirm ─접수─▶ ticket (its number shown)
       └─동의하지 않음──────────────────▶ question ─▶ confirm ─접수─▶ anonymous ticket

One module per job:
    notice.py        the consent notice and its answers (the ways in)
    steps.py         the steps, the corrections before 접수, and 접수
    prompts.py       what each step says, and the question offered from earlier
    names.py         the name out of "김민수입니다"
    exits.py         /cancel, another command, the timeout, the sweep of stale drafts, what the log keeps
    mytickets.py     /mytickets
    conversation.py  the ConversationHandler (its own group, ahead of the areas) and registration
    common.py        states, limits, callback data, the draft
"""
from handlers.followup.common import (CONVERSATION_NAME, DRAFT, FOLLOWUP_GROUP, NAME_LIMIT, PERSONAL_STEPS,
                                      QUESTION_LIMIT, TIMEOUT, is_private, send_private_link)
from handlers.followup.conversation import register
from handlers.followup.exits import personal_placeholder, sweep_stale_drafts
from handlers.followup.mytickets import local_date, ticket_status

__all__ = ["CONVERSATION_NAME", "DRAFT", "FOLLOWUP_GROUP", "NAME_LIMIT", "PERSONAL_STEPS", "QUESTION_LIMIT",
           "TIMEOUT", "is_private", "local_date", "personal_placeholder", "register", "send_private_link",
           "sweep_stale_drafts", "ticket_status"]

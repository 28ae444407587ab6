"""The long-lived services every handler reaches through its context: one typed object, built once.

bot.py builds it (build_application) and puts it in bot_data under one key; nothing else of ours lives
in bot_data, and this module is the only one that looks it up. Handlers read `context.services` (or the
shortcuts on BotContext: context.store, context.texts, context.kb, ...), jobs and filters read
`services_of(app)`.

    services.settings    Settings (STAFF_CHAT_ID, RETENTION_DAYS, ...)
    services.store       the SQLite store: store.enquiries, store.tickets, store.outbox, ...
    services.texts       the bot's texts (handlers/texts*.yaml), loaded once
    services.consent     the consent notice (handlers/consent.yaml), loaded once
    services.knowledge   the knowledge base and its matcher, swapped together (see Knowledge)
    services.desk        the staff desk: tickets' cards, answers, refreshing cards (handlers/desk.py)
    services.actions     what an intent's `action` runs (handlers/actions.py)
    services.sender      the outbox sender, once registered (handlers/outbox.py); None in the console
    services.reloader    the knowledge reloader, services.heartbeat the status heartbeat (when running)
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Awaitable, Callable

from telegram.ext import Application

from handlers.consent import Consent
from handlers.texts import Texts

if TYPE_CHECKING:
    from telegram import Update

    from handlers.context import BotContext
    from handlers.desk import Desk
    from handlers.heartbeat import Heartbeat
    from handlers.reload import Reloader
    from handlers.outbox import OutboxSender
    from intents.matcher import Matcher
    from knowledge.model import KnowledgeBase
    from settings import Settings
    from store import EnquiryStore

SERVICES_KEY = "services"  # the one bot_data key of ours (bot_data is never persisted)

# An intent's action: (update, context, lang); and whether the intent's reply goes before it.
Action = Callable[["Update", "BotContext", str], Awaitable[None]]


@dataclass(frozen=True)
class Knowledge:
    """The knowledge base and the matcher built from it, always replaced together.

    A reload (hot reload of the knowledge files) builds a new Knowledge and calls
    Services.swap_knowledge; an update being handled keeps the pair it started with when it holds on to
    `context.knowledge`, and the next update sees the new one.
    """

    kb: "KnowledgeBase"
    matcher: "Matcher"


@dataclass
class Services:
    settings: "Settings"
    store: "EnquiryStore"
    texts: Texts
    consent: Consent
    knowledge: Knowledge
    actions: dict[str, tuple[Action, bool]] = field(default_factory=dict)
    desk: "Desk | None" = None
    sender: "OutboxSender | None" = None
    reloader: "Reloader | None" = None      # the knowledge hot reload (handlers/reload.py), when running
    heartbeat: "Heartbeat | None" = None    # what `bot.py status` reads (handlers/heartbeat.py)

    def swap_knowledge(self, kb: "KnowledgeBase", matcher: "Matcher") -> Knowledge:
        """Put a new knowledge base and its matcher in place at once (the reload's last step)."""
        self.knowledge = Knowledge(kb, matcher)
        return self.knowledge

    @property
    def staff_desk(self) -> "Desk":
        """The desk service (always there once build_application has run)."""
        if self.desk is None:
            raise RuntimeError("the desk service is built by bot.build_application")
        return self.desk


def install(app: Application[Any, Any, Any, Any, Any, Any], services: Services) -> Services:
    app.bot_data[SERVICES_KEY] = services
    return services


def services_of(app: Application[Any, Any, Any, Any, Any, Any]) -> Services:
    """The services of an Application (for jobs, filters and tests, which have no handler context)."""
    return app.bot_data[SERVICES_KEY]

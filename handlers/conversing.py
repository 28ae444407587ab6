"""What the bot does around an answer, so that the next message is read against what the person saw.

- The options it last offered (suggestions not tapped, an area's list) are kept beside the last answer
  (`LAST_OPTIONS` in chat_data). They are newer than any answer, so showing them ends the old context.
- A question with no topic of its own and nothing answered before (`자격은?` first, `자격 조건이 어떻게
  됩니까` under suggestions nobody tapped, `What are the eligibility requirements?` under a list) is
  answered with "which program?": those options, each opening the asked aspect, else the areas.
- A question *about* staff (`Do you have an English speaking staff?`) is answered, with the button that
  leaves a question, instead of starting the contact flow as a request (`담당자 연결해 주세요`) does.
"""
from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass

from telegram import Update

from handlers import callback_data as cb
from handlers import cards
from handlers.context import BotContext
from handlers.replies import send
from intents.context import CONTEXT_SECONDS, asks_beyond, bare_aspect
from intents.decision import Decision
from knowledge.model import Faq, Intent, Program

LAST_ITEM = "last_item"        # chat_data: (id, time) of the item answered last, for follow-up questions
LAST_OPTIONS = "last_options"  # chat_data: (program ids, time) of the options offered last
MAX_OPTIONS = 6


def remember_options(context: BotContext, program_ids: Iterable[str]) -> None:
    """Options were shown (suggestions, a list): a follow-up without a topic asks which of them it means;
    the answer before them is no longer what it is about."""
    if context.chat_data is None:
        return
    ids = tuple(dict.fromkeys(program_ids))[:MAX_OPTIONS]
    context.chat_data.pop(LAST_ITEM, None)
    if ids:
        context.chat_data[LAST_OPTIONS] = (ids, time.time())
    else:
        context.chat_data.pop(LAST_OPTIONS, None)


def recent_options(context: BotContext) -> list[Program]:
    """The programs offered last, while recent and still in the knowledge base."""
    kept = context.chat_data.get(LAST_OPTIONS) if context.chat_data is not None else None
    if not (isinstance(kept, (tuple, list)) and len(kept) == 2):
        return []
    ids, at = kept
    if not 0 <= time.time() - float(at) <= CONTEXT_SECONDS:
        return []
    return [p for p in (context.kb.program(str(i)) for i in ids) if p is not None]


@dataclass(frozen=True)
class Which:
    """`자격은?` with nothing answered before: the aspect asked, and the programs it may be about (those
    just offered; none: ask by area)."""

    aspect: str
    options: tuple[Program, ...]


def which_program(context: BotContext, text: str, decision: Decision) -> Which | None:
    """Whether to ask which program a topic-less aspect question means. Under options just shown even a
    general answer (`신청은 어떻게 해요?` has an FAQ on applying in general) gives way: the person is asking
    about one of them; small talk never answers an aspect question (`자격 조건이 어떻게 됩니까` is no "help")."""
    if decision.area is not None:
        return None
    options = tuple(recent_options(context))
    answered = context.kb.get(decision.id or "") if decision.kind == "answer" else None
    small_talk = isinstance(answered, Intent) and not answered.action
    if answered is not None and not small_talk and not (options and isinstance(answered, Faq)):
        return None
    aspect = bare_aspect(context.matcher, text)
    return Which(aspect, options) if aspect is not None else None


async def ask_which(update: Update, context: BotContext, which: Which, lang: str) -> None:
    """"Which program's 자격요건?": the options, each opening that aspect, else the areas; and staff."""
    texts = context.texts
    name = texts.get(f"aspects.{which.aspect}", lang)
    if which.options:
        title = texts.get("which.program", lang, aspect=name)
        rows = [[cards.button(p.name.get(lang), cb.program(p.id, which.aspect))] for p in which.options]
    else:
        title = texts.get("which.area", lang, aspect=name)
        rows = [[cards.button(a.name.get(lang), cb.program_list(cb.ListKey("a", a.id)))]
                for a in context.kb.areas if context.kb.programs_in(a.id)]
    rows.append([cards.staff_button(texts, lang)])
    await send(update, context, title, cards.keyboard(rows))


def about_staff(context: BotContext, text: str, item: Intent) -> bool:
    """A "talk to a person" intent matched by a question that names more than the request does."""
    return item.action == "followup" and asks_beyond(context.matcher, text, item.id)


async def answer_about_staff(update: Update, context: BotContext, lang: str) -> None:
    """What the guide cannot answer about staff: said so, with the button that leaves them a question."""
    await send(update, context, context.texts.get("which.about_staff", lang),
               cards.keyboard([[cards.staff_button(context.texts, lang)]]))

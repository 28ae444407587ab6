"""/finder: a few questions with buttons, then the programs that fit, each with a reason per criterion.

    who ─▶ (years, for startups | size, for companies) ─▶ (age, for people) ─▶ region ─▶ field ─▶ need ─▶ results

A ConversationHandler (persistent, per chat and user) walks the steps; the answers live in
user_data[FINDER], which the Application's persistence keeps across restarts, so /finder later offers
the last answers again. /forget removes them (privacy.py drops user_data and calls forget() here to end
the conversation). Every step can be skipped; a skipped criterion shows as "?" rather than a failure.

A question that asks what the person could get without naming anything (`나한테 맞는 사업 찾아줘`,
`창업 2년차 제조업인데 받을 수 있는 지원`) starts the finder with what it says filled in; one that names a
program, an area or a topic is answered, with a button that offers the finder (handlers/finder_route.py
decides; the question answerer calls take_question). The prefilled question's buttons and the offer are
entry points too, as those messages are sent outside the conversation.
"""
from __future__ import annotations

import warnings

from telegram import InlineKeyboardButton, Update
from telegram.ext import Application, BaseHandler, CallbackQueryHandler, ConversationHandler
from telegram.warnings import PTBUserWarning

from handlers import finder_cards as fc
from handlers.browsing import remember_shown
from handlers.cards import button
from handlers.commands import command
from handlers.context import BotContext, user_lang
from handlers.finder_route import Route, route
from handlers.replies import answer_query, send, show
from intents.decision import Decision
from knowledge.eligibility import Profile

CONVERSATION_NAME = "finder"
FINDER = "finder"            # user_data key: {"answers": {...}, "asked": [steps answered or skipped]}
# States: strings, as they are kept in the persistence file across versions.
ASKING, SHOWN = "asking", "shown"
END = ConversationHandler.END
P = fc.PREFIX


def _saved(context: BotContext) -> tuple[Profile, list[str]]:
    data = (context.user_data or {}).get(FINDER) or {}
    profile = Profile.from_dict(data.get("answers"))
    asked = [s for s in data.get("asked", []) if s in fc.STEPS]
    return profile, asked


def _save(update: Update, context: BotContext, profile: Profile, asked: list[str]) -> None:
    context.user_data[FINDER] = {"answers": profile.to_dict(), "asked": list(dict.fromkeys(asked))}


def _now(context: BotContext):
    return context.store.clock()


async def _ask_or_show(update: Update, context: BotContext, profile: Profile, asked: list[str], *,
                       intro: str | None = None, new_message: bool = False, lang: str | None = None) -> str:
    """The next unanswered question, or the results once every question was answered or skipped."""
    lang = lang or user_lang(update, context)
    step = fc.next_step(profile, asked)
    put = send if new_message else show
    if step is None:
        text, markup = fc.results_card(context.kb, profile, _now(context), context.texts, lang)
        await put(update, context, text, markup)
        remember_shown(context, markup)  # `2번` opens the second program listed (handlers/browsing.py)
        return SHOWN
    await put(update, context, *fc.question_card(step, profile, asked, context.texts, lang, intro=intro))
    return ASKING


# -- entering --------------------------------------------------------------------------------------

async def start(update: Update, context: BotContext) -> str:
    """/finder and the menu's button: the last answers if there are any, else the first question."""
    if update.callback_query is not None:
        await answer_query(update.callback_query)  # stops the spinner; the finder comes as a new message
    profile, asked = _saved(context)
    lang = user_lang(update, context)
    if profile.to_dict() and fc.next_step(profile, asked) is None:
        await send(update, context, *fc.resume_card(profile, context.texts, lang))
        return SHOWN
    _save(update, context, Profile(), [])
    return await _ask_or_show(update, context, Profile(), [], intro=context.texts.get("finder.intro", lang),
                              new_message=True)


async def start_over(update: Update, context: BotContext) -> str:
    """새로 답하기 / 조건 다시 답하기: forget the answers and ask from the first question, in place."""
    await answer_query(update.callback_query)  # stops the spinner; the question replaces the message
    _save(update, context, Profile(), [])
    return await _ask_or_show(update, context, Profile(), [],
                              intro=context.texts.get("finder.intro", user_lang(update, context)))


def routed(context: BotContext, text: str, decision: Decision, last: str | None) -> Route | None:
    """Where a question asking what the person could get goes (handlers/finder_route.py); None for any
    other question, and where the finder has nothing to judge by (no program states criteria)."""
    if context.user_data is None or not any(p.criteria for p in context.kb.programs):
        return None
    return route(text, decision, context.matcher, last)


async def start_from(update: Update, context: BotContext, profile: Profile, lang: str) -> str:
    """The finder for a question that named nothing: what it said filled in, then the next question."""
    asked = [step for step in fc.STEPS if getattr(profile, step) is not None]
    _save(update, context, profile, asked)
    if profile.to_dict():
        intro = context.texts.get("finder.prefilled", lang, profile=fc.profile_text(profile, context.texts, lang))
    else:
        intro = context.texts.get("finder.intro", lang)
    return await _ask_or_show(update, context, profile, asked, intro=intro, new_message=True, lang=lang)


def offer_row(context: BotContext, profile: Profile, lang: str) -> list[InlineKeyboardButton | None]:
    """A button under an answer that starts the finder with what the question said about the person."""
    return [button(context.texts.get("finder.offer", lang), f"{P}:o:{fc.encode_profile(profile)}")]


async def start_offered(update: Update, context: BotContext) -> str | int:
    """The finder offered under an answer: started with the profile the button carries."""
    profile = fc.decode_profile((update.callback_query.data or "").split(":", 2)[-1])
    if profile is None:
        return await stale(update, context)
    await answer_query(update.callback_query)  # stops the spinner; the finder comes as a new message
    return await start_from(update, context, profile, user_lang(update, context))


# -- the steps -------------------------------------------------------------------------------------

async def answer(update: Update, context: BotContext) -> str | int:
    """A button of a question: keep the answer, then the next question (or the results)."""
    query = update.callback_query
    parsed = fc.parse_answer(query.data or "")
    if parsed is None:
        return await stale(update, context)
    await answer_query(query)  # stops the spinner; the next question replaces this one
    step, value = parsed
    profile, asked = _saved(context)
    profile = profile.merged(Profile(**{step: value}))
    if step == "who":  # another kind of person: the kind-specific answers no longer apply
        profile = Profile(**{**profile.to_dict(), "years": None, "size": None, "who": value})
        asked = [s for s in asked if s not in ("years", "size")]
    asked = [*asked, step]
    _save(update, context, profile, asked)
    return await _ask_or_show(update, context, profile, asked)


async def skip(update: Update, context: BotContext) -> str | int:
    query = update.callback_query
    step = (query.data or "").split(":")[-1]
    if step not in fc.STEPS:
        return await stale(update, context)
    await answer_query(query)  # stops the spinner; the next question replaces this one
    profile, asked = _saved(context)
    asked = [*asked, step]
    _save(update, context, profile, asked)
    return await _ask_or_show(update, context, profile, asked)


async def back(update: Update, context: BotContext) -> str:
    """◀ 이전: the previous question again, its answer cleared."""
    await answer_query(update.callback_query)  # stops the spinner; the question replaces this one
    profile, asked = _saved(context)
    if asked:
        last = asked.pop()
        profile = Profile(**{**profile.to_dict(), last: None})
    _save(update, context, profile, asked)
    return await _ask_or_show(update, context, profile, asked)


async def show_now(update: Update, context: BotContext) -> str:
    """이대로 결과 보기 / 이 조건으로 보기: the results with the answers so far."""
    await answer_query(update.callback_query)  # stops the spinner; the results replace the message
    profile, _ = _saved(context)
    lang = user_lang(update, context)
    await show(update, context, *fc.results_card(context.kb, profile, _now(context), context.texts, lang))
    return SHOWN


async def why_not(update: Update, context: BotContext) -> str | int:
    """❔ under a close miss: each criterion with its mark, and which one failed."""
    query = update.callback_query
    program = context.kb.program((query.data or "").split(":", 2)[-1])
    profile, _ = _saved(context)
    card = fc.why_not_card(program, profile, context.texts, user_lang(update, context)) if program else None
    if card is None:
        return await stale(update, context)
    await answer_query(query)  # stops the spinner; the explanation comes as a new message under the list
    await send(update, context, *card)
    return SHOWN


async def stale(update: Update, context: BotContext) -> int:
    """A finder button the conversation no longer expects (an old message's)."""
    await answer_query(update.callback_query, context.texts.get("finder.stale", user_lang(update, context)),
                       show_alert=True)
    return END


# -- /mydata and /forget ---------------------------------------------------------------------------

def my_data_lines(context: BotContext, lang: str) -> list[str]:
    """/mydata's line for the finder's answers (they say who the person is: age band, region, ...)."""
    profile, _ = _saved(context)
    if not profile.to_dict():
        return []
    return [context.texts.get("finder.mydata", lang, profile=fc.profile_text(profile, context.texts, lang))]


def forget(app: Application, user_id: int) -> None:
    """End the person's finder conversations (their answers went with user_data).

    python-telegram-bot has no public way to end a conversation from outside an update; this uses the
    same internals as the follow-up's daily sweep (tests/test_finder.py holds it to their behaviour).
    """
    for handler in app.handlers.get(0, []):
        if isinstance(handler, ConversationHandler) and handler.name == CONVERSATION_NAME:
            for key in list(handler._conversations):  # noqa: SLF001
                if key and key[-1] == user_id:
                    handler._update_state(END, key)  # noqa: SLF001


# -- registration ----------------------------------------------------------------------------------

def build_conversation(app: Application) -> ConversationHandler:
    answers = CallbackQueryHandler(answer, pattern=f"^{P}:a:")
    skips = CallbackQueryHandler(skip, pattern=f"^{P}:s:")
    backs = CallbackQueryHandler(back, pattern=f"^{P}:b$")
    entry_points = [
        command("finder", start),
        CallbackQueryHandler(start, pattern=f"^{P}:start$"),
        answers, skips, backs,  # a question sent outside the conversation (a question in free text started it)
        CallbackQueryHandler(show_now, pattern=f"^{P}:(go|r)$"),
        CallbackQueryHandler(start_over, pattern=f"^{P}:new$"),
        CallbackQueryHandler(start_offered, pattern=f"^{P}:o:"),  # offered under an answer
        CallbackQueryHandler(why_not, pattern=f"^{P}:w:"),  # under results shown outside the conversation
    ]
    states: dict[object, list[BaseHandler]] = {
        ASKING: [answers, skips, backs, CallbackQueryHandler(show_now, pattern=f"^{P}:go$")],
        SHOWN: [CallbackQueryHandler(why_not, pattern=f"^{P}:w:"), CallbackQueryHandler(show_now, pattern=f"^{P}:r$")],
    }
    fallbacks: list[BaseHandler] = [CallbackQueryHandler(stale, pattern=f"^{P}:")]
    with warnings.catch_warnings():
        # Buttons are tracked per chat and user, not per message: one finder per person is what is wanted.
        warnings.filterwarnings("ignore", message=".*per_message=False", category=PTBUserWarning)
        return ConversationHandler(entry_points=entry_points, states=states, fallbacks=fallbacks,
                                   allow_reentry=True, name=CONVERSATION_NAME,
                                   persistent=app.persistence is not None)


def register(app: Application) -> None:
    app.add_handler(build_conversation(app))

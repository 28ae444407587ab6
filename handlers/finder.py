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

import time
import warnings

from telegram import InlineKeyboardButton, Update
from telegram.ext import Application, BaseHandler, CallbackQueryHandler, ConversationHandler
from telegram.warnings import PTBUserWarning

from handlers import finder_cards as fc
from handlers import finder_typed
from handlers.browsing import remember_shown
from handlers.cards import button
from handlers.commands import command
from handlers.context import BotContext, user_lang
from handlers.conversing import LAST_OPTIONS, remember_options
from handlers.finder_route import Route, route
from handlers.replies import answer_query, send, show
from intents.context import CONTEXT_SECONDS
from intents.decision import Decision
from knowledge.asker import Asker
from knowledge.eligibility import Profile

CONVERSATION_NAME = "finder"
FINDER = "finder"            # user_data key: {"answers": {...}, "asked": [steps answered or skipped]}
ON_SCREEN = "finder_shown"   # user_data key: (card, step, lang, when): the finder's question shown last
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
    _on_screen(context, "question", step, lang)
    return ASKING


def _on_screen(context: BotContext, card: str, step: str, lang: str) -> None:
    """A question (or "search with these again?") is what the person sees last: a typed `2` or `예비창업자요`
    answers it (answer_typed), not a list shown before it, which it replaces as what a place points at."""
    remember_options(context, (), None)
    kept = (context.chat_data or {}).get(LAST_OPTIONS)
    context.user_data[ON_SCREEN] = (card, step, lang, kept[1] if kept else time.time())


def _shown_now(context: BotContext) -> tuple[str, str, str] | None:
    """(card, step, lang) of the finder's question while nothing was shown after it, and not long ago."""
    shown = (context.user_data or {}).get(ON_SCREEN)
    kept = (context.chat_data or {}).get(LAST_OPTIONS)
    if not (isinstance(shown, (tuple, list)) and len(shown) == 4 and isinstance(kept, (tuple, list)) and len(kept) >= 2):
        return None
    card, step, lang, at = shown
    if kept[1] != at or kept[0] or not 0 <= time.time() - float(at) <= CONTEXT_SECONDS:
        return None  # a list, a card or another question came after it
    return str(card), str(step), str(lang)


# -- entering --------------------------------------------------------------------------------------

async def start(update: Update, context: BotContext) -> str:
    """/finder and the menu's button: the last answers if there are any, else the first question."""
    if update.callback_query is not None:
        await answer_query(update.callback_query)  # stops the spinner; the finder comes as a new message
    profile, asked = _saved(context)
    lang = user_lang(update, context)
    if profile.to_dict() and fc.next_step(profile, asked) is None:
        await send(update, context, *fc.resume_card(profile, context.texts, lang))
        _on_screen(context, "resume", "", lang)  # `네` / `아니요` answer it
        return SHOWN
    _save(update, context, Profile(), [])
    return await _ask_or_show(update, context, Profile(), [], intro=context.texts.get("finder.intro", lang),
                              new_message=True)


async def start_over(update: Update, context: BotContext) -> str:
    """새로 답하기 / 조건 다시 답하기: forget the answers and ask from the first question, in place."""
    await answer_query(update.callback_query)  # stops the spinner; the question replaces the message
    return await _start_over(update, context, user_lang(update, context))


async def _start_over(update: Update, context: BotContext, lang: str, *, new_message: bool = False) -> str:
    _save(update, context, Profile(), [])
    return await _ask_or_show(update, context, Profile(), [], intro=context.texts.get("finder.intro", lang),
                              new_message=new_message, lang=lang)


def routed(context: BotContext, text: str, decision: Decision, last: str | None) -> Route | None:
    """Where a question asking what the person could get goes (handlers/finder_route.py); None for any
    other question, and where the finder has nothing to judge by (no program states criteria)."""
    if context.user_data is None or not any(p.criteria for p in context.kb.programs):
        return None
    return route(text, decision, context.matcher, last)


async def start_from(update: Update, context: BotContext, profile: Profile, lang: str,
                     asker: Asker | None = None) -> str:
    """The finder for a question that named nothing: what it said filled in, then the next question. An age
    it said that no answer of the finder holds (`그럼 중장년은 받을 수 있는게 없나요?`: 40 and over) is named in
    the first line, so the question is seen to be taken up."""
    asked = [step for step in fc.STEPS if getattr(profile, step) is not None]
    _save(update, context, profile, asked)
    if asker is not None and asker.age is not None and profile.age is None:
        intro = context.texts.get("finder.prefilled_age", lang, said=fc.age_text(asker, context.texts, lang))
    elif profile.to_dict():
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
    return await _answer(update, context, Profile(**{step: value}), [step])


async def _answer(update: Update, context: BotContext, said: Profile, steps: list[str], *,
                  new_message: bool = False, lang: str | None = None) -> str:
    """The answers `said` (to the question of each of `steps`, the one asked first) kept, then the next
    question or the results."""
    profile, asked = _saved(context)
    if said.who is not None:  # another kind of person: the kind-specific answers no longer apply
        profile = Profile(**{**profile.to_dict(), "years": None, "size": None})
        asked = [s for s in asked if s not in ("years", "size")]
    profile = profile.merged(said)
    asked = [*asked, *steps]
    _save(update, context, profile, asked)
    return await _ask_or_show(update, context, profile, asked, new_message=new_message, lang=lang)


async def skip(update: Update, context: BotContext) -> str | int:
    query = update.callback_query
    step = (query.data or "").split(":")[-1]
    if step not in fc.STEPS:
        return await stale(update, context)
    await answer_query(query)  # stops the spinner; the next question replaces this one
    return await _answer(update, context, Profile(), [step])


async def back(update: Update, context: BotContext) -> str:
    """◀ 이전: the previous question again, its answer cleared."""
    await answer_query(update.callback_query)  # stops the spinner; the question replaces this one
    return await _back(update, context)


async def _back(update: Update, context: BotContext, *, new_message: bool = False, lang: str | None = None) -> str:
    profile, asked = _saved(context)
    # The question before the one on screen, in the order asked (answers said ahead of it, `창업 2년차
    # 제조업이요` under the first question, stay); else the last one answered.
    current, steps = fc.next_step(profile, asked), fc.steps_for(profile)
    before = [s for s in steps[:steps.index(current)] if s in asked] if current in steps else []
    previous = before[-1] if before else (asked[-1] if asked else None)
    if previous is not None:
        asked = [s for s in asked if s != previous]
        profile = Profile(**{**profile.to_dict(), previous: None})
    _save(update, context, profile, asked)
    return await _ask_or_show(update, context, profile, asked, new_message=new_message, lang=lang)


async def show_now(update: Update, context: BotContext) -> str:
    """이대로 결과 보기 / 이 조건으로 보기: the results with the answers so far."""
    await answer_query(update.callback_query)  # stops the spinner; the results replace the message
    return await _show_now(update, context, user_lang(update, context))


async def _show_now(update: Update, context: BotContext, lang: str, *, new_message: bool = False) -> str:
    profile, _ = _saved(context)
    text, markup = fc.results_card(context.kb, profile, _now(context), context.texts, lang)
    await (send if new_message else show)(update, context, text, markup)
    remember_shown(context, markup)  # `2번` opens the second program listed (handlers/browsing.py)
    return SHOWN


# -- typed answers ---------------------------------------------------------------------------------

async def answer_typed(update: Update, context: BotContext, text: str) -> bool:
    """A message typed under the finder's question on screen that is one of its answers (`2`, `두번째`,
    `예비창업자요`, `창원이요`, `건너뛸게요`; `네` / `아니요` under "search with these again?"): what its
    button does, the next step as a new message (handlers/finder_typed.py). False for any other message
    (a question, answered as usual; the finder's buttons stay)."""
    shown = _shown_now(context) if context.user_data is not None else None
    if shown is None:
        return False
    card, step, lang = shown
    profile, asked = _saved(context)
    position = context.matcher.options.bare_position(text)
    if card == "resume":
        reply = finder_typed.read_resume(text, profile, context.texts, position)
    elif step == fc.next_step(profile, asked):
        reply = finder_typed.read_question(text, step, profile, asked, context.texts, position,
                                           context.matcher.options.says_nothing)
    else:
        return False  # the answers changed since (a button of an older message): nothing to read against
    if reply is None:
        return False
    if reply.beyond:
        key = "finder.typed_choose" if reply.yes_no else "finder.typed_beyond"
        intro = context.texts.get(key, lang, count=reply.beyond)
        await send(update, context, *fc.question_card(step, profile, asked, context.texts, lang, intro=intro))
        _on_screen(context, "question", step, lang)
        return True
    await _typed(update, context, reply, step, lang)
    return True


async def _typed(update: Update, context: BotContext, reply: finder_typed.Reply, step: str, lang: str) -> str:
    """What the button `reply.data` runs, as a new message under the typed answer."""
    data = reply.data or ""
    parsed = fc.parse_answer(data)
    if parsed is not None or not data:
        stated = reply.stated.merged(Profile(**{parsed[0]: parsed[1]})) if parsed else reply.stated
        steps = [s for s in fc.STEPS if getattr(stated, s) is not None]
        return await _answer(update, context, stated, steps, new_message=True, lang=lang)
    if data.startswith(f"{P}:s:"):
        return await _answer(update, context, Profile(), [step], new_message=True, lang=lang)
    if data == f"{P}:b":
        return await _back(update, context, new_message=True, lang=lang)
    if data == f"{P}:new":
        return await _start_over(update, context, lang, new_message=True)
    return await _show_now(update, context, lang, new_message=True)  # fd:go, fd:r


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

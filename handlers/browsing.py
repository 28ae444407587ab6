"""/programs: areas -> programs -> card, with back buttons, all in one message edited in place.

Every list shown is kept with the chat, in the order shown (handlers/conversing.py remember_options), so a
reply in words picks from it as its button would (intents/options.py): `세번째요` under the areas opens the
third area's list through `open_list`, the very code its button runs. A reply that is only a position and
picks nothing (`9번` under five areas, `3번` with no list shown or one shown too long ago) is answered here:
how many the list has, and the list again, numbered, with the same buttons (`answer_position`).
"""
from __future__ import annotations

from collections.abc import Collection, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler

from handlers import callback_data as cb
from handlers import cards
from handlers.actions import register_action
from handlers.commands import command
from handlers.context import BotContext, user_lang
from handlers.conversing import KEEP, match_context, remember_options
from handlers.errors import answer_stale
from handlers.replies import answer_query, send, show
from intents.context import NO_AREA, area_option, area_options
from intents.decision import Decision
from knowledge.model import Area, Item, Program


async def list_areas(update: Update, context: BotContext) -> None:
    """/programs: the business areas as buttons, in a new message."""
    await send_areas(update, context, user_lang(update, context))


async def send_areas(update: Update, context: BotContext, lang: str) -> None:
    """The areas in a new message; also the "browse" action of the list-programs intent."""
    await send(update, context, *cards.areas_card(context.kb, context.texts, lang))
    remember_options(context, area_options(context.kb))  # `세번째요` picks the third area


async def browse(update: Update, context: BotContext) -> None:
    """A browse button: the areas, or one page of a list of programs, in place."""
    query = update.callback_query
    lang = user_lang(update, context)
    data = query.data or ""
    if data == cb.AREAS:
        await answer_query(query)  # stops the spinner; the areas replace the message
        await show(update, context, *cards.areas_card(context.kb, context.texts, lang))
        remember_options(context, area_options(context.kb))
        return
    key = cb.ListKey.parse(cb.rest(data, cb.BROWSE))
    if key is None or not await open_list(update, context, key, lang, edit=True):
        await answer_stale(update, context)  # an area removed from the knowledge base since the button was sent


async def open_list(update: Update, context: BotContext, key: cb.ListKey, lang: str, *, edit: bool = False,
                    offer: Sequence[InlineKeyboardButton | None] | None = None, asked: str | None = KEEP,
                    leave_out: Collection[str] = ()) -> bool:
    """One page of a list of programs - an area's button pressed (`edit`: in place), or an area picked in
    words or asked about (`수소 관련 지원사업 뭐 있어요`: a new message, `offer` as its last row) - kept as
    the options shown, with the aspect "which program?" `asked` (KEEP: the one asked before stays, as after
    `자격은?` -> an area). `leave_out`: programs the message ruled out (`그거 말고 ...`), not listed. False if the
    list no longer exists."""
    card = cards.list_card(context.kb, context.texts, lang, key, now=context.store.clock(), leave_out=leave_out)
    if card is None:
        return False
    if edit and update.callback_query is not None:
        await answer_query(update.callback_query)  # stops the spinner; the list replaces the message
    await (show if edit else send)(update, context, *cards.with_row(card, offer))
    remember_options(context, (p.id for p in page_programs(context, key, leave_out)), asked)
    return True


def page_programs(context: BotContext, key: cb.ListKey, leave_out: Collection[str] = ()) -> tuple[Program, ...]:
    """The programs one page of a list shows, in order (what a position on that page points at)."""
    programs = [p for p in cards.list_programs(context.kb, key) or () if p.id not in leave_out]
    pages = max(1, -(-len(programs) // cards.PAGE_SIZE))
    page = min(key.page, pages - 1)
    return tuple(programs[page * cards.PAGE_SIZE:(page + 1) * cards.PAGE_SIZE])


def remember_shown(context: BotContext, markup: InlineKeyboardMarkup | None) -> None:
    """A list whose entries are its buttons (/deadlines, the finder's results): the items they open, in
    the order shown, kept as the options a position picks from. An empty list is kept too: it replaces
    the list shown before it, which is no longer what a number means."""
    rows = markup.inline_keyboard if markup is not None else ()
    data = [b.callback_data for row in rows for b in row if isinstance(b.callback_data, str)]
    remember_options(context, (i for i in (cb.opened_item(d) for d in data) if i is not None), None)


# -- a position that picks nothing --------------------------------------------------------------------

async def answer_position(update: Update, context: BotContext, text: str, decision: Decision, lang: str) -> bool:
    """`9번` under five areas: how many the list has, and the list again; `3번` with no list (or one shown
    too long ago): that there is none, and the menu. False for any other message (answered as usual)."""
    if decision.kind != "fallback":
        return False
    position = context.matcher.options.bare_position(text)
    if position is None:
        return False
    chat = match_context(context)
    shown = context.matcher.options.shown(chat) if chat is not None else []
    texts = context.texts
    if not shown:
        await send(update, context, texts.get("browse.no_list", lang), cards.main_menu(texts, lang))
        return True
    asked = chat.current_asked() if chat is not None else None
    await send(update, context, *relist_card(context, shown, lang, asked))
    remember_options(context, (_option(entry) for entry in shown), asked)  # shown again: counted from now
    return True


def relist_card(context: BotContext, shown: Sequence[Item | Area], lang: str, asked: str | None) -> cards.Card:
    """"The list has N; choose by number or name": each entry numbered, with the button it had."""
    texts = context.texts
    names = [_name(context, entry, lang) for entry in shown]
    lines = "\n".join(texts.get("browse.relist_line", lang, number=n, name=name)
                      for n, name in enumerate(names, start=1))
    text = texts.get("browse.relist", lang, count=len(shown)) + "\n\n" + lines
    rows = [[cards.button(f"{n}. {name}", _data(entry, asked))] for n, (entry, name) in
            enumerate(zip(shown, names), start=1)]
    rows.append([cards.button(texts.get("browse.back_to_menu", lang), cb.menu("menu"))])
    return text, cards.keyboard(rows)


def _name(context: BotContext, entry: Item | Area, lang: str) -> str:
    if isinstance(entry, Area):
        return entry.name.get(lang) if entry.id != NO_AREA else context.texts.get("browse.other_area", lang)
    return cards.label(entry, lang)


def _data(entry: Item | Area, asked: str | None) -> str | None:
    if isinstance(entry, Area):
        return cb.program_list(cb.ListKey("a", entry.id))
    if isinstance(entry, Program) and asked:
        return cb.program(entry.id, asked)  # "which program's 자격요건?": each opens that aspect
    return cards.item_data(entry)


def _option(entry: Item | Area) -> str:
    return area_option(entry.id) if isinstance(entry, Area) else entry.id


def register(app: Application) -> None:
    app.add_handler(command("programs", list_areas))
    app.add_handler(CallbackQueryHandler(browse, pattern=cb.pattern(cb.BROWSE)))
    register_action(app, "browse", send_areas)

"""What the bot does around an answer, so that the next message is read against what the person saw.

- The options it last offered (suggestions not tapped, an area's list) are kept beside the last answer
  (`LAST_OPTIONS` in chat_data). They are newer than any answer, so showing them ends the old context.
- A question with no topic of its own and nothing answered before (`자격은?` first, `자격 조건이 어떻게
  됩니까` under suggestions nobody tapped, `What are the eligibility requirements?` under a list) is
  answered with "which program?": those options, each opening the asked aspect, else the areas.
- A question *about* staff (`Do you have an English speaking staff?`) is answered, with the button that
  leaves a question, instead of starting the contact flow as a request (`담당자 연결해 주세요`) does.
- Small talk that asks nothing of the knowledge base (`answer_small_talk`): `너 봇이야?`, `are you a bot`,
  `누구세요` get an honest "an automatic guide of <agency>, this is what it does, a person can follow up";
  `...`, `??`, `ㅡㅡ` a short prompt instead of the "could not find" apology; a message of emoji alone is read
  by what its emoji mean (thanks after an answer, a smile as hello, 😢 or 😡 never as thanks). The language
  data is intents/lexicon/conversation.yaml (`identity`, `emoji_moods`), read by intents/chat.py.
"""
from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass

from telegram import Update

from handlers import callback_data as cb
from handlers import cards, language
from handlers.context import BotContext, question_lang, user_lang
from handlers.personal_data import mask_personal
from handlers.replies import send
from handlers.texts import Html, escape
from intents import chat
from handlers.followup import words
from intents.acts import covered_request
from intents.analyzer import UNKNOWN_PREFIX, normalize
from intents.context import (CONTEXT_SECONDS, MatchContext, area_options, asker_sides, asks_beyond, option_ids,
                             related_programs, which_aspect)
from intents.decision import Decision
from knowledge.model import Faq, Intent, Program, Referral
from knowledge.windows import expects_rounds
from store.database import parse_iso

LAST_ITEM = "last_item"        # chat_data: (id, time) of the item answered last, for follow-up questions
LAST_OPTIONS = "last_options"  # chat_data: (program ids, time, aspect asked or None) of the options offered last
ASKER_SIDES = "asker_sides"    # chat_data: (sides, time) the asker said they are on (a job seeker, a company)
MAX_OPTIONS = 6  # programs "which program?" offers as buttons


KEEP = "keep"  # remember_options: the aspect asked before stays (a list opened from "which program?")


def remember_options(context: BotContext, program_ids: Iterable[str], asked: str | None = KEEP) -> None:
    """Options were shown (suggestions, a list, "which program?" about the aspect `asked`): a follow-up may
    pick one of them (`두번째 거요`) or ask which of them it means; the answer before them is over. A list
    opened by a button keeps the aspect "which program?" asked (자격은? -> an area -> `두번째 거요`)."""
    if context.chat_data is None:
        return
    if asked == KEEP:
        ids, at, kept = _kept_options(context)
        asked = kept if 0 <= time.time() - at <= CONTEXT_SECONDS else None
    context.chat_data.pop(LAST_ITEM, None)
    context.chat_data[LAST_OPTIONS] = (option_ids(program_ids), time.time(), asked)


def remember_answer(context: BotContext, item_id: str) -> None:
    """An item was shown: what a follow-up without a topic is about. The options shown before stay while it
    is one of them (the person goes down the list: `두번째 거는요?` after the first one's card)."""
    if context.chat_data is None:
        return
    context.chat_data[LAST_ITEM] = (item_id, time.time())
    ids, at, _ = _kept_options(context)
    general = context.matcher.talk.faq_aspects.get(item_id)
    if item_id in ids:
        context.chat_data[LAST_OPTIONS] = (ids, at, None)
    elif general is not None:  # the deadlines FAQ: `예비창업자 지원이요` next asks that program's period
        context.chat_data[LAST_OPTIONS] = ((), time.time(), general)
    else:
        context.chat_data.pop(LAST_OPTIONS, None)


def remember_sides(context: BotContext, text: str) -> None:
    """The side a message says the asker is on (`조카가 미취업이에요`: a job seeker; intents/context.py
    asker_sides), kept for the chat's later questions, as eval's replay keeps it (context_after)."""
    said = asker_sides(context.matcher, text)
    if said and context.chat_data is not None:
        context.chat_data[ASKER_SIDES] = (tuple(sorted(said)), time.time())


def match_context(context: BotContext) -> MatchContext | None:
    """What this chat was answered and offered last, and the side the asker said they are on, for the
    matcher (intents/context.py)."""
    chat_data = context.chat_data
    if chat_data is None:
        return None
    last = chat_data.get(LAST_ITEM)
    last_id, at = (str(last[0]), float(last[1])) if isinstance(last, (tuple, list)) and len(last) == 2 else (None, 0.0)
    ids, options_at, asked = _kept_options(context)
    kept = chat_data.get(ASKER_SIDES)
    sides, sides_at = (frozenset(str(s) for s in kept[0]), float(kept[1])) \
        if isinstance(kept, (tuple, list)) and len(kept) == 2 and isinstance(kept[0], (tuple, list)) else (frozenset(), 0.0)
    if last_id is None and not options_at and not sides:
        return None
    return MatchContext(last_id, at, ids, asked, options_at, sides, sides_at)


def _kept_options(context: BotContext) -> tuple[tuple[str, ...], float, str | None]:
    kept = context.chat_data.get(LAST_OPTIONS) if context.chat_data is not None else None
    if not (isinstance(kept, (tuple, list)) and len(kept) in (2, 3)):
        return (), 0.0, None  # (2: kept by an older version, before the aspect asked was kept)
    asked = kept[2] if len(kept) == 3 and isinstance(kept[2], str) else None
    return tuple(str(i) for i in kept[0]), float(kept[1]), asked


def recent_options(context: BotContext) -> list[Program]:
    """The programs offered last, while recent and still in the knowledge base (with none, those of the FAQ
    answered last); none where FAQs or referrals were offered with them (a lone program among them is no answer
    to `when is the deadline?`)."""
    ids, at, _ = _kept_options(context)
    if not ids or not 0 <= time.time() - at <= CONTEXT_SECONDS:
        # None shown since: an FAQ's answer just shown offers its related programs' buttons (intents/context.py
        # related_programs, as eval's replay reads them): `그거 언제 신청해요?` asks which of those.
        shown = match_context(context)
        ids = related_programs(context.kb, shown.current() if shown is not None else None)
    programs = [context.kb.program(i) for i in ids]
    return [p for p in programs if p is not None] if all(programs) else []


@dataclass(frozen=True)
class Which:
    """`자격은?` with nothing answered before: the aspect asked, and the programs it may be about (those
    just offered; none: ask by area)."""

    aspect: str
    options: tuple[Program, ...]


def which_program(context: BotContext, text: str, decision: Decision) -> Which | None:
    """Whether to ask which program a topic-less aspect question means (intents/context.py which_aspect)."""
    options = tuple(recent_options(context))
    aspect = which_aspect(context.matcher, text, decision, bool(options))
    return Which(aspect, options) if aspect is not None else None


async def ask_which(update: Update, context: BotContext, which: Which, lang: str) -> None:
    """"Which program's 자격요건?": the options, each opening that aspect, else the areas; and staff."""
    texts = context.texts
    name = texts.get(f"aspects.{which.aspect}", lang)
    if which.options:
        title = texts.get("which.program", lang, aspect=name)
        remember_options(context, (p.id for p in which.options), which.aspect)
        rows = [[cards.button(p.name.get(lang), cb.program(p.id, which.aspect))] for p in which.options[:MAX_OPTIONS]]
    else:
        title = texts.get("which.area", lang, aspect=name)
        # The areas shown, in order (`세번째요` opens one); `예비창업자요` then answers that aspect.
        remember_options(context, area_options(context.kb, other=False), which.aspect)
        rows = [[cards.button(a.name.get(lang), cb.program_list(cb.ListKey("a", a.id)))]
                for a in context.kb.areas if context.kb.programs_in(a.id)]
    rows.append([cards.staff_button(texts, lang)])
    await send(update, context, title, cards.keyboard(rows))


def unsaid_card(context: BotContext, text: str, lang: str) -> cards.Card | None:
    """A question the matcher could not answer that is plainly about the card just shown, in words it does
    not write (`그때 바이어 이름은 뭐였어요?` after the trade mission; intents/options.py `unsaid`): said honestly
    that the guide does not give it for that program, with its card and the staff button, rather than the
    fallback's examples of other programs. None for any other question."""
    program = context.matcher.options.unsaid(text, match_context(context))
    if program is None:
        return None
    texts = context.texts
    name = program.name.get(lang)
    rows = [[cards.button(name, cb.program(program.id))], [cards.staff_button(texts, lang)]]
    return texts.get("unsaid.reply", lang, program=escape(name)), cards.keyboard(rows)


def staff_reading(context: BotContext, text: str, decision: Decision) -> str | None:
    """What a message the matcher read as the talk-to-a-person intent, a program's contact or nothing does, for
    the staff flow (handlers/followup/words.py reads the words):

    - "number": it asks for a number (`담당자 전화번호 알려주세요`), no talk: the agency's contact, where the guide
      has one (the intent alone was read);
    - "request": it wants to talk with a person (`실제 담당자랑 통화하고 싶은데`, `I'd like to speak to someone from
      the export team`, `담당자분과 직접 통화해서 상담받고 싶은데` after a program's card, read as its contact or
      자격): the flow starts at once. Beside a topic the knowledge writes (`의료기기 허가 전문가랑 상담받고 싶어요`)
      the matcher's answer stands, but for a program's contact part (`무역사절단 담당자랑 통화하고 싶어요`);
    - "about": it asks about staff, naming what the guide does not write (`Do you have an English speaking
      staff?`): said so, with the button that leaves a question;
    - None: the matcher's decision stands."""
    item = context.kb.get(decision.id) if decision.kind == "answer" and decision.id else None
    human = skill_intent(context, "human")
    if human is None or human.action != "followup":
        return None
    if isinstance(item, Intent) and item.id == human.id:
        if words.talk_request(text):
            return "request"
        if words.asks_for_number(text) and agency_contact(context) is not None:
            return "number"
        return "about" if about_staff(context, text, item) else None
    if not (words.talk_request(text) and words.names_person(text)):
        return None
    if isinstance(item, Program) and decision.aspect == "contact":
        return "request"  # 무역사절단 담당자랑 통화하고 싶어요: its person, not the card's contact lines
    if names_topic(context, text, human.id):
        return None  # 의료기기 허가 전문가랑 상담받고 싶어요: a program's consulting, not a person of the agency
    if isinstance(item, (Program, Faq, Referral)):
        # 담당자분과 통화해서 상담받고 싶은데 가능할까요 after a card: the person, not the card's contact or 자격 part,
        # nor the card again (after a referral: its body is named, names_topic above, where its people are meant:
        # 고용센터 담당자랑 통화하고 싶어요 keeps the referral's card and its contact)
        return "request"
    if decision.kind in ("suggest", "fallback") and any(c.id == human.id for c in decision.candidates):
        return "request"  # 실제 담당자랑 통화하고 싶은데, can someone call me back? read too weakly to be answered
    return None


def names_topic(context: BotContext, text: str, human_id: str) -> bool:
    """Whether a message names a topic the knowledge writes beyond the talk-to-a-person intent's own words
    (`의료기기 허가`, `무역사절단`; not 담당자, 통화, 상담, nor a word the knowledge never writes, 실제)."""
    matcher = context.matcher
    index = matcher.index_of.get(human_id)
    own = matcher.entries[index].strong if index is not None else frozenset()
    analysis = matcher.analyzer.analyze(matcher.asked(text))
    return any(t in matcher.item_terms and t not in own for t in matcher._topic_terms(analysis))


def language_note(context: BotContext, text: str, lang: str) -> str | None:
    """For a request for a person who speaks a language (`Can I talk to someone who speaks English?`): said
    honestly that the guide says nothing about service in it, where the knowledge base writes none of its words
    (each unknown to the analyser, which knows every word the knowledge writes); None otherwise."""
    named = words.languages_named(text)
    if not named:
        return None
    analyzer = context.matcher.analyzer
    unwritten = [language for language in named
                 if all(t.startswith(UNKNOWN_PREFIX) for word in words.language_words(language)
                        for t in analyzer.analyze(word).terms)]
    if len(unwritten) != len(named):
        return None
    joiner = context.texts.get("identity.areas_sep", lang)
    return context.texts.get("which.language_service", lang,
                             language=joiner.join(language.names.get(lang, language.key) for language in named))


def about_staff(context: BotContext, text: str, item: Intent) -> bool:
    """A "talk to a person" intent matched by a question that names more than the request does, something the
    guide does not write (`Do you have an English speaking staff?`). A request for a person about a topic the
    guide covers (`can I talk to a person about the export programs?`, `수출 담당자 연결해 주세요`) is the request:
    the staff flow starts, and the guide is not said to lack what it covers. The request is read as the matcher
    reads it, chat habits tidied (intents/chat.py): a filler before it (`ok, I would like to talk to someone from
    your staff`) names nothing beyond it."""
    text = chat.tidy(text, context.matcher.lexicon)
    if item.action != "followup" or not asks_beyond(context.matcher, text, item.id):
        return False
    return not covered_request(context.matcher, text)


async def answer_about_staff(update: Update, context: BotContext, lang: str) -> None:
    """What the guide cannot answer about staff: said so, with the button that leaves them a question."""
    await send(update, context, context.texts.get("which.about_staff", lang),
               cards.keyboard([[cards.staff_button(context.texts, lang)]]))


def agency_contact(context: BotContext) -> Faq | None:
    """The FAQ giving the agency's own contact (intents/context.py), if the knowledge base has one."""
    faq_id = context.matcher.talk.agency_contact
    item = context.kb.get(faq_id) if faq_id else None
    return item if isinstance(item, Faq) else None


def agency_contact_card(context: BotContext, program: Program, faq: Faq, lang: str) -> cards.Card:
    """A program's contact that its knowledge does not give: said so in one line, then the agency's own
    contact (that FAQ's answer, link and staff button), so the person always has someone to ask."""
    text, markup = cards.faq_card(faq, context.kb, context.texts, lang, enquiry_id=context.enquiry_id)
    intro = context.texts.get("contact.agency", lang, program=escape(program.name.get(lang)))
    return f"{intro}\n\n{text}", markup


async def answer_small_talk(update: Update, context: BotContext, text: str, decision: Decision) -> bool:
    """Answer a message that asks nothing of the knowledge base (see the module's docstring); False for any
    other message, which the matcher's decision answers."""
    lexicon = context.matcher.lexicon
    texts = context.texts
    if chat.asks_identity(text, lexicon):
        lang = question_lang(update, context, decision.lang)
        await send(update, context, identity_text(context, lang), cards.main_menu(texts, lang))
        return True
    if chat.looks_like_code(text, lexicon):
        # ' OR 1=1 --, <script>alert(1)</script>: no words to answer, and nothing to start
        await send(update, context, texts.get("quiet.unclear", user_lang(update, context)),
                   cards.main_menu(texts, user_lang(update, context)))
        return True
    mood = chat.emoji_mood(text, lexicon)
    if mood is None and not chat.says_nothing(text, lexicon):
        return await answer_with_words(update, context, text, decision)
    lang = user_lang(update, context)  # no words to tell a language by: the one the chat is in
    skill = {"greeting": "greeting", "thanks": "thanks" if answered_lately(context, update) else None}.get(mood or "")
    intent = skill_intent(context, skill) if skill else None
    if intent is not None:
        await send(update, context, *cards.intent_card(intent, texts, lang))
    elif (mood == "unclear" or chat.laughs_only(text, lexicon)) and just_answered(context, update):
        # ㅋㅋㅋ, 🤔 after an answer: a nod, not a question to be asked for in a sentence
        await send(update, context, texts.get("quiet.after_answer", lang))
    else:
        await send(update, context, texts.get("quiet.upset" if mood == "upset" else "quiet.prompt", lang),
                   cards.main_menu(texts, lang))
    return True


async def answer_with_words(update: Update, context: BotContext, text: str, decision: Decision) -> bool:
    """A message with words: thanks with nothing answered (a plain "what can I help with?"), the bot's own
    features asked in words (handlers/followup/words.yaml `features`), and an apology said first to someone upset
    (then the answer follows: False). False for every other message."""
    texts = context.texts
    # The language the answer to it would have (as handlers/asking.py reads it): 早上好 is greeted in English.
    said, understood = language.said_lang(text, decision)
    lang = question_lang(update, context, said, understood=understood, courtesy=is_courtesy(context, decision))
    thanks = skill_intent(context, "thanks")
    if thanks is not None and decision.kind == "answer" and decision.id == thanks.id \
            and not answered_lately(context, update):
        await send(update, context, texts.get("quiet.thanks_unanswered", lang), cards.main_menu(texts, lang))
        return True
    feature = feature_asked(context, text, decision)
    if feature == "alerts":
        named = named_programs(context, text)
        program = context.kb.get(decision.id) if decision.kind == "answer" and decision.id else None
        if isinstance(program, Program) and program in named:
            # 무역사절단 공고 나오면 알려주세요: that program's card (its 🔔), said how first
            if expects_rounds(program, context.store.clock()):
                await send(update, context, texts.get("features.alerts_program", lang, program=program.name.get(lang)))
            return False
        await answer_alerts(update, context, lang, named)
        return True
    if feature == "tickets":
        from handlers.followup.mytickets import my_tickets  # the /mytickets command itself
        await my_tickets(update, context)
        return True
    if feature == "personal":
        await send(update, context, texts.get("features.personal", lang),
                   cards.keyboard([[cards.staff_button(texts, lang)]]))
        return True
    if upset(context, text) and not is_courtesy(context, decision):  # 감사합니다 😭: moved, not upset
        await send(update, context, texts.get("quiet.sorry", lang))
    return False


def feature_asked(context: BotContext, text: str, decision: Decision) -> str | None:
    """The bot's feature a message asks for in words (handlers/followup/words.py feature_asked; a phone number or
    an e-mail address given with nothing else asked: "personal"), unless the knowledge answers it itself: an FAQ
    or referral answered (an agency's own notice alerts: blind2's and blind3's `notice-alerts`), or a program the
    message names (for alerts, "alerts" is still returned: a line goes before its card, which has the 🔔)."""
    feature = words.feature_asked(text)
    item = context.kb.get(decision.id) if decision.kind == "answer" and decision.id else None
    if feature is None and mask_personal(text) != text and not isinstance(item, (Program, Faq, Referral)):
        return "personal"  # 제 번호는 010-...예요: never kept from chat; the staff flow takes it, with consent
    if feature is None or item is None or isinstance(item, Intent):
        return feature
    if isinstance(item, (Faq, Referral)):
        return None  # an answer of the knowledge's own (an agency's notice alerts, its contact FAQ)
    return feature if feature == "alerts" or not item_named(context, text, item) else None


def named_programs(context: BotContext, text: str) -> list[Program]:
    """The programs a message names by their name or an alias (무역사절단), in the knowledge's order."""
    said = "".join(normalize(text).split())
    return [p for p in context.kb.programs if named(said, p.name.values, p.aliases)]


def item_named(context: BotContext, text: str, item: Program | Referral) -> bool:
    """Whether a message names a program or referral by its name or an alias (not by words every item shares:
    `a new program` names no program called New-industry ...)."""
    return named("".join(normalize(text).split()), item.name.values, item.aliases)


def named(said: str, names: Iterable[tuple[str, str]], aliases: Iterable[str]) -> bool:
    """Whether `said` (normalised, spaces removed) holds one of the names or aliases, spaces removed."""
    forms = [value for _, value in names] + list(aliases)
    return any(len(form) >= 2 and form in said for form in ("".join(normalize(f).split()) for f in forms))


async def answer_alerts(update: Update, context: BotContext, lang: str, named: list[Program]) -> None:
    """마감 전에 알림 받고 싶어요: how alerts are had (🔔 on a card or an area's list), the areas, and what /alerts
    shows: the person's own alerts with their stop buttons, where there are any; a button to the card of each
    program the message names (its 🔔)."""
    texts = context.texts
    from handlers.alerts import alerts_card  # the /alerts command's own card
    user = update.effective_user
    listed, stops = alerts_card(context, user.id, lang) if user is not None else ("", None)
    have = user is not None and bool(context.store.alerts.subscriptions(user.id))
    text = texts.get("features.alerts", lang) + (f"\n\n{listed}" if have else "")
    rows = list(stops.inline_keyboard) if have and stops is not None else []
    rows += [[cards.button(p.name.get(lang), cb.program(p.id))] for p in named[:MAX_OPTIONS]]
    rows.append([cards.button(texts.get("menu.areas", lang), cb.AREAS)])
    await send(update, context, text, cards.keyboard(rows))


def upset(context: BotContext, text: str) -> bool:
    """Whether a message with words says its writer is upset: an emoji of upset among them (😡 conversation.yaml
    `emoji_moods`) or words of it (words.yaml `upset`: 연락이 없어요, still no reply)."""
    moods = context.matcher.lexicon.emoji_moods
    return any(moods.get(ch) == "upset" for ch in text) or words.says_upset(text)


def identity_text(context: BotContext, lang: str) -> str:
    """"Not a person: <agency>'s automatic guide", its areas, and that staff answer what it cannot."""
    texts, kb = context.texts, context.kb
    agency = kb.agency.name.get(lang) if kb.agency is not None else ""
    areas = [a.name.get(lang) for a in kb.areas if kb.programs_in(a.id)]
    return texts.get("identity.reply", lang,
                     agency=Html(f"<b>{escape(agency)}</b>") if agency else texts.get("identity.no_agency", lang),
                     areas=texts.get("identity.areas_sep", lang).join(areas) if areas
                     else texts.get("identity.all_areas", lang))


def answered_lately(context: BotContext, update: Update | None = None) -> bool:
    """Whether this chat was shown an answer or options recently: what 👍 or 🙏 would thank for. An answer
    that is no context for a follow-up counts too (the help text, a hello, a list opened by a button): the
    person's message before this one was answered, within the follow-up window."""
    chat_data = context.chat_data or {}
    for key in (LAST_ITEM, LAST_OPTIONS):
        kept = chat_data.get(key)
        if isinstance(kept, (tuple, list)) and len(kept) >= 2 and isinstance(kept[1], (int, float)) \
                and 0 <= time.time() - float(kept[1]) <= CONTEXT_SECONDS:
            return True
    return just_answered(context, update)


def just_answered(context: BotContext, update: Update | None) -> bool:
    """Whether the person's message before this one was answered (an item, an intent's reply, a button's card),
    within the follow-up window."""
    user = update.effective_user if update is not None else None
    if user is None:
        return False
    before = [e for e in context.store.enquiries.recent(user.id, limit=2) if e["id"] != context.enquiry_id][:1]
    # A hello, thanks or small talk answered is nothing to thank for (🙏 after 안녕하세요: what can I help with?)
    courtesy = (*context.matcher.lexicon.courtesy_skills, "chitchat")
    hello = {i.id for name in courtesy if (i := skill_intent(context, name)) is not None}
    answered = before and before[0]["kind"] == "answer" and before[0]["item_id"] not in hello
    when = parse_iso(before[0]["time"]) if answered else None
    return when is not None and 0 <= (context.store.clock() - when).total_seconds() <= CONTEXT_SECONDS


def is_courtesy(context: BotContext, decision: Decision) -> bool:
    """Whether the decision answers a courtesy (conversation.yaml `courtesy_skills`: hello, thanks, bye)."""
    if decision.kind != "answer":
        return False
    return any((intent := skill_intent(context, name)) is not None and intent.id == decision.id
               for name in context.matcher.lexicon.courtesy_skills)


def skill_intent(context: BotContext, name: str) -> Intent | None:
    """The knowledge base's intent a conversation skill (conversation.yaml) is joined to: the first of its
    targets that is an intent's id or action, as the matcher joins them."""
    skill = next((s for s in context.matcher.lexicon.skills if s.name == name), None)
    for target in skill.targets if skill is not None else ():
        found = next((i for i in context.kb.intents if target in (i.id, i.action)), None)
        if found is not None:
            return found
    return None

"""Questions in free text, the answers' buttons, and 👍/👎.

A question goes to the matcher; its decision is logged against the enquiry the recorder wrote, then
shown: an answer card, "is it one of these?" suggestions, or a polite fallback with the menu.
"""
from __future__ import annotations

import time
from collections.abc import Mapping

from telegram import InlineKeyboardButton, Message, Update
from telegram.constants import ChatType
from telegram.ext import Application, CallbackQueryHandler, MessageHandler, filters

from handlers import callback_data as cb
from handlers import browsing, cards, conversing, facts, fallback, finder, fitting, language
from handlers.actions import action_for
from handlers.addressing import ADDRESSED, addressed_text
from handlers.bounds import bounded
from handlers.context import BotContext, question_lang, user_lang
from handlers.errors import answer_stale
from handlers.replies import answer_query, send, show
from handlers.texts import escape
from intents.analyzer import clear_lang
from intents.context import MatchContext, remembered, rules_out
from intents.decision import Decision
from knowledge.model import Faq, Intent, Item, Program, Referral
from knowledge.profile_text import asks_for_a_list

# The matcher itself cuts a long message to the part worth reading (intents/focus.py), in bounded time;
# this only keeps a pasted novel from being copied around. What comes in is cut to Telegram's own limit
# (handlers/bounds.py) before it is logged or matched.
MATCH_LIMIT = 4096
LAST_ITEM = conversing.LAST_ITEM  # chat_data: (id, time) of the item answered last, for follow-up questions


async def answer_question(update: Update, context: BotContext) -> None:
    """Answer a question typed in free text (a new or an edited message)."""
    message = update.effective_message
    text = bounded(addressed_text(message, context.bot))  # no more than Telegram lets a person send
    if text is None:
        return
    if not text:  # only "@bot" in a group; only spaces in a private chat
        key = "group.empty_private" if message.chat.type == ChatType.PRIVATE else "group.called"
        await send(update, context, context.texts.get(key, user_lang(update, context)),
                   cards.main_menu(context.texts, user_lang(update, context)))
        return
    await answer_text(update, context, text)


async def answer_text(update: Update, context: BotContext, text: str) -> None:
    """Match `text` (a question, or a photo's caption) and show what the matcher decided."""
    if await finder.answer_typed(update, context, text):
        return  # `2`, `예비창업자요` under the finder's question on screen: what its button does
    started = time.perf_counter()
    decision = context.matcher.match(text[:MATCH_LIMIT], context=chat_context(context))
    elapsed_ms = (time.perf_counter() - started) * 1000
    conversing.remember_sides(context, text[:MATCH_LIMIT])  # 조카가 미취업이에요: later questions are a job seeker's
    forget_ruled_out(context, text[:MATCH_LIMIT])  # 사절단 말고 ...: the mission is no later follow-up's subject
    _record_decision(context, decision, elapsed_ms)
    if await conversing.answer_small_talk(update, context, text, decision):
        return  # 너 봇이야?, ..., 😀: answered as what it is, whatever its words matched
    # Understood, or plainly written in one language: "Any support for smart factory?" gets an English
    # fallback even from a user Telegram calls Korean; "<b>x</b>", "<script>alert('x')</script>" or "ㅋㅋ" keeps
    # the language as it was; 你好 or привет is answered in English (handlers/language.py said_lang).
    said, understood = language.said_lang(text, decision)
    lang = question_lang(update, context, said, understood=understood,
                         courtesy=conversing.is_courtesy(context, decision) and not a_sentence_in(text, said))
    if await browsing.answer_position(update, context, text, decision, lang):
        return  # `9번` under five areas: the list has five, shown again; `3번` with none shown: said so
    if await answer_staff(update, context, text, decision, lang):
        return  # 담당자랑 통화하고 싶은데: the staff flow; 담당자 전화번호: the agency's contact; staff's English: unsaid
    offer: list[InlineKeyboardButton | None] | None = None
    last = chat_context(context)
    routed = finder.routed(context, text, decision, last.current() if last else None)
    if routed is not None and routed.kind == "finder" and in_a_topic(last, text):
        routed = None  # 그건 누가 신청할 수 있습니까 under a list: which of them, not the finder's first question
    if routed is not None:  # it asks what the person could get: understood, in the question's language
        lang = question_lang(update, context, decision.lang)
        if routed.kind == "finder":  # "나한테 맞는 사업 찾아줘", "창업 2년차인데 받을 수 있는 지원"
            await finder.start_from(update, context, routed.profile, lang, routed.asker)
            return
        decision, offer = routed.decision, finder.offer_row(context, routed.profile, lang)
    elif (which := conversing.which_program(context, text, decision)) is not None:
        # 자격은? with nothing answered before: which program? (one offered: that one's aspect)
        if len(which.options) == 1:
            await show_item(update, context, which.options[0], lang, aspect=which.aspect)
        else:
            await conversing.ask_which(update, context, which, lang)
        return
    item = context.kb.get(decision.id) if decision.kind == "answer" and decision.id else None
    if offer is None and item is not None and decision.also:
        # Two things asked in one message (`... 어떻게 해요? 그리고 교육도 있나요`): one answered, the other offered.
        offer = cards.also_row(context.kb, decision, context.texts, lang)
    await fitting.show(update, context, text, decision, lang, offer=offer, otherwise=show_decision)  # who asks
    for what in decision.unanswered if item is not None else ():  # 무역사절단이랑 골프장 둘 다: the other is not here
        await send(update, context, context.texts.get("card.not_covered", lang, what=what))


async def answer_staff(update: Update, context: BotContext, text: str, decision: Decision, lang: str) -> bool:
    """A message about talking to a person, as conversing.staff_reading reads it; False for any other."""
    reading = conversing.staff_reading(context, text, decision)
    if reading == "about":
        await conversing.answer_about_staff(update, context, lang)  # Do you have English-speaking staff?
    elif reading == "number" and (faq := conversing.agency_contact(context)) is not None:
        await show_item(update, context, faq, lang)  # 담당자 전화번호 알려주세요: a number, not the flow
    elif reading == "request" and (human := conversing.skill_intent(context, "human")) is not None:
        note = conversing.language_note(context, text, lang)  # someone who speaks English: the guide says nothing
        if note:
            await send(update, context, note)
        await show_item(update, context, human, lang)  # its reply, then the consent notice
    else:
        return False
    return True


def a_sentence_in(text: str, lang: str) -> bool:
    """Whether a message is a sentence plainly written in `lang`: more than one word, in that language alone
    (intents/analyzer.py clear_lang). A courtesy keeps the chat's language (`thx!`, `감사합니다` after questions in
    the other) only where it is no such sentence: `아 그냥 안 할게요` after English turns is answered in Korean."""
    spoken = language.spoken_text(text)
    return len(spoken.split()) > 1 and clear_lang(spoken) == lang


def in_a_topic(last: MatchContext | None, text: str) -> bool:
    """Whether the chat has a topic a question about the asker's own chances is about: options just listed (an
    area's programs, suggestions) or an item just answered. `누가 신청할 수 있어요?`, `저도 되나요?` there ask about
    those, not "find me something" (the finder); a question asking what there is for the asker (`나한테 맞는 사업`,
    `받을 수 있는 지원 있나요`) still starts it."""
    if last is None or not (last.current_options() or last.current()):
        return False
    return not asks_for_a_list(text)


def chat_context(context: BotContext) -> MatchContext | None:
    """What this chat was answered and offered last, for a follow-up such as `그럼 신청은요?` or `두번째 거요`."""
    return conversing.match_context(context)


def forget_ruled_out(context: BotContext, text: str) -> None:
    """The item answered last is forgotten where `text` rules it out (`X 말고 Y`, `그거 말고`): a later follow-up
    without a topic is Y's where Y is answered (show_item remembers it), else nobody's (intents/context.py
    rules_out, as eval's replay reads it)."""
    last = chat_context(context)
    shown = last.current() if last is not None else None
    if shown is not None and context.chat_data is not None and rules_out(context.matcher, text, shown):
        context.chat_data.pop(LAST_ITEM, None)


def remember(context: BotContext, item: Item) -> None:
    """A program, FAQ or referral just shown is what the next question without a topic of its own is about."""
    if remembered(item):
        conversing.remember_answer(context, item.id)


async def show_decision(update: Update, context: BotContext, decision: Decision, lang: str, *,
                        offer: list[InlineKeyboardButton | None] | None = None) -> None:
    """The matcher's decision as a card; `offer` (the finder's button) as a last row under it."""
    kb, texts = context.kb, context.texts
    item = kb.get(decision.id) if decision.kind == "answer" and decision.id else None
    if decision.area and await browsing.open_list(update, context, cb.ListKey("a", decision.area), lang, offer=offer,
                                                  asked=decision.aspect, leave_out=decision.left_out):
        # A question about a whole area (수소 관련 지원사업 뭐 있어요), or an area picked from the areas shown
        # (`세번째요`, with the aspect "which program?" asked): that area's programs, as its button shows them.
        return
    if item is not None:
        await show_item(update, context, item, lang, aspect=decision.aspect or cb.SUMMARY, offer=offer)
    elif decision.kind == "suggest" and decision.suggestions:
        await send(update, context, *cards.with_row(cards.suggestion_card(decision.suggestions, kb, texts, lang), offer))
        # What was offered, in order: `두번째 거요` picks one (conversing.recent_options asks "which of them?"
        # only among programs alone).
        conversing.remember_options(context, (c.id for c in decision.suggestions), None)
    else:
        # The honest "I don't know": about the question and the person, never three programs at random; about
        # the card just shown where the question plainly is (그때 바이어 이름은 뭐였어요?: the guide does not say).
        asked = fallback.question_text(update)
        card = conversing.unsaid_card(context, asked, lang) \
            or fallback.fallback_card(kb, texts, lang, context.matcher, asked, decision)
        await send(update, context, *cards.with_row(card, offer, replacing=cb.FINDER))  # one finder button


async def show_item(update: Update, context: BotContext, item: Item, lang: str, *,
                    aspect: str = cb.SUMMARY, back: cb.ListKey | None = None, edit: bool = False,
                    offer: list[InlineKeyboardButton | None] | None = None) -> None:
    """Show a program card, an FAQ answer or an intent's reply (and run its action); `offer` is a last
    row of buttons under a card."""
    put = show if edit else send
    texts = context.texts
    remember(context, item)
    if isinstance(item, Program) and aspect == "contact" and item.aspect("contact") is None \
            and not writes_its_place(context, item, asked_text(update), lang) \
            and (contact := conversing.agency_contact(context)) is not None:
        # 담당자 전화번호 for a program whose knowledge gives no contact: the agency's own, not "none".
        await put(update, context, *cards.with_row(conversing.agency_contact_card(context, item, contact, lang), offer))
    elif isinstance(item, Program):
        await put(update, context, *cards.with_row(cards.program_card(item, texts, lang, aspect=aspect,
                                                                      enquiry_id=context.enquiry_id, back=back,
                                                                      now=context.store.clock(),
                                                                      agency=context.kb.agency,
                                                                      question=asked_text(update),
                                                                      general=general_answers(context),
                                                                      reader=facts.Reader.of(context.matcher)), offer))
    elif isinstance(item, Faq):
        await put(update, context, *cards.with_row(
            cards.faq_card(item, context.kb, texts, lang, enquiry_id=context.enquiry_id), offer))
    elif isinstance(item, Referral):
        await put(update, context, *cards.with_row(
            cards.referral_card(item, texts, lang, enquiry_id=context.enquiry_id, aspect=aspect,
                                question=asked_text(update)), offer))
    elif isinstance(item, Intent):
        found = action_for(context, item.action) if item.action else None
        if found is None:
            await put(update, context, *cards.intent_card(item, texts, lang))
            return
        action, after_reply = found
        if item.reply and after_reply:
            # The reply introduces what the action shows; the action sends its own message.
            await put(update, context, escape(item.reply.get(lang)))
        await action(update, context, lang)


def writes_its_place(context: BotContext, program: Program, question: str | None, lang: str) -> bool:
    """Whether the program's own texts answer a question about where it is (`주소 알려주세요` for a centre whose
    eligibility text gives its address): a sentence handlers/facts.py finds for the question writes a place word
    (intents/lexicon/options.yaml `place_words`). Its card then shows that sentence, not the agency's contact."""
    if not question:
        return False
    places = [w.replace(" ", "").lower() for w in context.matcher.options.words.place_words]
    found = facts.found(question, program, lang, facts.Reader.of(context.matcher), [])
    return any(w in f.sentence.replace(" ", "").lower() for f in found for w in places)


def general_answers(context: BotContext) -> Mapping[str, Faq]:
    """The knowledge base's FAQs that answer a part for all its programs (handlers/gist.py general_faqs)."""
    return cards.general_answers(context.kb, context.matcher.talk.faq_aspects)


def asked_text(update: Update) -> str | None:
    """The question a card answers: the person's message or caption; None for a button press."""
    message = update.message or update.edited_message
    return bounded(message.text or message.caption) if message is not None else None


async def pick_program(update: Update, context: BotContext) -> None:
    """A program or one of its aspects, from a card, a suggestion or a browse list: shown in place."""
    query = update.callback_query
    button = cb.parse_program(query.data or "")
    program = context.kb.program(button.program_id) if button else None
    if button is None or program is None:
        await answer_stale(update, context)
        return
    await answer_query(query)  # stops the button's loading spinner; the card is the answer
    lang = user_lang(update, context)
    record_pick(context, program, button.aspect, lang)
    # Moving within a card or a browse list changes that one message; a program picked from suggestions
    # or an FAQ answer comes as a new message, so the other suggestions and the answer stay readable.
    edit = button.back is not None or _is_card_of(query.message, program.id)
    await show_item(update, context, program, lang, aspect=button.aspect, back=button.back, edit=edit)


_PICKED_KINDS = {cb.FAQ: "faq", cb.INTENT: "intent", cb.REFERRAL: "referral"}


async def pick_faq_or_intent(update: Update, context: BotContext) -> None:
    """A suggested FAQ, intent or referral chosen from "is it one of these?"."""
    query = update.callback_query
    data = query.data or ""
    prefix = data.split(":", 1)[0]
    item = context.kb.get(cb.rest(data, prefix))
    if item is None or item.kind != _PICKED_KINDS.get(prefix):
        await answer_stale(update, context)
        return
    await answer_query(query)  # stops the spinner; the answer comes as a new message below the suggestions
    lang = user_lang(update, context)
    record_pick(context, item, cb.SUMMARY, lang)
    await show_item(update, context, item, lang)


async def rate_answer(update: Update, context: BotContext) -> None:
    """👍/👎 under an answer: stored against the enquiry that answer was for, when pressed by its asker."""
    query = update.callback_query
    parsed = cb.parse_feedback(query.data or "")
    enquiry = context.store.enquiries.get(parsed[0]) if parsed else None
    if parsed is None or enquiry is None:  # forged data, or the enquiry was deleted since (/forget)
        await answer_stale(update, context)
        return
    enquiry_id, helpful = parsed
    lang = user_lang(update, context)
    if enquiry["user_id"] != query.from_user.id:
        # Someone else's answer (in a group everybody sees the buttons; data can be forged): thanked,
        # not counted, so nobody changes another person's rating.
        await answer_query(query, context.texts.get("feedback.thanks_other", lang))
        return
    if not context.store.enquiries.record_feedback(enquiry_id, query.from_user.id, helpful):
        await answer_stale(update, context)  # not an answer (/help, a greeting, a fallback): forged data
        return
    # A short toast, not a message: a rating should not push the answer out of sight.
    await answer_query(query, context.texts.get("feedback.thanks", lang))
    if not helpful:
        await send(update, context, context.texts.get("feedback.sorry", lang),
                   cards.keyboard([[cards.staff_button(context.texts, lang)]]))


def _is_card_of(message: object, program_id: str) -> bool:
    """Whether `message` is that program's card (its keyboard holds the program's aspect buttons)."""
    if not isinstance(message, Message) or message.reply_markup is None:
        return False
    prefix = f"{cb.PROGRAM}:{program_id}:"
    return any(isinstance(b.callback_data, str) and b.callback_data.startswith(prefix)
               for row in message.reply_markup.inline_keyboard for b in row)


def _record_decision(context: BotContext, decision: Decision, elapsed_ms: float) -> None:
    if context.enquiry_id is not None:
        context.store.enquiries.record_decision(context.enquiry_id, decision, elapsed_ms)


def record_pick(context: BotContext, item: Item, aspect: str, lang: str) -> None:
    """A button that opens an item is logged as a sure answer, so the log shows what was read."""
    _record_decision(context, Decision("answer", item.id, aspect or None, 100.0, (), lang), 0.0)


def register(app: Application) -> None:
    # Text meant for the bot; edited messages are answered as new questions.
    app.add_handler(MessageHandler(
        filters.UpdateType.MESSAGES & filters.TEXT & ~filters.COMMAND & ADDRESSED, answer_question))
    app.add_handler(CallbackQueryHandler(pick_program, pattern=cb.pattern(cb.PROGRAM)))
    app.add_handler(CallbackQueryHandler(pick_faq_or_intent, pattern=rf"^({cb.FAQ}|{cb.INTENT}|{cb.REFERRAL}):"))
    app.add_handler(CallbackQueryHandler(rate_answer, pattern=cb.pattern(cb.FEEDBACK)))

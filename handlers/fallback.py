"""The honest "I don't know": what the bot says when the matcher found nothing to answer or offer.

- **Another body's business.** A question holding an everyday word for what other bodies provide (전세,
  여권, 진료, pension: intents/lexicon/elsewhere.yaml) is told plainly that this is not the agency's work,
  naming the kind of thing asked (주거·주택, 민원 서류). Where the knowledge base has a referral that writes
  that word, it is named with its button; no other place is ever suggested, since the bot cannot know it.
- **Anything else.** An apology; a referral among the matcher's near candidates that shares a distinctive
  word with the question, with its button (`중장년 재취업 ...` -> 고용24); then example questions only about
  programs related to the question (a
  distinctive word, its area: intents/relevance.py) or for the kind of person the question says is asking
  (`대학생인데 ...` -> programs for job seekers, less those their criteria leave the asker out of); with
  neither, no examples: three programs picked at random read as the bot not listening.
Both end with the staff offer and the main menu.
"""
from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from handlers import cards
from handlers.texts import Texts
from intents.decision import Decision
from intents.matcher import Matcher
from intents.relevance import Reading
from knowledge import asker as asker_reader
from knowledge.model import Faq, KnowledgeBase, Program, Referral

EXAMPLES = 3


def question_text(update: Update) -> str:
    """The text the person typed (a message, or a photo's caption)."""
    message = update.effective_message
    return (message.text or message.caption or "") if message is not None else ""


def fallback_card(kb: KnowledgeBase, texts: Texts, lang: str, matcher: Matcher, text: str,
                  decision: Decision | None = None) -> cards.Card:
    """The fallback for `text`, which the matcher decided (`decision`) it cannot answer."""
    reading = matcher.relevance.read(text)
    # A category without its name in the texts (added to the lexicon alone) is not named: the plain fallback.
    topics = [t for t in dict.fromkeys(matcher.lexicon.elsewhere_topics.get(w, "") for w in reading.elsewhere)
              if f"fallback.topic_{t}" in texts.entries]
    if topics:
        return _elsewhere_card(kb, texts, lang, matcher, reading, topics, decision)
    parts = [texts.get("fallback.sorry", lang)]
    # No guess at another institution here: a referral sharing one word with the question (전시회 in 아파트 분양
    # 전시회) sent people to the wrong body, which is worse than the staff offer. A referral the question
    # really asks about is answered by the matcher itself.
    programs = example_programs(kb, matcher, reading, text, decision)
    examples = [texts.get(f"fallback.example_{cards.example_aspect(program, turn)}", lang, name=program.name.get(lang))
                for turn, program in enumerate(programs)]
    if examples:
        parts.append(texts.get("fallback.examples_intro", lang) + "\n" + "\n".join(f"• {e}" for e in examples))
    parts.append(texts.get("fallback.staff_hint", lang))
    return "\n\n".join(parts), cards.main_menu(texts, lang)


def _button_row(item: Referral, lang: str) -> list[InlineKeyboardButton]:
    button = cards.button(cards.label(item, lang), cards.item_data(item))
    return [button] if button is not None else []


def _with_rows(rows: list[list[InlineKeyboardButton]], menu: InlineKeyboardMarkup) -> InlineKeyboardMarkup:
    """The main menu with `rows` above it."""
    rows = [row for row in rows if row]
    return InlineKeyboardMarkup([*rows, *menu.inline_keyboard]) if rows else menu


def _elsewhere_card(kb: KnowledgeBase, texts: Texts, lang: str, matcher: Matcher, reading: Reading,
                    topics: list[str], decision: Decision | None) -> cards.Card:
    agency = kb.agency.name.get(lang) if kb.agency is not None else texts.get("fallback.our_agency", lang)
    topic = texts.get("fallback.topic_joiner", lang).join(texts.get(f"fallback.topic_{t}", lang) for t in topics)
    parts = [texts.get("fallback.elsewhere", lang, topic=topic, agency=agency)]
    referral = _referral(kb, matcher, reading, decision)
    rows: list[list[InlineKeyboardButton]] = []
    if referral is not None:
        parts.append(texts.get("fallback.elsewhere_referral", lang, name=referral.name.get(lang)))
        rows.append(_button_row(referral, lang))
    parts.append(texts.get("fallback.elsewhere_staff", lang))
    return "\n\n".join(parts), _with_rows(rows, cards.main_menu(texts, lang))


def _referral(kb: KnowledgeBase, matcher: Matcher, reading: Reading, decision: Decision | None) -> Referral | None:
    """A referral the matcher saw near the question that writes the other body's word it asks about."""
    asked = set(reading.elsewhere)
    for candidate in decision.candidates if decision else ():
        item = kb.get(candidate.id)
        if isinstance(item, Referral) and candidate.score > 0 and not asked.isdisjoint(
                matcher.relevance.words.get(item.id, frozenset())):
            return item
    return None


def example_programs(kb: KnowledgeBase, matcher: Matcher, reading: Reading, text: str,
                     decision: Decision | None) -> list[Program]:
    """Programs to give as example questions: the matcher's candidates related to the question (an FAQ
    stands for the programs it is about), then programs for who the question says is asking; never one
    whose criteria leave the asker out."""
    relevance = matcher.relevance
    chosen: list[Program] = []
    for candidate in decision.candidates if decision else ():
        if candidate.score < cards.EXAMPLE_FLOOR \
                or not relevance.related(candidate.id, reading.words, reading.audiences, reading.needs):
            continue
        item = kb.get(candidate.id)
        if isinstance(item, Program):
            chosen.append(item)
        elif isinstance(item, Faq):
            chosen += [p for p in (kb.program(pid) for pid in item.programs) if p is not None]
    if reading.audiences:
        chosen += [p for p in kb.programs if not reading.audiences.isdisjoint(p.audience)]
    asker = asker_reader.read(text)
    fits = asker_reader.fits_of(chosen, asker) if asker else {}
    kept = [p for p in chosen if getattr(fits.get(p.id), "outcome", None) != "fails"]
    by_id = {p.id: p for p in kept}
    return [by_id[pid] for pid in dict.fromkeys(p.id for p in kept)][:EXAMPLES]

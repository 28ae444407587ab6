"""A small trade in everyday words: `치킨집 하는데 가게 대출 받을 곳`, `식당 창업하려는데 자금`, `I run a small cafe`.

Shop owners name their trade, not the word agencies and their referrals write for them (소상공인, 자영업자): a
knowledge base's small-business referral (the loan guarantee foundation, the small-business service) says
`소상공인 대출`, and `카페 하는데 운영자금 필요해요` shares only 자금 with it, as much as with any startup fund. So a
message that names a small trade (story.yaml `trades`: 가게, 식당, 치킨집, 미용실, 장사, 자영업; shop, cafe) and was
not answered is read again with the concept's word before it. That reading stands only where it answers outright
an item whose own texts write the concept, and that item holds a topic word of the message itself besides the
trade (대출, 컨설팅, 자금): the trade names who asks, the rest what about (`식당 위생등급 평가 신청` and `근처 맛있는
식당` name nothing a small-business referral writes). Any knowledge base whose items speak of 소상공인 is reached;
one that never writes the concept is left as it was. One more lexical ranking, only for messages naming a trade.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import yaml

from intents.analyzer import normalize
from intents.decision import Decision
from intents.sentences import STORY_FILE
from intents.ranking import mentioned
from knowledge.model import Faq, Intent, Program

if TYPE_CHECKING:
    from intents.matcher import Matcher


@dataclass(frozen=True)
class Trades:
    """story.yaml `trades`: the concept's word, and the words that name a small trade."""

    concept: str = ""
    korean: tuple[str, ...] = ()  # at the start of a word (치킨집을, 가게에서): a particle may follow
    english: tuple[str, ...] = ()  # whole words or phrases
    not_before_ko: tuple[str, ...] = ()  # 되: `가게 되면` is 가다 (to go), no shop

    def named(self, text: str) -> str | None:
        """The trade word a message names, or None."""
        normalized = normalize(text)
        words = normalized.split()
        for index, word in enumerate(words):
            following = words[index + 1] if index + 1 < len(words) else ""
            for trade in self.korean:
                if word.startswith(trade) and not (word == trade and following.startswith(self.not_before_ko)):
                    return trade
        padded = f" {normalized} "
        return next((t for t in self.english if f" {t} " in padded), None)


@lru_cache(maxsize=1)
def load_trades() -> Trades:
    with STORY_FILE.open(encoding="utf-8") as handle:
        raw = (yaml.safe_load(handle) or {}).get("trades") or {}
    return Trades(str(raw.get("concept") or ""),
                  tuple(sorted((normalize(str(w)) for w in raw.get("ko") or ()), key=len, reverse=True)),
                  tuple(normalize(str(w)) for w in raw.get("en") or ()),
                  tuple(normalize(str(w)) for w in raw.get("not_before_ko") or ()))


def as_trade(matcher: "Matcher", decision: Decision, text: str, lang: str,
             excluded: frozenset[int] = frozenset(), trades: Trades | None = None) -> Decision:
    """A message naming a small trade, answered as the concept's question where that reading answers an item
    writing the concept and one of the message's own topic words; else `decision` unchanged. Where `decision`
    answered already, only an answer the trade is not the asker's concern of: a program or FAQ that writes
    neither the concept nor the trade and is not named (`미용실 창업 자금 지원` was the startup fund FAQ)."""
    trades = trades or load_trades()
    if decision.area is not None or not trades.concept or not _may_replace(matcher, decision, text):
        return decision
    trade = trades.named(text)
    if trade is None:
        return decision
    concept = matcher.analyzer.analyze(trades.concept).terms
    if len(concept) != 1 or concept[0] not in matcher.item_terms:
        return decision  # a knowledge base that never writes the concept
    trade_terms = set(matcher.analyzer.analyze(trade).terms)
    if decision.kind == "answer" and _writes(matcher, decision.id or "", {concept[0], *trade_terms}):
        return decision  # an item for small businesses, or for this trade (a café start-up program), stands
    reading = matcher._decide_analysis(matcher.analyzer.analyze(f"{trades.concept} {text}"), lang, excluded)
    item = matcher.kb.get(reading.id or "") if reading.kind == "answer" else None
    if item is None or isinstance(item, Intent) or item.id == decision.id or not _writes(matcher, item.id, {concept[0]}):
        return decision
    written = _written(matcher, item.id)
    own = [t for t in matcher._topic_terms(matcher.analyzer.analyze(text))
           if t not in trade_terms and t != concept[0] and t not in matcher.agency_terms
           and t not in matcher.request_terms]
    if not any(t in written for t in own):
        return decision
    return reading


def _may_replace(matcher: "Matcher", decision: Decision, text: str) -> bool:
    """Not answered, or answered with a program or FAQ the message does not name by name or alias."""
    if decision.kind != "answer":
        return True
    item = matcher.kb.get(decision.id or "")
    if not isinstance(item, (Program, Faq)):
        return False
    index = matcher.index_of[item.id]
    return index not in mentioned(normalize(text).replace(" ", ""), matcher.names)


def _written(matcher: "Matcher", item_id: str) -> frozenset[str]:
    entry = matcher.entries[matcher.index_of[item_id]]
    return entry.strong | entry.weak


def _writes(matcher: "Matcher", item_id: str, terms: set[str]) -> bool:
    return item_id in matcher.index_of and not terms.isdisjoint(_written(matcher, item_id))

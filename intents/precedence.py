"""Which kind of item a message is about when small talk and a program both fit: the program's topic first.

People wrap a question about a program in the words of small talk: `혈압계 허가 받아야 하는데 어디서부터 해야
할지 모르겠어요` holds `모르겠어요` (the help intent's words), `컨설팅 담당자 연락처 알려주세요` holds
`담당자` (talk to a person). The intent's examples are short and made of those very words, so it scores
high, and either answers a question about a program with the bot's help text or ties with the program
and the bot says it does not know. Where the leading intent explains none of what the message is about
(its topic: aspect cues and question words aside; it matched on those alone) and a program, FAQ or
referral explains a fair share of it, the intents move behind the agency's items and the matcher decides
among those as usual (the contact aspect of `담당자 연락처` is then that program's contact). An intent
that explains part of the topic keeps its place: `공장 사람 구하는데 연결해 주세요` may well ask for a person.
A message with no topic words (`고마워요`, `담당자 연결해 주세요`) is left to the intents.
"""
from __future__ import annotations

from typing import Protocol, Sequence, TypeVar

from knowledge.model import Intent, Item


class Scored(Protocol):
    @property
    def item(self) -> Item: ...

    @property
    def topic_coverage(self) -> float: ...


R = TypeVar("R", bound=Scored)


def topic_before_chat(ranked: Sequence[R], floor: float, names_unsaid: bool = False) -> list[R]:
    """`ranked` with its intents moved last (scores unchanged, still candidates) where the first item is an
    intent that explains none of the message's topic and the best other item explains at least `floor` of
    it; otherwise `ranked` as it is. Behind the agency's items an intent is a rival only to a lone item,
    which then keeps its tie (no answer) as before.

    `names_unsaid`: the message names one of the agency's areas or programs in a word the leading intent's
    phrasings never use. Small talk (an intent with no action: a greeting, thanks, a goodbye) is then no
    answer even where it explains part of the message: `나중에 창업하고 싶어요` holds the goodbye's 나중에,
    but it is about starting a business."""
    if not ranked or not isinstance(ranked[0].item, Intent):
        return list(ranked)
    if names_unsaid and ranked[0].item.action is None:
        return _intents_last(ranked)
    if ranked[0].topic_coverage > 0:
        return list(ranked)
    topical = next((r for r in ranked if not isinstance(r.item, Intent)), None)
    if topical is None or topical.topic_coverage < floor:
        return list(ranked)
    return _intents_last(ranked)


def _intents_last(ranked: Sequence[R]) -> list[R]:
    return [r for r in ranked if not isinstance(r.item, Intent)] + [r for r in ranked if isinstance(r.item, Intent)]

"""What is asked for, not what it is for: the head of the question's noun phrase.

A Korean compound ends in its head: `국방 품질인증` asks for a certification (인증) of defence quality, as
`방산 품질 교육` is a training (교육) about it. An item that shares only the modifiers (방산, 품질) offers
another thing than the one asked for; an item that holds the head is what the question asks, though it
shares fewer of the question's words. The head is the last word of the question that names a topic of the
knowledge base (aspect cues, generic words such as 지원 and 사업, and question words aside), read in the last
Hangul word that holds one (`품질인증 받는거 지원해주나요` -> 인증).

Where the first-ranked program shares a modifier of the head but writes the head nowhere in its texts, and
another program that explains part of the question's topic has the head as a characteristic word (most of
its names and questions hold it), the two tie and the holder comes first: which one is meant is asked, not
guessed (as intents/specialised.py does for a specialised item). Programs only: an FAQ's or a referral's
word is mostly an aspect asked of any program (`주소`, `돈` in `재직자 교육 돈 내야 돼요?`), not another
thing offered. Nothing moves where the first program writes the head, or where no program holds it.
"""
from __future__ import annotations

import re
from typing import Callable, Sequence

from intents.scored import R

_HANGUL = re.compile(r"[가-힣]")


def head(normalized: str, terms_of: Callable[[str], tuple[str, ...]],
         topical: Callable[[str], bool]) -> tuple[str, frozenset[str]] | None:
    """The head of a Korean question and its modifiers: the last topical term of the last Hangul word that
    has one, and the other topical terms of that word and the word before it (`국방 품질인증` -> 인증, {방산,
    품질}); None where it has no modifier (`... 뭐 준비해야 돼요`: 준비 alone says how, not what of)."""
    words = normalized.split()
    for index in range(len(words) - 1, -1, -1):
        if not _HANGUL.search(words[index]):
            continue
        found = [t for t in terms_of(words[index]) if topical(t)]
        if found:
            before = [t for t in terms_of(words[index - 1]) if topical(t)] if index > 0 else []
            modifiers = frozenset((*found[:-1], *before)) - {found[-1]}
            return (found[-1], modifiers) if modifiers else None
    return None


def head_first(ranked: Sequence[R], asked: tuple[str, frozenset[str]] | None, holds: Callable[[str], frozenset[str]],
               writes: Callable[[str], frozenset[str]], rescore: Callable[[R, float], R],
               characteristic: Callable[[str], frozenset[str]] | None = None) -> list[R]:
    """`ranked` with the items that outrank the best program whose `characteristic` words hold the head
    (`asked`: the head and its modifiers; characteristic: what most of an item's names and questions hold,
    `holds` where not given) and write it nowhere (`writes`: every word of their texts) tied with that
    program, which comes first; unchanged unless the first program holds a modifier (`holds`: the words of
    its names and questions) and writes the head nowhere."""
    if asked is None or not ranked:
        return list(ranked)
    word, modifiers = asked
    characteristic = characteristic or holds
    first = ranked[0]
    if first.item.kind != "program" or word in writes(first.item.id) \
            or not modifiers & holds(first.item.id):
        return list(ranked)
    holder = next((r for r in ranked[1:] if r.item.kind == "program" and r.topic_coverage > 0
                   and word in characteristic(r.item.id)), None)
    if holder is None:
        return list(ranked)
    above = {id(r) for r in ranked if r.score > holder.score and r.item.kind != "intent"
             and word not in writes(r.item.id)}
    out = [holder, *(rescore(r, holder.score) if id(r) in above else r for r in ranked if r is not holder)]
    return sorted(out, key=lambda r: -r.score)  # stable: the holder stays before the items tied with it

"""Cue phrases found in a message the way each script writes them.

Korean cues are matched in the message with its spaces removed (뭐 있어 = 뭐있어), since Koreans space
freely. An English cue of several words matches when its words come in that order with at most GAP other
words between them: `any programs` is in `do you have any hydrogen programs`, as `어떤 사업` is in `어떤 수소
사업` once the topic word is set aside; an exact phrase would miss every question that names its topic.
"""
from __future__ import annotations

from typing import Iterable

GAP = 2  # words allowed between two words of an English cue


def korean_cue_in(compact: str, cues: Iterable[str]) -> bool:
    """Whether a Korean cue (spaces removed) occurs in the message with its spaces removed."""
    return any(cue in compact for cue in cues)


def english_cue_in(words: list[str], cues: Iterable[str], gap: int = GAP) -> bool:
    """Whether the words of an English cue occur in `words` in order, at most `gap` words apart."""
    return any(_in_order(words, cue.split(), gap) for cue in cues)


def _in_order(words: list[str], cue: list[str], gap: int) -> bool:
    if not cue:
        return False
    for start, word in enumerate(words):
        if word != cue[0]:
            continue
        position, found = start, True
        for part in cue[1:]:
            window = words[position + 1: position + 2 + gap]
            if part not in window:
                found = False
                break
            position += 1 + window.index(part)
        if found:
            return True
    return False

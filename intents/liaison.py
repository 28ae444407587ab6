"""Words spelled as they sound: Korean liaison (연음) and a silent ㅎ, read back to the spelling.

Chat writes what it hears: 이써요 for 있어요 (the ㅆ of 있 is said at the start of 어), 업서요 for 없어요, 시퍼요 for
싶어요, 마니 for 많이 (ㅎ is silent), 조아요 for 좋아요, 괜차나요 for 괜찮아요, 어떠케 for 어떻게. `spellings(word)` gives
each way of moving one consonant back: a syllable without a final consonant followed by one that starts with a
consonant takes that consonant as its final (the next starting with ㅇ, the silent initial); a syllable before
a silent ㅇ may have lost a silent ㅎ (after no final, ㄴ or ㄹ: 좋, 많, 싫); a final said twice (있써요 for
있어요); and an aspirated ㅋ, ㅌ or ㅊ may be a
final ㅎ heard with ㄱ, ㄷ or ㅈ (어떠케, 조코). The speller (intents/spelling.py)
takes a spelling only where it reads as function words alone: 마니 -> 많이, never a word into a topic word.
"""
from __future__ import annotations

from typing import Iterator

from intents.hangul import FINALS, INITIALS, SYLLABLE_FIRST, is_syllable

_IEUNG = INITIALS.index("ㅇ")
_MOVABLE = frozenset("ㄱㄲㄴㄷㄹㅁㅂㅅㅆㅈㅊㅋㅌㅍ")  # initials that can end a syllable (not ㅇ, ㅎ, ㄸ, ㅃ, ㅉ)
# A consonant moved onto the next syllable joins what is left of the final before it: 이써 (있어: ㅆ), 업서 (없어: ㅂ
# stays, ㅅ moves: ㅄ), 안자 (앉아: ㄵ), 일거 (읽어: ㄺ), 절머 (젊어: ㄻ), 발바 (밟아: ㄼ).
_CLUSTER = {("ㅂ", "ㅅ"): "ㅄ", ("ㅂ", "ㅆ"): "ㅄ", ("ㄴ", "ㅈ"): "ㄵ", ("ㄹ", "ㄱ"): "ㄺ", ("ㄹ", "ㅁ"): "ㄻ",
            ("ㄹ", "ㅂ"): "ㄼ", ("ㄹ", "ㅌ"): "ㄾ", ("ㄹ", "ㅍ"): "ㄿ", ("ㄱ", "ㅅ"): "ㄳ"}
# A silent ㅎ at the end of a syllable before a vowel: none (좋아), after ㄴ (많이, 괜찮아) or after ㄹ (싫어).
_SILENT_H = {"": "ㅎ", "ㄴ": "ㄶ", "ㄹ": "ㅀ"}
# A final ㅎ before ㄱ, ㄷ or ㅈ is heard as the aspirated consonant (좋고 [조코], 어떻게 [어떠케]).
_ASPIRATED = {"ㅋ": "ㄱ", "ㅌ": "ㄷ", "ㅊ": "ㅈ"}


def _parts(ch: str) -> tuple[int, int, int]:
    offset = ord(ch) - SYLLABLE_FIRST
    return offset // 588, (offset % 588) // 28, offset % 28


def _syllable(initial: int, medial: int, final: str) -> str:
    return chr(SYLLABLE_FIRST + (initial * 21 + medial) * 28 + FINALS.index(final))


def _sounds_in(final: str, onset: str) -> bool:
    """Whether a final consonant (a cluster too) ends in the sound the next syllable repeats: ㅆ/ㅅ after ㅄ."""
    last = next((b for (a, b), cluster in _CLUSTER.items() if cluster == final), final)
    return onset == last or {onset, last} == {"ㅅ", "ㅆ"}


def spellings(word: str) -> Iterator[str]:
    """Each spelling of `word` with one consonant moved back or one silent ㅎ put back (이써 -> 있어, 마니 -> 많이)."""
    for i in range(len(word) - 1):
        first, second = word[i], word[i + 1]
        if not (is_syllable(first) and is_syllable(second)):
            continue
        i1, m1, f1 = _parts(first)
        i2, m2, f2 = _parts(second)
        final = FINALS[f1]
        onset = INITIALS[i2]
        head, tail = word[:i], word[i + 2:]
        if onset in _ASPIRATED and final in _SILENT_H:  # 어떠케 -> 어떻게, 조코 -> 좋고, 만타 -> 많다
            plain = INITIALS.index(_ASPIRATED[onset])
            yield head + _syllable(i1, m1, _SILENT_H[final]) + _syllable(plain, m2, FINALS[f2]) + tail
        if final and onset != "ㅇ" and (onset == final or _sounds_in(final, onset)):
            yield head + first + _syllable(_IEUNG, m2, FINALS[f2]) + tail  # 있써요 -> 있어요, 없써요 -> 없어요
        if onset != "ㅇ":
            new_final = (onset if not final else _CLUSTER.get((final, onset))) if onset in _MOVABLE else None
            if new_final:
                yield head + _syllable(i1, m1, new_final) + _syllable(_IEUNG, m2, FINALS[f2]) + tail
                if not final and onset in _SILENT_H:  # 마니 -> 많이, 괜차나요 -> 괜찮아요, 시러요 -> 싫어요
                    yield head + _syllable(i1, m1, _SILENT_H[onset]) + _syllable(_IEUNG, m2, FINALS[f2]) + tail
        elif final in _SILENT_H:
            yield head + _syllable(i1, m1, _SILENT_H[final]) + second + tail

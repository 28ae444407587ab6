"""Hangul arithmetic: syllables to jamo, 초성 (initial consonants), and script tests.

A Hangul syllable U+AC00..U+D7A3 is (initial * 21 + medial) * 28 + final. Decomposing to jamo lets a
one-letter typo (창엄 for 창업) cost one edit instead of a whole syllable.
"""
from __future__ import annotations

SYLLABLE_FIRST, SYLLABLE_LAST = 0xAC00, 0xD7A3

# Compatibility jamo (what a keyboard types when a letter stands alone, e.g. ㅊㅊㅅ).
INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
MEDIALS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
FINALS = ("", "ㄱ", "ㄲ", "ㄳ", "ㄴ", "ㄵ", "ㄶ", "ㄷ", "ㄹ", "ㄺ", "ㄻ", "ㄼ", "ㄽ", "ㄾ", "ㄿ", "ㅀ", "ㅁ",
          "ㅂ", "ㅄ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ")
CONSONANTS = frozenset("ㄱㄲㄳㄴㄵㄶㄷㄸㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅃㅄㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ")
COMPAT_JAMO_FIRST, COMPAT_JAMO_LAST = 0x3131, 0x318E


def is_syllable(ch: str) -> bool:
    return SYLLABLE_FIRST <= ord(ch) <= SYLLABLE_LAST


def is_compat_jamo(ch: str) -> bool:
    return COMPAT_JAMO_FIRST <= ord(ch) <= COMPAT_JAMO_LAST


def is_hangul(ch: str) -> bool:
    return is_syllable(ch) or is_compat_jamo(ch)


def to_jamo(text: str) -> str:
    """Each syllable spelled out as its jamo letters; everything else kept as it is."""
    out: list[str] = []
    for ch in text:
        code = ord(ch)
        if SYLLABLE_FIRST <= code <= SYLLABLE_LAST:
            offset = code - SYLLABLE_FIRST
            out.append(INITIALS[offset // 588])
            out.append(MEDIALS[(offset % 588) // 28])
            out.append(FINALS[offset % 28])
        else:
            out.append(ch)
    return "".join(out)


def initials(text: str) -> str:
    """초성 of every syllable (강소기업 -> ㄱㅅㄱㅇ); other characters are dropped."""
    return "".join(INITIALS[(ord(ch) - SYLLABLE_FIRST) // 588] for ch in text if is_syllable(ch))


def is_initials_only(token: str) -> bool:
    """A token typed as bare consonants, the way people abbreviate (ㅊㅊㅅ, ㄱㅅ)."""
    return len(token) >= 2 and all(ch in CONSONANTS for ch in token)

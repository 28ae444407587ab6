"""Which aspect of a program a message asks about: eligibility, support, apply, period or contact.

From cue words and phrases (intents/lexicon/aspects.yaml): Korean ones are looked for in the message with
spaces removed, English ones as whole words. Where cues of several aspects appear, the longest wins (a cue
holding a question word such as 언제 or 얼마 counts as longer: it says what is asked more surely than a
longer one naming a matter); a misspelt cue the analyser corrected (신텅 -> 신청) counts too.
"""
from __future__ import annotations

from typing import Mapping

from intents.lexicon import Lexicon

ASKING_WORDS = ("언제", "얼마", "누가", "누구", "어디", "몇", " when ", " who ", " where ", " how much ", " how many ")
ASKING_BONUS = 10


def asking_bonus(cue: str) -> int:
    """A cue holding a question word (언제, 얼마, 누가, when) says what is asked more surely than a longer one
    naming a matter (신청할 수 있는 게 있으면 언제 모집하는지: when, not who may apply)."""
    return ASKING_BONUS if any(word in f" {cue} " for word in ASKING_WORDS) else 0


class AspectCues:
    """Reads the asked aspect from a message's cue words and phrases."""

    def __init__(self, lexicon: Lexicon, cue_aspects: Mapping[str, str]) -> None:
        """`cue_aspects`: a cue's analysed term -> its aspect, for cues the analyser may have corrected."""
        self.korean = {a: (*lexicon.aspect_cues_ko.get(a, ()), *lexicon.aspect_phrases_ko.get(a, ()))
                       for a in lexicon.aspect_cues_ko}
        self.english = {a: (*lexicon.aspect_cues_en.get(a, ()), *lexicon.aspect_phrases_en.get(a, ()))
                        for a in lexicon.aspect_cues_ko}
        self.cue_aspects = cue_aspects

    def detect(self, normalized: str, terms: tuple[str, ...] = ()) -> str | None:
        compact = normalized.replace(" ", "")
        padded = f" {normalized} "
        best: tuple[int, str] | None = None
        for aspect, cues in self.korean.items():
            length = max((len(c) + asking_bonus(c) for c in cues if c in compact), default=0)
            length = max(length, max((len(c) - 2 + asking_bonus(c) for c in self.english.get(aspect, ())
                                      if c in padded), default=0))
            if length and (best is None or length > best[0]):
                best = (length, aspect)
        if best:
            return best[1]
        # No cue as typed; a misspelt one (신텅 for 신청) may still have been corrected in analysis. Only a
        # corrected word counts: one written as it is (상담 in 수출상담회) names the topic, not an aspect.
        return next((self.cue_aspects[t] for t in terms if t in self.cue_aspects and t not in compact),
                    None) if terms else None

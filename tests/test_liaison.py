"""Words spelled as they sound (intents/liaison.py): each spelling with one consonant moved back, a silent ㅎ put
back, an aspirated consonant read as ㅎ and a plain one, or a final said twice."""
from __future__ import annotations

import pytest

from intents.liaison import spellings


@pytest.mark.parametrize("heard, written", [
    ("이써요", "있어요"), ("이쓰면", "있으면"), ("시퍼요", "싶어요"), ("머거요", "먹어요"),  # a final moved onto ㅇ
    ("업서요", "없어요"),  # what is left of a cluster: ㅂ stays, ㅅ moves
    ("조아요", "좋아요"), ("마니", "많이"), ("괜차나요", "괜찮아요"), ("시러요", "싫어요"),  # a silent ㅎ
    ("어떠케", "어떻게"), ("조코", "좋고"),  # ㅎ + ㄱ heard as ㅋ
    ("있써요", "있어요"), ("없써요", "없어요"),  # a final said twice
])
def test_a_word_spelled_as_it_sounds_has_its_spelling_among_the_readings(heard: str, written: str) -> None:
    assert written in set(spellings(heard))


@pytest.mark.parametrize("word", ["있어요", "지원", "abc", "가", ""])
def test_a_word_spelled_right_or_too_short_has_no_sounded_reading_of_itself(word: str) -> None:
    assert word not in set(spellings(word))
    assert all(len(s) == len(word) for s in spellings(word))

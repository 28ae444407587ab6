"""A proper name one item writes in both scripts names it in either (intents/spelt_names.py), through the real
Matcher on real knowledge."""
from __future__ import annotations

from intents.matcher import Matcher
from intents.spelt_names import romanize, same_name, skeleton, spelt_names


def test_the_two_spellings_share_their_consonants() -> None:
    assert romanize("하이창원") == "haichangwon"
    assert skeleton("HyChangwon") == skeleton(romanize("하이창원"))
    assert same_name("태화강역", "Taehwagangyeok") and not same_name("하이창원", "Changwon")
    assert not same_name("창원", "Changwon")  # two syllables: too often an everyday word


def test_a_name_only_the_answer_text_writes_in_korean_answers(matcher: Matcher) -> None:
    """The liquid-hydrogen program's aliases write HyChangwon; its summary alone writes 하이창원."""
    decision = matcher.match("하이창원은 뭐하는 회사예요?")
    assert (decision.kind, decision.id) == ("answer", "liquid-hydrogen")


def test_a_loanword_or_a_shared_name_is_none() -> None:
    """플랜트 / plant are words of Korean and of English (intents/real_words.py), not a name; a name another item
    writes too names neither."""
    texts = {"plant": ["액화수소 플랜트 하이창원", "liquid hydrogen plant HyChangwon"], "other": ["수출 지원"]}
    assert spelt_names(texts, str.split, real={"플랜트"}) == {"plant": ["하이창원", "HyChangwon"]}
    texts["other"] = ["하이창원 견학"]
    assert spelt_names(texts, str.split, real={"플랜트"}) == {}

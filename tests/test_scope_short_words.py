"""Two-syllable words the knowledge base never writes (intents/scope.py `short_topic`): a list question that
names one beside an area's word (`웨딩 관련 수출 지원 뭐 있어요`) asks for another kind of thing, not the area's
list; the asker's trade before who asks (`카페 창업`), an adverb (`진짜`) or the area's own words still get the
list. Through the real Matcher on the shipped knowledge (the areas export, startup and jobs are its own)."""
from __future__ import annotations

import pytest

from intents.context import context_after
from intents.matcher import Matcher
from intents.scope import ScopeWords


@pytest.mark.parametrize("question", [
    "웨딩 관련 수출 지원 뭐 있어요",      # a wedding business's export support is not the export list
    "골프 관련 일자리 사업 뭐 있어요",     # golf jobs: no program of the jobs area is about golf
])
def test_a_short_novel_word_keeps_a_list_question_out_of_the_area(shipped_matcher: Matcher, question: str) -> None:
    decision = shipped_matcher.match(question)
    assert decision.area is None
    assert decision.kind != "answer"


@pytest.mark.parametrize("question, area", [
    ("카페 창업 지원 사업 뭐 있어요", "startup"),   # the asker's trade before 창업: who asks
    ("애견 창업 지원 뭐 있어요", "startup"),
    ("진짜 수출 지원 사업 뭐 있어요", "export"),   # an adverb names nothing
    ("요즘 창업 지원 뭐 있어요", "startup"),       # nor does a word of time
    ("수출 지원 사업 뭐 있어요", "export"),
])
def test_the_askers_trade_an_adverb_and_the_areas_own_words_still_list_it(
        shipped_matcher: Matcher, question: str, area: str) -> None:
    decision = shipped_matcher.match(question)
    assert (decision.kind, decision.area) == ("answer", area)


@pytest.mark.parametrize("first, then, expected", [
    ("창업보육센터 알려주세요", "저 35살인데 괜찮나요?", "startup-incubation"),
    ("신산업 청년일자리 알려주세요", "나 거제 사는데 괜찮아?", "new-industry-youth-jobs"),
])
def test_a_follow_up_still_hides_short_unknown_words(shipped_matcher: Matcher, first: str, then: str,
                                                     expected: str) -> None:
    """In a follow-up a two-syllable leftover (괜찮) or a place said in passing is no topic of its own: the
    matcher's topic counts two-syllable unknown words only where asked to (`_topic_terms(short_novel=True)`)."""
    context = context_after(shipped_matcher.match(first), shipped_matcher, None, first)
    decision = shipped_matcher.match(then, context=context)
    assert (decision.kind, decision.id) == ("answer", expected)


def test_adverbs_are_language_data() -> None:
    words = ScopeWords.load()
    assert {"진짜", "갑자기", "요즘"} <= words.not_names_ko

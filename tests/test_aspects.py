"""Which aspect a question asks (intents/aspects.py, intents/lexicon/aspects.yaml), as people ask it,
through the real lexicon; and that a phrase saying the aspect never changes what a question is about."""
from __future__ import annotations

from pathlib import Path

import pytest

from intents.matcher import Matcher
from knowledge.loader import load_or_raise

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "data" / "mini" / "knowledge"


@pytest.fixture(scope="module")
def mini() -> Matcher:
    return Matcher(load_or_raise(MINI, ROOT / "intents"))


def _aspect(matcher: Matcher, text: str) -> str | None:
    analysis = matcher.analyzer.analyze(text)
    return matcher.aspects.detect(analysis.normalized, analysis.terms)


@pytest.mark.parametrize("text, aspect", [
    ("얼마나 살아야 돼요", "eligibility"),
    ("사무실도 줘요?", "support"),
    ("몇 번까지 무료", "support"),
    ("언제 개강", "period"),
    ("지정되면 뭐가 좋은데", "support"),  # what one gets, said as "what is good"
    ("선정되면 어떤 점이 좋아요", "support"),
    ("뭘 어떻게 지원해줘요", "support"),  # not how to apply (어떻게 지원)
    ("되려면 뭐가 필요해요", "eligibility"),
    ("우리 회사도 갈 수 있나요", "eligibility"),
    ("참가하고 싶어요", "apply"),
    ("몇 년 유지돼요", "period"),
    ("어디로 물어보면 돼요", "contact"),
    ("what are the benefits", "support"),
    ("am I eligible", "eligibility"),
    ("who is in charge of it", "contact"),
    ("신청하면 언제 발표해요", "period"),  # a question word outweighs a longer matter
    ("알려주세요", None),
])
def test_the_asked_aspect_as_people_ask(mini: Matcher, text: str, aspect: str | None) -> None:
    assert _aspect(mini, text) == aspect


@pytest.mark.parametrize("text, expected, aspect", [
    ("청년창업사관학교 장점", "youth-startup-academy", "support"),
    ("청창사 참가하고 싶어요", "youth-startup-academy", "apply"),
    ("수출바우처 어디로 물어보면 돼요", "export-voucher", "contact"),
])
def test_a_program_answer_carries_the_aspect(mini: Matcher, text: str, expected: str, aspect: str) -> None:
    decision = mini.match(text)
    assert (decision.kind, decision.id, decision.aspect) == ("answer", expected, aspect)


def test_aspect_phrases_say_the_aspect_only(mini: Matcher) -> None:
    # 지정, 장점, start may name what a program is about elsewhere: a phrase holding them says which aspect is
    # asked, but never makes them a cue word that counts less when the matcher weighs the topic.
    for word in ("지정", "장점", "start", "유지"):
        assert all(term not in mini.cue_terms for term in mini.analyzer.analyze(word).terms)

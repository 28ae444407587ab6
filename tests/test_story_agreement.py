"""A story every reading points the same way is answered under the fused bar (intents/confirm.py story_agrees).

The fictional agency of tests/data/blind has three questions an item; a long message about one of its programs
scores low lexically (its story dilutes every item's score) although the lexical matcher, the model and the
fused ranking all put that program first. Without intents, so that embedding it cold stays quick."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from intents.confirm import ConfirmSettings, story_agrees
from intents.matcher import Matcher
from intents.semantic import shared_embedder
from intents.story import read_story
from knowledge.loader import load_or_raise
from knowledge.model import KnowledgeBase

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = ConfirmSettings.load()
BACKGROUND = ("안녕하세요. 저는 대구에서 작은 금속가공 공장을 운영하고 있습니다. 요즘 사람 구하기가 너무 힘들어서 용접이나 "
              "포장 공정에 로봇을 써볼까 고민 중이에요. 그런데 가격이 만만치 않더라고요. ")
STORY = BACKGROUND + "혹시 로봇 사는 데 보태주는 지원이 있을까요? 직원은 15명 정도입니다."



def test_every_condition_is_needed() -> None:
    ok = dict(terms=12, fused=0.3, lead=0.1, lexical_first=True, model_first=True, novel_question=False)
    assert story_agrees(SETTINGS, **ok)  # type: ignore[arg-type]
    for key, value in (("terms", 5), ("fused", 0.1), ("lead", 0.01), ("lexical_first", False),
                       ("model_first", False), ("novel_question", True)):
        assert not story_agrees(SETTINGS, **{**ok, key: value}), key  # type: ignore[arg-type]


def test_a_story_the_three_readings_agree_on_is_answered(blind_kb: KnowledgeBase, blind_hybrid: Matcher) -> None:
    assert Matcher(blind_kb).match(STORY).kind != "answer"  # lexical alone: the story dilutes the score
    decision = blind_hybrid.match(STORY)
    assert (decision.kind, decision.id) == ("answer", "cobot-adoption")
    assert decision.score < 100 * blind_hybrid.settings.semantic_answer  # under the fused answer bar
    # Without the rule (a story would need more terms than it has) the same message is not answered.
    strict = Matcher(blind_kb, embedder=blind_hybrid.embedder, cache_dir=None)
    strict.confirm = replace(strict.confirm, story_terms=1000)
    assert strict.match(STORY).kind != "answer"


def test_the_asking_sentence_must_name_nothing_the_knowledge_base_never_writes(blind_hybrid: Matcher) -> None:
    # A story's background may be about anything; its question may not ask about a thing no item writes.
    story = read_story(BACKGROUND + "그리고 대구에서 이번 달에 열리는 웨딩박람회 일정 좀 알 수 있을까요?")
    assert story is not None and blind_hybrid._novel_question(story)
    plain = read_story(STORY)
    assert plain is not None and not blind_hybrid._novel_question(plain)
    assert blind_hybrid.match(BACKGROUND + "그리고 대구에서 이번 달에 열리는 웨딩박람회 일정 좀 알 수 있을까요?").kind != "answer"

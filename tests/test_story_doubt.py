"""A weak answer to a story's question alone, doubted by both other readings (intents/story.py `_doubted`).

The fictional agency of tests/data/blind: a story about bringing robots into a small factory. Whatever the
question's words alone answer weakly, the whole story ranks the cobot program first and so does the model,
reading the question with its topic unit: the question alone is doubted and the whole message decides. Not a
sure answer (the model is not consulted for one), not the item the story ranks first, and never without the
model (lexical mode is unchanged). Without intents, so that embedding it cold stays quick."""
from __future__ import annotations

from pathlib import Path

import pytest

from intents.decision import Decision
from intents.matcher import Matcher
from intents.semantic import shared_embedder
from intents.story import _doubted, read_story
from knowledge.loader import load_or_raise
from knowledge.model import KnowledgeBase

ROOT = Path(__file__).resolve().parent.parent
STORY = "저희 공장은 직원이 20명이에요. 사람 구하기가 힘들어서 사람 옆에서 일하는 로봇을 들이려고 합니다. 비용 지원이 되나요?"



def _alone(matcher: Matcher, item_id: str, score: float) -> Decision:
    return Decision("answer", item_id, None, score, (), "ko")


def test_the_story_and_the_model_doubt_a_weak_answer_about_something_else(blind_hybrid: Matcher) -> None:
    story = read_story(STORY)
    assert story is not None
    assert blind_hybrid.rank(blind_hybrid.analyzer.analyze(" ".join(story.units)))[0].item.id == "cobot-adoption"
    weak = blind_hybrid.settings.semantic_veto_score - 10
    assert _doubted(blind_hybrid, story, _alone(blind_hybrid, "parking", weak), blind_hybrid.index_of["parking"],
                    frozenset())
    # A sure answer stands (the model is not consulted for one), as does the item the whole story ranks first.
    sure = blind_hybrid.settings.semantic_veto_score
    index = blind_hybrid.index_of
    assert not _doubted(blind_hybrid, story, _alone(blind_hybrid, "parking", sure), index["parking"], frozenset())
    assert not _doubted(blind_hybrid, story, _alone(blind_hybrid, "cobot-adoption", weak), index["cobot-adoption"],
                        frozenset())


def test_without_the_model_nothing_is_doubted(blind_kb: KnowledgeBase) -> None:
    lexical = Matcher(blind_kb)
    story = read_story(STORY)
    assert story is not None
    weak = lexical.settings.semantic_veto_score - 10
    assert not _doubted(lexical, story, _alone(lexical, "parking", weak), lexical.index_of["parking"], frozenset())


def test_the_story_is_answered_with_its_program(blind_hybrid: Matcher) -> None:
    decision = blind_hybrid.match(STORY)
    assert (decision.kind, decision.id) == ("answer", "cobot-adoption")

"""Decision.suggestions: what the "is it one of these?" card offers."""
from __future__ import annotations

from intents.decision import Candidate, Decision


def test_small_talk_behind_an_item_is_not_offered() -> None:
    decision = Decision("suggest", candidates=(Candidate("jobs-faq", "faq", 50.0),
                                               Candidate("goodbye", "intent", 45.0),
                                               Candidate("job-fair", "program", 40.0)))
    assert [c.id for c in decision.suggestions] == ["jobs-faq", "job-fair"]


def test_small_talk_as_the_best_guess_is_offered() -> None:
    decision = Decision("suggest", candidates=(Candidate("thanks", "intent", 50.0),
                                               Candidate("help", "intent", 48.0),
                                               Candidate("job-fair", "program", 40.0)))
    assert [c.id for c in decision.suggestions] == ["thanks", "job-fair"]


def test_a_weak_guess_beside_a_good_one_is_not_offered() -> None:
    decision = Decision("suggest", candidates=(Candidate("a", "program", 80.0), Candidate("b", "faq", 47.0)))
    assert [c.id for c in decision.suggestions] == ["a"]

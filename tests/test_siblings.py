"""Sibling programs (intents/siblings.py): an answer the question does not tell from its runner-up program is
offered beside it, on the shipped knowledge, lexical mode; a question naming one sibling's own word is answered."""
from __future__ import annotations

from intents.context import context_after
from intents.decision import Candidate, Decision
from intents.matcher import Matcher
from intents.siblings import Siblings, load_near

YOUTH_JOBS = {"aerospace-youth-jobs", "new-industry-youth-jobs", "quality-jobs"}


def test_a_broad_question_two_sibling_programs_fit_gets_both_offered(shipped_matcher: Matcher) -> None:
    decision = shipped_matcher.match("청년을 뽑으면 인건비 지원되는 사업 있어요?")
    assert decision.kind == "suggest"
    assert len(YOUTH_JOBS & {c.id for c in decision.suggestions}) >= 2


def test_a_word_only_one_sibling_writes_answers_it(shipped_matcher: Matcher) -> None:
    decision = shipped_matcher.match("항공우주 회사인데 청년 채용하면 인건비 지원돼요?")
    assert (decision.kind, decision.id) == ("answer", "aerospace-youth-jobs")


def test_the_sibling_answered_just_before_keeps_the_follow_up(shipped_matcher: Matcher) -> None:
    first = shipped_matcher.match("양질의 일자리 창출 지원 알려주세요")
    assert first.id == "quality-jobs"
    context = context_after(first, shipped_matcher, None, "양질의 일자리 창출 지원 알려주세요")
    decision = shipped_matcher.match("청년 채용하면 청년한테 주는 혜택도 있나요", context=context)
    assert (decision.kind, decision.id) == ("answer", "quality-jobs")
    # Without the chat the same question is a guess between the siblings.
    assert shipped_matcher.match("청년 채용하면 청년한테 주는 혜택도 있나요").id != "quality-jobs"


def test_tied_reads_the_knowledge_bases_words_not_the_scores_alone(shipped_matcher: Matcher) -> None:
    siblings = Siblings(shipped_matcher, near=load_near())
    analysis = shipped_matcher.analyzer.analyze("청년 채용 인건비 지원")
    pair = (Candidate("aerospace-youth-jobs", "program", 80.0), Candidate("new-industry-youth-jobs", "program", 75.0))
    guess = Decision("answer", "aerospace-youth-jobs", "support", 80.0, pair, "ko")
    assert siblings.tied(guess, analysis) == "new-industry-youth-jobs"
    assert siblings.review(guess, analysis).kind == "suggest"
    # A runner-up far behind is no sibling in the matcher's eyes; a named answer is no guess.
    far = (pair[0], Candidate("new-industry-youth-jobs", "program", 40.0))
    assert siblings.tied(Decision("answer", "aerospace-youth-jobs", None, 80.0, far, "ko"), analysis) is None
    named = shipped_matcher.analyzer.analyze("항공 청년 채용 인건비 지원")
    assert siblings.tied(guess, named) is None
    # An exact phrasing (score 100) and a program answered just before are never taken back.
    exact = Decision("answer", "aerospace-youth-jobs", None, 100.0, pair, "ko")
    assert siblings.tied(exact, analysis) is None
    assert siblings.tied(guess, analysis, last="aerospace-youth-jobs") is None
    # The runner-up answered just before wins the tie.
    kept = siblings.review(guess, analysis, last="new-industry-youth-jobs")
    assert (kept.kind, kept.id) == ("answer", "new-industry-youth-jobs")

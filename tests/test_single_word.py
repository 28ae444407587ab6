"""One shared word is no answer (intents/relevance.py `single_word`) and a compound whose head the knowledge base
never writes is a thing no item names (intents/scope.py `novel_head`): shipped knowledge, lexical mode."""
from __future__ import annotations

from intents.decision import Candidate, Decision
from intents.matcher import Matcher


def test_a_program_tied_to_the_question_by_one_word_alone_is_offered_not_answered(shipped_matcher: Matcher) -> None:
    # 부서 (a contact cue) and 담당 are all the question shares with a planning program whose one phrasing asks for
    # its department; the capability program shares only 제조 with a food maker looking for a workshop.
    assert shipped_matcher.match("담당 부서 전화번호 알려 주실 수 있나요").id != "project-planning"
    assert shipped_matcher.match("식품 제조하려면 작은 공장 같은 공간이 필요한데 있나요").kind != "answer"


def test_a_program_named_by_its_own_words_is_still_answered(shipped_matcher: Matcher) -> None:
    decision = shipped_matcher.match("신규사업 기획 담당 부서")
    assert (decision.kind, decision.id) == ("answer", "project-planning")


def test_single_word_reads_the_shared_words(shipped_matcher: Matcher) -> None:
    relevance = shipped_matcher.relevance
    guess = Decision("answer", "project-planning", "contact", 60.0,
                     (Candidate("project-planning", "program", 60.0),), "ko")
    one = shipped_matcher.analyzer.analyze("담당 부서 전화번호")
    assert relevance.single_word(guess, one, "담당 부서 전화번호")
    assert not relevance.single_word(guess, one, "담당 부서 전화번호", last="project-planning")  # a follow-up
    named = shipped_matcher.analyzer.analyze("신규사업 담당 부서 전화번호")
    assert not relevance.single_word(guess, named, "신규사업 담당 부서 전화번호")
    # A word no other item writes is the program's own: it names it.
    own = Decision("answer", "defense-market", "apply", 60.0, (Candidate("defense-market", "program", 60.0),), "ko")
    assert not relevance.single_word(own, shipped_matcher.analyzer.analyze("군납 하려면 어떻게 해야 돼요"), "군납")
    assert shipped_matcher.match("군납 하려면 어떻게 해야 돼요").id == "defense-market"


def test_a_compound_with_a_novel_head_is_not_answered_by_what_shares_its_modifier(shipped_matcher: Matcher) -> None:
    # 바우처 is a word the knowledge base never writes: 수출바우처 is a kind of voucher, not a kind of export support.
    assert shipped_matcher.match("코트라 수출바우처 받고 싶어요").kind != "answer"
    assert shipped_matcher.match("KOTRA 수출바우처 지원 되나요").kind != "answer"
    # A compound of known words is still answered.
    decision = shipped_matcher.match("수출상담회 신청하고 싶어요")
    assert (decision.kind, decision.id) == ("answer", "export-consultation")


def test_novel_head_is_the_last_topic_word_only(shipped_matcher: Matcher) -> None:
    scope = shipped_matcher.scope
    assert scope.novel_head("수출바우처 신청하고 싶어요") == ("수출", "바우처")
    assert scope.novel_head("4학년인데요 교육 받을 수 있나요") is None  # a number's unit, then a known word
    assert scope.novel_head("수출상담회 신청") is None


def test_the_need_a_story_states_counts_as_said(shipped_matcher: Matcher) -> None:
    # The story path reads `장사가 안돼서 ... 도움 받을 수 있는 게 있을까요` as the need 소상공인 지원 (intents/story.py
    # `stated_need`): its words are said, though the message never writes them.
    relevance = shipped_matcher.relevance
    need = frozenset(shipped_matcher.analyzer.analyze("소상공인 지원").terms)
    assert need and need <= relevance._need_terms("분식집을 하는 사장입니다 요즘 장사가 영 안돼서 걱정이에요 "
                                                   "혹시 도움 받을 수 있는 게 있을까요")
    assert not relevance._need_terms("담당 부서 전화번호 알려 주실 수 있나요")  # no story, no need

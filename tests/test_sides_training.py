"""Training the asker's own staff is the company's side (intents/lexicon/roles.yaml `sides`, intents/sides.py): an
employer asking to train employees is not asking for a course for job seekers."""
from __future__ import annotations

from intents.matcher import Matcher
from intents.sides import SideWords


def test_training_ones_staff_is_said_as_the_company() -> None:
    sides = SideWords.load()
    assert "company" in sides.taken("직원들 수출 실무 교육 시킬 수 있는 곳 있나요")
    assert "company" in sides.taken("we want to train our staff in export marketing")
    assert "company" not in sides.taken("해외마케팅 교육 받을 수 있나요")  # who is trained is not said


def test_the_employees_course_leads_for_an_employer(shipped_matcher: Matcher) -> None:
    decision = shipped_matcher.match("중소기업 대표인데 직원들 해외마케팅 교육 시킬 수 있는 곳이 있나요?")
    assert decision.candidates[0].id == "worker-training"  # not the course for job seekers and students
    assert decision.id != "global-marketer"

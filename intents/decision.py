"""What the matcher decided about one message: the small result every other part reads."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

DecisionKind = Literal["answer", "suggest", "fallback"]
SUGGEST_RATIO = 0.6


@dataclass(frozen=True)
class Candidate:
    id: str
    kind: str  # "program" | "faq" | "intent" | "referral"
    score: float  # 0..100


@dataclass(frozen=True)
class Decision:
    """answer: `id` is the item to show; suggest: offer `candidates`; fallback: nothing fits.

    `aspect` is the aspect of a program the question asks about (eligibility, support, apply, period,
    contact) or None. `lang` is the language of the question ("ko" or "en"), used when the user has
    not chosen one. `candidates` holds up to three items, best first, for every kind.
    `area` is set when the message asks for the programs of a whole business area (`수소 관련 지원사업
    뭐 있어요`) rather than one program: the handlers then list that area's programs, less `left_out`, the ids
    of those the message ruled out (`그거 말고 올해 신청할 수 있는 거요` after one of them, `방산 말고 ...`).
    """

    kind: DecisionKind
    id: str | None = None
    aspect: str | None = None
    score: float = 0.0
    candidates: tuple[Candidate, ...] = ()
    lang: str = "ko"
    area: str | None = None
    left_out: tuple[str, ...] = ()
    also: tuple[str, ...] = ()  # other items the message asks about in parts of its own (intents/parts.py)
    # What else the message asked at once that nothing answers, as typed (`... 스마트공장 둘 다`: 스마트공장;
    # intents/options.py `_both`): the card says so.
    unanswered: tuple[str, ...] = ()

    @property
    def answered(self) -> bool:
        return self.kind == "answer"

    @property
    def suggestions(self) -> tuple[Candidate, ...]:
        """The candidates worth offering as "is it one of these?": those scoring at least SUGGEST_RATIO of
        the best one, so that a weak third guess is not shown beside a good first one. Small talk (an
        intent) is offered only as the best guess: behind a program or FAQ, "안녕히 계세요" or "도움말" is no
        answer to a question about the agency's work (`채용 공고는 어디서 봐요?` is not a goodbye)."""
        if not self.candidates:
            return ()
        best = self.candidates[0]
        floor = best.score * SUGGEST_RATIO
        return tuple(c for c in self.candidates
                     if c.score >= floor and (c.kind != "intent" or c is best))

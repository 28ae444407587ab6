"""A lead the lexical matcher alone is not sure of, answered when the semantic model agrees with it.

Why: the lexical thresholds (intents/lexicon/matcher.yaml) were set on a knowledge base whose items carry
five to seven example questions. Items with only two or three (most knowledge bases written in a hurry)
explain less of a paraphrase, so their right item leads but scores under the bar, and the bot says "I don't
know" although nothing else comes near (`차 끌고 가면 댈 데 있어요?` -> parking, alone in the field).
Lowering the bar for everyone would answer near misses too: in lexical mode it trades one out-of-scope
question answered for every few paraphrases gained. What a near miss lacks is a second, independent
opinion that the same item is meant. So a lower bar applies only where:

- the lexical lead is clear (`confirmable`): the best item explains a fair share of the question and of its
  topic, and leads the next item of its side by a margin, both in points and relative to its own score
  (a thin knowledge base scores everything lower, so a fixed number of points would be stricter there);
- and the model agrees (`agrees`): the item the model finds nearest to the question is that same item, it
  finds it similar enough, and it prefers it to every other item by a margin.

Only programs, FAQs and referrals are answered this way (small talk is short and alike to the model), and a
near miss the structural check (intents/scope.py) contradicts is still refused after this. In lexical mode
nothing changes. The numbers are in intents/lexicon/confirm.yaml.

**A story both signals read the same way** (`story_agrees`). A long message (`...공장을 운영하고 있습니다.
요즘 사람 구하기가 힘들어서 ... 혹시 로봇 사는 데 보태주는 지원이 있을까요? 직원은 15명 정도입니다.`) scores
low on every item: its story's words dilute the lexical score (15 of 100 here) and the model reads only part
of it, so the fused score stays under the answer bar although every reading points at one item. Where the
lexical matcher's first item, the model's nearest item and the fused first item are one and the same, and it
leads the fused ranking by a margin, that agreement of three readings is the evidence the diluted score
cannot be. Out-of-scope stories are the risk (a wedding fair asked after a story about an export fair): the
asking sentence must hold no word the knowledge base never writes (intents/scope.py `is_novel`), since a
story's background may be about anything but its question is about what the bot should know.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from intents.lexicon import checked_numbers

CONFIRM_FILE = Path(__file__).resolve().parent / "lexicon" / "confirm.yaml"


@dataclass(frozen=True)
class ConfirmSettings:
    """intents/lexicon/confirm.yaml; each number is explained there."""

    score: float = 24.0
    coverage: float = 0.32
    coverage_long: float = 0.24
    topic_coverage: float = 0.24
    margin: float = 3.0
    relative_margin: float = 0.75
    cosine: float = 0.88
    cosine_lead: float = 0.0
    story_terms: int = 10
    story_fused: float = 0.2
    story_lead: float = 0.05

    @classmethod
    def load(cls, path: Path = CONFIRM_FILE) -> "ConfirmSettings":
        with path.open(encoding="utf-8") as handle:
            raw = yaml.safe_load(handle) or {}
        return cls(**checked_numbers(cls, raw, path))


def confirmable(settings: ConfirmSettings, score: float, coverage: float, topic_coverage: float,
                runner_up: float, long_message: bool) -> bool:
    """Whether a lexical lead is clear enough to be answered once the model agrees: a fair share of the
    question (of a long message, less) and of its topic explained, and the runner-up at least `margin`
    points and at most `relative_margin` of the best score behind."""
    needed = settings.coverage_long if long_message else settings.coverage
    return score >= settings.score and coverage >= needed and topic_coverage >= settings.topic_coverage \
        and score - runner_up >= settings.margin and runner_up <= settings.relative_margin * score


def agrees(settings: ConfirmSettings, cosines: dict[int, float], best: int) -> bool:
    """Whether the model's nearest item to the question is `best`, similar enough, ahead of every other
    item by at least `cosine_lead`."""
    mine = cosines.get(best)
    if mine is None or mine < settings.cosine:
        return False
    others = max((c for i, c in cosines.items() if i != best), default=-1.0)
    return mine - others >= settings.cosine_lead and mine >= others


def story_agrees(settings: ConfirmSettings, terms: int, fused: float, lead: float, lexical_first: bool,
                 model_first: bool, novel_question: bool) -> bool:
    """Whether a story's fused first item is answered although under the fused answer bar: the message has
    at least `story_terms` distinct terms, the item is the lexical matcher's first and the model's nearest
    too, its fused score reaches `story_fused` and leads the next by `story_lead`, and the asking sentence
    holds no word the knowledge base never writes."""
    return terms >= settings.story_terms and lexical_first and model_first and not novel_question \
        and fused >= settings.story_fused and lead >= settings.story_lead

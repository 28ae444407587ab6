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

**Told apart by its own words** (`told_apart`). The fused first item is under the bar, but it is also the lexical
matcher's first, and the question says two or more distinctive words (intents/relevance.py `distinctive`: no
question word, aspect cue or word a third of the programs write), each written by at most a quarter of the
items, that its own names, aliases or questions write and that neither of the next two candidates writes
anywhere, not even in a summary or body (`미역 성분으로 생각해 둔 제품을 시험 삼아 한번 만들어볼 수 있나요`: 미역 and
제품 are the marine-bio prototype program's words, the smart-farm pilot and equipment sharing next to it write
neither). One shared word is what a near miss has (웨딩 박람회 shares 박람회); two rare words a rival never writes
tell the item from its neighbours, which the fused lead cannot say when the question is long (its story dilutes
both scores) or the model sees the neighbours alike. Common words (사업, 기업) tell nothing even where a rival
happens not to write them. Near misses built on two of an item's words (`전기 자동차 배터리` against an
electric-ship program) stay out through the model: the item must be nearer the question than every sentence
about a person's everyday needs by a margin (intents/outside.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

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
    told_words: int = 2
    told_spread: float = 0.25
    told_outside: float = 0.02
    told_words_lexical: int = 3

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


def told_words(words: Iterable[str], own: frozenset[str], rivals: list[frozenset[str]],
               spread: Callable[[str], float], most: float) -> int:
    """How many of the question's distinctive `words` the item's own phrasings write (`own`: names, aliases,
    questions), none of the `rivals` (each: every word of a next candidate's texts) writes, and at most `most` of
    the knowledge base's items write (`spread`: a word's share of them)."""
    return sum(1 for w in words if w in own and spread(w) <= most and not any(w in rival for rival in rivals))


def told_apart(settings: ConfirmSettings, told: int, lexical_first: bool, outside_margin: float) -> bool:
    """Whether a fused first item under the bar is answered on its own words (see the module's doc): the
    lexical matcher's first too, `told` (`told_words`) at least `told_words`, and the model finds it at least
    `told_outside` nearer the question than everyday needs of a person."""
    return lexical_first and told >= settings.told_words and outside_margin >= settings.told_outside


def story_agrees(settings: ConfirmSettings, terms: int, fused: float, lead: float, lexical_first: bool,
                 model_first: bool, novel_question: bool) -> bool:
    """Whether a story's fused first item is answered although under the fused answer bar: the message has
    at least `story_terms` distinct terms, the item is the lexical matcher's first and the model's nearest
    too, its fused score reaches `story_fused` and leads the next by `story_lead`, and the asking sentence
    holds no word the knowledge base never writes."""
    return terms >= settings.story_terms and lexical_first and model_first and not novel_question \
        and fused >= settings.story_fused and lead >= settings.story_lead

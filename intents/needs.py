"""The kind of service a question asks for, and the kinds each program offers (intents/lexicon/needs.yaml).

People describe their situation, not the program: `가공 불량이 자꾸 나서 골치인데 전문가가 와서 봐줄수 있나`. Most
of its words are words no item writes, so every item explains little of it and the matcher fell back, though
its first candidate was the on-site mentoring program, whose summary says it connects a company with an expert.
What relates the two is the kind of service: the question asks for an expert to come and look, and the program
says it offers exactly that. Both sides are read with the same lexicon of service kinds:

- a question *asks* for a kind where it holds one of the kind's everyday phrasings (`asks_ko`, spaces ignored;
  `asks_en`, whole words);
- a program *offers* a kind where its name, aliases, summary or support text (what it gives, not who may apply
  or how) holds one of the kind's offer words (`offers_ko`, `offers_en`).

The evidence is used where the topic words alone were too thin (intents/matcher.py `_needs`, intents/relevance.py):
a fallback whose first candidate offers what is asked is offered as a suggestion, and a program that is the only one
among the first candidates offering it may be answered. Nothing here names an item: it reads any knowledge base of
this format.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable, Sequence

import yaml

from intents.analyzer import normalize
from intents.decision import Candidate, Decision
from knowledge.model import KnowledgeBase, Program

NEEDS_FILE = Path(__file__).resolve().parent / "lexicon" / "needs.yaml"


@dataclass(frozen=True)
class Kind:
    """One kind of service: how people ask for it, and how a program says it offers it."""

    asks_ko: tuple[str, ...]
    asks_en: tuple[str, ...]
    offers_ko: tuple[str, ...]
    offers_en: tuple[str, ...]


def load_kinds(path: Path = NEEDS_FILE) -> dict[str, Kind]:
    with path.open(encoding="utf-8") as handle:
        raw = (yaml.safe_load(handle) or {}).get("needs") or {}

    def korean(words: Iterable[object]) -> tuple[str, ...]:
        return tuple(c for c in (normalize(str(w)).replace(" ", "") for w in words or ()) if c)

    def english(words: Iterable[object]) -> tuple[str, ...]:
        return tuple(f" {normalize(str(w))} " for w in words or () if str(w).strip())

    return {str(name): Kind(korean(spec.get("asks_ko")), english(spec.get("asks_en")),
                            korean(spec.get("offers_ko")), english(spec.get("offers_en")))
            for name, spec in raw.items()}


@dataclass(frozen=True)
class Referred:
    """A person's matter another body serves (needs.yaml `referred`): how people ask for it, and the words by which
    a referral, or a program of the agency's own, says it serves it."""

    asks_ko: tuple[str, ...]
    asks_en: tuple[str, ...]
    # Alternatives, each of groups of (Korean, English) phrases: a phrase of every group of one, anywhere in the question.
    together: tuple[tuple[tuple[tuple[str, ...], tuple[str, ...]], ...], ...]
    unless_ko: tuple[str, ...]  # who asks for another body's service (직원 교육: a company's)
    unless_en: tuple[str, ...]
    offers: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]  # tiers of (Korean, English) words in a referral
    programs_offer: tuple[tuple[str, ...], tuple[str, ...]]  # a program writing one serves it itself
    phrases: tuple[str, ...] = ()  # every asking phrase as written (the words the matter explains)

    def asked(self, text: str) -> bool:
        return self.asked_in(_read(text))

    def asked_in(self, read: tuple[str, str]) -> bool:
        """`asked` of a text read once (`_read`): every message is read for every matter."""
        if _found(read, self.unless_ko, self.unless_en):
            return False
        return _found(read, self.asks_ko, self.asks_en) \
            or any(all(_found(read, *group) for group in groups) for groups in self.together)


def _korean(words: Iterable[object]) -> tuple[str, ...]:
    return tuple(c for c in (normalize(str(w)).replace(" ", "") for w in words or ()) if c)


def _english(words: Iterable[object]) -> tuple[str, ...]:
    return tuple(f" {normalize(str(w))} " for w in words or () if str(w).strip())


def _split(words: Iterable[object]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """One list of words (Korean or English) as its Korean entries (spaces ignored) and its Latin ones (whole
    words)."""
    latin = [w for w in words or () if str(w).isascii()]
    return _korean(w for w in words or () if not str(w).isascii()), _english(latin)


def load_referred(path: Path = NEEDS_FILE) -> dict[str, Referred]:
    with path.open(encoding="utf-8") as handle:
        raw = (yaml.safe_load(handle) or {}).get("referred") or {}
    return {str(name): Referred(
        _korean(spec.get("asks_ko")), _english(spec.get("asks_en")),
        tuple(tuple(_split(group) for group in groups) for groups in spec.get("together") or ()),
        _korean(spec.get("unless_ko")), _english(spec.get("unless_en")),
        tuple(_split(tier) for tier in spec.get("offers") or ()), _split(spec.get("programs_offer")),
        tuple(str(p) for p in (*(spec.get("asks_ko") or ()), *(spec.get("asks_en") or ()),
                               *(w for groups in spec.get("together") or () for group in groups for w in group))))
        for name, spec in raw.items()}


def _holds(text: str, korean: Sequence[str], english: Sequence[str]) -> bool:
    """Whether `text` holds one of the Korean phrases (spaces ignored) or the English ones (whole words)."""
    return _found(_read(text), korean, english)


def _read(text: str) -> tuple[str, str]:
    """A text as the phrases are looked for in it: without spaces, and padded with spaces."""
    normalized = normalize(text)
    return normalized.replace(" ", ""), f" {normalized} "


def _found(read: tuple[str, str], korean: Sequence[str], english: Sequence[str]) -> bool:
    compact, padded = read
    return any(k in compact for k in korean) or any(e in padded for e in english)


def offer_texts(program: Program) -> list[str]:
    """What a program says it gives: its names, aliases, summary and support text, in every language."""
    support = program.aspect("support")
    return [*(v for _, v in program.name.values), *program.aliases, *(v for _, v in program.summary.values),
            *((v for _, v in support.values) if support is not None else ())]


class Needs:
    """Built once per knowledge base; `asked`, `offers` and `serves` are pure."""

    def __init__(self, kb: KnowledgeBase, kinds: dict[str, Kind] | None = None,
                 referred: dict[str, Referred] | None = None) -> None:
        self.kinds = load_kinds() if kinds is None else kinds
        self.referred = load_referred() if referred is None else referred
        # Matter -> the one referral serving it (the first tier of its words any referral writes, held by one).
        self._referral: dict[str, str] = {}
        phrasings = {r.id: [*(v for _, v in r.name.values), *r.aliases, *r.questions] for r in kb.referrals}
        for name, matter in self.referred.items():
            for korean, english in matter.offers:
                serving = [rid for rid, texts in phrasings.items() if any(_holds(t, korean, english) for t in texts)]
                if serving:
                    if len(serving) == 1:
                        self._referral[name] = serving[0]
                    break
        self._serves_itself = {p.id: frozenset(name for name, matter in self.referred.items()
                                               if any(_holds(t, *matter.programs_offer) for t in offer_texts(p)))
                               for p in kb.programs}
        self._offers = {p.id: frozenset(name for name, kind in self.kinds.items()
                                        if any(_holds(t, kind.offers_ko, kind.offers_en) for t in offer_texts(p)))
                        for p in kb.programs}
        self._programs = frozenset(p.id for p in kb.programs)
        # An FAQ about programs is about what they give (`programs:`): beside one of them it is a rival, not noise.
        for faq in kb.faqs:
            self._offers[faq.id] = frozenset().union(*(self._offers.get(p, frozenset()) for p in faq.programs))

    def asked(self, text: str) -> frozenset[str]:
        """The kinds of service a question asks for in everyday words."""
        return frozenset(name for name, kind in self.kinds.items() if _holds(text, kind.asks_ko, kind.asks_en))

    def offers(self, item_id: str) -> frozenset[str]:
        """The kinds of service a program offers, or the programs an FAQ is about (nothing for a referral or an
        intent)."""
        return self._offers.get(item_id, frozenset())

    def serves(self, item_id: str, asked: frozenset[str]) -> bool:
        """Whether the program offers a kind of service the question asks for."""
        return bool(asked) and not asked.isdisjoint(self.offers(item_id))

    def sole(self, item_ids: Sequence[str], asked: frozenset[str]) -> str | None:
        """The one item of `item_ids` that offers what is asked, where exactly one does."""
        serving = [i for i in dict.fromkeys(item_ids) if self.serves(i, asked)]
        return serving[0] if len(serving) == 1 else None

    def review(self, decision: Decision, text: str, related: Callable[[str], bool]) -> Decision:
        """A fallback whose first candidate is a program offering the kind of service the question asks for, and
        related to it by a word of its own too (`related`: intents/relevance.py, without the need), offered as a
        suggestion: the question's own words were too many and too new for the topic scores, but it asks for what
        that program gives (`... 전문가가 와서 봐줄수 있나` and on-site mentoring). The need alone is no evidence
        of a topic: `가전제품이 고장났는데 고쳐 줄 사람` asks for a repairer, and shares no word with the program."""
        if decision.kind != "fallback" or decision.area is not None or not decision.candidates:
            return decision
        first = decision.candidates[0]
        if first.score <= 0 or not self.serves(first.id, self.asked(text)) or not related(first.id):
            return decision
        return replace(decision, kind="suggest")

    def answer(self, decision: Decision, text: str, related: Callable[[str], bool]) -> Decision:
        """Suggestions whose first is the only program among them offering what the question asks for, and related
        to it by a word of its own too, answered with that program: the need tells it from its neighbours where
        the topic words did not."""
        if decision.kind != "suggest" or decision.area is not None:
            return decision
        offered = [c.id for c in decision.candidates[:3] if c.score > 0]
        if not offered or offered[0] not in self._programs or self.sole(offered, self.asked(text)) != offered[0] \
                or not related(offered[0]):
            return decision
        return replace(decision, kind="answer", id=offered[0])

    def matter_asked(self, text: str) -> str | None:
        """The matter another body serves the question asks for (whether or not the knowledge base refers it)."""
        read = _read(text)
        return next((name for name, matter in self.referred.items() if matter.asked_in(read)), None)

    def referred_to(self, text: str) -> tuple[str, str] | None:
        """The matter another body serves the question asks for, and the referral serving it, where the knowledge
        base has one."""
        for name, matter in self.referred.items():
            if name in self._referral and matter.asked(text):
                return name, self._referral[name]
        return None

    def phrases(self, matter: str) -> tuple[str, ...]:
        """Every phrase by which a question asks for the matter (for the words it explains, intents/matcher.py)."""
        return self.referred[matter].phrases

    def refer(self, decision: Decision, text: str, related: Callable[[str], bool],
              own_words: Callable[[str, str], bool]) -> Decision:
        """A question asking in everyday words for a person's matter another body serves (`회사 잘리고 용접
        배워보고 싶은데`, `월급을 못 받았어요`), answered with the referral serving it: its scheme's or body's name is
        what the asker does not know. Where the matcher had no answer, or answered (or offers first) an item that
        shares no word with the question but the matter's own (`own_words(item, matter)` false: an old course for
        job seekers answered `국비로 코딩 배우고 싶어요` through 배우고 alone). Not where a program among the
        candidates is related to the question by a word of its own and says it serves the matter itself (a free
        welding course for job seekers): the agency's own program comes first, as a referral never outranks one.
        Where no referral serves the matter, such an answer becomes the fallback."""
        if decision.area is not None:
            return decision
        matter = self.matter_asked(text)
        if matter is None:
            return decision
        referral = self._referral.get(matter)
        first = decision.id if decision.kind == "answer" else \
            decision.candidates[0].id if decision.kind == "suggest" and decision.candidates else None
        if first is not None and first == referral:
            # Offered first already (`실직했는데 직업훈련 받을 수 있는 곳`): the matter says it is the one.
            return decision if decision.kind == "answer" else replace(decision, kind="answer", id=referral, aspect=None)
        if first is not None and own_words(first, matter):
            return decision  # what the matcher answered or offers first is related by a word of its own
        if referral is None:
            # No referral serves it here: an answer sharing only the matter's words (`my boss has not paid me` and
            # the agency head's card, through boss) is no answer. Suggestions are left to the relevance rules.
            return replace(decision, kind="fallback", id=None, aspect=None) if decision.kind == "answer" else decision
        if any(matter in self._serves_itself.get(c.id, frozenset()) and related(c.id)
               for c in decision.candidates[:3] if c.score > 0):
            return decision
        rest = tuple(c for c in decision.candidates if c.id != referral)
        score = max(decision.score, decision.candidates[0].score if decision.candidates else 0.0)
        return replace(decision, kind="answer", id=referral, aspect=None, score=score,
                       candidates=(Candidate(referral, "referral", score), *rest)[:3])

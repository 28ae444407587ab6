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
from intents.decision import Decision
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


def _holds(text: str, korean: Sequence[str], english: Sequence[str]) -> bool:
    """Whether `text` holds one of the Korean phrases (spaces ignored) or the English ones (whole words)."""
    normalized = normalize(text)
    compact = normalized.replace(" ", "")
    padded = f" {normalized} "
    return any(k in compact for k in korean) or any(e in padded for e in english)


def offer_texts(program: Program) -> list[str]:
    """What a program says it gives: its names, aliases, summary and support text, in every language."""
    support = program.aspect("support")
    return [*(v for _, v in program.name.values), *program.aliases, *(v for _, v in program.summary.values),
            *((v for _, v in support.values) if support is not None else ())]


class Needs:
    """Built once per knowledge base; `asked`, `offers` and `serves` are pure."""

    def __init__(self, kb: KnowledgeBase, kinds: dict[str, Kind] | None = None) -> None:
        self.kinds = load_kinds() if kinds is None else kinds
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

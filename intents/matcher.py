"""match(text) -> Decision: which program, FAQ or intent a message is about, and how sure we are.

How a message is scored against an item (a program, FAQ or intent):
- coverage: the share of what the message is about (its terms, weighted by rarity) that the item's
  names, aliases and questions explain; words only in its summary or answer count half. A word the
  knowledge base never uses counts fully against every item, so `수소차 구매 보조금` does not look like
  a question about refuelling stations just because it shares `수소`.
- phrasing: the best weighted overlap (Dice) between the message and any one of the item's phrasings.
score = 100 * (share * coverage + (1 - share) * phrasing). The best item is answered outright only when it
scores high enough, covers enough of the question (more of a short one than of a long message) and of its
topic (aspect cues aside), and leads the next item by a margin that grows with the topic it leaves
unexplained; otherwise up to three candidates are suggested, or nothing (fallback). README "Matching" has
the whole story; the numbers are in intents/lexicon/matcher.yaml.

The candidate index is inverted (term -> items), so only items sharing a term with the message are scored.
"""
from __future__ import annotations

import functools
import heapq
import math
from collections import defaultdict
from dataclasses import dataclass

from intents.analyzer import UNKNOWN_PREFIX, Analysis, Analyzer, normalize
from intents.decision import Candidate, Decision
from intents.lexicon import Lexicon, load_lexicon
from knowledge.model import Faq, Intent, Item, KnowledgeBase, Program

WEAK = 0.5  # credit for a term found only in an item's summary or answer
CACHE_SIZE = 4096  # decisions remembered for repeated questions
CACHED_TEXT = 500  # longer messages are rarely repeated word for word: not cached
SHORTLIST = 30  # items scored in full after the inverted index has ranked them by coverage
COMMON_POSTINGS = 500  # a term in more items than this (and a tenth of all) is not walked for candidates


@dataclass(frozen=True)
class _Entry:
    item: Item
    strong: frozenset[str]
    weak: frozenset[str]
    phrasings: tuple[frozenset[str], ...]


@dataclass(frozen=True)
class Ranked:
    item: Item
    score: float  # 0..100
    coverage: float  # 0..1: share of the message's weight this item explains
    topic_coverage: float = 1.0  # 0..1: the same, counting only what the message is about (no cues)
    exact: bool = False  # the message is one of the item's phrasings, word for word


class Matcher:
    """Built once per knowledge base; `match` is pure and never raises on any text."""

    def __init__(self, kb: KnowledgeBase, lexicon: Lexicon | None = None, *, cache_size: int = CACHE_SIZE) -> None:
        self.kb = kb
        self.lexicon = lexicon or load_lexicon()
        self.settings = self.lexicon.settings
        self.analyzer = Analyzer(self.lexicon)
        texts = {item.id: _texts_of(item) for item in kb.items()}  # id -> (strong, weak) texts
        self._learn_vocabulary(texts)
        self.entries = [self._entry(item, *texts[item.id]) for item in kb.items()]
        self._weigh_terms()
        self.cue_terms = self._cue_terms()
        self.cue_aspects = self._cue_aspects()
        cue = self.settings.aspect_cue_weight
        # Each phrasing with its own weight, so that scoring a message only adds up what it shares.
        self.phrasings: list[tuple[tuple[frozenset[str], float], ...]] = [
            tuple((p, sum(self.idf.get(t, 0.0) * (cue if t in self.cue_terms else 1.0) for t in p))
                  for p in entry.phrasings)
            for entry in self.entries]
        # A message typed exactly as one of an item's phrasings needs no scoring.
        self.exact: dict[str, set[int]] = defaultdict(set)
        for index, entry in enumerate(self.entries):
            for text in texts[entry.item.id][0]:
                self.exact[_compact(text)].add(index)
        self._cached_match = functools.lru_cache(maxsize=cache_size)(self._match)

    def _learn_vocabulary(self, texts: dict[str, tuple[list[str], list[str]]]) -> None:
        self.analyzer.learn(t for strong, _ in texts.values() for t in strong)
        self.analyzer.learn((t for _, weak in texts.values() for t in weak), correct_to=False)
        # Aspect cues and question words are words of every knowledge base, written or not.
        self.analyzer.learn(self._cue_texts(), correct_to=False)
        self.analyzer.finish()
        for program in self.kb.programs:
            for phrase in (*(name for _, name in program.name.values), *program.aliases):
                self.analyzer.learn_phrase_initials(phrase)
        for intent in self.kb.intents:
            for example in intent.examples:
                self.analyzer.learn_phrase_initials(example)

    def _entry(self, item: Item, strong_texts: list[str], weak_texts: list[str]) -> _Entry:
        phrasings = tuple(p for p in (frozenset(self._terms(t)) for t in strong_texts) if p)
        strong = frozenset().union(*phrasings) if phrasings else frozenset()
        weak = frozenset(t for text in weak_texts for t in self._terms(text)) - strong
        return _Entry(item, strong, weak, phrasings)

    def _weigh_terms(self) -> None:
        """The inverted index (term -> items, with credit) and each term's rarity (IDF)."""
        df: dict[str, int] = defaultdict(int)
        self.postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for index, entry in enumerate(self.entries):
            for terms, credit in ((entry.strong, 1.0), (entry.weak, WEAK)):
                for term in terms:
                    df[term] += 1
                    self.postings[term].append((index, credit))
        n = max(len(self.entries), 1)
        self.idf = {term: math.log(1 + n / count) for term, count in df.items()}
        # A word found only in descriptions (never in a name, alias or question) is weaker evidence of
        # what a question is about: descriptions are full of ordinary verbs and adjectives.
        strong_terms = frozenset().union(*(e.strong for e in self.entries)) if self.entries else frozenset()
        self.descriptive = frozenset(self.idf) - strong_terms
        self.unknown_idf = math.log(1 + n / 0.5) * self.settings.unknown_weight

    # ---- public ----------------------------------------------------------------------------------

    def match(self, text: str, lang: str | None = None) -> Decision:
        """Decide what `text` is about. `lang` only sets Decision.lang when given."""
        text = text if isinstance(text, str) else str(text)
        if len(text) > CACHED_TEXT:
            return self._match(text, lang)
        # The same few questions come again and again; a Decision is immutable, so repeats are free.
        return self._cached_match(text, lang)

    # ---- internals -------------------------------------------------------------------------------

    def _match(self, text: str, lang: str | None) -> Decision:
        analysis = self.analyzer.analyze(text)
        lang = lang or analysis.lang
        ranked = self.rank(analysis)
        if not ranked:
            return Decision("fallback", lang=lang)
        best = ranked[0]
        runner_up = ranked[1].score if len(ranked) > 1 else 0.0
        candidates = tuple(Candidate(r.item.id, r.item.kind, round(r.score, 1))
                           for r in ranked[: self.settings.max_candidates])
        aspect = self._aspect(analysis.normalized, analysis.terms) if isinstance(best.item, Program) else None
        kind = self._decide(best, runner_up, len(set(analysis.terms)))
        return Decision(kind, best.item.id if kind == "answer" else None, aspect if kind != "fallback" else None,
                        round(best.score, 1), candidates, lang)

    def _decide(self, best: "Ranked", runner_up: float, n_terms: int) -> str:
        s = self.settings
        # Every word of a short question is chosen on purpose; a long message carries a story
        # around its question, so it may leave more words unexplained.
        coverage = s.answer_coverage if n_terms <= s.short_terms else s.answer_coverage_long
        # The less of the question the best item explains, the clearer its lead must be: two items that
        # each explain a different half of a question are a tie, whatever their scores.
        margin = s.answer_margin + s.margin_per_uncovered * (1 - best.topic_coverage)
        if best.exact or (best.score >= s.answer_score and best.score - runner_up >= margin
                          and best.coverage >= coverage and best.topic_coverage >= s.answer_topic_coverage):
            return "answer"
        return "suggest" if best.score >= s.suggest_score else "fallback"

    def rank(self, analysis: Analysis) -> list["Ranked"]:
        """Items that share a term with the message, best first (at most SHORTLIST)."""
        exact = self.exact.get(analysis.normalized.replace(" ", ""), set())
        if len(exact) == 1:
            return [Ranked(self.entries[next(iter(exact))].item, 100.0, 1.0, 1.0, exact=True)]
        weights = self._weights(analysis.terms)
        weights = {t: w for t, w in weights.items() if w > 0}
        total = sum(weights.values())
        if total <= 0:
            return []
        topic_total = sum(w for t, w in weights.items() if t not in self.cue_terms)
        no_topic = not any(t in self.idf for t in weights if t not in self.cue_terms)
        share = self.settings.coverage_share
        ranked: list[Ranked] = []
        # Only "how/when/who" words and nothing about which program: no program can be meant, though a
        # general FAQ (how to apply, deadlines) or an intent still can.
        for index in self._candidates(weights, programs=not no_topic):
            entry = self.entries[index]
            covered = topic = 0.0
            for term, weight in weights.items():
                credit = 1.0 if term in entry.strong else WEAK if term in entry.weak else 0.0
                covered += weight * credit
                if term not in self.cue_terms:
                    topic += weight * credit
            coverage = covered / total
            phrasing = max((_dice(weights, total, p, own) for p, own in self.phrasings[index]), default=0.0)
            ranked.append(Ranked(entry.item, 100 * (share * coverage + (1 - share) * phrasing), coverage,
                                 topic / topic_total if topic_total else 1.0))
        ranked.sort(key=lambda r: (-r.score, r.item.id))
        return ranked

    def _candidates(self, weights: dict[str, float], *, programs: bool = True) -> list[int]:
        """Items worth scoring in full: the best by how much of the message they cover.

        Only rare terms are walked through the inverted index: a word in every tenth item (지원, 신청)
        says little about which item is meant, and walking its postings is what would make a large
        knowledge base slow. Common terms still count in each shortlisted item's full score.
        """
        common = max(COMMON_POSTINGS, len(self.entries) // 10)
        rare = {t: w for t, w in weights.items() if len(self.postings.get(t, ())) <= common}
        covered: dict[int, float] = defaultdict(float)
        for term, weight in (rare or weights).items():
            for index, credit in self.postings.get(term, ()):
                covered[index] += weight * credit
        if not programs:
            covered = {i: v for i, v in covered.items() if not isinstance(self.entries[i].item, Program)}
        return heapq.nlargest(SHORTLIST, covered, key=covered.__getitem__)

    def _terms(self, text: str) -> list[str]:
        return [t for t in self.analyzer.analyze(text).terms if not t.startswith(UNKNOWN_PREFIX)]

    def _weights(self, terms: tuple[str, ...]) -> dict[str, float]:
        weights: dict[str, float] = {}
        # In a long message most unknown words tell the story around the question, not the question.
        unknown = self.unknown_idf * (self.settings.unknown_weight_long / self.settings.unknown_weight
                                      if len(set(terms)) > self.settings.short_terms else 1.0)
        for term in terms:
            if term.startswith(UNKNOWN_PREFIX):
                weight = unknown
            elif term in self.cue_terms:
                # How a question is asked counts only where some item is asked that way.
                weight = self.idf.get(term, 0.0) * self.settings.aspect_cue_weight
            else:
                weight = self.idf.get(term, self.unknown_idf)
                if term in self.descriptive:
                    weight *= WEAK
            weights[term] = max(weights.get(term, 0.0), weight)
        return weights

    def _cue_texts(self) -> list[str]:
        cues = [c for group in self.lexicon.aspect_cues_ko.values() for c in group]
        cues += [c.strip() for group in self.lexicon.aspect_cues_en.values() for c in group]
        return cues + list(self.lexicon.light_words)

    def _cue_aspects(self) -> dict[str, str]:
        """A cue word's term -> its aspect, where the term belongs to one aspect only (신청 -> apply)."""
        by_term: dict[str, set[str]] = defaultdict(set)
        for aspect, cues in self.lexicon.aspect_cues_ko.items():
            for cue in (*cues, *(c.strip() for c in self.lexicon.aspect_cues_en.get(aspect, ()))):
                for term in self.analyzer.analyze(cue).terms:
                    by_term[term].add(aspect)
        return {t: next(iter(a)) for t, a in by_term.items() if len(a) == 1 and not t.startswith(UNKNOWN_PREFIX)}

    def _cue_terms(self) -> frozenset[str]:
        return frozenset(t for cue in self._cue_texts() for t in self.analyzer.analyze(cue).terms
                         if not t.startswith(UNKNOWN_PREFIX))

    def _aspect(self, normalized: str, terms: tuple[str, ...] = ()) -> str | None:
        compact = normalized.replace(" ", "")
        padded = f" {normalized} "
        best: tuple[int, str] | None = None
        for order, aspect in enumerate(self.lexicon.aspect_cues_ko):
            length = max((len(c) for c in self.lexicon.aspect_cues_ko[aspect] if c in compact), default=0)
            length = max(length, max((len(c) - 2 for c in self.lexicon.aspect_cues_en.get(aspect, ())
                                      if c in padded), default=0))
            if length and (best is None or length > best[0]):
                best = (length, aspect)
        if best:
            return best[1]
        # No cue as typed; a misspelt one (신텅 for 신청) may still have been corrected in analysis.
        return next((self.cue_aspects[t] for t in terms if t in self.cue_aspects), None) if terms else None


def _dice(weights: dict[str, float], total: float, phrasing: frozenset[str], own: float) -> float:
    """Weighted Dice overlap of a message (term weights summing to `total`) and one phrasing."""
    common = phrasing.intersection(weights)  # a set operation, in C: phrasings are scored by the hundred
    if not common:
        return 0.0
    return 2 * sum(weights[t] for t in common) / (total + own)


def _compact(text: str) -> str:
    return normalize(text).replace(" ", "")


def _texts_of(item: Item) -> tuple[list[str], list[str]]:
    """(strong, weak) texts of an item: what names it and how people ask; what merely describes it."""
    if isinstance(item, Program):
        strong = [*(v for _, v in item.name.values), *item.aliases, *item.questions]
        weak = [v for _, v in item.summary.values]
        return strong, weak
    if isinstance(item, Faq):
        return list(item.questions), [v for _, v in item.answer.values]
    if isinstance(item, Intent):
        return list(item.examples), []
    return [], []


__all__ = ["Matcher", "Decision", "Candidate", "normalize"]

"""Choosing between neighbouring items: what a question asks for weighs more than who asks it, and a thin
lead is checked with the semantic signal before it is answered outright.

Two general causes of wrong picks between neighbours, both fixed here with language data
(intents/lexicon/ranking.yaml), never with a rule that names an item:

- **Context words outweigh the topic.** `직원 20명 자동차부품 만드는데 수출 지원 받을 수 있나요` asks for export
  support; the clause before `...는데` and the number say who asks. A word found only in such a context
  clause, a number and the unit after it, and words that describe the asker's size or role count less
  (`TermRoles.factors`), so that the asked-for topic decides between items that each share one word.
- **A thin lead is a guess.** Two items that explain the question about equally (`멘토 하려면 어떻게 해요`:
  the mentoring program or becoming a mentor) are told apart by one incidental word. Where the lexical
  lead over the runner-up is thin, the model's similarity of each to the question is consulted
  (`doubtful`): where it prefers the runner-up, the matcher asks (suggestions) rather than answer a coin
  toss.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

import yaml

from intents.analyzer import UNKNOWN_PREFIX
from intents.lexicon import checked_numbers

RANKING_FILE = Path(__file__).resolve().parent / "lexicon" / "ranking.yaml"


@dataclass(frozen=True)
class RankingData:
    """The language data and numbers of ranking.yaml."""

    context_ends: tuple[str, ...] = ()  # endings of a Korean word that closes a context clause (...는데)
    topic_marks: tuple[str, ...] = ()  # ...unless the word holds one of these (싶은데, 하려는데: the topic)
    context_openers_en: tuple[str, ...] = ()  # "i run", "we are": an English clause about the asker
    clause_breaks_en: tuple[str, ...] = ()  # where such a clause ends
    units: frozenset[str] = frozenset()  # 대, 살, 세, 년: the unit after a number
    asker_words: frozenset[str] = frozenset()  # small, 소규모, 영세: the asker's size or role
    request_words: frozenset[str] = frozenset()  # 도와주, help: asking for help names no topic
    sectors: tuple[str, ...] = ()  # 방산, 항공, 수소: industries that qualify a program (intents/specialised.py)
    context_factor: float = 0.5
    number_factor: float = 0.3
    asker_factor: float = 0.5
    name_bonus: float = 10.0
    thin_margin: float = 15.0
    doubt_cosine: float = 0.012
    characteristic_share: float = 0.5
    characteristic_spread: float = 0.15
    general_near: float = 0.7


def load_ranking(path: Path = RANKING_FILE) -> RankingData:
    with path.open(encoding="utf-8") as handle:
        raw = yaml.safe_load(handle) or {}
    numbers = checked_numbers(RankingData, raw.get("numbers") or {}, path)

    def words(key: str) -> tuple[str, ...]:
        return tuple(str(w).lower() for w in raw.get(key) or ())

    return RankingData(
        context_ends=words("context_ends_ko"),
        topic_marks=words("topic_marks_ko"),
        context_openers_en=tuple(f"{w} " for w in words("context_openers_en")),
        clause_breaks_en=words("clause_breaks_en"),
        units=frozenset(words("units")),
        asker_words=frozenset(words("asker_words")),
        request_words=frozenset(words("request_words")),
        sectors=words("sectors"),
        **numbers,
    )


Analyse = Callable[[str], Iterable[str]]  # text -> its known terms


class TermRoles:
    """Which terms of a message say who asks (context) rather than what is asked (topic)."""

    def __init__(self, data: RankingData, analyse: Analyse, canonical: Callable[[str], str]) -> None:
        self.data = data
        self._analyse = analyse
        self.asker_terms = frozenset(canonical(w) for w in data.asker_words)
        self.units = frozenset(canonical(w) for w in data.units)
        self.requests = frozenset(canonical(w) for w in data.request_words)

    def context_clause(self, normalized: str) -> tuple[str, str]:
        """(context, rest) of a message: the words up to the last Korean word closing a clause about the
        asker (`자동차부품 만드는데`, `20대인데`, `창업한 지 2년 됐는데`), or an English clause opening with
        `i run`, `we are`... up to its break; ("", message) when there is none. A clause of wanting or
        intending (`하고 싶은데`, `하려는데`) is the topic itself, not context."""
        tokens = normalized.split()
        cut = -1
        for index, token in enumerate(tokens[:-1]):
            if token.endswith(self.data.context_ends) and not any(m in token for m in self.data.topic_marks):
                cut = index
        if cut >= 0:
            return " ".join(tokens[: cut + 1]), " ".join(tokens[cut + 1:])
        padded = f" {normalized} "
        for opener in self.data.context_openers_en:
            start = padded.find(f" {opener}")
            if start < 0:
                continue
            body = padded[start:].split()
            end = next((i for i, w in enumerate(body) if i > len(opener.split()) and w in self.data.clause_breaks_en),
                       None)
            if end is None:
                continue
            context = " ".join(body[:end])
            rest = (padded[:start] + " " + " ".join(body[end + 1:])).strip()
            return context, rest
        return "", normalized

    def factors(self, normalized: str, terms: tuple[str, ...], topic: Callable[[str], bool],
                known: Callable[[str], bool]) -> dict[str, float]:
        """Term -> the factor its weight is multiplied by (terms not listed keep theirs).

        A number with a unit of age or size (55살, 20대, 30명) and a number the knowledge base never uses
        (I'm 55) say who asks; a known number alone (2년, 3회) may be what an item is about and keeps its
        weight. `topic(term)`: whether a term names a topic (not a cue, question word or generic word).
        Context counts less only where the rest of the message names a topic of its own: `창업한 지 2년
        됐는데 받을 수 있는 지원 있어요?` has no other topic than its context, which then decides as before."""
        out: dict[str, float] = {}
        for index, term in enumerate(terms):
            if term.isdigit():
                following = terms[index + 1] if index + 1 < len(terms) else ""
                # A unit the knowledge base never writes is still a unit (50대도 -> 50, ?대).
                if following.lstrip(UNKNOWN_PREFIX) in self.units:
                    out[term] = out[following] = self.data.number_factor
                elif not known(term):
                    out[term] = self.data.number_factor
            elif term in self.asker_terms:
                out[term] = self.data.asker_factor
        context, rest = self.context_clause(normalized)
        if context:
            rest_terms = set(self._analyse(rest))
            if any(topic(t) and not t.isdigit() and t not in self.requests for t in rest_terms):
                for term in set(self._analyse(context)) - rest_terms:
                    out[term] = min(out.get(term, 1.0), self.data.context_factor)
        return out


def distinctive_names(names: dict[str, set[str]], most: int = 2) -> dict[str, frozenset[str]]:
    """Item id -> the words of its names and aliases that at most `most` programs' names hold: what tells
    it from its neighbours by name (a word in many names, such as 청년 or 기업, does not)."""
    counts: dict[str, int] = {}
    for terms in names.values():
        for term in terms:
            counts[term] = counts.get(term, 0) + 1
    return {item: frozenset(t for t in terms if counts[t] <= most) for item, terms in names.items()}


def unnamed_tie(data: RankingData, lead: float, best_topic: float, runner_topic: float, named: bool) -> bool:
    """Whether an answer is a guess between neighbours: the runner-up explains as much of the question's
    topic, the best leads only thinly (on phrasing), and the question holds no word that tells the best item
    from others by name (`named`, see distinctive_names): `수소 특화단지 어디에 생겨요` explains the station
    program as much as the complex one, through other words, and names nothing of the stations. Then the
    matcher asks which one is meant rather than answer a coin toss."""
    return not named and lead <= data.thin_margin and runner_topic >= best_topic - 1e-9


def mentioned(compact: str, names: list[tuple[str, int]]) -> set[int]:
    """Entries whose name or alias the message holds as typed (spaces removed), the longest mention only:
    `수출상담회 담당 부서` names the export consultation program though its words (수출, 상담) are common;
    `글로벌 강소기업` names the global program, not the 강소기업 one it contains."""
    found = [(name, index) for name, index in names if name in compact]
    return {index for name, index in found
            if not any(len(other) > len(name) and name in other for other, _ in found)}


def doubtful(data: RankingData, best_score: float, runner_score: float, best_cosine: float,
             runner_cosine: float) -> bool:
    """Whether a lexical answer should become suggestions: it led the runner-up by a thin margin
    (`thin_margin` score points or less) and the model finds the runner-up at least `doubt_cosine` more
    similar to the question. The runner-up is not answered instead: the model alone ranks items less
    well than the lexical matcher does (docs/matching.md), it only casts doubt."""
    return best_score - runner_score <= data.thin_margin and runner_cosine - best_cosine >= data.doubt_cosine

"""Sibling programs: an answer the question does not tell from its runner-up is offered beside it, not alone.

Knowledge bases hold programs that are kinds of the same thing, written nearly alike: a region-led youth-jobs
program and an aerospace youth-jobs program share the wage subsidy, the transport allowance and the amounts. A
broad question that both fit (`청년 채용 시 인건비 지원을 받을 수 있는 사업이 있습니까?`) is won by whichever has
more phrasings that happen to share its words, or by an incidental word of its body (시, 'when', against 시·군):
the asker, a shipbuilder, got the aerospace program alone. What would tell the two apart is a word of the one's
own (항공), which the question does not say.

So an answer is a *guess between siblings* where the first program the decision ranks after it:

- is a program too, scored at least `near` of the answer's score (the two are close in the matcher's eyes),
- writes every distinctive word of the question that the answer writes (intents/relevance.py `distinctive`:
  words of the knowledge base that are no question word, no aspect cue, no word a third of the programs
  write, no number and no one-syllable leftover), and at least one such word,
- and the question holds no word of the answer's own name or aliases that the runner-up never writes.

Such an answer becomes suggestions (the two first): asking costs one tap, a confident wrong answer costs the
asker's trust. Where the program answered just before in the chat is one of the two, the follow-up stays on it
(`채용된 청년에게 주는 혜택도 있습니까` right after the region-led program). Nothing here names an item or a
word of one: it reads the knowledge base's own texts, and the one figure (`near`) lives in
intents/lexicon/siblings.yaml.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import re

import yaml

from intents.analyzer import Analysis
from intents.decision import Decision
from intents.ranking import mentioned
from knowledge.model import Program

if TYPE_CHECKING:
    from intents.matcher import Matcher

_HANGUL = re.compile(r"[가-힣]")
SIBLINGS_FILE = Path(__file__).resolve().parent / "lexicon" / "siblings.yaml"


def load_near(path: Path = SIBLINGS_FILE) -> float:
    with path.open(encoding="utf-8") as handle:
        return float((yaml.safe_load(handle) or {}).get("near", 0.8))


class Siblings:
    """Built once per matcher; `review` is pure."""

    def __init__(self, matcher: "Matcher", near: float | None = None) -> None:
        self.matcher = matcher
        self.near = load_near() if near is None else near
        # A program's own naming words: the terms of its names and aliases.
        self.names = {p.id: frozenset(matcher._name_terms(p)) for p in matcher.kb.programs}
        # What each program is named, asked and summed up by, per language: an English name's words fold into
        # Korean terms (Pilot -> 실증) and would make a Korean question's word the runner-up's when no Korean text
        # of it writes the word.
        self.writes: dict[tuple[str, bool], frozenset[str]] = {}
        self.phrased: dict[tuple[str, bool], frozenset[str]] = {}  # the same without the summary
        for p in matcher.kb.programs:
            # Names and summaries by their language key (an English summary may quote a Korean name); aliases and
            # questions by their script.
            texts = [*((v, lang == "en") for lang, v in (*p.name.values, *p.summary.values)),
                     *((v, _HANGUL.search(v) is None) for v in (*p.aliases, *p.questions))]
            for latin in (False, True):
                self.writes[p.id, latin] = frozenset(t for text, english in texts if english == latin
                                                     for t in matcher._terms(text))
                self.phrased[p.id, latin] = frozenset(t for text, english in texts[:len(p.name.values)] + texts[
                    len(p.name.values) + len(p.summary.values):] if english == latin for t in matcher._terms(text))

    def tied(self, decision: Decision, analysis: Analysis, last: str | None = None, text: str = "") -> str | None:
        """The runner-up program the question does not tell the answer from, or None. The program answered just
        before (`last`) is a runner-up among the next two candidates whatever its score: the chat speaks for it.
        `text`: the message; an answer offering the kind of service it asks for (intents/needs.py: someone who
        comes to look, 와서 봐줄) where the runner-up offers none of it is told apart by that."""
        m = self.matcher
        best = m.kb.get(decision.id or "")
        if decision.kind != "answer" or decision.area is not None or not isinstance(best, Program) \
                or decision.score >= 100 or not decision.candidates or decision.candidates[0].id != best.id \
                or best.id == last:
            return None
        following = [c for c in decision.candidates[1:3] if c.id != best.id and isinstance(m.kb.get(c.id), Program)]
        rival = next((c for c in following if c.id == last), None) or next(
            (c for c in following[:1] if c.score >= self.near * decision.candidates[0].score), None)
        if rival is None:
            return None
        asked = m.needs.asked(text) if text else frozenset()
        if m.needs.serves(best.id, asked) and not m.needs.serves(rival.id, asked):
            return None  # the question asks for a service the answer gives and the runner-up does not
        if m.index_of[best.id] in mentioned(analysis.normalized.replace(" ", ""), m.names):
            return None  # its name or an alias typed: no guess
        words = m.relevance.distinctive(analysis)
        theirs = self._words(self.writes, rival.id, analysis.lang)
        shared = words & m._writes(best.id)
        if not shared or not shared <= theirs:
            return None  # a word of the question only the answer writes tells it apart
        said = frozenset(analysis.terms)
        # The question names the answer by a word of its own name that no name or question of the runner-up
        # writes (실증, though the runner-up's summary writes 시범사업); where the runner-up is the program just
        # answered, the chat speaks for it, and a word anywhere in its text is its own too (채용).
        named = theirs if rival.id == last else self._words(self.phrased, rival.id, analysis.lang)
        if (self.names.get(best.id, frozenset()) & said) - named:
            return None
        if not m.characteristic.get(best.id, frozenset()) - said - theirs:
            return None  # nothing characterises the answer that the question leaves unsaid: no kind of it
        return rival.id

    @staticmethod
    def _words(words: dict[tuple[str, bool], frozenset[str]], item_id: str, lang: str) -> frozenset[str]:
        """A program's words for a question in `lang`: a Korean question reads its Korean texts (an English name's
        Pilot is no 실증 to it); an English one reads all, since English words fold into the Korean terms and a
        knowledge base's English texts are thinner."""
        korean = words.get((item_id, False), frozenset())
        return korean | words.get((item_id, True), frozenset()) if lang == "en" else korean

    def review(self, decision: Decision, analysis: Analysis, last: str | None = None, text: str = "") -> Decision:
        """An answer that is a guess between siblings, as suggestions; the one just answered, where it is one
        of them and the answer is not already it."""
        rival = self.tied(decision, analysis, last, text)
        if rival is None:
            return decision
        if last is not None and last == rival:
            return replace(decision, id=rival, candidates=(
                *(c for c in decision.candidates if c.id == rival), *(c for c in decision.candidates if c.id != rival)))
        return replace(decision, kind="suggest", id=None)

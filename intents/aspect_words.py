"""The lexical signal for aspects: which of the chosen program's own sections writes the question's word.

Used where no cue word says which aspect is asked (intents/aspects.py found none) and the model did not say
either (intents/aspect_texts.py; lexical mode, or a lexical answer sure enough that the model never read the
question). A question about a program often names a detail in the asker's words that only one part of the
program's text writes: `비행기 값` in a trade mission whose support text names the flights, `사업계획서` in the
apply text, `매출` in the eligibility text. The question's words that name the program itself (its names,
aliases and questions: what chose it) say nothing of the part asked and are left out; so are numbers, places,
units, cue and generic words (intents/body.py `plain_term`), what every text of a program shares.

The rule: each remaining word written by exactly one section of the program (its summary or one aspect) votes
for that section; an aspect is asked only where every vote is for that one aspect. A word in the summary, or
in two sections, says the question is about the program as a whole, or cannot tell: no aspect.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Mapping

from intents.analyzer import UNKNOWN_PREFIX
from knowledge.model import KnowledgeBase

SUMMARY = ""  # the summary's section name among a program's sections


@dataclass(frozen=True)
class AspectWords:
    """Program id -> {term: the one section that writes it} (terms written by several sections left out)."""

    owners: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    @classmethod
    def build(cls, kb: KnowledgeBase, analyse: Callable[[str], Iterable[str]],
              plain: Callable[[str], bool]) -> "AspectWords":
        """`analyse`: the matcher's analyser (text -> terms); `plain`: a term that says nothing of a topic."""
        owners: dict[str, dict[str, str]] = {}
        for program in kb.programs:
            if not program.aspects:
                continue
            sections: dict[str, set[str]] = {}
            for name, text in ((SUMMARY, program.summary), *program.aspects.items()):
                # One letter (의, 만: an ending's or a particle's leftover) tells no part from another.
                sections[name] = {t for _, value in text.values for t in analyse(value)
                                  if len(t.removeprefix(UNKNOWN_PREFIX)) >= 2 and not plain(t)}
            seen: dict[str, set[str]] = {}
            for name, terms in sections.items():
                for term in terms:
                    seen.setdefault(term, set()).add(name)
            owners[program.id] = {term: next(iter(names)) for term, names in seen.items() if len(names) == 1}
        return cls(owners)

    def asked(self, program_id: str, terms: Iterable[str]) -> str | None:
        """The aspect whose text alone writes the question's words (`terms`: its topic words less the program's
        own), or None: no such word, one in the summary, or words of two sections."""
        owned = self.owners.get(program_id)
        if not owned:
            return None
        votes = {owned[t] for t in terms if t in owned}
        if len(votes) != 1:
            return None
        (section,) = votes
        return section or None

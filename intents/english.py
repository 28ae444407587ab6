"""English as people type it, brought to the words the lexicon knows (intents/lexicon/english.yaml).

Two gaps made English questions miss items whose Korean text says the same thing:
- Meaning spread over several words (`lost my job`, `how do I get to your building`, `trade show`): the
  analyser reads one word at a time, so `phrases` rewrites such a phrase into the word of the concept
  (구직, 위치, 전시회) before the words are read. Knowledge texts go through the same rewrite, so an
  English question and an English item text still meet.
- Word forms the light stemmer gets wrong or cannot know (`textiles` -> textil, `bought`, `exhibiting` kept
  whole because a knowledge text happens to use it): `lemmas` lists the plausible base forms of a word, and
  the analyser takes the first one the synonym groups know, so every form of `exhibit` means 전시회.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Mapping

from intents.lexicon import LEXICON_DIR, read_yaml


@dataclass(frozen=True)
class English:
    phrases: Mapping[str, str] = field(default_factory=dict)  # "lost my job" -> "구직"
    forms: Mapping[str, str] = field(default_factory=dict)  # "bought" -> "buy"
    dictionary: tuple[tuple[str, ...], ...] = ()  # groups, each led by its Korean word
    _pattern: re.Pattern[str] | None = None

    @classmethod
    def load(cls, folder: Path = LEXICON_DIR) -> "English":
        path = folder / "english.yaml"
        data = read_yaml(path) if path.exists() else {}
        phrases: dict[str, str] = {}
        for target, said in (data.get("phrases") or {}).items():
            for phrase in said or []:
                phrases.setdefault(" ".join(str(phrase).lower().replace("'", "").split()), str(target))
        forms = {str(k).lower(): str(v).lower() for k, v in (data.get("forms") or {}).items()}
        dictionary = tuple(tuple(str(w).lower() for w in group) for group in data.get("dictionary") or [] if group)
        pattern = None
        if phrases:  # longest first, so that "lost my job" wins over "my job"
            alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
            pattern = re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])")
        return cls(phrases, forms, dictionary, pattern)

    def groups_for(self, known: set[str]) -> Iterator[tuple[str, ...]]:
        """The dictionary groups a knowledge base uses: one of their words is among its `known` words, or a
        Korean word of two or more syllables is part of one (로봇 in 협동로봇)."""
        korean = [w for w in known if not w.isascii()]
        for group in self.dictionary:
            if any(word in known for word in group) or any(
                    len(word) >= 2 and any(word in k for k in korean) for word in group if not word.isascii()):
                yield group

    def rewrite(self, normalized: str) -> str:
        """Each known phrase of a normalised text replaced by the word of its concept, padded with spaces
        so it stays a word of its own."""
        if self._pattern is None or not _has_latin(normalized):
            return normalized
        return " ".join(self._pattern.sub(lambda m: f" {self.phrases[m.group(0)]} ", normalized).split())

    def lemmas(self, word: str) -> Iterator[str]:
        """The word, then the base forms it may have, likeliest first (textiles: textile, textil; exhibiting:
        exhibit, exhibite; studies: study). Only candidates: the caller keeps the first one it knows."""
        yield word
        if word in self.forms:
            yield self.forms[word]
        n = len(word)
        if n > 4 and word.endswith("ies"):
            yield word[:-3] + "y"
        if n > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
            yield word[:-1]
            if n > 4 and word.endswith("es"):
                yield word[:-2]
        if n > 5 and word.endswith("ing"):
            yield word[:-3]
            yield word[:-3] + "e"
        if n > 4 and word.endswith("ed"):
            yield word[:-2]
            yield word[:-1]
            if n > 5 and word.endswith("ied"):
                yield word[:-3] + "y"
            if word[-3] == word[-4]:  # planned -> plan
                yield word[:-3]
        if n > 4 and word.endswith("er") and not word.endswith("eer"):
            yield word[:-2]  # exporter -> export: the synonym groups list the thing, not the doer
        if n > 4 and word.endswith("ly"):
            yield word[:-2]


def _has_latin(text: str) -> bool:
    return any("a" <= ch <= "z" for ch in text)

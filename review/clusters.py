"""Grouping similar questions (pure): what staff read in `enquiries unanswered` and /stats.

Korean questions about one thing differ mostly in particles, endings and spacing (청창사 언제 모집해요 /
청창사는 언제 모집하나요), so texts are compared without spaces or punctuation, character by character
(rapidfuzz's normalised Indel similarity), and also word by word in sorted order for languages that move
words around (where is the hydrogen station / hydrogen station where); the better score counts. Greedy:
questions are taken most frequent first; each joins the group of the most similar question seen so far, if
any is above the threshold, or starts its own.

Comparing each wording with every earlier one is quadratic: 3,000 distinct wordings took 2.8 s, on the
event loop when /stats asks. So only the GROUP_LIMIT most frequent distinct wordings are grouped (500:
about 0.1 s); the rarer rest, each asked no more often than those, is counted as "other".
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

_NOT_WORD = re.compile(r"[^\w]+")


def normalise(text: str) -> str:
    """Lower-case, NFKC, punctuation turned into single spaces: the form questions are compared in."""
    return " ".join(_NOT_WORD.sub(" ", unicodedata.normalize("NFKC", text).casefold().replace("_", " ")).split())


@dataclass(frozen=True)
class Group:
    text: str                       # the group's most frequent wording
    count: int                      # how many messages fall in it
    examples: tuple[str, ...]       # distinct wordings, most frequent first

    def as_dict(self) -> dict[str, object]:
        return {"text": self.text, "count": self.count, "examples": list(self.examples)}


GROUP_LIMIT = 500  # distinct wordings compared with each other; see the module's docstring


@dataclass(frozen=True)
class Grouping:
    groups: list[Group]             # biggest first
    other: int = 0                  # messages whose wording was beyond the limit, left ungrouped
    other_wordings: int = 0         # how many distinct wordings those were


def group_similar(texts: Iterable[str], *, threshold: float = 72.0, min_length: int = 4,
                  limit: int | None = GROUP_LIMIT) -> list[Group]:
    """The groups of group_questions() (without the count of what was left ungrouped)."""
    return group_questions(texts, threshold=threshold, min_length=min_length, limit=limit).groups


def group_questions(texts: Iterable[str], *, threshold: float = 72.0, min_length: int = 4,
                    limit: int | None = GROUP_LIMIT, keep_wordless: bool = False) -> Grouping:
    """Group texts by similarity, biggest group first (ties: first seen).

    Texts whose normalised form is shorter than `min_length` only group with identical ones: for a
    two-syllable question one different syllable is a different question. Only the `limit` most frequent
    distinct wordings are grouped (None: all of them, in quadratic time); the rest is counted as other.
    Texts without a word (only emoji or punctuation) are dropped, unless `keep_wordless`: a review that
    counts every unanswered question lists them too, each wording its own group.
    """
    wordings: dict[str, Counter[str]] = {}     # by the form without spaces
    spaced: dict[str, str] = {}
    for text in texts:
        text = " ".join(text.split())
        words = normalise(text)
        if not words and keep_wordless:
            words = unicodedata.normalize("NFKC", text).casefold()  # 🤔💰?, ????: the wording itself
        key = words.replace(" ", "")
        if key:
            wordings.setdefault(key, Counter())[text] += 1
            spaced.setdefault(key, words)
    keys = sorted(wordings, key=lambda k: -sum(wordings[k].values()))
    rest = keys[limit:] if limit is not None else []
    keys = keys[:limit] if limit is not None else keys

    # Every text seen so far, and the group it went to: a text joins the group of its most similar
    # predecessor (single linkage), so a chain of small variations stays together in any order.
    seen: list[str] = []
    seen_spaced: list[str] = []
    group_of: list[int] = []
    members: list[list[str]] = []
    for key in keys:
        best: tuple[float, int] | None = None
        if len(key) >= min_length and seen:
            by_chars = process.extractOne(key, seen, scorer=fuzz.ratio, score_cutoff=threshold, processor=None)
            by_words = process.extractOne(spaced[key], seen_spaced, scorer=fuzz.token_sort_ratio,
                                          score_cutoff=threshold, processor=None)
            for found in (by_chars, by_words):
                if found is not None and len(seen[found[2]]) >= min_length:
                    if best is None or found[1] > best[0]:
                        best = (found[1], found[2])
        if best is not None:
            group = group_of[best[1]]
            members[group].append(key)
        else:
            group = len(members)
            members.append([key])
        seen.append(key)
        seen_spaced.append(spaced[key])
        group_of.append(group)

    groups = []
    for keys_in_group in members:
        counts: Counter[str] = Counter()
        for key in keys_in_group:
            counts.update(wordings[key])
        ranked = [text for text, _ in counts.most_common()]
        groups.append(Group(text=ranked[0], count=sum(counts.values()), examples=tuple(ranked)))
    groups.sort(key=lambda g: -g.count)  # stable: equal counts keep the order they were found in
    return Grouping(groups, other=sum(sum(wordings[k].values()) for k in rest), other_wordings=len(rest))

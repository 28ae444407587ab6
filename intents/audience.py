"""Who a question is for, and whether it is a shopper's: two ways an out-of-scope question shares a word
with an item yet asks for something else (intents/scope.py uses them; docs/matching.md "Near misses").

- *Audience.* `노인 일자리`, `어린이 바다 체험 교실`, `job programs for retired people` ask for a service for a
  group of people (seniors, children, the disabled, young families, soldiers) that another body runs. The
  question shares 일자리 or 체험 with an item, but an item that never writes any word of the group does not
  serve it. A group word counts only where it says who the thing is *for*: bare before what it modifies
  (노인 일자리, 노인일자리), with 용/전용/대상 or `~을 위한`, or after `for` in English. Where it says who is
  asking (`노인인데`, `제 아이가`), it does not.
- *Consumer.* `할인 쿠폰`, `티켓 예매`, `tickets` make a question a shopper's or a spectator's; an item that
  never writes the word does not answer it.

The groups and cues are language data (intents/lexicon/scope.yaml); nothing here names a program.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable, Mapping

from intents.analyzer import normalize

if TYPE_CHECKING:
    from intents.scope import ScopeWords

_LATIN_WORD = re.compile(r"[a-z]+")
_FOR_SUFFIXES = ("용", "전용", "대상", "들")  # 노인용, 어린이 전용, 노인대상, 어르신들 일자리
_FOR_OBJECT = ("을", "를", "들을")  # 노인을 위한 ...
_FOR_VERB = ("위한", "위해")
_EN_FOR_WINDOW = 3  # `for (the) (new) moms`: `for` at most this many words before the group word
_KO_MODIFIED_WINDOW = 2  # 어린이 바다 체험 교실: the known word it modifies may come after another one


class Audience:
    """Built once per knowledge base from each item's texts; the question checks are pure."""

    def __init__(self, texts: Mapping[str, list[str]], words: "ScopeWords", known: Callable[[str], bool]) -> None:
        """`texts`: every text of each item; `words`: the groups and cues (intents/lexicon/scope.yaml);
        `known(token)`: whether a token of a question holds a word the knowledge base writes (what a group
        word modifies)."""
        self.groups = {g: tuple(w for w in ws if w) for g, ws in words.audiences.items()}
        self.cues_ko = words.consumer_cues_ko
        self.cues_en = words.consumer_cues_en
        self.known = known
        self._compact: dict[str, str] = {}
        self._english: dict[str, frozenset[str]] = {}
        for item_id, item_texts in texts.items():
            normalized = [normalize(t) for t in item_texts]
            self._compact[item_id] = "\n".join(t.replace(" ", "") for t in normalized)
            self._english[item_id] = frozenset(w for t in normalized for w in _LATIN_WORD.findall(t))
        covering = {g: (*ws, *words.audiences_also.get(g, ())) for g, ws in self.groups.items()}
        self._covers = {item_id: frozenset(self.groups) if any(self._writes(item_id, w) for w in words.audiences_all)
                        else frozenset(g for g, ws in covering.items() if any(self._writes(item_id, w) for w in ws))
                        for item_id in texts}

    def serves(self, item_id: str, word: str) -> bool:
        """Whether `word` names a group the item serves (노인, where the item writes 고령자)."""
        word = word.lower()
        return any(word in self.groups[g] for g in self._covers.get(item_id, frozenset()))

    def writes(self, item_id: str, word: str) -> bool:
        """Whether an item writes `word` anywhere (Korean: even inside a compound; English: as a word)."""
        return self._writes(item_id, word)

    def _writes(self, item_id: str, word: str) -> bool:
        if word.isascii():
            return word in self._english.get(item_id, frozenset())
        return word in self._compact.get(item_id, "")

    # ---- the question ---------------------------------------------------------------------------

    def named(self, normalized: str) -> frozenset[str]:
        """The groups a question names as who the thing it asks about is for."""
        tokens = normalized.split()
        found: set[str] = set()
        for group, words in self.groups.items():
            for index, token in enumerate(tokens):
                if any(self._names_for(tokens, index, token, w) for w in words):
                    found.add(group)
                    break
        return frozenset(found)

    def _names_for(self, tokens: list[str], index: int, token: str, word: str) -> bool:
        if word.isascii():
            return token == word and self._english_for(tokens, index)
        if not token.startswith(word):
            return False
        rest = token[len(word):]
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        modified = tokens[index + 1: index + 1 + _KO_MODIFIED_WINDOW]
        if rest in _FOR_SUFFIXES:
            return rest != "들" or any(self.known(t) for t in modified)
        if rest == "":
            # 노인 일자리, 어린이 바다 체험: a word it modifies is one the knowledge base writes
            return any(self.known(t) for t in modified)
        if rest in _FOR_OBJECT:
            return following.startswith(_FOR_VERB)  # 노인을 위한 교육
        return self.known(rest)  # 노인일자리: written solid

    def _english_for(self, tokens: list[str], index: int) -> bool:
        before = tokens[max(0, index - _EN_FOR_WINDOW): index]
        if "for" in before:
            return True  # camp for kids, programs for retired people
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        return bool(following) and self.known(following)  # senior jobs, kids camp

    def cues(self, normalized: str) -> tuple[str, ...]:
        """The shopper's or spectator's words a question uses (할인, 예매, tickets)."""
        compact = normalized.replace(" ", "")
        found = [c for c in self.cues_ko if c in compact]
        found += [w for w in _LATIN_WORD.findall(normalized) if w in self.cues_en]
        return tuple(found)

    def uncovered(self, groups: frozenset[str], cues: tuple[str, ...], item_id: str) -> str | None:
        """"audience" when the item serves none of a group the question is for, "consumer" when it never
        writes a shopper's word the question uses; None otherwise."""
        if groups - self._covers.get(item_id, frozenset()):
            return "audience"
        if any(not self._writes(item_id, cue) for cue in cues):
            return "consumer"
        return None

"""Words of a name are not the topic they spell: an everyday word of a question that an item writes only
inside a proper name, or only inside a compound where it has another sense, is weak evidence for it.

General causes of confident wrong answers, found with new users (docs/matching.md, "Words inside
names"), each fixed from the knowledge base's own structure or from language data, never by naming an item:

- **Another body's name.** A referral's name is an organisation's name: 경남**투자**경제진흥원, "National Tax
  Service and your local tax **office**". Its words say who the body is, not what it does for the asker;
  what it does is in its questions and aliases. A word of a referral's name that none of its questions or
  other aliases write, and that another item writes as its own word (투자 for a venture fund, 사무실 for
  office space), counts as the referral's *weak* word (like its answer's words), so `투자 규모는 어느 정도예요`
  is not sent to the investment agency. A word no other item writes (고용노동부) still names that body alone.
- **A word with another sense inside a compound** (`intents/lexicon/names.yaml` `compound_senses`). 대표 alone
  is the head of a company or team (`대표 1명만 되나요`); at the head of 대표번호, 대표전화 it means "main".
  An item that writes such a word only inside compounds is credited with it fully only where the question
  writes it inside a compound too, or says one of the compound's other words (대표 연락처: 연락처 is 번호's
  sense); else the word counts as weak for that item.
- **The agency's own name written solid** (창원산업진흥원, read as 창원 + 산업 + 진흥원). Its FAQs write 산업 and 창원
  only inside it: there they name the agency, alone (`산업 인력`, `창원 기업`) they are a topic and a place of
  the asker's. The words before the name's head are bound inside the name like `compound_senses` (the head,
  진흥원, is how people name the agency and stays free).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Mapping

import yaml

from intents.analyzer import UNKNOWN_PREFIX, normalize

NAMES_FILE = Path(__file__).resolve().parent / "lexicon" / "names.yaml"

Terms = Callable[[str], list[str]]  # text -> its known terms


@dataclass(frozen=True)
class NameData:
    """The language data of names.yaml."""

    compound_senses: frozenset[str] = frozenset()  # words whose sense inside a compound differs (대표)


def load_names(path: Path = NAMES_FILE) -> NameData:
    with path.open(encoding="utf-8") as handle:
        raw = yaml.safe_load(handle) or {}
    return NameData(compound_senses=frozenset(str(w).lower() for w in raw.get("compound_senses") or ()))


def name_only(names: Iterable[str], others: Iterable[str], terms: Terms, owned_elsewhere: Callable[[str], bool],
              ) -> frozenset[str]:
    """The words of a body's `names` (ko, en) that its `others` (questions, aliases other than its names)
    never write and another item writes as its own (`owned_elsewhere`): the name's words, not its topic.
    A name that is one word (경남투자경제진흥원, read whole) is the body itself and keeps it."""
    names = list(names)
    said = {t for text in others for t in terms(text)}
    out: set[str] = set()
    for name in names:
        words = terms(name)
        if len(words) < 2:
            continue
        out |= {t for t in words if t not in said and owned_elsewhere(t)}
    return frozenset(out)


def bound_words(texts: Iterable[str], terms: Terms, senses: frozenset[str],
                binds: Callable[[str], bool] = lambda token: True) -> dict[str, frozenset[str]]:
    """Word -> its partners, for each word of `senses` that `texts` write only inside compounds (대표번호:
    {대표: {번호's term}}), never as a word of its own. `binds`: which compounds (as typed) bind (all)."""
    free: set[str] = set()
    partners: dict[str, set[str]] = {}
    for text in texts:
        for token in normalize(text).split():
            found = [t for t in terms(token) if not t.startswith(UNKNOWN_PREFIX)]
            for term in found:
                if term not in senses:
                    continue
                if len(found) == 1 or not binds(token):
                    free.add(term)
                else:
                    partners.setdefault(term, set()).update(t for t in found if t != term)
    return {t: frozenset(p) for t, p in partners.items() if t not in free}


def loose(normalized: str, message_terms: Iterable[str], terms: Terms, senses: frozenset[str]) -> frozenset[str]:
    """The words of `senses` a message writes on their own (대표 1명만), not inside a compound (대표번호)."""
    wanted = senses.intersection(message_terms)
    if not wanted:
        return frozenset()
    inside = {t for token in normalize(normalized).split() for t in _compound(terms(token)) if t in wanted}
    return frozenset(wanted - inside)


def _compound(found: list[str]) -> list[str]:
    known = [t for t in found if not t.startswith(UNKNOWN_PREFIX)]
    return known if len(known) > 1 else []


def weak_bound(term: str, bound: Mapping[str, frozenset[str]], message_terms: frozenset[str]) -> bool:
    """Whether an item's `term`, written by it only inside compounds (`bound`), is said alone in a message
    that holds none of the compound's other words: it then counts as a weak word of that item."""
    partners = bound.get(term)
    return partners is not None and partners.isdisjoint(message_terms)


def agency_modifiers(names: Iterable[str], terms: Terms) -> dict[str, frozenset[str]]:
    """The agency's names written solid (창원산업진흥원) -> the words before their head (창원, 산업): inside the
    name they name the agency, alone they are a place and a topic of their own (bound_words, `binds` the name)."""
    out: dict[str, frozenset[str]] = {}
    for name in names:
        for token in normalize(name).split():
            found = terms(token)
            if len(found) > 1:
                out[token] = frozenset(found[:-1])
    return out


def agency_bound(texts: list[str], terms: Terms, agency: Mapping[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    """bound_words for the words of the agency's solid names (agency_modifiers), bound only inside those names."""
    out: dict[str, frozenset[str]] = {}
    for name, words in agency.items():
        out.update(bound_words(texts, terms, words, _within(name)))
    return out


def _within(name: str) -> Callable[[str], bool]:
    """Whether a token as typed holds `name`."""
    return lambda token: name in token

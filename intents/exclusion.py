""""X 말고 Y", "Y, not X": the part of a message that is asked, and the words of what it rules out.

Korean puts the marker after what is ruled out (`방산 말고 일반 전시회`, `청년일자리말고 중장년`), English before
it (`not the defense one`, `other than export`). The markers are language data (words.yaml: exclude_after,
exclude_before). What is ruled out is a topic that names items; two kinds of X name none and rule out
nothing, so the message is then read whole:
- a place (`창원 말고 김해 사는데도 신청돼요?` asks whether living elsewhere is allowed; places.yaml);
- only aspect cues or generic words (`신청 말고 자격은?`, `지원 말고`): how a thing is asked, not which thing.
An English marker that opens a phrase of intents/lexicon/english.yaml (`not registered yet`, `not start yet`:
no company yet) says what the asker is, not what is ruled out: no exclusion.

Two more readings (intents/lexicon/exclusion.yaml):
- X is the agency itself, whoever the message is written to (`진흥원 거 말고 경남도 해외지사화는요`, `여기 말고`):
  the agency's own items are ruled out and other bodies' (referrals) are left (AGENCY);
- X is a condition the asker does not meet (`제조업 아니어도 지원 받을 수 있음?`, `we are not a manufacturer`):
  nothing is ruled out, but X says who asks, not what is asked, so its words are not matched (`lacked`).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from intents.analyzer import UNKNOWN_PREFIX, normalize
from intents.english import English
from intents.lexicon import LEXICON_DIR, Lexicon, read_yaml

AGENCY = "@agency"  # what `진흥원 말고`, `여기 말고` rule out: the agency's own items

# What may follow a place name in one word: 김해시, 김해에서, 김해쪽, 김해지역.
_PLACE_TAILS = frozenset({"", "시", "군", "구", "도", "에", "에서", "시에", "시에서", "군에", "쪽", "지역", "권", "은",
                          "는", "이", "가", "시는", "에는", "이랑", "랑", "city"})
_CLAUSE_END = re.compile(r"[,.?!]|\b(but|and)\b")


@dataclass(frozen=True)
class Split:
    kept: str  # the message without what is ruled out and without the marker: what is asked
    excluded: str  # what is ruled out, as typed
    clause: str = ""  # the whole clause it stands in (Korean: before the marker), for `진흥원에서 하는 거 말고`


@dataclass(frozen=True)
class Grammar:
    """intents/lexicon/exclusion.yaml: words pointing at the agency, and the markers of a condition lacked."""
    agency_pointers: frozenset[str] = frozenset()  # spaces removed, lower case
    more_after_ko: tuple[str, ...] = ()  # more Korean markers of what is ruled out (말고도, 빼구)
    lacked_after_ko: tuple[str, ...] = ()
    lacked_before_en: tuple[str, ...] = ()
    lacked_end_en: frozenset[str] = frozenset()

    @classmethod
    def load(cls, path: Path = LEXICON_DIR / "exclusion.yaml") -> "Grammar":
        data = read_yaml(path) if path.exists() else {}
        pointers = data.get("agency_pointers") or {}
        return cls(
            more_after_ko=tuple(str(w) for w in data.get("more_after_ko") or []),
            agency_pointers=frozenset(str(w).lower().replace(" ", "") for words in pointers.values() for w in words or []),
            lacked_after_ko=tuple(sorted((str(w) for w in data.get("lacked_after_ko") or []), key=len, reverse=True)),
            lacked_before_en=tuple(sorted((str(w).lower() for w in data.get("lacked_before_en") or []), key=len,
                                          reverse=True)),
            lacked_end_en=frozenset(str(w).lower() for w in data.get("lacked_end_en") or []))

    def lacked_pattern(self) -> "re.Pattern[str] | None":
        """`제조업 아니어도`, `제조업이아니어도`: the word before a Korean marker; `we are not a manufacturer`: the
        words after an English one up to the clause's end or the question it leads to."""
        parts = []
        if self.lacked_after_ko:
            after = "|".join(re.escape(w) for w in self.lacked_after_ko)
            # The word starts where a word starts: a run of text is not tried from each of its letters.
            parts.append(rf"(?<![^\s,.?!])(?P<ko>[^\s,.?!]+?)\s*(?:{after})(?=\s|$|[,.?!~])")
        if self.lacked_before_en:
            before = "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in self.lacked_before_en)
            parts.append(rf"\b(?:{before})\b(?P<en>[^,.?!]*)")
        return re.compile("|".join(parts), re.IGNORECASE) if parts else None

    def points_at_agency(self, words: Iterable[str]) -> bool:
        return any(w.lower() in self.agency_pointers for w in words)


def lacked(text: str, pattern: "re.Pattern[str] | None", ends: frozenset[str]) -> list[tuple[str, tuple[int, int]]]:
    """Each condition the asker says they lack: (its words as typed, the span to take out of the text).
    English: the words after the marker up to one of `ends` (`can`, `but`) or the clause's end."""
    found: list[tuple[str, tuple[int, int]]] = []
    for match in pattern.finditer(text) if pattern is not None else ():
        if match.group("ko") is not None:
            found.append((match.group("ko"), match.span()))
            continue
        words = match.group("en").split()
        cut = next((i for i, w in enumerate(words) if w.lower() in ends), len(words))
        if not words[:cut]:
            continue
        tail = " ".join(words[:cut])
        end = text.index(tail, match.start("en")) + len(tail) if tail in text[match.start("en"):] else match.end()
        found.append((tail, (match.start(), end)))
    return found


def without(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """`text` with the spans taken out (each replaced by one space)."""
    out, at = [], 0
    for start, end in sorted(spans):
        out.append(text[at:start])
        at = end
    out.append(text[at:])
    return " ".join("".join(part + " " for part in out).split())


def marker_pattern(lexicon: Lexicon, more_after: Iterable[str] = ()) -> "re.Pattern[str] | None":
    """One pattern for every marker of the lexicon (and `more_after`, Grammar's); None when it has none."""
    after = "|".join(re.escape(w) for w in sorted({*lexicon.exclude_after, *more_after}, key=len, reverse=True))
    before = "|".join(re.escape(w) for w in sorted(lexicon.exclude_before, key=len, reverse=True))
    parts = []
    if after:  # written apart (방산 말고) or solid (청년일자리말고)
        parts.append(rf"(?P<after>(?<=\S)\s*(?:{after})(?=\s|$|[,.?!]))")
    if before:
        parts.append(rf"(?P<before>\b(?:{before})\b)")
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


def split(text: str, pattern: "re.Pattern[str] | None", english: English | None = None) -> Split | None:
    """Where `text` rules something out: what is kept and what is excluded; None without a marker.
    `english`: the English phrases, where the caller has them loaded already (the matcher's analyser)."""
    found = pattern.search(text) if pattern is not None else None
    if not found:
        return None
    if found.group("after"):
        before, kept = text[: found.start()], text[found.end():]
        # Only the words just before the marker, in its clause, are excluded ("수출 지원 중 방산 말고": 방산).
        clause = re.split(r"[,.?!]", before)[-1]
        excluded = " ".join(clause.split()[-2:])
        return Split(kept, excluded, clause)
    rest = text[found.end():]
    if (english or _english()).opens_phrase(normalize(text[found.start():])):
        return None  # `not registered yet` is a state (no company yet), not a thing ruled out
    cut = _CLAUSE_END.search(rest)
    excluded = (rest[: cut.start()] if cut else rest).strip()
    kept = text[: found.start()] + " " + (rest[cut.start():] if cut else "")
    return Split(kept, excluded, excluded)


def names_a_place(excluded: str, places: frozenset[str]) -> bool:
    """Whether a word of `excluded` is a place (김해, 창원시, 김해에서, Gimhae)."""
    return any(_place_word(word, places) for word in normalize(excluded).split())


def without_places(excluded: str, places: frozenset[str]) -> str:
    return " ".join(word for word in normalize(excluded).split() if not _place_word(word, places))


def _place_word(word: str, places: frozenset[str]) -> bool:
    if word in places:
        return True
    return any(word.startswith(place) and word[len(place):] in _PLACE_TAILS
               for place in (word[:n] for n in range(2, len(word))) if place in places)


def ruled_out_terms(terms: Iterable[str], *, ignored: frozenset[str], cues: frozenset[str]) -> list[str]:
    """The terms of what is excluded that name a topic: known words less `ignored` (generic words, question
    words, pointing words); aspect cues stay when they are part of a name (상담 in 수출상담회) but a cue
    alone rules nothing out. Empty: nothing is excluded."""
    kept = [t for t in dict.fromkeys(terms) if not t.startswith(UNKNOWN_PREFIX) and t not in ignored]
    return kept if any(t not in cues for t in kept) else []


@functools.lru_cache(maxsize=1)
def _english() -> English:
    return English.load()


def ruled_out(holders: Sequence[str], terms: Iterable[str], names: Mapping[str, frozenset[str]],
              area_words: Iterable[frozenset[str]], asked: Iterable[str] = ()) -> set[str]:
    """Of the items whose own words hold every excluded term (`holders`), the ones X names: those whose
    names or aliases hold the terms, where any does and X is not an area's word (`로봇 교육 아니고 로봇 체험관`
    rules out the robotics course, not the hall whose questions speak of school classes); an area's word
    (`방산 말고`, `수출 말고`) rules out everything that speaks of it. An item the asked part names as typed
    (`asked`) is never ruled out."""
    wanted = frozenset(terms)
    by_name = [h for h in holders if wanted <= names.get(h, frozenset())]
    broad = any(wanted <= words for words in area_words)
    # An FAQ has no name but its questions; a program or referral that only mentions X in a question is not X.
    chosen = holders if not by_name else by_name + [h for h in holders if h not in names] if broad else by_name
    kept = set(asked)
    return {h for h in chosen if h not in kept}

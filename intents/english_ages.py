"""Ages in English as people write them, read the way the Korean ones are (intents/lexicon/english.yaml `ages`).

    my friend say there is program for under 39 age   -> my friend say there is program for 청년 39
    program for age 19-34 (normalised: age 19 34)      -> program for 청년 34
    I am in my 20s, any job? / im 25yo looking for job  -> any job? / 25 looking for job

- **An age limit or range** (`under 39`, `39 or younger`, `aged 18 to 39`) is how a program's condition is
  written, and in Korea a limit of 39 or lower is the youth one (청년: 청년기본법 19-34, most cities up to 39):
  it reads as the youth word, so `program for under 39 age` meets the youth programs as `청년 프로그램` does.
  The number stays (a knowledge base that writes `만 39세 이하` shares it). A limit above the youth ages
  (`under 50`) names no youth and is left as typed.
- **The asker's own age** (`I am 25 years old`, `25yo`, `25 y/o`, `in my 20s`): who asks, never what is asked.
  The words around the number (`y/o`, `25yo`, `20s`) were unknown words the knowledge base never writes, each
  weighing against every item as a topic would; an own age is read as the number alone (as `I'm 30` always
  was), a decade is taken out. Who asks is still read from the message as typed (knowledge/asker.py).

The same in Korean (`korean`: grammar built from word lists, since Korean glues units, limits and endings to
the number): `만 39세 이하`, `19~34세`, `18세 이상 39세 이하` read as `청년 39` / `청년 34`; the asker's own age
(`만 34세인데`, `25살이에요`, `서른다섯인데`) as the number alone. Before, 세, 살, 만 and 이하 were unknown words
weighing as topics, and a Korean youth limit met the youth programs less than `under 39` did.

Templates are language data with `{n}` (the age), `{m}` (a range's lower end), `{d}` (a decade's first digit)
and `(a|b)` alternatives (intents/english.py spell_out); matched on normalised text as whole words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

MIN_AGE, MAX_AGE = 15, 99  # outside these, not a person's age (2 years old startup, 100 years)


@dataclass(frozen=True)
class AgeReading:
    youth_word: str = ""
    youth_max: int = 0
    youth_min: int = MIN_AGE
    # (compiled template, kind) longest template first; kind: limit, range, own, decade
    patterns: tuple[tuple[re.Pattern[str], str], ...] = ()
    korean: KoreanAges | None = None  # 만 39세 이하, 19~34세, 서른다섯인데

    @classmethod
    def from_data(cls, data: Mapping[str, Any], spell_out: Callable[[str], list[str]]) -> "AgeReading":
        if not data:
            return cls()
        youth = data.get("youth") or {}
        units = sorted((str(u).lower() for u in data.get("units") or ()), key=len, reverse=True)
        glued = sorted((str(u).lower() for u in data.get("glued_units") or ()), key=len, reverse=True)
        number = r"(?P<n>\d{1,2})" + (f"(?:{'|'.join(map(re.escape, glued))})?" if glued else "")
        after = f"(?: (?:{'|'.join(map(re.escape, units))}))?" if units else ""
        templates: list[tuple[str, str]] = []
        for kind in ("limit", "range", "own", "decade"):
            for template in data.get(kind) or ():
                templates.extend((spelt, kind) for spelt in spell_out(str(template)))
        patterns = []
        for spelt, kind in sorted(dict.fromkeys(templates), key=lambda t: -len(t[0])):
            body = re.escape(spelt).replace(r"\{n\}", number + after).replace(r"\{m\}", r"(?P<m>\d{1,2})") \
                .replace(r"\{d\}", r"(?P<d>[1-9])")
            patterns.append((re.compile(rf"(?<!\S){body}(?!\S)"), kind))
        if glued:  # 25yo, 30yrs: an age however it stands
            patterns.append((re.compile(rf"(?<!\S)(?P<n>\d{{1,2}})(?:{'|'.join(map(re.escape, glued))}){after}(?!\S)"),
                             "own"))
        return cls(youth_word=str(youth.get("word") or ""), youth_max=int(youth.get("max") or 0),
                   youth_min=int(youth.get("min") or MIN_AGE),
                   patterns=tuple(patterns), korean=KoreanAges.from_data(data.get("korean") or {}))

    def read(self, normalized: str) -> str:
        """The normalised text with each age written as above; unchanged where it holds none."""
        if self.korean is not None:
            normalized = self.korean.read(normalized, self._limit)
        if not self.patterns or not any(ch.isdigit() for ch in normalized) \
                or not any("a" <= ch <= "z" for ch in normalized):
            return normalized
        found: list[tuple[int, int, str]] = []
        for pattern, kind in self.patterns:
            for match in pattern.finditer(normalized):
                said = self._said(match, kind)
                if said is not None:
                    found.append((match.start(), match.end(), said))
        if not found:
            return normalized
        out, at = [], 0
        for start, end, said in sorted(found, key=lambda f: (f[0], f[0] - f[1])):
            if start < at:
                continue  # inside a longer reading that starts earlier
            out.append(normalized[at:start])
            out.append(said)
            at = end
        out.append(normalized[at:])
        return " ".join("".join(out).split())

    def _said(self, match: re.Match[str], kind: str) -> str | None:
        groups = match.groupdict()
        if kind == "decade":
            return ""
        age = int(groups["n"])
        if not MIN_AGE <= age <= MAX_AGE:
            return None
        if kind == "own":
            return str(age)
        low = int(groups["m"]) if groups.get("m") else None
        if low is not None and not (MIN_AGE <= low < age):
            return None  # not a range of ages (10 to 20 people)
        return self._limit(age, low)

    def _limit(self, age: int, low: int | None) -> str | None:
        """The youth word and the number, for a limit (or a range up to `age`) within the youth ages."""
        if self.youth_word and age <= self.youth_max and (low is None or low >= self.youth_min):
            return f"{self.youth_word} {age}"
        return None  # a limit beyond the youth ages (under 50): left as typed


@dataclass(frozen=True)
class KoreanAges:
    """Korean ages on normalised text (digits stand apart from Hangul: `만 34 세이하`, `19 34 세`).

    A number of 15-99 with an age unit (세, 살), `만` before it optional, a limit word after it optional, and a
    range's lower end before it; or a number said in words (서른다섯, 마흔 살). An ending glued after the age
    (인데, 이에요, 도) goes with it: it only says the age is the asker's."""
    digits: re.Pattern[str] | None = None
    words: re.Pattern[str] | None = None
    tens: Mapping[str, int] = field(default_factory=dict)
    ones: Mapping[str, int] = field(default_factory=dict)
    at_least: frozenset[str] = frozenset()  # 50세 이상: from that age up, no youth limit

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> "KoreanAges | None":
        at_least = frozenset(str(w) for w in data.get("at_least") or ())
        units, limits = _alternation(data.get("units")), _alternation([*(data.get("limit") or ()), *at_least])
        if not units:
            return None
        lower, endings = _alternation(data.get("from")), _alternation(data.get("endings"))
        full = re.escape(str(data.get("full_age") or "만"))
        number = rf"(?:{full} ?)?(?P<{{g}}>\d{{{{1,2}}}})"
        limit = rf"(?: ?(?P<limit>{limits}))?" if limits else ""
        ending = rf"(?:{endings})?" if endings else ""
        low = number.format(g="m") + rf"(?: ?(?:{units}))?" + (rf"(?: ?(?:{lower}))?" if lower else "") + " "
        digits = re.compile(rf"(?<!\S)(?:{low})?{number.format(g='n')} ?(?:{units}){limit}{ending}(?!\S)")
        tens = {str(k): int(v) for k, v in (data.get("tens") or {}).items()}
        ones = {str(k): int(v) for k, v in (data.get("ones") or {}).items()}
        words = None
        if tens:
            ones_alt = _alternation(ones)
            words = re.compile(rf"(?<!\S)(?P<tens>{_alternation(tens)})(?P<ones>{ones_alt})?"
                               rf"(?: ?(?:{units}))?{limit}{ending}(?!\S)" if ones_alt else
                               rf"(?<!\S)(?P<tens>{_alternation(tens)})(?: ?(?:{units}))?{limit}{ending}(?!\S)")
        return cls(digits, words, tens, ones, at_least)

    def read(self, normalized: str, limit: Callable[[int, int | None], str | None]) -> str:
        """Each Korean age as the youth word and the number (a limit or range within the youth ages, by
        `limit`) or the number alone."""
        if self.digits is not None and any(ch.isdigit() for ch in normalized):
            normalized = self.digits.sub(lambda m: self._said(m, limit, int(m["n"])), normalized)
        if self.words is not None and any(word in normalized for word in self.tens):
            normalized = self.words.sub(
                lambda m: self._said(m, limit, self.tens[m["tens"]] + self.ones.get(m["ones"] or "", 0)), normalized)
        return normalized

    def _said(self, match: re.Match[str], limit: Callable[[int, int | None], str | None], age: int) -> str:
        groups = match.groupdict()
        low = int(groups["m"]) if groups.get("m") else None
        if not MIN_AGE <= age <= MAX_AGE or low is not None and not MIN_AGE <= low < age:
            return match.group(0)  # not a person's age (3세 아이), not a range of ages
        if groups.get("limit") and groups["limit"] not in self.at_least or low is not None:
            return limit(age, low) or (f"{low} {age}" if low is not None else str(age))
        return str(age)


def _alternation(words: Any) -> str:
    """A regex alternation of words, longest first (이하 before 이); "" for none."""
    return "|".join(re.escape(w) for w in sorted((str(w) for w in words or ()), key=len, reverse=True))

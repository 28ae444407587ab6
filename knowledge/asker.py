"""Who the asker says they are, read from the question, and whether a program's criteria leave them out.

    52살인데 일자리 매칭 신청할 수 있나요?   -> age 52
    50대도 창업 지원 되나요?                 -> age 50-59
    대학생인데 ..., 저희 회사는 중소기업인데 -> student; sme
    창업 3년차, 직원 30명, I'm 60, in my 50s -> startup 1-3 years; a company of 30; age 60; age 50-59

The words are language data (intents/lexicon/asker.yaml); the judging is knowledge/eligibility.py's
`check_track` with the finder's vocabularies, so a program is judged by its own `criteria:` only. A fact the
question does not state is never assumed: a program "fails" only on what was said (an age past its limit, a
kind of applicant none of the asker's possible kinds matches), and a youth program without an age range, or
an age band that straddles a limit, is "to be checked", never a verdict.

Unlike knowledge/profile_text.py (the finder's reader, which decides whether a question asks "what can I
get?"), this reads every statement about the asker in any question, and nothing about fields, needs or
regions: those name the topic as often as the person.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Literal, Mapping

import yaml

from knowledge.eligibility import AGE_BANDS, WHO, Assessment, Check, Criteria, Profile, check_track
from knowledge.model import Program

ASKER_FILE = Path(__file__).resolve().parent.parent / "intents" / "lexicon" / "asker.yaml"
MIN_AGE, MAX_AGE = 15, 99  # outside these, not a person asking about programs (10살, 100세 시대)
_NO_NOUN_AFTER = r"(?!\s*(?!(?:and|so|but|now|with|years?|yrs?|y/o)\b)[a-z%$\d])"


@dataclass(frozen=True)
class Asker:
    """What the question says about the person asking; empty when it says nothing."""

    who: tuple[str, ...] = ()                     # WHO words, as stated (대학생 -> student)
    age: tuple[int, int | None] | None = None     # inclusive; None at the top: and over
    age_said: str = ""                            # an age band's word as written (중장년); "" for numbers
    years: str | None = None                      # a YEAR_BANDS key (창업 3년차 -> 1-3)
    size: str | None = None                       # a SIZES word said as theirs
    staff: int | None = None                      # 직원 30명: read, not judged
    traits: tuple[str, ...] = ()                  # foreigner, career_break: read, never judged
    spans: tuple[tuple[int, int], ...] = field(default=(), compare=False)  # where in the normalized text

    def __bool__(self) -> bool:
        return bool(self.who or self.age or self.years or self.size or self.staff)

    def age_key(self) -> str | None:
        """The age as eligibility.age_band reads it: "52", "50-59", "40-"."""
        if self.age is None:
            return None
        low, high = self.age
        return str(low) if high == low else f"{low}-{high if high is not None else ''}"

    def finder_profile(self) -> Profile:
        """The finder's answers this question gives (its own bands: an age only where one band holds it)."""
        who = self.who[0] if len(self.who) == 1 else None
        band = None
        if self.age is not None:
            low, high = self.age
            band = next((key for key, (lo, hi) in AGE_BANDS.items()
                         if lo <= low and (hi is None or (high is not None and high <= hi))), None)
        return Profile(who=who, years=self.years if who == "startup" else None,
                       size=self.size if who == "sme" else None, age=band)


Outcome = Literal["fails", "check"]


@dataclass(frozen=True)
class Fit:
    """A program against what the asker said: `fails` (checks: the conditions they do not meet) or
    `check` (checks: the age condition to confirm in the call; empty for a youth program without criteria)."""

    outcome: Outcome
    checks: tuple[Check, ...]


# -- the words ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Words:
    ages: tuple[tuple[re.Pattern[str], str], ...]        # (pattern, how): exact | at_least | decade | words
    age_words: tuple[tuple[re.Pattern[str], int], ...]
    statuses: tuple[tuple[re.Pattern[str], str], ...]
    traits: tuple[tuple[re.Pattern[str], str], ...]
    sizes: tuple[tuple[re.Pattern[str], str], ...]
    staff: tuple[re.Pattern[str], ...]
    years: tuple[tuple[re.Pattern[str], str], ...]      # (pattern, unit): year | ordinal | month
    may_also_be: Mapping[str, tuple[str, ...]]
    people: frozenset[str]
    youth: re.Pattern[str] | None
    after: re.Pattern[str] | None
    youth_surely: tuple[int, int] | None
    parts: Mapping[str, tuple[int, int]]
    tens: Mapping[str, int]
    ones: Mapping[str, int]


def _ko(entry: str) -> str:
    """A Korean entry as a pattern that ignores spaces (창업 준비 = 창업준비)."""
    return r"\s*".join(re.escape(ch) for ch in entry.replace(" ", ""))


def _en(entry: str, number: str = r"(\d{2})") -> str:
    """An English entry as whole words; {n} is a number, {d} a digit, {part} a decade's part."""
    pattern = re.escape(entry.lower()).replace(r"\{n\}", number).replace(r"\{d\}", r"(\d)")
    pattern = pattern.replace(r"\{part\}", "(?P<part>early |mid |mid-|late )?").replace(r"\ ", r"\s+")
    return rf"(?<![\w-]){pattern}(?![\w])"


def _entries(words: Any) -> list[str]:
    return [str(w) for w in (words or []) if str(w).strip()]


def _either(ko: Iterable[str], en: Iterable[str]) -> re.Pattern[str] | None:
    parts = [_ko(w) for w in ko] + [_en(w) for w in en]
    return re.compile("|".join(f"(?:{p})" for p in sorted(parts, key=len, reverse=True))) if parts else None


@lru_cache(maxsize=4)
def _words(path: Path = ASKER_FILE) -> _Words:
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    ages, statuses, company = data.get("ages") or {}, data.get("statuses") or {}, data.get("company") or {}
    units = "|".join(map(re.escape, _entries(ages.get("units_ko"))))
    limit_after = "|".join(_ko(w) if w.strip("~-") else re.escape(w) for w in _entries(ages.get("limit_ko")))
    at_least = "|".join(_ko(w) for w in _entries(ages.get("at_least_ko")))
    decade = re.escape(str(ages.get("decade_ko") or "대"))
    parts_ko = {str(k): (int(v[0]), int(v[1])) for k, v in (ages.get("parts_ko") or {}).items()}
    parts_en = {str(k): (int(v[0]), int(v[1])) for k, v in (ages.get("parts_en") or {}).items()}
    tens = {str(k): int(v) for k, v in (ages.get("tens_ko") or {}).items()}
    ones = {str(k): int(v) for k, v in (ages.get("ones_ko") or {}).items()}
    tail = rf"(?:\s*(?P<limit>{limit_after})|\s*(?P<least>{at_least}))?"
    age_patterns: list[tuple[re.Pattern[str], str]] = [
        (re.compile(rf"(?<!\d)(?:만\s*)?(?P<n>\d{{2}})\s*(?:{units}){tail}"), "exact"),
        (re.compile(rf"(?<![가-힣])(?P<tens>{'|'.join(tens)})\s*(?P<ones>{'|'.join(sorted(ones, key=len, reverse=True))})?"
                    rf"\s*살{tail}"), "exact"),
        (re.compile(rf"(?<!\d)(?P<d>[1-9])0\s*{decade}\s*(?P<part>{'|'.join(parts_ko)})?{tail}"), "decade"),
    ]
    age_nouns = "|".join(_ko(w) for w in _entries(ages.get("nouns_ko")))
    if age_nouns:  # 나이가 58인데, 제 나이는 52예요: the number an age word introduces, unit or not
        particles = "|".join(map(re.escape, _entries(ages.get("noun_particles_ko"))))
        not_after = "|".join(map(re.escape, _entries(ages.get("not_after_ko"))))
        age_patterns.append((re.compile(rf"(?:{age_nouns})\s*(?:{particles})?\s*(?:만\s*)?(?P<n>\d{{2}})(?!\d)"
                                        rf"(?!\s*(?:{not_after}))(?:\s*(?:{units}))?{tail}"), "exact"))
    for form in _entries(ages.get("forms_en")):
        # "i'm 52" but not "i'm 30 minutes away": no word after the number but a joining one.
        age_patterns.append((re.compile(_en(form, r"(?P<n>\d{2})") + _NO_NOUN_AFTER
                                        if form.startswith(("i", "age")) else _en(form, r"(?P<n>\d{2})")), "exact"))
    for form in _entries(ages.get("at_least_en")):
        age_patterns.append((re.compile(_en(form, r"(?P<n>\d{2})")), "at_least"))
    for form in _entries(ages.get("decade_forms_en")):
        age_patterns.append((re.compile(_en(form).replace(r"(\d)", r"(?P<d>[1-9])")), "decade"))
    # One pattern per word, longest first across the groups: 신중년 is read before the 중년 inside it.
    said = [(w, int(group["min"]), ko) for group in ages.get("words") or []
            for ko in (True, False) for w in _entries(group.get("ko" if ko else "en"))]
    age_words = tuple((re.compile(_ko(w) if ko else _en(w)), least)
                      for w, least, ko in sorted(said, key=lambda e: len(e[0].replace(" ", "")), reverse=True))
    endings = "|".join(_ko(w) for w in _entries(statuses.get("self_endings_ko")))
    hired = "|".join(_ko(w) for w in _entries(statuses.get("hired_after_ko")))
    hired_particles = "|".join(map(re.escape, _entries(statuses.get("hired_particles_ko"))))
    not_hired = rf"(?!\s*(?:{hired_particles})?\s*(?:{hired}))" if hired else ""
    status_patterns: list[tuple[re.Pattern[str], str]] = []
    for who in WHO:
        entry = statuses.get(who) or {}
        nouns = _entries((statuses.get("company_nouns_ko") or {}).get(who))
        after = not_hired if who in _entries(statuses.get("hired_kinds")) else ""
        alternatives = [_ko(w) + after for w in _entries(entry.get("ko"))] + [_en(w) for w in _entries(entry.get("en"))]
        alternatives += [rf"(?:{_ko(n)})\s*(?:{endings})" for n in nouns]
        if alternatives:
            status_patterns.append((re.compile("|".join(f"(?:{a})" for a in alternatives)), who))
    traits = tuple((p, str(name)) for name, entry in (statuses.get("traits") or {}).items()
                   if (p := _either(_entries(entry.get("ko")), _entries(entry.get("en")))) is not None)
    sizes = tuple((re.compile("|".join(rf"(?<![가-힣])(?:{_ko(w)})\s*(?:{endings})" for w in _entries(ws))), str(size))
                  for size, ws in (company.get("sizes_ko") or {}).items() if _entries(ws))
    staff_units = "|".join(map(re.escape, _entries(company.get("staff_unit_ko"))))
    staff_words = "|".join(_ko(w) for w in _entries(company.get("staff_ko")))
    staff = [re.compile(rf"(?:{staff_words})\D{{0,4}}?(?P<n>\d{{1,4}})\s*(?:{staff_units})")]
    staff += [re.compile(_en(form, r"(?P<n>\d{1,4})")) for form in _entries(company.get("staff_en"))]
    founded = "|".join(_ko(w) for w in _entries(company.get("founded_ko")))
    after = "|".join(_ko(w) for w in _entries(company.get("founded_after_ko")))
    years: list[tuple[re.Pattern[str], str]] = [
        (re.compile(rf"(?:{founded})\D{{0,6}}?(?<!\d)(?P<n>\d{{1,2}})\s*(?P<unit>년\s*차|년|개월)"), "ko"),
        (re.compile(rf"(?<!\d)(?P<n>\d{{1,2}})\s*(?P<unit>년\s*차|년|개월)\s*(?:된|째|차)?\s*(?:{after})"), "ko"),
    ]
    years += [(re.compile(_en(form, r"(?P<n>\d{1,2})")), "en") for form in _entries(company.get("founded_en"))]
    youth = data.get("youth_words") or {}
    return _Words(
        ages=tuple(age_patterns), age_words=age_words, statuses=tuple(status_patterns), traits=traits,
        sizes=sizes, staff=tuple(staff), years=tuple(years),
        may_also_be={str(k): tuple(v or ()) for k, v in (data.get("may_also_be") or {}).items()},
        people=frozenset(data.get("people") or ()),
        youth=_either(_entries(youth.get("ko")), _entries(youth.get("en"))),
        after=re.compile("|".join(re.escape(w) for w in sorted(_entries(statuses.get("after_ko")), key=len, reverse=True)))
        if _entries(statuses.get("after_ko")) else None,
        youth_surely=(int(data["youth_surely"]["min"]), int(data["youth_surely"]["max"]))
        if data.get("youth_surely") else None,
        parts={**parts_ko, **parts_en}, tens=tens, ones=ones)


def normalize(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).lower().replace("’", "'").split())


# -- reading -----------------------------------------------------------------------------------------

def read(text: str) -> Asker:
    """Everything the text says about who is asking (see the module's docstring)."""
    words = _words()
    text = normalize(text)
    spans: list[tuple[int, int]] = []
    age, said = _age(text, words, spans)
    who: list[str] = []
    for pattern, kind in words.statuses:
        for match in pattern.finditer(text):
            who.append(kind)
            spans.append(match.span())
    traits = [name for pattern, name in words.traits if pattern.search(text)]
    size = next((s for pattern, s in words.sizes if pattern.search(text)), None)
    staff = None
    for pattern in words.staff:
        if (count := pattern.search(text)) is not None:
            staff = int(count.group("n"))
            spans.append(count.span())
            break
    years = _years(text, words, spans)
    if years is not None and not {"startup", "sme"} & set(who):
        who.append("startup")  # 업력 3년인데: a company speaking, of that age
    if (size or staff) and not {"startup", "sme"} & set(who):
        who.append("sme")
    return Asker(who=tuple(dict.fromkeys(who)), age=age, age_said=said, years=years, size=size, staff=staff,
                 traits=tuple(traits), spans=tuple(sorted(_swallow(text, span, words) for span in spans)))


def _swallow(text: str, span: tuple[int, int], words: _Words) -> tuple[int, int]:
    """The span and the particle or ending written right after it (50대도, 52살인데)."""
    start, end = span
    if words.after is not None and (match := words.after.match(text, end)) is not None:
        return start, match.end()
    return span


def _age(text: str, words: _Words, spans: list[tuple[int, int]]) -> tuple[tuple[int, int | None] | None, str]:
    for pattern, how in words.ages:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            if groups.get("limit") or _limit_before(text, match.start()):
                continue  # 만 39세 이하, 18~39세: a condition written out, not the asker
            if how == "decade":
                tens = int(groups["d"]) * 10
                part = words.parts.get((groups.get("part") or "").strip()) or words.parts.get(groups.get("part") or "")
                low, high = (tens + part[0], tens + part[1]) if part else (tens, tens + 9)
            elif groups.get("tens"):
                low = high = words.tens[groups["tens"]] + words.ones.get(groups.get("ones") or "", 0)
            else:
                low = high = int(groups["n"])
            if not MIN_AGE <= low <= MAX_AGE:
                continue
            top: int | None = None if how == "at_least" or groups.get("least") else high
            spans.append(match.span())
            return (low, top), ""
    for pattern, least in words.age_words:
        if (word := pattern.search(text)) is not None:
            spans.append(word.span())
            return (least, None), word.group(0).strip()
    return None, ""


def _limit_before(text: str, start: int) -> bool:
    """`18~39세`, `under 35`: the number closes a range someone wrote, not an age someone is."""
    before = text[:start].rstrip()
    return before.endswith(("~", "-", "under", "below", "up to", "부터"))


def _years(text: str, words: _Words, spans: list[tuple[int, int]]) -> str | None:
    """Years since founding as a finder band: `2년차` is the second year (1-2), `3년 됐` is three."""
    for pattern, _ in words.years:
        found = pattern.search(text)
        if found is None:
            continue
        match = found
        spans.append(match.span())
        number = int(match.group("n"))
        unit = (match.groupdict().get("unit") or "년").replace(" ", "")
        years = number / 12 if unit == "개월" else number - 0.5 if unit == "년차" else float(number)
        if years <= 1:
            return "0-1"
        if years <= 3:
            return "1-3"
        return "3-7" if years <= 7 else "7+"
    return None


def without(text: str, asker: Asker) -> str:
    """The text (normalized) less what says who is asking: `50대도 창업 지원 되나요?` -> `도 창업 지원 되나요?`,
    for matching what is asked about."""
    text = normalize(text)
    kept, at = [], 0
    for start, end in asker.spans:  # sorted; overlapping spans (창업한 지 / 창업한 지 6개월) join
        if start >= at:
            kept.append(text[at:start])
        at = max(at, end)
    kept.append(text[at:])
    return " ".join(" ".join(kept).split())


# -- judging -----------------------------------------------------------------------------------------

def fit(program: Program, asker: Asker) -> Fit | None:
    """Whether what the asker said leaves them out of `program` (`fails`), leaves its age to be checked
    (`check`), or says nothing against it (None). Only the program's criteria count; a program without
    criteria whose name or summary is for young people is `check` where an age was said."""
    if not asker.who and asker.age is None and asker.years is None and asker.size is None:
        return None
    if not program.criteria:
        return Fit("check", ()) if asker.age is not None and _for_youth(program) and not _surely_young(asker) else None
    best = _best(program.criteria, asker)
    if best is None:
        return None
    if best.fails:
        return Fit("fails", tuple(c for c in best.checks if c.outcome == "fail"))
    ages = tuple(c for c in best.checks if c.kind == "age" and c.outcome == "unknown")
    if ages and ages[0].values == ("youth",) and _surely_young(asker):
        return None
    return Fit("check", ages) if ages and asker.age is not None else None


STATED = ("age", "who", "founded_within", "size")  # the conditions a question's own facts can meet


def meets(program: Program, text: str) -> tuple[Check, ...]:
    """The conditions of `program` that what the asker said in `text` meets (an age within its range, a kind of
    applicant it takes, years since founding within its limit), where nothing said leaves them out (`fit` is not
    `fails`): the card says they fit, not only when they do not (`30살인데 청년 일자리 되나요?`). The program's own
    names are no statement about the asker (`예비창업자요` picks the pre-founders' program). Empty: nothing to say."""
    asker = read(_without_names(text, program))
    if not asker or not program.criteria:
        return ()
    best = _best(program.criteria, asker)
    if best is None or best.fails:
        return ()
    # A kind of applicant is met only as said: `대학생` may also be a job seeker (may_also_be), enough not to rule a
    # program out, not to tell a student that they meet its 구직자 condition.
    return tuple(c for c in best.checks if c.outcome == "pass" and c.kind in STATED
                 and (c.kind != "who" or _said_kind(c, asker)))


def _said_kind(check: Check, asker: Asker) -> bool:
    """Whether a `who` check passed on a kind the asker named themselves, not on one it may also be."""
    return bool(set(check.values) & set(asker.who))


def _without_names(text: str, program: Program) -> str:
    """`text` (normalized) less the program's names and aliases as typed, spaces aside."""
    text = normalize(text)
    names = sorted({n for n in (*(v for _, v in program.name.values), *program.aliases) if n.strip()}, key=len, reverse=True)
    for name in names:
        text = re.sub(_ko(normalize(name)), " ", text)
    return text


def _surely_young(asker: Asker) -> bool:
    """An age every definition of 청년 in the words' file holds (20대 초반): nothing to check."""
    surely = _words().youth_surely
    return (asker.age is not None and asker.age[1] is not None and surely is not None
            and surely[0] <= asker.age[0] and asker.age[1] <= surely[1])


def _best(tracks: Iterable[Criteria], asker: Asker) -> Assessment | None:
    """The best-fitting way in for the asker, judged on what they said only.

    Each kind the asker may be (what they said, and what that person may also be) is tried on each track;
    with no kind said but an age, only the tracks for people count (a company's way in is not a person's).
    """
    words = _words()
    tracks = [t for t in tracks if t]
    kinds: list[str | None]
    if asker.who:
        kinds = list(dict.fromkeys(k for w in asker.who for k in (w, *words.may_also_be.get(w, ()))))
    else:
        kinds = [None]
        if asker.age is not None:
            tracks = [t for t in tracks if not t.who or set(t.who) & words.people]
    found = []
    for kind in kinds:
        profile = Profile(who=kind, years=asker.years if kind == "startup" else None,
                          size=asker.size if kind == "sme" else None, age=asker.age_key())
        for track in tracks:
            found.append(check_track(track, profile))
    found = [a for a in found if a.checks]
    return min(found, key=Assessment.rank) if found else None


def _for_youth(program: Program) -> bool:
    pattern = _words().youth
    said = " ".join(v for _, v in (*program.name.values, *program.summary.values))
    return pattern is not None and pattern.search(normalize(said)) is not None


def fits_of(programs: Iterable[Program], asker: Asker) -> dict[str, Fit]:
    """Program id -> its Fit, for the programs that have something to say (fails or check)."""
    return {p.id: f for p in programs if (f := fit(p, asker)) is not None}

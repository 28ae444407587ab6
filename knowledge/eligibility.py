"""Who a program is for, as structured criteria, and how a person's profile measures up to them.

Programs may carry an optional `criteria:` field (docs/knowledge-format.md): one map of criteria, or a
list of maps when a program has several ways in (a company hiring, or a young person being hired).
Every key is optional; a program without criteria is simply not judged by the finder.

    criteria:
      who: [pre_founder, startup]   # pre_founder | startup | sme | job_seeker | employee | student
      founded_within: 7             # years since founding, for startups
      size: [small, medium]         # small | medium | midsize, for companies
      age: 18-39                    # or {min: 18, max: 39}, "-39", "18-"; or youth (see below)
                                    # {max: 39, up_to: 42}: some count up to 42 (military service)
      region: changwon              # changwon | gyeongnam (Changwon counts as Gyeongnam)
      field: [manufacturing, defense]   # manufacturing | defense | hydrogen | ict | other
      need: [funding, mentoring]    # funding | space | training | market | hiring | mentoring

A profile holds the finder's answers, each one a word from the same vocabularies (or None: skipped),
with years and ages as bands. `assess(tracks, profile)` gives one Check per criterion: pass, fail, or
unknown (skipped, or a band that straddles the limit); the best-fitting track counts.

`age: youth` says a program is for young people (청년) when the sources give no age range: each call sets
its own limit, so no age answered is ever a pass on it - it stays "확인 필요" (unknown), and the finder never
ticks a youth program as a full match for anybody's age. An age past every usual limit of 청년 (over
YOUTH_AGE_MAX, `assess`) is a fail: the finder lists the program among the close misses, not first.

`age: {max: 39, up_to: 42}` says the limit stretches for some applicants (a city ordinance counting military
service, say): an age past `max` but not past `up_to` is "확인 필요", never a fail, so the bot does not tell a
41-year-old who did military service that a program is not for him.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any, Iterable, Literal, Mapping

from yaml.nodes import MappingNode, Node, SequenceNode

from knowledge.nodes import Reporter, did_you_mean, is_null, line, mapping, scalar, words

WHO = ("pre_founder", "startup", "sme", "job_seeker", "employee", "student")
SIZES = ("small", "medium", "midsize")
REGIONS = ("changwon", "gyeongnam")          # what a criterion may require
HOME_REGIONS = ("changwon", "gyeongnam", "other")  # what a person answers (gyeongnam: outside Changwon)
FIELDS = ("manufacturing", "defense", "hydrogen", "ict", "other")
NEEDS = ("funding", "space", "training", "market", "hiring", "mentoring")
# Bands the finder offers: (lowest, highest) inclusive, None for open-ended.
YEAR_BANDS: dict[str, tuple[int, int | None]] = {"0-1": (0, 1), "1-3": (1, 3), "3-7": (3, 7), "7+": (7, None)}
AGE_BANDS: dict[str, tuple[int, int | None]] = {
    "18-29": (18, 29), "30-34": (30, 34), "35-39": (35, 39), "40-49": (40, 49), "50+": (50, None)}
# Who a person is (the finder's first question) against the audiences a program is written for
# (`audience:`, docs/knowledge-format.md): used only for programs without criteria, to tell which may
# concern the person ("확인 필요"), never to judge. A startup is a founder and a company; an employee is
# neither (a company's programs are applied for by the company).
AUDIENCES_OF_WHO: dict[str, tuple[str, ...]] = {
    "pre_founder": ("founder",), "startup": ("founder", "company"), "sme": ("company",),
    "job_seeker": ("job_seeker",), "student": ("job_seeker",), "employee": ()}
KEYS = ("who", "founded_within", "size", "age", "region", "field", "need")
# The oldest age the usual definitions of 청년 reach: 청년기본법 19-34, most city and province ordinances
# (창원시, 경상남도 among them) 18-39. Some calls stretch it (창원시 from 2026: up to 42 after military
# service), so the finder's label says "usually" and the legend sends everyone to the call.
YOUTH_AGE_MAX = 39
MAX_AGE = 120
MAX_YEARS = 100

Outcome = Literal["pass", "fail", "unknown"]


@dataclass(frozen=True)
class Criteria:
    """One way into a program; an empty tuple or None means "not a condition"."""

    who: tuple[str, ...] = ()
    founded_within: int | None = None
    size: tuple[str, ...] = ()
    age_min: int | None = None
    age_max: int | None = None
    age_up_to: int | None = None  # some count up to this age: past age_max but not past this is unknown
    youth: bool = False           # for young people, the age limit unstated (`age: youth`)
    region: str | None = None
    field: tuple[str, ...] = ()
    need: tuple[str, ...] = ()
    line: int = 0

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) not in ((), None) for f in fields(self) if f.name != "line")


@dataclass(frozen=True)
class Profile:
    """The finder's answers; None is "not answered" (skipped, or not asked for this kind of person)."""

    who: str | None = None
    years: str | None = None      # a YEAR_BANDS key, for startups
    size: str | None = None       # a SIZES word, for companies
    age: str | None = None        # an AGE_BANDS key (or, read from a question, "52", "50-59", "40-": age_band)
    region: str | None = None     # a HOME_REGIONS word
    field: str | None = None
    need: str | None = None

    def to_dict(self) -> dict[str, str]:
        return {k: v for k, v in asdict(self).items() if v is not None}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> "Profile":
        """From stored answers; unknown keys and values (an older version's) are dropped, not trusted."""
        allowed = {"who": WHO, "years": tuple(YEAR_BANDS), "size": SIZES, "age": tuple(AGE_BANDS),
                   "region": HOME_REGIONS, "field": FIELDS, "need": NEEDS}
        data = data or {}
        return cls(**{k: data[k] for k, ok in allowed.items() if data.get(k) in ok})

    def merged(self, other: "Profile") -> "Profile":
        """This profile with `other`'s answers written over it where `other` has one."""
        return Profile(**{**asdict(self), **other.to_dict()})


@dataclass(frozen=True)
class Check:
    """One criterion of a program against a profile. `values` says what the criterion asks for."""

    kind: str                  # one of KEYS
    outcome: Outcome
    values: tuple[Any, ...]    # the words, or (years,), or (min, max), or (min, max, up_to)


@dataclass(frozen=True)
class Assessment:
    checks: tuple[Check, ...]

    @property
    def fails(self) -> int:
        return sum(c.outcome == "fail" for c in self.checks)

    @property
    def passes(self) -> int:
        return sum(c.outcome == "pass" for c in self.checks)

    @property
    def unknowns(self) -> int:
        return sum(c.outcome == "unknown" for c in self.checks)

    def rank(self) -> tuple[int, int, int]:
        """Smaller is better: fewer failures, then more criteria met, then fewer left open."""
        return (self.fails, -self.passes, self.unknowns)


# -- judging ---------------------------------------------------------------------------------------

def _band(bands: Mapping[str, tuple[int, int | None]], key: str | None) -> tuple[int, int | None] | None:
    return bands.get(key) if key else None


def age_band(key: str | None) -> tuple[int, int | None] | None:
    """A profile's age: a finder band ("35-39", "50+"), or an age or range the asker stated in a question
    (knowledge/asker.py): "52", "50-59", or "40-" for 40 and over. None for none or a malformed one."""
    if not key:
        return None
    if key in AGE_BANDS:
        return AGE_BANDS[key]
    low, dash, high = key.partition("-")
    if not low.isdigit() or (high and not high.isdigit()):
        return None
    return (int(low), int(high) if high else None) if dash else (int(low), int(low))


def _within(band: tuple[int, int | None] | None, low: int | None, high: int | None) -> Outcome:
    """A band of values against an inclusive range: inside, outside, or straddling it (unknown)."""
    if band is None:
        return "unknown"
    lo, hi = band
    top = hi if hi is not None else float("inf")
    if (high is not None and lo > high) or (low is not None and top < low):
        return "fail"
    if (high is None or top <= high) and (low is None or lo >= low):
        return "pass"
    return "unknown"


def _one_of(answer: str | None, allowed: tuple[str, ...]) -> Outcome:
    if answer is None:
        return "unknown"
    return "pass" if answer in allowed else "fail"


def check_track(criteria: Criteria, profile: Profile) -> Assessment:
    checks: list[Check] = []
    if criteria.who:
        checks.append(Check("who", _one_of(profile.who, criteria.who), criteria.who))
    if criteria.region:
        if profile.region is None:
            outcome: Outcome = "unknown"
        elif criteria.region == "changwon":
            outcome = "pass" if profile.region == "changwon" else "fail"
        else:
            outcome = "pass" if profile.region in ("changwon", "gyeongnam") else "fail"
        checks.append(Check("region", outcome, (criteria.region,)))
    if criteria.founded_within is not None:
        if profile.who == "pre_founder":
            outcome = "pass"  # not founded yet: within any limit
        elif profile.who == "startup":
            band = _band(YEAR_BANDS, profile.years)
            # "1-3" means more than one year and up to three: a limit of 3 holds it, a limit of 1 does not.
            outcome = "unknown" if band is None else (
                "pass" if band[1] is not None and band[1] <= criteria.founded_within
                else "fail" if band[0] >= criteria.founded_within else "unknown")
        else:
            outcome = "unknown"
        checks.append(Check("founded_within", outcome, (criteria.founded_within,)))
    if criteria.size:
        outcome = _one_of(profile.size, criteria.size) if profile.who == "sme" else "unknown"
        checks.append(Check("size", outcome, criteria.size))
    if criteria.age_min is not None or criteria.age_max is not None:
        checks.append(_age_check(criteria, age_band(profile.age)))
    elif criteria.youth:
        # The sources say "young people" and no range: whether an age counts is the call's to say.
        checks.append(Check("age", "unknown", ("youth",)))
    if criteria.field:
        checks.append(Check("field", _one_of(profile.field, criteria.field), criteria.field))
    if criteria.need:
        checks.append(Check("need", _one_of(profile.need, criteria.need), criteria.need))
    return Assessment(tuple(checks))


def _age_check(criteria: Criteria, band: tuple[int, int | None] | None) -> Check:
    """The age against min and max; past max but within `up_to` (an extension for some) is to be checked."""
    outcome = _within(band, criteria.age_min, criteria.age_max)
    if criteria.age_up_to is None:
        return Check("age", outcome, (criteria.age_min, criteria.age_max))
    past_max = band is not None and criteria.age_max is not None and band[0] > criteria.age_max
    if outcome == "fail" and past_max and band is not None and band[0] <= criteria.age_up_to:
        outcome = "unknown"  # past the usual limit, within the stretched one
    return Check("age", outcome, (criteria.age_min, criteria.age_max, criteria.age_up_to))


def assess(tracks: Iterable[Criteria], profile: Profile) -> Assessment | None:
    """The best-fitting track's checks, or None when the program has no criteria; a youth track's age
    fails for an age past every usual limit of 청년 (`beyond_youth`)."""
    found = [beyond_youth(check_track(t, profile), profile) for t in tracks if t]
    return min(found, key=Assessment.rank) if found else None


def beyond_youth(assessment: Assessment, profile: Profile) -> Assessment:
    """`assessment` with a youth age check (`age: youth`, no range) failed when the profile's whole age band
    is over YOUTH_AGE_MAX (만 50세 이상): no definition of 청년 a call would use takes them. Younger or
    unknown ages stay to be checked (check_track)."""
    band = age_band(profile.age)
    if band is None or band[0] <= YOUTH_AGE_MAX:
        return assessment
    return Assessment(tuple(Check(c.kind, "fail", c.values) if c.kind == "age" and c.values == ("youth",) else c
                            for c in assessment.checks))


# -- reading the YAML ------------------------------------------------------------------------------

_FORM = "criteria: {who: [startup], founded_within: 7, region: changwon, ...} or a list of such maps"
_VOCAB: dict[str, tuple[str, ...]] = {"who": WHO, "size": SIZES, "field": FIELDS, "need": NEEDS}


def parse(node: Node, owner: str, report: Reporter) -> tuple[Criteria, ...]:
    """The tracks written under `criteria:` (a map, or a list of maps); problems reported, bad parts left out."""
    if is_null(node):
        return ()
    items: list[Node] = node.value if isinstance(node, SequenceNode) else [node]
    tracks = []
    for item in items:
        if not isinstance(item, MappingNode):
            report.error(line(item), f"criteria of {owner} must be a map of conditions", _FORM)
            continue
        track = _track(item, owner, report)
        if track:
            tracks.append(track)
    return tuple(tracks)


def _track(node: MappingNode, owner: str, report: Reporter) -> Criteria:
    values: dict[str, Any] = {"line": line(node)}
    seen: set[str] = set()
    for key, key_node, value in mapping(node) or []:
        where = f"criteria of {owner}"
        if key in seen:
            report.error(line(key_node), f"'{key}' is written twice in the {where}", "keep one")
            continue
        seen.add(key)
        if key not in KEYS:
            report.error(line(key_node), f"unknown criterion '{key}' in {owner}", did_you_mean(key, KEYS, "criteria"))
            continue
        if is_null(value):
            continue
        if key in _VOCAB:
            found = _words(value, key, owner, _VOCAB[key], report)
            if found:
                values[key] = found
        elif key == "region":
            found = _words(value, key, owner, REGIONS, report)
            if len(found) > 1:
                # Changwon is in Gyeongnam: a list would only say "the wider of the two".
                report.error(line(value), f"region of {owner} is one word", "changwon, or gyeongnam for the whole province")
            elif found:
                values["region"] = found[0]
        elif key == "founded_within":
            number = _whole(value, key, owner, MAX_YEARS, report)
            if number is not None:
                values["founded_within"] = number
        elif key == "age" and scalar(value) == "youth":
            values["youth"] = True
        elif key == "age":
            ages = _ages(value, owner, report)
            if ages is not None:
                values["age_min"], values["age_max"], values["age_up_to"] = ages
    return Criteria(**values)


def _words(node: Node, key: str, owner: str, allowed: tuple[str, ...], report: Reporter) -> tuple[str, ...]:
    found = words(node)
    if found is None:
        report.error(line(node), f"{key} in the criteria of {owner} must be a word or a list of words",
                     f"{key}: [{allowed[0]}, {allowed[1]}]")
        return ()
    kept = []
    for word, at in found:
        if word in allowed:
            kept.append(word)
        else:
            report.error(at, f"unknown {key} '{word}' in the criteria of {owner}", did_you_mean(word, allowed, key))
    return tuple(dict.fromkeys(kept))


def _whole(node: Node, key: str, owner: str, limit: int, report: Reporter) -> int | None:
    text = scalar(node)
    if text is None or not text.isdigit() or not 0 < int(text) <= limit:
        report.error(line(node), f"{key} in the criteria of {owner} must be a whole number from 1 to {limit}",
                     f"{key}: 7")
        return None
    return int(text)


def _ages(node: Node, owner: str, report: Reporter) -> tuple[int | None, int | None, int | None] | None:
    hint = ("age: 18-39, or -39 (up to 39), or 40- (from 40), or {min: 18, max: 39}, or {max: 39, up_to: 42} when some "
            "count up to 42; ages in full years (만 나이); or youth when the sources say young people (청년) without a range")
    low = high = up_to = None
    text = scalar(node)
    if text is not None and "-" in text:
        left, _, right = (part.strip() for part in text.partition("-"))
        if (left and not left.isdigit()) or (right and not right.isdigit()) or not (left or right):
            report.error(line(node), f"age in the criteria of {owner} is not a range", hint)
            return None
        low, high = (int(left) if left else None), (int(right) if right else None)
    elif isinstance(node, MappingNode):
        for key, key_node, value in mapping(node) or []:
            number = scalar(value)
            if key not in ("min", "max", "up_to") or number is None or not number.isdigit():
                report.error(line(key_node), f"age in the criteria of {owner}: write min, max and up_to as numbers", hint)
                return None
            if key == "min":
                low = int(number)
            elif key == "max":
                high = int(number)
            else:
                up_to = int(number)
    else:
        report.error(line(node), f"age in the criteria of {owner} is not a range", hint)
        return None
    if low is None and high is None:
        report.error(line(node), f"age in the criteria of {owner} is empty", hint)
        return None
    if any(v is not None and v > MAX_AGE for v in (low, high, up_to)) or (low is not None and high is not None and low > high):
        report.error(line(node), f"age in the criteria of {owner} is not a possible range", hint)
        return None
    if up_to is not None and (high is None or up_to <= high):
        report.error(line(node), f"age in the criteria of {owner}: up_to must be above max", hint)
        return None
    return low, high, up_to

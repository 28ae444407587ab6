"""Application windows (접수 기간) of programs: when a round of a program takes applications.

Programs may carry an optional `windows:` list (docs/knowledge-format.md). Each window is one notice
(공고): it opens, closes, or both, on Korean calendar days (a time may be added), with an optional round
name and the notice's address:

    windows:
      - opens: 2026-01-19          # from 00:00 KST that day, or "2026-01-19 09:00"
        closes: 2026-02-09         # to the end of that day (23:59:59 KST), or "2026-02-09 18:00"
        round: {ko: 2026년 1차, en: 2026 round 1}
        source: https://...        # where the notice is

A window with no `opens` is taken as open until it closes (a notice found while it was running); one
with no `closes` stays open once it opens (rolling intake). Where no window is written, nothing is said
about timing: the bot never guesses one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import TYPE_CHECKING, Callable, Iterable, Literal
from urllib.parse import urlsplit

from yaml.nodes import MappingNode, Node, SequenceNode

from knowledge.nodes import Reporter, did_you_mean, is_null, line, mapping, scalar

if TYPE_CHECKING:
    from knowledge.model import Program, Text

KST = timezone(timedelta(hours=9), "KST")
KEYS = ("opens", "closes", "round", "source")
State = Literal["upcoming", "open", "closed"]
_DATE = re.compile(r"(\d{4})[-./](\d{1,2})[-./](\d{1,2})\.?(?:\s+(\d{1,2}):(\d{2}))?")
_DATE_HINT = "write a date as 2026-01-19, or with a time as \"2026-01-19 18:00\" (Korean time)"


@dataclass(frozen=True)
class Window:
    opens: datetime | None
    closes: datetime | None
    round: "Text | None" = None
    source: str | None = None
    line: int = 0

    @property
    def key(self) -> str:
        """What identifies this notice for alerts: its start (else its end) and round, not its deadline,
        which staff may extend without it becoming a new notice."""
        anchor = self.opens or self.closes
        assert anchor is not None
        key = anchor.astimezone(KST).strftime("%Y%m%d")
        return f"{key}:{self.round.get('ko')}" if self.round else key

    def state(self, now: datetime) -> State:
        if self.opens is not None and now < self.opens:
            return "upcoming"
        if self.closes is not None and now > self.closes:
            return "closed"
        return "open"

    def days_left(self, now: datetime) -> int | None:
        """Calendar days (Korean) until the closing day: 0 on the day itself; None without a closing date."""
        if self.closes is None:
            return None
        return (self.closes.astimezone(KST).date() - now.astimezone(KST).date()).days


def status(windows: Iterable[Window], now: datetime) -> tuple[State, Window] | None:
    """The window that matters now: an open one (closing soonest), else the next to open, else the
    last to have closed; None when the program has no windows."""
    windows = list(windows)
    open_now = [w for w in windows if w.state(now) == "open"]
    if open_now:
        return "open", min(open_now, key=lambda w: (w.closes is None, w.closes or now))
    upcoming = [w for w in windows if w.state(now) == "upcoming"]
    if upcoming:
        return "upcoming", min(upcoming, key=lambda w: w.opens)  # type: ignore[arg-type,return-value]
    if windows:
        return "closed", max(windows, key=lambda w: w.closes)  # type: ignore[arg-type,return-value]
    return None


def expects_rounds(program: "Program", now: datetime) -> bool:
    """Whether waiting for a program's next application round makes sense (its 🔔 opening alert).

    The data says so when the program has windows (a past or coming notice), unless the one that counts
    is open with no closing date: a rolling intake is open now and stays open, there is no round to wait
    for. Without windows, a program people apply to says who may apply (`criteria`) or how (its `apply`
    aspect); staff add its next notice as a window, and the subscribers hear of it. An event, a piece of
    infrastructure or the agency's own research has none of these, and nobody waits to apply to it.
    """
    current = status(program.windows, now)
    if current is not None:
        state, window = current
        return not (state == "open" and window.closes is None)
    return takes_applications(program)


def takes_applications(program: "Program") -> bool:
    """Whether the data says people apply to a program: it has windows, says who may apply (`criteria`)
    or how (its `apply` aspect). An event or a piece of infrastructure says none of these."""
    return bool(program.windows or program.criteria) or program.aspect("apply") is not None


def past_warnings(programs: Iterable["Program"], now: datetime) -> list[tuple[str, int, str, str]]:
    """(file, line, message, hint) for each program whose every window has closed: for `check`."""
    found = []
    for program in programs:
        current = status(program.windows, now)
        if current is None or current[0] != "closed":
            continue
        window = current[1]
        closed = window.closes.astimezone(KST).strftime("%Y-%m-%d") if window.closes else "?"
        found.append((program.source.file if program.source else "?", window.line,
                      f"every window of '{program.id}' is past (the last closed on {closed})",
                      "add the next round's window when it is announced, or remove the old ones; "
                      "cards show 접수 마감 until then"))
    return found


# -- reading the YAML ------------------------------------------------------------------------------

ReadText = Callable[[tuple[Node, Node], str], "Text | None"]


def parse(node: Node, owner: str, report: Reporter, read_text: ReadText) -> tuple[Window, ...]:
    """The windows under `windows:` (a list of maps, or one map); problems reported, bad ones left out."""
    if is_null(node):
        return ()
    items: list[Node] = node.value if isinstance(node, SequenceNode) else [node]
    found: list[Window] = []
    for item in items:
        if not isinstance(item, MappingNode):
            report.error(line(item), f"a window of {owner} must be a map",
                         "write '- opens: 2026-01-19' and 'closes: 2026-02-09' under it")
            continue
        window = _window(item, owner, report, read_text)
        if window is None:
            continue
        twin = next((w for w in found if w.key == window.key), None)
        if twin is not None:
            report.error(window.line, f"two windows of {owner} start on the same day with the same round",
                         f"the other is on line {twin.line}; give each round its own name (round: ...)")
            continue
        found.append(window)
    return tuple(found)


def _window(node: MappingNode, owner: str, report: Reporter, read_text: ReadText) -> Window | None:
    values: dict[str, object] = {}
    ok = True
    for key, key_node, value in mapping(node) or []:
        if key in values:
            report.error(line(key_node), f"'{key}' is written twice in a window of {owner}", "keep one")
            continue
        if key not in KEYS:
            report.error(line(key_node), f"unknown key '{key}' in a window of {owner}",
                         did_you_mean(key, KEYS, "window keys"))
            continue
        if is_null(value):
            continue
        if key in ("opens", "closes"):
            moment = parse_moment(scalar(value) or "", end_of_day=key == "closes")
            if moment is None:
                report.error(line(value), f"{key} of a window of {owner} is not a date", _DATE_HINT)
                ok = False
            values[key] = moment
        elif key == "round":
            values[key] = read_text((key_node, value), f"the round of a window of {owner}")
        else:
            values[key] = _source(value, owner, report)
    opens, closes = values.get("opens"), values.get("closes")
    if not ok:
        return None
    if opens is None and closes is None:
        report.error(line(node), f"a window of {owner} has neither opens nor closes",
                     "write at least one of them; leave the window out when no date is known")
        return None
    if opens is not None and closes is not None and closes < opens:  # type: ignore[operator]
        report.error(line(node), f"a window of {owner} closes before it opens", "check the two dates")
        return None
    return Window(opens=opens, closes=closes, round=values.get("round"),  # type: ignore[arg-type]
                  source=values.get("source"), line=line(node))  # type: ignore[arg-type]


def parse_moment(text: str, *, end_of_day: bool = False) -> datetime | None:
    """A Korean date (and optional time) as an aware datetime; a bare closing date means its last second."""
    match = _DATE.fullmatch(text.strip())
    if not match:
        return None
    year, month, day, hour, minute = match.groups()
    try:
        day_ = date(int(year), int(month), int(day))
        if hour is not None:
            return datetime.combine(day_, time(int(hour), int(minute)), tzinfo=KST)
    except ValueError:
        return None
    if end_of_day:
        return datetime.combine(day_, time(23, 59, 59), tzinfo=KST)
    return datetime.combine(day_, time(0), tzinfo=KST)


def _source(node: Node, owner: str, report: Reporter) -> str | None:
    value = scalar(node)
    parts = urlsplit(value) if value else None
    if not parts or parts.scheme not in ("http", "https") or not parts.netloc or " " in (value or ""):
        report.error(line(node), f"source of a window of {owner} is not a web address",
                     "write the notice's address in full: https://...")
        return None
    return value

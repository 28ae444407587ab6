"""The callback data carried by inline buttons: short strings under Telegram's 64-byte limit.

Each string is a prefix and ':'-separated fields. The prefix is the version: when the fields of a button
change, it gets a new prefix, and buttons left on old messages reach the stale-button handler instead of
being misread.

    m:<item>                            main menu items (menu, help)
    fu:start                            "ask staff": opens the follow-up (consent notice)
    fu:agree:<version> | fu:refuse      the consent notice's buttons (the version agreed to)
    fu:keep | fu:other | fu:send | fu:cancel   the follow-up's later steps (handlers/followup.py)
    pv:forget:yes | pv:forget:no        /forget's confirmation (handlers/privacy.py)
    stf:...                             staff buttons on ticket cards, checked against STAFF_USER_IDS
                                        (handlers/staff.py)
    b:areas | b:<list>                  browse: the areas, or one list of programs (see ListKey)
    p:<program>[:<aspect>[:<list>]]     a program card; with <list>, a browse card with a back button
    f:<faq>  i:<intent>  r:<referral>   a suggestion picked
    fb:<enquiry>:1|0                    👍 / 👎 on the answer to that enquiry
    l:<lang>                            /lang's choice
    fd:...                              the program finder (handlers/finder_cards.py)
    al:p:<program> | al:a:<area> | al:x:<subscription>   alerts: subscribe, stop (handlers/alerts.py)
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from knowledge.model import ASPECTS

LIMIT = 64  # bytes, Telegram's limit for callback_data
SUMMARY = ""  # the aspect field of a card showing the summary

MENU = "m"
STAFF = "fu:start"
BROWSE = "b"
AREAS = "b:areas"
PROGRAM = "p"
FAQ = "f"
INTENT = "i"
REFERRAL = "r"
FEEDBACK = "fb"
LANG = "l"
FINDER = "fd:start"

_log = logging.getLogger(__name__)


def pattern(prefix: str) -> re.Pattern[str]:
    """The CallbackQueryHandler pattern for one prefix."""
    return re.compile(rf"^{re.escape(prefix)}(:|$)")


def fits(data: str) -> bool:
    return len(data.encode("utf-8")) <= LIMIT


def _fitting(prefix: str, item_id: str) -> str | None:
    """The data `prefix:item_id`, or None when the id is too long for a button (the caller leaves it out)."""
    data = f"{prefix}:{item_id}"
    return data if fits(data) else None


@dataclass(frozen=True)
class ListKey:
    """One browse list: the programs of an area ("a") or for an audience ("u"), at a page.

    Written as "a.talent", "u.founder.2"; an area id of "-" stands for programs without an area.
    """

    kind: str
    value: str
    page: int = 0

    def __str__(self) -> str:
        return f"{self.kind}.{self.value}" + (f".{self.page}" if self.page else "")

    @classmethod
    def parse(cls, text: str) -> "ListKey | None":
        parts = text.split(".")
        if len(parts) not in (2, 3) or parts[0] not in ("a", "u") or not parts[1]:
            return None
        page = parts[2] if len(parts) == 3 else "0"
        if not page.isdigit():
            return None
        return cls(parts[0], parts[1], int(page))

    def at(self, page: int) -> "ListKey":
        return ListKey(self.kind, self.value, page)


def menu(item: str) -> str:
    return f"{MENU}:{item}"


def program_list(key: ListKey) -> str:
    return f"{BROWSE}:{key}"


def program(program_id: str, aspect: str = SUMMARY, back: ListKey | None = None) -> str | None:
    """A card button; drops the back link, then the aspect, if the id is too long to fit. None if nothing fits."""
    tries = []
    if back is not None:
        tries.append(f"{PROGRAM}:{program_id}:{aspect}:{back}")
    if aspect:
        tries.append(f"{PROGRAM}:{program_id}:{aspect}")
    tries.append(f"{PROGRAM}:{program_id}")
    for data in tries:
        if fits(data):
            return data
        _log.warning("callback data too long for Telegram (%d bytes): %s", len(data.encode()), data)
    return None


@dataclass(frozen=True)
class ProgramButton:
    program_id: str
    aspect: str = SUMMARY
    back: ListKey | None = None


def parse_program(data: str) -> ProgramButton | None:
    parts = data.split(":")
    if parts[0] != PROGRAM or not 2 <= len(parts) <= 4 or not parts[1]:
        return None
    aspect = parts[2] if len(parts) > 2 else SUMMARY
    if aspect and aspect not in ASPECTS:
        return None
    back = None
    if len(parts) == 4:
        back = ListKey.parse(parts[3])
        if back is None:
            return None
    return ProgramButton(parts[1], aspect, back)


WHY_NOT = "fd:w"  # the finder's "why not?" of one program (handlers/finder_cards.py)


def opened_item(data: str) -> str | None:
    """The knowledge item a button opens (a program, FAQ, intent or referral; a program's "why not?" in the
    finder's results), or None: what a list of such buttons offers, in order (handlers/browsing.py)."""
    program = parse_program(data)
    if program is not None:
        return program.program_id
    for prefix in (FAQ, INTENT, REFERRAL, WHY_NOT):
        found = rest(data, prefix)
        if found and ":" not in found:
            return found
    return None


def faq(faq_id: str) -> str | None:
    return _fitting(FAQ, faq_id)


def intent(intent_id: str) -> str | None:
    return _fitting(INTENT, intent_id)


def referral(referral_id: str) -> str | None:
    return _fitting(REFERRAL, referral_id)


def feedback(enquiry_id: int, helpful: bool) -> str:
    return f"{FEEDBACK}:{enquiry_id}:{int(helpful)}"


def parse_feedback(data: str) -> tuple[int, bool] | None:
    parts = data.split(":")
    if len(parts) != 3 or parts[0] != FEEDBACK or not parts[1].isdigit() or parts[2] not in ("0", "1"):
        return None
    return int(parts[1]), parts[2] == "1"


def alert_program(program_id: str) -> str | None:
    return _fitting("al:p", program_id)


def alert_area(area_id: str) -> str | None:
    return _fitting("al:a", area_id)


def lang(code: str) -> str:
    return f"{LANG}:{code}"


def rest(data: str, prefix: str) -> str:
    """What follows "prefix:" in data ("" if nothing)."""
    return data[len(prefix) + 1:] if data.startswith(prefix + ":") else ""

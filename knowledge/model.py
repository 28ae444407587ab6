"""Plain immutable objects the rest of the bot reads the knowledge base through.

Nothing here knows about YAML, Telegram or SQLite: the loader builds these objects, the matcher
indexes them and the handlers render them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, Mapping, Union

if TYPE_CHECKING:  # the structured optional fields live in modules of their own
    from knowledge.eligibility import Criteria
    from knowledge.windows import Window

ASPECTS: tuple[str, ...] = ("eligibility", "support", "apply", "period", "contact")
AUDIENCES: tuple[str, ...] = ("founder", "job_seeker", "company")
DEFAULT_LANG = "ko"

ItemKind = Literal["program", "faq", "intent", "referral"]


@dataclass(frozen=True)
class Source:
    """Where an object was written, so that problems and staff tools can point at it."""

    file: str
    line: int


@dataclass(frozen=True)
class Text:
    """A text in one or more languages: `{ko: ..., en: ...}` or a plain (Korean) string."""

    values: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, value: Union[str, Mapping[str, str], "Text", None]) -> "Text":
        if isinstance(value, Text):
            return value
        if value is None:
            return cls(())
        if isinstance(value, str):
            return cls(((DEFAULT_LANG, value),))
        return cls(tuple((str(k), str(v)) for k, v in value.items()))

    @property
    def langs(self) -> tuple[str, ...]:
        return tuple(lang for lang, _ in self.values)

    def has(self, lang: str) -> bool:
        return any(k == lang and v.strip() for k, v in self.values)

    def get(self, lang: str | None = None) -> str:
        """The text in `lang`, else Korean, else English, else any language; "" if empty."""
        wanted = [lang, DEFAULT_LANG, "en"] if lang else [DEFAULT_LANG, "en"]
        by_lang = dict(self.values)
        for candidate in wanted:
            if candidate and by_lang.get(candidate, "").strip():
                return by_lang[candidate]
        return next((v for _, v in self.values if v.strip()), "")

    def __bool__(self) -> bool:
        return any(v.strip() for _, v in self.values)


@dataclass(frozen=True)
class AsOf:
    """When the facts of an item hold: a year, a month or a day (`as_of: 2025-06`)."""

    year: int
    month: int | None = None
    day: int | None = None

    def __str__(self) -> str:
        parts = [f"{self.year:04d}"] + [f"{n:02d}" for n in (self.month, self.day) if n is not None]
        return "-".join(parts)


@dataclass(frozen=True)
class Area:
    id: str
    name: Text
    source: Source | None = None
    order: int | None = None  # place in /programs; areas without one follow, in the order first read


@dataclass(frozen=True)
class Agency:
    """The organisation the knowledge base is about; `url` is where its current announcements (공고) are.

    Cards without a link of their own point there, so a user who needs today's dates or amounts always has
    somewhere to look.
    """

    name: Text
    url: str | None = None
    source: Source | None = None


@dataclass(frozen=True)
class Program:
    id: str
    name: Text
    summary: Text
    aliases: tuple[str, ...] = ()
    audience: tuple[str, ...] = ()
    aspects: Mapping[str, Text] = field(default_factory=dict)  # only the aspects written, in ASPECTS order
    url: str | None = None
    questions: tuple[str, ...] = ()
    area: Area | None = None
    source: Source | None = None
    as_of: AsOf | None = None  # when the facts written here hold
    sources: tuple[str, ...] = ()  # where they come from: web addresses or short descriptions
    run_by: Text | None = None  # who runs it when that is not (only) the agency: "창원시 사업, 진흥원 운영"
    criteria: tuple["Criteria", ...] = ()  # who may apply, structured (knowledge/eligibility.py)
    windows: tuple["Window", ...] = ()     # application windows (knowledge/windows.py)

    kind: ItemKind = "program"

    def aspect(self, name: str) -> Text | None:
        return self.aspects.get(name)


@dataclass(frozen=True)
class Faq:
    id: str
    questions: tuple[str, ...]
    answer: Text
    programs: tuple[str, ...] = ()
    area: Area | None = None
    source: Source | None = None
    as_of: AsOf | None = None
    sources: tuple[str, ...] = ()
    url: str | None = None

    kind: ItemKind = "faq"


@dataclass(frozen=True)
class Intent:
    id: str
    examples: tuple[str, ...]
    reply: Text | None = None
    action: str | None = None  # followup | browse | forget | ... handled in code
    source: Source | None = None

    kind: ItemKind = "intent"


@dataclass(frozen=True)
class Referral:
    """Another institution that handles a kind of question the agency does not (1357, 고용24, 홈택스, ...).

    Matched like an FAQ, but never allowed to outrank one of the agency's own programs; rendered as
    "이 문의는 ○○에서 담당합니다" with what to ask there (`answer`), the link and the contact.
    """

    id: str
    name: Text
    questions: tuple[str, ...]
    answer: Text
    aliases: tuple[str, ...] = ()
    url: str | None = None
    contact: Text = field(default_factory=lambda: Text(()))
    area: Area | None = None
    source: Source | None = None
    as_of: AsOf | None = None
    sources: tuple[str, ...] = ()

    kind: ItemKind = "referral"


Item = Union[Program, Faq, Intent, Referral]


def korean_name(item: Item) -> str:
    """What the staff's views call an item: its Korean name, else its first question or example, else its id."""
    if isinstance(item, (Program, Referral)):
        return item.name.get("ko")
    phrases = item.questions if isinstance(item, Faq) else item.examples
    return phrases[0] if phrases else item.id


@dataclass(frozen=True)
class KnowledgeBase:
    areas: tuple[Area, ...] = ()
    programs: tuple[Program, ...] = ()
    faqs: tuple[Faq, ...] = ()
    intents: tuple[Intent, ...] = ()
    referrals: tuple[Referral, ...] = ()
    agency: Agency | None = None
    _by_id: Mapping[str, Item] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Frozen, so the id index is set once here rather than rebuilt on every lookup.
        object.__setattr__(self, "_by_id", {item.id: item for item in self.items()})

    def items(self) -> tuple[Item, ...]:
        return (*self.programs, *self.faqs, *self.intents, *self.referrals)

    def get(self, item_id: str) -> Item | None:
        return self._by_id.get(item_id)

    def program(self, item_id: str) -> Program | None:
        item = self.get(item_id)
        return item if isinstance(item, Program) else None

    def programs_in(self, area_id: str | None) -> tuple[Program, ...]:
        return tuple(p for p in self.programs if (p.area.id if p.area else None) == area_id)

    def area(self, area_id: str | None) -> Area | None:
        return next((a for a in self.areas if a.id == area_id), None) if area_id else None

"""Typed answers to the finder's question on screen, read as the button they stand for.

A new user's test (tester5) typed `2`, `두번째`, `예비창업자요` under "어떤 분이신가요?" and got "번호만으로는
무엇을 고르신 것인지 알 수 없습니다" or the pre-founder program's card. Under a question of the finder, a
message is now that question's button when it is one of these and says nothing else:

- **its place** among the answers (`2`, `두번째요`, `the second one`, `마지막 거`): the reader of positions
  that picks from any list shown (intents/options.py `bare_position`);
- **a button's label** in either language, less a polite ending (`예비창업자요`, `중기업이에요`, `1~3년`,
  `Skip`, `이전`), or a word for skip, back or "show results" (handlers/finder_typed.yaml);
- **what it says of the person** (`저는 대학생이에요`, `창업 2년차요`, `25살`, `창원이요`, `자금이요`: the
  profile reader of questions in free text, knowledge/profile_text.py), nothing else beside it (the same test
  as a position's: no topic, aspect or question word; `예비창업자 지원 신청하려면요` is a question). Facts for
  later steps are kept too (`창업 2년차요` answers who and how long).

Under "search with these again?" (the last answers, `resume_card`), `네`/`yes` is its first button and
`아니요`/`no` its second (handlers/typed.py). A position beyond the answers (`9번` under six), or a yes or no
to a question that asks neither, is said to be so, with the question again. Anything else is a question,
answered as usual: the finder's buttons stay.
Pure: returns the button's callback data; handlers/finder.py runs what the button runs.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from telegram import InlineKeyboardMarkup

from handlers import finder_cards as fc
from handlers.texts import Texts
from handlers.typed import typed_answer
from intents.lexicon import read_yaml
from knowledge.eligibility import Profile
from knowledge.profile_text import age_band_of, read_profile, without_stated, years_band_of

WORDS_FILE = Path(__file__).with_name("finder_typed.yaml")
LANGS = ("ko", "en")
_NOISE = re.compile(r"[^\w~\-]+")  # spaces, punctuation and emoji (◀, 🔄) go; 18~29 and 1-3 stay
_AGE = re.compile(r"\d{2}")
_YEARS = re.compile(r"(\d+)\s*(년|개월|years?|months?)")


@dataclass(frozen=True)
class Reply:
    """The button a typed message stands for (`data`, its callback data; None: no button, only `stated`),
    and what else it says of the person, for the steps after it. `beyond`: a place past the answers (how
    many there are), or `yes_no`: a yes or no to a question that asks neither; the question is asked again."""

    data: str | None = None
    stated: Profile = Profile()
    beyond: int = 0
    yes_no: bool = False


@functools.cache
def _words() -> dict[str, tuple[str, ...]]:
    raw = read_yaml(WORDS_FILE)
    return {key: tuple(_normal(str(w)) for w in raw.get(key) or ()) for key in ("endings", "skip", "back", "show_now")}


def _normal(text: str) -> str:
    return _NOISE.sub("", unicodedata.normalize("NFKC", text).casefold())


def _forms(text: str) -> set[str]:
    """The message as compared: whole, and less one polite ending (`예비창업자요` -> 예비창업자)."""
    normal = _normal(text)
    forms = {normal}
    for ending in sorted(_words()["endings"], key=len, reverse=True):
        if normal.endswith(ending) and len(normal) > len(ending):
            forms.add(normal[:-len(ending)])
    return forms


def _less_ending(text: str) -> str:
    """The words less a polite ending left alone at the end (`저는 이에요` -> `저는`), spaces kept."""
    words = text.split()
    if words:
        last = _normal(words[-1])
        if last in _words()["endings"]:
            words.pop()
    return " ".join(words)


def _labels(markup: InlineKeyboardMarkup | None) -> list[tuple[str, str]]:
    """(label as compared, callback data) of a card's buttons; a label's parts count too (소기업·소상공인:
    소기업, 소상공인; 경남(창원 외): 경남)."""
    found: list[tuple[str, str]] = []
    for row in markup.inline_keyboard if markup is not None else ():
        for b in row:
            if not isinstance(b.callback_data, str):
                continue
            found.append((_normal(b.text), b.callback_data))
            parts = [_normal(p) for p in re.split(r"[·()/,]", b.text)]
            found += [(p, b.callback_data) for p in parts if len(parts) > 1 and len(p) > 1]
    return found


def by_label(text: str, cards: list[InlineKeyboardMarkup | None]) -> str | None:
    """The data of the one button (of the card in any language) whose label the message is."""
    forms = _forms(text)
    hits = {data for markup in cards for label, data in _labels(markup) if label in forms}
    return hits.pop() if len(hits) == 1 else None


def read_question(text: str, step: str, profile: Profile, asked: list[str], texts: Texts,
                  position: int | None, says_nothing: Callable[[str], bool]) -> Reply | None:
    """The reply a message is to the question of `step` (None: it is no reply). `position` is the place the
    message says and nothing else (intents/options.py `bare_position`); `says_nothing(rest)` tells whether
    the words left beside a fact say anything (intents/options.py `says_nothing`)."""
    values = fc.OPTIONS[step]
    if step == "age" and text.strip().isdigit() and _AGE.fullmatch(text.strip()) and int(text) > len(values):
        band = age_band_of(int(text))  # `25` under "나이는?": an age, not a place
        return Reply(f"{fc.PREFIX}:a:age:{band}") if band else None
    if position is not None:
        if position == -1:
            return Reply(f"{fc.PREFIX}:a:{step}:{values[-1]}")
        if 1 <= position <= len(values):
            return Reply(f"{fc.PREFIX}:a:{step}:{values[position - 1]}")
        return Reply(beyond=len(values))
    if typed_answer(text) in ("yes", "no"):
        return Reply(beyond=len(values), yes_no=True)  # `네` under "어떤 분이신가요?": which one?
    cards = [fc.question_card(step, profile, asked, texts, lang)[1] for lang in LANGS]
    data = by_label(text, cards) or _by_word(text, step, profile)
    if data is not None:
        return Reply(data)
    if not says_nothing(_less_ending(without_stated(text))):
        return None
    stated = read_profile(text)
    if step == "years" and stated.years is None and (found := _YEARS.search(_normal(text))):
        months = found.group(2).startswith(("개월", "month"))
        stated = Profile(who="startup", years=years_band_of(int(found.group(1)) / (12 if months else 1)))
    value = getattr(stated, step)
    if value is not None:
        return Reply(f"{fc.PREFIX}:a:{step}:{value}", stated)
    return Reply(None, stated) if stated.to_dict() else None


def _by_word(text: str, step: str, profile: Profile) -> str | None:
    """건너뛸게요, 이전, 결과 보기: the skip, back and show-now buttons by other words than their labels."""
    forms = _forms(text)
    words = _words()
    if forms & set(words["skip"]):
        return f"{fc.PREFIX}:s:{step}"
    if forms & set(words["back"]):
        return f"{fc.PREFIX}:b"
    if forms & set(words["show_now"]) and profile.to_dict():
        return f"{fc.PREFIX}:go"
    return None


def read_resume(text: str, profile: Profile, texts: Texts, position: int | None) -> Reply | None:
    """`네` / `yes` (or the first button's place or label): the last answers again; `아니요` / `no`: answer
    again from the first question."""
    cards = [fc.resume_card(profile, texts, lang)[1] for lang in LANGS]
    data = [d for _, d in _labels(cards[0])]
    typed = typed_answer(text)
    if typed == "yes" or position == 1:
        return Reply(data[0])
    if typed == "no" or position == 2:
        return Reply(data[1])
    found = by_label(text, cards)
    return Reply(found) if found else None

"""A person's name out of what they typed when asked for it: "김민수입니다" is 김민수.

People answer "성함을 적어 주세요" with a sentence as often as with the name: 김민수입니다, 최영희요,
저는 홍길동이라고 합니다, 제 이름은 이서준이에요, My name is Jane Doe. The sentence around the name is taken
off; what is left must still look like a name (one line, not too long, not a phone number or address).
Names may also carry characters that display misleadingly on a staff card (zero-width characters,
right-to-left overrides): those are removed.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml

from handlers.personal_data import mask_personal
from store import normalise_contact

# Before the name: 저는 / 제 이름은 / 이름은 / 나는 ... ; My name is / I am / I'm / This is / It's
_LEAD = re.compile(
    r"^(?:(?:안녕하세요|네|예)[\s,.!]+|(?:안녕하세요|네|예)(?=저는|전|제|이름|성함))?"
    r"(?:(?:저는|제\s*이름은|제\s*성함은|이름은|성함은|나는)\s*|(?:전|난)\s+"  # 전지현 is a name: 전 needs a space
    r"|(?:my\s+name\s+is|my\s+name's|i\s+am|i'm|im|this\s+is|it's|it\s+is|name\s*:)\s+)?",
    re.IGNORECASE)
# After the name: 입니다 / 이에요 / 예요 / 요 / (이)라고 합니다 / 이고요 ... and punctuation.
_TAIL = re.compile(
    r"(?:\s*(?:이라고|라고)\s*(?:합니다|해요|하고요|불러\s*주세요|부릅니다)"
    r"|\s*(?:입니다|이에요|예요|이예요|에요|이고요|이구요|인데요|이요|요))"
    r"[\s.!~^…]*$")
_TRAILING_PUNCTUATION = re.compile(r"[\s.!~^…,]+$")
# The commonest Korean surnames (names.yaml): a bare three-syllable word typed at the consent notice that
# starts with one is most likely the person's name, given a step early.
_SURNAMES: frozenset[str] = frozenset(
    yaml.safe_load(Path(__file__).with_name("names.yaml").read_text(encoding="utf-8"))["surnames"])
_HANGUL_NAME = re.compile(r"^[가-힣]{2,4}$")
_LATIN_NAME = re.compile(r"^[A-Za-z][A-Za-z'.-]*(?: [A-Za-z][A-Za-z'.-]*){0,2}$")
_CAPITALISED_NAME = re.compile(r"^[A-Z][a-z'.-]+(?: [A-Z][a-z'.-]+){1,2}$")
# An e-mail address typed carelessly (no dot after the @): still contact data.
_LOOSE_EMAIL = re.compile(r"[^\s@]@[^\s@]*[A-Za-z]")
# Format characters (zero-width joiners and spaces, bidi marks, overrides and isolates) and controls.
_INVISIBLE = {"Cf", "Cc", "Co", "Cs", "Zl", "Zp"}


def visible(text: str) -> str:
    """`text` without invisible and direction-changing characters, spaces made single."""
    kept = "".join(ch for ch in unicodedata.normalize("NFC", text) if unicodedata.category(ch) not in _INVISIBLE)
    return " ".join(kept.split())


def extract_name(text: str) -> str:
    """The name in `text`, with the sentence around it taken off (the text itself if nothing fits)."""
    name = visible(text)
    name = _LEAD.sub("", name)
    stripped = _TAIL.sub("", name)
    # "요" alone may end a name (이요): only take it off what is left of a longer answer.
    if stripped and (len(stripped) >= 2 or stripped == name):
        name = stripped
    return _TRAILING_PUNCTUATION.sub("", name).strip()


def is_plausible_name(name: str, limit: int) -> bool:
    """One short line that is not a phone number or e-mail address typed a step early."""
    return bool(name) and len(name) <= limit and normalise_contact(name) is None


def typed_before_consent(text: str) -> str | None:
    """"[name]" or "[contact]" when `text`, typed while the consent notice is still on screen, is the name or
    contact the flow is about to ask for; None when it reads as anything else (a question, a remark).

    People often type their details straight away instead of pressing 동의 first ("Minji Park", then an
    address). Without consent those must not be logged nor answered as questions. A name is recognised
    only where it is unmistakable: framed as one (제 이름은 …, …입니다, My name is …) and name-shaped, or a
    bare name in its usual form (three syllables starting with a common surname; capitalised Latin words).
    """
    shown = visible(text)
    if mask_personal(shown) != shown or _LOOSE_EMAIL.search(shown) or normalise_contact(shown) is not None:
        return "[contact]"
    name = extract_name(shown)
    framed = name != _TRAILING_PUNCTUATION.sub("", shown)
    if framed and (_HANGUL_NAME.match(name) and name[0] in _SURNAMES or _LATIN_NAME.match(name)):
        return "[name]"
    if len(name) == 3 and _HANGUL_NAME.match(name) and name[0] in _SURNAMES or _CAPITALISED_NAME.match(name):
        return "[name]"
    return None

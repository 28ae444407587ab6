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

from store import normalise_contact

# Before the name: 저는 / 제 이름은 / 이름은 / 나는 ... ; My name is / I am / I'm / This is / It's
_LEAD = re.compile(
    r"^(?:(?:안녕하세요|네|예)[\s,.!]*)?(?:(?:저는|전|제\s*이름은|제\s*성함은|이름은|성함은|나는|난)\s*"
    r"|(?:my\s+name\s+is|my\s+name's|i\s+am|i'm|im|this\s+is|it's|it\s+is|name\s*:)\s+)",
    re.IGNORECASE)
# After the name: 입니다 / 이에요 / 예요 / 요 / (이)라고 합니다 / 이고요 ... and punctuation.
_TAIL = re.compile(
    r"(?:\s*(?:이라고|라고)\s*(?:합니다|해요|하고요|불러\s*주세요|부릅니다)"
    r"|\s*(?:입니다|이에요|예요|이예요|에요|이고요|이구요|인데요|이요|요))"
    r"[\s.!~^…]*$")
_TRAILING_PUNCTUATION = re.compile(r"[\s.!~^…,]+$")
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

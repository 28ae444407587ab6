"""Recognising the phone number or e-mail address a user gives for a follow-up (pure, no I/O).

People type numbers every way: 010-1234-5678, 010 1234 5678, 01012345678, +82 10-1234-5678,
+82 (0)10 1234 5678, full-width digits from a Korean keyboard, or a sentence around it
("제 번호는 010 1234 5678 입니다"). All of these come out as ("phone", "010-1234-5678").
Besides mobile numbers, office lines (02, 0NN area codes, 070) and 15xx/16xx/18xx representative
numbers are accepted, since companies often give those.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Literal

ContactKind = Literal["phone", "email"]

# Dashes a phone keyboard or a word processor may produce, beyond the ASCII hyphen; ㅡ is the Korean vowel,
# typed as a dash on a Korean keyboard. The one list: handlers/personal_data.py masks with it too.
DASHES = "‐‑‒–—―−ｰー﹘﹣ㅡ"
# Everything that may stand between the digits of a phone number, as a regex character class body.
PHONE_SEPARATORS = r"\s\-.()" + DASHES
_DASHES = dict.fromkeys(map(ord, DASHES), "-")

_PHONE_CHARS = re.compile(r"^\+?[\d\s\-.()]+$", re.ASCII)
# A run of characters that could be a phone number inside a sentence.
_PHONE_RUN = re.compile(r"(?<![A-Za-z0-9@+])(?:\+|00)?\d[\d\s\-.()]{6,}\d(?![A-Za-z0-9@])", re.ASCII)

_EMAIL = re.compile(
    r"(?<![A-Za-z0-9.+_-])"
    r"(?P<local>[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*)"
    r"@(?P<domain>(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63})"
    r"(?![A-Za-z0-9_-])",
    re.ASCII,
)

# (pattern on the domestic digits, lengths of the leading groups; the last group is always 4 digits)
_PHONE_FORMS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"010\d{8}", re.ASCII), 3),                 # mobile, 010-XXXX-XXXX
    (re.compile(r"01[16789]\d{7,8}", re.ASCII), 3),         # older mobile prefixes
    (re.compile(r"02\d{7,8}", re.ASCII), 2),                # Seoul
    (re.compile(r"0(?:3[1-3]|4[1-4]|5[1-5]|6[1-4])\d{7,8}", re.ASCII), 3),  # area codes (055: Changwon)
    (re.compile(r"070\d{8}", re.ASCII), 3),                 # internet phone
)
_REPRESENTATIVE = re.compile(r"1[568]\d{6}", re.ASCII)              # 1588-XXXX and the like


def _phone(text: str) -> str | None:
    """The canonical form of one phone number written alone, or None."""
    if not _PHONE_CHARS.match(text):
        return None
    digits = re.sub(r"\D", "", text, flags=re.ASCII)
    international = text.startswith("+") or digits.startswith("0082")
    if digits.startswith("0082"):
        digits = digits[2:]
    if international or (digits.startswith("82") and len(digits) in (11, 12, 13)):
        if not digits.startswith("82"):
            return None  # another country's number
        # +82 10 ... drops the trunk 0; people often keep it anyway: +82 (0)10 ... or +82 010 ...
        rest = digits[2:]
        digits = rest if rest.startswith("0") else "0" + rest
    if _REPRESENTATIVE.fullmatch(digits):
        return f"{digits[:4]}-{digits[4:]}"
    for pattern, head in _PHONE_FORMS:
        if pattern.fullmatch(digits):
            return f"{digits[:head]}-{digits[head:-4]}-{digits[-4:]}"
    return None


def _email(match: re.Match[str]) -> str | None:
    local, domain = match["local"], match["domain"]
    address = f"{local}@{domain.lower()}"
    return address if len(local) <= 64 and len(address) <= 254 else None


def normalise_contact(text: str) -> tuple[ContactKind, str] | None:
    """("phone", "010-1234-5678") or ("email", "name@example.com"), or None if `text` holds neither.

    A sentence around a single number or address is fine; two different ones are ambiguous (None).
    """
    if not text:
        return None
    # Dashes before NFKC too: it turns ㅡ into a combining vowel that no longer reads as a dash.
    text = unicodedata.normalize("NFKC", text.translate(_DASHES)).translate(_DASHES).strip()
    if len(text) > 320:
        return None
    phone = _phone(text)
    if phone:
        return "phone", phone
    found: set[tuple[ContactKind, str]] = set()
    for match in _EMAIL.finditer(text):
        address = _email(match)
        if address:
            found.add(("email", address))
    without_emails = _EMAIL.sub(" ", text)
    for match in _PHONE_RUN.finditer(without_emails):
        numbers = _phones_in_run(match.group())
        if numbers is None:
            return None  # digits we cannot read: better to ask again than to guess
        found.update(("phone", n) for n in numbers)
    return found.pop() if len(found) == 1 else None


def _phones_in_run(run: str) -> list[str] | None:
    """Phone numbers in a run of digits and separators, read left to right, longest first.

    "010-1234-5678 (010 1234 5678)" holds the same number twice; None if some digits fit no number.
    """
    groups = re.findall(r"\+?\d+", run, flags=re.ASCII)
    numbers, start = [], 0
    while start < len(groups):
        for end in range(len(groups), start, -1):
            number = _phone(" ".join(groups[start:end]))
            if number:
                numbers.append(number)
                start = end
                break
        else:
            return None
    return numbers


def mask_contact(contact: str | None) -> str:
    """A contact shown with most of it hidden (010-****-5678, h***@example.com), e.g. for /mydata."""
    if not contact:
        return ""
    if "@" in contact:
        local, _, domain = contact.partition("@")
        return f"{local[:1]}***@{domain}"
    return re.sub(r"(?<=-)\d{3,4}(?=-)", lambda m: "*" * len(m.group()), contact)

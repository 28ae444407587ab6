"""Phone numbers and e-mail addresses taken out of free text before it is logged.

The enquiry log keeps what people ask, not who they are: a name or contact belongs on a ticket, given
with consent (handlers/followup.py). People still type their number into a question ("010 1234 5678로
연락 주세요"), or type it after a restart lost their place in the follow-up flow; the recorder logs such
text with the number as "[phone]" and the address as "[email]".

Candidates are found liberally here and confirmed with store.contact.normalise_contact, which reads
every usual spelling (dashes, spaces, dots, +82, full-width digits); a run of digits that holds a
mobile number among other digits is masked as a whole. Hiding a little too much is the safe side.
"""
from __future__ import annotations

import re

from store import normalise_contact
from store.contact import PHONE_SEPARATORS

PHONE = "[phone]"
EMAIL = "[email]"

# Full-width ASCII (a Korean keyboard's ０１０, ＠, ．) is logged as plain ASCII, so that it is found as well.
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
# Anything shaped like an address. Each pattern may only start where a run of its characters starts
# (the lookbehinds): otherwise a 4,000-character message without spaces is scanned again from every one
# of its positions, which is quadratic (120-160 ms; now well under 5 ms, bench/bench_masking.py).
_ADDRESS_CHAR = r"[^\s@<>()\[\],;:\"']"
# The part after the @ needs no dot: "minji.park@example", typed carelessly, is still someone's address. The
# lengths are an address's limits (RFC 5321: 64 before the @, 255 after), so a long run is no address.
_EMAIL = re.compile(rf"(?<!{_ADDRESS_CHAR}){_ADDRESS_CHAR}{{1,64}}@(?=[^\s@]*[A-Za-z]){_ADDRESS_CHAR}{{1,255}}"
                    rf"(?!{_ADDRESS_CHAR})")
# A run of digits and the separators people put in numbers (store.contact's list), with an optional + in front.
_DIGIT_RUN = re.compile(rf"(?:\+\s*)?(?<!\d)\d[\d{PHONE_SEPARATORS}]{{6,}}\d")
# A mobile number inside a longer run of digits (with or without the country code).
_MOBILE = re.compile(r"(?:82)?0?1[016789]\d{7,8}")


def mask_personal(text: str) -> str:
    """`text` with every phone number as "[phone]" and every e-mail address as "[email]"."""
    if not text:
        return text
    text = text.translate(_FULL_WIDTH)
    text = _EMAIL.sub(EMAIL, text)
    return _DIGIT_RUN.sub(_phone_or_keep, text)


def _phone_or_keep(match: re.Match[str]) -> str:
    run = match.group()
    if normalise_contact(run) is not None or _MOBILE.search(re.sub(r"\D", "", run)):
        return PHONE
    return run

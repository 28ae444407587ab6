"""Staff accounts for the web view: STAFF_WEB_ACCOUNTS="kim:pbkdf2_sha256$...,lee:pbkdf2_sha256$..."

Only password hashes are kept (datasette-auth-passwords' PBKDF2-SHA256 with 480,000 rounds, made by
`python bot.py web hash-password`); a password itself is never stored or logged.
"""
from __future__ import annotations

import re

ENV = "STAFF_WEB_ACCOUNTS"
_NAME = re.compile(r"^[A-Za-z0-9._-]{1,40}$")
_HASH = re.compile(r"^pbkdf2_sha256\$\d+\$[^$]+\$[A-Za-z0-9+/=]+$")



def hash_password(password: str, *, iterations: int | None = None) -> str:
    """datasette-auth-passwords' own hash (imported here: its package loads all of Datasette)."""
    from datasette_auth_passwords.utils import hash_password as plugin_hash

    return plugin_hash(password) if iterations is None else plugin_hash(password, iterations=iterations)


class AccountsError(ValueError):
    """STAFF_WEB_ACCOUNTS cannot be used; the message says what is wrong without repeating any hash."""


def parse_accounts(value: str | None) -> dict[str, str]:
    """{name: hash} from "name:hash" pairs separated by commas, spaces or line breaks."""
    accounts: dict[str, str] = {}
    for position, pair in enumerate(re.split(r"[,\s]+", (value or "").strip()), start=1):
        if not pair:
            continue
        name, colon, hashed = pair.partition(":")
        if not colon or not _NAME.match(name):
            raise AccountsError(f"{ENV}: entry {position} must be name:hash with a name of letters, digits, . _ -")
        if not _HASH.match(hashed):
            raise AccountsError(f"{ENV}: the hash of {name!r} is not one `python bot.py web hash-password` makes")
        if name in accounts:
            raise AccountsError(f"{ENV}: {name!r} is listed twice")
        accounts[name] = hashed
    return accounts

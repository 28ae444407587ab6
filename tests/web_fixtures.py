"""A staff web view over a real SQLite file, for the web tests: accounts, Datasette, logging in."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from web.accounts import hash_password
from web.server import build_datasette

# Fewer PBKDF2 rounds than real hashes (480,000) keep the tests quick; verification reads them from the hash.
ACCOUNTS = {"kim": hash_password("correct-horse-battery", iterations=1000),
            "lee": hash_password("another-long-password", iterations=1000)}
PASSWORD = "correct-horse-battery"
# Names that must not show to anyone who has not logged in.
SECRET_NAMES = ("enquiries", "tickets", "ticket_messages", "feedback", "outbox", "blocked_users",
                "문의 기록", "담당자 문의", "미처리 문의", "open_tickets")


def datasette_for(db_path: Path, kb: Any = None) -> Any:
    return build_datasette(db_path, ACCOUNTS, kb=kb, secret="test-secret")


async def log_in(ds: Any, name: str = "kim", password: str = PASSWORD) -> Any:
    """Log in through the login form as a browser does (CSRF token included); returns the POST response."""
    page = await ds.client.get("/-/login")
    token = re.search(r'name="csrftoken" value="([^"]+)"', page.text).group(1)
    return await ds.client.post("/-/login", data={"username": name, "password": password, "csrftoken": token},
                                cookies={"ds_csrftoken": page.cookies["ds_csrftoken"]})

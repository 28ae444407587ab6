"""Files that quote what people asked (exports, reports, suggestion patches) or keep a key: this user's only.

The database itself is created private by store/database.py (it also checks an existing file's header).
"""
from __future__ import annotations

import os
from pathlib import Path


def private_file(path: str | os.PathLike[str]) -> Path:
    """Create (or empty) `path` readable and writable by this user only, before anything is written to it.

    Exports hold names, phone numbers and questions. An existing file keeps the mode it is given here
    when it is then opened for writing; a symbolic link is refused rather than followed.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        os.fchmod(fd, 0o600)  # an existing file keeps its old mode through O_CREAT
    finally:
        os.close(fd)
    return path


def write_private(path: str | os.PathLike[str], data: bytes | str) -> Path:
    """Write `data` (text as UTF-8) to a private_file(path); OSError if it cannot be written."""
    path = private_file(path)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path

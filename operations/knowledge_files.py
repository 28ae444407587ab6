"""The knowledge and intent YAML files as a whole: what changed (for the watcher) and which version.

Telegram-free, so that `python bot.py status` can compare the running bot's version with the files.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

YAML_SUFFIXES = (".yaml", ".yml")


def yaml_files(folders: tuple[Path, ...]) -> list[Path]:
    return sorted(p for folder in folders if folder.is_dir() for p in folder.rglob("*")
                  if p.suffix in YAML_SUFFIXES and p.is_file())


def signature(folders: tuple[Path, ...]) -> tuple:
    """What changes when a file is saved, added, renamed or removed (cheap: stat only)."""
    out = []
    for path in yaml_files(folders):
        try:
            info = path.stat()
        except OSError:  # removed while looking
            continue
        out.append((str(path), info.st_size, info.st_mtime_ns))
    return tuple(out)


def version(folders: tuple[Path, ...]) -> str:
    """A short hash of every YAML file's place and content: the same files give the same version."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in yaml_files((folder,)):
            digest.update(str(path.relative_to(folder)).encode() + b"\0")
            try:
                digest.update(path.read_bytes())
            except OSError:
                continue
    return digest.hexdigest()[:12]

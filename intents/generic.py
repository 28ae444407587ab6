"""Words that say what a program does (build, foster, strengthen), not what it is about: intents/lexicon/generic.yaml.

A program's name pairs its topic with such a word (수소충전소 구축, 강소기업 육성). Where only one program of a small
knowledge base writes it, its rarity makes it look telling, and a question pairing it with a topic of its own
(`사무실 구축`, `스마트팩토리 구축`) was answered with that program. The matcher counts these words among its generic
ones (intents/matcher.py `_generic_terms`), beside those most programs write: no topic, no name, no relation.
"""
from __future__ import annotations

from pathlib import Path

from intents.lexicon import LEXICON_DIR, read_yaml

GENERIC_FILE = LEXICON_DIR / "generic.yaml"


def action_words(path: Path = GENERIC_FILE) -> tuple[str, ...]:
    """The Korean and English action words, as written (the caller reads them with its analyser)."""
    data = read_yaml(path) if path.exists() else {}
    return tuple(str(w) for key in ("action_words_ko", "action_words_en") for w in data.get(key) or ())

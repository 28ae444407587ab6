"""A reviewed patch (patch.py's YAML, after staff deleted what they rejected) as evaluation cases.

Every line left under `questions:` becomes a case expecting its item; a new FAQ whose id staff filled in
becomes cases expecting that id (once the FAQ is in the knowledge files). The format is the evaluation
case format of docs/matching.md, tagged `suggested` so that eval reports them apart.
"""
from __future__ import annotations

import re
from typing import Any

import yaml

from knowledge.model import KnowledgeBase

ID = re.compile(r"^[a-z0-9-]+$")
TAG = "suggested"


class PatchError(ValueError):
    """The reviewed patch cannot be read; the message says where."""


def cases_from_patch(text: str, kb: KnowledgeBase | None = None) -> list[dict[str, Any]]:
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        raise PatchError(f"not YAML: {error}") from None
    if not isinstance(data, dict):
        raise PatchError("expected the keys questions: and new_faqs:")
    cases: list[dict[str, Any]] = []
    for position, entry in enumerate(data.get("questions") or [], start=1):
        item_id = entry.get("id") if isinstance(entry, dict) else None
        if not isinstance(item_id, str) or not ID.match(item_id):
            raise PatchError(f"questions entry {position}: no valid id")
        if kb is not None and kb.get(item_id) is None:
            raise PatchError(f"questions entry {position}: {item_id!r} is not in the knowledge base")
        for text in entry.get("questions") or entry.get("examples") or []:
            cases.append({"text": str(text), "expect": item_id, "tags": [TAG]})
    for position, entry in enumerate(data.get("new_faqs") or [], start=1):
        item_id = (entry or {}).get("id") if isinstance(entry, dict) else None
        if not item_id:
            continue  # not made into an FAQ (yet)
        if not isinstance(item_id, str) or not ID.match(item_id):
            raise PatchError(f"new_faqs entry {position}: id {item_id!r} must be lower-case letters, digits and -")
        for text in entry.get("questions") or []:
            cases.append({"text": str(text), "expect": item_id, "tags": [TAG, "new-faq"]})
    return cases


def render_cases(cases: list[dict[str, Any]]) -> str:
    header = ("# Regression cases from a reviewed `python bot.py suggest` patch (docs/staff-web.md).\n"
              "# Score them with: python bot.py eval THIS_FILE\n")
    return header + yaml.safe_dump(cases, allow_unicode=True, sort_keys=False, width=110)

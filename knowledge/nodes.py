"""Small helpers over PyYAML's node tree for the optional structured fields (criteria, windows).

The loader reads every file with `yaml.compose`, so each value keeps the line it was written on; the
parsers of eligibility.py and windows.py report problems through the loader's per-file reporter, which
only needs `error(line, message, hint)` and `warning(line, message, hint)`.
"""
from __future__ import annotations

import difflib
from typing import Iterable, Protocol

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

NULL_TAG = "tag:yaml.org,2002:null"


class Reporter(Protocol):
    def error(self, line: int, message: str, hint: str | None = None) -> None: ...

    def warning(self, line: int, message: str, hint: str | None = None) -> None: ...


def line(node: Node) -> int:
    return node.start_mark.line + 1


def is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == NULL_TAG


def scalar(node: Node) -> str | None:
    """The stripped text of a plain value, or None for anything else (a list, a map, null, empty)."""
    if isinstance(node, ScalarNode) and not is_null(node) and node.value.strip():
        return node.value.strip()
    return None


def words(node: Node) -> list[tuple[str, int]] | None:
    """A list of words (a single word counts as a list of one) with their lines; None if not that shape."""
    if isinstance(node, ScalarNode):
        value = scalar(node)
        return [] if value is None else [(value, line(node))]
    if isinstance(node, SequenceNode):
        out = []
        for item in node.value:
            value = scalar(item)
            if value is None:
                return None
            out.append((value, line(item)))
        return out
    return None


def mapping(node: Node) -> list[tuple[str, Node, Node]] | None:
    """(key, key node, value node) of a mapping with plain keys; None if the node is not a mapping."""
    if not isinstance(node, MappingNode):
        return None
    return [(k.value.strip() if isinstance(k, ScalarNode) else "", k, v) for k, v in node.value]


def closest(word: str, choices: Iterable[str]) -> str | None:
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return found[0] if found else None


def did_you_mean(word: str, choices: Iterable[str], label: str) -> str:
    choices = list(choices)
    guess = closest(word.lower().replace(" ", "_").replace("-", "_"), choices)
    return (f"did you mean '{guess}'? " if guess else "") + f"{label}: {' | '.join(choices)}"

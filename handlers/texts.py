"""The bot's own message texts, read from handlers/texts.yaml and handlers/texts_*.yaml (Korean and English).

Each conversation area may keep its texts in a file of its own (texts_followup.yaml, texts_staff.yaml);
they are merged, and a key written in two files is an error.

    texts = Texts.load()
    texts.get("start.greeting", "ko", name=user.first_name)

Values passed to `get` are HTML-escaped before they are inserted, because they are almost always user or
knowledge texts; pass `Html(...)` for a fragment that is already valid Telegram HTML.
"""
from __future__ import annotations

import html
import string
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import yaml

from knowledge.loader import LANGS  # the bot speaks the knowledge's languages: one list

TEXTS_FILE = Path(__file__).with_name("texts.yaml")
# libyaml's loader when PyYAML was built with it (several times faster), else the pure-Python one.
SAFE_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DEFAULT_LANG = "ko"
__all__ = ["DEFAULT_LANG", "LANGS", "Html", "Texts", "TextsError", "escape", "placeholders", "read_yaml", "shorten"]


class Html(str):
    """A string that is already Telegram HTML: inserted into a text without escaping."""


class TextsError(ValueError):
    """texts.yaml is missing a language, a key, or has mismatched placeholders."""


def shorten(text: str | None, limit: int, *, keep_lines: bool = False) -> str:
    """At most `limit` characters, cut at a character and marked with …; one line unless `keep_lines`."""
    text = (text or "").strip() if keep_lines else " ".join((text or "").split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def escape(value: object) -> str:
    """Escape a value for Telegram HTML unless it is marked as `Html` already."""
    if isinstance(value, Html):
        return str(value)
    return html.escape(str(value), quote=False)


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@dataclass(frozen=True)
class Texts:
    """Flat mapping "section.key" -> {lang: template}."""

    entries: Mapping[str, Mapping[str, str]]

    @classmethod
    def load(cls, path: Path = TEXTS_FILE) -> "Texts":
        """texts.yaml, then every texts_*.yaml beside it, merged into one."""
        merged: dict[str, Mapping[str, str]] = {}
        for file_path in [path, *sorted(path.parent.glob(f"{path.stem}_*.yaml"))]:
            data = read_yaml(file_path)
            entries = cls.from_mapping(data, origin=str(file_path)).entries
            twice = sorted(set(entries) & set(merged))
            if twice:
                raise TextsError(f"{file_path}: keys already written in another texts file: {', '.join(twice)}")
            merged.update(entries)
        return cls(merged)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], *, origin: str = "texts") -> "Texts":
        entries: dict[str, dict[str, str]] = {}
        problems: list[str] = []
        _flatten(data, "", entries, problems)
        for key, by_lang in entries.items():
            missing = [lang for lang in LANGS if not str(by_lang.get(lang, "")).strip()]
            if missing:
                problems.append(f"{key}: no text for {', '.join(missing)}")
                continue
            names = {lang: placeholders(by_lang[lang]) for lang in LANGS}
            if len({frozenset(v) for v in names.values()}) > 1:
                problems.append(f"{key}: the languages use different placeholders {names}")
        if problems:
            raise TextsError(f"{origin}: " + "; ".join(problems))
        return cls(entries)

    def keys(self, prefix: str = "") -> list[str]:
        """Keys under `prefix` (e.g. "commands."), in file order."""
        return [key for key in self.entries if key.startswith(prefix)]

    def get(self, key: str, lang: str | None, /, **values: object) -> str:
        """The text `key` in `lang` (Korean when unknown) with `values` escaped and inserted."""
        by_lang = self.entries[key]  # a KeyError here is a bug in the code, caught by the tests
        template = by_lang.get(lang or DEFAULT_LANG) or by_lang[DEFAULT_LANG]
        if not values:
            return template
        return template.format_map({name: escape(value) for name, value in values.items()})


def read_yaml(path: Path) -> Any:
    """A YAML file of ours (texts, the consent notice), read once at start-up with the safe loader."""
    with path.open(encoding="utf-8") as file:
        return yaml.load(file, Loader=SAFE_LOADER) or {}  # noqa: S506 - a safe loader


def _flatten(node: Any, prefix: str, out: dict[str, dict[str, str]], problems: list[str]) -> None:
    """A mapping whose keys are all languages is one text; any other mapping is a section."""
    if isinstance(node, Mapping) and node and set(node) <= set(LANGS) and all(
        isinstance(v, str) for v in node.values()
    ):
        out[prefix] = {str(k): str(v) for k, v in node.items()}
        return
    if isinstance(node, Mapping):
        for key, value in node.items():
            _flatten(value, f"{prefix}.{key}" if prefix else str(key), out, problems)
        return
    problems.append(f"{prefix or '(top)'}: expected {{ko: ..., en: ...}}, found {type(node).__name__}")

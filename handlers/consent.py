"""The consent notice (개인정보 수집·이용 동의) shown before a follow-up asks for a name and contact.

Its text and version live in consent.yaml; it is loaded once at start-up (bot.build_application) and
reached as `context.services.consent`. Every ticket stores the version its author agreed to.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from handlers import callback_data as cb
from handlers.texts import LANGS, Texts, escape, placeholders, read_yaml

CONSENT_FILE = Path(__file__).with_name("consent.yaml")
AGREE = "fu:agree"                    # fu:agree:<consent version>: agreeing to that text, not another


@dataclass(frozen=True)
class Consent:
    """The 개인정보 수집·이용 동의 text in each language, and its version (stored on every ticket)."""

    version: str
    text: Mapping[str, str]

    def render(self, lang: str, retention: str) -> str:
        template = self.text.get(lang) or self.text["ko"]
        return template.format(retention=escape(retention))


def load_consent(path: Path = CONSENT_FILE) -> Consent:
    """consent.yaml, checked: a version, both languages, and only the {retention} placeholder."""
    data = read_yaml(path)
    version, text = data.get("version"), data.get("text") or {}
    problems = []
    if not isinstance(version, str) or not version.strip() or not cb.fits(f"{AGREE}:{version}"):
        problems.append("`version` must be a short text such as 2026-11-v1")
    for lang in LANGS:
        body = text.get(lang)
        if not isinstance(body, str) or not body.strip():
            problems.append(f"no text for {lang}")
        elif placeholders(body) != {"retention"}:
            problems.append(f"the {lang} text must use {{retention}} and no other placeholder")
    if problems:
        raise ValueError(f"{path}: " + "; ".join(problems))
    return Consent(version.strip(), {lang: text[lang] for lang in LANGS})


def retention_text(texts: Texts, lang: str, days: int) -> str:
    """RETENTION_DAYS as people say it: 1년, 2년, 90일."""
    if days % 365 == 0:
        years = days // 365
        return texts.get("followup.retention_one_year", lang) if years == 1 else texts.get(
            "followup.retention_years", lang, years=years)
    return texts.get("followup.retention_days", lang, days=days)

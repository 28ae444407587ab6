"""The one short line under a card that says when its facts held and where they come from.

    ℹ️ 2025년 6월 기준 · 출처: newspim.com 외 4건

Knowledge items carry `as_of` (a year, month or day) and `sources` (web addresses or short descriptions);
a figure without its date is how an old amount passes for this year's, so every card that has either
shows it. The words are in texts.yaml (card.as_of_*); only the arithmetic is here.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from handlers.texts import Html, Texts, shorten
from knowledge.model import AsOf

SOURCE_LIMIT = 40  # characters of a source described in words before it is shortened


def when(as_of: AsOf, texts: Texts, lang: str) -> Html:
    """`2025년 6월` / `June 2025`: as precise as the knowledge says, no more."""
    if as_of.month is None:
        return Html(texts.get("card.as_of_year", lang, year=as_of.year))
    month_name = texts.get("card.month_names", lang).split()[as_of.month - 1]
    if as_of.day is None:
        return Html(texts.get("card.as_of_month", lang, year=as_of.year, month_name=month_name))
    return Html(texts.get("card.as_of_day", lang, year=as_of.year, month_name=month_name, day=as_of.day))


def source_label(source: str) -> str:
    """A web address as its site (`newspim.com`), anything else as written (shortened)."""
    if source.lower().startswith(("http://", "https://")):
        host = urlsplit(source).hostname or source
        for prefix in ("www.", "m.", "mobile."):
            if host.startswith(prefix) and host.count(".") > 1:
                host = host[len(prefix):]
        return host
    return shorten(source, SOURCE_LIMIT)


def provenance_line(as_of: AsOf | None, sources: tuple[str, ...], texts: Texts, lang: str) -> str | None:
    """The line for a card, or None when the item says neither when nor where from."""
    source: str | None = None
    if sources:
        first = source_label(sources[0])  # escaped where it is inserted, once
        source = (Html(texts.get("card.sources_more", lang, source=first, more=len(sources) - 1))
                  if len(sources) > 1 else first)
    if as_of is not None and source is not None:
        return texts.get("card.as_of_source", lang, when=when(as_of, texts, lang), source=source)
    if as_of is not None:
        return texts.get("card.as_of_only", lang, when=when(as_of, texts, lang))
    if source is not None:
        return texts.get("card.source_only", lang, source=source)
    return None

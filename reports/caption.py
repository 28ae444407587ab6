"""The caption under the report's picture in the staff chat: the summary and the top unanswered topics."""
from __future__ import annotations

from html import escape

from reports.charts import summary_items
from reports.figures import Figures
from reports.texts import ReportTexts

CAPTION_LIMIT = 1024     # Telegram's limit for a caption, counted after HTML tags are parsed
TOPIC_CHARS = 60


def caption(figures: Figures, texts: ReportTexts | None = None, *, limit: int = CAPTION_LIMIT) -> str:
    """HTML for Telegram: heading, one line per figure, then as many topics as fit under `limit`."""
    texts = texts or ReportTexts.load()
    period = texts("period", first=texts.day(figures.first_day), last=texts.day(figures.last_day))
    lines = [texts("telegram.heading", title=escape(texts("title")), period=escape(period))]
    if not figures.questions and not figures.tickets:
        lines.append(escape(texts("telegram.no_figures")))
    lines += [f"{escape(label)}: {escape(value)}" for label, value in summary_items(figures, texts)]
    if figures.topics:
        lines += ["", texts("telegram.topics")]
        for group in figures.topics:
            text = group.text if len(group.text) <= TOPIC_CHARS else group.text[: TOPIC_CHARS - 1] + "…"
            line = texts("telegram.topic", text=escape(text), count=group.count)
            if _visible_length("\n".join([*lines, line])) > limit:
                break
            lines.append(line)
    return "\n".join(lines)


def _visible_length(html: str) -> int:
    """Characters Telegram counts: tags removed and entities as one character each."""
    import re
    from html import unescape

    return len(unescape(re.sub(r"<[^>]+>", "", html)))

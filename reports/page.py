"""The report as one self-contained HTML page: the picture embedded, and the tables behind it.

Everything from the database (questions people typed, program names) is escaped.
"""
from __future__ import annotations

import base64
from datetime import datetime
from html import escape

from reports.charts import summary_items
from reports.figures import Figures
from reports.texts import ReportTexts
from store.database import KST

STYLE = """
body { font-family: "NanumGothic", "Noto Sans CJK KR", "Malgun Gothic", sans-serif; margin: 2rem auto;
       max-width: 1100px; padding: 0 1rem; color: #222; line-height: 1.6; background: #fafafa; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
.period { color: #555; margin-top: 0; }
.summary { display: flex; flex-wrap: wrap; gap: .8rem; padding: 0; list-style: none; }
.summary li { background: #fff; border: 1px solid #ddd; border-radius: 8px; padding: .6rem 1rem; min-width: 9rem; }
.summary b { display: block; font-size: 1.4rem; color: #1d3d63; }
img { max-width: 100%; border: 1px solid #ddd; border-radius: 8px; background: #fff; }
table { border-collapse: collapse; background: #fff; width: 100%; }
th, td { border: 1px solid #ddd; padding: .4rem .6rem; text-align: left; vertical-align: top; }
th { background: #eef2f7; } td.n { text-align: right; white-space: nowrap; }
.examples { color: #555; font-size: .92rem; } footer { color: #777; font-size: .85rem; margin-top: 2rem; }
"""


def render_html(figures: Figures, png: bytes | None, texts: ReportTexts | None = None,
                generated: datetime | None = None) -> str:
    texts = texts or ReportTexts.load()
    t = texts
    period = t("period", first=t.day(figures.first_day), last=t.day(figures.last_day))
    parts = [
        f'<!doctype html>\n<html lang="{t("html.lang")}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(t('title'))} {escape(period)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{escape(t('title'))}</h1>",
        f'<p class="period">{escape(period)}'
        + (f" · {escape(t('generated', time=generated.astimezone(KST).strftime('%Y-%m-%d %H:%M')))}" if generated else "")
        + "</p>",
        '<ul class="summary">',
        *(f"<li>{escape(label)}<b>{escape(value)}</b></li>" for label, value in summary_items(figures, texts)),
        "</ul>",
    ]
    if png:
        data = base64.b64encode(png).decode("ascii")
        parts.append(f'<p><img src="data:image/png;base64,{data}" alt="{escape(t("html.chart_alt"))}"></p>')
    parts += _topics(figures, t) + _programs(figures, t) + _days(figures, t)
    parts.append(f"<footer>{escape(t('html.footer'))}</footer></body></html>\n")
    return "\n".join(parts)


def _topics(figures: Figures, t: ReportTexts) -> list[str]:
    out = [f"<h2>{escape(t('html.topics_heading'))}</h2>"]
    if not figures.topics:
        return out + [f"<p>{escape(t('html.topics_none'))}</p>"]
    out.append(f"<table><tr><th>{escape(t('html.topics_question'))}</th><th>{escape(t('html.topics_count'))}</th>"
               f"<th>{escape(t('html.topics_examples'))}</th></tr>")
    for group in figures.topics:
        others = " / ".join(escape(e) for e in group.examples[1:4])
        out.append(f"<tr><td>{escape(group.text)}</td><td class=\"n\">{group.count}</td>"
                   f"<td class=\"examples\">{others}</td></tr>")
    out.append("</table>")
    if figures.unanswered_other:
        out.append(f"<p class=\"examples\">{escape(t('html.topics_other', n=figures.unanswered_other))}</p>")
    return out


def _programs(figures: Figures, t: ReportTexts) -> list[str]:
    out = [f"<h2>{escape(t('html.programs_heading'))}</h2>"]
    rows = {p.item_id: p for p in (*figures.programs, *figures.feedback)}
    if not rows:
        return out + [f"<p>{escape(t('html.programs_none'))}</p>"]
    out.append("<table><tr>" + "".join(f"<th>{escape(t(k))}</th>" for k in
               ("html.program", "html.asked", "html.helpful", "html.unhelpful")) + "</tr>")
    for p in sorted(rows.values(), key=lambda p: (-p.asked, -(p.helpful + p.unhelpful), p.name)):
        out.append(f"<tr><td>{escape(p.name)}</td><td class=\"n\">{p.asked}</td><td class=\"n\">{p.helpful}</td>"
                   f"<td class=\"n\">{p.unhelpful}</td></tr>")
    return out + ["</table>"]


def _days(figures: Figures, t: ReportTexts) -> list[str]:
    keys = ("questions", "answered", "disliked", "suggested", "fallback", "tickets")
    out = [f"<h2>{escape(t('html.days_heading'))}</h2>", "<table><tr>"
           + "".join(f"<th>{escape(t('html.' + k))}</th>" for k in ("day", *keys)) + "</tr>"]
    for day in figures.days:
        out.append(f"<tr><td>{escape(t.day(day.day))}</td>"
                   + "".join(f"<td class=\"n\">{getattr(day, k)}</td>" for k in keys) + "</tr>")
    return out + ["</table>"]

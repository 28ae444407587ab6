"""The report's picture: four charts and a summary line, drawn with matplotlib in a Korean font.

Drawn on a Figure of its own (not pyplot's global state), so it can be drawn in a worker thread while the
bot goes on answering. Every text is drawn in the Korean font from fonts.py; characters that font lacks
(an emoji in a user's question) are left out of the picture rather than drawn as empty boxes. The HTML
page shows the questions in full.
"""
from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

from reports.figures import Figures
from reports.fonts import korean_font, missing_glyphs
from reports.texts import ReportTexts

LABEL_CHARS = 24          # a question or program name longer than this is shortened in the picture
SIZE_IN = (12.8, 10.0)    # inches; at DPI a 1280 x 1000 picture, readable on a phone in the staff chat
DPI = 100
MIN_ROWS = 6              # horizontal bar charts keep room for this many bars
COLOURS = {"answered": "#2e7d5b", "disliked": "#9bbf8a", "suggested": "#e0a526", "fallback": "#c8553d", "tickets": "#33507a",
           "programs": "#4a7fb5", "helpful": "#2e7d5b", "unhelpful": "#c8553d", "topics": "#8a6fb0"}
# matplotlib's rc settings are process-wide; one drawing at a time keeps them from mixing.
_DRAWING = threading.Lock()


def render_png(figures: Figures, texts: ReportTexts | None = None) -> bytes:
    """The report as PNG bytes."""
    texts = texts or ReportTexts.load()
    with _korean_rc():
        figure = draw(figures, texts)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def draw(figures: Figures, texts: ReportTexts):  # noqa: ANN201 - matplotlib.figure.Figure
    """The Figure, for callers (tests) that want to look at what was drawn; call inside _korean_rc()."""
    from matplotlib.figure import Figure
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    font = korean_font()
    # The bottom 4% kept for the summary line under the charts.
    figure = Figure(figsize=SIZE_IN, layout=ConstrainedLayoutEngine(h_pad=0.25, rect=(0, 0.04, 1, 0.96)))
    figure.suptitle(f"{texts('title')}   {texts('period', first=texts.day(figures.first_day), last=texts.day(figures.last_day))}",
                    fontsize=17, fontweight="semibold")  # Nanum Gothic Bold says it is 600
    grid = figure.subplots(2, 2)
    _per_day(grid[0][0], figures, texts)
    _bars(grid[0][1], texts("charts.programs"), [p.name for p in figures.programs],
          [p.asked for p in figures.programs], COLOURS["programs"], texts, font)
    _feedback(grid[1][0], figures, texts, font)
    _bars(grid[1][1], texts("charts.topics"), [g.text for g in figures.topics],
          [g.count for g in figures.topics], COLOURS["topics"], texts, font)
    figure.text(0.5, 0.005, summary_line(figures, texts), ha="center", va="bottom", fontsize=12, color="#333333")
    return figure


def summary_line(figures: Figures, texts: ReportTexts) -> str:
    """"문의 120건 · 챗봇이 바로 답변 68% · ...": the figures a chart does not show."""
    return " · ".join(f"{label} {value}" for label, value in summary_items(figures, texts))


def summary_items(figures: Figures, texts: ReportTexts) -> list[tuple[str, str]]:
    share = figures.answered_share
    return [
        (texts("summary.questions"), texts("summary.count", n=figures.questions)),
        (texts("summary.answered_share"),
         texts("summary.share", share=round(share * 100)) if share is not None else texts("summary.none")),
        (texts("summary.tickets"), texts("summary.count", n=figures.tickets)),
        (texts("summary.median_first_answer"), texts.duration(figures.median_first_answer_s)),
        (texts("summary.open_now"), texts("summary.count", n=figures.open_now)),
        (texts("summary.feedback"), f"{figures.helpful} / {figures.unhelpful}"),
    ]


def _per_day(ax, figures: Figures, texts: ReportTexts) -> None:  # noqa: ANN001 - matplotlib Axes
    labels = [texts.day(d.day) for d in figures.days]
    x = range(len(labels))
    bottom = [0] * len(labels)
    for key in ("answered", "disliked", "suggested", "fallback"):
        values = [getattr(d, key) for d in figures.days]
        ax.bar(x, values, bottom=bottom, color=COLOURS[key], label=texts(f"charts.per_day_{key}"), width=0.65)
        bottom = [b + v for b, v in zip(bottom, values)]
    ax.plot(list(x), [d.tickets for d in figures.days], color=COLOURS["tickets"], marker="o", linewidth=2,
            label=texts("charts.per_day_tickets"))
    ax.set_xticks(list(x), labels)
    ax.set_title(texts("charts.per_day"), fontsize=14, loc="left")
    ax.set_ylabel(texts("charts.count_axis"))
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="upper left", fontsize=9, frameon=False, ncols=2)
    ax.set_ylim(0, max([*bottom, *(d.tickets for d in figures.days), 1]) * 1.35)
    _tidy(ax, grid="y")


def _bars(ax, title: str, labels: list[str], values: list[int], colour: str, texts: ReportTexts,  # noqa: ANN001
          font: Path) -> None:
    ax.set_title(title, fontsize=14, loc="left")
    if not values:
        _empty(ax, texts)
        return
    y = range(len(values))
    ax.barh(list(y), values, color=colour, height=0.6)
    ax.set_yticks(list(y), [drawable(label, font) for label in labels])
    _rows(ax, len(values))
    for position, value in zip(y, values):
        ax.text(value, position, f" {value}", va="center", fontsize=10)
    ax.set_xlim(0, max(values) * 1.15)
    ax.xaxis.get_major_locator().set_params(integer=True)
    _tidy(ax)


def _feedback(ax, figures: Figures, texts: ReportTexts, font: Path) -> None:  # noqa: ANN001
    ax.set_title(texts("charts.feedback"), fontsize=14, loc="left")
    rated = figures.feedback
    if not rated:
        _empty(ax, texts)
        return
    y = list(range(len(rated)))
    helpful = [p.helpful for p in rated]
    unhelpful = [p.unhelpful for p in rated]
    ax.barh(y, helpful, color=COLOURS["helpful"], height=0.6, label=texts("charts.helpful"))
    ax.barh(y, unhelpful, left=helpful, color=COLOURS["unhelpful"], height=0.6, label=texts("charts.unhelpful"))
    ax.set_yticks(y, [drawable(p.name, font) for p in rated])
    _rows(ax, len(rated))
    ax.set_xlim(0, max(h + u for h, u in zip(helpful, unhelpful)) * 1.15)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), fontsize=9, frameon=False, ncols=2)
    _tidy(ax)


def _rows(ax, count: int) -> None:  # noqa: ANN001
    """Room for MIN_ROWS bars at least, the biggest at the top: one bar is a bar, not a wall."""
    ax.set_ylim(max(count, MIN_ROWS) - 0.5, -0.5)


def _empty(ax, texts: ReportTexts) -> None:  # noqa: ANN001
    ax.text(0.5, 0.5, texts("charts.empty"), ha="center", va="center", fontsize=12, color="#777777",
            transform=ax.transAxes)
    ax.set_axis_off()


def _tidy(ax, grid: str = "x") -> None:  # noqa: ANN001
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis=grid, color="#dddddd", linewidth=0.8)
    ax.set_axisbelow(True)


def drawable(text: str, font: Path, limit: int = LABEL_CHARS) -> str:
    """A label the font can draw: characters it lacks left out, one line, shortened to `limit`."""
    missing = missing_glyphs(text, font)
    text = " ".join("".join(ch for ch in text if ch not in missing).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _korean_rc:
    """Draw with the Korean font as matplotlib's default family (and the Agg backend), one drawing at a time."""

    def __enter__(self) -> None:
        import matplotlib
        from matplotlib import font_manager

        _DRAWING.acquire()
        try:
            path = korean_font()
            font_manager.fontManager.addfont(str(path))
            name = font_manager.FontProperties(fname=str(path)).get_name()
            self._context = matplotlib.rc_context({"font.family": [name], "axes.unicode_minus": False,
                                                  "svg.fonttype": "none"})
            self._context.__enter__()
        except BaseException:
            _DRAWING.release()
            raise

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        try:
            self._context.__exit__(kind, error, traceback)
        finally:
            _DRAWING.release()


def texts_drawn(figure) -> Iterator[tuple[str, str]]:  # noqa: ANN001
    """(text, font file) of every non-empty text in the figure: what a glyph check looks at."""
    from matplotlib import font_manager
    from matplotlib.text import Text

    figure.draw_without_rendering()  # lay out tick labels, which exist only once drawn
    for artist in figure.findobj(Text):
        text = artist.get_text()
        if text.strip() and artist.get_visible():
            yield text, font_manager.findfont(artist.get_fontproperties(), fallback_to_default=False)

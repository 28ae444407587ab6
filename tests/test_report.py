"""The staff report: figures from a real SQLite file, the picture in a Korean font, the CLI's files."""
from __future__ import annotations

import stat
import warnings
from datetime import date, timedelta
from pathlib import Path

import pytest

from bot import main
from fakeclock import Clock
from report_data import MONDAY, UNANSWERED, fill_week
from reports.charts import _korean_rc, draw, render_png, texts_drawn
from reports.figures import collect, period
from reports.fonts import KOREAN_FAMILIES, korean_font, missing_glyphs
from reports.page import render_html
from reports.texts import ReportTexts
from store import EnquiryStore


@pytest.fixture
def week(tmp_path, kb):
    clock = Clock(MONDAY)
    store = EnquiryStore(tmp_path / "bot.db", clock=clock)
    filled = fill_week(store, clock, kb)
    yield store, filled
    store.close()


def figures_of(store, kb):
    since, until = period(MONDAY, 7, last_day=date(2025, 3, 9))
    return collect(store.db, since, until, kb=kb)


def test_the_week_is_counted_in_local_days(week, kb):
    store, filled = week
    figures = figures_of(store, kb)
    assert [d.day for d in figures.days] == [date(2025, 3, 3) + timedelta(days=n) for n in range(7)]
    monday, _, wednesday = figures.days[:3]
    # One of Monday's answers was rated 👎: not counted as answered, as /stats counts.
    assert (monday.questions, monday.answered, monday.disliked, monday.fallback, monday.tickets) == (10, 5, 1, 4, 1)
    assert (wednesday.questions, wednesday.answered, wednesday.suggested, wednesday.tickets) == (2, 1, 1, 2)
    assert sum(d.questions for d in figures.days[3:]) == 0
    assert figures.questions == filled.questions  # the button press and the command are not questions
    assert figures.answered_share == pytest.approx(filled.answered / filled.questions)
    assert figures.tickets == filled.tickets and figures.tickets_answered == 2
    assert figures.median_first_answer_s == pytest.approx(3 * 3600)  # median of 2 h and 4 h
    assert figures.open_now == 1


def test_programs_feedback_and_unanswered_topics(week, kb):
    store, filled = week
    figures = figures_of(store, kb)
    assert [(p.item_id, p.asked) for p in figures.programs] == [(filled.programs[0], 4), (filled.programs[1], 2),
                                                               (filled.programs[2], 1)]
    assert figures.programs[0].name == kb.programs[0].name.get("ko")
    assert [(p.item_id, p.helpful, p.unhelpful) for p in figures.feedback] == [(filled.programs[0], 2, 1)]
    # The three wordings of the parking question are one topic, the biggest.
    top = figures.topics[0]
    assert top.count == 3 and set(top.examples) == set(UNANSWERED[:3])
    assert {g.text for g in figures.topics} >= {"드론 교육 신청하고 싶어요", "절차가 궁금합니다"}


def test_a_period_outside_the_data_is_all_zeros(week, kb):
    store, _ = week
    since, until = period(MONDAY, 7, last_day=date(2025, 2, 1))
    figures = collect(store.db, since, until, kb=kb)
    assert figures.questions == 0 and figures.answered_share is None and not figures.topics
    assert render_png(figures).startswith(b"\x89PNG")  # empty charts draw a note, not an error


def test_the_font_check_would_see_boxes():
    """The check below can fail: matplotlib's own default font has no Hangul."""
    from matplotlib import font_manager

    dejavu = Path(font_manager.findfont("DejaVu Sans"))
    assert missing_glyphs("주간 보고서", dejavu) == set("주간보고서")
    assert missing_glyphs("Weekly 12", dejavu) == set()


def test_every_text_in_the_picture_has_its_glyphs(week, kb):
    store, _ = week
    figures = figures_of(store, kb)
    font = korean_font()
    assert any(family.replace(" ", "") in font.name.replace(" ", "") for family in KOREAN_FAMILIES), font
    with warnings.catch_warnings(record=True) as caught, _korean_rc():
        warnings.simplefilter("always")
        figure = draw(figures, ReportTexts.load())
        drawn = list(texts_drawn(figure))
        figure.savefig(Path("/dev/null"), format="png")
    assert not [w for w in caught if "missing from font" in str(w.message)]
    texts = " ".join(text for text, _ in drawn)
    # Titles, program names and the users' questions are all in the picture, in the Korean font.
    for expected in ("일별 문의 수", "챗봇이 답하지 못한 질문", kb.programs[0].name.get("ko")[:10], "주차장"):
        assert expected in texts
    from matplotlib.font_manager import FontProperties

    family = FontProperties(fname=font).get_name()
    for text, path in drawn:
        assert FontProperties(fname=path).get_name() == family, (text, path)  # the title is in its bold face
        assert not missing_glyphs(text, Path(path)), text


def test_an_emoji_in_a_question_is_left_out_of_the_picture(tmp_path, kb):
    clock = Clock(MONDAY)
    with EnquiryStore(tmp_path / "bot.db", clock=clock) as store:
        from intents.decision import Decision

        for _ in range(2):
            enquiry = store.enquiries.record(user_id=1, chat_id=1, lang="ko", text="행사 일정 🎉 알려주세요 <b>")
            store.enquiries.record_decision(enquiry, Decision("fallback"), 1.0)
        figures = figures_of(store, kb)
    with _korean_rc():
        drawn = [text for text, _ in texts_drawn(draw(figures, ReportTexts.load()))]
    assert "행사 일정 알려주세요 <b>" in drawn
    page = render_html(figures, None)
    assert "행사 일정 🎉 알려주세요 &lt;b&gt;" in page and "알려주세요 <b>" not in page


def test_cli_writes_png_and_html_readable_by_the_owner_only(week, tmp_path, capsys, kb):
    store, _ = week
    out = tmp_path / "out" / "weekly.html"
    assert main(["report", "--out", str(out), "--db", str(store.path), "--until", "2025-03-09"]) == 0
    png, html = out.with_suffix(".png"), out
    assert png.read_bytes().startswith(b"\x89PNG") and len(png.read_bytes()) > 20_000
    page = html.read_text(encoding="utf-8")
    assert "챗봇 문의 주간 보고서" in page and "3.3(월) ~ 3.9(일)" in page and "data:image/png;base64," in page
    assert "주차장은 어디에 있나요" in page and "김민수" not in page and "010-1234-5678" not in page
    for path in (png, html):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert capsys.readouterr().out.split() == [str(png), str(html)]


def test_cli_without_a_database_says_so(tmp_path, capsys):
    assert main(["report", "--out", str(tmp_path / "r.png"), "--db", str(tmp_path / "none.db")]) == 1
    assert "cannot read the database" in capsys.readouterr().err
    assert not (tmp_path / "none.db").exists()  # reading never creates the file
    assert main(["report", "--out", str(tmp_path / "r.png"), "--until", "2025-13-01"]) == 2

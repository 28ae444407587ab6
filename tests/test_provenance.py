"""The line under a card: when its facts held and where they come from, as precise as the knowledge says."""
from __future__ import annotations

import pytest

from handlers.provenance import provenance_line, source_label
from handlers.texts import Texts
from knowledge.model import AsOf

TEXTS = Texts.load()


@pytest.mark.parametrize("as_of, sources, ko, en", [
    (AsOf(2025), (), "ℹ️ 2025년 기준", "ℹ️ As of 2025"),
    (AsOf(2025, 6), ("https://www.newspim.com/news/view/1",), "ℹ️ 2025년 6월 기준 · 출처: newspim.com",
     "ℹ️ As of June 2025 · Source: newspim.com"),
    (AsOf(2024, 3, 5), ("https://m.sedaily.com/a", "2024년 공고문", "x"), "ℹ️ 2024년 3월 5일 기준 · 출처: sedaily.com 외 2건",
     "ℹ️ As of 5 March 2024 · Source: sedaily.com and 2 more"),
    (None, ("창원시 <보도자료> & 공고",), "ℹ️ 출처: 창원시 &lt;보도자료&gt; &amp; 공고",
     "ℹ️ Source: 창원시 &lt;보도자료&gt; &amp; 공고"),
])
def test_the_line_in_both_languages(as_of, sources, ko, en):
    assert provenance_line(as_of, sources, TEXTS, "ko") == ko
    assert provenance_line(as_of, sources, TEXTS, "en") == en


def test_nothing_known_gives_no_line_and_long_descriptions_are_shortened():
    assert provenance_line(None, (), TEXTS, "ko") is None
    assert source_label("http://cwip.or.kr/bbs/board.php?bo_table=b0503") == "cwip.or.kr"
    assert source_label("가" * 60).endswith("…") and len(source_label("가" * 60)) == 40

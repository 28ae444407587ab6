"""A font that has Hangul, found among the fonts the system has installed (Debian's fonts-nanum).

matplotlib's default font (DejaVu Sans) has no Hangul: Korean labels come out as empty boxes with only a
warning. The report refuses to draw rather than produce such a picture, and a test checks every glyph.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

# In order of preference: Debian's fonts-nanum, then Noto CJK (fonts-noto-cjk), then what other systems have.
KOREAN_FAMILIES = ("NanumGothic", "NanumBarunGothic", "Noto Sans CJK KR", "Noto Sans KR", "Malgun Gothic",
                   "AppleGothic")
INSTALL_HINT = "no font with Hangul found: install one, e.g. `apt-get install fonts-nanum`"


class FontMissing(RuntimeError):
    """No installed font can draw Korean text."""


@lru_cache(maxsize=1)
def korean_font() -> Path:
    """The file of the first installed font in KOREAN_FAMILIES that really has Hangul glyphs."""
    from matplotlib import font_manager

    for family in KOREAN_FAMILIES:
        try:
            path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
        except ValueError:
            continue
        if not missing_glyphs("가나다한글", Path(path)):
            return Path(path)
    raise FontMissing(INSTALL_HINT)


def missing_glyphs(text: str, font_path: Path) -> set[str]:
    """The characters of `text` (other than spaces and controls) that the font has no glyph for."""
    font = _font(str(font_path))
    return {ch for ch in set(text) if ch.isprintable() and not ch.isspace() and font.get_char_index(ord(ch)) == 0}


@lru_cache(maxsize=8)
def _font(path: str):  # noqa: ANN202 - matplotlib.ft2font.FT2Font
    from matplotlib.ft2font import FT2Font

    return FT2Font(path)

"""What masking phone numbers and e-mail addresses costs on long messages (handlers/personal_data.py).

    .venv/bin/python bench/bench_masking.py

Prints milliseconds per call for 4,096-character messages of several shapes, beside the patterns used
before (which could start a match at every position of a run: quadratic), and the ratio.
"""
from __future__ import annotations

import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from handlers import personal_data  # noqa: E402

OLD_EMAIL = re.compile(r"[^\s@<>()\[\],;:\"']+@[^\s@<>()\[\],;:\"']+\.[^\s@<>()\[\],;:\"'.]{2,}")
OLD_DIGIT_RUN = re.compile(r"(?:\+\s*)?\d[\d\s\-.()‐‑‒–—―−ｰー﹘﹣ㅡ]{6,}\d")

SHAPES = {
    "Korean, no spaces": ("가나다라마바사아자차" * 410)[:4096],
    "latin, no spaces": ("abcdefghij" * 410)[:4096],
    "one @ then no dot": "a" * 2000 + "@" + "b" * 2095,
    "digits and dots": "1." * 2048,
    "a digit, then dashes": "1" + "-" * 4095,
    "everyday question": ("수출 바우처 신청하려는데 010-1234-5678 로 연락 주세요 kim@example.com " * 60)[:4096],
}


def old_mask(text: str) -> str:
    text = text.translate(personal_data._FULL_WIDTH)  # noqa: SLF001
    text = OLD_EMAIL.sub(personal_data.EMAIL, text)
    return OLD_DIGIT_RUN.sub(personal_data._phone_or_keep, text)  # noqa: SLF001


def per_call_ms(function, text: str, repeat: int) -> float:
    started = time.perf_counter()
    for _ in range(repeat):
        function(text)
    return (time.perf_counter() - started) * 1000 / repeat


def main() -> None:
    print(f"{'message (4,096 characters)':28} {'before ms':>10} {'now ms':>8} {'ratio':>7}")
    for name, text in SHAPES.items():
        before = per_call_ms(old_mask, text, 3)
        now = per_call_ms(personal_data.mask_personal, text, 50)
        print(f"{name:28} {before:10.2f} {now:8.3f} {before / now:7.0f}x")


if __name__ == "__main__":
    main()

"""The questions the traffic benchmarks send: the held-out evaluation questions, Korean and English."""
from __future__ import annotations

from pathlib import Path

import yaml

HOLDOUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "holdout.yaml"


def load_texts(path: Path = HOLDOUT) -> list[tuple[str, str]]:
    """(text, language) pairs: real questions people type; a case without `lang` is English if ASCII."""
    cases = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = []
    for case in cases:
        text = str(case["text"])
        out.append((text, case.get("lang") or ("en" if text.isascii() else "ko")))
    return out

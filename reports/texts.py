"""The report's texts (texts.yaml): nested keys read with a dotted name."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

TEXTS_FILE = Path(__file__).with_name("texts.yaml")


class ReportTexts:
    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls, path: Path = TEXTS_FILE) -> "ReportTexts":
        with open(path, encoding="utf-8") as file:
            return cls(yaml.safe_load(file))

    def raw(self, key: str) -> Any:
        value: Any = self.data
        for part in key.split("."):
            value = value[part]
        return value

    def __call__(self, key: str, **values: Any) -> str:
        return str(self.raw(key)).format(**values)

    def duration(self, seconds: float | None) -> str:
        """"35분", "2시간 5분", "1일 3시간": staff read a waiting time in words, not in seconds."""
        if seconds is None:
            return self("summary.none")
        minutes = max(0, round(seconds / 60))
        if minutes < 60:
            return self("duration.minutes", n=minutes)
        hours, minutes = divmod(minutes, 60)
        if hours < 24:
            return self("duration.hours", h=hours, m=minutes) if minutes else self("duration.whole_hours", h=hours)
        days, hours = divmod(hours, 24)
        return self("duration.days", d=days, h=hours)

    def day(self, day: Any) -> str:
        """"11.24(월)"."""
        return f"{day.month}.{day.day}({self.raw('weekdays')[day.weekday()]})"

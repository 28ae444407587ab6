"""Long messages: the part a person could mean, found in time linear in the message and bounded.

A question inside a story ("저희는 직원 20명인 부품 회사인데요 ... 수출 지원 받을 수 있나요?") is usually its
last sentence that asks something. `focus` returns at most FOCUS_CHARS characters: that sentence and, while
room is left, the sentences just before it (which often name the topic the question points at with 그거).
`question_sentence` is the asking sentence alone, which the matcher tries first.

Everything here is one pass of regular expressions over at most MAX_INPUT characters, so a 4,096-character
message without a space costs what a short one does.
"""
from __future__ import annotations

import re

MAX_INPUT = 4096  # Telegram's own limit on a message; anything longer is cut before any work
FOCUS_CHARS = 300  # what the matcher analyses of a long message: about five sentences
LONG_RUN = 60  # a run of characters without a space longer than this is cut: no word is that long

# A sentence ends at . ? ! (also full-width), an ellipsis or a line break.
_SENTENCE_END = re.compile(r"(?<=[.?!。？！…~\n])\s*|\n+")
# Korean question endings and English question words: how an asking sentence without "?" is recognised.
_ASKING = re.compile(
    r"(나요|까요|가요|는지|은지|을지|인지|니까|습니까|냐|뭐|뭘|무엇|무슨|어떻게|어떤|언제|어디|누가|누구|얼마|몇|"
    r"궁금|알려|알고\s*싶|문의|여쭤|가능|있을까|될까|할까|되나|하나|있나|없나)"
    r"|[?？]|\b(how|what|when|where|who|which|can i|could|is there|are there|do you|does|tell me|wonder)\b",
    re.IGNORECASE)
_LONG_RUN = re.compile(r"\S{%d,}" % (LONG_RUN + 1))


def sentences(text: str) -> list[str]:
    """The sentences of `text`, in order, stripped; empty ones dropped."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


def is_asking(sentence: str) -> bool:
    """A question mark, a question word or an asking ending (나요, 까요, 궁금합니다) anywhere in it."""
    return bool(_ASKING.search(sentence))


def has_long_run(text: str) -> bool:
    """Whether `text` holds a run without a space longer than LONG_RUN (it was cut: not words)."""
    return bool(_LONG_RUN.search(text)) or any(len(run) >= LONG_RUN for run in text.split())


def _cut_runs(text: str) -> str:
    # A 4,000-character run without a space is not a word: its first LONG_RUN characters are kept.
    return _LONG_RUN.sub(lambda m: m.group(0)[:LONG_RUN], text)


def focus(text: str) -> str:
    """The part of a message worth analysing: all of a short one; of a long one the asking sentence
    and what comes just before it, at most FOCUS_CHARS characters."""
    text = _cut_runs(text[:MAX_INPUT])
    if len(text) <= FOCUS_CHARS:
        return text
    parts = sentences(text)
    if not parts:
        return text[:FOCUS_CHARS]
    index = asking_index(parts)
    kept = [parts[index][:FOCUS_CHARS]]
    size = len(kept[0])
    for previous in reversed(parts[:index]):
        if size + len(previous) + 1 > FOCUS_CHARS:
            break
        kept.insert(0, previous)
        size += len(previous) + 1
    return " ".join(kept)


def question_sentence(text: str) -> str | None:
    """The sentence that asks, when a message has several sentences; None for a one-sentence message."""
    parts = sentences(text)
    if len(parts) < 2:
        return None
    return parts[asking_index(parts)]


def asking_index(parts: list[str]) -> int:
    """The last sentence with a question mark, else the last that reads as asking, else the last one."""
    for index in range(len(parts) - 1, -1, -1):
        if "?" in parts[index] or "？" in parts[index]:
            return index
    for index in range(len(parts) - 1, -1, -1):
        if is_asking(parts[index]):
            return index
    return len(parts) - 1

"""What the asker makes, sells or studies: a condition of the asker, not the topic of the question.

A new user names their own goods, trade or field (`화장품 수출상담회 참가 자격`, `아이템이 드론인데 방산 쪽이랑
연결될까요`, `기계공학과 학생인데 취업 지원 있나요`). A knowledge base rarely writes such a word, so it is *unknown*:
it counts fully against every item (scoring) and, bare before a shared word, reads as another kind of the item's
thing (intents/scope.py `contrast`: 웨딩 박람회 / 방산 전시회). Two roles of an unknown word are told apart here:

- the question *says* the word is the asker's own (`asker_terms`): it describes the asker (`드론인데`), follows a
  frame noun (`아이템이 ...`, `전공은 ...`), is a goods word with 도 before taking part (`화장품도 참가할 수 있나요`),
  comes before a verb of making or selling (`센서를 개발하는`) or after one (`저희가 만든 혈압계`). Its weight is
  lowered in scoring (matcher.py `rank`);
- a bare goods, industry or field word (`is_kind`: 화장품, 식품, 드론, 기계공학과) replaces only a word of the same
  class in an item's name: `화장품 수출상담회` against `해외 바이어 수출상담회` puts goods where the name has a
  buyer, which is no other kind of event, while `전기차 충전소` against `수소 충전소` puts one fuel's vehicle where
  the name has another fuel (scope.py keeps that contrast).

General language data in intents/lexicon/goods.yaml; nothing here names a program.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping, Sequence

import yaml

from intents.analyzer import UNKNOWN_PREFIX
from intents.lexicon import checked_numbers

GOODS_FILE = Path(__file__).resolve().parent / "lexicon" / "goods.yaml"
_LATIN_WORD = re.compile(r"[a-z]+")

Analyse = Callable[[str], Sequence[str]]  # a word -> its terms (unknown ones prefixed)


@dataclass(frozen=True)
class GoodsNumbers:
    asker_factor: float = 0.5


@dataclass(frozen=True)
class GoodsWords:
    """intents/lexicon/goods.yaml."""

    kinds_ko: tuple[str, ...]
    kind_endings_ko: tuple[str, ...]
    kinds_en: frozenset[str]
    self_endings_ko: tuple[str, ...]
    frame_nouns_ko: frozenset[str]
    frame_particles_ko: tuple[str, ...]
    also_after_ko: tuple[str, ...]
    maker_verbs_ko: tuple[str, ...]
    made_ko: tuple[str, ...]
    bought_heads: tuple[str, ...]
    numbers: GoodsNumbers

    @classmethod
    def load(cls, path: Path = GOODS_FILE) -> "GoodsWords":
        with path.open(encoding="utf-8") as handle:
            data = yaml.safe_load(handle) or {}

        def words(key: str) -> tuple[str, ...]:
            # Longest first, so that an ending is cut as a whole (인데요 before 인데).
            return tuple(sorted((str(w).lower().replace(" ", "") for w in data.get(key) or ()), key=len, reverse=True))

        return cls(kinds_ko=words("kinds_ko"), kind_endings_ko=words("kind_endings_ko"),
                   kinds_en=frozenset(words("kinds_en")), self_endings_ko=words("self_endings_ko"),
                   frame_nouns_ko=frozenset(words("frame_nouns_ko")), frame_particles_ko=words("frame_particles_ko"),
                   also_after_ko=words("also_after_ko"), maker_verbs_ko=words("maker_verbs_ko"),
                   made_ko=words("made_ko"), bought_heads=words("bought_heads"),
                   numbers=GoodsNumbers(**checked_numbers(GoodsNumbers, data.get("numbers") or {}, path)))


class Goods:
    """The goods words of goods.yaml, read with the matcher's analyser."""

    def __init__(self, analyse: Analyse, words: GoodsWords | None = None, synonyms: Mapping[str, str] | None = None
                 ) -> None:
        self.words = words or GoodsWords.load()
        self._analyse = analyse
        self.factor = self.words.numbers.asker_factor
        # The knowledge base's own terms for the kinds (방산, 수소, 기계): a word of an item's name of the same class.
        # A compound's parts are not kinds (온라인쇼핑몰: 온라인), nor the known word a typo-like one is read as
        # (미용 as 비용): only a word the analyser reads as itself or as its synonym (국방 as 방산).
        synonyms = synonyms or {}
        self._kind_terms = frozenset(
            terms[0] for w, terms in ((w, analyse(w)) for w in (*self.words.kinds_ko, *self.words.kinds_en))
            if len(terms) == 1 and (terms[0] == w or synonyms.get(w) == terms[0]))
        self._bought = frozenset(t for w in self.words.bought_heads for t in analyse(w)[:1] if not t.startswith(UNKNOWN_PREFIX))

    def bought(self, term: str) -> bool:
        """Whether a term is a word for buying or paying (비용, 설치): a goods word before it is what is bought."""
        return term in self._bought

    def is_kind(self, word: str) -> bool:
        """Whether a word (an unknown term's text, or a known term) names goods, an industry or a field."""
        word = word.removeprefix(UNKNOWN_PREFIX).replace(" ", "").lower()
        if not word:
            return False
        if word.isascii():
            return word in self.words.kinds_en or word.rstrip("s") in self.words.kinds_en or word in self._kind_terms
        if word in self._kind_terms:
            return True
        # One syllable (옷, 앱) only as a whole word; a longer one also at the end of a compound (수제화장품).
        return any(word == k or len(k) >= 2 and word.endswith(k) for k in self.words.kinds_ko) \
            or any(len(word) > len(e) and word.endswith(e) for e in self.words.kind_endings_ko)

    def asker_terms(self, normalized: str) -> frozenset[str]:
        """The unknown terms of a (normalised) question that it says are the asker's own goods, trade or field."""
        tokens = normalized.split()
        marked: set[int] = set()
        w = self.words
        for index, token in enumerate(tokens):
            if token.isascii():
                continue
            stem = _cut(token, w.self_endings_ko)
            if stem is not None and (self.is_kind(stem) or index > 0 and self._frame(tokens[index - 1])):
                marked.add(index)  # 드론인데, (아이템이) 드론인데
            if self._frame(token) and index + 1 < len(tokens):
                marked.update((index, index + 1))  # 아이템이 드론..., 전공은 기계공학
            if token.endswith("도") and len(token) > 2 and self.is_kind(token[:-1]) and any(
                    cue in following for following in tokens[index + 1:index + 3] for cue in w.also_after_ko):
                marked.add(index)  # 화장품도 참가할 수 있나요
            if index > 0 and token.startswith(w.maker_verbs_ko) and _object(tokens[index - 1]):
                marked.add(index - 1)  # 센서를 개발하는, 드론 만드는 (not 실물로 만들어: made into, not made)
                if index > 1 and _bare(tokens[index - 2]):
                    marked.add(index - 2)  # 자동차 부품 만드는
            if _made(token, tokens[index + 1] if index + 1 < len(tokens) else "", w.made_ko):
                # 저희가 만든 선박용 친환경 스크러버 (인증): the phrase up to its first word with a particle.
                for after in range(index + 1, min(index + 4, len(tokens))):
                    marked.add(after)
                    if self._has_particle(tokens[after]):
                        break
        out: set[str] = set()
        for index in marked:
            out.update(t for t in self._analyse(tokens[index]) if t.startswith(UNKNOWN_PREFIX))
        return frozenset(out)

    def _frame(self, token: str) -> bool:
        stem = _cut(token, self.words.frame_particles_ko)
        return stem is not None and stem in self.words.frame_nouns_ko

    def _has_particle(self, token: str) -> bool:
        return token.endswith(("을", "를", "이", "가", "은", "는", "에", "로", "의", "도"))


def _cut(token: str, endings: tuple[str, ...]) -> str | None:
    """The token without the first of `endings` it ends with (something left), or None."""
    for ending in endings:
        if token.endswith(ending) and len(token) > len(ending):
            return token[: -len(ending)]
    return None


_PARTICLES = ("을", "를", "이", "가", "은", "는", "에", "로", "서", "와", "과", "랑", "의", "도", "고", "데", "면")


def _bare(token: str) -> bool:
    """Whether a word stands bare before the next (자동차 부품): it ends with no particle or verb ending."""
    return not token.endswith(_PARTICLES)


def _object(token: str) -> bool:
    """Whether a word before a verb is its object: bare (드론 만드는) or with 을/를 (센서를 개발하는)."""
    return token.endswith(("을", "를")) or _bare(token)


def _made(token: str, following: str, made: tuple[str, ...]) -> bool:
    """Whether a token (with the next, for `개발 중인`) is a verb saying the asker made what follows."""
    return token in made or f"{token}{following}" in made

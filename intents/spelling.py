"""Spelling as people type in chat: a word the analyser cannot place, repaired before it is matched.

`쳥년 일짜리 잇어?` is 청년 일자리 있어 typed in a hurry, `야 진흥원 전번 뭐냐` asks for the phone number in slang.
Read as typed, each such word is unknown and counts against every item, so a question the bot can answer
falls back. `Speller.repair` rewrites only the words the analyser cannot place (a word any knowledge text,
lexicon list or chat phrase writes is never touched), in this order:

1. slang and chat spellings of ordinary words (전번 -> 전화번호, 뭐냐 -> 뭐예요), also before a particle;
2. a chat ending on a word the analyser knows without it (있어여 -> 있어요, 얼마임 -> 얼마예요), a vowel drawn out
   (있나요오오 -> 있나요) or a letter held down (helppp -> help);
3. a typo: the one known word closest in a keyboard-aware edit distance (below), if it is close enough and
   no other known word is as close, unless the word is a real word of Korean (intents/real_words.py: 수용 is
   no slip of 수요, nor 전세 of 전시): Korean compared jamo by jamo (일짜리 -> 일자리: ㅉ for ㅈ), English letter
   by letter with transpositions (suport, adress, reigster);
4. a word run together with a known one (청년일짜리): the known head kept, the rest repaired;
5. a function word in chat spelling typed solid with another word (지원됌, 문의드림, 머해야돼요, 어케해야되요,
   들어갈수잇나요), or a function verb's first syllable spelled as chat does (잇는건가요, 업는데, 됫나요: spelling.yaml
   `syllables`): repaired only where the part repaired then reads as function words alone, so no word is ever
   made a topic word this way.

Before the words, the text: a lone letter stuck to a word (신청ㅇ, 창업ㅂ보육) is dropped unless the word then reads
worse, and two words a stray space split (`지원 금`, `수출 상담 회`) are joined where together they are a longer word
the knowledge base writes and leave fewer unknown words (`Speller.rejoin`).

The distance is a Damerau-Levenshtein distance whose substitutions cost what they are as slips: a key next
to the right one, a shifted twin (ㅈ/ㅉ) or a letter that sounds alike (ㅐ/ㅔ) costs half an edit in Korean;
in English a key next to the right one or a vowel for a vowel costs one, any other letter two. How much a word
may differ grows with its length: in Korean half an edit for two syllables (one slip), one edit for three,
two from four; in English one edit up to seven letters, two from eight. A short word is held to one slip
because most two-syllable words are one arbitrary edit from some other word, and a word the knowledge base
never writes (웨딩, 전기차, 노인) must stay unknown: the near-miss check (intents/scope.py) reads it as the
other thing a question is about. A tie between two known words repairs nothing.

The known words are the stems of the knowledge base's names, aliases and questions, the lexicon's synonyms,
stopwords and question words, and the English dictionary's words (intents/lexicon/english.yaml): the more
real words are known, the fewer unknown ones look like a slip of a known one. The data is in
intents/lexicon/spelling.yaml. A word's repair is remembered: the same words come again and again.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein, Levenshtein

from intents.analyzer import UNKNOWN_PREFIX, normalize
from intents.hangul import is_syllable, to_jamo
from intents.lexicon import LEXICON_DIR, read_yaml
from intents.liaison import spellings
from intents.scope import ScopeWords

if TYPE_CHECKING:
    from intents.analyzer import Analyzer

SPELLING_FILE = LEXICON_DIR / "spelling.yaml"
REPAIR_CACHE = 20_000  # words remembered; the memo is cleared when full
NEAR = 0.5  # a Korean slip: a shifted twin or a letter that sounds alike (ㅈ/ㅉ, ㅐ/ㅔ, ㅅ/ㅆ)
BESIDE = 0.75  # a Korean key next to the right one (ㅂ/ㅁ): a common slip, but one that makes other words too
FAR_EN = 2.0  # an English letter neither next to the right key nor a vowel for a vowel
VOWEL_EN = 1.5  # an English vowel for a vowel: a misspelling by ear, but also another word (shops/ships)
MIN_ENGLISH = 6  # letters an English word needs to be repaired: shorter ones are a slip from too many (shops/ships)
MIN_HEAD = 2  # syllables of a known word a run-together word must start with
MAX_WORD = 12  # characters of a word worth repairing: longer runs are several words or no words at all
_WORD = re.compile(r"[가-힣]+|[A-Za-z]+")
_APART = re.compile(r"[가-힣]+")
# A word of syllables with one compatibility letter stuck to it (before, inside or after), and that letter.
_LONE_JAMO = re.compile(r"(?<![ㄱ-ㅣ])[ㄱ-ㅣ](?![ㄱ-ㅣ])")
_STRAY_JAMO = re.compile(r"(?:[가-힣]+[ㄱ-ㅣ](?![ㄱ-ㅣ])[가-힣]*|(?<![ㄱ-ㅣ가-힣])[ㄱ-ㅣ](?![ㄱ-ㅣ])[가-힣]+)")
_RUN_OF_THREE = re.compile(r"(.)\1{2,}")
# A vowel said longer is typed as one more syllable of it (있나요오, 감사합니다아, 네에): each vowel and the plain
# vowel its sound ends in.
_DRAWL = {"ㅏ": "아", "ㅑ": "아", "ㅘ": "아", "ㅓ": "어", "ㅕ": "어", "ㅝ": "어", "ㅗ": "오", "ㅛ": "오", "ㅜ": "우",
          "ㅠ": "우", "ㅡ": "으", "ㅣ": "이", "ㅢ": "이", "ㅟ": "이", "ㅐ": "애", "ㅒ": "애", "ㅔ": "에", "ㅖ": "에",
          "ㅙ": "애", "ㅞ": "에"}


@dataclass(frozen=True)
class SpellingWords:
    """intents/lexicon/spelling.yaml."""

    slang: dict[str, str]
    endings: tuple[tuple[str, str], ...]  # longest first
    syllables: dict[str, str]  # a function verb's first syllable in chat spelling (잇 -> 있), before its ending
    twins_ko: frozenset[frozenset[str]]  # a letter and its shifted twin (ㅅ/ㅆ)
    near_ko: frozenset[frozenset[str]]  # shifted twins and letters that sound alike (ㅈ/ㅉ, ㅐ/ㅔ)
    keys_ko: frozenset[frozenset[str]]  # keys side by side on the keyboard
    near_en: frozenset[frozenset[str]]
    vowels_en: frozenset[str]

    @classmethod
    def load(cls, path: Path = SPELLING_FILE) -> "SpellingWords":
        data = read_yaml(path)
        endings = {str(k): str(v) for k, v in (data.get("endings") or {}).items()}
        return cls(
            slang={str(k).lower(): str(v) for k, v in (data.get("slang") or {}).items()},
            endings=tuple(sorted(endings.items(), key=lambda kv: -len(kv[0]))),
            syllables={str(k): str(v) for k, v in (data.get("syllables") or {}).items()},
            twins_ko=_pairs(data.get("twins_ko")),
            near_ko=_pairs(data.get("twins_ko")) | _pairs(data.get("near_ko")),
            keys_ko=frozenset(_neighbours(data.get("keyboard_ko") or [])),
            near_en=frozenset(_neighbours(data.get("keyboard_en") or [])),
            vowels_en=frozenset(str(data.get("vowels_en") or "")),
        )


def _pairs(pairs: Iterable[str] | None) -> frozenset[frozenset[str]]:
    return frozenset(frozenset(str(pair)) for pair in pairs or [] if len(str(pair)) == 2)


def _neighbours(rows: Iterable[str]) -> set[frozenset[str]]:
    """Pairs of keys that touch on a staggered keyboard: beside each other in a row, and a key with the two
    of the row above it that it sits between (a under q and w)."""
    rows = [str(r) for r in rows]
    pairs: set[frozenset[str]] = set()
    for r, row in enumerate(rows):
        for c, key in enumerate(row):
            if c + 1 < len(row):
                pairs.add(frozenset((key, row[c + 1])))
            if r > 0:
                above = rows[r - 1]
                for col in (c, c + 1):
                    if col < len(above):
                        pairs.add(frozenset((key, above[col])))
    return pairs


def slip_distance(a: str, b: str, substitution: Callable[[str, str], float]) -> float:
    """Damerau-Levenshtein (optimal string alignment) distance with a cost per substitution: insertions,
    deletions and swaps of two neighbours cost 1."""
    previous2: list[float] = []
    previous = [float(j) for j in range(len(b) + 1)]
    for i in range(1, len(a) + 1):
        current = [float(i)] + [0.0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0.0 if a[i - 1] == b[j - 1] else substitution(a[i - 1], b[j - 1])
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                best = min(best, previous2[j - 2] + 1)
            current[j] = best
        previous2, previous = previous, current
    return previous[len(b)]


class Speller:
    """Built once per knowledge base with the matcher's analyser (after it has learned the vocabulary);
    `repair` is pure."""

    def __init__(self, analyzer: "Analyzer", texts: Iterable[str], words: SpellingWords | None = None) -> None:
        """`texts`: what names the items and how people ask (names, aliases, questions); their words are
        what a typo is repaired to. Descriptions are left out: they are full of verb forms."""
        self.analyzer = analyzer
        self.words = words or SpellingWords.load()
        self._memo: dict[str, str] = {}
        self._joined: dict[tuple[str, str], bool] = {}
        lexicon = analyzer.lexicon
        korean: set[str] = set()
        english: set[str] = set()
        for text in texts:
            for token in normalize(text).split():
                self._add(token, korean, english)
        dictionary = [w for group in analyzer.english.dictionary for w in group]
        for word in (*lexicon.synonyms, *dictionary):
            self._add(str(word), korean, english)
        # Function words: Korean ones are repaired to only from a shifted twin; English ones never (event is
        # not a slip of even, haven of have), though they are known words that are never repaired.
        function: set[str] = set()
        english_function: set[str] = set()
        for word in (*lexicon.stopwords, *lexicon.light_words, *analyzer.english.function_words):
            self._add(str(word), function, english_function)
        # Verb forms the knowledge texts write (만나서) are held to the same rule as function words.
        verb_final = ScopeWords.load()
        self._function = frozenset(function | {w for w in korean if _verb_form(w, verb_final)})
        korean |= function
        self._english_known = frozenset(english | english_function | {w for w in analyzer.vocab if w.isascii()})
        # By length (syllables, letters): a Korean slip keeps the syllables, an English one changes few letters.
        self._korean: dict[int, tuple[list[str], list[str]]] = {}
        for word in sorted(korean):
            known, keys = self._korean.setdefault(len(word), ([], []))
            known.append(word)
            keys.append(to_jamo(word))
        self._english = sorted(english - english_function)
        # Question words and their chat spellings typed solid with the verb after them (머해야돼요, 어케해요): each
        # with what it stands for, kept only where that reads as function words.
        spelled = {**{k: v for k, v in lexicon.chat_words.items() if not k.isascii()}, **self.words.slang}
        heads = {word: word for word in (*lexicon.light_words, *lexicon.apart_words) if not word.isascii()}
        heads.update({typed: meant for typed, meant in spelled.items()
                      if not typed.isascii() and len(typed) <= 2 and self._function_only(meant)})
        self._glued_heads = {typed: meant for typed, meant in heads.items() if len(typed) <= 2}

    def _add(self, token: str, korean: set[str], english: set[str]) -> None:
        if " " in token:
            return
        if token.isascii():
            if token.isalpha() and len(token) >= 4:
                english.add(token)
            return
        stem = self.analyzer._cut_verb(self.analyzer._strip_particles(token))
        if len(stem) >= 2 and all(is_syllable(ch) for ch in stem):
            korean.add(stem)

    # ---- repairing ---------------------------------------------------------------------------------

    def repair(self, text: str) -> str:
        """`text` with each word the analyser cannot place repaired where that is safe; the rest as typed."""
        return _WORD.sub(lambda m: self.word(m.group(0)), self.rejoin(_STRAY_JAMO.sub(self._stray, text)))

    def _stray(self, found: re.Match[str]) -> str:
        """A lone letter a finger hit beside a word (신청ㅇ, 창업ㅂ보육): dropped unless the word then reads worse;
        a run of letters (ㅊㅊㅅ, ㅇㅋ) is 초성 and stays."""
        word = found.group(0)
        bare = _LONE_JAMO.sub("", word)
        return bare if self._unknown(bare) <= self._unknown(word) else word

    def rejoin(self, text: str) -> str:
        """Two Korean words a stray space split (`지원 금`, `수출 상담 회`) typed as one where, together, they are a word
        the knowledge base writes (before a particle or not) and leave fewer unknown words than apart. The known
        word must be two syllables or more and longer than either part: a particle typed apart is no word."""
        if " " not in text or text.isascii():
            return text
        words = list(_APART.finditer(text))
        joins: list[tuple[int, int]] = []
        at = 0
        for first, second in zip(words, words[1:]):
            if first.start() < at or not text[first.end():second.start()].isspace():
                continue
            a, b = first.group(0), second.group(0)
            if self._joins(a, b):
                joins.append((first.end(), second.start()))
                at = second.end()
        for start, end in reversed(joins):
            text = text[:start] + text[end:]
        return text

    def _joins(self, a: str, b: str) -> bool:
        memo = (a, b)
        if memo in self._joined:
            return self._joined[memo]
        if len(self._joined) > REPAIR_CACHE:
            self._joined.clear()
        analyzer = self.analyzer
        joined = a + b
        stem = analyzer._known_stem(joined, analyzer._strip_particles(joined))
        apart = self._unknown(a) + self._unknown(b)
        ok = (apart > 0 and len(stem) > max(len(a), len(b))
              and stem in analyzer.vocab and a not in analyzer.lexicon.apart_words
              and b not in analyzer.lexicon.apart_words and self._unknown(joined) < apart)
        self._joined[memo] = ok
        return ok

    def word(self, token: str) -> str:
        """One word (Hangul syllables or Latin letters) repaired, or as typed."""
        if token in self._memo:
            return self._memo[token]
        if len(self._memo) > REPAIR_CACHE:
            self._memo.clear()
        key = token.lower()
        if self.analyzer._strip_particles(key) in self.analyzer.lexicon.real_words:
            self._memo[token] = token  # an everyday word (전세): a word of its own, not a slip of a known one
            return token
        self._memo[token] = token  # while repairing: a candidate that leads back here is left as typed
        repaired = self._repair(key) if len(key) <= MAX_WORD and self._unknown(key) else None
        self._memo[token] = repaired if repaired is not None else token
        return self._memo[token]

    def _repair(self, key: str) -> str | None:
        before = self._unknown(key)
        for candidate in self._candidates(key):
            if candidate != key and self._unknown(candidate) < before:
                return candidate
        return None

    def _candidates(self, key: str) -> Iterable[str]:
        slang = self.words.slang
        if key in slang:
            yield slang[key]
        if key.isascii():
            shorter = _RUN_OF_THREE.sub(r"\1\1", key)  # helppp, seeee: a letter held down
            if shorter != key:
                yield _RUN_OF_THREE.sub(r"\1", key)
                yield shorter
            closest = self._closest_english(shorter)
            if closest:
                yield closest
            return
        drawn_out = _without_drawl(key)
        if drawn_out != key:
            yield drawn_out
            yield self.word(drawn_out)
        stem = self.analyzer._strip_particles(key)
        tail = key[len(stem):]
        if stem != key and stem in slang:
            yield slang[stem] + tail
        if stem in self.analyzer.real_words or key in self.analyzer.real_words:
            return  # a real word (수용, 전세) the knowledge base does not write: no slip of one it does
        first = self.words.syllables.get(key[0])
        if first and len(key) >= 2 and all(ch in self.analyzer._ending_syllables for ch in key[1:]):
            spelled = first + key[1:]  # 잇는데 -> 있는데: a function verb's chat syllable before its ending
            if self._function_only(spelled):
                yield spelled
        for spelled in spellings(key):  # spelled as it sounds: 이써요, 업서요, 마니, 어떠케 (intents/liaison.py)
            if self._function_only(spelled):
                yield spelled
        for ending, plain in self.words.endings:
            if key.endswith(ending) and len(key) > len(ending):
                # A chat ending on a slipped word is both repaired (잇나여 -> 잇나요 -> 있나요), else the ending alone.
                plain_ending = key[: -len(ending)] + plain
                yield self.word(plain_ending)
                yield plain_ending
        closest = self._closest_korean(stem)
        if closest:
            yield closest + tail
        yield from self._run_together(key)
        yield from self._function_glued(key)

    def _run_together(self, key: str) -> Iterable[str]:
        """청년일짜리 -> 청년일자리: a known word of MIN_HEAD syllables or more, then a word to repair."""
        vocab = self.analyzer.vocab
        for cut in range(len(key) - MIN_HEAD, MIN_HEAD - 1, -1):
            head, rest = key[:cut], key[cut:]
            if head in vocab:
                repaired = self.word(rest)
                if repaired != rest:
                    yield head + repaired
                    return

    def _function_glued(self, key: str) -> Iterable[str]:
        """A function word in chat spelling typed solid with the word before or after it: a question word before
        a verb (머해야돼요 -> 뭐 해야돼요, 어케해야되요 -> 어떻게 해야되요) or an ending after a word the analyser places
        (지원됌 -> 지원돼요, 문의드림 -> 문의드립니다, 할수잇음 -> 할수있음). The part repaired must read as function
        words only (no topic term), so no word is ever turned into a topic word this way: that stays the typo
        repair's job, with its stricter bounds."""
        heads = self._glued_heads
        for cut in range(1, len(key) - 1):
            head, rest = key[:cut], key[cut:]
            if head in heads and self._unknown(rest) < self._unknown(key):
                yield f"{heads[head]} {rest}"
        for cut in range(len(key) - 1, MIN_HEAD - 1, -1):
            head, rest = key[:cut], key[cut:]
            repaired = self.word(rest)
            if repaired != rest and self._function_only(repaired):
                yield head + repaired

    def _function_only(self, text: str) -> bool:
        """Whether a text reads as function words only: stopwords, particles and question words, no topic."""
        light = self.analyzer.lexicon.light_words
        return all(term in light for term in self.analyzer.analyze(text).terms)

    def _unknown(self, text: str) -> int:
        return sum(1 for term in self.analyzer.analyze(text).terms if term.startswith(UNKNOWN_PREFIX))

    # ---- the closest known word ------------------------------------------------------------------

    def _closest_korean(self, stem: str) -> str | None:
        """The known word of the same syllables within the slips a word of this length may have, if unique."""
        size = len(stem)
        if size < 2 or not all(is_syllable(ch) for ch in stem) or size not in self._korean:
            return None
        limit = NEAR if size == 2 else 1.0
        words, keys = self._korean[size]
        key = to_jamo(stem)
        near, beside = self.words.near_ko, self.words.keys_ko

        def substitution(a: str, b: str) -> float:
            pair = frozenset((a, b))
            return NEAR if pair in near else BESIDE if pair in beside else 1.0

        found = process.extract(key, keys, scorer=Levenshtein.distance, score_cutoff=int(limit / NEAR), limit=None)
        twins = self.words.twins_ko

        def twin(a: str, b: str) -> float:
            return NEAR if frozenset((a, b)) in twins else 1.0

        # A function word (있어, 되나요) only for one shifted twin (잇어): verb forms are a vowel or a key from many
        # other verb forms, and a word repaired to a function word is dropped from the question.
        costs = [(slip_distance(key, keys[i], twin if words[i] in self._function else substitution), words[i])
                 for _, _, i in found]
        costs = [(cost, word) for cost, word in costs if cost <= NEAR or word not in self._function]
        return _unique(costs, limit)

    def _closest_english(self, word: str) -> str | None:
        """The known English word within one edit (two from eight letters), if unique."""
        if len(word) < MIN_ENGLISH or not word.isalpha():
            return None
        limit = 1.0 if len(word) < 8 else 2.0
        near, vowels = self.words.near_en, self.words.vowels_en

        if any(form in self._english_known for form in self.analyzer.english.lemmas(word)):
            return None  # a form of a known word (creating: create), not a slip of another one

        def substitution(a: str, b: str) -> float:
            return 1.0 if frozenset((a, b)) in near else VOWEL_EN if a in vowels and b in vowels else FAR_EN

        # People rarely miss the first letter; a word that differs there is another word (unemployment).
        found = process.extract(word, self._english, scorer=DamerauLevenshtein.distance, score_cutoff=int(limit),
                                limit=None)
        return _unique([(slip_distance(word, known, substitution), known) for known, _, _ in found
                        if known[0] == word[0]], limit)


def _verb_form(word: str, words: ScopeWords) -> bool:
    """Whether a known word ends as a verb or adjective form does (intents/lexicon/scope.yaml): 만나서, 했어요."""
    last = word[-1]
    return last in words.verb_final_syllables or word[-2:] in words.verb_final_syllables \
        or to_jamo(last)[-1:] in words.verb_final_jongseong


def _without_drawl(word: str) -> str:
    """있나요오오 -> 있나요: trailing syllables that only draw out the vowel before them."""
    while len(word) >= 3:
        jamo = to_jamo(word[-2])
        if len(jamo) != 2 or _DRAWL.get(jamo[1]) != word[-1]:
            break  # the syllable before has a final consonant, or another vowel
        word = word[:-1]
    return word


def _unique(costs: list[tuple[float, str]], limit: float) -> str | None:
    """The word of the lowest cost within `limit`, if no other word costs as little."""
    costs = sorted(c for c in costs if 0 < c[0] <= limit)
    if not costs or (len(costs) > 1 and costs[1][0] == costs[0][0]):
        return None
    return costs[0][1]

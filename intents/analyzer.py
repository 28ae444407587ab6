"""From a raw message to the words it is about: Korean-aware normalisation and analysis.

`normalize` is pure text cleaning. `Analyzer` knows the vocabulary of a knowledge base and turns a text into
canonical terms: particles and verb endings stripped, words run together without spaces split into known
words, one-letter typos corrected at the jamo level, 초성-only words expanded, synonyms folded together.
Words it cannot place are kept as `unknown` terms: a question about something the knowledge base never
mentions must not look like a question about what it does mention.
"""
from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable

from rapidfuzz.distance import Levenshtein

from intents.english import English
from intents.hangul import INITIALS, MEDIALS, FINALS, initials, is_initials_only, to_jamo, is_syllable
from intents.lexicon import Lexicon
from intents.real_words import EverydayVerbs, VerbForms, real_korean_words

MAX_TEXT = 2000  # characters analysed; the rest of a very long message adds nothing a person would ask
MAX_TOKEN = 40  # syllables segmented per word; longer runs are cut into pieces first
UNKNOWN_PREFIX = "?"
MEANT_PREFIX = "\x00"  # a verb's meaning (meaning_verbs) and its reading as typed, until _without_repeated_meanings
MEANT_SEP = "\x01"
ENGLISH_COMPOUND = 7  # an unknown English word this long may be two known words typed solid
ANALYSES = 2048  # analyses remembered: a message is analysed whole, by clause and by reading many times over
ANALYSED_TEXT = 1000  # characters; a longer text is analysed afresh each time (memory stays bounded)

# Zero-width characters vanish; so do apostrophes, so that don't and I'm stay one word (dont, im).
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad'\u2019"), None)
# NFKC turns compatibility jamo (ㄱ, what keyboards type alone) into conjoining jamo; turn them back.
_CONJOINING = {
    **{0x1100 + i: ch for i, ch in enumerate(INITIALS)},
    **{0x1161 + i: ch for i, ch in enumerate(MEDIALS)},
    **{0x11A8 + i: ch for i, ch in enumerate(FINALS[1:])},
}


_HANGUL = "가-힣ㄱ-ㆎ"
_NOT_WORD = re.compile(r"[\W_]+")
# Where Hangul meets another script's letters or digits (startup지원금), put a space.
_SCRIPT_EDGE = re.compile(rf"(?<=[{_HANGUL}])(?=[^\W{_HANGUL}_])|(?<=[^\W{_HANGUL}_])(?=[{_HANGUL}])")
_HANGUL_CHAR = re.compile(rf"[{_HANGUL}]")
_LATIN_CHAR = re.compile(r"[a-z]")
_SYLLABLE = re.compile(r"[\uac00-\ud7a3]")  # a whole syllable, not a lone jamo (ㅋㅋ)


def normalize(text: str) -> str:
    """NFKC, lower case, no zero-width or control characters, punctuation and emoji as spaces, and a
    space wherever Hangul meets Latin letters or digits (startup지원금 -> startup 지원금)."""
    text = unicodedata.normalize("NFKC", text[: MAX_TEXT * 2]).translate(_ZERO_WIDTH).translate(_CONJOINING)
    text = _SCRIPT_EDGE.sub(" ", _NOT_WORD.sub(" ", text.lower()))
    return " ".join(text.split())[:MAX_TEXT]


_WORD = re.compile(r"[^\W\d_]+(?:[&.'][^\W\d_]+)*")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&.]{0,5}s?|[A-Z][a-z]?&[A-Z]")  # MOU, R&D, SMEs, IT, CEO


def detect_lang(text: str, neutral: frozenset[str] = frozenset()) -> str:
    """The language of a sentence: Korean unless it has more English words than Korean ones.

    Words are counted, not letters, and Latin acronyms (MOU, R&D, SME) do not count as English: a Korean
    sentence naming one (`MOU 몇 건`, `SME 지원`) is still Korean, and nor do `neutral` words that
    speakers of both languages type (ok). Works on raw or normalised text."""
    korean = latin = 0
    for word in _WORD.findall(text):
        if _HANGUL_CHAR.search(word):
            korean += 1
        elif _LATIN_CHAR.search(word.lower()) and not _ACRONYM.fullmatch(word) and word.lower() not in neutral:
            latin += 1
    return "en" if latin > korean else "ko"


def clear_lang(text: str, neutral: frozenset[str] = frozenset()) -> str | None:
    """The language a message is plainly written in, or None when it gives too little to tell.

    Unlike detect_lang (which always answers, Korean by default), this asks for real words of one language
    and none of the other: three Korean syllables, or three English words of two or more
    letters (acronyms and `neutral` words aside). `<b>x</b>`, `ㅋㅋ`, `ok` or `1234` tell nothing; `Any
    support for smart factory?` is English even when nothing in the knowledge base answers it."""
    korean = latin = 0
    for word in _WORD.findall(text):
        if _HANGUL_CHAR.search(word):
            korean += len(_SYLLABLE.findall(word))
        elif (len(word) >= 2 and _LATIN_CHAR.search(word.lower()) and not _ACRONYM.fullmatch(word)
              and word.lower() not in neutral):
            latin += 1
    if korean >= 3 and not latin:
        return "ko"
    if latin >= 3 and not korean:
        return "en"
    return None


def english_stem(word: str) -> str:
    """A light stemmer: enough to meet `applying`, `applied` and `applications` halfway."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    for suffix, keep in (("ing", 5), ("ed", 4), ("es", 5), ("s", 4)):
        if len(word) >= keep and word.endswith(suffix) and not word.endswith(("ss", "us", "is")):
            return word[: -len(suffix)]
    return word


@dataclass(frozen=True)
class Analysis:
    normalized: str
    lang: str
    terms: tuple[str, ...]  # canonical terms, unknown ones prefixed with "?"


class Analyzer:
    """Turns texts into canonical terms against a fixed vocabulary."""

    def __init__(self, lexicon: Lexicon, english: English | None = None) -> None:
        self.lexicon = lexicon
        self.english = english if english is not None else English.load()
        # The lexicon's synonyms, plus the English dictionary's groups this knowledge base uses (finish()).
        self.synonyms: dict[str, str] = dict(lexicon.synonyms)
        self.vocab: set[str] = set()
        self._max_word = 1
        self._fuzzy: dict[str, set[str]] = {}
        self._by_initials: dict[str, set[str]] = {}
        self._parts: dict[str, tuple[str, ...]] = {}  # compound word -> the known words it is made of
        self._english: list[str] = []  # sorted, for prefix look-ups
        self._unnamed_place = ""  # the term a place the knowledge base never names reads as (finish())
        self._freq: dict[str, int] = {}  # how often a word or phrase occurs in the knowledge base
        self._particles = frozenset(lexicon.particles)
        self._particle_sizes = sorted({len(p) for p in lexicon.particles}, reverse=True)
        self._ending_syllables = frozenset(
            ch for word in (*lexicon.particles, *lexicon.stopwords, *lexicon.verb_starts) for ch in word
            if is_syllable(ch))
        # Real Korean words (intents/real_words.py): never corrected to another word, and kept whole when the
        # knowledge base does not know them (창업동아리 is 창업 and 동아리, not 창업, 동, 아 and 리). Verb forms the
        # list holds whole (배워, 붙었는지) are left out: 배워 is still read as 배우, the verb the knowledge writes.
        self.verb_forms = VerbForms.load()
        self.real_words = frozenset(w for w in real_korean_words() if not self.verb_forms.ends_like_one(w))
        # Everyday verbs conjugated (나와요, 쓸, 갖고: words.yaml `everyday_verbs`): the matcher's `verb_terms` and
        # bench/verb_terms.py; docs/matching.md "Everyday verb forms" has what using them in matching measured.
        self.everyday = EverydayVerbs.load()
        # Everyday verbs that mean an agency's word (words.yaml `meaning_verbs`: 뽑으면 -> 채용, 배워서 -> 교육), recognised
        # by the same conjugation rules; read only where the word as typed is no word of the knowledge base.
        self.meaning_verbs = EverydayVerbs.load(key="meaning_verbs")
        self.phrase_verbs = EverydayVerbs.load(key="phrase_verbs")  # verbs read only in `verb_phrases` (일 구하다)
        # An analysis depends only on the text and the vocabulary: remembered until the vocabulary changes.
        self._analyses = functools.lru_cache(maxsize=ANALYSES)(self._analyze)

    # ---- building the vocabulary -------------------------------------------------------------------

    def learn(self, texts: Iterable[str], *, correct_to: bool = True) -> None:
        """Add the words of knowledge-base texts (and all synonyms) to the vocabulary.

        `correct_to`: whether a typo may be corrected to these words. Only names, aliases and questions
        qualify: descriptions are full of verb forms that ordinary words are one letter away from."""
        self._analyses.cache_clear()
        for word in (*self.lexicon.synonyms, *self.lexicon.light_words):
            self._add_word(word, correct_to=True)
        for text in texts:
            for token in normalize(text).split():
                if token.isascii():
                    self._add_word(token, correct_to)
                    self._add_word(english_stem(token), correct_to)
                else:
                    stem = self._cut_verb(self._strip_particles(token))
                    if stem and stem not in self.lexicon.stopwords:
                        self._add_word(stem, correct_to)

    @property
    def unnamed_place(self) -> str:
        """The term a place the knowledge base never names reads as (places.yaml `unnamed`), or ""."""
        return self._unnamed_place

    def finish(self) -> None:
        """Call once all texts are learned: builds the look-ups that need the whole vocabulary."""
        self._use_dictionary()
        unnamed = self.lexicon.unnamed_place
        self._unnamed_place = self._canonical(unnamed) if unnamed and unnamed in self.vocab else ""
        self._english = sorted(w for w in self.vocab if w.isascii() and w.isalpha())
        self.split_compounds()
        self._analyses.cache_clear()

    def _use_dictionary(self) -> None:
        """The English dictionary's groups whose words the knowledge base writes join the vocabulary."""
        for group in self.english.groups_for(self.vocab):
            head = self.synonyms.get(group[0], group[0])  # 입주 is already 사무실: tenant joins it there
            for word in group:
                self.synonyms.setdefault(word, head)
                self._add_word(word, correct_to=word.isascii())  # 일반 is no typo of 일본

    def split_compounds(self) -> None:
        """Once the vocabulary is complete: a word written solid in one place (신청방법) and spaced in
        another (신청 방법) must give the same terms, so every word made wholly of other known words of
        two or more syllables is analysed as those words."""
        self._parts = {}
        for word in sorted(self.vocab, key=len):
            if len(word) < 4 or word.isascii():
                continue
            self.vocab.discard(word)
            pieces = self._best_split(word, fuzzy=False)
            self.vocab.add(word)
            if len(pieces) >= 2 and all(kind == "word" and len(text) >= 2 for kind, text in pieces) \
                    and not self._greeting_glued(pieces):
                self._parts[word] = tuple(self._canonical(text) for _, text in pieces)
        self._analyses.cache_clear()

    def learn_phrase_initials(self, phrase: str) -> None:
        """Let a 초성 abbreviation of a whole name (ㄱㅅㄱㅇ for 강소기업) stand for it."""
        compact = normalize(phrase).replace(" ", "")
        self._analyses.cache_clear()
        self._freq[phrase] = self._freq.get(phrase, 0) + 1
        if len(initials(compact)) >= 2 and all(is_syllable(ch) for ch in compact):
            self._by_initials.setdefault(initials(compact), set()).add(phrase)

    def frequency(self, word: str) -> int:
        """How often a word or phrase occurs in the knowledge base's texts (0: never)."""
        return self._freq.get(word, 0)

    def initials_words(self, initials_text: str) -> set[str]:
        """The known words and names whose 초성 are `initials_text` (ㅊㅇ -> 창업, 창원, ...)."""
        return set(self._by_initials.get(initials_text, ()))

    def _add_word(self, word: str, correct_to: bool) -> None:
        if not word:
            return
        self._freq[word] = self._freq.get(word, 0) + 1
        if word not in self.vocab:
            self.vocab.add(word)
            self._max_word = max(self._max_word, len(word))
            if not word.isascii() and all(is_syllable(ch) for ch in word) and len(word) >= 2:
                self._by_initials.setdefault(initials(word), set()).add(word)
        if correct_to and len(word) >= (2 if not word.isascii() else 5) and not self._ending_like(word):
            key = to_jamo(word)
            for variant in (key, *_deletions(key)):
                self._fuzzy.setdefault(variant, set()).add(word)

    # ---- analysing -------------------------------------------------------------------------------

    def analyze(self, text: str) -> Analysis:
        """The terms of a text (an Analysis is immutable: a remembered one is handed out again)."""
        return self._analyses(text) if len(text) <= ANALYSED_TEXT else self._analyze(text)

    def _analyze(self, text: str) -> Analysis:
        text = self._emoji_as_words(text[: MAX_TEXT * 2])
        normalized = normalize(text)
        terms: list[str] = []
        tokens = self._read_verb_phrases(_join_lone_syllables(self.english.rewrite(normalized).split(),
                                                              self.lexicon.apart_words))
        for token in tokens:
            terms.extend(self._token_terms(token))
        terms = _without_repeated_meanings(terms)
        if self._unnamed_place:  # a company from Ulsan asks as one from 다른 지역 does (places.yaml `unnamed`)
            places = self.lexicon.places
            terms = [self._unnamed_place if t.startswith(UNKNOWN_PREFIX) and t[1:] in places else t for t in terms]
        return Analysis(normalized, detect_lang(text, self.lexicon.neutral_words), tuple(terms))

    def _read_verb_phrases(self, tokens: list[str]) -> list[str]:
        """Everyday phrases of a noun and a verb (words.yaml `verb_phrases`) as the words they mean: `사업자 내야 되나요`
        -> 사업자등록 되나요, `가게를 차리려면` -> 가게 창업, whatever the verb's ending or the noun's particle. Not in the
        past (`사업자 냈는데`, `사업자 낸 지 1년`): that tells what the asker has done, not what they ask about."""
        phrases = self.lexicon.verb_phrases
        if not phrases or len(tokens) < 2:
            return tokens
        out: list[str] = []
        skip = False
        for token, following in zip(tokens, [*tokens[1:], ""]):
            if skip:
                skip = False
                continue
            verb = (self.everyday.dictionary_form(following, self._ending_syllables)
                    or self.phrase_verbs.dictionary_form(following, self._ending_syllables)) if following else None
            meant = phrases.get((token, verb or "")) or phrases.get((self._strip_particles(token), verb or "")) \
                or phrases.get((self._one_syllable_noun(token), verb or "")) if verb and not _done(following, verb) else None
            if meant:
                out.extend(meant.split())
                skip = True
            else:
                out.append(token)
        return out

    def _emoji_as_words(self, text: str) -> str:
        """👋 -> 안녕, 🙏 -> 감사: emoji that say something in chat, as words (others vanish in normalize)."""
        emoji = self.lexicon.emoji
        if not emoji or text.isascii():
            return text
        return "".join(f" {emoji[ch]} " if ch in emoji else ch for ch in text)

    def _token_terms(self, token: str) -> list[str]:
        return self._english_terms(token) if token.isascii() else self._korean_terms(token)

    def _english_terms(self, token: str) -> list[str]:
        lexicon = self.lexicon
        if token in lexicon.stopwords or (token not in self.synonyms and (
                self.english.says_nothing(token, lexicon.stopwords) or self.english.is_function_word(token, self.vocab))):
            return []
        if token.isdigit():
            return [token]
        word = self._english_word(token)
        if word not in self.vocab:
            parts = self._english_parts(token)
            if parts:
                return [self._canonical(part) for part in parts]
            if not self.english.is_word(token):  # a real word (foreigners) is no typo of another (foreign)
                word = self._correct(word) or self._same_stem(word) or word
        if word in lexicon.stopwords:
            return []
        return [self._canonical(word) if word in self.vocab else UNKNOWN_PREFIX + word]

    def _english_parts(self, token: str) -> tuple[str, ...] | None:
        """biomaterials -> (bio, materials), startup -> (start, up): an English word typed solid that is two
        known words of three letters or more, where the knowledge base writes them apart or hyphenated."""
        if len(token) < ENGLISH_COMPOUND or token in self.vocab:
            return None
        for cut in range(3, len(token) - 2):
            head, tail = token[:cut], token[cut:]
            tail = tail if tail in self.vocab else english_stem(tail)
            if head in self.vocab and tail in self.vocab and head not in self.lexicon.stopwords \
                    and tail not in self.lexicon.stopwords:
                return head, tail
        return None

    def _english_word(self, token: str) -> str:
        """The form of an English word to look up: the word itself when a synonym group or the knowledge
        base knows it (its own word wins: `registered` a business is not `register` for a program), else the
        first of its base forms a synonym group knows (textiles -> textile), else one the knowledge base
        uses, else its stem. A word of the English dictionary stays itself where its group does not take part
        (foreigners -> foreigner, never on to foreign: another word)."""
        synonyms = self.synonyms
        if token in synonyms or token in self.vocab or self.english.knows(token):
            return token  # a word of the dictionary whose group does not take part stays itself (unknown)
        lemmas = list(self.english.lemmas(token))
        for lemma in lemmas[1:]:
            if lemma in synonyms:
                return lemma
            if self.english.knows(lemma):  # foreigners -> foreigner, not on to foreign (another word)
                return lemma
        return next((lemma for lemma in lemmas[1:] if lemma in self.vocab), english_stem(token))

    def _korean_terms(self, token: str) -> list[str]:
        lexicon = self.lexicon
        if token in lexicon.initials_slang and token not in self.vocab:
            return self._token_terms(lexicon.initials_slang[token])
        if is_initials_only(token) and token not in self.vocab:
            return self._expand_initials(token)
        if token in lexicon.stopwords:
            return []
        stripped = self._strip_particles(token)
        if not stripped or stripped in lexicon.stopwords:
            return []
        if stripped not in self.vocab:
            stripped = self._known_stem(token, stripped)  # 성과는: 성과 + 는, not 성 + 과는
        if stripped in self.vocab:
            return list(self._parts.get(stripped, (self._canonical(stripped),)))
        terms = self._unplaced(token, stripped)
        meant = self._verb_meaning(token)
        # Which of the two the text keeps depends on its other words (_without_repeated_meanings).
        return [MEANT_PREFIX + MEANT_SEP.join((meant, *terms))] if meant else terms

    def _unplaced(self, token: str, stripped: str) -> list[str]:
        """The terms of a word the vocabulary does not hold: known words inside it, the rest unknown."""
        terms = self._segmented(stripped)
        if stripped != token and any(t.startswith(UNKNOWN_PREFIX) for t in terms):
            # A verb ending read as particles (할수있나요: 요 and 나 stripped leave 할수있, whose 있 is unknown): the
            # word as typed, where its ending is a stopword (있나요), may leave fewer unknown pieces.
            whole = self._segmented(token)
            if _unknowns(whole) < _unknowns(terms):
                return whole
        return terms

    def _segmented(self, token: str) -> list[str]:
        terms: list[str] = []
        for start in range(0, len(token), MAX_TOKEN):
            terms.extend(self._segment(token[start:start + MAX_TOKEN]))
        return terms

    def everyday_verb(self, token: str) -> str | None:
        """The everyday verb a whole word is a form of (나와요 -> 나오다, 갖고 -> 갖다), or None; a synonym or a
        place is never one."""
        if token in self.synonyms or token in self.lexicon.places:
            return None
        return self.everyday.dictionary_form(token, self._ending_syllables)

    def _verb_meaning(self, token: str) -> str | None:
        """The term an everyday verb of words.yaml `meaning_verbs` means, where `token` is one of its forms (뽑으면,
        배웠으면, 대주나요): a person says `사람 뽑으면` where a notice writes 채용."""
        verb = self.meaning_verbs.dictionary_form(token, self._ending_syllables)
        meant = self.lexicon.meaning_verbs.get(verb) if verb else None
        # A word the knowledge base never writes is read as no such word: it stays unknown, as the verb was.
        return self._canonical(meant) if meant and (meant in self.vocab or meant in self.synonyms) else None

    def _canonical(self, word: str) -> str:
        return self.synonyms.get(word, word)

    def _strip_particles(self, token: str) -> str:
        """Up to two particles, outermost first (프로그램들이 -> 프로그램들 -> 프로그램)."""
        for _ in range(2):
            for size in self._particle_sizes:
                if len(token) - size >= (2 if size == 1 else 1) and token[-size:] in self._particles:
                    token = token[:-size]
                    break
            else:
                break
        return token

    def _one_syllable_noun(self, token: str) -> str:
        """A noun of one syllable and its particle (`돈을`, `차를`: 돈, 차), which `_strip_particles` leaves whole so
        that `아이` stays a word; else ""."""
        return token[0] if len(token) == 2 and token[1] in self._particles and is_syllable(token[0]) else ""

    def _known_stem(self, token: str, stripped: str) -> str:
        """A word the vocabulary knows, `token` less one particle, where stripping particles greedily left an
        unknown stem (`성과는` -> 성 + 과는 -> 성과 + 는; `결과를` keeps 결과), or less two (`성과는요`); else `stripped`.
        A word of one syllable keeps its particle unless synonyms.yaml lists it (`돈을` is 돈; `아이` stays whole)."""
        if self._one_syllable_noun(token) in self.lexicon.synonyms and not self._verb_meaning(token):
            return token[0]  # (뽑을 is a verb's form: read as meaning_verbs read it, once in a message)
        for size in self._particle_sizes:
            if len(token) - size >= 2 and token[-size:] in self._particles and token[:-size] in self.vocab:
                return token[:-size]
        for size in self._particle_sizes:  # two particles: 성과는요 -> 성과 + 는 + 요, not 성 + 과는요
            rest = token[:-size]
            if len(rest) >= 3 and token[-size:] in self._particles:
                for inner in self._particle_sizes:
                    if len(rest) - inner >= 2 and rest[-inner:] in self._particles and rest[:-inner] in self.vocab:
                        return rest[:-inner]
        return stripped

    def _cut_verb(self, token: str) -> str:
        """신청하려면 -> 신청: cut where a verb ending starts, if everything after it reads as an ending."""
        for i in range(2, len(token)):
            if token[i:].startswith(self.lexicon.verb_starts) and all(
                    ch in self._ending_syllables for ch in token[i:]):
                return token[:i]
        return token

    def _same_stem(self, word: str) -> str | None:
        """A known English word sharing all but the last three letters (at least five) with `word`:
        commercialising -> commercialisation, organised -> organisation. The shortest one wins."""
        if len(word) < 6:
            return None
        prefix = word[: max(5, len(word) - 3)]
        start = bisect.bisect_left(self._english, prefix)
        matches = []
        for known in self._english[start:start + 50]:
            if not known.startswith(prefix):
                break
            matches.append(known)
        return min(matches, key=lambda w: (len(w), w)) if matches else None

    def _ending_like(self, word: str) -> bool:
        return all(ch in self._ending_syllables for ch in word)

    def _correct(self, piece: str) -> str | None:
        """The vocabulary word one jamo edit away (two for long words), of the same length, if unique; never
        for a real word of Korean (전세 is no typo of 전시, 가격 none of 자격)."""
        if self._ending_like(piece) or piece in self.real_words:
            return None
        key = to_jamo(piece)
        found: set[str] = set()
        for variant in (key, *_deletions(key)):
            found.update(self._fuzzy.get(variant, ()))
        limit = 1 if len(piece) < 4 or piece.isascii() else 2
        # Korean typos keep the syllable count (a jamo off); an English one may drop or double a letter
        # (staions, adress), which a word of five letters or more survives.
        spread = 1 if piece.isascii() and len(piece) >= 5 else 0
        best = [w for w in found if abs(len(w) - len(piece)) <= spread
                and Levenshtein.distance(to_jamo(w), key, score_cutoff=limit) <= limit]
        if len(best) <= 1:
            return best[0] if best else None
        # Several: the closest, if no other is as close, or if all as close mean the same (incubator, incubation).
        # A tie between words of different meanings repairs nothing (정챡: 정착 or 정책; 팔기: 파기 or 팔고).
        distances = {w: Levenshtein.distance(to_jamo(w), key) for w in best}
        closest = min(distances.values())
        tied = sorted(w for w, d in distances.items() if d == closest)
        return tied[0] if len({self._canonical(w) for w in tied}) == 1 else None

    def _expand_initials(self, token: str) -> list[str]:
        if len(token) % 2 == 0 and token[: len(token) // 2] * 2 == token:
            token = token[: len(token) // 2]  # ㄱㅅㄱㅅ is ㄱㅅ said twice
        matches = self._by_initials.get(token, set())
        phrases = {m for m in matches if m not in self.vocab}
        # Two letters abbreviate a known name or phrase (ㄱㅅ for 감사), but too many ordinary words.
        matches = phrases or (matches if len(token) >= 3 else set())
        if not matches or len(matches) > 3:
            return [UNKNOWN_PREFIX + token]
        if len(matches) > 1:  # 강소기업 and a misspelt alias 강속기업: the one written most often
            top = max(self._freq.get(m, 0) for m in matches)
            matches = {m for m in matches if self._freq.get(m, 0) == top}
        terms: list[str] = []
        for phrase in sorted(matches):
            if phrase in self.vocab:
                terms.extend(self._parts.get(phrase, (self._canonical(phrase),)))
            else:
                terms.extend(t for t in self.analyze(phrase).terms if not t.startswith(UNKNOWN_PREFIX))
        return list(dict.fromkeys(terms))

    def _segment(self, token: str) -> list[str]:
        """Split a run of syllables into known words, endings and unknown leftovers, fewest pieces first.

        Costs: a known word or an everyday word of elsewhere.yaml 1 (2.1 for a known one of one syllable, so a
        lone syllable is rather left unknown), a corrected
        typo 1.6, a particle or stopword 1.2, a trailing verb ending 0.8, an unknown syllable 2. Fuzzy pieces
        are tried only when exact pieces leave something unknown, since looking them up is the expensive part.
        """
        pieces = self._best_split(token, fuzzy=False)
        if any(kind == "unknown" for kind, _ in pieces):
            pieces = self._best_split(token, fuzzy=True)
        if self._greeting_glued(pieces):
            # 하이테크, 하이브리드 (and, in split_compounds, a name such as 하이창원): a greeting is typed as a
            # word of its own; glued to the front of a longer word it is that word's first syllables, not `hi`.
            pieces = [("unknown", ch) for ch in pieces[0][1]] + pieces[1:]
        # An everyday word beside unknown syllables is part of a longer word the vocabulary does not hold
        # (대|학원, 전세|계): the whole run stays one unknown word, as it would without the everyday words.
        pieces = [("unknown", text) if kind == "real" and any(
            0 <= n < len(pieces) and pieces[n][0] == "unknown" for n in (i - 1, i + 1)) else (kind, text)
            for i, (kind, text) in enumerate(pieces)]
        # A particle is said after a word, never before the syllables of one: one read between a known word and
        # unknown syllables is the first syllable of a word the vocabulary does not hold (지역가입자 is 지역 and
        # 가입자, not 지역, 가 and 입자). After unknown syllables it may still be an ending (붙었|는|지).
        pieces = [("unknown", text) if kind == "skip" and text in self._particles and 0 < i < len(pieces) - 1
                  and pieces[i - 1][0] == "word" and pieces[i + 1][0] == "unknown" else (kind, text)
                  for i, (kind, text) in enumerate(pieces)]
        terms: list[str] = []
        unknown = ""
        for kind, text in self._real_runs(pieces):
            if kind == "unknown":
                unknown += text
                continue
            if unknown:
                terms.append(UNKNOWN_PREFIX + unknown)
                unknown = ""
            if kind == "real":
                terms.append(UNKNOWN_PREFIX + text)
            elif kind == "word":
                terms.extend(self._parts.get(text, (self._canonical(text),)))
        if unknown:
            terms.append(UNKNOWN_PREFIX + unknown)
        return terms

    def _greeting_glued(self, pieces: list[tuple[str, str]]) -> bool:
        """Whether a split starts with a Korean greeting word (conversation.yaml `opening_skills`) followed, in the
        same token, by more than a particle or ending, and no greeting: `하이창원은` is not 하이 and 창원, `하이테크`
        not 하이 and 테크; `하이하이` and `하이요` stay greetings."""
        if len(pieces) < 2 or pieces[0][0] != "word" or pieces[0][1] not in self.lexicon.openings \
                or pieces[0][1].isascii():
            return False
        rest = sum(len(text) for kind, text in pieces[1:] if kind != "skip" and text not in self.lexicon.openings)
        return rest >= 2  # `안녕하세요오`: a drawn-out greeting, not a word

    def _real_runs(self, pieces: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """A run of unknown syllables and skipped ones (particles, stopwords, endings) between known words, or at
        either end, that spells a real word, but for a particle or ending after it, is that word, unknown: 동아리 is
        not 동, 아 (a stopword) and 리. Nothing unknown may be left: 만나고 is not 만나 (a real word) and ?고. A real
        word that would take in a known word (외국인: 외국 and 인) is left as split: the known word says more."""
        out: list[tuple[str, str]] = []
        run: list[tuple[str, str]] = []
        for piece in [*pieces, ("word", "")]:
            if piece[0] != "word":
                run.append(piece)
                continue
            # The longest stretch from the run's start that spells a real word and leaves no unknown syllable
            # after it (what is left is a particle or an ending: 동아리 + 에서).
            for end in range(len(run), 1, -1):
                text = "".join(t for _, t in run[:end])
                if text in self.real_words and any(k == "unknown" for k, _ in run[:end]) \
                        and all(k != "unknown" for k, _ in run[end:]):
                    out.append(("unknown", text))
                    out.extend(run[end:])
                    break
            else:
                out.extend(run)
            run = []
            if piece[1]:
                out.append(piece)
        return out

    def _best_split(self, token: str, *, fuzzy: bool) -> list[tuple[str, str]]:
        n = len(token)
        inf = float("inf")
        cost = [inf] * (n + 1)
        back: list[tuple[int, str, str]] = [(0, "", "")] * (n + 1)
        cost[0] = 0.0
        longest = min(self._max_word, n)
        lexicon = self.lexicon
        for i in range(n):
            if cost[i] == inf:
                continue
            for j in range(i + 1, min(n, i + longest) + 1):
                piece = token[i:j]
                options: list[tuple[float, str, str]] = []
                if piece in self.vocab:
                    lone = j - i == 1 and piece not in lexicon.light_words
                    options.append((2.1 if lone else 1.0, "word", piece))
                elif piece in lexicon.real_words:
                    # An everyday word the knowledge base does not write (전세, 주거): kept as typed, never read
                    # as a typo of a known word (전시) or torn into a syllable and an ending (주 + 거).
                    options.append((1.0, "real", piece))
                elif fuzzy and (j - i >= 3 or (i == 0 and j == n)) and j - i <= 6:
                    # A two-syllable piece is corrected only when it is the whole word (창엄 -> 창업):
                    # inside a longer word, a real word one letter away from a known one (전기요금,
                    # 전시) is far likelier than a typo.
                    corrected = self._correct(piece)
                    if corrected:
                        options.append((1.6, "word", corrected))
                if (piece in lexicon.stopwords and (i > 0 or j - i >= 2)) or (i > 0 and piece in lexicon.particles):
                    options.append((1.2, "skip", piece))
                if j == n and i > 0 and piece[0] in self._ending_syllables and all(
                        ch in self._ending_syllables for ch in piece) and piece.startswith(lexicon.verb_starts):
                    options.append((0.8, "skip", piece))
                if j == i + 1:
                    options.append((2.0, "unknown", piece))
                for step, kind, text in options:
                    if cost[i] + step < cost[j]:
                        cost[j] = cost[i] + step
                        back[j] = (i, kind, text)
        pieces: list[tuple[str, str]] = []
        j = n
        while j > 0:
            i, kind, text = back[j]
            pieces.append((kind, text))
            j = i
        return pieces[::-1]


def _without_repeated_meanings(terms: list[str]) -> list[str]:
    """A verb read for its meaning (MEANT_PREFIX: the meaning, then the verb's terms as typed) gives its meaning only
    where no other word of the text says it; else it stays as typed, as it was before such verbs were read:
    `어업을 처음 배워 보려는데 교육 받을 곳` and `배울 수 있는 과정 있나요` ask about 교육 by their noun already, and the verb
    gives no more (read as 교육 too, the first lost 어업's share and the second became a bare area's list)."""
    if not any(t.startswith(MEANT_PREFIX) for t in terms):
        return terms
    said = {t for t in terms if not t.startswith(MEANT_PREFIX)}
    given: set[str] = set()
    out: list[str] = []
    for term in terms:
        if not term.startswith(MEANT_PREFIX):
            out.append(term)
            continue
        meant, *typed = term[len(MEANT_PREFIX):].split(MEANT_SEP)
        if meant in said:
            out.extend(typed)
        elif meant not in given:  # a second verb of the same meaning (배워서 ... 배웠으면) adds nothing either
            given.add(meant)
            out.append(meant)
    return out


def _done(form: str, verb: str) -> bool:
    """Whether a conjugated everyday verb (`form` of the dictionary form `verb`) is in the past: a syllable with the
    past tense's ㅆ (냈, 만들었), or the stem's last syllable taking ㄴ, the past adnominal (낸, 만든, 차린)."""
    letters = [to_jamo(ch) for ch in form if is_syllable(ch)]
    if any(len(jamo) == 3 and jamo[2] == "ㅆ" for jamo in letters):
        return True
    stem = [to_jamo(ch) for ch in verb[:-1]]
    at = len(stem) - 1
    return 0 <= at < len(letters) and len(letters[at]) == 3 and letters[at][2] == "ㄴ" \
        and not (len(stem[at]) == 3 and stem[at][2] == "ㄴ")


def _join_lone_syllables(tokens: list[str], apart: frozenset[str] = frozenset()) -> list[str]:
    """수 소 충 전 소 -> 수소충전소: three or more one-syllable tokens in a row are one word typed apart. A word of
    `apart` (좀, 꼭: an adverb said between words) is never a syllable of one: `연락처 좀 알 수 있을까요` is not 좀알수."""
    out: list[str] = []
    run: list[str] = []
    for token in [*tokens, ""]:
        if len(token) == 1 and is_syllable(token) and token not in apart:
            run.append(token)
            continue
        if len(run) >= 3:
            out.append("".join(run))
        else:
            out.extend(run)
        run = []
        if token:
            out.append(token)
    return out


def _unknowns(terms: list[str]) -> int:
    return sum(1 for term in terms if term.startswith(UNKNOWN_PREFIX))


def _deletions(key: str) -> list[str]:
    return [key[:i] + key[i + 1:] for i in range(len(key))]

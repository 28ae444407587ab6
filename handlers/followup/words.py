"""What a message says about the "talk to a person" flow, read with the language data of words.yaml.

- `talk_request`: wanting to talk with a person (통화하고 싶은데, speak to someone, call me back), not asking for a
  number (담당자 전화번호 알려주세요 is a contact question).
- `languages_named`: a language someone wants to be served in (someone who speaks English).
- `closes_flow`: a closing said at a step of the flow (thanks, bye; 됐어요; nevermind): the flow ends.
- `worth_passing_on`: whether an earlier message asks anything, so that it may be offered as the question for
  staff (not `ㅠㅠ 너무 어렵네요`, an emoji line or `<script>alert('x')</script>`).
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from intents import chat
from intents.acts import held_from_a_word_start
from intents.analyzer import normalize
from intents.lexicon import Lexicon, Skill
from intents.markup import strip_markup

WORDS_FILE = Path(__file__).with_name("words.yaml")


@dataclass(frozen=True)
class Language:
    """A language someone may ask to be served in: its name in each of the bot's languages."""

    key: str
    names: dict[str, str]
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class FlowWords:
    talk_ko: tuple[str, ...]  # spaces removed
    talk_en: tuple[str, ...]  # normalised, matched word for word
    alone_ko: tuple[str, ...]  # asking to be called, nobody named (전화 주세요, call me back)
    alone_en: tuple[str, ...]
    person_ko: tuple[str, ...]  # each with every particle of talking with someone after it (담당자랑, 직원분)
    person_en: tuple[str, ...]
    number_ko: tuple[str, ...]
    number_en: tuple[str, ...]
    languages: dict[str, Language]  # a word naming a language (normalised) -> the language
    exits: frozenset[str]  # plain phrases
    feelings_ko: tuple[str, ...]  # word starts
    feelings_en: frozenset[str]
    refusals: frozenset[str] = frozenset()  # plain phrases: a no, at the name step only


def _plain(phrase: object) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", str(phrase).lower()).split())


@functools.lru_cache(maxsize=1)
def flow_words(path: Path = WORDS_FILE) -> FlowWords:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    talk, person, number = data.get("talk") or {}, (data.get("talk") or {}).get("person") or {}, data.get("number") or {}
    feelings = data.get("feelings") or {}
    languages: dict[str, Language] = {}
    for key, spec in (data.get("languages") or {}).items():
        language = Language(str(key), {lang: str(spec[lang]) for lang in ("ko", "en") if lang in spec},
                            tuple(str(w) for w in spec.get("words") or ()))
        for word in spec.get("words") or ():
            languages[normalize(str(word))] = language
    return FlowWords(
        talk_ko=tuple(str(w).replace(" ", "") for w in talk.get("ko") or ()),
        talk_en=tuple(normalize(str(w)) for w in talk.get("en") or ()),
        alone_ko=tuple(str(w).replace(" ", "") for w in talk.get("alone", {}).get("ko") or ()),
        alone_en=tuple(normalize(str(w)) for w in talk.get("alone", {}).get("en") or ()),
        person_ko=tuple(f"{w}{p}" for w in person.get("ko") or () for p in person.get("with_ko") or ()),
        person_en=tuple(normalize(str(w)) for w in person.get("en") or ()),
        number_ko=tuple(str(w).replace(" ", "") for w in number.get("ko") or ()),
        number_en=tuple(normalize(str(w)) for w in number.get("en") or ()),
        languages=languages,
        exits=frozenset(_plain(w) for w in data.get("exits") or ()) - {""},
        refusals=frozenset(_plain(w) for w in data.get("refusals") or ()) - {""},
        feelings_ko=tuple(str(w) for w in feelings.get("ko") or ()),
        feelings_en=frozenset(str(w).lower() for w in feelings.get("en") or ()),
    )


def _holds(text: str, korean: tuple[str, ...], english: tuple[str, ...]) -> bool:
    """Whether `text` holds a Korean cue from the start of a word (spaces removed) or an English one whole."""
    words = normalize(text).split()
    padded = f" {' '.join(words)} "
    if any(f" {cue} " in padded for cue in english if cue):
        return True
    return held_from_a_word_start(words, korean)


def asks_for_number(text: str, words: FlowWords | None = None) -> bool:
    """담당자 전화번호 알려주세요, what's the phone number: a number or address asked for."""
    words = words or flow_words()
    return _holds(text, words.number_ko, words.number_en)


def talks(text: str, words: FlowWords | None = None) -> bool:
    """Whether the message holds a cue of wanting to talk (통화, 얘기하고 싶, speak to, call me back)."""
    words = words or flow_words()
    return _holds(text, words.talk_ko, words.talk_en)


def names_person(text: str, words: FlowWords | None = None) -> bool:
    """Whether the message names a person to talk to (담당자랑, 직원분과, someone, staff), or asks to be called
    with nobody named (please call me back, 전화 주세요)."""
    words = words or flow_words()
    return _holds(text, words.person_ko, words.person_en) or _holds(text, words.alone_ko, words.alone_en)


def talk_request(text: str) -> bool:
    """Wanting to talk with a person, not asking for a number: `담당자분과 직접 통화해서 상담받고 싶은데`,
    `I'd like to speak to someone from the export team`; not `담당자 전화번호 알려주세요`."""
    words = flow_words()
    return talks(text, words) and not asks_for_number(text, words)


def languages_named(text: str) -> list[Language]:
    """The languages a message names (영어로 상담, someone who speaks English), in the order first named."""
    words = flow_words()
    tokens = normalize(text).split()
    found: dict[str, Language] = {}
    for size in (2, 1):  # foreign language before foreign
        for i in range(len(tokens) - size + 1):
            language = words.languages.get(" ".join(tokens[i:i + size]))
            if language is None and size == 1:
                # 영어로, 영어가: a Korean language name with a particle after it
                language = next((lang for word, lang in words.languages.items()
                                 if not word.isascii() and tokens[i].startswith(word)), None)
            if language is not None:
                found.setdefault(language.key, language)
    return list(found.values())


def language_words(language: Language) -> tuple[str, ...]:
    """The words that name `language` (영어, english)."""
    return language.words


def closes_flow(text: str, lexicon: Lexicon, refusing: bool = False) -> bool:
    """Whether a message typed at a step of the flow is only a closing: thanks, goodbye, 됐어요, nevermind (with
    fillers and acknowledgements beside them: `아 네 괜찮아요`, `ok thanks bye`). `네` or `ok` alone is none.
    `refusing`: a no (`아니요`, `아닙니다 됐습니다`) closes too: asked for a name, a no is no name (at a later step it may
    answer the step's own question: which earlier question to pass on)."""
    words = flow_words()
    tokens = _plain(chat.tidy(text, lexicon)).split()
    if not tokens or len(tokens) > chat.CLOSING_WORDS:
        return False
    closing = words.exits | lexicon.closings | frozenset(lexicon.closing_only) | _skill_phrases(lexicon, "thanks")
    if refusing:
        closing |= words.refusals
    company = lexicon.closing_company | lexicon.fillers
    # reached[i]: whether tokens[:i] reads as known phrases, and whether a closing is among them.
    reached: dict[int, bool] = {0: False}
    for start in range(len(tokens)):
        if start not in reached:
            continue
        for size in range(min(chat.CLOSING_PHRASE_WORDS, len(tokens) - start), 0, -1):
            phrase = " ".join(tokens[start:start + size])
            if phrase in closing:
                reached[start + size] = True
            elif phrase in company:
                reached[start + size] = reached.get(start + size, False) or reached[start]
    return reached.get(len(tokens), False)


def _skill_phrases(lexicon: Lexicon, name: str) -> frozenset[str]:
    return _phrases_of(lexicon.skills, name)


@functools.lru_cache(maxsize=16)
def _phrases_of(skills: tuple[Skill, ...], name: str) -> frozenset[str]:
    """A skill's phrases, plain (the lexicon itself holds dicts: its skills, a tuple, key the cache)."""
    skill = next((s for s in skills if s.name == name), None)
    return frozenset(_plain(p) for p in skill.phrases) - {""} if skill is not None else frozenset()


# Code and addresses pasted or typed for a test: a word holding these is no word of a question.
_CODE = re.compile(r"[(){}\[\];=<>$`\\|]|://|^www\.|\.(?:com|net|org|kr|js|php|html?)$", re.IGNORECASE)
_JAMO_ONLY = re.compile(r"^[ㄱ-ㅎㅏ-ㅣ]+$")


def content_words(text: str, lexicon: Lexicon) -> list[str]:
    """The words of a message that could say what it asks: markup, code, web addresses, laughter, emoji, 초성
    chat, fillers, courtesy and words of feeling taken away."""
    words = flow_words()
    tidied = chat.tidy(strip_markup(text), lexicon)
    kept = [w for w in tidied.split() if not _CODE.search(w)]
    courtesy = _courtesy_words(lexicon)
    out = []
    for word in normalize(" ".join(kept)).split():
        if _JAMO_ONLY.match(word) or not any(ch.isalpha() for ch in word):
            continue
        if word in lexicon.fillers or word in lexicon.stopwords or word in courtesy:
            continue
        if word.isascii():
            if word in words.feelings_en:
                continue
        elif any(word.startswith(f) for f in words.feelings_ko):
            continue
        out.append(word)
    return out


def _courtesy_words(lexicon: Lexicon) -> frozenset[str]:
    """Every word of the greeting, thanks, goodbye, yes and no skills' phrases (안녕하세요, thanks, bye, 네)."""
    return _words_of(lexicon.skills, (*lexicon.courtesy_skills, "yes", "no", "chitchat"))


@functools.lru_cache(maxsize=4)
def _words_of(skills: tuple[Skill, ...], names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w for name in names for p in _phrases_of(skills, name) for w in normalize(p).split())


def worth_passing_on(text: str, lexicon: Lexicon) -> bool:
    """Whether an earlier message asks something a member of staff could answer: it has a content word. Not a
    sigh (`ㅠㅠ 너무 어렵네요`), laughter, an emoji line, markup or code (`<script>alert('x')</script>`), a web address
    alone, 초성 chat or a greeting."""
    return bool(content_words(unicodedata.normalize("NFC", text), lexicon))


# -- the bot's own features asked in words; upset said beside a question -----------------------------------------

Pattern = tuple[tuple[str, ...], ...]  # cue lists held in order


@dataclass(frozen=True)
class FeatureWords:
    """words.yaml `features` and `upset`: patterns per feature (Korean, English), their gaps, and upset cues."""

    ko: dict[str, tuple[Pattern, ...]]
    en: dict[str, tuple[Pattern, ...]]
    gap_ko: int
    gap_en: int
    max_words: int
    upset_ko: tuple[str, ...]
    upset_en: tuple[str, ...]


# One-syllable Korean cues (내, 제) are words only alone or with a particle after them: not 내년, 제출.
_PARTICLES = ("가", "의", "는", "은", "이", "을", "를", "도")


@functools.lru_cache(maxsize=1)
def feature_words(path: Path = WORDS_FILE) -> FeatureWords:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    features, upset = data.get("features") or {}, data.get("upset") or {}

    def patterns(lang: str) -> dict[str, tuple[Pattern, ...]]:
        out: dict[str, tuple[Pattern, ...]] = {}
        for name, spec in features.items():
            if not isinstance(spec, dict):
                continue
            rows = spec.get(lang) or []
            out[str(name)] = tuple(tuple(tuple(_cue(w, lang) for w in group) for group in row) for row in rows)
        return out

    return FeatureWords(
        ko=patterns("ko"), en=patterns("en"), gap_ko=int(features.get("gap_ko", 4)),
        gap_en=int(features.get("gap_en", 3)), max_words=int(features.get("max_words", 12)),
        upset_ko=tuple(str(w).replace(" ", "") for w in upset.get("ko") or ()),
        upset_en=tuple(normalize(str(w)) for w in upset.get("en") or ()))


def _cue(word: object, lang: str) -> str:
    return str(word).replace(" ", "") if lang == "ko" else normalize(str(word))


def feature_asked(text: str) -> str | None:
    """The bot's feature a message asks for in words (words.yaml `features`: "alerts", "tickets", "personal"), or
    None. `마감 전에 알림 받고 싶어요`, `새 공고 뜨면 알려 주세요`: alerts; `내 문의 처리됐나요?`, `did staff answer my
    question?`: tickets; `내 연락처 바꾸고 싶어요`: personal. `수출 바우처 마감 언제예요` holds no cue of any."""
    data = feature_words()
    words = normalize(strip_markup(text)).split()
    if not words or len(words) > data.max_words:
        return None
    compact, starts = "".join(words), _starts(words)
    for name in data.ko:
        if any(_held_ko(compact, starts, row, data.gap_ko) for row in data.ko[name]):
            return name
    for name in data.en:
        if any(_held_en(words, row, data.gap_en) for row in data.en[name]):
            return name
    return None


def _starts(words: list[str]) -> dict[int, int]:
    """Where each word starts in the words run together -> where it ends."""
    out, at = {}, 0
    for word in words:
        out[at] = at + len(word)
        at += len(word)
    return out


def _held_ko(compact: str, starts: dict[int, int], row: Pattern, gap: int) -> bool:
    """Whether the cue lists of `row` are held in order in `compact`: the first from a word's start, each next one
    beginning at most `gap` letters after the one before ends."""
    if not row or not row[0]:
        return False
    ends = []
    for cue in row[0]:
        at = compact.find(cue)
        while at >= 0:
            word_end = starts.get(at)
            if word_end is not None and (len(cue) > 1 or word_end - at == 1
                                         or compact[at + 1:word_end] in _PARTICLES):
                ends.append(at + len(cue))
            at = compact.find(cue, at + 1)
    for group in row[1:]:
        if not group:
            continue
        ends = [at + len(cue) for end in ends for cue in group
                for at in _found_from(compact, cue, end, end + gap)]
        if not ends:
            return False
    return bool(ends)


def _found_from(compact: str, cue: str, low: int, high: int) -> list[int]:
    out = []
    at = compact.find(cue, low)
    while 0 <= at <= high:
        out.append(at)
        at = compact.find(cue, at + 1)
    return out


def _held_en(words: list[str], row: Pattern, gap: int) -> bool:
    """Whether the cue lists of `row` are held word for word in order, each at most `gap` words after the one
    before; an empty list asks for nothing more (`notify` alone)."""
    if not row or not row[0]:
        return False
    ends = [i + len(cue.split()) for cue in row[0] for i in _phrase_at(words, cue)]
    for group in row[1:]:
        if not group:
            continue
        ends = [i + len(cue.split()) for end in ends for cue in group
                for i in _phrase_at(words, cue) if end <= i <= end + gap]
        if not ends:
            return False
    return bool(ends)


def _phrase_at(words: list[str], phrase: str) -> list[int]:
    size = len(phrase.split())
    target = phrase.split()
    return [i for i in range(len(words) - size + 1) if words[i:i + size] == target] if size else []


def says_upset(text: str) -> bool:
    """Whether a message with words says the person is upset (words.yaml `upset`: 연락이 없어요, still no reply)."""
    data = feature_words()
    return _holds(strip_markup(text), data.upset_ko, data.upset_en)


_SCRIPT = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)


def readable(text: str) -> str:
    """`text` as a person would read it, for what is offered to or kept for staff: pasted markup taken away, the
    content of <script> and <style> with it, words of code dropped (`<b>urgent</b> <script>alert(1)</script>
    please reply` -> `urgent please reply`). Text without markup is returned as it is."""
    if "<" not in text and "&" not in text:
        return text
    stripped = strip_markup(_SCRIPT.sub(" ", text))
    lines = [" ".join(w for w in line.split() if not _CODE.search(w)) for line in stripped.splitlines()]
    return "\n".join(line for line in lines if line).strip()

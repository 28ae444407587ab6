"""Chat habits tidied before a message is matched: laughter, repeated 초성, chat abbreviations, smileys.

People write `감사합니다ㅎㅎ`, `ㄳㄳㄳ`, `ㄳ요`, `see u`, `아 네 감사해요`, `안녕 😊`. None of these habits says what
a message is about, but each can tip it: an unknown `ㅋㅋㅋ` counts against every item, `😊` read as 감사 turns a
greeting into thanks, a leading `ok` ties `ok bye` between thanks and goodbye. `tidy` removes or folds them,
with the language data in intents/lexicon/conversation.yaml (`chat_words`, `fillers`) and words.yaml
(`initials_slang`). A message that is nothing but such habits (`ㅋㅋㅋ`, `ㅠㅠ`) tidies to nothing: nothing is
answered.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from typing import Callable, Iterable

from intents.analyzer import normalize
from intents.hangul import CONSONANTS
from intents.lexicon import Lexicon

# Laughter and tears: runs of ㅋ ㅎ ㅠ ㅜ (two or more, or one at the end of a word: 감사해요ㅎ), ^^, ;;, and
# laughing syllables typed as a word of their own (하하, 히히, 크크).
_LAUGHTER = re.compile(r"[ㅋㅎㅠㅜㅡ]{2,}|(?<=[가-힣])[ㅋㅎㅠㅜ](?=\s|$|[!?.~])|\^\^+|;;+|ㅡㅡ|-_-|T_T|ㅜ_ㅜ|ㅠ_ㅠ")
_LAUGHING_WORD = re.compile(r"^(?:하하+|히히+|헤헤+|호호+|크크+|키키+|킥킥+|ㅋ+|ㅎ+|ㅠ+|ㅜ+|lol+|lmao|haha+|hehe+|xd)$",
                            re.IGNORECASE)
_POLITE_TAIL = ("요", "여", "용", "염", "욤")  # ㄳ요, ㅎㅇ여: 초성 chat made polite


def tidy(text: str, lexicon: Lexicon) -> str:
    """`text` with chat habits removed or folded; words are kept as typed otherwise."""
    text = _LAUGHTER.sub(" ", text)
    words = [w for w in text.split() if not _LAUGHING_WORD.match(w.strip("!?.~,"))]
    words = [_initials_word(w, lexicon) for w in words]
    words = [_chat_word(w, lexicon) for w in words]
    words = _without_smileys(words, lexicon)
    words = _without_leading_fillers(words, lexicon)
    words = _as_farewell(words, lexicon)
    return _without_courtesies(" ".join(words), lexicon)


def _chat_word(word: str, lexicon: Lexicon) -> str:
    """A chat spelling as the word it stands for, punctuation after it kept (`어케?` -> `어떻게?`)."""
    core = word.rstrip("!?.~,")
    found = lexicon.chat_words.get(core.lower())
    return word if found is None else found + word[len(core):]


def _initials_word(word: str, lexicon: Lexicon) -> str:
    """ㄳㄳㄳ -> ㄳ, ㅂㅇㅂㅇ -> ㅂㅇ, ㅂㅂㅂ -> ㅂㅂ, ㄳ요 -> ㄳ: a chat abbreviation said again or made polite."""
    slang = lexicon.initials_slang
    core = word.rstrip("!?.~,")
    for tail in _POLITE_TAIL:
        if core.endswith(tail) and len(core) > len(tail) and all(ch in CONSONANTS for ch in core[: -len(tail)]):
            core = core[: -len(tail)]
            break
    if not core or not all(ch in CONSONANTS for ch in core) or core in slang:
        return core if core in slang else word
    for size in range(1, len(core) // 2 + 1):
        unit = core[:size]
        if len(core) % size == 0 and unit * (len(core) // size) == core:
            for candidate in (unit, unit * 2):
                if candidate in slang:
                    return candidate
    return word


def _without_smileys(words: list[str], lexicon: Lexicon) -> list[str]:
    """An emoji says something (👋 hello, 🙏 thanks) only when it is all the message says: beside words it
    is decoration (`안녕 😊` is a greeting, not thanks)."""
    emoji = lexicon.emoji
    if not emoji:
        return words
    bare = ["".join(ch for ch in w if ch not in emoji and ch != "\ufe0f") for w in words]
    if any(_has_letters(w) for w in bare):
        return [w for w in bare if w]
    return words


def _without_leading_fillers(words: list[str], lexicon: Lexicon) -> list[str]:
    """아, 네, 음, ok, oh before what is said (`ok bye`, `아 네 감사합니다`): dropped while something follows."""
    fillers = lexicon.fillers
    while len(words) > 1 and words[0].lower().strip("!?.~,") in fillers:
        words = words[1:]
    return words


CLOSING_WORDS = 10  # a longer message says more than goodbye
CLOSING_PHRASE_WORDS = 5  # the longest farewell or courtesy phrase looked for, in words


def _as_farewell(words: list[str], lexicon: Lexicon) -> list[str]:
    """`알겠습니다 수고하세요`, `thanks, see you`, `ㄳ ㅂㅂ` -> the farewell alone: a message made only of farewells,
    thanks and acknowledgements (conversation.yaml `closing`) closes the conversation, whichever comes first.
    Read whole, its thanks outweighed the farewell, and the reply invited another question."""
    if not lexicon.closings or not 1 <= len(words) <= CLOSING_WORDS:
        return words
    tokens = _plain(" ".join(words)).split()
    company = lexicon.closing_company | lexicon.fillers
    # reached[i]: the last farewell of a reading of tokens[:i] into known phrases ("" for none yet).
    reached: dict[int, str] = {0: ""}
    for start in range(len(tokens)):
        if start not in reached:
            continue
        for size in range(min(CLOSING_PHRASE_WORDS, len(tokens) - start), 0, -1):
            phrase = " ".join(tokens[start:start + size])
            if phrase in lexicon.closings or phrase in lexicon.closing_only:
                reached[start + size] = lexicon.closing_only.get(phrase, phrase)
            elif phrase in company:
                reached.setdefault(start + size, reached[start])
    farewell = reached.get(len(tokens), "")
    if not farewell or " ".join(tokens) == farewell:
        return words  # a farewell alone is matched as typed
    return farewell.split()


def _has_letters(word: str) -> bool:
    return any(ch.isalnum() for ch in word)


COURTESY_REST = 4  # words that must remain for a greeting or thanks around them to be mere courtesy


def _without_courtesies(text: str, lexicon: Lexicon) -> str:
    """`안녕하세요. 저희는 ... 신청할 수 있나요? 감사합니다`: the greeting before a question and the thanks after
    it are courtesy, not what is asked; they go when at least COURTESY_REST words are left. A message that is
    mostly courtesy (`안녕하세요 처음 왔어요`) is kept whole: then the courtesy is what it says."""
    phrases = _by_size(lexicon.courtesies)
    if not phrases or len(text.split()) <= COURTESY_REST:
        return text
    for _ in range(2):  # 안녕하세요 반갑습니다, ... 감사합니다 수고하세요
        text = _cut(text, phrases, start=True, openings=lexicon.openings)
        text = _cut(text, phrases, start=False)
    return text


@functools.lru_cache(maxsize=4)
def _by_size(phrases: tuple[str, ...]) -> dict[int, frozenset[str]]:
    """Courtesy phrases by their number of words, longest first, for a set look-up per size."""
    sizes: dict[int, set[str]] = {}
    for phrase in phrases:
        sizes.setdefault(len(phrase.split()), set()).add(phrase)
    return {size: frozenset(sizes[size]) for size in sorted(sizes, reverse=True)}


def _cut(text: str, phrases: dict[int, frozenset[str]], *, start: bool, openings: frozenset[str] = frozenset()) -> str:
    words = text.split()
    for size, known in phrases.items():
        if len(words) - size < COURTESY_REST:
            continue
        edge = words[:size] if start else words[-size:]
        phrase = _plain(" ".join(edge))
        if phrase not in known:
            continue
        # An English word (later, nice) may end a question; it is courtesy only set off by punctuation. A
        # greeting opens a message as courtesy either way: `hello i am from vietnam, ...` is no hello.
        boundary = edge[-1] if start else words[-size - 1]
        if phrase.isascii() and not boundary.endswith((".", ",", "!", "?", "~", ":", ";")) \
                and not (start and phrase in openings):
            continue
        return " ".join(words[size:] if start else words[:-size])
    return text


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


CONTAINED_WORDS = 8  # a message longer than this is not read as one chat phrase and its stopwords


def chat_phrase_words(phrases: Iterable[tuple[str, int]]) -> list[tuple[frozenset[str], int, int]]:
    """(words, number of words, item) of each chat phrase of two words or more, longest first."""
    out = {(frozenset(words), len(words), item) for text, item in phrases
           if len(words := normalize(text).split()) >= 2}
    return sorted(out, key=lambda row: (-row[1], row[2], sorted(row[0])))


def contained_phrase(words: list[str], phrases: list[tuple[frozenset[str], int, int]],
                     says_nothing: Callable[[str], bool]) -> int | None:
    """The item of the longest chat phrase whose words all occur in `words`, every other word saying nothing
    (stopwords: 저기, 혹시, here); None when none does, or when phrases of different items tie."""
    if not 2 <= len(words) <= CONTAINED_WORDS:
        return None
    present = set(words)
    found: set[int] = set()
    size = 0
    for phrase, length, item in phrases:
        if length < size:
            break
        if phrase <= present and all(says_nothing(w) for w in present - phrase):
            found.add(item)
            size = length
    return next(iter(found)) if len(found) == 1 else None


# -- what a message without a question says ------------------------------------------------------------

def asks_identity(text: str, lexicon: Lexicon) -> bool:
    """너 봇이야?, 진짜 사람이에요?, AI야?, 누구세요, are you a bot or a human?: whether the message asks what is
    answering (conversation.yaml `identity`), chat habits tidied. Only the whole message counts: `AI 지원사업
    있어요?` and `사람 연결해 주세요` ask something else."""
    if not lexicon.identity:
        return False
    korean, english = _identity_patterns(tuple(sorted(lexicon.identity.items())))
    plain = _plain(tidy(text, lexicon))
    return bool(plain) and bool(korean.fullmatch(plain.replace(" ", "")) or english.fullmatch(plain))


def _alternatives(words: Iterable[str]) -> str:
    """A regex alternation of `words`, longest first (so that 챗봇 is tried before 봇)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True) if w)


_EN_OPENERS = ("hey", "hi", "hello", "wait", "so", "but", "btw", "sorry", "excuse me", "ok", "okay", "um", "hmm", "just")


@functools.lru_cache(maxsize=4)
def _identity_patterns(data: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(Korean, spaces removed: a question as a whole, or leads + kind + ending, one or two such clauses:
    봇이야 사람이야; English: a question, or a form with a kind, `or a human`/`or not` after it)."""
    lists = dict(data)

    def compact(name: str) -> list[str]:
        return [_plain(w).replace(" ", "") for w in lists.get(name, ())]

    kinds, endings, leads = _alternatives(compact("kinds_ko")), _alternatives(compact("endings_ko")), \
        _alternatives(compact("leads_ko"))
    clause = f"(?:{kinds})(?:{endings})" if kinds and endings else "(?!)"
    asked = _alternatives(compact("questions_ko")) or "(?!)"
    korean = re.compile(f"(?:{leads or '(?!)'})*(?:(?:{asked})|{clause}(?:{clause})?)")
    kinds_en = [_plain(k) for k in lists.get("kinds_en", ())]
    forms = [_plain(f.replace("{kind}", "KIND")).replace("kind", "{kind}") for f in lists.get("forms_en", ())]
    phrases = [f.replace("{kind}", k) for f in forms for k in kinds_en] + [_plain(q) for q in lists.get("questions_en", ())]
    either = f"(?: or (?:a |an )?(?:{_alternatives(kinds_en)}|not))?" if kinds_en else ""
    english = re.compile(f"(?:(?:{_alternatives(_EN_OPENERS)}) )?(?:{_alternatives(phrases) or '(?!)'}){either}"
                         f"(?: (?:right|then|too|really|or what))?")
    return korean, english


QUIET_KEEP = "So"  # Unicode category of emoji and other pictographs: something said, unlike ... or ??


def says_nothing(text: str, lexicon: Lexicon) -> bool:
    """`...`, `??`, `ㅡㅡ`, `ㅋㅋ`: no word, number or emoji left once chat habits are tidied."""
    return not any(ch.isalnum() or unicodedata.category(ch) == QUIET_KEEP for ch in tidy(text, lexicon))


# What code is made of: operators and brackets that no sentence needs (' OR 1=1 --, <script>, {{7*7}}, ${jndi:...}).
_CODE_MARKS = re.compile(r"--|=|;|[<>{}\[\]$`|\\]|\(\s*\)|/\*|\*/")
_CODE_WORD = re.compile(r"[A-Za-z_]+")


def looks_like_code(text: str, lexicon: Lexicon) -> bool:
    """`' OR 1=1 --`, `<script>alert(1)</script>`, `{{7*7}}`, `'; DROP TABLE users; --`: a message of code marks
    (`=`, `--`, `;`, brackets) whose words, if any, are all words of code (conversation.yaml `code_words`), and no
    Hangul: a test of the bot, not a question; nothing is answered or started."""
    if not _CODE_MARKS.search(text) or any("\uac00" <= ch <= "\ud7a3" or "\u3131" <= ch <= "\u318e" for ch in text):
        return False
    words = [w.lower() for w in _CODE_WORD.findall(text)]
    return all(w in lexicon.code_words for w in words)


_LAUGHS = re.compile(r"[ㅋㅎ]|\^\^|하하|히히|헤헤|호호|크크|키키|킥킥|lol|lmao|haha|hehe|xd", re.IGNORECASE)


def laughs_only(text: str, lexicon: Lexicon) -> bool:
    """`ㅋㅋㅋ`, `ㅎㅎ`, `^^`, `lol`: laughter and nothing else (no word once chat habits are tidied). Tears (ㅠㅠ)
    and punctuation (`...`, `??`) are not laughter."""
    return says_nothing(text, lexicon) and bool(_LAUGHS.search(text))


_JOINERS = {"\u200d", "\ufe0f", "\ufe0e", "\u20e3"}  # zero-width joiner, variation selectors, keycap


def emoji_mood(text: str, lexicon: Lexicon) -> str | None:
    """What a message of emoji alone says (conversation.yaml `emoji_moods`): "thanks" (🙏, 👍, 😀👍🙏),
    "greeting" (a smile alone), "upset" (any 😢 or 😡: never thanks), "unclear" (emoji of no clear meaning);
    None for a message with words, or of emoji the matcher reads as words alone (🆘, 👎)."""
    marks = [ch for ch in text if not ch.isspace() and ch not in _JOINERS
             and not 0x1F3FB <= ord(ch) <= 0x1F3FF]  # skin tones
    if not marks or any(ch.isalnum() for ch in marks):
        return None
    pictures = [ch for ch in marks if unicodedata.category(ch) == QUIET_KEEP or ch in lexicon.emoji_moods
                or ch in lexicon.emoji]
    if not pictures:
        return None  # punctuation alone: says_nothing
    moods = {lexicon.emoji_moods.get(ch) or ("word" if ch in lexicon.emoji else "unclear") for ch in pictures}
    if "upset" in moods:
        return "upset"
    if moods == {"word"}:
        return None
    if moods & {"thanks", "ok"} and moods <= {"thanks", "ok", "smile", "word"}:
        return "thanks"
    if moods == {"smile"}:
        return "greeting"
    return "unclear"

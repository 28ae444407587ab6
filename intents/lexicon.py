"""The matcher's language data (intents/lexicon/*.yaml) and settings, loaded once into plain objects."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Mapping

import yaml

LEXICON_DIR = Path(__file__).resolve().parent / "lexicon"


@dataclass(frozen=True)
class MatcherSettings:
    """Thresholds and weights; see intents/lexicon/matcher.yaml for what each one means."""

    answer_score: float = 55.0
    answer_margin: float = 8.0
    margin_per_uncovered: float = 0.0
    answer_coverage: float = 0.70
    answer_coverage_long: float = 0.30
    answer_topic_coverage: float = 0.0
    short_terms: int = 4
    suggest_score: float = 30.0
    suggest_topic_coverage: float = 0.0
    aspect_cue_weight: float = 0.35
    unknown_weight: float = 1.0
    unknown_weight_long: float = 1.0
    coverage_share: float = 0.6
    max_candidates: int = 3
    semantic_weight: float = 0.5
    semantic_floor: float = 0.85
    semantic_ceiling: float = 0.95
    semantic_answer: float = 0.5
    semantic_margin: float = 0.1
    semantic_veto_score: float = 60.0
    semantic_veto_cosine: float = 0.88
    semantic_disputed_cosine: float = 0.90
    semantic_disputed_gap: float = 0.015
    semantic_suggest_cosine: float = 0.0
    semantic_intent_lexical: float = 0.0
    semantic_language_near: float = 0.0


@dataclass(frozen=True)
class Skill:
    """One conversation skill (greeting, thanks, ...): the intent ids or actions it joins, first found
    wins, and how people say it."""

    name: str
    targets: tuple[str, ...]
    phrases: tuple[str, ...]


@dataclass(frozen=True)
class Lexicon:
    particles: tuple[str, ...]  # longest first
    verb_starts: tuple[str, ...]
    stopwords: frozenset[str]
    light_words: frozenset[str]  # question words: counted, but lightly
    initials_slang: Mapping[str, str]  # ㄱㅅ -> 감사
    synonyms: Mapping[str, str]  # word -> the first word of its group
    aspect_cues_ko: Mapping[str, tuple[str, ...]]  # aspect -> cues with spaces removed
    aspect_cues_en: Mapping[str, tuple[str, ...]]  # aspect -> cues as " word word "
    settings: MatcherSettings
    skills: tuple[Skill, ...] = ()
    exclude_after: tuple[str, ...] = ()  # X 말고: markers after what is excluded
    exclude_before: tuple[str, ...] = ()  # not X: markers before it
    followup_cues: frozenset[str] = frozenset()
    neutral_words: frozenset[str] = frozenset()  # Latin words of no language (ok): they do not make a message English
    list_cues_ko: tuple[str, ...] = ()  # spaces removed
    list_cues_en: tuple[str, ...] = ()  # " word word "
    request_cues_ko: tuple[str, ...] = ()  # spaces removed
    request_cues_en: tuple[str, ...] = ()  # " word word "
    emoji: Mapping[str, str] = field(default_factory=dict)  # 👋 -> 안녕
    # Phrases that only say which aspect is asked (aspects.yaml phrases_ko/en): not cue words of the weighing.
    aspect_phrases_ko: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # spaces removed
    aspect_phrases_en: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # " word word "
    places: frozenset[str] = frozenset()  # 김해, gimhae: where someone lives, never a program to rule out
    unnamed_place: str = ""  # 지역: what a place the knowledge base never names reads as (places.yaml)
    chat_words: Mapping[str, str] = field(default_factory=dict)  # u -> you, 감삼다 -> 감사합니다 (intents/chat.py)
    fillers: frozenset[str] = frozenset()  # 아, 네, ok: dropped before what a message says
    courtesies: tuple[str, ...] = ()  # 안녕하세요, 감사합니다: courtesy around a question (longest first)
    courtesy_skills: tuple[str, ...] = ()  # greeting, thanks, goodbye: the skills those phrases belong to
    # What a skill's phrase does inside a longer message (conversation.yaml `acts`, intents/acts.py): skill name ->
    # "stand" (held whole it stays the act beside a topic) or "command" (only said alone); others yield to a topic.
    skill_acts: Mapping[str, str] = field(default_factory=dict)
    asked_where: tuple[str, ...] = ()  # 진흥원, agency: where a question is asked, never what about (acts.py)
    apart_words: frozenset[str] = frozenset()  # 좀, 꼭: never a syllable of a word typed apart (words.yaml)
    question_words: tuple[str, ...] = ()  # 언제, how: a message holding one asks, it commands nothing (acts.py)
    # Everyday verb phrases (words.yaml `verb_phrases`): (noun, the verb's dictionary form) -> the words read instead.
    verb_phrases: Mapping[tuple[str, str], str] = field(default_factory=dict)
    # Everyday verbs that mean an agency's word whatever their object (words.yaml `meaning_verbs`): 뽑다 -> 채용.
    meaning_verbs: Mapping[str, str] = field(default_factory=dict)  # dictionary form -> the word it means
    function_adverbs: frozenset[str] = frozenset()  # 따로, 이미: read lightly, never a topic (matcher `_cue_texts`)
    question_endings: tuple[str, ...] = ()  # 나요, ㅂ니까: a Korean question's last word ends so (acts.py)
    never_asked: frozenset[str] = frozenset()  # thanks, goodbye: skills whose act a question never is (acts.py)
    act_verbs: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # forget -> 삭제, delet: the act's verbs
    openings: frozenset[str] = frozenset()  # hello, hi: courtesy that opens a message, punctuated or not
    status_words: frozenset[str] = frozenset()  # 아직, still: whether something still runs (intents/context.py)
    other_words: frozenset[str] = frozenset()  # 다른, other: the other items of an area (intents/context.py)
    who_words: tuple[str, ...] = ()  # 외국인, student: who may apply, in a follow-up (intents/context.py)
    # What other bodies provide (elsewhere.yaml): 전세, 여권, passport; `real_words` adds the longer words that
    # begin like one (전세계): the analyser keeps all of them as typed, never as a typo of a known word.
    elsewhere: frozenset[str] = frozenset()
    real_words: frozenset[str] = frozenset()
    # A farewell said with thanks or an acknowledgement (conversation.yaml `closing`, intents/chat.py): the
    # farewell's phrases, the phrases that may go with it, and words said in passing; all plain.
    elsewhere_topics: Mapping[str, str] = field(default_factory=dict)  # 전세 -> housing: what the fallback says
    # A category of elsewhere.yaml -> words that, beside one of its words, make it the agency's own matter (국비 학원).
    elsewhere_unless: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    closings: frozenset[str] = frozenset()
    closing_company: frozenset[str] = frozenset()
    closing_only: Mapping[str, str] = field(default_factory=dict)  # 들어가세요 -> 안녕히 계세요
    # "Are you a bot?" (conversation.yaml `identity`, intents/chat.py): its lists by name, as written.
    identity: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    emoji_moods: Mapping[str, str] = field(default_factory=dict)  # 🙏 -> thanks, 😢 -> upset (intents/chat.py)
    code_words: frozenset[str] = frozenset()  # or, select, script: words of code (intents/chat.py looks_like_code)


class _WordsLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """YAML without its 1.1 booleans: in language data `yes`, `no`, `on` and `off` are words (the stopword
    `on` and the skills `yes`/`no` were read as True/False and never matched). Parsed by libyaml where PyYAML
    has it (the same data, about 8x faster: the lexicon is most of the matcher's start-up)."""


_WordsLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def read_yaml(path: Path) -> dict:
    """A lexicon file as plain data, every bare word a string."""
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_WordsLoader) or {}  # noqa: S506 - a SafeLoader subclass


_read = read_yaml


def _courtesies(conversation: dict, key: str = "courtesy_skills") -> tuple[str, ...]:
    """The phrases of the skills named in `key`, plain (lower case, no punctuation), longest first."""
    skills = conversation.get("skills") or {}
    phrases = {" ".join(re.sub(r"[^\w\s]", " ", str(p).lower()).split())
               for name in conversation.get(key, []) for p in (skills.get(name) or {}).get("phrases", [])}
    return tuple(sorted((p for p in phrases if p), key=lambda p: (-len(p.split()), -len(p), p)))


def _closing(conversation: dict) -> tuple[frozenset[str], frozenset[str], dict[str, str]]:
    """(the farewell skill's phrases, the phrases and words that may go with it, the farewells read only
    here -> the skill's first phrase), plain."""
    closing = conversation.get("closing") or {}
    skills = conversation.get("skills") or {}

    def plain(phrases: Any) -> set[str]:
        return {" ".join(re.sub(r"[^\w\s]", " ", str(p).lower()).split()) for p in (phrases or [])} - {""}

    said = [str(p) for p in (skills.get(str(closing.get("skill", ""))) or {}).get("phrases") or []]
    farewell = plain(said)
    company = plain(closing.get("also")).union(*(plain((skills.get(str(name)) or {}).get("phrases"))
                                                for name in closing.get("with", [])))
    # Each as the skill's first phrase in its own script, so the reply's language follows (have a good day -> bye).
    ordered = [" ".join(re.sub(r"[^\w\s]", " ", p.lower()).split()) for p in said]
    first = {script: next((q for q in ordered if q and q.isascii() == script), "") for script in (True, False)}
    only_here = {p: first[p.isascii()] for p in plain(closing.get("only_here")) if first[p.isascii()]}
    return frozenset(farewell), frozenset(company - farewell), only_here


def checked_numbers(settings: type, raw: Mapping[str, Any], source: Path) -> dict[str, Any]:
    """The numbers of a settings file, each as its field's type (int or float), for `settings(**...)`.

    A name that is not a numeric field of the `settings` dataclass is an error naming the file: a typo
    in a threshold would otherwise be ignored silently and the default used."""
    kinds: dict[object, type] = {"int": int, "float": float, int: int, float: float}  # postponed or not
    numeric = {f.name: kinds[f.type] for f in fields(settings) if f.type in kinds}
    unknown = set(raw) - set(numeric)
    if unknown:
        raise ValueError(f"{source}: unknown settings {sorted(unknown)}")
    return {name: numeric[name](value) for name, value in raw.items()}


def _verb_phrases(raw: Mapping[object, object]) -> dict[tuple[str, str], str]:
    """words.yaml `verb_phrases`: "noun verb" -> the words read instead, keyed by (noun, verb)."""
    out: dict[tuple[str, str], str] = {}
    for key, value in raw.items():
        parts = str(key).split()
        if len(parts) == 2 and str(value).strip():
            out[(parts[0], parts[1])] = str(value).strip()
    return out


def load_lexicon(folder: Path = LEXICON_DIR) -> Lexicon:
    words = _read(folder / "words.yaml")
    groups = _read(folder / "synonyms.yaml").get("synonyms", [])
    aspects = _read(folder / "aspects.yaml").get("aspects", {})
    raw_settings = _read(folder / "matcher.yaml")
    conversation = _read(folder / "conversation.yaml") if (folder / "conversation.yaml").exists() else {}
    place_data = _read(folder / "places.yaml") if (folder / "places.yaml").exists() else {}
    places = place_data.get("places") or {}
    # English aspect phrases kept with the rest of English (intents/english.py), read as aspects.yaml's phrases_en.
    english_aspects = (_read(folder / "english.yaml") if (folder / "english.yaml").exists() else {}).get("aspects") or {}
    elsewhere = _read(folder / "elsewhere.yaml") if (folder / "elsewhere.yaml").exists() else {}
    elsewhere_ko = {str(w) for name, ws in (elsewhere.get("ko") or {}).items() if name != "not_these" for w in ws}
    elsewhere_en = {str(w).lower() for ws in (elsewhere.get("en") or {}).values() for w in ws}
    skills = tuple(Skill(str(name), tuple(str(t) for t in body.get("targets", [])),
                         tuple(str(p) for p in body.get("phrases", [])))
                   for name, body in (conversation.get("skills") or {}).items())

    closings, closing_company, closing_only = _closing(conversation)
    synonyms: dict[str, str] = {}
    for group in groups:
        canonical = str(group[0]).lower()
        for word in group:
            synonyms.setdefault(str(word).lower(), canonical)

    settings = MatcherSettings(**checked_numbers(MatcherSettings, raw_settings, folder / "matcher.yaml"))

    return Lexicon(
        particles=tuple(sorted({str(p) for p in words.get("particles", [])}, key=len, reverse=True)),
        verb_starts=tuple(str(v) for v in words.get("verb_starts", [])),
        stopwords=frozenset(str(w).lower() for w in
                            [*words.get("stopwords_ko", []), *words.get("stopwords_en", [])]),
        function_adverbs=frozenset(str(w) for w in words.get("function_adverbs", [])),
        verb_phrases=_verb_phrases(words.get("verb_phrases") or {}),
        meaning_verbs={str(verb): str(spec["means"]) for verb, spec in (words.get("meaning_verbs") or {}).items()},
        light_words=frozenset(str(w).lower() for w in words.get("light_words", [])),
        initials_slang={str(k): str(v) for k, v in (words.get("initials_slang") or {}).items()},
        synonyms=synonyms,
        aspect_cues_ko={a: tuple(str(c).replace(" ", "") for c in cues.get("ko", []))
                        for a, cues in aspects.items()},
        aspect_cues_en={a: tuple(f" {str(c).lower()} " for c in cues.get("en", []))
                        for a, cues in aspects.items()},
        settings=settings,
        skills=skills,
        exclude_after=tuple(str(w) for w in words.get("exclude_after", [])),
        exclude_before=tuple(str(w).lower() for w in words.get("exclude_before", [])),
        neutral_words=frozenset(str(w).lower() for w in words.get("neutral_words", [])),
        followup_cues=frozenset(str(w).lower().replace(" ", "") for w in words.get("followup_cues", [])),
        list_cues_ko=tuple(str(c).replace(" ", "") for c in words.get("list_cues_ko", [])),
        list_cues_en=tuple(f" {str(c).lower()} " for c in words.get("list_cues_en", [])),
        request_cues_ko=tuple(str(c).replace(" ", "") for c in words.get("request_cues_ko", [])),
        request_cues_en=tuple(f" {str(c).lower()} " for c in words.get("request_cues_en", [])),
        emoji={str(k): str(v) for k, v in (conversation.get("emoji") or {}).items()},
        aspect_phrases_ko={a: tuple(str(c).replace(" ", "") for c in cues.get("phrases_ko") or [])
                           for a, cues in aspects.items()},
        aspect_phrases_en={a: tuple(f" {str(c).lower().replace(chr(39), '')} "
                                    for c in (*(cues.get("phrases_en") or []), *(english_aspects.get(a) or [])))
                           for a, cues in aspects.items()},
        places=frozenset(str(p).lower() for names in places.values() for p in names),
        unnamed_place=str(place_data.get("unnamed") or ""),
        chat_words={str(k).lower(): str(v) for k, v in (conversation.get("chat_words") or {}).items()},
        fillers=frozenset(str(w).lower() for w in conversation.get("fillers", [])),
        courtesies=_courtesies(conversation),
        courtesy_skills=tuple(str(name) for name in conversation.get("courtesy_skills", [])),
        skill_acts={str(name): str(kind) for kind, names in (conversation.get("acts") or {}).items()
                    if kind in ("stand", "command") for name in (names or [])},
        asked_where=tuple(str(w) for w in (conversation.get("acts") or {}).get("where") or []),
        apart_words=frozenset(str(w) for w in words.get("apart_words", [])),
        question_words=tuple(str(w).lower() for w in (conversation.get("acts") or {}).get("questions") or []),
        question_endings=tuple(str(w) for w in (conversation.get("acts") or {}).get("question_endings") or []),
        never_asked=frozenset(str(w) for w in (conversation.get("acts") or {}).get("never_asked") or []),
        act_verbs={str(name): tuple(str(v).lower().replace(" ", "") for v in verbs or [])
                   for name, verbs in ((conversation.get("acts") or {}).get("verbs") or {}).items()},
        openings=frozenset(_courtesies(conversation, "opening_skills")),
        status_words=frozenset(str(w).lower() for w in conversation.get("status_words", [])),
        other_words=frozenset(str(w).lower() for w in conversation.get("other_words", [])),
        who_words=tuple(sorted({str(w).lower() for w in conversation.get("who_words", [])}, key=len, reverse=True)),
        elsewhere=frozenset(elsewhere_ko | elsewhere_en),
        real_words=frozenset(elsewhere_ko | {str(w) for w in (elsewhere.get("ko") or {}).get("not_these", [])}),
        elsewhere_topics={str(w).lower(): str(name) for lang in ("ko", "en")
                          for name, ws in (elsewhere.get(lang) or {}).items() if name != "not_these" for w in ws},
        elsewhere_unless={str(name): tuple(str(w).lower() for w in (ws or []))
                          for name, ws in (elsewhere.get("in_scope_beside") or {}).items()},
        closings=closings,
        closing_company=closing_company,
        closing_only=closing_only,
        identity={str(name): tuple(str(w) for w in (words or []))
                  for name, words in (conversation.get("identity") or {}).items()},
        emoji_moods={str(e): str(mood) for mood, emoji in (conversation.get("emoji_moods") or {}).items()
                     for e in (emoji or [])},
        code_words=frozenset(str(w).lower() for w in conversation.get("code_words") or ()),
    )

"""Long messages: the question inside a story, read from the units that matter rather than every word.

A story is cut into units (intents/sentences.py: sentences, or the clauses of a run-on) and its asking unit
found (the last with a question mark, else the last that reads as asking). Three readings, in order:

1. **The question alone.** `... 무역사절단은 언제 모집하나요?` names its own topic: the asking unit is matched
   alone and its answer stands, unless the story names a program by name that the answer is not, while the
   question names none and only says how it asks (`이번엔 해외지사화 사업에 대해 여쭤보려고요. 비용은 얼마나
   부담해야 하나요?`: `비용 부담` alone looks like another program's words). Then reading 2 comes first, as it
   does when the question has no topic of its own but points back (`혹시 이 사업은 누구에게 물어보면 될까요?`).
2. **The topic unit and the question.** The story's unit nearest the question that, alone, is answered
   outright with a program or FAQ, or whose first item it names by name (local evidence: `수소충전소 구축
   사업에 대해 문의드립니다.`), is the topic. It is answered when the item is ranked first with the topic unit
   and the question read together, or is named in its unit by name, and the question's own topic words are
   the item's or name nothing else (`... 들었는데요. 구청 주차장 민원은 어떻게 넣나요?` is not answered with
   the program of the story: 주차장 is a word the knowledge base never uses; nor `... B도 있나요?`, B being
   another program's name). The background units (who asks, their size, city and history) no longer weigh in.
3. **The whole (focused) message**, as before; reading 2 is tried after it when it is not answered.

Where none of these answers, the asker's own description may say what the question is about (`저는 61세이고
조선소에서 설계 엔지니어로 30년 일하다 작년에 퇴직했습니다. ... 진흥원에서 도움 받을 수 있는 게 있을까요?`): a
person retired from long work who offers their experience (story.yaml `giver_persona`: both needed) asks
what they can give. An item whose own phrasings take the giver's role (intents/roles.py GIVE: `퇴직
엔지니어인데 멘토 할수 있나요`) and that the whole story ranks first is the answer.

The aspect is read by intents/aspects.py (where the question is). The semantic model reads the topic unit
and the question, not the story (`semantic_text`).
Small talk is never answered from a story. Work: a handful more rankings, each of one short unit.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable

import yaml

from intents.analyzer import UNKNOWN_PREFIX, Analysis, normalize
from intents.decision import Decision
from intents.focus import asking_index, has_long_run
from intents.ranking import mentioned
from intents.roles import GIVE
from intents.sentences import STORY_FILE, Story, StoryData, clauses, load_story_data, read
from knowledge.model import Intent, Program

if TYPE_CHECKING:
    from intents.matcher import Matcher

DATA = load_story_data()
_HANGUL = re.compile(r"[가-힣]")  # a question without Hangul is read against English names (scope.py)

__all__ = ["Story", "read_story", "first_reading", "answer_from_story", "semantic_text", "novel_question", "gives",
           "as_persona", "as_need", "stated_need"]


def read_story(text: str, data: StoryData = DATA) -> Story | None:
    """The story of a message of several units; None for one unit."""
    return read(text, data)


def first_reading(matcher: "Matcher", story: Story, lang: str, excluded: frozenset[int],
                  data: StoryData = DATA, semantic: bool = True) -> Decision | None:
    """Readings 1 and 2 before the whole message: the question alone where it names its own topic, else the
    topic unit with the question where the story names what the question is about. None: read the whole.
    `semantic`: the model may be consulted (hybrid mode, not a lexical-only reading)."""
    question = story.question
    asked = matcher.analyzer.analyze(question)
    pointing = _points_back(asked.normalized, data)
    named_before = set().union(*(_named(matcher, part) for _, part in story.before(data.max_units)))
    if _own_topic(matcher, asked):
        alone = matcher._decide_analysis(asked, lang, excluded)
        if alone.area is not None:
            return alone  # the question asks for an area's list (`... 납품하는 회사인데요 수소 관련 지원사업 뭐 있어요`)
        item = matcher.kb.get(alone.id or "")
        if alone.kind == "answer" and item is not None and not isinstance(item, Intent):
            index = matcher.index_of[item.id]
            if index in _named(matcher, question) if story.clauses else _names(matcher, index, question, asked.terms):
                return alone
            if not (story.clauses or named_before - _related(matcher, index)):
                # The question's words fit several items (`실증해 볼 수 있는 곳이 있을까요?`) and the story says
                # which (`스마트팜용 양액 제어기를 만드는 스타트업이에요. ... 온실에서`): the whole message decides.
                if _story_says_other(matcher, story, asked, alone, index):
                    return None
                return None if semantic and _doubted(matcher, story, alone, index, excluded) else alone
            if story.clauses and not named_before:
                # A clause leans on the one before it (`...개발했는데 | 바다에서 시험해 볼 수 있나요`), but not one
                # asking for a general need that an overview FAQ answers (`...기계공학과 나왔는데 | 취업 도와주는
                # 프로그램 같은거 있나요?`: intents/overview.py); the background before it says only who asks.
                return alone if len(matcher.faq_programs.get(index, ())) >= 2 else None
            return from_topic(matcher, story, lang, excluded, data, lenient=True)
    if pointing or named_before:
        return from_topic(matcher, story, lang, excluded, data, lenient=True)
    return None


def _story_says_other(matcher: "Matcher", story: Story, asked: Analysis, alone: Decision, index: int) -> bool:
    """Whether the question alone fits several items and its story names more of another's words than of the
    answer's (`실증해 볼 수 있는 곳이 있을까요?` after `스마트팜용 양액 제어기를 ... 온실에서`): another candidate
    of the question holds every word of the question that the answer (`index`) holds, and more of the topic
    words of the story before it than the answer does."""
    topic = [t for t in matcher._topic_terms(asked) if not matcher._aspect(t.removeprefix(UNKNOWN_PREFIX))]
    told = {t for _, part in story.before(DATA.max_units) for t in matcher._topic_terms(matcher.analyzer.analyze(part))
            if not t.startswith(UNKNOWN_PREFIX)} - set(topic)
    answer = matcher.entries[index]
    # The question's words of two syllables or more that the answer holds (`볼` of `해 볼` tells nothing).
    shared = [t for t in topic if len(t) > 1 and (t in answer.strong or t in answer.weak)]
    if not shared or not told:
        return False
    answered = len(told & answer.strong)
    for candidate in alone.candidates[1:]:
        other = matcher.index_of.get(candidate.id)
        if other is None or isinstance(matcher.entries[other].item, Intent) or other in _related(matcher, index):
            continue
        own = matcher.entries[other]
        if all(t in own.strong or t in own.weak for t in shared) and len(told & own.strong) > answered:
            return True
    return False


def _doubted(matcher: "Matcher", story: Story, alone: Decision, index: int, excluded: frozenset[int]) -> bool:
    """Whether a weak answer to the question alone (under the score at which the model is not consulted) is
    doubted by both other readings of the story: the whole story ranks another item first, and the model,
    reading the question with its topic unit (`semantic_text`), finds another program, FAQ or referral
    nearest. The question's words fit an item, but the story says the question is about something else
    (the whole message then decides, with the model). Hybrid only; the one model call of the message: the
    text is the one the matcher embeds for the whole story's first item anyway (the vector is reused)."""
    if matcher.embedder is None or alone.score >= matcher.settings.semantic_veto_score:
        return False
    ranked = matcher.rank(matcher.analyzer.analyze(" ".join(story.units)), excluded)
    if not ranked or ranked[0].item.id == matcher.entries[index].item.id:
        return False
    cosines = matcher.semantic_scores(semantic_text(matcher, story, story.question, ranked[0].item.id))
    nearest = max((i for i in cosines if i not in excluded and not isinstance(matcher.entries[i].item, Intent)),
                  key=cosines.__getitem__, default=None)
    return nearest is not None and nearest != index


def _persona_words() -> dict[str, tuple[str, ...]]:
    with STORY_FILE.open(encoding="utf-8") as handle:
        raw = (yaml.safe_load(handle) or {}).get("giver_persona") or {}
    return {key: tuple(str(w).lower().replace(" ", "") if key.endswith("_ko") else str(w).lower() for w in words)
            for key, words in raw.items()}


PERSONA = _persona_words()


def gives(text: str, words: dict[str, tuple[str, ...]] = PERSONA) -> bool:
    """Whether a text describes a person retired from long work who offers their experience."""
    normalized = normalize(text)
    compact = normalized.replace(" ", "")

    def said(kind: str) -> bool:
        return any(w in compact for w in words.get(f"{kind}_ko", ())) \
            or any(w in normalized for w in words.get(f"{kind}_en", ()))

    return said("retired") and said("experience")


def as_persona(matcher: "Matcher", story: Story, lang: str, excluded: frozenset[int]) -> Decision | None:
    """A story told by a person offering their experience: the item that takes the giver's role, where the
    whole message ranks it first; None otherwise."""
    text = " ".join(story.units)
    if not gives(text):
        return None
    analysis = matcher.analyzer.analyze(text)
    roles_of = matcher.item_roles.get
    ranked = matcher.rank(analysis, excluded)
    if not ranked or GIVE not in roles_of(ranked[0].item.id, frozenset()) or ranked[0].topic_coverage <= 0:
        return None
    best = ranked[0]
    return Decision("answer", best.item.id, None, round(best.score, 1), matcher._top(ranked), lang)


def answer_from_story(matcher: "Matcher", story: Story, whole: Decision, lang: str, excluded: frozenset[int],
                      data: StoryData = DATA) -> Decision | None:
    """Reading 2 after the whole message was not answered; then the asker's own description."""
    if whole.kind == "answer":
        return None
    return from_topic(matcher, story, lang, excluded, data, whole) or as_persona(matcher, story, lang, excluded) \
        or as_need(matcher, story, lang, excluded)


def _need_words() -> dict[str, tuple[str, ...]]:
    """Each need (as the knowledge base is asked it) and the words that state it, Korean and English."""
    with STORY_FILE.open(encoding="utf-8") as handle:
        raw = yaml.safe_load(handle) or {}
    needs: dict[str, tuple[str, ...]] = {}
    for key in ("stated_needs", "stated_needs_en"):
        for need, words in (raw.get(key) or {}).items():
            needs[str(need)] = (*needs.get(str(need), ()), *(str(w).lower().replace(" ", "") for w in words))
    return needs


def _asker_pattern() -> re.Pattern[str]:
    """The words by which a question names who asks (story.yaml `asker_words` and the follow-ups' who words):
    a Korean one at the start of a word, an English one whole."""
    with STORY_FILE.open(encoding="utf-8") as handle:
        own = (yaml.safe_load(handle) or {}).get("asker_words") or []
    from intents.lexicon import load_lexicon  # the conversation lexicon's who words (외국인, student)
    words = sorted({normalize(str(w)) for w in (*own, *load_lexicon().who_words)} - {""}, key=len, reverse=True)
    korean = [re.escape(w) for w in words if _HANGUL.search(w)]
    latin = [re.escape(w) for w in words if not _HANGUL.search(w)]
    return re.compile(r"(?<!\S)(?:%s)|\b(?:%s)\b" % ("|".join(korean) or "(?!)", "|".join(latin) or "(?!)"))


NEEDS = _need_words()
ASKERS = _asker_pattern()


def without_asker(question: str) -> str:
    """The question less the words naming who asks (`Can the agency help international students?` -> `can the
    agency help ?`): what is left says what about."""
    return " ".join(ASKERS.sub(" ", normalize(question)).split())


def stated_need(text: str, needs: dict[str, tuple[str, ...]] = NEEDS) -> str | None:
    """The one need a story states in its own words (`다시 일하고 싶어서요`: 구직자 지원), as the words the
    knowledge base asks it in; None for none or several."""
    compact = normalize(text).replace(" ", "")
    said = [need for need, words in needs.items() if any(w in compact for w in words)]
    return said[0] if len(said) == 1 else None


def as_need(matcher: "Matcher", story: Story, lang: str, excluded: frozenset[int],
            data: StoryData = DATA) -> Decision | None:
    """A story whose question names no topic of its own (`진흥원에서 도와주는 게 있을까요?`) and which states one
    need in everyday words (`10년 정도 일을 쉬었어요 ... 다시 일하고 싶어서요`): the question is read as that need
    (story.yaml `stated_needs`: 구직자 지원) and answered where that reading answers outright (not small talk).
    Who asks is a condition, not a topic (`Can the agency help international students?`: story.yaml
    `asker_words`), and the question is its clause that asks: the clauses before it in the same sentence are
    told like the story (`이제 다시 일하고 싶어 하는데 | 이런 경우에도 도움을 받을 수 있을까요?`). A question with a
    topic of its own is read with the need too, where the need's item holds one of the question's topic words."""
    told, asking = asking_clause(story, data)
    what = without_asker(asking)
    need = stated_need(" ".join((*story.units[: story.asking], told)))
    if need is None:
        return None
    decision = matcher._decide_analysis(matcher.analyzer.analyze(f"{need} {what}"), lang, excluded)
    item = matcher.kb.get(decision.id or "") if decision.kind == "answer" else None
    if item is None or isinstance(item, Intent):
        return None
    alone = matcher.analyzer.analyze(what)
    if _own_topic(matcher, alone):
        # The question names its topic but fits several items (`일자리 찾는 사람을 도와주는 프로그램이 있나요?`):
        # the need the story states picks among them, never one the question does not fit.
        own = matcher.entries[matcher.index_of[item.id]]
        if not any(t in own.strong or t in own.weak for t in matcher._topic_terms(alone)
                   if t not in matcher.agency_terms and t not in matcher.request_terms):
            return None
    return decision


def asking_clause(story: Story, data: StoryData = DATA) -> tuple[str, str]:
    """(what the asking unit tells before its question, the clause that asks): a sentence cut after a clause
    ending (`...하는데`) or before an English asking opener (`..., is there`), its last clause that asks."""
    if story.clauses:
        return "", story.question  # already a clause
    parts = clauses(story.question, data.clause_ends, data.asking_opens_en, data.clause_opens_ko)
    index = asking_index(parts)
    return " ".join(parts[:index]), " ".join(parts[index:])


def from_topic(matcher: "Matcher", story: Story, lang: str, excluded: frozenset[int],
               data: StoryData = DATA, whole: Decision | None = None, lenient: bool = False) -> Decision | None:
    """Reading 2: the nearest unit before the question that is evidence of an item, when the question agrees;
    None otherwise (the whole message decides). After the `whole` message was read (the question named no
    program and the story none by name), the unit's item must be the whole's first candidate too, or be
    named in the unit by name: the story as a whole agrees. The question's topic words must all be the item's;
    `lenient` (the story names the item by name, or the question points back at it), or name nothing else."""
    question = story.question
    asked = matcher.analyzer.analyze(question)
    # A word that holds an aspect cue says how the question asks, known or not (`물어보면`: contact).
    asked_topic = [t for t in matcher._topic_terms(asked)
                   if not matcher._aspect(t.removeprefix(UNKNOWN_PREFIX))]
    for _, part in story.before(data.max_units):
        analysis = matcher.analyzer.analyze(part)
        if not any(not t.startswith(UNKNOWN_PREFIX) for t in matcher._topic_terms(analysis)):
            continue  # `직원은 8명이고 올해로 6년차입니다.` names nothing
        local = matcher._decide_analysis(analysis, lang, excluded)
        first = local.candidates[0].id if local.candidates else ""
        # A unit that names its first item by name is evidence though its other words dilute the score.
        named = first in matcher.index_of and matcher.index_of[first] in _named(matcher, part)
        item = matcher.kb.get((local.id or "") if local.kind == "answer" else first if named else "")
        if item is None or isinstance(item, Intent):
            continue
        named = matcher.index_of[item.id] in _named(matcher, part)
        if whole is not None and not named and not (whole.candidates and whole.candidates[0].id == item.id):
            continue
        together = matcher._decide_analysis(matcher.analyzer.analyze(f"{part} {question}"), lang, excluded)
        leads = bool(together.candidates) and together.candidates[0].id == item.id
        if not leads or not _covered(matcher, item.id, asked_topic, lenient):
            return None  # the nearest topic decides: an earlier one is not what the question follows
        aspect = matcher._aspect(asked.normalized, asked.terms) if isinstance(item, Program) else None
        score = together.candidates[0].score if leads else local.score
        return Decision("answer", item.id, aspect, score, together.candidates if leads else local.candidates, lang)
    return None


def semantic_text(matcher: "Matcher", story: Story | None, text: str, item_id: str | None,
                  data: StoryData = DATA) -> str:
    """What the model reads of a message: a short one as typed; of a story, the question and the nearest unit
    before it that holds a word of the item ranked first (the one before the question when none does):
    an embedding of a whole story averages the question away. At most `semantic_chars` characters (Latin
    letters weigh `latin_cost`, _cost), most of them the question's end, in whole words. Empty for a message
    with a run too long to be words (not consulted then)."""
    if has_long_run(text):
        return ""
    if story is None:
        return _tail(text, data.semantic_chars)
    question = story.question
    room = data.semantic_chars
    asked = _tail(question, room * data.question_share) if _cost(question, data) > room else question
    before = story.before(data.max_units)
    if not before:
        return _tail(asked, room)
    topic = before[0][1]
    index = matcher.index_of.get(item_id or "")
    if index is not None:
        own = matcher.entries[index].strong
        held = [(sum(t in own for t in set(matcher.analyzer.analyze(part).terms)), part) for _, part in before]
        # A question pointing back (`그런 걸 지원하는 사업이 있나요?`) asks about the unit naming most of the item's
        # words (`저희 회사는 서빙 로봇을 개발했어요.`), not the nearest that happens to hold one (`식당 몇 군데에서
        # 테스트는 해봤는데 ... 실증을`); a question with its topic, about the nearest (the rest is who asks).
        most = max(count for count, _ in held) if _points_back(normalize(question), data) else 1
        topic = next((part for count, part in held if count and count >= most), topic)
    left = room - _cost(asked, data) - 1
    if left < 1:
        return asked
    return f"{_head(topic, left)} {asked}" \
        if index is not None and _starts_with_topic(matcher, topic, index, int(left)) else f"{_tail(topic, left)} {asked}"


def novel_question(matcher: "Matcher", story: Story) -> bool:
    """Whether a story's asking unit names another kind of a thing a program or referral is about: a novel
    word (scope.py `is_novel`) in the slot of a program's or referral's name where the name has another word
    (scope.py `contrast`: `웨딩박람회` / 채용박람회, `전기차 충전기` / 수소 충전소, `로봇 코딩 학원` / 로봇
    아카데미). A novel word elsewhere in the question is mostly the asker's everyday wording of the item's own
    thing (`건물에 차 세울 자리가 있나요?`, `사무실 계약이 끝나가는데`, `doctors' opinions`): it no longer keeps a
    story every reading agrees on from its answer (intents/confirm.py story_agrees). A question about
    something else altogether (`간병인 구하는 방법`) has no three agreeing readings to begin with."""
    scope = matcher.scope
    if not any(scope.is_novel(t) for t in matcher.analyzer.analyze(story.question).terms):
        return False
    pairs = scope._pairs(story.question)
    asked = set(matcher.analyzer.analyze(story.question).terms)
    latin = not _HANGUL.search(story.question)
    named = [*(p.id for p in matcher.kb.programs), *(r.id for r in matcher.kb.referrals)]
    return any(scope.contrast(pairs, asked, item_id, latin) for item_id in named)


_LATIN = re.compile(r"[A-Za-z]")


def _cost(text: str, data: StoryData = DATA) -> float:
    """The model's work for `text` in characters of Hangul: a Latin letter is a fraction of one (`latin_cost`:
    an English word of five letters is one or two of the model's tokens, a Korean word of two syllables two or
    three), so an English question is not cut to half the words a Korean one keeps."""
    return len(text) - (1 - data.latin_cost) * len(_LATIN.findall(text))


def _fitting(chars: Iterable[str], most: float, data: StoryData = DATA) -> int:
    """How many of `chars`, in order, fit in `most` (see _cost)."""
    used, count = 0.0, 0
    for char in chars:
        used += data.latin_cost if _LATIN.match(char) else 1.0
        if used > most:
            break
        count += 1
    return count


def _tail(text: str, most: float) -> str:
    """The end of `text` that fits in `most` (see _cost), from a word's start: half a word (`0년째` of `20년째`)
    is noise to the model. As cut where that end holds no space."""
    size = _fitting(reversed(text), most)
    if size >= len(text):
        return text
    cut = text[len(text) - size:]
    if text[-size - 1].isspace() or " " not in cut:
        return cut
    return cut[cut.index(" ") + 1:]


def _head(text: str, most: float) -> str:
    """The start of `text` that fits in `most`, up to a word's end (see _tail)."""
    size = _fitting(text, most)
    if size >= len(text):
        return text
    cut = text[:size]
    if text[size].isspace() or " " not in cut:
        return cut
    return cut[:cut.rindex(" ")]


def _starts_with_topic(matcher: "Matcher", topic: str, index: int, left: int) -> bool:
    """Whether the item's words are in the first `left` characters of the topic unit rather than its end."""
    own = matcher.entries[index].strong
    head = set(matcher.analyzer.analyze(topic[:left]).terms)
    tail = set(matcher.analyzer.analyze(topic[-left:]).terms)
    return sum(t in own for t in head) > sum(t in own for t in tail)


def _covered(matcher: "Matcher", item_id: str, topic: list[str], lenient: bool) -> bool:
    """Whether the question's topic words are the item's; `lenient`, or words that name nothing else: a word
    the knowledge base never uses (`주차장 민원`) or one of another program's names (`B도 있나요?`) is a
    question about something else; `비용은 얼마나 부담해야` (부담: no program's name) is not."""
    own = matcher.entries[matcher.index_of[item_id]]
    names = set().union(*matcher.name_terms.values()) - matcher.name_terms.get(item_id, frozenset())
    return all(t in own.strong or t in own.weak
               or (lenient and not t.startswith(UNKNOWN_PREFIX) and t not in names) for t in topic)


def _named(matcher: "Matcher", text: str) -> set[int]:
    """Programs whose name or alias `text` holds as typed (spaces aside)."""
    return mentioned(normalize(text).replace(" ", ""), matcher.names)


def _names(matcher: "Matcher", index: int, text: str, terms: tuple[str, ...]) -> bool:
    """Whether `text` names the item: its name or alias as typed, or a word of its name that tells it from
    its neighbours (`Does the overseas branch program cover the cost?`)."""
    item_id = matcher.entries[index].item.id
    return index in _named(matcher, text) or not matcher.name_terms.get(item_id, frozenset()).isdisjoint(terms)


def _own_topic(matcher: "Matcher", asked: Analysis) -> bool:
    """Whether the question names a topic of its own: a word the knowledge base uses, not the agency's name
    nor a word of asking for help (`... i want to start a small shop selling snacks. agency can help me?`
    asks the story's topic, whatever item holds `agency` and `help`)."""
    return any(not t.startswith(UNKNOWN_PREFIX) and t not in matcher.agency_terms and t not in matcher.request_terms
               for t in matcher._topic_terms(asked))


def _related(matcher: "Matcher", index: int) -> set[int]:
    """An item and, for an FAQ, the programs it is about."""
    return {index, *matcher.faq_programs.get(index, ())}


def _points_back(normalized: str, data: StoryData) -> bool:
    padded = f" {normalized}"
    return any(f" {pointer}" in padded for pointer in data.pointers)

"""Whether a chat phrase found in a message is what the message does, or only a word of it in passing.

An intent (a greeting, help, talk to a person, the menu) is matched on its phrases' words, and its phrases are
short and made of everyday words: `누구세요` (who are you?), `처음으로` (back to the start), `연결해 주세요`, `go back`.
Inside a longer message the same words ask something else: `지금 원장님은 누구세요` asks who the agency's head is,
`처음 출범할 때 규모는요` how large the agency was when it started, `아이템이 드론인데 방산 쪽이랑 연결될까요` whether a drone
maker fits the defence programs, `how did it go back then?` how something went. The rule, by what a skill's phrase
does (conversation.yaml `acts`):

- A phrase beside a word the knowledge base writes (a program's, FAQ's or referral's word that no intent writes:
  원장, 출범, 방산) is not the message's act: the message asks about that. Only a thanks, a goodbye, a request for a
  person and a request to delete one's data stand beside a topic, and only held whole (`창업 정보 감사합니다`,
  `수출 담당자 연결해 주세요`): their phrases take an object.
- A command (the menu: 처음으로, 메뉴, back) is one only said (nearly) alone: where the intent's words in the message
  are all command words and the message says anything else (`how`, 출범), it is no command.

The intents so found are set aside for this message (Matcher._decide_analysis, and for the model): the message is
decided among the agency's items as any other question. Words the message does not hold decide nothing here.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable, Mapping

from intents.analyzer import UNKNOWN_PREFIX, normalize
from intents.decision import Decision
from intents.hangul import is_syllable, to_jamo
from intents.lexicon import Skill

if TYPE_CHECKING:
    from intents.matcher import Matcher

STAND = "stand"  # holds its place beside a topic when held whole (thanks, goodbye, talk to a person, forget me)
COMMAND = "command"  # a command only said (nearly) alone (the menu)
CHAT = "chat"  # any other: beside a topic word it is not the act


def joined_skills(intents: Iterable[tuple[str, str | None]], skills: Iterable[Skill]) -> dict[str, list[tuple[Skill, int]]]:
    """Intent id -> the skills joined to it, each with the place of the target that joined it (0: the skill's
    first target). A skill joins the first of its targets that is an intent's id or action."""
    by_key: dict[str, str] = {}
    for intent_id, action in intents:
        by_key.setdefault(intent_id, intent_id)
        if action:
            by_key.setdefault(action, intent_id)
    joined: dict[str, list[tuple[Skill, int]]] = defaultdict(list)
    for skill in skills:
        place = next((i for i, t in enumerate(skill.targets) if t in by_key), None)
        if place is not None:
            joined[by_key[skill.targets[place]]].append((skill, place))
    return joined


@dataclass(frozen=True)
class _Phrase:
    compact: str  # normalised, spaces removed (Korean is held whole across spacing: 연결해주세요)
    words: tuple[str, ...]  # normalised words (English is held whole word for word)
    kind: str


class Acts:
    """Per intent entry, its phrases with what each does, and the words only its commands write."""

    def __init__(self, phrases: Mapping[int, list[_Phrase]], command_words: Mapping[int, frozenset[str]],
                 intent_words: frozenset[str], kinds: Mapping[int, str], skills: Mapping[int, str]) -> None:
        self.phrases = phrases
        self.kinds = kinds  # entry index -> what its own skill does
        self.skills = skills  # entry index -> its own skill's name (the one joined by its first target)
        self.command_words = command_words
        self.intent_words = intent_words  # words any intent's phrases write: never a topic here

    @classmethod
    def build(cls, intents: list[tuple[int, str, str | None, list[str]]], skills: Iterable[Skill],
              kinds: Mapping[str, str], terms: Callable[[str], list[str]]) -> "Acts":
        """`intents`: (entry index, id, action, phrases: its examples and its skills' phrases); `kinds`: skill name
        -> STAND or COMMAND (conversation.yaml `acts`; others are CHAT). An example of the knowledge base's own that
        no skill writes does what the intent's first skill does (the one joined by its first target)."""
        skills = tuple(skills)
        joined = joined_skills(((i, a) for _, i, a, _ in intents), skills)
        phrases: dict[int, list[_Phrase]] = {}
        command_words: dict[int, frozenset[str]] = {}
        intent_words: set[str] = set()
        own_kinds: dict[int, str] = {}
        own_skills: dict[int, str] = {}
        for index, intent_id, _, texts in intents:
            mine = joined.get(intent_id, [])
            by_phrase = {normalize(p): kinds.get(skill.name, CHAT) for skill, _ in mine for p in skill.phrases}
            own_skills[index] = min(mine, key=lambda pair: pair[1])[0].name if mine else ""
            own = own_kinds[index] = kinds.get(own_skills[index], CHAT)
            out: list[_Phrase] = []
            command: set[str] = set()
            other: set[str] = set()
            for text in texts:
                plain = normalize(text)
                if not plain:
                    continue
                phrase = _Phrase(plain.replace(" ", ""), tuple(plain.split()), by_phrase.get(plain, own))
                out.append(phrase)
                (command if phrase.kind == COMMAND else other).update(terms(text))
            phrases[index] = out
            command_words[index] = frozenset(command - other)
            intent_words |= command | other
        return cls(phrases, command_words, frozenset(intent_words), own_kinds, own_skills)

    def stands(self, index: int) -> bool:
        """Whether the intent's own skill (the one joined by its first target) stands beside a topic."""
        return self.kinds.get(index) == STAND

    def held(self, index: int, said: Iterable[str], kind: str) -> bool:
        """Whether one of the intent's phrases of `kind` is held whole in one of the texts `said`: Korean from the
        start of a word (`연결해 주세요` in `수출 담당자 연결해주세요`), English word for word."""
        for text in said:
            words = normalize(text).split()
            padded = f" {' '.join(words)} "
            starts = _word_starts(words)
            compact = "".join(words)
            for phrase in self.phrases.get(index, ()):
                if phrase.kind != kind:
                    continue
                if phrase.compact.isascii():
                    if f" {' '.join(phrase.words)} " in padded:
                        return True
                elif _from_a_word_start(compact, phrase.compact, starts):
                    return True
        return False

    def in_passing(self, terms: Iterable[str], topic: Iterable[str], naming: Iterable[str], said: Iterable[str],
                   entries: Mapping[int, frozenset[str]], asking: bool = False, question: bool = False,
                   never_asked: frozenset[str] = frozenset()) -> frozenset[int]:
        """The intents (entry indexes) a message holds only in passing. `terms`: the message's terms; `topic`: the
        words it asks about that the knowledge base's items write (anywhere: 출범 is only in an answer); `naming`:
        those an item's name or questions write (방산); `said`: the message as typed and as prepared; `entries`: each
        intent's own words (what its phrasings write); `asking`: the message is a question (asks_something);
        `question`: it ends as a question does (ends_as_question), so no intent whose own skill is of `never_asked`
        (a thanks, a goodbye) is its act, whatever words it shares with them (그래도 되나요 is no 그래요).

        A chat phrase yields to any such word; a phrase that stands (a thanks, a request for a person) only to a
        naming word, and only where none of its phrases is held whole: `답변이 잘 이해가 안 돼서요. 직원분이 직접 연락
        주실 수 있나요?` asks for a person (답변 names nothing), `방산 쪽이랑 연결될까요` does not."""
        said = tuple(said)
        content = [t for t in topic if t not in self.intent_words]
        named = [t for t in naming if t not in self.intent_words]
        present = frozenset(terms)
        out = set()
        for index, own in entries.items():
            if not present & own:
                continue  # no word of it is said: it decides nothing
            if question and self.skills.get(index) in never_asked:
                out.add(index)  # a question is never a thanks or a goodbye
                continue
            stands = self.stands(index)
            if named if stands else content:
                if not (stands and self.held(index, said, STAND)):
                    out.add(index)
                continue
            words = present & own
            commands = self.command_words.get(index, frozenset())
            if commands and words <= commands and (present - own or asking):
                out.add(index)  # 처음 출범할 때, how did it go back then: a command word in a question
        return frozenset(out)


    def without_verb(self, said: Iterable[str], verbs: Mapping[str, tuple[str, ...]]) -> frozenset[int]:
        """The intents whose own skill acts only with one of its `verbs` (conversation.yaml `acts.verbs`: deleting
        one's data) and none of whose verbs the message holds: `제 번호는 010-1234-5678이에요` shares the forget
        intent's nouns and deletes nothing. `said`: the message as typed and as prepared."""
        gated = {index: verbs[name] for index, name in self.skills.items() if verbs.get(name)}
        if not gated:
            return frozenset()
        texts = [normalize(text).split() for text in said]
        return frozenset(index for index, own in gated.items()
                         if not any(_holds_stem(words, own) for words in texts))


def _holds_stem(words: list[str], stems: tuple[str, ...]) -> bool:
    """Whether a Korean stem is held from the start of a word, spaces aside (지워 in 지워주세요, 삭제 in 삭제요청), or an
    English one starts a word (delet in deleting)."""
    return any(any(w.startswith(stem) for w in words) for stem in stems if stem.isascii()) \
        or held_from_a_word_start(words, [stem for stem in stems if not stem.isascii()])


def held_from_a_word_start(words: list[str], phrases: Iterable[str]) -> bool:
    """Whether one of `phrases` (spaces removed) is held in the words run together, beginning where a word begins:
    통화 in `담당자랑 통화하고`, 연결해주세요 in `연결 해 주세요`; not 화하 in `통화하고`."""
    compact, starts = "".join(words), _word_starts(words)
    return any(_from_a_word_start(compact, phrase, starts) for phrase in phrases if phrase)


def _word_starts(words: list[str]) -> frozenset[int]:
    starts, at = [], 0
    for word in words:
        starts.append(at)
        at += len(word)
    return frozenset(starts)


def _from_a_word_start(compact: str, phrase: str, starts: frozenset[int]) -> bool:
    at = compact.find(phrase)
    while at >= 0:
        if at in starts:
            return True
        at = compact.find(phrase, at + 1)
    return False


def courtesy_not_offered(decision: Decision, courtesy: frozenset[str]) -> Decision:
    """A suggestion whose best guess is courtesy (a greeting, thanks, a goodbye: `courtesy`, intent ids) offers the
    rest: "is it one of these? [1] 안녕하세요" answers nothing (`노래 추천해줘 심심함`). A hello the matcher is not sure of
    is no hello to offer; with nothing else worth offering the message gets the fallback (its candidates kept, so
    the fallback's examples still come from them)."""
    if decision.kind != "suggest" or not decision.candidates or decision.candidates[0].id not in courtesy:
        return decision
    candidates = tuple(c for c in decision.candidates if c.id not in courtesy) + \
        tuple(c for c in decision.candidates if c.id in courtesy)
    moved = Decision(decision.kind, decision.id, decision.aspect, decision.score, candidates, decision.lang,
                     decision.area, decision.left_out)
    if any(c.id not in courtesy for c in moved.suggestions):
        return moved
    return Decision("fallback", None, None, decision.score, candidates, decision.lang)


def covered_request(matcher: "Matcher", text: str) -> bool:
    """Whether a request for a person names a topic the knowledge base covers and nothing it never writes: `can I
    talk to a person about the export programs?` (export: covered) is a request about exports, where `Do you have
    an English speaking staff?` (english: written nowhere) asks about the staff themselves."""
    analysis = matcher.analyzer.analyze(matcher.asked(text))
    return any(t in matcher.item_terms for t in matcher._topic_terms(analysis)) \
        and not any(t.startswith(UNKNOWN_PREFIX) for t in analysis.terms)


def ends_as_question(text: str, endings: Iterable[str]) -> bool:
    """Whether a message ends as a question does: in `?`, or its last Korean word (chat letters such as ㅠㅠ after
    it aside) in one of `endings`, compared letter by letter (ㅂ니까 is 됩니까, 있습니까; ㄴ가요 is 인가요)."""
    if text.rstrip().endswith(("?", "？")):
        return True
    for word in reversed(normalize(text).split()):
        syllables = "".join(ch for ch in word if is_syllable(ch))
        if syllables:
            letters = to_jamo(syllables)
            return any(letters.endswith(to_jamo(ending)) for ending in endings)
    return False


def asks_something(text: str, question_words: Iterable[str]) -> bool:
    """Whether a message is a question: it ends in `?` or holds a question word (a Korean one at the start of a
    word: 언제까지, 뭐예요; an English one whole)."""
    if text.rstrip().endswith(("?", "？")):
        return True
    words = normalize(text).split()
    for asked in question_words:
        if asked.isascii():
            if asked in words:
                return True
        elif any(w.startswith(asked) for w in words):
            return True
    return False

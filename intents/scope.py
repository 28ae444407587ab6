"""What the knowledge base does not cover: near misses that share a word with an item but ask about
something else.

Both the lexical and the semantic signal key on the words a question shares with an item, so a question
about an electric-vehicle charger (`전기차 충전소 설치 지원`) looks like one about the hydrogen refuelling
stations program: it shares 충전소, and the model finds the two close. What tells them apart is structure:

- a *contrast*: the question puts a word the knowledge base never writes (a *novel* word: 전기차, 웨딩, 노인)
  right beside a word it shares with the item, in the very slot where the item's own name puts another
  word the question does not have (수소 충전소 / 전기차 충전소, 방산 전시회 / 웨딩 박람회, 연말 성과공유회 /
  연말 정산). The question names a different kind of the same thing;
- a *place* question (`수소충전소 어디 있어요`, where is one): only an item that gives a place answers it (an
  address in its text, or a question of its own asking where it is). A program that builds or runs such
  places is not where they are.

`Scope.review` turns a decision whose item is contradicted into the honest fallback (the candidates stay
for the record), and drops contradicted items from suggestions. The words are language data in
intents/lexicon/scope.yaml; nothing here names a program.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable

import yaml
from rapidfuzz.distance import Levenshtein

from intents.analyzer import UNKNOWN_PREFIX, Analysis, Analyzer, english_stem, normalize
from intents.audience import Audience
from intents.decision import Decision
from intents.goods import Goods
from intents.hangul import is_syllable, to_jamo
from intents.story import read_story
from knowledge.model import Faq, Intent, Item, KnowledgeBase, Program, Referral

SCOPE_FILE = Path(__file__).resolve().parent / "lexicon" / "scope.yaml"
_HANGUL_WORD = re.compile(r"[가-힣]+")
_LATIN_WORD = re.compile(r"[a-z]+")
NOVEL_CACHE = 20_000  # unknown words remembered (a few MB at most); the memo is cleared when full


@dataclass(frozen=True)
class ScopeWords:
    """intents/lexicon/scope.yaml."""

    verb_final_syllables: frozenset[str]
    verb_final_jongseong: frozenset[str]
    english_function: frozenset[str]
    asker_nouns: tuple[str, ...]
    location_cues_ko: tuple[str, ...]
    location_cues_en: tuple[str, ...]
    address_patterns: tuple["re.Pattern[str]", ...]
    audiences: dict[str, tuple[str, ...]] = field(default_factory=dict)
    consumer_cues_ko: tuple[str, ...] = ()
    consumer_cues_en: frozenset[str] = frozenset()
    audiences_also: dict[str, tuple[str, ...]] = field(default_factory=dict)
    audiences_all: tuple[str, ...] = ()
    paid_heads: tuple[str, ...] = ()
    region_suffixes: tuple[str, ...] = ()
    residence_words: tuple[str, ...] = ()
    maker_words: tuple[str, ...] = ()
    english_modifier_endings: tuple[str, ...] = ()
    not_names_ko: frozenset[str] = frozenset()

    @classmethod
    def load(cls, path: Path = SCOPE_FILE) -> "ScopeWords":
        with path.open(encoding="utf-8") as handle:
            data = yaml.safe_load(handle) or {}
        return cls(
            verb_final_syllables=frozenset(str(s) for s in data.get("verb_final_syllables", [])),
            verb_final_jongseong=frozenset(str(s) for s in data.get("verb_final_jongseong", [])),
            english_function=frozenset(str(w).lower() for w in data.get("english_function", [])),
            asker_nouns=tuple(str(w).lower() for w in data.get("asker_nouns", [])),
            location_cues_ko=tuple(str(c).replace(" ", "") for c in data.get("location_cues_ko", [])),
            location_cues_en=tuple(f" {str(c).lower()} " for c in data.get("location_cues_en", [])),
            address_patterns=tuple(re.compile(str(p), re.IGNORECASE) for p in data.get("address_patterns", [])),
            audiences={str(group): tuple(str(w).lower().replace(" ", "") for w in words)
                       for group, words in (data.get("audiences") or {}).items()},
            audiences_also={str(group): tuple(str(w).lower().replace(" ", "") for w in words)
                            for group, words in (data.get("audiences_also") or {}).items()},
            audiences_all=tuple(str(w).lower().replace(" ", "") for w in data.get("audiences_all", [])),
            paid_heads=tuple(str(w) for w in data.get("paid_heads", [])),
            # Longest first: 특별시 before 시.
            region_suffixes=tuple(sorted((str(w) for w in data.get("region_suffixes", [])), key=len, reverse=True)),
            residence_words=tuple(str(w) for w in data.get("residence_words", [])),
            maker_words=tuple(str(w) for w in data.get("maker_words", [])),
            english_modifier_endings=tuple(str(w).lower() for w in data.get("english_modifier_endings", [])),
            not_names_ko=frozenset(str(w) for w in data.get("not_names_ko", [])),
            consumer_cues_ko=tuple(str(c).replace(" ", "") for c in data.get("consumer_cues_ko", [])),
            consumer_cues_en=frozenset(str(c).lower() for c in data.get("consumer_cues_en", [])),
        )


def item_texts(item: Item) -> list[str]:
    """Every text an item writes, in every language: names, aliases, questions, summary, aspects, answer."""
    texts: list[str] = []
    for attr in ("name", "summary", "answer", "contact", "run_by"):
        value = getattr(item, attr, None)
        if value is not None and hasattr(value, "values"):
            texts.extend(text for _, text in value.values)
    for attr in ("aliases", "questions", "examples"):
        texts.extend(getattr(item, attr, ()) or ())
    for value in (getattr(item, "aspects", None) or {}).values():
        texts.extend(text for _, text in value.values)
    return texts


Pairs = frozenset[tuple[str, str]]


class Scope:
    """Built once per knowledge base with the matcher's analyser; `review` is pure."""

    def __init__(self, kb: KnowledgeBase, analyzer: Analyzer, generic: Iterable[str] = (),
                 words: ScopeWords | None = None, topical: Callable[[str], bool] | None = None) -> None:
        self.kb = kb
        self.analyzer = analyzer
        # Whether a known term names a topic (not a cue, a question word or a generic word): the matcher's.
        self.topical = topical
        self.words = words or ScopeWords.load()
        self.generic = frozenset(generic)
        self._novel: dict[str, bool] = {}  # unknown term -> is_novel: the same words come again and again
        # A word that the knowledge base's vocabulary splits (사업자 -> 사업 + 자) does not make its parts askers.
        self.askers = frozenset(terms[0] for terms in (analyzer.analyze(w).terms for w in self.words.asker_nouns)
                                if len(terms) == 1 and not terms[0].startswith(UNKNOWN_PREFIX))
        texts = {item.id: item_texts(item) for item in kb.items()}
        # Korean is written solid or spaced at will: a word is known if it occurs anywhere, even inside a
        # compound. English is known word by word (car is not in card).
        self._korean = "\n".join(normalize(t).replace(" ", "") for ts in texts.values() for t in ts)
        english = {w for ts in texts.values() for t in ts for w in _LATIN_WORD.findall(normalize(t))}
        self._english = frozenset(english | {english_stem(w) for w in english})
        # The terms of the verbs that say what the asker makes (비행기 부품 *만드는* 회사).
        self._makers = frozenset(t for w in self.words.maker_words for t in analyzer.analyze(w).terms[:1])
        # For each program and referral, which words its names put beside which (in order): the slots a
        # question may fill with another word.
        # Korean names for Korean questions, English ones for English: an English name's words fold into
        # Korean terms (technology -> 기술) and would put a foreign word in a Korean slot.
        self._name_pairs: dict[tuple[str, bool], Pairs] = {}
        named: list[Program | Referral] = [*kb.programs, *kb.referrals]
        for item in named:
            names = [*(v for _, v in item.name.values), *item.aliases]
            for latin in (False, True):
                self._name_pairs[item.id, latin] = frozenset(
                    (a, b) for name in names if _is_latin(name) == latin for a, b, _, _ in self._pairs(name, known_only=True))
        self._known_by_start: dict[str, list[str]] = {}
        for word in {*analyzer.vocab, *self._english}:
            if len(word) >= 2:
                self._known_by_start.setdefault(word[0], []).append(word)
        self.audience = Audience(texts, self.words, self._holds_known)
        # What the asker makes, sells or studies (intents/goods.py): no other kind of an item's thing.
        self.goods = Goods(lambda word: analyzer.analyze(word).terms, synonyms=analyzer.lexicon.synonyms)
        # The terms of the words for money or support whose object a novel word before them names (출산 지원금).
        self._paid_heads = frozenset(t for w in self.words.paid_heads for t in analyzer.analyze(w).terms[-1:])
        # Korean place names (intents/lexicon/places.yaml) the knowledge base never writes, even inside a word:
        # a question about a programme of one of these regions (서울시 청년수당) is another body's.
        self._foreign_places = frozenset(p for p in analyzer.lexicon.places
                                         if not p.isascii() and len(p) >= 2 and p not in self._korean)
        self._gives_place = {item.id: self._has_address(texts[item.id]) or any(
            self.is_place_question(normalize(q)) for q in getattr(item, "questions", ()) or ())
            for item in kb.items()}

    # ---- words ----------------------------------------------------------------------------------

    def _holds_known(self, token: str) -> bool:
        """Whether a word of a question holds a term the knowledge base writes."""
        return any(not t.startswith(UNKNOWN_PREFIX) for t in self.analyzer.analyze(token).terms)

    def is_novel(self, term: str) -> bool:
        """A word the knowledge base never writes, anywhere, that names something (not a verb form,
        not a chat sound): 전기차, 웨딩, 노인, car."""
        if not term.startswith(UNKNOWN_PREFIX):
            return False
        if term not in self._novel:
            if len(self._novel) > NOVEL_CACHE:
                self._novel.clear()
            self._novel[term] = self._is_novel(term)
        return self._novel[term]

    def short_topic(self, terms: tuple[str, ...], index: int) -> bool:
        """Whether the two-syllable unknown term `terms[index]` names what a question asks about: a novel word
        (웨딩 in `웨딩 관련 수출 지원 뭐 있어요`), not the asker's trade before who asks (카페 창업, 애견 회사:
        scope.yaml asker_nouns). The matcher's topic leaves two-syllable unknown words out by default: in a
        follow-up they are too often chat or a place in passing (진짜, 거제 사는데)."""
        return self.is_novel(terms[index]) and not any(t in self.askers for t in terms[index + 1:index + 2])

    def _is_novel(self, term: str) -> bool:
        word = term[len(UNKNOWN_PREFIX):].replace(" ", "")
        if word.isascii():
            if len(word) < 3 or not word.isalpha() or word in self._english or word in self.words.english_function:
                return False
        else:
            if len(word) < 2 or not all(is_syllable(ch) for ch in word) or word in self._korean \
                    or word in self.words.not_names_ko:
                return False
            if self.analyzer.verb_forms.ends_like_one(word):  # nouns that end like one (비자) are names
                return False
        return not self._misspelt(word)

    def _misspelt(self, word: str) -> bool:
        """A word one or two letters from one the knowledge base writes (일쟈리, staion, misson), or an English
        word sharing its first four letters with one (capacity, capability) or holding one (biomaterials): a typo
        or a variant, not a new thing."""
        latin = word.isascii()
        key = word if latin else to_jamo(word)
        limit = 1 if len(key) <= 6 else 2
        if latin and len(word) >= 6 and any(len(known) >= 5 and known in word for known in self._english):
            return True  # biomaterials: a known word inside an English compound
        for known in self._known_by_start.get(word[0], ()):
            if latin and len(word) >= 6 and len(known) >= 6 and known[:4] == word[:4]:
                return True
            if abs(len(known) - len(word)) <= 1 and known.isascii() == latin and Levenshtein.distance(
                    key, known if latin else to_jamo(known), score_cutoff=limit) <= limit:
                return True
        return False

    def _pairs(self, text: str, *, known_only: bool = False) -> list[tuple[str, str, bool, str]]:
        """Neighbouring terms of a text in order, inside a word (재난|지원금) and across two words when the
        first carries no particle (전기차 충전소, not 미국에 수출); with each, whether the first term
        continues a word begun by a known term (어류 in 양식어류질병), and the term after the pair ("" if
        none: 자동차 부품 *회사*)."""
        pairs: list[tuple[str, str, bool]] = []
        previous: str | None = None
        # An English phrase is one concept, as the analyser reads the whole text (`cosmetics trade show`: trade show
        # is 전시회, which pairs with cosmetics); read word by word, it would pair nothing the names pair.
        for token in self.analyzer.english.rewrite(normalize(text)).split():
            if not known_only and self._english_modifier(token):
                previous = None  # eco-friendly ship, battery powered boat: a description, not another kind
                continue
            terms = list(self.analyzer.analyze(token).terms)
            if known_only:
                terms = [t for t in terms if not t.startswith(UNKNOWN_PREFIX)]
            if not terms:
                previous = None
                continue
            if previous is not None:
                pairs.append((previous, terms[0], False))
            for index in range(len(terms) - 1):
                inside = index > 0 and not terms[index - 1].startswith(UNKNOWN_PREFIX)
                pairs.append((terms[index], terms[index + 1], inside))
            # A maker verb (만드는) modifies the word after it as a bare word does: 부품 만드는 회사.
            # A word that ends as a verb form does (부족해서, 필요한) is a predicate, not a modifier of the next word.
            bare = token.isascii() or self.analyzer._strip_particles(token) == token \
                and not self.analyzer.verb_forms.ends_like_one(token) or token in self.words.maker_words
            previous = terms[-1] if bare else None
        following = [pairs[i + 1][1] if i + 1 < len(pairs) and pairs[i + 1][0] == pairs[i][1] else ""
                     for i in range(len(pairs))]
        return [(a, b, inside, after) for (a, b, inside), after in zip(pairs, following)]

    def _english_modifier(self, token: str) -> bool:
        """An English word the knowledge base never writes that ends as an adverb or a participle does (friendly,
        powered): it describes, it names no other kind of thing."""
        return token.isascii() and token.isalpha() and len(token) >= 5 and token not in self._english \
            and token.endswith(self.words.english_modifier_endings)

    def _describes_asker(self, pairs: list[tuple[str, str, bool, str]], index: int) -> bool:
        """Whether the phrase of pair `index` is what the asker makes: followed by a maker verb and who asks
        (비행기 부품 만드는 회사)."""
        first, second, _, after = pairs[index]
        if after not in self._makers:
            return False
        rest = pairs[index + 1:index + 3]
        return len(rest) == 2 and rest[0][:2] == (second, after) and rest[1][0] == after and rest[1][1] in self.askers

    # ---- what a question asks that an item does not cover ----------------------------------------

    def contrast(self, pairs: list[tuple[str, str, bool, str]], asked: set[str], item_id: str, latin: bool,
                 said: str = "", theirs: frozenset[str] = frozenset()) -> tuple[str, str] | None:
        """(the question's novel word, the item's word in its place) where the question - its neighbouring
        terms `pairs` and all its terms `asked` - names another kind of what the item is about (전기차 충전소
        / 수소 충전소, 연말 정산 / 연말 성과공유회); None otherwise. `said`: the question with spaces removed,
        where the item's word may stand inside another (선박용 holds 선박); `theirs`: the unknown terms the question
        says are the asker's own goods (intents/goods.py `asker_terms`)."""
        own = self._name_pairs.get((item_id, latin))
        if not own:
            return None
        for index, (first, second, inside, after) in enumerate(pairs):
            # A novel word typed inside a compound of known words (양식|어류|질병) is the asker's own wording
            # of the item's thing; one that begins a word or follows a known one names another thing -
            # unless the phrase names the asker (드론 스타트업): that is who asks, not what.
            if second in self.askers or first in self.askers:
                continue
            # 자동차 부품 회사, 비행기 부품 만드는 회사: the phrase says who asks. Only another industry where the item's
            # name puts one (항공 부품) still makes another kind: a car-parts maker is no aerospace-parts maker.
            described = after in self.askers or self._describes_asker(pairs, index)
            if not inside and self._novel_beside(first, second):
                novel, rivals = first, {a for a, b in own if b == second}
            elif self._novel_beside(second, first) and not described:
                novel, rivals = second, {b for a, b in own if a == first}
            else:
                continue
            if described and not self.goods.is_kind(novel):
                continue
            if described and (any(m in asked or len(m) > 1 and m in said for m in rivals) or said.count(second) > 1):
                # 자동차 부품 만드는 회사인데 항공부품 사업, 전기차 충전소 만드는 회사인데 충전소 구축 사업: the item's own
                # kind, or its thing apart from the asker's phrase, is asked too.
                continue
            rivals = {m for m in rivals if m not in asked and m not in self.generic and not (len(m) > 1 and m in said)}
            if described or novel in theirs or novel == first and self.goods.is_kind(novel) and not self.goods.bought(second):
                # The asker's goods or trade, said as theirs or bare before the shared word (화장품 수출상담회 / 해외
                # 바이어 수출상담회), replaces only a word of its own class: another industry's event is another kind
                # (화장품 전시회 / 방산 전시회), a buyer's is not. Not the head (병원 인테리어) nor what is bought
                # (인테리어 비용, 전기차 충전기 설치): that is the thing asked for (intents/goods.py).
                rivals = {m for m in rivals if self.goods.is_kind(m)}
            if rivals and self.audience.serves(item_id, novel[len(UNKNOWN_PREFIX):]):
                continue  # 노인 재취업 where the item writes 고령자: the group it serves, not another kind
            if rivals:
                return novel[len(UNKNOWN_PREFIX):], sorted(rivals)[0]
        return None

    def paid_for(self, pairs: list[tuple[str, str, bool, str]]) -> str | None:
        """The novel word a question puts before a word for money or support (출산 지원금, 전기차 보조금, car
        subsidy): what it asks to be paid for is a thing the knowledge base never names, so no item answers it.
        Not a word typed inside a compound of known words, nor one that says who asks (카페 창업 지원)."""
        for first, second, inside, after in pairs:
            if second in self._paid_heads and not inside and self.is_novel(first) \
                    and first not in self.askers and after not in self.askers:
                return first[len(UNKNOWN_PREFIX):]
        return None

    def novel_head(self, normalized: str) -> tuple[str, str] | None:
        """(modifier, head) where the question's last word naming a topic is a compound whose head is a word the
        knowledge base never writes, after a known word of a topic: 수출바우처 (a voucher, for export), 지역가입자,
        연말정산, 로봇청소기. A Korean compound ends in its head, so the question asks for a kind of thing no item
        names, whatever item shares the modifier (수출). Not a number before it (4학년, 3년차: a unit), nor a word
        of a story's background: only the last word that names a topic counts."""
        if self.topical is None:
            return None
        for word in reversed(normalized.split()):
            if not _HANGUL_WORD.search(word):
                continue
            terms = self.analyzer.analyze(word).terms
            if not any(self.is_novel(t) or self.topical(t) for t in terms):
                continue
            if len(terms) >= 2 and self.is_novel(terms[-1]) and self.topical(terms[-2]) and not terms[-2].isdigit():
                return terms[-2], terms[-1][len(UNKNOWN_PREFIX):]
            return None
        return None

    def elsewhere(self, analysis: Analysis) -> tuple[str, ...]:
        """The everyday words for what other bodies provide (intents/lexicon/elsewhere.yaml) a question asks
        about: 전세 in `청년 전세 대출`, passport. Not one followed by who asks (택배 회사, 숙박 앱 창업): that is
        the asker's own business."""
        lexicon = self.analyzer.lexicon
        words = lexicon.elsewhere
        if not words:
            return ()
        found: list[str] = []
        terms = analysis.terms
        for index, term in enumerate(terms):
            word = term.removeprefix(UNKNOWN_PREFIX)
            if word in words and not word.isascii() and not any(t in self.askers for t in terms[index + 1:index + 3]):
                found.append(word)
        tokens = analysis.normalized.split()
        asker_words = set(self.words.asker_nouns)
        for index, token in enumerate(tokens):
            if token.isascii() and token in words and not any(t in asker_words for t in tokens[index + 1:index + 3]):
                found.append(token)
        # In-scope evidence beside the word (elsewhere.yaml `in_scope_beside`: 국비, 자격증 beside 학원) makes it the
        # agency's own matter: an out-of-scope word never overrides what else the message says.
        return tuple(w for w in found if not any(
            token.startswith(lexicon.elsewhere_unless.get(lexicon.elsewhere_topics.get(w, ""), ()) or ("\0",))
            for token in tokens))

    def region(self, normalized: str, *, bare: bool = False) -> str | None:
        """The other region whose own programme a question asks about: a place the knowledge base never writes,
        named as a local government (서울시, 경기도, 제주특별자치도) bare before a word of the knowledge base
        (서울시 청년수당, 경기도 지원사업). Not where the asker is (서울시 소재 기업, 부산시 회사인데: residence
        words and asker nouns), nor a place with a particle (서울에서 열리는 전시회). `bare`: a place without the
        government's ending counts too (서울 창업 지원 사업 뭐 있어요), for a question asking for a list, which
        names no event that could be held there (서울 전시회 참가 지원 may be a fair in Seoul)."""
        tokens = normalized.split()
        for token, following in zip(tokens, tokens[1:]):
            place = self._local_government(token) or (token if bare and token in self._foreign_places else None)
            if place is None or following.startswith(self.words.residence_words):
                continue
            terms = self.analyzer.analyze(following).terms
            if terms and not terms[0].startswith(UNKNOWN_PREFIX) and terms[0] not in self.askers \
                    and self._local_government(following) is None and following not in self._foreign_places:
                return place
        return None

    def _local_government(self, token: str) -> str | None:
        """A place the knowledge base never writes, as a local government's name (서울시, 경기도): the place."""
        for suffix in self.words.region_suffixes:
            base = token.removesuffix(suffix)
            if base != token and base in self._foreign_places:
                return base
        if token.endswith("도") and token in self._foreign_places:  # 경기도, 제주도: the province's own name
            return token
        return None

    def _novel_beside(self, novel: str, shared: str) -> bool:
        return self.is_novel(novel) and not shared.startswith(UNKNOWN_PREFIX) and shared not in self.generic

    def is_place_question(self, normalized: str) -> bool:
        # English phrases read as one concept first: an `email address` or a `website address` asks no place.
        normalized = self.analyzer.english.rewrite(normalized)
        compact = normalized.replace(" ", "")
        padded = f" {normalized} "
        return any(c in compact for c in self.words.location_cues_ko) or any(
            c in padded for c in self.words.location_cues_en)

    def _has_address(self, texts: list[str]) -> bool:
        return any(p.search(t) for t in texts for p in self.words.address_patterns)

    def uncovered(self, text: str, analysis: Analysis, item_id: str) -> str | None:
        """Why `item_id` does not answer the question ("place", "contrast"), or None."""
        return self._Question(self, text, analysis).uncovered(item_id)

    def review(self, decision: Decision, text: str, analysis: Analysis) -> Decision:
        """The decision with contradicted items ruled out: an answer about one becomes the fallback, and so
        do suggestions led by one (the question is about a thing the knowledge base never names, which the
        weaker candidates lack too); a contradicted candidate further down is no longer offered. Ruled-out
        candidates stay for the record, last and scored 0, so that neither the suggestions nor the
        fallback's example questions bring them up."""
        if decision.kind == "fallback":
            return decision
        if decision.area is not None:
            # 제주도 해양관광 창업 지원: another region's list of programmes is not this agency's.
            return replace(decision, kind="fallback", id=None, aspect=None) \
                if self.region(analysis.normalized, bare=True) \
                else decision
        question = self._Question(self, text, analysis)
        if not question.place and not question.pairs and not question.audiences and not question.cues \
                and not question.elsewhere and not question.region and not question.head:
            return decision  # most questions: no novel word, no place, group or shopping asked; nothing to check
        ruled_out = {c.id for c in decision.candidates if question.uncovered(c.id)}
        if decision.kind == "answer" and decision.id and decision.id not in ruled_out \
                and not question.uncovered(decision.id):
            return decision
        if decision.kind == "suggest" and question.novel and self.small_talk_first(decision, ruled_out):
            # 배멀미 안 하는 방법 -> greeting, help: a question about a thing the knowledge base never names,
            # whose best match is small talk, is out of scope; chat buttons are no answer to it.
            return replace(decision, kind="fallback", aspect=None)
        if not ruled_out and decision.kind == "suggest":
            return decision
        candidates = (*(c for c in decision.candidates if c.id not in ruled_out),
                      *(replace(c, score=0.0) for c in decision.candidates if c.id in ruled_out))
        if decision.kind == "answer" or decision.candidates[0].id in ruled_out:
            return replace(decision, kind="fallback", id=None, aspect=None, candidates=candidates)
        return replace(decision, candidates=candidates)

    def small_talk_first(self, decision: Decision, ruled_out: set[str]) -> bool:
        """Whether the first candidate still offered is small talk (an intent)."""
        first = next((c for c in decision.candidates if c.id not in ruled_out), None)
        return first is not None and isinstance(self.kb.get(first.id), Intent)

    class _Question:
        """One question's facts for the checks, worked out once for all its candidates."""

        def __init__(self, scope: "Scope", text: str, analysis: Analysis) -> None:
            self.scope = scope
            self.place = scope.is_place_question(analysis.normalized)
            self.asked = set(analysis.terms)
            self.latin = _is_latin(text)
            self.novel = any(scope.is_novel(t) for t in analysis.terms)
            self.pairs = scope._pairs(text) if self.novel else []
            self.said = analysis.normalized.replace(" ", "")
            self.theirs = scope.goods.asker_terms(analysis.normalized) if self.novel else frozenset()
            self.audiences = scope.audience.named(analysis.normalized)
            self.cues = scope.audience.cues(analysis.normalized)
            self.paid_for = scope.paid_for(self.pairs)
            self.elsewhere = scope.elsewhere(analysis)
            self.region = scope.region(analysis.normalized)
            self.head = None
            if self.novel:  # 수출바우처: read in the story's question sentence where the message tells a story
                story = read_story(text)
                self.head = scope.novel_head(normalize(story.question) if story else analysis.normalized)

        def uncovered(self, item_id: str) -> str | None:
            scope = self.scope
            item = scope.kb.get(item_id)
            if not isinstance(item, (Program, Referral, Faq)):
                return None
            if self.place and isinstance(item, Program) and not scope._gives_place.get(item_id, False):
                return "place"
            if self.audiences or self.cues:
                why = scope.audience.uncovered(self.audiences, self.cues, item_id)
                if why:
                    return why
            if self.region:
                return "region"  # 서울시 청년수당: a place the knowledge base never writes, so no item does
            if self.head:
                return "novel_head"  # 수출바우처: a kind of thing no item names (the head of the compound)
            if any(not scope.audience.writes(item_id, word) for word in self.elsewhere):
                return "elsewhere"  # 청년 전세 대출, 여권 재발급: what another body provides, which the item never names
            if not self.pairs:
                return None
            if self.paid_for:
                return "paid_for"
            # An FAQ about programs (수소충전소 몇 개 지어요) is about what their names name: contradicted
            # when every one of them is.
            named = [item_id] if isinstance(item, (Program, Referral)) else list(getattr(item, "programs", ()))
            if named and all(scope.contrast(self.pairs, self.asked, n, self.latin, self.said, self.theirs) for n in named):
                return "contrast"
            return None


def _is_latin(text: str) -> bool:
    """Whether a text is written in Latin letters (an English name or question), not Hangul."""
    return not _HANGUL_WORD.search(text)


ScopeFactory = Callable[[KnowledgeBase, Analyzer], Scope]

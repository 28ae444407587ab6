"""match(text) -> Decision: which program, FAQ or intent a message is about, and how sure we are.

How a message is scored against an item (a program, FAQ or intent):
- coverage: the share of what the message is about (its terms, weighted by rarity) that the item's
  names, aliases and questions explain; words only in its summary or answer count half. A word the
  knowledge base never uses counts fully against every item, so `수소차 구매 보조금` does not look like
  a question about refuelling stations just because it shares `수소`.
- phrasing: the best weighted overlap (Dice) between the message and any one of the item's phrasings.
score = 100 * (share * coverage + (1 - share) * phrasing). The best item is answered outright only when it
scores high enough, covers enough of the question (more of a short one than of a long message) and of its
topic (aspect cues aside), and leads the next item by a margin that grows with the topic it leaves
unexplained; otherwise up to three candidates are suggested, or nothing (fallback). README "Matching" has
the whole story; the numbers are in intents/lexicon/matcher.yaml.

The candidate index is inverted (term -> items), so only items sharing a term with the message are scored.
"""
from __future__ import annotations

import functools
import heapq
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

import logging
import threading
import time
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

from intents.acts import Acts, asks_something, courtesy_not_offered, ends_as_question, joined_skills
from intents.asked_area import area_asked
from intents.aspect_lengths import length_part
from intents.aspect_texts import AspectTexts
from intents.aspect_words import AspectWords
from intents.body import bodies, body_credits, body_texts, confirms, load_body_settings, own_words, plain_term
from intents.fusion import weak_answer_stands
from intents.aspects import AspectCues
from intents.analyzer import UNKNOWN_PREFIX, Analysis, Analyzer, detect_lang, english_stem, normalize
from intents import exclusion, named_area
from intents.confirm import ConfirmSettings, agrees, confirmable, story_agrees, told_apart, told_words
from intents.chat import chat_phrase_words, contained_phrase, tidy
from intents.context import POINTS_BACK, MatchContext, Talk, side_said
from intents.cues import english_cue_in, korean_cue_in
from intents.decision import Candidate, Decision, DecisionKind
from intents.hangul import is_initials_only, to_jamo
from intents.initials import spell_out
from intents.kin_words import KinSettings, KinWords, vocabulary
from intents.focus import focus, sentences
from intents.generic import action_words
from intents.lexicon import Lexicon, load_lexicon
from intents.markup import strip_markup
from intents.name_words import agency_bound, agency_modifiers, bound_words, load_names, loose, name_only, weak_bound
from intents.options import Options
from intents.needs import Needs
from intents.real_words import real_korean_words
from intents.spelt_names import spelt_names
from intents.outside import Outside, load_outside
from intents.overview import OverviewSettings, overview_first
from intents.spelling import Speller
from intents.precedence import topic_before_chat
from intents.relevance import Relevance
from intents.ranking import TermRoles, distinctive_names, doubtful, load_ranking, mentioned, unnamed_tie
from intents.scope import Scope
from intents.parts import with_parts
from intents.story import Story, answer_from_story, first_reading, novel_question, read_story
from intents.story import semantic_text as story_semantic_text
from intents.trade import as_trade
from intents.introductions import introduced
from intents.semantic import Embedder, SemanticCache, language_offsets, shared_embedder
from intents.siblings import Siblings
from intents.specialised import Kinds, characteristic_terms, general_first, kind_first
from intents.roles import COUNT, Roles, role_first
from intents.sides import SideWords, side_first
from intents.heads import head, head_first
from intents.fusion import best_per_row, model_nearest, semantic_shares, taken_back, with_bodies, with_nearest
from knowledge.model import Faq, Intent, Item, KnowledgeBase, Program, Referral

WEAK = 0.5  # credit for a term found only in an item's summary or answer
CACHE_SIZE = 4096  # decisions remembered for repeated questions
CACHED_TEXT = 500  # longer messages are rarely repeated word for word: not cached
CHAT_PHRASE_CHARS = 16  # messages up to this long (spaces removed) may be read as a chat phrase letter for letter
CHAT_PHRASE_SCORE = 85  # how close (0..100, rapidfuzz ratio) to one of an intent's phrases
CHAT_WORDS = 3  # an English message this short holding a one-word chat phrase (`thanks teacher`) says it
FOLLOWUP_TERMS = 2  # topic words a follow-up may hold and still be about the last program (사무실도 줘요?)
GENERIC_SHARE = 0.3  # a term in this share of all programs (지원, 사업) names no program in particular
SEMANTIC_PHRASES = 60  # phrasings of one item embedded at most (an intent's chat phrases are many)

log = logging.getLogger(__name__)
SHORTLIST = 30  # items scored in full after the inverted index has ranked them by coverage
COMMON_POSTINGS = 500  # a term in more items than this (and a tenth of all) is not walked for candidates


@dataclass(frozen=True)
class _Entry:
    item: Item
    strong: frozenset[str]
    weak: frozenset[str]
    phrasings: tuple[frozenset[str], ...]


@dataclass(frozen=True)
class Ranked:
    item: Item
    score: float  # 0..100
    coverage: float  # 0..1: share of the message's weight this item explains
    topic_coverage: float = 1.0  # 0..1: the same, counting only what the message is about (no cues)
    exact: bool = False  # the message is one of the item's phrasings, word for word
    under: str | None = None  # the general item this kind of it yields to (intents/specialised.py kind_first)


class Matcher:
    """Built once per knowledge base; `match` is pure and never raises on any text."""

    def __init__(self, kb: KnowledgeBase, lexicon: Lexicon | None = None, *, cache_size: int = CACHE_SIZE,
                 embedder: "Embedder | None" = None, cache_dir: Path | None = None,
                 background: bool = False) -> None:
        """`embedder` switches the semantic signal on (mode "hybrid"); its vectors of the knowledge texts
        are cached in `cache_dir` (none: kept in memory only). `background`: texts missing from the cache
        are embedded in a thread while the matcher answers lexically, so a cold start does not wait."""
        self.kb = kb
        self.mode = "lexical"  # "hybrid" when the semantic signal is on (intents/semantic.py)
        self.lexicon = lexicon or load_lexicon()
        self.settings = self.lexicon.settings
        self.analyzer = Analyzer(self.lexicon)
        texts = {item.id: _texts_of(item) for item in kb.items()}  # id -> (strong, weak) texts
        skill_phrases = self._skill_phrases()
        self._learn_vocabulary(texts, [p for phrases in skill_phrases.values() for p in phrases])
        # A name one item alone writes in both scripts names it in either (하이창원, HyChangwon: intents/spelt_names.py);
        # for the words' scores only (no phrasing of the model's).
        spelt = spelt_names({i.id: [*texts[i.id][0], *texts[i.id][1]] for i in kb.items() if not isinstance(i, Intent)},
                            self._terms, real_korean_words())
        self.speller = Speller(self.analyzer, (t for strong, _ in texts.values() for t in strong))  # before chat phrases
        for intent_id, phrases in skill_phrases.items():
            texts[intent_id][0].extend(phrases)
        self.entries = [self._entry(item, [*texts[item.id][0], *spelt.get(item.id, ())], texts[item.id][1])
                        for item in kb.items()]
        # Words of a name are not the topic they spell (intents/name_words.py): another body's name in another
        # language than the question's, and words with another sense inside a compound (대표번호), count as weak
        # words of the item that writes them so.
        self.name_data = load_names()
        self.name_only = self._name_words()
        # ... and the words of the agency's own name written solid (창원산업진흥원: 산업), bound inside that name.
        agency = agency_modifiers((n for _, n in (kb.agency.name.values if kb.agency else ())), self._terms)
        self.senses = self.name_data.compound_senses.union(*agency.values())
        self.bound = [{**bound_words(texts[e.item.id][0], self._terms, self.name_data.compound_senses),
                       **agency_bound(texts[e.item.id][0], self._terms, agency)}
                      if not isinstance(e.item, Intent) else {} for e in self.entries]
        self.index_of = {entry.item.id: index for index, entry in enumerate(self.entries)}
        self._weigh_terms()
        # English words of any sentence that the knowledge base's English texts write (new, year, local) weigh as
        # lightly as cues and name no topic (english.yaml `everyday_words`); words it never writes stay unknown.
        self.cue_terms = self._cue_terms() | self.analyzer.english.everyday_terms(self.idf, english_stem)
        # Everyday verb forms the knowledge base writes (나와, 쓸, 가지고: intents/real_words.py EverydayVerbs) say how a
        # thing is asked, not what about: they weigh in a question and credit an item that writes them, but are no
        # evidence of its topic (docs/matching.md "Everyday verb forms"; `돈 나와요` is not the deadlines FAQ's 나와).
        self.verb_terms = frozenset(t for t in self.idf if not t.isascii() and self.analyzer.everyday_verb(t))
        self._untopical = self.cue_terms | self.verb_terms
        self.cue_aspects = self._cue_aspects()
        self.aspects = AspectCues(self.lexicon, self.cue_aspects)
        self.ranking = load_ranking()
        self.confirm = ConfirmSettings.load()
        self.overview = OverviewSettings.load()
        self.roles = TermRoles(self.ranking, lambda text: self.analyzer.analyze(text).terms,
                               lambda word: self.lexicon.synonyms.get(word, word))
        cue = self.settings.aspect_cue_weight
        # Each phrasing with its own weight, so that scoring a message only adds up what it shares.
        self.phrasings: list[tuple[tuple[frozenset[str], float], ...]] = [
            tuple((p, sum(self.idf.get(t, 0.0) * (cue if t in self.cue_terms else 1.0) for t in p))
                  for p in entry.phrasings)
            for entry in self.entries]
        # A message typed exactly as one of an item's phrasings needs no scoring.
        self.exact: dict[str, set[int]] = defaultdict(set)
        for index, entry in enumerate(self.entries):
            for text in texts[entry.item.id][0]:
                self.exact[_compact(text)].add(index)
        self.action_terms = frozenset(t for w in action_words() for t in self._terms(w)[-1:])  # 구축, 육성
        self.generic = self._generic_terms()
        # Programs' names and aliases as typed: naming one is evidence its words alone may not give.
        self.names = [(name, index) for index, entry in enumerate(self.entries) if isinstance(entry.item, Program)
                      for name in {_compact(n) for n in (*(v for _, v in entry.item.name.values), *entry.item.aliases)}
                      if len(name) >= (6 if name.isascii() else 3)]
        self.faq_programs = {i: frozenset(self.index_of[p] for p in e.item.programs if p in self.index_of)
                             for i, e in enumerate(self.entries) if isinstance(e.item, Faq) and e.item.programs}
        # What tells each program from its neighbours by name (intents/ranking.py, unnamed_tie).
        self.name_terms = distinctive_names({p.id: set(self._name_terms(p)) - self.generic - self.cue_terms
                                             for p in kb.programs})
        self.area_words = self._area_words()
        self.naming_terms = frozenset().union(*self.area_words.values(), *self.name_terms.values())
        # The agency's own name (진흥원, agency) says where a question is asked, not what about: it does not keep
        # a list question from naming an area (`진흥원 수소 지원사업 뭐 있어요`). An area's own word stays.
        self.agency_terms = frozenset(t for _, n in (kb.agency.name.values if kb.agency else ()) for t in self._terms(n)
                                      ) - frozenset().union(*self.area_words.values())
        # A program's names and aliases as typed, spaces aside (3 characters or more: 수출 alone names no program).
        self.program_names = {_compact(n): n for p in kb.programs for n in (*(v for _, v in p.name.values), *p.aliases)
                              if len(_compact(n)) >= 3}
        self.request_terms = frozenset(t for cue in (*self.lexicon.request_cues_ko, *self.lexicon.request_cues_en)
                                       for t in self.analyzer.analyze(cue.strip()).terms)
        self._item_terms = [e.strong for e in self.entries if not isinstance(e.item, Intent)]
        self.browse_intent = next((i for i in kb.intents if i.action == "browse"), None)
        # A novel word where a name puts its action word (충전소 요금 / 충전소 구축) still names another thing.
        self.scope = Scope(kb, self.analyzer, self.generic - self.action_terms, topical=lambda t: self._names_topic(t))
        self.needs = Needs(kb)  # the kinds of service asked and offered (intents/needs.py)
        self._matters: dict[str, frozenset[str]] = {}  # a matter another body serves -> its phrases' terms
        self._exclusion_grammar = exclusion.Grammar.load()  # 여기 말고, 제조업 아니어도 (intents/exclusion.py)
        self._exclusion = exclusion.marker_pattern(self.lexicon, self._exclusion_grammar.more_after_ko)
        self._lacked = self._exclusion_grammar.lacked_pattern()
        # Every word of the agency's own name, its city too (진흥원, 창원): what `진흥원 거 말고` may be made of.
        self.agency_words = frozenset(t for _, n in (kb.agency.name.values if kb.agency else ()) for t in self._terms(n))
        # A name written solid (해양수산재단) is one term: its kind of body, the end of it (재단), names it too.
        self._agency_names = tuple(_compact(n).lower() for _, n in (kb.agency.name.values if kb.agency else ()))
        self.talk = Talk(self)  # follow-ups' own words (intents/context.py)
        self.options = Options(self)  # follow-ups to the options shown (intents/options.py)
        # Words that ask nothing of their own beside an area's name (지원, 사업, 관련): no aspect but support.
        self.plain_terms = (self.generic - self.cue_terms) | self.lexicon.light_words | frozenset(
            t for t, aspect in self.cue_aspects.items() if aspect == "support")
        # Chat phrases as typed, for short messages made of words that carry no topic (너 뭐 할 수 있어?).
        self.chat_phrases: list[tuple[str, int]] = [
            (to_jamo(_compact(text)), index) for index, entry in enumerate(self.entries) if isinstance(entry.item, Intent)
            for text in texts[entry.item.id][0] if len(_compact(text)) >= 2]
        self._chat_jamo = [p for p, _ in self.chat_phrases]
        # Small talk (intents with no action) and its English phrases as words, to tell one said whole (`thank
        # you so much`) from one of its words in passing (`foreigner ok?`): _small_talk_in_passing.
        self._small_talk: dict[int, tuple[tuple[str, ...], ...]] = {
            index: tuple(dict.fromkeys(tuple(normalize(t).split()) for t in texts[entry.item.id][0] if t.isascii()))
            for index, entry in enumerate(self.entries) if isinstance(entry.item, Intent) and entry.item.action is None}
        # What each intent's phrases do inside a longer message (intents/acts.py): `원장님은 누구세요` is no "who are you?".
        self.acts = Acts.build([(i, e.item.id, e.item.action, texts[e.item.id][0]) for i, e in enumerate(self.entries)
                                if isinstance(e.item, Intent)], self.lexicon.skills, self.lexicon.skill_acts, self._terms)
        self.courtesy = frozenset(self.entries[i].item.id for i, name in self.acts.skills.items()
                                  if name in self.lexicon.courtesy_skills)  # greeting, thanks, goodbye
        self._asked_where = frozenset(t for w in self.lexicon.asked_where for t in self._terms(w))
        self._intent_words = {i: e.strong for i, e in enumerate(self.entries) if isinstance(e.item, Intent)}
        self._chat_words = chat_phrase_words((text, index) for index, entry in enumerate(self.entries)
                                             if isinstance(entry.item, Intent) for text in texts[entry.item.id][0])
        self.item_terms = frozenset().union(*(e.strong for e in self.entries if not isinstance(e.item, Intent))) \
            if self.entries else frozenset()
        # Every word the agency's items write, in their names and questions or only in their texts.
        self._written = frozenset().union(*(e.strong | e.weak for e in self.entries if not isinstance(e.item, Intent)))
        # The knowledge base's content words, for an unknown word's kin (intents/kin_words.py; vectors in hybrid mode).
        self.kin_settings = KinSettings.load()
        self.kin_writers = self.kin_vocabulary() if embedder is not None and self.kin_settings.credit > 0 else {}
        self.kin_words: KinWords | None = None
        # Programs' body texts as thin evidence (intents/body.py): entry index -> {term: credit}.
        self.body_settings = load_body_settings()
        # A word some item's names or questions write is that item's word: another's body only mentions it.
        plain = self.generic | self.cue_terms | self.lexicon.light_words | self.lexicon.followup_cues \
            | self.lexicon.places | self.lexicon.stopwords | self.roles.units | self._strong_terms
        texts_of_bodies = body_texts(kb)
        credits = body_credits(texts_of_bodies, lambda text: self.analyzer.analyze(text).terms,
                               plain.__contains__, self.body_settings)
        self.body: list[dict[str, float]] = [credits.get(e.item.id, {}) if isinstance(e.item, Program) else {}
                                             for e in self.entries]
        # ... and all their words, for the fusion's confirmation of a program (body.py `confirms`).
        analysed = {pid: [tuple(self.analyzer.analyze(text).terms) for text in found]
                    for pid, found in texts_of_bodies.items()}
        words = own_words(bodies(analysed, lambda terms: terms, plain.__contains__), self.body_settings)
        # Every word an item's texts write, another item's word too: what it is about (specialised.py kind_first).
        whole = bodies(analysed, lambda terms: terms, (plain - self._strong_terms).__contains__)
        self.all_words = {e.item.id: e.strong | e.weak | whole.get(e.item.id, frozenset()) for e in self.entries}
        self.body_words = [words.get(e.item.id, frozenset()) for e in self.entries]
        # Which one section of a program writes a word, for aspects no cue names (intents/aspect_words.py).
        # (Another item's word counts here: it is the detail asked, not what chose the program.)
        unnamed = (plain - self._strong_terms).__contains__
        self.aspect_words = AspectWords.build(kb, lambda text: self.analyzer.analyze(text).terms,
                                              lambda t: plain_term(t, unnamed))
        # The words most of an item's phrasings hold: what makes it a kind of something (intents/specialised.py).
        # A word in many items' phrasings (the agency's name, 창업) characterises none of them.
        topical = [e for e in self.entries if not isinstance(e.item, Intent)]
        spread: dict[str, int] = defaultdict(int)
        for entry in topical:
            for term in entry.strong:
                spread[term] += 1
        common = self.ranking.characteristic_spread * len(topical)
        self.characteristic = {e.item.id: characteristic_terms(
            e.phrasings, lambda t: self._names_topic(t) and not t.isdigit() and spread[t] <= common,
            self.ranking.characteristic_share) for e in topical}
        # A sector (방산, 항공, 수소: ranking.yaml `sectors`) qualifies a program as a kind of a general item.
        # Who is served (청년, 여성) does not: an asker is one without saying it (스물다섯인데 is 청년).
        self.who_terms = frozenset(t for w in self.lexicon.who_words for t in self.analyzer.analyze(w).terms)
        # (A sector word the analyser splits, 의료기기 -> 의료 · 기기, names no sector by its parts.)
        sectors = (self.analyzer.analyze(w).terms for w in self.ranking.sectors)
        self.fields = frozenset(t[0] for t in sectors if len(t) == 1 and not t[0].startswith(UNKNOWN_PREFIX)) \
            - self.who_terms
        self.kinds = Kinds(lambda i: self.characteristic.get(i, frozenset()), lambda i: self.all_words.get(i, frozenset()),
                           self.fields, self.who_terms)
        # Which role (be a mentor, get mentoring) each item's own phrasings take (intents/roles.py).
        self.role_words = Roles()
        self.item_roles = {e.item.id: self.role_words.of_phrasings(normalize(t) for t in texts[e.item.id][0])
                           for e in self.entries if not isinstance(e.item, Intent)}
        # Which side (a company hiring, a job seeker) each item serves, from its own texts (intents/sides.py).
        self.side_words = SideWords.load()
        self.item_sides = {e.item.id: self.side_words.of_item(getattr(e.item, "audience", ()),
                                                              (normalize(t) for t in texts[e.item.id][0]))
                           for e in self.entries if not isinstance(e.item, Intent)}
        self.relevance = Relevance(self)  # after the terms, areas and generic words it reads
        self.siblings = Siblings(self)  # answers the question does not tell from a sibling (intents/siblings.py)
        self.embedder: Embedder | None = None
        self.language_offsets: dict[str, float] = {}  # language -> cosine offset (_language_offsets)
        self.aspect_texts: AspectTexts | None = None  # the programs' own texts, for aspects no cue names
        self.outside: Outside | None = None  # everyday needs of a person, outside any agency (intents/outside.py)
        # The programs' bodies (summary and aspect texts, AspectTexts' vectors), one row each, for the fused order.
        self.body_matrix = np.zeros((0, 0), dtype=np.float32)
        self.body_rows = np.zeros(0, dtype=np.int64)
        self._last_query: tuple[str, np.ndarray] | None = None
        self._cached_match = functools.lru_cache(maxsize=cache_size)(self._match)
        self._said_sides: frozenset[str] = frozenset()  # the asker's side said earlier in the chat, while matching
        self.semantic_ready = threading.Event()
        if embedder is None:
            self.semantic_ready.set()
        else:
            self._index_semantic(embedder, texts, cache_dir, background)

    def _index_semantic(self, embedder: "Embedder", texts: dict[str, tuple[list[str], list[str]]],
                        cache_dir: Path | None, background: bool = False) -> None:
        """One vector per phrasing of every item (names, aliases, questions, examples), from the cache
        where the same text was embedded before; the rest embedded now or, with `background`, in a thread."""
        rows: list[int] = []
        phrases: list[str] = []
        for index, entry in enumerate(self.entries):
            seen: set[str] = set()
            for text in texts[entry.item.id][0][:SEMANTIC_PHRASES]:
                key = " ".join(text.split())
                if key and key not in seen:
                    seen.add(key)
                    rows.append(index)
                    phrases.append(key)
        # The answers of FAQs and referrals are their bodies (a program's are its aspect texts, AspectTexts).
        answer_rows: list[int] = []
        answers: list[str] = []
        for index, entry in enumerate(self.entries):
            if isinstance(entry.item, (Faq, Referral)):
                for text in dict.fromkeys(" ".join(t.split()) for t in texts[entry.item.id][1]):
                    if text:
                        answer_rows.append(index)
                        answers.append(text)
        cache = SemanticCache(cache_dir, embedder.name)
        # The outside sentences count too: a cache from before them is filled in the background, not at start-up.
        outside = load_outside()
        missing = sum(1 for p in set(phrases) | set(outside[1]) | set(answers) | set(self.kin_writers)
                      if p not in cache.vectors)

        def build() -> None:
            started = time.perf_counter()
            try:
                matrix = cache.vectors_for(phrases, embedder)
                self.aspect_texts = AspectTexts.build(self.kb, cache, embedder)
                self.outside = Outside.build(cache, embedder, outside)
                answer_matrix = cache.vectors_for(answers, embedder) if answers else np.zeros((0, 0), np.float32)
                kin_words = KinWords.build(self.kin_writers, cache, embedder, self.kin_settings) \
                    if self.kin_writers else None
            except Exception as error:  # the engine failing mid-way: stay lexical rather than stop
                log.warning("semantic matching off (%s: %s): matching is lexical", type(error).__name__, error)
                self.semantic_ready.set()
                return
            cache.save()
            self.body_matrix, self.body_rows = self._bodies(self.aspect_texts, answer_matrix,
                                                            np.asarray(answer_rows, dtype=np.int64))
            self.semantic_matrix = matrix
            self.semantic_rows = np.asarray(rows, dtype=np.int64)
            self.language_offsets = self._language_offsets(matrix, rows, phrases)
            self.kin_words = kin_words
            self.embedder = embedder  # last: a reader that sees it sees the matrix too
            self.mode = "hybrid"
            self._cached_match.cache_clear()  # decisions made lexically while the index was being built
            if missing:
                log.info("semantic index ready: %d texts embedded in %.1f s", missing, time.perf_counter() - started)
            self.semantic_ready.set()

        if background and missing:
            log.debug("semantic index: embedding %d new knowledge texts in the background; lexical until then",
                     missing)
            threading.Thread(target=build, name="semantic-index", daemon=True).start()
        else:
            build()

    def _language_offsets(self, matrix: np.ndarray, rows: list[int], phrases: list[str]) -> dict[str, float]:
        """Per language, how much lower the model's cosines of a right question sit than a Korean one's,
        measured on the programs', FAQs' and referrals' own phrasings (intents/semantic.py)."""
        keep = [i for i, row in enumerate(rows) if not isinstance(self.entries[row].item, Intent)]
        langs = [detect_lang(phrases[i], self.lexicon.neutral_words) for i in keep]
        return language_offsets(matrix[keep], np.asarray(rows, dtype=np.int64)[keep], langs)

    def _bodies(self, texts: AspectTexts, answers: np.ndarray, answer_rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Every program's body vectors (both languages) and the FAQs' and referrals' answers stacked, and the
        entry index of each row."""
        parts = [(np.full(len(matrix), self.index_of[pid], dtype=np.int64), matrix)
                 for (pid, _lang), (_names, matrix) in texts.texts.items() if pid in self.index_of]
        if len(answer_rows):
            parts.append((answer_rows, answers))
        if not parts:
            return np.zeros((0, 0), dtype=np.float32), np.zeros(0, dtype=np.int64)
        rows = np.concatenate([part_rows for part_rows, _matrix in parts])
        return np.vstack([matrix for _rows, matrix in parts]).astype(np.float32), rows

    def semantic_scores(self, text: str) -> dict[int, float]:
        """Entry index -> the best cosine similarity of `text` with any of that item's phrasings."""
        if self.embedder is None or not text.strip():
            return {}
        return best_per_row(self.semantic_matrix, self.semantic_rows, self._query_vector(text), len(self.entries))

    def body_scores(self, text: str) -> dict[int, float]:
        """Program entry index -> the best cosine of `text` with that program's body texts (the vector of
        `text` is the one semantic_scores read: no model call)."""
        if self.embedder is None or not text.strip() or not len(self.body_rows):
            return {}
        return best_per_row(self.body_matrix, self.body_rows, self._query_vector(text), len(self.entries))

    def _query_vector(self, text: str) -> np.ndarray:
        """The model's vector of a message text; the last one is kept, since the aspect of an answer the
        model helped choose is read from the same vector (intents/aspect_texts.py)."""
        last = self._last_query
        assert self.embedder is not None
        vector = last[1] if last is not None and last[0] == text else self.embedder.embed_one(text)
        self._last_query = (text, vector)  # a new pair each time: _match tells that this message was read
        return vector

    def kin_vocabulary(self) -> dict[str, frozenset[int]]:
        """The content words of the programs', FAQs' and referrals' names, aliases and questions and the entries
        writing each, for an unknown word's kin (intents/kin_words.py): generic words, cues, stopwords, places and
        everyday verbs aside. Not their summaries and answers: a word there is often incidental to the item (on
        held-out sets the kin words that let an out-of-scope question in or answered wrong were such words)."""
        plain = self.generic | self.cue_terms | self.lexicon.stopwords | self.lexicon.places \
            | self.lexicon.light_words | self.verb_terms
        return vocabulary(((i, e.strong) for i, e in enumerate(self.entries) if not isinstance(e.item, Intent)),
                          plain.__contains__)

    def _skill_phrases(self) -> dict[str, list[str]]:
        """Intent id -> the phrases of the conversation skills joined to it (by id or action)."""
        joined = joined_skills(((i.id, i.action) for i in self.kb.intents), self.lexicon.skills)
        return {intent_id: [p for skill, _ in skills for p in skill.phrases] for intent_id, skills in joined.items()}

    def _generic_terms(self) -> frozenset[str]:
        programs = [e for e in self.entries if isinstance(e.item, Program)]
        if len(programs) < 4:
            return frozenset()
        df: dict[str, int] = defaultdict(int)
        for entry in programs:
            for term in entry.strong:
                df[term] += 1
        # Words saying what a program does (구축, 육성: intents/generic.py) are generic however few write them.
        return frozenset(t for t, n in df.items() if n >= GENERIC_SHARE * len(programs)) | self.action_terms

    def _name_terms(self, program: Program | Referral) -> list[str]:
        """The terms of a program's names and aliases."""
        return [t for text in (*(n for _, n in program.name.values), *program.aliases) for t in self._terms(text)]

    def _area_words(self) -> dict[str, frozenset[str]]:
        """Area id -> the words that name the area as a whole: its name's words and words that two or more
        of its programs' names share with no program outside it (수소 for the hydrogen area)."""
        names: dict[str, set[str]] = {}
        for program in self.kb.programs:
            terms = {t for _, n in program.name.values for t in self._terms(n)}
            terms |= {t for alias in program.aliases for t in self._terms(alias)}
            names[program.id] = terms
        words: dict[str, frozenset[str]] = {}
        for area in self.kb.areas:
            inside = [p for p in self.kb.programs if p.area and p.area.id == area.id]
            if len(inside) < 2:
                continue
            outside = set().union(*(names[p.id] for p in self.kb.programs if p not in inside))
            counts: dict[str, int] = defaultdict(int)
            for program in inside:
                for term in names[program.id]:
                    counts[term] += 1
            own = {t for t, n in counts.items() if n >= 2 and t not in outside}
            own |= {t for _, n in area.name.values for t in self._terms(n)}
            words[area.id] = frozenset(own - self.generic - self.cue_terms)
        return words

    @classmethod
    def for_mode(cls, kb: KnowledgeBase, mode: str = "hybrid", cache_dir: Path | None = None,
                 **options: object) -> "Matcher":
        """A matcher in `mode` ("hybrid": with the semantic signal where the model can run, else lexical,
        said in one log line; "lexical": without it). `cache_dir` keeps the model's vectors of the
        knowledge texts between runs."""
        embedder = shared_embedder() if mode == "hybrid" else None
        return cls(kb, embedder=embedder, cache_dir=cache_dir, **options)  # type: ignore[arg-type]

    def _learn_vocabulary(self, texts: dict[str, tuple[list[str], list[str]]], chat: list[str]) -> None:
        self.analyzer.learn(t for strong, _ in texts.values() for t in strong)
        # The chat skills' many words are known but never a typo's correction: 노후 is not 오후 (좋은 오후예요).
        self.analyzer.learn(chat, correct_to=False)
        self.analyzer.learn((t for _, weak in texts.values() for t in weak), correct_to=False)
        # Aspect cues and question words are words of every knowledge base, written or not.
        self.analyzer.learn(self._cue_texts(), correct_to=False)
        self.analyzer.finish()
        # An area's name (식품 산업) names the area: a word of it that no item's text writes is known all the same.
        # (Learned only where there is one: learning counts the lexicon's words again, and frequency breaks ties.)
        unnamed = [word for area in self.kb.areas for _, name in area.name.values for word in name.split()
                   if any(t.startswith(UNKNOWN_PREFIX) for t in self.analyzer.analyze(word).terms)]
        if unnamed:
            self.analyzer.learn(unnamed, correct_to=False)
            self.analyzer.finish()
        for program in self.kb.programs:
            for phrase in (*(name for _, name in program.name.values), *program.aliases):
                self.analyzer.learn_phrase_initials(phrase)
        for intent in self.kb.intents:
            for example in intent.examples:
                self.analyzer.learn_phrase_initials(example)

    def _name_words(self) -> list[dict[str, frozenset[str]]]:
        """Per entry: a referral's name-only words (name_words.name_only) by the language of the name that
        writes them; a question in another language credits them as weak words (see rank)."""
        owners: dict[str, int] = defaultdict(int)
        for entry in self.entries:
            if not isinstance(entry.item, Intent):
                for term in entry.strong:
                    owners[term] += 1
        out: list[dict[str, frozenset[str]]] = []
        for entry in self.entries:
            item = entry.item
            found: dict[str, frozenset[str]] = {}
            if isinstance(item, Referral):
                own = {_compact(v) for _, v in item.name.values}
                others = [*(a for a in item.aliases if _compact(a) not in own), *item.questions]
                for lang, name in item.name.values:
                    only = name_only([name], others, self._terms, lambda t: owners[t] > 1) & entry.strong
                    if only:
                        found[lang] = only
            out.append(found)
        return out

    def _entry(self, item: Item, strong_texts: list[str], weak_texts: list[str]) -> _Entry:
        phrasings = tuple(p for p in (frozenset(self._terms(t)) for t in strong_texts) if p)
        strong = frozenset().union(*phrasings) if phrasings else frozenset()
        weak = frozenset(t for text in weak_texts for t in self._terms(text)) - strong
        return _Entry(item, strong, weak, phrasings)

    def _weigh_terms(self) -> None:
        """The inverted index (term -> items, with credit) and each term's rarity (IDF)."""
        df: dict[str, int] = defaultdict(int)
        self.postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for index, entry in enumerate(self.entries):
            for terms, credit in ((entry.strong, 1.0), (entry.weak, WEAK)):
                for term in terms:
                    df[term] += 1
                    self.postings[term].append((index, credit))
        n = max(len(self.entries), 1)
        self.idf = {term: math.log(1 + n / count) for term, count in df.items()}
        # A word found only in descriptions (never in a name, alias or question) is weaker evidence of
        # what a question is about: descriptions are full of ordinary verbs and adjectives.
        strong_terms = frozenset().union(*(e.strong for e in self.entries)) if self.entries else frozenset()
        self._strong_terms = strong_terms
        self.descriptive = frozenset(self.idf) - strong_terms
        self.unknown_idf = math.log(1 + n / 0.5) * self.settings.unknown_weight

    # ---- public ----------------------------------------------------------------------------------

    def match(self, text: str, lang: str | None = None, context: MatchContext | None = None, *,
              semantic: bool = True) -> Decision:
        """Decide what `text` is about. `lang` only sets Decision.lang when given. `context` holds what the
        chat was last answered: a follow-up without a topic of its own (`그럼 신청은요?`) is about that.
        `semantic=False`: the lexical reading alone, not remembered (intents/asked_area.py)."""
        text = text if isinstance(text, str) else str(text)
        followed = self.options.follow(text, lang, context)  # `두번째 거요` under a list (intents/options.py)
        if followed is not None:
            return followed
        last = context.current() if context is not None else None
        if last is not None and self.kb.get(last) is None:
            last = None
        # The same few questions come again and again; a Decision is immutable, so repeats are free.
        sides = context.current_sides() if context is not None else frozenset()  # 조카가 미취업이에요, earlier
        if last is not None:  # 진흥원 전화번호 after a card: the agency's own (intents/subjects.py)
            agency = self.options.subjects.agency_asked(text, lang, last, sides, semantic)
            if agency is not None:
                return agency
        decision = self._match(text, lang, last, False, sides) if not semantic \
            else self._match(text, lang, last, True, sides) if len(text) > CACHED_TEXT \
            else self._cached_match(text, lang, last, True, sides)
        decision = side_said(self, decision, text, sides, last)  # the model's pick of the other side: offered
        decision = area_asked(self, text, decision, lang, context)  # 50대도 창업 지원 되나요? (intents/asked_area.py)
        decision = introduced(self, text, decision, lang)  # 안녕하세요 저는 …입니다: a greeting (intents/introductions.py)
        return self.options.after(decision, text, context)

    # ---- internals -------------------------------------------------------------------------------

    def _match(self, text: str, lang: str | None, last: str | None = None, semantic: bool = True,
               sides: frozenset[str] = frozenset()) -> Decision:
        """`sides`: the side the asker said earlier they are on, for a question that takes none (rank)."""
        self._said_sides = sides
        try:
            return courtesy_not_offered(self._match_read(text, lang, last, semantic), self.courtesy)
        finally:
            self._said_sides = frozenset()

    def _match_read(self, text: str, lang: str | None, last: str | None, semantic: bool) -> Decision:
        prepared = self._prepare(text)
        embedded = self._last_query
        decision = self._match_text(prepared, lang, last, semantic, said=text)
        kept, _ = self._split_exclusion(prepared)
        analysis = self.analyzer.analyze(kept)
        decision = as_trade(self, decision, kept, lang or decision.lang)  # 치킨집 하는데 대출: 소상공인 (intents/trade.py)
        if decision.kind == "fallback" and decision.candidates:  # what its first gives? (intents/needs.py)
            decision = self.needs.review(decision, kept, self.relevance.by_words(analysis, kept))
        if decision.kind == "fallback":
            return self._referred(decision, text, kept, analysis)
        # Near misses: an item the question shares a word with but names another kind of (intents/scope.py).
        read = self._last_query if self._last_query is not embedded else None  # the model read this message
        decision = self.scope.review(self._asked_aspect(decision, kept, analysis, read), kept, analysis)
        # An item of another area than the one the asking part names (intents/named_area.py).
        story = read_story(kept)
        decision = named_area.review(self, decision, self.analyzer.analyze(story.question) if story else analysis)
        decision = self.relevance.review(decision, analysis, kept)  # only related items offered (intents/relevance.py)
        if decision.kind == "suggest":
            # The one program among them giving the service asked (intents/needs.py), with the aspect asked of it.
            answered = self.needs.answer(decision, kept, self.relevance.by_words(analysis, kept))
            if answered is not decision:
                decision = self._asked_aspect(answered, kept, analysis, read)
        decision = self.relevance.confirm(decision, analysis, kept, last)  # one shared word is no answer
        decision = self.siblings.review(decision, analysis, last, kept)  # a guess between siblings (intents/siblings.py)
        if decision.kind == "answer" and decision.aspect is None and isinstance(self.kb.get(decision.id or ""), Program) \
                and self._lacks(prepared):
            decision = replace(decision, aspect="eligibility")  # 제조업 아니어도 돼요?: who may apply is asked
        return self._referred(decision, text, kept, analysis)

    def _referred(self, decision: Decision, said: str, kept: str, analysis: Analysis) -> Decision:
        """A question asking in everyday words for a person's matter another body serves, answered with that body's
        referral (`회사 잘리고 용접 배워보고 싶은데`, intents/needs.py `refer`). After the near-miss checks: its words
        (학원, salary) are ones no item writes, which the lexicon's reading of the matter has explained. The matter is
        read in the message as typed (`said`): `did not get my salary` is no exclusion, `workplace` no typo of
        `workspace`."""
        if decision.area is not None or self.needs.matter_asked(said) is None:
            return decision  # most messages: no such matter asked, nothing more read
        words = self.relevance.distinctive(analysis)

        def own_words(item_id: str, matter: str) -> bool:
            """Whether the item shares a word with the question besides the matter's own (배우고, 교육)."""
            return bool((words & self._writes(item_id)) - self._matter_terms(matter))

        referred = self.needs.refer(decision, said, self.relevance.by_words(analysis, kept), own_words)
        return decision if referred is decision else self._asked_aspect(referred, kept, analysis)

    def _matter_terms(self, matter: str) -> frozenset[str]:
        """The terms of every phrase asking for a matter another body serves (read once)."""
        if matter not in self._matters:
            self._matters[matter] = frozenset(t for p in self.needs.phrases(matter)
                                              for t in self.analyzer.analyze(self._prepare(p)).terms)
        return self._matters[matter]

    def _asked_aspect(self, decision: Decision, kept: str, analysis: Analysis,
                      read: tuple[str, np.ndarray] | None = None) -> Decision:
        """A program's answer (or suggestions) with the aspect the message asks, read once from the whole
        message as typed: its sentences and clauses say where the question is (intents/aspects.py).
        `read`: the model's vector of this message, where the model read it."""
        item = self.kb.get(decision.id or "") if decision.kind == "answer" else None
        if isinstance(item, Referral):
            # Another institution's card: how to reach it is the one part it writes apart (its card then puts
            # the contact first, handlers/cards.py).
            asked = "contact" if self.aspects.detect(kept, analysis.terms) == "contact" else decision.aspect
            return decision if asked == decision.aspect else replace(decision, aspect=asked)
        if not isinstance(item, Program) and not (decision.kind == "suggest" and decision.aspect):
            return decision
        names = (*(v for _, v in item.name.values), *item.aliases) if isinstance(item, Program) else ()
        aspect = self.aspects.detect(kept, analysis.terms, names)  # its own name names no benefit (성장 지원도)
        if aspect is None and len(sentences(kept)) < 2 and (
                decision.aspect == "period" and self.talk.status(analysis)
                or decision.aspect == "eligibility" and self.talk.also(analysis.normalized)):
            # 그거 아직 해요?, 외국인도 돼요?: follow-ups read by _follow_up, _who_follow_up. Not a story's: its
            # 아직 (아직 일할 수 있고) was read from the whole message as one sentence.
            return decision
        if aspect is None and isinstance(item, Program) and self.aspect_texts is not None and read is not None \
                and self._topic_terms(analysis):
            # No cue word says it: the program's text the question is nearest to may, where the model read
            # the question anyway (never an extra model call: a sure lexical answer stays free of it). A
            # follow-up without a topic of its own is too short to tell.
            aspect = self.aspect_texts.nearest(item.id, decision.lang or analysis.lang, read[1])
        if aspect == "period" and isinstance(item, Program) and self.aspects.asks_length(kept):
            # 몇 년까지 있을 수 있어요: the part stating a length (its support text), where the period states none.
            aspect = length_part(item) or aspect
        if aspect is None and isinstance(item, Program):
            # Nor the model: a word of the question only one part of the program's text writes may.
            own = self.entries[self.index_of[item.id]].strong
            aspect = self.aspect_words.asked(item.id, (t for t in self._topic_terms(analysis) if t not in own))
        return decision if aspect == decision.aspect else replace(decision, aspect=aspect)

    def _prepare(self, text: str) -> str:
        """What of a message is matched: markup stripped (intents/markup.py), chat habits tidied (chat.py), a
        long one focused (focus.py), 초성 read together (initials.py), typos and slang repaired (spelling.py)."""
        focused = focus(tidy(strip_markup(text), self.lexicon))
        spelt = spell_out(focused, self.analyzer, self._item_terms, self.generic | self.cue_terms | self.lexicon.places)
        return self.speller.repair(spelt)

    def _match_text(self, focused: str, lang: str | None, last: str | None = None, semantic: bool = True,
                    said: str = "") -> Decision:
        """`said`: the message as typed, before `_prepare` took its courtesies (`고마워요`) away."""
        lang = lang or detect_lang(focused, self.lexicon.neutral_words)
        kept, excluded_terms = self._split_exclusion(focused)
        excluded = self._excluded_items([t for t in excluded_terms if t != POINTS_BACK], kept)
        # An act that cannot be undone (deleting one's data) is no candidate without its verb (intents/acts.py
        # without_verb): `제 번호는 010-…예요` shares the intent's nouns and deletes nothing.
        excluded |= self.acts.without_verb((said or focused, focused), self.lexicon.act_verbs)
        if last is not None and POINTS_BACK in excluded_terms:
            excluded |= {self.index_of[last]}  # 그거 말고 다른 수출 지원은요?: the item just answered is out
        analysis = self.analyzer.analyze(kept)
        if last is not None and POINTS_BACK in excluded_terms:  # 그거 말고 올해 신청할 수 있는 거요
            rest = self.options.followups.rest_of_area(analysis, last, excluded, lang)
            if rest is not None:
                return rest
        if last is not None and self.index_of[last] in excluded:
            last = None  # 사절단 말고 상담회는요? rules out what was just answered
        if last is not None and isinstance(self.kb.get(last), Program) \
                and self.options.followups.carry.leaves(self.analyzer.analyze(focused), last):
            last = None  # 입주하면 … 말고 다른 것도 해줘요? after a fund: another item's word (intents/carry.py)
        if last is not None and (self._is_followup(analysis) or self._within_last(analysis, last)) \
                and not self.talk.names_another(analysis, self.index_of[last]) \
                and not self.options.followups.novel(analysis):  # 산재 처리 문의는?: a subject of its own
            followed = self._follow_up(analysis, last, lang)
            if followed is not None:
                return followed
        elif last is not None and isinstance(self.kb.get(last), Program):
            followed = self._who_follow_up(analysis, last, lang)  # 외국인도 되나요?
            if followed is not None:
                return followed
        # A long message: its question is read alone, or with the unit of the story that names its topic, so
        # the story around it does not weigh in (intents/story.py); the whole (focused) message is the fallback.
        story = read_story(kept)  # two sentences or more, however short (`office space? cheap, please`)
        if story is not None:
            decision = first_reading(self, story, lang, excluded, semantic=semantic)
            if decision is not None:
                if decision.aspect is None and isinstance(self.kb.get(decision.id or ""), Program):
                    decision = replace(decision, aspect=self._aspect(analysis.normalized, analysis.terms))
                return with_parts(self, kept, decision, lang, excluded, decide=False)
        # `I am 31 age, foreigner ok?`: small talk whose word is said only in passing is no candidate, for the
        # model either
        passing = self._small_talk_in_passing(analysis, said or focused)
        aside = self._acts_in_passing(analysis, said, focused) - passing  # 원장님은 누구세요 (intents/acts.py)
        decision = self._decide_analysis(analysis, lang, excluded, said=said or focused, passing=passing, aside=aside)
        if story is not None:  # the story may name what its question points at
            decision = answer_from_story(self, story, decision, lang, excluded) or decision
        if decision.kind != "answer":
            phrase = self._chat_phrase(analysis, lang)
            decision = phrase if phrase is not None and self.index_of[phrase.id or ""] not in aside else decision
        first = decision.candidates[0].id if decision.candidates else None
        semantic_text = story_semantic_text(self, story, kept, first) if self.embedder is not None else ""
        if semantic_text and any(is_initials_only(token) for token in analysis.normalized.split()):
            # The model cannot read 초성 (ㄱㅅㄱㅇ): it reads the analyser's expansion instead.
            semantic_text = " ".join(t.lstrip(UNKNOWN_PREFIX) for t in analysis.terms)
        if semantic and semantic_text.strip() and decision.area is None and not self._decisive(decision):
            decision = self._hybrid(decision, analysis, semantic_text, lang, excluded | passing, story, aside)
        elif self.embedder is None and decision.kind != "answer" and decision.area is None and decision.candidates:
            decision = self._told_lexically(decision, analysis)  # no model: more words of its own (intents/confirm.py)
        # Where the whole did not decide, a part that asks may, alone (intents/parts.py; lexical, no model call); a
        # short message of one sentence is a question with its context (`대학생인데 해외 마케팅 ...`): not cut. An
        # answer carries the other items its parts ask about.
        return with_parts(self, kept, decision, lang, excluded, decide=story is not None)

    def _decide_analysis(self, analysis: Analysis, lang: str, excluded: frozenset[int] = frozenset(),
                         said: str = "", passing: frozenset[int] = frozenset(),
                         aside: frozenset[int] = frozenset()) -> Decision:
        """`said`: the whole message as typed, where `analysis` reads all of it (not a sentence of a story).
        `passing`: small talk the message holds only in passing (_small_talk_in_passing): set aside.
        `aside`: intents it holds only in passing (intents/acts.py): behind every other item, as topic_before_chat
        puts them (a rival still to a lone item, never its answer)."""
        ranked = self._aside_last(self.rank(analysis, excluded), aside)
        area = self._area(analysis, ranked, excluded=excluded)
        if area is not None:
            return area
        if ranked and self.index_of[ranked[0].item.id] in aside:
            return Decision("fallback", lang=lang)  # `what was it like back then?`: nothing but a command in passing
        if not ranked:
            return Decision("fallback", lang=lang)
        names_unsaid = bool(said) and self._names_unsaid(analysis, ranked[0].item, said)
        lead = ranked[0]
        if passing:
            ranked = [r for r in ranked if self.index_of[r.item.id] not in passing]
            if not ranked:
                return Decision("fallback", lang=lang)
            names_unsaid = names_unsaid or ranked[0] is not lead
        ranked = _own_before_referrals(topic_before_chat(ranked, self.settings.suggest_topic_coverage, names_unsaid))
        best = ranked[0]
        rivals = _rivals(ranked)
        runner_up = rivals[0].score if rivals else 0.0
        candidates = self._top(ranked)
        aspect = self._aspect(analysis.normalized, analysis.terms) if isinstance(best.item, Program) else None
        kind = self._decide(best, runner_up, len(set(analysis.terms)))
        if kind == "answer" and rivals and not best.exact and isinstance(best.item, Program) and unnamed_tie(
                self.ranking, best.score - runner_up, best.topic_coverage, rivals[0].topic_coverage,
                not self.name_terms[best.item.id].isdisjoint(analysis.terms)):
            kind = "suggest"
        if kind == "answer" and names_unsaid and lead.score > best.score:
            kind = "suggest"  # the small talk put behind outscored it: no outright answer on what is left
        if kind != "answer":
            overview = self._overview(ranked, analysis)  # a general need: its overview FAQ (intents/overview.py)
            if overview is not None:
                best, kind, aspect = overview, "answer", None
                candidates = self._top([overview, *(r for r in ranked if r is not overview)])
        if not (kind == "answer" and isinstance(best.item, Program)):
            # 창업 지원, 수출지원ㅋㅋ: an area's name alone is its list, where no program answers outright.
            area = self._area(analysis, ranked, bare_name=True, excluded=excluded)
            if area is not None:
                return area
        return Decision(kind, best.item.id if kind == "answer" else None, aspect if kind != "fallback" else None,
                        round(best.score, 1), candidates, lang)

    def _overview(self, ranked: list["Ranked"], analysis: Analysis) -> "Ranked | None":
        """The FAQ introducing the programs a general question ties between (intents/overview.py)."""
        s = self.settings
        named = mentioned(analysis.normalized.replace(" ", ""), self.names)
        terms = set(analysis.terms)

        def lists(item_id: str) -> frozenset[str]:
            index = self.index_of.get(item_id)
            return frozenset(self.entries[i].item.id for i in self.faq_programs.get(index, ())) \
                if index is not None else frozenset()

        def names(overview: str, item_id: str) -> bool:
            # A word of the program's name that the overview's own phrasings write too (취업 of 취업 매칭 and of
            # `취업 준비 중인데 ...`) is the need both serve: it tells the program from its neighbours, not from them.
            own = self.entries[self.index_of[overview]].strong
            return self.index_of[item_id] in named or bool(self.name_terms.get(item_id, frozenset()) & terms - own)

        asked = [t for t in self._topic_terms(analysis) if not t.startswith(UNKNOWN_PREFIX)]

        def writes(item_id: str, other: str) -> bool:
            mine, theirs = self.entries[self.index_of[item_id]], self.entries[self.index_of[other]]
            return any(t in theirs.strong and t not in mine.strong for t in asked)

        best = overview_first(ranked, lists, names, writes, self.overview.near, s.answer_score, s.answer_margin,
                              s.margin_per_uncovered, s.answer_topic_coverage)
        if best is None:
            return None
        return best if best.coverage >= (s.answer_coverage if len(terms) <= s.short_terms else s.answer_coverage_long) \
            else None

    # ---- the semantic signal ---------------------------------------------------------------------

    def _decisive(self, decision: Decision) -> bool:
        """A lexical answer sure enough that the model is not consulted (most questions: no model time)."""
        return decision.kind == "answer" and decision.score >= self.settings.semantic_veto_score \
            and self._runner_up(decision) is None

    def _runner_up(self, decision: Decision) -> Candidate | None:
        """The candidate a lexical answer leads only thinly (intents/ranking.py), if any: the next program or
        FAQ (a referral against a referral) within `thin_margin` points. A message typed as one of the
        item's own phrasings (score 100) or small talk has no such rival."""
        best = self.kb.get(decision.id or "")
        if decision.kind != "answer" or best is None or isinstance(best, Intent) or decision.score >= 100:
            return None
        listed = self.faq_programs.get(self.index_of[best.id], frozenset())  # an overview FAQ introduces these
        for candidate in decision.candidates[1:]:
            item = self.kb.get(candidate.id)
            if item is None or isinstance(item, Intent) or isinstance(item, Referral) != isinstance(best, Referral) \
                    or self.index_of[item.id] in listed:
                continue
            return candidate if decision.score - candidate.score <= self.ranking.thin_margin else None
        return None

    def _hybrid(self, lexical: Decision, analysis: Analysis, text: str, lang: str,
                excluded: frozenset[int], story: Story | None = None, aside: frozenset[int] = frozenset()) -> Decision:
        """The lexical decision reconsidered with the model, where the lexical matcher was not decisive.

        A weak lexical answer whose item the model finds unlike the question is taken back (the question
        shares a word with the item but is about something else: 웨딩 박람회, 전기차 충전기). Otherwise the
        two signals are fused, item by item: weight * lexical score + (1 - weight) * the model's cosine
        similarity scaled from [floor, ceiling] to [0, 1]; the best fused item is answered when it is high
        enough and leads the next by a margin."""
        cosines = {i: c for i, c in self.semantic_scores(text).items() if i not in excluded}
        # A question in another language than the knowledge base's scores lower with the model; its
        # thresholds are read that much lower (measured on the knowledge base itself, _language_offsets).
        shift = self.language_offsets.get(detect_lang(text, self.lexicon.neutral_words), 0.0)
        bodies = {i: c for i, c in self.body_scores(text).items() if i not in excluded}
        decision = self._fuse(lexical, analysis, cosines, lang, excluded, story, shift, bodies, aside)
        # The model's nearest program, FAQ or referral is offered where the candidates miss it (intents/fusion.py).
        nearest = model_nearest(cosines, lambda i: not isinstance(self.entries[i].item, Intent),
                                self.settings.semantic_suggest_cosine)
        if nearest is None or not decision.candidates:
            return decision
        item = self.entries[nearest].item
        size = self.settings.max_candidates
        score = decision.candidates[min(size, len(decision.candidates)) - 1].score
        candidates = with_nearest(decision.candidates, lambda c: c.id, item.id,
                                  lambda i: Candidate(i, item.kind, score), size)
        return Decision(decision.kind, decision.id, decision.aspect, decision.score, candidates, decision.lang,
                        decision.area)

    def _fuse(self, lexical: Decision, analysis: Analysis, cosines: dict[int, float], lang: str,
              excluded: frozenset[int], story: Story | None = None, shift: float = 0.0,
              bodies: dict[int, float] | None = None, aside: frozenset[int] = frozenset()) -> Decision:
        """The lexical decision and the model's similarities (`cosines`), fused (see _hybrid). `story`: the
        message's units, where it is a long one (intents/story.py). `shift`: how much lower the model's
        cosines sit for the question's language (the thresholds move with it). `aside`: intents the message holds
        only in passing (intents/acts.py): rivals, never the answer."""
        s = self.settings
        index = self.index_of
        if lexical.kind == "answer":
            answered = index.get(lexical.id or "", -1)
            mine = cosines.get(answered, 0.0)
            # The programs an overview FAQ introduces are its answer's options, not rivals (intents/overview.py).
            listed = self.faq_programs.get(answered, frozenset())
            other = max((c for i, c in cosines.items() if i != answered and i not in listed), default=0.0)
            # An English question's cosines sit lower: its answer also stands as the model's nearest item
            # on the lower scale (intents/fusion.py weak_answer_stands).
            if lexical.score < s.semantic_veto_score and taken_back(
                    mine, other, s.semantic_veto_cosine, s.semantic_disputed_cosine, s.semantic_disputed_gap) \
                    and not (mine < s.semantic_veto_cosine
                             and weak_answer_stands(cosines, answered, s.semantic_veto_cosine, shift,
                                                    s.semantic_language_near)):
                return Decision("suggest", None, lexical.aspect, lexical.score, lexical.candidates, lang)
            return self._arbitrate(lexical, cosines, index)
        ranked = self._aside_last(self.rank(analysis, excluded), aside)
        # The model's agreement with a clear lexical lead is read on the question's language's scale too.
        confirmed = self._confirmed(ranked, {i: c + shift for i, c in cosines.items()}, index, analysis, lang)
        if confirmed is not None:
            return confirmed
        # An unknown word read as the knowledge base's nearest word credits the items writing it, in the fused
        # score only (intents/kin_words.py): the clear-lead rule above and the confirmations below read the
        # question's own words (through them, kin words let out-of-scope questions in on held-out sets).
        kin = self.kin_words.credits(analysis.terms, self.embedder.embed_each) \
            if self.kin_words is not None and self.embedder is not None else {}
        lexical_scores = {index[r.item.id]: r.score / 100
                          for r in (self._aside_last(self.rank(analysis, excluded, kin), aside) if kin else ranked)}
        # The answer is decided on the model's similarity scaled up to the ceiling; the order also keeps the
        # model's preference among items above it (intents/fusion.py), which then cannot make an answer.
        shares = semantic_shares(cosines, s.semantic_floor, s.semantic_ceiling)
        # The order reads each program's body too (intents/fusion.py with_bodies): a paraphrase is written in
        # the words of what a program gives or whom it serves, which its summary and aspect texts say.
        above = semantic_shares(with_bodies(cosines, bodies or {}), s.semantic_floor, s.semantic_ceiling,
                                relative=True)

        # A kind of a general item that the question does not name yields to it here too (specialised.py), but
        # never below the best item that yields to nothing: its fall must not lift a third item into an answer.
        yields = {index[r.item.id]: index[r.under] for r in ranked if r.under is not None}
        pool = set(lexical_scores) | set(cosines)

        def own(i: int, scale: dict[int, float]) -> float:
            return s.semantic_weight * lexical_scores.get(i, 0.0) + (1 - s.semantic_weight) * scale.get(i, 0.0)

        floors = {id(scale): max((own(k, scale) for k in pool if k not in yields), default=0.0)
                  for scale in (shares, above)} if yields else {}

        def fused(i: int, scale: dict[int, float] = shares) -> float:
            score = own(i, scale)
            if i not in yields:
                return score
            general, seen = i, {i}
            while general in yields and yields[general] not in seen:  # and what the general item yields to
                general = yields[general]
                seen.add(general)
                score = min(score, max(own(general, scale), floors[id(scale)]))
            return score

        order = sorted(set(lexical_scores) | set(cosines),
                       key=lambda i: (-fused(i, above), i in yields, self.entries[i].item.id))
        if not order:
            return lexical
        # An intent the message holds only in passing (intents/acts.py) is never its answer, but still a rival: a
        # question about the head of the agency (원장님은 누구세요) is answered only clear of "who are you?".
        shown = [i for i in order if i not in aside]
        if not shown:
            return lexical
        best = shown[0]
        lead = fused(best) - max((fused(i) for i in order if i != best), default=0.0)
        candidates = tuple(Candidate(self.entries[i].item.id, self.entries[i].item.kind, round(100 * fused(i), 1))
                           for i in shown[: s.max_candidates])
        item = self.entries[best].item
        aspect = self._aspect(analysis.normalized, analysis.terms) if isinstance(item, Program) else None
        # Small talk is short and alike to the model (노래 불러줘 ~ 사람 불러줘): an intent is answered on the
        # model's word only where the lexical matcher found it too.
        lexical_support = not isinstance(item, Intent) or lexical_scores.get(best, 0.0) * 100 >= s.semantic_intent_lexical
        if fused(best) >= s.semantic_answer and lead >= s.semantic_margin and lexical_support:
            return Decision("answer", item.id, aspect, round(100 * fused(best), 1), candidates, lang)
        if lead >= s.semantic_margin and self._body_confirms(best, analysis, cosines, ranked):
            # Under the bar, but the question's own word is in this program's body (intents/body.py).
            return Decision("answer", item.id, aspect, round(100 * fused(best), 1), candidates, lang)
        if story is not None and not isinstance(item, Intent) and story_agrees(
                self.confirm, len(set(analysis.terms)), fused(best), lead, bool(ranked) and ranked[0].item.id == item.id,
                max(cosines, key=cosines.__getitem__, default=None) == best, self._novel_question(story)):
            # A story every reading points the same way: answered under the fused bar (intents/confirm.py).
            return Decision("answer", item.id, aspect, round(100 * fused(best), 1), candidates, lang)
        if self.outside is not None and lead >= self.outside.settings.lead \
                and self._clear_paraphrase(best, analysis, cosines, ranked, shift):
            # Every reading agrees and the question is nearer the agency's work than a person's everyday
            # needs (intents/outside.py).
            return Decision("answer", item.id, aspect, round(100 * fused(best), 1), candidates, lang)
        if self._told_apart(best, analysis, cosines, ranked, shown):
            # Two words of the question only this item writes among its neighbours (intents/confirm.py).
            return Decision("answer", item.id, aspect, round(100 * fused(best), 1), candidates, lang)
        kind = lexical.kind
        if kind == "suggest" and max(cosines.get(i, 0.0) for i in shown[: s.max_candidates]) \
                < s.semantic_suggest_cosine:
            # Suggestions the model finds unlike the question: an out-of-scope question that shares a
            # word with them. The honest fallback instead (the candidates stay for the record).
            kind = "fallback"
        return Decision(kind, None, aspect if kind == "suggest" else None, lexical.score, candidates, lang)

    def _confirmed(self, ranked: list["Ranked"], cosines: dict[int, float], index: dict[str, int],
                   analysis: Analysis, lang: str) -> Decision | None:
        """A clear lexical lead under the answer bar that the model agrees with (intents/confirm.py)."""
        ranked = _own_before_referrals(ranked)
        if not ranked or ranked[0].exact or isinstance(ranked[0].item, Intent):
            return None
        best = ranked[0]
        rivals = _rivals(ranked)
        runner_up = rivals[0].score if rivals else 0.0
        long_message = len(set(analysis.terms)) > self.settings.short_terms
        if not confirmable(self.confirm, best.score, best.coverage, best.topic_coverage, runner_up, long_message) \
                or not agrees(self.confirm, cosines, index[best.item.id]):
            return None
        aspect = self._aspect(analysis.normalized, analysis.terms) if isinstance(best.item, Program) else None
        return Decision("answer", best.item.id, aspect, round(best.score, 1), self._top(ranked), lang)

    def _body_confirms(self, best: int, analysis: Analysis, cosines: dict[int, float], ranked: list["Ranked"]) -> bool:
        """Whether the fused first item, a program, is confirmed by its body (intents/body.py `confirms`): the
        model's nearest program, FAQ or referral, among the lexical matcher's first three, and a topic word of
        the question that no item's names or questions write is in its body."""
        if not self.body_words[best] or not any(self.index_of[r.item.id] == best for r in ranked[:3]):
            return False
        if model_nearest(cosines, lambda i: not isinstance(self.entries[i].item, Intent), 0.0) != best:
            return False
        entry = self.entries[best]
        return confirms(self._topic_terms(analysis), self.body_words[best],
                        lambda t: t in entry.strong or t in entry.weak)

    def _clear_paraphrase(self, best: int, analysis: Analysis, cosines: dict[int, float],
                          ranked: list["Ranked"], shift: float = 0.0) -> bool:
        """Whether the fused first item (a program, FAQ or referral) is the model's nearest item and among the
        lexical matcher's first three, the question names nothing the knowledge base never writes, and the
        model finds the item clearly nearer than everyday needs of a person (intents/outside.py)."""
        if self.outside is None or self._last_query is None or isinstance(self.entries[best].item, Intent):
            return False
        if max(cosines, key=cosines.__getitem__, default=None) != best \
                or not any(self.index_of[r.item.id] == best for r in ranked[:3]):
            return False
        if any(self.scope.is_novel(t) for t in analysis.terms):
            return False
        runner = max((c for i, c in cosines.items() if i != best), default=-1.0)
        return self.outside.clear(cosines[best], self._last_query[1], shift, runner)

    def _told_apart(self, best: int, analysis: Analysis, cosines: dict[int, float], ranked: list["Ranked"],
                    shown: list[int]) -> bool:
        """Whether the fused first item (a program, FAQ or referral) is the lexical first too and told apart from
        the next two candidates by words of its own (intents/confirm.py `told_apart`)."""
        item = self.entries[best].item
        if isinstance(item, Intent) or self.outside is None or self._last_query is None or best not in cosines:
            return False
        first = next((r for r in ranked if not isinstance(r.item, Intent)), None)
        rivals = [self._writes(self.entries[i].item.id) for i in shown[1:3] if not isinstance(self.entries[i].item, Intent)]
        words = self.relevance.distinctive(analysis) - self.relevance.cues
        size = max(len(self.entries), 1)
        told = told_words(words, self.entries[best].strong, rivals, lambda w: len(self.postings.get(w, ())) / size,
                          self.confirm.told_spread)
        margin = cosines[best] - self.outside.nearest(self._last_query[1])
        return told_apart(self.confirm, told, first is not None and first.item.id == item.id, margin)

    def _told(self, item_id: str, analysis: Analysis, rivals: Sequence[str]) -> int:
        """How many rare distinctive words of the question the item's own phrasings write and no rival writes."""
        words = self.relevance.distinctive(analysis) - self.relevance.cues
        size = max(len(self.entries), 1)
        return told_words(words, self.entries[self.index_of[item_id]].strong, [self._writes(r) for r in rivals],
                          lambda w: len(self.postings.get(w, ())) / size, self.confirm.told_spread)

    def _told_lexically(self, decision: Decision, analysis: Analysis) -> Decision:
        """Lexical mode: the first candidate (a program, FAQ or referral) answered where the question says
        `told_words_lexical` rare words of its own that neither next candidate writes (intents/confirm.py)."""
        first = decision.candidates[0]
        if isinstance(self.kb.get(first.id), Intent) or first.score <= 0:
            return decision
        rivals = [c.id for c in decision.candidates[1:3] if not isinstance(self.kb.get(c.id), Intent)]
        if self._told(first.id, analysis, rivals) < self.confirm.told_words_lexical:
            return decision
        aspect = self._aspect(analysis.normalized, analysis.terms) if isinstance(self.kb.get(first.id), Program) else None
        return Decision("answer", first.id, aspect, first.score, decision.candidates, decision.lang)

    def _novel_question(self, story: Story) -> bool:
        """Whether a story's asking unit names a thing the knowledge base never writes (intents/story.py)."""
        return novel_question(self, story)

    def _top(self, ranked: list["Ranked"]) -> tuple[Candidate, ...]:
        """The first items of a ranking as the decision's candidates."""
        return tuple(Candidate(r.item.id, r.item.kind, round(r.score, 1)) for r in ranked[: self.settings.max_candidates])

    def _arbitrate(self, lexical: Decision, cosines: dict[int, float], index: dict[str, int]) -> Decision:
        """A lexical answer with a thin lead, checked with the model (intents/ranking.py): kept, or turned
        into suggestions where the model prefers the runner-up."""
        runner = self._runner_up(lexical)
        if runner is None or not doubtful(self.ranking, lexical.score, runner.score,
                                          cosines.get(index[lexical.id or ""], 0.0), cosines.get(index[runner.id], 0.0)):
            return lexical
        return Decision("suggest", None, lexical.aspect, lexical.score, lexical.candidates, lexical.lang)

    # ---- conversation: follow-ups, exclusions, areas ---------------------------------------------------

    def _topic_terms(self, analysis: Analysis, short_novel: bool = False) -> list[str]:
        """What a message is about: its words less aspect cues, question words and generic words; words
        the knowledge base never uses count too (they name something), except one-syllable leftovers and
        two-syllable ones: in a follow-up they are too often chat (진짜, 사실) or a place in passing (거제 사는데).
        `short_novel`: a two-syllable one counts where it names a thing the knowledge base never writes
        (intents/scope.py `short_topic`: 웨딩, 애견): for what a question asks outright, not whether it follows up."""
        light = self.lexicon.light_words
        out = []
        asker = self._asker_terms(analysis.terms)
        terms = analysis.terms
        # ok, lol: chat in both languages, no topic beside other words (`..., age 38 ok?`); alone, `ok` is what
        # the message says (thanks, a yes)
        neutral = self.lexicon.neutral_words
        chat = neutral if any(t not in neutral for t in terms) else frozenset()
        for index, term in enumerate(terms):
            if term in asker or term in chat:
                continue
            if term.startswith(UNKNOWN_PREFIX):
                if (len(term) > 3 or short_novel and self.scope.short_topic(terms, index)) \
                        and term[1:].replace(" ", "") not in self.lexicon.followup_cues and term not in self.talk.silent:
                    out.append(term)
            elif term not in self.cue_terms and term not in light and term not in self.generic \
                    and term not in self.lexicon.followup_cues and term not in self.talk.silent:
                out.append(term)
        return out

    def _asker_terms(self, terms: tuple[str, ...]) -> frozenset[str]:
        """Terms that say who asks, not what (ranking.yaml): an asker word (small, 작은) and a number with a unit of
        age or size after it (20 people, 30명): `my company is small, 20 people` names no topic of its own."""
        out = {t for t in terms if t in self.roles.asker_terms}
        for term, following in zip(terms, terms[1:]):
            if term.isdigit() and following.lstrip(UNKNOWN_PREFIX) in self.roles.units:
                out |= {term, following}
        return frozenset(out)

    def _names_topic(self, term: str) -> bool:
        """Whether one term names a topic of a program or FAQ (see _topic_terms)."""
        return term in self.item_terms and term not in self.cue_terms and term not in self.lexicon.light_words \
            and term not in self.generic and term not in self.lexicon.followup_cues

    def _has_topic(self, analysis: Analysis) -> bool:
        return bool(self._topic_terms(analysis))

    def _is_followup(self, analysis: Analysis) -> bool:
        return bool(analysis.normalized) and not self._topic_terms(analysis)

    def _within_last(self, analysis: Analysis, last: str) -> bool:
        """A short message whose topic words all name the program answered last (`사무실도 줘요?` after the
        incubation centre, whose own words hold 사무실) is about it, though another item shares the word; not
        when a word is one the last program only mentions while another program is named by it (`예비창업자는요?`)."""
        topic = self._topic_terms(analysis)
        item = self.kb.get(last)
        if isinstance(item, Faq) and len(item.programs) == 1:
            if topic and all(t in self.entries[self.index_of[item.id]].strong for t in topic):
                return False  # the FAQ's own words (멘토로 활동하고 싶은데…): its question again, not its program's
            item = self.kb.program(item.programs[0]) or item
        if not topic or len(topic) > FOLLOWUP_TERMS or not isinstance(item, Program):
            return False
        entry = self.entries[self.index_of[item.id]]
        return all(t in entry.strong for t in topic)

    def _follow_up(self, analysis: Analysis, last: str, lang: str) -> Decision | None:
        """A message without a topic, about the item answered last: that program's asked aspect."""
        item = self.kb.get(last)
        if isinstance(item, Faq) and len(item.programs) == 1:
            item = self.kb.program(item.programs[0]) or item
        aspect = self._aspect(analysis.normalized, analysis.terms)
        if aspect is None and self.talk.status(analysis):
            aspect = "period"  # 그거 아직 해요?: whether it still runs
        compact = analysis.normalized.replace(" ", "")
        pointing = any(cue in compact for cue in self.lexicon.followup_cues if not cue.isascii()) or any(
            word in self.lexicon.followup_cues for word in analysis.normalized.split())
        if isinstance(item, Program) and (aspect or pointing):
            return Decision("answer", item.id, aspect, 100.0, (Candidate(item.id, item.kind, 100.0),), lang)
        if isinstance(item, Faq) and pointing and not aspect:
            return Decision("answer", item.id, None, 100.0, (Candidate(item.id, item.kind, 100.0),), lang)
        if isinstance(item, Referral) and (aspect or pointing):  # 그럼 신청은요? after 실업급여: ask them
            return Decision("answer", item.id, None, 100.0, (Candidate(item.id, item.kind, 100.0),), lang)
        return None

    def _who_follow_up(self, analysis: Analysis, last: str, lang: str) -> Decision | None:
        """`외국인도 되나요?`, `can students apply too?` after a program: whether it takes them - its
        eligibility (or the aspect asked) - where the message names nothing but who asks."""
        rest = self.talk.without_who(analysis.normalized)
        if rest is None or self._topic_terms(self.analyzer.analyze(rest)) or self.program_names_in(analysis.normalized):
            return None  # 예비창업자는요?: a program's name, asked about itself
        aspect = self._aspect(analysis.normalized, analysis.terms)
        if aspect != "eligibility" and not self.talk.also(analysis.normalized):
            return None  # 대학생은요?, 예비창업자인데 받을 수 있는 지원: not whether they may apply to this one
        return Decision("answer", last, aspect or "eligibility", 100.0, (Candidate(last, "program", 100.0),), lang)

    def _chat_phrase(self, analysis: Analysis, lang: str) -> Decision | None:
        """A short message typed close to one of the intents' phrases, letter for letter: `너 뭐 할 수 있어?`
        is `뭐 할 수 있어` though every word of it is a stopword; or one holding a phrase's words and nothing else
        but stopwords (`what can I ask here`, `저기 혹시 사람이랑 얘기할 수 있어요?`). Never when it names a
        program's topic."""
        compact = analysis.normalized.replace(" ", "")
        if len(compact) < 2 or not self.chat_phrases:
            return None
        if any(t in self.item_terms for t in self._topic_terms(analysis)):
            return None
        # Letter for letter means jamo for jamo: 안녀하세요 is one letter from 안녕하세요, not one syllable.
        found = process.extractOne(to_jamo(compact), self._chat_jamo, scorer=fuzz.ratio,
                                   score_cutoff=CHAT_PHRASE_SCORE) if len(compact) <= CHAT_PHRASE_CHARS else None
        if found is not None:
            index, score = self.chat_phrases[found[2]][1], round(float(found[1]), 1)
        else:
            contained = contained_phrase(analysis.normalized.split(), self._chat_words,
                                         lambda word: not self.analyzer.analyze(word).terms)
            if contained is None:
                return None
            index, score = contained, float(CHAT_PHRASE_SCORE)
        item = self.entries[index].item
        return Decision("answer", item.id, None, score, (Candidate(item.id, item.kind, score),), lang)

    def _split_exclusion(self, text: str) -> tuple[str, list[str]]:
        """(what is asked, the topic terms of what is excluded): `방산 말고 일반 전시회` -> (`일반 전시회`, [방산]).
        A place or a bare cue rules nothing out: the text is read whole (intents/exclusion.py)."""
        text = self._without_lacked(text)
        found = exclusion.split(text, self._exclusion, self.analyzer.english)
        if found is None:
            return text, []
        if self._rules_out_agency(found):
            return found.kept, [exclusion.AGENCY]
        excluded = found.excluded
        if exclusion.names_a_place(excluded, self.lexicon.places):
            excluded = exclusion.without_places(excluded, self.lexicon.places)
        ignored = self._exclusion_ignored()  # that one, 그 사업: which one, not what
        terms = exclusion.ruled_out_terms(self.analyzer.analyze(excluded).terms, ignored=ignored, cues=self.cue_terms)
        if not terms:
            # 그거 말고 ...: what is ruled out is the item just answered (the caller knows which).
            words = normalize(excluded).split()
            if any(w in self.lexicon.followup_cues for w in words) and all(  # 그거, that one, 그 사업
                    w in self.lexicon.followup_cues or w in self.lexicon.stopwords
                    or w in self.options.words.list_words for w in words):
                return found.kept, [POINTS_BACK]
            return text, []
        return self._owned_topic(found, excluded, terms) or (found.kept, terms)

    def _owned_topic(self, found: exclusion.Split, excluded: str, terms: list[str]) -> tuple[str, list[str]] | None:
        """`진흥원 해외지사화 말고 경남도 거요`: a topic qualified by the agency's name rules out the agency's own items
        of that topic only, and the topic is still what is asked where the asked part names none of its own.
        None where X is not so qualified."""
        places = self.lexicon.places
        own = [t for t in terms if self._agency_word(t) and not exclusion.names_a_place(t, places)]
        topic = [t for t in terms if t not in own]
        # The owner may stand just before the two words read as X (`진흥원 창업 지원 말고`).
        words = normalize(found.clause).split()
        owner = normalize(excluded).split()
        if len(words) > len(owner):
            owner.append(words[-len(owner) - 1])
        pointed = self._exclusion_grammar.points_at_agency(owner) or any(
            self._agency_word(t) and not exclusion.names_a_place(t, places)
            for t in self.analyzer.analyze(owner[-1]).terms)
        if not topic or not (own or pointed):
            return None
        kept = found.kept
        if set(topic).isdisjoint(self.analyzer.analyze(kept).terms):
            named = [w for w in excluded.split() if not set(topic).isdisjoint(self.analyzer.analyze(w).terms)]
            kept = f"{kept} {' '.join(named)}"
        return kept, [exclusion.AGENCY, *topic]

    def _exclusion_ignored(self) -> frozenset[str]:
        """Words of what is ruled out that name nothing: generic words, light words, pointing words, list words
        (built once, on first use: Options is built after the rest of the matcher)."""
        ignored: frozenset[str] | None = getattr(self, "_ignored_in_exclusion", None)
        if ignored is None:
            ignored = self.generic | self.lexicon.light_words | self.lexicon.followup_cues \
                | frozenset(self.options.words.list_words)
            self._ignored_in_exclusion = ignored
        return ignored

    def _without_lacked(self, text: str) -> str:
        """`text` less each condition the asker says they lack that names a topic (`제조업 아니어도`, `we are not
        a manufacturer`): X says who asks, so items for X must not win on it. A place stays (`본사가 창원이
        아니어도` asks whether a company from elsewhere may apply: the outside-the-city answer reads it)."""
        ignored = self._exclusion_ignored()
        spans = [span for words, span in exclusion.lacked(text, self._lacked, self._exclusion_grammar.lacked_end_en)
                 if not exclusion.names_a_place(words, self.lexicon.places)
                 and exclusion.ruled_out_terms(self.analyzer.analyze(words).terms, ignored=ignored, cues=self.cue_terms)]
        return exclusion.without(text, spans) if spans else text

    def _lacks(self, text: str) -> bool:
        """Whether `text` says the asker lacks a condition that names a topic (_without_lacked)."""
        return self._without_lacked(text) != text

    def _rules_out_agency(self, found: exclusion.Split) -> bool:
        """Whether what is ruled out is the agency itself: a word pointing at whoever the message is written to
        (여기, 귀원, your agency) or only words of the agency's own name (진흥원 거, 진흥원에서 하는 거), its city
        alone aside (`창원 말고 김해 사는데도 신청돼요?` is about where the asker lives)."""
        ignored = self._exclusion_ignored()
        for part in (found.excluded, found.clause):
            pointed = self._exclusion_grammar.points_at_agency(normalize(part).split())
            read = self.analyzer.analyze(part).terms
            # A word the knowledge never uses names no topic, unless it is the agency's kind (재단 of 해양수산재단).
            terms = [t for t in read if not t.startswith(UNKNOWN_PREFIX) and t not in ignored] \
                + [t[len(UNKNOWN_PREFIX):] for t in read if t.startswith(UNKNOWN_PREFIX)
                   and self._agency_word(t[len(UNKNOWN_PREFIX):])]
            if terms or pointed:
                return all(self._agency_word(t) for t in terms) and (
                    pointed or any(not exclusion.names_a_place(t, self.lexicon.places) for t in terms))
        return False

    def _agency_word(self, term: str) -> bool:
        return term in self.agency_words or len(term) >= 2 and any(n.endswith(term) for n in self._agency_names)

    def _excluded_items(self, terms: list[str], kept: str = "") -> frozenset[int]:
        """Items whose own words hold every excluded term (방산 -> the defense programs), narrowed to those X
        names where it names some, never one the asked part `kept` names as typed (exclusion.ruled_out). The
        agency ruled out (exclusion.AGENCY) rules out its own programs and FAQs: other bodies' referrals stay,
        whatever the asked part names (`진흥원 거 말고 경남도 해외지사화는요`: the province's, not the agency's)."""
        if exclusion.AGENCY in terms:
            own = [e.item.id for e in self.entries if isinstance(e.item, (Program, Faq))]
            topic = [t for t in terms if t != exclusion.AGENCY]
            if topic:  # the agency's own items of that topic (_owned_topic), as a topic alone rules out
                holders = [i for i in own if all(t in self.entries[self.index_of[i]].strong for t in topic)]
                own = sorted(exclusion.ruled_out(holders, topic, self.talk.name_words, self.area_words.values()))
            return frozenset(self.index_of[i] for i in own)
        if not terms:
            return frozenset()
        holders = [e.item.id for e in self.entries if not isinstance(e.item, Intent) and all(t in e.strong for t in terms)]
        out = exclusion.ruled_out(holders, terms, self.talk.name_words, self.area_words.values(),
                                  self.talk.typed_names(kept) if kept else ())
        return frozenset(self.index_of[i] for i in out)

    def _area(self, analysis: Analysis, ranked: list["Ranked"], bare_name: bool = False,
              excluded: frozenset[int] = frozenset()) -> Decision | None:
        """`수소 관련 지원사업 뭐 있어요`: a list question whose topic is all words of one area; with `bare_name`,
        also an area's name alone (`창업 지원`; the caller has found no program to answer outright). Programs
        ruled out (`excluded`) are not listed; where one program is left, it is the answer (`정착 지원 빼고
        청년어업인 사업 뭐 있어요?` in an area of two)."""
        if not self.area_words:
            return None
        compact = analysis.normalized.replace(" ", "")
        padded = f" {analysis.normalized} "
        lex = self.lexicon
        # A place says where, not what: `강원 해양 창업 지원 사업 뭐 있어요` is still a list question (another
        # region's, intents/scope.py), though its place reads as 지역.
        topic = set(self._topic_terms(analysis, short_novel=True)) - self.agency_terms - {self.analyzer.unnamed_place}
        listing = korean_cue_in(compact, lex.list_cues_ko) or english_cue_in(analysis.normalized.split(), lex.list_cues_en) \
            or self.talk.asks_others(analysis.normalized)  # 다른 수출 지원은요?
        bare = None if listing or not bare_name or self._aspect(analysis.normalized, analysis.terms) \
            not in (None, "support") else self.talk.bare_area(topic, analysis, self.plain_terms)  # 창업 지원
        if not listing and bare is None:
            # 수출 도와주세요: an area's words with a request, asking no aspect of anything, asks for its list too.
            # (Support is what every program gives: 지원해 주세요 asks for it in general, not as an aspect.)
            if not (any(c in compact for c in lex.request_cues_ko) or any(c in padded for c in lex.request_cues_en)) \
                    or self._aspect(analysis.normalized, analysis.terms) not in (None, "support") \
                    or any(name in compact for name in self.program_names) \
                    or (ranked and isinstance(ranked[0].item, Faq)):  # a program named, or a question an FAQ answers
                return None
            topic -= self.request_terms
        if not topic:
            return None
        areas = [a for a, words in self.area_words.items() if topic <= words]
        if len(areas) != 1:
            return None
        inside = [p for p in self.kb.programs if p.area and p.area.id == areas[0]]
        if ranked and ranked[0].exact:
            return None
        left = [p for p in inside if self.index_of[p.id] not in excluded] or inside
        return self.area_list(areas[0], inside, left, analysis, analysis.lang)

    def area_list(self, area: str, inside: Sequence[Program], left: Sequence[Program], analysis: Analysis,
                  lang: str) -> Decision:
        """An area's programs (`inside`) listed less those ruled out (`left` is the rest; the handlers leave the
        others out too: Decision.left_out); where one of several is left, that one is the answer."""
        if len(left) == 1 and len(inside) > 1:
            aspect = self._aspect(analysis.normalized, analysis.terms)
            return Decision("answer", left[0].id, aspect, 100.0, (Candidate(left[0].id, left[0].kind, 100.0),), lang)
        left_out = tuple(p.id for p in inside if p not in left)
        candidates = tuple(Candidate(p.id, p.kind, 0.0) for p in left[: self.settings.max_candidates])
        if self.browse_intent is not None:
            return Decision("answer", self.browse_intent.id, None, 100.0, candidates, lang, area, left_out)
        return Decision("suggest", None, None, 100.0, candidates, lang, area, left_out)

    # ---- what a text is about, for the handlers (handlers/finder_route.py) ---------------------------

    def asked(self, text: str) -> str:
        """The part of `text` that is asked, without what it rules out: `수출 말고 스마트공장 지원` -> `스마트공장 지원`."""
        return self._split_exclusion(text)[0]

    def topic(self, text: str) -> frozenset[str]:
        """The words of `text` that name something the knowledge base answers (a program's, FAQ's or
        referral's own words), less aspect cues, question words and generic words: {수출} for
        `수출지원 받을 수 있어요`, nothing for `받을 수 있는 지원 있나요`."""
        return frozenset(t for t in self._topic_terms(self.analyzer.analyze(text)) if t in self.item_terms)

    def area_named(self, topic: frozenset[str]) -> str | None:
        """The one area whose own words the topic uses (수출 -> export); None for none or several."""
        areas = [area for area, words in self.area_words.items() if topic & words]
        return areas[0] if len(areas) == 1 else None

    def program_names_in(self, text: str) -> list[str]:
        """The programs' names and aliases written in `text` (spaces aside)."""
        compact = _compact(text)
        return [name for key, name in self.program_names.items() if key in compact]

    def _decide(self, best: "Ranked", runner_up: float, n_terms: int) -> DecisionKind:
        s = self.settings
        # Every word of a short question is chosen on purpose; a long message carries a story
        # around its question, so it may leave more words unexplained.
        coverage = s.answer_coverage if n_terms <= s.short_terms else s.answer_coverage_long
        # The less of the question the best item explains, the clearer its lead must be: two items that
        # each explain a different half of a question are a tie, whatever their scores.
        margin = s.answer_margin + s.margin_per_uncovered * (1 - best.topic_coverage)
        if best.exact or (best.score >= s.answer_score and best.score - runner_up >= margin
                          and best.coverage >= coverage and best.topic_coverage >= s.answer_topic_coverage):
            return "answer"
        # Suggestions only when the best item explains a fair share of what the question is about: a
        # question about something else (로또 번호 추천, 택배 언제 와요) gets the honest fallback, not three
        # items that merely share a question word with it.
        if best.score >= s.suggest_score and best.topic_coverage >= s.suggest_topic_coverage:
            return "suggest"
        return "fallback"

    def _small_talk_in_passing(self, analysis: Analysis, said: str) -> frozenset[int]:
        """The entries of the small talk (intents with no action: thanks, a goodbye, help) whose words an English
        message holds only in passing, inside a question about something else: `I am 31 age, foreigner ok?`
        (`ok`, the yes of thanks), `where i can see program announcement?` (`see`, of `see you`). So it is where
        the message says a word no small talk writes (a topic word, or one the knowledge base never writes;
        numbers aside: `hello, I need some help` is a hello and help) and holds none of the intent's phrasings
        whole: a phrase of two words or more (`thank you so much teacher`), a one-word phrase opening the message
        (`hi, I'm from Vietnam`: courtesy, as tidy reads it), or one in a message of at most CHAT_WORDS words
        (`thanks teacher`). Korean is read by _names_unsaid."""
        if analysis.lang != "en" or not self._small_talk:
            return frozenset()
        chat = [self.entries[i] for i in self._small_talk]
        if not any(not t.isdigit() and not any(t in e.strong or t in e.weak for e in chat)
                   for t in self._topic_terms(analysis)):
            return frozenset()
        words = normalize(said).split()
        padded = f" {' '.join(words)} "
        return frozenset(i for i, phrases in self._small_talk.items() if not any(
            (len(p) > 1 or len(words) <= CHAT_WORDS or tuple(words[:1]) == p) and f" {' '.join(p)} " in padded
            for p in phrases))

    def _aside_last(self, ranked: list["Ranked"], aside: frozenset[int]) -> list["Ranked"]:
        """`ranked` with the intents set `aside` behind every other item (scores unchanged)."""
        if not aside:
            return ranked
        return [r for r in ranked if self.index_of[r.item.id] not in aside] + \
            [r for r in ranked if self.index_of[r.item.id] in aside]

    def _acts_in_passing(self, analysis: Analysis, said: str, focused: str) -> frozenset[int]:
        """The intents a message holds only in passing (intents/acts.py): beside a word the knowledge base's items
        write (원장님은 누구세요), or a command among other words (처음 출범할 때 규모는요)."""
        plain = self._untopical | self.agency_terms | self._asked_where  # how it is asked, and where (진흥원)
        written = [t for t in self._topic_terms(analysis) if not t.startswith(UNKNOWN_PREFIX) and not t.isdigit()
                   and t in self._written and t not in plain]
        if analysis.lang != "ko":
            written = []  # English small talk in passing: _small_talk_in_passing; commands alone are read here too
        naming = [t for t in written if t in self.item_terms]
        long = len(set(analysis.terms)) > self.settings.short_terms
        lexicon = self.lexicon
        return self.acts.in_passing(analysis.terms, naming if long else written, naming, (said or focused, focused),
                                    self._intent_words, asks_something(said or focused, lexicon.question_words),
                                    ends_as_question(said or focused, lexicon.question_endings), lexicon.never_asked)

    def _names_unsaid(self, analysis: Analysis, item: Item, said: str) -> bool:
        """Whether the message names an area or a program (a word of an area's name, or a word that tells a
        program from its neighbours) that `item`'s phrasings do not write, and holds none of its phrasings
        whole: `창업 지원 정보 감사합니다` is still thanks, `나중에 창업하고 싶어요` is not a goodbye."""
        index = self.index_of[item.id]
        entry = self.entries[index]
        if not any(t in self.naming_terms and t not in entry.strong and t not in entry.weak for t in analysis.terms):
            return False
        typed = to_jamo(_compact(said.lower()))
        return not any(own == index and phrase in typed for phrase, own in self.chat_phrases)

    def rank(self, analysis: Analysis, excluded: frozenset[int] = frozenset(),
             kin: dict[str, dict[int, float]] | None = None) -> list["Ranked"]:
        """Items that share a term with the message, best first (at most SHORTLIST); `excluded` never. `kin`:
        unknown term -> {entry index: credit} where the model reads it as a word those items write (kin_words.py)."""
        exact = self.exact.get(analysis.normalized.replace(" ", ""), set()) - excluded
        if len(exact) == 1:
            return [Ranked(self.entries[next(iter(exact))].item, 100.0, 1.0, 1.0, exact=True)]
        weights = self._weights(analysis.terms)
        # Who asks (a context clause, a number, the asker's size) counts less than what is asked.
        roles = self.roles.factors(analysis.normalized, analysis.terms, self._names_topic, self.idf.__contains__)
        for term, factor in roles.items():
            if term in weights:
                weights[term] *= factor
        for term in self.scope.goods.asker_terms(analysis.normalized):  # 드론인데: the asker's goods (intents/goods.py)
            if term in weights:
                weights[term] *= self.scope.goods.factor
        weights = {t: w for t, w in weights.items() if w > 0}
        said = frozenset(weights)
        alone = loose(analysis.normalized, said, self._terms, self.senses)
        total = sum(weights.values())
        if total <= 0:
            return []
        plain = self._untopical  # how a question is asked (cues, everyday verbs): not its topic
        topic_total = sum(w for t, w in weights.items() if t not in plain)
        no_topic = not any(t in self.idf for t in weights if t not in self.cue_terms)
        share = self.settings.coverage_share
        ranked: list[Ranked] = []
        # Only "how/when/who" words and nothing about which program: no program can be meant, though a
        # general FAQ (how to apply, deadlines) or an intent still can.
        for index in self._candidates(weights, programs=not no_topic, kin=kin):
            if index in excluded:
                continue
            entry = self.entries[index]
            covered = topic = lifted = lifted_topic = 0.0
            body = self.body[index]
            # A name's word or a compound's word said alone (intents/name_words.py): weak for this item.
            weakened = frozenset(t for lang, only in self.name_only[index].items() if lang != analysis.lang for t in only
                                 ) | frozenset(t for t in alone if weak_bound(t, self.bound[index], said))
            for term, weight in weights.items():
                credit = 1.0 if term in entry.strong and term not in weakened else \
                    WEAK if term in entry.weak or term in weakened else 0.0
                if not credit and kin and index in kin.get(term, ()):  # the knowledge base's word for it (kin_words.py)
                    credit = kin[term][index]
                if not credit and term in body:  # a word only its body writes (intents/body.py)
                    lifted += weight * body[term]
                    if term not in plain:
                        lifted_topic += weight * body[term]
                covered += weight * credit
                if term not in plain:
                    topic += weight * credit
            if lifted and topic > 0:  # thin, capped, and only beside evidence of the topic by other words
                cap = self.body_settings.cap
                covered += min(lifted, cap * total)
                topic += min(lifted_topic, cap * topic_total)
            coverage = covered / total
            said_weights = weights if weakened.isdisjoint(weights) else \
                {t: w * WEAK if t in weakened else w for t, w in weights.items()}
            phrasing = max((_dice(said_weights, total, p, own) for p, own in self.phrasings[index]), default=0.0)
            ranked.append(Ranked(entry.item, 100 * (share * coverage + (1 - share) * phrasing), coverage,
                                 topic / topic_total if topic_total else 1.0))
        named = mentioned(analysis.normalized.replace(" ", ""), self.names)
        if named:
            # An FAQ about a named program is named too (수소충전소 몇 개: the count FAQ of the stations).
            named |= {i for i in self.faq_programs if self.faq_programs[i] & named}
            bonus = self.ranking.name_bonus
            ranked = [Ranked(r.item, min(100.0, r.score + bonus), r.coverage, r.topic_coverage, r.exact)
                      if self.index_of[r.item.id] in named else r for r in ranked]
        ranked.sort(key=lambda r: (-r.score, r.item.id))

        def rescore(r: Ranked, score: float) -> Ranked:
            return replace(r, score=score)

        asked = self.role_words.taken(analysis.normalized)
        for form in (asked - {COUNT}, asked & {COUNT}):  # the role taken, and whether it asks how many
            ranked = role_first(ranked, form, lambda i: self.item_roles.get(i, frozenset()), self.role_words.factor,
                                rescore)
        # A specialised item whose specialising word the question lacks ties with its general neighbour.
        def yields(r: Ranked, score: float, general: str) -> Ranked:
            return replace(r, score=score, under=general)

        ranked = general_first(ranked, analysis.terms, lambda i: self.characteristic.get(i, frozenset()),
                               lambda i: self.entries[self.index_of[i]].strong, lambda r, score, _: rescore(r, score),
                               self.ranking.general_near)
        # ... and a program of a field (방산, 항공) the question does not name, under the general item it is a kind of.
        ranked = kind_first(ranked, analysis.terms, lambda t: t not in self._untopical and not t.startswith(UNKNOWN_PREFIX),
                            self.kinds, yields)
        # What is asked for (인증), not what it is for (품질): the head of the noun phrase (intents/heads.py).
        ranked = head_first(ranked, head(analysis.normalized, lambda w: self.analyzer.analyze(w).terms, self._names_topic),
                            lambda i: self.entries[self.index_of[i]].strong, self._writes, rescore,
                            lambda i: self.characteristic.get(i, frozenset()))
        # Who asks: a company hiring or a job seeker (intents/sides.py), after the general item is first.
        return side_first(ranked, self.side_words.taken(analysis.normalized) or self._said_sides,
                          lambda i: self.item_sides.get(i, frozenset()), self.side_words.factor, rescore)

    def _writes(self, item_id: str) -> frozenset[str]:
        """Every word of an item's texts: names, questions, summary or answer, and a program's body."""
        index = self.index_of[item_id]
        entry = self.entries[index]
        return entry.strong | entry.weak | frozenset(self.body[index])

    def _candidates(self, weights: dict[str, float], *, programs: bool = True,
                    kin: dict[str, dict[int, float]] | None = None) -> list[int]:
        """Items worth scoring in full: the best by how much of the message they cover.

        Only rare terms are walked through the inverted index: a word in every tenth item (지원, 신청)
        says little about which item is meant, and walking its postings is what would make a large
        knowledge base slow. Common terms still count in each shortlisted item's full score.
        """
        common = max(COMMON_POSTINGS, len(self.entries) // 10)
        rare = {t: w for t, w in weights.items() if len(self.postings.get(t, ())) <= common}
        covered: dict[int, float] = defaultdict(float)
        for term, weight in (rare or weights).items():
            for index, credit in self.postings.get(term, ()):
                covered[index] += weight * credit
        for term, credits in (kin or {}).items():
            for index, credit in credits.items():
                covered[index] += weights.get(term, 0.0) * credit
        if not programs:  # nor another institution: a referral is for a topic the agency does not cover
            covered = {i: v for i, v in covered.items()
                       if not isinstance(self.entries[i].item, (Program, Referral))}
        return heapq.nlargest(SHORTLIST, covered, key=covered.__getitem__)

    def _terms(self, text: str) -> list[str]:
        return [t for t in self.analyzer.analyze(text).terms if not t.startswith(UNKNOWN_PREFIX)]

    def _weights(self, terms: tuple[str, ...]) -> dict[str, float]:
        weights: dict[str, float] = {}
        # In a long message most unknown words tell the story around the question, not the question.
        unknown = self.unknown_idf * (self.settings.unknown_weight_long / self.settings.unknown_weight
                                      if len(set(terms)) > self.settings.short_terms else 1.0)
        for term in terms:
            if term.startswith(UNKNOWN_PREFIX):
                weight = unknown
            elif term in self.cue_terms:
                # How a question is asked counts only where some item is asked that way.
                weight = self.idf.get(term, 0.0) * self.settings.aspect_cue_weight
            else:
                weight = self.idf.get(term, self.unknown_idf)
                if term in self.descriptive:
                    weight *= WEAK
            weights[term] = max(weights.get(term, 0.0), weight)
        return weights

    def _cue_texts(self) -> list[str]:
        cues = [c for group in self.lexicon.aspect_cues_ko.values() for c in group]
        cues += [c.strip() for group in self.lexicon.aspect_cues_en.values() for c in group]
        # Function adverbs (따로, 이미: words.yaml) weigh as lightly as question words and name no topic either.
        return cues + list(self.lexicon.light_words) + list(self.lexicon.function_adverbs)

    def _cue_aspects(self) -> dict[str, str]:
        """A cue word's term -> its aspect, where the term belongs to one aspect only (신청 -> apply)."""
        by_term: dict[str, set[str]] = defaultdict(set)
        for aspect, cues in self.lexicon.aspect_cues_ko.items():
            for cue in (*cues, *(c.strip() for c in self.lexicon.aspect_cues_en.get(aspect, ()))):
                terms = self.analyzer.analyze(cue).terms
                if len(terms) == 1:  # a cue that is one word (신청), not a phrase that holds it (신청자격)
                    by_term[terms[0]].add(aspect)
        return {t: next(iter(a)) for t, a in by_term.items() if len(a) == 1 and not t.startswith(UNKNOWN_PREFIX)}

    def _cue_terms(self) -> frozenset[str]:
        return frozenset(t for cue in self._cue_texts() for t in self.analyzer.analyze(cue).terms
                         if not t.startswith(UNKNOWN_PREFIX))

    def _aspect(self, normalized: str, terms: tuple[str, ...] = ()) -> str | None:
        return self.aspects.detect(normalized, terms)


def _dice(weights: dict[str, float], total: float, phrasing: frozenset[str], own: float) -> float:
    """Weighted Dice overlap of a message (term weights summing to `total`) and one phrasing."""
    common = phrasing.intersection(weights)  # a set operation, in C: phrasings are scored by the hundred
    if not common:
        return 0.0
    return 2 * sum(weights[t] for t in common) / (total + own)


def _compact(text: str) -> str:
    return normalize(text).replace(" ", "")


def _texts_of(item: Item) -> tuple[list[str], list[str]]:
    """(strong, weak) texts of an item: what names it and how people ask; what merely describes it."""
    if isinstance(item, Program):
        strong = [*(v for _, v in item.name.values), *item.aliases, *item.questions]
        weak = [v for _, v in item.summary.values]
        return strong, weak
    if isinstance(item, Faq):
        return list(item.questions), [v for _, v in item.answer.values]
    if isinstance(item, Intent):
        return list(item.examples), []
    if isinstance(item, Referral):
        strong = [*(v for _, v in item.name.values), *item.aliases, *item.questions]
        return strong, [v for _, v in item.answer.values]
    return [], []


def _rivals(ranked: list[Ranked]) -> list[Ranked]:
    """The items after the first that compete with it for the lead: a referral never competes with one of
    the agency's own items, so the margin is taken against the next item of the same side."""
    first_is_referral = isinstance(ranked[0].item, Referral)
    return [r for r in ranked[1:] if isinstance(r.item, Referral) == first_is_referral]


def _own_before_referrals(ranked: list[Ranked]) -> list[Ranked]:
    """Another institution never outranks one of the agency's own items that explains as much of the
    question: the referral moves below every such item (its score unchanged)."""
    if not ranked or not isinstance(ranked[0].item, Referral):
        return ranked
    referral = ranked[0]
    own = [r for r in ranked if not isinstance(r.item, Referral)
           and r.topic_coverage >= referral.topic_coverage and r.score >= referral.score * 0.8]
    if not own:
        return ranked
    rest = [r for r in ranked if r not in own]
    return [*own, *rest]


__all__ = ["Matcher", "Decision", "Candidate", "normalize"]

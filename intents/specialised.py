"""A specialised item does not win a question that lacks its specialising word over a general neighbour
that explains the question as well: the two tie, and the matcher asks which one is meant.

Knowledge bases hold general items and specialised kinds of the same thing: hiring support in general (an
FAQ) and wage subsidies for hiring young people in the aerospace industry; export support in general and
market opening for defence companies. The specialised item has more phrasings, and they share more of an
ordinary question's words (`채용하면 인건비 지원돼요`: 채용, 인건비, 지원), so it scores higher lexically, and
the model finds it about as similar. What tells them apart is the word that characterises the specialised
item: one that most of its own phrasings hold (항공, 방산, 청년), which the question does not.

- An item's *characteristic* words are read from its own phrasings (names, aliases, questions): the topic
  words at least `share` of them hold, less words that many items hold (the agency's own name, 창업).
- The *general neighbour*: the best-ranked program or FAQ whose characteristic words the question holds
  all of (채용 for the hiring FAQ).
- A program ranked above it is *specialised* when its phrasings hold the neighbour's characteristic words
  too, it has characteristic words of its own, the question names none of them, and the neighbour
  explains at least `near` of as much of the question's topic. It is then scored no higher than the
  neighbour, which is put first.

Why a tie and not a swap: which of the two a question means is a guess when it names neither's
specialising word (a held-out question asked the general way for the specialised item). Asking costs one
tap; a confident wrong answer costs the asker's trust. Nothing changes where the question names a word of
the specialised item, where no item's characteristic words are all named (a paraphrase such as
`세계 시장에서 통하는 전문기업`), or for FAQs, referrals and small talk, whose questions are the askers' wording.

*A kind of a general item* (`kind_first`) widens this where the general item's own words go unsaid. A program
whose phrasings name a sector (방산, 항공, 수소: ranking.yaml `sectors`) that the general item never writes, in any
text, is a kind of it when the question names no such sector, the general item's characteristic words are all
words of the program, and the general item writes every topic word of the question the program writes (its
body counts: the overseas-expansion program lists exhibitions among its eleven kinds of support). `해외 전시회
참가비 지원` is then no question for the defence exhibition program, nor `인건비 지원 받고 싶어요` for the closed
aerospace youth-hiring program: the general item comes first, the kind tied with it, and the fused order keeps
the kind under it. Who is served (청년) is no sector: an asker is young without saying 청년. Nothing changes
where another item would still rank above the general one: its lead would come from the fall (tying the
programs an overview FAQ introduces with it too lost the thread of a card just shown, and a held-out answer).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from intents.scored import R

Terms = Callable[[str], frozenset[str]]  # item id -> a set of its terms




def characteristic_terms(phrasings: Sequence[frozenset[str]], topical: Callable[[str], bool],
                         share: float) -> frozenset[str]:
    """The topical words at least `share` of an item's phrasings hold (방산 for the defence programs)."""
    if not phrasings:
        return frozenset()
    counts = Counter(t for p in phrasings for t in p)
    return frozenset(t for t, n in counts.items() if n >= share * len(phrasings) and topical(t))


def general_first(ranked: Sequence[R], terms: Iterable[str], characteristic: Terms, holds: Terms,
                  rescore: Callable[[R, float, str], R], near: float = 1.0) -> list[R]:
    """`ranked` (best first) with specialised programs that outrank the general neighbour scored as the
    neighbour, which then comes first; `ranked` unchanged where there is none. `characteristic`: an item's
    characteristic words; `holds`: all words of its phrasings; `rescore`: the same ranked entry, another
    score, yielding to the item of the id (the fused order keeps it under that item)."""
    asked = frozenset(terms)
    general = next((r for r in ranked if r.item.kind in ("program", "faq") and r.topic_coverage > 0
                    and characteristic(r.item.id) and characteristic(r.item.id) <= asked), None)
    if general is None:
        return list(ranked)
    common = characteristic(general.item.id)

    def specialised(r: R) -> bool:
        own = characteristic(r.item.id) - common
        return r.score > general.score and r.item.kind == "program" and bool(own) and not own & asked \
            and common <= holds(r.item.id) and near * r.topic_coverage <= general.topic_coverage + 1e-9

    demoted = {id(r) for r in ranked if specialised(r)}
    if not demoted:
        return list(ranked)
    out = [rescore(r, general.score, general.item.id) if id(r) in demoted else r for r in ranked]
    # The neighbour first, the specialised items tied with it right after it, in their former order.
    place = {id(new): (0 if old is general else 1 if id(old) in demoted else 2, n)
             for n, (old, new) in enumerate(zip(ranked, out))}
    return sorted(out, key=lambda r: (-r.score, place[id(r)]))


@dataclass(frozen=True)
class Kinds:
    """What kind_first reads of the knowledge base. `characteristic`: an item's characteristic words; `writes`:
    every word of its texts (names, questions, summary or answer, a program's whole body); `fields`: the sector
    words (방산, 항공, 수소: ranking.yaml `sectors`), who is served aside; `who`: words of who is served (청년,
    여성), which an asker is without saying it."""
    characteristic: Terms
    writes: Terms
    fields: frozenset[str]
    who: frozenset[str] = frozenset()

    def kind_of(self, item: str, general: str, asked: frozenset[str], topic: frozenset[str]) -> bool:
        """Whether program `item` is a kind of `general` that the question does not name: it has a field word
        the general item never writes (its qualifier), the question names none, the general item's own
        characteristic words are all words of `item`, and it writes every topic word of the question that
        `item` writes (it fits the question as well)."""
        theirs, own = self.writes(general), self.writes(item)
        qualifier = (self.characteristic(item) & self.fields) - theirs
        return bool(qualifier) and not qualifier & asked and self.characteristic(general) <= own \
            and topic & own <= theirs


def kind_first(ranked: Sequence[R], terms: Iterable[str], topical: Callable[[str], bool], kinds: Kinds,
               rescore: Callable[[R, float, str], R]) -> list[R]:
    """`ranked` (best first) with every program that is an unnamed kind of a general item (Kinds.kind_of) put
    under it: scored as it where it ranked above, and marked to yield to it (`rescore`'s third argument, read
    by the fused order), the general item first. Unchanged where no general item has such a kind, or where
    another item would still rank above it: lowering one would only lift that one."""
    asked = frozenset(terms)
    topic = frozenset(t for t in asked if topical(t))
    for n, general in enumerate(ranked):
        gid = general.item.id
        if general.item.kind not in ("program", "faq") or general.topic_coverage <= 0 \
                or not kinds.characteristic(gid):
            continue
        under = {id(r) for r in ranked if r is not general and r.item.kind == "program"
                 and kinds.kind_of(r.item.id, gid, asked, topic)}
        if not under:
            continue
        if any(id(r) not in under and r.score > general.score for r in ranked[:n]):
            continue
        out = [rescore(r, min(r.score, general.score), gid) if id(r) in under else r for r in ranked]
        place = {id(new): (0 if old is general else 1 if id(old) in under else 2, k)
                 for k, (old, new) in enumerate(zip(ranked, out))}
        return sorted(out, key=lambda r: (-r.score, place[id(r)]))
    return list(ranked)

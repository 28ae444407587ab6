"""Whether the model's nearest knowledge-base word for a question's unknown word is evidence; counts only
(held-out safe: no case text is printed).

`python bench/synonym_counts.py CASES KNOWLEDGE [TAG]`: hybrid mode. For every case whose lexical decision is no
answer and so reaches the fusion (intents/matcher.py `_fuse`), each unknown word of the question (a word the
knowledge base never writes in its names, questions, summaries or answers) is embedded alone and compared with
the knowledge base's own content words (embedded alone, cached like the item vectors). A word maps where its
nearest knowledge-base word is at least a bar similar; the mapping *supports* an item where that item writes the
word mapped to. Counted by class: in scope answered right (A), in scope not answered right with the right item
first in the fusion (R) or not (W), and out of scope (O); for in-scope cases "support" means the right item is
supported, for out-of-scope ones the fused first item. A second reading costs no model call: the knowledge-base
words nearest to the question's own vector that the question does not say (does the right / first item write one).
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from intents.analyzer import UNKNOWN_PREFIX  # noqa: E402
from intents.evaluate import DEFAULT_CACHE, load_cases  # noqa: E402
from intents.matcher import Matcher  # noqa: E402
from intents.semantic import SemanticCache  # noqa: E402
from knowledge.loader import load_or_raise  # noqa: E402
from knowledge.model import Intent  # noqa: E402
from bench.replay import context_before  # noqa: E402

BARS = (0.86, 0.88, 0.90, 0.92, 0.94)
CAPTURED: list[dict] = []
ROWS: list[dict] = []  # one per unknown word, numbers only (written with a third argument OUT.json)


def capture() -> None:
    original = Matcher._fuse

    def wrapper(self, lexical, analysis, cosines, lang, excluded, *rest, **named):  # type: ignore[no-untyped-def]
        result = original(self, lexical, analysis, cosines, lang, excluded, *rest, **named)
        if lexical.kind != "answer":
            ranked = self.rank(analysis, excluded)
            CAPTURED.append({"terms": analysis.terms, "cos": dict(cosines),
                             "lex": {self.index_of[r.item.id]: r.score / 100 for r in ranked},
                             "query": self._last_query[1] if self._last_query is not None else None})
        return result

    Matcher._fuse = wrapper  # type: ignore[method-assign]


def vocabulary(m: Matcher) -> tuple[list[str], dict[str, frozenset[int]]]:
    """The knowledge base's content words (programs', FAQs', referrals' names, questions, summaries and answers)
    and which items write each."""
    plain = m.generic | m.cue_terms | m.lexicon.stopwords | m.lexicon.places | m.lexicon.light_words | m.verb_terms
    writers: dict[str, set[int]] = {}
    for index, entry in enumerate(m.entries):
        if isinstance(entry.item, Intent):
            continue
        for term in entry.strong | entry.weak:
            if term in plain or term.isdigit() or len(term) < (3 if term.isascii() else 2):
                continue
            writers.setdefault(term, set()).add(index)
    words = sorted(writers)
    return words, {w: frozenset(writers[w]) for w in words}


def eligible(term: str) -> bool:
    word = term[len(UNKNOWN_PREFIX):]
    if word.isascii():
        return len(word) >= 3 and word.isalpha()
    return len(word) >= 2 and all("가" <= ch <= "힣" for ch in word)


def main() -> None:
    cases_path, knowledge = Path(sys.argv[1]), Path(sys.argv[2])
    tag = sys.argv[3] if len(sys.argv) > 3 and not sys.argv[3].endswith(".json") else None
    out = next((Path(a) for a in sys.argv[3:] if a.endswith(".json")), None)
    kb = load_or_raise(knowledge, Path("intents"))
    cases, _ = load_cases(cases_path, {item.id for item in kb.items()})
    capture()
    m = Matcher.for_mode(kb, "hybrid", DEFAULT_CACHE, cache_size=0)
    assert m.embedder is not None
    words, writers = vocabulary(m)
    cache = SemanticCache(DEFAULT_CACHE, m.embedder.name)
    vocab = cache.vectors_for(words, m.embedder)
    cache.save()
    c: Counter[str] = Counter()
    for n_case, case in enumerate(cases):
        if tag is not None and case.expect is not None and tag not in case.tags:
            continue
        context = context_before(m, case)
        CAPTURED.clear()
        decision = m.match(case.text, context=context)
        if not CAPTURED:
            continue
        cap = CAPTURED[-1]
        items = [i for i in set(cap["cos"]) | set(cap["lex"]) if not isinstance(m.entries[i].item, Intent)]
        if not items:
            continue
        s = m.settings
        fused = {i: .5 * cap["lex"].get(i, 0) + .5 * min(max((cap["cos"].get(i, 0) - s.semantic_floor)
                                                              / (s.semantic_ceiling - s.semantic_floor), 0), 1)
                 for i in items}
        first = max(items, key=lambda i: fused[i])
        if case.expect is None:
            cls, item = "O", first
        else:
            e = m.index_of.get(case.expect, -1)
            cls = "A" if decision.kind == "answer" and decision.id == case.expect else ("R" if first == e else "W")
            item = e
        c[f"{cls} cases"] += 1
        unknown = [t[len(UNKNOWN_PREFIX):] for t in dict.fromkeys(cap["terms"]) if t.startswith(UNKNOWN_PREFIX)
                   and eligible(t)]
        if unknown:
            c[f"{cls} with unknown word"] += 1
            sims = m.embedder.embed(unknown) @ vocab.T
            best = sims.max(axis=1)
            for row in sims:
                order = np.argsort(-row)
                ROWS.append({"case": n_case, "cls": cls, "tags": list(case.tags), "best": float(row[order[0]]),
                             "second": float(row[order[1]]), "tenth": float(row[order[9]]),
                             "median": float(np.median(row)), "std": float(row.std()),
                             "supports": item in writers[words[int(order[0])]],
                             "supports3": any(item in writers[words[int(j)]] for j in order[:3]),
                             "first": first in writers[words[int(order[0])]],
                             "writers": len(writers[words[int(order[0])]]),
                             "known_items": sum(1 for t in cap["terms"] if not t.startswith(UNKNOWN_PREFIX)
                                                and t in writers and item in writers[t])})
            for bar in BARS:
                mapped = {words[j] for row, b in zip(sims, best) if b >= bar for j in np.flatnonzero(row >= bar)}
                top = {words[int(row.argmax())] for row, b in zip(sims, best) if b >= bar}
                if mapped:
                    c[f"{cls} maps >= {bar}"] += 1
                if any(item in writers[w] for w in top):
                    c[f"{cls} nearest word supports item >= {bar}"] += 1
                if any(item in writers[w] for w in mapped):
                    c[f"{cls} any word supports item >= {bar}"] += 1
                if any(first in writers[w] and item != first for w in top) and cls != "O":
                    c[f"{cls} nearest word supports the (wrong) first >= {bar}"] += 1
        if cap["query"] is not None:
            said = set(cap["terms"])
            near = np.argsort(-(vocab @ cap["query"]))
            top5 = [words[j] for j in near[:40] if words[j] not in said][:5]
            if any(item in writers[w] for w in top5):
                c[f"{cls} question-vector top5 words support item"] += 1
    if out is not None:
        out.write_text(json.dumps(ROWS))
    print(f"{cases_path} tag={tag} vocabulary={len(words)}")
    for key, n in sorted(c.items()):
        print(f"  {key:50s} {n}")


if __name__ == "__main__":
    main()

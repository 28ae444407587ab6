"""Which verb forms decide wrong answers and fallbacks: an aggregate over the TUNED sets only.

    .venv/bin/python bench/verb_terms.py            # lexical mode (the terms are the same in hybrid)

For each in-scope case answered wrong or not answered, and each out-of-scope case answered, the first candidate's
shared words with the question are weighed as the matcher weighs them; those that are a verb or adjective form
(an everyday verb of intents/lexicon/words.yaml `everyday_verbs`, or a word ending as a verb form does:
intents/lexicon/scope.yaml) are counted, by the dictionary form (everyday verbs) or the word itself. A class of
forms that keeps coming back (나와 deciding the deadlines FAQ, 쓸, 내야) is data for words.yaml, not a rule for
one case. Held-out sets are never read here (docs/evaluation.md).
"""
from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path

os.environ.setdefault("MATCHER_MODE", "lexical")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from intents.analyzer import UNKNOWN_PREFIX, normalize  # noqa: E402
from intents.evaluate import evaluate, load_cases  # noqa: E402
from intents.matcher import Matcher  # noqa: E402
from knowledge.loader import load_or_raise  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SHIPPED = ROOT / "knowledge"
TUNED = [("people", DATA / "people.yaml", SHIPPED), ("eval", DATA / "eval.yaml", SHIPPED),
         ("alt", DATA / "alt" / "eval.yaml", DATA / "alt" / "knowledge"),
         ("blind", DATA / "blind" / "eval.yaml", DATA / "blind" / "knowledge")]


def verb_terms(matcher: Matcher, text: str) -> dict[str, str]:
    """Term -> what it reads as: the dictionary form of an everyday verb, or `verb-like` for another word ending as
    a verb form does, for each word of `text` whose terms the analyser gives."""
    analyzer = matcher.analyzer
    out: dict[str, str] = {}
    for token in normalize(text).split():
        if token.isascii():
            continue
        verb = analyzer.everyday_verb(token)
        stripped = analyzer._strip_particles(token)
        for term in analyzer.analyze(token).terms:
            if term.startswith(UNKNOWN_PREFIX) or term in analyzer.lexicon.light_words or term in analyzer.lexicon.places:
                continue
            if verb is not None:
                out[term] = verb
            elif term == stripped and len(term) >= 2 and analyzer.verb_forms.ends_like_one(term):
                out[term] = "verb-like"  # a word kept as typed that ends as a verb form does (해보, 찾아가려면)
    return out


def deciding(matcher: Matcher, text: str, item_id: str) -> list[str]:
    """The question's terms that the item writes among its names and questions."""
    entry = matcher.entries[matcher.index_of[item_id]]
    return [t for t in matcher.analyzer.analyze(text).terms if t in entry.strong]


def main() -> int:
    counts: Counter[tuple[str, str]] = Counter()
    cases_seen = Counter[str]()
    for name, cases_path, knowledge in TUNED:
        kb = load_or_raise(knowledge, ROOT / "intents")
        matcher = Matcher(kb)
        cases, _ = load_cases(cases_path, {item.id for item in kb.items()})
        for outcome in evaluate(matcher, cases):
            decision = outcome.decision
            bad = (outcome.in_scope and (outcome.wrong or not outcome.answered)) or \
                (not outcome.in_scope and decision.kind == "answer")
            if not bad or not decision.candidates:
                continue
            first = decision.candidates[0].id
            verbs = verb_terms(matcher, outcome.case.text)
            found = [t for t in deciding(matcher, outcome.case.text, first) if t in verbs]
            if found:
                cases_seen[name] += 1
            for term in found:
                counts[(term, verbs[term])] += 1
    print("cases whose first candidate shares a verb form with the question:", dict(cases_seen))
    for (term, reads_as), n in counts.most_common():
        print(f"{n:4d}  {term}  ({reads_as})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

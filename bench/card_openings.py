"""How program cards open on the evaluation sets' answered cases: aggregate counts only (docs/answers.md).

    PYTHONPATH=. python bench/card_openings.py            # every set, the current code
    cd /work/main && PYTHONPATH=. python /work/wt/X/bench/card_openings.py   # the same on another checkout

For each case answered outright with a program (the expected one), the card the bot would send (the
aspect decided, the message as the question, the knowledge base's general answers where the code has
them), and counts: cards whose first paragraph under the heading says a part is "not prepared" (the
apology a new user met first), cards that say so anywhere, cards that give a general answer, cards that
open by saying a detail, cost or amount is not in the guide; and the median and longest visible length.
Only totals are printed, so held-out sets may be measured without reading a case.
"""
from __future__ import annotations

import inspect
import re
import statistics
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from handlers import cards
from handlers.texts import Texts
from intents.evaluate import evaluate, load_cases
from intents.matcher import Matcher
from knowledge.loader import load_or_raise
from knowledge.windows import KST

D = Path("tests/data")
SETS = [("eval", D / "eval.yaml", Path("knowledge")), ("holdout", D / "holdout.yaml", Path("knowledge")),
        ("people", D / "people.yaml", Path("knowledge")),
        ("people_holdout", D / "people_holdout.yaml", Path("knowledge")),
        ("alt", D / "alt/eval.yaml", D / "alt/knowledge"), ("blind", D / "blind/eval.yaml", D / "blind/knowledge"),
        ("blind2", D / "blind2/eval.yaml", D / "blind2/knowledge"),
        ("blind3", D / "blind3/eval.yaml", D / "blind3/knowledge"),
        ("fresh", D / "fresh.yaml", Path("knowledge")), ("fresh2", D / "fresh2.yaml", Path("knowledge")),
        ("fresh3", D / "fresh3.yaml", Path("knowledge"))] + [
    (f"fresh{n}", D / f"fresh{n}.yaml", Path("knowledge")) for n in (4, 5, 6, 7)]
MISSING = ("아직 준비되지 않았습니다", "section for this program yet")
GENERAL = ("공통으로 안내된", "in general")
GAP = ("안내에 나와 있지 않습니다", "This guide says nothing about", "This guide does not")
DETAIL = ("에 관한 내용은 이 사업 안내에 나와 있지 않습니다", "This guide says nothing about")  # card.detail_missing
AMOUNT = ("지원 금액은 안내에 나와 있지 않습니다", "받을 수 있는 금액은 안내에 나와 있지 않습니다",
          "does not say how much")  # card.amount_missing, card.amount_whole
NOW = datetime(2026, 3, 15, 12, tzinfo=KST)
TAG = re.compile(r"<[^>]+>")


def measure(cases_path: Path, knowledge: Path, texts: Texts) -> dict[str, float]:
    kb = load_or_raise(knowledge, Path("intents"))
    matcher = Matcher(kb)
    cases, _ = load_cases(cases_path, {item.id for item in kb.items()})
    takes_general = "general" in inspect.signature(cards.program_card).parameters
    general = cards.general_answers(kb, matcher.talk.faq_aspects) if takes_general else None
    counts = {"cards": 0, "opens_missing": 0, "missing": 0, "general": 0, "opens_gap": 0, "opens_detail": 0,
              "opens_amount": 0, "contact_cards": 0}
    lengths = []
    for outcome in evaluate(matcher, cases):
        decision = outcome.decision
        program = kb.program(decision.id or "")
        if not outcome.answered or program is None or decision.area:
            continue
        aspect = decision.aspect or ""
        if aspect == "contact" and program.aspect("contact") is None and matcher.talk.agency_contact:
            counts["contact_cards"] += 1
            continue  # the agency's own contact card (handlers/asking.py), not a program card
        extra: dict[str, Any] = {"general": general} if takes_general else {}
        text, _ = cards.program_card(program, texts, decision.lang, aspect=aspect, now=NOW, agency=kb.agency,
                                     question=outcome.case.text, **extra)
        plain = TAG.sub("", text)
        paragraphs = plain.split("\n\n")
        first = paragraphs[1] if len(paragraphs) > 1 else ""
        counts["cards"] += 1
        counts["opens_missing"] += any(m in first for m in MISSING)
        counts["missing"] += any(m in plain for m in MISSING)
        counts["general"] += any(g in plain for g in GENERAL)
        counts["opens_gap"] += any(g in first for g in GAP)
        counts["opens_detail"] += any(g in first for g in DETAIL)
        counts["opens_amount"] += any(g in first for g in AMOUNT)
        lengths.append(len(plain))
    return {**counts, "median_len": statistics.median(lengths) if lengths else 0, "max_len": max(lengths, default=0)}


def main() -> int:
    texts = Texts.load()
    wanted = set(sys.argv[1:])
    total: dict[str, float] = {}
    for name, cases, knowledge in SETS:
        if (wanted and name not in wanted) or not cases.exists():
            continue
        found = measure(cases, knowledge, texts)
        for key in ("cards", "opens_missing", "missing", "general", "opens_gap", "opens_detail", "opens_amount",
                    "contact_cards"):
            total[key] = total.get(key, 0) + found[key]
        print(f"{name:15s} " + " ".join(f"{k}={v:g}" for k, v in found.items()))
    print(f"{'total':15s} " + " ".join(f"{k}={v:g}" for k, v in total.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`python bot.py check`: validate the knowledge and intent files and say what is wrong, all at once."""
from __future__ import annotations

import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import TextIO

from knowledge.editorial import editorial_warnings
from knowledge.loader import Problem, load, yaml_files
from knowledge.windows import past_warnings


def _count(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"


def run_check(knowledge_dir: Path, intents_dir: Path, out: TextIO = sys.stdout, *,
              now: datetime | None = None) -> int:
    """Prints every problem in file:line order and a summary line; 1 if any is an error, else 0.

    Besides what the loader finds, warns about programs whose application windows have all closed by
    `now` (default: the clock): loading stays independent of the date, checking is about today; and about
    notes to editors left in texts people read (knowledge/editorial.py).
    """
    kb, problems = load(knowledge_dir, intents_dir)
    problems += [Problem("warning", *found)
                 for found in past_warnings(kb.programs, now or datetime.now(timezone.utc))]
    problems += [Problem("warning", *found) for found in editorial_warnings(kb)]  # `(출처 미상)` shown to people
    for problem in problems:
        print(problem, file=out)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    files = len(yaml_files(Path(knowledge_dir))) + len(yaml_files(Path(intents_dir)))
    print(f"{_count(len(kb.programs), 'program')}, {_count(len(kb.faqs), 'FAQ')}, "
          f"{_count(len(kb.referrals), 'referral')}, "
          f"{_count(len(kb.intents), 'intent')} in {_count(files, 'file')}: "
          f"{_count(errors, 'error')}, {_count(warnings, 'warning')}", file=out)
    return 1 if errors else 0

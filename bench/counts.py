"""Printing of the class counts that the diagnostic scripts (para_ranks, wrong_classes) gather.

They print counts only, never a case's text, so that they may run on held-out sets.
"""

from __future__ import annotations

from collections import Counter


def print_classes(counts: dict[str, Counter]) -> None:
    """Print each class of cases, then its counts by key in key order."""
    for cls, c in counts.items():
        print(f"  [{cls}]")
        for key, n in sorted(c.items()):
            print(f"    {key:45s} {n}")

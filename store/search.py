"""Searching enquiry texts: the trigram index of schema.py's m005, and a LIKE scan where it cannot help.

The trigram tokenizer indexes every run of three characters, so a search term of three or more characters
is found anywhere inside a text (no word boundaries needed: Korean attaches particles and endings to
words). A shorter term has no trigram: SQLite's index then finds nothing, so such terms are looked for with
LIKE over the texts, a scan that stays quick at the agency's volumes (bench/bench_search.py).

Deleting from an FTS5 index only records the deletion; the deleted entries' trigrams stay in the index's
older segments until they are merged. fold_deleted() merges them all, so that forgetting a person removes
their words from the index too; the privacy code calls it after a forget and after the retention purge.
"""
from __future__ import annotations

from typing import Any

from sqlite_utils import Database

SEARCH_INDEX = "enquiries_fts"
MIN_INDEXED = 3        # characters: the trigram index finds terms at least this long
DEFAULT_LIMIT = 200

# :q is the term as typed; one of the two arms applies, by the term's length (the other's constant
# condition is false, so SQLite skips it). The index's arm looks its hits up by rowid; newest first.
_SEARCH_SQL = f"""
SELECT * FROM (
    SELECT e.id, e.time, e.lang, e.text, e.source, e.kind, e.item_id, e.aspect
      FROM enquiries e
     WHERE length(trim(:q)) >= {MIN_INDEXED} AND e.id IN (
            SELECT rowid FROM {SEARCH_INDEX}
             WHERE {SEARCH_INDEX} MATCH '"' || replace(trim(:q), '"', '""') || '"')
    UNION ALL
    SELECT e.id, e.time, e.lang, e.text, e.source, e.kind, e.item_id, e.aspect
      FROM enquiries e
     WHERE length(trim(:q)) BETWEEN 1 AND {MIN_INDEXED - 1}
       AND e.text LIKE '%' || replace(replace(replace(trim(:q), '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'
           ESCAPE '\\'
)
 ORDER BY id DESC
"""


def search_sql(param: str = "q") -> str:
    """The search as one SELECT over enquiries' columns, the term in the named parameter `param`
    (the staff web view names it in Korean, and Datasette labels its form field with that name)."""
    return _SEARCH_SQL.replace(":q", f":{param}")


def search(db: Database, term: str, *, limit: int = DEFAULT_LIMIT) -> list[dict[str, Any]]:
    """Enquiries whose text contains `term` (case-insensitive for Latin letters), newest first."""
    return list(db.query(search_sql() + " LIMIT :limit", {"q": term, "limit": limit}))


def fold_deleted(db: Database) -> None:
    """Merge the index's segments, dropping what deleted or blanked texts left in them (see above)."""
    if db[SEARCH_INDEX].exists():
        db.execute(f"INSERT INTO {SEARCH_INDEX} ({SEARCH_INDEX}) VALUES ('optimize')")

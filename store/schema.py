"""The database schema, as an ordered list of sqlite-utils migrations.

Never edit a migration that has shipped: add a new one below it. Each runs once per database file, inside
a transaction together with its record in the `_sqlite_migrations` table.

Personal fields (text, name, contact, question) are deliberately left without indexes: an index would
keep another copy of them that forgetting would have to reach too.
"""
from __future__ import annotations

from sqlite_utils import Database, Migrations

migrations = Migrations("agency-bot")


@migrations()
def m001_enquiry_log(db: Database) -> None:
    """Every incoming message and button press, the matcher's decision about it, and 👍/👎."""
    db.execute(
        """
        CREATE TABLE enquiries (
            id INTEGER PRIMARY KEY,
            time TEXT NOT NULL,                 -- UTC ISO-8601
            user_id INTEGER,                    -- NULL once anonymised by the retention purge
            chat_id INTEGER,
            lang TEXT,                          -- Telegram's language_code, or the user's choice
            text TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT 'message'
                CHECK (source IN ('message', 'edited', 'button', 'command', 'nontext')),
            update_id INTEGER,
            kind TEXT CHECK (kind IN ('answer', 'suggest', 'fallback')),   -- the decision, once made
            item_id TEXT,
            aspect TEXT,
            score REAL,
            candidates TEXT,                    -- JSON: [{"id", "kind", "score"}, ...]
            elapsed_ms REAL
        )
        """
    )
    db.execute("CREATE INDEX enquiries_user ON enquiries (user_id, id)")
    db.execute("CREATE INDEX enquiries_time ON enquiries (time)")
    db.execute(
        """
        CREATE TABLE feedback (
            enquiry_id INTEGER PRIMARY KEY REFERENCES enquiries (id) ON DELETE CASCADE,
            user_id INTEGER,
            helpful INTEGER NOT NULL CHECK (helpful IN (0, 1)),
            time TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX feedback_user ON feedback (user_id)")

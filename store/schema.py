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


@migrations()
def m002_staff_desk(db: Database) -> None:
    """Follow-up tickets and their messages, the outbox of messages still to deliver, blocked chats."""
    db.execute(
        """
        CREATE TABLE tickets (
            number INTEGER PRIMARY KEY AUTOINCREMENT,   -- shown to the user and staff; never reused
            user_id INTEGER NOT NULL,
            chat_id INTEGER NOT NULL,
            lang TEXT,
            name TEXT,                          -- personal fields: NULL when anonymous or forgotten
            contact TEXT,
            contact_kind TEXT CHECK (contact_kind IN ('phone', 'email')),
            question TEXT,
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'claimed', 'answered', 'closed')),
            claimed_by INTEGER,
            claimed_by_name TEXT,
            claimed_at TEXT,
            consent_at TEXT,                    -- NULL: left without consent (anonymous)
            consent_version TEXT,
            anonymous INTEGER NOT NULL DEFAULT 0 CHECK (anonymous IN (0, 1)),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,           -- last activity; the retention period runs from here
            answered_at TEXT,                   -- first staff answer
            answered_by INTEGER,
            closed_at TEXT,
            closed_by INTEGER,
            staff_chat_id INTEGER,
            staff_card_message_id INTEGER,
            deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
            deleted_at TEXT
        )
        """
    )
    db.execute("CREATE INDEX tickets_user ON tickets (user_id, number)")
    db.execute("CREATE INDEX tickets_status ON tickets (status, number)")
    db.execute("CREATE INDEX tickets_card ON tickets (staff_chat_id, staff_card_message_id)")
    db.execute(
        """
        CREATE TABLE ticket_messages (
            id INTEGER PRIMARY KEY,
            ticket INTEGER NOT NULL REFERENCES tickets (number),
            who TEXT NOT NULL CHECK (who IN ('user', 'staff')),
            text TEXT,                          -- NULL once forgotten
            time TEXT NOT NULL,
            staff_id INTEGER,
            staff_name TEXT
        )
        """
    )
    db.execute("CREATE INDEX ticket_messages_ticket ON ticket_messages (ticket, id)")
    db.execute(
        """
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            chat_id INTEGER NOT NULL,
            text TEXT,
            parse_mode TEXT,
            reply_markup TEXT,                  -- JSON, as the Bot API takes it
            edit_message_id INTEGER,            -- set: edit this message in place instead of sending
            purpose TEXT NOT NULL,
            ticket INTEGER REFERENCES tickets (number),
            status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'blocked')),
            attempts INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            next_attempt_at TEXT NOT NULL,
            sent_at TEXT,
            last_error TEXT,
            sent_message_id INTEGER
        )
        """
    )
    db.execute("CREATE INDEX outbox_due ON outbox (status, next_attempt_at)")
    db.execute("CREATE INDEX outbox_sent ON outbox (chat_id, sent_message_id)")
    db.execute("CREATE INDEX outbox_ticket ON outbox (ticket)")
    db.execute(
        """
        CREATE TABLE blocked_users (
            chat_id INTEGER PRIMARY KEY,        -- a private chat's id is the user's id
            user_id INTEGER,
            blocked_at TEXT NOT NULL,
            outbox_id INTEGER,
            ticket INTEGER
        )
        """
    )


@migrations()
def m003_tickets_can_lose_their_user(db: Database) -> None:
    """Let the retention purge unlink a ticket from its person: tickets.user_id and chat_id become nullable.

    SQLite cannot drop NOT NULL in place, so sqlite-utils rebuilds the table (copy, drop, rename), keeping
    its rows, indexes, AUTOINCREMENT counter and the foreign keys that point at it.
    """
    db.table("tickets").transform(not_null={"user_id": False, "chat_id": False})


@migrations()
def m004_outbox_flood_waits(db: Database) -> None:
    """Count Telegram's 429 flood waits apart from failures: they never give a row up nor lengthen its backoff."""
    db.table("outbox").add_column("flood_waits", int, not_null_default=0)


# -- Search over enquiry texts (the staff web view's 문의 검색) -----------------------------------------
# Kept apart: an index of the texts, kept in step with the enquiries table by triggers, so whatever deletes
# or blanks a text (forget, the retention purge) removes it from the index as well. store/search.py
# explains the search itself and folds deleted entries out of the index after a forget or purge.

@migrations()
def m005_enquiry_search(db: Database) -> None:
    """An FTS5 index of enquiries.text with the trigram tokenizer: substring search that needs no word
    boundaries, so it works for Korean (절차 in 절차가, 수소 in 수소충전소)."""
    db.execute(
        "CREATE VIRTUAL TABLE enquiries_fts USING fts5(text, content='enquiries', content_rowid='id',"
        " tokenize='trigram')"
    )
    db.execute("INSERT INTO enquiries_fts (enquiries_fts) VALUES ('rebuild')")
    db.execute(
        "CREATE TRIGGER enquiries_fts_insert AFTER INSERT ON enquiries BEGIN"
        " INSERT INTO enquiries_fts (rowid, text) VALUES (new.id, new.text); END"
    )
    db.execute(
        "CREATE TRIGGER enquiries_fts_delete AFTER DELETE ON enquiries BEGIN"
        " INSERT INTO enquiries_fts (enquiries_fts, rowid, text) VALUES ('delete', old.id, old.text); END"
    )
    db.execute(
        "CREATE TRIGGER enquiries_fts_update AFTER UPDATE OF text ON enquiries BEGIN"
        " INSERT INTO enquiries_fts (enquiries_fts, rowid, text) VALUES ('delete', old.id, old.text);"
        " INSERT INTO enquiries_fts (rowid, text) VALUES (new.id, new.text); END"
    )


# -- A picture in the outbox (the weekly report's chart to the staff chat) ------------------------------

@migrations()
def m006_outbox_photo(db: Database) -> None:
    """An outbox row may carry a picture (PNG bytes), sent with its text as the caption; cleared once sent."""
    db.table("outbox").add_column("photo", bytes)


@migrations()
def m007_alert_subscriptions(db: Database) -> None:
    """Alerts: who asked to hear about a program or an area, and which windows they were told of.

    alerts_sent's primary key (subscription, window) is what makes an alert fire once: it is written in
    the same transaction as the outbox row that carries the message, so neither a crash nor a restart
    can send it twice. windows_seen remembers when the bot first saw each window in the knowledge files,
    so a notice staff add later counts as new for the people subscribed before it.
    """
    db.execute(
        """
        CREATE TABLE subscriptions (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL,
            chat_id INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('program', 'area')),
            target TEXT NOT NULL,               -- a program or area id
            lang TEXT,
            created_at TEXT NOT NULL,
            UNIQUE (user_id, kind, target)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE alerts_sent (
            subscription INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
            window TEXT NOT NULL,               -- <program id>/<window key>
            outbox_id INTEGER,                  -- NULL: the same person was told through another subscription
            created_at TEXT NOT NULL,
            PRIMARY KEY (subscription, window)
        )
        """
    )
    db.execute("CREATE TABLE windows_seen (window TEXT PRIMARY KEY, first_seen_at TEXT NOT NULL)")


@migrations()
def m008_step_replies(db: Database) -> None:
    """A message that answered a step (a typed 네 at the consent notice or /forget's confirmation, a name,
    the follow-up's question) is logged like any other, but is no question to the bot: step_reply = 1
    keeps it out of /mydata's recent questions, the statistics and `enquiries unanswered`."""
    db.table("enquiries").add_column("step_reply", int, not_null_default=0)


@migrations()
def m009_report_periods(db: Database) -> None:
    """A report row keeps the period it covers ("<since>/<until>", UTC ISO-8601): a report quotes people's
    unanswered questions, and when one of them asks to be forgotten it is drawn again for that period."""
    db.table("outbox").add_column("period", str)

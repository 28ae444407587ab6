"""`python bot.py web` and `python bot.py web hash-password`."""
from __future__ import annotations

import getpass
import sqlite3
import sys

from knowledge.model import KnowledgeBase
from settings import Settings
from web.accounts import ENV, AccountsError, hash_password, parse_accounts

MIN_PASSWORD = 10


def run_web(settings: Settings, kb: KnowledgeBase, *, port: int) -> int:
    """Serve the web view over BOT_DB on 127.0.0.1:port until interrupted."""
    from store.database import open_database
    from web.server import HOST, build_datasette, serve

    try:
        accounts = parse_accounts(settings.staff_web_accounts)
    except AccountsError as error:
        print(error, file=sys.stderr)
        return 2
    if not accounts:
        print(f"{ENV} is not set: no one could log in. Make a hash with `python bot.py web hash-password`"
              f" and set {ENV}=name:hash (docs/staff-web.md).", file=sys.stderr)
        return 2
    if not 0 < port < 65536:
        print(f"--port must be between 1 and 65535 (got {port})", file=sys.stderr)
        return 2
    try:
        # Bring the schema up to date once (the search index is a migration); the web view then only reads.
        open_database(settings.db_path).close()
    except (sqlite3.DatabaseError, OSError) as error:
        print(f"Cannot open the database {settings.db_path} (BOT_DB): {error}", file=sys.stderr)
        return 1
    datasette = build_datasette(settings.db_path, accounts, kb=kb)
    print(f"Staff web view: http://{HOST}:{port}/ ({len(accounts)} account(s); Ctrl-C stops it)", flush=True)
    try:
        serve(datasette, port=port)
    except KeyboardInterrupt:
        pass
    return 0


def run_hash_password(name: str) -> int:
    """Ask for a password twice (or read one line from a pipe) and print `name:hash` for STAFF_WEB_ACCOUNTS."""
    if sys.stdin.isatty():
        password = getpass.getpass("Password: ")
        if getpass.getpass("Again: ") != password:
            print("The two passwords differ; nothing was made.", file=sys.stderr)
            return 1
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    if len(password) < MIN_PASSWORD:
        print(f"Use at least {MIN_PASSWORD} characters.", file=sys.stderr)
        return 1
    print(f"{name}:{hash_password(password)}")
    return 0

"""Building and serving the Datasette instance of the staff web view."""
from __future__ import annotations

import asyncio
import copy
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from knowledge.model import Item, KnowledgeBase, korean_name
from store.private_files import write_private
from store.search import search_sql

HERE = Path(__file__).resolve().parent
METADATA = HERE / "metadata.yaml"
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
HOST = "127.0.0.1"
DEFAULT_PORT = 8001
SEARCH_PARAM = "검색어"
SEARCH_LIMIT = 200

# Datasette settings: no download of the whole database file (it holds every user's details), CSV of
# every row of a table or query (streamed), facets only where the metadata asks for them.
SETTINGS = {
    "allow_download": False,
    "allow_csv_stream": True,
    "suggest_facets": False,
    "default_page_size": 50,
    "sql_time_limit_ms": 3000,
    "max_returned_rows": 2000,
    "truncate_cells_html": 300,
}


@lru_cache(maxsize=1)
def _base_metadata() -> dict[str, Any]:
    with open(METADATA, encoding="utf-8") as file:
        return yaml.safe_load(file)


def build_metadata(database: str, accounts: dict[str, str], kb: KnowledgeBase | None = None) -> dict[str, Any]:
    """The metadata for the bot's database named `database`, allowing exactly the staff `accounts`."""
    base = copy.deepcopy(_base_metadata())
    db = base.pop("database")
    db["queries"]["search"]["sql"] = (
        "SELECT id AS 번호, strftime('%Y-%m-%d %H:%M', time, '+9 hours') AS 시각, text AS 질문,"
        " CASE kind WHEN 'answer' THEN '답변함' WHEN 'suggest' THEN '비슷한 항목 제안'"
        " WHEN 'fallback' THEN '답하지 못함' ELSE '' END AS 처리,"
        " coalesce(item_name(item_id), '') AS 답한_항목"
        f" FROM ({search_sql(SEARCH_PARAM)}) ORDER BY id DESC LIMIT {SEARCH_LIMIT}"
    )
    base["databases"] = {database: db}
    # Every page needs one of these accounts (view-instance); the login page and static files do not.
    base["allow"] = {"id": sorted(accounts)}
    plugins = base.setdefault("plugins", {})
    plugins["datasette-auth-passwords"] = {
        "actors": {name: {"id": name} for name in accounts},
        **{f"{name}_password_hash": hashed for name, hashed in accounts.items()},
    }
    names, kinds = _item_names(kb)
    plugins["staff-web"] = {**plugins.get("staff-web", {}), "item_names": names, "item_kinds": kinds}
    return base


def _item_names(kb: KnowledgeBase | None) -> tuple[dict[str, str], dict[str, str]]:
    if kb is None:
        return {}, {}
    items: tuple[Item, ...] = (*kb.programs, *kb.faqs, *kb.referrals, *kb.intents)
    return {item.id: korean_name(item) for item in items}, {item.id: item.kind for item in items}


def secret_for(db_path: Path) -> str:
    """The key that signs login cookies, kept beside the database (mode 0600) so logins survive a restart."""
    path = db_path.with_name(db_path.stem + "-web-secret")
    if path.is_file():
        value = path.read_text(encoding="ascii").strip()
        if value:
            return value
    value = secrets.token_hex(32)
    write_private(path, value + "\n")
    return value


def build_datasette(db_path: Path, accounts: dict[str, str], *, kb: KnowledgeBase | None = None,
                    secret: str | None = None) -> Any:
    """A Datasette over `db_path` (read-only: Datasette opens a file it may see change with mode=ro)."""
    from datasette.app import Datasette
    from datasette.plugins import pm

    from web import plugin

    if not pm.is_registered(plugin):
        pm.register(plugin, name=plugin.PLUGIN)
    return Datasette(
        files=[str(db_path)],
        metadata=build_metadata(db_path.stem, accounts, kb),
        settings=SETTINGS,
        template_dir=str(TEMPLATES),
        static_mounts=[("staff-static", str(STATIC))],
        secret=secret or secret_for(db_path),
    )


def serve(datasette: Any, port: int = DEFAULT_PORT, host: str = HOST) -> None:
    """Serve until interrupted (what `datasette serve` does: start-up hooks, then uvicorn)."""
    import uvicorn

    asyncio.run(datasette.invoke_startup())
    uvicorn.run(datasette.app(), host=host, port=port, log_level="warning", proxy_headers=True,
                forwarded_allow_ips="127.0.0.1")

"""Datasette hooks for the staff web view (registered by server.py).

- Login first: anyone not logged in who is refused a page is sent to the login page (the JSON API answers
  403 with a short note); Datasette's own permission check (`allow` in the metadata) does the refusing.
  The only pages open without login are the login page and static files, which name no table.
- `item_name(id)` and `item_kind(id)` in SQL: the knowledge base's Korean names for the ids the log keeps.
- The front page's list of canned queries (templates/index.html).
- In the tables, an item id (enquiries.item_id) is shown with its Korean name beside it.
- /-/password-tool (datasette-auth-passwords' hashing page) is switched off: nobody needs it on a server,
  and each request costs 480,000 PBKDF2 rounds; `python bot.py web hash-password` does the same offline.
"""
from __future__ import annotations

from typing import Any

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

PLUGIN = "staff-web"
CLOSED_PATHS = ("/-/password-tool", "/-/allow-debug")  # tools open to anyone in Datasette


def _config(datasette: Any) -> dict[str, Any]:
    return datasette.plugin_config(PLUGIN) or {}


@hookimpl
def forbidden(datasette: Any, request: Any, message: str) -> Response | None:
    if request.actor:
        return None  # logged in but not allowed this: Datasette's own 403 page
    if request.path.endswith(".json") or request.args.get("_format") == "json" or ".json?" in request.full_path:
        return Response.json({"ok": False, "status": 403, "error": _config(datasette).get("login_required", "login")},
                             status=403)
    return Response.redirect(datasette.urls.path("/-/login"))


@hookimpl
def prepare_connection(conn: Any, database: str, datasette: Any) -> None:
    names: dict[str, str] = _config(datasette).get("item_names", {})
    kinds: dict[str, str] = _config(datasette).get("item_kinds", {})
    conn.create_function("item_name", 1, lambda item_id: names.get(item_id, item_id), deterministic=True)
    conn.create_function("item_kind", 1, lambda item_id: kinds.get(item_id), deterministic=True)


@hookimpl
def render_cell(value: Any, column: str, table: str | None, database: str, datasette: Any) -> Markup | None:
    if column != "item_id" or not isinstance(value, str):
        return None
    name = _config(datasette).get("item_names", {}).get(value)
    if not name or name == value:
        return None
    return Markup(f'{escape(value)} <span class="staff-item-name">{escape(name)}</span>')


@hookimpl
def extra_template_vars(template: str, database: str | None, datasette: Any, request: Any) -> Any:
    if template != "index.html":
        return {}

    async def front_page() -> dict[str, Any]:
        """Each database's canned queries and visible tables, with their Korean titles."""
        sections = []
        for name in datasette.databases:
            if name == "_internal":
                continue
            queries = await datasette.get_canned_queries(name, request.actor)
            tables = (datasette.metadata(database=name) or {}).get("tables", {})
            db = datasette.databases[name]
            visible = [t for t in await db.table_names() if not tables.get(t, {}).get("hidden")
                       and t not in await db.hidden_table_names()]
            sections.append({
                "name": name,
                "queries": [{"name": q, **query} for q, query in queries.items()],
                "tables": [{"name": t, "title": tables.get(t, {}).get("title", t),
                            "description": tables.get(t, {}).get("description", "")} for t in visible],
            })
        return {"staff_sections": sections}

    return front_page


@hookimpl
def asgi_wrapper(datasette: Any) -> Any:
    def wrap(app: Any) -> Any:
        async def closed_paths(scope: dict, receive: Any, send: Any) -> None:
            if scope["type"] == "http" and scope.get("path", "").rstrip("/") in CLOSED_PATHS:
                await Response.text("Not found", status=404).asgi_send(send)
                return
            await app(scope, receive, send)

        return closed_paths

    return wrap

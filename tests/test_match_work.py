"""Work a match does not repeat (README "Performance"): the model read once per message, a message's vector
and a text's analysis remembered, and none of it changing an answer; and start-up work it skips."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from conftest import write_knowledge
from intents import asked_area
from intents.analyzer import UNKNOWN_PREFIX, Analyzer
from intents.lexicon import load_lexicon
from intents.matcher import Matcher
from intents.real_words import _korean_list
from intents.semantic import Embedder
from test_fitting import KNOWLEDGE


class CountingModel:
    """The real model, counting the texts it is asked to read."""

    def __init__(self, model: object) -> None:
        self.model = model
        self.dim = model.dim  # type: ignore[attr-defined]
        self.read: list[object] = []

    def query(self, texts: object) -> np.ndarray:
        self.read.append(texts)
        return self.model.query(texts)  # type: ignore[attr-defined]


@pytest.fixture
def counting(embedder: Embedder) -> tuple[Embedder, CountingModel]:
    model = CountingModel(embedder._model)
    return Embedder(model, embedder.version), model


@pytest.fixture
def jobs(tmp_path: Path, counting: tuple[Embedder, CountingModel]) -> tuple[Matcher, CountingModel]:
    embedder, model = counting
    matcher = Matcher(write_knowledge(tmp_path, KNOWLEDGE), embedder=embedder, cache_dir=tmp_path, cache_size=0)
    assert matcher.mode == "hybrid"
    model.read.clear()
    return matcher, model


@pytest.mark.parametrize("text", ["50대도 창업 지원 되나요?", "30대 직장인인데 받을 수 있는 지원이 있나요?",
                                  "저는 40대 주부인데 일자리 구할 수 있나요", "중장년인데 일자리 프로그램 있나요"])
def test_who_asks_is_taken_out_without_a_second_model_call(jobs: tuple[Matcher, CountingModel], text: str) -> None:
    """The question less who asks is read again for an area's list: lexically, since only the lexical reading
    makes one, so the model reads the message once, and the answer is the one a second model reading gives."""
    matcher, model = jobs
    decision = matcher.match(text)
    # Besides the message, the model reads only words of it the knowledge base never writes (intents/kin_words.py),
    # all in one call.
    assert model.read[0] == text and len(model.read) <= 2
    assert all(isinstance(words, list) and all(w in text for w in words) for words in model.read[1:])
    before = len(model.read)
    rest = asked_area._less_asker(matcher, text)
    assert rest is not None and asked_area._less_asker(matcher, rest) is None
    second = matcher.match(rest)  # the second reading as it was, with the model
    assert model.read[before] == rest
    assert all(isinstance(words, list) and all(w in rest for w in words) for words in model.read[before + 1:])
    assert decision.area == second.area and (second.area is None or decision == second)


def test_an_area_found_without_who_asks_is_the_same(jobs: tuple[Matcher, CountingModel]) -> None:
    matcher, _ = jobs
    decision = matcher.match("60대도 청년 일자리 되나요?")
    assert decision.area == "jobs" and decision == matcher.match("청년 일자리 되나요?")


def test_a_message_vector_is_remembered(counting: tuple[Embedder, CountingModel]) -> None:
    embedder, model = counting
    first = embedder.embed_one("수출 지원 있나요")
    again = embedder.embed_one("수출 지원 있나요")
    assert model.read == ["수출 지원 있나요"]
    assert again is first and not first.flags.writeable  # handed out again: nobody may change it
    assert np.array_equal(first, np.asarray(model.model.query("수출 지원 있나요"), dtype=np.float32))
    embedder.embed_one("창업 지원 있나요")
    assert model.read == ["수출 지원 있나요", "창업 지원 있나요"]


def test_words_are_embedded_in_one_call_as_each_alone(counting: tuple[Embedder, CountingModel]) -> None:
    embedder, model = counting
    embedder.embed_one("렌탈")
    before = len(model.read)
    vectors = embedder.embed_each(["렌탈", "웨딩", "테스트", "웨딩"])
    assert model.read[before:] == [["웨딩", "테스트"]]  # one call, the remembered word and the repeat left out
    for word, vector in zip(["렌탈", "웨딩", "테스트", "웨딩"], vectors):
        assert np.allclose(vector, np.asarray(model.model.query(word), dtype=np.float32), atol=1e-6)
        assert not vector.flags.writeable
    assert vectors[1] is vectors[3] and embedder.embed_one("테스트") is vectors[2]  # remembered for next time
    assert len(model.read) == before + 1


def test_a_remembered_analysis_follows_the_vocabulary() -> None:
    """Analyses are remembered, but a word learned after one was made is read as known from then on."""
    analyzer = Analyzer(load_lexicon())
    analyzer.learn(["수소 충전소"])
    analyzer.finish()
    assert analyzer.analyze("드론 배송") is analyzer.analyze("드론 배송")
    assert any(t.startswith(UNKNOWN_PREFIX) for t in analyzer.analyze("드론 배송").terms)
    analyzer.learn(["드론 배송 실증"])
    analyzer.finish()
    assert not any(t.startswith(UNKNOWN_PREFIX) for t in analyzer.analyze("드론 배송").terms)


def test_the_korean_word_list_is_wordfreqs_own() -> None:
    """Read from wordfreq's data file without importing wordfreq (a quarter of a second of a start): the
    very list wordfreq gives."""
    import wordfreq

    assert _korean_list() == wordfreq.get_frequency_list("ko", wordlist="small")

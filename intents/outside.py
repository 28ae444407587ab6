"""Outside any agency's work: a paraphrase the model and the lexical matcher agree on is answered under the
fusion's bar only where the question is nearer the knowledge base than everyday needs of a person.

Why: a paraphrase (`기계가 자꾸 멈추는데 와서 봐줄 전문가 없나요`) shares few words with its item, so its fused
score stays under the bar although the model's nearest item, the lexical matcher's candidates and the fused
first item all agree. Out-of-scope questions reach the same place with the same scores (`전세 자금 대출 받고
싶어요`, `방산 주식 전망`): the fusion's features cannot tell them apart (docs/matching.md). What can is the
model's own vector of the question, read once already: an everyday need of a person (a loan for a flat, a
hospital, a used car, a school) lies near sentences about such needs, which no industry-promotion agency
serves, while a paraphrase of an agency's service lies nearer that agency's own phrasings. The sentences are
language data (intents/lexicon/outside.yaml); the knowledge base itself says what is inside. No model call per
message: the sentences are embedded when the knowledge base is indexed (cached with its phrasings).

The rule (intents/matcher.py `_fuse`, after the body and story confirmations), all of:
- the fused first item is a program, FAQ or referral, the model's nearest item and among the lexical
  matcher's first three;
- the model finds it at least `cosine` similar; a question in a language whose cosines sit lower (English, by the
  knowledge base's own offset: intents/semantic.py `language_offsets`) at least `cosine` - offset, and then more
  similar than any other item by `language_gap` (on the lower scale two items within a hair are a tie);
- the question holds no word the knowledge base never writes (intents/scope.py `is_novel`: a near miss names
  another thing, 웨딩, 전기차);
- its similarity leads the nearest outside sentence's by at least `margin`;
- its fused score leads the next item's by at least `lead` (two siblings close together are a question to ask).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from intents.lexicon import checked_numbers
from intents.semantic import Embedder, SemanticCache

OUTSIDE_FILE = Path(__file__).resolve().parent / "lexicon" / "outside.yaml"


@dataclass(frozen=True)
class OutsideSettings:
    cosine: float = 0.92  # the model's similarity to the fused first item, at least
    margin: float = 0.06  # ... leading the nearest outside sentence's by at least this
    lead: float = 0.05  # the fused first item's lead over the next (the fusion's own margin is 0.1)
    language_gap: float = 0.02  # on a language's lower scale only: the item's lead over the model's next item


@dataclass(frozen=True)
class Outside:
    settings: OutsideSettings
    matrix: np.ndarray  # one row per outside sentence

    @classmethod
    def build(cls, cache: SemanticCache, embedder: Embedder,
              loaded: "tuple[OutsideSettings, list[str]] | None" = None) -> "Outside":
        """`loaded`: load_outside()'s result where the caller has read it already (the matcher, for its cache)."""
        settings, sentences = loaded if loaded is not None else load_outside()
        return cls(settings, cache.vectors_for(sentences, embedder))

    def nearest(self, query: np.ndarray) -> float:
        """The model's similarity of the question (its vector) to the nearest outside sentence."""
        return float((self.matrix @ query).max()) if len(self.matrix) else -1.0

    def clear(self, cosine: float, query: np.ndarray, shift: float = 0.0, runner: float = -1.0) -> bool:
        """Whether an item the model finds `cosine` similar to the question is near enough, and nearer than
        everyday needs of a person by the margin."""
        s = self.settings
        if cosine < s.cosine and (cosine < s.cosine - shift or cosine - runner < s.language_gap):
            return False
        return cosine - self.nearest(query) >= s.margin


def load_outside(path: Path = OUTSIDE_FILE) -> tuple[OutsideSettings, list[str]]:
    with path.open(encoding="utf-8") as handle:
        raw = yaml.safe_load(handle) or {}
    settings = OutsideSettings(**checked_numbers(OutsideSettings, raw.get("numbers") or {}, path))
    sentences = [" ".join(str(s).split()) for s in raw.get("sentences") or () if str(s).strip()]
    return settings, sentences

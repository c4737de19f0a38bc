"""Is a document a sports report? Event data leaves those out.

Match reports and transfer gossip name clubs after cities ("Liverpool", "Valencia"), call
national teams by their states' names ("Australia facing South Africa") and tell of play
in the words of politics ("met Neville's cross", "threatened Liverpool's defence",
"accused Liverpool of ..."): read as claims, nearly every one is wrong, and the wrong ones
land on states. Event data systems filter such stories before coding them (Phoenix's
pipeline, ICEWS); actorgraph keeps their actors, mentions and attributions but states no
claims from them (pipeline.py).

The classifier is a logistic regression over the document's words (lower case, counted
once per document), numpy only; weights in data/models/topic/, trained by
scripts/train_topic.py (see MODEL_CARD.md there). A document counts as a sports report
when the model's probability reaches the stored threshold, chosen so that no non-sport news
article was flagged out of fold: a political story that mentions a match stays political.
"""

from __future__ import annotations

import json
import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

MODEL_DIR = Path(__file__).resolve().parent.parent / "data" / "models" / "topic"
WORD = re.compile(r"[a-z][a-z'\-]*[a-z]|[a-z]")
SPORT = "sport"
# Fewer distinct words than this is a sentence or a brief, not a report: one sentence on fans
# detained after a football match is an event (the shortest BBC sports report has 63 words).
MIN_WORDS = 50


def words_of(text: str) -> set[str]:
    """The distinct lower-case words of a text: the classifier's features."""
    return set(WORD.findall(text.lower()))


def word_code(word: str) -> int:
    return zlib.crc32(word.encode("utf-8"))


@dataclass(frozen=True)
class SportFilter:
    """Logistic regression: P(sports report | the document's words)."""

    codes: np.ndarray  # sorted crc32 codes of the words kept
    weights: np.ndarray  # one weight per code
    bias: float
    threshold: float

    @classmethod
    def load(cls, path: Path | str | None = None) -> SportFilter | None:
        """The packaged model (cached), or None where its files are missing."""
        return _load(str(path or MODEL_DIR))

    def probability(self, text: str) -> float:
        return self._probability(words_of(text))

    def _probability(self, words: set[str]) -> float:
        codes = np.fromiter((word_code(w) for w in words), dtype=np.uint32)
        at = np.minimum(np.searchsorted(self.codes, codes), len(self.codes) - 1)
        known = at[self.codes[at] == codes]
        # the words as a unit-length 0/1 vector, as in training
        score = self.bias + float(self.weights[known].sum()) / np.sqrt(max(len(codes), 1))
        return float(1.0 / (1.0 + np.exp(-score)))

    def topic(self, text: str) -> str | None:
        """ "sport" for a sports report, else None."""
        words = words_of(text)
        return SPORT if len(words) >= MIN_WORDS and self._probability(words) >= self.threshold else None


@lru_cache(maxsize=4)
def _load(path: str) -> SportFilter | None:
    folder = Path(path)
    if not (folder / "sport.npz").is_file():
        return None
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    with np.load(folder / "sport.npz") as z:
        return SportFilter(
            codes=z["codes"].astype(np.uint32),
            weights=z["weights"].astype(np.float32),
            bias=float(meta["bias"]),
            threshold=float(meta["threshold"]),
        )

"""Near-duplicate documents by MinHash over word shingles, with LSH bands to find candidates.

Wire stories are republished by many outlets, sometimes with a new headline, a dateline or a
credit line. Counted as separate sources they make one report look like corroboration (GDELT's
best-known flaw). A document whose estimated Jaccard similarity with an earlier one is at
least `THRESHOLD` is stored as its copy.

The signature is `PERMUTATIONS` minima of multiply-shift hashes `(a*h + b) mod 2**64 >> 32`
(a odd; numpy's uint64 arithmetic wraps) over the 64-bit hashes h of the text's word 3-shingles.
`BANDS` bands of `ROWS` rows each are hashed for lookup: two documents sharing a band are
candidates (probability of sharing one at similarity s: 1 - (1 - s**ROWS)**BANDS, about 0.99 at
s = 0.7), and a candidate is a duplicate when the signatures agree on >= THRESHOLD of positions.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np

PERMUTATIONS = 128
BANDS, ROWS = 32, 4
SHINGLE = 3
THRESHOLD = 0.7
_rng = np.random.default_rng(20240601)  # fixed: signatures must be comparable across runs
_A = _rng.integers(0, np.iinfo(np.uint64).max, PERMUTATIONS, dtype=np.uint64, endpoint=True) | np.uint64(1)
_B = _rng.integers(0, np.iinfo(np.uint64).max, PERMUTATIONS, dtype=np.uint64, endpoint=True)
_WORD = re.compile(r"\w+")

assert BANDS * ROWS == PERMUTATIONS


def shingles(text: str, k: int = SHINGLE) -> set[str]:
    """The text's word k-shingles, case-folded; a text shorter than k words is one shingle."""
    words = _WORD.findall(text.casefold())
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}


def signature(text: str) -> np.ndarray:
    """The MinHash signature of `text`: PERMUTATIONS uint32 values."""
    grams = shingles(text)
    if not grams:
        return np.full(PERMUTATIONS, 0xFFFFFFFF, dtype=np.uint32)
    hashes = np.fromiter(
        (int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "little") for g in grams),
        dtype=np.uint64,
        count=len(grams),
    )
    mixed = (np.outer(hashes, _A) + _B) >> np.uint64(32)  # shingles x permutations, wrapping
    return mixed.min(axis=0).astype(np.uint32)


def to_bytes(sig: np.ndarray) -> bytes:
    """A signature as stored (little-endian uint32s)."""
    return sig.astype("<u4").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    """A stored signature back as an array."""
    return np.frombuffer(data, dtype="<u4")


def bands(sig: np.ndarray) -> list[tuple[int, int]]:
    """(band number, 63-bit hash of the band's rows): what the store indexes to find candidates."""
    raw = sig.astype("<u4")
    out = []
    for band in range(BANDS):
        digest = hashlib.blake2b(raw[band * ROWS : (band + 1) * ROWS].tobytes(), digest_size=8).digest()
        out.append((band, int.from_bytes(digest, "little") >> 1))  # fits a signed BIGINT
    return out


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """The estimated Jaccard similarity of two signatures' texts."""
    return float(np.mean(a == b))

"""Train the sports-report filter of extract/topic.py (`make train-topic`, about a minute).

    python scripts/train_topic.py [--shared ../shared] [--out src/actorgraph/data/models/topic]

Data, read from ../shared (never copied): the 2,225 BBC articles of data/corpus/bbc.jsonl,
a sports report where the article's id is in BBC's sport section (511); as further
non-sport documents, the 840 PolNeAR train articles (US political news) so that politics
written in the words of a contest ("the race", "a campaign's ground game") stays politics,
and the 4,500 synthetic PLOVER stories (training only) so that a riot at a match or a
football fan jailed for treason stays an event.

Model: logistic regression over the words each document uses (0/1, the vector scaled to
unit length), words found in at least --min-docs documents, L2 penalty, full-batch Adam.
Five folds by document give out-of-fold probabilities; the threshold is the least one that
flags no non-sport news article (BBC, PolNeAR) out of fold, plus --margin (at least 0.5):
the synthetic stories teach the model but do not set the threshold, since some of them are
sport after all (a football association disbanding its team); those flagged are listed. The
final model is fitted on everything. Writes sport.npz (crc32 codes of the words kept and their float16
weights), meta.json (bias, threshold, the CV figures) and prints them.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from actorgraph.extract.topic import word_code, words_of  # noqa: E402


def load(shared: Path) -> tuple[list[str], list[set[str]], np.ndarray]:
    ids, docs, labels = [], [], []
    corpus = shared / "data" / "corpus" / "bbc.jsonl"
    polnear = shared / "data" / "polnear" / "train" / "text"
    synthetic = shared / "data" / "plover_synthetic" / "stories.csv"
    for path in (corpus, polnear, synthetic):
        if not path.exists():
            sys.exit(f"{path} is missing: this script reads the shared data set (--shared)")
    for line in corpus.open(encoding="utf-8"):
        row = json.loads(line)
        ids.append(row["id"])
        docs.append(words_of(row["text"]))
        labels.append(row["id"].startswith("bbc-sport-"))
    for path in sorted(polnear.glob("*.txt")):
        ids.append(f"polnear-train/{path.stem}")
        docs.append(words_of(path.read_text(encoding="utf-8")))
        labels.append(False)
    with synthetic.open(encoding="utf-8", newline="") as f:
        for n, row in enumerate(csv.DictReader(f)):
            ids.append(f"plover-synthetic/{n}")
            docs.append(words_of(row["text"]))
            labels.append(False)
    return ids, docs, np.array(labels, dtype=np.float64)


class Rows:
    """Documents as sparse unit-length 0/1 rows over a vocabulary."""

    def __init__(self, docs: list[set[str]], vocab: dict[str, int]) -> None:
        cols = [[vocab[w] for w in d if w in vocab] for d in docs]
        self.indptr = np.cumsum([0] + [len(c) for c in cols])
        self.indices = np.array([i for c in cols for i in c], dtype=np.int64)
        self.scale = 1.0 / np.sqrt(np.maximum([len(d) for d in docs], 1))  # every word counts in the norm
        self.size = len(vocab)

    def dot(self, w: np.ndarray) -> np.ndarray:
        summed = np.add.reduceat(np.r_[w[self.indices], 0.0], self.indptr[:-1])
        summed[self.indptr[:-1] == self.indptr[1:]] = 0.0
        return summed * self.scale

    def tdot(self, g: np.ndarray) -> np.ndarray:
        per = np.repeat(g * self.scale, np.diff(self.indptr))
        return np.bincount(self.indices, weights=per, minlength=self.size)


def fit(rows: Rows, y: np.ndarray, l2: float, steps: int, lr: float) -> tuple[np.ndarray, float]:
    w, b = np.zeros(rows.size), 0.0
    m, v, mb, vb = np.zeros(rows.size), np.zeros(rows.size), 0.0, 0.0
    for t in range(1, steps + 1):
        p = 1.0 / (1.0 + np.exp(-(rows.dot(w) + b)))
        g = (p - y) / len(y)
        gw, gb = rows.tdot(g) + l2 * w, float(g.sum())
        m, v = 0.9 * m + 0.1 * gw, 0.999 * v + 0.001 * gw**2
        mb, vb = 0.9 * mb + 0.1 * gb, 0.999 * vb + 0.001 * gb**2
        c1, c2 = 1 - 0.9**t, 1 - 0.999**t
        w -= lr * (m / c1) / (np.sqrt(v / c2) + 1e-8)
        b -= lr * (mb / c1) / (np.sqrt(vb / c2) + 1e-8)
    return w, b


def vocabulary(docs: list[set[str]], min_docs: int) -> dict[str, int]:
    counts: dict[str, int] = {}
    for d in docs:
        for word in d:
            counts[word] = counts.get(word, 0) + 1
    return {w: i for i, w in enumerate(sorted(w for w, n in counts.items() if n >= min_docs))}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "actorgraph" / "data" / "models" / "topic")
    ap.add_argument("--min-docs", type=int, default=3)
    ap.add_argument("--l2", type=float, default=1e-6)
    ap.add_argument("--steps", type=int, default=800)
    ap.add_argument("--lr", type=float, default=0.2)
    ap.add_argument("--margin", type=float, default=0.05)
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args()
    t0 = time.time()
    ids, docs, y = load(args.shared)
    rng = np.random.default_rng(0)
    fold = rng.permutation(len(docs)) % args.folds
    oof = np.zeros(len(docs))
    for k in range(args.folds):
        train = np.flatnonzero(fold != k)
        vocab = vocabulary([docs[i] for i in train], args.min_docs)
        w, b = fit(Rows([docs[i] for i in train], vocab), y[train], args.l2, args.steps, args.lr)
        test = np.flatnonzero(fold == k)
        oof[test] = 1.0 / (1.0 + np.exp(-(Rows([docs[i] for i in test], vocab).dot(w) + b)))
    news = np.array([not i.startswith("plover") for i in ids])
    threshold = max(0.5, float(oof[news & (y == 0)].max()) + args.margin)
    flagged = oof >= threshold
    tp = int((flagged & (y == 1)).sum())
    synthetic_flagged = np.flatnonzero(flagged & ~news)
    cv = {
        "threshold": round(threshold, 4),
        "sport_recall": round(tp / int(y.sum()), 4),
        "sport_precision": round(tp / max(int(flagged.sum()), 1), 4),
        "non_sport_news_flagged": int((flagged & news & (y == 0)).sum()),
        "synthetic_flagged": [[ids[i], round(float(oof[i]), 4)] for i in synthetic_flagged],
        "at_0.5": {
            "sport_recall": round(float(((oof >= 0.5) & (y == 1)).sum() / y.sum()), 4),
            "non_sport_flagged": int(((oof >= 0.5) & (y == 0)).sum()),
        },
        "highest_non_sport": [
            [ids[i], round(float(oof[i]), 4)] for i in np.argsort(-np.where(news & (y == 0), oof, -1))[:5]
        ],
        "lowest_sport": [[ids[i], round(float(oof[i]), 4)] for i in np.argsort(np.where(y == 1, oof, 2))[:5]],
    }
    vocab = vocabulary(docs, args.min_docs)
    w, b = fit(Rows(docs, vocab), y, args.l2, args.steps, args.lr)
    words = sorted(vocab, key=vocab.get)
    codes = np.array([word_code(x) for x in words], dtype=np.uint32)
    if len(set(codes.tolist())) != len(codes):
        sys.exit("two kept words share a crc32 code: change --min-docs")
    order = np.argsort(codes)
    args.out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out / "sport.npz", codes=codes[order], weights=w[order].astype(np.float16))
    meta = {
        "bias": round(b, 6),
        "threshold": cv["threshold"],
        "documents": {
            "bbc": int(sum(i.startswith("bbc-") for i in ids)),
            "polnear_train": int(sum(i.startswith("polnear") for i in ids)),
            "plover_synthetic": int(sum(i.startswith("plover") for i in ids)),
            "sport": int(y.sum()),
        },  # fmt: skip
        "words_kept": len(words),
        "settings": {
            k: str(v) if isinstance(v, Path) else v
            for k, v in vars(args).items()
            if k not in ("shared", "out")
        },
        "cross_validation": cv,
        "seconds": round(time.time() - t0, 1),
    }
    (args.out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(meta, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Train the sentence-level PLOVER event typer (actorgraph.extract.event_types).

Data: the 4,500 synthetic PLOVER stories (headline + first sentences, each with the
story's label) and, unless --no-dev, the PLOVER gold dev records (weighted by --dev-weight).
With --cv, also reports 5-fold cross-validated accuracy on the dev records (each fold's
model never sees the records it is scored on). Needs scikit-learn (training only):

    .venv/bin/pip install scikit-learn==1.9.1
    .venv/bin/python scripts/train_events.py --cv
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
OUT = ROOT / "src" / "actorgraph" / "data" / "models" / "events"
OLD = {"FIGHT": "ASSAULT", "DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE"}
SENT = re.compile(r"(?<=[.!?])[\"”]?\s+(?=[A-Z\"“])")

sys.path.insert(0, str(ROOT / "src"))
from actorgraph.extract.event_types import (  # noqa: E402
    EVENT_TYPES,
    N_BUCKETS,
    EventTyper,
    features,
    vectorize,
)


def load_dev(path: Path) -> tuple[list[str], list[str], list[str]]:
    """Id, text and (current PLOVER) event type of each scored gold record."""
    ids, texts, labels = [], [], []
    for r in json.loads(path.read_text(encoding="utf-8")):
        event = OLD.get(r.get("event"), r.get("event"))
        if event in EVENT_TYPES and r.get("text"):
            ids.append(r["id"])
            texts.append(r["text"])
            labels.append(event)
    return ids, texts, labels


def load_synthetic(path: Path, first: int) -> tuple[list[str], list[str]]:
    """Each story's headline and its first `first` sentences, all with the story's label."""
    csv.field_size_limit(1 << 30)
    texts, labels = [], []
    with path.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            if r["label"] not in EVENT_TYPES:
                continue
            sents = [s for p in r["text"].split("\n") if p.strip() for s in SENT.split(p.strip())]
            for t in [r["prompt"].split("\n")[0].strip(), *sents[:first]]:
                texts.append(t)
                labels.append(r["label"])
    return texts, labels


def matrix(texts: list[str]):
    """Sparse (len(texts), N_BUCKETS) feature matrix."""
    import scipy.sparse as sp

    rows, cols, vals = [], [], []
    for n, t in enumerate(texts):
        ids, v = vectorize(features(t))
        rows += [n] * len(ids)
        cols += ids.tolist()
        vals += v.tolist()
    return sp.csr_matrix((vals, (rows, cols)), shape=(len(texts), N_BUCKETS), dtype=np.float32)


def fit(x, y: np.ndarray, weight: np.ndarray, c: float) -> EventTyper:
    """Multinomial logistic regression over the used hash buckets, as an EventTyper."""
    from sklearn.linear_model import LogisticRegression

    used = np.unique(x.indices)
    model = LogisticRegression(C=c, max_iter=150, tol=1e-3)
    model.fit(x[:, used], y, sample_weight=weight)
    order = [list(model.classes_).index(lab) for lab in EVENT_TYPES if lab in model.classes_]
    w = np.zeros((N_BUCKETS, len(order)), dtype=np.float32)
    w[used] = model.coef_[order].T
    return EventTyper(w, model.intercept_[order], [model.classes_[i] for i in order])


def train_typer(xs, ys: np.ndarray, xd, yd: np.ndarray, idx: np.ndarray | None, dev_weight: float,
                c: float) -> EventTyper:  # fmt: skip
    """A typer from the synthetic examples plus the dev records `idx` (None or empty: none)."""
    import scipy.sparse as sp

    if idx is None or not len(idx):
        return fit(xs, ys, np.ones(len(ys)), c)
    x = sp.vstack([xs, xd[idx]]).tocsr()
    w = np.concatenate([np.ones(len(ys)), np.full(len(idx), dev_weight)])
    return fit(x, np.concatenate([ys, yd[idx]]), w, c)


def dev_folds(texts: list[str], labels: list[str]) -> list[tuple[np.ndarray, np.ndarray]]:
    """5 (train, test) index splits of the dev records, stratified by type; records with the
    same text stay in one fold (two dev records share a sentence, with different types)."""
    from sklearn.model_selection import StratifiedGroupKFold

    groups = [t.strip() for t in texts]
    folds = StratifiedGroupKFold(5, shuffle=True, random_state=0)
    return list(folds.split(np.zeros(len(labels)), labels, groups))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--synthetic", type=Path, default=SHARED / "plover_synthetic" / "stories.csv")
    ap.add_argument("--dev", type=Path, default=SHARED / "plover_gsr" / "dev.json")
    ap.add_argument("--first", type=int, default=0, help="story sentences used after the headline")
    ap.add_argument("--dev-weight", type=float, default=5.0)
    ap.add_argument("--no-dev", action="store_true", help="train on the synthetic stories only")
    ap.add_argument("--C", type=float, default=3.0)
    ap.add_argument("--cv", action="store_true", help="report 5-fold CV accuracy on the dev records")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()

    t0 = time.perf_counter()
    sx, sy = load_synthetic(args.synthetic, args.first)
    did, dx, dy = load_dev(args.dev)
    xs, xd = matrix(sx), matrix(dx)
    ys, yd = np.array(sy), np.array(dy)
    report: dict = {"synthetic_examples": len(sx), "dev_records": len(dx), "first_sentences": args.first,
                    "dev_weight": 0 if args.no_dev else args.dev_weight, "C": args.C}  # fmt: skip

    def train(idx: np.ndarray) -> EventTyper:
        return train_typer(xs, ys, xd, yd, None if args.no_dev else idx, args.dev_weight, args.C)

    if args.cv:
        pred = np.empty(len(yd), dtype=object)
        probs: list[dict[str, float]] = [{} for _ in yd]
        for tr, te in dev_folds(dx, dy):
            model = train(tr)
            for i in te:
                probs[i] = {k: round(v, 4) for k, v in model.scores(dx[i]).items()}
                pred[i] = max(probs[i], key=probs[i].get)
        cv = [{"id": i, "gold": g, "scores": p} for i, g, p in zip(did, dy, probs, strict=True)]
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "cv_dev.json").write_text(json.dumps(cv) + "\n", encoding="utf-8")
        report["dev_accuracy"] = round(float(np.mean(pred == yd)), 4)
        report["dev_accuracy_kind"] = "straight" if args.no_dev else "5-fold CV"
        print(json.dumps({k: report[k] for k in ("dev_accuracy", "dev_accuracy_kind")}), flush=True)
    typer = train(np.arange(len(yd)))
    report["train_seconds"] = round(time.perf_counter() - t0, 1)
    typer.save(args.out, {"trained_on": "plover_synthetic" + ("" if args.no_dev else " + plover_gsr dev"),
                          **report})  # fmt: skip
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

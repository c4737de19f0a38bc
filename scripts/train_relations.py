"""Train the relation classifier (src/actorgraph/extract/relation_model.py) on re3d.

    .venv/bin/python scripts/train_relations.py [--gold ../shared/data/re3d] [--cache /tmp/re3d.pkl]

Parses the re3d documents with actorgraph's own pipeline (spaCy, actor resolver, rule
claims), turns every candidate pair of actor phrases into features, labels it from the gold
relations (the shared scorer's reading of them: five classes, Dice >= 0.4 spans, relations
the annotators were unsure of left out), then:

1. 5-fold cross-validation by document: trains on four folds, predicts the fifth, and scores
   the out-of-fold predictions with the scorer's own matching (shared/eval/score_relations.py);
   the decision threshold is the one that maximises the cross-validated F1;
2. trains on every document and writes weights.npz + meta.json (the CV figures, threshold)
   under src/actorgraph/data/models/relations/.

Nothing of re3d is written into the repository but the weights. bench/relations_cv.py
imports this module for its figures.
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(SHARED / "eval"))

from actorgraph.extract import relation_model as rm  # noqa: E402

CLASSES = rm.CLASSES
OUT = rm.MODEL_DIR
DEFAULTS = {
    "epochs": 25,
    "lr": 0.2,
    "l2": 1e-3,
    "dense_l2": 1e-3,
    "min_count": 2,
    "pos_weight": 2.0,
    "folds": 5,
    "all_pairs": 1,  # learn from the pairs with an end that stands for no actor too
    "seed": 0,
    # No class threshold below this: re3d's 64 documents would choose 0.04-0.06, which on the
    # first 200 BBC articles added 14 pair-classifier claims, nearly all wrong ("India's rupee
    # has hit a high after S&P raised ..." as HOSTILE).
    "min_threshold": 0.15,
}


# -- data ------------------------------------------------------------------------------------


def scorer():
    import score_relations  # shared/eval, on sys.path above

    return score_relations


def parse(gold_dir: Path, cache: Path | None = None) -> dict:
    """{doc id: {"doc": spaCy Doc (actors, claims), "claims": contract claims of the rules}}."""
    from actorgraph.ingest import InputDocument
    from actorgraph.pipeline import _annotating_nlp, to_document

    if cache and cache.exists():
        with open(cache, "rb") as f:
            return pickle.load(f)
    gold = scorer().load_gold(str(gold_dir))
    nlp = _annotating_nlp()
    ids = sorted(gold)
    out = {}
    with nlp.select_pipes(
        disable=["actorgraph_relations"]
    ):  # the rules alone: the model learns on top of them
        docs = list(nlp.pipe(gold[i]["text"] for i in ids))
    for doc_id, doc in zip(ids, docs, strict=True):
        out[doc_id] = {
            "doc": doc,
            "claims": to_document(doc, InputDocument(id=doc_id, text=doc.text))["claims"],
        }
    if cache:
        with open(cache, "wb") as f:
            pickle.dump(out, f)
    return out


def label_of(a: rm.End, b: rm.End, relations: list) -> str | None:
    """The label of pair (a, b) against gold relations [(source, target, class)], or None."""
    close = rm.overlapping
    for s, t, cls in relations:
        if close(a.char, s) and close(b.char, t):
            return f"{cls}>" if cls in rm.DIRECTED else cls
        if close(a.char, t) and close(b.char, s):
            return f"{cls}<" if cls in rm.DIRECTED else cls
    return None


def examples(parsed: dict, gold: dict) -> dict:
    """{doc id: (pairs, feature lists, label indexes; -1 = matches only an unsure relation)}."""
    out = {}
    for doc_id, item in parsed.items():
        g = gold[doc_id]
        pairs, feats, dense = rm.doc_pairs(item["doc"], actors_only=False)
        labels = []
        for a, b in pairs:
            lab = label_of(a, b, g["relations"])
            if lab is None:
                lab = "unsure" if label_of(a, b, g["unsure_relations"]) else "none"
            labels.append(rm.LABELS.index(lab) if lab != "unsure" else -1)
        usable = np.array([rm.joins_actors(a, b) for a, b in pairs], dtype=bool)
        out[doc_id] = (pairs, feats, np.array(labels, dtype=np.int64), dense, usable)
    return out


def training_set(data: dict, ids: list[str], hp: dict) -> tuple[list, np.ndarray, np.ndarray]:
    """Features, dense features and labels of the documents `ids`: every candidate pair with
    hp["all_pairs"], else only those the pipeline can state as a claim."""
    feats, X, y = [], [], []
    for d in ids:
        _pairs, f, lab, x, usable = data[d]
        keep = np.ones(len(f), dtype=bool) if hp["all_pairs"] else usable
        feats += [ff for ff, k in zip(f, keep, strict=True) if k]
        X.append(x[keep])
        y.append(lab[keep])
    return feats, np.concatenate(X), np.concatenate(y)


# -- the learner -----------------------------------------------------------------------------


def vocabulary(feats: list[list[str]], min_count: int) -> dict[int, int]:
    counts = Counter(rm.feature_code(x) for names in feats for x in set(names))
    return {c: n for n, c in enumerate(sorted(c for c, k in counts.items() if k >= min_count))}


def encode(feats: list[list[str]], vocab: dict[int, int]) -> list[np.ndarray]:
    rows = []
    for names in feats:
        idx = {vocab[c] for c in (rm.feature_code(x) for x in names) if c in vocab}
        rows.append(np.fromiter(idx, dtype=np.int64, count=len(idx)))
    return rows


def fit(rows: list[np.ndarray], X: np.ndarray, y: np.ndarray, n_feat: int, *, epochs: int, lr: float, l2: float,
        pos_weight: float, seed: int, dense_l2: float, **_) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # fmt: skip
    """Multinomial logistic regression over sparse rows plus dense features X, minibatch
    AdaGrad with L2; returns (sparse weights, bias, dense weights)."""
    rng = np.random.default_rng(seed)
    n_cls = len(rm.LABELS)
    W = np.zeros((n_feat, n_cls), dtype=np.float64)
    b = np.zeros(n_cls)
    V = np.zeros((X.shape[1], n_cls))
    GV = np.full_like(V, 1e-8)
    GW = np.full_like(W, 1e-8)
    Gb = np.full_like(b, 1e-8)
    weight = np.where(y > 0, pos_weight, 1.0)
    order = np.arange(len(rows))
    batch = 32
    for _epoch in range(epochs):
        rng.shuffle(order)
        for s in range(0, len(order), batch):
            ids = order[s : s + batch]
            lens = np.array([len(rows[i]) for i in ids])
            flat = np.concatenate([rows[i] for i in ids])
            starts = np.concatenate(([0], np.cumsum(lens)[:-1]))
            scores = np.add.reduceat(W[flat], starts, axis=0) + b + X[ids] @ V
            scores -= scores.max(axis=1, keepdims=True)
            p = np.exp(scores)
            p /= p.sum(axis=1, keepdims=True)
            p[np.arange(len(ids)), y[ids]] -= 1.0
            p *= weight[ids, None]
            uniq, inv = np.unique(flat, return_inverse=True)
            per = np.repeat(p, lens, axis=0)
            g = np.stack(
                [np.bincount(inv, weights=per[:, c], minlength=len(uniq)) for c in range(n_cls)], axis=1
            )
            g += l2 * W[uniq] * len(ids)
            GW[uniq] += g * g
            W[uniq] -= lr * g / np.sqrt(GW[uniq])
            gv = X[ids].T @ p + dense_l2 * V * len(ids)
            GV += gv * gv
            V -= lr * gv / np.sqrt(GV)
            gb = p.sum(axis=0)
            Gb += gb * gb
            b -= lr * gb / np.sqrt(Gb)
    return W, b, V


def train(feats: list[list[str]], X: np.ndarray, y: np.ndarray, hp: dict) -> rm.RelationClassifier:
    keep = y >= 0
    feats = [f for f, k in zip(feats, keep, strict=True) if k]
    X, y = X[keep], y[keep]
    vocab = vocabulary(feats, hp["min_count"])
    W, b, V = fit(encode(feats, vocab), X, y, len(vocab), **hp)
    codes = np.array(sorted(vocab, key=vocab.get), dtype=np.uint32)
    return rm.RelationClassifier(codes, W, b, V, {"threshold": 0.5})


# -- cross-validation and scoring ------------------------------------------------------------


def folds(ids: list[str], k: int, seed: int) -> list[list[str]]:
    ids = sorted(ids)
    random.Random(seed).shuffle(ids)
    return [ids[n::k] for n in range(k)]


def cross_validate(data: dict, hp: dict) -> dict[str, tuple[list, np.ndarray]]:
    """Out-of-fold (pairs, probabilities) of every document."""
    out = {}
    for held in folds(list(data), hp["folds"], hp["seed"]):
        train_ids = [d for d in data if d not in held]
        model = train(*training_set(data, train_ids, hp), hp)
        for d in held:
            pairs, f, _, x, usable = data[d]  # the pipeline states only pairs of two actors
            pairs = [p for p, k in zip(pairs, usable, strict=True) if k]
            f = [ff for ff, k in zip(f, usable, strict=True) if k]
            out[d] = (pairs, model.probabilities(f, x[usable]) if pairs else np.zeros((0, len(rm.LABELS))))
    return out


def rule_triples(claims: list[dict]) -> list[tuple]:
    S = scorer()
    return [(S.span(c["subject_span"]), S.span(c["object_span"]), S.PRED_CLASS[c["relation"]])
            for c in claims if c.get("polarity", "affirmed") == "affirmed" and c.get("relation") in S.PRED_CLASS
            and c.get("subject_span") and c.get("object_span")]  # fmt: skip


def score(gold: dict, preds: dict[str, list[tuple]]) -> dict:
    """The scorer's relation figures for {doc id: [(subject span, object span, class)]}."""
    S = scorer()
    total = [0, 0, 0, 0]
    per = {c: [0, 0, 0, 0] for c in CLASSES}
    for doc_id, g in gold.items():
        pr = preds.get(doc_id, [])
        for cls, counts in [*per.items(), (None, total)]:
            gg = [x for x in g["relations"] if cls is None or x[2] == cls]
            pp = [x for x in pr if cls is None or x[2] == cls]
            uu = [x for x in g["unsure_relations"] if cls is None or x[2] == cls]
            S.score_items(counts, gg, uu, pp, S.rel_ok)
    S_prf = S.prf
    result = {"relations": S_prf(*total)}
    for c in CLASSES:
        result[f"relations_{c}"] = S_prf(*per[c])
    return result


def union(model_preds: list[tuple], rule_preds: list[tuple]) -> list[tuple]:
    """Rule claims plus the model's pairs that no rule claim already covers (either order)."""
    close = rm.overlapping
    out = list(rule_preds)
    for s, t, c in model_preds:
        if any(
            (close(s, rs) and close(t, rt)) or (close(s, rt) and close(t, rs)) for rs, rt, _ in rule_preds
        ):
            continue
        out.append((s, t, c))
    return out


def model_triples(oof: dict, threshold) -> dict[str, list[tuple]]:
    return {
        d: [(r.subject_span, r.object_span, r.cls) for r in rm.decode(pairs, probs, threshold)]
        for d, (pairs, probs) in oof.items()
    }


def sweep(gold: dict, oof: dict, floor: float, rules: dict | None = None) -> tuple[float, dict, list]:
    """The global threshold with the best CV F1 (the model alone, or unioned with `rules`)."""
    curve = []
    for t in np.concatenate([np.arange(0.02, 0.10, 0.02), np.arange(0.10, 0.91, 0.05)]):
        if t < floor - 1e-9:
            continue
        preds = model_triples(oof, float(t))
        if rules is not None:
            preds = {d: union(p, rules.get(d, [])) for d, p in preds.items()}
        curve.append((round(float(t), 2), score(gold, preds)["relations"]["f1"]))
    best = max(curve, key=lambda x: x[1])
    return best[0], dict(curve), curve


GRID = [0.02, 0.04, 0.06, 0.08, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01]


def sweep_per_class(
    gold: dict, oof: dict, start: float, floor: float, rules: dict | None = None
) -> tuple[dict, float]:
    """Per-class thresholds by coordinate ascent from the best global one (two rounds)."""
    th = {c: start for c in CLASSES}

    def f1(t: dict) -> float:
        preds = model_triples(oof, t)
        if rules is not None:
            preds = {d: union(p, rules.get(d, [])) for d, p in preds.items()}
        return score(gold, preds)["relations"]["f1"]

    best = f1(th)
    for _round in range(2):
        for c in CLASSES:
            for v in (v for v in GRID if v >= floor - 1e-9):
                trial = {**th, c: v}
                got = f1(trial)
                if got > best + 1e-9:
                    best, th = got, trial
    return th, best


def cv_report(gold: dict, parsed: dict, data: dict, hp: dict) -> dict:
    t0 = time.perf_counter()
    oof = cross_validate(data, hp)
    secs = time.perf_counter() - t0
    rules = {d: rule_triples(parsed[d]["claims"]) for d in parsed}
    floor = hp["min_threshold"]
    t_model, curve_model, _ = sweep(gold, oof, floor)
    t_union, curve_union, _ = sweep(gold, oof, floor, rules)
    th_model, _ = sweep_per_class(gold, oof, t_model, floor)
    th_union, _ = sweep_per_class(gold, oof, t_union, floor, rules)

    def merged(th) -> dict:
        return score(gold, {d: union(p, rules[d]) for d, p in model_triples(oof, th).items()})

    return {
        "documents": len(data), "folds": hp["folds"], "hyperparameters": hp,
        "pairs": int(sum(len(v[0]) for v in data.values())),
        "positive_pairs": int(sum(int((v[2] > 0).sum()) for v in data.values())),
        "claimable_pairs": int(sum(int(v[4].sum()) for v in data.values())),
        "claimable_positive_pairs": int(sum(int((v[2][v[4]] > 0).sum()) for v in data.values())),
        "gold_relations": int(sum(len(g["relations"]) for g in gold.values())),
        "cv_seconds": round(secs, 1),
        "rules_only": score(gold, rules),
        "model_only": {"threshold": t_model, **score(gold, model_triples(oof, t_model))},
        "model_plus_rules": {"threshold": t_union, **merged(t_union)},
        "model_only_per_class_thresholds": {"threshold": th_model, **score(gold, model_triples(oof, th_model))},
        "model_plus_rules_per_class_thresholds": {"threshold": th_union, **merged(th_union)},
        "f1_by_threshold": {"model_only": curve_model, "model_plus_rules": curve_union},
    }  # fmt: skip


# -- the whole pipeline, cross-validated -------------------------------------------------------


def pipeline_cv(gold_dir: Path, gold: dict, data: dict, hp: dict, threshold: dict, work: Path) -> dict:
    """The shipped extract, cross-validated: for each fold, a model trained on the other four
    (written under `work`) is handed to `actorgraph extract` (ACTORGRAPH_RELATION_MODEL), which
    runs on the held-out documents; the union of the five outputs is scored by
    shared/eval/score_relations.py --pred. `threshold`: the per-class decision thresholds."""
    import os
    import subprocess

    from actorgraph.pipeline import RELATION_MODEL_ENV

    paths = {p.stem: p for p in gold_dir.glob("*/text/*.txt")}
    extract = Path(sys.executable).parent / "actorgraph"
    work.mkdir(parents=True, exist_ok=True)
    pred = work / "pred.jsonl"
    with open(pred, "wb") as out:
        for k, held in enumerate(folds(list(data), hp["folds"], hp["seed"])):
            model = prune(train(*training_set(data, [d for d in data if d not in held], hp), hp))
            save(model, {"labels": list(rm.LABELS), "threshold": threshold}, work / f"fold{k}")
            env = {**os.environ, RELATION_MODEL_ENV: str(work / f"fold{k}")}
            argv = [str(extract), "extract", *(str(paths[d]) for d in sorted(held)), "--format", "jsonl"]
            subprocess.run(argv, stdout=out, env=env, check=True)
    score_script = SHARED / "eval" / "score_relations.py"
    got = subprocess.run([sys.executable, str(score_script), "--gold", str(gold_dir), "--pred", str(pred)],
                         capture_output=True, text=True, check=True)  # fmt: skip
    return json.loads(got.stdout)["relations"]


# -- main -------------------------------------------------------------------------------------


def save(model: rm.RelationClassifier, meta: dict, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out / "weights.npz", codes=np.array(sorted(model.index, key=model.index.get), dtype=np.uint32),
                        weights=model.weights.astype(np.float16), bias=model.bias, dense=model.dense)  # fmt: skip
    (out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")


def prune(model: rm.RelationClassifier, least: float = 1e-3) -> rm.RelationClassifier:
    """Drop features whose weights are all near zero."""
    codes = np.array(sorted(model.index, key=model.index.get), dtype=np.uint32)
    keep = np.abs(model.weights).max(axis=1) >= least
    return rm.RelationClassifier(codes[keep], model.weights[keep], model.bias, model.dense, model.meta)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=SHARED / "data" / "re3d")
    ap.add_argument("--cache", type=Path, help="pickle of the parsed documents (outside the repository)")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--pipeline-cv", type=Path, metavar="WORKDIR",
                    help="also cross-validate the whole extract (fold models and outputs under WORKDIR)")  # fmt: skip
    for k, v in DEFAULTS.items():
        ap.add_argument(f"--{k.replace('_', '-')}", type=type(v), default=v)
    args = ap.parse_args()
    hp = {k: getattr(args, k) for k in DEFAULTS}
    t0 = time.perf_counter()
    gold = scorer().load_gold(str(args.gold))
    parsed = parse(args.gold, args.cache)
    t_parse = time.perf_counter() - t0
    data = examples(parsed, gold)
    cv = cv_report(gold, parsed, data, hp)
    summary = ("rules_only", "model_only", "model_plus_rules", "model_plus_rules_per_class_thresholds")
    print(json.dumps({k: cv[k] for k in summary}, indent=1))
    t1 = time.perf_counter()
    model = prune(train(*training_set(data, list(data), hp), hp))
    t_train = time.perf_counter() - t1
    meta = {
        "labels": list(rm.LABELS),
        "threshold": cv["model_plus_rules_per_class_thresholds"]["threshold"],
        "threshold_model_only": cv["model_only_per_class_thresholds"]["threshold"],
        "features": int(len(model.index)),
        "trained_on": f"re3d, {len(data)} documents ({cv['pairs']} candidate pairs, {cv['positive_pairs']} positive)",
        "train_seconds": round(t_train, 1),
        "parse_seconds": round(t_parse, 1),
        "cv": {k: cv[k] for k in ("folds", "cv_seconds", *summary, "model_only_per_class_thresholds")},
        "hyperparameters": hp,
    }
    if args.pipeline_cv:
        t2 = time.perf_counter()
        whole = pipeline_cv(args.gold, gold, data, hp, meta["threshold"], args.pipeline_cv)
        meta["cv"]["pipeline"] = {"seconds": round(time.perf_counter() - t2, 1), **whole}
        print(json.dumps({"pipeline_cv": whole}, indent=1))
    save(model, meta, args.out)
    print(f"wrote {args.out} ({len(model.index)} features; training {t_train:.1f}s)")


if __name__ == "__main__":
    main()

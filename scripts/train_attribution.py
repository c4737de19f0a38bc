"""Train the attribution taggers (extract/attribution_model.py) on PolNeAR train.

    .venv/bin/python scripts/train_attribution.py [--data ../shared/data/polnear] [--out DIR]

Parses train and dev with actorgraph's spaCy pipeline (cached under --cache), builds the
cue and role rows, trains both taggers with Adam on train only, scores the whole finder
on dev with the shared scorer after each epoch, keeps the best epoch and writes the
weights plus scores.json to --out (default: the packaged model directory).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from actorgraph.extract import attribution_model as am  # noqa: E402
from actorgraph.extract.attributions import _quote_regions, find_attributions  # noqa: E402

T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t")


def read_brat(path: Path, text: str) -> list[dict[str, list[tuple[int, int]]]]:
    """Attributions of one .ann file: role -> character spans (whitespace-joined)."""
    spans, out = {}, []
    lines = path.read_text(encoding="utf-8").splitlines()
    for line in lines:
        if m := T_LINE.match(line):
            spans[m[1]] = [tuple(map(int, p.split())) for p in m[3].split(";")]
    for line in lines:
        if re.match(r"^E\d+\t", line):
            roles: dict[str, list[tuple[int, int]]] = {"Source": [], "Cue": [], "Content": []}
            for arg in line.split("\t", 1)[1].split()[1:]:
                role, tid = arg.split(":")
                role = role.rstrip("0123456789")
                if role in roles:
                    roles[role].extend(spans[tid])
            out.append({r: _join(v, text) for r, v in roles.items()})
    return out


def _join(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and not text[out[-1][1] : s].strip():
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def load_split(data: Path, split: str, cache: Path) -> list[tuple[str, object, list]]:
    """(id, parsed doc with its tok2vec tensor, gold attributions) per annotated text."""
    from spacy.tokens import DocBin

    from actorgraph.nlp import load_nlp

    nlp = load_nlp()
    files = []
    for t in sorted((data / split / "text").glob("*.txt")):
        anns = sorted((data / split / "attributions").glob(t.stem + "_*.ann"))
        if anns:
            files.append((t, anns[0]))
    bin_path, ten_path = cache / f"{split}.spacy", cache / f"{split}_tensor.npz"
    if bin_path.exists() and ten_path.exists():
        docs = list(DocBin().from_disk(bin_path).get_docs(nlp.vocab))
        with np.load(ten_path) as z:
            tensors = [z[f"arr_{i}"] for i in range(len(z.files))]
        if [d.user_data.get("id") for d in docs] != [t.stem for t, _ in files]:
            docs = []
    else:
        docs = []
    if not docs:
        texts = [t.read_text(encoding="utf-8") for t, _ in files]
        docs, tensors = [], []
        db = DocBin(store_user_data=True)
        for (t, _), d in zip(files, nlp.pipe(texts, batch_size=32, n_process=2), strict=True):
            d.user_data["id"] = t.stem
            docs.append(d)
            tensors.append(d.tensor.astype(np.float16))
            db.add(d)
        cache.mkdir(parents=True, exist_ok=True)
        db.to_disk(bin_path)
        np.savez(ten_path, *tensors)
    out = []
    for (t, ann), d, ten in zip(files, docs, tensors, strict=True):
        d.tensor = ten.astype(np.float32)
        out.append((t.stem, d, read_brat(ann, d.text)))
    return out


def _keep(y: np.ndarray, near: np.ndarray, rate: float, rng: np.random.Generator) -> np.ndarray:
    """Rows to train on: every labelled row, its neighbours, rows `near` flags, a sample of the rest."""
    lab = y > 0
    return lab | np.r_[lab[1:], False] | np.r_[False, lab[:-1]] | near | (rng.random(len(y)) < rate)


def build_rows(split: list, rate: float, seed: int) -> dict[str, np.ndarray]:
    """Feature rows and labels for both taggers (plain O rows sampled), tensors indexed globally."""
    rng = np.random.default_rng(seed)
    cue_f, cue_y, cue_t, role_f, role_y, role_t, tensors = [], [], [], [], [], [], []
    base = 0
    outside = inside = 0
    for _, doc, gold in split:
        text = doc.text
        d = am.DocArrays.from_doc(doc, text, _quote_regions(text))
        rules = find_attributions(doc, model=None)
        n = len(doc)
        tensors.append(d.tensor.astype(np.float16))
        cues, srcs, cons = [], [], []
        for g in gold:
            r = am.char_tokens(d, *g["Cue"][0]) if g["Cue"] else None
            if r is None or r in cues:
                continue
            cues.append(r)
            srcs.append([x for s, e in g["Source"] if (x := am.char_tokens(d, s, e))])
            cons.append([x for s, e in g["Content"] if (x := am.char_tokens(d, s, e))])
        rule_cues = am.rule_cue_tags(d, rules)
        y = am.bio(n, cues)
        keep = _keep(y, rule_cues > 0, rate, rng)
        cue_f.append(am.cue_features(d, rule_cues)[keep])
        cue_y.append(y[keep])
        cue_t.append((np.arange(n) + base)[keep])
        if cues:
            w = am.windows(d, cues)
            rs, rc, hit = am.rule_role_tags(d, w, rules, am.match_rules(d, cues, rules))
            feats = am.role_features(d, cues, w, rs, rc, hit)
            y = np.zeros(len(w.tok), dtype=np.int64)
            for k in range(len(cues)):
                a, b = w.starts[k], w.starts[k + 1]
                first = int(w.tok[a])
                con = am.bio(b - a, cons[k], first)
                src = am.bio(b - a, srcs[k][:1], first)
                y[a:b] = np.where(con > 0, con + 2, src)
                covered = sum(
                    min(hi, first + b - a - 1) - max(lo, first) + 1 for lo, hi in cons[k] + srcs[k][:1]
                )
                total = sum(hi - lo + 1 for lo, hi in cons[k] + srcs[k][:1])
                inside += max(covered, 0)
                outside += total - max(covered, 0)
            lo = np.array([c[0] for c in cues])[w.cue]
            hi = np.array([c[1] for c in cues])[w.cue]
            near = (rs > 0) | (rc > 0) | ((w.tok >= lo - 3) & (w.tok <= hi + 3))
            keep = _keep(y, near, rate, rng)
            role_f.append(feats[keep])
            role_y.append(y[keep])
            role_t.append(w.tok[keep] + base)
        base += n
    print(f"role tokens outside windows: {outside / max(inside + outside, 1):.3%}", flush=True)
    return {
        "cue_f": np.concatenate(cue_f), "cue_y": np.concatenate(cue_y), "cue_t": np.concatenate(cue_t),
        "role_f": np.concatenate(role_f), "role_y": np.concatenate(role_y), "role_t": np.concatenate(role_t),
        "tensor": np.concatenate(tensors),
    }  # fmt: skip


class Adam:
    """Adam, with lazy (touched rows only) updates for the embedding table."""

    def __init__(self, params: dict[str, np.ndarray], lr: float) -> None:
        self.lr, self.t = lr, 0
        self.m = {k: np.zeros_like(v) for k, v in params.items()}
        self.v = {k: np.zeros_like(v) for k, v in params.items()}
        self.buf = np.zeros_like(params["E"])

    def step(self, params: dict, grads: dict, rows: np.ndarray) -> None:
        self.t += 1
        b1, b2, eps = 0.9, 0.999, 1e-8
        lr = self.lr * np.sqrt(1 - b2**self.t) / (1 - b1**self.t)
        for k, g in grads.items():
            if k == "E":  # dense Adam in place: cheaper than indexing the touched rows
                m, v, buf = self.m[k], self.v[k], self.buf
                buf[:] = 0
                buf[rows] = g
                m *= b1
                m += (1 - b1) * buf
                np.square(buf, out=buf)
                v *= b2
                v += (1 - b2) * buf
                np.sqrt(v, out=buf)
                buf += eps
                np.divide(m, buf, out=buf)
                buf *= lr
                params[k] -= buf
            else:
                self.m[k] = b1 * self.m[k] + (1 - b1) * g
                self.v[k] = b2 * self.v[k] + (1 - b2) * g * g
                params[k] -= lr * self.m[k] / (np.sqrt(self.v[k]) + eps)


def train_epoch(
    tagger: am.Tagger, opt: Adam, ids: np.ndarray, y: np.ndarray, t_idx: np.ndarray, tensor: np.ndarray,
    rng: np.random.Generator, batch: int, dropout: float,
) -> float:  # fmt: skip
    p = tagger.p
    order = rng.permutation(len(y))
    total = 0.0
    for start in range(0, len(order), batch):
        sel = order[start : start + batch]
        bi, by, bt = ids[sel], y[sel], tensor[t_idx[sel]].astype(np.float32)
        a1 = p["E"][bi].sum(axis=1) + bt @ p["Wt"] + p["b1"]
        h1 = np.maximum(a1, 0)
        mask = (rng.random(h1.shape) >= dropout) / (1 - dropout)
        h1d = h1 * mask
        a2 = h1d @ p["W2"] + p["b2"]
        h2 = np.maximum(a2, 0)
        logits = h2 @ p["W3"] + p["b3"]
        logits -= logits.max(axis=1, keepdims=True)
        prob = np.exp(logits)
        prob /= prob.sum(axis=1, keepdims=True)
        total += float(-np.log(prob[np.arange(len(by)), by] + 1e-9).sum())
        d = prob
        d[np.arange(len(by)), by] -= 1
        d /= len(by)
        g = {"W3": h2.T @ d, "b3": d.sum(0)}
        dh2 = (d @ p["W3"].T) * (a2 > 0)
        g["W2"], g["b2"] = h1d.T @ dh2, dh2.sum(0)
        dh1 = (dh2 @ p["W2"].T) * mask * (a1 > 0)
        g["Wt"], g["b1"] = bt.T @ dh1, dh1.sum(0)
        rows, inv = np.unique(bi.reshape(-1), return_inverse=True)
        spread = np.repeat(dh1.T, bi.shape[1], axis=1)  # (width, rows * features)
        g["E"] = np.stack([np.bincount(inv, weights=col, minlength=len(rows)) for col in spread], axis=1)
        opt.step(p, g, rows)
    return total / len(y)


def score_dev(model: am.AttributionModel, dev: list, scorer: Path, gold_dir: Path) -> dict:
    """Run the whole finder on dev and score it with the shared scorer."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        for doc_id, doc, _ in dev:
            attrs = find_attributions(doc, model=model)
            text = doc.text

            def sp(s: int, e: int, text: str = text) -> dict:
                return {"start": s, "end": e, "text": text[s:e]}

            rec = [
                {
                    "source": sp(*a.source) if a.source else None,
                    "cue": sp(*a.cue),
                    "content": [sp(*c) for c in a.content],
                }
                for a in attrs
            ]
            fh.write(json.dumps({"id": doc_id, "text": text, "attributions": rec}) + "\n")
    out = subprocess.run(
        [sys.executable, str(scorer), "--gold", str(gold_dir), "--pred", fh.name],
        capture_output=True,
        text=True,
        check=True,
    )
    Path(fh.name).unlink()
    return json.loads(out.stdout)["attribution"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "polnear")
    ap.add_argument("--scorer", type=Path, default=ROOT.parent / "shared" / "eval" / "score_attribution.py")
    ap.add_argument(
        "--cache", type=Path, default=Path(tempfile.gettempdir()) / "actorgraph-attribution-cache"
    )
    ap.add_argument("--out", type=Path, default=am.MODEL_DIR)
    ap.add_argument("--epochs", type=int, default=6)
    ap.add_argument("--cue-size", type=int, default=2**17)
    ap.add_argument("--role-size", type=int, default=2**17)
    ap.add_argument("--width", type=int, default=32)
    ap.add_argument("--hidden", type=int, default=64)
    ap.add_argument("--lr", type=float, default=0.002)
    ap.add_argument("--batch", type=int, default=1024)
    ap.add_argument("--dropout", type=float, default=0.1)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--sample", type=float, default=0.25, help="share of plain O rows trained on")
    args = ap.parse_args()
    t0 = time.time()
    train = load_split(args.data, "train", args.cache)
    dev = load_split(args.data, "dev", args.cache)
    print(f"parsed/loaded {len(train)} train, {len(dev)} dev docs in {time.time() - t0:.0f}s", flush=True)
    rows = build_rows(train, args.sample, args.seed)
    print(f"rows: cue {len(rows['cue_y'])}, role {len(rows['role_y'])} ({time.time() - t0:.0f}s)", flush=True)
    rng = np.random.default_rng(args.seed)
    cue = am.Tagger.init(args.cue_size, args.width, args.hidden, len(am.CUE_LABELS), args.seed)
    role = am.Tagger.init(args.role_size, args.width, args.hidden, len(am.ROLE_LABELS), args.seed + 1)
    for tagger in (cue, role):  # undo the O sampling in the output odds
        tagger.p["ob"] = np.array([np.log(1 / args.sample)], dtype=np.float32)
    cue_ids, role_ids = cue.ids(rows["cue_f"]), role.ids(rows["role_f"])
    del rows["cue_f"], rows["role_f"]
    opts = (Adam(cue.p, args.lr), Adam(role.p, args.lr))
    model = am.AttributionModel(cue, role)
    best, best_epoch, history = -1.0, 0, []
    t_train = time.time()
    for epoch in range(1, args.epochs + 1):
        lc = train_epoch(
            cue, opts[0], cue_ids, rows["cue_y"], rows["cue_t"], rows["tensor"], rng, args.batch, args.dropout
        )
        lr_ = train_epoch(
            role,
            opts[1],
            role_ids,
            rows["role_y"],
            rows["role_t"],
            rows["tensor"],
            rng,
            args.batch,
            args.dropout,
        )
        scores = score_dev(model, dev, args.scorer, args.data / "dev")
        key = {k: scores[k]["f1"] for k in ("source_exact", "cue_exact", "content_exact", "relation_overlap")}
        total = sum(key.values())
        history.append({"epoch": epoch, "loss_cue": round(lc, 4), "loss_role": round(lr_, 4), **key})
        print(f"epoch {epoch}: loss {lc:.4f}/{lr_:.4f} dev {key} ({time.time() - t0:.0f}s)", flush=True)
        if total > best:
            best, best_epoch = total, epoch
            model.save(args.out)
            (args.out / "scores.json").write_text(
                json.dumps({"dev": scores}, indent=1) + "\n", encoding="utf-8"
            )
    # the O-bias of each tagger (how readily it opens a span), chosen on dev
    model = am.AttributionModel.load(args.out)
    best_bias, best = (0.0, 0.0), -1.0
    for cue_bias in (0.7, 1.4, 2.0):
        for role_bias in (0.0, 0.5):
            model.cue.p["ob"][0], model.role.p["ob"][0] = cue_bias, role_bias
            scores = score_dev(model, dev, args.scorer, args.data / "dev")
            key = {
                k: scores[k]["f1"] for k in ("source_exact", "cue_exact", "content_exact", "relation_overlap")
            }
            print(f"bias {cue_bias}/{role_bias}: dev {key}", flush=True)
            history.append({"cue_bias": cue_bias, "role_bias": role_bias, **key})
            if sum(key.values()) > best:
                best, best_bias, best_scores = sum(key.values()), (cue_bias, role_bias), scores
    model.cue.p["ob"][0], model.role.p["ob"][0] = best_bias
    model.save(args.out)
    (args.out / "scores.json").write_text(json.dumps({"dev": best_scores}, indent=1) + "\n", encoding="utf-8")
    meta = {
        "best_epoch": best_epoch,
        "bias": best_bias, "history": history, "train_seconds": round(time.time() - t_train),
        "total_seconds": round(time.time() - t0), "train_docs": len(train), "dev_docs": len(dev),
        "settings": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items() if k not in ("data", "scorer", "cache", "out")},
    }  # fmt: skip
    (args.out / "training.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(meta, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

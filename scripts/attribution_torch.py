"""Train the attribution taggers of extract/attribution_model.py with PyTorch (CPU or GPU).

    python scripts/attribution_torch.py EXPORT_DIR OUT_DIR [--epochs 12] [--width 48] ...

EXPORT_DIR holds train.npz and dev.npz written by `scripts/train_attribution.py --step
export` (plain arrays: no spaCy needed here, so this runs on any machine with numpy and
torch). The features are the ones the packaged model computes at run time (this script
imports attribution_model.py itself), so training and prediction cannot drift apart.

Both taggers are trained on train only; after each epoch they label dev (cues over whole
documents; sources and contents around the gold cues) and the epoch with the best exact
span F1 on dev is kept. OUT_DIR gets cue.npz, role.npz (float16, as the package loads
them) and training.json. The O-biases are chosen afterwards by train_attribution.py with
the whole finder.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import torch
from torch import nn

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src" / "actorgraph" / "extract"))

import attribution_model as am  # noqa: E402  (the module alone: no spaCy needed)

COLS = ("lower", "lemma", "pos", "tag", "dep", "ent", "shape")


def load_docs(path: Path) -> list[tuple[am.DocArrays, list, list]]:
    """(DocArrays, rule attributions, gold (cue, source, contents) token ranges) per document."""
    z = dict(np.load(path))
    vocab, scale = z["vocab"], z["tensor_scale"]  # tensors stay reduced (see Net.export)
    out = []
    for i in range(len(z["tok_off"]) - 1):
        a, b = int(z["tok_off"][i]), int(z["tok_off"][i + 1])
        f = {k: vocab[z[k][a:b]] for k in COLS}
        g = {k: z[k][a:b].astype(np.int64) for k in ("idx", "end", "head", "sent", "para", "quote")}
        quotes = [tuple(int(x) for x in q) for q in z["quotes"][z["q_off"][i] : z["q_off"][i + 1]]]
        d = am.DocArrays(
            **f, **g, quotes=quotes, kids=z["kids"][a:b].astype(np.uint64),
            anc=am.ancestors(g["head"]), tensor=z["tensor"][a:b].astype(np.float32) * scale,
        )  # fmt: skip
        rules = []
        for r in range(int(z["rule_off"][i]), int(z["rule_off"][i + 1])):
            src = tuple(int(x) for x in z["rule_src"][r])
            con = z["rule_con"][z["rule_con_off"][r] : z["rule_con_off"][r + 1]]
            rules.append(
                SimpleNamespace(
                    cue=tuple(int(x) for x in z["rule_cue"][r]),
                    source=None if src[0] < 0 else src,
                    content=[tuple(int(x) for x in c) for c in con],
                )
            )
        gold = []
        for r in range(int(z["gold_off"][i]), int(z["gold_off"][i + 1])):
            src = tuple(int(x) for x in z["gold_src"][r])
            con = z["gold_con"][z["gold_con_off"][r] : z["gold_con_off"][r + 1]]
            gold.append(
                (
                    tuple(int(x) for x in z["gold_cue"][r]),
                    [] if src[0] < 0 else [src],
                    [tuple(int(x) for x in c) for c in con],
                )
            )
        out.append((d, rules, gold))
    return out


def doc_rows(item: tuple) -> dict[str, np.ndarray]:
    """Feature codes, labels and token tensors of one document, for both taggers."""
    d, rules, gold = item
    n = len(d.lower)
    cues = [c for c, _, _ in gold]
    rows = {
        "cue_f": am.cue_features(d, am.rule_cue_tags(d, rules)),
        "cue_y": am.bio(n, cues),
        "cue_t": d.tensor,
    }
    if cues:
        w = am.windows(d, cues)
        rs, rc, hit = am.rule_role_tags(d, w, rules, am.match_rules(d, cues, rules))
        y = np.zeros(len(w.tok), dtype=np.int64)
        for k, (_, srcs, cons) in enumerate(gold):
            a, b = w.starts[k], w.starts[k + 1]
            first = int(w.tok[a])
            con = am.bio(b - a, cons, first)
            y[a:b] = np.where(con > 0, con + 2, am.bio(b - a, srcs, first))
        rows |= {
            "role_f": am.role_features(d, cues, w, rs, rc, hit),
            "role_y": y,
            "role_t": d.tensor[w.tok],
            "role_seg": w.cue,
        }
    return rows


def build(docs: list, workers: int) -> dict[str, np.ndarray]:
    """All rows of a split with segment ids (document for cues, cue window for roles)."""
    with ProcessPoolExecutor(workers) as pool:
        per_doc = list(pool.map(doc_rows, docs, chunksize=8))
    out: dict[str, list] = {
        k: [] for k in ("cue_f", "cue_y", "cue_t", "cue_seg", "role_f", "role_y", "role_t", "role_seg")
    }
    windows = 0
    for i, r in enumerate(per_doc):
        for k in ("cue_f", "cue_y", "cue_t"):
            out[k].append(r[k])
        out["cue_seg"].append(np.full(len(r["cue_y"]), i, dtype=np.int64))
        if "role_f" in r:
            for k in ("role_f", "role_y", "role_t"):
                out[k].append(r[k])
            out["role_seg"].append(r["role_seg"] + windows)
            windows += int(r["role_seg"].max()) + 1
    return {k: np.concatenate(v) for k, v in out.items()}


def projection(path: Path) -> tuple[np.ndarray, np.ndarray]:
    with np.load(path) as z:
        return z["tensor_mean"].astype(np.float32), z["tensor_proj"].astype(np.float32)


class Net(nn.Module):
    """The torch twin of attribution_model.Tagger (same layers, same parameter layout)."""

    def __init__(
        self, size: int, width: int, hidden: int, labels: int, dil: list[int], drop: float, proj: tuple,
        slot_drop: float = 0.0,
    ) -> None:  # fmt: skip
        super().__init__()
        self.E = nn.Embedding(size, width)
        nn.init.normal_(self.E.weight, 0, 0.01)
        self.proj = proj  # (mean, projection): the trained tensors are (tok2vec - mean) @ projection
        self.T = nn.Linear(proj[1].shape[1], width)
        self.C = nn.ModuleList(nn.Linear(3 * width, width) for _ in dil)
        self.W2 = nn.Linear(width, hidden)
        self.W3 = nn.Linear(hidden, labels)
        self.dil, self.drop, self.slot_drop = dil, nn.Dropout(drop), slot_drop

    def forward(self, ids: torch.Tensor, ten: torch.Tensor, seg: torch.Tensor) -> torch.Tensor:
        emb = self.E(ids)
        if self.training and self.slot_drop > 0:  # drop whole features, so no one feature is leaned on
            keep = torch.rand(ids.shape, device=ids.device) >= self.slot_drop
            emb = emb * (keep.unsqueeze(2) / (1 - self.slot_drop))
        h = torch.relu(emb.sum(1) + self.T(ten))
        for conv, d in zip(self.C, self.dil, strict=True):
            h = h + torch.relu(conv(self.drop(neighbours(h, seg, d))))
        return self.W3(torch.relu(self.W2(self.drop(h))))

    def export(self, path: Path) -> None:
        wt = self.T.weight.T.detach().float().cpu().numpy()
        mean, proj = self.proj  # fold the reduction into Wt and b1: the package feeds full tok2vec
        bias = self.T.bias.detach().float().cpu().numpy() - mean @ proj @ wt
        p = {
            "E": self.E.weight, "Wt": proj @ wt, "b1": bias,
            "W2": self.W2.weight.T, "b2": self.W2.bias, "W3": self.W3.weight.T, "b3": self.W3.bias,
        }  # fmt: skip
        for i, conv in enumerate(self.C):
            p[f"C{i}"], p[f"c{i}"] = conv.weight.T, conv.bias
        arrays = {
            k: (v if isinstance(v, np.ndarray) else v.detach().float().cpu().numpy()).astype(np.float16)
            for k, v in p.items()
        }
        arrays["dil"] = np.array(self.dil, dtype=np.float16)
        arrays["ob"] = np.zeros(1, dtype=np.float16)
        np.savez_compressed(path, **arrays)


def neighbours(h: torch.Tensor, seg: torch.Tensor, d: int) -> torch.Tensor:
    """attribution_model._neighbours in torch."""
    if d >= len(h):
        z = torch.zeros_like(h)
        return torch.cat([z, h, z], 1)
    same = (seg[d:] == seg[:-d]).unsqueeze(1).to(h.dtype)
    pad = h.new_zeros(d, h.shape[1])
    left = torch.cat([pad, h[:-d] * same])
    right = torch.cat([h[d:] * same, pad])
    return torch.cat([left, h, right], 1)


def spans(labels: np.ndarray, seg: np.ndarray) -> set[tuple[int, int, int]]:
    """(kind, first, last) spans of BIO label ids (odd: B, even > 0: I; kind = (id + 1) // 2)."""
    out, cur = set(), None
    for i, (y, s) in enumerate(zip(labels.tolist(), seg.tolist(), strict=True)):
        kind = (y + 1) // 2
        if y and y % 2 == 0 and cur and cur[0] == kind and seg[cur[1]] == s:
            cur[2] = i
            continue
        if cur:
            out.add(tuple(cur))
        cur = [kind, i, i] if y else None
    if cur:
        out.add(tuple(cur))
    return out


def span_f1(gold: np.ndarray, pred: np.ndarray, seg: np.ndarray) -> float:
    g, p = spans(gold, seg), spans(pred, seg)
    tp = len(g & p)
    return 2 * tp / max(len(g) + len(p), 1)


def batches(seg: np.ndarray, per_batch: int, rng: np.random.Generator | None) -> list[np.ndarray]:
    """Row indices of whole segments, `per_batch` segments at a time (shuffled when rng)."""
    bounds = np.flatnonzero(np.r_[True, seg[1:] != seg[:-1], True])
    order = np.arange(len(bounds) - 1)
    if rng is not None:
        rng.shuffle(order)
    out = []
    for k in range(0, len(order), per_batch):
        out.append(np.concatenate([np.arange(bounds[j], bounds[j + 1]) for j in order[k : k + per_batch]]))
    return out


def train_one(name: str, tr: dict, dv: dict, labels: int, args: argparse.Namespace, dev_out: Path) -> dict:
    dev_device = torch.device(args.device)
    size = 2**args.size_bits
    ids = torch.from_numpy((tr[f"{name}_f"] % np.uint64(size)).astype(np.int64)).to(dev_device)
    ten = torch.from_numpy(tr[f"{name}_t"].astype(np.float32)).to(dev_device)
    y = torch.from_numpy(tr[f"{name}_y"]).to(dev_device)
    seg = torch.from_numpy(tr[f"{name}_seg"]).to(dev_device)
    d_ids = torch.from_numpy((dv[f"{name}_f"] % np.uint64(size)).astype(np.int64)).to(dev_device)
    d_ten = torch.from_numpy(dv[f"{name}_t"].astype(np.float32)).to(dev_device)
    d_seg = torch.from_numpy(dv[f"{name}_seg"]).to(dev_device)
    torch.manual_seed(args.seed)
    net = Net(size, args.width, args.hidden, labels, args.dil, args.dropout, tr["proj"], args.slot_dropout)
    net = net.to(dev_device)
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    rng = np.random.default_rng(args.seed)
    per_batch = args.docs_per_batch if name == "cue" else args.windows_per_batch
    steps = args.epochs * len(batches(tr[f"{name}_seg"], per_batch, None))
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, total_steps=steps, pct_start=0.1)
    best, history = -1.0, []
    for epoch in range(1, args.epochs + 1):
        net.train()
        t0, total = time.time(), 0.0
        for rows in batches(tr[f"{name}_seg"], per_batch, rng):
            r = torch.from_numpy(rows).to(dev_device)
            loss = nn.functional.cross_entropy(net(ids[r], ten[r], seg[r]), y[r])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            total += loss.item() * len(rows)
        net.eval()
        with torch.no_grad():
            pred = torch.cat(
                [net(d_ids[r], d_ten[r], d_seg[r]).argmax(1) for r in map(torch.from_numpy, batches(dv[f"{name}_seg"], 64, None))]
            ).cpu().numpy()  # fmt: skip
        f1 = span_f1(dv[f"{name}_y"], pred, dv[f"{name}_seg"])
        history.append({"epoch": epoch, "loss": round(total / len(y), 5), "dev_span_f1": round(f1, 4),
                        "seconds": round(time.time() - t0, 1)})  # fmt: skip
        print(f"{name} epoch {epoch}: {history[-1]}", flush=True)
        if f1 > best:
            best = f1
            net.export(dev_out / f"{name}.npz")
    return {"best_dev_span_f1": round(best, 4), "history": history, "rows": len(y)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("export_dir", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--size-bits", type=int, default=17, help="hashed feature table: 2**bits rows")
    ap.add_argument("--width", type=int, default=48)
    ap.add_argument("--hidden", type=int, default=96)
    ap.add_argument("--dil", type=int, nargs="*", default=[1, 2, 4, 1])
    ap.add_argument("--dropout", type=float, default=0.3)
    ap.add_argument(
        "--slot-dropout", type=float, default=0.5, help="share of hashed features dropped per row"
    )
    ap.add_argument("--lr", type=float, default=0.003)
    ap.add_argument("--weight-decay", type=float, default=1e-4)
    ap.add_argument("--docs-per-batch", type=int, default=8)
    ap.add_argument("--windows-per-batch", type=int, default=32)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--only", choices=("cue", "role"), help="train one tagger only")
    ap.add_argument("--limit", type=int, help="only the first N documents of each split (a smoke test)")
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    args = ap.parse_args()
    t0 = time.time()
    tr = build(load_docs(args.export_dir / "train.npz")[: args.limit], args.workers)
    tr["proj"] = projection(args.export_dir / "train.npz")
    dv = build(load_docs(args.export_dir / "dev.npz")[: args.limit], args.workers)
    print(f"rows: cue {len(tr['cue_y'])}, role {len(tr['role_y'])} ({time.time() - t0:.0f}s)", flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    labels = {"cue": len(am.CUE_LABELS), "role": len(am.ROLE_LABELS)}
    result = {
        name: train_one(name, tr, dv, n, args, args.out)
        for name, n in labels.items()
        if args.only in (None, name)
    }
    device = torch.cuda.get_device_name() if args.device == "cuda" else f"cpu x{torch.get_num_threads()}"
    meta = {
        "device": device, "torch": torch.__version__, "seconds": round(time.time() - t0),
        "settings": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()}, **result,
    }  # fmt: skip
    (args.out / "training.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in meta.items() if k not in ("cue", "role")}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

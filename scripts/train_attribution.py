"""Train the attribution taggers (extract/attribution_model.py) on PolNeAR train.

    .venv/bin/python scripts/train_attribution.py [--data ../shared/data/polnear] [--out DIR]

Parses train and dev with actorgraph's spaCy pipeline (cached under --cache) and exports
them as plain arrays; scripts/attribution_torch.py trains both taggers on train (PyTorch,
CPU or GPU; the epoch is chosen on dev token labels); then the two O-biases are chosen on
dev with the whole finder and the shared scorer, and the weights plus scores.json go to
--out (default: the packaged model directory). Steps can run apart (`--step export` here,
training where PyTorch is, `--step select --weights DIR` back here).
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

TENSOR_DIMS = 48  # tok2vec components kept in the export (83% of the variance on train)
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


def export(split: list, path: Path, proj: tuple | None = None) -> tuple:
    """Write a parsed split as plain arrays (no spaCy needed to read them back).

    Per token the DocArrays fields (string hashes as indices into one vocabulary), the
    tok2vec tensor reduced to its top TENSOR_DIMS principal components (`proj`: mean and
    projection, computed on the first split exported) as int8 with one scale per column; per document the rule finder's
    attributions (character offsets) and the gold ones (token ranges). The trainer
    (scripts/attribution_torch.py) rebuilds the DocArrays and the features from these.
    """
    cols = ("lower", "lemma", "pos", "tag", "dep", "ent", "shape")
    ints = ("idx", "end", "head", "sent", "para", "quote", "kids")
    per_tok: dict[str, list] = {k: [] for k in cols + ints + ("tensor",)}
    quotes, q_off, tok_off = [], [0], [0]
    rules = {"cue": [], "src": [], "con": [], "con_off": [0], "off": [0]}
    gold = {"cue": [], "src": [], "con": [], "con_off": [0], "off": [0]}
    ids = []
    for doc_id, doc, gold_attrs in split:
        text = doc.text
        d = am.DocArrays.from_doc(doc, text, _quote_regions(text))
        ids.append(doc_id)
        for k in cols + ints:
            per_tok[k].append(np.asarray(getattr(d, k)))
        per_tok["tensor"].append(d.tensor)
        quotes.extend(d.quotes)
        q_off.append(len(quotes))
        tok_off.append(tok_off[-1] + len(d.lower))
        for a in find_attributions(doc, model=None):
            rules["cue"].append(a.cue)
            rules["src"].append(a.source or (-1, -1))
            rules["con"].extend(a.content)
            rules["con_off"].append(len(rules["con"]))
        rules["off"].append(len(rules["cue"]))
        seen = []
        for g in gold_attrs:
            r = am.char_tokens(d, *g["Cue"][0]) if g["Cue"] else None
            if r is None or r in seen:
                continue
            seen.append(r)
            srcs = [x for s, e in g["Source"] if (x := am.char_tokens(d, s, e))]
            gold["cue"].append(r)
            gold["src"].append(srcs[0] if srcs else (-1, -1))
            gold["con"].extend(x for s, e in g["Content"] if (x := am.char_tokens(d, s, e)))
            gold["con_off"].append(len(gold["con"]))
        gold["off"].append(len(gold["cue"]))
    out: dict[str, np.ndarray] = {}
    hashes = np.concatenate([np.concatenate(per_tok[k]) for k in cols]).astype(np.uint64)
    vocab, inverse = np.unique(hashes, return_inverse=True)
    n = tok_off[-1]
    for i, k in enumerate(cols):
        out[k] = inverse[i * n : (i + 1) * n].astype(np.uint32)
    out["vocab"] = vocab
    for k in ints:
        out[k] = np.concatenate(per_tok[k]).astype(np.int32)
    tensor = np.concatenate(per_tok["tensor"]).astype(np.float32)
    if proj is None:  # the top principal components of the train tensors (size: the device copy)
        mean = tensor.mean(axis=0)
        _, vecs = np.linalg.eigh(np.cov((tensor[::4] - mean).T))
        proj = (mean, vecs[:, ::-1][:, :TENSOR_DIMS].astype(np.float32))
    reduced = (tensor - proj[0]) @ proj[1]
    scale = np.maximum(np.abs(reduced).max(axis=0), 1e-6) / 127
    out["tensor"] = np.round(reduced / scale).astype(np.int8)
    out["tensor_scale"], out["tensor_mean"], out["tensor_proj"] = scale.astype(np.float32), proj[0], proj[1]
    out["tok_off"], out["quotes"], out["q_off"] = (
        np.array(tok_off),
        np.array(quotes).reshape(-1, 2),
        np.array(q_off),
    )
    for name, table in (("rule", rules), ("gold", gold)):
        for k, v in table.items():
            out[f"{name}_{k}"] = (
                np.array(v, dtype=np.int64).reshape(-1, 2) if k in ("cue", "src", "con") else np.array(v)
            )
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, **out)
    (path.with_suffix(".ids.json")).write_text(json.dumps(ids), encoding="utf-8")
    return proj


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


def select(weights: Path, dev: list, scorer: Path, gold_dir: Path, out: Path) -> dict:
    """Choose the two O-biases on dev with the whole finder; write the model to `out`."""
    model = am.AttributionModel.load(weights)
    best, best_bias, best_scores, history = -1.0, (0.0, 0.0), {}, []
    for cue_bias in (0.5, 1.0, 1.5):
        for role_bias in (-1.0, -0.75, -0.5):
            model.cue.p["ob"] = np.array([cue_bias], np.float32)
            model.role.p["ob"] = np.array([role_bias], np.float32)
            scores = score_dev(model, dev, scorer, gold_dir)
            key = {
                k: scores[k]["f1"] for k in ("source_exact", "cue_exact", "content_exact", "relation_overlap")
            }
            print(f"bias {cue_bias}/{role_bias}: dev {key}", flush=True)
            history.append({"cue_bias": cue_bias, "role_bias": role_bias, **key})
            if sum(key.values()) > best:
                best, best_bias, best_scores = sum(key.values()), (cue_bias, role_bias), scores
    model.cue.p["ob"] = np.array([best_bias[0]], np.float32)
    model.role.p["ob"] = np.array([best_bias[1]], np.float32)
    model.save(out)
    (out / "scores.json").write_text(json.dumps({"dev": best_scores}, indent=1) + "\n", encoding="utf-8")
    return {"bias": best_bias, "sweep": history}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "polnear")
    ap.add_argument("--scorer", type=Path, default=ROOT.parent / "shared" / "eval" / "score_attribution.py")
    ap.add_argument(
        "--cache", type=Path, default=Path(tempfile.gettempdir()) / "actorgraph-attribution-cache"
    )
    ap.add_argument("--out", type=Path, default=am.MODEL_DIR)
    ap.add_argument(
        "--step",
        choices=("all", "export", "select"),
        default="all",
        help="export: parse and write the arrays; select: O-biases on dev for --weights",
    )
    ap.add_argument("--weights", type=Path, help="trained weights to select from (default: train them now)")
    ap.add_argument("trainer_args", nargs=argparse.REMAINDER, help="passed on to attribution_torch.py")
    args = ap.parse_args()
    t0 = time.time()
    export_dir = args.cache / "export"
    dev = load_split(args.data, "dev", args.cache)
    if args.step in ("all", "export"):
        train = load_split(args.data, "train", args.cache)
        print(f"parsed/loaded {len(train)} train, {len(dev)} dev docs in {time.time() - t0:.0f}s", flush=True)
        proj = export(train, export_dir / "train.npz")
        export(dev, export_dir / "dev.npz", proj)
        print(f"exported to {export_dir} ({time.time() - t0:.0f}s)", flush=True)
        if args.step == "export":
            return 0
    weights = args.weights
    if weights is None:
        weights = args.cache / "weights"
        cmd = [sys.executable, str(ROOT / "scripts" / "attribution_torch.py"), str(export_dir), str(weights)]
        subprocess.run(cmd + [a for a in args.trainer_args if a != "--"], check=True)
    meta = select(weights, dev, args.scorer, args.data / "dev", args.out)
    trained = json.loads((weights / "training.json").read_text(encoding="utf-8"))
    meta = {**trained, **meta, "select_seconds": round(time.time() - t0)}
    (args.out / "training.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in meta.items() if k != "sweep"}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

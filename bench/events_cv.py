"""Cross-validated PLOVER event scores of the whole extraction pipeline.

The shipped event typer is trained on the PLOVER dev records too, so `score_events.py` on
dev is partly in-sample. Here, for each of 5 folds (stratified by type; records with the
same text kept in one fold), a typer is trained without that fold's records (same data and
settings as scripts/train_events.py), the real `actorgraph extract` runs on the fold's
records with that model ($ACTORGRAPH_EVENT_MODEL), and the union of the five outputs is
scored with `score_events.py --pred`. Those are the figures to quote for unseen text;
`--in-sample` also scores the shipped model on dev, labelled as in-sample.

Needs scikit-learn (training only, see scripts/train_events.py):

    .venv/bin/python bench/events_cv.py [--in-sample] [--dev-weight 5 --C 3 --first 0]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score_events.py"
GOLD = SHARED / "data" / "plover_gsr" / "dev.json"
OUT = ROOT / "bench" / "results" / "events_cv.json"

sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "bench"))
from results_file import write_results  # noqa: E402
from train_events import SHARED as DATA  # noqa: E402
from train_events import dev_folds, load_dev, load_synthetic, matrix, train_typer  # noqa: E402

from actorgraph.extract.event_types import MODEL_ENV  # noqa: E402


def extract(records: list[tuple[str, str]], model: Path | None, work: Path, name: str) -> Path:
    """Run the real CLI on `records` ({"id", "text"} JSONL) with `model`; the output path."""
    inp, out = work / f"{name}.jsonl", work / f"{name}.out.jsonl"
    inp.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in records), encoding="utf-8")
    env = dict(os.environ)
    env.pop(MODEL_ENV, None)
    if model is not None:
        env[MODEL_ENV] = str(model)
    cli = Path(sys.executable).parent / "actorgraph"
    subprocess.run([str(cli), "extract", str(inp), "-o", str(out)], check=True, env=env)
    return out


def score(pred: Path) -> dict:
    run = subprocess.run([sys.executable, str(SCORER), "--gold", str(GOLD), "--pred", str(pred)],
                         check=True, capture_output=True, text=True)  # fmt: skip
    return json.loads(run.stdout[run.stdout.index("{") :])["events"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--first", type=int, default=0)
    ap.add_argument("--dev-weight", type=float, default=5.0)
    ap.add_argument("--C", type=float, default=3.0)
    ap.add_argument("--in-sample", action="store_true", help="also score the shipped model on dev")
    ap.add_argument("--keep", type=Path, help="also write the union of the fold outputs here")
    ap.add_argument("--no-save", action="store_true", help="print only; leave bench/results alone")
    args = ap.parse_args()
    t0 = time.perf_counter()
    sx, sy = load_synthetic(DATA / "plover_synthetic" / "stories.csv", args.first)
    ids, texts, labels = load_dev(GOLD)
    xs, xd = matrix(sx), matrix(texts)
    ys, yd = np.array(sy), np.array(labels)
    work = Path(tempfile.mkdtemp(prefix="events-cv-"))
    union = work / "cv.out.jsonl"
    with union.open("w", encoding="utf-8") as fh:
        for k, (train, test) in enumerate(dev_folds(texts, labels)):
            typer = train_typer(xs, ys, xd, yd, train, args.dev_weight, args.C)
            typer.save(work / f"fold{k}", {"fold": k})
            out = extract([(ids[i], texts[i]) for i in test], work / f"fold{k}", work, f"fold{k}")
            fh.write(out.read_text(encoding="utf-8"))
    result: dict = {
        "what": "score_events.py on plover_gsr dev; typer of each fold trained without the fold's records",
        "settings": {"first": args.first, "dev_weight": args.dev_weight, "C": args.C, "folds": 5},
        "cv": score(union),
    }
    if args.in_sample:
        result["in_sample"] = score(extract(list(zip(ids, texts, strict=True)), None, work, "shipped"))
        result["in_sample_note"] = "shipped typer, trained on these records: NOT a test figure"
    result["seconds"] = round(time.perf_counter() - t0, 1)
    if args.keep:
        args.keep.write_text(union.read_text(encoding="utf-8"), encoding="utf-8")
    if args.no_save:
        print(json.dumps(result, indent=2))
    else:
        write_results(OUT, result)
        print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

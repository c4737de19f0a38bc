"""Cross-validated figures of the relation classifier on re3d (5 folds by document).

Parses the re3d documents with actorgraph's pipeline, trains the classifier of
src/actorgraph/extract/relation_model.py on four folds and predicts the fifth (the same
code and hyperparameters as scripts/train_relations.py), and scores the out-of-fold
predictions with the matching of shared/eval/score_relations.py: the model alone, the rule
claims alone, and the two merged (rule claims plus the model's pairs no rule claim covers).
Also times the classifier against the parse.

    .venv/bin/python bench/relations_cv.py [--cache /tmp/re3d.pkl]

Writes bench/results/relations_cv.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import train_relations as tr  # noqa: E402

from actorgraph.extract.relation_model import RelationClassifier  # noqa: E402


def speed(gold: dict) -> dict:
    """Seconds to parse (spaCy + actorgraph components) and to run the packaged classifier."""
    from actorgraph.pipeline import _annotating_nlp

    nlp = _annotating_nlp()
    texts = [g["text"] for g in gold.values()]
    model = RelationClassifier.load()
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts))
    parse = time.perf_counter() - t0
    t0 = time.perf_counter()
    found = sum(len(model.predict(d)) for d in docs)
    predict = time.perf_counter() - t0
    return {"documents": len(docs), "words": sum(len(t.split()) for t in texts), "parse_seconds": round(parse, 2),
            "classifier_seconds": round(predict, 3), "classifier_share_of_parse": round(predict / parse, 4),
            "relations_found": found}  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=tr.SHARED / "data" / "re3d")
    ap.add_argument("--cache", type=Path, help="pickle of the parsed documents (outside the repository)")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "relations_cv.json")
    ap.add_argument("--no-speed", action="store_true")
    args = ap.parse_args()
    gold = tr.scorer().load_gold(str(args.gold))
    parsed = tr.parse(args.gold, args.cache)
    data = tr.examples(parsed, gold)
    result = tr.cv_report(gold, parsed, data, dict(tr.DEFAULTS))
    if not args.no_speed:
        result["speed"] = speed(gold)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    rows = ("rules_only", "model_only", "model_only_per_class_thresholds", "model_plus_rules",
            "model_plus_rules_per_class_thresholds")  # fmt: skip
    print(f"{'':40} {'P':>6} {'R':>6} {'F1':>6}   " + "  ".join(f"{c[:5]:>5}" for c in tr.CLASSES))
    for k in rows:
        r = result[k]
        per = "  ".join(f"{r[f'relations_{c}']['f1']:5.3f}" for c in tr.CLASSES)
        rel = r["relations"]
        print(f"{k:40} {rel['p']:6.3f} {rel['r']:6.3f} {rel['f1']:6.3f}   {per}")
    if "speed" in result:
        print("speed:", json.dumps(result["speed"]))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()

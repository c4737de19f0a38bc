"""Cross-validated figures of the relation classifier on re3d (5 folds by document).

Parses the re3d documents with actorgraph's pipeline, trains the classifier of
src/actorgraph/extract/relation_model.py on four folds and predicts the fifth (the same
code and hyperparameters as scripts/train_relations.py), and scores the out-of-fold
predictions with the matching of shared/eval/score_relations.py: the model alone, the rule
claims alone, and the two merged (rule claims plus the model's pairs no rule claim covers).
Also times the extract's actorgraph_relations step against the bare spaCy parse (re3d and
the first 200 BBC articles of shared/data/corpus). The whole extract cross-validated:
scripts/train_relations.py --pipeline-cv.

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

ACTORGRAPH_STEPS = (
    "actorgraph_actors",
    "actorgraph_attributions",
    "actorgraph_claims",
    "actorgraph_relations",
)


def speed(texts: list[str]) -> dict:
    """Seconds of the bare spaCy parse and of the actorgraph_relations step (the classifier as
    extract runs it, on docs the other steps have annotated), best of two runs each."""
    from actorgraph.pipeline import _annotating_nlp

    nlp = _annotating_nlp()
    step = nlp.get_pipe("actorgraph_relations")
    list(nlp.pipe(texts[:4]))  # warm up
    parse, cost = [], []
    for _ in range(2):
        with nlp.select_pipes(disable=list(ACTORGRAPH_STEPS)):
            t0 = time.perf_counter()
            list(nlp.pipe(texts))
            parse.append(time.perf_counter() - t0)
        with nlp.select_pipes(disable=["actorgraph_relations"]):
            docs = list(nlp.pipe(texts))
        before = sum(len(d._.claims or []) for d in docs)
        t0 = time.perf_counter()
        for d in docs:
            step(d)
        cost.append(time.perf_counter() - t0)
        added = sum(len(d._.claims or []) for d in docs) - before
    return {"documents": len(texts), "words": sum(len(t.split()) for t in texts),
            "bare_spacy_parse_seconds": round(min(parse), 2), "relations_step_seconds": round(min(cost), 3),
            "relations_step_share_of_parse": round(min(cost) / min(parse), 4), "claims_added": added}  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=tr.SHARED / "data" / "re3d")
    ap.add_argument("--cache", type=Path, help="pickle of the parsed documents (outside the repository)")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "relations_cv.json")
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--news", type=Path, default=tr.SHARED / "data" / "corpus" / "bbc.jsonl",
                    help="JSONL of news articles: the speed is also measured on the first 200")  # fmt: skip
    args = ap.parse_args()
    gold = tr.scorer().load_gold(str(args.gold))
    parsed = tr.parse(args.gold, args.cache)
    data = tr.examples(parsed, gold)
    result = tr.cv_report(gold, parsed, data, dict(tr.DEFAULTS))
    if not args.no_speed:
        result["speed"] = {"re3d": speed([g["text"] for g in gold.values()])}
        if args.news.exists():
            with open(args.news, encoding="utf-8") as f:
                news = [json.loads(line)["text"] for _, line in zip(range(200), f, strict=False)]
            result["speed"]["news"] = speed(news)
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

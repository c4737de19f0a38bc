"""Time actor resolution against the spaCy parse it runs on (issue: resolution < 10% of parse).

Parses BBC articles once with the plain en_core_web_sm pipeline, then times the
`actorgraph_actors` component alone on the parsed Docs, per 1,000 words. Reads
../shared/data/corpus/bbc.jsonl; says so and exits 0 when it is absent.
Writes bench/results/actor_resolution.json.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "bbc.jsonl"
OUT = ROOT / "bench" / "results" / "actor_resolution.json"


def main(limit: int = 300) -> None:
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} is absent (the BBC corpus lives in ../shared)")
        return
    from actorgraph.extract.actors import ActorResolver
    from actorgraph.nlp import load_nlp
    from actorgraph.registry import Registry

    texts = []
    with CORPUS.open(encoding="utf-8") as f:
        for line in f:
            texts.append(json.loads(line)["text"])
            if len(texts) >= limit:
                break
    words = sum(len(t.split()) for t in texts)
    nlp = load_nlp()
    resolver = ActorResolver(Registry.default())
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=64))
    parse = time.perf_counter() - t0
    t0 = time.perf_counter()
    for doc in docs:
        resolver(doc)
    resolve = time.perf_counter() - t0
    result = {
        "documents": len(texts),
        "words": words,
        "parse_seconds": round(parse, 3),
        "resolution_seconds": round(resolve, 3),
        "resolution_share_of_parse": round(resolve / parse, 4),
        "parse_ms_per_1000_words": round(1000 * parse / words * 1000, 2),
        "resolution_ms_per_1000_words": round(1000 * resolve / words * 1000, 2),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)

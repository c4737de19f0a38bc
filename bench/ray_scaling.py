"""The Ray engine on a local Ray instance, 1 and 2 workers, against the local engine.

    .venv/bin/python bench/ray_scaling.py [--docs 200]

Each engine extracts the same BBC articles; documents/s and words/s are over the whole run,
start-up included (Ray's actors load their models inside the run, as the local workers do),
and then again from the first result on (steady state). It also checks that both engines
give the same claims. Needs the extra `actorgraph[ray]`. Writes bench/results/ray.json.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from itertools import islice
from pathlib import Path

from results_file import write_results

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "bbc.jsonl"
RESULTS = ROOT / "bench" / "results" / "ray.json"


def timed(engine, items: list) -> tuple[dict, list[dict]]:  # type: ignore[no-untyped-def]
    """Throughput figures of one engine run, and its results."""
    words = {x.id: len(x.text.split()) for x in items}
    start = time.perf_counter()
    results = engine.run(items)
    out = [next(results)]
    first = time.perf_counter()
    out += list(results)
    end = time.perf_counter()
    steady_words = sum(words[d["id"]] for d in out[1:])
    figures = {
        "workers": engine.workers,
        "seconds": round(end - start, 1),
        "docs_per_s": round(len(out) / (end - start), 2),
        "words_per_s": round(sum(words.values()) / (end - start)),
        "steady_words_per_s": round(steady_words / (end - first)) if end > first else None,
    }
    return figures, out


def claims(results: list[dict]) -> dict[str, list]:
    return {
        d["id"]: sorted(
            (c["subject"], c["relation"], c["object"], c["polarity"]) for c in d.get("claims", [])
        )
        for d in results
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=200, help="BBC articles to use (0: all 2,225)")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} is absent (the BBC corpus lives in ../shared); nothing measured")
        return 0
    try:
        import ray
    except ImportError:
        print("skipped: Ray is not installed (pip install -e '.[ray]'); nothing measured")
        return 0

    from actorgraph.ingest import InputDocument, iter_documents
    from actorgraph.ingest.engine import LocalEngine, RayEngine

    items = [x for x in iter_documents([CORPUS]) if isinstance(x, InputDocument)]
    if args.docs:
        items = list(islice(items, args.docs))
    print(f"{len(items)} BBC articles; {os.cpu_count()} CPUs", flush=True)
    runs: dict[str, dict] = {}
    reference = None
    for n in (1, 2):
        figures, out = timed(LocalEngine(workers=n), items)
        runs[f"local-{n}"] = figures
        reference = reference or claims(out)
        print(f"local engine, {n} worker(s): {figures}", flush=True)
    started = time.perf_counter()
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    ray_start = time.perf_counter() - started
    try:
        for n in (1, 2):
            figures, out = timed(RayEngine(workers=n), items)
            figures["same_claims_as_local"] = claims(out) == reference
            runs[f"ray-{n}"] = figures
            print(f"ray engine,   {n} worker(s): {figures}", flush=True)
    finally:
        ray.shutdown()
    result = {
        "corpus": "../shared/data/corpus/bbc.jsonl",
        "documents": len(items),
        "cpus": os.cpu_count(),
        "ray_init_s": round(ray_start, 1),
        "load_average_at_end": [round(x, 1) for x in os.getloadavg()],
        "runs": runs,
        "ray_vs_local_2_workers": round(runs["ray-2"]["words_per_s"] / runs["local-2"]["words_per_s"], 3),
    }
    print(
        f"ray.init: {ray_start:.1f}s (not in the runs); ray/local at 2 workers: {result['ray_vs_local_2_workers']}"
    )
    write_results(RESULTS, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())

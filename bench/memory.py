"""Peak memory of `actorgraph ingest` on 500 and on all 2,225 BBC articles: it must stay flat.

    .venv/bin/python bench/memory.py [--workers 1] [--small 500]

Each ingest runs in a fresh subprocess into a new SQLite store; its peak resident set size
comes from resource.getrusage(RUSAGE_CHILDREN) of a wrapper process that runs only that
ingest (with worker processes it is the largest single process, not their sum). The
500-article input is a temporary file, never kept. Writes bench/results/memory.json.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from results_file import write_results

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "bbc.jsonl"
RESULTS = ROOT / "bench" / "results" / "memory.json"

WRAPPER = """
import resource, subprocess, sys
rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
print(rc, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def peak_rss_mib(corpus: Path, db: Path, workers: int) -> tuple[float, float]:
    """(peak RSS in MiB, seconds) of one `actorgraph ingest` of `corpus` into a new store."""
    ingest = [sys.executable, "-c", "from actorgraph.cli import app; app()", "ingest", str(corpus)]
    ingest += ["--db", str(db), "--workers", str(workers)]
    start = time.monotonic()
    out = subprocess.run([sys.executable, "-c", WRAPPER, *ingest], capture_output=True, text=True, check=True)
    seconds = time.monotonic() - start
    rc, kib = map(int, out.stdout.split())
    if rc != 0:
        raise SystemExit(f"ingest of {corpus} failed with exit code {rc}")
    return kib / 1024, seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--small", type=int, default=500, help="articles in the small run")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} is absent (the BBC corpus lives in ../shared); nothing measured")
        return 0
    lines = CORPUS.read_bytes().splitlines(keepends=True)
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp, "small.jsonl")
        small.write_bytes(b"".join(lines[: args.small]))
        runs = {}
        for name, corpus, n in (("small", small, args.small), ("all", CORPUS, len(lines))):
            mib, seconds = peak_rss_mib(corpus, Path(tmp, f"{name}.db"), args.workers)
            runs[name] = {"documents": n, "peak_rss_mib": round(mib, 1), "seconds": round(seconds, 1)}
            print(
                f"{n:5d} articles: peak RSS {mib:7.1f} MiB ({seconds:.0f}s, {args.workers} worker(s))",
                flush=True,
            )
    growth = runs["all"]["peak_rss_mib"] / runs["small"]["peak_rss_mib"] - 1
    result = {
        "corpus": "../shared/data/corpus/bbc.jsonl",
        "workers": args.workers,
        "runs": runs,
        "growth": round(growth, 4),
        "within_10_percent": abs(growth) <= 0.10,
    }
    print(f"growth from {args.small} to {len(lines)} articles: {growth:+.1%} (target: within 10%)")
    write_results(RESULTS, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())

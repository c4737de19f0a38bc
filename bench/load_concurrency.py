"""Load test: the web server reads while an ingest writes (SQLite WAL), on loopback only.

Starts `actorgraph serve` on 127.0.0.1, a writer, and N reader threads that cycle through the
JSON API for S seconds; counts requests, failures (5xx, connection errors, "database is
locked") and latencies; checks the store afterwards; writes a JSON report.

    python bench/load_concurrency.py                       # 20 readers, 30 s, real `actorgraph ingest`
    python bench/load_concurrency.py --readers 5 --seconds 5 --writer store --docs docs.jsonl --out r.json

Writers: `cli` runs `actorgraph ingest` on copies of the sample corpus (spaCy parses: a
realistic write rate); `store` writes contract documents from --docs (or the sample, extracted
first) with fresh ids as fast as the store takes them (a harsher write load).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any

HOST = "127.0.0.1"  # never anything else
RESULTS = Path(__file__).parent / "results" / "load_concurrency.json"
STORE_WRITER = """
import itertools, json, sys, time
from actorgraph.store import Store
docs = [json.loads(line) for line in open(sys.argv[2], encoding="utf-8")]
deadline = time.monotonic() + float(sys.argv[3])
written = 0
with Store.open(sys.argv[1]) as store:
    for round in itertools.count():
        if time.monotonic() > deadline:
            break
        batch = [{**d, "id": f"{d['id']}--w{round}"} for d in docs]
        added, _ = store.add_documents(batch, batch=5)
        written += added
print(json.dumps({"written": written}))
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _sample_lines() -> list[str]:
    sample = resources.files("actorgraph") / "data" / "sample" / "sample.jsonl"
    return sample.read_text(encoding="utf-8").splitlines()


def _extract_sample(path: Path) -> None:
    from actorgraph.ingest import iter_documents
    from actorgraph.pipeline import Pipeline

    with resources.as_file(resources.files("actorgraph") / "data" / "sample" / "sample.jsonl") as sample:
        docs = [d for d in Pipeline().process(iter_documents([sample])) if "error" not in d]
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")


def _seed(db: Path, docs: Path) -> None:
    from actorgraph.store import Store

    with Store.open(db) as store:
        store.add_documents(json.loads(line) for line in docs.open(encoding="utf-8"))


def _endpoints(base: str, client: Any) -> list[str]:
    """GET endpoints of the API without required parameters, plus a few lookups."""
    spec = client.get(f"{base}/openapi.json").json()
    urls = []
    for path, ops in spec["paths"].items():
        get = ops.get("get")
        if not get or not path.startswith("/api/") or "export" in path:
            continue
        if any(p.get("required") for p in get.get("parameters", [])):
            continue
        urls.append(path)
    urls += ["/api/dyad?a=iran&b=russia", "/api/actors/iran", "/api/claims?actor=iran&limit=50", "/"]
    if "/api/search" in spec["paths"]:
        urls.append("/api/search?q=talks")
    return urls


def _reader(base: str, urls: list[str], deadline: float, out: list[dict], offset: int) -> None:
    import httpx

    with httpx.Client(timeout=60) as client:
        i = offset
        while time.monotonic() < deadline:
            url = urls[i % len(urls)]
            i += 1
            started = time.perf_counter()
            try:
                r = client.get(base + url)
                status, body = r.status_code, r.text
            except httpx.HTTPError as e:
                status, body = 0, f"{type(e).__name__}: {e}"
            ms = (time.perf_counter() - started) * 1000
            failed = status == 0 or status >= 500 or "database is locked" in body
            out.append(
                {
                    "url": url.split("?")[0],
                    "status": status,
                    "ms": ms,
                    "error": body[:300] if failed else None,
                }
            )


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def run(readers: int, seconds: float, writer: str, docs: Path | None, workdir: Path) -> dict[str, Any]:
    """Run the load once in `workdir`; return the report."""
    import httpx

    from actorgraph.store.maintenance import check_store

    if docs is None:
        docs = workdir / "docs.jsonl"
        _extract_sample(docs)
    db = workdir / "load.db"
    _seed(db, docs)
    port = _free_port()
    base = f"http://{HOST}:{port}"
    exe = [sys.executable, "-c", "from actorgraph.cli import app; app(prog_name='actorgraph')"]
    server_log = (workdir / "server.log").open("w")
    server = subprocess.Popen(
        [*exe, "serve", "--db", str(db), "--host", HOST, "--port", str(port)],
        stdout=server_log,
        stderr=subprocess.STDOUT,
    )
    try:
        with httpx.Client(timeout=5) as client:
            for _ in range(300):
                try:
                    if client.get(f"{base}/api/counts").status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                time.sleep(0.1)
            else:
                raise RuntimeError(
                    f"the server did not start: {(workdir / 'server.log').read_text()[-2000:]}"
                )
            urls = _endpoints(base, client)
            before = client.get(f"{base}/api/counts").json()

        if writer == "cli":
            corpus = workdir / "corpus.jsonl"
            lines = _sample_lines()
            with corpus.open("w", encoding="utf-8") as f:
                for k in range(max(2, int(seconds / 5))):
                    for line in lines:
                        record = json.loads(line)
                        f.write(json.dumps({**record, "id": f"{record['id']}--load{k}"}) + "\n")
            command = [*exe, "ingest", str(corpus), "--db", str(db), "--batch", "5"]
        else:
            script = workdir / "writer.py"
            script.write_text(STORE_WRITER, encoding="utf-8")
            command = [sys.executable, str(script), str(db), str(docs), str(seconds)]
        writer_proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

        results: list[dict] = []
        per_thread: list[list[dict]] = [[] for _ in range(readers)]
        started = time.monotonic()
        deadline = started + seconds
        threads = [
            threading.Thread(target=_reader, args=(base, urls, deadline, per_thread[i], i))
            for i in range(readers)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - started
        for chunk in per_thread:
            results.extend(chunk)
        try:
            w_out, w_err = writer_proc.communicate(timeout=seconds * 4 + 60)
        except subprocess.TimeoutExpired:
            writer_proc.kill()
            w_out, w_err = writer_proc.communicate()
        with httpx.Client(timeout=10) as client:
            after = client.get(f"{base}/api/counts").json()
    finally:
        server.terminate()
        server.wait(timeout=20)
        server_log.close()
    log = (workdir / "server.log").read_text(errors="replace")
    report = check_store(db)

    latencies = [r["ms"] for r in results]
    failures = [r for r in results if r["error"] is not None]
    writer_failed = writer_proc.returncode != 0 or "locked" in (w_err or "")
    return {
        "readers": readers,
        "seconds": round(elapsed, 2),
        "writer": writer,
        "host": HOST,
        "requests": len(results),
        "requests_per_second": round(len(results) / elapsed, 1),
        "failures": len(failures),
        "failure_examples": [f"{r['url']} {r['status']}: {r['error']}" for r in failures[:5]],
        "status_counts": dict(Counter(str(r["status"]) for r in results)),
        "latency_ms": {
            "p50": round(_percentile(latencies, 0.50), 1),
            "p95": round(_percentile(latencies, 0.95), 1),
            "p99": round(_percentile(latencies, 0.99), 1),
            "max": round(max(latencies, default=0.0), 1),
            "mean": round(statistics.fmean(latencies), 1) if latencies else 0.0,
        },
        "per_endpoint": dict(Counter(r["url"] for r in results)),
        "documents_before": before.get("documents"),
        "documents_after": after.get("documents"),
        "writer_exit_code": writer_proc.returncode,
        "writer_failed": writer_failed,
        "writer_stderr_tail": (w_err or "")[-600:] if writer_failed else "",
        "server_errors": sum(log.count(s) for s in ("Traceback", "database is locked")),
        "store_check_ok": report.ok,
        "store_problems": [p.__dict__ for p in report.problems],
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version,
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--readers", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--writer", choices=("cli", "store"), default="cli")
    parser.add_argument("--docs", type=Path, help="contract documents (JSONL) to seed and write")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="actorgraph-load-") as tmp:
        result = run(args.readers, args.seconds, args.writer, args.docs, Path(tmp))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    ok = result["failures"] == 0 and not result["writer_failed"] and result["store_check_ok"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

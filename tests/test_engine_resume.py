"""An ingest killed with SIGKILL halfway, then run again, ends where an uninterrupted one does.

Committed batches survive the kill, the open transaction is rolled back, and the rerun skips
what is stored (--resume is the default) and parses the rest. The killed run uses worker
processes, which must exit on their own once their parent is gone.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from actorgraph.store import Store
from test_engine import write_corpus

N = 60
ACTORGRAPH = [sys.executable, "-c", "from actorgraph.cli import app; app()"]

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="SIGKILL and /proc are Linux's")


def ingest(corpus: Path, db: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [*ACTORGRAPH, "ingest", str(corpus), "--db", str(db), "--batch", "4", *extra],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def stored(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:  # not created yet, or mid-migration
        return 0


def children(pid: int) -> set[int]:
    out = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.add(int(stat.parent.name))
    return out


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def counts(db: Path) -> dict[str, int]:
    with Store.open(db) as store:
        return store.counts()


def test_sigkill_halfway_then_rerun_gives_the_uninterrupted_counts(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus.jsonl", N)
    whole = ingest(corpus, tmp_path / "whole.db", "--workers", "1")
    assert whole.wait(timeout=300) == 0, whole.stderr.read() if whole.stderr else ""
    expected = counts(tmp_path / "whole.db")
    assert expected["documents"] == N and expected["claims"] >= N

    db = tmp_path / "killed.db"
    run = ingest(corpus, db, "--workers", "2")
    deadline = time.monotonic() + 300
    while stored(db) < N // 3:
        assert run.poll() is None, "the ingest ended before it could be killed"
        assert time.monotonic() < deadline, "the ingest made no progress"
        time.sleep(0.05)
    workers = children(run.pid)
    run.send_signal(signal.SIGKILL)
    run.wait(timeout=30)
    partial = stored(db)
    assert N // 3 <= partial < N, "killed too late to test anything"

    # orphaned workers notice and exit rather than holding a model each
    deadline = time.monotonic() + 20
    while any(alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(alive(p) for p in workers), "worker processes outlived the killed ingest"

    rerun = ingest(corpus, db, "--workers", "2")
    _, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    assert f"{N - partial} added, {partial} skipped" in " ".join(err.split())
    assert counts(db) == expected

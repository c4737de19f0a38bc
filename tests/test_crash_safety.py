"""Crash safety: SIGKILL during an ingest, at random points, leaves a store that opens, passes
`check_store`, and completes on rerun with nothing lost or doubled (the same row counts as an
uninterrupted run).

The store-writing test kills a small writer process (no spaCy: it starts fast, so most of its
life is spent writing); the CLI test kills a real `actorgraph ingest` once a batch is committed.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from importlib import resources
from pathlib import Path

import pytest

from actorgraph.store import Store
from actorgraph.store.maintenance import check_store

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")

SAMPLE_DOCS = 8
COPIES = 4
CLI_DOCS = 6
WRITER = """
import json, sys
from actorgraph.store import Store
docs = [json.loads(line) for line in open(sys.argv[2], encoding="utf-8")]
with Store.open(sys.argv[1]) as store:
    store.add_documents(iter(docs), batch=int(sys.argv[3]))
"""


def _sample_lines() -> list[str]:
    sample = resources.files("actorgraph") / "data" / "sample" / "sample.jsonl"
    return sample.read_text(encoding="utf-8").splitlines()[:SAMPLE_DOCS]


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    """The first sample documents, extracted once, for the store-writing test."""
    from actorgraph.ingest import InputDocument
    from actorgraph.pipeline import Pipeline

    records = [json.loads(line) for line in _sample_lines()]
    items = [
        InputDocument(**{k: r.get(k) for k in ("id", "text", "title", "published", "outlet", "url")})
        for r in records
    ]
    docs = [d for d in Pipeline().process(items) if "error" not in d]
    assert len(docs) == SAMPLE_DOCS
    return docs


def _counts(db: Path) -> dict[str, int]:
    with Store.open(db, create=False) as store:
        return store.counts()


def _documents_in(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:
        return 0  # not created yet


def _assert_sound(db: Path) -> None:
    """What a crash may leave: a store that opens and checks clean, or nothing at all.

    Killed before its first commit, the writer leaves no store, or an empty SQLite file
    (the schema is created in one transaction): the rerun creates the store.
    """
    if not db.exists():
        return
    with sqlite3.connect(db, timeout=5) as conn:
        if not conn.execute("SELECT name FROM sqlite_master WHERE name = 'schema_version'").fetchone():
            assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
            return
    report = check_store(db)
    assert report.ok, report.problems
    Store.open(db, create=False).close()


@pytest.mark.timeout(120)
def test_sigkill_while_writing_then_rerun_gives_the_same_store(tmp_path: Path, extracted: list[dict]) -> None:
    corpus = tmp_path / "extracted.jsonl"
    with corpus.open("w", encoding="utf-8") as f:
        for k in range(COPIES):
            for doc in extracted:
                f.write(json.dumps({**doc, "id": f"{doc['id']}--{k}"}) + "\n")
    total = SAMPLE_DOCS * COPIES
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")

    def writer(db: Path, batch: int) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, str(script), str(db), str(corpus), str(batch)])

    reference = tmp_path / "reference.db"
    started = time.monotonic()
    assert writer(reference, 3).wait(timeout=60) == 0
    took = time.monotonic() - started
    expected = _counts(reference)
    assert expected["documents"] == total

    rng = random.Random(9)
    partial = 0
    for run, fraction in enumerate((0.6, 0.8, 0.95)):
        db = tmp_path / f"killed-{run}.db"
        proc = writer(db, rng.choice((1, 2, 5)))
        # kill once that share of the documents is committed: the next batch is then in flight
        deadline = time.monotonic() + max(30.0, 3 * took)
        while _documents_in(db) < total * fraction and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        held = _documents_in(db)
        partial += 0 < held < total
        _assert_sound(db)
        with Store.open(db) as store:  # the rerun: what is stored is skipped, the rest added
            store.add_documents((json.loads(line) for line in corpus.open(encoding="utf-8")), batch=4)
        assert _counts(db) == expected, f"run {run}, killed with {held} of {total} documents stored"
        assert check_store(db).ok
    assert partial >= 1, "no kill landed while documents were being written"


@pytest.mark.timeout(120)
def test_sigkill_during_cli_ingest_then_rerun_completes(tmp_path: Path, extracted: list[dict]) -> None:
    corpus = tmp_path / "sample.jsonl"
    corpus.write_text("\n".join(_sample_lines()[:CLI_DOCS]) + "\n", encoding="utf-8")
    reference = tmp_path / "reference.db"
    with Store.open(reference) as store:
        store.add_documents(extracted[:CLI_DOCS], batch=2)
    expected = _counts(reference)

    db = tmp_path / "killed.db"
    cli = "from actorgraph.cli import app; app(prog_name='actorgraph')"
    # one document per parse and per commit, in one worker: the kill lands between documents
    command = [sys.executable, "-c", cli, "ingest", str(corpus), "--db", str(db), "--batch", "1",
               "--parse-batch", "1", "--workers", "1"]  # fmt: skip
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while _documents_in(db) < 1 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(random.Random(3).uniform(0.0, 0.2))  # somewhere inside the next documents
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    held = _documents_in(db)
    assert 0 < held < CLI_DOCS, f"the kill should land mid-ingest, {held} of {CLI_DOCS} were stored"
    _assert_sound(db)

    from typer.testing import CliRunner

    from actorgraph.cli import app

    rerun = CliRunner().invoke(app, command[3:])  # in this process: spaCy is loaded already
    assert rerun.exit_code == 0, rerun.output
    assert f"{held} skipped (already stored)" in rerun.stderr
    assert _counts(db) == expected
    assert check_store(db).ok

"""Concurrency: the web server reads while a writer ingests (SQLite WAL), on 127.0.0.1 only.

A short run of bench/load_concurrency.py (5 readers, 5 s, a store writer that writes as fast
as the store takes documents): no 5xx, no "database is locked", no writer failure, and the
store checks clean afterwards. The bench's default run is 20 readers for 30 s.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import drones_document, pact_document

BENCH = Path(__file__).parent.parent / "bench" / "load_concurrency.py"


@pytest.mark.timeout(120)
def test_readers_and_a_writer_at_once_give_no_errors(tmp_path: Path) -> None:
    docs = tmp_path / "docs.jsonl"
    docs.write_text(
        "".join(json.dumps(d) + "\n" for d in (drones_document(), pact_document())), encoding="utf-8"
    )
    out = tmp_path / "load.json"
    command = [sys.executable, str(BENCH), "--readers", "5", "--seconds", "5", "--writer", "store"]
    run = subprocess.run(
        [*command, "--docs", str(docs), "--out", str(out)], capture_output=True, text=True, timeout=110
    )
    assert out.exists(), run.stderr[-3000:]
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["host"] == "127.0.0.1"
    assert result["requests"] > 20, result
    assert result["failures"] == 0, result["failure_examples"]
    assert not result["writer_failed"], result["writer_stderr_tail"]
    assert result["server_errors"] == 0
    assert result["documents_after"] > result["documents_before"], "the writer wrote during the run"
    assert result["store_check_ok"], result["store_problems"]
    assert run.returncode == 0

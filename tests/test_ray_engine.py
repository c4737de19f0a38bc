"""The Ray engine on a local Ray instance (2 CPUs) gives the local engine's claims.

Ray is an optional extra (`actorgraph[ray]`); CI installs it, so there a missing Ray fails
instead of skipping.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from actorgraph.ingest import iter_documents
from actorgraph.ingest.engine import LocalEngine, RayEngine
from test_engine import claims_by_doc, write_corpus

if not os.environ.get("CI"):
    pytest.importorskip("ray", reason="Ray is the optional extra actorgraph[ray]")


@pytest.fixture(scope="module")
def local_ray():
    import ray

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def test_ray_and_local_engines_give_the_same_claims(tmp_path: Path, local_ray: None) -> None:
    corpus = write_corpus(tmp_path / "corpus.jsonl", 50)
    local = list(LocalEngine(workers=1).run(iter_documents([corpus])))
    remote = list(RayEngine(workers=2, batch_size=8).run(iter_documents([corpus, tmp_path / "missing.txt"])))
    assert sorted(d["id"] for d in remote) == sorted([*(d["id"] for d in local), "missing"])
    assert {"id": "missing", "error": next(d["error"] for d in remote if d["id"] == "missing")} in remote
    remote = [d for d in remote if d["id"] != "missing"]
    assert claims_by_doc(remote) == claims_by_doc(local)
    assert sum(len(c) for c in claims_by_doc(local).values()) >= 50
    # the whole documents, not only the claims, are the same
    assert sorted(remote, key=lambda d: d["id"]) == sorted(local, key=lambda d: d["id"])


def test_cli_ray_engine_fills_the_store_like_the_local_one(tmp_path: Path, local_ray: None) -> None:
    from typer.testing import CliRunner

    from actorgraph.cli import app
    from actorgraph.store import Store

    corpus = write_corpus(tmp_path / "corpus.jsonl", 12)
    runner = CliRunner()
    for name, extra in (("local", ["--workers", "1"]), ("ray", ["--engine", "ray", "--workers", "2"])):
        result = runner.invoke(app, ["ingest", str(corpus), "--db", str(tmp_path / f"{name}.db"), *extra])
        assert result.exit_code == 0, result.output
    with Store.open(tmp_path / "local.db") as a, Store.open(tmp_path / "ray.db") as b:
        assert a.counts() == b.counts()
        assert a.counts()["claims"] >= 12

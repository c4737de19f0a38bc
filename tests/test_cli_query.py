"""`actorgraph ingest`, `dyad` and `actor` through typer's CliRunner."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from actorgraph.cli import app
from actorgraph.store import Store
from conftest import DRONES_TEXT, PACT_TEXT, drones_document, pact_document

runner = CliRunner()


@pytest.fixture
def db(filled_store, db_path) -> str:
    filled_store.close()
    return str(db_path)


def test_dyad_table(db):
    result = runner.invoke(app, ["dyad", "Tehran", "Moscow", "--db", db], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Iran ↔ Russia: 4 claims" in result.stdout
    assert "denied" in result.stdout and "two Ukrainian officials (anonymous)" in result.stdout
    assert (
        result.stdout.index("2022-10-01")
        < result.stdout.index("2022-11-07")
        < result.stdout.index("2023-03-03")
    )


def test_dyad_json_is_oldest_first_with_every_field(db):
    result = runner.invoke(app, ["dyad", "russia", "IRAN", "--db", db, "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["date"] for r in rows] == ["2022-10-01", "2022-11-07", "2023-03-03", "2023-03-04"]
    assert (
        rows[1]["polarity"] == "negated" and rows[1]["channel"] == "reuters" and rows[1]["stance"] == "deny"
    )
    assert rows[0]["location"] == {"text": "Crimea", "actor": None}


def test_dyad_csv(db):
    result = runner.invoke(app, ["dyad", "u.s.", "iran", "--db", db, "-f", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 1
    assert (rows[0]["relation"], rows[0]["speaker"], rows[0]["evidence"]) == (
        "ACCUSE",
        "Example Wire",
        "The U.S. accused Iran of arming Russia.",
    )


def test_unknown_actor_exits_2_with_suggestions(db):
    result = runner.invoke(app, ["dyad", "Irann", "Russia", "--db", db])
    assert result.exit_code == 2
    assert "no actor named 'Irann'" in result.stderr and "Iran" in result.stderr
    assert result.stdout == ""


def test_query_on_missing_database_says_to_ingest_and_creates_nothing(tmp_path):
    path = tmp_path / "missing.db"
    for args in (["dyad", "iran", "russia"], ["actor", "iran"]):
        result = runner.invoke(app, [*args, "--db", str(path)])
        assert result.exit_code == 2
        assert "actorgraph ingest" in result.stderr
    assert not path.exists()


def test_actor_json_and_csv(db):
    result = runner.invoke(app, ["actor", "Islamic Republic of Iran", "--db", db, "--format", "json"])
    assert result.exit_code == 0, result.output
    profile = json.loads(result.stdout)
    assert profile["actor"]["id"] == "iran" and profile["claims"] == 5
    aid = profile["counterparts"][0]["ties"][0]
    assert (aid["relation"], aid["supporting"], aid["denying"]) == ("AID", 1, 1)

    result = runner.invoke(app, ["actor", "iran", "--db", db, "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["counterpart"], r["relation"], r["direction"]) for r in rows] == [
        ("russia", "AID", "out"),
        ("russia", "AGREE", "in"),
        ("russia", "ALLY", "mutual"),
        ("united_states", "ACCUSE", "in"),
    ]


def test_actor_table(db):
    result = runner.invoke(app, ["actor", "russia", "--db", db], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Russia (russia, state)" in result.stdout and "Kremlin" in result.stdout


# -- ingest --------------------------------------------------------------------------------------


class FakePipeline:
    """Stands in for the lead's Pipeline: returns prepared documents, records what it was asked."""

    seen: list[str] = []
    prepared = {"drones": drones_document(), "pact": pact_document()}

    def process(self, items):
        for item in items:
            FakePipeline.seen.append(item.id)
            if getattr(item, "error", None) is not None:
                yield {"id": item.id, "error": item.error}
            elif item.id == "broken":
                yield {"id": "broken", "error": "not English"}
            elif item.id == "invalid":
                bad = drones_document(id="invalid")
                bad["claims"][0]["subject"] = "nobody"
                yield bad
            else:
                yield FakePipeline.prepared[item.id]


@pytest.fixture
def fake_ingest(monkeypatch):
    from actorgraph import ingest as ingest_module
    from actorgraph import pipeline as pipeline_module
    from actorgraph.ingest import InputDocument, ReadError

    inputs: list = []

    def iter_documents(paths, *, published=None):
        return iter(list(inputs))

    monkeypatch.setattr(ingest_module, "iter_documents", iter_documents)
    monkeypatch.setattr(pipeline_module, "Pipeline", FakePipeline, raising=False)
    FakePipeline.seen = []
    return inputs, InputDocument, ReadError


def test_ingest_stores_skips_and_reports_failures(fake_ingest, tmp_path):
    inputs, InputDocument, ReadError = fake_ingest
    inputs += [
        InputDocument(id="drones", text=DRONES_TEXT),
        ReadError(id="binary", error="binary file", path="x.bin"),
        InputDocument(id="broken", text="Bonjour."),
        InputDocument(id="invalid", text=DRONES_TEXT),
        InputDocument(id="pact", text=PACT_TEXT),
    ]
    db = str(tmp_path / "ingest.db")
    result = runner.invoke(app, ["ingest", "anything", "--db", db, "--batch", "1"])
    assert result.exit_code == 0, result.output
    assert "2 added, 0 skipped (already stored), 3 failed" in result.stderr
    for name, reason in (("binary", "binary file"), ("broken", "not English"), ("invalid", "unknown actor")):
        assert f"failed {name}: " in result.stderr and reason in result.stderr
    with Store.open(db, create=False) as store:
        assert store.counts()["documents"] == 2

    # Again: stored documents are skipped before the pipeline sees them; only failures are retried.
    FakePipeline.seen = []
    result = runner.invoke(app, ["ingest", "anything", "--db", db])
    assert FakePipeline.seen == ["binary", "broken", "invalid"]
    assert "0 added, 2 skipped (already stored), 3 failed" in result.stderr
    assert result.exit_code == 1  # something failed and nothing was added


def test_ingest_replaces_a_document_whose_text_changed(fake_ingest, tmp_path):
    inputs, InputDocument, _ = fake_ingest
    db = str(tmp_path / "ingest.db")
    inputs.append(InputDocument(id="drones", text=DRONES_TEXT))
    assert runner.invoke(app, ["ingest", "x", "--db", db]).exit_code == 0
    inputs[0] = InputDocument(id="drones", text=DRONES_TEXT + " Changed.")
    FakePipeline.seen = []
    result = runner.invoke(app, ["ingest", "x", "--db", db])
    assert FakePipeline.seen == ["drones"]  # a changed text is parsed again
    assert result.exit_code == 0


def test_ingest_with_the_real_pipeline(tmp_path):
    """End to end through the lead's pipeline (needs spaCy and the model)."""
    article = tmp_path / "drones.txt"
    article.write_text("Iran denied supplying drones to Russia.", encoding="utf-8")
    db = str(tmp_path / "real.db")
    result = runner.invoke(app, ["ingest", str(article), "--db", db, "--published", "2022-11-05"])
    assert result.exit_code == 0, result.output
    assert "1 added" in result.stderr
    result = runner.invoke(app, ["dyad", "Iran", "Russia", "--db", db, "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["relation"], r["polarity"]) for r in rows] == [("AID", "negated")]
    assert rows[0]["doc_id"] == "drones" and rows[0]["published"] == "2022-11-05"
    result = runner.invoke(app, ["ingest", str(article), "--db", db])
    assert "0 added, 1 skipped" in result.stderr

"""The local engine: worker processes give what one process gives, in input order, streaming.

The corpus is generated from templates here (no ../shared data), short enough that spawning
the workers, not parsing, is most of the time.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from actorgraph.cli import app
from actorgraph.cli.ingest_cmd import estimate_total
from actorgraph.ingest import ReadError, iter_documents
from actorgraph.ingest.engine import LocalEngine, default_workers

STATES = ["Iran", "Russia", "China", "Turkey", "Egypt", "Israel", "Qatar", "Pakistan", "India", "France"]
EVENTS = [
    "{a} accused {b} of supporting militants on Monday, officials said.",
    "{a} signed an agreement with {b} on {day}.",
    "{a} held talks with {b} in Geneva, the foreign ministry said.",
    "{a} threatened {b} with sanctions after the vote.",
    "{a} denied that it had supplied weapons to {b}.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def news_corpus(n: int) -> list[dict]:
    """`n` short, distinct news items; each states at least one tie between two states."""
    out = []
    for i in range(n):
        a, b = STATES[i % 10], STATES[(i * 3 + 1 + i // 10) % 10]
        if a == b:
            b = STATES[(i + 5) % 10]
        event = EVENTS[i % len(EVENTS)].format(a=a, b=b, day=DAYS[i % 5])
        follow = f"Item {i}: the spokesman for {b} told reporters that {a} had attacked its embassy."
        out.append({"id": f"n{i:03d}", "text": f"{event} {follow}", "published": f"2023-05-0{1 + i % 9}"})
    return out


def write_corpus(path: Path, n: int) -> Path:
    path.write_text("".join(json.dumps(d) + "\n" for d in news_corpus(n)), encoding="utf-8")
    return path


def claims_by_doc(results: list[dict]) -> dict[str, list[tuple]]:
    """What a run concluded, independent of result order."""
    return {
        d["id"]: sorted(
            (c["subject"], c["relation"], c["object"], c["polarity"], c["modality"])
            for c in d.get("claims", [])
        )
        for d in results
    }


def test_default_workers_is_the_cpu_count() -> None:
    assert default_workers() >= 1
    assert LocalEngine().workers == default_workers()


def test_two_workers_give_the_single_process_results_in_input_order_lazily(tmp_path: Path) -> None:
    items = [
        *iter_documents([write_corpus(tmp_path / "c.jsonl", 12)]),
        ReadError(id="bad", error="unreadable"),
    ]
    items.insert(3, ReadError(id="early", error="broken line"))
    pulled = 0

    def stream():
        nonlocal pulled
        for item in items:
            pulled += 1
            yield item

    one = list(LocalEngine(workers=1, batch_size=2).run(items))
    results = LocalEngine(workers=2, batch_size=2).run(stream())
    two = [next(results)]
    # a few chunks per worker in flight, never the whole stream
    assert pulled <= 2 * 2 * 2 + 2
    two += list(results)
    assert [d["id"] for d in two] == [x.id for x in items]
    assert two == one
    assert {"id": "bad", "error": "unreadable"} in two
    assert sum(len(d.get("claims", [])) for d in two) >= 12


def test_estimate_total_counts_files_and_jsonl_lines(tmp_path: Path) -> None:
    write_corpus(tmp_path / "a.jsonl", 7)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.txt").write_text("Iran.", encoding="utf-8")
    (tmp_path / "sub" / "notes.md").write_text("ignored", encoding="utf-8")
    (tmp_path / "b.jsonl").write_bytes(
        b'{"id": "1", "text": "x"}\n{"id": "2", "text": "y"}'
    )  # no final newline
    assert estimate_total([tmp_path / "a.jsonl"]) == 7
    assert estimate_total([tmp_path]) == 7 + 1 + 2
    assert estimate_total([tmp_path / "missing.txt"]) == 1


def test_cli_ingest_with_workers_stores_everything_and_resumes(tmp_path: Path) -> None:
    from actorgraph.store import Store

    corpus = write_corpus(tmp_path / "c.jsonl", 10)
    db = tmp_path / "s.db"
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", str(corpus), "--db", str(db), "--workers", "2", "--batch", "3"])
    assert first.exit_code == 0, first.output
    assert "10 added" in first.output
    with Store.open(db) as store:
        counts = store.counts()
    assert counts["documents"] == 10 and counts["claims"] >= 10
    again = runner.invoke(app, ["ingest", str(corpus), "--db", str(db), "--workers", "1"])
    assert again.exit_code == 0, again.output
    assert "0 added, 10 skipped" in again.output
    # --no-resume parses every document again; unchanged texts stay as stored
    forced = runner.invoke(app, ["ingest", str(corpus), "--db", str(db), "--workers", "1", "--no-resume"])
    assert forced.exit_code == 0, forced.output
    assert "0 added, 10 skipped" in forced.output
    with Store.open(db) as store:
        assert store.counts() == counts


def test_cli_address_needs_the_ray_engine(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c.jsonl", 1)
    result = CliRunner().invoke(
        app, ["ingest", str(corpus), "--db", str(tmp_path / "s.db"), "--address", "auto"]
    )
    assert result.exit_code != 0
    assert "--engine ray" in result.output


@pytest.mark.parametrize("workers", ["0", "-1"])
def test_cli_rejects_no_workers(tmp_path: Path, workers: str) -> None:
    corpus = write_corpus(tmp_path / "c.jsonl", 1)
    result = CliRunner().invoke(
        app, ["ingest", str(corpus), "--db", str(tmp_path / "s.db"), "--workers", workers]
    )
    assert result.exit_code == 2

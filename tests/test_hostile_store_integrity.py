"""Store integrity: foreign keys on, `actorgraph check` finds orphans and corruption, and
`actorgraph backup` makes a consistent, self-contained copy (SQLite; PostgreSQL uses pg_dump).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from actorgraph.cli import app
from actorgraph.store import StoreError, StoreNotFound
from actorgraph.store.maintenance import backup_store, check_store

runner = CliRunner()


def _tamper(db: Path, *statements: str) -> None:
    """Write rows the store would refuse, with foreign keys off, as a bug or a hand edit could."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA foreign_keys=OFF")
    for sql in statements:
        conn.execute(sql)
    conn.commit()
    conn.close()


def test_foreign_keys_are_enforced_on_every_connection(filled_store) -> None:
    with filled_store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_a_sound_store_checks_clean(filled_store, db_path: Path) -> None:
    report = check_store(db_path)
    assert report.ok, report.problems
    assert "PRAGMA integrity_check" in report.checks and "PRAGMA foreign_key_check" in report.checks
    assert any(c.startswith("orphans: claims(doc_id)") for c in report.checks)
    assert report.counts["documents"] == 2
    result = runner.invoke(app, ["check", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("ok")


def test_orphans_are_reported_with_counts_and_exit_1(filled_store, db_path: Path) -> None:
    filled_store.close()
    _tamper(
        db_path,
        "DELETE FROM documents WHERE id = 'pact'",  # its claims, mentions, attributions stay
        "DELETE FROM attributions WHERE doc_id = 'drones' AND id = 'a1'",  # claim c1 points to it
        "INSERT INTO aliases (actor_id, alias, norm) VALUES ('ghost', 'Ghost', 'ghost')",
        "DELETE FROM actors WHERE id = 'united_states'",  # claim c3's subject
    )
    report = check_store(db_path)
    assert not report.ok
    found = {p.detail: p.count for p in report.problems}
    assert found["claims whose document is missing (doc_id)"] == 2
    assert found["mentions without their document (doc_id)"] >= 1
    assert found["attributions without their document (doc_id)"] == 1
    assert found["claims whose attribution is missing (doc_id, attribution)"] == 1
    assert found["aliases without their actor (actor_id)"] >= 1
    assert found["claims whose actor is missing (subject)"] == 1

    result = runner.invoke(app, ["check", "--db", str(db_path)])
    assert result.exit_code == 1
    assert "PROBLEM orphans: claims(doc_id) -> documents: 2 claims whose document is missing" in result.stdout
    as_json = json.loads(runner.invoke(app, ["check", "--db", str(db_path), "--json"]).stdout)
    assert as_json["ok"] is False and len(as_json["problems"]) == len(report.problems)


def test_corruption_is_reported(filled_store, db_path: Path) -> None:
    filled_store.close()
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA journal_mode=DELETE")  # fold the WAL in, so the file holds every page
    conn.close()
    data = bytearray(db_path.read_bytes())
    page = 4096
    for offset in range(2 * page, len(data) - page, page):  # scribble over every page but the first
        data[offset + 100 : offset + 400] = b"\xa5" * 300
    db_path.write_bytes(bytes(data))
    try:
        report = check_store(db_path)
    except StoreError as e:  # so broken that it cannot be read at all: a clear error, not a traceback
        assert "cannot check" in str(e) or "not an actorgraph database" in str(e)
        return
    assert not report.ok


def test_missing_store_is_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert "no actorgraph database" in result.stderr
    (tmp_path / "other.db").write_bytes(b"")
    with pytest.raises(StoreNotFound, match="not an actorgraph database"):
        check_store(tmp_path / "other.db")


def test_backup_is_a_complete_consistent_copy(filled_store, db_path: Path, tmp_path: Path) -> None:
    dest = tmp_path / "copy.db"
    result = runner.invoke(app, ["backup", str(dest), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert "backed up to" in result.stderr
    assert not Path(f"{dest}-wal").exists()
    assert check_store(dest).ok
    assert check_store(dest).counts == check_store(db_path).counts
    from actorgraph.store import Store

    with Store.open(dest, create=False) as copy:
        assert copy.document("drones") == filled_store.document("drones")


def test_backup_refuses_to_overwrite_without_force(filled_store, db_path: Path, tmp_path: Path) -> None:
    dest = tmp_path / "copy.db"
    dest.write_bytes(b"keep me")
    result = runner.invoke(app, ["backup", str(dest), "--db", str(db_path)])
    assert result.exit_code == 2 and "--force" in result.stderr
    assert dest.read_bytes() == b"keep me"
    assert runner.invoke(app, ["backup", str(dest), "--db", str(db_path), "--force"]).exit_code == 0
    assert check_store(dest).ok
    with pytest.raises(StoreError, match="the database itself"):
        backup_store(db_path, db_path, overwrite=True)


def test_backup_while_writing_is_consistent(filled_store, db_path: Path, tmp_path: Path) -> None:
    import threading

    from conftest import drones_document

    stop = threading.Event()

    def write() -> None:
        n = 0
        while not stop.is_set():
            filled_store.add_document({**drones_document(), "id": f"drones-{n}"})
            n += 1

    writer = threading.Thread(target=write)
    writer.start()
    try:
        results = [backup_store(db_path, tmp_path / f"b{i}.db") for i in range(3)]
    finally:
        stop.set()
        writer.join()
    for r in results:
        assert check_store(r.path).ok
        assert r.counts["claims"] == 3 * (r.counts["documents"] - 2) + 5  # whole documents only


def test_postgresql_backup_points_to_pg_dump(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="pg_dump"):
        backup_store("postgresql://u:pw@127.0.0.1:1/db", tmp_path / "x.dump")
    result = runner.invoke(app, ["backup", str(tmp_path / "x"), "--db", "postgresql://u:pw@127.0.0.1:1/db"])
    assert result.exit_code == 2 and "pg_dump" in result.stderr and ":pw@" not in result.stderr

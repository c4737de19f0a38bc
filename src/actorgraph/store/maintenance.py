"""Store upkeep: verify a store's integrity (`check_store`) and copy it safely (`backup_store`).

`check_store` never writes: it opens the database without running migrations and looks for
what a crash, a bug or a hand edit could leave behind: SQLite's own corruption checks, rows
whose foreign keys point nowhere (claims whose document or actors are missing, mentions
without documents, attributions referenced by claims but absent, aliases without actors, and
every other foreign key the schema declares), and a full-text index out of step with claims.

`backup_store` copies a SQLite store with SQLite's online backup API, a consistent snapshot
even while an ingest writes. PostgreSQL stores are backed up with `pg_dump`, not here.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from actorgraph.store import schema as s
from actorgraph.store.store import StoreError, StoreNotFound, database_url

__all__ = ["BackupResult", "CheckReport", "Problem", "backup_store", "check_store"]

# Plain-words names of the orphans the schema's foreign keys can leave: (child, parent) -> what.
_ORPHAN_NAMES: dict[tuple[str, str], str] = {
    ("claims", "documents"): "claims whose document is missing",
    ("claims", "actors"): "claims whose actor is missing",
    ("claims", "attributions"): "claims whose attribution is missing",
    ("mentions", "documents"): "mentions without their document",
    ("mentions", "actors"): "mentions whose actor is missing",
    ("attributions", "documents"): "attributions without their document",
    ("attributions", "actors"): "attributions whose speaker or channel is missing",
    ("aliases", "actors"): "aliases without their actor",
    ("document_actors", "documents"): "document-actor links without their document",
    ("document_actors", "actors"): "document-actor links without their actor",
    ("contradictions", "documents"): "contradictions without their document",
    ("contradictions", "claims"): "contradictions whose claim is missing",
}


@dataclass(frozen=True)
class Problem:
    """One failed check: what it is, how many rows, and a detail line."""

    check: str
    count: int
    detail: str = ""


@dataclass
class CheckReport:
    """What `check_store` found; `ok` when no problem."""

    database: str  # the URL, password hidden
    backend: str
    checks: list[str] = field(default_factory=list)  # every check run, in order
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class BackupResult:
    """Where a backup was written, its size, and what it holds."""

    path: Path
    bytes: int
    counts: dict[str, int]


def _engine(db: str | Path) -> tuple[sa.Engine, sa.URL]:
    url = sa.make_url(database_url(db))
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        path = Path(url.database)
        if not path.is_file():
            raise StoreNotFound(f"no actorgraph database at {path}")
    engine = sa.create_engine(url)
    if url.get_backend_name() == "sqlite":

        @sa.event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=10000")
            cursor.close()

    return engine, url


def check_store(db: str | Path) -> CheckReport:
    """Verify the store at `db` (a SQLite path or a SQLAlchemy URL) without changing it.

    Raises StoreNotFound when there is no database, StoreError when it cannot be read at all.
    """
    engine, url = _engine(db)
    report = CheckReport(database=url.render_as_string(hide_password=True), backend=url.get_backend_name())
    try:
        with engine.connect() as conn:
            tables = set(sa.inspect(conn).get_table_names())
            if "schema_version" not in tables:
                raise StoreNotFound(f"{report.database} is not an actorgraph database")
            pragma_orphans: dict[tuple[str, str], int] = {}
            if report.backend == "sqlite":
                pragma_orphans = _sqlite_checks(conn, report, tables)
            covered = _orphan_checks(conn, report, tables)
            for (table, parent), n in sorted(pragma_orphans.items()):
                if (table, parent) not in covered:  # a key the database declares but the code no longer does
                    what = _ORPHAN_NAMES.get((table, parent), f"{table} rows pointing to missing {parent}")
                    report.problems.append(Problem("PRAGMA foreign_key_check", n, what))
            _event_checks(conn, report, tables)
            report.counts = {
                t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar() or 0
                for t in s.TABLES
                if t.name in tables
            }
    except sa.exc.DatabaseError as e:
        raise StoreError(f"cannot check {report.database}: {e.orig}") from e
    finally:
        engine.dispose()
    return report


def _sqlite_checks(conn: Connection, report: CheckReport, tables: set[str]) -> dict[tuple[str, str], int]:
    """SQLite's own checks; returns the foreign key violations it found per (table, parent)."""
    report.checks.append("PRAGMA integrity_check")
    rows = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check")]
    if rows != ["ok"]:
        report.problems.append(Problem("PRAGMA integrity_check", len(rows), "; ".join(rows[:5])))

    report.checks.append("PRAGMA foreign_key_check")
    found: dict[tuple[str, str], int] = {}
    for table, _rowid, parent, _fkid in conn.exec_driver_sql("PRAGMA foreign_key_check"):
        found[(table, parent)] = found.get((table, parent), 0) + 1

    if "claims_fts" in tables:
        report.checks.append("claims_fts integrity-check")
        try:
            # FTS5's own check; it raises SQLITE_CORRUPT_VTAB when the index and claims differ
            conn.exec_driver_sql("INSERT INTO claims_fts(claims_fts, rank) VALUES ('integrity-check', 1)")
        except sa.exc.DatabaseError as e:
            message = str(e.orig)
            if "corrupt" in message or "malformed" in message:
                report.problems.append(Problem("claims_fts integrity-check", 1, message))
            else:  # locked by a writer, or a read-only file: not a finding
                report.checks[-1] += f" (skipped: {message})"
        finally:
            conn.rollback()
    return found


def _orphan_checks(conn: Connection, report: CheckReport, tables: set[str]) -> set[tuple[str, str]]:
    """Rows whose declared foreign keys point to no row: portable, so PostgreSQL is checked too.

    Returns the (table, parent) pairs checked.
    """
    covered: set[tuple[str, str]] = set()
    for table in s.metadata.sorted_tables:
        if table.name not in tables:
            continue
        for fk in sorted(table.foreign_key_constraints, key=lambda f: f.column_keys):
            parent = fk.referred_table
            if parent.name not in tables:
                continue
            pairs = [(el.parent, el.column) for el in fk.elements]
            joined = sa.and_(*(child == ref for child, ref in pairs))
            query = (
                sa.select(sa.func.count())
                .select_from(table.outerjoin(parent, joined))
                .where(*(child.is_not(None) for child, _ in pairs), pairs[0][1].is_(None))
            )
            covered.add((table.name, parent.name))
            columns = ", ".join(c.name for c, _ in pairs)
            check = f"orphans: {table.name}({columns}) -> {parent.name}"
            report.checks.append(check)
            n = conn.execute(query).scalar() or 0
            if n:
                what = _ORPHAN_NAMES.get(
                    (table.name, parent.name), f"{table.name} rows pointing to missing {parent.name}"
                )
                report.problems.append(Problem(check, n, f"{what} ({columns})"))
    return covered


def _event_checks(conn: Connection, report: CheckReport, tables: set[str]) -> None:
    """claims.event_id has no declared foreign key: check it points to an event all the same."""
    if (
        not {"claims", "events"} <= tables
        or "event_id" not in s.claims.c
        or "events" not in s.metadata.tables
    ):
        return
    events = s.metadata.tables["events"]
    check = "orphans: claims(event_id) -> events"
    report.checks.append(check)
    query = (
        sa.select(sa.func.count())
        .select_from(s.claims.outerjoin(events, events.c.id == s.claims.c.event_id))
        .where(s.claims.c.event_id.is_not(None), events.c.id.is_(None))
    )
    n = conn.execute(query).scalar() or 0
    if n:
        report.problems.append(Problem(check, n, "claims whose event is missing (event_id)"))


def backup_store(db: str | Path, dest: str | Path, *, overwrite: bool = False) -> BackupResult:
    """Copy the SQLite store at `db` to `dest` with SQLite's online backup API.

    The copy is a consistent snapshot even while another process ingests, is written to a
    temporary file first (an interrupted backup never leaves a half file at `dest`), is a single
    self-contained file (no -wal beside it), and passes `PRAGMA integrity_check`.
    PostgreSQL stores are backed up with `pg_dump`: this raises StoreError for them.
    """
    url = sa.make_url(database_url(db))
    if url.get_backend_name() != "sqlite":
        raise StoreError(
            f"backup copies SQLite stores only; back up {url.render_as_string(hide_password=True)} "
            "with PostgreSQL's own tools: pg_dump -Fc DBNAME > FILE"
        )
    if url.database in (None, "", ":memory:"):
        raise StoreError("an in-memory database cannot be backed up")
    source = Path(url.database)
    if not source.is_file():
        raise StoreNotFound(f"no actorgraph database at {source}")
    target = Path(dest).expanduser()
    if target.resolve() == source.resolve():
        raise StoreError(f"the backup {target} is the database itself: choose another file")
    if target.exists() and not overwrite:
        raise StoreError(f"{target} exists: choose another file, or pass --force to replace it")
    if not target.parent.is_dir():
        raise StoreError(f"cannot write the backup {target}: no such directory {target.parent}")
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    try:
        src = sqlite3.connect(str(source), timeout=30)
        try:
            if not src.execute("SELECT 1 FROM sqlite_master WHERE name = 'schema_version'").fetchone():
                raise StoreNotFound(f"{source} is not an actorgraph database")
            dst = sqlite3.connect(str(partial))
            try:
                src.backup(dst)  # all pages in one step: one consistent snapshot
                dst.execute("PRAGMA journal_mode=DELETE")
                check = [r[0] for r in dst.execute("PRAGMA integrity_check")]
                if check != ["ok"]:
                    raise StoreError(
                        f"the backup of {source} fails its integrity check: {'; '.join(check[:3])}"
                    )
                counts = {
                    t.name: dst.execute(f'SELECT count(*) FROM "{t.name}"').fetchone()[0]  # noqa: S608
                    for t in s.TABLES
                    if dst.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (t.name,)).fetchone()
                }
            finally:
                dst.close()
        finally:
            src.close()
        os.replace(partial, target)
    except sqlite3.Error as e:
        raise StoreError(f"cannot back up {source} to {target}: {e}") from e
    except OSError as e:
        raise StoreError(f"cannot write the backup {target}: {e.strerror or e}") from e
    finally:
        partial.unlink(missing_ok=True)
    return BackupResult(path=target, bytes=target.stat().st_size, counts=counts)

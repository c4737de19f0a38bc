"""`actorgraph check` and `actorgraph backup`: verify a store and copy it safely."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from actorgraph.cli import Db, app, dumps, err


@app.command()
def check(
    db: Db = "actorgraph.db",
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Verify a store: SQLite's integrity and foreign key checks, and orphan rows per table.

    Orphans are rows pointing to rows that are gone: claims whose document or actors are
    missing, mentions without documents, attributions referenced by claims but absent,
    aliases without actors. Exit code 0 when all is well, 1 when problems were found, 2 when
    there is no store. Nothing is changed.

    Example:

    \b
        actorgraph check --db news.db
    """
    from actorgraph.store import StoreError
    from actorgraph.store.maintenance import check_store

    try:
        report = check_store(db)
    except StoreError as e:
        err.print(f"[red]error:[/red] {escape(str(e))}", highlight=False)
        raise typer.Exit(2) from e
    if as_json:
        typer.echo(
            dumps(
                {
                    "database": report.database,
                    "ok": report.ok,
                    "checks": report.checks,
                    "problems": [p.__dict__ for p in report.problems],
                    "counts": report.counts,
                }
            )
        )
    else:
        rows = ", ".join(f"{n} {t}" for t, n in report.counts.items())
        typer.echo(f"{report.database}: {len(report.checks)} checks; {rows}")
        for p in report.problems:
            typer.echo(f"PROBLEM {p.check}: {p.count} {p.detail}")
        typer.echo("ok" if report.ok else f"{len(report.problems)} problems found")
    if not report.ok:
        raise typer.Exit(1)


@app.command()
def backup(
    file: Annotated[Path, typer.Argument(help="Where to write the copy (a new SQLite file).")],
    db: Db = "actorgraph.db",
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
) -> None:
    """Copy a SQLite store to FILE with SQLite's online backup API, safe while an ingest runs.

    The copy is one self-contained file, written under a temporary name and renamed when
    complete, and it passes SQLite's integrity check. PostgreSQL stores are backed up with
    PostgreSQL's own tool instead: pg_dump -Fc DBNAME > FILE.

    Example:

    \b
        actorgraph backup news-2024-05-01.db --db news.db
    """
    from actorgraph.store import StoreError
    from actorgraph.store.maintenance import backup_store

    try:
        result = backup_store(db, file, overwrite=force)
    except StoreError as e:
        err.print(f"[red]error:[/red] {escape(str(e))}", highlight=False)
        raise typer.Exit(2) from e
    held = ", ".join(f"{n} {t}" for t, n in result.counts.items())
    err.print(f"backed up to {escape(str(result.path))} ({result.bytes:,} bytes): {held}", highlight=False)

"""The `actorgraph` command: extract, ingest, query and serve, over one shared core.

This module holds the Typer app and what every command shares (options, errors, output);
each command group lives in its own module below and registers itself on import.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

app = typer.Typer(
    help="Read news reports into a sourced map of who cooperates with, fights, aids or accuses whom.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: docstring paragraphs rewrap to the terminal, examples keep their lines
)
err = Console(stderr=True)


Paths = Annotated[
    list[Path],
    typer.Argument(help=".txt, .html, .jsonl files or directories (every .txt/.html/.jsonl below, sorted)."),
]
Published = Annotated[
    str | None,
    typer.Option(
        help="Publication date YYYY-MM-DD for documents that carry none (relative times resolve against it)."
    ),
]


def _json_default(o: object) -> str:
    return str(o)


def dumps(obj: object) -> str:
    """JSON as every command writes it: UTF-8, no ASCII escaping."""
    return json.dumps(obj, ensure_ascii=False, default=_json_default)


# -- store: ingest, query, serve ------------------------------------------------------------------

Db = Annotated[
    str,
    typer.Option(
        "--db",
        envvar="ACTORGRAPH_DB",
        help="SQLite file, or a SQLAlchemy URL (sqlite:///news.db, postgresql://user@host/db).",
    ),
]


class QueryFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


Format = Annotated[
    QueryFormat,
    typer.Option("--format", "-f", help="table: to read; json: every field; csv: one row per claim or tie."),
]


@contextmanager
def open_store(db: str) -> Iterator:
    """The store for a query command, closed afterwards: never creates one (and says how to
    fill it), and turns an unknown or ambiguous actor into a message and exit code 2."""
    from actorgraph.store import ActorNotFound, AmbiguousActor, Store, StoreError

    try:
        store = Store.open(db, create=False)
    except StoreError as e:
        err.print(f"[red]error:[/red] {escape(str(e))}", highlight=False)
        raise typer.Exit(2) from e
    try:
        yield store
    except (ActorNotFound, AmbiguousActor) as e:
        raise lookup_error(e) from e
    finally:
        store.close()


def lookup_error(e: Exception) -> typer.Exit:
    """Print an unknown or ambiguous actor error with what to try instead; exit code 2."""
    err.print(f"[red]error:[/red] {escape(str(e))}", highlight=False)
    return typer.Exit(2)


def write_csv(header: list[str], rows: list[list[object]]) -> None:
    import csv

    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(["" if v is None else v for v in row] for row in rows)


@app.command()
def version() -> None:
    """Print actorgraph's version."""
    from actorgraph import __version__

    typer.echo(__version__)


CLAIM_COLUMNS = ["date", "relation", "subject", "object", "polarity", "modality", "speaker", "anonymous",
                 "channel", "evidence", "doc_id", "claim_id", "outlet", "title"]  # fmt: skip


def print_claims(rows: list, format: QueryFormat, title: str) -> None:
    """Claim rows (store.ClaimRow) as JSON, CSV (CLAIM_COLUMNS) or a table to read, oldest first."""
    if format is QueryFormat.json:
        typer.echo(dumps([r.to_dict() for r in rows]))
        return
    if format is QueryFormat.csv:
        write_csv(
            CLAIM_COLUMNS,
            [
                [
                    r.date,
                    r.relation,
                    r.subject,
                    r.object,
                    r.polarity,
                    r.modality,
                    r.speaker_label,
                    r.anonymous,
                    r.channel_name or r.channel,
                    r.evidence,
                    r.doc_id,
                    r.claim_id,
                    r.outlet,
                    r.doc_title,
                ]
                for r in rows
            ],  # fmt: skip
        )
        return
    from rich.table import Table

    from actorgraph.render import table_console

    table = Table(title=escape(title), show_lines=False)
    table.add_column("date", no_wrap=True)
    for col in ("claim", "polarity", "modality", "speaker", "channel", "outlet", "evidence"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(
            r.date or "?",
            escape(f"{r.subject_name} {r.relation} {r.object_name or ''}"),
            "[red]denied[/red]" if r.polarity == "negated" else "affirmed",
            r.modality,
            escape(r.speaker_label),
            escape(r.channel_name or ""),
            escape(r.outlet or ""),
            escape(r.evidence),
        )
    table_console().print(table)
    if not rows:
        table_console().print("no claims")


# Command modules register their commands on `app` when imported.
from actorgraph.cli import (  # noqa: E402, F401
    actors_cmd,
    extract_cmd,
    graph_cmd,
    ingest_cmd,
    maintenance_cmd,
    query_cmd,
    serve_cmd,
)

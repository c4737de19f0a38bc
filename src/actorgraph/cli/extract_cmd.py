"""`actorgraph extract`: documents in, the contract's JSON out."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from actorgraph.cli import (
    Paths,
    Published,
    app,
    err,
)


class ExtractFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


@app.command()
def extract(
    paths: Paths,
    published: Published = None,
    format: Annotated[
        ExtractFormat,
        typer.Option(
            "--format",
            "-f",
            help="jsonl: one contract document per line; json: a list; table: a summary to read.",
        ),
    ] = ExtractFormat.jsonl,  # noqa: E501
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
) -> None:
    """Extract actors, attributions, claims and contradictions from documents (see CONTRACT.md).

    Unreadable documents give an {"id", "error"} line and the run goes on; the exit code is 0
    when at least one document was read.

    Example:

    \b
        actorgraph extract article.txt --published 2016-10-24 --format table
    """
    from actorgraph.ingest import iter_documents
    from actorgraph.pipeline import Pipeline
    from actorgraph.render import write_documents

    try:
        items = iter_documents(paths, published=published)
        pipeline = Pipeline()
    except ValueError as e:
        raise typer.BadParameter(str(e)) from e
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        read, failed = write_documents(pipeline.process(items), out, format.value, on_error=report_error)
    finally:
        if output:
            out.close()
    if read == 0:
        err.print(f"[red]no document could be read[/red] ({failed} failed)")
        raise typer.Exit(1)


def report_error(doc: dict) -> None:
    err.print(f"[yellow]skipped[/yellow] {escape(doc['id'])}: {escape(doc['error'])}", highlight=False)

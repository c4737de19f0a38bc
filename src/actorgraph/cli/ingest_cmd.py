"""`actorgraph ingest`: extract documents into a store, on all cores or on a Ray cluster."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from actorgraph.cli import (
    Db,
    Paths,
    Published,
    app,
    err,
)


class EngineName(StrEnum):
    local = "local"
    ray = "ray"


def estimate_total(paths: Iterable[Path]) -> int | None:
    """About how many documents `paths` hold, for the progress bar's ETA; None when unknown (feeds).

    It counts files and .jsonl lines without parsing JSON, so it costs one fast read of the
    input and never holds it.
    """
    from actorgraph.ingest import ACCEPTED_SUFFIXES

    total = 0
    for path in paths:
        if not path.exists():
            if "://" in str(path) or str(path).startswith(("http:", "https:")):
                return None  # a feed URL: unknown until fetched
            total += 1  # a read error, still one line of progress
            continue
        files = (
            (
                Path(d, f)
                for d, _, fs in os.walk(path)
                for f in fs
                if Path(f).suffix.lower() in ACCEPTED_SUFFIXES
            )
            if path.is_dir()
            else [path]
        )
        for f in files:
            total += _count_lines(f) if f.suffix.lower() == ".jsonl" else 1
    return total


def _count_lines(path: Path) -> int:
    lines, last = 0, b"\n"
    try:
        with path.open("rb") as fh:
            while block := fh.read(1 << 20):
                lines += block.count(b"\n")
                last = block[-1:]
    except OSError:
        return 1
    return lines + (last != b"\n")


@app.command()
def ingest(
    paths: Paths,
    db: Db = "actorgraph.db",
    published: Published = None,
    batch: Annotated[int, typer.Option(min=1, help="Documents per committed transaction.")] = 50,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Parsing processes (local) or Ray actors; default: this machine's CPUs "
            "(locally no more than one per --parse-batch documents).",
        ),
    ] = None,
    engine: Annotated[
        EngineName,
        typer.Option(
            help="local: processes on this machine; ray: a Ray cluster (pip install 'actorgraph[ray]')."
        ),
    ] = EngineName.local,
    address: Annotated[
        str | None,
        typer.Option(
            help="Ray cluster to join (ray://head:10001, or 'auto'); default: a local Ray instance."
        ),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option(help="Skip documents already stored with the same text, before parsing them."),
    ] = True,
    parse_batch: Annotated[
        int, typer.Option("--parse-batch", min=1, help="Documents per nlp.pipe batch in each worker.")
    ] = 32,
) -> None:
    """Extract documents and store them, so that `dyad`, `actor` and `serve` can query them.

    The input is streamed and parsed in batches on --workers processes (default: every CPU);
    results are committed every --batch documents. With --resume (the default) documents
    already stored with the same id and text are skipped before parsing, so running the same
    command again continues an interrupted ingest; a stored id with a new text is replaced.

    Examples:

    \b
        actorgraph ingest news/ --db news.db
        actorgraph ingest feed.jsonl --db postgresql://localhost/actorgraph --published 2024-05-01
        actorgraph ingest corpus.jsonl --engine ray --address ray://head:10001 --workers 64
    """
    import time

    from actorgraph.ingest import iter_documents
    from actorgraph.ingest.engine import LocalEngine, RayEngine, default_workers
    from actorgraph.store import Store, StoreError

    if address and engine is not EngineName.ray:
        raise typer.BadParameter("--address needs --engine ray", param_hint="--address")
    if engine is EngineName.ray:
        try:
            import ray  # noqa: F401
        except ImportError as e:
            err.print(
                "[red]error:[/red] --engine ray needs Ray: pip install 'actorgraph[ray]'", highlight=False
            )
            raise typer.Exit(2) from e
    try:
        items = iter_documents(paths, published=published)
    except ValueError as e:
        raise typer.BadParameter(str(e)) from e
    try:
        store = Store.open(db)
    except StoreError as e:
        err.print(f"[red]error:[/red] {escape(str(e))}", highlight=False)
        raise typer.Exit(2) from e

    total = estimate_total(paths)
    if workers is None and engine is EngineName.local and total is not None:
        # no more processes than batches to parse: a spawned worker costs a model load
        workers = min(default_workers(), max(1, -(-total // parse_batch)))
    runner = (
        RayEngine(workers, batch_size=parse_batch, address=address)
        if engine is EngineName.ray
        else LocalEngine(workers, batch_size=parse_batch)
    )
    already: list[str] = []
    failed: list[tuple[str, str]] = []
    started = time.monotonic()
    with _progress() as progress:
        task = progress.add_task("ingesting", total=total)

        def fresh() -> Iterator:
            """Skip stored documents before the (costly) parse."""
            for item in items:
                if resume and getattr(item, "error", None) is None and store.has_document(item.id, item.text):
                    already.append(item.id)
                    progress.advance(task)
                    continue
                yield item

        def extracted() -> Iterator:
            for doc in runner.run(fresh()):
                progress.advance(task)
                if "error" in doc:
                    failed.append((str(doc.get("id")), str(doc["error"])))
                    continue
                yield doc

        try:
            added, same = store.add_documents(
                extracted(), batch=batch, on_error=lambda i, m: failed.append((i, m))
            )
        finally:
            store.close()
        done = progress.tasks[0].completed
        progress.update(task, total=done, completed=done)
    elapsed = time.monotonic() - started

    skipped = len(already) + same
    err.print(
        f"[bold]{added}[/bold] added, {skipped} skipped (already stored), "
        f"{len(failed)} failed, in {elapsed:.1f}s on {runner.workers} {engine.value} worker(s) -> {_shown(db)}",
        highlight=False,
    )
    for doc_id, reason in failed[:50]:
        err.print(f"[yellow]failed[/yellow] {escape(doc_id)}: {escape(reason)}", highlight=False)
    if len(failed) > 50:
        err.print(f"... and {len(failed) - 50} more failures", highlight=False)
    if failed and added == 0:
        raise typer.Exit(1)


def _progress():  # type: ignore[no-untyped-def]
    """A bar with documents done, documents/s and the time left (rich)."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task) -> Text:  # type: ignore[no-untyped-def, override]
            elapsed = task.elapsed or 0.0
            return Text(f"{task.completed / elapsed:.1f} docs/s" if elapsed > 0.5 else "")

    return Progress(
        TextColumn("ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        Rate(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=err,
        transient=False,
    )


def _shown(db: str) -> str:
    """The store's location for a log line, never with its password."""
    if "://" not in db:
        return db
    import sqlalchemy as sa

    from actorgraph.store import database_url

    return sa.make_url(database_url(db)).render_as_string(hide_password=True)

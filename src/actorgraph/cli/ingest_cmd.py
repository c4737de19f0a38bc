"""`actorgraph ingest`: extract documents into a store."""

from __future__ import annotations

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


@app.command()
def ingest(
    paths: Paths,
    db: Db = "actorgraph.db",
    published: Published = None,
    batch: Annotated[int, typer.Option(min=1, help="Documents per committed transaction.")] = 50,
) -> None:
    """Extract documents and store them, so that `dyad`, `actor` and `serve` can query them.

    Documents already stored with the same id and text are skipped before parsing, so running
    the same command again resumes an interrupted ingest; a stored id with a new text is
    replaced. Work is committed every --batch documents.

    Examples:

        actorgraph ingest news/ --db news.db

        actorgraph ingest feed.jsonl --db postgresql://localhost/actorgraph --published 2024-05-01
    """
    import time

    from rich.progress import Progress, ProgressColumn, SpinnerColumn, TextColumn, TimeElapsedColumn
    from rich.text import Text

    from actorgraph.ingest import iter_documents
    from actorgraph.store import Store, StoreError

    class Rate(ProgressColumn):
        def render(self, task) -> Text:  # type: ignore[no-untyped-def, override]
            elapsed = task.elapsed or 0.0
            return Text(f"{task.completed / elapsed:.1f} docs/s" if elapsed > 0.5 else "")

    try:
        items = iter_documents(paths, published=published)
    except ValueError as e:
        raise typer.BadParameter(str(e)) from e
    try:
        store = Store.open(db)
    except StoreError as e:
        err.print(f"[red]error:[/red] {escape(str(e))}", highlight=False)
        raise typer.Exit(2) from e

    already: list[str] = []
    failed: list[tuple[str, str]] = []
    started = time.monotonic()
    with Progress(
        SpinnerColumn(),
        TextColumn("ingesting"),
        TextColumn("{task.completed} documents"),
        Rate(),
        TimeElapsedColumn(),
        console=err,
        transient=False,
    ) as progress:
        task = progress.add_task("ingest", total=None)

        def fresh():  # skip stored documents before the (costly) parse
            for item in items:
                if getattr(item, "error", None) is None and store.has_document(item.id, item.text):
                    already.append(item.id)
                    progress.advance(task)
                    continue
                yield item

        def extracted():
            from actorgraph.pipeline import Pipeline

            for doc in Pipeline().process(fresh()):
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
    elapsed = time.monotonic() - started

    skipped = len(already) + same
    err.print(
        f"[bold]{added}[/bold] added, {skipped} skipped (already stored), "
        f"{len(failed)} failed, in {elapsed:.1f}s -> {db}",
        highlight=False,
    )
    for doc_id, reason in failed[:50]:
        err.print(f"[yellow]failed[/yellow] {escape(doc_id)}: {escape(reason)}", highlight=False)
    if len(failed) > 50:
        err.print(f"... and {len(failed) - 50} more failures", highlight=False)
    if failed and added == 0:
        raise typer.Exit(1)

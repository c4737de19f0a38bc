"""The `actorgraph` command: extract, ingest, query and serve, over one shared core."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from actorgraph.render import table_console

app = typer.Typer(
    help="Read news reports into a sourced map of who cooperates with, fights, aids or accuses whom.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)


class ExtractFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


Paths = Annotated[
    list[Path],
    typer.Argument(help=".txt, .html, .jsonl files or directories (every .txt/.html/.jsonl below, sorted)."),
]
Published = Annotated[
    str | None,
    typer.Option(help="Publication date YYYY-MM-DD for documents that carry none (relative times resolve against it)."),
]


@app.command()
def extract(
    paths: Paths,
    published: Published = None,
    format: Annotated[ExtractFormat, typer.Option("--format", "-f", help="jsonl: one contract document per line; json: a list; table: a summary to read.")] = ExtractFormat.jsonl,  # noqa: E501
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
) -> None:
    """Extract actors, attributions, claims and contradictions from documents (see CONTRACT.md).

    Unreadable documents give an {"id", "error"} line and the run goes on; the exit code is 0
    when at least one document was read.

    Example: actorgraph extract article.txt --published 2016-10-24 --format table
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
        read, failed = write_documents(pipeline.process(items), out, format.value, on_error=_report_error)
    finally:
        if output:
            out.close()
    if read == 0:
        err.print(f"[red]no document could be read[/red] ({failed} failed)")
        raise typer.Exit(1)


def _report_error(doc: dict) -> None:
    err.print(f"[yellow]skipped[/yellow] {escape(doc['id'])}: {escape(doc['error'])}", highlight=False)


@app.command()
def version() -> None:
    """Print actorgraph's version."""
    from actorgraph import __version__

    typer.echo(__version__)


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


def _open_store(db: str):
    """The store for a query command: never creates one, and says how to fill it."""
    from actorgraph.store import Store, StoreError

    try:
        return Store.open(db, create=False)
    except StoreError as e:
        err.print(f"[red]error:[/red] {escape(str(e))}", highlight=False)
        raise typer.Exit(2) from e


def _lookup_error(e: Exception) -> typer.Exit:
    """Print an unknown or ambiguous actor error with what to try instead; exit code 2."""
    err.print(f"[red]error:[/red] {escape(str(e))}", highlight=False)
    return typer.Exit(2)


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
            added, same = store.add_documents(extracted(), batch=batch, on_error=lambda i, m: failed.append((i, m)))
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


@app.command()
def dyad(
    a: Annotated[str, typer.Argument(help="An actor: id, name or alias (case and dots do not matter).")],
    b: Annotated[str, typer.Argument(help="The other actor.")],
    db: Db = "actorgraph.db",
    format: Format = QueryFormat.table,
) -> None:
    """Every claim between two actors, either direction, oldest first, with who said it.

    A claim's date is when it happened, else when it was said, else when it was published.

    Examples:

        actorgraph dyad Iran Russia --db news.db

        actorgraph dyad "u.s." taliban --format csv > us-taliban.csv
    """
    from actorgraph.store import ActorNotFound, AmbiguousActor

    store = _open_store(db)
    try:
        ea, eb = store.actor(a), store.actor(b)
        rows = store.dyad(ea.id, eb.id)
    except (ActorNotFound, AmbiguousActor) as e:
        raise _lookup_error(e) from e
    finally:
        store.close()
    if format is QueryFormat.json:
        typer.echo(dumps([r.to_dict() for r in rows]))
    elif format is QueryFormat.csv:
        _write_csv(
            ["date", "relation", "subject", "object", "polarity", "modality", "speaker", "anonymous", "channel",
             "evidence", "doc_id", "claim_id", "outlet", "title"],  # fmt: skip
            [
                [r.date, r.relation, r.subject, r.object, r.polarity, r.modality, r.speaker_label, r.anonymous,
                 r.channel_name or r.channel, r.evidence, r.doc_id, r.claim_id, r.outlet, r.doc_title]  # fmt: skip
                for r in rows
            ],
        )
    else:
        from rich.table import Table

        out = table_console()
        table = Table(title=escape(f"{ea.name} ↔ {eb.name}: {len(rows)} claims"), show_lines=False)
        table.add_column("date", no_wrap=True)
        for col in ("claim", "polarity", "modality", "speaker", "channel", "evidence"):
            table.add_column(col, overflow="fold")
        for r in rows:
            table.add_row(
                r.date or "?",
                escape(f"{r.subject_name} {r.relation} {r.object_name}"),
                "[red]denied[/red]" if r.polarity == "negated" else "affirmed",
                r.modality,
                escape(r.speaker_label),
                escape(r.channel_name or ""),
                escape(r.evidence),
            )
        out.print(table)
        if not rows:
            out.print("no claims between them yet")


@app.command()
def actor(
    a: Annotated[str, typer.Argument(help="An actor: id, name or alias (case and dots do not matter).")],
    db: Db = "actorgraph.db",
    format: Format = QueryFormat.table,
) -> None:
    """An actor's ties, per counterpart and relation: claims, sources that affirm or deny them, dates.

    A source is the speaker, or an anonymous source within one article, or the outlet when the
    article speaks in its own voice; counting sources rather than claims keeps repetition from
    looking like corroboration.

    Examples:

        actorgraph actor Iran --db news.db

        actorgraph actor "Islamic Republic of Iran" --format json
    """
    from actorgraph.store import ActorNotFound, AmbiguousActor

    store = _open_store(db)
    try:
        profile = store.actor_profile(a)
    except (ActorNotFound, AmbiguousActor) as e:
        raise _lookup_error(e) from e
    finally:
        store.close()
    ties = [(g, t) for g in profile.counterparts for t in g.ties]
    if format is QueryFormat.json:
        typer.echo(dumps(profile.to_dict()))
    elif format is QueryFormat.csv:
        _write_csv(
            ["actor", "counterpart", "relation", "family", "direction", "claims", "supporting", "denying",
             "first", "last"],  # fmt: skip
            [
                [profile.actor.id, g.id or "", t.relation, t.family, t.direction, t.claims, t.supporting,
                 t.denying, t.first, t.last]  # fmt: skip
                for g, t in ties
            ],
        )
    else:
        from rich.table import Table

        out = table_console()
        p = profile.actor
        aliases = f"; also {', '.join(p.aliases)}" if p.aliases else ""
        out.print(f"[bold]{escape(p.name)}[/bold] ({p.id}, {p.kind}){escape(aliases)}: {profile.claims} claims", highlight=False)
        table = Table()
        for col in ("counterpart", "relation", "direction", "claims", "affirmed by", "denied by", "first", "last"):
            table.add_column(col, overflow="fold")
        arrows = {"out": "→", "in": "←", "mutual": "↔"}
        for g, t in ties:
            table.add_row(
                escape(g.name or "(no recipient)"),
                t.relation,
                arrows.get(t.direction, t.direction),
                str(t.claims),
                escape(", ".join(t.supporting_sources)),
                escape(", ".join(t.denying_sources)),
                t.first or "?",
                t.last or "?",
            )
        out.print(table)


def _write_csv(header: list[str], rows: list[list[object]]) -> None:
    import csv

    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(["" if v is None else v for v in row] for row in rows)


@app.command()
def serve(
    db: Db = "actorgraph.db",
    host: Annotated[str, typer.Option(help="Interface to listen on; 0.0.0.0 exposes it to the network.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the web page and the JSON API (/api/actors, /api/dyad?a=&b=, ...) over a store.

    Example: actorgraph serve --db news.db, then open http://127.0.0.1:8000
    """
    import uvicorn

    from actorgraph.store import StoreError
    from actorgraph.web.app import create_app

    try:
        web = create_app(db)
    except StoreError as e:
        err.print(f"[red]error:[/red] {escape(str(e))}", highlight=False)
        raise typer.Exit(2) from e
    uvicorn.run(web, host=host, port=port)

if __name__ == "__main__":
    app()

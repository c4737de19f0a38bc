"""`actorgraph events`, `contradictions`, `search`, `export` and `watch`: the store across documents."""

from __future__ import annotations

import sys
import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from actorgraph.cli import (
    Db,
    Format,
    Published,
    QueryFormat,
    app,
    dumps,
    err,
    open_store,
    print_claims,
    write_csv,
)
from actorgraph.render import table_console

Since = Annotated[str | None, typer.Option("--since", help="From this date on (YYYY-MM-DD, inclusive).")]
Until = Annotated[str | None, typer.Option("--until", help="Up to this date (YYYY-MM-DD, inclusive).")]
MinSources = Annotated[
    int,
    typer.Option(
        "--min-sources", min=0, help="Only events affirmed by at least this many independent sources."
    ),
]
Relations = Annotated[
    list[str] | None,
    typer.Option(
        "--relation",
        "-r",
        help="Relation (ASSAULT) or family (material_conflict, verbal_cooperation, ...); repeat for several.",
    ),
]


def _check_date(value: str | None, option: str) -> str | None:
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date: use YYYY-MM-DD", param_hint=option) from None


@app.command()
def events(
    a: Annotated[str | None, typer.Argument(help="Only events involving this actor.")] = None,
    b: Annotated[str | None, typer.Argument(help="...and this one: the events of one dyad.")] = None,
    db: Db = "actorgraph.db",
    format: Format = QueryFormat.table,
    relation: Relations = None,
    since: Since = None,
    until: Until = None,
    min_sources: MinSources = 0,
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many events.")] = None,
) -> None:
    """Events: the claims of many documents that report the same thing, counted once.

    An event is the claims with the same two actors and relation family at overlapping times.
    `sources` counts independent sources (speakers, outlets in their own voice), a syndicated
    copy of a wire story counting as its original; `reports` counts claims.

    Examples:

    \b
        actorgraph events Iran Iraq --db news.db
        actorgraph events Iran --relation material_conflict --min-sources 2 --format csv
    """

    since, until = _check_date(since, "--since"), _check_date(until, "--until")
    with open_store(db) as store:
        rows = store.events(
            [a] if a and not b else [],
            between=(a, b) if a and b else None,
            relations=relation or [],
            since=since,
            until=until,
            min_sources=min_sources,
            with_claims=True,
            limit=limit,
        )
    if format is QueryFormat.json:
        typer.echo(dumps([e.to_dict() for e in rows]))
    elif format is QueryFormat.csv:
        from actorgraph.analysis.export import write_csv as write_events

        write_events(rows, sys.stdout)
    else:
        from rich.table import Table

        table = Table(title=f"{len(rows)} events")
        table.add_column("date", no_wrap=True)
        for col in ("event", "reports", "docs", "sources", "denied by", "outlets", "evidence"):
            table.add_column(col, overflow="fold")
        for e in rows:
            lead = next((c for c in e.claims if c.polarity == "affirmed"), e.claims[0] if e.claims else None)
            outlets = dict.fromkeys(c.outlet for c in e.claims if c.outlet)
            table.add_row(
                e.start or "?",
                escape(f"{e.subject_name} {e.relation} {e.object_name or ''}"),
                str(e.reports),
                f"{e.independent_documents}/{e.documents}",
                str(e.sources),
                str(e.denying) if e.denying else "",
                escape(", ".join(outlets)),
                escape(lead.evidence if lead else ""),
            )
        table_console().print(table)


@app.command()
def contradictions(
    actor: Annotated[str | None, typer.Argument(help="Only contradictions involving this actor.")] = None,
    db: Db = "actorgraph.db",
    format: Format = QueryFormat.table,
) -> None:
    """Claims that cannot both hold, within one document or across documents, with both sides' sources.

    Two claims contradict when they have the same relation between the same actors, opposite
    polarity and overlapping times (ONTOLOGY.md); across documents, they must report the same
    event. `denial` when the negated side is a denial, `conflict` when reports disagree.

    Examples:

    \b
        actorgraph contradictions --db news.db
        actorgraph contradictions Iran --format csv
    """

    with open_store(db) as store:
        rows = store.contradictions(actor)
    if format is QueryFormat.json:
        typer.echo(dumps([r.to_dict() for r in rows]))
        return
    sides = []
    for r in rows:
        yes, no = (r.a, r.b) if r.a.polarity == "affirmed" else (r.b, r.a)
        sides.append((r, yes, no))
    if format is QueryFormat.csv:
        header = ["kind", "where", "relation", "subject", "object"]
        for side in ("affirmed", "negated"):
            header += [f"{side}_{k}" for k in ("date", "source", "outlet", "doc_id", "claim_id", "evidence")]
        write_csv(
            header,
            [
                [
                    r.kind,
                    "document" if r.doc_id else "across documents",
                    yes.relation,
                    yes.subject,
                    yes.object,
                    *(
                        x
                        for c in (yes, no)
                        for x in (c.date, c.speaker_label, c.outlet, c.doc_id, c.claim_id, c.evidence)
                    ),
                ]
                for r, yes, no in sides
            ],
        )
        return
    from rich.table import Table

    table = Table(title=f"{len(rows)} contradictions")
    for col in ("kind", "claim", "affirmed by", "affirmed", "denied by", "denied"):
        table.add_column(col, overflow="fold")
    for r, yes, no in sides:
        table.add_row(
            r.kind + ("" if r.doc_id else "\n(across documents)"),
            escape(f"{yes.subject_name} {yes.relation} {yes.object_name}"),
            escape(f"{yes.speaker_label} ({yes.outlet or yes.doc_id}, {yes.date or '?'})"),
            escape(yes.evidence),
            escape(f"{no.speaker_label} ({no.outlet or no.doc_id}, {no.date or '?'})"),
            escape(no.evidence),
        )
    table_console().print(table)


@app.command()
def search(
    query: Annotated[
        str,
        typer.Argument(help='Words to find in evidence sentences: all must occur; "a phrase"; -not; a OR b.'),
    ],
    actor: Annotated[str | None, typer.Option("--actor", help="Only claims involving this actor.")] = None,
    since: Since = None,
    until: Until = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many claims.")] = 50,
    db: Db = "actorgraph.db",
    format: Format = QueryFormat.table,
) -> None:
    """Full-text search over the evidence sentences of every claim, newest first.

    Words are stemmed ("talks" finds "talk", "talked"). SQLite FTS5 or PostgreSQL full-text search.

    Examples:

    \b
        actorgraph search "secret talks" --actor Taliban --since 2016-01-01
        actorgraph search '"held talks" -denied' --format json
    """
    from actorgraph.store import ActorNotFound, AmbiguousActor, StoreError

    since, until = _check_date(since, "--since"), _check_date(until, "--until")
    with open_store(db) as store:
        try:
            rows = store.search(query, actor=actor, since=since, until=until, limit=limit)
        except (ActorNotFound, AmbiguousActor):
            raise  # open_store reports these
        except StoreError as e:
            raise typer.BadParameter(str(e), param_hint="QUERY") from e
    print_claims(rows, format, f"{len(rows)} claims matching {query!r}")


class ExportFormat(StrEnum):
    csv = "csv"
    plover_json = "plover-json"
    graphml = "graphml"
    gexf = "gexf"
    parquet = "parquet"


@app.command()
def export(
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="What to write.")] = ExportFormat.csv,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of to stdout.")
    ] = None,
    actor: Annotated[
        list[str] | None,
        typer.Option("--actor", "-a", help="Only events involving this actor; repeat for several."),
    ] = None,
    relation: Relations = None,
    since: Since = None,
    until: Until = None,
    min_sources: MinSources = 0,
    db: Db = "actorgraph.db",
) -> None:
    """Export events: CSV, PLOVER JSON, GraphML or GEXF (Gephi: weighted, dated edges), Parquet.

    One record per event, however many documents reported it, with its reports, documents and
    independent sources. GraphML/GEXF aggregate events into one edge per actor pair and relation.

    Examples:

    \b
        actorgraph export --format gexf -o iran.gexf --actor Iran --since 2023-01-01
        actorgraph export --format plover-json --relation material_conflict --min-sources 2
        actorgraph export --format parquet -o events.parquet
    """
    from actorgraph.analysis import export as ex

    since, until = _check_date(since, "--since"), _check_date(until, "--until")
    with open_store(db) as store:
        rows = store.events(
            actor or [],
            relations=relation or [],
            since=since,
            until=until,
            min_sources=min_sources,
            with_claims=True,
        )
        actors = store.actors_by_id({e.subject for e in rows} | {e.object for e in rows if e.object})
    binary = format in (ExportFormat.graphml, ExportFormat.gexf, ExportFormat.parquet)
    if output is None:
        out = sys.stdout.buffer if binary else sys.stdout
    else:
        out = output.open(
            "wb" if binary else "w", encoding=None if binary else "utf-8", newline=None if binary else ""
        )
    try:
        if format is ExportFormat.csv:
            n = ex.write_csv(rows, out)  # type: ignore[arg-type]
        elif format is ExportFormat.plover_json:
            n = ex.write_plover_json(rows, out)  # type: ignore[arg-type]
        elif format is ExportFormat.graphml:
            n = ex.write_graphml(rows, actors, out)  # type: ignore[arg-type]
        elif format is ExportFormat.gexf:
            n = ex.write_gexf(rows, actors, out)  # type: ignore[arg-type]
        else:
            n = ex.write_parquet(rows, out)  # type: ignore[arg-type]
        out.flush()
    finally:
        if output is not None:
            out.close()
    what = "edges" if format in (ExportFormat.graphml, ExportFormat.gexf) else "events"
    err.print(f"{n} {what} from {len(rows)} events -> {output or 'stdout'}", highlight=False)


def parse_interval(text: str) -> float:
    """Seconds in "90s", "15m", "2h" or "1d" (a bare number is minutes)."""
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    value = text.strip().lower()
    unit = value[-1] if value and value[-1] in units else "m"
    number = value[:-1] if value and value[-1] in units else value
    try:
        seconds = float(number) * units[unit]
    except ValueError:
        raise typer.BadParameter(
            f"{text!r} is not an interval: use e.g. 90s, 15m, 2h", param_hint="--every"
        ) from None
    if seconds < 1:
        raise typer.BadParameter("the interval must be at least one second", param_hint="--every")
    return seconds


@app.command()
def watch(
    feeds: Annotated[list[str], typer.Argument(help="RSS or Atom feeds: URLs or local files.")],
    every: Annotated[str, typer.Option("--every", help="How often to read the feeds: 90s, 15m, 2h.")] = "15m",
    once: Annotated[bool, typer.Option("--once", help="Read each feed once and stop (for cron).")] = False,
    db: Db = "actorgraph.db",
    published: Published = None,
) -> None:
    """Keep ingesting new feed items: every --every, read each feed and store the items not seen before.

    Items are remembered by their id (guid), else their link, in the store, so an item is never
    ingested twice, across restarts too. Stop with Ctrl-C.

    Examples:

    \b
        actorgraph watch https://example.org/world.rss --every 15m --db news.db
        actorgraph watch feeds/*.xml --once
    """
    from actorgraph.ingest.feeds import read_feed
    from actorgraph.pipeline import Pipeline
    from actorgraph.store import Store, StoreError

    seconds = parse_interval(every)
    try:
        store = Store.open(db)
    except StoreError as e:
        err.print(f"[red]error:[/red] {escape(str(e))}", highlight=False)
        raise typer.Exit(2) from e
    pipeline: Pipeline | None = None
    try:
        while True:
            for feed in feeds:
                entries, error = read_feed(feed, published)
                if error is not None:
                    err.print(f"[yellow]skipped[/yellow] {escape(error)}", highlight=False)
                    continue
                seen = store.seen_items(feed, [e.key for e in entries])
                fresh = [e for e in entries if e.key not in seen]
                if not fresh:
                    err.print(f"{escape(feed)}: nothing new", highlight=False)
                    continue
                pipeline = pipeline or Pipeline()
                failed: list[str] = []
                docs = []
                for doc in pipeline.process(e.document for e in fresh):
                    if "error" in doc:
                        failed.append(str(doc.get("id")))
                    else:
                        docs.append(doc)
                added, _ = store.add_documents(docs, on_error=lambda i, _m, failed=failed: failed.append(i))
                store.mark_seen(
                    feed, [(e.key, None if e.document.id in failed else e.document.id) for e in fresh]
                )
                err.print(
                    f"{escape(feed)}: {len(fresh)} new items, {added} stored, {len(failed)} failed",
                    highlight=False,
                )
            if once:
                return
            time.sleep(seconds)
    except KeyboardInterrupt:
        err.print("stopped", highlight=False)
    finally:
        store.close()

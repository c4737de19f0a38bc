"""`actorgraph dyad` and `actorgraph actor`: what the store knows about actors and their ties."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from actorgraph.cli import (
    Db,
    Format,
    QueryFormat,
    app,
    dumps,
    err,
    open_store,
    print_claims,
    write_csv,
)
from actorgraph.render import table_console


class Period(StrEnum):
    week = "week"
    month = "month"
    year = "year"


_SHORT = {
    "verbal_cooperation": "verbal coop",
    "material_cooperation": "material coop",
    "verbal_conflict": "verbal conflict",
    "material_conflict": "material conflict",
    "cooperative_tie": "coop ties",
    "hostile_tie": "hostile ties",
    "role": "roles",
}


def _print_history(history, format: QueryFormat, plot: Path | None) -> None:  # type: ignore[no-untyped-def]
    """A DyadHistory as a table, JSON or CSV (one row per period), and optionally a PNG."""
    from actorgraph.analysis.history import FAMILIES
    from actorgraph.analysis.history import plot as draw

    periods = history.periods
    if plot is not None:
        draw(periods, f"{history.a.name} – {history.b.name}, events per {history.by}", str(plot))
    if format is QueryFormat.json:
        typer.echo(dumps(history.to_dict()))
    elif format is QueryFormat.csv:
        write_csv(
            ["period", "start", *FAMILIES, "events", "reports", "sources", "score"],
            [
                [
                    p.period,
                    p.start,
                    *(p.events.get(f, 0) for f in FAMILIES),
                    sum(p.events.values()),
                    sum(p.reports.values()),
                    sum(p.sources.values()),
                    "" if p.score is None else p.score,
                ]
                for p in periods
            ],
        )
    else:
        from rich.table import Table

        out = table_console()
        table = Table(
            title=escape(
                f"{history.a.name} ↔ {history.b.name}: events per {history.by}"
                f" (at least {history.min_sources} independent source{'s' if history.min_sources > 1 else ''})"
            )
        )
        table.add_column("period", no_wrap=True)
        for f in FAMILIES:
            table.add_column(_SHORT[f], justify="right")
        for col in ("reports", "sources", "score"):
            table.add_column(col, justify="right")
        for p in periods:
            table.add_row(
                p.period,
                *(str(p.events.get(f, 0) or "·") for f in FAMILIES),
                str(sum(p.reports.values())),
                str(sum(p.sources.values())),
                "" if p.score is None else f"{p.score:+.2f}",
            )
        out.print(table)
        if not periods:
            out.print("no dated events between them yet")
        if history.undated:
            out.print(f"{history.undated} undated events left out")
    if plot is not None:
        err.print(f"plot written to {escape(str(plot))}", highlight=False)


@app.command()
def dyad(
    a: Annotated[str, typer.Argument(help="An actor: id, name or alias (case and dots do not matter).")],
    b: Annotated[str, typer.Argument(help="The other actor.")],
    db: Db = "actorgraph.db",
    format: Format = QueryFormat.table,
    by: Annotated[
        Period | None,
        typer.Option(
            "--by",
            help="History instead of claims: events per week, month or year, per relation family, "
            "with the cooperation-conflict score.",
        ),
    ] = None,
    min_sources: Annotated[
        int,
        typer.Option(
            "--min-sources",
            min=1,
            help="With --by: count events with at least this many independent sources.",
        ),
    ] = 1,
    plot: Annotated[
        Path | None, typer.Option("--plot", help="With --by: also draw the history as a PNG to this file.")
    ] = None,
) -> None:
    """Every claim between two actors, either direction, oldest first, with who said it; or,
    with --by, the dyad's history: events per period and the cooperation-conflict score.

    A claim's date is when it happened, else when it was said, else when it was published. The
    score per period is (cooperation - conflict) / (cooperation + conflict) over events, material
    events weighing 2 and verbal ones 1 (README, "Many documents").

    Examples:

    \b
        actorgraph dyad Iran Russia --db news.db
        actorgraph dyad "u.s." taliban --format csv > us-taliban.csv
        actorgraph dyad Iran Iraq --by month --plot iran-iraq.png
    """

    if plot is not None and by is None:
        raise typer.BadParameter(
            "--plot draws the history: give --by week, month or year too", param_hint="--plot"
        )
    with open_store(db) as store:
        ea, eb = store.actor(a), store.actor(b)
        if by is not None:
            history = store.dyad_history(ea.id, eb.id, by=by.value, min_sources=min_sources)
        else:
            rows = store.dyad(ea.id, eb.id)
    if by is not None:
        _print_history(history, format, plot)
        return
    print_claims(rows, format, f"{ea.name} ↔ {eb.name}: {len(rows)} claims")


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

    \b
        actorgraph actor Iran --db news.db
        actorgraph actor "Islamic Republic of Iran" --format json
    """

    with open_store(db) as store:
        profile = store.actor_profile(a)
    ties = [(g, t) for g in profile.counterparts for t in g.ties]
    if format is QueryFormat.json:
        typer.echo(dumps(profile.to_dict()))
    elif format is QueryFormat.csv:
        write_csv(
            [
                "actor",
                "counterpart",
                "relation",
                "family",
                "direction",
                "claims",
                "supporting",
                "denying",
                "first",
                "last",
            ],  # fmt: skip
            [
                [
                    profile.actor.id,
                    g.id or "",
                    t.relation,
                    t.family,
                    t.direction,
                    t.claims,
                    t.supporting,
                    t.denying,
                    t.first,
                    t.last,
                ]  # fmt: skip
                for g, t in ties
            ],
        )
    else:
        from rich.table import Table

        out = table_console()
        p = profile.actor
        aliases = f"; also {', '.join(p.aliases)}" if p.aliases else ""
        out.print(
            f"[bold]{escape(p.name)}[/bold] ({p.id}, {p.kind}){escape(aliases)}: {profile.claims} claims",
            highlight=False,
        )
        table = Table()
        for col in (
            "counterpart",
            "relation",
            "direction",
            "claims",
            "affirmed by",
            "denied by",
            "first",
            "last",
        ):
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

"""`actorgraph actors`: list and curate the store's actors (add, alias, merge, split).

Every change is recorded in the store and applied again to documents ingested later.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from actorgraph.cli import Db, Format, QueryFormat, app, dumps, err, open_store, write_csv

actors_app = typer.Typer(help="List and curate actors: add, alias, merge, split.", no_args_is_help=True)
app.add_typer(actors_app, name="actors")

ActorArg = Annotated[str, typer.Argument(help="An actor: id, name or alias (case and dots do not matter).")]


def _run(db: str, change):  # type: ignore[no-untyped-def]
    """Apply one curation to the store at `db`, turning lookup and store errors into exit code 2."""
    from actorgraph.store import ActorNotFound, AmbiguousActor, StoreError

    with open_store(db) as store:
        try:
            return change(store)
        except (ActorNotFound, AmbiguousActor):
            raise  # open_store reports these, with suggestions
        except StoreError as e:
            err.print(f"[red]error:[/red] {escape(str(e))}", highlight=False)
            raise typer.Exit(2) from e


def _done(message: str, row) -> None:  # type: ignore[no-untyped-def]
    typer.echo(f"{message}: {row.id} ({row.name}, {row.kind})")


@actors_app.command("list")
def list_actors(
    kind: Annotated[
        str | None, typer.Option("--kind", help="Only actors of this kind (state, person, ...).")
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", min=1, help="At most this many, most claims first.")
    ] = 1000,
    db: Db = "actorgraph.db",
    format: Format = QueryFormat.table,
) -> None:
    """The stored actors, most claims first: id, name, kind, country, aliases, claims."""
    rows = _run(db, lambda store: store.actors(limit=limit, kind=kind))
    if format is QueryFormat.json:
        typer.echo(dumps([r.to_dict() for r in rows]))
    elif format is QueryFormat.csv:
        write_csv(
            ["id", "name", "kind", "country", "aliases", "claims"],
            [[r.id, r.name, r.kind, r.country, "; ".join(r.aliases), r.claims] for r in rows],
        )
    else:
        from rich.table import Table

        from actorgraph.render import table_console

        table = Table(title=f"{len(rows)} actors")
        for col in ("id", "name", "kind", "country", "aliases", "claims"):
            table.add_column(col, justify="right" if col == "claims" else "left")
        for r in rows:
            table.add_row(
                *(escape(x or "") for x in (r.id, r.name, r.kind, r.country, ", ".join(r.aliases))),
                str(r.claims),
            )
        table_console().print(table)


@actors_app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="The actor's canonical name.")],
    kind: Annotated[str, typer.Option("--kind", help="state, person, armed_group, organization, ...")],
    actor_id: Annotated[
        str | None, typer.Option("--id", help="Its id (default: made from the name).")
    ] = None,
    country: Annotated[str | None, typer.Option("--country", help="ISO 3166 alpha-3 code, e.g. RUS.")] = None,
    alias: Annotated[
        list[str] | None, typer.Option("--alias", help="Another name for it (repeatable).")
    ] = None,
    db: Db = "actorgraph.db",
) -> None:
    """Create an actor; documents ingested later that name it (or an alias) map onto it."""
    row = _run(
        db, lambda st: st.add_actor(name, kind, actor_id=actor_id, country=country, aliases=alias or [])
    )
    _done("added", row)


@actors_app.command("alias")
def alias(
    actor: ActorArg,
    new_alias: Annotated[str, typer.Argument(help="The alias to add.")],
    db: Db = "actorgraph.db",
) -> None:
    """Give an actor one more alias."""
    _done(f"alias {new_alias!r} added", _run(db, lambda st: st.add_alias(actor, new_alias)))


@actors_app.command("merge")
def merge(
    actor: ActorArg,
    into: Annotated[str, typer.Argument(help="The actor it is the same as (kept).")],
    db: Db = "actorgraph.db",
) -> None:
    """Merge ACTOR into INTO: claims, mentions, attributions, aliases and events move; ACTOR is removed."""
    _done(f"merged {actor!r} into", _run(db, lambda st: st.merge_actors(actor, into)))


@actors_app.command("split")
def split(
    actor: ActorArg,
    alias: Annotated[list[str], typer.Option("--alias", help="Mentions with this text move (repeatable).")],
    into: Annotated[str, typer.Option("--into", help="The new actor's name.")],
    db: Db = "actorgraph.db",
) -> None:
    """Move ACTOR's mentions by these aliases (and the claims and attributions citing them) to a new actor."""
    _done("split into", _run(db, lambda st: st.split_actor(actor, alias, into)))

"""`actorgraph serve`: the web page and JSON API."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from actorgraph.cli import (
    Db,
    app,
    err,
)


@app.command()
def serve(
    db: Db = "actorgraph.db",
    host: Annotated[
        str, typer.Option(help="Interface to listen on; 0.0.0.0 exposes it to the network.")
    ] = "127.0.0.1",
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

"""`actorgraph serve`: the web UI and JSON API."""

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
    token: Annotated[
        str | None,
        typer.Option(
            envvar="ACTORGRAPH_TOKEN",
            help="The write token (ingest) for a team; default on loopback: a fresh one, printed at start. "
            "Beyond loopback without one, writes are off.",
            show_default=False,
        ),
    ] = None,
    max_upload_mb: Annotated[
        float, typer.Option(min=0.01, help="Largest request body accepted, in MB.")
    ] = 5.0,
) -> None:
    """Serve the web UI (network, actors, dyads, documents, search, ingest) and the JSON API.

    Pages: /, /actors/{id}, /dyad/{a}/{b}, /documents/{id}, /contradictions, /search, /ingest.
    JSON under /api/ (schema at /openapi.json). Writes need the token as
    'Authorization: Bearer TOKEN'; on loopback the server's own pages carry it.

    Example: actorgraph serve --db news.db, then open http://127.0.0.1:8000
    """
    import uvicorn

    from actorgraph.store import StoreError
    from actorgraph.web.app import create_app
    from actorgraph.web.security import LOOPBACK_HOSTS, is_loopback, new_token

    loopback = is_loopback(host)
    if token is not None and not token.strip():
        raise typer.BadParameter("the token must not be empty", param_hint="--token")
    generated = token is None and loopback
    if generated:
        token = new_token()
    try:
        web = create_app(
            db,
            token=token,
            embed_token=loopback,
            allowed_hosts=list(LOOPBACK_HOSTS) if loopback else None,
            max_upload_bytes=int(max_upload_mb * 1_000_000),
        )
    except StoreError as e:
        err.print(f"[red]error:[/red] {escape(str(e))}", highlight=False)
        raise typer.Exit(2) from e
    if token is None:
        err.print(
            f"[yellow]writes are off:[/yellow] listening on {escape(host)} without a token; "
            "set --token or ACTORGRAPH_TOKEN to allow ingest",
            highlight=False,
        )
    elif generated:
        err.print(f"write token (this run only): {token}", highlight=False, soft_wrap=True)
    else:
        err.print("write token: from --token / ACTORGRAPH_TOKEN", highlight=False)
    uvicorn.run(web, host=host, port=port)

"""The web page and JSON API over a store: `create_app(db)` gives a FastAPI app.

Pages are rendered on the server with Jinja2, autoescaping on: every sentence shown comes from
articles and is untrusted. A Content-Security-Policy of `default-src 'self'` on every
response keeps injected markup from loading or running anything even if escaping failed.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape

from actorgraph.store import ActorNotFound, AmbiguousActor, Store

HERE = Path(__file__).parent
CSP = "default-src 'self'"
ARROWS = {"out": "→", "in": "←", "mutual": "↔"}


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=True, default=True),
    )
    env.globals["arrows"] = ARROWS
    return env


def _lookup_detail(e: ActorNotFound | AmbiguousActor) -> tuple[int, dict[str, Any]]:
    if isinstance(e, AmbiguousActor):
        return 409, {"detail": str(e), "candidates": [a.to_dict() for a in e.candidates]}
    return 404, {"detail": str(e), "suggestions": e.suggestions}


def create_app(db: str | Path, store: Store | None = None) -> FastAPI:
    """The actorgraph web app over the store at `db` (which must exist: run `actorgraph ingest` first)."""
    store = store or Store.open(db, create=False)
    env = _environment()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="actorgraph",
        description="Sourced ties between political actors, read from news reports.",
        lifespan=lifespan,
        docs_url=None,  # Swagger UI loads scripts from a CDN, which the CSP forbids; /openapi.json stays
        redoc_url=None,
    )
    app.state.store = store
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.middleware("http")
    async def security_headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    def page(template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(env.get_template(template).render(**context), status_code=status_code)

    def lookup_page(e: ActorNotFound | AmbiguousActor) -> HTMLResponse:
        status, detail = _lookup_detail(e)
        return page("error.html", status_code=status, message=str(e), detail=detail)

    def lookup_api(e: ActorNotFound | AmbiguousActor) -> JSONResponse:
        status, detail = _lookup_detail(e)
        return JSONResponse(detail, status_code=status)

    # -- pages ---------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse)
    def index(limit: int = Query(50, ge=1, le=500), evidence: int = Query(5, ge=0, le=100)) -> HTMLResponse:
        """Actors by number of claims, each with its ties and their evidence sentences."""
        actors = [a for a in store.actors(limit=limit) if a.claims]
        profiles = [store.actor_profile(a.id, evidence=evidence) for a in actors]
        return page("index.html", profiles=profiles, counts=store.counts())

    @app.get("/actors/{actor}", response_class=HTMLResponse)
    def actor_page(actor: str) -> HTMLResponse:
        try:
            profile = store.actor_profile(actor)
        except (ActorNotFound, AmbiguousActor) as e:
            return lookup_page(e)
        return page("actor.html", profile=profile)

    @app.get("/dyad/{a}/{b}", response_class=HTMLResponse)
    def dyad_page(a: str, b: str) -> HTMLResponse:
        try:
            actor_a, actor_b = store.actor(a), store.actor(b)
            rows = store.dyad(actor_a.id, actor_b.id)
        except (ActorNotFound, AmbiguousActor) as e:
            return lookup_page(e)
        return page("dyad.html", a=actor_a, b=actor_b, claims=rows)

    # -- JSON API ------------------------------------------------------------------------------

    @app.get("/api/actors")
    def api_actors(
        limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0), kind: str | None = None
    ) -> dict[str, Any]:
        """Actors, most claims first."""
        rows = store.actors(limit=limit, offset=offset, kind=kind)
        return {"actors": [r.to_dict() for r in rows], "limit": limit, "offset": offset}

    @app.get("/api/actors/{actor}", response_model=None)
    def api_actor(actor: str, evidence: int | None = Query(None, ge=0)) -> dict[str, Any] | JSONResponse:
        """An actor's profile: ties per counterpart and relation, with their claims."""
        try:
            return store.actor_profile(actor, evidence=evidence).to_dict()
        except (ActorNotFound, AmbiguousActor) as e:
            return lookup_api(e)

    @app.get("/api/dyad", response_model=None)
    def api_dyad(a: str, b: str) -> dict[str, Any] | JSONResponse:
        """Every claim between actors a and b, oldest first."""
        try:
            actor_a, actor_b = store.actor(a), store.actor(b)
            rows = store.dyad(actor_a.id, actor_b.id)
        except (ActorNotFound, AmbiguousActor) as e:
            return lookup_api(e)
        return {"a": actor_a.to_dict(), "b": actor_b.to_dict(), "claims": [r.to_dict() for r in rows]}

    @app.get("/api/claims", response_model=None)
    def api_claims(
        actor: str | None = None,
        relation: str | None = None,
        limit: int = Query(100, ge=1, le=1000),
        offset: int = Query(0, ge=0),
    ) -> dict[str, Any] | JSONResponse:
        """Claims oldest first, optionally about one actor or of one relation."""
        try:
            rows = store.claims(actor=actor, relation=relation, limit=limit, offset=offset)
        except (ActorNotFound, AmbiguousActor) as e:
            return lookup_api(e)
        return {"claims": [r.to_dict() for r in rows], "limit": limit, "offset": offset}

    @app.get("/api/contradictions", response_model=None)
    def api_contradictions(actor: str | None = None) -> dict[str, Any] | JSONResponse:
        """Pairs of claims that contradict each other."""
        try:
            rows = store.contradictions(actor=actor)
        except (ActorNotFound, AmbiguousActor) as e:
            return lookup_api(e)
        return {"contradictions": [r.to_dict() for r in rows]}

    @app.get("/api/documents/{doc_id}")
    def api_document(doc_id: str) -> dict[str, Any]:
        """A stored document as contract JSON."""
        doc = store.document(doc_id)
        if doc is None:
            raise HTTPException(404, f"no document {doc_id!r} is stored")
        return dict(doc)

    @app.get("/api/counts")
    def api_counts() -> dict[str, int]:
        """Rows per table."""
        return store.counts()

    return app

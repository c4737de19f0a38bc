"""The web UI and JSON API over a store: `create_app(db)` gives a FastAPI app.

Pages are rendered on the server with Jinja2, autoescaping on: every sentence shown comes from
articles and is untrusted. Scripts are bundled files under /static (no inline script, no CDN),
data for them travels as JSON fetched from /api/ or in `<script type="application/json">`
islands, and a strict Content-Security-Policy on every response keeps injected markup from
loading or running anything even if escaping failed. Writes need a token (see `security`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.middleware.gzip import GZipMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware

from actorgraph.store import ActorNotFound, AmbiguousActor, Store
from actorgraph.web.jobs import IngestQueue
from actorgraph.web.queries import CLASS_LABELS
from actorgraph.web.security import CSP, WriteGuard, new_token

HERE = Path(__file__).parent
ARROWS = {"out": "→", "in": "←", "mutual": "↔"}
MAX_UPLOAD_BYTES = 5_000_000
_UNSET: Any = object()


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=True, default=True),
    )
    env.globals["arrows"] = ARROWS
    env.globals["class_labels"] = CLASS_LABELS
    env.filters["http_url"] = http_url
    return env


def http_url(value: str | None) -> str | None:
    """`value` if it is an http(s) URL (safe as a link target), else None: no javascript: links."""
    if value and value.strip().lower().startswith(("http://", "https://")):
        return value.strip()
    return None


def lookup_detail(e: ActorNotFound | AmbiguousActor) -> tuple[int, dict[str, Any]]:
    """HTTP status and body for an unknown (404) or ambiguous (409) actor name."""
    if isinstance(e, AmbiguousActor):
        return 409, {"detail": str(e), "candidates": [a.to_dict() for a in e.candidates]}
    return 404, {"detail": str(e), "suggestions": e.suggestions}


@dataclass
class Web:
    """What every route shares: the store, templates, the write guard and the ingest queue."""

    store: Store
    env: Environment
    guard: WriteGuard
    jobs: IngestQueue
    embed_token: bool
    max_upload_bytes: int

    def page(self, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        """Render a page; it carries the write token only where the server hands it to its pages."""
        token = self.guard.token if self.embed_token else None
        html = self.env.get_template(template).render(page_token=token, writes=self.guard.enabled, **context)
        return HTMLResponse(html, status_code=status_code)

    def lookup_page(self, e: ActorNotFound | AmbiguousActor) -> HTMLResponse:
        status, detail = lookup_detail(e)
        return self.page("error.html", status_code=status, message=str(e), detail=detail)

    @staticmethod
    def lookup_api(e: ActorNotFound | AmbiguousActor) -> JSONResponse:
        status, detail = lookup_detail(e)
        return JSONResponse(detail, status_code=status)


def create_app(
    db: str | Path,
    store: Store | None = None,
    *,
    token: str | None = _UNSET,
    embed_token: bool = True,
    allowed_hosts: list[str] | None = None,
    max_upload_bytes: int = MAX_UPLOAD_BYTES,
    allow_private_urls: bool = False,
) -> FastAPI:
    """The actorgraph web app over the store at `db` (which must exist: run `actorgraph ingest` first).

    `token`: the write token; left out, a fresh one is made (read it from `app.state.token`);
    None turns writes off. `embed_token`: hand it to the app's own pages (loopback servers).
    `allowed_hosts`: Host header values to accept (a loopback server names its own, against
    DNS rebinding). `max_upload_bytes` caps request bodies.
    """
    from actorgraph.web import api, pages

    store = store or Store.open(db, create=False)
    if token is _UNSET:
        token = new_token()
    web = Web(
        store=store,
        env=_environment(),
        guard=WriteGuard(token),
        jobs=IngestQueue(store, max_fetch_bytes=max_upload_bytes, allow_private_urls=allow_private_urls),
        embed_token=embed_token,
        max_upload_bytes=max_upload_bytes,
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        web.jobs.close()
        store.close()

    app = FastAPI(
        title="actorgraph",
        description=(
            "Sourced ties between political actors, read from news reports. "
            "Write endpoints need `Authorization: Bearer TOKEN`."
        ),
        lifespan=lifespan,
        docs_url=None,  # Swagger UI loads scripts from a CDN, which the CSP forbids; /openapi.json stays
        redoc_url=None,
    )
    app.state.store = store
    app.state.token = token
    app.state.web = web
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.middleware("http")
    async def guard_requests(request: Request, call_next):  # type: ignore[no-untyped-def]
        if request.method in ("POST", "PUT", "PATCH", "DELETE"):
            length = request.headers.get("content-length")
            if length is None and request.headers.get("transfer-encoding"):
                response = JSONResponse({"detail": "send a Content-Length"}, status_code=411)
            elif length is not None and (not length.isdigit() or int(length) > max_upload_bytes):
                response = JSONResponse(
                    {"detail": f"the body is larger than the limit of {max_upload_bytes:,} bytes"},
                    status_code=413,
                )
            else:
                response = await call_next(request)
        else:
            response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    app.add_middleware(GZipMiddleware, minimum_size=50_000)  # the graph of a big store is megabytes of JSON
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)

    app.include_router(pages.router(web))
    app.include_router(api.router(web), prefix="/api")
    return app

"""The JSON API under /api/: the same store queries the CLI uses, plus ingest and exports.

Reads are open; writes (`POST /api/ingest`, `POST /api/ingest/file`) need the server's token.
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated, Any
from xml.sax.saxutils import quoteattr

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import AfterValidator, BaseModel, Field

from actorgraph.contract import FAMILY
from actorgraph.ingest import InputDocument, iter_documents
from actorgraph.store import ActorNotFound, AmbiguousActor, ClaimRow
from actorgraph.web import queries
from actorgraph.web.app import Web

ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$")
UPLOAD_SUFFIXES = (".txt", ".html", ".htm", ".jsonl")


def _real_date(value: str | None) -> str | None:
    """Reject dates that match the pattern but do not exist ("2016-15", "0000-00"): 422, not 500."""
    if value is not None:
        date.fromisoformat(value if len(value) == 10 else value + "-01")
        if value < "0001-01":
            raise ValueError("year 0 does not exist")
    return value


Month = Annotated[
    str | None,
    Query(pattern=r"^\d{4}-\d{2}(-\d{2})?$", description="YYYY-MM or YYYY-MM-DD"),
    AfterValidator(_real_date),
]


class IngestRequest(BaseModel):
    """One document to ingest: pasted `text`, or a `fetch_url` for the server to download."""

    text: str | None = Field(None, description="the article's text, unchanged")
    fetch_url: str | None = Field(None, description="an http(s) page to download and extract instead")
    id: str | None = Field(None, description="document id; default: a hash of the text")
    title: str | None = None
    published: str | None = Field(None, description="publication date YYYY-MM-DD")
    outlet: str | None = None
    url: str | None = Field(None, description="where the text was published (kept, not fetched)")


def _split(value: str | None) -> list[str] | None:
    """ "a,b" -> ["a", "b"]; "-" -> [] (nothing selected); None -> None (no filter)."""
    if value is None:
        return None
    return [v for v in (x.strip() for x in value.split(",")) if v and v != "-"]


def _claim_dict(c: ClaimRow) -> dict[str, Any]:
    d = c.to_dict()
    d["key"] = c.key
    d["family"] = FAMILY.get(c.relation, "unknown")
    d["speaker_label"] = c.speaker_label
    return d


def history(claims: list[ClaimRow]) -> list[dict[str, Any]]:
    """Affirmed and denied claims per month and quad class: the data behind the dyad chart."""
    months: dict[str, dict[str, int]] = {}
    for c in claims:
        if not c.date:
            continue
        row = months.setdefault(c.date[:7], {})
        key = "denied" if c.polarity == "negated" else FAMILY.get(c.relation, "unknown")
        row[key] = row.get(key, 0) + 1
    return [{"month": m, **counts} for m, counts in sorted(months.items())]


def router(web: Web) -> APIRouter:  # noqa: C901 (one closure per route)
    store = web.store
    r = APIRouter(tags=["api"])

    def require_write(request: Request) -> None:
        web.guard.check(request)

    # -- actors and ties -----------------------------------------------------------------------

    @r.get("/actors")
    def api_actors(
        limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0), kind: str | None = None
    ) -> dict[str, Any]:
        """Actors, most claims first."""
        rows = store.actors(limit=limit, offset=offset, kind=kind)
        return {"actors": [row.to_dict() for row in rows], "limit": limit, "offset": offset}

    @r.get("/actors/{actor}", response_model=None)
    def api_actor(actor: str, evidence: int | None = Query(None, ge=0)) -> dict[str, Any] | JSONResponse:
        """An actor's profile: ties per counterpart and relation, with their claims."""
        try:
            return store.actor_profile(actor, evidence=evidence).to_dict()
        except (ActorNotFound, AmbiguousActor) as e:
            return web.lookup_api(e)

    @r.get("/actors/{actor}/mentions", response_model=None)
    def api_actor_mentions(actor: str, limit: int = Query(50, ge=1, le=500)) -> dict[str, Any] | JSONResponse:
        """Where the actor is named, with the text around each mention."""
        try:
            found = store.actor(actor)
        except (ActorNotFound, AmbiguousActor) as e:
            return web.lookup_api(e)
        return {"actor": found.id, "mentions": queries.actor_mentions(store.engine, found.id, limit)}

    @r.get("/dyad", response_model=None)
    def api_dyad(a: str, b: str) -> dict[str, Any] | JSONResponse:
        """Every claim between actors a and b, oldest first, and their history per month."""
        try:
            actor_a, actor_b = store.actor(a), store.actor(b)
            rows = store.dyad(actor_a.id, actor_b.id)
        except (ActorNotFound, AmbiguousActor) as e:
            return web.lookup_api(e)
        return {
            "a": actor_a.to_dict(),
            "b": actor_b.to_dict(),
            "claims": [_claim_dict(c) for c in rows],
            "history": history(rows),
            **_store_history(store, actor_a.id, actor_b.id),
        }

    @r.get("/graph")
    def api_graph(
        start: Month = None,
        end: Month = None,
        classes: Annotated[str | None, Query(description="comma-separated families; '-' for none")] = None,
        kinds: Annotated[str | None, Query(description="comma-separated actor kinds; '-' for none")] = None,
        min_sources: int = Query(1, ge=1, le=1000),
        fields: Annotated[str | None, Query(pattern="^(all|edges)$")] = None,
    ) -> dict[str, Any]:
        """The network: actors and undirected ties, with cooperation/conflict counts and sources."""
        return queries.graph(
            store.engine,
            start=start,
            end=end,
            classes=_split(classes),
            kinds=_split(kinds),
            min_sources=min_sources,
            with_nodes=fields != "edges",
        )

    # -- claims and contradictions --------------------------------------------------------------

    @r.get("/claims", response_model=None)
    def api_claims(
        actor: str | None = None,
        relation: str | None = None,
        family: str | None = Query(None, description="a quad class or tie family, e.g. material_conflict"),
        polarity: str | None = Query(None, pattern="^(affirmed|negated)$"),
        modality: str | None = None,
        start: Month = None,
        end: Month = None,
        doc: str | None = None,
        limit: int = Query(100, ge=1, le=1000),
        offset: int = Query(0, ge=0),
    ) -> dict[str, Any] | JSONResponse:
        """Claims oldest first, filtered by actor, relation, family, polarity, modality, dates, document."""
        try:
            rows = store.claims(actor=actor, relation=relation)
        except (ActorNotFound, AmbiguousActor) as e:
            return web.lookup_api(e)
        lo, hi = queries.month_bounds(start, end)
        picked = [
            c
            for c in rows
            if (family is None or FAMILY.get(c.relation) == family)
            and (polarity is None or c.polarity == polarity)
            and (modality is None or c.modality == modality)
            and (doc is None or c.doc_id == doc)
            and (lo is None or (c.date is not None and c.date >= lo))
            and (hi is None or (c.date is not None and c.date < hi))
        ]
        page = picked[offset : offset + limit]
        return {
            "claims": [_claim_dict(c) for c in page],
            "total": len(picked),
            "limit": limit,
            "offset": offset,
        }

    @r.get("/contradictions", response_model=None)
    def api_contradictions(
        actor: str | None = None, kind: str | None = Query(None, pattern="^(denial|conflict)$")
    ) -> dict[str, Any] | JSONResponse:
        """Pairs of claims that contradict each other."""
        try:
            rows = store.contradictions(actor=actor)
        except (ActorNotFound, AmbiguousActor) as e:
            return web.lookup_api(e)
        return {"contradictions": [x.to_dict() for x in rows if kind is None or x.kind == kind]}

    # -- documents and search ------------------------------------------------------------------

    @r.get("/documents")
    def api_documents(limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0)) -> dict[str, Any]:
        """Stored documents' metadata, newest first, with their number of claims."""
        docs = store.documents(limit=limit, offset=offset)
        counts = queries.claim_counts(store.engine, [d["id"] for d in docs])
        return {
            "documents": [{**d, "claims": counts.get(d["id"], 0)} for d in docs],
            "limit": limit,
            "offset": offset,
        }

    @r.get("/documents/{doc_id:path}")
    def api_document(doc_id: str) -> dict[str, Any]:
        """A stored document as contract JSON."""
        doc = store.document(doc_id)
        if doc is None:
            raise HTTPException(404, f"no document {doc_id!r} is stored")
        return dict(doc)

    @r.get("/search")
    def api_search(
        q: str = Query(..., min_length=1, max_length=200), limit: int = Query(20, ge=1, le=200)
    ) -> dict[str, Any]:
        """Actors by name or alias, claims by evidence sentence, documents by title or text."""
        return {"q": q, **queries.search_store(store, q, limit)}

    @r.get("/counts")
    def api_counts() -> dict[str, int]:
        """Rows per table."""
        return store.counts()

    # -- exports -------------------------------------------------------------------------------

    @r.get("/export/claims.csv", response_class=Response)
    def export_claims(actor: str | None = None, relation: str | None = None) -> Response:
        """Every claim (optionally of one actor or relation) as CSV, one row per claim."""
        try:
            rows = store.claims(actor=actor, relation=relation)
        except (ActorNotFound, AmbiguousActor) as e:
            return web.lookup_api(e)
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        header = ["doc_id", "claim_id", "date", "relation", "family", "subject", "object", "polarity",
                  "modality", "speaker", "channel", "anonymous", "evidence", "outlet", "url"]  # fmt: skip
        w.writerow(header)
        for c in rows:
            w.writerow([c.doc_id, c.claim_id, c.date or "", c.relation, FAMILY.get(c.relation, ""), c.subject,
                        c.object or "", c.polarity, c.modality, c.speaker_label, c.channel_name or "",
                        c.anonymous, _csv_safe(c.evidence), _csv_safe(c.outlet or ""), c.url or ""])  # fmt: skip
        return Response(
            out.getvalue(),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="claims.csv"'},
        )

    @r.get("/export/graph.gexf", response_class=Response)
    def export_gexf(start: Month = None, end: Month = None, min_sources: int = Query(1, ge=1)) -> Response:
        """The network as GEXF, for Gephi: actors, and ties weighted by independent sources."""
        g = queries.graph(store.engine, start=start, end=end, min_sources=min_sources)
        return Response(
            gexf(g),
            media_type="application/xml",
            headers={"Content-Disposition": 'attachment; filename="actorgraph.gexf"'},
        )

    # -- ingest (writes: token required) ---------------------------------------------------------

    @r.post("/ingest", status_code=202, dependencies=[Depends(require_write)])
    def api_ingest(body: IngestRequest) -> dict[str, Any]:
        """Queue one pasted article (or a URL to fetch); poll GET /api/ingest/{job} for progress."""
        if bool(body.text and body.text.strip()) == bool(body.fetch_url):
            raise HTTPException(422, "give either 'text' or 'fetch_url'")
        _check_meta(body.published, body.id)
        if body.fetch_url:
            from actorgraph.web.jobs import FetchRefused, check_url

            try:
                check_url(body.fetch_url, web.jobs.allow_private_urls)
            except FetchRefused as e:
                raise HTTPException(422, str(e)) from e
            job = web.jobs.submit([body.fetch_url])
        else:
            import hashlib

            text = body.text or ""
            doc_id = body.id or "pasted-" + hashlib.sha256(text.encode()).hexdigest()[:12]
            item = InputDocument(
                id=doc_id,
                text=text,
                title=body.title,
                published=body.published,
                outlet=body.outlet,
                url=body.url,
            )
            job = web.jobs.submit([item])
        return {"job": job.id, "status": f"/api/ingest/{job.id}"}

    @r.post(
        "/ingest/file",
        status_code=202,
        dependencies=[Depends(require_write)],
        openapi_extra={
            "requestBody": {
                "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}
            }
        },
    )
    async def api_ingest_file(
        request: Request,
        filename: str = Query(..., max_length=200, description="the file's name: .txt, .html or .jsonl"),
        published: str | None = None,
        title: str | None = None,
        outlet: str | None = None,
        url: str | None = None,
    ) -> dict[str, Any]:
        """Queue an uploaded file (the request body, raw): .txt, .html, or .jsonl with many documents."""
        _check_meta(published, None)
        name = Path(filename).name
        stem, suffix = Path(name).stem, Path(name).suffix.lower()
        if suffix not in UPLOAD_SUFFIXES or not SAFE_ID.match(stem or "-"):
            raise HTTPException(422, f"upload a .txt, .html or .jsonl file with a plain name, not {name!r}")
        body = await request.body()
        if len(body) > web.max_upload_bytes:
            raise HTTPException(413, f"the file is larger than {web.max_upload_bytes:,} bytes")
        with tempfile.TemporaryDirectory(prefix="actorgraph-upload-") as tmp:
            path = Path(tmp) / f"{stem}{suffix}"
            path.write_bytes(body)
            items = list(iter_documents([path], published=published))
        for item in items:
            if isinstance(item, InputDocument):
                item.title = item.title or title
                item.outlet = item.outlet or outlet
                item.url = item.url or url
                item.path = name
        if not items:
            raise HTTPException(422, "the file holds no documents")
        job = web.jobs.submit(list(items))
        return {"job": job.id, "status": f"/api/ingest/{job.id}", "documents": len(items)}

    @r.get("/ingest/{job_id}")
    def api_ingest_status(job_id: str) -> dict[str, Any]:
        """An ingest job's progress: state, done of total, and the documents stored."""
        job = web.jobs.get(job_id)
        if job is None:
            raise HTTPException(404, "no such ingest job (jobs are kept while the server runs)")
        return job.to_dict()

    return r


def _store_history(store: Any, a: str, b: str) -> dict[str, Any]:
    """The store's own dyad history (cooperation-conflict score per month), where it has one."""
    if not hasattr(store, "dyad_history"):
        return {}
    try:
        return {"store_history": store.dyad_history(a, b).to_dict()}
    except Exception:  # an older store: the per-month counts above still hold
        return {}


def _check_meta(published: str | None, doc_id: str | None) -> None:
    if published and not ISO_DAY.match(published):
        raise HTTPException(422, "published must be YYYY-MM-DD")
    if doc_id is not None and not SAFE_ID.match(doc_id):
        raise HTTPException(422, "id: letters, digits and . _ : - only, up to 200 characters")


def _csv_safe(value: str) -> str:
    """Keep spreadsheet programs from running article text as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def gexf(g: dict[str, Any]) -> str:
    """A GEXF 1.3 document of `queries.graph` output; every string is XML-escaped."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<gexf xmlns="http://gexf.net/1.3" version="1.3">',
        '<graph defaultedgetype="undirected">',
        '<attributes class="node"><attribute id="kind" title="kind" type="string"/></attributes>',
        '<attributes class="edge"><attribute id="coop" title="cooperation" type="integer"/>'
        '<attribute id="conflict" title="conflict" type="integer"/>'
        '<attribute id="claims" title="claims" type="integer"/></attributes>',
        "<nodes>",
    ]
    for n in g["nodes"]:
        lines.append(
            f"<node id={quoteattr(n['id'])} label={quoteattr(n['name'])}><attvalues>"
            f'<attvalue for="kind" value={quoteattr(n["kind"])}/></attvalues></node>'
        )
    lines.append("</nodes><edges>")
    for e in g["edges"]:
        lines.append(
            f"<edge id={quoteattr(e['id'])} source={quoteattr(e['source'])} target={quoteattr(e['target'])} "
            f'weight="{e["sources"]}"><attvalues><attvalue for="coop" value="{e["coop"]}"/>'
            f'<attvalue for="conflict" value="{e["conflict"]}"/>'
            f'<attvalue for="claims" value="{e["claims"]}"/></attvalues></edge>'
        )
    lines.append("</edges></graph></gexf>")
    return "\n".join(lines) + "\n"


__all__ = ["gexf", "history", "router"]

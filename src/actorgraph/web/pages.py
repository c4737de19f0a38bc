"""The HTML pages: network, actors, actor, dyad, document, contradictions, search, ingest."""

from __future__ import annotations

from collections import Counter
from typing import Any

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from actorgraph.contract import ACTOR_KINDS, CONFLICTUAL, COOPERATIVE, FAMILY
from actorgraph.store import ActorNotFound, AmbiguousActor, ClaimRow
from actorgraph.web import queries
from actorgraph.web.app import Web
from actorgraph.web.charts import quad_chart
from actorgraph.web.highlight import Mark, excerpt, segments

MAX_SEARCH = 200


def claim_view(
    c: ClaimRow, texts: dict[str, str], contradicted: dict[tuple[str, str], list]
) -> dict[str, Any]:
    """A claim with what a card needs: its paragraph with the evidence marked, and its markers."""
    text = texts.get(c.doc_id)
    marks = [Mark(c.evidence_start, c.evidence_end, "evidence")]
    for sp in (c.subject_span, c.object_span):
        if sp:
            marks.append(Mark(sp["start"], sp["end"], "party"))
    if text is not None and text[c.evidence_start : c.evidence_end] == c.evidence:
        ctx = excerpt(text, c.evidence_start, c.evidence_end, marks)
    else:  # no text at hand: the evidence alone, its parties marked
        shifted = [Mark(m.start - c.evidence_start, m.end - c.evidence_start, m.kind) for m in marks]
        ctx = {"before": False, "after": False, "segments": segments(c.evidence, shifted)}
    return {
        "c": c,
        "ctx": ctx,
        "family": FAMILY.get(c.relation, "unknown"),
        "contradicted": contradicted.get((c.doc_id, c.claim_id), []),
    }


def claim_views(web: Web, claims: list[ClaimRow]) -> list[dict[str, Any]]:
    doc_ids = [c.doc_id for c in claims]
    texts = queries.document_texts(web.store.engine, doc_ids)
    contradicted = queries.contradicted(web.store.engine, doc_ids)
    return [claim_view(c, texts, contradicted) for c in claims]


def find_marks(text: str, q: str) -> list[Mark]:
    """Where `q` or its words (as prefixes, since full-text search stems) occur in `text`."""
    low = text.lower()
    words = [q.lower().strip('"')] + [w.strip('"').rstrip("s") for w in q.lower().split() if len(w) > 2]
    out: list[Mark] = []
    for needle in dict.fromkeys(w for w in words if w and not w.startswith("-") and w != "or"):
        i = low.find(needle)
        while i >= 0 and len(out) < 50:
            if not any(m.start <= i < m.end or i <= m.start < i + len(needle) for m in out):
                out.append(Mark(i, i + len(needle), "hit"))
            i = low.find(needle, i + len(needle))
    return out


def summary(claims: list[ClaimRow]) -> dict[str, Any]:
    """Counts for a header: per family, distinct sources affirming and denying, first and last date."""
    families = Counter(FAMILY.get(c.relation, "unknown") for c in claims if c.polarity == "affirmed")
    dates = sorted(c.date for c in claims if c.date)
    return {
        "claims": len(claims),
        "families": families,
        "coop": sum(n for f, n in families.items() if f in COOPERATIVE),
        "conflict": sum(n for f, n in families.items() if f in CONFLICTUAL),
        "denied": sum(c.polarity == "negated" for c in claims),
        "sources": len({c.source_key for c in claims}),
        "documents": len({c.doc_id for c in claims}),
        "first": dates[0] if dates else None,
        "last": dates[-1] if dates else None,
    }


def router(web: Web) -> APIRouter:  # noqa: C901 (one closure per route)
    store = web.store
    r = APIRouter(include_in_schema=False)

    @r.get("/", response_class=HTMLResponse)
    def network() -> HTMLResponse:
        """The network view; the graph itself is drawn by /static/graph.bundle.js from /api/graph."""
        present = dict(queries.kinds(store.engine))
        kinds = [(k, present[k]) for k in ACTOR_KINDS if k in present] + [
            (k, n) for k, n in present.items() if k not in ACTOR_KINDS
        ]
        top = [a for a in store.actors(limit=12) if a.claims]
        return web.page(
            "index.html", nav="network", kinds=kinds, classes=queries.CLASSES, top=top, counts=store.counts()
        )

    @r.get("/actors", response_class=HTMLResponse)
    def actors_page(
        kind: str | None = None, page: int = Query(1, ge=1, le=10_000), evidence: int = Query(0, ge=0, le=20)
    ) -> HTMLResponse:
        """Every actor, most claims first, with its ties (and `evidence` sentences per tie)."""
        per = 50
        rows = store.actors(limit=per + 1, offset=(page - 1) * per, kind=kind or None)
        profiles = [store.actor_profile(a.id, evidence=evidence) for a in rows[:per] if a.claims]
        return web.page(
            "actors.html", nav="actors", profiles=profiles, kind=kind, page=page, more=len(rows) > per,
            kinds=queries.kinds(store.engine), counts=store.counts(),
        )  # fmt: skip

    @r.get("/actors/{actor}", response_class=HTMLResponse)
    def actor_page(actor: str) -> HTMLResponse:
        try:
            profile = store.actor_profile(actor, evidence=3)
        except (ActorNotFound, AmbiguousActor) as e:
            return web.lookup_page(e)
        a = profile.actor
        claims = store.claims(actor=a.id)
        roles = [
            (g, t) for g in profile.counterparts for t in g.ties if FAMILY.get(t.relation) == "role" and g.id
        ]
        return web.page(
            "actor.html",
            nav="actors",
            profile=profile,
            summary=summary(claims),
            chart=quad_chart((c.date, c.relation, c.polarity) for c in claims),
            roles=roles,
            mentions=queries.actor_mentions(store.engine, a.id, limit=30),
            mention_total=queries.mention_count(store.engine, a.id),
        )

    @r.get("/dyad/{a}/{b}", response_class=HTMLResponse)
    def dyad_page(a: str, b: str) -> HTMLResponse:
        try:
            actor_a, actor_b = store.actor(a), store.actor(b)
            rows = store.dyad(actor_a.id, actor_b.id)
        except (ActorNotFound, AmbiguousActor) as e:
            return web.lookup_page(e)
        return web.page(
            "dyad.html",
            nav="network",
            a=actor_a,
            b=actor_b,
            claims=claim_views(web, rows),
            summary=summary(rows),
            chart=quad_chart((c.date, c.relation, c.polarity) for c in rows),
        )

    @r.get("/documents", response_class=HTMLResponse)
    def documents_page(page: int = Query(1, ge=1, le=100_000)) -> HTMLResponse:
        per = 50
        docs = store.documents(limit=per + 1, offset=(page - 1) * per)
        counts = queries.claim_counts(store.engine, [d["id"] for d in docs])
        return web.page(
            "documents.html",
            nav="documents",
            docs=docs[:per],
            claim_counts=counts,
            page=page,
            more=len(docs) > per,
        )

    @r.get("/documents/{doc_id:path}", response_class=HTMLResponse)
    def document_page(doc_id: str) -> HTMLResponse:
        doc = store.document(doc_id)
        if doc is None:
            return web.page(
                "error.html", status_code=404, message=f"No document {doc_id!r} is stored.", detail={}
            )
        names = {a["id"]: a["name"] for a in doc["actors"]}
        marks: list[Mark] = []
        for m in doc["mentions"]:
            marks.append(
                Mark(m["start"], m["end"], "mention", m.get("actor"), names.get(m.get("actor") or ""))
            )
        for att in doc["attributions"]:
            if att.get("source"):
                marks.append(Mark(att["source"]["start"], att["source"]["end"], "source", title="source"))
            marks.append(Mark(att["cue"]["start"], att["cue"]["end"], "cue", title=f"cue ({att['stance']})"))
            for sp in att["content"]:
                marks.append(Mark(sp["start"], sp["end"], "content"))
        for c in doc["claims"]:
            ev = c["evidence"]
            marks.append(Mark(ev["start"], ev["end"], "evidence", anchor=f"claim-{c['id']}"))
        atts = {a["id"]: a for a in doc["attributions"]}
        contradicted = {
            k: v for k, v in queries.contradicted(store.engine, [doc_id]).items() if k[0] == doc_id
        }
        return web.page(
            "document.html",
            nav="documents",
            doc=doc,
            names=names,
            atts=atts,
            segments=segments(doc["text"], marks),
            contradicted={k[1] for k in contradicted},
        )

    @r.get("/contradictions", response_class=HTMLResponse)
    def contradictions_page(kind: str | None = Query(None, pattern="^(denial|conflict)$")) -> HTMLResponse:
        rows = [x for x in store.contradictions() if kind is None or x.kind == kind]
        views = claim_views(web, [c for x in rows for c in (x.a, x.b)])
        pairs = [(x, views[2 * i], views[2 * i + 1]) for i, x in enumerate(rows)]
        return web.page("contradictions.html", nav="contradictions", pairs=pairs, kind=kind)

    @r.get("/search", response_class=HTMLResponse)
    def search_page(q: str = Query("", max_length=MAX_SEARCH)) -> HTMLResponse:
        q = q.strip()
        results = queries.search_store(store, q, limit=30) if q else None
        if results:
            for c in results["claims"]:
                c["segments"] = segments(c["evidence_text"], find_marks(c["evidence_text"], q))
        return web.page("search.html", nav="search", q=q, results=results)

    @r.get("/ingest", response_class=HTMLResponse)
    def ingest_page() -> HTMLResponse:
        return web.page("ingest.html", nav="ingest", max_upload=web.max_upload_bytes)

    return r

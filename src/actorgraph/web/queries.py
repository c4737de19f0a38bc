"""Read queries the web UI needs that the Store does not offer (yet).

Plain parameterised SQL (SQLAlchemy `text()`) over the store's tables, portable between
SQLite and PostgreSQL: no string is ever formatted into a statement. Results are plain dicts
and small dataclasses, ready for templates and JSON.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from actorgraph.contract import CONFLICTUAL, COOPERATIVE, FAMILY

CLASSES: tuple[str, ...] = (
    "verbal_cooperation",
    "material_cooperation",
    "verbal_conflict",
    "material_conflict",
    "cooperative_tie",
    "hostile_tie",
    "role",
)
CLASS_LABELS: dict[str, str] = {
    "verbal_cooperation": "Verbal cooperation",
    "material_cooperation": "Material cooperation",
    "verbal_conflict": "Verbal conflict",
    "material_conflict": "Material conflict",
    "cooperative_tie": "Cooperative ties",
    "hostile_tie": "Hostile ties",
    "role": "Roles (member, leads, represents)",
}


def relations_of(classes: list[str]) -> list[str]:
    """The relation names in the given families (quad classes and tie families)."""
    wanted = set(classes)
    return sorted(r for r, f in FAMILY.items() if f in wanted)


def month_bounds(start: str | None, end: str | None) -> tuple[str | None, str | None]:
    """("YYYY-MM" | "YYYY-MM-DD", same) -> (first day, first day after the end), ISO strings.

    An end month includes its whole month: `end="2016-03"` gives "2016-04-01", used with `<`.
    """
    lo = f"{start}-01" if start and len(start) == 7 else start
    hi = None
    if end:
        if len(end) == 7:
            y, m = int(end[:4]), int(end[5:7])
            hi = date(y + (m == 12), m % 12 + 1, 1).isoformat()
        else:
            hi = date.fromordinal(date.fromisoformat(end).toordinal() + 1).isoformat()
    return lo, hi


@dataclass
class Edge:
    """An undirected tie between two actors, summed over every claim that passes the filters."""

    id: str
    source: str
    target: str
    claims: int = 0
    coop: int = 0  # affirmed cooperative claims
    conflict: int = 0  # affirmed conflictual claims
    neutral: int = 0  # affirmed roles
    denied: int = 0  # negated claims
    first: str | None = None
    last: str | None = None
    relations: dict[str, int] = field(default_factory=dict)
    source_keys: set[str] = field(default_factory=set)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "target": self.target,
            "claims": self.claims,
            "sources": len(self.source_keys),
            "coop": self.coop,
            "conflict": self.conflict,
            "neutral": self.neutral,
            "denied": self.denied,
            "first": self.first,
            "last": self.last,
        }


def graph(
    engine: Engine,
    *,
    start: str | None = None,
    end: str | None = None,
    classes: list[str] | None = None,
    kinds: list[str] | None = None,
    min_sources: int = 1,
    with_nodes: bool = True,
) -> dict[str, Any]:
    """Actors and the ties between them, for the network view.

    Filters: a time range (months or days; undated claims drop out when one is set), relation
    families, actor kinds (both ends must be of one), and a minimum number of independent sources.
    """
    where = ["c.object IS NOT NULL", "c.object <> c.subject"]
    params: dict[str, Any] = {}
    lo, hi = month_bounds(start, end)
    if lo:
        where.append("c.date >= :lo")
        params["lo"] = lo
    if hi:
        where.append("c.date < :hi")
        params["hi"] = hi
    expanding: list[str] = []
    if classes is not None:
        where.append("c.relation IN :relations")
        params["relations"] = relations_of(classes) or ["-"]
        expanding.append("relations")
    if kinds is not None:
        where.append("sa.kind IN :kinds AND oa.kind IN :kinds")
        params["kinds"] = list(kinds) or ["-"]
        expanding.append("kinds")
    sql = sa.text(
        "SELECT c.subject, c.object, c.relation, c.polarity, c.source_key,"
        " COUNT(*) AS n, MIN(c.date) AS first, MAX(c.date) AS last"
        " FROM claims c JOIN actors sa ON sa.id = c.subject JOIN actors oa ON oa.id = c.object"
        f" WHERE {' AND '.join(where)}"  # the clauses are fixed strings above; values are bound
        " GROUP BY c.subject, c.object, c.relation, c.polarity, c.source_key"
    )
    if expanding:
        sql = sql.bindparams(*(sa.bindparam(name, expanding=True) for name in expanding))
    edges: dict[tuple[str, str], Edge] = {}
    with engine.connect() as conn:
        for r in conn.execute(sql, params):
            a, b = sorted((r.subject, r.object))
            e = edges.get((a, b))
            if e is None:
                e = edges[(a, b)] = Edge(id=f"{a}|{b}", source=a, target=b)
            family = FAMILY.get(r.relation, "unknown")
            e.claims += r.n
            e.relations[r.relation] = e.relations.get(r.relation, 0) + r.n
            e.source_keys.add(r.source_key)
            if r.polarity == "negated":
                e.denied += r.n
            elif family in COOPERATIVE:
                e.coop += r.n
            elif family in CONFLICTUAL:
                e.conflict += r.n
            else:
                e.neutral += r.n
            if r.first and (e.first is None or r.first < e.first):
                e.first = r.first
            if r.last and (e.last is None or r.last > e.last):
                e.last = r.last
        kept = [e for e in edges.values() if len(e.source_keys) >= min_sources]
        result: dict[str, Any] = {"edges": [e.to_dict() for e in kept]}
        if with_nodes:
            claims: dict[str, int] = defaultdict(int)
            for e in kept:
                claims[e.source] += e.claims
                claims[e.target] += e.claims
            rows = conn.execute(sa.text("SELECT id, name, kind FROM actors")).all()
            result["nodes"] = [
                {"id": r.id, "name": r.name, "kind": r.kind, "claims": claims[r.id]}
                for r in rows
                if r.id in claims
            ]
            result["months"] = months(engine)
    return result


def months(engine: Engine) -> list[str]:
    """Every month ("YYYY-MM") from the first dated claim to the last, for the time slider."""
    with engine.connect() as conn:
        row = conn.execute(
            sa.text("SELECT MIN(date) AS lo, MAX(date) AS hi FROM claims WHERE date IS NOT NULL")
        ).first()
    if row is None or row.lo is None:
        return []
    y, m = int(row.lo[:4]), int(row.lo[5:7])
    last = (int(row.hi[:4]), int(row.hi[5:7]))
    out = []
    while (y, m) <= last and len(out) < 1200:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def actor_mentions(engine: Engine, actor_id: str, limit: int = 50, context: int = 90) -> list[dict[str, Any]]:
    """Where an actor is named: document, the words used, and a window of text around them."""
    sql = sa.text(
        "SELECT m.doc_id, m.start_char, m.end_char, m.text, m.label, d.title, d.published, d.outlet,"
        " CASE WHEN m.start_char > :ctx THEN m.start_char - :ctx ELSE 0 END AS ctx_start,"
        " substr(d.text, CASE WHEN m.start_char > :ctx THEN m.start_char - :ctx + 1 ELSE 1 END,"
        "        (m.end_char - m.start_char) + 2 * :ctx) AS window"
        " FROM mentions m JOIN documents d ON d.id = m.doc_id"
        " WHERE m.actor_id = :actor"
        " ORDER BY d.published DESC, m.doc_id, m.seq LIMIT :limit"
    )
    out = []
    with engine.connect() as conn:
        for r in conn.execute(sql, {"actor": actor_id, "limit": limit, "ctx": context}):
            s, e = r.start_char - r.ctx_start, r.end_char - r.ctx_start
            window = r.window or ""
            out.append(
                {
                    "doc_id": r.doc_id,
                    "title": r.title,
                    "published": r.published,
                    "outlet": r.outlet,
                    "text": r.text,
                    "label": r.label,
                    "before": ("…" if r.ctx_start > 0 else "") + " ".join(window[:s].split()),
                    "mention": window[s:e],
                    "after": " ".join(window[e:].split()) + "…",
                }
            )
    return out


def mention_count(engine: Engine, actor_id: str) -> int:
    with engine.connect() as conn:
        return conn.execute(
            sa.text("SELECT COUNT(*) FROM mentions WHERE actor_id = :a"), {"a": actor_id}
        ).scalar_one()


def document_texts(engine: Engine, doc_ids: list[str]) -> dict[str, str]:
    """The full text of each document in `doc_ids`."""
    return {
        r.id: r.text
        for r in _for_documents(engine, "SELECT id, text FROM documents WHERE id IN :ids", doc_ids)
    }


def contradicted(engine: Engine, doc_ids: list[str]) -> dict[tuple[str, str], list[dict[str, str]]]:
    """For every claim of these documents that takes part in a contradiction: the other side(s)."""
    sql = (
        "SELECT a_doc, a_claim, b_doc, b_claim, kind FROM contradictions WHERE a_doc IN :ids OR b_doc IN :ids"
    )
    out: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for r in _for_documents(engine, sql, doc_ids):
        out[(r.a_doc, r.a_claim)].append({"doc_id": r.b_doc, "claim_id": r.b_claim, "kind": r.kind})
        out[(r.b_doc, r.b_claim)].append({"doc_id": r.a_doc, "claim_id": r.a_claim, "kind": r.kind})
    return dict(out)


def claim_counts(engine: Engine, doc_ids: list[str]) -> dict[str, int]:
    """Claims per document."""
    sql = "SELECT doc_id, COUNT(*) AS n FROM claims WHERE doc_id IN :ids GROUP BY doc_id"
    return {r.doc_id: r.n for r in _for_documents(engine, sql, doc_ids)}


def _for_documents(engine: Engine, sql: str, doc_ids: list[str]) -> list:
    """Rows of `sql`, whose `:ids` is the list of these documents' ids (none: no rows)."""
    if not doc_ids:
        return []
    query = sa.text(sql).bindparams(sa.bindparam("ids", expanding=True))
    with engine.connect() as conn:
        return list(conn.execute(query, {"ids": sorted(set(doc_ids))}))


def _like(q: str) -> str:
    """A LIKE pattern that matches `q` literally anywhere (wildcards in `q` are escaped)."""
    escaped = q.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search(engine: Engine, q: str, limit: int = 20) -> dict[str, list[dict[str, Any]]]:
    """Actors by name or alias, claims by evidence sentence, documents by title or text.

    A parameterised, case-insensitive LIKE over the store's tables (the store's own full-text
    index is used instead where it has one; see `web.app`).
    """
    pattern = _like(q)
    params = {"p": pattern, "limit": limit}
    with engine.connect() as conn:
        actors = conn.execute(
            sa.text(
                "SELECT a.id, a.name, a.kind,"
                " (SELECT COUNT(*) FROM claims c WHERE c.subject = a.id OR c.object = a.id) AS claims"
                " FROM actors a WHERE lower(a.name) LIKE :p ESCAPE '\\'"
                " OR a.id IN (SELECT actor_id FROM aliases WHERE lower(alias) LIKE :p ESCAPE '\\')"
                " ORDER BY claims DESC, a.name LIMIT :limit"
            ),
            params,
        ).all()
        claims = conn.execute(
            sa.text(
                "SELECT c.doc_id, c.id, c.relation, c.subject, c.object, c.polarity, c.modality, c.date,"
                " c.evidence_text, c.source_label, sa.name AS subject_name, oa.name AS object_name,"
                " d.title AS doc_title, d.outlet"
                " FROM claims c JOIN documents d ON d.id = c.doc_id JOIN actors sa ON sa.id = c.subject"
                " LEFT JOIN actors oa ON oa.id = c.object"
                " WHERE lower(c.evidence_text) LIKE :p ESCAPE '\\'"
                " ORDER BY c.date DESC, c.doc_id, c.seq LIMIT :limit"
            ),
            params,
        ).all()
        docs = conn.execute(
            sa.text(
                "SELECT id, title, outlet, published FROM documents"
                " WHERE lower(title) LIKE :p ESCAPE '\\' OR lower(text) LIKE :p ESCAPE '\\'"
                " ORDER BY published DESC, id LIMIT :limit"
            ),
            params,
        ).all()
    return {
        "actors": [dict(r._mapping) for r in actors],
        "claims": [dict(r._mapping) for r in claims],
        "documents": [dict(r._mapping) for r in docs],
    }


def search_store(store: Any, q: str, limit: int = 20) -> dict[str, Any]:
    """`search`, with claims from the store's full-text index (`Store.search`: FTS5 on SQLite,
    PostgreSQL text search) where the store has one; the LIKE scan otherwise or if it fails."""
    results: dict[str, Any] = {**search(store.engine, q, limit), "engine": "like"}
    finder = getattr(store, "search", None)
    if finder is None:
        return results
    try:
        rows = finder(q, limit=limit)
    except Exception:  # an older store without the index, or a query FTS cannot parse
        return results
    results["engine"] = "fulltext"
    results["claims"] = [
        {
            "doc_id": c.doc_id,
            "id": c.claim_id,
            "relation": c.relation,
            "subject": c.subject,
            "object": c.object,
            "polarity": c.polarity,
            "modality": c.modality,
            "date": c.date,
            "evidence_text": c.evidence,
            "source_label": c.source_label,
            "subject_name": c.subject_name,
            "object_name": c.object_name,
            "doc_title": c.doc_title,
            "outlet": c.outlet,
        }
        for c in rows
    ]
    return results


def kinds(engine: Engine) -> list[tuple[str, int]]:
    """Actor kinds that take part in at least one tie, with how many actors of each."""
    sql = sa.text(
        "SELECT a.kind, COUNT(*) AS n FROM actors a WHERE a.id IN"
        " (SELECT subject FROM claims WHERE object IS NOT NULL UNION SELECT object FROM claims)"
        " GROUP BY a.kind ORDER BY n DESC, a.kind"
    )
    with engine.connect() as conn:
        return [(r.kind, r.n) for r in conn.execute(sql)]

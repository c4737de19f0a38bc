"""Work across documents, done in the transaction that stores them.

1. Near-duplicates (`mark_duplicate`): a document whose text is a near copy of one stored
   before (MinHash, store.minhash) and published within `DUPLICATE_DAYS` of it is its copy.
2. Independent sources (`set_independent_keys`): a claim's `indep_key` is its `source_key`,
   except in a copy, where sources scoped to the document (the outlet's own voice, "officials")
   become the root document's: a wire story republished ten times is one source, not ten.
3. Events (`rebuild_group`): claims with the same two actors (either order) and relation family
   whose times overlap are one event. A claim's time is its event time when the text dates it
   to within `MAX_SPAN_DAYS`; otherwise it is the `WINDOW_DAYS` before it was said or published,
   and it joins the latest dated event overlapping that window, if any. Intended and
   hypothetical claims report no event.
4. Contradictions across documents: the ONTOLOGY rule (`extract.contradictions.contradicts`)
   applied to the claims of one event from different documents. Within an event, not across the
   whole dyad: an undated "X denied ever meeting Y" would otherwise contradict every meeting.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from actorgraph.contract import FAMILY
from actorgraph.extract.contradictions import NOT_FACTUAL, contradicts
from actorgraph.store import minhash
from actorgraph.store import schema as s
from actorgraph.store.rows import normalize_name

WINDOW_DAYS = 3
MAX_SPAN_DAYS = 31
DUPLICATE_DAYS = 7

FAMILY_RELATIONS: dict[str, tuple[str, ...]] = {}
for _relation, _family in FAMILY.items():
    FAMILY_RELATIONS.setdefault(_family, ())
    FAMILY_RELATIONS[_family] += (_relation,)

Group = tuple[str, str, str]  # (family, a, b): the ends sorted, b "" without a recipient


def group_of(relation: str, subject: str, obj: str | None) -> Group:
    """The event group of a claim: its relation family and its two ends, sorted."""
    a, b = sorted((subject, obj or "")) if obj else (subject, "")
    return FAMILY.get(relation, "unknown"), a, b


def dialect_insert(conn: Connection, table: sa.Table) -> Any:
    """INSERT with ON CONFLICT support: the dialect's own insert construct (SQLite or PostgreSQL)."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(table)


# -- near-duplicates --------------------------------------------------------------------------


def _days_apart(a: str | None, b: str | None) -> int | None:
    if not a or not b:
        return None
    return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)


def mark_duplicate(conn: Connection, doc_id: str, text: str, published: str | None) -> str | None:
    """Store the document's MinHash and bands; return (and record) the root it copies, if any."""
    sig = minhash.signature(text)
    bands = minhash.bands(sig)
    b = s.document_bands.c
    found = conn.execute(
        sa.select(b.doc_id).where(sa.tuple_(b.band, b.hash).in_(bands), b.doc_id != doc_id).distinct()
    ).all()
    root: str | None = None
    if found:
        d = s.documents.c
        best = 0.0
        for r in conn.execute(
            sa.select(d.id, d.minhash, d.published, d.dup_of).where(d.id.in_([f.doc_id for f in found]))
        ):
            if r.minhash is None:
                continue
            apart = _days_apart(published, r.published)
            if apart is not None and apart > DUPLICATE_DAYS:
                continue
            score = minhash.similarity(sig, minhash.from_bytes(r.minhash))
            if score >= minhash.THRESHOLD and (score, r.dup_of is None) > (best, root is not None):
                best, root = score, r.dup_of or r.id
    conn.execute(
        s.documents.update()
        .where(s.documents.c.id == doc_id)
        .values(minhash=minhash.to_bytes(sig), dup_of=root)
    )
    conn.execute(s.document_bands.insert(), [{"band": n, "hash": h, "doc_id": doc_id} for n, h in bands])
    return root


def set_independent_keys(conn: Connection, doc_id: str, root: str | None) -> None:
    """Fill `claims.indep_key` for one document: its sources, as counted across documents."""
    c = s.claims.c
    if root is None:
        conn.execute(s.claims.update().where(c.doc_id == doc_id).values(indep_key=c.source_key))
        return
    outlet = conn.execute(sa.select(s.documents.c.outlet).where(s.documents.c.id == root)).scalar()
    own_voice = f"outlet:{normalize_name(outlet)}" if outlet else f"doc:{root}"
    rows = []
    for r in conn.execute(sa.select(c.id, c.source_key).where(c.doc_id == doc_id)):
        key = r.source_key
        kind = key.split(":", 1)[0]
        if kind in ("anon", "source") and key.startswith(f"{kind}:{doc_id}:"):
            key = f"{kind}:{root}:{key[len(kind) + len(doc_id) + 2 :]}"
        elif kind in ("outlet", "doc"):
            key = own_voice
        rows.append({"d": doc_id, "i": r.id, "k": key})
    if rows:
        conn.execute(
            s.claims.update()
            .where(c.doc_id == sa.bindparam("d"), c.id == sa.bindparam("i"))
            .values(indep_key=sa.bindparam("k")),
            rows,
        )


def groups_of_documents(conn: Connection, doc_ids: Sequence[str]) -> set[Group]:
    """The event groups the claims of these documents belong to."""
    c = s.claims.c
    out: set[Group] = set()
    for start in range(0, len(doc_ids), 500):
        query = sa.select(c.relation, c.subject, c.object).where(c.doc_id.in_(doc_ids[start : start + 500]))
        out.update(group_of(r.relation, r.subject, r.object) for r in conn.execute(query.distinct()))
    return out


# -- events -----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Claim:
    doc_id: str
    id: str
    relation: str
    subject: str
    object: str | None
    polarity: str
    modality: str
    time_start: str | None
    time_end: str | None
    anchor: str | None  # when it was said, else published: a report follows its event
    indep_key: str
    root: str
    stance: str | None
    lo: str | None = None  # the interval clustered on
    hi: str | None = None
    dated: bool = False

    def as_mapping(self) -> dict[str, Any]:
        """The claim as `contradicts()` reads it."""
        time = {"start": self.time_start, "end": self.time_end} if self.time_start or self.time_end else None
        return {
            "relation": self.relation,
            "subject": self.subject,
            "object": self.object,
            "polarity": self.polarity,
            "modality": self.modality,
            "time": time,
        }


def _shift(day: str, days: int) -> str:
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


def _place(claim: _Claim) -> None:
    start, end = claim.time_start, claim.time_end or claim.time_start
    if start and end and (date.fromisoformat(end) - date.fromisoformat(start)).days <= MAX_SPAN_DAYS:
        claim.lo, claim.hi, claim.dated = start, end, True
    elif claim.anchor:
        claim.lo, claim.hi = _shift(claim.anchor, -WINDOW_DAYS), claim.anchor
    elif start:
        claim.lo, claim.hi = start, end


def _sweep(claims: list[_Claim]) -> list[list[_Claim]]:
    """Merge claims whose intervals overlap (connected components of an interval graph)."""
    clusters: list[list[_Claim]] = []
    high = ""
    for c in sorted(claims, key=lambda c: (c.lo, c.hi, c.doc_id, c.id)):
        if clusters and c.lo <= high:  # type: ignore[operator]
            clusters[-1].append(c)
            high = max(high, c.hi)  # type: ignore[type-var]
        else:
            clusters.append([c])
            high = c.hi  # type: ignore[assignment]
    return clusters


def cluster(claims: Iterable[_Claim]) -> list[list[_Claim]]:
    """Claims of one group into events: dated ones by overlap, the others onto the latest dated
    event their report window overlaps, else among themselves; undated claims form one event."""
    dated, fuzzy, undated = [], [], []
    for c in claims:
        _place(c)
        (dated if c.dated else fuzzy if c.lo else undated).append(c)
    events = _sweep(dated)
    spans = [(min(c.lo for c in e), max(c.hi for c in e)) for e in events]  # type: ignore[type-var]
    alone = []
    for c in fuzzy:
        overlapping = [i for i, (lo, hi) in enumerate(spans) if lo <= c.hi and c.lo <= hi]  # type: ignore[operator]
        if overlapping:
            events[max(overlapping, key=lambda i: (spans[i][1], i))].append(c)
        else:
            alone.append(c)
    events += _sweep(alone)
    if undated:
        events.append(undated)
    return events


def _event_row(group: Group, members: list[_Claim]) -> dict[str, Any]:
    relations = Counter(c.relation for c in members)
    relation = min(relations, key=lambda r: (-relations[r], r))
    directions = Counter((c.subject, c.object) for c in members if c.relation == relation)
    subject, obj = min(directions, key=lambda d: (-directions[d], d[0], d[1] or ""))
    dated = [c for c in members if c.dated]
    if dated:
        start, end, source = min(c.lo for c in dated), max(c.hi for c in dated), "event"  # type: ignore[type-var]
    else:
        anchors = sorted(c.hi for c in members if c.hi)  # type: ignore[type-var]
        start, end, source = (anchors[0], anchors[-1], "reported") if anchors else (None, None, None)
    return {
        "family": group[0],
        "relation": relation,
        "subject": subject,
        "object": obj,
        "a": group[1],
        "b": group[2],
        "start": start,
        "end": end,
        "date_source": source,
        "reports": len(members),
        "documents": len({c.doc_id for c in members}),
        "independent_documents": len({c.root for c in members}),
        "sources": len({c.indep_key for c in members if c.polarity == "affirmed"}),
        "denying": len({c.indep_key for c in members if c.polarity == "negated"}),
    }


def _group_claims(conn: Connection, group: Group) -> list[_Claim]:
    family, a, b = group
    c, d, at = s.claims.c, s.documents.c, s.attributions.c
    if b:
        ends = sa.or_(sa.and_(c.subject == a, c.object == b), sa.and_(c.subject == b, c.object == a))
    else:
        ends = sa.and_(c.subject == a, c.object.is_(None))
    query = (
        sa.select(
            c.doc_id,
            c.id,
            c.relation,
            c.subject,
            c.object,
            c.polarity,
            c.modality,
            c.time_start,
            c.time_end,
            sa.func.coalesce(at.time_start, c.published).label("anchor"),
            sa.func.coalesce(c.indep_key, c.source_key).label("indep_key"),
            sa.func.coalesce(d.dup_of, d.id).label("root"),
            at.stance,
        )
        .select_from(
            s.claims.join(s.documents, d.id == c.doc_id).outerjoin(
                s.attributions, sa.and_(at.doc_id == c.doc_id, at.id == c.attribution)
            )
        )
        .where(ends, c.relation.in_(FAMILY_RELATIONS.get(family, ())))
    )
    return [_Claim(**r._mapping) for r in conn.execute(query)]


def rebuild_group(conn: Connection, group: Group) -> int:
    """Recompute one group's events and cross-document contradictions; return its event count."""
    family, a, b = group
    conn.execute(
        dialect_insert(conn, s.event_groups).values(family=family, a=a, b=b).on_conflict_do_nothing()
    )
    g = s.event_groups.c
    conn.execute(  # serializes writers of this group on PostgreSQL (SQLite has one writer anyway)
        sa.select(g.family).where(g.family == family, g.a == a, g.b == b).with_for_update()
    ).all()
    e, x = s.events.c, s.contradictions.c
    old = sa.select(e.id).where(e.family == family, e.a == a, e.b == b).scalar_subquery()
    conn.execute(s.contradictions.delete().where(x.doc_id.is_(None), x.event_id.in_(old)))
    conn.execute(s.claims.update().where(s.claims.c.event_id.in_(old)).values(event_id=None))
    conn.execute(s.events.delete().where(e.family == family, e.a == a, e.b == b))

    claims = [c for c in _group_claims(conn, group) if c.modality not in NOT_FACTUAL]
    clusters = cluster(claims)
    if not clusters:
        return 0
    ids = (
        conn.execute(
            s.events.insert().returning(s.events.c.id, sort_by_parameter_order=True),
            [_event_row(group, members) for members in clusters],
        )
        .scalars()
        .all()
    )
    assigned, contradictions = [], []
    for event_id, members in zip(ids, clusters, strict=True):
        assigned += [{"d": m.doc_id, "i": m.id, "e": event_id} for m in members]
        contradictions += _contradictions(event_id, members)
    c = s.claims.c
    conn.execute(
        s.claims.update()
        .where(c.doc_id == sa.bindparam("d"), c.id == sa.bindparam("i"))
        .values(event_id=sa.bindparam("e")),
        assigned,
    )
    if contradictions:
        conn.execute(s.contradictions.insert(), contradictions)
    return len(ids)


def _contradictions(event_id: int, members: list[_Claim]) -> list[dict[str, Any]]:
    negated = [m for m in members if m.polarity == "negated"]
    if not negated:
        return []
    out = []
    for yes in members:
        if yes.polarity != "affirmed":
            continue
        for no in negated:
            if no.doc_id != yes.doc_id and contradicts(yes.as_mapping(), no.as_mapping()):
                out.append(
                    {
                        "doc_id": None,
                        "a_doc": yes.doc_id,
                        "a_claim": yes.id,
                        "b_doc": no.doc_id,
                        "b_claim": no.id,
                        "kind": "denial" if no.stance == "deny" else "conflict",
                        "event_id": event_id,
                    }
                )
    return out


def after_documents(
    conn: Connection, docs: Sequence[tuple[str, str, str | None]], extra: Iterable[Group] = ()
) -> None:
    """Everything across documents for newly stored `(id, text, published)` documents."""
    for doc_id, text, published in docs:
        set_independent_keys(conn, doc_id, mark_duplicate(conn, doc_id, text, published))
    for group in sorted(groups_of_documents(conn, [d[0] for d in docs]) | set(extra)):
        rebuild_group(conn, group)


def rebuild_all(conn: Connection) -> int:
    """Recompute duplicates, independent sources, events and cross-document contradictions for the
    whole store, documents in the order they were stored; return the number of events."""
    conn.execute(s.document_bands.delete())
    conn.execute(s.contradictions.delete().where(s.contradictions.c.doc_id.is_(None)))
    conn.execute(s.claims.update().values(event_id=None))
    conn.execute(s.events.delete())
    conn.execute(s.documents.update().values(dup_of=None, minhash=None))
    d = s.documents.c
    ids = conn.execute(sa.select(d.id).order_by(d.ingested_at, d.id)).scalars().all()
    for doc_id in ids:
        row = conn.execute(sa.select(d.text, d.published).where(d.id == doc_id)).one()
        set_independent_keys(conn, doc_id, mark_duplicate(conn, doc_id, row.text, row.published))
    c = s.claims.c
    groups = {
        group_of(r.relation, r.subject, r.object)
        for r in conn.execute(sa.select(c.relation, c.subject, c.object).distinct())
    }
    return sum(rebuild_group(conn, g) for g in sorted(groups))

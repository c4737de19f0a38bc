"""The store's tables (SQLAlchemy Core) and the migrations that create and upgrade them.

One code path for SQLite and PostgreSQL: every table is declared here, and `migrate()` brings
any database up to `SCHEMA_VERSION`, one numbered step at a time, recording each step in
`schema_version`. To change the schema, append a step to `MIGRATIONS`; never edit a shipped one.

Claims, attributions and mentions keep their document-local ids with the document id
(composite keys), so that a document can be replaced by deleting its rows, and so that
cross-document work (clustering, contradictions) can point at `(doc_id, claim_id)`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

metadata = sa.MetaData()

schema_version = sa.Table(
    "schema_version",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("applied_at", sa.String(32), nullable=False),
    sa.Column("description", sa.Text, nullable=False),
)

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", sa.String, primary_key=True),
    sa.Column("title", sa.Text),
    sa.Column("outlet", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("published", sa.String(10)),  # ISO date, as in the contract
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("text_hash", sa.String(64), nullable=False),  # sha256 of text: re-ingest is a no-op
    sa.Column("warnings", sa.JSON, nullable=False),
    sa.Column("ingested_at", sa.String(32), nullable=False),
    # v2: near-duplicate detection. The first stored document of a near-duplicate group is its
    # root; later copies (wire stories republished) point at it and do not count as new sources.
    sa.Column("dup_of", sa.String),
    sa.Column("minhash", sa.LargeBinary),  # MinHash signature of the text (store.minhash)
    # v4: "sport" for a sports report, which states no claims (extract/topic.py)
    sa.Column("topic", sa.String(16)),
    sa.Index("ix_documents_published", "published"),
    sa.Index("ix_documents_dup_of", "dup_of"),
)

actors = sa.Table(
    "actors",
    metadata,
    sa.Column("id", sa.String, primary_key=True),  # stable across documents (contract)
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("norm", sa.Text, nullable=False),  # normalize_name(name), for lookups
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("wikidata", sa.String(32)),
    sa.Column("country", sa.Text),
    sa.Index("ix_actors_norm", "norm"),
    sa.Index("ix_actors_kind", "kind"),
)

aliases = sa.Table(
    "aliases",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),  # keeps first-seen order
    sa.Column("actor_id", sa.String, sa.ForeignKey("actors.id", ondelete="CASCADE"), nullable=False),
    sa.Column("alias", sa.Text, nullable=False),
    sa.Column("norm", sa.Text, nullable=False),
    sa.UniqueConstraint("actor_id", "norm", name="uq_aliases_actor_norm"),
    sa.Index("ix_aliases_norm", "norm"),
)

# Which actors each document lists, in its order (so a stored document reads back as it came).
document_actors = sa.Table(
    "document_actors",
    metadata,
    sa.Column("doc_id", sa.String, sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("actor_id", sa.String, sa.ForeignKey("actors.id"), primary_key=True),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("aliases", sa.JSON, nullable=False),  # the aliases this document gave
    sa.Index("ix_document_actors_actor", "actor_id"),
)

mentions = sa.Table(
    "mentions",
    metadata,
    sa.Column("doc_id", sa.String, sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True),
    sa.Column("start_char", sa.Integer, nullable=False),
    sa.Column("end_char", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("actor_id", sa.String, sa.ForeignKey("actors.id")),
    sa.Column("label", sa.String(16), nullable=False),
    sa.Index("ix_mentions_actor", "actor_id"),
)

attributions = sa.Table(
    "attributions",
    metadata,
    sa.Column("doc_id", sa.String, sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("id", sa.String, primary_key=True),  # document-local id
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("source_start", sa.Integer),
    sa.Column("source_end", sa.Integer),
    sa.Column("source_text", sa.Text),
    sa.Column("speaker", sa.String, sa.ForeignKey("actors.id")),
    sa.Column("cue_start", sa.Integer, nullable=False),
    sa.Column("cue_end", sa.Integer, nullable=False),
    sa.Column("cue_text", sa.Text, nullable=False),
    sa.Column("content", sa.JSON, nullable=False),  # list of spans (quotes can be interrupted)
    sa.Column("channel", sa.String, sa.ForeignKey("actors.id")),
    sa.Column("anonymous", sa.Boolean, nullable=False),
    sa.Column("direct", sa.Boolean, nullable=False),
    sa.Column("stance", sa.String(8), nullable=False),
    sa.Column("time_text", sa.Text),
    sa.Column("time_start", sa.String(10)),
    sa.Column("time_end", sa.String(10)),
    sa.Index("ix_attributions_speaker", "speaker"),
)

claims = sa.Table(
    "claims",
    metadata,
    sa.Column("doc_id", sa.String, sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("id", sa.String, primary_key=True),  # document-local id
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("relation", sa.String(16), nullable=False),
    sa.Column("subject", sa.String, sa.ForeignKey("actors.id"), nullable=False),
    sa.Column("object", sa.String, sa.ForeignKey("actors.id")),
    sa.Column("subject_start", sa.Integer, nullable=False),
    sa.Column("subject_end", sa.Integer, nullable=False),
    sa.Column("subject_text", sa.Text, nullable=False),
    sa.Column("object_start", sa.Integer),
    sa.Column("object_end", sa.Integer),
    sa.Column("object_text", sa.Text),
    sa.Column("evidence_start", sa.Integer, nullable=False),
    sa.Column("evidence_end", sa.Integer, nullable=False),
    sa.Column("evidence_text", sa.Text, nullable=False),
    sa.Column("polarity", sa.String(8), nullable=False),
    sa.Column("modality", sa.String(16), nullable=False),
    sa.Column("attribution", sa.String),  # attributions.id within the same document
    sa.Column("time_text", sa.Text),
    sa.Column("time_start", sa.String(10)),
    sa.Column("time_end", sa.String(10)),
    sa.Column("location_text", sa.Text),
    sa.Column("location_actor", sa.String, sa.ForeignKey("actors.id")),
    # Denormalized at ingest for queries: the document's date and outlet, the claim's best
    # date (event time, else when it was said, else publication) and who vouches for it.
    sa.Column("published", sa.String(10)),
    sa.Column("outlet", sa.Text),
    sa.Column("date", sa.String(10)),
    sa.Column("date_source", sa.String(12)),  # "event" | "said" | "published" | None
    sa.Column("source_key", sa.Text, nullable=False),
    sa.Column("source_label", sa.Text, nullable=False),
    # v2: the event this claim reports (NULL for intended or hypothetical claims), and its source
    # as counted across documents: a syndicated copy's own-voice source is its root document's.
    sa.Column("event_id", sa.Integer),
    sa.Column("indep_key", sa.Text),
    sa.ForeignKeyConstraint(
        ["doc_id", "attribution"], ["attributions.doc_id", "attributions.id"], name="fk_claims_attribution"
    ),
    sa.Index("ix_claims_subject_object", "subject", "object"),
    sa.Index("ix_claims_object_subject", "object", "subject"),
    sa.Index("ix_claims_relation", "relation"),
    sa.Index("ix_claims_date", "date"),
    sa.Index("ix_claims_time", "time_start", "time_end"),
    sa.Index("ix_claims_event", "event_id"),
)

contradictions = sa.Table(
    "contradictions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    # The document that reported it; NULL for contradictions found across documents later.
    sa.Column("doc_id", sa.String, sa.ForeignKey("documents.id", ondelete="CASCADE")),
    sa.Column("a_doc", sa.String, nullable=False),
    sa.Column("a_claim", sa.String, nullable=False),
    sa.Column("b_doc", sa.String, nullable=False),
    sa.Column("b_claim", sa.String, nullable=False),
    sa.Column("kind", sa.String(12), nullable=False),
    # v2: for contradictions found across documents, the event both claims report.
    sa.Column("event_id", sa.Integer),
    sa.ForeignKeyConstraint(["a_doc", "a_claim"], ["claims.doc_id", "claims.id"], ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["b_doc", "b_claim"], ["claims.doc_id", "claims.id"], ondelete="CASCADE"),
    sa.Index("ix_contradictions_doc", "doc_id"),
    sa.Index("ix_contradictions_a", "a_doc", "a_claim"),
    sa.Index("ix_contradictions_b", "b_doc", "b_claim"),
    sa.Index("ix_contradictions_event", "event_id"),
)

# v2: the LSH bands of each document's MinHash signature: documents sharing a band are
# candidate near-duplicates (store.minhash).
document_bands = sa.Table(
    "document_bands",
    metadata,
    sa.Column("band", sa.Integer, primary_key=True),
    sa.Column("hash", sa.BigInteger, primary_key=True),
    sa.Column("doc_id", sa.String, sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    sa.Index("ix_document_bands_doc", "doc_id"),
)

# v2: events, the clusters of claims that report the same thing (same two actors, same relation
# family, overlapping time) across documents. Rebuilt per group whenever a group's claims change.
events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("family", sa.String(24), nullable=False),
    sa.Column("relation", sa.String(16), nullable=False),  # the relation most reports give
    sa.Column("subject", sa.String, nullable=False),  # the direction most reports give
    sa.Column("object", sa.String),
    sa.Column("a", sa.String, nullable=False),  # the two ends, sorted: the group key with family
    sa.Column("b", sa.String, nullable=False),  # "" for events without a recipient
    sa.Column("start", sa.String(10)),  # when it happened (or was first reported); NULL: undated
    sa.Column("end", sa.String(10)),
    sa.Column("date_source", sa.String(12)),  # "event" when a report dates it, else "reported"
    sa.Column("reports", sa.Integer, nullable=False),  # claims
    sa.Column("documents", sa.Integer, nullable=False),
    sa.Column("independent_documents", sa.Integer, nullable=False),  # near-duplicates once
    sa.Column("sources", sa.Integer, nullable=False),  # independent sources affirming it
    sa.Column("denying", sa.Integer, nullable=False),  # independent sources negating it
    sa.Index("ix_events_ab", "a", "b", "start", "family", "sources", "reports"),  # covers dyad history
    sa.Index("ix_events_b", "b"),
    sa.Index("ix_events_start", "start"),
)

# v2: one row per (family, a, b) group: writers lock it (SELECT ... FOR UPDATE on PostgreSQL)
# before rebuilding the group's events, so that concurrent ingests do not interleave.
event_groups = sa.Table(
    "event_groups",
    metadata,
    sa.Column("family", sa.String(24), primary_key=True),
    sa.Column("a", sa.String, primary_key=True),
    sa.Column("b", sa.String, primary_key=True),
)

# v2: feed items already ingested (`actorgraph watch` never takes the same item twice).
feed_items = sa.Table(
    "feed_items",
    metadata,
    sa.Column("feed", sa.Text, primary_key=True),
    sa.Column("item", sa.Text, primary_key=True),  # the entry's id, else its link
    sa.Column("doc_id", sa.String),
    sa.Column("seen_at", sa.String(32), nullable=False),
)

# v3: curations of actors (`actorgraph actors add|alias|merge|split`), in the order they were made,
# so that merges and splits are re-applied to documents ingested later (store.identity).
curations = sa.Table(
    "curations",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("action", sa.String(16), nullable=False),  # "add" | "alias" | "merge" | "split"
    sa.Column("arguments", sa.JSON, nullable=False),
    sa.Column("created_at", sa.String(32), nullable=False),
)

# Tables that hold one document's rows, children first (the order to delete them in).
DOCUMENT_TABLES: tuple[sa.Table, ...] = (
    contradictions,
    document_bands,
    claims,
    attributions,
    mentions,
    document_actors,
    documents,
)
# Every data table, for counts().
TABLES: tuple[sa.Table, ...] = (
    documents,
    actors,
    aliases,
    document_actors,
    mentions,
    attributions,
    claims,
    contradictions,
    events,
    feed_items,
)


class SchemaError(RuntimeError):
    """The database's schema is not one this version of actorgraph can use."""


def _v1_initial(conn: Connection) -> None:
    metadata.create_all(conn, tables=[t for t in metadata.sorted_tables if t is not schema_version])


def _add_missing_columns(conn: Connection, table: sa.Table, names: list[str]) -> None:
    have = {c["name"] for c in sa.inspect(conn).get_columns(table.name)}
    for name in names:
        if name not in have:
            column = table.c[name]
            kind = column.type.compile(dialect=conn.dialect)
            conn.execute(sa.text(f'ALTER TABLE {table.name} ADD COLUMN "{name}" {kind}'))


# Full-text search over evidence sentences: FTS5 (porter stemming) on SQLite, kept in step with
# `claims` by triggers; an expression GIN index on to_tsvector('english', ...) on PostgreSQL.
SQLITE_FTS = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS claims_fts USING fts5("
    "evidence_text, content='claims', content_rowid='rowid', tokenize='porter unicode61')",
    "CREATE TRIGGER IF NOT EXISTS claims_fts_insert AFTER INSERT ON claims BEGIN "
    "INSERT INTO claims_fts(rowid, evidence_text) VALUES (new.rowid, new.evidence_text); END",
    "CREATE TRIGGER IF NOT EXISTS claims_fts_delete AFTER DELETE ON claims BEGIN "
    "INSERT INTO claims_fts(claims_fts, rowid, evidence_text) VALUES ('delete', old.rowid, old.evidence_text); END",
    "CREATE TRIGGER IF NOT EXISTS claims_fts_update AFTER UPDATE OF evidence_text ON claims BEGIN "
    "INSERT INTO claims_fts(claims_fts, rowid, evidence_text) VALUES ('delete', old.rowid, old.evidence_text); "
    "INSERT INTO claims_fts(rowid, evidence_text) VALUES (new.rowid, new.evidence_text); END",
    "INSERT INTO claims_fts(claims_fts) VALUES ('rebuild')",
]
POSTGRES_FTS = [
    "CREATE INDEX IF NOT EXISTS ix_claims_fts ON claims USING gin (to_tsvector('english', evidence_text))",
]


def _v2_many_documents(conn: Connection) -> None:
    """Near-duplicates, events, feed items and full-text search (idempotent: a fresh database
    made by step 1 already has the new tables and columns)."""
    for table in (document_bands, events, event_groups, feed_items):
        table.create(conn, checkfirst=True)
    _add_missing_columns(conn, documents, ["dup_of", "minhash"])
    _add_missing_columns(conn, claims, ["event_id", "indep_key"])
    _add_missing_columns(conn, contradictions, ["event_id"])
    for index in documents.indexes | claims.indexes | contradictions.indexes:
        index.create(conn, checkfirst=True)
    conn.execute(claims.update().where(claims.c.indep_key.is_(None)).values(indep_key=claims.c.source_key))
    for statement in SQLITE_FTS if conn.dialect.name == "sqlite" else POSTGRES_FTS:
        conn.execute(sa.text(statement))


def _v3_curations(conn: Connection) -> None:
    """The curations table (idempotent: a fresh database made by step 1 already has it)."""
    curations.create(conn, checkfirst=True)


def _v4_topic(conn: Connection) -> None:
    """The documents' topic (idempotent: a fresh database made by step 1 already has it)."""
    _add_missing_columns(conn, documents, ["topic"])


# (version, description, step). Append only.
MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (
        1,
        "initial schema: documents, actors, aliases, mentions, attributions, claims, contradictions",
        _v1_initial,
    ),
    (
        2,
        "many documents: near-duplicates, events, independent sources, feed items, full-text search",
        _v2_many_documents,
    ),
    (3, "curations of actors: add, alias, merge, split", _v3_curations),
    (4, "documents' topic: sports reports state no claims", _v4_topic),
]
SCHEMA_VERSION: int = MIGRATIONS[-1][0]


def current_version(conn: Connection) -> int:
    """The schema version recorded in the database; 0 for a database actorgraph never touched."""
    if not sa.inspect(conn).has_table("schema_version"):
        return 0
    return conn.execute(sa.select(sa.func.max(schema_version.c.version))).scalar() or 0


def migrate(conn: Connection) -> int:
    """Apply every pending migration inside the caller's transaction; return the new version."""
    schema_version.create(conn, checkfirst=True)
    version = current_version(conn)
    if version > SCHEMA_VERSION:
        raise SchemaError(
            f"this database has schema version {version}, newer than this actorgraph knows ({SCHEMA_VERSION}): "
            "upgrade actorgraph to read it"
        )
    for number, description, step in MIGRATIONS:
        if number > version:
            step(conn)
            conn.execute(
                schema_version.insert().values(
                    version=number,
                    description=description,
                    applied_at=datetime.now(UTC).isoformat(timespec="seconds"),
                )
            )
            version = number
    return version

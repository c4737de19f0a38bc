"""The Store: contract documents in, sourced ties out, on SQLite or PostgreSQL.

>>> store = Store.open("news.db")
>>> store.add_document(doc)          # one transaction; False if already stored
>>> store.dyad("Iran", "Russia")     # every claim between them, oldest first
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from actorgraph.contract import Document, check_document
from actorgraph.store import crossdoc, identity
from actorgraph.store import schema as s
from actorgraph.store.rows import (
    ActorProfile,
    ActorRow,
    ClaimRow,
    ContradictionRow,
    DyadHistory,
    EventRow,
    normalize_name,
)

DEFAULT_DB = "actorgraph.db"


class StoreError(Exception):
    """Base class of the store's errors; the message says what to do."""


class StoreNotFound(StoreError):
    """A query asked for a database that does not exist."""


class InvalidDocument(StoreError, ValueError):
    """A document breaks the contract in a way the store cannot hold."""

    def __init__(self, doc_id: str, problems: list[str]):
        self.doc_id = doc_id
        self.problems = problems
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        super().__init__(f"document {doc_id!r} breaks the contract: {'; '.join(problems[:3])}{more}")


class ActorNotFound(StoreError, LookupError):
    """No actor has this id, name or alias; `suggestions` holds the closest names."""

    def __init__(self, name: str, suggestions: list[str]):
        self.name = name
        self.suggestions = suggestions
        hint = f"; did you mean {', '.join(repr(x) for x in suggestions)}?" if suggestions else ""
        super().__init__(f"no actor named {name!r}{hint}")


class AmbiguousActor(StoreError, LookupError):
    """Several actors answer to this name; `candidates` lists them, pass one's id instead."""

    def __init__(self, name: str, candidates: list[ActorRow]):
        self.name = name
        self.candidates = candidates
        listed = ", ".join(f"{a.id} ({a.name}, {a.kind})" for a in candidates)
        super().__init__(f"{name!r} could be several actors: {listed}; use one of these ids")


# Above this many full-text matches, search walks the claims by date instead of sorting matches.
SEARCH_WALK_DATES = 5_000


def database_url(db: str | Path) -> str:
    """A SQLAlchemy URL for `db`: a URL is kept, anything else is a SQLite file path."""
    text = str(db)
    if text.startswith(("postgresql://", "postgres://")):  # psycopg 3, not SQLAlchemy's default psycopg2
        return "postgresql+psycopg://" + text.split("://", 1)[1]
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser()}"


def _sqlite_path(url: sa.URL) -> Path | None:
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def text_hash(text: str) -> str:
    """sha256 of a document's text: the same id and hash means the document is already stored."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _span(start: int | None, end: int | None, text: str | None) -> dict[str, Any] | None:
    return None if start is None else {"start": start, "end": end, "text": text}


def _time(text: str | None, start: str | None, end: str | None) -> dict[str, Any] | None:
    return None if text is None else {"text": text, "start": start, "end": end}


class Store:
    """actorgraph's database: documents and everything read from them, queryable by actor and dyad.

    Open it with `Store.open(...)`; it is safe to share between threads (one engine, pooled
    connections). Writes happen in transactions; reads see committed data.
    """

    def __init__(self, engine: Engine, is_registry: Callable[[str], bool] | None = None):
        self.engine = engine
        self._is_registry = is_registry

    def known_to_registry(self, actor_id: str) -> bool:
        """Whether the actor registry (`Registry.default()`) knows this id: such ids are never remapped."""
        if self._is_registry is None:
            from actorgraph.registry import Registry

            registry = Registry.default()
            self._is_registry = registry.__contains__
        return self._is_registry(actor_id)

    # -- opening -------------------------------------------------------------------------------

    @classmethod
    def open(cls, db: str | Path = DEFAULT_DB, *, create: bool = True) -> Store:
        """Open (and create or upgrade) the store at `db`: a file path or a SQLAlchemy URL.

        With `create=False` a missing SQLite file raises `StoreNotFound` instead of making an
        empty database: queries should say "ingest first", not answer from nothing.
        """
        url = sa.make_url(database_url(db))
        path = _sqlite_path(url)
        if path is not None and not path.exists():
            if not create:
                raise StoreNotFound(
                    f"no actorgraph database at {path}: run `actorgraph ingest PATH... --db {path}` first"
                )
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(url)
        if url.get_backend_name() == "sqlite":
            sa.event.listen(engine, "connect", _sqlite_pragmas)
        try:
            with engine.begin() as conn:
                before = s.current_version(conn)
                if not create and before == 0:
                    raise StoreNotFound(
                        f"{db} is not an actorgraph database: run `actorgraph ingest PATH... --db {db}`"
                    )
                s.migrate(conn)
                if 0 < before < 2 and conn.execute(sa.select(s.claims.c.doc_id).limit(1)).first():
                    crossdoc.rebuild_all(conn)  # a store from before events: cluster what it holds
        except sa.exc.OperationalError as e:
            engine.dispose()
            raise StoreError(f"cannot open the database {url.render_as_string()}: {e.orig}") from e
        except BaseException:
            engine.dispose()
            raise
        return cls(engine)

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    # -- writing -------------------------------------------------------------------------------

    def has_document(self, doc_id: str, text: str | None = None) -> bool:
        """Whether `doc_id` is stored (with exactly this `text`, if given): ingest skips it before parsing."""
        query = sa.select(s.documents.c.text_hash).where(s.documents.c.id == doc_id)
        with self._read() as conn:
            stored = conn.execute(query).scalar()
        return stored is not None and (text is None or stored == text_hash(text))

    def add_document(self, doc: Document) -> bool:
        """Store one document in one transaction; False (and nothing written) if it is already stored.

        A document with the same id but another text replaces the stored one and all its rows.
        Raises `InvalidDocument` if it breaks the contract's references.
        """
        with self.engine.begin() as conn:
            touched: set[crossdoc.Group] = set()
            if not self._problems(doc):
                doc = identity.reconcile(conn, [doc], self.known_to_registry)[0]
            self._ensure_actors(conn, [doc])
            if not self._add(conn, doc, touched):
                return False
            crossdoc.after_documents(conn, [(doc["id"], doc["text"], doc.get("published"))], touched)
            return True

    def add_documents(
        self,
        docs: Iterable[Document],
        batch: int = 50,
        on_error: Callable[[str, str], None] | None = None,
    ) -> tuple[int, int]:
        """Store many documents, committing every `batch` of them; return (added, skipped).

        Invalid documents raise `InvalidDocument`, or, given `on_error(doc_id, message)`, are
        reported there and left out, so one bad document does not stop a long ingest.
        """
        added = skipped = 0
        pending: list[Document] = []

        def flush() -> None:
            nonlocal added, skipped
            with self.engine.begin() as conn:
                stored, touched = [], set()
                pending[:] = identity.reconcile(conn, pending, self.known_to_registry)
                self._ensure_actors(conn, pending)
                for doc in pending:
                    if self._add(conn, doc, touched):
                        stored.append((doc["id"], doc["text"], doc.get("published")))
                    else:
                        skipped += 1
                crossdoc.after_documents(conn, stored, touched)
            added += len(stored)
            pending.clear()

        for doc in docs:
            problems = self._problems(doc)
            if problems:
                error = InvalidDocument(doc.get("id", "?"), problems)
                if on_error is None:
                    raise error
                on_error(error.doc_id, str(error))
                continue
            pending.append(doc)
            if len(pending) >= batch:
                flush()
        if pending:
            flush()
        return added, skipped

    @staticmethod
    def _problems(doc: Document) -> list[str]:
        if not isinstance(doc, dict) or not doc.get("id") or not isinstance(doc.get("text"), str):
            return ["a document needs a string 'id' and 'text'"]
        return check_document(doc)  # type: ignore[arg-type]

    def _add(self, conn: Connection, doc: Document, touched: set[crossdoc.Group]) -> bool:
        problems = self._problems(doc)
        if problems:
            raise InvalidDocument(doc.get("id", "?"), problems)
        doc_id, text = doc["id"], doc["text"]
        digest = text_hash(text)
        stored = conn.execute(sa.select(s.documents.c.text_hash).where(s.documents.c.id == doc_id)).scalar()
        if stored == digest:
            return False
        if stored is not None:
            touched |= self._delete_document(conn, doc_id)

        inserted = conn.execute(
            crossdoc.dialect_insert(conn, s.documents)
            .values(
                id=doc_id,
                title=doc.get("title"),
                outlet=doc.get("outlet"),
                url=doc.get("url"),
                published=doc.get("published"),
                text=text,
                text_hash=digest,
                warnings=list(doc.get("warnings") or []),
                topic=doc.get("topic"),
                ingested_at=_now(),
            )
            .on_conflict_do_nothing(index_elements=["id"])
            .returning(s.documents.c.id)
        ).first()
        if inserted is None:  # another writer stored it since we looked
            return False
        self._upsert_actors(conn, doc)
        names = {a["id"]: a["name"] for a in doc.get("actors", [])}
        if doc.get("mentions"):
            conn.execute(
                s.mentions.insert(),
                [
                    {
                        "doc_id": doc_id,
                        "seq": i,
                        "start_char": m["start"],
                        "end_char": m["end"],
                        "text": m["text"],
                        "actor_id": m.get("actor"),
                        "label": m.get("label", ""),
                    }
                    for i, m in enumerate(doc["mentions"])
                ],
            )
        atts = {a["id"]: a for a in doc.get("attributions", [])}
        if atts:
            conn.execute(
                s.attributions.insert(), [_attribution_row(doc_id, i, a) for i, a in enumerate(atts.values())]
            )
        if doc.get("claims"):
            conn.execute(
                s.claims.insert(),
                [
                    _claim_row(doc, i, c, atts.get(c.get("attribution") or ""), names)
                    for i, c in enumerate(doc["claims"])
                ],
            )
        if doc.get("contradictions"):
            conn.execute(
                s.contradictions.insert(),
                [
                    {
                        "doc_id": doc_id,
                        "a_doc": doc_id,
                        "a_claim": x["claims"][0],
                        "b_doc": doc_id,
                        "b_claim": x["claims"][1],
                        "kind": x["kind"],
                    }
                    for x in doc["contradictions"]
                ],
            )
        return True

    @staticmethod
    def _delete_document(conn: Connection, doc_id: str) -> set[crossdoc.Group]:
        """Delete a document's rows, children first (not relying on ON DELETE CASCADE).

        Returns the event groups to rebuild: its claims' and those of its copies, which become
        originals (their sources count again).
        """
        d = s.documents.c
        copies = (
            conn.execute(sa.select(d.id).where(d.dup_of == doc_id).order_by(d.ingested_at, d.id))
            .scalars()
            .all()
        )
        touched = crossdoc.groups_of_documents(conn, [doc_id, *copies])
        x = s.contradictions.c
        conn.execute(
            s.contradictions.delete().where(sa.or_(x.doc_id == doc_id, x.a_doc == doc_id, x.b_doc == doc_id))
        )
        for table in s.DOCUMENT_TABLES[1:]:
            key = table.c.id if table is s.documents else table.c.doc_id
            conn.execute(table.delete().where(key == doc_id))
        if copies:  # its copies look for an original again, in the order they were stored
            conn.execute(s.document_bands.delete().where(s.document_bands.c.doc_id.in_(copies)))
            for copy in copies:
                row = conn.execute(sa.select(d.text, d.published).where(d.id == copy)).one()
                root = crossdoc.mark_duplicate(conn, copy, row.text, row.published)
                crossdoc.set_independent_keys(conn, copy, root)
        return touched

    @staticmethod
    def _ensure_actors(conn: Connection, docs: list[Document]) -> None:
        """Insert the actors (sorted) and aliases of a whole batch first, ON CONFLICT DO NOTHING, so that
        writers sharing actors take their locks in one order and never collide."""
        actors: dict[str, dict[str, Any]] = {}
        aliases: dict[tuple[str, str], str] = {}
        for doc in docs:
            if not isinstance(doc, dict):
                continue
            for a in doc.get("actors") or []:
                if not isinstance(a, dict) or not a.get("id") or not a.get("name") or not a.get("kind"):
                    continue
                actors.setdefault(a["id"], a)
        if not actors:
            return
        ids = sorted(actors)
        conn.execute(
            crossdoc.dialect_insert(conn, s.actors).on_conflict_do_nothing(index_elements=["id"]),
            [
                {
                    "id": i,
                    "name": actors[i]["name"],
                    "norm": normalize_name(actors[i]["name"]),
                    "kind": actors[i]["kind"],
                    "wikidata": actors[i].get("wikidata"),
                    "country": actors[i].get("country"),
                }
                for i in ids
            ],
        )
        for doc in docs:
            for a in doc.get("actors") or [] if isinstance(doc, dict) else []:
                if isinstance(a, dict) and a.get("id") in actors:
                    for alias in [a["name"], *(a.get("aliases") or [])]:
                        if isinstance(alias, str) and normalize_name(alias):
                            aliases.setdefault((a["id"], normalize_name(alias)), alias)
        have = {
            (r.actor_id, r.norm)
            for r in conn.execute(
                sa.select(s.aliases.c.actor_id, s.aliases.c.norm).where(s.aliases.c.actor_id.in_(ids))
            )
        }
        # first-seen order (aliases list in it); only actors, the rows writers share most, go sorted
        new = [{"actor_id": k[0], "norm": k[1], "alias": v} for k, v in aliases.items() if k not in have]
        if new:
            conn.execute(
                crossdoc.dialect_insert(conn, s.aliases).on_conflict_do_nothing(
                    index_elements=["actor_id", "norm"]
                ),
                new,
            )

    @staticmethod
    def _upsert_actors(conn: Connection, doc: Document) -> None:
        """Insert new actors, fill what stored ones lack, merge aliases; link them to the document."""
        doc_actors = doc.get("actors", [])
        if not doc_actors:
            return
        ids = [a["id"] for a in doc_actors]
        known = {r.id: r for r in conn.execute(sa.select(s.actors).where(s.actors.c.id.in_(ids)))}
        for a in doc_actors:
            row = known.get(a["id"])
            if row is None:  # concurrent writers may add the same actor: the first one wins
                conn.execute(
                    crossdoc.dialect_insert(conn, s.actors)
                    .values(
                        id=a["id"],
                        name=a["name"],
                        norm=normalize_name(a["name"]),
                        kind=a["kind"],
                        wikidata=a.get("wikidata"),
                        country=a.get("country"),
                    )
                    .on_conflict_do_nothing(index_elements=["id"])
                )
            else:
                missing = {
                    k: a.get(k) for k in ("wikidata", "country") if getattr(row, k) is None and a.get(k)
                }
                if missing:
                    conn.execute(s.actors.update().where(s.actors.c.id == a["id"]).values(**missing))
        have = {
            (r.actor_id, r.norm)
            for r in conn.execute(
                sa.select(s.aliases.c.actor_id, s.aliases.c.norm).where(s.aliases.c.actor_id.in_(ids))
            )
        }
        new_aliases = []
        for a in doc_actors:
            for alias in [a["name"], *a.get("aliases", [])]:
                key = (a["id"], normalize_name(alias))
                if key[1] and key not in have:
                    have.add(key)
                    new_aliases.append({"actor_id": a["id"], "alias": alias, "norm": key[1]})
        if new_aliases:
            conn.execute(
                crossdoc.dialect_insert(conn, s.aliases).on_conflict_do_nothing(
                    index_elements=["actor_id", "norm"]
                ),
                new_aliases,
            )
        conn.execute(
            s.document_actors.insert(),
            [
                {"doc_id": doc["id"], "actor_id": a["id"], "seq": i, "aliases": list(a.get("aliases", []))}
                for i, a in enumerate(doc_actors)
            ],
        )

    # -- curating actors -----------------------------------------------------------------------

    def curations(self) -> list[dict[str, Any]]:
        """The recorded curations, oldest first: {"id", "action", "arguments", "created_at"}."""
        c = s.curations.c
        with self._read() as conn:
            return [dict(r._mapping) for r in conn.execute(sa.select(s.curations).order_by(c.id))]

    def add_actor(
        self,
        name: str,
        kind: str,
        *,
        actor_id: str | None = None,
        country: str | None = None,
        aliases: Iterable[str] = (),
    ) -> ActorRow:
        """Create an actor by hand (documents ingested later that name it map onto it)."""
        from actorgraph.registry import slugify

        if not normalize_name(name) or not kind.strip():
            raise StoreError(
                "an actor needs a name and a kind, e.g. actors add 'Wagner Group' --kind armed_group"
            )
        new_id = actor_id or slugify(name)
        if not new_id:
            raise StoreError(f"cannot make an id from {name!r}: pass one with --id")
        with self.engine.begin() as conn:
            if conn.execute(sa.select(s.actors.c.id).where(s.actors.c.id == new_id)).first():
                raise StoreError(f"an actor with id {new_id!r} already exists: pick another with --id")
            self._insert_actor(conn, new_id, name, kind.strip(), country=country)
            self._insert_aliases(conn, new_id, [name, *aliases])
            args = {"id": new_id, "name": name, "kind": kind, "country": country, "aliases": list(aliases)}
            identity.record(conn, "add", args)
        return self.actor(new_id)

    def add_alias(self, actor: str, alias: str) -> ActorRow:
        """Give an actor one more alias (documents ingested later that use it map onto the actor)."""
        if not normalize_name(alias):
            raise StoreError(f"{alias!r} is not a usable alias: it has no letters or digits")
        target = self.actor(actor)
        with self.engine.begin() as conn:
            self._insert_aliases(conn, target.id, [alias])
            identity.record(conn, "alias", {"actor": target.id, "alias": alias})
        return self.actor(target.id)

    def merge_actors(self, actor: str, into: str) -> ActorRow:
        """Make `actor` one with `into`: its claims, mentions, attributions, aliases and events move
        there and `actor` is removed. Documents ingested later map `actor`'s id to `into` too."""
        gone, kept = self.actor(actor), self.actor(into)
        if gone.id == kept.id:
            raise StoreError(f"{actor!r} and {into!r} are the same actor ({kept.id})")
        old, new = gone.id, kept.id
        c, at, m, da = s.claims.c, s.attributions.c, s.mentions.c, s.document_actors.c
        with self.engine.begin() as conn:
            before = self._groups_of_actor(conn, old)
            conn.execute(s.claims.update().where(c.subject == old).values(subject=new))
            conn.execute(s.claims.update().where(c.object == old).values(object=new))
            conn.execute(s.claims.update().where(c.location_actor == old).values(location_actor=new))
            conn.execute(s.attributions.update().where(at.speaker == old).values(speaker=new))
            conn.execute(s.attributions.update().where(at.channel == old).values(channel=new))
            conn.execute(s.mentions.update().where(m.actor_id == old).values(actor_id=new))
            self._rekey_sources(conn, old, new, kept.name)
            both = {
                r.doc_id: r.aliases
                for r in conn.execute(
                    sa.select(da.doc_id, da.aliases).where(
                        da.actor_id == new, da.doc_id.in_(sa.select(da.doc_id).where(da.actor_id == old))
                    )
                )
            }
            for r in conn.execute(sa.select(da.doc_id, da.aliases).where(da.actor_id == old)).all():
                if r.doc_id in both:  # the document named both: one row, the aliases of both
                    merged = list(dict.fromkeys([*both[r.doc_id], *r.aliases]))
                    conn.execute(
                        s.document_actors.update()
                        .where(da.doc_id == r.doc_id, da.actor_id == new)
                        .values(aliases=merged)
                    )
                    conn.execute(s.document_actors.delete().where(da.doc_id == r.doc_id, da.actor_id == old))
                else:
                    conn.execute(
                        s.document_actors.update()
                        .where(da.doc_id == r.doc_id, da.actor_id == old)
                        .values(actor_id=new)
                    )
            self._insert_aliases(conn, new, [gone.name, *gone.aliases])
            conn.execute(s.aliases.delete().where(s.aliases.c.actor_id == old))
            fill = {
                k: getattr(gone, k)
                for k in ("wikidata", "country")
                if getattr(kept, k) is None and getattr(gone, k)
            }
            if fill:
                conn.execute(s.actors.update().where(s.actors.c.id == new).values(**fill))
            conn.execute(s.actors.delete().where(s.actors.c.id == old))
            identity.record(conn, "merge", {"actor": old, "into": new})
            self._rebuild_groups(conn, before | self._groups_of_actor(conn, new))
            g = s.event_groups.c
            conn.execute(s.event_groups.delete().where(sa.or_(g.a == old, g.b == old)))
        return self.actor(new)

    def split_actor(self, actor: str, aliases: Iterable[str], into_name: str) -> ActorRow:
        """Move the mentions of `actor` whose text is one of `aliases`, and the claims and
        attributions citing those mentions' spans, to a new actor named `into_name` (same kind).
        Documents ingested later get the same split."""
        from actorgraph.registry import slugify

        source = self.actor(actor)
        wanted = [a for a in aliases if normalize_name(a)]
        norms = {normalize_name(a) for a in wanted}
        if not norms:
            raise StoreError("split needs at least one --alias naming the mentions to move")
        base = slugify(into_name)
        if not base:
            raise StoreError(f"cannot make an id from {into_name!r}: give a name with letters")
        m, c, at, da = s.mentions.c, s.claims.c, s.attributions.c, s.document_actors.c
        with self.engine.begin() as conn:
            moved = [
                r
                for r in conn.execute(
                    sa.select(m.doc_id, m.seq, m.start_char, m.end_char, m.text).where(
                        m.actor_id == source.id
                    )
                )
                if normalize_name(r.text) in norms
            ]
            if not moved:
                raise StoreError(
                    f"no mention of {source.id} reads {' or '.join(repr(a) for a in wanted)}: nothing to split"
                )
            taken = set(
                conn.execute(sa.select(s.actors.c.id).where(s.actors.c.id.like(f"{base}%"))).scalars()
            )
            new_id, n = base, 2
            while new_id in taken:
                new_id, n = f"{base}-{n}", n + 1
            before = self._groups_of_actor(conn, source.id)
            self._insert_actor(conn, new_id, into_name, source.kind)
            spans: dict[str, set[tuple[int, int]]] = {}
            for r in moved:
                spans.setdefault(r.doc_id, set()).add((r.start_char, r.end_char))
                conn.execute(
                    s.mentions.update().where(m.doc_id == r.doc_id, m.seq == r.seq).values(actor_id=new_id)
                )
            for doc_id, doc_spans in sorted(spans.items()):
                for end, start_col, end_col in (
                    ("subject", c.subject_start, c.subject_end),
                    ("object", c.object_start, c.object_end),
                ):
                    for r in conn.execute(
                        sa.select(c.id, start_col.label("s"), end_col.label("e")).where(
                            c.doc_id == doc_id, c[end] == source.id
                        )
                    ).all():
                        if (r.s, r.e) in doc_spans:
                            conn.execute(
                                s.claims.update()
                                .where(c.doc_id == doc_id, c.id == r.id)
                                .values({end: new_id})
                            )
                for r in conn.execute(
                    sa.select(at.id, at.source_start, at.source_end).where(
                        at.doc_id == doc_id, at.speaker == source.id
                    )
                ).all():
                    if (r.source_start, r.source_end) in doc_spans:
                        conn.execute(
                            s.attributions.update()
                            .where(at.doc_id == doc_id, at.id == r.id)
                            .values(speaker=new_id)
                        )
                        key = {"source_key": f"actor:{new_id}", "source_label": into_name}
                        conn.execute(
                            s.claims.update().where(c.doc_id == doc_id, c.attribution == r.id).values(**key)
                        )
                        conn.execute(
                            s.claims.update()
                            .where(
                                c.doc_id == doc_id, c.attribution == r.id, c.indep_key == f"actor:{source.id}"
                            )
                            .values(indep_key=f"actor:{new_id}")
                        )
                seq = conn.execute(sa.select(sa.func.max(da.seq)).where(da.doc_id == doc_id)).scalar()
                conn.execute(
                    s.document_actors.insert().values(
                        doc_id=doc_id, actor_id=new_id, seq=(seq or 0) + 1, aliases=[]
                    )
                )
            al = s.aliases.c
            conn.execute(s.aliases.delete().where(al.actor_id == source.id, al.norm.in_(sorted(norms))))
            self._insert_aliases(conn, new_id, [into_name, *wanted])
            identity.record(
                conn, "split", {"actor": source.id, "aliases": wanted, "into": new_id, "name": into_name}
            )
            self._rebuild_groups(conn, before | self._groups_of_actor(conn, new_id))
        return self.actor(new_id)

    @staticmethod
    def _insert_actor(
        conn: Connection, actor_id: str, name: str, kind: str, *, country: str | None = None
    ) -> None:
        conn.execute(
            s.actors.insert().values(
                id=actor_id, name=name, norm=normalize_name(name), kind=kind, country=country
            )
        )

    @staticmethod
    def _insert_aliases(conn: Connection, actor_id: str, names: Iterable[str]) -> None:
        """Add aliases an actor does not have yet (by normalised form), keeping their order."""
        al = s.aliases.c
        have = set(conn.execute(sa.select(al.norm).where(al.actor_id == actor_id)).scalars())
        for name in names:
            norm = normalize_name(name)
            if norm and norm not in have:
                have.add(norm)
                conn.execute(s.aliases.insert().values(actor_id=actor_id, alias=name, norm=norm))

    @staticmethod
    def _groups_of_actor(conn: Connection, actor_id: str) -> set[crossdoc.Group]:
        c = s.claims.c
        query = sa.select(c.relation, c.subject, c.object).where(
            sa.or_(c.subject == actor_id, c.object == actor_id)
        )
        return {crossdoc.group_of(r.relation, r.subject, r.object) for r in conn.execute(query.distinct())}

    @staticmethod
    def _rebuild_groups(conn: Connection, groups: set[crossdoc.Group]) -> None:
        for group in sorted(groups):
            crossdoc.rebuild_group(conn, group)

    @staticmethod
    def _rekey_sources(conn: Connection, old: str, new: str, label: str) -> None:
        """Claims vouched for by `old` as speaker are now vouched for by `new`."""
        c = s.claims.c
        conn.execute(
            s.claims.update()
            .where(c.source_key == f"actor:{old}")
            .values(source_key=f"actor:{new}", source_label=label)
        )
        conn.execute(s.claims.update().where(c.indep_key == f"actor:{old}").values(indep_key=f"actor:{new}"))

    # -- reading actors ------------------------------------------------------------------------

    def _actor_rows(self, conn: Connection, query: sa.Select) -> list[ActorRow]:
        rows = conn.execute(query).all()
        ids = [r.id for r in rows]
        aliases: dict[str, list[str]] = {i: [] for i in ids}
        if ids:
            q = sa.select(s.aliases.c.actor_id, s.aliases.c.alias).where(s.aliases.c.actor_id.in_(ids))
            for r in conn.execute(q.order_by(s.aliases.c.id)):
                aliases[r.actor_id].append(r.alias)
        return [
            ActorRow(
                id=r.id,
                name=r.name,
                kind=r.kind,
                aliases=[x for x in aliases[r.id] if x != r.name],
                wikidata=r.wikidata,
                country=r.country,
                claims=r.n or 0,
            )
            for r in rows
        ]

    def _actors_query(self, counts: bool = True) -> sa.Select:
        """Actors with their claim counts, counted per selected actor through the claims' indexes
        (a correlated count, not an aggregate over every claim: lookups stay fast on big stores)."""
        a, c = s.actors.c, s.claims.c
        if not counts:
            return sa.select(s.actors, sa.literal(0).label("n"))
        as_subject = sa.select(sa.func.count()).where(c.subject == a.id).scalar_subquery()
        as_object = sa.select(sa.func.count()).where(c.object == a.id, c.subject != a.id).scalar_subquery()
        return sa.select(s.actors, (as_subject + as_object).label("n"))

    def actors(self, limit: int = 100, offset: int = 0, kind: str | None = None) -> list[ActorRow]:
        """Actors, most claims first (then by name); `kind` filters ("state", "person", ...)."""
        query = self._actors_query()
        if kind:
            query = query.where(s.actors.c.kind == kind)
        n = sa.func.coalesce(query.selected_columns.n, 0)
        query = query.order_by(n.desc(), s.actors.c.name, s.actors.c.id).limit(limit).offset(offset)
        with self._read() as conn:
            return self._actor_rows(conn, query)

    def resolve_actor(self, name: str, *, unique: bool = True, counts: bool = True) -> list[ActorRow]:
        """The actors `name` refers to: by id, canonical name or alias, ignoring case and punctuation.

        An exact id wins; then canonical names; then aliases. Raises `ActorNotFound` (with the
        closest names as suggestions) when nothing matches, and, when `unique`, `AmbiguousActor`
        if several actors match equally well. With `unique=False` all candidates are returned.
        With `counts=False` the rows' `claims` are left 0 (a hot actor's count costs an index scan).
        """
        norm = normalize_name(name)
        a, al = s.actors.c, s.aliases.c
        tiers = [
            sa.select(a.id).where(a.id == name.strip()),
            sa.select(a.id).where(sa.or_(a.norm == norm, sa.func.lower(a.id) == name.strip().lower())),
            sa.select(al.actor_id).where(al.norm == norm).distinct(),
        ]
        with self._read() as conn:
            for tier in tiers:
                ids = sorted({r[0] for r in conn.execute(tier)})
                if not ids:
                    continue
                found = self._actor_rows(
                    conn, self._actors_query(counts).where(a.id.in_(ids)).order_by(a.name, a.id)
                )
                if unique and len(found) > 1:
                    raise AmbiguousActor(name, found)
                return found
            raise ActorNotFound(name, self._suggest(conn, norm))

    @staticmethod
    def _suggest(conn: Connection, norm: str, n: int = 5) -> list[str]:
        names: dict[str, str] = {}
        for r in conn.execute(sa.select(s.actors.c.name, s.actors.c.norm)):
            names.setdefault(r.norm, r.name)
        for r in conn.execute(sa.select(s.aliases.c.alias, s.aliases.c.norm)):
            names.setdefault(r.norm, r.alias)
        close = difflib.get_close_matches(norm, list(names), n=n, cutoff=0.6)
        close += [
            k for k in names if norm and norm in k.split() and k not in close
        ]  # "iran" -> "iran government"
        return [names[k] for k in close[:n]]

    def actors_by_id(self, ids: Iterable[str]) -> dict[str, ActorRow]:
        """The stored actors with these ids (unknown ids are left out)."""
        wanted = sorted(set(ids))
        found: dict[str, ActorRow] = {}
        with self._read() as conn:
            for start in range(0, len(wanted), 500):
                q = self._actors_query().where(s.actors.c.id.in_(wanted[start : start + 500]))
                found.update((a.id, a) for a in self._actor_rows(conn, q))
        return found

    def _actor_id(self, name: str) -> str:
        """`name`'s actor id: an exact id without further work, else through `actor()`."""
        with self._read() as conn:
            found = conn.execute(sa.select(s.actors.c.id).where(s.actors.c.id == name)).scalar()
        return found if found is not None else self.actor(name).id

    def actor(self, name: str) -> ActorRow:
        """The one actor `name` refers to (see `resolve_actor`)."""
        return self.resolve_actor(name)[0]

    # -- reading claims ------------------------------------------------------------------------

    def _claims_query(self) -> sa.Select:
        c, d, at = s.claims, s.documents, s.attributions
        subj, obj, spk, chan = (s.actors.alias(n) for n in ("subj", "obj", "spk", "chan"))
        joined = (
            c.join(d, d.c.id == c.c.doc_id)
            .join(subj, subj.c.id == c.c.subject)
            .outerjoin(obj, obj.c.id == c.c.object)
            .outerjoin(at, sa.and_(at.c.doc_id == c.c.doc_id, at.c.id == c.c.attribution))
            .outerjoin(spk, spk.c.id == at.c.speaker)
            .outerjoin(chan, chan.c.id == at.c.channel)
        )
        return sa.select(
            c,
            subj.c.name.label("subject_name"),
            obj.c.name.label("object_name"),
            at.c.speaker,
            spk.c.name.label("speaker_name"),
            at.c.source_text,
            at.c.anonymous,
            at.c.direct,
            at.c.stance,
            at.c.channel,
            chan.c.name.label("channel_name"),
            at.c.time_text.label("said_text"),
            at.c.time_start.label("said_start"),
            at.c.time_end.label("said_end"),
            d.c.title.label("doc_title"),
            d.c.url,
        ).select_from(joined)

    @staticmethod
    def _oldest_first(query: sa.Select) -> sa.Select:
        c = s.claims.c
        return query.order_by(sa.case((c.date.is_(None), 1), else_=0), c.date, c.doc_id, c.seq)

    @staticmethod
    def _to_claim(r: sa.Row) -> ClaimRow:
        return ClaimRow(
            doc_id=r.doc_id,
            claim_id=r.id,
            relation=r.relation,
            subject=r.subject,
            subject_name=r.subject_name,
            object=r.object,
            object_name=r.object_name,
            polarity=r.polarity,
            modality=r.modality,
            date=r.date,
            date_source=r.date_source,
            evidence=r.evidence_text,
            evidence_start=r.evidence_start,
            evidence_end=r.evidence_end,
            subject_span={"start": r.subject_start, "end": r.subject_end, "text": r.subject_text},
            object_span=_span(r.object_start, r.object_end, r.object_text),  # type: ignore[arg-type]
            time=_time(r.time_text, r.time_start, r.time_end),  # type: ignore[arg-type]
            location=None
            if r.location_text is None
            else {"text": r.location_text, "actor": r.location_actor},
            attribution=r.attribution,
            speaker=r.speaker,
            speaker_name=r.speaker_name,
            source_text=r.source_text,
            anonymous=bool(r.anonymous),
            direct=bool(r.direct),
            stance=r.stance,
            channel=r.channel,
            channel_name=r.channel_name,
            said=_time(r.said_text, r.said_start, r.said_end),  # type: ignore[arg-type]
            source_key=r.source_key,
            source_label=r.source_label,
            doc_title=r.doc_title,
            outlet=r.outlet,
            published=r.published,
            url=r.url,
        )

    def claims(
        self,
        actor: str | None = None,
        relation: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[ClaimRow]:
        """Claims, oldest first; optionally only those involving `actor` (any name) or of one `relation`."""
        c = s.claims.c
        query = self._claims_query()
        if actor is not None:
            actor_id = self.actor(actor).id
            query = query.where(sa.or_(c.subject == actor_id, c.object == actor_id))
        if relation is not None:
            query = query.where(c.relation == relation.upper())
        query = self._oldest_first(query).offset(offset)
        if limit is not None:
            query = query.limit(limit)
        with self._read() as conn:
            return [self._to_claim(r) for r in conn.execute(query)]

    def dyad(self, a: str, b: str) -> list[ClaimRow]:
        """Every claim between actors `a` and `b` (ids, names or aliases), either direction, oldest first.

        A claim's date is when it happened, else when it was said, else the publication date;
        undated claims come last.
        """
        ida, idb = self.actor(a).id, self.actor(b).id
        c = s.claims.c
        between = sa.or_(
            sa.and_(c.subject == ida, c.object == idb), sa.and_(c.subject == idb, c.object == ida)
        )
        with self._read() as conn:
            return [
                self._to_claim(r)
                for r in conn.execute(self._oldest_first(self._claims_query().where(between)))
            ]

    def actor_profile(self, a: str, evidence: int | None = None) -> ActorProfile:
        """Actor `a` and its ties per counterpart and relation: claims, supporting and denying sources, dates.

        `evidence` caps the claims kept under each tie (all when None).
        """
        from actorgraph.analysis.ties import group_ties  # here: analysis imports the store's rows

        actor = self.actor(a)
        c = s.claims.c
        query = self._oldest_first(
            self._claims_query().where(sa.or_(c.subject == actor.id, c.object == actor.id))
        )
        with self._read() as conn:
            rows = [self._to_claim(r) for r in conn.execute(query)]
        return ActorProfile(actor=actor, claims=len(rows), counterparts=group_ties(actor.id, rows, evidence))

    def contradictions(self, actor: str | None = None) -> list[ContradictionRow]:
        """Pairs of claims that contradict each other; only those involving `actor`, if given."""
        actor_id = self.actor(actor).id if actor is not None else None
        x = s.contradictions.c
        with self._read() as conn:
            pairs = conn.execute(sa.select(s.contradictions).order_by(x.id)).all()
            keys = {(p.a_doc, p.a_claim) for p in pairs} | {(p.b_doc, p.b_claim) for p in pairs}
            rows: dict[tuple[str, str], ClaimRow] = {}
            if keys:
                q = self._claims_query().where(sa.tuple_(s.claims.c.doc_id, s.claims.c.id).in_(sorted(keys)))
                rows = {(r.doc_id, r.claim_id): r for r in map(self._to_claim, conn.execute(q))}
        result = []
        for p in pairs:
            a, b = rows.get((p.a_doc, p.a_claim)), rows.get((p.b_doc, p.b_claim))
            if a is None or b is None:
                continue
            if actor_id is not None and actor_id not in (a.subject, a.object, b.subject, b.object):
                continue
            result.append(ContradictionRow(kind=p.kind, doc_id=p.doc_id, a=a, b=b, event_id=p.event_id))
        return result

    # -- many documents: events, history, search, feeds -----------------------------------------

    def events(
        self,
        actors: Iterable[str] = (),
        *,
        between: tuple[str, str] | None = None,
        relations: Iterable[str] = (),
        since: str | None = None,
        until: str | None = None,
        min_sources: int = 0,
        with_claims: bool = False,
        limit: int | None = None,
    ) -> list[EventRow]:
        """Events, oldest first (undated last): clusters of claims reporting the same thing.

        `actors` keeps events involving any of them; `between` those of one dyad; `relations`
        takes relation names or families ("ASSAULT", "material_conflict"); `since`/`until`
        bound the event's start date (ISO, inclusive); `min_sources` the independent sources
        affirming it. `with_claims` fills each event's claims.
        """
        e = s.events.c
        subj, obj = s.actors.alias("subj"), s.actors.alias("obj")
        query = sa.select(
            s.events, subj.c.name.label("subject_name"), obj.c.name.label("object_name")
        ).select_from(s.events.join(subj, subj.c.id == e.subject).outerjoin(obj, obj.c.id == e.object))
        ids = [self._actor_id(a) for a in actors]
        if ids:
            query = query.where(sa.or_(e.a.in_(ids), e.b.in_(ids)))
        if between is not None:
            x, y = sorted((self._actor_id(between[0]), self._actor_id(between[1])))
            query = query.where(e.a == x, e.b == y)
        wanted = [r.strip() for r in relations if r.strip()]
        if wanted:
            names = [r.upper() for r in wanted]
            families = [r.lower().replace(" ", "_") for r in wanted]
            query = query.where(sa.or_(e.relation.in_(names), e.family.in_(families)))
        if since:
            query = query.where(e.start >= since)
        if until:
            query = query.where(e.start <= until)
        if min_sources:
            query = query.where(e.sources >= min_sources)
        query = query.order_by(sa.case((e.start.is_(None), 1), else_=0), e.start, e.id)
        if limit is not None:
            query = query.limit(limit)
        with self._read() as conn:
            rows = conn.execute(query).all()
            claims: dict[int, list[ClaimRow]] = {}
            if with_claims and rows:
                c = s.claims.c
                for start in range(0, len(rows), 500):
                    chunk = [r.id for r in rows[start : start + 500]]
                    q = self._oldest_first(self._claims_query().where(c.event_id.in_(chunk)))
                    for r in conn.execute(q):
                        claims.setdefault(r.event_id, []).append(self._to_claim(r))
        return [
            EventRow(
                id=r.id,
                family=r.family,
                relation=r.relation,
                subject=r.subject,
                subject_name=r.subject_name,
                object=r.object,
                object_name=r.object_name,
                start=r.start,
                end=r.end,
                date_source=r.date_source,
                reports=r.reports,
                documents=r.documents,
                independent_documents=r.independent_documents,
                sources=r.sources,
                denying=r.denying,
                claims=claims.get(r.id, []),
            )
            for r in rows
        ]

    def dyad_history(self, a: str, b: str, by: str = "month", min_sources: int = 1) -> DyadHistory:
        """Events between `a` and `b` per week, month or year: counts per relation family and the
        cooperation-conflict score (analysis.history says how it is computed).

        Summed in SQL per month (or year, or day for weeks) over the (a, b, start) index, so that
        a dyad with thousands of events costs one query.
        """
        from actorgraph.analysis.history import history_from_counts, period_start

        period_start(datetime(2000, 1, 1).date(), by)  # a wrong `by` fails before any query
        ea, eb = self.resolve_actor(a, counts=False)[0], self.resolve_actor(b, counts=False)[0]
        x, y = sorted((ea.id, eb.id))
        e = s.events.c
        when = sa.func.substr(e.start, 1, {"year": 4, "month": 7}.get(by, 10)).label("when")
        query = (
            sa.select(when, e.family, sa.func.count(), sa.func.sum(e.reports), sa.func.sum(e.sources))
            .where(e.a == x, e.b == y, e.sources >= min_sources)
            .group_by(when, e.family)
        )
        with self._read() as conn:
            rows = conn.execute(query).all()
        dated = [tuple(r) for r in rows if r[0] is not None]
        undated = sum(r[2] for r in rows if r[0] is None)
        periods = history_from_counts(dated, by)  # type: ignore[arg-type]
        return DyadHistory(a=ea, b=eb, by=by, min_sources=min_sources, periods=periods, undated=undated)

    def search(
        self,
        query: str,
        *,
        actor: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 50,
    ) -> list[ClaimRow]:
        """Claims whose evidence sentence matches `query`, newest first.

        Words must all occur (stemmed: "talks" finds "talk"); "quoted words" must occur in that
        order; -word must not occur; OR between words takes either. FTS5 on SQLite, PostgreSQL's
        full-text search (websearch syntax) there.
        """
        query = _CONTROL.sub(
            " ", query
        )  # NUL and other control characters: neither FTS5 nor PostgreSQL take them
        if not query.strip():
            raise StoreError('search needs words to look for, e.g. actorgraph search "secret talks"')
        c = s.claims.c
        actor_id = self._actor_id(actor) if actor is not None else None

        def matching(match: sa.ColumnElement, order: tuple) -> sa.Subquery:
            top = sa.select(c.doc_id, c.id).where(match)
            if actor_id is not None:
                top = top.where(sa.or_(c.subject == actor_id, c.object == actor_id))
            if since:
                top = top.where(c.date >= since)
            if until:
                top = top.where(c.date <= until)
            return top.order_by(*order).limit(limit).subquery()

        # Two steps: rank the matching claims on the claims table alone, then join names,
        # documents and attributions for the page that is shown, not for every match.
        if self.engine.dialect.name == "postgresql":
            vector = sa.func.to_tsvector(sa.literal_column("'english'"), c.evidence_text)
            order: tuple = (c.date.desc().nulls_last(), c.doc_id, c.seq)
            top = matching(
                vector.op("@@")(sa.func.websearch_to_tsquery(sa.literal_column("'english'"), query)), order
            )
        else:
            expression = fts5_query(query)
            if not expression:
                raise StoreError(f"nothing to search for in {query!r}: give at least one word")
            # NULL dates come last in SQLite's DESC; ties go newest stored first
            order = (c.date.desc(), sa.literal_column("claims.rowid").desc())
            hits = sa.select(sa.literal_column("rowid")).select_from(sa.table("claims_fts"))
            hits = hits.where(sa.literal_column("claims_fts").op("MATCH")(expression))
            with self._read() as conn:
                many = conn.execute(sa.select(sa.func.count()).select_from(hits.subquery())).scalar_one()
            if many > SEARCH_WALK_DATES:
                # common words: read the claims newest first and stop after `limit` matches,
                # rather than sort every match
                top = self._walk_by_date(expression, actor_id, since, until, limit)
            else:
                top = matching(sa.literal_column("claims.rowid").in_(hits), order)
        q = (
            self._claims_query()
            .join(top, sa.and_(top.c.doc_id == c.doc_id, top.c.id == c.id))
            .order_by(*order)
        )
        with self._read() as conn:
            return [self._to_claim(r) for r in conn.execute(q)]

    @staticmethod
    def _walk_by_date(
        expression: str, actor_id: str | None, since: str | None, until: str | None, limit: int
    ) -> sa.Subquery:
        """The newest `limit` claims matching a full-text expression, read along the date index."""
        where = ["claims.rowid IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH :expression)"]
        if actor_id is not None:
            where.append("(claims.subject = :actor OR claims.object = :actor)")
        if since:
            where.append("claims.date >= :since")
        if until:
            where.append("claims.date <= :until")
        sql = (
            "SELECT claims.doc_id AS doc_id, claims.id AS id FROM claims INDEXED BY ix_claims_date "
            f"WHERE {' AND '.join(where)} ORDER BY claims.date DESC LIMIT :limit"
        )
        params = {"expression": expression, "actor": actor_id, "since": since, "until": until, "limit": limit}
        used = {k: v for k, v in params.items() if f":{k}" in sql}
        return sa.text(sql).bindparams(**used).columns(doc_id=sa.String, id=sa.String).subquery()

    def seen_items(self, feed: str, items: Iterable[str]) -> set[str]:
        """Which of a feed's item keys were already ingested (`actorgraph watch` skips them)."""
        keys = list(items)
        f = s.feed_items.c
        seen: set[str] = set()
        with self._read() as conn:
            for start in range(0, len(keys), 500):
                q = sa.select(f.item).where(f.feed == feed, f.item.in_(keys[start : start + 500]))
                seen.update(conn.execute(q).scalars())
        return seen

    def mark_seen(self, feed: str, items: Iterable[tuple[str, str | None]]) -> None:
        """Remember a feed's items as ingested: (item key, document id or None if it failed)."""
        rows = [{"feed": feed, "item": i, "doc_id": d, "seen_at": _now()} for i, d in items]
        if not rows:
            return
        with self.engine.begin() as conn:
            insert = crossdoc.dialect_insert(conn, s.feed_items).on_conflict_do_nothing()
            conn.execute(insert, rows)

    def rebuild_graph(self) -> int:
        """Recompute near-duplicates, independent sources, events and cross-document contradictions
        for everything stored (after a bulk load or a manual edit); returns the number of events."""
        with self.engine.begin() as conn:
            return crossdoc.rebuild_all(conn)

    # -- reading documents ---------------------------------------------------------------------

    def document(self, doc_id: str) -> Document | None:
        """The stored document as a contract Document (None if not stored): it reads back as it came in."""
        with self._read() as conn:
            d = conn.execute(sa.select(s.documents).where(s.documents.c.id == doc_id)).first()
            if d is None:
                return None
            actors = conn.execute(
                sa.select(s.actors, s.document_actors.c.aliases.label("doc_aliases"))
                .join(s.document_actors, s.document_actors.c.actor_id == s.actors.c.id)
                .where(s.document_actors.c.doc_id == doc_id)
                .order_by(s.document_actors.c.seq)
            ).all()
            mentions = conn.execute(
                sa.select(s.mentions).where(s.mentions.c.doc_id == doc_id).order_by(s.mentions.c.seq)
            ).all()
            atts = conn.execute(
                sa.select(s.attributions)
                .where(s.attributions.c.doc_id == doc_id)
                .order_by(s.attributions.c.seq)
            ).all()
            claims = conn.execute(
                sa.select(s.claims).where(s.claims.c.doc_id == doc_id).order_by(s.claims.c.seq)
            ).all()
            contras = conn.execute(
                sa.select(s.contradictions)
                .where(s.contradictions.c.doc_id == doc_id)
                .order_by(s.contradictions.c.id)
            ).all()
        doc: dict[str, Any] = {
            "id": d.id,
            "title": d.title,
            "outlet": d.outlet,
            "url": d.url,
            "published": d.published,
            "text": d.text,
            "actors": [
                {
                    "id": a.id,
                    "name": a.name,
                    "kind": a.kind,
                    "aliases": list(a.doc_aliases),
                    "wikidata": a.wikidata,
                    "country": a.country,
                }
                for a in actors
            ],
            "mentions": [
                {
                    "start": m.start_char,
                    "end": m.end_char,
                    "text": m.text,
                    "actor": m.actor_id,
                    "label": m.label,
                }
                for m in mentions
            ],
            "attributions": [
                {
                    "id": a.id,
                    "source": _span(a.source_start, a.source_end, a.source_text),
                    "speaker": a.speaker,
                    "cue": {"start": a.cue_start, "end": a.cue_end, "text": a.cue_text},
                    "content": list(a.content),
                    "channel": a.channel,
                    "anonymous": bool(a.anonymous),
                    "direct": bool(a.direct),
                    "stance": a.stance,
                    "time": _time(a.time_text, a.time_start, a.time_end),
                }
                for a in atts
            ],
            "claims": [
                {
                    "id": c.id,
                    "relation": c.relation,
                    "subject": c.subject,
                    "object": c.object,
                    "subject_span": {"start": c.subject_start, "end": c.subject_end, "text": c.subject_text},
                    "object_span": _span(c.object_start, c.object_end, c.object_text),
                    "evidence": {"start": c.evidence_start, "end": c.evidence_end, "text": c.evidence_text},
                    "polarity": c.polarity,
                    "modality": c.modality,
                    "attribution": c.attribution,
                    "time": _time(c.time_text, c.time_start, c.time_end),
                    "location": None
                    if c.location_text is None
                    else {"text": c.location_text, "actor": c.location_actor},
                }
                for c in claims
            ],
            "contradictions": [{"claims": [x.a_claim, x.b_claim], "kind": x.kind} for x in contras],
            "warnings": list(d.warnings or []),
        }
        if d.topic:
            doc["topic"] = d.topic
        return doc  # type: ignore[return-value]

    def documents(self, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Stored documents' metadata (no text), newest publication first."""
        d = s.documents.c
        query = (
            sa.select(d.id, d.title, d.outlet, d.url, d.published, d.ingested_at)
            .order_by(sa.case((d.published.is_(None), 1), else_=0), d.published.desc(), d.id)
            .limit(limit)
            .offset(offset)
        )
        with self._read() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def counts(self) -> dict[str, int]:
        """Rows per table: a quick look at what the store holds."""
        with self._read() as conn:
            return {
                t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar() or 0
                for t in s.TABLES
            }


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SEARCH_TOKEN = re.compile(r'-?"[^"]*"|\S+')


def fts5_query(query: str) -> str:
    """A user's search words as an FTS5 expression, every term quoted so that punctuation ("U.S.",
    "al-Qaeda") is never FTS5 syntax: words AND, "phrases", -excluded, OR."""
    positive: list[str] = []
    negative: list[str] = []
    for token in _SEARCH_TOKEN.findall(query):
        if token == "OR" and positive and positive[-1] != "OR":
            positive.append("OR")
            continue
        exclude = token.startswith("-") and len(token) > 1
        term = token[1:] if exclude else token
        term = term[1:-1] if len(term) >= 2 and term.startswith('"') and term.endswith('"') else term
        if not re.search(r"\w", term):
            continue
        quoted = '"' + term.replace('"', '""') + '"'
        (negative if exclude else positive).append(quoted)
    if positive and positive[-1] == "OR":
        positive.pop()
    if not positive:
        return ""
    return " ".join(positive) + "".join(f" NOT {n}" for n in negative)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """WAL lets the web server read while ingest writes; SQLite enforces foreign keys only when asked."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _attribution_row(doc_id: str, seq: int, a: dict[str, Any]) -> dict[str, Any]:
    source, time = a.get("source"), a.get("time")
    return {
        "doc_id": doc_id,
        "id": a["id"],
        "seq": seq,
        "source_start": source["start"] if source else None,
        "source_end": source["end"] if source else None,
        "source_text": source["text"] if source else None,
        "speaker": a.get("speaker"),
        "cue_start": a["cue"]["start"],
        "cue_end": a["cue"]["end"],
        "cue_text": a["cue"]["text"],
        "content": list(a.get("content", [])),
        "channel": a.get("channel"),
        "anonymous": bool(a.get("anonymous")),
        "direct": bool(a.get("direct")),
        "stance": a.get("stance", "assert"),
        "time_text": time["text"] if time else None,
        "time_start": time.get("start") if time else None,
        "time_end": time.get("end") if time else None,
    }


def source_of(doc: Document, attribution: dict[str, Any] | None, names: dict[str, str]) -> tuple[str, str]:
    """(key, label) of who vouches for a claim; the key counts distinct sources (analysis.ties).

    The speaker actor; else the words naming the source, keyed per document (two articles'
    "officials" are not known to be the same people); else the outlet, for the article's own voice.
    """
    if attribution is not None:
        if attribution.get("speaker"):
            speaker = attribution["speaker"]
            return f"actor:{speaker}", names.get(speaker, speaker)
        source = attribution.get("source")
        if source and source.get("text"):
            kind = "anon" if attribution.get("anonymous") else "source"
            return f"{kind}:{doc['id']}:{normalize_name(source['text'])}", source["text"]
    outlet = doc.get("outlet")
    if outlet:
        return f"outlet:{normalize_name(outlet)}", outlet
    return f"doc:{doc['id']}", doc.get("title") or doc["id"]


def _claim_row(
    doc: Document, seq: int, c: dict[str, Any], attribution: dict[str, Any] | None, names: dict[str, str]
) -> dict[str, Any]:
    time, location, obj = c.get("time"), c.get("location"), c.get("object_span")
    said = attribution.get("time") if attribution else None
    if time and time.get("start"):
        date, date_source = time["start"], "event"
    elif said and said.get("start"):
        date, date_source = said["start"], "said"
    elif doc.get("published"):
        date, date_source = doc["published"], "published"
    else:
        date, date_source = None, None
    key, label = source_of(doc, attribution, names)
    return {
        "doc_id": doc["id"],
        "id": c["id"],
        "seq": seq,
        "relation": c["relation"],
        "subject": c["subject"],
        "object": c.get("object"),
        "subject_start": c["subject_span"]["start"],
        "subject_end": c["subject_span"]["end"],
        "subject_text": c["subject_span"]["text"],
        "object_start": obj["start"] if obj else None,
        "object_end": obj["end"] if obj else None,
        "object_text": obj["text"] if obj else None,
        "evidence_start": c["evidence"]["start"],
        "evidence_end": c["evidence"]["end"],
        "evidence_text": c["evidence"]["text"],
        "polarity": c["polarity"],
        "modality": c["modality"],
        "attribution": c.get("attribution"),
        "time_text": time["text"] if time else None,
        "time_start": time.get("start") if time else None,
        "time_end": time.get("end") if time else None,
        "location_text": location["text"] if location else None,
        "location_actor": location.get("actor") if location else None,
        "published": doc.get("published"),
        "outlet": doc.get("outlet"),
        "date": date,
        "date_source": date_source,
        "source_key": key,
        "source_label": label,
    }

"""Shared fixtures: small hand-written contract documents, and stores filled with them.

Documents are written by naming fragments of their text; `make_document` turns fragments into
spans and checks the result against the contract, so a fixture can never drift out of it.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from actorgraph.contract import Document, Span, check_document

IRAN = {"id": "iran", "name": "Iran", "kind": "state", "aliases": ["Islamic Republic of Iran", "Tehran"]}
RUSSIA = {
    "id": "russia",
    "name": "Russia",
    "kind": "state",
    "aliases": ["Russian Federation"],
    "wikidata": "Q159",
}
USA = {"id": "united_states", "name": "United States", "kind": "state", "aliases": ["U.S.", "America"]}
REUTERS = {"id": "reuters", "name": "Reuters", "kind": "media", "aliases": []}
KREMLIN = {"id": "kremlin", "name": "Kremlin", "kind": "government", "aliases": ["Russian presidency"]}


def span(text: str, fragment: str | tuple[str, int], nth: int = 0) -> Span:
    """The span of the `nth` occurrence of `fragment` in `text`; ("Iran", 2) is the third "Iran"."""
    if isinstance(fragment, tuple):
        fragment, nth = fragment
    start = -1
    for _ in range(nth + 1):
        start = text.index(fragment, start + 1)
    return {"start": start, "end": start + len(fragment), "text": fragment}


def actor(a: dict[str, Any]) -> dict[str, Any]:
    return {"aliases": [], "wikidata": None, "country": None, **a}


def make_document(
    id: str,
    text: str,
    *,
    actors: list[dict[str, Any]],
    claims: list[dict[str, Any]] = (),  # type: ignore[assignment]
    attributions: list[dict[str, Any]] = (),  # type: ignore[assignment]
    contradictions: list[dict[str, Any]] = (),  # type: ignore[assignment]
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published: str | None = None,
    warnings: list[str] | None = None,
) -> Document:
    """A valid contract Document from fragments of `text`.

    Claims name `subject_text`, `object_text` and `evidence` as fragments of `text`;
    attributions name `source`, `cue` and `content` (a list) the same way. Mentions are made
    for every subject and object span.
    """
    atts = []
    for a in attributions:
        atts.append(
            {
                "id": a["id"],
                "source": span(text, a["source"]) if a.get("source") else None,
                "speaker": a.get("speaker"),
                "cue": span(text, a["cue"]),
                "content": [span(text, c) for c in a.get("content", [])],
                "channel": a.get("channel"),
                "anonymous": a.get("anonymous", False),
                "direct": a.get("direct", False),
                "stance": a.get("stance", "assert"),
                "time": a.get("time"),
            }
        )
    out_claims, mentions = [], []
    for c in claims:
        subject_span = span(text, c["subject_text"])
        object_span = span(text, c["object_text"]) if c.get("object_text") else None
        out_claims.append(
            {
                "id": c["id"],
                "relation": c["relation"],
                "subject": c["subject"],
                "object": c.get("object"),
                "subject_span": subject_span,
                "object_span": object_span,
                "evidence": span(text, c["evidence"]),
                "polarity": c.get("polarity", "affirmed"),
                "modality": c.get("modality", "asserted"),
                "attribution": c.get("attribution"),
                "time": c.get("time"),
                "location": c.get("location"),
            }
        )
        for sp, who in ((subject_span, c["subject"]), (object_span, c.get("object"))):
            mention = sp and {**sp, "actor": who, "label": "GPE"}
            if mention and mention not in mentions:
                mentions.append(mention)
    doc: dict[str, Any] = {
        "id": id,
        "title": title,
        "outlet": outlet,
        "url": url,
        "published": published,
        "text": text,
        "actors": [actor(a) for a in actors],
        "mentions": sorted(mentions, key=lambda m: (m["start"], m["end"])),
        "attributions": atts,
        "claims": out_claims,
        "contradictions": list(contradictions),
        "warnings": list(warnings or []),
    }
    problems = check_document(doc)
    assert problems == [], problems
    return doc  # type: ignore[return-value]


DRONES_TEXT = (
    "Iran denied on Monday that it had supplied drones to Russia, a foreign ministry spokesman told Reuters. "
    "According to two Ukrainian officials, Iranian instructors were training Russian troops in Crimea in October. "
    "The U.S. accused Iran of arming Russia."
)


def drones_document(text: str = DRONES_TEXT, id: str = "drones") -> Document:
    """A denial, an anonymous report contradicting it, and the article's own voice."""
    return make_document(
        id,
        text,
        title="Iran denies drone supplies",
        outlet="Example Wire",
        url="https://example.org/drones",
        published="2022-11-08",
        warnings=["a test warning"],
        actors=[IRAN, RUSSIA, USA, REUTERS],
        attributions=[
            {
                "id": "a1",
                "source": "a foreign ministry spokesman",
                "speaker": "iran",
                "cue": "denied",
                "content": ["it had supplied drones to Russia"],
                "channel": "reuters",
                "stance": "deny",
                "time": {"text": "on Monday", "start": "2022-11-07", "end": "2022-11-07"},
            },
            {
                "id": "a2",
                "source": "two Ukrainian officials",
                "cue": "According to",
                "content": ["Iranian instructors were training Russian troops in Crimea in October"],
                "anonymous": True,
            },
        ],
        claims=[
            {
                "id": "c1",
                "relation": "AID",
                "subject": "iran",
                "object": "russia",
                "subject_text": "Iran",
                "object_text": "Russia",
                "evidence": "Iran denied on Monday that it had supplied drones to Russia",
                "polarity": "negated",
                "modality": "reported",
                "attribution": "a1",
            },
            {
                "id": "c2",
                "relation": "AID",
                "subject": "iran",
                "object": "russia",
                "subject_text": "Iranian",
                "object_text": "Russian",
                "evidence": "Iranian instructors were training Russian troops in Crimea in October",
                "modality": "reported",
                "attribution": "a2",
                "time": {"text": "in October", "start": "2022-10-01", "end": "2022-10-31"},
                "location": {"text": "Crimea", "actor": None},
            },
            {
                "id": "c3",
                "relation": "ACCUSE",
                "subject": "united_states",
                "object": "iran",
                "subject_text": "The U.S.",
                "object_text": ("Iran", 2),
                "evidence": "The U.S. accused Iran of arming Russia.",
            },
        ],
        contradictions=[{"claims": ["c1", "c2"], "kind": "denial"}],
    )


PACT_TEXT = (
    "Russia and Iran signed a defence pact on 3 March 2023, the Kremlin said. Moscow calls Tehran an ally."
)


def pact_document() -> Document:
    """A second document naming Iran and Russia again, with new aliases for them."""
    return make_document(
        "pact",
        PACT_TEXT,
        title="A pact",
        outlet="Other Daily",
        published="2023-03-04",
        actors=[
            {**IRAN, "aliases": ["Tehran", "Persia"]},
            {**RUSSIA, "aliases": ["Moscow"], "wikidata": None, "country": "RU"},
            KREMLIN,
        ],
        attributions=[
            {"id": "a1", "source": "the Kremlin", "speaker": "kremlin", "cue": "said", "content": []}
        ],
        claims=[
            {
                "id": "c1",
                "relation": "AGREE",
                "subject": "russia",
                "object": "iran",
                "subject_text": "Russia",
                "object_text": "Iran",
                "evidence": "Russia and Iran signed a defence pact on 3 March 2023",
                "attribution": "a1",
                "time": {"text": "on 3 March 2023", "start": "2023-03-03", "end": "2023-03-03"},
            },
            {
                "id": "c2",
                "relation": "ALLY",
                "subject": "russia",
                "object": "iran",
                "subject_text": "Moscow",
                "object_text": "Tehran",
                "evidence": "Moscow calls Tehran an ally.",
            },
        ],
    )


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.db"


@pytest.fixture
def store(db_path: Path):
    from actorgraph.store import Store

    s = Store.open(db_path)
    yield s
    s.close()


@pytest.fixture
def filled_store(store):
    """A store holding the drones and pact documents."""
    assert store.add_document(drones_document())
    assert store.add_document(pact_document())
    return store


# -- the store on SQLite and on PostgreSQL ---------------------------------------------------------

BACKENDS = ("sqlite", "postgresql")


def postgres_url_or_skip() -> str:
    """ACTORGRAPH_TEST_PG, else skip (a developer without PostgreSQL) or fail (CI must have it)."""
    url = os.environ.get("ACTORGRAPH_TEST_PG")
    if url:
        return url
    if os.environ.get("CI") == "true":
        pytest.fail(
            "CI=true but ACTORGRAPH_TEST_PG is unset: .ci/run must start PostgreSQL (. .ci/postgres.sh)"
        )
    pytest.skip(
        "PostgreSQL store tests need ACTORGRAPH_TEST_PG=postgresql://...; `. .ci/postgres.sh` sets one up"
    )


@contextmanager
def postgres_schema() -> Iterator[str]:
    """A URL into a fresh, empty schema on the test PostgreSQL server, dropped afterwards."""
    import sqlalchemy as sa

    from actorgraph.store import database_url

    base = sa.make_url(database_url(postgres_url_or_skip()))
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base)
    try:
        with admin.begin() as conn:
            conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
    except sa.exc.OperationalError as e:  # the variable names a server: it must be up, in CI or not
        admin.dispose()
        pytest.fail(f"ACTORGRAPH_TEST_PG is set but PostgreSQL cannot be reached: {e.orig}")
    try:
        yield base.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
            hide_password=False
        )
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture
def postgres_db():
    """A fresh PostgreSQL schema for one test."""
    with postgres_schema() as url:
        yield url


@pytest.fixture(params=BACKENDS)
def backend_db(request, tmp_path: Path) -> str:
    """A database to open with `Store.open`: a SQLite file, then a PostgreSQL schema."""
    if request.param == "sqlite":
        return str(tmp_path / "backend.db")
    return request.getfixturevalue("postgres_db")


GRAPH_CORPUS = Path(__file__).parent / "fixtures" / "graph" / "reports.jsonl"


@pytest.fixture(scope="session")
def corpus_docs() -> list[dict]:
    """fixtures/graph/reports.jsonl through the real pipeline, once per run (test_graph*.py)."""
    from actorgraph.ingest import iter_documents
    from actorgraph.pipeline import Pipeline

    docs = list(Pipeline().process(iter_documents([GRAPH_CORPUS])))
    assert not [d for d in docs if "error" in d]
    return docs

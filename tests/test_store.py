"""The store: documents in, dyads and profiles out, every contract field kept."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from actorgraph.store import (
    SCHEMA_VERSION,
    ActorNotFound,
    AmbiguousActor,
    InvalidDocument,
    Store,
    StoreNotFound,
    normalize_name,
)
from conftest import DRONES_TEXT, IRAN, RUSSIA, USA, drones_document, make_document, pact_document


@pytest.fixture
def store(backend_db):
    """Every test here that takes `store` (or `filled_store`) runs on SQLite and on PostgreSQL."""
    s = Store.open(backend_db)
    yield s
    s.close()


def test_document_reads_back_exactly_as_stored(store):
    doc = drones_document()
    assert store.add_document(doc) is True
    assert store.document("drones") == doc
    assert store.document("missing") is None


def test_claim_rows_carry_every_field(store):
    store.add_document(drones_document())
    rows = {r.claim_id: r for r in store.dyad("iran", "russia")}
    denial, report = rows["c1"], rows["c2"]
    assert (denial.relation, denial.polarity, denial.modality) == ("AID", "negated", "reported")
    assert (denial.speaker, denial.speaker_name, denial.channel, denial.channel_name) == (
        "iran",
        "Iran",
        "reuters",
        "Reuters",
    )
    assert denial.stance == "deny" and denial.source_text == "a foreign ministry spokesman"
    assert denial.said == {"text": "on Monday", "start": "2022-11-07", "end": "2022-11-07"}
    assert (denial.date, denial.date_source) == ("2022-11-07", "said")
    assert denial.evidence == DRONES_TEXT[denial.evidence_start : denial.evidence_end]
    assert denial.object_span == {"start": 53, "end": 59, "text": "Russia"}
    assert (denial.doc_id, denial.doc_title, denial.outlet, denial.published, denial.url) == (
        "drones",
        "Iran denies drone supplies",
        "Example Wire",
        "2022-11-08",
        "https://example.org/drones",
    )
    assert (
        report.anonymous
        and report.speaker is None
        and report.speaker_label == "two Ukrainian officials (anonymous)"
    )
    assert report.time == {"text": "in October", "start": "2022-10-01", "end": "2022-10-31"}
    assert report.location == {"text": "Crimea", "actor": None}
    assert (report.date, report.date_source) == ("2022-10-01", "event")
    assert report.key == "drones#c2"
    assert report.to_dict()["subject_span"] == {"start": 142, "end": 149, "text": "Iranian"}


def test_reingesting_the_same_text_is_a_no_op(store):
    assert store.add_document(drones_document())
    before = store.counts()
    assert store.add_document(drones_document()) is False
    assert store.counts() == before
    assert store.has_document("drones")
    assert store.has_document("drones", DRONES_TEXT)
    assert not store.has_document("drones", DRONES_TEXT + " More.")
    assert not store.has_document("other")


def test_same_id_with_new_text_replaces_the_document(store):
    store.add_document(drones_document())
    text = "Iran denied supplying drones to Russia."
    smaller = make_document(
        "drones",
        text,
        actors=[IRAN, RUSSIA],
        claims=[
            {
                "id": "c9",
                "relation": "AID",
                "subject": "iran",
                "object": "russia",
                "subject_text": "Iran",
                "object_text": "Russia",
                "evidence": text,
                "polarity": "negated",
            }
        ],
    )
    assert store.add_document(smaller) is True
    counts = store.counts()
    assert (counts["documents"], counts["claims"], counts["attributions"], counts["contradictions"]) == (
        1,
        1,
        0,
        0,
    )
    assert store.document("drones") == smaller
    assert [r.claim_id for r in store.dyad("iran", "russia")] == ["c9"]


def test_actors_are_upserted_and_aliases_merged_across_documents(filled_store):
    counts = filled_store.counts()
    assert counts["actors"] == 5  # iran, russia, united_states, reuters, kremlin: once each
    iran = filled_store.actor("iran")
    assert iran.aliases == ["Islamic Republic of Iran", "Tehran", "Persia"]
    russia = filled_store.actor("russia")
    assert russia.wikidata == "Q159"  # kept although the second document had none
    assert russia.country == "RU"  # filled from the second document
    assert russia.aliases == ["Russian Federation", "Moscow"]
    assert iran.claims == 5 and russia.claims == 4


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("iran", "iran"),
        ("IRAN", "iran"),
        ("Tehran", "iran"),
        ("islamic republic of iran", "iran"),
        ("u.s.", "united_states"),
        ("US", "united_states"),
        ("the United States", "united_states"),
        ("United-States", "united_states"),
        ("russian federation", "russia"),
        ("persia", "iran"),
    ],
)
def test_resolve_actor_by_id_name_alias_case_and_punctuation(filled_store, name, expected):
    assert [a.id for a in filled_store.resolve_actor(name)] == [expected]


def test_normalize_name():
    assert normalize_name("U.S.") == normalize_name("us") == "us"
    assert normalize_name("Al-Qaeda") == normalize_name("al_qaeda") == "al qaeda"
    assert normalize_name("Bogotá") == "bogota"


def test_unknown_actor_suggests_close_names(filled_store):
    with pytest.raises(ActorNotFound) as info:
        filled_store.resolve_actor("Irann")
    assert "Iran" in info.value.suggestions
    assert "did you mean" in str(info.value)


def test_ambiguous_actor_lists_candidates(store):
    text = "Washington and Washington met."
    store.add_document(
        make_document(
            "amb",
            text,
            actors=[
                {**USA, "aliases": ["Washington"]},
                {
                    "id": "washington_dc",
                    "name": "District of Columbia",
                    "kind": "government",
                    "aliases": ["Washington"],
                },
            ],
        )
    )
    with pytest.raises(AmbiguousActor) as info:
        store.resolve_actor("washington")
    assert sorted(a.id for a in info.value.candidates) == ["united_states", "washington_dc"]
    assert "united_states" in str(info.value)
    assert len(store.resolve_actor("Washington", unique=False)) == 2
    assert store.actor("united_states").id == "united_states"  # an exact id is never ambiguous


def test_dyad_is_oldest_first_both_directions_undated_last(filled_store):
    text = "Russia threatened Iran."
    filled_store.add_document(
        make_document(
            "undated",
            text,
            actors=[IRAN, RUSSIA],
            claims=[
                {
                    "id": "c1",
                    "relation": "THREATEN",
                    "subject": "russia",
                    "object": "iran",
                    "subject_text": "Russia",
                    "object_text": "Iran",
                    "evidence": text,
                }
            ],
        )
    )
    rows = filled_store.dyad("Russia", "Iran")
    assert [(r.date, r.relation) for r in rows] == [
        ("2022-10-01", "AID"),
        ("2022-11-07", "AID"),
        ("2023-03-03", "AGREE"),
        ("2023-03-04", "ALLY"),
        (None, "THREATEN"),
    ]
    assert {(r.subject, r.object) for r in rows} == {("iran", "russia"), ("russia", "iran")}
    assert filled_store.dyad("iran", "united states")[0].relation == "ACCUSE"
    assert filled_store.dyad("kremlin", "iran") == []


def test_profile_counts_distinct_supporting_and_denying_sources(filled_store):
    # A second outlet affirms the aid in its own voice; Iran denies it again elsewhere.
    text = "Iran supplies drones to Russia. Iran again denied arming Russia."
    filled_store.add_document(
        make_document(
            "more",
            text,
            outlet="Third Post",
            published="2023-01-10",
            actors=[IRAN, RUSSIA],
            attributions=[{"id": "a1", "speaker": "iran", "cue": "denied", "stance": "deny", "content": []}],
            claims=[
                {
                    "id": "c1",
                    "relation": "AID",
                    "subject": "iran",
                    "object": "russia",
                    "subject_text": "Iran",
                    "object_text": "Russia",
                    "evidence": "Iran supplies drones to Russia.",
                },
                {
                    "id": "c2",
                    "relation": "AID",
                    "subject": "iran",
                    "object": "russia",
                    "subject_text": ("Iran", 1),
                    "object_text": ("Russia", 1),
                    "evidence": "Iran again denied arming Russia.",
                    "polarity": "negated",
                    "attribution": "a1",
                },
            ],
        )
    )
    profile = filled_store.actor_profile("Tehran")
    assert profile.actor.id == "iran" and profile.claims == 7
    assert [g.id for g in profile.counterparts] == ["russia", "united_states"]
    russia = profile.counterparts[0]
    aid = next(t for t in russia.ties if t.relation == "AID")
    assert (aid.claims, aid.supporting, aid.denying) == (4, 2, 1)
    assert sorted(aid.supporting_sources) == ["Third Post", "two Ukrainian officials"]
    assert aid.denying_sources == ["Iran"]
    assert (aid.first, aid.last, aid.direction, aid.family) == (
        "2022-10-01",
        "2023-01-10",
        "out",
        "material_cooperation",
    )
    assert [c.date for c in aid.evidence] == sorted(c.date for c in aid.evidence)
    directions = {t.relation: t.direction for t in russia.ties}
    assert directions == {"AID": "out", "AGREE": "in", "ALLY": "mutual"}
    accuse = profile.counterparts[1].ties[0]
    assert (accuse.relation, accuse.direction, accuse.supporting_sources) == (
        "ACCUSE",
        "in",
        ["Example Wire"],
    )
    assert len(filled_store.actor_profile("iran", evidence=1).counterparts[0].ties[0].evidence) == 1


def test_counts_actors_and_contradictions(filled_store):
    assert filled_store.counts() == {
        "documents": 2,
        "actors": 5,
        "aliases": 13,
        "document_actors": 7,
        "mentions": 10,
        "attributions": 3,
        "claims": 5,
        "contradictions": 1,
        "events": 5,  # the denial (said 7 Nov) and the October report are two events
        "feed_items": 0,
    }
    assert [a.id for a in filled_store.actors(limit=3)] == ["iran", "russia", "united_states"]
    assert [a.id for a in filled_store.actors(kind="media")] == ["reuters"]
    assert [a.id for a in filled_store.actors(limit=2, offset=1)] == ["russia", "united_states"]
    [x] = filled_store.contradictions()
    assert (x.kind, x.a.claim_id, x.b.claim_id, x.a.polarity, x.b.polarity) == (
        "denial",
        "c1",
        "c2",
        "negated",
        "affirmed",
    )
    assert filled_store.contradictions("russia") == [x]
    assert filled_store.contradictions("kremlin") == []


def test_invalid_document_writes_nothing(store):
    doc = drones_document()
    doc["claims"][0]["subject"] = "nobody"
    with pytest.raises(InvalidDocument, match="unknown actor 'nobody'"):
        store.add_document(doc)
    assert store.counts()["documents"] == 0


def test_add_documents_in_batches_reports_invalid_ones(store):
    bad = drones_document(id="bad")
    bad["claims"][0]["relation"] = "LIKES"
    errors: list[tuple[str, str]] = []
    docs = [drones_document(), bad, pact_document(), drones_document()]
    added, skipped = store.add_documents(docs, batch=1, on_error=lambda i, m: errors.append((i, m)))
    assert (added, skipped) == (2, 1)
    assert [i for i, _ in errors] == ["bad"] and "LIKES" in errors[0][1]
    with pytest.raises(InvalidDocument):
        store.add_documents([bad])


def test_open_for_queries_never_creates_a_database(tmp_path):
    path = tmp_path / "none.db"
    with pytest.raises(StoreNotFound, match="actorgraph ingest"):
        Store.open(path, create=False)
    assert not path.exists()


def test_schema_version_and_sqlite_settings(db_path):
    Store.open(db_path).close()
    store = Store.open(f"sqlite:///{db_path}", create=False)  # a URL works too; reopening migrates nothing
    with store.engine.connect() as conn:
        versions = (
            conn.execute(sa.text("SELECT version FROM schema_version ORDER BY version")).scalars().all()
        )
        assert versions == list(range(1, SCHEMA_VERSION + 1))
        assert conn.execute(sa.text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"
        tables = set(sa.inspect(conn).get_table_names())
    assert {
        "documents",
        "actors",
        "aliases",
        "mentions",
        "attributions",
        "claims",
        "contradictions",
    } <= tables
    store.close()

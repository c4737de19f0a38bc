"""Many documents: events, independent sources, cross-document contradictions, dyad history, search.

The corpus (fixtures/graph/reports.jsonl, written for these tests) is 32 short reports from 2023
about Iran, Iraq, Saudi Arabia, Turkey and the United States, read by the real pipeline once and
stored on SQLite and on PostgreSQL. It holds wire stories syndicated by other outlets (one with a
dateline added), a meeting in Baghdad that one outlet says Iran denied and another says did not
happen, and an Iran–Iraq year with a known event per month.
"""

from __future__ import annotations

import threading

import pytest

from actorgraph.store import Store
from conftest import BACKENDS, postgres_schema


@pytest.fixture(scope="module", params=BACKENDS)
def graph_db(request, corpus_docs, tmp_path_factory):
    """The corpus stored in batches of 5 (copies and originals land in different transactions)."""
    if request.param == "sqlite":
        url = str(tmp_path_factory.mktemp("graph") / "graph.db")
        with Store.open(url) as store:
            assert store.add_documents(corpus_docs, batch=5) == (32, 0)
        yield url
    else:
        with postgres_schema() as url:
            with Store.open(url) as store:
                assert store.add_documents(corpus_docs, batch=5) == (32, 0)
            yield url


@pytest.fixture
def graph(graph_db):
    with Store.open(graph_db, create=False) as store:
        yield store


def _event(store: Store, a: str, b: str, start: str):
    [event] = [e for e in store.events(between=(a, b), with_claims=True) if e.start == start]
    return event


def test_syndicated_copies_count_once_as_sources(graph):
    talks = _event(graph, "Iran", "Iraq", "2023-01-09")
    # Gulf Wire's story, its two syndicated copies and Arab Daily's own report
    assert (talks.reports, talks.documents, talks.independent_documents) == (4, 4, 2)
    assert talks.sources == 2 and talks.denying == 0
    assert {c.doc_id for c in talks.claims} == {
        "gw-iran-iraq-talks",
        "dh-iran-iraq-talks",
        "bt-iran-iraq-talks",
        "ad-iran-iraq-talks",
    }
    gas = _event(graph, "Iraq", "Iran", "2023-12-11")
    assert (gas.reports, gas.independent_documents, gas.sources) == (2, 1, 1)
    threat = _event(graph, "United States", "Iran", "2023-04-02")
    assert (threat.relation, threat.reports, threat.sources) == ("THREATEN", 2, 1)
    bombing = _event(graph, "Turkey", "Iraq", "2023-07-30")  # a wire story, its copy, and Gulf Wire
    assert (bombing.relation, bombing.reports, bombing.independent_documents, bombing.sources) == (
        "ASSAULT",
        3,
        2,
        2,
    )


def test_near_duplicates_point_at_their_original(graph):
    import sqlalchemy as sa

    from actorgraph.store import schema as s

    with graph.engine.connect() as conn:
        copies = dict(conn.execute(sa.select(s.documents.c.id, s.documents.c.dup_of)).all())
    assert {k: v for k, v in copies.items() if v} == {
        "dh-iran-iraq-talks": "gw-iran-iraq-talks",
        "bt-iran-iraq-talks": "gw-iran-iraq-talks",  # with a dateline added
        "mk-gas-talks": "gw-gas-talks",
        "ml-threat": "cn-threat",
        "ck-turkey-bombs": "lp-turkey-bombs",
    }


def test_denial_in_another_outlet_is_a_cross_document_contradiction(graph):
    rows = graph.contradictions("Saudi Arabia")
    assert len(rows) == 4 and all(r.doc_id is None for r in rows)
    pairs = {(r.kind, r.a.doc_id, r.b.doc_id) for r in rows}
    assert pairs == {
        ("denial", "ad-secret-talks", "tt-denial"),
        ("denial", "rp-secret-talks", "tt-denial"),
        ("conflict", "ad-secret-talks", "pr-no-meeting"),
        ("conflict", "rp-secret-talks", "pr-no-meeting"),
    }
    denial = next(r for r in rows if r.b.doc_id == "tt-denial")
    assert (denial.a.polarity, denial.b.polarity, denial.b.outlet, denial.b.speaker) == (
        "affirmed",
        "negated",
        "Tehran Times",
        "iran",
    )
    meeting = _event(graph, "Saudi Arabia", "Iran", "2023-03-14")
    assert (meeting.reports, meeting.sources, meeting.denying) == (4, 2, 2)
    assert {r.event_id for r in rows} == {meeting.id}
    assert graph.contradictions("Turkey") == []


MONTHS = [f"2023-{m:02d}" for m in range(1, 13)]


def test_dyad_monthly_series(graph):
    history = graph.dyad_history("Iran", "Iraq", by="month")
    assert [p.period for p in history.periods] == MONTHS
    events = {p.period: {f: n for f, n in p.events.items() if n} for p in history.periods}
    assert events["2023-01"] == {"verbal_cooperation": 1}  # four reports, one event
    assert events["2023-03"] == {"verbal_cooperation": 1, "verbal_conflict": 1}
    assert events["2023-05"] == {"verbal_cooperation": 1, "material_conflict": 1}
    assert events["2023-04"] == events["2023-07"] == events["2023-08"] == {}
    assert [p.score for p in history.periods] == [
        1.0,
        1.0,
        0.0,
        None,
        -0.3333,  # talks (+1) after a strike (-2): (1 - 2) / 3
        1.0,
        None,
        None,
        -1.0,
        1.0,
        -1.0,
        1.0,
    ]
    january = history.periods[0]
    assert (january.reports["verbal_cooperation"], january.sources["verbal_cooperation"]) == (4, 2)


def test_dyad_by_year_week_and_min_sources(graph):
    [year] = graph.dyad_history("Iraq", "Iran", by="year").periods
    assert year.period == "2023" and year.score == round(3 / 13, 4)  # (6 + 2*1 - 3 - 2*1) / 13
    weeks = graph.dyad_history("Iran", "Iraq", by="week").periods
    assert weeks[0].period == "2023-W02" and weeks[0].start == "2023-01-09" and weeks[-1].period == "2023-W50"
    strict = graph.dyad_history("Iran", "Iraq", by="month", min_sources=2).periods
    assert [(p.period, sum(p.events.values())) for p in strict] == [
        ("2023-01", 1),
        ("2023-02", 0),
        ("2023-03", 1),
    ]
    with pytest.raises(ValueError, match="--by must be one of"):
        graph.dyad_history("Iran", "Iraq", by="fortnight")


def test_search_evidence_sentences(graph):
    [hit] = graph.search("secret talks", actor="Iran", since="2023-01-01")
    assert hit.doc_id == "ad-secret-talks"
    talked = graph.search("talk", actor="Iraq")  # stemmed: "talks" is found
    assert {r.doc_id for r in talked} >= {"gw-iran-iraq-talks", "ad-iraq-iran-power", "gw-gas-talks"}
    assert [r.date for r in talked] == sorted((r.date for r in talked), reverse=True)
    january = graph.search("talks", actor="Iraq", until="2023-01-31", limit=2)
    assert [r.date for r in january] == ["2023-01-25", "2023-01-09"]  # Turkey's talks, then Iran's
    assert [r.doc_id for r in graph.search('"talks with Iraq" -Baghdad')] == ["ad-turkey-talks"]
    assert {r.doc_id for r in graph.search("Duhok OR Zakho")} == {
        "lp-turkey-bombs",
        "ck-turkey-bombs",
        "gw-turkey-strikes",
    }
    assert graph.search("secret talks", since="2023-04-01") == []


def test_events_filters(graph):
    conflict = graph.events(["Turkey"], relations=["material_conflict"])
    assert [(e.relation, e.start) for e in conflict] == [("ASSAULT", "2023-07-30")]
    agreed = graph.events(relations=["AGREE"], since="2023-07-01")
    # dated 3 October by its text, or, where the extractor misses the date, by its report of the 4th
    assert [(e.subject, e.object, e.start[:7]) for e in agreed] == [("turkey", "iraq", "2023-10")]
    assert {e.start for e in graph.events(min_sources=2)} == {
        "2023-01-09",
        "2023-03-20",
        "2023-03-14",
        "2023-07-30",
    }


def test_reingest_is_a_no_op_and_replacing_an_original_promotes_its_copy(backend_db, corpus_docs):
    with Store.open(backend_db) as store:
        store.add_documents(corpus_docs, batch=40)
        before = store.counts()
        assert store.add_documents(corpus_docs) == (0, 32)
        assert store.counts() == before
        [original] = [d for d in corpus_docs if d["id"] == "gw-iran-iraq-talks"]
        changed = {**original, "text": original["text"] + " ", "claims": [], "contradictions": []}
        changed["mentions"] = []
        assert store.add_document(changed)
        talks = _event(store, "Iran", "Iraq", "2023-01-09")
        # Desert Herald's copy is now the original, Basra Times' copies it; Arab Daily stays
        assert (talks.reports, talks.independent_documents, talks.sources) == (3, 2, 2)
        rebuilt = store.rebuild_graph()
        assert rebuilt == len(store.events())
        assert _event(store, "Iran", "Iraq", "2023-01-09").sources == 2


def test_concurrent_writers_do_not_collide(backend_db, corpus_docs):
    Store.open(backend_db).close()
    errors: list[BaseException] = []

    def ingest(docs):
        try:
            with Store.open(backend_db) as store:
                store.add_documents(docs, batch=2)
        except BaseException as e:  # reported below, in the test's thread
            errors.append(e)

    halves = [corpus_docs[::2], corpus_docs[1::2], corpus_docs[::3]]  # overlapping actors and documents
    threads = [threading.Thread(target=ingest, args=(h,)) for h in halves]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with Store.open(backend_db) as store:
        counts = store.counts()
        assert counts["documents"] == 32
        assert counts["actors"] == len({a["id"] for d in corpus_docs for a in d["actors"]})
        assert sum(e.reports for e in store.events()) == counts["claims"]

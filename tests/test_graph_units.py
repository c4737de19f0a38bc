"""The parts of the many-documents work that need no pipeline: MinHash, search syntax, the score,
feed text, intervals, and upgrading a store made before events existed."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from actorgraph.analysis.history import history, score
from actorgraph.cli.graph_cmd import parse_interval
from actorgraph.ingest.feeds import html_to_text, is_feed
from actorgraph.store import Store
from actorgraph.store import minhash as mh
from actorgraph.store.rows import EventRow
from actorgraph.store.store import fts5_query
from conftest import drones_document, pact_document

WIRE = (
    "Iran held talks with Iraq in Baghdad on 9 January. The talks covered trade, water and border "
    "crossings, and both sides promised to meet again before the summer."
)


def test_minhash_finds_copies_and_keeps_different_reports_apart():
    sig = mh.signature(WIRE)
    assert mh.similarity(sig, mh.signature(WIRE)) == 1.0
    assert mh.similarity(sig, mh.signature("BAGHDAD (Gulf Wire) - " + WIRE)) >= mh.THRESHOLD
    other = "Saudi Arabia met Iran in Baghdad on 14 March. The meeting was the first in seven years."
    assert mh.similarity(sig, mh.signature(other)) < 0.3
    assert mh.from_bytes(mh.to_bytes(sig)).tolist() == sig.tolist()
    assert len(mh.bands(sig)) == mh.BANDS and all(0 <= h < 2**63 for _, h in mh.bands(sig))
    assert mh.shingles("Two words") == {"two words"} and mh.shingles("...") == set()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("secret talks", '"secret" "talks"'),
        ('"held talks" -denied', '"held talks" NOT "denied"'),
        ("U.S. OR Iran", '"U.S." OR "Iran"'),
        ('say "hi', '"say" """hi"'),
        ('- ... ""', ""),
    ],
)
def test_fts5_query_quotes_every_term(query, expected):
    assert fts5_query(query) == expected


def _event(start: str | None, family: str, sources: int = 1) -> EventRow:
    return EventRow(
        id=0,
        family=family,
        relation="X",
        subject="a",
        subject_name="A",
        object="b",
        object_name="B",
        start=start,
        end=start,
        date_source="event",
        reports=sources,
        documents=sources,
        independent_documents=sources,
        sources=sources,
        denying=0,
    )


def test_score_weighs_material_events_twice():
    assert score({"verbal_cooperation": 1}) == 1.0
    assert score({"material_conflict": 1, "verbal_cooperation": 1}) == round(-1 / 3, 4)
    assert score({"material_cooperation": 1, "material_conflict": 1}) == 0.0
    assert score({"cooperative_tie": 3}) is None


def test_history_fills_gaps_and_skips_weak_and_undated_events():
    events = [
        _event("2023-01-31", "verbal_conflict"),
        _event("2023-04-02", "material_cooperation", sources=3),
        _event("2023-02-10", "material_conflict", sources=0),  # only denied
        _event(None, "verbal_cooperation"),
    ]
    periods, undated = history(events, "month")
    assert [p.period for p in periods] == ["2023-01", "2023-02", "2023-03", "2023-04"]
    assert [p.score for p in periods] == [-1.0, None, None, 1.0] and undated == 1
    assert periods[3].sources["material_cooperation"] == 3
    strict, _ = history(events, "month", min_sources=2)
    assert [p.period for p in strict] == ["2023-04"]
    weeks, _ = history(events, "week")
    assert weeks[0].period == "2023-W05" and weeks[0].start == "2023-01-30"


def test_feed_helpers():
    assert html_to_text("<p>Iran &amp; Iraq</p><p>met<br/>today</p>") == "Iran & Iraq\nmet\ntoday"
    assert is_feed("https://example.org/news") and is_feed("world.RSS") and not is_feed("news.jsonl")
    assert parse_interval("15m") == 900 and parse_interval("2h") == 7200 and parse_interval("30") == 1800


def test_a_store_from_before_events_is_clustered_on_upgrade(db_path):
    with Store.open(db_path) as store:
        store.add_document(drones_document())
        store.add_document(pact_document())
        with store.engine.begin() as conn:  # back to what version 1 held
            conn.execute(sa.text("DELETE FROM schema_version WHERE version >= 2"))
            conn.execute(sa.text("DELETE FROM events"))
            conn.execute(sa.text("UPDATE claims SET event_id = NULL, indep_key = NULL"))
            conn.execute(sa.text("DROP TABLE claims_fts"))
    with Store.open(db_path) as store:
        assert len(store.events()) == 5
        assert [r.claim_id for r in store.search("drones")] == ["c1"]

"""The many-documents commands through typer's CliRunner: dyad --by, events, contradictions,
search, export (every format, read back by its own reader), ingest of feeds and watch."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from typer.testing import CliRunner

from actorgraph.cli import app
from actorgraph.store import Store
from conftest import postgres_schema

runner = CliRunner()
WIDE = {"COLUMNS": "220"}


@pytest.fixture(scope="module")
def db(corpus_docs, tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("graphcli") / "graph.db")
    with Store.open(path) as store:
        store.add_documents(corpus_docs)
    return path


def run(*args: str) -> str:
    result = runner.invoke(app, list(args), env=WIDE)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_dyad_by_month_as_table_json_csv_and_png(db, tmp_path):
    table = run("dyad", "Iran", "Iraq", "--by", "month", "--db", db)
    assert "events per month" in table and "2023-04" in table and "-0.33" in table
    history = json.loads(run("dyad", "Iraq", "Iran", "--by", "month", "--db", db, "-f", "json"))
    assert history["by"] == "month" and len(history["periods"]) == 12
    assert history["periods"][0]["events"]["verbal_cooperation"] == 1
    rows = list(
        csv.DictReader(io.StringIO(run("dyad", "Iran", "Iraq", "--by", "year", "--db", db, "-f", "csv")))
    )
    assert [(r["period"], r["events"], r["reports"], r["score"]) for r in rows] == [
        ("2023", "11", "16", "0.2308")
    ]
    png = tmp_path / "iran-iraq.png"
    run("dyad", "Iran", "Iraq", "--by", "week", "--plot", str(png), "--db", db)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_plot_needs_by(db, tmp_path):
    result = runner.invoke(app, ["dyad", "Iran", "Iraq", "--plot", str(tmp_path / "x.png"), "--db", db])
    assert result.exit_code == 2 and "--by" in result.output


def test_events_show_independent_sources(db):
    [talks] = [
        e
        for e in json.loads(run("events", "Iran", "Iraq", "--db", db, "-f", "json"))
        if e["start"] == "2023-01-09"
    ]
    assert (talks["reports"], talks["sources"], len(talks["claims"])) == (4, 2, 4)
    table = run("events", "Turkey", "--db", db)
    assert "4 events" in table  # talks, the bombing, an accusation, a deal


def test_contradictions_command_lists_both_sides(db):
    table = run("contradictions", "Saudi Arabia", "--db", db)
    assert "4 contradictions" in table and "Tehran Times" in table and "Riyadh Post" in table
    rows = list(csv.DictReader(io.StringIO(run("contradictions", "Iran", "--db", db, "-f", "csv"))))
    assert {(r["kind"], r["where"], r["affirmed_outlet"], r["negated_outlet"]) for r in rows} == {
        ("denial", "across documents", "Arab Daily", "Tehran Times"),
        ("denial", "across documents", "Riyadh Post", "Tehran Times"),
        ("conflict", "across documents", "Arab Daily", "Persian Review"),
        ("conflict", "across documents", "Riyadh Post", "Persian Review"),
    }
    assert json.loads(run("contradictions", "Turkey", "--db", db, "-f", "json")) == []


def test_search_command(db):
    rows = json.loads(
        run("search", "secret talks", "--actor", "Iran", "--since", "2023-01-01", "--db", db, "-f", "json")
    )
    assert [r["doc_id"] for r in rows] == ["ad-secret-talks"]
    assert "1 claims matching" in run("search", "secret talks", "--db", db)
    bad = runner.invoke(app, ["search", "talks", "--since", "last year", "--db", db])
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output
    empty = runner.invoke(app, ["search", "--", "-", "--db", db])
    assert empty.exit_code == 2


def test_search_on_postgresql(corpus_docs):
    with postgres_schema() as url:
        with Store.open(url) as store:
            store.add_documents(corpus_docs[:8])
        rows = json.loads(run("search", "talks", "--actor", "Iraq", "--db", url, "-f", "json"))
        assert {r["doc_id"] for r in rows} >= {"gw-iran-iraq-talks", "ad-iraq-iran-power"}


def test_export_csv_and_plover_json(db, tmp_path):
    rows = list(
        csv.DictReader(io.StringIO(run("export", "--db", db, "--actor", "Iran", "--min-sources", "2")))
    )
    assert {(r["relation"], r["start"], r["sources"]) for r in rows} == {
        ("CONSULT", "2023-01-09", "2"),
        ("ACCUSE", "2023-03-20", "2"),
        ("CONSULT", "2023-03-14", "2"),
    }
    out = tmp_path / "events.json"
    run("export", "--format", "plover-json", "-o", str(out), "--relation", "material_conflict", "--db", db)
    records = json.loads(out.read_text())
    assert [(r["event"], r["date"]) for r in records] == [
        ("ASSAULT", "2023-05-08"),
        ("ASSAULT", "2023-07-30"),
    ]
    turkey = records[1]
    assert turkey["source"] == [{"actorText": "Turkey", "code": "turkey"}]
    assert turkey["target"] == [{"actorText": "Iraq", "code": "iraq"}]
    assert turkey["event_type"] == "ASSAULT" and turkey["quad_code"] == 4
    assert turkey["actorgraph"]["independent_sources"] == 2 and turkey["actorgraph"]["reports"] == 3
    assert turkey["text"].startswith("Turkey")


def test_export_graphml_and_gexf_for_gephi(db, tmp_path):
    graphml = tmp_path / "g.graphml"
    run(
        "export",
        "-f",
        "graphml",
        "-o",
        str(graphml),
        "--since",
        "2023-01-01",
        "--until",
        "2023-12-31",
        "--db",
        db,
    )
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.parse(graphml).getroot()
    keys = {k.get("attr.name"): k.get("id") for k in root.findall("g:key", ns)}
    edges = {}
    for edge in root.iter("{http://graphml.graphdrawing.org/xmlns}edge"):
        data = {d.get("key"): d.text for d in edge.findall("g:data", ns)}
        edges[(edge.get("source"), edge.get("target"), data[keys["relation"]])] = data
    consult = edges[("iran", "iraq", "CONSULT")]  # 9 January and 23 May
    assert consult[keys["weight"]] == "2.0" and consult[keys["start"]] == "2023-01-09"
    assert consult[keys["end"]] == "2023-05-23" and consult[keys["sources"]] == "3"

    gexf = tmp_path / "g.gexf"
    run("export", "-f", "gexf", "-o", str(gexf), "--db", db)
    root = ET.parse(gexf).getroot()
    ns = {"x": "http://gexf.net/1.3"}
    graph = root.find("x:graph", ns)
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"
    labels = {n.get("id"): n.get("label") for n in graph.iter("{http://gexf.net/1.3}node")}
    assert labels["saudi-arabia"] == "Saudi Arabia"
    [bombs] = [
        e
        for e in graph.iter("{http://gexf.net/1.3}edge")
        if (e.get("source"), e.get("target"), e.get("label")) == ("turkey", "iraq", "ASSAULT")
    ]
    assert (bombs.get("weight"), bombs.get("start"), bombs.get("end")) == ("1.0", "2023-07-30", "2023-07-30")


def test_export_parquet_reads_back(db, tmp_path):
    import pyarrow.parquet as pq

    out = tmp_path / "events.parquet"
    run("export", "-f", "parquet", "-o", str(out), "--db", db)
    table = pq.read_table(out)
    assert table.schema.field("sources").type == "int64"
    rows = table.to_pylist()
    talks = next(r for r in rows if r["start"] == "2023-01-09" and r["relation"] == "CONSULT")
    assert (talks["reports"], talks["independent_documents"], talks["sources"]) == (4, 2, 2)
    stdout = runner.invoke(app, ["export", "-f", "parquet", "--db", db])
    assert stdout.exit_code == 0 and stdout.stdout_bytes[:4] == b"PAR1"


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Gulf Wire World</title><link>https://gulfwire.example/</link>
<description>World news</description>
{items}
</channel></rss>"""
ITEM = """<item><title>{title}</title><link>https://gulfwire.example/{guid}</link><guid>{guid}</guid>
<pubDate>{date}</pubDate><description>&lt;p&gt;{text}&lt;/p&gt;</description></item>"""


def _feed(path, items):
    path.write_text(RSS.format(items="\n".join(ITEM.format(**i) for i in items)), encoding="utf-8")


TALKS = {
    "title": "Iran and Iraq talk water",
    "guid": "gw-100",
    "date": "Tue, 10 Jan 2023 08:00:00 GMT",
    "text": "Iran held talks with Iraq in Baghdad on 9 January.",
}
AID = {
    "title": "Aid after floods",
    "guid": "gw-101",
    "date": "Wed, 15 Feb 2023 08:00:00 GMT",
    "text": "Iran sent humanitarian aid to Iraq on 14 February.",
}


def test_ingest_reads_rss_files(tmp_path):
    feed, store_path = tmp_path / "world.rss", str(tmp_path / "feed.db")
    _feed(feed, [TALKS, AID])
    result = runner.invoke(app, ["ingest", str(feed), "--db", store_path])
    assert result.exit_code == 0, result.output
    with Store.open(store_path) as store:
        docs = store.documents()
        assert {d["outlet"] for d in docs} == {"Gulf Wire World"}
        assert {d["published"] for d in docs} == {"2023-01-10", "2023-02-15"}
        assert [e.relation for e in store.events(between=("Iran", "Iraq"))] == ["CONSULT", "AID"]


def test_watch_never_ingests_an_item_twice(tmp_path):
    feed, store_path = tmp_path / "world.xml", str(tmp_path / "watch.db")
    _feed(feed, [TALKS])
    first = runner.invoke(app, ["watch", str(feed), "--once", "--db", store_path])
    assert first.exit_code == 0, first.output
    assert "1 new items, 1 stored" in " ".join(first.output.split())
    edited = {**TALKS, "text": TALKS["text"] + " The talks lasted four hours."}  # same guid, new text
    _feed(feed, [edited, AID])
    second = runner.invoke(app, ["watch", str(feed), "--once", "--db", store_path])
    assert "1 new items, 1 stored" in " ".join(second.output.split()), second.output
    third = runner.invoke(app, ["watch", str(feed), "--once", "--db", store_path])
    assert "nothing new" in " ".join(third.output.split())
    with Store.open(store_path) as store:
        assert store.counts()["documents"] == 2 and store.counts()["feed_items"] == 2
        assert store.seen_items(str(feed), ["gw-100", "gw-101", "gw-102"]) == {"gw-100", "gw-101"}


def test_watch_rejects_a_bad_interval_and_reports_a_missing_feed(tmp_path):
    bad = runner.invoke(app, ["watch", "x.rss", "--every", "soon", "--db", str(tmp_path / "w.db")])
    assert bad.exit_code == 2 and "90s, 15m, 2h" in bad.output
    missing = runner.invoke(
        app, ["watch", str(tmp_path / "none.rss"), "--once", "--db", str(tmp_path / "w.db")]
    )
    assert missing.exit_code == 0 and "no such feed file" in " ".join(missing.output.split())

"""The sports-report filter: a match report keeps its actors and quotes but states no claims;
a political story that happens at a match, or one sentence about a football fan, is no report."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from actorgraph.contract import check_document
from actorgraph.extract.topic import MIN_WORDS, SPORT, SportFilter, words_of
from actorgraph.pipeline import extract
from actorgraph.store import Store
from actorgraph.web import create_app

FIXTURES = Path(__file__).parent / "fixtures" / "topic"


def test_a_match_report_states_no_claims_but_keeps_actors_and_quotes():
    text = (FIXTURES / "match_report.txt").read_text(encoding="utf-8")
    doc = extract(text, id="match")
    assert check_document(doc) == []
    assert doc["topic"] == SPORT
    assert doc["claims"] == []  # "Rovers beat United", "accused Rovers of time-wasting": no political ties
    assert any(m["text"] == "Haller" for m in doc["mentions"])
    speakers = {a["speaker"] for a in doc["attributions"]}
    assert "ian-kerr" in speakers


def test_a_riot_at_a_match_is_news_with_claims():
    text = (FIXTURES / "riot_at_a_match.txt").read_text(encoding="utf-8")
    doc = extract(text, id="riot")
    assert "topic" not in doc
    assert {(c["relation"], c["subject"], c["object"]) for c in doc["claims"]} >= {
        ("CONSULT", "ade-okoro", "nigeria"),
    }


def test_one_sentence_is_no_report():
    sentence = (
        "Nigerian police jailed 52 members of a banned separatist movement for playing in a "
        "youth football tournament, a league match, in Lagos."
    )
    assert len(words_of(sentence)) < MIN_WORDS
    assert SportFilter.load().topic(sentence) is None
    doc = extract(sentence)
    assert "topic" not in doc


def test_the_filter_is_off_without_its_model(tmp_path):
    assert SportFilter.load(tmp_path) is None
    model = SportFilter.load()
    report = (FIXTURES / "match_report.txt").read_text(encoding="utf-8")
    assert model.probability(report) > model.threshold > 0.5


def test_the_store_and_the_document_page_keep_a_documents_topic(tmp_path):
    text = (FIXTURES / "match_report.txt").read_text(encoding="utf-8")
    db = tmp_path / "t.db"
    store = Store.open(db)
    try:
        assert store.add_document(extract(text, id="match"))
        assert store.add_document(
            extract((FIXTURES / "riot_at_a_match.txt").read_text(encoding="utf-8"), id="riot")
        )
        assert store.document("match")["topic"] == SPORT
        assert "topic" not in store.document("riot")
    finally:
        store.close()
    client = TestClient(create_app(db))
    assert "A sports report" in client.get("/documents/match").text
    assert "A sports report" not in client.get("/documents/riot").text

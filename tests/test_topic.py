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
        "Police in Kano detained 30 supporters of a banned movement after a league match in the "
        "football tournament on Sunday, officials said."
    )
    model = SportFilter.load()
    assert len(words_of(sentence)) < MIN_WORDS
    assert model.probability(sentence) > model.threshold  # only its length keeps it news
    assert model.topic(sentence) is None
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


def test_a_sport_the_bbc_did_not_cover_and_an_election_won_by_a_landslide():
    model = SportFilter.load()
    gridiron = (
        "Chiefs edge Bills to reach Super Bowl\n\nPatrick Mahomes threw for 320 yards and two touchdowns as "
        "the Kansas City Chiefs beat the Buffalo Bills 27-24 in the AFC Championship game on Sunday. Travis "
        "Kelce caught the go-ahead touchdown pass with four minutes left, and the Kansas City defence "
        "intercepted Josh Allen on the final drive. The Bills had rallied from a 17-7 halftime deficit behind "
        "two rushing touchdowns from Allen. Kansas City will face the Philadelphia Eagles in the Super Bowl in "
        "New Orleans next month. Head coach Andy Reid praised his quarterback and said the team had shown "
        "great resilience all season."
    )
    election = (
        "Ruling party wins landslide in Senegal vote\n\nSenegal's ruling party has won a landslide victory in "
        "parliamentary elections, taking 130 of 165 seats, according to provisional results announced by the "
        "electoral commission on Thursday. The opposition coalition, led by a former prime minister, said the "
        "vote had been marred by irregularities and called for a recount in the capital, Dakar. Observers "
        "from the African Union and ECOWAS said the poll had been largely peaceful and transparent. The "
        "president, who dissolved parliament in September, said the result gave his government a clear "
        "mandate to pursue reforms and renegotiate oil and gas contracts with foreign companies."
    )
    assert model.topic(gridiron) == SPORT
    assert model.topic(election) is None

"""The web page and JSON API, and that untrusted article text cannot inject markup."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from actorgraph.store import Store, StoreNotFound
from actorgraph.web import create_app
from conftest import IRAN, RUSSIA, make_document

XSS = "<script>alert(1)</script>"


@pytest.fixture
def client(filled_store, db_path):
    text = f'Iran attacked Russia {XSS} said "<img src=x onerror=alert(2)>".'
    filled_store.add_document(
        make_document(
            "xss",
            text,
            title="<b>bold title</b>",
            outlet="Evil & Co",
            published="2024-01-01",
            actors=[IRAN, RUSSIA],
            claims=[
                {
                    "id": "c1",
                    "relation": "ASSAULT",
                    "subject": "iran",
                    "object": "russia",
                    "subject_text": "Iran",
                    "object_text": "Russia",
                    "evidence": text,
                    "polarity": "negated",
                }
            ],
        )
    )
    filled_store.close()
    with TestClient(create_app(str(db_path))) as c:
        yield c


def test_index_lists_actors_ties_and_evidence(client):
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    html = r.text
    assert html.index(">Iran</a>") < html.index(">Russia</a>")  # most claims first
    assert "Iran denied on Monday that it had supplied drones to Russia" in html
    assert "Iran via Reuters" in html and "two Ukrainian officials (anonymous)" in html
    assert 'class="claim denied"' in html and "affirmed by 1, denied by 1" in html
    assert '<link rel="stylesheet" href="/static/style.css">' in html
    assert "<style" not in html and "<script" not in html and "style=" not in html


def test_untrusted_text_is_escaped(client):
    for path in ("/", "/actors/iran", "/dyad/iran/russia"):
        html = client.get(path).text
        assert XSS not in html and "<img src=x" not in html and "<b>bold title</b>" not in html, path
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, path
        assert "&lt;b&gt;bold title&lt;/b&gt;" in html and "Evil &amp; Co" in html, path


def test_every_response_has_a_content_security_policy(client):
    for path in ("/", "/api/actors", "/static/style.css", "/api/dyad?a=nobody&b=iran", "/nowhere"):
        assert client.get(path).headers["content-security-policy"] == "default-src 'self'", path


def test_api_actors(client):
    r = client.get("/api/actors", params={"limit": 2})
    assert r.status_code == 200
    body = r.json()
    assert [a["id"] for a in body["actors"]] == ["iran", "russia"]
    assert body["actors"][0]["claims"] == 6 and "Tehran" in body["actors"][0]["aliases"]
    assert [a["id"] for a in client.get("/api/actors", params={"kind": "media"}).json()["actors"]] == [
        "reuters"
    ]


def test_api_dyad(client):
    r = client.get("/api/dyad", params={"a": "u.s.", "b": "Tehran"})
    assert r.status_code == 200
    body = r.json()
    assert (body["a"]["id"], body["b"]["id"]) == ("united_states", "iran")
    assert [c["relation"] for c in body["claims"]] == ["ACCUSE"]
    dates = [c["date"] for c in client.get("/api/dyad", params={"a": "russia", "b": "iran"}).json()["claims"]]
    assert dates == sorted(dates) and len(dates) == 5
    missing = client.get("/api/dyad", params={"a": "Irann", "b": "iran"})
    assert missing.status_code == 404 and "Iran" in missing.json()["suggestions"]


def test_api_actor_document_claims(client):
    profile = client.get("/api/actors/iran").json()
    assert profile["actor"]["id"] == "iran" and profile["counterparts"][0]["id"] == "russia"
    doc = client.get("/api/documents/xss").json()
    assert doc["text"].count(XSS) == 1 and doc["claims"][0]["relation"] == "ASSAULT"
    assert client.get("/api/documents/nope").status_code == 404
    claims = client.get("/api/claims", params={"actor": "united states"}).json()["claims"]
    assert [c["relation"] for c in claims] == ["ACCUSE"]
    assert client.get("/api/contradictions").json()["contradictions"][0]["kind"] == "denial"


def test_unknown_actor_page_is_404_with_suggestions(client):
    r = client.get("/actors/Irann")
    assert r.status_code == 404 and 'href="/actors/Iran"' in r.text


def test_create_app_needs_an_existing_store(tmp_path):
    with pytest.raises(StoreNotFound):
        create_app(str(tmp_path / "none.db"))
    assert not (tmp_path / "none.db").exists()
    Store.open(tmp_path / "empty.db").close()
    with TestClient(create_app(str(tmp_path / "empty.db"))) as c:
        assert "Nothing yet" in c.get("/").text

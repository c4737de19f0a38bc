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
    with TestClient(create_app(str(db_path), token=TOKEN)) as c:
        yield c


TOKEN = "test-token-0123456789"
PAGES = ("/", "/actors", "/actors/iran", "/dyad/iran/russia", "/documents", "/documents/xss", "/contradictions",
         "/search?q=attacked", "/ingest")  # fmt: skip


def test_network_page_loads_the_bundled_script_only(client):
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    html = r.text
    assert '<script src="/static/graph.bundle.js" defer></script>' in html
    assert html.count("<script") == 1 and "<style" not in html and "style=" not in html
    assert 'id="graph"' in html and 'name="classes" value="material_conflict"' in html
    assert html.index(">Iran</a>") < html.index(">Russia</a>")  # most reported first
    assert client.get("/static/graph.bundle.js").status_code == 200


def test_actors_page_lists_ties_and_evidence(client):
    html = client.get("/actors", params={"evidence": 5}).text
    assert html.index(">Iran</a>") < html.index(">Russia</a>")  # most claims first
    assert "Iran denied on Monday that it had supplied drones to Russia" in html
    assert "Iran via Reuters" in html and "two Ukrainian officials (anonymous)" in html
    assert 'class="claim denied"' in html and "affirmed by 1, denied by 1" in html


def test_pages_render(client):
    for path in PAGES:
        r = client.get(path)
        assert r.status_code == 200, path
        assert "<style" not in r.text and " style=" not in r.text and "<img" not in r.text, path


def test_dyad_page_shows_evidence_markers_and_sources(client):
    html = client.get("/dyad/iran/russia").text
    assert '<mark class="evidence">' in html and "<svg" in html and 'class="bar ' in html
    assert "contradicted" in html and "anonymous source" in html and ">denied<" in html
    assert 'href="/documents/drones#claim-c1"' in html and "Example Wire" in html
    assert "Reuters" in html  # the channel


def test_document_page_highlights_mentions_attributions_claims(client):
    html = client.get("/documents/drones").text
    assert 'id="claim-c1"' in html and '<a href="/actors/iran" class="mention' in html
    assert 'class="source' in html and 'class="cue' in html and "content" in html


def test_untrusted_text_is_escaped(client):
    for path in (
        "/actors?evidence=5",
        "/actors/iran",
        "/dyad/iran/russia",
        "/documents/xss",
        "/search?q=attacked",
    ):
        html = client.get(path).text
        assert XSS not in html and "<img src=x" not in html and "<b>bold title</b>" not in html, path
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, path
        assert "&lt;b&gt;bold title&lt;/b&gt;" in html and "Evil &amp; Co" in html, path


def test_every_response_has_a_strict_content_security_policy(client):
    for path in ("/", "/api/actors", "/static/style.css", "/api/dyad?a=nobody&b=iran", "/nowhere"):
        csp = client.get(path).headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp and "style-src 'self'" in csp, path
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp and "object-src 'none'" in csp, path


def test_openapi_schema_lists_the_api(client):
    paths = client.get("/openapi.json").json()["paths"]
    for p in ("/api/actors", "/api/documents", "/api/dyad", "/api/claims", "/api/search", "/api/ingest",
              "/api/ingest/file", "/api/graph", "/api/contradictions", "/api/export/claims.csv"):  # fmt: skip
        assert p in paths, p
    assert "post" in paths["/api/ingest"]


def test_api_graph_and_filters(client):
    g = client.get("/api/graph").json()
    ids = {n["id"] for n in g["nodes"]}
    assert {"iran", "russia", "united_states"} <= ids
    edge = next(e for e in g["edges"] if e["id"] == "iran|russia")
    assert edge["claims"] == 5 and edge["sources"] >= 3 and edge["denied"] == 2 and edge["conflict"] == 0
    assert g["months"][0] == "2022-10"
    conflict = client.get("/api/graph", params={"classes": "material_conflict", "fields": "edges"}).json()
    assert "nodes" not in conflict and conflict["edges"] == [] or all(e["claims"] for e in conflict["edges"])
    dated = client.get("/api/graph", params={"start": "2023-01", "end": "2023-12"}).json()["edges"]
    assert [e["claims"] for e in dated if e["id"] == "iran|russia"] == [2]
    assert client.get("/api/graph", params={"min_sources": 50}).json()["edges"] == []
    assert client.get("/api/graph", params={"kinds": "media"}).json()["edges"] == []
    assert client.get("/api/graph", params={"start": "2023-1'; drop"}).status_code == 422


def test_api_search_is_literal(client):
    body = client.get("/api/search", params={"q": "tehran"}).json()
    assert [a["id"] for a in body["actors"]] == ["iran"]
    assert client.get("/api/search", params={"q": "%"}).json()["claims"] == []  # no wildcard
    docs = client.get("/api/search", params={"q": "defence pact"}).json()["documents"]
    assert [d["id"] for d in docs] == ["pact"]


def test_api_claims_filters_and_exports(client):
    denied = client.get("/api/claims", params={"polarity": "negated"}).json()
    assert denied["total"] == 2 and all(c["polarity"] == "negated" for c in denied["claims"])
    fam = client.get("/api/claims", params={"family": "verbal_conflict"}).json()["claims"]
    assert [c["relation"] for c in fam] == ["ACCUSE"]
    dated = client.get("/api/claims", params={"start": "2023-03", "end": "2023-03"}).json()["claims"]
    assert {c["doc_id"] for c in dated} == {"pact"}
    csv = client.get("/api/export/claims.csv").text.splitlines()
    assert csv[0].startswith("doc_id,claim_id,date,relation") and len(csv) == 7
    gexf = client.get("/api/export/graph.gexf").text
    assert gexf.startswith("<?xml") and 'id="iran"' in gexf
    history = client.get("/api/dyad", params={"a": "iran", "b": "russia"}).json()["history"]
    assert history[0]["month"] == "2022-10"


def test_writes_need_the_token(client):
    body = {"text": "Iran attacked Russia."}
    r = client.post("/api/ingest", json=body)
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert client.post("/api/ingest", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.post("/api/ingest/file?filename=a.txt", content=b"x").status_code == 401
    bad = client.post("/api/ingest", json={}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert bad.status_code == 422  # with the token, the body is checked
    assert 'name="actorgraph-token" content="test-token-0123456789"' in client.get("/ingest").text


def test_writes_off_without_a_token(filled_store, db_path):
    filled_store.close()
    app = create_app(str(db_path), token=None, embed_token=False)
    with TestClient(app) as c:
        r = c.post("/api/ingest", json={"text": "x"}, headers={"Authorization": "Bearer anything"})
        assert r.status_code == 403 and "writes are off" in r.json()["detail"]
        html = c.get("/ingest").text
        assert "actorgraph-token" not in html.split("</head>")[0] and "Writes are off" in html


def test_a_generated_token_is_not_handed_out_beyond_loopback(filled_store, db_path):
    filled_store.close()
    app = create_app(str(db_path), embed_token=False)
    assert len(app.state.token) >= 32
    with TestClient(app) as c:
        assert app.state.token not in c.get("/ingest").text and 'id="token"' in c.get("/ingest").text


def test_upload_limits_and_names(filled_store, db_path):
    filled_store.close()
    with TestClient(create_app(str(db_path), token=TOKEN, max_upload_bytes=1000)) as c:
        auth = {"Authorization": f"Bearer {TOKEN}"}
        assert c.post("/api/ingest", json={"text": "x" * 2000}, headers=auth).status_code == 413
        r = c.post("/api/ingest/file", params={"filename": "../../etc/passwd"}, content=b"hi", headers=auth)
        assert r.status_code == 422
        r = c.post("/api/ingest", json={"fetch_url": "http://127.0.0.1:1/"}, headers=auth)
        assert r.status_code == 422 and "non-public" in r.json()["detail"]
        r = c.post("/api/ingest", json={"fetch_url": "file:///etc/passwd"}, headers=auth)
        assert r.status_code == 422


def test_ingest_job_runs_and_reports_progress(filled_store, db_path):
    """The ingest queue with a stand-in pipeline: the job's states, counts and stored documents."""
    import time

    from conftest import pact_document

    filled_store.close()
    app = create_app(str(db_path), token=TOKEN)
    doc = dict(pact_document(), id="pasted-test")

    class FakePipeline:
        def process(self, items):
            for item in items:
                yield dict(doc, id=item.id, text=item.text)

    app.state.web.jobs._pipeline = FakePipeline()
    with TestClient(app) as c:
        auth = {"Authorization": f"Bearer {TOKEN}"}
        r = c.post("/api/ingest", json={"text": doc["text"], "id": "pasted-test"}, headers=auth)
        assert r.status_code == 202
        for _ in range(100):
            job = c.get(r.json()["status"]).json()
            if job["state"] in ("done", "failed"):
                break
            time.sleep(0.05)
        assert job["state"] == "done" and job["done"] == job["total"] == 1, job
        assert job["documents"][0]["status"] == "added" and job["documents"][0]["claims"] == 2
        assert c.get("/api/documents/pasted-test").status_code == 200
        file = c.post(
            "/api/ingest/file", params={"filename": "a.txt"}, content=doc["text"].encode(), headers=auth
        )
        assert file.status_code == 202 and file.json()["documents"] == 1
        assert c.get("/api/ingest/nope").status_code == 404


def test_loopback_server_checks_the_host_header(filled_store, db_path):
    filled_store.close()
    app = create_app(str(db_path), allowed_hosts=["127.0.0.1", "localhost"])
    with TestClient(app, base_url="http://127.0.0.1") as c:
        assert c.get("/api/counts").status_code == 200
        assert c.get("/api/counts", headers={"host": "evil.example"}).status_code == 400


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

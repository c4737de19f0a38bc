"""Actors across documents (one id per identity) and their curation: add, alias, merge, split."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from actorgraph.cli import app
from actorgraph.store import ActorNotFound, Store
from conftest import IRAN, RUSSIA, make_document

CORPUS = Path(__file__).parent / "fixtures" / "actors_corpus.jsonl"
WAGNER = {"id": "wagner", "name": "Wagner", "kind": "armed_group", "aliases": []}
PUTIN = {"id": "vladimir-putin", "name": "Vladimir Putin", "kind": "person", "aliases": []}


@pytest.fixture(scope="module")
def corpus() -> list[dict]:
    from actorgraph.ingest import iter_documents
    from actorgraph.pipeline import Pipeline

    return list(Pipeline().process(iter_documents([CORPUS])))


@pytest.fixture
def store(backend_db):
    s = Store.open(backend_db, create=True)
    s._is_registry = lambda actor_id: (
        actor_id in {"iran", "russia"}
    )  # a small registry for hand-made documents
    yield s
    s.close()


def doc(id: str, text: str, actors: list[dict], claims: list[dict] = ()) -> dict:  # type: ignore[assignment]
    return make_document(id, text, actors=actors, claims=claims, published="2023-06-0" + id[-1])


def claim(
    id: str, relation: str, subject: str, obj: str, subject_text: str, object_text: str, text: str
) -> dict:
    return {"id": id, "relation": relation, "subject": subject, "object": obj,
            "subject_text": subject_text, "object_text": object_text, "evidence": text}  # fmt: skip


def test_the_corpus_keeps_one_actor_per_identity(backend_db, corpus):
    with Store.open(backend_db) as store:
        assert store.add_documents(corpus) == (12, 0)
        ids = {a.id for a in store.actors(limit=1000)}
        # 24 ids come out of the pipeline; "Prigozhin" (a11) is "Yevgeny Prigozhin" (a10)
        assert len(ids) == 23 and "prigozhin" not in ids
        assert store.actor("Prigozhin").id == store.actor("Yevgeny Prigozhin").id == "yevgeny-prigozhin"
        a11 = store.document("a11")
        assert {m["actor"] for m in a11["mentions"] if m["text"] == "Prigozhin"} == {"yevgeny-prigozhin"}
        assert "isis" in ids and "isis-k" in ids  # registry actors are never merged
        # one more document of our own, misspelling a name: a fuzzy match
        text = "Hossein Amir-Abdolahian met Faisal bin Farhan in Riyadh."
        extra = doc(
            "x9", text,
            [{"id": "hossein-amir-abdolahian", "name": "Hossein Amir-Abdolahian", "kind": "person"},
             {"id": "faisal-bin-farhan", "name": "Faisal bin Farhan", "kind": "person"}],
            [claim("c1", "CONSULT", "hossein-amir-abdolahian", "faisal-bin-farhan", "Hossein Amir-Abdolahian",
                   "Faisal bin Farhan", text)],
        )  # fmt: skip
        assert store.add_document(extra)
        assert len({a.id for a in store.actors(limit=1000)}) == 23
        assert (
            store.dyad("Hossein Amir-Abdolahian", "faisal-bin-farhan")[0].subject
            == "hossein-amir-abdollahian"
        )


def test_registry_actors_are_never_remapped(store):
    text = "Russia met Iran."
    c = [claim("c1", "CONSULT", "russia", "iran", "Russia", "Iran", text)]
    store.add_document(doc("d1", text, [IRAN, RUSSIA], c))
    store.add_document(doc("d2", text, [{**IRAN, "id": "iran2"}, RUSSIA], [{**c[0], "object": "iran2"}]))
    assert store.actors_by_id(["iran2"]) == {}  # not a registry id: its exact name maps it to iran
    assert store.document("d2")["claims"][0]["object"] == "iran"
    fake = {"id": "russia", "name": "Rusia", "kind": "state", "aliases": []}
    assert store.actors_by_id(["russia"])["russia"].name == "Russia"
    store.add_document(doc("d3", text, [IRAN, fake], c))
    assert store.document("d3")["claims"][0]["subject"] == "russia"


def test_add_and_alias_are_recorded_and_map_later_documents(store):
    added = store.add_actor("Wagner Group", "armed_group", country="RUS", aliases=["PMC Wagner"])
    assert (added.id, added.country, added.aliases) == ("wagner-group", "RUS", ["PMC Wagner"])
    store.add_alias("wagner-group", "Wagner")
    assert [c["action"] for c in store.curations()] == ["add", "alias"]
    text = "Wagner attacked Russia."
    store.add_document(
        doc(
            "d1",
            text,
            [WAGNER, RUSSIA],
            [claim("c1", "ASSAULT", "wagner", "russia", "Wagner", "Russia", text)],
        )
    )
    assert store.dyad("Wagner Group", "Russia")[0].subject == "wagner-group"
    assert store.actors_by_id(["wagner"]) == {}  # "wagner" the id was never created
    with pytest.raises(Exception, match="already exists"):
        store.add_actor("Wagner Group", "armed_group")


def test_merge_moves_everything_and_applies_to_later_documents(store):
    text = "Putin threatened Iran."
    putin = {"id": "putin", "name": "Putin", "kind": "organization", "aliases": []}
    store.add_document(
        doc("d1", text, [putin, IRAN], [claim("c1", "THREATEN", "putin", "iran", "Putin", "Iran", text)])
    )
    text2 = "Vladimir Putin threatened Iran."
    store.add_document(
        doc(
            "d2",
            text2,
            [PUTIN, IRAN],
            [claim("c1", "THREATEN", "vladimir-putin", "iran", "Vladimir Putin", "Iran", text2)],
        )
    )
    assert {e.subject for e in store.events(["iran"])} == {"putin", "vladimir-putin"}
    kept = store.merge_actors("putin", "Vladimir Putin")
    assert kept.id == "vladimir-putin" and "Putin" in kept.aliases
    with pytest.raises(ActorNotFound):
        store.resolve_actor("putin-x")
    assert store.actor("Putin").id == "vladimir-putin"
    assert store.actors_by_id(["putin"]) == {}
    assert {c.subject for c in store.claims()} == {"vladimir-putin"}
    events = store.events(["iran"])
    assert [(e.subject, e.reports) for e in events] == [("vladimir-putin", 2)]
    assert {m["actor"] for m in store.document("d1")["mentions"]} == {"vladimir-putin", "iran"}
    assert store.curations()[-1]["arguments"] == {"actor": "putin", "into": "vladimir-putin"}
    # a later document with the old id (even one the rules would keep) maps onto the target
    text3 = "Iran threatened Putin."
    store.add_document(
        doc("d3", text3, [putin, IRAN], [claim("c1", "THREATEN", "iran", "putin", "Iran", "Putin", text3)])
    )
    assert store.document("d3")["claims"][0]["object"] == "vladimir-putin"
    assert store.actor_profile("Vladimir Putin").claims == 3


def test_split_moves_mentions_claims_and_events_and_applies_later(store):
    text = "Georgia signed a deal with Russia."
    text2 = "Tbilisi accused Russia."
    georgia = {"id": "georgia", "name": "Georgia", "kind": "state", "aliases": ["Tbilisi", "Atlanta"]}
    store.add_document(
        doc(
            "d1",
            text,
            [georgia, RUSSIA],
            [claim("c1", "AGREE", "georgia", "russia", "Georgia", "Russia", text)],
        )
    )
    text3 = "Atlanta accused Russia."
    store.add_document(
        doc(
            "d2",
            text3,
            [georgia, RUSSIA],
            [claim("c1", "ACCUSE", "georgia", "russia", "Atlanta", "Russia", text3)],
        )
    )
    new = store.split_actor("georgia", ["Atlanta"], "Atlanta")
    assert new.id == "atlanta" and new.kind == "state" and new.aliases == []
    assert store.dyad("Atlanta", "Russia")[0].doc_id == "d2"
    assert [c.doc_id for c in store.dyad("Georgia", "Russia")] == ["d1"]
    assert "Atlanta" not in store.actor("georgia").aliases
    assert {e.subject for e in store.events(["russia"])} == {"georgia", "atlanta"}
    store.add_document(doc("d3", text3.replace("accused", "praised"), [georgia, RUSSIA],
                           [claim("c1", "SUPPORT", "georgia", "russia", "Atlanta", "Russia", text3.replace("accused", "praised"))]))  # fmt: skip
    assert store.document("d3")["claims"][0]["subject"] == "atlanta"
    store.add_document(
        doc(
            "d4",
            text2,
            [georgia, RUSSIA],
            [claim("c1", "ACCUSE", "georgia", "russia", "Tbilisi", "Russia", text2)],
        )
    )
    assert store.document("d4")["claims"][0]["subject"] == "georgia"
    with pytest.raises(Exception, match="nothing to split"):
        store.split_actor("georgia", ["Savannah"], "Savannah")


def _cli(db: str, *args: str):  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(app, [*args, "--db", db])
    return result


def test_cli_actors_commands(tmp_path):
    db = str(tmp_path / "cli.db")
    with Store.open(db) as store:
        store._is_registry = lambda actor_id: actor_id in {"iran", "russia"}
        text = "Putin threatened Iran. Georgia praised Russia. Atlanta accused Russia."
        georgia = {"id": "georgia", "name": "Georgia", "kind": "state", "aliases": ["Atlanta"]}
        putin = {"id": "putin", "name": "Putin", "kind": "organization", "aliases": []}
        store.add_document(doc("d1", text, [putin, IRAN, georgia, RUSSIA], [
            claim("c1", "THREATEN", "putin", "iran", "Putin", "Iran", "Putin threatened Iran."),
            claim("c2", "SUPPORT", "georgia", "russia", "Georgia", "Russia", "Georgia praised Russia."),
            claim("c3", "ACCUSE", "georgia", "russia", "Atlanta", "Russia", "Atlanta accused Russia."),
        ]))  # fmt: skip
    r = _cli(
        db, "actors", "add", "Vladimir Putin", "--kind", "person", "--country", "RUS", "--alias", "V. Putin"
    )
    assert r.exit_code == 0 and "vladimir-putin" in r.output, r.output
    r = _cli(db, "actors", "alias", "vladimir-putin", "President Putin")
    assert r.exit_code == 0, r.output
    r = _cli(db, "actors", "merge", "putin", "Vladimir Putin")
    assert r.exit_code == 0 and "vladimir-putin" in r.output, r.output
    r = _cli(db, "actors", "split", "georgia", "--alias", "Atlanta", "--into", "Atlanta")
    assert r.exit_code == 0 and "atlanta" in r.output, r.output
    r = _cli(db, "actors", "list", "--format", "json")
    import json

    listed = {a["id"]: a for a in json.loads(r.output)}
    assert set(listed) == {"vladimir-putin", "iran", "georgia", "russia", "atlanta"}
    assert "President Putin" in listed["vladimir-putin"]["aliases"]
    r = _cli(db, "actors", "list", "--kind", "person", "--format", "csv")
    assert r.output.splitlines()[1].startswith("vladimir-putin,")
    assert _cli(db, "actors", "list").exit_code == 0
    r = _cli(db, "actor", "Putin", "--format", "json")
    assert r.exit_code == 0 and json.loads(r.output)["actor"]["id"] == "vladimir-putin"
    r = _cli(db, "actors", "merge", "nobody", "iran")
    assert r.exit_code == 2 and "nobody" in r.output

"""One identity per actor across aliases, descriptions and documents (fixture written for the project)."""

from __future__ import annotations

from pathlib import Path

import pytest

from actorgraph.ingest import iter_documents
from actorgraph.pipeline import Pipeline

CORPUS = Path(__file__).parent / "fixtures" / "actors_corpus.jsonl"


@pytest.fixture(scope="module")
def names_by_actor() -> dict[str, set[str]]:
    """Every actor id named in the corpus, with the surface names that led to it."""
    out: dict[str, set[str]] = {}
    for doc in Pipeline().process(iter_documents([CORPUS])):
        assert "error" not in doc
        for m in doc["mentions"]:
            if m["actor"]:
                out.setdefault(m["actor"], set()).add(m["text"])
    return out


@pytest.mark.parametrize(
    ("actor", "names"),
    [
        ("iran", {"Iran", "Tehran", "Islamic Republic of Iran", "Iranian"}),
        ("saudi-arabia", {"Saudi Arabia", "Riyadh", "Kingdom of Saudi Arabia"}),
        ("russia", {"Russia", "Moscow", "Kremlin", "Russian Federation"}),
        ("ukraine", {"Ukraine", "Kyiv"}),
        ("united-states", {"United States", "Washington", "U.S."}),
        ("united-kingdom", {"Britain", "United Kingdom"}),
        ("isis-k", {"Islamic State Khorasan Province", "ISIS-K", "ISKP"}),
        ("taliban", {"Afghan Taliban", "Islamic Emirate"}),
        ("houthis", {"Houthis", "Ansar Allah"}),
        ("nato", {"NATO", "North Atlantic Treaty Organization"}),
        ("wagner-group", {"Wagner Group", "Wagner"}),
        ("hossein-amir-abdollahian", {"Hossein Amir-Abdollahian", "Amir-Abdollahian"}),
    ],
)
def test_every_name_of_an_actor_gets_its_one_id(names_by_actor, actor, names):
    assert names <= names_by_actor.get(actor, set())


def test_the_corpus_names_the_expected_number_of_actors(names_by_actor):
    # 12 documents; what differs across them is the name, not the actor
    states = {"iran", "saudi-arabia", "russia", "ukraine", "united-states", "united-kingdom", "china",
              "finland", "belarus", "yemen", "afghanistan"}  # fmt: skip
    groups = {"isis", "isis-k", "taliban", "houthis", "nato", "wagner-group"}
    assert states | groups <= set(names_by_actor)
    named_people = {a for a in names_by_actor if a not in states | groups}
    # Amir-Abdollahian, Faisal bin Farhan, Prigozhin (full name; the surname alone in another
    # document is reconciled by the store), Lukashenko, Stoltenberg
    assert {"hossein-amir-abdollahian", "faisal-bin-farhan", "yevgeny-prigozhin", "alexander-lukashenko",
            "jens-stoltenberg"} <= named_people  # fmt: skip
    assert len(named_people - {"prigozhin"}) == 5


def test_honorifics_are_not_part_of_an_id(names_by_actor):
    assert "faisal-bin-farhan" in names_by_actor
    assert not any(a.startswith("prince-") for a in names_by_actor)

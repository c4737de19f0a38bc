"""Groups the registry does not know become actors when, and only when, they are parties of a claim."""

from __future__ import annotations

from actorgraph.pipeline import extract

PUBLISHED = "2021-10-25"


def run(text: str) -> dict:
    return extract(text, published=PUBLISHED)


def actor_ids(doc: dict) -> set[str]:
    return {a["id"] for a in doc["actors"]}


def test_unowned_group_is_a_party() -> None:
    doc = run("Kurdish protesters attacked the Turkish embassy in Berlin on Monday.")
    parties = {
        (c["subject"], c["subject_span"]["text"]) for c in doc["claims"] if c["polarity"] == "affirmed"
    }
    assert ("kurdish-protesters", "Kurdish protesters") in parties
    [group] = [a for a in doc["actors"] if a["id"] == "kurdish-protesters"]
    assert group["kind"] == "anonymous_group"


def test_group_of_a_known_state_is_that_states() -> None:
    doc = run("Iranian hackers threatened Israel on Sunday.")
    [c] = [c for c in doc["claims"] if c["relation"] == "THREATEN"]
    assert (c["subject"], c["object"]) == ("iran-hackers", "israel")


def test_group_in_a_state() -> None:
    doc = run("Students in Iran denounced the government on Tuesday.")
    assert any(c["subject"] == "iran-students" for c in doc["claims"])


def test_unknown_nationality_as_a_group() -> None:
    doc = run("Hundreds of ethnic Kurds marched to protest against Sweden's decision on Monday.")
    assert any(c["subject"] == "ethnic-kurds" and c["relation"] == "PROTEST" for c in doc["claims"])


def test_bare_later_mention_is_the_same_group() -> None:
    doc = run("Kurdish protesters gathered outside the embassy. The protesters accused Turkey of torture.")
    accuse = [c for c in doc["claims"] if c["relation"] == "ACCUSE"]
    assert accuse and accuse[0]["subject"] == "kurdish-protesters"
    assert "protesters" not in actor_ids(doc)


def test_plain_mentions_add_no_actor() -> None:
    doc = run("Students gathered in the square. Police were present. The weather was cold.")
    assert doc["actors"] == [] and doc["claims"] == []


def test_one_person_is_not_a_group() -> None:
    doc = run("A student attacked Israel in a blog post.")
    assert "student" not in actor_ids(doc)


def test_audience_nouns_are_not_parties() -> None:
    doc = run("Analysts criticised Google for its results.")
    assert "analysts" not in actor_ids(doc)


def test_negated_group_event() -> None:
    doc = run("Kurdish protesters did not attack the Turkish embassy.")
    attacks = [c for c in doc["claims"] if c["relation"] == "ASSAULT"]
    assert attacks and all(c["polarity"] == "negated" for c in attacks)
    assert all(c["subject"] == "kurdish-protesters" for c in attacks)


def test_hedged_group_event() -> None:
    doc = run("Police in Egypt would arrest the students if the march went ahead.")
    coerce = [c for c in doc["claims"] if c["relation"] == "COERCE"]
    assert coerce and coerce[0]["subject"] == "egypt-police"
    assert coerce[0]["modality"] == "hypothetical"


def test_things_the_dictionary_codes_are_not_groups() -> None:
    doc = run("Three former Columbia executives agreed settlements with the SEC.")
    assert "settlements" not in actor_ids(doc)


def test_bare_group_after_an_owned_one_is_no_new_actor() -> None:
    """ "Taliban fighters ... the fighters": the later bare noun is no group of its own."""
    doc = run("Taliban fighters attacked the base. The Taliban spokesman said the fighters would return.")
    assert "fighters" not in actor_ids(doc)


def test_a_group_s_span_names_whom_it_belongs_to() -> None:
    doc = run("Angry activists from the Fatah Party staged rallies in Gaza against Mahmoud Abbas.")
    [c] = [c for c in doc["claims"] if c["relation"] == "PROTEST"]
    assert (c["subject"], c["object"]) == ("fatah", "mahmoud-abbas")
    assert c["subject_span"]["text"] == "Angry activists from the Fatah Party"

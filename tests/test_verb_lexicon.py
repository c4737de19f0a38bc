"""The CAMEO verb lexicon (data/verbs.json.gz, scripts/build_verbs.py) and the rules that use it."""

from __future__ import annotations

import pytest

from actorgraph.extract.verbs import lexicon, verb_type
from actorgraph.nlp import load_nlp
from actorgraph.pipeline import extract


def claims_of(text: str) -> list[dict]:
    return extract(text, published="2021-10-25")["claims"]


def _root(text: str):
    return next(t for t in load_nlp()(text) if t.dep_ == "ROOT")


def test_lexicon_maps_cameo_verbs_to_plover() -> None:
    verbs, patterns = lexicon()
    assert verbs["extradite"] == "COOPERATE"
    assert verbs["expel"] == "COERCE"
    assert verbs["withdraw"] == "RETREAT"
    assert patterns["grant"]["asylum"] == "AID"
    assert "say" not in verbs  # 01 public statements are not PLOVER events


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ministry granted asylum to the dissidents.", "AID"),
        ("The army put its units on alert.", "MOBILIZE"),
        ("The court extradited the suspect.", "COOPERATE"),
        # CAMEO's &MILITARY lists "armed forces" but not "forces" alone
        ("The government strengthened its forces.", "MOBILIZE"),
        ("The government strengthened its economy.", None),
        # ... and the protest patterns "protest", "rally" but not "demonstration"
        ("The police prevented the demonstration.", "COERCE"),
        # "reduce" reads CAMEO's patterns of "cut"; forces on alert whatever the verb
        ("The government reduced food supplies.", "SANCTION"),
        ("The troops remained on alert.", "MOBILIZE"),
        ("The weather was nice.", None),
    ],
)
def test_verb_type_reads_object_patterns(text: str, expected: str | None) -> None:
    assert verb_type(_root(text)) == expected


def test_lexicon_verb_states_an_event_between_actors() -> None:
    claims = [
        c for c in claims_of("Germany extradited Turkish suspects to Turkey.") if c["relation"] == "COOPERATE"
    ]
    assert claims and claims[0]["subject"] == "germany"


def test_negated_and_hedged_lexicon_events() -> None:
    negated = [
        c
        for c in claims_of("Germany did not extradite the Turkish suspects to Turkey.")
        if c["relation"] == "COOPERATE"
    ]
    assert negated and all(c["polarity"] == "negated" for c in negated)
    hedged = [
        c
        for c in claims_of("Germany may extradite the Turkish suspects to Turkey.")
        if c["relation"] == "COOPERATE"
    ]
    assert hedged and all(c["modality"] == "hypothetical" and c["polarity"] == "affirmed" for c in hedged)


def test_lexicon_events_leave_companies_out() -> None:
    """CAMEO codes political events: a company as a party of a lexicon verb gives no claim."""
    text = "Microsoft extradited Turkish suspects to Turkey."
    assert not [c for c in claims_of(text) if c["relation"] == "COOPERATE"]
    assert [c for c in claims_of(text.replace("Microsoft", "Germany")) if c["relation"] == "COOPERATE"]


def test_attribution_cue_is_no_lexicon_event() -> None:
    """'according to' (CAMEO's "accord") frames who said it; the officials are no party."""
    claims = claims_of(
        "Saudi Arabia held secret talks with Iran in Baghdad, according to two Iraqi officials."
    )
    assert [(c["relation"], c["object"]) for c in claims] == [("CONSULT", "iran")]

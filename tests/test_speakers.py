"""Speaker and channel resolution (extract/speakers.py) on seed-like constructions."""

from __future__ import annotations

import pytest

pytest.importorskip("spacy")

from actorgraph.pipeline import extract  # noqa: E402

TEXT = (
    "Taliban spokesman Zabihullah Mujahid told Reuters that the group wants talks.\n\n"
    "“The movement is trying to benefit from all legitimate means,” added the spokesman, "
    "referring to the relationship between the Taliban and Iran.\n\n"
    "“There were no such meetings. We reject any secret negotiations,” the Taliban spokesman told Reuters.\n"
)


@pytest.fixture(scope="module")
def doc():
    try:
        return extract(TEXT, id="speakers")
    except (OSError, RuntimeError) as e:
        pytest.skip(f"pipeline not available: {e}")


def _by_cue(doc, cue: str, nth: int = 0) -> dict:
    hits = [a for a in doc["attributions"] if a["cue"]["text"] == cue]
    assert len(hits) > nth, [(a["cue"]["text"], a["speaker"]) for a in doc["attributions"]]
    return hits[nth]


def test_inverted_added_the_spokesman_is_the_named_spokesman(doc):
    first = _by_cue(doc, "told")
    assert first["speaker"]
    added = _by_cue(doc, "added")
    assert added["source"]["text"] == "the spokesman"
    assert added["speaker"] == first["speaker"]


def test_referring_to_shares_the_speaker(doc):
    ref = _by_cue(doc, "referring to")
    assert ref["speaker"] == _by_cue(doc, "added")["speaker"]


def test_quote_then_title_told_outlet(doc):
    told = _by_cue(doc, "told", 1)
    assert told["source"]["text"] == "the Taliban spokesman"
    assert told["speaker"] == _by_cue(doc, "told")["speaker"]
    assert told["channel"] and told["stance"] == "deny"

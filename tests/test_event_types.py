"""The sentence-level PLOVER event typer: features, model file round trip, packaged model."""

from __future__ import annotations

import time

import numpy as np
import pytest

from actorgraph.extract.event_types import EVENT_TYPES, N_BUCKETS, EventTyper, features, stem, vectorize


def test_stem_folds_inflections() -> None:
    assert stem("attacked") == stem("attacks") == stem("attacking") == "attack"
    assert stem("shelled") == "shell"
    assert stem("didn't") == "not"


def test_features_mark_cues_and_governors() -> None:
    feats = features("Iran threatened to shell Iraqi towns.", trigger="threatened")
    assert "f:THREATEN" in feats  # the first cue word's class
    assert "g:threaten>ASSAULT" in feats  # the governed event
    assert "t:threaten" in feats and "tc:THREATEN" in feats


def test_vectorize_is_normalised_and_stable() -> None:
    ids, vals = vectorize(["w:a", "w:a", "w:b"])
    assert len(ids) == 2 and ids.max() < N_BUCKETS
    assert np.isclose(np.linalg.norm(vals), 1.0)
    assert vectorize(["w:a"])[0][0] == vectorize(["w:a"])[0][0]


def test_save_load_round_trip(tmp_path) -> None:
    rng = np.random.default_rng(0)
    w = np.zeros((N_BUCKETS, len(EVENT_TYPES)), dtype=np.float32)
    ids, _ = vectorize(features("Rebels attacked the town."))
    w[ids] = rng.normal(size=(len(ids), len(EVENT_TYPES)))
    typer = EventTyper(w, np.zeros(len(EVENT_TYPES)), EVENT_TYPES)
    typer.save(tmp_path, {"note": "test"})
    again = EventTyper.load(tmp_path)
    s = ["Rebels attacked the town."]
    assert again.predict(s)[0][0] == typer.predict(s)[0][0]
    assert np.allclose(again.proba(s), typer.proba(s), atol=0.02)


@pytest.fixture(scope="module")
def typer() -> EventTyper:
    return EventTyper.load()


def test_packaged_model_loads_fast(typer: EventTyper) -> None:
    from actorgraph.extract import event_types

    event_types._packaged.cache_clear()
    t0 = time.perf_counter()
    EventTyper.load()
    assert time.perf_counter() - t0 < 2.0
    assert set(typer.labels) == set(EVENT_TYPES)


def test_predict_and_scores_shapes(typer: EventTyper) -> None:
    out = typer.predict(["Police arrested the opposition leader.", "The two ministers held talks."])
    assert len(out) == 2
    for label, p in out:
        assert label in EVENT_TYPES and 0.0 < p <= 1.0
    scores = typer.scores("Police arrested the opposition leader.")
    assert set(scores) == set(EVENT_TYPES)
    assert abs(sum(scores.values()) - 1.0) < 1e-4
    assert typer.predict([]) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Rebels attacked an army base on Sunday, killing 20 soldiers.", "ASSAULT"),
        ("Police arrested dozens of opposition activists in the capital.", "COERCE"),
        ("Thousands of workers staged a protest in front of parliament.", "PROTEST"),
        ("The foreign ministers of both countries met in Geneva for talks.", "CONSULT"),
    ],
)
def test_clear_sentences(typer: EventTyper, sentence: str, expected: str) -> None:
    assert typer.predict([sentence])[0][0] == expected


def test_type_sentence_on_a_span(typer: EventTyper) -> None:
    import spacy

    from actorgraph.extract.event_types import type_sentence

    doc = spacy.blank("en")("Rebels attacked an army base on Sunday, killing 20 soldiers.")
    label, p = type_sentence(doc[:], typer)
    assert label == "ASSAULT" and 0 < p <= 1
    assert typer.predict(["Rebels attacked an army base."], ["attacked"]) == typer.predict(
        ["Rebels attacked an army base."]
    )

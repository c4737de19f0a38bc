"""The learned relation classifier (extract/relation_model.py) and its packaged weights."""

from __future__ import annotations

import numpy as np
import pytest

from actorgraph.extract import relation_model as rm
from actorgraph.extract.relation_model import End, PairRelation, RelationClassifier
from actorgraph.pipeline import _annotating_nlp


@pytest.fixture(scope="module")
def nlp():
    return _annotating_nlp()


@pytest.fixture(scope="module")
def model() -> RelationClassifier:
    return RelationClassifier.load()


def test_artifact_is_small_and_loads_once(model):
    assert RelationClassifier.load() is model
    assert model.meta["labels"] == list(rm.LABELS)
    size = sum(p.stat().st_size for p in rm.MODEL_DIR.iterdir())
    assert size < 2_000_000
    assert (rm.MODEL_DIR / "MODEL_CARD.md").exists()
    assert model.weights.shape[1] == len(rm.LABELS) and model.dense.shape == (
        3 * rm.TENSOR_WIDTH,
        len(rm.LABELS),
    )


def test_fighting_against(nlp, model):
    text = "Coalition forces conducted 12 strikes against ISIL terrorists in Syria."
    doc = nlp(text)
    found = model.predict(doc)
    hostile = [r for r in found if r.cls == "hostile"]
    assert hostile, found
    r = hostile[0]
    ends = {text[slice(*r.subject_span)], text[slice(*r.object_span)]}
    assert any("ISIL" in e for e in ends) and any("Coalition" in e for e in ends), ends


def test_meeting_is_communication(nlp, model):
    text = "The Kurdish Regional Government met with officials of the Iraqi government in Erbil."
    found = model.predict(nlp(text))
    assert [r.cls for r in found][:1] == ["communication"], found
    assert "Kurdish" in text[slice(*found[0].subject_span)] + text[slice(*found[0].object_span)]


def test_predictions_are_well_formed(nlp, model):
    text = (
        "The Kurdish Regional Government met with officials of the Iraqi government in Erbil. "
        "General Miller, the commander of the task force, said his soldiers fought the militants for hours."
    )
    doc = nlp(text)
    found = model.predict(doc, threshold=0.0)
    assert found
    for r in found:
        assert isinstance(r, PairRelation)
        assert r.cls in rm.CLASSES
        assert 0.0 <= r.prob <= 1.0
        for s, e in (r.subject_span, r.object_span):
            assert 0 <= s < e <= len(text)
        assert doc[r.subject_token].sent.start == doc[r.object_token].sent.start
    assert [r.prob for r in found] == sorted((r.prob for r in found), reverse=True)
    # the default threshold keeps a subset
    kept = model.predict(doc)
    assert len(kept) <= len(found)


def test_nothing_to_relate(nlp, model):
    assert model.predict(nlp("It rained all day and the roads were closed.")) == []
    assert model.predict(nlp("")) == []


def test_needs_resolved_actors(model):
    from actorgraph.nlp import load_nlp

    doc = load_nlp()("Iran attacked Iraq.")
    if doc._.mentions is None:
        with pytest.raises(ValueError):
            model.predict(doc)


def _end(head: int, s: int, e: int) -> End:
    return End(head, head, head + 1, (s, e), "name", "ORG", None)


def test_decode_thresholds_directions_and_suppression():
    a, a2, b, c = _end(0, 0, 10), _end(1, 0, 12), _end(5, 30, 40), _end(9, 50, 60)
    labels = {k: n for n, k in enumerate(rm.LABELS)}
    probs = np.zeros((4, len(rm.LABELS)), dtype=np.float32)
    probs[0, labels["hostile"]] = 0.9  # kept
    probs[1, labels["hostile"]] = 0.8  # the same two phrases: suppressed
    probs[2, labels["membership<"]] = 0.7  # the later end is the member
    probs[3, labels["leadership>"]] = 0.2  # below the threshold
    probs[:, 0] = 1 - probs[:, 1:].sum(axis=1)
    found = rm.decode([(a, b), (a2, b), (b, c), (a, c)], probs, 0.5)
    assert [(r.cls, r.subject_span, r.object_span) for r in found] == [
        ("hostile", (0, 10), (30, 40)),
        ("membership", (50, 60), (30, 40)),
    ]
    assert rm.decode([(a, c)], probs[3:], {"leadership": 0.1})[0].subject_token == 0

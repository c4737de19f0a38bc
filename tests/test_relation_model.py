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


# -- the actorgraph_relations step of extract -------------------------------------------------


def test_candidate_pairs_join_two_actors(nlp):
    doc = nlp("The rebels and the soldiers said that Turkey fought the Kurdish militia near the town.")
    ends = rm.candidate_ends(doc)
    for a, b in rm.candidate_pairs(doc, ends):
        assert a.actor and b.actor and a.actor != b.actor
        assert rm.joins_actors(a, b)
    # training also sees the pairs of phrases that stand for no actor
    assert len(rm.candidate_pairs(doc, ends, actors_only=False)) > len(rm.candidate_pairs(doc, ends))


def test_table_reads_what_tokens_say(nlp):
    doc = nlp("The U.S.-led coalition did not strike Iraq's army, officials said.")
    table = rm._Table(doc)
    assert table.lower == [t.lower_ for t in doc]
    assert table.lemma == [t.lemma_.lower() for t in doc]
    assert table.pos == [t.pos_ for t in doc]
    assert table.dep == [t.dep_ for t in doc]
    assert table.head == [t.head.i for t in doc]
    assert table.kids(doc[0].head.i) == {c.dep_ for c in doc[0].head.children}


class _Always:
    """A stand-in classifier: every candidate pair of two actors is `cls`."""

    def __init__(self, cls: str, prob: float = 0.9) -> None:
        self.cls, self.prob = cls, prob

    def predict(self, doc, threshold=None):
        pairs = rm.candidate_pairs(doc, rm.candidate_ends(doc))
        return [PairRelation(a.head, b.head, a.char, b.char, self.cls, self.prob, a.actor, b.actor)
                for a, b in pairs]  # fmt: skip


def test_model_claims_are_contract_claims(nlp):
    text = "Turkey did not fight the Kurdish militia in Syria last year."
    doc = nlp(text)
    claims = RelationClassifier.claims(_Always("hostile"), doc)  # type: ignore[arg-type]
    assert claims
    for c in claims:
        assert c.relation == "HOSTILE" and c.construction == rm.MODEL_CONSTRUCTION
        assert c.subject_actor and c.object_actor and c.subject_actor != c.object_actor
        assert text[slice(*c.subject_chars)] and text[slice(*c.object_chars)]
    turkey = [c for c in claims if text[slice(*c.subject_chars)] == "Turkey"]
    assert turkey and all(c.negated for c in turkey)  # "did not fight": the trigger's negation


def test_model_claims_leave_out_pairs_the_rules_read(nlp):
    doc = nlp("Egypt and Israel signed a treaty in Washington.")
    model = _Always("cooperative")
    found = RelationClassifier.claims(model, doc)  # type: ignore[arg-type]
    assert found and found[0].relation == "RELATIONS"
    taken = [(c.subject_chars, c.object_chars) for c in found]
    assert RelationClassifier.claims(model, doc, taken) == []  # type: ignore[arg-type]
    swapped = [(o, s) for s, o in taken]
    assert RelationClassifier.claims(model, doc, swapped) == []  # type: ignore[arg-type]


def test_extract_runs_the_relations_step():
    from actorgraph.contract import check_document
    from actorgraph.pipeline import extract

    nlp = _annotating_nlp()
    assert nlp.pipe_names[-1] == "actorgraph_relations"
    out = extract("Iraqi forces fought ISIL fighters near Mosul, and the United Kingdom worked with "
                  "the Government of Iraq. Two officials told Reuters that Iran met Turkey.")  # fmt: skip
    assert check_document(out) == []
    pairs = {}
    for c in out["claims"]:
        key = frozenset((c["subject"], c["object"]))
        sentence = c["evidence"]["start"]
        assert (key, sentence) not in pairs, "one claim per pair of actors and sentence"
        pairs[(key, sentence)] = c
    assert not any(c["object"] == "reuters" for c in out["claims"])  # "told Reuters": an attribution


# -- the hostile guard for actors the training data does not pair -----------------------------


def test_path_classes_read_the_words_between_the_ends(nlp):
    doc = nlp("Acme Corp signed a supply deal with Globex Corporation.")
    acme, globex = doc[1].i, doc[len(doc) - 2].i
    assert "cooperative" in rm.path_classes(doc, acme, globex)
    assert rm.path_classes(doc, acme, acme) == set()


def test_hostile_between_firms_needs_a_hostile_word(nlp):
    # two companies (registry kind "organization") and no hostile word on the path
    doc = nlp("Google has agreed a deal to supply Microsoft with new servers.")
    kinds = {a.kind for a in (doc._.actors or {}).values()}
    assert kinds and not kinds & rm.POLITICAL_KINDS, kinds
    assert RelationClassifier.claims(_Always("hostile"), doc) == []  # type: ignore[arg-type]
    # other classes are left alone
    assert RelationClassifier.claims(_Always("cooperative"), doc)  # type: ignore[arg-type]


def test_hostile_between_states_and_armed_groups_is_left_to_the_model(nlp):
    doc = nlp("Turkey and the PKK met in Geneva last week.")
    assert RelationClassifier.claims(_Always("hostile"), doc)  # type: ignore[arg-type]


def test_hostile_between_a_firm_and_a_state_with_a_hostile_word(nlp):
    doc = nlp("Google criticised the United States over the new rules.")
    found = RelationClassifier.claims(_Always("hostile"), doc)  # type: ignore[arg-type]
    assert [c.relation for c in found] == ["HOSTILE"] or not {"google", "united-states"} <= set(
        doc._.actors or {}
    )


def test_no_partner_in_what_a_fight_is_against(nlp):
    doc = nlp("Britain will support the Iraqi government in its fight against ISIL.")
    ends = {
        (c.subject_actor, c.object_actor)
        for c in RelationClassifier.claims(_Always("cooperative"), doc)  # type: ignore[arg-type]
    }
    assert ("united-kingdom", "iraq") in ends
    assert not any("isis" in pair for pair in ends)

"""The pipeline end to end: contract invariants, order, errors, exact text."""

from __future__ import annotations

import pytest

from actorgraph.contract import check_document
from actorgraph.ingest import InputDocument, ReadError
from actorgraph.pipeline import Pipeline, extract

DOCUMENTS = {
    "blank": " \n\n ",
    "dot": ".",
    "no-actors": "The weather was mild and the markets were calm on Tuesday.",
    "straight-quotes": '"Talks with the Taliban are over," the Pakistani minister told Reuters on Friday.',
    "curly-quotes": "“We will never negotiate with Iran,” said Hamad al-Thani, Qatar’s envoy. ‘Never,’ he added.",
    "non-ascii": "Turkish Foreign Minister Mevlüt Çavuşoğlu met Volodymyr Zelensky in Kyiv. "
    "Zelenskyy thanked Poland — “a true friend” — for its aid 😀.",
    "crlf": "Iran met Iraq.\r\n\r\nIraq's prime minister condemned Iran.\r\n",
    "bom-tabs": "\ufeffIran met Iraq.\t\tThe U.S.-led coalition attacked ISIS in Syria.",
    "denial": "Iranian officials met with the Taliban in Kabul, according to Reuters. "
    "A Taliban spokesman denied that the Taliban met with Iran.",
}


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(batch_size=4)


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_documents_meet_the_contract(name):
    text = DOCUMENTS[name]
    doc = extract(text, published="2022-03-01", id=name)
    assert check_document(doc) == []
    assert doc["text"] == text
    assert doc["id"] == name
    assert doc["published"] == "2022-03-01"


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_spans_are_slices_and_ids_exist(name):
    doc = extract(DOCUMENTS[name], published="2022-03-01", id=name)
    text = doc["text"]
    spans = list(doc["mentions"])
    for c in doc["claims"]:
        spans += [c["subject_span"], c["evidence"]] + ([c["object_span"]] if c["object_span"] else [])
    for a in doc["attributions"]:
        spans += [a["cue"], *a["content"]] + ([a["source"]] if a["source"] else [])
    for s in spans:
        assert text[s["start"] : s["end"]] == s["text"]
    ids = {a["id"] for a in doc["actors"]}
    for c in doc["claims"]:
        assert c["subject"] in ids
        assert c["object"] is None or c["object"] in ids


def test_text_without_actors_has_empty_lists():
    doc = extract(DOCUMENTS["no-actors"], published="2022-03-01")
    assert (doc["actors"], doc["claims"], doc["contradictions"]) == ([], [], [])


def test_empty_string_gives_an_empty_document():
    doc = extract("")
    assert doc["text"] == ""
    assert (doc["actors"], doc["mentions"], doc["claims"]) == ([], [], [])
    assert check_document(doc) == []


def test_non_ascii_names_keep_their_spelling():
    doc = extract(DOCUMENTS["non-ascii"], published="2022-03-01")
    names = {a["id"]: a["name"] for a in doc["actors"]}
    assert names["mevlut-cavusoglu"] == "Mevlüt Çavuşoğlu"
    mention = next(m for m in doc["mentions"] if m["actor"] == "mevlut-cavusoglu")
    assert mention["text"] == "Mevlüt Çavuşoğlu"
    consult = [c for c in doc["claims"] if c["relation"] == "CONSULT"]
    assert [(c["subject"], c["object"]) for c in consult] == [("mevlut-cavusoglu", "volodymyr-zelensky")]


def test_curly_quotes_keep_offsets_and_speaker():
    doc = extract(DOCUMENTS["curly-quotes"])
    said = [a for a in doc["attributions"] if a["cue"]["text"] == "said"]
    assert len(said) == 1
    assert said[0]["direct"] is True
    assert said[0]["speaker"] == "hamad-al-thani"


def test_metadata_passes_through():
    doc = extract("Iran met Iraq.", id="x1", title="A title", outlet="Wire", url="https://example.org/x1")
    assert (doc["id"], doc["title"], doc["outlet"], doc["url"], doc["published"]) == (
        "x1", "A title", "Wire", "https://example.org/x1", None,
    )  # fmt: skip


def test_process_keeps_input_order_across_batches_and_passes_errors(pipeline):
    items = [
        InputDocument(id="d1", text="Iran met Iraq."),
        ReadError(id="bad1", error="empty document"),
        InputDocument(id="d2", text="Russia attacked Ukraine."),
        InputDocument(id="d3", text="Nothing happened today."),
        ReadError(id="bad2", error="binary file, not text"),
        InputDocument(id="d4", text="The Taliban held talks with Pakistan."),
        InputDocument(id="d5", text=""),
    ]
    out = list(pipeline.process(items))
    assert [d["id"] for d in out] == ["d1", "bad1", "d2", "d3", "bad2", "d4", "d5"]
    assert out[1] == {"id": "bad1", "error": "empty document"}
    assert out[4] == {"id": "bad2", "error": "binary file, not text"}
    assert [c["relation"] for c in out[2]["claims"]] == ["ASSAULT"]
    assert [c["relation"] for c in out[5]["claims"]] == ["CONSULT"]
    for d in (out[0], out[2], out[3], out[5], out[6]):
        assert "error" not in d
        assert check_document(d) == []


def test_process_output_text_equals_input(pipeline):
    texts = list(DOCUMENTS.values())
    out = list(pipeline.process(InputDocument(id=str(i), text=t) for i, t in enumerate(texts)))
    assert [d["text"] for d in out] == texts


def test_warnings_are_carried(pipeline):
    item = InputDocument(id="w", text="Iran met Iraq.", warnings=["invalid UTF-8 replaced at 1 place"])
    [doc] = pipeline.process([item])
    assert doc["warnings"] == ["invalid UTF-8 replaced at 1 place"]


def test_process_of_only_read_errors(pipeline):
    out = list(pipeline.process([ReadError(id="e", error="not English")]))
    assert out == [{"id": "e", "error": "not English"}]

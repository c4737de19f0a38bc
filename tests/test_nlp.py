"""The parser's fixes for news text (nlp/parse.py): titles, "U.S.-led", line breaks."""

from __future__ import annotations

import pytest

from actorgraph.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def tokens(doc) -> list[str]:
    return [t.text for t in doc]


def sentences(doc) -> list[str]:
    return [s.text.strip() for s in doc.sents]


@pytest.mark.parametrize("title", ["Brig. Gen.", "Lt. Col."])
def test_rank_titles_are_single_tokens(nlp, title):
    doc = nlp(f"{title} Karim Haidari inspected the base on Monday.")
    first, second = title.split()
    assert tokens(doc)[:4] == [first, second, "Karim", "Haidari"]


@pytest.mark.parametrize("title", ["Brig. Gen.", "Lt. Col."])
def test_rank_titles_never_end_a_sentence(nlp, title):
    doc = nlp(f"The base was inspected by {title} Karim Haidari. He left the next day.")
    assert sentences(doc) == [
        f"The base was inspected by {title} Karim Haidari.",
        "He left the next day.",
    ]
    for tok in doc:
        if tok.text in title.split():
            assert not doc[tok.i + 1].is_sent_start


def test_us_led_splits_at_the_hyphen(nlp):
    doc = nlp("The U.S.-led coalition withdrew its last troops.")
    assert tokens(doc)[:5] == ["The", "U.S.", "-", "led", "coalition"]


def test_us_hyphen_name_splits_too(nlp):
    doc = nlp("The U.S.-NATO summit ended early.")
    assert "U.S." in tokens(doc)
    assert "NATO" in tokens(doc)


def test_ordinary_hyphenated_words_stay_whole_around_the_fix(nlp):
    doc = nlp("A well-known envoy arrived.")
    assert "U.S." not in tokens(doc)
    assert len(doc) < 8


def test_line_break_starts_a_new_sentence_without_punctuation(nlp):
    doc = nlp("Kandahar fell within hours\nthe governor fled to the airport.")
    assert sentences(doc) == ["Kandahar fell within hours", "the governor fled to the airport."]


def test_blank_line_between_paragraphs_starts_a_new_sentence(nlp):
    doc = nlp("Talks resumed in Doha\n\nFighting continued in the north.")
    assert sentences(doc) == ["Talks resumed in Doha", "Fighting continued in the north."]
    fighting = next(t for t in doc if t.text == "Fighting")
    assert fighting.is_sent_start

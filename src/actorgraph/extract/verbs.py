"""The CAMEO verb lexicon: which PLOVER event type a verb (with its object or particle) states.

Built by scripts/build_verbs.py from the PETRARCH2 CAMEO verb dictionary (MIT) into
data/verbs.json.gz: ``verbs`` maps a verb lemma to its type ("extradite" COOPERATE, "expel"
COERCE), ``patterns`` a lemma and the first word of its object, particle or prepositional
group to another type ("grant asylum" AID, "put on alert" MOBILIZE, "withdraw ambassador"
SANCTION).
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

LEXICON = "data/verbs.json.gz"
OBJECT_DEPS = {"dobj", "attr", "prt", "acomp", "oprd", "dative"}
# CAMEO's &MILITARY set lists "armed forces", "ground forces" and "special forces" but never
# the head alone, so "strengthened its forces" matched no pattern that "its troops" does.
MILITARY_WORDS = frozenset({"forces", "force", "units", "contingent", "contingents", "garrison"})


@lru_cache(maxsize=1)
def lexicon() -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """(verbs, patterns) of the packaged lexicon (cached)."""
    with resources.files("actorgraph").joinpath(LEXICON).open("rb") as fh:
        doc = json.loads(gzip.decompress(fh.read()))
    return doc["verbs"], doc["patterns"]


def verb_type(verb: Token) -> str | None:
    """The PLOVER type `verb` states by the lexicon: a pattern on its object, particle or
    prepositional object first ("granted asylum", "remained on alert"), else the verb's own."""
    verbs, patterns = lexicon()
    lemma = verb.lemma_.lower()
    own = patterns.get(lemma)
    if own:
        for word in _argument_words(verb):
            if word in own:
                return own[word]
            if word in MILITARY_WORDS and "military" in own:
                return own["military"]
    return verbs.get(lemma)


def _argument_words(verb: Token) -> list[str]:
    words = []
    for c in verb.children:
        if c.dep_ in OBJECT_DEPS:
            words += [c.lower_, c.lemma_.lower()]
            words += [m.lower_ for m in c.children if m.dep_ in ("amod", "compound")]
        elif c.dep_ == "prep":
            words += [o.lower_ for o in c.children if o.dep_ == "pobj"]
            words += [o.lemma_.lower() for o in c.children if o.dep_ == "pobj"]
    return words

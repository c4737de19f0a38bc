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
# Words CAMEO's synonym sets miss, read as the member they mean: &MILITARY lists "armed forces"
# but not "forces" alone ("strengthened its forces"); the protest patterns name "protest" and
# "rally" but not "demonstration" ("prevented the demonstration").
PATTERN_SYNONYMS = {
    **dict.fromkeys(("forces", "force", "units", "contingent", "contingents", "garrison"), "military"),
    **dict.fromkeys(("demonstration", "demonstrations", "protests", "march", "marches", "sit-in"), "protest"),
}


@lru_cache(maxsize=1)
def lexicon() -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """(verbs, patterns) of the packaged lexicon (cached)."""
    with resources.files("actorgraph").joinpath(LEXICON).open("rb") as fh:
        doc = json.loads(gzip.decompress(fh.read()))
    return doc["verbs"], doc["patterns"]


# Verbs whose CAMEO patterns are another's: "reduced food supplies to X" reads as "cut supplies".
VERB_SYNONYMS = {"reduce": "cut", "slash": "cut", "curtail": "cut"}


@lru_cache(maxsize=4096)
def _patterns(lemma: str) -> dict[str, str]:
    patterns = lexicon()[1]
    return {**patterns.get(VERB_SYNONYMS.get(lemma, ""), {}), **patterns.get(lemma, {})}


def verb_type(verb: Token) -> str | None:
    """The PLOVER type `verb` states by the lexicon: a pattern on its object, particle or
    prepositional object first ("granted asylum", "put on alert"), else the verb's own."""
    lemma = verb.lemma_.lower()
    own = _patterns(lemma)
    found = next((t for word in _argument_words(verb) if (t := _pattern_for(own, word))), None)
    return found or ("MOBILIZE" if on_alert(verb) else lexicon()[0].get(lemma))


def _pattern_for(own: dict[str, str], word: str) -> str | None:
    return own.get(word) or own.get(PATTERN_SYNONYMS.get(word, ""))


def on_alert(verb: Token) -> bool:
    """ "remained on alert", "were on high alert": forces readied, whatever the verb ("put on alert")."""
    return any(
        o.lower_ == "alert"
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ == "on"
        for o in c.children
        if o.dep_ == "pobj"
    )


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


def pattern_type(verb: Token, word: Token) -> str | None:
    """The PLOVER type of `verb` acting on `word` by one of the lexicon's patterns ("prevent"
    with "protest" COERCE; "demonstration" read as "protest"), else None."""
    own = _patterns(verb.lemma_.lower())
    return _pattern_for(own, word.lower_) or _pattern_for(own, word.lemma_.lower())

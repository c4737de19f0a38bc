"""The CAMEO verb lexicon: which PLOVER event type a verb (with its object or particle) states.

Built by scripts/build_verbs.py from the PETRARCH2 CAMEO verb dictionary (MIT) into
data/verbs.json.gz: ``verbs`` maps a verb lemma to its type ("extradite" COOPERATE, "expel"
COERCE), ``patterns`` a lemma and the first word of its object, particle or prepositional
group to another type ("grant asylum" AID, "put on alert" MOBILIZE, "withdraw ambassador"
SANCTION). `call_sense` tells the senses of "call" apart (asking, naming, phoning, calling
up or off), which the claims and the attribution finder both need.
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

from actorgraph.nlp.parse import dating

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


# What one calls someone to do on the telephone ("called Putin to discuss the grain deal").
TALKING_VERBS = frozenset(
    {"discuss", "talk", "express", "congratulate", "offer", "convey", "thank", "brief", "wish"}
)


def call_sense(verb: Token) -> str | None:
    """What "call" does: "up" ("called up reservists", a mobilisation), "off" ("called off the
    talks", an ending), "ask" ("called on X to", "called for talks", "called the army to
    intervene"), "name" ("called Putin a killer", "called that suggestion disgraceful"), "phone"
    ("called Xi on Monday", "called Putin to discuss the grain deal"); None for another verb or
    "call" with no one called."""
    if verb.lemma_.lower() != "call":
        return None
    particles = {c.lower_ for c in verb.children if c.dep_ == "prt"}
    if particles & {"up", "off"}:
        return "up" if "up" in particles else "off"
    if any(c.dep_ == "prep" and c.lower_ in ("on", "for", "upon") and not dating(c) for c in verb.children):
        return "ask"  # "called X on Monday" asks nothing
    acts = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB"]
    if any(a.lemma_.lower() not in TALKING_VERBS for a in acts):
        return "ask"
    called = [c for c in verb.children if c.dep_ == "dobj"]
    if not called:
        return None
    if any(c.dep_ == "oprd" for c in verb.children) or not any(
        c.ent_type_ in ("PERSON", "GPE", "ORG", "NORP") for c in called
    ):
        return "name"
    return "phone"

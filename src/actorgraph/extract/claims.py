"""Claims: the ties a sentence states between actors, read off the dependency parse.

Constructions, each a small function over one trigger token:

- event verbs: "Iran attacked X", "X met with Y", "X was accused by Y";
- light verb + event noun: "held talks with", "maintains a relationship with", "providing
  assistance to";
- event nouns with their parties: "the ties between Iran and the Taliban", "its fight
  against X", "mutual disdain towards X" (the parties are the clause's other actors);
- tie nouns describing an actor: "al-Qaeda, a Taliban ally", "Iran's regional enemy";
- roles: "Zabihullah Mujahid, the Taliban spokesman", "Afghan President Ashraf Ghani";
- participles: "the U.S.-backed government"; "pulled X and Y closer".

Each yields a RawClaim over token indices; `qualify` in the pipeline adds attribution,
polarity, modality, time and place.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from actorgraph.contract import CONFLICTUAL, FAMILY
from actorgraph.extract.actors import (
    BODY_HEADS,
    GROUP_NOUNS,
    MARKET_THINGS,
    NAME_MODIFIER_DEPS,
    NER_LABELS,
    PART_NOUNS,
    PERSON_WORDS,
    ROLE_RELATION,
    STAND_IN_NOUNS,
    named_person,
    np_actor,
    opposed,
    promote_party_groups,
    roles_of,
    title_of,
)
from actorgraph.extract.event_types import CUE_TABLE, EVENT_TYPES, EventTyper, stem
from actorgraph.extract.lexicon import (
    AID_OBJECTS,
    AMOUNTS,
    CLOSER_VERBS,
    CLOSER_WORDS,
    COMPETING_VERBS,
    CONTAINING_VERBS,
    CONTEST_NOUNS,
    CONTEST_SENSE_VERBS,
    DENY_VERBS,
    DIPLOMATIC_NOUNS,
    EVENT_NOUNS,
    EVENT_VERBS,
    GIVING_VERBS,
    GOVERNING_VERBS,
    INTENT_ADJECTIVES,
    INTENT_NOUNS,
    INTENT_VERBS,
    JOINT_RELATIONS,
    LIGHT_VERBS,
    MEASURE_NOUNS,
    NOUN_OBJECT_PREPS,
    OBJECT_PREPS,
    PARTICIPLE_TIES,
    PLACING_VERBS,
    POSTING_VERBS,
    RIVALRY_VERBS,
    TIE_NOUNS,
)
from actorgraph.extract.verbs import call_sense, lexicon, on_alert, pattern_type, verb_type
from actorgraph.nlp import dating, prep_objects, sentence_of

# Events that need no recipient (ONTOLOGY.md).
NO_OBJECT_OK = {"MOBILIZE", "PROTEST"}
# Dependents of an event's trigger that name what it acts on ("condemned the attack").
ACTED_ON_DEPS = ("dobj", "attr", "xcomp")
# Measures a state takes or lifts in a place ("lifted a curfew in Montenegro").
MEASURES = frozenset({"CONCEDE", "RETREAT", "SANCTION"})
# Verbs of these types take a stance on an event named as their object, not take part in it.
STANCE_RELATIONS = frozenset({"ACCUSE", "SUPPORT", "REJECT", "PROTEST"})
# ... and these, with the stance verbs, act on an event from outside ("prevented the protest").
OUTSIDE_RELATIONS = STANCE_RELATIONS | {"HOSTILE", "COERCE", "SANCTION"}
# Events an event verb states with one actor and no recipient named ("X demanded immediate
# elections", "X rejected the plan"): the claim keeps a null object unless one is found.
ONE_SIDED = {"REQUEST", "REJECT", "THREATEN", "CONCEDE", "RETREAT", "SANCTION", "AID", "COOPERATE", "SUPPORT"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "expl"}
# Below this probability the event typer's guess is left out (CV on PLOVER dev keeps type
# precision near 0.67 at 0.2; see data/models/events/MODEL_CARD.md).
TYPER_THRESHOLD = 0.2
# A sentence where the rules found an event of another type gets the typer's type as well only
# from this probability on (whole-pipeline CV on PLOVER dev: bench/events_cv.py).
TYPER_SECOND_THRESHOLD = 0.35
DESCRIPTIVE = {"role", "tie-noun", "participle"}
# Words in a leader's title that still mean the whole organisation ("chief executive", "party leader").
WHOLE_TITLE_WORDS = {
    "chief", "executive", "general", "managing", "acting", "interim", "former", "new", "current",
    "supreme", "top", "overall", "founding", "elected", "party", "group", "movement", "government",
    "state", "national", "federal", "rebel", "militant", "opposition", "union", "company", "firm",
    "prime",
}  # fmt: skip
# What a verb says near it: objects, complements, modals of obligation ("China must drop barriers").
CORE_DEPS = {"dobj", "attr", "oprd", "xcomp", "ccomp", "acomp", "dative", "prt", "compound", "amod", "aux"}
# Words that make "demand" the market's ("strong demand from China", "consumer demand").
MARKET_WORDS = {
    "strong", "stronger", "weak", "weaker", "domestic", "consumer", "global", "world", "rising",
    "growing", "falling", "waning", "high", "higher", "low", "lower", "robust", "sluggish",
    "energy", "oil", "export", "import", "customer", "market", "seasonal", "underlying",
}  # fmt: skip
GOODS = {"good", "product", "car", "oil", "gas", "service", "steel", "export", "import", "housing", "commodity", "credit",
         "loan", "food", "energy", "fuel", "device", "phone", "computer", "chip", "share", "bond", "property"}  # fmt: skip
# Plans are threats only of these ("plans to impose restrictions"; not "to enter the market").
PLANNING = {"plan", "prepare", "prepared"}
FORCEFUL = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "THREATEN", "REJECT"}
FORCE = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"})  # what a threat threatens
# Cue words that say an event only as verbs ("shared intelligence", "declined to"; not "bank
# shares", "a decline in revenues").
VERB_ONLY_CUES = {"share", "shares", "exchange", "exchanges", "decline", "declines"}
# Verbs of attack that, aimed at what someone says or plans, are criticism, not force.
ATTACK_VERBS = {"attack", "hit", "slam", "blast", "lambast", "savage", "assail", "strike"}
DISCOURSE_NOUNS = {
    "plan", "policy", "proposal", "idea", "remark", "comment", "word", "statement", "speech",
    "decision", "record", "budget", "approach", "stance", "claim", "bill", "law", "reform",
    "strategy", "handling", "failure", "manifesto", "promise", "pledge", "view",
    "rhetoric", "agenda", "report", "programme", "program", "scheme", "move", "tactic",
    "ruling", "verdict", "assessment", "film", "book", "adaptation", "case", "ideology", "biography",
}  # fmt: skip
DEAL_NOUNS = {"deal", "agreement", "accord", "bargain", "compromise", "pact", "partnership", "truce"}
# Quantities of a market that move by themselves ("Shares in X rose", "Exports from Y fell").
QUANTITY_NOUNS = {"share", "stock", "price", "profit", "sale", "export", "import", "revenue", "output", "rate",
                  "number", "amount", "level"} | MARKET_THINGS  # fmt: skip
# What a firm makes does not act for it: "Sony PSP console hits US in March".
PRODUCTS = frozenset({
    "console", "handset", "phone", "device", "gadget", "product", "software", "format", "processor", "chip",
    "album", "single", "film", "movie", "car", "brand", "technology", "player", "computer", "laptop", "camera",
})  # fmt: skip
# What a firm or a market cuts, lifts, sheds or returns to: business figures, not political acts
# ("BA has cut 13,000 jobs", "lifted India's rating", "Lufthansa has returned to profit").
BUSINESS_FIGURES = QUANTITY_NOUNS | {
    "job", "rating", "dividend", "loss", "cost", "forecast", "spending", "budget", "workforce", "staff",
    "growth", "stake", "fee", "payment", "earning", "production", "capacity", "outlook", "interest",
    "limit", "assessment", "result", "cash", "money", "service", "product", "buyback",
}  # fmt: skip
# Verbs whose object does what their complement says ("accused Iran of arming X", "urged Iran
# to stop", "prevented him from fighting"); after others the subject acts ("met X to talk").
OBJECT_CONTROL_VERBS = frozenset({
    "accuse", "blame", "criticise", "criticize", "condemn", "fault", "suspect", "charge", "convict",
    "praise", "thank", "commend", "urge", "ask", "force", "persuade", "help", "allow", "encourage",
    "order", "press", "pressure", "warn", "prevent", "stop", "bar", "ban", "forbid", "invite",
    "assist", "enable", "train", "equip",  # "assisting the Iraqi government to destroy ISIL"
    "support", "back",  # "support the Syrian opposition to defend the Syrian people"
})  # fmt: skip
FAILING_VERBS = frozenset({"fail"})
# Verbs that end or ease what their object names ("lifted sanctions", "cut ties", "halted talks").
ENDING_VERBS = frozenset({
    "lift", "ease", "end", "remove", "scrap", "drop", "relax", "suspend", "halt", "stop", "cancel",
    "abandon", "revoke", "rescind", "repeal", "freeze", "cut", "sever", "terminate", "downgrade",
})  # fmt: skip
# Whom an evacuation relieves: "evacuated the wounded", "evacuated civilians from Aleppo".
EVACUEES = frozenset({
    "wounded", "injured", "sick", "civilian", "refugee", "child", "resident", "casualty", "survivor",
    "patient", "people", "family", "victim", "woman", "elderly",
})  # fmt: skip
# Armed truces, the verbs that break an agreement and those that declare a truce.
TRUCE_NOUNS = frozenset({"ceasefire", "cease-fire", "truce", "armistice"})
BREACHING_VERBS = frozenset({"violate", "breach", "break", "flout"})
DECLARING_VERBS = frozenset({"declare", "announce", "observe"})
# The relations an ending eases (a concession); ending any other tie or event is a sanction
# (PLOVER: "ease sanctions" CONCEDE; "cut or downgrade relations", "halt negotiations" SANCTION).
CONFLICT_RELATIONS = frozenset(r for r, family in FAMILY.items() if family in CONFLICTUAL)
# Force and enmity, whose nouns name the foe with "against" or "on", and with "for" the prize
FORCE_AND_ENMITY = frozenset({"ASSAULT", "COERCE", "HOSTILE"})
# Ties of backing: whom they back "in" a fight fights it, and what they are "to" fight is no recipient
BACKING = frozenset({"SUPPORT", "AID", "ALLY", "COOPERATE"})
# A conflict event named after one of these is what the clause answers or follows, not its
# subject's deed ("set fire to offices following the killing of an Israeli man").
SEQUEL_PREPS = frozenset({"after", "following", "amid", "since", "before"})
# Deeds that give, take back or withhold, whose type is what they move ("reduced its troops"
# RETREAT, "reduced food supplies to X" SANCTION); a violent verb's object is only its weapon.
GIVING_OR_TAKING = frozenset({"AID", "RETREAT", "CONCEDE", "SANCTION"})
# Event types that are deeds, which business figures cannot suffer.
DEEDS = frozenset({"ASSAULT", "COERCE", "SANCTION", "CONCEDE", "RETREAT", "MOBILIZE", "AID"})
# Force, and the show or threat of it, that a firm or an outlet uses only in figures of speech
# (a union's or a lobby's protest is a protest), where the sentence has no word of war (an
# "organization" may be a military unit the registry does not know: "the ISF fought off several
# counterattacks", "the 507th Maintenance Group plans to be deployed").
FIGURATIVE_FOR_FIRMS = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "THREATEN"})
WAR_WORDS = frozenset({
    "troop", "force", "soldier", "army", "military", "unit", "contingent", "peacekeeper", "munition", "bomb",
    "missile", "rocket", "grenade", "mortar", "artillery", "airstrike", "drone", "vbied", "counterattack",
    "deploy", "deployment", "militant", "fighter", "rebel", "insurgent", "terrorist", "weapon", "gunman",
})  # fmt: skip


def _of_war(sent: Span) -> bool:
    """The sentence speaks of troops, weapons or fighters."""
    return any(t.lemma_.lower() in WAR_WORDS for t in sent)


# Adjectives after a copula that state an intent or a guilt: the event the typer reads is real.
READINESS = {"willing", "ready", "prepared", "determined", "committed", "eager", "poised", "set", "guilty"}
DENYING_VERBS = DENY_VERBS - {"reject"}  # rejecting a proposal is an event of its own (REJECT)
REPORTING_VERBS = {"say", "tell", "report", "announce", "state", "add", "claim", "confirm", "note", "write"}
# Verbs of thinking, finding and neutral saying that frame a clause without being an event:
# "Mr Kennedy pointed out that the Netherlands have announced their withdrawal", "a poll
# suggests two-thirds of Britons support ...", "he hoped agreement could be reached".
FRAMING_VERBS = REPORTING_VERBS | {
    "point", "explain", "argue", "stress", "emphasize", "emphasise", "suggest", "indicate",
    "believe", "think", "expect", "hope", "feel", "find", "see", "know", "predict", "estimate",
    "conclude", "admit", "acknowledge", "recall", "observe", "remark", "reveal", "disclose",
    "show", "realise", "realize", "understand", "fear", "worry", "want", "wish",
}  # fmt: skip
# Verbs whose "it" is a dummy for a clause ("It emerged that ...", "It remains to be seen").
RAISING_VERBS = {"emerge", "remain", "seem", "appear", "occur", "happen", "transpire", "matter"}
# What one declines or refuses to do when saying nothing ("declined to comment").
NO_COMMENT = {"comment", "speculate", "elaborate", "say", "discuss", "confirm", "disclose", "give", "name"}
# Prepositions naming what talks or a deal are about, not who takes part ("talks on Syria").
TOPIC_PREPS = {"on", "about", "over", "for", "at"}
# Prepositions of the event a stance is about ("protested over the arrests", "insisted on demands").
STANCE_PREPS = {"over", "about", "against", "at", "for", "on"}
# Prepositions whose object an event without a recipient acts on or in.
RECIPIENT_PREPS = {"in", "from", "against", "at", "on", "over", "into", "to", "with", "toward", "towards"}
RECIPIENT_DEPTH = 3  # arcs below the trigger searched for a recipient when nothing closer names one
# event nouns whose "of" names who acts: "the withdrawal of Serbian forces from Bosnia"
# (Serbian forces withdraw; Bosnia is what they withdraw from)
DOER_OF_NOUNS = frozenset({"withdrawal", "pullout", "retreat"})
OBLIGATION_MODALS = frozenset({"must", "should"})
# Verbs whose complement is under way: "should stop arming X", "must continue to support X".
ONGOING_VERBS = frozenset({"stop", "cease", "halt", "end", "quit", "continue", "keep"})
NOMINAL_DEPS = {"pobj", "dobj", "nsubj", "nsubjpass", "attr", "appos"}


@dataclass
class RawClaim:
    """A tie found in the parse: token indices of its trigger and its two ends."""

    relation: str
    trigger: int
    subject: int
    object: int | None
    subject_actor: str
    object_actor: str | None
    negated: bool = False
    intended: bool = False
    hypothetical: bool = False
    construction: str = ""
    # character spans of the two parties, where the finder chose them (relation_model.py);
    # None: the pipeline reads them off the parse around `subject` / `object`
    subject_chars: tuple[int, int] | None = None
    object_chars: tuple[int, int] | None = None


def find_claims(doc: Doc, typer: EventTyper | None = None) -> list[RawClaim]:
    """Every tie stated in `doc` between actors the actor resolver found.

    The rules below come first; where they find no event in a sentence that names an actor,
    the sentence-level `typer` (a PLOVER classifier), if given, types the sentence's main event.
    In sentences left without an event, groups the resolver did not make actors ("Kurdish
    protesters", "the hackers": doc._.party_groups) may be the parties; those that are become
    actors (`promote_party_groups`), the others stay plain words.
    """
    out = _find(doc, doc._.refs, typer)
    groups = doc._.party_groups or {}
    if not groups:
        return out
    # a sentence is understood where the rules or the typer found an event between actors; one
    # whose party is a group read as its state ("Iranian hackers" as Iran) is read again
    understood = {sentence_of(doc, c.trigger)[0] for c in out if c.construction not in DESCRIPTIVE}
    understood -= {sentence_of(doc, c.trigger)[0] for c in out if _in_group(doc, c, groups)}
    open_sents = {sentence_of(doc, i)[0] for i in groups} - understood
    if not open_sents:
        return out
    refs = {**{i: a.id for i, (a, _, _) in groups.items()}, **doc._.refs}
    more = [c for c in _find(doc, refs, typer) if sentence_of(doc, c.trigger)[0] in open_sents]
    if not more:
        return out
    out = [
        c for c in out if sentence_of(doc, c.trigger)[0] not in open_sents or c.construction in DESCRIPTIVE
    ]
    promote_party_groups(doc, {a for c in more for a in (c.subject_actor, c.object_actor) if a})
    return _dedupe(out + more, doc)


def _in_group(doc: Doc, claim: RawClaim, groups: dict) -> bool:
    """A party of `claim` is a group's word or the place of "students in Kenya"."""
    for i in (claim.subject, claim.object):
        if i is None:
            continue
        tok = doc[i]
        if i in groups or (tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.i in groups):
            return True
    return False


def _find(doc: Doc, refs: dict[int, str], typer: EventTyper | None) -> list[RawClaim]:
    out: list[RawClaim] = []
    for tok in doc:
        if tok.pos_ in ("VERB", "AUX") or (tok.tag_ == "VBN" and tok.dep_ == "amod"):
            out += _verb_claims(tok, refs)
        if tok.pos_ in ("NOUN", "PROPN") or tok.dep_ in NOMINAL_DEPS:  # the tagger calls "airstrikes" a verb
            out += _noun_claims(tok, refs)
        out += _partaking_claims(tok, refs) + _unit_claims(tok, refs) + _one_of_claims(tok, refs)
        out += _included_claims(tok, refs) + _fire_taken_claims(tok, refs) + _within_claims(tok, refs)
    out += _role_claims(doc, refs)
    out += _acting_together_claims(doc, refs)
    out = [c for c in out if c.subject_actor != c.object_actor]
    if typer is not None:
        out += _typed_events(doc, refs, out, typer)
    for c in out:
        if c.object is None and c.relation in EVENT_TYPES:
            _fill_recipient(c, doc, refs)
    out = [r for c in out for r in _as_received(doc, c, refs)]
    out = [_as_words(doc, c) for c in out]
    out = [c for c in out if not _threat_to_no_one(doc, c)]
    out += [_as_announced(c) for c in out if _announced(doc, c)]
    out += _demands(doc, out, refs)
    out = [c for c in out if not _contest(doc, c) and not _inside_the_other(doc, c)]
    return _dedupe(out, doc)


def _as_words(doc: Doc, claim: RawClaim) -> RawClaim:
    """One person's attack on another, or on an outlet, is words ("Trump has responded with
    attacks on Machado", "Trump attacked Machado", "Britney Spears has attacked US tabloid
    magazines"), as a party's is (`_party_attacked`)."""
    if (
        claim.relation == "ASSAULT"
        and doc[claim.trigger].lemma_.lower() == "attack"
        and _actor_kind(doc, claim.subject_actor) == "person"
        and _actor_kind(doc, claim.object_actor) in ("person", "media")
    ):
        return replace(claim, relation="ACCUSE")
    return claim


# Verbs whose subject receives the act their object names: "Ukraine received military aid from
# the US", "Iran faces sanctions from the EU", "drew criticism from Labour", "settled charges
# from US regulators". The act is done by whom it comes from, to the subject.
RECEIVING_VERBS = frozenset({
    "receive", "get", "obtain", "earn", "garner", "attract", "face", "suffer", "endure", "incur", "settle",
    "escape", "answer",
})  # fmt: skip
# ... and verbs whose subject receives it only where they say from whom ("won praise from Bush",
# "fought sanctions from the EU", "drew criticism from Labour"; "won the war", "fought a battle",
# "drew up proposals" are the subject's own), or where it is a charge ("is fighting two lawsuits").
# (Who accepts an offer agrees to it: "accept" is neither.)
GIVEN_FROM_VERBS = frozenset({"win", "gain", "fight", "contest", "dispute", "resolve", "draw"})
# What one faces, settles, fights or earns, with the act it is, where the lexicon has no event
# noun for it or another ("charges" are also fees): "is contesting that fine" is no accusation.
RECEIVED_ACTS = {
    **dict.fromkeys(("charge", "allegation", "accusation", "lawsuit", "suit", "complaint", "indictment",
                     "trial", "rebuke", "censure"), "ACCUSE"),
    **dict.fromkeys(("fine", "penalty"), "SANCTION"),
    **dict.fromkeys(("praise", "plaudits", "acclaim"), "SUPPORT"),
    "pressure": "REQUEST",
}  # fmt: skip


def _received_act(claim: RawClaim, trigger: Token, refs: dict[int, str]) -> tuple[Token, Token, bool] | None:
    """(verb, act, named): the claim's trigger is an act of its relation that a receiving verb's
    subject receives, or such a verb whose object is that act; `named` where the words say it is
    one ("aid", "charges", "praise"), not only the typer's reading of the sentence ("faces a
    rebellion after deciding to back ID cards")."""
    pairs = [(trigger.head, trigger)] if trigger.dep_ == "dobj" else []
    pairs += [(trigger, o) for o in trigger.children if o.dep_ == "dobj"]
    for verb, act in pairs:
        lemma = verb.lemma_.lower()
        if lemma not in RECEIVING_VERBS and lemma not in GIVEN_FROM_VERBS:
            continue
        if prep_objects(act, ("with",)):
            continue  # "faced an on-going battle with the CSA": both sides' act
        if act.lemma_.lower() in RECEIVED_ACTS or (
            _event_noun(act) and _noun_relation(act) == claim.relation
        ):
            return verb, act, True
        if (
            claim.construction == "typed"
            and act.pos_ == "NOUN"
            and not _actor(act, refs)
            and act.ent_type_ not in ("DATE", "TIME")  # "suffered a weekend of protests"
            and _noun_relation(act) in (None, claim.relation)
        ):
            return verb, act, False
    return None


def _as_received(doc: Doc, claim: RawClaim, refs: dict[int, str]) -> list[RawClaim]:
    """A claim whose subject receives the act is the giver's act on the subject, one per giver
    ("received aid from the US": AID by the US to its receiver); none where no giver is named
    ("faces charges", "earned praise for turning Aer Lingus around": the subject did nothing)."""
    found = _received_act(claim, doc[claim.trigger], refs)
    if found is None:
        return [claim]
    verb, act, named = found
    subjects = _subject_tokens(verb)
    receivers = {
        _actor(t, refs) for s in subjects for t in (s, *s.children) if t is s or t.dep_ in PARTY_MODIFIERS
    }
    if claim.subject_actor not in receivers:  # (or its owner: "Toshiba's technology has won backing")
        return [claim]  # "the US gave Ukraine aid it received from Congress": not this one
    modifiers = [c for c in act.children if c.dep_ in PARTY_MODIFIERS]  # "receive IMF support"
    givers = [
        t
        for o in prep_objects(act, ("from", "by")) + prep_objects(verb, ("from",)) + modifiers
        for t in _with_conjuncts(o)
        if _actor(t, refs) and _actor(t, refs) != claim.subject_actor
    ]
    received = RECEIVED_ACTS.get(act.lemma_.lower())
    if not givers and (not named or (verb.lemma_.lower() in GIVEN_FROM_VERBS and received is None)):
        return [claim]  # "won the war": the winner's own act
    # "is fighting a lawsuit from X", whatever the typer read: X accuses the subject
    relation = received or claim.relation
    return [
        replace(claim, relation=relation, subject=g.i, subject_actor=_actor(g, refs), object=claim.subject,
                object_actor=claim.subject_actor, subject_chars=None, object_chars=claim.subject_chars)
        for g in givers
    ]  # fmt: skip


NAME_PARTS = frozenset({"compound", "amod", "nmod"})
PARTY_MODIFIERS = NAME_PARTS | {"poss"}


def names_a_product(tok: Token) -> bool:
    """The token names the maker of a product in a phrase that is the product ("Sony PSP console")."""
    while tok.dep_ in PARTY_MODIFIERS and tok.head.i != tok.i:
        tok = tok.head
    return tok.lemma_.lower() in PRODUCTS


def _threat_to_no_one(doc: Doc, claim: RawClaim) -> bool:
    """A warning, a plan or a vow aimed at no one named is a threat only of force or coercion
    ("plans to impose restrictions", "is prepared to impose martial law") or in so many words
    ("threatened legal action", "threatening to resign"); not "warned of rising obesity levels",
    "unveiled plans to build homes", "issued a warning that the show was unsuitable"."""
    if claim.relation != "THREATEN" or claim.object_actor is not None:
        return False
    verb = doc[claim.trigger]
    if verb.lemma_.lower() in ("threaten", "threat", "ultimatum"):
        return False
    return not any(_forceful(a, FORCE) for a in _announced_acts(verb))


def _inside_the_other(doc: Doc, claim: RawClaim) -> bool:
    """One party is a word of the other's phrase ("questioned by UK police": the police, not the
    UK and the police): an event's two parties are two phrases; a title or a tie noun's are not
    ("Afghan President Ashraf Ghani", "the US-led coalition": `DESCRIPTIVE`; "the US-China talks")."""
    if claim.object is None or claim.construction in DESCRIPTIVE | {"between"}:
        return False
    s, o = doc[claim.subject], doc[claim.object]
    return (o.head.i == s.i and o.i < s.i and o.dep_ in PARTY_MODIFIERS) or (
        s.head.i == o.i and s.i < o.i and s.dep_ in PARTY_MODIFIERS
    )


# What a deed announced for later states now (PLOVER): force, coercion or sanctions a threat
# ("will impose a curfew", "plans to impose restrictions on X", "would tighten the blockade of
# Serbia"), a meeting, help or concession a promise ("Fischer will visit Albania in June",
# "Turkey will allow 13,000 refugees to return").
ANNOUNCED = {
    **dict.fromkeys(("ASSAULT", "COERCE", "SANCTION"), "THREATEN"),
    **dict.fromkeys(("CONSULT", "AID", "CONCEDE", "RETREAT", "COOPERATE"), "AGREE"),
}
PLANNING_WORDS = PLANNING | {"ready", "intend", "vow", "poise", "poised", "consider"}
FUTURE_AUX = frozenset({"will", "would", "'ll", "shall"})
# Who announces: political actors; a leader may agree to meet, only states and groups threaten here.
ANNOUNCING_KINDS = {
    "THREATEN": frozenset({"state", "government", "armed_group", "igo", "party"}),
    "AGREE": frozenset({"state", "government", "armed_group", "igo", "party", "person"}),
}


def _announced(doc: Doc, claim: RawClaim) -> bool:
    """The claim is a deed a political actor announces or plans toward another (`ANNOUNCED`),
    not one done, asked for ("called for sanctions"), denied or conditional on another's act
    ("if X attacks")."""
    reading = ANNOUNCED.get(claim.relation)
    if reading is None or claim.negated or claim.construction in DESCRIPTIVE:
        return False
    if claim.object_actor is None or _actor_kind(doc, claim.subject_actor) not in ANNOUNCING_KINDS[reading]:
        return False
    trigger = doc[claim.trigger]
    if trigger.pos_ == "NOUN" and (_asked_for(trigger) or trigger.dep_ != "dobj"):
        return False
    verb = trigger.head if trigger.pos_ == "NOUN" else trigger
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in verb.children):
        return False
    if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and bool({verb.head.lemma_.lower(), verb.head.lower_} & PLANNING_WORDS)


def _as_announced(claim: RawClaim) -> RawClaim:
    return replace(
        claim,
        relation=ANNOUNCED[claim.relation],
        intended=False,
        hypothetical=False,
        construction="announced",
    )


def _contest(doc: Doc, claim: RawClaim) -> bool:
    """The claim's words speak of a sporting or prize contest, not a political event:
    "Isinbayeva broke her own world record" (no ASSAULT), "Gebrselassie will face Olympic
    champion Stefano Baldini" (no CONSULT), "Brizzel will defend his 200m title", "Lagat beat
    Canada's Nate Brannen", "Tautou will compete against Maggie Cheung for best actress".

    Verbs that keep their sense whatever the clause speaks of ("police arrested fans after the
    match") are left alone; roles and descriptions are not events."""
    if claim.construction in DESCRIPTIVE or claim.relation not in (*EVENT_TYPES, "LEADS", "MEMBER"):
        return False
    trigger = doc[claim.trigger]
    lemma = trigger.lemma_.lower()
    if lemma in COMPETING_VERBS:
        return True
    ends = (claim.subject_actor, claim.object_actor)
    if lemma in RIVALRY_VERBS and all(_actor_kind(doc, a) == "person" for a in ends):
        return True
    if (
        claim.object is not None
        and _actor_kind(doc, claim.object_actor) != "person"
        and _contest_word(_phrase(doc[claim.object]))
    ):
        return True  # "commits to Dublin race", "preparing for the London marathon": a race, not a place
    sense = lemma in CONTEST_SENSE_VERBS
    if trigger.pos_ in ("VERB", "AUX") and lemma in EVENT_VERBS and not sense:
        return False
    clause = trigger
    while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
        clause = clause.head  # an event noun speaks in its verb's clause ("endured an epic battle")
    # what the clause says near its verb, not how it names its doer ("world record holder Tim
    # Montgomery is facing a ban") nor, but for verbs with a sense in contests ("will face
    # Olympic champion Stefano Baldini"), the other party ("banned marathon runner X")
    parties = {t.i for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "agent") for t in c.subtree}
    if claim.object is not None and not sense:
        parties |= {t.i for t in _phrase(doc[claim.object]).subtree}
    level, said = [clause], []
    for _ in range(CONTEST_DEPTH):
        level = [c for t in level for c in t.children if c.i not in parties and c.dep_ != "relcl"]
        said += level
    return any(_contest_word(t) for t in said)


def _contest_word(tok: Token) -> bool:
    """A word of sport or prizes ("title", "marathon", "competed"); a record only where it is
    broken or a world's ("broke the Irish record"), not one defended ("defended her record")."""
    if tok.lemma_.lower() in COMPETING_VERBS:
        return True
    if tok.lower_ not in CONTEST_NOUNS or tok.pos_ not in ("NOUN", "PROPN") or tok.ent_type_ in NER_LABELS:
        return False
    if tok.lower_ in ("record", "records"):
        return tok.head.lemma_.lower() in RECORD_VERBS or any(c.lower_ == "world" for c in tok.children)
    return True


def _phrase(tok: Token) -> Token:
    """The head of the noun phrase a name is part of ("runner" for "Chepkemei" in "marathon
    runner Susan Chepkemei")."""
    while tok.dep_ in ("compound", "appos", "flat") and tok.head.i != tok.i:
        tok = tok.head
    return tok


RECORD_VERBS = frozenset({"break", "set", "smash", "equal", "beat", "shatter"})
# How far below its verb a clause's words say what the clause is about ("led from the end of
# the first lap": three arcs).
CONTEST_DEPTH = 3


def _purpose_against(trigger: Token, relation: str) -> set[int]:
    """The tokens of a purpose clause of force after backing: "is training Kurdish fighters to
    fight ISIS" names whom the aid is against, not whom it goes to."""
    if relation not in BACKING:
        return set()
    return {
        t.i
        for c in trigger.children
        if c.dep_ in ("advcl", "xcomp") and _kind_of_verb(c) in FORCE_AND_ENMITY
        for t in c.subtree
    }


def _fill_recipient(claim: RawClaim, doc: Doc, refs: dict[int, str]) -> None:
    """An event found without a recipient takes the actor its clause acts on, if one is named:
    the subject of what is demanded ("demanded that the Sudanese government end curbs"), a
    name on the thing acted on ("shelled Kampuchean guerrilla camps"), or the actor of an
    in/from/against phrase ("lifted a curfew in Montenegro", "seized weapons from X")."""
    trigger = doc[claim.trigger]
    heads = [trigger, *[c for c in trigger.children if c.dep_ in ACTED_ON_DEPS]]
    acted_on, doers = _acted_on(trigger)
    # who is to act: "demanded that Sudan end curbs", "insisted on demands that Burundi grant ..."
    to_act = [s for c in trigger.children if c.dep_ == "ccomp" for s in _subject_tokens(c)]
    to_act += [s for h in acted_on for c in h.children if c.dep_ in ("acl", "ccomp")
               and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children) for s in _subject_tokens(c)]  # fmt: skip
    # "condemned the attack on Syria": Syria suffered it; only a doer is blamed, or, for talks
    # and deals, the other side ("rejected negotiations with X"), or whom the stance is put to
    # ("protested to Israel over the arrests")
    stance_on_event = claim.relation in STANCE_RELATIONS and any(_event_noun(h) for h in acted_on)
    if stance_on_event:
        candidates = doers + [o for h in acted_on if _event_noun(h) for o in prep_objects(h, ("with",))]
        candidates += prep_objects(trigger, ("to",))
    else:
        candidates = to_act + doers
        if claim.relation == "PROTEST":
            candidates += _protested(trigger)
        candidates += [o for h in heads for o in prep_objects(h, RECIPIENT_PREPS)]
        candidates += [o for h in heads[1:] for o in _objects(h)]
        # whose the thing acted on is: "pressured workers of the United Bus Company"
        candidates += [o for h in heads[1:] for o in prep_objects(h, ("of",))]
    near = len(candidates)
    if not stance_on_event and _actor_kind(doc, claim.subject_actor) not in NON_POLITICAL_KINDS:
        candidates += _nearest_first(trigger, RECIPIENT_DEPTH)
    subject_side = {t.i for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
    if claim.relation in STANCE_RELATIONS:  # "attacked the government over Iraq": Iraq is the topic
        subject_side |= {t.i for o in prep_objects(trigger, ("over", "about")) for t in o.subtree}
    if claim.relation in ("CONSULT", "AGREE"):
        subject_side |= _talked_about(trigger)
    subject_side |= _purpose_against(trigger, claim.relation)
    subject_side |= _fighting_alongside(trigger, claim.relation)
    for n, tok in enumerate(candidates):
        actor = _actor(tok, refs)
        if not actor or actor == claim.subject_actor or tok.i == claim.subject or tok.i in subject_side:
            continue
        if _organ_of(tok, claim.subject_actor, refs):
            continue  # "Russia reinforced its troops near the border": its own troops suffer nothing
        if tok.dep_ == "poss" and _someone_else(tok.head, tok):
            continue  # "accused the prime minister and his chancellor": the chancellor, not "him"
        if n >= near and _actor_kind(doc, actor) in NON_POLITICAL_KINDS:
            continue  # the wider search is for political events: no company or outlet found that way
        claim.object, claim.object_actor = tok.i, actor
        return


def _fighting_alongside(verb: Token, relation: str) -> set[int]:
    """Who is "with" the subject of a force act whose target is named ("targeting the training
    with the Iraqis", "shelling the camps with the Iraqi army"): a companion, no target (but
    "fought a war with Iraq": the event's other side)."""
    targets = [c for c in verb.children if c.dep_ == "dobj" and not _event_noun(c)]
    if relation not in FORCE_AND_ENMITY or not targets:
        return set()
    return {t.i for h in (verb, *targets) for o in prep_objects(h, ("with",)) for t in o.subtree}


def _acted_on(trigger: Token) -> tuple[list[Token], list[Token]]:
    """What an event acts on (its objects, and events it is about: "complained over Israeli
    raids") and who did those things ("condemned the attack by ISIL", "welcomed Iran's decision")."""
    acted_on = [c for c in trigger.children if c.dep_ in ACTED_ON_DEPS]
    acted_on += [o for o in prep_objects(trigger, STANCE_PREPS) if _event_noun(o)]
    # "denounced as an ugly crime Serbia's suppression of ...": the parser hangs the fronted
    # object on the "as" phrase
    acted_on += [a for o in prep_objects(trigger, ("as",)) for a in o.children if a.dep_ == "appos"]
    return acted_on, [d for h in acted_on for d in _doers_of(h)]


def _doers_of(thing: Token) -> list[Token]:
    """Who did a thing acted on: its by-phrase, possessor or modifier ("violations by the Israeli
    military", "Israel's raids", "Israeli raids")."""
    return prep_objects(thing, _doer_preps(thing)) + [
        m for m in thing.children if m.dep_ in NAME_MODIFIER_DEPS
    ]


def _doer_preps(noun: Token) -> tuple[str, ...]:
    """The prepositions that name who does what an event noun names: "by", "of" for a
    withdrawal ("the withdrawal of Serbian forces"), "from" for a demand, criticism or threat
    ("the demand from Uganda that ...")."""
    if noun.lower_ in DOER_OF_NOUNS:
        return ("by", "of")
    if EVENT_NOUNS.get(noun.lemma_.lower()) in ("REQUEST", "ACCUSE", "THREATEN"):
        return ("by", "from")  # "criticism from the Lords committee", "threats from Iran"
    return ("by",)


def _protested(trigger: Token) -> list[Token]:
    """What a protest is against, below its trigger: "staged a hunger strike in protest
    against violations by Algerian security forces" -> the violations' doer, or the thing
    protested itself ("to protest at the settlement of Russian immigrants")."""
    out = []
    for tok in trigger.subtree:
        if tok.lemma_.lower() != "protest":
            continue
        things = [c for c in tok.children if c.dep_ == "dobj"]
        things += prep_objects(tok, ("against", "at", "over", "of"))
        for thing in things:
            out += prep_objects(thing, ("by", "of"))
            out += [m for m in thing.children if m.dep_ in ("poss", "compound", "amod")]
            out.append(thing)
    return out


def _kind_of_verb(verb: Token) -> str | None:
    """The event type a verb names by itself: the hand lexicon's, else CAMEO's ("ban" COERCE)."""
    lemma = verb.lemma_.lower()
    return EVENT_VERBS.get(lemma) or lexicon()[0].get(lemma)


def _event_noun(tok: Token) -> bool:
    """A noun naming an event ("attack", "invasion", "talks")."""
    return tok.pos_ == "NOUN" and (tok.lower_ in EVENT_NOUNS or tok.lemma_.lower() in EVENT_NOUNS)


def _nearest_first(trigger: Token, depth: int) -> list[Token]:
    """The trigger's dependents, breadth first, down to `depth` arcs: where the constructions
    above name no recipient, the nearest actor below the event ("help defend Saudi Arabia",
    "rejected calls by Kofi Annan", "denounced Serbia's suppression of ...")."""
    out, level = [], [trigger]
    for _ in range(depth):
        level = [c for t in level for c in t.children if c.dep_ != "punct"]
        out += level
    return out


def _typed_events(doc: Doc, refs: dict[int, str], found: list[RawClaim], typer: EventTyper) -> list[RawClaim]:
    """One event per sentence the rules left without a claim: the typer's type, the parties from
    the main verb ("Egyptian police arrested 12 demonstrators": COERCE by the police)."""
    # the rules understood these sentences' events; a role or a description ("Afghan President
    # X", "a Taliban ally", "the U.S.-backed government") says nothing about what happened
    with_event: dict[int, set[str]] = {}
    for c in found:
        if c.construction not in DESCRIPTIVE:
            with_event.setdefault(sentence_of(doc, c.trigger)[0], set()).add(c.relation)
    rule_triggers = {c.trigger for c in found}
    # "Turkey is a member of NATO": the copula states the tie the rules found, no event
    stated_ties = {doc[c.trigger].head.i for c in found if c.construction == "tie-noun"}
    candidates = []
    for sent in doc.sents:
        if not any(i in refs for i in range(sent.start, sent.end)):
            continue
        verb = _main_event_verb(sent)
        if verb is None or (verb.lemma_ == "be" and verb.i in stated_ties) or _no_comment(verb):
            continue
        verb = _joined_in(verb) or verb  # "Britain joined France in imposing sanctions on Iran"
        subjects = _acting_subjects(verb, refs)
        if verb.lemma_.lower() in RAISING_VERBS:
            subjects = [t for t in subjects if t.lower_ != "it"]
        if not subjects:
            continue
        candidates.append((sent, verb, subjects))
    if not candidates:
        return []
    out = []
    for (_sent, verb, subjects), (relation, prob) in zip(
        candidates, typer.predict([s.text for s, _, _ in candidates]), strict=True
    ):
        rule_types = with_event.get(_sent.start)
        if prob < (TYPER_THRESHOLD if rule_types is None else TYPER_SECOND_THRESHOLD) or relation in (
            rule_types or ()
        ):
            continue  # where the rules found an event, a different type needs a confident typer
        if rule_types and verb.lemma_.lower() in DENYING_VERBS:
            continue  # "Iran denied supplying drones": the denial negates the rules' event
        if not _typed_reading_holds(verb, relation, rule_triggers, refs):
            continue
        if verb.i in rule_triggers and _kind_of_verb(verb) == relation:
            continue  # the rules read this verb otherwise ("defended itself against Russia": HOSTILE)
        read = _topic_reading(verb, relation)
        relation = _retyped(verb, read or relation)
        objects = [t for o in _objects(verb) for t in _with_conjuncts(o) if _actor(t, refs)]
        objects = objects or _passive_theme(verb, refs)
        if relation in STANCE_RELATIONS:  # "complained to the UN over Israeli raids": Israel
            objects = [t for t in _acted_on(verb)[1] if _actor(t, refs)] or objects
        for comp in _complements(verb):
            objects = objects or [t for o in _objects(comp) for t in _with_conjuncts(o) if _actor(t, refs)]
        subject = subjects[0]
        if relation in FIGURATIVE_FOR_FIRMS and _non_political([subject], refs) and not _of_war(_sent):
            continue  # "Wal-Mart fights back at accusers", "Sony lost out to JVC in that fight": words
        caller = _caller(verb, refs) if relation == "REQUEST" else None
        if caller is not None:  # "Mubarak said the US must mediate": Mubarak asks it of the US
            subject, objects = caller, subjects
        objects = [o for o in objects if not _own(o, subject, refs)]
        if not objects:  # "Syria offered its troops to Lebanon's president": to whom
            objects = [t for o in prep_objects(verb, ("to",)) for t in _with_conjuncts(o)
                       if _actor(t, refs) and not _own(t, subject, refs)]  # fmt: skip
        partners = [t for t in subjects[1:] if _actor(t, refs) != _actor(subject, refs)]
        if not objects and partners and relation in JOINT_RELATIONS:
            # "Israel and the Palestinians reached a consensus": the subjects act with each other
            out += _joint(relation, verb, [subject, *partners], refs, "typed")
            continue
        if not read and not (
            _verb_cues(verb, relation)
            if rule_types and not objects
            else _has_cue(_core(verb, toward=bool(objects)), relation, besides=rule_types)
            or _verb_cues(verb, relation)
            or _ready(verb)
        ):
            continue  # no word near the verb says this kind of event: the typer is guessing
        claim = _claim(relation, verb, subject, objects[0] if objects else None, refs, "typed")
        out.append(claim)
    return out


# What makes a fight, a battle or a war one fought without force.
CONTESTS_WITHOUT_FORCE = frozenset({
    "legal", "court", "courtroom", "political", "diplomatic", "trade", "price", "takeover", "bidding",
    "boardroom", "verbal", "propaganda", "leadership", "custody", "tariff", "currency", "ratings", "turf",
    "bid", "election", "electoral", "media", "public", "regulatory", "patent", "copyright", "tax",
})  # fmt: skip


# Verbs of putting arms to use, whose object is the act ("used chemical weapons against X").
USING_VERBS = frozenset({"use", "employ", "deploy"})


def _topic_reading(verb: Token, relation: str) -> str | None:
    """Where the typer read the event that the verb acts on rather than the verb, what the verb
    does with it: "complained to the UN over Israeli air raids" ACCUSE (not ASSAULT), "police
    prevented the demonstration" COERCE (CAMEO's pattern, not PROTEST), "lifted its sanctions"
    CONCEDE. None where the verb itself says the typer's type ("agreed a deal")."""
    if _verb_cues(verb, relation) or verb.lemma_.lower() in LIGHT_VERBS | USING_VERBS:
        return None  # "used chemical weapons against X": the use is the attack, its noun's claim
    topics = [c for c in verb.children if c.dep_ == "dobj"] + prep_objects(verb, tuple(STANCE_PREPS))
    topic = next((t for t in topics if _event_noun(t) and _noun_relation(t) == relation), None)
    if topic is None:
        return None
    if _ended(topic, relation):
        return "CONCEDE" if relation in CONFLICT_RELATIONS else "SANCTION"
    stance = _kind_of_verb(verb)
    if relation in DEEDS and stance in STANCE_RELATIONS:
        return stance
    return pattern_type(verb, topic)


def _noun_relation(noun: Token) -> str | None:
    """The event type a noun names: the lexicon's, else what a strike or an undertaking is by
    its modifiers; arms used "against" another are force ("chemical weapons against the SDF")."""
    relation = EVENT_NOUNS.get(noun.lower_) or EVENT_NOUNS.get(noun.lemma_.lower())
    if (
        relation == "AID"
        and noun.lemma_.lower() in ORDNANCE
        and (_against(noun) or (noun.dep_ == "dobj" and _against(noun.head)))
    ):  # "chemical weapons against the SDF", "used chemical weapons against the Syrian people"
        return "ASSAULT"
    if (
        relation is None
        and noun.lemma_.lower() == "use"
        and _against(noun)
        and any(t.lemma_.lower() in ORDNANCE for o in prep_objects(noun, ("of",)) for t in _with_conjuncts(o))
    ):  # "was involved in the use of suicide vehicles, IEDs and chemical weapons against the SDF"
        return "ASSAULT"
    if relation == "ASSAULT" and any(
        c.dep_ in ("amod", "compound") and c.lemma_.lower() in CONTESTS_WITHOUT_FORCE for c in noun.children
    ):
        return "HOSTILE"  # "the legal fight between Russia and Yukos", "a trade war": enmity, no force
    return relation or _strike_type(noun) or _undertaking_type(noun)


def _hosted(guest: Token, refs: dict[int, str]) -> bool:
    """Whom one welcomes as a visitor: a person, or anyone welcomed "to" a place."""
    if _actor(guest, refs) is None:
        return False
    return _kind_of(guest, refs) == "person" or bool(prep_objects(guest.head, ("to",)))


def _conducted_by(noun: Token) -> list[Token]:
    """Who carried out an event, named by a participle: "a raid conducted by the U.S. military",
    "strikes carried out by Russian jets"."""
    return [
        o
        for acl in noun.children
        if acl.dep_ == "acl" and acl.tag_ == "VBN" and acl.lemma_.lower() in CONDUCTING_VERBS
        for agent in acl.children
        if agent.dep_ == "agent"
        for o in agent.children
        if o.dep_ == "pobj"
    ]


def _harmed(noun: Token) -> list[Token]:
    """Who died or was hurt in or by the attack a noun names: the subject of "were killed in an
    air strike", "was wounded by a coalition airstrike", "died in a US drone strike"."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in ("in", "by"):
        return []
    verb = noun.head.head
    if verb.lemma_.lower() not in HARM_VERBS:
        return []
    return _subject_tokens(verb)  # "was targeted and killed in a raid": the conjunct's subject


def _against(noun: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "against" for c in noun.children)


# What one holds against a foe: "ISIL's defenses against the SDF", "positions against ISIL".
DEFENSIVE_NOUNS = frozenset({"defence", "defense", "position"})


def _undertaking_type(noun: Token) -> str | None:
    """ "a military campaign", "strike missions against ISIL", "a police operation against the
    gangs": force or coercion by its modifiers; an undertaking "against" someone is force, but a
    campaign only a military one ("a campaign against the government" may be a petition)."""
    lemma = noun.lemma_.lower()
    if lemma in DEFENSIVE_NOUNS and noun.pos_ == "NOUN" and _against(noun):
        return "HOSTILE"  # "ISIL's defenses against the SDF", "defensive positions against ISIL fighters"
    if lemma not in ("campaign", "operation", "mission") or noun.pos_ != "NOUN":
        return None
    words = _modifier_words(noun)
    if words & POLICING_WORDS:
        return "COERCE" if _against(noun) else None
    if words & (BLOW_WORDS | COMBAT_WORDS) or (lemma != "campaign" and _against(noun)):
        return "ASSAULT"
    return None


def _typed_reading_holds(verb: Token, relation: str, rule_triggers: set[int], refs: dict[int, str]) -> bool:
    """The typer reads the whole sentence, frame and all; its type stands only where the verb
    can state such an event at all."""
    lemma = verb.lemma_.lower()
    # a light verb states only the event its object names ("Japan has $850bn in reserves"
    # states none), and none where the rules typed that object ("launched strikes": ASSAULT)
    if lemma in LIGHT_VERBS and (
        not _carries(verb, relation) or any(c.dep_ == "dobj" and c.i in rule_triggers for c in verb.children)
    ):
        return False
    if relation == "THREATEN" and not _threat(verb):
        return False  # "BMW is preparing to enter the market" threatens no one
    if relation in DEEDS | {"COOPERATE", "AGREE"} and _on_figures(verb):
        return False  # "BA has cut 13,000 jobs", "Arcelor shed 2.1%", "increased its dividend": business
    if _no_deed(verb, relation, refs):
        return False
    if lemma == "insist" and _indicative_complement(verb):
        return False  # "Ms Jowell insisted his concerns had been met": an assertion, no demand
    if lemma == "be" and not _copula_event(verb, relation):
        return False  # "the organisation is secretive", "it was a good deal": a description
    if relation == "REQUEST" and call_sense(verb) not in (None, "ask"):
        return False  # "Mr Howard called that suggestion disgraceful" asks nothing
    return not _framing(verb) or _verb_cues(verb, relation)  # "argued that", "believes": the verb must say it


# What one shoots that is no one: a film, a scene, a ball ("shot basketball hoops with students")
SHOT_THINGS = frozenset({"film", "movie", "video", "footage", "scene", "episode", "documentary", "advert",
                         "photo", "photograph", "picture", "hoop", "ball", "goal", "round", "par"})  # fmt: skip
# What one strikes that is no one ("his Budget struck a balance", "struck a chord").
STRUCK_THINGS = frozenset({"balance", "chord", "note", "pose", "tone", "match"})


# Verbs of winning, and what one wins in a vote or a contest rather than in a fight: "defeated
# Yanukovych at the polls", "beat Labour in the seat", "beat Oasis in the DVD category", "the
# government was defeated by 10 votes", "MPs defeated the bill".
WINNING_VERBS = frozenset({"defeat", "beat", "trounce", "thrash", "rout", "outvote"})
CONTESTS = frozenset({
    "election", "poll", "polls", "vote", "ballot", "race", "primary", "contest", "referendum", "runoff",
    "caucus", "seat", "constituency", "category", "award", "final", "match", "game", "tournament",
    "championship", "cup", "round", "bill", "motion", "amendment", "proposal", "measure", "resolution",
    "legislation",
})  # fmt: skip


# Who is released when a release is a concession: people ("released 20 hostages"), not things
# ("is releasing tools", "released its results", "released a screensaver").
CAPTIVES = frozenset({
    "hostage", "prisoner", "detainee", "captive", "inmate", "sailor", "soldier", "journalist", "reporter",
    "activist", "suspect", "man", "woman", "child", "people", "person", "national", "citizen", "worker",
    "tourist", "crew", "member", "pilot", "fighter", "militant", "body", "remains",
})  # fmt: skip
FIGHTING_VERBS = frozenset({"fight", "battle", "struggle"})
# Verbs that need whom they punish: without an object their subject is the punished.
PUNISHING_VERBS = frozenset({
    "jail", "imprison", "arrest", "detain", "sentence", "convict", "deport", "expel", "sack", "fine", "ban",
    "suspend", "exile", "kidnap", "abduct", "execute", "hang",
})  # fmt: skip
RIVALRY = frozenset({"competition", "rivalry", "rival", "challenge", "challenger", "bid"})


def _a_person(tok: Token, refs: dict[int, str]) -> bool:
    """The token names a person or an actor: an actor, a person's name, a pronoun, a captive."""
    return (
        tok.i in refs
        or tok.ent_type_ in ("PERSON", "NORP", "ORG", "GPE")
        or tok.pos_ == "PRON"
        or tok.lemma_.lower() in CAPTIVES
    )


def _no_deed(verb: Token, relation: str, refs: dict[int, str]) -> bool:
    """Verbs of an event type in their other sense: "Lord X died at a London hospice" (the one
    who died did nothing to anyone), "by demonstrating the strength of our values" (showing, no
    protest), "shot a film", "shot basketball hoops", "struck a balance", "defeated him at the
    polls" (a vote, not a fight), "released new software", "fighting for her job"."""
    lemma = verb.lemma_.lower()
    objects = [c for c in verb.children if c.dep_ in ("dobj", "ccomp")]
    if relation == "ASSAULT" and lemma == "die":
        return True
    if (
        relation in ("COERCE", "ASSAULT")
        and lemma == "take"
        and any(o.lemma_.lower() in ("place", "part") and not list(o.children) for o in objects)
    ):
        return True  # "the film takes place in Kerala", "took part in the talks": no one is seized
    if (
        relation in ("COERCE", "SANCTION")
        and lemma in PUNISHING_VERBS
        and not any(c.dep_ in ("dobj", "auxpass") for v in (verb, *verb.conjuncts) for c in v.children)
    ):
        return True  # "Singer Sizzla jailed for swearing": a headline's passive, its subject the jailed
    if relation in ("RETREAT", "CONCEDE") and lemma in ("release", "free"):
        freed = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        return bool(freed) and not any(_a_person(t, refs) for f in freed for t in (f, *f.conjuncts))
    if relation == "ASSAULT" and lemma in FIGHTING_VERBS:
        if any(o.lemma_.lower() in RIVALRY for o in objects):
            return True  # "fought off competition from CBBC Newsround and the Guardian"
        if any(o.ent_type_ not in ("DATE", "TIME") for o in prep_objects(verb, ("for",))):
            # "fighting for her job", "for survival"; not "fought ISIL for the town", "against
            # Russia", "fought for 34 days"
            return not any(c.dep_ == "dobj" for c in verb.children) and not any(
                t.lower_ == "against" for t in verb.subtree
            )
    if relation == "ASSAULT" and lemma in WINNING_VERBS:
        won = objects + prep_objects(verb, ("at", "in", "by", "on", "for"))
        return any(t.lemma_.lower() in CONTESTS or t.lower_ in CONTESTS for t in won)
    if relation == "PROTEST" and lemma == "demonstrate":
        return bool(objects)
    things = {"shoot": SHOT_THINGS, "strike": STRUCK_THINGS}.get(lemma, ())
    return relation == "ASSAULT" and any(o.lemma_.lower() in things for o in objects)


def _indicative_complement(verb: Token) -> bool:
    """The verb's clause states a fact (past or present tense, no modal of obligation): "insisted
    his concerns had been met", not "insisted that Iraq must disarm" or "that the inspectors leave"."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp" or (c.dep_ == "conj" and _subject_tokens(c))]
    if verb.dep_ in ("parataxis", "ccomp") and verb.head.i < verb.i:
        clauses.append(verb.head)  # "Taxes will rise, Mr Howard insisted."
    for clause in clauses:  # (a misparsed complement hangs as a conjunct with its own subject)
        auxes = [a for a in clause.children if a.dep_ in ("aux", "auxpass")]
        if any(a.lower_ in OBLIGATION_MODALS for a in auxes):
            return False
        if any(t.tag_ in ("VBD", "VBZ", "MD") for t in [clause, *auxes]):
            return True  # "had been met", "is", "will appeal": a fact or a forecast
    return False


def _on_figures(verb: Token, amounts: bool = True) -> bool:
    """The verb acts on a business figure or (`amounts`) an amount: its object or what it goes
    to ("cut 13,000 jobs", "lifted interest rates 0.25%", "returned to profit", "shed 2.1%")."""
    things = [c for c in verb.children if c.dep_ in ("dobj", "npadvmod")]
    things += prep_objects(verb, ("to", "into"))
    return any(
        t.lemma_.lower() in BUSINESS_FIGURES or (amounts and t.ent_type_ in ("MONEY", "PERCENT", "QUANTITY"))
        for t in things
    )


def _core(verb: Token, toward: bool, depth: int = 2) -> list[Token]:
    """What the verb says, near it: its objects and complements, their prepositional objects,
    down `depth` levels; not asides, reasons or relative clauses ("suffered a fall in profits
    due to waning demand" says nothing of demands). Its modals are of it where they oblige
    ("China must drop barriers") or, `toward` another actor, where they announce ("will visit")."""
    out, level = [verb], [verb]
    for _ in range(depth):
        nxt = []
        for t in level:
            for c in t.children:
                if c.dep_ == "aux" and c.lower_ not in OBLIGATION_MODALS and not toward:
                    continue  # "will oversee", "would close" promise nothing; "will visit Albania" may
                if c.dep_ in CORE_DEPS or (c.dep_ == "advcl" and c.tag_ == "VBG" and c.i > t.i):
                    nxt.append(c)  # "declared a state of siege, ... arresting opponents": the same act
                elif c.dep_ == "prep":
                    nxt += [o for o in c.children if o.dep_ in ("pobj", "pcomp")]
        nxt += [cj for t in nxt for cj in t.conjuncts]
        out += nxt
        level = nxt
    return out


def _threat(verb: Token) -> bool:
    """A plan or preparation is a threat only when what is planned is force or coercion
    ("plans to impose restrictions", "is prepared to impose martial law"), a warning only when
    what it warns of is ("warned that police will no longer tolerate rallies"); "threatened"
    says it itself."""
    lemma = verb.lemma_.lower()
    if lemma == "warn":  # "warned that police will no longer tolerate rallies"; not "that lives are at risk"
        acts = [c for c in verb.children if c.dep_ == "ccomp"]
        return not acts or any(_forceful(a) or _negated(a) for a in acts)
    frame = next((c for c in verb.children if c.dep_ == "acomp" and c.lemma_.lower() in PLANNING), None)
    if lemma not in PLANNING and frame is None:
        return True
    return any(_forceful(a) for a in _announced_acts(verb))  # not "is preparing a review"


def _announced_acts(verb: Token) -> list[Token]:
    """What a plan, a warning or a vow announces: the verb's complements and object, and those
    of its frame adjective ("is prepared to impose martial law")."""
    frames = [verb, *(c for c in verb.children if c.dep_ == "acomp")]
    return [c for t in frames for c in t.children if c.dep_ in ("xcomp", "ccomp", "dobj")]


def _forceful(tok: Token, kinds: frozenset[str] | set[str] = FORCEFUL) -> bool:
    """The word names force or coercion ("impose", "attack", "ban", "expel")."""
    return _kind_of_verb(tok) in kinds or any(_cue_word(tok, k) for k in kinds)


def _carries(verb: Token, relation: str) -> bool:
    """A light verb's object or infinitive names the event ("held talks", "staged a rally",
    "launched artillery and rocket fire", "conducted airdrops of aid"), or the verb says it
    itself ("sought help")."""
    heads = [t for c in verb.children if c.dep_ in ("dobj", "xcomp") for t in _with_conjuncts(c)]
    heads += [o for h in heads for o in prep_objects(h, ("of",))]  # "conducted airdrops of aid"
    # "sought help": an aim verb's own cue counts where no infinitive follows ("sought to halt")
    own = _cue_word(verb, relation) and not any(c.dep_ == "xcomp" for c in verb.children)
    return (
        own
        or _verb_cues(verb, relation)
        or any(_cue_word(h, relation) or (h.pos_ == "VERB" and _verb_cues(h, relation)) for h in heads)
    )


def _retyped(verb: Token, relation: str) -> str:
    """An ASSAULT verb aimed at words or plans is criticism ("attacked Tory plans", "attack
    Mr Blair's words"), one aimed at a bargain is a deal ("struck a deal with Peugeot");
    opposing a thing rather than an actor rejects it ("is opposed to French mediation");
    a protest put to someone is a complaint, not a demonstration ("protested to India");
    evacuating the wounded or civilians is relief (AID), not a retreat; taking ground is an
    assault, firing to disperse a crowd coercion; calling up troops is a mobilisation."""
    lemma = verb.lemma_.lower()
    call = call_sense(verb)
    if call == "up":
        return "MOBILIZE"  # "called up 300,000 reservists": a call to arms, not a call to someone
    if call == "phone" and relation == "REQUEST":
        return "CONSULT"  # "Putin called Xi on Monday", "called Putin to discuss the grain deal"
    if (
        lemma in DRIVING_BACK_VERBS
        and any(c.lower_ == "back" for c in verb.children)
        and any(c.dep_ == "dobj" for c in verb.children)
    ):
        return "ASSAULT"  # "pushing ISIL back", "drove the rebels back": force, not a demand
    if lemma == "oppose" and relation == "HOSTILE":
        return "REJECT" if any(o.pos_ == "NOUN" for o in _own_objects(verb)) else relation
    if lemma == "protest" and relation == "PROTEST":
        return "ACCUSE" if prep_objects(verb, ("to",)) else relation
    if relation == "COERCE" and lemma in SEIZING_VERBS and _taken_place(verb):
        # "captured a guerrilla stronghold": taking ground is fighting, taking people coercion
        return "ASSAULT"
    if relation == "ASSAULT" and any(
        c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() == "disperse" for c in verb.children
    ):
        return "COERCE"  # "opened fire to disperse demonstrators": repression of a crowd
    if lemma == "evacuate" and any({o.lower_, o.lemma_.lower()} & EVACUEES for o in _own_objects(verb)):
        return "AID"  # "evacuated the wounded from Gorazde": relief, where "evacuated its embassy" retreats
    if relation == "ASSAULT" and lemma in LIGHT_VERBS:  # "launched an attack on Tory spending plans"
        attacks = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in ATTACK_VERBS]
        if any(_criticism(a) for a in attacks):
            return "ACCUSE"
    if relation != "ASSAULT" or lemma not in ATTACK_VERBS:
        return relation
    aimed_at = {o.lemma_.lower() for o in _own_objects(verb) if o.dep_ in ("dobj", "pobj")}
    aimed_at |= {o.lemma_.lower() for o in verb.children if o.dep_ == "nsubjpass"}  # "the plan was attacked"
    if aimed_at & DISCOURSE_NOUNS or _criticism(verb) or _party_attacked(verb):
        return "ACCUSE"
    if lemma in ("strike", "hit") and aimed_at & DEAL_NOUNS:  # "slammed the deal" is no deal struck
        return "AGREE"
    return relation


# Verbs that, with "back" and someone driven, name force: "pushing ISIL back"
DRIVING_BACK_VERBS = frozenset({"push", "drive", "beat", "force", "throw"})


def _party_attacked(verb: Token) -> bool:
    """A political party attacks or is attacked with words ("in attacking the party he once
    wanted to lead", "Labour attacked the Tories")."""
    refs = verb.doc._.refs or {}
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    owners = [p for o in objects for p in o.children if p.dep_ == "poss"]  # "attacked Labour's taxes"
    return any(_kind_of(t, refs) == "party" for t in [*_subject_tokens(verb), *objects, *owners])


def _criticism(attack: Token) -> bool:
    """An attack made "over" something that is neither a time nor a place ("attacked the
    government over Iraq", "attacked the Tories over their spending plans"), or an attack noun
    "on" words or plans ("an attack on Conservative spending plans"): criticism."""
    if any(o.lemma_.lower() in DISCOURSE_NOUNS for o in prep_objects(attack, ("on", "against"))):
        return attack.pos_ == "NOUN"
    if any(c.dep_ == "prep" and c.lower_ == "as" for c in attack.children):
        return True  # "attacked by the Tories as too little, too late": a judgement
    if any(
        o.tag_ == "VBG" for p in attack.children if p.dep_ == "prep" and p.lower_ == "for" for o in p.children
    ):
        return True  # "attacked Mr Brown for failing to mention the environment": blame
    return any(
        p.dep_ == "prep" and p.lower_ == "over" and not dating(p)
        and not any(o.ent_type_ in ("LOC", "FAC") or o.lower_ in PLACES_TAKEN for o in p.children)
        for p in attack.children
    )  # fmt: skip


# Taking ground: "captured part of a Karen guerrilla stronghold", "seized the town".
SEIZING_VERBS = frozenset({"capture", "seize", "take", "overrun", "occupy", "storm"})
PLACES_TAKEN = frozenset({"stronghold", "town", "city", "village", "base", "territory", "position", "positions",
                          "hill", "airport", "port", "region", "province", "capital", "outpost", "camp", "border",
                          "area", "district", "headquarters", "garrison", "bridge"})  # fmt: skip


def _taken_place(verb: Token) -> bool:
    things = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    things += [
        o for t in things if t.lemma_.lower() in ("part", "most", "control") for o in prep_objects(t, ("of",))
    ]
    return any(t.lemma_.lower() in PLACES_TAKEN for t in things)


def _ready(verb: Token) -> bool:
    """ "is willing / ready / prepared to ...": the copula states an intent."""
    return verb.lemma_ == "be" and any(
        c.dep_ == "acomp" and READINESS & {c.lower_, c.lemma_.lower()} for c in verb.children
    )


def _copula_event(verb: Token, relation: str) -> bool:
    """A copula states an event only as readiness or guilt ("Norway is willing to send
    material", "X is prepared to impose martial law", "both are guilty of violating the
    ceasefire") or as a plan whose words say the event ("Campaigners are to stage a rally")."""
    if _ready(verb):
        return True
    return any(c.dep_ == "xcomp" and _has_cue(c.subtree, relation) for c in verb.children)


def _framing(verb: Token) -> bool:
    """The verb frames a clause, or is framed by a verb of thought ("Analysts expect Jet to raise
    ...", "GM stressed that it did not know ...", "GM recalls cars")."""
    framers = FRAMING_VERBS - REPORTING_VERBS
    return verb.lemma_.lower() in framers or (verb.head.i != verb.i and verb.head.lemma_.lower() in framers)


def _complements(verb: Token, depth: int = 4) -> list[Token]:
    """The clauses a verb's event runs on into, nearest first: its complements and an
    infinitive of help ("is willing to send material to help defend Saudi Arabia"); other
    infinitives are too often the parser's misreading ("stand shoulder to shoulder with X")."""
    out, level = [], [verb]
    for _ in range(depth):
        # "willing", "ready" only lead on to their infinitive: "profitable for the Chinese" names no party
        level = [c for t in level for c in t.children if c.dep_ in ("xcomp", "ccomp", "acomp")
                 or (c.dep_ == "advcl" and c.lemma_ in ("help", "assist"))]  # fmt: skip
        out += [c for c in level if c.dep_ != "acomp"]
    return out


def _caller(verb: Token, refs: dict[int, str]) -> Token | None:
    """Who says that the verb's subject must or should act ("X said Y must act"): the
    reporting verb's actor subject, or None."""
    if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in REPORTING_VERBS:
        return None
    if not any(c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS for c in verb.children):
        return None
    return next((t for t in _subject_tokens(verb.head) if _actor(t, refs)), None)


def _own(tok: Token, subject: Token, refs: dict[int, str]) -> bool:
    """`tok` is the subject's actor, or its own organ ("its troops" of Syria)."""
    owner = _actor(subject, refs)
    return _actor(tok, refs) == owner or _organ_of(tok, owner, refs)


def _organ_of(tok: Token, owner: str | None, refs: dict[int, str]) -> bool:
    """`tok` names an organ of `owner`'s state (its armed forces, police, judiciary), which
    acts for it; its rebels, opposition or civilians are parts that can stand against it."""
    actors = tok.doc._.actors or {}
    part = actors.get(_actor(tok, refs))
    return owner is not None and part is not None and part.parent == owner and part.kind == "government"


def _parent(tok: Token, refs: dict[int, str]) -> str | None:
    """The actor that the actor `tok` names is part of ("syria" for Syria's armed forces)."""
    actors = tok.doc._.actors or {}
    return getattr(actors.get(_actor(tok, refs)), "parent", None)


# People named by their tie to someone else, who are not that someone ("his predecessor", "her husband").
OTHER_PERSON_NOUNS = frozenset({
    "predecessor", "successor", "wife", "husband", "son", "daughter", "father", "mother", "brother",
    "sister", "widow", "spouse", "rival", "opponent", "critic", "friend", "biographer",
})  # fmt: skip


def _someone_else(noun: Token, owner: Token) -> bool:
    """A noun for a person other than its possessor `owner`: "his predecessor", "his chancellor"
    (where a named state or body has a minister, "Iran's foreign minister" acts for Iran), "our
    Kurdish partners", "its allies" (a tie to another)."""
    return (
        noun.lemma_.lower() in OTHER_PERSON_NOUNS
        or (owner.pos_ == "PRON" and noun.lower_ in ROLE_RELATION)
        or TIE_NOUNS.get(noun.lower_) in ("ALLY", "HOSTILE")
    )


def _acting_subjects(verb: Token, refs: dict[int, str]) -> list[Token]:
    """The verb's subjects that are actors; else the actor a subject phrase names inside it
    ("Thousands of Nigerians", "Demonstrators in Baghdad", "opposition parties in Nepal")."""
    if any(c.dep_ == "auxpass" for c in verb.children):  # "X was accused by Y": Y acts
        subjects = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    else:
        subjects = _subject_tokens(verb)
    subjects = [t for t in subjects if t.lemma_.lower() not in PRODUCTS]
    found = [t for t in subjects if _actor(t, refs)]
    if found:
        return found
    for t in subjects:
        if (
            t.lemma_.lower() in QUANTITY_NOUNS
            or t.lemma_.lower() in OTHER_PERSON_NOUNS
            or (_event_noun(t) and _noun_relation(t) in CONFLICT_RELATIONS)
        ):
            continue  # "Shares in Barclays were trading down": a price moves, Barclays does nothing;
            # "backed by his predecessor": the predecessor, not "him"; "the trade war between the
            # US and China deepened": the war did (its parties are the noun's own claim), where
            # "a meeting of the WSIS agreed" is the WSIS agreeing
        if t.pos_ in ("NOUN", "PROPN") and t.right_edge.i - t.left_edge.i < 12:
            # not one inside a clause on the subject ("lawyers defending Ebbers", "protesters
            # supporting Hamas"): that one is acted on, not acting
            clauses = {x.i for c in t.children if c.dep_ in ("acl", "relcl") for x in c.subtree}
            inner = next(
                (
                    x
                    for x in t.subtree
                    if x.i != t.i and x.i in refs and not opposed(x) and x.i not in clauses
                ),
                None,
            )
            if inner is not None:
                return [inner]
    return []


def _verb_cues(verb: Token, relation: str) -> bool:
    """The verb itself says `relation` ("rejected" for REJECT), and not as an aim ("seeking to")
    nor as the frame of what the rules read ("denied reports that X met Y" negates the meeting)."""
    lemma = verb.lemma_.lower()
    if lemma in INTENT_VERBS or lemma in DENYING_VERBS:
        return False
    if lemma == "strike" and relation == "PROTEST" and any(c.dep_ == "dobj" for c in verb.children):
        return False  # "jets struck ISIL targets" is a blow; workers strike with no object
    return relation in CUE_TABLE.get(stem(verb.text), ()) or verb_type(verb) == relation


def _has_cue(words, relation: str, besides: set[str] | None = None) -> bool:
    """Some word of these is a cue of `relation` ("met" for CONSULT, "arrested" for COERCE);
    with `besides`, one that is no cue of those types too (where the rules read "strikes" as
    ASSAULT, "strikes" is no cue of a second event, a PROTEST)."""
    return any(
        _cue_word(t, relation) and not (besides and besides & set(CUE_TABLE.get(stem(t.text), ())))
        for t in words
        if t.is_alpha
    )


def _cue_word(tok: Token, relation: str) -> bool:
    """The word is a cue of `relation`; "shares", "foreign exchange", "a decline" as nouns are money,
    and a date is no event ("In March 2004, the Tate managed to raise £12.5m" is no protest march)."""
    if (tok.pos_ != "VERB" and tok.lower_ in VERB_ONLY_CUES) or tok.ent_type_ in ("DATE", "TIME"):
        return False
    return relation in CUE_TABLE.get(stem(tok.text), ())


def _main_event_verb(sent) -> Token | None:
    """The sentence's main verb, past a reporting frame ("X said that Y attacked Z" -> attacked)
    or a frame of thought around a clause ("he hoped agreement could be reached" -> reached)."""
    verb = sent.root
    for _ in range(3):
        lemma = verb.lemma_.lower()
        deps = ("ccomp", "xcomp") if lemma in REPORTING_VERBS else ("ccomp",)
        comp = next((c for c in verb.children if c.dep_ in deps), None)
        if lemma not in FRAMING_VERBS or (comp is None and lemma not in REPORTING_VERBS):
            break
        if comp is None:
            return None
        verb = comp
    return verb if verb.pos_ in ("VERB", "AUX") else None


# -- verbs ----------------------------------------------------------------------------------


def _stood_by(verb: Token, refs: dict[int, str]) -> list[Token]:
    """Whom one stands by, behind or (shoulder to shoulder) with: support. One may stand "with"
    one's wife on a stage; "with" a state or a body, one backs it."""
    heads = [verb, *(c for c in verb.children if c.lemma_.lower() == "shoulder")]
    return [t for h in heads for o in prep_objects(h, ("by", "behind", "alongside", "with"))
            for t in _with_conjuncts(o)
            if _actor(t, refs) and (o.head.lower_ != "with" or _kind_of(t, refs) != "person")]  # fmt: skip


def _no_comment(verb: Token) -> bool:
    """ "declined to comment", "refused to elaborate": the news formula for saying nothing."""
    return verb.lemma_.lower() in ("decline", "refuse") and any(
        c.dep_ == "xcomp" and c.lemma_.lower() in NO_COMMENT for c in verb.children
    )


def _verb_claims(verb: Token, refs: dict[int, str]) -> list[RawClaim]:
    lemma = verb.lemma_.lower()
    if _no_comment(verb):
        return []
    if verb.tag_ == "VBN" and verb.dep_ == "amod" and verb.lower_ in PARTICIPLE_TIES:
        return _participle_claim(verb, refs)
    if verb.tag_ == "VBN" and verb.dep_ == "acl" and verb.lower_ in PARTICIPLE_TIES:
        return _by_participle_claim(verb, refs)
    if lemma in CLOSER_VERBS and any(c.lower_ in CLOSER_WORDS for c in verb.subtree):
        parties = [t for o in _objects(verb) for t in _with_conjuncts(o) if _actor(t, refs)]
        if len(parties) >= 2:
            return [_claim("RELATIONS", verb, parties[0], parties[1], refs, "closer")]
    if _governed(verb):
        return []  # "threatened to shell X": the threat is the event (see _governing_claims)
    if lemma in GIVING_VERBS or lemma in POSTING_VERBS:
        return _transfer_claims(verb, lemma, refs)
    if (
        _joined_in(verb) is not None
        and all(
            _kind_of(t, refs) in ("state", "person")
            for c in verb.children
            if c.dep_ == "dobj"
            for t in _with_conjuncts(c)
        )
    ):  # "Britain joined France in imposing sanctions": the act is the claim; "joined the coalition in ..." stays
        return []
    if _to_the_table(verb):
        subjects, objects = _verb_parties(verb, refs)
        return _pairs("CONSULT", verb, subjects, objects, refs, "verb")
    asked = prep_objects(verb, ("for",)) if lemma in ASKING_FOR_VERBS else []
    if asked:
        return _asked_for_claims(verb, asked, refs)
    if lemma == "share" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in SHARED_KNOWLEDGE for c in verb.children
    ):
        subjects, _ = _verb_parties(verb, refs)  # "sharing expertise with the Tamil Tigers": cooperation
        partners = [t for o in prep_objects(verb, ("with",)) for t in _with_conjuncts(o) if _actor(t, refs)]
        return _pairs("COOPERATE", verb, subjects, partners, refs, "verb")
    if lemma in CONTAINING_VERBS:
        subjects, objects = _verb_parties(verb, refs)
        # "the coalition includes X", "Coalition nations include X"; not "its customers include X"
        subjects = [t for t in subjects
                    if t.i in refs or any(c.dep_ in ("compound", "amod") and c.i in refs for c in t.children)]  # fmt: skip
        return [_claim("MEMBER", verb, o, s, refs, "verb") for s in subjects[:1] for o in objects]
    if lemma in PLACING_VERBS:
        return _placing_claims(verb, refs)
    call = call_sense(verb)
    named_as = {c.lemma_.lower() for c in verb.children if c.dep_ == "oprd"} if call == "name" else set()
    if call == "phone" or named_as & (VILIFYING_NAMES | PRAISING_NAMES):
        # "Macron called Putin to discuss the grain deal" CONSULT; "Biden called Putin a killer"
        # ACCUSE, "called Macron a true friend" SUPPORT
        relation = "CONSULT" if call == "phone" else "ACCUSE" if named_as & VILIFYING_NAMES else "SUPPORT"
        subjects, objects = _verb_parties(verb, refs)
        return _pairs(relation, verb, subjects, objects, refs, "verb")
    if lemma == "stand":  # "the UK stands by Iraq", "stand shoulder to shoulder with the government of Iraq"
        subjects, _ = _verb_parties(verb, refs)
        return _pairs("SUPPORT", verb, subjects, _stood_by(verb, refs), refs, "verb")
    if lemma in GOVERNING_VERBS and any(c.dep_ == "xcomp" for c in verb.children):
        return _governing_claims(verb, GOVERNING_VERBS[lemma], refs)
    barred = _barred(verb, refs)
    if barred:  # "We will not allow al-Qaida to grow": a permission withheld is a refusal, affirmed
        subjects, _ = _verb_parties(verb, refs)
        return [replace(c, negated=False) for c in _pairs("REJECT", verb, subjects, barred, refs, "verb")]
    relation = "REJECT" if _refused_permission(verb) else EVENT_VERBS.get(lemma)
    from_lexicon = (
        relation is None
        and lemma not in INTENT_VERBS | DENYING_VERBS | REPORTING_VERBS
        and not is_attribution_cue(verb)
    )
    if from_lexicon:
        relation = verb_type(verb)  # the CAMEO verb lexicon: "extradited X to Y", "expelled X"
    # CAMEO's pattern on a thing that is no event, under CAMEO's gate below: "strengthened its
    # forces" (a light verb, whose events are otherwise its object's: "strengthened ties"),
    # "reduced food supplies to X" (read as "cut supplies", not the hand lexicon's retreat)
    things = [c for c in verb.children if c.dep_ == "dobj" and not _event_noun(c)]
    patterned = next((r for t in things if (r := pattern_type(verb, t))), None)
    if lemma in LIGHT_VERBS:
        relation, from_lexicon = patterned or ("MOBILIZE" if on_alert(verb) else None), True
    elif patterned and relation in GIVING_OR_TAKING and relation != patterned:  # what it gives or takes says
        relation, from_lexicon = patterned, True
    if relation is None:
        return []
    relation = _retyped(verb, relation)
    if _no_deed(verb, relation, refs) or (relation in DEEDS and _on_figures(verb, amounts=False)):
        return []  # "... will release its results": business, no deed ("released $2bn to Iran" may be one)
    if lemma == "leave" and relation == "CONSULT" and not prep_objects(verb, ("for",)):
        # CAMEO's "leave" is a departure on a visit ("left for Moscow"); leaving a country is a
        # withdrawal ("US troops left Afghanistan"), leaving a party no event
        left = [c for c in verb.children if c.dep_ == "dobj" and _kind_of(c, refs) == "state"]
        if not left or not any(t.lemma_.lower() in FORCES for t in _subject_tokens(verb)):
            return []  # "Holmes left Athens", "since leaving Downing Street": no one withdraws
        relation = "RETREAT"
    if relation == "LEADS" and any(t.like_num for o in prep_objects(verb, ("by",)) for t in o.subtree):
        return []  # "Labour lead the Conservatives by 39% to 34%", "by five points": a poll, no leadership
    if (
        lemma == "head"
        and not any(c.dep_ == "dobj" for c in verb.children)
        and any(c.dep_ in ("prep", "advmod") and c.lower_ in MOTION_WORDS for c in verb.children)
    ):
        return []  # "Isinbayeva heads for Birmingham", "headed home": a journey, no leadership
    subjects, objects = _verb_parties(verb, refs)
    alongside = _fighting_alongside(verb, relation)
    objects = [o for o in objects if o.i not in alongside]
    if relation == "LEADS":  # "to lead the 2007 Baghdad crackdown": an event led, not Baghdad
        objects = [o for o in objects
                   if not (_event_noun(o) or (o.dep_ in NAME_MODIFIER_DEPS and _event_noun(o.head)))]  # fmt: skip
    if relation == "MEMBER" and lemma == "join":
        relation, objects = _joined_companions(verb, objects, refs) or (relation, objects)
    if relation in ("CONSULT", "AGREE"):  # "met for the UK-France summit", "met Putin at the Kremlin"
        objects = [o for o in objects if o.i not in _talked_about(verb)]
    if from_lexicon:
        # CAMEO's verbs code political events: a recipient must be named ("insisted", "unveiled"
        # alone are too loose; "lifted a curfew in Montenegro" names one) and neither party a
        # company or an outlet ("overtook Indian Airlines")
        if relation in MEASURES:  # "lifted a curfew in Montenegro": the measure bears on it
            objects = objects or [o for o in prep_objects(verb, ("in",)) if _actor(o, refs)]
        if relation == "AID":  # "granted asylum to five Panamanian army officers": to whom it is given
            objects = objects or _recipients(verb, [c for c in verb.children if c.dep_ == "dobj"], refs)
        if (not objects and not on_alert(verb)) or _non_political(
            subjects + objects, refs
        ):  # "on alert" needs none
            return []
    if lemma == "welcome" and relation == "SUPPORT":
        guests = [c for c in verb.children if c.dep_ == "dobj" and _hosted(c, refs)]
        if guests:  # "Putin welcomed Xi Jinping to Moscow": a visit hosted, not an endorsement
            relation, objects = "CONSULT", guests
    if subjects:  # "Russia withdrew its troops from Syria": its own troops are no recipient
        objects = [o for o in objects if not _organ_of(o, _actor(subjects[0], refs), refs)]
    if lemma in ("strike", "raid", "fight", "fire", "hit") and not objects:
        return []
    foes = _warded_off(verb, relation, refs)
    if foes:  # "defend itself against Russia": no backing of Russia, enmity
        objects = [o for o in objects if o.i not in {f.i for f in foes}]
        return _pairs("HOSTILE", verb, subjects, foes, refs, "verb") + _pairs(
            relation, verb, subjects, objects, refs, "verb"
        )
    if not objects and len(subjects) >= 2 and relation in JOINT_RELATIONS:
        return _joint(relation, verb, subjects, refs)
    if not objects and relation in ONE_SIDED and _stated(verb):
        # "Papandreou demanded immediate elections": the event is stated with no recipient named
        return [_claim(relation, verb, s, None, refs, "verb") for s in subjects[:1]]
    return _pairs(relation, verb, subjects, objects, refs, "verb")


PROTECTING_VERBS = frozenset({"defend", "protect", "shield", "guard", "safeguard"})


def _warded_off(verb: Token, relation: str, refs: dict[int, str]) -> list[Token]:
    """Whom one defends or protects someone against or from: a foe, not the one backed."""
    if relation != "SUPPORT" or verb.lemma_.lower() not in PROTECTING_VERBS:
        return []
    return [t for o in prep_objects(verb, ("against", "from")) for t in _with_conjuncts(o) if _actor(t, refs)]


MOTION_WORDS = frozenset(
    {"for", "to", "towards", "toward", "into", "back", "home", "north", "south", "east", "west"}
)

# Actors political event data leaves out (CAMEO/PLOVER code states, governments, groups, people).
NON_POLITICAL_KINDS = frozenset({"organization", "media"})


def is_attribution_cue(tok: Token) -> bool:
    """The token frames an attribution ("according to", "told"): a saying, not an event."""
    return any(a.raw.cue[0] <= tok.idx < a.raw.cue[1] for a in tok.doc._.attributions or ())


def _stated(verb: Token) -> bool:
    """The verb states the sentence's event, or what a reporting verb reports ("X said Y would
    withdraw"); not a clause inside a demand ("demanded that Israel free the prisoners") nor a
    description of a noun ("the man who demanded money")."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ == "ROOT":
        return True
    return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in REPORTING_VERBS and _stated(verb.head)


def _governed(tok: Token, verbs: Collection[str] = GOVERNING_VERBS) -> bool:
    """Inside the infinitive of one of `verbs`: by default an agreeing, threatening, requesting
    or refusing verb, whose own claim is the event ("threatened to shell X")."""
    for _ in range(5):
        if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in verbs:
            return True
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _governing_claims(verb: Token, relation: str, refs: dict[int, str]) -> list[RawClaim]:
    """ "Iran threatened to shell Iraqi towns": THREATEN against the embedded act's target;
    "X urged Y to withdraw": REQUEST to Y."""
    subjects, objects = _verb_parties(verb, refs)
    if not objects:
        for comp in (c for c in verb.children if c.dep_ == "xcomp"):
            if relation == "AGREE" and EVENT_VERBS.get(comp.lemma_.lower()) in CONFLICT_RELATIONS:
                break  # "agreed to target George Haswani": no agreement with the one targeted
            objects = [t for o in _objects(comp) for t in _with_conjuncts(o) if _actor(t, refs)]
            objects += [t for o in _objects(comp) for p in o.children if p.dep_ == "prep"
                        for po in p.children if po.dep_ == "pobj" for t in _with_conjuncts(po)
                        if _actor(t, refs)]  # fmt: skip
            if objects:
                break
    if not objects and len(subjects) >= 2:
        return _joint(relation, verb, subjects, refs)
    if not objects and relation == "AGREE" and _stated(verb) and not _non_political(subjects[:1], refs):
        # "Akayev has agreed to resign": a promise, to no one named (PLOVER AGREE)
        return [_claim(relation, verb, s, None, refs, "verb") for s in subjects[:1]]
    return _pairs(relation, verb, subjects, objects, refs, "verb")


def _actor_kind(doc: Doc, actor_id: str | None) -> str | None:
    """The kind of a document's actor ("state", "person", "organization"...)."""
    return getattr((doc._.actors or {}).get(actor_id), "kind", None)


def _kind_of(tok: Token, refs: dict[int, str]) -> str | None:
    """The kind of the actor a token stands for."""
    return _actor_kind(tok.doc, _actor(tok, refs))


def _non_political(tokens: list[Token], refs: dict[int, str]) -> bool:
    """Some of these is a firm or an outlet, whose deeds political event data leaves out."""
    return any(_kind_of(t, refs) in NON_POLITICAL_KINDS for t in tokens)


# Force that two sides use on each other: "Israel and Hezbollah fought", "clashed", "the war",
# "both violated the ceasefire". Other force does not join its subjects: "Sri Lanka, Thailand and
# India worst hit", "US firms and their workers have been targets of attacks" are its victims.
MUTUAL_FORCE = frozenset({"fight", "fighting", "clash", "battle", "war", "skirmish", "combat", "hostility",
                          "hostilities", "exchange", "struggle", "conflict", "confrontation", "violate",
                          "violation", "breach"})  # fmt: skip


def _joint(relation: str, trigger: Token, parties: list[Token], refs: dict[int, str],
           construction: str = "joint") -> list[RawClaim]:  # fmt: skip
    """ "Israel and Lebanon renewed negotiations": the subjects act with each other."""
    # the word of mutual force may stand above or below the trigger ("are guilty of violating the
    # ceasefire": the typer's trigger is "are", the rules' the ceasefire)
    if relation == "ASSAULT" and not any(
        t.lemma_.lower() in MUTUAL_FORCE for t in (*trigger.subtree, *trigger.ancestors)
    ):
        return []
    first = parties[0]
    together = {t.i for p in parties for t in _acting_with(p)}  # on one side: "X, alongside Y,"
    return [_claim(relation, trigger, first, other, refs, construction) for other in parties[1:]
            if _actor(other, refs) != _actor(first, refs) and other.i not in together]  # fmt: skip


def _verb_parties(verb: Token, refs: dict[int, str]) -> tuple[list[Token], list[Token]]:
    """The actor tokens on each side of an event verb (passives swapped: "was attacked by X")."""
    # "the ties between Iran and the Taliban evolved into an effort to prevent X": both parties act
    subjects = [
        p
        for t in _subject_tokens(verb)
        if t.lemma_.lower() not in PRODUCTS
        for p in ([t] if _actor(t, refs) else _between_parties(t, refs))
    ]
    objects = [t for o in _objects(verb) for t in _with_conjuncts(o) if _actor(t, refs)]
    agent = [t for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"
             for t in _with_conjuncts(p) if _actor(t, refs)]  # fmt: skip
    if any(c.dep_ == "auxpass" for c in verb.children):
        if agent:
            return agent, subjects or _passive_theme(verb, refs)
        if verb.lemma_.lower() in ("ally", "align", "affiliate", "oppose"):
            return subjects, objects  # "is allied with X", "is opposed to X": a stance, no one acts on it
        return [], subjects
    return subjects, objects


def _passive_theme(verb: Token, refs: dict[int, str]) -> list[Token]:
    """The actor a passive verb's thing bears on, where its subject is a thing: "Iranian ships
    were seized by the US" (Iran), "the ban on Cuban imports was imposed by the US". An event
    noun states its own claim ("sanctions on Iran were lifted by the EU": `_noun_claims`)."""
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return []
    things = [
        c for c in verb.children if c.dep_ == "nsubjpass" and not _actor(c, refs) and not _event_noun(c)
    ]
    out = [
        t
        for s in things
        for o in prep_objects(s, NOUN_OBJECT_PREPS)
        for t in _with_conjuncts(o)
        if _actor(t, refs)
    ]
    return out or [
        c for s in things for c in s.children if c.dep_ in ("poss", "compound", "amod") and _actor(c, refs)
    ]


def _partaking_claims(tok: Token, refs: dict[int, str]) -> list[RawClaim]:
    """Membership of a body one takes part in or acts as part of: "took part in the Iraqi
    insurgency", "participated in the coalition", "is part of the Lebanese government", "will fly
    missions as part of the 407th Air Expeditionary Group". A state or an event one takes part in
    is no membership ("Crimea is part of Russia", "took part in the Iran-Iraq War")."""
    lemma, head = tok.lemma_.lower(), tok.head
    if lemma == "participate" and tok.pos_ == "VERB":
        verb, bodies = tok, prep_objects(tok, ("in",))
    elif lemma != "part" or tok.pos_ != "NOUN":
        return []
    elif tok.dep_ == "dobj" and head.lemma_.lower() == "take":
        verb, bodies = head, prep_objects(head, ("in",)) + prep_objects(tok, ("in",))
    elif tok.dep_ == "attr" and head.lemma_.lower() == "be":
        verb, bodies = head, prep_objects(tok, ("of",))
    elif tok.dep_ == "pobj" and head.lower_ == "as" and head.head.pos_ in ("VERB", "AUX"):
        verb, bodies = head.head, prep_objects(tok, ("of",))
    else:
        return []
    bodies = [t for b in bodies for t in _with_conjuncts(b) if _a_body(t, refs)
              and (t.pos_ == "PROPN" or t.lower_ in GROUP_NOUNS) and not _event_noun(t)]  # fmt: skip
    return _pairs("MEMBER", tok, _verb_parties(verb, refs)[0], bodies, refs, "partaking") if bodies else []


def _one_of_claims(one: Token, refs: dict[int, str]) -> list[RawClaim]:
    """Membership stated as being one of a body's parts: "X is one of the groups in the Mujahideen
    Shura Council", "X was announced as one of its constituent groups", "X, one of NATO's members"
    (MEMBER of the body); "one of our most important partners" is no part of anything."""
    if one.lower_ != "one" or one.pos_ != "NUM":
        return []
    parts = [o for o in prep_objects(one, ("of",)) if o.tag_ == "NNS" and o.lemma_.lower() in PART_NOUNS]
    if not parts:
        return []
    owners = [c for c in parts[0].children if c.dep_ == "poss"] + prep_objects(
        parts[0], ("of", "in", "within")
    )
    bodies = [t for o in owners for t in _with_conjuncts(o) if _a_body(t, refs)]
    if not bodies:
        return []
    if one.dep_ == "appos":
        members, verb = [one.head], one.head
    elif one.dep_ == "attr" or (one.dep_ == "pobj" and one.head.lower_ == "as" and one.head.dep_ == "prep"):
        verb = one.head if one.dep_ == "attr" else one.head.head
        members = _subject_tokens(verb)
    else:
        return []
    members = [m for m in members if _actor(m, refs)]
    return _pairs("MEMBER", one, members, bodies, refs, "one-of")


# What a side takes from its foe: "received heavy machine gun fire from ISIL fighters", "came
# under attack from Taliban insurgents".
FIRE_NOUNS = frozenset({"fire", "gunfire", "attack", "shelling", "bombardment", "assault", "barrage"})


def _fire_taken_claims(noun: Token, refs: dict[int, str]) -> list[RawClaim]:
    """Fire received or come under, from an armed side, is that side's ASSAULT on the one taking
    it ("Iraqi forces continued to receive fire from ISIL fighters"); "came under fire from
    critics" is criticism, from no one armed, and left to the words' other readings."""
    if noun.lemma_.lower() not in FIRE_NOUNS or noun.pos_ != "NOUN":
        return []
    head = noun.head
    if noun.dep_ == "dobj" and head.lemma_.lower() in ("receive", "take"):
        verb = head
    elif noun.dep_ == "pobj" and head.lower_ == "under" and head.head.lemma_.lower() == "come":
        verb = head.head
    else:
        return []
    attackers = [t for o in prep_objects(noun, ("from",)) + prep_objects(verb, ("from",))
                 for t in _with_conjuncts(o) if _armed(t, refs)]  # fmt: skip
    receivers = [t for t in _subject_tokens(verb) if _actor(t, refs)]
    return _pairs("ASSAULT", noun, attackers, receivers, refs, "noun") if attackers else []


def _armed(tok: Token, refs: dict[int, str]) -> bool:
    """An armed side: an armed group, or forces, troops or fighters of anyone."""
    if not _actor(tok, refs):
        return False
    return _kind_of(tok, refs) == "armed_group" or tok.lemma_.lower() in FORCES | {"fighter", "militant"}


# Kinds of actor whose members may be listed: alliances, coalitions, armed movements.
BODY_KINDS = frozenset({"igo", "armed_group"})


def _included_claims(prep: Token, refs: dict[int, str]) -> list[RawClaim]:
    """Those a body is said to include belong to it: "The international community – including
    Russia and Iran –", "the coalition, including Jordan" (MEMBER); "sanctions, including on Iran"
    and "several states, including Iran" name no body."""
    if prep.lower_ != "including" or prep.dep_ != "prep" or _kind_of(prep.head, refs) not in BODY_KINDS:
        return []
    members = [t for o in prep.children if o.dep_ == "pobj" for t in _with_conjuncts(o)
               if _actor(t, refs) and _kind_of(t, refs) != "person"]  # fmt: skip
    return _pairs("MEMBER", prep, members, [prep.head], refs, "including")


def _within_claims(prep: Token, refs: dict[int, str]) -> list[RawClaim]:
    """Those who act "within" an alliance or union are in it: "working closely with Turkey within
    NATO" (Turkey and whoever works with it, MEMBER of NATO); "divisions within the EU" name no one."""
    if prep.lower_ != "within" or prep.dep_ != "prep":
        return []
    bodies = [
        t for o in prep.children if o.dep_ == "pobj" for t in _with_conjuncts(o) if _kind_of(t, refs) == "igo"
    ]
    if not bodies:
        return []
    head = prep.head
    if head.pos_ in ("VERB", "AUX"):
        members = _verb_parties(head, refs)[0] + [
            t for o in prep_objects(head, ("with",)) for t in _with_conjuncts(o) if _actor(t, refs)
        ]
    else:
        members = [head] if _actor(head, refs) else []
    members = [m for m in members if _kind_of(m, refs) not in ("person", "igo")]
    # being in the body is no part of what the clause intends ("committed to working ... within NATO")
    return [replace(c, intended=False) for c in _pairs("MEMBER", prep, members, bodies, refs, "within")]


def _a_body(tok: Token, refs: dict[int, str]) -> bool:
    """An actor one can be placed in or take part in: no state ("assigned to Iraq" is a posting)
    nor person."""
    return _actor(tok, refs) is not None and _kind_of(tok, refs) not in ("state", "person")


# Head words of military unit names.
UNIT_WORDS = frozenset({
    "battalion", "regiment", "brigade", "division", "group", "squadron", "wing", "company", "battery",
    "corps", "fleet", "command", "flotilla", "platoon", "detachment", "marines", "force", "forces",
})  # fmt: skip


def _unit_claims(whole: Token, refs: dict[int, str]) -> list[RawClaim]:
    """A unit named before the numbered unit it belongs to, as military designations go: "2nd
    Battalion, 5th Special Forces Group", "Abel Battery, 3rd Battalion" (MEMBER of the second)."""
    part = whole.head
    if whole.dep_ != "appos" or part.i >= whole.i or {whole.pos_, part.pos_} != {"PROPN"}:
        return []
    if whole.lower_ not in UNIT_WORDS or part.lower_ not in UNIT_WORDS:
        return []
    if not any(t.like_num or t.text[:1].isdigit() for t in whole.subtree if t.i < whole.i):
        return []  # numbered: "5th Special Forces Group", not "Menatep Group, the Yukos owner"
    ends = _actor(part, refs), _actor(whole, refs)
    if None in ends or ends[0] == ends[1]:
        return []
    return [_claim("MEMBER", whole, part, whole, refs, "unit")]


def _placing_claims(verb: Token, refs: dict[int, str]) -> list[RawClaim]:
    """ "Dayton was assigned to Explosive Ordnance Disposal Mobile Unit Two", "the Army attached
    him to the 3rd Battalion": the one placed is a MEMBER of the unit, and whoever places is no
    party to that; a state one is sent to is a posting, no membership ("assigned to Iraq")."""
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    placed = _subject_tokens(verb) if passive else [t for c in verb.children if c.dep_ == "dobj"
                                                     for t in _with_conjuncts(c)]  # fmt: skip
    members = [t for t in placed if _actor(t, refs)]
    units = [t for o in prep_objects(verb, ("to",)) for t in _with_conjuncts(o) if _a_body(t, refs)]
    return _pairs("MEMBER", verb, members, units, refs, "verb") if units else []


def _to_the_table(verb: Token) -> bool:
    """ "bring X (back) to the negotiating table", "return to the table": talks."""
    for prep in [c for c in verb.children if c.dep_ == "prep"] + [
        p for a in verb.children if a.dep_ == "advmod" for p in a.children if p.dep_ == "prep"
    ]:
        if prep.lower_ == "to" and any(o.lower_ == "table" for o in prep.children):
            return True
    return False


# What an authority grants or withholds: "denied entry to the envoy", "denied him a visa".
PERMISSION_NOUNS = frozenset({
    "entry", "access", "visa", "permission", "asylum", "bail", "allocation", "permit", "passage",
    "approval", "clearance", "licence", "license", "landing", "accreditation", "recognition",
})  # fmt: skip


def _refused_permission(verb: Token) -> bool:
    """ "Israel denied entry to the UN envoy": a refusal (REJECT), where "denied reports that X"
    and "denied involvement" deny what was said."""
    return verb.lemma_.lower() in ("deny", "refuse") and any(
        c.dep_ in ("dobj", "dative") and c.lemma_.lower() in PERMISSION_NOUNS for c in verb.children
    )


PERMITTING_VERBS = frozenset({"allow", "permit", "let"})


def _barred(verb: Token, refs: dict[int, str]) -> list[Token]:
    """Whom a negated permission bars from acting: "will not allow al-Qaida to grow its
    capacity", "did not permit the UN envoy to enter Gaza", "will not let Taiwan declare"."""
    if verb.lemma_.lower() not in PERMITTING_VERBS or not _negated(verb):
        return []
    if not any(c.dep_ == "nsubj" for c in verb.children):
        return []  # "don't let the Tories wreck it": an imperative, no one named withholds
    acts = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX")]
    if not acts:
        return []
    barred = [c for c in verb.children if c.dep_ == "dobj"] + [
        c for a in acts for c in a.children if c.dep_ == "nsubj"
    ]
    return [t for b in barred for t in _with_conjuncts(b) if _actor(t, refs)]


def _transfer_claims(verb: Token, lemma: str, refs: dict[int, str]) -> list[RawClaim]:
    """ "supplied drones to Russia" (AID), "appointed a representative in Iran" (SUPPORT)."""
    things = [c for c in verb.children if c.dep_ == "dobj" and c.i not in refs]
    if lemma in POSTING_VERBS:
        posts = [t for t in things if t.lower_ in DIPLOMATIC_NOUNS or t.lemma_.lower() in DIPLOMATIC_NOUNS]
        places = [o for t in [verb, *posts] for p in t.children if p.dep_ == "prep" and p.lower_ in ("in", "to")
                  for o in p.children if o.dep_ == "pobj" and _actor(o, refs)]  # fmt: skip
        if posts and places:
            return _pairs(
                "SUPPORT",
                verb,
                [t for t in _subject_tokens(verb) if _actor(t, refs)],
                places,
                refs,
                "posting",
            )
        if lemma not in GIVING_VERBS:  # "sent tanks to Ukraine" is aid; "opened a factory" nothing
            return []
    subjects, _ = _verb_parties(verb, refs)
    targets = [t for x in [verb, *things] for o in prep_objects(x, ("against",)) for t in _with_conjuncts(o)
               if _actor(t, refs)]  # fmt: skip
    if targets and any(t.lemma_.lower() in ORDNANCE for t in things):
        return _pairs("ASSAULT", verb, subjects, targets, refs, "verb")  # "delivered munitions against ISIL"
    provided = [t for o in prep_objects(verb, ("with",)) for t in _with_conjuncts(o)]
    if provided and any(_aid_object(t) for t in provided):
        # "provide the government of Iraq with military support": the object is who receives it
        takers = [t for c in verb.children if c.dep_ == "dobj" for t in _with_conjuncts(c) if _actor(t, refs)]
        return _pairs("AID", verb, subjects, takers, refs, "verb")
    if lemma not in ("supply", "arm", "donate") and not any(_aid_object(t) for t in things):
        return []  # "donated $50,000 worth of goods to X": a donation is aid whatever it gives
    return _pairs("AID", verb, subjects, _recipients(verb, things, refs), refs, "verb")


def _recipients(verb: Token, things: list[Token], refs: dict[int, str]) -> list[Token]:
    """To whom a thing is given: the "to"/"for" phrase of the verb or of the thing ("granted
    asylum to X", "supplied drones to Russia"), or the verb's dative ("gave Ukraine tanks")."""
    found = [o for t in [verb, *things] for p in t.children if p.dep_ in ("prep", "dative")
             and p.lower_ in ("to", "for") for o in p.children if o.dep_ == "pobj"]  # fmt: skip
    found += [c for c in verb.children if c.dep_ == "dative" and _actor(c, refs)]
    return [t for r in found for t in _with_conjuncts(r) if _actor(t, refs)]


# "called for sanctions", "appealed to the UN for aid", "pressed for talks": a request.
ASKING_FOR_VERBS = frozenset({"call", "appeal", "press", "push", "ask"})


def _asked_for_claims(verb: Token, asked: list[Token], refs: dict[int, str]) -> list[RawClaim]:
    """ "Tutu called for sanctions against Nigeria": REQUEST bearing on Nigeria; "appealed to the
    UN for aid": to the UN. The thing asked for is no fact (`_asked_for`)."""
    subjects, objects = _verb_parties(verb, refs)
    objects += [t for o in asked for p in o.children if p.dep_ == "prep" and p.lower_ in NOUN_OBJECT_PREPS
                for po in p.children if po.dep_ == "pobj" for t in _with_conjuncts(po) if _actor(t, refs)]  # fmt: skip
    if subjects:
        objects = [o for o in objects if not _own(o, subjects[0], refs)]
    if not objects and _stated(verb):  # "Papandreou called for early elections"
        return [_claim("REQUEST", verb, s, None, refs, "verb") for s in subjects[:1]]
    return _pairs("REQUEST", verb, subjects, objects[:1], refs, "verb")


def _aid_object(tok: Token) -> bool:
    """What is given is aid: "arms", "weapons" as written, "tanks", "a loan" by their lemma, or
    an amount of them ("700 kg of medicine", "$50,000 worth of supplies")."""
    for _ in range(3):
        if tok.lower_ in AID_OBJECTS or tok.lemma_.lower() in AID_OBJECTS:
            return True
        measured = prep_objects(tok, ("of",))
        if not measured or not (
            tok.like_num or tok.ent_type_ in AMOUNTS or tok.lemma_.lower() in MEASURE_NOUNS
        ):
            return False
        tok = measured[0]
    return False


def _participle_claim(verb: Token, refs: dict[int, str]) -> list[RawClaim]:
    """ "the U.S.-backed Afghan government": the modifier backs the noun it modifies."""
    noun = verb.head
    backers = [c for c in verb.children if _actor(c, refs)] or [
        verb.doc[i] for i in range(max(0, verb.i - 3), verb.i) if verb.doc[i].i in refs
    ]
    target = noun if _actor(noun, refs) else None
    if target is None:
        target = next((c for c in noun.children if c.i > verb.i and _actor(c, refs)), None)
    if not backers or target is None:
        return []
    return [_claim(PARTICIPLE_TIES[verb.lower_], verb, backers[-1], target, refs, "participle")]


def _by_participle_claim(verb: Token, refs: dict[int, str]) -> list[RawClaim]:
    """ "the Federal Government of Iraq, led by Prime Minister Haider al-Abadi": the agent leads
    the noun the participle follows."""
    noun = verb.head
    agents = [t for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"
              for t in _with_conjuncts(o) if _actor(t, refs)]  # fmt: skip
    if not agents or noun.i not in refs or refs[noun.i] == _actor(agents[0], refs):
        return []  # the participle must follow a name ("the agreement ..., led by X" leads nothing)
    return [_claim(PARTICIPLE_TIES[verb.lower_], verb, a, noun, refs, "participle") for a in agents]


# -- nouns ----------------------------------------------------------------------------------


def _noun_claims(noun: Token, refs: dict[int, str]) -> list[RawClaim]:
    word = noun.lower_
    if word in TIE_NOUNS and noun.i not in refs:
        return _tie_noun_claims(noun, refs)
    answer = _answering_verb(noun) if noun.i not in refs else None
    if answer is not None:  # "Israel met the demands of Hamas", "rejected Iran's request"
        return _answer_claims(noun, answer, refs)
    relation = _noun_relation(noun)
    if relation is None or noun.i in refs or _governed(noun) or _market_demand(noun):
        return []
    head = noun.head
    if relation == "AID" or (head.lemma_.lower() in GIVING_VERBS and _aid_object(noun)):
        relation = "AID"
    ended = _ended(noun, relation)
    if ended:  # "lifted sanctions on Iran": a concession; "cut ties with X": a sanction
        relation = "CONCEDE" if relation in CONFLICT_RELATIONS else "SANCTION"
    elif relation == "AGREE" and _broken(noun):
        if not _names_truce(noun):
            return []  # "violated the trade accord": no agreement is stated, nor a deed
        relation = "ASSAULT"  # "violated the ceasefire with the army", "broke the truce" (CAMEO 196)
    helped = _helped(noun, refs) if relation in HELP_RELATIONS else None
    if helped is not None:
        return _pairs(relation, noun, *helped, refs, "noun")
    between = _between_parties(noun, refs)
    if len(between) >= 2:
        return _pairs(relation, noun, between[:1], between[1:], refs, "between")
    # the other party: in the noun's own phrase, a conjunct's ("relations and links with X"), or the
    # phrase of a noun it completes ("the presence of relations with X")
    holders = [noun, *noun.conjuncts]
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
        holders.append(noun.head.head)
    # talks and deals are "with" someone; "talks on Syria", "an agreement over Kashmir" name the topic
    preps = NOUN_OBJECT_PREPS - TOPIC_PREPS if relation in ("CONSULT", "AGREE") else NOUN_OBJECT_PREPS
    if relation in FORCE_AND_ENMITY:  # "the fight for Mosul", "the war for oil": the prize, not the foe
        preps = preps - {"for"}
    doer_of = word in DOER_OF_NOUNS
    objects = [t for h in holders for p in h.children if p.dep_ == "prep" and p.lower_ in preps
               and p.lower_ not in ("between", "of" if h.i != noun.i or doer_of else "")
               for o in p.children if o.dep_ == "pobj" for t in _with_conjuncts(o) if _actor(t, refs)]  # fmt: skip
    carrier = _carrier(noun)  # "launched attacks on X", "engaged in ethnic cleansing against X"
    if not objects and carrier is not None:
        objects = [t for p in carrier.children if p.dep_ in ("prep", "dative") and p.lower_ in OBJECT_PREPS
                   for o in p.children if o.dep_ == "pobj" for t in _with_conjuncts(o) if _actor(t, refs)]  # fmt: skip
        # "will deliver ISIL a lasting defeat", "gave Iran an ultimatum": the dative is whom
        objects = objects or [t for d in carrier.children if d.dep_ == "dative" and d.i < noun.i
                              for t in _with_conjuncts(d) if _actor(t, refs)]  # fmt: skip
    agents = [
        c
        for c in noun.children
        if c.dep_ in ("poss", "compound", "amod") and c.i < noun.i and _actor(c, refs)
    ]
    # "the attack by ISIL on the Yazidis": the by-phrase names who acts (and the parser often
    # hangs "on the Yazidis" on ISIL: a name takes no such phrase, the event does)
    by = [t for o in prep_objects(noun, _doer_preps(noun)) + _conducted_by(noun)
          for t in _with_conjuncts(o) if _actor(t, refs)]  # fmt: skip
    agents += by
    objects += [
        t
        for a in by
        for o in prep_objects(a, ("on", "against", "from") if doer_of else ("on", "against"))
        for t in _with_conjuncts(o)
        if _actor(t, refs)
    ]
    if doer_of:  # "the withdrawal of forces from Panama": not Panama's own forces leaving it
        left = {_actor(o, refs) for o in objects}
        agents = [a for a in agents if _parent(a, refs) not in left]
    if not objects and relation in STANCE_RELATIONS:
        # "demonstrations against the violations by the Israeli military": whoever did what is
        # protested; "its condemnation of Assad's brutal policies": whose policies are condemned
        preps = ("against", "over", "at") if relation == "SUPPORT" else ("against", "over", "at", "of")
        things = [o for h in holders for o in prep_objects(h, preps) if not _actor(o, refs)]
        objects = [t for th in things for d in _doers_of(th) for t in _with_conjuncts(d) if _actor(t, refs)]
    if not objects and agents and relation == "ASSAULT":
        # "three Hamas commanders were killed in an Israeli air strike": its victims
        objects = [t for v in _harmed(noun) for t in _with_conjuncts(v) if _actor(t, refs)]
    if agents and not objects and word in ("invasion", "attack", "attacks", "aid", "assistance", "sanctions"):
        return []  # "the American invasion": one party only
    if not objects:
        if ended and relation == "CONCEDE" and noun.dep_ == "dobj":
            # "the union called off its strike", "the court cancelled restrictions": conceded to no
            # one named, by the verb's own subject (not one found further up a misread clause)
            subjects = [c for c in noun.head.children if c.dep_ == "nsubj"]
            enders = agents or [t for c in subjects for t in _with_conjuncts(c) if _actor(t, refs)]
            return [_claim(relation, noun, s, None, refs, "noun") for s in enders[:1]]
        if relation == "AGREE" and _declared_truce(noun):  # "Hizbollah declared a unilateral ceasefire"
            return [
                _claim("RETREAT", noun, s, None, refs, "noun") for s in _clause_subjects(noun, refs, [])[:1]
            ]
        if relation in JOINT_RELATIONS and not agents:
            subjects = _clause_subjects(noun, refs, exclude=[])
            if len(subjects) >= 2:  # "Israel and Lebanon renewed negotiations"
                return _joint(relation, noun, subjects, refs)
        return []
    if not agents and relation in CONFLICT_RELATIONS and noun.dep_ == "pobj" and head.lower_ in SEQUEL_PREPS:
        return []  # "Israel retaliated after the attacks on its towns": another's deed came first
    if not agents and relation in CONFLICT_RELATIONS and noun.dep_ == "pobj" and head.lower_ == "against":
        return []  # "their stand against the war on Iraq": who opposes a war does not wage it
    stance_verb = head if noun.dep_ == "dobj" else None
    if noun.dep_ == "pobj" and head.lower_ in STANCE_PREPS:
        stance_verb = head.head
    if not agents and stance_verb is not None and _kind_of_verb(stance_verb) in OUTSIDE_RELATIONS:
        # "Iran condemned the attack on Syria", "police stopped the protest", "Pakistan protested
        # over the killing of its soldiers": the clause's subject is not the event's doer
        return []
    owner = next((c for c in noun.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
    holder = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "in" else None
    if not agents and owner is not None and holder is not None and holder.pos_ in ("NOUN", "PROPN"):
        # "the Government of Iraq and the Iraqi people in their fight against ISIL": theirs
        agents = [t for t in _with_conjuncts(holder) if _actor(t, refs)]
    if not agents and owner is not None and not (noun.dep_ == "dobj" and owner.lower_ == "their"):
        # "warned X about their attacks on Y": "their" says whose, the clause subject is not; but
        # "Britain and France renewed their ties with Iran": what the subjects do is theirs
        return []
    backed = _backed_in(noun, refs) if relation in CONFLICT_RELATIONS else []
    subjects = (
        agents
        or backed
        or _clause_subjects(noun, refs, exclude=objects, conflict=relation in CONFLICT_RELATIONS)
    )
    return _pairs(relation, noun, subjects, objects, refs, "noun")


def _backed_in(noun: Token, refs: dict[int, str]) -> list[Token]:
    """Who fights a fight one backs others "in": "reiterates UK support for Iraq in the fight
    against ISIL" (Iraq, not who reiterates it), "will help Iraq in the fight against ISIS"."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "in":
        return []
    host = noun.head.head
    for backing in [host, *(c for c in host.children if c.dep_ == "dobj")]:
        if backing.pos_ == "NOUN" and _noun_relation(backing) in BACKING:
            backed = prep_objects(backing, ("for", "of", "to"))
        elif backing.pos_ == "VERB" and _kind_of_verb(backing) in BACKING:
            backed = [c for c in backing.children if c.dep_ == "dobj"]
        else:
            continue
        return [t for o in backed for t in _with_conjuncts(o) if _actor(t, refs)]
    return []


# What is asked of someone, and the verbs that answer it: granting ("met the demands of Hamas",
# "bowed to UN demands", "accepted Germany's request") or refusing ("rejected Iran's request").
ASKING_NOUNS = frozenset({"demand", "request", "call", "appeal", "plea", "ultimatum"})
DEMAND_NOUNS = frozenset({"demand", "ultimatum"})
GRANTING_VERBS = frozenset({"meet", "accept", "grant", "satisfy", "heed", "fulfil", "fulfill", "bow",
                            "yield", "accede", "comply", "concede", "agree", "answer"})  # fmt: skip
REFUSING_VERBS = frozenset({"reject", "refuse", "rebuff", "spurn", "ignore", "defy", "dismiss", "deny"})
ANSWERING_PREPS = frozenset({"to", "with"})  # "bowed to", "complied with"


def _answering_verb(noun: Token) -> Token | None:
    """The verb that grants or refuses what the noun asks for: its object ("met the demands"),
    the object of its "to"/"with" ("bowed to UN demands"), or its passive subject ("Iran's
    request was rejected")."""
    if noun.lemma_.lower() not in ASKING_NOUNS or _market_demand(noun):
        return None
    if noun.lower_ == "demand" and prep_objects(noun, ("for",)):
        return None  # "to meet the country's growing demand for cars": a market, not a request
    verb = noun.head
    if noun.dep_ == "pobj" and verb.lower_ in ANSWERING_PREPS:
        verb = verb.head
    elif noun.dep_ not in ("dobj", "nsubjpass"):
        return None
    lemma = verb.lemma_.lower()
    return verb if verb.pos_ == "VERB" and lemma in GRANTING_VERBS | REFUSING_VERBS else None


def _answer_claims(noun: Token, verb: Token, refs: dict[int, str]) -> list[RawClaim]:
    """Who asked and who answered: the asker's REQUEST of the one who answers, and the answer
    (CONCEDE, or REJECT for a refusal or a grant withheld: "would not meet the demands of X").
    The asker is the noun's owner ("Iran's", "UN demands") or its of/by/from phrase."""
    askers = [c for c in noun.children if c.dep_ in ("poss", "compound", "amod") and _actor(c, refs)]
    askers += [
        t for o in prep_objects(noun, ("of", "by", "from")) for t in _with_conjuncts(o) if _actor(t, refs)
    ]
    answerers = [t for t in _verb_parties(verb, refs)[0] if _actor(t, refs)]
    answerers = [t for t in answerers if _actor(t, refs) not in {_actor(a, refs) for a in askers}]
    if not answerers:
        return []
    refused = verb.lemma_.lower() in REFUSING_VERBS
    withheld = not refused and _negated(verb)
    # PLOVER: acceding to demands is a concession, accepting a request or an appeal an agreement
    answer = (
        "REJECT" if refused or withheld else "CONCEDE" if noun.lemma_.lower() in DEMAND_NOUNS else "AGREE"
    )
    if not askers:  # "would not meet the hostage-takers' demands": refused all the same
        if answer == "AGREE" or noun.lower_ == "demand":  # "met demand": a market
            return []
        reply = _claim(answer, verb, answerers[0], None, refs, "answer")
        reply.negated = reply.negated and not withheld
        return [reply]
    out = []
    for a in answerers[:1]:
        for asker in askers[:1]:
            reply = _claim(answer, verb, a, asker, refs, "answer")
            reply.negated = reply.negated and not withheld  # "would not meet": a refusal, affirmed
            asked = _claim("REQUEST", noun, asker, a, refs, "asked")
            asked.negated = False  # the demand was made, whatever the answer
            out += [reply, asked]
    return out


# What states and groups share when they cooperate (CAMEO 06: share intelligence, information).
SHARED_KNOWLEDGE = frozenset({"expertise", "intelligence", "information", "technology", "know-how", "data",
                              "experience", "knowledge", "secrets", "skill", "skills"})  # fmt: skip
# Verbs whose "in" carries the event noun: "engaged in ethnic cleansing", "took part in talks".
PARTAKING_VERBS = frozenset({"engage", "involve", "participate", "take", "join"})


def _carrier(noun: Token) -> Token | None:
    """The verb that carries an event noun, whose prepositional objects are the event's too:
    its object's ("launched attacks on X") or an "in" phrase's ("engaged in cleansing against X")."""
    head = noun.head
    if noun.dep_ in ("dobj", "attr") and head.pos_ in ("VERB", "AUX"):
        return head
    if noun.dep_ == "pobj" and head.lower_ == "in" and head.head.lemma_.lower() in PARTAKING_VERBS:
        return head.head
    return None


# What makes a strike a stoppage of work ("a general strike", "a four-day strike", "went on
# strike": PROTEST) or a blow ("an air strike", "a missile strike": ASSAULT).
STOPPAGE_WORDS = frozenset({"general", "hunger", "national", "nationwide", "labour", "labor", "day", "week",
                            "indefinite", "teachers", "workers", "staff", "rail", "postal"})  # fmt: skip
BLOW_WORDS = frozenset({"air", "missile", "drone", "rocket", "artillery", "military", "nuclear", "retaliatory",
                        "pre-emptive", "preemptive", "surgical", "precision"})  # fmt: skip
# Armed people: who withdraws when they leave a country ("US troops left Afghanistan").
FORCES = frozenset({"troop", "force", "soldier", "army", "military", "unit", "contingent", "peacekeeper"})
# What is delivered or sent against someone as force, the forces included.
ORDNANCE = FORCES | {"munition", "bomb", "missile", "rocket", "shell", "weapon", "arm", "round", "strike",
                     "airstrike", "drone", "grenade", "mortar", "artillery", "fire"}  # fmt: skip
# What calling someone names them: an accusation or praise ("called Putin a killer").
VILIFYING_NAMES = frozenset({"killer", "murderer", "liar", "terrorist", "criminal", "dictator", "thug", "traitor",
                             "tyrant", "butcher", "fascist", "nazi", "racist", "fraud", "hypocrite", "coward",
                             "madman", "puppet", "satan", "menace", "threat", "disgrace", "enemy", "aggressor",
                             "occupier", "warmonger", "bully", "gangster", "crook", "extremist"})  # fmt: skip
PRAISING_NAMES = frozenset(
    {"friend", "hero", "ally", "champion", "partner", "brother", "statesman", "visionary"}
)
# Participles that work as prepositions ("a news conference following talks with X").
PREPOSITIONAL = frozenset({"following", "including", "concerning", "regarding", "excluding", "considering"})
CONDUCTING_VERBS = frozenset({"conduct", "carry", "launch", "mount", "stage", "execute", "perform", "order"})
HARM_VERBS = frozenset(
    {"kill", "wound", "injure", "die", "hurt", "maim", "hit", "strike", "target", "destroy"}
)
COMBAT_WORDS = frozenset({"combat", "strike", "bombing", "armed", "ground", "naval", "counter-terrorism",
                          "counterterrorism", "counter-insurgency", "counterinsurgency"})  # fmt: skip
POLICING_WORDS = frozenset({"police", "security", "anti-drug", "policing"})


def _strike_type(noun: Token) -> str | None:
    """The event a singular "strike" names, by its modifiers (PLOVER: strikes and boycotts are
    protests, air and missile strikes assaults); None where they do not say."""
    if noun.lemma_.lower() != "strike" or noun.pos_ != "NOUN":
        return None
    words = _modifier_words(noun)
    if words & BLOW_WORDS:
        return "ASSAULT"
    went_on = (
        noun.dep_ == "pobj" and noun.head.lower_ == "on" and noun.head.head.lemma_.lower() in ("go", "be")
    )
    return "PROTEST" if words & STOPPAGE_WORDS or went_on else None


def _modifier_words(noun: Token) -> set[str]:
    """The words of a noun's modifiers: "general", "four-day" in "a general four-day strike"."""
    return {
        t.lower_ for c in noun.children if c.dep_ in ("amod", "compound", "nmod", "poss") for t in c.subtree
    }


def _broken(noun: Token) -> bool:
    """The agreement noun is what its verb breaks: "violated the ceasefire", "broke the truce",
    "guilty of violating the ceasefire agreement" ("ceasefire" is the compound of "agreement")."""
    tok = noun.head if noun.dep_ == "compound" else noun
    return tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_.lower() in BREACHING_VERBS


def _names_truce(noun: Token) -> bool:
    """ "the ceasefire", "the truce", "the ceasefire agreement": an armed truce."""
    near = [noun, noun.head] if noun.dep_ == "compound" else [noun, *noun.children]
    return any(t.lemma_.lower() in TRUCE_NOUNS for t in near)


def _declared_truce(noun: Token) -> bool:
    """A truce one side declares or observes with no other party named: a de-escalation (PLOVER
    RETREAT), not an agreement ("declared a unilateral ceasefire", "announced a truce")."""
    verb = noun.head
    return (
        noun.lemma_.lower() in TRUCE_NOUNS
        and noun.dep_ == "dobj"
        and verb.lemma_.lower() in DECLARING_VERBS
        and not any(c.dep_ == "neg" for c in verb.children)
    )


def _ended(noun: Token, relation: str) -> bool:
    """The event noun is what its verb ends, eases or breaks off ("lifted sanctions", "cut ties
    with X", "suspended aid to X", "called off the talks", "sanctions were eased")."""
    verb = noun.head
    if noun.dep_ not in ("dobj", "nsubjpass") or verb.pos_ != "VERB":
        return False
    lemma = verb.lemma_.lower()
    off = any(c.dep_ == "prt" and c.lower_ == "off" for c in verb.children)
    if off and lemma in ("break", "call"):
        return True
    # "broke diplomatic relations with X"; breaking a blockade or a ceasefire is not ending one's own
    return lemma in ENDING_VERBS or (lemma == "break" and relation in ("RELATIONS", "CONSULT"))


def _market_demand(noun: Token) -> bool:
    """ "stronger demand from China", "domestic demand": demand as economists say it, not a
    request (that is "demands", or "a demand that / by")."""
    return noun.lower_ == "demand" and any(
        (c.dep_ in ("amod", "compound") and c.lower_ in MARKET_WORDS)
        or (c.dep_ == "prep" and c.lower_ == "for" and any(o.lemma_.lower() in GOODS for o in c.children))
        for c in noun.children
    )  # "the demand for US goods" too


HYPHENS = frozenset({"-", "\u2013"})  # "US-China", "Iran\u2013Iraq"


HELP_RELATIONS = frozenset({"SUPPORT", "AID", "COOPERATE"})


def _helped(noun: Token, refs: dict[int, str]) -> tuple[list[Token], list[Token]] | None:
    """Help given "with the backing of X": X helps whoever does what the with-phrase qualifies
    ("Israel, with the backing of the US, attacked Hamas"; "was captured by the army with the aid
    of intelligence officers": the army), not X helped by the clause's subject."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "with":
        return None
    givers = [t for o in prep_objects(noun, ("of",)) for t in _with_conjuncts(o) if _actor(t, refs)]
    if not givers:
        return None
    qualified = noun.head.head
    if qualified.pos_ in ("VERB", "AUX"):
        return givers, _verb_parties(qualified, refs)[0]
    return givers, [t for t in _with_conjuncts(qualified) if _actor(t, refs)]


def _between_parties(noun: Token, refs: dict[int, str]) -> list[Token]:
    """The parties a noun names together: "talks between X and Y", or joined by a hyphen in its
    modifiers ("the US-China talks", "the Iran-Iraq war", "the EU-Turkey deal")."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in ("between", "among"):
            return [
                t for o in prep.children if o.dep_ == "pobj" for t in _with_conjuncts(o) if _actor(t, refs)
            ]
    doc = noun.doc
    for i in range(noun.left_edge.i + 1, noun.i - 1):
        before, dash, after = doc[i - 1], doc[i], doc[i + 1]
        if dash.text in HYPHENS and not before.whitespace_ and not dash.whitespace_:
            pair = [before, after]
            if all(_actor(t, refs) for t in pair) and _actor(before, refs) != _actor(after, refs):
                return pair
    return []


def _tie_noun_claims(noun: Token, refs: dict[int, str]) -> list[RawClaim]:
    """ "al-Qaeda, a Taliban ally" / "Saudi Arabia, Iran's regional enemy" / "X is an ally of Y"."""
    relation = TIE_NOUNS[noun.lower_]
    others = [c for c in noun.children if c.dep_ in NAME_MODIFIER_DEPS and c.i < noun.i
              and _actor(c, refs)]  # fmt: skip
    others += [o for p in noun.children if p.dep_ == "prep" and p.lower_ in ("of", "to")
               for o in p.children if o.dep_ == "pobj" and _actor(o, refs)]  # fmt: skip
    described = None
    if noun.dep_ == "appos" and _actor(noun.head, refs):
        described = noun.head
    elif noun.dep_ == "attr":
        described = next((s for s in _subject_tokens(noun.head) if _actor(s, refs)), None)
    else:
        named = [c for c in noun.children if c.dep_ in ("appos", "acl") and _actor(c, refs)]
        named += [o for c in noun.children if c.dep_ == "acl" for a in c.children if a.dep_ == "prep"
                  for o in a.children if o.dep_ == "pobj" and _actor(o, refs)]  # fmt: skip
        described = named[0] if named else None
    if described is None or not others:
        return []
    return [_claim(relation, noun, described, others[0], refs, "tie-noun")]


def _role_claims(doc: Doc, refs: dict[int, str]) -> list[RawClaim]:
    out = []
    for person, role_noun, org in roles_of(doc):
        if org is None:
            continue
        named = {i for m in doc._.mentions if m.actor == org for i in range(m.start, m.end)}
        # and words standing for it inside a longer mention ("commander of U.S. Central Command")
        named |= {t.i for t in role_noun.subtree if refs.get(t.i) == org and t.i != role_noun.i}
        org_tok = next((t for t in role_noun.subtree if t.i in named), None)
        if org_tok is None:
            org_tok = min(
                (t for t in role_noun.head.subtree if t.i in named),
                key=lambda t: abs(t.i - role_noun.i),
                default=None,
            )  # the naming nearest the title: "General Joseph Votel, commander, U.S. Central Command"
        # the person's name nearest the title ("New Home Secretary Charles Clarke", not a headline's
        # "Clarke"), outside the title's own words; the name after it may be its apposition
        title_words = range(role_noun.left_edge.i, role_noun.i + 1)
        person_tok = min(
            (t for t in doc if refs.get(t.i) == person and t.pos_ == "PROPN" and t.i not in title_words),
            key=lambda t: abs(t.i - role_noun.i),
            default=None,
        ) or next(t for t in doc if refs.get(t.i) == person and abs(t.i - role_noun.i) < 12)
        if org_tok is None:  # "the country's Chief Executive Officer X": the nearest naming of it before
            org_tok = next(
                (
                    t
                    for t in reversed(doc[sentence_of(doc, role_noun.i)[0] : role_noun.i])
                    if refs.get(t.i) == org
                ),
                None,
            )
        if org_tok is None:
            continue
        title = title_of(role_noun)
        relation = "LEADS" if title in STATE_HEAD_TITLES else ROLE_RELATION.get(title, "MEMBER")
        if org_tok.dep_ == "pobj" and org_tok.head.lower_ == "in" and org_tok.head.head.i == role_noun.i:
            relation = "MEMBER"  # "a crew chief in Abel Battery" serves in it; he may lead a part of it
        state = _actor_kind(doc, org) == "state"
        if relation == "LEADS" and (
            _heads_a_part(role_noun, named)
            or _a_body_of(org_tok, org)
            or (state and title not in STATE_HEAD_TITLES and not _inside_a_name(org_tok, role_noun))
            or (title in ROYAL_TITLES and not state)
        ):
            # "Britain's Europe Director", "Downing Street communications chief"; "former British
            # Commander Colonel Bob Stewart" commands forces of the state, he does not lead it; a
            # "Crown Prince" is heir to it; "Saudi billionaire investor Prince Alwaleed" is a
            # prince of no business
            relation = "MEMBER"
        out.append(
            RawClaim(relation, role_noun.i, person_tok.i, org_tok.i, person, org, construction="role",
                     object_chars=_name_before_title(doc, org_tok, role_noun, org, refs))
        )  # fmt: skip
    return out


def _name_before_title(
    doc: Doc, org_tok: Token, role_noun: Token, org: str, refs: dict[int, str]
) -> tuple[int, int] | None:
    """The organisation's name where the entity recogniser took the title after it into the
    mention ("507th Maintenance Group Commander"): the party is the group, not its commander.
    Only a mention that is the name and the title word and nothing else; a title word that is
    part of the organisation's own name ("Solicitor General") stays."""
    mention = next((m for m in doc._.mentions if m.start <= org_tok.i < m.end), None)
    if mention is None or mention.end != role_noun.i + 1 or refs.get(role_noun.i) == org:
        return None
    name = _name_run(role_noun, {t.i for t in doc[mention.start : role_noun.i] if refs.get(t.i) == org})
    if not name or any(i not in name for i in range(mention.start, role_noun.i)):
        return None
    last = doc[role_noun.i - 1]
    return doc[mention.start].idx, last.idx + len(last)


# The titles of those who lead a state itself (the other leading titles lead a part of it).
STATE_HEAD_TITLES = frozenset({"president", "premier", "leader", "king", "queen", "emir", "sultan", "prince",
                               "caliph", "ayatollah", "chancellor", "prime minister"})  # fmt: skip
# Titles of rulers by birth, who rule only states.
ROYAL_TITLES = frozenset({"king", "queen", "emir", "sultan", "prince"})


def _inside_a_name(tok: Token, role_noun: Token) -> bool:
    """The state's word is part of the name of one of its bodies ("commander of U.S. Central
    Command"), not the title's own modifier ("British Commander", "Iraqi commander", "Hong
    Kong director": the state's own name may take more than one word)."""
    while tok.ent_type_ == "GPE" and tok.head.ent_type_ == "GPE" and tok.head.i not in (role_noun.i, tok.i):
        tok = tok.head
    if tok.head.i not in (role_noun.i, tok.i) and tok.head.pos_ == "PROPN":
        return True
    # "U.S. Central Command commander", each word hung on the title: the name goes on after the state's
    after = tok.doc[tok.i + 1] if tok.i + 1 < role_noun.i else None
    return after is not None and after.pos_ == "PROPN" and after.ent_type_ not in ("GPE", "")


def _a_body_of(org_tok: Token, org: str) -> bool:
    """The mention naming the organisation names one of its bodies ("EU Commission president Jose
    Manuel Barroso" heads the Commission, not the EU)."""
    doc = org_tok.doc
    mention = next((m for m in doc._.mentions if m.start <= org_tok.i < m.end), None)
    if mention is None or org not in doc._.actors:
        return False
    own = set(doc._.actors[org].name.lower().split())
    return any(t.lower_ in BODY_HEADS and t.lower_ not in own for t in doc[mention.start : mention.end])


def _heads_a_part(role_noun: Token, org_words: set[int]) -> bool:
    """A leader's title names a part or a deputy of the organisation, not all of it: a modifier
    other than the organisation's own name or a plain title word ("security chief", "regional
    director", "deputy leader"; not "Labour leader", "chief executive", "party leader"), also where
    the name's mention takes the common noun in ("an ISIL gang leader", "a Taliban cell leader")."""
    org_words = _name_run(role_noun, org_words)
    return any(
        c.dep_ in ("compound", "amod", "nmod")
        and (c.i not in org_words or c.text[:1].islower())  # not "507th Maintenance Group Commander"
        and c.lower_ not in WHOLE_TITLE_WORDS
        for c in role_noun.children
    )


def _name_run(role_noun: Token, org_words: set[int]) -> set[int]:
    """The organisation's words and the capitalised words after a dash that go on from them up
    to the title, where the entity recogniser cut the name at the dash ("The Combined Joint Task
    Force – Inherent Resolve Commander": "Inherent Resolve" is more of the name, not a part it
    heads; "GM Europe president" and "MGM Vice Chairman" are a part and a deputy)."""
    run = set(org_words)
    after_dash = False
    for tok in role_noun.doc[min(org_words, default=role_noun.i) : role_noun.i]:
        if tok.i in org_words:
            continue
        if tok.text in ("-", "–", "—") and tok.i - 1 in run:
            after_dash = True
        elif not (after_dash and tok.pos_ == "PROPN" and not tok.ent_type_ and tok.i - 1 in run):
            after_dash = False
            continue
        run.add(tok.i)
    return run


# -- parties --------------------------------------------------------------------------------


def _actor(tok: Token, refs: dict[int, str]) -> str | None:
    return np_actor(tok, refs)


def _with_conjuncts(tok: Token) -> list[Token]:
    return [tok, *tok.conjuncts]


def _joined_in(verb: Token) -> Token | None:
    """The act a verb of joining joins others in: "France joined the US in condemning Russia"
    (condemning), where the US is a companion in it, not what France joined."""
    if verb.lemma_.lower() != "join":
        return None
    return next(
        (c for p in verb.children if p.dep_ == "prep" and p.lower_ == "in"
         for c in p.children if c.dep_ == "pcomp" or (c.dep_ == "pobj" and c.tag_ == "VBG")),
        None,
    )  # fmt: skip


# Prepositions of place the parser may take for part of a name when they open a sentence
# ("Near Sinjar, one strike suppressed an ISIL tactical unit": "Near Sinjar" as a subject).
PLACE_PREPOSITIONS = frozenset({"near", "outside", "inside", "around", "across", "beyond", "along", "off"})


def _place_phrase(subject: Token) -> bool:
    """A subject that is a place phrase the parser misread: "Near Sinjar," before the subject."""
    return any(
        c.dep_ == "compound" and c.lower_ in PLACE_PREPOSITIONS and c.i < subject.i for c in subject.children
    )


def _companion(tok: Token, refs: dict[int, str]) -> bool:
    """A state by its own name ("Jordan"), a person by name or title ("the Iraqi president"), or
    partners; not a body of the state ("the UK delegation", "U.S. Naval Forces Central Command")."""
    return (
        _kind_of(tok, refs) in ("state", "person")
        and tok.ent_type_ != "ORG"
        and (tok.pos_ == "PROPN" or tok.lower_ in ROLE_RELATION or TIE_NOUNS.get(tok.lower_) == "ALLY")
    )


def _joined_companions(
    verb: Token, joined: list[Token], refs: dict[int, str]
) -> tuple[str, list[Token]] | None:
    """One joins a group as a member, but a state or a person as a companion: "U.S. forces will
    join Jordan in Exercise Eager Lion" COOPERATE, "joined John Kerry for talks" CONSULT, "joined
    forces with Iraq against ISIS" COOPERATE with Iraq."""
    forces = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in ("force", "hand")]
    if forces:  # the idiom: those joined are those it is "with"
        partners = [t for h in [verb, *forces] for o in prep_objects(h, ("with",))
                    for t in _with_conjuncts(o) if _actor(t, refs)]  # fmt: skip
        return ("COOPERATE", partners) if partners else None
    # the joined themselves, not the names on them ("Iraqi" in "the Iraqi president")
    joined = [t for t in joined if t.dep_ not in ("amod", "compound", "poss")]
    if not joined or not all(_companion(t, refs) for t in joined):
        return None
    purposes = prep_objects(verb, ("for",)) + [o for t in joined for o in prep_objects(t, ("for",))]
    talks = any(_noun_relation(o) == "CONSULT" for o in purposes)
    return ("CONSULT" if talks else "COOPERATE"), joined


def _subject_tokens(verb: Token) -> list[Token]:
    """The verb's subjects, inherited through xcomp / pcomp / relcl / conj chains; those who
    join others in an act are joined by them ("France joined the US in condemning Russia"), and
    those a subject acts together with act too ("Britain, along with France,"); a relative
    pronoun stands for the noun its clause hangs on ("the squadron, which will fly ...")."""
    # a participle on a noun has it for its patient ("a member inflicted upon the country" is
    # no one's deed), only what the participle raises is the noun's ("a group known to fight")
    patient = verb.dep_ == "acl" and verb.tag_ == "VBN"
    for _ in range(4):
        subj = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and not _place_phrase(c)]
        if subj and verb.dep_ == "relcl" and _relative_pronouns(subj):
            # "the squadron, which will fly missions against ISIL": the squadron; "Stephen
            # Schechter, a UK investment banker who has held talks": the man, not the UK
            noun = verb.head
            if noun.dep_ == "appos" and noun.pos_ == "NOUN" and noun.head.pos_ == "PROPN":
                noun = noun.head
            if _can_act(noun):
                return [noun]
            if _described_by(noun):  # "Hamas is a group that fights Israel": Hamas
                return _subject_tokens(noun.head)
        if subj:
            return [t for s in subj for t in (*_with_conjuncts(s), *_acting_with(s))] + _sharing_with(verb)
        joining = verb.head.head
        if verb.head.dep_ == "prep" and getattr(_joined_in(joining), "i", None) == verb.i:
            companions = [t for c in joining.children if c.dep_ == "dobj" for t in _with_conjuncts(c)]
            return _subject_tokens(joining) + companions
        owner = _infinitive_owner(verb)
        if owner is not None:
            return _with_conjuncts(owner)
        if verb.dep_ == "relcl" or (
            verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.lower_ not in PREPOSITIONAL
        ):
            return [verb.head]  # "companies supporting the militias": the companies support
        if (
            verb.dep_ in ("xcomp", "pcomp", "conj", "advcl", "acl")
            or (verb.dep_ == "pobj" and verb.head.dep_ == "prep")
            or (verb.dep_ == "acomp" and verb.lower_ in INTENT_ADJECTIVES)
        ):  # "The UK is committed to continuing to provide ...", "Iran is ready to talk": they act
            control = verb.dep_ in ("xcomp", "pcomp", "pobj")
            purpose = _infinitive(verb)
            verb = verb.head if verb.dep_ != "pobj" else verb.head.head
            if verb.dep_ == "prep":
                verb = verb.head
            controller = [c for c in verb.children if c.dep_ == "dobj"] if control else []
            if controller and verb.lemma_.lower() in OBJECT_CONTROL_VERBS:
                # "accused Iran of arming the Houthis", "urged Iran to stop": the object acts
                return _with_conjuncts(controller[0])
            backed = _stood_by(verb, verb.doc._.refs) if purpose and verb.lemma_.lower() == "stand" else []
            if backed:  # "The UK stands by Iraq to defeat Daesh": both do
                return _subject_tokens(verb) + backed
            continue
        if verb.dep_ == "prep" or (_described_by(verb) and not patient):
            verb = verb.head  # "X is a group known to take part in Y": X takes part
            continue
        break
    return []


def _described_by(noun: Token) -> bool:
    """A common noun that says what a copula's subject is ("Hamas is a group ..."); not a cleft's
    ("it was that fear that led to ...", "it should be the judge that takes decisions")."""
    if noun.dep_ != "attr" or noun.pos_ != "NOUN":
        return False
    return not any(c.dep_ in ("nsubj", "expl") and c.lower_ in ("it", "this", "that", "there")
                   for c in noun.head.children)  # fmt: skip


# Nouns of a purpose their owner pursues; not "refusal", "failure", "right" ("Iran's refusal
# to meet" is no meeting).
PURPOSE_NOUNS = frozenset(INTENT_NOUNS | {
    "strategy", "campaign", "decision", "determination", "commitment", "pledge", "promise", "readiness",
    "willingness", "move", "drive", "push", "mission", "offer", "ambition", "proposal", "intent",
})  # fmt: skip


def _infinitive_owner(verb: Token) -> Token | None:
    """Whose plan, strategy or effort an infinitive after a noun is: "Russia's plan to invade
    Ukraine", "the Coalition's strategy to defeat ISIL" (the owner acts)."""
    if verb.dep_ != "acl" or verb.head.pos_ != "NOUN" or verb.head.lemma_.lower() not in PURPOSE_NOUNS:
        return None
    if not _infinitive(verb):
        return None
    return next((c for c in verb.head.children if c.dep_ == "poss"), None)


def _infinitive(verb: Token) -> bool:
    """A "to" infinitive: "a plan to invade", "stands by Iraq to defeat Daesh"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _acting_with(subject: Token) -> list[Token]:
    """Those a subject acts with: "Britain, together with France,", "Kenyan forces, alongside
    Ugandan troops,", "the UK, along with its allies,"; they do what it does."""
    preps = [p for p in subject.children if p.dep_ == "prep"]
    withs = [p for p in preps if p.lower_ == "alongside"]
    withs += [p for p in preps if p.lower_ == "with" and any(c.lower_ == "together" for c in p.children)]
    withs += [
        q for p in preps if p.lower_ == "along" for q in p.children if q.dep_ == "prep" and q.lower_ == "with"
    ]
    return [t for p in withs for o in p.children if o.dep_ == "pobj" for t in _with_conjuncts(o)]


def _sharing_with(verb: Token) -> list[Token]:
    """Those "along with" a passive or copular clause shares its subject's part: "X was named as
    one of its groups, along with Y and Z" (so were Y and Z); an active verb's "along with" may
    go with its object ("arrested X along with Y"), so it gives none. A list the parser broke
    after its first name ("along with A, B, C": B hung on the verb) is read whole."""
    if verb.lemma_.lower() != "be" and not any(c.dep_ == "auxpass" for c in verb.children):
        return []
    out = []
    for along in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "along"):
        for with_ in (q for q in along.children if q.dep_ == "prep" and q.lower_ == "with"):
            out += [t for o in with_.children if o.dep_ == "pobj" for t in _with_conjuncts(o)]
    if out:
        last = max(t.right_edge.i for t in out)
        out += [t for c in verb.children if c.dep_ == "dep" and c.i > last and c.doc[c.left_edge.i - 1].text == ","
                for t in _with_conjuncts(c)]  # fmt: skip
    return out


def _acting_together_claims(doc: Doc, refs: dict[int, str]) -> list[RawClaim]:
    """Acting together is cooperating: "Kenyan forces, alongside Ugandan troops, fought
    al-Shabab" ties Kenya's forces to Uganda's (each also fights al-Shabab: `_subject_tokens`)."""
    out = []
    for subject in doc:
        if subject.dep_ != "nsubj" or not _actor(subject, refs):
            continue  # "India, along with China and Brazil, has been invited": both are asked, no one acts
        for other in _acting_with(subject):
            if _actor(other, refs):
                out.append(_claim("COOPERATE", other.head, subject, other, refs, "together"))
    return out


# Words for those who may act, which stand for the actor named on them ("Kenyan troops").
ACTING_WORDS = frozenset(GROUP_NOUNS | STAND_IN_NOUNS | PERSON_WORDS)


def _can_act(noun: Token) -> bool:
    """A noun that names who may act: an actor itself or a group or people word, not a thing
    named after one ("ISIL targets, which include three tactical units")."""
    doc = noun.doc
    return (
        noun.i in doc._.refs
        or noun.i in (doc._.party_groups or {})
        or (
            (noun.lower_ in ACTING_WORDS or noun.lemma_.lower() in FORCES)
            and np_actor(noun, doc._.refs) is not None
        )
    )


def _relative_pronouns(tokens: list[Token]) -> bool:
    """ "which", "that", "who": they stand for the noun their clause hangs on."""
    return all(t.tag_ in ("WDT", "WP") for t in tokens)


def _objects(verb: Token) -> list[Token]:
    """Object tokens of a verb: direct and dative objects, prepositional objects, those of a
    conjoined verb that has none of its own ("advising and assisting X"), and the possessor of
    a thing acted on ("welcomed Reagan's statement" acts on Reagan)."""
    objs = _own_objects(verb)
    if not objs:
        for conj in verb.conjuncts:
            if conj.i > verb.i:
                objs = _own_objects(conj)
                if objs:
                    break
    if verb.lemma_.lower() in TOPIC_VERBS:
        # "discussed Iran's nuclear programme with Bush", "discussed UK-France co-operation":
        # what is discussed is a topic, whoever it names; the partner comes with "with"
        return [o for o in objs if o.dep_ not in ("dobj", "obj") or verb.lemma_.lower() in FACING_VERBS]
    objs += [c for o in objs if o.pos_ == "NOUN" and named_person(o) is None for c in o.children
             if c.dep_ in ("poss", "compound", "amod") and c.ent_type_ in ("GPE", "ORG", "NORP", "PERSON")]  # fmt: skip
    return objs


# Verbs whose object is what they are about, not whom they act on; but for those that may
# face someone ("debated Clinton", "addressed the UN") no owner of it is a party.
TOPIC_VERBS = frozenset({"discuss", "debate", "consider", "examine", "study", "review", "address"})
FACING_VERBS = frozenset({"debate", "address"})


def _talked_about(verb: Token) -> set[int]:
    """The tokens of what talks or a deal are about, which names no party to them: "discussed
    UK-France co-operation", "met for the 2016 UK-France summit", "agreed on Iran"."""
    topics = prep_objects(verb, TOPIC_PREPS)
    if verb.lemma_.lower() in TOPIC_VERBS - FACING_VERBS:
        topics += [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    return {t.i for o in topics for t in o.subtree}


def _own_objects(verb: Token) -> list[Token]:
    objs = [c for c in verb.children if c.dep_ in ("dobj", "dative", "obj", "attr")]
    if verb.dep_ == "relcl" and objs and _relative_pronouns(objs):
        objs = [verb.head]  # "al-Shabab, which Kenyan forces attacked": al-Shabab
    objs += [o for p in verb.children if p.dep_ in ("prep", "dative") and p.lower_ in OBJECT_PREPS
             for o in p.children if o.dep_ == "pobj"]  # fmt: skip
    objs += [
        o
        for c in verb.children
        if c.dep_ == "prt"
        for p in c.children
        for o in p.children
        if o.dep_ == "pobj"
    ]
    return objs


def _clause_subjects(
    noun: Token, refs: dict[int, str], exclude: list[Token], conflict: bool = False
) -> list[Token]:
    """Who holds a noun event with no possessor: the governing clause's subject, or the
    other actors of the clause ("mutual disdain towards X had pulled A and B closer"); a
    reporting verb's speaker only for cooperation ("Williams said talks with Disney revealed
    ..."), not for a conflict (" ... following the killing of X, residents said")."""
    head = noun
    for _ in range(6):
        head = head.head
        if head.pos_ in ("VERB", "AUX") or head.head.i == head.i:
            break
    excluded = {refs.get(t.i) for t in exclude}
    if noun.dep_ == "nsubjpass":  # "sanctions on Iran were lifted by the EU": the agent acts
        agents = [t for c in noun.head.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"
                  for t in _with_conjuncts(o) if _actor(t, refs) and _actor(t, refs) not in excluded]  # fmt: skip
        if agents:
            return agents
    if noun.dep_ in ("nsubj", "nsubjpass") or any(c.lower_ == "mutual" for c in noun.children):
        others = [t for o in _objects(noun.head) for t in _with_conjuncts(o) if _actor(t, refs)]
        others = [t for t in others if _actor(t, refs) not in excluded]
        if others:
            return others

    def holder(t: Token) -> bool:  # "UK interest rates ... following the meeting": a figure holds nothing
        return (
            bool(_actor(t, refs))
            and _actor(t, refs) not in excluded
            and t.lemma_.lower() not in QUANTITY_NOUNS
        )

    clause_subjects = [t for t in _subject_tokens(head) if t.i != noun.i]
    subjects = [t for t in clause_subjects if holder(t)]
    if not subjects:  # "the goal of the coalition is ...", "the coalition's airstrikes delivered ..."
        subjects = [o for t in clause_subjects if not t.left_edge.i <= noun.i <= t.right_edge.i
                    for o in _owners(t, refs) if holder(o)]  # fmt: skip
    # a clause whose own subject holds nothing ("the airstrikes delivered munitions in support of X,
    # Davis said") is not its reporter's
    if not subjects and not any(t.pos_ in ("NOUN", "PROPN") for t in clause_subjects):
        ancestor = head
        for _ in range(3):
            if ancestor.head.i == ancestor.i:
                break
            ancestor = ancestor.head
            if conflict and ancestor.lemma_.lower() in REPORTING_VERBS:
                break
            subjects = [t for t in _subject_tokens(ancestor) if holder(t)]
            if subjects:
                break
    return subjects


def _owners(noun: Token, refs: dict[int, str]) -> list[Token]:
    """Whose a noun is: "the coalition's goal", "the goal of the coalition"."""
    owners = [c for c in noun.children if c.dep_ == "poss" and _actor(c, refs)]
    owners += [o for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
               for o in p.children if o.dep_ == "pobj" and _actor(o, refs)]  # fmt: skip
    return owners


def _pairs(relation: str, trigger: Token, subjects: list[Token], objects: list[Token],
           refs: dict[int, str], construction: str) -> list[RawClaim]:  # fmt: skip
    if not subjects:
        return []
    if not objects:
        return (
            [_claim(relation, trigger, s, None, refs, construction) for s in subjects]
            if relation in NO_OBJECT_OK
            else []
        )
    if relation == "MEMBER":  # one is a member of a group, not of a person ("joined John Kerry")
        objects = [o for o in objects if _kind_of(o, refs) != "person"]
    return [_claim(relation, trigger, s, o, refs, construction) for s in subjects for o in objects]


def _claim(relation: str, trigger: Token, subj: Token, obj: Token | None,
           refs: dict[int, str], construction: str) -> RawClaim:  # fmt: skip
    return RawClaim(
        relation=relation, trigger=trigger.i, subject=subj.i, object=obj.i if obj is not None else None,
        subject_actor=_actor(subj, refs) or "", object_actor=_actor(obj, refs) if obj is not None else None,
        negated=_negated(trigger) or _neither(subj) or (obj is not None and _neither(obj)),
        intended=_intended(trigger),
        hypothetical=_hypothetical(trigger) or (relation != "REQUEST" and _prescribed(trigger)),
        construction=construction,
    )  # fmt: skip


# -- qualifiers from the parse ----------------------------------------------------------------


def _negated(trigger: Token) -> bool:
    """ "did not meet", "no talks", "never attacked", "will no longer tolerate"."""
    if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in trigger.children):
        return True
    if any(c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children) for c in trigger.children):
        return True
    head = trigger.head
    if trigger.dep_ in ("dobj", "attr", "nsubj") and any(c.dep_ == "neg" for c in head.children):
        return True
    # "there was no plan for an invasion", "no prospect of talks": what is denied is the event
    if (
        trigger.dep_ == "pobj"
        and head.lower_ in ("for", "of")
        and head.head.pos_ == "NOUN"
        and any(c.dep_ == "det" and c.lower_ == "no" for c in head.head.children)
    ):
        return True
    return _governed(trigger, FAILING_VERBS)  # "failed to broker a ceasefire", "failed to meet"


def _neither(party: Token) -> bool:
    """ "Neither Iran nor Iraq attacked Kuwait", "attacked neither Iraq nor Kuwait": with neither."""
    first = party
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    return any(c.lower_ == "neither" and c.dep_ in ("preconj", "det") for c in first.children)


# Verbs and nouns of an aim, which make what they govern an intention.
INTENT_WORDS = frozenset(INTENT_VERBS | INTENT_NOUNS)


def _intended(trigger: Token) -> bool:
    """ "seeking to establish", "the goal is a negotiated solution", "an effort to prevent", and
    what is asked for ("demanded sanctions against Iran", "called for talks with X", "demanded
    that Sudan end curbs")."""
    if trigger.pos_ == "NOUN" and _asked_for(trigger):
        return True
    tok = trigger
    for _ in range(4):
        # "seeking to", "an effort to"; "Iran is ready to talk", "Israel is committed to defeating
        # Hamas": not yet done
        if tok.i != trigger.i and (
            tok.lemma_.lower() in INTENT_WORDS
            or (
                tok.lower_ in INTENT_ADJECTIVES
                and (tok.dep_ == "acomp" or any(c.dep_ == "auxpass" for c in tok.children))
            )
        ):
            return True
        if tok.dep_ == "attr" and any(
            c.dep_ == "nsubj" and c.lemma_.lower() in INTENT_NOUNS for c in tok.head.children
        ):
            return True
        if tok.dep_ == "ccomp" and GOVERNING_VERBS.get(tok.head.lemma_.lower()) == "REQUEST":
            return True  # "demanded that the government end curbs": asked for, not done
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return False


def _asked_for(noun: Token) -> bool:
    """The event noun is what a verb of asking asks for: "demanded sanctions", "called for talks"."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.lower_ == "for":
        verb = verb.head
    elif noun.dep_ != "dobj" or any(c.dep_ == "prt" for c in verb.children):
        return False  # "called off the strike" asks for nothing
    return GOVERNING_VERBS.get(verb.lemma_.lower()) == "REQUEST"


HEDGE_AUX = {"may", "might", "could"}
HEDGE_REACH = {"dobj", "attr", "pobj", "prep", "xcomp", "nsubjpass", "conj"}


def _hypothetical(trigger: Token) -> bool:
    """ "if X attacks", "X would retaliate if", and hedged: "police may have arrested", "X might
    hold talks", "troops could be withdrawn" (a possibility, not a fact)."""
    if _has_aux(trigger, HEDGE_AUX):
        return True
    tok = trigger
    for _ in range(3):
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in tok.children):
            return True
        if any(c.dep_ == "aux" and c.lower_ in ("would", "could", "might") for c in tok.children) and any(
            c.dep_ == "advcl" and any(m.lower_ == "if" for m in c.children) for c in tok.children
        ):
            return True
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return False


def _prescribed(trigger: Token) -> bool:
    """A "must"/"should" on the trigger's verb: what someone ought to do, not what was done ("the
    US should back Ukraine's entry": no backing yet; the demand is a REQUEST of its own). What one
    should stop or go on doing is being done ("Iran should stop arming Hezbollah")."""
    if trigger.dep_ in ("xcomp", "pcomp") and trigger.head.lemma_.lower() in ONGOING_VERBS:
        return False
    return _has_aux(trigger, OBLIGATION_MODALS | {"ought"})


def _demands(doc: Doc, claims: list[RawClaim], refs: dict[int, str]) -> list[RawClaim]:
    """ "The EU said the US should back Ukraine": the EU asks it of the US (REQUEST), whatever the
    typer read of the sentence."""
    out = []
    for c in claims:
        verb = doc[c.trigger]
        if c.relation == "REQUEST" or verb.pos_ != "VERB" or not _prescribed(verb):
            continue
        caller = _caller(verb, refs)
        if caller is not None and _actor(caller, refs) != c.subject_actor:
            out.append(_claim("REQUEST", verb, caller, doc[c.subject], refs, "verb"))
    return out


def _has_aux(trigger: Token, modals: set[str] | frozenset[str]) -> bool:
    """One of `modals` on the trigger's verb: the trigger itself, or the verb whose object,
    complement or prepositional object it is ("may hold talks", "could face sanctions from",
    "should back Ukraine's entry")."""
    tok = trigger
    for _ in range(3):
        aux = {c.lower_ for c in tok.children if c.dep_ == "aux"}
        if aux & modals and not ("could" in aux and any(c.dep_ == "neg" for c in tok.children)):
            return True  # "could not reach" is a failure, not a possibility
        if tok.dep_ not in HEDGE_REACH or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _modifier_of_a_party(doc: Doc, claim: RawClaim, parties: set[tuple]) -> bool:
    """A party of `claim` is a word modifying the phrase whose head is that party in another
    claim on the same trigger ("called on British companies": the companies, not Britain; an
    owner is a party of its own: "backed Brown's report")."""
    for i, as_subject in ((claim.subject, True), (claim.object, False)):
        if i is None or doc[i].dep_ not in NAME_PARTS or doc[i].head.i == i:
            continue
        head = doc[i].head.i
        other = (head, claim.object) if as_subject else (claim.subject, head)
        if (claim.trigger, claim.relation, *other) in parties:
            return True
    return False


def _dedupe(claims: list[RawClaim], doc: Doc) -> list[RawClaim]:
    """One claim per relation, pair and sentence ("providing assistance to" has two triggers);
    none without a recipient where the same subject's claim of that relation names one
    ("rejected the demands of Iran": the verb alone found no one, the demand found Iran)."""
    seen: set[tuple] = set()
    aimed = {(c.relation, c.subject_actor, sentence_of(doc, c.trigger)[0]) for c in claims if c.object_actor}
    parties = {(c.trigger, c.relation, c.subject, c.object) for c in claims}
    out = []
    for c in claims:
        key = (c.relation, c.subject_actor, c.object_actor, sentence_of(doc, c.trigger)[0])
        if c.object_actor is None and key[:2] + key[3:] in aimed:
            continue
        if _modifier_of_a_party(doc, c, parties):
            continue
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out

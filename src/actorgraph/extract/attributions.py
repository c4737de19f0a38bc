"""Rule-based attribution finding: who said what, through which channel.

Spans follow PolNeAR's conventions, because that is what we are scored on:
the source is the whole subject phrase (appositions and relative clauses
included, a relative "who" on its own), the cue is the reporting verb with its
auxiliaries and "also"/"not", and the content is the complement clause with
its "that" (or the quoted material, in pieces when the quote is interrupted).
Everything runs off the parse in one pass over the tokens, so it costs a small
fraction of the parse itself.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from actorgraph.extract.attribution_model import (
    AttributionModel,
    DocArrays,
    cue_head,
    default_model,
    predict,
)
from actorgraph.extract.lexicon import DENY_VERBS, EVENT_VERBS, GIVING_VERBS, POSTING_VERBS
from actorgraph.extract.verbs import call_sense
from actorgraph.nlp.parse import paragraph_bounds, prep_objects

# Lemmas of reporting verbs that cue an attribution whenever they have a subject
# and something said (a clause, a quote, an object).
SAY_VERBS = frozenset(
    [
        "say",
        "tell",
        "add",
        "write",
        "note",
        "state",
        "reveal",
        "announce",
        "claim",
        "insist",
        "warn",
        "explain",
        "argue",
        "confirm",
        "acknowledge",
        "tweet",
        "report",
        "reply",
        "respond",
        "deny",
        "reject",
        "dismiss",
        "declare",
        "assert",
        "contend",
        "stress",
        "emphasize",
        "emphasise",
        "admit",
        "concede",
        "allege",
        "predict",
        "recall",
        "testify",
        "complain",
        "caution",
        "remark",
        "observe",
        "comment",
        "quip",
        "joke",
        "boast",
        "speculate",
        "estimate",
        "conclude",
        "suggest",
        "indicate",
        "disclose",
        "inform",
        "assure",
        "promise",
        "pledge",
        "vow",
        "threaten",
        "concur",
        "agree",
        "repeat",
        "reiterate",
        "lament",
        "charge",
        "accuse",
        "blame",
        "criticize",
        "post",
        "describe",
        "refute",
        "dispute",
        "counter",
        "retort",
        "propose",
        "urge",
        "hint",
        "signal",
        "imply",
        "mention",
        "point",
    ]
)
# Verbs of belief/knowledge: cues only with a complement clause.
BELIEF_VERBS = frozenset(
    [
        "believe",
        "think",
        "expect",
        "feel",
        "fear",
        "hope",
        "assess",
        "suspect",
        "doubt",
        "reckon",
        "consider",
        "guess",
        "worry",
        "find",
        "show",
        "learn",
        "maintain",
    ]
)
# Verbs whose object is the one spoken to, not part of what is said ("told reporters to ...").
ADDRESSEE_VERBS = frozenset(["tell", "inform", "remind", "assure", "notify", "brief", "use", "write"])
LEAD_DEPS = frozenset(["advmod", "prep", "advcl", "npadvmod", "intj", "cc"])
ALLEGE = frozenset(["accuse", "allege", "charge", "blame", "suspect"])
# Cues whose content becomes "believed" (not the knowledge verbs find/show/learn/maintain).
BELIEVE = (BELIEF_VERBS - {"find", "show", "learn", "maintain"}) | {"predict", "estimate"}
INTEND = frozenset(["promise", "pledge", "vow", "threaten", "plan"])
# Verbs whose object is the addressee ("told Reuters"), not the content.
ADDRESS = frozenset(["tell", "inform", "assure", "brief", "warn", "remind", "ask"])
# Verbs whose object is what is said about ("called the plan a disaster", "cited polls").
OBJECT_VERBS = frozenset(
    [
        "call",
        "cite",
        "note",
        "describe",
        "criticize",
        "attack",
        "praise",
        "condemn",
        "question",
        "mention",
        "blast",
        "slam",
        "announce",
        "reveal",
        "confirm",
        "acknowledge",
        "admit",
        "dispute",
        "deny",
        "reject",
        "dismiss",
        "endorse",
        "propose",
        "demand",
        "predict",
        "echo",
        "liken",
        "claim",
        "tweet",
        "post",
        "ask",
    ]
)
# "released / issued / provided the following statement:": a statement given, the words after the colon.
STATEMENT_VERBS = frozenset(["release", "issue", "provide", "give", "make", "deliver", "read", "publish"])
STATEMENT_NOUNS = frozenset(["statement", "remarks", "message"])
STATEMENT_CUE = "statement"  # its cue_lemma: the rule stands, though "released" is also a deed
# Object verbs that also name physical force: words only when the target is not a place or unit.
FORCE_VERBS = frozenset({"attack", "blast", "slam", "hit", "strike"})
PHYSICAL_TARGETS = frozenset(
    "base bases ship ships convoy positions position troops forces city town village camp camps targets "
    "target facility facilities plant airport port vessel tanker headquarters embassy border".split()
)


def _phrasal_deed(verb: Token) -> bool:
    """A saying verb whose particle makes it a deed: "called off its strike", "called up reservists"."""
    return call_sense(verb) in ("up", "off")


def _physical(verb: Token) -> bool:
    """True when a force verb's object is a state, group, place or military target."""
    for obj in verb.children:
        if obj.dep_ in ("dobj", "obj") and (
            obj.ent_type_ in ("GPE", "LOC", "FAC", "NORP", "ORG") or obj.lemma_.lower() in PHYSICAL_TARGETS
        ):
            return True
    return False


# Verbs that cue only a direct quote next to them ('Limbaugh continued: “...”').
QUOTE_ONLY_VERBS = frozenset(["continue"])
# Verbs whose quoted object is what is said ('said “no”').
QUOTE_OBJECT_VERBS = frozenset(
    ["say", "tell", "write", "add", "report", "ask", "explain", "tweet", "note", "reply", "respond"]
)
# Deeds, not words: the model's cue on one of these is dropped ("attacked Clinton" and
# "urged", "condemned", "endorsed" stay: PolNeAR counts what they convey as said).
MATERIAL_KINDS = {"ASSAULT", "COERCE", "MOBILIZE", "AID", "SANCTION", "RETREAT"}
MATERIAL_ACTS = frozenset(
    {v for v, kind in EVENT_VERBS.items() if kind in MATERIAL_KINDS}
    | GIVING_VERBS
    | POSTING_VERBS
    | {"impose", "lift", "levy", "sign", "ratify"}
)
# A rule's content replaces the model's for the same cue only where the two overlap this
# much (character Dice): the rule's boundaries are the more exact, the model is more often right
# about where the content lies. Chosen on PolNeAR dev (0.0: 0.607 exact / 0.684 relation;
# 0.3: 0.609 / 0.690; 0.5: 0.606 / 0.689; always the model's: 0.591 / 0.691).
CONTENT_AGREEMENT = 0.3
LONE_CUE_POS = frozenset(["AUX", "DET", "PRON", "CCONJ", "PART", "SCONJ"])
SPEAKERS_SKIPPED = frozenset({"i", "we", "you"})
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "csubj"})
SUBJ_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
CUE_LEFT_DEPS = frozenset({"aux", "auxpass", "neg"})
CUE_ADVS = frozenset(
    ["also", "previously", "later", "again", "repeatedly", "recently", "never", "often", "once", "already"]
)
# A preposition by which a cue takes its content belongs to the cue ("talked about",
# "accused her of", "bristled at", "weighed in with"): PolNeAR train ends about 2,100 cues
# right before their content in one of these and starts the content with one about 160 times
# ("as" and "to" go either way and are left alone). Particles always go to the cue ("backed off").
CUE_PREPS = frozenset(["about", "of", "for", "on", "at", "against", "over", "with", "in", "by", "from", "into"])  # fmt: skip
# "In the latest poll, ...": the findings a clause is reported in.
SURVEY_NOUNS = frozenset(["poll", "survey", "average"])
SURVEY_QUANTIFIERS = frozenset(["one", "some", "many", "most", "all", "each", "average"])
SOURCELESS_ADVS = {"reportedly": "reported", "allegedly": "alleged", "purportedly": "alleged"}
ANON_HEADS = frozenset(
    [
        "official",
        "source",
        "member",
        "diplomat",
        "person",
        "people",
        "aide",
        "adviser",
        "advisor",
        "insider",
        "officer",
        "staffer",
        "employee",
        "resident",
        "witness",
    ]
)
ANON_MARKS = frozenset(["anonymity", "anonymous", "unnamed", "unidentified"])
EDGE = " \t\r\n\xa0,;:—–-"
# "we" stands for the speaker's organisation; "I" and "we" both go on with a statement
FIRST_PERSON_PLURAL = frozenset(["we", "us", "our", "ours", "ourselves"])
FIRST_PERSON_WORDS = FIRST_PERSON_PLURAL | {"i", "me", "my"}
CLOSE_QUOTES = frozenset(["”", '"', "''", "’"])


@dataclass
class RawAttribution:
    """One act of saying, believing or reporting found in a document."""

    cue: tuple[int, int]
    source: tuple[int, int] | None
    source_head: int | None
    content: list[tuple[int, int]]
    channel: tuple[int, int] | None
    anonymous: bool
    direct: bool
    stance: str
    modality: str
    time: tuple[int, int] | None
    parent: int | None = None
    cue_lemma: str = field(default="", repr=False)


def find_attributions(doc: Doc, model: AttributionModel | str | None = "default") -> list[RawAttribution]:
    """Find attributions in a parsed doc, outer ones before the ones nested in them.

    With a model (by default the packaged one, see attribution_model.py) the trained
    taggers decide cues, sources and contents, using the rules' findings as evidence;
    the rules still give channel, time, stance and modality. `model=None`: rules alone.
    """
    token = _DOC_TEXT.set((doc, doc.text))
    try:
        rules = _find(doc)
        tagger = default_model() if isinstance(model, str) else model
        found = rules if tagger is None else _with_model(doc, rules, tagger)
        for a in found:
            _prep_into_cue(doc, a)
        _statements_go_on(doc, found)
        return found
    finally:
        _DOC_TEXT.reset(token)


def find_rule_attributions(doc: Doc) -> list[RawAttribution]:
    """The rule finder alone."""
    return find_attributions(doc, model=None)


def _with_model(doc: Doc, rules: list[RawAttribution], model: AttributionModel) -> list[RawAttribution]:
    text = _text(doc)
    quotes = quote_regions(text)
    arrays = DocArrays.from_doc(doc, text, quotes)
    found: list[RawAttribution] = []
    used: set[int] = set()
    predicted = predict(model, arrays, rules)
    cue_starts = {q.cue[0] for q in predicted}
    for p in predicted:
        # the model's cue decides; a rule at the same cue gives its channel, time, stance,
        # modality and content, or all of it where its cue has no verb ("according to")
        if p.rule is not None:
            lexical = _lexical_cue(doc, rules[p.rule]) or rules[p.rule].cue_lemma == STATEMENT_CUE
            if lexical and p.rule not in used:
                found.append(replace(rules[p.rule], parent=None))
            used.add(p.rule)
            if lexical:
                continue
        content = _clean(text, [(int(arrays.idx[a]), int(arrays.end[b])) for a, b in p.content])
        if p.cue[0] == p.cue[1] and doc[p.cue[0]].pos_ in LONE_CUE_POS:
            continue  # a lone auxiliary ("has") is a cue cut short, not a cue
        head = doc[cue_head(arrays, *p.cue)]
        lemma = head.lemma_.lower()
        if (
            lemma in MATERIAL_ACTS
            and lemma not in SAY_VERBS
            and (lemma not in FORCE_VERBS or _physical(head))
        ) or _phrasal_deed(head):
            continue  # "imposed sanctions", "attacked Kyiv", "called off its strike": an act, not a saying
        rule = rules[p.rule] if p.rule is not None else None
        if (
            rule is not None
            and rule.content
            and (not content or _agree(rule.content, content) >= CONTENT_AGREEMENT)
        ):
            content = rule.content
        if not content:
            continue
        source, source_tok = None, None
        if p.source is not None:
            span = doc[p.source[0] : p.source[1] + 1]
            cleaned = _clean(text, [(span.start_char, span.end_char)])
            if cleaned:
                source, source_tok = cleaned[0], span.root
        if rule is not None and rule.source == source and rule.source_head is not None:
            source_tok = doc[rule.source_head]
        lemma = rule.cue_lemma if rule is not None else lemma
        if rule is not None:
            stance, modality, channel, time = rule.stance, rule.modality, rule.channel, rule.time
        else:
            stance = "deny" if lemma in DENY_VERBS or _denies(doc, content) else "assert"
            modality = (
                "alleged" if lemma in ALLEGE else "believed" if lemma in BELIEVE else
                "intended" if lemma in INTEND else "reported"
            )  # fmt: skip
            channel, time = _channel(head), _time(doc, head)
        first, last = _mended_cue(doc, *p.cue, cue_starts)
        cue, content = _run_on(
            text,
            (int(arrays.idx[p.cue[0]]), int(arrays.end[p.cue[1]])),
            (int(arrays.idx[first]), int(arrays.end[last])),
            content,
        )
        found.append(
            RawAttribution(
                cue=next(iter(_clean(text, [cue])), cue),  # "said:" -> "said"; a lone ":" stays
                source=source,
                source_head=source_tok.i if source_tok is not None else None,
                content=content,
                channel=channel,
                anonymous=source_tok is not None and _anonymous(doc, source_tok, _sent(source_tok)),
                direct=False,
                stance=stance,
                modality=modality,
                time=time,
                cue_lemma=lemma,
            )
        )
    # rule findings the model did not confirm stay
    found.extend(replace(a, parent=None) for n, a in enumerate(rules) if n not in used)
    found = _without_restatements(doc, found)
    found.sort(key=lambda a: a.cue[0])
    _link_nested(found)
    for a in found:
        a.direct = _is_direct(a.content, quotes)
    return found


def _mended_cue(doc: Doc, first: int, last: int, cue_starts: set[int]) -> tuple[int, int]:
    """A tagged cue cut off inside its phrase, closed: one ending in a word that modifies the
    verb after it ("has also [detailed]", "isn't [offering]", "repeatedly [linked]") runs on to
    that verb, unless the tagger gave the verb a cue of its own (`cue_starts`); one ending in an
    article ("said in a", "unveiled a") ends before it."""
    end = doc[last]
    head = end.head
    if (
        end.dep_ in ("advmod", "neg", "aux", "auxpass")
        and end.tag_ not in ("TO", "WRB")  # "seemed to | differ", "took offense when | ..." stay
        and end.lower_ not in SOURCELESS_ADVS
        and last < head.i <= last + 2
        and head.pos_ in ("VERB", "AUX")
        and not any(k in cue_starts for k in range(last + 1, head.i + 1))
    ):
        return first, head.i
    if end.pos_ == "DET" and last > first:
        last -= 1
        while last > first and doc[last].pos_ == "ADP":
            last -= 1
    return first, last


def _run_on(
    text: str, tagged: tuple[int, int], mended: tuple[int, int], content: list[tuple[int, int]]
) -> tuple[tuple[int, int], list[tuple[int, int]]]:
    """A cue mended to run on to its verb ("has also" -> "has also detailed") takes that verb out
    of the content the tagger began with it; where nothing of the content would be left, the
    cue stays as tagged."""
    if mended[1] <= tagged[1]:
        return mended, content
    rest = _clean(
        text, [(max(s, mended[1]), e) if mended[0] <= s < mended[1] else (s, e) for s, e in content]
    )
    return (mended, rest) if rest else (tagged, content)


def _find(doc: Doc) -> list[RawAttribution]:
    quotes = quote_regions(_text(doc))
    found: list[RawAttribution] = []
    taken: set[int] = set()
    for tok in doc:
        attr: RawAttribution | None = None
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            attr = _according_to(doc, tok)
        elif tok.lower_ == "in" and tok.dep_ == "prep":
            attr = _in_survey(doc, tok)
        elif tok.lower_ in SOURCELESS_ADVS:
            attr = _sourceless_adverb(doc, tok)
        elif tok.pos_ in ("VERB", "AUX") and tok.i not in taken:
            attr = _verb_cue(doc, tok, quotes)
        if attr is not None:
            found.append(attr)
            taken.add(tok.i)
    found.extend(_colon_speakers(doc, found))
    found.extend(_dash_signatures(doc, quotes))
    found.sort(key=lambda a: a.cue[0])
    _link_nested(found)
    for a in found:
        a.content = _widen_to_quotes(a, quotes)
        a.direct = a.direct or _is_direct(a.content, quotes)
    return found


# --- cues ------------------------------------------------------------------


def _verb_cue(doc: Doc, verb: Token, quotes: list[tuple[int, int]]) -> RawAttribution | None:
    lemma = verb.lemma_.lower()
    if lemma == "learn" and any(c.dep_ == "prep" and c.lower_ == "from" for c in verb.children):
        return _learned_from(doc, verb)
    if lemma == "refer":
        return _referring_to(doc, verb)
    if lemma in STATEMENT_VERBS and (given := _statement_given(doc, verb, quotes)) is not None:
        return given
    say = lemma in SAY_VERBS or lemma in QUOTE_ONLY_VERBS
    if not say and lemma not in BELIEF_VERBS and lemma not in OBJECT_VERBS:
        return None
    if any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children):
        return None  # "wants to say": the attribution, if any, is the wanting
    if _in_quote(verb, quotes):
        return None
    if lemma == "point" and not any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children):
        return None
    if _phrasal_deed(verb):
        return None
    if lemma in FORCE_VERBS and _physical(verb):
        return None  # "Iran attacked Iraq": force, not words
    if verb.dep_ in ("amod", "compound") or verb.tag_ == "VBN" and verb.dep_ == "acl":
        return None
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    subj = _subject(verb)
    inverted = _inverted_object(doc, verb) if say else None
    if inverted is not None:
        # "..., added the Taliban members": the object after the comma is the speaker.
        lo = max(verb.head.left_edge.i, _sent(verb).start)
        pieces = _cut(doc, lo, verb.i - 1, verb.i - 1, verb.i - 1) if lo < verb.i - 1 else []
        if pieces:
            return _build(doc, verb, _cue_span(verb), inverted, pieces, lemma, False)
    if subj is not None and subj.lower_ in SPEAKERS_SKIPPED:
        return None  # "I think" inside a quote: PolNeAR does not nest these
    content = _content(doc, verb, subj, quotes, say)
    if any(s <= verb.idx < e for s, e in content):
        # The content was parsed around the cue ("“A,” he said, “B”"): cut the cue's clause out.
        lo, hi = _clause_of_cue(verb, subj)
        cut_s, cut_e = doc[lo].idx, _end(doc[hi])
        content = _clean(
            _text(doc),
            [p for s, e in content for p in ((s, min(e, cut_s)), (max(s, cut_e), e)) if p[0] < p[1]],
        )
    if not content or (lemma in QUOTE_ONLY_VERBS and not _is_direct(content, quotes)):
        return None
    if passive:
        source = _agent(verb)
        if source is None and lemma not in ALLEGE | BELIEVE | {"report", "say", "tell"}:
            return None
    else:
        source = subj
    if source is None and not passive and verb.dep_ not in ("advcl", "xcomp", "conj", "acl", "relcl"):
        return None
    return _build(doc, verb, _cue_span(verb), source, content, lemma, passive)


def _statement_given(doc: Doc, verb: Token, quotes: list[tuple[int, int]]) -> RawAttribution | None:
    """A press release's "Gen. Joseph Votel released the following statement today:" and the
    statement in the paragraph after the colon: its subject says it (and, paragraph by paragraph,
    what follows in the first person: `_statements_go_on`)."""
    if not any(c.dep_ == "dobj" and c.lemma_.lower() in STATEMENT_NOUNS for c in verb.children):
        return None
    last = max((c.right_edge.i for c in verb.children if c.i > verb.i and c.dep_ != "punct"), default=verb.i)
    subj = _subject(verb)
    if subj is None or last + 1 >= len(doc) or doc[last + 1].text != ":":
        return None
    content = _next_quote_paragraph(doc, last + 1, quotes)
    pieces = _clean(_text(doc), [content]) if content else []
    return _build(doc, verb, _cue_span(verb), subj, pieces, STATEMENT_CUE, False) if pieces else None


def _referring_to(doc: Doc, verb: Token) -> RawAttribution | None:
    """'..., added the spokesman, referring to X': the governing cue's speaker refers to X."""
    prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"), None)
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    if pobj is None or verb.dep_ not in ("advcl", "xcomp", "conj") or verb.head.i == verb.i:
        return None
    head = verb.head
    source = _subject(verb)
    if source is None and head.lemma_.lower() in SAY_VERBS:
        source = _inverted_object(doc, head)
    content = _clean(_text(doc), [(pobj.left_edge.idx, _end(pobj.right_edge))])
    if source is None or not content:
        return None
    return _build(doc, verb, (verb.idx, _end(prep)), source, content, "refer", False)


def _according_to(doc: Doc, tok: Token) -> RawAttribution | None:
    to = doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    return _phrase_attribution(doc, tok, to, pobj, "according to")


def _in_survey(doc: Doc, tok: Token) -> RawAttribution | None:
    """ "In the latest CNN poll, Clinton leads by 4 points": a poll or survey put before the
    clause is its source, as "according to" gives one. Only fronted: PolNeAR's annotators
    mark "in the polls" inside a clause ("trails in the polls") as a cue rarely, a fronted one
    mostly."""
    pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if pobj is None or tok.i != _sent(tok).start:
        return None
    after = pobj.right_edge.i + 1
    if after >= len(doc) or doc[after].text != ",":
        return None
    noun = pobj
    if noun.lemma_.lower() in SURVEY_QUANTIFIERS:  # "one of the first polls", "an average of polls"
        noun = next(iter(prep_objects(noun, ("of",))), noun)
    if noun.lemma_.lower() not in SURVEY_NOUNS:
        return None
    return _phrase_attribution(doc, tok, tok, pobj, "in")


def _phrase_attribution(doc: Doc, tok: Token, last: Token, pobj: Token, lemma: str) -> RawAttribution | None:
    """A prepositional cue (`tok` .. `last`) whose object is the source: the content is the
    clause the phrase modifies, without the phrase itself."""
    src = (pobj.left_edge.idx, _end(pobj.right_edge))
    sent = _sent(tok)
    head = tok.head
    clause = head if head.i != tok.i else sent.root
    while clause.dep_ in ("prep", "pcomp") and clause.head.i != clause.i:
        clause = clause.head
    lo, hi = clause.left_edge.i, clause.right_edge.i
    if clause.dep_ == "ROOT" or lo > tok.i or hi < tok.i:
        lo, hi = sent.start, sent.end - 1
    pieces = _cut(doc, lo, hi, tok.i, pobj.right_edge.i)
    if not pieces:
        return None
    return RawAttribution(
        cue=(tok.idx, _end(last)),
        source=src,
        source_head=pobj.i,
        content=pieces,
        channel=None,
        anonymous=_anonymous(doc, pobj, sent),
        direct=False,
        stance="assert",
        modality="reported",
        time=None,
        cue_lemma=lemma,
    )


def _sourceless_adverb(doc: Doc, tok: Token) -> RawAttribution | None:
    head = tok.head
    if head.i == tok.i:
        return None
    lo, hi = head.left_edge.i, head.right_edge.i
    pieces = _cut(doc, lo, hi, tok.i, tok.i)
    if not pieces:
        return None
    return RawAttribution(
        cue=(tok.idx, _end(tok)),
        source=None,
        source_head=None,
        content=pieces,
        channel=None,
        anonymous=False,
        direct=False,
        stance="assert",
        modality=SOURCELESS_ADVS[tok.lower_],
        time=None,
        cue_lemma=tok.lower_,
    )


def _learned_from(doc: Doc, verb: Token) -> RawAttribution | None:
    """'X has learned from Y': Y speaks, X is the channel."""
    prep = next(c for c in verb.children if c.dep_ == "prep" and c.lower_ == "from")
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    subj = _subject(verb)
    if pobj is None:
        return None
    sent = _sent(verb)
    # Content: what the sentence says besides the "X has learned from Y" clause.
    lo, hi = _clause_of_cue(verb, subj)
    pieces = _cut(doc, sent.start, sent.end - 1, lo, hi)
    if not pieces:
        return None
    return RawAttribution(
        cue=_cue_span(verb),
        source=(pobj.left_edge.idx, _end(pobj.right_edge)),
        source_head=pobj.i,
        content=pieces,
        channel=_tok_span(subj) if subj is not None else None,
        anonymous=_anonymous(doc, pobj, sent),
        direct=False,
        stance="assert",
        modality="reported",
        time=_time(doc, verb),
        cue_lemma="learn",
    )


def _colon_speakers(doc: Doc, found: list[RawAttribution]) -> list[RawAttribution]:
    """Transcript lines 'TAPPER: ...' (an upper-case name at a line start, then a colon)."""
    out: list[RawAttribution] = []
    used = {a.cue[0] for a in found}
    for tok in doc:
        if tok.text != ":" or tok.i == 0 or tok.idx in used:
            continue
        first = tok.i - 1
        while (
            first > 0
            and tok.i - first < 4
            and not doc[first - 1].is_space
            and "\n" not in doc[first - 1].whitespace_
        ):
            first -= 1
        if first > 0 and "\n" not in doc[first - 1].text_with_ws and not doc[first - 1].is_space:
            continue
        name = doc[first : tok.i]
        if not all(t.is_upper or (t.pos_ == "PROPN" and t.is_title) for t in name if not t.is_punct):
            continue
        end = tok.i + 1
        while end < len(doc) and "\n" not in doc[end - 1].whitespace_ and not doc[end].is_space:
            end += 1
        if end <= tok.i + 1:
            continue
        out.append(
            RawAttribution(
                cue=(tok.idx, _end(tok)),
                source=(name[0].idx, _end(name[-1])),
                source_head=name[-1].i,
                content=[(doc[tok.i + 1].idx, _end(doc[end - 1]))],
                channel=None,
                anonymous=False,
                direct=True,
                stance="assert",
                modality="reported",
                time=None,
                cue_lemma=":",
            )
        )
    return out


def _dash_signatures(doc: Doc, quotes: list[tuple[int, int]]) -> list[RawAttribution]:
    """A quote signed with a dash: '“...” ― Jane Doe'."""
    out: list[RawAttribution] = []
    ends = {qe: qs for qs, qe in quotes}
    text = _text(doc)
    for tok in doc:
        if tok.text not in ("―", "—") or tok.i + 1 >= len(doc):
            continue
        pos = tok.idx
        while pos > 0 and text[pos - 1] in " \xa0":
            pos -= 1
        if pos in ends:
            start = ends[pos]
        elif pos > 0 and text[pos - 1] in CLOSE_QUOTES:  # broken quote marks: the line is the quote
            start = paragraph_bounds(text, pos, pos)[0]
        else:
            continue
        name = []
        for t in doc[tok.i + 1 : tok.i + 7]:
            if t.is_space and not name:
                continue  # "― Jane Doe" with a no-break space after the dash
            if t.pos_ != "PROPN" and not (t.is_punct and t.text == "."):
                break
            if t.pos_ == "PROPN":
                name.append(t)
        if not name:
            continue
        out.append(
            RawAttribution(
                cue=(tok.idx, _end(tok)),
                source=(name[0].idx, _end(name[-1])),
                source_head=name[-1].i,
                content=[(start, pos)],
                channel=None,
                anonymous=False,
                direct=True,
                stance="assert",
                modality="reported",
                time=None,
                cue_lemma="―",
            )
        )
    return out


def _widen_to_quotes(attr: RawAttribution, quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A content piece inside a quote stands for the whole quote (PolNeAR spans all its sentences)."""
    out = []
    for s, e in attr.content:
        for qs, qe in quotes:
            if qs <= s and e <= qe and not (qs <= attr.cue[0] < qe):
                s, e = qs, qe
                break
            if qs > e:
                break
        out.append((s, e))
    return out


# --- roles -----------------------------------------------------------------


def _subject(verb: Token) -> Token | None:
    """The verb's subject, or the subject it shares ("..., saying", "and added")."""
    v = verb
    for _ in range(3):
        subj = next((c for c in v.children if c.dep_ in SUBJ_DEPS), None)
        if subj is not None:
            return subj
        if v.dep_ in ("conj", "advcl", "xcomp") and v.head.i != v.i:
            v = v.head
        else:
            return None
    return None


def _inverted_object(doc: Doc, verb: Token) -> Token | None:
    """The speaker parsed as an object after a comma-led verb: '..., added the spokesman'."""
    if verb.i == 0 or verb.dep_ not in ("conj", "parataxis", "ROOT"):
        return None
    prev = doc[verb.i - 1].text
    if prev != "," and not (prev in CLOSE_QUOTES and verb.i > 1 and doc[verb.i - 2].text == ","):
        return None  # ', added X' or ',” added X' (the comma inside the quote)
    if any(c.dep_ in SUBJ_DEPS for c in verb.children):
        return None
    return next((c for c in verb.rights if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")), None)


def _agent(verb: Token) -> Token | None:
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is None:
        return None
    return next((c for c in agent.children if c.dep_ == "pobj"), None)


def _cue_span(verb: Token) -> tuple[int, int]:
    """The verb with its auxiliaries, negation, 'also' and particle ('has also said')."""
    start = verb
    for c in reversed(list(verb.lefts)):
        if c.i != start.i - 1:
            break
        if c.dep_ in CUE_LEFT_DEPS or (c.dep_ == "advmod" and c.lower_ in CUE_ADVS):
            start = c
        else:
            break
    end = verb
    for c in verb.rights:
        if (c.dep_ == "prt" or (c.lower_ == "for" and verb.lemma_ == "call")) and c.i == end.i + 1:
            end = c
    return start.idx, _end(end)


def _content(
    doc: Doc, verb: Token, subj: Token | None, quotes: list[tuple[int, int]], say: bool
) -> list[tuple[int, int]]:
    """What is said: the complement clause, else the quote or clause the cue interrupts."""
    comps = [
        c
        for c in verb.children
        if c.dep_ in CLAUSE_DEPS and c.tag_ != "TO" and c.i != (subj.i if subj else -1)
    ]
    if not comps and verb.lemma_.lower() in QUOTE_OBJECT_VERBS:
        comps = [c for c in verb.children if c.dep_ == "dobj" and _in_quote(c, quotes)]
    if not comps and verb.lemma_.lower() == "call":
        prep = next(
            (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "for" and c.i == verb.i + 1), None
        )
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        if pobj is not None:
            return _clean(_text(doc), [(pobj.left_edge.idx, _end(pobj.right_edge))])
    if not comps and verb.lemma_.lower() in OBJECT_VERBS:
        return _object_content(doc, verb)
    if verb.lemma_.lower() in ALLEGE | DENY_VERBS and not comps:
        comps = [c for c in verb.children if c.dep_ in ("dobj", "prep") and c.lower_ not in ("to", "by")]
        if verb.lemma_.lower() in ALLEGE:
            comps = [c for c in comps if c.dep_ == "prep" and c.lower_ in ("of", "for")] or comps
    comps = [c for c in comps if c.dep_ != "xcomp" or c.pos_ == "VERB"]
    if comps:
        lo = min(c.left_edge.i for c in comps)
        hi = max(c.right_edge.i for c in comps)
        if verb.lemma_.lower() in ALLEGE and comps[0].dep_ == "prep":
            lo += 1  # "accused of X": the content is X
        obj = next((c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < comps[0].i), None)
        if (
            obj is not None
            and comps[0].dep_ in ("prep", "xcomp")
            and verb.lemma_.lower() not in ADDRESSEE_VERBS
        ):
            lo = obj.left_edge.i  # "accused the ministry of lying", "urged voters to stay home"
        if hi < verb.i:
            lo = _skip_lead(doc, lo, hi)
        if lo > hi:
            return []  # "accused of" with nothing after it
        pieces = [(doc[lo].idx, _end(doc[hi]))]
        if hi < verb.i:  # quote before the cue: it may go on after it
            more = _continuation(doc, verb, subj, quotes)
            if more:
                pieces.append(more)
        elif lo > verb.i and (colon := _colon_after(doc, verb, hi)) is not None:
            nxt = _next_quote_paragraph(doc, colon, quotes)
            if nxt:
                pieces = [nxt]
        return _clean(_text(doc), pieces)
    if not say:
        return []
    # Parenthetical cue: "“...,” he said" parsed with the quote as the head clause.
    if verb.dep_ == "parataxis" or (verb.dep_ in ("ccomp", "conj") and verb.head.i < verb.i):
        head = verb.head
        lo = _skip_lead(doc, max(head.left_edge.i, _sent(verb).start), verb.i - 1)
        clause_lo, clause_hi = _clause_of_cue(verb, subj)
        if clause_lo < lo:
            return []
        pieces = [(doc[lo].idx, doc[clause_lo - 1].idx + len(doc[clause_lo - 1]))] if clause_lo > lo else []
        rest_lo = clause_hi + 1
        sent_end = _sent(verb).end - 1
        if rest_lo <= min(sent_end, head.right_edge.i):
            pieces.append((doc[rest_lo].idx, _end(doc[max(sent_end, head.right_edge.i)])))
        return _clean(_text(doc), pieces)
    # Inverted cue at the clause start or end: the sentence around it is the content.
    if verb.dep_ == "ROOT":
        sent = _sent(verb)
        clause_lo, clause_hi = _clause_of_cue(verb, subj)
        pieces = _cut(doc, _skip_lead(doc, sent.start, clause_lo - 1), sent.end - 1, clause_lo, clause_hi)
        colon = _colon_after(doc, verb, sent.end - 1)
        if colon is not None and (not pieces or pieces[0][0] > verb.idx):
            nxt = _next_quote_paragraph(doc, colon, quotes)
            return [nxt] if nxt else []
        if pieces and pieces[0][0] < verb.idx:
            more = _continuation(doc, verb, subj, quotes)
            if more and all(more[0] >= p[1] for p in pieces):
                pieces.append(more)
        return _clean(_text(doc), pieces)
    return []


def _skip_lead(doc: Doc, lo: int, hi: int) -> int:
    """'However, ...', 'As it stands, ...': a fronted phrase and its comma at the start of
    the sentence frame what is said but are not part of it (as PolNeAR's annotators mostly
    mark it)."""
    tok = doc[lo]
    if lo != _sent(tok).start or tok.dep_ not in LEAD_DEPS:
        return lo
    end = tok.i + 1 if tok.dep_ == "cc" else tok.right_edge.i + 1
    return end + 1 if end < hi and doc[end].text == "," else lo


def _object_content(doc: Doc, verb: Token) -> list[tuple[int, int]]:
    """'called X a liar' gives X and 'a liar'; 'cited X as Y' gives 'X as Y'."""
    pieces: list[tuple[int, int]] = []
    rights = [c for c in verb.rights if c.dep_ != "punct"]
    for n, c in enumerate(rights):
        if c.dep_ == "dobj":
            hi = c.right_edge
            for nxt in rights[n + 1 :]:
                if nxt.dep_ == "prep" and nxt.lower_ in ("as", "for") and nxt.i == hi.i + 1:
                    hi = nxt.right_edge
                else:
                    break
            pieces.append((c.left_edge.idx, _end(hi)))
        elif c.dep_ in ("oprd", "ccomp") and pieces:
            pieces.append((c.left_edge.idx, _end(c.right_edge)))
    return _clean(_text(doc), pieces)


def _clause_of_cue(verb: Token, subj: Token | None) -> tuple[int, int]:
    """Token range of the cue's own clause (source, cue, channel, time) without the content."""
    lo, hi = verb.i, verb.i
    for c in verb.children:
        if c.dep_ in CLAUSE_DEPS or c.dep_ == "punct":
            continue
        if c.dep_ in ("parataxis", "conj", "cc") and c.i > verb.i:
            continue
        lo, hi = min(lo, c.left_edge.i), max(hi, c.right_edge.i)
    if subj is not None and subj.head.i == verb.i:
        lo, hi = min(lo, subj.left_edge.i), max(hi, subj.right_edge.i)
    return lo, hi


def _cut(doc: Doc, lo: int, hi: int, cut_lo: int, cut_hi: int) -> list[tuple[int, int]]:
    """Character spans of tokens lo..hi without cut_lo..cut_hi, within the cue's paragraph."""
    while lo < cut_lo and "\n" in _text(doc)[doc[lo].idx : doc[cut_lo].idx]:
        lo += 1
    while hi > cut_hi and "\n" in _text(doc)[_end(doc[cut_hi]) : _end(doc[hi])]:
        hi -= 1
    pieces = []
    if lo < cut_lo:
        pieces.append((doc[lo].idx, _end(doc[min(cut_lo - 1, hi)])))
    if cut_hi < hi:
        pieces.append((doc[max(cut_hi + 1, lo)].idx, _end(doc[hi])))
    return _clean(_text(doc), pieces)


def _continuation(
    doc: Doc, verb: Token, subj: Token | None, quotes: list[tuple[int, int]]
) -> tuple[int, int] | None:
    """The second half of an interrupted quote: '“A,” he said, “B.”'."""
    _, hi = _clause_of_cue(verb, subj)
    pos = _end(doc[hi])
    text = _text(doc)
    while pos < len(text) and text[pos] in " ,;:.\u2014\xa0":
        pos += 1
    for qs, qe in quotes:
        if qs == pos:
            return qs, qe
        if qs > pos:
            break
    return None


def _colon_after(doc: Doc, verb: Token, hi: int) -> int | None:
    """Index of the colon that ends 'X said:' (a quote paragraph follows), if any."""
    nxt = verb.i + 1
    while (
        nxt < len(doc) and nxt <= hi + 1 and doc[nxt].dep_ in ("dobj", "dative", "prep", "pobj", "npadvmod")
    ):
        nxt += 1
    return nxt if nxt < len(doc) and doc[nxt].text == ":" else None


def _next_quote_paragraph(doc: Doc, hi: int, quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """'X said:' followed by a quoted paragraph: that quote is the content."""
    pos = _end(doc[min(hi, len(doc) - 1)])
    text = _text(doc)
    while pos < len(text) and text[pos] in " \n\r\t:":
        pos += 1
    for qs, qe in quotes:
        if qs == pos:
            return qs, qe
        if qs > pos:
            break
    if pos < len(text):
        nl = text.find("\n", pos)
        return pos, nl if nl != -1 else len(text)
    return None


def _build(
    doc: Doc,
    verb: Token,
    cue: tuple[int, int],
    source: Token | None,
    content: list[tuple[int, int]],
    lemma: str,
    passive: bool,
) -> RawAttribution:
    sent = _sent(verb)
    src = None
    if source is not None:
        src = (source.left_edge.idx, _end(source.right_edge))
        src = _clean(_text(doc), [src])[0] if _clean(_text(doc), [src]) else None
    stance = "deny" if lemma in DENY_VERBS or _denies(doc, content) else "assert"
    if lemma in ALLEGE or (passive and lemma in ("say", "report")):
        modality = "alleged" if lemma in ALLEGE else "reported"
    elif lemma in BELIEVE:
        modality = "believed"
    elif lemma in INTEND:
        modality = "intended"
    else:
        modality = "reported"
    return RawAttribution(
        cue=cue,
        source=src,
        source_head=_head_of(source) if source is not None else None,
        content=content,
        channel=_channel(verb),
        anonymous=source is not None and _anonymous(doc, source, sent),
        direct=False,
        stance=stance,
        modality=modality,
        time=_time(doc, verb),
        cue_lemma=lemma,
    )


def _head_of(source: Token) -> int:
    """A proper name inside a title phrase ("Taliban spokesman Mujahid") stays the head."""
    return source.i


def _channel(verb: Token) -> tuple[int, int] | None:
    """The addressee of 'told Reuters', or the audience of 'while briefing Pentagon reporters'."""
    lemma = verb.lemma_.lower()
    for c in verb.children:
        if lemma in ADDRESS and c.dep_ in ("dobj", "dative", "iobj") and c.pos_ in ("PROPN", "NOUN", "PRON"):
            return _tok_span(c)
        if c.dep_ == "advcl" and c.lemma_.lower() in ("brief", "address", "tell", "speak"):
            obj = next((x for x in c.children if x.dep_ in ("dobj", "dative")), None)
            if obj is None:
                prep = next((x for x in c.children if x.dep_ == "prep" and x.lower_ in ("to", "with")), None)
                obj = next((x for x in prep.children if x.dep_ == "pobj"), None) if prep is not None else None
            if obj is not None:
                return _tok_span(obj)
        if (
            c.dep_ == "prep"
            and c.lower_ == "to"
            and lemma in ("say", "speak", "write", "explain", "confirm", "reveal")
        ):
            obj = next((x for x in c.children if x.dep_ == "pobj"), None)
            if obj is not None:
                return _tok_span(obj)
        if c.dep_ == "prep" and c.lower_ == "in" and lemma in ("say", "write", "tell"):
            obj = next((x for x in c.children if x.dep_ == "pobj"), None)
            if (
                obj is not None
                and obj.lemma_.lower() in ("interview", "statement")
                and obj.i + 1 < len(verb.doc)
            ):
                with_ = next((x for x in obj.children if x.dep_ == "prep" and x.lower_ == "with"), None)
                inner = (
                    next((x for x in with_.children if x.dep_ == "pobj"), None) if with_ is not None else None
                )
                if inner is not None:
                    return _tok_span(inner)
    return None


def _time(doc: Doc, verb: Token) -> tuple[int, int] | None:
    """A DATE entity attached to the cue (or the clause it is said in): 'on October 21'."""
    cands = list(verb.children)
    cands += [g for c in verb.children if c.dep_ == "advcl" for g in c.children]
    for c in cands:
        if c.dep_ == "prep" and c.lower_ in ("on", "in", "during", "at", "last", "earlier"):
            obj = next((x for x in c.children if x.dep_ == "pobj"), None)
            if obj is not None and obj.ent_type_ == "DATE":
                return c.idx, _end(c.right_edge)
        elif c.dep_ in ("npadvmod", "tmod") and c.ent_type_ == "DATE":
            return c.left_edge.idx, _end(c.right_edge)
    return None


def _anonymous(doc: Doc, source: Token, sent: Span) -> bool:
    """Unnamed people: 'a source', 'officials said', 'two officials who spoke on condition of anonymity'."""
    if source.pos_ == "NOUN" and any(
        t.lower_ in ANON_MARKS or (t.lower_ == "named" and t.i > 0 and doc[t.i - 1].lower_ == "be")
        for t in sent
    ):
        return True
    if source.lemma_.lower() not in ANON_HEADS:
        return False
    return not any(t.ent_type_ == "PERSON" for t in source.subtree)


def _denies(doc: Doc, content: list[tuple[int, int]]) -> bool:
    """A quote that denies: 'There is no truth to such reports', 'We reject ...'."""
    for s, e in content:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None:
            continue
        prev = ""
        for t in span:
            low = t.lower_
            if (prev in ("no", "not") and low in ("truth", "true", "basis")) or low in (
                "untrue",
                "baseless",
                "unfounded",
            ):
                return True
            if t.lemma_.lower() in DENY_VERBS and any(
                c.dep_ == "nsubj" and c.lower_ in ("we", "i") for c in t.children
            ):
                return True
            prev = low
    return False


def _without_restatements(doc: Doc, found: list[RawAttribution]) -> list[RawAttribution]:
    """Drop a cue with a pronoun speaker inside another attribution's content: in "Clinton
    said she thinks X" the saying is the attribution and "she thinks" restates its speaker
    (PolNeAR annotates only the outer one)."""

    def restates(a: RawAttribution) -> bool:
        if a.source_head is None or doc[a.source_head].pos_ != "PRON":
            return False
        return any(b is not a and any(s <= a.cue[0] and a.cue[1] <= e for s, e in b.content) for b in found)

    return [a for a in found if not restates(a)]


# Paragraphs of a statement that may pass without a first-person word before one that has one
# ("I am appalled by ... \n\n This is further shocking proof ... \n\n Our position remains ...").
STATEMENT_BRIDGE = 2


def _statements_go_on(doc: Doc, found: list[RawAttribution]) -> None:
    """A statement given after "X said:", in its own paragraph or unquoted in the cue's
    ("Philip Hammond said: The UK has worked ..."), goes on over the paragraphs after
    it that speak in the first person and report no one else's saying: a press release's "The
    Foreign Secretary said:" and then the statement, paragraph by paragraph, and those between
    them (at most STATEMENT_BRIDGE in a row) that report no saying either."""
    text = _text(doc)
    for a in found:
        gap = text[a.cue[1] : a.content[0][0]] if a.content else ""
        if ":" not in gap or ("\n" not in gap and a.direct):
            continue  # "X said:" and the statement in its own paragraph, or unquoted after the colon
        end = paragraph_bounds(text, a.content[-1][0], a.content[-1][1])[1]
        if text[a.content[-1][1] : end].strip(EDGE + '"”'):
            continue  # the statement ends inside its paragraph
        others = [b for b in found if b is not a]
        between: list[tuple[int, int]] = []
        while True:
            start = end
            while start < len(text) and text[start].isspace():
                start += 1
            if start >= len(text):
                break
            end = paragraph_bounds(text, start, start)[1]
            if _said_by_another(doc, start, end, others):
                break
            if not _in_first_person(doc, start, end, others):
                if not text[start:end].rstrip().endswith((".", "!", "?", '"', "”")):
                    break  # a heading ("Notes to editors") ends the statement
                between.append((start, end))
                if len(between) > STATEMENT_BRIDGE:
                    break
                continue
            a.content.extend(_clean(text, [*between, (start, end)]))
            between = []


def _said_by_another(doc: Doc, start: int, end: int, others: list[RawAttribution]) -> bool:
    """The paragraph reports a saying by a named or third-person source ("he said")."""
    return any(
        start <= b.cue[0] < end
        and b.source_head is not None
        and doc[b.source_head].lower_ not in FIRST_PERSON_WORDS | {"they"}
        for b in others
    )


def _in_first_person(doc: Doc, start: int, end: int, others: list[RawAttribution]) -> bool:
    """A first-person word in the paragraph that is no one else's content."""
    return any(
        tok.lower_ in FIRST_PERSON_WORDS and not any(s <= tok.idx < e for b in others for s, e in b.content)
        for tok in doc.char_span(start, end, alignment_mode="expand") or ()
    )


def _link_nested(found: list[RawAttribution]) -> None:
    """Set parent to the tightest attribution whose content holds this one's cue; pass on its channel."""
    for i, a in enumerate(found):
        best = None
        for j, b in enumerate(found):
            if i == j:
                continue
            if any(s <= a.cue[0] and a.cue[1] <= e for s, e in b.content):
                size = sum(e - s for s, e in b.content)
                if best is None or size < best[0]:
                    best = (size, j)
        if best is None:
            continue
        a.parent = best[1]
        outer = found[best[1]]
        if a.channel is None and outer.cue_lemma in ("report", "according to", "learn") and outer.source:
            a.channel = outer.source


# --- helpers ---------------------------------------------------------------

# Doc.text joins every token on each access; the text is read once per call instead.
_DOC_TEXT: ContextVar[tuple[Doc, str] | None] = ContextVar("_DOC_TEXT", default=None)


def _text(doc: Doc) -> str:
    cached = _DOC_TEXT.get()
    if cached is not None and cached[0] is doc:
        return cached[1]
    return doc.text


def _end(tok: Token) -> int:
    return tok.idx + len(tok.text)


def _tok_span(tok: Token) -> tuple[int, int]:
    return tok.left_edge.idx, _end(tok.right_edge)


def _agree(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> float:
    """Dice coefficient of the characters two contents cover."""
    overlap = sum(max(0, min(e, f) - max(s, t)) for s, e in a for t, f in b)
    total = sum(e - s for s, e in a) + sum(f - t for t, f in b)
    return 2 * overlap / total if total else 0.0


def _prep_into_cue(doc: Doc, attr: RawAttribution) -> None:
    """Move the particles and prepositions that link a cue to its content from the content's
    edge (or the gap between them) into the cue: "talked | about X" -> "talked about | X",
    "had weighed | in with any explanation" -> "had weighed in with | any explanation"."""
    while attr.content:
        span = doc.char_span(*attr.cue, alignment_mode="expand")
        if span is None or span.end + 1 >= len(doc):
            return
        word, first = doc[span.end], attr.content[0]
        if (
            not (word.dep_ == "prt" or (word.dep_ == "prep" and word.lower_ in CUE_PREPS))
            or not span.start <= word.head.i < span.end
            or first[0] not in (word.idx, doc[word.i + 1].idx)
            or first[1] <= _end(word)
        ):
            return
        attr.cue = (attr.cue[0], _end(word))
        attr.content[0] = (doc[word.i + 1].idx, first[1])


def _lexical_cue(doc: Doc, rule: RawAttribution) -> bool:
    """A rule cue with no verb in it ("according to", "reportedly", "allegedly"): the
    lexicon fixes its extent and that it has no source, so the rule attribution stands."""
    span = doc.char_span(*rule.cue, alignment_mode="expand")
    return span is not None and not any(t.pos_ in ("VERB", "AUX") for t in span)


def _clean(text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop edge punctuation that is not a quote mark, and empty pieces."""
    out = []
    for s, e in pieces:
        while s < e and text[s] in EDGE:
            s += 1
        while e > s and text[e - 1] in EDGE:
            e -= 1
        if e > s and any(ch.isalnum() for ch in text[s:e]):
            out.append((s, e))
    return out


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Character spans of quotations, quote marks included, in one scan of the text."""
    regions: list[tuple[int, int]] = []
    open_at: int | None = None
    closer = ""
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if open_at is None:
            if ch == "“":
                open_at, closer = i, "”"
            elif ch == '"':
                open_at, closer = i, '"'
            elif ch == "'" and text.startswith("''", i) and (i == 0 or not text[i - 1].isalnum()):
                open_at, closer = i, "''"
                i += 1
        elif ch == "\n" and closer != "”" and text.startswith("\n", i):
            # A straight-quote paragraph that does not close: it reopens on the next.
            open_at = None
        elif text.startswith(closer, i):
            regions.append((open_at, i + len(closer)))
            i += len(closer) - 1
            open_at = None
        elif closer == "”" and ch == "\n" and i + 1 < n and text[i + 1 : i + 3].lstrip().startswith("“"):
            open_at = None
        i += 1
    return regions


def _in_quote(tok: Token, quotes: list[tuple[int, int]]) -> bool:
    return any(s <= tok.idx < e for s, e in quotes)


def _is_direct(content: list[tuple[int, int]], quotes: list[tuple[int, int]]) -> bool:
    """Content counts as direct when at least half of it lies inside quotation marks."""
    total = sum(e - s for s, e in content)
    if not total:
        return False
    inside = sum(
        max(0, min(e, qe) - max(s, qs)) for s, e in content for qs, qe in quotes if qs < e and s < qe
    )
    return inside * 2 >= total


def _sent(tok: Token) -> Span:
    """The token's sentence, found locally: Token.sent walks the whole doc each call."""
    doc = tok.doc
    i = tok.i
    while i > 0 and not doc[i].is_sent_start:
        i -= 1
    j = tok.i + 1
    while j < len(doc) and not doc[j].is_sent_start:
        j += 1
    return doc[i:j]

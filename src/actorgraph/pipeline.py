"""The extraction pipeline: input documents in, contract documents (see contract.py) out.

spaCy parses; components registered by name then add what actorgraph needs, each
one job, each writing a Doc extension:

    actorgraph_topic         doc._.topic: "sport" for a sports report   (extract/topic.py)
    actorgraph_actors        doc._.actors, doc._.mentions, doc._.refs   (extract/actors.py)
    actorgraph_attributions  doc._.attributions                          (extract/attributions.py, speakers.py)
    actorgraph_claims        doc._.claims                                (extract/claims.py)
    actorgraph_relations     doc._.claims, plus the ties of the learned   (extract/relation_model.py)
                             pair classifier that no rule claim joins

`to_document` turns the annotated Doc into the contract's JSON: it qualifies each claim
(attribution, polarity, modality, time, place) and finds the document's contradictions.
A sports report keeps its actors and attributions but states no claims (its "topic" says why).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Token
from threadpoolctl import ThreadpoolController

from actorgraph.contract import Document, span_of
from actorgraph.extract.actors import ROLE_RELATION, ActorResolver, previous_subject, roles_of
from actorgraph.extract.attributions import FIRST_PERSON_PLURAL, find_attributions, quote_regions
from actorgraph.extract.claims import RawClaim, find_claims, is_attribution_cue, names_a_product
from actorgraph.extract.contradictions import find_contradictions
from actorgraph.extract.event_types import EventTyper
from actorgraph.extract.lexicon import DENY_VERBS
from actorgraph.extract.relation_model import RelationClassifier, overlapping
from actorgraph.extract.speakers import (
    ResolvedAttribution,
    attribution_of,
    government_served,
    resolve_attributions,
)
from actorgraph.extract.timex import find_times, resolve
from actorgraph.extract.topic import SPORT, SportFilter
from actorgraph.ingest import InputDocument, ReadError
from actorgraph.nlp import load_nlp, prep_objects, sentence_of, text_of
from actorgraph.registry import Registry

REJECT_VERBS = {"reject", "refuse", "rebuff", "spurn"}
MODALITIES = {"asserted", "reported", "alleged", "believed", "intended", "hypothetical"}
MAX_EVIDENCE = 600
PRESUPPOSED = {"participle", "tie-noun", "role", "asked"}  # "asked": what an answer presupposes
PLACE_PREPS = frozenset({"in", "at"})

for _name in ("attributions", "claims", "published", "topic"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


FAILED = "actorgraph_failed"


def _guarded(component: Callable[[Doc], Doc], name: str) -> Callable[[Doc], Doc]:
    """A component that records its failure on the Doc instead of ending the whole batch."""

    def run(doc: Doc) -> Doc:
        if doc.user_data.get(FAILED):
            return doc
        try:
            return component(doc)
        except Exception as e:
            doc.user_data[FAILED] = f"{name}: {type(e).__name__}: {e}"
            return doc

    return run


@Language.factory("actorgraph_topic")
def make_topic_finder(nlp: Language, name: str):
    sport = SportFilter.load()

    def topic_finder(doc: Doc) -> Doc:
        doc._.topic = sport.topic(text_of(doc)) if sport is not None else None
        return doc

    return _guarded(topic_finder, name)


@Language.factory("actorgraph_attributions")
def make_attribution_finder(nlp: Language, name: str):
    registry = Registry.default()

    def attribution_finder(doc: Doc) -> Doc:
        roles = {}
        for person, noun, org in roles_of(doc):
            if org and (person not in roles or ROLE_RELATION.get(noun.lower_) == "REPRESENTS"):
                roles[person] = org
        resolved = resolve_attributions(doc, find_attributions(doc), roles)
        # "we" and "our" in a quote, or in a statement given after a colon ("Philip Hammond said:
        # We are ..."), stand for the organisation the speaker speaks for: one the text names,
        # else the state whose government the registry says the speaker served ("I" is left
        # alone: quotes in the first person are mostly opinions, which the typer misreads)
        text = doc.text
        for a in resolved:
            gap = text[a.raw.cue[1] : a.raw.content[0][0]] if a.raw.content else ""
            if not (a.raw.direct or ":" in gap) or a.speaker is None:
                continue
            firsts = [
                tok
                for s, e in a.raw.content
                for tok in doc.char_span(s, e, alignment_mode="expand") or ()
                if tok.lower_ in FIRST_PERSON_PLURAL and tok.i not in doc._.refs
            ]
            if firsts and a.affiliation is None and doc._.actors[a.speaker].in_registry:
                a.affiliation = government_served(registry, a.speaker, doc._.actors, doc._.published)
            for tok in firsts if a.affiliation else ():
                doc._.refs[tok.i] = a.affiliation
        _own_voice(doc, resolved)
        doc._.attributions = resolved
        return doc

    return _guarded(attribution_finder, name)


def _own_voice(doc: Doc, resolved: list[ResolvedAttribution]) -> None:
    """A sentence that opens with "we" in no one's words and in no quote speaks in the voice of
    the text itself, a press release's: its "we" and "our" stand for the organisation the
    sentence before is about ("The Coalition complies with the Law of Armed Conflict ... We will
    continue to strike ISIL military targets in support of our partners")."""
    said = quote_regions(doc.text) + [span for a in resolved for span in a.raw.content]
    refs = doc._.refs
    for sent in doc.sents:
        we = sent[0]
        if we.lower_ != "we" or we.i in refs or any(s <= we.idx < e for s, e in said):
            continue
        actor = previous_subject(we, refs, doc._.actors)
        for tok in sent if actor else ():
            if tok.lower_ in FIRST_PERSON_PLURAL and tok.i not in refs:
                refs[tok.i] = actor


@Language.factory("actorgraph_claims")
def make_claim_finder(nlp: Language, name: str):
    typer = EventTyper.load()

    def claim_finder(doc: Doc) -> Doc:
        # a match report's "Liverpool", "beat", "met Neville's cross" are no political ties
        doc._.claims = [] if doc._.topic == SPORT else find_claims(doc, typer)
        return doc

    return _guarded(claim_finder, name)


# another relation model directory (scripts/train_relations.py --pipeline-cv trains one per fold)
RELATION_MODEL_ENV = "ACTORGRAPH_RELATION_MODEL"


@Language.factory("actorgraph_relations", default_config={"model": None})
def make_relation_finder(nlp: Language, name: str, model: str | None):
    classifier = RelationClassifier.load(model or os.environ.get(RELATION_MODEL_ENV) or None)

    def relation_finder(doc: Doc) -> Doc:
        if doc._.topic == SPORT:
            return doc
        rules = doc._.claims or []
        taken = [(_chars(_party_span(doc, c.subject)), _chars(_party_span(doc, c.object)))
                 for c in rules if c.object is not None]  # fmt: skip
        # one claim per pair of actors and sentence: the rules' reading first, then the model's
        # most likely one; "X told Reuters" is an attribution (its cue), not a tie; and who
        # speaks ("according to two Iraqi officials") is no party to what is said
        seen = {_pair_key(doc, c) for c in rules}
        sources = [a.raw.source for a in doc._.attributions or () if a.raw.source]
        added = []
        for c in classifier.claims(doc, taken):
            key = _pair_key(doc, c)
            if (
                key in seen
                or is_attribution_cue(doc[c.trigger])
                or _is_place(doc[c.subject])
                or _is_place(doc[c.object])
                or names_a_product(doc[c.subject])
            ):
                continue
            if any(overlapping(p, s) for s in sources for p in (c.subject_chars, c.object_chars)):
                continue
            seen.add(key)
            added.append(c)
        doc._.claims = [*rules, *added]
        return doc

    return _guarded(relation_finder, name)


@Language.factory("actorgraph_actors")
def make_actor_resolver(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    return _guarded(ActorResolver(Registry.default()), name)


class Pipeline:
    """Loads spaCy and the registry once; turns InputDocuments into contract Documents."""

    def __init__(self, *, batch_size: int = 32, batch_chars: int = 80_000) -> None:
        self.nlp = _annotating_nlp()
        self.batch_size = batch_size
        self.batch_chars = batch_chars

    def process(self, items: Iterable[InputDocument | ReadError]) -> Iterator[Document | dict]:
        """One contract Document (or {"id", "error"}) per item, in input order, parsed in batches.

        A batch ends at `batch_size` documents or `batch_chars` characters, whichever comes
        first: the parser's working memory grows with a batch's text, so a run of long
        articles must not raise the peak memory of a long ingest.
        """
        batch: list[InputDocument | ReadError] = []
        chars = 0
        for item in items:
            batch.append(item)
            chars += len(getattr(item, "text", ""))
            if len(batch) >= self.batch_size or chars >= self.batch_chars:
                yield from self._batch(batch)
                batch, chars = [], 0
        if batch:
            yield from self._batch(batch)

    def extract_one(self, doc: InputDocument) -> Document:
        result = next(self._batch([doc]))
        if "error" in result:
            raise ValueError(f"{doc.id}: {result['error']}")
        return result  # type: ignore[return-value]

    def _batch(self, batch: list[InputDocument | ReadError]) -> Iterator[Document | dict]:
        """One batch through spaCy inside a memory zone, so a long run's vocabulary stays flat.

        The strings and lexemes a batch adds are freed when the zone closes; the results are
        plain JSON built inside it, and nothing else may keep a Doc or Token past it.
        """
        with self.nlp.memory_zone(), _blas_controller().limit(limits=1, user_api="blas"):
            results = list(self._annotate(batch))
        yield from results

    def _parse(self, inputs: list[InputDocument]) -> list[Doc | Exception]:
        """Parse a batch, each Doc knowing its publication date (`doc._.published`, for the roles
        in force then); if the parser fails on it (a lone surrogate, say), parse the texts one by
        one so that only the bad one fails."""

        def made(item: InputDocument) -> Doc:
            doc = self.nlp.make_doc(item.text)
            doc._.published = _date(item.published)
            return doc

        try:
            return list(self.nlp.pipe((made(x) for x in inputs), batch_size=self.batch_size))
        except Exception:
            out: list[Doc | Exception] = []
            for item in inputs:
                try:
                    out.append(self.nlp(made(item)))
                except Exception as e:
                    out.append(e)
            return out

    def _annotate(self, batch: list[InputDocument | ReadError]) -> Iterator[Document | dict]:
        limit = self.nlp.max_length
        inputs = [x for x in batch if isinstance(x, InputDocument) and len(x.text) <= limit]
        parsed = iter(self._parse(inputs))
        for item in batch:
            if isinstance(item, ReadError):
                yield {"id": item.id, "error": item.error}
                continue
            if len(item.text) > limit:
                yield {"id": item.id, "error": f"document too long: {len(item.text):,} characters; the parser's "
                       f"limit is {limit:,} (split it into smaller documents)"}  # fmt: skip
                continue
            spacy_doc = next(parsed)
            if isinstance(spacy_doc, Exception):
                yield {"id": item.id, "error": f"cannot parse: {type(spacy_doc).__name__}: {spacy_doc}"}
                continue
            try:
                failed = spacy_doc.user_data.get(FAILED)
                if failed:
                    raise RuntimeError(failed)
                yield to_document(spacy_doc, item)
            except Exception as e:  # one bad document must not end the run
                yield {"id": item.id, "error": f"extraction failed: {type(e).__name__}: {e}"}


@lru_cache(maxsize=1)
def _annotating_nlp() -> Language:
    nlp = load_nlp()
    for name in (
        "actorgraph_topic", "actorgraph_actors", "actorgraph_attributions", "actorgraph_claims", "actorgraph_relations",
    ):  # fmt: skip
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    return nlp


@lru_cache(maxsize=1)
def _default_pipeline() -> Pipeline:
    return Pipeline()


def extract(
    text: str,
    *,
    published: str | date | None = None,
    id: str = "doc",
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
) -> Document:
    """Extract one document's actors, attributions, claims and contradictions (CONTRACT.md)."""
    if isinstance(published, date):
        published = published.isoformat()
    item = InputDocument(id=id, text=text, title=title, published=published, outlet=outlet, url=url)
    return _default_pipeline().extract_one(item)


# -- assembling the contract document ---------------------------------------------------------


@lru_cache(maxsize=1)
def _blas_controller() -> ThreadpoolController:
    """BLAS runs one thread inside a batch: the trained taggers multiply small matrices
    (hundreds of rows), where extra threads only synchronise, and on a busy machine their
    spinning made each product ten times slower. Parallelism comes from workers instead."""
    return ThreadpoolController()


def to_document(doc: Doc, item: InputDocument) -> Document:
    """The contract JSON of one annotated Doc."""
    text = text_of(doc)
    published: date | None = doc._.published
    resolved: list[ResolvedAttribution] = doc._.attributions or []
    attributions = [a.as_contract(doc, _said_time(doc, a, published)) for a in resolved]
    claims = []
    for n, raw in enumerate(doc._.claims or []):
        claims.append(_qualify(doc, raw, n + 1, resolved, published))
    claims = [c for c in claims if c is not None]
    mentions = [
        {
            **span_of(text, doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1])),
            "actor": m.actor,
            "label": m.label,
        }
        for m in doc._.mentions
    ]
    used = {m["actor"] for m in mentions} | {c["subject"] for c in claims} | {c["object"] for c in claims}
    used |= {a["speaker"] for a in attributions} | {a["channel"] for a in attributions}
    used |= {(c["location"] or {}).get("actor") for c in claims}
    actors = [a.as_contract() for a in doc._.actors.values() if a.id in used]
    out: Document = {
        "id": item.id, "title": item.title, "outlet": item.outlet, "url": item.url, "published": item.published,
        "text": text, "actors": actors, "mentions": mentions, "attributions": attributions, "claims": claims,
        "contradictions": find_contradictions(claims, attributions),
    }  # fmt: skip
    if doc._.topic:
        out["topic"] = doc._.topic
    if item.warnings:
        out["warnings"] = list(item.warnings)
    return out


def _qualify(
    doc: Doc, raw: RawClaim, n: int, resolved: list[ResolvedAttribution], published: date | None
) -> dict | None:
    text = text_of(doc)
    trigger = doc[raw.trigger]
    attribution = attribution_of(trigger.idx, resolved)
    relation, negated = raw.relation, raw.negated
    if trigger.dep_ == "dobj" and trigger.head.lemma_.lower() in REJECT_VERBS and raw.construction == "noun":
        relation, negated = "REJECT", False  # "we reject any negotiations with X": a rejection, not a denial
    # a denial negates what is denied, not the descriptions inside it ("the U.S.-backed government")
    if (
        attribution is not None
        and attribution.raw.cue_lemma in DENY_VERBS
        and raw.construction not in PRESUPPOSED
    ):
        negated = not negated
    if raw.hypothetical:
        modality = "hypothetical"
    elif raw.intended:
        modality = "intended"
    elif attribution is not None:
        modality = attribution.raw.modality if attribution.raw.modality in MODALITIES else "reported"
    else:
        modality = "asserted"
    evidence = _evidence(doc, trigger)
    return {
        "id": f"c{n}",
        "relation": relation,
        "subject": raw.subject_actor,
        "object": raw.object_actor,
        "subject_span": _claim_party_span(doc, raw.subject, raw.subject_chars),
        "object_span": _claim_party_span(doc, raw.object, raw.object_chars),
        "evidence": span_of(text, *evidence),
        "polarity": "negated" if negated else "affirmed",
        "modality": modality,
        "attribution": attribution.id if attribution else None,
        "time": _event_time(doc, trigger, attribution, published),
        "location": _location(doc, trigger, {raw.subject_actor, raw.object_actor}),
    }


def _evidence(doc: Doc, trigger: Token) -> tuple[int, int]:
    """The trigger's sentence (trimmed), or its clause when the sentence is too long."""
    first, last = sentence_of(doc, trigger.i)
    start, end = doc[first].idx, doc[last - 1].idx + len(doc[last - 1])
    while end > start and text_of(doc)[end - 1].isspace():
        end -= 1
    if end - start <= MAX_EVIDENCE:
        return start, end
    head = trigger
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    sub = list(head.subtree)
    return sub[0].idx, sub[-1].idx + len(sub[-1])


def _party_span(doc: Doc, i: int) -> dict:
    """The words naming a claim's party: its mention; for a noun phrase that stands for an
    actor named inside it ("ISIL heavy weapons") that name; else the phrase up to its head
    ("Egyptian police", "the terrorist group")."""
    tok = doc[i]
    refs = doc._.refs
    # "Iraq said it would ...": the name, where the sentence has it; a quote's "we" is the speaker's
    # own word for the organisation, which the words naming the speaker do not name
    if tok.pos_ == "PRON" and i in refs and tok.lower_ not in FIRST_PERSON_PLURAL:
        named_before = [
            j for j in range(tok.sent.start, i) if refs.get(j) == refs[i] and doc[j].pos_ != "PRON"
        ]
        if named_before:
            i, tok = named_before[-1], doc[named_before[-1]]
    if i not in refs:
        named = next(
            (
                c.i
                for c in tok.children
                if c.i < i and c.i in refs and c.dep_ in ("compound", "poss", "nmod", "amod")
            ),
            None,
        )
        if named is not None:
            i, tok = named, doc[named]
    for m in doc._.mentions:
        if m.start <= i < m.end:
            return span_of(text_of(doc), doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1]))
    if i not in refs and tok.right_edge.i - tok.left_edge.i < 10:  # "the government of Iraq"
        left = tok.left_edge.i + (tok.left_edge.lower_ in ("the", "a", "an"))
        return span_of(text_of(doc), doc[left].idx, tok.right_edge.idx + len(tok.right_edge))
    left = tok.left_edge.i if tok.left_edge.i >= tok.i - 6 else tok.i
    while left < tok.i and doc[left].lower_ in ("the", "a", "an"):
        left += 1
    right = tok
    # a group named by whom it belongs to: "activists from the Fatah Party", "members of Hamas"
    owners = prep_objects(tok, ("from", "of")) if i in refs else []
    owner = next((o for o in owners if refs.get(o.i) == refs[i]), None)
    if owner is not None and owner.right_edge.i - left < 10:
        right = owner.right_edge
    return span_of(text_of(doc), doc[left].idx, right.idx + len(right))


def _claim_party_span(doc: Doc, i: int | None, chars: tuple[int, int] | None) -> dict | None:
    """The span the finder chose for a party (relation_model.py), else the one read off the parse."""
    if chars:
        return span_of(text_of(doc), *chars)
    return _party_span(doc, i) if i is not None else None


def _pair_key(doc: Doc, c: RawClaim) -> tuple:
    return frozenset((c.subject_actor, c.object_actor)), sentence_of(doc, c.trigger)[0]


def _chars(span: dict) -> tuple[int, int]:
    return span["start"], span["end"]


def _said_time(doc: Doc, a: ResolvedAttribution, published: date | None) -> dict | None:
    if not a.raw.time:
        return None
    s, e = a.raw.time
    expression = text_of(doc)[s:e]
    interval = resolve(expression, published)
    return interval.as_contract(expression) if interval else None


def _event_time(
    doc: Doc, trigger: Token, attribution: ResolvedAttribution | None, published: date | None
) -> dict | None:
    """A time expression in the trigger's own clause; the time of saying stays on the attribution."""
    clause = trigger
    while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
        clause = clause.head
    tokens = list(clause.subtree)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    said = attribution.raw.time if attribution else None
    best = None
    for s, e, interval in find_times(text_of(doc)[start:end], published):
        s, e = s + start, e + start
        if said and s < said[1] and said[0] < e:
            continue
        if attribution is not None and any(cs <= s < ce for cs, ce in [attribution.raw.cue]):
            continue
        dist = abs(s - trigger.idx)
        if best is None or dist < best[0]:
            best = (dist, interval.as_contract(text_of(doc)[s:e]))
    return best[1] if best else None


def _is_place(tok: Token) -> bool:
    """ "in Doha", "at the Kremlin": where something happened, not a party to it."""
    return tok.dep_ == "pobj" and tok.head.lower_ in PLACE_PREPS and tok.ent_type_ in ("GPE", "LOC", "FAC")


def _location(doc: Doc, trigger: Token, parties: set[str | None]) -> dict | None:
    """ "in Qatar", "in Doha": a place in an in/at phrase of the trigger or of its object."""
    heads = [trigger, *[c for c in trigger.children if c.dep_ in ("dobj", "pobj")]]
    heads += [o for p in trigger.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]
    for head in heads:
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPS:
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                for m in doc._.mentions:
                    if (
                        m.start <= obj.i < m.end
                        and m.label in ("GPE", "LOC", "FAC")
                        and m.actor not in parties
                    ):
                        span = doc[m.start : m.end]
                        return {"text": span.text, "actor": m.actor}
    return None


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None

"""What the store's queries return: small dataclasses that serialize to JSON with `to_dict()`."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from actorgraph.contract import Span, TimeValue

_DROP = re.compile(r"[.'’`ʼ]")  # "U.S." is "US", "Ba'ath" is "Baath"
_SEPARATE = re.compile(r"[\W_]+")  # hyphens, slashes, underscores of slug ids: a space


def normalize_name(name: str) -> str:
    """Fold a name for lookup: case, accents, punctuation and a leading "the" do not matter.

    >>> normalize_name("the U.S.")
    'us'
    >>> normalize_name("Al-Qaeda") == normalize_name("al qaeda") == normalize_name("al_qaeda")
    True
    """
    decomposed = unicodedata.normalize("NFKD", name)
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    folded = _SEPARATE.sub(" ", _DROP.sub("", folded)).strip()
    return folded.removeprefix("the ").strip()


class _Row:
    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (nested rows become dicts too)."""
        return dataclasses.asdict(self)  # type: ignore[call-overload]


@dataclass(frozen=True, slots=True)
class ActorRow(_Row):
    """An actor as stored: merged over every document that named it."""

    id: str
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    wikidata: str | None = None
    country: str | None = None
    claims: int = 0  # claims it is the subject or object of


@dataclass(frozen=True, slots=True)
class ClaimRow(_Row):
    """One claim with everything needed to show and weigh it: who said it, where, when."""

    doc_id: str
    claim_id: str
    relation: str
    subject: str
    subject_name: str
    object: str | None
    object_name: str | None
    polarity: str  # "affirmed" | "negated"
    modality: str
    date: str | None  # best date: event time, else when said, else publication
    date_source: str | None  # "event" | "said" | "published"
    evidence: str
    evidence_start: int
    evidence_end: int
    subject_span: Span
    object_span: Span | None
    time: TimeValue | None  # when it happened, as the text gives it
    location: dict[str, str | None] | None
    attribution: str | None  # document-local attribution id; None: the article's own voice
    speaker: str | None  # actor id
    speaker_name: str | None
    source_text: str | None  # the words naming the speaker ("two officials")
    anonymous: bool
    direct: bool
    stance: str | None  # "assert" | "deny"
    channel: str | None
    channel_name: str | None
    said: TimeValue | None  # when it was said
    source_key: str  # identifies the source for counting distinct sources
    source_label: str  # who vouches for the claim, for people
    doc_title: str | None
    outlet: str | None
    published: str | None
    url: str | None

    @property
    def key(self) -> str:
        """The claim's global id: "{doc_id}#{claim_id}"."""
        return f"{self.doc_id}#{self.claim_id}"

    @property
    def speaker_label(self) -> str:
        """Who speaks, in words: the speaker's name, the source's words, or the outlet."""
        if self.attribution is None:
            return self.outlet or "the article"
        label = self.speaker_name or self.source_text or "unnamed source"
        return f"{label} (anonymous)" if self.anonymous and self.speaker_name is None else label


@dataclass(frozen=True, slots=True)
class Tie(_Row):
    """All claims of one relation between an actor and one counterpart."""

    relation: str
    family: str
    direction: str  # "out": the actor is the subject; "in": the object; "mutual": undirected relation
    claims: int
    supporting: int  # distinct sources affirming it
    denying: int  # distinct sources negating it
    supporting_sources: list[str]
    denying_sources: list[str]
    first: str | None
    last: str | None
    evidence: list[ClaimRow] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class CounterpartTies(_Row):
    """An actor's ties with one counterpart (None: events without a recipient)."""

    id: str | None
    name: str | None
    claims: int
    ties: list[Tie]


@dataclass(frozen=True, slots=True)
class ActorProfile(_Row):
    """An actor and its ties, grouped by counterpart, most claims first."""

    actor: ActorRow
    claims: int
    counterparts: list[CounterpartTies]


@dataclass(frozen=True, slots=True)
class ContradictionRow(_Row):
    """Two claims that cannot both hold; kind "denial" or "conflict" (ONTOLOGY.md)."""

    kind: str
    doc_id: str | None  # the document that reported it; None when found across documents
    a: ClaimRow
    b: ClaimRow
    event_id: int | None = None  # across documents: the event both claims report


@dataclass(frozen=True, slots=True)
class EventRow(_Row):
    """One event: the claims of several documents that report the same thing (store.crossdoc).

    `sources` counts independent sources affirming it: distinct speakers, outlets in their own
    voice, or sources within one article, where near-duplicate copies count as their original.
    """

    id: int
    family: str
    relation: str  # the relation most of its reports give
    subject: str
    subject_name: str
    object: str | None
    object_name: str | None
    start: str | None  # when it happened (date_source "event") or was first reported ("reported")
    end: str | None
    date_source: str | None
    reports: int  # claims
    documents: int
    independent_documents: int  # near-duplicate copies once
    sources: int  # independent sources affirming it
    denying: int  # independent sources negating it
    claims: list[ClaimRow] = field(default_factory=list)  # filled on request, oldest first


@dataclass(frozen=True, slots=True)
class Period(_Row):
    """One period of a dyad's history: events per relation family, and the cooperation-conflict score."""

    period: str  # "2023-03", "2023-W11" or "2023"
    start: str  # first day of the period
    events: dict[str, int]  # per family, events affirmed by at least `min_sources` sources
    reports: dict[str, int]  # per family, the claims behind those events
    sources: dict[str, int]  # per family, the sum of those events' independent sources
    score: float | None  # (weighted cooperation - conflict) / (sum of weights); None: no events


@dataclass(frozen=True, slots=True)
class DyadHistory(_Row):
    """A dyad's events over time, one row per period from the first to the last event."""

    a: ActorRow  # without claim counts (claims = 0): counting a busy actor's claims is not needed here
    b: ActorRow
    by: str
    min_sources: int
    periods: list[Period]
    undated: int  # events without a date, left out of the periods

"""The document JSON of ../shared/CONTRACT.md: its types, and a checker for its invariants.

Every stage writes into these shapes, the store reads them back, and the scorers read them
from `actorgraph extract --format jsonl`. Fields may be added; none may be renamed.
"""

from __future__ import annotations

from typing import Any, Literal, NotRequired, TypedDict

RELATIONS: tuple[str, ...] = (
    # PLOVER events
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "SANCTION", "PROTEST", "MOBILIZE", "COERCE", "ASSAULT",
    # durable ties
    "RELATIONS", "ALLY", "HOSTILE", "MEMBER", "REPRESENTS", "LEADS",
)  # fmt: skip

# PLOVER quad class (or tie family) of each relation: used for families and contradictions.
FAMILY: dict[str, str] = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), "verbal_cooperation"),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), "material_cooperation"),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN", "SANCTION"), "verbal_conflict"),
    **dict.fromkeys(("PROTEST", "MOBILIZE", "COERCE", "ASSAULT"), "material_conflict"),
    **dict.fromkeys(("RELATIONS", "ALLY"), "cooperative_tie"),
    "HOSTILE": "hostile_tie",
    **dict.fromkeys(("MEMBER", "REPRESENTS", "LEADS"), "role"),
}
# The families of cooperation and of conflict (roles are neither).
COOPERATIVE: frozenset[str] = frozenset({"verbal_cooperation", "material_cooperation", "cooperative_tie"})
CONFLICTUAL: frozenset[str] = frozenset({"verbal_conflict", "material_conflict", "hostile_tie"})
# Relations whose two ends can be swapped without changing the meaning.
UNDIRECTED: frozenset[str] = frozenset({"RELATIONS", "ALLY", "HOSTILE", "CONSULT", "COOPERATE"})
EVENTS: frozenset[str] = frozenset(RELATIONS[:16])

ACTOR_KINDS: tuple[str, ...] = (
    "state", "government", "igo", "armed_group", "party", "media", "organization", "person", "anonymous_group",
)  # fmt: skip
POLARITIES = ("affirmed", "negated")
MODALITIES = ("asserted", "reported", "alleged", "believed", "intended", "hypothetical")
STANCES = ("assert", "deny")


class Span(TypedDict):
    start: int
    end: int
    text: str


class TimeValue(TypedDict):
    text: str
    start: str | None  # inclusive ISO date
    end: str | None


class Actor(TypedDict):
    id: str
    name: str
    kind: str
    aliases: list[str]
    wikidata: str | None
    country: str | None


class Mention(TypedDict):
    start: int
    end: int
    text: str
    actor: str | None
    label: str


class Attribution(TypedDict):
    id: str
    source: Span | None
    speaker: str | None
    cue: Span
    content: list[Span]
    channel: str | None
    anonymous: bool
    direct: bool
    stance: Literal["assert", "deny"]
    time: TimeValue | None


class Location(TypedDict):
    text: str
    actor: str | None


class Claim(TypedDict):
    id: str
    relation: str
    subject: str
    object: str | None
    subject_span: Span
    object_span: Span | None
    evidence: Span
    polarity: Literal["affirmed", "negated"]
    modality: str
    attribution: str | None
    time: TimeValue | None
    location: Location | None


class Contradiction(TypedDict):
    claims: list[str]
    kind: Literal["denial", "conflict"]


class Document(TypedDict):
    id: str
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None
    text: str
    actors: list[Actor]
    mentions: list[Mention]
    attributions: list[Attribution]
    claims: list[Claim]
    contradictions: list[Contradiction]
    topic: NotRequired[str]  # "sport": a sports report, whose claims are not stated (extract/topic.py)
    warnings: NotRequired[list[str]]


def span_of(text: str, start: int, end: int) -> Span:
    """A contract span over `text`; its `text` is always the exact slice."""
    return {"start": start, "end": end, "text": text[start:end]}


def check_document(doc: dict[str, Any]) -> list[str]:
    """Every way `doc` breaks the contract's invariants, as readable messages ([] when valid).

    Checks that each span's text is the slice it claims, that each id it references
    exists, and that enumerated fields hold allowed values.
    """
    problems: list[str] = []
    text = doc.get("text", "")
    actor_ids = {a["id"] for a in doc.get("actors", [])}
    attribution_ids = {a["id"] for a in doc.get("attributions", [])}
    claim_ids = {c["id"] for c in doc.get("claims", [])}

    def span_ok(where: str, s: dict[str, Any] | None, nullable: bool = False) -> None:
        if s is None:
            if not nullable:
                problems.append(f"{where}: span is missing")
            return
        start, end = s.get("start"), s.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)):
            problems.append(f"{where}: bad offsets {start}..{end}")
        elif text[start:end] != s.get("text"):
            problems.append(f"{where}: text {s.get('text')!r} != slice {text[start:end]!r}")

    def actor_ok(where: str, actor_id: str | None, nullable: bool = True) -> None:
        if actor_id is None:
            if not nullable:
                problems.append(f"{where}: actor is missing")
        elif actor_id not in actor_ids:
            problems.append(f"{where}: unknown actor {actor_id!r}")

    for a in doc.get("actors", []):
        if a.get("kind") not in ACTOR_KINDS:
            problems.append(f"actor {a.get('id')}: unknown kind {a.get('kind')!r}")
    for i, m in enumerate(doc.get("mentions", [])):
        span_ok(f"mentions[{i}]", m)
        actor_ok(f"mentions[{i}]", m.get("actor"))
    for a in doc.get("attributions", []):
        where = f"attribution {a.get('id')}"
        span_ok(f"{where}.source", a.get("source"), nullable=True)
        span_ok(f"{where}.cue", a.get("cue"))
        for j, c in enumerate(a.get("content", [])):
            span_ok(f"{where}.content[{j}]", c)
        actor_ok(f"{where}.speaker", a.get("speaker"))
        actor_ok(f"{where}.channel", a.get("channel"))
        if a.get("stance") not in STANCES:
            problems.append(f"{where}: unknown stance {a.get('stance')!r}")
    for c in doc.get("claims", []):
        where = f"claim {c.get('id')}"
        if c.get("relation") not in RELATIONS:
            problems.append(f"{where}: unknown relation {c.get('relation')!r}")
        if c.get("polarity") not in POLARITIES:
            problems.append(f"{where}: unknown polarity {c.get('polarity')!r}")
        if c.get("modality") not in MODALITIES:
            problems.append(f"{where}: unknown modality {c.get('modality')!r}")
        actor_ok(f"{where}.subject", c.get("subject"), nullable=False)
        actor_ok(f"{where}.object", c.get("object"))
        span_ok(f"{where}.subject_span", c.get("subject_span"))
        span_ok(f"{where}.object_span", c.get("object_span"), nullable=c.get("object") is None)
        span_ok(f"{where}.evidence", c.get("evidence"))
        if c.get("attribution") is not None and c["attribution"] not in attribution_ids:
            problems.append(f"{where}: unknown attribution {c['attribution']!r}")
        loc = c.get("location")
        if loc:
            actor_ok(f"{where}.location", loc.get("actor"))
    for i, x in enumerate(doc.get("contradictions", [])):
        ids = x.get("claims", [])
        if len(ids) != 2 or any(k not in claim_ids for k in ids):
            problems.append(f"contradictions[{i}]: claims {ids!r} are not two known claim ids")
        if x.get("kind") not in ("denial", "conflict"):
            problems.append(f"contradictions[{i}]: unknown kind {x.get('kind')!r}")
    return problems

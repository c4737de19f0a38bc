"""Group claims into ties: per counterpart and relation, how many claims, who affirms, who denies.

Pure functions over `ClaimRow`s, so the store, the CLI and the web page count the same way,
and so they can be tested without a database.

A *source* is who vouches for a claim (`ClaimRow.source_key`): the speaker actor, else the
words naming an unresolved or anonymous source (per document: "two officials" in two
articles are not known to be the same people), else the outlet when the article speaks in
its own voice. Counting distinct sources, not claims, keeps one article repeating itself from
looking like corroboration.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from actorgraph.contract import FAMILY, UNDIRECTED
from actorgraph.store.rows import ClaimRow, CounterpartTies, Tie


def direction_of(claim: ClaimRow, actor_id: str) -> str:
    """ "mutual" for undirected relations, else "out" when `actor_id` is the subject, else "in"."""
    if claim.relation in UNDIRECTED:
        return "mutual"
    return "out" if claim.subject == actor_id else "in"


def counterpart_of(claim: ClaimRow, actor_id: str) -> tuple[str | None, str | None]:
    """The other end of `claim` seen from `actor_id`: (id, name); (None, None) without a recipient."""
    if claim.subject == actor_id and claim.object != actor_id:
        return claim.object, claim.object_name
    if claim.object == actor_id and claim.subject != actor_id:
        return claim.subject, claim.subject_name
    return (claim.object, claim.object_name) if claim.object else (None, None)


def summarize(relation: str, direction: str, claims: list[ClaimRow], evidence: int | None = None) -> Tie:
    """One tie from its claims (all of one relation and direction); keeps `evidence` claims, all if None."""
    supporting: dict[str, str] = {}
    denying: dict[str, str] = {}
    for c in claims:
        (denying if c.polarity == "negated" else supporting).setdefault(c.source_key, c.source_label)
    dates = sorted(c.date for c in claims if c.date)
    return Tie(
        relation=relation,
        family=FAMILY.get(relation, "unknown"),
        direction=direction,
        claims=len(claims),
        supporting=len(supporting),
        denying=len(denying),
        supporting_sources=list(supporting.values()),
        denying_sources=list(denying.values()),
        first=dates[0] if dates else None,
        last=dates[-1] if dates else None,
        evidence=list(claims if evidence is None else claims[:evidence]),
    )


def group_ties(
    actor_id: str, claims: Iterable[ClaimRow], evidence: int | None = None
) -> list[CounterpartTies]:
    """An actor's claims grouped by counterpart, then by relation and direction.

    Counterparts with most claims come first; within one, ties with most claims. Claims keep
    their input order (the store gives them oldest first).
    """
    groups: dict[str | None, dict[tuple[str, str], list[ClaimRow]]] = defaultdict(lambda: defaultdict(list))
    names: dict[str | None, str | None] = {}
    for c in claims:
        other, name = counterpart_of(c, actor_id)
        names[other] = name
        groups[other][(c.relation, direction_of(c, actor_id))].append(c)
    result = []
    for other, by_relation in groups.items():
        ties = [summarize(rel, direction, cs, evidence) for (rel, direction), cs in by_relation.items()]
        ties.sort(key=lambda t: (-t.claims, t.relation, t.direction))
        result.append(
            CounterpartTies(id=other, name=names[other], claims=sum(t.claims for t in ties), ties=ties)
        )
    result.sort(key=lambda g: (g.id is None, -g.claims, g.name or ""))
    return result

"""Contradictions within one document, by the rule of ONTOLOGY.md ("Families and contradictions").

Two claims contradict when they have the same relation between the same two actors
(either order for undirected relations), opposite polarity, overlapping or unknown times,
and neither is intended or hypothetical. `denial` when the negated side comes from an
attribution with stance deny, `conflict` otherwise. The store applies the same rule
across documents, so the test lives here in `contradicts`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from actorgraph.contract import UNDIRECTED

NOT_FACTUAL = {"intended", "hypothetical"}


def pair_key(claim: Mapping[str, Any]) -> tuple[str, str, str | None]:
    """(relation, end, end): the ends sorted for undirected relations."""
    a, b = claim["subject"], claim.get("object")
    if claim["relation"] in UNDIRECTED and b is not None and b < a:
        a, b = b, a
    return claim["relation"], a, b


def times_overlap(a: Mapping[str, Any] | None, b: Mapping[str, Any] | None) -> bool:
    """Unknown times overlap everything; known ones must share a day."""
    if not a or not b:
        return True
    a0, a1, b0, b1 = a.get("start"), a.get("end"), b.get("start"), b.get("end")
    if not (a0 or a1) or not (b0 or b1):
        return True
    return (a0 or "0000") <= (b1 or "9999") and (b0 or "0000") <= (a1 or "9999")


def contradicts(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    return (
        a["polarity"] != b["polarity"]
        and pair_key(a) == pair_key(b)
        and a.get("object") is not None
        and a["modality"] not in NOT_FACTUAL
        and b["modality"] not in NOT_FACTUAL
        and times_overlap(a.get("time"), b.get("time"))
    )


def find_contradictions(claims: list[dict], attributions: list[dict]) -> list[dict]:
    """Every contradicting pair of claims in one document, affirmed side first."""
    stance = {a["id"]: a.get("stance") for a in attributions}
    groups: dict[tuple, list[dict]] = {}
    for c in claims:
        groups.setdefault(pair_key(c), []).append(c)
    out = []
    for group in groups.values():
        affirmed = [c for c in group if c["polarity"] == "affirmed"]
        negated = [c for c in group if c["polarity"] == "negated"]
        for yes in affirmed:
            for no in negated:
                if contradicts(yes, no):
                    kind = "denial" if stance.get(no.get("attribution")) == "deny" else "conflict"
                    out.append({"claims": [yes["id"], no["id"]], "kind": kind})
    return out

"""One actor per identity across documents, and the curations that steer it.

`reconcile` runs in the transaction that stores documents, before their actors are written.
An actor the registry does not know (the pipeline made its id from the name) is mapped onto an
actor already stored (or stored earlier in the same batch) when, in this order:

1. a recorded curation says so (`actorgraph actors merge`: the merged id maps to its target);
2. its normalised name equals the name or an alias of exactly one stored actor (registry actors
   included; several matches prefer the same kind, and stay apart if still several);
3. its name is one word, it is a person (or an organisation: taggers often label a bare surname
   so) and that word is the surname of exactly one stored non-registry person ("Prigozhin" after
   "Yevgeny Prigozhin");
4. its normalised name is at least `FUZZY_RATIO` similar (difflib) to a stored non-registry
   actor of the same kind (best ratio, then smallest id).

An id the registry knows is never remapped by these rules, and registry actors are targets only
of exact matches: two registry actors are never merged. Recorded splits are re-applied too: a
later document's mentions of the split actor by one of the split aliases go to the new actor.
The document's actor ids are rewritten in its mentions, claims and attributions before it is
stored; the surface name stays as an alias of the actor it was mapped to.
"""

from __future__ import annotations

import copy
import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from actorgraph.contract import Document
from actorgraph.store import schema as s
from actorgraph.store.rows import normalize_name

FUZZY_RATIO = 0.92
SURNAME_KINDS = frozenset({"person", "organization"})

IsRegistry = Callable[[str], bool]


@dataclass
class Curations:
    """The recorded curations that apply to documents ingested later."""

    merges: dict[str, str] = field(default_factory=dict)  # merged id -> the id it went into
    splits: list[tuple[str, frozenset[str], str]] = field(
        default_factory=list
    )  # (actor, alias norms, new id)

    def target(self, actor_id: str) -> str:
        """Where `actor_id` ended up after the recorded merges (chains followed, cycles stopped)."""
        seen = {actor_id}
        while actor_id in self.merges and self.merges[actor_id] not in seen:
            actor_id = self.merges[actor_id]
            seen.add(actor_id)
        return actor_id


def record(conn: Connection, action: str, arguments: dict[str, Any]) -> None:
    """Remember one curation (what, when, with which arguments)."""
    conn.execute(
        s.curations.insert().values(
            action=action, arguments=arguments, created_at=datetime.now(UTC).isoformat(timespec="seconds")
        )
    )


def load_curations(conn: Connection) -> Curations:
    """The merges and splits recorded so far, in the order they were made."""
    out = Curations()
    c = s.curations.c
    for r in conn.execute(sa.select(c.action, c.arguments).order_by(c.id)):
        args = r.arguments or {}
        if r.action == "merge":
            out.merges[args["actor"]] = args["into"]
        elif r.action == "split":
            norms = frozenset(normalize_name(a) for a in args["aliases"])
            out.splits.append((args["actor"], norms, args["into"]))
    return out


class _Pool:
    """The actors a new one may be mapped onto: those stored, then those of the batch so far."""

    def __init__(self, is_registry: IsRegistry) -> None:
        self.is_registry = is_registry
        self.name: dict[str, str] = {}
        self.norm: dict[str, str] = {}
        self.kind: dict[str, str] = {}
        self.registry: dict[str, bool] = {}
        self.by_norm: dict[str, set[str]] = {}
        self.surnames: dict[str, set[str]] = {}  # last word -> non-registry persons with longer names

    def add(self, actor_id: str, name: str, kind: str, aliases: list[str] = ()) -> None:  # type: ignore[assignment]
        if actor_id not in self.name:
            norm = normalize_name(name)
            self.name[actor_id], self.norm[actor_id], self.kind[actor_id] = name, norm, kind
            self.registry[actor_id] = self.is_registry(actor_id)
            words = norm.split()
            if kind == "person" and len(words) > 1 and not self.registry[actor_id]:
                self.surnames.setdefault(words[-1], set()).add(actor_id)
        for alias in [name, *aliases]:
            key = normalize_name(alias)
            if key:
                self.by_norm.setdefault(key, set()).add(actor_id)

    @classmethod
    def load(cls, conn: Connection, is_registry: IsRegistry) -> _Pool:
        pool = cls(is_registry)
        a, al = s.actors.c, s.aliases.c
        for r in conn.execute(sa.select(a.id, a.name, a.kind).order_by(a.id)):
            pool.add(r.id, r.name, r.kind)
        for r in conn.execute(sa.select(al.actor_id, al.norm)):
            pool.by_norm.setdefault(r.norm, set()).add(r.actor_id)
        return pool

    def match(self, actor: dict[str, Any]) -> str | None:
        """The stored actor a new, non-registry `actor` is, by the rules above; None if none."""
        norm, kind = normalize_name(actor["name"]), actor["kind"]
        if not norm:
            return None
        exact = self.by_norm.get(norm, set()) - {actor["id"]}
        if exact:
            same = {i for i in exact if self.kind[i] == kind} or exact
            return next(iter(same)) if len(same) == 1 else None
        if kind in SURNAME_KINDS and " " not in norm:
            people = self.surnames.get(norm, set())
            if len(people) == 1:
                return next(iter(people))
        best: tuple[float, str] | None = None
        for other, other_norm in self.norm.items():
            if self.kind[other] != kind or self.registry[other] or other == actor["id"]:
                continue
            matcher = difflib.SequenceMatcher(None, norm, other_norm)
            if matcher.real_quick_ratio() < FUZZY_RATIO or matcher.quick_ratio() < FUZZY_RATIO:
                continue
            ratio = matcher.ratio()
            if ratio >= FUZZY_RATIO and (best is None or (-ratio, other) < (-best[0], best[1])):
                best = (ratio, other)
        return best[1] if best else None


def _valid(doc: Any) -> bool:
    return isinstance(doc, dict) and all(
        isinstance(a, dict)
        and isinstance(a.get("id"), str)
        and isinstance(a.get("name"), str)
        and a.get("kind")
        for a in doc.get("actors") or []
    )


def reconcile(conn: Connection, docs: list[Document], is_registry: IsRegistry) -> list[Document]:
    """`docs` with their actor ids mapped onto stored actors (see the module); others unchanged.

    Deterministic: documents are taken in order, and each one's actors may match those stored
    and those of the documents before it in the batch.
    """
    if not any(_valid(d) and d.get("actors") for d in docs):
        return docs
    pool = _Pool.load(conn, is_registry)
    curations = load_curations(conn)
    out: list[Document] = []
    for doc in docs:
        if not _valid(doc):
            out.append(doc)
            continue
        mapping: dict[str, str] = {}
        for a in doc.get("actors") or []:
            target = curations.target(a["id"])
            if target == a["id"] and not is_registry(a["id"]) and a["id"] not in pool.name:
                target = pool.match(a) or a["id"]
            mapping[a["id"]] = target
        new = _rewrite(doc, mapping, pool)
        new = _apply_splits(new, curations, pool)
        for a in new.get("actors") or []:
            pool.add(a["id"], a["name"], a["kind"], list(a.get("aliases") or []))
        out.append(new)
    return out


def _rewrite(doc: Document, mapping: dict[str, str], pool: _Pool) -> Document:
    if all(k == v for k, v in mapping.items()):
        return doc
    new: dict[str, Any] = copy.deepcopy(dict(doc))
    actors: dict[str, dict[str, Any]] = {}
    for a in new.get("actors") or []:
        target = mapping.get(a["id"], a["id"])
        if target == a["id"]:
            entry = a
        else:
            entry = {
                **a,
                "id": target,
                "name": pool.name.get(target, a["name"]),
                "kind": pool.kind.get(target, a["kind"]),
                "aliases": [a["name"], *(a.get("aliases") or [])],
            }
        held = actors.get(target)
        if held is None:
            actors[target] = entry
            continue
        for alias in [entry["name"], *(entry.get("aliases") or [])]:  # two of its actors are one
            if alias != held["name"] and alias not in held["aliases"]:
                held["aliases"] = [*held["aliases"], alias]
        for key in ("wikidata", "country"):
            held[key] = held.get(key) or entry.get(key)
    for entry in actors.values():  # an alias equal to the name is no alias
        entry["aliases"] = list(dict.fromkeys(x for x in entry.get("aliases") or [] if x != entry["name"]))
    new["actors"] = list(actors.values())

    def m(x: str | None) -> str | None:
        return mapping.get(x, x) if x is not None else None

    for mention in new.get("mentions") or []:
        mention["actor"] = m(mention.get("actor"))
    for att in new.get("attributions") or []:
        att["speaker"], att["channel"] = m(att.get("speaker")), m(att.get("channel"))
    for claim in new.get("claims") or []:
        claim["subject"], claim["object"] = m(claim["subject"]), m(claim.get("object"))
        if claim.get("location"):
            claim["location"]["actor"] = m(claim["location"].get("actor"))
    return new  # type: ignore[return-value]


def _apply_splits(doc: Document, curations: Curations, pool: _Pool) -> Document:
    for actor, norms, into in curations.splits:
        mentions = [
            x
            for x in doc.get("mentions") or []
            if x.get("actor") == actor and normalize_name(x["text"]) in norms
        ]
        if not mentions or into not in pool.name:
            continue
        new: dict[str, Any] = copy.deepcopy(dict(doc))
        spans = {(x["start"], x["end"]) for x in mentions}
        for x in new.get("mentions") or []:
            if x.get("actor") == actor and (x["start"], x["end"]) in spans:
                x["actor"] = into
        for c in new.get("claims") or []:
            for end, span in (("subject", "subject_span"), ("object", "object_span")):
                sp = c.get(span)
                if c.get(end) == actor and sp and (sp["start"], sp["end"]) in spans:
                    c[end] = into
        for att in new.get("attributions") or []:
            src = att.get("source")
            if att.get("speaker") == actor and src and (src["start"], src["end"]) in spans:
                att["speaker"] = into
        if into not in {a["id"] for a in new["actors"]}:
            new["actors"].append(
                {
                    "id": into,
                    "name": pool.name[into],
                    "kind": pool.kind[into],
                    "aliases": [],
                    "wikidata": None,
                    "country": None,
                }  # fmt: skip
            )
        doc = new  # type: ignore[assignment]
    return doc

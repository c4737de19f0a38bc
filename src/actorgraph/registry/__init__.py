"""The built-in actor registry: who a surface string like "Tehran" or "ISKP" names.

The packaged artifact ``data/registry.json.gz`` is built by ``actorgraph.registry.build``
from the PETRARCH2 dictionaries plus the curated ``data/actors.toml``. It carries a
precomputed alias index so that loading is one ``json.loads`` and lookups are one dict
access on :func:`normalize_alias` of the surface.

Case rules (so that ordinary words do not become actors):

* *strict* aliases - acronyms of one or two letters ("US", "IS", "UN", "AP") and acronyms
  that spell a common word ("WHO", "IT", "OR") - match only when the surface's letters are
  the alias's letters with the same capitalisation: "U.S." and "US" match, "us"/"Us" do not.
* a surface written entirely in lower case matches only aliases of two or more words
  ("islamic state" yes; "turkey", "china", "taliban", "iranian" no). News text capitalises
  proper names, so this costs little recall and removes most common-word collisions.

Users extend the registry with a TOML file of the same form as ``data/actors.toml``,
named by ``$ACTORGRAPH_REGISTRY``; ``Registry.default()`` reads it on top.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

__all__ = ["ActorRecord", "AliasHit", "Registry", "normalize_alias", "slugify"]

DATA = Path(__file__).resolve().parent.parent / "data"
ARTIFACT = DATA / "registry.json.gz"
ENV_VAR = "ACTORGRAPH_REGISTRY"
NORMALIZER_VERSION = 1

# Ambiguous aliases resolve to the more "central" kind first.
KIND_RANK = {
    kind: i
    for i, kind in enumerate(
        (
            "state",
            "igo",
            "armed_group",
            "government",
            "party",
            "media",
            "organization",
            "person",
            "anonymous_group",
        )
    )
}
# Acronyms that are also common English words: they need exact capitalisation.
COMMON_WORD_ACRONYMS = frozenset(
    [
        "all",
        "am",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "can",
        "do",
        "for",
        "go",
        "he",
        "if",
        "in",
        "is",
        "it",
        "let",
        "me",
        "my",
        "no",
        "not",
        "of",
        "on",
        "one",
        "or",
        "our",
        "so",
        "the",
        "to",
        "up",
        "us",
        "was",
        "we",
        "who",
        "will",
        "win",
        "act",
        "aim",
        "art",
        "bad",
        "car",
        "cat",
        "dog",
        "end",
        "fan",
        "few",
        "gap",
        "hit",
        "lot",
        "man",
        "mad",
        "may",
        "new",
        "now",
        "old",
        "own",
        "pad",
        "pay",
        "per",
        "put",
        "ran",
        "sad",
        "saw",
        "see",
        "set",
        "sun",
        "ten",
        "top",
        "two",
        "war",
        "way",
        "yes",
    ]
)
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "`": "'", "\u201c": '"', "\u201d": '"'})
_SEPARATORS = re.compile(r"[-\u2010-\u2015/_\s]+")
_LETTERS = re.compile(r"[^A-Za-z]")


def normalize_alias(text: str) -> str:
    """The lookup key of an alias or surface: case, quotes, dots, dashes and "the" don't matter."""
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower().replace(".", "")
    text = _SEPARATORS.sub(" ", text).strip(" ,;:\"'()[]")
    if text.startswith("the "):
        text = text[4:]
    return text


def slugify(text: str) -> str:
    """A stable lowercase id from a canonical name: "Al-Qaeda in Iraq" -> "al-qaeda-in-iraq"."""
    text = normalize_alias(text).replace("'", "").replace("&", " and ")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def alias_flags(alias: str) -> tuple[bool, bool]:
    """(strict, multiword): strict aliases need the surface's exact capitalisation."""
    letters = _LETTERS.sub("", alias)
    strict = (
        bool(letters)
        and (
            (letters.isupper() and (len(letters) <= 2 or letters.lower() in COMMON_WORD_ACRONYMS))
            # mixed-case acronyms ("LeT", "HuJI") are not the ordinary words they spell ("Let")
            or (len(letters) <= 5 and not letters.isupper() and any(c.isupper() for c in letters[1:]))
        )
    )
    return strict, len(normalize_alias(alias).split()) >= 2


@dataclass(frozen=True)
class ActorRecord:
    id: str
    name: str
    kind: str
    country: str | None
    wikidata: str | None
    aliases: tuple[str, ...]
    parent: str | None
    sources: tuple[str, ...]
    roles: tuple[
        dict, ...
    ] = ()  # {"relation": "LEADS", "of": "afghanistan", "start": "2014-09-29", "end": None}


@dataclass(frozen=True)
class AliasHit:
    actor: str  # actor id
    sector: str | None  # CAMEO sector riding on this alias, e.g. "GOV", "MIL"
    demonym: bool


def read_curated(path: Path) -> list[dict[str, Any]]:
    """Read a curated TOML file into entries with a flat ``_aliases`` list.

    Two tables: ``states`` (compact inline tables, kind "state" implied) and ``[[actor]]``.
    Per entry: ``aliases``, ``demonyms`` (flagged), ``sectors`` ({alias = "GOV"}, implies the
    alias), ``ambiguous`` (aliases that may stay on other actors), ``exclude`` (petrarch
    aliases to drop), ``merge`` (petrarch actor ids folded into this one), ``roles``.
    """
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    entries = []
    for item in [{"kind": "state", **s} for s in data.get("states", [])] + list(data.get("actor", [])):
        item = dict(item)
        if "id" not in item or "name" not in item or "kind" not in item:
            raise ValueError(f"{path}: entry needs id, name and kind: {item}")
        aliases: list[tuple[str, str | None, bool]] = [(a, None, False) for a in item.get("aliases", [])]
        aliases += [(a, None, True) for a in item.get("demonyms", [])]
        aliases += [(a, s, False) for a, s in item.get("sectors", {}).items()]
        item["_aliases"] = aliases
        entries.append(item)
    return entries


def _with_plural_demonyms(index: dict[str, list[list[Any]]]) -> dict[str, list[list[Any]]]:
    """The index plus "albanians", "north koreans" for demonyms ending in -an that have no
    plural of their own: the people of a state, as "Palestinians" already is (irregular
    plurals, "Turks", are aliases in actors.toml)."""
    extra = {}
    for key, hits in index.items():
        if not key.endswith("an") or key + "s" in index:
            continue
        demonyms = [h for h in hits if h[2]]
        if demonyms and len(demonyms) == len(hits):
            extra[key + "s"] = demonyms
    return {**index, **extra} if extra else index


class Registry:
    """Actors by id and an alias index; built once per process by :meth:`default`."""

    def __init__(self, doc: dict[str, Any]) -> None:
        self.header: dict[str, Any] = doc.get("header", {})
        self._raw: dict[str, dict[str, Any]] = {a["id"]: a for a in doc["actors"]}
        self._index: dict[str, list[list[Any]]] = _with_plural_demonyms(doc["index"])
        self._agents: dict[str, str] = doc.get("agents", {})
        self._records: dict[str, ActorRecord] = {}
        # first words of all aliases: a token that starts none of them starts no name
        self.first_words: frozenset[str] = frozenset(k.split()[0] for k in self._index if k)
        self.max_alias_tokens: int = doc.get("max_alias_tokens") or max(
            (len(k.split()) for k in self._index), default=1
        )

    @classmethod
    def default(cls) -> Registry:
        """The packaged registry plus ``$ACTORGRAPH_REGISTRY`` when set (cached)."""
        extra = os.environ.get(ENV_VAR)
        return _cached(str(ARTIFACT), extra or "")

    @classmethod
    def load(cls, path: Path, *extra: Path) -> Registry:
        """Load a built artifact (``.json.gz``/``.json``) or a TOML file, then extra TOML files."""
        path = Path(path)
        if path.suffix == ".toml":
            registry = cls({"actors": [], "index": {}})
            registry.extend(path)
        else:
            opener = gzip.open if path.suffix == ".gz" else open
            with opener(path, "rb") as fh:
                registry = cls(json.loads(fh.read()))
        for p in extra:
            registry.extend(Path(p))
        return registry

    def extend(self, path: Path) -> None:
        """Merge a curated-style TOML file: new actors are added, known ids gain aliases."""
        for item in read_curated(path):
            raw = self._raw.get(item["id"])
            if raw is None:
                raw = self._raw[item["id"]] = {
                    "id": item["id"], "aliases": [], "sources": [], "roles": [], "parent": None,
                    "country": None, "wikidata": None,
                }  # fmt: skip
            raw.update({k: item[k] for k in ("name", "kind", "country", "wikidata", "parent") if item.get(k)})
            if item.get("roles"):
                raw["roles"] = [dict(r) for r in item["roles"]]
            raw["sources"] = [*raw["sources"], f"user:{path}"]
            self._records.pop(item["id"], None)
            for alias, sector, demonym in [(item["name"], None, False), *item["_aliases"]]:
                if alias not in raw["aliases"]:
                    raw["aliases"] = [*raw["aliases"], alias]
                key = normalize_alias(alias)
                hits = [h for h in self._index.get(key, []) if h[0] != item["id"]]
                self._index[key] = [[item["id"], sector, demonym, alias_flags(alias)[0], True], *hits]
                self.max_alias_tokens = max(self.max_alias_tokens, len(key.split()))

    def actor(self, actor_id: str) -> ActorRecord | None:
        record = self._records.get(actor_id)
        if record is None:
            raw = self._raw.get(actor_id)
            if raw is None:
                return None
            record = self._records[actor_id] = ActorRecord(
                id=raw["id"],
                name=raw["name"],
                kind=raw["kind"],
                country=raw.get("country"),
                wikidata=raw.get("wikidata"),
                aliases=tuple(raw.get("aliases", ())),
                parent=raw.get("parent"),
                sources=tuple(raw.get("sources", ())),
                roles=tuple(raw.get("roles", ())),
            )
        return record

    def government_roles(self, actor_id: str, day: str | None = None) -> list[dict]:
        """The actor's roles in a government (CAMEO GOV sector, MEMBER or LEADS) held on `day`
        (an ISO date), or ever held when no day is known."""
        record = self.actor(actor_id)
        return [
            role
            for role in (record.roles if record else ())
            if role.get("sector") == "GOV"
            and role.get("relation") in ("MEMBER", "LEADS")
            and (day is None or (role.get("start") or "") <= day <= (role.get("end") or "9999"))
        ]

    def lookup(self, surface: str) -> list[AliasHit]:
        """Actors an exact alias names, best first; [] when none (see the module's case rules)."""
        key = normalize_alias(surface)
        hits = self._index.get(key)
        if not hits:
            return []
        lowercase = not any(ch.isupper() for ch in surface)
        if lowercase and " " not in key:
            return []
        letters = _LETTERS.sub("", surface)
        out: list[AliasHit] = []
        seen: set[str] = set()
        for actor, sector, demonym, strict, _curated in hits:
            if actor in seen:
                continue
            if strict and letters != _LETTERS.sub("", key).upper():
                continue
            seen.add(actor)
            out.append(AliasHit(actor, sector, bool(demonym)))
        return out

    def agent(self, noun: str) -> str | None:
        """Sector code of a role noun ("spokesman" -> "GOV", "rebels" -> "REB"), any case or number."""
        key = normalize_alias(noun)
        for cand in (key, *_singulars(key)):
            if cand in self._agents:
                return self._agents[cand]
        return None

    def __len__(self) -> int:
        return len(self._raw)

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._raw

    def ids(self) -> list[str]:
        return sorted(self._raw)


def _singulars(key: str) -> list[str]:
    head, _, last = key.rpartition(" ")
    prefix = f"{head} " if head else ""
    forms = []
    if last.endswith("men"):
        forms.append(last[:-3] + "man")
    if last.endswith("ies"):
        forms.append(last[:-3] + "y")
    if last.endswith("es"):
        forms.append(last[:-2])
    if last.endswith("s"):
        forms.append(last[:-1])
    return [prefix + f for f in forms]


@cache
def _cached(artifact: str, extra: str) -> Registry:
    return Registry.load(Path(artifact), *([Path(extra)] if extra else []))

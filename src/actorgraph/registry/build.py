"""Build ``data/registry.json.gz`` from the PETRARCH2 dictionaries and ``data/actors.toml``.

Run as ``python -m actorgraph.registry.build [--dictionaries DIR] [--out FILE]``.

The Phoenix/PETRARCH2 dictionaries (MIT, Open Event Data Alliance) use TABARI syntax:
an entry line ``NAME_WITH_UNDERSCORES [CODE date-range]``, ``+SYNONYM`` lines for the
entry above, indented ``[CODE]`` lines, ``#`` comments. We convert them into our own
actor format, keeping for every actor the file and line it came from, and then merge
the curated file on top (curated entries win).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import json
import re
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from actorgraph.contract import ACTOR_KINDS
from actorgraph.registry import (
    KIND_RANK,
    NORMALIZER_VERSION,
    alias_flags,
    normalize_alias,
    read_curated,
    slugify,
)

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[2]
DEFAULT_DICTIONARIES = REPO_ROOT.parent / "shared" / "data" / "dictionaries" / "petrarch2"
DEFAULT_OUT = HERE.parent / "data" / "registry.json.gz"
CURATED = HERE.parent / "data" / "actors.toml"

COUNTRIES = "Phoenix.Countries.actors.txt"
INTERNATIONAL = "Phoenix.International.actors.txt"
MILNONSTATE = "Phoenix.MilNonState.actors.txt"
AGENTS = "Phoenix.agents.txt"
SOURCE_FILES = (COUNTRIES, INTERNATIONAL, MILNONSTATE, AGENTS, "LICENSE")

# CAMEO sectors that are organs of the state: they stay aliases of the state actor.
STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY"})
ARMED_SECTORS = frozenset({"REB", "UAF", "IMG", "INS"})
KNOWN_SECTORS = (
    STATE_SECTORS
    | ARMED_SECTORS
    | frozenset(
        [
            "OPP",
            "PTY",
            "MED",
            "EDU",
            "BUS",
            "CRM",
            "CVL",
            "LAB",
            "HLH",
            "REF",
            "AGR",
            "DEV",
            "ELI",
            "ENV",
            "HRI",
            "NGO",
            "MNC",
            "REL",
            "MUS",
            "CHR",
            "JEW",
            "BUD",
            "HIN",
            "RAD",
            "MOD",
            "SET",
            "UNK",
            "NGM",
            "IGO",
        ]
    )
)
# Aliases too generic to carry an actor on their own.
GENERIC = frozenset(
    [
        "organization",
        "organisation",
        "government",
        "army",
        "police",
        "military",
        "state",
        "republic",
        "kingdom",
        "union",
        "party",
        "front",
        "movement",
        "group",
        "council",
        "ministry",
        "the",
        "a",
        "an",
        # ordinary words the dictionaries list alone for an actor that they name only inside a
        # longer name ("North" for North Korea, "Country" for Georgia, "Male" for the Maldives,
        # "Foundation" for El Rukn): as names in news text they are "North America", "Country
        # music", "Male voters", "the Clinton Foundation"
        "country",
        "nation",
        "north",
        "south",
        "male",
        "zero",
        "youth",
        "occupied",
        "lightning",
        "cornerstone",
        "foundation",
        "marches",
        "saga",
    ]
)
CODE_RE = re.compile(r"\[([^\]]*)\]")
PAREN_RE = re.compile(r"\(([A-Z][A-Z0-9.\-]{1,7})\)")
SMALL_WORDS = frozenset(
    [
        "of",
        "the",
        "and",
        "for",
        "in",
        "on",
        "at",
        "to",
        "de",
        "du",
        "des",
        "la",
        "le",
        "al",
        "el",
        "bin",
        "ibn",
    ]
)


@dataclass
class Code:
    code: str
    start: str | None = None
    end: str | None = None


@dataclass
class Entry:
    """One TABARI entry: its head name, ``+`` synonyms and codes."""

    names: list[str]
    codes: list[Code]
    line: int
    comment: str = ""


@dataclass
class Draft:
    """A mutable actor while building."""

    id: str
    name: str
    kind: str
    country: str | None = None
    wikidata: str | None = None
    parent: str | None = None
    aliases: dict[str, dict[str, Any]] = field(default_factory=dict)  # display -> {sector, demonym}
    sources: list[str] = field(default_factory=list)
    roles: list[dict[str, Any]] = field(default_factory=list)
    curated: bool = False

    def add(self, alias: str, sector: str | None = None, demonym: bool = False) -> None:
        alias = alias.strip()
        if not alias or normalize_alias(alias) in GENERIC or len(normalize_alias(alias)) < 2:
            return
        old = self.aliases.get(alias)
        if old is None or (sector and not old["sector"]):
            self.aliases[alias] = {"sector": sector, "demonym": demonym or bool(old and old["demonym"])}


# --------------------------------------------------------------------------- parsing


def parse_date(text: str) -> str | None:
    """TABARI dates are YYMMDD (two-digit years pivot at 20) or YYYYMMDD."""
    text = text.strip()
    if len(text) == 6:
        yy = int(text[:2])
        text = f"{2000 + yy if yy <= 20 else 1900 + yy}{text[2:]}"
    if len(text) != 8 or not text.isdigit():
        return None
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:])).isoformat()
    except ValueError:
        return None


def parse_code(raw: str) -> Code | None:
    parts = raw.split()
    if not parts or parts[0].startswith("-") or parts[0].startswith("~"):
        return None
    code = Code(parts[0])
    if len(parts) > 1:
        rng = "".join(parts[1:])
        if rng.startswith(">"):
            code.start = parse_date(rng[1:])
        elif rng.startswith("<"):
            code.end = parse_date(rng[1:])
        elif "-" in rng:
            a, _, b = rng.partition("-")
            code.start, code.end = parse_date(a), parse_date(b)
    return code


def parse_actor_file(path: Path) -> list[Entry]:
    """Split a TABARI actor file into entries (head line, ``+`` lines, code lines)."""
    entries: list[Entry] = []
    for lineno, raw in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        body, _, comment = raw.partition("#")
        if not body.strip():
            continue
        codes = [c for c in (parse_code(m) for m in CODE_RE.findall(body)) if c]
        name = CODE_RE.sub(" ", body).strip()
        if raw[:1] in " \t" and not name:
            if entries:
                entries[-1].codes.extend(codes)
            continue
        if name.startswith("+"):
            if entries:
                entries[-1].names.append(name[1:].strip())
                entries[-1].codes.extend(codes)
            continue
        if raw[:1] in " \t":
            continue
        entries.append(Entry([name], codes, lineno, comment.strip()))
    return entries


def display(name: str) -> str:
    """``AL-QAEDA_IN_IRAQ_`` -> ``Al-Qaeda in Iraq``: readable, not authoritative."""
    words = [w for w in re.split(r"[_\s]+", name.strip("_ +")) if w]
    if len(words) == 1 and len(words[0]) <= 3:
        return words[0].upper()  # "UN_", "US_", "UAE_": acronyms
    out = []
    for i, word in enumerate(words):
        low = word.lower()
        if i and low in SMALL_WORDS:
            out.append(low)
        elif len(word) <= 4 and "." in word:
            out.append(word.upper())
        else:
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in word.split("-")))
    return " ".join(out)


def surface_forms(name: str) -> list[str]:
    """The alias forms of a petrarch name: itself, and a parenthesised acronym apart."""
    forms = []
    acronyms = PAREN_RE.findall(name.replace("_", " "))
    base = PAREN_RE.sub(" ", name.replace("_", " "))
    base = re.sub(r"[()!]", " ", base)
    if base.strip():
        forms.append(display(base))
    forms.extend(acronyms)
    return forms


def is_demonym(alias: str, name: str) -> bool:
    """Petrarch lists demonyms among country aliases without marking them; guess by suffix."""
    norm = normalize_alias(alias)
    if " " in norm or norm == normalize_alias(name):
        return False
    return norm.endswith(("ian", "ians", "ese", "ish", "ean", "eans", "ani", "iot", "iots"))


def split_code(code: str) -> tuple[str, str | None]:
    """``AFGGOVMIL`` -> (``AFG``, ``GOV``); the first sector decides what the entry is."""
    country, rest = code[:3], code[3:]
    for i in range(0, len(rest), 3):
        if rest[i : i + 3] in KNOWN_SECTORS:
            return country, rest[i : i + 3]
    return country, None


# --------------------------------------------------------------------------- conversion


class Builder:
    def __init__(self, curated: list[dict[str, Any]]) -> None:
        self.actors: dict[str, Draft] = {}
        self.by_code: dict[str, str] = {}  # petrarch country / IGO code -> actor id
        self.people: dict[str, str] = {}  # person alias key -> actor id, to merge duplicates
        self.curated = curated
        self.state_ids = {
            c["country"]: c["id"] for c in curated if c.get("kind") == "state" and c.get("country")
        }

    def new(self, actor_id: str, name: str, kind: str, source: str, **kw: Any) -> Draft:
        base, n = actor_id or "actor", 2
        while actor_id in self.actors or not actor_id:
            actor_id, n = f"{base}-{n}", n + 1
        draft = Draft(actor_id, name, kind, sources=[source], **kw)
        self.actors[actor_id] = draft
        return draft

    def countries(self, path: Path) -> None:
        entries = parse_actor_file(path)
        current: Draft | None = None
        people: list[tuple[Entry, Draft | None]] = []
        for entry in entries:
            src = f"petrarch2:{path.name}:{entry.line}"
            country_codes = [
                c.code for c in entry.codes
                if c.code.isalpha() and (len(c.code) == 3 or (len(c.code) == 6 and not split_code(c.code)[1]))
            ]  # fmt: skip
            if (
                country_codes
                and "CountryInfo" not in entry.comment
                and country_codes[0] not in {"IGO", "NGO", "MNC"}
            ):
                current = self.country(entry, country_codes[0], src)
                continue
            if current is None:
                continue
            dated = any(c.start or c.end for c in entry.codes)
            if dated or "CountryInfo" in entry.comment:
                people.append((entry, current))
                continue
            self.institution(entry, current, src)
        for entry, state in people:
            self.person(entry, state, f"petrarch2:{path.name}:{entry.line}")

    def country(self, entry: Entry, code: str, src: str) -> Draft | None:
        name = display(entry.names[0])
        iso = code[-3:]
        actor_id = self.state_ids.get(iso)
        known = self.by_code.get(code) or (actor_id if actor_id in self.actors else None)
        if known:  # a second block for the same state (cities, a former code)
            draft = self.actors[known]
            draft.sources.append(src)
            self.by_code.setdefault(code, known)
        else:
            draft = self.new(actor_id or slugify(name), name, "state", src, country=iso)
            if len(code) == 6:
                draft.parent = self.by_code.get(code[:3])
            self.by_code[code] = draft.id
        for raw in entry.names:
            for form in surface_forms(raw):
                draft.add(form, demonym=is_demonym(form, name))
        return draft

    def institution(self, entry: Entry, state: Draft, src: str) -> None:
        code = entry.codes[0].code if entry.codes else ""
        country, sector = split_code(code)
        owner = self.actors.get(self.by_code.get(country, ""))
        if owner is None:
            self.group(entry, "government" if sector in STATE_SECTORS else "organization", None, src)
            return
        if sector in STATE_SECTORS or (not sector and code == country):
            for raw in entry.names:
                for form in surface_forms(raw):
                    owner.add(form, sector=sector)
            if src not in owner.sources:
                owner.sources.append(src)
            return
        if not sector:
            return
        kind = (
            "armed_group"
            if sector in ARMED_SECTORS
            else {"PTY": "party", "MED": "media"}.get(sector, "organization")
        )
        self.group(entry, kind, owner.country, src)

    def group(self, entry: Entry, kind: str, country: str | None, src: str) -> Draft | None:
        forms = [f for raw in entry.names for f in surface_forms(raw)]
        if not forms:
            return None
        name = forms[0]
        draft = self.new(slugify(name), name, kind, src, country=country)
        for form in forms:
            draft.add(form)
        return draft

    def person(self, entry: Entry, state: Draft | None, src: str) -> None:
        forms = [f for raw in entry.names for f in surface_forms(raw)]
        # A single-word person name ("Abdul", "Karzai" alone) is kept only as a synonym.
        if not forms or len(forms[0].split()) < 2:
            return
        roles = []
        for c in entry.codes:
            target = self.by_code.get(c.code[:6]) if c.code.startswith("IGO") else None
            country, sector = split_code(c.code)
            target = target or self.by_code.get(country)
            if not target or sector in (None, "ELI"):
                continue
            relation = "LEADS" if c.code == country + "GOV" else "MEMBER"
            role = {"relation": relation, "of": target, "start": c.start, "end": c.end, "sector": sector}
            if role not in roles:
                roles.append(role)
        if not roles:
            return
        iso = self.actors[roles[0]["of"]].country if roles[0]["of"] in self.actors else None
        known = next((self.people[k] for k in map(normalize_alias, forms) if k in self.people), None)
        if known and known in self.actors:  # petrarch lists some people twice
            draft = self.actors[known]
            draft.sources.append(src)
            draft.roles.extend(r for r in roles if r not in draft.roles)
        else:
            draft = self.new(slugify(forms[0]), forms[0], "person", src, country=iso)
            draft.roles = roles
        for form in forms:
            self.people.setdefault(normalize_alias(form), draft.id)
        for form in forms:
            if len(form.split()) >= 2:
                draft.add(form)

    def international(self, path: Path) -> None:
        for entry in parse_actor_file(path):
            src = f"petrarch2:{path.name}:{entry.line}"
            if not entry.codes:
                continue
            if any(c.start or c.end for c in entry.codes):
                self.person(entry, None, src)
                continue
            code = entry.codes[0].code
            if code.startswith("IGO") and len(code) >= 6:
                key = code[:9] if len(code) >= 9 else code[:6]
                if key in self.by_code:
                    owner = self.actors[self.by_code[key]]
                    owner.sources.append(src)
                    for raw in entry.names:
                        for form in surface_forms(raw):
                            owner.add(form)
                else:
                    draft = self.group(entry, "igo", None, src)
                    if draft:
                        draft.parent = self.by_code.get(code[:6]) if key != code[:6] else None
                        self.by_code[key] = draft.id
            elif code.startswith("MED"):
                self.group(entry, "media", None, src)
            elif code.startswith(("NGO", "MNC", "HIN")):
                country = code[3:6] if len(code) >= 6 and code[3:6] in self.by_code else None
                self.group(entry, "organization", country, src)

    def milnonstate(self, path: Path) -> None:
        for entry in parse_actor_file(path):
            src = f"petrarch2:{path.name}:{entry.line}"
            if any(c.start or c.end for c in entry.codes):
                continue  # dated entries here are people of a group; too sparse to be useful
            code = entry.codes[0].code if entry.codes else ""
            country = code[:3] if code[:3] in self.by_code else None
            self.group(
                entry, "armed_group", self.actors[self.by_code[country]].country if country else None, src
            )

    # ----------------------------------------------------------------------- curation

    def merge_curated(self) -> None:
        """Curated entries win: they set the identity fields and claim their aliases."""
        claimed: dict[str, str] = {}
        for item in self.curated:
            actor_id = item["id"]
            draft = self.actors.get(actor_id)
            for other in item.get("merge", []):
                absorbed = self.actors.pop(other, None)
                if absorbed and draft is None:
                    draft = absorbed
                    draft.id = actor_id
                elif absorbed and draft is not None:
                    draft.aliases.update(
                        {k: v for k, v in absorbed.aliases.items() if k not in draft.aliases}
                    )
                    draft.sources.extend(absorbed.sources)
            if draft is None:
                draft = Draft(actor_id, item["name"], item["kind"])
            self.actors[actor_id] = draft
            draft.curated = True
            draft.name, draft.kind = item["name"], item["kind"]
            for key in ("country", "wikidata", "parent"):
                if item.get(key):
                    setattr(draft, key, item[key])
            if item.get("roles"):
                draft.roles = [dict(r) for r in item["roles"]]
            for alias in item.get("exclude", []):
                draft.aliases.pop(alias, None)
                for k in [k for k in draft.aliases if normalize_alias(k) == normalize_alias(alias)]:
                    draft.aliases.pop(k)
            draft.add(item["name"])
            claimed[normalize_alias(item["name"])] = actor_id
            for alias, sector, demonym in item["_aliases"]:
                draft.add(alias, sector=sector, demonym=demonym)
                if alias in draft.aliases:
                    draft.aliases[alias].update(sector=sector, demonym=demonym)
                if alias not in item.get("ambiguous", []):
                    claimed[normalize_alias(alias)] = actor_id
            draft.add(item["name"])
            if "curated" not in draft.sources:
                draft.sources.append("curated")
        for draft in self.actors.values():
            for alias in list(draft.aliases):
                owner = claimed.get(normalize_alias(alias))
                if owner and owner != draft.id:
                    del draft.aliases[alias]
        for draft in list(self.actors.values()):
            if draft.parent and draft.parent not in self.actors:
                draft.parent = None
            if not draft.aliases and not draft.curated:
                del self.actors[draft.id]


def parse_agents(path: Path, curated: dict[str, str] | None = None) -> dict[str, str]:
    """Agents dictionary: role noun (normalized, singular and plural) -> first sector code."""
    macros: dict[str, list[str]] = {}
    agents: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body = raw.partition("#")[0].strip()
        if not body:
            continue
        if body.startswith("!") and "=" in body:
            key, _, vals = body.partition("=")
            macros[key.strip()] = [v.strip() for v in vals.split(",") if v.strip()]
            continue
        m = re.search(r"\[~([A-Z]{3})", body)
        if not m:
            continue
        noun = re.sub(r"\{[^}]*\}|<[^>]*>", " ", body[: body.index("[")]).strip().lstrip("+")
        variants = [noun]
        for macro, values in macros.items():
            if macro in noun:
                variants = [v.replace(macro, val) for v in variants for val in values]
        for v in variants:
            key = normalize_alias(v.replace("!", ""))
            if key and key not in agents:
                agents[key] = m.group(1)
    for noun, code in (curated or {}).items():  # curated nouns win
        agents[normalize_alias(noun)] = code
    return dict(sorted(agents.items()))


# --------------------------------------------------------------------------- output


def curated_agents(path: Path) -> dict[str, str]:
    """The ``[agents]`` table of the curated file: role nouns petrarch lacks."""
    if not path.is_file():
        return {}
    with path.open("rb") as fh:
        return dict(tomllib.load(fh).get("agents", {}))


def sha1(path: Path) -> str:
    return hashlib.sha1(path.read_bytes()).hexdigest()


def build(dictionaries: Path, curated_path: Path = CURATED) -> dict[str, Any]:
    """Return the registry document (header, actors, alias index, agents)."""
    missing = [name for name in SOURCE_FILES if not (dictionaries / name).is_file()]
    if not dictionaries.is_dir() or missing:
        raise FileNotFoundError(
            f"PETRARCH2 dictionaries not found in {dictionaries} (missing: {', '.join(missing) or 'folder'}); "
            "pass --dictionaries DIR"
        )
    curated = read_curated(curated_path) if curated_path.is_file() else []
    builder = Builder(curated)
    builder.countries(dictionaries / COUNTRIES)
    builder.international(dictionaries / INTERNATIONAL)
    builder.milnonstate(dictionaries / MILNONSTATE)
    builder.merge_curated()

    actors = []
    index: dict[str, list[list[Any]]] = {}
    for draft in sorted(builder.actors.values(), key=lambda d: d.id):
        assert draft.kind in ACTOR_KINDS, (draft.id, draft.kind)
        aliases = sorted(draft.aliases, key=lambda a: (a != draft.name, a.lower(), a))
        actors.append(
            {
                "id": draft.id,
                "name": draft.name,
                "kind": draft.kind,
                "country": draft.country,
                "wikidata": draft.wikidata,
                "parent": draft.parent,
                "aliases": aliases,
                "sources": draft.sources,
                "roles": draft.roles,
            }
        )
        for alias in aliases:
            meta = draft.aliases[alias]
            key = normalize_alias(alias)
            strict = alias_flags(alias)[0]
            hits = index.setdefault(key, [])
            same = next((h for h in hits if h[0] == draft.id), None)
            if same:  # "US" and "U.S." share a key: strict if any spelling is strict
                same[1], same[2], same[3] = (
                    same[1] or meta["sector"],
                    same[2] or meta["demonym"],
                    same[3] or strict,
                )
            else:  # [actor, sector, demonym, strict-case alias, curated]
                hits.append([draft.id, meta["sector"], meta["demonym"], strict, draft.curated])
    kinds = {a["id"]: a["kind"] for a in actors}
    for hits in index.values():
        hits.sort(key=lambda h: (not h[4], KIND_RANK.get(kinds[h[0]], 99), h[0]))
    header = {
        "format": "actorgraph-registry/1",
        "normalizer": NORMALIZER_VERSION,
        "built": dt.date.today().isoformat(),
        "sources": [{"file": f"petrarch2/{name}", "sha1": sha1(dictionaries / name)} for name in SOURCE_FILES]
        + [
            {
                "file": "actorgraph/data/actors.toml",
                "sha1": sha1(curated_path) if curated_path.is_file() else None,
            }
        ],
        "license": "Converted from the PETRARCH2/Phoenix dictionaries, MIT License, "
        "Copyright (c) 2014 Open Event Data Alliance; curated additions are actorgraph's own.",
    }
    return {
        "header": header,
        "actors": actors,
        "index": dict(sorted(index.items())),
        "agents": parse_agents(dictionaries / AGENTS, curated_agents(curated_path)),
    }


def write(doc: dict[str, Any], out: Path) -> None:
    data = json.dumps(doc, ensure_ascii=False, sort_keys=False, separators=(",", ":")).encode()
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0, filename="") as gz:
        gz.write(data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m actorgraph.registry.build", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--dictionaries", type=Path, default=DEFAULT_DICTIONARIES)
    parser.add_argument("--curated", type=Path, default=CURATED)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    try:
        doc = build(args.dictionaries, args.curated)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    write(doc, args.out)
    counts = Counter(a["kind"] for a in doc["actors"])
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")
    print(f"actors: {len(doc['actors'])}  aliases: {len(doc['index'])}  agents: {len(doc['agents'])}")
    for kind in ACTOR_KINDS:
        print(f"  {kind:16} {counts.get(kind, 0)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Build ``src/actorgraph/data/verbs.json.gz``: verb lemma -> PLOVER event type, from the
PETRARCH2 CAMEO verb dictionary (``../shared/data/dictionaries/petrarch2/CAMEO.2.0.txt``, MIT).

    python scripts/build_verbs.py [--dictionary FILE] [--out FILE]     (or: make verbs)

The dictionary (TABARI/PETRARCH syntax) has synonym sets (``&NAME`` then ``+WORD`` lines) and
verb blocks: ``---  NAME   [code]  ---``, then verb lines (``VERB {irregular forms} [code]``,
the code defaulting to the block's), then pattern lines ``- words * words [code] # comment``.
We keep, for every verb, its own CAMEO code mapped to PLOVER (``verbs``), and for the simple
patterns -- the verb followed by a particle or an object noun, perhaps inside one prepositional
group ("put * (ON ALERT)", "grant * &ASYLUM") -- the first content word after the verb and its
PLOVER type (``patterns``: lemma -> word -> type). Nothing of the dictionary's text is kept
but these words and codes.

CAMEO roots map to PLOVER by PLOVER's crosswalk: 01 public statement and 09 investigate are
not PLOVER events (dropped); 02 appeal and 10 demand REQUEST; 03 intent to cooperate AGREE;
04 consult CONSULT; 05 diplomatic cooperation SUPPORT (055 apologize CONCEDE, 057 sign formal
agreement AGREE); 06 material cooperation COOPERATE; 07 aid AID; 08 yield CONCEDE (084 return,
release and 087 de-escalate militarily RETREAT); 11 disapprove ACCUSE; 12 reject REJECT;
13 threaten THREATEN; 14 protest PROTEST; 15 force posture MOBILIZE; 16 reduce relations
SANCTION; 17 coerce COERCE; 18 assault, 19 fight, 20 mass violence ASSAULT.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DICTIONARY = ROOT.parent / "shared" / "data" / "dictionaries" / "petrarch2" / "CAMEO.2.0.txt"
DEFAULT_OUT = ROOT / "src" / "actorgraph" / "data" / "verbs.json.gz"

ROOTS = {
    "02": "REQUEST", "03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE", "07": "AID",
    "08": "CONCEDE", "10": "REQUEST", "11": "ACCUSE", "12": "REJECT", "13": "THREATEN", "14": "PROTEST",
    "15": "MOBILIZE", "16": "SANCTION", "17": "COERCE", "18": "ASSAULT", "19": "ASSAULT", "20": "ASSAULT",
}  # fmt: skip
SUBCODES = {"055": "CONCEDE", "057": "AGREE", "084": "RETREAT", "087": "RETREAT"}
# CAMEO files these under its 080 "yield" block default; PLOVER's RETREAT names them.
RETREAT_VERBS = ("withdraw", "retreat", "disengage", "release", "free", "liberate", "emancipate", "unloose")
# Words of a pattern that are not its object: prepositions, articles, pattern syntax.
FUNCTION_WORDS = {
    "TO", "FOR", "ON", "IN", "OF", "WITH", "AT", "BY", "FROM", "INTO", "OVER", "AGAINST", "ABOUT", "UNDER",
    "AS", "THE", "A", "AN", "AND", "OR", "BETWEEN", "BEFORE", "AFTER", "UNTIL", "ALONG", "AROUND", "THROUGH",
}  # fmt: skip
PARTICLES = {"UP", "DOWN", "OFF", "OUT", "BACK", "AWAY", "ASIDE", "FORWARD", "OVER", "ON", "IN"}
# Blocks CAMEO files under a cooperation code whose verbs say that something is made known,
# which PLOVER does not code as an event: "---  DISCLOSE [050]" (admit, confess, reveal,
# unveil: "Kilroy unveils immigration policy" is no diplomatic cooperation).
STATEMENT_BLOCKS = {"DISCLOSE"}
BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
CODE = re.compile(r"\[([^\]]*)\]")


def plover(code: str) -> str | None:
    """The PLOVER type of a CAMEO code ("0233", "042:043", ":173"), or None (01, 09, "---")."""
    digits = next((part for part in code.split(":") if part.strip().isdigit()), "").strip()
    if len(digits) < 3:
        return None
    return SUBCODES.get(digits[:3]) or ROOTS.get(digits[:2])


def sha1(path: Path) -> str:
    return hashlib.sha1(path.read_bytes()).hexdigest()


def _words(token: str, synsets: dict[str, list[str]]) -> list[str]:
    """A pattern word, or the members of the synonym set it names ("&ASYLUM")."""
    token = token.strip("{}()")
    if token.startswith("&"):
        return synsets.get(token.rstrip("_"), [])
    return [token]


def parse(path: Path) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """(verbs, patterns) of the CAMEO verb dictionary at `path`."""
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    synsets: dict[str, list[str]] = {}
    current: str | None = None
    block_code = "---"
    block_verbs: list[str] = []
    verb_votes: dict[str, Counter] = {}
    pat_votes: dict[str, dict[str, Counter]] = {}
    section = ""
    for raw in lines:
        line = raw.split("#", 1)[0].rstrip()
        if raw.startswith("####"):
            section = raw
            continue
        if not line.strip():
            continue
        if "SYNONYM" in section:
            if line.startswith("&"):
                current = line.strip().rstrip("_")
                synsets[current] = []
            elif line.startswith("+") and current:
                synsets[current].append(line[1:].strip().rstrip("_").replace("_", " ").lower())
            continue
        if "VERB PATTERNS" not in section:
            continue
        m = BLOCK.match(line)
        if m:
            block_code, block_verbs = m.group(2), []
            if m.group(1) in STATEMENT_BLOCKS:
                block_code = "---"  # its verbs' own codes and its patterns still count
            continue
        if line.startswith("-"):
            origin = raw.split("#", 1)[1].replace(",", " ").split() if "#" in raw else []
            origin = [w.lower() for w in origin if w.isalpha() and w.isupper()]
            _pattern(
                line,
                [v for v in block_verbs if v in origin] or block_verbs[:1],
                block_code,
                synsets,
                pat_votes,
            )
            continue
        if line[0].isalpha() or line.startswith("+"):
            body = CODE.sub("", line).strip().lstrip("+")
            own = CODE.search(line)
            head = body.split("{", 1)[0].strip()
            if not head or " " in head or "_" in head.strip("_"):
                continue  # multi-word verbs ("+ANGERED_BY") are left out
            lemma = head.strip("_").lower()
            block_verbs.append(lemma)
            label = plover(own.group(1) if own else block_code)
            if label:
                verb_votes.setdefault(lemma, Counter())[label] += 1
    verbs = {w: c.most_common(1)[0][0] for w, c in sorted(verb_votes.items())}
    verbs.update({w: "RETREAT" for w in RETREAT_VERBS if w in verbs})
    patterns = {}
    for lemma, words in sorted(pat_votes.items()):
        keep = {w: c.most_common(1)[0][0] for w, c in sorted(words.items())}
        keep = {w: lab for w, lab in keep.items() if lab != verbs.get(lemma)}
        if keep:
            patterns[lemma] = keep
    return verbs, patterns


def _pattern(line: str, block_verbs: list[str], block_code: str, synsets: dict[str, list[str]],
             votes: dict[str, dict[str, Counter]]) -> None:  # fmt: skip
    """Record a simple pattern "- * [PARTICLE] WORD ..." (the verb then its object)."""
    m = CODE.search(line)
    if not m:
        return
    label = plover(m.group(1))
    body = line[1 : m.start()].strip()
    if not body.startswith("*") or any(ch in body for ch in "$+%^|"):
        return  # a pattern with words before the verb, or with source/target markers
    tokens = body[1:].replace("(", " ( ").replace(")", " ) ").replace("{", " { ").replace("}", " } ").split()
    words = [t for t in tokens if t not in "(){}"]
    content = [t for t in words if t not in FUNCTION_WORDS and t not in PARTICLES]
    if not content:
        particle = next((t for t in words if t in PARTICLES), None)
        content = [particle] if particle else []
    if not content or label is None:
        return
    for lemma in block_verbs:
        for word in _words(content[0], synsets):
            if " " not in word and word.isalpha():
                votes.setdefault(lemma, {}).setdefault(word.lower(), Counter())[label] += 1


def build(path: Path) -> dict:
    verbs, patterns = parse(path)
    license_file = path.parent / "LICENSE"
    return {
        "format": "actorgraph-verbs/1",
        "sources": [{"file": f"petrarch2/{path.name}", "sha1": sha1(path)}]
        + ([{"file": "petrarch2/LICENSE", "sha1": sha1(license_file)}] if license_file.is_file() else []),
        "license": "Derived from the PETRARCH2 CAMEO verb dictionary, MIT License, "
        "Copyright (c) 2015 Open Event Data Alliance.",
        "mapping": {
            "roots": ROOTS,
            "subcodes": SUBCODES,
            "retreat_verbs": list(RETREAT_VERBS),
            "dropped": ["01", "09"],
        },
        "verbs": verbs,
        "patterns": patterns,
    }


def write(doc: dict, out: Path) -> None:
    data = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0, filename="") as gz:
        gz.write(data)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dictionary", type=Path, default=DEFAULT_DICTIONARY)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    if not args.dictionary.is_file():
        print(f"error: no {args.dictionary}", file=sys.stderr)
        return 2
    doc = build(args.dictionary)
    write(doc, args.out)
    counts = Counter(doc["verbs"].values())
    n_pat = sum(len(p) for p in doc["patterns"].values())
    print(
        f"wrote {args.out} ({args.out.stat().st_size / 1e3:.0f} KB): {len(doc['verbs'])} verb forms, {n_pat} patterns"
    )
    print("  " + " ".join(f"{k}:{v}" for k, v in sorted(counts.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

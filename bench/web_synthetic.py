"""A synthetic store for the web benchmarks: N actors and M ties, written straight into the tables.

The network view must stay interactive at 5,000 actors and 20,000 ties; the extraction
pipeline would take far too long to produce that many from text, so rows are generated with
a fixed seed and bulk-inserted through the store's own schema (the Store creates the tables).

    python bench/web_synthetic.py /tmp/big.db --actors 5000 --ties 20000
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

from actorgraph.contract import ACTOR_KINDS, RELATIONS
from actorgraph.store import Store
from actorgraph.store import schema as s

DOCS = 200


def make_synthetic_store(path: str | Path, actors: int = 5000, ties: int = 20000, seed: int = 7) -> Path:
    """Create (or replace) a store at `path` with `actors` actors and `ties` distinct actor pairs."""
    path = Path(path)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    rng = random.Random(seed)
    store = Store.open(path)
    try:
        actor_rows = [
            {
                "id": f"a{i}",
                "name": f"Actor {i}",
                "norm": f"actor {i}",
                "kind": rng.choice(ACTOR_KINDS[:8]),
                "wikidata": None,
                "country": None,
            }
            for i in range(actors)
        ]
        start = date(2015, 1, 1)
        text = "Synthetic report: one actor acted towards another."
        doc_rows = [
            {
                "id": f"syn-{d}",
                "title": f"Synthetic report {d}",
                "outlet": f"Outlet {d % 20}",
                "url": None,
                "published": (start + timedelta(days=d * 16)).isoformat(),
                "text": text,
                "text_hash": f"{d:064d}",
                "warnings": [],
                "ingested_at": "2024-01-01T00:00:00+00:00",
            }
            for d in range(DOCS)
        ]
        # preferential attachment, roughly: low ids are hubs, as big states are in news
        weights = [1.0 / (1 + i) ** 0.6 for i in range(actors)]
        pairs: set[tuple[int, int]] = set()
        for i in range(1, min(actors, ties + 1)):  # every actor takes part in at least one tie
            j = rng.choices(range(i), weights[:i])[0]
            pairs.add((j, i))
        while len(pairs) < ties:
            a, b = rng.choices(range(actors), weights, k=2)
            if a != b:
                pairs.add((min(a, b), max(a, b)))
        claim_rows = []
        seq: dict[str, int] = {}
        for a, b in sorted(pairs):
            for _ in range(rng.choice((1, 1, 2))):
                doc = f"syn-{rng.randrange(DOCS)}"
                n = seq[doc] = seq.get(doc, 0) + 1
                day = (start + timedelta(days=rng.randrange(3400))).isoformat()
                subject, obj = (a, b) if rng.random() < 0.5 else (b, a)
                source = rng.randrange(400)
                claim_rows.append(
                    {
                        "doc_id": doc,
                        "id": f"c{n}",
                        "seq": n,
                        "relation": rng.choice(RELATIONS),
                        "subject": f"a{subject}",
                        "object": f"a{obj}",
                        "subject_start": 0,
                        "subject_end": 9,
                        "subject_text": text[:9],
                        "object_start": 10,
                        "object_end": 16,
                        "object_text": text[10:16],
                        "evidence_start": 0,
                        "evidence_end": len(text),
                        "evidence_text": text,
                        "polarity": "negated" if rng.random() < 0.06 else "affirmed",
                        "modality": "asserted",
                        "attribution": None,
                        "published": day,
                        "outlet": "Synthetic",
                        "date": day,
                        "date_source": "event",
                        "source_key": f"outlet:source {source}",
                        "source_label": f"Source {source}",
                    }
                )
        with store.engine.begin() as conn:
            conn.execute(s.documents.insert(), doc_rows)
            conn.execute(s.actors.insert(), actor_rows)
            conn.execute(s.claims.insert(), claim_rows)
    finally:
        store.close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--actors", type=int, default=5000)
    parser.add_argument("--ties", type=int, default=20000)
    args = parser.parse_args()
    print(make_synthetic_store(args.path, args.actors, args.ties))


if __name__ == "__main__":
    main()

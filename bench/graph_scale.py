"""How the store scales: ingest a real corpus, then query a synthetic store of a million claims.

    .venv/bin/python bench/graph_scale.py [--claims 1000000] [--ingest-limit N] [--skip-ingest]
                                          [--polnear]

1. Ingests ../shared/data/corpus/bbc.jsonl (2,225 BBC articles) through the real pipeline into a
   fresh SQLite store and reports the time (and ../shared/data/polnear/train with --polnear).
   When ../shared is absent it says so and goes on with part 2.
2. Builds a synthetic SQLite store of `--claims` claims directly with SQL (bulk inserts; events
   clustered with the store's own code, crossdoc.cluster), then measures the p50/p95 latency of
   `Store.dyad_history` (what `actorgraph dyad A B --by month` runs) and `Store.search` (what
   `actorgraph search` runs) over 300 queries each. Targets: dyad p95 <= 50 ms, search p95 <= 100 ms.

Writes bench/results/graph_scale.json and prints the figures.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
RESULTS = ROOT / "bench" / "results" / "graph_scale.json"

RELATIONS = ["CONSULT", "AGREE", "SUPPORT", "AID", "COOPERATE", "ACCUSE", "THREATEN", "REJECT", "SANCTION"]
RELATIONS += ["ASSAULT", "COERCE", "MOBILIZE", "RELATIONS", "ALLY", "HOSTILE"]
VERBS = {
    "CONSULT": "held talks with",
    "AGREE": "signed an agreement with",
    "SUPPORT": "praised",
    "AID": "sent aid to",
    "COOPERATE": "conducted joint exercises with",
    "ACCUSE": "accused",
    "THREATEN": "threatened",
    "REJECT": "rejected a proposal from",
    "SANCTION": "imposed sanctions on",
    "ASSAULT": "attacked",
    "COERCE": "arrested members of",
    "MOBILIZE": "massed troops near",
    "RELATIONS": "maintains relations with",
    "ALLY": "is an ally of",
    "HOSTILE": "is an enemy of",
}
PLACES = ["Baghdad", "Geneva", "Doha", "Vienna", "Cairo", "Ankara", "Kabul", "Moscow", "Beijing", "Riyadh"]
TOPICS = [
    "water",
    "trade",
    "gas",
    "prisoners",
    "the border",
    "oil",
    "refugees",
    "security",
    "debts",
    "elections",
]
QUALIFIERS = [
    "secret",
    "public",
    "direct",
    "indirect",
    "urgent",
    "fresh",
    "renewed",
    "rare",
    "brief",
    "lengthy",
]
OUTLETS = [f"Outlet {i}" for i in range(60)]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


# -- 1. a real corpus through the pipeline ------------------------------------------------------


def ingest(paths: list[Path], limit: int | None, label: str) -> dict:
    from itertools import islice

    from actorgraph.ingest import iter_documents
    from actorgraph.pipeline import Pipeline
    from actorgraph.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "ingest.db"
        started = time.perf_counter()
        pipeline = Pipeline()
        loaded = time.perf_counter() - started
        items = iter_documents(paths)
        if limit:
            items = islice(items, limit)
        failed = 0

        def docs():
            nonlocal failed
            for doc in pipeline.process(items):
                if "error" in doc:
                    failed += 1
                    continue
                yield doc

        with Store.open(db) as store:
            added, skipped = store.add_documents(docs(), on_error=lambda *_: None)
            elapsed = time.perf_counter() - started
            counts = store.counts()
            import sqlalchemy as sa

            with store.engine.connect() as conn:
                copies = conn.execute(
                    sa.text("SELECT count(*) FROM documents WHERE dup_of IS NOT NULL")
                ).scalar()
    result = {
        "corpus": label,
        "documents": added,
        "failed": failed,
        "seconds": round(elapsed, 1),
        "model_load_seconds": round(loaded, 1),
        "docs_per_second": round(added / elapsed, 2) if elapsed else None,
        "claims": counts["claims"],
        "events": counts["events"],
        "contradictions": counts["contradictions"],
        "near_duplicates": copies,
    }
    print(f"ingest {label}: {json.dumps(result)}", flush=True)
    return result


# -- 2. a synthetic million-claim store ---------------------------------------------------------


def build_synthetic(db: Path, n_claims: int, seed: int = 7) -> dict:
    """Documents, actors and claims straight into SQLite; events with the store's own clustering."""
    from actorgraph.store import Store
    from actorgraph.store.crossdoc import _Claim, _event_row, cluster, group_of

    rng = random.Random(seed)
    Store.open(db).close()  # the schema, migrations and FTS triggers, as the CLI makes them
    started = time.perf_counter()
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    n_actors = 400
    actors = [(f"actor-{i:03d}", f"Actor {i:03d}", f"actor {i:03d}", "state") for i in range(n_actors)]
    conn.executemany("INSERT INTO actors (id, name, norm, kind) VALUES (?, ?, ?, ?)", actors)
    conn.executemany(
        "INSERT INTO aliases (actor_id, alias, norm) VALUES (?, ?, ?)", [(a[0], a[1], a[2]) for a in actors]
    )
    # Zipf-like: a few dyads carry many claims, as in the news
    weights = [1 / (i + 1) ** 1.1 for i in range(n_actors)]
    per_doc = 10
    n_docs = n_claims // per_doc
    start_day = date(2019, 1, 1)
    docs, claims = [], []
    pair_counts: dict[tuple[str, str], int] = defaultdict(int)
    for d in range(n_docs):
        doc_id = f"doc-{d:07d}"
        published = start_day + timedelta(days=rng.randrange(5 * 365))
        outlet = rng.choice(OUTLETS)
        docs.append(
            (doc_id, f"Report {d}", outlet, published.isoformat(), "", f"h{d}", "[]", "2024-01-01T00:00:00")
        )
        for k in range(per_doc):
            a, b = rng.choices(range(n_actors), weights, k=2)
            if a == b:
                b = (b + 1) % n_actors
            subject, obj = actors[a][0], actors[b][0]
            relation = rng.choice(RELATIONS)
            polarity = "negated" if rng.random() < 0.03 else "affirmed"
            day = published - timedelta(days=rng.randrange(3))
            evidence = (
                f"{actors[a][1]} {VERBS[relation]} {actors[b][1]} in {rng.choice(PLACES)} on "
                f"{day.isoformat()} in {rng.choice(QUALIFIERS)} talks about {rng.choice(TOPICS)}."
            )
            source = f"outlet:{outlet.lower()}"
            claims.append(
                (doc_id, f"c{k}", k, relation, subject, obj, 0, 1, actors[a][1], 2, 3, actors[b][1], 0,
                 len(evidence), evidence, polarity, "asserted", day.isoformat(), day.isoformat(), day.isoformat(),
                 published.isoformat(), outlet, day.isoformat(), "event", source, outlet, source)
            )  # fmt: skip
            pair_counts[tuple(sorted((subject, obj)))] += 1
    conn.executemany(
        "INSERT INTO documents (id, title, outlet, published, text, text_hash, warnings, ingested_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        docs,
    )
    conn.executemany(
        "INSERT INTO claims (doc_id, id, seq, relation, subject, object, subject_start, subject_end, "
        "subject_text, object_start, object_end, object_text, evidence_start, evidence_end, evidence_text, "
        "polarity, modality, time_text, time_start, time_end, published, outlet, date, date_source, "
        "source_key, source_label, indep_key) VALUES (" + ", ".join("?" * 27) + ")",
        claims,
    )
    conn.commit()
    inserted = time.perf_counter() - started

    # events, clustered by crossdoc.cluster exactly as at ingest, written in bulk
    t0 = time.perf_counter()
    groups: dict[tuple, list] = defaultdict(list)
    for row in claims:
        (doc_id, cid, _, relation, subject, obj) = row[:6]
        groups[group_of(relation, subject, obj)].append(
            _Claim(doc_id, cid, relation, subject, obj, row[15], "asserted", row[18], row[19], row[20], row[26],
                   doc_id, None)
        )  # fmt: skip
    event_rows, assignments = [], []
    next_id = 1
    for group, members in groups.items():
        for cluster_members in cluster(members):
            row = _event_row(group, cluster_members)
            row["id"] = next_id
            event_rows.append(row)
            assignments += [(next_id, m.doc_id, m.id) for m in cluster_members]
            next_id += 1
    columns = list(event_rows[0])
    conn.executemany(
        f"INSERT INTO events ({', '.join(chr(34) + c + chr(34) for c in columns)}) "
        f"VALUES ({', '.join('?' * len(columns))})",
        [tuple(r[c] for c in columns) for r in event_rows],
    )
    conn.execute(
        "CREATE TEMP TABLE assign (event_id INTEGER, doc_id TEXT, id TEXT, PRIMARY KEY (doc_id, id))"
    )
    conn.executemany("INSERT INTO assign VALUES (?, ?, ?)", assignments)
    conn.execute(
        "UPDATE claims SET event_id = (SELECT event_id FROM assign WHERE assign.doc_id = claims.doc_id "
        "AND assign.id = claims.id)"
    )
    conn.commit()
    conn.execute("ANALYZE")
    conn.close()
    clustered = time.perf_counter() - t0
    return {
        "claims": len(claims),
        "documents": len(docs),
        "actors": n_actors,
        "events": len(event_rows),
        "dyads": len(pair_counts),
        "insert_seconds": round(inserted, 1),
        "cluster_seconds": round(clustered, 1),
        "pairs": sorted(pair_counts.items(), key=lambda kv: -kv[1]),
    }


def measure(db: Path, pairs: list[tuple[tuple[str, str], int]], n: int = 300, seed: int = 11) -> dict:
    from actorgraph.store import Store

    rng = random.Random(seed)
    weights = [c for _, c in pairs]
    dyads = [pairs[0][0]] + [p for p, _ in rng.choices(pairs, weights, k=n - 1)]  # the busiest dyad too
    terms = [f"{q} talks" for q in QUALIFIERS] + [f'"{v}"' for v in VERBS.values()] + TOPICS + PLACES
    with Store.open(db, create=False) as store:
        store.dyad_history(*dyads[0])  # warm the page cache, as a running server would be
        dyad_ms = []
        for a, b in dyads:
            t = time.perf_counter()
            history = store.dyad_history(a, b, by="month")
            dyad_ms.append((time.perf_counter() - t) * 1000)
        assert history.periods
        search_ms, hits = [], 0
        for i in range(n):
            query = rng.choice(terms)
            actor = rng.choice(pairs[:50])[0][0] if i % 2 else None
            since = f"{rng.choice([2019, 2020, 2021, 2022])}-01-01" if i % 3 == 0 else None
            t = time.perf_counter()
            rows = store.search(query, actor=actor, since=since, limit=50)
            search_ms.append((time.perf_counter() - t) * 1000)
            hits += len(rows)
        busiest = pairs[0]
        t = time.perf_counter()
        store.dyad_history(*busiest[0], by="week")
        busiest_ms = (time.perf_counter() - t) * 1000
    return {
        "dyad_history_ms": {"p50": round(pct(dyad_ms, 50), 2), "p95": round(pct(dyad_ms, 95), 2), "n": n},
        "search_ms": {"p50": round(pct(search_ms, 50), 2), "p95": round(pct(search_ms, 95), 2), "n": n},
        "search_mean_hits": round(hits / n, 1),
        "busiest_dyad": {"claims": busiest[1], "dyad_history_by_week_ms": round(busiest_ms, 2)},
        "targets": {"dyad_p95_ms": 50, "search_p95_ms": 100},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--ingest-limit", type=int, default=None, help="ingest only the first N documents")
    parser.add_argument("--skip-ingest", action="store_true")
    parser.add_argument("--polnear", action="store_true", help="also ingest ../shared/data/polnear/train")
    args = parser.parse_args()

    results: dict = {"python": sys.version.split()[0]}
    if args.skip_ingest:
        results["ingest"] = "skipped (--skip-ingest)"
    elif not (SHARED / "corpus" / "bbc.jsonl").exists():
        print(f"{SHARED} is absent: skipping the ingest of the BBC corpus", flush=True)
        results["ingest"] = f"skipped: {SHARED} is absent"
    else:
        results["ingest"] = [ingest([SHARED / "corpus" / "bbc.jsonl"], args.ingest_limit, "bbc.jsonl")]
        if args.polnear and (SHARED / "polnear" / "train").exists():
            results["ingest"].append(
                ingest([SHARED / "polnear" / "train"], args.ingest_limit, "polnear/train")
            )

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "synthetic.db"
        built = build_synthetic(db, args.claims)
        pairs = built.pop("pairs")
        built["size_mb"] = round(db.stat().st_size / 1e6, 1)
        print(f"synthetic store: {json.dumps(built)}", flush=True)
        figures = measure(db, pairs)
    results["synthetic"] = built
    results["queries"] = figures
    ok = figures["dyad_history_ms"]["p95"] <= 50 and figures["search_ms"]["p95"] <= 100
    results["targets_met"] = ok
    print(f"queries on {built['claims']:,} claims: {json.dumps(figures)}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(f"wrote {RESULTS.relative_to(ROOT)}; targets {'met' if ok else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

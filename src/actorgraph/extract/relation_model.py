"""A learned relation classifier over pairs of actor mentions in one sentence.

The rules in claims.py read ties off the parse construction by construction; this model
scores every candidate pair of actor phrases in a sentence instead, so it also finds the
ties no rule covers. It is a multinomial logistic regression over hashed sparse features
(numpy only; weights in data/models/relations/, trained on re3d by
scripts/train_relations.py; see MODEL_CARD.md there).

Candidate ends (`candidate_ends`): the actor resolver's mentions (doc._.mentions), the
descriptions and pronouns it resolved (doc._.refs), and every other noun or personal
pronoun heading a noun phrase (re3d marks "the rebels", "our partners", "we" as actors).
Candidate pairs: two ends of one sentence at most MAX_DIST tokens apart, in text order,
that stand for two different actors (a claim joins two actors; CONTRACT.md): a name or a
resolved reference, or a noun phrase that `np_actor` reads as an actor ("ISIL fighters").

Features of a pair (`pair_features`): each end's kind, label, head lemma and actor; the
words between them; the dependency path between their heads through the lowest common
ancestor (dependency labels, lemmas, the ancestor and the branch each end hangs from);
trigger words of the lexicon on the path or between; punctuation, "of", "including",
apposition and conjunction between; distance; and the rule claims (doc._.claims) that
join the pair, if the claim finder has run.

Labels: none, the three undirected classes (hostile, cooperative, communication) and
the two directed ones (membership, leadership) each way, ">" when the earlier end is the
member / leader. `RelationClassifier.predict` returns one PairRelation per kept pair:
the best class above the model's threshold, overlapping pairs suppressed.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from pathlib import Path

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, IS_PUNCT, LEMMA, LOWER, ORTH, POS, SENT_START, TAG
from spacy.tokens import Doc, Token

from actorgraph.extract.actors import GROUP_NOUNS, ROLE_RELATION, STAND_IN_NOUNS, np_actor
from actorgraph.extract.claims import RawClaim, _hypothetical, _intended, _negated
from actorgraph.extract.lexicon import (
    EVENT_NOUNS,
    EVENT_VERBS,
    GOVERNING_VERBS,
    PARTICIPLE_TIES,
    TIE_NOUNS,
)

MODEL_DIR = Path(__file__).resolve().parent.parent / "data" / "models" / "relations"
CLASSES = ("hostile", "cooperative", "communication", "membership", "leadership")
LABELS = (
    "none", "hostile", "cooperative", "communication", "membership>", "membership<", "leadership>", "leadership<",
)  # fmt: skip
DIRECTED = {"membership", "leadership"}
MAX_DIST = 40  # tokens between the two heads
TENSOR_WIDTH = 96  # the parser's token vectors (doc.tensor)
TENSOR_SCALE = 7.0  # their typical norm
NMS = 0.4  # a kept pair suppresses pairs whose two spans reach this Dice with its own
SPAN_REACH = 6  # a noun phrase's span reaches at most this many tokens left of its head
ACTOR_LABELS = {"ORG", "PERSON", "NORP", "GPE"}
PERSONAL = {"i", "we", "you", "he", "she", "it", "they", "me", "us", "him", "her", "them",
            "my", "our", "your", "his", "its", "their"}  # fmt: skip
DETERMINERS = {"the", "a", "an"}
MODEL_CONSTRUCTION = "model"  # RawClaim.construction of the claims this model adds
# scorer class -> the ONTOLOGY relation a model claim gets ("cooperative": the weaker tie)
CLASS_RELATION = {"hostile": "HOSTILE", "cooperative": "RELATIONS", "communication": "CONSULT",
                  "membership": "MEMBER", "leadership": "LEADS"}  # fmt: skip

# The kinds of actor the training data (re3d: war reporting) pairs in its hostile ties. A
# HOSTILE claim with an end of another kind (a company, a person, a regulator, an unknown
# group) needs a hostile trigger word and no cooperative one on the dependency path
# between the two ends (`path_classes`): on ordinary news the model's hostile reading of
# two firms ("struck a deal to supply Peugeot", "a probe by the SEC") is mostly wrong.
POLITICAL_KINDS = frozenset({"state", "government", "igo", "armed_group", "party"})

# ONTOLOGY relation -> scorer class (shared/ONTOLOGY.md, "How scorers map it")
RELATION_CLASS = {
    **dict.fromkeys(
        "HOSTILE ASSAULT COERCE THREATEN ACCUSE REJECT SANCTION PROTEST MOBILIZE".split(), "hostile"
    ),
    **dict.fromkeys("ALLY RELATIONS SUPPORT COOPERATE AID AGREE CONCEDE RETREAT".split(), "cooperative"),
    **dict.fromkeys("CONSULT REQUEST".split(), "communication"),
    **dict.fromkeys("MEMBER REPRESENTS".split(), "membership"),
    "LEADS": "leadership",
}


def _trigger_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for source in (TIE_NOUNS, EVENT_NOUNS, GOVERNING_VERBS, EVENT_VERBS, ROLE_RELATION):
        for word, rel in source.items():
            if rel in RELATION_CLASS:
                table.setdefault(word, RELATION_CLASS[rel])
    for word, rel in PARTICIPLE_TIES.items():
        table.setdefault(word, RELATION_CLASS[rel])
    return table


TRIGGERS = _trigger_table()


@dataclass(frozen=True)
class End:
    """One candidate end of a relation: tokens [start, end) headed by `head`."""

    head: int
    start: int
    end: int
    char: tuple[int, int]
    kind: str  # name | ref | pron | noun
    label: str  # the mention's label, else the head's coarse part of speech
    actor: str | None


@dataclass(frozen=True)
class PairRelation:
    """A tie the model reads between two ends; subject first for membership / leadership."""

    subject_token: int
    object_token: int
    subject_span: tuple[int, int]
    object_span: tuple[int, int]
    cls: str
    prob: float
    subject_actor: str | None = None
    object_actor: str | None = None


# -- candidates ------------------------------------------------------------------------------


def _chars(doc: Doc, start: int, end: int) -> tuple[int, int]:
    last = doc[end - 1]
    return doc[start].idx, last.idx + len(last)


def _np_start(T: _Table, i: int) -> int:
    """Where the noun phrase headed by token i starts: its left edge when at most SPAN_REACH
    tokens away (else the head alone), within its sentence, without leading articles or
    punctuation."""
    left = T.left[i] if T.left[i] >= i - SPAN_REACH else i
    left = max(left, T.sent_start[i])
    lower, punct = T.lower, T.punct
    while left < i and (lower[left] in DETERMINERS or punct[left]):
        left += 1
    return left


def candidate_ends(doc: Doc, table: _Table | None = None) -> list[End]:
    """Actor mentions, resolved references and other noun phrase heads, in text order.
    Reads the tokens off `_Table`'s arrays: only the noun heads `np_actor` looks at become
    spaCy Token objects."""
    T = table or _Table(doc)
    mentions = doc._.mentions or []
    refs: dict[int, str] = doc._.refs or {}
    out: list[End] = []
    taken = np.zeros(len(T.lower), dtype=bool)
    head_of = T.head
    for m in mentions:
        if not (m.actor or m.label in ACTOR_LABELS):
            continue
        head = m.end - 1
        for i in range(m.start, m.end):
            if not (m.start <= head_of[i] < m.end) or head_of[i] == i:
                head = i
                break
        out.append(End(head, m.start, m.end, T.chars(m.start, m.end), "name", m.label, m.actor))
        taken[m.start : m.end] = True
    lower, pos = T.lower, T.pos
    # personal pronouns, nouns and proper nouns not inside a name; not a compound's modifier
    is_noun = T.is_noun
    modifier = T.compound & (T.heads > np.arange(len(lower))) & is_noun[T.heads]
    for i in np.flatnonzero(~taken & (is_noun & ~modifier | T.maybe_pron)).tolist():
        if pos[i] == "PRON" or lower[i] in PERSONAL:
            if lower[i] not in PERSONAL:
                continue
            kind, start = "pron", i
        else:
            kind = "ref" if i in refs else "noun"
            start = _np_start(T, i)  # "Coalition military forces": the whole phrase, the name inside too
        actor = refs.get(i) if kind != "noun" else np_actor(doc[i], refs)
        out.append(End(i, start, i + 1, T.chars(start, i + 1), kind, pos[i], actor))
    out.sort(key=lambda e: (e.head, e.start))
    return out


def candidate_pairs(
    doc: Doc, ends: list[End], actors_only: bool = True, table: _Table | None = None
) -> list[tuple[End, End]]:
    """Pairs of ends of two different actors in one sentence, at most MAX_DIST tokens apart,
    in text order. `actors_only=False` (training) also pairs the ends that stand for no
    actor, but never two names of one actor."""
    sent_of = (table or _Table(doc)).sent_start
    pairs = []
    if actors_only:
        ends = [e for e in ends if e.actor is not None]
    for x, a in enumerate(ends):
        for b in ends[x + 1 :]:
            if b.head - a.head > MAX_DIST:
                break
            if sent_of[a.head] != sent_of[b.head] or b.head == a.head:
                continue
            if a.actor is not None and a.actor == b.actor and (actors_only or a.kind == b.kind == "name"):
                continue
            pairs.append((a, b))
    return pairs


def joins_actors(a: End, b: End) -> bool:
    """A pair the pipeline can state as a claim: two ends standing for two different actors."""
    return a.actor is not None and b.actor is not None and a.actor != b.actor


# -- features ------------------------------------------------------------------------------


def _ancestors(tok: Token) -> list[Token]:
    chain = [tok]
    while chain[-1].head.i != chain[-1].i and len(chain) < 40:
        chain.append(chain[-1].head)
    return chain


def _end_features(doc: Doc, e: End, side: str, actors: dict, T: _Table | None = None) -> list[str]:
    T = T or _Table(doc)
    h = e.head
    lower = T.lower[h]
    word = T.lemma[h] if e.kind != "pron" else lower
    f = [f"{side}k={e.kind}", f"{side}l={e.label}", f"{side}kl={e.kind}|{e.label}", f"{side}h={word}",
         f"{side}dep={T.dep[h]}"]  # fmt: skip
    if e.kind == "name":
        f.append(f"{side}n={T.doc_text[e.char[0] : e.char[1]].lower()}")
    if e.actor and actors and e.actor in actors:
        f.append(f"{side}ak={actors[e.actor].kind}")
        f.append(f"{side}a={e.actor}")
    elif e.kind in ("noun", "ref"):
        if word in GROUP_NOUNS or word in STAND_IN_NOUNS or lower in STAND_IN_NOUNS:
            f.append(f"{side}group")
        if T.ent[h]:
            f.append(f"{side}ent={T.ent[h]}")
    if T.tag[h] in ("NNS", "NNPS"):
        f.append(f"{side}plural")
    return f


def _bucket(n: int) -> str:
    for b in (1, 2, 3, 4, 6, 9, 14):
        if n <= b:
            return str(b)
    return "15+"


BETWEEN_POS = {"VERB", "NOUN", "ADP", "AUX", "ADJ", "PROPN", "PRON", "CCONJ", "PART", "ADV"}


class _Table:
    """Token attributes of a doc as plain lists, read once with `Doc.to_array` (creating spaCy
    Token objects is what costs); strings are looked up once per distinct value."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.doc_text = doc.text
        arr = doc.to_array([ORTH, LOWER, LEMMA, POS, DEP, TAG, ENT_TYPE, HEAD, IS_PUNCT, SENT_START, IDX])
        arr = arr.astype(np.int64)
        strings = doc.vocab.strings
        n = len(arr)
        at = np.arange(n)
        self.heads = at + arr[:, 7]
        self.punct = arr[:, 8].astype(bool).tolist()
        # the first token of each token's sentence; each token's left edge (its subtree's first token)
        starts = arr[:, 9] == 1
        if n:
            starts[0] = True
        self.sent_start = np.maximum.accumulate(np.where(starts, at, 0)).tolist()
        left = at.copy()
        for _ in range(n):
            nxt = left.copy()
            np.minimum.at(nxt, self.heads, left)
            if np.array_equal(nxt, left):
                break
            left = nxt
        self.left = left.tolist()
        self.idx = arr[:, 10].tolist()

        # the seven string columns in one pass: each distinct hash is looked up once
        uniq, inv = np.unique(arr[:, :7].T.ravel(), return_inverse=True)
        words = [strings[u] for u in uniq.astype(np.uint64).tolist()]
        table, inv = np.array(words, dtype=object), inv.ravel()
        text, self.lower, _, self.pos, self.dep, self.tag, self.ent = (
            table[inv[k * n : (k + 1) * n]].tolist() for k in range(7)
        )
        self.text = text
        self.lemma = np.array([w.lower() for w in words], dtype=object)[inv[2 * n : 3 * n]].tolist()
        self.head = self.heads.tolist()
        pos_arr = np.array(self.pos, dtype=object)
        self.is_noun = (pos_arr == "NOUN") | (pos_arr == "PROPN")
        self.compound = np.array(self.dep, dtype=object) == "compound"
        self.maybe_pron = (pos_arr == "PRON") | np.array([w in PERSONAL for w in self.lower], dtype=bool)
        self.trig = [
            TRIGGERS.get(lo) or TRIGGERS.get(le) for lo, le in zip(self.lower, self.lemma, strict=True)
        ]
        self._kids: dict[int, set[str]] = {}
        self.between: list[list[str]] = []  # the features a token between the two ends adds
        for t, punct, pos, lem, trig in zip(text, self.punct, self.pos, self.lemma, self.trig, strict=True):
            f = [f"bp={t}"] if punct else [f"bw={lem}"] if pos in BETWEEN_POS else []
            if trig:
                f.append(f"btrig={trig}")
            self.between.append(f)
        self.anc: dict[int, list[int]] = {}
        self.rank: dict[int, dict[int, int]] = {}

    def chars(self, start: int, end: int) -> tuple[int, int]:
        """Character offsets of tokens [start, end)."""
        return self.idx[start], self.idx[end - 1] + len(self.text[end - 1])

    def kids(self, i: int) -> set[str]:
        """The dependency labels of token i's children."""
        got = self._kids.get(i)
        if got is None:
            dep = self.dep
            got = self._kids[i] = {dep[c] for c in np.flatnonzero(self.heads == i).tolist() if c != i}
        return got

    def ancestor_rank(self, i: int) -> dict[int, int]:
        """{ancestor of token i: its distance from i} (token i itself at 0)."""
        got = self.rank.get(i)
        if got is None:
            got = self.rank[i] = {t: n for n, t in enumerate(self.ancestors(i))}
        return got

    def ancestors(self, i: int) -> list[int]:
        chain = self.anc.get(i)
        if chain is None:
            chain = [i]
            head = self.head
            while head[chain[-1]] != chain[-1] and len(chain) < 40:
                chain.append(head[chain[-1]])
            self.anc[i] = chain
        return chain


def pair_features(doc: Doc, a: End, b: End, rules: dict | None = None, ctx: dict | None = None) -> list[str]:
    """Feature strings of a candidate pair (a before b in the text)."""
    ctx = {} if ctx is None else ctx
    cache = ctx.setdefault("cache", {})
    T = cache.get("table")
    if T is None:
        T = cache["table"] = _Table(doc)
    f = ["bias"]
    for e, side in ((a, "A"), (b, "B")):
        key = (e, side)
        if key not in cache:
            cache[key] = _end_features(doc, e, side, doc._.actors or {}, T)
        f += cache[key]
    lower, lemma, dep = T.lower, T.lemma, T.dep
    n_tok = len(lower)
    f.append(f"kk={a.kind}|{b.kind}")
    f.append(f"ll={a.label}|{b.label}")
    wa = lemma[a.head] if a.kind != "name" else a.label
    wb = lemma[b.head] if b.kind != "name" else b.label
    f.append(f"hh={wa}|{wb}")
    if a.actor and a.actor == b.actor:
        f.append("same_actor")
    if a.end > b.start:
        f.append("nested")
    f.append(f"dist={_bucket(b.head - a.head)}")
    # the words between the two phrases
    lo, hi = a.end, b.start
    n_between = max(0, hi - lo)
    if n_between <= 5:
        f.append("seq=" + " ".join(lower[lo:hi]))
    if not n_between:
        f.append("adjacent")
    f.extend(chain.from_iterable(T.between[lo:hi]))
    if n_between and n_between <= 3:
        f.append(f"bfirst={lower[lo]}")
    f.append(f"prevA={lower[a.start - 1] if a.start > 0 else '<s>'}")
    f.append(f"nextB={lower[b.end] if b.end < n_tok else '</s>'}")
    if a.end < n_tok:
        f.append(f"nextA={lower[a.end]}")
    if b.start > 0:
        f.append(f"prevB={lower[b.start - 1]}")
    ends_between = ctx.get("ends_between")
    if ends_between is not None:
        f.append(f"nb={_bucket(ends_between)}")
    # the dependency path between the heads
    up_a, up_b = T.ancestors(a.head), T.ancestors(b.head)
    ids_b = T.ancestor_rank(b.head)
    lca_n = next((n for n, t in enumerate(up_a) if t in ids_b), None)
    if lca_n is None:
        f.append("nopath")
    else:
        lca = up_a[lca_n]
        ctx["lca"] = lca
        side_a, side_b = up_a[:lca_n], up_b[: ids_b[lca]]
        deps = [dep[t] for t in side_a] + ["^"] + [dep[t] for t in reversed(side_b)]
        f.append(f"plen={_bucket(len(side_a) + len(side_b))}")
        lca_lemma = lemma[lca]
        if len(deps) <= 7:
            f.append("path=" + " ".join(deps))
            f.append(f"pathl={' '.join(deps)}|{lca_lemma}")
        f.append(f"lca={lca_lemma}")
        f.append(f"lcapos={T.pos[lca]}")
        da = dep[side_a[-1]] if side_a else "SELF"
        db = dep[side_b[-1]] if side_b else "SELF"
        f.append(f"lcad={da}|{db}")
        f.append(f"lcadl={da}|{db}|{lca_lemma}")
        # prepositions hanging the ends
        for t, tag, d in ((a.head, "A", da), (b.head, "B", db)):
            if dep[t] == "pobj":
                prep = lower[T.head[t]]
                f.append(f"{tag}prep={prep}")
                f.append(f"{tag}prepd={prep}|{d}")
        inner = side_a[1:] + [lca] + side_b[1:] if lca not in (a.head, b.head) else side_a[1:] + side_b[1:]
        for t in inner:
            f.append(f"pl={lemma[t]}")
            trig = T.trig[t]
            if trig:
                f.append(f"ptrig={trig}")
                f.append(f"ptrigd={trig}|{da}|{db}")
        if lca not in (a.head, b.head):
            if "auxpass" in T.kids(lca):
                f.append("passive")
            if "neg" in T.kids(lca):
                f.append("negated")
        if da == "SELF" or db == "SELF":
            f.append(f"direct={da}|{db}|{dep[(side_b or side_a)[0]]}")
        if "conj" in deps and len(deps) <= 3:
            f.append("conj")
        if "appos" in deps and len(deps) <= 3:
            f.append("appos")
    # the rule claims that join the pair
    if rules:
        for key, rel in (((a.head, b.head), ">"), ((b.head, a.head), "<")):
            for r in rules.get(key, ()):
                cls = RELATION_CLASS.get(r)
                f.append(f"rule={cls}{rel if cls in DIRECTED else ''}")
                f.append(f"ruler={r}")
    return f


def rule_index(doc: Doc, ends: list[End]) -> dict[tuple[int, int], list[str]]:
    """Rule claims (doc._.claims) by the heads of the ends their parties fall in."""
    claims = doc._.claims if Doc.has_extension("claims") else None
    if not claims:
        return {}
    where: dict[int, list[int]] = {}
    for e in ends:
        for i in range(e.start, e.end):
            where.setdefault(i, []).append(e.head)
    out: dict[tuple[int, int], list[str]] = {}
    for c in claims:
        if c.object is None or c.construction == MODEL_CONSTRUCTION:
            continue
        for s in where.get(c.subject, [c.subject]):
            for o in where.get(c.object, [c.object]):
                out.setdefault((s, o), []).append(c.relation)
    return out


def doc_pairs(
    doc: Doc, actors_only: bool = True
) -> tuple[list[tuple[End, End]], list[list[str]], np.ndarray]:
    """Every candidate pair of a parsed, actor-resolved doc: the pairs, their sparse
    features and their dense features (the parser's token vectors of both heads and of
    their lowest common ancestor)."""
    table = _Table(doc)
    ends = candidate_ends(doc, table)
    pairs = candidate_pairs(doc, ends, actors_only, table)
    rules = rule_index(doc, ends)
    feats = []
    where = np.zeros((len(pairs), 3), dtype=np.int64)
    cache: dict = {"table": table}
    rank = {e.head: n for n, e in enumerate(ends)}  # the first end with this head: heads are sorted
    for n, (a, b) in enumerate(pairs):
        ctx = {"ends_between": max(0, rank[b.head] - rank[a.head] - 1), "cache": cache}
        feats.append(pair_features(doc, a, b, rules, ctx))
        where[n] = (a.head, b.head, ctx.get("lca", b.head))
    return pairs, feats, dense_features(doc, where)


def dense_features(doc: Doc, where: np.ndarray) -> np.ndarray:
    tensor = doc.tensor
    if tensor is None or tensor.size == 0 or len(where) == 0:
        return np.zeros((len(where), 3 * TENSOR_WIDTH), dtype=np.float32)
    t = np.asarray(tensor[:, :TENSOR_WIDTH], dtype=np.float32) / TENSOR_SCALE
    return np.concatenate([t[where[:, 0]], t[where[:, 1]], t[where[:, 2]]], axis=1)


def feature_code(name: str) -> int:
    return zlib.crc32(name.encode("utf-8"))


# -- the model ------------------------------------------------------------------------------


def overlapping(s: tuple[int, int], t: tuple[int, int], least: float = 0.4) -> bool:
    """Character Dice >= least (the scorer's notion of two spans naming the same thing)."""
    inter = min(s[1], t[1]) - max(s[0], t[0])
    size = (s[1] - s[0]) + (t[1] - t[0])
    return inter > 0 and size > 0 and 2 * inter / size >= least - 1e-9


def decode(
    pairs: list[tuple[End, End]], probs: np.ndarray, threshold: float | dict[str, float], nms: float = NMS
) -> list[PairRelation]:
    """The best class of each pair when above the threshold, overlapping pairs suppressed
    (the pair with the higher probability wins)."""
    found = []
    if len(pairs):
        best = np.argmax(probs[:, 1:], axis=1) + 1
        if isinstance(threshold, dict):
            floor = np.array([threshold.get(label.rstrip("<>"), 1.0) for label in LABELS], dtype=probs.dtype)[
                best
            ]
        else:
            floor = np.full(len(best), threshold, dtype=probs.dtype)
        top = probs[np.arange(len(best)), best]
        for n in np.flatnonzero(top >= floor).tolist():
            a, b = pairs[n]
            label = LABELS[best[n]]
            subj, obj = (b, a) if label.endswith("<") else (a, b)
            found.append(
                PairRelation(subj.head, obj.head, subj.char, obj.char, label.rstrip("<>"), float(top[n]),
                             subj.actor, obj.actor)
            )  # fmt: skip
    found.sort(key=lambda r: -r.prob)
    kept: list[PairRelation] = []
    for r in found:
        if any(
            (
                overlapping(r.subject_span, k.subject_span, nms)
                and overlapping(r.object_span, k.object_span, nms)
            )
            or (
                overlapping(r.subject_span, k.object_span, nms)
                and overlapping(r.object_span, k.subject_span, nms)
            )
            for k in kept
        ):
            continue
        kept.append(r)
    return kept


class RelationClassifier:
    """Multinomial logistic regression over hashed pair features; `load()` once, then `predict`."""

    def __init__(
        self, codes: np.ndarray, weights: np.ndarray, bias: np.ndarray, dense: np.ndarray, meta: dict
    ) -> None:
        self.index = {int(c): n for n, c in enumerate(codes)}
        self.weights = weights.astype(np.float32)
        # one zero row more: the row of the features the model does not know
        self._padded = np.vstack([self.weights, np.zeros((1, self.weights.shape[1]), dtype=np.float32)])
        self.bias = bias.astype(np.float32)
        self.dense = dense.astype(np.float32)
        self._rows: dict[str, int] = {}  # feature name -> weight row (len(weights): unknown)
        self.meta = meta
        self.threshold: float | dict[str, float] = meta.get("threshold", 0.5)

    @classmethod
    def load(cls, path: Path | str | None = None) -> RelationClassifier:
        """The packaged model (cached); pass `path` to read another directory."""
        return _load(str(path or MODEL_DIR))

    def probabilities(self, feats: list[list[str]], dense: np.ndarray) -> np.ndarray:
        out = dense @ self.dense + self.bias
        rows_of, index, missing = self._rows, self.index, len(self.weights)
        if len(rows_of) > 500_000:
            rows_of.clear()
        flat: list[int] = []
        starts = np.empty(len(feats), dtype=np.int64)
        for n, names in enumerate(feats):
            starts[n] = len(flat)
            rows = list(map(rows_of.get, names))
            if None in rows:
                for k, x in enumerate(names):
                    if rows[k] is None:
                        rows[k] = rows_of[x] = index.get(feature_code(x), missing)
            flat += rows
        if feats:
            out += np.add.reduceat(self._padded[np.asarray(flat, dtype=np.int64)], starts, axis=0)
        out -= out.max(axis=1, keepdims=True)
        np.exp(out, out=out)
        out /= out.sum(axis=1, keepdims=True)
        return out

    def predict(self, doc: Doc, threshold: float | dict[str, float] | None = None) -> list[PairRelation]:
        """The ties the model reads in a parsed doc whose actors have been resolved
        (the actorgraph_actors component; doc._.claims is used when present)."""
        if doc._.mentions is None:
            raise ValueError("predict needs doc._.mentions: run the actorgraph_actors component first")
        pairs, feats, dense = doc_pairs(doc)
        if not pairs:
            return []
        return decode(
            pairs, self.probabilities(feats, dense), self.threshold if threshold is None else threshold
        )

    def claims(
        self,
        doc: Doc,
        taken: list[tuple[tuple[int, int], tuple[int, int]]] | None = None,
        threshold: float | dict[str, float] | None = None,
    ) -> list[RawClaim]:
        """The model's ties as claims, leaving out the pairs whose two spans match (Dice >= 0.4,
        either order) a pair of `taken` (the rule claims' party spans). The trigger is the two
        heads' lowest common ancestor in the parse; it carries the claim's negation, intent and
        condition as a rule claim's trigger does."""
        out = []
        actors = doc._.actors or {}
        guard = getattr(self, "meta", {}).get("trigger_guard", True)  # meta.json may turn it off
        for r in self.predict(doc, threshold):
            if guard and r.cls == "hostile" and not _political(actors, r):
                on_path = path_classes(doc, r.subject_token, r.object_token)
                if "hostile" not in on_path or "cooperative" in on_path:
                    continue  # two firms, or a firm and a state: no hostile word between them
            if r.cls == "cooperative" and _opposed(doc, r):
                continue  # "support the Iraqi government in its fight against ISIL": not ISIL's partner
            if any(
                (overlapping(r.subject_span, s) and overlapping(r.object_span, o))
                or (overlapping(r.subject_span, o) and overlapping(r.object_span, s))
                for s, o in taken or ()
            ):
                continue  # a rule reads this pair already
            trigger = doc[_common_ancestor(doc, r.subject_token, r.object_token)]
            out.append(
                RawClaim(
                    CLASS_RELATION[r.cls], trigger.i, r.subject_token, r.object_token,
                    r.subject_actor, r.object_actor,  # type: ignore[arg-type]
                    negated=_negated(trigger), intended=_intended(trigger), hypothetical=_hypothetical(trigger),
                    construction=MODEL_CONSTRUCTION, subject_chars=r.subject_span, object_chars=r.object_span,
                )
            )  # fmt: skip
        return out


def _kind(actors: dict, actor: str | None) -> str | None:
    record = actors.get(actor) if actor else None
    return getattr(record, "kind", None)


def _political(actors: dict, r: PairRelation) -> bool:
    """Both ends stand for actors of POLITICAL_KINDS."""
    return (
        _kind(actors, r.subject_actor) in POLITICAL_KINDS and _kind(actors, r.object_actor) in POLITICAL_KINDS
    )


def _opposed(doc: Doc, r: PairRelation) -> bool:
    """One end is what something is "against" ("the fight against ISIL")."""
    return any(
        doc[i].dep_ == "pobj" and doc[i].head.lower_ == "against" for i in (r.subject_token, r.object_token)
    )


def path_classes(doc: Doc, i: int, j: int) -> set[str]:
    """The trigger classes (TRIGGERS) of the words on the dependency path between tokens i
    and j, their lowest common ancestor included, the two ends left out."""
    up_i, up_j = _ancestors(doc[i]), _ancestors(doc[j])
    ids_j = {t.i: n for n, t in enumerate(up_j)}
    cut = next((n for n, t in enumerate(up_i) if t.i in ids_j), None)
    if cut is None:
        return set()
    path = up_i[1 : cut + 1] + up_j[1 : ids_j[up_i[cut].i]]
    found = {TRIGGERS.get(t.lower_) or TRIGGERS.get(t.lemma_.lower()) for t in path if t.i not in (i, j)}
    found.discard(None)
    return found  # type: ignore[return-value]


def _common_ancestor(doc: Doc, i: int, j: int) -> int:
    up = {t.i for t in _ancestors(doc[j])}
    return next((t.i for t in _ancestors(doc[i]) if t.i in up), j)


@lru_cache(maxsize=4)
def _load(path: str) -> RelationClassifier:
    folder = Path(path)
    arrays = np.load(folder / "weights.npz")
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    if tuple(meta.get("labels", ())) != LABELS:
        raise ValueError(f"{folder}: the model's labels {meta.get('labels')} are not {LABELS}")
    return RelationClassifier(arrays["codes"], arrays["weights"], arrays["bias"], arrays["dense"], meta)

"""Sentence-level PLOVER event typing: which of the 16 event types a sentence states.

A linear (multinomial logistic) model over hashed sparse features, with numpy only at
run time: word unigrams and bigrams of crude stems, plus the PLOVER cue class of each cue
word in the sentence (the first cue and the cue right after a governing verb weigh most:
"threatened to shell" is THREATEN, not ASSAULT). An optional trigger word adds its own
features. Trained by scripts/train_events.py; weights and card in data/models/events/.

    typer = EventTyper.load()
    typer.predict(["Iran threatened to shell Iraqi towns."])  # [("THREATEN", 0.71)]
"""

from __future__ import annotations

import json
import os
import re
import zlib
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from spacy.tokens import Span

EVENT_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "SANCTION", "PROTEST", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
MODEL_DIR = "data/models/events"
# A folder with another trained model (weights.npz + meta.json) to use instead of the packaged
# one: bench/events_cv.py runs the real pipeline with each cross-validation fold's model.
MODEL_ENV = "ACTORGRAPH_EVENT_MODEL"
N_BUCKETS = 1 << 18

# Cue words by PLOVER type (stems are matched, so "attacked", "attacks" hit "attack").
CUES: dict[str, str] = {
    "AGREE": "agree agreement promise pledge commit sign accord deal ceasefire truce offer accept "
             "will allow settle settlement vow ratify",
    "CONSULT": "meet meeting talk talks negotiate negotiation visit host phone call confer consult "
               "discuss discussion summit arrive mediate mediation envoy",
    "SUPPORT": "praise endorse back support welcome recognize recognise defend hail commend thank "
               "congratulate friendship solidarity",
    "CONCEDE": "apologize apologise concede yield ease lift cancel call-off resign drop reverse "
               "compromise concession amnesty pardon",
    "COOPERATE": "cooperate cooperation collaborate coordinate joint trade partner share exchange "
                 "import export",
    "AID": "aid assist assistance help supply fund finance equip donate relief humanitarian loan "
           "grant evacuate deliver",
    "RETREAT": "withdraw withdrawal retreat release free demobilize disarm surrender pullback "
               "pullout return hand-over",
    "REQUEST": "urge demand request appeal implore press call ask insist plea pressure pressur "
               "must seek",
    "ACCUSE": "accuse accusation allege criticize criticise blame condemn denounce slam censure "
              "rebuke fault decry charge complain protest",
    "REJECT": "reject refuse veto rebuff spurn deny dismiss decline resist defy oppose not",
    "THREATEN": "threaten threat warn warning ultimatum prepare plan vow",
    "SANCTION": "sanction expel embargo sever blacklist halt suspend cut freeze recall ban "
                "boycott downgrade",
    "PROTEST": "protest demonstrate demonstration demonstrator rally march strike hunger boycott "
               "sit-in riot protester",
    "MOBILIZE": "mobilize mobilise deploy deployment amass alert exercise drill recruit train "
                "reinforce buildup",
    "COERCE": "arrest detain seize capture kidnap abduct blockade deport imprison jail besiege "
              "confiscate repress ban censor curfew raid crackdown disperse tear-gas torture",
    "ASSAULT": "attack bomb bombing shell kill fight invade assault shoot ambush bombard assassinate "
               "massacre storm occupy strike raid fire clash explode explosion wound die dead",
}  # fmt: skip
# Verbs that govern another event and decide the type ("threatened to X", "demanded X").
GOVERNORS = {
    "threaten", "warn", "demand", "urge", "call", "ask", "appeal", "refuse", "reject", "agree",
    "promise", "pledge", "offer", "accuse", "plan", "prepare", "vow", "decide", "announce", "deny",
}  # fmt: skip

TOKEN = re.compile(r"[A-Za-z][A-Za-z'-]*|\d+")
IRREGULAR = {
    "met": "meet", "held": "hold", "fought": "fight", "shot": "shoot", "struck": "strike",
    "sent": "send", "gave": "give", "given": "give", "took": "take", "taken": "take",
    "withdrew": "withdraw", "withdrawn": "withdraw", "sought": "seek", "fled": "flee",
    "lost": "lose", "won": "win", "began": "begin", "begun": "begin", "threw": "throw",
    "broke": "break", "broken": "break", "led": "lead", "brought": "bring", "beat": "beat",
    "beaten": "beat", "slain": "slay", "slew": "slay", "hit": "hit", "drove": "drive",
    "froze": "freeze", "frozen": "freeze", "spoke": "speak", "said": "say", "told": "tell",
    "made": "make", "paid": "pay", "wounded": "wound", "overran": "overrun", "forbade": "forbid",
}  # fmt: skip


def stem(word: str) -> str:
    """A crude suffix-stripping stem: "attacked", "attacks", "attacking" -> "attack"."""
    w = word.lower().strip("'-")
    if w.endswith("n't"):
        return "not"
    if w in IRREGULAR:
        return _base(IRREGULAR[w])
    if len(w) > 4 and w.endswith(("eed", "ees")):
        return _base(w[:-1])  # "agreed", "agrees" -> "agree" -> "agre"
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and not w.endswith("ss"):
            w = w[: len(w) - len(suffix)] + repl
            if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsze":
                w = w[:-1]  # "stopped" -> "stop"; "shelled" keeps "shell"
            return _base(w)
    return _base(w)


def _base(w: str) -> str:
    """Drop a final silent e, so "release" and "released" meet at "releas"."""
    return w[:-1] if len(w) >= 4 and w.endswith("e") else w


def _cue_table() -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for label, words in CUES.items():
        for w in words.split():
            table.setdefault(stem(w), []).append(label)
    return table


CUE_TABLE = _cue_table()
GOVERNOR_STEMS = {stem(w) for w in GOVERNORS}


def features(sentence: str, trigger: str | None = None) -> list[str]:
    """The sparse feature names of one sentence (and its trigger word, if given)."""
    words = TOKEN.findall(sentence)
    stems = [stem(w) for w in words]
    feats = [f"w:{s}" for s in stems]
    feats += [f"b:{a}_{b}" for a, b in zip(stems, stems[1:], strict=False)]
    cues = [(i, lab) for i, s in enumerate(stems) for lab in CUE_TABLE.get(s, ())]
    feats += [f"c:{lab}" for _, lab in cues]
    if cues:
        first = cues[0][0]
        feats += [f"f:{lab}" for i, lab in cues if i == first]
        feats += [f"fw:{stems[first]}"]
    for i, s in enumerate(stems):
        if s in GOVERNOR_STEMS:
            nxt = next(((j, lab) for j, lab in cues if j > i and j <= i + 4 and stems[j] != s), None)
            feats.append(f"g:{s}")
            if nxt:
                feats.append(f"g:{s}>{nxt[1]}")
    if trigger:
        t = stem(trigger)
        feats += [f"t:{t}"] + [f"tc:{lab}" for lab in CUE_TABLE.get(t, ())]
    return feats


def _bucket(name: str) -> int:
    return zlib.crc32(name.encode("utf-8")) & (N_BUCKETS - 1)


def vectorize(feats: Iterable[str]) -> tuple[np.ndarray, np.ndarray]:
    """Hashed bucket ids and their l2-normalised weights (counts, so repeated features add)."""
    counts: dict[int, float] = {}
    for f in feats:
        b = _bucket(f)
        counts[b] = counts.get(b, 0.0) + 1.0
    ids = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
    vals = np.fromiter(counts.values(), dtype=np.float32, count=len(counts))
    norm = float(np.linalg.norm(vals)) or 1.0
    return ids, vals / norm


class EventTyper:
    """PLOVER event type of a sentence, from a trained linear model (numpy only)."""

    def __init__(self, weights: np.ndarray, bias: np.ndarray, labels: Sequence[str]) -> None:
        self.weights = weights.astype(np.float32)  # (N_BUCKETS, n_labels)
        self.bias = bias.astype(np.float32)
        self.labels = tuple(labels)
        self.uses_triggers = False

    @classmethod
    def load(cls, path: str | Path | None = None) -> EventTyper:
        """The packaged model (cached), or the one saved under `path` (or $ACTORGRAPH_EVENT_MODEL)."""
        if path is None:
            path = os.environ.get(MODEL_ENV) or None
        if path is None:
            return _packaged()
        return cls._read(Path(path))

    @classmethod
    def _read(cls, folder: Path) -> EventTyper:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        with np.load(folder / "weights.npz") as z:
            w = np.zeros((N_BUCKETS, len(meta["labels"])), dtype=np.float32)
            w[z["rows"]] = z["values"].astype(np.float32) * float(z["scale"])
            return cls(w, z["bias"], meta["labels"])

    def save(self, folder: Path, meta: dict) -> None:
        """Write the weights (int8 rows that are not all zero) and meta.json."""
        folder.mkdir(parents=True, exist_ok=True)
        rows = np.flatnonzero(np.abs(self.weights).max(axis=1) > 0)
        scale = float(np.abs(self.weights).max()) / 127 or 1.0
        q = np.round(self.weights[rows] / scale).astype(np.int8)
        np.savez_compressed(folder / "weights.npz", rows=rows.astype(np.int32), values=q,
                            scale=np.float32(scale), bias=self.bias)  # fmt: skip
        (folder / "meta.json").write_text(json.dumps({**meta, "labels": list(self.labels)}, indent=1) + "\n")

    def logits(self, sentences: Sequence[str], triggers: Sequence[str | None] | None = None) -> np.ndarray:
        """Raw scores, one row per sentence. Triggers count only for a model trained with them
        (the shipped one is not: its figures are for whole sentences)."""
        if triggers is not None and len(triggers) != len(sentences):
            raise ValueError("one trigger (or None) per sentence")
        trig = list(triggers) if triggers is not None and self.uses_triggers else [None] * len(sentences)
        out = np.tile(self.bias, (len(sentences), 1))
        for n, (s, t) in enumerate(zip(sentences, trig, strict=True)):
            ids, vals = vectorize(features(s, t))
            out[n] += vals @ self.weights[ids]
        return out

    def proba(self, sentences: Sequence[str], triggers: Sequence[str | None] | None = None) -> np.ndarray:
        """Probabilities over `self.labels`, one row per sentence."""
        z = self.logits(sentences, triggers)
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def predict(
        self, sentences: Sequence[str], triggers: Sequence[str | None] | None = None
    ) -> list[tuple[str, float]]:
        """The best event type and its probability for each sentence."""
        p = self.proba(sentences, triggers)
        best = p.argmax(axis=1)
        return [(self.labels[i], float(p[n, i])) for n, i in enumerate(best)]

    def scores(self, sentence: str, trigger: str | None = None) -> dict[str, float]:
        """The probability of every event type for one sentence."""
        p = self.proba([sentence], [trigger])[0]
        return {lab: float(v) for lab, v in zip(self.labels, p, strict=True)}


def type_sentence(sent: Span, typer: EventTyper | None = None) -> tuple[str, float]:
    """Event type and probability of a spaCy sentence (or any Span), by the packaged model."""
    return (typer or EventTyper.load()).predict([sent.text])[0]


@lru_cache(maxsize=1)
def _packaged() -> EventTyper:
    folder = resources.files("actorgraph") / MODEL_DIR
    with resources.as_file(folder) as path:
        return EventTyper._read(Path(path))

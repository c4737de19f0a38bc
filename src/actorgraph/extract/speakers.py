"""Who speaks and through whom: resolve each attribution's source and channel to actors.

Attribution finding (attributions.py) is syntax only; this step uses the actor resolver's
references: "he" and "the spokesman" become the person, "Two Taliban officials" an
anonymous source affiliated with the Taliban, "told Reuters" a channel. A nested
attribution ("According to Asharq Al-Awsat, Mujahid denied ...") takes the outer one's
outlet as its channel.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc

from actorgraph.contract import span_of
from actorgraph.extract.actors import DocActor, np_actor
from actorgraph.extract.attributions import RawAttribution
from actorgraph.registry import Registry


@dataclass
class ResolvedAttribution:
    raw: RawAttribution
    id: str
    speaker: str | None
    channel: str | None
    affiliation: str | None  # the organisation the speaker speaks for ("we" in its quotes)

    def as_contract(self, doc: Doc, time: dict | None) -> dict:
        text = doc.text
        raw = self.raw
        return {
            "id": self.id,
            "source": span_of(text, *raw.source) if raw.source else None,
            "speaker": self.speaker,
            "cue": span_of(text, *raw.cue),
            "content": [span_of(text, s, e) for s, e in raw.content],
            "channel": self.channel,
            "anonymous": raw.anonymous,
            "direct": raw.direct,
            "stance": raw.stance if raw.stance in ("assert", "deny") else "assert",
            "time": time,
        }


def resolve_attributions(
    doc: Doc, raws: list[RawAttribution], roles: dict[str, str]
) -> list[ResolvedAttribution]:
    """Speaker, channel and affiliation for each attribution, in the order found.

    `roles` maps a person to the organisation they represent or serve, from the text.
    """
    refs: dict[int, str] = doc._.refs
    actors = doc._.actors
    out: list[ResolvedAttribution] = []
    for n, raw in enumerate(raws):
        speaker = _span_actor(doc, raw.source, raw.source_head, refs)
        channel = _span_actor(doc, raw.channel, None, refs) if raw.channel else None
        if raw.parent is not None and 0 <= raw.parent < len(out):
            outer = out[raw.parent]
            if channel is None:
                channel = outer.channel or (
                    outer.speaker if outer.speaker and actors[outer.speaker].kind == "media" else None
                )
        if speaker and channel == speaker:
            channel = None
        affiliation = None
        if speaker:
            affiliation = roles.get(speaker) or (speaker if actors[speaker].kind != "person" else None)
        out.append(ResolvedAttribution(raw, f"a{n + 1}", speaker, channel, affiliation))
    return out


def _span_actor(doc: Doc, span: tuple[int, int] | None, head: int | None, refs: dict[int, str]) -> str | None:
    """The actor a source or channel span names: its head's referent, else the first name in it."""
    if span is None:
        return None
    if head is not None and 0 <= head < len(doc):
        found = np_actor(doc[head], refs)
        if found:
            return found
    chars = doc.char_span(span[0], span[1], alignment_mode="expand")
    if chars is None:
        return None
    root = chars.root
    found = np_actor(root, refs)
    if found:
        return found
    # else the first actor named inside, skipping places that only locate ("the Washington-based X")
    return next((refs[t.i] for t in chars if t.i in refs and not _locative(t)), None)


def _locative(tok) -> bool:
    return any(a.lemma_ == "base" and a.dep_ == "amod" for a in [tok, *tok.ancestors][:3])


def attribution_of(char: int, resolved: list[ResolvedAttribution]) -> ResolvedAttribution | None:
    """The innermost attribution whose content holds character `char`."""
    best, size = None, None
    for a in resolved:
        for s, e in a.raw.content:
            if s <= char < e and (size is None or e - s < size):
                best, size = a, e - s
    return best


def government_served(
    registry: Registry, person: str, actors: dict[str, DocActor], published: date | None
) -> str | None:
    """The state whose government the registry says the person served (a CAMEO GOV role), when
    the text was published if it says when, added to the document's actors."""
    for role in registry.government_roles(person, published.isoformat() if published else None):
        state = registry.actor(role.get("of") or "")
        if state:
            return DocActor.known(actors, state).id
    return None

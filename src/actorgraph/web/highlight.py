"""Cut a text into segments by overlapping annotations, for highlighting in templates.

Annotations may overlap (a mention inside an evidence sentence inside a quote), so the text
is cut at every boundary and each piece carries the classes of everything covering it. The
template escapes each piece; nothing here produces markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Mark:
    """An annotation: `kind` becomes a CSS class; `actor` links a mention; `anchor` an id to jump to."""

    start: int
    end: int
    kind: str
    actor: str | None = None
    title: str | None = None
    anchor: str | None = None


@dataclass(slots=True)
class Segment:
    text: str
    classes: list[str] = field(default_factory=list)
    actor: str | None = None
    title: str | None = None
    anchors: list[str] = field(default_factory=list)  # ids that start here


def segments(text: str, marks: list[Mark]) -> list[Segment]:
    """`text` cut at every mark boundary; each segment lists the kinds of the marks covering it."""
    marks = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    out: list[Segment] = []
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        covering = [m for m in marks if m.start <= lo and hi <= m.end]
        seg = Segment(text=text[lo:hi])
        for m in covering:
            if m.kind not in seg.classes:
                seg.classes.append(m.kind)
            if m.actor and seg.actor is None:
                seg.actor = m.actor
            if m.title and seg.title is None:
                seg.title = m.title
        seg.anchors = [m.anchor for m in marks if m.anchor and m.start == lo]
        out.append(seg)
    return out


def context(text: str, start: int, end: int, width: int = 260) -> tuple[int, int]:
    """The paragraph around [start, end), clipped to `width` characters either side."""
    lo = max(text.rfind("\n", 0, start) + 1, start - width)
    nl = text.find("\n", end)
    hi = min(len(text) if nl < 0 else nl, end + width)
    if lo > text.rfind("\n", 0, start) + 1:  # clipped: start at a word
        space = text.find(" ", lo, start)
        lo = space + 1 if space >= 0 else lo
    if hi < (len(text) if nl < 0 else nl):
        space = text.rfind(" ", end, hi)
        hi = space if space > end else hi
    return lo, hi


def excerpt(text: str, start: int, end: int, marks: list[Mark], width: int = 260) -> dict[str, object]:
    """Segments of the paragraph around [start, end), with the marks shifted into it."""
    lo, hi = context(text, start, end, width)
    shifted = [
        Mark(max(m.start, lo) - lo, min(m.end, hi) - lo, m.kind, m.actor, m.title)
        for m in marks
        if m.end > lo and m.start < hi
    ]
    return {
        "before": lo > 0 and text[lo - 1] != "\n",
        "after": hi < len(text) and text[hi] != "\n",
        "segments": segments(text[lo:hi], shifted),
    }

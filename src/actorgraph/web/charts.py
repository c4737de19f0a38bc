"""Server-side SVG charts: cooperation above the axis, conflict below, per month (or quarter, year).

The chart is computed here as plain numbers and drawn by `templates/_chart.html` with SVG
presentation attributes and CSS classes only (no inline style, no script), so it passes the
Content-Security-Policy and needs no charting library.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from actorgraph.contract import FAMILY

# Stacking order from the axis outwards, and the class of each band.
UP = ("cooperative_tie", "verbal_cooperation", "material_cooperation")
DOWN = ("hostile_tie", "verbal_conflict", "material_conflict")
LABELS = {
    "verbal_cooperation": "verbal cooperation",
    "material_cooperation": "material cooperation",
    "cooperative_tie": "cooperative tie",
    "verbal_conflict": "verbal conflict",
    "material_conflict": "material conflict",
    "hostile_tie": "hostile tie",
}


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    w: float
    h: float
    cls: str
    title: str


@dataclass(slots=True)
class Chart:
    width: int
    height: int
    zero: float
    bars: list[Bar] = field(default_factory=list)
    ticks: list[tuple[float, str]] = field(default_factory=list)
    denials: list[tuple[float, str]] = field(default_factory=list)  # x, title
    max_up: int = 0
    max_down: int = 0
    undated: int = 0
    unit: str = "month"

    @property
    def empty(self) -> bool:
        return not self.bars and not self.denials


def _bucket(day: str, unit: str) -> str:
    if unit == "year":
        return day[:4]
    if unit == "quarter":
        return f"{day[:4]}-Q{(int(day[5:7]) - 1) // 3 + 1}"
    return day[:7]


def _buckets(first: str, last: str, unit: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    out: list[str] = []
    while (y, m) <= (int(last[:4]), int(last[5:7])):
        key = _bucket(f"{y:04d}-{m:02d}", unit)
        if not out or out[-1] != key:
            out.append(key)
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def quad_chart(claims: Iterable[tuple[str | None, str, str]], width: int = 880, height: int = 220) -> Chart:
    """A chart from (date, relation, polarity) triples: affirmed claims stacked by quad class.

    Denied claims are drawn as ticks under the axis; roles and undated claims are left out
    (undated ones are counted in `undated`).
    """
    items = list(claims)
    dated = [(d, r, p) for d, r, p in items if d and len(d) >= 7]
    chart = Chart(width=width, height=height, zero=height / 2, undated=len(items) - len(dated))
    if not dated:
        return chart
    days = sorted(d for d, _, _ in dated)
    n_months = (int(days[-1][:4]) - int(days[0][:4])) * 12 + int(days[-1][5:7]) - int(days[0][5:7]) + 1
    chart.unit = "month" if n_months <= 120 else "quarter" if n_months <= 360 else "year"
    keys = _buckets(days[0], days[-1], chart.unit)
    index = {k: i for i, k in enumerate(keys)}
    up: dict[int, Counter[str]] = {i: Counter() for i in range(len(keys))}
    down: dict[int, Counter[str]] = {i: Counter() for i in range(len(keys))}
    denied: Counter[int] = Counter()
    for day, relation, polarity in dated:
        i = index[_bucket(day, chart.unit)]
        family = FAMILY.get(relation, "")
        if polarity == "negated":
            denied[i] += 1
        elif family in UP:
            up[i][family] += 1
        elif family in DOWN:
            down[i][family] += 1
    chart.max_up = max((sum(c.values()) for c in up.values()), default=0)
    chart.max_down = max((sum(c.values()) for c in down.values()), default=0)
    left, right, top, bottom = 36, 8, 10, 26
    plot_h = height - top - bottom
    total = max(chart.max_up + chart.max_down, 1)
    # the axis sits where the two sides' shares put it, within [25%, 75%] of the plot
    share = 0.5 if chart.max_up + chart.max_down == 0 else chart.max_up / total
    share = min(max(share, 0.25), 0.75)
    chart.zero = top + plot_h * share
    unit_h = min(
        (chart.zero - top) / max(chart.max_up, 1),
        (top + plot_h - chart.zero) / max(chart.max_down, 1),
    )
    slot = (width - left - right) / len(keys)
    bar_w = max(min(slot * 0.8, 28), 1.5)
    for i, key in enumerate(keys):
        x = left + i * slot + (slot - bar_w) / 2
        y = chart.zero
        for family in UP:
            n = up[i][family]
            if n:
                y -= n * unit_h
                chart.bars.append(Bar(x, y, bar_w, n * unit_h, family, f"{key}: {n} {LABELS[family]}"))
        y = chart.zero
        for family in DOWN:
            n = down[i][family]
            if n:
                chart.bars.append(Bar(x, y, bar_w, n * unit_h, family, f"{key}: {n} {LABELS[family]}"))
                y += n * unit_h
        if denied[i]:
            chart.denials.append((x + bar_w / 2, f"{key}: {denied[i]} denied"))
    step = max(1, math.ceil(len(keys) / 10))
    for i in range(0, len(keys), step):
        chart.ticks.append((left + i * slot + slot / 2, keys[i]))
    return chart

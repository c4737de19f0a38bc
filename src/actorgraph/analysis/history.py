"""A dyad's history: events per period and relation family, and a cooperation-conflict score.

Pure functions over `EventRow`s (the store gives them), so the CLI, the web page and the tests
count the same way.

The score counts *events*, not reports: an event reported by forty outlets weighs what an event
reported by two does (GDELT-style report counts mostly measure media attention). Each event
affirmed by at least `min_sources` independent sources adds the Goldstein-like weight of its
PLOVER quad class (`WEIGHTS`: material acts weigh twice verbal ones), and

    score = (sum of cooperative weights - sum of conflictual weights) / (sum of all weights)

which lies in [-1, 1]: 1 when every event in the period is cooperation, -1 when every one is
conflict, None when the period has none. Durable ties (RELATIONS, ALLY, HOSTILE) and roles are
counted per period but are states, not events, and stay out of the score. Events that sources only
deny (no affirming source) are left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from actorgraph.store.rows import EventRow, Period

WEIGHTS: dict[str, int] = {
    "verbal_cooperation": 1,
    "material_cooperation": 2,
    "verbal_conflict": -1,
    "material_conflict": -2,
}
FAMILIES: tuple[str, ...] = (*WEIGHTS, "cooperative_tie", "hostile_tie", "role")
PERIODS = ("week", "month", "year")


def period_start(day: date, by: str) -> date:
    """The first day of the week (Monday), month or year holding `day`."""
    if by == "week":
        return day - timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    if by == "year":
        return day.replace(month=1, day=1)
    raise ValueError(f"--by must be one of {', '.join(PERIODS)}, not {by!r}")


def period_label(start: date, by: str) -> str:
    """ "2023-W11" (ISO week), "2023-03" or "2023"."""
    if by == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    return start.strftime("%Y-%m") if by == "month" else str(start.year)


def _next(start: date, by: str) -> date:
    if by == "week":
        return start + timedelta(days=7)
    if by == "month":
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return date(start.year + 1, 1, 1)


def score(events: dict[str, int]) -> float | None:
    """The cooperation-conflict score of one period's event counts per family (see the module)."""
    total = sum(abs(w) * events.get(f, 0) for f, w in WEIGHTS.items())
    if total == 0:
        return None
    return round(sum(w * events.get(f, 0) for f, w in WEIGHTS.items()) / total, 4)


Counts = tuple[str, str, int, int, int]  # (a day, month or year, family, events, reports, sources)


def history(events: Iterable[EventRow], by: str = "month", min_sources: int = 1) -> tuple[list[Period], int]:
    """(periods, undated events): every period from the first dated event to the last, gaps as zeros."""
    kept = [e for e in events if e.sources >= min_sources]
    undated = sum(1 for e in kept if e.start is None)
    rows = [(e.start, e.family, 1, e.reports, e.sources) for e in kept if e.start is not None]
    return history_from_counts(rows, by), undated  # type: ignore[arg-type]


def _day(prefix: str) -> date:
    """The first day of "2023", "2023-03" or "2023-03-14"."""
    parts = [int(x) for x in prefix.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def history_from_counts(rows: Iterable[Counts], by: str = "month") -> list[Period]:
    """Periods from event counts already summed per day (or month, or year) and family: what the
    store computes in SQL, so that a dyad with thousands of events costs one indexed query."""
    buckets: dict[date, dict[str, list[int]]] = {}
    for when, family, n, reports, sources in rows:
        bucket = buckets.setdefault(period_start(_day(when), by), {})
        totals = bucket.setdefault(family, [0, 0, 0])
        totals[0] += n
        totals[1] += reports
        totals[2] += sources
    periods: list[Period] = []
    if not buckets:
        return periods
    start, last = min(buckets), max(buckets)
    while start <= last:
        counts = {f: 0 for f in FAMILIES}
        reports = dict(counts)
        sources = dict(counts)
        for family, (n, r, k) in buckets.get(start, {}).items():
            counts[family] = counts.get(family, 0) + n
            reports[family] = reports.get(family, 0) + r
            sources[family] = sources.get(family, 0) + k
        periods.append(
            Period(
                period=period_label(start, by),
                start=start.isoformat(),
                events=counts,
                reports=reports,
                sources=sources,
                score=score(counts),
            )
        )
        start = _next(start, by)
    return periods


def plot(history_rows: list[Period], title: str, path: str) -> None:
    """A PNG of the history: events per quad class as bars (conflict below zero), the score as a line."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = [p.period for p in history_rows]
    x = list(range(len(labels)))
    colors = {
        "verbal_cooperation": "#9ecae1",
        "material_cooperation": "#3182bd",
        "verbal_conflict": "#fcae91",
        "material_conflict": "#de2d26",
    }
    fig, ax = plt.subplots(figsize=(max(7.0, 0.4 * len(labels) + 2), 5.0), dpi=100)
    up = [0.0] * len(x)
    down = [0.0] * len(x)
    for family, color in colors.items():
        sign = 1 if WEIGHTS[family] > 0 else -1
        values = [sign * p.events.get(family, 0) for p in history_rows]
        base = up if sign > 0 else down
        ax.bar(x, values, bottom=base, color=color, label=family.replace("_", " "), width=0.8)
        for i, v in enumerate(values):
            base[i] += v
    from matplotlib.ticker import MaxNLocator

    peak = max([1.0, *up, *(-v for v in down)])
    ax.set_ylim(-peak * 1.15, peak * 1.15)  # zero in the middle, like the score's axis
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.axhline(0, color="black", linewidth=0.6)
    ax.set_ylabel("events (conflict below zero)")
    ax.set_xticks(x, labels, rotation=60, ha="right", fontsize=8)
    right = ax.twinx()
    right.plot(
        [i for i, p in enumerate(history_rows) if p.score is not None],
        [p.score for p in history_rows if p.score is not None],
        color="black",
        marker="o",
        linewidth=1.2,
        label="score",
    )
    right.set_ylim(-1.05, 1.05)
    right.set_ylabel("cooperation-conflict score")
    handles = ax.get_legend_handles_labels()[0] + right.get_legend_handles_labels()[0]
    ax.legend(
        handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.22), fontsize=7, ncols=5, frameon=False
    )
    ax.set_title(title)
    fig.tight_layout()
    fig.savefig(path, format="png")
    plt.close(fig)

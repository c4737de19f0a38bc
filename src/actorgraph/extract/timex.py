"""Resolve English time expressions against a document's publication date.

Why: claims and attributions carry `time` as inclusive ISO intervals (shared/CONTRACT.md),
but news text says "on Tuesday" or "last month", which only mean something relative to the
day the report was published (P).

Conventions (all intervals inclusive):

* Spans from `find_times` drop a leading preposition ("on", "in", "at", "during", "by"...)
  but keep the determiner and any word that changes the meaning: "at the end of May" ->
  "the end of May"; "in the past week" -> "the past week"; "since March", "until June 2015",
  "between 2010 and 2012", "from March to May", "earlier this month", "two weeks ago" are
  kept whole. "on Monday morning" -> "Monday morning".
* A day without a year ("October 21") is the latest such day no more than 60 days after P
  (news mostly reports the past; a date a little ahead is a scheduled event).
* A month without a year ("in May", "late May") is the most recent such month not after
  P's month; "next May" is the first one after it.
* A weekday ("Tuesday") is the most recent one on or before P; "last Tuesday" is strictly
  before P; "next Tuesday" strictly after; "this Tuesday" is the one in P's Monday-Sunday week.
* early/mid/late: of a month 1-10 / 11-20 / 21-end; of a year Jan-Apr / Apr-Sep / Sep-Dec;
  of a decade years 0-3 / 4-6 / 7-9. "the beginning/middle/end of" = early/mid/late.
* Seasons are northern and meteorological: spring Mar-May, summer Jun-Aug, autumn/fall
  Sep-Nov, winter Dec-Feb (winter 2016 = 2016-12-01..2017-02-28).
* Ranges anchored at P ("since March", "until June 2015", "recently", "in recent weeks")
  have granularity "open". "recently" is a guess: P-30..P.
* Without P, expressions that need it keep their granularity with start/end None.
* "May" is a month only next to a day number or year, or after in/of/during/by/throughout/
  last/next/this/early/late/mid/the end of/since/until/between/from or another month.
* `resolve` is strict: the whole expression (after a leading preposition) must be a time
  expression, so "the 1990s war" or "daily" give None; use `find_times` for free text.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

GRANULARITIES = ("day", "week", "month", "quarter", "season", "year", "decade", "open", "unknown")
_COARSENESS = {g: i for i, g in enumerate(GRANULARITIES)}
FUTURE_DAYS = 60  # how far after P a yearless day may fall before it means last year's


@dataclass(frozen=True)
class Interval:
    """An inclusive date interval; `granularity` says how precise the text was."""

    start: date | None
    end: date | None
    granularity: str

    def as_contract(self, text: str) -> dict[str, str | None]:
        """The contract's `time` object for this interval and its source text."""
        return {
            "text": text,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
        }


# --------------------------------------------------------------------------- date helpers


def _month_end(y: int, m: int) -> date:
    return date(y, m, monthrange(y, m)[1])


def _month(y: int, m: int, gran: str = "month") -> Interval:
    return Interval(date(y, m, 1), _month_end(y, m), gran)


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    q, r = divmod(y * 12 + m - 1 + k, 12)
    return q, r + 1


def _add(d: date, unit: str, n: int) -> date:
    """d moved n units (negative: back); month/year ends clamp to the month's last day."""
    if unit == "day":
        return d + timedelta(days=n)
    if unit == "week":
        return d + timedelta(weeks=n)
    months = n * {"month": 1, "year": 12, "decade": 120}[unit]
    y, m = _shift_month(d.year, d.month, months)
    return date(y, m, min(d.day, monthrange(y, m)[1]))


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _week(d: date) -> Interval:
    mon = _monday(d)
    return Interval(mon, mon + timedelta(days=6), "week")


def _day(d: date | None) -> Interval | None:
    return Interval(d, d, "day") if d else None


def _infer_day(m: int, d: int, ref: date) -> date | None:
    """Latest (y, m, d) no more than FUTURE_DAYS after ref."""
    limit = ref + timedelta(days=FUTURE_DAYS)
    for y in range(ref.year + 1, ref.year - 8, -1):
        cand = _safe_date(y, m, d)
        if cand and cand <= limit:
            return cand
    return None


def _infer_month_year(m: int, ref: date) -> int:
    return ref.year if m <= ref.month else ref.year - 1


_PARTS_MONTH = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
_PARTS_YEAR = {"early": (1, 4), "mid": (4, 9), "late": (9, 12)}
_PARTS_DECADE = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}


def _part_of_month(y: int, m: int, part: str) -> Interval:
    lo, hi = _PARTS_MONTH[part]
    last = monthrange(y, m)[1]
    return Interval(date(y, m, lo), date(y, m, min(hi, last)), "day")


def _part_of_year(y: int, part: str) -> Interval:
    lo, hi = _PARTS_YEAR[part]
    return Interval(date(y, lo, 1), _month_end(y, hi), "month")


def _year(y: int) -> Interval:
    return Interval(date(y, 1, 1), date(y, 12, 31), "year")


def _none(gran: str) -> Interval:
    return Interval(None, None, gran)


# --------------------------------------------------------------------------- lexicon

_MONTH_NUM = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "a couple of": 2,
    "a few": 3,
    "several": 4,
}
_VAGUE_NUMBERS = {"a few", "several"}
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
_ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "final": 4,
    "last": 4,
}


def _ci(s: str) -> str:
    """Any case for the first letter of each word ("Last week", "last week"); (?i:) is 10x slower."""
    return "(?:" + re.sub(r"(?<![A-Za-z\\])([a-z])", lambda m: f"[{m[1]}{m[1].upper()}]", s) + ")"


W = r"(?<![\w'’-])"  # start of a word (not inside one, nor after an apostrophe or hyphen)
E = r"(?!\w)"
_FULL_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
MONTH = rf"(?:(?:{_FULL_MONTHS}){E}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|{E}))"
DAY = rf"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?{E}"
YEAR = rf"(?:19\d\d|20\d\d|2100){E}"
WEEKDAY = rf"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday){E}"
WD_PREFIX = rf"(?:{WEEKDAY},?\s+)?"
MOD = _ci(r"(?:early|mid|late|(?:the\s+)?(?:end|beginning|start|middle)\s+of)")
MOD_SEP = r"(?:\s*-\s*|\s+)"
NUM = (
    r"(?:\d{1,3}|"
    + _ci(
        r"a\s+couple\s+of|a\s+few|several|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    )
    + ")"
)
SEASON = _ci("(?:spring|summer|autumn|fall|winter)")


def _month_of(token: str) -> int:
    return _MONTH_NUM[token.rstrip(".")[:3].lower()]


def _int(token: str) -> int:
    return int(re.sub(r"\D", "", token))


def _number(token: str) -> int:
    t = " ".join(token.lower().split())
    return _NUMBERS[t] if t in _NUMBERS else int(t)


def _part(mod: str) -> str:
    m = mod.lower()
    if "early" in m or "beginning" in m or "start" in m:
        return "early"
    if "mid" in m:
        return "mid"
    return "late"


# --------------------------------------------------------------------------- rules

Handler = Callable[[re.Match[str], date | None], Interval | None]


@dataclass(frozen=True)
class _Rule:
    source: str
    regex: re.Pattern[str]
    handler: Handler
    inner: bool  # may appear inside since/until/between/from
    yearless: bool  # resolved by guessing the year from the reference date
    core: str | None  # group whose span is the reported span (None: the whole match)


_RULES: list[_Rule] = []


def _rule(
    pattern: str, *, inner: bool = True, yearless: bool = False, core: str | None = None
) -> Callable[[Handler], Handler]:
    def deco(fn: Handler) -> Handler:
        _RULES.append(_Rule(pattern, re.compile(pattern), fn, inner, yearless, core))
        return fn

    return deco


# Rules are listed most specific first: inside since/until/between the regex alternation
# takes the first alternative that fits, so "since May 2015" must try "May 2015" before "May".


@_rule(rf"{W}(?P<y>\d{{4}})-(?P<m>\d\d)-(?P<d>\d\d){E}")
def _iso(m: re.Match[str], p: date | None) -> Interval | None:
    return _day(_safe_date(int(m["y"]), int(m["m"]), int(m["d"])))


@_rule(rf"{W}{WD_PREFIX}(?P<mon>{MONTH})\s+(?P<d>{DAY}),?\s+(?P<y>{YEAR})")
def _mdy(m: re.Match[str], p: date | None) -> Interval | None:
    return _day(_safe_date(int(m["y"]), _month_of(m["mon"]), _int(m["d"])))


@_rule(rf"{W}{WD_PREFIX}(?:the\s+)?(?P<d>{DAY})(?:\s+of)?\s+(?P<mon>{MONTH}),?\s+(?P<y>{YEAR})")
def _dmy(m: re.Match[str], p: date | None) -> Interval | None:
    return _day(_safe_date(int(m["y"]), _month_of(m["mon"]), _int(m["d"])))


def _day_range(mon: int, d1: int, d2: int, y: str | None, p: date | None) -> Interval | None:
    if d2 <= d1:
        return None
    if y:
        a, b = _safe_date(int(y), mon, d1), _safe_date(int(y), mon, d2)
    elif p is None:
        return _none("day")
    else:
        a = _infer_day(mon, d1, p)
        b = _safe_date(a.year, mon, d2) if a else None
    return Interval(a, b, "day") if a and b else None


@_rule(rf"{W}(?P<mon>{MONTH})\s+(?P<d1>{DAY})\s*[-–]\s*(?P<d2>{DAY})(?:,?\s+(?P<y>{YEAR}))?", yearless=True)
def _md_range(m: re.Match[str], p: date | None) -> Interval | None:
    return _day_range(_month_of(m["mon"]), _int(m["d1"]), _int(m["d2"]), m["y"], p)


@_rule(rf"{W}(?P<d1>{DAY})\s*[-–]\s*(?P<d2>{DAY})\s+(?P<mon>{MONTH})(?:,?\s+(?P<y>{YEAR}))?", yearless=True)
def _dm_range(m: re.Match[str], p: date | None) -> Interval | None:
    return _day_range(_month_of(m["mon"]), _int(m["d1"]), _int(m["d2"]), m["y"], p)


@_rule(rf"{W}(?P<mod>{MOD}){MOD_SEP}(?P<mon>{MONTH})(?:,?\s+(?:of\s+)?(?P<y>{YEAR}))?", yearless=True)
def _part_month(m: re.Match[str], p: date | None) -> Interval | None:
    mon = _month_of(m["mon"])
    if m["y"]:
        y = int(m["y"])
    elif p is None:
        return _none("day")
    else:
        y = _infer_month_year(mon, p)
    return _part_of_month(y, mon, _part(m["mod"]))


@_rule(rf"{W}(?P<mon>{MONTH})(?:,|\s+of)?\s+(?P<y>{YEAR})")
def _month_year(m: re.Match[str], p: date | None) -> Interval | None:
    return _month(int(m["y"]), _month_of(m["mon"]))


@_rule(rf"{W}{WD_PREFIX}(?P<mon>{MONTH})\s+(?P<d>{DAY})", yearless=True)
def _md(m: re.Match[str], p: date | None) -> Interval | None:
    if p is None:
        return _none("day")
    return _day(_infer_day(_month_of(m["mon"]), _int(m["d"]), p))


@_rule(rf"{W}{WD_PREFIX}(?:the\s+)?(?P<d>{DAY})(?:\s+of)?\s+(?P<mon>{MONTH})", yearless=True)
def _dm(m: re.Match[str], p: date | None) -> Interval | None:
    if p is None:
        return _none("day")
    return _day(_infer_day(_month_of(m["mon"]), _int(m["d"]), p))


@_rule(rf"{W}(?P<mod>{MOD}){MOD_SEP}(?P<y>{YEAR})")
def _part_year(m: re.Match[str], p: date | None) -> Interval | None:
    return _part_of_year(int(m["y"]), _part(m["mod"]))


def _rel_year(rel: str | None, y: str | None, p: date | None) -> int | None:
    """Year from an explicit YEAR or this/last/next/the year (None when P is needed but absent)."""
    if y:
        return int(y)
    if p is None:
        return None
    return p.year + {"last": -1, "next": 1}.get((rel or "this").lower(), 0)


def _quarter(y: int, q: int) -> Interval:
    return Interval(date(y, 3 * q - 2, 1), _month_end(y, 3 * q), "quarter")


@_rule(
    rf"{W}(?:{_ci('the')}\s+)?(?P<ord>{_ci('first|second|third|fourth|1st|2nd|3rd|4th|final|last')})\s+"
    rf"{_ci('quarter')}(?:\s+of\s+(?:(?P<y>{YEAR})|(?P<rel>{_ci('this|last|next|the')})\s+year))?{E}"
)
def _quarter_ord(m: re.Match[str], p: date | None) -> Interval | None:
    ordinal = m["ord"].lower()
    explicit = m["y"] or m["rel"]
    if not explicit and ordinal in ("last", "final"):
        return None  # "last quarter": the calendar rule below
    q = _ORDINALS[ordinal]
    if explicit:
        y = _rel_year(m["rel"], m["y"], p)
        return _quarter(y, q) if y else _none("quarter")
    if p is None:
        return _none("quarter")
    cur = (p.month - 1) // 3 + 1
    return _quarter(p.year if q <= cur else p.year - 1, q)


@_rule(rf"{W}(?:Q(?P<q1>[1-4])\s*(?P<y1>{YEAR})|(?P<y2>{YEAR})\s*Q(?P<q2>[1-4]){E})")
def _quarter_q(m: re.Match[str], p: date | None) -> Interval | None:
    return _quarter(int(m["y1"] or m["y2"]), int(m["q1"] or m["q2"]))


@_rule(
    rf"{W}(?:{_ci('the')}\s+)?(?P<ord>{_ci('first|second')})\s+{_ci('half')}\s+of\s+"
    rf"(?:(?P<y>{YEAR})|(?P<rel>{_ci('this|last|next|the')})\s+year{E})"
)
def _half(m: re.Match[str], p: date | None) -> Interval | None:
    y = _rel_year(m["rel"], m["y"], p)
    if y is None:
        return _none("month")
    lo = 1 if m["ord"].lower() == "first" else 7
    return Interval(date(y, lo, 1), _month_end(y, lo + 5), "month")


def _season(name: str, y: int) -> Interval:
    lo, hi = _SEASONS[name.lower()]
    return Interval(date(y, lo, 1), _month_end(y + 1 if hi < lo else y, hi), "season")


@_rule(rf"{W}(?:{_ci('the')}\s+)?(?P<s>{SEASON})\s+(?:of\s+)?(?P<y>{YEAR})")
def _season_year(m: re.Match[str], p: date | None) -> Interval | None:
    return _season(m["s"], int(m["y"]))


_SEASON_REL = _ci(r"this\s+past|this|last|next|the")


@_rule(rf"{W}(?P<rel>{_SEASON_REL})\s+(?P<s>{SEASON}){E}(?!\s+of\s)")
def _season_rel(m: re.Match[str], p: date | None) -> Interval | None:
    rel = " ".join(m["rel"].lower().split())
    name = m["s"].lower()
    if rel == "the" and name == "fall":
        return None  # "the fall in prices"
    if p is None:
        return _none("season")
    cands = [_season(name, y) for y in range(p.year - 2, p.year + 2)]
    if rel in ("last", "this past"):
        return max((c for c in cands if c.end < p), key=lambda c: c.start)
    if rel == "next":
        return min((c for c in cands if c.start > p), key=lambda c: c.start)
    if rel == "this":
        return next((c for c in cands if c.start <= p <= c.end), _season(name, p.year))
    return max((c for c in cands if c.start <= p), key=lambda c: c.start)


@_rule(
    rf"{W}(?:{_ci('the')}\s+)?(?:(?P<mod>{_ci('early|mid|late')})(?:\s*-\s*|\s+)?)?"
    rf"(?P<dec>(?:19|20)\d0|['’]\d0)['’]?s{E}"
)
def _decade(m: re.Match[str], p: date | None) -> Interval | None:
    dec = m["dec"]
    if not dec[0].isdigit():
        two = int(dec[1:])
        y0 = 2000 + two if two <= 10 else 1900 + two
    else:
        y0 = int(dec)
    lo, hi = (0, 9) if not m["mod"] else _PARTS_DECADE[_part(m["mod"])]
    return Interval(date(y0 + lo, 1, 1), date(y0 + hi, 12, 31), "decade")


_DAY_WORDS = {
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "earlier today": 0,
    "later today": 0,
    "yesterday": -1,
    "last night": -1,
    "tomorrow": 1,
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
}


_DAY_WORD = _ci(
    r"the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|tonight|yesterday|"
    r"tomorrow|this\s+(?:morning|afternoon|evening)|last\s+night|(?:earlier|later)\s+today"
)


@_rule(rf"{W}(?P<w>{_DAY_WORD}){E}")
def _day_word(m: re.Match[str], p: date | None) -> Interval | None:
    if p is None:
        return _none("day")
    return _day(p + timedelta(days=_DAY_WORDS[" ".join(m["w"].lower().split())]))


@_rule(rf"{W}(?P<n>{NUM})\s+(?P<unit>{_ci('day|week|month|year|decade')})s?\s+{_ci('ago')}{E}")
def _ago(m: re.Match[str], p: date | None) -> Interval | None:
    unit = m["unit"].lower()
    vague = " ".join(m["n"].lower().split()) in _VAGUE_NUMBERS
    gran = "unknown" if vague else unit
    if p is None:
        return _none(gran)
    n = _number(m["n"])
    if vague:  # "a few days ago": somewhere 2..7 units back
        return Interval(_add(p, unit, -7), _add(p, unit, -2), gran)
    d = _add(p, unit, -n)
    if unit == "day":
        return _day(d)
    if unit == "week":
        return _week(d)
    if unit == "month":
        return _month(d.year, d.month)
    if unit == "year":
        return _year(d.year)
    y0 = d.year - d.year % 10
    return Interval(date(y0, 1, 1), date(y0 + 9, 12, 31), "decade")


@_rule(
    rf"{W}(?P<the>{_ci('the')}\s+)?(?P<dir>{_ci('past|last|previous|next|coming')})\s+(?:(?P<n>{NUM})\s+)?"
    rf"(?P<unit>{_ci('day|week|month|year|decade')})(?P<pl>s)?{E}"
)
def _window(m: re.Match[str], p: date | None) -> Interval | None:
    direction = m["dir"].lower()
    if not m["the"] and not m["n"] and direction != "past":
        return None  # "last week": the calendar rule
    if m["n"] is None and m["pl"]:
        return None  # "the past years"
    unit = m["unit"].lower()
    if p is None:
        return _none(unit)
    n = _number(m["n"]) if m["n"] else 1
    if direction in ("next", "coming"):
        return Interval(p, _add(p, unit, n), unit)
    return Interval(_add(p, unit, -n), p, unit)


@_rule(rf"{W}(?P<which>{_ci('earlier|later')})\s+{_ci('this')}\s+(?P<unit>{_ci('week|month|year')}){E}")
def _earlier_this(m: re.Match[str], p: date | None) -> Interval | None:
    if p is None:
        return _none("day")
    unit = m["unit"].lower()
    whole = _calendar(unit, 0, p)
    if m["which"].lower() == "earlier":
        return Interval(whole.start, p, "day")
    return Interval(p, whole.end, "day")


def _calendar(unit: str, k: int, p: date) -> Interval:
    """The calendar unit containing P, moved k units."""
    if unit == "week":
        return _week(p + timedelta(weeks=k))
    if unit == "weekend":
        sat = _monday(p) + timedelta(days=5 + 7 * k)
        return Interval(sat, sat + timedelta(days=1), "day")
    if unit == "month":
        return _month(*_shift_month(p.year, p.month, k))
    if unit == "quarter":
        y, mo = _shift_month(p.year, p.month, 3 * k)
        return _quarter(y, (mo - 1) // 3 + 1)
    if unit == "year":
        return _year(p.year + k)
    y0 = p.year - p.year % 10 + 10 * k
    return Interval(date(y0, 1, 1), date(y0 + 9, 12, 31), "decade")


_CAL_REL = _ci(r"this\s+past|this|last|next|previous")


@_rule(
    rf"{W}(?P<rel>{_CAL_REL})\s+"
    rf"(?P<unit>{_ci('weekend|week|month|quarter|year|decade')}){E}"
)
def _calendar_rel(m: re.Match[str], p: date | None) -> Interval | None:
    unit = m["unit"].lower()
    if p is None:
        return _none("day" if unit == "weekend" else unit)
    rel = " ".join(m["rel"].lower().split())
    k = {"this": 0, "next": 1}.get(rel, -1)
    if unit == "weekend" and rel in ("this past", "last") and p.weekday() >= 5:
        k = 0 if rel == "this past" else -1
    return _calendar(unit, k, p)


@_rule(rf"{W}(?:{_ci('the')}\s+)?{_ci('weekend')}{E}")
def _the_weekend(m: re.Match[str], p: date | None) -> Interval | None:
    if p is None:
        return _none("day")
    return _calendar("weekend", 0 if p.weekday() >= 5 else -1, p)


@_rule(rf"{W}(?P<mod>{MOD}){MOD_SEP}(?P<rel>{_ci('this|last|next|the')})\s+(?P<unit>{_ci('year|month')}){E}")
def _part_rel(m: re.Match[str], p: date | None) -> Interval | None:
    unit = m["unit"].lower()
    if p is None:
        return _none("month" if unit == "year" else "day")
    k = {"last": -1, "next": 1}.get(m["rel"].lower(), 0)
    part = _part(m["mod"])
    if unit == "year":
        return _part_of_year(p.year + k, part)
    return _part_of_month(*_shift_month(p.year, p.month, k), part)


@_rule(
    rf"{W}(?:(?P<rel>{_ci('last|next|this|early|late')})\s+)?(?P<wd>{WEEKDAY})"
    rf"(?:\s+(?P<part>{_ci('morning|afternoon|evening|night')}){E})?"
)
def _weekday(m: re.Match[str], p: date | None) -> Interval | None:
    if p is None:
        return _none("day")
    wd = _WEEKDAYS.index(m["wd"].lower())
    rel = (m["rel"] or "").lower()
    if rel == "next":
        return _day(p + timedelta(days=(wd - p.weekday()) % 7 or 7))
    if rel == "this":
        return _day(_monday(p) + timedelta(days=wd))
    back = (p.weekday() - wd) % 7
    if rel == "last" and back == 0:
        back = 7
    return _day(p - timedelta(days=back))


@_rule(rf"{W}(?P<rel>{_ci('last|next|this')})\s+(?P<mon>{MONTH})", yearless=True)
def _month_rel(m: re.Match[str], p: date | None) -> Interval | None:
    if p is None:
        return _none("month")
    mon = _month_of(m["mon"])
    rel = m["rel"].lower()
    if rel == "next":
        return _month(p.year if mon > p.month else p.year + 1, mon)
    if rel == "this":
        return _month(p.year, mon)
    return _month(_infer_month_year(mon, p), mon)


@_rule(
    rf"{W}(?:{_ci('the')}\s+)?(?P<w>{_ci('recently|lately')}|{_ci('recent')}\s+(?P<unit>{_ci('day|week|month|year')})s){E}"
)
def _recent(m: re.Match[str], p: date | None) -> Interval | None:
    if m["w"].lower() in ("recently", "lately"):
        if m.group(0).lower().startswith("the"):
            return None
        back = timedelta(days=30)
    else:
        back = {
            "day": timedelta(days=7),
            "week": timedelta(weeks=4),
            "month": timedelta(days=91),
            "year": timedelta(days=3 * 365),
        }[m["unit"].lower()]
    if p is None:
        return _none("open")
    return Interval(p - back, p, "open")


@_rule(rf"{W}(?P<y1>{YEAR})\s*[-–]\s*(?P<y2>{YEAR}|\d\d{E})")
def _year_range(m: re.Match[str], p: date | None) -> Interval | None:
    y1 = int(m["y1"])
    y2 = int(m["y2"]) if len(m["y2"]) == 4 else y1 - y1 % 100 + int(m["y2"])
    return Interval(date(y1, 1, 1), date(y2, 12, 31), "year") if y2 > y1 else None


_MONTH_CONTEXT = _ci(
    r"in|of|during|by|throughout|around|since|until|till|before|after|from|between|"
    r"(?:the\s+)?(?:end|beginning|start|middle)\s+of"
)


@_rule(rf"{W}{_MONTH_CONTEXT}\s+(?P<core>{MONTH})(?!['’]s)", inner=False, yearless=True, core="core")
@_rule(
    rf"{W}(?:{MONTH})\s*(?:and|or|to|through|[-–])\s*(?P<core>{MONTH})(?!['’]s)",
    inner=False,
    yearless=True,
    core="core",
)
def _month_alone(m: re.Match[str], p: date | None) -> Interval | None:
    if p is None:
        return _none("month")
    mon = _month_of(m["core"])
    return _month(_infer_month_year(mon, p), mon)


_NAME_BEFORE = re.compile(r"(?<![.!?:;\"“(]\s)(?<![.!?:;\"“(])(?<!^)\s[A-Z][\w'’]*\s+$")


@_rule(
    rf"{W}(?:January|February|March|April|June|July|August|September|October|November|December){E}"
    r"(?!\s+[A-Z])",
    inner=False,
    yearless=True,
)
def _month_bare(m: re.Match[str], p: date | None) -> Interval | None:
    """A month name with no context, unless part of a name ("the Long March", "April Ryan")."""
    if _NAME_BEFORE.search(" " + m.string[max(0, m.start() - 30) : m.start()]):
        return None
    if p is None:
        return _none("month")
    mon = _month_of(m.group(0))
    return _month(_infer_month_year(mon, p), mon)


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


_YEAR_BEFORE = _words(
    "in of since until till during by before after from through to and or between early late mid "
    "around circa year years spring summer autumn fall winter the a its their his her this that "
    "fiscal end beginning start middle"
) | {n.lower() for n in _FULL_MONTHS.split("|")}
_QUANTIFIERS = _words(
    "about some nearly almost over than approximately roughly least estimated another additional "
    "more fewer only just all killed kill killing"
)
_COUNT_NOUNS = _words(
    "people persons men women children soldiers troops fighters militants civilians police policemen "
    "officers refugees migrants residents protesters demonstrators workers members votes deaths dead "
    "casualties killed km kilometres kilometers miles metres meters feet tons tonnes dollars euros "
    "pounds barrels units cases times hours minutes seconds days weeks months years vehicles tanks "
    "rockets missiles homes houses families students prisoners detainees jobs signatures delegates "
    "seats acres hectares rounds copies pages words percent per"
)
_WORD_BEFORE = re.compile(r"([\w'’]+)[^\w]*$")
_WORD_AFTER = re.compile(r"^\s*([\w'’]+)")


@_rule(rf"{W}(?<![$€£#.,])(?P<y>{YEAR})(?![.,]\d)(?!\s*%)(?!\s*-\s*\d)", inner=False)
def _bare_year(m: re.Match[str], p: date | None) -> Interval | None:
    """A four-digit number that reads as a year, not a count ("2000 soldiers")."""
    text = m.string
    before = _WORD_BEFORE.search(text, max(0, m.start() - 40), m.start())
    after = _WORD_AFTER.match(text[m.end() : m.end() + 40])
    prev = before.group(1) if before else ""
    nxt = after.group(1) if after else ""
    if nxt.lower() in _COUNT_NOUNS or prev.lower() in _QUANTIFIERS:
        return None
    rest = text[m.end() :].lstrip()
    ok = (
        not prev
        or prev.lower() in _YEAR_BEFORE
        or prev.lower().endswith(("'s", "’s"))
        or not rest
        or not rest[0].isalnum()
        or nxt[:1].isupper()
    )
    return _year(int(m["y"])) if ok else None


# --------------------------------------------------------------------------- combinators


def _strip_names(src: str) -> str:
    return re.sub(r"\(\?P<\w+>", "(?:", src)


INNER = "(?:" + "|".join(_strip_names(r.source) for r in _RULES if r.inner) + rf"|{MONTH}|{YEAR})"
_SIMPLE_RULES = [r for r in _RULES if r.inner]
_MONTH_ONLY = re.compile(MONTH)
_YEAR_ONLY = re.compile(YEAR)


def _resolve_inner(text: str, p: date | None) -> tuple[Interval, bool] | None:
    """Resolve a whole simple expression; the flag says its year was guessed from p."""
    for r in _SIMPLE_RULES:
        m = r.regex.fullmatch(text)
        if m:
            iv = r.handler(m, p)
            if iv:
                return iv, r.yearless
    if _YEAR_ONLY.fullmatch(text):
        return _year(int(text)), False
    if _MONTH_ONLY.fullmatch(text):
        if p is None:
            return _none("month"), True
        mon = _month_of(text)
        return _month(_infer_month_year(mon, p), mon), True
    return None


def _count_follows(m: re.Match[str]) -> bool:
    """True when a count noun follows: "until 2000 people", "between 1900 and 2000 troops"."""
    after = _WORD_AFTER.match(m.string[m.end() : m.end() + 40])
    return bool(after) and after.group(1).lower() in _COUNT_NOUNS


def _coarser(a: str, b: str) -> str:
    return a if _COARSENESS[a] >= _COARSENESS[b] else b


_OPEN_OPS = _ci(r"since|until|till|up\s+until|before|after|through")


@_rule(rf"{W}(?P<op>{_OPEN_OPS})\s+(?P<a>{INNER})", inner=False)
def _open_range(m: re.Match[str], p: date | None) -> Interval | None:
    got = _resolve_inner(m["a"], p)
    if not got or _count_follows(m):
        return None
    a = got[0]
    op = " ".join(m["op"].lower().split())
    if op == "since":
        return Interval(a.start, p, "open") if a.start else _none("open")
    if op == "after":
        return Interval(a.end + timedelta(days=1), None, "open") if a.end else _none("open")
    if op == "before":
        return Interval(None, a.start - timedelta(days=1), "open") if a.start else _none("open")
    return Interval(None, a.end, "open")


_NOW = _ci(r"now|today|the\s+present|date|this\s+day")


@_rule(
    rf"{W}(?:{_ci('between')}\s+(?P<a1>{INNER})\s+and\s+(?P<b1>{INNER})|"
    rf"{_ci('from')}\s+(?P<a2>{INNER})\s+(?:to|until|till|through|and)\s+(?:(?P<now>{_NOW}){E}|(?P<b2>{INNER})))",
    inner=False,
)
def _closed_range(m: re.Match[str], p: date | None) -> Interval | None:
    a_text = m["a1"] or m["a2"]
    b_text = m["b1"] or m["b2"]
    if _count_follows(m):
        return None
    if b_text:
        got_b = _resolve_inner(b_text, p)
        if not got_b:
            return None
        b = got_b[0]
    else:
        b = Interval(p, p, "day") if p else _none("day")
    got_a = _resolve_inner(a_text, p)
    if got_a and got_a[1] and b.end is not None:
        got_a = _resolve_inner(a_text, b.end)  # "from March to May 2015": March of 2015
    if not got_a:
        return None
    a = got_a[0]
    gran = _coarser(a.granularity, b.granularity) if b_text else "open"
    if a.start and b.end and a.start > b.end:
        return None
    return Interval(a.start, b.end, gran)


# --------------------------------------------------------------------------- public API

_PREP = re.compile(r"^(?i:on|in|at|during|by|over|within|around|about|throughout|toward|towards|of|for)\s+")
_EDGE_PUNCT = " \t\r\n,.;:!?\"'()[]“”‘’"
_COMBINATORS = [r for r in _RULES if r.handler in (_open_range, _closed_range)]
_HAS_DIGIT = re.compile(r"\d")
_HAS_MONTH = re.compile(MONTH)
_HAS_WEEKDAY = re.compile(WEEKDAY)
_MODW = "early mid late end beginning start middle"
_UNITW = "day week month quarter year decade"
_SEASONW = "spring summer autumn fall winter"
# What a rule cannot match without: "digit", "month", "weekday", or a group of lowercase
# substrings of which one must occur. Skipping rules is what keeps find_times fast.
_NEEDS: dict[str, tuple[str, ...]] = {
    "_iso": ("digit",),
    "_mdy": ("digit", "month"),
    "_dmy": ("digit", "month"),
    "_md_range": ("digit", "month"),
    "_dm_range": ("digit", "month"),
    "_part_month": ("month", _MODW),
    "_month_year": ("digit", "month"),
    "_md": ("digit", "month"),
    "_dm": ("digit", "month"),
    "_part_year": ("digit", _MODW),
    "_quarter_ord": ("quarter",),
    "_quarter_q": ("digit", "q"),
    "_half": ("half",),
    "_season_year": ("digit", _SEASONW),
    "_season_rel": (_SEASONW,),
    "_decade": ("digit", "0s 0's 0’s"),
    "_day_word": ("today tonight yesterday tomorrow morning afternoon evening night",),
    "_ago": ("ago",),
    "_window": ("past last previous next coming", _UNITW),
    "_earlier_this": ("earlier later", "this"),
    "_calendar_rel": ("this last next previous", _UNITW),
    "_the_weekend": ("weekend",),
    "_part_rel": (_MODW, _UNITW),
    "_weekday": ("weekday",),
    "_month_rel": ("month", "last next this"),
    "_recent": ("recent lately",),
    "_year_range": ("digit", "- –"),
    "_month_alone": ("month",),
    "_month_bare": ("month",),
    "_bare_year": ("digit",),
    "_open_range": ("since until till before after through",),
    "_closed_range": ("between from",),
}
_PLAN = [
    (r, [n if n in ("digit", "month", "weekday") else tuple(n.split()) for n in _NEEDS[r.handler.__name__]])
    for r in _RULES
]


def _runs(needs: list[str | tuple[str, ...]], text: str, low: str, cache: dict[str, bool]) -> bool:
    """Whether every need of a rule is present in the text."""
    for need in needs:
        if isinstance(need, str):
            if need not in cache:
                rx = {"digit": _HAS_DIGIT, "month": _HAS_MONTH, "weekday": _HAS_WEEKDAY}[need]
                cache[need] = rx.search(text) is not None
            if not cache[need]:
                return False
        elif not any(w in low for w in need):
            return False
    return True


def resolve(expression: str, published: date | None) -> Interval | None:
    """Resolve one time expression; None when the whole of it is not one we understand."""
    text = expression.strip(_EDGE_PUNCT)
    text = " ".join(text.split())
    if not text:
        return None
    text = _PREP.sub("", text, count=1)
    for r in _COMBINATORS:
        m = r.regex.fullmatch(text)
        if m:
            iv = r.handler(m, published)
            if iv:
                return iv
    got = _resolve_inner(text, published)
    return got[0] if got else None


def find_times(text: str, published: date | None) -> list[tuple[int, int, Interval]]:
    """All time expressions in `text`: (start, end-exclusive, interval), longest first, no overlaps."""
    low = text.lower()
    cache: dict[str, bool] = {}
    cands: list[tuple[int, int, Interval]] = []
    for r, needs in _PLAN:
        if not _runs(needs, text, low, cache):
            continue
        for m in r.regex.finditer(text):
            iv = r.handler(m, published)
            if iv is not None:
                s, e = m.span(r.core) if r.core else m.span()
                cands.append((s, e, iv))
    cands.sort(key=lambda c: (c[0] - c[1], c[0]))
    taken: list[tuple[int, int, Interval]] = []
    for c in cands:
        if all(c[1] <= t[0] or c[0] >= t[1] for t in taken):
            taken.append(c)
    taken.sort(key=lambda c: c[0])
    return taken

"""Tests for time-expression resolution: dates must match the documented rules exactly."""

from __future__ import annotations

import time
from datetime import date

import pytest

from actorgraph.extract.timex import Interval, find_times, resolve

P = date(2016, 10, 24)  # a Monday


def d(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None


RESOLVE_CASES = [
    # absolute
    ("October 21", P, "2016-10-21", "2016-10-21", "day"),
    ("21 October", P, "2016-10-21", "2016-10-21", "day"),
    ("Oct. 21", P, "2016-10-21", "2016-10-21", "day"),
    ("on the 21st of October", P, "2016-10-21", "2016-10-21", "day"),
    ("October 21, 2015", P, "2015-10-21", "2015-10-21", "day"),
    ("21 October 2015", P, "2015-10-21", "2015-10-21", "day"),
    ("Tuesday, Oct. 21, 2015", P, "2015-10-21", "2015-10-21", "day"),
    ("2016-10-21", P, "2016-10-21", "2016-10-21", "day"),
    ("October 21-23", P, "2016-10-21", "2016-10-23", "day"),
    ("May 2015", P, "2015-05-01", "2015-05-31", "month"),
    ("in 2014", P, "2014-01-01", "2014-12-31", "year"),
    ("the 1990s", P, "1990-01-01", "1999-12-31", "decade"),
    ("the early 1990s", P, "1990-01-01", "1993-12-31", "decade"),
    ("mid-2015", P, "2015-04-01", "2015-09-30", "month"),
    ("early 2015", P, "2015-01-01", "2015-04-30", "month"),
    ("late 2015", P, "2015-09-01", "2015-12-31", "month"),
    ("the end of 2015", P, "2015-09-01", "2015-12-31", "month"),
    ("the first quarter of 2016", P, "2016-01-01", "2016-03-31", "quarter"),
    ("Q3 2016", P, "2016-07-01", "2016-09-30", "quarter"),
    ("the first half of 2016", P, "2016-01-01", "2016-06-30", "month"),
    ("spring 2016", P, "2016-03-01", "2016-05-31", "season"),
    ("the summer of 2015", P, "2015-06-01", "2015-08-31", "season"),
    ("winter 2016", P, "2016-12-01", "2017-02-28", "season"),
    # the 60-day rule for yearless days, both sides
    ("November 30", P, "2016-11-30", "2016-11-30", "day"),  # 37 days after P: this year
    ("December 30", P, "2015-12-30", "2015-12-30", "day"),  # 67 days after P: last year
    ("January 3", date(2016, 12, 28), "2017-01-03", "2017-01-03", "day"),  # 6 days ahead
    # months without a year
    ("in May", P, "2016-05-01", "2016-05-31", "month"),
    ("last May", P, "2016-05-01", "2016-05-31", "month"),
    ("this May", P, "2016-05-01", "2016-05-31", "month"),
    ("next May", P, "2017-05-01", "2017-05-31", "month"),
    ("in December", P, "2015-12-01", "2015-12-31", "month"),
    ("in October", P, "2016-10-01", "2016-10-31", "month"),
    ("at the end of May", P, "2016-05-21", "2016-05-31", "day"),
    ("late May", P, "2016-05-21", "2016-05-31", "day"),
    ("the beginning of May", P, "2016-05-01", "2016-05-10", "day"),
    ("early May", P, "2016-05-01", "2016-05-10", "day"),
    ("mid-May", P, "2016-05-11", "2016-05-20", "day"),
    ("late February", date(2015, 3, 5), "2015-02-21", "2015-02-28", "day"),
    # weekdays (P is a Monday)
    ("on Tuesday", P, "2016-10-18", "2016-10-18", "day"),
    ("Tuesday", P, "2016-10-18", "2016-10-18", "day"),
    ("Monday", P, "2016-10-24", "2016-10-24", "day"),
    ("last Monday", P, "2016-10-17", "2016-10-17", "day"),
    ("next Monday", P, "2016-10-31", "2016-10-31", "day"),
    ("next Tuesday", P, "2016-10-25", "2016-10-25", "day"),
    ("this Friday", P, "2016-10-28", "2016-10-28", "day"),
    ("on Monday morning", P, "2016-10-24", "2016-10-24", "day"),
    ("Tuesday night", P, "2016-10-18", "2016-10-18", "day"),
    # relative
    ("today", P, "2016-10-24", "2016-10-24", "day"),
    ("yesterday", P, "2016-10-23", "2016-10-23", "day"),
    ("tomorrow", P, "2016-10-25", "2016-10-25", "day"),
    ("last night", P, "2016-10-23", "2016-10-23", "day"),
    ("this week", P, "2016-10-24", "2016-10-30", "week"),
    ("last week", P, "2016-10-17", "2016-10-23", "week"),
    ("last week", date(2016, 10, 27), "2016-10-17", "2016-10-23", "week"),
    ("next week", P, "2016-10-31", "2016-11-06", "week"),
    ("over the weekend", P, "2016-10-22", "2016-10-23", "day"),
    ("this month", P, "2016-10-01", "2016-10-31", "month"),
    ("earlier this month", P, "2016-10-01", "2016-10-24", "day"),
    ("later this month", P, "2016-10-24", "2016-10-31", "day"),
    ("last month", P, "2016-09-01", "2016-09-30", "month"),
    ("last month", date(2016, 1, 15), "2015-12-01", "2015-12-31", "month"),
    ("next month", P, "2016-11-01", "2016-11-30", "month"),
    ("earlier this year", P, "2016-01-01", "2016-10-24", "day"),
    ("this year", P, "2016-01-01", "2016-12-31", "year"),
    ("last year", P, "2015-01-01", "2015-12-31", "year"),
    ("next year", P, "2017-01-01", "2017-12-31", "year"),
    ("late last year", P, "2015-09-01", "2015-12-31", "month"),
    ("by the end of the year", P, "2016-09-01", "2016-12-31", "month"),
    ("last quarter", P, "2016-07-01", "2016-09-30", "quarter"),
    ("the third quarter", P, "2016-07-01", "2016-09-30", "quarter"),
    ("last winter", P, "2015-12-01", "2016-02-29", "season"),
    ("this spring", P, "2016-03-01", "2016-05-31", "season"),
    ("next spring", P, "2017-03-01", "2017-05-31", "season"),
    ("recently", P, "2016-09-24", "2016-10-24", "open"),
    ("in recent weeks", P, "2016-09-26", "2016-10-24", "open"),
    ("3 days ago", P, "2016-10-21", "2016-10-21", "day"),
    ("two weeks ago", P, "2016-10-10", "2016-10-16", "week"),
    ("a month ago", P, "2016-09-01", "2016-09-30", "month"),
    ("three years ago", P, "2013-01-01", "2013-12-31", "year"),
    ("twelve months ago", P, "2015-10-01", "2015-10-31", "month"),
    ("a few days ago", P, "2016-10-17", "2016-10-22", "unknown"),
    ("in the past week", P, "2016-10-17", "2016-10-24", "week"),
    ("over the past two weeks", P, "2016-10-10", "2016-10-24", "week"),
    ("the last three months", P, "2016-07-24", "2016-10-24", "month"),
    ("the next two weeks", P, "2016-10-24", "2016-11-07", "week"),
    # open and closed ranges
    ("since March", P, "2016-03-01", "2016-10-24", "open"),
    ("since 2014", P, "2014-01-01", "2016-10-24", "open"),
    ("since March 2015", P, "2015-03-01", "2016-10-24", "open"),
    ("since last year", P, "2015-01-01", "2016-10-24", "open"),
    ("since Tuesday", P, "2016-10-18", "2016-10-24", "open"),
    ("until June 2015", P, None, "2015-06-30", "open"),
    ("before 2014", P, None, "2013-12-31", "open"),
    ("after 2014", P, "2015-01-01", None, "open"),
    ("between 2010 and 2012", P, "2010-01-01", "2012-12-31", "year"),
    ("2010-2012", P, "2010-01-01", "2012-12-31", "year"),
    ("from March to May", P, "2016-03-01", "2016-05-31", "month"),
    ("from November to January", P, "2015-11-01", "2016-01-31", "month"),
    ("between March and May 2015", P, "2015-03-01", "2015-05-31", "month"),
    ("from 2014 to now", P, "2014-01-01", "2016-10-24", "open"),
    # resolve accepts a bare month, since the caller says it is a time expression
    ("May", P, "2016-05-01", "2016-05-31", "month"),
]


@pytest.mark.parametrize(("expr", "pub", "start", "end", "gran"), RESOLVE_CASES)
def test_resolve(expr: str, pub: date, start: str | None, end: str | None, gran: str) -> None:
    assert resolve(expr, pub) == Interval(d(start), d(end), gran)


NO_PUBLISHED = [
    ("October 21, 2015", "2015-10-21", "2015-10-21", "day"),
    ("May 2015", "2015-05-01", "2015-05-31", "month"),
    ("in 2014", "2014-01-01", "2014-12-31", "year"),
    ("mid-2015", "2015-04-01", "2015-09-30", "month"),
    ("until June 2015", None, "2015-06-30", "open"),
    ("between 2010 and 2012", "2010-01-01", "2012-12-31", "year"),
    ("since 2014", "2014-01-01", None, "open"),
    ("October 21", None, None, "day"),
    ("in May", None, None, "month"),
    ("last week", None, None, "week"),
    ("on Tuesday", None, None, "day"),
    ("yesterday", None, None, "day"),
    ("recently", None, None, "open"),
    ("two years ago", None, None, "year"),
]


@pytest.mark.parametrize(("expr", "start", "end", "gran"), NO_PUBLISHED)
def test_resolve_without_published(expr: str, start: str | None, end: str | None, gran: str) -> None:
    assert resolve(expr, None) == Interval(d(start), d(end), gran)


@pytest.mark.parametrize(
    "expr", ["daily", "the 1990s war", "the fall", "", "he may go", "Monday's talks were good"]
)
def test_resolve_rejects(expr: str) -> None:
    assert resolve(expr, P) is None


def test_as_contract() -> None:
    assert resolve("in May", P).as_contract("in May") == {
        "text": "in May",
        "start": "2016-05-01",
        "end": "2016-05-31",
    }
    assert resolve("last week", None).as_contract("last week") == {
        "text": "last week",
        "start": None,
        "end": None,
    }


FIND_CASES = [
    ("They may go to Moscow on Tuesday, the ministry said.", [("Tuesday", "2016-10-18", "2016-10-18")]),
    ("May I ask? They May not.", []),
    (
        "At the end of May, talks resumed on October 21 and again last week.",
        [
            ("the end of May", "2016-05-21", "2016-05-31"),
            ("October 21", "2016-10-21", "2016-10-21"),
            ("last week", "2016-10-17", "2016-10-23"),
        ],
    ),
    ("Merkel and May met in Berlin. In May the two met again.", [("May", "2016-05-01", "2016-05-31")]),
    ("Theresa May's cabinet met on May 5.", [("May 5", "2016-05-05", "2016-05-05")]),
    ("Some 2000 soldiers were killed in 2014.", [("2014", "2014-01-01", "2014-12-31")]),
    ("Up to 2000 people gathered; in 2000 people voted.", []),
    ("The 2016 elections were held.", [("2016", "2016-01-01", "2016-12-31")]),
    ("Sanctions have been in place since March 2014.", [("since March 2014", "2014-03-01", "2016-10-24")]),
    ("He served from 2010 to 2012.", [("from 2010 to 2012", "2010-01-01", "2012-12-31")]),
    ("The talks began three weeks ago.", [("three weeks ago", "2016-10-03", "2016-10-09")]),
    ("Relations improved over the past two weeks.", [("the past two weeks", "2016-10-10", "2016-10-24")]),
    ("He spoke on Monday morning.", [("Monday morning", "2016-10-24", "2016-10-24")]),
    ("The Long March ended in October 1935.", [("October 1935", "1935-10-01", "1935-10-31")]),
    ("The Mayor said the Maybe party marched.", []),
    ("Last week, the ministry said so.", [("Last week", "2016-10-17", "2016-10-23")]),
    ("It was the case in the 1990s.", [("the 1990s", "1990-01-01", "1999-12-31")]),
    ("Talks stalled since early October.", [("since early October", "2016-10-01", "2016-10-24")]),
]


@pytest.mark.parametrize(("text", "expected"), FIND_CASES)
def test_find_times(text: str, expected: list[tuple[str, str, str]]) -> None:
    got = [(text[s:e], iv.start.isoformat(), iv.end.isoformat()) for s, e, iv in find_times(text, P)]
    assert got == expected


def test_find_times_offsets_and_order() -> None:
    text = "On October 21, 2015, and again in mid-2015 and yesterday, officials met."
    spans = find_times(text, P)
    assert [text[s:e] for s, e, _ in spans] == ["October 21, 2015", "mid-2015", "yesterday"]
    assert [s for s, _, _ in spans] == sorted(s for s, _, _ in spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))


def test_find_times_without_published() -> None:
    text = "On Tuesday, officials said the deal from May 2015 still holds."
    got = [(text[s:e], iv) for s, e, iv in find_times(text, None)]
    assert got == [
        ("Tuesday", Interval(None, None, "day")),
        ("May 2015", Interval(date(2015, 5, 1), date(2015, 5, 31), "month")),
    ]


def test_find_times_is_fast() -> None:
    text = (
        "Russian President Vladimir Putin said on Tuesday that Moscow would continue its air strikes in Syria "
        "until the end of the year, adding that talks with the United States had stalled since early October "
        "and that the two sides may meet again in Geneva later this month to discuss the ceasefire."
    )
    find_times(text, P)
    n = 200
    t0 = time.perf_counter()
    for _ in range(n):
        find_times(text, P)
    per_call = (time.perf_counter() - t0) / n
    assert per_call < 0.001

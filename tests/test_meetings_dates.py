"""Dates as news text gives them, resolved against the article's published date."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parallax.index.stories.datespans import DateSpan, find_dates

THU_27_FEB = date(2025, 2, 27)  # a Thursday
FRI_28_FEB = date(2025, 2, 28)
SUN_23_FEB = date(2025, 2, 23)


def resolve(text: str, published: date | None, future: bool = False) -> DateSpan | None:
    found = find_dates(text)
    assert len(found) == 1, found
    return found[0].resolve(published, future=future)


def day(y: int, m: int, d: int) -> DateSpan:
    return DateSpan.day(date(y, m, d))


@pytest.mark.parametrize(
    ("text", "published", "future", "expected"),
    [
        # Weekdays: the last one on or before the article for a meeting that took place...
        ("diplomats met in Istanbul on Thursday", FRI_28_FEB, False, day(2025, 2, 27)),
        ("talks held on Thursday", THU_27_FEB, False, day(2025, 2, 27)),
        ("Monday's meeting", FRI_28_FEB, False, day(2025, 2, 24)),
        ("last Thursday", THU_27_FEB, False, day(2025, 2, 20)),
        # ...the next one on or after it for one still to come.
        ("will meet on Friday", THU_27_FEB, True, day(2025, 2, 28)),
        ("will meet on Tuesday", THU_27_FEB, True, day(2025, 3, 4)),
        ("next Thursday", THU_27_FEB, True, day(2025, 3, 6)),
        # Days of the month without a year: the one nearest the article.
        ("on Feb 27", FRI_28_FEB, False, day(2025, 2, 27)),
        ("on Feb. 22", SUN_23_FEB, False, day(2025, 2, 22)),
        ("began last February 18 in Riyadh", THU_27_FEB, False, day(2025, 2, 18)),
        ("on 16 May", date(2025, 5, 10), True, day(2025, 5, 16)),
        ("on December 30", date(2026, 1, 3), False, day(2025, 12, 30)),
        ("on January 4", date(2025, 12, 30), True, day(2026, 1, 4)),
        # Days with a year need no article date.
        ("on February 27, 2025", None, False, day(2025, 2, 27)),
        ("held on 16 May 2025", None, False, day(2025, 5, 16)),
        ("2025-02-27", None, False, day(2025, 2, 27)),
        # Relative days.
        ("this morning", THU_27_FEB, False, day(2025, 2, 27)),
        ("yesterday", THU_27_FEB, False, day(2025, 2, 26)),
        ("tomorrow", THU_27_FEB, True, day(2025, 2, 28)),
        # Weeks (Monday to Sunday), months, years.
        ("last week's talks", FRI_28_FEB, False,
         DateSpan(date(2025, 2, 17), date(2025, 2, 23), "week")),
        ("next week", FRI_28_FEB, True, DateSpan(date(2025, 3, 3), date(2025, 3, 9), "week")),
        ("this week", SUN_23_FEB, True, DateSpan(date(2025, 2, 24), date(2025, 3, 2), "week")),
        ("this week", FRI_28_FEB, False, DateSpan(date(2025, 2, 24), date(2025, 3, 2), "week")),
        ("last month", FRI_28_FEB, False, DateSpan(date(2025, 1, 1), date(2025, 1, 31), "month")),
        ("next month", date(2025, 12, 30), True,
         DateSpan(date(2026, 1, 1), date(2026, 1, 31), "month")),
        ("in March", FRI_28_FEB, True, DateSpan(date(2025, 3, 1), date(2025, 3, 31), "month")),
        ("in November", FRI_28_FEB, False,
         DateSpan(date(2024, 11, 1), date(2024, 11, 30), "month")),
        ("in March 2024", None, False, DateSpan(date(2024, 3, 1), date(2024, 3, 31), "month")),
        ("last year", FRI_28_FEB, False, DateSpan(date(2024, 1, 1), date(2024, 12, 31), "year")),
        # Stretches.
        ("over the weekend", date(2023, 3, 20), False,
         DateSpan(date(2023, 3, 18), date(2023, 3, 19), "range")),
        ("this weekend", THU_27_FEB, True, DateSpan(date(2025, 3, 1), date(2025, 3, 2), "range")),
        ("within the next two weeks", SUN_23_FEB, True,
         DateSpan(date(2025, 2, 23), date(2025, 3, 9), "range")),
        ("in the coming days", SUN_23_FEB, True,
         DateSpan(date(2025, 2, 23), date(2025, 2, 26), "range")),
    ],
)  # fmt: skip
def test_relative_dates_resolve_against_the_published_date(
    text: str, published: date | None, future: bool, expected: DateSpan
) -> None:
    assert resolve(text, published, future) == expected


@pytest.mark.parametrize("text", ["on Friday", "next week", "on Feb 27", "last month"])
def test_without_a_published_date_relative_dates_stay_unknown(text: str) -> None:
    assert resolve(text, None) is None


@pytest.mark.parametrize(
    "text",
    ["they may meet", "talks in days", "since 2014", "a march on the capital", "31 Feb", "Mayor"],
)
def test_words_that_are_not_dates(text: str) -> None:
    assert all(e.resolve(FRI_28_FEB) is None for e in find_dates(text))


@pytest.mark.parametrize(
    ("span", "iso", "label"),
    [
        (day(2025, 2, 27), "2025-02-27", "27 Feb 2025"),
        (DateSpan(date(2025, 2, 24), date(2025, 3, 2), "week"), "2025-W09", "week of 24 Feb 2025"),
        (DateSpan(date(2025, 2, 1), date(2025, 2, 28), "month"), "2025-02", "Feb 2025"),
        (DateSpan(date(2025, 1, 1), date(2025, 12, 31), "year"), "2025", "2025"),
        (DateSpan(date(2025, 2, 23), date(2025, 3, 9), "range"), "2025-02-23/2025-03-09",
         "23 Feb–9 Mar 2025"),
    ],
)  # fmt: skip
def test_spans_print_with_their_precision(span: DateSpan, iso: str, label: str) -> None:
    assert span.iso() == iso
    assert span.label() == label
    assert DateSpan.from_json(span.to_json()) == span


def test_overlap_and_intersection() -> None:
    week = DateSpan(date(2025, 2, 17), date(2025, 2, 23), "week")
    assert week.overlaps(day(2025, 2, 18))
    assert not week.overlaps(day(2025, 2, 27))
    assert week.overlaps(day(2025, 2, 24), slack=1)
    assert week.intersect(day(2025, 2, 18)) == day(2025, 2, 18)
    assert week.intersect(day(2025, 2, 27)) is None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.dates(min_value=date(1901, 1, 1), max_value=date(2098, 12, 31)),
       st.booleans())  # fmt: skip
def test_finding_and_resolving_never_raise(text: str, published: date, future: bool) -> None:
    for expr in find_dates(text):
        assert text[expr.start : expr.end] == expr.text
        span = expr.resolve(published, future=future)
        if span is not None:
            assert span.start <= span.end

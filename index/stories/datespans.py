"""Dates as news text gives them ("on Thursday", "last week", "Feb. 27", "next month"), found in
a sentence and resolved against the article's published date, with the precision known.

    for expr in find_dates("Russian and US diplomats met in Istanbul on Thursday."):
        span = expr.resolve(published=date(2025, 2, 28), future=False)
        # DateSpan(2025-02-27, 2025-02-27, "day")

A weekday or a month without a year means the nearest one before the article for a meeting
that happened, the nearest one after it for a meeting still to come. Without a published date
only expressions that carry their own year resolve.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

__all__ = ["DateExpr", "DateSpan", "Precision", "find_dates"]

Precision = Literal["day", "week", "month", "year", "range"]


@dataclass(frozen=True, order=True)
class DateSpan:
    """A stretch of days (both ends included) and how precisely it is known."""

    start: date
    end: date
    precision: Precision

    @classmethod
    def day(cls, d: date) -> DateSpan:
        return cls(d, d, "day")

    @property
    def middle(self) -> date:
        return self.start + (self.end - self.start) / 2

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def overlaps(self, other: DateSpan, slack: int = 0) -> bool:
        """Whether the two stretches share a day (or come within `slack` days of each other)."""
        pad = timedelta(days=slack)
        return self.start <= other.end + pad and other.start <= self.end + pad

    def intersect(self, other: DateSpan) -> DateSpan | None:
        """The days both stretches hold, at the finer precision; None if they share none."""
        start, end = max(self.start, other.start), min(self.end, other.end)
        if start > end:
            return None
        finer = self if self.days <= other.days else other
        if (start, end) == (finer.start, finer.end):
            return finer
        return DateSpan(start, end, "day" if start == end else "range")

    def iso(self) -> str:
        """2025-02-27 (day), 2025-W09 (ISO week), 2025-02 (month), 2025 (year), or start/end."""
        if self.precision == "day":
            return self.start.isoformat()
        if self.precision == "week":
            year, week, _ = self.start.isocalendar()
            return f"{year}-W{week:02d}"
        if self.precision == "month":
            return f"{self.start.year}-{self.start.month:02d}"
        if self.precision == "year":
            return str(self.start.year)
        return f"{self.start.isoformat()}/{self.end.isoformat()}"

    def label(self) -> str:
        """27 Feb 2025, week of 24 Feb 2025, Feb 2025, 2025, or 23 Feb–9 Mar 2025."""
        if self.precision == "day":
            return _day_label(self.start)
        if self.precision == "week":
            return f"week of {_day_label(self.start)}"
        if self.precision == "month":
            return f"{calendar.month_abbr[self.start.month]} {self.start.year}"
        if self.precision == "year":
            return str(self.start.year)
        first = f"{self.start.day} {calendar.month_abbr[self.start.month]}"
        if self.start.year != self.end.year:
            first += f" {self.start.year}"
        return f"{first}–{_day_label(self.end)}"

    def to_json(self) -> list[str]:
        return [self.start.isoformat(), self.end.isoformat(), self.precision]

    @classmethod
    def from_json(cls, value: list[str]) -> DateSpan:
        start, end, precision = value
        if precision not in ("day", "week", "month", "year", "range"):
            raise ValueError(f"unknown precision {precision!r}")
        return cls(date.fromisoformat(start), date.fromisoformat(end), precision)  # type: ignore[arg-type]


def _day_label(d: date) -> str:
    return f"{d.day} {calendar.month_abbr[d.month]} {d.year}"


# ---- finding ----------------------------------------------------------------------------------

_MONTH_NAMES = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}  # fmt: skip
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_FULL_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November"
    r"|December)"
)
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_REL = (
    r"(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Ee]arly|[Ll]ate|[Mm]id-?|[Ii]n|[Oo]n|[Bb]y|[Ll]ater"
    r"|[Ee]arlier)\s+)"
)
_NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "few": 3, "several": 5, "couple of": 2}  # fmt: skip
_UNIT_DAYS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30, "months": 30}

# In order of preference: a longer, more precise reading wins over a part of it.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("month_day", re.compile(rf"\b{_REL}?{_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?")),
    ("day_month", re.compile(rf"\b{_REL}?{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR}\b)?")),
    ("month_year", re.compile(rf"\b{_REL}?{_FULL_MONTH}\s+{_YEAR}\b")),
    (
        "month",
        re.compile(
            rf"\b(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Ee]arly|[Ll]ate|[Mm]id-?|[Ii]n)\s+{_FULL_MONTH}\b"
        ),
    ),
    (
        "weekday",
        re.compile(
            r"\b(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Oo]n|[Ll]ater|[Ee]arlier|[Ll]ate|[Ee]arly)\s+)?"
            r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:['’]s)?\b"
        ),
    ),
    (
        "relative_day",
        re.compile(
            r"\b(?P<word>today|tonight|yesterday|tomorrow|this (?:morning|afternoon|evening)"
            r"|last night|earlier today|later today)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "weekend",
        re.compile(r"\b(?P<rel>over the|this|last|next|at the|on the)\s+weekend\b", re.IGNORECASE),
    ),
    (
        "relative",
        re.compile(
            r"\b(?P<rel>last|this|next|earlier this|later this|early next|late last|the past"
            r"|the previous|the following)\s+(?P<unit>week|month|year)(?:['’]s)?\b",
            re.IGNORECASE,
        ),
    ),
    (
        "within",
        re.compile(
            r"\b(?:within|in|over)\s+(?:the\s+)?(?:(?P<dir>next|coming|past|last)\s+)?"
            r"(?P<count>\d+|a|one|two|three|four|five|six|few|several|couple of)?\s*"
            r"(?P<unit>days?|weeks?|months?)\b",
            re.IGNORECASE,
        ),
    ),
    ("year", re.compile(rf"\b(?P<rel>[Ii]n|[Ss]ince|[Ll]ate|[Ee]arly|[Bb]y)\s+{_YEAR}\b")),
]


@dataclass(frozen=True)
class DateExpr:
    """One date expression found in a text: where it is, what it says, unresolved."""

    start: int
    end: int
    text: str
    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    rel: str | None = None
    unit: str | None = None
    count: int | None = None

    def resolve(self, published: date | None, future: bool = False) -> DateSpan | None:
        """The days this expression means in an article published on `published`, for a
        meeting still to come (`future`) or one that took place; None if it cannot be known."""
        try:
            return _resolve(self, published, future)
        except (ValueError, OverflowError):  # 31 February, years out of range
            return None


# Every expression holds a digit or one of these words: a text with none has no date.
_ANY_DATE = re.compile(
    r"\d|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)|day\b|days\b|night\b"
    r"|morning|afternoon|evening|tomorrow|week|month|year",
    re.IGNORECASE,
)


def find_dates(text: str) -> list[DateExpr]:
    """The date expressions in `text`, in order, none overlapping another."""
    if not _ANY_DATE.search(text):
        return []
    found: list[DateExpr] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.span()
            if any(start < b and a < end for a, b in taken):
                continue
            expr = _expr(kind, m)
            if expr is not None:
                taken.append((start, end))
                found.append(expr)
    found.sort(key=lambda e: e.start)
    return found


def _expr(kind: str, m: re.Match[str]) -> DateExpr | None:
    g = m.groupdict()
    rel = (g.get("rel") or "").lower().rstrip("-") or None
    year = int(g["year"]) if g.get("year") else None
    month = None
    if g.get("month"):
        raw = g["month"].lower().rstrip(".")
        month = int(raw) if raw.isdigit() else _MONTH_NAMES.get(raw)
    day = int(g["day"]) if g.get("day") else None
    if day is not None and not 1 <= day <= 31:
        return None
    common = {"start": m.start(), "end": m.end(), "text": m.group(), "rel": rel}
    if kind in ("iso", "month_day", "day_month"):
        return DateExpr(kind="day", year=year, month=month, day=day, **common)
    if kind in ("month_year", "month"):
        return DateExpr(kind="month", year=year, month=month, **common)
    if kind == "weekday":
        return DateExpr(kind="weekday", weekday=_WEEKDAYS[g["weekday"].lower()], **common)
    if kind == "relative_day":
        word = g["word"].lower()
        offset = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(word, 0)
        return DateExpr(kind="relative_day", count=offset, **common)
    if kind == "weekend":
        return DateExpr(kind="weekend", **common | {"rel": g["rel"].lower()})
    if kind == "relative":
        return DateExpr(
            kind="relative", unit=g["unit"].lower(), **common | {"rel": g["rel"].lower()}
        )
    if kind == "within":
        unit = g["unit"].lower()
        count_word = (g.get("count") or "").lower()
        direction = (g.get("dir") or "").lower()
        if not count_word and not direction:
            return None  # "in days" alone says nothing
        n = int(count_word) if count_word.isdigit() else _NUMBER_WORDS.get(count_word, 3)
        if not count_word:
            n = 1 if unit in ("day", "week", "month") else 3
        sign = -1 if direction in ("past", "last") else 1
        return DateExpr(kind="within", count=sign * n * _UNIT_DAYS[unit], **common)
    if kind == "year":
        if rel == "since":
            return None  # "since 2014" is a stretch of years, not when anyone met
        return DateExpr(kind="year", year=year, **common)
    return None


# ---- resolving --------------------------------------------------------------------------------


def _resolve(e: DateExpr, published: date | None, future: bool) -> DateSpan | None:
    if e.kind == "day" and e.month and e.day:
        if e.year is not None:
            return DateSpan.day(date(e.year, e.month, e.day))
        if published is None:
            return None
        return DateSpan.day(_nearest_year(e.month, e.day, published, e.rel, future))
    if e.kind == "month" and e.month:
        year = e.year if e.year is not None else _month_year(e.month, published, e.rel, future)
        if year is None:
            return None
        return _month_span(year, e.month)
    if e.kind == "year" and e.year:
        return DateSpan(date(e.year, 1, 1), date(e.year, 12, 31), "year")
    if published is None:
        return None
    if e.kind == "weekday" and e.weekday is not None:
        return DateSpan.day(_weekday(e.weekday, published, e.rel, future))
    if e.kind == "weekend":
        # The Saturday and Sunday nearest the article on the side the meeting is on.
        saturday = _weekday(5, published, "next" if e.rel == "next" else None, future)
        if e.rel == "last" and saturday >= published - timedelta(days=1):
            saturday -= timedelta(days=7)
        return DateSpan(saturday, saturday + timedelta(days=1), "range")
    if e.kind == "relative_day":
        return DateSpan.day(published + timedelta(days=e.count or 0))
    if e.kind == "relative":
        rel = e.rel or ""
        offset = -1 if rel in ("last", "late last", "the past", "the previous") else 0
        if rel in ("next", "early next", "the following"):
            offset = 1
        if e.unit == "week":
            if rel == "this" and future and published.weekday() >= 5:
                offset = 1  # "this week" in a weekend paper is the week to come
            monday = published - timedelta(days=published.weekday()) + timedelta(weeks=offset)
            return DateSpan(monday, monday + timedelta(days=6), "week")
        if e.unit == "month":
            month0 = published.year * 12 + published.month - 1 + offset
            return _month_span(month0 // 12, month0 % 12 + 1)
        year = published.year + offset
        return DateSpan(date(year, 1, 1), date(year, 12, 31), "year")
    if e.kind == "within" and e.count:
        other = published + timedelta(days=e.count)
        return DateSpan(min(published, other), max(published, other), "range")
    return None


def _nearest_year(month: int, day: int, published: date, rel: str | None, future: bool) -> date:
    """The (month, day) nearest the article: the last one on or before it for "last" or a past
    meeting told without a year, the next one for "next"; else simply the closest."""
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        with _skip_invalid():
            candidates.append(date(year, month, day))
    if not candidates:
        raise ValueError("no such day")
    if rel == "last":
        before = [d for d in candidates if d <= published]
        return max(before) if before else min(candidates, key=lambda d: abs(d - published))
    if rel == "next":
        after = [d for d in candidates if d >= published]
        return min(after) if after else min(candidates, key=lambda d: abs(d - published))

    # A day a few weeks off in the "wrong" direction is still the nearest reading; a past
    # meeting is rarely reported months ahead of itself, so ties go to the expected side.
    def distance(d: date) -> tuple[int, int]:
        wrong_side = (d > published) if not future else (d < published)
        return (abs((d - published).days) + (45 if wrong_side else 0), 0)

    return min(candidates, key=distance)


class _skip_invalid:
    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: object, value: object, tb: object) -> bool:
        return kind is ValueError


def _month_year(month: int, published: date | None, rel: str | None, future: bool) -> int | None:
    if published is None:
        return None
    if rel == "last" or (rel not in ("next", "this") and not future):
        return published.year if month <= published.month else published.year - 1
    if rel == "next" or future:
        return published.year if month >= published.month else published.year + 1
    return published.year


def _month_span(year: int, month: int) -> DateSpan:
    last = calendar.monthrange(year, month)[1]
    return DateSpan(date(year, month, 1), date(year, month, last), "month")


def _weekday(weekday: int, published: date, rel: str | None, future: bool) -> date:
    """The day of the week meant in an article of `published`: the latest one on or before it
    for a past meeting ("met on Thursday"), the next one on or after it for a future one;
    "last" and "next" exclude the publication day itself."""
    back = (published.weekday() - weekday) % 7
    ahead = (weekday - published.weekday()) % 7
    if rel == "last":
        return published - timedelta(days=back or 7)
    if rel == "next":
        return published + timedelta(days=ahead or 7)
    if future:
        return published + timedelta(days=ahead)
    return published - timedelta(days=back)

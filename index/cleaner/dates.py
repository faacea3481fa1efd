"""Finding calendar dates in page text, in the forms news sites print them."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        "january jan januar janvier enero gennaio janeiro ocak",
        "february feb februar février fevrier febrero febbraio fevereiro şubat subat",
        "march mar märz maerz mars marzo março marco mart",
        "april apr avril abril aprile nisan",
        "may mai mayo maggio maio mayıs mayis",
        "june jun juni juin junio giugno junho haziran",
        "july jul juli juillet julio luglio julho temmuz",
        "august aug août aout agosto ağustos agustos",
        "september sep sept septembre septiembre settembre setembro eylül eylul",
        "october oct oktober octobre octubre ottobre outubro ekim",
        "november nov novembre noviembre novembro kasım kasim",
        "december dec dezember décembre decembre diciembre dicembre dezembro aralık aralik",
    ],
    start=1,
):
    for _name in _names.split():
        MONTHS[_name] = _number

WEEKDAYS = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "lunedì",
    "martedì",
    "mercoledì",
    "giovedì",
    "venerdì",
    "sabato",
    "domenica",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "sábado",
    "domingo",
]

# Month and weekday names are matched as any word, then looked up: one big alternation of
# names is many times slower on long lines. A name's letters are taken all at once ("{,}+":
# a name is followed by no letter, so giving some back never helps). Each saves most of the
# regexes' time on the letters of a line.
_MONTH = r"(?P<month>[^\W\d_]{3,10}+)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|º|°)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY_NAMES = frozenset(WEEKDAYS)
# A year ends at a word's end, or where a time was printed against it ("February 27,
# 20252:31 PM GMT": a page's date and time in two elements, flattened without a space).
_YEAR_END = r"(?:\b|(?=[0-2]?\d:[0-5]\d))"

# The four forms, in their order of precedence (a date one of them took is not read again).
# Forms 1 and 2 may open with a weekday, "Friday, " or "Fri. ": any word of 2 to 12 letters
# that no letter precedes, then a stop, a comma, spaces; looked up in `_WEEKDAY_NAMES`
# afterwards (a date after another word, "on", "Published", starts at its day or month).
# That weekday is read backwards from the day or month (`_weekday_before`), not by the
# regexes: as an optional group opening them it was tried at every letter of a line, most
# of their cost. The dates found are the same, in the same order, with the same starts:
# the weekday, its stop, comma and spaces hold no digit and no word starts inside them, so
# the leftmost match of a form with its weekday holds the leftmost match without it, and
# the weekday is the one run of "letters, stop, comma, spaces" that ends where that starts
# (tests check it against the forms written with the optional weekday).
_PATTERNS = [
    # 2025-02-27, 2025/02/27 (optionally followed by a time)
    re.compile(r"\b(?P<year>(?:19|20)\d\d)[-/.](?P<month>[01]?\d)[-/.](?P<day>[0-3]?\d)(?!\d)"),
    # 27 February 2025, 27 Feb. 2025, (Friday,) 5 December 2025, 27. Februar 2025,
    # 5 de mayo de 2025
    re.compile(rf"\b{_DAY}\.?\s+(?:de\s+)?{_MONTH},?\s+(?:de\s+)?{_YEAR}{_YEAR_END}"),
    # February 27, 2025, Feb. 27 2025, (Friday,) February 28, 2025
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}{_YEAR_END}"),
    # 27/02/2025, 27.02.2025, 02/27/2025, 12/30/2019, 01.21.2020
    re.compile(r"\b(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?P=sep)(?P<year>(?:19|20)\d\d)\b"),
]
# The weekday's word (with its stop and comma), ending where the spaces before a date start.
_WEEKDAY_WORD = re.compile(r"(?<![^\W\d_])(?P<weekday>[^\W\d_]{2,12}+)\.?,?\Z")


def _weekday_before(text: str, start: int) -> tuple[str | None, int]:
    """The word that would open the date at `start` as its weekday ("Friday" of "Friday,
    February 28, 2025", or "on" of "on 5 May 2025"), and where it starts; else (None, start)."""
    end = len(text[:start].rstrip())  # (`str.isspace` is `\s`: a test checks all of Unicode)
    if end == start:
        return None, start
    # The word, its stop and its comma are at most 14 characters; the lookbehind sees the
    # character before where the search starts, so a longer word is not taken.
    m = _WEEKDAY_WORD.search(text, max(0, end - 14), end)
    if m is None:
        return None, start
    return m.group("weekday"), m.start()


@dataclass(frozen=True)
class FoundDate:
    value: date
    start: int
    end: int
    has_weekday: bool


def _to_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


_YEAR_HINT = re.compile(r"(?:19|20)\d\d")


def find_dates(text: str, day_first: bool | None = None) -> tuple[FoundDate, ...]:
    """Every unambiguous calendar date in `text`, in order of position.

    `day_first` settles numeric dates like 03/04/2025 when the page's own convention is
    known (`numeric_order`); without it they are not guessed.
    """
    # Most lines hold no year: answered before the cache, which keeps the lines that do. (A
    # year holds "19" or "20": looking for those first is cheaper than the regex.)
    if ("19" not in text and "20" not in text) or not _YEAR_HINT.search(text):
        return ()
    return _find_dates_cached(text, day_first)


def holding_a_year(texts: list[str]) -> list[int]:
    """The positions, in order, of the texts that hold a year: the only ones `find_dates`
    finds a date in. One search over all of them joined (a year holds no newline), much
    cheaper than one call per text when most hold none."""
    ends: list[int] = []
    end = 0
    for text in texts:
        end += len(text) + 1
        ends.append(end)
    joined = "\n".join(texts)
    # A regex that opens with plain text is searched for much faster than "(?:19|20)": two
    # searches. Where they skip a year overlapping the last ("191999"), it stands in the
    # same run of digits, so in the same text.
    found = {bisect_right(ends, m.start()) for m in _NINETEEN.finditer(joined)}
    found.update(bisect_right(ends, m.start()) for m in _TWENTY.finditer(joined))
    return sorted(found)


_NINETEEN = re.compile(r"19\d\d")
_TWENTY = re.compile(r"20\d\d")


@lru_cache(maxsize=4096)
def _find_dates_cached(text: str, day_first: bool | None) -> tuple[FoundDate, ...]:
    if len(text) <= 200:
        return _find_dates(text, day_first)
    # A long line: look only around its years (every date form holds one), not everywhere.
    found: dict[int, FoundDate] = {}
    for year in _YEAR_HINT.finditer(text):
        begin = max(0, year.start() - 48)
        for d in _find_dates(text[begin : year.end() + 12], day_first):
            if d.start > 0 or begin == 0:
                shifted = FoundDate(d.value, d.start + begin, d.end + begin, d.has_weekday)
                found.setdefault(shifted.start, shifted)
    return tuple(sorted(found.values(), key=lambda d: d.start))


_ISO_AFTER = frozenset("-/.")


def _forms_to_read(text: str) -> tuple[bool, bool, bool, bool]:
    """Which of the four date forms may be in `text`, told from its years alone (each form
    holds one, and each year of a form is one `_YEAR_HINT` finds: a digit never stands just
    before it). The ISO form has "-", "/" or "." after its year; the numeric one "/" or "."
    before it; the forms with a month's name spaces before it, and before those (and a "de"
    or a comma) the month's last letter or stop (form 1), or the day's last digit or the
    "st", "nd", "rd", "th", "º", "°" after it (form 2)."""
    iso = day_month = month_day = numeric = False
    for hint in _YEAR_HINT.finditer(text):
        year = hint.start()
        if text[year + 4 : year + 5] in _ISO_AFTER:
            iso = True
        if not year:
            continue
        before = text[year - 1]
        if before == "/" or before == ".":
            numeric = True
        elif before.isspace():
            head = text[:year].rstrip()
            if head.endswith(","):
                head = head[:-1]
            if head:
                last = head[-1]
                # (`[^\W\d_]` is what `isalnum` and not `isdecimal` tells, `\d` what
                # `isdecimal` tells: a test checks all of Unicode)
                if last.isdecimal() or last in "tdhº°":
                    month_day = True
                if last == "." or (last.isalnum() and not last.isdecimal()):
                    day_month = True
    return iso, day_month, month_day, numeric


def _find_dates(text: str, day_first: bool | None) -> tuple[FoundDate, ...]:
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    forms = _forms_to_read(text)
    for index, pattern in enumerate(_PATTERNS):
        if not forms[index]:
            continue  # (none of its dates can be there)
        for m in pattern.finditer(text):
            start = m.start()
            weekday = None
            if index == 1 or index == 2:
                weekday, before = _weekday_before(text, start)
                if weekday is not None:
                    if weekday.lower() in _WEEKDAY_NAMES:
                        start = before
                    else:
                        weekday = None  # a word before the date ("on", "Published")
            end = m.end()
            if taken and any(start < stop and begin < end for begin, stop in taken):
                continue
            year = int(m.group("year"))
            if index == 3:
                a, b = int(m.group("a")), int(m.group("b"))
                if a > 12 and b <= 12:
                    day, month = a, b
                elif b > 12 and a <= 12:
                    month, day = a, b
                elif a == b or m.group("sep") == ".":
                    # Dotted numeric dates are day-first wherever they are used.
                    day, month = a, b
                elif day_first is not None:
                    day, month = (a, b) if day_first else (b, a)
                else:
                    continue  # 03/04/2025: day-first or month-first? Not knowable.
            else:
                month_text = m.group("month")
                if month_text.isdigit():
                    month = int(month_text)
                elif month_text.lower() in MONTHS:
                    month = MONTHS[month_text.lower()]
                else:
                    continue
                day = int(m.group("day"))
            value = _to_date(year, month, day)
            if value is None:
                continue
            taken.append((start, end))
            found.append(FoundDate(value, start, end, weekday is not None))
    if len(found) > 1:
        found.sort(key=lambda d: d.start)
    return tuple(found)


_NUMERIC = re.compile(r"\b([0-3]?\d)/([01]?\d)/(?:19|20)\d\d\b")
_NUMERIC_TAIL = re.compile(r"/[01]?\d/(?:19|20)\d\d")  # what every match of _NUMERIC holds


def numeric_order(texts: list[str], language: str | None = None) -> bool | None:
    """Whether the page writes numeric dates day first (True), month first (False), or
    None when it cannot be told: a date like 25/02/2025 or 02/25/2025 on the page settles
    it; else a page not in English is taken as day-first (as most of the world writes)."""
    day_first = month_first = False
    # Each such date holds "/<month>/<year>": one search of the texts joined (it runs from
    # each "/") tells most pages, which have none, apart without reading them text by text.
    if _NUMERIC_TAIL.search("\n".join(texts)):
        for text in texts:
            if "/" not in text:
                continue
            for a, b in _NUMERIC.findall(text):
                day_first |= int(a) > 12
                month_first |= int(b) > 12
    if day_first != month_first:
        return day_first
    if not (day_first or month_first) and language not in (None, "en"):
        return True
    return None


_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?\b", re.IGNORECASE)
_RELATIVE = re.compile(
    r"\b(?:updated|modified|edited)?\s*\d+\s*(?:min(?:ute)?s?|h(?:ou)?rs?|days?)\s+ago\b",
    re.IGNORECASE,
)
_DATE_LABEL = re.compile(
    r"^(?:(?:first\s+)?published(?:\s+(?:on|at))?|posted(?:\s+on)?|updated(?:\s+on)?|"
    r"last\s+updated|modified|date|pubblicato|publié|veröffentlicht|publicado|on)\s*[:\-–]?\s*",
    re.IGNORECASE,
)


def has_time(line: str) -> bool:
    """Whether the line gives a time of day ("07:46", "9.30 pm", "07:46hrs")."""
    return _TIME.search(line) is not None or _HOURS.search(line) is not None


_HOURS = re.compile(r"\b\d{1,2}[:.h]\d{2}\s*(?:hrs?|h)\b", re.IGNORECASE)


# The signature under an embedded post, part of what the article quotes: "— Jane Doe
# (@janedoe) February 27, 2025".
_POST_SIGNATURE = re.compile(r"^[—–-]\s*[^()]{1,60}\(@\w{1,30}\)")


def is_date_only(line: str) -> bool:
    """True for a line that says a date and nothing else (times, labels, separators allowed)."""
    dates = find_dates(line)
    if not dates or _POST_SIGNATURE.match(line):
        return False
    rest = line
    for d in reversed(dates):
        rest = rest[: d.start] + " " + rest[d.end :]
    # (Each regex only where it can match, a cheap test first: a time holds ":" or ".", a
    # relative time "ago" in some case, which only "a", "g", "o" in either case match.)
    if ":" in rest or "." in rest:
        rest = _TIME.sub(" ", rest)
    if "ago" in rest.lower():
        rest = _RELATIVE.sub(" ", rest)
    rest = _DATE_LABEL.sub("", rest.strip())
    rest = _SEPARATORS.sub(" ", rest).strip()
    return len(rest.split()) <= 3 and len(rest) <= 20


_SEPARATORS = re.compile(r"[\s|,.:;/·•\-–—()+]+")

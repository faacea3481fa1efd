"""The metadata finders' shortcuts answer as the plain definitions they stand for.

Each shortcut (a cheap test run before a costly regex, a regex split or rewritten to be
faster) is checked here against the plain form, on lines made of the pieces that matter.
"""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from parallax.index.cleaner import dates, metadata, wire
from parallax.index.cleaner.body import Unit, build_units, classify_units
from parallax.index.cleaner.needles import ODD_CASE, Needles
from parallax.index.cleaner.text import words

_ODD = str.maketrans({"i": "\u0130", "I": "\u0131", "s": "\u017f", "k": "\u212a"})


def _lines(pieces: list[str], max_size: int = 10) -> st.SearchStrategy[str]:
    """Lines of the given pieces (as written, upper-cased, title-cased, with the odd cases),
    of noise and of the separators lines carry."""
    piece = st.sampled_from(sorted(set(pieces)))
    return st.lists(
        st.one_of(
            piece,
            piece.map(str.upper),
            piece.map(str.title),
            piece.map(lambda p: p.translate(_ODD)),
            st.sampled_from(
                [" ", "  ", "\n", ".", ",", ", ", " | ", " - ", " — ", ":", "(", ")", "/", "@"]
            ),
            st.sampled_from(["…", "...", "»", "›", ">>", "[", "]", "’", "é", "ß", "_", "2"]),
            st.text(max_size=4),
        ),
        max_size=max_size,
    ).map("".join)


def test_odd_case_is_every_character_matching_ascii_without_case() -> None:
    ascii_char = re.compile(r"(?i)[\x00-\x7f]")
    odd = {
        chr(c)
        for c in range(0x80, sys.maxunicode + 1)
        if not 0xD800 <= c <= 0xDFFF and ascii_char.match(chr(c))
    }
    assert odd == ODD_CASE


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.text(alphabet=st.characters(max_codepoint=0x7F), min_size=1, max_size=5), max_size=5
    ),
    st.lists(st.text(min_size=1, max_size=4), max_size=5),
    st.data(),
)
def test_needles_never_miss_a_match(folded, exact, data) -> None:
    line = data.draw(_lines(folded + exact + ["x"]))
    needles = Needles(exact, folded)
    found = any(re.search(re.escape(s), line, re.IGNORECASE) for s in folded) or any(
        s in line for s in exact
    )
    if found:
        assert needles.may_hold(line)


@pytest.mark.parametrize("odd", sorted(ODD_CASE))
def test_needles_see_each_odd_case_character(odd) -> None:
    # A folded needle written with the odd character for its ASCII letter: the regex matches
    # it without case, so the needles must say maybe (each of the four is looked for alone).
    letter = next(c for c in "iks" if re.fullmatch(c, odd, re.IGNORECASE))
    needle = f"pa{letter}istan"
    line = "Jane Doe, " + needle.replace(letter, odd) + " — café"
    assert re.search(needle, line, re.IGNORECASE)
    assert Needles([], [needle]).may_hold(line)


def test_needles_say_no_when_nothing_is_there() -> None:
    needles = Needles(["AP"], ["reuters"])
    assert not needles.may_hold("Apple pie, no wire here")
    assert needles.may_hold("By Jane Doe | REUTERS")
    assert needles.may_hold("AP Istanbul")
    # A lone surrogate (the automaton reads UTF-8): maybe, so the regex is asked.
    assert needles.may_hold("\ud800 nothing")
    with pytest.raises(ValueError):
        Needles([], ["télam"])


_AGENCY = re.compile(wire.AGENCY)
_SPELLINGS = [*wire.agency_table()[0], *wire.agency_table()[1]]
_WIRE_WORDS = _SPELLINGS + ["By ", "Source: ", "©", "staff", " contributed", "via ", "with "]


@settings(max_examples=500, deadline=None)
@given(_lines(_WIRE_WORDS))
def test_no_agency_pattern_matches_where_no_agency_may_be_named(line) -> None:
    if wire.may_name_agency(line):
        return
    assert _AGENCY.search(line) is None
    for pattern in (
        wire._CREDIT_LINE,
        wire._BYLINE_CREDIT,
        wire._SHOUTED_BYLINE_CREDIT,
        wire._CREDIT_THEN_DATE,
        wire._CONTRIBUTED,
        wire._SIGNOFF,
        wire._COPYRIGHT,
        wire._FEED,
        wire._AGENCY_PLACE_LINE,
        wire._IN_PARENS,
        wire._CLOSING_CREDIT,
        metadata._AGENCY_IN_BYLINE,
    ):
        assert pattern.search(line) is None


@settings(max_examples=300, deadline=None)
@given(st.lists(_lines([*_WIRE_WORDS, "Σ", "ΑΣ", "x"], max_size=6), max_size=6))
def test_units_are_looked_at_joined_only_when_none_may_credit(texts) -> None:
    units = [Unit(k, [k], text, text, text.split()) for k, text in enumerate(texts)]
    if not wire._may_credit(units):
        assert all(wire.credit_agency(text) == (None, "") for text in texts)


def _plain_places_in(gazetteer: str) -> frozenset[str]:
    """`wire._known_places` as it was written: cell by cell."""
    places: set[str] = set()
    for line in gazetteer.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("|")
        for column in (0, 1, 3, 4):
            if column < len(cells):
                places.update(p.strip().lower() for p in cells[column].split(",") if p.strip())
    return frozenset(places)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        _lines(["Kabul", "Mazar-i-Sharif", "ΑΣ", "İstanbul", "#", "|", ",", " ", "x"], max_size=12),
        max_size=8,
    ).map("\n".join)
)
def test_gazetteer_places_are_read_as_cell_by_cell(gazetteer) -> None:
    assert wire._places_in(gazetteer) == _plain_places_in(gazetteer)


def test_every_agency_spelling_may_be_named() -> None:
    for spelling in _SPELLINGS:
        for form in (spelling, spelling.upper(), spelling.title(), f"By Jane Doe, {spelling}"):
            assert wire.may_name_agency(form) or _AGENCY.search(form) is None


# The regex `metadata._not_headline` was split from, as it was written.
_NOT_HEADLINE = re.compile(
    r"https?://|www\.|@\w|[,;:|/\\]$|(?:\.\.\.|…)$|^\W*$|^[\d\s\W]+$|\b(?:opens?\s+in\s+a\s+new|"
    r"javascript|cookies?|log\s?in|sign\s?(?:in|up)|subscribe|newsletter|advertis\w*|"
    r"skip\s+to|audio\s+version|listen\s+to\s+(?:this|the)|expand\b.*\bcollapse|"
    r"(?:expand|collapse)\s+(?:all|menu|search|comments)|search\s+term)\b|"
    r"^please\b|^search\b|^most\s+(?:read|popular|viewed|shared)\b|[›»]|>>|"
    r"^(?:foto|photo|image|bild|slide)\s+\d+\s+(?:de|of|von|di|/)\s+\d+|"
    r"^(?:published|posted|updated|last\s+updated|publicado|actualizado|pubblicato|aggiornato|"
    r"veröffentlicht|aktualisiert|publié|mis\s+à\s+jour)\b|\byour\s+(?:device|browser)\b|"
    r"^\(.*\)$|^(?:media|image|video|photo)\s+caption\b",
    re.IGNORECASE,
)
_HEADLINE_WORDS = re.findall(r"[^\W\d_]{2,}", _NOT_HEADLINE.pattern) + [
    "http://",
    "https://",
    "www.",
    "@x",
    "3 of 12",
    "Photo 2 / 9",
    "(",
    ")",
    "mis à jour",
    "Market news",
    # Each alternative whole, so that a line holds one and little else.
    "opens in a new",
    "log in",
    "sign up",
    "skip to",
    "audio version",
    "listen to the",
    "expand all",
    "collapse menu",
    "search term",
    "your device",
    "your browser",
    "most read",
    "last updated",
]


@settings(max_examples=800, deadline=None)
@given(_lines(_HEADLINE_WORDS))
def test_not_headline_answers_as_the_regex_it_was_split_from(line) -> None:
    assert metadata._not_headline(line) == (_NOT_HEADLINE.search(line) is not None)


@pytest.mark.parametrize("line", [w for w in _HEADLINE_WORDS if " " in w or not w.isalpha()])
def test_not_headline_knows_each_alternative(line) -> None:
    for form in (line, f"A {line} B", line.upper(), line.translate(_ODD), f"({line})"):
        assert metadata._not_headline(form) == (_NOT_HEADLINE.search(form) is not None)


_POST_LINK_OR_CAPTION = re.compile(
    r"^\s*[←⟵‹«]|[→⟶›»]\s*$|\b(?:photo|foto|image|picture|bild|imagen|immagine)\s*:", re.IGNORECASE
)


@settings(max_examples=300, deadline=None)
@given(_lines(["photo", "Foto", "image", "picture", "bild", "imagen", "←", "→", "«", "»", "x"]))
def test_post_link_or_caption_answers_as_the_regex_it_was_split_from(line) -> None:
    split = bool(
        metadata._POST_LINK.search(line) or (":" in line and metadata._CAPTION_CREDIT.search(line))
    )
    assert split == (_POST_LINK_OR_CAPTION.search(line) is not None)


_GLUED = ["January", "Jan", "Mar", "May", "Sept", "Monday", "Updated", "Posted", "Published"]


@settings(max_examples=300, deadline=None)
@given(_lines(_GLUED + ["Doe", "jane", "Reuters", "AP", "@jdoe", "[email protected]", "x@y.com"]))
def test_byline_cleaning_skips_only_what_finds_nothing(line) -> None:
    if not metadata._GLUED_HINT.search(line):
        assert metadata._MONTH_GLUED.search(line) is None
    if "@" not in line and "[" not in line:
        assert metadata._HANDLE.search(line) is None


# The date forms as `dates` wrote them before taking names' letters at once, and before
# reading a weekday backwards from the date (`dates._weekday_before`).
_MONTH = r"(?P<month>[^\W\d_]{3,10})\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|º|°)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?:(?P<weekday>[^\W\d_]{2,12})\.?,?\s+)?"
_PLAIN_PATTERNS = [
    re.compile(r"\b(?P<year>(?:19|20)\d\d)[-/.](?P<month>[01]?\d)[-/.](?P<day>[0-3]?\d)(?!\d)"),
    re.compile(
        rf"{_WEEKDAY}\b{_DAY}\.?\s+(?:de\s+)?{_MONTH},?\s+(?:de\s+)?{_YEAR}{dates._YEAR_END}"
    ),
    re.compile(rf"{_WEEKDAY}\b{_MONTH}\s+{_DAY},?\s+{_YEAR}{dates._YEAR_END}"),
    re.compile(r"\b(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?P=sep)(?P<year>(?:19|20)\d\d)\b"),
]


def _plain_find_dates(text: str, day_first: bool | None) -> tuple[dates.FoundDate, ...]:
    """`dates._find_dates` as it was written: each form run over the whole text, in turn."""
    found: list[dates.FoundDate] = []
    taken: list[tuple[int, int]] = []
    for index, pattern in enumerate(_PLAIN_PATTERNS):
        for m in pattern.finditer(text):
            groups = m.groupdict()
            start = m.start()
            weekday = groups.get("weekday")
            if weekday is not None and weekday.lower() not in dates._WEEKDAY_NAMES:
                weekday = None
                start = m.start("day" if index == 1 else "month")
            if any(start < end and begin < m.end() for begin, end in taken):
                continue
            year = int(groups["year"])
            if index == 3:
                a, b = int(groups["a"]), int(groups["b"])
                if a > 12 and b <= 12:
                    day, month = a, b
                elif b > 12 and a <= 12:
                    month, day = a, b
                elif a == b or groups["sep"] == ".":
                    day, month = a, b
                elif day_first is not None:
                    day, month = (a, b) if day_first else (b, a)
                else:
                    continue
            else:
                month_text = groups["month"]
                if month_text.isdigit():
                    month = int(month_text)
                elif month_text.lower() in dates.MONTHS:
                    month = dates.MONTHS[month_text.lower()]
                else:
                    continue
                day = int(groups["day"])
            value = dates._to_date(year, month, day)
            if value is None:
                continue
            taken.append((start, m.end()))
            found.append(dates.FoundDate(value, start, m.end(), weekday is not None))
    found.sort(key=lambda d: d.start)
    return tuple(found)


_DATE_WORDS = [
    *dates.MONTHS,
    *dates.WEEKDAYS,
    "5",
    "27",
    "31st",
    "2nd",
    "4th",
    "5º",
    "6°",
    "2025",
    "1999",
    "de",
    "de ",
    "Feb.",
    "27.",
    ", ",
    "\u00a0",
    "\u2009",
    "\t",
    "\x1c",
    "Posted",
    "on",
    "Abcdefghijkl",  # 12 letters, then more
    "Abcdefghijklm",
    "xy",
    "²",
    "03/04/2025",
    "2025-02-27",
    "27.02.2025",
    "20252:31",  # a year and a time glued
    "202511:05",
]


@settings(max_examples=1500, deadline=None)
@given(_lines(_DATE_WORDS, max_size=14), st.sampled_from([None, True, False]))
def test_dates_are_found_as_the_plain_forms_find_them(line, day_first) -> None:
    assert dates._find_dates(line, day_first) == _plain_find_dates(line, day_first)


_GAPS = st.sampled_from(
    ["", " ", "  ", ", ", ",", ".", ". ", "., ", "\u00a0", "\t", " de ", "/", "-"]
)


@st.composite
def _date_shaped(draw) -> str:
    """A line shaped like one of the forms, its pieces and the gaps between them drawn apart:
    words before, a weekday or not, day and month in either order, a year, words after."""
    piece = st.one_of(st.sampled_from(_DATE_WORDS), st.text(max_size=3))
    day = draw(st.sampled_from(["5", "27", "31", "05", "45", "2"]))
    day += draw(st.sampled_from(["", "", "st", "nd", "rd", "th", "º", "°", "."]))
    month = draw(st.sampled_from([*dates.MONTHS, "Xyz", "Mayo", "02", "13"]))
    month = draw(st.sampled_from([month, month.title(), month.upper(), month + "."]))
    middle = [day, month] if draw(st.booleans()) else [month, day]
    parts = [
        draw(piece),
        draw(_GAPS),
        draw(st.sampled_from(["", *dates.WEEKDAYS, "Friday", "on", "Abcdefghijklm"])),
        draw(_GAPS),
        middle[0],
        draw(_GAPS),
        middle[1],
        draw(_GAPS),
        draw(st.sampled_from(["2025", "1999", "2025", "2125", "20252:31"])),
        draw(_GAPS),
        draw(piece),
    ]
    return "".join(parts)


@settings(max_examples=1500, deadline=None)
@given(_date_shaped(), st.sampled_from([None, True, False]))
def test_date_shaped_lines_are_read_as_the_plain_forms_read_them(line, day_first) -> None:
    assert dates._find_dates(line, day_first) == _plain_find_dates(line, day_first)


@pytest.mark.parametrize(
    "line",
    [
        "TheGhostofBelleStarr November 26, 2015 at 3:27 pm",
        "Abcdefghijklmonday, 5 December 2025",
        "Xmonday, 5 December 2025",
        "Monday, 5 December 2025",
        "Posted on Friday, February 28, 2025",
        "5monday, 5 December 2025",
        "_Friday, February 28, 2025",
        "Éxmardi 5 mars 2024",
        "ſunday, 5 December 2025",
        "Friday.,\u00a0 February 28, 2025; Saturday 1 March 2025",
        "5 de mayo de 2025, 2025-05-06, 07.05.2025",
        "May 5º, 2025",
        "May 1st 2025",
        "June 2nd, 2025",
        "Aug. 3rd 2025",
        "July 4th\u00a0 2025",
        "mayo 6° 2025",
        "27 Feb. 2025",
    ],
)
def test_dates_inside_long_words(line) -> None:
    plain = _plain_find_dates(line, None)
    assert dates._find_dates(line, None) == plain
    assert plain


def _plain_is_date_only(line: str) -> bool:
    """`dates.is_date_only` as it was written: every regex on every line."""
    found = dates.find_dates(line)
    if not found or dates._POST_SIGNATURE.match(line):
        return False
    rest = line
    for d in reversed(found):
        rest = rest[: d.start] + " " + rest[d.end :]
    rest = dates._TIME.sub(" ", rest)
    rest = dates._RELATIVE.sub(" ", rest)
    rest = dates._DATE_LABEL.sub("", rest.strip())
    rest = re.sub(r"[\s|,.:;/·•\-–—()+]+", " ", rest).strip()
    return len(rest.split()) <= 3 and len(rest) <= 20


_DATE_ONLY_WORDS = [
    *_DATE_WORDS,
    "February 27, 2025",
    "27 Feb 2025",
    "10:30",
    "9.30 pm",
    "07:46 GMT",
    "Updated",
    "updated 5 mins ago",
    "3 hours AGO",
    "2 days aGo",
    "Published on",
    "First published:",
    "|",
    "—",
    "— Jane Doe (@janedoe)",
]


@st.composite
def _date_line_shaped(draw) -> str:
    """A label, a date, a time, a relative time and a few other words, each maybe, in order."""
    maybe = lambda options: draw(st.sampled_from(["", *options]))  # noqa: E731
    parts = [
        maybe(["Published", "Updated:", "First published on", "By Jane Doe |", "x"]),
        draw(st.sampled_from(["February 27, 2025", "27 Feb. 2025", "2025-02-27", "27.02.2025"])),
        maybe([",", " |", " -", " at"]),
        maybe(["9.30 pm", "10:30", "07:46 GMT", "9.30 pm EST", "10.5", "1.2.3"]),
        maybe(["updated 5 mins ago", "3 hours AGO", "2 days aGo", "ago", "Ago 3"]),
        maybe(["and", "read more here", "x y", "(photo)"]),
    ]
    return draw(st.sampled_from([" ", "  ", ""])).join(parts)


@settings(max_examples=800, deadline=None)
@given(st.one_of(_lines(_DATE_ONLY_WORDS, max_size=8), _date_line_shaped()))
def test_date_only_lines_are_told_as_by_every_regex(line) -> None:
    assert dates.is_date_only(line) == _plain_is_date_only(line)


@pytest.mark.parametrize(
    "line",
    [
        "Published 27 Feb 2025, 9.30 pm EST",
        "Updated: February 27, 2025 10:30 GMT x",
        "February 27, 2025 updated 5 mins ago x",
        "27 Feb. 2025 | 3 hours AGO | x y",
    ],
)
def test_date_lines_with_times(line) -> None:
    assert dates.is_date_only(line) == _plain_is_date_only(line)


def test_character_tests_are_the_regex_classes() -> None:
    # `dates` reads the characters around a year with `str` methods for `\s`, `\d` and
    # `[^\W\d_]`: the same answer for every character.
    space, digit, letter = re.compile(r"\s"), re.compile(r"\d"), re.compile(r"[^\W\d_]")
    ago = re.compile(r"[ago]", re.IGNORECASE)
    for code in range(sys.maxunicode + 1):
        c = chr(code)
        assert c.isspace() == bool(space.match(c)), hex(code)
        assert c.isdecimal() == bool(digit.match(c)), hex(code)
        assert (c.isalnum() and not c.isdecimal()) == bool(letter.match(c)), hex(code)
        # (`is_date_only` looks for "ago" lower-cased before its relative-time regex)
        assert bool(ago.match(c)) == (c in "agoAGO"), hex(code)


@settings(max_examples=500, deadline=None)
@given(_lines([*_DATE_WORDS, "19", "20", "x"], max_size=8), st.sampled_from([None, True, False]))
def test_lines_without_19_or_20_hold_no_date(line, day_first) -> None:
    assert dates.find_dates(line, day_first) == dates._find_dates_cached(line, day_first)


@settings(max_examples=300, deadline=None)
@given(st.lists(_lines(["2025", "1999", "20", "19", "191999", "x"], max_size=4), max_size=8))
def test_texts_holding_a_year_are_those_find_dates_may_read(texts) -> None:
    plain = [k for k, text in enumerate(texts) if dates._YEAR_HINT.search(text)]
    assert dates.holding_a_year(texts) == plain


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_lines([*metadata._OUTLET_HINTS, "Welcome", "İ", "Σ", "x"], max_size=4), max_size=8)
)
def test_outlet_hints_are_found_as_in_each_text_lower_cased(texts) -> None:
    # (`_lines` spells the hints in both cases and with "İ", "ſ" and the Kelvin sign too.)
    for hints in (metadata._OUTLET_HINTS, metadata._HOLDER_HINTS):
        plain = [k for k, text in enumerate(texts) if any(h in text.lower() for h in hints)]
        assert metadata.holding_lowered(texts, hints) == plain


@settings(max_examples=300, deadline=None)
@given(_lines(["gaza", "ceasefire", "gaza ceasefire", "_", "x", "2"], max_size=8), st.data())
def test_mentions_counts_as_the_regex(text, data) -> None:
    key = data.draw(st.sampled_from(["gaza", "ceasefire", "gaza ceasefire", "a", "x_", "é"]))
    plain = len(re.findall(r"(?<!\w)" + re.escape(key) + r"(?!\w)", text))
    assert metadata._mentions(text, key) == plain


_BY_PIECES = ["by", "By ", "byline", "Posted by", "von", "Por", "par", "Escrito por", "Autor:"]
_BY_PIECES += ["Author", "reporter", "writer", "Texto", "Text:", "Jane", "2025-01-02", "@jd"]


@settings(max_examples=500, deadline=None)
@given(_lines(_BY_PIECES))
def test_no_byline_where_its_words_are_missing(line) -> None:
    if not metadata._BY_WORDS.may_hold(line):
        assert metadata._BY.search(line) is None
        assert metadata._BY.search(metadata._clean_byline(line)) is None


def _plain_one_name(segment: str, *, explicit: bool, alone: bool) -> str | None:
    """`metadata._one_name` as written before its early answers."""
    tokens = segment.strip(" ,;:'\"“”").split()
    if (
        tokens
        and tokens[-1].endswith(".")
        and not metadata._INITIAL_OR_SUFFIX.fullmatch(tokens[-1])
    ):
        tokens[-1] = tokens[-1].rstrip(".")  # a full stop, not an initial's ("Joe S.", "Jr.")
    # The page's furniture after a name ("Jane Doe Twitter Account"): the name ends there.
    for position, token in enumerate(tokens):
        if position >= 1 and token.lower().strip(".,") in metadata._NOT_NAME:
            if position < 2:
                return None  # "Miami Today", "Wikimedia Foundation": a name of a place or body
            tokens = tokens[:position]
            break
    while tokens and tokens[-1].lower().strip(".,") in metadata._ROLE_WORDS:
        tokens.pop()
    if not tokens or len(tokens) > 5:
        return None
    if len(tokens) == 1 and not (explicit and alone):
        return None
    shouted = all(t.isupper() for t in tokens if t[:1].isalpha())
    for position, token in enumerate(tokens):
        low = token.lower().strip(".,")
        if (
            low in metadata._NOT_NAME
            or low in metadata._ROLE_WORDS
            or not any(c.isalpha() for c in token)
        ):
            return None
        if "_" in token or token.endswith(("'s", "’s")):
            return None  # "Jane Doe's blog": a possessive names a thing of hers
        if len(token) > 1 and metadata.agency_name(token):
            return None  # "AP Istanbul": a wire credit, not a person
        if low in metadata._ENGLISH_FUNCTION and low not in metadata._PARTICLES:
            return None  # "How To Grow and Care For Roses" is not two people
        if metadata._NAME_TOKEN.match(token) or metadata._INITIAL.match(token):
            continue
        if position and low in metadata._PARTICLES:
            continue
        # "Mobasir hassan": a lower-case surname, only after an explicit "By".
        if explicit and position and len(tokens) <= 3 and low not in metadata.ALL_FUNCTION_WORDS:
            continue
        return None
    if tokens[-1].lower() in metadata._PARTICLES:
        return None
    name = " ".join(tokens)
    if metadata.agency_name(name):
        return None
    if shouted and len(name) > 3:
        name = " ".join(
            t if t.lower() in metadata._PARTICLES else t[:1] + t[1:].lower() for t in name.split()
        )
    return name


_NAME_PIECES = [
    "Jane",
    "Doe",
    "JANE",
    "de",
    "van",
    "St.",
    "J.",
    "A.B.",
    "Jr.",
    "the",
    "Staff",
    "Writer",
]
_NAME_PIECES += [
    "Reuters",
    "AP",
    "Today",
    "signs",
    "Foundation",
    "Mary's",
    "o'Neil",
    "É",
    "x_y",
    "1",
]


@settings(max_examples=800, deadline=None)
@given(
    st.lists(st.sampled_from(_NAME_PIECES + [",", ".", '"', "“", " "]), max_size=7).map(" ".join),
    st.booleans(),
    st.booleans(),
)
def test_one_name_answers_as_before_its_early_answers(segment, explicit, alone) -> None:
    plain = _plain_one_name(segment, explicit=explicit, alone=alone)
    assert metadata._one_name(segment, explicit=explicit, alone=alone) == plain


def _plain_person_line(text: str) -> str | None:
    """`metadata.person_line` as written before its first-words test."""
    if len(text) > 120 or metadata._BY.match(text):
        return None
    cleaned = metadata._clean_byline(text)
    head = metadata._PERSON_LINE_CUT.split(cleaned, maxsplit=1)[0]
    names = metadata.names_in(head, explicit=False)
    if not names:
        return None
    for part in metadata._NAME_SPLIT.split(head):
        part = part.strip(" .")
        if not part:
            continue
        if metadata._role_line(part):
            break
        if metadata._one_name(part, explicit=False, alone=False) is None:
            return None
    return "; ".join(names)


_PERSON_PIECES = _NAME_PIECES + ["and", "on", "March", "Monday", "Updated", "dpa", "AFP", "by"]
_PERSON_PIECES += ["2 March 2025", "@jd", "jd@x.com", "‘", "'", "(", "|", "de1", ".de", "É"]
_PERSON_PIECES += ["The", "Home", "Senior", "Support", "For", "Van", "El", "About", "May 2025"]
_PERSON_PIECES += ["news", "News", "Reporter", "editor", "Staff", "the", "of", "de", "Der", "Da"]


@settings(max_examples=1500, deadline=None)
@given(
    st.one_of(
        _lines(_PERSON_PIECES, max_size=8),
        st.lists(st.sampled_from(_PERSON_PIECES + [",", "/", ";", " ", "  "]), max_size=6).map(
            " ".join
        ),
        st.lists(st.sampled_from(_PERSON_PIECES + [",", "/", ";", " ", "\t"]), max_size=6).map(
            "".join
        ),
    )
)
def test_person_line_answers_as_before_its_first_words_test(line) -> None:
    metadata.person_line.cache_clear()
    assert metadata.person_line(line) == _plain_person_line(line)


_LABEL_PIECES = ["published", "Published on", "first published", "posted", "Posted on", "date"]
_LABEL_PIECES += ["publication date", "written", "created on", "released", "pubblicato il"]
_LABEL_PIECES += ["publié le", "veröffentlicht am", "erschienen", "publicado el", "publicada"]
_LABEL_PIECES += ["PUBLIÉ", "VERÖFFENTLICHT", "updated", "2 March 2025", ":", "-", "–"]


@settings(max_examples=500, deadline=None)
@given(_lines(_LABEL_PIECES, max_size=6))
def test_no_published_label_where_its_words_are_missing(line) -> None:
    if not metadata._PUBLISHED_WORDS.may_hold(line):
        for end in range(len(line) + 1):
            assert metadata._PUBLISHED_LABEL.search(line[:end]) is None


_CORPORATE_PIECES = ["Example", "Media", "Ltd", "Ltd.", "Pvt", "Private Limited", "Inc", "LLC"]
_CORPORATE_PIECES += ["Corp.", "Corporation", "Co.", "GmbH", "AG", "S.p.A.", "S.r.l.", "S.A."]
_CORPORATE_PIECES += ["B.V.", "N.V.", "A.S.", "AB", "Oy", "Pty Ltd", "Group", "Media Group"]
_CORPORATE_PIECES += ["Holdings", "Publishing", "Publications", "Lımıted", "ſa", "\t", "\n"]


@settings(max_examples=800, deadline=None)
@given(_lines(_CORPORATE_PIECES, max_size=6))
def test_corporate_pre_test_answers_as_the_regex(line) -> None:
    assert metadata._may_be_corporate(line) == (metadata._CORPORATE.search(line) is not None)


@settings(max_examples=500, deadline=None)
@given(_lines(["←", "⟵", "‹", "«", "→", "⟶", "›", "»", "Older post", "\u00a0", "\u2003"]))
def test_post_link_answers_as_the_regex(line) -> None:
    assert metadata._post_link(line) == (metadata._POST_LINK.search(line) is not None)


@settings(max_examples=300, deadline=None)
@given(
    _lines(
        [
            "all rights reserved",
            "All Rights",
            "reserved",
            "derechos reservados",
            "todos los ",
            "todos os direitos reservados",
            "tous droits réservés",
            "droits reserves",
            "Alle Rechte",
            "alle rechte vorbehalten",
            "riproduzione riservata",
            "tutti i diritti riservati",
            "© 2020 Example News",
            "serv",
            "x",
        ],
        max_size=6,
    )
)
def test_all_rights_are_cut_only_where_their_words_may_stand(line) -> None:
    if not metadata._ALL_RIGHTS_WORDS.may_hold(line):
        assert metadata._ALL_RIGHTS.sub(" | ", line) == line


@settings(max_examples=300, deadline=None)
@given(_lines(["Section", "Category: ", "Filed under", ":", "| ", "» ", "/", "World", "x"], 6))
def test_section_patterns_run_only_where_they_may_match(line) -> None:
    if ":" not in line:
        assert metadata._SECTION_LABEL.match(line) is None
    if line[:1] not in metadata._PIPE_MARKS:
        assert metadata._PIPE_SECTION.match(line) is None


def test_lower_into_ascii_is_every_character_whose_lower_case_holds_ascii() -> None:
    hint_chars = {
        c for hints in (metadata._OUTLET_HINTS, metadata._HOLDER_HINTS) for c in "".join(hints)
    }
    into_ascii, into_hint_char = set(), set()
    for code in range(0x80, sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        lowered = chr(code).lower()
        if any(c.isascii() for c in lowered):
            into_ascii.add(chr(code))
        if chr(code) not in hint_chars and not set(lowered).isdisjoint(hint_chars):
            into_hint_char.add(chr(code))
    assert into_ascii == metadata.LOWER_INTO_ASCII
    # The hints' characters outside ASCII ("©") come only from themselves lower-cased.
    assert into_hint_char <= metadata.LOWER_INTO_ASCII
    for hints in (metadata._OUTLET_HINTS, metadata._HOLDER_HINTS):
        for hint in hints:
            assert all(v.lower() == hint for v in metadata._case_variants(hint))


@settings(max_examples=500, deadline=None)
@given(_lines(["• ", "* ", "o ", "- ", "1. ", "12) ", "٣. ", "Headline here", "x", "o"], 6))
def test_headline_shaped_answers_as_headline_like(line) -> None:
    metadata.headline_like.cache_clear()
    assert metadata._headline_shaped(line) == metadata.headline_like(line)


@settings(max_examples=300, deadline=None)
@given(_lines(["by", "By", "written by", "Written  by:", "von", "por", "par", "author", ":", "x"]))
def test_a_bare_by_is_two_words_at_most(line) -> None:
    if metadata._is_bare_by(line):
        assert len(words(line)) <= 2


# --- sp4finders: the pipeline's and the finders' shortcuts (round 4) -----------------------


def _plain_repair(body_units: list[Unit], changes: list) -> list[str]:
    """`pipeline._repair` as plainly defined: every unit looked at, every pair tried."""
    from parallax.index.cleaner.repair import (
        repair_split_word,
        split_fused_subhead,
        vocabulary,
    )
    from parallax.index.model import Change

    paragraphs: list[str] = []
    source: list[Unit] = []
    for unit in body_units:
        fused = split_fused_subhead(unit.raw)
        if fused:
            head, rest = fused
            changes.append(
                Change(
                    unit.lines[0] + 1, "fused_subheading", "change", unit.raw, f"{head} | {rest}"
                )
            )
            paragraphs.extend([head, rest])
            source.extend([unit, unit])
        else:
            paragraphs.append(unit.text)
            source.append(unit)
    vocab = vocabulary(" ".join(paragraphs))
    for i in range(len(paragraphs) - 1):
        if source[i + 1].index != source[i].index + 1:
            continue
        repaired = repair_split_word(paragraphs[i], paragraphs[i + 1], vocab)
        if repaired:
            before = f"{paragraphs[i]} / {paragraphs[i + 1][:40]}"
            paragraphs[i], paragraphs[i + 1] = repaired
            changes.append(
                Change(
                    source[i].lines[0] + 1, "split_word", "change", before, paragraphs[i + 1][:40]
                )
            )
    return [p for p in paragraphs if p]


_REPAIR_PIECES = [
    "Fused Heading Here",
    "The rest of the paragraph goes on with many more words after it here.",
    "In the meantime",
    "meantime",
    "He said. I",
    "n the meantime it went on.",
    "Wa",
    "shington",
    "Washington",
    "x",
]


_REPAIR_LINES = [
    "Fused Heading Here  The rest of the paragraph goes on with many more words after it.",
    "Fused Heading\tHere  The rest of the paragraph goes on with many more words after it.",
    "Fused  Heading Here The rest of the paragraph goes on.",
    "He said it was so. I",
    "n the meantime it went on.",
    "In the meantime we wait, and in the meantime nothing.",
    "They went to Wa",
    "shington and back to Washington.",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_REPAIR_LINES), _lines(_REPAIR_PIECES, 8)), max_size=8))
@example(_REPAIR_LINES[3:6])
@example(_REPAIR_LINES[:2] + _REPAIR_LINES[6:])
def test_repair_answers_as_the_plain_repair(lines) -> None:
    from parallax.index.cleaner import pipeline
    from parallax.index.cleaner.body import build_units

    lines = [line.replace("\n", " ") for line in lines]
    units = build_units(lines)
    quick: list = []
    plain: list = []
    assert pipeline._repair(units, quick) == _plain_repair(units, plain)
    assert quick == plain


@settings(max_examples=500, deadline=None)
@given(
    _lines(["by", "By", "Written  by:", "von", "por", "par", "author", "Jane Doe", "x", "Staff"], 8)
)
def test_a_line_without_a_by_word_has_no_byline_names_and_is_no_bare_by(line) -> None:
    # find_author passes over such a short line (and `_credit_byline` after it) at once.
    line = " ".join(line.split())
    unit = Unit(0, [0], line, line, words(line))
    if not metadata._BY_WORDS.may_hold(line):
        # (the plain forms: names after a "by" of the cleaned line, a bare "By", a credit)
        cleaned = metadata._clean_byline(line)
        after_by = [cleaned[m.end() :] for m in metadata._BY.finditer(cleaned)]
        assert not any(metadata.names_in(rest, explicit=True) for rest in after_by)
        assert metadata._BARE_BY.fullmatch(line.strip()) is None
        assert metadata._credit_byline([unit]) is None


_PAGE_LINES = [
    "Menu",
    "News",
    "Share",
    "Winter storms change the northern ferry timetable",
    "Ferry timetable",
    "Harbour News",
    "By Jane Doe",
    "Jane Doe, Chief Correspondent",
    "Jane Doe",
    "12 March 2021",
    "Reuters",
    "OSLO",
    "• Ferries and ports",
    "The ferry company said on Monday that the winter timetable would change this year.",
    "Storms closed the northern harbours for a week, and the timetable was cut by half.",
    "Passengers were told to check the timetable before they travel to the islands.",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PAGE_LINES), min_size=1, max_size=14), st.data())
def test_headline_scores_do_not_depend_on_their_explanation(page, data) -> None:
    units = build_units(page)
    classify_units(units)
    start = data.draw(st.integers(0, len(units) - 1))
    plain = metadata.score_headlines(units, start)
    told = metadata.score_headlines(units, start, explain=True)
    assert [(h.unit.index, h.score, h.repeats, h.after) for h in plain] == [
        (h.unit.index, h.score, h.repeats, h.after) for h in told
    ]
    assert all(h.why == "" for h in plain)
    # The explanation's "after4" (what the scores were read from) is `after == 4.0`.
    assert all(("after4" in h.why) == (h.after == 4.0) for h in told)


@settings(max_examples=400, deadline=None)
@given(
    _lines(["12", "3", "2021", "08/05/2022", "1.2.99", "/", ".", "10 April 2020", "May", "x"], 8)
)
def test_a_numeric_date_is_looked_for_only_where_it_may_stand(line) -> None:
    assert metadata._has_a_date(line) == metadata._has_date(line)


@settings(max_examples=400, deadline=None)
@given(_lines(["EFE", "Reuters", "AP", "photo", ". ", ", ", " / ", " | ", "/", "|", ")", "x"], 8))
def test_a_credit_end_is_looked_for_only_where_it_may_stand(line) -> None:
    plain = metadata._CREDIT_END.search(line)
    quick = metadata._credit_end(line)
    assert (quick and (quick.span(), quick.group("agency"))) == (
        plain and (plain.span(), plain.group("agency"))
    )


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(
                ["Share", "12 March 2021", "Headline of the day", "Jane Doe, REPORTER", "x"]
            ),
            st.sampled_from([None, "ui_widget", "navigation", "byline", "social_share"]),
        ),
        max_size=10,
    ),
    st.integers(0, 11),
    st.integers(0, 12),
)
def test_next_content_answers_as_over_a_slice(lines, index, limit) -> None:
    units = []
    for i, (text, label) in enumerate(lines):
        units.append(Unit(i, [i], text, text, words(text)))
        units[-1].label = label
    plain = next(
        (
            u
            for u in units[index + 1 : limit]
            if u.label not in metadata._PASSED_OVER
            or (u.n_words <= 8 and metadata.find_dates(u.text))
        ),
        None,
    )
    assert metadata._next_content(units, index, limit) is plain
    roles = metadata._ROLE_NOUNS
    for u in units:  # the role nouns' test, over the words lower-cased
        assert (not roles.isdisjoint(map(str.lower, u.tokens))) == any(
            t.lower() in roles for t in u.tokens
        )

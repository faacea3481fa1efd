"""Wire agencies and datelines: who filed the story, and from where.

The agencies are data (`agencies.toml`, read once). A spelling counts only in a wire form:

    MOSCOW (AP) —            ISTANBUL, June 2 (Reuters) -      New Delhi [India], May 5 (ANI):
    (AFP) — PARIS —          MOSCOW, February 27. /TASS/.      … the ministry said. (TASS)
    AP Istanbul              By Jane Doe | Reuters             — Reuters / via AP / With AFP
    Copyright 2024 The Associated Press                        AP contributed to this report.

Each finder returns a `Found` whose `said` is the text that gave it, for `clean --explain`.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

from .body import Found, Unit
from .needles import Needles
from .text import ALL_FUNCTION_WORDS

_SHORT = 4  # spellings this long or shorter match case and all ("AP", "dpa", "APP")


@lru_cache(maxsize=1)
def agency_table() -> tuple[dict[str, str], dict[str, str]]:
    """(spellings matched as written, lower-cased longer spellings) -> agency name."""
    data = tomllib.loads((Path(__file__).with_name("agencies.toml")).read_text("utf-8"))
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    for name, entry in data.items():
        for spelling in [name, *entry.get("spellings", [])]:
            if len(spelling) <= _SHORT:
                exact[spelling] = name
            else:
                folded[spelling.lower()] = name
    return exact, folded


@lru_cache(maxsize=8192)
def agency_name(text: str) -> str | None:
    """The agency a spelling names ("Associated Press" -> "AP"), else None."""
    text = " ".join(text.split()).strip(" .,;:()")
    exact, folded = agency_table()
    return exact.get(text) or folded.get(text.lower())


def _alternation() -> str:
    exact, folded = agency_table()
    longs = "|".join(sorted(map(re.escape, folded), key=len, reverse=True))
    shorts = "|".join(sorted(map(re.escape, exact), key=len, reverse=True))
    return rf"(?<![\w-])(?:(?i:{longs})|{shorts})(?!\w)"


AGENCY = _alternation()


def _agency_needles() -> Needles:
    """The short spellings as written, and of each longer one its longest ASCII stretch
    ("agence france" of "agence france‑presse"): a match of `AGENCY` holds one of them."""
    exact, folded = agency_table()
    return Needles(exact, [max(re.findall(r"[\x00-\x7f]+", s) or [""], key=len) for s in folded])


_AGENCY_NEEDLES = _agency_needles()


def may_name_agency(text: str) -> bool:
    """False when no agency's spelling can match in `text` (`AGENCY` finds nothing there):
    most lines name none, and this is many times cheaper than the regexes that need one."""
    return _AGENCY_NEEDLES.may_hold(text)


# Lower-cased spelling -> name, for code that matches without case (compare.wire).
AGENCIES: dict[str, str] = {
    **{k.lower(): v for k, v in agency_table()[0].items()},
    **agency_table()[1],
}

# A place as datelines write it: "MOSCOW", "New Delhi", "SAN JUAN, Puerto Rico", "D.C.".
_PLACE_WORD = r"[A-ZÀ-ÖØ-Þİ][\w'’.\-]*"
_PLACE = rf"{_PLACE_WORD}(?:\s+(?:{_PLACE_WORD}|de|del|la|el|of|am|upon|on|sur|an))*"
# "Feb. 27", "27 February 2025", and the day first with a month in lower case, as Spanish,
# French or Italian write it ("27 feb", "4 de mayo de 2025").
_MONTHY = (
    r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,?\s+\d{4})?|"
    r"\d{1,2}\s+(?:de\s+)?(?:[A-Z][a-z]{2,8}|[a-zà-ü]{3,10})\.?(?:\s+(?:de\s+)?\d{4})?)"
)
_DASH = r"(?:—|–|--|-)"
_LEAD = re.compile(
    rf"^(?P<place>{_PLACE})(?:\s*\[[^\]]{{1,40}}\])?"
    rf"(?:,\s*(?P<region>{_PLACE}(?:\s*\[[^\]]{{1,40}}\])?))?"
    rf"(?:,\s*(?P<date>{_MONTHY}))?"
    rf"\s*(?:(?:\(\s*(?P<agency>{AGENCY})\s*\)|\.?\s*/\s*(?P<slashed>{AGENCY})\s*/)\s*\.?"
    rf"\s*(?:{_DASH}{{1,2}}|:)?\s+"
    # (the agency bare after the day, as some wires write it: "TOKYO, Feb. 27 Kyodo -")
    rf"|(?<=\d\s)(?P<bare>{AGENCY})\s*(?:{_DASH}{{1,2}}|:)\s+"
    rf"|(?:\(\s*(?P<own>[A-Z][A-Z0-9&-]{{1,9}})\s*\)\s*)?"
    rf"(?P<dash>{_DASH}{{1,2}})(?:\s+|(?<=[—–])(?=[A-Z])|\s*$)"
    rf"|(?P<colon>:)\s+)(?:(?=\S)|$)"
)
_AGENCY_FIRST = re.compile(
    rf"^\(\s*(?P<agency>{AGENCY})\s*\)\s*{_DASH}\s*(?P<place>{_PLACE})"
    rf"(?:,\s*{_MONTHY})?\s*{_DASH}\s+"
)
_IN_PARENS = re.compile(rf"\(\s*(?P<agency>{AGENCY})\s*\)|/\s*(?P<slashed>{AGENCY})\s*/")
_AGENCY_PLACE_LINE = re.compile(rf"^(?P<agency>{AGENCY})\s+(?P<place>{_PLACE})$")
# "… said. — Reuters", "(via AP)", "With AFP", "— AFP/dpa": a credit closing a paragraph.
_SIGNOFF = re.compile(
    rf"(?:{_DASH}|\((?i:via|with|source:?)|(?<![\w,])(?i:via|with|source:))\s*"
    rf"(?:(?i:inputs?\s+from|(?:additional\s+)?reporting\s+(?:by|from))\s+)?(?i:the\s+)?"
    rf"(?P<agency>{AGENCY})(?:\s*(?:/|,|(?i:and))\s*{AGENCY})*\s*\)?\s*\.?\s*$"
)
# A line that is only a credit: "Reuters", "By AFP", "Reuters staff", "Source: PTI", "(TASS)",
# "/ANI/".
_CREDIT_LINE = re.compile(
    rf"^(?:(?i:by|source|from|via|with(?:\s+inputs?\s+from)?)\s*:?\s+)?(?i:the\s+)?"
    rf"(?P<agency>{AGENCY})(?:\s+(?i:staff|reporters?|news|wire|report))?\s*\.?$|"
    rf"^(?:\((?P<paren>{AGENCY})\)|/(?P<slash>{AGENCY})/|\[(?P<square>{AGENCY})\])\s*\.?$"
)
# "… the ministry said. (TASS)", "… said the official. /ANI/": the agency in parentheses or
# slashes right after the paragraph's last sentence.
_CLOSING_CREDIT = re.compile(rf"[.!?\"”’'»]\s*(?:{_IN_PARENS.pattern})\s*\.?\s*$")
# "By Jane Doe, Reuters", "By Jane Doe | AFP", "Jane Doe / AP".
_BYLINE_CREDIT = re.compile(
    rf"(?:,\s*|\|\s*|\s/\s+|•\s*|·\s*|{_DASH}\s*)(?i:the\s+)?(?P<agency>{AGENCY})\s*\.?$"
)
# "By JANE DOE and JOHN ROE Associated Press": a byline in capitals, the agency after it.
_SHOUTED_BYLINE_CREDIT = re.compile(
    rf"^(?i:by)\s+(?:[A-Z][A-Z'’.-]+(?:\s+|,\s*))+(?:(?i:and)\s+(?:[A-Z][A-Z'’.-]+\s+)+)?"
    rf"(?i:the\s+)?(?P<agency>{AGENCY})\s*\.?$"
)
# "Reuters | Published: February 27, 2025", "Xinhua | Updated: 2025-02-28 09:12".
_CREDIT_THEN_DATE = re.compile(
    rf"^(?i:source:\s*)?(?P<agency>{AGENCY})\s*[|·•]\s*"
    r"(?i:(?:published|updated|posted|last\s+updated)\b|\d{4}-\d{2}-\d{2}|[A-Z][a-z]+\.?\s+\d)"
)
_CONTRIBUTED = re.compile(
    rf"^\(?(?i:the\s+)?(?P<agency>{AGENCY})\s+(?:(?i:writers?|reporters?|correspondents?|"
    rf"journalists?|staff|photographers?)\b.{{0,120}}?)?"
    rf"(?i:contributed(?:\s+to\s+this\s+(?:report|story))?)"
)
_COPYRIGHT = re.compile(
    rf"(?i:©|copyright|\(c\))\s*(?:©\s*)?(?:\d{{4}}\s*)?,?\s*(?i:the\s+)?(?P<agency>{AGENCY})"
)
_FEED = re.compile(
    rf"(?i:\b(?:from|via|by)\s+(?:an?\s+|the\s+)?)(?P<agency>{AGENCY})\s+(?i:feed|wire|copy)\b"
)

_NOT_PLACES = frozenset(
    """
    world politics business sports sport economy opinion news latest home tech technology
    culture health science video live europe markets money analysis breaking update updates
    exclusive watch listen editorial comment features lifestyle entertainment travel note
    warning photo photos read related explainer factbox timeline interview review podcast
    correction clarification disclaimer source sources summary background context quote
    advertisement image caption story report editor update author by q a staff reporters
    reporter team desk editors wire writers writer agency
    """.split()
)


def is_place(text: str) -> bool:
    """A short run of capitalised words that is not a section name, an agency or prose."""
    tokens = text.split()
    return (
        1 <= len(tokens) <= 5
        and text.lower().strip(" .") not in _NOT_PLACES
        and not agency_name(text)
        and not any(t.lower() in ALL_FUNCTION_WORDS and not t[0].isupper() for t in tokens)
        and not any(t.lower() in {"the", "a", "an", "and", "but", "this", "it"} for t in tokens)
    )


@lru_cache(maxsize=1)
def _known_places() -> frozenset[str]:
    """Countries, capitals and major cities (lower-cased) from the stories' gazetteer."""
    path = Path(__file__).resolve().parent.parent / "stories" / "gazetteer.txt"
    try:
        lines = path.read_text("utf-8").splitlines()
    except OSError:
        return frozenset()
    places: set[str] = set()
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("|")
        for column in (0, 1, 3, 4):
            if column < len(cells):
                places.update(p.strip().lower() for p in cells[column].split(",") if p.strip())
    return frozenset(places)


def known_place(text: str) -> bool:
    """A country or a major city the gazetteer knows ("Brussels", "MOSCOW")."""
    return " ".join(text.split()).strip(" .").lower() in _known_places()


def _quote(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def parse_dateline(paragraph: str) -> tuple[str | None, str | None, str]:
    """(place, agency, the dateline as written) at the start of a paragraph, else Nones."""
    m = _AGENCY_FIRST.match(paragraph)
    if m and is_place(m.group("place")):
        return m.group("place").strip(), agency_name(m.group("agency")), m.group(0).strip()
    m = _LEAD.match(paragraph)
    if not m:
        return None, None, ""
    place = m.group("place").strip().rstrip(".")
    agency = m.group("agency") or m.group("slashed") or m.group("bare")
    shouted = place.upper() == place and any(c.isalpha() for c in place)
    if not is_place(place):
        return None, None, ""
    if not shouted and not m.group(0)[-1].isspace() and m.end() < len(paragraph):
        return None, None, ""  # "Russia—Ukraine talks": only "WASHINGTON—Joining" runs on
    if agency is None and not shouted and not known_place(place):
        # "Analysts: the market…", "Jane Doe – …": only a known place says it is a dateline
        return None, None, ""
    return place, agency_name(agency) if agency else None, m.group(0).strip()


def lead_agency(paragraph: str) -> tuple[str | None, str]:
    """An agency in parentheses early in the lead ("… on Monday (AP) — …", "(TASS)")."""
    lead = " ".join(paragraph.split()[:30])
    m = _IN_PARENS.search(lead)
    if m:
        return agency_name(m.group("agency") or m.group("slashed")), m.group(0)
    return None, ""


def signoff_agency(paragraph: str) -> tuple[str | None, str]:
    """A credit that closes a paragraph: "— Reuters", "(via AP)", "With AFP"."""
    tail = paragraph[-80:]
    m = _SIGNOFF.search(tail)
    if m:
        return agency_name(m.group("agency")), m.group(0).strip()
    m = _CLOSING_CREDIT.search(tail)
    if m:
        return agency_name(m.group("agency") or m.group("slashed")), m.group(0)[1:].strip()
    return None, ""


@lru_cache(maxsize=8192)
def credit_agency(line: str) -> tuple[str | None, str]:
    """A line that credits an agency: "Reuters", "By AFP", "Jane Doe, AP", "© 2024 AP"."""
    if len(line) > 160 or not may_name_agency(line):
        return None, ""  # (every pattern below needs an agency's name)
    for pattern in (
        _CREDIT_LINE,
        _BYLINE_CREDIT,
        _SHOUTED_BYLINE_CREDIT,
        _CREDIT_THEN_DATE,
        _CONTRIBUTED,
        _SIGNOFF,
        _COPYRIGHT,
        _FEED,
    ):
        m = pattern.search(line)
        if m:
            spelling = next(v for v in m.groupdict().values() if v)  # (the one group matched)
            return agency_name(spelling), m.group(0).strip()
    m = _AGENCY_PLACE_LINE.match(line)
    if m and is_place(m.group("place")):
        return agency_name(m.group("agency")), line
    return None, ""


def text_agency(first: str, last: str, last_words: int) -> tuple[str | None, str, str]:
    """The agency an article's own text credits: in its lead ("… (AP) …"), signing off its
    last paragraph ("— Reuters", "(via AP)"), or as that paragraph when it is a short credit
    ("The Associated Press contributed to this report."). (name, the words, "lead",
    "sign-off" or "credit"), or (None, "", "")."""
    name, said = lead_agency(first)
    if name:
        return name, said, "lead"
    name, said = signoff_agency(last)
    if name:
        return name, said, "sign-off"
    if last_words <= 16:
        name, said = credit_agency(last)
        if name:
            return name, said, "credit"
    return None, "", ""


def find_dateline(
    units: list[Unit], header_start: int, body_start: int, first_paragraph: str
) -> tuple[Found | None, Found | None]:
    """(dateline, agency) from the lead ("BRUSSELS (AP) — ...") or a line above the body."""
    place, agency, said = parse_dateline(first_paragraph)
    if place:
        quoted = _quote(said)
        return (
            Found(place, body_start, "dateline_lead", quoted),
            Found(agency, body_start, "dateline_agency", quoted) if agency else None,
        )
    for unit in reversed(units[max(0, header_start) : body_start]):
        text = unit.text
        m = _AGENCY_PLACE_LINE.match(text)
        if m and agency_name(m.group("agency")) and is_place(m.group("place")):
            return (
                Found(m.group("place"), unit.index, "dateline_line", text),
                Found(agency_name(m.group("agency")), unit.index, "dateline_agency", text),
            )
        if (
            unit.label is None
            and len(text.split()) <= 3
            and text.upper() == text
            and re.fullmatch(r"[A-Z][A-Z'’. ,-]*[A-Z]", text)
            and is_place(text)
            and known_place(text)  # a line of capitals alone: "MOSCOW", not "PDF" or "TV"
        ):
            return Found(text, unit.index, "dateline_line", text), None
    return None, None


def find_agency(
    units: list[Unit], title_unit: int | None, body_start: int, body_end: int
) -> Found | None:
    """A wire agency credited in the byline, the lead, a sign-off or a credit line."""
    first = title_unit + 1 if title_unit is not None else max(0, body_start - 12)
    # The byline sits under the headline; further down, a lone "PA" or "Reuters" credits a
    # picture of a gallery.
    for unit in units[first : min(body_start, first + 8)]:
        if unit.n_words > 16 or unit.label == "caption":
            continue
        name, said = credit_agency(unit.text)
        if name:
            return Found(name, unit.index, "byline_agency", _quote(said))
    if body_start > body_end or body_start >= len(units):
        return None
    last = units[body_end]
    name, said, where = text_agency(units[body_start].text, last.text, last.n_words)
    if where == "lead":
        return Found(name, body_start, "lead_agency", said)
    if name:
        return Found(name, body_end, "signoff_agency", _quote(said))
    for unit in units[body_end + 1 : body_end + 12]:
        if unit.label == "caption" or unit.n_words > 60:
            continue
        name, said = credit_agency(unit.text)
        if name:
            return Found(name, unit.index, "credit_agency", _quote(said))
    return None

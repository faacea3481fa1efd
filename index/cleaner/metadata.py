"""Metadata rules: title, standfirst, author, published, dateline, agency, section, outlet.

Each finder is a pure function of the page's units and the body's position. Where nothing
in the page says, the answer is None: a value is never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from .body import Unit
from .dates import find_dates, is_date_only
from .rules import _BREADCRUMB_SEP, ends_sentence, is_caption
from .text import ALL_FUNCTION_WORDS, comparable, function_word_ratio, words

# Wire agencies: how they are written -> the name Parallax shows.
AGENCIES: dict[str, str] = {
    "ap": "AP",
    "associated press": "AP",
    "the associated press": "AP",
    "reuters": "Reuters",
    "thomson reuters": "Reuters",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "dpa": "dpa",
    "deutsche presse-agentur": "dpa",
    "ansa": "ANSA",
    "efe": "EFE",
    "xinhua": "Xinhua",
    "pti": "PTI",
    "press trust of india": "PTI",
    "ians": "IANS",
    "ani": "ANI",
    "uni": "UNI",
    "anadolu": "Anadolu",
    "anadolu agency": "Anadolu",
    "aa": "Anadolu",
    "kyodo": "Kyodo",
    "kyodo news": "Kyodo",
    "yonhap": "Yonhap",
    "tass": "TASS",
    "ria novosti": "RIA Novosti",
    "interfax": "Interfax",
    "ukrinform": "Ukrinform",
    "pa": "PA",
    "pa media": "PA",
    "press association": "PA",
    "aap": "AAP",
    "australian associated press": "AAP",
    "the canadian press": "The Canadian Press",
    "canadian press": "The Canadian Press",
    "upi": "UPI",
    "bloomberg": "Bloomberg",
    "bernama": "Bernama",
    "europa press": "Europa Press",
    "lusa": "Lusa",
    "belga": "Belga",
    "apa": "APA",
    "kuna": "KUNA",
    "wafa": "WAFA",
    "sputnik": "Sputnik",
    "nexstar media wire": "Nexstar Media Wire",
}
# Only unambiguous spellings may stand alone in a dateline or a credit ("AP Istanbul").
_AGENCY_ALT = "|".join(
    sorted(
        (re.escape(k) for k in AGENCIES if len(k) > 2 or k in {"ap", "pa"}), key=len, reverse=True
    )
)
_AGENCY_IN_PARENS = re.compile(rf"\((?P<agency>{_AGENCY_ALT})\)", re.IGNORECASE)
_AGENCY_PLACE_LINE = re.compile(
    rf"^(?P<agency>(?i:{_AGENCY_ALT}))\s+(?P<place>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){{0,2}})$"
)
_AGENCY_SIGNOFF = re.compile(rf"[—–-]\s*\(?(?P<agency>{_AGENCY_ALT})\)?\s*$", re.IGNORECASE)
_AGENCY_COPYRIGHT = re.compile(
    rf"(?:©|copyright|\(c\))\s*(?:\d{{4}}\s*)?(?P<agency>{_AGENCY_ALT})\b", re.IGNORECASE
)
_AGENCY_FEED = re.compile(
    rf"\b(?:from|via|by)\s+(?:an?\s+|the\s+)?(?P<agency>{_AGENCY_ALT})\s+(?:feed|wire|copy)\b",
    re.IGNORECASE,
)


def agency_name(text: str) -> str | None:
    return AGENCIES.get(text.strip().lower())


@dataclass
class Found:
    """A metadata value and the unit that said it."""

    value: object
    unit: int | None = None
    rule: str = ""


# --- title -------------------------------------------------------------------------------


def _title_shaped(text: str) -> bool:
    n = len(words(text))
    return 3 <= n <= 35 and not re.search(r"[.,;:]$", text)


def find_title(units: list[Unit], body_start: int, capture_title: str | None) -> Found | None:
    """The headline: the line the page repeats (h1, breadcrumb, <title>), else the last
    headline-shaped line above the body."""
    header = units[:body_start]
    counts: dict[str, int] = {}
    last_seen: dict[str, int] = {}
    text_of: dict[str, tuple[str, int | None]] = {}

    def count(text: str, unit: int | None, *, standalone: bool) -> None:
        key = comparable(text)
        if not key:
            return
        counts[key] = counts.get(key, 0) + 1
        if standalone and unit is not None:
            last_seen[key] = unit
            text_of[key] = (text, unit)
        elif key not in text_of:
            text_of[key] = (text, None)

    if capture_title:
        count(capture_title, None, standalone=False)
    for unit in header:
        if unit.label == "breadcrumb":
            parts = [p.strip() for p in _BREADCRUMB_SEP.split(unit.text) if p.strip()]
            if parts:
                count(parts[-1], unit.index, standalone=False)
        elif unit.label == "caption":
            # "Headline. Source: ..." — a picture credit that repeats the headline.
            head = re.split(r"\.\s+|\s+[|–—-]\s+|\s+\(", unit.text, maxsplit=1)[0]
            count(head, unit.index, standalone=False)
        elif unit.label is None and _title_shaped(unit.text):
            count(unit.text, unit.index, standalone=True)

    repeated = [k for k, n in counts.items() if n >= 2 and _title_shaped(text_of[k][0])]
    if repeated:
        best = max(repeated, key=lambda k: (counts[k], last_seen.get(k, -1)))
        text, unit = text_of[best]
        if best in last_seen:
            text, unit = units[last_seen[best]].text, last_seen[best]
        return Found(text, unit, "title_repeated")
    if capture_title and _title_shaped(capture_title):
        return Found(capture_title, None, "title_capture")
    # No repetition: the last headline-shaped line above the body, passing over the
    # standfirst, the byline and the author's line; preferably one that the byline, the
    # date, the standfirst or the body follows.
    candidates = [
        u
        for u in header
        if u.label is None
        and not u.repeated
        and u.n_words >= 4
        and _title_shaped(u.text)
        and not ends_sentence(u.text)
        and person_line(u.text) is None
        and not _BULLET_START.match(u.text)
    ]
    for unit in reversed(candidates):
        if _followed_like_a_headline(units, unit.index, body_start):
            return Found(unit.text, unit.index, "title_headline")
    if candidates:
        return Found(candidates[-1].text, candidates[-1].index, "title_headline")
    return None


_BULLET_START = re.compile(r"^[•·▪●◦‣∙■□►▸*-]\s")
_AFTER_HEADLINE = frozenset({"byline", "date_line", "caption", "reading_widget", "social_share"})


def _followed_like_a_headline(units: list[Unit], index: int, body_start: int) -> bool:
    for unit in units[index + 1 : body_start + 1]:
        if unit.label == "ui_widget":
            continue
        if unit.index == body_start or unit.label in _AFTER_HEADLINE:
            return True
        return unit.label is None and (
            unit.n_words >= 12 or ends_sentence(unit.text) or person_line(unit.text) is not None
        )
    return False


def title_units(units: list[Unit], title: str, body_start: int) -> list[int]:
    key = comparable(title)
    return [u.index for u in units[:body_start] if u.key == key]


# --- standfirst --------------------------------------------------------------------------

_SKIPPABLE = frozenset({"ui_widget", "social_share", "reading_widget"})


def find_standfirst(units: list[Unit], title_unit: int | None, body_start: int) -> Found | None:
    """The summary printed right under the headline, when it stands apart from the body."""
    if title_unit is None:
        return None
    title_key = units[title_unit].key
    for unit in units[title_unit + 1 : body_start]:
        if unit.key == title_key or unit.label in _SKIPPABLE:
            continue
        if unit.label is not None or unit.repeated:
            return None
        tokens = words(unit.text)
        if len(tokens) >= 8 and function_word_ratio(tokens) >= 0.1 and not is_date_only(unit.text):
            return Found(unit.text, unit.index, "standfirst")
        return None
    return None


# --- author ------------------------------------------------------------------------------

_PARTICLES = frozenset(
    "de la le da di del della van von der den ter bin ibn al el du dos das y".split()
)
_BY = re.compile(
    r"(?:^|(?<=\s))(?:by|written\s+by|words\s+by|text\s+by|author\s*:|reporter\s*:|"
    r"reporting\s+by)\s+",
    re.IGNORECASE,
)
_HANDLE = re.compile(r"@\w+")
_NAME_TOKEN = re.compile(r"^[A-ZÀ-ÖØ-Þ][\w'’.-]*$")


def _name_at(text: str) -> str | None:
    """A person's name at the start of `text` ("Jane de la Cruz", "J. R. Smith", "A and B")."""
    tokens = text.split()
    name: list[str] = []
    for token in tokens:
        bare = token.strip(",;|()")
        if (
            _NAME_TOKEN.match(bare)
            or (name and bare.lower() in _PARTICLES)
            or name
            and bare.lower() in {"and", "&"}
            and len(name) >= 2
        ):
            name.append(bare)
        else:
            break
        if token.endswith((",", ";", "|", ")")):
            break
    while name and (name[-1].lower() in _PARTICLES or name[-1].lower() in {"and", "&"}):
        name.pop()
    if not 2 <= len(name) <= 8 or agency_name(" ".join(name)):
        return None
    return " ".join(name)


_ROLE_WORDS = frozenset(
    """
    reporter correspondent editor writer journalist columnist contributor staff chief senior
    political diplomatic foreign economics business deputy associate managing news desk
    professor lecturer fellow researcher analyst bureau head special international
    """.split()
)
_PERSON_LINE = re.compile(r"^(?P<name>[^,|–—]+?)\s*(?:[,|–—]\s*(?P<role>.+))?$")


def person_line(text: str) -> str | None:
    """The name on a line that is only a person ("Jane Doe", "Jane Doe, Chief Reporter",
    "Jane Doe Senior Reporter", "Jane Doe | Professor of Economics, University of X")."""
    text = _clean_byline(text)
    if _AGENCY_PLACE_LINE.match(text):
        return None  # "AP Istanbul": a wire dateline, not a person
    m = _PERSON_LINE.match(text)
    if not m or len(words(text)) > 14:
        return None
    tokens = m.group("name").split()
    while tokens and tokens[-1].lower().strip(".") in _ROLE_WORDS:
        tokens.pop()
    if not 2 <= len(tokens) <= 5:
        return None
    name = _name_at(" ".join(tokens))
    if not name or name != " ".join(tokens):
        return None
    role = m.group("role")
    trimmed = len(tokens) < len(m.group("name").split())
    if role is None and not trimmed:
        return name  # a bare name: the caller decides from its neighbours
    if role is not None and not any(w.lower() in _ROLE_WORDS for w in words(role)):
        return None
    return name


def _clean_byline(text: str) -> str:
    text = _HANDLE.sub(" ", text)
    for d in reversed(find_dates(text)):
        text = text[: d.start] + " " + text[d.end :]
    return " ".join(text.split())


def find_author(units: list[Unit], title_unit: int | None, body_start: int) -> Found | None:
    """The byline's name(s), without handles, dates or markup."""
    first = title_unit + 1 if title_unit is not None else 0
    header = units[first:body_start]
    for unit in header:
        if unit.n_words > 30:
            continue
        text = _clean_byline(unit.text)
        for m in _BY.finditer(text):
            name = _name_at(text[m.end() :])
            if name:
                return Found(_tidy_name(name), unit.index, "byline")
    # A name with a role ("Jane Doe, Chief Reporter"), or a bare name with a social handle
    # or followed directly by the date.
    for position, unit in enumerate(header):
        if unit.label is not None or unit.n_words > 14:
            continue
        name = person_line(unit.text)
        if not name:
            continue
        bare = comparable(name) == comparable(_clean_byline(unit.text))
        nxt = header[position + 1] if position + 1 < len(header) else None
        if (
            not bare
            or "@" in unit.text
            or (
                nxt is not None
                and (
                    is_date_only(nxt.text)
                    or _role_line(nxt.text)
                    or (nxt.n_words <= 20 and bool(find_dates(nxt.text)))
                )
            )
        ):
            return Found(_tidy_name(name), unit.index, "byline")
    return None


def _role_line(text: str) -> bool:
    tokens = words(text)
    return 1 <= len(tokens) <= 5 and any(t.lower() in _ROLE_WORDS for t in tokens)


_AGENCY_SUFFIX = re.compile(rf"\s+(?i:{_AGENCY_ALT})$")


def _tidy_name(name: str) -> str:
    """A byline's name without a trailing agency, in title case if it was set in capitals."""
    name = _AGENCY_SUFFIX.sub("", name).strip() or name
    if name.isupper():
        name = " ".join(
            t if t.lower() in {"and", "&"} else t.capitalize() for t in name.split()
        ).replace(" And ", " and ")
    return name


# --- dates -------------------------------------------------------------------------------

_PUBLISHED_LABEL = re.compile(
    r"\b(?:first\s+published|published(?:\s+(?:on|at))?|posted(?:\s+on)?|publication\s+date|"
    r"date\s+published|pubblicato(?:\s+il)?|publié(?:\s+le)?|veröffentlicht(?:\s+am)?|"
    r"publicado(?:\s+(?:el|em))?)\s*[:\-–]?\s*$",
    re.IGNORECASE,
)
_UPDATED_LABEL = re.compile(r"\b(?:updated|modified|edited)\b[^|]*$", re.IGNORECASE)


def find_published(
    units: list[Unit],
    title_unit: int | None,
    body_start: int,
    body_end: int,
    capture_date: date | None,
) -> Found | None:
    """The day the article was first published.

    In order of trust: a date labelled as publication ("First Published:", "Posted on")
    outside the body; the byline's date under the headline; the capture's metadata header.
    A date above the headline with a weekday ("Friday, 5 December 2025") is the day the
    page was captured, not published; an "Updated" date is not the publication date.
    """
    outside = [u for u in units if u.index < body_start or u.index > body_end]
    for unit in outside:
        if unit.n_words > 40:
            continue
        for d in find_dates(unit.text):
            if _PUBLISHED_LABEL.search(unit.text[: d.start]):
                return Found(d.value, unit.index, "published_label")
    first = title_unit + 1 if title_unit is not None else 0
    for unit in units[first:body_start]:
        if unit.n_words > 30 or is_caption(unit.text):
            continue
        for d in find_dates(unit.text):
            if _UPDATED_LABEL.search(unit.text[: d.start]):
                continue
            if title_unit is None and d.has_weekday:
                continue
            return Found(d.value, unit.index, "byline_date")
    if capture_date is not None:
        return Found(capture_date, None, "capture_date")
    # A plain date line above the headline (no weekday: not a "today is" widget).
    if title_unit is not None:
        for unit in units[:title_unit]:
            if unit.label == "date_line":
                found = find_dates(unit.text)
                if found and not found[0].has_weekday:
                    return Found(found[0].value, unit.index, "date_above_title")
    return None


# --- dateline and agency -----------------------------------------------------------------

_PLACE = r"[A-Z][\w'’.]+(?:[ -][A-Z][\w'’.]+){0,3}"
_DATELINE_LEAD = re.compile(
    rf"^(?P<place>{_PLACE}|[A-Z][A-Z'’. -]{{1,30}}[A-Z])"
    r"(?:,\s*(?:[A-Z][\w.]+\.?(?:\s+\d{1,2})?|\w+\s+\d{1,2}))?"
    rf"\s*(?:\((?P<agency>(?i:{_AGENCY_ALT}))\)\s*\.?(?:[—–-]{{1,2}}|:)?|[—–-]{{1,2}})\s+(?=\S)",
)
_NOT_PLACES = frozenset(
    """
    world politics business sports sport economy opinion news latest home tech technology
    culture health science video live europe markets money analysis breaking update updates
    exclusive watch listen editorial comment features lifestyle entertainment travel note
    warning photo photos read related explainer factbox timeline interview review podcast
    correction clarification disclaimer source sources summary background context quote
    """.split()
)
_COLON_DATELINE = re.compile(rf"^(?P<place>{_PLACE}):\s+(?=[A-Z“\"‘'])")
_AGENCY_FIRST_DATELINE = re.compile(
    rf"^\((?P<agency>(?i:{_AGENCY_ALT}))\)\s*[—–-]{{1,2}}\s*(?P<place>[A-Z][\w'’. -]{{1,30}}?)"
    r"(?:,\s*[A-Za-z]{3,9}\.?\s+\d{1,2})?\s*[—–-]{1,2}\s+"
)


def _is_place(text: str) -> bool:
    tokens = text.split()
    return (
        1 <= len(tokens) <= 4
        and text.lower() not in _NOT_PLACES
        and not agency_name(text)
        and not any(t.lower() in ALL_FUNCTION_WORDS for t in tokens)
    )


def find_dateline(
    units: list[Unit], header_start: int, body_start: int, first_paragraph: str
) -> tuple[Found | None, Found | None]:
    """(dateline, agency) from the lead ("BRUSSELS (AP) — ...") or a line above the body."""
    m = _AGENCY_FIRST_DATELINE.match(first_paragraph)
    if m and _is_place(m.group("place").strip()):
        return (
            Found(m.group("place").strip(), body_start, "dateline_lead"),
            Found(agency_name(m.group("agency")), body_start, "dateline_agency"),
        )
    m = _COLON_DATELINE.match(first_paragraph)
    if m and _is_place(m.group("place").strip()) and len(m.group("place").split()) <= 3:
        return Found(m.group("place").strip(), body_start, "dateline_lead"), None
    m = _DATELINE_LEAD.match(first_paragraph)
    if m and _is_place(m.group("place").strip()):
        agency = agency_name(m.group("agency")) if m.group("agency") else None
        return (
            Found(m.group("place").strip(), body_start, "dateline_lead"),
            Found(agency, body_start, "dateline_agency") if agency else None,
        )
    for unit in reversed(units[header_start:body_start]):
        text = unit.text
        m2 = _AGENCY_PLACE_LINE.match(text)
        if m2 and agency_name(m2.group("agency")) and _is_place(m2.group("place")):
            return (
                Found(m2.group("place"), unit.index, "dateline_line"),
                Found(agency_name(m2.group("agency")), unit.index, "dateline_agency"),
            )
        letters = [c for c in text if c.isalpha()]
        if (
            unit.label is None
            and letters
            and all(c.isupper() for c in letters)
            and re.fullmatch(r"[A-Z][A-Z'’. ,-]*[A-Z]", text)
            and len(text.split()) <= 3
            and _is_place(text)
        ):
            return Found(text, unit.index, "dateline_line"), None
    return None, None


def find_agency(
    units: list[Unit], title_unit: int | None, body_start: int, body_end: int
) -> Found | None:
    """A wire agency credited in the byline, the lead, a sign-off or a copyright line."""
    first = title_unit + 1 if title_unit is not None else 0
    for unit in units[first:body_start]:
        if unit.n_words > 14 or unit.label == "caption":
            continue
        text = _clean_byline(unit.text)
        if agency_name(text):
            return Found(agency_name(text), unit.index, "byline_agency")
        m = re.search(rf"(?:^|[|,/–—-]\s*|\bby\s+)(?P<agency>{_AGENCY_ALT})\s*$", text, re.I)
        if m and agency_name(m.group("agency")):
            return Found(agency_name(m.group("agency")), unit.index, "byline_agency")
    if body_start > body_end:
        return None
    if body_start < len(units):
        lead = " ".join(units[body_start].text.split()[:25])
        m = _AGENCY_IN_PARENS.search(lead)
        if m:
            return Found(agency_name(m.group("agency")), body_start, "lead_agency")
    last = units[body_end].text
    m = _AGENCY_SIGNOFF.search(last)
    if m and agency_name(m.group("agency")):
        return Found(agency_name(m.group("agency")), body_end, "signoff_agency")
    for unit in units[body_end + 1 :]:
        if unit.n_words > 60:
            continue
        for pattern, rule in ((_AGENCY_COPYRIGHT, "copyright_agency"), (_AGENCY_FEED, "feed")):
            m = pattern.search(unit.text)
            if m and agency_name(m.group("agency")):
                return Found(agency_name(m.group("agency")), unit.index, rule)
    return None


# --- section -----------------------------------------------------------------------------

_SECTION_LABEL = re.compile(
    r"^(?:section|categor(?:y|ies)|rubric|filed\s+(?:in|under))\s*:\s*(?P<s>[^,;|]{2,40})$", re.I
)
_IN_SECTION = re.compile(r"^in\s+(?P<s>[A-Z][\w&'’ -]{1,40})$")
_PIPE_SECTION = re.compile(r"^[|/»›>]\s*(?P<s>[A-Z][\w&'’-]+(?:\s+[\w&'’-]+){0,2})$")
_CRUMB_ROOTS = frozenset({"home", "homepage", "start", "index", "inicio", "accueil", "startseite"})


def _is_title_or_cut(text: str, title_key: str | None) -> bool:
    """The headline, or the headline cut short ("Talks resume in...")."""
    if not title_key:
        return False
    key = comparable(text)
    cut = text.rstrip().endswith(("...", "…"))
    return bool(key) and (key == title_key or (cut and title_key.startswith(key)))


def find_section(
    units: list[Unit], title: str | None, title_unit: int | None, body_start: int
) -> Found | None:
    """The section: a "Section:" label, "in World politics" by the byline, the breadcrumb."""
    header = units[:body_start]
    for unit in header:
        m = _SECTION_LABEL.match(unit.text)
        if m:
            return Found(m.group("s").strip(), unit.index, "section_label")
    if title_unit is not None:
        for unit in units[title_unit + 1 : body_start]:
            m = _IN_SECTION.match(unit.text)
            if m and len(m.group("s").split()) <= 4:
                return Found(m.group("s").strip(), unit.index, "section_byline")
    title_key = comparable(title) if title else None
    for unit in header:
        if unit.label != "breadcrumb":
            continue
        parts = [p.strip() for p in _BREADCRUMB_SEP.split(unit.text) if p.strip()]
        rooted = bool(parts) and parts[0].lower() in _CRUMB_ROOTS
        ends_with_title = bool(parts) and _is_title_or_cut(parts[-1], title_key)
        if not (rooted or ends_with_title):
            continue  # a menu of sections, not a path to this article
        if ends_with_title or len(parts[-1].split()) > 5:
            parts = parts[:-1]
        parts = [p for p in parts if p.lower() not in _CRUMB_ROOTS]
        if parts and len(parts[-1].split()) <= 4:
            return Found(parts[-1], unit.index, "section_breadcrumb")
    for unit in header:
        m = _PIPE_SECTION.match(unit.text)
        if m:
            return Found(m.group("s").strip(), unit.index, "section_label")
    return None


# --- outlet ------------------------------------------------------------------------------

_CORPORATE = re.compile(
    r"[\s,]+(?:private\s+limited|pvt\.?\s+ltd\.?|private\s+ltd\.?|ltd\.?|limited|inc\.?|"
    r"llc|plc|corp(?:oration)?\.?|co\.|gmbh|ag|s\.?p\.?a\.?|s\.?r\.?l\.?|s\.?a\.?|b\.?v\.?|"
    r"n\.?v\.?|a\.?s\.?|group|media\s+group|holdings?|publishing|publications?)\.?$",
    re.IGNORECASE,
)
_BRAND = r"(?P<name>[A-Z0-9][\w&'’.-]*(?:\s+(?:[A-Z0-9][\w&'’.-]*|of|the|and|&)){0,4})"
_OUTLET_PATTERNS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(rf"^welcome\s+to\s+(?:the\s+)?{_BRAND}\s*[!.]?$", re.I), 3),
    (
        re.compile(
            rf"^{_BRAND}\s+is\s+(?:a|an)\s+(?:registered\s+)?(?:\w+\s+){{0,2}}"
            r"(?:newspaper|news\s+(?:site|website|agency|outlet|organi[sz]ation)|magazine|"
            r"publication|trademark|newsroom)\b",
            re.I,
        ),
        3,
    ),
    (
        re.compile(
            rf"(?:copyrights?|©|\(c\))\s*(?:©\s*)?(?:\d{{4}}(?:\s*[-–]\s*\d{{4}})?)?\s*[-–,]?\s*"
            rf"(?:the\s+)?{_BRAND}",
            re.I,
        ),
        2,
    ),
    (re.compile(rf"\bby\s+the\s+{_BRAND}\s+staff\b"), 2),
    (re.compile(rf"^{_BRAND}\s+newsletter$", re.I), 2),
)


_OUTLET_HINTS = ("welcome", " is a", "copyright", "©", "(c)", "staff", "newsletter")
_ALL_RIGHTS = re.compile(r"\.?\s*all\s+rights\s+reserved\.?", re.IGNORECASE)


def strip_corporate(name: str) -> str:
    """An outlet's name without its company form ("Acme News Ltd." -> "Acme News")."""
    name = name.strip(" .,-–|")
    previous = None
    while previous != name:
        previous = name
        name = _CORPORATE.sub("", name).strip(" .,-–|")
    return name


def domain_of(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    host = host.lower().removeprefix("www.")
    return host or None


def outlet_from_domain(url: str | None, outlets: dict[str, str]) -> str | None:
    """The outlet for a URL's domain in the config's table (sub-domains included)."""
    host = domain_of(url)
    if not host:
        return None
    table = {k.lower().removeprefix("www."): v for k, v in outlets.items()}
    parts = host.split(".")
    for i in range(len(parts) - 1):
        name = table.get(".".join(parts[i:]))
        if name:
            return name
    return None


def find_outlet_in_text(
    units: list[Unit], body_start: int, body_end: int, outlets: dict[str, str]
) -> Found | None:
    """The publication that names itself in the page's furniture (never in the body)."""
    scores: dict[str, float] = {}
    display: dict[str, str] = {}
    where: dict[str, int] = {}
    chrome = [u for u in units if u.index < body_start or u.index > body_end]
    standalone: dict[str, int] = {}
    for unit in chrome:
        if unit.n_words <= 4:
            standalone[unit.key] = standalone.get(unit.key, 0) + 1
    known = {comparable(name): name for name in outlets.values()}
    for unit in chrome:
        if unit.n_words > 40:
            continue
        lowered = unit.text.lower()
        if not any(hint in lowered for hint in _OUTLET_HINTS):
            continue
        text = _ALL_RIGHTS.sub("", unit.text)
        for pattern, weight in _OUTLET_PATTERNS:
            m = pattern.search(text)
            if not m:
                continue
            name = strip_corporate(m.group("name"))
            key = comparable(name)
            if not key or len(key) < 2 or agency_name(name):
                continue
            scores[key] = scores.get(key, 0) + weight
            display.setdefault(key, name)
            where.setdefault(key, unit.index)
    for key, count in standalone.items():
        if key in known:
            scores[key] = scores.get(key, 0) + 3
            display.setdefault(key, known[key])
        if key in scores:
            scores[key] += min(count, 3)
    if not scores:
        return None
    best = max(scores, key=lambda k: (scores[k], -where.get(k, 0)))
    if scores[best] < 2:
        return None
    name = known.get(best, display[best])
    return Found(name, where.get(best), "outlet_text")

"""The cleaning pipeline: raw text -> units -> body -> metadata -> repaired paragraphs."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from itertools import compress, count, filterfalse, repeat
from operator import attrgetter, contains, is_

from ..model import Article, Change, CleanResult
from . import metadata as meta
from . import wire
from .body import Unit, build_units, classify_units, select_body
from .dates import find_dates, numeric_order
from .repair import has_tail_fragment, repair_split_word, split_fused_subhead, vocabulary
from .text import collapse, comparable, detect_language, soft_normalise, strip_html_residue

# Fewer body words than this is not an article (a menu, an error page, an empty scrape).
MIN_ARTICLE_WORDS = 20
# A first paragraph this short may be a standfirst above the lead that holds the dateline.
STANDFIRST_WORDS = 45
_LANGUAGE_WORDS = 500  # the body's first words, enough to tell its language (detect_language)


class CleanError(ValueError):
    """A file the cleaner cannot read as an article (one line: what and why)."""


_HEADER_DATE = re.compile(
    r"^\s*(?:date|published|pubdate)\s*[:=]?\s+(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:[T ]\d{1,2}:\d{2}[\d:.+Z-]*)?"
    r"\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_HEADER_URL = re.compile(r"^\s*(?:url|source|link)\s*[:=]?\s+(?P<url>https?://\S+)\s*$", re.I)
_HEADER_TITLE = re.compile(r"^\s*title\s*[:=]\s*(?P<title>.+)$", re.IGNORECASE)


@dataclass
class CaptureHeader:
    """Metadata a scraper wrote at the top of the file (`date 2025-02-23 ...`, `url: ...`)."""

    date: date | None = None
    url: str | None = None
    title: str | None = None


def read_capture_header(lines: list[str], units: list[Unit]) -> CaptureHeader:
    """Parse key-value header lines among the first units and label them."""
    header = CaptureHeader()
    for unit in units[:3]:
        text = lines[unit.lines[0]].strip()
        m = _HEADER_DATE.match(text)
        if m:
            found = find_dates(m.group("date"))
            header.date = found[0].value if found else None
            rest = m.group("rest").strip()
            if rest and not find_dates(rest):
                header.title = collapse(rest)
            unit.label = "capture_header"
            continue
        m = _HEADER_URL.match(text)
        if m:
            header.url = m.group("url")
            unit.label = "capture_header"
            continue
        m = _HEADER_TITLE.match(text)
        if m and unit.index == 0:
            header.title = collapse(m.group("title"))
            unit.label = "capture_header"
    return header


# The ASCII characters `str.isprintable` refuses: the C0 controls (tab among them) and DEL,
# but for the line break (a test checks them against `str.isprintable`).
_ASCII_CONTROLS = tuple(chr(c) for c in (*range(32), 127) if c != 10)


def _normalise_lines(text: str, changes: list[Change]) -> tuple[list[str], list[str]]:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    raw_lines = text.split("\n")
    # `soft_normalise` of each line: NFC of the whole text cut at its line breaks (NFC never
    # reaches across one) for a printable line, the long way for the others.
    if text.isascii():
        # NFC leaves ASCII as it is, and an ASCII line is printable unless it holds one of
        # `_ASCII_CONTROLS` (looked for in the whole text: "\n" is not one of them).
        nfc_lines = raw_lines
        printable = not any(map(text.__contains__, _ASCII_CONTROLS))
    else:
        # Read per character only the lines that are not ASCII (most lines are): the ASCII
        # lines are told printable as above, all at once, and NFC changes the text only in
        # the others (so, not reaching across a line break, only if it changes them joined).
        others = list(filterfalse(str.isascii, raw_lines))
        plain = "".join(filter(str.isascii, raw_lines))
        printable = not any(map(plain.__contains__, _ASCII_CONTROLS)) and all(
            map(str.isprintable, others)
        )
        if unicodedata.is_normalized("NFC", "\n".join(others)):
            nfc_lines = raw_lines  # (most texts: NFC would give them back as they are)
        else:
            nfc_lines = unicodedata.normalize("NFC", text).split("\n")
    if printable:
        lines = list(map(str.rstrip, nfc_lines))
    else:
        lines = [
            line.rstrip() if raw.isprintable() else soft_normalise(raw)
            for raw, line in zip(raw_lines, nfc_lines, strict=True)
        ]
    if "<" not in text and "&" not in text:  # no tag, no entity: no residue to strip
        return raw_lines, lines
    # The lines holding "<" or "&" (few), in order, found without a loop over every line. (A
    # line holds one only if the text does: normalising never makes one.)
    holding: set[int] = set()
    for mark in ("<", "&"):
        if mark in text:
            holding.update(compress(count(), map(contains, lines, repeat(mark))))
    for number in sorted(holding):
        soft = lines[number]
        stripped = strip_html_residue(soft)
        if stripped != soft:
            raw = raw_lines[number]
            changes.append(Change(number + 1, "html_residue", "change", raw, collapse(stripped)))
            lines[number] = stripped
    return raw_lines, lines


def clean_text(
    text: str,
    *,
    name: str | None = None,
    url: str | None = None,
    outlets: dict[str, str] | None = None,
) -> CleanResult:
    """Clean the text of a flattened web page into an article.

    Deterministic, never raises on any string, and never puts a word in the body that was
    not in the input (apart from rejoining a word split across two lines).
    """
    outlets = outlets or {}
    changes: list[Change] = []
    raw_lines, lines = _normalise_lines(text, changes)
    units = build_units(lines)
    capture = read_capture_header(lines, units)
    classify_units(units)

    selection = select_body(units)
    if selection is None:
        start, end, inserts = len(units), len(units) - 1, []
    else:
        start, end, inserts = selection
    in_insert = {i for a, b in inserts for i in range(a, b + 1)}

    # Metadata from the header (units above the body) and the footer.
    body_units = [u for u in units[start : end + 1] if u.index not in in_insert and u.label is None]
    language = detect_language("", lowered=_opening_words(body_units))
    texts = [u.text for u in units]  # (read by two finders: made once)
    day_first = numeric_order(texts, language)
    roles: dict[int, str] = {}
    title = meta.find_title(units, start, capture.title, end)
    title_unit = title.unit if title else None
    if title:
        for index in meta.title_units(units, str(title.value), start):
            roles[index] = "title"
    standfirst = meta.find_standfirst(units, title_unit, start)
    author = meta.find_author(units, title_unit, start, end)
    published = meta.find_published(
        units,
        title_unit,
        start,
        end,
        capture.date,
        author_unit=author.unit if author else None,
        day_first=day_first,
        texts=texts,
    )
    # The lead: the first paragraph under a headline the body repeats at its top, or the
    # paragraph after a short standfirst when that one opens with the dateline.
    at = 0
    if title and len(body_units) > 1 and body_units[0].key == comparable(str(title.value)):
        at = 1
    lead = body_units[at] if len(body_units) > at else None
    if (
        lead is not None
        and len(body_units) > at + 1
        and lead.n_words <= STANDFIRST_WORDS
        and not wire.parse_dateline(lead.text)[0]
        and wire.parse_dateline(body_units[at + 1].text)[0]
    ):
        lead = body_units[at + 1]
    lead_start = lead.index if lead else start
    header_start = min(
        (i for i, role in roles.items() if role == "title"),
        default=-1 if title_unit is None else title_unit,
    )
    dateline, lead_agency = meta.find_dateline(
        units, header_start + 1, lead_start, lead.text if lead else ""
    )
    agency = lead_agency or meta.find_agency(units, title_unit, lead_start, end)
    if agency is None and author is not None and author.rule == "wire_credit":
        credited = meta.agency_name(str(author.value).split("/")[0])
        if credited:
            agency = meta.Found(credited, author.unit, "byline_agency", author.said)
    section = meta.find_section(units, title.value if title else None, title_unit, start)
    for found, role in (
        (standfirst, "standfirst"),
        (author, "byline"),
        (published, "date_line"),
        (dateline, "dateline"),
        (section, "section"),
    ):
        if found and found.unit is not None and found.unit < start:
            roles.setdefault(found.unit, role)
    origins = _origins(
        title=title,
        standfirst=standfirst,
        author=author,
        published=published,
        dateline=dateline,
        agency=agency,
        section=section,
    )

    # The body: drop a repeated headline at its top, then repair what flattening broke.
    if body_units and title and body_units[0].key == comparable(str(title.value)):
        roles[body_units[0].index] = "title"
        body_units = body_units[1:]
    # The author's bio closing the page ("Jane Doe is a senior writer…") is not the article,
    # nor is what the page prints under it (the author's role, the site's blurb).
    bio = meta.closing_bio([u.text for u in body_units], str(author.value)) if author else None
    if bio is not None:
        for unit in body_units[bio:]:
            roles[unit.index] = "author_bio"
        body_units = body_units[:bio]
    kept = {u.index for u in body_units}
    paragraphs = _repair(body_units, changes)

    def drop_log(changes: list[Change]) -> list[Change]:
        """The changes with a drop for every line not kept, in the order of the lines."""
        drops: list[Change] = []
        drop = drops.append
        for unit in units:
            index, label = unit.index, unit.label
            if index in kept:
                continue
            if index in in_insert:
                reason = label or "insert"
            elif index < start or index > end:
                reason = (
                    label or roles.get(index) or ("before_body" if index < start else "after_body")
                )
            else:
                reason = label or roles.get(index) or "furniture"
            if index in roles and label in (None, "date_line", "byline"):
                reason = roles[index]
            for number in unit.lines:
                drop(Change(number + 1, reason, "drop", raw_lines[number]))
        # By line, a line's drop before its change: the drops (already in order) first, then
        # a stable sort by line. (The drops alone need no sort: the units are in the order of
        # the lines, and so are each unit's lines; most pages have no other change.)
        if changes:
            drops += changes
            drops.sort(key=attrgetter("line"))
        return drops

    url = url or capture.url
    outlet = meta.outlet_from_domain(url, outlets)
    outlet_origin = "address's domain in the outlets table"
    if outlet is None:
        found_outlet = meta.find_outlet_in_text(units, start, end, outlets)
        outlet = str(found_outlet.value) if found_outlet else None
        outlet_origin = "page furniture"
        if found_outlet and found_outlet.unit is not None:
            outlet_origin = f'page furniture "{units[found_outlet.unit].text[:40]}"'
    title_text = str(title.value) if title else None
    split = meta.split_site_suffix(title_text, outlet, units, start) if title_text else None
    if split:
        title_text, site = split
        if outlet is None:
            outlet, outlet_origin = site, f'the site\'s name after the headline "{site[:40]}"'
    if outlet is None:
        outlet = meta.domain_of(url)
        outlet_origin = "address's domain"

    article = Article(
        title=title_text,
        standfirst=str(standfirst.value) if standfirst else None,
        outlet=outlet,
        author=str(author.value) if author else None,
        published=published.value if published else None,  # type: ignore[arg-type]
        dateline=str(dateline.value) if dateline else None,
        agency=str(agency.value) if agency else None,
        section=str(section.value) if section else None,
        url=url,
        language=language,
        paragraphs=paragraphs,
    )
    if article.outlet:
        origins["outlet"] = outlet_origin
    if capture.url and article.url == capture.url:
        origins["url"] = "capture header"
    return CleanResult(article, changes, origins, more=drop_log)


# How each rule's finding is said by `clean --explain` (field: <phrase> "<the words>").
_RULE_PHRASES = {
    "title_repeated": "repeated line",
    "title_headline": "headline line",
    "title_capture": "capture header",
    "title_comments": "the comments' heading",
    "standfirst": "line under the title",
    "byline": "byline",
    "byline_after": "byline after the article",
    "byline_credit": "byline credit, no person named",
    "wire_credit": "the wire's and the outlet's credit",
    "copyright_holder": "the site's copyright line",
    "byline_handle": "byline handle",
    "author_label": "author line",
    "author_bio": "the author's bio",
    "signature": "the name signing the article",
    "name_line": "name line",
    "name_and_date": "name before the date",
    "date_and_name": "name after the date",
    "published_label": "date line",
    "byline_date": "byline date",
    "date_under_title": "date under the title",
    "date_above_title": "date above the title",
    "updated_under_title": "updated date under the title",
    "capture_date": "capture header",
    "dateline_lead": "dateline",
    "dateline_line": "dateline line",
    "dateline_agency": "dateline",
    "byline_agency": "byline credit",
    "lead_agency": "lead credit",
    "signoff_agency": "sign-off",
    "credit_agency": "credit line",
    "section_label": "section label",
    "section_byline": "section line",
    "section_breadcrumb": "breadcrumb",
}


def _origins(**found: meta.Found | None) -> dict[str, str]:
    """field -> where it came from, e.g. 'agency: dateline "(AP) —"'."""
    origins: dict[str, str] = {}
    for name, item in found.items():
        if item is None or item.value in (None, ""):
            continue
        phrase = _RULE_PHRASES.get(item.rule, item.rule.replace("_", " "))
        if item.said and item.rule != "capture_date":
            said = item.said if len(item.said) <= 50 else item.said[:49] + "…"
            phrase = f'{phrase} "{said}"'
        origins[name] = phrase
    return origins


def _opening_words(body_units: list[Unit]) -> list[str]:
    """The body's first words (of its first 40 units, at most _LANGUAGE_WORDS), lower case."""
    found: list[str] = []
    for unit in body_units[:40]:
        wanted = _LANGUAGE_WORDS - len(found)
        if wanted <= 0:
            break
        if unit.text.isascii():
            # A unit's key is its words joined and folded: lower case when they are ASCII.
            # (split no further than the words wanted: the rest stays one string, dropped)
            found += unit.key.split(None, wanted)[:wanted]
        else:
            found += " ".join(unit.tokens[:wanted]).lower().split()
    return found


_RAW, _TEXT = attrgetter("raw"), attrgetter("text")


def _repair(body_units: list[Unit], changes: list[Change]) -> list[str]:
    """Paragraphs of the body with fused subheadings split and split words rejoined."""
    paragraphs: list[str] = []
    source: list[Unit] = []  # the unit each paragraph comes from
    # A fused subheading is set off by a double space: most paragraphs hold none, and
    # `split_fused_subhead` answers None for them. A unit whose text is its raw line, the
    # very string (`build_units` keeps the line when it has no run of spaces to collapse, as
    # a collapsed text has none), holds none: told without reading the line.
    if all(map(is_, map(_TEXT, body_units), map(_RAW, body_units))):
        # Each unit is one paragraph, as the loop below would make them, made at once.
        paragraphs, source = list(map(_TEXT, body_units)), body_units
    for unit in body_units if not source else ():
        raw = unit.raw
        fused = split_fused_subhead(raw) if unit.text is not raw and "  " in raw else None
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
    if not any(map(has_tail_fragment, paragraphs)):
        return [p for p in paragraphs if p]
    vocab = vocabulary(" ".join(paragraphs))
    for i in range(len(paragraphs) - 1):
        if source[i + 1].index != source[i].index + 1:
            continue  # a word is split only where two lines of the page meet, nothing between
        if not has_tail_fragment(paragraphs[i]):
            # `repair_split_word` needs the paragraph's tail fragment: without one it finds
            # nothing. (`has_tail_fragment` tells most paragraphs apart by their last letter,
            # without searching them.)
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

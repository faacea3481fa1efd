"""Other inputs: Markdown with front matter (already clean) and saved HTML pages."""

from __future__ import annotations

import datetime as dt
import re

from ..model import Article, Change, CleanResult
from . import html as page
from . import metadata as meta
from .dates import find_dates
from .pipeline import MIN_ARTICLE_WORDS, CleanError, clean_text
from .rules import classify_line
from .text import collapse, comparable, detect_language, strip_controls
from .wire import parse_dateline, text_agency

_SIGNED = "the name signing the article"
_TEXT_FIELDS = ("title", "standfirst", "outlet", "author", "dateline", "agency", "section", "url")


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        found = find_dates(value)
        return found[0].value if found else None
    return None


def clean_markdown(
    text: str,
    *,
    name: str | None = None,
    url: str | None = None,
    outlets: dict[str, str] | None = None,
) -> CleanResult:
    """A Markdown article with YAML front matter, taken as already clean.

    Without front matter the file is treated as a page scrape (`clean_text`).
    Raises CleanError (one line) when the front matter cannot be parsed.
    """
    import frontmatter
    import yaml

    if not text.lstrip("\ufeff").startswith("---"):
        return clean_text(text, name=name, url=url, outlets=outlets)
    try:
        post = frontmatter.loads(text)
    except (yaml.YAMLError, ValueError) as error:
        raise CleanError(f"broken front matter: {_one_line(error)}") from None
    fields = post.metadata
    if not isinstance(fields, dict):
        raise CleanError("broken front matter: expected key: value pairs")
    values: dict[str, str | None] = {}
    for key in _TEXT_FIELDS:
        value = fields.get(key)
        values[key] = collapse(strip_controls(str(value))) if value not in (None, "") else None
    paragraphs = [
        collapse(strip_controls(block)) for block in post.content.split("\n\n") if block.strip()
    ]
    changes = _headline_atop(values, paragraphs, text, post.content)
    article = Article(
        **values,
        published=_as_date(fields.get("published") or fields.get("date")),
        language=str(fields["language"])
        if fields.get("language")
        else detect_language(" ".join(paragraphs)),
        paragraphs=paragraphs,
    )
    if article.url is None and url:
        article.url = url
    if article.outlet is None:
        article.outlet = meta.outlet_from_domain(article.url, outlets or {})
    origins = {key: "front matter" for key in _TEXT_FIELDS if values[key]}
    if article.published is not None:
        origins["published"] = "front matter"
    if changes and changes[0].rule == "heading":
        origins["title"] = "first heading"
    if paragraphs:
        _wire_from_text(article, paragraphs, origins)
    return CleanResult(article, changes, origins)


_HEADING = re.compile(r"#{1,6}\s+(.+?)(?:\s+#+)?")  # a Markdown heading ("# Title", "## Title ##")


def _first_body_line(text: str, content: str) -> int:
    """The 1-based line of the file where the body's first paragraph starts (0: not found)."""
    first = content.lstrip().split("\n", 1)[0]
    lines = text.split("\n")
    closing = next((i for i in range(1, len(lines)) if lines[i].rstrip() == "---"), 0)
    for number in range(closing + 1, len(lines)):
        if lines[number].strip():
            return number + 1 if first and lines[number].strip() == first.strip() else 0
    return 0


def _headline_atop(
    values: dict[str, str | None], paragraphs: list[str], text: str, content: str
) -> list[Change]:
    """The headline written again atop the body, as clippers and exporters save an article:
    the front matter's title repeated (as a line or a "# heading"), or, where the front matter
    gives no title, a heading opening the text, which becomes the title. Taken out of the body
    (so the dateline under it is read and the comparison does not count it as a sentence),
    unless it is all the text there is."""
    if len(paragraphs) < 2:
        return []
    first = paragraphs[0]
    heading = _HEADING.fullmatch(first)
    shown = heading.group(1) if heading else first
    if values["title"] is None:
        if heading is None:
            return []
        values["title"] = shown
        line = _first_body_line(text, content)  # (looked for only when there is a drop)
        return [Change(line, "heading", "drop", paragraphs.pop(0))]  # (now the title)
    if comparable(shown) != comparable(values["title"]):
        return []
    return [Change(_first_body_line(text, content), "title", "drop", paragraphs.pop(0))]


def _wire_from_text(article: Article, paragraphs: list[str], origins: dict[str, str]) -> None:
    """The dateline and agency the text states, where the front matter gives none:
    "MOSCOW (AP) — …" opening the article; "(via AP)", "— Reuters" or "The Associated Press
    contributed to this report." closing it."""
    place, agency, said = parse_dateline(paragraphs[0])
    if article.dateline is None and place:
        article.dateline = place
        origins["dateline"] = f'dateline "{said}"'
    if article.agency is not None:
        return
    if agency:
        article.agency, origins["agency"] = agency, f'dateline "{said}"'
        return
    last = paragraphs[-1]
    name, said, where = text_agency(paragraphs[0], last, len(last.split()))
    if name:
        article.agency, origins["agency"] = name, f'{where} "{said}"'


def clean_html(
    text: str,
    *,
    name: str | None = None,
    url: str | None = None,
    outlets: dict[str, str] | None = None,
) -> CleanResult:
    """A saved web page. What the page says about itself (JSON-LD, OpenGraph and <meta>, the
    canonical link, <time>, byline markup) comes first; trafilatura finds the main text; the
    text rules fill in what the page does not state (dateline, agency) and what is missing.

    Raises CleanError (one line) when the page holds no article.
    """
    import trafilatura  # heavy: imported only for HTML files
    from trafilatura.utils import load_html

    outlets = outlets or {}
    try:
        tree = load_html(text)
    except (ValueError, TypeError):
        tree = None
    if tree is None:
        raise CleanError("no HTML document found in the page")
    facts = page.read_page(tree)
    origins: dict[str, str] = {}
    address = page.page_address(facts)
    page_url = url or (address[0] if address else None)
    if url:
        origins["url"] = "given"
    elif address:
        origins["url"] = address[1]
    site = page.SiteNames(facts, meta.domain_of(page_url) or facts.link_host)

    document = trafilatura.bare_extraction(
        tree, url=page_url, include_comments=False, with_metadata=False
    )
    body_text = (document.text or "") if document is not None else ""
    paragraphs = [collapse(p) for p in body_text.split("\n") if p.strip()]
    body_change: Change | None = None
    stated_body = page.article_body(facts)
    if stated_body and len(stated_body.split()) > 5 * max(1, len(body_text.split())):
        # The page states far more text than trafilatura found in its markup (text drawn by
        # scripts, an odd layout): the page's own articleBody is the article.
        paragraphs = [collapse(p) for p in stated_body.split("\n") if p.strip()]
        body_change = Change(
            0,
            "json-ld articleBody",
            "change",
            f"body: trafilatura, {len(body_text.split())} words",
            f"body: the page's articleBody, {len(stated_body.split())} words",
        )
    paragraphs, dropped = _drop_furniture(paragraphs, facts)
    if _word_count(paragraphs) < MIN_ARTICLE_WORDS:
        raise CleanError("no article text found in the HTML page")

    shown_text = page.page_text(tree)
    shown_lines = frozenset(comparable(line) for line in shown_text.split("\n"))
    title = page.choose_title(facts, site, shown_lines)
    if title and paragraphs and comparable(paragraphs[0]) == comparable(title[0]):
        dropped.insert(0, (paragraphs.pop(0), "title"))  # the headline repeated atop the body
    author = page.choose_author(facts, site)
    published = _published(facts, tree)
    # The text rules on the article's own text: dateline, agency, and what the page left unsaid.
    head = [title[0]] if title else []
    result = clean_text("\n\n".join([*head, *paragraphs]), name=name, url=page_url, outlets=outlets)
    article = result.article
    article.paragraphs = paragraphs
    if paragraphs:
        _wire_from_text(article, paragraphs, origins)  # the lead as trafilatura found it
    titles = ([title[0]] if title else []) + facts.headings
    if author is None or " " not in author[0]:
        # No author in the markup, or a first name alone: the byline under the headline, as a
        # browser shows the page, when it names (in full) the same person.
        names = page.byline_near_title(shown_text, titles, site)
        if names and (author is None or names[0].startswith(f"{author[0]} ")):
            author = ("; ".join(names), "byline under the headline")
    # The date the reader sees under the headline wins over the metadata, which a CMS often
    # leaves at an older first version (measured: +6 pages, -1 on the real pages).
    shown_date = page.date_near_title(shown_text, titles)
    if shown_date:
        published = (shown_date[0], "date under the headline")
    elif published is None:
        published = _searched_date(tree)
    for field, found in (("title", title), ("author", author), ("published", published)):
        if found:
            setattr(article, field, found[0])
            origins[field] = found[1]
        elif getattr(article, field) is not None:
            origins[field] = "text rules"
    if origins.get("author") == "text rules" and result.origins["author"].startswith(_SIGNED):
        origins["author"] = _SIGNED  # said alike on both paths
    if article.author is None:
        # Last: the creator's user name the byline shows, a name signing the article, then
        # a person's copyright line (a personal site).
        handle = page.creator_handle(facts, shown_text)
        signed = page.signature(paragraphs, site)
        if handle:
            article.author, origins["author"] = handle, "twitter:creator, shown after a 'by'"
        elif signed:
            article.author, origins["author"] = signed, _SIGNED
        else:
            holder = page.copyright_person(shown_text, site)
            if holder:
                article.author, origins["author"] = holder, "the page's copyright line"
    if article.agency is None and author and page.staff_or_wire_credit(author[0], site):
        wire = page.credit_agency(author[0])  # "JIJI", "AFP/The Local": the wire filed it
        if wire:
            article.agency, origins["agency"] = wire, author[1]
    article.url = page_url
    known = meta.outlet_from_domain(page_url, outlets)
    site_name = facts.first_meta("og:site_name")
    if known:
        article.outlet, origins["outlet"] = known, "the outlets table"
    elif site_name:
        named = page.site_name_alone(site_name[1], site)
        article.outlet, origins["outlet"] = meta.strip_corporate(named), "og:site_name"
    elif article.outlet:
        origins["outlet"] = "text rules"
    for field in ("dateline", "agency", "section", "standfirst"):
        if getattr(article, field) is not None:
            origins.setdefault(field, "text rules")
    section = _article_section(facts)
    if section:
        article.section, origins["section"] = section, "json-ld articleSection"
    result.origins = origins
    result.changes = [
        *([body_change] if body_change else []),
        *(Change(0, rule, "drop", text) for text, rule in dropped),
        *(c for c in result.changes if c.action != "drop"),
    ]
    return result


# Line rules that measurably help on trafilatura's output (real pages: fewer unwanted lines
# kept, no wanted one lost); the others cost more body than they save.
_HTML_LINE_RULES = frozenset(
    {"newsletter", "legal_footer", "markup_residue", "ui_widget", "keyword_caps"}
)


# A page's appeals to the reader (subscribe, follow, write to us, our advertisers) sit at the
# top or the end of what trafilatura keeps; inside the article such words are reporting.
_EDGE_PARAGRAPHS = 3
_MAX_APPEAL_WORDS = 50
_CALL_TO_ACTION = re.compile(
    r"\bsubscri(?:be|ber|bers|ption)\b|\bsign\s*up\b|\blog\s*in\b|\bdownload\b.*\bapps?\b|"
    r"\bfollow\b.*\bon\s+(?:twitter|facebook|instagram|x|threads|linkedin|youtube)\b|"
    r"^follow\s+us\b|\bletters?\s+to\s+the\s+editor\b|\badvertisers?\b|\bnewsletter\b|"
    r"\bcopyright(?:ed)?\b|\breprint\b",
    re.IGNORECASE,
)


def _is_call_to_action(paragraph: str) -> bool:
    return len(paragraph.split()) <= _MAX_APPEAL_WORDS and bool(_CALL_TO_ACTION.search(paragraph))


def _drop_furniture(
    paragraphs: list[str], facts: page.PageFacts
) -> tuple[list[str], list[tuple[str, str]]]:
    """trafilatura's paragraphs without the lines a rule recognises as page furniture."""
    kept: list[str] = []
    dropped: list[tuple[str, str]] = []
    for index, paragraph in enumerate(paragraphs):
        rule = classify_line(paragraph)
        if rule not in _HTML_LINE_RULES:
            rule = None
        at_edge = index == 0 or index >= len(paragraphs) - _EDGE_PARAGRAPHS
        if rule is None and at_edge and _is_call_to_action(paragraph):
            rule = "call_to_action"
        if rule is None and page.link_share(paragraph, facts.links) >= page.LINK_SHARE:
            rule = "link_line"
        if rule is None:
            what = page.furniture_of(paragraph, facts)
            rule = f"{what}_markup" if what else None
        if rule is None:
            kept.append(paragraph)
        else:
            dropped.append((paragraph, rule))
    return kept, dropped


def _published(facts: page.PageFacts, tree: object) -> tuple[dt.date, str] | None:
    """The stated published date; htmldate's reading of the page where none is stated, or where
    a stated time near midnight falls on the day before or after the one the page shows."""
    from htmldate import find_date

    stated = page.choose_published(facts)
    try:
        # extensive_search would fall back on dateparser: seconds of start-up per process.
        shown = page.parse_date(find_date(tree, original_date=True, extensive_search=False))
    except Exception:  # htmldate on odd markup: a missing date, never a failed page
        shown = None
    if stated is None:
        return (shown, "htmldate") if shown else None
    if shown and _near_midnight(stated[0], shown, stated[2]):
        return shown, f"htmldate (the page's own day for the {stated[1]})"
    return stated[0], stated[1]


def _searched_date(tree: object) -> tuple[dt.date, str] | None:
    """htmldate's extensive search of the page's text, for pages that state no date anywhere
    (slow on first use: it may load dateparser, so it runs only when all else is silent)."""
    from htmldate import find_date

    try:
        found = page.parse_date(find_date(tree, original_date=True, extensive_search=True))
    except Exception:  # htmldate on odd markup: a missing date, never a failed page
        return None
    return (found, "htmldate, searching the text") if found else None


def _word_count(paragraphs: list[str]) -> int:
    """Words in the paragraphs; in scripts written without spaces (Chinese, Japanese), one per
    six characters, so that a long text is never taken for an empty page."""
    return sum(max(len(p.split()), len(p) // 6) for p in paragraphs)


def _near_midnight(stated: dt.date, shown: dt.date, hour: int | None) -> bool:
    """True when `shown` is the day a stamp at `hour` on `stated` falls on in a time zone a few
    hours east (late evening) or west (early morning)."""
    if hour is None:
        return False
    if hour >= 19:
        return shown == stated + dt.timedelta(days=1)
    if hour < 6:
        return shown == stated - dt.timedelta(days=1)
    return False


def _article_section(facts: page.PageFacts) -> str | None:
    for item in facts.articles[:1]:
        found = page.text_of(item.get("articleSection"))
        if found and len(found) <= 60:
            return found
    found = facts.first_meta("article:section")
    return found[1] if found and len(found[1]) <= 60 else None

"""Other inputs: Markdown with front matter (already clean) and saved HTML pages."""

from __future__ import annotations

import datetime as dt

from ..model import Article, CleanResult
from . import metadata as meta
from .dates import find_dates
from .pipeline import MIN_ARTICLE_WORDS, CleanError, clean_text
from .text import collapse, detect_language, strip_controls

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
    return CleanResult(article, [])


def clean_html(
    text: str,
    *,
    name: str | None = None,
    url: str | None = None,
    outlets: dict[str, str] | None = None,
) -> CleanResult:
    """A saved web page: trafilatura finds the main text and its metadata, then the same
    rules as for text pages fill in what it does not know (dateline, agency, outlet)."""
    import trafilatura  # heavy: imported only for HTML files

    document = trafilatura.bare_extraction(
        text, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    if document is None or len((document.text or "").split()) < MIN_ARTICLE_WORDS:
        raise CleanError("no article text found in the HTML page")
    head = [document.title or ""]
    if document.author:
        head.append(f"By {document.author}")
    if document.date:
        head.append(f"Published: {document.date}")
    page = "\n\n".join([*head, document.text])
    result = clean_text(page, name=name, url=url or document.url, outlets=outlets)
    article = result.article
    extracted = [collapse(p) for p in document.text.split("\n") if p.strip()]
    # trafilatura already chose the body; keep all of it unless our rules agree closely.
    if sum(len(p.split()) for p in article.paragraphs) < 0.9 * sum(
        len(p.split()) for p in extracted
    ):
        article.paragraphs = extracted
    article.title = article.title or document.title
    article.author = article.author or document.author
    article.published = article.published or _as_date(document.date)
    # The page's own site name (og:site_name) is better evidence than a bare domain.
    known = meta.outlet_from_domain(article.url, outlets or {})
    if document.sitename and known is None:
        article.outlet = meta.strip_corporate(document.sitename)
    return result

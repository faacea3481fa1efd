"""Reading feeds: RSS 0.9x/1.0/2.0 and Atom through feedparser, JSON Feed by hand (feedparser
does not read it); finding a web page's feed through `<link rel="alternate">`; one address per
page (tracking parameters like utm_* dropped).
"""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

__all__ = [
    "Entry",
    "FeedError",
    "ParsedFeed",
    "feed_links",
    "looks_like_html",
    "normalise_url",
    "parse_feed",
]

FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/json",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
)
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, "
    "text/xml;q=0.9, text/html;q=0.5, */*;q=0.1"
)

# Query parameters that only say where a click came from: the same page without them.
_TRACKING = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_cid|mc_eid|igshid|_ga|_gl|"
    r"mkt_tok|oly_anon_id|oly_enc_id|vero_id|rb_clickid|s_cid|cmpid|ncid|ocid|at_medium|"
    r"at_campaign|xtor|ref_src|__twitter_impression)$",
    re.IGNORECASE,
)


class FeedError(Exception):
    """A response that is not a usable feed. `str()` is one line."""


@dataclass(frozen=True)
class Entry:
    """One item of a feed: its guid (or address), page address, title, when it was last
    updated (ISO text, or None), and its own content (HTML or text, may be empty)."""

    guid: str
    url: str | None
    title: str | None
    updated: str | None
    content: str = ""


@dataclass
class ParsedFeed:
    title: str | None
    link: str | None
    entries: list[Entry] = field(default_factory=list)


def normalise_url(url: str, base: str | None = None) -> str:
    """The address a page is known by: absolute, scheme and host lowercase, no default port,
    no fragment, tracking parameters (utm_*, fbclid…) dropped."""
    if base:
        url = urljoin(base, url.strip())
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    port = parts.port if parts.port and (parts.scheme, parts.port) not in (
        ("http", 80), ("https", 443)
    ) else None  # fmt: skip
    netloc = host + (f":{port}" if port else "")
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    query = urlencode(
        [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not _TRACKING.match(k)
        ]
    )
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", query, ""))


def looks_like_html(content: bytes, content_type: str = "") -> bool:
    if "html" in content_type:
        return True
    head = content[:1024].lstrip().lower()
    return head.startswith(b"<!doctype html") or head.startswith(b"<html")


def parse_feed(content: bytes, url: str, content_type: str = "") -> ParsedFeed:
    """The feed in `content` (fetched from `url`); FeedError (one line) if it is not one,
    or is not well-formed (a truncated feed is refused, not half read)."""
    stripped = content.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not stripped:
        raise FeedError("the feed is empty")
    if "json" in content_type or stripped.startswith(b"{"):
        return _json_feed(stripped, url)
    if looks_like_html(stripped, content_type):
        raise FeedError("not a feed: a web page (HTML)")
    import feedparser

    parsed = feedparser.parse(content, response_headers={"content-location": url})
    if parsed.get("bozo"):
        err = parsed.get("bozo_exception")
        name = type(err).__name__
        if name not in ("CharacterEncodingOverride", "NonXMLContentType"):
            where = ""
            if hasattr(err, "getLineNumber"):
                where = f" at line {err.getLineNumber()}"
            raise FeedError(f"the feed is not well-formed XML{where} (truncated or damaged?)")
    if not parsed.get("version") and not parsed.entries:
        raise FeedError("not a feed: no RSS, Atom or JSON Feed found in it")
    feed = parsed.feed
    out = ParsedFeed(title=_text(feed.get("title")), link=feed.get("link"))
    for item in parsed.entries:
        link = item.get("link")
        page = normalise_url(link, url) if link else None
        guid = str(item.get("id") or page or "").strip()
        if not guid:
            continue
        # dict.get: feedparser warns when its own get maps one key to the other.
        stamp = dict.get(item, "updated_parsed") or dict.get(item, "published_parsed")
        updated = datetime.fromtimestamp(calendar.timegm(stamp), UTC).isoformat() if stamp else None
        content_html = ""
        if item.get("content"):
            content_html = max((c.get("value") or "" for c in item.content), key=len)
        if len(item.get("summary") or "") > len(content_html):
            content_html = item.summary
        out.entries.append(Entry(guid, page, _text(item.get("title")), updated, content_html or ""))
    return out


def _json_feed(content: bytes, url: str) -> ParsedFeed:
    try:
        data: Any = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as err:
        raise FeedError(f"the JSON feed cannot be read ({str(err).splitlines()[0]})") from None
    if not isinstance(data, dict) or not str(data.get("version", "")).startswith(
        "https://jsonfeed.org/version/"
    ):
        raise FeedError("not a feed: JSON without a jsonfeed.org version")
    items = data.get("items")
    if not isinstance(items, list):
        raise FeedError('the JSON feed has no "items" list')
    out = ParsedFeed(title=_text(data.get("title")), link=data.get("home_page_url"))
    for item in items:
        if not isinstance(item, dict):
            continue
        link = item.get("url") or item.get("external_url")
        page = normalise_url(link, url) if isinstance(link, str) and link.strip() else None
        guid = str(item.get("id") or page or "").strip()
        if not guid:
            continue
        updated = item.get("date_modified") or item.get("date_published")
        content = item.get("content_html") or item.get("content_text") or item.get("summary")
        out.entries.append(
            Entry(
                guid,
                page,
                _text(item.get("title")),
                _iso(updated),
                content if isinstance(content, str) else "",
            )
        )
    return out


def _iso(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    try:
        when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).isoformat()


def _text(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def feed_links(html: bytes, base: str) -> list[str]:
    """The feeds a web page names in `<link rel="alternate" type="…">`, best first (RSS,
    Atom, then JSON Feed, in page order within each)."""
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except (ValueError, TypeError, Exception):  # lxml raises its own for empty or odd input
        return []
    found: list[tuple[int, int, str]] = []
    for n, link in enumerate(root.iter("link")):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().strip()
        href = link.get("href")
        if "alternate" in rel and href and kind in FEED_TYPES[:4]:
            found.append((FEED_TYPES.index(kind), n, normalise_url(href, base)))
    return [url for _, _, url in sorted(found)]

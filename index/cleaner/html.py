"""What a saved web page says about itself, read before any heuristic.

    read_page(tree) -> PageFacts
        JSON-LD (schema.org articles, in @graph and lists too), OpenGraph and <meta>, the
        canonical link, <time datetime>, byline markup, the <title> and the <h1>s.
    parse_json_ld(text) -> list[dict]
        The objects of one <script type="application/ld+json">; [] when it is broken.

Nothing here raises on what a page holds: a broken or odd value is skipped, never guessed.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .dates import find_dates
from .text import comparable, strip_controls
from .wire import agency_name

# schema.org types whose objects describe the article itself.
ARTICLE_TYPES = frozenset(
    t.casefold()
    for t in (
        "Article",
        "NewsArticle",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "BackgroundNewsArticle",
        "ReviewNewsArticle",
        "AskPublicNewsArticle",
        "LiveBlogPosting",
        "BlogPosting",
        "SocialMediaPosting",
        "DiscussionForumPosting",
        "Report",
        "ScholarlyArticle",
        "TechArticle",
        "SatiricalArticle",
        "AdvertiserContentArticle",
        "Recipe",
        "HowTo",
        "Review",
        "CreativeWork",
    )
)
_MAX_JSON_LD = 2_000_000  # characters: a bigger script is not a page's description of itself
_HOST = re.compile(r"^\s*https?://([^/:?#\s]+)", re.IGNORECASE)
_TRAILING_COMMA = re.compile(r",\s*(?=[}\]])")
_JS_COMMENT = re.compile(r"^\s*//[^\n]*$", re.MULTILINE)


@dataclass
class PageFacts:
    """The page's own statements about itself, each in page order, values as the page has them."""

    articles: list[dict[str, Any]] = field(default_factory=list)  # JSON-LD article objects
    json_ld: list[dict[str, Any]] = field(default_factory=list)  # every JSON-LD object
    meta: dict[str, list[str]] = field(default_factory=dict)  # name/property (casefolded) -> values
    canonical: str | None = None
    title_tag: str | None = None
    headings: list[str] = field(default_factory=list)  # <h1> texts
    times: list[str] = field(default_factory=list)  # <time datetime> values
    bylines: list[str] = field(default_factory=list)  # text of byline / author markup
    credits: list[str] = field(default_factory=list)  # short credit markup outside figures
    links: list[str] = field(default_factory=list)  # comparable texts of links of 3+ words
    link_host: str | None = None  # the host most links point to (the site's own, mostly)
    # comparable texts of captions and of blocks whose class names page furniture
    furniture: list[tuple[str, str]] = field(default_factory=list)  # (text, what)
    language: str | None = None

    def first_meta(self, *names: str) -> tuple[str, str] | None:
        """(name, value) of the first of `names` the page has a non-empty value for."""
        for name in names:
            for value in self.meta.get(name, ()):
                if value:
                    return name, value
        return None


def parse_json_ld(text: str) -> list[dict[str, Any]]:
    """Every object of one JSON-LD script, flattened (lists, @graph, nested values); [] if
    the script is broken."""
    if not text or len(text) > _MAX_JSON_LD:
        return []
    text = text.strip()
    if text.startswith("<!--"):
        text = text.removeprefix("<!--").removesuffix("-->")
    text = text.strip().removeprefix("<![CDATA[").removesuffix("]]>").strip().rstrip(";")
    data: Any = None
    for attempt in (text, _JS_COMMENT.sub("", _TRAILING_COMMA.sub("", text))):
        try:
            # strict=False: raw newlines and tabs inside strings are common in the wild.
            data = json.loads(attempt, strict=False)
            break
        except (ValueError, RecursionError):
            continue
    if data is None:
        return []
    return list(_objects(data, depth=0))


def _objects(data: Any, depth: int) -> Iterator[dict[str, Any]]:
    """Dicts carrying an @type, outermost first, down to a fixed depth."""
    if depth > 8:
        return
    if isinstance(data, list):
        for item in data:
            yield from _objects(item, depth + 1)
    elif isinstance(data, dict):
        if "@type" in data:
            yield data
        for key, value in data.items():
            if key in ("@context",):
                continue
            if isinstance(value, (dict, list)):
                yield from _objects(value, depth + 1)


def types_of(item: dict[str, Any]) -> set[str]:
    """The casefolded schema.org type names of an object (`schema:NewsArticle` -> newsarticle)."""
    raw = item.get("@type")
    names = raw if isinstance(raw, list) else [raw]
    return {n.rsplit("/", 1)[-1].rsplit(":", 1)[-1].casefold() for n in names if isinstance(n, str)}


def is_article(item: dict[str, Any]) -> bool:
    return bool(types_of(item) & ARTICLE_TYPES)


def one_line(text: str) -> str:
    """`text` on one line: entities decoded, control characters gone, single spaces."""
    if "&" in text:
        text = html.unescape(text)
    return " ".join(strip_controls(text).split())


def text_of(value: Any) -> str | None:
    """A JSON-LD value as one clean line: a string, a number, {"@value"/"name": ...}, or the
    first of a list."""
    if isinstance(value, list):
        for item in value:
            found = text_of(item)
            if found:
                return found
        return None
    if isinstance(value, dict):
        return text_of(value.get("@value") or value.get("name"))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str):
        return one_line(value) or None
    return None


def names_of(value: Any, by_id: dict[str, dict[str, Any]], depth: int = 0) -> list[str]:
    """Person or organisation names in a JSON-LD `author`-like value (strings, objects, lists,
    references by @id to objects elsewhere in the page)."""
    if depth > 4:
        return []
    if isinstance(value, list):
        return [n for item in value for n in names_of(item, by_id, depth + 1)]
    if isinstance(value, str):
        line = text_of(value)
        return [line] if line else []
    if isinstance(value, dict):
        if "name" not in value and isinstance(value.get("@id"), str) and value["@id"] in by_id:
            value = by_id[value["@id"]]
        name = value.get("name")
        if name is None and (value.get("givenName") or value.get("familyName")):
            name = " ".join(
                filter(None, (text_of(value.get("givenName")), text_of(value.get("familyName"))))
            )
        return names_of(name, by_id, depth + 1) if name is not None else []
    return []


def _has_class_word(element: Any, words: tuple[str, ...]) -> bool:
    classes = f"{element.get('class') or ''} {element.get('id') or ''}".casefold()
    return any(word in classes for word in words)


_BYLINE_WORDS = ("byline", "author")
_NOT_BYLINE_WORDS = ("comment", "avatar", "author-bio", "authorbio", "about-author", "related")
_MAX_BYLINE_CHARS = 200


def _element_text(element: Any) -> str:
    """The element's text; pieces of separate elements that meet without a space are kept apart
    when the next starts a new word in capitals ("Jane Doe" + "Jane Doe's posts")."""
    try:
        pieces = [p for p in element.itertext() if p]
        text = ""
        for piece in pieces:
            if text and not text[-1].isspace() and text[-1].islower() and piece[0].isupper():
                text += " "
            text += piece
        return one_line(text)
    except (ValueError, TypeError):
        return ""


def read_page(tree: Any) -> PageFacts:
    """The facts a parsed page (an lxml HTML tree) states about itself."""
    facts = PageFacts()
    for script in tree.iter("script"):
        kind = (script.get("type") or "").casefold()
        if "ld+json" not in kind:
            continue
        facts.json_ld.extend(parse_json_ld(script.text or ""))
    facts.articles = [item for item in facts.json_ld if is_article(item)]
    for element in tree.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop") or ""
        content = element.get("content")
        if not key or content is None:
            continue
        value = one_line(content)
        if value:
            facts.meta.setdefault(key.strip().casefold(), []).append(value)
    for element in tree.iter("link"):
        rel = (element.get("rel") or "").casefold().split()
        if "canonical" in rel and facts.canonical is None and element.get("href"):
            facts.canonical = element.get("href").strip()
    title = next(tree.iter("title"), None)
    if title is not None:
        facts.title_tag = _element_text(title) or None
    facts.headings = [t for t in (_element_text(h) for h in tree.iter("h1")) if t]
    for element in tree.iter("time"):
        stamp = element.get("datetime") or element.get("content")
        if stamp and stamp.strip():
            facts.times.append(stamp.strip())
    facts.bylines = _bylines(tree)
    facts.credits = _credits(tree)
    facts.furniture = _furniture(tree)
    anchors = list(tree.iter("a"))
    here = {_path_of(facts.canonical), _path_of((facts.first_meta("og:url") or ("", ""))[1])}
    links = {comparable(_element_text(a)) for a in anchors if _path_of(a.get("href")) not in here}
    hosts = Counter(
        m.group(1).lower().removeprefix("www.")
        for a in anchors
        if (m := _HOST.match(a.get("href") or ""))
    )
    facts.link_host = hosts.most_common(1)[0][0] if hosts else None
    facts.links = sorted((t for t in links if len(t.split()) >= 3), key=len, reverse=True)
    root = tree.getroottree().getroot() if hasattr(tree, "getroottree") else tree
    facts.language = (root.get("lang") or "").strip() or None
    return facts


# Class or id words of blocks that are not the article: captions, disclosures. (Promotion
# classes - newsletter, related, share - were measured too: they cost more body than they save.)
_FURNITURE_CLASSES = {
    "caption": ("caption", "figcaption", "credit"),
    "disclosure": ("disclaimer", "disclosure"),
}
_MAX_FURNITURE_WORDS = 120


def _furniture(tree: Any) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in ("body", "html", "article", "main"):
            continue
        what = "caption" if element.tag == "figcaption" else None
        if what is None:
            classes = f"{element.get('class') or ''} {element.get('id') or ''}".casefold()
            if not classes.strip():
                continue
            what = next(
                (name for name, kind in _FURNITURE_CLASSES.items() if _has_any(classes, kind)),
                None,
            )
        if what is None:
            continue
        text = comparable(_element_text(element))
        if text and len(text.split()) <= _MAX_FURNITURE_WORDS:
            found.append((text, what))
    return found


def _has_any(text: str, words: tuple[str, ...]) -> bool:
    return any(word in text for word in words)


def furniture_of(paragraph: str, facts: PageFacts) -> str | None:
    """What kind of furniture block (caption, disclosure) holds all of `paragraph`."""
    key = comparable(paragraph)
    if len(key) < 8:
        return None
    for text, what in facts.furniture:
        if key in text:
            return what
    return None


def _path_of(href: str | None) -> str:
    """A link's host-less path without its fragment ("" for "#top" or no link)."""
    href = (href or "").strip().split("#", 1)[0]
    return re.sub(r"^(?:https?:)?//[^/]+", "", href).rstrip("/") if href else ""


def _in_heading(element: Any) -> bool:
    """True for a link inside an <h1>-<h6> (a headline or section title linking to itself)."""
    parent = element.getparent()
    depth = 0
    while parent is not None and depth < 4:
        if parent.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            return True
        parent, depth = parent.getparent(), depth + 1
    return False


def _bylines(tree: Any) -> list[str]:
    """Texts of the author markup: rel=author links, itemprop=author, byline/author classes;
    not the bylines of other articles' teasers (a sidebar, a "recent posts" list)."""
    found: list[str] = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        rel = (element.get("rel") or "").casefold().split()
        itemprop = (element.get("itemprop") or "").casefold().split()
        if not (
            "author" in rel
            or "author" in itemprop
            or (
                _has_class_word(element, _BYLINE_WORDS)
                and not _has_class_word(element, _NOT_BYLINE_WORDS)
            )
        ):
            continue
        if element.tag in ("meta", "link", "script", "style", "body", "html", "article"):
            continue
        if _in_teaser(element):
            continue
        text = _element_text(element)
        if text and len(text) <= _MAX_BYLINE_CHARS and text not in found:
            found.append(text)
    return found


# Containers of other articles' teasers: the bylines inside them are not this article's.
# (Class words - sidebar, widget, related - were tried: blog platforms and news sites put
# the article itself in such containers.)
_TEASER_TAGS = frozenset({"aside", "nav"})
_TEASER_DEPTH = 12


def _in_teaser(element: Any) -> bool:
    """True for an element inside an <aside> or a <nav>, or inside a link that also holds a
    headline (another article's teaser card)."""
    parent = element.getparent()
    depth = 0
    while parent is not None and depth < _TEASER_DEPTH:
        tag = parent.tag if isinstance(parent.tag, str) else ""
        if tag in _TEASER_TAGS:
            return True
        if tag == "a" and any(
            isinstance(h.tag, str) and h.tag in ("h1", "h2", "h3", "h4", "h5", "h6")
            for h in parent.iterdescendants()
        ):
            return True
        parent, depth = parent.getparent(), depth + 1
    return False


_CREDIT_WORDS = ("credit",)
_NOT_CREDIT_WORDS = ("photo", "image", "img", "caption", "media", "video", "picture")
_MAX_CREDIT_WORDS = 8


def _credits(tree: Any) -> list[str]:
    """Short texts of credit markup that is not a picture's ("<p class='credit'>AFP</p>" under
    a headline): who supplied the story."""
    found: list[str] = []
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in ("img", "figure", "figcaption"):
            continue
        if not _has_class_word(element, _CREDIT_WORDS):
            continue
        if _has_class_word(element, _NOT_CREDIT_WORDS) or _in_picture(element):
            continue
        if _in_teaser(element):
            continue
        text = _element_text(element)
        if text and len(text.split()) <= _MAX_CREDIT_WORDS and text not in found:
            found.append(text)
    return found


def _in_picture(element: Any) -> bool:
    """True for an element inside a figure or a picture's caption, or next to an image."""
    parent = element.getparent()
    depth = 0
    while parent is not None and depth < 4:
        if parent.tag in ("figure", "figcaption", "picture"):
            return True
        if _has_class_word(parent, _NOT_CREDIT_WORDS):
            return True
        parent, depth = parent.getparent(), depth + 1
    siblings = element.getparent()
    return siblings is not None and any(
        child.tag in ("img", "picture") for child in siblings if isinstance(child.tag, str)
    )


# --- choosing values ---------------------------------------------------------------------

# A title and the site's name joined in a <title> or og:title: "Headline | Site", "Site » Headline".
_TITLE_SEPARATOR = re.compile(r"\s+[|–—»«·•~/:-]\s+|\s*::\s*|\s+-{2}\s+|\s*\|\s*|(?<=\w):\s+(?=\S)")
_MAX_TITLE_CHARS = 300
# Segments of a <title> that name a kind of page, not an article ("Site » Blog Archive » Title").
_GENERIC_SEGMENTS = frozenset({"blog archive", "blog", "home", "news", "archive", "archives"})


def _compact(text: str) -> str:
    return "".join(comparable(text).split())


class SiteNames:
    """What the page calls its site (og:site_name, publisher, application-name) and its domain."""

    def __init__(self, facts: PageFacts, domain: str | None) -> None:
        names = [
            value
            for key in ("og:site_name", "application-name", "apple-mobile-web-app-title")
            for value in facts.meta.get(key, ())
        ]
        by_id = _by_id(facts)
        for item in facts.articles:
            names.extend(names_of(item.get("publisher"), by_id))
        for item in facts.json_ld:
            if types_of(item) & {"website", "organization", "newsmediaorganization"}:
                names.extend(names_of(item.get("name"), by_id))
        # A "site name" of many words is a headline put in the wrong field.
        self.names = {_compact(n) for n in names if _compact(n) and len(n.split()) <= 6}
        labels = (domain or "").split(".")
        # The registered name: "www.news.example.co.uk" -> "example" (the longest label that
        # is not a generic prefix or a country/generic suffix).
        self.label = max(
            (lab for lab in labels[:-1] if lab not in {"www", "m", "co", "com", "org", "net"}),
            key=len,
            default="",
        )

    def __contains__(self, text: object) -> bool:
        if not isinstance(text, str):
            return False
        key = _compact(text)
        if not key:
            return False
        if key in self.names:
            return True
        label = self.label.replace("-", "")
        if len(label) < 4:
            return False
        # "Four Years Remaining" on fouryears.example; "Point of Sail" on pointofsail-kiel.example
        short = len(text.split()) <= 4
        return (short and key.startswith(label)) or (len(key) >= 4 and label.startswith(key))


def _by_id(facts: PageFacts) -> dict[str, dict[str, Any]]:
    return {item["@id"]: item for item in facts.json_ld if isinstance(item.get("@id"), str)}


# "Headline | Site", "Headline - Site", "Site | Tagline": what sets a site's name apart on a
# title line or in a site name (the text rules read it too).
SITE_SEPARATOR = re.compile(r"\s+(?:[|–—·•»]|-{1,2}|::)\s+")


def site_name_alone(name: str, site: SiteNames) -> str:
    """The site's own name in an og:site_name that adds a tagline ("WSVN 7News | Miami News,
    Weather, Sports", "Noticias de El Salvador - La Prensa Gráfica"): the part that spells the
    address's name, else the first part."""
    parts = [part for part in SITE_SEPARATOR.split(name) if part.strip()]
    if len(parts) < 2:
        return name
    label = site.label.replace("-", "")
    if len(label) >= 4:
        for part in parts:
            key = _compact(part)
            if key.startswith(label) or (len(key) >= 4 and label.startswith(key)):
                return part.strip()
    return parts[0].strip()


def strip_site(title: str, site: SiteNames) -> str:
    """`title` without the site's name before or after a separator ("Headline | Site")."""
    parts = _TITLE_SEPARATOR.split(title)
    if len(parts) < 2:
        return title
    # The site's name and whatever follows it (its tagline), or precedes it at the front.
    keep = list(parts)
    tail = next((i for i in range(1, len(keep)) if keep[i] in site), None)
    if tail is not None:
        keep = keep[:tail]
    while len(keep) > 1 and (keep[0] in site or comparable(keep[0]) in _GENERIC_SEGMENTS):
        keep.pop(0)
    if len(keep) == len(parts):
        return title
    # Cut only at the separators found; the kept part stays as the page wrote it.
    start = title.find(keep[0])
    end = title.rfind(keep[-1]) + len(keep[-1])
    return title[start:end].strip() if 0 <= start < end else title


def _leading_or_trailing(part: str, whole: str) -> bool:
    """True when `part` is the first or last separated segment of `whole` ("Headline - Site")."""
    if len(part) >= len(whole):
        return False
    if whole.startswith(part):
        return bool(_TITLE_SEPARATOR.match(whole[len(part) :]))
    if whole.endswith(part):
        return bool(_TITLE_SEPARATOR.search(whole[: -len(part)] + " "))
    return False


def choose_title(
    facts: PageFacts, site: SiteNames, shown_lines: frozenset[str] = frozenset()
) -> tuple[str, str] | None:
    """The headline and where it came from: an <h1> the page's metadata agrees with first, then
    the metadata's own titles (JSON-LD headline, og:title, twitter:title, <title>) without the
    site's name, then an <h1> alone. A value that is the site's name is never a title."""
    stated: list[tuple[str, str]] = []
    for item in facts.articles[:1]:
        found = text_of(item.get("headline")) or text_of(item.get("name"))
        if found:
            stated.append((found, "json-ld headline"))
    for key in ("og:title", "twitter:title"):
        for value in facts.meta.get(key, ())[:1]:
            stated.append((value, key))
    if facts.title_tag:
        stated.append((facts.title_tag, "<title>"))
    stated = [
        (strip_site(value, site), origin)
        for value, origin in stated
        if value not in site and len(value) <= _MAX_TITLE_CHARS
    ]
    stated = [(value, origin) for value, origin in stated if value not in site]
    headings = [h for h in facts.headings if h not in site and len(h) <= _MAX_TITLE_CHARS]
    keys = {comparable(value): origin for value, origin in reversed(stated)}
    for heading in headings:
        origin = keys.get(comparable(heading))
        if origin:
            return heading, f"<h1>, as the {origin}"
    for heading in headings:
        for value, origin in stated:
            if len(heading.split()) >= 2 and _leading_or_trailing(heading, value):
                return heading, f"<h1>, a part of the {origin}"
    for value, origin in stated:
        key = comparable(value)
        if len(key.split()) < 2:
            continue
        for heading in headings:
            whole = comparable(heading)
            if whole.startswith(key) and heading[len(value) : len(value) + 1] == ":":
                return heading, f"<h1>, beginning with the {origin}"  # "Topic: the headline"
            if key in whole:
                return value, f"{origin}, inside the <h1>"
    if stated and not headings and shown_lines:
        # "Site's Name | Headline" with the site unknown: the part the page shows as a line.
        value, origin = stated[0]
        parts = [p for p in _TITLE_SEPARATOR.split(value) if comparable(p) in shown_lines]
        if len(parts) == 1 and len(parts[0].split()) >= 2 and parts[0] != value:
            return parts[0], f"{origin}, the part the page shows"
    if stated:
        first, origin = stated[0]
        for value, other in stated[1:]:
            # A value cut short by the page ("Says he is" for 'Says he is "ready"') loses to the
            # whole one; a longer value that only adds a separated tail does not win.
            rest = value[len(first) :]
            cut_short = rest and not _TITLE_SEPARATOR.match(rest) and len(rest.split()) <= 5
            if value.startswith(first) and cut_short:
                return value, f"{other} (the {origin} is cut short)"
        return first, origin
    if headings:
        return headings[0], "<h1>"
    return None


# --- authors -----------------------------------------------------------------------------

_AUTHOR_META = ("author", "article:author", "og:article:author", "article:author_name",
                "parsely-author", "sailthru.author", "dc.creator", "dcterms.creator",
                "citation_author", "byl")  # fmt: skip
_BYLINE_LEAD = re.compile(
    r"^(?:.*?\b(?:posted\s+|written\s+|words\s+|text\s+|reporting\s+)?by\s*:?\s+|"
    r"\s*(?:von|por|par|door|di|av|af|publié\s+par|publicado\s+por|escrito\s+por|"
    r"(?:authors?|autor|autore|auteur|reporter|escribe|written)\s*:?)\s+|"
    r"\s*about\s+the\s+author\s*[-–—:|]?\s+)",
    re.IGNORECASE,
)
_NAME_SEPARATOR = re.compile(r"\s*(?:,|;|\||&|\band\b|\bund\b|\by\b|\bet\b|\be\b)\s*", re.I)
_BYLINE_STOP = re.compile(
    r"\s(?:[-–—|•·]\s|(?:updated|published|posted|last\s+updated|on\s+\w+day)\b).*$|\s+\d.*$",
    re.IGNORECASE,
)
# "Edited by", "Photographs by": a credit, not the article's author.
_NOT_AUTHOR_LEAD = re.compile(
    r"\b(?:edited|translated|photos?|photographs?|illustrat\w+|images?|video|produced|design(?:ed)?)"
    r"\s+by\b",
    re.IGNORECASE,
)
_BY_PREFIX = re.compile(r"^by\s+", re.IGNORECASE)
_EMAIL = re.compile(r"\S+@\S+|\[email[^\]]*\]")
_HANDLE = re.compile(r"@\w+")
_NAME_WORD = re.compile(
    r"^[A-ZÀ-ÖØ-Þ][\w'’.-]*$|^(?:de|la|le|da|di|del|van|von|der|den|bin|al|el)$"
)
_NOT_NAMES = frozenset(
    """staff|admin|editor|editors|team|no author|guest|anonymous|by|author|authors|unknown|
    full bio|bio|view profile|profile|follow|more|anónimo|anonimo""".replace("\n", "")
    .replace("    ", "")
    .split("|")
)


_ROLE_WORDS = frozenset({"staff", "writer", "reporter", "correspondent", "editor", "contributor",
                         "columnist", "phd", "md", "dr"})  # fmt: skip


def _name_or_none(part: str, site: SiteNames, *, alone: bool) -> str | None:
    """`part` when it reads as a person's name (2–5 capitalised words, no digits; one word
    only when it is all the byline says)."""
    tokens = part.strip(" ,:;|-–—()[]\"'").split()
    if tokens and not (len(tokens[-1]) == 2 and tokens[-1].endswith(".")):
        tokens[-1] = tokens[-1].rstrip(".")  # a sentence's full stop, not an initial's
    tokens = [t for t in tokens if t]
    while len(tokens) > 1 and tokens[-1].casefold().strip(".") in _ROLE_WORDS:
        tokens.pop()
    while len(tokens) > 1 and tokens[-1] in site:
        tokens.pop()  # "Jane Doe PhillyVoice": the outlet after the name
    if len(tokens) > 1:
        # The name at the start of a longer text ("Jane Doe A professor of ..."), without a
        # lone initial left at its end.
        end = next((i for i, t in enumerate(tokens) if not _NAME_WORD.match(t)), len(tokens))
        if end >= 2:
            tokens = tokens[:end]
            while len(tokens) > 2 and len(tokens[-1].rstrip(".")) == 1:
                tokens.pop()
    part = " ".join(tokens)
    if not 1 <= len(tokens) <= 5 or part.casefold() in _NOT_NAMES or part in site:
        return None
    if part.startswith(("http", "www.")) or "/" in part:
        return None
    if len(tokens) == 1:
        plain = not _ADDRESS.search(part) and not any(ch.isdigit() for ch in part)
        return part if alone and len(part) >= 2 and plain else None
    if any(ch.isdigit() for ch in part) or not all(_NAME_WORD.match(t) for t in tokens):
        return None
    return part


def names_in_byline(text: str, site: SiteNames) -> list[str]:
    """The people a byline names ("By Jane Doe and John Roe, CNN · 3 May 2021" -> both names)."""
    text = " ".join(_HANDLE.sub(" ", _EMAIL.sub(" ", text)).split())
    lead = _BYLINE_LEAD.match(text)
    if lead:
        text = text[lead.end() :]
    dates = find_dates(text)
    if dates:
        text = text[: dates[0].start]
    text = _BYLINE_STOP.sub("", text).strip()
    parts = [p for p in _NAME_SEPARATOR.split(text) if p.strip()]
    # One word is a name only when it is all the byline says, or follows "By" in capitals.
    alone = len(parts) == 1 and (
        len(text.split()) == 1 and lead is None or (lead is not None and text[:1].isupper())
    )
    names: list[str] = []
    for part in parts:
        name = _name_or_none(part, site, alone=alone)
        if name and name not in names:
            names.append(name)
    return names


def choose_author(facts: PageFacts, site: SiteNames) -> tuple[str, str] | None:
    """The article's author(s), joined by "; ", and where they came from.

    JSON-LD authors (people, not the site itself) and the author <meta> are taken when the
    visible byline agrees with them or there is no byline; a visible byline that names other
    people wins. Where no one is named, a credit the byline or credit markup gives: the
    newsroom's staff ("By Staff Writer") or a wire agency ("AFP", "AFP/The Local").
    """
    by_id = _by_id(facts)
    visible: list[str] = []
    for text in facts.bylines:
        if _NOT_AUTHOR_LEAD.search(text):
            continue
        for name in names_in_byline(text, site):
            if name not in visible:
                visible.append(name)
        if visible:
            break
    seen_text = comparable(" ".join(facts.bylines))
    stated: list[tuple[list[str], str]] = []
    for item in facts.articles[:1]:
        names = [
            _BY_PREFIX.sub("", n)
            for n in names_of(item.get("author"), by_id)
            if _stated_name(n, site)
        ]
        if names:
            stated.append((names, "json-ld author"))
    for key in _AUTHOR_META:
        values = [v for v in facts.meta.get(key, ()) if _stated_name(v, site)]
        if values:
            names = [n for v in values for n in (names_in_byline(v, site) or [v])]
            stated.append((_unique(names), f"<meta {key}>"))
    agreeing = [
        (names, origin)
        for names, origin in stated
        if not visible or all(comparable(n) in seen_text for n in names)
    ]
    if agreeing:
        names, origin = agreeing[0]
        keys = {comparable(n) for n in names}
        for more, other in agreeing[1:]:
            # One source lists the first author only, another all of them.
            if len(more) > len(names) and keys <= {comparable(n) for n in more}:
                return "; ".join(_unique(more)), other
        return "; ".join(_unique(names)), origin
    if visible:
        return "; ".join(visible), "byline markup"
    for text in facts.bylines:
        credit = staff_or_wire_credit(text, site)
        if credit:
            return credit, "byline markup, a credit"
    for text in facts.credits:
        credit = staff_or_wire_credit(text, site, staff=False)
        if credit:
            return credit, "credit markup"
    return None


# A newsroom's collective credit: "Staff", "Staff Writer", "Staff and news service reports",
# "News Desk", "Web Desk".
_STAFF_CREDIT = re.compile(
    r"^(?:[\w.&-]+\s+)?(?:staff|(?:news|web|city|metro)\s*desk|editorial\s+(?:staff|team|board))"
    r"(?:\s+(?:writers?|reporters?|reports?|and|&|news|wire|services?|agencies|report))*$",
    re.IGNORECASE,
)
_CREDIT_SPLIT = re.compile(r"\s*(?:/|,|;|&|\band\b|\bwith\b)\s*", re.IGNORECASE)
_MAX_CREDIT_CHARS = 60


def credit_agency(credit: str) -> str | None:
    """The first wire agency a credit names ("AFP/The Local" -> "AFP")."""
    return next((name for p in _CREDIT_SPLIT.split(credit) if (name := agency_name(p))), None)


def staff_or_wire_credit(text: str, site: SiteNames, *, staff: bool = True) -> str | None:
    """A byline or credit that names no one but the newsroom's staff or a wire agency, as the
    page writes it ("By Staff Writer" -> "Staff Writer"; "AFP/The Local"; "JIJI"); else None.
    A credit of the site alone is not an author."""
    text = " ".join(_HANDLE.sub(" ", _EMAIL.sub(" ", text)).split())
    lead = _BYLINE_LEAD.match(text)
    if lead:
        text = text[lead.end() :]
    dates = find_dates(text)
    if dates:
        text = text[: dates[0].start]
    text = _BYLINE_STOP.sub("", text).strip(" ,;:|-–—()[]")
    if not text or len(text) > _MAX_CREDIT_CHARS or text in site:
        return None
    if staff and _STAFF_CREDIT.match(text):
        return text
    parts = [p for p in _CREDIT_SPLIT.split(text) if p]
    wires = [p for p in parts if agency_name(p)]
    if wires and all(agency_name(p) or p in site for p in parts):
        return text
    return None


# Words of an organisation's name, never of a person's (a copyright holder that is a company).
_ORG_WORDS = frozenset(
    """news times post daily weekly journal magazine press media group network radio tv
    online herald tribune gazette review agency institute university college association
    society club foundation company inc ltd llc corp corporation staff team desk editors
    editorial blog report reports service services today the all rights reserved co plc
    gmbh ag sa srl pty llp limited holdings enterprises publishing publications
    communications digital studio studios productions partners""".split()
)
_COPYRIGHT = re.compile(
    r"(?i:©|\(c\)|\bcopyright\b)(?:\s*(?i:©|\(c\)))?\s*"
    r"(?:\d{4}(?:\s*[-–]\s*(?:\d{4})?)?\s*,?\s*)?(?i:by\s+)?"
    r"(?P<name>[A-ZÀ-ÖØ-Þ][\w'’.-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w'’.-]*){1,3}?)"
    r"\s*(?:$|[.,|]|\s+(?i:all\s+rights)|\s+\d{4})"
)
_MAX_COPYRIGHT_LINE_WORDS = 20


def copyright_person(text: str, site: SiteNames) -> str | None:
    """The person a page's copyright line names ("Copyright (c) 2012- Jane Doe. All rights
    reserved."), when it names a person and not a company or the site: the author of a
    personal site."""
    for line in reversed(text.split("\n")):
        if len(line.split()) > _MAX_COPYRIGHT_LINE_WORDS:
            continue
        m = _COPYRIGHT.search(line)
        if not m:
            continue
        name = m.group("name").strip().rstrip(".")
        tokens = name.split()
        if any(t.casefold().strip(".,") in _ORG_WORDS for t in tokens) or name in site:
            return None  # the last copyright line names a company: no person to find
        if len(tokens) < 2 or not all(_NAME_WORD.match(t) for t in tokens) or name.isupper():
            return None  # "© ALL RIGHTS RESERVED" in any language is no one's name
        return _name_or_none(name, site, alone=False)
    return None


_HANDLE_NAME = re.compile(r"[A-Za-z][\w.-]{2,30}")


def creator_handle(facts: PageFacts, text: str) -> str | None:
    """The user name the page gives as its creator (twitter:creator, without "@") when its
    text shows it after a "by" ("by delta201"): how fiction and forum sites credit authors."""
    found = facts.first_meta("twitter:creator")
    if not found:
        return None
    handle = found[1].strip().removeprefix("@")
    if not _HANDLE_NAME.fullmatch(handle):
        return None
    shown = re.compile(rf"(?:^|\s)by\s*:?\s+{re.escape(handle)}(?:\s|$)", re.IGNORECASE)
    return handle if shown.search(text) else None


_MAX_SIGNATURE_WORDS = 3
# Closing words that are not a name ("Thanks / 3 May 2021").
_NOT_SIGNATURES = (
    _ORG_WORDS
    | _NOT_NAMES
    | frozenset(
        """thanks thank cheers enjoy best regards love bye ciao grüße gruß gruss saludos merci
    danke gracias salut update updated edit edited end fin ende posted published""".split()
    )
)


def signature(paragraphs: list[str], site: SiteNames) -> str | None:
    """The name an article is signed with: a short line of a name alone at its end, followed
    by nothing or by the date alone ("... Thanks for reading! / Jane / 10. September 2017")."""
    tail = list(paragraphs[-2:])
    if tail and _is_date_line(tail[-1]):
        tail.pop()
    else:
        return None  # a name alone at the end without a date is too often a caption or a credit
    if not tail:
        return None
    line = tail[-1].strip()
    tokens = line.split()
    if not 1 <= len(tokens) <= _MAX_SIGNATURE_WORDS or not all(_NAME_WORD.match(t) for t in tokens):
        return None
    if any(t.casefold().strip(".") in _NOT_SIGNATURES for t in tokens):
        return None
    return _name_or_none(line, site, alone=True)


def _is_date_line(line: str) -> bool:
    found = find_dates(line)
    return bool(found) and len(line.split()) <= 6 and found[0].start <= 3


_ADDRESS = re.compile(r"/|\.(?:com|org|net|[a-z]{2})\b|^www\.", re.IGNORECASE)


def _stated_name(value: str, site: SiteNames) -> bool:
    return (
        bool(value)
        and not _ADDRESS.search(value.split()[-1] if " " in value else value)
        and value not in site
        and value.casefold() not in _NOT_NAMES
        and not value.startswith(("http", "www.", "@"))
    )


def _unique(names: list[str]) -> list[str]:
    out: list[str] = []
    for name in names:
        if name not in out:
            out.append(name)
    return out


# --- dates and address ---------------------------------------------------------------------

_PUBLISHED_META = ("article:published_time", "og:published_time", "datepublished",
                   "article.published", "publish-date", "publishdate", "pubdate", "date",
                   "dc.date.issued", "dc.date", "dcterms.created", "dcterms.date",
                   "citation_publication_date", "sailthru.date", "parsely-pub-date")  # fmt: skip
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def parse_date(value: str | None) -> dt.date | None:
    """The calendar date a stamp names: ISO 8601 first, then the forms pages print."""
    if not value:
        return None
    m = _ISO_DATE.match(value)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    found = find_dates(value[:200])
    return found[0].value if found else None


def choose_published(facts: PageFacts) -> tuple[dt.date, str, int | None] | None:
    """The published date the page states, where it came from, and the stamp's hour if it has
    one: JSON-LD datePublished, the published <meta>, the first <time datetime>. Dates in the
    future or before 1990 are not publication dates."""
    stated: list[tuple[str | None, str]] = [
        (text_of(item.get("datePublished")), "json-ld datePublished") for item in facts.articles
    ]
    for key in _PUBLISHED_META:
        stated.extend((value, f"<meta {key}>") for value in facts.meta.get(key, ()))
    stated.extend((value, "<time datetime>") for value in facts.times[:1])
    today = dt.date.today()
    for value, origin in stated:
        day = parse_date(value)
        if day and dt.date(1990, 1, 1) <= day <= today + dt.timedelta(days=2):
            hour = _STAMP_HOUR.match(value or "")
            return day, origin, int(hour.group(1)) if hour else None
    return None


_STAMP_HOUR = re.compile(r"^\s*\d{4}-\d{2}-\d{2}[T ](\d{2}):")


def page_address(facts: PageFacts) -> tuple[str, str] | None:
    """The page's own absolute address: <link rel=canonical>, else og:url."""
    og_url = facts.first_meta("og:url")
    for value, origin in (
        (facts.canonical, "<link rel=canonical>"),
        (og_url[1] if og_url else None, "og:url"),
    ):
        if value and value.startswith(("http://", "https://")) and " " not in value.strip():
            return value.strip(), origin
    return None


def article_body(facts: PageFacts) -> str | None:
    """The JSON-LD articleBody of the page's article, with its line breaks."""
    for item in facts.articles:
        value = item.get("articleBody")
        if isinstance(value, str) and value.strip():
            text = html.unescape(value) if "&" in value else value
            return strip_controls(text.replace("\r", "\n"))
    return None


# --- the body ----------------------------------------------------------------------------

LINK_SHARE = 0.7  # a paragraph this much made of links to elsewhere is a "read more" line


def link_share(paragraph: str, links: list[str]) -> float:
    """How much of `paragraph` (0..1) is the text of links on the page."""
    text = comparable(paragraph)
    if not text or not links:
        return 0.0
    covered = 0
    for link in links:  # longest first, each counted once
        if len(link) > len(text):
            continue
        if link in text:
            covered += len(link)
            text = text.replace(link, " ")
            if covered >= len(text):
                break
    return min(1.0, covered / max(1, len(comparable(paragraph))))


# --- the page as a browser lays out its text -----------------------------------------------

_BLOCK_TAGS = frozenset(
    """address article aside blockquote br dd details div dl dt fieldset figcaption figure
    footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table td th
    tr ul""".split()
)
_INLINE_BREAKS = frozenset({"a", "span", "time", "strong", "b", "em", "i", "small", "abbr"})
_HIDDEN_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "head", "iframe"})


def page_text(tree: Any) -> str:
    """The page's visible text, one block element per line (what a copy of the page gives)."""
    from lxml import etree

    parts: list[str] = []
    hidden = 0
    try:
        for event, element in etree.iterwalk(tree, events=("start", "end")):
            tag = element.tag if isinstance(element.tag, str) else ""
            if event == "start":
                if tag in _HIDDEN_TAGS:
                    hidden += 1
                elif not hidden:
                    if tag in _BLOCK_TAGS:
                        parts.append("\n")
                    elif tag in _INLINE_BREAKS:
                        parts.append(" ")  # "By<span>Jane Doe</span>" shows as two words
                    if element.text and isinstance(element.tag, str):
                        parts.append(element.text)
                continue
            if tag in _HIDDEN_TAGS:
                hidden -= 1
            elif not hidden and tag in _BLOCK_TAGS:
                parts.append("\n")
            if not hidden and element.tail:
                parts.append(element.tail)
    except (ValueError, TypeError):
        return ""
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


_HEAD_LINES = 15  # lines after the headline where a byline sits
_MAX_BYLINE_WORDS = 16


def byline_near_title(text: str, titles: list[str], site: SiteNames) -> list[str]:
    """Names on a "By ..." line just below the headline (the first of `titles` the page's text
    shows on a line of its own); a lead alone on its line ("By", "| By :") takes the next."""
    lines = text.split("\n")
    keys = [comparable(t) for t in titles if t]
    start = next(
        (i for key in keys for i, line in enumerate(lines) if key and comparable(line) == key),
        None,
    )
    if start is None:
        return []
    head = lines[start + 1 : start + 2 + _HEAD_LINES]
    for i, line in enumerate(head[:-1]):
        if _LEAD_ALONE.match(line):
            line = f"{line.strip(' |:')} {head[i + 1]}"
        if len(line.split()) > _MAX_BYLINE_WORDS or not _BYLINE_LEAD.match(line):
            continue
        if _NOT_AUTHOR_LEAD.search(line):
            continue
        names = names_in_byline(line, site)
        if names:
            return names
    return []


_LEAD_ALONE = re.compile(r"^\W*by\s*:?\W*$", re.IGNORECASE)


_MAX_DATE_LINE_WORDS = 25


def date_near_title(text: str, titles: list[str]) -> tuple[dt.date, str] | None:
    """The first date the page's text shows in the lines just below its headline, and that line."""
    lines = text.split("\n")
    keys = [comparable(t) for t in titles if t]
    start = next(
        (i for key in keys for i, line in enumerate(lines) if key and comparable(line) == key),
        None,
    )
    if start is None:
        return None
    for line in lines[start + 1 : start + 1 + _HEAD_LINES]:
        if len(line.split()) > _MAX_DATE_LINE_WORDS:
            break  # the body has begun
        found = find_dates(line)
        if found:
            return found[0].value, line
    return None

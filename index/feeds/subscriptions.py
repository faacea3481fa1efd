"""The subscriptions: one plain TOML file (`feeds.toml`, beside the config file in use) that
people may edit by hand, and OPML in and out.

    [[feed]]
    name = "Eunews"
    url = "https://www.eunews.it/en/feed/"
    group = "Europe"          # optional: a folder of the OPML file it came from
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from ..lock import StoreBusy, StoreLock

__all__ = [
    "Subscription",
    "SubscriptionError",
    "export_opml",
    "parse_opml",
    "read_subscriptions",
    "write_subscriptions",
]

_HEADER = """\
# Parallax subscriptions: one [[feed]] block per feed, with its name, its url and, if you like,
# a group. Edit freely; `parallax feeds add|remove|import` rewrite this file (comments inside
# the blocks are not kept).
"""


class SubscriptionError(Exception):
    """The subscriptions file or an OPML file cannot be used. `str()` is one line."""


@dataclass(frozen=True)
class Subscription:
    name: str
    url: str
    group: str | None = None


def read_subscriptions(path: Path) -> list[Subscription]:
    """The feeds in `path` (none when it does not exist); SubscriptionError naming the file
    and the entry otherwise."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as err:
        raise SubscriptionError(
            f"subscriptions {path}: cannot read it ({(err.strerror or 'error').lower()})"
        ) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise SubscriptionError(f"subscriptions {path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as err:
        raise SubscriptionError(f"subscriptions {path}: not valid TOML: {err}") from None
    unknown = [k for k in data if k != "feed"]
    if unknown:
        raise SubscriptionError(
            f'subscriptions {path}: unknown key "{unknown[0]}"; only [[feed]] blocks belong here'
        )
    feeds = data.get("feed", [])
    if not isinstance(feeds, list):
        raise SubscriptionError(f"subscriptions {path}: `feed` must be [[feed]] blocks")
    out: list[Subscription] = []
    for n, block in enumerate(feeds, 1):
        where = f"subscriptions {path}: feed {n}"
        if not isinstance(block, dict):
            raise SubscriptionError(f"{where} must be a [[feed]] block")
        extra = [k for k in block if k not in ("name", "url", "group")]
        if extra:
            raise SubscriptionError(f'{where}: unknown key "{extra[0]}" (name, url, group)')
        url = block.get("url")
        if not isinstance(url, str) or not url.strip().lower().startswith(("http://", "https://")):
            raise SubscriptionError(f'{where}: "url" must be an http:// or https:// address')
        name = block.get("name", url)
        group = block.get("group")
        if not isinstance(name, str) or not name.strip():
            raise SubscriptionError(f'{where}: "name" must be a non-empty string')
        if group is not None and (not isinstance(group, str) or not group.strip()):
            raise SubscriptionError(f'{where}: "group" must be a non-empty string')
        out.append(Subscription(name.strip(), url.strip(), group.strip() if group else None))
    return out


class _SubscriptionsLock(StoreLock):
    doing = "changing the subscriptions"


@contextmanager
def editing_subscriptions(path: Path) -> Iterator[list[Subscription]]:
    """The subscriptions, read under a lock held until the block ends: `feeds add`, `remove`
    and `import` in several processes at once each see the others' changes, none is lost.
    The caller edits the list in place; it is written when the block ends without error."""
    lock = _SubscriptionsLock(path.with_name(f".{path.name}.lock"))
    try:
        lock.hold()
    except StoreBusy as err:
        raise SubscriptionError(f"subscriptions {path}: {err}") from None
    with lock:
        feeds = read_subscriptions(path)
        before = list(feeds)
        yield feeds
        if feeds != before:
            write_subscriptions(path, feeds)


def write_subscriptions(path: Path, feeds: list[Subscription]) -> None:
    """Write the file whole (temporary file renamed into place)."""
    lines = [_HEADER]
    for feed in feeds:
        lines.append("\n[[feed]]")
        lines.append(f"name = {_toml_string(feed.name)}")
        lines.append(f"url = {_toml_string(feed.url)}")
        if feed.group:
            lines.append(f"group = {_toml_string(feed.group)}")
    text = "\n".join(lines) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _toml_string(value: str) -> str:
    """A TOML basic string: quotes and backslashes escaped, control characters as \\uXXXX."""
    out = []
    for ch in value:
        if ch in ('"', "\\"):
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


# Characters XML 1.0 cannot hold: left out of an exported OPML file.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_text(value: str) -> str:
    return _NOT_XML.sub("", value)


def parse_opml(data: bytes, where: str) -> list[Subscription]:
    """The feeds of an OPML file: each outline with an xmlUrl; the outlines holding them
    (folders) become groups. SubscriptionError (one line) if it is not OPML."""
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as err:
        raise SubscriptionError(f"{where}: not an OPML file ({err})") from None
    if root.tag.lower() != "opml" or root.find("body") is None:
        raise SubscriptionError(f"{where}: not an OPML file (no <opml><body>)")
    out: list[Subscription] = []

    def walk(node: ElementTree.Element, group: str | None) -> None:
        for outline in node.findall("outline"):
            url = (outline.get("xmlUrl") or "").strip()
            label = (outline.get("title") or outline.get("text") or "").strip()
            if url:
                out.append(Subscription(label or url, url, group))
            else:
                walk(outline, label or group)

    walk(root.find("body"), None)  # type: ignore[arg-type]
    return out


def export_opml(feeds: list[Subscription], title: str = "Parallax subscriptions") -> str:
    """OPML 2.0: feeds without a group at the top, the others in one folder per group."""
    opml = ElementTree.Element("opml", version="2.0")
    head = ElementTree.SubElement(opml, "head")
    ElementTree.SubElement(head, "title").text = title
    body = ElementTree.SubElement(opml, "body")
    folders: dict[str, ElementTree.Element] = {}
    for feed in feeds:
        parent = body
        if feed.group:
            parent = folders.get(feed.group)  # type: ignore[assignment]
            if parent is None:
                group = _xml_text(feed.group)
                parent = folders[feed.group] = ElementTree.SubElement(
                    body, "outline", text=group, title=group
                )
        name = _xml_text(feed.name)
        ElementTree.SubElement(
            parent, "outline", type="rss", text=name, title=name, xmlUrl=_xml_text(feed.url)
        )
    ElementTree.indent(opml)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + ElementTree.tostring(opml, encoding="unicode")
        + "\n"
    )

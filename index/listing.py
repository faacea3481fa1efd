"""The article list as it was last saved: what the reader shows first, before the store, the
sources or the index are opened.

`<data_dir>/.parallax/listing.json` holds one row per readable article — id, title, outlet,
published, author, agency, words — newest first (undated last), then by title: the order of
`Corpus.articles()`. Whoever changes the store writes it (`Corpus.save_listing`); reading it
costs one JSON parse, which is why it imports nothing heavier than `json`. It is written one
row per line after a first line giving the count, so that the first screenful can be read
without the rest (`read_head`): the reader's first frame does not wait for 100,000 rows.

It is only a summary of the article files: if it is missing, damaged or from another version,
`read_listing` says None and the reader waits for the store to be read.
"""

from __future__ import annotations

import json
import os
import re
from bisect import insort
from collections.abc import Iterable, Sequence
from contextlib import suppress
from datetime import date
from pathlib import Path
from typing import Any

from .model import ArticleSummary
from .textio import collector_paused

__all__ = [
    "LISTING_FILE",
    "Delta",
    "apply_delta",
    "listing_path",
    "listing_row",
    "read_head",
    "read_listing",
    "read_rows",
    "rows_delta",
    "sort_key",
    "summaries_from_rows",
    "write_listing",
]

STATE_DIR = ".parallax"  # store.STATE_DIR, spelled out: the store imports YAML
LISTING_FILE = "listing.json"
LISTING_VERSION = 1

Row = list[Any]  # [id, title, outlet, published (YYYY-MM-DD or None), author, agency, words]
# The first line of a listing written a row per line.
_HEAD = re.compile(rb'\{"version":%d,"count":(\d+),"articles":\[' % LISTING_VERSION)
# What changed between two listings: the rows new or different, and the ids gone.
Delta = tuple[list[Row], list[str]]


def listing_path(data_dir: Path | str) -> Path:
    return Path(data_dir) / STATE_DIR / LISTING_FILE


def sort_key(summary: ArticleSummary) -> tuple[int, str, str]:
    """Newest first, undated last, then by title (case aside) and id."""
    published = summary.published.toordinal() if summary.published else 0
    return (-published, (summary.title or "").casefold(), summary.id)


def listing_row(summary: ArticleSummary) -> Row:
    """The listing's row for one article."""
    published = summary.published.isoformat() if summary.published else None
    return [
        summary.id, summary.title, summary.outlet, published, summary.author, summary.agency,
        summary.words,
    ]  # fmt: skip


def summaries_from_rows(rows: Iterable[Row]) -> list[ArticleSummary]:
    """The summaries of listing rows (in the rows' order); a malformed row is left out."""
    with collector_paused():  # half the time spent at 10,000 rows went to the collector
        return _summaries(rows)


def _summaries(rows: Iterable[Row]) -> list[ArticleSummary]:
    out = []
    fromisoformat = date.fromisoformat
    for row in rows:
        try:
            article_id, title, outlet, published, author, agency, words = row
            out.append(
                ArticleSummary(
                    id=str(article_id),
                    title=title,
                    outlet=outlet,
                    published=fromisoformat(published) if published else None,
                    author=author,
                    agency=agency,
                    sources=(),
                    words=int(words or 0),
                )
            )
        except (TypeError, ValueError):
            continue
    return out


def read_rows(data_dir: Path | str) -> list[Row] | None:
    """The rows as saved; None when there is no usable listing."""
    try:
        raw = listing_path(data_dir).read_bytes()
        first, _, rest = raw.partition(b"\n")
        head = _HEAD.fullmatch(first)
        if head is not None:  # a row per line: parsed a line at a time (see _lines)
            rows = _lines(rest, b"[")
            return rows if len(rows) == int(head[1]) else None
        data = json.loads(raw)
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("version") != LISTING_VERSION:
        return None
    rows = data.get("articles")
    return rows if isinstance(rows, list) else None


def _lines(text: bytes, start: bytes) -> list[Any]:
    """The JSON values of the lines of `text` that start with `start` (a trailing comma
    aside), parsed one at a time: a thread reading 100,000 of them never holds the others up
    for longer than a line (one json.loads of the whole file would, for 100 ms and more).
    ValueError for a line that is not JSON."""
    with collector_paused():
        return [
            json.loads(line.removesuffix(b","))
            for line in text.split(b"\n")
            if line.startswith(start)
        ]


def read_head(data_dir: Path | str, rows: int) -> tuple[list[Row], int] | None:
    """The first `rows` rows of the listing and how many it holds, the rest left unread; None
    when there is no usable listing or it is not written a row per line (an older one)."""
    try:
        with listing_path(data_dir).open("rb") as lines:
            first = _HEAD.fullmatch(lines.readline().rstrip(b"\n"))
            if first is None:
                return None
            head: list[Row] = []
            for line in lines:
                if len(head) >= rows or line.startswith(b"]"):
                    break
                row = json.loads(line.rstrip(b"\n").removesuffix(b","))
                if not isinstance(row, list):
                    return None
                head.append(row)
    except (OSError, ValueError):
        return None
    return head, int(first[1])


def read_listing(data_dir: Path | str) -> list[ArticleSummary] | None:
    """Every article as last listed, in list order; None when there is no usable listing."""
    rows = read_rows(data_dir)
    return None if rows is None else summaries_from_rows(rows)


def write_listing(data_dir: Path | str, summaries: Sequence[ArticleSummary]) -> Delta | None:
    """Save the listing of `summaries` (already in list order). Returns what changed since the
    saved one (None when it could not be compared: there was none, or it was unreadable);
    ([], []) when nothing did, and then nothing is written (unless the saved one is in the
    older one-line form). OSError if it cannot be written."""
    rows = [listing_row(s) for s in summaries]
    old = read_rows(data_dir)
    delta = rows_delta(old, rows) if old is not None else None
    if delta == ([], []) and read_head(data_dir, 0) is not None:
        return delta
    path = listing_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{LISTING_FILE}.{os.getpid()}.tmp")
    try:
        encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
        with tmp.open("w", encoding="utf-8") as out:
            # One JSON document, a row per line (read_head); a newline inside a title is
            # written as \n, so a line never holds less than a row.
            out.write(f'{{"version":{LISTING_VERSION},"count":{len(rows)},"articles":[\n')
            out.write(",\n".join(encode(row) for row in rows))
            out.write("\n]}\n" if rows else "]}\n")
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            tmp.unlink()
        raise
    return delta


def rows_delta(old: Sequence[Row], new: Sequence[Row]) -> Delta:
    """The rows of `new` that `old` lacks or has otherwise, and the ids only `old` has."""
    before = {row[0]: row for row in old if isinstance(row, list) and row}
    changed = [row for row in new if before.get(row[0]) != row]
    ids = {row[0] for row in new}
    return changed, [i for i in before if i not in ids]


def apply_delta(
    summaries: Sequence[ArticleSummary], changed: Sequence[Row], removed: Iterable[str]
) -> list[ArticleSummary]:
    """`summaries` (in list order) with `changed` rows put in place and `removed` ids left
    out, still in list order."""
    fresh = summaries_from_rows(changed)
    drop = set(removed) | {s.id for s in fresh}
    out = [s for s in summaries if s.id not in drop] if drop else list(summaries)
    for summary in fresh:
        insort(out, summary, key=sort_key)
    return out

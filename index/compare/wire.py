"""Syndication: articles that are one wire story, the agency, and how much text they share.

Two articles are one wire story when a large share of the shorter one's word sequences (runs
of `SHINGLE` words, folded) is found in the other: outlets trim, retitle and cut wire copy,
but what they keep they keep word for word. Different stories from one agency share only
background paragraphs, well below the threshold.

The agency is the one an article of the group credits (the cleaner's `agency` field); if none
does, a credit in the text itself ("(AP) —" in the lead, "— Reuters" at the end, "AP
Istanbul"); else it stays unknown: the copy is still reported, since shared text is the proof.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..analysis import WORD, fold

__all__ = ["SHARED_MIN", "Syndication", "find_syndication", "shared_text"]

SHINGLE = 6
SHARED_MIN = 0.3  # share of the shorter article's word runs found in the other


@lru_cache(maxsize=1)
def _credit_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], Callable]:
    """The cleaner's table of agencies, as patterns (imported on first use: the cleaner is
    heavy, and most comparisons never need it)."""
    from ..cleaner.metadata import AGENCIES, agency_name

    words = "|".join(
        sorted((re.escape(k) for k in AGENCIES if len(k) > 2 or k == "ap"), key=len, reverse=True)
    )
    return (
        re.compile(rf"\((?P<agency>{words})\)", re.I),  # "ISTANBUL (AP) —"
        re.compile(rf"[—–-]\s*\(?(?P<agency>{words})\)?\s*$", re.I),  # "— Reuters"
        re.compile(rf"^(?P<agency>{words})\s+[A-Z][\w'’.-]+$", re.M | re.I),  # "AP Istanbul"
        agency_name,
    )


@dataclass(frozen=True)
class Syndication:
    """Articles that are one wire story: the agency (None if no copy credits one) and the
    share of text they have in common (0..1, of the shorter copy)."""

    ids: list[str]
    agency: str | None
    shared: float


def shingles(text: str) -> set[int]:
    words = [fold(m.group()) for m in WORD.finditer(text)]
    return {hash(tuple(words[i : i + SHINGLE])) for i in range(len(words) - SHINGLE + 1)}


def shared_text(a: set[int], b: set[int]) -> float:
    """The share of the smaller set of word runs found in the other."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def credited_agency(text: str) -> str | None:
    """An agency the text credits itself: "ISTANBUL (AP) —", "— Reuters", "AP Istanbul"."""
    lead, signoff, credit_line, agency_name = _credit_patterns()
    for pattern, window in ((lead, text[:300]), (signoff, text[-80:]), (credit_line, text[:300])):
        m = pattern.search(window)
        if m and agency_name(m.group("agency")):
            return agency_name(m.group("agency"))
    return None


def find_syndication(
    articles: Sequence[tuple[str, str, str | None]],
) -> list[Syndication]:
    """Groups of the articles (id, body, credited agency or None) that are one wire story."""
    sets = [shingles(body) for _, body, _ in articles]
    n = len(articles)
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    share: dict[tuple[int, int], float] = {}
    for x in range(n):
        for y in range(x + 1, n):
            s = shared_text(sets[x], sets[y])
            if s >= SHARED_MIN:
                share[x, y] = s
                parent[find(y)] = find(x)
    groups: dict[int, list[int]] = {}
    for x in range(n):
        groups.setdefault(find(x), []).append(x)
    out = []
    for members in groups.values():
        if len(members) < 2:
            continue
        credits = Counter(
            a for a in (articles[x][2] or credited_agency(articles[x][1]) for x in members) if a
        )
        agency = credits.most_common(1)[0][0] if credits else None
        pairs = [share[x, y] for x in members for y in members if (x, y) in share]
        out.append(Syndication([articles[x][0] for x in members], agency, round(min(pairs), 2)))
    return out

"""Mentions of ordinary stories: an article names, in a passage past its headline and lead,
a story it does not tell ("a week after X was indicted, ..."). Meetings have their own
mentions (meetings.py); this finds them for every story.

A story's **core** is what its main articles agree on: the CORE_TERMS words that at least
half of them (two or more) have, rare ones and those of their headlines and leads first,
common words left out, at least MIN_NAMES of them names.
A passage (a paragraph past the lead) of article A **mentions** story S when

- S has MIN_MAINS main articles or more (one article's words are not yet a story's core),
- A is not a main article of S, and was published from BEFORE_DAYS before S's first main
  article to AFTER_DAYS after its last (a passage names what happened, not what will);
  undated articles mention nothing,
- the passage has MIN_MATCH of the core's words or more, names among them, and they weigh
  (by idf) MIN_SHARE of the core or more.

Precision over recall: a wrong mention is worse than a missed one. The numbers were set on
real coverage (bench/bench_stories.py, BASIL with 201 unrelated real pages), reading every
candidate passage down to a share of 0.1: those from 0.18 up named the other story (Indiana's
law in an Arkansas article, the rejected wall offer in the shutdown's end); those at 0.14 only
a name the two stories share (the Speaker). A passage must also hold a name of the core:
"border wall" alone is not the offer. MIN_SHARE 0.2 keeps a margin above the wrong ones.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .features import StoryFeatures

__all__ = ["Core", "core_of", "mention_score", "find_mentions", "cores_index"]

CORE_TERMS = 15
MIN_MAINS = 2
MIN_MATCH = 3
MIN_NAMES = 1
MIN_SHARE = 0.2
BEFORE_DAYS = 0
AFTER_DAYS = 45
# Words in more than this share of all articles (at least MIN_COMMON) are not a core's: a
# story is named by what few articles say.
COMMON_SHARE = 0.05
MIN_COMMON = 30


@dataclass(frozen=True)
class Core:
    """What a story's main articles agree on: word -> weight (idf), which are names, dates."""

    terms: dict[str, float]
    names: frozenset[str]
    first: date
    last: date

    @property
    def total(self) -> float:
        return sum(self.terms.values())

    def to_json(self) -> dict[str, Any]:
        return {
            "terms": {t: round(w, 4) for t, w in self.terms.items()},
            "names": sorted(self.names),
            "first": self.first.isoformat(),
            "last": self.last.isoformat(),
        }

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> Core:
        return cls(
            {str(t): float(w) for t, w in value["terms"].items()},
            frozenset(str(n) for n in value["names"]),
            date.fromisoformat(value["first"]),
            date.fromisoformat(value["last"]),
        )


def core_of(
    mains: Sequence[StoryFeatures], idf: Any, df: Mapping[str, int], count: int
) -> Core | None:
    """The core of a story with these main articles' features, or None when it has none (too
    few articles, no dates, too little agreement)."""
    if len(mains) < MIN_MAINS:
        return None
    days = [f.published for f in mains if f.published]
    if not days:
        return None
    have: Counter[str] = Counter()
    leads: Counter[str] = Counter()
    for f in mains:
        have.update(f.terms.keys())
        leads.update(set(f.lead))
        leads.update(set(f.head))  # a headline's word counts twice: it says what happened
    need = max(2, math.ceil(len(mains) / 2))
    common = max(MIN_COMMON, COMMON_SHARE * count)
    prefetch = getattr(df, "prefetch", None)
    if prefetch is not None:
        prefetch([t for t, n in have.items() if n >= need])
    weights = {
        t: (n + leads[t]) / len(mains) * idf(t)
        for t, n in have.items()
        if n >= need and df.get(t, 0) <= common
    }
    top = sorted(weights, key=lambda t: (-weights[t], t))[:CORE_TERMS]
    names = frozenset(t for t in top if any(t in f.names for f in mains))
    if len(top) < MIN_MATCH or len(names) < MIN_NAMES:
        return None
    return Core({t: idf(t) for t in top}, names, min(days), max(days))


def mention_score(f: StoryFeatures, core: Core) -> float:
    """How surely a passage of the article `f` names the story of `core` (0: none does)."""
    if f.published is None:
        return 0.0
    if not core.first - timedelta(BEFORE_DAYS) <= f.published <= core.last + timedelta(AFTER_DAYS):
        return 0.0
    best, total = 0.0, core.total or 1.0
    for passage in f.passages:
        matched = [t for t in passage if t in core.terms]
        if len(matched) < MIN_MATCH or sum(t in core.names for t in matched) < MIN_NAMES:
            continue
        best = max(best, sum(core.terms[t] for t in matched) / total)
    return best if best >= MIN_SHARE else 0.0


def cores_index(cores: Mapping[str, Core]) -> dict[str, list[str]]:
    """core word -> the stories whose core has it."""
    index: dict[str, list[str]] = defaultdict(list)
    for sid, core in cores.items():
        for t in core.terms:
            index[t].append(sid)
    return index


def find_mentions(
    articles: Iterable[str],
    features: Mapping[str, StoryFeatures],
    cores: Mapping[str, Core],
    main_of: Mapping[str, str],
    index: Mapping[str, list[str]] | None = None,
) -> dict[str, list[str]]:
    """story id -> the ids among `articles` that mention it (never its main articles)."""
    index = cores_index(cores) if index is None else index
    out: dict[str, list[str]] = defaultdict(list)
    for article_id in articles:
        f = features[article_id]
        if f.published is None or not f.passages:
            continue
        hits: Counter[str] = Counter()
        for passage in f.passages:
            for t in passage:
                for sid in index.get(t, ()):
                    hits[sid] += 1
        own = main_of.get(article_id)
        for sid, n in hits.items():
            if n >= MIN_MATCH and sid != own and mention_score(f, cores[sid]) > 0:
                out[sid].append(article_id)
    return dict(out)

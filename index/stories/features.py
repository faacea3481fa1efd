"""What one article brings to story grouping: its weighted words (headline and lead over the
rest, names over common words), the names it gives, and its date. Found once per article
content and kept (story_index.py); the corpus' word frequencies turn them into tf-idf vectors.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..analysis import WORD, NewsAnalyzer
from ..model import Article

__all__ = ["FEATURES_VERSION", "StoryFeatures", "features", "STOP_TERMS"]

# Bump when what is found changes: kept features are then found again.
FEATURES_VERSION = 1

# Where a word stands says how much it tells of the event.
TITLE_WEIGHT = 3.0
STANDFIRST_WEIGHT = 2.0
LEAD_WEIGHT = 2.0  # the first LEAD_PARAGRAPHS paragraphs of the body
LEAD_PARAGRAPHS = 2
BODY_WEIGHT = 1.0
# A name (a capitalised word inside a sentence) says more than a common word.
NAME_BOOST = 1.6
# Only the start of a long body is read: the event is told there.
MAX_BODY_WORDS = 900
# Terms kept per article (the heaviest): enough to tell events apart, few enough to be fast.
MAX_TERMS = 120

# Words that say nothing of which event an article tells (as analysed: lowercase, stemmed).
_STOP = """a about above after again against all almost also although always am among an and
another any are around as at away back be became because been before being below between both
but by came can cannot could did do does doing done down during each either else enough even
ever every few first for from further get gets getting give given go goes going got had has
have having he her here hers herself him himself his how however i if in including into is it
its itself just last least less let like made make many may me might more most much must my
myself near need never new next no nor not now of off often on once one only or other others
our ours ourselves out over own per perhaps put rather said same say says see seen several
shall she should since so some still such take than that the their theirs them themselves
then there these they thing things this those though three through thus time to told too two
under until up upon us use used very via want was way we well were what whatever when where
whether which while who whom whose why will with within without would yet you your yours
yourself mr mrs ms dr monday tuesday wednesday thursday friday saturday sunday today yesterday
tomorrow week weeks year years day days month months ago news report reported reports according
told tell telling asked ask think thought know known statement people percent including
january february march april june july august september october november december""".split()


def _stop_terms() -> frozenset[str]:
    analyzer = NewsAnalyzer({})
    return frozenset(t for w in _STOP for t in analyzer.terms(w))


STOP_TERMS = _stop_terms()

# What may stand before the first word of a sentence (or of a quote, or a bracket).
_OPENERS = frozenset(".!?:;\"“”‘’'([-—–")


def _starts_sentence(text: str, start: int) -> bool:
    """Whether the word at `start` opens a sentence (so its capital says nothing)."""
    i = start - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return i < 0 or text[i] in _OPENERS


@dataclass
class StoryFeatures:
    """One article, as grouping sees it."""

    published: date | None
    title: str
    terms: dict[str, float] = field(default_factory=dict)  # term -> weighted count
    lead: list[str] = field(default_factory=list)  # the terms of the title and lead, in order
    head: list[str] = field(default_factory=list)  # the terms of the title
    names: dict[str, str] = field(default_factory=dict)  # name term -> the word as written

    def to_json(self) -> dict[str, Any]:
        return {
            "published": self.published.isoformat() if self.published else None,
            "title": self.title,
            "terms": {k: round(v, 3) for k, v in self.terms.items()},
            "lead": self.lead,
            "head": self.head,
            "names": self.names,
        }

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> StoryFeatures:
        published = value["published"]
        return cls(
            published=date.fromisoformat(published) if published else None,
            title=str(value["title"]),
            terms={str(k): float(v) for k, v in value["terms"].items()},
            lead=[str(t) for t in value["lead"]],
            head=[str(t) for t in value["head"]],
            names={str(k): str(v) for k, v in value["names"].items()},
        )


def features(article: Article, analyzer: NewsAnalyzer) -> StoryFeatures:
    """The words and names of `article` that tell which event it reports. Never raises."""
    counts: dict[str, float] = {}
    names: dict[str, str] = {}
    lead: list[str] = []
    head: list[str] = []
    paragraphs = [p for p in re.split(r"\n\s*\n", article.body or "") if p.strip()]
    blocks: list[tuple[str, float, bool]] = []
    if article.title:
        blocks.append((article.title, TITLE_WEIGHT, True))
    if article.standfirst:
        blocks.append((article.standfirst, STANDFIRST_WEIGHT, True))
    budget = MAX_BODY_WORDS
    for i, paragraph in enumerate(paragraphs):
        if budget <= 0:
            break
        is_lead = i < LEAD_PARAGRAPHS
        blocks.append((paragraph, LEAD_WEIGHT if is_lead else BODY_WEIGHT, is_lead))
        budget -= paragraph.count(" ") + 1
    forms = analyzer.forms
    for text, weight, in_lead in blocks:
        headline = weight == TITLE_WEIGHT and text is article.title
        for m in WORD.finditer(text):
            raw = m.group()
            f = forms(raw)
            if f is None:
                continue
            term = f[1]
            if term in STOP_TERMS or len(term) < 2 or term.isdigit():
                continue
            counts[term] = counts.get(term, 0.0) + weight
            if in_lead:
                lead.append(term)
            if headline:
                head.append(term)
            # A capitalised word inside a sentence is a name (headlines capitalise everything).
            if not headline and raw[:1].isupper() and not _starts_sentence(text, m.start()):
                names.setdefault(term, raw)
    for term in names:
        if term in counts:
            counts[term] *= NAME_BOOST
    if len(counts) > MAX_TERMS:
        kept = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_TERMS]
        counts = dict(kept)
    return StoryFeatures(
        published=article.published,
        title=article.title or "",
        terms=counts,
        lead=lead[:80],
        head=head,
        names={k: v for k, v in names.items() if k in counts},
    )

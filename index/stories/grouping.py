"""Which articles tell the same story: similarity of two articles, grouping a corpus at once,
placing one new article, and a short label for a group.

Two articles tell one story when they share distinctive words and names, and were published
close together:

    similarity = (0.4 · cosine of their tf-idf words, headline and lead weighted over the rest
                  + 0.3 · cosine of their headlines and leads alone
                  + 0.3 · cosine of the names they give)
                 · (1 − DAY_DECAY · days between them), 0 beyond WINDOW_DAYS

and their main meetings (meetings.py) weigh in: the same meeting adds MEETING_BONUS, two
meetings that cannot be one (each with a party the other lacks, other places, dates more than
a week apart, planned against held) keep them apart whatever the words say. Rounds of one
negotiation a few days apart are not such a conflict: the words decide.

Grouping is average linkage: pairs are taken best first, and two groups join when the mean
similarity of all their pairs reaches THRESHOLD, no more than a quarter of those pairs are
unrelated, and, for two groups of two or more loosely linked, the link is not much weaker than
what holds each group together: a chain of near misses does not pull two stories into one, nor
do two tight groups on one subject (two states' laws three days apart). Up to ALL_PAIRS
articles every pair is compared; beyond, candidate pairs come from an inverted index of each
article's most distinctive words within the date window. A new article joins the story its
candidates (found through the search index) are in when its mean similarity with that
story's articles reaches the same threshold.

The numbers were set on real coverage (bench/bench_stories.py, BASIL: 60 events told by three
outlets): alone, mixed with 200 unrelated real pages (which change every word's idf), on
random draws of 20 of its events, with each near-miss article left out in turn, and with a
third of the articles placed one by one. With DAY_DECAY 0.1, thresholds 0.10-0.14 keep F1 ≥
0.976 on all of them and every near miss apart; 0.13 is the best on the mixed set.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from .features import StoryFeatures

__all__ = ["Grouper", "THRESHOLD", "short_title"]

THRESHOLD = 0.13
WINDOW_DAYS = 7
DAY_DECAY = 0.1
UNDATED_DAYS = 2  # an undated article counts as this far from any other
# An undated article is compared with every date: it joins another only when their words say
# so much more surely (this times THRESHOLD).
UNDATED_SURE = 2.0
WORDS_SHARE, LEAD_SHARE, NAMES_SHARE = 0.4, 0.3, 0.3
# Articles that share less of their words than this tell other stories, whatever else (the
# lowest pair of one story in BASIL shares 0.14): the rest is not even computed.
WORDS_FLOOR = 0.05
MEETING_BONUS = THRESHOLD  # the same meeting is enough, unless nothing else agrees at all
# Candidate pairs: each article's TOP_TERMS most distinctive words, each looked up among the
# articles that have it in the date window; words in more than COMMON_SHARE of all articles
# find nothing distinctive.
TOP_TERMS = 12
COMMON_SHARE = 0.05
MIN_COMMON = 30
ALL_PAIRS = 400  # up to this many articles, every pair is compared
MIN_SHARED = 1  # beyond, a pair is compared when it shares this many distinctive words
# Two groups whose pairs are related on average are still two stories when more than this
# share of their pairs are unrelated: a story told from another angle is near some articles
# of its neighbour, not all.
RELATED = 0.1
UNRELATED_SHARE = 0.25
# Two groups of two or more linked below SURE join only if their link is COHESION of the mean
# similarity inside each.
SURE = 0.25
COHESION = 0.6
# A mean over more pairs than this is estimated from the pairs already known.
MAX_LINK_PAIRS = 2500

Vector = dict[str, float]


def _unit(values: Mapping[str, float]) -> Vector:
    norm = math.sqrt(sum(v * v for v in values.values())) or 1.0
    return {k: v / norm for k, v in values.items()}


def _dot(a: Vector, b: Vector) -> float:
    return sum([a[t] * b[t] for t in a.keys() & b.keys()])


@dataclass(frozen=True)
class MeetingMark:
    """An article's main meeting, as grouping needs it."""

    id: str
    parties: frozenset[str]
    place: str | None
    start: date | None
    end: date | None
    planned: bool

    def conflicts(self, other: MeetingMark) -> bool:
        """Whether the two cannot be one story: each has a party the other lacks (a meeting
        found with one party more is still the same), other places, dates more than the
        window apart, or one planned and the other held unless place and date tie them (a
        preview and a report of one meeting). Meetings' own grouping misses many of its
        pairs, so being two meetings is not enough."""
        if self.id == other.id:
            return False
        a, b = self.parties, other.parties
        if a and b and not (a <= b or b <= a):
            return True
        same_place = bool(self.place and self.place == other.place)
        if self.place and other.place and not same_place:
            return True
        dated = False
        if self.start and other.start and self.end and other.end:
            dated = True
            if max((self.start - other.end).days, (other.start - self.end).days) > WINDOW_DAYS:
                return True
        return self.planned != other.planned and not (same_place and dated)


@dataclass
class Grouper:
    """The features of a corpus' articles and what is needed to compare them. `features` may
    be a mapping that reads them when asked (story_index.py); `df` (term -> number of articles
    that have it) and `count` (articles) are then given, else found from the features."""

    features: Mapping[str, StoryFeatures]
    meetings: Mapping[str, MeetingMark] = field(default_factory=dict)
    df: Mapping[str, int] | None = None
    count: int | None = None
    _vectors: dict[str, tuple[Vector, Vector, Vector]] = field(default_factory=dict)
    _pairs: dict[tuple[str, str], float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.df is None:
            df: Counter[str] = Counter()
            for f in self.features.values():
                df.update(f.terms.keys())
            self.df = df
        if self.count is None:
            self.count = len(self.features)
        self._df = self.df

    # -- comparing two articles --

    def idf(self, term: str) -> float:
        return math.log((self.count + 1) / (self._df.get(term, 0) + 0.5))  # type: ignore[operator]

    def prefetch(self, ids: Iterable[str]) -> None:
        """Read these articles' features at once, if they are read on demand."""
        preload = getattr(self.features, "preload", None)
        if preload is not None:
            preload([i for i in ids if i not in self._vectors])

    def vectors(self, article_id: str) -> tuple[Vector, Vector, Vector]:
        """(all words, headline and lead, names) of one article, each of unit length."""
        known = self._vectors.get(article_id)
        if known is not None:
            return known
        f = self.features[article_id]
        prefetch = getattr(self._df, "prefetch", None)
        if prefetch is not None:
            prefetch(f.terms.keys() | set(f.lead))
        idf = self.idf
        weights = {t: (1.0 + math.log(c)) * idf(t) for t, c in f.terms.items() if c >= 1}
        lead = {t: (1.0 + math.log(c)) * idf(t) for t, c in Counter(f.lead).items()}
        names = {t: weights[t] for t in f.names if t in weights}
        made = (_unit(weights), _unit(lead), _unit(names))
        self._vectors[article_id] = made
        return made

    def similarity(self, a: str, b: str) -> float:
        """How surely `a` and `b` tell one story: 0 (no) up; -1 when they cannot."""
        key = (a, b) if a < b else (b, a)
        known = self._pairs.get(key)
        if known is not None:
            return known
        value = self._similarity(a, b)
        if value:  # most pairs are unrelated: 0.0 is not kept (`link` reads a missing one so)
            self._pairs[key] = value
        return value

    def _similarity(self, a: str, b: str) -> float:
        fa, fb = self.features[a], self.features[b]
        days = _days_apart(fa.published, fb.published)
        ma, mb = self.meetings.get(a), self.meetings.get(b)
        if ma is not None and mb is not None and ma.conflicts(mb):
            return -1.0
        if days > WINDOW_DAYS:
            return 0.0
        wa, la, na = self.vectors(a)
        wb, lb, nb = self.vectors(b)
        words = _dot(wa, wb)
        if words < WORDS_FLOOR:
            return 0.0
        text = WORDS_SHARE * words + LEAD_SHARE * _dot(la, lb) + NAMES_SHARE * _dot(na, nb)
        value = text * (1.0 - DAY_DECAY * days)
        if (fa.published is None or fb.published is None) and value < UNDATED_SURE * THRESHOLD:
            value = 0.0
        if ma is not None and mb is not None and ma.id == mb.id:
            value += MEETING_BONUS
        return value

    def link(self, group_a: Sequence[str], group_b: Sequence[str]) -> float:
        """The mean similarity of every pair across two groups; -1 if any pair cannot be one
        story, 0 if more than UNRELATED_SHARE of the pairs are unrelated (below RELATED)."""
        total, n, unrelated = 0.0, len(group_a) * len(group_b), 0
        pairs = self._pairs
        known_only = n > MAX_LINK_PAIRS  # a huge group is rare and slow: what is known
        for x in group_a:
            for y in group_b:
                if known_only:
                    s = pairs.get((x, y) if x < y else (y, x), 0.0)
                else:
                    s = self.similarity(x, y)
                if s < 0:
                    return -1.0
                total += s
                unrelated += s < RELATED
        if unrelated > UNRELATED_SHARE * n:
            return 0.0
        return total / n

    # -- candidates --

    def distinctive(self, article_id: str, k: int = TOP_TERMS) -> list[str]:
        """The article's `k` most distinctive words (common ones left out)."""
        words = self.vectors(article_id)[0]
        common = max(MIN_COMMON, COMMON_SHARE * (self.count or 0))
        ranked = sorted(words.items(), key=lambda kv: (-kv[1], kv[0]))
        return [t for t, _ in ranked if self._df.get(t, 0) <= common][:k]

    def candidate_pairs(
        self, ids: Iterable[str], at_least: float | None = None
    ) -> dict[tuple[str, str], float]:
        """Similarities of the pairs among `ids` that share a distinctive word within the
        date window (undated articles: any date), or report the same meeting; in a small corpus
        every pair. With `at_least`, only the pairs that similar (a large corpus has millions
        of candidate pairs, nearly all unrelated)."""
        ids = list(ids)
        out: dict[tuple[str, str], float] = {}

        def consider(a: str, b: str) -> None:
            key = (a, b) if a < b else (b, a)
            if key not in out:
                value = self.similarity(a, b)
                if at_least is None or value >= at_least:
                    out[key] = value

        if len(ids) <= ALL_PAIRS:
            for n, a in enumerate(ids):
                for b in ids[n + 1 :]:
                    consider(a, b)
            return out
        mates: dict[str, list[str]] = defaultdict(list)
        for article_id in ids:
            mark = self.meetings.get(article_id)
            if mark is not None:
                mates[mark.id].append(article_id)
        for group in mates.values():
            for n, a in enumerate(group):
                for b in group[n + 1 :]:
                    consider(a, b)
        postings: dict[str, list[tuple[int, str]]] = defaultdict(list)
        undated: dict[str, list[str]] = defaultdict(list)
        top: dict[str, list[str]] = {}
        for article_id in ids:
            top[article_id] = words = self.distinctive(article_id)
            published = self.features[article_id].published
            for t in words:
                if published is None:
                    undated[t].append(article_id)
                else:
                    postings[t].append((published.toordinal(), article_id))
        for lst in postings.values():
            lst.sort()
        for article_id, words in top.items():
            # The words each later article shares with this one, counted for this one only.
            shared: Counter[str] = Counter()
            published = self.features[article_id].published
            for t in words:
                near: list[str] = list(undated.get(t, ()))
                lst = postings.get(t, ())
                if published is None:
                    near.extend(i for _, i in lst)
                else:
                    day = published.toordinal()
                    lo = bisect_left(lst, (day - WINDOW_DAYS, ""))
                    hi = bisect_right(lst, (day + WINDOW_DAYS, "\uffff"))
                    near.extend(i for _, i in lst[lo:hi])
                shared.update(other for other in near if other > article_id)
            for other, n in shared.items():
                if n >= MIN_SHARED:
                    consider(article_id, other)
        return out

    # -- grouping --

    def cluster(self, ids: Iterable[str]) -> list[list[str]]:
        """The stories of `ids`: groups of article ids, each sorted, in a stable order."""
        ids = sorted(ids)
        parent = {i: i for i in ids}
        members = {i: [i] for i in ids}
        within = {i: 0.0 for i in ids}  # the sum of the similarities inside each group

        def root(x: str) -> str:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        pairs = self.candidate_pairs(ids, at_least=THRESHOLD)
        for a, b in sorted(pairs, key=lambda key: (-pairs[key], key)):
            ra, rb = root(a), root(b)
            if ra == rb:
                continue
            ga, gb = members[ra], members[rb]
            link = self.link(ga, gb)
            if link < THRESHOLD or not self._cohesive(link, ga, gb, within[ra], within[rb]):
                continue
            if len(ga) < len(gb):
                ra, rb = rb, ra
            parent[rb] = ra
            within[ra] += within.pop(rb) + link * len(ga) * len(gb)
            members[ra].extend(members.pop(rb))
        return sorted((sorted(m) for m in members.values()), key=lambda m: m[0])

    @staticmethod
    def _cohesive(link: float, ga: Sequence[str], gb: Sequence[str], sa: float, sb: float) -> bool:
        """Whether two groups of two articles or more are one story by their link: a loose link
        (below SURE) between two tight groups, much weaker than inside either, is two stories
        on one subject (two states' laws three days apart), not one."""
        if len(ga) < 2 or len(gb) < 2 or link >= SURE:
            return True
        inside_a = sa / (len(ga) * (len(ga) - 1) / 2)
        inside_b = sb / (len(gb) * (len(gb) - 1) / 2)
        return link >= COHESION * min(inside_a, inside_b)

    def best_story(
        self, article_id: str, candidates: Iterable[str], story_of: Mapping[str, str],
        members: Callable[[str], Sequence[str]],
    ) -> str | None:  # fmt: skip
        """The story (of `story_of`) among the candidates' that `article_id` belongs to, or
        None: the one with the highest mean similarity, if it reaches the threshold."""
        best, best_link = None, THRESHOLD
        seen: set[str] = set()
        candidates = list(candidates)
        self.prefetch(
            {i for c in candidates if c in story_of for i in members(story_of[c])} | {article_id}
        )
        for other in candidates:
            story = story_of.get(other)
            if story is None or story in seen or other == article_id:
                continue
            seen.add(story)
            group = [i for i in members(story) if i in self.features and i != article_id]
            if not group:
                continue
            value = self.link([article_id], group)
            if value >= best_link:
                best, best_link = story, value
        return best

    # -- labels --

    def label(self, ids: Sequence[str]) -> str:
        """A short label for a story: the headline of its articles that best says what they
        share (who and what), shortened at a clause, then the date."""
        shared: Counter[str] = Counter()
        for i in ids:
            shared.update(set(self.features[i].lead))
        best, best_score = ids[0], -1.0
        for i in ids:
            f = self.features[i]
            words = sorted(set(f.head))  # summed in one order: ties break alike on every run
            score = sum((shared[t] - 1) * self.idf(t) for t in words) / (1 + len(words)) ** 0.5
            # A headline that fits a list reads better than a long one cut short.
            score /= 1.0 + 0.15 * max(0, len(f.title.split()) - MAX_LABEL_WORDS)
            if score > best_score or (score == best_score and i < best):
                best, best_score = i, score
        title = short_title(self.features[best].title)
        dates = [self.features[i].published for i in ids if self.features[i].published]
        return title if not dates else f"{title} · {_day_label(min(dates))}"  # type: ignore[type-var]


def _days_apart(a: date | None, b: date | None) -> int:
    if a is None or b is None:
        return UNDATED_DAYS
    return abs((a - b).days)


def _day_label(d: date) -> str:
    return f"{d.day} {d.strftime('%b')} {d.year}"


# Where a long headline may be cut: a bar or dash before the outlet's name, a semicolon, the
# ", says X" of an attribution; and, when it is still long, a comma or colon between clauses.
_CUT = re.compile(r"\s+[|–—]\s+|;\s+|,\s+(?=(?:says?|said|officials?|sources?|reports?)\b)")
_CLAUSE = re.compile(r",\s+|:\s+")
MAX_LABEL_WORDS = 10


def short_title(title: str) -> str:
    """A headline short enough for a list: cut at an attribution (", says X") or a dash; a
    long one at its first clause of four words or more, else after a word limit with an
    ellipsis; a short headline stays whole."""
    text = " ".join(title.split()) or "Untitled"
    for m in _CUT.finditer(text):
        head = text[: m.start()].strip()
        if len(head.split()) >= 4:
            text = head
            break
    if len(text.split()) > MAX_LABEL_WORDS:
        for m in _CLAUSE.finditer(text):
            head = text[: m.start()].strip()
            if 4 <= len(head.split()) <= MAX_LABEL_WORDS:
                text = head
                break
    words = text.split()
    if len(words) <= MAX_LABEL_WORDS + 2:
        return " ".join(words)
    return " ".join(words[:MAX_LABEL_WORDS]).rstrip(",;:") + "…"

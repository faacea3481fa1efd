"""A comparison of 2 to 6 articles: aligned sentences, quotes, spellings, wire copies.

    comparison = compare([(id, article), (id, article)])
    comparison.rows        # reading order; each row: article id -> sentence indexes, kind
    comparison.to_json()   # the `parallax compare --json` contract
    comparison.to_markdown()

Sentences are `split_sentences(article.body)`, indexed as `parallax show ID --json` lists them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from ..analysis import load_aliases
from ..model import Article
from ..sentences import Sentence, split_sentences
from .align import SAME_WORDS, Match, Row, align_pair, build_rows, score
from .features import Features, Vocabulary, Weights, word_overlap
from .names import Variant, find_variants
from .people import full_names
from .quotes import Quote, Speech, find_speech
from .wire import Syndication, find_syndication

__all__ = [
    "MAX_ARTICLES",
    "CompareError",
    "ComparedArticle",
    "Comparison",
    "Pair",
    "QuoteGroup",
    "compare",
]

MIN_ARTICLES, MAX_ARTICLES = 2, 6
QUOTE_MATCH = 0.4  # score for two quotes to be one
REPORTED_MATCH = 0.45  # score for a quote to be found in a sentence reporting the same speaker


class CompareError(ValueError):
    """The articles cannot be compared (too few, too many, the same one twice)."""


@dataclass(frozen=True)
class ComparedArticle:
    """One article of a comparison, with its sentences."""

    id: str
    outlet: str | None
    title: str | None
    published: date | None
    author: str | None
    agency: str | None
    sentences: list[Sentence]

    @property
    def label(self) -> str:
        return self.outlet or self.id


@dataclass(frozen=True)
class Pair:
    """Sentence a[1] of article a[0] and sentence b[1] of article b[0] say the same thing."""

    a: tuple[str, int]
    b: tuple[str, int]
    kind: Literal["same", "reworded"]
    score: float


@dataclass(frozen=True)
class QuoteGroup:
    """One quote as each article gave it (text, and the sentence it is in)."""

    speaker: str | None
    texts: dict[str, str]
    sentences: dict[str, int]
    score: float = 0.0  # how alike the closest two of its texts are (0 if one article only)


@dataclass
class Comparison:
    articles: list[ComparedArticle]
    pairs: list[Pair]
    rows: list[Row]
    unique: dict[str, list[int]]
    quotes: list[QuoteGroup]
    variants: list[Variant]
    syndication: list[Syndication]
    # Who speaks in each sentence that quotes or reports someone: {id: {sentence: name}}.
    speakers: dict[str, dict[int, str]] = field(default_factory=dict)

    @property
    def ids(self) -> list[str]:
        return [a.id for a in self.articles]

    def article(self, article_id: str) -> ComparedArticle:
        for a in self.articles:
            if a.id == article_id:
                return a
        raise KeyError(article_id)

    def sentence(self, article_id: str, index: int) -> Sentence:
        return self.article(article_id).sentences[index]

    def shared_rows(self) -> list[Row]:
        """Rows that two articles or more have in common."""
        return [r for r in self.rows if r.kind != "unique"]

    def labels(self) -> dict[str, str]:
        """A short, distinct label per article: its outlet (numbered if two share one)."""
        counts = Counter(a.label for a in self.articles)
        seen: Counter[str] = Counter()
        out = {}
        for a in self.articles:
            seen[a.label] += 1
            out[a.id] = a.label if counts[a.label] == 1 else f"{a.label} ({seen[a.label]})"
        return out

    def to_json(self) -> dict[str, Any]:
        """The `parallax compare --json` contract."""
        return {
            "articles": self.ids,
            "pairs": [
                {"a": list(p.a), "b": list(p.b), "kind": p.kind, "score": p.score}
                for p in self.pairs
            ],
            "unique": {k: list(v) for k, v in self.unique.items()},
            "quotes": [{"speaker": q.speaker, "texts": dict(q.texts)} for q in self.quotes],
            "variants": [
                {"entity": v.entity, "spellings": dict(v.spellings)} for v in self.variants
            ],
            "syndication": [
                {"ids": list(s.ids), "agency": s.agency, "shared": s.shared}
                for s in self.syndication
            ],
        }

    def to_markdown(self) -> str:
        """A report to paste into a document: the articles, what they share, what each
        alone says, quotes, spellings and wire copies."""
        from .report import markdown  # only the CLI needs it

        return markdown(self)


def compare(
    articles: Sequence[tuple[str, Article]], aliases: Mapping[str, str] | None = None
) -> Comparison:
    """Compare 2 to 6 articles (id, article). `aliases` is the name-variant table (variant ->
    canonical, as `load_aliases` gives; the shipped one by default)."""
    ids = [article_id for article_id, _ in articles]
    if not MIN_ARTICLES <= len(ids) <= MAX_ARTICLES:
        raise CompareError(
            f"compare needs {MIN_ARTICLES} to {MAX_ARTICLES} articles, got {len(ids)}"
        )
    repeated = [i for i, c in Counter(ids).items() if c > 1]
    if repeated:
        raise CompareError(f"the same article given twice: {repeated[0]}")
    table = dict(aliases) if aliases is not None else load_aliases()
    vocabulary = Vocabulary(table)
    bodies = [a.body for _, a in articles]
    sentences = [split_sentences(body) for body in bodies]
    features = [[vocabulary.features(s.text) for s in per] for per in sentences]
    weights = Weights([f for per in features for f in per])

    known = [name for body in bodies for name in full_names(body)]
    speeches = [find_speech(bodies[x], sentences[x], table, known) for x in range(len(ids))]
    quotes = _match_quotes(ids, sentences, features, speeches, vocabulary, weights)
    matches: dict[tuple[int, int], list[Match]] = {}
    pairs: list[Pair] = []
    for x in range(len(ids)):
        for y in range(x + 1, len(ids)):
            found = align_pair(features[x], features[y], weights)
            found = _with_quote_matches(found, quotes, ids[x], ids[y], features[x], features[y])
            matches[x, y] = found
            pairs.extend(Pair((ids[x], m.i), (ids[y], m.j), m.kind, m.score) for m in found)
    rows = build_rows(ids, [len(s) for s in sentences], matches)
    paired = {p.a for p in pairs} | {p.b for p in pairs}
    unique = {
        ids[x]: [i for i in range(len(sentences[x])) if (ids[x], i) not in paired]
        for x in range(len(ids))
    }
    variants = find_variants(
        [
            (article_id, "\n\n".join(filter(None, [a.title, a.standfirst, a.body])))
            for article_id, a in articles
        ],
        table,
    )
    syndication = find_syndication([(i, a.body, a.agency) for i, a in articles])
    compared = [
        ComparedArticle(i, a.outlet, a.title, a.published, a.author, a.agency, sentences[x])
        for x, (i, a) in enumerate(articles)
    ]
    speakers = {
        ids[x]: {i: name for i, (_key, name) in sorted(speech.reported.items())}
        for x, speech in enumerate(speeches)
    }
    return Comparison(compared, pairs, rows, unique, quotes, variants, syndication, speakers)


def _with_quote_matches(
    found: list[Match],
    quotes: list[QuoteGroup],
    a: str,
    b: str,
    features_a: list[Features],
    features_b: list[Features],
) -> list[Match]:
    """The sentence matches of two articles, plus the sentences holding one quote in both
    (the same words of the same speaker are the same fact, however each framed them)."""
    taken_a = {m.i for m in found}
    taken_b = {m.j for m in found}
    extra = []
    for q in quotes:
        i, j = q.sentences.get(a), q.sentences.get(b)
        if i is None or j is None or i in taken_a or j in taken_b:
            continue
        taken_a.add(i)
        taken_b.add(j)
        overlap = word_overlap(features_a[i].words, features_b[j].words)
        kind: Literal["same", "reworded"] = "same" if overlap >= SAME_WORDS else "reworded"
        extra.append(Match(i, j, kind, round(q.score, 3)))
    return sorted(found + extra, key=lambda m: (m.i, m.j)) if extra else found


def _match_quotes(
    ids: list[str],
    sentences: list[list[Sentence]],
    features: list[list[Features]],
    speeches: list[Speech],
    vocabulary: Vocabulary,
    weights: Weights,
) -> list[QuoteGroup]:
    """Quotes matched across articles (by their words, the speakers agreeing), including a
    quote one outlet printed as reported speech; then the quotes no other article has."""
    nodes: list[tuple[int, Quote]] = [(x, q) for x, sp in enumerate(speeches) for q in sp.quotes]
    node_features = [vocabulary.features(q.text) for _, q in nodes]
    quoted = len(nodes)
    # Sentences reporting someone's words without quoting them: matched, never listed alone.
    for y, speech in enumerate(speeches):
        # (every sentence a quote reaches: "“… Americans. A lengthy … his work,” Goelman said."
        # is the end of the quote opened in the sentence before, not reported speech)
        with_quotes = {
            i
            for q in speech.quotes
            for i, s in enumerate(sentences[y])
            if s.start < q.end and q.start < s.end
        }
        for i, (key, name) in speech.reported.items():
            if i not in with_quotes:
                s = sentences[y][i]
                nodes.append((y, Quote(s.start, s.end, s.text, i, name, key)))
                node_features.append(features[y][i])
    parent = list(range(len(nodes)))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    w = weights.weight
    link: dict[int, float] = {}  # node -> its best match's score
    by_article: dict[int, list[int]] = {}
    for k, (x, _q) in enumerate(nodes):
        by_article.setdefault(x, []).append(k)
    for k in range(quoted):
        x, q = nodes[k]
        terms = node_features[k].terms
        if len(terms) < 3:
            continue
        for y in range(len(ids)):
            if y == x:
                continue
            best, best_k = 0.0, None
            for k2 in by_article.get(y, ()):
                q2 = nodes[k2][1]
                if not _same_speaker(q.speaker_key, q2.speaker_key):
                    continue
                if k2 >= quoted and q.speaker_key is None:
                    continue  # reported speech needs a known speaker on both sides
                if terms.isdisjoint(node_features[k2].terms):
                    continue
                needed = QUOTE_MATCH if k2 < quoted else REPORTED_MATCH
                s = score(node_features[k], node_features[k2], w)
                if s >= needed and s > best:
                    best, best_k = s, k2
            if best_k is not None:
                parent[find(best_k)] = find(k)
                link[k] = max(link.get(k, 0.0), best)
    groups: dict[int, list[int]] = {}
    for k in range(len(nodes)):
        groups.setdefault(find(k), []).append(k)
    out: list[tuple[tuple[int, int, int], QuoteGroup]] = []
    for members in groups.values():
        if all(k >= quoted for k in members):
            continue
        members.sort(key=lambda k: (nodes[k][0], nodes[k][1].start))
        texts: dict[str, list[str]] = {}
        where: dict[str, int] = {}
        for k in members:
            x, q = nodes[k]
            if q.text not in texts.setdefault(ids[x], []):
                texts[ids[x]].append(q.text)
            where.setdefault(ids[x], q.sentence)
        speaker = _speaker([nodes[k][1] for k in members])
        first_x, first_q = nodes[members[0]]
        best_link = max((link.get(k, 0.0) for k in members), default=0.0)
        group = QuoteGroup(
            speaker, {i: " … ".join(t) for i, t in texts.items()}, where, round(best_link, 3)
        )
        out.append(((-len(texts), first_x, first_q.start), group))
    out.sort(key=lambda item: item[0])
    return [group for _, group in out]


def _same_speaker(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _speaker(quotes: list[Quote]) -> str | None:
    keys = Counter(q.speaker_key for q in quotes if q.speaker_key)
    if keys:
        key = keys.most_common(1)[0][0]
        names = [q.speaker for q in quotes if q.speaker_key == key and q.speaker]
        return max(names, key=lambda n: len(n.split())) if names else key
    named = [q.speaker for q in quotes if q.speaker]
    return named[0] if named else None

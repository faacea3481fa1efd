"""Queries run a posting list at a time: what whoosh's searcher.search does, without a
Python call per matching document.

whoosh walks its matcher trees one document at a time: every match of every word is a few
method calls (next, skip_to, score, a lookup of the field length), and its collector makes a
few more. On a common word in 100,000 articles that is tens of thousands of them, and an AND
of two common words or a phrase spends most of its time skipping through both lists.

Here each segment's postings of a word are read whole (the W3 blocks are unpickled and the
ids rebuilt with `accumulate`); ANDs, ORs and NOTs are set operations on document numbers;
a phrase checks positions only where all its words are; BM25F scores are one comprehension
per word; the best hits come from `heapq`. The scores are whoosh's to the last bit or so
(tests/test_search_evaluate.py runs both): the same BM25F with the same global statistics,
and sums in nearly the same order.

Whatever this module does not know (a query class of whoosh's it has no rule for) it runs
with whoosh's own matcher for that part of the tree, so every query gets an answer.
"""

from __future__ import annotations

import heapq
import io
import pickle
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import accumulate, repeat
from operator import add, neg
from typing import Any

from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, WHOOSH3_HEADER_MAGIC, _lenfield
from whoosh.scoring import BM25FScorer, WeightScorer
from whoosh.searching import SearchContext
from whoosh.system import unpack_int
from whoosh.util.numeric import byte_to_length

from ..analysis import LITTLE_ENDIAN, U32, WeightedPositions, consecutive, decode_positions
from .query import AnyWords

__all__ = ["Found", "field_lengths", "published_days", "run"]

# document number (in a segment) -> score
Scores = dict[int, float]


@dataclass
class Found:
    """What a search found: the number of matching documents, and the best of them as
    (document number in the searcher, score), best first; `all_words`: how many of the
    matching documents have every free word of an AnyWords query (all of them otherwise)."""

    total: int
    hits: list[tuple[int, float]]
    all_words: int = -1

    def __post_init__(self) -> None:
        if self.all_words < 0:
            self.all_words = self.total


def run(
    searcher: Any,
    query: wq.Query,
    limit: int,
    *,
    by_date: bool = False,
    published: Callable[[Any], list[int]] | None = None,
) -> Found:
    """Run `query` on `searcher` (whoosh's, with its weighting). Best first means highest
    score first, or with `by_date` newest first (`published(reader)` gives a segment's day
    numbers by document), then highest score; then lowest document number. An AnyWords query
    is ranked in tiers (see `_tiered`)."""
    if isinstance(query, AnyWords):
        return _tiered(searcher, query, limit, by_date, published)
    context = searcher.context()
    total = 0
    keyed: list[tuple[Any, ...]] = []
    for sub, offset in searcher.leaf_searchers():
        segment = _Segment(sub, context)
        scores = segment.eval(query)
        deleted = segment.reader.deleted_docs_set if segment.reader.has_deletions() else ()
        for docnum in scores.keys() & deleted if deleted else ():
            del scores[docnum]
        if not scores:
            continue
        total += len(scores)
        docs = scores.keys()
        at = map(offset.__add__, docs)
        if by_date and published is not None:
            days = published(segment.reader)
            entries = zip(
                map(neg, map(days.__getitem__, docs)), map(neg, scores.values()), at, strict=True
            )
        else:
            entries = zip(map(neg, scores.values()), at, strict=True)
        keyed = heapq.nsmallest(limit, [*keyed, *heapq.nsmallest(limit, entries)])
    return Found(total, [(entry[-1], -entry[-2]) for entry in keyed])


class _Segment:
    """One segment's searcher: evaluates query trees into {document number: score}."""

    def __init__(self, searcher: Any, context: SearchContext) -> None:
        self.searcher = searcher
        self.reader = searcher.reader()
        self.context = context
        self.weighting = context.weighting or searcher.weighting
        self._read: dict[tuple[str, bytes], Any] = {}
        self._btexts: dict[tuple[str, Any], bytes | None] = {}
        self._scorers: dict[tuple[str, bytes], Any] = {}

    def eval(self, q: wq.Query) -> Scores:
        rule = _RULES.get(type(q))
        if rule is None:
            for kind, handler in _RULES.items():
                if isinstance(q, kind) and kind not in _EXACT:
                    rule = handler
                    break
        if rule is None:
            return self.whoosh(q)
        return rule(self, q)

    # -- the leaves --

    def whoosh(self, q: wq.Query) -> Scores:
        """Whatever has no rule here: whoosh's own matcher, a document at a time."""
        m = q.matcher(self.searcher, self.context)
        out: Scores = {}
        while m.is_active():
            out[m.id()] = m.score()
            m.next()
        return out

    def btext(self, fieldname: str, text: Any) -> bytes | None:
        """The term as stored, if this segment has it (looked up once per search)."""
        key = (fieldname, text)
        if key not in self._btexts:
            self._btexts[key] = self._find_btext(fieldname, text)
        return self._btexts[key]

    def _find_btext(self, fieldname: str, text: Any) -> bytes | None:
        schema = self.searcher.schema
        if fieldname not in schema:
            return None
        try:
            btext = schema[fieldname].to_bytes(text)
        except ValueError:
            return None
        return btext if (fieldname, btext) in self.reader else None

    def postings(self, fieldname: str, btext: bytes) -> _Postings | None:
        """A term's postings in this segment (read once per search); None if they are not
        in W3 blocks this module can read."""
        key = (fieldname, btext)
        if key not in self._read:
            self._read[key] = _read_postings(self.reader, fieldname, btext)
        return self._read[key]

    def term_scores(
        self, fieldname: str, btext: bytes, ids: list[int], weights: list[float]
    ) -> list[float] | None:
        """The score of each (document, weight) of a term, as whoosh's scorer gives it; None
        for a scorer this module does not know."""
        key = (fieldname, btext)
        scorer = self._scorers.get(key)
        if scorer is None:
            scorer = self._scorers[key] = self.weighting.scorer(self.searcher, fieldname, btext)
        if isinstance(scorer, WeightScorer):
            return list(weights)
        if type(scorer) is not BM25FScorer:
            return None
        norms = _norms(self.reader, fieldname, scorer)
        if norms is None:
            return None
        idf, c = scorer.idf, scorer.K1 + 1
        # whoosh.scoring.bm25 with the part that depends on the length worked out per document
        return [idf * ((tf * c) / (tf + n)) for tf, n in zip(weights, map(norms, ids), strict=True)]

    def term(self, q: wq.Term) -> Scores:
        scores = self.term_in(q, None)
        return self.whoosh(q) if scores is None else scores

    def term_in(self, q: wq.Term, docs: list[int] | None) -> Scores | None:
        """A plain term's scores in all its documents, or only in `docs` (all of which have
        it); None where its postings or its scorer are not ones this module knows."""
        btext = self.btext(q.fieldname, q.text)
        if btext is None:
            return {}
        read = self.postings(q.fieldname, btext)
        if read is None:
            return None
        if docs is None:
            docs, weights = read.ids, read.weights
        else:
            weights = read.weights_at(docs)
        scores = self.term_scores(q.fieldname, btext, docs, weights)
        if scores is None:
            return None
        return _boosted(dict(zip(docs, scores, strict=True)), q.boost)

    def docs_of_term(self, q: wq.Term) -> set[int] | None:
        btext = self.btext(q.fieldname, q.text)
        if btext is None:
            return set()
        read = self.postings(q.fieldname, btext)
        return None if read is None else read.docs()

    def multi(self, q: wq.MultiTerm) -> Scores:
        """Prefixes and term ranges: an OR of the words they expand to."""
        fieldname = q.field()
        words = [w for w in q._btexts(self.reader) if w]
        if not words:
            return {}
        terms = [wq.Term(fieldname, w) for w in words]
        scores = self.term(terms[0]) if len(terms) == 1 else self.union(terms)
        return _boosted(scores, q.boost) if len(terms) > 1 else scores

    def numeric_range(self, q: Any) -> Scores:
        return self.eval(q._compile_query(self.reader))

    def constant(self, q: Any) -> Scores:
        return dict.fromkeys(self.eval(q.child), q.score)

    # -- phrases --

    def phrase(self, q: wq.Phrase) -> Scores:
        from .query import Phrase  # query.py imports this module's users, not this module

        fieldname = q.fieldname
        schema = self.searcher.schema
        if (
            not isinstance(q, Phrase)
            or q.slop != 1
            or q.char_ranges
            or len(q.words) < 2
            or fieldname not in schema
            or not isinstance(schema[fieldname].format, WeightedPositions)
        ):
            return self.whoosh(q)
        words = []
        for word in q.words:
            btext = self.btext(fieldname, word)
            if btext is None:
                return {}
            read = self.postings(fieldname, btext)
            if read is None or read.values is None:
                return self.whoosh(q)
            words.append((btext, read))
        reads = [read for _, read in words]
        candidates = set(reads[0].ids)
        for read in sorted(reads[1:], key=lambda r: len(r.ids)):
            candidates.intersection_update(read.ids)
            if not candidates:
                return {}
        at = [read.value_of() for read in reads]
        if len(at) == 2:
            first, second = at
            found = [d for d in candidates if _follows(first[d], second[d])]
        else:
            found = [d for d in candidates if consecutive(decode_positions(v[d]) for v in at)]
        if not found:
            return {}
        total: Scores = dict.fromkeys(found, 0.0)
        for btext, read in words:
            weight_of = read.weight_of()
            scores = self.term_scores(
                fieldname, btext, found, list(map(weight_of.__getitem__, found))
            )
            if scores is None:
                return self.whoosh(q)
            for d, score in zip(found, scores, strict=True):
                total[d] += score
        return _boosted(total, q.boost)

    # -- the compounds --

    def union(self, subs: list[wq.Query]) -> Scores:
        out: Scores = {}
        for sub in subs:
            scores = self.eval(sub)
            if not out:
                out = scores
                continue
            if len(scores) > len(out):
                out, scores = scores, out
            get = out.get
            for d, s in scores.items():
                known = get(d)
                out[d] = s if known is None else known + s
        return out

    def or_(self, q: wq.Or) -> Scores:
        if getattr(q, "minmatch", 0) or getattr(q, "scale", None):
            return self.whoosh(q)
        return _boosted(self.union(list(q.subqueries)), q.boost)

    def and_(self, q: wq.And) -> Scores:
        """The documents every part matches: plain words narrow the set by their document
        numbers first, and are scored only where all the parts are."""
        subs = list(q.subqueries)
        if not subs:
            return {}
        words: dict[int, set[int]] = {}
        scored: dict[int, Scores] = {}
        for i, sub in enumerate(subs):
            docs = self.docs_of_term(sub) if type(sub) is wq.Term else None
            if docs is None:
                scored[i] = self.eval(sub)
            else:
                words[i] = docs
            if not (words.get(i, True) and scored.get(i, True)):
                return {}
        sets = sorted([*words.values(), *(s.keys() for s in scored.values())], key=len)
        docs = set(sets[0])
        for other in sets[1:]:
            docs.intersection_update(other)
            if not docs:
                return {}
        found = list(docs)
        total: Any = None
        for i, sub in enumerate(subs):
            part = scored.get(i)
            if part is None:
                part = self.term_in(sub, found)
                if part is None:
                    part = self.eval(sub)
            scores = map(part.__getitem__, found)
            total = scores if total is None else map(add, total, scores)
        return _boosted(dict(zip(found, total, strict=True)), q.boost)

    def and_not(self, q: wq.AndNot) -> Scores:
        out = self.eval(q.a)
        if out:
            left_out = (self.docs_of_term(q.b) if type(q.b) is wq.Term else None) or self.eval(
                q.b
            ).keys()
            for d in out.keys() & left_out:
                del out[d]
        return _boosted(out, q.boost)

    def and_maybe(self, q: wq.AndMaybe) -> Scores:
        out = self.eval(q.a)
        if out:
            get = self.eval(q.b).get
            for d, s in out.items():
                more = get(d)
                if more is not None:
                    out[d] = s + more
        return _boosted(out, q.boost)

    def any_words(self, q: Any) -> Scores:
        return self.eval(q.plain())

    def docs(self, q: wq.Query) -> set[int]:
        """The documents `q` matches (a read-only set: it may be a term's own)."""
        found = self.docs_of_term(q) if type(q) is wq.Term else None
        return set(self.eval(q)) if found is None else found

    def filter(self, q: Any) -> Scores:
        child = q.child
        docs = self.docs_of_term(child) if type(child) is wq.Term else None
        return dict.fromkeys(self.eval(child) if docs is None else docs, 0.0)

    def null(self, q: wq.Query) -> Scores:
        return {}


class _Postings:
    """A term's postings in one segment: document numbers, weights, encoded values."""

    __slots__ = ("ids", "weights", "values", "_docs", "_weight_of", "_value_of")

    def __init__(self, ids: list[int], weights: list[float], values: list[Any] | None) -> None:
        self.ids = ids
        self.weights = weights
        self.values = values
        self._docs: set[int] | None = None
        self._weight_of: dict[int, float] | None = None
        self._value_of: dict[int, Any] | None = None

    def docs(self) -> set[int]:
        if self._docs is None:
            self._docs = set(self.ids)
        return self._docs

    def weights_at(self, docs: list[int]) -> list[float]:
        """The weights of `docs` (all of which have the term): a few are looked up in the
        sorted ids, many through a dict of every posting."""
        if self._weight_of is None and len(docs) * 16 < len(self.ids):
            ids, weights = self.ids, self.weights
            return [weights[bisect_left(ids, d)] for d in docs]
        return list(map(self.weight_of().__getitem__, docs))

    def weight_of(self) -> dict[int, float]:
        if self._weight_of is None:
            self._weight_of = dict(zip(self.ids, self.weights, strict=True))
        return self._weight_of

    def value_of(self) -> dict[int, Any]:
        if self._value_of is None:
            assert self.values is not None
            self._value_of = dict(zip(self.ids, self.values, strict=True))
        return self._value_of


def _read_postings(reader: Any, fieldname: str, btext: bytes) -> _Postings | None:
    """A term's postings read from its W3 blocks; None where they are not such blocks."""
    terms = getattr(reader, "_terms", None)
    try:
        info = terms.term_info(fieldname, btext)  # type: ignore[union-attr]
        postfile = terms._postfile  # type: ignore[union-attr]
    except (AttributeError, KeyError):
        return None
    if info.is_inlined():
        ids, weights, vals = info.inlined_postings()
        return _Postings(list(ids), list(weights), list(vals))
    offset, length = info.extent()
    if isinstance(length, tuple):  # whoosh reads it back as struct.unpack's tuple
        (length,) = length
    data = postfile.get(offset, length)
    if data[:4] != WHOOSH3_HEADER_MAGIC:
        return None
    ids: list[int] = []
    weights: list[float] = []
    vals: list[Any] | None = []
    stream = io.BytesIO(data)
    stream.seek(4)
    while True:
        (size,) = unpack_int(stream.read(4))
        start = stream.tell()
        count, _, _, compression, _, _ = pickle.load(stream)
        raw = stream.read(abs(size) - (stream.tell() - start))
        block_ids, block_weights, block_values = pickle.loads(
            zlib.decompress(raw) if compression else raw
        )
        ids.extend(accumulate(block_ids))  # each block's ids are gaps from 0
        if block_weights is None:
            weights.extend(repeat(1.0, count))
        elif isinstance(block_weights, float | int):
            weights.extend(repeat(float(block_weights), count))
        else:
            weights.extend(block_weights)
        if vals is not None:
            if isinstance(block_values, tuple):
                vals.extend(block_values)
            else:
                vals = None  # no values, or fixed-size ones: not positions
        if size < 0:
            break
    return _Postings(ids, weights, vals)


def _follows(first: bytes, second: bytes) -> bool:
    """analysis.consecutive for two words, from their postings' values, in C loops."""
    if LITTLE_ENDIAN:  # the array is the value as it is
        return not set(array(U32, first)).isdisjoint(map(_ONE_BEFORE, array(U32, second)))
    return not set(decode_positions(first)).isdisjoint(map(_ONE_BEFORE, decode_positions(second)))


_ONE_BEFORE = (-1).__add__


def _boosted(scores: Scores, boost: float) -> Scores:
    if boost != 1.0:
        for d in scores:
            scores[d] *= boost
    return scores


def _cached(reader: Any, key: Any, make: Callable[[], Any]) -> Any:
    """make(), worked out once per segment reader (a segment does not change; a reader
    whoosh keeps across refreshes keeps its values)."""
    cache = reader.__dict__.setdefault("_parallax_cache", {})
    if key not in cache:
        cache[key] = make()
    return cache[key]


def _norms(reader: Any, fieldname: str, scorer: BM25FScorer) -> Callable[[int], float] | None:
    """Document number -> BM25's length part, K1 x ((1 - B) + B x length / average length),
    for one segment and field. The average is the whole index's: kept for the last few."""
    lengths = field_lengths(reader, fieldname)
    if lengths is None:
        return None
    b, k1, avgfl = scorer.B, scorer.K1, scorer.avgfl
    kept = _cached(reader, "norms", dict)
    key = (fieldname, avgfl, b, k1)
    if key not in kept:
        if len(kept) >= 8:  # for averages of earlier generations of the index
            kept.clear()
        per_length = {fl: k1 * ((1 - b) + b * fl / avgfl) for fl in set(lengths)}
        kept[key] = list(map(per_length.__getitem__, lengths))
    return kept[key].__getitem__


_BYTE_TO_LENGTH = [byte_to_length(b) for b in range(256)]


def field_lengths(reader: Any, fieldname: str) -> list[int] | None:
    """Every document's length in `fieldname` for one segment's reader."""

    def read() -> list[int] | None:
        try:
            column = reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            return None if column is None else [_BYTE_TO_LENGTH[b] for b in column]
        except (AttributeError, TypeError, IndexError):  # not a whoosh 3 segment reader
            return None

    return _cached(reader, ("lengths", fieldname), read)


def published_days(reader: Any) -> list[int]:
    """Every document's `published` value (a day number, 0 if undated) for one segment's
    reader."""
    return _cached(
        reader, "published", lambda: list(reader.column_reader("published", translate=False))
    )


# ---- plain queries: any word, in tiers -----------------------------------------------------------

# With the newest first, at most this many tail articles of the same day are scored.
MAX_DATE_TIES = 5000
# Up to this many words found, the tail is scored by the set of words each article has.
MAX_SET_WORDS = 8
_MARGIN = 1e-9


@dataclass
class _Part:
    """One segment of an AnyWords query: the documents of each word, the required part's
    scores, those with every word, and (worked out when asked) those with any word and
    every match."""

    segment: _Segment
    offset: int
    words: list[set[int]]
    word_scores: list[Scores | None]  # a word's scores when it is not a plain term
    required: Scores | None
    required_text: bool
    top: set[int]
    _union: set[int] | None = None

    @property
    def union(self) -> set[int]:
        if self._union is None:
            self._union = set().union(*self.words)
        return self._union

    @property
    def matches(self) -> set[int]:
        if self.required is not None and self.required_text:
            return set(self.required)
        return self.union

    def count(self) -> int:
        """len(matches), without the union of two words."""
        if self.required is not None and self.required_text:
            return len(self.required)
        if len(self.words) == 2 and self._union is None:
            return len(self.words[0]) + len(self.words[1]) - len(self.top)
        return len(self.union)


def _tiered(
    searcher: Any,
    q: AnyWords,
    limit: int,
    by_date: bool,
    published: Callable[[Any], list[int]] | None,
) -> Found:
    """An AnyWords query, in two tiers: the documents with every word first, then those
    missing some; in each, highest score first (the sum of the BM25F scores of what a
    document matches, so a rare word found counts for much more than a common one), or
    with `by_date` newest first.

    The whole of the first tier is scored, as an AND would be. The tail only as deep as it
    can reach the first `limit` (max-score): its words are taken rarest first (by the most
    they can add to a score), the documents that have one of those taken are scored, and
    the words left are not taken once all of them together could not lift a document above
    the last score kept. Every match is counted, by set operations on document numbers."""
    context = searcher.context()
    parts: list[_Part] = []
    total = all_words = 0
    for sub, offset in searcher.leaf_searchers():
        segment = _Segment(sub, context)
        reader = segment.reader
        deleted = reader.deleted_docs_set if reader.has_deletions() else set()
        excluded = segment.docs(q.excluded) if q.excluded is not None else set()
        left_out = (deleted | excluded) if deleted and excluded else (deleted or excluded)
        required = None
        if q.required is not None:
            required = segment.eval(q.required)
            for d in required.keys() & left_out if left_out else ():
                del required[d]
        words: list[set[int]] = []
        word_scores: list[Scores | None] = []
        for w in q.words:
            scores = None
            docs = segment.docs_of_term(w) if type(w) is wq.Term else None
            if docs is None:
                scores = segment.eval(w)
                docs = set(scores)
            if left_out:
                docs = docs - left_out
            if required is not None:
                docs = docs & required.keys()
            words.append(docs)
            word_scores.append(scores)
        part = _Part(segment, offset, words, word_scores, required, q.required_text, _having(words))
        count = part.count()
        if not count:
            continue
        total += count
        all_words += len(part.top)
        parts.append(part)
    if not parts:
        return Found(total, [], all_words)

    dated = by_date and published is not None
    tail = (
        _tail_by_date(q, parts, limit, published)  # type: ignore[arg-type]
        if dated
        else _tail(searcher, q, parts, limit)
    )
    keyed: list[tuple[Any, ...]] = []
    for part in parts:
        at = part.offset.__add__
        top = _score_top(part, q)
        rest = tail.get(id(part), {})
        if dated:
            days = published(part.segment.reader)  # type: ignore[misc]
            first: Any = zip(
                repeat(0), map(neg, map(days.__getitem__, top)), map(neg, top.values()),
                map(at, top),
            )  # fmt: skip
            then: Any = ((1, -days[d], -s, at(d)) for d, s in rest.items())
        else:
            first = zip(repeat(0), map(neg, top.values()), map(at, top))
            then = ((1, -s, at(d)) for d, s in rest.items())
        keyed = heapq.nsmallest(
            limit, [*keyed, *heapq.nsmallest(limit, first), *heapq.nsmallest(limit, then)]
        )
    return Found(total, [(entry[-1], -entry[-2]) for entry in keyed], all_words)


def _score_top(part: _Part, q: AnyWords) -> Scores:
    """The scores of the documents with every word (as an AND scores them)."""
    return _score_all(part, q, list(part.top), range(len(q.words)))


def _score_all(part: _Part, q: AnyWords, found: list[int], words: Iterable[int]) -> Scores:
    """The scores of documents that all have the words `words` (indices) and no other."""
    if not found:
        return {}
    total: Any = None if part.required is None else map(part.required.__getitem__, found)
    for i in words:
        w = q.words[i]
        scores = part.word_scores[i]
        if scores is None:
            scores = part.segment.term_in(w, found)
            if scores is None:
                scores = part.word_scores[i] = part.segment.eval(w)
        values = map(scores.__getitem__, found)
        total = values if total is None else map(add, total, values)
    return dict.fromkeys(found, 0.0) if total is None else dict(zip(found, total, strict=True))


def _having(words: list[set[int]]) -> set[int]:
    """The documents that have every word."""
    sets = sorted(words, key=len)
    if not sets:
        return set()
    found = set(sets[0])
    for other in sets[1:]:
        if not found:
            break
        found.intersection_update(other)
    return found


def _tail(searcher: Any, q: AnyWords, parts: list[_Part], limit: int) -> dict[int, Scores]:
    """id(part) -> the documents of the tail (missing some word) that may be among the first
    `limit`, with their scores: by sets of words (`_tail_by_sets`) for up to MAX_SET_WORDS
    words found, else by words, rarest first.

    By words: the words taken add their scores to the documents that have them (`partial`, a lower
    bound of a document's score); a document none of them has scores at most the best
    required score plus the bounds of the words not taken. Words are taken until the
    `need`-th best partial score is above that; then only the documents whose partial score
    plus those bounds reaches it are worth their full score, which the words not taken
    complete."""
    need = limit - sum(len(part.top) for part in parts)
    if need <= 0:
        return {}
    bounds = [_upper_bound(searcher, w, parts, i) for i, w in enumerate(q.words)]
    base = max(
        (max(part.required.values(), default=0.0) for part in parts if part.required),
        default=0.0,
    )
    live = [i for i in range(len(q.words)) if any(part.words[i] for part in parts)]
    if len(live) <= MAX_SET_WORDS:
        return _tail_by_sets(q, parts, need, bounds, base, live)
    order = sorted(range(len(q.words)), key=lambda i: -bounds[i])
    partial: dict[int, Scores] = {id(part): {} for part in parts}

    def nth_best() -> float | None:
        best: list[float] = []
        for scores in partial.values():  # sorted() is C; heapq.nlargest loops in Python
            best = sorted([*best, *sorted(scores.values(), reverse=True)[:need]], reverse=True)
        return best[need - 1] if len(best) >= need else None

    # Bounds are compared with a margin: a sum of floats is not exact.
    untaken: list[int] = []
    for k, i in enumerate(order):
        left = sum(bounds[j] for j in order[k:])
        # no partial score exceeds the best required one plus the bounds of the words taken
        if sum(bounds[j] for j in order[:k]) > left:
            floor = nth_best()
            if floor is not None and floor > base + left + _MARGIN:
                untaken = order[k:]
                break
        for part in parts:
            scores = part.word_scores[i]
            if scores is None:
                scores = part.segment.term_in(q.words[i], None)
                if scores is None:
                    scores = part.segment.eval(q.words[i])
            have, top, required = partial[id(part)], part.top, part.required
            present = part.words[i]  # without deleted, excluded and unrequired documents
            get = have.get
            if required is None:  # comprehensions: a loop of C
                items: Any = scores.items()
                if top or len(present) != len(scores):
                    items = [(d, s) for d, s in items if d in present and d not in top]
                have.update({d: get(d, 0.0) + s for d, s in items})
                continue
            for d, score in scores.items():
                if d in top or d not in present:
                    continue
                known = get(d)
                have[d] = (required[d] if known is None else known) + score
    else:
        left = 0.0
        if q.required_text:  # what has none of the words, only the required part
            for part in parts:
                have, required = partial[id(part)], part.required
                assert required is not None
                for d in part.matches - part.union:
                    have[d] = required[d]
    floor = nth_best()
    if floor is None or not untaken:
        return partial
    reach = floor - left - _MARGIN
    out: dict[int, Scores] = {}
    for part in parts:
        kept = {d: s for d, s in partial[id(part)].items() if s >= reach}
        for i in untaken:
            present = [d for d in kept if d in part.words[i]]
            if present:
                scores = part.word_scores[i]
                if scores is None:
                    scores = part.segment.term_in(q.words[i], present)
                if scores is None:
                    scores = part.word_scores[i] = part.segment.eval(q.words[i])
                for d in present:
                    kept[d] += scores[d]
        out[id(part)] = kept
    return out


def _tail_by_sets(
    q: AnyWords, parts: list[_Part], need: int, bounds: list[float], base: float, live: list[int]
) -> dict[int, Scores]:
    """The tail by the set of words a document has: the sets are visited from the one whose
    words' bounds add up to most (fewest and commonest words missing) down; the documents
    with exactly that set (intersections and differences of document numbers) are scored,
    and the visit stops when no set left can reach the `need`-th best score."""
    out: dict[int, Scores] = {id(part): {} for part in parts}
    best: list[float] = []  # the `need` best scores so far, best first
    whole = sum(bounds[i] for i in live)
    every = len(live) == len(q.words)  # else no document has every word: no tier is done
    for weight, missing in _missing_sets([bounds[i] for i in live]):
        if not missing and every:
            continue  # the first tier
        if len(best) >= need and base + whole - weight + _MARGIN < best[-1]:
            break
        gone = {live[k] for k in missing}
        keep = [i for i in live if i not in gone]
        for part in parts:
            if keep:
                docs = _having([part.words[i] for i in keep])
            elif q.required_text:  # no word at all: the required part alone
                docs = part.matches - part.union
            else:
                continue
            for j in gone:
                if not docs:
                    break
                docs = docs - part.words[j]
            if not docs:
                continue
            scores = _score_all(part, q, list(docs), keep)
            out[id(part)].update(scores)
            best = sorted([*best, *scores.values()], reverse=True)[:need]
    if len(best) < need:
        return out
    floor = best[-1] - _MARGIN
    return {key: {d: s for d, s in scores.items() if s >= floor} for key, scores in out.items()}


def _missing_sets(weights: list[float]) -> Iterator[tuple[float, tuple[int, ...]]]:
    """(summed weight, indices) of every set of indices into `weights`, lightest first,
    the empty set first."""
    order = sorted(range(len(weights)), key=lambda i: (weights[i], i))
    yield 0.0, ()
    if not order:
        return
    heap = [(weights[order[0]], (0,))]
    while heap:
        total, at = heapq.heappop(heap)
        yield total, tuple(order[k] for k in at)
        last = at[-1]
        if last + 1 < len(order):
            nxt = weights[order[last + 1]]
            heapq.heappush(heap, (total + nxt, (*at, last + 1)))
            heapq.heappush(heap, (total - weights[order[last]] + nxt, (*at[:-1], last + 1)))


def _upper_bound(searcher: Any, w: wq.Query, parts: list[_Part], i: int) -> float:
    """The most word `i` can add to a document's score: BM25's idf x (K1 + 1) for a term,
    else the best score it has."""
    if not any(part.words[i] for part in parts):
        return 0.0
    if type(w) is wq.Term and w.fieldname in searcher.schema:
        try:
            btext = searcher.schema[w.fieldname].to_bytes(w.text)
            scorer = parts[0].segment.weighting.scorer(searcher, w.fieldname, btext)
        except ValueError:
            scorer = None
        if type(scorer) is BM25FScorer:
            return scorer.idf * (scorer.K1 + 1) * w.boost
    bound = 0.0
    for part in parts:
        scores = part.word_scores[i]
        if scores is None:
            scores = part.segment.eval(w)
            part.word_scores[i] = scores
        if scores:
            bound = max(bound, max(scores.values()))
    return bound


def _tail_by_date(
    q: AnyWords, parts: list[_Part], limit: int, published: Callable[[Any], list[int]]
) -> dict[int, Scores]:
    """id(part) -> the documents of the tail that may be among the first `limit` newest
    first (the newest, and those of the same day as the last of them, up to a bound), with
    their scores."""
    need = limit - sum(len(part.top) for part in parts)
    if need <= 0:
        return {}
    newest: list[tuple[int, int, int]] = []
    rest = [(part, part.matches - part.top) for part in parts]
    for k, (part, docs) in enumerate(rest):
        days = published(part.segment.reader)
        newest = heapq.nsmallest(need, [*newest, *((-days[d], k, d) for d in docs)])
    if not newest:
        return {}
    cutoff = -newest[-1][0]
    chosen = {}
    for part, docs in rest:
        days = published(part.segment.reader)
        chosen[id(part)] = _score(part, q, [d for d in docs if days[d] >= cutoff][:MAX_DATE_TIES])
    return chosen


def _score(part: _Part, q: AnyWords, docs: list[int]) -> Scores:
    """The documents' scores: the required part's, plus each word's where it is."""
    segment = part.segment
    required = part.required
    total: Scores = dict.fromkeys(docs, 0.0) if required is None else {d: required[d] for d in docs}
    for i, (w, have) in enumerate(zip(q.words, part.words, strict=True)):
        present = [d for d in docs if d in have]
        if not present:
            continue
        scores = part.word_scores[i]
        if scores is None:
            scores = segment.term_in(w, present)
            if scores is None:
                scores = part.word_scores[i] = segment.eval(w)
        for d in present:
            total[d] += scores[d]
    return total


def _rules() -> tuple[dict[type, Callable[[_Segment, Any], Scores]], set[type]]:
    from whoosh.query.ranges import NumericRange
    from whoosh.query.wrappers import ConstantScoreQuery

    from .query import AnyWords, Filter

    rules: dict[type, Callable[[_Segment, Any], Scores]] = {
        wq.Term: _Segment.term,
        wq.Phrase: _Segment.phrase,
        wq.Or: _Segment.or_,
        wq.And: _Segment.and_,
        wq.AndNot: _Segment.and_not,
        wq.AndMaybe: _Segment.and_maybe,
        AnyWords: _Segment.any_words,
        Filter: _Segment.filter,
        NumericRange: _Segment.numeric_range,
        wq.Prefix: _Segment.multi,
        wq.TermRange: _Segment.multi,
        ConstantScoreQuery: _Segment.constant,
        type(wq.NullQuery): _Segment.null,
    }
    # Subclasses of these may change what they match: only the classes themselves.
    exact = {wq.Term, wq.Or, wq.And, wq.AndNot, wq.AndMaybe, NumericRange, wq.Prefix, wq.TermRange}
    return rules, exact


_RULES, _EXACT = _rules()

"""The posting-list evaluator finds what whoosh's own searcher finds, with the same scores."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_search_writer import make_docs
from whoosh import query as wq
from whoosh import sorting

from parallax.index.search import SearchIndex, evaluate
from parallax.index.search.evaluate import published_days
from parallax.index.search.index import _BM25F
from parallax.index.search.query import AnyWords, Filter, parse

TODAY = date(2025, 3, 1)

QUERIES = [
    "talks",
    "zelensky",
    "Zelenskiy Kyiv",
    "energy trade",
    "kiev OR kyiv",
    "kiev OR kyiv talks",
    '"peace talks"',
    '"the talks" -grain',
    '"grain deal" OR "border deal"',
    "negoti*",
    "elite* western",
    "talks NOT sanctions",
    "-talks",
    "NOT (kiev OR kyiv)",
    "(envoy OR minister) AND (moscow OR istanbul) -deal",
    "outlet:eunews talks",
    'outlet:"hürriyet daily news" -border',
    "author:doe",
    "agency:ap dateline:istanbul",
    "title:summit",
    'title:"peace talks"',
    "date:2025-01",
    "date:>2025-02-10 lavrov",
    "date:2025-01-05..2025-01-20 OR grain",
    "outlet:eu*",
    "nothingatall",
    "talks nothingatall",
    "nothingatall OR talks",
]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    """An index of several segments, some with deleted documents."""
    path: Path = tmp_path_factory.mktemp("evaluate")
    index = SearchIndex.open(path)
    docs = make_docs(400)
    index.update(docs[:150])
    index.update(docs[:300])
    changed = make_docs(40, seed=7)  # new contents for d0..d39: their old copies are deleted
    index.update([*changed, *docs[40:300]])
    index.update([*changed, *docs[40:400]])
    with index._ix.reader() as reader:
        assert len(list(reader.leaf_readers())) > 1 and reader.has_deletions()
    yield index
    index.close()


def whoosh_results(searcher: Any, q: Any) -> dict[int, float]:
    found = searcher.search(_oracle(q), limit=None, optimize=False)
    return {hit.docnum: hit.score for hit in found}


def _oracle(q: Any) -> Any:
    """The query for whoosh to answer. Its AndNot matcher keeps documents that have the
    left-out word when the kept part is a phrase (`"the talks" -grain` finds articles with
    "grain" in them); AND with NOT, scored 0, finds the right ones."""
    if isinstance(q, AnyWords):  # a plain query's words: any of them (ranked in tiers)
        return _oracle(q.plain())
    if isinstance(q, wq.AndNot):
        return wq.And([_oracle(q.a), Filter(wq.Not(_oracle(q.b)))])
    if isinstance(q, wq.AndMaybe):
        # whoosh's AndMaybe matcher can lag its optional part behind (skip_to); the same
        # match and score as an OR: the required part, plus the optional one where both are.
        a = _oracle(q.a)
        return wq.Or([a, wq.And([Filter(a), _oracle(q.b)])])
    if isinstance(q, wq.WrappingQuery):
        return type(q)(_oracle(q.child))
    if isinstance(q, wq.CompoundQuery):
        return type(q)([_oracle(sub) for sub in q.subqueries], boost=q.boost)
    return q


def ours(searcher: Any, q: Any) -> dict[int, float]:
    found = evaluate.run(searcher, q, 10_000)
    assert found.total == len(found.hits)
    return dict(found.hits)


def assert_same(searcher: Any, text: str) -> None:
    parsed = parse(text, *_analyzers(searcher), today=TODAY)
    if parsed.query is None:
        return
    expected = whoosh_results(searcher, parsed.query)
    got = ours(searcher, parsed.query)
    assert got.keys() == expected.keys(), text
    for docnum, score in expected.items():
        assert got[docnum] == pytest.approx(score, rel=1e-9, abs=1e-12), (text, docnum)


def _analyzers(searcher: Any) -> tuple[Any, Any]:
    schema = searcher.schema
    return schema["text"].analyzer, schema["outlet"].analyzer


@pytest.mark.parametrize("text", QUERIES)
def test_the_evaluator_finds_what_whoosh_finds(index: SearchIndex, text: str) -> None:
    with index._ix.searcher(weighting=_BM25F()) as searcher:
        assert_same(searcher, text)


def test_most_of_these_queries_find_something(index: SearchIndex) -> None:
    with index._ix.searcher(weighting=_BM25F()) as searcher:
        found = [
            text
            for text in QUERIES
            if whoosh_results(
                searcher, parse(text, *_analyzers(searcher), today=TODAY).query or _none()
            )
        ]
    assert len(found) >= len(QUERIES) - 4  # the parity above is not all empty sets


def _none() -> Any:
    from whoosh.query import NullQuery

    return NullQuery


WORDS = st.sampled_from(
    "talks peace kyiv kiev zelensky lavrov grain deal border the envoy minister trade "
    "sanctions istanbul western elites negoti* ener* türkiye turkey u.s.".split()
)
OPERATORS = st.sampled_from(["", "", "", "OR", "AND", "NOT", "-", '"', "(", ")"])


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(OPERATORS, WORDS), min_size=1, max_size=6))
def test_any_query_of_these_words_scores_as_whoosh_does(
    index: SearchIndex, pieces: list[tuple[str, str]]
) -> None:
    text = " ".join(
        f"{op} {word}" if op not in ("-", '"') else f"{op}{word}" for op, word in pieces
    )
    with index._ix.searcher(weighting=_BM25F()) as searcher:
        assert_same(searcher, text)


@pytest.mark.parametrize("text", ["talks", "date:2025-01", "kiev OR kyiv", '"peace talks"'])
def test_newest_first_is_whooshs_order(index: SearchIndex, text: str) -> None:
    with index._ix.searcher(weighting=_BM25F()) as searcher:
        q = parse(text, *_analyzers(searcher), today=TODAY).query
        facets = [sorting.FieldFacet("published", reverse=True), sorting.ScoreFacet()]
        theirs = searcher.search(_oracle(q), limit=25, sortedby=facets)
        found = evaluate.run(searcher, q, 25, by_date=True, published=published_days)
        assert found.total == len(theirs)

        def key(docnum: int, score: float) -> tuple[int, float]:
            return (searcher.stored_fields(docnum).get("published") or 0, round(score, 9))

        expected = [key(h.docnum, -h.score[-1]) for h in theirs]
        assert [key(d, s) for d, s in found.hits] == expected

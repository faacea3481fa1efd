"""What a plain query means: any of its words, the articles with all of them first, then those
missing some (a missing rare word costs more than a missing common one); phrases, -not, OR,
+word, AND, filters and dates strict; `all_words`; "did you mean" when a word finds nothing;
and the pruned tail gives the same first hits as scoring everything."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_app import copy_data, ready, settle
from test_search_writer import make_docs
from textual.widgets import Static

from parallax.index.analysis import NewsAnalyzer
from parallax.index.search import IndexDoc, SearchIndex, SearchResult
from parallax.tui.app import ParallaxApp
from parallax.tui.cli import main

FILLER = "the senate vote was held on the bill and officials said more talks would follow"


def doc(
    i: str,
    body: str,
    title: str = "",
    outlet: str | None = "Daily",
    published: date | None = date(2025, 1, 1),
) -> IndexDoc:
    return IndexDoc(
        id=i,
        title=title or None,
        standfirst=None,
        body=body,
        outlet=outlet,
        author=None,
        agency=None,
        dateline=None,
        published=published,
        digest=hashlib.sha1(f"{title}|{body}|{outlet}|{published}".encode()).hexdigest(),
    )


DOCS = [
    doc("all", f"Schumer agreed a shutdown deal and liberals were angry. {FILLER}"),
    doc("no-angry", f"Schumer said the shutdown deal would hold for liberals. {FILLER}"),
    doc("no-schumer", f"The shutdown deal left liberals angry in the house. {FILLER}"),
    doc("only-schumer", f"Schumer spoke about the budget at length. {FILLER} {FILLER}"),
    doc("only-said", "He said it. She said so. They said no. " + FILLER),
    doc("phrase", f"Talks on a deal over the shutdown went on. {FILLER}", outlet="Weekly"),
    doc("progressives", f"Progressives cheered the shutdown deal. {FILLER}", outlet="Weekly"),
    doc(
        "old",
        f"Schumer and the liberals on the shutdown, long ago. {FILLER}",
        published=date(2019, 1, 1),
    ),
    doc("t-standoff", f"Nothing of the kind here. {FILLER}", title="Standoff over spending"),
    *(doc(f"filler{k}", f"{FILLER} number {k}", outlet="Weekly") for k in range(12)),
]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    index = SearchIndex.open(tmp_path_factory.mktemp("ranking"))
    index.update(DOCS)
    yield index
    index.close()


def ids(result: SearchResult) -> list[str]:
    return [hit.id for hit in result.hits]


def search(index: SearchIndex, query: str, **kwargs: object) -> SearchResult:
    kwargs.setdefault("today", date(2025, 3, 1))
    return index.search(query, **kwargs)  # type: ignore[arg-type]


# ---- any word, in tiers -------------------------------------------------------------------------


def test_a_plain_query_finds_any_word_and_puts_all_words_first(index: SearchIndex) -> None:
    result = search(index, "Schumer shutdown deal liberals angry")
    found = ids(result)
    assert found[0] == "all"  # the only one with every word
    assert {"no-angry", "no-schumer", "only-schumer", "old", "phrase"} <= set(found)
    assert result.all_words == 1
    assert result.total == len(found) == 7  # every article with one of the words


def test_missing_a_rare_word_costs_more_than_missing_a_common_one(index: SearchIndex) -> None:
    # "said" is in every article, "Schumer" in four: an article with Schumer alone comes
    # before one that says "said" three times.
    found = ids(search(index, "Schumer said", limit=50))
    assert found.index("only-schumer") < found.index("only-said")
    # Both miss one word: missing "Schumer" (in four articles) costs less than missing
    # "angry" (in two).
    found = ids(search(index, "Schumer angry shutdown", limit=50))
    assert found.index("no-schumer") < found.index("no-angry")


def test_all_words_are_first_whatever_the_scores(index: SearchIndex) -> None:
    for query in ("Schumer deal", "shutdown liberals angry", "said deal Schumer", "talks deal"):
        result = search(index, query, limit=100)
        assert 0 < result.all_words <= result.total == len(result.hits)
        first = result.hits[: result.all_words]
        rest = result.hits[result.all_words :]
        words = query.lower().split()
        for hit in first:
            assert all(_has(hit.id, w) for w in words), (query, hit.id)
        for hit in rest:
            assert not all(_has(hit.id, w) for w in words), (query, hit.id)
        for tier in (first, rest):  # best first within a tier
            scores = [hit.score for hit in tier]
            assert scores == sorted(scores, reverse=True)


_ANALYZER = NewsAnalyzer({})


def _has(doc_id: str, word: str) -> bool:
    d = next(d for d in DOCS if d.id == doc_id)
    text = " ".join(v for v in (d.title, d.body, d.outlet) if v)
    return set(_ANALYZER.terms(word)) <= set(_ANALYZER.terms(text))


# ---- what stays strict --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # a leading + requires its word; the others rank
        ("+Schumer liberals", {"all", "no-angry", "only-schumer", "old"}),
        ("+Schumer +angry", {"all"}),
        ("Schumer AND angry", {"all"}),
        # a phrase is required; the free words only rank
        ('"shutdown deal" angry', {"all", "no-angry", "no-schumer", "progressives"}),
        ('"deal over the shutdown" Schumer', {"phrase"}),
        # -not leaves out, and the query still needs one of its words
        ("Schumer angry -liberals", {"only-schumer"}),
        ("Schumer angry NOT liberals", {"only-schumer"}),
        # OR is required: one of its sides
        (
            "(liberals OR progressives) angry",
            {"all", "no-angry", "no-schumer", "progressives", "old"},
        ),
        ("Schumer progressives OR budget", {"progressives", "only-schumer"}),
        # filters are required, and with only filters besides, one word is needed
        ("outlet:weekly shutdown Schumer", {"phrase", "progressives"}),
        ("date:2019 Schumer deal", {"old"}),
        ("date:2025 Schumer liberals", {"all", "no-angry", "no-schumer", "only-schumer"}),
        ("title:nothingthere Schumer deal", set()),
        ("title:standoff Schumer", set()),  # title: is a filter: a free word is needed
        ("title:standoff Schumer spending", {"t-standoff"}),
    ],
)
def test_phrases_not_or_plus_and_filters_stay_strict(
    index: SearchIndex, query: str, expected: set[str]
) -> None:
    result = search(index, query, limit=100)
    assert set(ids(result)) == expected
    assert result.total == len(expected)


def test_a_phrase_with_free_words_ranks_by_them(index: SearchIndex) -> None:
    result = search(index, '"shutdown deal" Schumer liberals angry')
    assert ids(result)[0] == "all" and result.all_words == 1
    assert result.total == 4  # every article with the phrase


# ---- all_words and did-you-mean -----------------------------------------------------------------


def test_all_words_equals_total_when_nothing_can_be_missing(index: SearchIndex) -> None:
    for query in ("Schumer", '"shutdown deal"', "Schumer AND deal", "outlet:weekly"):
        result = search(index, query)
        assert result.all_words == result.total > 0
    result = search(index, "Schumer nothingatall")
    assert result.total == 4 and result.all_words == 0


def test_did_you_mean_when_a_word_finds_nothing_even_with_hits(index: SearchIndex) -> None:
    result = search(index, "Schumer shutdwn")
    assert ids(result)  # Schumer alone finds articles
    assert result.suggestion == "Schumer shutdown"
    assert search(index, "Schumer shutdown").suggestion is None


def test_search_json_has_all_words(
    real_cleaner: None, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    assert main(["search", "--json", "lavrov istanbul"]) == 0
    obj = json.loads(capsys.readouterr().out)
    assert obj["total"] == len(obj["hits"]) == 4  # every seed that says one of them
    assert obj["all_words"] == 2  # Eunews and Business Standard say both
    assert main(["search", "--json", "+lavrov +istanbul"]) == 0
    obj = json.loads(capsys.readouterr().out)
    assert obj["total"] == obj["all_words"] == 2


# ---- the pruned tail ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    """Several segments, with deleted documents (as in test_search_evaluate)."""
    index = SearchIndex.open(tmp_path_factory.mktemp("ranking-big"))
    docs = make_docs(300)
    index.update(docs[:120])
    index.update(docs[:240])
    changed = make_docs(30, seed=5)
    index.update([*changed, *docs[30:300]])
    yield index
    index.close()


WORDS = st.sampled_from(
    "talks peace kyiv kiev zelensky lavrov grain deal border the envoy minister trade "
    "sanctions istanbul western elites negoti* türkiye u.s. nothingatall".split()
)
SMALL_WORDS = st.sampled_from(
    "schumer shutdown deal liberals angry said budget talks progressives senate house "
    "spoke number 3 7 long nothingatall".split()
)
PREFIX = st.sampled_from(["", "", "", "", "+", "-", "outlet:eunews ", "date:2025-03 "])
SMALL_PREFIX = st.sampled_from(["", "", "", "", "+", "-", "outlet:weekly ", "date:2025 "])


def assert_pruning_changes_nothing(index: SearchIndex, query: str, limit: int) -> None:
    full = search(index, query, limit=1000)
    assert full.total == len(full.hits) and full.all_words <= full.total
    first = search(index, query, limit=limit)
    assert (first.total, first.all_words) == (full.total, full.all_words)
    assert [(h.id, round(h.score, 9)) for h in first.hits] == [
        (h.id, round(h.score, 9)) for h in full.hits[:limit]
    ]
    dated = search(index, query, limit=limit, sort="date")
    full_dated = search(index, query, limit=1000, sort="date")
    assert [h.id for h in dated.hits] == [h.id for h in full_dated.hits[:limit]]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(PREFIX, WORDS), min_size=2, max_size=6), st.integers(1, 25))
def test_the_first_hits_are_those_of_a_full_ranking(
    big: SearchIndex, pieces: list[tuple[str, str]], limit: int
) -> None:
    assert_pruning_changes_nothing(big, " ".join(p + w for p, w in pieces), limit)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(SMALL_PREFIX, SMALL_WORDS), min_size=2, max_size=12), st.integers(1, 8))
def test_the_first_hits_of_a_deep_tail_are_those_of_a_full_ranking(
    index: SearchIndex, pieces: list[tuple[str, str]], limit: int
) -> None:
    assert_pruning_changes_nothing(index, " ".join(p + w for p, w in pieces), limit)


def test_newest_first_keeps_the_all_words_tier_first(index: SearchIndex) -> None:
    result = search(index, "Schumer liberals", sort="date", limit=100)
    tier = result.hits[: result.all_words]
    assert {h.id for h in tier} == {"all", "no-angry", "old"}
    assert [h.id for h in tier][-1] == "old"  # the oldest of them last
    days = [h.published or date.min for h in result.hits[result.all_words :]]
    assert days == sorted(days, reverse=True)


# ---- the reader's status line -------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("parallax.index.cleaner")
    from test_app import build_seed_data

    return build_seed_data(tmp_path_factory.mktemp("seed-data") / "data")


async def test_the_status_line_says_how_many_have_all_the_words(
    seed_data: Path, tmp_path: Path
) -> None:
    app = ParallaxApp(copy_data(seed_data, tmp_path / "data"), today=date(2025, 6, 1))
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"lavrov istanbul")
        await settle(pilot)
        status = str(app.query_one("#search-status", Static).content)
        assert "2 with all words · 4 with some" in status, status


@pytest.mark.parametrize("limit", [1, 3, 8])
def test_long_queries_prune_by_words_and_change_nothing(index: SearchIndex, limit: int) -> None:
    many = "schumer shutdown deal liberals angry said budget talks progressives senate spoke"
    assert_pruning_changes_nothing(index, many, limit)
    assert_pruning_changes_nothing(index, many + " -filler outlet:daily", limit)

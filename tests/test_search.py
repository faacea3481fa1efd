"""Search on the seed corpus: every spelling finds every spelling, filters, dates, ranking,
highlights where the words are printed, "did you mean", and the two commands."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parallax.index.api import Corpus, SearchResult
from parallax.index.config import load_config
from parallax.tui.cli import main

ROOT = Path(__file__).resolve().parent.parent
EUNEWS = "Eunews"
HURRIYET = "Hürriyet Daily News"
BUSINESS_STANDARD = "Business Standard"
ECONOTIMES = "EconoTimes"
TODAY = date(2025, 3, 1)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """The four seed articles, cleaned by the real cleaner into a fresh data folder."""
    pytest.importorskip("parallax.index.cleaner")
    folder = tmp_path_factory.mktemp("seedcorpus")
    empty = folder / "config.toml"  # no user config may leak in
    empty.write_text("", encoding="utf-8")
    corpus = Corpus.open(load_config(empty, folder / "data", env={}))
    report = corpus.update_index()
    assert report.added == 4
    return corpus


def search(corpus: Corpus, query: str, **kwargs: object) -> SearchResult:
    kwargs.setdefault("today", TODAY)
    return corpus.search(query, update=False, **kwargs)  # type: ignore[arg-type]


def outlets(result: SearchResult) -> set[str | None]:
    return {hit.outlet for hit in result.hits}


# ---- every spelling -----------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["Zelensky", "Zelenskiy", "Zelenskyy", "zelenskii", "ZELENSKY"])
def test_each_spelling_of_zelensky_finds_the_same_three(corpus: Corpus, query: str) -> None:
    result = search(corpus, query)
    assert outlets(result) == {EUNEWS, HURRIYET, ECONOTIMES}
    assert result.total == 3


@pytest.mark.parametrize("query", ["Kiev", "Kyiv", "kiev"])
def test_kiev_and_kyiv_find_the_same_three(corpus: Corpus, query: str) -> None:
    assert outlets(search(corpus, query)) == {EUNEWS, HURRIYET, ECONOTIMES}


@pytest.mark.parametrize("query", ["Lavrov", "Sergei Lavrov", "Sergey Lavrov"])
def test_lavrov_finds_three_and_not_econotimes(corpus: Corpus, query: str) -> None:
    found = outlets(search(corpus, query))
    assert found == {EUNEWS, HURRIYET, BUSINESS_STANDARD}
    assert ECONOTIMES not in found


def test_a_phrase_finds_the_words_next_to_each_other(corpus: Corpus) -> None:
    assert outlets(search(corpus, '"Western elites"')) == {EUNEWS, BUSINESS_STANDARD}
    # The words apart are not the phrase: Hürriyet says "Western efforts" and "elites" nowhere.
    assert outlets(search(corpus, '"elites Western"')) == set()


def test_turkiye_finds_the_articles_saying_turkiye_or_turkey(corpus: Corpus) -> None:
    saying = {
        s.outlet
        for s in corpus.articles()
        if re.search(r"\b(Turkey|Türkiye)\b", _all_text(corpus, s.id))
    }
    assert saying == {EUNEWS, BUSINESS_STANDARD, ECONOTIMES}  # the seeds, as they are
    for query in ("Turkiye", "Türkiye", "Turkey", "turkey"):
        assert outlets(search(corpus, query)) == saying, query


def test_accents_fold_both_ways(corpus: Corpus) -> None:
    for plain, accented in (
        ("Erdogan", "Erdoğan"),
        ("Antonio", "António"),
        ("Hurriyet", "Hürriyet"),
    ):
        a, b = search(corpus, plain), search(corpus, accented)
        assert [h.id for h in a.hits] == [h.id for h in b.hits] != [], plain


def test_u_s_with_dots_is_us(corpus: Corpus) -> None:
    assert [h.id for h in search(corpus, "U.S.").hits] == [h.id for h in search(corpus, "US").hits]
    assert search(corpus, "U.S.").total == 4


# ---- filters, operators, dates, sorting ---------------------------------------------------------


def test_outlet_filter_with_a_quoted_name(corpus: Corpus) -> None:
    assert outlets(search(corpus, 'outlet:"business standard" istanbul')) == {BUSINESS_STANDARD}
    assert outlets(search(corpus, "istanbul")) == {EUNEWS, BUSINESS_STANDARD, ECONOTIMES}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("outlet:eunews", {EUNEWS}),
        ("outlet:EUNEWS", {EUNEWS}),
        ("outlet:hurriyet", {HURRIYET}),  # one word of the name, accents folded
        ('outlet:"Hürriyet Daily News"', {HURRIYET}),
        ("outlet:eunews OR outlet:econotimes", {EUNEWS, ECONOTIMES}),
        ("agency:ap", {BUSINESS_STANDARD}),
        ("dateline:istanbul", {BUSINESS_STANDARD}),
        ("dateline:moscow", {HURRIYET}),
        ('author:"simone de la feld"', {EUNEWS}),
        ("title:summit", {HURRIYET}),
        ("lavrov -outlet:eunews", {HURRIYET, BUSINESS_STANDARD}),
    ],
)
def test_field_filters(corpus: Corpus, query: str, expected: set[str]) -> None:
    assert outlets(search(corpus, query)) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Lavrov -Istanbul", {HURRIYET}),
        ("Lavrov NOT Istanbul", {HURRIYET}),
        ("Lavrov AND Istanbul", {EUNEWS, BUSINESS_STANDARD}),
        ("+Lavrov +Istanbul", {EUNEWS, BUSINESS_STANDARD}),
        ("Lavrov +Istanbul", {EUNEWS, BUSINESS_STANDARD, ECONOTIMES}),
        ("Medinsky OR Ryabkov", {ECONOTIMES, HURRIYET}),
        ("Medinsky OR Ryabkov Trump", {ECONOTIMES, HURRIYET}),
        ("(Medinsky OR Ryabkov) -Saudi", {ECONOTIMES}),
        ('-"Western elites" Lavrov', {HURRIYET}),
        ("zelen*", {EUNEWS, HURRIYET, ECONOTIMES}),
        ("elite*", {EUNEWS, BUSINESS_STANDARD}),  # "elites" is stemmed to "elit" in the index
        ("Trump-Putin", {HURRIYET}),  # a hyphenated word is a phrase
    ],
)
def test_operators(corpus: Corpus, query: str, expected: set[str]) -> None:
    assert outlets(search(corpus, query)) == expected


@pytest.mark.parametrize(
    ("query", "today", "expected"),
    [
        ("date:2025-02-27", TODAY, {EUNEWS}),
        ("date:2025-02", TODAY, {EUNEWS, HURRIYET, BUSINESS_STANDARD}),  # EconoTimes is undated
        ("date:2025", TODAY, {EUNEWS, HURRIYET, BUSINESS_STANDARD}),
        ("date:2024", TODAY, set()),
        ("date:>2025-02-25", TODAY, {EUNEWS, BUSINESS_STANDARD}),
        ("date:>=2025-02-27", TODAY, {EUNEWS, BUSINESS_STANDARD}),
        ("date:>2025-02-27", TODAY, {BUSINESS_STANDARD}),
        ("date:<2025-02-27", TODAY, {HURRIYET}),
        ("date:<=2025-02-27", TODAY, {HURRIYET, EUNEWS}),
        ("date:<2025-03", TODAY, {EUNEWS, HURRIYET, BUSINESS_STANDARD}),
        ("date:2025-02-24..2025-02-27", TODAY, {EUNEWS}),
        ("date:2025-02-24..", TODAY, {EUNEWS, BUSINESS_STANDARD}),
        ("date:..2025-02-23", TODAY, {HURRIYET}),
        ("date:today", date(2025, 2, 28), {BUSINESS_STANDARD}),
        ("date:yesterday", date(2025, 2, 28), {EUNEWS}),
        ('date:"last week"', date(2025, 3, 1), {EUNEWS, HURRIYET, BUSINESS_STANDARD}),
        ('date:"last week"', date(2025, 3, 2), {EUNEWS, BUSINESS_STANDARD}),
        ('date:"last month"', date(2025, 3, 20), {EUNEWS, HURRIYET, BUSINESS_STANDARD}),
        ('date:"last 3 days"', date(2025, 2, 28), {EUNEWS, BUSINESS_STANDARD}),
        ("lavrov date:2025-02-23", TODAY, {HURRIYET}),
    ],
)
def test_date_filters(corpus: Corpus, query: str, today: date, expected: set[str]) -> None:
    assert outlets(search(corpus, query, today=today)) == expected


def test_a_date_that_means_nothing_is_left_out_and_said(corpus: Corpus) -> None:
    result = search(corpus, "lavrov date:soon")
    assert outlets(result) == {EUNEWS, HURRIYET, BUSINESS_STANDARD}
    assert result.message and "date:soon" in result.message and "2025-02" in result.message


def test_sort_by_date_puts_the_newest_first_and_undated_last(corpus: Corpus) -> None:
    result = search(corpus, "talks", sort="date")
    assert [h.outlet for h in result.hits] == [BUSINESS_STANDARD, EUNEWS, HURRIYET, ECONOTIMES]
    assert all(h.score > 0 for h in result.hits)  # the score is still the relevance


def test_filters_alone_list_newest_first(corpus: Corpus) -> None:
    result = search(corpus, "date:2025-02")
    assert [h.outlet for h in result.hits] == [BUSINESS_STANDARD, EUNEWS, HURRIYET]


def test_outlet_option_keeps_one_outlet(corpus: Corpus) -> None:
    assert outlets(search(corpus, "talks", outlet="business standard")) == {BUSINESS_STANDARD}
    assert outlets(search(corpus, "talks", outlet='Hürriyet "Daily')) == {HURRIYET}
    assert outlets(search(corpus, "lavorv", outlet="eunews")) == set()


def test_limit_and_total(corpus: Corpus) -> None:
    result = search(corpus, "talks", limit=2)
    assert len(result.hits) == 2
    assert result.total == 4


# ---- ranking ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "first"),
    [
        # The word in the title (weight 8) beats the same word only in a body.
        ("summit", HURRIYET),
        ('"Western elites"', EUNEWS),
        ("peace talks Istanbul", ECONOTIMES),
        ("diplomats", BUSINESS_STANDARD),
        ("Peskov Kremlin", BUSINESS_STANDARD),  # in the standfirst (boost 2)
        ("Erdogan", EUNEWS),
        # Both words in a headline beat one of them in a headline and the other in the body.
        ("Istanbul talks", ECONOTIMES),
    ],
)
def test_ranking_prefers_titles_and_standfirsts(corpus: Corpus, query: str, first: str) -> None:
    assert search(corpus, query).hits[0].outlet == first


# ---- highlights and snippets --------------------------------------------------------------------


def test_match_offsets_point_at_the_words_as_printed(corpus: Corpus) -> None:
    for query in ("Kiev", "Kyiv"):
        for hit in search(corpus, query).hits:
            body = corpus.article(hit.id).body
            printed = {body[s:e] for s, e in hit.matches}
            expected = {"Kiev"} if hit.outlet == HURRIYET else {"Kyiv"}
            assert printed == expected, (query, hit.outlet)


def test_offsets_are_into_the_body_that_show_json_prints(
    corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    hit = next(h for h in search(corpus, "Zelenskiy Lavrov").hits if h.outlet == HURRIYET)
    code = main(["--data-dir", str(corpus.config.data_dir), "show", hit.id, "--json"])
    body = json.loads(capsys.readouterr().out)["body"]
    assert code == 0
    assert sorted({body[s:e] for s, e in hit.matches}) == ["Lavrov", "Zelensky"]


def test_phrase_matches_cover_the_phrase(corpus: Corpus) -> None:
    for hit in search(corpus, '"Western elites" Putin').hits:
        body = corpus.article(hit.id).body
        printed = {body[s:e] for s, e in hit.matches}
        assert printed == {"Western elites", "Putin"}


def test_accented_and_variant_matches(corpus: Corpus) -> None:
    hit = search(corpus, "Antonio Turkiye").hits[0]  # the one article with both
    body = corpus.article(hit.id).body
    # The body says "António" (the standfirst "Antonio"), "Turkey" and "Türkiye".
    assert {body[s:e] for s, e in hit.matches} == {"António", "Turkey", "Türkiye"}


def test_snippet_is_short_and_marks_its_matches(corpus: Corpus) -> None:
    for query in ("Lavrov", '"Western elites"', "Kiev", "summit"):
        for hit in search(corpus, query).hits:
            assert 0 < len(hit.snippet) <= 205
            assert "\n" not in hit.snippet
            marked = {hit.snippet[s:e].casefold() for s, e in hit.snippet_matches}
            body = corpus.article(hit.id).body
            assert marked <= {body[s:e].casefold() for s, e in hit.matches}
            assert marked, (query, hit.outlet)


def test_a_hit_only_in_the_title_still_has_a_snippet(corpus: Corpus) -> None:
    (hit,) = search(corpus, "title:underway").hits
    assert hit.snippet.startswith("Preparations are underway")  # the body's start
    assert hit.matches == [] and hit.snippet_matches == []


# ---- did you mean -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "suggestion"),
    [
        ("lavorv", "lavrov"),
        ("Lavorv", "Lavrov"),
        ("zelenksy", "zelensky"),
        ("lavorv Istanbul", "lavrov Istanbul"),
        ('"sergey lavorv"', '"sergey lavrov"'),
        ("Erdgoan", "Erdogan"),
    ],
)
def test_did_you_mean(corpus: Corpus, query: str, suggestion: str) -> None:
    result = search(corpus, query)
    assert result.suggestion == suggestion
    if result.total == 0:
        assert search(corpus, suggestion).total > 0


@pytest.mark.parametrize("query", ["Lavrov", "qwxzvbn", "lavrov zzzzzzzz"])
def test_no_suggestion_when_nothing_close_or_nothing_missing(corpus: Corpus, query: str) -> None:
    assert search(corpus, query).suggestion is None


# ---- queries that are not quite queries ---------------------------------------------------------

MALFORMED = [
    '"unclosed phrase',
    "((lavrov",
    "lavrov))",
    ")(",
    "AND",
    "OR OR",
    "NOT",
    "lavrov OR",
    "AND lavrov",
    "NOT NOT lavrov",
    "!!!",
    "*",
    "-",
    "- -",
    '""',
    ":",
    "outlet:",
    "date:",
    'date:"',
    "date:>",
    "date:2025-13",
    "date:2025-02-30",
    "date:..",
    "title:",
    "foo:bar",
    "lav\x00rov\x1b[31m",
    "\u202elavrov",
    "la*v*",
    "a*",
    "( " * 300 + "lavrov",
    "NOT " * 500 + "lavrov",
    "-(" * 200,
    "lavrov " * 2000,
    "x" * 10_000,
]


@pytest.mark.parametrize("query", MALFORMED)
def test_malformed_queries_never_raise(corpus: Corpus, query: str) -> None:
    result = search(corpus, query)
    assert isinstance(result.total, int)
    json.dumps(result.to_json())
    assert result.message is None or "\n" not in result.message
    assert "please report" not in (result.message or "")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('"Western elites', "quote was not closed"),
        ("(lavrov", "bracket was not closed"),
        ("AND", "nothing to search for"),
        ("!!!", "nothing to search for"),
        ("lavrov OR", "left out"),
        ("x" * 10_000, "first 1,000"),
        ("outlet:", "needs a value"),
    ],
)
def test_malformed_queries_say_what_was_done(corpus: Corpus, query: str, message: str) -> None:
    result = search(corpus, query)
    assert result.message and message in result.message


def test_unclosed_things_are_closed_at_the_end(corpus: Corpus) -> None:
    assert outlets(search(corpus, '"Western elites')) == {EUNEWS, BUSINESS_STANDARD}
    assert outlets(search(corpus, "(Medinsky OR Ryabkov")) == {ECONOTIMES, HURRIYET}


# ---- the JSON contract --------------------------------------------------------------------------


def test_to_json_has_exactly_the_contract_keys(corpus: Corpus) -> None:
    obj = search(corpus, "Kiev").to_json()
    assert list(obj) == ["query", "total", "all_words", "took_ms", "suggestion", "hits"]
    assert obj["query"] == "Kiev" and obj["total"] == 3
    for hit in obj["hits"]:
        assert list(hit) == [
            "id", "title", "outlet", "published", "score", "snippet", "matches",
        ]  # fmt: skip
        assert isinstance(hit["snippet"], str)
        assert all(isinstance(m, list) and len(m) == 2 for m in hit["matches"])
    json.dumps(obj)


# ---- the commands -------------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


_SUMMARY = re.compile(r"^indexed (\d+), updated (\d+), removed (\d+) in \d+\.\d s$")


def test_index_command_is_incremental_and_rebuilds_on_request(
    real_cleaner: None, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    code, out, _ = run(capsys, "index")
    assert code == 0
    m = _SUMMARY.match(out.strip().splitlines()[-1])
    assert m and m.groups() == ("4", "0", "0")
    code, out, _ = run(capsys, "index")
    m = _SUMMARY.match(out.strip().splitlines()[-1])
    assert m and m.groups() == ("0", "0", "0")
    code, out, _ = run(capsys, "index", "--rebuild")
    m = _SUMMARY.match(out.strip().splitlines()[-1])
    assert m and m.groups() == ("4", "0", "0")


def test_search_command_builds_the_index_and_prints_json(
    real_cleaner: None, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    code, out, _ = run(capsys, "search", "Kiev", "--json")
    assert code == 0
    obj = json.loads(out)
    assert list(obj) == ["query", "total", "all_words", "took_ms", "suggestion", "hits"]
    assert {h["outlet"] for h in obj["hits"]} == {EUNEWS, HURRIYET, ECONOTIMES}
    hit = next(h for h in obj["hits"] if h["outlet"] == HURRIYET)
    code, out, _ = run(capsys, "show", hit["id"], "--json")
    body = json.loads(out)["body"]
    assert {body[s:e] for s, e in hit["matches"]} == {"Kiev"}


def test_search_command_options(
    real_cleaner: None, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    code, out, _ = run(
        capsys, "search", "talks", "--outlet", "eunews", "--limit", "1", "--sort", "date", "--json"
    )
    assert code == 0
    obj = json.loads(out)
    assert [h["outlet"] for h in obj["hits"]] == [EUNEWS]
    code, out, _ = run(capsys, "search", "talks", "--sort", "date", "--json")
    assert [h["published"] for h in json.loads(out)["hits"]] == [
        "2025-02-28", "2025-02-27", "2025-02-23", None,
    ]  # fmt: skip


def test_search_command_table_and_suggestion(
    real_cleaner: None,
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "250")  # one id per line, whole
    code, out, _ = run(capsys, "search", "lavorv")
    assert code == 0
    assert "Did you mean: lavrov" in out
    assert "No articles match" in out
    code, out, _ = run(capsys, "search", "Sergei", "Lavrov")
    assert code == 0
    assert "3 articles" in out
    assert "business-standard-russian-us-diplomats-meet-in-istanbul" in out


def test_search_command_malformed_query_is_a_warning_not_an_error(
    real_cleaner: None, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    code, out, err = run(capsys, "search", '"Western elites', "--json")
    assert code == 0
    assert json.loads(out)["total"] == 2
    assert err.startswith("parallax: warning: a quote was not closed")
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("argv", [["--limit", "0"], ["--limit", "x"], ["--sort", "size"]])
def test_search_command_bad_options(
    capsys: pytest.CaptureFixture[str], data_dir: Path, argv: list[str]
) -> None:
    code, out, err = run(capsys, "search", "talks", *argv)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("parallax: ")


def _one_source(tmp_path: Path, user_config: object, text: str) -> Path:
    """A source folder holding one scrape, named in the user's config."""
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "a.txt").write_text(text, encoding="utf-8")
    user_config(f'sources = ["{folder}"]')  # type: ignore[operator]
    return folder


def test_search_shows_text_as_written_not_markup(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    fake_cleaner: object,
    user_config: object,
    data_dir: Path,
) -> None:
    _one_source(
        tmp_path,
        user_config,
        "title: [bold]Live[/] talks\noutlet: Daily [red]Example\n\n"
        "The [link=x]negotiators[/link] met again.\n",
    )
    code, out, _ = run(capsys, "search", "negotiators")
    assert code == 0
    assert "[bold]Live[/] talks" in out
    assert "Daily [red]Example" in out
    assert "[link=x]negotiators[/link]" in out


def _all_text(corpus: Corpus, article_id: str) -> str:
    a = corpus.article(article_id).article
    return "\n".join(filter(None, [a.title, a.standfirst, a.body]))


def test_user_aliases_from_the_config_fold_in_search(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    fake_cleaner: object,
    user_config: object,
    data_dir: Path,
) -> None:
    folder = _one_source(
        tmp_path,
        user_config,
        "title: The region\noutlet: Daily Example\n\nQarabagh's roads reopened.\n",
    )
    write = user_config  # type: ignore[assignment]
    code, out, _ = run(capsys, "search", "Karabakh", "--json")
    assert json.loads(out)["total"] == 0
    write(f'sources = ["{folder}"]\n[aliases]\nkarabakh = ["qarabagh", "garabagh"]')  # type: ignore[operator]
    code, out, err = run(capsys, "index")
    assert "name-variant table ([aliases]) changed" in err
    assert out.strip().startswith("indexed 1, updated 0, removed 0")
    for query in ("Karabakh", "garabagh", "QARABAGH"):
        code, out, _ = run(capsys, "search", query, "--json")
        (hit,) = json.loads(out)["hits"]
        body = json.loads(run(capsys, "show", hit["id"], "--json")[1])["body"]
        assert [body[s:e] for s, e in hit["matches"]] == ["Qarabagh"]


_PIECES = st.sampled_from(
    [
        "lavrov", "Kiev", "AND", "OR", "NOT", "(", ")", '"', "-", "*", ":", "outlet:", "date:",
        "date:>", "..", "2025-02", "title:", "agency:ap", " ", "\x00", "é", "U.S.", "zelen*",
        '"last week"', "lavorv",
    ]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=120), st.lists(_PIECES, max_size=25).map(" ".join)))
def test_any_query_searches_without_raising(corpus: Corpus, query: str) -> None:
    result = search(corpus, query, limit=3)
    assert 0 <= len(result.hits) <= min(3, result.total)
    assert "please report" not in (result.message or "") and "failed" not in (result.message or "")
    for hit in result.hits:
        body = corpus.article(hit.id).body
        assert all(0 <= s < e <= len(body) for s, e in hit.matches)

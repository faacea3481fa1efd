"""Saved HTML pages: what the page says about itself (JSON-LD, OpenGraph, <meta>, canonical,
<time>, byline markup) comes first, with its provenance; bad pages get one clear line."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parallax.index.cleaner import CleanError, clean_html
from parallax.index.cleaner.html import parse_json_ld, read_page
from parallax.tui.cli import main

PARAGRAPHS = """
<p>The harbour board voted on Tuesday to close the old ferry pier for repairs, after engineers
found that two of its supporting piles had cracked during the winter storms this year.</p>
<p>Repairs are expected to take about four months, the board said, and a temporary landing will
be built on the eastern side of the harbour so that the morning ferries can keep running.</p>
<p>Local traders welcomed the decision but asked the board to keep the car park open during the
works, since most of their customers arrive by car from the villages along the coast.</p>
"""


def page(head: str = "", body_top: str = "", *, article: str = PARAGRAPHS) -> str:
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'>{head}</head><body>"
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li></ul></nav>"
        f"<article>{body_top}{article}</article>"
        "<footer><p>Contact us</p></footer></body></html>"
    )


def json_ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


HEADLINE = "Harbour board closes the old ferry pier for repairs"


def test_json_ld_article_gives_title_authors_date_and_section() -> None:
    head = json_ld(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": HEADLINE,
            "author": [
                {"@type": "Person", "name": "Jane Doe"},
                {"@type": "Person", "name": "John Roe"},
            ],
            "datePublished": "2024-03-05T10:00:00+01:00",
            "articleSection": "Local",
            "publisher": {"@type": "Organization", "name": "The Harbour Times"},
        }
    )
    result = clean_html(page(head, f"<h1>{HEADLINE}</h1>"))
    article = result.article
    assert article.title == HEADLINE
    assert article.author == "Jane Doe; John Roe"
    assert article.published == date(2024, 3, 5)
    assert article.section == "Local"
    assert result.origins["author"] == "json-ld author"
    assert result.origins["published"] == "json-ld datePublished"
    assert "json-ld headline" in result.origins["title"]
    assert HEADLINE not in article.body  # the headline is not repeated as the first paragraph
    assert article.paragraphs[0].startswith("The harbour board voted")


def test_json_ld_graph_with_author_references() -> None:
    head = json_ld(
        {
            "@context": "https://schema.org",
            "@graph": [
                {"@type": "WebSite", "@id": "#site", "name": "The Harbour Times"},
                {"@type": "Person", "@id": "#jane", "name": "Jane Doe"},
                {
                    "@type": ["Article", "NewsArticle"],
                    "headline": HEADLINE,
                    "author": {"@id": "#jane"},
                    "datePublished": "2024-03-05",
                },
            ],
        }
    )
    article = clean_html(page(head)).article
    assert article.title == HEADLINE
    assert article.author == "Jane Doe"
    assert article.published == date(2024, 3, 5)


def test_a_headline_that_is_the_site_name_is_not_the_title() -> None:
    head = json_ld({"@type": "NewsArticle", "headline": "The Harbour Times"}) + (
        '<meta property="og:site_name" content="The Harbour Times">'
    )
    result = clean_html(page(head, f"<h1>{HEADLINE}</h1>"))
    assert result.article.title == HEADLINE
    assert result.origins["title"] == "<h1>"


def test_broken_json_ld_falls_back_to_the_meta_tags() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>'
        f'<meta property="og:title" content="{HEADLINE} | The Harbour Times">'
        '<meta property="og:site_name" content="The Harbour Times">'
        '<meta name="author" content="Jane Doe">'
        '<meta property="article:published_time" content="2024-03-05T09:00:00Z">'
    )
    result = clean_html(page(head))
    assert result.article.title == HEADLINE
    assert result.origins["title"] == "og:title"
    assert result.article.author == "Jane Doe"
    assert result.origins["author"] == "<meta author>"
    assert result.article.published == date(2024, 3, 5)


def test_open_graph_only_gives_title_url_and_outlet() -> None:
    head = (
        f'<meta property="og:title" content="{HEADLINE} - The Harbour Times">'
        '<meta property="og:site_name" content="The Harbour Times">'
        '<meta property="og:url" content="https://harbour.example/news/pier">'
    )
    result = clean_html(page(head))
    assert result.article.title == HEADLINE
    assert result.article.url == "https://harbour.example/news/pier"
    assert result.origins["url"] == "og:url"
    assert result.article.outlet == "The Harbour Times"
    assert result.origins["outlet"] == "og:site_name"


def test_a_site_name_with_a_tagline_gives_the_name_alone() -> None:
    for site_name, url, outlet in (
        (
            "Harbour Times | News, Weather, Sports | Northport",
            "https://harbour.example/a",
            "Harbour Times",
        ),
        ("Noticias del puerto - Harbour Times", "https://harbourtimes.example/a", "Harbour Times"),
    ):
        head = (
            f'<meta property="og:title" content="{HEADLINE}">'
            f'<meta property="og:site_name" content="{site_name}">'
            f'<meta property="og:url" content="{url}">'
        )
        assert clean_html(page(head)).article.outlet == outlet


def test_canonical_link_is_the_url_and_the_outlet_table_names_it() -> None:
    head = '<link rel="canonical" href="https://www.harbour.example/news/pier">'
    result = clean_html(page(head), outlets={"harbour.example": "Harbour Times"})
    assert result.article.url == "https://www.harbour.example/news/pier"
    assert result.origins["url"] == "<link rel=canonical>"
    assert result.article.outlet == "Harbour Times"
    given_url = clean_html(page(head), url="https://mirror.example/pier").article
    assert given_url.url == "https://mirror.example/pier"


def test_time_element_gives_the_date() -> None:
    top = f"<h1>{HEADLINE}</h1><time datetime='2023-11-20T08:30:00'>20 November</time>"
    result = clean_html(page("", top))
    assert result.article.published == date(2023, 11, 20)
    assert result.origins["published"] == "<time datetime>"


def test_the_date_shown_under_the_headline_wins_over_stale_metadata() -> None:
    head = '<meta property="article:published_time" content="2019-01-02T10:00:00Z">'
    top = f"<h1>{HEADLINE}</h1><div>Updated 14 March 2021</div>"
    result = clean_html(page(head, top))
    assert result.article.published == date(2021, 3, 14)
    assert result.origins["published"] == "date under the headline"
    no_date_shown = clean_html(page(head, f"<h1>{HEADLINE}</h1>"))
    assert no_date_shown.article.published == date(2019, 1, 2)


def test_a_byline_under_the_headline_when_the_markup_has_none() -> None:
    top = f"<h1>{HEADLINE}</h1><div>By</div><div>Jane Doe |</div><div>5 March 2024</div>"
    result = clean_html(page("", top))
    assert result.article.author == "Jane Doe"
    assert result.origins["author"] == "byline under the headline"


def test_credits_and_captions_are_not_authors_or_body() -> None:
    top = (
        f"<h1>{HEADLINE}</h1><p class='byline'>Edited by Jane Doe</p>"
        "<figure><img src='pier.jpg'><figcaption>The old pier seen from the harbour wall "
        "at low tide on Monday morning</figcaption></figure>"
    )
    result = clean_html(page("", top))
    assert result.article.author is None
    assert "low tide" not in result.article.body


def test_appeals_to_the_reader_at_the_edges_are_dropped_but_not_inside() -> None:
    inside = (
        "<p>The board said residents who subscribe to its text alerts will be told when the "
        "temporary landing opens, and that the pier will reopen before the summer season.</p>"
    )
    end = "<p>Subscribe now to our weekly edition for the full story and more local news.</p>"
    article = clean_html(page(article=PARAGRAPHS + inside + PARAGRAPHS + end)).article
    assert "subscribe to its text alerts" in article.body
    assert "Subscribe now" not in article.body


def test_a_title_with_an_unknown_site_name_gives_the_headline_part() -> None:
    head = f"<title>{HEADLINE} - harbourwatch</title>"
    result = clean_html(page(head, f"<h1>{HEADLINE}</h1>"))
    assert result.article.title == HEADLINE
    assert result.origins["title"] == "<h1>, a part of the <title>"
    # No <h1>: the part of the <title> the page shows as a line of its own.
    shown = clean_html(
        page(f"<title>Jo's Harbour Notes | {HEADLINE}</title>", f"<h2>{HEADLINE}</h2>")
    )
    assert shown.article.title == HEADLINE


def test_initials_keep_their_full_stop() -> None:
    top = f"<h1>{HEADLINE}</h1><p class='author'>By : Joe S.</p>"
    assert clean_html(page("", top)).article.author == "Joe S."


def test_byline_markup_with_several_authors() -> None:
    top = f"<h1>{HEADLINE}</h1><p class='byline'>By Jane Doe and John Roe · 5 March 2024</p>"
    result = clean_html(page("", top))
    assert result.article.author == "Jane Doe; John Roe"
    assert result.origins["author"] == "byline markup"


def test_a_visible_byline_that_names_someone_else_wins_over_the_json_ld() -> None:
    head = json_ld({"@type": "NewsArticle", "headline": HEADLINE, "author": "Web Desk Person"})
    top = f"<h1>{HEADLINE}</h1><span rel='author'>By Jane Doe</span>"
    assert clean_html(page(head, top)).article.author == "Jane Doe"


def test_explain_prints_where_each_field_came_from(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "pier.html"
    head = json_ld({"@type": "NewsArticle", "headline": HEADLINE, "datePublished": "2024-03-05"})
    source.write_text(page(head), encoding="utf-8")
    assert main(["clean", str(source), "--explain"]) == 0
    out = capsys.readouterr().out
    assert "title: json-ld headline" in out
    assert "published: json-ld datePublished" in out


# --- bad input: one clear line ---------------------------------------------------------------


def _clean_cli(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, str]:
    code = main(["clean", str(path)])
    _, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, err.strip()


def test_html_without_an_article_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "menu.html"
    source.write_text(page(article="<p>Home</p>"), encoding="utf-8")
    code, err = _clean_cli(capsys, source)
    assert code == 1
    assert "no article text" in err and "\n" not in err
    with pytest.raises(CleanError):
        clean_html("<html><body><nav>Home</nav></body></html>")


def test_empty_html_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "empty.html"
    source.write_bytes(b"")
    code, err = _clean_cli(capsys, source)
    assert code == 1
    assert "empty" in err and "\n" not in err


def test_a_50_mb_page_is_refused_by_the_size_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "huge.html"
    with source.open("w", encoding="utf-8") as handle:
        handle.write("<html><body>")
        chunk = "<p>" + "word " * 200 + "</p>\n"
        for _ in range(50 * 1024 * 1024 // len(chunk) + 1):
            handle.write(chunk)
    assert source.stat().st_size > 50 * 1024 * 1024
    code, err = _clean_cli(capsys, source)
    assert code == 1
    assert "max_file_mb" in err and "\n" not in err


@pytest.mark.parametrize(
    ("encoding", "headline", "text"),
    [
        (
            "windows-1251",
            "Совет гавани закрывает старый причал на ремонт",
            "Совет гавани во вторник проголосовал за закрытие старого причала на ремонт, "
            "после того как инженеры обнаружили трещины в двух опорах после зимних штормов. ",
        ),
        (
            "shift_jis",
            "港湾委員会が古い桟橋を修理のため閉鎖",
            "港湾委員会は火曜日、冬の嵐で支柱の二本にひびが入っているのが見つかったため、"
            "古いフェリー桟橋を修理のために閉鎖することを決めた。修理には約四か月かかる見込みだ。",
        ),
    ],
)
def test_a_page_in_another_encoding_declared_in_meta(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    encoding: str,
    headline: str,
    text: str,
) -> None:
    html = (
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={encoding}">'
        f"<title>{headline}</title></head><body><article><h1>{headline}</h1>"
        + "".join(f"<p>{text * 3}</p>" for _ in range(3))
        + "</article></body></html>"
    )
    source = tmp_path / "page.html"
    source.write_bytes(html.encode(encoding))
    assert main(["clean", str(source), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["title"] == headline
    assert text.strip()[:20] in out["body"]


# --- never raises ----------------------------------------------------------------------------


def test_parse_json_ld_reads_lists_and_graphs_and_skips_broken_scripts() -> None:
    assert parse_json_ld('[{"@type": "Article", "headline": "A"}]')[0]["headline"] == "A"
    graph = parse_json_ld('{"@graph": [{"@type": "Person", "name": "B"}]}')
    assert graph == [{"@type": "Person", "name": "B"}]
    assert parse_json_ld('{"@type": "Article", "headline": "C",}')[0]["headline"] == "C"
    assert parse_json_ld('{"@type": "Article", "headline": ') == []
    assert parse_json_ld("") == []
    assert parse_json_ld("[" * 10000 + "]" * 10000) == []


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                ["@type", "@id", "@graph", "headline", "author", "name", "datePublished"]
            ),
            inner,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(json_values, st.text(max_size=30))
def test_json_ld_and_meta_of_any_shape_never_raise(data: object, noise: str) -> None:
    script = json.dumps(data) + noise
    assert all(isinstance(item, dict) for item in parse_json_ld(script))
    html = page(
        f'<script type="application/ld+json">{script.replace("<", "")}</script>'
        f'<meta property="og:title" content="{noise.replace(chr(34), "")}">'
        f"<time datetime='{noise.replace(chr(39), '')}'>x</time>"
    )
    try:
        result = clean_html(html)
    except CleanError:
        return
    assert result.article.title is None or "\n" not in result.article.title


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_any_text_as_html_is_an_article_or_one_clean_error(text: str) -> None:
    try:
        clean_html(text)
    except CleanError as error:
        assert "\n" not in str(error)


def test_read_page_on_a_page_without_head() -> None:
    from trafilatura.utils import load_html

    facts = read_page(load_html("<html><body><p>just a paragraph of text here</p></body></html>"))
    assert facts.articles == [] and facts.canonical is None


# --- authors: the forms bylines and credits take --------------------------------------------

TEASERS = (
    "<aside><h2>Most read</h2><p class='author'>Ann Lee</p></aside>"
    "<ul><li><a href='/other-story'><span class='author'>Bob Stone</span>"
    "<h3>Another story from the same harbour</h3></a></li></ul>"
)


def test_bylines_of_other_articles_teasers_are_not_the_author() -> None:
    top = f"<h1>{HEADLINE}</h1>"
    assert clean_html(page("", TEASERS + top)).article.author is None
    box = "<div class='author-box'>About the Author - <span>Jane Doe</span></div>"
    result = clean_html(page("", TEASERS + top + box))
    assert result.article.author == "Jane Doe"
    assert result.origins["author"] == "byline markup"


def test_a_source_naming_all_the_authors_wins_over_one_naming_the_first() -> None:
    head = json_ld({"@type": "NewsArticle", "headline": HEADLINE, "author": "Jane Doe"})
    head += '<meta name="author" content="Jane Doe, John Roe">'
    result = clean_html(page(head, f"<h1>{HEADLINE}</h1>"))
    assert result.article.author == "Jane Doe; John Roe"
    assert result.origins["author"] == "<meta author>"


@pytest.mark.parametrize(
    ("markup", "author", "agency"),
    [
        ("<p class='byline'>By Staff Writer</p>", "Staff Writer", None),
        ("<p class='byline'>By News Desk | 5 March 2024</p>", "News Desk", None),
        ("<p class='credit'>JIJI</p>", "JIJI", "Jiji"),
        ("<span class='author'>By AFP</span>", "AFP", "AFP"),
        (
            "<span class='byline'>Reuters / Harbour Times</span>",
            "Reuters / Harbour Times",
            "Reuters",
        ),
    ],
)
def test_a_staff_or_wire_credit_is_the_author_when_no_one_is_named(
    markup: str, author: str, agency: str | None
) -> None:
    head = '<meta property="og:site_name" content="Harbour Times">'
    result = clean_html(page(head, f"<h1>{HEADLINE}</h1>{markup}"))
    assert result.article.author == author
    assert result.article.agency == agency


def test_a_wire_credit_in_the_author_meta_keeps_its_form() -> None:
    head = '<meta property="og:article:author" content="AFP/Harbour Times">'
    head += '<meta property="og:site_name" content="Harbour Times">'
    result = clean_html(page(head, f"<h1>{HEADLINE}</h1>"))
    assert result.article.author == "AFP/Harbour Times"
    assert result.article.agency == "AFP"


def test_picture_credits_and_the_site_alone_are_not_authors() -> None:
    head = '<meta property="og:site_name" content="Harbour Times">'
    picture = "<figure><img src='pier.jpg'><p class='credit'>AFP</p></figure>"
    site_only = "<p class='byline'>By Harbour Times</p>"
    result = clean_html(page(head, f"<h1>{HEADLINE}</h1>{picture}{site_only}"))
    assert result.article.author is None


def test_a_name_signing_the_article_above_a_date() -> None:
    signed = PARAGRAPHS + "<p>Jane</p><p>10. September 2017</p>"
    result = clean_html(page("", f"<h1>{HEADLINE}</h1>", article=signed))
    assert result.article.author == "Jane"
    assert result.origins["author"] == "the name signing the article"
    closing = PARAGRAPHS + "<p>Thanks</p><p>10 September 2017</p>"
    assert clean_html(page("", f"<h1>{HEADLINE}</h1>", article=closing)).article.author is None


@pytest.mark.parametrize(
    ("footer", "author"),
    [
        ("Copyright (c) 2012- Jane Doe. All rights reserved.", "Jane Doe"),
        ("© 2024 Jane Doe", "Jane Doe"),
        ("© 2024 Harbour Media Group. All rights reserved.", None),
        ("© ALL RIGHTS RESERVED", None),
    ],
)
def test_a_persons_copyright_line_names_the_author_of_a_personal_site(
    footer: str, author: str | None
) -> None:
    html = page("", f"<h1>{HEADLINE}</h1>").replace("<p>Contact us</p>", f"<p>{footer}</p>")
    result = clean_html(html)
    assert result.article.author == author
    if author:
        assert result.origins["author"] == "the page's copyright line"


def test_a_creator_user_name_the_page_shows_after_by() -> None:
    head = '<meta name="twitter:creator" content="delta77">'
    shown = clean_html(page(head, f"<div>by</div><div>delta77</div><h1>{HEADLINE}</h1>"))
    assert shown.article.author == "delta77"
    assert clean_html(page(head, f"<h1>{HEADLINE}</h1>")).article.author is None


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.lists(st.text(max_size=60), max_size=4))
def test_author_rules_never_raise_on_any_text(text: str, paragraphs: list[str]) -> None:
    from parallax.index.cleaner.html import (
        PageFacts,
        SiteNames,
        copyright_person,
        credit_agency,
        signature,
        staff_or_wire_credit,
    )

    site = SiteNames(PageFacts(), "harbour.example")
    for found in (
        copyright_person(text, site),
        signature([*paragraphs, text], site),
        staff_or_wire_credit(text, site),
        credit_agency(text),
    ):
        assert found is None or (isinstance(found, str) and "\n" not in found)
